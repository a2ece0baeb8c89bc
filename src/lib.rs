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
//! Conventions (docs/mapping.md#money): payment money is a decimal string in major units with the
//! currency's exponent (`"50.00"`, `"500"` JPY), never through a float; order `amount` is the same
//! value as a JSON number; times are RFC 3339 UTC; currencies ISO 4217 upper case; statuses come
//! from the vocabulary `pending authorized paid partial refunded voided cancelled unknown`, or the
//! raw status verbatim (declines, failures). Errors carry a stable [`ErrorCode`], a message that
//! names what to fix and a JSON path. Nothing panics on input.
//!
//! Webhooks (docs/webhooks.md, [`webhooks`]): [`verify_webhook`] checks a provider's signature on
//! the raw body in constant time, [`construct_event`] / [`parse_webhook`] give one [`Event`]
//! shape for the four providers, and [`normalize_error`] maps their error bodies.

#![warn(missing_docs)]

pub mod detect;
pub mod error;
pub mod explain;
pub mod fields;
mod jsonpath;
mod options;
mod output;
pub mod providers;
mod reader;
pub mod rules;
mod scan;
#[cfg(feature = "schema")]
pub mod schema;
pub mod unified;
pub mod webhooks;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use detect::{detect, detect_value, Detection};
pub use error::{Error, ErrorCode};
pub use explain::{explain, Explanation, FieldExplanation, ItemExplanation};
pub use fields::{coverage, CoverageRow, FieldSource};
pub use options::Options;
pub use providers::{
    providers, EventObjectPath, Paging, Provider, ProviderInfo, Resource, MAX_LIST_ITEMS,
};
#[doc(hidden)]
pub use reader::{careful as read_carefully, fuzz_reads, tape_reads};
pub use scan::MAX_DEPTH;
pub use unified::{
    Customer, CustomerRef, List, Normalized, Order, Payment, PaymentMethod, RawJson, Status,
};

pub use webhooks::{
    construct_event, error_types, event_types, normalize_error, parse_webhook, signature_header,
    verify_webhook, ErrorOptions, ErrorType, ErrorTypeRow, Event, EventData, EventType,
    EventTypeRow, ProviderError, Secret, WebhookOptions,
};

use providers::{unsupported, Envelope, ProviderSpec};
use serde_json::value::RawValue;
use serde_json::Value;

