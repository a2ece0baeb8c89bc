//! Stripe: detection, list envelope, field-source tables and the registry entry. Raw types and the
//! mapping live beside this file in `transformers.rs`.
//!
//! - Lists and pagination: <https://docs.stripe.com/api/pagination> (`{object: "list", data,
//!   has_more, url}`; the next page starts after the last item's id) and search
//!   <https://docs.stripe.com/api/pagination/search> (`{object: "search_result", data, has_more,
//!   next_page}`; the next page is `page=next_page`).
//! - Objects and their `object` field: <https://docs.stripe.com/api>; events:
//!   <https://docs.stripe.com/api/events/object>.

pub(crate) mod errors;
pub(crate) mod events;
mod transformers;

use super::{Detected, Envelope, Paging, ProviderSpec, Resource};
use crate::error::Error;
use crate::fields::{rule, FieldSource};
use crate::rules::{self, text};
use crate::reader::view::View;
use transformers::{id_of_item, not_stripe, Kind};

/// Stripe's registry entry: customers, orders (Checkout Sessions and Orders) and payments
/// (PaymentIntents and Charges).
pub(crate) static SPEC: ProviderSpec = ProviderSpec {
    label: "Stripe",
    aliases: &[],
    customers: Some(transformers::customer),
    orders: Some(transformers::order),
    payments: Some(transformers::payment),
    envelope,
    detect,
    locate,
    fields,
    events: &events::EVENTS,
    errors: &errors::ERRORS,
};

/// Stripe's list envelopes (docs/mapping.md#lists): `{object: "list", data, has_more}` with
/// `next_cursor` = the last item's id when `has_more` (callers pass it as `starting_after`), and
/// the search API's `{object: "search_result", data, has_more, next_page}` with `next_cursor` =
/// `next_page` (callers pass it as `page`). Runs on every call: it looks up `object` on the
/// input's tape (the last of a repeated key) and reads on only for a list word.
fn envelope<'a>(raw: &'a str, _paging: Option<&Paging>) -> Result<Option<Envelope<'a>>, Error> {
    super::probe_object(raw, |object| {
        let search = match object.get("object").and_then(|o| o.as_str()).as_deref() {
            Some("list") => false,
            Some("search_result") => true,
            _ => return Ok(None),
        };
        let items = match object.get("data") {
            Some(data) if data.is_array() => super::envelope_items(data, "$.data")?,
            Some(other) => {
                return Err(Error::payload(
                    "$.data",
                    format!("expected array, found {}", rules::raw_kind(other.text())),
                ))
            }
            None => {
                return Err(Error::payload(
                    "$.data",
                    "required field `data` is missing; a Stripe list carries its items in data",
                ))
            }
        };
        let has_more = object.get("has_more");
        let has_more = match has_more.map(|r| r.text()) {
            None | Some("null") => false,
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                return Err(Error::payload(
                    "$.has_more",
                    format!("expected boolean, found {}", rules::raw_kind(other)),
                ));
            }
        };
        let next_cursor = if !has_more {
            None
        } else if search {
            text(object.get("next_page").and_then(|p| p.as_str()).as_deref())
        } else {
            text(items.last().and_then(|item| id_of_item(item)).as_deref())
        };
        Ok(Some(Envelope {
            items,
            items_key: "data",
            next_cursor,
        }))
    })
}

/// Where the mapped object sits (see `transformers::unwrap`, which reads the same way from the
/// text): an Event's `data.object`, an Event `data` (`{object: {...}}`)'s `object`, else the
/// object itself.
fn locate(map: View<'_, '_>) -> &'static str {
    match map.get("object") {
        Some(o) if o.is_object() => "object",
        Some(o) if o.as_str().as_deref() == Some("event") => "data.object",
        _ => "",
    }
}

