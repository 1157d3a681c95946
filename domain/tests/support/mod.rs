//! Test databases made by the real migrations: a fresh SQLite file per test, and a fresh
//! PostgreSQL database per test when `TEST_DATABASE_URL` is set (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`). Each test runs once per available backend,
//! through [`on_every_backend`]: a failure names its backend, a failure on one backend does not
//! hide the result of the other, and every test database is dropped, failed or not.

#![allow(dead_code)]

pub mod drop_database;
pub mod people;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos % 1_000_000_000, COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A migrated, empty database.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub label: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    /// Dropped with the `TestDb`, also when a test panics and never reaches [`TestDb::drop_async`].
    Postgres(drop_database::DropDatabase),
}

impl TestDb {
    pub async fn drop_async(self) {
        let TestDb { db, cleanup, .. } = self;
        let _ = db.close().await;
        match cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            // Its guard drops the database here, on a thread of its own.
            Cleanup::Postgres(guard) => drop(guard),
        }
    }
}

pub async fn sqlite() -> TestDb {
    let path = std::env::temp_dir().join(format!("{}.db", unique("vitrine_test")));
    let db = domain::db::connect(&format!("sqlite://{}", path.display()), 4).await.expect("open sqlite");
    domain::db::migrate(&db).await.expect("migrate sqlite");
    TestDb { db, label: "sqlite".into(), cleanup: Cleanup::File(path) }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
    let name = unique("vitrine_test");
    let admin = domain::db::connect(&admin_url, 1).await.expect("connect to TEST_DATABASE_URL");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
    let _ = admin.close().await;
    let guard = drop_database::DropDatabase::new(&admin_url, &name);
    let db = domain::db::connect(&guard.url(), 4).await.expect("connect to test database");
    domain::db::migrate(&db).await.expect("migrate postgres");
    Some(TestDb { db, label: "postgres".into(), cleanup: Cleanup::Postgres(guard) })
}

/// SQLite always, PostgreSQL when configured (and a line saying so when it is not).
pub async fn all_backends() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    match postgres().await {
        Some(pg) => dbs.push(pg),
        None => eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)"),
    }
    dbs
}

/// Runs `test` on a fresh database of each backend. Each run is a task of its own, so a panic
/// on SQLite still lets PostgreSQL run; each database is dropped afterwards whatever happened;
/// then the test fails with the failures of each backend, named.
pub async fn on_every_backend<F, Fut>(test: F)
where
    F: Fn(std::sync::Arc<TestDb>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let mut failures = Vec::new();
    for db in all_backends().await {
        let db = std::sync::Arc::new(db);
        let label = db.label.clone();
        let outcome = tokio::spawn(test(db.clone())).await;
        match std::sync::Arc::try_unwrap(db) {
            Ok(db) => db.drop_async().await,
            Err(_) => eprintln!("{label}: the test kept its database; not dropped"),
        }
        if let Err(error) = outcome {
            let message = match error.try_into_panic() {
                Ok(panic) => panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panicked".into()),
                Err(error) => error.to_string(),
            };
            failures.push(format!("on {label}: {message}"));
        }
    }
    assert!(failures.is_empty(), "failed {}", failures.join("\n       "));
}

pub fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")
}

pub fn media_dir() -> PathBuf {
    std::env::temp_dir().join(unique("vitrine_media"))
}

/// Saturday 28 November 2026, 10:00 in Soignies: the demo town's anchor date.
pub fn saturday_morning() -> DateTime<Utc> {
    at("2026-11-28T10:00:00+01:00")
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).expect("valid instant").with_timezone(&Utc)
}

/// A migrated database holding the demo town, seeded as of `now`.
pub async fn seeded(db: &TestDb, now: DateTime<Utc>) {
    let town = domain::seed::load(&demo_dir()).expect("demo town files are valid");
    domain::seed::seed(&db.db, &town, now, &media_dir()).await.expect("seed demo town");
}