/// The default of [`Options::max_input_bytes`]: 16 MiB (16,777,216 bytes) of UTF-8. A longer
/// input is `input_too_large` before anything is parsed or allocated. What a call allocates is
/// bounded by a multiple of the input's size plus a constant (README, "Limits").
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Normalizes one raw payload of `provider` and `resource` (a single object, the provider's list
/// envelope, or a bare JSON array of objects).
///
/// `input` is the provider's response body as JSON text. Returns the typed unified object or
/// list; `remote_data` is filled unless `options.remote_data` is false. `exclude_fields` applies
/// to JSON output ([`normalize_json`], [`normalize_value`]); the typed result keeps every field.
///
/// Errors: `invalid_json`, `invalid_payload`, `mismatched_payload`, `unsupported_resource`
/// (docs/mapping.md#errors), each with a JSON path where one applies.
pub fn normalize(
    provider: Provider,
    resource: Resource,
    input: &str,
    options: &Options,
) -> Result<Normalized, Error> {
    normalize_with(Some(provider), Some(resource), input.as_bytes(), options)
}

/// [`normalize`] with `None` meaning `"auto"` for provider and/or resource, and the input as
/// UTF-8 bytes. Auto-detection follows docs/mapping.md#detection-auto ([`detect`]); when nothing can be told
/// apart the error is `undetectable`.
pub fn normalize_with(
    provider: Option<Provider>,
    resource: Option<Resource>,
    input: &[u8],
    options: &Options,
) -> Result<Normalized, Error> {
    normalize_inner(provider, resource, input, options, None).map(|(n, _)| n)
}

/// [`normalize_with`]; with `spans`, each `remote_data` is left `None` and its byte range in
/// `input` pushed to `spans` instead (in output order), so a caller holding the input can
/// splice it in without a copy ([`normalize_json_spliced`]).
fn normalize_inner(
    provider: Option<Provider>,
    resource: Option<Resource>,
    input: &[u8],
    options: &Options,
    spans: Option<&mut Vec<std::ops::Range<usize>>>,
) -> Result<(Normalized, Layout), Error> {
    check_size(input.len(), options.max_input_bytes)?;
    let text = text_of(input)?;
    // The one reading pass: the tape of the whole input, which every later read walks
    // (src/reader). It enforces the limits as it goes; what it refuses, the limits pass and
    // serde_json report.
    let opened = if reader::is_careful() {
        None
    } else {
        Some(reader::Reading::open(text).ok_or_else(|| refused(text))?)
    };
    let (found, _reading) = match opened {
        Some((reading, found)) => (
            scan::Scan {
                out_of_range: found.out_of_range,
                neg_zero: found.neg_zero,
            },
            Some(reading),
        ),
        // Natively, the engine as it was before the tape (tests compare the two).
        None => (scan::scan(text)?, None),
    };
    // Syntax errors are `invalid_json` before any mapping error; the value's raw text slices
    // become `remote_data`.
    let raw: &RawValue = reader::from_str(text).map_err(invalid_json)?;
    if let Some(e) = found.number_error(text) {
        return Err(e);
    }
    // `-0` written as an integer reads as 0 (docs/mapping.md#limits-and-leniency): the mapping reads a copy where each
    // such `-0` is ` 0` (same length, so every offset, path and `remote_data` slice still
    // matches the input); `remote_data` is still cut from the input itself.
    let patched = found.neg_zero.then(|| scan::minus_zero_as_zero(text));
    let _patched_reading = match &patched {
        Some(work) if !reader::is_careful() => reader::Reading::open(work),
        _ => None,
    };
    let spans = spans.map(std::cell::RefCell::new);
    let (raw, source) = match &patched {
        Some(work) => (
            reader::from_str::<&RawValue>(work).map_err(invalid_json)?,
            Source {
                work,
                original: Some(text),
                base: input.as_ptr() as usize,
                spans,
            },
        ),
        None => (
            raw,
            Source {
                work: text,
                original: None,
                base: input.as_ptr() as usize,
                spans,
            },
        ),
    };
    // "auto": the registry's recognizers read the input's tape. The resource they tell for a
    // single object is the one `map_raw` would ask the same recognizer for again.
    let (provider, told) = match provider {
        Some(p) => (p, None),
        None => {
            let d = detect::detect_text(raw.get())
                .map_err(invalid_json)?
                .ok_or_else(undetectable_provider)?;
            (d.provider, (!d.list).then_some(d.resource))
        }
    };
    let first = map_raw(provider, resource, raw, told, options, &source);
    let Err(e) = &first else {
        return first;
    };
    if !matches!(
        e.code,
        ErrorCode::InvalidPayload | ErrorCode::MismatchedPayload | ErrorCode::Undetectable
    ) {
        return first;
    }
    // A read can fail on the earlier value of a repeated key (`{"id":null,"id":"pi_1"}`: typed
    // readers check each value as they meet it). The last occurrence wins for every provider
    // (docs/mapping.md#limits-and-leniency): read again from a copy where every earlier
    // occurrence is blanked out (same length, so paths and `remote_data` still match the input).
    // Only failed reads pay for this check.
    let Some(deduped) = scan::without_repeated_keys(source.work) else {
        return first;
    };
    let Source { spans, .. } = source;
    if let Some(spans) = &spans {
        spans.borrow_mut().clear();
    }
    let again = Source {
        work: &deduped,
        original: Some(text),
        base: input.as_ptr() as usize,
        spans,
    };
    let _deduped_reading = if reader::is_careful() {
        None
    } else {
        reader::Reading::open(&deduped)
    };
    let raw = reader::from_str::<&RawValue>(&deduped).map_err(invalid_json)?;
    map_raw(provider, resource, raw, told, options, &again)
}

/// The error for an input the tape refuses: what the limits pass or serde_json says about it.
fn refused(text: &str) -> Error {
    if let Err(e) = scan::scan(text) {
        return e;
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(e) => invalid_json(e),
        Ok(_) => Error::new(
            ErrorCode::InternalError,
            "the reader refused valid JSON; please report the input",
        ),
    }
}

/// Where a result's items sit in the input: one object, a bare array, or the array under an
/// envelope's key (`data`, `items`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One object: its `remote_data` is the whole input.
    Single,
    /// A bare JSON array: item `i`'s `remote_data` is the array's element `i`.
    Array,
    /// A provider's list envelope: item `i`'s `remote_data` is element `i` of the array under
    /// this top-level key.
    Envelope(&'static str),
}

/// Where `remote_data` comes from: the text the mapping reads (`work`), and the input itself
/// when that differs (same length, `-0` read as ` 0`).
/// With `spans`, `remote_data` is not copied: its range in the input (from `base`, the address
/// of the input's first byte, before any byte-order mark) is recorded instead.
struct Source<'a> {
    work: &'a str,
    original: Option<&'a str>,
    base: usize,
    spans: Option<std::cell::RefCell<&'a mut Vec<std::ops::Range<usize>>>>,
}