/// docs/mapping.md#detection-auto: a Stripe object has a string `object` together with an integer `created`
/// (objects whose trimmed payloads lack `created` are still told by the id prefix of their kind:
/// `pi_`, `ch_`, `cs_`, ...; a deleted customer is `{id: "cus_..", object, deleted}`); old
/// objects without `object` are payments told by `pi_` / `ch_` / `py_` id plus integer
/// `created`. Lists (resource from the first item, else from `url`), Events and an Event's `data`
/// (resource of the object inside). Never claimed: Juspay's `object: "customer"` (string
/// `date_created`, `object_reference_id`), Checkout.com's `cus_` without `object`, Razorpay's
/// `entity` objects.
fn detect(map: View<'_, '_>) -> Option<Detected> {
    if not_stripe(map) {
        return None;
    }
    let object = map.get("object");
    match object.and_then(View::as_str).as_deref() {
        Some("list" | "search_result") => detect_list(map),
        Some("event") => {
            if !created_is_integer(map) {
                return None;
            }
            let inner = map.get("data")?.get("object")?.as_object()?;
            Some(Detected {
                resource: detect_object(inner).and_then(|d| d.resource),
                list: false,
            })
        }
        // An Event's `data`: `{object: {...}, previous_attributes}`.
        _ => match object.and_then(View::as_object) {
            Some(inner) => {
                let found = detect_object(inner)?;
                Some(Detected {
                    resource: found.resource,
                    list: false,
                })
            }
            None => detect_object(map),
        },
    }
}

/// One Stripe object (not an envelope, not an event).
fn detect_object(map: View<'_, '_>) -> Option<Detected> {
    if not_stripe(map) {
        return None;
    }
    // `object` (a string, or null / missing: the kind is told by the id), then a string `id`.
    let object = match map.get("object") {
        None => None,
        Some(o) if o.first() == b'n' => None,
        Some(o) => Some(o.as_str()?),
    };
    let id = map.get("id").and_then(View::as_str)?;
    let kind = match &object {
        Some(o) => Kind::of_word(o),
        None => Kind::of_id(&id),
    };
    let created = created_is_integer(map);
    let object_is_string = object.is_some();
    let claimed = match kind {
        Kind::Unknown => false,
        // Another Stripe object (refund, balance_transaction, ...): Stripe's, resource unknown.
        Kind::Other(o) => created && is_stripe_object_word(o),
        // Old objects without `object`: the id prefix and an integer `created`.
        _ if !object_is_string => created && kind.id_prefix_matches(&id),
        _ => created || kind.id_prefix_matches(&id),
    };
    claimed.then(|| Detected {
        resource: kind.resource(),
        list: false,
    })
}

/// A Stripe list or search result: the resource of its first item, or from `url` when empty.
fn detect_list(map: View<'_, '_>) -> Option<Detected> {
    let items = map.get("data")?;
    if !items.is_array() {
        return None;
    }
    let url = map.get("url").and_then(View::as_str);
    let stripe_shaped = map.get("has_more").is_some_and(View::is_boolean)
        || url.as_deref().is_some_and(|u| u.starts_with("/v1/"));
    if !stripe_shaped {
        return None;
    }
    let resource = match items.items().find_map(View::as_object) {
        Some(first) => detect_object(first).and_then(|d| d.resource),
        None => url.as_deref().and_then(resource_of_url),
    };
    Some(Detected {
        resource,
        list: true,
    })
}

/// The resource a list endpoint returns (`/v1/charges?payment_intent=..`, `/v1/customers/search`).
fn resource_of_url(url: &str) -> Option<Resource> {
    let path = url.split('?').next().unwrap_or(url);
    let path = path.strip_suffix("/search").unwrap_or(path);
    match path {
        "/v1/customers" => Some(Resource::Customers),
        "/v1/charges" | "/v1/payment_intents" => Some(Resource::Payments),
        "/v1/checkout/sessions" | "/v1/orders" => Some(Resource::Orders),
        _ => None,
    }
}

/// Whether `created` is an integer (Stripe's unix seconds).
fn created_is_integer(map: View<'_, '_>) -> bool {
    map.get("created").is_some_and(View::is_integer)
}

/// Stripe `object` values are lower-case words with `_` and `.` (`balance_transaction`,
/// `checkout.session`).
fn is_stripe_object_word(o: &str) -> bool {
    !o.is_empty()
        && o.bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.')
}

/// The rule words of Stripe money fields.
const MINOR: &str = "minor -> major (Stripe exponents)";

