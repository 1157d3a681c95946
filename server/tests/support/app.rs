//! The one server test harness of the HTTP tests: [`spawn_app`] makes a fresh database (a SQLite
//! file, or a PostgreSQL database of the server at `TEST_DATABASE_URL`, e.g.
//! `postgres://postgres@127.0.0.1:5432/test`), migrates it, fills it as [`Options`] say (the demo
//! town, its logins, nothing) and serves the site over it on port 0 with the binary's own
//! connection handling (`vitrine::http::serve`), its clock fixed; the [`TestApp`] it returns has
//! the base URL, a client, the database, the state, the settings, the media folder and, when
//! asked, an SMTP sink. [`on_every_backend`] runs a test once per backend, each run on its own,
//! so that a failure on SQLite still lets PostgreSQL run, and names the backend that failed.
//!
//! Dropping a [`TestApp`] stops its servers and removes its database (the PostgreSQL one by a
//! guard that also runs when the test panics) and its files. Databases are named
//! `vitrine_app_<process id>_<n>`; those of test processes that ended without dropping them (a
//! killed run) are dropped by the next run (once per process, only when that process is gone).
//!
//! Used from a test file as `#[path = "support/app.rs"] mod harness;` (the name `app` is the
//! crate of the Leptos app).

#![allow(dead_code)]

#[path = "../../../domain/tests/support/drop_database.rs"]
mod drop_database;
#[path = "eventually.rs"]
pub mod eventually;
#[path = "smtp_sink.rs"]
pub mod smtp_sink;

use std::future::Future;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Clock;
use entity::{business, offer};
use futures_util::FutureExt;
use leptos::prelude::LeptosOptions;
use reqwest::redirect::Policy;
use reqwest::{header, Client, StatusCode};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use vitrine::http::client_ip::TrustedProxies;
use vitrine::http::serve::Limits;
use vitrine::http::HttpSettings;

// Not every test file polls.
#[allow(unused_imports)]
pub use eventually::{eventually, CACHE_FOLLOWS};
use smtp_sink::SmtpSink;

/// The demo logins (`MERCHANT` owns Pâtisserie Lemaire; `ADMIN` is the town's).
pub const MERCHANT: (&str, &str) = ("commercant@demo.vitrine.be", "demo-commercant-vitrine-soignies");
pub const ADMIN: (&str, &str) = ("admin@demo.vitrine.be", "demo-admin-vitrine-soignies");

/// The prefix of every database and file the harness makes.
const PREFIX: &str = "vitrine_app";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// `<prefix>_<process id>_<n>`: unique within the run, and tells which process made it.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

/// Saturday 28 November 2026, 10:00 in Soignies: the demo town's anchor, and the servers' clock
/// unless a test sets another.
pub fn saturday_morning() -> DateTime<Utc> {
    at("2026-11-28T10:00:00+01:00")
}

/// The demo town's files (seed/demo), read.
pub fn demo_town() -> domain::seed::DemoTown {
    domain::seed::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")).unwrap()
}

/// A database server the tests run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn label(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())
}

/// SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set (and a line saying so when not).
pub fn backends() -> Vec<Backend> {
    if postgres_url().is_some() {
        vec![Backend::Sqlite, Backend::Postgres]
    } else {
        eprintln!("PostgreSQL skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
        vec![Backend::Sqlite]
    }
}

/// What the database holds before the server starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Town {
    /// Migrated, nothing else.
    Empty,
    /// The demo town (seed/demo) as of [`saturday_morning`].
    Demo,
    /// The demo town without its offers, so that a test sees only the offers it posts.
    DemoWithoutOffers,
}

/// How one server instance serves: what differs between the tests' servers.
#[derive(Clone, Debug)]
pub struct Serving {
    /// The instance's clock (`Clock::Fixed`).
    pub now: DateTime<Utc>,
    pub page_cache: bool,
    pub trusted_proxies: TrustedProxies,
    pub limits: Limits,
    /// The public URL (`AppState::base_url`) when it is not the instance's own address.
    pub public_url: Option<String>,
}

impl Default for Serving {
    fn default() -> Self {
        Serving {
            now: saturday_morning(),
            page_cache: true,
            trusted_proxies: TrustedProxies::default(),
            limits: Limits::default(),
            public_url: None,
        }
    }
}

