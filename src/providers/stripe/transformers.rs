//! Stripe raw types and their mapping to the unified shapes (docs/mapping.md#stripe; statuses
//! docs/mapping.md#status). The mapping follows the Stripe API reference:
//! - Customer: <https://docs.stripe.com/api/customers/object>
//! - PaymentIntent: <https://docs.stripe.com/api/payment_intents/object>
//! - Charge: <https://docs.stripe.com/api/charges/object>
//! - BalanceTransaction (the fee): <https://docs.stripe.com/api/balance_transactions/object>
//! - Checkout Session: <https://docs.stripe.com/api/checkout/sessions/object>
//! - Orders (deprecated Orders API, old and 2022 beta shapes): <https://stripe.com/docs/api/orders/object>
//! - Event: `normalize` of an Event maps its `data.object`, found by the event reader
//!   (`events.rs`); `parse_webhook` gives the whole unified event: <https://docs.stripe.com/api/events/object>
//! - Expandable fields: <https://docs.stripe.com/api/expanding_objects>
//! - Minor units: <https://docs.stripe.com/currencies#zero-decimal> ([`ExponentTable::Stripe`])
//! - Charge `status: "paid"` before API version 2015-02-18:
//!   <https://docs.stripe.com/changelog/2015-02-18/charges-succeed-have-succeeded-status>
//!
//! Decisions where the mapping contract (docs/mapping.md) was silent or a fixture disagrees (fixtures under
//! `fixtures/stripe/`):
//! - Objects without `object` (old API versions, `payment/pay_charge_*`): payments are told by id
//!   prefix, `ch_` / `py_` Charge and `pi_` PaymentIntent. A `cus_` object without `object` is a
//!   Checkout.com customer (docs/mapping.md#detection-auto), so Stripe customers must carry `object: "customer"`.
//! - An Event (`object: "event"`) and an Event's `data` (`{object: {...}, previous_attributes}`,
//!   `payment/pay_charge_succeeded_livemode_recent_api.json`) are unwrapped to the object inside;
//!   error paths name the place in the whole payload (`$.data.object.amount`).
//! - `latest_charge` holding a list instead of a Charge (`payment/am_pi_requires_action_3ds2.json`
//!   and two more ActiveMerchant fixtures) is read as the legacy `charges` list.
//! - Charge `status: "paid"` (API versions before 2015-02-18) reads as `succeeded`; a succeeded
//!   Charge without `captured` is taken as captured (only `captured: false` says otherwise).
//! - Payment `customer`: the PaymentIntent's own customer, else its charge's; contact details from
//!   the charge's `billing_details`; `receipt_email` from the charge, else the PaymentIntent.
//!   An expanded customer is used whole (no per-field mixing with billing details).
//! - Payment `payment_method`: id from `payment_method`, else the charge's `payment_method`, else
//!   the legacy `source` (PaymentIntent, then charge); method from the expanded payment method's
//!   `type`, else the charge's `payment_method_details.type`, else the source (`source.type` for a
//!   Source object, `card` for a Card object) - e.g. `payment/am_legacy_charge_failed_processing_error.json`.
//! - A voided authorization keeps `refund_amount` = the released amount, as Stripe reports it in
//!   `amount_refunded` (`payment/am_pi_canceled_gbp.json`: `"20.20"`).
//! - The partial-capture overlay is applied literally: `amount_captured: 0` on a captured charge
//!   (`payment/djstripe_charge_succeeded.json`) and `amount_received: 0` on a succeeded
//!   PaymentIntent (`payment/stripejava_payment_intent_expanded_customer_application_legacy.json`)
//!   give `partial`.
//! - A payload without `currency` (`payment/am_pi_multicapture_*.json`) has `null` amounts: the
//!   exponent is unknown, never guessed.
//! - Old Orders API fields: `amount` when `amount_total` is absent, `email` as the customer's email
//!   fallback, `charge` as the payment when there is no PaymentIntent, `updated` -> `updated_at`.
//! - A Checkout Session `complete` without `payment_status` is `pending` (like `unpaid`).
//! - Other providers' payloads (`entity`, `_links`, `object_reference_id`, `order_id` +
//!   `status_id`) are `mismatched_payload` naming the provider to pass.

use super::super::{Provider, Resource};
use crate::error::Error;
use crate::reader::shape::{shape, Expandable, Kind as K, Numbers, Record, Shape};
use crate::reader::view::View;
use crate::rules::money::{self, ExponentTable};
use crate::rules::{self, first_text, text, time};
use crate::unified::{Customer, CustomerRef, Order, Payment, PaymentMethod, Status};
use serde_json::value::RawValue;
use serde_json::Value;

use std::borrow::Cow;

/// Stripe's errors name a number with its value (`found integer `5``), as they always have.
const NUMBERS: Numbers = Numbers::WithValue;

// ---------------------------------------------------------------------------------------------
// Reading from JSON text
// ---------------------------------------------------------------------------------------------

/// The string a raw JSON value holds, `None` when it is not a string.
pub(super) fn raw_str(raw: &RawValue) -> Option<Cow<'_, str>> {
    if !raw.get().starts_with('"') {
        return None;
    }
    crate::reader::view(raw.get(), |v| v.as_str()).ok().flatten()
}

/// The JSON kind of a raw value, worded as [`rules::json_kind`] words it for a parsed value.
pub(super) fn raw_kind(raw: &RawValue) -> &'static str {
    rules::raw_kind(raw.get())
}

/// Reads the object `text` with `shape` (`N` its field count; what it is was classified
/// before), checks every field and hands the record to `map`; errors relative to the object.
fn read<const N: usize, T>(
    text: &str,
    shape: &'static Shape,
    map: impl FnOnce(&Record<'_, '_, N>) -> Result<T, Error>,
) -> Result<T, Error> {
    shape.read(text, NUMBERS, |_: &Record<'_, '_, N>| Ok(()), |r, ()| map(r))
}

// ---------------------------------------------------------------------------------------------
// Declared shapes
// ---------------------------------------------------------------------------------------------

shape! {
    /// A Stripe Customer (<https://docs.stripe.com/api/customers/object>); a deleted one is
    /// `{id, object, deleted: true}`.
    static CUSTOMER: Cu {
        /// `cus_...`.
        id = "id": K::Str, required;
        /// Full name.
        name = "name": K::Str;
        /// Email.
        email = "email": K::Str;
        /// Phone, one string.
        phone = "phone": K::Str;
        /// Unix seconds.
        created = "created": K::Int;
        /// `true` on a deleted customer.
        deleted = "deleted": K::Bool;
    }
}

shape! {
    /// A customer as embedded (expanded) in a payment or an order.
    static CUSTOMER_REF: CR {
        /// `cus_...`.
        id = "id": K::Str;
        /// Full name.
        name = "name": K::Str;
        /// Email.
        email = "email": K::Str;
        /// Phone.
        phone = "phone": K::Str;
        /// `true` on a deleted customer: only the id is left.
        deleted = "deleted": K::Bool;
    }
}

shape! {
    /// Contact details: a charge's `billing_details`, a session's `customer_details`, an order's
    /// `billing_details`.
    static CONTACT: Co {
        /// Full name.
        name = "name": K::Str;
        /// Email.
        email = "email": K::Str;
        /// Phone.
        phone = "phone": K::Str;
    }
}

shape! {
    /// An expanded PaymentMethod (<https://docs.stripe.com/api/payment_methods/object>).
    static PAYMENT_METHOD: PM {
        /// `pm_...` (or `card_...` for legacy cards).
        id = "id": K::Str;
        /// `card`, `sepa_debit`, `us_bank_account`, ...
        kind = "type": K::Str;
    }
}

shape! {
    /// A legacy `source` (a Card `card_...` or a Source `src_...`).
    static SOURCE: So {
        /// `card_...`, `src_...`.
        id = "id": K::Str;
        /// `card`, `source`, `bank_account`, ...
        object = "object": K::Str;
        /// For Source objects: `card`, `ach_credit_transfer`, ...
        kind = "type": K::Str;
    }
}

shape! {
    /// A charge's `payment_method_details`: only its `type` is read.
    static PAYMENT_METHOD_DETAILS: PD {
        /// `card`, `sepa_debit`, ...
        kind = "type": K::Str;
    }
}

shape! {
    /// An expanded BalanceTransaction: the fee and its currency.
    static BALANCE_TRANSACTION: BT {
        /// Stripe's fee in minor units of `currency`.
        fee = "fee": K::Int;
        /// The settlement currency (may differ from the charge's).
        currency = "currency": K::Str;
    }
}

shape! {
    /// An expanded object of which only the id is read (a charge's legacy `order`).
    static ID_ONLY: IdF {
        /// The id.
        id = "id": K::Str;
    }
}

shape! {
    /// A Stripe list of charges as embedded in an object (a PaymentIntent's legacy `charges`).
    static LIST: L {
        /// The items, newest first.
        data = "data": K::List(&CHARGE);
    }
}

shape! {
    /// A Stripe Charge (<https://docs.stripe.com/api/charges/object>), top-level or as a
    /// PaymentIntent's charge. `id` is optional only because some fixtures put a list where a
    /// charge belongs (see the module docs); the top-level mapping requires it.
    static CHARGE: Ch {
        /// `ch_...` / `py_...`.
        id = "id": K::Str;
        /// `charge` (or `list` in the fixture quirk).
        object = "object": K::Str;
        /// Minor units.
        amount = "amount": K::Int;
        /// Minor units captured.
        amount_captured = "amount_captured": K::Int;
        /// Minor units refunded.
        amount_refunded = "amount_refunded": K::Int;
        /// `false` for an uncaptured authorization.
        captured = "captured": K::Bool;
        /// `true` when fully refunded.
        refunded = "refunded": K::Bool;
        /// Lower-case ISO code.
        currency = "currency": K::Str;
        /// `pending`, `succeeded`, `failed` (`paid` before 2015-02-18).
        status = "status": K::Str;
        /// Customer id or expanded customer.
        customer = "customer": K::Expandable(&CUSTOMER_REF);
        /// The payer's contact details.
        billing_details = "billing_details": K::Object(&CONTACT);
        /// Where the receipt went.
        receipt_email = "receipt_email": K::Str;
        /// Free text.
        description = "description": K::Str;
        /// PaymentMethod id or expanded object.
        payment_method = "payment_method": K::Expandable(&PAYMENT_METHOD);
        /// What kind of method paid.
        payment_method_details = "payment_method_details": K::Object(&PAYMENT_METHOD_DETAILS);
        /// Legacy card / source.
        source = "source": K::Expandable(&SOURCE);
        /// Balance transaction id or expanded object (the fee).
        balance_transaction = "balance_transaction": K::Expandable(&BALANCE_TRANSACTION);
        /// Unix seconds.
        created = "created": K::Int;
        /// Legacy Orders API order id or expanded order.
        order = "order": K::Expandable(&ID_ONLY);
        /// Key/value metadata, parsed only when copied out.
        metadata = "metadata": K::Any;
        /// Items, when a list stands where a charge belongs (fixture quirk).
        data = "data": K::List(&CHARGE);
    }
}

