//! The invariants every fuzz target checks (issue 11, point 6). A broken invariant panics, which
//! libFuzzer reports as a crash with the input that caused it.
//!
//! - nothing panics, whatever the bytes;
//! - `normalize` (typed), `normalize_json` and `normalize_value` agree: same result or same error
//!   code;
//! - every output is valid JSON that serde_json reads back;
//! - every error message is one line (no control character, no U+2028 / U+2029), bounded in
//!   length, with a path that starts at `$`, and a code that is not `internal_error`;
//! - money is a plain decimal string (`-?digits(.digits)?`) and times are RFC 3339 UTC
//!   (`YYYY-MM-DDTHH:MM:SS(.mmm)?Z`);
//! - `remote_data` is the input: the whole payload for one object, item `i` for a bare array.

use paynorm::{ErrorCode, Options};
use serde::Deserialize;
use serde_json::Value;

/// Every provider name the calls take, "auto" included.
pub const PROVIDERS: [&str; 5] = ["stripe", "razorpay", "checkout", "juspay", "auto"];
/// Every resource name, "auto" included.
pub const RESOURCES: [&str; 4] = ["customers", "orders", "payments", "auto"];

/// Reads JSON text back with serde_json (recursion limit off: an input at the nesting limit is a
/// little deeper inside `remote_data`). Panics when it is not JSON.
pub fn parse_back(text: &str) -> Value {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    match Value::deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
        Ok(v) => v,
        Err(e) => panic!("output is not JSON ({e}): {}", prefix(text)),
    }
}

fn prefix(text: &str) -> &str {
    let mut end = text.len().min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The checks every error passes.
pub fn check_error(e: &paynorm::Error) {
    assert!(
        e.code != ErrorCode::InternalError,
        "core returned internal_error: {e}"
    );
    assert!(
        !e.message
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}'),
        "message is not one line: {:?}",
        e.message
    );
    let n = e.message.chars().count();
    assert!(n <= 600, "message of {n} chars: {}", e.message);
    if let Some(path) = &e.path {
        assert!(path.starts_with('$'), "path {path:?}");
    }
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.map_or(true, |f| {
            !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
        })
}

fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let base = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    base && match b.len() {
        20 => b.get(19) == Some(&b'Z'),
        24 => b.get(19) == Some(&b'.') && digits(20..23) && b.get(23) == Some(&b'Z'),
        _ => false,
    }
}

fn check_money(v: Option<&Value>, what: &str) {
    match v {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => assert!(is_decimal(s), "{what} {s:?} is not a plain decimal"),
        Some(Value::Number(n)) => assert!(is_decimal(&n.to_string()), "{what} {n} is not plain"),
        Some(other) => panic!("{what} is {other}"),
    }
}

fn check_time(v: Option<&Value>, what: &str) {
    match v {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => assert!(is_rfc3339_utc(s), "{what} {s:?} is not RFC 3339 UTC"),
        Some(other) => panic!("{what} is {other}"),
    }
}

/// Money and times of one unified object (a payment embedded in an order included).
fn check_unified(item: &Value) {
    for f in ["amount", "transaction_fee", "refund_amount"] {
        check_money(item.get(f), f);
    }
    for f in ["created_at", "updated_at", "expires_on"] {
        check_time(item.get(f), f);
    }
    if let Some(p @ Value::Object(_)) = item.get("payment") {
        check_unified(p);
    }
}

/// The input as the JSON value `remote_data` must equal (the text after a BOM).
fn input_value(data: &[u8]) -> Option<Value> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let text = std::str::from_utf8(data).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    Value::deserialize(&mut de).ok()
}

