//! Prints, per input file, a hash of every answer the public API gives (normalize_json,
//! normalize_json_spliced, explain, detect, parse_webhook, normalize_error) over every provider
//! and resource; `--dump FILE` prints the answers themselves (README.md).
use paynorm::{Options, Provider};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// An error as one comparable line: code, message, path.
fn err(e: &paynorm::Error) -> String {
    format!("{:?}|{}|{:?}", e.code, e.message, e.path)
}

/// An answer as one line: the value's JSON, or the error.
fn line<T: serde::Serialize>(r: Result<T, paynorm::Error>) -> String {
    match r {
        Ok(v) => serde_json::to_string(&v).unwrap_or_else(|e| format!("unserializable: {e}")),
        Err(e) => err(&e),
    }
}

/// Hashes the answers of one input (and prints them, numbered, with `--dump`).
struct Sink {
    hash: DefaultHasher,
    dump: bool,
    n: usize,
}

impl Sink {
    fn put(&mut self, answer: String) {
        self.n += 1;
        if self.dump {
            println!("{:4} {answer}", self.n);
        }
        answer.hash(&mut self.hash);
    }
}

fn answers(data: &[u8], dump: bool) -> u64 {
    let plain = Options::default();
    let without_remote = Options {
        remote_data: false,
        ..Options::default()
    };
    let paging = Options::from_json(r#"{"paging":{"skip":0,"count":2}}"#).expect("options");
    let mut sink = Sink {
        hash: DefaultHasher::new(),
        dump,
        n: 0,
    };
    let names = Provider::ALL.iter().map(|p| p.as_str()).chain(["auto"]);
    for p in names {
        for r in ["customers", "orders", "payments", "auto"] {
            for o in [&plain, &without_remote, &paging] {
                sink.put(line(paynorm::normalize_json(p, r, data, o)));
            }
            sink.put(match paynorm::normalize_json_spliced(p, r, data, &plain) {
                Ok(s) => format!("{}{:?}", s.text, s.holes),
                Err(e) => err(&e),
            });
            sink.put(line(paynorm::explain(p, r, data, &plain)));
        }
    }
    sink.put(match paynorm::detect(data) {
        Ok(d) => format!("{d:?}"),
        Err(e) => err(&e),
    });
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        sink.put(format!("{:?}", paynorm::detect_value(&v)));
    }
    let mut providers: Vec<Option<Provider>> = Provider::ALL.iter().copied().map(Some).collect();
    providers.push(None);
    for p in providers {
        let options = paynorm::WebhookOptions {
            now: Some(1_700_000_000),
            ..Default::default()
        };
        sink.put(line(paynorm::parse_webhook(p, data, &options)));
        sink.put(line(paynorm::normalize_error(p, data, &Default::default())));
    }
    sink.hash.finish()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dump") {
        for file in &args[1..] {
            let data = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            answers(&data, true);
        }
        return;
    }
    for dir in args {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            println!("{name} {:016x}", answers(&data, false));
        }
    }
}
