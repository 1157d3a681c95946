//! The forms of following offers by e-mail (issue 8; the pages are `app::pages::follow`):
//! - `POST /offres/suivre`: subscribe (double opt-in, `domain::offers::follow::subscribe`);
//! - `POST /offres/confirmer`: use a confirmation link (its token in the body);
//! - `POST /offres/desabonnement?cle=…`: unsubscribe, from the page's button or straight from a
//!   mail provider's one-click button (RFC 8058: body `List-Unsubscribe=One-Click`, URL-encoded
//!   or `multipart/form-data`, no cookie, no `Origin`; `crate::http::csrf` lets exactly that
//!   request through);
//!
//! each also under `/nl` and `/en`. A middleware ([`handle_posts`]) rather than routes: the same
//! paths answer GET with the Leptos pages, and a refused form is shown again by rendering that
//! page with the typed fields as its query (status 422, or 429 when throttled), so nothing typed
//! is lost and no client code is needed. Success answers 303 to the page's "done" state.

use std::sync::Arc;

use app::pages::follow::{CONFIRM_PATH, FOLLOW_PATH, UNSUBSCRIBE_PATH};
use app::state::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use common::{AppError, Lang};
use domain::offers::follow::{self, Choice, Frequency};
use domain::DomainError;
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};
use tower::ServiceExt;

use crate::http::edge::{refuse, DEFAULT_BODY_LIMIT};
use crate::http::redirect;

/// Whether a request is the one-click unsubscribe POST that mail providers send from another
/// origin: the unsubscribe path with its key (checked by [`crate::http::csrf`]).
pub fn is_one_click(method: &Method, path: &str, query: Option<&str>) -> bool {
    method == Method::POST
        && Lang::split_path(path).1 == UNSUBSCRIBE_PATH
        && query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(name, _)| name == "cle"))
}

