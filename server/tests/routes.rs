//! The table of page kinds (`app::routes`) must agree with the Leptos route table (issue 12):
//! every page route is mounted under "", "/nl" and "/en", has a kind, and is cached for everyone
//! (`vitrine::http::is_page`) exactly when that kind is public or offers.

use std::collections::BTreeSet;

use app::routes::{kind_of, PageKind};
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

#[test]
fn every_page_route_exists_in_the_three_languages_and_has_its_kind() {
    let routes = leptos_axum::generate_route_list(app::App);
    let paths: Vec<String> = routes.iter().map(|r| concrete(r.path())).collect();
    assert!(paths.len() > 10, "{paths:?}");

    let mut by_lang: [BTreeSet<String>; 3] = Default::default();
    for path in &paths {
        let (lang, rest) = Lang::split_path(path);
        let index = match lang {
            Lang::Fr => 0,
            Lang::Nl => 1,
            Lang::En => 2,
        };
        by_lang[index].insert(rest.to_string());

        let kind = kind_of(rest);
        assert!(kind.is_some(), "{path} has no kind in app::routes");
        let public = matches!(kind, Some(PageKind::Public | PageKind::Offers));
        assert_eq!(vitrine::http::is_page(path), public, "{path}: {kind:?}");
    }
    for (lang, paths) in [("/nl", &by_lang[1]), ("/en", &by_lang[2])] {
        let missing: Vec<&String> = by_lang[0].difference(paths).collect();
        let extra: Vec<&String> = paths.difference(&by_lang[0]).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, only there {extra:?}");
    }
}
