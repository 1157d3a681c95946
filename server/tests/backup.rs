//! Backups that restore: `vitrine backup DIR` taken from a serving instance while rows and photo
//! files are being written, restored into a fresh folder (and a fresh PostgreSQL database), and
//! a server started on the restore that finds every row and photo. And the caches after a
//! restore took the data version back: they follow it (they used to bypass the page cache until
//! a restart). The `vitrine` binary itself, on SQLite, and on PostgreSQL too when
//! `TEST_DATABASE_URL` is set.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vitrine-backup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo").display().to_string()
}

/// One database per backend, dropped (PostgreSQL) when the test ends, passed or not.
struct Database {
    url: String,
    label: &'static str,
    admin: Option<(String, String)>,
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.admin {
            let _ = Command::new("psql")
                .args([admin_url.as_str(), "-qAtc", &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")])
                .output();
        }
    }
}

fn databases(dir: &Path, name: &str) -> Vec<Database> {
    let mut dbs =
        vec![Database { url: format!("sqlite://{}", dir.join(format!("{name}.db")).display()), label: "sqlite", admin: None }];
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => dbs.push(postgres(&admin_url, name)),
        None => eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)"),
    }
    dbs
}

fn postgres(admin_url: &str, name: &str) -> Database {
    let name = format!("vitrine_backup_{}_{name}", std::process::id());
    let psql = |sql: &str| {
        let output = Command::new("psql").args([admin_url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]).output().unwrap();
        assert!(output.status.success(), "{sql}: {}", String::from_utf8_lossy(&output.stderr));
    };
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    psql(&format!("CREATE DATABASE {name}"));
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    Database { url: format!("{base}/{name}"), label: "postgres", admin: Some((admin_url.to_string(), name)) }
}

fn vitrine(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command.current_dir(dir).args(args).env("RUST_LOG", "warn").env_remove("VITRINE_CONFIG").env_remove("VITRINE_NOW");
    command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    command.output().unwrap()
}

