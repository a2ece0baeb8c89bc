//! Webhook signature schemes (docs/webhooks.md, "Verification"): HMAC-SHA256 over the raw body
//! (Razorpay, Checkout.com), Stripe's `t=..,v1=..` header over `"<t>." + body`, and Basic auth
//! (Juspay). MACs come from RustCrypto `hmac` + `sha2` and are compared with their constant-time
//! `verify_slice`; Basic credentials with `subtle`'s constant-time `ct_eq`.
//!
//! - Stripe: <https://docs.stripe.com/webhooks#verify-manually>
//! - Razorpay: <https://razorpay.com/docs/webhooks/validate-test/>
//! - Checkout.com: <https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks>
//!   (`Cko-Signature`, HMAC-SHA256 of the body with the webhook's signature key)
//! - Juspay: <https://juspay.io/in/docs/api-reference/docs/express-checkout/webhooks>
//!   (Basic authentication with the username and password configured on the dashboard)

use crate::error::{Error, ErrorCode};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// How a provider signs its webhooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Stripe: header `t=<unix s>,v1=<hex>[,v1=..][,v0=..]`, lowercase hex HMAC-SHA256 of
    /// `"<t>." + body`, with a time check.
    StripeV1 {
        /// The header name (`Stripe-Signature`).
        header: &'static str,
    },
    /// Lowercase hex HMAC-SHA256 of the raw body in one header (Razorpay, Checkout.com).
    HmacSha256HexBody {
        /// The header name (`X-Razorpay-Signature`, `Cko-Signature`).
        header: &'static str,
    },
    /// `Authorization: Basic base64(username:password)` (Juspay). A JWT body (`{"JWT": ..}`)
    /// is `unsupported_signature_scheme`.
    BasicAuth {
        /// The header name (`Authorization`).
        header: &'static str,
    },
}

impl Scheme {
    /// The header that carries the signature or credentials.
    pub const fn header(self) -> &'static str {
        match self {
            Scheme::StripeV1 { header }
            | Scheme::HmacSha256HexBody { header }
            | Scheme::BasicAuth { header } => header,
        }
    }

    /// What the secret is: `"key"` (a signing key) or `"basic"` (a username and password).
    pub const fn secret_kind(self) -> &'static str {
        match self {
            Scheme::StripeV1 { .. } | Scheme::HmacSha256HexBody { .. } => "key",
            Scheme::BasicAuth { .. } => "basic",
        }
    }

    /// A short name for messages and docs.
    pub const fn name(self) -> &'static str {
        match self {
            Scheme::StripeV1 { .. } => "stripe-v1 (HMAC-SHA256 of \"<t>.\" + body, hex)",
            Scheme::HmacSha256HexBody { .. } => "HMAC-SHA256 of the raw body, lowercase hex",
            Scheme::BasicAuth { .. } => "HTTP Basic auth (username:password)",
        }
    }
}

/// A webhook secret: a signing key (bytes; a string secret is its UTF-8 bytes) or Basic
/// credentials (Juspay).
#[derive(Clone, PartialEq, Eq)]
pub enum Secret {
    /// An HMAC key (Stripe `whsec_...` as given, Razorpay webhook secret, Checkout.com key).
    Key(Vec<u8>),
    /// Juspay's configured webhook username and password.
    Basic {
        /// The username.
        username: String,
        /// The password.
        password: String,
    },
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a secret.
        match self {
            Secret::Key(k) => write!(f, "Secret::Key({} bytes)", k.len()),
            Secret::Basic { .. } => f.write_str("Secret::Basic(..)"),
        }
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::Key(s.as_bytes().to_vec())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::Key(s.into_bytes())
    }
}

impl From<&[u8]> for Secret {
    fn from(s: &[u8]) -> Self {
        Secret::Key(s.to_vec())
    }
}

