//! The HTTP stack around the Leptos app:
//! - pages and server functions (leptos_axum), `/media` and `/pkg` files, public files and the
//!   404 page (`file_and_error_handler`);
//! - language: `/fr/…` remembers French and redirects to the unprefixed URL; an unprefixed page
//!   follows the remembered choice, else `Accept-Language`, on the first visit;
//! - CSRF: state-changing requests must come from our own origin;
//! - HTML: validators (ETag, `If-None-Match` → 304), `no-cache`, and Leptos's output made valid
//!   and deterministic (`tidy_html`); rendered pages are kept in a per-instance cache
//!   (`page_cache`) while the data and the minute are unchanged;
//! - caching of assets and compression.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use common::Lang;
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::page_cache::PageCache;

/// The cookie that remembers the visitor's language choice (functional, not tracking).
const LANG_COOKIE: &str = "vitrine_lang";
/// Largest HTML page the finishing layer buffers; anything bigger passes through untouched.
const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

pub fn router(state: AppState, media_dir: &Path) -> Router {
    let routes = generate_route_list(App);
    let cache = Arc::new(PageCache::default());
    let cache_state = state.clone();
    let context_state = state.clone();
    let error_state = state.clone();
    let options = state.leptos_options.clone();
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Hashed asset names change with their content, so browsers may keep them for a year.
    let pkg_cache = if options.hash_files { "public, max-age=31536000, immutable" } else { "no-cache" };

    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(options.clone()),
        )
        .route("/fr", get(remember_french))
        .route("/fr/{*rest}", get(remember_french))
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(error_state.clone()),
            shell,
        ))
        .layer(middleware::from_fn(finish_html))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::page_cache::cache_pages(State(cache_state.clone()), cache.clone(), request, next)
        }))
        .layer(middleware::from_fn(answer_conditional_get))
        .layer(middleware::from_fn(negotiate_language));

    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(pkg_cache)))
        .service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip());
    let media = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        ))
        .service(ServeDir::new(media_dir));

    pages
        .nest_service("/pkg", pkg)
        .nest_service("/media", media)
        .layer(middleware::from_fn(reject_cross_site_writes))
        .layer(middleware::from_fn(security_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// `/fr/commerces?q=x` → 302 `/commerces?q=x`, remembering French in a cookie.
async fn remember_french(request: Request) -> Response {
    let path = request.uri().path();
    let rest = path.strip_prefix("/fr").unwrap_or("");
    let rest = if rest.is_empty() { "/" } else { rest };
    // Only local paths: `//evil.example` must not become an open redirect.
    let rest = if rest.starts_with("//") { "/" } else { rest };
    redirect_with_language(&with_query(rest, &request), Lang::Fr)
}

/// `path` followed by the request's query string, if it has one.
fn with_query(path: &str, request: &Request) -> String {
    match request.uri().query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    }
}

fn redirect_with_language(location: &str, lang: Lang) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, value);
    }
    headers.insert(header::SET_COOKIE, language_cookie(lang));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn language_cookie(lang: Lang) -> HeaderValue {
    HeaderValue::from_str(&format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code()))
        .expect("cookie is ASCII")
}

fn cookie_language(request: &Request) -> Option<Lang> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_code(value))
}

/// Pages are `/`, `/commerces…` and their `/nl`, `/en` twins; files and API calls are not.
pub fn is_page(path: &str) -> bool {
    let (_, rest) = Lang::split_path(path);
    rest == "/" || rest == "/commerces" || rest.starts_with("/commerces/")
}

/// Sends an unprefixed page to the visitor's language (remembered choice first, then
/// `Accept-Language`), and remembers the language of prefixed pages.
async fn negotiate_language(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if !matches!(*request.method(), Method::GET | Method::HEAD) || !is_page(&path) {
        return next.run(request).await;
    }
    let (path_lang, rest) = Lang::split_path(&path);
    let remembered = cookie_language(&request);
    if path_lang == Lang::Fr {
        let wanted = remembered.or_else(|| {
            request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::negotiate)
        });
        if let Some(lang) = wanted.filter(|l| *l != Lang::Fr) {
            let mut response = redirect_with_language(&with_query(&lang.localize(rest), &request), lang);
            response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
            return response;
        }
        let mut response = next.run(request).await;
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
        return response;
    }
    let mut response = next.run(request).await;
    if remembered != Some(path_lang) && response.status().is_success() {
        response.headers_mut().append(header::SET_COOKIE, language_cookie(path_lang));
    }
    response
}

