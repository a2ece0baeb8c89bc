//! The provider walk (issue 8, docs/adding-a-provider.md): every entry of the registry
//! (`Provider::ALL`, one line of `registry!` in src/providers/mod.rs) has what a provider needs,
//! and nothing outside a provider's folder lists providers by hand. A new provider that misses a
//! piece fails here with the step of docs/adding-a-provider.md to do.

mod common;

use paynorm::{
    coverage, detect, error_types, event_types, normalize_json, parse_webhook, providers, Options,
    Provider, Resource, WebhookOptions,
};
use std::path::Path;

fn repo(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture folder of each resource (`customer`, `customer_list`, ...).
fn kind(resource: Resource) -> &'static str {
    match resource {
        Resource::Customers => "customer",
        Resource::Orders => "order",
        Resource::Payments => "payment",
    }
}

#[test]
fn every_registry_entry_is_complete() {
    let infos = providers();
    assert_eq!(infos.len(), Provider::ALL.len());
    let rows = coverage();
    let events = event_types();
    let errors = error_types();
    let mapping = repo("docs/mapping.md");
    let webhooks = repo("docs/webhooks.md");
    let readme = repo("README.md");
    for (p, info) in Provider::ALL.into_iter().zip(&infos) {
        let name = p.as_str();
        // Step 1: the registry line and the SPEC (name, label, aliases).
        assert_eq!(info.name, name);
        assert_eq!(Provider::parse(name).unwrap(), p, "{name}: parse");
        assert_eq!(Provider::parse(&name.to_uppercase()).unwrap(), p);
        for alias in info.aliases {
            assert_eq!(Provider::parse(alias).unwrap(), p, "{name}: alias {alias}");
        }
        assert!(!info.label.is_empty());
        assert!(!info.resources.is_empty(), "{name}: maps no resource");
        // Step 2: field-source tables for every resource it maps, none for the others.
        for r in Resource::ALL {
            let has = rows
                .iter()
                .any(|row| row.provider == name && row.resource == r.as_str());
            assert_eq!(
                has,
                info.resources.contains(&r),
                "{name} {r}: coverage rows"
            );
        }
        // Step 3: webhooks and error bodies.
        assert!(!info.signature_header.is_empty());
        assert!(!info.event_objects.is_empty(), "{name}: event_objects");
        assert!(
            events.iter().any(|e| e.provider == p),
            "{name}: event types"
        );
        assert!(
            errors.iter().any(|e| e.provider == p),
            "{name}: error types"
        );
        // Step 5: the docs.
        assert!(
            mapping.contains(&format!("\n## {}\n", info.label)),
            "docs/mapping.md has no \"## {}\" section",
            info.label
        );
        assert!(
            webhooks.contains(info.label),
            "docs/webhooks.md never names {}",
            info.label
        );
        assert!(
            readme.contains(info.label),
            "README.md never names {}",
            info.label
        );
    }
}

#[test]
fn every_registry_entry_has_fixtures_that_map_and_detect() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures(
            "every_registry_entry_has_fixtures_that_map_and_detect",
        );
    };
    let off = Options {
        remote_data: false,
        ..Options::default()
    };
    for info in providers() {
        let name = info.name;
        // Step 4: fixtures for every resource it maps, read in place from ../shared/fixtures.
        for r in &info.resources {
            let folder = dir.join(name).join(kind(*r));
            let files: Vec<_> = std::fs::read_dir(&folder)
                .unwrap_or_else(|_| panic!("{name}: no fixtures in {}", folder.display()))
                .flatten()
                .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
                .collect();
            assert!(!files.is_empty(), "{name} {r}: no fixture");
            let mut mapped = 0;
            for f in &files {
                let bytes = std::fs::read(f.path()).unwrap();
                if normalize_json(name, r.as_str(), &bytes, &off).is_ok() {
                    mapped += 1;
                    let found = detect(&bytes).unwrap().map(|d| d.provider);
                    assert_eq!(
                        found,
                        Some(Provider::parse(name).unwrap()),
                        "{}",
                        f.path().display()
                    );
                }
            }
            assert!(mapped > 0, "{name} {r}: no fixture maps");
        }
        // Its webhook fixtures: the declared event_objects find the object the event mapped.
        let hooks = dir.join(name).join("webhook");
        let mut located = 0;
        for f in std::fs::read_dir(&hooks).into_iter().flatten().flatten() {
            let bytes = std::fs::read(f.path()).unwrap();
            let Ok(event) = parse_webhook(
                Provider::parse(name).ok(),
                &bytes,
                &WebhookOptions::default(),
            ) else {
                continue;
            };
            let (Some(resource), Some(data)) = (event.resource, event.data.as_ref()) else {
                continue;
            };
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let path = info
                .event_objects
                .iter()
                .filter(|o| o.resource.map_or(true, |r| r == resource))
                .map(|o| o.path)
                .find(|path| pointer(&body, path).is_some())
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no event_objects path is in the body",
                        f.path().display()
                    )
                });
            let raw = data_remote(data)
                .unwrap_or_else(|| panic!("{}: data without remote_data", f.path().display()));
            assert_eq!(
                pointer(&body, path),
                Some(&raw),
                "{}: {path}",
                f.path().display()
            );
            located += 1;
        }
        assert!(located > 0, "{name}: no webhook fixture with data");
    }
}

