//! Issue 11 regressions, native (the defects whose cause is in the core): D1 (bounded memory:
//! input and list limits), D3 (nesting), D4 (one-line messages), D5 (numbers beyond a double),
//! D6 (years outside 0000-9999), D7 (lone surrogates) and D9's `-0`. The same symptoms through
//! the packed npm package are in tests/node/hardening.test.mjs.

use paynorm::{
    detect, explain, normalize, normalize_json, ErrorCode, Normalized, Options, Provider, Resource,
    DEFAULT_MAX_INPUT_BYTES, MAX_DEPTH, MAX_LIST_ITEMS,
};

fn err(provider: &str, resource: &str, input: &str) -> paynorm::Error {
    match normalize_json(provider, resource, input.as_bytes(), &Options::default()) {
        Ok(out) => panic!("expected an error, got {}", &out[..out.len().min(300)]),
        Err(e) => e,
    }
}

fn ok(provider: &str, resource: &str, input: &str) -> serde_json::Value {
    let out = normalize_json(provider, resource, input.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    parse_back(&out)
}

/// serde_json's reading of an output, without its recursion limit (an input at the nesting limit
/// is a little deeper inside `remote_data`).
fn parse_back(out: &str) -> serde_json::Value {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(out);
    de.disable_recursion_limit();
    serde_json::Value::deserialize(&mut de).unwrap_or_else(|e| panic!("output is not JSON: {e}"))
}

const PI: &str = r#"{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000"#;

#[test]
fn d1_input_over_the_limit_is_input_too_large_before_parsing() {
    // The D1 reproducer (28.6 MB of `{}` items) is refused by its size alone.
    let mut d1 = String::with_capacity(30_000_002);
    d1.push('[');
    for i in 0..10_000_000 {
        if i > 0 {
            d1.push(',');
        }
        d1.push_str("{}");
    }
    d1.push(']');
    for (p, r) in [
        ("stripe", "payments"),
        ("stripe", "orders"),
        ("razorpay", "payments"),
        ("auto", "auto"),
    ] {
        let e = err(p, r, &d1);
        assert_eq!(e.code, ErrorCode::InputTooLarge, "{p} {r}");
        assert!(
            e.message.contains(&d1.len().to_string())
                && e.message.contains(&DEFAULT_MAX_INPUT_BYTES.to_string())
                && e.message.contains("max_input_bytes"),
            "{}",
            e.message
        );
        assert_eq!(e.path, None);
    }
    assert_eq!(
        detect(d1.as_bytes()).unwrap_err().code,
        ErrorCode::InputTooLarge
    );
    assert_eq!(
        explain("stripe", "payments", d1.as_bytes(), &Options::default())
            .unwrap_err()
            .code,
        ErrorCode::InputTooLarge
    );
    // The limit counts UTF-8 bytes and can be raised or lowered per call.
    let small = Options {
        max_input_bytes: 10,
        ..Options::default()
    };
    let e = normalize_json("stripe", "payments", "[ \"éé\" ]".as_bytes(), &small).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidPayload, "10 bytes pass: {e}");
    let e = normalize_json("stripe", "payments", "[  \"éé\" ]".as_bytes(), &small).unwrap_err();
    assert_eq!(e.code, ErrorCode::InputTooLarge, "11 bytes do not");
    // Under a raised limit the list limit answers, at the first item over it.
    let raised = Options {
        max_input_bytes: 64 * 1024 * 1024,
        ..Options::default()
    };
    let d1_small = &d1[..30_004];
    let d1_small = format!("{}]", d1_small.trim_end_matches(','));
    let e = normalize_json("stripe", "payments", d1_small.as_bytes(), &raised).unwrap_err();
    assert_eq!(e.code, ErrorCode::InputTooLarge);
    assert_eq!(e.path.as_deref(), Some("$[10000]"), "{}", e.message);
}

