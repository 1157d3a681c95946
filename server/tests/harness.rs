//! The server test harness itself (`support/app.rs`): a test fails on one backend without keeping
//! the other from running, each failure names its backend, and whatever happened no database,
//! file or folder of the test is left behind; the databases of a test run that was killed are
//! dropped by the next run, those of a run still going are not.

#[path = "support/app.rs"]
mod harness;

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Mutex;

use futures_util::FutureExt;
use harness::{on_every_backend, Backend, Options};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// What a test leaves while it runs: its database (a PostgreSQL name, or a SQLite file) and
/// its media folder.
#[derive(Debug)]
struct Traces {
    backend: Backend,
    database: String,
    media: PathBuf,
}

async fn one_text(db: &DatabaseConnection, sql: &str) -> String {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn admin() -> Option<DatabaseConnection> {
    let url = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
    Some(domain::db::connect(&url, 1).await.unwrap())
}

async fn postgres_has(admin: &DatabaseConnection, name: &str) -> bool {
    let sql = format!("SELECT count(*)::text FROM pg_database WHERE datname = '{name}'");
    one_text(admin, &sql).await != "0"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_test_runs_on_every_backend_and_leaves_nothing_behind() {
    // The leftovers of a killed run (a process id no process can have) and of a run still going
    // (the process that started this one).
    let admin = admin().await;
    let pid_max: u32 = std::fs::read_to_string("/proc/sys/kernel/pid_max").unwrap().trim().parse().unwrap();
    let (killed, running) =
        (format!("vitrine_app_{pid_max}_0"), format!("vitrine_app_{}_0", std::os::unix::process::parent_id()));
    if let Some(admin) = &admin {
        for name in [&killed, &running] {
            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\"")).await.unwrap();
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        }
    }

    let seen = Mutex::new(Vec::new());
    let outcome = AssertUnwindSafe(on_every_backend(Options::empty(), |app| {
        let seen = &seen;
        async move {
            let database = match app.backend {
                Backend::Sqlite => one_text(&app.db, "SELECT file FROM pragma_database_list WHERE name = 'main'").await,
                Backend::Postgres => one_text(&app.db, "SELECT current_database()::text").await,
            };
            assert_eq!(app.get("/healthz").await.status(), 200, "{}", app.label);
            std::fs::create_dir_all(app.media.join("p")).unwrap();
            seen.lock().unwrap().push(Traces { backend: app.backend, database, media: app.media.clone() });
            panic!("a deliberately failing test");
        }
    }))
    .catch_unwind()
    .await;

    let panic = outcome.expect_err("the test fails");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), if admin.is_some() { 2 } else { 1 }, "a failure on SQLite does not stop PostgreSQL");
    for traces in &seen {
        assert!(message.contains(&format!("on {}: a deliberately failing test", traces.backend.label())), "{message}");
        assert!(!traces.media.exists(), "{traces:?}: the media folder is removed");
        match traces.backend {
            Backend::Sqlite => {
                assert!(traces.database.ends_with(".db"), "{traces:?}");
                assert!(!PathBuf::from(&traces.database).exists(), "{traces:?}: the SQLite file is removed");
            }
            Backend::Postgres => {
                let admin = admin.as_ref().unwrap();
                assert!(!postgres_has(admin, &traces.database).await, "{traces:?}: the database is dropped");
            }
        }
    }
    if let Some(admin) = &admin {
        assert!(!postgres_has(admin, &killed).await, "{killed}: a killed run's database is dropped");
        assert!(postgres_has(admin, &running).await, "{running}: a running process's database is kept");
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{running}\"")).await.unwrap();
    }
}