impl Source<'_> {
    /// The raw JSON of `raw` (a slice of `work`) as the input has it, or `None` when its span
    /// was recorded instead.
    fn remote(&self, raw: &RawValue) -> Option<RawJson> {
        let start = (raw.get().as_ptr() as usize).wrapping_sub(self.work.as_ptr() as usize);
        if let Some(spans) = &self.spans {
            let text = self.original.unwrap_or(self.work);
            let at = (text.as_ptr() as usize).wrapping_sub(self.base) + start;
            spans.borrow_mut().push(at..at + raw.get().len());
            return None;
        }
        let Some(original) = self.original else {
            return Some(RawJson::from_raw(raw));
        };
        Some(
            original
                .get(start..start.saturating_add(raw.get().len()))
                .and_then(|slice| reader::from_str::<&RawValue>(slice).ok())
                .map_or_else(|| RawJson::from_raw(raw), RawJson::from_raw),
        )
    }
}

/// The checks every call makes before parsing (docs/mapping.md#limits-and-leniency, README "Limits"): the input's
/// size against `max_input_bytes` (`input_too_large`), UTF-8 and emptiness (`invalid_json`),
/// then one pass for nesting depth and lone surrogates (`invalid_json`), noting out-of-range
/// numbers and `-0`.
fn prepare(input: &[u8], max_input_bytes: u64) -> Result<(&str, scan::Scan), Error> {
    check_size(input.len(), max_input_bytes)?;
    let text = text_of(input)?;
    let found = scan::scan(text)?;
    Ok((text, found))
}

/// `input_too_large` when `len` bytes exceed `max` (naming both and the option).
pub(crate) fn check_size(len: usize, max: u64) -> Result<(), Error> {
    if u64::try_from(len).map_or(true, |len| len > max) {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!(
                "input is {len} bytes, over the limit of {max} bytes; pass a smaller page or raise options.max_input_bytes (default {DEFAULT_MAX_INPUT_BYTES})"
            ),
        ));
    }
    Ok(())
}

/// [`normalize_with`] over an already parsed JSON value.
pub fn normalize_parsed(
    provider: Option<Provider>,
    resource: Option<Resource>,
    value: &Value,
    options: &Options,
) -> Result<Normalized, Error> {
    let text = serde_json::to_string(value).map_err(output_error)?;
    normalize_with(provider, resource, text.as_bytes(), options)
}

/// Maps a validated payload: a single object, the provider's list envelope, or a bare array.
/// `told`: the resource "auto" detection already told for a single object (`None`: ask the
/// provider's recognizer when `resource` is `None`).
fn map_raw(
    provider: Provider,
    resource: Option<Resource>,
    raw: &RawValue,
    told: Option<Option<Resource>>,
    options: &Options,
    source: &Source<'_>,
) -> Result<(Normalized, Layout), Error> {
    let spec = provider.spec();
    if let Some(r) = resource {
        if !spec.supports(r) {
            return Err(unsupported(provider, r));
        }
    }
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'[') => {
            let items: Vec<&RawValue> =
                providers::probe_object(text, |list| providers::envelope_items(list, "$"))?;
            let mut out = list(provider, spec, resource, &items, "$", None)?;
            attach_items(&mut out, &items, options, source);
            Ok((out, Layout::Array))
        }
        Some(b'{') => match (spec.envelope)(text, options.paging.as_ref())? {
            Some(Envelope { items, items_key, next_cursor }) => {
                let prefix = format!("$.{items_key}");
                let mut out = list(provider, spec, resource, &items, &prefix, next_cursor)?;
                attach_items(&mut out, &items, options, source);
                Ok((out, Layout::Envelope(items_key)))
            }
            None => {
                let resource = match (resource, told) {
                    (Some(r), _) => r,
                    (None, Some(told)) => told.ok_or_else(|| undetectable_resource(provider))?,
                    (None, None) => detected_resource(spec, text)
                        .ok_or_else(|| undetectable_resource(provider))?,
                };
                let mut out = single(provider, spec, resource, text)?;
                if options.remote_data {
                    let rd = source.remote(raw);
                    match &mut out {
                        Normalized::Customer(c) => c.remote_data = rd,
                        Normalized::Order(o) => o.remote_data = rd,
                        Normalized::Payment(p) => p.remote_data = rd,
                        _ => {}
                    }
                }
                Ok((out, Layout::Single))
            }
        },
        _ => Err(Error::payload(
            "$",
            format!(
                "expected a JSON object (one {provider} customer, order or payment) or a list, found {}",
                rules::raw_kind(text)
            ),
        )),
    }
}

