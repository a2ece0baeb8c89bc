//! Juspay error bodies: `{status, error_code, error_message, error_info?}` (Express Checkout
//! "Common Error Codes": <https://docs.juspay.io/ec-api-global/docs/order--payment-api-integration/card-transaction-api>)
//! and the mandate API's `{code, type, message, user_message, session_id}`.

use crate::reader::view::View;
use crate::error::Error;
use crate::webhooks::{lookup, value_str, ErrorParts, ErrorSpec, ErrorType};

/// Juspay's error-body declaration.
pub(crate) static ERRORS: ErrorSpec = ErrorSpec {
    type_field: "status / type (lower case)",
    types: TYPES,
    recognize,
    read,
};

/// `status` / `type` words -> the unified type (compared case-insensitively).
pub(crate) const TYPES: &[(&str, ErrorType)] = &[
    ("invalid request", ErrorType::InvalidRequest),
    ("invalid_request_error", ErrorType::InvalidRequest),
    ("authentication_error", ErrorType::Authentication),
    ("access_denied", ErrorType::Authentication),
];

/// `error_code` values that tell the type on their own.
const CODES: &[(&str, ErrorType)] = &[
    ("bad_origin", ErrorType::Permission),
    ("access_denied", ErrorType::Authentication),
    ("unique", ErrorType::InvalidRequest),
];

/// `error_code` or `error_message` at the top level, or the mandate API's `user_message` with
/// `code`.
fn recognize(map: View<'_, '_>) -> bool {
    map.contains_key("error_code")
        || map.contains_key("error_message")
        || (map.contains_key("user_message") && map.contains_key("code"))
}

/// `code` <- `error_code`, else `code`; `message` <- `error_message`, else `message`;
/// `param` <- `error_info.fields[0].field_name`; `request_id` is `null` (docs/webhooks.md:
/// Checkout.com's only; Juspay's `juspay_request_id` stays in `remote_data`); type from
/// the status when it says 401 / 403 / 404 / 429 / 5xx, else `error_code`, else `status` /
/// `type`.
fn read(map: View<'_, '_>, status: Option<u16>) -> Result<ErrorParts, Error> {
    let code = value_str(map, "error_code").or_else(|| value_str(map, "code"));
    let by_status = match status {
        Some(401 | 403 | 404 | 429) | Some(500..=599) => Some(ErrorType::from_status(status)),
        _ => None,
    };
    let by_code = code.as_deref().and_then(|c| lookup(CODES, c));
    let by_word = value_str(map, "status")
        .or_else(|| value_str(map, "type"))
        .and_then(|w| lookup(TYPES, &w.to_ascii_lowercase()));
    let param = map
        .get("error_info")
        .and_then(|i| i.get("fields"))
        .and_then(|f| f.items().next())
        .and_then(|f| f.get("field_name"))
        .and_then(View::as_str)
        .map(|p| p.into_owned());
    Ok(ErrorParts {
        error_type: by_status.or(by_code).or(by_word),
        code,
        decline_code: None,
        message: value_str(map, "error_message").or_else(|| value_str(map, "message")),
        param,
        request_id: None,
    })
}
