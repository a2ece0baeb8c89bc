//! Juspay: detection, list envelope, field-source tables and the registry entry. Raw types and the
//! mapping live beside this file in `transformers.rs`.
//!
//! API docs followed: Juspay Express Checkout API reference
//! (<https://juspay.io/in/docs/api-reference/docs/express-checkout>): Get / Create Customer,
//! Order Status API, Create Order API, transaction status codes
//! (<https://juspay.io/in/docs/resources/docs/common-resources/transaction-status>).

pub(crate) mod errors;
pub(crate) mod events;
mod transformers;

use super::{Detected, Envelope, Paging, ProviderSpec, Resource};
use crate::error::Error;
use crate::fields::{rule, FieldSource};
use crate::reader::view::View;

/// Juspay's registry entry: customers, orders and payments (the order status response read as
/// its transaction).
pub(crate) static SPEC: ProviderSpec = ProviderSpec {
    label: "Juspay",
    aliases: &[],
    customers: Some(transformers::customer),
    orders: Some(transformers::order),
    payments: Some(transformers::payment),
    envelope,
    detect,
    locate: super::the_object_itself,
    fields,
    events: &events::EVENTS,
    errors: &errors::ERRORS,
};

/// Juspay has no list envelope (its list endpoints are not in scope; a bare array of objects is
/// handled by the core), so nothing is ever an envelope.
fn envelope<'a>(_text: &'a str, _paging: Option<&Paging>) -> Result<Option<Envelope<'a>>, Error> {
    Ok(None)
}

/// docs/mapping.md#detection-auto: a customer is `object: "customer"` with `object_reference_id` and a string
/// `date_created` (Stripe's customers have an integer `created` and no `object_reference_id`);
/// an order status / create-order response has a string `order_id` and `status_id`; a
/// transaction response has `order_id`, `txn_id` and `status`. Objects carrying `object`
/// (other than a Juspay customer), `entity` (Razorpay) or `_links` (Checkout.com) are never
/// Juspay's, and refunds (`unique_request_id`, `refund_type`) are left undetected. An
/// order-shaped payload that carries a transaction is a payment, one without is an order.
fn detect(map: View<'_, '_>) -> Option<Detected> {
    if map.contains_key("entity") || map.contains_key("_links") {
        return None;
    }
    let found = |resource| {
        Some(Detected {
            resource: Some(resource),
            list: false,
        })
    };
    match map.get("object") {
        Some(o) if o.as_str().as_deref() == Some("customer") => {
            let reference = map.contains_key("object_reference_id");
            let created_text = map.get("date_created").is_some_and(View::is_string);
            if reference && created_text {
                found(Resource::Customers)
            } else {
                None
            }
        }
        Some(_) => None,
        None => {
            let order_id = map
                .get("order_id")
                .and_then(View::as_str)
                .is_some_and(|s| !s.trim().is_empty());
            if !order_id || transformers::is_refund(map) {
                return None;
            }
            let transaction = transformers::carries_transaction(map);
            if map.contains_key("status_id") {
                if transaction {
                    found(Resource::Payments)
                } else {
                    found(Resource::Orders)
                }
            } else if map.get("txn_id").is_some_and(View::is_string)
                && map.get("status").is_some_and(View::is_string)
            {
                found(Resource::Payments)
            } else {
                None
            }
        }
    }
}

/// Customer field sources (order of `Customer::FIELDS`).
static CUSTOMER_FIELDS: [FieldSource; 6] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from(
        "name",
        &["first_name", "last_name"],
        "first + last, trimmed (both empty -> null)",
    ),
    FieldSource::from("email", &["email_address"], rule::COPY),
    FieldSource::from(
        "phone",
        &["mobile_country_code", "mobile_number"],
        "+<country code><number>, spaces removed",
    ),
    FieldSource::from(
        "created_at",
        &["date_created"],
        "timestamp (RFC 3339, +0000 offset or unix-seconds text) -> RFC 3339 UTC",
    ),
    FieldSource::from(
        "updated_at",
        &["last_updated"],
        "timestamp (RFC 3339, +0000 offset or unix-seconds text) -> RFC 3339 UTC",
    ),
];

/// The rule of Juspay money fields.
const MAJOR: &str = "major units already: exact decimal text with the ISO 4217 decimals (null without a known currency)";

/// The sources of the embedded customer.
const CUSTOMER_REF: &[&str] = &["customer_id", "customer_email", "customer_phone"];

/// The rule of the embedded customer.
const CUSTOMER_REF_RULE: &str =
    "{id: customer_id, name: null, email: customer_email, phone: customer_phone}; null when all empty";

/// The sources of the status and its refund overlay.
const STATUS_SOURCES: &[&str] = &["status", "amount_refunded", "amount", "refunded"];

/// The rule of the status.
const STATUS_RULE: &str = "status table; CHARGED with amount_refunded > 0 -> partial (below amount) or refunded (all of it), the refunded flag when the numbers are missing";

/// Payment field sources (order of `Payment::FIELDS`).
static PAYMENT_FIELDS: [FieldSource; 14] = [
    FieldSource::from(
        "id",
        &["txn_id", "txn_uuid", "order_id"],
        "first non-empty",
    ),
    FieldSource::from("amount", &["amount"], MAJOR),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::none("transaction_fee"),
    FieldSource::from("refund_amount", &["amount_refunded"], MAJOR),
    FieldSource::from("status", STATUS_SOURCES, STATUS_RULE),
    FieldSource::from("customer", CUSTOMER_REF, CUSTOMER_REF_RULE),
    FieldSource::none("description"),
    FieldSource::from(
        "payment_method",
        &["payment_method_type", "card"],
        "{id: null, method: payment_method_type lower case (NB -> netbanking, CARD -> card)}; card when empty beside a card object",
    ),
    FieldSource::from(
        "created_at",
        &["txn_detail.created", "date_created"],
        rule::TIMESTAMP,
    ),
    FieldSource::none("expires_on"),
    FieldSource::from(
        "reference_id",
        &["txn_id", "txn_detail.txn_id"],
        "first non-empty",
    ),
    FieldSource::from("order_id", &["order_id"], rule::COPY),
    FieldSource::from(
        "metadata",
        &[
            "udf1", "udf2", "udf3", "udf4", "udf5", "udf6", "udf7", "udf8", "udf9", "udf10",
            "metadata",
        ],
        "non-empty udf1..udf10, then the metadata object's keys; null when neither",
    ),
];

/// Order field sources (order of `Order::FIELDS`).
static ORDER_FIELDS: [FieldSource; 8] = [
    FieldSource::from("id", &["order_id"], "copy (the merchant's order id)"),
    FieldSource::from(
        "amount",
        &["amount"],
        "major units already: exact decimal text as a JSON number (null without a known currency)",
    ),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::from("created_at", &["date_created"], rule::TIMESTAMP),
    FieldSource::from("updated_at", &["last_updated"], rule::TIMESTAMP),
    FieldSource::from("status", STATUS_SOURCES, STATUS_RULE),
    FieldSource::from("customer", CUSTOMER_REF, CUSTOMER_REF_RULE),
    FieldSource::from(
        "payment",
        &["txn_id", "txn_uuid", "payment_method_type", "txn_detail"],
        "the payment mapping of the same payload when it carries a transaction, else null",
    ),
];

/// The field-source table of `resource`.
fn fields(resource: Resource) -> &'static [FieldSource] {
    match resource {
        Resource::Customers => &CUSTOMER_FIELDS,
        Resource::Orders => &ORDER_FIELDS,
        Resource::Payments => &PAYMENT_FIELDS,
    }
}