/// The resource `spec`'s recognizer tells for the object `text` (read on its tape).
fn detected_resource(spec: &ProviderSpec, text: &str) -> Option<Resource> {
    reader::view(text, |v| v.as_object().and_then(spec.detect))
        .ok()
        .flatten()
        .and_then(|d| d.resource)
}

/// Sets each list item's `remote_data` to its own raw object (items map one to one, in order).
fn attach_items(
    normalized: &mut Normalized,
    items: &[&RawValue],
    options: &Options,
    source: &Source<'_>,
) {
    if !options.remote_data {
        return;
    }
    let raws = items.iter().map(|r| source.remote(r));
    match normalized {
        Normalized::Customers(l) => l
            .result
            .iter_mut()
            .zip(raws)
            .for_each(|(c, r)| c.remote_data = r),
        Normalized::Orders(l) => l
            .result
            .iter_mut()
            .zip(raws)
            .for_each(|(o, r)| o.remote_data = r),
        Normalized::Payments(l) => l
            .result
            .iter_mut()
            .zip(raws)
            .for_each(|(p, r)| p.remote_data = r),
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
        let mut out = String::new();
        output::write_normalized(&normalized, &mut out, &mut output::Own)?;
        Ok(out)
    } else {
        let value = to_value_excluding(&normalized, options)?;
        serde_json::to_string(&value).map_err(output_error)
    }
}

/// The unified JSON of [`normalize_json`] with each `remote_data` value left out of the text:
/// what a caller that already holds the input needs to assemble the same output without the
/// input crossing back (the wasm binding's `normalizeJson` and `normalize`).
///
/// `text` is compact JSON with `null` as each `remote_data` value, at [`Hole::at`] (a byte
/// offset of `text`); replacing each of those `null`s with `input[hole.start..hole.end]`, in
/// order, gives exactly [`normalize_json`]'s output (and `text` itself is valid JSON). `holes` is empty when `text` is already complete
/// (`remote_data: false`, or `exclude_fields` given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    /// The unified JSON, `null` at each hole.
    pub text: String,
    /// The holes, in order of `at`.
    pub holes: Vec<Hole>,
    /// Where the items sit in the input (for a caller holding it parsed).
    pub layout: Layout,
}

/// One `remote_data` of [`Spliced::text`]: the four bytes `null` at `at` stand for
/// `input[start..end]` (byte offsets; `input` as given, a byte-order mark included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hole {
    /// Byte offset in [`Spliced::text`].
    pub at: usize,
    /// Byte offset in the input where the raw object starts.
    pub start: usize,
    /// Byte offset in the input just past the raw object.
    pub end: usize,
}

impl Spliced {
    /// The complete output: `text` with every hole filled from `input` (what [`normalize_json`]
    /// returns for the same call). `None` if a hole is out of range (not produced by this crate).
    pub fn assemble(&self, input: &[u8]) -> Option<String> {
        let mut out = Vec::new();
        assemble_into(&self.text, &self.holes, input, &mut out)?;
        String::from_utf8(out).ok()
    }
}

/// Writes `text` with every hole filled from `input` into `out` (cleared first): the bytes of
/// [`normalize_json`]'s output, for a `text` and `holes` of [`normalize_json_spliced_into`] and
/// the same `input`. One allocation at most (the exact length is known first); `None` if a hole
/// is out of range (not produced by this crate for this input).
pub fn assemble_into(text: &str, holes: &[Hole], input: &[u8], out: &mut Vec<u8>) -> Option<()> {
    out.clear();
    let mut total = text.len();
    for h in holes {
        total = total
            .checked_sub(HOLE.len())?
            .checked_add(h.end.checked_sub(h.start)?)?;
    }
    out.reserve(total); // ok: text plus ranges of the input, each at most the input's length
    let mut from = 0;
    for h in holes {
        out.extend_from_slice(text.as_bytes().get(from..h.at)?);
        out.extend_from_slice(input.get(h.start..h.end)?);
        from = h.at + HOLE.len();
    }
    out.extend_from_slice(text.as_bytes().get(from..)?);
    Some(())
}

