//! Prometheus metrics, served on their own listener (`VITRINE_METRICS_BIND`, off by default) so
//! that they never reach the public site: `GET /metrics` in the OpenMetrics text format.
//!
//! Counted as requests are served (by [`crate::http::observe`]): requests by route group and
//! status class, latency histograms by route group, page-cache outcomes (read from the
//! `cache-status` header the cache writes). The route group is one of a few fixed names, never
//! a path, so the number of series stays bounded whatever URLs are requested.
//!
//! Read when scraped: the e-mail queue (waiting, failed, age of the oldest waiting), the
//! database pool, the active sessions, the page cache's size and the data-version checks.
//!
//! The Prometheus project's own Rust client (`prometheus-client`): no global recorder to install,
//! and metrics are plain atomics, so counting costs the same whether or not anyone scrapes.

use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::Clock;
use entity::{email_outbox, session};
use http::header::{HeaderMap, CONTENT_TYPE};
use http::{Method, StatusCode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

pub const HEALTH: &str = "health";

/// The group a request's path belongs to: a fixed name.
pub fn route_group(method: &Method, path: &str) -> &'static str {
    if crate::health::is_health_path(path) {
        HEALTH
    } else if path.starts_with("/pkg/") || path.starts_with("/pkg-private/") {
        "asset"
    } else if path.starts_with("/api/") {
        "server_fn"
    } else if path.starts_with("/media/") {
        "media"
    } else if path.ends_with(".atom") || path == "/sitemap.xml" || path == "/robots.txt" {
        "feed"
    } else if method != Method::GET && method != Method::HEAD {
        "form"
    } else if crate::http::is_page(path) {
        "page"
    } else {
        "other"
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    group: &'static str,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct GroupLabel {
    group: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

/// Bytes and entries of one page cache, `None` once it is gone.
pub type SizeSource = Box<dyn Fn() -> Option<(u64, u64)> + Send + Sync>;

type Histograms = Family<GroupLabel, Histogram, fn() -> Histogram>;

/// What is counted as requests are served, for the whole process.
struct Metrics {
    requests: Family<RequestLabels, Counter>,
    latency: Histograms,
    page_cache: Family<OutcomeLabel, Counter>,
    data_version_checks: Counter,
    /// What tells the page caches' sizes (one cache in production; several in tests).
    caches: Mutex<Vec<SizeSource>>,
}

fn latency_histogram() -> Histogram {
    // 0.5 ms to ~8 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    requests: Default::default(),
    latency: Family::new_with_constructor(latency_histogram),
    page_cache: Default::default(),
    data_version_checks: Default::default(),
    caches: Mutex::new(Vec::new()),
});

/// A gauge holding `value`.
fn gauge(value: i64) -> Gauge {
    let gauge = Gauge::default();
    gauge.set(value);
    gauge
}

fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// Counts a served request; `headers` are the response's (for the page cache's outcome).
pub fn record_request(group: &'static str, status: u16, elapsed: Duration, headers: &HeaderMap) {
    let metrics = &*METRICS;
    metrics.requests.get_or_create(&RequestLabels { group, status: status_class(status) }).inc();
    metrics.latency.get_or_create(&GroupLabel { group }).observe(elapsed.as_secs_f64());
    // The page cache's `cache-status` (RFC 9211): `vitrine; hit`, `vitrine; fwd=uri-miss…`,
    // `vitrine; fwd=bypass…`.
    if let Some(outcome) = headers.get("cache-status").and_then(|v| v.to_str().ok()) {
        let outcome = if outcome.ends_with("; hit") {
            "hit"
        } else if outcome.contains("fwd=bypass") {
            "bypass"
        } else {
            "miss"
        };
        metrics.page_cache.get_or_create(&OutcomeLabel { outcome }).inc();
    }
}

/// Counts one check of the data versions (for the page cache to call where it reads them).
pub fn data_version_checked() {
    METRICS.data_version_checks.inc();
}

/// Lets the scrape read a page cache's size (bytes, entries), e.g.
/// `watch_page_cache(Box::new(move || weak.upgrade().map(|cache| cache.size())))`.
pub fn watch_page_cache(size: SizeSource) {
    if let Ok(mut caches) = METRICS.caches.lock() {
        caches.push(size);
    }
}

/// What the metrics listener needs.
#[derive(Clone)]
pub struct Scrape {
    pub db: DatabaseConnection,
    pub clock: Clock,
}

/// The metrics listener's router: `GET /metrics`.
pub fn router(scrape: Scrape) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(scrape)
}

