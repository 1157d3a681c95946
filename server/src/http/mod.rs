//! The HTTP stack around the Leptos app. From the outside in, a request meets:
//! 1. [`observe`]: a request id (`x-request-id`, kept if a proxy set one) and one structured log
//!    line per request, with status and latency (the path's sign-in tokens redacted), and the
//!    request's metrics ([`crate::metrics`]); then [`hits`]: a page the [`crate::page_cache`]
//!    holds for this request is answered at once, without any layer below; then [`client_ip`]: the visitor's address (the TCP
//!    peer, or what a trusted proxy says), for the throttles; then `/healthz` and `/readyz`
//!    ([`crate::health`]), which skip everything below;
//! 2. a timeout (the route's [`edge::time_limit`], then 503) and [`headers`]: security headers on
//!    every response (CSP with hashes of the page's inline scripts, HSTS on HTTPS, a sandbox for
//!    `/media`);
//! 3. compression at a fast level of what is made on every request (not of the
//!    already-compressed assets, nor of the pages the [`crate::page_cache`] keeps compressed);
//! 4. [`edge`]: refusals before any of our code runs: control characters in the path or query
//!    (400), bodies over the route's limit (413), trailing slashes (301 to the URL without);
//! 5. [`csrf`]: state-changing requests must come from the configured public origin;
//! 6. [`errors`]: server functions' errors get the status their variant deserves;
//! 7. pages only: [`language`] negotiation, then [`html`]'s conditional GET (304), the count of
//!    business page views ([`crate::stats::count_views`], outside the cache so that cached pages
//!    count), the [`crate::page_cache`], and `finish_html` (valid, deterministic HTML with an ETag).
//!
//! Besides the pages: `/api/*` (server functions), `/pkg` (hashed assets, cached a year), `/media`
//! (photos), `/sitemap.xml` and `/robots.txt` ([`crate::sitemap`]), `/langue/…` (the language
//! switcher), `/ping/{slug}/{kind}` (clicks on a business page's links, [`crate::stats::ping`]),
//! and the public files and the 404 page (`file_and_error_handler`).

pub mod client_ip;
pub mod csrf;
pub mod edge;
pub mod errors;
pub mod headers;
pub mod hits;
pub mod html;
pub mod language;
pub mod multipart;
pub mod observe;
pub mod offers_merchant;
pub mod products_merchant;
pub mod serve;
pub mod session;
pub mod uploads;

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use app::state::AppState;
use app::{shell, App};
use axum::extract::{Path as AxumPath, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::routing::{get, post};
use axum::Router;
use common::Lang;
use http::header::{self, HeaderValue};
use http::StatusCode;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::page_cache::PageCache;

/// Longest a request may take, from its first byte to our last; then 503. Pages render in a few
/// milliseconds; this bounds what a stuck database or a slow client can hold. (The photo upload
/// has its own: [`edge::time_limit`].)
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the HTTP stack needs besides the app's state.
#[derive(Clone, Debug)]
pub struct HttpSettings {
    /// Keep rendered pages in memory (`VITRINE_PAGE_CACHE=off` to measure or debug without).
    pub page_cache: bool,
    /// Where views and clicks are counted until flushed to the database ([`crate::stats`]).
    pub stats: Arc<crate::stats::Tally>,
    /// The reverse proxies whose forwarding headers name the client ([`client_ip`]).
    pub trusted_proxies: client_ip::TrustedProxies,
    /// Set when shutdown begins: `/readyz` then answers 503 ([`crate::health`]).
    pub readiness: crate::health::Readiness,
    /// The merchants' live inboxes ([`crate::orders::live`]); closed when shutdown begins.
    pub live_orders: Arc<crate::orders::live::Hub>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            page_cache: true,
            stats: Default::default(),
            trusted_proxies: Default::default(),
            readiness: Default::default(),
            live_orders: Default::default(),
        }
    }
}

/// The app's routes, listed once per process. Listing runs the whole app with resource loading
/// suspended through a process-wide flag (leptos_server 0.8.8 `SuppressResourceLoad`, read once
/// per resource): a page rendering on another thread at that moment would wait for ever
/// (leptos-rs/leptos#4773; reproduced in `server/tests/current_thread.rs`). Listed once, before
/// the first router serves anything, no listing can overlap a render.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: OnceLock<Vec<leptos_axum::AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The `Cache-Control` of `/media` files (see [`router`]).
pub const MEDIA_CACHE: &str = "no-cache";

