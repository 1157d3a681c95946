//! A per-instance cache of rendered public pages.
//!
//! **What a page depends on**, and so its key: the language (negotiated before the cache: an
//! unprefixed page reaches it only when the visitor gets French), the path, the page's own query
//! parameters (for `/commerces`: `q`, `categorie`, `ouvert`, `page`, decoded, in a fixed order),
//! the data versions and the minute (statuses like "closes at 18:00"). The last two make the
//! entry's [`Generation`]: the cache keeps one generation, and a newer one empties it.
//! The data versions (the directory's, and the offers feed's: the home page, business pages,
//! `/offres` and offer pages show offers) come from the instance's directory index, which reads
//! both from the database at most once per second: instances that share one database stay within
//! a second of each other. An offer's start or end needs no write: entries are per minute.
//!
//! **What is never cached**: requests that carry a cookie other than the language choice (a
//! signed-in merchant's session: their pages are `Cache-Control: private`), responses that set
//! a cookie or say `private`/`no-store`, redirects, server errors, pages over
//! [`crate::http::html::MAX_HTML_BYTES`], and HEAD requests.
//!
//! **Unknown query parameters** (`?utm_source=…`, `?x=123` to make every request new) would let
//! anyone make every request a miss: a URL with a parameter the page does not read, or with one
//! of its parameters twice, is redirected (301) to its canonical form. What is left to vary (the
//! search text) is bounded by [`MAX_BYTES`]: moka's TinyLFU admission keeps frequently read
//! pages when a flood of one-off searches arrives.
//!
//! **One render per URL at a time**: concurrent misses of one key wait for the first render
//! (`try_get_with`), so a minute boundary under load costs one render per page, not one per
//! request.
//!
//! Every page response says where it came from in a `Cache-Status` header (RFC 9211):
//! `vitrine; hit`, `vitrine; fwd=uri-miss; stored`, `vitrine; fwd=uri-miss; collapsed` (it
//! waited for another request's render), or `vitrine; fwd=bypass; detail=…`. The cache can be
//! switched off (`VITRINE_PAGE_CACHE=off`) to measure or debug. It holds nothing that is not in
//! the database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use common::query::param;
use common::Lang;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};

use crate::http::html::{buffer_up_to, MAX_HTML_BYTES};
use crate::http::language::LANG_COOKIE;

/// Memory the cached pages may take, bodies and headers (about 800 directory pages).
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
const CACHE_STATUS: HeaderName = HeaderName::from_static("cache-status");

/// The query parameters a page reads; any other makes the URL non-canonical.
fn page_parameters(path_without_lang: &str) -> &'static [&'static str] {
    if path_without_lang == "/commerces" {
        &[param::QUERY, param::CATEGORY, param::OPEN_NOW, param::PAGE]
    } else if path_without_lang == "/offres" {
        &common::offers::param::ALL
    } else {
        &[]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    lang: Lang,
    path: String,
    /// The page's parameters, decoded, in the order of [`page_parameters`].
    query: Vec<(&'static str, String)>,
}

/// What a cached copy was rendered for: the data versions and the minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    version: String,
    /// The offers feed's version (row 2 of `data_version`).
    offers_version: String,
    minute: i64,
}

impl Generation {
    /// Whether `self` is older than `other` (versions are counters; an unreadable one counts
    /// as different, so as newer).
    /// Both versions are read together and only grow, so comparing them in turn is enough.
    fn is_older_than(&self, other: &Generation) -> bool {
        let compare = |mine: &str, theirs: &str| match (mine.parse::<i64>(), theirs.parse::<i64>()) {
            (Ok(a), Ok(b)) => a.cmp(&b),
            _ if mine == theirs => std::cmp::Ordering::Equal,
            _ => std::cmp::Ordering::Less,
        };
        compare(&self.version, &other.version)
            .then(compare(&self.offers_version, &other.offers_version))
            .then(self.minute.cmp(&other.minute))
            == std::cmp::Ordering::Less
    }
}

struct CachedPage {
    generation: Generation,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// A render that must not be shared: the response goes back to the request that made it.
struct Unshared(Mutex<Option<Response>>);

pub struct PageCache {
    enabled: bool,
    pages: moka::future::Cache<PageKey, Arc<CachedPage>>,
    /// The newest generation seen; entries of older ones are stale.
    current: Mutex<Option<Generation>>,
}

impl PageCache {
    pub fn new(enabled: bool) -> Self {
        let pages = moka::future::Cache::builder()
            .max_capacity(MAX_BYTES)
            .weigher(|key: &PageKey, page: &Arc<CachedPage>| {
                let headers: usize = page.headers.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
                let size = page.body.len() + headers + key.path.len() + 256;
                u32::try_from(size).unwrap_or(u32::MAX)
            })
            .build();
        PageCache { enabled, pages, current: Mutex::new(None) }
    }

    /// Moves the cache to `generation` if it is newer (emptying it), and says whether requests
    /// of `generation` may use the cache: not if a newer one was seen (a slow request that read
    /// the version before a change must neither be served old pages nor store them).
    fn enter(&self, generation: &Generation) -> bool {
        let Ok(mut current) = self.current.lock() else {
            return false;
        };
        match current.as_ref() {
            Some(seen) if seen == generation => true,
            Some(seen) if generation.is_older_than(seen) => false,
            _ => {
                *current = Some(generation.clone());
                self.pages.invalidate_all();
                true
            }
        }
    }

    #[cfg(test)]
    fn entry_count(&self) -> u64 {
        self.pages.entry_count()
    }
}

/// The key of a page URL, or the canonical URL to redirect to.
pub fn key_for(path: &str, query: Option<&str>) -> Result<PageKey, String> {
    let (lang, rest) = Lang::split_path(path);
    let known = page_parameters(rest);
    let mut found: Vec<(&'static str, String)> = Vec::new();
    let mut canonical = true;
    for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match known.iter().find(|k| **k == name) {
            Some(name) if !found.iter().any(|(n, _)| n == name) => found.push((name, value.into_owned())),
            _ => canonical = false,
        }
    }
    if !canonical {
        let mut location = path.to_string();
        if !found.is_empty() {
            let mut serializer = form_urlencoded::Serializer::new(String::new());
            for (name, value) in &found {
                serializer.append_pair(name, value);
            }
            location.push('?');
            location.push_str(&serializer.finish());
        }
        return Err(location);
    }
    found.sort_by_key(|(name, _)| known.iter().position(|k| k == name));
    Ok(PageKey { lang, path: path.to_string(), query: found })
}

/// Whether the request carries a cookie that may change the page (anything but the language
/// choice, which only matters before the cache, in the language negotiation).
/// A header that is not plain text counts as private (fail closed: it may hide a session).
fn carries_private_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().any(|value| match value.to_str() {
        Ok(text) => text
            .split(';')
            .filter(|pair| !pair.trim().is_empty())
            .any(|pair| pair.trim().split('=').next() != Some(LANG_COOKIE)),
        Err(_) => true,
    })
}

fn with_status(mut response: Response, status: &'static str) -> Response {
    response.headers_mut().insert(CACHE_STATUS, HeaderValue::from_static(status));
    response
}

fn respond(page: &CachedPage, status: &'static str) -> Response {
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.status_mut() = page.status;
    *response.headers_mut() = page.headers.clone();
    with_status(response, status)
}

/// Whether a finished response may be kept and shared with every visitor.
fn shareable(status: StatusCode, headers: &HeaderMap) -> bool {
    let private = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("private") || v.contains("no-store"));
    matches!(status, StatusCode::OK | StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST)
        && headers.contains_key(header::ETAG)
        && !headers.contains_key(header::SET_COOKIE)
        && !private
}

