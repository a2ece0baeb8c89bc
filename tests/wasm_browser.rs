#![cfg(target_arch = "wasm32")]
//! wasm-bindgen-test suite run in headless Chromium through /usr/bin/chromedriver:
//! `cargo test --target wasm32-unknown-unknown --test wasm_browser` (CHROMEDRIVER is set by
//! `npm run test:wasm`). The bodies are shared with the Node suite (tests/wasm_shared/mod.rs).

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_shared/mod.rs"]
mod shared;
