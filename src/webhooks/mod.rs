//! Webhooks and provider errors (docs/webhooks.md): the shared parts. Each provider declares its
//! own scheme, envelope, event type table and error body beside its mapping
//! (`src/providers/<provider>/events.rs`, `errors.rs`); this module walks those declarations
//! through the registry and maps the object inside an event with exactly the code
//! [`crate::normalize`] uses.
//!
//! - [`verify_webhook`]: the signature on the raw body (constant-time, synchronous).
//! - [`construct_event`]: verify, then [`parse_webhook`].
//! - [`parse_webhook`]: the unified [`Event`] of a webhook body (no verification).
//! - [`normalize_error`]: the unified [`ProviderError`] of an error response body.
//! - [`event_types`]: every provider's event type table.
//!
//! ```
//! use paynorm::webhooks::hmac_sha256_hex;
//! use paynorm::{construct_event, Provider, WebhookOptions};
//!
//! let body = br#"{"entity":"event","event":"payment.captured","created_at":1700000000,
//!   "payload":{"payment":{"entity":{"id":"pay_1","entity":"payment","amount":50000,
//!   "currency":"INR","status":"captured","created_at":1700000000}}}}"#;
//! let signature = hmac_sha256_hex(b"webhook_secret", body); // what Razorpay sends
//! let headers = [("X-Razorpay-Signature", signature.as_str()), ("x-razorpay-event-id", "Ev1")];
//! let event = construct_event(Provider::Razorpay, body, &headers, &["webhook_secret".into()],
//!                             &WebhookOptions::default())?;
//! assert_eq!(event.event_type.as_str(), "payment.succeeded");
//! assert_eq!(event.id.as_deref(), Some("Ev1"));
//! # Ok::<(), paynorm::Error>(())
//! ```

mod event;
mod provider_error;
pub mod signature;

pub use event::{Event, EventData, EventType, EventTypeRow};
pub(crate) use provider_error::ErrorParts;
pub use provider_error::{ErrorType, ProviderError};
pub use signature::{header, hmac_sha256_hex, Scheme, Secret};

use crate::error::{Error, ErrorCode};
use crate::providers::{Provider, Resource, REGISTRY};
use crate::reader::view::View;
use crate::unified::RawJson;
use crate::{Normalized, Options};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Options of [`verify_webhook`], [`construct_event`] and [`parse_webhook`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookOptions {
    /// Seconds a Stripe signature's timestamp may be from `now`, both ways; 0 switches the check
    /// off. Default 300.
    pub tolerance: u64,
    /// The current time in unix seconds; `None` reads the system clock (native builds; the wasm
    /// binding passes `Date.now() / 1000`).
    pub now: Option<i64>,
    /// Include the raw body as `remote_data` (and the inner object in `data.remote_data`).
    /// Default true.
    pub remote_data: bool,
    /// Request headers for [`parse_webhook`] (Razorpay's `x-razorpay-event-id`);
    /// [`construct_event`] uses the headers it verified.
    pub headers: Vec<(String, String)>,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        WebhookOptions {
            tolerance: 300,
            now: None,
            remote_data: true,
            headers: Vec::new(),
        }
    }
}

/// Options of [`normalize_error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorOptions {
    /// The HTTP status of the error response, when known (refines `type`, sets `retryable` for
    /// 5xx, and is `http_status`).
    pub status: Option<u16>,
    /// Include the raw body as `remote_data`. Default true.
    pub remote_data: bool,
}

impl Default for ErrorOptions {
    fn default() -> Self {
        ErrorOptions {
            status: None,
            remote_data: true,
        }
    }
}

/// Reads an event envelope's text (with the request headers) into its parts.
pub(crate) type ReadEventFn = for<'a> fn(&'a str, &[(&str, &str)]) -> Result<EventParts<'a>, Error>;

/// Reads an error body (with the HTTP status when known) into its parts.
pub(crate) type ReadErrorFn = fn(View<'_, '_>, Option<u16>) -> Result<ErrorParts, Error>;

/// A provider's webhook declaration (in `src/providers/<provider>/events.rs`).
pub(crate) struct EventSpec {
    /// How the provider signs webhooks.
    pub scheme: Scheme,
    /// Every documented event type for customers, orders, payments, refunds and disputes ->
    /// the unified type.
    pub types: &'static [(&'static str, EventType)],
    /// Whether a top-level object is this provider's event envelope (docs/webhooks.md,
    /// detection), read on the body's tape ([`crate::reader::view`]).
    pub recognize: fn(View<'_, '_>) -> bool,
    /// What the envelope looks like, for the message when a body is not one.
    pub shape: &'static str,
    /// Where an event keeps the object its `data` is mapped from: `(resource or any, absolute
    /// JSON path)`, the first present wins ([`crate::providers::ProviderInfo::event_objects`]).
    pub objects: &'static [(Option<Resource>, &'static str)],
    /// Reads the envelope: id, type, time, the object inside.
    pub read: ReadEventFn,
}

