//! The limits pass (docs/mapping.md#limits-and-leniency, issue 11): one linear, non-recursive pass over the input
//! text that enforces what must hold whatever the provider and whether or not a field is read.
//! The tape (`src/reader/tape.rs`) enforces the same limits as it reads; this pass words the
//! error when the tape refuses an input, reads every input in the careful mode tests compare the
//! tape with, and checks the text `detect` / `explain` parse into a value:
//!
//! - nesting: arrays and objects together at most [`MAX_DEPTH`] (128) levels deep, else
//!   `invalid_json` "nested deeper than 128 levels" with the path, line and column (so every
//!   result survives `JSON.stringify` and `structuredClone`);
//! - strings: an escaped lone UTF-16 surrogate (`"\ud800"` without its pair) is `invalid_json`
//!   with the path, line and column, in read and unread fields alike (I-JSON, RFC 7493 section
//!   2.1: such text cannot be written back as UTF-8, and serde_json could not read the output);
//! - numbers: a number beyond the range of a double (`1e400`, which JavaScript reads as
//!   `Infinity`) is recorded for an `invalid_payload` error at its path, reported after the syntax
//!   check so that broken JSON is still `invalid_json` first;
//! - `-0` written as an integer is recorded so that the mapping can read it as `0`.
//!
//! The pass allocates nothing unless it reports an error.

use crate::error::{Error, ErrorCode};

/// The deepest nesting accepted, arrays and objects together (docs/mapping.md#limits-and-leniency).
pub const MAX_DEPTH: usize = 128;

/// What the pass found that is not an error by itself.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Byte offset of the first number beyond the range of a double, if any.
    pub out_of_range: Option<usize>,
    /// Whether some number is written `-0` (an integer minus zero).
    pub neg_zero: bool,
}

impl Scan {
    /// The `invalid_payload` error for the first out-of-range number, if any.
    pub(crate) fn number_error(&self, text: &str) -> Option<Error> {
        let at = self.out_of_range?;
        let token = number_at(text.as_bytes(), at);
        let number = text.get(at..at + token).unwrap_or("");
        let (path, _) = crate::jsonpath::path_at(text, at);
        Some(Error::payload(
            path,
            format!(
                "number `{number}` is beyond the range of a double (about 1.8e308); JavaScript would read it as Infinity, so paynorm refuses it"
            ),
        ))
    }
}

