//! Options of a normalize call (README.md "API").

use crate::error::{Error, ErrorCode};
use crate::providers::{Paging, Resource};
use crate::unified::{Customer, CustomerRef, Order, Payment, PaymentMethod};
use serde::Deserialize;
use serde_json::Value;

/// Options of a normalize call. From JavaScript: `{ remote_data?: boolean, exclude_fields?:
/// string[], paging?: { skip?: number, count: number }, max_input_bytes?: number }`; unknown keys are an `invalid_input`
/// error so a typo never passes silently.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "NormalizeOptions"))]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Include the raw payload as `remote_data` (for a list, each item's own raw object).
    /// Default `true`.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub remote_data: bool,
    /// Unified field names to drop from JSON output; dotted paths reach into embedded objects
    /// (`customer.phone`, `payment.customer.email`). Unknown names are an `invalid_input` error.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub exclude_fields: Vec<String>,
    /// The request's paging, for list envelopes that do not carry their own (Razorpay
    /// collections: `{skip, count}`); it makes `next_cursor` computable.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub paging: Option<Paging>,
    /// The longest input accepted, in bytes of UTF-8 (a JavaScript string counts its UTF-8
    /// length); a longer one is `input_too_large` before anything is parsed. Default
    /// [`crate::DEFAULT_MAX_INPUT_BYTES`] (16 MiB). Raising it raises what a call may allocate
    /// (README, "Limits").
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub max_input_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            remote_data: true,
            exclude_fields: Vec::new(),
            paging: None,
            max_input_bytes: crate::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

impl Options {
    /// Parses options from JSON text (`{}` or `null` give the defaults). Errors are
    /// `invalid_input` naming the bad key.
    pub fn from_json(text: &str) -> Result<Options, Error> {
        let text = text.trim();
        if text.is_empty() || text == "null" {
            return Ok(Options::default());
        }
        serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorCode::InvalidInput, format!("options: {e}")))
    }

    /// Checks every `exclude_fields` entry names a field of `resource`.
    pub(crate) fn check_exclusions(&self, resource: Resource) -> Result<(), Error> {
        for path in &self.exclude_fields {
            if !is_field(resource, path) {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "exclude_fields: \"{path}\" is not a field of unified {resource}; use one of {}",
                        top_fields(resource).join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Removes the excluded fields from one unified object.
    pub(crate) fn exclude(&self, item: &mut Value) {
        for path in &self.exclude_fields {
            let (parent, last) = match path.rsplit_once('.') {
                Some((parent, last)) => (Some(parent), last),
                None => (None, path.as_str()),
            };
            let target = match parent {
                None => Some(&mut *item),
                Some(parent) => parent
                    .split('.')
                    .try_fold(&mut *item, |cur, key| cur.get_mut(key)),
            };
            if let Some(Value::Object(map)) = target {
                map.shift_remove(last);
            }
        }
    }
}

fn top_fields(resource: Resource) -> Vec<&'static str> {
    let mut f: Vec<&str> = match resource {
        Resource::Customers => Customer::FIELDS.to_vec(),
        Resource::Orders => Order::FIELDS.to_vec(),
        Resource::Payments => Payment::FIELDS.to_vec(),
    };
    f.push("remote_data");
    f
}

fn is_payment_field(path: &str) -> bool {
    match path.split_once('.') {
        None => Payment::FIELDS.contains(&path),
        Some(("customer", rest)) => CustomerRef::FIELDS.contains(&rest),
        Some(("payment_method", rest)) => PaymentMethod::FIELDS.contains(&rest),
        Some(_) => false,
    }
}

fn is_field(resource: Resource, path: &str) -> bool {
    if path == "remote_data" {
        return true;
    }
    match resource {
        Resource::Customers => Customer::FIELDS.contains(&path),
        Resource::Payments => is_payment_field(path),
        Resource::Orders => match path.split_once('.') {
            None => Order::FIELDS.contains(&path),
            Some(("customer", rest)) => CustomerRef::FIELDS.contains(&rest),
            Some(("payment", rest)) => is_payment_field(rest),
            Some(_) => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_parsing() {
        assert_eq!(Options::from_json("").unwrap(), Options::default());
        assert!(Options::default().remote_data);
        let o = Options::from_json(r#"{"remote_data":false,"exclude_fields":["customer.phone"],"paging":{"skip":10,"count":5}}"#).unwrap();
        assert!(!o.remote_data);
        assert_eq!(o.paging, Some(Paging { skip: 10, count: 5 }));
        assert_eq!(o.max_input_bytes, crate::DEFAULT_MAX_INPUT_BYTES);
        let o = Options::from_json(r#"{"max_input_bytes":52428800}"#).unwrap();
        assert_eq!(o.max_input_bytes, 52_428_800);
        let e = Options::from_json(r#"{"max_input_bytes":-1}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        let e = Options::from_json(r#"{"remote_dta":false}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("remote_dta"), "{}", e.message);
    }

    #[test]
    fn exclusion_names_are_checked() {
        let o = Options {
            exclude_fields: vec!["customer.phone".into(), "payment.customer.email".into()],
            ..Options::default()
        };
        assert!(o.check_exclusions(Resource::Orders).is_ok());
        assert!(o.check_exclusions(Resource::Customers).is_err());
        let bad = Options {
            exclude_fields: vec!["emial".into()],
            ..Options::default()
        };
        let e = bad.check_exclusions(Resource::Customers).unwrap_err();
        assert!(
            e.message.contains("emial") && e.message.contains("email"),
            "{}",
            e.message
        );
    }

    #[test]
    fn exclusion_removes_nested_keys_only() {
        let o = Options {
            exclude_fields: vec!["customer.phone".into(), "description".into()],
            ..Options::default()
        };
        let mut v = json!({"id": "x", "description": "d", "customer": {"id": "c", "phone": "1"}, "metadata": {"customer": {"phone": "keep"}}});
        o.exclude(&mut v);
        assert_eq!(
            v,
            json!({"id": "x", "customer": {"id": "c"}, "metadata": {"customer": {"phone": "keep"}}})
        );
        let mut null_customer = json!({"id": "x", "customer": null});
        o.exclude(&mut null_customer);
        assert_eq!(null_customer, json!({"id": "x", "customer": null}));
    }
}
