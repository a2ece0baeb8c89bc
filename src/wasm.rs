//! The wasm-bindgen binding: it only converts at the boundary (JS value -> UTF-8 bytes, options
//! object -> [`crate::Options`], JSON text -> plain JS objects, [`crate::Error`] -> a thrown
//! `NormalizeError`). No mapping logic lives here.
//!
//! Output goes through JSON text and `JSON.parse`: that gives plain objects, arrays and `null`
//! (never `Map` or `undefined`), and a metadata key named `__proto__` stays an own data property
//! (`JSON.parse` defines properties; it never assigns through the prototype setter).

use crate::{Error, ErrorCode, Options};
use js_sys::{ArrayBuffer, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// `class NormalizeError extends Error { code; path }` from js/errors.js; the npm entries
    /// re-export this very class object so `instanceof` works for callers.
    #[wasm_bindgen(js_name = NormalizeError)]
    type JsNormalizeError;

    #[wasm_bindgen(constructor, js_class = "NormalizeError")]
    fn new(code: &str, message: &str, path: Option<String>) -> JsNormalizeError;
}

// The unified shapes, options, provider / resource names and error codes are generated from the
// Rust types by ts-rs (`typescript_declarations`, feature `ts`) into the package's `types.d.ts`
// during `npm run build`; only the call-site types that have no Rust counterpart are written here.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
import type { Provider, Resource, ErrorCode, NormalizeOptions, Customer, CustomerRef, PaymentMethod, Payment, Order, List, Status, Paging, JsonValue } from "./types.js";
export type { Provider, Resource, ErrorCode, NormalizeOptions, Customer, CustomerRef, PaymentMethod, Payment, Order, List, Status, Paging, JsonValue };
/** A resource name as the calls accept it: plural or singular (case-insensitive at run time). */
export type ResourceName = Resource | "customer" | "order" | "payment";
export type Unified = Customer | Order | Payment;
export type UnifiedList<T extends Unified = Unified> = List<T>;
export interface Detection { provider: Provider; resource: Resource | null; list: boolean }
export interface FieldExplanation {
  field: string; value: unknown; supported: boolean; sources: string[]; candidates: string[];
  rule: string; decision: string | null;
}
export interface Explanation {
  provider: Provider; resource: Resource; list: boolean;
  result: Unified | UnifiedList; items: { path: string; fields: FieldExplanation[] }[];
}
/** The input limits (README, "Limits"): the default `max_input_bytes` (UTF-8 bytes), the deepest
 * nesting accepted and the most items one list may hold. */
export interface Limits { max_input_bytes: number; max_depth: number; max_list_items: number }
export interface CoverageRow {
  provider: Provider; resource: Resource; field: string;
  supported: boolean; sources: string[]; rule: string;
}
"#;

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The input limits: `{ max_input_bytes, max_depth, max_list_items }` (the default of
/// `options.max_input_bytes` in UTF-8 bytes, [`crate::MAX_DEPTH`], [`crate::MAX_LIST_ITEMS`]), so
/// a JS entry can refuse an oversized string before copying it into wasm memory.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    parse_output(&format!(
        "{{\"max_input_bytes\":{},\"max_depth\":{},\"max_list_items\":{}}}",
        crate::DEFAULT_MAX_INPUT_BYTES,
        crate::MAX_DEPTH,
        crate::MAX_LIST_ITEMS
    ))
}

/// Normalizes one raw payload into plain JS objects (`{result, next_cursor}` for a list).
/// Throws a `NormalizeError`.
#[wasm_bindgen(unchecked_return_type = "Unified | UnifiedList")]
pub fn normalize(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "ResourceName | \"auto\"")] resource: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let text = normalize_text(provider, resource, &input, options.as_ref()).map_err(to_js)?;
    parse_output(&text)
}

/// [`normalize`] returning the unified JSON as text (the edge path: text in, text out).
/// Throws a `NormalizeError`.
#[wasm_bindgen(js_name = normalizeJson)]
pub fn normalize_json(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "ResourceName | \"auto\"")] resource: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeOptions | null")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    normalize_text(provider, resource, &input, options.as_ref()).map_err(to_js)
}

/// Which provider and resource a payload is: `{provider, resource, list}`, or `null` when
/// nothing matches. Throws a `NormalizeError` (`invalid_json`, `invalid_input`).
#[wasm_bindgen(unchecked_return_type = "Detection | null")]
pub fn detect(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input, crate::DEFAULT_MAX_INPUT_BYTES).map_err(to_js)?;
    match crate::detect(&bytes).map_err(to_js)? {
        None => Ok(JsValue::NULL),
        Some(detection) => parse_output(&to_json(&detection)?),
    }
}

/// The provider x resource x field support matrix, one row per unified field.
#[wasm_bindgen(unchecked_return_type = "CoverageRow[]")]
pub fn coverage() -> Result<JsValue, JsValue> {
    parse_output(&to_json(&crate::coverage())?)
}

