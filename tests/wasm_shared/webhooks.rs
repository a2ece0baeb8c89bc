//! Webhooks through the real JS exports (`verifyWebhook`, `constructEvent`, `parseWebhook`,
//! `normalizeError`, `eventTypes`), in Node and headless Chromium: every signature vector of
//! `../shared/fixtures/webhook_signatures.json` (embedded at compile time; the browser has no
//! file system), headers as a Fetch `Headers`, a plain object and a bare string, secrets as
//! strings, bytes, arrays and `{username, password}`, and the bad inputs of issue 9.

use super::{args, assert_error, bytes, call, get, get_str, parse, ready, s, same_json};
use js_sys::{Array, Object, Reflect};
use paynorm::webhooks::hmac_sha256_hex;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const VECTORS: &str = include_str!("../../../shared/fixtures/webhook_signatures.json");
const STRIPE_PI: &str = include_str!(
    "../../../shared/fixtures/stripe/webhook/rubymock_event_payment_intent_succeeded.json"
);
const RAZORPAY_CAPTURED: &str =
    include_str!("../../../shared/fixtures/razorpay/webhook/wh_payment_captured_card.json");
const CHECKOUT_CAPTURED: &str =
    include_str!("../../../shared/fixtures/checkout/webhook/wh_payment_captured.json");
const JUSPAY_TXN: &str =
    include_str!("../../../shared/fixtures/juspay/webhook/wh_txn_charged.json");
const STRIPE_ERROR: &str = include_str!("../../../shared/fixtures/stripe/error/wh_rate_limit.json");

#[wasm_bindgen(inline_js = r#"
export function headersOf(obj) {
  const h = new Headers();
  for (const [k, v] of Object.entries(obj)) h.set(k, v);
  return h;
}
export function withLoneSurrogate(s) { return s + "\ud802"; }
export function nowSeconds() { return Math.floor(Date.now() / 1000); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = headersOf)]
    fn headers_of(obj: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = withLoneSurrogate)]
    fn with_lone_surrogate(s: &str) -> JsValue;
    #[wasm_bindgen(js_name = nowSeconds)]
    fn now_seconds() -> f64;
}

fn options(now: Option<f64>, tolerance: Option<f64>) -> JsValue {
    let o = Object::new();
    if let Some(n) = now {
        Reflect::set(&o, &s("now"), &JsValue::from_f64(n)).unwrap();
    }
    if let Some(t) = tolerance {
        Reflect::set(&o, &s("tolerance"), &JsValue::from_f64(t)).unwrap();
    }
    o.into()
}

fn verify(
    provider: &str,
    body: JsValue,
    headers: JsValue,
    secrets: JsValue,
    opts: JsValue,
) -> Result<JsValue, JsValue> {
    call(
        "verifyWebhook",
        &args(&[s(provider), body, headers, secrets, opts]),
    )
}

#[wasm_bindgen_test]
async fn every_signature_vector_in_wasm() {
    ready().await;
    let all = parse(VECTORS);
    let vectors: Array = get(&all, "vectors").into();
    let mut checked = 0;
    for v in vectors.iter() {
        let id = get_str(&v, "id").unwrap();
        let scheme = get_str(&v, "scheme").unwrap();
        if let Some(hexed) = get_str(&v, "expected_hex") {
            // The HMAC primitive (Stripe's crypto-provider vectors, Razorpay's callback
            // signatures), computed by the wasm build of the core.
            let secret = get_str(&v, "secret").unwrap();
            let message = get_str(&v, "message").unwrap();
            assert_eq!(
                hmac_sha256_hex(secret.as_bytes(), message.as_bytes()),
                hexed,
                "{id}"
            );
            checked += 1;
            continue;
        }
        if scheme != "stripe-v1" && scheme != "hmac-sha256-hex-body" {
            // The JWS vector: its RSA key is not published (the vector says so).
            assert_eq!(
                get_str(&v, "expected").as_deref(),
                Some("valid-with-key-not-published"),
                "{id}"
            );
            continue;
        }
        let provider = get_str(&v, "provider").unwrap();
        let headers = get(&v, "headers");
        let now = get(&v, "now").as_f64();
        let tolerance = get(&v, "tolerance").as_f64();
        let secret = get(&v, "secret");
        let expected = get_str(&v, "expected").unwrap();
        let expected_error = get_str(&v, "expected_error");
        let body_text = get_str(&v, "body");
        let bodies: Vec<JsValue> = match &body_text {
            Some(b) => vec![s(b), bytes(b).into()],
            None => {
                // "fixture JSON + \ud802": a JS string with a lone surrogate.
                let base = vectors
                    .iter()
                    .find(|o| {
                        get_str(o, "id").as_deref() == Some("stripe-dotnet-eventutility-22f625b")
                    })
                    .unwrap();
                vec![with_lone_surrogate(&get_str(&base, "body").unwrap())]
            }
        };
        let header_value = Object::values(&headers.clone().into()).get(0);
        let header_forms = [headers.clone(), headers_of(&headers), header_value];
        for body in &bodies {
            for h in &header_forms {
                let result = verify(
                    &provider,
                    body.clone(),
                    h.clone(),
                    secret.clone(),
                    options(now, tolerance),
                );
                match (expected.as_str(), &expected_error) {
                    ("valid", _) => assert!(
                        result.is_ok(),
                        "{id} must verify: {:?}",
                        result.err().and_then(|e| get_str(&e, "message"))
                    ),
                    (_, Some(code)) => {
                        // An empty header value is no header at all, however it is passed.
                        assert_error(result, code, None);
                    }
                    _ => panic!("{id}: no expected_error"),
                }
            }
        }
        checked += 1;
    }
    assert_eq!(
        checked + 1,
        vectors.length(),
        "every vector but the unusable JWS one"
    );
}

