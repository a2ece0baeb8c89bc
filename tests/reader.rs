//! The reading layer (src/reader): the tape answers exactly what the careful way (the limits
//! pass and serde_json, the engine before the tape) answers. Every fixture, and variants of it
//! (as a bare array, truncated, with a repeated key, with escapes, nested deep), through every
//! provider of the registry and `auto`, every resource and `auto`, with several options: the
//! output text or the error (code, message, path) must be the same both ways.

mod common;

use paynorm::{
    explain, normalize_json, normalize_json_spliced, parse_webhook, read_carefully, Options,
    Paging, Provider, Resource, WebhookOptions,
};

/// The fixture itself, then its variants (the first is the fixture as is).
fn variants(text: &str) -> Vec<String> {
    let mut out = vec![text.to_string(), format!("[{text}, {text}]")];
    let trimmed = text.trim();
    if let Some(body) = trimmed.strip_prefix('{') {
        // A member put in front of the fixture's own: a repeated key, first as null or as a
        // wrong type; an escaped key; deep values; the numbers and strings only the careful way
        // used to read.
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let mut front: Vec<(&str, String)> = Vec::new();
        for key in [
            "id", "object", "entity", "amount", "status", "currency", "data", "items",
        ] {
            front.push((key, "null".into()));
        }
        for key in ["id", "amount", "data"] {
            front.push((key, "[1]".into()));
        }
        for key in ["a", "amount", "created", "id"] {
            front.push((key, "-0".into()));
        }
        for key in ["amount", "created", "id"] {
            front.push((key, "1.5e3".into()));
        }
        front.push(("\\u0069d", "\"\\u00e9\\n\"".into()));
        front.push(("metadata_deep", deep(100)));
        front.push(("metadata", deep(127)));
        front.push(("a", "\"\\ud83d\\ude00\"".into()));
        for (key, value) in front {
            out.push(format!("{{\"{key}\":{value},{body}"));
        }
    }
    for cut in [1, text.len() / 2, text.len().saturating_sub(2)] {
        if let Some(prefix) = text.get(..cut) {
            out.push(prefix.to_string());
        }
    }
    out
}

fn options() -> Vec<Options> {
    vec![
        Options::default(),
        Options {
            remote_data: false,
            ..Options::default()
        },
        Options {
            paging: Some(Paging { skip: 0, count: 1 }),
            ..Options::default()
        },
        Options {
            exclude_fields: vec!["status".into()],
            ..Options::default()
        },
    ]
}

/// The fixtures are split into shards, one test each, so that the test harness runs them side
/// by side.
const SHARDS: usize = 4;

#[test]
fn shard_0() {
    the_tape_answers_what_the_careful_way_answers(0);
}

#[test]
fn shard_1() {
    the_tape_answers_what_the_careful_way_answers(1);
}

#[test]
fn shard_2() {
    the_tape_answers_what_the_careful_way_answers(2);
}

#[test]
fn shard_3() {
    the_tape_answers_what_the_careful_way_answers(3);
}

