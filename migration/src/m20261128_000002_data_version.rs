//! A counter that goes up with every committed change to the directory's data, so that each
//! server instance knows when its in-memory search index and page cache are stale.
//!
//! Triggers bump it in the same transaction as the change, on every table a page shows:
//! categories, businesses, weekly hours, exceptions and their spans, photos, accessibility. A
//! change is therefore never missed, whatever its timestamps, whichever instance or tool made it
//! (the fingerprint it replaces, `COUNT(*)` and `MAX(updated_at)` of the businesses, missed
//! category edits and writes stamped earlier than the latest one).
//!
//! SQLite has row-level triggers only (a statement touching N rows bumps N times; only "changed
//! or not" matters to readers); PostgreSQL bumps once per statement, even one touching no row.
//! Concurrent writers queue on the counter's row, which suits a directory's rare writes.
//!
//! # When frequent writes arrive (stock, orders, offers)
//!
//! This counter is the *directory* version: it keys the search index and every cached directory
//! page. Two things make it wrong for high-churn data, so the triggers stay on the seven tables
//! above and new tables do **not** get them:
//!
//! - Flushing: a bump invalidates every cached page and rebuilds every instance's index. A stock
//!   decrement or an order would do that many times a minute for a change no directory page shows.
//! - Serialising: on PostgreSQL the bump is an `UPDATE` of one row, whose lock is held until the
//!   writing transaction commits. Every writer of a watched table waits for the previous one, so
//!   checkouts across all shops would queue behind one row (and leave a dead tuple each time).
//!
//! The plan for each kind of data:
//!
//! - Directory tables (profile, hours, photos, categories: a few writes a day per merchant) keep
//!   bumping this row.
//! - Offers (a public feed, tens of writes a day): their own scope, e.g. a second row of a
//!   `(scope, version)` table or their own counter, keying only the feed's pages and Atom feeds.
//! - Stock and reservations: a version per business (or per product), bumped in the same
//!   transaction as the change, used both as the optimistic-concurrency token of the write and as
//!   the cache key of that shop's product pages; writers of different shops never meet.
//! - Orders and merchant dashboards: private pages, never cached, no version at all.
//! - Statistics (views, clicks): appended or aggregated apart, never a version.
//!
//! Why a row in the writing transaction rather than a PostgreSQL sequence (which never blocks):
//! `nextval` is visible before the writing transaction commits, so an instance could read the new
//! version, load the old data and keep it labelled as current until the next change. The row's
//! bump becomes visible exactly when the data does. The database tests check the part that exists:
//! each directory table bumps once per statement on PostgreSQL, a rolled-back write does not
//! bump, and a table outside the set does not (`domain/tests/data_version.rs`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose changes pages show.
const WATCHED: [&str; 7] = [
    "categories",
    "businesses",
    "opening_hours",
    "hours_exceptions",
    "exception_spans",
    "business_photos",
    "business_accessibility",
];

const CREATE: &str = "CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)";
const START: &str = "INSERT INTO data_version (id, version) VALUES (1, 1)";

async fn run(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// SQLite fires triggers per row and per event.
const SQLITE_EVENTS: [&str; 3] = ["insert", "update", "delete"];

fn sqlite_up() -> Vec<String> {
    let mut statements = vec![CREATE.to_string(), START.to_string()];
    for table in WATCHED {
        for event in SQLITE_EVENTS {
            statements.push(format!(
                "CREATE TRIGGER {table}_{event}_bumps_data_version AFTER {event} ON {table} \
                 BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
            ));
        }
    }
    statements
}

fn sqlite_down() -> Vec<String> {
    let mut statements = Vec::new();
    for table in WATCHED {
        for event in SQLITE_EVENTS {
            statements.push(format!("DROP TRIGGER {table}_{event}_bumps_data_version"));
        }
    }
    statements.push("DROP TABLE data_version".to_string());
    statements
}

fn postgres_up() -> Vec<String> {
    let mut statements = vec![
        CREATE.to_string(),
        START.to_string(),
        "CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$"
            .to_string(),
    ];
    for table in WATCHED {
        statements.push(format!(
            "CREATE TRIGGER {table}_bumps_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
             FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        ));
    }
    statements
}

fn postgres_down() -> Vec<String> {
    let mut statements: Vec<String> =
        WATCHED.iter().map(|table| format!("DROP TRIGGER {table}_bumps_data_version ON {table}")).collect();
    statements.push("DROP FUNCTION bump_data_version()".to_string());
    statements.push("DROP TABLE data_version".to_string());
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, sqlite_up()).await,
            DbBackend::Postgres => run(manager, postgres_up()).await,
            other => Err(DbErr::Migration(format!("unsupported database: {other:?}"))),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, sqlite_down()).await,
            DbBackend::Postgres => run(manager, postgres_down()).await,
            other => Err(DbErr::Migration(format!("unsupported database: {other:?}"))),
        }
    }
}
