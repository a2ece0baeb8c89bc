#!/usr/bin/env bash
# Installs everything paynorm's build and tests need on a fresh Debian 12 machine, skipping what
# is already present at the pinned version (each pin says why it exists where it is set).
# Idempotent; prints each step's time. Tools go to $PAYNORM_TOOLS (default /opt/paynorm-tools),
# a fixed folder later runs reuse.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
TOOLS=${PAYNORM_TOOLS:-/opt/paynorm-tools}
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"

step() { # step NAME COMMAND...: runs and times one step
  local name=$1; shift
  local t0=$SECONDS
  "$@"
  echo "setup: $name done in $((SECONDS - t0)) s"
}

need_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

browser() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    echo "setup: chromium $(chromium --version 2>/dev/null | awk '{print $2}') and chromedriver present"
    return
  fi
  # Debian's own packages; never a tool's browser download. Not Debian's binaryen (its wasm-opt
  # 108 breaks wasm-bindgen 0.2.130 output): wasm-opt comes from npm's binaryen.
  need_sudo apt-get update -qq
  need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "setup: rust target wasm32-unknown-unknown present"
  else
    rustup target add wasm32-unknown-unknown
  fi
}

cargo_tool() { # cargo_tool CRATE BINARY VERSION [--locked]
  local crate=$1 bin=$2 version=$3 locked=${4:-}
  if "$TOOLS/bin/$bin" --version 2>/dev/null | grep -q " $version"; then
    echo "setup: $bin $version present"
    return
  fi
  # wasm-bindgen-cli goes without --locked: its lockfile pins a crate version the registry
  # mirror does not have.
  cargo install "$crate" --version "$version" --root "$TOOLS" $locked --quiet
}

npm_packages() {
  # npm ci wipes node_modules; skip it when the installed tree came from this very lockfile.
  if cmp -s package-lock.json node_modules/.paynorm-lock 2>/dev/null; then
    echo "setup: npm packages present"
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.paynorm-lock
}

step "chromium + chromedriver" browser
step "wasm32 target" wasm_target
step "wasm-bindgen-cli $WASM_BINDGEN_VERSION" cargo_tool wasm-bindgen-cli wasm-bindgen "$WASM_BINDGEN_VERSION"
step "wasm-pack $WASM_PACK_VERSION" cargo_tool wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
# The fuzz smoke of scripts/test.sh (fuzz/README.md); built on stable with RUSTC_BOOTSTRAP=1.
step "cargo-fuzz $CARGO_FUZZ_VERSION" cargo_tool cargo-fuzz cargo-fuzz "$CARGO_FUZZ_VERSION"
runtime_tools() {
  # Deno, Node 22 (for wrangler), wrangler, Vite, webpack, esbuild, TypeScript: only the runtime
  # and bundler tests use them, so they live in tests/runtimes/ with their own lockfile. `npm ci`
  # is refused there: the mirror lacks other platforms' optional @deno/* packages.
  if cmp -s tests/runtimes/package-lock.json tests/runtimes/node_modules/.paynorm-lock 2>/dev/null; then
    echo "setup: runtime test tools present"
    return
  fi
  npm install --prefix tests/runtimes --no-audit --no-fund --loglevel=error
  cp tests/runtimes/package-lock.json tests/runtimes/node_modules/.paynorm-lock
}

step "npm packages" npm_packages
step "runtime test tools (tests/runtimes)" runtime_tools
