//! Checkout.com raw types and their mapping to the unified shapes (docs/mapping.md#checkoutcom).
//!
//! The mapping follows Checkout.com's API reference and guides:
//! - Get payment details / Request a payment or payout (response):
//!   <https://api-reference.checkout.com/#operation/getPaymentDetails>,
//!   <https://api-reference.checkout.com/#operation/requestAPaymentOrPayout>,
//!   <https://www.checkout.com/docs/payments/manage-payments/get-payment-details>
//! - Increment an authorization (response):
//!   <https://api-reference.checkout.com/#operation/incrementPaymentAuthorization>
//! - Get customer details: <https://api-reference.checkout.com/#operation/getCustomerDetails>
//! - Amounts in minor units ("full value" and three-decimal currencies):
//!   <https://www.checkout.com/docs/payments/accept-payments/format-the-amount-value>
//! - Response codes (`10xxx` approved, `20xxx`-`50xxx` declined):
//!   <https://www.checkout.com/docs/developer-resources/codes/api-response-codes>
//! - Payment statuses (Hyperswitch's `CheckoutPaymentStatus` as a second opinion):
//!   <https://github.com/juspay/hyperswitch/blob/main/crates/hyperswitch_connectors/src/connectors/checkout/transformers.rs>
//!
//! # Decisions where the contract and the fixtures disagreed or the contract was silent (docs/mapping.md#checkoutcom)
//! - **Declines without `status`.** Checkout.com's 201 responses to a declined payment request
//!   may carry no `status` (`checkout/payment/am_authorize_declined.json`,
//!   `am_purchase_declined_minimal.json`: only `response_code: "20014"` and `response_summary`).
//!   Such a payment is `"Declined"`, Checkout.com's own word, when `approved` is `false`, or when
//!   `approved` is absent and `response_code` is outside the approved `10xxx` range. Without a
//!   status and without those signals it is `unknown` (docs/mapping.md#status).
//! - **Status case.** Payment search returns statuses in lower case (`"captured"` in
//!   `checkout/payment_list/nodesdk_search_payments.json`); the table matches without regard to
//!   case, spaces or underscores. A status with no mapping is still passed through verbatim.
//! - **No numeric overlay.** Checkout.com names partial and refund states itself (`Partially
//!   Captured`, `Partially Refunded`, `Refunded`); the Checkout.com status row lists only those statuses,
//!   so `balances` feed `refund_amount` only and never re-derive the status.
//! - **Incremental-authorization responses.** `checkout/payment/am_incremental_authorization_authorized.json`
//!   has no `id`: it is the response to `POST /payments/{id}/authorizations`, carrying the
//!   action's `action_id`, the payment's new `status`, `balances` and `expires_on`, and the
//!   payment's own URL in `_links.self.href`. It reads as a payment when it states a payment
//!   `status`; its id is then the `pay_` id of `_links.self.href` (the action id is not a payment
//!   id: `GET /payments/act_...` finds nothing), and its `amount` is
//!   `balances.total_authorized` (its top-level `amount` is only the increment). The same response
//!   without a `status` (`checkout/other/nodesdk_incremental_authorization_response.json`), and
//!   action acknowledgements `{action_id, reference, _links}`, describe an action, not a payment:
//!   `mismatched_payload`.
//! - **Ids.** A payment id starts with `pay_` (or `sid_`, the payment session id `GET
//!   /payments/{id}` also accepts); a customer id with `cus_`. Other Checkout.com prefixes
//!   (`act_`, `hpp_`, `pl_`, `src_`, `evt_`, ...) are `mismatched_payload` naming what they are;
//!   an id of no known shape is `invalid_payload` at `$.id`.
//! - **Payouts** (`destination` instead of `source`) have no `payment_method`: the mapping
//!   names `source` only.

use crate::error::Error;
use crate::providers::Provider;
use crate::reader::shape::{shape, Kind, Numbers, Record};
use crate::reader::view::View;
use crate::rules::money::{self, ExponentTable};
use crate::rules::status::Status;
use crate::rules::{self, contact, time};
use crate::unified::{Customer, CustomerRef, Payment, PaymentMethod};
use serde_json::Value;
use std::borrow::Cow;

/// Checkout.com's word for a declined payment, used when a decline response has no `status`.
const DECLINED: &str = "Declined";

/// Prefix of payment ids.
const PAYMENT_PREFIX: &str = "pay_";
/// Prefix of payment session ids (`cko-session-id`), which `GET /payments/{id}` also accepts.
const SESSION_PREFIX: &str = "sid_";
/// Prefix of customer ids.
const CUSTOMER_PREFIX: &str = "cus_";

/// Other Checkout.com id prefixes and what they name, for `mismatched_payload` messages.
const OTHER_KINDS: &[(&str, &str)] = &[
    ("act_", "a Checkout.com payment action"),
    ("hpp_", "a Checkout.com hosted payment page"),
    ("pl_", "a Checkout.com payment link"),
    ("src_", "a Checkout.com payment source or instrument"),
    ("dsp_", "a Checkout.com dispute"),
    ("evt_", "a Checkout.com webhook event"),
    ("ps_", "a Checkout.com payment session"),
    ("ent_", "a Checkout.com sub-entity"),
    ("wf_", "a Checkout.com workflow"),
];

shape! {
    /// A phone as Checkout.com splits it: `{country_code: "+1", number: "415 555 2671"}`.
    static PHONE: Ph {
        /// Country calling code, with or without `+`.
        country_code = "country_code": Kind::Str;
        /// The number, possibly with spaces.
        number = "number": Kind::Str;
    }
}

