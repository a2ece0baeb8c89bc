//! The unified shapes of docs/mapping.md#shapes (Truto's Unified Payment Gateway API field names).
//!
//! Every field is always serialized, `null` where the provider has none, in the order declared
//! here; `remote_data` alone is omitted when the caller turned it off. Money fields of [`Payment`]
//! are decimal strings in major units (`"50.00"`); [`Order::amount`] is the same value as a JSON
//! number (`50`, `5.12`). Times are RFC 3339 UTC strings (`"2023-11-14T22:13:20Z"`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;

pub use crate::rules::status::Status;

/// A customer. Fields: `id`, `name`, `email`, `phone`, `created_at`, `updated_at`, `remote_data`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// The provider's customer id.
    pub id: String,
    /// Full name (`first last` where the provider splits it).
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone as the provider gives it, or `+<country code><number>` where it splits it.
    pub phone: Option<String>,
    /// Creation time, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: Option<String>,
    /// Last update time, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub updated_at: Option<String>,
    /// The raw provider object exactly as given; absent when `remote_data: false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub remote_data: Option<RawJson>,
}

/// The customer as embedded in a payment or an order: `{id, name, email, phone}`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerRef {
    /// The provider's customer id, when the payload names one.
    pub id: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

impl CustomerRef {
    /// `None` when every field is `None`: the unified `customer` is then `null`.
    pub fn non_empty(self) -> Option<Self> {
        if self.id.is_none() && self.name.is_none() && self.email.is_none() && self.phone.is_none()
        {
            None
        } else {
            Some(self)
        }
    }
}

/// How a payment was paid: `{id, method}`; `method` is lower case (`card`, `upi`, `netbanking`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethod {
    /// The provider's id of the payment method / card / token / source.
    pub id: Option<String>,
    /// The kind, lower case.
    pub method: Option<String>,
}

impl PaymentMethod {
    /// `None` when both fields are `None`.
    pub fn non_empty(self) -> Option<Self> {
        if self.id.is_none() && self.method.is_none() {
            None
        } else {
            Some(self)
        }
    }
}

/// A payment. Money fields are decimal strings in major units with the currency's exponent
/// (`"50.00"`, `"500"` for JPY, `"5.120"` for KWD); `null` when the currency is unknown.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// The provider's payment id (Stripe PaymentIntent or Charge id, Razorpay `pay_`, ...).
    pub id: String,
    /// Amount in major units, as a decimal string.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$"))
    )]
    pub amount: Option<String>,
    /// ISO 4217 code, upper case.
    pub currency: Option<String>,
    /// Provider fee in major units, as a decimal string.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$"))
    )]
    pub transaction_fee: Option<String>,
    /// Amount refunded so far in major units, as a decimal string.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$"))
    )]
    pub refund_amount: Option<String>,
    /// Unified status (docs/mapping.md#status), or the raw status verbatim when it has no mapping.
    pub status: Status,
    /// The paying customer.
    pub customer: Option<CustomerRef>,
    /// Free-text description.
    pub description: Option<String>,
    /// How it was paid.
    pub payment_method: Option<PaymentMethod>,
    /// Creation time, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: Option<String>,
    /// When an uncaptured authorization or a pending payment expires, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_on: Option<String>,
    /// The acquirer / merchant reference (RRN, merchant reference, ...).
    pub reference_id: Option<String>,
    /// The order this payment belongs to.
    pub order_id: Option<String>,
    /// The provider's key/value metadata, keys copied as data.
    #[cfg_attr(feature = "ts", ts(type = "{ [key: string]: JsonValue } | null"))]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")
    )]
    pub metadata: Option<Value>,
    /// The raw provider object exactly as given; absent when `remote_data: false` and inside an
    /// [`Order`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub remote_data: Option<RawJson>,
}

impl Payment {
    /// A payment known only by its id (an unexpanded reference): every other field `null`,
    /// status `unknown`.
    pub fn with_id(id: impl Into<String>) -> Self {
        Payment {
            id: id.into(),
            amount: None,
            currency: None,
            transaction_fee: None,
            refund_amount: None,
            status: Status::Unknown,
            customer: None,
            description: None,
            payment_method: None,
            created_at: None,
            expires_on: None,
            reference_id: None,
            order_id: None,
            metadata: None,
            remote_data: None,
        }
    }
}

/// An order. `amount` is a JSON number in major units (`50`, `5.12`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// The order id (for Juspay the merchant's `order_id`).
    pub id: String,
    /// Amount in major units as a JSON number, written from exact decimal text.
    #[serde(
        serialize_with = "number_from_decimal",
        deserialize_with = "decimal_from_number"
    )]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Number>"))]
    pub amount: Option<String>,
    /// ISO 4217 code, upper case.
    pub currency: Option<String>,
    /// Creation time, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub created_at: Option<String>,
    /// Last update time, RFC 3339 UTC.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub updated_at: Option<String>,
    /// Unified status (docs/mapping.md#status), or the raw status verbatim.
    pub status: Status,
    /// The customer.
    pub customer: Option<CustomerRef>,
    /// The order's payment, mapped as a [`Payment`] without `remote_data`.
    pub payment: Option<Payment>,
    /// The raw provider object exactly as given; absent when `remote_data: false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub remote_data: Option<RawJson>,
}

/// A normalized list: `{ "result": [...], "next_cursor": string|null }`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// The normalized items, each with its own raw item as `remote_data`.
    pub result: Vec<T>,
    /// What to pass to the provider to fetch the next page, or `null` at the end.
    pub next_cursor: Option<String>,
}