impl Serving {
    pub fn now(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    pub fn page_cache(mut self, on: bool) -> Self {
        self.page_cache = on;
        self
    }

    /// Trusts these proxies' forwarding headers (`VITRINE_TRUSTED_PROXIES` syntax).
    pub fn trusting(mut self, proxies: &str) -> Self {
        self.trusted_proxies = TrustedProxies::parse(proxies).unwrap();
        self
    }

    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub fn public_url(mut self, url: &str) -> Self {
        self.public_url = Some(url.to_string());
        self
    }
}

/// What a test's app is made of. `Options::default()` is the demo town, no logins, no SMTP sink,
/// served as [`Serving::default`].
#[derive(Clone, Debug)]
pub struct Options {
    pub town: Town,
    /// The demo logins ([`MERCHANT`], [`ADMIN`]), made before the server starts.
    pub accounts: bool,
    /// An SMTP sink the test delivers the outbox to ([`TestApp::deliver`]).
    pub mail: bool,
    pub serving: Serving,
}

impl Default for Options {
    fn default() -> Self {
        Options { town: Town::Demo, accounts: false, mail: false, serving: Serving::default() }
    }
}

impl Options {
    pub fn demo() -> Self {
        Options::default()
    }

    pub fn demo_without_offers() -> Self {
        Options { town: Town::DemoWithoutOffers, ..Options::default() }
    }

    pub fn empty() -> Self {
        Options { town: Town::Empty, ..Options::default() }
    }

    pub fn accounts(mut self) -> Self {
        self.accounts = true;
        self
    }

    pub fn mail(mut self) -> Self {
        self.mail = true;
        self
    }

    pub fn now(mut self, now: DateTime<Utc>) -> Self {
        self.serving = self.serving.now(now);
        self
    }

    pub fn page_cache(mut self, on: bool) -> Self {
        self.serving = self.serving.page_cache(on);
        self
    }

    pub fn trusting(mut self, proxies: &str) -> Self {
        self.serving = self.serving.trusting(proxies);
        self
    }

    pub fn limits(mut self, limits: Limits) -> Self {
        self.serving = self.serving.limits(limits);
        self
    }

    pub fn public_url(mut self, url: &str) -> Self {
        self.serving = self.serving.public_url(url);
        self
    }
}

/// One server instance: its own directory index, page cache, counts and connections.
pub struct Instance {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub addr: SocketAddr,
    /// Follows no redirect.
    pub client: Client,
    pub state: AppState,
    /// The instance's settings: its counts not yet flushed (`stats`), its readiness.
    pub settings: HttpSettings,
    /// Sending (or dropping) it begins a graceful shutdown.
    pub stop: Option<tokio::sync::oneshot::Sender<()>>,
    /// The serving task: ends once the shutdown has answered the requests in flight.
    pub served: tokio::task::JoinHandle<std::io::Result<()>>,
    /// Requests that reached the router.
    begun: Arc<AtomicUsize>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.served.abort();
    }
}

/// A test's app: a fresh database and an instance serving it (what it derefs to).
pub struct TestApp {
    pub backend: Backend,
    /// "sqlite" or "postgres", for assertion messages.
    pub label: &'static str,
    pub db: DatabaseConnection,
    /// The media folder (photos and icons) the instances serve.
    pub media: PathBuf,
    pub serving: Serving,
    pub sink: Option<SmtpSink>,
    instance: Instance,
    /// Last: the database goes once the servers are stopped.
    cleanup: Cleanup,
}

impl std::ops::Deref for TestApp {
    type Target = Instance;
    fn deref(&self) -> &Instance {
        &self.instance
    }
}

impl std::ops::DerefMut for TestApp {
    fn deref_mut(&mut self) -> &mut Instance {
        &mut self.instance
    }
}

/// What to remove when the app goes.
struct Cleanup {
    files: Vec<PathBuf>,
    /// PostgreSQL: its guard drops the database (also while a failing test unwinds).
    database: Option<drop_database::DropDatabase>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        // The database first (the guard's own Drop, on a thread of its own), then the files.
        drop(self.database.take());
        for path in &self.files {
            let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        }
    }
}

/// A fresh, migrated database of `backend`, and what removes it.
async fn database(backend: Backend) -> (DatabaseConnection, Cleanup) {
    let name = unique(PREFIX);
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            let db = domain::db::connect(&format!("sqlite://{}", path.display()), 4).await.expect("open SQLite");
            let files = ["", "-wal", "-shm"].iter().map(|suffix| PathBuf::from(format!("{}{suffix}", path.display())));
            (db, Cleanup { files: files.collect(), database: None })
        }
        Backend::Postgres => {
            let admin_url = postgres_url().expect("TEST_DATABASE_URL is set");
            let admin = domain::db::connect(&admin_url, 1).await.expect("connect to TEST_DATABASE_URL");
            ENDED_RUNS_DROPPED.get_or_init(|| drop_databases_of_ended_runs(&admin)).await;
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create a test database");
            let _ = admin.close().await;
            let guard = drop_database::DropDatabase::new(&admin_url, &name);
            let db = domain::db::connect(&guard.url(), 4).await.expect("connect to the test database");
            (db, Cleanup { files: Vec::new(), database: Some(guard) })
        }
    }
}

