//! A real server for the operations tests (`operations.rs`, `logs.rs`): the site's router served
//! by `vitrine::http::serve` (the binary's own connection handling) on port 0, over a migrated
//! database that holds no town: SQLite, and PostgreSQL too when `TEST_DATABASE_URL` is set
//! (databases named `vitrine_ops_…`, dropped when the server is dropped, even by a failing test).

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use app::state::AppState;
use chrono::{DateTime, Utc};
use domain::Clock;
use leptos::prelude::LeptosOptions;
use reqwest::redirect::Policy;
use reqwest::Client;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use vitrine::http::serve::Limits;
use vitrine::http::HttpSettings;

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Saturday 28 November 2026, 10:00 in Soignies.
pub fn saturday_morning() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+01:00").unwrap().with_timezone(&Utc)
}

/// A migrated database, SQLite or PostgreSQL; a PostgreSQL one is dropped with it.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub label: &'static str,
    drop: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.drop.take() {
            // Drop runs inside the test's runtime: the database is dropped from a thread of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async {
                    if let Ok(admin) = domain::db::connect(&admin_url, 1).await {
                        let _ =
                            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                    }
                });
            })
            .join();
        }
    }
}

/// One migrated database per backend under test.
pub async fn databases() -> Vec<TestDb> {
    let path = std::env::temp_dir().join(format!("{}.db", unique("vitrine_ops")));
    let sqlite = domain::db::connect(&format!("sqlite://{}", path.display()), 4).await.unwrap();
    let mut dbs = vec![TestDb { db: sqlite, label: "sqlite", drop: None }];
    if let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        let name = unique("vitrine_ops").to_lowercase();
        let admin = domain::db::connect(&admin_url, 1).await.unwrap();
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        let _ = admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let db = domain::db::connect(&format!("{base}/{name}"), 4).await.unwrap();
        dbs.push(TestDb { db, label: "postgres", drop: Some((admin_url.clone(), name)) });
    } else {
        eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
    }
    for test_db in &dbs {
        domain::db::migrate(&test_db.db).await.unwrap();
    }
    dbs
}

pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    pub client: Client,
    /// Resolves the server's shutdown future.
    pub stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub served: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Serves the site over `db` with these settings and connection limits.
pub async fn spawn(db: &DatabaseConnection, settings: &HttpSettings, limits: Limits) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let options = LeptosOptions::builder()
        .output_name("vitrine")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_addr(addr)
        .build();
    let state = AppState {
        leptos_options: std::sync::Arc::new(options),
        db: db.clone(),
        clock: Clock::Fixed(saturday_morning()),
        base_url: format!("http://{addr}").into(),
        directory: Default::default(),
        mail: Default::default(),
    };
    let media = std::env::temp_dir().join(unique("vitrine_ops_media"));
    let router = vitrine::http::router(state, &media, settings);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(vitrine::http::serve::serve(listener, router, limits, async move {
        let _ = stopped.await;
    }));
    let client =
        Client::builder().redirect(Policy::none()).timeout(std::time::Duration::from_secs(30)).build().unwrap();
    TestServer { base: format!("http://{addr}"), addr, client, stop: Some(stop), served }
}

impl TestServer {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
}