shape! {
    /// A Stripe PaymentIntent (<https://docs.stripe.com/api/payment_intents/object>).
    static PAYMENT_INTENT: PI {
        /// `pi_...`.
        id = "id": K::Str, required;
        /// Minor units.
        amount = "amount": K::Int;
        /// Minor units received (captured).
        amount_received = "amount_received": K::Int;
        /// Lower-case ISO code.
        currency = "currency": K::Str;
        /// The PaymentIntent status.
        status = "status": K::Str;
        /// Customer id or expanded customer.
        customer = "customer": K::Expandable(&CUSTOMER_REF);
        /// Free text.
        description = "description": K::Str;
        /// PaymentMethod id or expanded object.
        payment_method = "payment_method": K::Expandable(&PAYMENT_METHOD);
        /// Legacy source.
        source = "source": K::Expandable(&SOURCE);
        /// Unix seconds.
        created = "created": K::Int;
        /// Where the receipt goes.
        receipt_email = "receipt_email": K::Str;
        /// Key/value metadata, parsed only when copied out.
        metadata = "metadata": K::Any;
        /// The latest charge, id or expanded.
        latest_charge = "latest_charge": K::Expandable(&CHARGE);
        /// Legacy (API versions before 2022-11-15) list of charges, newest first.
        charges = "charges": K::Object(&LIST);
    }
}

shape! {
    /// A Stripe Checkout Session (<https://docs.stripe.com/api/checkout/sessions/object>).
    static CHECKOUT_SESSION: Se {
        /// `cs_...`.
        id = "id": K::Str, required;
        /// Minor units.
        amount_total = "amount_total": K::Int;
        /// Lower-case ISO code.
        currency = "currency": K::Str;
        /// Unix seconds.
        created = "created": K::Int;
        /// `open`, `complete`, `expired`.
        status = "status": K::Str;
        /// `paid`, `unpaid`, `no_payment_required`.
        payment_status = "payment_status": K::Str;
        /// Customer id or expanded customer.
        customer = "customer": K::Expandable(&CUSTOMER_REF);
        /// What the buyer entered.
        customer_details = "customer_details": K::Object(&CONTACT);
        /// Email prefilled by the merchant.
        customer_email = "customer_email": K::Str;
        /// PaymentIntent id or expanded object.
        payment_intent = "payment_intent": K::Expandable(&PAYMENT_INTENT);
    }
}

shape! {
    /// An Orders API order's `payment` hash (2022 beta).
    static ORDER_PAYMENT: OP {
        /// PaymentIntent id or expanded object.
        payment_intent = "payment_intent": K::Expandable(&PAYMENT_INTENT);
    }
}

shape! {
    /// A Stripe Order (deprecated Orders API; both the 2015-2019 and the 2022 beta shapes).
    static ORDER: Or {
        /// `order_...` / `or_...`.
        id = "id": K::Str, required;
        /// Minor units (2022 beta).
        amount_total = "amount_total": K::Int;
        /// Minor units (2015-2019).
        amount = "amount": K::Int;
        /// Lower-case ISO code.
        currency = "currency": K::Str;
        /// Unix seconds.
        created = "created": K::Int;
        /// Unix seconds (2015-2019).
        updated = "updated": K::Int;
        /// The order status.
        status = "status": K::Str;
        /// Customer id or expanded customer.
        customer = "customer": K::Expandable(&CUSTOMER_REF);
        /// Contact details (2022 beta).
        billing_details = "billing_details": K::Object(&CONTACT);
        /// Customer email (2015-2019).
        email = "email": K::Str;
        /// PaymentIntent id or expanded object (2022 beta).
        payment_intent = "payment_intent": K::Expandable(&PAYMENT_INTENT);
        /// Payment hash (2022 beta).
        payment = "payment": K::Object(&ORDER_PAYMENT);
        /// Charge id or expanded charge (2015-2019).
        charge = "charge": K::Expandable(&CHARGE);
    }
}

/// A checked Charge.
type ChargeRecord<'t, 'a> = Record<'t, 'a, { Ch::COUNT }>;
/// A checked PaymentIntent.
type IntentRecord<'t, 'a> = Record<'t, 'a, { PI::COUNT }>;
/// A customer field as read.
type CustomerField<'t, 'a> = Expandable<'t, 'a, { CR::COUNT }>;
/// Contact details as read.
type ContactRecord<'t, 'a> = Record<'t, 'a, { Co::COUNT }>;

// ---------------------------------------------------------------------------------------------
// What a payload is
// ---------------------------------------------------------------------------------------------

shape! {
    /// The few fields that tell what a payload is, looked at before anything is typed (which
    /// shape to read depends on them, and a payload of the wrong kind is `mismatched_payload`
    /// whatever its other fields hold).
    static PROBE: Pr {
        /// `payment_intent`, `event`, ... or `{...}` (an Event's `data`).
        object = "object": K::Any;
        /// The id (only read when a string).
        id = "id": K::Any;
        /// Juspay customers.
        object_reference_id = "object_reference_id": K::Any;
        /// Juspay customers: a string `date_created`.
        date_created = "date_created": K::Any;
        /// Juspay order status responses (with `status_id`).
        order_id = "order_id": K::Any;
        /// Juspay order status responses (with `order_id`).
        status_id = "status_id": K::Any;
        /// Razorpay objects.
        entity = "entity": K::Any;
        /// Checkout.com objects.
        links = "_links": K::Any;
    }
}

/// What [`PROBE`] found: `object` (a string, or the object inside an Event's `data`; `null`
/// kept apart from a missing key), `id` and other providers' discriminators (an Event's
/// `data.object` is found by the event reader).
struct Probe<'a> {
    /// `object`, whatever its value; `None` when the key is missing.
    object: Option<&'a RawValue>,
    /// The id, when present and not `null`.
    id: Option<&'a RawValue>,
    /// `object_reference_id` is present.
    object_reference_id: bool,
    /// `date_created` is a string.
    date_created: bool,
    /// `order_id` is present.
    order_id: bool,
    /// `status_id` is present.
    status_id: bool,
    /// `entity` is present.
    entity: bool,
    /// `_links` is present.
    links: bool,
}

/// The [`Probe`] of the object `text`.
fn probe(text: &str) -> Result<Probe<'_>, Error> {
    crate::reader::view(text, |v| {
        let r = PROBE.scan::<{ Pr::COUNT }>(v);
        Probe {
            object: r.get(Pr::object).and_then(View::raw),
            id: r.view(Pr::id).and_then(View::raw),
            object_reference_id: r.get(Pr::object_reference_id).is_some(),
            date_created: r.get(Pr::date_created).is_some_and(View::is_string),
            order_id: r.get(Pr::order_id).is_some(),
            status_id: r.get(Pr::status_id).is_some(),
            entity: r.get(Pr::entity).is_some(),
            links: r.get(Pr::links).is_some(),
        }
    })
    .map_err(|e| Error::from_json(e, text))
}

/// What a Stripe object says it is (its `object`, or for old objects without one, its id prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    /// `customer`.
    Customer,
    /// `payment_intent` (or a `pi_` id without `object`).
    PaymentIntent,
    /// `charge` (or a `ch_` / `py_` id without `object`).
    Charge,
    /// `checkout.session`.
    CheckoutSession,
    /// `order`.
    Order,
    /// Another Stripe object (`refund`, `balance_transaction`, ...), by its `object`.
    Other(&'a str),
    /// No `object` and no id prefix we know.
    Unknown,
}

impl<'a> Kind<'a> {
    /// The unified resource this kind maps to.
    pub(super) fn resource(self) -> Option<Resource> {
        match self {
            Kind::Customer => Some(Resource::Customers),
            Kind::PaymentIntent | Kind::Charge => Some(Resource::Payments),
            Kind::CheckoutSession | Kind::Order => Some(Resource::Orders),
            Kind::Other(_) | Kind::Unknown => None,
        }
    }

    /// Whether `id` has the prefix Stripe gives this kind's ids.
    pub(super) fn id_prefix_matches(self, id: &str) -> bool {
        match self {
            Kind::Customer => id.starts_with("cus_"),
            Kind::PaymentIntent => id.starts_with("pi_"),
            Kind::Charge => id.starts_with("ch_") || id.starts_with("py_"),
            Kind::CheckoutSession => id.starts_with("cs_"),
            Kind::Order => id.starts_with("order_") || id.starts_with("or_"),
            Kind::Other(_) | Kind::Unknown => false,
        }
    }

    /// The kind an `object` string names.
    pub(super) fn of_word(o: &'a str) -> Kind<'a> {
        match o {
            "customer" => Kind::Customer,
            "payment_intent" => Kind::PaymentIntent,
            "charge" => Kind::Charge,
            "checkout.session" => Kind::CheckoutSession,
            "order" => Kind::Order,
            other => Kind::Other(other),
        }
    }

    /// The kind of an object without `object`: old API versions left it out of some payloads,
    /// so payments are told by id prefix.
    pub(super) fn of_id(id: &str) -> Kind<'a> {
        if Kind::PaymentIntent.id_prefix_matches(id) {
            Kind::PaymentIntent
        } else if Kind::Charge.id_prefix_matches(id) {
            Kind::Charge
        } else {
            Kind::Unknown
        }
    }
}

/// The `invalid_payload` error for an `object` that is not a string.
fn object_type_error(kind: &str) -> Error {
    Error::payload("$.object", format!("expected string, found {kind}"))
}

/// A probed object's `object` string, its id and its kind (see the kind rule of `detect_object` in `mod.rs`).
struct Probed<'a> {
    /// `object`, when a string.
    object: Option<Cow<'a, str>>,
    /// `id`, when a string.
    id: Option<Cow<'a, str>>,
}

