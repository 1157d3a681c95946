//! The table of page kinds (`app::routes`) must agree with the Leptos route table (issue 12):
//! every page route is mounted under "", "/nl" and "/en", has a kind, and is cached for everyone
//! (`vitrine::http::is_page`) exactly when that kind is public or offers; every row of the kind
//! table covers a page; the public bundle holds exactly the pages of the public kind.

use std::collections::BTreeSet;

use app::routes::{kind_of, PageKind, TABLE};
use common::Lang;

/// The route's path with each parameter (`:id`, `{id}`, `*rest`) replaced by a value.
fn concrete(path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .map(|s| {
            if s.starts_with(':') || s.starts_with('{') || s.starts_with('*') {
                "1".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    let joined = segments.join("/");
    if joined.is_empty() {
        "/".to_string()
    } else {
        joined
    }
}

/// The paths the server serves with the app, concrete, in each language of `Lang::ALL` (in that
/// order), without their prefix.
fn pages_by_language() -> [BTreeSet<String>; 3] {
    let routes = leptos_axum::generate_route_list(app::App);
    let paths: Vec<String> = routes.iter().map(|r| concrete(r.path())).collect();
    let mut by_lang: [BTreeSet<String>; 3] = Default::default();
    for path in &paths {
        let (lang, rest) = Lang::split_path(path);
        let index = Lang::ALL.iter().position(|l| *l == lang).unwrap();
        assert!(by_lang[index].insert(rest.to_string()), "{path} is routed twice");
    }
    by_lang
}

#[test]
fn every_page_route_exists_in_the_three_languages_and_has_its_kind() {
    let by_lang = pages_by_language();
    assert!(by_lang[0].len() > 10, "{by_lang:?}");
    for (lang, paths) in Lang::ALL.iter().zip(&by_lang) {
        for path in paths {
            let kind = kind_of(path);
            assert!(kind.is_some(), "{path} has no kind in app::routes");
            let public = matches!(kind, Some(PageKind::Public | PageKind::ServerOnly));
            let full = lang.localize(path);
            assert_eq!(vitrine::http::is_page(&full), public, "{full}: {kind:?}");
        }
    }
    for (lang, paths) in Lang::ALL.iter().zip(&by_lang).skip(1) {
        let missing: Vec<&String> = by_lang[0].difference(paths).collect();
        let extra: Vec<&String> = paths.difference(&by_lang[0]).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, only there {extra:?}");
    }
}

#[test]
fn every_row_of_the_kind_table_covers_a_page() {
    // The same pages in each language (checked above): French's stand for all.
    let [french, ..] = pages_by_language();
    for entry in TABLE {
        assert!(french.iter().any(|path| entry.covers(path)), "{entry:?} covers no page of the route table");
    }
}

#[test]
fn the_public_bundle_holds_exactly_the_public_pages() {
    // Its pages hydrate with it; a page of another kind in it would weigh on every shopper's
    // phone, a public page missing from it would fail to hydrate.
    let bundle: BTreeSet<String> = app::public_page_paths().iter().map(|path| concrete(path)).collect();
    let [french, ..] = pages_by_language();
    let public: BTreeSet<String> = french.into_iter().filter(|path| kind_of(path) == Some(PageKind::Public)).collect();
    assert_eq!(bundle, public);
}