/// [`normalize_json`] returning the unified JSON without copying `remote_data` ([`Spliced`]).
/// Same arguments and errors.
pub fn normalize_json_spliced(
    provider: &str,
    resource: &str,
    input: &[u8],
    options: &Options,
) -> Result<Spliced, Error> {
    let mut text = String::new();
    let (holes, layout) =
        normalize_json_spliced_into(provider, resource, input, options, &mut text)?;
    Ok(Spliced {
        text,
        holes,
        layout,
    })
}

/// [`normalize_json_spliced`] writing the text into `out` (cleared first), so that a caller
/// normalizing many payloads keeps one output buffer between
/// calls. Returns the holes and the layout of [`Spliced`].
pub fn normalize_json_spliced_into(
    provider: &str,
    resource: &str,
    input: &[u8],
    options: &Options,
    out: &mut String,
) -> Result<(Vec<Hole>, Layout), Error> {
    out.clear();
    let (p, r) = parse_names(provider, resource)?;
    normalize_json_spliced_as(p, r, input, options, out)
}

/// [`normalize_json_spliced_into`] with the names already parsed ([`parse_names`]: `None` is
/// `"auto"`), for a binding that parses each distinct name once and then passes it by number.
pub fn normalize_json_spliced_as(
    p: Option<Provider>,
    r: Option<Resource>,
    input: &[u8],
    options: &Options,
    out: &mut String,
) -> Result<(Vec<Hole>, Layout), Error> {
    out.clear();
    if !options.exclude_fields.is_empty() || !options.remote_data {
        let (normalized, layout) = normalize_inner(p, r, input, options, None)?;
        if options.exclude_fields.is_empty() {
            output::write_normalized(&normalized, out, &mut output::Own)?;
        } else {
            let value = to_value_excluding(&normalized, options)?;
            out.push_str(&serde_json::to_string(&value).map_err(output_error)?);
        }
        return Ok((Vec::new(), layout));
    }
    let mut spans = Vec::new();
    let (normalized, layout) = normalize_inner(p, r, input, options, Some(&mut spans))?;
    let mut holes = HoleWriter {
        holes: Vec::with_capacity(spans.len()), // ok: one per item, <= MAX_LIST_ITEMS
        spans: spans.into_iter(),
    };
    output::write_normalized(&normalized, out, &mut holes)?;
    Ok((holes.holes, layout))
}

/// What stands for a `remote_data` value in [`Spliced::text`].
const HOLE: &str = "null";

/// Writes `"remote_data":null` as the last field of each item, taking the holes' input ranges
/// in order (one per item).
struct HoleWriter {
    holes: Vec<Hole>,
    spans: std::vec::IntoIter<std::ops::Range<usize>>,
}

impl output::Remote for HoleWriter {
    fn write(&mut self, out: &mut String) {
        let Some(span) = self.spans.next() else {
            return;
        };
        out.push_str(",\"remote_data\":");
        self.holes.push(Hole {
            at: out.len(),
            start: span.start,
            end: span.end,
        });
        out.push_str(HOLE);
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

/// The input as text: a leading byte-order mark is skipped; empty input and invalid UTF-8 are
/// `invalid_json`.
pub(crate) fn text_of(input: &[u8]) -> Result<&str, Error> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(
            ErrorCode::InvalidJson,
            "input is empty; pass the provider's JSON response body",
        ));
    }
    // Payloads are mostly ASCII: a wide check of the ASCII prefix first (in wasm), the full
    // UTF-8 validation from the first byte it could not vouch for. An ASCII prefix ends between
    // characters, so the rest validates on its own.
    let ascii = crate::reader::tape::ascii_prefix(input).min(input.len());
    match std::str::from_utf8(&input[ascii..]) {
        // SAFETY: `input[..ascii]` is ASCII and `input[ascii..]` valid UTF-8 that starts a
        // character: together, valid UTF-8.
        Ok(_) => Ok(unsafe { std::str::from_utf8_unchecked(input) }),
        Err(e) => Err(Error::new(
            ErrorCode::InvalidJson,
            format!(
                "input is not valid UTF-8 (byte {}); pass the provider's response body unchanged",
                ascii + e.valid_up_to()
            ),
        )),
    }
}

