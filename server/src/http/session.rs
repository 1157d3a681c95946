//! Resolves the session cookie of each request into the logged-in account, for the pages and
//! server functions (`app::state::CurrentSession` in the request's extensions).
//!
//! The cookie is `vitrine_session`, or `__Host-vitrine_session` when the public URL is HTTPS
//! (then also `Secure`; the prefix makes browsers refuse it from a subdomain or over HTTP). It
//! is `HttpOnly` and `SameSite=Lax`: a merchant following a link from an e-mail arrives logged
//! in, and cross-site writes are refused by the CSRF guard anyway. Requests without the cookie
//! (every shopper) cost nothing here; with one, a single query by primary key.
//!
//! A cookie whose session has ended is removed from the browser on the way out, so the next
//! public page is served from the shared cache again.

use std::sync::Arc;

use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderValue};

pub const COOKIE: &str = "vitrine_session";
pub const SECURE_COOKIE: &str = "__Host-vitrine_session";

pub fn cookie_name(https: bool) -> &'static str {
    if https {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The value of the session cookie in a request, if any.
pub fn session_token(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

pub async fn resolve_session(state: Arc<AppState>, https: bool, mut request: Request, next: Next) -> Response {
    let name = cookie_name(https);
    let token = session_token(&request, name);
    let mut current = CurrentSession { actor: None, token: None, cookie_name: name, secure: https };
    let mut stale = false;
    if let Some(token) = token {
        match domain::accounts::sessions::resolve(&state.db, &token, state.clock.now()).await {
            Ok(Some(account)) => {
                current.actor = Some(domain::accounts::actor_of(&account));
                current.token = Some(token);
            }
            Ok(None) => stale = true,
            Err(error) => tracing::error!(%error, "session lookup failed"),
        }
    }
    let cleared = current.cleared_cookie();
    let logged_in = current.actor.is_some();
    let path = request.uri().path();
    let asset = path.starts_with("/pkg/") || path.starts_with("/pkg-private/") || path.starts_with("/media/");
    request.extensions_mut().insert(current);
    let mut response = next.run(request).await;
    // What a logged-in person is shown is theirs: no shared cache (a proxy, a library's
    // computer) may keep it. Hashed assets and photos stay cacheable.
    if logged_in && !asset {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        if let Ok(value) = HeaderValue::from_str(&cleared) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
