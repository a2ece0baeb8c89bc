//! `normalize_json_spliced` (issue 8, point 3): the unified JSON without `remote_data` copies,
//! plus the input ranges that fill its gaps. Filling them must give `normalize_json`'s output
//! byte for byte, for every fixture, every provider and `auto`, every resource and `auto`, with
//! a byte-order mark, with `-0`, and with the options that turn splicing off.

mod common;

use paynorm::{normalize_json, normalize_json_spliced, Layout, Options, Provider, Resource};

/// Every provider of the registry and `auto`.
fn providers() -> impl Iterator<Item = &'static str> {
    Provider::ALL
        .into_iter()
        .map(Provider::as_str)
        .chain(["auto"])
}

/// Every resource and `auto`.
fn resources() -> impl Iterator<Item = &'static str> {
    Resource::ALL
        .into_iter()
        .map(Resource::as_str)
        .chain(["auto"])
}

/// Asserts the spliced form assembles to exactly `normalize_json`'s answer (or the same error);
/// returns how many holes it had.
fn same(provider: &str, resource: &str, input: &[u8], options: &Options) -> usize {
    let whole = normalize_json(provider, resource, input, options);
    let spliced = normalize_json_spliced(provider, resource, input, options);
    match (whole, spliced) {
        (Ok(whole), Ok(spliced)) => {
            assert_eq!(
                spliced.assemble(input).as_deref(),
                Some(whole.as_str()),
                "{provider} {resource}"
            );
            for pair in spliced.holes.windows(2) {
                assert!(pair[0].at <= pair[1].at && pair[0].end <= pair[1].start);
            }
            if !options.remote_data || !options.exclude_fields.is_empty() {
                assert!(spliced.holes.is_empty());
            }
            spliced.holes.len()
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{provider} {resource}");
            0
        }
        (a, b) => panic!("{provider} {resource}: {a:?} vs {b:?}"),
    }
}

#[test]
fn every_fixture_assembles_to_normalize_json() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_fixture_assembles_to_normalize_json");
    };
    let mut holes = 0;
    let mut calls = 0;
    for (_, _, path) in common::fixture_files(&dir) {
        let input = std::fs::read(&path).unwrap();
        for p in providers() {
            for r in resources() {
                holes += same(p, r, &input, &Options::default());
                calls += 1;
            }
        }
    }
    assert!(calls > 1000 && holes > 300, "{calls} calls, {holes} holes");
}

#[test]
fn layouts_and_offsets() {
    let pi = r#"{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}"#;
    let one =
        normalize_json_spliced("stripe", "payments", pi.as_bytes(), &Options::default()).unwrap();
    assert_eq!(one.layout, Layout::Single);
    assert_eq!(one.holes.len(), 1);
    assert_eq!((one.holes[0].start, one.holes[0].end), (0, pi.len()));
    assert!(one.text[..one.holes[0].at].ends_with(",\"remote_data\":"));

    // A byte-order mark and surrounding whitespace: offsets are in the input as given.
    let padded = format!("\u{feff} \n{pi}\n");
    let s = normalize_json_spliced("stripe", "payments", padded.as_bytes(), &Options::default())
        .unwrap();
    assert_eq!(
        &padded.as_bytes()[s.holes[0].start..s.holes[0].end],
        pi.as_bytes()
    );
    same("stripe", "payments", padded.as_bytes(), &Options::default());

    let list = format!(
        r#"{{"object":"list","data":[{pi},{pi}],"has_more":false,"url":"/v1/payment_intents"}}"#
    );
    let l =
        normalize_json_spliced("stripe", "payments", list.as_bytes(), &Options::default()).unwrap();
    assert_eq!(l.layout, Layout::Envelope("data"));
    assert_eq!(l.holes.len(), 2);
    same("stripe", "auto", list.as_bytes(), &Options::default());

    let bare = format!("[{pi}, {pi}]");
    let b = normalize_json_spliced("auto", "auto", bare.as_bytes(), &Options::default()).unwrap();
    assert_eq!(b.layout, Layout::Array);
    same("auto", "auto", bare.as_bytes(), &Options::default());
    same("stripe", "payments", b"[]", &Options::default());
}

#[test]
fn minus_zero_and_unicode_are_spliced_from_the_input() {
    // `-0` is read as 0 but `remote_data` keeps the input's own text.
    let input = r#"{"id":"cus_1","object":"customer","name":"Zoë 🎉","email":null,"created":1700000000,"balance":-0}"#;
    let s = normalize_json_spliced("stripe", "customers", input.as_bytes(), &Options::default())
        .unwrap();
    assert_eq!(
        s.assemble(input.as_bytes()).unwrap().matches("-0}").count(),
        1
    );
    same("stripe", "customers", input.as_bytes(), &Options::default());
}

#[test]
fn a_read_retried_for_a_repeated_key_splices_the_input() {
    // The first `id` fails the typed read; the retry on the copy without it must still give
    // `remote_data` ranges of the input itself, once per item.
    let pi = r#"{"id":null,"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}"#;
    assert_eq!(
        same("stripe", "payments", pi.as_bytes(), &Options::default()),
        1
    );
    let list = format!(r#"{{"object":"list","data":[{pi},{pi}],"has_more":false}}"#);
    assert_eq!(
        same("stripe", "payments", list.as_bytes(), &Options::default()),
        2
    );
    let s = normalize_json_spliced("stripe", "auto", list.as_bytes(), &Options::default()).unwrap();
    assert_eq!(s.holes.len(), 2);
    assert_eq!(
        &list.as_bytes()[s.holes[0].start..s.holes[0].end],
        pi.as_bytes()
    );
}

#[test]
fn options_that_turn_splicing_off() {
    let pi = br#"{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}"#;
    let off = Options {
        remote_data: false,
        ..Options::default()
    };
    assert_eq!(same("stripe", "payments", pi, &off), 0);
    let excluded = Options::from_json(r#"{"exclude_fields":["metadata"]}"#).unwrap();
    assert_eq!(same("stripe", "payments", pi, &excluded), 0);
    let errs = Options::default();
    assert_eq!(same("stripe", "payments", b"{\"id\":", &errs), 0);
    assert_eq!(same("stripe", "payments", b"[1]", &errs), 0);
}