/// A provider's error-body declaration (in `src/providers/<provider>/errors.rs`).
pub(crate) struct ErrorSpec {
    /// The body field the `types` table reads (`error.type`, `error_type`, ...).
    pub type_field: &'static str,
    /// The provider's words in `type_field` -> the unified error type.
    pub types: &'static [(&'static str, ErrorType)],
    /// Whether a top-level object is this provider's error body (read on the body's tape).
    pub recognize: fn(View<'_, '_>) -> bool,
    /// Reads the body; `status` is the HTTP status when known.
    pub read: ReadErrorFn,
}

/// What an event envelope holds, as a provider's declaration reads it.
pub(crate) struct EventParts<'a> {
    pub id: Option<String>,
    pub provider_type: String,
    pub created_at: Option<String>,
    pub object: Option<Inner<'a>>,
    pub previous_attributes: Option<&'a RawValue>,
    pub livemode: Option<bool>,
}

/// The object inside an event and the resource to map it as.
pub(crate) struct Inner<'a> {
    pub resource: Resource,
    /// The text handed to the mapping (the raw object; Checkout.com adds the status its event
    /// type implies).
    pub text: Cow<'a, str>,
    /// The raw object as given (`data.remote_data`).
    pub raw: &'a RawValue,
    /// Where it sits in the body, for error paths (`$.data.object`).
    pub path: &'static str,
}

/// The signature header a provider's webhooks carry (`Stripe-Signature`, `X-Razorpay-Signature`,
/// `Cko-Signature`, `Authorization`): a bare signature string is sent under this name.
pub fn signature_header(provider: Provider) -> &'static str {
    provider.spec().events.scheme.header()
}

/// Verifies a webhook's signature on its raw `body` (docs/webhooks.md, "Verification").
///
/// `headers` are the request's headers as pairs (names case-insensitive); `secrets` one or more
/// (a roll: any may match). Errors: `signature_missing`, `signature_malformed`,
/// `signature_mismatch`, `timestamp_outside_tolerance`, `unsupported_signature_scheme` (Juspay
/// JWT), `invalid_input` (no secret, empty secret, body not UTF-8).
pub fn verify_webhook(
    provider: Provider,
    body: &[u8],
    headers: &[(&str, &str)],
    secrets: &[Secret],
    options: &WebhookOptions,
) -> Result<(), Error> {
    signature::verify(
        provider.spec().events.scheme,
        body,
        headers,
        secrets,
        options.now,
        options.tolerance,
    )
}

/// [`verify_webhook`], then [`parse_webhook`] of the same body (with `headers` for Razorpay's
/// event id).
pub fn construct_event(
    provider: Provider,
    body: &[u8],
    headers: &[(&str, &str)],
    secrets: &[Secret],
    options: &WebhookOptions,
) -> Result<Event, Error> {
    verify_webhook(provider, body, headers, secrets, options)?;
    event_of(Some(provider), body, headers, options)
}

/// The unified [`Event`] of a webhook body, without verification (replays, previews).
/// `provider` `None` is `"auto"`: each provider's recognizer is asked through the registry.
///
/// Errors: `invalid_json`, `invalid_payload` (not an object, a field of the wrong type),
/// `mismatched_payload` (another provider's event, or not an event), `undetectable`, and the
/// mapping errors of the object inside (paths from the body's root: `$.data.object.amount`).
pub fn parse_webhook(
    provider: Option<Provider>,
    body: &[u8],
    options: &WebhookOptions,
) -> Result<Event, Error> {
    let headers: Vec<(&str, &str)> = options
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    event_of(provider, body, &headers, options)
}

