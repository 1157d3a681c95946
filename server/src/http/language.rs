//! Which language a visitor gets.
//! - A prefixed URL (`/nl/…`, `/en/…`) is always in its language: a shared Dutch link opens in
//!   Dutch. It sets no cookie.
//! - An unprefixed (French) page follows the visitor's remembered choice, else
//!   `Accept-Language`, on the first visit: it redirects there (302, `Vary: Accept-Language,
//!   Cookie`).
//! - The choice is remembered (a functional cookie, not a tracking one) only when the visitor
//!   uses the language switcher, whose links go through `/langue/{code}/{page}`.
//! - `/fr/…` is not a page of its own: 301 to the unprefixed URL.

use axum::extract::{Path, Request};
use axum::middleware::Next;
use axum::response::Response;
use common::Lang;
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

use super::{is_page, with_query};

/// The cookie that remembers the visitor's language choice.
pub const LANG_COOKIE: &str = "vitrine_lang";

/// `/fr/commerces?q=x` → 301 `/commerces?q=x` (French has no prefix).
pub async fn french_prefix(request: Request) -> Response {
    let rest = request.uri().path().strip_prefix("/fr").unwrap_or("");
    redirect(StatusCode::MOVED_PERMANENTLY, &with_query(local_path(rest), &request), None)
}

/// The language switcher: `/langue/nl/commerces?q=x` remembers Dutch and goes to
/// `/nl/commerces?q=x`. An unknown language is a 404.
pub async fn choose(Path(params): Path<Vec<(String, String)>>, request: Request) -> Response {
    let Some(lang) = params.iter().find(|(name, _)| name == "code").and_then(|(_, code)| Lang::from_code(code)) else {
        return super::edge::refuse(request.uri().path(), common::AppError::NotFound);
    };
    let rest = request.uri().path().strip_prefix("/langue/").and_then(|p| p.get(2..)).unwrap_or("");
    let target = lang.localize(local_path(rest));
    redirect(StatusCode::FOUND, &with_query(&target, &request), Some(lang))
}

/// A path of this site: `/` for nothing, and never `//host` (no open redirect).
fn local_path(rest: &str) -> &str {
    if rest.is_empty() || rest.starts_with("//") || !rest.starts_with('/') {
        "/"
    } else {
        rest
    }
}

fn redirect(status: StatusCode, location: &str, remember: Option<Lang>) -> Response {
    let mut response = super::redirect(status, location);
    let headers = response.headers_mut();
    if let Some(lang) = remember {
        headers.insert(header::SET_COOKIE, language_cookie(lang));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn language_cookie(lang: Lang) -> HeaderValue {
    HeaderValue::from_str(&format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code()))
        .expect("cookie is ASCII")
}

pub fn cookie_language(headers: &http::HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_code(value))
}

/// The language a visitor wants: the remembered choice, else `Accept-Language`'s.
pub fn wanted(headers: &http::HeaderMap) -> Option<Lang> {
    cookie_language(headers)
        .or_else(|| headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::negotiate))
}

/// Sends an unprefixed page to the visitor's language (remembered choice first, then
/// `Accept-Language`). Every page says what it varies on: the unprefixed ones on the language
/// headers, all of them on `Cookie` (a signed-in merchant's pages are not a visitor's).
pub async fn negotiate(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if !matches!(*request.method(), Method::GET | Method::HEAD) || !is_page(&path) {
        return next.run(request).await;
    }
    let (path_lang, rest) = Lang::split_path(&path);
    if path_lang != Lang::Fr {
        let mut response = next.run(request).await;
        vary_first(&mut response, "Cookie");
        return response;
    }
    let mut response = match wanted(request.headers()).filter(|l| *l != Lang::Fr) {
        Some(lang) => redirect(StatusCode::FOUND, &with_query(&lang.localize(rest), &request), None),
        None => next.run(request).await,
    };
    vary_first(&mut response, "Accept-Language, Cookie");
    response
}

/// Puts `ours` first in the response's `Vary`, one header with what inner layers said after it
/// (the page cache's `accept-encoding`).
fn vary_first(response: &mut Response, ours: &'static str) {
    let inner: Vec<&str> = response.headers().get_all(header::VARY).iter().filter_map(|v| v.to_str().ok()).collect();
    if inner.is_empty() {
        response.headers_mut().insert(header::VARY, HeaderValue::from_static(ours));
    } else if let Ok(value) = HeaderValue::from_str(&format!("{ours}, {}", inner.join(", "))) {
        response.headers_mut().insert(header::VARY, value);
    }
}
