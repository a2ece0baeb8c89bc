//! Razorpay error bodies: `{"error": {code, description, source, step, reason, metadata,
//! field}}` (<https://razorpay.com/docs/errors/>).

use crate::reader::view::View;
use crate::error::Error;
use crate::webhooks::{lookup, value_str, ErrorParts, ErrorSpec, ErrorType};

/// Razorpay's error-body declaration.
pub(crate) static ERRORS: ErrorSpec = ErrorSpec {
    type_field: "error.code",
    types: TYPES,
    recognize,
    read,
};

/// `error.code` -> the unified type (<https://razorpay.com/docs/errors/#error-codes>).
pub(crate) const TYPES: &[(&str, ErrorType)] = &[
    ("BAD_REQUEST_ERROR", ErrorType::InvalidRequest),
    ("GATEWAY_ERROR", ErrorType::Processing),
    ("SERVER_ERROR", ErrorType::Api),
    ("UNAUTHORISED", ErrorType::Authentication),
    ("UNAUTHORIZED", ErrorType::Authentication),
    ("CARD_DECLINED", ErrorType::CardError),
];

/// `error` is an object with Razorpay's `description` (Stripe's has `message`).
fn recognize(map: View<'_, '_>) -> bool {
    map.get("error")
        .is_some_and(|e| e.is_object() && e.contains_key("description"))
}

/// `code` <- `error.reason` (Razorpay's `"NA"` is none), else `error.code`; `param` <-
/// `error.field`; type from the status when it says 401 / 403 / 404 / 429 / 5xx, else from
/// `error.code`.
fn read(map: View<'_, '_>, status: Option<u16>) -> Result<ErrorParts, Error> {
    let Some(error) = map.get("error").filter(|e| e.is_object()) else {
        return Ok(ErrorParts::default());
    };
    let na = |s: Option<String>| s.filter(|v| v != "NA");
    let code = na(value_str(error, "reason")).or_else(|| na(value_str(error, "code")));
    let by_status = match status {
        Some(401 | 403 | 404 | 429) | Some(500..=599) => Some(ErrorType::from_status(status)),
        _ => None,
    };
    let by_code = value_str(error, "code").and_then(|c| lookup(TYPES, &c));
    Ok(ErrorParts {
        error_type: by_status.or(by_code),
        code,
        decline_code: None,
        message: value_str(error, "description"),
        param: value_str(error, "field"),
        request_id: None,
    })
}