fn event_of(
    provider: Option<Provider>,
    body: &[u8],
    headers: &[(&str, &str)],
    options: &WebhookOptions,
) -> Result<Event, Error> {
    let (text, _reading) = open_object_body(body)?;
    // The recognizers that claim the body: the first one, and whether `provider`'s does.
    let claims = crate::reader::view(text, |v| {
        let map = v.as_object()?;
        let first = REGISTRY
            .into_iter()
            .find(|p| (p.spec().events.recognize)(map));
        Some((
            first,
            provider.is_some_and(|p| (p.spec().events.recognize)(map)),
        ))
    })
    .map_err(crate::invalid_json)?;
    let Some((recognized, own)) = claims else {
        return Err(not_an_object(text, "a webhook event"));
    };
    let provider = match (provider, recognized) {
        (Some(p), Some(r)) if p != r && !own => {
            return Err(Error::mismatched(
                "$",
                format!("this looks like a {r} webhook event, not a {p} one; pass provider \"{r}\""),
            ))
        }
        (Some(p), None) => {
            return Err(Error::mismatched(
                "$",
                format!("this is not a {p} webhook event body ({}); pass the raw webhook request body", envelope_hint(p)),
            ))
        }
        (Some(p), Some(_)) => p,
        (None, Some(r)) => r,
        (None, None) => {
            return Err(Error::new(
                ErrorCode::Undetectable,
                "could not tell which provider this webhook is from; pass \"stripe\", \"razorpay\", \"checkout\" or \"juspay\" instead of \"auto\"",
            ))
        }
    };
    let spec = provider.spec();
    let raw: &RawValue = crate::reader::from_str(text).map_err(crate::invalid_json)?;
    let parts = (spec.events.read)(raw.get(), headers)?;
    let event_type = spec
        .events
        .types
        .iter()
        .find(|(t, _)| *t == parts.provider_type)
        .map_or(EventType::Unknown, |(_, t)| *t);
    let (resource, data) = match parts.object {
        None => (None, None),
        Some(inner) => {
            let opts = Options {
                remote_data: false,
                ..Options::default()
            };
            let normalized = crate::normalize_with(
                Some(provider),
                Some(inner.resource),
                inner.text.as_bytes(),
                &opts,
            )
            .map_err(|e| e.within(inner.path))?;
            let rd = options.remote_data.then(|| RawJson::from_raw(inner.raw));
            let data = match normalized {
                Normalized::Customer(mut c) => {
                    c.remote_data = rd;
                    EventData::Customer(c)
                }
                Normalized::Order(mut o) => {
                    o.remote_data = rd;
                    EventData::Order(o)
                }
                Normalized::Payment(mut p) => {
                    p.remote_data = rd;
                    EventData::Payment(p)
                }
                _ => {
                    return Err(Error::payload(
                        inner.path,
                        "expected one object inside the event, found a list",
                    ))
                }
            };
            (Some(inner.resource), Some(data))
        }
    };
    Ok(Event {
        id: parts.id,
        event_type,
        created_at: parts.created_at,
        provider,
        provider_type: parts.provider_type,
        resource,
        data,
        previous_attributes: parts.previous_attributes.map(RawJson::from_raw),
        livemode: parts.livemode,
        remote_data: options.remote_data.then(|| RawJson::from_raw(raw)),
    })
}

fn envelope_hint(p: Provider) -> &'static str {
    p.spec().events.shape
}

/// The unified [`ProviderError`] of a provider's error response body (docs/webhooks.md,
/// "Provider errors"). `provider` `None` is `"auto"`.
///
/// Errors: `invalid_json`, `invalid_payload` (not an object, a field of the wrong type),
/// `mismatched_payload` (the body is not an error of that provider: a Checkout.com `201`
/// decline is a payment), `undetectable`.
pub fn normalize_error(
    provider: Option<Provider>,
    body: &[u8],
    options: &ErrorOptions,
) -> Result<ProviderError, Error> {
    let (text, _reading) = open_object_body(body)?;
    crate::reader::view(text, |map| {
        let Some(map) = map.as_object() else {
            return Err(not_an_object(text, "a provider error body"));
        };
        error_of(provider, map, text, options)
    })
    .map_err(crate::invalid_json)?
}

