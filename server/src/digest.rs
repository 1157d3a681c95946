//! The offers e-mails' job: every instance checks every few minutes (and once at start) whether
//! the week's digest is due (`domain::offers::digest::run`: Monday from 08:00 in Brussels by the
//! injected clock; the `offer_digests` row makes one instance, once, build it), and whether
//! daily followers have new offers to hear of (`digest::run_daily`: at most one e-mail a day
//! each, claimed on the follower's row, so once across instances). The job only queues the
//! e-mails; the mailer sends them.

use std::time::Duration;

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
    pub fn start(db: DatabaseConnection, base_url: String, clock: Clock) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                match digest::run(&db, &base_url, clock.now()).await {
                    Ok(Outcome::Queued { week, emails }) => tracing::info!(%week, emails, "offers digest queued"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "offers digest: will try again"),
                }
                match digest::run_daily(&db, &base_url, clock.now()).await {
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
