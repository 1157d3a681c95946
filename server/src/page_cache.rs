//! A per-instance cache of rendered public pages, kept compressed.
//!
//! **What a page depends on**, and so its key: the language (negotiated before the cache: an
//! unprefixed page reaches it only when the visitor gets French), the path, the page's own query
//! parameters (for `/commerces`: `q`, `categorie`, `ouvert`, `page`, decoded, in a fixed order).
//! A stored copy also records its [`Generation`]: the data versions of the areas the page shows
//! ([`page_areas`]: the directory listing shows only the directory, unless it searches words,
//! for which it offers matching products; the home page, business pages, `/offres` and offer
//! pages show offers; `/produits` and the products' pages show the catalogue) and the minute (statuses like "closes at
//! 18:00"; an offer's start or end needs no write). A copy is served only to a request of the
//! same generation, so a write in one area (an offer) leaves the pages of the others (the
//! directory listing) cached, and a version that goes back (a restored backup) is followed like
//! one that goes forward: versions are compared for equality, never for order. The versions
//! come from the instance's directory index, which reads every area's row of `data_version`
//! from the database at most once per second: instances that share one database stay within a
//! second of each other. A new area is a new row: the cache has no code per area.
//!
//! **Compressed once, when stored**: browsers send `Accept-Encoding: gzip, deflate, br, zstd`,
//! and compressing a 40 KB page on every hit cost ten times what serving it does. Each stored
//! page keeps its bytes as rendered and compressed with brotli, zstd and gzip ([`Encoded`]); a
//! hit picks the one the request's `Accept-Encoding` prefers ([`negotiate`], q-values included)
//! and copies it, with `Content-Encoding` and `Vary: Accept-Encoding`, and marks the response
//! [`Negotiated`] so that the compression layer leaves it alone. The ETag is the page's weak one
//! for every encoding (`finish_html`; a 304 carries no `Content-Encoding`). Brotli's best quality
//! takes some 40 ms for a directory page, too long for a miss, so a page is stored with a fast
//! brotli and gets the best one, in the background and one page at a time per instance, once it
//! is read from the cache; a copy whose bytes did not change from the previous generation's
//! (most pages from one minute to the next) keeps that copy's encodings instead of making them
//! again. [`MAX_BYTES`] counts every encoding's bytes.
//!
//! **What is never cached**: requests that carry a cookie other than the language choice (a
//! signed-in merchant's session: their pages are `Cache-Control: private`), responses that set
//! a cookie or say `private`/`no-store`, redirects, server errors, pages over
//! [`crate::http::html::MAX_HTML_BYTES`], and HEAD requests. Those are compressed by the
//! compression layer at a fast level.
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

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use common::query::param;
use common::Lang;
use domain::data_version::{Area, DataVersions};
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};

use crate::http::html::{buffer_up_to, MAX_HTML_BYTES};
use crate::http::language::LANG_COOKIE;

/// Memory the cached pages may take: every encoding's bytes and the headers (about 500
/// directory pages).
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// Room kept per copy for the headers the stack adds to it (security headers), learnt later.
const OUTER_HEADERS: usize = 2048;
const CACHE_STATUS: HeaderName = HeaderName::from_static("cache-status");

/// Brotli quality a page is stored with: 1 to 2 ms for a 40 KB page, within 15 % of the best.
const BROTLI_STORED: u32 = 5;
/// Brotli quality a page read from the cache is upgraded to (its best, some 40 ms a page).
const BROTLI_BEST: u32 = 11;
/// zstd and gzip levels: a fraction of a millisecond each for a 40 KB page.
const ZSTD_LEVEL: i32 = 9;
const GZIP_LEVEL: u32 = 9;

/// The query parameters a page reads; any other makes the URL non-canonical.
fn page_parameters(path_without_lang: &str) -> &'static [&'static str] {
    if path_without_lang == "/commerces" {
        &[param::QUERY, param::CATEGORY, param::OPEN_NOW, param::PAGE]
    } else if path_without_lang == "/offres" {
        &common::offers::param::ALL
    } else if path_without_lang == "/produits" {
        &common::product_search::param::ALL
    } else if is_shop_products(path_without_lang) {
        &["page"]
    } else {
        &[]
    }
}

