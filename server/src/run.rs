//! The command-line tasks: serve, migrate, seed the demo town.

use std::path::Path;

use app::state::AppState;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::config::Config;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The log: filtered by `RUST_LOG` (default `info`), as text lines, or with
/// `VITRINE_LOG_FORMAT=json` one JSON object a line.
pub fn init_tracing() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("VITRINE_LOG_FORMAT").is_ok_and(|format| format.trim().eq_ignore_ascii_case("json"));
    let _ = tracing_subscriber::registry().with(log_layer(json, std::io::stdout)).with(filter).try_init();
}

/// How log lines are written: text (coloured only on a terminal: a service manager's journal
/// gets plain text), or JSON with the event's fields at the top level and the request's span
/// (`id`, `method`, `path`) under `span`.
pub fn log_layer<S, W>(json: bool, writer: W) -> Box<dyn tracing_subscriber::Layer<S> + Send + Sync>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let layer = tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(terminal && !json);
    if json {
        Box::new(layer.json().flatten_event(true).with_current_span(true).with_span_list(false))
    } else {
        Box::new(layer)
    }
}

/// Connects and migrates; a new SQLite file is created with its parent directory.
pub async fn database(config: &Config) -> Result<DatabaseConnection, Error> {
    if let Some(path) = config.database_url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
    }
    let db = domain::db::connect(&config.database_url, config.db_pool)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", redact(&config.database_url)))?;
    domain::db::migrate(&db).await.map_err(|e| format!("migrations failed: {e}"))?;
    Ok(db)
}

/// The database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Leptos's options, from our configuration rather than cargo-leptos's environment, so the
/// binary runs the same whether started by cargo-leptos, a script or a service manager. The asset
/// names' hashes come from the checked site root (crate::assets), never from the executable's
/// directory.
pub fn leptos_options(config: &Config, assets: &crate::assets::SiteAssets) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(crate::assets::OUTPUT_NAME)
        .site_root(assets.root.to_string_lossy().to_string())
        .site_pkg_dir(crate::assets::PKG_DIR)
        .site_addr(config.bind)
        .hash_files(true)
        .hash_file(assets.hash_file.to_string_lossy().into_owned().into())
        .build()
}

pub async fn serve(config: &Config, demo_dir: Option<&Path>) -> Result<(), Error> {
    config.check_public_url()?;
    // Before touching the database: a site root that would serve unstyled pages is a deploy error.
    let assets = crate::assets::check(&config.site_root)?;
    let db = database(config).await?;
    if let Some(dir) = demo_dir {
        seed_into(&db, config, dir, None, IfEmpty::Skip).await?;
    }
    // E-mails queued by any instance are sent by whichever instance's sender claims them; this
    // instance's sender is woken by what this instance queues (the notifier in its state).
    let notifier = domain::mail::Notifier::new();
    let mailer = crate::mailer::start(&db, &notifier, config.smtp_url.as_ref(), &config.mail_from, config.clock());
    let state = AppState {
        leptos_options: std::sync::Arc::new(leptos_options(config, &assets)),
        db,
        clock: config.clock(),
        base_url: config.base_url().into(),
        directory: Default::default(),
        catalogue: Default::default(),
        mail: notifier,
    };
    let settings = crate::http::HttpSettings {
        page_cache: config.page_cache,
        trusted_proxies: config.trusted_proxies.clone(),
        ..Default::default()
    };
    // Views and clicks are counted in memory and written every few seconds, and once more below
    // after the last request.
    let statistics = crate::stats::Flusher::start(settings.stats.clone(), state.db.clone());
    let reminders =
        crate::reminders::Reminders::start(state.db.clone(), state.mail.clone(), config.base_url(), config.clock());
    let digest = crate::digest::Digest::start(state.db.clone(), state.mail.clone(), config.base_url(), config.clock());
    let housekeeping = crate::housekeeping::Housekeeping::start(
        state.db.clone(),
        config.clock(),
        config.base_url().to_string(),
        state.mail.clone(),
    );
    let scrape = crate::metrics::Scrape { db: state.db.clone(), clock: config.clock() };
    let router = crate::http::router(state, &config.media_dir, &settings);
    // The metrics listener stops last, once the site's requests are answered.
    let (stopped, stop) = tokio::sync::watch::channel(false);
    let metrics = match config.metrics_bind {
        Some(bind) => {
            let listener =
                tokio::net::TcpListener::bind(bind).await.map_err(|e| format!("cannot listen on {bind}: {e}"))?;
            tracing::info!("metrics on http://{bind}/metrics");
            let mut stop = stop.clone();
            Some(tokio::spawn(async move {
                let served = axum::serve(listener, crate::metrics::router(scrape)).with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|stopped| *stopped).await;
                });
                if let Err(error) = served.await {
                    tracing::warn!(%error, "the metrics listener stopped");
                }
            }))
        }
        None => None,
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    tracing::info!(
        public_url = %config.base_url(),
        page_cache = config.page_cache,
        "Vitrine listens on http://{}",
        config.bind
    );
    let readiness = settings.readiness.clone();
    let live_orders = settings.live_orders.clone();
    let delay = std::time::Duration::from_secs(config.shutdown_delay);
    crate::http::serve::serve(listener, router, Default::default(), async move {
        shutdown().await;
        readiness.begin_draining();
        // Open inboxes' event streams end now, so that they do not hold the shutdown.
        live_orders.close();
        if !delay.is_zero() {
            tracing::info!("not ready: serving {}s more before closing the listener", delay.as_secs());
            tokio::time::sleep(delay).await;
        }
    })
    .await?;
    tracing::info!("stopped: every request in flight was answered");
    let _ = stopped.send(true);
    if let Some(metrics) = metrics {
        let _ = metrics.await;
    }
    statistics.stop().await;
    reminders.stop().await;
    digest.stop().await;
    housekeeping.stop().await;
    if let Some(mailer) = mailer {
        mailer.stop().await;
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (what service managers and container runtimes send): the
/// server then stops accepting connections and finishes the requests in flight (each bounded by
/// the request timeout).
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

pub async fn migrate(config: &Config) -> Result<(), Error> {
    database(config).await?;
    tracing::info!("migrations applied");
    Ok(())
}

pub async fn seed_demo(
    config: &Config,
    dir: &Path,
    businesses: Option<usize>,
    offers: Option<usize>,
    products: Option<usize>,
) -> Result<(), Error> {
    let db = database(config).await?;
    seed_into(&db, config, dir, businesses, IfEmpty::Refuse).await?;
    if let Some(target) = products {
        let added = domain::catalogue::demo::top_up(&db, target).await?;
        println!("added {added} copies of products");
    }
    if let Some(count) = offers {
        let written = domain::bench_offers::generate(&db, count, config.clock().now()).await?;
        println!("generated {written} live offers");
    }
    Ok(())
}

/// What to do when the database already holds businesses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IfEmpty {
    /// `serve --seed-demo`: nothing, the town is there (maybe another instance just loaded it,
    /// with the demo logins); no demo login is added to a database that holds data.
    Skip,
    /// `seed-demo`: say so and fail.
    Refuse,
}

