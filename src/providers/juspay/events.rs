//! Juspay webhooks: Basic-auth scheme, the event envelope and the event type table.
//!
//! - Authentication: <https://juspay.io/in/docs/api-reference/docs/express-checkout/webhooks>
//!   (`Authorization: Basic base64(username:password)` configured on the dashboard; JWT-signed
//!   webhooks `{"JWT": ...}` are not verified in this phase).
//! - Envelope and types: <https://juspay.io/in/docs/ec-headless/web/resources/webhooks>
//!   (`{id, event_name, date_created, content: {order | txn | mandate | notification}}`).

use crate::reader::view::View;
use crate::error::Error;
use crate::providers::Resource;
use crate::webhooks::{
    members, object, required_string, string, text_time, EventParts, EventSpec,
    EventType::{self, *},
    Inner, Scheme,
};
use std::borrow::Cow;

/// Juspay's webhook declaration.
pub(crate) static EVENTS: EventSpec = EventSpec {
    scheme: Scheme::BasicAuth {
        header: "Authorization",
    },
    types: TYPES,
    recognize,
    shape: "a Juspay event has event_name and content; JWT webhooks ({\"JWT\": ...}) are not read yet: configure Basic-auth webhooks",
    objects: &[(None, "$.content.order"), (None, "$.content.txn")],
    read,
};

/// Every Juspay order, transaction, refund and chargeback event -> the unified type, as the
/// webhook settings list them (mandate and notification events are outside the three resources
/// and read as `unknown`).
pub(crate) const TYPES: &[(&str, EventType)] = &[
    ("ORDER_CREATED", OrderCreated),
    ("ORDER_UPDATED", Unknown),
    ("ORDER_SUCCEEDED", OrderPaid),
    ("ORDER_FAILED", OrderFailed),
    ("ORDER_AUTHORIZED", PaymentAuthorized),
    ("ORDER_PARTIAL_CHARGED", PaymentSucceeded),
    ("ORDER_COD_INITIATED", PaymentPending),
    ("ORDER_TO_BE_CHARGED", PaymentPending),
    ("ORDER_VOIDED", PaymentCanceled),
    ("ORDER_VOID_FAILED", Unknown),
    ("ORDER_CAPTURE_FAILED", PaymentFailed),
    ("ORDER_REFUNDED", OrderRefunded),
    ("ORDER_AUTO_REFUNDED", OrderRefunded),
    ("ORDER_REFUND_FAILED", RefundFailed),
    ("REFUND_INITIATED", RefundCreated),
    ("REFUND_SUCCEEDED", RefundSucceeded),
    ("REFUND_FAILED", RefundFailed),
    ("REFUND_MANUAL_REVIEW_NEEDED", Unknown),
    ("AUTO_REFUND_INITIATED", RefundCreated),
    ("AUTO_REFUND_SUCCEEDED", RefundSucceeded),
    ("AUTO_REFUND_FAILED", RefundFailed),
    ("TXN_CREATED", PaymentCreated),
    ("TRANSACTION_AUTHORIZED", PaymentAuthorized),
    ("TXN_CHARGED", PaymentSucceeded),
    ("TXN_FAILED", PaymentFailed),
    ("CHARGEBACK_RECEIVED", DisputeOpened),
    ("CHARGEBACK_UNDER_REVIEW", DisputeUpdated),
    ("CHARGEBACK_EVIDENCE_REQUIRED", DisputeUpdated),
    ("CHARGEBACK_RESOLVED_IN_MERCHANT_FAVOUR", DisputeWon),
    ("CHARGEBACK_RESOLVED_IN_CUSTOMER_FAVOUR", DisputeLost),
    ("CHARGEBACK_EXPIRED", DisputeLost),
    ("CHARGEBACK_CANCELED", DisputeClosed),
    ("CHARGEBACK_ALREADY_REFUNDED", DisputeClosed),
];

/// A Juspay event: `event_name` and `content`.
fn recognize(map: View<'_, '_>) -> bool {
    map.get("event_name").is_some_and(View::is_string) && map.contains_key("content")
}

/// Reads the envelope: `content.order` (an order status response) is mapped as an order for
/// `ORDER_*` events and as a payment otherwise; `content.txn` as a payment; other content
/// (mandates, notifications) leaves `data` null.
fn read<'a>(text: &'a str, _headers: &[(&str, &str)]) -> Result<EventParts<'a>, Error> {
    let m = members(text, "$")?;
    let provider_type = required_string(
        &m,
        "event_name",
        "$",
        "a Juspay event names its type in `event_name`",
    )?;
    let mut inner = None;
    if let Some(content) = object(&m, "content", "$")? {
        let c = members(content.get(), "$.content")?;
        if let Some(order) = object(&c, "order", "$.content")? {
            let resource = if provider_type.starts_with("ORDER_") {
                Resource::Orders
            } else {
                Resource::Payments
            };
            inner = Some(Inner {
                resource,
                text: Cow::Borrowed(order.get()),
                raw: order,
                path: "$.content.order",
            });
        } else if let Some(txn) = object(&c, "txn", "$.content")? {
            inner = Some(Inner {
                resource: Resource::Payments,
                text: Cow::Borrowed(txn.get()),
                raw: txn,
                path: "$.content.txn",
            });
        }
    }
    Ok(EventParts {
        id: string(&m, "id", "$")?,
        provider_type,
        created_at: text_time(&m, "date_created", "$")?,
        object: inner,
        previous_attributes: None,
        livemode: None,
    })
}
