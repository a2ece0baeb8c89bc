//! Shared conversion rules, each small and pure: money (exponent tables, exact minor -> major),
//! time (RFC 3339 UTC), contact (phone, name), status vocabulary, metadata and text clean-up.
//! Providers call these; nothing here knows about a provider's payload shape.

pub mod contact;
pub mod money;
pub mod status;
pub mod time;

use crate::error::Error;
use serde_json::{Map, Value};

/// A provider's string as a unified value: empty (or all-space) strings are `null`
/// (docs/mapping.md#other-conventions); everything else is copied as is.
pub fn text(s: Option<&str>) -> Option<String> {
    match s {
        Some(s) if !s.trim().is_empty() => Some(s.to_string()),
        _ => None,
    }
}

/// The first non-empty of several candidate strings.
pub fn first_text<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    candidates.into_iter().find_map(text)
}

/// Provider metadata as the unified `metadata` object. An object is copied key by key as data;
/// an empty array (Razorpay's empty `notes` is `[]`) is `{}`; `null` stays `null`. Anything else
/// is `invalid_payload` at `path`.
pub fn metadata(path: &str, raw: Option<&Value>) -> Result<Option<Value>, Error> {
    match raw {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(Value::Object(map.clone()))),
        Some(Value::Array(items)) if items.is_empty() => Ok(Some(Value::Object(Map::new()))),
        Some(other) => Err(Error::payload(
            path,
            format!("expected object, found {}", json_kind(other)),
        )),
    }
}

/// [`metadata`] for metadata read as raw JSON text (the hot path keeps nested objects as
/// `&RawValue` and parses only what it copies out). The parsed object is moved into the result,
/// never copied a second time (a large metadata object costs one parsed copy).
pub fn metadata_raw(
    path: &str,
    raw: Option<&serde_json::value::RawValue>,
) -> Result<Option<Value>, Error> {
    metadata_raw_at(|| path.to_owned(), raw)
}

/// [`metadata_raw`] whose error path is made by `path` only when there is an error (so a
/// list's items do not each format `$.data[i].metadata`).
pub fn metadata_raw_at(
    path: impl Fn() -> String,
    raw: Option<&serde_json::value::RawValue>,
) -> Result<Option<Value>, Error> {
    match raw {
        None => Ok(None),
        Some(raw) => {
            let value: Value =
                crate::reader::from_str(raw.get()).map_err(|e| Error::payload(path(), e))?;
            match value {
                Value::Object(_) => Ok(Some(value)),
                other => metadata(&path(), Some(&other)),
            }
        }
    }
}

/// The JSON name of a raw value's kind from its text, worded as [`json_kind`] words a parsed
/// value (`integer` for a number that fits `i64` / `u64`, else `number`), for messages.
pub fn raw_kind(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ if text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok() => "integer",
        _ => "number",
    }
}

/// The JSON name of a value's kind, for messages.
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_strings_are_null() {
        assert_eq!(text(Some("")), None);
        assert_eq!(text(Some("  ")), None);
        assert_eq!(text(Some("a")), Some("a".into()));
        assert_eq!(first_text([None, Some(""), Some("x")]), Some("x".into()));
    }

    #[test]
    fn metadata_from_raw_text() {
        let raw: &serde_json::value::RawValue =
            serde_json::from_str(r#"{"b":1.10,"a":"x"}"#).unwrap();
        let v = metadata_raw("$.metadata", Some(raw)).unwrap().unwrap();
        assert_eq!(v.to_string(), r#"{"b":1.10,"a":"x"}"#);
        let empty: &serde_json::value::RawValue = serde_json::from_str("[]").unwrap();
        assert_eq!(
            metadata_raw("$.notes", Some(empty)).unwrap(),
            Some(json!({}))
        );
    }

    #[test]
    fn metadata_rules() {
        assert_eq!(
            metadata("$.notes", Some(&json!([]))).unwrap(),
            Some(json!({}))
        );
        assert_eq!(
            metadata("$.notes", Some(&json!({"a": "b"}))).unwrap(),
            Some(json!({"a": "b"}))
        );
        assert_eq!(metadata("$.notes", None).unwrap(), None);
        let e = metadata("$.notes", Some(&json!("x"))).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.notes"));
        assert_eq!(e.message, "$.notes: expected object, found string");
    }
}
