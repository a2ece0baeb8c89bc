//! Juspay raw types and their mapping to the unified shapes (docs/mapping.md#juspay, #status
//! row "Juspay order / payment").
//!
//! Follows the Juspay Express Checkout API reference:
//! - Customer object: <https://juspay.io/in/docs/api-reference/docs/express-checkout/create-customer>
//!   and <https://juspay.io/in/docs/api-reference/docs/express-checkout/get-customer>
//! - Order status response (the order with its latest transaction):
//!   <https://juspay.io/in/docs/api-reference/docs/express-checkout/order-status-api>
//! - Create order response: <https://juspay.io/in/docs/api-reference/docs/express-checkout/create-order-api>
//! - Transaction status codes:
//!   <https://juspay.io/in/docs/resources/docs/common-resources/transaction-status>
//! - Refund order response: <https://juspay.io/in/docs/api-reference/docs/express-checkout/refund-order-api>
//!
//! Juspay has no separate payment object: the order status response is both the order and its
//! transaction, so `orders` and `payments` read the same payload. Amounts are already major units
//! (`1`, `1.0`, `"2.0"`) and are read from their exact decimal text, never through a float.
//!
//! Decisions where the contract and the fixtures disagreed or the contract was silent
//! (docs/mapping.md#juspay):
//! - **Refund overlay by numbers.** A `CHARGED` payload whose `amount_refunded` is above zero is
//!   `partial` when it is below `amount` and `refunded` when it reaches it, whatever the
//!   `refunded` flag says; the flag decides only when the numbers are missing. Juspay documents
//!   `refunded` as "true if the order has been completely refunded", yet
//!   `payment/split_settlement_refund_response_charged_with_refunds.json` has `refunded: true`
//!   with 1 of 5 refunded: the status decision ("partial = part of it refunded", docs/mapping.md#status) wins.
//! - **Missing currency.** `order/create_order_mandate_new.json` has `amount: "2.0"` and no
//!   `currency`. Juspay defaults to INR, but the payload does not say so and the money rule says never
//!   guess: currency and amounts are `null` (the raw values stay in `remote_data`).
//! - **Empty `txn_id`.** `payment/order_status_charged_card_emi.json` has `txn_id: ""` and the
//!   merchant transaction id only in `txn_detail.txn_id`. The payment id keeps the documented chain
//!   (`txn_id`, else Juspay's `txn_uuid`, else `order_id`; empty counts as absent), while
//!   `reference_id` (the merchant transaction id) falls back to `txn_detail.txn_id`.
//! - **Empty `payment_method_type`.** The same file has `payment_method_type: ""` beside a `card`
//!   object: the method is `card` (Juspay sends `card` only for card transactions).
//! - **Order `payment`.** The order's payment is the payment mapping of the same payload when it
//!   carries a transaction (a non-empty `txn_id` / `txn_uuid` / `payment_method_type`, or a
//!   `txn_detail` object), else `null` (create-order responses).
//! - **`description`**: the order status response has none (Juspay takes `description` on order
//!   creation but does not echo it in any documented response): always `null`.
//! - **`metadata`**: the non-empty `udf1`..`udf10` in that order, then the keys of the top-level
//!   `metadata` object (a udf key wins on a clash); `null` when there is neither.
//!   `txn_detail.metadata` (Juspay's channel info) is not merchant metadata and stays in
//!   `remote_data`.
//! - **`refunded` as a string.** Juspay webhooks send `"refunded": "true"`; `"true"` / `"false"`
//!   are read as booleans.
//! - **Transaction responses without an amount** (`payment/txn_response_pending_vbv.json`:
//!   `{order_id, txn_id, status, payment: {authentication}}`) are payments with `null` amounts.
//!
//! Reading: each object is a declared [`Shape`] read off the input's tape in one walk of its
//! keys ([`crate::reader::shape`]). The keys that tell another kind of object apart
//! (`event_name`, `entity`, `object`, refund keys, ...) are part of each shape and are looked at
//! first ([`Marks`], [`mismatch`]): a mismatch wins over any field's type. Then the fields are
//! typed, errors worded as a parsed JSON value words them (`found number`, the number's kind
//! only: [`Numbers::KindOnly`]); a repeated key keeps its last value, as everywhere.

use crate::error::Error;
use crate::providers::Provider;
use crate::reader::shape::{shape, Kind, Numbers, Record};
use crate::reader::view::View;
use crate::rules::contact::{join_name, join_phone};
use crate::rules::money::{self, Decimal, ExponentTable};
use crate::rules::status::Status;
use crate::rules::{self, first_text, text, time};
use crate::unified::{Customer, CustomerRef, Order, Payment, PaymentMethod};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Juspay amounts are major units; the ISO 4217 exponent only fixes how many decimals are shown.
const TABLE: ExponentTable = ExponentTable::Iso4217;

/// Whether an optional string field holds a non-empty (not all-space) string.
fn filled(v: Option<&str>) -> bool {
    v.is_some_and(|v| !v.trim().is_empty())
}

/// Juspay's errors name a number by its kind (`found number`), as they always have.
const NUMBERS: Numbers = Numbers::KindOnly;

shape! {
    /// A Juspay customer object (`object: "customer"`), with the keys that tell another kind of
    /// object apart ([`Marks`]).
    static CUSTOMER: C {
        /// Juspay's customer id (`cst_...`).
        id = "id": Kind::Str, required;
        /// First name.
        first_name = "first_name": Kind::Str;
        /// Last name.
        last_name = "last_name": Kind::Str;
        /// Email.
        email_address = "email_address": Kind::Str;
        /// Country calling code without `+` (`"91"`).
        mobile_country_code = "mobile_country_code": Kind::Str;
        /// National number.
        mobile_number = "mobile_number": Kind::Str;
        /// Creation time: RFC 3339, `+0000` offsets or unix-seconds text (its presence, even
        /// `null`, also tells a Juspay customer from a Stripe one).
        date_created = "date_created": Kind::Str;
        /// Last update time, same formats.
        last_updated = "last_updated": Kind::Str;
        /// See [`Marks`].
        event_name = "event_name": Kind::Any;
        /// See [`Marks`].
        entity = "entity": Kind::Any;
        /// See [`Marks`].
        unique_request_id = "unique_request_id": Kind::Any;
        /// See [`Marks`].
        refund_type = "refund_type": Kind::Any;
        /// See [`Marks`].
        txn_status = "txn_status": Kind::Any;
        /// See [`Marks`].
        status = "status": Kind::Any;
        /// See [`Marks`].
        object = "object": Kind::Any;
        /// See [`Marks`].
        object_reference_id = "object_reference_id": Kind::Any;
        /// See [`Marks`].
        order_id = "order_id": Kind::Any;
        /// See [`Marks`].
        error_code = "error_code": Kind::Any;
        /// See [`Marks`].
        error_message = "error_message": Kind::Any;
        /// See [`Marks`].
        user_message = "user_message": Kind::Any;
        /// See [`Marks`].
        code = "code": Kind::Any;
    }
}

