#!/usr/bin/env bash
# npm run bench: every benchmark in one command, after the README's set-up (scripts/setup.sh).
#   1. builds the npm package (the .wasm under test is the current code),
#   2. installs bench/'s own devDependencies (jsonata, @truto/truto-jsonata, tinybench) if needed,
#   3. writes the deterministic inputs and runs the native criterion benchmark on them,
#   4. runs the Node benchmark: equality check of every contender first, then timings, ratios,
#      size, cold start and memory; prints the table, writes bench/results.json and BENCHMARKS.md.
# BENCH_CALLS / BENCH_TIME shorten a run (see bench/bench.mjs); BENCH_NATIVE=0 skips step 3.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"

npm run --silent build
if ! cmp -s bench/package-lock.json bench/node_modules/.paynorm-lock 2>/dev/null; then
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
  cp bench/package-lock.json bench/node_modules/.paynorm-lock
fi
node -e 'import("./bench/gen.mjs").then((g) => g.writeInputs(g.DEFAULT_SEED))'
if [ "${BENCH_NATIVE:-1}" != 0 ]; then
  # Absolute: criterion resolves a relative CARGO_TARGET_DIR from the package folder.
  CARGO_TARGET_DIR="$PWD/bench/native/target" cargo bench --quiet --manifest-path bench/native/Cargo.toml --bench normalize -- --warm-up-time 1 --measurement-time 3
fi
npm --prefix bench run --silent bench
