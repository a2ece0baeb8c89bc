//! `cargo run --release --bin normalize -- PROVIDER RESOURCE FILE...` (`-` = stdin): prints
//! `paynorm::normalize_json` of each file on its own line (`{"error": ...}` on failure). Lets the
//! Node side compare the native core's output with the wasm package's (check-fixtures.mjs).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [provider, resource, files @ ..] = args.as_slice() else {
        eprintln!("usage: normalize PROVIDER RESOURCE FILE...");
        std::process::exit(2);
    };
    let options = paynorm::Options::default();
    for file in files {
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).expect("stdin");
            buf
        } else {
            std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"))
        };
        match paynorm::normalize_json(provider, resource, &bytes, &options) {
            Ok(text) => println!("{text}"),
            Err(e) => println!("{}", serde_json_error(&format!("{e:?}"))),
        }
    }
}

fn serde_json_error(debug: &str) -> String {
    let escaped: String = debug
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' => vec!['\\', 'n'],
            c => vec![c],
        })
        .collect();
    format!("{{\"error\":\"{escaped}\"}}")
}
