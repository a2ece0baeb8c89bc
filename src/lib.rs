//! # paynorm
//!
//! Turns raw Stripe, Razorpay, Checkout.com and Juspay API payloads (customers, orders, payments
//! and lists of them) into the unified customer / order / payment shapes of Truto's Unified
//! Payment Gateway API, statuses included. Pure Rust with no WebAssembly dependency; the npm
//! package is a thin wasm-bindgen binding over this API (`src/wasm.rs`).
//!
//! ```
//! use paynorm::{normalize, Options, Provider, Resource, Normalized};
//!
//! let raw = r#"{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd",
//!              "status":"succeeded","created":1700000000}"#;
//! let normalized = normalize(Provider::Stripe, Resource::Payments, raw, &Options::default())?;
//! let Normalized::Payment(p) = normalized else { return Err("not a payment".into()) };
//! assert_eq!(p.amount.as_deref(), Some("50.00"));
//! assert_eq!(p.status.as_str(), "paid");
//! assert_eq!(p.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Conventions (SPEC section 3): payment money is a decimal string in major units with the
//! currency's exponent (`"50.00"`, `"500"` JPY), never through a float; order `amount` is the same
//! value as a JSON number; times are RFC 3339 UTC; currencies ISO 4217 upper case; statuses come
//! from the vocabulary `pending authorized paid partial refunded voided cancelled unknown`, or the
//! raw status verbatim (declines, failures). Errors carry a stable [`ErrorCode`], a message that
//! names what to fix and a JSON path. Nothing panics on input.

#![warn(missing_docs)]

pub mod detect;
pub mod error;
pub mod explain;
pub mod fields;
mod options;
pub mod providers;
pub mod rules;
pub mod unified;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use detect::{detect, detect_value, Detection};
pub use error::{Error, ErrorCode};
pub use explain::{explain, Explanation, FieldExplanation, ItemExplanation};
pub use fields::{coverage, CoverageRow, FieldSource};
pub use options::Options;
pub use providers::{Paging, Provider, Resource};
pub use unified::{Customer, CustomerRef, List, Normalized, Order, Payment, PaymentMethod, Status};

use providers::{unsupported, Envelope, ProviderSpec};
use serde_json::Value;

/// Normalizes one raw payload of `provider` and `resource` (a single object, the provider's list
/// envelope, or a bare JSON array of objects).
///
/// `input` is the provider's response body as JSON text. Returns the typed unified object or
/// list; `remote_data` is filled unless `options.remote_data` is false. `exclude_fields` applies
/// to JSON output ([`normalize_json`], [`normalize_value`]); the typed result keeps every field.
///
/// Errors: `invalid_json`, `invalid_payload`, `mismatched_payload`, `unsupported_resource`
/// (SPEC section 1), each with a JSON path where one applies.
pub fn normalize(
    provider: Provider,
    resource: Resource,
    input: &str,
    options: &Options,
) -> Result<Normalized, Error> {
    normalize_with(Some(provider), Some(resource), input.as_bytes(), options)
}

/// [`normalize`] with `None` meaning `"auto"` for provider and/or resource, and the input as
/// UTF-8 bytes. Auto-detection follows SPEC section 7 ([`detect`]); when nothing can be told
/// apart the error is `undetectable`.
pub fn normalize_with(
    provider: Option<Provider>,
    resource: Option<Resource>,
    input: &[u8],
    options: &Options,
) -> Result<Normalized, Error> {
    let value = parse(input)?;
    let (mut normalized, shape) = map_value(provider, resource, &value, options)?;
    if options.remote_data {
        // The parsed input is ours: move it into `remote_data` rather than copy it.
        attach_raw(&mut normalized, shape, value);
    }
    Ok(normalized)
}

/// [`normalize_with`] over an already parsed JSON value (copied into `remote_data`).
pub fn normalize_parsed(
    provider: Option<Provider>,
    resource: Option<Resource>,
    value: &Value,
    options: &Options,
) -> Result<Normalized, Error> {
    let (mut normalized, shape) = map_value(provider, resource, value, options)?;
    if options.remote_data {
        attach_raw(&mut normalized, shape, value.clone());
    }
    Ok(normalized)
}