/// Runs the pass over `text` (already valid UTF-8). Errors: `invalid_json` for nesting deeper
/// than [`MAX_DEPTH`] or an escaped lone surrogate, each with path, line and column.
pub(crate) fn scan(text: &str) -> Result<Scan, Error> {
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = skip_string(text, i + 1)?;
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(positioned(
                        text,
                        i,
                        format_args!("nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                let len = number_at(bytes, i);
                let token = bytes.get(i..i + len).unwrap_or(&[]);
                if token == b"-0" {
                    found.neg_zero = true;
                } else if found.out_of_range.is_none()
                    && (len > 300 || token.iter().any(|&c| c == b'e' || c == b'E'))
                    && out_of_range(token)
                {
                    found.out_of_range = Some(i);
                }
                i += len.max(1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(found)
}

/// `text` with every member whose key appears again later in the same object written as spaces,
/// comma included (same length, so every offset, path and `remote_data` slice still matches the
/// input), or `None` when no object repeats a key. The mapping reads this copy when a read
/// failed on a repeated key's earlier value, so that the last occurrence wins for every
/// provider and every reader, as in `JSON.parse` (docs/mapping.md#limits-and-leniency). `text`
/// must be valid JSON (it is only called after the validating pass); keys are compared
/// unescaped.
pub(crate) fn without_repeated_keys(text: &str) -> Option<String> {
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0usize;
    value(text, &mut i, &mut out, 0);
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

fn ws_at(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// Past the string whose quote is at `i` (valid JSON: no checks).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Walks the value at `*i` (moving `*i` past it), blanking the earlier members of repeated keys
/// into `out` (a copy of `text` made on the first one).
fn value(text: &str, i: &mut usize, out: &mut Option<Vec<u8>>, depth: usize) {
    let b = text.as_bytes();
    *i = ws_at(b, *i);
    match b.get(*i) {
        Some(b'"') => *i = string_end(b, *i),
        Some(b'[') => {
            *i += 1;
            loop {
                *i = ws_at(b, *i);
                match b.get(*i) {
                    Some(b']') | None => break,
                    Some(b',') => *i += 1,
                    Some(_) if depth < MAX_DEPTH => value(text, i, out, depth + 1),
                    Some(_) => break,
                }
            }
            *i += 1;
        }
        Some(b'{') => {
            *i += 1;
            // (key, member start, end of the member's value) of each member, in order.
            let mut members: Vec<(std::borrow::Cow<'_, str>, usize, usize)> = Vec::new();
            loop {
                *i = ws_at(b, *i);
                match b.get(*i) {
                    Some(b'}') | None => break,
                    Some(b',') => *i += 1,
                    Some(b'"') if depth < MAX_DEPTH => {
                        let start = *i;
                        let key_end = string_end(b, start);
                        let raw = text.get(start..key_end).unwrap_or("\"\"");
                        let key = if raw.contains('\\') {
                            serde_json::from_str::<String>(raw)
                                .map_or(std::borrow::Cow::Borrowed(raw), std::borrow::Cow::Owned)
                        } else {
                            std::borrow::Cow::Borrowed(raw.get(1..raw.len() - 1).unwrap_or(""))
                        };
                        *i = ws_at(b, key_end) + 1; // past the colon
                        value(text, i, out, depth + 1);
                        members.push((key, start, *i));
                    }
                    Some(_) => break,
                }
            }
            *i += 1;
            if members.len() > 1 {
                let mut order: Vec<usize> = (0..members.len()).collect();
                order.sort_by(|&x, &y| members[x].0.cmp(&members[y].0).then(x.cmp(&y)));
                for pair in order.windows(2) {
                    let (earlier, later) = (pair[0], pair[1]);
                    if members[earlier].0 == members[later].0 {
                        // An earlier member always has a later one after it, so a comma follows.
                        let (start, value_end) = (members[earlier].1, members[earlier].2);
                        let comma = ws_at(b, value_end);
                        let end = if b.get(comma) == Some(&b',') {
                            comma + 1
                        } else {
                            value_end
                        };
                        let copy = out.get_or_insert_with(|| b.to_vec());
                        for byte in copy.iter_mut().take(end).skip(start) {
                            // Spaces keep the length; a multi-byte character in a blanked
                            // string becomes spaces too (still valid UTF-8).
                            *byte = b' ';
                        }
                    }
                }
            }
        }
        Some(_) => {
            while let Some(&c) = b.get(*i) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    break;
                }
                *i += 1;
            }
        }
        None => {}
    }
}

/// `text` with every integer `-0` outside strings written ` 0` (same length): the copy the
/// mapping reads when [`Scan::neg_zero`] is set.
pub(crate) fn minus_zero_as_zero(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    out.extend_from_slice(bytes);
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                // Strings were checked by `scan`; only their end matters here.
                let mut j = i + 1;
                while let Some(&c) = bytes.get(j) {
                    match c {
                        b'\\' => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                i = j + 1;
            }
            b'-' | b'0'..=b'9' => {
                let len = number_at(bytes, i);
                if bytes.get(i..i + len) == Some(&b"-0"[..]) {
                    if let Some(minus) = out.get_mut(i) {
                        *minus = b' ';
                    }
                }
                i += len.max(1);
            }
            _ => i += 1,
        }
    }
    // Only an ASCII byte was replaced by another: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The length of the number-like token at `at` (the bytes a JSON number may contain).
fn number_at(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
        .count()
}

/// Whether a number token's magnitude is beyond a double's (it parses to infinity). A token that
/// is not a number is left to the syntax check.
pub(crate) fn out_of_range(token: &[u8]) -> bool {
    std::str::from_utf8(token)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .is_some_and(f64::is_infinite)
}

/// Skips a string's contents from `start` (just after its opening quote) and returns the offset
/// after its closing quote (or the end, for the syntax check to report). Escaped surrogates must
/// come in pairs.
fn skip_string(text: &str, start: usize) -> Result<usize, Error> {
    let bytes = text.as_bytes();
    let mut j = start;
    loop {
        // The next quote or backslash (memchr: several bytes at a time).
        j = match bytes
            .get(j..)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        {
            Some(k) => j + k,
            None => return Ok(bytes.len()),
        };
        match bytes.get(j) {
            None => return Ok(bytes.len()),
            Some(b'"') => return Ok(j + 1),
            Some(b'\\') => {
                if bytes.get(j + 1) != Some(&b'u') {
                    j += 2;
                    continue;
                }
                match hex4(bytes, j + 2) {
                    Some(0xD800..=0xDBFF) => {
                        let low = (bytes.get(j + 6) == Some(&b'\\')
                            && bytes.get(j + 7) == Some(&b'u'))
                        .then(|| hex4(bytes, j + 8))
                        .flatten();
                        if !matches!(low, Some(0xDC00..=0xDFFF)) {
                            return Err(lone_surrogate(text, j));
                        }
                        j += 12;
                    }
                    Some(0xDC00..=0xDFFF) => return Err(lone_surrogate(text, j)),
                    _ => j += 6,
                }
            }
            Some(_) => j += 1,
        }
    }
}

/// The value of four hex digits at `at`, if they are four hex digits.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

fn lone_surrogate(text: &str, at: usize) -> Error {
    let escape = text.get(at..at + 6).unwrap_or("\\u?");
    positioned(
        text,
        at,
        format_args!(
            "`{escape}` is a lone UTF-16 surrogate (half of a pair), which paynorm refuses as I-JSON (RFC 7493) does"
        ),
    )
}

/// `invalid_json` at byte `at`: the path of the value there, line and column (1-based, column in
/// bytes as serde_json counts them).
fn positioned(text: &str, at: usize, what: std::fmt::Arguments<'_>) -> Error {
    let before = text.as_bytes().get(..at).unwrap_or(&[]);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    let (path, _) = crate::jsonpath::path_at(text, at);
    let mut e = Error::new(
        ErrorCode::InvalidJson,
        format!(
            "input is not valid JSON: {what} at line {line} column {column}; pass the provider's response body unchanged"
        ),
    );
    e.path = Some(path);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn depth_128_passes_129_fails_with_position() {
        assert!(scan(&nested(128)).is_ok());
        let e = scan(&nested(129)).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(
            e.message
                .contains("nested deeper than 128 levels at line 1 column 129"),
            "{}",
            e.message
        );
        let path = e.path.unwrap();
        assert!(path.starts_with("$[0][0]"), "{path}");
        // Objects count too, and brackets inside strings do not.
        let mut text = String::from("{\"s\":\"[[[[{{{{\",\"a\":");
        text.push_str(&"{\"b\":".repeat(128));
        text.push('1');
        text.push_str(&"}".repeat(129));
        let e = scan(&text).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson);
    }

    #[test]
    fn lone_surrogates_are_refused_pairs_pass() {
        assert!(scan(r#"{"a":"\ud83d\ude00"}"#).is_ok());
        assert!(scan(r#"{"a":"\\ud800"}"#).is_ok()); // an escaped backslash, then text
        for bad in [
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\ud800x"}"#,
            r#"{"a":"\udc00"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            r#"{"\ud800":1}"#,
        ] {
            let e = scan(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidJson, "{bad}");
            assert!(e.message.contains("lone UTF-16 surrogate"), "{}", e.message);
        }
        let e = scan("{\"id\":\"x\",\n \"meta\":{\"k\":\"\\udfff\"}}").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.meta.k"));
        assert!(e.message.contains("line 2 column"), "{}", e.message);
    }

    #[test]
    fn numbers_beyond_double_are_recorded_with_their_path() {
        let text = r#"{"a":1e308,"b":[1,-1E400]}"#;
        let s = scan(text).unwrap();
        let e = s.number_error(text).unwrap();
        assert_eq!(e.code, ErrorCode::InvalidPayload);
        assert_eq!(e.path.as_deref(), Some("$.b[1]"));
        assert!(e.message.contains("`-1E400`"), "{}", e.message);
        let long = format!("[{}]", "9".repeat(400));
        assert!(scan(&long).unwrap().out_of_range.is_some());
        assert_eq!(scan("[1e-400, 1.5e300, 0]").unwrap().out_of_range, None);
    }

    #[test]
    fn repeated_keys_keep_the_last_member() {
        assert_eq!(without_repeated_keys(r#"{"a":1,"b":2}"#), None);
        assert_eq!(without_repeated_keys(r#"[{"a":1},{"a":2}]"#), None);
        let text = r#"{"a":null, "b":[1,{"c":1,"c":"x"}], "\u0061":{"d":2} ,"e":"é","e":3}"#;
        let out = without_repeated_keys(text).unwrap();
        assert_eq!(out.len(), text.len());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v, serde_json::json!({"b":[1,{"c":"x"}],"a":{"d":2},"e":3}));
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"b":[1,{"c":"x"}],"a":{"d":2},"e":3}"#,
            "the later members stay where they were"
        );
    }

    #[test]
    fn minus_zero_is_noticed() {
        assert_eq!(
            minus_zero_as_zero(r#"{"a":-0,"b":"-0","c":[-0.0,-0]}"#),
            r#"{"a": 0,"b":"-0","c":[-0.0, 0]}"#
        );
        assert!(scan(r#"{"a":-0}"#).unwrap().neg_zero);
        assert!(!scan(r#"{"a":-0.0,"b":"-0","c":-01}"#).unwrap().neg_zero);
    }
}
