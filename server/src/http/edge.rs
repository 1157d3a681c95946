//! Checks at the edge, before any of our code or the database sees a request:
//! - control characters (NUL, newlines, escape…) in the path or the query, raw or
//!   percent-encoded, a backslash in the path (`/\evil.example` would redirect off site), raw or
//!   percent-encoded, and percent-encoded bytes that are not UTF-8: 400 with a translated
//!   message (PostgreSQL would otherwise refuse a NUL in a slug with a 500, where SQLite
//!   answered 404);
//! - bodies over the route's limit ([`body_limit`], from the forms' table [`FORMS`]): 413 when
//!   `Content-Length` says so, and a body cut at the limit otherwise (a server function then
//!   answers 400: its arguments do not decode; a form's reader 413);
//! - a trailing slash (`/nl/`, `/commerces/`): 301 to the URL without it, keeping the query;
//! - and, outermost but one ([`deadline`]), requests that take longer than the route's
//!   [`time_limit`]: 503.
//!
//! Refusals are JSON `AppError`s under `/api/` (what server-function callers decode) and a small
//! translated HTML page elsewhere.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use common::{AppError, Lang};
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};
use percent_encoding::percent_decode_str;

use super::multipart::FormRoute;

/// Server functions' arguments and future forms: small.
pub const DEFAULT_BODY_LIMIT: u64 = 64 * 1024;

/// The routes with limits of their own: the `multipart/form-data` forms, each declared beside
/// its handler ([`super::multipart::FormRoute`]). A new form is one more entry.
pub const FORMS: &[&FormRoute] =
    &[&super::uploads::FORM, &super::offers_merchant::FORM, &super::products_merchant::IMPORT_FORM, &super::products_merchant::PHOTO_FORM];

/// The form whose route `path` is, if any.
fn form_of(path: &str) -> Option<&'static FormRoute> {
    FORMS.iter().copied().find(|form| form.matches(path))
}

/// The largest body a route accepts: its form's limit ([`FORMS`]), or [`DEFAULT_BODY_LIMIT`].
pub fn body_limit(path: &str) -> u64 {
    form_of(path).map_or(DEFAULT_BODY_LIMIT, |form| form.body_limit)
}

/// How long a request may take, from its first byte to our last, before a 503: its form's limit
/// ([`FORMS`]: a photo's body from a phone on a weak mobile connection may take minutes, and
/// only a logged-in editor gets to send one, anyone else being answered before the body is
/// read), or [`super::REQUEST_TIMEOUT`].
pub fn time_limit(path: &str) -> Duration {
    form_of(path).map_or(super::REQUEST_TIMEOUT, |form| form.time_limit)
}

/// Answers 503 when a request outlasts its route's [`time_limit`] (as tower-http's timeout
/// layer did with one limit for all).
pub async fn deadline(request: Request, next: Next) -> Response {
    let limit = time_limit(request.uri().path());
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// Whether a path or query, once percent-decoded, holds a control character or bytes that are
/// not UTF-8. Tab, CR and LF count: nothing a visitor types into our fields needs them in a URL.
pub fn unreadable(text: &str) -> bool {
    let decoded: Vec<u8> = percent_decode_str(text).collect();
    match std::str::from_utf8(&decoded) {
        Ok(text) => text.chars().any(char::is_control),
        Err(_) => true,
    }
}

/// A backslash in a path, raw or encoded: no page has one, and browsers read `/\host` as
/// `//host`, so a redirect that kept it would leave the site.
fn has_backslash(path: &str) -> bool {
    percent_decode_str(path).any(|b| b == b'\\')
}

pub async fn guard(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let query = request.uri().query().unwrap_or("");
    // `+` is a space in query strings; decoding it as such changes nothing for this check.
    if unreadable(path) || unreadable(query) || has_backslash(path) {
        return refuse(path, AppError::BadRequest);
    }
    if matches!(*request.method(), Method::GET | Method::HEAD) && path.len() > 1 && path.ends_with('/') {
        // Collapse leading slashes too: `//evil.example/` must not redirect off site.
        let trimmed = format!("/{}", path.trim_matches('/'));
        return super::redirect(StatusCode::MOVED_PERMANENTLY, &super::with_query(&trimmed, &request));
    }
    let mut limit = body_limit(path);
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let mut request = request;
    if let Some(length) = declared.filter(|length| *length > limit) {
        // A form posted without JavaScript goes back to its page with the message and what was
        // typed (`super::errors::form_over_limit`); anything else is refused here.
        let Some(over) = super::errors::OverLimit::of(&request, limit, length) else {
            return refuse(request.uri().path(), AppError::TooLarge { limit });
        };
        limit = over.read_limit();
        request.extensions_mut().insert(over);
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit as usize));
    next.run(Request::from_parts(parts, body)).await
}

