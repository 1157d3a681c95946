//! Cross-site request forgery defence for every state-changing request (anything but GET, HEAD
//! and OPTIONS), server functions included.
//!
//! A browser says where a request comes from: `Sec-Fetch-Site` (all current browsers) must be
//! `same-origin` (or `none`: typed by the user); without it, `Origin` must be the configured
//! public URL's origin. The comparison is with the configuration, not the `Host` header, which
//! a proxy may rewrite and a client chooses. A request with neither header is not a browser's
//! (curl, a test, another server) and carries no ambient cookies to abuse. Session cookies will
//! be `SameSite=Lax` on top of this.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header;
use http::{Method, StatusCode};

/// `scheme://host[:port]` of a base URL (no path, no trailing slash).
pub fn origin_of(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    match base_url[after_scheme..].find('/') {
        Some(slash) => &base_url[..after_scheme + slash],
        None => base_url,
    }
}

/// Whether a state-changing request may proceed.
pub fn same_origin(fetch_site: Option<&str>, origin: Option<&str>, public_origin: &str) -> bool {
    match (fetch_site, origin) {
        (Some(site), _) => matches!(site, "same-origin" | "none"),
        (None, Some(origin)) => origin.eq_ignore_ascii_case(public_origin),
        (None, None) => true,
    }
}

/// The guard; `public_origin` is [`origin_of`] the configured public URL.
pub async fn reject_cross_site_writes(public_origin: std::sync::Arc<str>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    // A mail provider's one-click unsubscribe (RFC 8058) comes from its own servers, with no
    // cookie: it can only delete the subscription whose key it carries, which is what it is for.
    if crate::follow::is_one_click(request.method(), request.uri().path(), request.uri().query()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if same_origin(fetch_site, origin, &public_origin) {
        next.run(request).await
    } else {
        tracing::warn!(?fetch_site, ?origin, "cross-site write refused");
        let mut response = super::edge::refuse(request.uri().path(), common::AppError::Forbidden);
        *response.status_mut() = StatusCode::FORBIDDEN;
        response.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_origin_is_the_only_one_trusted() {
        assert_eq!(origin_of("https://vitrine.soignies.be"), "https://vitrine.soignies.be");
        assert_eq!(origin_of("http://127.0.0.1:3000/sub"), "http://127.0.0.1:3000");
        let ours = "https://vitrine.soignies.be";
        assert!(same_origin(Some("same-origin"), Some(ours), ours));
        assert!(!same_origin(Some("cross-site"), Some(ours), ours));
        assert!(!same_origin(Some("same-site"), None, ours));
        assert!(same_origin(None, Some("https://VITRINE.soignies.be"), ours));
        assert!(!same_origin(None, Some("https://evil.example"), ours));
        assert!(!same_origin(None, Some("http://vitrine.soignies.be"), ours));
        assert!(!same_origin(None, Some("null"), ours));
        assert!(same_origin(None, None, ours));
    }
}