#[test]
fn d1_lists_hold_at_most_max_list_items() {
    assert_eq!(MAX_LIST_ITEMS, 10_000);
    let item = r#"{"id":"pay_1","entity":"payment","amount":100,"currency":"INR","status":"captured","created_at":1700000000}"#;
    let list = |n: usize| format!("[{}]", vec![item; n].join(","));
    let full = normalize(
        Provider::Razorpay,
        Resource::Payments,
        &list(MAX_LIST_ITEMS),
        &Options::default(),
    )
    .unwrap();
    let Normalized::Payments(l) = full else {
        panic!("not a list")
    };
    assert_eq!(l.result.len(), MAX_LIST_ITEMS);
    let e = err("razorpay", "payments", &list(MAX_LIST_ITEMS + 1));
    assert_eq!(e.code, ErrorCode::InputTooLarge);
    assert_eq!(e.path.as_deref(), Some("$[10000]"));
    assert!(e.message.contains("at most 10000 items"), "{}", e.message);
    // Every list envelope and embedded list, for every provider.
    let many = vec!["{}"; MAX_LIST_ITEMS + 2].join(" , ");
    for (provider, input, path) in [
        (
            "stripe",
            format!(r#"{{"object":"list","has_more":false,"data":[{many}]}}"#),
            "$.data[10000]",
        ),
        (
            "stripe",
            format!(r#"{PI},"charges":{{"object":"list","data":[{many}]}}}}"#),
            "$.charges.data[10000]",
        ),
        (
            "razorpay",
            format!(r#"{{"entity":"collection","count":1,"items":[{many}]}}"#),
            "$.items[10000]",
        ),
        (
            "checkout",
            format!(r#"{{"total_count":1,"data":[{many}]}}"#),
            "$.data[10000]",
        ),
    ] {
        let e = err(provider, "payments", &input);
        assert_eq!(e.code, ErrorCode::InputTooLarge, "{provider}: {e}");
        assert_eq!(e.path.as_deref(), Some(path), "{provider}: {e}");
    }
}

#[test]
fn d3_nesting_deeper_than_128_is_invalid_json_everywhere() {
    assert_eq!(MAX_DEPTH, 128);
    let at = |depth: usize| {
        format!(
            r#"{PI},"unread":{}1{}}}"#,
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    // 128 levels in all (the object itself is level 1) are fine, 129 are not.
    let v = ok("stripe", "payments", &at(128));
    assert_eq!(v["amount"], "50.00");
    for (p, r) in [
        ("stripe", "payments"),
        ("auto", "auto"),
        ("stripe", "auto"),
        ("razorpay", "payments"),
        ("checkout", "payments"),
        ("juspay", "payments"),
    ] {
        let e = err(p, r, &at(129));
        assert_eq!(e.code, ErrorCode::InvalidJson, "{p} {r}");
        assert!(
            e.message
                .contains("nested deeper than 128 levels at line 1 column"),
            "{}",
            e.message
        );
        assert!(e
            .path
            .as_deref()
            .unwrap_or("")
            .starts_with("$.unread[0][0]"));
    }
    assert_eq!(
        detect(at(129).as_bytes()).unwrap_err().code,
        ErrorCode::InvalidJson
    );
    assert_eq!(
        explain(
            "stripe",
            "payments",
            at(129).as_bytes(),
            &Options::default()
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidJson
    );
    // 128 levels also pass the auto path (a parsed value).
    assert_eq!(ok("auto", "auto", &at(128))["id"], "pi_1");
}

#[test]
fn d4_messages_are_one_line_and_echo_a_bounded_prefix() {
    let e = err(
        "stripe",
        "customers",
        r#"{"id":"x","object":"a\nb","created":1}"#,
    );
    assert!(!e.message.contains('\n'), "{:?}", e.message);
    let raw = "{\"id\":\"x\",\"object\":\"a\u{2028}b\u{0}c\r\",\"created\":1}";
    // A raw control character is not JSON; a raw U+2028 is, and is escaped in the message.
    let e = err("stripe", "customers", &raw.replace(['\u{0}', '\r'], ""));
    assert!(
        e.message.contains("\\u2028") && !e.message.contains('\u{2028}'),
        "{}",
        e.message
    );
    let long = "z".repeat(10_000);
    let e = err(
        "stripe",
        "payments",
        &format!(r#"{{"id":"pi_1","object":"payment_intent","amount":"{long}"}}"#),
    );
    let echoed = e.message.matches('z').count();
    assert!(echoed <= 65, "{echoed} chars echoed: {}", e.message);
    assert!(e.message.chars().count() <= 600, "{}", e.message);
    let e = err("stripe", "payments", &format!("{{\"{long}\n\":1}}"));
    assert!(!e.message.contains('\n') && e.message.chars().count() <= 600);
    let e = err(&format!("strip\ne{long}"), "payments", "{}");
    assert_eq!(e.code, ErrorCode::UnsupportedProvider);
    assert!(!e.message.contains('\n') && e.message.matches('z').count() <= 65);
}

#[test]
fn d5_numbers_beyond_a_double_are_invalid_payload_at_their_path() {
    for (field, path) in [("amount", "$.amount"), ("created", "$.created")] {
        let input = format!(
            r#"{{"id":"pi_1","object":"payment_intent","currency":"usd","{field}":1e400}}"#
        );
        let e = err("stripe", "payments", &input);
        assert_eq!(e.code, ErrorCode::InvalidPayload, "{e}");
        assert_eq!(e.path.as_deref(), Some(path));
        assert!(e.message.contains("`1e400`"), "{}", e.message);
    }
    // In a field no mapping reads: refused the same way, never written as Infinity.
    let e = err("stripe", "payments", &format!(r#"{PI},"x":[-1E400]}}"#));
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$.x[0]"));
    let e = err(
        "razorpay",
        "payments",
        r#"{"id":"pay_1","entity":"payment","amount":1e999}"#,
    );
    assert_eq!(e.path.as_deref(), Some("$.amount"));
    // A finite number out of an integer's range stays the field's type error, with its path.
    let e = err(
        "stripe",
        "payments",
        &format!(r#"{PI},"amount_received":1e300}}"#),
    );
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$.amount_received"));
    // Syntax errors are still reported first.
    let e = err("stripe", "payments", r#"{"amount":1e400,}"#);
    assert_eq!(e.code, ErrorCode::InvalidJson);
    // A large but finite number in an unread field stays exact in remote_data.
    let out = normalize_json(
        "stripe",
        "payments",
        format!(r#"{PI},"x":1e308}}"#).as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert!(out.contains(r#""x":1e308}"#), "{out}");
}

#[test]
fn d6_times_outside_years_0000_9999_are_invalid_payload() {
    let e = err(
        "stripe",
        "payments",
        r#"{"id":"pi_1","object":"payment_intent","created":253402300800}"#,
    );
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(e.path.as_deref(), Some("$.created"));
    let v = ok(
        "stripe",
        "payments",
        r#"{"id":"pi_1","object":"payment_intent","created":253402300799}"#,
    );
    assert_eq!(v["created_at"], "9999-12-31T23:59:59Z");
    let e = err(
        "checkout",
        "payments",
        r#"{"id":"pay_1","requested_on":"0000-01-01T00:00:00+00:01"}"#,
    );
    assert_eq!(e.path.as_deref(), Some("$.requested_on"));
    let e = err(
        "razorpay",
        "customers",
        r#"{"id":"cust_1","entity":"customer","created_at":-62167219201}"#,
    );
    assert_eq!(e.path.as_deref(), Some("$.created_at"));
}

#[test]
fn d7_lone_surrogates_are_invalid_json_in_read_and_unread_fields() {
    for (input, path) in [
        (format!(r#"{PI},"description":"\ud800"}}"#), "$.description"),
        (format!(r#"{PI},"x":{{"y":"a\udc00b"}}}}"#), "$.x.y"),
        (format!(r#"{PI},"x":"\ud800\u0041"}}"#), "$.x"),
    ] {
        let e = err("stripe", "payments", &input);
        assert_eq!(e.code, ErrorCode::InvalidJson, "{e}");
        assert_eq!(e.path.as_deref(), Some(path));
        assert!(e.message.contains("lone UTF-16 surrogate"), "{}", e.message);
        assert!(!e.message.contains("found string"), "{}", e.message);
    }
    // A pair is one character, read and written back as such.
    let v = ok(
        "stripe",
        "payments",
        &format!(r#"{PI},"description":"\ud83d\ude00","x":"\ud83d\ude00"}}"#),
    );
    assert_eq!(v["description"], "\u{1F600}");
    assert_eq!(v["remote_data"]["x"], "\u{1F600}");
}

#[test]
fn d9_minus_zero_reads_as_zero_and_remote_data_keeps_it() {
    let input = r#"{"id":"pi_1","object":"payment_intent","amount":-0,"currency":"usd","status":"succeeded","created":-0,"x":[-0,"-0",-0.0]}"#;
    let v = ok("stripe", "payments", input);
    assert_eq!(v["amount"], "0.00");
    assert_eq!(v["created_at"], "1970-01-01T00:00:00Z");
    let typed = normalize(
        Provider::Stripe,
        Resource::Payments,
        input,
        &Options::default(),
    )
    .unwrap();
    let Normalized::Payment(p) = typed else {
        panic!("not a payment")
    };
    assert_eq!(p.remote_data.as_ref().map(|r| r.get()), Some(input));
    // In a list and under auto as well.
    let list = format!(r#"{{"object":"list","has_more":false,"data":[{input}]}}"#);
    let v = ok("auto", "auto", &list);
    assert_eq!(v["result"][0]["amount"], "0.00");
    assert_eq!(
        v["result"][0]["remote_data"]["x"].to_string(),
        r#"[-0,"-0",-0.0]"#
    );
    let v = ok(
        "razorpay",
        "payments",
        r#"{"id":"pay_1","entity":"payment","amount":-0,"currency":"INR","status":"captured"}"#,
    );
    assert_eq!(v["amount"], "0.00");
    // detect reads it the same way ("created" must be an integer to tell a Stripe object).
    let old = r#"{"id":"ch_1","amount":100,"currency":"usd","created":-0}"#;
    let d = detect(old.as_bytes()).unwrap().expect("detected");
    assert_eq!(d.provider, Provider::Stripe);
    assert_eq!(ok("auto", "auto", old)["id"], "ch_1");
}

#[test]
fn many_keys_in_one_object_stay_linear() {
    // 100,000 distinct keys in one object (1.3 MB): Juspay (whose error path looks for repeated
    // keys) and Stripe answer in well under the time
    // a quadratic duplicate-key check would need (about 5 x 10^9 comparisons).
    let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":1")).collect();
    for bad in ["", r#""amount":{},"#, r#""status":"X","#] {
        let input = format!(
            r#"{{"order_id":"o1","status":"CHARGED",{bad}"amount":1,"currency":"INR",{}}}"#,
            keys.join(",")
        );
        for provider in ["juspay", "stripe"] {
            let t = std::time::Instant::now();
            let _ = normalize_json(provider, "auto", input.as_bytes(), &Options::default());
            let spent = t.elapsed();
            assert!(spent.as_secs() < 20, "{provider}: {spent:?}");
        }
    }
}
