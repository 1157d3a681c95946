//! The HTTP surface on a real server (port 0) over a real database: page statuses, bad input,
//! language negotiation, validators, server functions and the cross-site write guard. Runs on
//! SQLite, and on PostgreSQL too when `TEST_DATABASE_URL` is set.
//!
//! The tests run on tokio's multi-thread runtime, like the server itself. On the single-thread
//! test runtime, a page served from PostgreSQL now and then never finished rendering (about one
//! run in four right after the database tests; twelve runs in a row pass on this runtime).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use app::state::AppState;
use chrono::{DateTime, Utc};
use domain::Clock;
use leptos::prelude::LeptosOptions;
use reqwest::redirect::Policy;
use reqwest::{header, Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection};

static COUNTER: AtomicU32 = AtomicU32::new(0);
/// Earlier runs' databases are dropped once per test process, not by every test at once.
static LEFTOVERS_DROPPED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn saturday_morning() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+01:00").unwrap().with_timezone(&Utc)
}

struct TestServer {
    db: DatabaseConnection,
    base: String,
    client: Client,
    label: &'static str,
}

async fn databases() -> Vec<(DatabaseConnection, &'static str)> {
    let path = std::env::temp_dir().join(format!("{}.db", unique("vitrine_http")));
    let sqlite = domain::db::connect(&format!("sqlite://{}", path.display()), 4).await.unwrap();
    let mut dbs = vec![(sqlite, "sqlite")];
    if let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        let name = unique("vitrine_http").to_lowercase();
        let admin = domain::db::connect(&admin_url, 1).await.unwrap();
        LEFTOVERS_DROPPED.get_or_init(|| drop_leftovers(&admin)).await;
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        dbs.push((domain::db::connect(&format!("{base}/{name}"), 4).await.unwrap(), "postgres"));
    }
    dbs
}

/// Drops the databases of earlier runs (this run's carry the current process id).
async fn drop_leftovers(admin: &DatabaseConnection) {
    use sea_orm::{FromQueryResult, JsonValue, Statement};
    let rows = JsonValue::find_by_statement(Statement::from_string(
        admin.get_database_backend(),
        "SELECT datname FROM pg_database WHERE datname LIKE 'vitrine\\_http\\_%'",
    ))
    .all(admin)
    .await
    .unwrap_or_default();
    let mine = format!("vitrine_http_{}_", std::process::id());
    for row in rows {
        if let Some(name) = row["datname"].as_str().filter(|n| !n.starts_with(&mine)) {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
        }
    }
}

async fn servers() -> Vec<TestServer> {
    let mut servers = Vec::new();
    for (db, label) in databases().await {
        domain::db::migrate(&db).await.unwrap();
        let town = domain::seed::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")).unwrap();
        let media = std::env::temp_dir().join(unique("vitrine_http_media"));
        domain::seed::seed(&db, &town, saturday_morning(), &media).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let options = LeptosOptions::builder()
            .output_name("vitrine")
            .site_root(std::env::temp_dir().to_string_lossy().to_string())
            .site_addr(addr)
            .build();
        let state = AppState {
            leptos_options: options,
            db: db.clone(),
            clock: Clock::Fixed(saturday_morning()),
            base_url: format!("http://{addr}"),
            directory: Default::default(),
        };
        let router = vitrine::http::router(state, &media);
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        let client =
            Client::builder().redirect(Policy::none()).timeout(std::time::Duration::from_secs(30)).build().unwrap();
        servers.push(TestServer { db, base: format!("http://{addr}"), client, label });
    }
    servers
}