shape! {
    /// A customer (`GET /customers/{id}`): the fields that tell what the object is (checked before
    /// anything is mapped, see [`Checks`]) and the mapped ones. `metadata`, `instruments` and
    /// `default` are not unified fields.
    static CUSTOMER: C {
        /// `cus_` id (other kinds are told apart by [`customer_id`]).
        id = "id": Kind::Str;
        /// Stripe and Juspay objects carry it; Checkout.com objects never do.
        object = "object": Kind::Any;
        /// Razorpay entities carry it.
        entity = "entity": Kind::Any;
        /// A payment action's `type`.
        kind = "type": Kind::Any;
        /// A payment action's `processed_on`.
        processed_on = "processed_on": Kind::Any;
        /// An action response's `action_id`.
        action_id = "action_id": Kind::Any;
        /// An error body's `error_type`.
        error_type = "error_type": Kind::Any;
        /// Full name.
        name = "name": Kind::Str;
        /// Email address.
        email = "email": Kind::Str;
        /// Split phone.
        phone = "phone": Kind::Object(&PHONE);
    }
}

shape! {
    /// The customer embedded in a payment: `{id, name, email, phone}`, any of them absent.
    static CUSTOMER_REF: CR {
        /// `cus_` id.
        id = "id": Kind::Str;
        /// Full name.
        name = "name": Kind::Str;
        /// Email address.
        email = "email": Kind::Str;
        /// Split phone.
        phone = "phone": Kind::Object(&PHONE);
    }
}

shape! {
    /// The payment's source (card, klarna, knet, ...).
    static SOURCE: S {
        /// `src_` id; absent for one-off alternative payment methods.
        id = "id": Kind::Str;
        /// The kind of source (`card`, `klarna`, `knet`, ...).
        kind = "type": Kind::Str;
    }
}

shape! {
    /// The payment's running totals, in minor units.
    static BALANCES: B {
        /// Total authorized (after incremental authorizations).
        total_authorized = "total_authorized": Kind::Int;
        /// Total refunded.
        total_refunded = "total_refunded": Kind::Int;
    }
}

shape! {
    /// A payment: `GET /payments/{id}`, a `POST /payments` response, a search / list item, or an
    /// incremental-authorization response. The fields that tell what the object is are checked
    /// before anything is mapped (see [`Checks`], [`payment_id`]).
    static PAYMENT: P {
        /// `pay_` / `sid_` id; absent on incremental-authorization responses.
        id = "id": Kind::Str;
        /// Stripe and Juspay objects carry it; Checkout.com objects never do.
        object = "object": Kind::Any;
        /// Razorpay entities carry it.
        entity = "entity": Kind::Any;
        /// A payment action's `type` (payments have `payment_type`).
        kind = "type": Kind::Any;
        /// A payment action's `processed_on`.
        processed_on = "processed_on": Kind::Any;
        /// An action response's `action_id`.
        action_id = "action_id": Kind::Any;
        /// An error body's `error_type`.
        error_type = "error_type": Kind::Any;
        /// Links; `self.href` names the payment of an incremental-authorization response.
        links = "_links": Kind::Any;
        /// Amount in minor units (Checkout.com exponents).
        amount = "amount": Kind::Int;
        /// ISO 4217 code.
        currency = "currency": Kind::Str;
        /// Payment status (`Authorized`, `Captured`, ...); absent on some decline responses.
        status = "status": Kind::Str;
        /// Whether the request was approved.
        approved = "approved": Kind::Bool;
        /// Five-digit response code (`10000` approved, `20014` declined, ...).
        response_code = "response_code": Kind::Str;
        /// Running totals.
        balances = "balances": Kind::Object(&BALANCES);
        /// The paying customer.
        customer = "customer": Kind::Object(&CUSTOMER_REF);
        /// Free-text description.
        description = "description": Kind::Str;
        /// How it was paid.
        source = "source": Kind::Object(&SOURCE);
        /// When the payment was requested.
        requested_on = "requested_on": Kind::Str;
        /// When an authorization expires.
        expires_on = "expires_on": Kind::Str;
        /// The merchant's reference.
        reference = "reference": Kind::Str;
        /// Metadata, copied as data.
        metadata = "metadata": Kind::Any;
    }
}

/// Checkout.com's errors name a number by its kind (`found number`), as they always have.
const NUMBERS: Numbers = Numbers::KindOnly;

/// What the checks before mapping look at, read off the object before any field is typed:
/// whose object it is, whether it is a payment action, its id (`Err`: not a string), and for
/// incremental-authorization responses `action_id`, whether a status is stated and `_links`.
struct Checks<'t, 'a> {
    /// The object's text.
    raw: &'a str,
    object: Option<View<'t, 'a>>,
    entity: Option<View<'t, 'a>>,
    kind: Option<View<'t, 'a>>,
    processed_on: bool,
    id: Result<Option<Cow<'a, str>>, Error>,
    action_id: Option<View<'t, 'a>>,
    error_type: Option<View<'t, 'a>>,
    has_status: bool,
    links: Option<View<'t, 'a>>,
}

impl<'t, 'a> Checks<'t, 'a> {
    /// The checks of the object `raw`, read as `r` (a [`CUSTOMER`] or a [`PAYMENT`]: both
    /// declare the identifying keys; `status` and `_links` only a payment).
    fn of<const N: usize>(raw: &'a str, r: &Record<'t, 'a, N>) -> Self {
        let id = match r.get_key("id").filter(|v| v.first() != b'n') {
            None => Ok(None),
            Some(v) => v.as_str().map(Some).ok_or_else(|| {
                Error::payload(
                    "$.id",
                    format!("expected string, found {}", rules::raw_kind(v.text())),
                )
            }),
        };
        Checks {
            raw,
            object: r.get_key("object"),
            entity: r.get_key("entity"),
            kind: r.get_key("type"),
            processed_on: r.get_key("processed_on").is_some(),
            id,
            action_id: r.get_key("action_id"),
            error_type: r.get_key("error_type"),
            has_status: r
                .get_key("status")
                .and_then(View::as_str)
                .is_some_and(|s| !s.trim().is_empty()),
            links: r.get_key("_links").filter(|v| v.first() != b'n'),
        }
    }
}

/// A raw value as `Value`'s `Display` shows it (compact JSON), for messages.
fn shown(raw: View<'_, '_>) -> String {
    crate::reader::from_str::<Value>(raw.text())
        .map(|v| v.to_string())
        .unwrap_or_else(|_| raw.text().to_string())
}

