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
/** One registry entry (`providers()`). */
export interface ProviderInfo {
  name: Provider; label: string; aliases: string[]; resources: Resource[]; signature_header: string;
  webhook_secret: "key" | "basic";
  event_objects: { resource: Resource | null; path: string }[];
}
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

/// [`normalize_json`] returning the UTF-8 bytes of that same text as a new `Uint8Array`: the
/// edge path where the body goes on as bytes (`new Response(bytes)`), with no JS string made
/// for the output. Throws a `NormalizeError`.
#[wasm_bindgen(js_name = normalizeJsonBytes)]
pub fn normalize_json_bytes(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "ResourceName | \"auto\"")] resource: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeOptions | null")] options: Option<JsValue>,
) -> Result<Uint8Array, JsValue> {
    let text = normalize_text(provider, resource, &input, options.as_ref()).map_err(to_js)?;
    Ok(Uint8Array::from(text.as_bytes()))
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

// Internal exports for the JS entries' trap-recovery test (tests/node/loader.test.mjs). They have
// deliberately internal names, only `pkg/core.js` wraps them (in `__paynorm_internal`), no public
// entry re-exports them and `core.js` is not an exported subpath of the npm package, so a user
// cannot reach them by accident. They cost a few bytes; a cargo feature would need a second
// release build of the wasm in CI.

/// Test-only: traps with `unreachable`, standing in for a bug, so that the JS wrapper's recovery
/// (catch the `WebAssembly.RuntimeError`, re-instantiate, throw `internal_error`) can be tested.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_trap)]
pub fn paynorm_trap() {
    core::arch::wasm32::unreachable()
}

/// Test-only: the size of the instance's linear memory in 64 KiB pages, to check that a
/// re-instantiation after a trap starts again from the baseline.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_memory_pages)]
pub fn paynorm_memory_pages() -> usize {
    core::arch::wasm32::memory_size::<0>()
}

// ---------------------------------------------------------------------------------------------
// The fast path of `normalize` / `normalizeJson` / `normalizeJsonBytes` (js/core.js). A call is
// numbers in, a status out: the JS side writes the input's UTF-8 (`TextEncoder.encodeInto`)
// straight into a buffer that lives across calls, names the provider and resource by a code it
// got once per distinct name (`__paynorm_code`), and reads the result where the binding left it
// in wasm memory, through views it keeps ([`IO`] says where). `remote_data` comes back as holes
// that the JS side fills from the input it already holds (`crate::normalize_json_spliced_as`),
// or that the binding fills itself for bytes out. Per call, no string, array or typed array is
// made by the glue, and no JS value crosses the boundary unless the call passes options or
// fails: those fixed costs were a quarter of the instructions of a call on a small payload
// (`node bench/instructions.mjs`).
// ---------------------------------------------------------------------------------------------

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// Where the input buffer is and what the last [`run`] produced, as 32-bit words read by
/// js/core.js through a `Uint32Array` view (the `IO_*` indices there): valid until the next
/// call into wasm.
static IO: [AtomicU32; IO_WORDS] = [const { AtomicU32::new(0) }; IO_WORDS];
const IO_WORDS: usize = 9;
/// The input buffer's address and capacity in bytes.
const IO_INPUT_PTR: usize = 0;
const IO_INPUT_CAP: usize = 1;
/// The result's UTF-8 (`normalizeJson`'s text with `null` at each hole, or all of
/// `normalizeJsonBytes`' bytes): address and length.
const IO_OUT_PTR: usize = 2;
const IO_OUT_LEN: usize = 3;
/// The holes, `(at, start, end)` triples of `u32` (see [`run`]): address and count of words.
const IO_HOLES_PTR: usize = 4;
const IO_HOLES_LEN: usize = 5;
/// 0 one object, 1 a bare array, 2 an envelope whose items are under the key at
/// `IO_KEY_PTR` (`IO_KEY_LEN` bytes of UTF-8).
const IO_LAYOUT: usize = 6;
const IO_KEY_PTR: usize = 7;
const IO_KEY_LEN: usize = 8;

/// [`run`] flag: the input was a JS string with non-ASCII characters, so its ranges are wanted
/// in UTF-16 units.
const RUN_UTF16: u32 = 1;
/// [`run`] flag: `normalizeJsonBytes`, whose result is the whole output with every hole filled.
const RUN_BYTES: u32 = 2;

thread_local! {
    /// The input of the next [`run`], written by JS at [`IO`]'s input address. Kept between calls
    /// up to `KEEP_BUFFER_BYTES` of capacity; a larger one is released after its call.
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The unified JSON of the last [`run`], written in place (`normalize_json_spliced_as`).
    /// Read by JS after the call, so a grown one is released at the start of the next.
    static OUTPUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// `normalizeJsonBytes`' whole output (`OUTPUT` with its holes filled), kept like `OUTPUT`.
    static ASSEMBLED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The holes of the last [`run`] as `u32` words, kept like `OUTPUT`.
    static HOLES: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The error of the last [`run`] or [`input_grow`] that failed, until `__paynorm_error`
    /// takes it.
    static FAILED: std::cell::Cell<Option<Error>> = const { std::cell::Cell::new(None) };
}

/// The buffers' capacity kept between calls (a typical page of 100 items is ~300 KB).
const KEEP_BUFFER_BYTES: usize = 4 << 20;

fn set_io(word: usize, value: usize) {
    // Addresses and lengths in wasm32 fit 32 bits.
    IO[word].store(value as u32, Relaxed);
}

/// Records the input buffer's place in [`IO`].
fn publish_input(buf: &Vec<u8>) {
    set_io(IO_INPUT_PTR, buf.as_ptr() as usize);
    set_io(IO_INPUT_CAP, buf.capacity());
}

/// 0 for a success; 1 for a failure kept for `__paynorm_error`.
fn status(result: Result<(), Error>) -> u32 {
    match result {
        Ok(()) => 0,
        Err(err) => {
            FAILED.with(|f| f.set(Some(err)));
            1
        }
    }
}

/// Internal (js/core.js): the address of the [`IO`] words.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_io)]
pub fn io_address() -> usize {
    IO.as_ptr() as usize
}

/// Internal (js/core.js): the instance's `WebAssembly.Memory`, for the views the JS side keeps.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_memory)]
pub fn io_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Internal (js/core.js): the code [`run`] takes for a provider and a resource name (each may be
/// `"auto"`), or -1 when either is not one: the JS side then calls the public export, which
/// throws the coded error.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_code)]
pub fn code(provider: &str, resource: &str) -> i32 {
    let Ok((p, r)) = crate::parse_names(provider, resource) else {
        return -1;
    };
    let p = p.map_or(0, |p| {
        1 + crate::Provider::ALL
            .iter()
            .position(|&q| q == p)
            .unwrap_or(0)
    });
    let r = r.map_or(0, |r| {
        1 + crate::Resource::ALL
            .iter()
            .position(|&q| q == r)
            .unwrap_or(0)
    });
    (p * 4 + r) as i32
}

// A resource fits the low two bits of a code, beside "auto".
const _: () = assert!(crate::Resource::ALL.len() < 4);

/// The names of a [`code`].
fn names_of(code: u32) -> Result<(Option<crate::Provider>, Option<crate::Resource>), Error> {
    let provider = match code / 4 {
        0 => Some(None),
        i => crate::Provider::ALL.get(i as usize - 1).map(|&p| Some(p)),
    };
    let resource = match code % 4 {
        0 => Some(None),
        i => crate::Resource::ALL.get(i as usize - 1).map(|&r| Some(r)),
    };
    provider.zip(resource).ok_or_else(|| {
        Error::new(
            ErrorCode::InternalError,
            "the call named its provider by an unknown code; please report this",
        )
    })
}

/// Internal (js/core.js): the error of the last call that returned 1, as a `NormalizeError` to
/// throw.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_error)]
pub fn take_error() -> JsValue {
    to_js(FAILED.with(|f| f.take()).unwrap_or_else(|| {
        Error::new(
            ErrorCode::InternalError,
            "a call failed without saying why; please report the input",
        )
    }))
}

/// Internal (js/core.js): makes the input buffer at least `capacity` bytes, keeping the first
/// `keep` bytes already written (a string whose UTF-8 outgrew its first guess), and records its
/// new place in [`IO`]. Returns 0, or 1 (`input_too_large` for `__paynorm_error`) when wasm
/// memory cannot grow that far. Growing memory detaches the JS side's views.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_input_grow)]
pub fn input_grow(capacity: usize, keep: usize) -> u32 {
    status(INPUT.with(|cell| {
        let mut buf = cell.borrow_mut();
        if buf.capacity() < capacity {
            let mut grown: Vec<u8> = Vec::new();
            grown.try_reserve_exact(capacity).map_err(|_| {
                Error::new(
                    ErrorCode::InputTooLarge,
                    format!("could not allocate {capacity} bytes of wasm memory for the input; pass a smaller page"),
                )
            })?;
            let keep = keep.min(buf.capacity()).min(capacity);
            // SAFETY: `keep` bytes of `buf`'s allocation were written by JS at the address
            // [`IO`] gave it (js/core.js passes how many); both buffers have room for them.
            unsafe {
                std::ptr::copy_nonoverlapping(buf.as_ptr(), grown.as_mut_ptr(), keep);
            }
            *buf = grown;
        }
        publish_input(&buf);
        Ok(())
    }))
}

/// Internal (js/core.js): normalizes the first `len` bytes of the input buffer for the names of
/// `code` ([`code`]); `options` is the JSON text of the options object the public calls take
/// (the JS side writes it before it writes the input, so an options getter that calls paynorm
/// again cannot overwrite the input of this call). Returns 0 with the result described in
/// [`IO`], or 1 with the error kept for `__paynorm_error`.
///
/// The result is the unified JSON with `null` at each `remote_data`, and its holes: `(at,
/// start, end)` triples, `at` the offset of that `null` in the text in UTF-16 units, `start..end`
/// the raw object's range in the input, in UTF-16 units with [`RUN_UTF16`] and else in bytes (a
/// `Uint8Array`, or an all-ASCII string, whose byte and UTF-16 offsets are the same). With
/// [`RUN_BYTES`] it is instead `normalizeJsonBytes`' whole UTF-8, holes filled, and no holes.
#[doc(hidden)]
#[wasm_bindgen(js_name = __paynorm_run)]
pub fn run(code: u32, len: usize, flags: u32, options: Option<String>) -> u32 {
    status((|| {
        let (provider, resource) = names_of(code)?;
        let options = match options {
            Some(json) => Options::from_json(&json)?,
            None => Options::default(),
        };
        INPUT.with(|input| {
            OUTPUT.with(|output| {
                let mut buf = input.borrow_mut();
                let mut text = output.borrow_mut();
                let result = run_on(
                    provider, resource, &mut buf, len, flags, &options, &mut text,
                );
                // The input is not read back; a grown buffer is released now.
                buf.clear();
                if buf.capacity() > KEEP_BUFFER_BYTES {
                    *buf = Vec::new();
                }
                publish_input(&buf);
                result
            })
        })
    })())
}

fn run_on(
    provider: Option<crate::Provider>,
    resource: Option<crate::Resource>,
    buf: &mut Vec<u8>,
    len: usize,
    flags: u32,
    options: &Options,
    text: &mut String,
) -> Result<(), Error> {
    if len > buf.capacity() {
        return Err(Error::new(
            ErrorCode::InternalError,
            "the input buffer holds fewer bytes than were passed; please report this",
        ));
    }
    // SAFETY: JS wrote `len` bytes (`encodeInto`'s `written`, or a `Uint8Array`'s length) at
    // the address [`IO`] gave for this allocation; `len` is within its capacity (checked above).
    unsafe { buf.set_len(len) };
    let input = buf.as_slice();
    // What the last call left for JS to read is no longer needed.
    if text.capacity() > KEEP_BUFFER_BYTES {
        *text = String::new();
    }
    let (spliced, layout) =
        crate::normalize_json_spliced_as(provider, resource, input, options, text)?;
    let (layout, key) = match layout {
        crate::Layout::Single => (0, ""),
        crate::Layout::Array => (1, ""),
        crate::Layout::Envelope(key) => (2, key),
    };
    set_io(IO_LAYOUT, layout);
    set_io(IO_KEY_PTR, key.as_ptr() as usize);
    set_io(IO_KEY_LEN, key.len());
    if flags & RUN_BYTES != 0 {
        set_io(IO_HOLES_LEN, 0);
        if spliced.is_empty() {
            set_io(IO_OUT_PTR, text.as_ptr() as usize);
            set_io(IO_OUT_LEN, text.len());
            return Ok(());
        }
        return ASSEMBLED.with(|cell| {
            let mut out = cell.borrow_mut();
            out.clear();
            if out.capacity() > KEEP_BUFFER_BYTES {
                *out = Vec::new();
            }
            crate::assemble_into(text, &spliced, input, &mut out).ok_or_else(|| {
                Error::new(
                    ErrorCode::InternalError,
                    "a remote_data range is outside the input; please report the input",
                )
            })?;
            set_io(IO_OUT_PTR, out.as_ptr() as usize);
            set_io(IO_OUT_LEN, out.len());
            Ok(())
        });
    }
    set_io(IO_OUT_PTR, text.as_ptr() as usize);
    set_io(IO_OUT_LEN, text.len());
    HOLES.with(|cell| {
        let mut holes = cell.borrow_mut();
        holes.clear();
        if holes.capacity() > KEEP_BUFFER_BYTES / 4 {
            *holes = Vec::new();
        }
        let utf16 = flags & RUN_UTF16 != 0;
        let mut out_units = Utf16Offsets::new(text.as_bytes());
        let mut in_units = Utf16Offsets::new(if utf16 { input } else { b"" });
        holes.reserve(spliced.len() * 3); // ok: <= 3 x MAX_LIST_ITEMS
        for h in &spliced {
            holes.push(out_units.at(h.at));
            if utf16 {
                holes.push(in_units.at(h.start));
                holes.push(in_units.at(h.end));
            } else {
                holes.push(h.start as u32);
                holes.push(h.end as u32);
            }
        }
        set_io(IO_HOLES_PTR, holes.as_ptr() as usize);
        set_io(IO_HOLES_LEN, holes.len());
    });
    Ok(())
}

/// Byte offsets of UTF-8 text -> UTF-16 offsets (what `String.prototype.slice` takes), for
/// ascending offsets in one pass; free for ASCII text.
struct Utf16Offsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    units: usize,
}

impl<'a> Utf16Offsets<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Utf16Offsets {
            bytes,
            ascii: bytes.is_ascii(),
            byte: 0,
            units: 0,
        }
    }

    /// The UTF-16 offset of byte offset `at` (ascending between calls).
    fn at(&mut self, at: usize) -> u32 {
        if self.ascii {
            return at as u32;
        }
        let at = at.clamp(self.byte, self.bytes.len());
        self.units += utf16_units(&self.bytes[self.byte..at]);
        self.byte = at;
        self.units as u32
    }
}

