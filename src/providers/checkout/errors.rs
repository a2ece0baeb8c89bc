//! Checkout.com error bodies: `{request_id, error_type, error_codes}`
//! (<https://api-reference.checkout.com/#section/Errors>); no human message.

use crate::reader::view::View;
use crate::error::Error;
use crate::webhooks::{lookup, value_str, ErrorParts, ErrorSpec, ErrorType};

/// Checkout.com's error-body declaration.
pub(crate) static ERRORS: ErrorSpec = ErrorSpec {
    type_field: "error_type",
    types: TYPES,
    recognize,
    read,
};

/// `error_type` -> the unified type.
pub(crate) const TYPES: &[(&str, ErrorType)] = &[
    ("request_invalid", ErrorType::InvalidRequest),
    ("request_unprocessable", ErrorType::InvalidRequest),
    ("token_invalid", ErrorType::InvalidRequest),
    ("token_expired", ErrorType::InvalidRequest),
    ("token_used", ErrorType::InvalidRequest),
    ("processing_error", ErrorType::Processing),
    ("resource_not_found", ErrorType::NotFound),
    ("unauthorized", ErrorType::Authentication),
    ("too_many_requests", ErrorType::RateLimit),
    ("internal_server_error", ErrorType::Api),
];

/// A string `error_type` (a `201` decline is a payment: it has `status`, no `error_type`).
fn recognize(map: View<'_, '_>) -> bool {
    map.get("error_type").is_some_and(View::is_string)
}

/// `code` <- `error_codes[0]` (all stay in `remote_data`); `request_id`; type from the status
/// when it says 401 / 403 / 404 / 429 / 5xx, else from `error_type`.
fn read(map: View<'_, '_>, status: Option<u16>) -> Result<ErrorParts, Error> {
    let code = map
        .get("error_codes")
        .and_then(|codes| codes.items().find_map(View::as_str))
        .map(|c| c.into_owned());
    let by_status = match status {
        Some(401 | 403 | 404 | 429) | Some(500..=599) => Some(ErrorType::from_status(status)),
        _ => None,
    };
    let by_type = value_str(map, "error_type").and_then(|t| lookup(TYPES, &t));
    Ok(ErrorParts {
        error_type: by_status.or(by_type),
        code,
        decline_code: None,
        message: None,
        param: None,
        request_id: value_str(map, "request_id"),
    })
}
