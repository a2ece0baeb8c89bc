//! Test bodies shared by tests/wasm_node.rs (Node) and tests/wasm_browser.rs (headless Chromium).
//!
//! They call the binding the way JavaScript does: through the JS functions wasm-bindgen generated
//! for the library's exports (`normalize`, `normalizeJson`, `detect`, `coverage`), reached from a
//! snippet that imports the runner's generated module (`wasm-bindgen-test.js`, two folders above
//! `snippets/<crate>-<hash>/`). So argument conversion, the thrown `NormalizeError` and the
//! returned objects are the real ones, not a Rust-side shortcut.

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

// Keeps the paynorm rlib (and so its #[wasm_bindgen] exports) linked into the test module.
#[allow(unused_imports)]
use paynorm::ErrorCode as _;

#[wasm_bindgen(inline_js = r#"
// Loaded lazily: in Node the runner's module is CommonJS and loads this snippet itself, so a
// static import would be a require cycle. Every test awaits `ready()` first.
let glue;
export async function ready() {
  if (!glue) {
    // The same module instance the runner initialized: Node resolves the CommonJS file by its
    // name; the browser page imported it as "./wasm-bindgen-test" (no extension), and another
    // URL would be a second, uninitialized instance.
    const node = typeof process !== "undefined" && !!(process.versions && process.versions.node);
    const ns = await import(node ? "../../wasm-bindgen-test.js" : "../../wasm-bindgen-test");
    glue = typeof ns.normalize === "function" ? ns : ns.default;
  }
}
export function api(name) {
  const f = glue && glue[name];
  if (typeof f !== "function") throw new Error("the test module does not export " + name);
  return f;
}
export function call(name, args) { return api(name)(...args); }
export function deepArrayText(n) { return "[".repeat(n) + "]".repeat(n); }
export function deepObject(n) { let v = {}; for (let i = 0; i < n; i++) v = { a: v }; return v; }
export function cyclic() { const o = { id: "x" }; o.self = o; return o; }
export function bigint() { return { id: "x", amount: 10n }; }
export function bytes(text) { return new TextEncoder().encode(text); }
export function arrayBuffer(text) { return new TextEncoder().encode(text).buffer; }
export function isPlain(v) {
  // Plain JSON data all the way down: objects with Object.prototype, arrays, strings, finite
  // numbers, booleans and null; no Map, no undefined.
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isPlain);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.keys(v).every((k) => isPlain(v[k]));
  return false;
}
export function hasObjectPrototype(v) { return Object.getPrototypeOf(v) === Object.prototype; }
export function sameJson(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
export function errorFacts(e) {
  return {
    isError: e instanceof Error,
    ctorName: e && e.constructor && e.constructor.name,
    subclassOfError: !!(e && e.constructor && Object.getPrototypeOf(e.constructor) === Error),
    name: e && e.name,
    hasStack: typeof (e && e.stack) === "string",
  };
}
export function ownDataKey(obj, key) {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return !!d && "value" in d;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = ready)]
    fn ready_promise() -> js_sys::Promise;
    #[wasm_bindgen(catch)]
    fn call(name: &str, args: &Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = deepArrayText)]
    fn deep_array_text(n: u32) -> String;
    #[wasm_bindgen(js_name = deepObject)]
    fn deep_object(n: u32) -> JsValue;
    fn cyclic() -> JsValue;
    fn bigint() -> JsValue;
    fn bytes(text: &str) -> Uint8Array;
    #[wasm_bindgen(js_name = arrayBuffer)]
    fn array_buffer(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = isPlain)]
    fn is_plain(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = hasObjectPrototype)]
    fn has_object_prototype(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = sameJson)]
    fn same_json(a: &JsValue, b: &JsValue) -> bool;
    #[wasm_bindgen(js_name = errorFacts)]
    fn error_facts(e: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = ownDataKey)]
    fn own_data_key(obj: &JsValue, key: &str) -> bool;
}

// ---- helpers ---------------------------------------------------------------------------------

