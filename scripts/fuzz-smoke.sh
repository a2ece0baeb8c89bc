#!/usr/bin/env bash
# The fuzz smoke of scripts/test.sh (issue 11, point 6): builds every cargo-fuzz target (stable
# toolchain with RUSTC_BOOTSTRAP=1, no sanitizer), seeds each corpus from ../shared/fixtures and
# runs each target for FUZZ_SMOKE_SECONDS (default 20). A crash fails the step and leaves its
# input in fuzz/artifacts/<target>/. tests/node/fuzz-replay.test.mjs then replays the corpora
# through the packed npm package. The long campaign is fuzz/campaign.sh (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"
secs=${FUZZ_SMOKE_SECONDS:-20}
# FUZZ_CORPUS: another corpus folder (absolute), e.g. while fuzz/campaign.sh uses fuzz/corpus.
corpus=${FUZZ_CORPUS:-corpus}
export FUZZ_CORPUS=$corpus
./seed.sh
RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -O
targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^paynorm-fuzz$')
failed=0
for t in $targets; do
  mkdir -p "artifacts/$t" logs
  if RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "$corpus/$t" -s none -O -- -max_total_time="$secs" -rss_limit_mb=2048 \
      -timeout=10 -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/smoke-$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/smoke-$t.log" | tail -1)
    echo "fuzz smoke: $t ok, ${runs:-?} executions in ${secs} s"
  else
    echo "fuzz smoke: $t FAILED; last lines of fuzz/logs/smoke-$t.log:" >&2
    tail -30 "logs/smoke-$t.log" >&2
    failed=1
  fi
done
exit "$failed"
