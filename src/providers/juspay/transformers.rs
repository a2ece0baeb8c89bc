//! Juspay raw types and their mapping to the unified shapes (SPEC section 5 "Juspay", section 4
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
//! Decisions where SPEC and the fixtures disagree or SPEC is silent:
//! - **Refund overlay by numbers.** A `CHARGED` payload whose `amount_refunded` is above zero is
//!   `partial` when it is below `amount` and `refunded` when it reaches it, whatever the
//!   `refunded` flag says; the flag decides only when the numbers are missing. Juspay documents
//!   `refunded` as "true if the order has been completely refunded", yet
//!   `payment/split_settlement_refund_response_charged_with_refunds.json` has `refunded: true`
//!   with 1 of 5 refunded: SPEC's own decision ("partial = part of it refunded") wins.
//! - **Missing currency.** `order/create_order_mandate_new.json` has `amount: "2.0"` and no
//!   `currency`. Juspay defaults to INR, but the payload does not say so and SPEC says never
//!   guess: currency and amounts are `null` (the raw values stay in `remote_data`).
//! - **Empty `txn_id`.** `payment/order_status_charged_card_emi.json` has `txn_id: ""` and the
//!   merchant transaction id only in `txn_detail.txn_id`. The payment id keeps SPEC's chain
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
//! - **Not a customer / order / payment**: refunds (`unique_request_id`, `refund_type`), action
//!   responses with `txn_status` and no `status` (mandate stop), webhook events, error bodies and
//!   other `object`s are `mismatched_payload`, naming what they look like.

use super::super::read;
use crate::error::Error;
use crate::rules::contact::{join_name, join_phone};
use crate::rules::money::{self, ExponentTable};
use crate::rules::status::Status;
use crate::rules::{self, first_text, json_kind, text, time};
use crate::unified::{Customer, CustomerRef, Order, Payment, PaymentMethod};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Juspay amounts are major units; the ISO 4217 exponent only fixes how many decimals are shown.
const TABLE: ExponentTable = ExponentTable::Iso4217;

/// A Juspay customer object (`object: "customer"`).
#[derive(Debug, Deserialize)]
struct RawCustomer<'a> {
    /// Juspay's customer id (`cst_...`).
    #[serde(borrow)]
    id: &'a str,
    /// First name.
    #[serde(borrow, default)]
    first_name: Option<&'a str>,
    /// Last name.
    #[serde(borrow, default)]
    last_name: Option<&'a str>,
    /// Email.
    #[serde(borrow, default)]
    email_address: Option<&'a str>,
    /// Country calling code without `+` (`"91"`).
    #[serde(borrow, default)]
    mobile_country_code: Option<&'a str>,
    /// National number.
    #[serde(borrow, default)]
    mobile_number: Option<&'a str>,
    /// Creation time: RFC 3339, `+0000` offsets or unix-seconds text.
    #[serde(borrow, default)]
    date_created: Option<&'a str>,
    /// Last update time, same formats.
    #[serde(borrow, default)]
    last_updated: Option<&'a str>,
}

/// The transaction block of an order status response.
#[derive(Debug, Default, Deserialize)]
struct RawTxnDetail<'a> {
    /// The merchant-visible transaction id (`merchant-order-1`).
    #[serde(borrow, default)]
    txn_id: Option<&'a str>,
    /// Transaction creation time.
    #[serde(borrow, default)]
    created: Option<&'a str>,
}

