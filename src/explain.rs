//! `explain`: the unified result of a payload plus, for every unified field, the raw JSON path(s)
//! it came from and the rule applied. Built from [`normalize_parsed`](crate::normalize_parsed)'s
//! own output and the field-source tables the mappers are tested against, so it can never
//! disagree with `normalize`: the value shown is the value `normalize` returns, and the source
//! shown is the first path of the table's preference order that the payload actually carries.

use crate::error::Error;
use crate::fields::{self, FieldSource};
use crate::providers::{Provider, Resource};
use crate::{detect_value, Options};
use serde::Serialize;
use serde_json::Value;

/// Why one unified field has its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldExplanation {
    /// Unified field name (`amount`).
    pub field: &'static str,
    /// The value `normalize` produced.
    pub value: Value,
    /// Whether the provider supplies this field at all.
    pub supported: bool,
    /// Absolute JSON paths in the input the value was read from (`$.latest_charge.amount_refunded`),
    /// in the table's preference order, only those present in this payload.
    pub sources: Vec<String>,
    /// Every path the table lists, present or not (relative to the object).
    pub candidates: &'static [&'static str],
    /// The rule applied (`minor -> major (Stripe exponents)`).
    pub rule: &'static str,
    /// For `status` only: the raw inputs of the decision and its outcome, in words
    /// (`status table: "succeeded", latest_charge.amount_refunded = 1500 -> partial`).
    pub decision: Option<String>,
}

/// One explained unified object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemExplanation {
    /// JSON path of the raw object in the input (`$`, `$.data[3]`).
    pub path: String,
    /// One entry per unified field, in output order.
    pub fields: Vec<FieldExplanation>,
}

/// What [`explain`] returns: `{provider, resource, list, result, items}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The provider used (given or detected).
    pub provider: Provider,
    /// The resource used (given or detected).
    pub resource: Resource,
    /// Whether the input was a list.
    pub list: bool,
    /// Exactly what `normalize_value` returns for the same call.
    pub result: Value,
    /// The field explanations of each unified object (one for a single object).
    pub items: Vec<ItemExplanation>,
}

/// Normalizes `input` and explains every field. Same arguments and errors as
/// [`crate::normalize_value`]. `remote_data` and `exclude_fields` shape `result` as usual; the
/// field explanations always cover every unified field.
pub fn explain(
    provider: &str,
    resource: &str,
    input: &[u8],
    options: &Options,
) -> Result<Explanation, Error> {
    let (p, r) = crate::parse_names(provider, resource)?;
    let value = crate::parse(input, options.max_input_bytes)?;
    let normalized = crate::normalize_with(p, r, input, options)?;
    let result = crate::to_value_excluding(&normalized, options)?;
    let full = serde_json::to_value(&normalized).map_err(crate::output_error)?;
    let resource = crate::resource_of(&normalized);
    let provider = match p {
        Some(p) => p,
        None => detect_value(&value)
            .map(|d| d.provider)
            .ok_or_else(crate::undetectable_provider)?,
    };
    let table = fields::table(provider, resource);
    let locate = provider.spec().locate;
    let (list, raws, outs): (bool, Vec<(String, &Value)>, Vec<&Value>) = match full.get("result") {
        Some(Value::Array(outs)) if full.get("next_cursor").is_some() => {
            let raws = raw_items(&value);
            (true, raws, outs.iter().collect())
        }
        _ => (false, vec![("$".to_string(), &value)], vec![&full]),
    };
    let items = raws
        .into_iter()
        .zip(outs)
        .map(|((path, raw), out)| {
            // Sources are read where the mapping reads: inside an Event, its `data.object`.
            let at = if raw.is_object() {
                crate::reader::view(&raw.to_string(), locate).unwrap_or("")
            } else {
                ""
            };
            let (base, object) = match (at, lookup(raw, at)) {
                ("", _) | (_, None) => (path.clone(), raw),
                (at, Some(object)) => (absolute(&path, at), object),
            };
            ItemExplanation {
                fields: explain_item(table, &base, object, out),
                path,
            }
        })
        .collect();
    Ok(Explanation {
        provider,
        resource,
        list,
        result,
        items,
    })
}

