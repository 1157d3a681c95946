//! Connecting to the database and bringing its schema up to date.
//!
//! SQLite is the embedded default: the file is created on first start, in WAL mode (readers do
//! not wait for the writer) with a busy timeout, and with a pool of several connections (SeaORM
//! would otherwise open a single one and every request would queue on it). PostgreSQL is used
//! as is from a `postgres://` URL.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Opens a pool on `url` (`sqlite://path/to/file.db` or `postgres://…`).
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                // Searches scan the businesses table: keep it in memory rather than re-reading
                // pages through the OS on every query.
                .pragma("cache_size", "-32768")
                .pragma("mmap_size", "268435456")
        });
    Database::connect(options).await
}

/// Applies the migrations that have not run yet.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