/// Checks one successful `normalize_json` output against the input.
pub fn check_output(data: &[u8], options: &Options, text: &str) -> Value {
    let out = parse_back(text);
    let input = input_value(data).expect("an accepted input is JSON");
    match out.get("result") {
        Some(Value::Array(items)) if out.get("next_cursor").is_some() => {
            for (i, item) in items.iter().enumerate() {
                check_unified(item);
                if options.remote_data && input.is_array() {
                    assert_eq!(
                        item.get("remote_data"),
                        input.get(i),
                        "remote_data of item {i}"
                    );
                }
            }
        }
        _ => {
            check_unified(&out);
            if options.remote_data && options.exclude_fields.iter().all(|f| f != "remote_data") {
                assert_eq!(
                    out.get("remote_data"),
                    Some(&input),
                    "remote_data is not the input"
                );
            }
        }
    }
    out
}

/// `normalize_json`, `normalize_value` and the typed `normalize_with` on the same arguments,
/// checked to agree and each result checked.
pub fn normalize_all(provider: &str, resource: &str, data: &[u8], options: &Options) {
    let json = paynorm::normalize_json(provider, resource, data, options);
    // The tape (src/reader) answers exactly what the careful way answers, errors included.
    let careful =
        paynorm::read_carefully(|| paynorm::normalize_json(provider, resource, data, options));
    assert_eq!(json, careful, "the tape and the careful way disagree");
    // The wasm binding's path: the same output with remote_data filled in from the input.
    match (&json, paynorm::normalize_json_spliced(provider, resource, data, options)) {
        (Ok(text), Ok(spliced)) => assert_eq!(
            spliced.assemble(data).as_deref(),
            Some(text.as_str()),
            "normalize_json_spliced does not assemble to normalize_json"
        ),
        (Err(a), Err(b)) => assert_eq!(a, &b, "normalize_json_spliced fails differently"),
        (a, b) => panic!("normalize_json {:?} vs spliced {:?}", a.as_ref().err(), b.err()),
    }
    let value = paynorm::normalize_value(provider, resource, data, options);
    let typed = paynorm::parse_names(provider, resource)
        .and_then(|(p, r)| paynorm::normalize_with(p, r, data, options));
    match (&json, &value, &typed) {
        (Ok(text), Ok(value), Ok(typed)) => {
            let out = check_output(data, options, text);
            assert_eq!(&out, value, "normalize_json and normalize_value disagree");
            if options.exclude_fields.is_empty() {
                let typed = serde_json::to_string(typed).expect("typed result serializes");
                assert_eq!(&typed, text, "normalize and normalize_json disagree");
            }
        }
        (Err(a), Err(b), _) => {
            check_error(a);
            assert_eq!(a, b, "normalize_json and normalize_value fail differently");
            if let Err(c) = &typed {
                check_error(c);
            }
        }
        _ => panic!(
            "calls disagree: json {:?} value {:?} typed {:?}",
            json.as_ref().err(),
            value.as_ref().err(),
            typed.as_ref().err()
        ),
    }
}

/// Target body: one provider, every resource and "auto", default options.
pub fn normalize_every_resource(provider: &str, data: &[u8]) {
    for resource in RESOURCES {
        normalize_all(provider, resource, data, &Options::default());
    }
}

/// Target body: options, provider and resource from the input's last four bytes.
pub fn normalize_with_random_options(data: &[u8]) {
    let split = data.len().saturating_sub(4);
    let (payload, knobs) = data.split_at(split);
    let k = |i: usize| knobs.get(i).copied().unwrap_or(0);
    const EXCLUDE: [&str; 8] = [
        "remote_data",
        "email",
        "amount",
        "customer.phone",
        "payment.customer.email",
        "metadata",
        "status",
        "created_at",
    ];
    let options = Options {
        remote_data: k(2) & 1 == 0,
        exclude_fields: EXCLUDE
            .iter()
            .enumerate()
            .filter(|(i, _)| k(3) & (1 << i) != 0)
            .map(|(_, f)| (*f).to_string())
            .collect(),
        paging: (k(2) & 2 != 0).then_some(paynorm::Paging {
            skip: u64::from(k(2) >> 4),
            count: u64::from(k(3) % 5),
        }),
        max_input_bytes: if k(2) & 4 != 0 {
            u64::from(k(3)) * 8
        } else {
            paynorm::DEFAULT_MAX_INPUT_BYTES
        },
    };
    let provider = PROVIDERS[usize::from(k(0)) % PROVIDERS.len()];
    let resource = RESOURCES[usize::from(k(1)) % RESOURCES.len()];
    normalize_all(provider, resource, payload, &options);
}

