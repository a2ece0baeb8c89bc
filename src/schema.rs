//! The JSON Schema (draft 2020-12) of what paynorm returns: [`Customer`], [`Order`], [`Payment`],
//! their lists, and the error object. Generated from the Rust types themselves (schemars, feature
//! `schema`); `scripts/build.mjs` writes it to the npm package's `schema.json` (`paynorm/schema.json`).
//!
//! The document validates one `normalize` result (`anyOf` the six shapes); each shape is also
//! addressable on its own as `schema.json#/$defs/<Name>` (`Payment`, `PaymentList`, `Error`, ...)
//! for OpenAPI, code generators and validators in other languages. Objects are closed
//! (`additionalProperties: false`), and every field but `remote_data` is required, as in the
//! default output: with `exclude_fields` the named fields are absent, so validate such output
//! with `required` relaxed.

use crate::error::ErrorCode;
use crate::unified::{Customer, List, Order, Payment};
use crate::webhooks::{Event, ProviderError};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};
use std::borrow::Cow;

/// The `$id` of the document: where the published npm package serves this very file (the crate
/// and the npm package share their version).
pub fn schema_id() -> String {
    format!(
        "https://unpkg.com/paynorm@{}/pkg/schema.json",
        env!("CARGO_PKG_VERSION")
    )
}

/// The error every call can fail with, as JSON (`NormalizeError`'s own fields): `{code, message,
/// path}`. A schema-only mirror of [`crate::Error`].
#[derive(JsonSchema)]
#[schemars(rename = "Error")]
#[allow(dead_code)] // only its schema is used
struct ErrorShape {
    /// Stable machine-readable code.
    code: ErrorCode,
    /// One line that names what to fix.
    message: String,
    /// JSON path into the input (`$.data[3].amount`), or `null` when no single place is to blame.
    path: Option<String>,
}

impl JsonSchema for ErrorCode {
    fn schema_name() -> Cow<'static, str> {
        "ErrorCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        json_schema!({
            "description": "The stable error codes of `NormalizeError.code`.",
            "type": "string",
            "enum": codes
        })
    }
}

/// The whole document: `$defs` of every shape, and a root that accepts any `normalize` result.
pub fn json_schema() -> Value {
    let mut gen = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    // What `normalize` can return (the root's `anyOf`), then shapes listed only in `$defs`.
    // Adding a type to the schema is one line here.
    let mut results: Vec<Value> = Vec::new();
    for (name, schema, result) in [
        ("Customer", Customer::json_schema(&mut gen), true),
        ("Order", Order::json_schema(&mut gen), true),
        ("Payment", Payment::json_schema(&mut gen), true),
        (
            "CustomerList",
            List::<Customer>::json_schema(&mut gen),
            true,
        ),
        ("OrderList", List::<Order>::json_schema(&mut gen), true),
        ("PaymentList", List::<Payment>::json_schema(&mut gen), true),
        ("Error", ErrorShape::json_schema(&mut gen), false),
        ("Event", Event::json_schema(&mut gen), false),
        ("ProviderError", ProviderError::json_schema(&mut gen), false),
    ] {
        gen.definitions_mut()
            .insert(name.to_string(), schema.to_value());
        if result {
            results.push(json!({ "$ref": format!("#/$defs/{name}") }));
        }
    }
    let mut defs = gen.take_definitions(true);
    defs.sort_keys();
    for def in defs.values_mut() {
        close_objects(def);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(),
        "title": "paynorm unified output",
        "description": "One result of paynorm's normalize(): a customer, order or payment, or a list of them ({result, next_cursor}). Money in major units (payments: decimal strings, orders: numbers), times RFC 3339 UTC, currencies ISO 4217 upper case. See docs/mapping.md.",
        "anyOf": results,
        "$defs": Value::Object(defs),
    })
}

/// Rust integer and float widths schemars writes as `format`.
const NUMERIC_FORMATS: [&str; 10] = [
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float", "double",
];

/// `additionalProperties: false` on every object schema with declared properties; drops the
/// non-standard numeric formats.
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            // schemars names Rust integer widths as formats (`uint16`); they are not JSON Schema
            // formats and strict validators refuse them. `minimum` / `type` already say enough.
            if matches!(map.get("format").and_then(Value::as_str), Some(f) if NUMERIC_FORMATS.contains(&f))
            {
                map.remove("format");
            }
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for v in map.values_mut() {
                close_objects(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

#[cfg(test)]
mod schema_export {
    /// `PAYNORM_SCHEMA_OUT=<file> cargo test --features schema --lib schema_export`: writes the
    /// schema (scripts/build.mjs does this); without the variable it only checks it generates.
    #[test]
    fn schema_export() {
        let schema = super::json_schema();
        let defs = schema["$defs"].as_object().unwrap(); // ok: test
        for name in [
            "Customer",
            "Order",
            "Payment",
            "PaymentList",
            "Error",
            "Status",
        ] {
            assert!(defs.contains_key(name), "{name} missing: {schema}");
        }
        assert_eq!(defs["Payment"]["additionalProperties"], false);
        let text = serde_json::to_string_pretty(&schema).unwrap(); // ok: test
        if let Some(path) = std::env::var_os("PAYNORM_SCHEMA_OUT") {
            std::fs::write(path, text + "\n").unwrap(); // ok: test-only export of the schema
        }
    }
}
