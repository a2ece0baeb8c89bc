//! Webhooks and provider errors (docs/webhooks.md): every signature vector of
//! `fixtures/webhook_signatures.json`, every `webhook` and `error` fixture of the four providers
//! (named and `"auto"`), the issue's bad-input list, and the drift check of the event type
//! tables in `docs/webhooks.md` (`PAYNORM_BLESS=1 cargo test --test webhooks` rewrites them).

mod common;

use paynorm::webhooks::hmac_sha256_hex;
use paynorm::{
    construct_event, error_types, event_types, normalize_error, normalize_value, parse_webhook,
    verify_webhook, ErrorCode, ErrorOptions, ErrorType, Options, Provider, Secret, WebhookOptions,
};
use serde_json::{json, Value};
use std::path::Path;

fn opts(now: Option<i64>, tolerance: u64) -> WebhookOptions {
    WebhookOptions {
        now,
        tolerance,
        ..WebhookOptions::default()
    }
}

fn pairs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

fn code(r: Result<(), paynorm::Error>) -> Option<&'static str> {
    r.err().map(|e| e.code.as_str())
}

#[test]
fn every_signature_vector() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_signature_vector");
    };
    let text = std::fs::read_to_string(dir.join("webhook_signatures.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    let vectors = all["vectors"].as_array().unwrap();
    let (mut checked, mut primitives, mut skipped) = (0, 0, Vec::new());
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let scheme = v["scheme"].as_str().unwrap();
        let expected = v["expected"].as_str().unwrap();
        if let Some(hexed) = v["expected_hex"].as_str() {
            // The HMAC primitive (and Razorpay's checkout-callback signatures).
            let got = hmac_sha256_hex(
                v["secret"].as_str().unwrap().as_bytes(),
                v["message"].as_str().unwrap().as_bytes(),
            );
            assert_eq!(got, hexed, "{id}");
            primitives += 1;
            continue;
        }
        if scheme != "stripe-v1" && scheme != "hmac-sha256-hex-body" {
            // The JWS vector: its RSA key is not published (the vector says so).
            assert_eq!(expected, "valid-with-key-not-published", "{id}");
            skipped.push(id);
            continue;
        }
        let provider = Provider::parse(v["provider"].as_str().unwrap()).unwrap();
        let body: Vec<u8> = match v["body"].as_str() {
            Some(b) => b.as_bytes().to_vec(),
            None => {
                // "fixture JSON + \ud802": a lone surrogate has no UTF-8 form; its WTF-8 bytes
                // are what a lossless byte path would carry.
                let base = vectors
                    .iter()
                    .find(|o| o["id"] == "stripe-dotnet-eventutility-22f625b")
                    .unwrap();
                let mut b = base["body"].as_str().unwrap().as_bytes().to_vec();
                b.extend_from_slice(&[0xED, 0xA0, 0x82]);
                b
            }
        };
        let headers: Vec<(String, String)> = v["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let o = opts(v["now"].as_i64(), v["tolerance"].as_u64().unwrap_or(300));
        let secret = Secret::from(v["secret"].as_str().unwrap());
        let got = code(verify_webhook(
            provider,
            &body,
            &pairs(&headers),
            &[secret],
            &o,
        ));
        match expected {
            "valid" => assert_eq!(got, None, "{id} must verify"),
            _ => assert_eq!(got, v["expected_error"].as_str(), "{id}"),
        }
        checked += 1;
    }
    assert_eq!(checked + primitives + skipped.len(), vectors.len());
    assert!(checked >= 30, "only {checked} vectors checked");
    eprintln!("{checked} webhook vectors, {primitives} HMAC primitives, skipped {skipped:?}");
}

// ---------------------------------------------------------------------------------------------
// Bad input (issue 9)
// ---------------------------------------------------------------------------------------------

const SECRET: &str = "whsec_test_secret";
const BODY: &str = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
const T: i64 = 1_700_000_000;

fn stripe_header(secret: &str, t: i64, body: &[u8]) -> String {
    let mut msg = format!("{t}.").into_bytes();
    msg.extend_from_slice(body);
    format!("t={t},v1={}", hmac_sha256_hex(secret.as_bytes(), &msg))
}

fn stripe(body: &[u8], header: &str, secrets: &[&str], now: i64) -> Option<&'static str> {
    let secrets: Vec<Secret> = secrets.iter().map(|s| Secret::from(*s)).collect();
    code(verify_webhook(
        Provider::Stripe,
        body,
        &[("stripe-signature", header)],
        &secrets,
        &opts(Some(now), 300),
    ))
}