/// The `remote_data` of an event's unified data, parsed.
fn data_remote(data: &paynorm::EventData) -> Option<serde_json::Value> {
    let value = serde_json::to_value(data).ok()?;
    value.get("remote_data").cloned()
}

/// `$.a.b` in a value.
fn pointer<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.strip_prefix('$')?
        .split('.')
        .filter(|s| !s.is_empty())
        .try_fold(value, |v, key| v.get(key))
}

/// No file outside the providers' folders lists providers: the CLI, the preview page and the JS
/// entries ask the registry (`providers()`, `coverage()`). A single provider named for its own
/// quirk is allowed; two or more names in one file is a list that a new provider would miss.
#[test]
fn nothing_outside_the_registry_lists_providers() {
    let names: Vec<&str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("bin/paynorm.mjs"), root.join("www/index.html")];
    for dir in ["www", "js"] {
        for f in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "js") {
                files.push(f.path());
            }
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let quoted: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| {
                [
                    format!("\"{n}\""),
                    format!("'{n}'"),
                    format!("{n}:"),
                    format!(">{n}<"),
                ]
                .iter()
                .any(|q| text.contains(q.as_str()))
            })
            .collect();
        assert!(
            quoted.len() < 2,
            "{} lists providers {quoted:?}: ask providers() instead",
            file.display()
        );
    }
}

/// docs/adding-a-provider.md: a provider reads its raw types through the reading layer
/// (`providers::read`, `crate::reader::from_str`), never with serde_json's reader, which would
/// read the text again instead of the tape `normalize` built (and carry a second reader per raw
/// type into the wasm build). Test modules may parse fixtures as they like.
#[test]
fn providers_read_through_the_reading_layer() {
    for p in Provider::ALL {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/providers")
            .join(p.as_str());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension() != Some(std::ffi::OsStr::new("rs")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for banned in [
                "serde_json::from_str",
                "serde_json::from_slice",
                "serde_json::Deserializer::from_str",
            ] {
                assert!(
                    !code.contains(banned),
                    "{}: reads with `{banned}`; use providers::read or crate::reader::from_str (docs/adding-a-provider.md)",
                    path.display()
                );
            }
            // Field shapes a derive cannot read are written once, in src/providers/raw.rs;
            // envelopes and probes read the tape through crate::reader::view.
            for banned in ["Visitor<'de> for", "Visitor<'_> for", "MapAccess<'de> for"] {
                assert!(
                    !code.contains(banned),
                    "{}: a hand-written serde visitor (`{banned}`); use a shape of providers/raw.rs or crate::reader::view (docs/adding-a-provider.md)",
                    path.display()
                );
            }
        }
    }
}

/// Telling another provider's payload is the registry's (issue 8, docs/mapping.md#detection-auto):
/// every single-object fixture that its own provider's recognizer claims, given to every other
/// provider with its own resource, is `mismatched_payload` naming the provider to pass, or
/// `unsupported_resource` when that provider has no such resource. Walks the registry: a new
/// provider is checked against every other without a line here.
#[test]
fn another_providers_payload_is_named_by_the_registry() {
    let Some(dir) = common::fixtures_dir() else {
        return common::skip_without_fixtures("another_providers_payload_is_named_by_the_registry");
    };
    let off = Options {
        remote_data: false,
        ..Options::default()
    };
    let mut checked = 0;
    for owner in Provider::ALL {
        for r in Resource::ALL {
            let Ok(files) = std::fs::read_dir(dir.join(owner.as_str()).join(kind(r))) else {
                continue;
            };
            for f in files.flatten() {
                let bytes = std::fs::read(f.path()).unwrap();
                let claimed = detect(&bytes).unwrap();
                if claimed.map(|d| (d.provider, d.list)) != Some((owner, false)) {
                    continue;
                }
                for other in Provider::ALL.into_iter().filter(|p| *p != owner) {
                    let e = normalize_json(other.as_str(), r.as_str(), &bytes, &off)
                        .expect_err(&format!("{other} took {}", f.path().display()));
                    let code = e.code.as_str();
                    if code == "unsupported_resource" {
                        continue;
                    }
                    assert_eq!(
                        code,
                        "mismatched_payload",
                        "{other} {}: {e}",
                        f.path().display()
                    );
                    assert!(
                        e.message.contains(&format!("pass provider \"{owner}\"")),
                        "{other} {}: {}",
                        f.path().display(),
                        e.message
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} cases");
}
