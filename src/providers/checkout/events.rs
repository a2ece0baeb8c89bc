//! Checkout.com webhooks: the `Cko-Signature` scheme, the event envelope and the event type
//! table.
//!
//! - Signatures: <https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks>
//!   (`Cko-Signature`: lowercase hex HMAC-SHA256 of the raw body with the webhook's signature
//!   key).
//! - Envelope and types: <https://www.checkout.com/docs/developer-resources/webhooks/webhook-event-types>
//!   (`{id, type, version, created_on | timestamp, data, _links}`); `data` of a payment event is
//!   the payment without a `status`.

use crate::reader::view::View;
use crate::error::Error;
use crate::providers::Resource;
use crate::webhooks::{
    lookup, members, object, required_string, string, text_time, EventParts, EventSpec,
    EventType::{self, *},
    Inner, Scheme,
};
use std::borrow::Cow;

/// Checkout.com's webhook declaration.
pub(crate) static EVENTS: EventSpec = EventSpec {
    scheme: Scheme::HmacSha256HexBody {
        header: "Cko-Signature",
    },
    types: TYPES,
    recognize,
    shape: "a Checkout.com event has id, type and data",
    objects: &[(None, "$.data")],
    read,
};

/// Every Checkout.com payment, refund and dispute event type -> the unified type (Checkout.com
/// sends no customer or order events).
pub(crate) const TYPES: &[(&str, EventType)] = &[
    ("payment_approved", PaymentAuthorized),
    ("payment_pending", PaymentPending),
    ("payment_authentication_failed", PaymentFailed),
    ("payment_declined", PaymentFailed),
    ("payment_expired", PaymentExpired),
    ("payment_canceled", PaymentCanceled),
    ("payment_voided", PaymentCanceled),
    ("payment_void_declined", Unknown),
    ("payment_captured", PaymentSucceeded),
    ("payment_capture_declined", PaymentFailed),
    ("payment_capture_pending", PaymentPending),
    ("payment_paid", PaymentSucceeded),
    ("payment_refunded", PaymentRefunded),
    ("payment_refund_pending", RefundCreated),
    ("payment_refund_declined", RefundFailed),
    ("payment_returned", PaymentRefunded),
    ("payment_retry_scheduled", PaymentPending),
    ("payment_authorization_incremented", PaymentAuthorized),
    ("payment_authorization_increment_declined", Unknown),
    ("card_verified", Unknown),
    ("card_verification_declined", Unknown),
    ("dispute_received", DisputeOpened),
    ("dispute_evidence_required", DisputeUpdated),
    ("dispute_evidence_submitted", DisputeUpdated),
    ("dispute_evidence_acknowledged_by_scheme", DisputeUpdated),
    ("dispute_arbitration_sent_to_scheme", DisputeUpdated),
    ("dispute_arbitration_evidence_submitted", DisputeUpdated),
    ("dispute_accepted", DisputeLost),
    ("dispute_won", DisputeWon),
    ("dispute_lost", DisputeLost),
    ("dispute_arbitration_won", DisputeWon),
    ("dispute_arbitration_lost", DisputeLost),
    ("dispute_canceled", DisputeClosed),
    ("dispute_expired", DisputeLost),
    ("dispute_resolved", DisputeClosed),
];

/// Event data carries no status (docs/webhooks.md): the status word of the payment each event
/// type implies, fed to the payment mapping (section 4's Checkout row). `payment_refunded` is
/// `Refunded`, which the mapping turns into `partial` when `balances` shows part of the amount
/// still captured.
const STATUSES: &[(&str, &str)] = &[
    ("payment_approved", "Authorized"),
    ("payment_pending", "Pending"),
    ("payment_retry_scheduled", "Retry Scheduled"),
    ("payment_declined", "Declined"),
    ("payment_authentication_failed", "Declined"),
    ("payment_expired", "Expired"),
    ("payment_canceled", "Canceled"),
    ("payment_voided", "Voided"),
    ("payment_captured", "Captured"),
    ("payment_paid", "Paid"),
    ("payment_refunded", "Refunded"),
];

/// Event types whose `data` is a refund or dispute action, not the payment: `data` is null.
const NOT_A_PAYMENT: &[&str] = &["payment_refund_pending", "payment_refund_declined"];

/// A Checkout.com event: a string `type`, none of the other envelopes' markers (`object`,
/// `entity`, `event_name`), and a `data` object, `_links` or an `evt_` id.
fn recognize(map: View<'_, '_>) -> bool {
    map.get("type").is_some_and(View::is_string)
        && !map.contains_key("object")
        && !map.contains_key("entity")
        && !map.contains_key("event_name")
        && (map.get("data").is_some_and(View::is_object)
            || map.contains_key("_links")
            || map
                .get("id")
                .and_then(View::as_str)
                .is_some_and(|id| id.starts_with("evt_")))
}

/// Reads the envelope: `data` of a `payment_*` event whose id is a `pay_` id is the payment,
/// with the status its type implies; anything else (disputes, refund actions) leaves `data` null.
/// `created_at` <- `created_on`, else `timestamp` (the 2021+ envelope).
fn read<'a>(text: &'a str, _headers: &[(&str, &str)]) -> Result<EventParts<'a>, Error> {
    let m = members(text, "$")?;
    let provider_type = required_string(&m, "type", "$", "a Checkout.com event names its type")?;
    let created_at = match text_time(&m, "created_on", "$")? {
        Some(t) => Some(t),
        None => text_time(&m, "timestamp", "$")?,
    };
    let mut inner = None;
    if provider_type.starts_with("payment_") && !NOT_A_PAYMENT.contains(&provider_type.as_str()) {
        if let Some(data) = object(&m, "data", "$")? {
            let d = members(data.get(), "$.data")?;
            let is_payment = string(&d, "id", "$.data")?.is_some_and(|id| id.starts_with("pay_"));
            if is_payment {
                let text = match lookup(STATUSES, &provider_type) {
                    Some(status) if !d.contains_key("status") => {
                        Cow::Owned(with_status(data.get(), status))
                    }
                    _ => Cow::Borrowed(data.get()),
                };
                inner = Some(Inner {
                    resource: Resource::Payments,
                    text,
                    raw: data,
                    path: "$.data",
                });
            }
        }
    }
    Ok(EventParts {
        id: string(&m, "id", "$")?,
        provider_type,
        created_at,
        object: inner,
        previous_attributes: None,
        livemode: None,
    })
}

/// The object text with `"status": <status>` as its first member.
fn with_status(object: &str, status: &str) -> String {
    let rest = object.trim_start().strip_prefix('{').unwrap_or(object);
    if rest.trim_start().starts_with('}') {
        format!("{{\"status\":\"{status}\"}}")
    } else {
        format!("{{\"status\":\"{status}\",{rest}")
    }
}