fn one_char_changes(s: &str) -> Vec<String> {
    (0..s.len())
        .filter(|i| s.is_char_boundary(*i))
        .map(|i| {
            let mut b = s.as_bytes().to_vec();
            b[i] = if b[i] == b'0' { b'1' } else { b'0' };
            String::from_utf8_lossy(&b).into_owned()
        })
        .collect()
}

#[test]
fn stripe_rejects_every_change() {
    let header = stripe_header(SECRET, T, BODY.as_bytes());
    assert_eq!(stripe(BODY.as_bytes(), &header, &[SECRET], T), None);
    // Every single-byte change of the body.
    for i in 0..BODY.len() {
        let mut b = BODY.as_bytes().to_vec();
        b[i] ^= 0x01;
        let got = stripe(&b, &header, &[SECRET], T);
        assert!(
            matches!(got, Some("signature_mismatch" | "invalid_input")),
            "byte {i}: {got:?}"
        );
    }
    // Each signature character changed.
    let sig = header.split("v1=").nth(1).unwrap();
    for changed in one_char_changes(sig) {
        if changed == sig {
            continue;
        }
        let h = format!("t={T},v1={changed}");
        assert_eq!(
            stripe(BODY.as_bytes(), &h, &[SECRET], T),
            Some("signature_mismatch")
        );
    }
    // Each timestamp character changed (the signature covers it).
    for changed in one_char_changes(&T.to_string()) {
        let h = format!("t={changed},v1={sig}");
        let got = stripe(BODY.as_bytes(), &h, &[SECRET], T);
        assert_eq!(got, Some("signature_mismatch"), "t={changed}");
    }
    // Each secret character changed.
    for changed in one_char_changes(SECRET) {
        assert_eq!(
            stripe(BODY.as_bytes(), &header, &[&changed], T),
            Some("signature_mismatch")
        );
    }
    // Only v0; missing header; empty secret list; an empty secret.
    let v0 = header.replace("v1=", "v0=");
    assert_eq!(
        stripe(BODY.as_bytes(), &v0, &[SECRET], T),
        Some("signature_malformed")
    );
    let none = verify_webhook(
        Provider::Stripe,
        BODY.as_bytes(),
        &[],
        &[SECRET.into()],
        &opts(Some(T), 300),
    );
    assert_eq!(code(none), Some("signature_missing"));
    assert_eq!(
        stripe(BODY.as_bytes(), &header, &[], T),
        Some("invalid_input")
    );
    assert_eq!(
        stripe(BODY.as_bytes(), &header, &[""], T),
        Some("invalid_input")
    );
    // Expired and future timestamps; tolerance 0 switches the check off.
    assert_eq!(
        stripe(BODY.as_bytes(), &header, &[SECRET], T + 301),
        Some("timestamp_outside_tolerance")
    );
    assert_eq!(
        stripe(BODY.as_bytes(), &header, &[SECRET], T - 301),
        Some("timestamp_outside_tolerance")
    );
    let e = verify_webhook(
        Provider::Stripe,
        BODY.as_bytes(),
        &[("Stripe-Signature", &header)],
        &[SECRET.into()],
        &opts(Some(T - 301), 300),
    )
    .unwrap_err();
    assert!(
        e.message.contains("301 seconds in the future"),
        "{}",
        e.message
    );
    let off = verify_webhook(
        Provider::Stripe,
        BODY.as_bytes(),
        &[("Stripe-Signature", &header)],
        &[SECRET.into()],
        &opts(Some(T + 10_000_000), 0),
    );
    assert_eq!(code(off), None);
    // Upper-case hex does not match.
    let upper = format!("t={T},v1={}", sig.to_ascii_uppercase());
    assert_eq!(
        stripe(BODY.as_bytes(), &upper, &[SECRET], T),
        Some("signature_mismatch")
    );
    // Trailing newline removed, added; LF -> CRLF.
    let with_nl = format!("{BODY}\n");
    let h_nl = stripe_header(SECRET, T, with_nl.as_bytes());
    assert_eq!(stripe(with_nl.as_bytes(), &h_nl, &[SECRET], T), None);
    assert_eq!(
        stripe(BODY.as_bytes(), &h_nl, &[SECRET], T),
        Some("signature_mismatch")
    );
    assert_eq!(
        stripe(with_nl.as_bytes(), &header, &[SECRET], T),
        Some("signature_mismatch")
    );
    let crlf = BODY.replace('\n', "\r\n");
    assert_eq!(
        stripe(crlf.as_bytes(), &header, &[SECRET], T),
        Some("signature_mismatch")
    );
    // A roll: two v1 (one matching), two secrets (the second matching).
    let other = stripe_header("whsec_other", T, BODY.as_bytes());
    let two = format!("{other},v1={sig}");
    assert_eq!(stripe(BODY.as_bytes(), &two, &[SECRET], T), None);
    assert_eq!(
        stripe(BODY.as_bytes(), &header, &["whsec_old", SECRET], T),
        None
    );
    // Header names are case-insensitive.
    assert_eq!(
        code(verify_webhook(
            Provider::Stripe,
            BODY.as_bytes(),
            &[("STRIPE-SIGNATURE", &header)],
            &[SECRET.into()],
            &opts(Some(T), 300)
        )),
        None
    );
    // A secret with a trailing newline says so.
    let e = verify_webhook(
        Provider::Stripe,
        BODY.as_bytes(),
        &[("Stripe-Signature", &header)],
        &["whsec_test_secret\n".into()],
        &opts(Some(T), 300),
    )
    .unwrap_err();
    assert!(e.message.contains("whitespace"), "{}", e.message);
}