/// What `normalize` returns: one unified object or a list of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Normalized {
    /// One customer.
    Customer(Box<Customer>),
    /// One order.
    Order(Box<Order>),
    /// One payment.
    Payment(Box<Payment>),
    /// A list of customers.
    Customers(List<Customer>),
    /// A list of orders.
    Orders(List<Order>),
    /// A list of payments.
    Payments(List<Payment>),
}

// Order amounts are kept as exact decimal text and written as a JSON number token, so `5.12`
// never passes through a float.
fn number_from_decimal<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    match v {
        None => s.serialize_none(),
        Some(text) => {
            let n: serde_json::Number = text.parse().map_err(S::Error::custom)?;
            n.serialize(s)
        }
    }
}

fn decimal_from_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<serde_json::Number>::deserialize(d)?.map(|n| n.to_string()))
}

impl Customer {
    /// The unified field names, in output order (without `remote_data`).
    pub const FIELDS: [&'static str; 6] =
        ["id", "name", "email", "phone", "created_at", "updated_at"];
}

impl Payment {
    /// The unified field names, in output order (without `remote_data`).
    pub const FIELDS: [&'static str; 14] = [
        "id",
        "amount",
        "currency",
        "transaction_fee",
        "refund_amount",
        "status",
        "customer",
        "description",
        "payment_method",
        "created_at",
        "expires_on",
        "reference_id",
        "order_id",
        "metadata",
    ];
}

impl Order {
    /// The unified field names, in output order (without `remote_data`).
    pub const FIELDS: [&'static str; 8] = [
        "id",
        "amount",
        "currency",
        "created_at",
        "updated_at",
        "status",
        "customer",
        "payment",
    ];
}

impl CustomerRef {
    /// The embedded customer's field names.
    pub const FIELDS: [&'static str; 4] = ["id", "name", "email", "phone"];
}

impl PaymentMethod {
    /// The embedded payment method's field names.
    pub const FIELDS: [&'static str; 2] = ["id", "method"];
}

/// A raw JSON value kept as its exact text: `remote_data` is the provider's object byte for byte
/// (key order, number text, escapes), written out verbatim and compared by its text.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Copies one JSON value's text (it must already be valid JSON: it is a slice of parsed input).
    pub(crate) fn from_raw(raw: &RawValue) -> Self {
        RawJson(raw.to_owned())
    }

    /// The exact JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the text into a `serde_json::Value` (exact numbers, key order kept).
    pub fn to_value(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

/// The TypeScript declarations of the unified shapes, the options, the provider / resource names
/// and the error codes, generated from these very types (ts-rs). `scripts/build.mjs` writes them
/// to the npm package's `types.d.ts`; never edited by hand.
#[cfg(feature = "ts")]
pub fn typescript_declarations() -> String {
    use crate::providers::{Paging, Provider, Resource};
    use crate::{ErrorCode, Options};
    use ts_rs::{Config, TS};

    fn export<T: TS + ?Sized>(cfg: &Config, out: &mut String) {
        if let Some(docs) = T::docs() {
            out.push_str(&docs);
        }
        out.push_str("export ");
        out.push_str(&T::decl(cfg));
        out.push_str("\n\n");
    }
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from paynorm's Rust types (src/unified.rs, src/options.rs, src/providers/mod.rs,\n\
         // src/rules/status.rs, src/error.rs) by ts-rs during `npm run build`. Do not edit.\n\n",
    );
    export::<Provider>(&cfg, &mut out);
    export::<Resource>(&cfg, &mut out);
    let codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| format!("\"{}\"", c.as_str()))
        .collect();
    out.push_str(&format!(
        "/** The stable error codes of `NormalizeError.code`. */\nexport type ErrorCode = {};\n\n",
        codes.join(" | ")
    ));
    export::<Status>(&cfg, &mut out);
    export::<serde_json::Value>(&cfg, &mut out);
    export::<CustomerRef>(&cfg, &mut out);
    export::<PaymentMethod>(&cfg, &mut out);
    export::<Customer>(&cfg, &mut out);
    export::<Payment>(&cfg, &mut out);
    export::<Order>(&cfg, &mut out);
    export::<List<ts_rs::Dummy>>(&cfg, &mut out);
    export::<Paging>(&cfg, &mut out);
    export::<Options>(&cfg, &mut out);
    {
        use crate::webhooks::{
            ErrorType, Event, EventData, EventType, EventTypeRow, ProviderError,
        };
        export::<EventType>(&cfg, &mut out);
        export::<EventData>(&cfg, &mut out);
        export::<Event>(&cfg, &mut out);
        export::<EventTypeRow>(&cfg, &mut out);
        export::<ErrorType>(&cfg, &mut out);
        export::<ProviderError>(&cfg, &mut out);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(all(test, feature = "ts"))]
mod ts_export {
    /// `PAYNORM_TS_OUT=<file> cargo test --features ts --lib ts_export`: writes the declarations
    /// (scripts/build.mjs does this); without the variable it only checks they generate.
    #[test]
    fn ts_export() {
        let text = super::typescript_declarations();
        assert!(text.contains("export type Status = "), "{text}");
        if let Some(path) = std::env::var_os("PAYNORM_TS_OUT") {
            std::fs::write(path, text).unwrap(); // ok: test-only export of the generated types
        }
    }
}
