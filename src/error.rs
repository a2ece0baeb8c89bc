//! Errors: every failure is a value with a stable [`ErrorCode`], a one-line message that says what
//! to fix, and a JSON path (`$.amount`, `$.data[3].created`) where one applies (docs/mapping.md#errors).

use std::fmt;

/// The stable error codes of docs/mapping.md#errors. Their `as_str` form is what JavaScript sees as
/// `error.code`; it never changes between versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The text is not JSON (the message gives line and column).
    InvalidJson,
    /// The input is not a string, bytes or a JSON-compatible value, or an option is malformed.
    InvalidInput,
    /// Unknown provider name (the message lists the valid ones).
    UnsupportedProvider,
    /// The provider has no such resource (the message lists what it has).
    UnsupportedResource,
    /// Valid JSON but not an object of the expected shape: top level not an object, `id` missing,
    /// or a field of the wrong type.
    InvalidPayload,
    /// The payload says it is something else (a Stripe `object: "customer"` sent as `payments`).
    MismatchedPayload,
    /// `"auto"` was asked and no provider/resource could be told apart.
    Undetectable,
    /// The input is longer than `Options::max_input_bytes` (default
    /// [`crate::DEFAULT_MAX_INPUT_BYTES`], 16 MiB of UTF-8); the message names the limit, the
    /// input's size and the option that raises it. Checked before anything is parsed.
    InputTooLarge,
    /// A bug in paynorm, never the caller's input: the JavaScript entries throw it when the
    /// WebAssembly instance traps (the instance is then replaced by a fresh one). The Rust core
    /// never returns it.
    InternalError,
    // Webhook verification (docs/webhooks.md), kept together at the end.
    /// No signature header (docs/webhooks.md).
    SignatureMissing,
    /// The signature header is present but unreadable: no `t`, no `v1`, not Basic.
    SignatureMalformed,
    /// No signature matches the body under any of the secrets.
    SignatureMismatch,
    /// Stripe's signed timestamp is further from `now` than the tolerance (message gives the age).
    TimestampOutsideTolerance,
    /// A signature scheme paynorm does not verify (Juspay JWT webhooks).
    UnsupportedSignatureScheme,
}

impl ErrorCode {
    /// Every code, in documented order.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::InvalidJson,
        ErrorCode::InvalidInput,
        ErrorCode::UnsupportedProvider,
        ErrorCode::UnsupportedResource,
        ErrorCode::InvalidPayload,
        ErrorCode::MismatchedPayload,
        ErrorCode::Undetectable,
        ErrorCode::InputTooLarge,
        ErrorCode::InternalError,
        ErrorCode::SignatureMissing,
        ErrorCode::SignatureMalformed,
        ErrorCode::SignatureMismatch,
        ErrorCode::TimestampOutsideTolerance,
        ErrorCode::UnsupportedSignatureScheme,
    ];

    /// The stable snake_case name (`"invalid_json"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::UnsupportedProvider => "unsupported_provider",
            ErrorCode::UnsupportedResource => "unsupported_resource",
            ErrorCode::InvalidPayload => "invalid_payload",
            ErrorCode::MismatchedPayload => "mismatched_payload",
            ErrorCode::Undetectable => "undetectable",
            ErrorCode::InputTooLarge => "input_too_large",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::SignatureMissing => "signature_missing",
            ErrorCode::SignatureMalformed => "signature_malformed",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::TimestampOutsideTolerance => "timestamp_outside_tolerance",
            ErrorCode::UnsupportedSignatureScheme => "unsupported_signature_scheme",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalization failure.
///
/// `message` is one line and says what to fix; `path` is a JSONPath-style location in the input
/// (`$`, `$.amount`, `$.data[3].created`) when the failure is about one place of the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable, one line, names what to fix.
    pub message: String,
    /// Where in the input, when one place is to blame.
    pub path: Option<String>,
}

