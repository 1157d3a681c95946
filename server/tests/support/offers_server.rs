//! A real server (port 0) over the demo town, for the tests of the offers' Atom feeds and of
//! following offers by e-mail (`offers_feeds.rs`, `offers_mail.rs`): SQLite, and PostgreSQL too
//! when `TEST_DATABASE_URL` is set (databases named `vitrine_follow_…`, dropped with their
//! [`TestServer`], also when a test fails).
//! The demo town's own offers are removed, so each test sees only the offers it posts.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use app::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Clock;
use entity::{business, offer};
use leptos::prelude::LeptosOptions;
use reqwest::redirect::Policy;
use reqwest::{header, Client};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[path = "../../../domain/tests/support/drop_database.rs"]
mod drop_database;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

/// Saturday 28 November 2026, 10:00 in Soignies: the demo town's anchor, and the servers' clock.
pub fn saturday_morning() -> DateTime<Utc> {
    at("2026-11-28T10:00:00+01:00")
}

pub struct TestServer {
    pub db: DatabaseConnection,
    pub base: String,
    pub client: Client,
    pub label: &'static str,
    /// PostgreSQL: drops the database with the server, also when the test fails.
    drop: Option<drop_database::DropDatabase>,
}

impl TestServer {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).header(header::ACCEPT_LANGUAGE, "fr-BE").send().await.unwrap()
    }

    /// A form posted the way a browser without JavaScript posts it (same origin, HTML wanted).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.client
            .post(format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::ORIGIN, &self.base)
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn done(self) {
        let _ = self.db.close().await;
        // `drop`, a PostgreSQL database's guard, drops it here.
    }

    /// The published businesses, by id.
    pub async fn shops(&self) -> Vec<business::Model> {
        business::Entity::find()
            .filter(business::Column::Published.eq(true))
            .order_by_asc(business::Column::Id)
            .all(&self.db)
            .await
            .unwrap()
    }
}

/// One server per database, its clock fixed at `now`.
pub async fn servers(now: DateTime<Utc>) -> Vec<TestServer> {
    let path = std::env::temp_dir().join(format!("{}.db", unique("vitrine_follow")));
    let sqlite = domain::db::connect(&format!("sqlite://{}", path.display()), 4).await.unwrap();
    let mut dbs = vec![(sqlite, "sqlite", None)];
    if let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        let name = unique("vitrine_follow").to_lowercase();
        let admin = domain::db::connect(&admin_url, 1).await.unwrap();
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        let guard = drop_database::DropDatabase::new(&admin_url, &name);
        let db = domain::db::connect(&guard.url(), 4).await.unwrap();
        dbs.push((db, "postgres", Some(guard)));
    } else {
        eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
    }
    let mut servers = Vec::new();
    for (db, label, drop) in dbs {
        domain::db::migrate(&db).await.unwrap();
        let town = domain::seed::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")).unwrap();
        let media = std::env::temp_dir().join(unique("vitrine_follow_media"));
        domain::seed::seed(&db, &town, saturday_morning(), &media).await.unwrap();
        offer::Entity::delete_many().exec(&db).await.unwrap();
        let (base, client) = spawn_instance(&db, &media, now).await;
        servers.push(TestServer { db, base, client, label, drop });
    }
    servers
}

async fn spawn_instance(db: &DatabaseConnection, media: &std::path::Path, now: DateTime<Utc>) -> (String, Client) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let options = LeptosOptions::builder()
        .output_name("vitrine")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_addr(addr)
        .build();
    let state = AppState {
        leptos_options: std::sync::Arc::new(options),
        db: db.clone(),
        clock: Clock::Fixed(now),
        base_url: format!("http://{addr}").into(),
        directory: Default::default(),
        mail: Default::default(),
    };
    let router = vitrine::http::router(state, media, &Default::default());
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap()
    });
    let client =
        Client::builder().redirect(Policy::none()).timeout(std::time::Duration::from_secs(30)).build().unwrap();
    (format!("http://{addr}"), client)
}

