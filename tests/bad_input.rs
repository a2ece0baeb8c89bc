//! Bad input (docs/mapping.md#errors, issue "Bad input"): every case gives its coded error with a useful
//! message and path, and nothing panics.

use paynorm::{normalize_json, normalize_value, ErrorCode, Options, Provider};

fn err(provider: &str, resource: &str, input: &[u8]) -> paynorm::Error {
    match normalize_json(provider, resource, input, &Options::default()) {
        Ok(out) => panic!("expected an error, got {out}"),
        Err(e) => e,
    }
}

#[test]
fn invalid_json_gives_line_and_column() {
    let e = err("stripe", "payments", b"{\"id\": \"pi_1\",\n  \"amount\": }");
    assert_eq!(e.code, ErrorCode::InvalidJson);
    assert!(e.message.contains("line 2 column"), "{}", e.message);
}

#[test]
fn empty_and_blank_input() {
    for input in [&b""[..], b"   \n"] {
        let e = err("stripe", "payments", input);
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(e.message.contains("empty"), "{}", e.message);
    }
}

#[test]
fn invalid_utf8_bytes() {
    let e = err("razorpay", "payments", b"{\"id\": \"pay_\xff\xfe\"}");
    assert_eq!(e.code, ErrorCode::InvalidJson);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // docs/mapping.md#limits-and-leniency: deeper than 128 levels is `invalid_json` for every call, whether or not a
    // mapping reads the place; 100,000 levels are scanned without recursion.
    let mut deep = "[".repeat(100_000);
    deep.push_str(&"]".repeat(100_000));
    for (p, r) in [("stripe", "payments"), ("auto", "auto")] {
        let e = err(p, r, deep.as_bytes());
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(
            e.message.contains("nested deeper than 128 levels"),
            "{}",
            e.message
        );
    }
    // A deep field no mapping reads is refused too (D3: its result could not be written back).
    let mut deep_field = String::from(
        "{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"amount\":100,\"currency\":\"usd\",\"x\":",
    );
    deep_field.push_str(&"[".repeat(100_000));
    deep_field.push_str(&"]".repeat(100_000));
    deep_field.push('}');
    let e = err("stripe", "payments", deep_field.as_bytes());
    assert_eq!(e.code, ErrorCode::InvalidJson);
    assert!(
        e.path.as_deref().unwrap_or("").starts_with("$.x[0]"),
        "{e:?}"
    );
    let mut deep_obj = String::from("{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"metadata\":");
    deep_obj.push_str(&"{\"a\":".repeat(100_000));
    let e = err("stripe", "payments", deep_obj.as_bytes());
    assert_eq!(e.code, ErrorCode::InvalidJson);
}

#[test]
fn wrong_top_level_type() {
    for input in [&b"42"[..], b"\"text\"", b"null", b"true"] {
        let e = err("stripe", "payments", input);
        assert_eq!(
            e.code,
            ErrorCode::InvalidPayload,
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(e.path.as_deref(), Some("$"));
    }
    let e = err("stripe", "payments", b"[1, 2]");
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$[0]"));
}

#[test]
fn missing_id_names_the_field() {
    let e = err(
        "razorpay",
        "customers",
        br#"{"entity":"customer","name":"A"}"#,
    );
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$.id"), "{}", e.message);
}

#[test]
fn wrong_field_type_names_path_and_types() {
    let e = err(
        "stripe",
        "payments",
        br#"{"id":"pi_1","object":"payment_intent","amount":"5000","currency":"usd"}"#,
    );
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$.amount"));
    assert!(
        e.message
            .starts_with("$.amount: expected integer, found string"),
        "{}",
        e.message
    );
}

#[test]
fn list_item_errors_name_the_item() {
    let input = br#"{"object":"list","has_more":false,"data":[
        {"id":"pi_1","object":"payment_intent","amount":100,"currency":"usd","status":"succeeded","created":1700000000},
        {"id":"pi_2","object":"payment_intent","amount":100,"currency":"usd","status":"succeeded","created":"yesterday"}]}"#;
    let e = err("stripe", "payments", input);
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(
        e.path.as_deref(),
        Some("$.data[1].created"),
        "{}",
        e.message
    );
}

#[test]
fn unknown_provider_lists_the_valid_ones() {
    let e = err("paypal", "payments", b"{}");
    assert_eq!(e.code, ErrorCode::UnsupportedProvider);
    for p in Provider::ALL {
        assert!(e.message.contains(&format!("\"{p}\"")), "{}", e.message);
    }
}

#[test]
fn missing_resource_lists_what_the_provider_has() {
    let e = err("checkout", "orders", br#"{"id":"pay_x"}"#);
    assert_eq!(e.code, ErrorCode::UnsupportedResource);
    assert!(
        e.message.contains("customers") && e.message.contains("payments"),
        "{}",
        e.message
    );
    let e = err("stripe", "refunds", b"{}");
    assert_eq!(e.code, ErrorCode::UnsupportedResource);
}

#[test]
fn payload_of_another_kind_is_mismatched() {
    let e = err(
        "stripe",
        "payments",
        br#"{"id":"cus_1","object":"customer","created":1700000000}"#,
    );
    assert_eq!(e.code, ErrorCode::MismatchedPayload);
    assert!(e.message.contains("customer"), "{}", e.message);
    let e = err(
        "razorpay",
        "customers",
        br#"{"id":"pay_1","entity":"payment","amount":100,"currency":"INR","status":"captured"}"#,
    );
    assert_eq!(e.code, ErrorCode::MismatchedPayload);
}

#[test]
fn undetectable_when_nothing_matches() {
    let e = err("auto", "auto", br#"{"hello":"world"}"#);
    assert_eq!(e.code, ErrorCode::Undetectable);
}

#[test]
fn exclude_fields_and_remote_data_options() {
    let input = br#"{"id":"cus_1","object":"customer","created":1700000000,"email":"a@b.c","phone":"+1 555"}"#;
    let opts = Options {
        remote_data: false,
        exclude_fields: vec!["phone".into()],
        ..Options::default()
    };
    let v = normalize_value("stripe", "customers", input, &opts).unwrap();
    assert!(
        v.get("phone").is_none() && v.get("remote_data").is_none(),
        "{v}"
    );
    assert_eq!(v["email"], "a@b.c");
    let bad = Options {
        exclude_fields: vec!["phnoe".into()],
        ..Options::default()
    };
    let e = normalize_value("stripe", "customers", input, &bad).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
}

#[test]
fn remote_data_is_the_input_exactly() {
    // Number text, key order and odd keys survive untouched.
    let input = br#"{"id":"cus_1","object":"customer","created":1700000000,"z":1.10,"a":12345678901234567890123,"__proto__":{"x":1}}"#;
    let out = normalize_json("stripe", "customers", input, &Options::default()).unwrap();
    assert!(out.contains(r#""remote_data":{"id":"cus_1","object":"customer","created":1700000000,"z":1.10,"a":12345678901234567890123,"__proto__":{"x":1}}"#), "{out}");
}

#[test]
fn a_failing_call_leaves_the_next_one_working() {
    for _ in 0..1000 {
        let _ = normalize_json("stripe", "payments", b"{", &Options::default());
    }
    let ok = normalize_json(
        "stripe",
        "customers",
        br#"{"id":"cus_1","object":"customer","created":1}"#,
        &Options::default(),
    );
    assert!(ok.is_ok());
}