pub fn router(state: AppState, media_dir: &Path, settings: &HttpSettings) -> Router {
    let routes = routes();
    let cache = Arc::new(PageCache::new(settings.page_cache));
    let hits = Arc::new(hits::Hits { cache: cache.clone(), state: Arc::new(state.clone()), tally: settings.stats.clone() });
    let watched = Arc::downgrade(&cache);
    crate::metrics::watch_page_cache(Box::new(move || watched.upgrade().map(|cache| cache.size())));
    // Middlewares get what they need behind an `Arc` or as plain values: cloning the whole
    // `AppState` (Leptos options, pool) for every request showed up at 9 % of a cached page's
    // CPU time in a profile.
    let cache_state = Arc::new(state.clone());
    let (views_tally, views_state) = (settings.stats.clone(), cache_state.clone());
    let (ping_tally, ping_state) = (settings.stats.clone(), cache_state.clone());
    let context_state = state.clone();
    let media_context = app::state::MediaDir(Arc::from(media_dir));
    let uploads = Arc::new(uploads::Uploads { state: state.clone(), media_dir: media_dir.to_path_buf() });
    let merchant_offers =
        Arc::new(offers_merchant::OffersRoutes { state: state.clone(), media_dir: media_dir.to_path_buf() });
    let error_state = state.clone();
    let follow_state = Arc::new(state.clone());
    let orders_state = Arc::new(state.clone());
    let options = state.leptos_options.clone();
    // The only inline scripts a page's `<head>` may run (headers::page_policy).
    let own_head_scripts: &'static [String] = app::own_head_scripts(&options);
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let private_pkg_dir = Path::new(options.site_root.as_ref()).join(app::PRIVATE_PKG_DIR);
    // Hashed asset names change with their content, so browsers may keep them for a year.
    let pkg_cache = if options.hash_files { "public, max-age=31536000, immutable" } else { "no-cache" };

    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                provide_context(media_context.clone());
            },
            move || shell((*options).clone()),
        )
        .route("/fr", get(language::french_prefix))
        .route("/fr/{*rest}", get(language::french_prefix))
        .route("/langue/{code}", get(language::choose))
        .route("/langue/{code}/{*rest}", get(language::choose))
        .route("/sitemap.xml", get(crate::sitemap::sitemap))
        .route("/sitemaps/{file}", get(crate::sitemap::sitemap_part))
        .route("/robots.txt", get(crate::sitemap::robots))
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(error_state.clone()),
            shell,
        ))
        .layer(middleware::from_fn(move |request: Request, next: Next| html::finish_html(own_head_scripts, request, next)))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::page_cache::cache_pages(cache_state.clone(), cache.clone(), request, next)
        }))
        // Outside the page cache: pages served from it are views too.
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::stats::count_views(views_tally.clone(), views_state.clone(), request, next)
        }))
        .layer(middleware::from_fn(html::answer_conditional_get))
        .layer(middleware::from_fn(language::negotiate));

    // What the follow-by-e-mail forms render a refused form through (crate::follow).
    let follow_pages = pages.clone().with_state(state.clone());
    let orders_pages = follow_pages.clone();
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(pkg_cache)))
        .service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip());
    // The private pages' bundle (dashboard, account, console), built into its own directory.
    let private_pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(pkg_cache)))
        .service(ServeDir::new(private_pkg_dir).precompressed_br().precompressed_gzip());
    // Media files can be deleted (a merchant removes a photo): every use asks again (a 304 from
    // their Last-Modified and ETag while they exist), so a deleted photo stops being served at
    // once, by us and by any shared cache; a day-long `max-age` kept it public for a day.
    let media = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(MEDIA_CACHE)))
        .service(ServeDir::new(media_dir));

    // Images are already compressed; the WASM, JS and CSS are sent precompressed when built so;
    // the page cache's pages are compressed once when stored, and carry the coding it chose.
    let compress = DefaultPredicate::new()
        .and(NotForContentType::const_new("image/"))
        .and(NotForContentType::const_new("application/wasm"))
        .and(|_: StatusCode, _: http::Version, _: &HeaderMap, extensions: &http::Extensions| {
            extensions.get::<crate::page_cache::Negotiated>().is_none()
        });
    let https = state.base_url.starts_with("https://");
    let session_state = Arc::new(state.clone());
    let public_origin: Arc<str> = Arc::from(csrf::origin_of(&state.base_url));
    let trusted_proxies = settings.trusted_proxies.clone();
    let live_orders = settings.live_orders.clone();
    // The routes outside the pages' layers, mounted once per language prefix ("", "/nl", "/en").
    let mut pages = pages;
    for lang in Lang::ALL {
        let prefix = lang.path_prefix();
        pages = pages
            // No page cache, no language redirect, like any write.
            .route(&format!("{prefix}{}", uploads::ROUTE), uploads::handler(&uploads))
            // The merchant's offer form (multipart, with a photo) and the offer's poster.
            .route(&format!("{prefix}{}", offers_merchant::SAVE_ROUTE), offers_merchant::save_handler(&merchant_offers))
            .route(
                &format!("{prefix}{}", offers_merchant::POSTER_ROUTE),
                offers_merchant::poster_handler(&merchant_offers),
            )
            // The merchant's products as a spreadsheet (issue 13).
            .route(&format!("{prefix}{}", products_merchant::EXPORT_ROUTE), get(products_merchant::export))
            .route(&format!("{prefix}{}", products_merchant::IMPORT_ROUTE), post(products_merchant::import_upload))
            .route(&format!("{prefix}{}", products_merchant::PHOTO_ROUTE), {
                let uploads = uploads.clone();
                post(move |request: axum::extract::Request| products_merchant::add_photo(uploads.clone(), request))
            })
            // Click & collect (issue 14): the calendar file of a collection, the merchant's
            // actions, settings and live inbox (crate::orders).
            .route(
                &format!("{prefix}/commande/{{token}}/calendrier/{{order}}"),
                get(move |s: State<AppState>, AxumPath((token, order)): AxumPath<(String, String)>| {
                    crate::orders::calendar(s.0, lang, token, order)
                }),
            )
            .route(
                &format!("{prefix}/tableau-de-bord/{{id}}/commandes/action"),
                post(|s: State<AppState>, request: Request| crate::orders::merchant_post(s.0, request)),
            )
            .route(
                &format!("{prefix}/tableau-de-bord/{{id}}/commandes/reglages"),
                post(|s: State<AppState>, request: Request| crate::orders::merchant_post(s.0, request)),
            )
            .route(&format!("{prefix}/tableau-de-bord/{{id}}/commandes/flux"), {
                let hub = live_orders.clone();
                get(move |s: State<AppState>, request: Request| crate::orders::live::stream(s.0, hub.clone(), request))
            })
            // The Atom feeds of offers (issue 8): a feed URL names its language.
            .route(
                &format!("{prefix}/offres.atom"),
                get(move |s: State<AppState>, h: HeaderMap| crate::feeds::all_offers(lang, s, h)),
            )
            .route(
                &format!("{prefix}/commerces/{{slug}}/offres.atom"),
                get(move |s: State<AppState>, p: AxumPath<String>, h: HeaderMap| {
                    crate::feeds::business_offers(lang, s, p, h)
                }),
            );
    }
    let stack = pages
        .nest_service("/pkg", pkg)
        .nest_service("/pkg-private", private_pkg)
        .nest_service("/media", media)
        .route(
            "/ping/{slug}/{kind}",
            post(move |axum::extract::Path((slug, kind)): axum::extract::Path<(String, String)>, request: Request| {
                crate::stats::ping(ping_tally.clone(), ping_state.clone(), slug, kind, request)
            }),
        )
        // The follow-by-e-mail forms' POSTs (the same paths' GETs are pages).
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::follow::handle_posts(follow_state.clone(), follow_pages.clone(), request, next)
        }))
        // The basket's and the order page's POSTs (crate::orders), likewise.
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::orders::handle_posts(orders_state.clone(), orders_pages.clone(), request, next)
        }))
        .layer(middleware::from_fn_with_state(state.clone(), errors::honest_statuses))
        // Outside the page cache: a response that sets or clears the cookie is never stored.
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            session::resolve_session(session_state.clone(), https, request, next)
        }))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            csrf::reject_cross_site_writes(public_origin.clone(), request, next)
        }))
        .layer(middleware::from_fn(edge::guard))
        // What is compressed here is made for one request (pages rendered every time, server
        // functions' answers): level 1 of zstd, brotli or gzip, a fraction of a millisecond for a
        // 40 KB page (tower-http's default brotli 4 cost more than the render).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)).compress_when(compress))
        .layer(middleware::from_fn(move |request: Request, next: Next| headers::security_headers(https, request, next)))
        .layer(middleware::from_fn(edge::deadline))
        // The health checks: outside every layer above (no session, no page cache, no statistics).
        .merge(crate::health::routes(state.db.clone(), settings.readiness.clone()))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            client_ip::resolve(trusted_proxies.clone(), request, next)
        }))
        .with_state(state);
    // Cache hits are answered before all of the above ([`hits`]), logged and counted all the same.
    Router::new().fallback_service(hits::HitsFirst { hits, inner: stack }).layer(middleware::from_fn(observe::observe))
}

/// Pages cached for everyone: the public and offers pages of [`app::routes`] in each language;
/// files and API calls are not.
pub fn is_page(path: &str) -> bool {
    // Not the follow-by-e-mail pages: they carry a person's links and typed values (never
    // cached) and their own query parameters (`jeton`, `cle`, `commerce`).
    use app::routes::{kind_of, PageKind};
    matches!(kind_of(Lang::split_path(path).1), Some(PageKind::Public | PageKind::ServerOnly))
}

/// A redirect to a path of this site (callers make sure it is local).
pub fn redirect(status: StatusCode, location: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = status.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `path` followed by the request's query string, if it has one.
pub fn with_query(path: &str, request: &Request) -> String {
    match request.uri().query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_directory_pages_are_pages() {
        assert!(is_page("/"));
        assert!(is_page("/nl/commerces/boucherie-dubois"));
        assert!(is_page("/en"));
        assert!(!is_page("/api/businesses"));
        assert!(!is_page("/pkg/vitrine.js"));
        assert!(!is_page("/commercesx"));
        assert!(is_page("/nl/offres") && is_page("/offres/12"));
        assert!(!is_page("/sitemap.xml"));
    }
}