/// What a test offer is.
pub struct Post<'a> {
    pub business_id: i32,
    pub title: &'a str,
    pub title_nl: &'a str,
    pub published_at: Option<DateTime<Utc>>,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub hidden: bool,
    pub ended_early: bool,
}

impl<'a> Post<'a> {
    /// A live promotion of `business_id` published at `published_at`, 20 Nov – 20 Dec 2026.
    pub fn live(business_id: i32, title: &'a str, published_at: DateTime<Utc>) -> Self {
        Post {
            business_id,
            title,
            title_nl: "",
            published_at: Some(published_at),
            starts_on: "2026-11-20",
            ends_on: "2026-12-20",
            hidden: false,
            ended_early: false,
        }
    }
}

/// Writes an offer as it would be stored; its id.
pub async fn post(db: &DatabaseConnection, offer: Post<'_>) -> i32 {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let created = offer.published_at.unwrap_or(saturday_morning());
    offer::Entity::insert(offer::ActiveModel {
        id: NotSet,
        business_id: Set(offer.business_id),
        kind: Set("promotion".into()),
        title_fr: Set(offer.title.into()),
        title_nl: Set(offer.title_nl.into()),
        title_en: Set(String::new()),
        body_fr: Set(format!("Le texte de « {} ».", offer.title)),
        body_nl: Set(String::new()),
        body_en: Set(String::new()),
        conditions_fr: Set(String::new()),
        conditions_nl: Set(String::new()),
        conditions_en: Set(String::new()),
        promo_code: Set(None),
        starts_on: Set(day(offer.starts_on)),
        ends_on: Set(day(offer.ends_on)),
        photo_file: Set(None),
        photo_width: Set(None),
        photo_height: Set(None),
        photo_variants: Set(None),
        photo_alt_fr: Set(String::new()),
        photo_alt_nl: Set(String::new()),
        photo_alt_en: Set(String::new()),
        created_at: Set(created),
        updated_at: Set(created),
        published_at: Set(offer.published_at),
        ended_at: Set(offer.ended_early.then_some(created)),
        hidden_at: Set(offer.hidden.then_some(created)),
        hidden_reason: Set(offer.hidden.then(|| "Hors sujet".to_string())),
        created_by: Set(None),
        version: Set(1),
    })
    .exec(db)
    .await
    .unwrap()
    .last_insert_id
}

pub const MERCHANT: (&str, &str) = ("commercant@demo.vitrine.be", "demo-commercant-vitrine-soignies");
pub const ADMIN: (&str, &str) = ("admin@demo.vitrine.be", "demo-admin-vitrine-soignies");

impl TestServer {
    /// Creates the demo logins (`MERCHANT` owns Pâtisserie Lemaire; `ADMIN` is the town's).
    pub async fn demo_accounts(&self) {
        domain::seed::demo_accounts(&self.db, saturday_morning()).await.unwrap();
    }

    /// Logs in as a form without JavaScript would; the session cookie (`name=value`).
    pub async fn log_in(&self, (email, password): (&str, &str)) -> String {
        let response = self
            .client
            .post(format!("{}/api/log_in", self.base))
            .header(header::ACCEPT, "text/html")
            .header(header::ORIGIN, &self.base)
            .header(header::REFERER, format!("{}/connexion", self.base))
            .form(&[("lang", "Fr"), ("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("vitrine_session=") && !v.starts_with("vitrine_session=;"))
            .map(|v| v.split(';').next().unwrap().to_string())
            .expect("a session cookie")
    }

    /// A GET with a session cookie, if any.
    pub async fn get_as(&self, cookie: Option<&str>, path: &str) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.unwrap()
    }

    /// A server function called as a script would (JSON answers, honest statuses).
    pub async fn call_as(&self, cookie: Option<&str>, endpoint: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.post(format!("{}/api/{endpoint}", self.base)).header(header::ORIGIN, &self.base);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.form(fields).send().await.unwrap()
    }
}