/// An order status response, a create/update-order response or a transaction response: the
/// order and (when present) its latest transaction in one flat object.
#[derive(Debug, Deserialize)]
struct RawOrder<'a> {
    /// The merchant's order id.
    #[serde(borrow)]
    order_id: &'a str,
    /// Order / transaction status (`CHARGED`, `PENDING_VBV`, ...).
    #[serde(borrow, default)]
    status: Option<&'a str>,
    /// Amount in major units, a JSON number or a string: read from its text.
    #[serde(default)]
    amount: Option<Value>,
    /// Amount refunded so far, major units.
    #[serde(default)]
    amount_refunded: Option<Value>,
    /// `true` when completely refunded (a boolean, or `"true"` in webhooks).
    #[serde(default)]
    refunded: Option<Value>,
    /// ISO 4217 code.
    #[serde(borrow, default)]
    currency: Option<&'a str>,
    /// Order creation time.
    #[serde(borrow, default)]
    date_created: Option<&'a str>,
    /// Last update time.
    #[serde(borrow, default)]
    last_updated: Option<&'a str>,
    /// The merchant's customer id.
    #[serde(borrow, default)]
    customer_id: Option<&'a str>,
    /// Customer email given at order creation.
    #[serde(borrow, default)]
    customer_email: Option<&'a str>,
    /// Customer phone given at order creation, as the merchant sent it.
    #[serde(borrow, default)]
    customer_phone: Option<&'a str>,
    /// The transaction id (`merchant-order-1`); may be empty.
    #[serde(borrow, default)]
    txn_id: Option<&'a str>,
    /// Juspay's transaction uuid.
    #[serde(borrow, default)]
    txn_uuid: Option<&'a str>,
    /// `CARD`, `NB`, `WALLET`, `UPI`, ...; may be empty.
    #[serde(borrow, default)]
    payment_method_type: Option<&'a str>,
    /// The transaction block.
    #[serde(borrow, default)]
    txn_detail: Option<RawTxnDetail<'a>>,
    /// User-defined fields 1..10 (strings, empty when unused).
    #[serde(borrow, default)]
    udf1: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf2: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf3: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf4: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf5: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf6: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf7: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf8: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf9: Option<&'a str>,
    /// See `udf1`.
    #[serde(borrow, default)]
    udf10: Option<&'a str>,
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

/// The string value of `key`, if it is a string.
fn str_at<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// Whether `key` holds a non-empty string.
fn has_text(map: &Map<String, Value>, key: &str) -> bool {
    text(str_at(map, key)).is_some()
}

/// Whether the object is a Juspay refund response (`unique_request_id`, `refund_type` at the top
/// level; an order status response keeps its refunds inside `refunds[]`).
pub(super) fn is_refund(map: &Map<String, Value>) -> bool {
    map.contains_key("unique_request_id") || map.contains_key("refund_type")
}

/// Whether an order-shaped payload carries a transaction (SPEC section 5: the order's payment).
pub(super) fn carries_transaction(map: &Map<String, Value>) -> bool {
    has_text(map, "txn_id")
        || has_text(map, "txn_uuid")
        || has_text(map, "payment_method_type")
        || map.get("txn_detail").is_some_and(Value::is_object)
}

