//! What kind of page a path is (without its language prefix), from one table: the server's
//! page cache and language redirect (public pages), the bundle a page loads (private pages
//! load the private one, offers pages and the follow-by-e-mail pages none) all read it.
//! Server-side only, so the public bundle does not grow. The pages themselves are listed once,
//! without language prefix, by `page_routes` in lib.rs and mounted under each language's;
//! `server/tests/routes.rs` checks the two against each other in the three languages: every
//! route has a kind, every row of the table covers a route, and the public bundle holds exactly
//! the public kind's pages.

use crate::pages::follow::{CONFIRM_PATH, FOLLOW_PATH, UNSUBSCRIBE_PATH};

/// The kinds of page the server treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Cached for everyone, hydrated with the public bundle.
    Public,
    /// Public pages outside the public bundle: the offers feed and an offer's page (`/offres`,
    /// `/offres/{id}`, a malformed id's 404 too: the public bundle's router has no such route,
    /// hydrating would mismatch), a shop's products and a product's page
    /// (`/commerces/{slug}/produits[/{id}]`), the search of every shop's products (`/produits`).
    /// Cached, not hydrated (only the share script).
    ServerOnly,
    /// Following offers by e-mail, the basket and an order's page: never cached, no script at all.
    Follow,
    /// The merchant area, the account, e-mailed links and the console: never cached for
    /// everyone, hydrated with the private bundle.
    Private,
}

/// How a table entry matches a path.
#[derive(Debug, Clone, Copy)]
enum Match {
    /// The path itself.
    Exact,
    /// The path and everything under it.
    Subtree,
    /// One non-empty segment under it (`/offres/12`).
    Child,
    /// Under one non-empty segment under it, `segment` and what is below
    /// (`/commerces/{slug}/produits…`).
    UnderChild(&'static str),
}

/// One row of [`TABLE`]: the paths it covers and their kind.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The path the row starts from, without language prefix.
    pub path: &'static str,
    how: Match,
    pub kind: PageKind,
}

impl Entry {
    const fn new(path: &'static str, how: Match, kind: PageKind) -> Entry {
        Entry { path, how, kind }
    }

    /// Whether `path` (without its language prefix) is one this row covers.
    pub fn covers(&self, path: &str) -> bool {
        let under = path.strip_prefix(self.path).and_then(|rest| rest.strip_prefix('/'));
        match self.how {
            Match::Exact => path == self.path,
            Match::Subtree => path == self.path || under.is_some(),
            Match::Child => under.is_some_and(|rest| !rest.is_empty() && !rest.contains('/')),
            Match::UnderChild(segment) => under.and_then(|rest| rest.split_once('/')).is_some_and(|(child, below)| {
                !child.is_empty()
                    && (below == segment || below.strip_prefix(segment).is_some_and(|r| r.starts_with('/')))
            }),
        }
    }
}

/// The table, first match wins (the follow pages before the rest of `/offres/…`). Each row
/// covers at least one page of the route table, in each language (`server/tests/routes.rs`).
pub const TABLE: &[Entry] = &[
    Entry::new(FOLLOW_PATH, Match::Exact, PageKind::Follow),
    Entry::new(CONFIRM_PATH, Match::Exact, PageKind::Follow),
    Entry::new(UNSUBSCRIBE_PATH, Match::Exact, PageKind::Follow),
    Entry::new("/offres", Match::Exact, PageKind::ServerOnly),
    Entry::new("/offres", Match::Child, PageKind::ServerOnly),
    // Deeper `/offres/…` paths are pages too (their 404), hydrated like any public page.
    Entry::new("/offres", Match::Subtree, PageKind::Public),
    Entry::new("/", Match::Exact, PageKind::Public),
    Entry::new("/commerces", Match::UnderChild("produits"), PageKind::ServerOnly),
    Entry::new("/produits", Match::Exact, PageKind::ServerOnly),
    Entry::new("/commerces", Match::Subtree, PageKind::Public),
    Entry::new("/connexion", Match::Subtree, PageKind::Private),
    Entry::new("/tableau-de-bord", Match::Subtree, PageKind::Private),
    Entry::new("/compte", Match::Subtree, PageKind::Private),
    Entry::new("/console", Match::Subtree, PageKind::Private),
    Entry::new("/invitation", Match::Subtree, PageKind::Private),
    Entry::new("/mot-de-passe-oublie", Match::Subtree, PageKind::Private),
    Entry::new("/reinitialiser", Match::Subtree, PageKind::Private),
    Entry::new("/confirmer-adresse", Match::Subtree, PageKind::Private),
    // Click & collect (issue 14): one person's basket and orders, never cached, no script.
    Entry::new("/panier", Match::Subtree, PageKind::Follow),
    Entry::new("/commande", Match::Subtree, PageKind::Follow),
    Entry::new("/demander", Match::Exact, PageKind::Follow),
];

/// The kind of page `path` (without its language prefix) is, `None` when it is no page of ours.
pub fn kind_of(path: &str) -> Option<PageKind> {
    TABLE.iter().find(|entry| entry.covers(path)).map(|entry| entry.kind)
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
        assert_eq!(kind_of("/commerces/patisserie-lemaire/produits"), Some(PageKind::ServerOnly));
        assert_eq!(kind_of("/commerces/patisserie-lemaire/produits/12"), Some(PageKind::ServerOnly));
        assert_eq!(kind_of("/commerces/patisserie-lemaire/produitsx"), Some(PageKind::Public));
        assert_eq!(kind_of("/commerces//produits"), Some(PageKind::Public));
        assert_eq!(kind_of("/produits"), Some(PageKind::ServerOnly));
        assert_eq!(kind_of("/produits/12"), None);
        assert_eq!(kind_of("/"), Some(PageKind::Public));
        assert_eq!(kind_of("/offres"), Some(PageKind::ServerOnly));
        assert_eq!(kind_of("/offres/12"), Some(PageKind::ServerOnly));
        assert_eq!(kind_of("/offres/12/x"), Some(PageKind::Public));
        assert_eq!(kind_of("/offres/suivre"), Some(PageKind::Follow));
        assert_eq!(kind_of("/api/businesses"), None);
        assert_eq!(kind_of("/pkg/vitrine.js"), None);
    }
}
