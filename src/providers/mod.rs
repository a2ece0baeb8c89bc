//! The provider registry: which providers exist, which resources each maps, how each recognizes
//! its own payloads and list envelopes. Each provider lives in its own folder with its declared
//! shapes beside its mapping; adding a provider is its folder, its fixtures and one line of the
//! `registry!` below (docs/adding-a-provider.md).

use crate::error::{Error, ErrorCode};
use crate::fields::FieldSource;
use crate::reader::view::View;
use crate::unified::{Customer, Order, Payment};
use serde_json::value::RawValue;
use std::fmt;

/// The registry: one line per provider, in detection order ([`crate::detect`] asks them in
/// this order), each a variant of [`Provider`] and the module (folder) that holds its
/// declarations (`SPEC`). Adding a provider is its folder, its fixtures and one line here
/// (docs/adding-a-provider.md); everything that lists providers (`Provider::ALL`, `coverage()`,
/// detection, webhooks, error bodies, the CLI, the preview page, the docs tables and the tests)
/// walks this list.
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A payment provider whose payloads paynorm understands (the registry,
        /// `src/providers/mod.rs`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "lowercase")]
        pub enum Provider {
            $($(#[$doc])* $variant,)*
        }

        impl Provider {
            /// Every provider, in detection order (see [`crate::detect`]).
            pub const ALL: [Provider; [$(stringify!($module)),*].len()] = [$(Provider::$variant),*];

            /// The name used in the API (`"stripe"`, `"razorpay"`, `"checkout"`, `"juspay"`):
            /// the provider's module name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Provider::$variant => stringify!($module),)*
                }
            }

            pub(crate) fn spec(self) -> &'static ProviderSpec {
                match self {
                    $(Provider::$variant => &$module::SPEC,)*
                }
            }
        }
    };
}

registry! {
    /// Stripe (<https://docs.stripe.com/api>).
    Stripe => stripe,
    /// Juspay Express Checkout (<https://juspay.io/in/docs/api-reference/docs/express-checkout>).
    Juspay => juspay,
    /// Razorpay (<https://razorpay.com/docs/api/>).
    Razorpay => razorpay,
    /// Checkout.com (<https://api-reference.checkout.com/>).
    Checkout => checkout,
}

impl Provider {
    /// The provider's name as people write it (`"Checkout.com"`).
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// Parses a provider name: a registry name or one of its aliases (`checkout.com`),
    /// case-insensitive. Errors with `unsupported_provider`, listing the valid names.
    pub fn parse(name: &str) -> Result<Provider, Error> {
        let wanted = name.trim().to_ascii_lowercase();
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted || p.spec().aliases.contains(&wanted.as_str()))
            .ok_or_else(|| {
                let names: Vec<String> = Provider::ALL.iter().map(|p| format!("\"{p}\"")).collect();
                Error::new(
                    ErrorCode::UnsupportedProvider,
                    format!(
                        "unknown provider \"{name}\"; use one of {} or \"auto\"",
                        names.join(", ")
                    ),
                )
            })
    }

    /// The resources this provider maps.
    pub fn resources(self) -> Vec<Resource> {
        let spec = self.spec();
        Resource::ALL
            .into_iter()
            .filter(|r| spec.supports(*r))
            .collect()
    }
}

/// One registry entry as the API describes it (`providers()` in JS, `paynorm providers` in the
/// CLI): what the CLI, the preview page and the docs list instead of naming providers themselves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProviderInfo {
    /// The API name (`"checkout"`).
    pub name: &'static str,
    /// The name as people write it (`"Checkout.com"`).
    pub label: &'static str,
    /// Other accepted spellings (`["checkout.com", "checkoutcom"]`).
    pub aliases: &'static [&'static str],
    /// The resources it maps, in [`Resource::ALL`] order.
    pub resources: Vec<Resource>,
    /// The request header carrying its webhook signature (`"Cko-Signature"`).
    pub signature_header: &'static str,
    /// What verifies its webhooks: `"key"` (a signing secret) or `"basic"` (a username and
    /// password, Juspay).
    pub webhook_secret: &'static str,
    /// Where its webhook events keep the object their `data` is mapped from, as absolute JSON
    /// paths of the event body, each for one resource or (`null`) any: the first present wins.
    pub event_objects: Vec<EventObjectPath>,
}

/// See [`ProviderInfo::event_objects`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EventObjectPath {
    /// The resource the path is for, `None` for any.
    pub resource: Option<Resource>,
    /// The JSON path (`$.data.object`).
    pub path: &'static str,
}

