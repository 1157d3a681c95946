//! The languages Vitrine speaks. French is the default and has no URL prefix; the others live
//! under `/nl/…` and `/en/…`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Fr,
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Nl, Lang::En];

    /// BCP 47 code, as used in `<html lang>`, `hreflang` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The name of the language in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// The URL prefix of the language: empty for French.
    pub fn path_prefix(self) -> &'static str {
        match self {
            Lang::Fr => "",
            Lang::Nl => "/nl",
            Lang::En => "/en",
        }
    }

    /// Open Graph locale (`og:locale`).
    pub fn og_locale(self) -> &'static str {
        match self {
            Lang::Fr => "fr_BE",
            Lang::Nl => "nl_BE",
            Lang::En => "en_GB",
        }
    }

    /// Splits a path into its language and the path without the language prefix.
    /// `/nl/commerces` → (Nl, `/commerces`); `/commerces` → (Fr, `/commerces`); `/en` → (En, `/`).
    pub fn split_path(path: &str) -> (Lang, &str) {
        for lang in [Lang::Nl, Lang::En] {
            let prefix = lang.path_prefix();
            if let Some(rest) = path.strip_prefix(prefix) {
                if rest.is_empty() {
                    return (lang, "/");
                }
                if rest.starts_with('/') {
                    return (lang, rest);
                }
            }
        }
        (Lang::Fr, if path.is_empty() { "/" } else { path })
    }

    /// The same page in this language: `localize("/commerces")` is `/nl/commerces` for Dutch.
    pub fn localize(self, path_without_lang: &str) -> String {
        match (self, path_without_lang) {
            (Lang::Fr, p) => p.to_string(),
            (l, "/") => l.path_prefix().to_string(),
            (l, p) => format!("{}{}", l.path_prefix(), p),
        }
    }

    /// Picks the best supported language from an `Accept-Language` header (RFC 9110 weights).
    /// Returns `None` when the header names none of ours.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in accept_language.split(',').take(32) {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(primary) {
                if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                    best = Some((lang, weight));
                }
            }
        }
        best.map(|(lang, _)| lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_language_and_rest() {
        assert_eq!(Lang::split_path("/nl/commerces"), (Lang::Nl, "/commerces"));
        assert_eq!(Lang::split_path("/en"), (Lang::En, "/"));
        assert_eq!(Lang::split_path("/commerces"), (Lang::Fr, "/commerces"));
        // A French path that merely starts with the letters of a language code stays French.
        assert_eq!(Lang::split_path("/nlx"), (Lang::Fr, "/nlx"));
        assert_eq!(Lang::split_path("/"), (Lang::Fr, "/"));
    }

    #[test]
    fn localize_is_the_inverse_of_split() {
        for lang in Lang::ALL {
            for path in ["/", "/commerces", "/commerces/boucherie-dubois"] {
                assert_eq!(Lang::split_path(&lang.localize(path)), (lang, path));
            }
        }
    }

    #[test]
    fn accept_language_prefers_the_highest_weight_we_speak() {
        assert_eq!(Lang::negotiate("nl-BE,nl;q=0.9,en;q=0.8"), Some(Lang::Nl));
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("de, es"), None);
        assert_eq!(Lang::negotiate("en;q=0, nl;q=0.1"), Some(Lang::Nl));
        assert_eq!(Lang::negotiate(""), None);
    }
}