/// `mismatched_payload` when the object says it is something other than `want`; `None` when it
/// may be one (the typed read then checks its shape).
fn mismatch(map: &Map<String, Value>, want: Want) -> Option<Error> {
    let noun = want.noun();
    let here = |what: String| Some(Error::mismatched("$", what));
    if let Some(event) = str_at(map, "event_name") {
        return here(format!(
            "looks like a Juspay webhook event (event_name \"{event}\"), not {noun}; normalize the object inside its `content`"
        ));
    }
    if let Some(entity) = map.get("entity") {
        let entity = entity.as_str().unwrap_or("?");
        return here(format!(
            "has `entity: \"{entity}\"` (a Razorpay object), not {noun} from Juspay"
        ));
    }
    if is_refund(map) {
        return here(format!(
            "looks like a Juspay refund (unique_request_id / refund_type), not {noun}; the order status response of its order_id normalizes as payments or orders"
        ));
    }
    if map.contains_key("txn_status") && !map.contains_key("status") {
        return here(format!(
            "looks like a Juspay transaction action response (txn_status without status, e.g. a mandate stop), not {noun}; normalize the order status response of its order_id instead"
        ));
    }
    match map.get("object") {
        Some(Value::String(o)) if o == "customer" => {
            if want != Want::Customer {
                return here(format!(
                    "is a Juspay customer (object: \"customer\"), not {noun}; normalize it as customers"
                ));
            }
            let stripe_like = !map.contains_key("object_reference_id")
                && !map.contains_key("date_created")
                && map.get("created").is_some_and(Value::is_number);
            if stripe_like {
                return here(
                    "looks like a Stripe customer (integer `created`, no object_reference_id); normalize it with provider \"stripe\"".to_string(),
                );
            }
            return None;
        }
        Some(other) => {
            let kind = match other {
                Value::String(s) => format!("\"{s}\""),
                v => json_kind(v).to_string(),
            };
            return here(format!("has `object: {kind}`, not {noun} from Juspay"));
        }
        None => {}
    }
    if !map.contains_key("order_id") {
        let error_like = map.contains_key("error_code")
            || map.contains_key("error_message")
            || (map.contains_key("user_message") && map.contains_key("code"));
        if error_like {
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

/// Maps a Juspay customer object.
pub(super) fn customer(raw: &Value) -> Result<Customer, Error> {
    if let Some(map) = raw.as_object() {
        if let Some(e) = mismatch(map, Want::Customer) {
            return Err(e);
        }
    }
    let c: RawCustomer = read(raw)?;
    Ok(Customer {
        id: c.id.to_string(),
        name: join_name(c.first_name, c.last_name),
        email: text(c.email_address),
        phone: join_phone(c.mobile_country_code, c.mobile_number),
        created_at: time::text_field("$.date_created", c.date_created)?,
        updated_at: time::text_field("$.last_updated", c.last_updated)?,
        remote_data: None,
    })
}

/// Maps an order status / create-order response as an order.
pub(super) fn order(raw: &Value) -> Result<Order, Error> {
    let (map, o) = read_order(raw, Want::Order)?;
    let money = Money::read(&o)?;
    let payment = if carries_transaction(map) {
        Some(to_payment(map, &o, &money)?)
    } else {
        None
    };
    Ok(Order {
        id: o.order_id.to_string(),
        amount: money.amount.as_deref().and_then(money::as_json_number),
        currency: money.currency.clone(),
        created_at: time::text_field("$.date_created", o.date_created)?,
        updated_at: time::text_field("$.last_updated", o.last_updated)?,
        status: money.status(o.status),
        customer: customer_ref(&o),
        payment,
        remote_data: None,
    })
}

/// Maps an order status / transaction response as its payment.
pub(super) fn payment(raw: &Value) -> Result<Payment, Error> {
    let (map, o) = read_order(raw, Want::Payment)?;
    let money = Money::read(&o)?;
    to_payment(map, &o, &money)
}

/// Checks the object is order-shaped (not another kind) and reads it.
fn read_order(raw: &Value, want: Want) -> Result<(&Map<String, Value>, RawOrder<'_>), Error> {
    let Some(map) = raw.as_object() else {
        return Err(Error::payload(
            "$",
            format!("expected a JSON object, found {}", json_kind(raw)),
        ));
    };
    if let Some(e) = mismatch(map, want) {
        return Err(e);
    }
    let o: RawOrder = read(raw)?;
    Ok((map, o))
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
    fn read(o: &RawOrder) -> Result<Money, Error> {
        let currency = money::currency(o.currency);
        let amount_raw = amount_text("$.amount", o.amount.as_ref())?;
        let refund_raw = amount_text("$.amount_refunded", o.amount_refunded.as_ref())?;
        Ok(Money {
            amount: major("$.amount", amount_raw.as_deref(), currency.as_deref())?,
            refund: major(
                "$.amount_refunded",
                refund_raw.as_deref(),
                currency.as_deref(),
            )?,
            amount_value: amount_raw.as_deref().and_then(decimal),
            refund_value: refund_raw.as_deref().and_then(decimal),
            refunded: flag("$.refunded", o.refunded.as_ref())?,
            currency,
        })
    }

    /// The unified status of `raw` with this payload's refund numbers.
    fn status(&self, raw: Option<&str>) -> Status {
        status(raw, self.refunded, self.amount_value, self.refund_value)
    }
}

/// The exact text of a Juspay amount: a JSON number's own text (serde_json keeps it with
/// `arbitrary_precision`) or a string's content; `None` when absent, null or empty.
fn amount_text(path: &str, v: Option<&Value>) -> Result<Option<String>, Error> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::String(s)) => Ok(text(Some(s))),
        Some(other) => Err(Error::payload(
            path,
            format!(
                "expected a number or a decimal string, found {}",
                json_kind(other)
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
    let t = t.trim();
    Decimal::from_str_exact(t)
        .or_else(|_| Decimal::from_scientific(t))
        .ok()
}

/// A boolean flag, also accepting the `"true"` / `"false"` strings of Juspay webhooks.
fn flag(path: &str, v: Option<&Value>) -> Result<Option<bool>, Error> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(other) => Err(Error::payload(
            path,
            format!("expected boolean, found {}", json_kind(other)),
        )),
    }
}

/// The Juspay status table (SPEC section 4), exhaustive over the documented transaction
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
    let refund_positive = refund.is_some_and(|r| r > Decimal::ZERO);
    let in_full = match (refund, amount) {
        (Some(r), Some(a)) if refund_positive => r >= a,
        _ => refunded == Some(true),
    };
    Status::overlay_paid(Some(in_full), Some(i128::from(refund_positive)), None)
}

/// `{id: customer_id, name: null, email: customer_email, phone: customer_phone}`, `null` when
/// all are empty.
fn customer_ref(o: &RawOrder) -> Option<CustomerRef> {
    CustomerRef {
        id: text(o.customer_id),
        name: None,
        email: text(o.customer_email),
        phone: text(o.customer_phone),
    }
    .non_empty()
}

/// `payment_method_type` in SPEC's words (`NB` -> `netbanking`), else `card` when a `card`
/// object is present.
fn method(map: &Map<String, Value>, kind: Option<&str>) -> Option<String> {
    match text(kind) {
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
        None if map.get("card").is_some_and(Value::is_object) => Some("card".to_string()),
        None => None,
    }
}

/// The non-empty `udf1`..`udf10`, then the keys of the `metadata` object.
fn metadata(map: &Map<String, Value>, o: &RawOrder) -> Result<Option<Value>, Error> {
    let udfs = [
        ("udf1", o.udf1),
        ("udf2", o.udf2),
        ("udf3", o.udf3),
        ("udf4", o.udf4),
        ("udf5", o.udf5),
        ("udf6", o.udf6),
        ("udf7", o.udf7),
        ("udf8", o.udf8),
        ("udf9", o.udf9),
        ("udf10", o.udf10),
    ];
    let mut out = Map::new();
    for (key, value) in udfs {
        if let Some(v) = text(value) {
            out.insert(key.to_string(), Value::String(v));
        }
    }
    let extra = rules::metadata("$.metadata", map.get("metadata"))?;
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
fn to_payment(map: &Map<String, Value>, o: &RawOrder, m: &Money) -> Result<Payment, Error> {
    let detail = o.txn_detail.as_ref();
    let detail_txn_id = detail.and_then(|d| d.txn_id);
    let id = first_text([o.txn_id, o.txn_uuid, Some(o.order_id)]).ok_or_else(|| {
        Error::payload(
            "$.order_id",
            "is empty and there is no txn_id or txn_uuid; a payment needs an id",
        )
    })?;
    let created_at = match detail.and_then(|d| text(d.created)) {
        Some(c) => time::text_field("$.txn_detail.created", Some(&c))?,
        None => time::text_field("$.date_created", o.date_created)?,
    };
    Ok(Payment {
        id,
        amount: m.amount.clone(),
        currency: m.currency.clone(),
        transaction_fee: None,
        refund_amount: m.refund.clone(),
        status: m.status(o.status),
        customer: customer_ref(o),
        description: None,
        payment_method: PaymentMethod {
            id: None,
            method: method(map, o.payment_method_type),
        }
        .non_empty(),
        created_at,
        expires_on: None,
        reference_id: first_text([o.txn_id, detail_txn_id]),
        order_id: text(Some(o.order_id)),
        metadata: metadata(map, o)?,
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
        // SPEC row: amount_refunded > 0 and refunded = false -> partial.
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
        let p = payment(&json!({"order_id": "o", "amount": 1.0, "currency": "INR",
                                "amount_refunded": "0.5"}))
        .unwrap();
        assert_eq!(p.amount.as_deref(), Some("1.00"));
        assert_eq!(p.refund_amount.as_deref(), Some("0.50"));
        assert_eq!(p.status, Status::Unknown);
        let p = payment(&json!({"order_id": "o", "amount": "100", "currency": "inr"})).unwrap();
        assert_eq!(p.amount.as_deref(), Some("100.00"));
        assert_eq!(p.currency.as_deref(), Some("INR"));
        // Extra decimals are kept, never rounded.
        let v: Value =
            serde_json::from_str(r#"{"order_id":"o","amount":10.005,"currency":"INR"}"#).unwrap();
        assert_eq!(payment(&v).unwrap().amount.as_deref(), Some("10.005"));
        // A number too precise for an f64 stays exact.
        let v: Value = serde_json::from_str(
            r#"{"order_id":"o","amount":12345678901234567.89,"currency":"INR"}"#,
        )
        .unwrap();
        assert_eq!(
            payment(&v).unwrap().amount.as_deref(),
            Some("12345678901234567.89")
        );
        let o = order(&v).unwrap();
        assert_eq!(o.amount.as_deref(), Some("12345678901234567.89"));
        // JPY has no decimals; KWD three.
        let p = payment(&json!({"order_id": "o", "amount": 500, "currency": "JPY"})).unwrap();
        assert_eq!(p.amount.as_deref(), Some("500"));
        let p = payment(&json!({"order_id": "o", "amount": "5.12", "currency": "KWD"})).unwrap();
        assert_eq!(p.amount.as_deref(), Some("5.120"));
        let o = order(&json!({"order_id": "o", "amount": "5.120", "currency": "KWD"})).unwrap();
        assert_eq!(o.amount.as_deref(), Some("5.12"));
    }

    #[test]
    fn unknown_or_missing_currency_gives_null_amounts() {
        let o = order(&json!({"order_id": "o", "amount": "2.0", "status": "NEW"})).unwrap();
        assert_eq!(o.amount, None);
        assert_eq!(o.currency, None);
        let p = payment(&json!({"order_id": "o", "amount": 2, "currency": "XYZ",
                                "amount_refunded": 1}))
        .unwrap();
        assert_eq!((p.amount, p.refund_amount), (None, None));
        assert_eq!(p.currency.as_deref(), Some("XYZ"));
        // The overlay still reads the numbers: they are major units whatever the currency.
        let p = payment(&json!({"order_id": "o", "amount": 2, "amount_refunded": 1,
                                "status": "CHARGED", "refunded": false}))
        .unwrap();
        assert_eq!(p.status, Status::Partial);
    }

    #[test]
    fn bad_amounts_and_flags_are_invalid_payload_at_their_path() {
        let e = payment(&json!({"order_id": "o", "amount": "ten", "currency": "INR"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        assert_eq!(
            e.message,
            "$.amount: expected a decimal amount, found \"ten\""
        );
        let e = payment(&json!({"order_id": "o", "amount_refunded": true})).unwrap_err();
        assert_eq!(
            e.message,
            "$.amount_refunded: expected a number or a decimal string, found boolean"
        );
        let e = order(&json!({"order_id": "o", "refunded": "yes"})).unwrap_err();
        assert_eq!(e.message, "$.refunded: expected boolean, found string");
        let p =
            payment(&json!({"order_id": "o", "refunded": "true", "status": "CHARGED"})).unwrap();
        assert_eq!(p.status, Status::Refunded);
    }

    #[test]
    fn wrong_typed_field_names_its_path() {
        let e = payment(&json!({"order_id": "o", "customer_email": 5})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.customer_email"));
        assert_eq!(e.message, "$.customer_email: expected string, found number");
        let e = payment(&json!({"order_id": "o", "txn_detail": {"created": 1}})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.txn_detail.created"));
        let e = customer(&json!({"id": "cst_1", "object": "customer",
                                 "object_reference_id": "x", "date_created": 1}))
        .unwrap_err();
        assert_eq!(e.message, "$.date_created: expected string, found number");
        let e = order(&json!({"status": "NEW", "status_id": 10})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(
            e.message,
            "$.order_id: required field `order_id` is missing"
        );
        let e = customer(&json!({"object": "customer", "object_reference_id": "x"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.message, "$.id: required field `id` is missing");
    }

    #[test]
    fn times() {
        let c = customer(&json!({"id": "cst_1", "object": "customer",
            "object_reference_id": "x", "date_created": "2016-08-02T08:07:52+0000",
            "last_updated": "1644071838"}))
        .unwrap();
        assert_eq!(c.created_at.as_deref(), Some("2016-08-02T08:07:52Z"));
        assert_eq!(c.updated_at.as_deref(), Some("2022-02-05T14:37:18Z"));
        let e = customer(&json!({"id": "cst_1", "date_created": "yesterday"})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.date_created"));
        // Transaction time first, order time as the fallback.
        let p = payment(
            &json!({"order_id": "o", "date_created": "2021-01-01T00:00:00Z",
            "txn_detail": {"created": "2021-01-01T00:00:05+05:30"}}),
        )
        .unwrap();
        assert_eq!(p.created_at.as_deref(), Some("2020-12-31T18:30:05Z"));
        let p = payment(
            &json!({"order_id": "o", "date_created": "2021-01-01T00:00:00Z",
            "txn_detail": {"created": ""}}),
        )
        .unwrap();
        assert_eq!(p.created_at.as_deref(), Some("2021-01-01T00:00:00Z"));
        let e = payment(&json!({"order_id": "o", "txn_detail": {"created": "nope"}})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.txn_detail.created"));
    }

    #[test]
    fn customer_fields() {
        let c = customer(&json!({"id": "cst_1", "object": "customer",
            "object_reference_id": "x", "first_name": " ", "last_name": "",
            "email_address": "", "mobile_country_code": "91", "mobile_number": "99 88"}))
        .unwrap();
        assert_eq!(c.name, None);
        assert_eq!(c.email, None);
        assert_eq!(c.phone.as_deref(), Some("+919988"));
        let c = customer(&json!({"id": "cst_1", "mobile_number": "9988"})).unwrap();
        assert_eq!(c.phone.as_deref(), Some("9988"));
    }

    #[test]
    fn payment_ids_and_methods() {
        let p = payment(&json!({"order_id": "o1", "txn_id": "", "txn_uuid": "u1",
            "txn_detail": {"txn_id": "t1"}, "payment_method_type": "", "card": {}}))
        .unwrap();
        assert_eq!(p.id, "u1");
        assert_eq!(p.reference_id.as_deref(), Some("t1"));
        assert_eq!(p.payment_method.unwrap().method.as_deref(), Some("card"));
        let p = payment(&json!({"order_id": "o1", "txn_uuid": "u1"})).unwrap();
        assert_eq!(p.id, "u1");
        assert_eq!(p.reference_id, None);
        assert_eq!(p.payment_method, None);
        let p = payment(&json!({"order_id": "o1"})).unwrap();
        assert_eq!(p.id, "o1");
        assert_eq!(p.order_id.as_deref(), Some("o1"));
        let e = payment(&json!({"order_id": ""})).unwrap_err();
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
            let p = payment(&json!({"order_id": "o", "payment_method_type": raw})).unwrap();
            let m = p.payment_method.unwrap();
            assert_eq!((m.id, m.method.as_deref()), (None, Some(want)));
        }
    }

    #[test]
    fn metadata_merges_udfs_and_object() {
        let p = payment(
            &json!({"order_id": "o", "udf1": "", "udf2": "b", "udf10": "j",
            "metadata": {"udf2": "clash", "__proto__": {"x": 1}, "k": "v"}}),
        )
        .unwrap();
        let m = p.metadata.unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"udf2":"b","udf10":"j","__proto__":{"x":1},"k":"v"}"#
        );
        let p = payment(&json!({"order_id": "o", "udf1": ""})).unwrap();
        assert_eq!(p.metadata, None);
        let p = payment(&json!({"order_id": "o", "metadata": []})).unwrap();
        assert_eq!(p.metadata, Some(json!({})));
        let e = payment(&json!({"order_id": "o", "metadata": "x"})).unwrap_err();
        assert_eq!(e.message, "$.metadata: expected object, found string");
    }

    #[test]
    fn order_payment_only_with_a_transaction() {
        let o = order(&json!({"order_id": "o", "status": "NEW", "status_id": 10,
            "amount": 1, "currency": "INR", "customer_id": "c", "udf1": ""}))
        .unwrap();
        assert_eq!(o.payment, None);
        assert_eq!(o.status, Status::Pending);
        assert_eq!(o.customer.unwrap().id.as_deref(), Some("c"));
        let o = order(&json!({"order_id": "o", "status": "CHARGED", "amount": 1,
            "currency": "INR", "txn_id": "t", "amount_refunded": 0}))
        .unwrap();
        let p = o.payment.unwrap();
        assert_eq!(p.id, "t");
        assert_eq!(p.amount.as_deref(), Some("1.00"));
        assert_eq!(p.remote_data, None);
        assert_eq!(o.amount.as_deref(), Some("1"));
        let o =
            order(&json!({"order_id": "o", "customer_email": "", "customer_phone": null})).unwrap();
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
                customer(v).err().map(|e| e.code),
                order(v).err().map(|e| e.code),
                payment(v).err().map(|e| e.code),
            ];
            assert_eq!(codes, [Some(ErrorCode::MismatchedPayload); 3], "{v}");
        }
        assert_eq!(order(&cust).unwrap_err().code, ErrorCode::MismatchedPayload);
        assert_eq!(
            payment(&cust).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        let e = customer(&stripe_cust).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("Stripe"), "{}", e.message);
        let e = customer(&json!({"order_id": "o", "status_id": 21})).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("order status"), "{}", e.message);
        let e = payment(&refund).unwrap_err();
        assert!(e.message.contains("refund"), "{}", e.message);
        assert_eq!(
            payment(&json!([1])).unwrap_err().code,
            ErrorCode::InvalidPayload
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
                    assert_eq!(super::super::detect(v.as_object().unwrap()), None, "{name}");
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
            let d = super::super::detect(v.as_object().unwrap()).unwrap();
            assert_eq!(d.resource.map(|r| r.as_str()), Some(resource), "{name}");
            assert!(!d.list);
        }
    }

    #[test]
    fn webhooks_and_errors_are_not_detected_as_resources() {
        for (kind, name, bytes) in fixtures() {
            if kind == "webhook" || kind == "error" {
                let v: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(super::super::detect(v.as_object().unwrap()), None, "{name}");
                let e = crate::normalize_value("juspay", "payments", &bytes, &quiet()).unwrap_err();
                assert_eq!(e.code, ErrorCode::MismatchedPayload, "{kind}/{name}: {e}");
            }
        }
    }

    #[test]
    fn detection_keeps_collisions_apart() {
        let d = |v: Value| super::super::detect(v.as_object().unwrap()).and_then(|d| d.resource);
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