/// Earlier runs' leftovers are looked for once per test process.
static ENDED_RUNS_DROPPED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// Drops the harness's databases whose process is gone (a run killed before its guards ran).
/// Another test process running at the same time keeps its databases: its id is alive.
async fn drop_databases_of_ended_runs(admin: &DatabaseConnection) {
    use sea_orm::{FromQueryResult, JsonValue, Statement};
    if !Path::new("/proc/self").exists() {
        return; // Not Linux: whether a process is alive is not known here.
    }
    let rows = JsonValue::find_by_statement(Statement::from_string(
        admin.get_database_backend(),
        format!("SELECT datname FROM pg_database WHERE datname LIKE '{}\\_%'", PREFIX.replace('_', "\\_")),
    ))
    .all(admin)
    .await
    .unwrap_or_default();
    for row in rows {
        let Some(name) = row["datname"].as_str() else { continue };
        let pid = name.strip_prefix(PREFIX).and_then(|rest| rest.split('_').nth(1)).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()) {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
        }
    }
}

/// A fresh database of `backend` made as `options` say, served by one instance.
pub async fn spawn_app(backend: Backend, options: Options) -> TestApp {
    let (db, mut cleanup) = database(backend).await;
    domain::db::migrate(&db).await.expect("migrate");
    let media = std::env::temp_dir().join(unique(&format!("{PREFIX}_media")));
    cleanup.files.push(media.clone());
    if options.town != Town::Empty {
        domain::seed::seed(&db, &demo_town(), saturday_morning(), &media).await.expect("seed the demo town");
        if options.town == Town::DemoWithoutOffers {
            offer::Entity::delete_many().exec(&db).await.unwrap();
        }
    }
    if options.accounts {
        domain::seed::demo_accounts(&db, saturday_morning()).await.unwrap();
    }
    let sink = if options.mail { Some(SmtpSink::start().await) } else { None };
    let instance = serve(&db, &media, &options.serving).await;
    TestApp { backend, label: backend.label(), db, media, serving: options.serving, sink, instance, cleanup }
}

/// Runs `test` on an app of each backend ([`backends`]), one after the other. Each run is caught
/// on its own, so a failure on SQLite still lets PostgreSQL run; each app (and its database) is
/// dropped whatever happened; then the test fails with each backend's failure, named.
pub async fn on_every_backend<F, Fut>(options: Options, test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut failures = Vec::new();
    for backend in backends() {
        let run = async {
            let app = spawn_app(backend, options.clone()).await;
            test(app).await;
        };
        if let Err(panic) = AssertUnwindSafe(run).catch_unwind().await {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panicked".into());
            failures.push(format!("on {}: {message}", backend.label()));
        }
    }
    assert!(failures.is_empty(), "failed {}", failures.join("\n       "));
}

/// Serves the site over `db` on port 0 as `serving` says.
async fn serve(db: &DatabaseConnection, media: &Path, serving: &Serving) -> Instance {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    // The site root holds no bundle: the pages link it all the same, and no test fetches it.
    let options = LeptosOptions::builder()
        .output_name("vitrine")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_addr(addr)
        .build();
    let state = AppState {
        leptos_options: Arc::new(options),
        db: db.clone(),
        clock: Clock::Fixed(serving.now),
        base_url: serving.public_url.clone().unwrap_or_else(|| base.clone()).into(),
        directory: Default::default(),
        catalogue: Default::default(),
        // The instance's own: no sender runs here (a test delivers the outbox itself).
        mail: domain::mail::Notifier::new(),
    };
    let settings = HttpSettings {
        page_cache: serving.page_cache,
        trusted_proxies: serving.trusted_proxies.clone(),
        ..Default::default()
    };
    let begun = Arc::new(AtomicUsize::new(0));
    let counted = begun.clone();
    let router = vitrine::http::router(state.clone(), media, &settings).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            counted.fetch_add(1, Ordering::SeqCst);
            next.run(request)
        },
    ));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(vitrine::http::serve::serve(listener, router, serving.limits, async move {
        let _ = stopped.await;
    }));
    let client = Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(60)).build().unwrap();
    Instance { base, addr, client, state, settings, stop: Some(stop), served, begun }
}

impl TestApp {
    /// Another instance on the same database and media folder, served as the first.
    pub async fn another_instance(&self) -> Instance {
        self.instance_with(self.serving.clone()).await
    }