impl Error {
    /// An error without a path.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: one_line(&message.into()),
            path: None,
        }
    }

    /// An error at a JSON path; the message is prefixed with the path so it reads on its own.
    pub fn at(code: ErrorCode, path: impl Into<String>, message: impl fmt::Display) -> Self {
        let path = path.into();
        Error {
            code,
            message: one_line(&format!("{path}: {message}")),
            path: Some(path),
        }
    }

    /// `invalid_payload` at `path`.
    pub fn payload(path: impl Into<String>, message: impl fmt::Display) -> Self {
        Error::at(ErrorCode::InvalidPayload, path, message)
    }

    /// `mismatched_payload` for the whole object at `path`.
    pub fn mismatched(path: impl Into<String>, message: impl fmt::Display) -> Self {
        Error::at(ErrorCode::MismatchedPayload, path, message)
    }

    /// Re-roots a path relative to an object (`$.amount`) under `prefix` (`$.data[3]`), so errors
    /// from a list item name the item. The message prefix is rewritten to match.
    pub fn within(mut self, prefix: &str) -> Self {
        if let Some(path) = self.path.take() {
            let rest = path.strip_prefix('$').unwrap_or(&path);
            let new_path = format!("{prefix}{rest}");
            if let Some(msg) = self.message.strip_prefix(&path) {
                self.message = one_line(&format!("{new_path}{msg}"));
            }
            self.path = Some(new_path);
        }
        self
    }

    /// Maps a serde_json error met while reading a raw provider type from `text` (one JSON
    /// value's text) into `invalid_payload`, with the JSON path of the offending field (found
    /// from serde's line and column) and a message in JSON terms
    /// (`$.amount: expected integer, found string "5000"`).
    pub(crate) fn from_json(err: serde_json::Error, text: &str) -> Self {
        if err.is_syntax() || err.is_eof() {
            return Error::new(
                ErrorCode::InvalidJson,
                format!("input is not valid JSON: {err}"),
            );
        }
        let offset = crate::jsonpath::offset_of(text, err.line(), err.column());
        let (value_path, container_path) = crate::jsonpath::path_at(text, offset);
        let full = err.to_string();
        let inner = match full.rfind(" at line ") {
            Some(i) => &full[..i], // ok: rfind returns a char boundary
            None => full.as_str(),
        };
        // serde names the object that lacks a field; the path should name the field itself.
        let path = match inner
            .strip_prefix("missing field `")
            .and_then(|f| f.split('`').next())
        {
            Some(field) => {
                let mut p = container_path;
                push_key(&mut p, field);
                p
            }
            None => value_path,
        };
        if inner.starts_with(crate::providers::TOO_MANY_ITEMS) {
            return Error::at(ErrorCode::InputTooLarge, too_many_at(text, offset), inner);
        }
        Error::payload(path, describe_serde(inner))
    }
}

/// The path of the first list item over [`crate::MAX_LIST_ITEMS`], from where serde_json stopped
/// after it: on the list's closing `]` (the item was the last) or just after the `,` that follows
/// it.
fn too_many_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut at = offset.min(bytes.len().saturating_sub(1));
    while at > 0 && bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at -= 1;
    }
    let (value, container) = crate::jsonpath::path_at(text, at);
    if bytes.get(at) == Some(&b']') {
        format!("{container}[{}]", crate::MAX_LIST_ITEMS)
    } else {
        value
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// How many characters of one quoted piece of input text (`"..."` or `` `...` ``) a message
/// echoes; longer pieces are cut there and end in `…`.
pub const ECHO_MAX_CHARS: usize = 64;

/// The longest message, in characters (a longer one is cut there and ends in `…`).
pub const MESSAGE_MAX_CHARS: usize = 512;

/// Makes a message safe to log (issue 11, point 4): one line, every control character
/// (C0, DEL, C1, U+2028, U+2029) escaped as in JSON (`\n`, `\u0000`), each quoted piece of
/// text cut after [`ECHO_MAX_CHARS`] characters and the whole after [`MESSAGE_MAX_CHARS`].
/// Every [`Error`] constructor runs its message through this, so no provider has to. Applying it
/// twice changes nothing.
pub fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_MAX_CHARS + 8)); // ok: capped

    // Characters written so far (escapes count as what they write).
    let mut written = 0usize;
    let mut rest = message;
    'outer: while let Some(c) = rest.chars().next() {
        if written >= MESSAGE_MAX_CHARS {
            out.push('…');
            break;
        }
        rest = &rest[c.len_utf8()..]; // ok: c is the first char of rest
        written += push_escaped(&mut out, c);
        if c != '"' && c != '`' {
            continue;
        }
        // A quoted piece: up to the closing quote (or the end).
        let (piece, after) = match rest.find(c) {
            Some(i) => (&rest[..i], Some(&rest[i..])), // ok: find gives a char boundary
            None => (rest, None),
        };
        let count = piece.chars().count();
        for (n, p) in piece.chars().enumerate() {
            if count > ECHO_MAX_CHARS + 1 && n == ECHO_MAX_CHARS {
                out.push('…');
                written += 1;
                break;
            }
            if written >= MESSAGE_MAX_CHARS {
                out.push('…');
                break 'outer;
            }
            written += push_escaped(&mut out, p);
        }
        match after {
            Some(after) => {
                out.push(c);
                written += 1;
                rest = &after[c.len_utf8()..]; // ok: after starts with c
            }
            None => rest = "",
        }
    }
    out
}

/// Pushes `c`, escaped when it is a control character or a line / paragraph separator; returns
/// how many characters it wrote.
fn push_escaped(out: &mut String, c: char) -> usize {
    use std::fmt::Write;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
            return 6;
        }
        c => {
            out.push(c);
            return 1;
        }
    }
    2
}

