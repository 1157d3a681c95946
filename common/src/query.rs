//! The directory's search parameters, as they arrive in a URL (`/commerces?q=…&categorie=…&ouvert=1&page=2`),
//! and their validated form. Parsing is the only validation: a `DirectoryQuery` is always sane.

use serde::{Deserialize, Serialize};

/// Results per page of the directory.
pub const PAGE_SIZE: u64 = 24;
/// Longest accepted search text, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Longest accepted category slug.
const MAX_SLUG_CHARS: usize = 64;

/// URL parameter names. They are French like the default URLs, and the same in every language
/// so that a shared link keeps its filters when its reader switches language.
pub mod param {
    pub const QUERY: &str = "q";
    pub const CATEGORY: &str = "categorie";
    pub const OPEN_NOW: &str = "ouvert";
    pub const PAGE: &str = "page";
}

/// The parameters exactly as typed in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDirectoryQuery {
    pub q: Option<String>,
    pub category: Option<String>,
    pub open_now: Option<String>,
    pub page: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// Trimmed search text; `None` when empty.
    pub text: Option<String>,
    pub category: Option<String>,
    pub open_now: bool,
    /// 1-based.
    pub page: u32,
}

/// Why a directory URL cannot be answered. Each has a translated message in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum QueryProblem {
    #[error("search text longer than {max} characters")]
    TextTooLong { max: usize },
    #[error("page is not a positive number")]
    BadPage,
    #[error("page {requested} is after the last page {last}")]
    PageOutOfRange { requested: u32, last: u32 },
    #[error("unknown category")]
    UnknownCategory,
    /// An offers filter (`/offres?type=…`) naming no kind of offer.
    #[error("unknown kind of offer")]
    UnknownKind,
    /// A price filter (`/produits?prix_min=…`) that is not an amount in euros.
    #[error("price is not an amount in euros")]
    BadPrice,
}

impl RawDirectoryQuery {
    pub fn parse(&self) -> Result<DirectoryQuery, QueryProblem> {
        let text = self.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if let Some(text) = text {
            if text.chars().count() > MAX_QUERY_CHARS {
                return Err(QueryProblem::TextTooLong { max: MAX_QUERY_CHARS });
            }
        }
        let category = self.category.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if let Some(slug) = category {
            let well_formed = slug.len() <= MAX_SLUG_CHARS
                && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !well_formed {
                return Err(QueryProblem::UnknownCategory);
            }
        }
        let open_now = matches!(self.open_now.as_deref().map(str::trim), Some("1" | "true" | "on" | "oui"));
        let page = match self.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => 1,
            Some(p) => match p.parse::<u32>() {
                Ok(n) if n >= 1 => n,
                Ok(_) => return Err(QueryProblem::BadPage),
                // Digits only but too large for u32 (10^10): a page that cannot exist.
                Err(_) if p.len() <= 40 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    return Err(QueryProblem::PageOutOfRange { requested: u32::MAX, last: 0 })
                }
                Err(_) => return Err(QueryProblem::BadPage),
            },
        };
        Ok(DirectoryQuery { text: text.map(str::to_string), category: category.map(str::to_string), open_now, page })
    }
}

impl DirectoryQuery {
    /// The query string of this search at another page (`None` keeps the page), for links.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(text) = &self.text {
            parts.push(format!("{}={}", param::QUERY, encode_component(text)));
        }
        if let Some(category) = &self.category {
            parts.push(format!("{}={}", param::CATEGORY, encode_component(category)));
        }
        if self.open_now {
            parts.push(format!("{}=1", param::OPEN_NOW));
        }
        let page = page.unwrap_or(self.page);
        if page > 1 {
            parts.push(format!("{}={page}", param::PAGE));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(q: &str, category: &str, open: &str, page: &str) -> RawDirectoryQuery {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        RawDirectoryQuery { q: some(q), category: some(category), open_now: some(open), page: some(page) }
    }

    #[test]
    fn empty_parameters_mean_everything_on_page_one() {
        let query = RawDirectoryQuery::default().parse().unwrap();
        assert_eq!(query, DirectoryQuery { text: None, category: None, open_now: false, page: 1 });
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(raw("  pain ", "", "", "").parse().unwrap().text.as_deref(), Some("pain"));
        assert_eq!(raw("   ", "", "", "").parse().unwrap().text, None);
        let long = "é".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(raw(&long, "", "", "").parse(), Err(QueryProblem::TextTooLong { max: MAX_QUERY_CHARS }));
        assert!(raw(&"é".repeat(MAX_QUERY_CHARS), "", "", "").parse().is_ok());
    }

    #[test]
    fn bad_pages_are_refused() {
        assert_eq!(raw("", "", "", "0").parse(), Err(QueryProblem::BadPage));
        assert_eq!(raw("", "", "", "-3").parse(), Err(QueryProblem::BadPage));
        assert_eq!(raw("", "", "", "deux").parse(), Err(QueryProblem::BadPage));
        assert!(matches!(raw("", "", "", "10000000000").parse(), Err(QueryProblem::PageOutOfRange { .. })));
        assert_eq!(raw("", "", "", "1000000000").parse().unwrap().page, 1_000_000_000);
    }

    #[test]
    fn malformed_category_is_unknown() {
        assert_eq!(raw("", "<script>", "", "").parse(), Err(QueryProblem::UnknownCategory));
        assert_eq!(raw("", "boulangerie", "", "").parse().unwrap().category.as_deref(), Some("boulangerie"));
    }

    #[test]
    fn query_string_round_trips_the_filters() {
        let query = raw("pâté & co", "epicerie-fine", "1", "3").parse().unwrap();
        assert_eq!(query.to_query_string(None), "?q=p%C3%A2t%C3%A9+%26+co&categorie=epicerie-fine&ouvert=1&page=3");
        assert_eq!(query.to_query_string(Some(1)), "?q=p%C3%A2t%C3%A9+%26+co&categorie=epicerie-fine&ouvert=1");
    }
}