    /// Another instance on the same database and media folder, served as `serving` says.
    pub async fn instance_with(&self, serving: Serving) -> Instance {
        serve(&self.db, &self.media, &serving).await
    }

    /// Creates the demo logins ([`MERCHANT`], [`ADMIN`]).
    pub async fn demo_accounts(&self) {
        domain::seed::demo_accounts(&self.db, saturday_morning()).await.unwrap();
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

    /// The SMTP sink ([`Options::mail`]).
    pub fn sink(&self) -> &SmtpSink {
        self.sink.as_ref().expect("an app made with Options::mail")
    }

    /// Sends whatever the outbox holds at `now` to the SMTP sink.
    pub async fn deliver(&self, now: DateTime<Utc>) {
        use vitrine::mailer::{self, Settings, SmtpUrl};
        let transport = mailer::transport(&SmtpUrl::parse(&self.sink().url("vitrine-test")).unwrap()).unwrap();
        let settings = Settings::new(mailer::parse_mailbox("Vitrine <noreply@vitrine.test>").unwrap());
        mailer::run_once(&self.db, &transport, &settings, now).await.unwrap();
    }
}

impl Instance {
    /// How many requests reached the router so far.
    pub fn requests_begun(&self) -> usize {
        self.begun.load(Ordering::SeqCst)
    }

    /// A GET as a French-speaking browser asks it.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).header(header::ACCEPT_LANGUAGE, "fr-BE").send().await.unwrap()
    }

    /// [`Self::get`]'s status and text.
    pub async fn text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        (response.status(), response.text().await.unwrap())
    }

    /// A GET with a session cookie, if any.
    pub async fn get_as(&self, cookie: Option<&str>, path: &str) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.unwrap()
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

    /// A form posted by a browser without JavaScript from the page `from` (its `Referer`, where a
    /// refusal goes back to), with a session cookie if any.
    pub async fn post_form_as(
        &self,
        cookie: Option<&str>,
        path: &str,
        from: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::ORIGIN, &self.base)
            .header(header::REFERER, format!("{}{from}", self.base))
            .header("sec-fetch-site", "same-origin")
            .body(body);
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

    /// Logs in through `/api/log_in` as a form without JavaScript would: the session cookie
    /// (`name=value`) if one was set, and the response.
    /// The session cookie of `email`, invited to `business` with `role` by the demo
    /// administrator (the demo logins must exist) and joined with `password`, on Saturday
    /// morning.
    pub async fn join(&self, business: i32, email: &str, password: &str, role: domain::authz::Role) -> String {
        let now = saturday_morning();
        let admin = domain::accounts::find_by_email(&self.state.db, ADMIN.0).await.unwrap().unwrap();
        let admin = domain::accounts::actor_of(&admin);
        let invitation = domain::team::invite(
            &self.state.db,
            &self.state.mail,
            Some(&admin),
            business,
            email,
            role,
            common::Lang::Fr,
            &self.base,
            now,
        )
        .await
        .unwrap();
        let joined = domain::team::accept(&self.state.db, &invitation.token, Some(password), now).await.unwrap();
        format!("vitrine_session={}", joined.session_token)
    }

    pub async fn try_log_in(&self, email: &str, password: &str) -> (Option<String>, reqwest::Response) {
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
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("vitrine_session=") && !v.starts_with("vitrine_session=;"))
            .map(|v| v.split(';').next().unwrap().to_string());
        (cookie, response)
    }

    /// Logs in as [`Self::try_log_in`] does; the session cookie.
    pub async fn log_in(&self, (email, password): (&str, &str)) -> String {
        self.try_log_in(email, password).await.0.expect("a session cookie")
    }
}

/// The people of the authorisation matrices, as session cookies: business 1's owner (the demo
/// merchant), a staff member of business 1, the owner and a staff member of business 2, and the
/// town's administrator.
pub struct People {
    pub owner: String,
    pub staff: String,
    pub other_owner: String,
    pub other_staff: String,
    pub admin: String,
}

/// What every invited person of these tests joins with.
pub const PASSWORD: &str = "le pain sort du four à sept heures";

/// Makes the demo logins and the people of [`People`].
pub async fn people(server: &TestApp) -> People {
    domain::seed::demo_accounts(&server.db, saturday_morning()).await.unwrap();
    use domain::authz::Role;
    People {
        owner: server.log_in(MERCHANT).await,
        staff: server.join(1, "vendeuse@lemaire.be", PASSWORD, Role::Staff).await,
        other_owner: server.join(2, "owner@two.be", PASSWORD, Role::Owner).await,
        other_staff: server.join(2, "staff@two.be", PASSWORD, Role::Staff).await,
        admin: server.log_in(ADMIN).await,
    }
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