shape! {
    /// The transaction block of an order status response.
    static TXN_DETAIL: T {
        /// The merchant-visible transaction id (`merchant-order-1`).
        txn_id = "txn_id": Kind::Str;
        /// Transaction creation time.
        created = "created": Kind::Str;
    }
}

shape! {
    /// An order status response, a create/update-order response or a transaction response: the
    /// order and (when present) its latest transaction in one flat object, with the keys that
    /// tell another kind of object apart ([`Marks`]).
    static ORDER: O {
        /// The merchant's order id.
        order_id = "order_id": Kind::Str, required;
        /// Order / transaction status (`CHARGED`, `PENDING_VBV`, ...); its presence (even `null`)
        /// also tells an order from an action response.
        status = "status": Kind::Str;
        /// Amount in major units, a JSON number or a string: read from its exact text.
        amount = "amount": Kind::Any;
        /// Amount refunded so far, major units.
        amount_refunded = "amount_refunded": Kind::Any;
        /// `true` when completely refunded (a boolean, or `"true"` in webhooks).
        refunded = "refunded": Kind::Any;
        /// ISO 4217 code.
        currency = "currency": Kind::Str;
        /// Order creation time.
        date_created = "date_created": Kind::Str;
        /// Last update time.
        last_updated = "last_updated": Kind::Str;
        /// The merchant's customer id.
        customer_id = "customer_id": Kind::Str;
        /// Customer email given at order creation.
        customer_email = "customer_email": Kind::Str;
        /// Customer phone given at order creation, as the merchant sent it.
        customer_phone = "customer_phone": Kind::Str;
        /// The transaction id (`merchant-order-1`); may be empty.
        txn_id = "txn_id": Kind::Str;
        /// Juspay's transaction uuid.
        txn_uuid = "txn_uuid": Kind::Str;
        /// `CARD`, `NB`, `WALLET`, `UPI`, ...; may be empty.
        payment_method_type = "payment_method_type": Kind::Str;
        /// The transaction block.
        txn_detail = "txn_detail": Kind::Object(&TXN_DETAIL);
        /// The card block (only whether it is an object matters).
        card = "card": Kind::Any;
        /// The merchant's metadata object, copied out as data.
        metadata = "metadata": Kind::Any;
        /// User-defined fields 1..10 (strings, empty when unused).
        udf1 = "udf1": Kind::Str;
        /// See `udf1`.
        udf2 = "udf2": Kind::Str;
        /// See `udf1`.
        udf3 = "udf3": Kind::Str;
        /// See `udf1`.
        udf4 = "udf4": Kind::Str;
        /// See `udf1`.
        udf5 = "udf5": Kind::Str;
        /// See `udf1`.
        udf6 = "udf6": Kind::Str;
        /// See `udf1`.
        udf7 = "udf7": Kind::Str;
        /// See `udf1`.
        udf8 = "udf8": Kind::Str;
        /// See `udf1`.
        udf9 = "udf9": Kind::Str;
        /// See `udf1`.
        udf10 = "udf10": Kind::Str;
        /// See [`Marks`].
        event_name = "event_name": Kind::Any;
        /// See [`Marks`].
        entity = "entity": Kind::Any;
        /// See [`Marks`].
        unique_request_id = "unique_request_id": Kind::Any;
        /// See [`Marks`].
        refund_type = "refund_type": Kind::Any;
        /// See [`Marks`].
        txn_status = "txn_status": Kind::Any;
        /// See [`Marks`].
        object = "object": Kind::Any;
        /// See [`Marks`].
        object_reference_id = "object_reference_id": Kind::Any;
        /// See [`Marks`].
        error_code = "error_code": Kind::Any;
        /// See [`Marks`].
        error_message = "error_message": Kind::Any;
        /// See [`Marks`].
        user_message = "user_message": Kind::Any;
        /// See [`Marks`].
        code = "code": Kind::Any;
    }
}

/// A checked order record.
type OrderRecord<'t, 'a> = Record<'t, 'a, { O::COUNT }>;

/// What an object's keys say about its kind: presence (`null` included) and, where a message
/// quotes it, the value.
struct Marks<'t, 'a> {
    /// `event_name` (a webhook event when it is a string).
    event_name: Option<View<'t, 'a>>,
    /// `entity` (a Razorpay object).
    entity: Option<View<'t, 'a>>,
    /// `unique_request_id` or `refund_type` (a refund).
    refund: bool,
    /// `txn_status`.
    txn_status: bool,
    /// `status`.
    status: bool,
    /// `object`.
    object: Option<View<'t, 'a>>,
    /// `object_reference_id`.
    object_reference_id: bool,
    /// `date_created`.
    date_created: bool,
    /// `order_id`.
    order_id: bool,
    /// `error_code`, `error_message`, or `user_message` with `code`.
    error_like: bool,
}

impl<'t, 'a> Marks<'t, 'a> {
    /// The marks of an object read as `r` (a [`CUSTOMER`] or an [`ORDER`]: both declare every
    /// mark key).
    fn of<const N: usize>(r: &Record<'t, 'a, N>) -> Self {
        let present = |key| r.get_key(key).is_some();
        Marks {
            event_name: r.get_key("event_name"),
            entity: r.get_key("entity"),
            refund: present("unique_request_id") || present("refund_type"),
            txn_status: present("txn_status"),
            status: present("status"),
            object: r.get_key("object"),
            object_reference_id: present("object_reference_id"),
            date_created: present("date_created"),
            order_id: present("order_id"),
            error_like: present("error_code")
                || present("error_message")
                || (present("user_message") && present("code")),
        }
    }
}

/// The content of a JSON string value; `None` for any other value.
fn raw_str<'a>(v: View<'_, 'a>) -> Option<Cow<'a, str>> {
    v.as_str()
}

/// The JSON kind of a value, for messages (numbers told apart as integer / number).
fn raw_kind(v: View<'_, '_>) -> &'static str {
    rules::raw_kind(v.text())
}

/// What the caller asked for, for mismatch messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// `customers`.
    Customer,
    /// `orders`.
    Order,
    /// `payments`.
    Payment,
}

impl Want {
    /// The noun with its article, for messages.
    fn noun(self) -> &'static str {
        match self {
            Want::Customer => "a customer",
            Want::Order => "an order",
            Want::Payment => "a payment",
        }
    }
}

/// Whether the object is a Juspay refund response (`unique_request_id`, `refund_type` at the top
/// level; an order status response keeps its refunds inside `refunds[]`). For detection.
pub(super) fn is_refund(map: View<'_, '_>) -> bool {
    map.contains_key("unique_request_id") || map.contains_key("refund_type")
}