/// The raw items of a list input with their absolute paths: a bare array, or the one array-valued
/// key of an envelope that holds the items (`data`, `items`).
fn raw_items(value: &Value) -> Vec<(String, &Value)> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("$[{i}]"), v))
            .collect(),
        Value::Object(map) => {
            for key in ["data", "items"] {
                if let Some(Value::Array(items)) = map.get(key) {
                    return items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (format!("$.{key}[{i}]"), v))
                        .collect();
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn explain_item(
    table: &'static [FieldSource],
    base: &str,
    raw: &Value,
    out: &Value,
) -> Vec<FieldExplanation> {
    table
        .iter()
        .map(|f| {
            let present: Vec<(&str, &Value)> = f
                .sources
                .iter()
                .filter_map(|s| lookup(raw, s).filter(|v| !v.is_null()).map(|v| (*s, v)))
                .collect();
            let value = out.get(f.field).cloned().unwrap_or(Value::Null);
            let decision = (f.field == "status").then(|| {
                let inputs: Vec<String> = present
                    .iter()
                    .map(|(s, v)| format!("{s} = {}", short(v)))
                    .collect();
                let inputs = if inputs.is_empty() {
                    "no raw status".to_string()
                } else {
                    inputs.join(", ")
                };
                format!("{}: {inputs} -> {}", f.rule, value.as_str().unwrap_or("?"))
            });
            FieldExplanation {
                field: f.field,
                supported: f.supported(),
                sources: present.iter().map(|(s, _)| absolute(base, s)).collect(),
                candidates: f.sources,
                rule: f.rule,
                decision,
                value,
            }
        })
        .collect()
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// Joins a base JSON path and a relative table path (`latest_charge.fee`, `charges.data[0].x`).
fn absolute(base: &str, rel: &str) -> String {
    let mut out = base.to_string();
    for seg in rel.split('.') {
        let (key, index) = match seg.split_once('[') {
            Some((k, rest)) => (k, Some(rest.trim_end_matches(']'))),
            None => (seg, None),
        };
        crate::error::push_key(&mut out, key);
        if let Some(i) = index {
            out.push_str(&format!("[{i}]"));
        }
    }
    out
}

/// Resolves a relative table path in a raw object. Segments are keys, optionally with one
/// `[index]` (`charges.data[0].amount_refunded`). Missing -> `None`.
pub(crate) fn lookup<'a>(raw: &'a Value, rel: &str) -> Option<&'a Value> {
    rel.split('.')
        .try_fold(raw, |cur, seg| match seg.split_once('[') {
            Some((k, rest)) => {
                let i: usize = rest.trim_end_matches(']').parse().ok()?;
                cur.get(k)?.get(i)
            }
            None => cur.get(seg),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_event_is_explained_from_its_data_object() {
        let event = json!({"id": "evt_1", "object": "event", "created": 1600000000, "type": "payment_intent.succeeded",
            "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 5000, "currency": "usd",
            "status": "succeeded", "created": 1700000000}}});
        let text = event.to_string();
        let e = explain("stripe", "payments", text.as_bytes(), &Options::default()).unwrap();
        let source = |field: &str| {
            e.items[0]
                .fields
                .iter()
                .find(|f| f.field == field)
                .unwrap()
                .sources
                .clone()
        };
        assert_eq!(source("id"), ["$.data.object.id"]);
        assert_eq!(source("amount"), ["$.data.object.amount"]);
        assert_eq!(source("created_at"), ["$.data.object.created"]);
        assert_eq!(e.items[0].path, "$");
        // An Event's `data` alone: `{object: {...}}`.
        let data = json!({"object": event["data"]["object"]}).to_string();
        let e = explain("stripe", "payments", data.as_bytes(), &Options::default()).unwrap();
        assert_eq!(e.items[0].fields[1].sources, ["$.object.amount"]);
        // A list of Events: each from its own data.object.
        let list = json!([event, event]).to_string();
        let e = explain("stripe", "payments", list.as_bytes(), &Options::default()).unwrap();
        assert_eq!(e.items[1].fields[1].sources, ["$[1].data.object.amount"]);
    }

    #[test]
    fn paths() {
        let v = json!({"a": {"b": [{"c": 1}]}, "created_at ": 5});
        assert_eq!(lookup(&v, "a.b[0].c"), Some(&json!(1)));
        assert_eq!(lookup(&v, "a.x"), None);
        assert_eq!(absolute("$.data[2]", "a.b[0].c"), "$.data[2].a.b[0].c");
        assert_eq!(absolute("$", "created_at "), "$[\"created_at \"]");
    }
}