impl Probed<'_> {
    /// See the kind rule of `detect_object` in `mod.rs`: `object` of the wrong type was already refused by [`probed`].
    fn kind(&self) -> Kind<'_> {
        match &self.object {
            Some(o) => Kind::of_word(o),
            None => Kind::of_id(self.id.as_deref().unwrap_or("")),
        }
    }
}

/// the kind rule of `detect_object` in `mod.rs` on a probe: the `object` string (or `invalid_payload` when it is not one) and
/// the id.
fn probed<'a>(probe: &Probe<'a>) -> Result<Probed<'a>, Error> {
    let object = match probe.object {
        None => None,
        Some(raw) => match raw.get().as_bytes().first() {
            Some(b'n') => None,
            Some(b'"') => raw_str(raw),
            _ => return Err(object_type_error(raw_kind(raw))),
        },
    };
    Ok(Probed {
        object,
        id: probe.id.and_then(raw_str),
    })
}

/// The object a payload carries, as the probe of that object, its text and its JSON path: the
/// payload itself (`$`), the object inside an Event (`$.data.object`), or the object inside an
/// Event's `data` (`{object: {...}, previous_attributes}`: `$.object`).
fn unwrap(raw: &str) -> Result<(Probe<'_>, &str, &'static str), Error> {
    if !raw.starts_with('{') {
        let kind = rules::raw_kind(raw);
        return Err(Error::payload(
            "$",
            format!("expected a Stripe object, found {kind}"),
        ));
    }
    let probe = probe(raw)?;
    let Some(object) = probe.object else {
        return Ok((probe, raw, "$"));
    };
    let object_text = object.get();
    if object_text.starts_with('{') {
        let p = self::probe(object_text).map_err(|e| e.within("$.object"))?;
        return Ok((p, object_text, "$.object"));
    }
    if !object_text.starts_with('"') || raw_str(object).as_deref() != Some("event") {
        return Ok((probe, raw, "$"));
    }
    let missing = || {
        Error::payload(
            "$.data.object",
            "required field `object` is missing; a Stripe event carries its object in data.object",
        )
    };
    // An Event: the object inside is found by the event reader (events.rs), not here.
    match super::events::event_object(raw)? {
        Some(obj) => {
            let p = self::probe(obj.get()).map_err(|e| e.within("$.data.object"))?;
            Ok((p, obj.get(), "$.data.object"))
        }
        None => Err(missing()),
    }
}

/// Top-level keys a Stripe object never carries, by which another provider's object is known
/// (docs/mapping.md#detection-auto): `object_reference_id` or a string `date_created`, `order_id`
/// with `status_id`, `entity` without `object`, `_links`.
struct NotStripe {
    object_reference_id: bool,
    date_created_string: bool,
    order_id: bool,
    status_id: bool,
    entity: bool,
    object: bool,
    links: bool,
}

impl NotStripe {
    /// The first key that says the object cannot be Stripe's, worded for a message.
    fn key(&self) -> Option<&'static str> {
        if self.object_reference_id {
            Some("`object_reference_id`")
        } else if self.date_created_string {
            Some("a string `date_created`")
        } else if self.order_id && self.status_id {
            Some("`order_id` with `status_id`")
        } else if self.entity && !self.object {
            Some("`entity`")
        } else if self.links {
            Some("`_links`")
        } else {
            None
        }
    }
}

/// Whether a top-level object cannot be Stripe's ([`NotStripe`]).
pub(super) fn not_stripe(map: View<'_, '_>) -> bool {
    let mut marks = NotStripe {
        object_reference_id: false,
        date_created_string: false,
        order_id: false,
        status_id: false,
        entity: false,
        object: false,
        links: false,
    };
    // One walk of the keys (a repeated `date_created` counts by its last value).
    for (key, value) in map.entries() {
        match key.decoded().as_deref() {
            Some("object_reference_id") => marks.object_reference_id = true,
            Some("date_created") => marks.date_created_string = value.is_string(),
            Some("order_id") => marks.order_id = true,
            Some("status_id") => marks.status_id = true,
            Some("entity") => marks.entity = true,
            Some("object") => marks.object = true,
            Some("_links") => marks.links = true,
            _ => {}
        }
    }
    marks.key().is_some()
}

/// The error for an object that is not Stripe's (`text`, its probe `p` shows a key of
/// [`NotStripe`]), or `None`: the provider whose recognizer claims it, else what the keys say.
fn not_stripe_probe(p: &Probe<'_>, text: &str) -> Option<Error> {
    let marks = NotStripe {
        object_reference_id: p.object_reference_id,
        date_created_string: p.date_created,
        order_id: p.order_id,
        status_id: p.status_id,
        entity: p.entity,
        object: p.object.is_some(),
        links: p.links,
    };
    let key = marks.key()?;
    Some(
        crate::providers::claimed_elsewhere(Provider::Stripe, text).unwrap_or_else(|| {
            Error::mismatched(
                "$",
                format!("this is not a Stripe object: it has {key}, which Stripe objects never carry"),
            )
        }),
    )
}

/// The error for a Stripe object of `kind` (with string id `id`, text `text`) passed as `wanted`.
fn mismatch(kind: Kind<'_>, id: Option<&str>, text: &str, wanted: Resource) -> Error {
    let looks = match kind {
        Kind::Customer => "a Stripe customer",
        Kind::PaymentIntent => "a Stripe PaymentIntent (a payment)",
        Kind::Charge => "a Stripe Charge (a payment)",
        Kind::CheckoutSession => "a Stripe Checkout Session (an order)",
        Kind::Order => "a Stripe Order",
        Kind::Other(o) => {
            return Error::mismatched(
                "$",
                format!(
                    "this looks like a Stripe {o}, which is not a customer, order or payment; paynorm maps Stripe customers, payment_intents, charges, checkout.sessions and orders"
                ),
            )
        }
        Kind::Unknown => {
            // No `object`: perhaps another provider's object.
            if let Some(e) = crate::providers::claimed_elsewhere(Provider::Stripe, text) {
                return e;
            }
            if id.unwrap_or("").starts_with("cus_") {
                return Error::mismatched(
                    "$",
                    "this looks like a Checkout.com customer (a cus_ id without Stripe's `object` field); pass provider \"checkout\"",
                );
            }
            return Error::payload(
                "$.object",
                format!(
                    "required field `object` is missing and the id does not tell a Stripe {} (expected object: {})",
                    wanted.singular(),
                    expected_objects(wanted)
                ),
            );
        }
    };
    match kind.resource() {
        Some(r) => Error::mismatched(
            "$",
            format!(
                "this looks like {looks}, not a {}; pass resource \"{}\"",
                wanted.singular(),
                r.as_str()
            ),
        ),
        None => Error::mismatched("$", format!("this looks like {looks}")),
    }
}

/// The `object` values accepted for a resource, for messages.
fn expected_objects(r: Resource) -> &'static str {
    match r {
        Resource::Customers => "\"customer\"",
        Resource::Payments => "\"payment_intent\" or \"charge\"",
        Resource::Orders => "\"checkout.session\" or \"order\"",
    }
}

/// Checks the probed object is a Stripe object of a kind that maps to `wanted` (else the
/// `mismatched_payload` / `invalid_payload` saying what it is) and returns its kind.
fn classify(probe: &Probe<'_>, text: &str, wanted: Resource) -> Result<Kind<'static>, Error> {
    if let Some(e) = not_stripe_probe(probe, text) {
        return Err(e);
    }
    let probed = probed(probe)?;
    let kind = probed.kind();
    if kind.resource() == Some(wanted) {
        // The mappable kinds borrow nothing.
        Ok(match kind {
            Kind::Customer => Kind::Customer,
            Kind::PaymentIntent => Kind::PaymentIntent,
            Kind::Charge => Kind::Charge,
            Kind::CheckoutSession => Kind::CheckoutSession,
            Kind::Order => Kind::Order,
            Kind::Other(_) | Kind::Unknown => Kind::Unknown,
        })
    } else {
        Err(mismatch(kind, probed.id.as_deref(), text, wanted))
    }
}

// ---------------------------------------------------------------------------------------------
// List envelopes
// ---------------------------------------------------------------------------------------------

/// A list item's string `id` (the cursor of the next page), looked up on the tape.
pub(super) fn id_of_item(item: &RawValue) -> Option<Cow<'_, str>> {
    if !item.get().starts_with('{') {
        return None;
    }
    crate::reader::view(item.get(), |v| v.get("id").and_then(View::as_str))
        .ok()
        .flatten()
}

// ---------------------------------------------------------------------------------------------
// Entry points (registered in `mod.rs`)
// ---------------------------------------------------------------------------------------------

/// Maps a Stripe customer (or an Event carrying one).
pub(super) fn customer(raw: &str) -> Result<Customer, Error> {
    let (probe, obj, at) = unwrap(raw)?;
    map_customer(&probe, obj).map_err(|e| e.within(at))
}

/// Maps a Stripe PaymentIntent or Charge (or an Event carrying one).
pub(super) fn payment(raw: &str) -> Result<Payment, Error> {
    let (probe, obj, at) = unwrap(raw)?;
    map_payment(&probe, obj).map_err(|e| e.within(at))
}

/// Maps a Stripe Checkout Session or Order (or an Event carrying one).
pub(super) fn order(raw: &str) -> Result<Order, Error> {
    let (probe, obj, at) = unwrap(raw)?;
    map_order(&probe, obj).map_err(|e| e.within(at))
}

/// [`customer`] on the unwrapped object (`probe` is its probe); paths relative to it.
fn map_customer(probe: &Probe<'_>, obj: &str) -> Result<Customer, Error> {
    classify(probe, obj, Resource::Customers)?;
    read::<{ Cu::COUNT }, _>(obj, &CUSTOMER, |c| {
        let id = non_empty_id(c.str(Cu::id).as_deref(), "$")?;
        if c.bool(Cu::deleted) == Some(true) {
            // A deleted customer is only a tombstone: its id, nothing else.
            return Ok(Customer {
                id,
                name: None,
                email: None,
                phone: None,
                created_at: None,
                updated_at: None,
                remote_data: None,
            });
        }
        Ok(Customer {
            id,
            name: text(c.str(Cu::name).as_deref()),
            email: text(c.str(Cu::email).as_deref()),
            phone: text(c.str(Cu::phone).as_deref()),
            created_at: time::unix_field("$.created", c.int(Cu::created))?,
            updated_at: None,
            remote_data: None,
        })
    })
}

