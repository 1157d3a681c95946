//! Connecting to the database and bringing its schema up to date.
//!
//! SQLite is the embedded default: the file is created on first start, in WAL mode (readers do
//! not wait for the writer) with a busy timeout, and with a pool of several connections (SeaORM
//! would otherwise open a single one and every request would queue on it). PostgreSQL is used
//! as is from a `postgres://` URL.
//!
//! Deploy steps (migrations, loading the demo town) run inside [`begin_exclusive`]: several
//! instances started together on one PostgreSQL database take turns on an advisory lock, so
//! migrations run once and the demo town is loaded once (the second instance finds it there).
//! On SQLite the same transaction is `BEGIN IMMEDIATE`, which holds the file's write lock.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// The PostgreSQL advisory lock held by deploy steps ("vitrine" in ASCII).
const DEPLOY_LOCK: i64 = 0x0076_6974_7269_6e65;

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

/// A transaction that holds the deploy lock until it commits or is dropped (see the module doc).
pub async fn begin_exclusive(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await?;
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({DEPLOY_LOCK})")).await?;
            Ok(txn)
        }
        _ => begin_write(db).await,
    }
}

/// Applies the migrations that have not run yet, once even when several instances start at once.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = begin_exclusive(db).await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// A transaction for a write: `BEGIN IMMEDIATE` on SQLite, which takes the write lock at once, so
/// that a transaction that reads and then writes waits for another writer (busy timeout) rather
/// than failing with SQLITE_BUSY when it upgrades (PITFALLS §7.3). PostgreSQL ignores the option.
/// Generic so that functions taking any connection (the photos', which run inside a caller's
/// transaction too) share it.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    let options = TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
    };
    db.begin_with_options(options).await
}

/// A write transaction that will change products: [`begin_write`], then the catalogue's version
/// row before any product row (see [`crate::data_version::lock_catalogue`]).
pub async fn begin_catalogue_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: TransactionTrait,
    C::Transaction: ConnectionTrait,
{
    let txn = begin_write(db).await?;
    crate::data_version::lock_catalogue(&txn).await?;
    Ok(txn)
}

/// Locks the business's row until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite
/// ignores it, its immediate transaction already excludes other writers), so that two writes
/// of one business's counted things (photos, open offers) cannot pass a limit together.
/// `false` when there is no such business.
pub async fn lock_business(txn: &impl ConnectionTrait, business_id: i32) -> Result<bool, DbErr> {
    use sea_orm::{EntityTrait, QuerySelect};
    let found = entity::business::Entity::find_by_id(business_id)
        .select_only()
        .column(entity::business::Column::Id)
        .lock_exclusive()
        .into_tuple::<i32>()
        .one(txn)
        .await?;
    Ok(found.is_some())
}
