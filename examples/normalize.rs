//! Normalizes a payload file natively and prints the unified JSON.
//!
//! `cargo run --example normalize -- <provider|auto> <resource|auto> <file.json> [--no-remote-data]`

use paynorm::{normalize_value, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(provider), Some(resource), Some(file)) = (args.first(), args.get(1), args.get(2))
    else {
        eprintln!(
            "usage: normalize <provider|auto> <resource|auto> <file.json> [--no-remote-data]"
        );
        std::process::exit(2);
    };
    let options = Options {
        remote_data: !args.iter().any(|a| a == "--no-remote-data"),
        ..Options::default()
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    match normalize_value(provider, resource, &bytes, &options) {
        Ok(v) => println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        Err(e) => {
            eprintln!(
                "{}: {}{}",
                e.code,
                e.message,
                e.path.map(|p| format!(" (at {p})")).unwrap_or_default()
            );
            std::process::exit(1);
        }
    }
}
