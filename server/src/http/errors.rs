//! Honest statuses for server functions. server_fn 0.8 answers every `Err` with 500; the body
//! is our `AppError` as JSON, so this middleware reads it back and sets the status the error
//! policy (`common::error`) gives it: 400 for arguments that do not decode, 404, 409, 422, 403…
//! Only error answers are read (they are a few bytes); successful answers stream through.
//!
//! It also answers the forms posted without JavaScript whose body is over the route's limit
//! ([`OverLimit`], marked by `super::edge`): such a form goes back to its page like any refused
//! form (`app::api::forms`), with the message next to the field that is too long and what was
//! typed, instead of a page of JSON.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use common::error::FieldProblem;
use common::AppError;
use http::{header, StatusCode};

/// Largest error body read back (our errors are short; anything longer is left as it is).
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// The most of a form over its limit that is read to send it back with what was typed: a few
/// times the forms' limit (a description pasted twice), well under what a session's kept values
/// may take (`domain::form_echo::MAX_BYTES`). Past it, the form goes back with the message only.
pub const OVER_LIMIT_READ: u64 = 256 * 1024;

/// A server function's form posted without JavaScript whose body is over the route's limit.
#[derive(Debug, Clone, Copy)]
pub struct OverLimit {
    /// The route's limit (bytes).
    pub limit: u64,
    /// Whether the body is small enough to be read back ([`OVER_LIMIT_READ`]).
    pub readable: bool,
}

impl OverLimit {
    /// Whether this request over `limit` (declaring `length` bytes) is a form of the pages posted
    /// without JavaScript, which can go back to its page: a url-encoded POST to a server
    /// function, asking for HTML, from a page of this site.
    pub fn of(request: &Request, limit: u64, length: u64) -> Option<OverLimit> {
        let headers = request.headers();
        let url_encoded = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let form = request.method() == http::Method::POST
            && request.uri().path().starts_with("/api/")
            && url_encoded
            && headers.contains_key(header::REFERER)
            && app::api::forms::posted_without_javascript(headers);
        form.then_some(OverLimit { limit, readable: length <= OVER_LIMIT_READ })
    }

    /// How much of the body the server may read.
    pub fn read_limit(&self) -> u64 {
        if self.readable {
            OVER_LIMIT_READ
        } else {
            0
        }
    }
}

pub async fn honest_statuses(State(state): State<app::state::AppState>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if let Some(over) = request.extensions().get::<OverLimit>().copied() {
        return form_over_limit(&state, over, request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Sends a form over its body limit back to its page: the field over its length (or, when none
/// is, the longest) named with its limit, the values typed kept for the session (passwords
/// never), and nothing saved: the server function never runs.
async fn form_over_limit(state: &app::state::AppState, over: OverLimit, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let (parts, body) = request.into_parts();
    let too_large = AppError::TooLarge { limit: over.limit };
    let fields: Vec<(String, String)> = if over.readable {
        match axum::body::to_bytes(body, OVER_LIMIT_READ as usize).await {
            Ok(bytes) => form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
            Err(_) => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let error = over_limit_problems(&fields)
        .map(|problems| {
            let named = |mut p: FieldProblem| {
                p.field = app::api::forms::problem_field(&path, &p.field, &fields);
                p
            };
            AppError::Invalid(problems.into_iter().map(named).collect())
        })
        .unwrap_or(too_large);
    let session = parts.extensions.get::<app::state::CurrentSession>().cloned().unwrap_or_default();
    let kept: Vec<(String, String)> = fields.into_iter().filter(|(name, _)| !name.contains("password")).collect();
    // Only the hidden fields every form carries left: nothing typed to keep.
    let echo = if kept.iter().all(|(name, _)| matches!(name.as_str(), "lang" | "business_id" | "version")) {
        None
    } else {
        domain::form_echo::keep(&state.db, session.token.as_deref(), &path, &kept, state.clock.now())
            .await
            .unwrap_or_else(|error| {
                tracing::error!(%error, "a refused form's values could not be kept");
                None
            })
    };
    match app::api::forms::refusal_location(&parts.headers, &path, &error, echo.as_deref()) {
        Some(location) => super::redirect(StatusCode::SEE_OTHER, &location),
        None => super::edge::refuse(&path, AppError::TooLarge { limit: over.limit }),
    }
}

/// The fields of a form over its body limit to name: each over its length limit, else the
/// longest of those with a limit; `None` if no field has one (the form then gets the general
/// "too large" message).
fn over_limit_problems(fields: &[(String, String)]) -> Option<Vec<FieldProblem>> {
    fn limited((name, value): &(String, String)) -> Option<(&str, usize, usize)> {
        app::components::form::max_chars(name).map(|max| (name.as_str(), value.chars().count(), max))
    }
    let mut over: Vec<FieldProblem> = fields
        .iter()
        .filter_map(limited)
        .filter(|(_, length, max)| length > max)
        .map(|(name, _, max)| FieldProblem::with_limit(name, "too_long", max as u32))
        .collect();
    if over.is_empty() {
        let (name, _, max) = fields.iter().filter_map(limited).max_by_key(|(_, length, _)| *length)?;
        over.push(FieldProblem::with_limit(name, "too_long", max as u32));
    }
    Some(over)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_over_its_length_is_named_else_the_longest() {
        let field = |name: &str, n: usize| (name.to_string(), "x".repeat(n));
        let problems = over_limit_problems(&[field("name", 10), field("description_nl", 70_000)]).unwrap();
        assert_eq!(problems, vec![FieldProblem::with_limit("description_nl", "too_long", 2000)]);
        let problems = over_limit_problems(&[field("description_fr", 20), field("description_en", 30)]).unwrap();
        assert_eq!(problems, vec![FieldProblem::with_limit("description_en", "too_long", 2000)]);
        assert_eq!(over_limit_problems(&[field("version", 70_000)]), None);
    }
}
