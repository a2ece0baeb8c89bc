//! Auto-detection (docs/mapping.md#detection-auto) on inline payloads, one per collision the spec names.

use paynorm::{detect, Provider, Resource};

fn found(json: &str) -> Option<(Provider, Option<Resource>, bool)> {
    detect(json.as_bytes())
        .expect("valid JSON")
        .map(|d| (d.provider, d.resource, d.list))
}

#[test]
fn pay_prefix_razorpay_vs_checkout() {
    assert_eq!(
        found(
            r#"{"id":"pay_29QQoUBi66xm2f","entity":"payment","amount":5000,"currency":"INR","status":"captured","created_at":1400826750}"#
        ),
        Some((Provider::Razorpay, Some(Resource::Payments), false))
    );
    assert_eq!(
        found(
            r#"{"id":"pay_mbabizu24mvu3mela5njyhpit4","amount":6540,"currency":"USD","status":"Authorized","requested_on":"2019-08-24T14:15:22Z","_links":{"self":{"href":"x"}}}"#
        ),
        Some((Provider::Checkout, Some(Resource::Payments), false))
    );
}

#[test]
fn object_customer_stripe_vs_juspay() {
    assert_eq!(
        found(
            r#"{"id":"cus_NffrFeUfNV2Hib","object":"customer","created":1680893993,"email":"a@b.c"}"#
        ),
        Some((Provider::Stripe, Some(Resource::Customers), false))
    );
    assert_eq!(
        found(
            r#"{"id":"cst_om2l6ctlptxwxuzj","object":"customer","object_reference_id":"c-1","date_created":"2016-08-02T08:07:52+0000","mobile_number":"99"}"#
        ),
        Some((Provider::Juspay, Some(Resource::Customers), false))
    );
}

#[test]
fn cus_prefix_stripe_vs_checkout() {
    assert_eq!(
        found(r#"{"id":"cus_y3oqhf46pyzuxjbcn2giaqnb44","email":"a@b.c","name":"A"}"#),
        Some((Provider::Checkout, Some(Resource::Customers), false))
    );
    assert_eq!(
        found(r#"{"id":"cus_QXg1o8vcGmoR32","object":"customer","deleted":true}"#),
        Some((Provider::Stripe, Some(Resource::Customers), false))
    );
}

#[test]
fn stripe_checkout_session_is_stripe() {
    assert_eq!(
        found(
            r#"{"id":"cs_test_a1","object":"checkout.session","amount_total":5000,"currency":"usd","created":1700000000,"status":"open"}"#
        ),
        Some((Provider::Stripe, Some(Resource::Orders), false))
    );
}

#[test]
fn juspay_order_status_is_juspay() {
    assert_eq!(
        found(r#"{"order_id":"ORD1","status":"CHARGED","status_id":21,"amount":10.0,"currency":"INR","id":"ordeh_1"}"#).map(|d| d.0),
        Some(Provider::Juspay)
    );
}

#[test]
fn lists() {
    assert_eq!(
        found(
            r#"{"object":"list","has_more":false,"url":"/v1/customers","data":[{"id":"cus_1","object":"customer","created":1}]}"#
        ),
        Some((Provider::Stripe, Some(Resource::Customers), true))
    );
    assert_eq!(
        found(
            r#"{"entity":"collection","count":1,"items":[{"id":"order_1","entity":"order","amount":100,"currency":"INR","status":"paid","created_at":1}]}"#
        ),
        Some((Provider::Razorpay, Some(Resource::Orders), true))
    );
    assert_eq!(
        found(
            r#"[{"id":"pay_1","entity":"payment","amount":1,"currency":"INR","status":"created","created_at":1}]"#
        ),
        Some((Provider::Razorpay, Some(Resource::Payments), true))
    );
}

#[test]
fn nothing_matches() {
    assert_eq!(found(r#"{"hello":"world"}"#), None);
    assert_eq!(found("[]"), None);
    assert_eq!(found("42"), None);
    assert!(detect(b"{").is_err());
}