/// Whether an order-shaped payload carries a transaction (docs/mapping.md#juspay: the order's payment).
/// For detection; the mappers use [`RawOrder::carries_transaction`], the same rule.
pub(super) fn carries_transaction(map: View<'_, '_>) -> bool {
    let has_text = |key| filled(map.get(key).and_then(View::as_str).as_deref());
    has_text("txn_id")
        || has_text("txn_uuid")
        || has_text("payment_method_type")
        || map.get("txn_detail").is_some_and(View::is_object)
}

/// `mismatched_payload` when the object (`raw`, read into `m`) says it is something other than
/// `want`; `None` when it may be one (the typed read then checks its shape). Another provider's
/// object (an `entity`, an `object` other than `"customer"`, a Stripe-like customer) is named by
/// the registry ([`crate::providers::claimed_elsewhere`]) when a recognizer claims it.
fn mismatch(m: &Marks, raw: &str, want: Want) -> Option<Error> {
    let noun = want.noun();
    let here = |what: String| Some(Error::mismatched("$", what));
    let elsewhere = || crate::providers::claimed_elsewhere(Provider::Juspay, raw);
    if let Some(event) = m.event_name.and_then(raw_str) {
        return here(format!(
            "looks like a Juspay webhook event (event_name \"{event}\"), not {noun}; normalize the object inside its `content`"
        ));
    }
    if let Some(entity) = m.entity {
        if let Some(e) = elsewhere() {
            return Some(e);
        }
        let entity = raw_str(entity).unwrap_or(Cow::Borrowed("?"));
        return here(format!(
            "has `entity: \"{entity}\"` (a Razorpay object), not {noun} from Juspay"
        ));
    }
    if m.refund {
        return here(format!(
            "looks like a Juspay refund (unique_request_id / refund_type), not {noun}; the order status response of its order_id normalizes as payments or orders"
        ));
    }
    if m.txn_status && !m.status {
        return here(format!(
            "looks like a Juspay transaction action response (txn_status without status, e.g. a mandate stop), not {noun}; normalize the order status response of its order_id instead"
        ));
    }
    if let Some(object) = m.object {
        return match raw_str(object) {
            Some(o) if o == "customer" => {
                if want != Want::Customer {
                    return here(format!(
                        "is a Juspay customer (object: \"customer\"), not {noun}; normalize it as customers"
                    ));
                }
                // Neither Juspay customer key (present, even null): perhaps another
                // provider's customer (Stripe's share `object: "customer"`).
                if !m.object_reference_id && !m.date_created {
                    if let Some(e) = elsewhere() {
                        return Some(e);
                    }
                }
                None
            }
            Some(o) => elsewhere()
                .or_else(|| here(format!("has `object: \"{o}\"`, not {noun} from Juspay"))),
            None => elsewhere().or_else(|| {
                here(format!(
                    "has `object: {}`, not {noun} from Juspay",
                    raw_kind(object)
                ))
            }),
        };
    }
    // A Juspay customer says `object: "customer"`; without it, perhaps another provider's.
    if want == Want::Customer {
        if let Some(e) = elsewhere() {
            return Some(e);
        }
    }
    if !m.order_id {
        if m.error_like {
            return here(format!(
                "looks like a Juspay error response (error_code / error_message), not {noun}"
            ));
        }
    } else if want == Want::Customer {
        return here(
            "looks like a Juspay order status response (order_id), not a customer; normalize it as orders or payments".to_string(),
        );
    }
    None
}

/// Maps a Juspay customer object: what it is first ([`mismatch`]), then the fields' types, then
/// the mapping.
pub(super) fn customer(raw: &str) -> Result<Customer, Error> {
    CUSTOMER.read::<{ C::COUNT }, _, _>(
        raw,
        NUMBERS,
        |c| match mismatch(&Marks::of(c), raw, Want::Customer) {
            Some(e) => Err(e),
            None => Ok(()),
        },
        |c, ()| {
            Ok(Customer {
                id: c.str(C::id).unwrap_or_default().into_owned(),
                name: join_name(
                    c.str(C::first_name).as_deref(),
                    c.str(C::last_name).as_deref(),
                ),
                email: text(c.str(C::email_address).as_deref()),
                phone: join_phone(
                    c.str(C::mobile_country_code).as_deref(),
                    c.str(C::mobile_number).as_deref(),
                ),
                created_at: time::text_field("$.date_created", c.str(C::date_created).as_deref())?,
                updated_at: time::text_field("$.last_updated", c.str(C::last_updated).as_deref())?,
                remote_data: None,
            })
        },
    )
}

/// Maps an order status / create-order response as an order.
pub(super) fn order(raw: &str) -> Result<Order, Error> {
    read_order(raw, Want::Order, |o| {
        let money = Money::read(o)?;
        let payment = if carries_transaction_record(o) {
            Some(to_payment(o, &money)?)
        } else {
            None
        };
        let status = money.status(o.str(O::status).as_deref());
        Ok(Order {
            id: o.str(O::order_id).unwrap_or_default().into_owned(),
            amount: money.amount.as_deref().and_then(money::as_json_number),
            currency: money.currency,
            created_at: time::text_field("$.date_created", o.str(O::date_created).as_deref())?,
            updated_at: time::text_field("$.last_updated", o.str(O::last_updated).as_deref())?,
            status,
            customer: customer_ref(o),
            payment,
            remote_data: None,
        })
    })
}

/// Maps an order status / transaction response as its payment.
pub(super) fn payment(raw: &str) -> Result<Payment, Error> {
    read_order(raw, Want::Payment, |o| {
        let money = Money::read(o)?;
        to_payment(o, &money)
    })
}

/// Reads an order-shaped object: what it is first ([`mismatch`]), then the fields' types; `map`
/// makes the unified object of the checked record.
fn read_order<T>(
    raw: &str,
    want: Want,
    map: impl FnOnce(&OrderRecord<'_, '_>) -> Result<T, Error>,
) -> Result<T, Error> {
    ORDER.read::<{ O::COUNT }, _, _>(
        raw,
        NUMBERS,
        |o| {
            if !o.object().is_object() {
                return Err(Error::payload(
                    "$",
                    format!("expected a JSON object, found {}", raw_kind(o.object())),
                ));
            }
            match mismatch(&Marks::of(o), raw, want) {
                Some(e) => Err(e),
                None => Ok(()),
            }
        },
        |o, ()| map(o),
    )
}

/// [`carries_transaction`] on a checked record.
fn carries_transaction_record(o: &OrderRecord) -> bool {
    filled(o.str(O::txn_id).as_deref())
        || filled(o.str(O::txn_uuid).as_deref())
        || filled(o.str(O::payment_method_type).as_deref())
        || o.view(O::txn_detail).is_some()
}

