//! Razorpay raw types and their mapping to the unified shapes (docs/mapping.md#razorpay).
//!
//! Follows the Razorpay API reference for the three entities:
//! - Customers: <https://razorpay.com/docs/api/customers/entity/>
//! - Payments: <https://razorpay.com/docs/api/payments/entity/> (states:
//!   <https://razorpay.com/docs/payments/payments/#payment-life-cycle>)
//! - Orders: <https://razorpay.com/docs/api/orders/entity/>
//!
//! Amounts are integers in the currency's smallest unit with ISO 4217 exponents
//! ([`ExponentTable::Iso4217`]); timestamps are unix seconds. Each entity is a declared
//! [`Shape`] read off the object's tape in one walk of its keys ([`crate::reader::shape`]):
//! strings stay borrowed where they have no escapes, a repeated key keeps its last value, and a
//! field of the wrong type is `invalid_payload` naming its JSON path. `entity` is checked first:
//! a payload whose `entity` names something else (a refund, an event, another resource) is
//! `mismatched_payload` before any field error is reported, so it can never become a unified
//! object.
//!
//! Decisions where the spec is silent or a fixture disagrees with it (decided as a payments
//! engineer would; recorded in docs/mapping.md#razorpay):
//! - **`"created_at "` with a trailing space** (Razorpay's own docs for Create / Fetch / Fetch all
//!   customers, e.g. `customer/pythondocs_customer_create_customer.json`,
//!   `customer_list/gotest_customers_collection.json`): a customer's `created_at` falls back to that
//!   exact key when `created_at` is absent. The value is unambiguously the creation time and the
//!   quirk is Razorpay's, published consistently; dropping it would lose data a reader can see. Only
//!   this one key of the customer entity is tolerated (no fuzzy key matching), `created_at` wins
//!   when both exist, and a wrong type there is reported at `$["created_at "]`.
//! - **`contact` as a JSON number** (`customer/gotest_customer.json`: `"contact": 9876543210`):
//!   accepted and written as its digits (`"9876543210"`); Razorpay documents a string, but an
//!   integer phone carries the same digits and rejecting the payload would help nobody. Any other
//!   type is `invalid_payload`.
//! - **Expanded `card` without `card_id`**: `payment_method.id` is `card_id`, else the expanded
//!   `card.id` (`?expand[]=card` returns the card object; it is the same id), else `token_id`.
//! - **`captured` without `refund_status`** but with refund numbers: the shared refund overlay
//!   applies (`amount_refunded > 0` -> `partial`, all of it -> `refunded`), as docs/mapping.md#status says
//!   overlays apply where the payload carries the numbers. `captured` with `refund_status: "full"`
//!   is `refunded`.
//! - **No `entity` at all**: accepted when the caller named Razorpay and the resource (every real
//!   Razorpay response carries `entity`, hand-built payloads may not); but when another provider's
//!   detector claims such an object it is `mismatched_payload`, so a Stripe or Checkout.com payload
//!   never comes out as a Razorpay object. Detection (`"auto"`) always requires `entity`.
//! - **Orders** keep `customer` and `payment` null as docs/mapping.md#razorpay says, even where an order
//!   carries `customer_id` (`order/pythondocs_card_create_an_order_to_charge_the_customer_created_card.json`)
//!   or expanded `payments` (`order/pythondocs_posgateway_get_order_with_payments_paid.json`); the
//!   raw data stays in `remote_data`.

use crate::error::Error;
use crate::providers::{Provider, Resource};
use crate::reader::shape::{shape, Kind, Numbers, Record, Shape};
use crate::reader::view::View;
use crate::rules::money::{as_json_number, currency, minor_to_major, ExponentTable};
use crate::rules::status::Status;
use crate::rules::{first_text, metadata_raw, text, time};
use crate::unified::{Customer, CustomerRef, Order, Payment, PaymentMethod};

/// Razorpay counts every currency in ISO 4217 minor units (docs/mapping.md#money).
const EXPONENTS: ExponentTable = ExponentTable::Iso4217;

shape! {
    /// The Customer entity (<https://razorpay.com/docs/api/customers/entity/>).
    static CUSTOMER: C {
        /// The `entity` discriminator (`customer`), checked first.
        entity = "entity": Kind::Str;
        /// `cust_...`.
        id = "id": Kind::Str, required;
        /// Full name.
        name = "name": Kind::Str;
        /// Email address.
        email = "email": Kind::Str;
        /// Phone number: documented as a string, seen as a JSON integer in the Go SDK's
        /// fixtures (module docs); an integer keeps its exact digits.
        contact = "contact": Kind::StrOrInt;
        /// Unix seconds.
        created_at = "created_at": Kind::Int;
        /// The same with a trailing space in the key, as Razorpay's customer docs print it.
        created_at_spaced = "created_at ": Kind::Int;
    }
}