/// Target body: `explain` for every provider with resource "auto"; its `result` is what
/// `normalize_value` gives.
pub fn explain_every_provider(data: &[u8]) {
    let options = Options::default();
    for provider in PROVIDERS {
        match paynorm::explain(provider, "auto", data, &options) {
            Ok(ex) => {
                let text = serde_json::to_string(&ex).expect("an explanation serializes");
                let back = parse_back(&text);
                let value = paynorm::normalize_value(provider, "auto", data, &options)
                    .expect("explain succeeded, so normalize does");
                assert_eq!(
                    back.get("result"),
                    Some(&value),
                    "explain disagrees with normalize"
                );
            }
            Err(e) => check_error(&e),
        }
    }
}

/// Target body: `detect`; when it finds nothing, `normalize("auto", "auto")` fails too.
pub fn detect_agrees(data: &[u8]) {
    match paynorm::detect(data) {
        Ok(Some(d)) => {
            let text = serde_json::to_string(&d).expect("a detection serializes");
            parse_back(&text);
        }
        Ok(None) => {
            let e = paynorm::normalize_json("auto", "auto", data, &Options::default())
                .expect_err("nothing detected, yet auto normalized");
            check_error(&e);
        }
        Err(e) => {
            check_error(&e);
            assert!(
                paynorm::normalize_json("auto", "auto", data, &Options::default()).is_err(),
                "detect failed, auto normalize did not"
            );
        }
    }
}

/// The secret the webhook targets sign with (and one that never matches, for a roll).
const WEBHOOK_SECRET: &[u8] = b"whsec_fuzz";

/// Target body: `parse_webhook` for every provider and "auto". An event is valid JSON, names the
/// provider asked for, and its `data` carries `remote_data` only when asked; errors pass
/// [`check_error`].
pub fn parse_webhook_every_provider(data: &[u8]) {
    use paynorm::webhooks::{parse_webhook, WebhookOptions};
    for provider in std::iter::once(None).chain(paynorm::Provider::ALL.map(Some)) {
        for remote_data in [true, false] {
            let options = WebhookOptions {
                remote_data,
                headers: vec![("x-razorpay-event-id".into(), "evt_fuzz".into())],
                ..WebhookOptions::default()
            };
            match parse_webhook(provider, data, &options) {
                Ok(event) => {
                    if let Some(p) = provider {
                        assert_eq!(event.provider, p, "parse_webhook named the wrong provider");
                    }
                    let text = serde_json::to_string(&event).expect("an event serializes");
                    let value = parse_back(&text);
                    assert_eq!(
                        value.get("remote_data").is_some(),
                        remote_data,
                        "remote_data option ignored"
                    );
                }
                Err(e) => check_error(&e),
            }
        }
    }
}

/// Target body: `normalize_error` for every provider and "auto", with an HTTP status from the
/// first byte (or none). A 5xx or `rate_limit` error is retryable.
pub fn normalize_error_every_provider(data: &[u8]) {
    use paynorm::webhooks::{normalize_error, ErrorOptions};
    let status = data
        .first()
        .map(|b| [None, Some(400), Some(402), Some(429), Some(503)][usize::from(*b) % 5])
        .flatten();
    for provider in std::iter::once(None).chain(paynorm::Provider::ALL.map(Some)) {
        let options = ErrorOptions {
            status,
            ..ErrorOptions::default()
        };
        match normalize_error(provider, data, &options) {
            Ok(error) => {
                let text = serde_json::to_string(&error).expect("an error serializes");
                let value = parse_back(&text);
                if status.is_some_and(|s| s >= 500) {
                    assert_eq!(
                        value["retryable"],
                        Value::Bool(true),
                        "5xx must be retryable"
                    );
                }
            }
            Err(e) => check_error(&e),
        }
    }
}

