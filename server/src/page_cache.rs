//! A per-instance cache of rendered pages. A page depends only on its URL (the language is in
//! the path), the directory's data and the current minute (statuses like "closes at 18:00"), so
//! a copy stays right while the data version and the minute are unchanged. The data version comes
//! from the instance's directory index, which reads it from the database at most once per second:
//! instances that share one database stay within a second of each other. The cache itself is only
//! an optimisation and holds nothing that is not in the database.
//!
//! Hand-written rather than a cache crate: entries are all invalidated together (new data or a
//! new minute), so a map that is emptied when it grows past its bound is all that is needed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{self, HeaderMap};
use http::{Method, StatusCode};

/// Most pages kept; beyond, the cache starts over (bounds memory against endless query strings).
const MAX_ENTRIES: usize = 1024;
/// Largest page kept.
const MAX_BODY: usize = 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The (data version, minute) the entries were rendered for.
    generation: Option<(String, i64)>,
    pages: HashMap<String, Arc<CachedPage>>,
}

struct CachedPage {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl PageCache {
    /// The data version, as the directory index last confirmed it.
    async fn version(&self, state: &AppState) -> Option<String> {
        match state.directory.snapshot(&state.db).await {
            Ok(snapshot) => Some(snapshot.version.clone()),
            Err(error) => {
                tracing::warn!(%error, "cannot read the data version; page cache bypassed");
                None
            }
        }
    }

    fn get(&self, key: &str, generation: &(String, i64)) -> Option<Arc<CachedPage>> {
        let inner = self.inner.lock().ok()?;
        if inner.generation.as_ref() != Some(generation) {
            return None;
        }
        inner.pages.get(key).cloned()
    }

    fn put(&self, key: String, generation: (String, i64), page: CachedPage) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation.as_ref() != Some(&generation) || inner.pages.len() >= MAX_ENTRIES {
            inner.pages.clear();
            inner.generation = Some(generation);
        }
        inner.pages.insert(key, Arc::new(page));
    }
}

fn respond(page: &CachedPage) -> Response {
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.status_mut() = page.status;
    *response.headers_mut() = page.headers.clone();
    response
}

/// Serves pages from the cache, or renders and keeps them. Only finished HTML pages (after
/// `finish_html`) with a final status are kept; redirects and errors of the server are not.
pub async fn cache_pages(
    State(state): State<AppState>,
    cache: Arc<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || !crate::http::is_page(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(version) = cache.version(&state).await else {
        return next.run(request).await;
    };
    let generation = (version, state.clock.now().timestamp().div_euclid(60));
    let key = request.uri().to_string();
    if let Some(page) = cache.get(&key, &generation) {
        return respond(&page);
    }
    let response = next.run(request).await;
    let cacheable = matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST)
        && response.headers().contains_key(header::ETAG);
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = CachedPage { status: parts.status, headers: parts.headers, body: bytes };
    let response = respond(&page);
    cache.put(key, generation, page);
    response
}