/// [`payment`] on the unwrapped object.
fn map_payment(probe: &Probe<'_>, obj: &str) -> Result<Payment, Error> {
    let kind = classify(probe, obj, Resource::Payments)?;
    if kind == Kind::PaymentIntent {
        read::<{ PI::COUNT }, _>(obj, &PAYMENT_INTENT, |pi| payment_intent(pi, "$"))
    } else {
        read::<{ Ch::COUNT }, _>(obj, &CHARGE, |c| charge(c, "$"))
    }
}

/// [`order`] on the unwrapped object.
fn map_order(probe: &Probe<'_>, obj: &str) -> Result<Order, Error> {
    let kind = classify(probe, obj, Resource::Orders)?;
    if kind == Kind::CheckoutSession {
        read::<{ Se::COUNT }, _>(obj, &CHECKOUT_SESSION, checkout_session)
    } else {
        read::<{ Or::COUNT }, _>(obj, &ORDER, legacy_order)
    }
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

/// The id as a unified id: present and non-empty, else `invalid_payload` at `{at}.id`.
fn non_empty_id(id: Option<&str>, at: &str) -> Result<String, Error> {
    match id {
        None => Err(Error::payload(
            format!("{at}.id"),
            "required field `id` is missing",
        )),
        Some(id) => text(Some(id)).ok_or_else(|| {
            Error::payload(format!("{at}.id"), "expected a non-empty id, found \"\"")
        }),
    }
}

/// Minor units of the (upper-case) currency to a major-unit string; `None` when either is
/// missing or the currency is unknown to Stripe's exponent table.
fn major(minor: Option<i64>, currency: Option<&str>) -> Option<String> {
    money::minor_to_major(minor?, currency?, ExponentTable::Stripe)
}

/// The customer field of a record (`field` declared `Expandable(&CUSTOMER_REF)`).
fn customer_field<'t, 'a, const N: usize>(
    r: &Record<'t, 'a, N>,
    field: impl Into<usize>,
) -> Option<CustomerField<'t, 'a>> {
    r.expandable(field, &CUSTOMER_REF)
}

/// The contact details of a record (`field` declared `Object(&CONTACT)`).
fn contact_field<'t, 'a, const N: usize>(
    r: &Record<'t, 'a, N>,
    field: impl Into<usize>,
) -> Option<ContactRecord<'t, 'a>> {
    r.view(field).map(|v| CONTACT.scan(v))
}

/// The unified customer: an expanded customer whole, else the customer id with contact details
/// (`emails` are fallbacks for the email, in order); `None` when nothing is known.
fn customer_ref(
    customer: Option<&CustomerField<'_, '_>>,
    contact: Option<&ContactRecord<'_, '_>>,
    emails: &[Option<&str>],
) -> Option<CustomerRef> {
    if let Some(Expandable::Object(c)) = customer {
        let deleted = c.bool(CR::deleted) == Some(true);
        let unless_deleted = |field: CR| {
            if deleted {
                None
            } else {
                text(c.str(field).as_deref())
            }
        };
        return CustomerRef {
            id: text(c.str(CR::id).as_deref()),
            name: unless_deleted(CR::name),
            email: unless_deleted(CR::email),
            phone: unless_deleted(CR::phone),
        }
        .non_empty();
    }
    let id = match customer {
        Some(Expandable::Id(id)) => text(Some(id)),
        _ => None,
    };
    let contact_email = contact.and_then(|c| c.str(Co::email));
    CustomerRef {
        id,
        name: contact.and_then(|c| text(c.str(Co::name).as_deref())),
        email: first_text(std::iter::once(contact_email.as_deref()).chain(emails.iter().copied())),
        phone: contact.and_then(|c| text(c.str(Co::phone).as_deref())),
    }
    .non_empty()
}

/// The charge of a PaymentIntent: its expanded `latest_charge`, else the first (newest) item of
/// the legacy `charges` list. A list standing in `latest_charge` is read as that list.
fn charge_of<'t, 'a>(pi: &IntentRecord<'t, 'a>) -> Option<ChargeRecord<'t, 'a>> {
    let latest = pi.expandable::<{ Ch::COUNT }>(PI::latest_charge, &CHARGE);
    match latest {
        Some(Expandable::Object(c)) if c.str(Ch::object).as_deref() == Some("list") => {
            c.first_item(Ch::data, &CHARGE)
        }
        Some(Expandable::Object(c)) => Some(c),
        _ => pi
            .view(PI::charges)
            .map(|l| LIST.scan::<{ L::COUNT }>(l))
            .and_then(|l| l.first_item(L::data, &CHARGE)),
    }
}

/// The fee from the charge's expanded balance transaction, only when it is in the payment's
/// currency (a fee settled in another currency is not comparable to the amount).
fn fee_of(charge: &ChargeRecord<'_, '_>, currency: Option<&str>) -> Option<String> {
    let bt = charge.expandable::<{ BT::COUNT }>(Ch::balance_transaction, &BALANCE_TRANSACTION)?;
    let bt = bt.object()?;
    let bt_currency = money::currency(bt.str(BT::currency).as_deref())?;
    if Some(bt_currency.as_str()) != currency {
        return None;
    }
    major(bt.int(BT::fee), currency)
}

/// A payment method and a legacy source as a record holds them.
struct Method<'t, 'a> {
    /// `payment_method`: id or expanded PaymentMethod.
    pm: Option<Expandable<'t, 'a, { PM::COUNT }>>,
    /// `source`: id or expanded Card / Source.
    source: Option<Expandable<'t, 'a, { So::COUNT }>>,
}

impl<'t, 'a> Method<'t, 'a> {
    /// The `payment_method` and `source` fields of a record.
    fn of<const N: usize>(
        r: &Record<'t, 'a, N>,
        pm: impl Into<usize>,
        source: impl Into<usize>,
    ) -> Self {
        Method {
            pm: r.expandable(pm, &PAYMENT_METHOD),
            source: r.expandable(source, &SOURCE),
        }
    }

    /// The payment method's id (string or expanded).
    fn pm_id(&self) -> Option<String> {
        text(self.pm.as_ref()?.id(PM::id).as_deref())
    }

    /// The source's id (string or expanded).
    fn source_id(&self) -> Option<String> {
        text(self.source.as_ref()?.id(So::id).as_deref())
    }

    /// The expanded payment method's `type`.
    fn pm_kind(&self) -> Option<String> {
        text(self.pm.as_ref()?.object()?.str(PM::kind).as_deref())
    }

    /// A legacy source's payment-method kind: a Source's `type`, or `card` for a Card object.
    fn source_kind(&self) -> Option<String> {
        let s = self.source.as_ref()?.object()?;
        let kind = s.str(So::kind);
        let kind = kind.as_deref().or(match s.str(So::object).as_deref() {
            Some("card") => Some("card"),
            _ => None,
        });
        text(kind)
    }
}

/// The unified payment method from the payment's own fields (`own`, the PaymentIntent's for a
/// PaymentIntent) and its charge's.
fn payment_method_of(own: Option<&Method>, charge: Option<&ChargeRecord>) -> Option<PaymentMethod> {
    let theirs = charge.map(|c| Method::of(c, Ch::payment_method, Ch::source));
    let theirs = theirs.as_ref();
    let id = own
        .and_then(Method::pm_id)
        .or_else(|| theirs.and_then(Method::pm_id))
        .or_else(|| own.and_then(Method::source_id))
        .or_else(|| theirs.and_then(Method::source_id));
    let details_kind = || {
        let details = charge?.view(Ch::payment_method_details)?;
        let details = PAYMENT_METHOD_DETAILS.scan::<{ PD::COUNT }>(details);
        text(details.str(PD::kind).as_deref())
    };
    let method = own
        .and_then(Method::pm_kind)
        .or_else(|| theirs.and_then(Method::pm_kind))
        .or_else(details_kind)
        .or_else(|| own.and_then(Method::source_kind))
        .or_else(|| theirs.and_then(Method::source_kind))
        .map(|m| m.to_ascii_lowercase());
    PaymentMethod { id, method }.non_empty()
}

/// `order_id`: the charge's legacy `order`, else `metadata.order_id` (`metadata` as copied out).
fn order_id_of(charge: Option<&ChargeRecord>, metadata: Option<&Value>) -> Option<String> {
    charge
        .and_then(|c| c.expandable::<{ IdF::COUNT }>(Ch::order, &ID_ONLY))
        .and_then(|o| text(o.id(IdF::id).as_deref()))
        .or_else(|| text(metadata?.get("order_id")?.as_str()))
}

/// Whether a charge is an uncaptured card authorization (a PaymentIntent cancelled with one is
/// `voided`, not `cancelled`).
fn is_uncaptured_authorization(c: &ChargeRecord) -> bool {
    c.bool(Ch::captured) == Some(false)
        && matches!(c.str(Ch::status).as_deref(), Some("succeeded" | "paid"))
}

/// docs/mapping.md#status, Stripe PaymentIntent.
fn payment_intent_status(pi: &IntentRecord, charge: Option<&ChargeRecord>) -> Status {
    let Some(status) = pi.str(PI::status) else {
        return Status::Unknown;
    };
    match status.as_ref() {
        "requires_payment_method"
        | "requires_confirmation"
        | "requires_action"
        | "processing"
        // Older API versions (before 2019-02-11).
        | "requires_source"
        | "requires_source_action" => Status::Pending,
        "requires_capture" => Status::Authorized,
        "succeeded" => Status::overlay_paid(
            charge.and_then(|c| c.bool(Ch::refunded)),
            charge.and_then(|c| c.int(Ch::amount_refunded)).map(i128::from),
            match (pi.int(PI::amount_received), pi.int(PI::amount)) {
                (Some(received), Some(amount)) => Some(received < amount),
                _ => None,
            },
        ),
        "canceled" => {
            if charge.is_some_and(is_uncaptured_authorization) {
                Status::Voided
            } else {
                Status::Cancelled
            }
        }
        other => Status::raw(other),
    }
}

/// docs/mapping.md#status, Stripe Charge.
fn charge_status(c: &ChargeRecord) -> Status {
    let Some(status) = c.str(Ch::status) else {
        return Status::Unknown;
    };
    match status.as_ref() {
        "pending" => Status::Pending,
        // `paid` is the pre-2015-02-18 word for `succeeded`.
        "succeeded" | "paid" => {
            if c.bool(Ch::captured) == Some(false) {
                // Released authorizations show as refunded without a capture.
                if c.bool(Ch::refunded) == Some(true) {
                    Status::Voided
                } else {
                    Status::Authorized
                }
            } else {
                Status::overlay_paid(
                    c.bool(Ch::refunded),
                    c.int(Ch::amount_refunded).map(i128::from),
                    match (c.int(Ch::amount_captured), c.int(Ch::amount)) {
                        (Some(captured), Some(amount)) => Some(captured < amount),
                        _ => None,
                    },
                )
            }
        }
        // Declines and errors: no `failed` in the vocabulary, passed through verbatim.
        "failed" => Status::raw(&status),
        other => Status::raw(other),
    }
}

/// docs/mapping.md#status, Stripe Checkout Session.
fn checkout_session_status(status: Option<&str>, payment_status: Option<&str>) -> Status {
    let Some(status) = status else {
        return Status::Unknown;
    };
    match (status, payment_status) {
        ("open", _) => Status::Pending,
        ("complete", Some("paid" | "no_payment_required")) => Status::Paid,
        // `unpaid`: a delayed payment method is still processing.
        ("complete", _) => Status::Pending,
        ("expired", _) => Status::raw(status),
        (other, _) => Status::raw(other),
    }
}

/// docs/mapping.md#status, Stripe Order (both Orders API generations).
fn order_status(status: Option<&str>) -> Status {
    let Some(status) = status else {
        return Status::Unknown;
    };
    match status {
        "created" | "open" | "submitted" | "processing" => Status::Pending,
        "paid" | "complete" | "fulfilled" => Status::Paid,
        "returned" => Status::Refunded,
        "canceled" => Status::Cancelled,
        other => Status::raw(other),
    }
}

/// A PaymentIntent at JSON path `at` as a unified payment.
fn payment_intent(pi: &IntentRecord, at: &str) -> Result<Payment, Error> {
    let currency = money::currency(pi.str(PI::currency).as_deref());
    let cur = currency.as_deref();
    let charge = charge_of(pi);
    let charge = charge.as_ref();
    // Fallible fields in output order: id, created_at, metadata.
    let id = non_empty_id(pi.str(PI::id).as_deref(), at)?;
    let created_at = time::unix_field_at(|| format!("{at}.created"), pi.int(PI::created))?;
    let metadata = rules::metadata_raw_at(
        || format!("{at}.metadata"),
        pi.view(PI::metadata).and_then(View::raw),
    )?;
    let customer = customer_field(pi, PI::customer)
        .or_else(|| charge.and_then(|c| customer_field(c, Ch::customer)));
    let contact = charge.and_then(|c| contact_field(c, Ch::billing_details));
    let charge_email = charge.and_then(|c| c.str(Ch::receipt_email));
    let own_email = pi.str(PI::receipt_email);
    Ok(Payment {
        id,
        amount: major(pi.int(PI::amount), cur),
        transaction_fee: charge.and_then(|c| fee_of(c, cur)),
        refund_amount: charge.and_then(|c| major(c.int(Ch::amount_refunded), cur)),
        status: payment_intent_status(pi, charge),
        customer: customer_ref(
            customer.as_ref(),
            contact.as_ref(),
            &[charge_email.as_deref(), own_email.as_deref()],
        ),
        description: text(pi.str(PI::description).as_deref()),
        payment_method: payment_method_of(
            Some(&Method::of(pi, PI::payment_method, PI::source)),
            charge,
        ),
        created_at,
        expires_on: None,
        reference_id: None,
        order_id: order_id_of(charge, metadata.as_ref()),
        metadata,
        currency,
        remote_data: None,
    })
}

/// A Charge at JSON path `at` as a unified payment.
fn charge(c: &ChargeRecord, at: &str) -> Result<Payment, Error> {
    let currency = money::currency(c.str(Ch::currency).as_deref());
    let cur = currency.as_deref();
    let id = non_empty_id(c.str(Ch::id).as_deref(), at)?;
    let created_at = time::unix_field_at(|| format!("{at}.created"), c.int(Ch::created))?;
    let metadata = rules::metadata_raw_at(
        || format!("{at}.metadata"),
        c.view(Ch::metadata).and_then(View::raw),
    )?;
    let receipt_email = c.str(Ch::receipt_email);
    Ok(Payment {
        id,
        amount: major(c.int(Ch::amount), cur),
        transaction_fee: fee_of(c, cur),
        refund_amount: major(c.int(Ch::amount_refunded), cur),
        status: charge_status(c),
        customer: customer_ref(
            customer_field(c, Ch::customer).as_ref(),
            contact_field(c, Ch::billing_details).as_ref(),
            &[receipt_email.as_deref()],
        ),
        description: text(c.str(Ch::description).as_deref()),
        payment_method: payment_method_of(None, Some(c)),
        created_at,
        expires_on: None,
        reference_id: None,
        order_id: order_id_of(Some(c), metadata.as_ref()),
        metadata,
        currency,
        remote_data: None,
    })
}

/// An order's PaymentIntent (at JSON path `at`): expanded -> the full payment mapping; an id ->
/// a payment known only by its id.
fn intent_payment(
    pi: Option<Expandable<'_, '_, { PI::COUNT }>>,
    at: &str,
) -> Result<Option<Payment>, Error> {
    match pi {
        None => Ok(None),
        Some(Expandable::Id(id)) => Ok(text(Some(&id)).map(Payment::with_id)),
        Some(Expandable::Object(pi)) => payment_intent(&pi, at).map(Some),
    }
}

/// Major units as the order's JSON-number amount.
fn order_amount(minor: Option<i64>, currency: Option<&str>) -> Option<String> {
    major(minor, currency).and_then(|m| money::as_json_number(&m))
}

/// A Checkout Session as a unified order.
fn checkout_session(s: &Record<'_, '_, { Se::COUNT }>) -> Result<Order, Error> {
    let currency = money::currency(s.str(Se::currency).as_deref());
    let customer_email = s.str(Se::customer_email);
    Ok(Order {
        id: non_empty_id(s.str(Se::id).as_deref(), "$")?,
        amount: order_amount(s.int(Se::amount_total), currency.as_deref()),
        created_at: time::unix_field("$.created", s.int(Se::created))?,
        updated_at: None,
        status: checkout_session_status(
            s.str(Se::status).as_deref(),
            s.str(Se::payment_status).as_deref(),
        ),
        customer: customer_ref(
            customer_field(s, Se::customer).as_ref(),
            contact_field(s, Se::customer_details).as_ref(),
            &[customer_email.as_deref()],
        ),
        payment: intent_payment(
            s.expandable(Se::payment_intent, &PAYMENT_INTENT),
            "$.payment_intent",
        )?,
        currency,
        remote_data: None,
    })
}

/// An Orders API order as a unified order.
fn legacy_order(o: &Record<'_, '_, { Or::COUNT }>) -> Result<Order, Error> {
    let currency = money::currency(o.str(Or::currency).as_deref());
    let mut payment = intent_payment(
        o.expandable(Or::payment_intent, &PAYMENT_INTENT),
        "$.payment_intent",
    )?;
    if payment.is_none() {
        let nested = o
            .view(Or::payment)
            .map(|p| ORDER_PAYMENT.scan::<{ OP::COUNT }>(p))
            .and_then(|p| p.expandable(OP::payment_intent, &PAYMENT_INTENT));
        payment = intent_payment(nested, "$.payment.payment_intent")?;
    }
    if payment.is_none() {
        payment = match o.expandable::<{ Ch::COUNT }>(Or::charge, &CHARGE) {
            None => None,
            Some(Expandable::Id(id)) => text(Some(&id)).map(Payment::with_id),
            Some(Expandable::Object(c)) => Some(charge(&c, "$.charge")?),
        };
    }
    let email = o.str(Or::email);
    Ok(Order {
        id: non_empty_id(o.str(Or::id).as_deref(), "$")?,
        amount: order_amount(
            o.int(Or::amount_total).or(o.int(Or::amount)),
            currency.as_deref(),
        ),
        created_at: time::unix_field("$.created", o.int(Or::created))?,
        updated_at: time::unix_field("$.updated", o.int(Or::updated))?,
        status: order_status(o.str(Or::status).as_deref()),
        customer: customer_ref(
            customer_field(o, Or::customer).as_ref(),
            contact_field(o, Or::billing_details).as_ref(),
            &[email.as_deref()],
        ),
        payment,
        currency,
        remote_data: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{detect, envelope, fields};
    use super::*;
    use crate::error::ErrorCode;
    use crate::unified::Payment;

    #[test]
    fn field_tables_name_only_declared_fields() {
        for resource in Resource::ALL {
            let shapes: &[&Shape] = match resource {
                Resource::Customers => &[&CUSTOMER],
                Resource::Payments => &[&PAYMENT_INTENT, &CHARGE],
                Resource::Orders => &[&CHECKOUT_SESSION, &ORDER],
            };
            for f in fields(resource) {
                for source in f.sources {
                    assert!(
                        shapes.iter().any(|s| s.declares(source)),
                        "{resource}.{}: the field table reads `{source}`, which no shape declares",
                        f.field
                    );
                }
            }
        }
    }

    /// `explain` finds the mapped object with the registry's `locate` (a parsed value); the
    /// mapping with `unwrap` (the text). They must agree on every Stripe fixture.
    #[test]
    fn locate_agrees_with_unwrap_on_every_fixture() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/stripe");
        let Ok(kinds) = std::fs::read_dir(&dir) else {
            return; // tests/common's skip rule covers the fixture-driven suites
        };
        let mut checked = 0;
        for kind in kinds.flatten() {
            for file in std::fs::read_dir(kind.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let text = std::fs::read_to_string(file.path()).unwrap();
                let Ok(Value::Object(map)) = crate::reader::from_str::<Value>(&text) else {
                    continue;
                };
                if let Ok((_, _, at)) = unwrap(&text) {
                    let rel = crate::providers::on_value(&Value::Object(map.clone()), super::super::locate);
                    let expected = if rel.is_empty() {
                        "$".to_string()
                    } else {
                        format!("$.{rel}")
                    };
                    assert_eq!(at, expected, "{}", file.path().display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{checked}");
    }
    use serde_json::json;

    // The mappers take one object's JSON text: these feed them `json!` values as text.
    fn payment(v: &Value) -> Result<Payment, Error> {
        super::payment(&v.to_string())
    }

    fn order(v: &Value) -> Result<Order, Error> {
        super::order(&v.to_string())
    }

    fn customer(v: &Value) -> Result<Customer, Error> {
        super::customer(&v.to_string())
    }

    fn pay(v: Value) -> Payment {
        payment(&v).unwrap()
    }

    fn status_of(v: Value) -> String {
        pay(v).status.as_str().to_string()
    }

    fn pi(status: &str) -> Value {
        json!({"id": "pi_1", "object": "payment_intent", "amount": 1000, "amount_received": 1000,
               "currency": "usd", "status": status, "created": 1_700_000_000})
    }

    fn ch(extra: Value) -> Value {
        let mut base = json!({"id": "ch_1", "object": "charge", "amount": 1000, "currency": "usd",
                              "status": "succeeded", "captured": true, "refunded": false,
                              "amount_refunded": 0, "amount_captured": 1000, "created": 1_700_000_000});
        if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        base
    }

    fn with(mut v: Value, key: &str, value: Value) -> Value {
        v.as_object_mut().unwrap().insert(key.into(), value);
        v
    }

    fn err(r: Result<impl std::fmt::Debug, Error>) -> Error {
        r.unwrap_err()
    }

    // ---- PaymentIntent status table (docs/mapping.md#status) ----

    #[test]
    fn payment_intent_statuses() {
        for s in [
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
            "processing",
            "requires_source",
            "requires_source_action",
        ] {
            assert_eq!(status_of(pi(s)), "pending", "{s}");
        }
        assert_eq!(status_of(pi("requires_capture")), "authorized");
        assert_eq!(status_of(pi("succeeded")), "paid");
        assert_eq!(status_of(pi("canceled")), "cancelled");
        assert_eq!(status_of(pi("something_new")), "something_new");
        assert_eq!(status_of(with(pi("x"), "status", Value::Null)), "unknown");
        let mut no_status = pi("x");
        no_status.as_object_mut().unwrap().shift_remove("status");
        assert_eq!(status_of(no_status), "unknown");
    }

    #[test]
    fn payment_intent_overlays() {
        let refunded = with(
            pi("succeeded"),
            "latest_charge",
            ch(json!({"refunded": true, "amount_refunded": 1000})),
        );
        assert_eq!(status_of(refunded), "refunded");
        let part_refunded = with(
            pi("succeeded"),
            "latest_charge",
            ch(json!({"amount_refunded": 300})),
        );
        let p = pay(part_refunded);
        assert_eq!(p.status, Status::Partial);
        assert_eq!(p.refund_amount.as_deref(), Some("3.00"));
        let part_captured = with(pi("succeeded"), "amount_received", json!(700));
        assert_eq!(status_of(part_captured), "partial");
        // The legacy charges list is read when latest_charge is not expanded.
        let legacy = with(
            with(pi("succeeded"), "latest_charge", json!("ch_1")),
            "charges",
            json!({"object": "list", "data": [ch(json!({"refunded": true, "amount_refunded": 1000}))]}),
        );
        assert_eq!(status_of(legacy), "refunded");
        // Voided: cancelled with an uncaptured authorization.
        let voided = with(
            pi("canceled"),
            "latest_charge",
            ch(json!({"captured": false, "refunded": true, "amount_refunded": 1000})),
        );
        assert_eq!(status_of(voided), "voided");
        let captured_then_cancelled = with(pi("canceled"), "latest_charge", ch(json!({})));
        assert_eq!(status_of(captured_then_cancelled), "cancelled");
        let failed_charge = with(
            pi("canceled"),
            "latest_charge",
            ch(json!({"captured": false, "status": "failed"})),
        );
        assert_eq!(status_of(failed_charge), "cancelled");
        // A list in latest_charge (fixture quirk) is read as the charges list.
        let list_quirk = with(
            pi("succeeded"),
            "latest_charge",
            json!({"object": "list", "data": [ch(json!({"amount_refunded": 1}))], "has_more": false}),
        );
        assert_eq!(status_of(list_quirk), "partial");
    }

    // ---- Charge status table ----

    #[test]
    fn charge_statuses() {
        assert_eq!(status_of(ch(json!({"status": "pending"}))), "pending");
        assert_eq!(status_of(ch(json!({}))), "paid");
        assert_eq!(
            status_of(ch(json!({"captured": false, "amount_captured": 0}))),
            "authorized"
        );
        assert_eq!(
            status_of(ch(json!({"refunded": true, "amount_refunded": 1000}))),
            "refunded"
        );
        assert_eq!(status_of(ch(json!({"amount_refunded": 1}))), "partial");
        assert_eq!(status_of(ch(json!({"amount_captured": 600}))), "partial");
        assert_eq!(
            status_of(ch(json!({"captured": false, "refunded": true}))),
            "voided"
        );
        assert_eq!(
            status_of(ch(json!({"status": "failed", "captured": false}))),
            "failed"
        );
        // Pre-2015-02-18 word for succeeded.
        assert_eq!(status_of(ch(json!({"status": "paid"}))), "paid");
        // No `captured`: taken as captured.
        let mut no_captured = ch(json!({}));
        no_captured
            .as_object_mut()
            .unwrap()
            .shift_remove("captured");
        assert_eq!(status_of(no_captured), "paid");
        assert_eq!(status_of(ch(json!({"status": null}))), "unknown");
        assert_eq!(status_of(ch(json!({"status": ""}))), "unknown");
    }

    // ---- Checkout Session and Order status tables ----

    fn session(status: Value, payment_status: Value) -> Value {
        json!({"id": "cs_1", "object": "checkout.session", "amount_total": 1000, "currency": "usd",
               "created": 1_700_000_000, "status": status, "payment_status": payment_status})
    }

    fn order_status_of(v: Value) -> String {
        order(&v).unwrap().status.as_str().to_string()
    }

    #[test]
    fn checkout_session_statuses() {
        assert_eq!(
            order_status_of(session(json!("open"), json!("unpaid"))),
            "pending"
        );
        assert_eq!(
            order_status_of(session(json!("complete"), json!("paid"))),
            "paid"
        );
        assert_eq!(
            order_status_of(session(json!("complete"), json!("no_payment_required"))),
            "paid"
        );
        assert_eq!(
            order_status_of(session(json!("complete"), json!("unpaid"))),
            "pending"
        );
        assert_eq!(
            order_status_of(session(json!("complete"), Value::Null)),
            "pending"
        );
        assert_eq!(
            order_status_of(session(json!("expired"), json!("unpaid"))),
            "expired"
        );
        assert_eq!(
            order_status_of(session(Value::Null, json!("paid"))),
            "unknown"
        );
    }

    #[test]
    fn order_statuses() {
        let o = |s: &str| json!({"id": "order_1", "object": "order", "status": s, "created": 1});
        for s in ["created", "open", "submitted", "processing"] {
            assert_eq!(order_status_of(o(s)), "pending", "{s}");
        }
        for s in ["paid", "complete", "fulfilled"] {
            assert_eq!(order_status_of(o(s)), "paid", "{s}");
        }
        assert_eq!(order_status_of(o("returned")), "refunded");
        assert_eq!(order_status_of(o("canceled")), "cancelled");
        assert_eq!(order_status_of(o("on_hold")), "on_hold");
    }

    // ---- Money ----

    #[test]
    fn stripe_exponents_and_unknown_currency() {
        let amount = |minor: i64, cur: &str| {
            pay(json!({"id": "pi_1", "object": "payment_intent", "amount": minor, "currency": cur}))
                .amount
        };
        assert_eq!(amount(500, "jpy").as_deref(), Some("500"));
        assert_eq!(amount(5120, "kwd").as_deref(), Some("5.120"));
        assert_eq!(
            amount(1000, "isk").as_deref(),
            Some("10.00"),
            "Stripe counts ISK in hundredths"
        );
        assert_eq!(amount(1000, "mga").as_deref(), Some("1000"));
        assert_eq!(amount(-150, "usd").as_deref(), Some("-1.50"));
        assert_eq!(amount(5000, "xyz"), None, "unknown currency: never guessed");
        let no_currency = pay(json!({"id": "pi_1", "object": "payment_intent", "amount": 5}));
        assert_eq!((no_currency.amount, no_currency.currency), (None, None));
        let o = order(
            &json!({"id": "cs_1", "object": "checkout.session", "amount_total": 5120,
                               "currency": "kwd", "status": "open"}),
        )
        .unwrap();
        assert_eq!(o.amount.as_deref(), Some("5.12"));
        assert!(serde_json::to_string(&o)
            .unwrap()
            .contains("\"amount\":5.12"));
    }

    #[test]
    fn fee_only_from_expanded_balance_transaction_in_same_currency() {
        let fee = |bt: Value| pay(ch(json!({"balance_transaction": bt}))).transaction_fee;
        assert_eq!(
            fee(json!({"id": "txn_1", "fee": 59, "currency": "usd"})).as_deref(),
            Some("0.59")
        );
        assert_eq!(
            fee(json!({"id": "txn_1", "fee": 59, "currency": "eur"})),
            None
        );
        assert_eq!(fee(json!("txn_1")), None);
        assert_eq!(fee(json!({"id": "txn_1", "fee": 59})), None);
        let via_pi = pay(with(
            pi("succeeded"),
            "latest_charge",
            ch(json!({"balance_transaction": {"fee": 100, "currency": "usd"}})),
        ));
        assert_eq!(via_pi.transaction_fee.as_deref(), Some("1.00"));
    }

    // ---- Customer, payment method, order id ----

    #[test]
    fn payment_customer_sources() {
        // Id + billing details, email falling back to receipt_email.
        let c = pay(ch(json!({"customer": "cus_1", "billing_details": {"name": "Jane", "email": null, "phone": "+1555"},
                               "receipt_email": "r@example.com"})))
        .customer
        .unwrap();
        assert_eq!(
            (
                c.id.as_deref(),
                c.name.as_deref(),
                c.email.as_deref(),
                c.phone.as_deref()
            ),
            (
                Some("cus_1"),
                Some("Jane"),
                Some("r@example.com"),
                Some("+1555")
            )
        );
        // Expanded customer used whole.
        let c = pay(ch(json!({"customer": {"id": "cus_2", "object": "customer", "name": "A", "email": "a@x", "phone": null},
                               "billing_details": {"name": "B", "email": "b@x"}})))
        .customer
        .unwrap();
        assert_eq!(
            (c.name.as_deref(), c.email.as_deref()),
            (Some("A"), Some("a@x"))
        );
        // Expanded deleted customer: id only.
        let c = pay(ch(json!({"customer": {"id": "cus_3", "object": "customer", "deleted": true, "name": "gone"}})))
            .customer
            .unwrap();
        assert_eq!((c.id.as_deref(), c.name), (Some("cus_3"), None));
        // Nothing known: null.
        assert_eq!(
            pay(ch(json!({"billing_details": {"name": "", "email": null}}))).customer,
            None
        );
        // A PaymentIntent's receipt_email is the last fallback.
        let p = pay(with(
            pi("succeeded"),
            "receipt_email",
            json!("pi@example.com"),
        ));
        assert_eq!(p.customer.unwrap().email.as_deref(), Some("pi@example.com"));
    }

    #[test]
    fn payment_method_sources() {
        let pm = |v: Value| pay(v).payment_method.unwrap();
        let expanded = pm(with(
            pi("succeeded"),
            "payment_method",
            json!({"id": "pm_1", "type": "sepa_debit"}),
        ));
        assert_eq!(
            (expanded.id.as_deref(), expanded.method.as_deref()),
            (Some("pm_1"), Some("sepa_debit"))
        );
        let from_charge = pm(with(
            with(pi("succeeded"), "payment_method", json!("pm_1")),
            "latest_charge",
            ch(json!({"payment_method": "pm_2", "payment_method_details": {"type": "card"}})),
        ));
        assert_eq!(
            (from_charge.id.as_deref(), from_charge.method.as_deref()),
            (Some("pm_1"), Some("card"))
        );
        let legacy_card = pm(ch(json!({"source": {"id": "card_1", "object": "card"}})));
        assert_eq!(
            (legacy_card.id.as_deref(), legacy_card.method.as_deref()),
            (Some("card_1"), Some("card"))
        );
        let legacy_source = pm(ch(
            json!({"source": {"id": "src_1", "object": "source", "type": "ach_credit_transfer"}}),
        ));
        assert_eq!(legacy_source.method.as_deref(), Some("ach_credit_transfer"));
        assert_eq!(pay(pi("succeeded")).payment_method, None);
    }

    #[test]
    fn order_id_sources() {
        assert_eq!(
            pay(ch(json!({"order": "or_1", "metadata": {"order_id": "m1"}})))
                .order_id
                .as_deref(),
            Some("or_1")
        );
        assert_eq!(
            pay(ch(json!({"order": {"id": "or_2"}})))
                .order_id
                .as_deref(),
            Some("or_2")
        );
        assert_eq!(
            pay(ch(json!({"metadata": {"order_id": "m1"}})))
                .order_id
                .as_deref(),
            Some("m1")
        );
        assert_eq!(pay(ch(json!({"metadata": {"order_id": 5}}))).order_id, None);
        // metadata keys are data.
        let m = pay(ch(json!({"metadata": {"__proto__": "x"}})))
            .metadata
            .unwrap();
        assert_eq!(m, json!({"__proto__": "x"}));
    }

    // ---- Customers ----

    #[test]
    fn customers() {
        let c = customer(
            &json!({"id": "cus_1", "object": "customer", "name": "", "email": "e@x",
                                  "phone": "+15555550100", "created": 1_700_000_000}),
        )
        .unwrap();
        assert_eq!(c.name, None, "empty strings are null");
        assert_eq!(c.phone.as_deref(), Some("+15555550100"));
        assert_eq!(c.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        let deleted = customer(
            &json!({"id": "cus_1", "object": "customer", "deleted": true, "email": "e@x"}),
        )
        .unwrap();
        assert_eq!((deleted.id.as_str(), deleted.email), ("cus_1", None));
    }

    // ---- Orders ----

    #[test]
    fn checkout_session_payment_and_customer() {
        let o = order(&json!({"id": "cs_1", "object": "checkout.session", "amount_total": 1000, "currency": "usd",
                               "status": "complete", "payment_status": "paid", "customer": null,
                               "customer_details": {"name": "N", "email": null, "phone": null},
                               "customer_email": "ce@x",
                               "payment_intent": {"id": "pi_9", "object": "payment_intent", "amount": 1000,
                                                  "currency": "usd", "status": "succeeded", "amount_received": 1000,
                                                  "metadata": {"k": "v"}}}))
        .unwrap();
        let c = o.customer.unwrap();
        assert_eq!(
            (c.id, c.name.as_deref(), c.email.as_deref()),
            (None, Some("N"), Some("ce@x"))
        );
        let p = o.payment.unwrap();
        assert_eq!(
            (p.id.as_str(), p.amount.as_deref(), p.status.as_str()),
            ("pi_9", Some("10.00"), "paid")
        );
        assert_eq!(p.remote_data, None);
        let by_id = order(&session(json!("open"), json!("unpaid"))).unwrap();
        assert_eq!(by_id.payment, None);
        let by_id = order(&with(
            session(json!("open"), json!("unpaid")),
            "payment_intent",
            json!("pi_3"),
        ))
        .unwrap();
        assert_eq!(by_id.payment, Some(Payment::with_id("pi_3")));
    }

    #[test]
    fn legacy_orders() {
        let o = order(
            &json!({"id": "or_1", "object": "order", "amount": 1500, "currency": "usd",
                               "created": 1, "updated": 1_700_000_000, "status": "paid",
                               "customer": "cus_1", "email": "o@x", "charge": "ch_1"}),
        )
        .unwrap();
        assert_eq!(o.amount.as_deref(), Some("15"));
        assert_eq!(o.updated_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(o.customer.unwrap().email.as_deref(), Some("o@x"));
        assert_eq!(o.payment, Some(Payment::with_id("ch_1")));
        let o = order(
            &json!({"id": "order_1", "object": "order", "status": "complete",
                               "payment": {"payment_intent": "pi_7"}}),
        )
        .unwrap();
        assert_eq!(o.payment, Some(Payment::with_id("pi_7")));
        let o = order(&json!({"id": "or_1", "object": "order", "charge": ch(json!({}))})).unwrap();
        assert_eq!(o.payment.unwrap().amount.as_deref(), Some("10.00"));
    }

    // ---- Errors ----

    #[test]
    fn wrong_typed_fields_name_their_path() {
        let e = err(payment(&with(pi("succeeded"), "amount", json!("5000"))));
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.amount"));
        assert_eq!(
            e.message,
            "$.amount: expected integer, found string \"5000\""
        );
        let e = err(payment(&with(
            pi("succeeded"),
            "latest_charge",
            ch(json!({"amount_refunded": "1"})),
        )));
        assert_eq!(e.path.as_deref(), Some("$.latest_charge.amount_refunded"));
        let e = err(payment(&with(pi("succeeded"), "customer", json!(5))));
        assert_eq!(e.path.as_deref(), Some("$.customer"));
        assert_eq!(
            e.message,
            "$.customer: expected an id string or the expanded resource, found integer `5`"
        );
        let e = err(payment(&with(pi("succeeded"), "metadata", json!("x"))));
        assert_eq!(e.message, "$.metadata: expected object, found string");
        let e = err(payment(&with(pi("succeeded"), "created", json!(i64::MAX))));
        assert_eq!(e.path.as_deref(), Some("$.created"));
        let e = err(payment(&with(pi("succeeded"), "object", json!(1))));
        assert_eq!(e.message, "$.object: expected string, found integer");
        let mut no_id = pi("succeeded");
        no_id.as_object_mut().unwrap().shift_remove("id");
        let e = err(payment(&no_id));
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.id"))
        );
        let e = err(customer(&json!({"id": "", "object": "customer"})));
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.id"))
        );
        let e = err(payment(&json!([1])));
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$"))
        );
    }

    #[test]
    fn read_from_text() {
        // Escaped strings are unescaped; a repeated key keeps its last value, as in a parsed
        // object (ActiveMerchant fixtures repeat `object`).
        let raw = r#"{"id":"ch_\u00e91","object":"list","object":"charge","amount":100,
                      "currency":"usd","status":"succeeded","description":"a \"q\""}"#;
        let p = super::payment(raw).unwrap();
        assert_eq!(p.id, "ch_\u{e9}1");
        assert_eq!(p.description.as_deref(), Some("a \"q\""));
        // An array where an expandable field belongs is named by the field.
        let e = err(payment(&with(pi("succeeded"), "customer", json!([1, 2]))));
        assert_eq!(e.path.as_deref(), Some("$.customer"));
        let e = err(payment(&with(pi("succeeded"), "customer", json!([]))));
        assert_eq!(e.path.as_deref(), Some("$.customer"));
        // Inside an event, paths stay absolute.
        let event = json!({"object": "event", "created": 1,
                           "data": {"object": with(pi("succeeded"), "latest_charge", ch(json!({"amount": "1"})))}});
        assert_eq!(
            err(payment(&event)).path.as_deref(),
            Some("$.data.object.latest_charge.amount")
        );
    }

    #[test]
    fn events_are_unwrapped_with_paths() {
        let event = json!({"id": "evt_1", "object": "event", "created": 1, "type": "charge.succeeded",
                           "data": {"object": ch(json!({}))}});
        assert_eq!(pay(event).id, "ch_1");
        // Straight from text, as real input is.
        let bad = r#"{"id":"evt_1","object":"event","created":1,"data":{"object":{"id":"ch_1","object":"charge","amount":1.5}}}"#;
        let e = err(super::payment(bad));
        assert_eq!(e.path.as_deref(), Some("$.data.object.amount"));
        // serde_json (arbitrary_precision) words a non-integer number as "invalid number"; the
        // path is what matters here.
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        let wrapper = json!({"object": ch(json!({"created": "x"})), "previous_attributes": {}});
        assert_eq!(
            err(payment(&wrapper)).path.as_deref(),
            Some("$.object.created")
        );
        let customer_event =
            json!({"object": "event", "created": 1, "data": {"object": pi("succeeded")}});
        let e = err(customer(&customer_event));
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::MismatchedPayload, Some("$.data.object"))
        );
        let e = err(payment(
            &json!({"object": "event", "created": 1, "data": {}}),
        ));
        assert_eq!(e.path.as_deref(), Some("$.data.object"));
    }

    #[test]
    fn mismatches_say_what_it_looks_like() {
        let e = err(customer(&pi("succeeded")));
        assert_eq!(e.code, ErrorCode::MismatchedPayload);
        assert!(
            e.message.contains("PaymentIntent") && e.message.contains("\"payments\""),
            "{}",
            e.message
        );
        let e = err(payment(
            &json!({"id": "cus_1", "object": "customer", "created": 1}),
        ));
        assert!(
            e.message.contains("customer") && e.message.contains("\"customers\""),
            "{}",
            e.message
        );
        let e = err(order(&ch(json!({}))));
        assert!(
            e.message.contains("Charge") && e.message.contains("\"payments\""),
            "{}",
            e.message
        );
        let e = err(payment(&session(json!("open"), json!("unpaid"))));
        assert!(e.message.contains("\"orders\""), "{}", e.message);
        let refund = json!({"id": "re_1", "object": "refund", "amount": 100, "created": 1});
        let e = err(customer(&refund));
        assert!(e.message.contains("Stripe refund"), "{}", e.message);
        assert_eq!(err(payment(&refund)).code, ErrorCode::MismatchedPayload);
        assert_eq!(err(order(&refund)).code, ErrorCode::MismatchedPayload);
        // Other providers.
        let juspay = json!({"id": "cst_1", "object": "customer", "object_reference_id": "x",
                            "date_created": "2020-03-17T14:16:31Z"});
        let e = err(customer(&juspay));
        assert!(
            e.message.contains("Juspay") && e.message.contains("\"juspay\""),
            "{}",
            e.message
        );
        let e = err(customer(
            &json!({"id": "cus_zbgrqmm6s5ne7lszegj5iu4lci", "email": "x@y"}),
        ));
        assert!(e.message.contains("\"checkout\""), "{}", e.message);
        let e = err(payment(
            &json!({"id": "pay_1", "entity": "payment", "amount": 1}),
        ));
        assert!(e.message.contains("\"razorpay\""), "{}", e.message);
        let e = err(payment(
            &json!({"id": "pay_abc", "_links": {}, "amount": 1}),
        ));
        assert!(e.message.contains("\"checkout\""), "{}", e.message);
        let e = err(payment(&json!({"id": "zz_1", "amount": 1})));
        assert_eq!(
            (e.code, e.path.as_deref()),
            (ErrorCode::InvalidPayload, Some("$.object"))
        );
    }

    #[test]
    fn objects_without_object_are_told_by_id_prefix() {
        let mut c = ch(json!({}));
        c.as_object_mut().unwrap().shift_remove("object");
        assert_eq!(pay(c).id, "ch_1");
        let py = json!({"id": "py_1", "amount": 100, "currency": "usd", "status": "pending"});
        assert_eq!(pay(py).status, Status::Pending);
        let bare_pi =
            json!({"id": "pi_1", "amount": 100, "currency": "usd", "status": "requires_capture"});
        assert_eq!(pay(bare_pi).status, Status::Authorized);
    }

    // ---- Detection (docs/mapping.md#detection-auto) ----

    fn det(v: Value) -> Option<(Option<Resource>, bool)> {
        crate::providers::on_value(&v, detect).map(|d| (d.resource, d.list))
    }

    #[test]
    fn detection_and_collisions() {
        use Resource::*;
        assert_eq!(det(pi("succeeded")), Some((Some(Payments), false)));
        assert_eq!(det(ch(json!({}))), Some((Some(Payments), false)));
        assert_eq!(
            det(session(json!("open"), json!("unpaid"))),
            Some((Some(Orders), false))
        );
        // Stripe's Checkout product without `created` is still Stripe's (cs_ id).
        assert_eq!(
            det(json!({"id": "cs_test_1", "object": "checkout.session"})),
            Some((Some(Orders), false))
        );
        assert_eq!(
            det(json!({"id": "cus_1", "object": "customer", "deleted": true})),
            Some((Some(Customers), false))
        );
        assert_eq!(
            det(json!({"id": "ch_1", "created": 1})),
            Some((Some(Payments), false))
        );
        assert_eq!(
            det(json!({"id": "ch_1"})),
            None,
            "no object and no created: not sure"
        );
        assert_eq!(
            det(json!({"id": "re_1", "object": "refund", "created": 1})),
            Some((None, false))
        );
        // Juspay's object: "customer".
        assert_eq!(
            det(
                json!({"id": "cst_1", "object": "customer", "object_reference_id": "x", "date_created": "2020-03-17T14:16:31Z"})
            ),
            None
        );
        assert_eq!(
            det(
                json!({"id": "cst_1", "object": "customer", "date_created": "2020-03-17T14:16:31Z"})
            ),
            None
        );
        // Checkout.com's cus_ without object, its pay_ with _links; Razorpay's pay_ with entity.
        assert_eq!(
            det(json!({"id": "cus_zbgrqmm6s5ne7lszegj5iu4lci", "email": "x"})),
            None
        );
        assert_eq!(
            det(
                json!({"id": "pay_y3oqhf46pyzuxjbcn2giaqnb44", "_links": {}, "requested_on": "2019-01-01T00:00:00Z"})
            ),
            None
        );
        assert_eq!(
            det(json!({"id": "pay_29QQoUBi66xm2f", "entity": "payment", "created_at": 1})),
            None
        );
        // Juspay order status.
        assert_eq!(
            det(
                json!({"order_id": "o1", "status_id": 21, "id": "ord_1", "object": "order", "created": 1})
            ),
            None
        );
        // Lists: from the first item, else from the url.
        assert_eq!(
            det(
                json!({"object": "list", "data": [ch(json!({}))], "has_more": false, "url": "/v1/charges"})
            ),
            Some((Some(Payments), true))
        );
        assert_eq!(
            det(json!({"object": "list", "data": [], "has_more": false, "url": "/v1/customers"})),
            Some((Some(Customers), true))
        );
        assert_eq!(
            det(
                json!({"object": "list", "data": [], "has_more": false, "url": "/v1/checkout/sessions?limit=3"})
            ),
            Some((Some(Orders), true))
        );
        assert_eq!(
            det(json!({"object": "list", "data": [], "has_more": false, "url": "/v1/refunds"})),
            Some((None, true))
        );
        assert_eq!(det(json!({"object": "list", "data": []})), None);
        // Events and an event's data.
        let event = json!({"id": "evt_1", "object": "event", "created": 1, "data": {"object": pi("succeeded")}});
        assert_eq!(det(event), Some((Some(Payments), false)));
        let data = json!({"object": ch(json!({})), "previous_attributes": {}});
        assert_eq!(det(data), Some((Some(Payments), false)));
        assert_eq!(det(json!({"object": {"foo": 1}})), None);
    }

    #[test]
    fn list_envelopes() {
        let env = |v: Value| {
            let text = v.to_string();
            envelope(&text, None).map(|e| e.map(|e| (e.items.len(), e.next_cursor)))
        };
        let two =
            json!({"object": "list", "data": [{"id": "ch_1"}, {"id": "ch_2"}], "has_more": true});
        assert_eq!(env(two).unwrap(), Some((2, Some("ch_2".to_string()))));
        let done = json!({"object": "list", "data": [{"id": "ch_1"}], "has_more": false});
        assert_eq!(env(done).unwrap(), Some((1, None)));
        let search = json!({"object": "search_result", "data": [{"id": "ch_1"}], "has_more": true, "next_page": "pg_1"});
        assert_eq!(env(search).unwrap(), Some((1, Some("pg_1".to_string()))));
        assert_eq!(env(pi("succeeded")).unwrap(), None);
        let e = env(json!({"object": "list", "has_more": false})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.data"));
        let e = env(json!({"object": "list", "data": [], "has_more": "no"})).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.has_more"));
        // Through the public API: paths name the list item.
        let raw = r#"{"object":"list","has_more":false,"data":[{"id":"ch_1","object":"charge","amount":"1"}]}"#;
        let e = crate::normalize(
            crate::Provider::Stripe,
            Resource::Payments,
            raw,
            &crate::Options::default(),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.data[0].amount"));
    }

    #[test]
    fn field_tables_follow_unified_order() {
        let names = |r| fields(r).iter().map(|f| f.field).collect::<Vec<_>>();
        assert_eq!(names(Resource::Customers), Customer::FIELDS);
        assert_eq!(names(Resource::Payments), Payment::FIELDS);
        assert_eq!(names(Resource::Orders), Order::FIELDS);
    }

    // ---- Every shared Stripe fixture ----

    fn fixtures() -> Option<std::path::PathBuf> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/stripe");
        dir.is_dir().then_some(dir)
    }

    #[test]
    fn every_stripe_fixture() {
        let Some(dir) = fixtures() else { return };
        let opts = crate::Options::default();
        let mut seen = 0;
        for (kind, resource) in [
            ("customer", "customers"),
            ("customer_list", "customers"),
            ("order", "orders"),
            ("order_list", "orders"),
            ("payment", "payments"),
            ("payment_list", "payments"),
            ("other", ""),
        ] {
            for entry in std::fs::read_dir(dir.join(kind)).unwrap() {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                let name = path.display();
                seen += 1;
                if kind == "other" {
                    for r in ["customers", "orders", "payments", "auto"] {
                        for p in ["stripe", "auto"] {
                            let e = crate::normalize_value(p, r, &bytes, &opts).unwrap_err();
                            assert!(
                                matches!(
                                    e.code,
                                    ErrorCode::MismatchedPayload | ErrorCode::Undetectable
                                ),
                                "{name} {p}/{r}: {e}"
                            );
                        }
                    }
                    continue;
                }
                let explicit = crate::normalize_value("stripe", resource, &bytes, &opts)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let auto = crate::normalize_value("auto", "auto", &bytes, &opts)
                    .unwrap_or_else(|e| panic!("{name} auto: {e}"));
                assert_eq!(explicit, auto, "{name}");
                let det = crate::detect(&bytes).unwrap().unwrap();
                assert_eq!(det.provider, crate::Provider::Stripe, "{name}");
                assert_eq!(det.list, kind.ends_with("_list"), "{name}");
            }
        }
        assert!(seen >= 50, "{seen}");
    }
}
