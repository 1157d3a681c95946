//! Honest statuses for server functions. server_fn 0.8 answers every `Err` with 500; the body
//! is our `AppError` as JSON, so this middleware reads it back and sets the status the error
//! policy (`common::error`) gives it: 400 for arguments that do not decode, 404, 409, 422, 403…
//! Only error answers are read (they are a few bytes); successful answers stream through.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use common::AppError;
use http::StatusCode;

/// Largest error body read back (our errors are short; anything longer is left as it is).
const MAX_ERROR_BYTES: usize = 64 * 1024;

pub async fn honest_statuses(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
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