/// Looks a header up by name, case-insensitively (the first match).
pub fn header<'h>(headers: &'h [(&str, &str)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// Verifies `body` against `headers` with any of `secrets` under `scheme`; `now` is unix
/// seconds, `tolerance` seconds (0 = no time check; Stripe only).
pub(crate) fn verify(
    scheme: Scheme,
    body: &[u8],
    headers: &[(&str, &str)],
    secrets: &[Secret],
    now: Option<i64>,
    tolerance: u64,
) -> Result<(), Error> {
    if secrets.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "no secret given; pass the webhook signing secret (or several, during a secret roll)",
        ));
    }
    if std::str::from_utf8(body).is_err() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "body is not valid UTF-8; pass the raw request body exactly as received (await request.text() or its bytes)",
        ));
    }
    let name = scheme.header();
    let value = header(headers, name).filter(|v| !v.trim().is_empty());
    let Some(value) = value else {
        return Err(Error::new(
            ErrorCode::SignatureMissing,
            format!(
                "no {name} header; pass the request's headers (or the {name} value) as received"
            ),
        ));
    };
    match scheme {
        Scheme::StripeV1 { .. } => stripe_v1(body, value, secrets, now, tolerance),
        Scheme::HmacSha256HexBody { .. } => {
            let keys = keys(secrets, scheme)?;
            if keys.iter().any(|k| hex_matches(k, &[body], value.trim())) {
                Ok(())
            } else {
                Err(mismatch(name, secrets))
            }
        }
        Scheme::BasicAuth { .. } => basic(body, value, secrets),
    }
}

/// The HMAC keys of `secrets`; Basic credentials or an empty key are `invalid_input`.
fn keys(secrets: &[Secret], scheme: Scheme) -> Result<Vec<&[u8]>, Error> {
    secrets
        .iter()
        .map(|s| match s {
            Secret::Key(k) if k.is_empty() => Err(Error::new(
                ErrorCode::InvalidInput,
                "a secret is empty; pass the webhook signing secret",
            )),
            Secret::Key(k) => Ok(k.as_slice()),
            Secret::Basic { .. } => Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "{{username, password}} is for Juspay's Basic auth; this provider signs with {}: pass the signing secret as a string or bytes",
                    scheme.name()
                ),
            )),
        })
        .collect()
}

/// Whether `candidate` is the lowercase hex HMAC-SHA256 of the concatenated `parts` under `key`
/// (constant-time compare; anything that is not 64 lowercase hex digits never matches).
fn hex_matches(key: &[u8], parts: &[&[u8]], candidate: &str) -> bool {
    mac_of(key, parts).is_some_and(|mac| mac_matches(mac, candidate))
}

/// The keyed MAC state after `parts` (cloned once per candidate signature).
fn mac_of(key: &[u8], parts: &[&[u8]]) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    for p in parts {
        mac.update(p);
    }
    Some(mac)
}

/// Whether `candidate` (64 lowercase hex digits, else never) equals the MAC, in constant time.
fn mac_matches(mac: HmacSha256, candidate: &str) -> bool {
    let lower_hex = candidate.len() == 64
        && candidate
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lower_hex {
        return false;
    }
    match hex::decode(candidate) {
        Ok(expected) => mac.verify_slice(&expected).is_ok(),
        Err(_) => false,
    }
}

/// Lowercase hex HMAC-SHA256 of `message` under `key` (tests, the test-header helper).
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    match HmacSha256::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; kept as a value, never a panic.
        Err(_) => String::new(),
    }
}

fn mismatch(header: &str, secrets: &[Secret]) -> Error {
    let whitespace = secrets.iter().any(|s| match s {
        Secret::Key(k) => {
            k.first().is_some_and(u8::is_ascii_whitespace)
                || k.last().is_some_and(u8::is_ascii_whitespace)
        }
        Secret::Basic { .. } => false,
    });
    let hint = if whitespace {
        " (a secret starts or ends with whitespace: check for a copy-pasted space or newline)"
    } else {
        ""
    };
    Error::new(
        ErrorCode::SignatureMismatch,
        format!("the {header} signature does not match the body; verify the raw body exactly as received (never re-serialized JSON) with this endpoint's webhook secret{hint}"),
    )
}

