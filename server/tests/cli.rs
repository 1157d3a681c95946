//! The `vitrine` command line as an operator uses it: settings from flags, the environment and a
//! configuration file (flags win, then the environment, then the file), and clear messages for
//! mistakes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vitrine-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `vitrine` with no Vitrine variable inherited from the test's environment.
fn vitrine(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command.current_dir(dir).args(args).env("RUST_LOG", "warn");
    for (variable, _) in vitrine::config_file::SETTINGS.iter().map(|(k, v)| (v, k)) {
        command.env_remove(variable);
    }
    command.env_remove("VITRINE_CONFIG").env_remove("VITRINE_NOW");
    for (variable, value) in env {
        command.env(variable, value);
    }
    command.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn flags_win_over_the_environment_which_wins_over_the_file() {
    let dir = workdir("precedence");
    std::fs::write(dir.join("vitrine.toml"), "database_url = \"sqlite://from-file.db\"\ndb_pool = 2\n").unwrap();

    let from_file = vitrine(&dir, &["--config", "vitrine.toml", "migrate"], &[]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    assert!(dir.join("from-file.db").exists(), "the file's database_url is used");

    let env = [("DATABASE_URL", "sqlite://from-env.db".to_string())];
    let from_env = vitrine(&dir, &["--config", "vitrine.toml", "migrate"], &env);
    assert!(from_env.status.success(), "{}", stderr(&from_env));
    assert!(dir.join("from-env.db").exists(), "the environment wins over the file");

    // The file can also be named by VITRINE_CONFIG.
    let by_variable = vitrine(&dir, &["migrate"], &[("VITRINE_CONFIG", "other.toml".to_string())]);
    assert!(!by_variable.status.success(), "other.toml does not exist yet");
    std::fs::write(dir.join("other.toml"), "database_url = \"sqlite://from-variable.db\"\n").unwrap();
    let by_variable = vitrine(&dir, &["migrate"], &[("VITRINE_CONFIG", "other.toml".to_string())]);
    assert!(by_variable.status.success(), "{}", stderr(&by_variable));
    assert!(dir.join("from-variable.db").exists(), "the file named by VITRINE_CONFIG is used");

    // A flag wins over the environment and the file.
    let env = [("VITRINE_CONFIG", "vitrine.toml".to_string()), ("DATABASE_URL", "sqlite://from-env-2.db".to_string())];
    let from_flag = vitrine(&dir, &["--database-url", "sqlite://from-flag.db", "migrate"], &env);
    assert!(from_flag.status.success(), "{}", stderr(&from_flag));
    assert!(dir.join("from-flag.db").exists(), "the flag wins");
    assert!(!dir.join("from-env-2.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mistakes_stop_the_program_with_their_reason() {
    let dir = workdir("mistakes");
    std::fs::write(dir.join("typo.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    let typo = vitrine(&dir, &["--config", "typo.toml", "migrate"], &[]);
    assert!(!typo.status.success());
    assert!(stderr(&typo).contains("unknown setting `databse_url`"), "{}", stderr(&typo));

    std::fs::write(dir.join("bind.toml"), "bind = \"nowhere\"\n").unwrap();
    let bind = vitrine(&dir, &["--config", "bind.toml", "migrate"], &[]);
    assert!(!bind.status.success());
    assert!(stderr(&bind).contains("nowhere") && stderr(&bind).contains("bind"), "{}", stderr(&bind));

    let missing = vitrine(&dir, &["--config", "missing.toml", "migrate"], &[]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot read the configuration file missing.toml"), "{}", stderr(&missing));

    let database = vitrine(&dir, &["migrate"], &[("DATABASE_URL", "mysql://x".to_string())]);
    assert!(!database.status.success());
    assert!(stderr(&database).contains("expected sqlite://<file> or postgres://"), "{}", stderr(&database));
    assert!(!dir.join("x.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_interface_needs_a_public_url_and_switches_are_checked() {
    let dir = workdir("public-url");
    let env = [("DATABASE_URL", "sqlite://x.db".to_string()), ("VITRINE_BIND", "0.0.0.0:0".to_string())];
    let serve = vitrine(&dir, &["serve"], &env);
    assert!(!serve.status.success());
    let message = stderr(&serve);
    assert!(message.contains("VITRINE_PUBLIC_URL") && message.contains("0.0.0.0:0"), "{message}");
    assert!(!dir.join("x.db").exists(), "refused before touching the database");

    std::fs::write(dir.join("cache.toml"), "page_cache = \"maybe\"\n").unwrap();
    let switch = vitrine(&dir, &["--config", "cache.toml", "migrate"], &[]);
    assert!(!switch.status.success());
    assert!(stderr(&switch).contains("expected on or off"), "{}", stderr(&switch));
    std::fs::write(dir.join("cache.toml"), "page_cache = false\n").unwrap();
    let off = vitrine(&dir, &["--config", "cache.toml", "migrate"], &[]);
    assert!(off.status.success(), "{}", stderr(&off));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two instances deployed together on one PostgreSQL database: migrations run once, the demo
/// town is loaded once, and neither fails with a duplicate-key error.
#[test]
fn instances_started_together_migrate_and_seed_once() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
        eprintln!("PostgreSQL skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let dir = workdir("together");
    let name = format!("vitrine_cli_{}", std::process::id());
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let psql = |sql: &str| {
        let output = Command::new("psql").args([&admin_url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]).output().unwrap();
        assert!(output.status.success(), "{sql}: {}", stderr(&output));
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    psql(&format!("CREATE DATABASE {name}"));
    // Dropped when the test ends, also by a failed assertion.
    let _drop = drop_database::DropDatabase::new(&admin_url, &name);
    let url = format!("{base}/{name}");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo").display().to_string();
    let spawn = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
        command.current_dir(&dir).args(args).env("RUST_LOG", "warn").env("DATABASE_URL", &url);
        command.env("VITRINE_MEDIA_DIR", dir.join("media")).stderr(std::process::Stdio::piped());
        command.spawn().unwrap()
    };
    let migrations: Vec<_> = (0..2).map(|_| spawn(&["migrate"])).collect();
    for child in migrations {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "concurrent migrate: {}", stderr(&output));
    }
    let seeds: Vec<_> = (0..2).map(|_| spawn(&["seed-demo", "--demo-dir", &demo])).collect();
    let outputs: Vec<Output> = seeds.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let succeeded = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(succeeded, 1, "one instance loads the town: {:?}", outputs.iter().map(stderr).collect::<Vec<_>>());
    let refused = outputs.iter().find(|o| !o.status.success()).unwrap();
    assert!(stderr(refused).contains("already holds businesses"), "{}", stderr(refused));
    let count = Command::new("psql").args([&url, "-qAtc", "SELECT count(*) FROM businesses"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "88");
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGTERM (what service managers send) stops the server cleanly: it answers the request in
/// flight, then exits with success.
#[test]
fn sigterm_finishes_the_requests_in_flight_then_stops() {
    use std::io::{Read, Write};
    let dir = workdir("sigterm");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo").display().to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command
        .current_dir(&dir)
        .args(["serve", "--seed-demo", "--demo-dir", &demo])
        .env("RUST_LOG", "info")
        .env("DATABASE_URL", "sqlite://sigterm.db")
        .env("VITRINE_BIND", format!("127.0.0.1:{port}"))
        .env("VITRINE_SITE_ROOT", site_root(&dir).display().to_string())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let child = command.spawn().unwrap();
    let connect = || std::net::TcpStream::connect(("127.0.0.1", port));
    let mut ready = false;
    for _ in 0..300 {
        if connect().is_ok() {
            ready = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(ready, "the server did not start");
    // A request whose headers are sent in two parts: it is in flight when SIGTERM arrives.
    let mut stream = connect().unwrap();
    stream.write_all(b"GET /commerces HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    // Sleeps kept (not a wait for a result): the server must have accepted the connection before
    // SIGTERM and be shutting down before the rest is sent, which it does not show from outside;
    // too short a pause would test less (a request not yet in flight), not fail wrongly.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    stream.write_all(b"Accept-Language: fr\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200 OK"),
        "the request in flight is answered: {}",
        &answer[..answer.len().min(200)]
    );
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let log = String::from_utf8_lossy(&output.stdout).to_string() + &stderr(&output);
    assert!(log.contains("shutting down") && log.contains("stopped"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `create-admin` makes the first town administrator from a password on standard input (the
/// policy applies), who can then log in; without `--password-stdin` it says what to do.
#[test]
fn create_admin_reads_the_password_from_standard_input() {
    use std::io::Write;
    let dir = workdir("create-admin");
    let db = format!("sqlite://{}", dir.join("admin.db").display());
    let run = |password: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
        command
            .current_dir(&dir)
            .args(["create-admin", "--email", "Maire@Soignies.be", "--password-stdin"])
            .env("DATABASE_URL", &db)
            .env("RUST_LOG", "warn")
            .env_remove("VITRINE_CONFIG")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = run("password");
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("password_too_common"), "{}", stderr(&weak));
    let made = run("la mairie ouvre à huit heures");
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(String::from_utf8_lossy(&made.stdout).contains("town administrator: maire@soignies.be"));
    let without = vitrine(&dir, &["create-admin", "--email", "x@soignies.be"], &[("DATABASE_URL", db.clone())]);
    assert!(!without.status.success());
    assert!(stderr(&without).contains("--password-stdin"), "{}", stderr(&without));
    // The account exists, is an administrator and logs in with that password.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let conn = domain::db::connect(&db, 1).await.unwrap();
        let account = domain::accounts::find_by_email(&conn, "maire@soignies.be").await.unwrap().unwrap();
        assert!(account.is_admin);
        let now = chrono::Utc::now();
        assert!(domain::accounts::log_in(&conn, "maire@soignies.be", "la mairie ouvre à huit heures", "127.0.0.1", now)
            .await
            .is_ok());
    });
}

/// The release does not depend on the executable's directory: the asset names' hashes come from
/// the site root (the hash files scripts/build.sh copies there), and `serve` refuses to start,
/// before touching the database, when the site root lacks a file its pages would link.
#[test]
fn serve_refuses_a_site_root_without_the_assets_its_pages_link() {
    use std::io::{Read, Write};
    let dir = workdir("site-root");
    let root = site_root(&dir);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = |root: &Path| {
        [
            ("DATABASE_URL", "sqlite://site.db".to_string()),
            ("VITRINE_BIND", format!("127.0.0.1:{port}")),
            ("VITRINE_SITE_ROOT", root.display().to_string()),
        ]
    };
    // A site root without its hash file, or with a bundle missing, or no site root at all.
    std::fs::rename(root.join("hash.txt"), dir.join("hash.txt")).unwrap();
    let refused = vitrine(&dir, &["serve"], &env(&root));
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("hash.txt") && stderr(&refused).contains("scripts/build.sh"), "{}", stderr(&refused));
    std::fs::rename(dir.join("hash.txt"), root.join("hash.txt")).unwrap();
    std::fs::remove_file(root.join("pkg-private/vitrine-private.tPWasm.wasm")).unwrap();
    let refused = vitrine(&dir, &["serve"], &env(&root));
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("vitrine-private.tPWasm.wasm"), "{}", stderr(&refused));
    let refused = vitrine(&dir, &["serve"], &env(&dir.join("nowhere")));
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("nowhere") && stderr(&refused).contains("not a folder"), "{}", stderr(&refused));
    assert!(!dir.join("site.db").exists(), "refused before touching the database");

    // Complete: the pages link the names of the site root's hash files (the debug binary's own
    // directory holds cargo-leptos's hash.txt of another build, or none).
    std::fs::write(root.join("pkg-private/vitrine-private.tPWasm.wasm"), "\0asm").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    command.current_dir(&dir).arg("serve").env("RUST_LOG", "warn").env_remove("VITRINE_CONFIG");
    command.envs(env(&root)).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let mut child = command.spawn().unwrap();
    let get = |path: &str| -> Option<String> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Language: fr\r\nConnection: close\r\n\r\n").ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        Some(answer)
    };
    let mut page = None;
    for _ in 0..300 {
        page = get("/");
        if page.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let stylesheet = get("/pkg/vitrine.tCss.css").unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let page = page.expect("the server started");
    assert!(stylesheet.starts_with("HTTP/1.1 200") && stylesheet.to_lowercase().contains("content-type: text/css"), "{stylesheet}");
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains("/pkg/vitrine.tCss.css"), "the stylesheet's hashed name: {page}");
    assert!(page.contains("/pkg/vitrine.tJs.js") && page.contains("/pkg/vitrine.tWasm.wasm"), "{page}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs one SQL statement on a database and returns the first column of the first row, if any.
fn sql(url: &str, statement: &str) -> Option<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let db = domain::db::connect(url, 1).await.unwrap();
        let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), statement)).await.unwrap();
        let value = row.and_then(|row| row.try_get_by_index::<i64>(0).ok());
        db.close().await.unwrap();
        value
    })
}

/// `serve --seed-demo` on a database that already holds a town creates no demo login (their
/// passwords are in the README): only loading the demo town into an empty database does. On
/// SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
#[test]
fn serve_seed_demo_adds_no_demo_login_to_a_database_that_holds_data() {
    let dir = workdir("seed-non-empty");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo").display().to_string();
    let mut databases = vec![(format!("sqlite://{}", dir.join("town.db").display()), None)];
    let pg_name = format!("vitrine_cli_seed_{}", std::process::id());
    // Drops the PostgreSQL database when the test ends, also by a failed assertion.
    let mut _pg_drop = None;
    if let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        sql(&admin_url, &format!("DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"));
        sql(&admin_url, &format!("CREATE DATABASE {pg_name}"));
        _pg_drop = Some(drop_database::DropDatabase::new(&admin_url, &pg_name));
        databases.push((format!("{base}/{pg_name}"), Some(admin_url)));
    } else {
        eprintln!("PostgreSQL skipped: TEST_DATABASE_URL is not set");
    }
    for (url, admin_url) in databases {
        // A town's database: the demo town's businesses, and nobody's demo logins.
        let env = [("DATABASE_URL", url.clone()), ("VITRINE_MEDIA_DIR", dir.join("media").display().to_string())];
        let seeded = vitrine(&dir, &["seed-demo", "--demo-dir", &demo], &env);
        assert!(seeded.status.success(), "{}", stderr(&seeded));
        sql(&url, "DELETE FROM accounts");
        assert_eq!(sql(&url, "SELECT count(*) FROM businesses"), Some(88));

        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
        command
            .current_dir(&dir)
            .args(["serve", "--seed-demo", "--demo-dir", &demo])
            .env("RUST_LOG", "info")
            .env("DATABASE_URL", &url)
            .env("VITRINE_MEDIA_DIR", dir.join("media").display().to_string())
            .env("VITRINE_BIND", format!("127.0.0.1:{port}"))
            .env("VITRINE_SITE_ROOT", site_root(&dir).display().to_string())
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        let child = command.spawn().unwrap();
        let mut listening = false;
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                listening = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(kill.success());
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        assert!(listening, "{url}: the server did not start: {}", stderr(&output));
        let log = stdout.clone() + &stderr(&output);
        assert!(log.contains("demo logins not loaded"), "{url}: {log}");
        assert!(!stdout.contains("demo-admin-vitrine-soignies"), "{url}: no demo password printed: {stdout}");
        assert_eq!(sql(&url, "SELECT count(*) FROM accounts"), Some(0), "{url}: no demo login created");
        if let Some(admin_url) = admin_url {
            sql(&admin_url, &format!("DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "../../domain/tests/support/drop_database.rs"]
mod drop_database;
#[path = "support/smtp_sink.rs"]
mod smtp_sink;

/// `vitrine digest --now …` (what an operator or the end-to-end suite runs instead of a server
/// whose clock is Monday): the week's digest is queued once, a second run queues nothing more,
/// and `--send` delivers it through the configured SMTP server. On SQLite and on PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_digest_command_queues_the_week_s_digest_once_and_sends_it() {
    use entity::email_outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    let dir = workdir("digest");
    let mut backends = vec![("sqlite", format!("sqlite://{}", dir.join("digest.db").display()), None)];
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => {
            let guard =
                drop_database::DropDatabase::new(&admin_url, &format!("vitrine_cli_digest_{}", std::process::id()));
            let admin = domain::db::connect(&admin_url, 1).await.unwrap();
            use sea_orm::ConnectionTrait;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", guard.name))
                .await
                .unwrap();
            admin.execute_unprepared(&format!("CREATE DATABASE \"{}\"", guard.name)).await.unwrap();
            backends.push(("postgres", guard.url(), Some(guard)));
        }
        None => eprintln!("PostgreSQL skipped: TEST_DATABASE_URL is not set"),
    }
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo").display().to_string();
    for (label, url, _guard) in backends {
        let sink = smtp_sink::SmtpSink::start().await;
        let env = vec![
            ("DATABASE_URL", url.clone()),
            ("VITRINE_MEDIA_DIR", dir.join(format!("media-{label}")).display().to_string()),
            ("VITRINE_PUBLIC_URL", "https://vitrine.example".to_string()),
            ("VITRINE_SMTP_URL", sink.url("vitrine.example")),
            // The demo town's offers are published in the week before Monday 30 November.
            ("VITRINE_NOW", "2026-11-28T10:00:00+01:00".to_string()),
        ];
        let run = |args: Vec<String>| {
            let (dir, env) = (dir.clone(), env.clone());
            async move {
                tokio::task::spawn_blocking(move || {
                    let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
                    command.current_dir(&dir).args(&args).env("RUST_LOG", "warn");
                    for (variable, value) in &env {
                        command.env(variable, value);
                    }
                    command.output().unwrap()
                })
                .await
                .unwrap()
            }
        };
        let seeded = run(vec!["seed-demo".into(), "--demo-dir".into(), demo.clone()]).await;
        assert!(seeded.status.success(), "{label}: {}", stderr(&seeded));

        // A confirmed weekly follower of every shop.
        let db = domain::db::connect(&url, 2).await.unwrap();
        let saturday = vitrine::config::parse_instant("2026-11-28T10:00:00+01:00").unwrap();
        let address = domain::offers::follow::parse_email("suiveuse@example.be").unwrap();
        let choice = domain::offers::follow::Choice::All;
        let weekly = domain::offers::follow::Frequency::Weekly;
        let base = "https://vitrine.example";
        domain::offers::follow::subscribe(&db, &Default::default(), base, &address, common::Lang::Fr, choice, weekly, "x", saturday)
            .await
            .unwrap();
        let confirmation = email_outbox::Entity::find()
            .filter(email_outbox::Column::Kind.eq("follow_confirm"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let start = confirmation.body_text.find("jeton=").unwrap() + "jeton=".len();
        let token = confirmation.body_text[start..].split_whitespace().next().unwrap().to_string();
        domain::offers::follow::confirm(&db, &token, saturday).await.unwrap();
        let digests = || async {
            email_outbox::Entity::find().filter(email_outbox::Column::Kind.eq("offer_digest")).count(&db).await.unwrap()
        };

        // Sunday: no week is due yet.
        let sunday = run(vec!["digest".into(), "--now".into(), "2026-11-29T20:00:00+01:00".into()]).await;
        assert!(sunday.status.success(), "{label}: {}", stderr(&sunday));
        assert!(String::from_utf8_lossy(&sunday.stdout).contains("no week due"), "{label}");
        assert_eq!(digests().await, 0, "{label}");

        let monday = run(vec!["digest".into(), "--now".into(), "2026-11-30T08:30:00+01:00".into()]).await;
        assert!(monday.status.success(), "{label}: {}", stderr(&monday));
        let said = String::from_utf8_lossy(&monday.stdout).to_string();
        assert!(said.contains("week of 2026-11-30: 1 e-mails queued"), "{label}: {said}");
        assert_eq!(digests().await, 1, "{label}: the week's digest, queued");
        assert!(sink.received().is_empty(), "{label}: without --send nothing is sent");

        let again =
            run(vec!["digest".into(), "--now".into(), "2026-11-30T09:30:00+01:00".into(), "--send".into()]).await;
        assert!(again.status.success(), "{label}: {}", stderr(&again));
        let said = String::from_utf8_lossy(&again.stdout).to_string();
        assert!(said.contains("week already done"), "{label}: {said}");
        assert_eq!(digests().await, 1, "{label}: a second run queues nothing more");
        // --send drained the outbox before exiting: the digest (and the confirmation) arrived.
        let received = sink.received();
        let to_follower: Vec<_> =
            received.iter().filter(|m| m.rcpt_to.iter().any(|r| r.contains("suiveuse@example.be"))).collect();
        assert_eq!(to_follower.len(), 2, "{label}: the confirmation and the digest were sent: {received:?}");
        db.close().await.unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "support/site_root.rs"]
mod site_root;
use site_root::site_root;
