//! Property tests (issue 11, point 7): money against an exact integer reference for every
//! exponent in the tables and the i64 edges, RFC 3339 round trips over the whole writable range,
//! and the JSON path of every error pointing at a place that exists in the input. Outputs are
//! read back with serde_json on the way.
#![cfg(not(target_arch = "wasm32"))]

use paynorm::rules::money::{self, ExponentTable};
use paynorm::rules::time;
use paynorm::{normalize_json, ErrorCode, Options};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

/// The exact reference: minor units as a decimal with `exp` places, by integer arithmetic only.
fn reference(minor: i64, exp: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = i128::from(minor).unsigned_abs();
    let scale = 10u128.pow(exp);
    if exp == 0 {
        format!("{sign}{abs}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = exp as usize
        )
    }
}

fn parse_back(text: &str) -> Value {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    Value::deserialize(&mut de).unwrap_or_else(|e| panic!("output is not JSON: {e}"))
}

/// A currency of each exponent the tables hold (0, 2, 3, 4; no active code has 1), per table.
const CURRENCIES: [(&str, ExponentTable, u32); 10] = [
    ("JPY", ExponentTable::Iso4217, 0),
    ("USD", ExponentTable::Iso4217, 2),
    ("KWD", ExponentTable::Iso4217, 3),
    ("CLF", ExponentTable::Iso4217, 4),
    ("UYW", ExponentTable::Iso4217, 4),
    ("ISK", ExponentTable::Stripe, 2),
    ("KWD", ExponentTable::Stripe, 3),
    ("UGX", ExponentTable::Stripe, 0),
    ("IQD", ExponentTable::Checkout, 3),
    ("CLF", ExponentTable::Checkout, 0),
];

fn minor_units() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        -100_000i64..100_000,
        Just(i64::MIN),
        Just(i64::MIN + 1),
        Just(i64::MAX),
        Just(0),
        Just(-1),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn money_is_exact(minor in minor_units(), which in 0..CURRENCIES.len()) {
        let (code, table, exp) = CURRENCIES[which];
        prop_assert_eq!(money::exponent(table, code), Some(exp));
        let expected = reference(minor, exp);
        prop_assert_eq!(money::minor_to_major(minor, code, table), Some(expected.clone()));
        // Major-unit text (Juspay) keeps the value exactly.
        if table == ExponentTable::Iso4217 {
            prop_assert_eq!(money::major_text(&expected, code, table), Ok(Some(expected.clone())));
        }
    }

    #[test]
    fn money_is_exact_end_to_end(minor in minor_units(), which in 0..5usize) {
        // Razorpay reads ISO 4217 exponents.
        let (code, _, exp) = CURRENCIES[which];
        let input = json!({"id": "pay_1", "entity": "payment", "amount": minor, "currency": code,
            "status": "captured", "created_at": 1_700_000_000}).to_string();
        let out = normalize_json("razorpay", "payments", input.as_bytes(), &Options::default());
        let out = parse_back(&out.map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert_eq!(&out["amount"], &json!(reference(minor, exp)));
    }

    #[test]
    fn rfc3339_round_trips(secs in time::UNIX_RANGE, millis in 0u32..1000) {
        let text = time::from_unix(secs).map_err(TestCaseError::fail)?;
        let parsed = chrono::DateTime::parse_from_rfc3339(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed.timestamp(), secs);
        prop_assert!(text.len() == 20 && text.ends_with('Z'), "{}", text);
        prop_assert_eq!(time::from_text(&text), Ok(text.clone()));
        // With a fraction: milliseconds kept (truncated), the same instant.
        let with = format!("{}.{millis:03}999Z", &text[..19]);
        let back = time::from_text(&with).map_err(TestCaseError::fail)?;
        // Milliseconds are written only when there is at least one.
        let expect = if millis == 0 { text.clone() } else { format!("{}.{millis:03}Z", &text[..19]) };
        prop_assert_eq!(&back, &expect);
        prop_assert_eq!(time::from_text(&back), Ok(back.clone()));
    }

    #[test]
    fn outside_years_0000_9999_is_an_error(secs in prop_oneof![i64::MIN..-62_167_219_200, 253_402_300_800..i64::MAX]) {
        prop_assert!(time::from_unix(secs).is_err());
    }

    #[test]
    fn error_paths_exist_in_the_input(
        (provider, base) in bases(),
        field in prop::sample::select(FIELDS.to_vec()),
        value in values(),
        in_list in any::<bool>(),
    ) {
        let mut item = base;
        set_at(&mut item, field, value);
        let input = if in_list {
            json!([{"id": "x"}, item])
        } else {
            item
        };
        let text = input.to_string();
        for resource in ["customers", "orders", "payments", "auto"] {
            match normalize_json(provider, resource, text.as_bytes(), &Options::default()) {
                Ok(out) => { parse_back(&out); }
                Err(e) => {
                    prop_assert!(!e.message.contains('\n'));
                    if let Some(path) = &e.path {
                        let missing = e.message.contains("is missing");
                        prop_assert!(
                            resolve(&input, path).is_some() || missing && resolve(&input, parent(path)).is_some(),
                            "{} {}: path {} not in {}: {}", provider, resource, path, text, e.message
                        );
                    } else {
                        prop_assert!(e.code != ErrorCode::InvalidPayload || e.message.contains("could not write"), "{e}");
                    }
                }
            }
        }
    }
}