/// UTF-16 units in UTF-8 `bytes`: one per character (every byte that is not a continuation
/// byte `10xxxxxx`), and a second one for a character outside the BMP (lead byte `11110xxx`).
/// Sixteen bytes at a time (wasm SIMD): this runs over the input up to the last item on every
/// call.
#[cfg(target_feature = "simd128")]
fn utf16_units(bytes: &[u8]) -> usize {
    use core::arch::wasm32::{
        i8x16_lt, i8x16_splat, u8x16_bitmask, u8x16_ge, u8x16_splat, v128, v128_load,
    };
    let mut units = 0usize;
    let mut chunks = bytes.chunks_exact(16);
    for chunk in &mut chunks {
        // SAFETY: `chunk` is 16 readable bytes, and a wasm `v128.load` may be unaligned.
        let v = unsafe { v128_load(chunk.as_ptr().cast::<v128>()) };
        // A continuation byte 0x80..=0xBF is, as a signed byte, below -64 (0xC0).
        let continuation = u8x16_bitmask(i8x16_lt(v, i8x16_splat(-64))).count_ones() as usize;
        let four = u8x16_bitmask(u8x16_ge(v, u8x16_splat(0xF0))).count_ones() as usize;
        units += 16 - continuation + four;
    }
    for &b in chunks.remainder() {
        units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    }
    units
}

