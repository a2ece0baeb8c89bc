//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/fixtures` beside the repo, when present (CI always has it; a user's clone may not).
pub fn fixtures_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    dir.is_dir().then_some(dir)
}

/// Says why a fixture-driven test did nothing. In CI (`CI=true`) a missing `../shared` is a
/// failure: there the fixtures must be read.
pub fn skip_without_fixtures(test: &str) {
    assert!(
        std::env::var("CI").map(|v| v != "true").unwrap_or(true),
        "{test}: ../shared/fixtures is missing, and CI must run the fixture tests"
    );
    eprintln!("{test}: skipped: ../shared/fixtures is not beside this repo (it ships with the project's workspace, not with the crate)");
}

/// Every `*.json` under `dir`, sorted, as (provider, kind, path).
pub fn fixture_files(dir: &Path) -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for provider in std::fs::read_dir(dir).expect("read fixtures dir") {
        let provider = provider.expect("dir entry").path();
        if !provider.is_dir() {
            continue;
        }
        for kind in std::fs::read_dir(&provider).expect("read provider dir") {
            let kind = kind.expect("dir entry").path();
            if !kind.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&kind).expect("read kind dir") {
                let file = file.expect("dir entry").path();
                if file.extension().is_some_and(|e| e == "json") {
                    out.push((
                        provider.file_name().unwrap().to_string_lossy().into_owned(),
                        kind.file_name().unwrap().to_string_lossy().into_owned(),
                        file,
                    ));
                }
            }
        }
    }
    out.sort();
    out
}