shape! {
    /// The Payment entity (<https://razorpay.com/docs/api/payments/entity/>).
    static PAYMENT: P {
        /// The `entity` discriminator (`payment`), checked first.
        entity = "entity": Kind::Str;
        /// `pay_...`.
        id = "id": Kind::Str, required;
        /// Minor units.
        amount = "amount": Kind::Int;
        /// ISO 4217 code.
        currency = "currency": Kind::Str;
        /// `created`, `authorized`, `captured`, `refunded`, `failed`.
        status = "status": Kind::Str;
        /// `null`, `partial` or `full`.
        refund_status = "refund_status": Kind::Str;
        /// Minor units refunded so far.
        amount_refunded = "amount_refunded": Kind::Int;
        /// Razorpay's fee (tax included), minor units.
        fee = "fee": Kind::Int;
        /// The merchant's settlement currency (international payments).
        base_currency = "base_currency": Kind::Str;
        /// `card`, `netbanking`, `wallet`, `emi`, `upi`, ...
        method = "method": Kind::Str;
        /// The card used, for card and EMI payments.
        card_id = "card_id": Kind::Str;
        /// The expanded card (`?expand[]=card`); only its `id` is read.
        card = "card": Kind::Object(&CARD);
        /// The saved token used (recurring, tokenised cards, UPI autopay).
        token_id = "token_id": Kind::Str;
        /// The customer's id, when the payment is linked to one.
        customer_id = "customer_id": Kind::Str;
        /// The payer's email.
        email = "email": Kind::Str;
        /// The payer's phone (as the customer's `contact`).
        contact = "contact": Kind::StrOrInt;
        /// Free text.
        description = "description": Kind::Str;
        /// The order it pays.
        order_id = "order_id": Kind::Str;
        /// Bank references (RRN, bank transaction id, ...).
        acquirer_data = "acquirer_data": Kind::Object(&ACQUIRER_DATA);
        /// Unix seconds.
        created_at = "created_at": Kind::Int;
        /// Free-form key/value notes (`[]` when empty), copied to `metadata` as they are.
        notes = "notes": Kind::Any;
    }
}

shape! {
    /// A payment's expanded `card`.
    static CARD: CardField {
        /// `card_...`.
        id = "id": Kind::Str;
    }
}

shape! {
    /// A payment's `acquirer_data`: the bank's references for it.
    static ACQUIRER_DATA: A {
        /// Retrieval reference number (cards, UPI).
        rrn = "rrn": Kind::Str;
        /// The bank's transaction id (netbanking).
        bank_transaction_id = "bank_transaction_id": Kind::Str;
    }
}

shape! {
    /// The Order entity (<https://razorpay.com/docs/api/orders/entity/>).
    static ORDER: O {
        /// The `entity` discriminator (`order`), checked first.
        entity = "entity": Kind::Str;
        /// `order_...`.
        id = "id": Kind::Str, required;
        /// Minor units.
        amount = "amount": Kind::Int;
        /// ISO 4217 code.
        currency = "currency": Kind::Str;
        /// `created`, `attempted`, `paid`.
        status = "status": Kind::Str;
        /// Unix seconds.
        created_at = "created_at": Kind::Int;
    }
}

/// The shape each resource is read with.
fn shape_of(resource: Resource) -> &'static Shape {
    match resource {
        Resource::Customers => &CUSTOMER,
        Resource::Orders => &ORDER,
        Resource::Payments => &PAYMENT,
    }
}

/// Reads the entity `raw` (an object) with the shape of `resource` (`N` its field count): its
/// `entity` first (type, then [`check_entity`]), then every field; `map` makes the unified
/// object.
fn read<const N: usize, T>(
    raw: &str,
    resource: Resource,
    map: impl FnOnce(&Record<'_, '_, N>) -> Result<T, Error>,
) -> Result<T, Error> {
    // Every shape here declares `entity` first.
    const ENTITY: usize = 0;
    shape_of(resource).read(
        raw,
        Numbers::WithValue,
        |record: &Record<'_, '_, N>| {
            record.check_one(ENTITY, "$", Numbers::WithValue)?;
            check_entity(record.str(ENTITY).as_deref(), raw, resource)
        },
        |record, ()| map(record),
    )
}

/// The phone as a unified value (empty -> null).
fn phone(contact: Option<std::borrow::Cow<'_, str>>) -> Option<String> {
    text(contact.as_deref())
}

/// Maps a Razorpay customer (`entity: "customer"`).
pub(super) fn customer(raw: &str) -> Result<Customer, Error> {
    read::<{ C::COUNT }, _>(raw, Resource::Customers, |c| {
        // `created_at` first; the trailing-space key only when it is absent (module docs).
        let created_at = match (c.int(C::created_at), c.int(C::created_at_spaced)) {
            (Some(secs), _) => time::unix_field("$.created_at", Some(secs))?,
            (None, spaced) => time::unix_field("$[\"created_at \"]", spaced)?,
        };
        Ok(Customer {
            id: id(c.str(C::id).as_deref())?,
            name: text(c.str(C::name).as_deref()),
            email: text(c.str(C::email).as_deref()),
            phone: phone(c.str(C::contact)),
            created_at,
            updated_at: None,
            remote_data: None,
        })
    })
}

