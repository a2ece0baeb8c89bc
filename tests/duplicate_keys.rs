//! SPEC section 9 / docs/mapping.md#limits-and-leniency: a repeated key keeps its last value,
//! for every provider, as `JSON.parse` does (issue 8: Checkout.com used to refuse a repeated key
//! where the other providers kept the last one). Every top-level key of every fixture object is
//! given a `null` twin in front of it; the answer (`normalize_json`, `parse_webhook`,
//! `normalize_error`) must be the original's, through the fixture's own provider and `auto`.
//! Providers come from `Provider::ALL`.

mod common;

use paynorm::{
    normalize_error, normalize_json, parse_webhook, ErrorOptions, Options, Provider, WebhookOptions,
};

/// Each variant of `text` (an object) with one of its top-level keys repeated before it, first
/// as `null`.
fn twins(text: &str) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let trimmed = text.trim_start();
    let body = trimmed.strip_prefix('{').unwrap_or(trimmed);
    map.keys()
        .map(|k| {
            let key = serde_json::to_string(k).unwrap();
            (k.clone(), format!("{{{key}:null,{body}"))
        })
        .collect()
}

/// `normalize_error`'s answer without `remote_data` (the body itself, which differs by design).
fn error_without_raw(
    provider: Option<Provider>,
    body: &str,
) -> Result<paynorm::ProviderError, paynorm::Error> {
    normalize_error(provider, body.as_bytes(), &ErrorOptions::default()).map(|mut e| {
        e.remote_data = None;
        e
    })
}

#[test]
fn a_repeated_key_keeps_its_last_value_for_every_provider() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures(
            "a_repeated_key_keeps_its_last_value_for_every_provider",
        );
    };
    let off = Options {
        remote_data: false,
        ..Options::default()
    };
    let hook = WebhookOptions {
        remote_data: false,
        ..WebhookOptions::default()
    };
    let mut checked = 0usize;
    let mut failures = Vec::new();
    let mut seen_ok = std::collections::BTreeSet::new();
    for (fixture_provider, kind, path) in common::fixture_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (key, twin) in twins(&text) {
            // The fixture's own provider and auto (the other providers refuse it either way).
            let own = Provider::ALL
                .into_iter()
                .find(|p| p.as_str() == fixture_provider);
            for provider in [own, None] {
                let p = provider.map_or("auto", Provider::as_str);
                let answers = [
                    (
                        "normalize_json",
                        format!("{:?}", normalize_json(p, "auto", text.as_bytes(), &off)),
                        format!("{:?}", normalize_json(p, "auto", twin.as_bytes(), &off)),
                    ),
                    (
                        "parse_webhook",
                        format!("{:?}", parse_webhook(provider, text.as_bytes(), &hook)),
                        format!("{:?}", parse_webhook(provider, twin.as_bytes(), &hook)),
                    ),
                    (
                        "normalize_error",
                        format!("{:?}", error_without_raw(provider, &text)),
                        format!("{:?}", error_without_raw(provider, &twin)),
                    ),
                ];
                for (call, original, repeated) in answers {
                    checked += 1;
                    if original.starts_with("Ok") {
                        seen_ok.insert((call, fixture_provider.clone()));
                    }
                    if original != repeated {
                        let at = original
                            .char_indices()
                            .zip(repeated.chars())
                            .find(|((_, a), b)| a != b)
                            .map_or(0, |((i, _), _)| i);
                        let from = at.saturating_sub(60);
                        failures.push(format!(
                            "{fixture_provider}/{kind}/{name} key {key:?} via {call}({p}), from char {from}:\n  original {}\n  repeated {}",
                            original.get(from..).unwrap_or("").chars().take(160).collect::<String>(),
                            repeated.get(from..).unwrap_or("").chars().take(160).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every provider had successful answers through each call.
    for provider in Provider::ALL {
        for call in ["normalize_json", "parse_webhook", "normalize_error"] {
            assert!(
                seen_ok.contains(&(call, provider.as_str().to_string())),
                "{call} {provider}"
            );
        }
    }
}