/// [`utf16_units`] for a wasm build without SIMD, eight bytes at a time.
#[cfg(not(target_feature = "simd128"))]
fn utf16_units(bytes: &[u8]) -> usize {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut units = 0usize;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Bit 7 of each byte: set for a continuation byte (bit 7 set, bit 6 clear), and for a
        // 4-byte lead (bits 7 to 4 set). Shifts move each byte's lower bits up within it.
        let continuation = w & !(w << 1) & HIGHS;
        let four = w & (w << 1) & (w << 2) & (w << 3) & HIGHS;
        units += 8 - continuation.count_ones() as usize + four.count_ones() as usize;
    }
    for &b in chunks.remainder() {
        units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    }
    units
}

// ---------------------------------------------------------------------------------------------
// Webhooks and provider errors (docs/webhooks.md)
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen(typescript_custom_section)]
const TS_WEBHOOK_TYPES: &'static str = r#"
import type { Event, EventType, EventData, ProviderError, ErrorType, EventTypeRow } from "./types.js";
export type { Event, EventType, EventData, ProviderError, ErrorType, EventTypeRow };
/** Request headers: a Fetch `Headers` (anything with `get(name)`), a plain object, or the signature header's value alone. */
export type WebhookHeaders = { get(name: string): string | null } | Record<string, string | string[] | undefined> | string;
/** One secret, or several during a secret roll; Juspay: `{ username, password }`. */
export type WebhookSecret = string | Uint8Array | ArrayBuffer | { username: string; password: string };
export interface VerifyOptions {
  /** Seconds a Stripe timestamp may be from `now`, both ways; 0 = no check. Default 300. */
  tolerance?: number;
  /** Unix seconds; default `Date.now() / 1000`. */
  now?: number;
  /** Include the raw body as `remote_data` (constructEvent). Default true. */
  remote_data?: boolean;
}
export interface ParseWebhookOptions {
  /** Include the raw body as `remote_data`. Default true. */
  remote_data?: boolean;
  /** Request headers (Razorpay's event id comes from `x-razorpay-event-id`). */
  headers?: WebhookHeaders;
}
export interface NormalizeErrorOptions {
  /** The HTTP status of the error response. */
  status?: number;
  /** Include the raw body as `remote_data`. Default true. */
  remote_data?: boolean;
}
"#;