/// Appends `.key`, or `["key"]` when the key is not a plain identifier (Razorpay's
/// `"created_at "` with a trailing space must stay tellable apart from `created_at`).
pub(crate) fn push_key(out: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        out.push('.');
        out.push_str(key);
    } else {
        out.push_str("[\"");
        out.push_str(&key.replace('\\', "\\\\").replace('"', "\\\""));
        out.push_str("\"]");
    }
}

/// Rewrites serde's wording (`invalid type: string "x", expected i64`) in JSON's vocabulary
/// (`expected integer, found string "x"`). Anything else passes through.
fn describe_serde(msg: &str) -> String {
    // With `arbitrary_precision`, a fraction or an out-of-range number where an integer belongs
    // is reported by serde_json only as "invalid number".
    if msg == "invalid number" || msg.starts_with("invalid number at") {
        return "expected integer, found a non-integer or out-of-range number".to_string();
    }
    let Some(rest) = msg.strip_prefix("invalid type: ") else {
        if let Some(field) = msg.strip_prefix("missing field `") {
            let field = field.split('`').next().unwrap_or(field);
            return format!("required field `{field}` is missing");
        }
        return msg.to_string();
    };
    let (found, expected) = match rest.rsplit_once(", expected ") {
        Some(parts) => parts,
        None => return msg.to_string(),
    };
    format!(
        "expected {}, found {}",
        json_kind(expected),
        json_found(found)
    )
}

fn json_found(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        Some((k, v)) => (k, Some(v)),
        None => (found, None),
    };
    let word = match kind {
        "string" => "string",
        "integer" => "integer",
        "floating" => "number",
        "boolean" => "boolean",
        "map" => "object",
        "sequence" => "array",
        "null" => "null",
        "unit" => "null",
        other => other,
    };
    match (word, value) {
        ("number", Some(v)) => format!("number {}", v.trim_start_matches("point ")),
        (w, Some(v)) if w == "string" || w == "integer" || w == "boolean" => format!("{w} {v}"),
        (w, _) => w.to_string(),
    }
}

fn json_kind(expected: &str) -> &str {
    let e = expected.trim();
    if e.starts_with('i') || e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        return "integer";
    }
    match e {
        "a string" | "a borrowed string" | "a string or null" => "string",
        "a boolean" | "bool" => "boolean",
        "a sequence" => "array",
        "a map" => "object",
        "f64" | "f32" => "number",
        _ if e.starts_with("struct ") || e.contains("map") || e.contains("object") => "object",
        _ if e.contains("integer") => "integer",
        _ if e.contains("number") => "number",
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_read_in_json_terms() {
        assert_eq!(
            describe_serde("invalid type: string \"5000\", expected i64"),
            "expected integer, found string \"5000\""
        );
        assert_eq!(
            describe_serde("invalid type: map, expected a string"),
            "expected string, found object"
        );
        assert_eq!(
            describe_serde("invalid type: floating point `1.5`, expected u64"),
            "expected integer, found number `1.5`"
        );
        assert_eq!(
            describe_serde("missing field `id`"),
            "required field `id` is missing"
        );
    }

    #[test]
    fn within_reroots_path_and_message() {
        let e = Error::payload("$.amount", "expected integer, found string").within("$.data[3]");
        assert_eq!(e.path.as_deref(), Some("$.data[3].amount"));
        assert_eq!(
            e.message,
            "$.data[3].amount: expected integer, found string"
        );
        let top = Error::payload("$", "expected an object").within("$.items[0]");
        assert_eq!(top.path.as_deref(), Some("$.items[0]"));
    }

    #[test]
    fn messages_are_one_line_and_bounded() {
        let m = one_line("found \"a\nb\u{2028}c\"");
        assert_eq!(m, "found \"a\\nb\\u2028c\"");
        let long = format!("x: found \"{}\" and more", "z".repeat(1000));
        let m = one_line(&long);
        assert_eq!(m.matches('z').count(), ECHO_MAX_CHARS);
        assert!(m.ends_with("…\" and more"), "{m}");
        assert_eq!(one_line(&m), m, "applying it twice changes nothing");
        // Fuzz finding (normalize_checkout): quotes inside the echoed text and escapes that
        // write six characters each once let a message grow to 995 characters.
        let nasty = format!("$.id: found \"{}\"", "\u{7f}\u{7f}\"ab\n".repeat(400));
        let m = one_line(&nasty);
        assert!(
            m.chars().count() <= MESSAGE_MAX_CHARS + 8,
            "{}",
            m.chars().count()
        );
        assert!(!m.chars().any(char::is_control));
    }

    #[test]
    fn odd_keys_are_bracketed() {
        let mut s = String::from("$");
        push_key(&mut s, "created_at ");
        assert_eq!(s, "$[\"created_at \"]");
    }
}
