//! Health checks for load balancers, service managers and orchestrators:
//! - `GET /healthz`: the process answers (200), nothing else is checked, so a slow database does
//!   not get a live process restarted;
//! - `GET /readyz`: the instance can serve: the database answers, every migration this binary
//!   knows is applied (a database restored from an older backup, or rolled back, is not ready
//!   until `vitrine migrate` runs), and it is not shutting down (503 from the shutdown signal on,
//!   while the requests in flight are finished).
//!
//! Both are answered before every other layer but the request id and the log line (no session,
//! no CSRF, no page cache, no statistics), with `Cache-Control: no-store`, and logged at `debug`
//! only (a probe every few seconds would drown the log).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::StatusCode;
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub const LIVENESS_PATH: &str = "/healthz";
pub const READINESS_PATH: &str = "/readyz";

pub fn is_health_path(path: &str) -> bool {
    path == LIVENESS_PATH || path == READINESS_PATH
}

/// Whether the instance is shutting down; shared by the shutdown signal and `/readyz`.
#[derive(Clone, Debug, Default)]
pub struct Readiness(Arc<AtomicBool>);

impl Readiness {
    /// From now on `/readyz` answers 503.
    pub fn begin_draining(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The two routes, to be merged outside the site's layers.
pub fn routes<S: Clone + Send + Sync + 'static>(db: DatabaseConnection, readiness: Readiness) -> Router<S> {
    Router::new().route(LIVENESS_PATH, get(|| async { answer(StatusCode::OK, "ok") })).route(
        READINESS_PATH,
        get(move || {
            let (db, readiness) = (db.clone(), readiness.clone());
            async move {
                match not_ready(&db, &readiness).await {
                    None => answer(StatusCode::OK, "ready"),
                    Some(reason) => {
                        tracing::debug!(%reason, "not ready");
                        answer(StatusCode::SERVICE_UNAVAILABLE, &reason)
                    }
                }
            }
        }),
    )
}

fn answer(status: StatusCode, text: &str) -> Response {
    (status, [(CACHE_CONTROL, "no-store"), (CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{text}\n"))
        .into_response()
}

/// Why the instance cannot serve, if it cannot.
async fn not_ready(db: &DatabaseConnection, readiness: &Readiness) -> Option<String> {
    if readiness.is_draining() {
        return Some("shutting down".into());
    }
    match pending_migrations(db).await {
        Ok(pending) if pending.is_empty() => None,
        Ok(pending) => Some(format!("migrations pending: {}", pending.join(", "))),
        Err(error) => {
            tracing::warn!(%error, "readiness: the database does not answer");
            Some("database unavailable".into())
        }
    }
}

/// The migrations this binary knows that the database has not applied. Read-only (unlike
/// sea-orm-migration's status, it creates no table), and a database migrated by a newer
/// binary is not an error: during a rolling upgrade the older instances still serve.
pub async fn pending_migrations(db: &DatabaseConnection) -> Result<Vec<String>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let rows = db.query_all_raw(Statement::from_string(backend, "SELECT version FROM seaql_migrations")).await?;
    let applied: HashSet<String> = rows.iter().filter_map(|row| row.try_get::<String>("", "version").ok()).collect();
    Ok(migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .filter(|name| !applied.contains(name))
        .collect())
}