const SECRET: &str = "whsec_test_secret";

fn stripe_header(t: i64, body: &str) -> String {
    let sig = hmac_sha256_hex(SECRET.as_bytes(), format!("{t}.{body}").as_bytes());
    format!("t={t},v1={sig}")
}

#[wasm_bindgen_test]
async fn construct_event_and_bad_input() {
    ready().await;
    // Signed "now": the default clock (Date.now) is used when options.now is absent.
    let t = now_seconds() as i64;
    let header = stripe_header(t, STRIPE_PI);
    let event = call(
        "constructEvent",
        &args(&[s("stripe"), s(STRIPE_PI), s(&header), s(SECRET)]),
    )
    .expect("verifies with the runtime clock");
    assert_eq!(
        get_str(&event, "type").as_deref(),
        Some("payment.succeeded")
    );
    assert_eq!(
        get_str(&event, "provider_type").as_deref(),
        Some("payment_intent.succeeded")
    );
    assert!(super::is_plain(&event), "plain JSON objects");
    let parsed = call("parseWebhook", &args(&[s("auto"), s(STRIPE_PI)])).unwrap();
    assert!(same_json(&event, &parsed));
    // A parsed object as the body: invalid_input, pointing at the raw body.
    let err = assert_error(
        call(
            "constructEvent",
            &args(&[s("stripe"), parse(STRIPE_PI), s(&header), s(SECRET)]),
        ),
        "invalid_input",
        None,
    );
    assert!(get_str(&err, "message")
        .unwrap()
        .contains("raw request body"));
    // Tampered body, old and future timestamps, only v0, missing header, no secret.
    let tampered = STRIPE_PI.replacen("evt_", "evt_X", 1);
    assert_error(
        verify(
            "stripe",
            s(&tampered),
            s(&header),
            s(SECRET),
            JsValue::UNDEFINED,
        ),
        "signature_mismatch",
        None,
    );
    let old = stripe_header(t - 1000, STRIPE_PI);
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&old),
            s(SECRET),
            JsValue::UNDEFINED,
        ),
        "timestamp_outside_tolerance",
        None,
    );
    let future = stripe_header(t + 1000, STRIPE_PI);
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&future),
            s(SECRET),
            JsValue::UNDEFINED,
        ),
        "timestamp_outside_tolerance",
        None,
    );
    assert!(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&old),
            s(SECRET),
            options(None, Some(0.0))
        )
        .is_ok(),
        "tolerance 0 = off"
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&header.replace("v1=", "v0=")),
            s(SECRET),
            JsValue::UNDEFINED,
        ),
        "signature_malformed",
        None,
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            Object::new().into(),
            s(SECRET),
            JsValue::UNDEFINED,
        ),
        "signature_missing",
        None,
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&header),
            Array::new().into(),
            JsValue::UNDEFINED,
        ),
        "invalid_input",
        None,
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&header),
            JsValue::from_f64(5.0),
            JsValue::UNDEFINED,
        ),
        "invalid_input",
        None,
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&header),
            s(SECRET),
            parse(r#"{"tolerence": 5}"#),
        ),
        "invalid_input",
        None,
    );
    assert_error(
        verify(
            "stripe",
            s(STRIPE_PI),
            s(&header),
            s(SECRET),
            parse(r#"{"tolerance": -1}"#),
        ),
        "invalid_input",
        None,
    );
    // A roll: two secrets (the second matching), as strings and bytes.
    let roll: Array = [s("whsec_old"), bytes(SECRET).into()].iter().collect();
    assert!(verify(
        "stripe",
        s(STRIPE_PI),
        s(&header),
        roll.into(),
        JsValue::UNDEFINED
    )
    .is_ok());
    // Razorpay through a Fetch Headers, with the event id header.
    let sig = hmac_sha256_hex(b"rzp_secret", RAZORPAY_CAPTURED.as_bytes());
    let h = headers_of(&parse(&format!(
        r#"{{"X-Razorpay-Signature": "{sig}", "x-razorpay-event-id": "HRZ1"}}"#
    )));
    let event = call(
        "constructEvent",
        &args(&[
            s("razorpay"),
            bytes(RAZORPAY_CAPTURED).into(),
            h.clone(),
            s("rzp_secret"),
        ]),
    )
    .unwrap();
    assert_eq!(get_str(&event, "id").as_deref(), Some("HRZ1"));
    assert_eq!(
        get_str(&event, "type").as_deref(),
        Some("payment.succeeded")
    );
    let wrong = format!("{RAZORPAY_CAPTURED} ");
    assert_error(
        call(
            "constructEvent",
            &args(&[s("razorpay"), s(&wrong), h, s("rzp_secret")]),
        ),
        "signature_mismatch",
        None,
    );
    // Juspay Basic auth.
    let creds = parse(r#"{"username": "merchant", "password": "hunter2"}"#);
    let basic = s("Basic bWVyY2hhbnQ6aHVudGVyMg==");
    assert!(verify(
        "juspay",
        s(JUSPAY_TXN),
        basic.clone(),
        creds.clone(),
        JsValue::UNDEFINED
    )
    .is_ok());
    let wrong_creds = parse(r#"{"username": "merchant", "password": "hunter3"}"#);
    assert_error(
        verify(
            "juspay",
            s(JUSPAY_TXN),
            basic.clone(),
            wrong_creds,
            JsValue::UNDEFINED,
        ),
        "signature_mismatch",
        None,
    );
    assert_error(
        verify(
            "juspay",
            s(r#"{"JWT":"a.b.c"}"#),
            basic,
            creds,
            JsValue::UNDEFINED,
        ),
        "unsupported_signature_scheme",
        None,
    );
}

#[wasm_bindgen_test]
async fn parse_webhook_data_equals_normalize_of_the_inner_object() {
    ready().await;
    let cases = [
        ("stripe", STRIPE_PI, "payments", "/data/object"),
        (
            "razorpay",
            RAZORPAY_CAPTURED,
            "payments",
            "/payload/payment/entity",
        ),
        ("juspay", JUSPAY_TXN, "payments", "/content/txn"),
    ];
    for (provider, body, resource, pointer) in cases {
        for p in [provider, "auto"] {
            let event = call("parseWebhook", &args(&[s(p), s(body)])).unwrap();
            assert_eq!(get_str(&event, "provider").as_deref(), Some(provider));
            let raw: serde_json::Value = serde_json::from_str(body).unwrap();
            let inner = raw.pointer(pointer).unwrap().to_string();
            let expected =
                call("normalize", &args(&[s(provider), s(resource), s(&inner)])).unwrap();
            assert!(
                same_json(&get(&event, "data"), &expected),
                "{provider} via {p}"
            );
        }
    }
    // Checkout.com: the status comes from the event type.
    let event = call("parseWebhook", &args(&[s("auto"), s(CHECKOUT_CAPTURED)])).unwrap();
    assert_eq!(
        get_str(&get(&event, "data"), "status").as_deref(),
        Some("paid")
    );
    // Bad bodies: section 1 errors, and the instance keeps working.
    assert_error(
        call("parseWebhook", &args(&[s("auto"), s("{")])),
        "invalid_json",
        None,
    );
    assert_error(
        call("parseWebhook", &args(&[s("auto"), s(r#"{"a":1}"#)])),
        "undetectable",
        None,
    );
    assert_error(
        call(
            "parseWebhook",
            &args(&[s("stripe"), s(r#"{"object":"event","type":7}"#)]),
        ),
        "invalid_payload",
        Some(Some("$.type")),
    );
    let deep = super::deep_array_text(100_000);
    assert_error(
        call("parseWebhook", &args(&[s("auto"), s(&deep)])),
        "invalid_json",
        None,
    );
}

#[wasm_bindgen_test]
async fn normalize_error_and_event_types() {
    ready().await;
    let e = call(
        "normalizeError",
        &args(&[s("auto"), s(STRIPE_ERROR), parse(r#"{"status": 429}"#)]),
    )
    .unwrap();
    assert_eq!(get_str(&e, "type").as_deref(), Some("rate_limit"));
    assert_eq!(get(&e, "retryable"), JsValue::TRUE);
    assert_eq!(get(&e, "http_status").as_f64(), Some(429.0));
    assert_error(
        call(
            "normalizeError",
            &args(&[s("checkout"), s(r#"{"id":"pay_1","status":"Declined"}"#)]),
        ),
        "mismatched_payload",
        None,
    );
    assert_error(
        call(
            "normalizeError",
            &args(&[s("stripe"), s(STRIPE_ERROR), parse(r#"{"status": "429"}"#)]),
        ),
        "invalid_input",
        None,
    );
    let rows: Array = call("eventTypes", &Array::new()).unwrap().into();
    assert_eq!(rows.length() as usize, paynorm::event_types().len());
    assert!(super::is_plain(&rows.into()));
}
