//! Razorpay: detection, list envelope, field-source tables and the registry entry. Raw types and the
//! mapping live beside this file in `transformers.rs`.
//!
//! - Entities: <https://razorpay.com/docs/api/customers/entity/>,
//!   <https://razorpay.com/docs/api/payments/entity/>, <https://razorpay.com/docs/api/orders/entity/>
//! - Collections and `count` / `skip` paging: <https://razorpay.com/docs/api/payments/fetch-all-payments/>
//!
//! Every Razorpay object names itself with a top-level `entity`; a list is
//! `{entity: "collection", count, items}` with no paging state of its own (docs/mapping.md#lists and #detection-auto).

pub(crate) mod errors;
pub(crate) mod events;
mod transformers;

use super::{Detected, Envelope, Paging, ProviderSpec, Resource};
use crate::error::Error;
use crate::fields::{rule, FieldSource};
use crate::rules::raw_kind;
use crate::reader::view::View;

/// Razorpay's registry entry: all three resources.
pub(crate) static SPEC: ProviderSpec = ProviderSpec {
    label: "Razorpay",
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

/// A collection `{entity: "collection", count, items}` (docs/mapping.md#lists). The response carries no
/// paging state, so `next_cursor` needs the request's `paging` `{skip, count}`: it is
/// `skip + count` when the page came back full (`items.len() == count`), else null. A zero
/// `count` never yields a cursor (it would ask for the same page forever).
///
/// Runs on every call: it looks up `entity` and `items` on the input's tape (the last of a
/// repeated key), nothing else is read.
fn envelope<'a>(text: &'a str, paging: Option<&Paging>) -> Result<Option<Envelope<'a>>, Error> {
    super::probe_object(text, |object| {
        let collection = object
            .get("entity")
            .and_then(|e| e.as_str())
            .is_some_and(|e| e == "collection");
        if !collection {
            return Ok(None);
        }
        let items = match object.get("items") {
            Some(items) if items.is_array() => super::envelope_items(items, "$.items")?,
            Some(other) => return Err(items_error(raw_kind(other.text()))),
            None => return Err(items_error("nothing")),
        };
        let next_cursor = paging.and_then(|p| {
            let full = p.count > 0 && u64::try_from(items.len()).ok() == Some(p.count);
            full.then(|| p.skip.checked_add(p.count))
                .flatten()
                .map(|next| next.to_string())
        });
        Ok(Some(Envelope {
            items,
            items_key: "items",
            next_cursor,
        }))
    })
}

/// `$.items` is not an array.
fn items_error(found: &str) -> Error {
    Error::payload(
        "$.items",
        format!("expected array (the items of a Razorpay collection), found {found}"),
    )
}

/// docs/mapping.md#detection-auto: Razorpay objects carry a top-level `entity`. Claimed only for `customer`,
/// `payment` and `order` with a string `id`, and for a `collection` with an `items` array (its
/// resource from the first item's `entity`). Checkout.com's `pay_` ids, Stripe's and Juspay's
/// `object` never carry `entity`, so they stay apart; refunds, events and other entities are not
/// claimed (no unified resource).
fn detect(map: View<'_, '_>) -> Option<Detected> {
    match map.get("entity").and_then(View::as_str)?.as_ref() {
        "collection" => {
            let items = map.get("items")?;
            if !items.is_array() {
                return None;
            }
            let resource = items
                .items()
                .find_map(View::as_object)
                .and_then(|first| first.get("entity"))
                .and_then(View::as_str)
                .and_then(|e| transformers::resource_of(&e));
            Some(Detected {
                resource,
                list: true,
            })
        }
        entity => {
            let resource = transformers::resource_of(entity)?;
            map.get("id")?.as_str()?;
            Some(Detected {
                resource: Some(resource),
                list: false,
            })
        }
    }
}

/// Customer field sources (`entity: "customer"`).
static CUSTOMER_FIELDS: [FieldSource; 6] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from("name", &["name"], rule::COPY),
    FieldSource::from("email", &["email"], rule::COPY),
    FieldSource::from(
        "phone",
        &["contact"],
        "copy (a JSON integer is written as its digits)",
    ),
    FieldSource::from(
        "created_at",
        &["created_at", "created_at "],
        "unix seconds -> RFC 3339 UTC (the trailing-space key Razorpay's customer docs print is read when created_at is absent)",
    ),
    FieldSource::none("updated_at"),
];

/// Payment field sources (`entity: "payment"`).
static PAYMENT_FIELDS: [FieldSource; 14] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from("amount", &["amount"], "minor -> major (ISO 4217 exponent)"),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::from(
        "transaction_fee",
        &["fee"],
        "minor -> major (ISO 4217 exponent), tax included; only when currency is INR or equals base_currency",
    ),
    FieldSource::from(
        "refund_amount",
        &["amount_refunded"],
        "minor -> major (ISO 4217 exponent)",
    ),
    FieldSource::from(
        "status",
        &["status", "refund_status", "amount_refunded"],
        "status table; captured / refunded with refund_status partial -> partial, refunded (full or null) -> refunded",
    ),
    FieldSource::from(
        "customer",
        &["customer_id", "email", "contact"],
        "{id: customer_id, name: null, email, phone: contact}; null when all are empty",
    ),
    FieldSource::from("description", &["description"], rule::COPY),
    FieldSource::from(
        "payment_method",
        &["card_id", "card.id", "token_id", "method"],
        "{id: card_id, else expanded card.id, else token_id; method: method, lower case}",
    ),
    FieldSource::from("created_at", &["created_at"], rule::UNIX),
    FieldSource::none("expires_on"),
    FieldSource::from(
        "reference_id",
        &["acquirer_data.rrn", "acquirer_data.bank_transaction_id"],
        "first non-empty",
    ),
    FieldSource::from("order_id", &["order_id"], rule::COPY),
    FieldSource::from("metadata", &["notes"], rule::METADATA),
];

/// Order field sources (`entity: "order"`).
static ORDER_FIELDS: [FieldSource; 8] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from(
        "amount",
        &["amount"],
        "minor -> major (ISO 4217 exponent), as a JSON number",
    ),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::from("created_at", &["created_at"], rule::UNIX),
    FieldSource::none("updated_at"),
    FieldSource::from(
        "status",
        &["status"],
        "status table: created, attempted -> pending; paid -> paid",
    ),
    FieldSource::none("customer"),
    FieldSource::none("payment"),
];

/// The field-source table of `resource`, in the unified field order.
fn fields(resource: Resource) -> &'static [FieldSource] {
    match resource {
        Resource::Customers => &CUSTOMER_FIELDS,
        Resource::Orders => &ORDER_FIELDS,
        Resource::Payments => &PAYMENT_FIELDS,
    }
}
