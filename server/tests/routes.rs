//! The path lists that must agree with the Leptos route table (issue 12): every page route is
//! mounted under "", "/nl" and "/en", and each is recognised by exactly one of the lists the
//! server sorts pages with (public page: `vitrine::http::is_page`; private:
//! `common::lang::is_private_page`; follow-by-e-mail: `app::pages::follow::is_follow_page`).

use std::collections::BTreeSet;

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
fn every_page_route_exists_in_the_three_languages_and_is_in_exactly_one_path_list() {
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

        let lists = [
            ("is_page", vitrine::http::is_page(path)),
            ("is_private_page", common::lang::is_private_page(rest)),
            ("is_follow_page", app::pages::follow::is_follow_page(rest)),
        ];
        let matched: Vec<&str> = lists.iter().filter(|(_, yes)| *yes).map(|(name, _)| *name).collect();
        assert_eq!(matched.len(), 1, "{path} is recognised by {matched:?}");
    }
    for (lang, paths) in [("/nl", &by_lang[1]), ("/en", &by_lang[2])] {
        let missing: Vec<&String> = by_lang[0].difference(paths).collect();
        let extra: Vec<&String> = paths.difference(&by_lang[0]).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, only there {extra:?}");
    }
}