#[test]
fn hmac_body_providers_reject_every_change() {
    let body = br#"{"entity":"event","event":"payment.captured","payload":{}}"#;
    for (provider, header) in [
        (Provider::Razorpay, "X-Razorpay-Signature"),
        (Provider::Checkout, "Cko-Signature"),
    ] {
        let sig = hmac_sha256_hex(b"s3cret", body);
        let check = |b: &[u8], h: &[(&str, &str)], s: &[Secret]| {
            code(verify_webhook(
                provider,
                b,
                h,
                s,
                &WebhookOptions::default(),
            ))
        };
        assert_eq!(check(body, &[(header, &sig)], &["s3cret".into()]), None);
        for i in 0..body.len() {
            let mut b = body.to_vec();
            b[i] ^= 0x01;
            assert_eq!(
                check(&b, &[(header, &sig)], &["s3cret".into()]),
                Some("signature_mismatch"),
                "{provider} byte {i}"
            );
        }
        for changed in one_char_changes(&sig) {
            if changed != sig {
                assert_eq!(
                    check(body, &[(header, &changed)], &["s3cret".into()]),
                    Some("signature_mismatch")
                );
            }
        }
        let upper = sig.to_ascii_uppercase();
        assert_eq!(
            check(body, &[(header, &upper)], &["s3cret".into()]),
            Some("signature_mismatch")
        );
        assert_eq!(
            check(body, &[], &["s3cret".into()]),
            Some("signature_missing")
        );
        assert_eq!(check(body, &[(header, &sig)], &[]), Some("invalid_input"));
        assert_eq!(
            check(body, &[(header, &sig)], &["old".into(), "s3cret".into()]),
            None
        );
        let basic = Secret::Basic {
            username: "u".into(),
            password: "p".into(),
        };
        assert_eq!(
            check(body, &[(header, &sig)], &[basic]),
            Some("invalid_input")
        );
    }
}