fn assert_ok(output: &Output, what: &str) {
    assert!(output.status.success(), "{what}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A running `vitrine serve`, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(dir: &Path, database_url: &str, media: &Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command
        .current_dir(dir)
        .arg("serve")
        .env("RUST_LOG", "warn")
        .env_remove("VITRINE_CONFIG")
        .env_remove("VITRINE_NOW")
        .env("DATABASE_URL", database_url)
        .env("VITRINE_MEDIA_DIR", media)
        .env("VITRINE_SITE_ROOT", site_root(dir))
        .env("VITRINE_BIND", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let server = Server { child: command.spawn().unwrap(), base: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while reqwest::get(format!("{}/", server.base)).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server
}

/// The one number `sql` selects as `n`.
async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    #[derive(FromQueryResult)]
    struct Number {
        n: i64,
    }
    Number::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{sql}: no row"))
        .n
}

/// What the test's writer does, as the photo upload does: the variants' files first (written
/// under a temporary name, then renamed), then the row that names them.
async fn add_photo(db: &DatabaseConnection, media: &Path, n: u64) {
    let key = format!("{:032x}", 0xba_c0_00_00_u64 + n);
    std::fs::create_dir_all(media.join("p")).unwrap();
    for width in [480, 960] {
        let temporary = media.join(format!("p/.{key}-{width}.tmp"));
        std::fs::write(&temporary, format!("photo {n} at {width}")).unwrap();
        std::fs::rename(&temporary, media.join(format!("p/{key}-{width}.jpg"))).unwrap();
    }
    db.execute_unprepared(&format!(
        "INSERT INTO business_photos (business_id, file, alt_fr, alt_nl, alt_en, position, width, height, variants) \
         VALUES (2, 'p/{key}-960.jpg', 'Photo {n}', '', '', {}, 960, 640, '480 960')",
        100 + n
    ))
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_every_row_and_photo() {
    let dir = workdir("restore");
    for database in databases(&dir, "live") {
        let label = database.label;
        let media = dir.join(format!("media-{label}"));
        let env = [("DATABASE_URL", database.url.clone()), ("VITRINE_MEDIA_DIR", media.display().to_string())];
        assert_ok(&vitrine(&dir, &["seed-demo", "--demo-dir", &demo_dir()], &env), "seed-demo");
        let live = serve(&dir, &database.url, &media).await;
        let db = domain::db::connect(&database.url, 2).await.unwrap();

        // Photos (rows and files) are added without pause while the backup runs.
        let written = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (db, media, written, stop) = (db.clone(), media.clone(), written.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    add_photo(&db, &media, written.load(Ordering::Relaxed)).await;
                    written.fetch_add(1, Ordering::Relaxed);
                    tokio::task::yield_now().await;
                }
            })
        };
        while written.load(Ordering::Relaxed) < 20 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let before = count(&db, "SELECT COUNT(*) AS n FROM business_photos").await;
        let target = dir.join(format!("backup-{label}"));
        let backup = {
            let (dir, target, env) = (dir.clone(), target.clone(), env.clone());
            tokio::task::spawn_blocking(move || vitrine(&dir, &["backup", &target.display().to_string()], &env))
                .await
                .unwrap()
        };
        let written_during = written.load(Ordering::Relaxed);
        stop.store(true, Ordering::Relaxed);
        writer.await.unwrap();
        assert_ok(&backup, &format!("{label}: backup"));
        assert!(String::from_utf8_lossy(&backup.stdout).contains("RESTORE.txt"), "{label}");
        let after = count(&db, "SELECT COUNT(*) AS n FROM business_photos").await;
        assert!(after > before, "{label}: writes went on during the backup ({before} → {after}, {written_during})");
        assert!(target.join("RESTORE.txt").is_file() && target.join("media").is_dir(), "{label}");
        drop(live);

        // Restored into a fresh folder (and a fresh database), as RESTORE.txt says.
        let fresh = dir.join(format!("fresh-{label}"));
        std::fs::create_dir_all(&fresh).unwrap();
        let restored = match database.label {
            "sqlite" => {
                std::fs::copy(target.join("vitrine.db"), fresh.join("vitrine.db")).unwrap();
                Database { url: format!("sqlite://{}", fresh.join("vitrine.db").display()), label, admin: None }
            }
            _ => {
                let admin_url = std::env::var("TEST_DATABASE_URL").unwrap();
                let restored = postgres(&admin_url, "restored");
                let output = Command::new("pg_restore")
                    .args(["--no-owner", "--dbname", &restored.url])
                    .arg(target.join("vitrine.pgdump"))
                    .output()
                    .unwrap();
                assert_ok(&output, "pg_restore");
                restored
            }
        };
        let copy = |from: &Path, to: &Path| {
            let status = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
            assert!(status.success());
        };
        copy(&target.join("media"), &fresh.join("media"));
        let server = serve(&fresh, &restored.url, &fresh.join("media")).await;
        let restored_db = domain::db::connect(&restored.url, 1).await.unwrap();
        let photos = count(&restored_db, "SELECT COUNT(*) AS n FROM business_photos").await;
        assert!(photos >= before && photos <= after, "{label}: {before} ≤ {photos} ≤ {after} photos restored");
        // Every business, and every photo added before the snapshot: numbered without a gap.
        assert_eq!(count(&restored_db, "SELECT COUNT(*) AS n FROM businesses").await, 88, "{label}");
        let added = count(&restored_db, "SELECT COUNT(*) AS n FROM business_photos WHERE alt_fr LIKE 'Photo %'").await;
        let last = count(&restored_db, "SELECT CAST(MAX(position) AS BIGINT) AS n FROM business_photos WHERE alt_fr LIKE 'Photo %'").await;
        assert_eq!(last, 100 + added - 1, "{label}: no photo row missing");
        // And every photo file they name, served by the restored instance.
        let named = vitrine::backup::photo_files(&restored_db).await.unwrap();
        assert_eq!(named.iter().filter(|f| f.starts_with("p/")).count() as i64, 2 * added, "{label}");
        let client = reqwest::Client::new();
        for file in &named {
            let response = client.get(format!("{}/media/{file}", server.base)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{label}: /media/{file}");
        }
        let page = client.get(format!("{}/commerces", server.base)).header("accept-language", "fr").send().await.unwrap();
        assert_eq!(page.status(), 200, "{label}");
        restored_db.close().await.ok();
        db.close().await.ok();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_refuses_an_existing_folder_and_a_missing_database() {
    let dir = workdir("refusals");
    std::fs::create_dir_all(dir.join("taken")).unwrap();
    std::fs::write(dir.join("taken/x"), "").unwrap();
    let env = [("DATABASE_URL", format!("sqlite://{}", dir.join("none.db").display()))];
    let taken = vitrine(&dir, &["backup", "taken"], &env);
    assert!(!taken.status.success());
    assert!(String::from_utf8_lossy(&taken.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&taken.stderr));
    let missing = vitrine(&dir, &["backup", "new"], &env);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
    assert!(!dir.join("none.db").exists() && !dir.join("new").exists(), "nothing created");
    let _ = std::fs::remove_dir_all(&dir);
}

fn cache_status(response: &reqwest::Response) -> String {
    response.headers().get("cache-status").and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// After a restore the data version goes back: the next request serves the restored data and
/// the page cache stores and serves pages again (it used to bypass itself until a restart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caches_follow_a_data_version_that_goes_back() {
    let dir = workdir("version-back");
    for database in databases(&dir, "back") {
        let label = database.label;
        let media = dir.join(format!("media-{label}"));
        let env = [("DATABASE_URL", database.url.clone()), ("VITRINE_MEDIA_DIR", media.display().to_string())];
        assert_ok(&vitrine(&dir, &["seed-demo", "--demo-dir", &demo_dir()], &env), "seed-demo");
        let server = serve(&dir, &database.url, &media).await;
        let db = domain::db::connect(&database.url, 1).await.unwrap();
        let client = reqwest::Client::new();
        let get = |path: &'static str| {
            let request = client.get(format!("{}{path}", server.base)).header("accept-language", "fr");
            async move { request.send().await.unwrap() }
        };
        // Waits (at most 10 s: the version is checked every second) until the page shows the
        // shop's new name (`renamed`), or its old one.
        let shows = |renamed: bool| {
            let get = &get;
            async move {
                let started = Instant::now();
                loop {
                    let body = get("/commerces/boucherie-dubois").await.text().await.unwrap();
                    if body.contains("Boucherie Dubois") && body.contains("Boucherie Dubois et Fils") == renamed {
                        return;
                    }
                    assert!(started.elapsed() < Duration::from_secs(10), "{label}: the page never showed the name");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        shows(false).await;
        assert_eq!(cache_status(&get("/commerces/boucherie-dubois").await), "vitrine; hit", "{label}");
        let backed_up = count(&db, "SELECT version AS n FROM data_version WHERE id = 1").await;

        db.execute_unprepared("UPDATE businesses SET name = 'Boucherie Dubois et Fils' WHERE slug = 'boucherie-dubois'")
            .await
            .unwrap();
        shows(true).await;
        // The restore: the data as it was at the backup, and its lower version.
        db.execute_unprepared("UPDATE businesses SET name = 'Boucherie Dubois' WHERE slug = 'boucherie-dubois'")
            .await
            .unwrap();
        db.execute_unprepared(&format!("UPDATE data_version SET version = {backed_up} WHERE id = 1")).await.unwrap();
        shows(false).await;
        // The cache follows: the page is stored again, then served from it.
        let started = Instant::now();
        loop {
            let status = cache_status(&get("/commerces/boucherie-dubois").await);
            if status == "vitrine; hit" {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{label}: the page cache no longer serves after the version went back: {status}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        db.close().await.ok();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "support/site_root.rs"]
mod site_root;
use site_root::site_root;
