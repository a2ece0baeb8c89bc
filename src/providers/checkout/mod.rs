//! Checkout.com: detection, list envelope, field-source tables and the registry entry. Raw types
//! and the mapping live beside this file in `transformers.rs` (its module docs hold the decisions
//! taken where the contract and the fixtures disagreed; docs/mapping.md#checkoutcom).
//!
//! API docs followed:
//! - Get payment details: <https://api-reference.checkout.com/#operation/getPaymentDetails>
//! - Get payment lists (`{data, total_count, skip, limit}`):
//!   <https://api-reference.checkout.com/#operation/getPaymentList>
//! - Search payments (`{data, _links}`):
//!   <https://api-reference.checkout.com/#operation/searchPayments>
//! - Get customer details: <https://api-reference.checkout.com/#operation/getCustomerDetails>
//!
//! Checkout.com has no orders resource: hosted payment pages and payment links are not orders,
//! and `orders` is `None` (`unsupported_resource`).

pub(crate) mod errors;
pub(crate) mod events;
mod transformers;

use super::{Detected, Envelope, Paging, ProviderSpec, Resource};
use crate::error::Error;
use crate::fields::{rule, FieldSource};
use crate::rules;
use crate::reader::view::View;
use serde_json::value::RawValue;

/// The registry entry: customers and payments, no orders.
pub(crate) static SPEC: ProviderSpec = ProviderSpec {
    label: "Checkout.com",
    aliases: &["checkout.com", "checkoutcom"],
    customers: Some(transformers::customer),
    orders: None,
    payments: Some(transformers::payment),
    envelope,
    detect,
    locate: super::the_object_itself,
    fields,
    events: &events::EVENTS,
    errors: &errors::ERRORS,
};

/// The key holding a Checkout.com list's items.
const ITEMS_KEY: &str = "data";

/// Whether a map is another provider's object (Stripe and Juspay: `object`; Razorpay: `entity`).
fn is_foreign(map: View<'_, '_>) -> bool {
    map.contains_key("object") || map.contains_key("entity")
}

/// Whether a map has a list envelope's paging or link state (`total_count`, `_links`).
fn has_page_markers(map: View<'_, '_>) -> bool {
    map.contains_key("total_count") || map.get("_links").is_some_and(View::is_object)
}

/// The list envelope of docs/mapping.md#lists: `{data, total_count, skip, limit}` (payment lists by
/// reference) with `next_cursor` = `skip + data.length` while below `total_count`, or
/// `{data, _links}` (payment search) with no cursor. An object with an `id`, `object` or `entity`
/// is never an envelope. The `paging` option is for Razorpay and is ignored here.
///
/// Runs on every call, single objects included: one walk of the top-level keys on the input's
/// tape (a Checkout.com payment or customer has an `id`); a repeated key counts by its last
/// value.
fn envelope<'a>(text: &'a str, _paging: Option<&Paging>) -> Result<Option<Envelope<'a>>, Error> {
    super::probe_object(text, |object| {
        let (mut data, mut total_count, mut skip, mut links) = (None, None, None, None);
        for (key, value) in object.entries() {
            let Some(key) = key.decoded() else { continue };
            match &*key {
                "id" | "object" | "entity" => return Ok(None),
                ITEMS_KEY => data = Some(value),
                "total_count" => total_count = value.raw(),
                "skip" => skip = value.raw(),
                "_links" => links = Some(value),
                _ => {}
            }
        }
        let has_page_markers = total_count.is_some() || links.is_some_and(|l| l.is_object());
        let items: Vec<&'a RawValue> = match data {
            Some(data) if data.is_array() => super::envelope_items(data, "$.data")?,
            Some(other) if has_page_markers => {
                return Err(Error::payload(
                    "$.data",
                    format!("expected array, found {}", rules::raw_kind(other.text())),
                ))
            }
            _ => return Ok(None),
        };
        let next_cursor = match count(total_count, "$.total_count")? {
            Some(total) => {
                let skip = count(skip, "$.skip")?.unwrap_or(0);
                let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
                skip.checked_add(len)
                    .filter(|next| *next < total)
                    .map(|next| next.to_string())
            }
            None => None,
        };
        Ok(Some(Envelope {
            items,
            items_key: ITEMS_KEY,
            next_cursor,
        }))
    })
}

/// A non-negative integer paging field, `None` when absent or null.
fn count(raw: Option<&RawValue>, path: &str) -> Result<Option<u64>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'n') => Ok(None),
        // A number's text, exactly as `Number::as_u64` reads it under `arbitrary_precision`.
        Some(b'-' | b'0'..=b'9') => text.parse::<u64>().map(Some).map_err(|_| {
            // As a parsed `Number` shows it (`1e1` reads back as `1e+1`).
            let shown = crate::reader::from_str::<serde_json::Number>(text)
                .map_or_else(|_| text.to_string(), |n| n.to_string());
            Error::payload(
                path,
                format!("expected a non-negative integer, found {shown}"),
            )
        }),
        _ => Err(Error::payload(
            path,
            format!("expected integer, found {}", crate::rules::raw_kind(raw.get())),
        )),
    }
}