/// `/commerces/{slug}/produits`: a shop's products, paged.
fn is_shop_products(path_without_lang: &str) -> bool {
    path_without_lang
        .strip_prefix("/commerces/")
        .and_then(|rest| rest.strip_suffix("/produits"))
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// The areas of the data a page shows: a write to any other leaves its cached copies alone.
/// `searches_text`: the URL has search words (`q`), for which the directory listing offers the
/// matching products too.
pub fn page_areas(path_without_lang: &str, searches_text: bool) -> &'static [Area] {
    use app::routes::{kind_of, PageKind};
    let under_commerces = path_without_lang.strip_prefix("/commerces/");
    if path_without_lang == "/commerces" && searches_text {
        // A directory search: its shops, and the products its words find.
        &[Area::DIRECTORY, Area::CATALOGUE]
    } else if path_without_lang == "/commerces" {
        // The directory listing: cards, categories, hours. No offers, no products.
        &[Area::DIRECTORY]
    } else if path_without_lang == "/produits" {
        // Every shop's products: the products, the shops' names, categories and hours.
        &[Area::DIRECTORY, Area::CATALOGUE]
    } else if under_commerces.is_some() && kind_of(path_without_lang) == Some(PageKind::ServerOnly) {
        // A shop's products and a product's page: the products, the shop's name, hours, address.
        &[Area::DIRECTORY, Area::CATALOGUE]
    } else if under_commerces.is_some() {
        // A business page: its offers and its window too.
        &[Area::DIRECTORY, Area::OFFERS, Area::CATALOGUE]
    } else {
        // The home page and business pages list offers; the feed and offer pages name shops,
        // their categories and addresses.
        &[Area::DIRECTORY, Area::OFFERS]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    lang: Lang,
    path: String,
    /// The page's parameters, decoded, in the order of [`page_parameters`].
    query: Vec<(&'static str, String)>,
}

impl PageKey {
    /// Whether the page's URL has search words (`q` not blank).
    fn searches_text(&self) -> bool {
        self.query.iter().any(|(name, value)| *name == param::QUERY && !value.trim().is_empty())
    }
}

/// What a cached copy was rendered for: the versions of the page's areas and the minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Generation {
    versions: Vec<(Area, i64)>,
    minute: i64,
}

impl Generation {
    /// The generation of a page showing `areas`, or `None` if one of them has no version.
    pub(crate) fn of(areas: &[Area], versions: &DataVersions, minute: i64) -> Option<Generation> {
        Some(Generation { versions: versions.of(areas)?, minute })
    }

    /// The generation a copy of the page `key` must have now, and the minute:
    /// one reading of the data versions and the clock, for the hits answered before the stack
    /// ([`crate::http::hits`]) and for the cache's own middleware alike. `Err` (logged) when the
    /// versions cannot be read or the page's area has none: the page is then not served from,
    /// nor stored in, the cache.
    pub(crate) async fn now(state: &AppState, key: &PageKey) -> Result<(Generation, i64), ()> {
        let path_without_lang = Lang::split_path(&key.path).1;
        crate::metrics::data_version_checked();
        let versions = match state.directory.versions(&state.db).await {
            Ok((_, versions)) => versions,
            Err(error) => {
                tracing::warn!(%error, "cannot read the data versions; page cache bypassed");
                return Err(());
            }
        };
        let minute = state.clock.now().timestamp().div_euclid(60);
        match Generation::of(page_areas(path_without_lang, key.searches_text()), &versions, minute) {
            Some(generation) => Ok((generation, minute)),
            None => {
                tracing::warn!(path = %path_without_lang, "a page's data area has no version; page cache bypassed");
                Err(())
            }
        }
    }
}

/// A content coding the cache stores pages in, in the order preferred when a request accepts
/// several equally: the smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Br,
    Zstd,
    Gzip,
}

impl Coding {
    const ALL: [Coding; 3] = [Coding::Br, Coding::Zstd, Coding::Gzip];

    pub(crate) fn token(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Zstd => "zstd",
            Coding::Gzip => "gzip",
        }
    }

    fn matches(self, token: &str) -> bool {
        token.eq_ignore_ascii_case(self.token()) || (self == Coding::Gzip && token.eq_ignore_ascii_case("x-gzip"))
    }
}