/// Where a payment's id came from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PaymentId {
    /// The payload's own `id`.
    Own(String),
    /// An incremental-authorization response: the `pay_` id of its `_links.self.href`.
    ActionResponse(String),
}

/// Maps a Checkout.com customer (`cus_` id, no `object`): what the object is first
/// ([`customer_id`]), then the fields' types, then the mapping.
pub(super) fn customer(raw: &str) -> Result<Customer, Error> {
    CUSTOMER.read::<{ C::COUNT }, _, _>(
        raw,
        NUMBERS,
        |r| customer_id(&Checks::of(raw, r)),
        |r, id| {
            Ok(Customer {
                id,
                name: rules::text(r.str(C::name).as_deref()),
                email: rules::text(r.str(C::email).as_deref()),
                phone: phone(r.view(C::phone)),
                created_at: None,
                updated_at: None,
                remote_data: None,
            })
        },
    )
}

/// Maps a Checkout.com payment (`pay_` id), or an incremental-authorization response that states
/// the payment's status (module docs): what the object is first ([`payment_id`]), then the
/// fields' types, then the mapping.
pub(super) fn payment(raw: &str) -> Result<Payment, Error> {
    PAYMENT.read::<{ P::COUNT }, _, _>(
        raw,
        NUMBERS,
        |r| payment_id(&Checks::of(raw, r)),
        map_payment,
    )
}

/// The unified payment of a checked record whose id is resolved.
fn map_payment(r: &Record<'_, '_, { P::COUNT }>, id: PaymentId) -> Result<Payment, Error> {
    let currency = money::currency(r.str(P::currency).as_deref());
    let major = |minor: Option<i64>| -> Option<String> {
        money::minor_to_major(minor?, currency.as_deref()?, ExponentTable::Checkout)
    };
    let balances = r
        .view(P::balances)
        .map(|b| BALANCES.scan::<{ B::COUNT }>(b));
    let balance = |field: B| balances.as_ref().and_then(|b| b.int(field));
    let (id, amount) = match id {
        PaymentId::Own(id) => (id, major(r.int(P::amount))),
        // The response's `amount` is the increment; the payment's is the new authorized total.
        PaymentId::ActionResponse(id) => (id, major(balance(B::total_authorized))),
    };
    Ok(Payment {
        id,
        amount,
        currency: currency.clone(),
        transaction_fee: None,
        refund_amount: major(balance(B::total_refunded)),
        status: payment_status(
            r.str(P::status).as_deref(),
            r.bool(P::approved),
            r.str(P::response_code).as_deref(),
        ),
        customer: r.view(P::customer).and_then(customer_ref),
        description: rules::text(r.str(P::description).as_deref()),
        payment_method: r.view(P::source).and_then(payment_method),
        created_at: time::text_field("$.requested_on", r.str(P::requested_on).as_deref())?,
        expires_on: time::text_field("$.expires_on", r.str(P::expires_on).as_deref())?,
        reference_id: rules::text(r.str(P::reference).as_deref()),
        order_id: None,
        metadata: rules::metadata_raw("$.metadata", r.view(P::metadata).and_then(View::raw))?,
        remote_data: None,
    })
}

/// The unified status of a payment (docs/mapping.md#status, Checkout row, and the module's decisions).
fn payment_status(
    status: Option<&str>,
    approved: Option<bool>,
    response_code: Option<&str>,
) -> Status {
    match status.filter(|s| !s.trim().is_empty()) {
        Some(raw) => status_table(raw),
        None => statusless(approved, response_code),
    }
}

/// docs/mapping.md#status's Checkout.com row, matched without regard to case, spaces or underscores
/// (payment search answers in lower case). Unmapped statuses pass through verbatim.
fn status_table(raw: &str) -> Status {
    let key = raw.trim().to_ascii_lowercase().replace('_', " ");
    match key.as_str() {
        "pending" | "requested" | "authentication requested" | "retry scheduled" => Status::Pending,
        "authorized" => Status::Authorized,
        "captured" | "paid" => Status::Paid,
        "partially captured" | "partially refunded" => Status::Partial,
        "refunded" => Status::Refunded,
        "voided" => Status::Voided,
        "canceled" | "cancelled" => Status::Cancelled,
        // Outcomes with no unified word (a decline, an expired authorization, a zero-amount card
        // verification) stay verbatim: there is no `failed` in the vocabulary.
        "declined" | "expired" | "card verified" => Status::raw(raw),
        _ => Status::raw(raw),
    }
}

/// A payment without a status: a decline when `approved` is false, or when `approved` is absent
/// and `response_code` is outside the approved `10xxx` range; otherwise `unknown`.
fn statusless(approved: Option<bool>, response_code: Option<&str>) -> Status {
    let declined_code = response_code
        .map(str::trim)
        .is_some_and(|c| !c.is_empty() && !c.starts_with("10"));
    match approved {
        Some(false) => Status::Raw(DECLINED.to_string()),
        None if declined_code => Status::Raw(DECLINED.to_string()),
        _ => Status::Unknown,
    }
}

/// `{country_code, number}` (a checked [`PHONE`]) as `+<code><number>`
/// (docs/mapping.md#other-conventions).
fn phone(p: Option<View<'_, '_>>) -> Option<String> {
    let p = PHONE.scan::<{ Ph::COUNT }>(p?);
    contact::join_phone(
        p.str(Ph::country_code).as_deref(),
        p.str(Ph::number).as_deref(),
    )
}

/// The embedded customer (a checked [`CUSTOMER_REF`]), `None` when it carries nothing.
fn customer_ref(c: View<'_, '_>) -> Option<CustomerRef> {
    let c = CUSTOMER_REF.scan::<{ CR::COUNT }>(c);
    CustomerRef {
        id: rules::text(c.str(CR::id).as_deref()),
        name: rules::text(c.str(CR::name).as_deref()),
        email: rules::text(c.str(CR::email).as_deref()),
        phone: phone(c.view(CR::phone)),
    }
    .non_empty()
}

