//! Stripe error bodies: `{"error": {type, code, decline_code, message, param, ...}}`
//! (<https://docs.stripe.com/api/errors>) and OAuth's `{"error": "invalid_grant",
//! "error_description": ...}` (<https://docs.stripe.com/connect/oauth-reference>).

use crate::reader::view::View;
use crate::error::Error;
use crate::webhooks::{lookup, value_str, ErrorParts, ErrorSpec, ErrorType};

/// Stripe's error-body declaration.
pub(crate) static ERRORS: ErrorSpec = ErrorSpec {
    type_field: "error.type",
    types: TYPES,
    recognize,
    read,
};

/// `error.type` -> the unified type (<https://docs.stripe.com/api/errors#errors-type>).
pub(crate) const TYPES: &[(&str, ErrorType)] = &[
    ("card_error", ErrorType::CardError),
    ("invalid_request_error", ErrorType::InvalidRequest),
    ("api_error", ErrorType::Api),
    ("api_connection_error", ErrorType::Api),
    ("authentication_error", ErrorType::Authentication),
    ("permission_error", ErrorType::Permission),
    ("rate_limit_error", ErrorType::RateLimit),
    ("idempotency_error", ErrorType::Idempotency),
];

/// `error.code` values that tell more than `invalid_request_error`.
const CODES: &[(&str, ErrorType)] = &[
    ("resource_missing", ErrorType::NotFound),
    ("rate_limit", ErrorType::RateLimit),
    ("idempotency_key_in_use", ErrorType::Idempotency),
    ("card_declined", ErrorType::CardError),
    ("expired_card", ErrorType::CardError),
    ("incorrect_cvc", ErrorType::CardError),
    ("incorrect_number", ErrorType::CardError),
    ("processing_error", ErrorType::Processing),
];

/// OAuth error codes (all about the authorization grant or the client's credentials).
const OAUTH: &[(&str, ErrorType)] = &[
    ("invalid_grant", ErrorType::Authentication),
    ("invalid_client", ErrorType::Authentication),
    ("invalid_request", ErrorType::InvalidRequest),
    ("invalid_scope", ErrorType::Permission),
    ("unsupported_grant_type", ErrorType::InvalidRequest),
    ("unsupported_response_type", ErrorType::InvalidRequest),
    ("access_denied", ErrorType::Permission),
];

/// `error` is an object without Razorpay's `description`, or OAuth's string `error` with
/// `error_description`.
fn recognize(map: View<'_, '_>) -> bool {
    match map.get("error") {
        Some(e) if e.is_object() => {
            !e.contains_key("description")
                && (e.contains_key("message") || e.contains_key("type") || e.contains_key("code"))
        }
        Some(e) if e.is_string() => map.contains_key("error_description"),
        _ => false,
    }
}

/// Type: the status when it says more than `invalid_request_error` (401 authentication, 403
/// permission, 404 not_found, 409 idempotency, 429 rate_limit, 5xx api), else `error.type`,
/// refined by `error.code`.
fn read(map: View<'_, '_>, status: Option<u16>) -> Result<ErrorParts, Error> {
    let error = match map.get("error") {
        Some(e) if e.is_object() => e,
        Some(e) if e.is_string() => {
            let code = e.as_str().unwrap_or_default();
            return Ok(ErrorParts {
                error_type: lookup(OAUTH, &code).or(Some(ErrorType::Authentication)),
                code: Some(code.into_owned()),
                message: value_str(map, "error_description"),
                ..ErrorParts::default()
            })
        }
        _ => return Ok(ErrorParts::default()),
    };
    let code = value_str(error, "code");
    let by_status = match status {
        Some(401 | 403 | 404 | 409 | 429) | Some(500..=599) => Some(ErrorType::from_status(status)),
        _ => None,
    };
    let by_type = value_str(error, "type").and_then(|t| lookup(TYPES, &t));
    let by_code = code.as_deref().and_then(|c| lookup(CODES, c));
    let error_type = match (by_status, by_type, by_code) {
        (Some(s), _, _) => Some(s),
        (None, Some(ErrorType::InvalidRequest), Some(c)) => Some(c),
        (None, Some(t), _) => Some(t),
        (None, None, Some(c)) => Some(c),
        (None, None, None) => None,
    };
    Ok(ErrorParts {
        error_type,
        code,
        decline_code: value_str(error, "decline_code"),
        message: value_str(error, "message"),
        param: value_str(error, "param"),
        request_id: None,
    })
}