#[test]
fn juspay_basic_auth_and_jwt() {
    let secret = || Secret::Basic {
        username: "merchant".into(),
        password: "hunter2".into(),
    };
    let body = br#"{"id":"evt_1","event_name":"ORDER_SUCCEEDED","content":{}}"#;
    let good = "Basic bWVyY2hhbnQ6aHVudGVyMg=="; // merchant:hunter2
    let check = |b: &[u8], h: &[(&str, &str)], s: &[Secret]| {
        code(verify_webhook(
            Provider::Juspay,
            b,
            h,
            s,
            &WebhookOptions::default(),
        ))
    };
    assert_eq!(check(body, &[("authorization", good)], &[secret()]), None);
    assert_eq!(
        check(
            body,
            &[("Authorization", "Basic bWVyY2hhbnQ6aHVudGVyMw==")],
            &[secret()]
        ),
        Some("signature_mismatch")
    );
    assert_eq!(
        check(body, &[("Authorization", "Bearer abc")], &[secret()]),
        Some("signature_malformed")
    );
    assert_eq!(
        check(body, &[("Authorization", "Basic !!!")], &[secret()]),
        Some("signature_malformed")
    );
    assert_eq!(check(body, &[], &[secret()]), Some("signature_missing"));
    assert_eq!(
        check(body, &[("Authorization", good)], &["key".into()]),
        Some("invalid_input")
    );
    let jwt = br#"{"JWT":"eyJhbGciOiJSUzI1NiJ9.e30.sig"}"#;
    assert_eq!(
        check(jwt, &[("Authorization", good)], &[secret()]),
        Some("unsupported_signature_scheme")
    );
}

#[test]
fn construct_event_verifies_then_parses() {
    let body = br#"{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":1700000000,"livemode":false,"data":{"object":{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000}}}"#;
    let header = stripe_header(SECRET, T, body);
    let h = [("Stripe-Signature", header.as_str())];
    let event = construct_event(
        Provider::Stripe,
        body,
        &h,
        &[SECRET.into()],
        &opts(Some(T), 300),
    )
    .unwrap();
    assert_eq!(
        event,
        parse_webhook(Some(Provider::Stripe), body, &WebhookOptions::default()).unwrap()
    );
    let v = serde_json::to_value(&event).unwrap();
    assert_eq!(v["type"], "payment.succeeded");
    assert_eq!(v["data"]["amount"], "50.00");
    assert_eq!(v["data"]["status"], "paid");
    assert_eq!(v["created_at"], "2023-11-14T22:13:20Z");
    let mut tampered = body.to_vec();
    tampered[60] ^= 1;
    let e = construct_event(
        Provider::Stripe,
        &tampered,
        &h,
        &[SECRET.into()],
        &opts(Some(T), 300),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::SignatureMismatch);
    // Razorpay's event id comes from the header.
    let rzp = br#"{"entity":"event","event":"order.paid","payload":{"order":{"entity":{"id":"order_1","entity":"order","amount":100,"currency":"INR","status":"paid","created_at":1}}},"created_at":1}"#;
    let sig = hmac_sha256_hex(b"k", rzp);
    let h = [
        ("X-Razorpay-Signature", sig.as_str()),
        ("x-razorpay-event-id", "Hx1"),
    ];
    let e = construct_event(
        Provider::Razorpay,
        rzp,
        &h,
        &["k".into()],
        &WebhookOptions::default(),
    )
    .unwrap();
    assert_eq!(e.id.as_deref(), Some("Hx1"));
    let e = parse_webhook(Some(Provider::Razorpay), rzp, &WebhookOptions::default()).unwrap();
    assert_eq!(e.id, None);
}

