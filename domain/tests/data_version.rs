//! The data version on real databases: which writes bump it, and how often (see the design notes
//! of `migration::m20261128_000002_data_version` and `domain::directory::data_version`).

mod support;

use domain::directory::data_version;
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use support::*;

/// Each directory table with a column that an UPDATE can set to itself (a write that changes
/// nothing is still a write, and must still count).
const DIRECTORY_TABLES: [(&str, &str); 7] = [
    ("categories", "position"),
    ("businesses", "sort_name"),
    ("opening_hours", "opens"),
    ("hours_exceptions", "closed"),
    ("exception_spans", "opens"),
    ("business_photos", "position"),
    ("business_accessibility", "feature"),
];

async fn version(db: &TestDb) -> i64 {
    data_version(&db.db).await.unwrap().parse().unwrap()
}

/// Every write to a directory table bumps the version: once per statement on PostgreSQL (however
/// many rows it touches, so a bulk update costs one bump), once per row on SQLite (row triggers
/// only; SQLite has a single writer anyway, and only "changed or not" matters to readers).
#[tokio::test]
async fn each_directory_table_bumps_the_version_once_per_statement_on_postgres() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        for (table, column) in DIRECTORY_TABLES {
            let before = version(&db).await;
            let result = db.db.execute_unprepared(&format!("UPDATE {table} SET {column} = {column}")).await.unwrap();
            let rows = result.rows_affected() as i64;
            assert!(rows >= 2, "{}: {table} has several rows ({rows})", db.label);
            let bumps = version(&db).await - before;
            match db.db.get_database_backend() {
                DbBackend::Postgres => assert_eq!(bumps, 1, "{}: {table}", db.label),
                _ => assert_eq!(bumps, rows, "{}: {table}", db.label),
            }
        }
    })
    .await;
}

/// The bump is part of the writing transaction: a rolled-back write leaves the version as it was
/// (no reader rebuilds for nothing, and a committed write is never missed).
#[tokio::test]
async fn a_rolled_back_write_does_not_bump_the_version() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let before = version(&db).await;
        let txn = db.db.begin().await.unwrap();
        txn.execute_unprepared("UPDATE businesses SET sort_name = sort_name WHERE id = 1").await.unwrap();
        txn.rollback().await.unwrap();
        assert_eq!(version(&db).await, before, "{}", db.label);
    })
    .await;
}

/// Tables outside the directory set do not touch the directory version: this is what keeps
/// future high-churn tables (stock, orders) from flushing every cached page.
#[tokio::test]
async fn writes_outside_the_directory_tables_do_not_bump_the_version() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let before = version(&db).await;
        db.db
            .execute_unprepared("CREATE TABLE scratch_stock (id INTEGER PRIMARY KEY, quantity INTEGER)")
            .await
            .unwrap();
        db.db.execute_unprepared("INSERT INTO scratch_stock (id, quantity) VALUES (1, 5), (2, 7)").await.unwrap();
        db.db.execute_unprepared("UPDATE scratch_stock SET quantity = quantity - 1").await.unwrap();
        assert_eq!(version(&db).await, before, "{}", db.label);
    })
    .await;
}

/// The offers feed has its own version (row 2, issue 8): a write to `offers` bumps it, not the
/// directory's (so posting an offer does not rebuild every instance's search index), a directory
/// write leaves it alone, and a rolled-back offer write bumps nothing.
#[tokio::test]
async fn offers_bump_their_own_version_and_not_the_directory_s() {
    async fn offers_version(db: &TestDb) -> i64 {
        domain::data_version::read(&db.db).await.unwrap().get(domain::data_version::Area::OFFERS).unwrap()
    }
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let (directory, offers) = (version(&db).await, offers_version(&db).await);
        db.db.execute_unprepared("UPDATE offers SET title_fr = title_fr").await.unwrap();
        assert_eq!(version(&db).await, directory, "{}: the directory's version stays", db.label);
        assert!(offers_version(&db).await > offers, "{}: the offers' version moves", db.label);

        let offers = offers_version(&db).await;
        db.db.execute_unprepared("UPDATE businesses SET sort_name = sort_name WHERE id = 1").await.unwrap();
        assert_eq!(offers_version(&db).await, offers, "{}: a directory write leaves the offers' version", db.label);

        let txn = db.db.begin().await.unwrap();
        txn.execute_unprepared("DELETE FROM offers").await.unwrap();
        txn.rollback().await.unwrap();
        assert_eq!(offers_version(&db).await, offers, "{}: a rolled-back offer write bumps nothing", db.label);
    })
    .await;
}