/// Verifies a webhook's signature on its raw body; returns nothing, throws a `NormalizeError`
/// (`signature_missing`, `signature_malformed`, `signature_mismatch`,
/// `timestamp_outside_tolerance`, `unsupported_signature_scheme`, `invalid_input`).
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookSecret | WebhookSecret[]")] secrets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | null")] options: Option<JsValue>,
) -> Result<(), JsValue> {
    verified(provider, &body, &headers, &secrets, options.as_ref())
        .map(|_| ())
        .map_err(to_js)
}

/// Verifies, then normalizes the event: the unified `Event`. Throws a `NormalizeError`.
#[wasm_bindgen(js_name = constructEvent, unchecked_return_type = "Event")]
pub fn construct_event(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookSecret | WebhookSecret[]")] secrets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let event = (|| {
        let (p, bytes, pairs, opts) =
            verified(provider, &body, &headers, &secrets, options.as_ref())?;
        // Verified above; the event is read from the same bytes with the same headers
        // (Razorpay's event id).
        let options = crate::WebhookOptions {
            headers: pairs,
            ..opts
        };
        crate::parse_webhook(Some(p), &bytes, &options)
    })()
    .map_err(to_js)?;
    parse_output(&to_json(&event)?)
}

/// The unified `Event` of a webhook body, without verification (replays, previews). A parsed
/// object is accepted here. Throws a `NormalizeError`.
#[wasm_bindgen(js_name = parseWebhook, unchecked_return_type = "Event")]
pub fn parse_webhook(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseWebhookOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let event = (|| {
        let p = provider_or_auto(provider)?;
        let options = options.filter(|o| !o.is_null() && !o.is_undefined());
        check_keys(options.as_ref(), &["remote_data", "headers"])?;
        let mut opts = crate::WebhookOptions::default();
        if let Some(o) = &options {
            if let Some(rd) = get_bool(o, "remote_data")? {
                opts.remote_data = rd;
            }
            let headers = get(o, "headers")?;
            if !headers.is_undefined() && !headers.is_null() {
                let sig = p.map_or("Stripe-Signature", crate::signature_header);
                opts.headers = header_pairs(&headers, sig)?;
            }
        }
        let bytes = input_bytes(&body, crate::DEFAULT_MAX_INPUT_BYTES)?;
        crate::parse_webhook(p, &bytes, &opts)
    })()
    .map_err(to_js)?;
    parse_output(&to_json(&event)?)
}

