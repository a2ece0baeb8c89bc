//! Conformance over every shared fixture (`../shared/fixtures`, README inside):
//! - each file of kind customer / order / payment (and their `_list` kinds) normalizes without
//!   error as that resource, with its provider given and with `"auto"` (same output both ways);
//! - its `id` and `status` are what docs/mapping.md implies, computed here by a small oracle written from
//!   the spec independently of the mappers;
//! - each file of kind `other` gives a coded error for every resource (and for `"auto"`);
//! - the field-source tables behind `coverage()` agree with the real outputs: a field marked
//!   unsupported is `null` in every output, a supported one is filled in at least one.

mod common;

use paynorm::{coverage, normalize_value, ErrorCode, Options};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn resource_of(kind: &str) -> Option<&'static str> {
    match kind {
        "customer" | "customer_list" => Some("customers"),
        "order" | "order_list" => Some("orders"),
        "payment" | "payment_list" => Some("payments"),
        _ => None,
    }
}

#[test]
fn every_fixture_conforms() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("every_fixture_conforms");
    };
    let files = common::fixture_files(&dir);
    assert!(
        files.len() >= 200,
        "expected the shared fixtures, found {}",
        files.len()
    );
    let opts = Options::default();
    let mut failures = Vec::new();
    let mut counts = BTreeMap::<String, usize>::new();
    // provider/resource -> field -> filled at least once
    let mut filled: BTreeMap<(String, String), BTreeMap<String, bool>> = BTreeMap::new();

    for (provider, kind, path) in &files {
        // PAYNORM_ONLY=<provider> narrows the run to one provider (while working on its mapper).
        if std::env::var("PAYNORM_ONLY").is_ok_and(|only| &only != provider) {
            continue;
        }
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let raw: Value = serde_json::from_slice(&bytes).unwrap();
        if kind == "other" {
            *counts.entry("other (coded errors)".into()).or_default() += 1;
            for resource in ["customers", "orders", "payments", "auto"] {
                for p in [provider.as_str(), "auto"] {
                    match normalize_value(p, resource, &bytes, &opts) {
                        Ok(v) => failures.push(format!(
                            "{name}: {p}/{resource} should fail, gave {}",
                            short(&v)
                        )),
                        Err(e) => {
                            let ok = matches!(
                                e.code,
                                ErrorCode::InvalidPayload
                                    | ErrorCode::MismatchedPayload
                                    | ErrorCode::UnsupportedResource
                                    | ErrorCode::Undetectable
                            );
                            if !ok {
                                failures.push(format!(
                                    "{name}: {p}/{resource}: unexpected code {}",
                                    e.code
                                ));
                            }
                        }
                    }
                }
            }
            continue;
        }
        let Some(resource) = resource_of(kind) else {
            continue;
        };
        *counts.entry(kind.clone()).or_default() += 1;
        let explicit = match normalize_value(provider, resource, &bytes, &opts) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: {provider}/{resource}: {e}"));
                continue;
            }
        };
        match normalize_value("auto", "auto", &bytes, &opts) {
            Ok(auto) if auto == explicit => {}
            Ok(_) => failures.push(format!(
                "{name}: auto/auto differs from {provider}/{resource}"
            )),
            Err(e) => failures.push(format!("{name}: auto/auto: {e}")),
        }
        let list = kind.ends_with("_list");
        let (outputs, raws): (Vec<&Value>, Vec<&Value>) = if list {
            let items = explicit["result"].as_array().cloned().unwrap_or_default();
            let raw_items = raw_list_items(provider, &raw);
            if items.len() != raw_items.len() {
                failures.push(format!(
                    "{name}: {} results for {} raw items",
                    items.len(),
                    raw_items.len()
                ));
                continue;
            }
            let outs = explicit["result"].as_array().unwrap().iter().collect();
            (outs, raw_items)
        } else {
            (vec![&explicit], vec![&raw])
        };
        for (out, raw) in outputs.iter().zip(raws) {
            if out["remote_data"] != *raw {
                failures.push(format!("{name}: remote_data is not the raw object"));
            }
            let want_id = oracle_id(provider, resource, raw);
            if out["id"].as_str() != want_id.as_deref() {
                failures.push(format!(
                    "{name}: id {} but the spec implies {want_id:?}",
                    out["id"]
                ));
            }
            if resource != "customers" {
                let want = oracle_status(provider, resource, raw);
                let got = out["status"].as_str().unwrap_or("<missing>");
                if got != want {
                    failures.push(format!(
                        "{name}: status \"{got}\" but the spec implies \"{want}\""
                    ));
                }
            }
            let seen = filled
                .entry((provider.clone(), resource.to_string()))
                .or_default();
            for (k, v) in out.as_object().unwrap() {
                *seen.entry(k.clone()).or_default() |= !v.is_null();
            }
        }
    }

    // Field-source tables vs. real output.
    let mut unshown = Vec::new();
    for row in coverage() {
        if std::env::var("PAYNORM_ONLY").is_ok_and(|only| only != row.provider) {
            continue;
        }
        let Some(seen) = filled.get(&(row.provider.to_string(), row.resource.to_string())) else {
            continue;
        };
        let was_filled = seen.get(row.field).copied().unwrap_or(false);
        if !row.supported && was_filled {
            failures.push(format!(
                "coverage says {}/{}.{} is not supplied, but a fixture filled it",
                row.provider, row.resource, row.field
            ));
        }
        if row.supported && !was_filled {
            unshown.push(format!("{}/{}.{}", row.provider, row.resource, row.field));
        }
    }
    let unshown_allowed: BTreeSet<&str> = KNOWN_UNSHOWN.iter().copied().collect();
    for u in &unshown {
        if !unshown_allowed.contains(u.as_str()) {
            failures.push(format!(
                "coverage says {u} is supplied, but no fixture output fills it"
            ));
        }
    }
    eprintln!("fixtures checked: {counts:?}");
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Supported fields no shared fixture happens to carry (checked by unit tests instead).
const KNOWN_UNSHOWN: &[&str] = &[
    // Juspay's order fixtures are create-order responses: no `last_updated`, no transaction.
    "juspay/orders.updated_at",
    "juspay/orders.payment",
    // Every Stripe customer fixture has `phone: null`; no legacy Orders API payload has `updated`.
    "stripe/customers.phone",
    "stripe/orders.updated_at",
];

