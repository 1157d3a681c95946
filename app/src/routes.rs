//! What kind of page a path is (without its language prefix), from one table: the server's
//! page cache and language redirect (public pages), the bundle a page loads (private pages
//! load the private one, offers pages and the follow-by-e-mail pages none) all read it.
//! Server-side only, so the public bundle does not grow; `server/tests/routes.rs` checks it
//! against the Leptos route table in the three languages.

use crate::pages::follow::{CONFIRM_PATH, FOLLOW_PATH, UNSUBSCRIBE_PATH};

/// The kinds of page the server treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Cached for everyone, hydrated with the public bundle.
    Public,
    /// The offers feed and an offer's page (`/offres`, `/offres/{id}`, a malformed id's 404 too:
    /// the public bundle's router has no such route, hydrating would mismatch): cached, not
    /// hydrated (only the share script).
    Offers,
    /// Following offers by e-mail: never cached, no script at all.
    Follow,
    /// The merchant area, the account, e-mailed links and the console: never cached for
    /// everyone, hydrated with the private bundle.
    Private,
}

/// How a table entry matches a path.
#[derive(Clone, Copy)]
enum Match {
    /// The path itself.
    Exact,
    /// The path and everything under it.
    Subtree,
    /// One non-empty segment under it (`/offres/12`).
    Child,
}

/// The table, first match wins (the follow pages before the rest of `/offres/…`).
const TABLE: &[(&str, Match, PageKind)] = &[
    (FOLLOW_PATH, Match::Exact, PageKind::Follow),
    (CONFIRM_PATH, Match::Exact, PageKind::Follow),
    (UNSUBSCRIBE_PATH, Match::Exact, PageKind::Follow),
    ("/offres", Match::Exact, PageKind::Offers),
    ("/offres", Match::Child, PageKind::Offers),
    // Deeper `/offres/…` paths are pages too (their 404), hydrated like any public page.
    ("/offres", Match::Subtree, PageKind::Public),
    ("/", Match::Exact, PageKind::Public),
    ("/commerces", Match::Subtree, PageKind::Public),
    ("/connexion", Match::Subtree, PageKind::Private),
    ("/tableau-de-bord", Match::Subtree, PageKind::Private),
    ("/compte", Match::Subtree, PageKind::Private),
    ("/console", Match::Subtree, PageKind::Private),
    ("/invitation", Match::Subtree, PageKind::Private),
    ("/mot-de-passe-oublie", Match::Subtree, PageKind::Private),
    ("/reinitialiser", Match::Subtree, PageKind::Private),
    ("/confirmer-adresse", Match::Subtree, PageKind::Private),
];

/// The kind of page `path` (without its language prefix) is, `None` when it is no page of ours.
pub fn kind_of(path: &str) -> Option<PageKind> {
    TABLE.iter().find(|(prefix, how, _)| matches(path, prefix, *how)).map(|(_, _, kind)| *kind)
}

fn matches(path: &str, prefix: &str, how: Match) -> bool {
    let under = path.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('/'));
    match how {
        Match::Exact => path == prefix,
        Match::Subtree => path == prefix || under.is_some(),
        Match::Child => under.is_some_and(|rest| !rest.is_empty() && !rest.contains('/')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_has_its_kind() {
        assert_eq!(kind_of("/connexion"), Some(PageKind::Private));
        assert_eq!(kind_of("/tableau-de-bord/3/profil"), Some(PageKind::Private));
        assert_eq!(kind_of("/console/commerce/1"), Some(PageKind::Private));
        assert_eq!(kind_of("/consoles"), None);
        assert_eq!(kind_of("/commerces/patisserie-lemaire"), Some(PageKind::Public));
        assert_eq!(kind_of("/commercesx"), None);
        assert_eq!(kind_of("/"), Some(PageKind::Public));
        assert_eq!(kind_of("/offres"), Some(PageKind::Offers));
        assert_eq!(kind_of("/offres/12"), Some(PageKind::Offers));
        assert_eq!(kind_of("/offres/12/x"), Some(PageKind::Public));
        assert_eq!(kind_of("/offres/suivre"), Some(PageKind::Follow));
        assert_eq!(kind_of("/api/businesses"), None);
        assert_eq!(kind_of("/pkg/vitrine.js"), None);
    }
}
