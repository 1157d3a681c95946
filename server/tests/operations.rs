//! Operations (issue 12): the client address behind trusted proxies as the throttles see it,
//! connection time limits, health checks and Prometheus metrics. SQLite, and PostgreSQL when
//! `TEST_DATABASE_URL` is set.

#[path = "support/app.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::{eventually, on_every_backend, saturday_morning, spawn_app, Backend, Instance, Options};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use vitrine::http::serve::Limits;

/// Asks to follow the offers as a browser without JavaScript would, with these extra headers;
/// the answer's status (303 asked, 429 throttled).
async fn follow(server: &Instance, email: &str, headers: &[(&str, &str)]) -> u16 {
    let body =
        form_urlencoded::Serializer::new(String::new()).extend_pairs([("email", email), ("choix", "all")]).finish();
    let mut request = server
        .client
        .post(format!("{}/offres/suivre", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("origin", &server.base)
        .header("sec-fetch-site", "same-origin")
        .body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().status().as_u16()
}

/// Uses up the follow form's per-client allowance with requests carrying `headers`; each is
/// accepted.
async fn use_up(server: &Instance, label: &str, headers: &[(&str, &str)]) {
    for n in 0..domain::offers::follow::IP_LIMIT {
        let status = follow(server, &format!("visitor{n}-{}@example.be", headers.len()), headers).await;
        assert_eq!(status, 303, "{label}: request {n} should be accepted");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_trusted_proxy_forwarding_headers_are_ignored() {
    on_every_backend(Options::empty(), |server| async move {
        let label = server.label;
        // Each request claims another client: all of them count against the TCP peer.
        for n in 0..domain::offers::follow::IP_LIMIT {
            let claimed = format!("203.0.113.{n}");
            let forwarded = format!("for={claimed}");
            let status = follow(
                &server,
                &format!("v{n}@example.be"),
                &[("x-forwarded-for", &claimed), ("forwarded", &forwarded)],
            )
            .await;
            assert_eq!(status, 303, "{label}: request {n}");
        }
        let status = follow(&server, "late@example.be", &[("x-forwarded-for", "198.51.100.77")]).await;
        assert_eq!(status, 429, "{label}: a forged X-Forwarded-For does not escape the peer's throttle");
        let status = follow(&server, "late2@example.be", &[("forwarded", "for=198.51.100.78")]).await;
        assert_eq!(status, 429, "{label}: nor does a forged Forwarded");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_is_throttled_apart() {
    on_every_backend(Options::empty().trusting("127.0.0.1"), |server| async move {
        let label = server.label;
        // A client seen through the proxy, which appends the address it received from.
        use_up(&server, label, &[("x-forwarded-for", "203.0.113.10")]).await;
        assert_eq!(follow(&server, "more@example.be", &[("x-forwarded-for", "203.0.113.10")]).await, 429, "{label}");
        // Forging a left-most hop does not make the same client someone else.
        let forged = [("x-forwarded-for", "198.51.100.1, 203.0.113.10")];
        assert_eq!(follow(&server, "forged@example.be", &forged).await, 429, "{label}: forged left-most hop");
        // The same client through a second proxy in a trusted range, named by Forwarded (RFC 7239).
        let rfc = [("forwarded", "for=198.51.100.1;proto=https, for=\"203.0.113.10:51234\"")];
        assert_eq!(follow(&server, "rfc@example.be", &rfc).await, 429, "{label}: the same client by Forwarded");
        // Another client behind the same proxy is not affected.
        assert_eq!(follow(&server, "other@example.be", &[("x-forwarded-for", "203.0.113.11")]).await, 303, "{label}");
        let other_rfc = [("forwarded", "for=\"[2001:db8:cafe::17]:4711\"")];
        assert_eq!(follow(&server, "other-rfc@example.be", &other_rfc).await, 303, "{label}");
        // Nor are requests without forwarding headers (the proxy itself, a health check).
        assert_eq!(follow(&server, "direct@example.be", &[]).await, 303, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_clients_are_throttled_by_their_64() {
    on_every_backend(Options::empty().trusting("127.0.0.1"), |server| async move {
        let label = server.label;
        // One client hopping between addresses of its /64.
        for n in 0..domain::offers::follow::IP_LIMIT {
            let address = format!("2001:db8:1:2::{:x}", n + 1);
            let status = follow(&server, &format!("six{n}@example.be"), &[("x-forwarded-for", &address)]).await;
            assert_eq!(status, 303, "{label}: request {n}");
        }
        let same_64 = [("x-forwarded-for", "2001:db8:1:2:ffff:ffff:ffff:fffe")];
        assert_eq!(follow(&server, "hop@example.be", &same_64).await, 429, "{label}: another address of the same /64");
        let next_64 = [("x-forwarded-for", "2001:db8:1:3::1")];
        assert_eq!(follow(&server, "neighbour@example.be", &next_64).await, 303, "{label}: the next /64");
    })
    .await;
}

/// Reads until the server closes the connection; the bytes read.
async fn read_until_closed(stream: &mut tokio::net::TcpStream, within: Duration) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return received,
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
            Err(_) => panic!("the connection was still open after {within:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_connections_are_closed() {
    let short = Duration::from_millis(400);
    let app = spawn_app(
        Backend::Sqlite,
        Options::empty().limits(Limits { header_timeout: short, idle_timeout: Duration::from_secs(60) }),
    )
    .await;
    let server: &Instance = &app;
    // Half a request line, then nothing.
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let started = Instant::now();
    stream.write_all(b"GET /healthz HT").await.unwrap();
    read_until_closed(&mut stream, Duration::from_secs(5)).await;
    let held = started.elapsed();
    assert!(held >= short - Duration::from_millis(50), "closed after {held:?}, before the header timeout");
    // A request whose headers arrive in time is answered.
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer));

    // A kept-alive connection left idle after its request.
    let server = app
        .instance_with(
            app.serving.clone().limits(Limits { header_timeout: Duration::from_secs(60), idle_timeout: short }),
        )
        .await;
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer).await.unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
    let answered = Instant::now();
    read_until_closed(&mut stream, Duration::from_secs(5)).await;
    let idle = answered.elapsed();
    assert!(idle >= short - Duration::from_millis(50), "closed after {idle:?} idle, before the idle limit");

    // The header timeout also bounds the wait for a kept-alive connection's next request.
    let server = app
        .instance_with(
            app.serving.clone().limits(Limits { header_timeout: short, idle_timeout: Duration::from_secs(60) }),
        )
        .await;
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let n = stream.read(&mut buffer).await.unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
    read_until_closed(&mut stream, Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_requests_in_flight() {
    let mut server = spawn_app(Backend::Sqlite, Options::empty()).await;
    // A request whose body is still coming when shutdown begins.
    let (first, rest) = ("email=", "late%40example.be&choix=all");
    let origin = &server.base;
    let head = format!(
        "POST /offres/suivre HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        server.addr,
        first.len() + rest.len()
    );
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    // Shutdown begins once the request has reached the router (it is then in flight).
    let begun = &server;
    eventually(Duration::from_secs(5), "the request reaches the router", move || async move {
        (begun.requests_begun() == 1).then_some(())
    })
    .await;
    server.stop.take().unwrap().send(()).unwrap();
    // New connections are refused once the listener is closed…
    let addr = server.addr;
    eventually(Duration::from_secs(5), "new connections are refused", move || async move {
        tokio::net::TcpStream::connect(addr).await.is_err().then_some(())
    })
    .await;
    assert!(!server.served.is_finished(), "the server stopped with a request in flight");
    // …and the request in flight is answered.
    stream.write_all(rest.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    tokio::time::timeout(Duration::from_secs(10), &mut server.served).await.unwrap().unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_checks_answer_uncached() {
    on_every_backend(Options::empty(), |server| async move {
        let label = server.label;
        for path in ["/healthz", "/readyz"] {
            let response = server.get(path).await;
            assert_eq!(response.status(), 200, "{label} {path}");
            assert_eq!(response.headers()["cache-control"], "no-store", "{label} {path}");
        }
        // Shutdown began: not ready, still alive.
        server.settings.readiness.begin_draining();
        let response = server.get("/readyz").await;
        assert_eq!(response.status(), 503, "{label}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{label}");
        assert!(response.text().await.unwrap().contains("shutting down"), "{label}");
        assert_eq!(server.get("/healthz").await.status(), 200, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_needs_every_migration() {
    use migration::MigratorTrait;
    on_every_backend(Options::empty(), |server| async move {
        let label = server.label;
        assert_eq!(server.get("/readyz").await.status(), 200, "{label}");
        // The database rolled back one migration (a restored older backup): not ready…
        migration::Migrator::down(&server.db, Some(1)).await.unwrap();
        let response = server.get("/readyz").await;
        assert_eq!(response.status(), 503, "{label}");
        assert!(response.text().await.unwrap().contains("migrations pending"), "{label}");
        assert_eq!(server.get("/healthz").await.status(), 200, "{label}");
        // …until it is migrated again.
        domain::db::migrate(&server.db).await.unwrap();
        assert_eq!(server.get("/readyz").await.status(), 200, "{label}");
    })
    .await;
}

/// The value of the sample `name` (with its labels, as written) in a scrape.
fn sample(scrape: &str, name: &str) -> Option<f64> {
    scrape.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_served_on_their_own_listener() {
    on_every_backend(Options::empty(), |server| async move {
        let label = server.label;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let metrics_addr = listener.local_addr().unwrap();
        let scrape_state =
            vitrine::metrics::Scrape { db: server.db.clone(), clock: domain::Clock::Fixed(saturday_morning()) };
        tokio::spawn(async move { axum::serve(listener, vitrine::metrics::router(scrape_state)).await });
        let scrape = || async {
            let response = reqwest::get(format!("http://{metrics_addr}/metrics")).await.unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        };
        let before = scrape().await;
        let pages = r#"vitrine_http_requests_total{group="page",status="2xx"}"#;
        let health = r#"vitrine_http_requests_total{group="health",status="2xx"}"#;
        let hits = r#"vitrine_page_cache_requests_total{outcome="hit"}"#;
        for _ in 0..3 {
            assert_eq!(server.get("/commerces").await.status(), 200, "{label}");
        }
        assert_eq!(server.get("/healthz").await.status(), 200, "{label}");
        // The site does not serve the metrics.
        assert_eq!(server.get("/metrics").await.status(), 404, "{label}");
        let after = scrape().await;
        let grew = |name: &str, by: f64| {
            let (was, is) = (sample(&before, name).unwrap_or(0.0), sample(&after, name).unwrap_or(0.0));
            assert!(is >= was + by, "{label}: {name} went from {was} to {is}\n{after}");
        };
        grew(pages, 3.0);
        grew(health, 1.0);
        grew(hits, 2.0);
        grew(r#"vitrine_http_request_duration_seconds_count{group="page"}"#, 3.0);
        grew("vitrine_data_version_checks_total", 3.0);
        // This server's cache holds /commerces.
        assert!(sample(&after, "vitrine_page_cache_size_bytes").unwrap() > 1000.0, "{label}\n{after}");
        assert!(sample(&after, "vitrine_page_cache_entries").unwrap() >= 1.0, "{label}\n{after}");
        for gauge in [
            "vitrine_mail_waiting",
            "vitrine_mail_failed",
            "vitrine_mail_oldest_waiting_age_seconds",
            "vitrine_sessions_active",
            r#"vitrine_db_pool_connections{state="idle"}"#,
            "vitrine_db_pool_max_connections",
            "vitrine_page_cache_size_bytes",
            "vitrine_data_version_checks_total",
        ] {
            assert!(sample(&after, gauge).is_some(), "{label}: {gauge} missing\n{after}");
        }
        assert_eq!(sample(&after, "vitrine_db_pool_max_connections"), Some(4.0), "{label}");
        // No raw paths as labels.
        assert!(!after.contains("/commerces"), "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_e_mail_queue_is_measured_when_scraped() {
    on_every_backend(Options::empty(), |server| async move {
        let label = server.label;
        // Two confirmation e-mails queued (no SMTP server: they wait).
        assert_eq!(follow(&server, "one@example.be", &[]).await, 303, "{label}");
        assert_eq!(follow(&server, "two@example.be", &[]).await, 303, "{label}");
        let scrape_state = vitrine::metrics::Scrape {
            db: server.db.clone(),
            // An hour after the servers' clock: the e-mails have waited an hour.
            clock: domain::Clock::Fixed(saturday_morning() + chrono::Duration::hours(1)),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, vitrine::metrics::router(scrape_state)).await });
        let text = reqwest::get(format!("http://{addr}/metrics")).await.unwrap().text().await.unwrap();
        assert_eq!(sample(&text, "vitrine_mail_waiting"), Some(2.0), "{label}\n{text}");
        assert_eq!(sample(&text, "vitrine_mail_oldest_waiting_age_seconds"), Some(3600.0), "{label}\n{text}");
    })
    .await;
}

/// The binary: after SIGTERM, `/readyz` answers 503 for the shutdown delay while pages are still
/// served, then the process stops cleanly; the metrics listener answers meanwhile and the site's
/// listener does not serve `/metrics`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_sigterm_readiness_fails_while_the_instance_drains() {
    let dir = std::env::temp_dir().join(harness::unique("vitrine_app_cli"));
    std::fs::create_dir_all(&dir).unwrap();
    let free_port = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (port, metrics_port) = (free_port(), free_port());
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .current_dir(&dir)
        .arg("serve")
        .env("RUST_LOG", "info")
        .env("DATABASE_URL", "sqlite://drain.db")
        .env("VITRINE_BIND", format!("127.0.0.1:{port}"))
        .env("VITRINE_METRICS_BIND", format!("127.0.0.1:{metrics_port}"))
        .env("VITRINE_SHUTDOWN_DELAY", "3")
        .env("VITRINE_SITE_ROOT", site_root(&dir).display().to_string())
        .env_remove("VITRINE_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let status = |path: &'static str| {
        let client = client.clone();
        async move { client.get(format!("http://127.0.0.1:{port}{path}")).send().await.map(|r| r.status().as_u16()) }
    };
    let ready = |wanted: u16| {
        let status = &status;
        move || async move { (status("/readyz").await.ok() == Some(wanted)).then_some(()) }
    };
    eventually(Duration::from_secs(30), "the server becomes ready", ready(200)).await;
    assert_eq!(status("/metrics").await.unwrap(), 404, "the site does not serve the metrics");
    let scrape = client.get(format!("http://127.0.0.1:{metrics_port}/metrics")).send().await.unwrap();
    assert_eq!(scrape.status(), 200);
    assert!(scrape.text().await.unwrap().contains("vitrine_http_requests_total"));

    let kill = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    eventually(Duration::from_secs(2), "/readyz turns 503 after SIGTERM", ready(503)).await;
    // Still alive and serving while the load balancer takes it out.
    assert_eq!(status("/healthz").await.unwrap(), 200);
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.unwrap().unwrap();
    let log = String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("not ready") && log.contains("stopped"), "{log}");
    assert!(status("/healthz").await.is_err(), "the listener is closed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "support/site_root.rs"]
mod site_root;
use site_root::site_root;