#[test]
fn bad_event_bodies_give_section_1_errors() {
    let p = |b: &str| {
        parse_webhook(None, b.as_bytes(), &WebhookOptions::default())
            .map(|_| ())
            .map_err(|e| (e.code.as_str(), e.path))
    };
    assert_eq!(
        p(r#"{"object":"event","type":5}"#),
        Err(("invalid_payload", Some("$.type".into())))
    );
    assert_eq!(
        p(r#"{"object":"event","type":"x","created":"soon"}"#),
        Err(("invalid_payload", Some("$.created".into())))
    );
    assert_eq!(
        p(
            r#"{"object":"event","type":"charge.succeeded","created":1,"data":{"object":{"id":"ch_1","object":"charge","amount":1.5}}}"#
        ),
        Err(("invalid_payload", Some("$.data.object.amount".into())))
    );
    assert_eq!(
        p(r#"{"object":"event","type":"x""#).unwrap_err().0,
        "invalid_json"
    );
    assert_eq!(p("[1,2]").unwrap_err().0, "invalid_payload");
    assert_eq!(p(r#"{"hello":1}"#).unwrap_err().0, "undetectable");
    assert_eq!(p("").unwrap_err().0, "invalid_json");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(p(&deep).unwrap_err().0, "invalid_json");
    let deep_obj = format!(
        r#"{{"object":"event","type":"x","data":{}{}}}"#,
        "{\"a\":".repeat(3000),
        "}".repeat(3000)
    );
    assert_eq!(p(&deep_obj).unwrap_err().0, "invalid_json");
    // A provider named for another provider's event.
    let e = parse_webhook(
        Some(Provider::Razorpay),
        br#"{"object":"event","type":"x","created":1}"#,
        &WebhookOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::MismatchedPayload);
    assert!(e.message.contains("\"stripe\""), "{}", e.message);
    // Errors.
    let n = |b: &str| {
        normalize_error(None, b.as_bytes(), &ErrorOptions::default()).map_err(|e| e.code.as_str())
    };
    assert_eq!(n("{").unwrap_err(), "invalid_json");
    assert_eq!(n("\"x\"").unwrap_err(), "invalid_payload");
    assert_eq!(n(r#"{"id":"pay_1"}"#).unwrap_err(), "undetectable");
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// The object inside an event as docs/webhooks.md names it, and the resource to map it as.
fn inner(provider: &str, event: &Value) -> Option<(Value, &'static str)> {
    match provider {
        "stripe" => {
            let o = event.pointer("/data/object")?;
            let r = match o["object"].as_str()? {
                "customer" => "customers",
                "payment_intent" | "charge" => "payments",
                "checkout.session" | "order" => "orders",
                _ => return None,
            };
            Some((o.clone(), r))
        }
        "razorpay" => {
            if event["event"].as_str()?.starts_with("order.") {
                Some((event.pointer("/payload/order/entity")?.clone(), "orders"))
            } else {
                Some((
                    event.pointer("/payload/payment/entity")?.clone(),
                    "payments",
                ))
            }
        }
        "checkout" => {
            let t = event["type"].as_str()?;
            let status = match t {
                "payment_approved" => "Authorized",
                "payment_pending" => "Pending",
                "payment_captured" => "Captured",
                "payment_paid" => "Paid",
                "payment_canceled" => "Canceled",
                "payment_refunded" => "Refunded",
                "payment_voided" => "Voided",
                "payment_declined" => "Declined",
                _ => return None,
            };
            let mut d = event.get("data")?.clone();
            d.as_object_mut()?.insert("status".into(), json!(status));
            Some((d, "payments"))
        }
        "juspay" => {
            let r = if event["event_name"].as_str()?.starts_with("ORDER_") {
                "orders"
            } else {
                "payments"
            };
            match event.pointer("/content/order") {
                Some(o) => Some((o.clone(), r)),
                None => Some((event.pointer("/content/txn")?.clone(), "payments")),
            }
        }
        _ => None,
    }
}

/// Webhook fixtures that give a coded error instead of an event, and why.
const EXPECTED_ERRORS: &[(&str, &str)] = &[
    // Not an event: a Checkout.com notification-attempts listing (no `type`, no `data`).
    (
        "checkout/nodesdk_abc_event_notification_attempts.json",
        "mismatched_payload",
    ),
    // The published samples mask `date_created` inside the order ("1111111T07:18:57Z");
    // normalize() of that order gives the same error, re-rooted here at $.content.order.
    ("juspay/wh_order_failed.json", "invalid_payload"),
    ("juspay/wh_order_refund_failed.json", "invalid_payload"),
    ("juspay/wh_order_succeeded.json", "invalid_payload"),
];

#[test]
fn every_webhook_fixture_normalizes() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_webhook_fixture_normalizes");
    };
    let mut count = 0;
    let mut with_data = 0;
    for (provider, kind, path) in common::fixture_files(&dir) {
        if kind != "webhook" {
            continue;
        }
        let name = format!("{provider}/{}", path.file_name().unwrap().to_string_lossy());
        let body = std::fs::read(&path).unwrap();
        let raw: Value = serde_json::from_slice(&body).unwrap();
        let p = Provider::parse(&provider).unwrap();
        let named = parse_webhook(Some(p), &body, &WebhookOptions::default());
        let auto = parse_webhook(None, &body, &WebhookOptions::default());
        count += 1;
        if let Some((_, code)) = EXPECTED_ERRORS.iter().find(|(n, _)| *n == name) {
            let e = named.unwrap_err();
            assert_eq!(e.code.as_str(), *code, "{name}: {}", e.message);
            if provider == "juspay" {
                assert_eq!(
                    e.path.as_deref(),
                    Some("$.content.order.date_created"),
                    "{name}"
                );
                let (obj, r) = inner(&provider, &raw).unwrap();
                let direct = normalize_value(
                    &provider,
                    r,
                    obj.to_string().as_bytes(),
                    &Options::default(),
                )
                .unwrap_err();
                assert_eq!(direct.code.as_str(), *code, "{name}");
            }
            assert!(auto.is_err(), "{name}");
            continue;
        }
        let event = named.unwrap_or_else(|e| panic!("{name}: {} {}", e.code, e.message));
        assert_eq!(auto.as_ref().ok(), Some(&event), "{name}: auto differs");
        let v = serde_json::to_value(&event).unwrap();
        assert_eq!(v["provider"], provider.as_str(), "{name}");
        assert_eq!(v["remote_data"], raw, "{name}");
        assert!(v["provider_type"].is_string(), "{name}");
        match inner(&provider, &raw) {
            Some((obj, r)) => {
                let mut expected = normalize_value(
                    &provider,
                    r,
                    obj.to_string().as_bytes(),
                    &Options::default(),
                )
                .unwrap_or_else(|e| panic!("{name}: {}", e.message));
                if provider == "checkout" {
                    // remote_data is the data object as given (without the status the type implies).
                    expected["remote_data"] = raw["data"].clone();
                }
                assert_eq!(
                    v["data"], expected,
                    "{name}: data differs from normalize of the inner object"
                );
                assert_eq!(v["resource"], r, "{name}");
                with_data += 1;
            }
            None => {
                assert_eq!(v["data"], Value::Null, "{name}");
                assert_eq!(v["resource"], Value::Null, "{name}");
            }
        }
        if provider == "stripe" {
            assert_eq!(v["id"], raw["id"], "{name}");
            assert_eq!(v["livemode"], raw["livemode"], "{name}");
            assert_eq!(
                v["previous_attributes"],
                raw.pointer("/data/previous_attributes")
                    .cloned()
                    .unwrap_or(Value::Null),
                "{name}"
            );
        }
    }
    assert!(count >= 60, "only {count} webhook fixtures");
    assert!(with_data >= 40, "only {with_data} events with data");
}

/// Expected type per error fixture, with the HTTP status PROVENANCE gives where known.
const ERROR_TYPES: &[(&str, Option<u16>, &str)] = &[
    (
        "stripe/wh_authentication_no_api_key.json",
        Some(401),
        "authentication",
    ),
    ("stripe/wh_permission_denied.json", Some(403), "permission"),
    ("stripe/wh_resource_missing.json", Some(404), "not_found"),
    ("stripe/wh_rate_limit.json", Some(429), "rate_limit"),
    (
        "stripe/wh_oauth_invalid_grant.json",
        Some(400),
        "authentication",
    ),
    (
        "stripe/wh_card_error_declined.json",
        Some(402),
        "card_error",
    ),
    (
        "stripe/pay_vcr_card_declined_402.json",
        Some(402),
        "card_error",
    ),
    (
        "stripe/pay_vcr_resource_missing_customer_404.json",
        Some(404),
        "not_found",
    ),
    ("stripe/am_service_error_no_code.json", None, "api"),
    ("stripe/am_legacy_incorrect_number.json", None, "card_error"),
    ("razorpay/wh_server_error.json", Some(500), "api"),
    (
        "razorpay/wh_bills_unauthorised.json",
        None,
        "authentication",
    ),
    (
        "razorpay/rubytest_error_bad_request.json",
        Some(400),
        "invalid_request",
    ),
    (
        "checkout/nodesdk_404_not_found_request_id_only.json",
        Some(404),
        "not_found",
    ),
    (
        "checkout/nodesdk_422_validation_refund.json",
        Some(422),
        "processing",
    ),
    (
        "checkout/am_request_invalid_with_error_codes.json",
        Some(422),
        "invalid_request",
    ),
    (
        "juspay/wh_bad_origin_ip_not_whitelisted.json",
        None,
        "permission",
    ),
    (
        "juspay/wh_missing_card_number.json",
        Some(400),
        "invalid_request",
    ),
];

#[test]
fn every_error_fixture_normalizes() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_error_fixture_normalizes");
    };
    let mut count = 0;
    for (provider, kind, path) in common::fixture_files(&dir) {
        if kind != "error" {
            continue;
        }
        let name = format!("{provider}/{}", path.file_name().unwrap().to_string_lossy());
        let body = std::fs::read(&path).unwrap();
        let raw: Value = serde_json::from_slice(&body).unwrap();
        let status = ERROR_TYPES
            .iter()
            .find(|(n, _, _)| *n == name)
            .and_then(|r| r.1);
        let o = ErrorOptions {
            status,
            ..ErrorOptions::default()
        };
        let p = Provider::parse(&provider).unwrap();
        let e =
            normalize_error(Some(p), &body, &o).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        let auto = normalize_error(None, &body, &o)
            .unwrap_or_else(|e| panic!("{name} auto: {}", e.message));
        assert_eq!(e, auto, "{name}");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["remote_data"], raw, "{name}");
        assert_eq!(v["http_status"], json!(status), "{name}");
        if let Some((_, _, t)) = ERROR_TYPES.iter().find(|(n, _, _)| *n == name) {
            assert_eq!(v["type"], *t, "{name}");
        }
        assert_eq!(
            e.retryable,
            matches!(e.error_type, ErrorType::RateLimit | ErrorType::Api)
                || status.is_some_and(|s| s >= 500),
            "{name}"
        );
        // docs/webhooks.md's code sources.
        let want_code = match provider.as_str() {
            "stripe" => raw
                .pointer("/error/code")
                .cloned()
                .or_else(|| raw.get("error").filter(|e| e.is_string()).cloned()),
            "razorpay" => raw
                .pointer("/error/reason")
                .filter(|r| *r != "NA")
                .or(raw.pointer("/error/code"))
                .cloned(),
            "checkout" => raw.pointer("/error_codes/0").cloned(),
            _ => raw.get("error_code").or(raw.get("code")).cloned(),
        };
        assert_eq!(v["code"], want_code.unwrap_or(Value::Null), "{name}");
        if provider == "checkout" {
            assert_eq!(v["message"], Value::Null, "{name}");
            assert_eq!(v["request_id"], raw["request_id"], "{name}");
        } else {
            assert_eq!(v["request_id"], Value::Null, "{name}");
        }
        count += 1;
    }
    assert!(count >= 50, "only {count} error fixtures");
    // A Checkout.com 201 decline is a payment, not an error.
    let decline =
        std::fs::read(dir.join("checkout/payment/am_purchase_declined_3ds.json")).unwrap();
    let e = normalize_error(
        Some(Provider::Checkout),
        &decline,
        &ErrorOptions {
            status: Some(201),
            ..ErrorOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::MismatchedPayload, "{}", e.message);
}

// ---------------------------------------------------------------------------------------------
// Docs drift: docs/webhooks.md's event type tables are generated from event_types()
// ---------------------------------------------------------------------------------------------

const BEGIN: &str = "<!-- event-types:begin (generated by tests/webhooks.rs; PAYNORM_BLESS=1 cargo test --test webhooks) -->";
const END: &str = "<!-- event-types:end -->";

fn event_tables() -> String {
    let rows = event_types();
    let mut out = String::new();
    for p in Provider::ALL {
        let mine: Vec<_> = rows.iter().filter(|r| r.provider == p).collect();
        out.push_str(&format!(
            "\n**{}** ({} types)\n\n| provider type | unified type |\n|---|---|\n",
            p.as_str(),
            mine.len()
        ));
        for r in mine {
            out.push_str(&format!(
                "| `{}` | `{}` |\n",
                r.provider_type,
                r.event_type.as_str()
            ));
        }
    }
    out
}

const ERR_BEGIN: &str = "<!-- error-types:begin (generated by tests/webhooks.rs; PAYNORM_BLESS=1 cargo test --test webhooks) -->";
const ERR_END: &str = "<!-- error-types:end -->";

fn error_tables() -> String {
    let rows = error_types();
    let mut out = String::new();
    for p in Provider::ALL {
        let mine: Vec<_> = rows.iter().filter(|r| r.provider == p).collect();
        let field = mine.first().map_or("", |r| r.field);
        out.push_str(&format!(
            "\n**{}** (`{field}`)\n\n| provider word | type |\n|---|---|\n",
            p.as_str()
        ));
        for r in mine {
            let t = serde_json::to_value(r.error_type).unwrap();
            out.push_str(&format!(
                "| `{}` | `{}` |\n",
                r.provider_type,
                t.as_str().unwrap()
            ));
        }
    }
    out
}

/// Checks (or with PAYNORM_BLESS rewrites) the generated block between `begin` and `end`.
fn check_block(begin: &str, end: &str, wanted: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/webhooks.md");
    let doc = std::fs::read_to_string(&path).expect("docs/webhooks.md");
    let (Some(b), Some(e)) = (doc.find(begin), doc.find(end)) else {
        panic!("docs/webhooks.md lacks the markers {begin}");
    };
    let current = &doc[b + begin.len()..e];
    if current != wanted {
        if std::env::var("PAYNORM_BLESS").is_ok() {
            let updated = format!("{}{begin}{wanted}{end}{}", &doc[..b], &doc[e + end.len()..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!(
                "docs/webhooks.md tables are stale: run PAYNORM_BLESS=1 cargo test --test webhooks"
            );
        }
    }
}

#[test]
fn docs_event_type_tables_match_event_types() {
    check_block(BEGIN, END, &event_tables());
}

#[test]
fn docs_error_type_tables_match_error_types() {
    check_block(ERR_BEGIN, ERR_END, &error_tables());
}

#[test]
fn event_type_tables_have_no_duplicates() {
    let rows = event_types();
    for (i, r) in rows.iter().enumerate() {
        assert!(
            !rows[..i]
                .iter()
                .any(|o| o.provider == r.provider && o.provider_type == r.provider_type),
            "{} {} listed twice",
            r.provider,
            r.provider_type
        );
    }
}

#[test]
fn every_prefix_of_every_webhook_and_error_fixture_is_a_value_or_a_coded_error() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_prefix_of_every_webhook_and_error_fixture");
    };
    let mut calls = 0;
    for (provider, kind, path) in common::fixture_files(&dir) {
        if kind != "webhook" && kind != "error" {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        let p = Provider::parse(&provider).unwrap();
        // About 30 prefixes per fixture: truncated bodies are coded errors, never a panic.
        for end in (0..body.len()).step_by((body.len() / 30).max(3)) {
            let cut = &body[..end];
            if serde_json::from_slice::<Value>(cut).is_ok() {
                continue; // the whole document without its trailing newline
            }
            for provider in [Some(p), None] {
                if kind == "webhook" {
                    let r = parse_webhook(provider, cut, &WebhookOptions::default());
                    assert!(r.is_err(), "{}: prefix {end} parsed", path.display());
                } else {
                    let r = normalize_error(provider, cut, &ErrorOptions::default());
                    assert!(r.is_err(), "{}: prefix {end} parsed", path.display());
                }
                calls += 1;
            }
        }
    }
    assert!(calls > 3000, "{calls}");
}