impl TestServer {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).header(header::ACCEPT_LANGUAGE, "fr-BE").send().await.unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_with_honest_statuses() {
    for server in servers().await {
        let long_query = format!("/commerces?q={}", "a".repeat(10_000));
        for (path, status) in [
            ("/", 200),
            ("/commerces", 200),
            ("/commerces?q=patisserie&categorie=boulangerie&ouvert=1", 200),
            ("/commerces/le-cafe-des-carriers", 200),
            ("/nl/commerces/le-cafe-des-carriers", 200),
            ("/commerces/does-not-exist", 404),
            ("/nowhere", 404),
            ("/commerces?page=0", 400),
            ("/commerces?page=abc", 400),
            ("/commerces?page=1000000000", 404),
            ("/commerces?page=99999999999999999999", 404),
            ("/commerces?categorie=licornes", 400),
            ("/commerces?categorie=%3Cscript%3E", 400),
            (long_query.as_str(), 400),
        ] {
            let response = server.get(path).await;
            assert_eq!(response.status().as_u16(), status, "{}: {path}", server.label);
            if path.len() < 200 {
                let body = response.text().await.unwrap();
                assert!(body.contains("<html lang="), "{}: {path} is a full page", server.label);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_explain_themselves_in_the_page_language() {
    for server in servers().await {
        let body = server.get("/commerces?page=0").await.text().await.unwrap();
        assert!(body.contains("Le numéro de page doit être un nombre entier positif."), "{}", server.label);
        let body = server.get("/en/commerces?categorie=licornes").await.text().await.unwrap();
        assert!(body.contains("This category does not exist."), "{}", server.label);
        let body = server.get("/nl/commerces?page=9").await.text().await.unwrap();
        assert!(body.contains("Deze resultaatpagina bestaat niet: er zijn 4 pagina"), "{}", server.label);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn business_page_carries_structured_data_and_sharing_tags() {
    for server in servers().await {
        let body = server.get("/commerces/le-cafe-des-carriers").await.text().await.unwrap();
        assert!(body.contains("<script type=\"application/ld+json\">"), "{}", server.label);
        assert!(body.contains("\"openingHoursSpecification\""));
        assert!(body.contains("property=\"og:title\""));
        assert!(body.contains(&format!("href=\"{}/commerces/le-cafe-des-carriers\" rel=\"canonical\"", server.base)));
        assert!(body.contains("hreflang=\"nl\""));
        assert!(body.contains("href=\"tel:+3267334755\""), "{}", server.label);
        // Leptos's `<!>` placeholders are written as regular empty comments.
        assert!(!body.contains("<!>"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_visit_follows_accept_language_then_the_remembered_choice() {
    for server in servers().await {
        let url = format!("{}/commerces?q=pain", server.base);
        let dutch = server.client.get(&url).header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9").send().await.unwrap();
        assert_eq!(dutch.status(), StatusCode::FOUND, "{}", server.label);
        assert_eq!(dutch.headers()[header::LOCATION], "/nl/commerces?q=pain");
        // Choosing French remembers it, even for a Dutch-speaking browser.
        let choose = server.client.get(format!("{}/fr/commerces?q=pain", server.base)).send().await.unwrap();
        assert_eq!(choose.status(), StatusCode::FOUND);
        assert_eq!(choose.headers()[header::LOCATION], "/commerces?q=pain");
        let cookie = choose.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        assert_eq!(cookie, "vitrine_lang=fr");
        let french = server
            .client
            .get(&url)
            .header(header::ACCEPT_LANGUAGE, "nl-BE")
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(french.status(), StatusCode::OK);
        assert!(french.headers()[header::VARY].to_str().unwrap().contains("Accept-Language"));
        // A Dutch link opens in Dutch whatever the browser says.
        let shared = server
            .client
            .get(format!("{}/nl/commerces", server.base))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(shared.status(), StatusCode::OK);
        assert!(shared.text().await.unwrap().contains("<html lang=\"nl\""));
        // No open redirect through the French prefix.
        let sneaky = server.client.get(format!("{}/fr//evil.example", server.base)).send().await.unwrap();
        assert_eq!(sneaky.headers()[header::LOCATION], "/");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_have_validators_and_unchanged_pages_cost_nothing() {
    for server in servers().await {
        let first = server.get("/commerces/boucherie-dubois").await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let again = server
            .client
            .get(format!("{}/commerces/boucherie-dubois", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr")
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{}", server.label);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = server.get("/commerces/patisserie-lemaire").await;
        assert_ne!(other.headers()[header::ETAG].to_str().unwrap(), etag);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_is_compressed_for_browsers_that_ask() {
    for server in servers().await {
        let response = server
            .client
            .get(format!("{}/commerces", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr")
            .header(header::ACCEPT_ENCODING, "br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br", "{}", server.label);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_functions_answer_json_and_typed_errors() {
    for server in servers().await {
        let response = server.get("/api/businesses?lang=Fr&q=BOUCHERIE").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", server.label);
        let page: serde_json::Value = response.json().await.unwrap();
        assert!(page["items"].as_array().unwrap().iter().any(|b| b["name"] == "Boucherie Dubois"));
        let response = server.get("/api/business?lang=Nl&slug=nope").await;
        assert!(response.status().is_client_error() || response.status().is_server_error());
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error, serde_json::json!("NotFound"), "{}", server.label);
        let response = server.get("/api/businesses?lang=Fr&page=0").await;
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error, serde_json::json!({"BadQuery": "BadPage"}));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_writes_are_refused() {
    for server in servers().await {
        let response = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header("Sec-Fetch-Site", "cross-site")
            .header(header::ORIGIN, "https://evil.example")
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", server.label);
        let response = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header(header::ORIGIN, "https://evil.example")
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", server.label);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_pages_follow_changes_of_the_data_within_a_second() {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    for server in servers().await {
        let before = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
        assert!(before.contains("Boucherie Dubois"));
        let again = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
        assert_eq!(before, again, "{}: the same page twice", server.label);
        // Another instance (or a merchant) renames the shop.
        let model = entity::business::Entity::find()
            .filter(entity::business::Column::Slug.eq("boucherie-dubois"))
            .one(&server.db)
            .await
            .unwrap()
            .unwrap();
        let mut active: entity::business::ActiveModel = model.into();
        active.name = Set("Boucherie Dubois & Fils".into());
        active.update(&server.db).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let after = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
        assert!(after.contains("Boucherie Dubois &amp; Fils"), "{}: the page shows the new name", server.label);
        let list = server.get("/commerces?q=dubois").await.text().await.unwrap();
        assert!(list.contains("Boucherie Dubois &amp; Fils"), "{}", server.label);
    }
}