fn short(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(120).collect()
}

fn raw_list_items<'a>(provider: &str, raw: &'a Value) -> Vec<&'a Value> {
    if let Some(a) = raw.as_array() {
        return a.iter().collect();
    }
    let key = match provider {
        "razorpay" => "items",
        _ => "data",
    };
    raw[key]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn i(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}

fn b(v: &Value, k: &str) -> Option<bool> {
    v.get(k).and_then(Value::as_bool)
}

/// A Stripe event or event `data` wrapper holds the real object under `object` / `data.object`.
fn stripe_inner(raw: &Value) -> &Value {
    if raw.get("object").is_some_and(Value::is_object) {
        return &raw["object"];
    }
    if s(raw, "object") == Some("event") {
        return &raw["data"]["object"];
    }
    raw
}

fn oracle_id(provider: &str, resource: &str, raw: &Value) -> Option<String> {
    let id = match (provider, resource) {
        ("stripe", _) => s(stripe_inner(raw), "id"),
        ("juspay", "orders") => s(raw, "order_id"),
        ("juspay", "payments") => s(raw, "txn_id")
            .or(s(raw, "txn_uuid"))
            .or(s(raw, "order_id")),
        // An incremental-authorization response has no id; its payment is its `_links.self` URL.
        ("checkout", "payments") => s(raw, "id").or_else(|| {
            raw["_links"]["self"]["href"]
                .as_str()
                .and_then(|h| h.rsplit('/').next())
                .filter(|id| id.starts_with("pay_"))
        }),
        _ => s(raw, "id"),
    };
    id.map(str::to_string)
}