fn the_tape_answers_what_the_careful_way_answers(shard: usize) {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("the_tape_answers_what_the_careful_way_answers");
    };
    let providers: Vec<String> = Provider::ALL
        .iter()
        .map(|p| p.as_str().to_string())
        .chain(["auto".to_string()])
        .collect();
    let resources: Vec<&str> = Resource::ALL
        .iter()
        .map(|r| r.as_str())
        .chain(["auto"])
        .collect();
    let options = options();
    let mut compared = 0usize;
    let before = paynorm::tape_reads();
    let mut mismatches = Vec::new();
    let files = common::fixture_files(&dir);
    for (_, _, path) in files.iter().skip(shard).step_by(SHARDS) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for (v, input) in variants(&text).into_iter().enumerate() {
            for p in &providers {
                for r in &resources {
                    // Every option on the fixture itself, the defaults on its variants.
                    for (k, o) in options.iter().enumerate().take(if v == 0 { 4 } else { 1 }) {
                        let fast = normalize_json(p, r, input.as_bytes(), o);
                        let reads = paynorm::tape_reads();
                        let careful = read_carefully(|| normalize_json(p, r, input.as_bytes(), o));
                        assert_eq!(
                            paynorm::tape_reads(),
                            reads,
                            "the careful way used the tape"
                        );
                        compared += 1;
                        if format!("{fast:?}") != format!("{careful:?}") {
                            mismatches.push(format!(
                                "{} {p} {r} options#{k}: input {:.80?}\n  tape:    {:.300?}\n  careful: {:.300?}",
                                path.display(),
                                input,
                                fast,
                                careful
                            ));
                        }
                        if k == 0 {
                            let fast = normalize_json_spliced(p, r, input.as_bytes(), o);
                            let careful = read_carefully(|| {
                                normalize_json_spliced(p, r, input.as_bytes(), o)
                            });
                            if fast != careful {
                                mismatches.push(format!(
                                    "spliced {} {p} {r}: input {:.80?}\n  tape:    {:.300?}\n  careful: {:.300?}",
                                    path.display(), input, fast, careful
                                ));
                            }
                            let fast = format!("{:?}", explain(p, r, input.as_bytes(), o));
                            let careful = format!(
                                "{:?}",
                                read_carefully(|| explain(p, r, input.as_bytes(), o))
                            );
                            if fast != careful {
                                mismatches.push(format!(
                                    "explain {} {p} {r}: input {:.80?}\n  tape:    {:.300}\n  careful: {:.300}",
                                    path.display(), input, fast, careful
                                ));
                            }
                        }
                    }
                }
            }
            for provider in Provider::ALL.iter().copied().map(Some).chain([None]) {
                let o = WebhookOptions::default();
                let fast = parse_webhook(provider, input.as_bytes(), &o);
                let careful = read_carefully(|| parse_webhook(provider, input.as_bytes(), &o));
                if format!("{fast:?}") != format!("{careful:?}") {
                    mismatches.push(format!(
                        "parse_webhook {} {provider:?}: input {:.80?}\n  tape:    {:.300?}\n  careful: {:.300?}",
                        path.display(), input, fast, careful
                    ));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {compared} differ:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(compared > 1_000, "only {compared} compared");
    // The comparison means something only if the tape answered most reads.
    let answered = paynorm::tape_reads() - before;
    assert!(
        answered > compared as u64,
        "the tape answered only {answered} reads"
    );
}

/// Found by replaying the fuzz corpora: a float where an integer belongs is named in the error
/// by the value serde_json reads, which is not always the nearest double (`5e71` reads as
/// `5.000000000000001e71`). The tape must name the same one.
#[test]
fn floats_where_integers_belong_are_named_as_serde_json_reads_them() {
    for number in [
        "5e71",
        "1.5268888888888888e23",
        "2.4739e219",
        "100000000000045642000",
        "1.5",
        "-0",
    ] {
        for (provider, body) in [
            (
                "stripe",
                format!(
                    r#"{{"id":"pi_1","object":"payment_intent","amount":{number},"currency":"usd","status":"succeeded","created":1}}"#
                ),
            ),
            (
                "stripe",
                format!(
                    r#"{{"id":"pi_1","object":"payment_intent","amount":1,"currency":"usd","status":"succeeded","created":{number}}}"#
                ),
            ),
            (
                "razorpay",
                format!(
                    r#"{{"id":"pay_1","entity":"payment","amount":{number},"currency":"INR","status":"captured","created_at":1}}"#
                ),
            ),
        ] {
            let fast = normalize_json(provider, "payments", body.as_bytes(), &Options::default());
            let careful = read_carefully(|| {
                normalize_json(provider, "payments", body.as_bytes(), &Options::default())
            });
            assert_eq!(fast, careful, "{body}");
        }
    }
}

/// Found by the reader fuzz target: a struct read from an array longer than its fields is
/// serde_json's syntax error "trailing characters" (`invalid_json`), and a struct read from a
/// shorter one names the missing element; objects given where scalars belong and the reverse,
/// through every provider and resource.
#[test]
fn arrays_and_odd_shapes_where_objects_belong_fail_as_serde_json_fails() {
    let long: Vec<String> = (0..60).map(|i| i.to_string()).collect();
    let inputs = [
        format!("[[{}]]", long.join(",")),
        format!("[[{}]]", long.join(",\n ")),
        "[[\"a\"]]".to_string(),
        "[[]]".to_string(),
        "[[null, {\"a\": [1, 2]}, true]]".to_string(),
        "{\"object\": \"list\", \"data\": [[1, 2, 3]], \"items\": [[4, 5]]}".to_string(),
        "{\"entity\": \"collection\", \"items\": [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]}"
            .to_string(),
        format!("[{}]", "[".repeat(126) + &"]".repeat(126)),
    ];
    let providers = Provider::ALL.iter().map(|p| p.as_str()).chain(["auto"]);
    for p in providers {
        for r in Resource::ALL.iter().map(|r| r.as_str()).chain(["auto"]) {
            for input in &inputs {
                let fast = normalize_json(p, r, input.as_bytes(), &Options::default());
                let careful =
                    read_carefully(|| normalize_json(p, r, input.as_bytes(), &Options::default()));
                assert_eq!(fast, careful, "{p} {r} {input:.80}");
            }
        }
    }
}