/// Where the raw objects of a payload sit, so `remote_data` can be attached after mapping.
#[derive(Clone, Copy)]
enum Shape {
    Single,
    BareArray,
    Envelope(&'static str),
}

/// Maps without `remote_data`.
fn map_value(
    provider: Option<Provider>,
    resource: Option<Resource>,
    value: &Value,
    options: &Options,
) -> Result<(Normalized, Shape), Error> {
    let provider = match provider {
        Some(p) => p,
        None => detect_value(value)
            .map(|d| d.provider)
            .ok_or_else(undetectable_provider)?,
    };
    let spec = provider.spec();
    if let Some(r) = resource {
        if !spec.supports(r) {
            return Err(unsupported(provider, r));
        }
    }
    match value {
        Value::Array(items) => Ok((list(provider, spec, resource, items, "$", None)?, Shape::BareArray)),
        Value::Object(map) => match (spec.envelope)(map, options.paging.as_ref())? {
            Some(Envelope { items, items_key, next_cursor }) => {
                let prefix = format!("$.{items_key}");
                let mapped = list(provider, spec, resource, items, &prefix, next_cursor)?;
                Ok((mapped, Shape::Envelope(items_key)))
            }
            None => {
                let resource = match resource {
                    Some(r) => r,
                    None => (spec.detect)(map)
                        .and_then(|d| d.resource)
                        .ok_or_else(|| undetectable_resource(provider))?,
                };
                Ok((single(provider, spec, resource, value)?, Shape::Single))
            }
        },
        other => Err(Error::payload(
            "$",
            format!(
                "expected a JSON object (one {provider} customer, order or payment) or a list, found {}",
                rules::json_kind(other)
            ),
        )),
    }
}

/// Sets `remote_data`: the whole payload for a single object, each item's own raw object for a
/// list (items are mapped one to one, in order).
fn attach_raw(normalized: &mut Normalized, shape: Shape, value: Value) {
    let items = match (shape, value) {
        (Shape::Single, raw) => {
            match normalized {
                Normalized::Customer(c) => c.remote_data = Some(raw),
                Normalized::Order(o) => o.remote_data = Some(raw),
                Normalized::Payment(p) => p.remote_data = Some(raw),
                _ => {}
            }
            return;
        }
        (Shape::BareArray, Value::Array(items)) => items,
        (Shape::Envelope(key), Value::Object(mut map)) => match map.shift_remove(key) {
            Some(Value::Array(items)) => items,
            _ => return,
        },
        _ => return,
    };
    match normalized {
        Normalized::Customers(l) => l
            .result
            .iter_mut()
            .zip(items)
            .for_each(|(c, raw)| c.remote_data = Some(raw)),
        Normalized::Orders(l) => l
            .result
            .iter_mut()
            .zip(items)
            .for_each(|(o, raw)| o.remote_data = Some(raw)),
        Normalized::Payments(l) => l
            .result
            .iter_mut()
            .zip(items)
            .for_each(|(p, raw)| p.remote_data = Some(raw)),
        _ => {}
    }
}

/// Normalizes and returns JSON text (the edge path: text in, text out), with `exclude_fields`
/// applied. Provider and resource are names as the JS API takes them: `"stripe"`, ..., or
/// `"auto"`; `"customer"` and `"customers"` alike.
pub fn normalize_json(
    provider: &str,
    resource: &str,
    input: &[u8],
    options: &Options,
) -> Result<String, Error> {
    let (p, r) = parse_names(provider, resource)?;
    let normalized = normalize_with(p, r, input, options)?;
    if options.exclude_fields.is_empty() {
        serde_json::to_string(&normalized).map_err(output_error)
    } else {
        let value = to_value_excluding(&normalized, options)?;
        serde_json::to_string(&value).map_err(output_error)
    }
}

/// Normalizes and returns a `serde_json::Value` with `exclude_fields` applied.
pub fn normalize_value(
    provider: &str,
    resource: &str,
    input: &[u8],
    options: &Options,
) -> Result<Value, Error> {
    let (p, r) = parse_names(provider, resource)?;
    let normalized = normalize_with(p, r, input, options)?;
    to_value_excluding(&normalized, options)
}

/// Parses `"auto"` or a provider name, and `"auto"` or a resource name.
pub fn parse_names(
    provider: &str,
    resource: &str,
) -> Result<(Option<Provider>, Option<Resource>), Error> {
    let p = if provider.trim().eq_ignore_ascii_case("auto") {
        None
    } else {
        Some(Provider::parse(provider)?)
    };
    let r = if resource.trim().eq_ignore_ascii_case("auto") {
        None
    } else {
        Some(Resource::parse(resource)?)
    };
    Ok((p, r))
}

/// Parses JSON text or UTF-8 bytes (a leading byte-order mark is skipped). Errors are
/// `invalid_json` with line and column.
pub(crate) fn parse(input: &[u8]) -> Result<Value, Error> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(
            ErrorCode::InvalidJson,
            "input is empty; pass the provider's JSON response body",
        ));
    }
    serde_json::from_slice(input).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            format!("input is not valid JSON: {e}; pass the provider's response body unchanged"),
        )
    })
}