/// Renders a page (the rest of the stack, up to `finish_html`) and buffers it.
async fn render(next: Next, request: Request, generation: Generation) -> Result<Arc<CachedPage>, Unshared> {
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    if !shareable(parts.status, &parts.headers) {
        return Err(Unshared(Mutex::new(Some(Response::from_parts(parts, body)))));
    }
    match buffer_up_to(body, MAX_HTML_BYTES).await {
        Ok(bytes) => Ok(Arc::new(CachedPage { generation, status: parts.status, headers: parts.headers, body: bytes })),
        Err(whole) => Err(Unshared(Mutex::new(Some(Response::from_parts(parts, whole))))),
    }
}

/// Serves pages from the cache, or renders and keeps them (see the module's documentation).
pub async fn cache_pages(state: Arc<AppState>, cache: Arc<PageCache>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if !crate::http::is_page(&path) {
        return next.run(request).await;
    }
    if request.method() != Method::GET {
        return with_status(next.run(request).await, "vitrine; fwd=method");
    }
    let key = match key_for(&path, request.uri().query()) {
        Ok(key) => key,
        Err(location) => return crate::http::redirect(StatusCode::MOVED_PERMANENTLY, &location),
    };
    if carries_private_cookie(request.headers()) {
        let mut response = next.run(request).await;
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
        return with_status(response, "vitrine; fwd=bypass; detail=private");
    }
    if !cache.enabled {
        return with_status(next.run(request).await, "vitrine; fwd=bypass; detail=off");
    }
    let (version, offers_version) = match state.directory.versions(&state.db).await {
        Ok((snapshot, offers_version)) => (snapshot.version.clone(), offers_version),
        Err(error) => {
            tracing::warn!(%error, "cannot read the data version; page cache bypassed");
            return with_status(next.run(request).await, "vitrine; fwd=bypass; detail=no-version");
        }
    };
    let generation = Generation { version, offers_version, minute: state.clock.now().timestamp().div_euclid(60) };
    if !cache.enter(&generation) {
        return with_status(next.run(request).await, "vitrine; fwd=bypass; detail=older-version");
    }
    if let Some(page) = cache.pages.get(&key).await {
        if page.generation == generation {
            return respond(&page, "vitrine; hit");
        }
        // Rendered for an older generation by a request that outlived a change: replace it. (A
        // newer one is left alone; this request renders its own copy below.)
        if page.generation.is_older_than(&generation) {
            cache.pages.invalidate(&key).await;
        }
    }
    let (parts, _) = request.into_parts();
    let rendered = Arc::new(AtomicBool::new(false));
    let init = {
        let rendered = rendered.clone();
        let request = Request::from_parts(parts.clone(), Body::empty());
        let next = next.clone();
        let generation = generation.clone();
        async move {
            rendered.store(true, Ordering::Relaxed);
            render(next, request, generation).await
        }
    };
    match cache.pages.try_get_with(key, init).await {
        Ok(page) if page.generation != generation => {
            // Another generation's copy (a render that started before or after a change):
            // this request gets a page of its own generation, not stored.
            with_status(next.run(Request::from_parts(parts, Body::empty())).await, "vitrine; fwd=stale")
        }
        Ok(page) if rendered.load(Ordering::Relaxed) => respond(&page, "vitrine; fwd=uri-miss; stored"),
        Ok(page) => respond(&page, "vitrine; fwd=uri-miss; collapsed"),
        Err(unshared) => {
            let mine =
                if rendered.load(Ordering::Relaxed) { unshared.0.lock().ok().and_then(|mut r| r.take()) } else { None };
            match mine {
                Some(response) => with_status(response, "vitrine; fwd=uri-miss"),
                // Another request's answer that may not be shared: render our own.
                None => with_status(next.run(Request::from_parts(parts, Body::empty())).await, "vitrine; fwd=uri-miss"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hold_what_the_page_reads_and_nothing_else() {
        let a = key_for("/commerces", Some("page=2&q=pain&ouvert=1")).unwrap();
        let b = key_for("/commerces", Some("q=pain&ouvert=1&page=2")).unwrap();
        assert_eq!(a, b, "parameter order does not make another page");
        let c = key_for("/commerces", Some("q=caf%C3%A9")).unwrap();
        let d = key_for("/commerces", Some("q=café")).unwrap();
        assert_eq!(c, d);
        assert_ne!(key_for("/nl/commerces", Some("q=pain")).unwrap(), key_for("/commerces", Some("q=pain")).unwrap());
        assert_eq!(key_for("/commerces", Some("q=pain&utm_source=fb")).unwrap_err(), "/commerces?q=pain");
        assert_eq!(key_for("/commerces", Some("q=a&q=b")).unwrap_err(), "/commerces?q=a");
        assert_eq!(key_for("/commerces/boucherie-dubois", Some("x=1")).unwrap_err(), "/commerces/boucherie-dubois");
        assert_eq!(key_for("/", Some("q=pain")).unwrap_err(), "/");
        assert_eq!(key_for("/commerces", Some("q=a+b&x")).unwrap_err(), "/commerces?q=a+b");
    }

    #[test]
    fn generations_only_move_forward() {
        let cache = PageCache::new(true);
        let g = |version: &str, minute| Generation { version: version.into(), offers_version: "1".into(), minute };
        assert!(cache.enter(&g("7", 100)));
        assert!(cache.enter(&g("7", 100)));
        assert!(!cache.enter(&g("6", 101)), "an older data version is refused");
        assert!(!cache.enter(&g("7", 99)), "an older minute is refused");
        assert!(cache.enter(&g("8", 99)), "a newer data version wins");
        assert!(!cache.enter(&g("7", 100)));
        assert_eq!(cache.entry_count(), 0);
        let o = |offers: &str, minute| Generation { version: "8".into(), offers_version: offers.into(), minute };
        assert!(cache.enter(&o("2", 99)), "a newer offers version wins");
        assert!(!cache.enter(&o("1", 100)), "an older offers version is refused");
    }

    #[test]
    fn the_offers_feed_keys_its_filters() {
        let a = key_for("/offres", Some("type=event&categorie=boulangerie&bientot=1&page=2")).unwrap();
        let b = key_for("/offres", Some("page=2&bientot=1&categorie=boulangerie&type=event")).unwrap();
        assert_eq!(a, b);
        assert_eq!(key_for("/nl/offres", Some("type=event&fbclid=x")).unwrap_err(), "/nl/offres?type=event");
        assert_eq!(key_for("/offres/3", Some("type=event")).unwrap_err(), "/offres/3");
    }

    #[test]
    fn only_the_language_cookie_is_public() {
        let mut headers = HeaderMap::new();
        assert!(!carries_private_cookie(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("vitrine_lang=nl"));
        assert!(!carries_private_cookie(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("vitrine_lang=nl; vitrine_session=abc"));
        assert!(carries_private_cookie(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_bytes(b"x=\xe9t\xe9; vitrine_lang=nl").unwrap());
        assert!(carries_private_cookie(&headers), "an unreadable header fails closed");
    }

    #[test]
    fn responses_that_set_cookies_or_say_private_are_not_shared() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, HeaderValue::from_static("W/\"1\""));
        assert!(shareable(StatusCode::OK, &headers));
        assert!(!shareable(StatusCode::INTERNAL_SERVER_ERROR, &headers));
        assert!(!shareable(StatusCode::FOUND, &headers));
        let mut private = headers.clone();
        private.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
        assert!(!shareable(StatusCode::OK, &private));
        headers.insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        assert!(!shareable(StatusCode::OK, &headers));
    }
}