/// The money of an order-shaped payload, read once for the order, its payment and the status.
struct Money {
    /// Upper-cased currency.
    currency: Option<String>,
    /// `amount` in major units with the currency's decimals; `None` without a known currency.
    amount: Option<String>,
    /// `amount_refunded`, same rule.
    refund: Option<String>,
    /// `amount` as a decimal, for the refund overlay (independent of the currency).
    amount_value: Option<Decimal>,
    /// `amount_refunded` as a decimal.
    refund_value: Option<Decimal>,
    /// The `refunded` flag.
    refunded: Option<bool>,
}

impl Money {
    /// Reads the money fields of `o`, with errors at their paths.
    fn read(o: &OrderRecord) -> Result<Money, Error> {
        let currency = money::currency(o.str(O::currency).as_deref());
        let amount_raw = amount_text("$.amount", o.view(O::amount))?;
        let refund_raw = amount_text("$.amount_refunded", o.view(O::amount_refunded))?;
        Ok(Money {
            amount: major("$.amount", amount_raw.as_deref(), currency.as_deref())?,
            refund: major(
                "$.amount_refunded",
                refund_raw.as_deref(),
                currency.as_deref(),
            )?,
            amount_value: amount_raw.as_deref().and_then(decimal),
            refund_value: refund_raw.as_deref().and_then(decimal),
            refunded: flag("$.refunded", o.view(O::refunded))?,
            currency,
        })
    }

    /// The unified status of `raw` with this payload's refund numbers.
    fn status(&self, raw: Option<&str>) -> Status {
        status(raw, self.refunded, self.amount_value, self.refund_value)
    }
}

/// The exact text of a Juspay amount: a JSON number's own text or a string's content; `None`
/// when absent, null or empty.
fn amount_text<'a>(path: &str, v: Option<View<'_, 'a>>) -> Result<Option<Cow<'a, str>>, Error> {
    let Some(raw) = v else {
        return Ok(None);
    };
    match raw.first() {
        b'n' => Ok(None),
        b'-' | b'0'..=b'9' => Ok(Some(Cow::Borrowed(raw.text()))),
        b'"' => Ok(raw_str(raw).filter(|t| !t.trim().is_empty())),
        _ => Err(Error::payload(
            path,
            format!(
                "expected a number or a decimal string, found {}",
                raw_kind(raw)
            ),
        )),
    }
}

/// A major-unit amount text written with the currency's decimals (`1` INR -> `"1.00"`).
fn major(path: &str, text: Option<&str>, currency: Option<&str>) -> Result<Option<String>, Error> {
    match (text, currency) {
        (Some(t), Some(c)) => money::major_text(t, c, TABLE).map_err(|m| Error::payload(path, m)),
        _ => Ok(None),
    }
}

/// A decimal from amount text, for comparisons only (the text was already validated by
/// [`major`] when a currency is known; otherwise an unreadable text just gives no overlay).
fn decimal(t: &str) -> Option<Decimal> {
    Decimal::parse(t)
}

/// A boolean flag, also accepting the `"true"` / `"false"` strings of Juspay webhooks.
fn flag(path: &str, v: Option<View<'_, '_>>) -> Result<Option<bool>, Error> {
    let Some(raw) = v else {
        return Ok(None);
    };
    match raw.text() {
        "null" => return Ok(None),
        "true" => return Ok(Some(true)),
        "false" => return Ok(Some(false)),
        _ => {}
    }
    match raw_str(raw) {
        Some(t) if t.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(t) if t.eq_ignore_ascii_case("false") => Ok(Some(false)),
        _ => Err(Error::payload(
            path,
            format!("expected boolean, found {}", raw_kind(raw)),
        )),
    }
}
/// The Juspay status table (docs/mapping.md#status), exhaustive over the documented transaction
/// statuses; anything else passes through verbatim, a missing status is `unknown`.
fn status(
    raw: Option<&str>,
    refunded: Option<bool>,
    amount: Option<Decimal>,
    amount_refunded: Option<Decimal>,
) -> Status {
    let Some(raw) = raw else {
        return Status::Unknown;
    };
    match raw {
        "NEW" | "CREATED" | "STARTED" | "PENDING_VBV" | "VBV_SUCCESSFUL" | "AUTHORIZING"
        | "COD_INITIATED" => Status::Pending,
        "AUTHORIZED" | "CAPTURE_INITIATED" | "VOID_INITIATED" => Status::Authorized,
        "CHARGED" => charged(refunded, amount, amount_refunded),
        "PARTIAL_CHARGED" => Status::Partial,
        "AUTO_REFUNDED" => Status::Refunded,
        "VOIDED" => Status::Voided,
        // Failures and declines have no word in the vocabulary: verbatim.
        "AUTHORIZATION_FAILED"
        | "AUTHENTICATION_FAILED"
        | "JUSPAY_DECLINED"
        | "CAPTURE_FAILED"
        | "VOID_FAILED"
        | "NOT_FOUND" => Status::raw(raw),
        other => Status::raw(other),
    }
}

/// The refund overlay of a `CHARGED` payload: the numbers decide when both are known (see the
/// module docs), the `refunded` flag otherwise.
fn charged(refunded: Option<bool>, amount: Option<Decimal>, refund: Option<Decimal>) -> Status {
    let refund_positive = refund.is_some_and(|r| r.is_positive());
    let in_full = match (refund, amount) {
        (Some(r), Some(a)) if refund_positive => r >= a,
        _ => refunded == Some(true),
    };
    Status::overlay_paid(Some(in_full), Some(i128::from(refund_positive)), None)
}

/// `{id: customer_id, name: null, email: customer_email, phone: customer_phone}`, `null` when
/// all are empty.
fn customer_ref(o: &OrderRecord) -> Option<CustomerRef> {
    CustomerRef {
        id: text(o.str(O::customer_id).as_deref()),
        name: None,
        email: text(o.str(O::customer_email).as_deref()),
        phone: text(o.str(O::customer_phone).as_deref()),
    }
    .non_empty()
}

/// `payment_method_type` in the documented words (`NB` -> `netbanking`), else `card` when a `card`
/// object is present.
fn method(o: &OrderRecord) -> Option<String> {
    match o
        .str(O::payment_method_type)
        .filter(|k| !k.trim().is_empty())
    {
        Some(k) => Some(match k.trim().to_ascii_uppercase().as_str() {
            "NB" | "NETBANKING" | "NET_BANKING" => "netbanking".to_string(),
            "CARD" => "card".to_string(),
            "WALLET" => "wallet".to_string(),
            "UPI" => "upi".to_string(),
            "EMI" => "emi".to_string(),
            "PAYLATER" | "PAY_LATER" => "paylater".to_string(),
            "CONSUMER_FINANCE" => "consumer_finance".to_string(),
            other => other.to_ascii_lowercase(),
        }),
        None if o.view(O::card).is_some_and(View::is_object) => Some("card".to_string()),
        None => None,
    }
}

