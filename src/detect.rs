//! Auto-detection (docs/mapping.md#detection-auto): which provider and resource a payload is, from the
//! providers' own discriminators. Providers are asked in [`crate::Provider::ALL`] order, each
//! with a detector strict enough to keep the known collisions apart: `pay_` (Razorpay and
//! Checkout.com), `object: "customer"` (Stripe and Juspay), `cus_` (Stripe and Checkout.com), and
//! Stripe's own Checkout product (`checkout.session`), which is Stripe, never Checkout.com.

use crate::error::Error;
use crate::providers::{Provider, Resource, REGISTRY};
use crate::reader::view::View;
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
    let (text, found) = crate::prepare(input, crate::DEFAULT_MAX_INPUT_BYTES)?;
    // As the mapping reads it (so detection agrees with `normalize`'s "auto").
    let patched = found
        .neg_zero
        .then(|| crate::scan::minus_zero_as_zero(text));
    match detect_text(patched.as_deref().unwrap_or(text)) {
        Ok(found) => Ok(found),
        // Broken JSON: worded as a parse into a value words it.
        Err(_) => crate::parse(input, crate::DEFAULT_MAX_INPUT_BYTES).map(|v| detect_value(&v)),
    }
}

/// [`detect`] over an already parsed value.
pub fn detect_value(value: &Value) -> Option<Detection> {
    detect_text(&value.to_string()).ok().flatten()
}

/// [`detect`] over JSON text (read on its tape): the registry's recognizers in order, on the
/// object, or on the first object of a bare array.
pub(crate) fn detect_text(text: &str) -> serde_json::Result<Option<Detection>> {
    crate::reader::view(text, |value| {
        let (object, list) = if value.is_array() {
            (value.items().find_map(View::as_object)?, true)
        } else {
            (value.as_object()?, false)
        };
        REGISTRY.iter().find_map(|p| {
            (p.spec().detect)(object).map(|d| Detection {
                provider: *p,
                resource: d.resource,
                list: list || d.list,
            })
        })
    })
}