fn stripe_v1(
    body: &[u8],
    value: &str,
    secrets: &[Secret],
    now: Option<i64>,
    tolerance: u64,
) -> Result<(), Error> {
    let mut t: Option<&str> = None;
    let mut candidates: Vec<&str> = Vec::new();
    for item in value.split(',') {
        let Some((k, v)) = item.trim().split_once('=') else {
            continue;
        };
        match k {
            "t" => t = Some(v),
            "v1" => candidates.push(v),
            _ => {}
        }
    }
    let malformed = |what: &str| {
        Error::new(
            ErrorCode::SignatureMalformed,
            format!("Stripe-Signature header {what}; expected \"t=<unix seconds>,v1=<hex signature>\" as Stripe sends it"),
        )
    };
    let t_text = t.ok_or_else(|| malformed("has no timestamp t="))?;
    let ts: i64 = t_text
        .parse()
        .ok()
        .filter(|_| !t_text.is_empty() && t_text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| malformed("has a timestamp t= that is not unix seconds"))?;
    if candidates.is_empty() {
        return Err(malformed(
            "has no v1 signature (v0 and other schemes are ignored)",
        ));
    }
    let keys = keys(secrets, Scheme::StripeV1 { header: "" })?;
    let prefix = format!("{t_text}.");
    // One MAC per secret over "<t>." + body, compared with every v1 candidate.
    let matched = keys.iter().any(|k| {
        mac_of(k, &[prefix.as_bytes(), body])
            .is_some_and(|mac| candidates.iter().any(|c| mac_matches(mac.clone(), c)))
    });
    if !matched {
        return Err(mismatch("Stripe-Signature", secrets));
    }
    if tolerance > 0 {
        let now = now_or_clock(now)?;
        let age = i128::from(now) - i128::from(ts);
        if age.unsigned_abs() > u128::from(tolerance) {
            let when = if age >= 0 {
                format!("{age} seconds old")
            } else {
                format!("{} seconds in the future", -age)
            };
            return Err(Error::new(
                ErrorCode::TimestampOutsideTolerance,
                format!("the Stripe-Signature timestamp is {when}, outside the tolerance of {tolerance} s; check the server clock, or pass a larger tolerance (0 switches the check off)"),
            ));
        }
    }
    Ok(())
}

/// `now`, else the system clock (native); on wasm32 the binding always passes `now`.
pub(crate) fn now_or_clock(now: Option<i64>) -> Result<i64, Error> {
    if let Some(now) = now {
        return Ok(now);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        if let Ok(d) = SystemTime::now().duration_since(UNIX_EPOCH) {
            return Ok(i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        }
    }
    Err(Error::new(
        ErrorCode::InvalidInput,
        "no clock available; pass options.now (unix seconds)",
    ))
}

fn basic(body: &[u8], value: &str, secrets: &[Secret]) -> Result<(), Error> {
    if is_jwt_body(body) {
        return Err(Error::new(
            ErrorCode::UnsupportedSignatureScheme,
            "this Juspay webhook is a JWT ({\"JWT\": ...}); JWT (JWS RS256) webhooks are not verified yet: configure Basic authentication for the webhook, or verify the JWT with Juspay's SDK",
        ));
    }
    let malformed = |what: &str| {
        Error::new(
            ErrorCode::SignatureMalformed,
            format!("Authorization header {what}; expected \"Basic base64(username:password)\""),
        )
    };
    let value = value.trim();
    let (scheme, encoded) = value
        .split_once(' ')
        .ok_or_else(|| malformed("is not Basic auth"))?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(malformed("is not Basic auth"));
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| malformed("is not valid base64"))?;
    if !decoded.contains(&b':') {
        return Err(malformed("has no ':' between username and password"));
    }
    let mut matched = subtle::Choice::from(0u8);
    for s in secrets {
        let Secret::Basic { username, password } = s else {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "Juspay webhooks use Basic auth: pass the secret as {username, password}",
            ));
        };
        if username.is_empty() && password.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "the Juspay username and password are both empty; pass the credentials configured for the webhook",
            ));
        }
        let expected = format!("{username}:{password}");
        matched |= expected.as_bytes().ct_eq(&decoded);
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::SignatureMismatch,
            "the Authorization credentials do not match; pass the webhook username and password configured on Juspay's dashboard",
        ))
    }
}

/// Whether the body is Juspay's JWT envelope (`{"JWT": "..."}`).
fn is_jwt_body(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    if !text.trim_start().starts_with('{') {
        return false;
    }
    crate::reader::view(text, |v| v.contains_key("JWT")).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitive() {
        assert_eq!(
            hmac_sha256_hex(b"test_secret", b""),
            "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd"
        );
    }

    #[test]
    fn basic_auth() {
        let s = [Secret::Basic {
            username: "u".into(),
            password: "p:w".into(),
        }];
        let h = |v: &str| vec![("authorization", v.to_string())];
        let ok = h("Basic dTpwOnc="); // u:p:w
        let pairs: Vec<(&str, &str)> = ok.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert!(verify(
            Scheme::BasicAuth {
                header: "Authorization"
            },
            b"{}",
            &pairs,
            &s,
            None,
            0
        )
        .is_ok());
        let bad = h("Basic dTpwOng=");
        let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let e = verify(
            Scheme::BasicAuth {
                header: "Authorization",
            },
            b"{}",
            &pairs,
            &s,
            None,
            0,
        );
        assert_eq!(e.unwrap_err().code, ErrorCode::SignatureMismatch);
    }
}