/// docs/mapping.md#detection-auto: a Checkout.com object has no `object` (Stripe, Juspay) and no `entity`
/// (Razorpay). Payments: a `pay_` id (Razorpay's `pay_` ids always come with `entity`), a `sid_`
/// session id, or an incremental-authorization response that names its payment. Customers: a
/// `cus_` id (Stripe's `cus_` customers always carry `object`). Other objects with `_links` or an
/// ISO `requested_on` are Checkout.com's but no unified resource. Envelopes take the resource of
/// their first item.
fn detect(map: View<'_, '_>) -> Option<Detected> {
    if is_foreign(map) {
        return None;
    }
    if !map.contains_key("id") {
        if let Some(items) = map.get(ITEMS_KEY).filter(|d| d.is_array()) {
            let first = items.items().find_map(View::as_object).and_then(detect_single);
            return match first {
                Some(Detected {
                    resource: Some(r), ..
                }) => Some(Detected {
                    resource: Some(r),
                    list: true,
                }),
                _ if has_page_markers(map) => Some(Detected {
                    resource: None,
                    list: true,
                }),
                _ => None,
            };
        }
    }
    detect_single(map)
}

/// Detection of one (non-envelope) object.
fn detect_single(map: View<'_, '_>) -> Option<Detected> {
    if is_foreign(map) {
        return None;
    }
    let found = |resource| {
        Some(Detected {
            resource: Some(resource),
            list: false,
        })
    };
    let id = map.get("id").and_then(View::as_str);
    match id.as_deref() {
        Some(_) if transformers::is_action_item(map) => None,
        Some(id) if transformers::is_payment_id(id) => found(Resource::Payments),
        Some(id) if transformers::is_customer_id(id) => found(Resource::Customers),
        None if transformers::action_response_is_payment(map) => found(Resource::Payments),
        _ if is_marked(map) => Some(Detected {
            resource: None,
            list: false,
        }),
        _ => None,
    }
}

/// Checkout.com's telltales besides ids: a `_links` object, or an ISO 8601 `requested_on`.
fn is_marked(map: View<'_, '_>) -> bool {
    let iso_requested_on = map
        .get("requested_on")
        .and_then(View::as_str)
        .is_some_and(|t| t.contains('T') && rules::time::from_text(&t).is_ok());
    map.get("_links").is_some_and(View::is_object) || iso_requested_on
}

/// Customer fields, in `Customer::FIELDS` order.
static CUSTOMER_FIELDS: [FieldSource; 6] = [
    FieldSource::from("id", &["id"], "copy (cus_ id)"),
    FieldSource::from("name", &["name"], rule::COPY),
    FieldSource::from("email", &["email"], rule::COPY),
    FieldSource::from(
        "phone",
        &["phone.country_code", "phone.number"],
        "+<country_code><number>, spaces removed",
    ),
    FieldSource::none("created_at"),
    FieldSource::none("updated_at"),
];

/// Payment fields, in `Payment::FIELDS` order.
static PAYMENT_FIELDS: [FieldSource; 14] = [
    FieldSource::from(
        "id",
        &["id", "_links.self.href"],
        "copy (pay_ / sid_ id); an incremental-authorization response without id: the pay_ id of its self link, when it states a status",
    ),
    FieldSource::from(
        "amount",
        &["amount", "balances.total_authorized"],
        "minor -> major (Checkout.com exponents); incremental-authorization response: the authorized total",
    ),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::none("transaction_fee"),
    FieldSource::from(
        "refund_amount",
        &["balances.total_refunded"],
        "minor -> major (Checkout.com exponents)",
    ),
    FieldSource::from(
        "status",
        &["status", "approved", "response_code"],
        "status table (case-insensitive); no status: Declined when approved is false or response_code is not 10xxx, else unknown",
    ),
    FieldSource::from(
        "customer",
        &[
            "customer.id",
            "customer.name",
            "customer.email",
            "customer.phone.country_code",
            "customer.phone.number",
        ],
        "{id, name, email, phone: +<country_code><number>}",
    ),
    FieldSource::from("description", &["description"], rule::COPY),
    FieldSource::from(
        "payment_method",
        &["source.id", "source.type"],
        "{id: source.id, method: source.type lower case}",
    ),
    FieldSource::from("created_at", &["requested_on"], rule::TIMESTAMP),
    FieldSource::from("expires_on", &["expires_on"], rule::TIMESTAMP),
    FieldSource::from("reference_id", &["reference"], rule::COPY),
    FieldSource::none("order_id"),
    FieldSource::from("metadata", &["metadata"], rule::METADATA),
];

/// The field-source table of a resource (empty for orders, which Checkout.com does not have).
fn fields(resource: Resource) -> &'static [FieldSource] {
    match resource {
        Resource::Customers => &CUSTOMER_FIELDS,
        Resource::Payments => &PAYMENT_FIELDS,
        Resource::Orders => &[],
    }
}
