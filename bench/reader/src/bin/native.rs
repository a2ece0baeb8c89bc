//! `cargo run --release --bin native [FILE...]` (default: ../inputs/stripe_list_100.json and
//! ../inputs/stripe_payment_intent.json): checks that every reader reads the same values, then
//! times each and prints MB/s.
use paynorm_bench_reader::READERS;
use std::time::{Duration, Instant};

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        files = [
            "stripe_payment_intent.json",
            "stripe_list_100.json",
            "stripe_list_1000.json",
        ]
        .iter()
        .map(|f| format!("{}/../inputs/{f}", env!("CARGO_MANIFEST_DIR")))
        .collect();
    }
    for file in files {
        let input = std::fs::read(&file).expect("input file");
        let reference = READERS[0].1(&input).expect("serde_json reads the input");
        println!(
            "{} ({} bytes, {} PaymentIntents)",
            file.rsplit('/').next().unwrap_or(&file),
            input.len(),
            reference.items
        );
        for (name, read) in READERS {
            assert_eq!(
                read(&input),
                Some(reference),
                "{name} read different values"
            );
            let budget = Duration::from_millis(700);
            let t0 = Instant::now();
            let mut n = 0u32;
            while t0.elapsed() < budget {
                std::hint::black_box(read(std::hint::black_box(&input)));
                n += 1;
            }
            let per = t0.elapsed() / n;
            let mbs = input.len() as f64 / per.as_secs_f64() / 1e6;
            println!(
                "  {name:<28} {:>10.1} us  {:>7.0} MB/s",
                per.as_secs_f64() * 1e6,
                mbs
            );
        }
    }
}