/// Every provider of the registry, in detection order.
pub fn providers() -> Vec<ProviderInfo> {
    Provider::ALL
        .into_iter()
        .map(|p| {
            let spec = p.spec();
            ProviderInfo {
                name: p.as_str(),
                label: spec.label,
                aliases: spec.aliases,
                resources: p.resources(),
                signature_header: spec.events.scheme.header(),
                webhook_secret: spec.events.scheme.secret_kind(),
                event_objects: spec
                    .events
                    .objects
                    .iter()
                    .map(|&(resource, path)| EventObjectPath { resource, path })
                    .collect(),
            }
        })
        .collect()
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A unified resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    /// Customers ([`Customer`]).
    Customers,
    /// Orders ([`Order`]).
    Orders,
    /// Payments ([`Payment`]).
    Payments,
}

impl Resource {
    /// Every resource.
    pub const ALL: [Resource; 3] = [Resource::Customers, Resource::Orders, Resource::Payments];

    /// The plural name used in the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Resource::Customers => "customers",
            Resource::Orders => "orders",
            Resource::Payments => "payments",
        }
    }

    /// The singular noun, for messages.
    pub const fn singular(self) -> &'static str {
        match self {
            Resource::Customers => "customer",
            Resource::Orders => "order",
            Resource::Payments => "payment",
        }
    }

    /// Parses `customers` / `customer`, `orders` / `order`, `payments` / `payment`
    /// (case-insensitive). Errors with `unsupported_resource`.
    pub fn parse(name: &str) -> Result<Resource, Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "customers" | "customer" => Ok(Resource::Customers),
            "orders" | "order" => Ok(Resource::Orders),
            "payments" | "payment" => Ok(Resource::Payments),
            _ => Err(Error::new(
                ErrorCode::UnsupportedResource,
                format!("unknown resource \"{name}\"; use one of \"customers\", \"orders\", \"payments\" or \"auto\""),
            )),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Maps one raw object to a unified object. The argument is the exact JSON text of one object
/// (already validated as JSON, first byte `{`); mappers deserialize their raw types straight from
/// it with [`read`]. Errors carry paths relative to that object (`$.amount`); the caller re-roots
/// them for list items. `remote_data` is left `None`: the caller sets it.
pub(crate) type MapFn<T> = fn(&str) -> Result<T, Error>;

/// What a provider's detector says about a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detected {
    /// The resource, when the payload tells it.
    pub resource: Option<Resource>,
    /// Whether the payload is the provider's list envelope.
    pub list: bool,
}

/// Paging context a caller passes for list envelopes that do not carry their own paging state
/// (docs/mapping.md#lists: Razorpay collections).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Paging {
    /// How many items the request skipped (Razorpay `skip`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<u32>", optional))]
    pub skip: u64,
    /// How many items the request asked for (Razorpay `count`).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
}

/// A list envelope found in a payload: its items, where they sit (for error paths) and the
/// cursor of the next page.
pub(crate) struct Envelope<'a> {
    /// The raw items, each the exact text of one JSON value.
    pub items: Vec<&'a RawValue>,
    /// The key holding the items (`data`, `items`), for paths like `$.data[3]`.
    pub items_key: &'static str,
    /// The cursor of the next page, `None` at the end or when the envelope cannot tell.
    pub next_cursor: Option<String>,
}

/// Recognizes a provider's list envelope in the JSON text of a top-level object (read with
/// [`read`] into a small typed probe). `Ok(None)`: not an envelope of this provider.
pub(crate) type EnvelopeFn =
    for<'a> fn(&'a str, Option<&Paging>) -> Result<Option<Envelope<'a>>, Error>;

/// One provider's entry in the registry.
pub(crate) struct ProviderSpec {
    /// The name as people write it (`Stripe`, `Checkout.com`), for messages and the preview.
    pub label: &'static str,
    /// Other accepted spellings of the name, lower case (`checkout.com`).
    pub aliases: &'static [&'static str],
    pub customers: Option<MapFn<Customer>>,
    pub orders: Option<MapFn<Order>>,
    pub payments: Option<MapFn<Payment>>,
    pub envelope: EnvelopeFn,
    /// Whether a top-level object is this provider's, and which resource it is (read on the
    /// object's tape, [`crate::reader::view`]).
    pub detect: fn(View<'_, '_>) -> Option<Detected>,
    /// Where, in a top-level object of this provider, the object that is mapped sits, as a path
    /// relative to it: `""` for the object itself, `"data.object"` for a Stripe Event. `explain`
    /// reports its sources from there ([`the_object_itself`] for providers that map only bare
    /// objects).
    pub locate: fn(View<'_, '_>) -> &'static str,
    /// The field-source table of a resource (empty for resources it does not map).
    pub fields: fn(Resource) -> &'static [FieldSource],
    /// Webhooks: signature scheme, event envelope, event type table (`<provider>/events.rs`).
    pub events: &'static crate::webhooks::EventSpec,
    /// Error response bodies (`<provider>/errors.rs`).
    pub errors: &'static crate::webhooks::ErrorSpec,
}

/// [`ProviderSpec::locate`] of a provider whose mapped objects are never wrapped.
pub(crate) fn the_object_itself(_: View<'_, '_>) -> &'static str {
    ""
}