/// Fields the mappings read (and one they do not), possibly nested.
const FIELDS: [&str; 16] = [
    "id",
    "amount",
    "currency",
    "created",
    "created_at",
    "status",
    "customer",
    "customer.email",
    "metadata",
    "notes",
    "charges.data",
    "latest_charge",
    "requested_on",
    "source.phone",
    "payment_method",
    "unread",
];

fn bases() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just((
            "stripe",
            json!({"id": "pi_1", "object": "payment_intent", "amount": 100, "currency": "usd", "status": "succeeded", "created": 1_700_000_000})
        )),
        Just((
            "stripe",
            json!({"id": "cus_1", "object": "customer", "created": 1_700_000_000, "email": "a@b.c"})
        )),
        Just((
            "razorpay",
            json!({"id": "pay_1", "entity": "payment", "amount": 100, "currency": "INR", "status": "captured", "created_at": 1_700_000_000})
        )),
        Just((
            "razorpay",
            json!({"id": "order_1", "entity": "order", "amount": 100, "currency": "INR", "status": "paid", "created_at": 1_700_000_000})
        )),
        Just((
            "checkout",
            json!({"id": "pay_1", "amount": 100, "currency": "USD", "status": "Authorized", "requested_on": "2023-01-01T00:00:00Z"})
        )),
        Just((
            "juspay",
            json!({"order_id": "o1", "status": "CHARGED", "amount": 1.5, "currency": "INR", "date_created": "2023-01-01T00:00:00Z"})
        )),
        Just((
            "auto",
            json!({"id": "pi_1", "object": "payment_intent", "amount": 100, "currency": "usd", "created": 1})
        )),
    ]
}

fn values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z\\n\"\\\\ ]{0,12}".prop_map(Value::from),
        Just(json!("2023-01-01T00:00:00Z")),
        Just(json!(-0.0)),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-z_ ]{1,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Sets `value` at a dotted `field` of `item`, creating objects on the way.
fn set_at(item: &mut Value, field: &str, value: Value) {
    let mut cur = item;
    let mut parts = field.split('.').peekable();
    while let Some(part) = parts.next() {
        if !cur.is_object() {
            *cur = json!({});
        }
        let Some(map) = cur.as_object_mut() else {
            return;
        };
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        cur = map.entry(part.to_string()).or_insert_with(|| json!({}));
    }
}

/// The value at a paynorm JSON path (`$`, `.key`, `[3]`, `["odd key"]`).
fn resolve<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = root;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            // A JSON string key up to the unescaped closing quote.
            let mut end = None;
            let mut escaped = false;
            for (i, c) in r.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end?;
            let key: String = serde_json::from_str(&format!("\"{}\"", &r[..end])).ok()?;
            cur = cur.get(key.as_str())?;
            rest = r[end + 1..].strip_prefix(']')?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            cur = cur.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            cur = cur.get(&r[..end])?;
            rest = &r[end..];
        } else {
            return None;
        }
    }
    Some(cur)
}

/// The path of the object holding the last segment of `path`.
fn parent(path: &str) -> &str {
    let cut = path.rfind(['.', '[']).unwrap_or(path.len());
    &path[..cut]
}

#[test]
fn resolve_reads_paynorm_paths() {
    let v = json!({"a": [{"b c": {"d": 1}}]});
    assert_eq!(resolve(&v, "$.a[0][\"b c\"].d"), Some(&json!(1)));
    assert_eq!(resolve(&v, "$.a[1]"), None);
    assert_eq!(parent("$.a[0].x"), "$.a[0]");
}
