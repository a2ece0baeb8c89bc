//! The unified webhook event of docs/webhooks.md and its type vocabulary.

use crate::providers::{Provider, Resource};
use crate::unified::{Customer, Order, Payment, RawJson};
use serde::{Deserialize, Serialize};

/// The unified event type vocabulary (docs/webhooks.md). `Unknown` is a provider type with no
/// clear mapping; the provider's own string is always in [`Event::provider_type`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EventType {
    /// `customer.created`
    #[serde(rename = "customer.created")]
    CustomerCreated,
    /// `customer.updated`
    #[serde(rename = "customer.updated")]
    CustomerUpdated,
    /// `customer.deleted`
    #[serde(rename = "customer.deleted")]
    CustomerDeleted,
    /// `order.created`
    #[serde(rename = "order.created")]
    OrderCreated,
    /// `order.paid`
    #[serde(rename = "order.paid")]
    OrderPaid,
    /// `order.failed`
    #[serde(rename = "order.failed")]
    OrderFailed,
    /// `order.expired`
    #[serde(rename = "order.expired")]
    OrderExpired,
    /// `order.refunded`
    #[serde(rename = "order.refunded")]
    OrderRefunded,
    /// `payment.created`
    #[serde(rename = "payment.created")]
    PaymentCreated,
    /// `payment.pending`
    #[serde(rename = "payment.pending")]
    PaymentPending,
    /// `payment.action_required`
    #[serde(rename = "payment.action_required")]
    PaymentActionRequired,
    /// `payment.authorized`
    #[serde(rename = "payment.authorized")]
    PaymentAuthorized,
    /// `payment.succeeded`
    #[serde(rename = "payment.succeeded")]
    PaymentSucceeded,
    /// `payment.failed`
    #[serde(rename = "payment.failed")]
    PaymentFailed,
    /// `payment.canceled`
    #[serde(rename = "payment.canceled")]
    PaymentCanceled,
    /// `payment.expired`
    #[serde(rename = "payment.expired")]
    PaymentExpired,
    /// `payment.refunded`
    #[serde(rename = "payment.refunded")]
    PaymentRefunded,
    /// `payment.partially_refunded`
    #[serde(rename = "payment.partially_refunded")]
    PaymentPartiallyRefunded,
    /// `refund.created`
    #[serde(rename = "refund.created")]
    RefundCreated,
    /// `refund.succeeded`
    #[serde(rename = "refund.succeeded")]
    RefundSucceeded,
    /// `refund.failed`
    #[serde(rename = "refund.failed")]
    RefundFailed,
    /// `dispute.opened`
    #[serde(rename = "dispute.opened")]
    DisputeOpened,
    /// `dispute.updated`
    #[serde(rename = "dispute.updated")]
    DisputeUpdated,
    /// `dispute.won`
    #[serde(rename = "dispute.won")]
    DisputeWon,
    /// `dispute.lost`
    #[serde(rename = "dispute.lost")]
    DisputeLost,
    /// `dispute.closed`
    #[serde(rename = "dispute.closed")]
    DisputeClosed,
    /// A provider type with no clear mapping.
    #[serde(rename = "unknown")]
    Unknown,
}

impl EventType {
    /// The unified name (`"payment.succeeded"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::CustomerCreated => "customer.created",
            EventType::CustomerUpdated => "customer.updated",
            EventType::CustomerDeleted => "customer.deleted",
            EventType::OrderCreated => "order.created",
            EventType::OrderPaid => "order.paid",
            EventType::OrderFailed => "order.failed",
            EventType::OrderExpired => "order.expired",
            EventType::OrderRefunded => "order.refunded",
            EventType::PaymentCreated => "payment.created",
            EventType::PaymentPending => "payment.pending",
            EventType::PaymentActionRequired => "payment.action_required",
            EventType::PaymentAuthorized => "payment.authorized",
            EventType::PaymentSucceeded => "payment.succeeded",
            EventType::PaymentFailed => "payment.failed",
            EventType::PaymentCanceled => "payment.canceled",
            EventType::PaymentExpired => "payment.expired",
            EventType::PaymentRefunded => "payment.refunded",
            EventType::PaymentPartiallyRefunded => "payment.partially_refunded",
            EventType::RefundCreated => "refund.created",
            EventType::RefundSucceeded => "refund.succeeded",
            EventType::RefundFailed => "refund.failed",
            EventType::DisputeOpened => "dispute.opened",
            EventType::DisputeUpdated => "dispute.updated",
            EventType::DisputeWon => "dispute.won",
            EventType::DisputeLost => "dispute.lost",
            EventType::DisputeClosed => "dispute.closed",
            EventType::Unknown => "unknown",
        }
    }
}

/// The unified object inside an event: a customer, an order or a payment (serialized as the
/// object itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum EventData {
    /// A customer event's customer.
    Customer(Box<Customer>),
    /// An order event's order.
    Order(Box<Order>),
    /// A payment (or refund / dispute, where the provider sends the payment) event's payment.
    Payment(Box<Payment>),
}

/// A provider webhook normalized (docs/webhooks.md): `{id, type, created_at, provider,
/// provider_type, resource, data, previous_attributes, livemode, remote_data}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Event {
    /// The provider's event id (Stripe / Checkout.com `evt_`, Juspay `id`); Razorpay's comes from
    /// the `x-razorpay-event-id` header when headers are given, else `null` (never invented).
    pub id: Option<String>,
    /// The unified event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When the provider created the event, RFC 3339 UTC.
    pub created_at: Option<String>,
    /// The provider.
    pub provider: Provider,
    /// The provider's own event type string (`payment_intent.succeeded`, `payment.captured`).
    pub provider_type: String,
    /// The resource of `data`, `null` when the event carries no customer / order / payment.
    pub resource: Option<Resource>,
    /// The unified object inside the event, normalized by the provider's mapping (sections 3-7).
    pub data: Option<EventData>,
    /// Stripe `data.previous_attributes` as given, else `null`.
    #[cfg_attr(feature = "ts", ts(as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub previous_attributes: Option<RawJson>,
    /// Stripe `livemode`, else `null`.
    pub livemode: Option<bool>,
    /// The whole raw body exactly as given; absent when `remote_data: false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub remote_data: Option<RawJson>,
}

/// One row of a provider's event type table ([`crate::event_types`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventTypeRow {
    /// The provider.
    pub provider: Provider,
    /// The provider's own type string.
    pub provider_type: &'static str,
    /// The unified type.
    #[serde(rename = "type")]
    pub event_type: EventType,
}