/// The non-empty `udf1`..`udf10`, then the keys of the `metadata` object.
fn metadata(o: &OrderRecord) -> Result<Option<Value>, Error> {
    let udfs = [
        ("udf1", O::udf1),
        ("udf2", O::udf2),
        ("udf3", O::udf3),
        ("udf4", O::udf4),
        ("udf5", O::udf5),
        ("udf6", O::udf6),
        ("udf7", O::udf7),
        ("udf8", O::udf8),
        ("udf9", O::udf9),
        ("udf10", O::udf10),
    ];
    let mut out = Map::new();
    for (key, field) in udfs {
        if let Some(v) = text(o.str(field).as_deref()) {
            out.insert(key.to_string(), Value::String(v));
        }
    }
    let extra = rules::metadata_raw("$.metadata", o.view(O::metadata).and_then(View::raw))?;
    if out.is_empty() && extra.is_none() {
        return Ok(None);
    }
    if let Some(Value::Object(extra)) = extra {
        for (k, v) in extra {
            out.entry(k).or_insert(v);
        }
    }
    Ok(Some(Value::Object(out)))
}

/// The payment view of an order-shaped payload.
fn to_payment(o: &OrderRecord, m: &Money) -> Result<Payment, Error> {
    let detail = o
        .view(O::txn_detail)
        .map(|d| TXN_DETAIL.scan::<{ T::COUNT }>(d));
    let detail_txn_id = detail.as_ref().and_then(|d| d.str(T::txn_id));
    let order_id = o.str(O::order_id).unwrap_or_default();
    let txn_id = o.str(O::txn_id);
    let id = first_text([
        txn_id.as_deref(),
        o.str(O::txn_uuid).as_deref(),
        Some(order_id.as_ref()),
    ])
    .ok_or_else(|| {
        Error::payload(
            "$.order_id",
            "is empty and there is no txn_id or txn_uuid; a payment needs an id",
        )
    })?;
    let created_at = match detail
        .as_ref()
        .and_then(|d| d.str(T::created))
        .filter(|c| !c.trim().is_empty())
    {
        Some(c) => time::text_field("$.txn_detail.created", Some(&c))?,
        None => time::text_field("$.date_created", o.str(O::date_created).as_deref())?,
    };
    Ok(Payment {
        id,
        amount: m.amount.clone(),
        currency: m.currency.clone(),
        transaction_fee: None,
        refund_amount: m.refund.clone(),
        status: m.status(o.str(O::status).as_deref()),
        customer: customer_ref(o),
        description: None,
        payment_method: PaymentMethod {
            id: None,
            method: method(o),
        }
        .non_empty(),
        created_at,
        expires_on: None,
        reference_id: first_text([txn_id.as_deref(), detail_txn_id.as_deref()]),
        order_id: text(Some(order_id.as_ref())),
        metadata: metadata(o)?,
        remote_data: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::providers::Resource;
    use serde_json::json;

    fn dec(s: &str) -> Option<Decimal> {
        decimal(s)
    }

    #[test]
    fn field_tables_name_only_declared_fields() {
        for resource in Resource::ALL {
            let shape = match resource {
                Resource::Customers => &CUSTOMER,
                Resource::Orders | Resource::Payments => &ORDER,
            };
            for f in super::super::fields(resource) {
                for source in f.sources {
                    assert!(
                        shape.declares(source),
                        "{resource}.{}: the field table reads `{source}`, which the shape does not declare",
                        f.field
                    );
                }
            }
        }
    }

    #[test]
    fn status_table_every_row() {
        let pending = [
            "NEW",
            "CREATED",
            "STARTED",
            "PENDING_VBV",
            "VBV_SUCCESSFUL",
            "AUTHORIZING",
            "COD_INITIATED",
        ];
        for s in pending {
            assert_eq!(status(Some(s), None, None, None), Status::Pending, "{s}");
        }
        for s in ["AUTHORIZED", "CAPTURE_INITIATED", "VOID_INITIATED"] {
            assert_eq!(status(Some(s), None, None, None), Status::Authorized, "{s}");
        }
        assert_eq!(status(Some("CHARGED"), None, None, None), Status::Paid);
        assert_eq!(
            status(Some("PARTIAL_CHARGED"), None, None, None),
            Status::Partial
        );
        assert_eq!(
            status(Some("AUTO_REFUNDED"), None, None, None),
            Status::Refunded
        );
        assert_eq!(status(Some("VOIDED"), None, None, None), Status::Voided);
        for s in [
            "AUTHORIZATION_FAILED",
            "AUTHENTICATION_FAILED",
            "JUSPAY_DECLINED",
            "CAPTURE_FAILED",
            "VOID_FAILED",
            "NOT_FOUND",
            "SOMETHING_NEW",
        ] {
            assert_eq!(
                status(Some(s), None, None, None),
                Status::Raw(s.to_string())
            );
        }
        assert_eq!(status(None, Some(true), None, None), Status::Unknown);
        assert_eq!(status(Some(""), None, None, None), Status::Unknown);
        // Lower case is not Juspay's spelling: verbatim, never guessed.
        assert_eq!(
            status(Some("charged"), None, None, None),
            Status::Raw("charged".into())
        );
    }

    #[test]
    fn charged_overlays() {
        let s = |refunded, amount: &str, refund: &str| {
            status(Some("CHARGED"), refunded, dec(amount), dec(refund))
        };
        // Status row: amount_refunded > 0 and refunded = false -> partial.
        assert_eq!(s(Some(false), "10", "4"), Status::Partial);
        // refunded = true and all of it refunded -> refunded.
        assert_eq!(s(Some(true), "1", "1"), Status::Refunded);
        assert_eq!(s(Some(true), "1.00", "1"), Status::Refunded);
        // The numbers win over the flag: 1 of 5 refunded is partial (split settlement fixture).
        assert_eq!(s(Some(true), "5", "1"), Status::Partial);
        // All refunded with the flag still false: refunded.
        assert_eq!(s(Some(false), "2", "2"), Status::Refunded);
        // Nothing refunded.
        assert_eq!(s(Some(false), "2", "0"), Status::Paid);
        assert_eq!(s(None, "2", "0.00"), Status::Paid);
        // Without numbers the flag decides.
        assert_eq!(
            status(Some("CHARGED"), Some(true), None, None),
            Status::Refunded
        );
        assert_eq!(
            status(Some("CHARGED"), Some(true), dec("5"), dec("0")),
            Status::Refunded
        );
        assert_eq!(
            status(Some("CHARGED"), Some(false), None, dec("3")),
            Status::Partial
        );
        // Decimal comparison, never float: 0.1 + 0.2 style values.
        assert_eq!(s(Some(false), "0.3", "0.30"), Status::Refunded);
        assert_eq!(s(Some(false), "10.005", "10.004"), Status::Partial);
    }

    #[test]
    fn overlays_do_not_touch_other_statuses() {
        assert_eq!(
            status(Some("AUTO_REFUNDED"), Some(false), dec("5"), dec("0")),
            Status::Refunded
        );
        assert_eq!(
            status(Some("PENDING_VBV"), Some(true), dec("5"), dec("5")),
            Status::Pending
        );
    }

    #[test]
    fn money_reads_exact_text() {
        let p = payment(
            &json!({"order_id": "o", "amount": 1.0, "currency": "INR",
                                "amount_refunded": "0.5"})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.amount.as_deref(), Some("1.00"));
        assert_eq!(p.refund_amount.as_deref(), Some("0.50"));
        assert_eq!(p.status, Status::Unknown);
        let p = payment(&json!({"order_id": "o", "amount": "100", "currency": "inr"}).to_string())
            .unwrap();
        assert_eq!(p.amount.as_deref(), Some("100.00"));
        assert_eq!(p.currency.as_deref(), Some("INR"));
        // Extra decimals are kept, never rounded.
        let v = r#"{"order_id":"o","amount":10.005,"currency":"INR"}"#;
        assert_eq!(payment(v).unwrap().amount.as_deref(), Some("10.005"));
        // A number too precise for an f64 stays exact.
        let v = r#"{"order_id":"o","amount":12345678901234567.89,"currency":"INR"}"#;
        assert_eq!(
            payment(v).unwrap().amount.as_deref(),
            Some("12345678901234567.89")
        );
        let o = order(v).unwrap();
        assert_eq!(o.amount.as_deref(), Some("12345678901234567.89"));
        // JPY has no decimals; KWD three.
        let p = payment(&json!({"order_id": "o", "amount": 500, "currency": "JPY"}).to_string())
            .unwrap();
        assert_eq!(p.amount.as_deref(), Some("500"));
        let p = payment(&json!({"order_id": "o", "amount": "5.12", "currency": "KWD"}).to_string())
            .unwrap();
        assert_eq!(p.amount.as_deref(), Some("5.120"));
        let o = order(&json!({"order_id": "o", "amount": "5.120", "currency": "KWD"}).to_string())
            .unwrap();
        assert_eq!(o.amount.as_deref(), Some("5.12"));
    }

    #[test]
    fn unknown_or_missing_currency_gives_null_amounts() {
        let o =
            order(&json!({"order_id": "o", "amount": "2.0", "status": "NEW"}).to_string()).unwrap();
        assert_eq!(o.amount, None);
        assert_eq!(o.currency, None);
        let p = payment(
            &json!({"order_id": "o", "amount": 2, "currency": "XYZ",
                                "amount_refunded": 1})
            .to_string(),
        )
        .unwrap();
        assert_eq!((p.amount, p.refund_amount), (None, None));
        assert_eq!(p.currency.as_deref(), Some("XYZ"));
        // The overlay still reads the numbers: they are major units whatever the currency.
        let p = payment(
            &json!({"order_id": "o", "amount": 2, "amount_refunded": 1,
                                "status": "CHARGED", "refunded": false})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.status, Status::Partial);
    }

    #[test]
    fn bad_amounts_and_flags_are_invalid_payload_at_their_path() {
        let e = payment(&json!({"order_id": "o", "amount": "ten", "currency": "INR"}).to_string())
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        assert_eq!(
            e.message,
            "$.amount: expected a decimal amount, found \"ten\""
        );
        let e =
            payment(&json!({"order_id": "o", "amount_refunded": true}).to_string()).unwrap_err();
        assert_eq!(
            e.message,
            "$.amount_refunded: expected a number or a decimal string, found boolean"
        );
        let e = order(&json!({"order_id": "o", "refunded": "yes"}).to_string()).unwrap_err();
        assert_eq!(e.message, "$.refunded: expected boolean, found string");
        let p =
            payment(&json!({"order_id": "o", "refunded": "true", "status": "CHARGED"}).to_string())
                .unwrap();
        assert_eq!(p.status, Status::Refunded);
    }

    #[test]
    fn wrong_typed_field_names_its_path() {
        let e = payment(&json!({"order_id": "o", "customer_email": 5}).to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.customer_email"));
        assert_eq!(e.message, "$.customer_email: expected string, found number");
        let e = payment(&json!({"order_id": "o", "txn_detail": {"created": 1}}).to_string())
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.txn_detail.created"));
        let e = customer(
            &json!({"id": "cst_1", "object": "customer",
                                 "object_reference_id": "x", "date_created": 1})
            .to_string(),
        )
        .unwrap_err();
        assert_eq!(e.message, "$.date_created: expected string, found number");
        let e = order(&json!({"status": "NEW", "status_id": 10}).to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(
            e.message,
            "$.order_id: required field `order_id` is missing"
        );
        let e = customer(&json!({"object": "customer", "object_reference_id": "x"}).to_string())
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.message, "$.id: required field `id` is missing");
    }

    #[test]
    fn times() {
        let c = customer(
            &json!({"id": "cst_1", "object": "customer",
            "object_reference_id": "x", "date_created": "2016-08-02T08:07:52+0000",
            "last_updated": "1644071838"})
            .to_string(),
        )
        .unwrap();
        assert_eq!(c.created_at.as_deref(), Some("2016-08-02T08:07:52Z"));
        assert_eq!(c.updated_at.as_deref(), Some("2022-02-05T14:37:18Z"));
        let e =
            customer(&json!({"id": "cst_1", "date_created": "yesterday"}).to_string()).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.date_created"));
        // Transaction time first, order time as the fallback.
        let p = payment(
            &json!({"order_id": "o", "date_created": "2021-01-01T00:00:00Z",
            "txn_detail": {"created": "2021-01-01T00:00:05+05:30"}})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.created_at.as_deref(), Some("2020-12-31T18:30:05Z"));
        let p = payment(
            &json!({"order_id": "o", "date_created": "2021-01-01T00:00:00Z",
            "txn_detail": {"created": ""}})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.created_at.as_deref(), Some("2021-01-01T00:00:00Z"));
        let e = payment(&json!({"order_id": "o", "txn_detail": {"created": "nope"}}).to_string())
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.txn_detail.created"));
    }

    #[test]
    fn customer_fields() {
        let c = customer(
            &json!({"id": "cst_1", "object": "customer",
            "object_reference_id": "x", "first_name": " ", "last_name": "",
            "email_address": "", "mobile_country_code": "91", "mobile_number": "99 88"})
            .to_string(),
        )
        .unwrap();
        assert_eq!(c.name, None);
        assert_eq!(c.email, None);
        assert_eq!(c.phone.as_deref(), Some("+919988"));
        let c = customer(&json!({"id": "cst_1", "mobile_number": "9988"}).to_string()).unwrap();
        assert_eq!(c.phone.as_deref(), Some("9988"));
    }

    #[test]
    fn payment_ids_and_methods() {
        let p = payment(
            &json!({"order_id": "o1", "txn_id": "", "txn_uuid": "u1",
            "txn_detail": {"txn_id": "t1"}, "payment_method_type": "", "card": {}})
            .to_string(),
        )
        .unwrap();
        assert_eq!(p.id, "u1");
        assert_eq!(p.reference_id.as_deref(), Some("t1"));
        assert_eq!(p.payment_method.unwrap().method.as_deref(), Some("card"));
        let p = payment(&json!({"order_id": "o1", "txn_uuid": "u1"}).to_string()).unwrap();
        assert_eq!(p.id, "u1");
        assert_eq!(p.reference_id, None);
        assert_eq!(p.payment_method, None);
        let p = payment(&json!({"order_id": "o1"}).to_string()).unwrap();
        assert_eq!(p.id, "o1");
        assert_eq!(p.order_id.as_deref(), Some("o1"));
        let e = payment(&json!({"order_id": ""}).to_string()).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.order_id"));
        for (raw, want) in [
            ("NB", "netbanking"),
            ("CARD", "card"),
            ("WALLET", "wallet"),
            ("UPI", "upi"),
            ("EMI", "emi"),
            ("PAYLATER", "paylater"),
            ("CONSUMER_FINANCE", "consumer_finance"),
            ("RTP", "rtp"),
        ] {
            let p =
                payment(&json!({"order_id": "o", "payment_method_type": raw}).to_string()).unwrap();
            let m = p.payment_method.unwrap();
            assert_eq!((m.id, m.method.as_deref()), (None, Some(want)));
        }
    }

    #[test]
    fn metadata_merges_udfs_and_object() {
        let p = payment(
            &json!({"order_id": "o", "udf1": "", "udf2": "b", "udf10": "j",
            "metadata": {"udf2": "clash", "__proto__": {"x": 1}, "k": "v"}})
            .to_string(),
        )
        .unwrap();
        let m = p.metadata.unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"udf2":"b","udf10":"j","__proto__":{"x":1},"k":"v"}"#
        );
        let p = payment(&json!({"order_id": "o", "udf1": ""}).to_string()).unwrap();
        assert_eq!(p.metadata, None);
        let p = payment(&json!({"order_id": "o", "metadata": []}).to_string()).unwrap();
        assert_eq!(p.metadata, Some(json!({})));
        let e = payment(&json!({"order_id": "o", "metadata": "x"}).to_string()).unwrap_err();
        assert_eq!(e.message, "$.metadata: expected object, found string");
    }

    #[test]
    fn order_payment_only_with_a_transaction() {
        let o = order(
            &json!({"order_id": "o", "status": "NEW", "status_id": 10,
            "amount": 1, "currency": "INR", "customer_id": "c", "udf1": ""})
            .to_string(),
        )
        .unwrap();
        assert_eq!(o.payment, None);
        assert_eq!(o.status, Status::Pending);
        assert_eq!(o.customer.unwrap().id.as_deref(), Some("c"));
        let o = order(
            &json!({"order_id": "o", "status": "CHARGED", "amount": 1,
            "currency": "INR", "txn_id": "t", "amount_refunded": 0})
            .to_string(),
        )
        .unwrap();
        let p = o.payment.unwrap();
        assert_eq!(p.id, "t");
        assert_eq!(p.amount.as_deref(), Some("1.00"));
        assert_eq!(p.remote_data, None);
        assert_eq!(o.amount.as_deref(), Some("1"));
        let o = order(
            &json!({"order_id": "o", "customer_email": "", "customer_phone": null}).to_string(),
        )
        .unwrap();
        assert_eq!(o.customer, None);
    }

    #[test]
    fn mismatches() {
        let refund = json!({"unique_request_id": "r", "txn_id": "t", "status": "PENDING",
                            "order_id": "o", "refund_type": "STANDARD", "amount": 1});
        let stop = json!({"order_id": "o", "txn_uuid": "u", "txn_status": "JUSPAY_DECLINED"});
        let cust = json!({"id": "cst_1", "object": "customer", "object_reference_id": "x",
                          "date_created": "2020-03-17T14:16:31Z"});
        let stripe_cust = json!({"id": "cus_1", "object": "customer", "created": 1700000000});
        let pi = json!({"id": "pi_1", "object": "payment_intent", "created": 1});
        let rzp = json!({"id": "pay_1", "entity": "payment", "order_id": "order_1"});
        let event = json!({"id": "evt_1", "event_name": "ORDER_SUCCEEDED", "content": {}});
        let error = json!({"status": "Invalid Request", "error_code": "bad_request",
                           "error_message": "Please send order_id"});
        for v in [&refund, &stop, &pi, &rzp, &event, &error] {
            let codes = [
                customer(&v.to_string()).err().map(|e| e.code),
                order(&v.to_string()).err().map(|e| e.code),
                payment(&v.to_string()).err().map(|e| e.code),
            ];
            assert_eq!(codes, [Some(ErrorCode::MismatchedPayload); 3], "{v}");
        }
        assert_eq!(
            order(&cust.to_string()).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        assert_eq!(
            payment(&cust.to_string()).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        let e = customer(&stripe_cust.to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("Stripe"), "{}", e.message);
        let e = customer(&json!({"order_id": "o", "status_id": 21}).to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("order status"), "{}", e.message);
        let e = payment(&refund.to_string()).unwrap_err();
        assert!(e.message.contains("refund"), "{}", e.message);
        assert_eq!(
            payment(&json!([1]).to_string()).unwrap_err().code,
            ErrorCode::InvalidPayload
        );
    }

    #[test]
    fn reads_text_like_a_value() {
        // Escaped strings cannot be borrowed: they are read owned.
        let p = payment(
            r#"{"order_id":"o\u00e9","txn_id":"t\"x","udf1":"\u00e9","currency":"I\u004eR","amount":1,"refunded":"tr\u0075e","status":"CHARGED"}"#,
        )
        .unwrap();
        assert_eq!(p.id, "t\"x");
        assert_eq!(p.order_id.as_deref(), Some("o\u{e9}"));
        assert_eq!(p.currency.as_deref(), Some("INR"));
        assert_eq!(p.status, Status::Refunded);
        assert_eq!(p.metadata, Some(json!({"udf1": "\u{e9}"})));
        // A repeated key: the last one wins, as in a parsed value.
        let p = payment(r#"{"order_id":"o","udf1":5,"udf1":"x","order_id":"p"}"#).unwrap();
        assert_eq!(p.id, "p");
        assert_eq!(p.metadata, Some(json!({"udf1": "x"})));
        // Integers at fault read `number`; objects and arrays are named at their own path.
        let e = payment(r#"{"order_id":"o","txn_detail":-5}"#).unwrap_err();
        assert_eq!(e.message, "$.txn_detail: expected object, found number");
        let e = payment(r#"{"order_id":"o","udf3":{"a":1}}"#).unwrap_err();
        assert_eq!(e.message, "$.udf3: expected string, found object");
        // Presence counts even when null.
        let o = order(r#"{"order_id":"o","txn_status":"X","status":null}"#).unwrap();
        assert_eq!(o.status, Status::Unknown);
        // An array where the txn_detail object belongs is a wrong type (SPEC section 1), as
        // for every provider; serde_json used to read it as a struct by position.
        let e = order(r#"{"order_id":"o","txn_detail":["t1"]}"#).unwrap_err();
        assert_eq!(e.message, "$.txn_detail: expected object, found array");
        let c = customer(r#"{"id":"c","object":"customer","created":1,"date_created":null}"#);
        assert!(c.is_ok());
        let e = payment(r#"{"order_id":"o","object":null}"#).unwrap_err();
        assert_eq!(
            e.message,
            "$: has `object: null`, not a payment from Juspay"
        );
    }

    /// The shared fixtures of this provider, `(kind, file name, bytes)`.
    /// Empty when `../shared` is not beside the crate (it ships with the workspace only).
    fn fixtures() -> Vec<(String, String, Vec<u8>)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/juspay");
        let mut out = Vec::new();
        if !std::path::Path::new(root).is_dir() {
            eprintln!("skipped: {root} is missing");
            return out;
        }
        for kind in std::fs::read_dir(root).unwrap() {
            let kind = kind.unwrap();
            let kind_name = kind.file_name().to_string_lossy().to_string();
            for file in std::fs::read_dir(kind.path()).unwrap() {
                let file = file.unwrap();
                let name = file.file_name().to_string_lossy().to_string();
                out.push((kind_name.clone(), name, std::fs::read(file.path()).unwrap()));
            }
        }
        out.sort();
        assert!(out.len() >= 30, "fixtures not found under {root}");
        out
    }

    fn quiet() -> crate::Options {
        crate::Options {
            remote_data: false,
            ..crate::Options::default()
        }
    }

    #[test]
    fn every_fixture_normalizes_or_gives_a_coded_error() {
        for (kind, name, bytes) in fixtures() {
            let resource = match kind.as_str() {
                "customer" => "customers",
                "order" => "orders",
                "payment" => "payments",
                "other" => {
                    for r in ["customers", "orders", "payments", "auto"] {
                        let e = crate::normalize_value("juspay", r, &bytes, &quiet())
                            .expect_err(&format!("other/{name} as {r} must fail"));
                        let mismatched = e.code == ErrorCode::MismatchedPayload;
                        let undetectable = r == "auto" && e.code == ErrorCode::Undetectable;
                        assert!(mismatched || undetectable, "other/{name} {r}: {e}");
                    }
                    let v: Value = serde_json::from_slice(&bytes).unwrap();
                    assert_eq!(crate::providers::on_value(&v, super::super::detect), None, "{name}");
                    continue;
                }
                _ => continue,
            };
            let explicit = crate::normalize_value("juspay", resource, &bytes, &quiet())
                .unwrap_or_else(|e| panic!("{kind}/{name}: {e}"));
            let auto = crate::normalize_value("juspay", "auto", &bytes, &quiet())
                .unwrap_or_else(|e| panic!("{kind}/{name} auto: {e}"));
            assert_eq!(explicit, auto, "{kind}/{name}");
            let v: Value = serde_json::from_slice(&bytes).unwrap();
            let d = crate::providers::on_value(&v, super::super::detect).unwrap();
            assert_eq!(d.resource.map(|r| r.as_str()), Some(resource), "{name}");
            assert!(!d.list);
        }
    }

    #[test]
    fn webhooks_and_errors_are_not_detected_as_resources() {
        for (kind, name, bytes) in fixtures() {
            if kind == "webhook" || kind == "error" {
                let v: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(crate::providers::on_value(&v, super::super::detect), None, "{name}");
                let e = crate::normalize_value("juspay", "payments", &bytes, &quiet()).unwrap_err();
                assert_eq!(e.code, ErrorCode::MismatchedPayload, "{kind}/{name}: {e}");
            }
        }
    }

    #[test]
    fn detection_keeps_collisions_apart() {
        let d = |v: Value| crate::providers::on_value(&v, super::super::detect).and_then(|d| d.resource);
        // object: "customer" is Stripe's too: integer created, no object_reference_id.
        assert_eq!(
            d(json!({"id": "cus_1", "object": "customer", "created": 1700000000})),
            None
        );
        assert_eq!(
            d(
                json!({"id": "cus_1", "object": "customer", "object_reference_id": "x",
                     "created": 1700000000})
            ),
            None
        );
        assert_eq!(
            d(
                json!({"id": "cst_1", "object": "customer", "object_reference_id": "x",
                     "date_created": "2020-03-17T14:16:31Z"})
            ),
            Some(Resource::Customers)
        );
        // Razorpay payments carry order_id too, with entity.
        assert_eq!(
            d(
                json!({"id": "pay_1", "entity": "payment", "order_id": "order_1",
                     "status": "captured"})
            ),
            None
        );
        // Stripe objects with an order_id in them.
        assert_eq!(
            d(json!({"id": "ch_1", "object": "charge", "order_id": "o", "status_id": 1})),
            None
        );
        // Checkout.com payments.
        assert_eq!(
            d(json!({"id": "pay_abc", "_links": {}, "order_id": "o", "status_id": 1})),
            None
        );
        // Order status with and without a transaction; transaction responses.
        assert_eq!(
            d(json!({"order_id": "o", "status": "NEW", "status_id": 10})),
            Some(Resource::Orders)
        );
        assert_eq!(
            d(json!({"order_id": "o", "status": "CHARGED", "status_id": 21, "txn_id": "t"})),
            Some(Resource::Payments)
        );
        assert_eq!(
            d(json!({"order_id": "o", "txn_id": "t", "status": "PENDING_VBV"})),
            Some(Resource::Payments)
        );
        // Refunds and action responses are not resources.
        assert_eq!(
            d(json!({"order_id": "o", "txn_id": "t", "status": "PENDING",
                     "unique_request_id": "r"})),
            None
        );
        assert_eq!(
            d(json!({"order_id": "o", "txn_uuid": "u", "txn_status": "JUSPAY_DECLINED"})),
            None
        );
        assert_eq!(d(json!({"order_id": "", "status_id": 10})), None);
        assert_eq!(d(json!({"order_id": "o"})), None);
    }
}