async fn ready() {
    wasm_bindgen_futures::JsFuture::from(ready_promise())
        .await
        .expect("the runner's generated module loads");
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

fn args(items: &[JsValue]) -> Array {
    items.iter().collect()
}

fn normalize(provider: &str, resource: &str, input: JsValue) -> Result<JsValue, JsValue> {
    call("normalize", &args(&[s(provider), s(resource), input]))
}

fn normalize_opts(
    provider: &str,
    resource: &str,
    input: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    call(
        "normalize",
        &args(&[s(provider), s(resource), input, options]),
    )
}

fn normalize_json(provider: &str, resource: &str, input: JsValue) -> Result<String, JsValue> {
    call("normalizeJson", &args(&[s(provider), s(resource), input]))
        .map(|v| v.as_string().expect("normalizeJson returns a string"))
}

fn detect(input: JsValue) -> Result<JsValue, JsValue> {
    call("detect", &args(&[input]))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &s(key)).expect("property read")
}

fn get_str(v: &JsValue, key: &str) -> Option<String> {
    get(v, key).as_string()
}

fn parse(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

/// Asserts `err` is a thrown NormalizeError with `code` (and `path` when given, `undefined` when
/// `Some(None)`), then that a good call still works on the same instance.
fn assert_error(
    result: Result<JsValue, JsValue>,
    code: &str,
    path: Option<Option<&str>>,
) -> JsValue {
    let err = match result {
        Ok(v) => panic!(
            "expected a {code} error, got {:?}",
            JSON::stringify(&v).ok()
        ),
        Err(e) => e,
    };
    let facts = error_facts(&err);
    assert_eq!(
        get(&facts, "isError"),
        JsValue::TRUE,
        "thrown value is an Error"
    );
    assert_eq!(
        get(&facts, "subclassOfError"),
        JsValue::TRUE,
        "a direct subclass of Error"
    );
    assert_eq!(
        get_str(&facts, "ctorName").as_deref(),
        Some("NormalizeError")
    );
    assert_eq!(get_str(&facts, "name").as_deref(), Some("NormalizeError"));
    assert_eq!(get(&facts, "hasStack"), JsValue::TRUE);
    assert_eq!(
        get_str(&err, "code").as_deref(),
        Some(code),
        "code of {:?}",
        get_str(&err, "message")
    );
    let message = get_str(&err, "message").unwrap_or_default();
    assert!(
        !message.is_empty() && !message.contains('\n'),
        "one-line message: {message:?}"
    );
    match path {
        None => {}
        Some(None) => assert!(get(&err, "path").is_undefined(), "path is undefined"),
        Some(Some(p)) => assert_eq!(
            get_str(&err, "path").as_deref(),
            Some(p),
            "path ({message})"
        ),
    }
    good_call_still_works();
    err
}

/// A call that needs no provider mapping: an empty Stripe list.
fn good_call_still_works() {
    let v = normalize("stripe", "payments", s("[]")).expect("good call after an error");
    assert!(same_json(&v, &parse(r#"{"result":[],"next_cursor":null}"#)));
    assert_eq!(
        normalize_json("stripe", "payments", s(" [ ] ")).expect("normalizeJson after an error"),
        r#"{"result":[],"next_cursor":null}"#
    );
}

const PI: &str = r#"{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"usd","status":"succeeded","created":1700000000,"metadata":{"order_id":"o_9","__proto__":{"polluted":"yes"},"constructor":"c"}}"#;

// ---- inputs ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn list_from_string_bytes_arraybuffer_and_object_agree() {
    ready().await;
    let text = r#"[]"#;
    let from_string = normalize("stripe", "payments", s(text)).unwrap();
    let from_bytes = normalize("stripe", "payments", bytes(text).into()).unwrap();
    let from_buffer = normalize("stripe", "payments", array_buffer(text)).unwrap();
    let from_object = normalize("stripe", "payments", Array::new().into()).unwrap();
    for v in [&from_bytes, &from_buffer, &from_object] {
        assert!(same_json(&from_string, v));
    }
    assert!(is_plain(&from_string));
    assert!(Array::is_array(&get(&from_string, "result")));
    assert!(
        get(&from_string, "next_cursor").is_null(),
        "absent is null, not undefined"
    );
}

#[wasm_bindgen_test]
async fn stripe_payment_intent_from_string_bytes_and_object() {
    ready().await;
    let from_string = normalize("stripe", "payments", s(PI)).expect("stripe payment");
    assert_eq!(get_str(&from_string, "id").as_deref(), Some("pi_1"));
    assert_eq!(get_str(&from_string, "amount").as_deref(), Some("50.00"));
    assert_eq!(get_str(&from_string, "currency").as_deref(), Some("USD"));
    assert_eq!(get_str(&from_string, "status").as_deref(), Some("paid"));
    assert_eq!(
        get_str(&from_string, "created_at").as_deref(),
        Some("2023-11-14T22:13:20Z")
    );
    assert!(get(&from_string, "expires_on").is_null());
    let from_bytes = normalize("stripe", "payments", bytes(PI).into()).unwrap();
    let from_object = normalize("stripe", "payments", parse(PI)).unwrap();
    let auto = normalize("auto", "auto", s(PI)).unwrap();
    let via_json = parse(&normalize_json("stripe", "payment", s(PI)).unwrap());
    for v in [&from_bytes, &from_object, &auto, &via_json] {
        assert!(same_json(&from_string, v));
    }
    // A key named __proto__ stays an own property there (JSON.parse gives it), but is not
    // plain-checked by isPlain's prototype walk; check it separately below.
    let remote = get(&from_string, "remote_data");
    assert_eq!(
        get_str(&remote, "object").as_deref(),
        Some("payment_intent")
    );
}

#[wasm_bindgen_test]
async fn proto_key_is_an_own_data_property_and_never_a_prototype() {
    ready().await;
    for input in [s(PI), bytes(PI).into(), parse(PI)] {
        let p = normalize("stripe", "payments", input).expect("stripe payment");
        assert!(has_object_prototype(&p));
        for holder in [
            get(&p, "metadata"),
            get(&get(&p, "remote_data"), "metadata"),
        ] {
            assert!(has_object_prototype(&holder), "prototype unchanged");
            assert!(
                own_data_key(&holder, "__proto__"),
                "__proto__ is an own data property"
            );
            assert!(own_data_key(&holder, "constructor"));
            let proto = Reflect::get_own_property_descriptor(
                &Object::from(holder.clone()),
                &s("__proto__"),
            )
            .unwrap();
            assert_eq!(
                get_str(&get(&proto, "value"), "polluted").as_deref(),
                Some("yes")
            );
            // Nothing leaked onto Object.prototype.
            assert!(get(&Object::new().into(), "polluted").is_undefined());
        }
    }
}

#[wasm_bindgen_test]
async fn options_object_is_read() {
    ready().await;
    let p = normalize_opts(
        "stripe",
        "payments",
        s(PI),
        parse(r#"{"remote_data":false,"exclude_fields":["metadata"]}"#),
    )
    .expect("options");
    assert!(!Reflect::has(&p, &s("remote_data")).unwrap());
    assert!(!Reflect::has(&p, &s("metadata")).unwrap());
    assert!(Reflect::has(&p, &s("amount")).unwrap());
    let list = normalize_opts("stripe", "payments", s("[]"), JsValue::UNDEFINED).unwrap();
    assert!(same_json(
        &list,
        &parse(r#"{"result":[],"next_cursor":null}"#)
    ));
    let list = normalize_opts("stripe", "payments", s("[]"), JsValue::NULL).unwrap();
    assert!(same_json(
        &list,
        &parse(r#"{"result":[],"next_cursor":null}"#)
    ));
}

#[wasm_bindgen_test]
async fn detect_and_coverage() {
    ready().await;
    assert!(detect(s(r#"{"hello":"world"}"#)).unwrap().is_null());
    assert!(detect(parse(r#"{"hello":"world"}"#)).unwrap().is_null());
    assert_error(detect(s("{")), "invalid_json", Some(None));
    assert_error(detect(JsValue::UNDEFINED), "invalid_input", Some(None));
    let rows = call("coverage", &Array::new()).expect("coverage");
    assert!(Array::is_array(&rows));
    assert!(is_plain(&rows));
}

#[wasm_bindgen_test]
async fn detect_real_payload() {
    ready().await;
    let d = detect(s(PI))
        .expect("detect")
        .dyn_into::<Object>()
        .expect("an object");
    assert!(same_json(
        &d,
        &parse(r#"{"provider":"stripe","resource":"payments","list":false}"#)
    ));
    let d = detect(bytes(PI).into()).expect("detect bytes");
    assert_eq!(get_str(&d, "provider").as_deref(), Some("stripe"));
    let rows = call("coverage", &Array::new()).expect("coverage");
    assert!(
        Array::from(&rows).length() > 0,
        "coverage has rows once mappings exist"
    );
    let row = Array::from(&rows).get(0);
    for key in [
        "provider",
        "resource",
        "field",
        "supported",
        "sources",
        "rule",
    ] {
        assert!(
            Reflect::has(&row, &s(key)).unwrap(),
            "coverage row has {key}"
        );
    }
}

// ---- every error code ------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn invalid_json_cases() {
    ready().await;
    assert_error(
        normalize("stripe", "payments", s("{")),
        "invalid_json",
        Some(None),
    );
    assert_error(
        normalize("stripe", "payments", s("")),
        "invalid_json",
        Some(None),
    );
    assert_error(
        normalize("stripe", "payments", s("  \n ")),
        "invalid_json",
        Some(None),
    );
    assert_error(
        normalize("stripe", "payments", bytes("").into()),
        "invalid_json",
        Some(None),
    );
    let e = assert_error(
        call(
            "normalizeJson",
            &args(&[s("stripe"), s("payments"), s("{\"id\":}")]),
        ),
        "invalid_json",
        Some(None),
    );
    assert!(
        get_str(&e, "message").unwrap().contains("line 1"),
        "message gives the position"
    );
}

#[wasm_bindgen_test]
async fn invalid_utf8_bytes_are_invalid_json() {
    ready().await;
    for raw in [
        &[0x22u8, 0xff, 0x22][..],
        b"{\"id\":\"\xc3\x28\"}",
        b"\xff\xfe{}",
        b"[\"\xed\xa0\x80\"]",
    ] {
        let input: JsValue = Uint8Array::from(raw).into();
        assert_error(
            normalize("stripe", "payments", input.clone()),
            "invalid_json",
            Some(None),
        );
        assert_error(detect(input), "invalid_json", Some(None));
    }
}

#[wasm_bindgen_test]
async fn utf8_is_checked_at_every_offset() {
    ready().await;
    // The input's ASCII prefix is vouched for 64 bytes a step (wasm SIMD), the rest by the full
    // UTF-8 check: a bad byte, a good multi-byte character or a character cut short, at every
    // offset around those steps, gives what a byte-by-byte check gives (same byte index).
    let bad: [&[u8]; 4] = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82"];
    for offset in 0..200 {
        let head = format!(
            "{{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"description\":\"{}",
            "a".repeat(offset)
        );
        for tail in bad {
            let mut raw = head.clone().into_bytes();
            raw.extend_from_slice(tail);
            raw.extend_from_slice(b"z\"}");
            let at = std::str::from_utf8(&raw).unwrap_err().valid_up_to();
            let e = assert_error(
                normalize(
                    "stripe",
                    "payments",
                    Uint8Array::from(raw.as_slice()).into(),
                ),
                "invalid_json",
                Some(None),
            );
            let message = get_str(&e, "message").unwrap();
            assert!(
                message.contains(&format!("(byte {at})")),
                "offset {offset}: {message}"
            );
        }
        let good = format!("{head}é😀\"}}");
        let out = normalize_json("stripe", "payments", bytes(&good).into())
            .unwrap_or_else(|e| panic!("offset {offset}: {e:?}"));
        assert!(out.contains("é😀"), "offset {offset}");
    }
}

#[wasm_bindgen_test]
async fn deep_nesting_is_a_coded_error() {
    ready().await;
    let text = deep_array_text(100_000);
    // Valid but 100,000 deep: deeper than 128 levels is invalid_json for every call
    // (docs/mapping.md#limits-and-leniency), with the path of the first value too deep.
    let too_deep = format!("${}", "[0]".repeat(128));
    assert_error(
        normalize("stripe", "payments", s(&text)),
        "invalid_json",
        Some(Some(&too_deep)),
    );
    assert_error(
        normalize("auto", "auto", bytes(&text).into()),
        "invalid_json",
        Some(Some(&too_deep)),
    );
    assert_error(detect(s(&text)), "invalid_json", Some(Some(&too_deep)));
    // A 100,000-deep object: JSON.stringify may refuse it (invalid_input), the parser's depth
    // limit may (invalid_json), or it is read and lacks an id (invalid_payload); either way a
    // coded error, never a trap.
    let err = normalize("stripe", "payments", deep_object(100_000)).expect_err("deep object");
    let code = get_str(&err, "code");
    assert!(
        matches!(
            code.as_deref(),
            Some("invalid_input") | Some("invalid_json") | Some("invalid_payload")
        ),
        "{code:?}"
    );
    good_call_still_works();
}

#[wasm_bindgen_test]
async fn invalid_input_cases() {
    ready().await;
    for input in [
        JsValue::UNDEFINED,
        cyclic(),
        bigint(),
        Reflect::get(&js_sys::global(), &s("parseInt")).unwrap(),
        JsValue::symbol(None),
    ] {
        assert_error(
            normalize("stripe", "payments", input.clone()),
            "invalid_input",
            Some(None),
        );
        assert_error(
            call("normalizeJson", &args(&[s("stripe"), s("payments"), input])),
            "invalid_input",
            Some(None),
        );
    }
    assert_error(
        normalize(
            "stripe",
            "payments",
            js_sys::Int16Array::new_with_length(2).into(),
        ),
        "invalid_input",
        Some(None),
    );
    // Options: unknown key, wrong type, not an object.
    let e = assert_error(
        normalize_opts(
            "stripe",
            "payments",
            s("[]"),
            parse(r#"{"remote_dta":false}"#),
        ),
        "invalid_input",
        Some(None),
    );
    assert!(get_str(&e, "message").unwrap().contains("remote_dta"));
    assert_error(
        normalize_opts(
            "stripe",
            "payments",
            s("[]"),
            parse(r#"{"remote_data":"no"}"#),
        ),
        "invalid_input",
        None,
    );
    assert_error(
        normalize_opts("stripe", "payments", s("[]"), s("{}")),
        "invalid_input",
        None,
    );
    assert_error(
        normalize_opts("stripe", "payments", s("[]"), bigint()),
        "invalid_input",
        None,
    );
    assert_error(
        normalize_opts(
            "stripe",
            "payments",
            s("[]"),
            parse(r#"{"exclude_fields":["emial"]}"#),
        ),
        "invalid_input",
        None,
    );
}

#[wasm_bindgen_test]
async fn unsupported_provider_and_resource() {
    ready().await;
    let e = assert_error(
        normalize("paypal", "payments", s("{}")),
        "unsupported_provider",
        Some(None),
    );
    assert!(
        get_str(&e, "message").unwrap().contains("stripe"),
        "lists the valid names"
    );
    assert_error(
        detect_then_normalize_json("adyen", "payments"),
        "unsupported_provider",
        Some(None),
    );
    let e = assert_error(
        normalize("stripe", "refunds", s("{}")),
        "unsupported_resource",
        Some(None),
    );
    assert!(get_str(&e, "message").unwrap().contains("payments"));
}

fn detect_then_normalize_json(provider: &str, resource: &str) -> Result<JsValue, JsValue> {
    call("normalizeJson", &args(&[s(provider), s(resource), s("[]")]))
}

#[wasm_bindgen_test]
async fn invalid_payload_with_paths() {
    ready().await;
    assert_error(
        normalize("stripe", "payments", s("42")),
        "invalid_payload",
        Some(Some("$")),
    );
    assert_error(
        normalize("stripe", "payments", JsValue::NULL),
        "invalid_payload",
        Some(Some("$")),
    );
    assert_error(
        normalize("stripe", "payments", s(r#"[1]"#)),
        "invalid_payload",
        Some(Some("$[0]")),
    );
    assert_error(
        normalize("razorpay", "payments", parse(r#"[{}, "x"]"#)),
        "invalid_payload",
        None,
    );
}

#[wasm_bindgen_test]
async fn invalid_payload_field_path_from_a_mapper() {
    ready().await;
    let bad = r#"{"id":"pi_1","object":"payment_intent","amount":"5000","currency":"usd","status":"succeeded","created":1700000000}"#;
    assert_error(
        normalize("stripe", "payments", s(bad)),
        "invalid_payload",
        Some(Some("$.amount")),
    );
    let list = format!(
        r#"{{"object":"list","has_more":false,"url":"/v1/payment_intents","data":[{PI},{bad}]}}"#
    );
    assert_error(
        normalize("stripe", "payments", s(&list)),
        "invalid_payload",
        Some(Some("$.data[1].amount")),
    );
}

#[wasm_bindgen_test]
async fn mismatched_payload() {
    ready().await;
    let customer = r#"{"id":"cus_1","object":"customer","created":1700000000,"email":"a@b.c"}"#;
    assert_error(
        normalize("stripe", "payments", s(customer)),
        "mismatched_payload",
        Some(Some("$")),
    );
}

#[wasm_bindgen_test]
async fn undetectable() {
    ready().await;
    assert_error(
        normalize("auto", "payments", s(r#"{"hello":"world"}"#)),
        "undetectable",
        Some(None),
    );
    assert_error(
        normalize("auto", "auto", parse(r#"{"hello":"world"}"#)),
        "undetectable",
        Some(None),
    );
}

#[wasm_bindgen_test]
async fn many_errors_then_good_calls() {
    ready().await;
    for i in 0..300 {
        let input = match i % 3 {
            0 => s("{"),
            1 => Uint8Array::from(&[0xffu8][..]).into(),
            _ => JsValue::UNDEFINED,
        };
        assert!(normalize("stripe", "payments", input).is_err());
    }
    good_call_still_works();
}

mod webhooks;

// ---- the reader's chunked scans ----------------------------------------------------------------

#[wasm_bindgen_test]
async fn strings_read_right_with_special_bytes_at_every_offset() {
    ready().await;
    // The string scan goes 16 bytes at a time (wasm SIMD), then 8, then 1; the UTF-16 offsets of
    // `remote_data` are counted 16 bytes at a time. An escape, a multi-byte character or a raw
    // control byte at every offset of a chunk, and across chunk edges, reads as it does alone.
    for offset in 0..40 {
        let pad = "a".repeat(offset);
        for (written, decoded) in [
            ("\\\"", "\""),
            ("\\\\", "\\"),
            ("\\n", "\n"),
            ("\\u00e9", "é"),
            ("\\ud83d\\ude00", "😀"),
            ("é", "é"),
            ("😀", "😀"),
            ("", ""),
        ] {
            let item = format!(
                r#"{{"id":"pi_{offset}","object":"payment_intent","amount":100,"currency":"usd","status":"succeeded","created":1700000000,"description":"{pad}{written}z{pad}"}}"#
            );
            let list = format!(r#"{{"object":"list","data":[{item},{item}],"has_more":false}}"#);
            let want = format!("{pad}{decoded}z{pad}");
            for input in [s(&list), bytes(&list).into()] {
                let out = normalize_json("stripe", "payments", input)
                    .unwrap_or_else(|e| panic!("offset {offset} {written:?}: {e:?}"));
                // `remote_data` is the input's own text, spliced at offsets the binding counted.
                assert_eq!(out.matches(item.as_str()).count(), 2, "{out}");
                let result = get(&parse(&out), "result");
                for i in 0..2 {
                    let payment = Reflect::get_u32(&result, i).expect("item");
                    assert_eq!(
                        get_str(&payment, "description").as_deref(),
                        Some(want.as_str()),
                        "offset {offset} {written:?}"
                    );
                }
            }
        }
        // A raw control byte is refused wherever it stands.
        let bad = format!(
            "{{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"description\":\"{pad}\u{1}z\"}}"
        );
        assert_error(
            normalize_json("stripe", "payments", s(&bad)).map(JsValue::from),
            "invalid_json",
            None,
        );
    }
}