async fn metrics(State(scrape): State<Scrape>) -> Response {
    // A registry per scrape: the counters are shared handles, the values read now are its own,
    // so concurrent scrapes (of several test databases) cannot mix.
    let registry = registry(&scrape).await;
    let mut text = String::new();
    if let Err(error) = prometheus_client::encoding::text::encode(&mut text, &registry) {
        tracing::warn!(%error, "cannot encode the metrics");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (StatusCode::OK, [(CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], text)
        .into_response()
}

/// The counters, and the values read when scraped. A value whose query fails is left out (and
/// logged), rather than reported as 0.
async fn registry(scrape: &Scrape) -> Registry {
    use prometheus_client::registry::Unit;
    let metrics = &*METRICS;
    let db = &scrape.db;
    let now = scrape.clock.now();
    let mut registry = Registry::with_prefix("vitrine");
    registry.register("http_requests", "HTTP requests by route group and status class", metrics.requests.clone());
    registry.register_with_unit(
        "http_request_duration",
        "Time from a request's first byte to its response, by route group",
        Unit::Seconds,
        metrics.latency.clone(),
    );
    registry.register(
        "page_cache_requests",
        "Pages asked of the page cache: hit, miss, bypass",
        metrics.page_cache.clone(),
    );
    registry.register(
        "data_version_checks",
        "Checks of the data versions by the page cache",
        metrics.data_version_checks.clone(),
    );

    let (bytes, entries) = match metrics.caches.lock() {
        Ok(mut caches) => {
            let mut total = (0, 0);
            caches.retain(|size| match size() {
                Some((bytes, entries)) => {
                    total = (total.0 + bytes, total.1 + entries);
                    true
                }
                None => false,
            });
            total
        }
        Err(_) => (0, 0),
    };
    registry.register_with_unit("page_cache_size", "Bytes held by the page cache", Unit::Bytes, gauge(bytes as i64));
    registry.register("page_cache_entries", "Pages held by the page cache", gauge(entries as i64));

    let waiting = [email_outbox::Status::Pending, email_outbox::Status::Sending];
    match email_outbox::Entity::find().filter(email_outbox::Column::Status.is_in(waiting)).count(db).await {
        Ok(count) => {
            registry.register("mail_waiting", "E-mails waiting to be sent (pending or being sent)", gauge(count as i64))
        }
        Err(error) => tracing::warn!(%error, "metrics: cannot count the e-mails waiting"),
    }
    let failed = email_outbox::Entity::find().filter(email_outbox::Column::Status.eq(email_outbox::Status::Failed));
    match failed.count(db).await {
        Ok(count) => registry.register("mail_failed", "E-mails given up", gauge(count as i64)),
        Err(error) => tracing::warn!(%error, "metrics: cannot count the failed e-mails"),
    }
    let oldest = email_outbox::Entity::find()
        .filter(email_outbox::Column::Status.is_in(waiting))
        .order_by_asc(email_outbox::Column::CreatedAt)
        .select_only()
        .column(email_outbox::Column::CreatedAt)
        .into_tuple::<chrono::DateTime<chrono::Utc>>()
        .one(db)
        .await;
    match oldest {
        Ok(oldest) => registry.register_with_unit(
            "mail_oldest_waiting_age",
            "Age of the oldest e-mail waiting to be sent (0 when none)",
            Unit::Seconds,
            gauge(oldest.map(|at| (now - at).num_seconds().max(0)).unwrap_or(0)),
        ),
        Err(error) => tracing::warn!(%error, "metrics: cannot read the oldest e-mail waiting"),
    }
    let active = session::Entity::find()
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - domain::accounts::sessions::INACTIVITY));
    match active.count(db).await {
        Ok(count) => registry.register("sessions_active", "Sessions neither ended nor expired", gauge(count as i64)),
        Err(error) => tracing::warn!(%error, "metrics: cannot count the sessions"),
    }

    let (size, idle, max) = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle() as u32, pool.options().get_max_connections())
        }
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle() as u32, pool.options().get_max_connections())
        }
        _ => (0, 0, 0),
    };
    let pool = Family::<StateLabel, Gauge>::default();
    pool.get_or_create(&StateLabel { state: "idle" }).set(idle as i64);
    pool.get_or_create(&StateLabel { state: "in_use" }).set(size.saturating_sub(idle) as i64);
    registry.register("db_pool_connections", "Database pool connections: idle, in_use", pool);
    registry.register("db_pool_max_connections", "Largest size of the database pool", gauge(max as i64));
    registry
}