/// Customers (docs/mapping.md#stripe, Stripe customers).
static CUSTOMER_FIELDS: [FieldSource; 6] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from("name", &["name"], "copy (null on a deleted customer)"),
    FieldSource::from("email", &["email"], "copy (null on a deleted customer)"),
    FieldSource::from("phone", &["phone"], "copy (null on a deleted customer)"),
    FieldSource::from("created_at", &["created"], rule::UNIX),
    FieldSource::none("updated_at"),
];

/// Payments: PaymentIntents (their charge is the expanded `latest_charge`, else `charges.data[0]`)
/// and Charges (docs/mapping.md#stripe, Stripe payments).
static PAYMENT_FIELDS: [FieldSource; 14] = [
    FieldSource::from(
        "id",
        &["id"],
        "copy (PaymentIntent or Charge; an Event is read at data.object)",
    ),
    FieldSource::from("amount", &["amount"], MINOR),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::from(
        "transaction_fee",
        &[
            "latest_charge.balance_transaction.fee",
            "charges.data[0].balance_transaction.fee",
            "balance_transaction.fee",
        ],
        "minor -> major (Stripe exponents), only from an expanded balance transaction in the payment's currency",
    ),
    FieldSource::from(
        "refund_amount",
        &[
            "latest_charge.amount_refunded",
            "charges.data[0].amount_refunded",
            "amount_refunded",
        ],
        MINOR,
    ),
    FieldSource::from(
        "status",
        &[
            "status",
            "latest_charge.refunded",
            "latest_charge.amount_refunded",
            "latest_charge.captured",
            "amount_received",
            "captured",
            "refunded",
            "amount_refunded",
            "amount_captured",
        ],
        "status table with refund / partial-capture overlays",
    ),
    FieldSource::from(
        "customer",
        &[
            "customer",
            "latest_charge.customer",
            "latest_charge.billing_details",
            "billing_details",
            "latest_charge.receipt_email",
            "receipt_email",
        ],
        "expanded customer {id,name,email,phone}; else {id: customer, name/email/phone: billing_details, email else receipt_email}",
    ),
    FieldSource::from("description", &["description"], rule::COPY),
    FieldSource::from(
        "payment_method",
        &[
            "payment_method",
            "latest_charge.payment_method",
            "source",
            "payment_method.type",
            "latest_charge.payment_method_details.type",
            "payment_method_details.type",
            "source.type",
        ],
        "{id: payment method id (expanded or not), else legacy source id; method: expanded type, else payment_method_details.type, else source type}, lower case",
    ),
    FieldSource::from("created_at", &["created"], rule::UNIX),
    FieldSource::none("expires_on"),
    FieldSource::none("reference_id"),
    FieldSource::from(
        "order_id",
        &["latest_charge.order", "order", "metadata.order_id"],
        "legacy Orders API order id, else metadata.order_id",
    ),
    FieldSource::from("metadata", &["metadata"], rule::METADATA),
];

/// Orders: Checkout Sessions and Orders API orders (docs/mapping.md#stripe, Stripe orders).
static ORDER_FIELDS: [FieldSource; 8] = [
    FieldSource::from("id", &["id"], rule::COPY),
    FieldSource::from(
        "amount",
        &["amount_total", "amount"],
        "minor -> major (Stripe exponents), as a JSON number",
    ),
    FieldSource::from("currency", &["currency"], rule::CURRENCY),
    FieldSource::from("created_at", &["created"], rule::UNIX),
    FieldSource::from("updated_at", &["updated"], "unix seconds -> RFC 3339 UTC (old Orders API only)"),
    FieldSource::from(
        "status",
        &["status", "payment_status"],
        "status table (Checkout Session: status with payment_status)",
    ),
    FieldSource::from(
        "customer",
        &[
            "customer",
            "customer_details",
            "customer_email",
            "billing_details",
            "email",
        ],
        "expanded customer {id,name,email,phone}; else {id: customer, name/email/phone: customer_details or billing_details, email else customer_email / email}",
    ),
    FieldSource::from(
        "payment",
        &["payment_intent", "payment.payment_intent", "charge"],
        "expanded -> the payment mapping; id -> a payment with only its id",
    ),
];

/// The field-source table of a resource.
fn fields(resource: Resource) -> &'static [FieldSource] {
    match resource {
        Resource::Customers => &CUSTOMER_FIELDS,
        Resource::Payments => &PAYMENT_FIELDS,
        Resource::Orders => &ORDER_FIELDS,
    }
}
