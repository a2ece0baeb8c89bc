//! wasm-bindgen binding (placeholder; written next).
