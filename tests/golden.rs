//! Hand-checked golden outputs: each `tests/golden/<provider>/<name>.json` names a shared fixture,
//! the provider and resource to normalize it as, optional options, and the expected unified
//! output (without `remote_data`), written from the mapping contract (docs/mapping.md) by hand and reviewed field by field.

mod common;

use paynorm::{normalize_value, Options};
use serde_json::Value;
use std::path::Path;

#[test]
fn golden_outputs_match() {
    let Some(fixtures) = common::fixtures_dir() else {
        return common::skip_without_fixtures("golden_outputs_match");
    };
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = walk(&golden_dir);
    files.sort();
    let mut failures = Vec::new();
    let mut per_provider = std::collections::BTreeMap::<String, usize>::new();
    for path in &files {
        let golden: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fixture = golden["fixture"].as_str().expect("fixture");
        let provider = golden["provider"].as_str().expect("provider");
        if std::env::var("PAYNORM_ONLY").is_ok_and(|only| only != provider) {
            continue;
        }
        let resource = golden["resource"].as_str().expect("resource");
        let mut options: Options = match golden.get("options") {
            Some(o) => serde_json::from_value(o.clone()).expect("options"),
            None => Options::default(),
        };
        options.remote_data = false;
        let bytes =
            std::fs::read(fixtures.join(fixture)).unwrap_or_else(|e| panic!("{fixture}: {e}"));
        *per_provider.entry(provider.to_string()).or_default() += 1;
        match normalize_value(provider, resource, &bytes, &options) {
            Ok(actual) if actual == golden["expected"] => {}
            Ok(actual) => failures.push(format!(
                "{}: output differs\n  expected: {}\n  actual:   {}",
                path.display(),
                golden["expected"],
                actual
            )),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    eprintln!("golden files per provider: {per_provider:?}");
    assert!(
        files.len() >= 8,
        "expected golden files under tests/golden, found {}",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} golden mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out
}