/// The unified `ProviderError` of a provider's error response body; `options.status` is the
/// HTTP status. Throws a `NormalizeError`.
#[wasm_bindgen(js_name = normalizeError, unchecked_return_type = "ProviderError")]
pub fn normalize_error(
    #[wasm_bindgen(unchecked_param_type = "Provider | \"auto\"")] provider: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NormalizeErrorOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let normalized =
        (|| {
            let p = provider_or_auto(provider)?;
            let options = options.filter(|o| !o.is_null() && !o.is_undefined());
            check_keys(options.as_ref(), &["status", "remote_data"])?;
            let mut opts = crate::ErrorOptions::default();
            if let Some(o) = &options {
                if let Some(rd) = get_bool(o, "remote_data")? {
                    opts.remote_data = rd;
                }
                let status = get(o, "status")?;
                if !status.is_undefined() && !status.is_null() {
                    match status.as_f64() {
                        Some(s) if s.fract() == 0.0 && (100.0..=599.0).contains(&s) => {
                            opts.status = Some(s as u16); // an integer in 100..=599
                        }
                        _ => return Err(Error::new(
                            ErrorCode::InvalidInput,
                            "options.status must be the HTTP status as an integer from 100 to 599",
                        )),
                    }
                }
            }
            let bytes = input_bytes(&body, crate::DEFAULT_MAX_INPUT_BYTES)?;
            crate::normalize_error(p, &bytes, &opts)
        })()
        .map_err(to_js)?;
    parse_output(&to_json(&normalized)?)
}

