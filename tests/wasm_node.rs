#![cfg(target_arch = "wasm32")]
//! wasm-bindgen-test suite run in Node: `cargo test --target wasm32-unknown-unknown --test
//! wasm_node` (the runner is set in .cargo/config.toml). The bodies are shared with the browser
//! suite (tests/wasm_shared/mod.rs).

#[path = "wasm_shared/mod.rs"]
mod shared;
