//! `cargo run --release --bin repeat -- FILE N PROVIDER RESOURCE`: `normalize_json_spliced` (the
//! wasm binding's path) N times on one input, for a profiler (`perf record -g`, `valgrind
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
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        match paynorm::normalize_json_spliced(provider, resource, &input, &options) {
            Ok(out) => bytes += out.text.len(),
            Err(e) => panic!("{e}"),
        }
    }
    eprintln!("{:?} per call ({bytes} bytes written)", start.elapsed() / n.max(1));
}