/// Loads the demo town under the deploy lock, so two instances started together load it once.
async fn seed_into(
    db: &DatabaseConnection,
    config: &Config,
    dir: &Path,
    businesses: Option<usize>,
    if_not_empty: IfEmpty,
) -> Result<(), Error> {
    let town = domain::seed::load(dir)?;
    let town = match businesses {
        Some(count) => domain::seed::replicate(&town, count),
        None => town,
    };
    let txn = domain::db::begin_exclusive(db).await?;
    if !domain::seed::is_empty(&txn).await? {
        return match if_not_empty {
            IfEmpty::Skip => {
                // No demo logins either: their passwords are public (README), and this database
                // is someone's town, not the demo.
                tracing::info!("the database already holds businesses; demo town and demo logins not loaded");
                Ok(())
            }
            IfEmpty::Refuse => {
                Err("the database already holds businesses; the demo town loads only into an empty one".into())
            }
        };
    }
    let report = domain::seed::seed(&txn, &town, config.clock().now(), &config.media_dir).await?;
    domain::seed::demo_accounts(&txn, config.clock().now()).await?;
    txn.commit().await?;
    tracing::info!(categories = report.categories, businesses = report.businesses, "demo town loaded");
    print_demo_logins(config);
    Ok(())
}

/// The demo's logins, on standard output where the person who started the demo reads them.
fn print_demo_logins(config: &Config) {
    println!("Vitrine demo logins ({}/connexion):", config.base_url());
    for login in domain::seed::DEMO_LOGINS {
        println!("  {:<28} password: {:<34} ({})", login.email, login.password, login.role);
    }
}

/// `create-admin`: makes (or promotes) a town administrator. With a password (read from standard
/// input), the account can log in at once; without, an invitation link is printed, valid 7 days.
pub async fn create_admin(config: &Config, email: &str, password: Option<String>) -> Result<(), Error> {
    let db = database(config).await?;
    let (account, token) =
        domain::accounts::create_admin(&db, email, password.as_deref(), config.clock().now()).await.map_err(|e| match e {
            domain::DomainError::Invalid(problems) => {
                let what: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.field, p.problem)).collect();
                format!("refused: {}", what.join(", "))
            }
            other => other.to_string(),
        })?;
    println!("town administrator: {}", account.email);
    match token {
        Some(token) => println!("set the password within 7 days at: {}/invitation/{token}", config.base_url()),
        None => println!("the account can log in at {}/connexion", config.base_url()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(super::redact("postgres://vitrine:s3cret@db/vitrine"), "postgres://vitrine:***@db/vitrine");
        assert_eq!(super::redact("sqlite://vitrine.db"), "sqlite://vitrine.db");
    }
}
