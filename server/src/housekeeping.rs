//! The accounts' clean-ups (issue 12): every few minutes (and once at start) each instance asks
//! `domain::accounts::housekeeping::run_due` to run the jobs of the current hour that nobody ran
//! yet (ended sessions, old throttle rows, dead links and their unsent e-mails, orders left
//! uncollected, old baskets, shoppers' data past its year); the claim row of each (job, hour)
//! makes one instance, once, run it.

use std::time::Duration;

use domain::accounts::housekeeping;
use domain::Clock;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often an instance looks: each hour's clean-up runs at most this long after the hour starts.
const EVERY: Duration = Duration::from_secs(300);

/// The running job; [`Housekeeping::stop`] ends it.
pub struct Housekeeping {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Housekeeping {
    pub fn start(db: DatabaseConnection, clock: Clock, base_url: String, mail: domain::mail::Notifier) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                match housekeeping::run_due(&db, &base_url, clock.now()).await {
                    Ok(ran) => {
                        // Lapsed orders queue e-mails to their shoppers.
                        if ran.iter().any(|run| run.job == "orders" && run.removed > 0) {
                            mail.wake();
                        }
                        for run in ran.iter().filter(|run| run.removed > 0) {
                            tracing::info!(job = run.job, removed = run.removed, "housekeeping");
                        }
                    }
                    Err(error) => tracing::warn!(%error, "housekeeping: will try again"),
                }
                tokio::select! {
                    _ = tokio::time::sleep(EVERY) => {}
                    _ = stopped.changed() => return,
                }
            }
        });
        Housekeeping { stop, task }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}