/// Normalizes and explains every field: `{provider, resource, list, result, items: [{path,
/// fields: [{field, value, supported, sources, candidates, rule, decision}]}]}` where `sources`
/// are the absolute JSON paths of the input the value came from. Same arguments and errors as
/// `normalize`; built from the same field-source tables, so it never disagrees with it.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "ResourceName | \"auto\"")] resource: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let explained = (|| {
        let options = read_options(options.as_ref())?;
        let bytes = input_bytes(&input, options.max_input_bytes)?;
        crate::explain(provider, resource, &bytes, &options)
    })()
    .map_err(to_js)?;
    parse_output(&to_json(&explained)?)
}

fn normalize_text(
    provider: &str,
    resource: &str,
    input: &JsValue,
    options: Option<&JsValue>,
) -> Result<String, Error> {
    let options = read_options(options)?;
    let bytes = input_bytes(input, options.max_input_bytes)?;
    crate::normalize_json(provider, resource, &bytes, &options)
}

/// The input as UTF-8 bytes: a string's own encoding, a `Uint8Array` / `ArrayBuffer`'s bytes as
/// they are (invalid UTF-8 is then `invalid_json` from the parser), anything else through
/// `JSON.stringify`. Sizes are checked against `max` before anything is copied into wasm
/// memory (a string of more than `max` UTF-16 units has more than `max` UTF-8 bytes; one that
/// passes is copied, at most 3 x `max` bytes, and its exact UTF-8 length checked by the core).
fn input_bytes(input: &JsValue, max: u64) -> Result<Vec<u8>, Error> {
    if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        return string_bytes(text, max);
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        crate::check_size(bytes.length() as usize, max)?;
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = input.dyn_ref::<ArrayBuffer>() {
        crate::check_size(buffer.byte_length() as usize, max)?;
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    if ArrayBuffer::is_view(input) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "input is a typed array other than Uint8Array; pass the JSON text, its UTF-8 bytes as a Uint8Array, or the parsed value",
        ));
    }
    let text = stringify_js(input, "input")?;
    string_bytes(&text, max)
}

/// A JS string's UTF-8 bytes, refused without a copy when its UTF-16 length alone is over `max`.
fn string_bytes(text: &js_sys::JsString, max: u64) -> Result<Vec<u8>, Error> {
    crate::check_size(text.length() as usize, max)?;
    Ok(String::from(text).into_bytes())
}

/// `JSON.stringify(value)` as bytes; `undefined`, functions, symbols, BigInt and cycles are
/// `invalid_input`.
fn stringify(value: &JsValue, what: &str) -> Result<Vec<u8>, Error> {
    stringify_js(value, what).map(|text| String::from(&text).into_bytes())
}

/// `JSON.stringify(value)` as a JS string (not yet copied into wasm memory).
fn stringify_js(value: &JsValue, what: &str) -> Result<js_sys::JsString, Error> {
    match JSON::stringify(value) {
        Ok(text) => match text.dyn_into::<js_sys::JsString>().ok().filter(|t| t.is_string()) {
            Some(text) => Ok(text),
            None => Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "{what} is {}, which has no JSON form; pass the JSON text, its UTF-8 bytes or the parsed value",
                    type_name(value)
                ),
            )),
        },
        Err(err) => Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "{what} cannot be written as JSON ({}); pass the JSON text, its UTF-8 bytes or a plain JSON-compatible value",
                describe_js_error(&err)
            ),
        )),
    }
}

fn read_options(options: Option<&JsValue>) -> Result<Options, Error> {
    match options {
        None => Ok(Options::default()),
        Some(value) if value.is_null() || value.is_undefined() => Ok(Options::default()),
        Some(value) => {
            if !value.is_object() || js_sys::Array::is_array(value) {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "options must be an object such as {{ remote_data: false }}, found {}",
                        type_name(value)
                    ),
                ));
            }
            let bytes = stringify(value, "options")?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::new(ErrorCode::InvalidInput, "options: not valid UTF-8 JSON")
            })?;
            Options::from_json(&text)
        }
    }
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if js_sys::Array::is_array(value) {
        return "an array".into();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".into(),
        Some("function") => "a function".into(),
        Some("symbol") => "a symbol".into(),
        Some("bigint") => "a BigInt".into(),
        Some(other) => format!("a {other}"),
        None => "a value of unknown type".into(),
    }
}

/// The first line of a JS error's message (V8's cycle message spans several lines; ours is one).
fn describe_js_error(err: &JsValue) -> String {
    let text = match err.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => err.as_string().unwrap_or_default(),
    };
    match text.lines().next().map(str::trim) {
        Some(line) if !line.is_empty() => line.to_string(),
        _ => "JSON.stringify threw".into(),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| {
        to_js(Error::new(
            ErrorCode::InvalidPayload,
            format!("could not write the result as JSON: {e}"),
        ))
    })
}

/// JSON text -> plain JS objects. `JSON.parse` of text serde_json wrote cannot fail; if it ever
/// did, the failure is still a coded error, never a trap.
fn parse_output(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text).map_err(|err| {
        to_js(Error::new(
            ErrorCode::InvalidPayload,
            format!(
                "could not read the unified JSON: {}",
                describe_js_error(&err)
            ),
        ))
    })
}

/// A [`crate::Error`] as a thrown `NormalizeError`.
fn to_js(err: Error) -> JsValue {
    JsNormalizeError::new(err.code.as_str(), &err.message, err.path).into()
}
