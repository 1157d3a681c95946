//! Page-cache hits answered before the stack.
//!
//! A cached page that a request may have as it is stored needs none of the layers between the
//! request log and the page cache (timeouts, security headers, compression, the edge's checks,
//! CSRF, sessions, server-function statuses, language negotiation, conditional GET, statistics
//! as a middleware): each of them would do, for such a request, what it already did for the
//! request that stored the page. Run per request, they cost most of a hit's time (a profile of
//! cached `/commerces` showed the stack's clones and boxed futures, not the cache). So
//! [`HitsFirst`] sits just inside [`super::observe`] (every request is still logged and
//! counted) and answers a hit itself, from:
//! - the copy's body in the coding the request prefers ([`crate::page_cache`]);
//! - the headers the copy left the whole stack with the first time ([`CachedPage::outer`],
//!   learnt here from the stack's own response, so the two paths cannot disagree);
//! - a 304 when `If-None-Match` names the copy's ETag;
//! - the view counted, as [`crate::stats::count_views`] would.
//!
//! A request is answered here only when the stack would have answered it with that copy:
//! a `GET` of a page ([`super::is_page`]) in its canonical form ([`crate::page_cache::key_for`]),
//! without a trailing slash or an unreadable query ([`super::edge`]), without a session or any
//! cookie but the language choice, whose language needs no redirect
//! ([`super::language::negotiate`]), and whose copy is of the current generation. Anything else
//! goes down the stack unchanged (which is also where copies are made).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use app::state::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use common::Lang;
use http::header::{self, HeaderValue};
use http::request::Parts;
use http::{Method, StatusCode};
use tower::Service;

use crate::page_cache::{carries_private_cookie, key_for, with_status, Generation, PageCache, Served};
use crate::stats::Tally;

/// What answering a hit needs.
pub struct Hits {
    pub cache: Arc<PageCache>,
    pub state: Arc<AppState>,
    pub tally: Arc<Tally>,
}

/// Headers of a stored page's response that belong to one request, not to the page.
const PER_RESPONSE: [header::HeaderName; 3] =
    [header::CONTENT_ENCODING, header::CONTENT_LENGTH, header::HeaderName::from_static("cache-status")];

impl Hits {
    /// The response to `request` from the cache, or `None` to go down the stack.
    async fn answer(&self, request: &Parts) -> Option<Response> {
        if request.method != Method::GET || !self.cache.enabled {
            return None;
        }
        let uri = &request.uri;
        let path = uri.path();
        if !super::is_page(path) || (path.len() > 1 && path.ends_with('/')) {
            return None;
        }
        // The path is compared as it is (the copy's key holds it raw, and it passed the edge);
        // the query is decoded into the key, so an unreadable one must be refused by the edge.
        if uri.query().is_some_and(super::edge::unreadable) {
            return None;
        }
        let key = key_for(path, uri.query()).ok()?;
        let headers = &request.headers;
        if carries_private_cookie(headers) {
            return None;
        }
        let lang = Lang::split_path(path).0;
        if lang == Lang::Fr && super::language::wanted(headers).is_some_and(|wanted| wanted != Lang::Fr) {
            return None;
        }
        let (generation, minute) = Generation::now(&self.state, &key).await.ok()?;
        if !self.cache.enter(minute) {
            return None;
        }
        let page = self.cache.pages.get(&key).await?;
        if page.generation != generation {
            return None;
        }
        let outer = page.outer.get()?;
        self.cache.upgrade(&key, &page);
        let not_modified = outer
            .get(header::ETAG)
            .and_then(|etag| etag.to_str().ok())
            .is_some_and(|etag| super::html::if_none_match(headers.get(header::IF_NONE_MATCH), etag));
        if page.status() == StatusCode::OK {
            crate::stats::count_hit(&self.tally, &self.state, path, headers).await;
        }
        let mut response = if not_modified {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            *response.headers_mut() = outer.clone();
            response
        } else {
            let (body, coding) = page.for_request(headers);
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = page.status();
            *response.headers_mut() = outer.clone();
            if let Some(coding) = coding {
                response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
            }
            response
        };
        response.extensions_mut().insert(crate::page_cache::Negotiated);
        Some(with_status(response, "vitrine; hit"))
    }

    /// Keeps the final headers of a stored copy the stack answered with (once per copy).
    fn learn(response: &Response) {
        let Some(Served(page)) = response.extensions().get::<Served>() else { return };
        if response.status() != page.status() || page.outer.get().is_some() {
            return;
        }
        let mut headers = response.headers().clone();
        for name in PER_RESPONSE {
            headers.remove(name);
        }
        let _ = page.outer.set(headers);
    }
}

/// The service that answers hits and passes everything else to `inner` (see the module).
#[derive(Clone)]
pub struct HitsFirst<S> {
    pub hits: Arc<Hits>,
    pub inner: S,
}

impl<S> Service<Request> for HitsFirst<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let hits = self.hits.clone();
        // The clone that was polled ready is the one called (tower's rule for `Clone` services).
        let inner = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, inner);
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            if let Some(response) = hits.answer(&parts).await {
                return Ok(response);
            }
            let request = Request::from_parts(parts, body);
            let response = tower::ServiceExt::ready(&mut inner).await?.call(request).await?;
            Hits::learn(&response);
            Ok(response)
        })
    }
}
