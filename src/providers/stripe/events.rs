//! Stripe webhooks: the `Stripe-Signature` scheme, the Event envelope and the event type table.
//!
//! - Signatures: <https://docs.stripe.com/webhooks#verify-manually> (`t=..,v1=..`, HMAC-SHA256
//!   of `"<t>." + body` with the endpoint secret `whsec_...`).
//! - Event object: <https://docs.stripe.com/api/events/object> (`id`, `type`, `created`,
//!   `livemode`, `data.object`, `data.previous_attributes`).
//! - Types: <https://docs.stripe.com/api/events/types> (the customer, payment_intent, charge,
//!   refund, dispute, checkout.session and legacy order types are listed here).

use crate::reader::view::View;
use crate::error::Error;
use crate::providers::Resource;
use crate::webhooks::{
    boolean, members, object, required_string, string, unix_time, EventParts, EventSpec, Members,
    EventType::{self, *},
    Inner, Scheme,
};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Stripe's webhook declaration.
pub(crate) static EVENTS: EventSpec = EventSpec {
    scheme: Scheme::StripeV1 {
        header: "Stripe-Signature",
    },
    types: TYPES,
    recognize,
    shape: "a Stripe event has object: \"event\", type and data.object",
    objects: &[(None, "$.data.object")],
    read,
};

/// Every Stripe event type for customers, orders (Checkout Sessions, the legacy Orders API),
/// payments (PaymentIntents, Charges), refunds and disputes -> the unified type.
/// `checkout.session.completed` is `order.paid` (Stripe's "fulfil the order" event; a session
/// whose payment is still async completes too, and its `data.status` says `pending`).
pub(crate) const TYPES: &[(&str, EventType)] = &[
    ("customer.created", CustomerCreated),
    ("customer.updated", CustomerUpdated),
    ("customer.deleted", CustomerDeleted),
    ("checkout.session.completed", OrderPaid),
    ("checkout.session.async_payment_succeeded", OrderPaid),
    ("checkout.session.async_payment_failed", OrderFailed),
    ("checkout.session.expired", OrderExpired),
    ("order.created", OrderCreated),
    ("order.payment_succeeded", OrderPaid),
    ("order.payment_failed", OrderFailed),
    ("order.updated", Unknown),
    ("order_return.created", OrderRefunded),
    ("payment_intent.created", PaymentCreated),
    ("payment_intent.processing", PaymentPending),
    ("payment_intent.partially_funded", PaymentPending),
    ("payment_intent.requires_action", PaymentActionRequired),
    (
        "payment_intent.amount_capturable_updated",
        PaymentAuthorized,
    ),
    ("payment_intent.succeeded", PaymentSucceeded),
    ("payment_intent.payment_failed", PaymentFailed),
    ("payment_intent.canceled", PaymentCanceled),
    ("charge.pending", PaymentPending),
    ("charge.succeeded", PaymentSucceeded),
    ("charge.captured", PaymentSucceeded),
    ("charge.failed", PaymentFailed),
    ("charge.expired", PaymentExpired),
    ("charge.refunded", PaymentRefunded),
    ("charge.updated", Unknown),
    ("charge.refund.updated", Unknown),
    ("refund.created", RefundCreated),
    ("refund.updated", Unknown),
    ("refund.failed", RefundFailed),
    ("charge.dispute.created", DisputeOpened),
    ("charge.dispute.updated", DisputeUpdated),
    ("charge.dispute.funds_withdrawn", DisputeUpdated),
    ("charge.dispute.funds_reinstated", DisputeUpdated),
    ("charge.dispute.closed", DisputeClosed),
];

/// A Stripe Event: `object: "event"` (docs/webhooks.md, detection).
fn recognize(map: View<'_, '_>) -> bool {
    map.get("object").and_then(View::as_str).as_deref() == Some("event")
}

/// Reads the Event: `data.object` is mapped when it is a customer, a PaymentIntent / Charge or a
/// Checkout Session / Order (told by its `object`); any other object (a dispute, a refund, an
/// invoice item) leaves `resource` and `data` null.
fn read<'a>(text: &'a str, _headers: &[(&str, &str)]) -> Result<EventParts<'a>, Error> {
    let m = members(text, "$")?;
    let provider_type = required_string(&m, "type", "$", "a Stripe event names its type")?;
    let (obj, previous_attributes) = data_of(&m)?;
    let inner = match obj {
        Some(obj) => {
            let o = members(obj.get(), "$.data.object")?;
            let resource = match string(&o, "object", "$.data.object")?.as_deref() {
                Some("customer") => Some(Resource::Customers),
                Some("payment_intent" | "charge") => Some(Resource::Payments),
                Some("checkout.session" | "order") => Some(Resource::Orders),
                _ => None,
            };
            resource.map(|resource| Inner {
                resource,
                text: Cow::Borrowed(obj.get()),
                raw: obj,
                path: "$.data.object",
            })
        }
        None => None,
    };
    Ok(EventParts {
        id: string(&m, "id", "$")?,
        provider_type,
        created_at: unix_time(&m, "created", "$")?,
        object: inner,
        previous_attributes,
        livemode: boolean(&m, "livemode", "$")?,
    })
}

/// An Event's `data.object` and `data.previous_attributes` (each `None` when absent or `null`).
type DataParts<'a> = (Option<&'a RawValue>, Option<&'a RawValue>);

fn data_of<'a>(m: &Members<'a>) -> Result<DataParts<'a>, Error> {
    let Some(data) = object(m, "data", "$")? else {
        return Ok((None, None));
    };
    let d = members(data.get(), "$.data")?;
    Ok((
        object(&d, "object", "$.data")?,
        object(&d, "previous_attributes", "$.data")?,
    ))
}

/// The object inside a Stripe Event, for [`crate::normalize`]: `normalize("stripe", resource,
/// <event>)` keeps accepting an Event (backwards compatibility) and maps its `data.object`
/// found by this event reader (the mapper does not unwrap events itself). `None`: the event has
/// no `data.object`.
pub(super) fn event_object(text: &str) -> Result<Option<&RawValue>, Error> {
    let m = members(text, "$")?;
    Ok(data_of(&m)?.0)
}
