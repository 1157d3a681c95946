//! The merchants' live inbox: `GET /tableau-de-bord/{id}/commandes/flux`, a server-sent event
//! stream that says `orders` whenever the shop's orders change, on whichever instance the
//! change was made.
//!
//! Across instances through the database: every write to `orders` bumps its data version (row
//! 4 of `data_version`, by trigger, in the writing transaction). One task per instance, the
//! [`Hub`]'s, reads that version every [`POLL`] while at least one stream is open (and stops
//! when none is), and tells the streams through a `watch` channel; each stream then compares
//! its shop's stamp (`domain::orders::read::stamp`, computed once per shop and version for all
//! the streams of the instance) with the last one it sent, so a change at another shop sends
//! nothing. A new order reaches the merchant's screen within `POLL` plus one
//! fetch of the page. The poll was chosen over PostgreSQL's LISTEN/NOTIFY because it works the
//! same on SQLite and holds no connection of the pool per instance.
//!
//! A stream ends after [`MAX_LIFETIME`] (the browser reconnects by itself, `retry: 2000`) and
//! as soon as the server starts shutting down ([`Hub::close`]), so open inboxes never hold a
//! shutdown or a deploy.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use common::{AppError, Lang};
use domain::data_version::Area;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use crate::http::edge::refuse;

/// How often the hub reads the orders' data version while streams are open.
pub const POLL: Duration = Duration::from_millis(250);
/// How long one stream stays open before the browser is asked to reconnect.
pub const MAX_LIFETIME: Duration = Duration::from_secs(300);

/// A shop's stamp at one version of the orders, computed once however many streams ask.
type SharedStamp = Arc<tokio::sync::OnceCell<Option<u64>>>;

/// One instance's watcher of the orders' data version (see the module doc).
#[derive(Debug)]
pub struct Hub {
    version: watch::Sender<i64>,
    closing: watch::Sender<bool>,
    running: AtomicBool,
    /// Per shop, its stamp at the latest version a stream asked about: a thousand inboxes of one
    /// shop open on this instance make one query per change, not a thousand.
    stamps: std::sync::Mutex<std::collections::HashMap<i32, (i64, SharedStamp)>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            version: watch::Sender::new(0),
            closing: watch::Sender::new(false),
            running: AtomicBool::new(false),
            stamps: Default::default(),
        }
    }
}

impl Hub {
    /// The stamp of `business_id`'s orders at `version` (`None` if the database did not answer).
    async fn stamp(&self, db: &DatabaseConnection, business_id: i32, version: i64) -> Option<u64> {
        let cell = {
            let mut stamps = self.stamps.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match stamps.get(&business_id) {
                Some((seen, cell)) if *seen == version => cell.clone(),
                _ => {
                    let cell = SharedStamp::default();
                    stamps.insert(business_id, (version, cell.clone()));
                    cell
                }
            }
        };
        *cell.get_or_init(|| async { domain::orders::read::stamp(db, business_id).await.ok() }).await
    }

    /// A receiver of the version, and of the shutdown; starts the poll if it is not running.
    fn subscribe(self: &Arc<Self>, db: &DatabaseConnection) -> (watch::Receiver<i64>, watch::Receiver<bool>) {
        let receivers = (self.version.subscribe(), self.closing.subscribe());
        self.start(db);
        receivers
    }

    fn start(self: &Arc<Self>, db: &DatabaseConnection) {
        if self.running.compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire).is_err() {
            return;
        }
        let (hub, db) = (self.clone(), db.clone());
        tokio::spawn(async move {
            loop {
                while hub.version.receiver_count() > 0 && !*hub.closing.borrow() {
                    match domain::data_version::read(&db).await {
                        Ok(versions) => {
                            let now = versions.get(Area::ORDERS).unwrap_or(0);
                            hub.version.send_if_modified(|seen| std::mem::replace(seen, now) != now);
                        }
                        Err(error) => tracing::warn!(%error, "live inbox: cannot read the orders' version"),
                    }
                    tokio::time::sleep(POLL).await;
                }
                hub.running.store(false, Ordering::Release);
                // A stream that subscribed while this loop was ending would wait for nothing:
                // take the poll back if so.
                if hub.version.receiver_count() == 0
                    || *hub.closing.borrow()
                    || hub.running.compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire).is_err()
                {
                    return;
                }
            }
        });
    }

    /// Ends every stream (the server is shutting down).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

/// `GET /tableau-de-bord/{id}/commandes/flux`.
pub async fn stream(state: AppState, hub: Arc<Hub>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let (_, rest) = Lang::split_path(&path);
    let Some(business_id) = rest.strip_prefix("/tableau-de-bord/").and_then(|r| r.split('/').next()).and_then(|id| id.parse::<i32>().ok())
    else {
        return refuse(&path, AppError::NotFound);
    };
    let session = request.extensions().get::<CurrentSession>().cloned().unwrap_or_default();
    let need = domain::authz::Need::EditListing;
    if let Err(error) = domain::authz::authorize(&state.db, session.actor.as_ref(), business_id, need).await {
        return refuse(&path, error.into());
    }
    let db = state.db.clone();
    let Ok(first) = domain::orders::read::stamp(&db, business_id).await else {
        return refuse(&path, AppError::Internal);
    };
    let (version, closing) = hub.subscribe(&db);
    let deadline = tokio::time::Instant::now() + MAX_LIFETIME;
    let events = futures_util::stream::unfold((first, version, closing), move |(mut last, mut version, mut closing)| {
        let (db, hub) = (db.clone(), hub.clone());
        async move {
            loop {
                tokio::select! {
                    changed = version.changed() => if changed.is_err() { return None },
                    _ = closing.wait_for(|c| *c) => return None,
                    _ = tokio::time::sleep_until(deadline) => return None,
                }
                let seen = *version.borrow_and_update();
                let Some(stamp) = hub.stamp(&db, business_id, seen).await else { continue };
                if stamp != last {
                    last = stamp;
                    let event = Event::default().event("orders").data(stamp.to_string()).retry(Duration::from_secs(2));
                    return Some((Ok::<_, std::convert::Infallible>(event), (last, version, closing)));
                }
            }
        }
    });
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // Never buffered by a proxy (nginx honours this header), never stored.
    response.headers_mut().insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    response.headers_mut().insert(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    response
}