/// The registry: `[{name, label, aliases, resources, signature_header, event_objects: [{resource,
/// path}]}]`, one entry per provider in detection order. The CLI and the preview page list
/// providers from it.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    parse_output(&to_json(&crate::providers())?)
}

/// Every provider's event type table: `[{provider, provider_type, type}]`.
#[wasm_bindgen(js_name = eventTypes, unchecked_return_type = "EventTypeRow[]")]
pub fn event_types() -> Result<JsValue, JsValue> {
    parse_output(&to_json(&crate::event_types())?)
}

type Verified = (
    crate::Provider,
    Vec<u8>,
    Vec<(String, String)>,
    crate::WebhookOptions,
);

/// Checks the arguments of verifyWebhook / constructEvent and verifies.
fn verified(
    provider: &str,
    body: &JsValue,
    headers: &JsValue,
    secrets: &JsValue,
    options: Option<&JsValue>,
) -> Result<Verified, Error> {
    if provider.trim().eq_ignore_ascii_case("auto") {
        return Err(Error::new(
            ErrorCode::UnsupportedProvider,
            "verification needs the provider's name (its signature scheme and secret): use \"stripe\", \"razorpay\", \"checkout\" or \"juspay\", not \"auto\"",
        ));
    }
    let p = crate::Provider::parse(provider)?;
    let bytes = raw_body(body)?;
    let pairs = header_pairs(headers, crate::signature_header(p))?;
    let secrets = read_secrets(secrets)?;
    let options = options.filter(|o| !o.is_null() && !o.is_undefined());
    check_keys(options, &["tolerance", "now", "remote_data"])?;
    let mut opts = crate::WebhookOptions::default();
    if let Some(o) = options {
        if let Some(rd) = get_bool(o, "remote_data")? {
            opts.remote_data = rd;
        }
        let tolerance = get(o, "tolerance")?;
        if !tolerance.is_undefined() && !tolerance.is_null() {
            match tolerance.as_f64() {
                Some(t) if t.is_finite() && t >= 0.0 => opts.tolerance = t.floor() as u64, // finite, >= 0; `as` saturates
                _ => {
                    return Err(Error::new(
                        ErrorCode::InvalidInput,
                        "options.tolerance must be a number of seconds >= 0 (0 switches the time check off)",
                    ))
                }
            }
        }
        let now = get(o, "now")?;
        if !now.is_undefined() && !now.is_null() {
            match now.as_f64() {
                Some(n) if n.is_finite() => opts.now = Some(n.floor() as i64), // finite; `as` saturates
                _ => {
                    return Err(Error::new(
                        ErrorCode::InvalidInput,
                        "options.now must be unix seconds as a number",
                    ))
                }
            }
        }
    }
    if opts.now.is_none() {
        opts.now = Some((js_sys::Date::now() / 1000.0).floor() as i64);
    }
    let pair_refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    crate::verify_webhook(p, &bytes, &pair_refs, &secrets, &opts)?;
    Ok((p, bytes, pairs, opts))
}