/// A q-value in thousandths (`q=0.5` is 500); `None` if it is not one.
fn qvalue(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The coding to send for a request's `Accept-Encoding` (RFC 9110 §12.5.3) among `available`,
/// or `None` for the page as it is: the acceptable coding with the highest q-value, ties going
/// to the smaller encoding ([`Coding::ALL`]'s order). `q=0` refuses a coding, `*` stands for the
/// codings not named, and the page as it is is sent when nothing else is acceptable (no header,
/// `identity` only, or every coding refused), or when `identity` is asked for with a higher
/// q-value than any coding.
pub fn negotiate(accept: &HeaderMap, available: impl Fn(Coding) -> bool) -> Option<Coding> {
    let mut named: Vec<(String, u16)> = Vec::new();
    for value in accept.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for element in value.split(',') {
            let mut parts = element.split(';');
            let token = parts.next().unwrap_or("").trim();
            if token.is_empty() {
                continue;
            }
            let mut q = Some(1000);
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = qvalue(value);
                    }
                }
            }
            // An element with an unreadable q-value is ignored, as if not sent.
            if let Some(q) = q {
                named.push((token.to_ascii_lowercase(), q));
            }
        }
    }
    let find = |wanted: &dyn Fn(&str) -> bool| named.iter().find(|(token, _)| wanted(token)).map(|(_, q)| *q);
    let any = find(&|token| token == "*");
    let mut best: Option<(Coding, u16)> = None;
    for coding in Coding::ALL {
        let q = find(&|token| coding.matches(token)).or(any).unwrap_or(0);
        if q > 0 && available(coding) && best.is_none_or(|(_, best_q)| q > best_q) {
            best = Some((coding, q));
        }
    }
    let identity = find(&|token| token == "identity");
    match (best, identity) {
        (Some((_, q)), Some(identity_q)) if identity_q > q => None,
        (best, _) => best.map(|(coding, _)| coding),
    }
}

/// A page's bytes in each stored coding (a coding that would not make it smaller is left out).
#[derive(Debug, Clone, Default)]
struct Encoded {
    br: Option<Bytes>,
    zstd: Option<Bytes>,
    gzip: Option<Bytes>,
    /// Whether `br` is at [`BROTLI_BEST`].
    best: bool,
}

impl Encoded {
    /// Compresses `page` in every coding, brotli at `brotli_quality` (CPU-bound: call from the
    /// blocking pool).
    fn make(page: &[u8], brotli_quality: u32) -> Encoded {
        let smaller = |bytes: Vec<u8>| (bytes.len() < page.len()).then(|| Bytes::from(bytes));
        let gzip = gzip(page, flate2::Compression::new(GZIP_LEVEL)).and_then(smaller);
        let zstd = zstd::bulk::compress(page, ZSTD_LEVEL).ok().and_then(smaller);
        Encoded { br: brotli(page, brotli_quality), zstd, gzip, best: brotli_quality >= BROTLI_BEST }
    }

    fn get(&self, coding: Coding) -> Option<&Bytes> {
        match coding {
            Coding::Br => self.br.as_ref(),
            Coding::Zstd => self.zstd.as_ref(),
            Coding::Gzip => self.gzip.as_ref(),
        }
    }

    fn bytes(&self) -> usize {
        [&self.br, &self.zstd, &self.gzip].iter().filter_map(|b| b.as_ref()).map(Bytes::len).sum()
    }
}

/// `page` compressed with gzip at `level`.
fn gzip(page: &[u8], level: flate2::Compression) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(page).and_then(|_| encoder.finish()).ok()
}

/// `page` compressed with brotli at `quality` (text mode, a window as large as the page needs),
/// if that makes it smaller.
fn brotli(page: &[u8], quality: u32) -> Option<Bytes> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        size_hint: page.len(),
        mode: ::brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(page.len() / 4);
    ::brotli::BrotliCompress(&mut &page[..], &mut out, &params).ok()?;
    (out.len() < page.len()).then(|| Bytes::from(out))
}

pub(crate) struct CachedPage {
    pub(crate) generation: Generation,
    status: StatusCode,
    headers: HeaderMap,
    /// The page as rendered.
    body: Bytes,
    encoded: Encoded,
    /// The headers the page left the whole stack with (security headers, `Vary`…), without its
    /// coding: learnt from the first response that carried this copy out, so that later hits
    /// can be answered before the stack ([`crate::http::hits`]).
    pub(crate) outer: OnceLock<HeaderMap>,
}