/// The answer to a refused request: the error as JSON for the API, a page for people.
pub fn refuse(path: &str, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = if path.starts_with("/api/") {
        let json = serde_json::to_string(&error).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
    } else {
        let lang = Lang::split_path(path).0;
        let (title, text) = app::components::problem::refusal_texts(lang, &error);
        let home = lang.localize("/");
        let page = format!(
            "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\"><title>{title}</title></head>\
             <body><main><h1>{title}</h1><p>{text}</p><p><a href=\"{home}\">Vitrine</a></p></main></body></html>",
            code = lang.code(),
            title = common::html::escape(&title),
            text = common::html::escape(&text),
        );
        (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_broken_encodings_are_unreadable() {
        assert!(unreadable("/commerces/caf%00e"));
        assert!(unreadable("q=a%0Ab"));
        assert!(unreadable("q=%1B%5B31m"));
        assert!(unreadable("/commerces/%FF"));
        assert!(unreadable("q=%7F"));
        assert!(!unreadable("/commerces/p%C3%A2tisserie"));
        assert!(!unreadable("q=caf%C3%A9+cr%C3%A8me&page=2"));
        assert!(!unreadable("q=%25%20%3Cscript%3E"));
        assert!(has_backslash("/\\evil.example/") && has_backslash("/fr/%5Cevil.example"));
        assert!(!has_backslash("/commerces/boucherie-dubois"));
    }

    #[test]
    fn only_the_forms_get_more_room_and_time() {
        use super::super::{offers_merchant, uploads, REQUEST_TIMEOUT};
        assert_eq!(body_limit("/api/save_profile"), DEFAULT_BODY_LIMIT);
        assert_eq!(time_limit("/commerces"), REQUEST_TIMEOUT);
        assert_eq!(body_limit("/nl/tableau-de-bord/4/photos/ajouter"), uploads::BODY_LIMIT);
        assert_eq!(time_limit("/tableau-de-bord/4/photos/ajouter"), uploads::TIME_LIMIT);
        assert_eq!(body_limit("/en/tableau-de-bord/4/offres/envoyer"), offers_merchant::BODY_LIMIT);
        assert_eq!(time_limit("/tableau-de-bord/4/offres/envoyer"), offers_merchant::TIME_LIMIT);
        // Near misses get the default.
        for path in
            ["/tableau-de-bord/4/photos", "/tableau-de-bord/04/offres/envoyer", "/api/tableau-de-bord/4/photos/ajouter"]
        {
            assert_eq!((body_limit(path), time_limit(path)), (DEFAULT_BODY_LIMIT, REQUEST_TIMEOUT), "{path}");
        }
        // Each form once in the table, each with room for its files.
        for (i, form) in FORMS.iter().enumerate() {
            assert!(FORMS[i + 1..].iter().all(|other| other.route != form.route), "{}", form.route);
            assert!(form.body_limit as usize > form.max_files * form.max_file_bytes, "{}", form.route);
            assert!(form.time_limit > REQUEST_TIMEOUT && form.read_time() < form.time_limit, "{}", form.route);
        }
    }
}
