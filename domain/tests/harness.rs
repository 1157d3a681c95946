//! The test harness itself: a PostgreSQL test database is dropped even when the test using it
//! panics (before, a failing test left its `vitrine_…` database behind on the server).

mod support;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

async fn current_database(db: &DatabaseConnection) -> String {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT current_database() AS name"))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "name").unwrap()
}

async fn exists(name: &str) -> bool {
    let admin = domain::db::connect(&std::env::var("TEST_DATABASE_URL").unwrap(), 1).await.unwrap();
    let row = admin
        .query_one_raw(Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    let _ = admin.close().await;
    row.try_get::<i64>("", "n").unwrap() > 0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_test_leaves_no_database_behind() {
    let Some(db) = support::postgres().await else {
        eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
        return;
    };
    let name = current_database(&db.db).await;
    assert!(exists(&name).await, "{name} was made for the test");
    // A test body that fails while holding its database (and an open connection to it). It
    // takes the handle as a local: what an async block only captures is dropped with its task
    // (at the latest when the runtime ends), what it holds as a local during the unwind.
    let outcome = tokio::spawn(async move {
        let db = db;
        let _ = current_database(&db.db).await;
        panic!("a deliberately failing test");
    })
    .await;
    assert!(outcome.unwrap_err().is_panic());
    assert!(!exists(&name).await, "{name} was dropped while the panic unwound");

    // The same from synchronous code unwinding through catch_unwind.
    let db = support::postgres().await.unwrap();
    let name = current_database(&db.db).await;
    let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let _held = db;
        panic!("a deliberately failing test");
    }));
    assert!(unwound.is_err());
    assert!(!exists(&name).await, "{name} was dropped while the panic unwound");
}
