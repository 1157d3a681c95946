//! One structured log line per request, tied to a request id.
//!
//! The id is the `x-request-id` a proxy in front already set (if it is a short token), else a new
//! one: a random prefix drawn once per process (so instances differ) and a counter, which costs
//! no system call per request, unlike a random UUID each time; it is passed on to the app in the request, returned in the response, and is a field of
//! the request's span, so every log line written while serving the request carries it.
//! Hand-written rather than tower-http's `SetRequestId` + `TraceLayer`: those keep any incoming id
//! as it is, and log at two levels in two lines; this is one line at `info`, with what matters.
//!
//! The logged path never holds a sign-in link's token nor an order page's ([`loggable_path`]:
//! `/reinitialiser/…`, `/invitation/…`, `/confirmer-adresse/…`, `/commande/…` become
//! `/reinitialiser/[redacted]`; the follow links' and the orders' e-mailed action tokens travel
//! in the query, which is never logged). The health checks are logged at `debug`.
//! The same place counts the request in the metrics ([`crate::metrics`]).

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::HeaderValue;
use tracing::Instrument;

pub const REQUEST_ID: &str = "x-request-id";

/// `<16 hex digits of this process>-<counter>`.
fn new_id() -> String {
    static PREFIX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| uuid::Uuid::new_v4().as_u64_pair().0);
    format!("{prefix:016x}-{:x}", COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// An incoming id is kept only if it is a plain token (no spaces, quotes or control characters
/// that could forge log lines), at most 64 characters.
fn acceptable(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The middleware, outermost in the stack so that its latency is the whole request's.
pub async fn observe(mut request: Request, next: Next) -> Response {
    let incoming = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).filter(|id| acceptable(id));
    let id = match incoming {
        Some(id) => id.to_string(),
        None => new_id(),
    };
    let value = HeaderValue::from_str(&id).expect("ids are ASCII tokens");
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let method = request.method().clone();
    // The path only: query strings may hold what visitors typed in the search box.
    let path = loggable_path(request.uri().path());
    let group = crate::metrics::route_group(request.method(), request.uri().path());
    let span = tracing::info_span!("request", id = %id, %method, %path);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    let micros = elapsed.as_micros() as u64;
    crate::metrics::record_request(group, status, elapsed, response.headers());
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, micros, "request served");
        } else if group == crate::metrics::HEALTH {
            tracing::debug!(status, micros, "request served");
        } else {
            tracing::info!(status, micros, "request served");
        }
    });
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// Path segments after which a sign-in link's token follows, or an order page's (`/commande/…`:
/// its link is the only key to a shopper's order).
const SECRET_SEGMENTS: [&str; 4] = ["reinitialiser", "invitation", "confirmer-adresse", "commande"];

/// `path` fit for the logs: every segment after one of [`SECRET_SEGMENTS`] (whatever comes
/// before it: a language prefix, `/langue/nl`) is replaced by `[redacted]`.
pub fn loggable_path(path: &str) -> String {
    let mut redacting = false;
    let mut out = Vec::new();
    for segment in path.split('/') {
        if redacting && !segment.is_empty() {
            out.push("[redacted]");
            continue;
        }
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        if SECRET_SEGMENTS.iter().any(|s| decoded.eq_ignore_ascii_case(s)) {
            redacting = true;
        }
        out.push(segment);
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_of_sign_in_links_are_redacted() {
        use super::loggable_path;
        assert_eq!(loggable_path("/reinitialiser/abcDEF123_-"), "/reinitialiser/[redacted]");
        assert_eq!(loggable_path("/nl/invitation/abc"), "/nl/invitation/[redacted]");
        assert_eq!(
            loggable_path("/langue/en/confirmer-adresse/abc/x"),
            "/langue/en/confirmer-adresse/[redacted]/[redacted]"
        );
        assert_eq!(loggable_path("/%72einitialiser/abc"), "/%72einitialiser/[redacted]");
        assert_eq!(loggable_path("/reinitialiser"), "/reinitialiser");
        assert_eq!(loggable_path("/nl/commande/abcDEF123_-/calendrier/12"), "/nl/commande/[redacted]/[redacted]/[redacted]");
        assert_eq!(loggable_path("/commerces/boucherie-dubois"), "/commerces/boucherie-dubois");
    }

    #[test]
    fn only_plain_tokens_are_kept_as_request_ids() {
        assert!(super::acceptable("f3a0c6e2-1b7d-4d8e-9a55-0c8a1d2b3c4d"));
        assert!(!super::acceptable(""));
        assert!(!super::acceptable("a b"));
        assert!(!super::acceptable("x\" level=error"));
        assert!(!super::acceptable(&"a".repeat(65)));
        let (a, b) = (super::new_id(), super::new_id());
        assert_ne!(a, b);
        assert!(super::acceptable(&a) && a.len() > 17, "{a}");
    }
}
