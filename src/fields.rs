//! Field-source tables: for each provider x resource, which raw field(s) feed each unified field
//! and by which rule. The same tables drive [`coverage`], the README's coverage table and the
//! preview page, and the conformance tests check every table against the mapping's real output
//! on the shared fixtures (a field marked unsupported is never filled; a supported one is filled
//! somewhere), so the documentation cannot drift from the code.

use crate::providers::{Provider, Resource};
use serde::Serialize;

/// Where one unified field comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSource {
    /// The unified field name (`amount`, `customer`, `payment_method`).
    pub field: &'static str,
    /// Raw JSON paths read, in order of preference (`latest_charge.balance_transaction.fee`);
    /// empty when the provider does not supply the field.
    pub sources: &'static [&'static str],
    /// The rule applied, in words (`minor -> major (Stripe exponents)`, `unix seconds -> RFC
    /// 3339`, `status table`); empty when not supplied.
    pub rule: &'static str,
}

impl FieldSource {
    /// A field read from `sources` by `rule`.
    pub const fn from(
        field: &'static str,
        sources: &'static [&'static str],
        rule: &'static str,
    ) -> Self {
        FieldSource {
            field,
            sources,
            rule,
        }
    }

    /// A field the provider does not supply: always `null`.
    pub const fn none(field: &'static str) -> Self {
        FieldSource {
            field,
            sources: &[],
            rule: "",
        }
    }

    /// Whether the provider supplies this field.
    pub const fn supported(&self) -> bool {
        !self.sources.is_empty()
    }
}

/// Common rule words, so tables say the same thing the same way.
pub mod rule {
    /// Copied as is (empty string -> null).
    pub const COPY: &str = "copy";
    /// Unix seconds to RFC 3339 UTC.
    pub const UNIX: &str = "unix seconds -> RFC 3339 UTC";
    /// Timestamp text to RFC 3339 UTC.
    pub const TIMESTAMP: &str = "timestamp -> RFC 3339 UTC";
    /// Currency code upper-cased.
    pub const CURRENCY: &str = "ISO 4217, upper case";
    /// Key/value metadata copied as data.
    pub const METADATA: &str = "object copied as data ([] -> {})";
    /// The provider's status table (docs/mapping.md#status).
    pub const STATUS: &str = "status table";
}

/// One cell of the coverage matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// Provider name.
    pub provider: &'static str,
    /// Resource name.
    pub resource: &'static str,
    /// Unified field name.
    pub field: &'static str,
    /// Whether the provider supplies it.
    pub supported: bool,
    /// Raw JSON paths read.
    pub sources: &'static [&'static str],
    /// Rule applied.
    pub rule: &'static str,
}

/// The provider x resource x field support matrix, derived from the field-source tables the
/// mappers are checked against. Resources a provider does not map have no rows.
pub fn coverage() -> Vec<CoverageRow> {
    let mut rows = Vec::new();
    for provider in Provider::ALL {
        for resource in Resource::ALL {
            for f in table(provider, resource) {
                rows.push(CoverageRow {
                    provider: provider.as_str(),
                    resource: resource.as_str(),
                    field: f.field,
                    supported: f.supported(),
                    sources: f.sources,
                    rule: f.rule,
                });
            }
        }
    }
    rows
}

/// The field-source table of one provider x resource (empty when the provider lacks the resource).
pub fn table(provider: Provider, resource: Resource) -> &'static [FieldSource] {
    let spec = provider.spec();
    if spec.supports(resource) {
        (spec.fields)(resource)
    } else {
        &[]
    }
}