/// `{id: source.id, method: source.type}` (a checked [`SOURCE`]) with the method lower case;
/// `None` when both are absent.
fn payment_method(s: View<'_, '_>) -> Option<PaymentMethod> {
    let s = SOURCE.scan::<{ S::COUNT }>(s);
    PaymentMethod {
        id: rules::text(s.str(S::id).as_deref()),
        method: rules::text(s.str(S::kind).as_deref()).map(|k| k.to_lowercase()),
    }
    .non_empty()
}

/// Rejects objects that are not Checkout.com's: Checkout.com objects carry neither `object`
/// (Stripe and Juspay objects do) nor `entity` (Razorpay's). The provider that claims the object
/// is named by the registry ([`crate::providers::claimed_elsewhere`]).
fn reject_foreign(c: &Checks) -> Result<(), Error> {
    let key = match (c.object, c.entity) {
        (Some(v), _) => ("object", v),
        (None, Some(v)) => ("entity", v),
        (None, None) => return Ok(()),
    };
    Err(
        crate::providers::claimed_elsewhere(Provider::Checkout, c.raw).unwrap_or_else(|| {
            Error::mismatched(
                "$",
                format!(
                    "has `{}: {}`, which Checkout.com objects never carry; this is not a Checkout.com object",
                    key.0,
                    shown(key.1)
                ),
            )
        }),
    )
}

/// Whether a map is an item of a payment's actions list (`GET /payments/{id}/actions`, or the
/// `actions` of a payment): a top-level `type` (`Authorization`, `Capture`, `Authentication`)
/// with `processed_on`. Payments never carry a top-level `type` (they have `payment_type`).
pub(super) fn is_action_item(map: View<'_, '_>) -> bool {
    map.get("type").is_some_and(View::is_string) && map.contains_key("processed_on")
}

/// [`is_action_item`] on the checked fields.
fn is_action(c: &Checks) -> bool {
    c.kind.is_some_and(View::is_string) && c.processed_on
}

/// Whether an id names a payment: `pay_...`, or a `sid_` payment session id.
pub(super) fn is_payment_id(id: &str) -> bool {
    id.starts_with(PAYMENT_PREFIX) || id.starts_with(SESSION_PREFIX)
}

/// Whether an id names a customer (`cus_...`).
pub(super) fn is_customer_id(id: &str) -> bool {
    id.starts_with(CUSTOMER_PREFIX)
}

/// What another kind of Checkout.com id names, from its prefix.
fn kind_of_id(id: &str) -> Option<&'static str> {
    if is_payment_id(id) {
        return Some("a Checkout.com payment");
    }
    if is_customer_id(id) {
        return Some("a Checkout.com customer");
    }
    OTHER_KINDS
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, what)| *what)
}

/// Whether the object is an incremental-authorization response naming its payment: no `id`,
/// an `action_id`, a non-empty `status` (the payment's state after the action), and
/// `_links.self.href` ending in `/payments/pay_...`.
pub(super) fn action_response_is_payment(map: View<'_, '_>) -> bool {
    let no_id = map.get("id").filter(|v| v.first() != b'n').is_none();
    let has_action = map.get("action_id").is_some_and(View::is_string);
    let has_status = map
        .get("status")
        .and_then(View::as_str)
        .is_some_and(|s| !s.trim().is_empty());
    if !(no_id && has_action && has_status) {
        return false;
    }
    let href = map
        .get("_links")
        .and_then(|l| l.get("self"))
        .and_then(|s| s.get("href"))
        .and_then(View::as_str);
    href.is_some_and(|h| payment_id_in_href(&h).is_some())
}

/// [`action_response_is_payment`] on the checked fields (`_links` read only on this path).
fn action_response_id(c: &Checks) -> Option<String> {
    let no_id = matches!(c.id, Ok(None));
    let has_action = c.action_id.is_some_and(View::is_string);
    if !(no_id && has_action && c.has_status) {
        return None;
    }
    let href = c
        .links?
        .get("self")?
        .get("href")
        .and_then(View::as_str)?;
    payment_id_in_href(&href).map(str::to_string)
}

/// `pay_...` from `https://.../payments/pay_...` (query and fragment ignored).
fn payment_id_in_href(href: &str) -> Option<&str> {
    let path = href.split(['?', '#']).next()?;
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let last = segments.next()?;
    let parent = segments.next()?;
    let body = last.strip_prefix(PAYMENT_PREFIX)?;
    (parent == "payments" && !body.is_empty()).then_some(last)
}

/// The error for an object without `id`: an action response or acknowledgement, an error body,
/// or simply an object missing its id.
fn missing_id(c: &Checks, wanted: &str) -> Error {
    if let Some(action) = c.action_id {
        return Error::mismatched(
            "$",
            format!("looks like a Checkout.com payment action response (action_id {}, no id), not a {wanted}; fetch the payment with GET /payments/{{id}}", shown(action)),
        );
    }
    if let Some(kind) = c.error_type {
        return Error::mismatched(
            "$",
            format!(
                "looks like a Checkout.com error response (error_type {}), not a {wanted}",
                shown(kind)
            ),
        );
    }
    Error::payload("$.id", "required field `id` is missing")
}

/// The `id` as a non-empty string, `Ok(None)` when absent, null or empty; `Err` when it is not a
/// string.
fn id_text<'c>(c: &'c Checks) -> Result<Option<&'c str>, Error> {
    match &c.id {
        Ok(id) => Ok(id.as_deref().filter(|s| !s.trim().is_empty())),
        Err(e) => Err(e.clone()),
    }
}