pub(crate) fn invalid_json(e: serde_json::Error) -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        format!("input is not valid JSON: {e}; pass the provider's response body unchanged"),
    )
}

/// Parses JSON text or UTF-8 bytes into a value (detection and `explain`; the mapping itself
/// reads raw types straight from the text), after the same size and limits checks as
/// [`normalize_with`]. Errors are `input_too_large`, or `invalid_json` with line and column.
pub(crate) fn parse(input: &[u8], max_input_bytes: u64) -> Result<Value, Error> {
    let (text, found) = prepare(input, max_input_bytes)?;
    if found.neg_zero {
        // As the mapping reads it (so detection agrees with `normalize`'s "auto").
        return parse_checked(&scan::minus_zero_as_zero(text));
    }
    parse_checked(text)
}

/// Parses text that passed the limits pass into a value. serde_json's own recursion limit (127
/// levels) is lifted: the pass has already refused anything deeper than [`MAX_DEPTH`] (128).
fn parse_checked(text: &str) -> Result<Value, Error> {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = Value::deserialize(&mut de).map_err(invalid_json)?;
    de.end().map_err(invalid_json)?;
    Ok(value)
}

fn single(
    provider: Provider,
    spec: &ProviderSpec,
    resource: Resource,
    text: &str,
) -> Result<Normalized, Error> {
    let missing = || unsupported(provider, resource);
    Ok(match resource {
        Resource::Customers => Normalized::Customer(Box::new(map_one(
            provider,
            spec.customers.ok_or_else(missing)?,
            text,
        )?)),
        Resource::Orders => Normalized::Order(Box::new(map_one(
            provider,
            spec.orders.ok_or_else(missing)?,
            text,
        )?)),
        Resource::Payments => Normalized::Payment(Box::new(map_one(
            provider,
            spec.payments.ok_or_else(missing)?,
            text,
        )?)),
    })
}

/// Runs `provider`'s mapper on the object `text`. When it fails as `invalid_payload` and another
/// provider's recognizer claims the object, the error names that provider instead
/// ([`providers::claimed_elsewhere`]): the mapper read another provider's payload. Error path
/// only.
fn map_one<T>(
    provider: Provider,
    map: fn(&str) -> Result<T, Error>,
    text: &str,
) -> Result<T, Error> {
    map(text).map_err(|e| match e.code {
        ErrorCode::InvalidPayload => providers::claimed_elsewhere(provider, text).unwrap_or(e),
        _ => e,
    })
}

fn list(
    provider: Provider,
    spec: &ProviderSpec,
    resource: Option<Resource>,
    items: &[&RawValue],
    prefix: &str,
    next_cursor: Option<String>,
) -> Result<Normalized, Error> {
    let resource = match resource {
        Some(r) => r,
        None => match items.iter().find(|i| i.get().starts_with('{')) {
            Some(first) => detected_resource(spec, first.get())
                .ok_or_else(|| undetectable_resource(provider))?,
            // An empty list reads the same whatever its resource.
            None if items.is_empty() => Resource::Payments,
            None => return Err(undetectable_resource(provider)),
        },
    };
    fn each<T>(
        provider: Provider,
        items: &[&RawValue],
        prefix: &str,
        map: fn(&str) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        // Grown as items map (no capacity taken from the input); at most MAX_LIST_ITEMS.
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let text = item.get();
            if !text.starts_with('{') {
                let here = format!("{prefix}[{i}]");
                return Err(Error::payload(
                    here,
                    format!("expected an object, found {}", rules::raw_kind(text)),
                ));
            }
            out.push(
                map_one(provider, map, text).map_err(|e| e.within(&format!("{prefix}[{i}]")))?,
            );
        }
        Ok(out)
    }
    let missing = || unsupported(provider, resource);
    Ok(match resource {
        Resource::Customers => Normalized::Customers(List {
            result: each(provider, items, prefix, spec.customers.ok_or_else(missing)?)?,
            next_cursor,
        }),
        Resource::Orders => Normalized::Orders(List {
            result: each(provider, items, prefix, spec.orders.ok_or_else(missing)?)?,
            next_cursor,
        }),
        Resource::Payments => Normalized::Payments(List {
            result: each(provider, items, prefix, spec.payments.ok_or_else(missing)?)?,
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
