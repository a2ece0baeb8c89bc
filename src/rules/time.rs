//! Time (docs/mapping.md#time): every timestamp comes out RFC 3339 in UTC with a `Z`, seconds
//! precision, plus milliseconds only when the source has a fraction of at least a millisecond:
//! `1700000000` -> `"2023-11-14T22:13:20Z"`, `2023-05-24T09:12:27.4695512Z` ->
//! `"2023-05-24T09:12:27.469Z"` (truncated, never rounded into the next second),
//! `2023-05-24T14:42:32+05:30` -> `"2023-05-24T09:12:32Z"`.

use crate::error::Error;
use chrono::{DateTime, SecondsFormat, Utc};

/// Formats a UTC instant per the rule above.
pub fn format(t: DateTime<Utc>) -> String {
    let fmt = if t.timestamp_subsec_millis() == 0 {
        SecondsFormat::Secs
    } else {
        SecondsFormat::Millis
    };
    t.to_rfc3339_opts(fmt, true)
}

/// The first and last instants RFC 3339 can write: its `date-fullyear` is exactly four digits,
/// so years 0000 to 9999 (unix seconds -62167219200 to 253402300799).
pub const UNIX_RANGE: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

/// [`format`] for an instant RFC 3339 can write (years 0000-9999), else `Err` with a reason.
fn format_in_range(t: DateTime<Utc>) -> Result<String, String> {
    if UNIX_RANGE.contains(&t.timestamp()) {
        Ok(format(t))
    } else {
        // Not `t.format(..)`: chrono's strftime machinery would add ~30 KB to the wasm.
        Err(format!(
            "{} is outside years 0000-9999, which RFC 3339 cannot write",
            t.to_rfc3339_opts(SecondsFormat::Secs, true)
        ))
    }
}

/// Unix seconds (Stripe `created`, Razorpay `created_at`) to RFC 3339 UTC; `Err` with a reason
/// outside years 0000-9999 ([`UNIX_RANGE`]).
pub fn from_unix(secs: i64) -> Result<String, String> {
    if !UNIX_RANGE.contains(&secs) {
        return Err(format!(
            "unix timestamp {secs} is outside years 0000-9999 (RFC 3339 writes four-digit years)"
        ));
    }
    DateTime::from_timestamp(secs, 0)
        .map(format)
        .ok_or_else(|| format!("unix timestamp {secs} is out of range"))
}

/// A textual timestamp to RFC 3339 UTC. Accepts RFC 3339 (`2023-05-24T14:42:32+05:30`, any
/// fraction), ISO 8601 with a colon-less offset (`2016-08-02T08:07:52+0000`, Juspay) and a string
/// of digits as unix seconds (`"1644071838"`, Juspay).
pub fn from_text(text: &str) -> Result<String, String> {
    let s = text.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = s
            .parse()
            .map_err(|_| format!("unix timestamp \"{s}\" is out of range"))?;
        return from_unix(secs);
    }
    DateTime::parse_from_rfc3339(s)
        .or_else(|e| match colon_offset(s) {
            Some(fixed) => DateTime::parse_from_rfc3339(&fixed),
            None => Err(e),
        })
        .map_err(|_| format!("expected an RFC 3339 timestamp, found \"{text}\""))
        .and_then(|t| format_in_range(t.with_timezone(&Utc)))
}

/// `2016-08-02T08:07:52+0000` -> `2016-08-02T08:07:52+00:00`: ISO 8601's basic-format offset
/// (Juspay) rewritten as RFC 3339's, so one parser reads both (chrono's strftime parser would
/// add ~30 KB to the wasm for this one case).
fn colon_offset(s: &str) -> Option<String> {
    let split = s.len().checked_sub(5)?;
    let (head, offset) = (s.get(..split)?, s.get(split..)?);
    let mut chars = offset.chars();
    let sign = chars.next()?;
    let digits = chars.as_str();
    if (sign == '+' || sign == '-')
        && digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        Some(format!(
            "{head}{sign}{}:{}",
            digits.get(..2)?,
            digits.get(2..)?
        ))
    } else {
        None
    }
}

/// [`from_unix`] for an optional field, with the error at `path`.
pub fn unix_field(path: &str, secs: Option<i64>) -> Result<Option<String>, Error> {
    unix_field_at(|| path.to_owned(), secs)
}

/// [`unix_field`] whose error path is made by `path` only when there is an error (a list's
/// items would otherwise format `$.data[i].created` for every item).
pub fn unix_field_at(
    path: impl FnOnce() -> String,
    secs: Option<i64>,
) -> Result<Option<String>, Error> {
    secs.map(from_unix)
        .transpose()
        .map_err(|m| Error::payload(path(), m))
}

/// [`from_text`] for an optional field, with the error at `path`; an empty string is `null`.
pub fn text_field(path: &str, text: Option<&str>) -> Result<Option<String>, Error> {
    match text {
        Some(t) if !t.trim().is_empty() => {
            from_text(t).map(Some).map_err(|m| Error::payload(path, m))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        assert_eq!(from_unix(1_700_000_000).unwrap(), "2023-11-14T22:13:20Z");
        assert_eq!(
            from_text("2023-05-24T09:12:27.4695512Z").unwrap(),
            "2023-05-24T09:12:27.469Z"
        );
        assert_eq!(
            from_text("2023-05-24T14:42:32+05:30").unwrap(),
            "2023-05-24T09:12:32Z"
        );
    }

    #[test]
    fn provider_variants() {
        assert_eq!(
            from_text("2016-08-02T08:07:52+0000").unwrap(),
            "2016-08-02T08:07:52Z"
        );
        assert_eq!(from_text("1644071838").unwrap(), "2022-02-05T14:37:18Z");
        assert_eq!(
            from_text("2019-03-01T08:38:44Z").unwrap(),
            "2019-03-01T08:38:44Z"
        );
        assert_eq!(
            from_text("2019-03-01T08:38:44.000Z").unwrap(),
            "2019-03-01T08:38:44Z"
        );
        assert_eq!(
            from_text("2019-03-01T08:38:44.999999Z").unwrap(),
            "2019-03-01T08:38:44.999Z"
        );
    }

    #[test]
    fn years_outside_0000_9999_are_errors() {
        // D6: 253402300800 is 10000-01-01T00:00:00Z, which RFC 3339 cannot write.
        assert_eq!(from_unix(253_402_300_799).unwrap(), "9999-12-31T23:59:59Z");
        assert!(from_unix(253_402_300_800)
            .unwrap_err()
            .contains("outside years 0000-9999"));
        assert_eq!(from_unix(-62_167_219_200).unwrap(), "0000-01-01T00:00:00Z");
        assert!(from_unix(-62_167_219_201).is_err());
        // An offset can move a four-digit local time out of range in UTC.
        assert!(from_text("0000-01-01T00:30:00+01:00").is_err());
        assert!(from_text("9999-12-31T23:30:00-01:00").is_err());
        assert_eq!(
            from_text("9999-12-31T23:30:00+01:00").unwrap(),
            "9999-12-31T22:30:00Z"
        );
        let e = unix_field("$.created", Some(253_402_300_800)).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.created"));
    }

    #[test]
    fn errors_name_the_path() {
        assert!(from_text("yesterday").is_err());
        assert!(from_unix(i64::MAX).is_err());
        assert!(from_text("99999999999999999999999").is_err());
        let e = text_field("$.date_created", Some("nope")).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.date_created"));
        assert_eq!(text_field("$.x", Some("")).unwrap(), None);
        assert_eq!(unix_field("$.x", None).unwrap(), None);
    }
}