impl CachedPage {
    /// The bytes to send to a request with these headers, and their coding (`None`: as is).
    pub(crate) fn for_request(&self, accept: &HeaderMap) -> (Bytes, Option<Coding>) {
        let coding = negotiate(accept, |coding| self.encoded.get(coding).is_some());
        (coding.and_then(|coding| self.encoded.get(coding)).unwrap_or(&self.body).clone(), coding)
    }

    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    fn weight(&self, key: &PageKey) -> u32 {
        let headers: usize = self.headers.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
        // `outer` is learnt after the copy is weighed: the same headers and the security ones
        // (the CSP's hashes), counted ahead.
        let size = self.body.len() + self.encoded.bytes() + 2 * headers + OUTER_HEADERS + key.path.len() + 256;
        u32::try_from(size).unwrap_or(u32::MAX)
    }
}

/// Marks a response whose `Content-Encoding` the page cache chose: the compression layer
/// must not compress it (again).
#[derive(Debug, Clone, Copy)]
pub struct Negotiated;

/// Marks a response the cache answered with a stored copy, so that the outermost layer can
/// learn the copy's final headers ([`CachedPage::outer`]).
#[derive(Clone)]
pub(crate) struct Served(pub(crate) Arc<CachedPage>);

/// A render that must not be shared: the response goes back to the request that made it.
struct Unshared(Mutex<Option<Response>>);

pub struct PageCache {
    pub(crate) enabled: bool,
    pub(crate) pages: moka::future::Cache<PageKey, Arc<CachedPage>>,
    /// The latest minute a request was seen in (as seconds / 60).
    minute: AtomicI64,
    /// Whether a page's brotli is being upgraded to the best quality (one at a time).
    upgrading: AtomicBool,
}

impl PageCache {
    pub fn new(enabled: bool) -> Self {
        let pages = moka::future::Cache::builder()
            .max_capacity(MAX_BYTES)
            .weigher(|key: &PageKey, page: &Arc<CachedPage>| page.weight(key))
            .build();
        PageCache { enabled, pages, minute: AtomicI64::new(i64::MIN), upgrading: AtomicBool::new(false) }
    }

    /// Records `minute` and says whether requests of that minute may use the cache: not if a
    /// later one was seen (a slow request that read the clock before the minute changed must
    /// neither be served a later page nor store its own over it). Copies of earlier minutes are
    /// never served; each stays until its page is read again (its encodings are then reused if
    /// the page did not change) or until moka evicts it.
    pub(crate) fn enter(&self, minute: i64) -> bool {
        let seen = self.minute.fetch_max(minute, Ordering::AcqRel);
        minute >= seen
    }

    /// Gives the page at `key` the best brotli, in the background, unless another page is being
    /// upgraded (it will be asked again on a later hit).
    pub(crate) fn upgrade(self: &Arc<Self>, key: &PageKey, page: &Arc<CachedPage>) {
        if page.encoded.best || self.upgrading.swap(true, Ordering::AcqRel) {
            return;
        }
        struct Done(Arc<PageCache>);
        impl Drop for Done {
            fn drop(&mut self) {
                self.0.upgrading.store(false, Ordering::Release);
            }
        }
        let done = Done(self.clone());
        let (key, page) = (key.clone(), page.clone());
        tokio::spawn(async move {
            let body = page.body.clone();
            let Ok(Some(best)) = tokio::task::spawn_blocking(move || brotli(&body, BROTLI_BEST)).await else {
                return;
            };
            // Kept only if smaller (not always so on very repetitive text).
            let br = match &page.encoded.br {
                Some(stored) if stored.len() <= best.len() => stored.clone(),
                _ => best,
            };
            let better = Arc::new(CachedPage {
                generation: page.generation.clone(),
                status: page.status,
                headers: page.headers.clone(),
                body: page.body.clone(),
                encoded: Encoded { br: Some(br), best: true, ..page.encoded.clone() },
                outer: page.outer.clone(),
            });
            // Only over the copy it was made from: not over a newer render.
            done.0
                .pages
                .entry(key)
                .and_compute_with(|entry| {
                    let op = match entry {
                        Some(entry) if Arc::ptr_eq(entry.value(), &page) => moka::ops::compute::Op::Put(better),
                        _ => moka::ops::compute::Op::Nop,
                    };
                    std::future::ready(op)
                })
                .await;
        });
    }