/// Maps a Razorpay payment (`entity: "payment"`).
pub(super) fn payment(raw: &str) -> Result<Payment, Error> {
    read::<{ P::COUNT }, _>(raw, Resource::Payments, map_payment)
}

fn map_payment(p: &Record<'_, '_, { P::COUNT }>) -> Result<Payment, Error> {
    let cur = currency(p.str(P::currency).as_deref());
    let amount = p.int(P::amount);
    let amount_refunded = p.int(P::amount_refunded);
    let money = |minor: Option<i64>| -> Option<String> {
        let code = cur.as_deref()?;
        minor_to_major(minor?, code, EXPONENTS)
    };
    // The fee is in the payment currency only for INR payments or payments in the merchant's
    // own (base) currency; for international payments it is in another unit: null.
    let fee_applies = cur.as_deref().is_some_and(|c| {
        c == "INR" || currency(p.str(P::base_currency).as_deref()).as_deref() == Some(c)
    });
    // Both nested objects were checked with the payment; reading them again finds the same.
    let card = p.view(P::card).map(|v| CARD.scan::<{ CardField::COUNT }>(v));
    let acquirer = p
        .view(P::acquirer_data)
        .map(|v| ACQUIRER_DATA.scan::<{ A::COUNT }>(v));
    Ok(Payment {
        id: id(p.str(P::id).as_deref())?,
        amount: money(amount),
        currency: cur.clone(),
        transaction_fee: if fee_applies {
            money(p.int(P::fee))
        } else {
            None
        },
        refund_amount: money(amount_refunded),
        status: payment_status(
            p.str(P::status).as_deref(),
            p.str(P::refund_status).as_deref(),
            amount,
            amount_refunded,
        ),
        customer: CustomerRef {
            id: text(p.str(P::customer_id).as_deref()),
            name: None,
            email: text(p.str(P::email).as_deref()),
            phone: phone(p.str(P::contact)),
        }
        .non_empty(),
        description: text(p.str(P::description).as_deref()),
        payment_method: PaymentMethod {
            id: first_text([
                p.str(P::card_id).as_deref(),
                card.as_ref().and_then(|c| c.str(CardField::id)).as_deref(),
                p.str(P::token_id).as_deref(),
            ]),
            method: text(p.str(P::method).as_deref()).map(|m| m.to_ascii_lowercase()),
        }
        .non_empty(),
        created_at: time::unix_field("$.created_at", p.int(P::created_at))?,
        expires_on: None,
        reference_id: first_text([
            acquirer.as_ref().and_then(|a| a.str(A::rrn)).as_deref(),
            acquirer
                .as_ref()
                .and_then(|a| a.str(A::bank_transaction_id))
                .as_deref(),
        ]),
        order_id: text(p.str(P::order_id).as_deref()),
        metadata: metadata_raw("$.notes", p.view(P::notes).and_then(View::raw))?,
        remote_data: None,
    })
}

/// Maps a Razorpay order (`entity: "order"`). `customer` and `payment` stay null (docs/mapping.md#razorpay;
/// module docs).
pub(super) fn order(raw: &str) -> Result<Order, Error> {
    read::<{ O::COUNT }, _>(raw, Resource::Orders, |o| {
        let cur = currency(o.str(O::currency).as_deref());
        let amount = match (o.int(O::amount), cur.as_deref()) {
            (Some(minor), Some(code)) => {
                minor_to_major(minor, code, EXPONENTS).and_then(|major| as_json_number(&major))
            }
            _ => None,
        };
        Ok(Order {
            id: id(o.str(O::id).as_deref())?,
            amount,
            currency: cur,
            created_at: time::unix_field("$.created_at", o.int(O::created_at))?,
            updated_at: None,
            status: order_status(o.str(O::status).as_deref()),
            customer: None,
            payment: None,
            remote_data: None,
        })
    })
}

/// Payment status table (docs/mapping.md#status, Razorpay payment). `created` -> pending, `authorized`
/// -> authorized, `captured` -> paid with the refund overlay, `refunded` -> refunded unless
/// `refund_status` is `partial`, `failed` and anything unknown verbatim, missing -> unknown.
fn payment_status(
    status: Option<&str>,
    refund_status: Option<&str>,
    amount: Option<i64>,
    amount_refunded: Option<i64>,
) -> Status {
    let Some(status) = status else {
        return Status::Unknown;
    };
    match status {
        "created" => Status::Pending,
        "authorized" => Status::Authorized,
        "captured" => match refund_status {
            Some("partial") => Status::Partial,
            Some("full") => Status::Refunded,
            // No refund_status: the numbers decide (module docs).
            _ => {
                let all_refunded = match (amount, amount_refunded) {
                    (Some(a), Some(r)) => Some(a > 0 && r >= a),
                    _ => None,
                };
                Status::overlay_paid(all_refunded, amount_refunded.map(i128::from), None)
            }
        },
        "refunded" => match refund_status {
            Some("partial") => Status::Partial,
            // `full`, null (older payloads) or anything else: the status says all of it.
            _ => Status::Refunded,
        },
        // No `failed` in the vocabulary: passed through verbatim.
        "failed" => Status::raw(status),
        other => Status::raw(other),
    }
}