fn provider_or_auto(provider: &str) -> Result<Option<crate::Provider>, Error> {
    if provider.trim().eq_ignore_ascii_case("auto") {
        Ok(None)
    } else {
        crate::Provider::parse(provider).map(Some)
    }
}

/// The raw body for verification: a string (its UTF-8; a lone surrogate is `invalid_input`),
/// a `Uint8Array` or an `ArrayBuffer`. Anything else (a parsed object) is `invalid_input`.
fn raw_body(body: &JsValue) -> Result<Vec<u8>, Error> {
    // Bounded like every other input (docs/mapping.md#limits-and-leniency): nothing over the
    // default max_input_bytes is copied into wasm memory (a string of more UTF-16 units than the
    // limit has more UTF-8 bytes than it).
    let max = crate::DEFAULT_MAX_INPUT_BYTES;
    if let Some(s) = body.dyn_ref::<js_sys::JsString>() {
        crate::check_size(s.length() as usize, max)?;
        if !well_formed(s) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "body contains a lone UTF-16 surrogate, so it is not the text that was signed; pass the raw request body (await request.text() or its bytes)",
            ));
        }
        return Ok(String::from(s).into_bytes());
    }
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        crate::check_size(bytes.length() as usize, max)?;
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = body.dyn_ref::<ArrayBuffer>() {
        crate::check_size(buffer.byte_length() as usize, max)?;
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    Err(Error::new(
        ErrorCode::InvalidInput,
        format!(
            "body is {}; pass the raw request body exactly as received (await request.text() or new Uint8Array(await request.arrayBuffer())), never request.json(): re-serialized JSON never verifies",
            type_name(body)
        ),
    ))
}

