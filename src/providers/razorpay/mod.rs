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
use crate::rules::json_kind;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

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
/// Runs on every call, so it reads the text once with [`ProbeVisitor`] (no tree is built), and
/// stops at `entity` when that can only be the object's one `entity` key (see
/// [`single_entity_key`]) and it is not `"collection"`: a single object is not read to its end.
/// Only when the probe cannot read the payload (an `items` that is not an array) is the object
/// parsed to tell "not a collection" from "a collection with bad items".
fn envelope<'a>(text: &'a str, paging: Option<&Paging>) -> Result<Option<Envelope<'a>>, Error> {
    let stopped = Cell::new(false);
    let visitor = ProbeVisitor {
        text,
        stopped: &stopped,
    };
    let probe = match crate::reader::visit_map(text, visitor) {
        Ok(probe) => probe,
        // serde_json reports the object left unfinished; the probe already knows enough.
        Err(_) if stopped.get() => return Ok(None),
        Err(e) => return envelope_slow(text, e),
    };
    if !probe.entity.is_some_and(is_collection) {
        return Ok(None);
    }
    let Some(items) = probe.items else {
        return Err(items_error("nothing"));
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
}

/// The fields of a top-level object that tell a collection: `entity` (any JSON value, compared
/// only when it is a string) and `items` (an array, each item kept as its text). Other keys are
/// skipped; a repeated key keeps its last value, as a parsed object would.
struct CollectionProbe<'a> {
    entity: Option<&'a RawValue>,
    items: Option<Vec<&'a RawValue>>,
}

/// Visits the top-level object `text` for [`envelope`].
#[derive(Clone, Copy)]
struct ProbeVisitor<'t> {
    /// The object's text, to tell whether the first `entity` met is its only one (then the
    /// visit stops there when it is not `"collection"`).
    text: &'t str,
    /// Set when the visit stopped at an `entity` that is not `"collection"` and is the object's
    /// only `entity` (serde_json then reports the unfinished object as an error).
    stopped: &'t Cell<bool>,
}

impl<'de> Visitor<'de> for ProbeVisitor<'_> {
    type Value = CollectionProbe<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut probe = CollectionProbe {
            entity: None,
            items: None,
        };
        while let Some(key) = map.next_key::<ProbeKey>()? {
            match key {
                ProbeKey::Entity => {
                    let entity: &RawValue = map.next_value()?;
                    if !is_collection(entity) && single_entity_key(self.text) {
                        self.stopped.set(true);
                        return Err(de::Error::custom(crate::reader::STOP));
                    }
                    probe.entity = Some(entity);
                }
                ProbeKey::Items => probe.items = Some(map.next_value::<super::Capped<_>>()?.0),
                ProbeKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }
}

/// Whether an object's text can hold at most one `entity` key: the text has exactly one
/// `"entity"` and no `\u` escape (a key can only spell `entity` literally or with `\u`
/// escapes). Then the first `entity` met is the last one too, the one a parsed object keeps.
fn single_entity_key(text: &str) -> bool {
    const KEY: &str = "\"entity\"";
    // `contains` has a vectorized path for short needles; `find` stops at the first match, near
    // the start of a Razorpay object.
    text.find(KEY).is_some_and(|at| {
        !text.contains("\\u")
            && text
                .get(at + KEY.len()..)
                .is_some_and(|rest| !rest.contains(KEY))
    })
}

/// A key of the top-level object, matched without allocating (escaped keys included).
enum ProbeKey {
    Entity,
    Items,
    Other,
}

impl<'de> Deserialize<'de> for ProbeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Matches a key's text.
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = ProbeKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ProbeKey, E> {
                Ok(match v {
                    "entity" => ProbeKey::Entity,
                    "items" => ProbeKey::Items,
                    _ => ProbeKey::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Whether an `entity` value is the string `"collection"` (escapes decoded).
fn is_collection(entity: &RawValue) -> bool {
    let text = entity.get();
    text == "\"collection\""
        || (text.starts_with('"')
            && text.contains('\\')
            && crate::reader::from_str::<String>(text).is_ok_and(|s| s == "collection"))
}

/// The rare path of [`envelope`]: the probe failed (an `items` that is not an array), so the
/// object is parsed to decide as the map-based check always did.
fn envelope_slow<'a>(
    text: &'a str,
    probe_error: serde_json::Error,
) -> Result<Option<Envelope<'a>>, Error> {
    let map: Map<String, Value> =
        crate::reader::from_str(text).map_err(|e| Error::from_json(e, text))?;
    if map.get("entity").and_then(Value::as_str) != Some("collection") {
        return Ok(None);
    }
    match map.get("items") {
        // Unreachable in practice: the probe reads any array. Report what it met.
        Some(Value::Array(_)) => Err(Error::from_json(probe_error, text)),
        other => Err(items_error(other.map_or("nothing", json_kind))),
    }
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
fn detect(map: &Map<String, Value>) -> Option<Detected> {
    match map.get("entity").and_then(Value::as_str)? {
        "collection" => {
            let items = map.get("items")?.as_array()?;
            let resource = items
                .iter()
                .find_map(Value::as_object)
                .and_then(|first| first.get("entity"))
                .and_then(Value::as_str)
                .and_then(transformers::resource_of);
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