/// Answers the POSTs of the follow pages; everything else goes on.
///
/// `pages` is the pages' router (with its state): a refused form is rendered through it. (`next`
/// cannot do it: a router's layer wraps each method's handler apart, so under a POST `next` is the
/// path's "method not allowed" answer, not its GET page.)
pub async fn handle_posts(state: Arc<AppState>, pages: Router, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (lang, rest) = Lang::split_path(request.uri().path());
    let page = match rest {
        FOLLOW_PATH | CONFIRM_PATH | UNSUBSCRIBE_PATH => rest.to_string(),
        _ => return next.run(request).await,
    };
    let ip = request
        .extensions()
        .get::<crate::http::client_ip::ClientIp>()
        .map(|ip| ip.0.to_string())
        .unwrap_or_else(|| "unknown".into());
    let query = request.uri().query().unwrap_or("").to_string();
    let browser =
        request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, DEFAULT_BODY_LIMIT as usize).await else {
        return refuse(parts.uri.path(), AppError::TooLarge { limit: DEFAULT_BODY_LIMIT });
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(fields) = form_fields(content_type, bytes).await else {
        return refuse(parts.uri.path(), AppError::BadRequest);
    };
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let now = state.clock.now();
    match page.as_str() {
        FOLLOW_PATH => {
            let email = field("email").unwrap_or_default();
            let choice = match field("choix").as_deref() {
                Some("some") => {
                    let ids: Option<std::collections::BTreeSet<i32>> =
                        fields.iter().filter(|(n, _)| n == "commerces").map(|(_, v)| v.trim().parse().ok()).collect();
                    match ids {
                        Some(ids) => Ok(Choice::Businesses(ids)),
                        None => Err("unknown_business"),
                    }
                }
                _ => Ok(Choice::All),
            };
            // Anything but "daily" is the weekly digest, the default.
            let frequency = field("frequence").as_deref().and_then(Frequency::parse).unwrap_or_default();
            let outcome = match (follow::parse_email(&email), choice) {
                (Err(_), _) => Err(("email_invalid".to_string(), StatusCode::UNPROCESSABLE_ENTITY)),
                (_, Err(code)) => Err((code.to_string(), StatusCode::UNPROCESSABLE_ENTITY)),
                (Ok(address), Ok(choice)) => {
                    let subscribed = follow::subscribe(
                        &state.db,
                        &state.mail,
                        &state.base_url,
                        &address,
                        lang,
                        choice,
                        frequency,
                        &ip,
                        now,
                    );
                    match subscribed.await {
                        Ok(_) => Ok(()),
                        Err(DomainError::Invalid(problems)) => Err((
                            problems.first().map(|p| p.problem.clone()).unwrap_or_else(|| "invalid".into()),
                            StatusCode::UNPROCESSABLE_ENTITY,
                        )),
                        Err(DomainError::TooManyAttempts { .. }) => {
                            Err(("throttled".to_string(), StatusCode::TOO_MANY_REQUESTS))
                        }
                        Err(other) => return refuse(parts.uri.path(), other.into()),
                    }
                }
            };
            match outcome {
                Ok(()) => see_other(&format!("{}?envoye=1", lang.localize(FOLLOW_PATH))),
                Err((code, status)) => {
                    // Built apart: the serializer is not `Send`, so it must not live across the await.
                    let query = {
                        let mut query = form_urlencoded::Serializer::new(String::new());
                        for (name, value) in fields
                            .iter()
                            .filter(|(n, _)| matches!(n.as_str(), "email" | "choix" | "commerces" | "frequence"))
                        {
                            query.append_pair(name, value);
                        }
                        query.append_pair("erreur", &code);
                        query.finish()
                    };
                    let mut response = render_page(parts, lang, FOLLOW_PATH, &query, pages).await;
                    if response.status() == StatusCode::OK {
                        *response.status_mut() = status;
                    }
                    response
                }
            }
        }
        CONFIRM_PATH => {
            let token = field("jeton").unwrap_or_default();
            match follow::confirm(&state.db, &token, now).await {
                // The page then says when the first e-mail comes (`frequence` is only wording).
                Ok(confirmed) => {
                    let daily = if confirmed.frequency == follow::Frequency::Daily { "&frequence=daily" } else { "" };
                    see_other(&format!("{}?fait=1{daily}", lang.localize(CONFIRM_PATH)))
                }
                // The page says why (404 used or unknown, 410 expired) with its status.
                Err(DomainError::NotFound | DomainError::LinkExpired) => {
                    let query: String =
                        form_urlencoded::Serializer::new(String::new()).append_pair("jeton", &token).finish();
                    render_page(parts, lang, CONFIRM_PATH, &query, pages).await
                }
                Err(other) => refuse(parts.uri.path(), other.into()),
            }
        }
        _ => {
            // RFC 8058: the one-click body, which the page's own button sends too.
            if field("List-Unsubscribe").as_deref() != Some("One-Click") {
                return refuse(parts.uri.path(), AppError::BadRequest);
            }
            let key = form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == "cle")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            match follow::unsubscribe(&state.db, &key).await {
                // Unknown keys get the same answer: a second click (or the provider's request
                // after the person's own) has nothing left to do, and that is fine.
                Ok(_) if browser => see_other(&format!("{}?fait=1", lang.localize(UNSUBSCRIBE_PATH))),
                Ok(_) => {
                    let mut response = StatusCode::OK.into_response();
                    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    response
                }
                Err(other) => refuse(parts.uri.path(), other.into()),
            }
        }
    }
}

/// The fields of a form's body: `multipart/form-data` when declared so (RFC 8058 lets a mail
/// provider send the one-click body either way, and the forms accept it too), URL-encoded
/// otherwise; `None` for a multipart body that cannot be read. Files' contents are left out.
pub(crate) async fn form_fields(content_type: &str, body: axum::body::Bytes) -> Option<Vec<(String, String)>> {
    let is_multipart =
        content_type.split(';').next().is_some_and(|mime| mime.trim().eq_ignore_ascii_case("multipart/form-data"));
    if !is_multipart {
        return Some(form_urlencoded::parse(&body).into_owned().collect());
    }
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_string();
        if field.file_name().is_some() {
            continue;
        }
        fields.push((name, field.text().await.ok()?));
    }
    Some(fields)
}

pub(crate) fn see_other(location: &str) -> Response {
    let mut response = redirect(StatusCode::SEE_OTHER, location);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Renders the page at `path` (in `lang`) with `query`, as if the browser had asked for it: the
/// refused form comes back with what was typed.
pub(crate) async fn render_page(parts: http::request::Parts, lang: Lang, path: &str, query: &str, pages: Router) -> Response {
    let mut parts = parts;
    parts.method = Method::GET;
    let uri = format!("{}?{query}", lang.localize(path));
    match uri.parse() {
        Ok(uri) => parts.uri = uri,
        Err(_) => return refuse(&lang.localize(path), AppError::BadRequest),
    }
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH, header::IF_NONE_MATCH, header::ACCEPT_LANGUAGE] {
        parts.headers.remove(name);
    }
    let Ok(mut response) = pages.oneshot(Request::from_parts(parts, Body::empty())).await;
    // Holds what a person typed: never stored by a cache.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().remove(header::ETAG);
    response
}
