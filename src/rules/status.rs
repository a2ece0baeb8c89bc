//! The unified status vocabulary (docs/mapping.md#status): `pending`, `authorized`, `paid`, `partial`,
//! `refunded`, `voided`, `cancelled`, `unknown`, plus any raw status with no clear mapping
//! (failures and declines: there is no `failed`) passed through verbatim.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A unified status. Serializes as its lower-case word, or as the raw string for [`Status::Raw`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    /// Created or in progress; no money has moved yet.
    Pending,
    /// Authorized, not captured.
    Authorized,
    /// Captured / charged in full.
    Paid,
    /// Part of the amount was captured, or part of it refunded (not all).
    Partial,
    /// All of it refunded.
    Refunded,
    /// An uncaptured authorization was released.
    Voided,
    /// Cancelled before completion.
    Cancelled,
    /// The payload carries no status.
    Unknown,
    /// A provider status with no mapping (a failure or decline), verbatim.
    Raw(String),
}

impl Status {
    /// The words of the vocabulary, in documented order.
    pub const VOCABULARY: [&'static str; 8] = [
        "pending",
        "authorized",
        "paid",
        "partial",
        "refunded",
        "voided",
        "cancelled",
        "unknown",
    ];

    /// The string form.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Pending => "pending",
            Status::Authorized => "authorized",
            Status::Paid => "paid",
            Status::Partial => "partial",
            Status::Refunded => "refunded",
            Status::Voided => "voided",
            Status::Cancelled => "cancelled",
            Status::Unknown => "unknown",
            Status::Raw(s) => s,
        }
    }

    /// Parses the string form; words outside the vocabulary become [`Status::Raw`].
    pub fn parse(s: &str) -> Status {
        match s {
            "pending" => Status::Pending,
            "authorized" => Status::Authorized,
            "paid" => Status::Paid,
            "partial" => Status::Partial,
            "refunded" => Status::Refunded,
            "voided" => Status::Voided,
            "cancelled" => Status::Cancelled,
            "unknown" => Status::Unknown,
            other => Status::Raw(other.to_string()),
        }
    }

    /// A raw status passed through verbatim; an empty string is `unknown`.
    pub fn raw(s: &str) -> Status {
        if s.is_empty() {
            Status::Unknown
        } else {
            Status::Raw(s.to_string())
        }
    }

    /// The refund / partial-capture overlay shared by every provider (docs/mapping.md#status,
    /// **Decision**): a paid payment with all of it refunded is `refunded`, with some of it
    /// refunded or only part of it captured is `partial`. Applies only where the payload carries
    /// the numbers, so callers pass `None` for what they do not know.
    pub fn overlay_paid(
        refunded_in_full: Option<bool>,
        amount_refunded: Option<i128>,
        captured_less_than_amount: Option<bool>,
    ) -> Status {
        if refunded_in_full == Some(true) {
            return Status::Refunded;
        }
        if amount_refunded.is_some_and(|r| r > 0) || captured_less_than_amount == Some(true) {
            return Status::Partial;
        }
        Status::Paid
    }
}

/// TypeScript: the vocabulary's words as literals, plus `string & {}` for a raw status passed
/// through (editors still suggest the words).
#[cfg(feature = "ts")]
impl ts_rs::TS for Status {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn docs() -> Option<String> {
        Some("/** A unified status (the vocabulary), or a provider status with no mapping, verbatim. */\n".into())
    }

    fn name(_: &ts_rs::Config) -> String {
        "Status".into()
    }

    fn inline(_: &ts_rs::Config) -> String {
        let words: Vec<String> = Status::VOCABULARY
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect();
        format!("{} | (string & {{}})", words.join(" | "))
    }

    fn decl(cfg: &ts_rs::Config) -> String {
        format!("type Status = {};", Self::inline(cfg))
    }

    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }
}

/// JSON Schema: one of the vocabulary's words, or any other string (a provider status with no
/// mapping, verbatim).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A unified status (the vocabulary), or a provider status with no mapping (a decline or failure), verbatim.",
            "anyOf": [
                { "enum": Status::VOCABULARY },
                { "type": "string", "minLength": 1 }
            ]
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Status::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for w in Status::VOCABULARY {
            assert_eq!(Status::parse(w).as_str(), w);
        }
        assert_eq!(Status::parse("failed"), Status::Raw("failed".into()));
        assert_eq!(Status::raw(""), Status::Unknown);
    }

    #[test]
    fn overlay() {
        assert_eq!(
            Status::overlay_paid(Some(true), Some(100), None),
            Status::Refunded
        );
        assert_eq!(
            Status::overlay_paid(Some(false), Some(10), None),
            Status::Partial
        );
        assert_eq!(
            Status::overlay_paid(None, None, Some(true)),
            Status::Partial
        );
        assert_eq!(
            Status::overlay_paid(Some(false), Some(0), Some(false)),
            Status::Paid
        );
        assert_eq!(Status::overlay_paid(None, None, None), Status::Paid);
    }
}