fn single(
    provider: Provider,
    spec: &ProviderSpec,
    resource: Resource,
    value: &Value,
) -> Result<Normalized, Error> {
    let missing = || unsupported(provider, resource);
    Ok(match resource {
        Resource::Customers => {
            Normalized::Customer(Box::new(spec.customers.ok_or_else(missing)?(value)?))
        }
        Resource::Orders => Normalized::Order(Box::new(spec.orders.ok_or_else(missing)?(value)?)),
        Resource::Payments => {
            Normalized::Payment(Box::new(spec.payments.ok_or_else(missing)?(value)?))
        }
    })
}

fn list(
    provider: Provider,
    spec: &ProviderSpec,
    resource: Option<Resource>,
    items: &[Value],
    prefix: &str,
    next_cursor: Option<String>,
) -> Result<Normalized, Error> {
    let resource = match resource {
        Some(r) => r,
        None => match items.iter().find_map(Value::as_object) {
            Some(first) => (spec.detect)(first)
                .and_then(|d| d.resource)
                .ok_or_else(|| undetectable_resource(provider))?,
            // An empty list reads the same whatever its resource.
            None if items.is_empty() => Resource::Payments,
            None => return Err(undetectable_resource(provider)),
        },
    };
    fn each<T>(
        items: &[Value],
        prefix: &str,
        map: fn(&Value) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if !item.is_object() {
                let here = format!("{prefix}[{i}]");
                return Err(Error::payload(
                    here,
                    format!("expected an object, found {}", rules::json_kind(item)),
                ));
            }
            out.push(map(item).map_err(|e| e.within(&format!("{prefix}[{i}]")))?);
        }
        Ok(out)
    }
    let missing = || unsupported(provider, resource);
    Ok(match resource {
        Resource::Customers => Normalized::Customers(List {
            result: each(items, prefix, spec.customers.ok_or_else(missing)?)?,
            next_cursor,
        }),
        Resource::Orders => Normalized::Orders(List {
            result: each(items, prefix, spec.orders.ok_or_else(missing)?)?,
            next_cursor,
        }),
        Resource::Payments => Normalized::Payments(List {
            result: each(items, prefix, spec.payments.ok_or_else(missing)?)?,
            next_cursor,
        }),
    })
}

pub(crate) fn resource_of(normalized: &Normalized) -> Resource {
    match normalized {
        Normalized::Customer(_) | Normalized::Customers(_) => Resource::Customers,
        Normalized::Order(_) | Normalized::Orders(_) => Resource::Orders,
        Normalized::Payment(_) | Normalized::Payments(_) => Resource::Payments,
    }
}

pub(crate) fn to_value_excluding(
    normalized: &Normalized,
    options: &Options,
) -> Result<Value, Error> {
    options.check_exclusions(resource_of(normalized))?;
    let mut value = serde_json::to_value(normalized).map_err(output_error)?;
    match &mut value {
        Value::Object(map) if map.contains_key("result") && map.contains_key("next_cursor") => {
            if let Some(Value::Array(items)) = map.get_mut("result") {
                for item in items {
                    options.exclude(item);
                }
            }
        }
        item => options.exclude(item),
    }
    Ok(value)
}

pub(crate) fn output_error(e: serde_json::Error) -> Error {
    Error::new(
        ErrorCode::InvalidPayload,
        format!("could not write the unified JSON: {e}"),
    )
}

pub(crate) fn undetectable_provider() -> Error {
    Error::new(
        ErrorCode::Undetectable,
        "could not tell which provider this payload is from; pass \"stripe\", \"razorpay\", \"checkout\" or \"juspay\" instead of \"auto\"",
    )
}

fn undetectable_resource(provider: Provider) -> Error {
    Error::new(
        ErrorCode::Undetectable,
        format!("could not tell which {provider} resource this payload is; pass \"customers\", \"orders\" or \"payments\" instead of \"auto\""),
    )
}