/// Whether a JS string has no lone surrogate: `String.prototype.isWellFormed` (one call; Node
/// 20, workerd, Deno, current browsers), else a scan through `charCodeAt` (one call per code unit).
fn well_formed(s: &js_sys::JsString) -> bool {
    match is_well_formed(s) {
        Ok(native) => native,
        Err(_) => s.is_valid_utf16(),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `String.prototype.isWellFormed.call(s)`; throws (caught: `Err`) where the engine lacks it.
    #[wasm_bindgen(catch, js_namespace = ["String", "prototype", "isWellFormed"], js_name = call)]
    fn is_well_formed(s: &js_sys::JsString) -> Result<bool, JsValue>;
}

/// Headers as pairs: a Fetch `Headers` (anything with a `get` function: the signature header
/// and `x-razorpay-event-id` are read), a plain object, or a bare string (the value of
/// `signature_header`). `null` / `undefined` are no headers.
fn header_pairs(headers: &JsValue, signature_header: &str) -> Result<Vec<(String, String)>, Error> {
    if headers.is_null() || headers.is_undefined() {
        return Ok(Vec::new());
    }
    if let Some(s) = headers.as_string() {
        return Ok(vec![(signature_header.to_string(), s)]);
    }
    if !headers.is_object() || js_sys::Array::is_array(headers) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "headers must be the request's Headers, a plain object or the {signature_header} value, found {}",
                type_name(headers)
            ),
        ));
    }
    let getter = get(headers, "get")?;
    if let Some(f) = getter.dyn_ref::<js_sys::Function>() {
        let mut out = Vec::new();
        for name in [signature_header, "x-razorpay-event-id"] {
            let v = f.call1(headers, &JsValue::from_str(name)).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidInput,
                    format!("headers.get threw: {}", describe_js_error(&e)),
                )
            })?;
            if let Some(v) = v.as_string() {
                out.push((name.to_string(), v));
            }
        }
        return Ok(out);
    }
    let entries = js_sys::Object::entries(headers.unchecked_ref::<js_sys::Object>());
    let mut out = Vec::new();
    for entry in entries.iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (k, v) = (pair.get(0), pair.get(1));
        let Some(k) = k.as_string() else { continue };
        if let Some(v) = v.as_string() {
            out.push((k, v));
        } else if js_sys::Array::is_array(&v) {
            let parts: Vec<String> = js_sys::Array::from(&v)
                .iter()
                .filter_map(|x| x.as_string())
                .collect();
            out.push((k, parts.join(",")));
        }
    }
    Ok(out)
}

/// Secrets: a string, bytes, `{username, password}`, or an array of them (a roll).
fn read_secrets(secrets: &JsValue) -> Result<Vec<crate::Secret>, Error> {
    if js_sys::Array::is_array(secrets) {
        return js_sys::Array::from(secrets)
            .iter()
            .map(|s| read_secret(&s))
            .collect();
    }
    Ok(vec![read_secret(secrets)?])
}

fn read_secret(secret: &JsValue) -> Result<crate::Secret, Error> {
    if let Some(s) = secret.dyn_ref::<js_sys::JsString>() {
        if !well_formed(s) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "the secret contains a lone UTF-16 surrogate; pass the webhook secret exactly as the provider shows it",
            ));
        }
        return Ok(crate::Secret::Key(String::from(s).into_bytes()));
    }
    if let Some(bytes) = secret.dyn_ref::<Uint8Array>() {
        return Ok(crate::Secret::Key(bytes.to_vec()));
    }
    if let Some(buffer) = secret.dyn_ref::<ArrayBuffer>() {
        return Ok(crate::Secret::Key(Uint8Array::new(buffer).to_vec()));
    }
    if secret.is_object() {
        let username = get(secret, "username")?.as_string();
        let password = get(secret, "password")?.as_string();
        if let (Some(username), Some(password)) = (username, password) {
            return Ok(crate::Secret::Basic { username, password });
        }
    }
    Err(Error::new(
        ErrorCode::InvalidInput,
        format!(
            "a secret must be a string, a Uint8Array, {{username, password}} (Juspay) or an array of them, found {}",
            type_name(secret)
        ),
    ))
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, Error> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).map_err(|e| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("reading {key} threw: {}", describe_js_error(&e)),
        )
    })
}

fn get_bool(target: &JsValue, key: &str) -> Result<Option<bool>, Error> {
    let v = get(target, key)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_bool().map(Some).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("options.{key} must be a boolean, found {}", type_name(&v)),
        )
    })
}

/// `options` must be a plain object with only `allowed` keys.
fn check_keys(options: Option<&JsValue>, allowed: &[&str]) -> Result<(), Error> {
    let Some(o) = options else { return Ok(()) };
    if !o.is_object() || js_sys::Array::is_array(o) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("options must be an object, found {}", type_name(o)),
        ));
    }
    for key in js_sys::Object::keys(o.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "unknown option \"{key}\"; use {}",
                    allowed
                        .iter()
                        .map(|k| format!("\"{k}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(())
}
