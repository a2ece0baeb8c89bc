//! The unified provider error of docs/webhooks.md and its `type` vocabulary.

use crate::providers::Provider;
use crate::unified::RawJson;
use serde::{Deserialize, Serialize};

/// The unified error `type` vocabulary (docs/webhooks.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The card or payment method was declined or is invalid.
    CardError,
    /// The request was malformed or not allowed in the object's state.
    InvalidRequest,
    /// Missing or wrong API credentials.
    Authentication,
    /// The credentials lack access.
    Permission,
    /// The object does not exist.
    NotFound,
    /// Too many requests.
    RateLimit,
    /// An idempotency key was reused with other parameters.
    Idempotency,
    /// The provider could not process the payment (processing / gateway failure).
    Processing,
    /// The provider's own failure (5xx).
    Api,
    /// No clear mapping.
    Unknown,
}

impl ErrorType {
    /// Whether a request failing with this type (and `status`) may succeed when retried:
    /// `rate_limit`, `api` and 5xx statuses.
    pub fn retryable(self, status: Option<u16>) -> bool {
        matches!(self, ErrorType::RateLimit | ErrorType::Api)
            || status.is_some_and(|s| (500..600).contains(&s))
    }

    /// The type an HTTP status implies when the body does not tell (401 authentication, 403
    /// permission, 404 not_found, 409 idempotency, 429 rate_limit, 5xx api, 402 card_error,
    /// other 4xx invalid_request).
    pub fn from_status(status: Option<u16>) -> ErrorType {
        match status {
            Some(401) => ErrorType::Authentication,
            Some(402) => ErrorType::CardError,
            Some(403) => ErrorType::Permission,
            Some(404) => ErrorType::NotFound,
            Some(409) => ErrorType::Idempotency,
            Some(429) => ErrorType::RateLimit,
            Some(s) if (500..600).contains(&s) => ErrorType::Api,
            Some(s) if (400..500).contains(&s) => ErrorType::InvalidRequest,
            _ => ErrorType::Unknown,
        }
    }
}

/// A provider error response normalized (docs/webhooks.md): `{provider, http_status, type, code,
/// decline_code, message, param, request_id, retryable, remote_data}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderError {
    /// The provider.
    pub provider: Provider,
    /// The HTTP status, when the caller passed it (`options.status`).
    pub http_status: Option<u16>,
    /// The unified error type.
    #[serde(rename = "type")]
    pub error_type: ErrorType,
    /// The provider's error code (Stripe `error.code`, Razorpay `error.reason` else `error.code`,
    /// Checkout.com `error_codes[0]`, Juspay `error_code`).
    pub code: Option<String>,
    /// Stripe `error.decline_code`.
    pub decline_code: Option<String>,
    /// The provider's human text (Checkout.com sends none: `null`).
    pub message: Option<String>,
    /// The offending parameter (Stripe `error.param`, Razorpay `error.field`).
    pub param: Option<String>,
    /// Checkout.com `request_id`, else `null`.
    pub request_id: Option<String>,
    /// True for `rate_limit`, `api` and 5xx statuses.
    pub retryable: bool,
    /// The raw body exactly as given; absent when `remote_data: false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<serde_json::Value>"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub remote_data: Option<RawJson>,
}

/// What a provider's error declaration reads from a body; [`ProviderError`] is built from it.
#[derive(Debug, Default)]
pub(crate) struct ErrorParts {
    pub error_type: Option<ErrorType>,
    pub code: Option<String>,
    pub decline_code: Option<String>,
    pub message: Option<String>,
    pub param: Option<String>,
    pub request_id: Option<String>,
}
