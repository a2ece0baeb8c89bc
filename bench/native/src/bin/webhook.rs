//! `cargo run --release --bin webhook -- FILE N PROVIDER`: `parse_webhook` N times on one event
//! body (PROVIDER a name or `auto`), for a profiler or a before/after comparison; prints the
//! mean time per call. Same profile as the shipped .wasm.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, n, provider] = args.as_slice() else {
        eprintln!("usage: webhook FILE N PROVIDER");
        std::process::exit(2);
    };
    let body = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let n: u32 = n.parse().expect("N is a count");
    let provider = match provider.as_str() {
        "auto" => None,
        name => Some(paynorm::Provider::parse(name).unwrap_or_else(|e| panic!("{e}"))),
    };
    // A fixed clock: the body is parsed, not verified.
    let options = paynorm::WebhookOptions {
        now: Some(1_700_000_000),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    for _ in 0..n {
        if let Err(e) = std::hint::black_box(paynorm::parse_webhook(provider, &body, &options)) {
            panic!("{e}");
        }
    }
    eprintln!("{:?} per call", start.elapsed() / n.max(1));
}
