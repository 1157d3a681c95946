//! Generates the `i18n` module from `locales/{fr,nl,en}.json` (leptos_i18n), after checking that
//! every language has exactly the keys of French: leptos_i18n only warns about a missing key and
//! silently shows the French text, which would ship half-translated pages.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

const LOCALES: [&str; 3] = ["fr", "nl", "en"];

fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                keys(child, &format!("{prefix}{key}."), out);
            }
        }
        _ => {
            out.insert(prefix.trim_end_matches('.').to_string());
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let mut reference: Option<BTreeSet<String>> = None;
    for locale in LOCALES {
        let path = format!("locales/{locale}.json");
        println!("cargo::rerun-if-changed={path}");
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let mut found = BTreeSet::new();
        keys(&value, "", &mut found);
        match &reference {
            None => reference = Some(found),
            Some(fr) => {
                let missing: Vec<_> = fr.difference(&found).collect();
                let extra: Vec<_> = found.difference(fr).collect();
                if !missing.is_empty() || !extra.is_empty() {
                    panic!("locales/{locale}.json differs from fr.json: missing {missing:?}, extra {extra:?}");
                }
            }
        }
    }

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?).join("i18n");
    // `interpolate_display` lets `td_string!` fill `{{ placeholders }}` (used in attributes).
    let options = ParseOptions::default().interpolate_display(true);
    let config = Config::new(LOCALES[0])?.add_locale(LOCALES[1])?.add_locale(LOCALES[2])?.parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir)?;
    Ok(())
}