/// [`normalize_error`] on the body's object `map` (its text `text`).
fn error_of(
    provider: Option<Provider>,
    map: View<'_, '_>,
    text: &str,
    options: &ErrorOptions,
) -> Result<ProviderError, Error> {
    let recognized = REGISTRY
        .into_iter()
        .find(|p| (p.spec().errors.recognize)(map));
    let provider = match (provider, recognized) {
        (Some(p), _) if (p.spec().errors.recognize)(map) => p,
        (Some(p), Some(r)) => {
            return Err(Error::mismatched(
                "$",
                format!("this looks like a {r} error body, not a {p} one; pass provider \"{r}\""),
            ))
        }
        (Some(p), None) => {
            return Err(Error::mismatched(
                "$",
                format!("this is not a {p} error body (a successful or declined response is normalized with normalize(), not normalizeError())"),
            ))
        }
        (None, Some(r)) => r,
        (None, None) => {
            return Err(Error::new(
                ErrorCode::Undetectable,
                "could not tell which provider this error body is from; pass \"stripe\", \"razorpay\", \"checkout\" or \"juspay\" instead of \"auto\"",
            ))
        }
    };
    let parts = (provider.spec().errors.read)(map, options.status)?;
    let error_type = parts
        .error_type
        .unwrap_or_else(|| ErrorType::from_status(options.status));
    let raw: &RawValue = crate::reader::from_str(text).map_err(crate::invalid_json)?;
    Ok(ProviderError {
        provider,
        http_status: options.status,
        error_type,
        code: parts.code,
        decline_code: parts.decline_code,
        message: parts.message,
        param: parts.param,
        request_id: parts.request_id,
        retryable: error_type.retryable(options.status),
        remote_data: options.remote_data.then(|| RawJson::from_raw(raw)),
    })
}

/// Every provider's event type table: one row per documented provider type, in registry order.
pub fn event_types() -> Vec<EventTypeRow> {
    REGISTRY
        .into_iter()
        .flat_map(|provider| {
            provider
                .spec()
                .events
                .types
                .iter()
                .map(move |(t, e)| EventTypeRow {
                    provider,
                    provider_type: t,
                    event_type: *e,
                })
        })
        .collect()
}

/// One row of a provider's error type table ([`error_types`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorTypeRow {
    /// The provider.
    pub provider: Provider,
    /// The body field the provider's word is read from (`error.type`, `error_type`, ...).
    pub field: &'static str,
    /// The provider's word.
    pub provider_type: &'static str,
    /// The unified error type.
    #[serde(rename = "type")]
    pub error_type: ErrorType,
}

/// Every provider's error type table (the body word -> `type`; the HTTP status, when given,
/// refines it: 401 authentication, 403 permission, 404 not_found, 429 rate_limit, 5xx api).
pub fn error_types() -> Vec<ErrorTypeRow> {
    REGISTRY
        .into_iter()
        .flat_map(|provider| {
            let spec = provider.spec().errors;
            spec.types.iter().map(move |(w, t)| ErrorTypeRow {
                provider,
                field: spec.type_field,
                provider_type: w,
                error_type: *t,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Small readers the providers' declarations share
// ---------------------------------------------------------------------------------------------

/// The body's text and its members, after the limits every call applies (docs/mapping.md#limits:
/// the default `max_input_bytes`, nesting, lone surrogates): `input_too_large`, `invalid_json`,
/// or `invalid_payload` when the body is not a JSON object (`what` names what was expected).
/// The text of a webhook or error body and one tape of it (src/reader), which the recognizers
/// and every later read walk. What the tape refuses is worded as a parse into a value words it
/// (the limits pass, then serde_json).
fn open_object_body(body: &[u8]) -> Result<(&str, Option<crate::reader::Reading<'_>>), Error> {
    let text = crate::text_of(body)?;
    if crate::reader::is_careful() {
        crate::parse(body, crate::DEFAULT_MAX_INPUT_BYTES)?;
        return Ok((text, None));
    }
    crate::check_size(body.len(), crate::DEFAULT_MAX_INPUT_BYTES)?;
    match crate::reader::Reading::open(text) {
        Some((reading, _)) => Ok((text, Some(reading))),
        None => Err(refused_body(body)),
    }
}

/// The error for a body that is JSON but no object (`what`: "a webhook event", ...).
fn not_an_object(text: &str, what: &str) -> Error {
    Error::payload(
        "$",
        format!(
            "expected {what} (a JSON object), found {}",
            crate::rules::raw_kind(text.trim_start())
        ),
    )
}

/// The error for a body the tape refuses: as a parse into a value words it (the limits pass,
/// then serde_json).
#[cold]
fn refused_body(body: &[u8]) -> Error {
    match crate::parse(body, crate::DEFAULT_MAX_INPUT_BYTES) {
        Err(e) => e,
        Ok(_) => Error::new(
            ErrorCode::InternalError,
            "the reader refused valid JSON; please report the input",
        ),
    }
}

/// The members of a JSON object, each kept as its exact text: one walk of the object's keys on
/// the tape (no map built, no key copied unless escaped).
pub(crate) struct Members<'a> {
    entries: Vec<(Cow<'a, str>, &'a str)>,
}

impl<'a> Members<'a> {
    /// The raw value of `key`, its last occurrence when repeated (as a parsed object keeps).
    pub(crate) fn get(&self, key: &str) -> Option<&'a RawValue> {
        let (_, text) = self.entries.iter().rev().find(|(k, _)| k == key)?;
        crate::reader::from_str::<&RawValue>(text).ok()
    }

    /// Whether the object has `key`.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }
}

/// The members of a JSON object's text, each as its raw text (duplicate keys: the last wins).
/// `invalid_payload` at `path` when the text is not an object.
pub(crate) fn members<'a>(text: &'a str, path: &str) -> Result<Members<'a>, Error> {
    if !text.trim_start().starts_with('{') {
        return Err(Error::payload(
            path,
            format!(
                "expected object, found {}",
                crate::rules::raw_kind(text.trim_start())
            ),
        ));
    }
    crate::reader::view(text, |object| Members {
        entries: object
            .entries()
            .map(|(key, value)| (key.decoded().unwrap_or_default(), value.text()))
            .collect(),
    })
    .map_err(|e| Error::from_json(e, text).within(path))
}

/// A member that must be a string when present (`null` is absent); empty strings are `None`.
pub(crate) fn string(m: &Members<'_>, key: &str, path: &str) -> Result<Option<String>, Error> {
    match m.get(key).map(|r| r.get()) {
        None | Some("null") => Ok(None),
        Some(t) if t.starts_with('"') => {
            let s: String = crate::reader::from_str(t).map_err(|e| Error::from_json(e, t))?;
            Ok((!s.is_empty()).then_some(s))
        }
        Some(t) => Err(Error::payload(
            format!("{path}.{key}"),
            format!("expected string, found {}", crate::rules::raw_kind(t)),
        )),
    }
}

/// A member that must be an object when present (`null` is absent).
pub(crate) fn object<'a>(
    m: &Members<'a>,
    key: &str,
    path: &str,
) -> Result<Option<&'a RawValue>, Error> {
    match m.get(key) {
        None => Ok(None),
        Some(r) if r.get() == "null" => Ok(None),
        Some(r) if r.get().starts_with('{') => Ok(Some(r)),
        Some(r) => Err(Error::payload(
            format!("{path}.{key}"),
            format!("expected object, found {}", crate::rules::raw_kind(r.get())),
        )),
    }
}

