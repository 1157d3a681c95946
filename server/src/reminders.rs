//! The automatic freshness reminder: every hour (and once at start), listings not confirmed for
//! 30 days get one e-mail to their people per stale period (`domain::console::send_due_reminders`,
//! which makes several instances agree). The job only queues e-mails; the mailer sends them.

use std::time::Duration;

use domain::mail::Notifier;
use domain::Clock;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

const EVERY: Duration = Duration::from_secs(3600);

/// The running job; [`Reminders::stop`] ends it.
pub struct Reminders {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Reminders {
    /// Starts the job; the e-mails it queues wake `notifier`'s sender.
    pub fn start(db: DatabaseConnection, notifier: Notifier, base_url: String, clock: Clock) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                match domain::console::send_due_reminders(&db, &notifier, &base_url, clock.now()).await {
                    Ok(0) => {}
                    Ok(sent) => tracing::info!(sent, "freshness reminders queued"),
                    Err(error) => tracing::warn!(%error, "freshness reminders: will try again"),
                }
                tokio::select! {
                    _ = tokio::time::sleep(EVERY) => {}
                    _ = stopped.changed() => return,
                }
            }
        });
        Reminders { stop, task }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}