/// Resolves a payment's id, or says why the payload is not a payment.
fn payment_id(c: &Checks) -> Result<PaymentId, Error> {
    reject_foreign(c)?;
    if is_action(c) {
        return Err(Error::mismatched(
            "$",
            "looks like a Checkout.com payment action (`type` and `processed_on`), not a payment; fetch the payment with GET /payments/{id}",
        ));
    }
    match id_text(c)? {
        Some(id) if is_payment_id(id) => Ok(PaymentId::Own(id.to_string())),
        Some(id) => Err(other_id(id, "payment", "pay_")),
        None => match action_response_id(c) {
            Some(id) => Ok(PaymentId::ActionResponse(id)),
            None => Err(missing_id(c, "payment")),
        },
    }
}

/// Resolves a customer's id, or says why the payload is not a customer.
fn customer_id(c: &Checks) -> Result<String, Error> {
    reject_foreign(c)?;
    if is_action(c) {
        return Err(Error::mismatched(
            "$",
            "looks like a Checkout.com payment action (`type` and `processed_on`), not a customer",
        ));
    }
    match id_text(c)? {
        Some(id) if is_customer_id(id) => Ok(id.to_string()),
        Some(id) => Err(other_id(id, "customer", "cus_")),
        None => Err(missing_id(c, "customer")),
    }
}

