#!/usr/bin/env bash
# Every test suite, in order, each timed. `npm test` runs this; the README's test command and CI
# run it after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"

summary=()
step() { # step NAME COMMAND...
  local name=$1; shift
  local t0=$SECONDS
  echo
  echo "=== $name"
  "$@"
  summary+=("$(printf '%-44s %4d s' "$name" $((SECONDS - t0)))")
}

step "rustfmt (cargo fmt --check)" cargo fmt --check
step "clippy, native, features ts+schema (-D warnings)" cargo clippy --all-targets --features ts,schema --quiet -- -D warnings
step "clippy, wasm32 binding (-D warnings)" cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings
step "native tests (cargo test)" cargo test --quiet
step "fuzz smoke (cargo-fuzz, ~20 s per target)" bash scripts/fuzz-smoke.sh
step "npm package build (npm run build)" npm run --silent build
step "wasm tests, Node + headless Chromium" npm run --silent test:wasm
step "npm package in Node (npm pack + install)" npm run --silent test:node
step "workerd via Miniflare" npm run --silent test:workerd
step "runtimes, bundlers, types (tests/runtimes)" npm run --silent test:runtimes
step "preview page in Chromium (Playwright + axe)" npm run --silent test:www
step "README main job (examples)" node scripts/example.mjs

echo
echo "=== timings"
printf '%s\n' "${summary[@]}"
