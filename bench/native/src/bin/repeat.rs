//! `cargo run --release --bin repeat -- FILE N PROVIDER RESOURCE`: what the wasm binding's
//! `__paynorm_run` does (`normalize_json_spliced_as` with the names parsed once and one output
//! buffer kept between calls) N times on one input, for a profiler (`perf record -g`, `valgrind
//! --tool=callgrind`); prints the mean time per call. Same profile as the shipped .wasm.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, n, provider, resource] = args.as_slice() else {
        eprintln!("usage: repeat FILE N PROVIDER RESOURCE");
        std::process::exit(2);
    };
    let input = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let n: u32 = n.parse().expect("N is a count");
    let options = paynorm::Options::default();
    let (provider, resource) = paynorm::parse_names(provider, resource).expect("known names");
    let mut text = String::new();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        match paynorm::normalize_json_spliced_as(provider, resource, &input, &options, &mut text) {
            Ok(_) => bytes += text.len(),
            Err(e) => panic!("{e}"),
        }
    }
    eprintln!("{:?} per call ({bytes} bytes written)", start.elapsed() / n.max(1));
}