/// Order status table (docs/mapping.md#status, Razorpay order): `created`, `attempted` -> pending,
/// `paid` -> paid, anything else verbatim, missing -> unknown.
fn order_status(status: Option<&str>) -> Status {
    match status {
        None => Status::Unknown,
        Some("created" | "attempted") => Status::Pending,
        Some("paid") => Status::Paid,
        Some(other) => Status::raw(other),
    }
}

/// The unified id: an empty `id` is as good as none.
fn id(raw: Option<&str>) -> Result<String, Error> {
    text(raw).ok_or_else(|| Error::payload("$.id", "expected a non-empty id string"))
}

/// The `entity` a unified resource is read from.
fn entity_of(resource: Resource) -> &'static str {
    match resource {
        Resource::Customers => "customer",
        Resource::Orders => "order",
        Resource::Payments => "payment",
    }
}

/// The resource a Razorpay `entity` maps to, if any.
pub(super) fn resource_of(entity: &str) -> Option<Resource> {
    match entity {
        "customer" => Some(Resource::Customers),
        "order" => Some(Resource::Orders),
        "payment" => Some(Resource::Payments),
        _ => None,
    }
}

/// Checks that the object `raw` (its `entity` already read) is a Razorpay object of `resource`:
/// `mismatched_payload` when its `entity` names something else, or when it has no `entity` and
/// another provider's recognizer claims it ([`crate::providers::claimed_elsewhere`]).
fn check_entity(entity: Option<&str>, raw: &str, resource: Resource) -> Result<(), Error> {
    match entity {
        Some(entity) if entity == entity_of(resource) => Ok(()),
        Some(entity) => Err(Error::mismatched(
            "$",
            match resource_of(entity) {
                Some(other) => format!(
                    "expected a Razorpay {}, found a Razorpay {} (entity \"{entity}\"); normalize it as \"{}\"",
                    resource.singular(),
                    other.singular(),
                    other.as_str()
                ),
                None => format!(
                    "expected a Razorpay {} (entity \"{}\"), found entity \"{entity}\", which is not a {}",
                    resource.singular(),
                    entity_of(resource),
                    resource.singular()
                ),
            },
        )),
        None => match crate::providers::claimed_elsewhere(Provider::Razorpay, raw) {
            Some(e) => Err(e),
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::{normalize_value, Options, Paging};
    use serde_json::{json, Value};
    use std::path::{Path, PathBuf};

    fn fixtures() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/razorpay");
        dir.is_dir().then_some(dir)
    }

    fn no_raw() -> Options {
        Options {
            remote_data: false,
            ..Options::default()
        }
    }

    fn pay(status: &str, refund_status: Value, amount: i64, refunded: i64) -> Payment {
        payment(
            &json!({
                "id": "pay_1", "entity": "payment", "amount": amount, "currency": "INR",
                "status": status, "refund_status": refund_status, "amount_refunded": refunded,
            })
            .to_string(),
        )
        .unwrap()
    }

    // ---- status table, every row ----

    #[test]
    fn payment_status_rows() {
        assert_eq!(pay("created", Value::Null, 500, 0).status, Status::Pending);
        assert_eq!(
            pay("authorized", Value::Null, 500, 0).status,
            Status::Authorized
        );
        assert_eq!(pay("captured", Value::Null, 500, 0).status, Status::Paid);
        assert_eq!(
            pay("captured", json!("partial"), 500, 100).status,
            Status::Partial
        );
        assert_eq!(
            pay("refunded", json!("partial"), 500, 100).status,
            Status::Partial
        );
        assert_eq!(
            pay("refunded", json!("full"), 500, 500).status,
            Status::Refunded
        );
        assert_eq!(
            pay("refunded", Value::Null, 500, 500).status,
            Status::Refunded
        );
        assert_eq!(
            pay("failed", Value::Null, 500, 0).status,
            Status::Raw("failed".into())
        );
        assert_eq!(pay("failed", Value::Null, 500, 0).status.as_str(), "failed");
        assert_eq!(
            pay("hold", Value::Null, 500, 0).status,
            Status::Raw("hold".into())
        );
        assert_eq!(pay("", Value::Null, 500, 0).status, Status::Unknown);
        let missing = payment(&json!({"id": "pay_1", "entity": "payment"}).to_string()).unwrap();
        assert_eq!(missing.status, Status::Unknown);
        let null =
            payment(&json!({"id": "pay_1", "entity": "payment", "status": null}).to_string())
                .unwrap();
        assert_eq!(null.status, Status::Unknown);
    }

    #[test]
    fn captured_overlay_from_numbers() {
        // refund_status absent but the numbers say part / all of it came back.
        assert_eq!(
            pay("captured", Value::Null, 500, 100).status,
            Status::Partial
        );
        assert_eq!(
            pay("captured", Value::Null, 500, 500).status,
            Status::Refunded
        );
        assert_eq!(
            pay("captured", json!("full"), 500, 500).status,
            Status::Refunded
        );
        // A zero-amount mandate registration is paid, not refunded.
        assert_eq!(pay("captured", Value::Null, 0, 0).status, Status::Paid);
        let no_numbers =
            payment(&json!({"id": "p", "entity": "payment", "status": "captured"}).to_string())
                .unwrap();
        assert_eq!(no_numbers.status, Status::Paid);
    }

    #[test]
    fn order_status_rows() {
        let o = |s: Value| {
            order(&json!({"id": "order_1", "entity": "order", "status": s}).to_string())
                .unwrap()
                .status
        };
        assert_eq!(o(json!("created")), Status::Pending);
        assert_eq!(o(json!("attempted")), Status::Pending);
        assert_eq!(o(json!("paid")), Status::Paid);
        assert_eq!(o(json!("expired")), Status::Raw("expired".into()));
        assert_eq!(o(Value::Null), Status::Unknown);
    }

    // ---- money and time ----

    #[test]
    fn money_uses_iso_exponents() {
        let p = payment(
            &json!({
                "id": "pay_1", "entity": "payment", "amount": 5120, "currency": "kwd",
                "fee": 10, "base_currency": "KWD", "amount_refunded": 0, "status": "captured"
            })
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.currency.as_deref(), Some("KWD"));
        assert_eq!(p.amount.as_deref(), Some("5.120"));
        assert_eq!(p.transaction_fee.as_deref(), Some("0.010"));
        assert_eq!(p.refund_amount.as_deref(), Some("0.000"));
        // JPY has no minor unit in ISO 4217.
        let jpy = payment(
            &json!({"id": "p", "entity": "payment", "amount": 500, "currency": "JPY"}).to_string(),
        )
        .unwrap();
        assert_eq!(jpy.amount.as_deref(), Some("500"));
        // An unknown currency gives null amounts, never a guess.
        let xyz = payment(
            &json!({"id": "p", "entity": "payment", "amount": 500, "currency": "XYZ", "fee": 1})
                .to_string(),
        )
        .unwrap();
        assert_eq!((xyz.amount, xyz.transaction_fee), (None, None));
    }

    #[test]
    fn fee_only_in_inr_or_base_currency() {
        let p = |cur: &str, base: Value| {
            payment(
                &json!({"id": "p", "entity": "payment", "amount": 1000, "currency": cur, "fee": 30,
                            "base_currency": base})
                .to_string(),
            )
            .unwrap()
            .transaction_fee
        };
        assert_eq!(p("INR", Value::Null).as_deref(), Some("0.30"));
        assert_eq!(p("INR", json!("INR")).as_deref(), Some("0.30"));
        // International payment settled in INR: the fee is not in USD.
        assert_eq!(p("USD", json!("INR")), None);
        assert_eq!(p("USD", Value::Null), None);
        assert_eq!(p("USD", json!("usd")).as_deref(), Some("0.30"));
        let no_fee = payment(
            &json!({"id": "p", "entity": "payment", "amount": 1, "currency": "INR", "fee": null})
                .to_string(),
        )
        .unwrap();
        assert_eq!(no_fee.transaction_fee, None);
    }

    #[test]
    fn order_amount_is_a_json_number() {
        let o = order(
            &json!({"id": "order_1", "entity": "order", "amount": 50000,
                              "currency": "INR", "created_at": 1700000000})
            .to_string(),
        )
        .unwrap();
        assert_eq!(o.amount.as_deref(), Some("500"));
        assert_eq!(o.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!(v["amount"], json!(500));
        let cents = order(
            &json!({"id": "o", "entity": "order", "amount": 1234, "currency": "INR"}).to_string(),
        )
        .unwrap();
        assert_eq!(cents.amount.as_deref(), Some("12.34"));
        let zero = order(
            &json!({"id": "o", "entity": "order", "amount": 0, "currency": "INR"}).to_string(),
        )
        .unwrap();
        assert_eq!(zero.amount.as_deref(), Some("0"));
        let no_cur =
            order(&json!({"id": "o", "entity": "order", "amount": 100}).to_string()).unwrap();
        assert_eq!(no_cur.amount, None);
    }

    #[test]
    fn created_at_trailing_space_key() {
        let spaced = customer(
            &json!({"id": "cust_1", "entity": "customer",
                                      "created_at ": 1234567890})
            .to_string(),
        )
        .unwrap();
        assert_eq!(spaced.created_at.as_deref(), Some("2009-02-13T23:31:30Z"));
        let both = customer(
            &json!({"id": "cust_1", "entity": "customer", "created_at": 1700000000,
                                    "created_at ": 1234567890})
            .to_string(),
        )
        .unwrap();
        assert_eq!(both.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        let e = customer(
            &json!({"id": "cust_1", "entity": "customer", "created_at ": "yesterday"}).to_string(),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$[\"created_at \"]"));
        let e = customer(
            &json!({"id": "cust_1", "entity": "customer", "created_at ": i64::MAX}).to_string(),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$[\"created_at \"]"));
    }

    #[test]
    fn out_of_range_time_names_its_path() {
        let e =
            payment(&json!({"id": "p", "entity": "payment", "created_at": i64::MAX}).to_string())
                .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.created_at"));
    }

    // ---- contact, customer, payment method ----

    #[test]
    fn contact_string_or_integer() {
        let c = customer(
            &json!({"id": "c", "entity": "customer", "contact": 9876543210_u64}).to_string(),
        )
        .unwrap();
        assert_eq!(c.phone.as_deref(), Some("9876543210"));
        let c = customer(
            &json!({"id": "c", "entity": "customer", "contact": "+919000000000"}).to_string(),
        )
        .unwrap();
        assert_eq!(c.phone.as_deref(), Some("+919000000000"));
        let c =
            customer(&json!({"id": "c", "entity": "customer", "contact": ""}).to_string()).unwrap();
        assert_eq!(c.phone, None);
        let e = customer(&json!({"id": "c", "entity": "customer", "contact": true}).to_string())
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.contact"));
        assert_eq!(
            e.message,
            "$.contact: expected string, found boolean `true`"
        );
        let e = customer(&json!({"id": "c", "entity": "customer", "contact": 1.5}).to_string())
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.contact"));
    }

    #[test]
    fn payment_customer_and_method() {
        let p = payment(
            &json!({"id": "p", "entity": "payment", "email": "", "contact": null}).to_string(),
        )
        .unwrap();
        assert_eq!(p.customer, None);
        assert_eq!(p.payment_method, None);
        let p = payment(
            &json!({"id": "p", "entity": "payment", "customer_id": "cust_1", "method": "UPI",
                                "token_id": "token_1"})
            .to_string(),
        )
        .unwrap();
        assert_eq!(
            p.customer,
            Some(CustomerRef {
                id: Some("cust_1".into()),
                ..CustomerRef::default()
            })
        );
        assert_eq!(
            p.payment_method,
            Some(PaymentMethod {
                id: Some("token_1".into()),
                method: Some("upi".into())
            })
        );
        // card_id wins over token_id; an expanded card stands in for a missing card_id.
        let p = payment(
            &json!({"id": "p", "entity": "payment", "card_id": "card_1", "token_id": "token_1"})
                .to_string(),
        )
        .unwrap();
        assert_eq!(p.payment_method.unwrap().id.as_deref(), Some("card_1"));
        let p = payment(
            &json!({"id": "p", "entity": "payment", "method": "card", "card": {"id": "card_2"},
                                "token_id": "token_1"})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.payment_method.unwrap().id.as_deref(), Some("card_2"));
    }

    #[test]
    fn reference_and_metadata() {
        let p = payment(
            &json!({"id": "p", "entity": "payment", "acquirer_data": {"rrn": "123",
                                "bank_transaction_id": "456"}, "notes": []})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.reference_id.as_deref(), Some("123"));
        assert_eq!(p.metadata, Some(json!({})));
        let p = payment(
            &json!({"id": "p", "entity": "payment", "acquirer_data": {"rrn": "",
                                "bank_transaction_id": "456"}})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.reference_id.as_deref(), Some("456"));
        assert_eq!(p.metadata, None);
        let p = payment(&json!({"id": "p", "entity": "payment", "acquirer_data": {}}).to_string())
            .unwrap();
        assert_eq!(p.reference_id, None);
        // Keys are data: __proto__ stays an own key.
        let p = payment(
            &json!({"id": "p", "entity": "payment", "notes": {"__proto__": "x"}}).to_string(),
        )
        .unwrap();
        assert_eq!(p.metadata, Some(json!({"__proto__": "x"})));
        let e = payment(&json!({"id": "p", "entity": "payment", "notes": "x"}).to_string())
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.notes"));
    }

    // ---- errors ----

    #[test]
    fn wrong_type_names_path_and_kind() {
        let e = payment(&json!({"id": "p", "entity": "payment", "amount": "5000"}).to_string())
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        assert_eq!(
            e.message,
            "$.amount: expected integer, found string \"5000\""
        );
        let e = payment(
            &json!({"id": "p", "entity": "payment", "acquirer_data": {"rrn": 5}}).to_string(),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.acquirer_data.rrn"));
        let e =
            order(&json!({"id": "o", "entity": "order", "amount": 1.5}).to_string()).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        let e = customer(&json!({"id": "c", "entity": 5}).to_string()).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.entity"));
        // An array where an object belongs is a wrong type (serde_json would have read
        // `["card_1"]` as a card by position).
        let e = payment(r#"{"id":"p","entity":"payment","card":["card_1"]}"#).unwrap_err();
        assert_eq!(e.message, "$.card: expected object, found array");
        // Only an integer phone is taken as its digits.
        let e = customer(r#"{"id":"c","entity":"customer","contact":98.5}"#).unwrap_err();
        assert_eq!(e.message, "$.contact: expected string, found number");
        // A repeated key: the last value, checked where the key first stood.
        let p = payment(r#"{"id":"p","entity":"payment","amount":"x","currency":"INR","amount":150}"#)
            .unwrap();
        assert_eq!(p.amount.as_deref(), Some("1.50"));
    }

    #[test]
    fn missing_or_empty_id() {
        let e = customer(&json!({"entity": "customer"}).to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.id"));
        assert_eq!(e.message, "$.id: required field `id` is missing");
        let e = payment(&json!({"entity": "payment", "id": ""}).to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.id"));
        let e = order(&json!({"entity": "order", "id": 7}).to_string()).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.id"));
    }

    #[test]
    fn other_entities_are_mismatched() {
        let refund = json!({"id": "rfnd_1", "entity": "refund", "amount": 100,
                            "currency": "INR", "payment_id": "pay_1", "created_at": 1});
        let e = payment(&refund.to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert_eq!(e.path.as_deref(), Some("$"));
        assert!(e.message.contains("refund"), "{}", e.message);
        assert_eq!(
            order(&refund.to_string()).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        assert_eq!(
            customer(&refund.to_string()).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        // Another of our resources: the message says which resource to ask for.
        let o = json!({"id": "order_1", "entity": "order", "amount": "oops"});
        let e = payment(&o.to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("\"orders\""), "{}", e.message);
        // Refund items in a collection: the item path.
        let list =
            br#"{"entity":"collection","count":1,"items":[{"id":"rfnd_1","entity":"refund"}]}"#;
        let e = normalize_value("razorpay", "payments", list, &no_raw()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert_eq!(e.path.as_deref(), Some("$.items[0]"));
    }

    #[test]
    fn entity_is_optional_when_named_explicitly() {
        let p = payment(&json!({"id": "p", "amount": 100, "currency": "INR"}).to_string()).unwrap();
        assert_eq!(p.amount.as_deref(), Some("1.00"));
    }

    #[test]
    fn foreign_payloads_are_mismatched() {
        // A Stripe PaymentIntent (no `entity`): the registry names Stripe.
        let stripe = json!({"id": "pi_1", "object": "payment_intent", "created": 1, "amount": 5, "currency": "usd"});
        let e = payment(&stripe.to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(
            e.message.contains("Stripe payment") && e.message.contains("\"stripe\""),
            "{}",
            e.message
        );
        // No `entity` and nobody else's: mapped as Razorpay's (the entity check is lenient).
        let bare = json!({"id": "abc", "amount": 5, "currency": "INR", "status": "captured"});
        assert!(payment(&bare.to_string()).is_ok());
    }

    // ---- detection and envelopes ----

    #[test]
    fn detection_needs_entity() {
        use super::super::detect;
        let d = |v: Value| crate::providers::on_value(&v, detect);
        assert_eq!(
            d(json!({"id": "pay_1", "entity": "payment"})).and_then(|d| d.resource),
            Some(Resource::Payments)
        );
        assert_eq!(
            d(json!({"id": "cust_1", "entity": "customer"})).and_then(|d| d.resource),
            Some(Resource::Customers)
        );
        assert_eq!(
            d(json!({"id": "order_1", "entity": "order"})).and_then(|d| d.resource),
            Some(Resource::Orders)
        );
        // Checkout.com payments use `pay_` ids too, but never carry `entity`.
        assert_eq!(
            d(
                json!({"id": "pay_mbabizu24mvu3mela5njyhpit4", "status": "Authorized",
                     "_links": {}})
            ),
            None
        );
        // Stripe `object: "customer"`, Juspay customers: no entity.
        assert_eq!(
            d(json!({"id": "cus_1", "object": "customer", "created": 1})),
            None
        );
        // Refunds and events are Razorpay's, but not a unified resource.
        assert_eq!(d(json!({"id": "rfnd_1", "entity": "refund"})), None);
        assert_eq!(d(json!({"entity": "payment"})), None);
        let list = d(json!({"entity": "collection", "count": 1,
                            "items": [{"id": "order_1", "entity": "order"}]}))
        .unwrap();
        assert!(list.list);
        assert_eq!(list.resource, Some(Resource::Orders));
        let empty = d(json!({"entity": "collection", "count": 0, "items": []})).unwrap();
        assert_eq!((empty.list, empty.resource), (true, None));
        let refunds = d(json!({"entity": "collection", "count": 1,
                               "items": [{"id": "rfnd_1", "entity": "refund"}]}))
        .unwrap();
        assert_eq!(refunds.resource, None);
    }

    #[test]
    fn collection_paging() {
        let body = br#"{"entity":"collection","count":2,"items":[
            {"id":"order_1","entity":"order","amount":100,"currency":"INR","status":"paid"},
            {"id":"order_2","entity":"order","amount":100,"currency":"INR","status":"paid"}]}"#;
        let with = |paging: Option<Paging>| {
            let opts = Options { paging, ..no_raw() };
            normalize_value("razorpay", "orders", body, &opts).unwrap()["next_cursor"].clone()
        };
        assert_eq!(with(None), Value::Null);
        assert_eq!(with(Some(Paging { skip: 10, count: 2 })), json!("12"));
        assert_eq!(with(Some(Paging { skip: 0, count: 2 })), json!("2"));
        assert_eq!(with(Some(Paging { skip: 0, count: 3 })), Value::Null);
        assert_eq!(
            with(Some(Paging {
                skip: u64::MAX,
                count: 2
            })),
            Value::Null
        );
        let e = normalize_value(
            "razorpay",
            "orders",
            br#"{"entity":"collection","items":{}}"#,
            &no_raw(),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.items"));
        let auto = normalize_value("auto", "auto", body, &no_raw()).unwrap();
        assert_eq!(auto["result"][1]["id"], json!("order_2"));
        let empty = br#"{"entity":"collection","count":0,"items":[]}"#;
        let opts = Options {
            paging: Some(Paging { skip: 0, count: 0 }),
            ..no_raw()
        };
        let v = normalize_value("razorpay", "payments", empty, &opts).unwrap();
        assert_eq!(v, json!({"result": [], "next_cursor": null}));
    }

    // ---- field-source tables ----

    #[test]
    fn field_tables_follow_the_unified_order() {
        use super::super::fields;
        let names = |r| fields(r).iter().map(|f| f.field).collect::<Vec<_>>();
        assert_eq!(names(Resource::Customers), Customer::FIELDS);
        assert_eq!(names(Resource::Payments), Payment::FIELDS);
        assert_eq!(names(Resource::Orders), Order::FIELDS);
    }

    #[test]
    fn field_tables_name_only_declared_fields() {
        for resource in Resource::ALL {
            for f in super::super::fields(resource) {
                for source in f.sources {
                    assert!(
                        shape_of(resource).declares(source),
                        "{resource}.{}: the field table reads `{source}`, which the shape does not declare",
                        f.field
                    );
                }
            }
        }
    }

    #[test]
    fn field_tables_match_fixture_outputs() {
        use super::super::fields;
        let Some(dir) = fixtures() else {
            eprintln!("skipped: ../shared/fixtures is missing");
            return;
        };
        for (resource, kinds) in [
            (Resource::Customers, ["customer", "customer_list"]),
            (Resource::Orders, ["order", "order_list"]),
            (Resource::Payments, ["payment", "payment_list"]),
        ] {
            let mut outputs = Vec::new();
            for kind in kinds {
                for f in files(&dir, kind) {
                    let bytes = std::fs::read(&f).unwrap();
                    let v =
                        normalize_value("razorpay", resource.as_str(), &bytes, &no_raw()).unwrap();
                    match v.get("result").and_then(Value::as_array) {
                        Some(items) => outputs.extend(items.iter().cloned()),
                        None => outputs.push(v),
                    }
                }
            }
            for f in fields(resource) {
                let filled = outputs.iter().filter(|o| !o[f.field].is_null()).count();
                if f.supported() {
                    assert!(filled > 0, "{resource}.{}: never filled", f.field);
                } else {
                    assert_eq!(filled, 0, "{resource}.{}: marked none", f.field);
                }
            }
        }
    }

    // ---- every shared fixture ----

    fn files(dir: &Path, kind: &str) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join(kind))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        out.retain(|p| p.extension().is_some_and(|e| e == "json"));
        out.sort();
        out
    }

    #[test]
    fn every_fixture_normalizes_or_errs_with_a_code() {
        let Some(dir) = fixtures() else {
            eprintln!("skipped: ../shared/fixtures is missing");
            return;
        };
        let mut seen = 0;
        for (kind, resource) in [
            ("customer", "customers"),
            ("customer_list", "customers"),
            ("order", "orders"),
            ("order_list", "orders"),
            ("payment", "payments"),
            ("payment_list", "payments"),
        ] {
            for f in files(&dir, kind) {
                let bytes = std::fs::read(&f).unwrap();
                let name = f.display();
                let explicit = normalize_value("razorpay", resource, &bytes, &no_raw())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                for (p, r) in [("auto", "auto"), ("razorpay", "auto"), ("auto", resource)] {
                    let auto = normalize_value(p, r, &bytes, &no_raw())
                        .unwrap_or_else(|e| panic!("{name} as {p}/{r}: {e}"));
                    assert_eq!(auto, explicit, "{name} as {p}/{r}");
                }
                let d = crate::detect(&bytes).unwrap().expect("detected");
                assert_eq!(d.provider, Provider::Razorpay, "{name}");
                assert_eq!(d.list, kind.ends_with("_list"), "{name}");
                seen += 1;
            }
        }
        assert!(seen >= 80, "only {seen} fixtures");
        for f in files(&dir, "other") {
            let bytes = std::fs::read(&f).unwrap();
            for r in ["customers", "orders", "payments", "auto"] {
                let e = normalize_value("razorpay", r, &bytes, &no_raw())
                    .expect_err(&format!("{} as {r}", f.display()));
                if r != "auto" {
                    assert_eq!(e.code, ErrorCode::MismatchedPayload, "{}: {e}", f.display());
                }
            }
            assert!(normalize_value("auto", "auto", &bytes, &no_raw()).is_err());
        }
    }
}
