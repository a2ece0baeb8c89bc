#!/usr/bin/env bash
# The README's two commands. Each sets up a fresh machine first (scripts/setup.sh: idempotent,
# skips what is present), then:
#   scripts/run.sh example   builds the npm package and normalizes the bundled example payloads
#   scripts/run.sh test      builds and runs every test suite (native, wasm in Node and headless
#                            Chromium, the packed npm package in Node, workerd via Miniflare)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"

case "${1:-}" in
  example)
    bash scripts/setup.sh
    npm run --silent build
    node scripts/example.mjs
    ;;
  test)
    bash scripts/setup.sh
    npm test
    ;;
  *)
    echo "usage: scripts/run.sh example|test" >&2
    exit 2
    ;;
esac
