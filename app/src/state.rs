//! What server functions need from the server: the database pool, the clock, the public URL, the
//! instance's directory and catalogue indexes and its e-mail sender's notifier. The server builds one `AppState`
//! and provides it as context to every request.

use std::sync::Arc;

use domain::catalogue::search::CatalogueIndex;
use domain::directory_index::DirectoryIndex;
use domain::Clock;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    /// Behind an `Arc`: axum clones the state (and the handlers holding it) for every request.
    pub leptos_options: Arc<LeptosOptions>,
    pub db: DatabaseConnection,
    pub clock: Clock,
    /// Absolute base URL of the site, without trailing slash (canonical links, JSON-LD, Open Graph).
    pub base_url: Arc<str>,
    /// The in-memory index that answers searches; it also tells the page cache the data version.
    pub directory: Arc<DirectoryIndex>,
    /// The in-memory index that answers the search of every shop's products (`/produits`).
    pub catalogue: Arc<CatalogueIndex>,
    /// Wakes this instance's e-mail sender once an e-mail is queued: the same notifier is given
    /// to the sender, each app its own (two apps in one process never wake each other's).
    pub mail: domain::mail::Notifier,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        (*state.leptos_options).clone()
    }
}

/// The media directory (photos and icons, served under `/media`), for the server functions that
/// remove photo files. Its own context rather than a field of [`AppState`], which every
/// instance and test builds.
#[derive(Clone, Debug)]
pub struct MediaDir(pub Arc<std::path::Path>);

/// The request's session, resolved by the server's session middleware before any page or server
/// function runs: the logged-in account (if any) and the cookie's name for this site (with the
/// `__Host-` prefix when the public URL is HTTPS).
#[derive(Clone, Debug, Default)]
pub struct CurrentSession {
    pub actor: Option<domain::authz::Actor>,
    pub token: Option<String>,
    pub cookie_name: &'static str,
    pub secure: bool,
}

impl CurrentSession {
    /// The `Set-Cookie` value that gives the browser a session token.
    pub fn cookie_for(&self, token: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        let max_age = domain::accounts::sessions::ABSOLUTE.num_seconds();
        format!("{}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}", self.cookie_name)
    }

    /// The `Set-Cookie` value that removes the session cookie.
    pub fn cleared_cookie(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}", self.cookie_name)
    }
}

/// The visitor's address, resolved by the server's client-address middleware: the TCP peer, or,
/// when the peer is a trusted reverse proxy, the right-most untrusted hop of `X-Forwarded-For`
/// or `Forwarded`. Throttles count it by network (`domain::accounts::throttle::client_network`:
/// an IPv6 address by its /64).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);