/// A member that must be a boolean when present.
pub(crate) fn boolean(m: &Members<'_>, key: &str, path: &str) -> Result<Option<bool>, Error> {
    match m.get(key).map(|r| r.get()) {
        None | Some("null") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(t) => Err(Error::payload(
            format!("{path}.{key}"),
            format!("expected boolean, found {}", crate::rules::raw_kind(t)),
        )),
    }
}

/// A unix-seconds member as RFC 3339 UTC (docs/mapping.md#money).
pub(crate) fn unix_time(m: &Members<'_>, key: &str, path: &str) -> Result<Option<String>, Error> {
    let here = format!("{path}.{key}");
    match m.get(key).map(|r| r.get()) {
        None | Some("null") => Ok(None),
        Some(t) => match t.parse::<i64>() {
            Ok(secs) => crate::rules::time::unix_field(&here, Some(secs)),
            Err(_) => Err(Error::payload(
                here,
                format!(
                    "expected integer (unix seconds), found {}",
                    crate::rules::raw_kind(t)
                ),
            )),
        },
    }
}

/// An RFC 3339 text member in UTC (docs/mapping.md#money).
pub(crate) fn text_time(m: &Members<'_>, key: &str, path: &str) -> Result<Option<String>, Error> {
    let text = string(m, key, path)?;
    crate::rules::time::text_field(&format!("{path}.{key}"), text.as_deref())
}

/// A string member that must be present (the event type).
pub(crate) fn required_string(
    m: &Members<'_>,
    key: &str,
    path: &str,
    what: &str,
) -> Result<String, Error> {
    string(m, key, path)?.ok_or_else(|| {
        Error::payload(
            format!("{path}.{key}"),
            format!("required field `{key}` is missing; {what}"),
        )
    })
}

/// A non-empty string member of an object (error bodies); `None` for any other value.
pub(crate) fn value_str(map: View<'_, '_>, key: &str) -> Option<String> {
    map.get(key)
        .and_then(View::as_str)
        .filter(|s| !s.is_empty())
        .map(Cow::into_owned)
}

/// Looks a provider's word up in a declaration table.
pub(crate) fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
}
