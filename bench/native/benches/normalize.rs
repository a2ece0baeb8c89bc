//! criterion benchmark of `paynorm::normalize_json` (text in, text out: the same work as the
//! Node `normalizeJson(text)` contender) on the generated inputs of the Node benchmark.
//! Run `node ../gen.mjs` (or `npm run bench`) first to write ../inputs/.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

/// (file stem, provider) in the order of bench/gen.mjs.
const INPUTS: &[(&str, &str)] = &[
    ("stripe_payment_intent", "stripe"),
    ("razorpay_payment", "razorpay"),
    ("stripe_list_100", "stripe"),
    ("razorpay_collection_100", "razorpay"),
    ("stripe_list_1000", "stripe"),
];

fn input_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("inputs")
}

fn normalize(c: &mut Criterion) {
    let options = paynorm::Options::default();
    let filter = std::env::var("BENCH_FILTER").ok();
    let mut group = c.benchmark_group("normalize_json");
    for (name, provider) in INPUTS {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let path = input_dir().join(format!("{name}.json"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{}: {e}; run `node gen.mjs` in bench/ first", path.display())
        });
        // A benchmark of an error path would measure nothing useful: make sure it maps.
        if let Err(e) = paynorm::normalize_json(provider, "payments", &bytes, &options) {
            panic!("{name}: paynorm returned an error: {e:?}");
        }
        let big = bytes.len() > 100_000;
        group.sample_size(if big { 20 } else { 100 });
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &bytes, |b, bytes| {
            b.iter(|| {
                paynorm::normalize_json(black_box(provider), "payments", black_box(bytes), &options)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, normalize);
criterion_main!(benches);