/// Refuses POST/PUT/PATCH/DELETE that a browser says come from another site (`Sec-Fetch-Site`),
/// or whose `Origin` is not our host. Cookies are `SameSite=Lax` too; this covers the rest.
async fn reject_cross_site_writes(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let same_site = match fetch_site {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), headers.get(header::HOST)) {
            (Some(origin), Some(host)) => {
                let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
                host.to_str().is_ok_and(|h| h == origin_host)
            }
            // Not a browser form or fetch (no Origin): curl, tests, server-to-server.
            (None, _) => true,
            (Some(_), None) => false,
        },
    };
    if same_site {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "Cross-site request refused / Requête d'un autre site refusée").into_response()
    }
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Not `no-referrer`: server-function forms without JavaScript redirect back to the Referer.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
    );
    response
}

/// Buffers HTML pages to tidy them (`tidy_html`) and give them an ETag and `no-cache`.
async fn finish_html(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_HTML_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "could not buffer an HTML page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let html = tidy_html(&bytes);
    let mut hasher = DefaultHasher::new();
    html.hash(&mut hasher);
    parts.status.as_u16().hash(&mut hasher);
    let etag = format!("W/\"{:016x}\"", hasher.finish());
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    Response::from_parts(parts, Body::from(html))
}

/// Answers `If-None-Match` with 304 Not Modified when the page's ETag matches.
async fn answer_conditional_get(request: Request, next: Next) -> Response {
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let Some(etag) = response.headers().get(header::ETAG).and_then(|v| v.to_str().ok()) else {
        return response;
    };
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    if !matches || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::empty())
}

/// Makes Leptos's HTML valid and deterministic without changing the DOM the browser builds:
/// - `<!>` placeholders become `<!---->` (the same empty comment node);
/// - the per-request nonce is dropped (we send no script-nonce CSP, so it protects nothing) and
///   the `crossorigin` attributes that carried it become `crossorigin=""`, the anonymous mode
///   their invalid value meant anyway; the page's bytes, and so its ETag, no longer change on
///   every request;
/// - the hydration-data scripts written after `</html>` move before `</body>`, which is where
///   the HTML parser puts them anyway.
fn tidy_html(html: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else {
        return html.to_vec();
    };
    let mut text = text.replace("<!>", "<!---->");
    if let Some(nonce) = find_nonce(&text) {
        text = text
            .replace(&format!("crossorigin=\"{nonce}\""), "crossorigin=\"\"")
            .replace(&format!(" nonce=\"{nonce}\""), "");
    }
    if let (Some(body_end), Some(html_end)) = (text.rfind("</body>"), text.rfind("</html>")) {
        let tail_start = html_end + "</html>".len();
        if body_end < html_end && tail_start < text.len() {
            let tail = text[tail_start..].trim_start_matches("<!---->").to_string();
            let mut moved = String::with_capacity(text.len());
            moved.push_str(&text[..body_end]);
            moved.push_str(&tail);
            moved.push_str(&text[body_end..tail_start]);
            text = moved;
        }
    }
    text.into_bytes()
}

/// The nonce Leptos put on its first inline script, if any.
fn find_nonce(html: &str) -> Option<String> {
    let start = html.find("<script type=\"module\" nonce=\"").map(|i| i + "<script type=\"module\" nonce=\"".len())?;
    let end = html[start..].find('"')? + start;
    let nonce = &html[start..end];
    nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_').then(|| nonce.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_empty_comments() {
        assert_eq!(tidy_html(b"<p>a<!>b</p><!>"), b"<p>a<!---->b</p><!---->".to_vec());
        assert_eq!(tidy_html(b"<!-- x --><!DOCTYPE html>"), b"<!-- x --><!DOCTYPE html>".to_vec());
    }

    #[test]
    fn nonce_is_dropped_and_trailing_scripts_move_into_the_body() {
        let page = concat!(
            r#"<html><head><link rel="modulepreload" href="/pkg/v.js" crossorigin="Ab-9_x">"#,
            r#"<script type="module" nonce="Ab-9_x">go()</script></head><body><main></main><!></body>"#,
            r#"<!----></html><!----><script nonce="Ab-9_x">data=1</script>"#
        );
        let tidy = String::from_utf8(tidy_html(page.as_bytes())).unwrap();
        assert_eq!(
            tidy,
            concat!(
                r#"<html><head><link rel="modulepreload" href="/pkg/v.js" crossorigin="">"#,
                r#"<script type="module">go()</script></head><body><main></main><!----><script>data=1</script></body>"#,
                r#"<!----></html>"#
            )
        );
    }

    #[test]
    fn only_directory_pages_negotiate_language() {
        assert!(is_page("/"));
        assert!(is_page("/nl/commerces/boucherie-dubois"));
        assert!(is_page("/en"));
        assert!(!is_page("/api/businesses"));
        assert!(!is_page("/pkg/vitrine.js"));
        assert!(!is_page("/commercesx"));
    }
}