    #[cfg(test)]
    fn entry_count(&self) -> u64 {
        self.pages.entry_count()
    }

    /// Bytes (as weighed) and pages held, for the metrics: counted over the entries, since
    /// moka's own totals lag until its pending tasks run.
    pub fn size(&self) -> (u64, u64) {
        self.pages.iter().fold((0, 0), |(bytes, pages), (key, page)| (bytes + u64::from(page.weight(&key)), pages + 1))
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
pub(crate) fn carries_private_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().any(|value| match value.to_str() {
        Ok(text) => text
            .split(';')
            .filter(|pair| !pair.trim().is_empty())
            .any(|pair| pair.trim().split('=').next() != Some(LANG_COOKIE)),
        Err(_) => true,
    })
}

pub(crate) fn with_status(mut response: Response, status: &'static str) -> Response {
    response.headers_mut().insert(CACHE_STATUS, HeaderValue::from_static(status));
    response
}

/// Level of zstd for a page made for one request: a fraction of a millisecond for a 40 KB page.
const ZSTD_ONCE: i32 = 1;

thread_local! {
    /// This worker thread's zstd encoder, reused: a new one allocates and zeroes its tables
    /// (what tower-http's compression does per response: a tenth of a rendered page's time).
    static ZSTD_ENCODER: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

fn zstd_once(page: &[u8]) -> Option<Vec<u8>> {
    ZSTD_ENCODER.with(|encoder| {
        let mut encoder = encoder.try_borrow_mut().ok()?;
        if encoder.is_none() {
            *encoder = Some(zstd::bulk::Compressor::new(ZSTD_ONCE).ok()?);
        }
        encoder.as_mut()?.compress(page).ok()
    })
}

/// A page made for one request and not stored (the cache off, a signed-in merchant's page, a
/// response that may not be shared), compressed once for it: zstd with this thread's encoder
/// when the request takes it (every current browser), else gzip at its fastest; a request that
/// takes neither is left to the compression layer. HTML only, bodies already whole
/// ([`crate::http::html::finish_html`] buffers them).
async fn compressed_once(response: Response, accept: &HeaderMap) -> Response {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html
        || response.headers().contains_key(header::CONTENT_ENCODING)
        || response.status() == StatusCode::NOT_MODIFIED
    {
        return response;
    }
    let Some(coding) = negotiate(accept, |coding| coding != Coding::Br) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let page = match buffer_up_to(body, MAX_HTML_BYTES).await {
        Ok(page) => page,
        Err(whole) => return Response::from_parts(parts, whole),
    };
    let compressed = match coding {
        Coding::Zstd => zstd_once(&page),
        _ => gzip(&page, flate2::Compression::fast()),
    };
    let Some(compressed) = compressed.filter(|c| c.len() < page.len()) else {
        return Response::from_parts(parts, Body::from(page));
    };
    parts.headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
    parts.headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.extensions.insert(Negotiated);
    Response::from_parts(parts, Body::from(compressed))
}

/// The stored page in the coding `accept` prefers: its bytes copied, nothing compressed.
fn respond(page: &Arc<CachedPage>, accept: &HeaderMap, status: &'static str) -> Response {
    let (body, coding) = page.for_request(accept);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = page.status;
    *response.headers_mut() = page.headers.clone();
    if let Some(coding) = coding {
        response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
    }
    response.extensions_mut().insert(Negotiated);
    response.extensions_mut().insert(Served(page.clone()));
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
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !private
}

/// Renders a page (the rest of the stack, up to `finish_html`), buffers it and compresses it,
/// or takes `previous`'s encodings if its bytes are the same.
async fn render(
    next: Next,
    request: Request,
    generation: Generation,
    previous: Option<Arc<CachedPage>>,
) -> Result<Arc<CachedPage>, Unshared> {
    let response = next.run(request).await;
    let (mut parts, body) = response.into_parts();
    if !shareable(parts.status, &parts.headers) {
        return Err(Unshared(Mutex::new(Some(Response::from_parts(parts, body)))));
    }
    let body = match buffer_up_to(body, MAX_HTML_BYTES).await {
        Ok(bytes) => bytes,
        Err(whole) => return Err(Unshared(Mutex::new(Some(Response::from_parts(parts, whole))))),
    };
    let encoded = match previous {
        Some(previous) if previous.body == body => previous.encoded.clone(),
        _ => {
            let page = body.clone();
            match tokio::task::spawn_blocking(move || Encoded::make(&page, BROTLI_STORED)).await {
                Ok(encoded) => encoded,
                Err(error) => {
                    tracing::warn!(%error, "compressing a page failed; stored uncompressed");
                    Encoded::default()
                }
            }
        }
    };
    // Every copy says it depends on `Accept-Encoding`, the page as it is too.
    parts.headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Ok(Arc::new(CachedPage {
        generation,
        status: parts.status,
        headers: parts.headers,
        body,
        encoded,
        outer: OnceLock::new(),
    }))
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
    let accept = request.headers().get(header::ACCEPT_ENCODING).cloned();
    let accept = {
        let mut headers = HeaderMap::new();
        if let Some(value) = accept {
            headers.insert(header::ACCEPT_ENCODING, value);
        }
        headers
    };
    if carries_private_cookie(request.headers()) {
        let mut response = compressed_once(next.run(request).await, &accept).await;
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
        return with_status(response, "vitrine; fwd=bypass; detail=private");
    }
    if !cache.enabled {
        return with_status(compressed_once(next.run(request).await, &accept).await, "vitrine; fwd=bypass; detail=off");
    }
    let Ok((generation, minute)) = Generation::now(&state, &key).await else {
        return with_status(next.run(request).await, "vitrine; fwd=bypass; detail=no-version");
    };
    if !cache.enter(minute) {
        return with_status(next.run(request).await, "vitrine; fwd=bypass; detail=older-minute");
    }
    let mut previous = None;
    if let Some(page) = cache.pages.get(&key).await {
        if page.generation == generation {
            cache.upgrade(&key, &page);
            return respond(&page, request.headers(), "vitrine; hit");
        }
        // Rendered for another generation (an earlier minute, other data, or a request that
        // outlived a change): this request renders the page again, and its encodings are kept
        // if the bytes did not change.
        cache.pages.invalidate(&key).await;
        previous = Some(page);
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
            render(next, request, generation, previous).await
        }
    };
    match cache.pages.try_get_with(key, init).await {
        Ok(page) if page.generation != generation => {
            // Another generation's copy (a render that started before or after a change):
            // this request gets a page of its own generation, not stored.
            with_status(next.run(Request::from_parts(parts, Body::empty())).await, "vitrine; fwd=stale")
        }
        Ok(page) if rendered.load(Ordering::Relaxed) => respond(&page, &parts.headers, "vitrine; fwd=uri-miss; stored"),
        Ok(page) => respond(&page, &parts.headers, "vitrine; fwd=uri-miss; collapsed"),
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
    use std::io::Read;

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
        assert!(key_for("/commerces/vrac-et-co/produits", Some("page=2")).is_ok());
        assert!(key_for("/nl/produits", Some("q=bonnet&prix_max=20&stock=1&ouvert=1&commerce=sport&categorie=x&prix_min=1&page=2")).is_ok());
        assert_eq!(key_for("/produits", Some("q=bonnet&tri=prix")).unwrap_err(), "/produits?q=bonnet");
        assert_eq!(key_for("/commerces/vrac-et-co/produits/3", Some("page=2")).unwrap_err(), "/commerces/vrac-et-co/produits/3");
    }

    #[test]
    fn a_page_s_generation_holds_the_versions_of_the_areas_it_shows() {
        let versions = DataVersions::new(vec![(Area::DIRECTORY, 7), (Area::OFFERS, 3)]);
        let after_an_offer = DataVersions::new(vec![(Area::DIRECTORY, 7), (Area::OFFERS, 4)]);
        let listing = |v: &DataVersions| Generation::of(page_areas("/commerces", false), v, 100).unwrap();
        let feed = |v: &DataVersions| Generation::of(page_areas("/offres", false), v, 100).unwrap();
        assert_eq!(listing(&versions), listing(&after_an_offer), "an offer write leaves the directory listing");
        assert_ne!(feed(&versions), feed(&after_an_offer), "and changes the feed's generation");
        for page in ["/", "/offres/12"] {
            assert_eq!(page_areas(page, false), &[Area::DIRECTORY, Area::OFFERS], "{page} shows offers");
        }
        assert_eq!(page_areas("/commerces/boucherie-dubois", false), &[Area::DIRECTORY, Area::OFFERS, Area::CATALOGUE]);
        let catalogue = [Area::DIRECTORY, Area::CATALOGUE];
        assert_eq!(page_areas("/commerces/boucherie-dubois/produits", false), &catalogue);
        assert_eq!(page_areas("/commerces/boucherie-dubois/produits/12", false), &catalogue);
        assert_eq!(page_areas("/produits", false), &catalogue);
        assert_eq!(page_areas("/commerces", true), &catalogue, "a directory search offers products too");
        let search = key_for("/commerces", Some("q=bonnet")).unwrap();
        assert!(search.searches_text());
        assert!(!key_for("/commerces", Some("q=+&page=2")).unwrap().searches_text());
        let with_catalogue = DataVersions::new(vec![(Area::DIRECTORY, 7), (Area::OFFERS, 3), (Area::CATALOGUE, 1)]);
        let after_a_product = DataVersions::new(vec![(Area::DIRECTORY, 7), (Area::OFFERS, 3), (Area::CATALOGUE, 2)]);
        assert_eq!(listing(&with_catalogue), listing(&after_a_product), "a product write leaves the directory listing");
        assert_eq!(feed(&with_catalogue), feed(&after_a_product), "and the offers feed");
        let restored = DataVersions::new(vec![(Area::DIRECTORY, 5), (Area::OFFERS, 3)]);
        assert_ne!(listing(&versions), listing(&restored), "a version that went back is another generation");
        let without_offers = DataVersions::new(vec![(Area::DIRECTORY, 7)]);
        assert!(Generation::of(page_areas("/offres", false), &without_offers, 100).is_none());
    }

    #[test]
    fn minutes_only_move_forward() {
        let cache = PageCache::new(true);
        assert!(cache.enter(100));
        assert!(cache.enter(100));
        assert!(!cache.enter(99), "a request that read the clock before the minute changed");
        assert!(cache.enter(101));
        assert_eq!(cache.entry_count(), 0);
    }

    /// A page made for one request is compressed once, with the coding the request takes
    /// (zstd from this thread's encoder, reused), and decodes to the page.
    #[tokio::test]
    async fn a_page_made_for_one_request_is_compressed_once_in_a_coding_it_takes() {
        let page =
            "<!DOCTYPE html><html><body>".to_string() + &"<p>Boucherie Dubois</p>".repeat(400) + "</body></html>";
        let html = || {
            let mut response = Response::new(Body::from(page.clone()));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            response
        };
        for (accept, coding) in [("gzip, deflate, br, zstd", Some("zstd")), ("gzip", Some("gzip")), ("identity", None)]
        {
            for _ in 0..2 {
                let response = compressed_once(html(), &accepting(accept)).await;
                let sent = response.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_string());
                assert_eq!(sent.as_deref(), coding, "{accept}");
                let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
                let decoded = match coding {
                    Some("zstd") => zstd::stream::decode_all(&body[..]).unwrap(),
                    Some("gzip") => {
                        let mut out = Vec::new();
                        flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut out).unwrap();
                        out
                    }
                    _ => body.to_vec(),
                };
                assert_eq!(decoded, page.as_bytes(), "{accept}");
                if coding.is_some() {
                    assert!(body.len() < page.len() / 10, "{accept}: {} bytes", body.len());
                }
            }
        }
        // Not HTML (a server function's JSON): left to the compression layer.
        let mut json = Response::new(Body::from("{}"));
        json.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        assert!(!compressed_once(json, &accepting("zstd")).await.headers().contains_key(header::CONTENT_ENCODING));
    }

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_encoding_follows_accept_encoding_and_its_q_values() {
        let all = |_| true;
        let wanted = |value: &str| negotiate(&accepting(value), all);
        assert_eq!(wanted("gzip, deflate, br, zstd"), Some(Coding::Br), "a browser gets the smallest");
        assert_eq!(wanted("gzip"), Some(Coding::Gzip));
        assert_eq!(wanted("x-gzip"), Some(Coding::Gzip));
        assert_eq!(wanted("zstd"), Some(Coding::Zstd));
        assert_eq!(wanted("ZSTD;Q=1, gzip"), Some(Coding::Zstd));
        assert_eq!(negotiate(&HeaderMap::new(), all), None, "no header: the page as it is");
        assert_eq!(wanted("identity"), None);
        assert_eq!(wanted("deflate"), None, "deflate is not stored");
        assert_eq!(wanted(""), None);
        assert_eq!(wanted("gzip, deflate, br;q=0, zstd"), Some(Coding::Zstd), "br;q=0 refuses brotli");
        assert_eq!(wanted("br;q=0, zstd;q=0, gzip;q=0"), None, "every coding refused");
        assert_eq!(wanted("gzip;q=0.8, br;q=0.5"), Some(Coding::Gzip), "the highest q-value wins");
        assert_eq!(wanted("gzip;q=0.5, br;q=0.500"), Some(Coding::Br), "ties go to the smaller");
        assert_eq!(wanted("br;q=0.5, identity"), None, "identity asked for first");
        assert_eq!(wanted("br;q=0.5, identity;q=0.2"), Some(Coding::Br));
        assert_eq!(wanted("*"), Some(Coding::Br), "any coding");
        assert_eq!(wanted("*;q=0.3, br;q=0, gzip;q=0.4"), Some(Coding::Gzip));
        assert_eq!(wanted("*;q=0.3, br;q=0"), Some(Coding::Zstd), "the star stands for those not named");
        assert_eq!(wanted("*;q=0"), None);
        assert_eq!(wanted("br;q=2, gzip"), Some(Coding::Gzip), "an unreadable q-value ignores the element");
        assert_eq!(wanted("br;q=0.1234, gzip;q=0.1"), Some(Coding::Gzip));
        assert_eq!(wanted("br;q=1.000"), Some(Coding::Br));
        assert_eq!(wanted("br;q=1.5"), None);
        assert_eq!(
            negotiate(&accepting("gzip, deflate, br, zstd"), |c| c != Coding::Br),
            Some(Coding::Zstd),
            "a coding that was not stored is not sent"
        );
        let mut two = accepting("br;q=0");
        two.append(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        assert_eq!(negotiate(&two, all), Some(Coding::Gzip), "the header sent twice");
    }

    #[test]
    fn a_page_is_kept_in_each_coding_and_each_decodes_to_it() {
        let page: Vec<u8> = (0..2000)
            .flat_map(|i| format!("<li><a href=\"/commerces/shop-{i}\">Shop {i}</a></li>").into_bytes())
            .collect();
        let encoded = Encoded::make(&page, BROTLI_STORED);
        assert!(!encoded.best);
        let mut br = Vec::new();
        ::brotli::Decompressor::new(&encoded.br.as_ref().unwrap()[..], 4096).read_to_end(&mut br).unwrap();
        assert_eq!(br, page);
        let mut gzip = Vec::new();
        flate2::read::GzDecoder::new(&encoded.gzip.as_ref().unwrap()[..]).read_to_end(&mut gzip).unwrap();
        assert_eq!(gzip, page);
        assert_eq!(zstd::bulk::decompress(encoded.zstd.as_ref().unwrap(), page.len()).unwrap(), page);
        // A page that no coding makes smaller is kept as it is only.
        let tiny = Encoded::make(b"<p>", BROTLI_STORED);
        assert!(tiny.br.is_none() && tiny.gzip.is_none() && tiny.zstd.is_none() && tiny.bytes() == 0);
    }

    #[test]
    fn the_budget_counts_every_coding() {
        let page = Bytes::from(vec![b'a'; 10_000]);
        let stored = |encoded: Encoded| CachedPage {
            generation: Generation { versions: vec![], minute: 0 },
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: page.clone(),
            encoded,
            outer: OnceLock::new(),
        };
        let key = key_for("/commerces", None).unwrap();
        let plain = stored(Encoded::default()).weight(&key);
        let encoded = Encoded::make(&page, BROTLI_STORED);
        assert_eq!(stored(encoded.clone()).weight(&key), plain + encoded.bytes() as u32);
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
