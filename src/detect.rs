//! Auto-detection (docs/mapping.md#detection-auto): which provider and resource a payload is, from the
//! providers' own discriminators. Providers are asked in [`crate::Provider::ALL`] order, each
//! with a detector strict enough to keep the known collisions apart: `pay_` (Razorpay and
//! Checkout.com), `object: "customer"` (Stripe and Juspay), `cus_` (Stripe and Checkout.com), and
//! Stripe's own Checkout product (`checkout.session`), which is Stripe, never Checkout.com.

use crate::error::Error;
use crate::providers::{Provider, Resource, REGISTRY};
use serde::Serialize;
use serde_json::Value;

/// What [`detect`] found: `{provider, resource, list}`. `resource` is `None` when the payload
/// names its provider but not which resource it is (an empty list, an unknown Stripe object).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The provider.
    pub provider: Provider,
    /// The resource, when it can be told.
    pub resource: Option<Resource>,
    /// Whether the payload is a list (an envelope or a bare array).
    pub list: bool,
}

/// Detects the provider and resource of a JSON payload. `Ok(None)` when nothing matches;
/// `Err(invalid_json)` when the text is not JSON (or nested deeper than [`crate::MAX_DEPTH`]),
/// `Err(input_too_large)` above [`crate::DEFAULT_MAX_INPUT_BYTES`].
pub fn detect(input: &[u8]) -> Result<Option<Detection>, Error> {
    let value = crate::parse(input, crate::DEFAULT_MAX_INPUT_BYTES)?;
    Ok(detect_value(&value))
}

/// [`detect`] over an already parsed value.
pub fn detect_value(value: &Value) -> Option<Detection> {
    match value {
        Value::Object(map) => REGISTRY.iter().find_map(|p| {
            (p.spec().detect)(map).map(|d| Detection {
                provider: *p,
                resource: d.resource,
                list: d.list,
            })
        }),
        Value::Array(items) => {
            let first = items.iter().find_map(Value::as_object)?;
            REGISTRY.iter().find_map(|p| {
                (p.spec().detect)(first).map(|d| Detection {
                    provider: *p,
                    resource: d.resource,
                    list: true,
                })
            })
        }
        _ => None,
    }
}