/// docs/mapping.md#status, written out independently of the mappers.
fn oracle_status(provider: &str, resource: &str, raw: &Value) -> String {
    let st = |v: &Value| s(v, "status").map(str::to_string);
    let verbatim = |x: Option<String>| x.unwrap_or_else(|| "unknown".into());
    match provider {
        "stripe" => {
            let o = stripe_inner(raw);
            match s(o, "object").unwrap_or_else(|| {
                if s(o, "id").is_some_and(|i| i.starts_with("pi_")) {
                    "payment_intent"
                } else {
                    "charge"
                }
            }) {
                "payment_intent" => {
                    let charge = if o["latest_charge"].is_object() {
                        Some(&o["latest_charge"])
                    } else {
                        o["charges"]["data"].get(0)
                    };
                    match st(o).as_deref() {
                        Some(
                            "requires_payment_method"
                            | "requires_confirmation"
                            | "requires_action"
                            | "processing"
                            | "requires_source"
                            | "requires_source_action",
                        ) => "pending".into(),
                        Some("requires_capture") => "authorized".into(),
                        Some("succeeded") => {
                            if charge.and_then(|c| b(c, "refunded")) == Some(true) {
                                "refunded".into()
                            } else if charge.and_then(|c| i(c, "amount_refunded")).unwrap_or(0) > 0
                                || matches!((i(o, "amount_received"), i(o, "amount")), (Some(r), Some(a)) if r < a)
                            {
                                "partial".into()
                            } else {
                                "paid".into()
                            }
                        }
                        Some("canceled") => {
                            if charge.is_some_and(|c| {
                                b(c, "captured") == Some(false)
                                    && s(c, "status") == Some("succeeded")
                            }) {
                                "voided".into()
                            } else {
                                "cancelled".into()
                            }
                        }
                        other => verbatim(other.map(str::to_string)),
                    }
                }
                "charge" => match st(o).as_deref() {
                    Some("pending") => "pending".into(),
                    Some("succeeded") => {
                        let captured = b(o, "captured") != Some(false);
                        let refunded = b(o, "refunded") == Some(true);
                        if refunded && !captured {
                            "voided".into()
                        } else if !captured {
                            "authorized".into()
                        } else if refunded {
                            "refunded".into()
                        } else if i(o, "amount_refunded").unwrap_or(0) > 0
                            || matches!((i(o, "amount_captured"), i(o, "amount")), (Some(c), Some(a)) if c < a)
                        {
                            "partial".into()
                        } else {
                            "paid".into()
                        }
                    }
                    other => verbatim(other.map(str::to_string)),
                },
                "checkout.session" => match (st(o).as_deref(), s(o, "payment_status")) {
                    (Some("open"), _) => "pending".into(),
                    (Some("complete"), Some("paid" | "no_payment_required")) => "paid".into(),
                    (Some("complete"), _) => "pending".into(),
                    (other, _) => verbatim(other.map(str::to_string)),
                },
                "order" => match st(o).as_deref() {
                    Some("created" | "open" | "submitted" | "processing") => "pending".into(),
                    Some("paid" | "complete" | "fulfilled") => "paid".into(),
                    Some("returned") => "refunded".into(),
                    Some("canceled") => "cancelled".into(),
                    other => verbatim(other.map(str::to_string)),
                },
                other => format!("<no oracle for stripe {other}>"),
            }
        }
        "razorpay" => match (resource, st(raw).as_deref()) {
            ("orders", Some("created" | "attempted")) => "pending".into(),
            ("orders", Some("paid")) => "paid".into(),
            ("payments", Some("created")) => "pending".into(),
            ("payments", Some("authorized")) => "authorized".into(),
            ("payments", Some(x @ ("captured" | "refunded"))) => match (x, s(raw, "refund_status"))
            {
                (_, Some("partial")) => "partial".into(),
                ("refunded", _) => "refunded".into(),
                _ => "paid".into(),
            },
            (_, other) => verbatim(other.map(str::to_string)),
        },
        "checkout" => match st(raw).map(|x| x.to_ascii_lowercase()).as_deref() {
            // Payment search answers in lower case: the table is matched without regard to case.
            Some("pending" | "requested" | "authentication requested" | "retry scheduled") => {
                "pending".into()
            }
            Some("authorized") => "authorized".into(),
            Some("captured" | "paid") => "paid".into(),
            Some("partially captured" | "partially refunded") => "partial".into(),
            Some("refunded") => "refunded".into(),
            Some("voided") => "voided".into(),
            Some("canceled") => "cancelled".into(),
            Some(_) => verbatim(st(raw)),
            // No status: a decline when `approved` is false, or when `approved` is absent and
            // `response_code` is outside the approved 10xxx range.
            None if b(raw, "approved") == Some(false)
                || (b(raw, "approved").is_none()
                    && s(raw, "response_code").is_some_and(|c| !c.starts_with("10"))) =>
            {
                "Declined".into()
            }
            None => "unknown".into(),
        },
        "juspay" => match st(raw).as_deref() {
            Some(
                "NEW" | "CREATED" | "STARTED" | "PENDING_VBV" | "VBV_SUCCESSFUL" | "AUTHORIZING"
                | "COD_INITIATED",
            ) => "pending".into(),
            Some("AUTHORIZED" | "CAPTURE_INITIATED" | "VOID_INITIATED") => "authorized".into(),
            Some("CHARGED") => {
                // The numbers decide when both are there: `refunded: true` with 1 of 5 refunded is
                // partial (docs/mapping.md#status: partial = part of it refunded).
                let num = |k: &str| {
                    raw.get(k).and_then(|v| {
                        v.as_f64()
                            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                    })
                };
                let refunded = num("amount_refunded").unwrap_or(0.0);
                if refunded > 0.0 && num("amount").is_some() {
                    if refunded >= num("amount").unwrap_or(0.0) {
                        "refunded".into()
                    } else {
                        "partial".into()
                    }
                } else if b(raw, "refunded") == Some(true) {
                    "refunded".into()
                } else if refunded > 0.0 {
                    "partial".into()
                } else {
                    "paid".into()
                }
            }
            Some("PARTIAL_CHARGED") => "partial".into(),
            Some("AUTO_REFUNDED") => "refunded".into(),
            Some("VOIDED") => "voided".into(),
            other => verbatim(other.map(str::to_string)),
        },
        _ => "<unknown provider>".into(),
    }
}
