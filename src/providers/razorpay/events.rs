//! Razorpay webhooks: the `X-Razorpay-Signature` scheme, the event envelope and the event type
//! table.
//!
//! - Signatures: <https://razorpay.com/docs/webhooks/validate-test/> (lowercase hex
//!   HMAC-SHA256 of the raw body with the webhook secret, not the API key secret).
//! - Envelope: <https://razorpay.com/docs/webhooks/payloads/payments/> (`{entity: "event",
//!   account_id, event, contains, payload: {payment: {entity}, order: {entity}, ...},
//!   created_at}`); the body has no event id: Razorpay sends it in the `x-razorpay-event-id`
//!   header (<https://razorpay.com/docs/webhooks/#idempotency>).
//! - Types: <https://razorpay.com/docs/webhooks/payloads/payments/>, `.../orders/`,
//!   `.../refunds/`, `.../disputes/`.

use crate::reader::view::View;
use crate::error::Error;
use crate::providers::Resource;
use crate::webhooks::{
    header, members, object, required_string, unix_time, EventParts, EventSpec,
    EventType::{self, *},
    Inner, Scheme,
};
use std::borrow::Cow;

/// Razorpay's webhook declaration.
pub(crate) static EVENTS: EventSpec = EventSpec {
    scheme: Scheme::HmacSha256HexBody {
        header: "X-Razorpay-Signature",
    },
    types: TYPES,
    recognize,
    shape: "a Razorpay event has entity: \"event\", event and payload",
    objects: &[
        (Some(Resource::Orders), "$.payload.order.entity"),
        (Some(Resource::Payments), "$.payload.payment.entity"),
    ],
    read,
};

/// Every Razorpay event type for orders, payments, refunds and disputes -> the unified type
/// (Razorpay sends no customer events).
pub(crate) const TYPES: &[(&str, EventType)] = &[
    ("order.paid", OrderPaid),
    ("order.notification.delivered", Unknown),
    ("order.notification.failed", Unknown),
    ("payment.authorized", PaymentAuthorized),
    ("payment.captured", PaymentSucceeded),
    ("payment.failed", PaymentFailed),
    ("payment.pending", PaymentPending),
    ("refund.created", RefundCreated),
    ("refund.processed", RefundSucceeded),
    ("refund.failed", RefundFailed),
    ("refund.speed_changed", Unknown),
    ("payment.dispute.created", DisputeOpened),
    ("payment.dispute.under_review", DisputeUpdated),
    ("payment.dispute.action_required", DisputeUpdated),
    ("payment.dispute.won", DisputeWon),
    ("payment.dispute.lost", DisputeLost),
    ("payment.dispute.closed", DisputeClosed),
];

/// A Razorpay event: `entity: "event"`.
fn recognize(map: View<'_, '_>) -> bool {
    map.get("entity").and_then(View::as_str).as_deref() == Some("event")
}

/// Reads the envelope. The object inside: the order for `order.*` events, else the payment
/// (payment, refund and dispute events all carry `payload.payment.entity`), else nothing.
fn read<'a>(text: &'a str, headers: &[(&str, &str)]) -> Result<EventParts<'a>, Error> {
    let m = members(text, "$")?;
    let provider_type = required_string(
        &m,
        "event",
        "$",
        "a Razorpay event names its type in `event`",
    )?;
    let payload = match object(&m, "payload", "$")? {
        Some(p) => Some(members(p.get(), "$.payload")?),
        None => None,
    };
    let entity = |key: &'static str, path: &'static str| -> Result<Option<Inner<'a>>, Error> {
        let Some(payload) = &payload else {
            return Ok(None);
        };
        let Some(wrapper) = object(payload, key, "$.payload")? else {
            return Ok(None);
        };
        let w = members(wrapper.get(), &format!("$.payload.{key}"))?;
        Ok(
            object(&w, "entity", &format!("$.payload.{key}"))?.map(|raw| Inner {
                resource: if key == "order" {
                    Resource::Orders
                } else {
                    Resource::Payments
                },
                text: Cow::Borrowed(raw.get()),
                raw,
                path,
            }),
        )
    };
    let inner = if provider_type.starts_with("order.") {
        entity("order", "$.payload.order.entity")?
    } else {
        entity("payment", "$.payload.payment.entity")?
    };
    let id = header(headers, "x-razorpay-event-id")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    Ok(EventParts {
        id,
        provider_type,
        created_at: unix_time(&m, "created_at", "$")?,
        object: inner,
        previous_attributes: None,
        livemode: None,
    })
}
