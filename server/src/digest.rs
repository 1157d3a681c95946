//! The offers e-mails' job: every instance checks every few minutes (and once at start) whether
//! the week's digest is due (`domain::offers::digest::run`: Monday from 08:00 in Brussels by the
//! injected clock; the `offer_digests` row makes one instance, once, build it), and whether
//! daily followers have new offers to hear of (`digest::run_daily`: at most one e-mail a day
//! each, claimed on the follower's row, so once across instances). The job only queues the
//! e-mails; the mailer sends them.

use std::time::Duration;

use domain::mail::Notifier;
use domain::offers::digest::{self, Outcome};
use domain::Clock;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often an instance looks: the digest goes out at most this long after Monday 08:00, a
/// daily e-mail at most this long after the offer's publication.
const EVERY: Duration = Duration::from_secs(300);

/// The running job; [`Digest::stop`] ends it.
pub struct Digest {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Digest {
    /// Starts the job; the e-mails it queues wake `notifier`'s sender.
    pub fn start(db: DatabaseConnection, notifier: Notifier, base_url: String, clock: Clock) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                match digest::run(&db, &notifier, &base_url, clock.now()).await {
                    Ok(Outcome::Queued { week, emails }) => tracing::info!(%week, emails, "offers digest queued"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "offers digest: will try again"),
                }
                match digest::run_daily(&db, &notifier, &base_url, clock.now()).await {
                    Ok(0) => {}
                    Ok(emails) => tracing::info!(emails, "daily offers e-mails queued"),
                    Err(error) => tracing::warn!(%error, "daily offers e-mails: will try again"),
                }
                tokio::select! {
                    _ = tokio::time::sleep(EVERY) => {}
                    _ = stopped.changed() => return,
                }
            }
        });
        Digest { stop, task }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// What [`run_once`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnceReport {
    pub weekly: Outcome,
    pub daily_emails: u32,
    /// E-mails sent through SMTP before returning (when asked to send).
    pub sent: usize,
}

/// `vitrine digest`: the weekly and daily jobs once as of `now` against `config`'s database,
/// then, with `send`, the outbox drained through the configured SMTP server (rounds until one
/// claims nothing or sends nothing). Queuing is once across instances, as in [`Digest::start`].
pub async fn run_once(
    config: &crate::config::Config,
    now: chrono::DateTime<chrono::Utc>,
    send: bool,
) -> Result<OnceReport, crate::run::Error> {
    let db = crate::run::database(config).await?;
    let base_url = config.base_url();
    // No sender runs in this process: the e-mails are sent below (with `send`) or by the instances.
    let notifier = Notifier::new();
    let weekly = digest::run(&db, &notifier, &base_url, now).await.map_err(|e| format!("offers digest: {e}"))?;
    let daily_emails =
        digest::run_daily(&db, &notifier, &base_url, now).await.map_err(|e| format!("daily offers e-mails: {e}"))?;
    let mut sent = 0;
    if send {
        let Some(url) = config.smtp_url.as_ref() else {
            return Err("--send needs VITRINE_SMTP_URL (--smtp-url)".into());
        };
        let transport = crate::mailer::transport(url)?;
        let settings = crate::mailer::Settings::new(config.mail_from.clone());
        loop {
            let report = crate::mailer::run_once(&db, &transport, &settings, now)
                .await
                .map_err(|e| format!("sending e-mails: {e}"))?;
            sent += report.sent;
            // A round that sent nothing (empty outbox, or only failures to retry later) ends it.
            if report.claimed == 0 || report.sent == 0 {
                break;
            }
        }
    }
    db.close().await.ok();
    Ok(OnceReport { weekly, daily_emails, sent })
}
