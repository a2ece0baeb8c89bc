//! Empty: this package exists for `cargo bench` (benches/normalize.rs).