impl ProviderSpec {
    pub(crate) fn supports(&self, r: Resource) -> bool {
        match r {
            Resource::Customers => self.customers.is_some(),
            Resource::Orders => self.orders.is_some(),
            Resource::Payments => self.payments.is_some(),
        }
    }
}

/// Another provider's object given to `own`'s mapper (docs/mapping.md#detection-auto): the
/// other providers' recognizers are asked, in registry order, about the object `text`, and the
/// first that claims it gives `mismatched_payload` naming the provider (and resource) to pass.
/// `None` when none claims it. A provider calls this where its own discriminators say the object
/// is not its own; telling whose it is happens here, once, for every provider.
pub(crate) fn claimed_elsewhere(own: Provider, text: &str) -> Option<Error> {
    let (provider, found) = crate::reader::view(text, |object| {
        let object = object.as_object()?;
        REGISTRY
            .iter()
            .filter(|p| **p != own)
            .find_map(|p| (p.spec().detect)(object).map(|d| (*p, d)))
    })
    .ok()
    .flatten()?;
    let what = match (found.list, found.resource) {
        (true, Some(r)) => format!("a {} list of {}", provider.spec().label, r.as_str()),
        (true, None) => format!("a {} list", provider.spec().label),
        (false, Some(r)) => format!("a {} {}", provider.spec().label, r.singular()),
        (false, None) => format!("a {} object", provider.spec().label),
    };
    Some(Error::mismatched(
        "$",
        format!(
            "this looks like {what}, not a {} object; pass provider \"{}\"",
            own.spec().label,
            provider.as_str()
        ),
    ))
}

/// Runs `f` on a parsed value seen on a tape of its text (tests of recognizers over values).
#[cfg(test)]
pub(crate) fn on_value<R>(value: &serde_json::Value, f: impl FnOnce(View<'_, '_>) -> R) -> R {
    let text = value.to_string();
    crate::reader::view(&text, f).expect("a value's text is JSON")
}

/// The registry in detection order ([`Provider::ALL`]).
pub(crate) const REGISTRY: [Provider; Provider::ALL.len()] = Provider::ALL;

/// The most items one list may hold: a top-level list, a list envelope's items, or a list
/// embedded in an object (a Stripe PaymentIntent's `charges.data`). One more is
/// `input_too_large` at the path of the first item over the limit. Provider pages hold at most
/// 100 items, so this is a hundred pages; it bounds the memory of a list of tiny items (each
/// mapped item costs a few hundred bytes whatever its size).
pub const MAX_LIST_ITEMS: usize = 10_000;

/// The words every too-many-items message starts with ([`Error::from_json`] gives it the
/// `input_too_large` code).
pub(crate) const TOO_MANY_ITEMS: &str = "too many items";

/// The message of a list past [`MAX_LIST_ITEMS`].
struct TooManyItems;

impl fmt::Display for TooManyItems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{TOO_MANY_ITEMS}: a list holds at most {MAX_LIST_ITEMS} items; pass one page at a time"
        )
    }
}

/// The items of a list envelope's array `list` (at JSON path `path`, e.g. `$.data`), each the
/// exact text of one value. Errors: `input_too_large` at the first item past
/// [`MAX_LIST_ITEMS`].
pub(crate) fn envelope_items<'a>(
    list: View<'_, 'a>,
    path: &str,
) -> Result<Vec<&'a RawValue>, Error> {
    let mut items = Vec::new();
    for item in list.items() {
        if items.len() >= MAX_LIST_ITEMS {
            return Err(Error::at(
                ErrorCode::InputTooLarge,
                format!("{path}[{MAX_LIST_ITEMS}]"),
                TooManyItems,
            ));
        }
        items.push(item.raw().ok_or_else(unreadable)?);
    }
    Ok(items)
}

/// A value of a tape-checked input that could not be read back (never expected).
#[cold]
pub(crate) fn unreadable() -> Error {
    Error::new(
        ErrorCode::InternalError,
        "paynorm could not read back a value of the input; please report it",
    )
}

/// Runs an envelope probe `f` over the top-level object `text` seen on its tape
/// ([`crate::reader::view`]); `text` is a value of the call's input, checked when read.
pub(crate) fn probe_object<'a, R>(
    text: &'a str,
    f: impl FnOnce(View<'_, 'a>) -> Result<R, Error>,
) -> Result<R, Error> {
    crate::reader::view(text, f).map_err(|e| Error::from_json(e, text))?
}

/// The `unsupported_resource` error for a provider that lacks `resource`.
pub(crate) fn unsupported(provider: Provider, resource: Resource) -> Error {
    let has: Vec<&str> = provider.resources().iter().map(|r| r.as_str()).collect();
    Error::new(
        ErrorCode::UnsupportedResource,
        format!(
            "{provider} has no {resource} resource; it has: {}",
            has.iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}