/// The error for an id of another kind (mismatched) or of no known shape (invalid).
fn other_id(id: &str, wanted: &str, prefix: &str) -> Error {
    match kind_of_id(id) {
        Some(what) => Error::mismatched(
            "$",
            format!("looks like {what} (id \"{id}\"), not a Checkout.com {wanted}"),
        ),
        None => Error::payload(
            "$.id",
            format!("expected a Checkout.com {wanted} id ({prefix}...), found \"{id}\""),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::{normalize_value, Options};
    use serde_json::json;
    use std::path::PathBuf;

    fn opts() -> Options {
        Options {
            remote_data: false,
            ..Options::default()
        }
    }

    fn pay(v: Value) -> Result<Payment, Error> {
        payment(&v.to_string())
    }

    fn cust(v: Value) -> Result<Customer, Error> {
        customer(&v.to_string())
    }

    fn fixtures() -> Option<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
        dir.is_dir().then_some(dir)
    }

    fn fixture(rel: &str) -> Option<Vec<u8>> {
        Some(std::fs::read(fixtures()?.join(rel)).unwrap())
    }

    fn files(provider: &str, kind: &str) -> Vec<PathBuf> {
        let Some(dir) = fixtures() else {
            return Vec::new();
        };
        let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join(provider).join(kind))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        out.retain(|p| p.extension().is_some_and(|e| e == "json"));
        out.sort();
        out
    }

    #[test]
    fn field_tables_name_only_declared_fields() {
        for resource in crate::Provider::Checkout.resources() {
            let shape = match resource {
                crate::Resource::Customers => &CUSTOMER,
                crate::Resource::Payments => &PAYMENT,
                crate::Resource::Orders => unreachable!("Checkout.com has no orders"),
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
    fn an_array_where_an_object_belongs_is_a_wrong_type() {
        let e = cust(json!({"id": "cus_1", "phone": []})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.message, "$.phone: expected object, found array");
        let e = pay(json!({"id": "pay_1", "source": ["src_1", "card"]})).unwrap_err();
        assert_eq!(e.message, "$.source: expected object, found array");
    }

    #[test]
    fn status_table_rows() {
        let rows: &[(&str, Status)] = &[
            ("Pending", Status::Pending),
            ("Requested", Status::Pending),
            ("Authentication Requested", Status::Pending),
            ("Retry Scheduled", Status::Pending),
            ("Authorized", Status::Authorized),
            ("Captured", Status::Paid),
            ("Paid", Status::Paid),
            ("Partially Captured", Status::Partial),
            ("Partially Refunded", Status::Partial),
            ("Refunded", Status::Refunded),
            ("Voided", Status::Voided),
            ("Canceled", Status::Cancelled),
            ("Declined", Status::Raw("Declined".into())),
            ("Expired", Status::Raw("Expired".into())),
            ("Card Verified", Status::Raw("Card Verified".into())),
            ("Something New", Status::Raw("Something New".into())),
        ];
        for (raw, want) in rows {
            assert_eq!(&status_table(raw), want, "{raw}");
        }
    }

    #[test]
    fn status_case_and_separators() {
        assert_eq!(status_table("captured"), Status::Paid);
        assert_eq!(status_table("partially_refunded"), Status::Partial);
        assert_eq!(status_table("AUTHORIZED"), Status::Authorized);
        assert_eq!(status_table("Cancelled"), Status::Cancelled);
        // Unmapped: verbatim, original case kept.
        assert_eq!(status_table("declined"), Status::Raw("declined".into()));
    }

    #[test]
    fn statusless_declines() {
        assert_eq!(
            payment_status(None, Some(false), None),
            Status::Raw("Declined".into())
        );
        assert_eq!(
            payment_status(None, Some(false), Some("10000")),
            Status::Raw("Declined".into())
        );
        assert_eq!(
            payment_status(None, None, Some("20014")),
            Status::Raw("Declined".into())
        );
        assert_eq!(
            payment_status(None, None, Some("40101")),
            Status::Raw("Declined".into())
        );
        assert_eq!(payment_status(None, None, Some("10000")), Status::Unknown);
        assert_eq!(
            payment_status(None, Some(true), Some("20014")),
            Status::Unknown
        );
        assert_eq!(payment_status(None, None, None), Status::Unknown);
        assert_eq!(payment_status(Some(""), None, None), Status::Unknown);
        assert_eq!(payment_status(None, None, Some("")), Status::Unknown);
        // A stated status wins over the approval flags.
        assert_eq!(
            payment_status(Some("Authorized"), Some(false), None),
            Status::Authorized
        );
    }

    #[test]
    fn no_numeric_overlay_on_captured() {
        let p = pay(
            json!({"id": "pay_1", "amount": 1000, "currency": "GBP", "status": "Captured",
            "balances": {"total_captured": 1000, "total_refunded": 400}}),
        )
        .unwrap();
        assert_eq!(p.status, Status::Paid);
        assert_eq!(p.refund_amount.as_deref(), Some("4.00"));
    }

    #[test]
    fn money_uses_checkout_exponents() {
        let cases = [
            (1000, "KWD", Some("1.000")),
            (1000, "IQD", Some("1.000")),
            (500, "JPY", Some("500")),
            (1000, "ISK", Some("1000")),
            (7, "CLF", Some("7")),
            (6540, "usd", Some("65.40")),
            (0, "USD", Some("0.00")),
            (-150, "EUR", Some("-1.50")),
            (100, "XYZ", None),
        ];
        for (minor, cur, want) in cases {
            let p = pay(json!({"id": "pay_1", "amount": minor, "currency": cur})).unwrap();
            assert_eq!(p.amount.as_deref(), want, "{minor} {cur}");
        }
        let p = pay(json!({"id": "pay_1", "amount": 100})).unwrap();
        assert_eq!((p.amount, p.currency), (None, None));
        let p = pay(json!({"id": "pay_1", "amount": i64::MAX, "currency": "KWD"})).unwrap();
        assert_eq!(p.amount.as_deref(), Some("9223372036854775.807"));
    }

    #[test]
    fn times_and_text() {
        let p = pay(
            json!({"id": "pay_1", "requested_on": "2024-08-13T15:14:28.1308176Z",
            "expires_on": "2022-11-02T21:16:44+01:00", "reference": "", "description": " "}),
        )
        .unwrap();
        assert_eq!(p.created_at.as_deref(), Some("2024-08-13T15:14:28.130Z"));
        assert_eq!(p.expires_on.as_deref(), Some("2022-11-02T20:16:44Z"));
        assert_eq!((p.reference_id, p.description), (None, None));
        let e = pay(json!({"id": "pay_1", "requested_on": "yesterday"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.requested_on"));
    }

    #[test]
    fn embedded_customer_method_and_metadata() {
        let p = pay(json!({"id": "pay_1",
            "customer": {"id": "cus_1", "name": "", "phone": {"country_code": "+44", "number": "20 7946 0958"}},
            "source": {"id": "src_1", "type": "Card"},
            "metadata": {"__proto__": {"x": 1}, "constructor": "y"}}))
        .unwrap();
        let c = p.customer.unwrap();
        assert_eq!(c.id.as_deref(), Some("cus_1"));
        assert_eq!(c.name, None);
        assert_eq!(c.phone.as_deref(), Some("+442079460958"));
        let m = p.payment_method.unwrap();
        assert_eq!(
            (m.id.as_deref(), m.method.as_deref()),
            (Some("src_1"), Some("card"))
        );
        assert_eq!(
            p.metadata,
            Some(json!({"__proto__": {"x": 1}, "constructor": "y"}))
        );
        let p = pay(json!({"id": "pay_1", "customer": {}, "source": {"cvvCheck": "Y"}})).unwrap();
        assert_eq!((p.customer, p.payment_method), (None, None));
        let e = pay(json!({"id": "pay_1", "metadata": "x"})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.metadata"));
    }

    #[test]
    fn wrong_types_name_path_and_types() {
        let e = pay(json!({"id": "pay_1", "amount": "5000", "currency": "USD"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        assert_eq!(
            e.message,
            "$.amount: expected integer, found string \"5000\""
        );
        let e = pay(json!({"id": "pay_1", "balances": {"total_refunded": 1.5}})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.balances.total_refunded"));
        let e = pay(json!({"id": "pay_1", "customer": {"phone": {"number": 4155552671u64}}}))
            .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.customer.phone.number"));
        assert_eq!(
            e.message,
            // With serde_json `arbitrary_precision` a number reaches a string field as "number".
            "$.customer.phone.number: expected string, found number"
        );
        let e = pay(json!({"id": 12})).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.id"))
        );
        let e = cust(json!({"id": "cus_1", "phone": "+1 415"})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.phone"));
        assert_eq!(
            e.message,
            "$.phone: expected object, found string \"+1 415\""
        );
    }

    #[test]
    fn missing_or_foreign_ids() {
        let e = pay(json!({"amount": 100})).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.id"))
        );
        let e = cust(json!({"name": "A"})).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.id"))
        );
        let e = pay(json!({"id": "order-42"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert!(e.message.contains("pay_"), "{}", e.message);
        let e = pay(json!({"request_id": "r", "error_type": "request_invalid"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
    }

    #[test]
    fn other_kinds_are_mismatched() {
        let cases = [
            // Stripe and Juspay objects carry `object`, Razorpay ones `entity`.
            json!({"id": "cus_NffrFeUfNV2Hib", "object": "customer", "created": 1680893993}),
            json!({"id": "pi_1", "object": "payment_intent", "amount": 100}),
            json!({"id": "cs_test_1", "object": "checkout.session"}),
            json!({"id": "pay_29QQoUBi66xm2f", "entity": "payment", "amount": 100}),
            json!({"id": "act_1", "type": "Capture", "processed_on": "2020-01-29T11:53:40Z"}),
            json!({"id": "sid_qocmjw6skb4u3c4wd3avpot64y", "type": "Authentication", "processed_on": "2023-08-24T14:15:22Z"}),
            json!({"action_id": "act_1", "reference": "R", "_links": {"payment": {"href": "https://x/payments/pay_1"}}}),
            json!({"id": "hpp_kQhs_fI9b8oQ", "status": "Payment Pending", "_links": {}}),
            json!({"id": "pl_irx_SMlY5RCA", "status": "Active"}),
            json!({"id": "evt_1", "type": "payment_captured", "data": {}}),
        ];
        for c in &cases {
            let e = pay(c.clone()).unwrap_err();
            assert_eq!(e.code, ErrorCode::MismatchedPayload, "{c}: {e}");
            let e = cust(c.clone()).unwrap_err();
            assert_eq!(e.code, ErrorCode::MismatchedPayload, "{c}: {e}");
        }
        let e = cust(json!({"id": "pay_1", "amount": 1})).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("payment"), "{}", e.message);
        let e = pay(json!({"id": "cus_1", "name": "A"})).unwrap_err();
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(e.message.contains("customer"), "{}", e.message);
    }

    #[test]
    fn incremental_authorization_rule() {
        let base = json!({"action_id": "act_1", "amount": 50, "currency": "USD", "status": "Authorized",
            "balances": {"total_authorized": 150, "total_refunded": 0},
            "_links": {"self": {"href": "https://api.sandbox.checkout.com/payments/pay_tqgk5c6k2nnexagtcuom5ktlua?x=1"}}});
        let p = pay(base.clone()).unwrap();
        assert_eq!(p.id, "pay_tqgk5c6k2nnexagtcuom5ktlua");
        assert_eq!(p.amount.as_deref(), Some("1.50"));
        assert_eq!(p.status, Status::Authorized);
        // Without a status it describes the action, not the payment.
        let mut no_status = base.clone();
        no_status.as_object_mut().unwrap().remove("status");
        assert_eq!(
            pay(no_status).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        // Without a payment link there is no payment id to give.
        let mut no_link = base.clone();
        no_link["_links"]["self"]["href"] = json!("https://x/payments/act_1/actions");
        assert_eq!(pay(no_link).unwrap_err().code, ErrorCode::MismatchedPayload);
        // Customers never take this path.
        assert_eq!(
            cust(base.clone()).unwrap_err().code,
            ErrorCode::MismatchedPayload
        );
        assert_eq!(
            payment_id_in_href("https://h/payments/pay_abc/"),
            Some("pay_abc")
        );
        assert_eq!(payment_id_in_href("https://h/payments/pay_"), None);
        assert_eq!(payment_id_in_href("https://h/customers/pay_abc"), None);
        assert_eq!(payment_id_in_href("pay_abc"), None);
    }

    #[test]
    fn customer_fields() {
        let c = cust(
            json!({"id": "cus_1", "name": "John Test", "email": "j@t.com",
            "phone": {"country_code": "1", "number": "415 555 2671"}}),
        )
        .unwrap();
        assert_eq!(c.phone.as_deref(), Some("+14155552671"));
        let c = cust(json!({"id": "cus_1", "phone": {"country_code": "+1"}})).unwrap();
        assert_eq!((c.name, c.email, c.phone), (None, None, None));
    }

    #[test]
    fn detection_keeps_collisions_apart() {
        use super::super::detect;
        use crate::providers::Resource;
        let det = |v: Value| crate::providers::on_value(&v, detect).map(|d| (d.resource, d.list));
        // Checkout's own.
        assert_eq!(
            det(json!({"id": "cus_zbgrqmm6s5ne7lszegj5iu4lci"})),
            Some((Some(Resource::Customers), false))
        );
        assert_eq!(
            det(json!({"id": "pay_auth_fail_test_123", "status": "Declined"})),
            Some((Some(Resource::Payments), false))
        );
        assert_eq!(
            det(json!({"id": "sid_ubfj2q76miwundwlk72vxt2i7a"})),
            Some((Some(Resource::Payments), false))
        );
        assert_eq!(
            det(json!({"data": [{"id": "pay_1"}], "total_count": 1, "skip": 0, "limit": 10})),
            Some((Some(Resource::Payments), true))
        );
        assert_eq!(det(json!({"data": [], "_links": {}})), Some((None, true)));
        assert_eq!(
            det(json!({"id": "hpp_1", "_links": {"self": {}}})),
            Some((None, false))
        );
        assert_eq!(
            det(json!({"id": "x", "requested_on": "2019-08-14T18:13:54Z"})),
            Some((None, false))
        );
        // Other providers' objects: never claimed.
        assert_eq!(
            det(json!({"id": "cus_NffrFeUfNV2Hib", "object": "customer", "created": 1})),
            None
        );
        assert_eq!(
            det(json!({"id": "pay_29QQoUBi66xm2f", "entity": "payment"})),
            None
        );
        assert_eq!(
            det(json!({"id": "cs_test_1", "object": "checkout.session", "created": 1})),
            None
        );
        assert_eq!(
            det(json!({"id": "cus_1", "object": "customer", "object_reference_id": "x"})),
            None
        );
        assert_eq!(
            det(json!({"object": "list", "data": [{"id": "cus_1", "object": "customer"}]})),
            None
        );
        assert_eq!(
            det(json!({"entity": "collection", "items": [{"id": "pay_1", "entity": "payment"}]})),
            None
        );
        // Not surely Checkout's.
        assert_eq!(
            det(json!({"id": "act_1", "type": "Capture", "processed_on": "2020-01-29T11:53:40Z"})),
            None
        );
        assert_eq!(det(json!({"action_id": "act_1", "reference": "1"})), None);
        assert_eq!(det(json!({"id": "x", "requested_on": "1700000000"})), None);
        assert_eq!(det(json!({"data": []})), None);
        assert_eq!(det(json!({"hello": "world"})), None);
    }

    #[test]
    fn other_providers_fixtures_are_never_claimed() {
        use super::super::detect;
        for provider in ["stripe", "razorpay", "juspay"] {
            for kind in [
                "customer",
                "order",
                "payment",
                "customer_list",
                "order_list",
                "payment_list",
                "other",
                "webhook",
                "error",
            ] {
                for path in files(provider, kind) {
                    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
                    let first = match &v {
                        Value::Array(items) => items.iter().find_map(Value::as_object),
                        other => other.as_object(),
                    };
                    if let Some(map) = first {
                        assert_eq!(crate::providers::on_value(&Value::Object(map.clone()), detect), None, "{}", path.display());
                    }
                }
            }
        }
    }

    #[test]
    fn envelope_paging() {
        let page = |v: Value| -> Result<(usize, Option<String>), Error> {
            let text = v.to_string();
            let env = super::super::envelope(&text, None)?;
            Ok(env
                .map(|e| (e.items.len(), e.next_cursor))
                .unwrap_or((usize::MAX, None)))
        };
        let ten: Vec<Value> = (0..10).map(|i| json!({"id": format!("pay_{i}")})).collect();
        assert_eq!(
            page(json!({"data": ten, "total_count": 25, "skip": 10, "limit": 10})).unwrap(),
            (10, Some("20".into()))
        );
        assert_eq!(
            page(json!({"data": ten, "total_count": 20, "skip": 10, "limit": 10})).unwrap(),
            (10, None)
        );
        assert_eq!(
            page(json!({"data": ten, "total_count": 25})).unwrap(),
            (10, Some("10".into()))
        );
        assert_eq!(
            page(json!({"data": ten, "_links": {"next": {"href": "https://x"}}})).unwrap(),
            (10, None)
        );
        // Not an envelope: a payment, another provider's list.
        assert_eq!(
            page(json!({"id": "pay_1", "data": []})).unwrap().0,
            usize::MAX
        );
        assert_eq!(
            page(json!({"object": "list", "data": []})).unwrap().0,
            usize::MAX
        );
        let e = page(json!({"data": [], "total_count": "25"})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.total_count"));
        assert_eq!(e.message, "$.total_count: expected integer, found string");
        let e = page(json!({"data": [], "total_count": 5, "skip": -1})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.skip"));
        let e = page(json!({"data": {}, "total_count": 5})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.data"));
    }

    #[test]
    fn every_fixture_normalizes_as_filed() {
        for (kind, resource) in [
            ("customer", "customers"),
            ("payment", "payments"),
            ("payment_list", "payments"),
        ] {
            for path in files("checkout", kind) {
                let bytes = std::fs::read(&path).unwrap();
                let explicit = normalize_value("checkout", resource, &bytes, &opts())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let auto = normalize_value("auto", "auto", &bytes, &opts())
                    .unwrap_or_else(|e| panic!("{} auto: {e}", path.display()));
                assert_eq!(explicit, auto, "{}", path.display());
            }
        }
    }

    #[test]
    fn every_other_fixture_errors_for_every_resource() {
        for path in files("checkout", "other")
            .into_iter()
            .chain(files("checkout", "error"))
        {
            let bytes = std::fs::read(&path).unwrap();
            for p in ["checkout", "auto"] {
                for r in ["customers", "orders", "payments", "auto"] {
                    let e = normalize_value(p, r, &bytes, &opts())
                        .err()
                        .unwrap_or_else(|| panic!("{} as {p}/{r} should fail", path.display()));
                    assert!(
                        matches!(
                            e.code,
                            ErrorCode::InvalidPayload
                                | ErrorCode::MismatchedPayload
                                | ErrorCode::UnsupportedResource
                                | ErrorCode::Undetectable
                        ),
                        "{} as {p}/{r}: {e}",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn odd_fixtures() {
        // Declines without a status.
        for f in [
            "checkout/payment/am_authorize_declined.json",
            "checkout/payment/am_purchase_declined_minimal.json",
        ] {
            let Some(bytes) = fixture(f) else { return };
            let v = normalize_value("checkout", "payments", &bytes, &opts()).unwrap();
            assert_eq!(v["status"], "Declined", "{f}");
        }
        // Incremental authorization: id from the self link, amount the authorized total.
        let Some(bytes) = fixture("checkout/payment/am_incremental_authorization_authorized.json")
        else {
            return;
        };
        let v = normalize_value("auto", "auto", &bytes, &opts()).unwrap();
        assert_eq!(v["id"], "pay_tqgk5c6k2nnexagtcuom5ktlua");
        assert_eq!(v["amount"], "1.50");
        // The action list, as payments: the first item names what it is.
        let Some(bytes) = fixture("checkout/other/nodesdk_get_payment_actions.json") else {
            return;
        };
        let e = normalize_value("checkout", "payments", &bytes, &opts()).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::MismatchedPayload, Some("$[0]"))
        );
        let e = normalize_value("checkout", "orders", &bytes, &opts()).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnsupportedResource);
    }
}

/// Timing of the hot path on fixtures (`cargo test --release --lib checkout_hot_path --
/// --ignored --nocapture`); prints microseconds per call, best of several rounds.
#[cfg(test)]
mod bench {
    use std::hint::black_box as black;
    use std::time::Instant;

    fn best_us(mut f: impl FnMut()) -> f64 {
        for _ in 0..1000 {
            f();
        }
        let mut best = f64::MAX;
        for _ in 0..9 {
            let n = 5000;
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            best = best.min(t.elapsed().as_secs_f64() / f64::from(n) * 1e6);
        }
        best
    }

    #[test]
    #[ignore]
    fn checkout_hot_path() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures/checkout");
        for rel in [
            "payment/javasdk_get_payment_details_authorized_full_with_plan_items_actions.json",
            "payment/javasdk_get_payment_klarna_captured_eur.json",
            "payment_list/nodesdk_search_payments.json",
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(rel)) else {
                continue;
            };
            let validate = best_us(|| {
                black(crate::reader::from_str::<&serde_json::value::RawValue>(black(&text)).ok());
            });
            let value = best_us(|| {
                black(crate::reader::from_str::<serde_json::Value>(black(&text)).ok());
            });
            let envelope = best_us(|| {
                black(super::super::envelope(black(&text), None).ok());
            });
            let map = best_us(|| {
                black(super::payment(black(&text)).ok());
            });
            let shape_read = best_us(|| {
                black(
                    crate::reader::view(black(&text), |v| {
                        let r = super::PAYMENT.scan::<{ super::P::COUNT }>(v);
                        r.check("$", super::NUMBERS).is_ok()
                    })
                    .ok(),
                );
            });
            println!("  read PAYMENT (scan + check) {shape_read:.2} us");
            let opts = crate::Options::default();
            let total = best_us(|| {
                black(
                    crate::normalize(
                        crate::Provider::Checkout,
                        crate::Resource::Payments,
                        black(&text),
                        &opts,
                    )
                    .ok(),
                );
            });
            println!(
                "{rel} ({} B): validate {validate:.2} us, Value parse {value:.2} us, envelope {envelope:.2} us, payment() {map:.2} us, normalize {total:.2} us",
                text.len()
            );
        }
    }
}