/// Target body: signature verification. The input is `header value \n body`: whatever the
/// header, verification never panics and fails with a coded error; and the same body signed
/// correctly (by the provider's scheme, with the secret last in a two-secret roll) always
/// verifies, and `construct_event` then agrees with `parse_webhook`.
pub fn verify_webhook_every_provider(data: &[u8]) {
    use paynorm::webhooks::{
        construct_event, hmac_sha256_hex, parse_webhook, verify_webhook, Secret, WebhookOptions,
    };
    use paynorm::Provider;
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let (header, body) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let header = String::from_utf8_lossy(header);
    let now = 1_700_000_000_i64;
    let options = WebhookOptions {
        now: Some(now),
        ..WebhookOptions::default()
    };
    let roll = [
        Secret::Key(b"whsec_other".to_vec()),
        Secret::Key(WEBHOOK_SECRET.to_vec()),
    ];
    let basic = [Secret::Basic {
        username: "fuzz".into(),
        password: "pass:word".into(),
    }];
    for provider in Provider::ALL {
        let (name, secrets, signed) = match provider {
            Provider::Stripe => {
                let mut message = format!("{now}.").into_bytes();
                message.extend_from_slice(body);
                let sig = hmac_sha256_hex(WEBHOOK_SECRET, &message);
                (
                    "stripe-signature",
                    &roll[..],
                    format!("t={now},v0=00,v1={sig}"),
                )
            }
            Provider::Razorpay => (
                "x-razorpay-signature",
                &roll[..],
                hmac_sha256_hex(WEBHOOK_SECRET, body),
            ),
            Provider::Checkout => (
                "cko-signature",
                &roll[..],
                hmac_sha256_hex(WEBHOOK_SECRET, body),
            ),
            Provider::Juspay => (
                "authorization",
                &basic[..],
                "Basic ZnV6ejpwYXNzOndvcmQ=".to_string(),
            ),
        };
        // Arbitrary header: a coded failure or (vanishingly rarely) a match.
        if let Err(e) = verify_webhook(
            provider,
            body,
            &[(name, header.as_ref())],
            secrets,
            &options,
        ) {
            check_error(&e);
        }
        // The correctly signed body verifies, whatever it is.
        let headers = [(name, signed.as_str())];
        if let Err(e) = verify_webhook(provider, body, &headers, secrets, &options) {
            // The only refusals of a correct signature: a body that is not UTF-8 text, and
            // Juspay's JWT webhooks (`{"JWT": ...}`), which are not verified yet.
            let expected = match e.code {
                ErrorCode::InvalidInput => std::str::from_utf8(body).is_err(),
                ErrorCode::UnsupportedSignatureScheme => provider == Provider::Juspay,
                _ => false,
            };
            assert!(
                expected,
                "a correctly signed {provider} body did not verify: {e}"
            );
            check_error(&e);
            continue;
        }
        let parsed = parse_webhook(Some(provider), body, &options);
        match (
            construct_event(provider, body, &headers, secrets, &options),
            parsed,
        ) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "construct_event and parse_webhook disagree"),
            (Err(a), Err(b)) => {
                check_error(&a);
                assert_eq!(a, b, "construct_event and parse_webhook fail differently");
            }
            (a, b) => panic!(
                "construct_event {:?} vs parse_webhook {:?}",
                a.err(),
                b.err()
            ),
        }
    }
}

/// The `reader` target: [`paynorm::fuzz_reads`] the same both ways.
pub fn reader_agrees(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The reader's contract is for valid JSON (every text the engine reads is a value of an
    // input that passed the tape or the limits pass, which also refuses lone surrogates that
    // serde_json's skipping accepts); broken JSON is worded by that refusal, which the
    // normalize targets compare.
    if serde_json::from_str::<serde_json::Value>(text).is_err() {
        return;
    }
    let tape = paynorm::fuzz_reads(text);
    let careful = paynorm::read_carefully(|| paynorm::fuzz_reads(text));
    for (i, (a, b)) in tape.iter().zip(&careful).enumerate() {
        assert_eq!(a, b, "read {i} differs for {text:?}");
    }
}
