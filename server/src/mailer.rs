//! The e-mail sender: a background task of every instance that drains the outbox of
//! `domain::mail` through an SMTP server (lettre, async on tokio, TLS by rustls).
//!
//! Each round claims a batch of due e-mails (several instances share the outbox: a claim goes to
//! exactly one of them), sends them over up to [`CONCURRENT_SENDS`] pooled SMTP connections at
//! once, and marks each one sent right after the server accepted it, or failed with the server's answer (retried
//! with backoff, or given up on a permanent refusal). A full batch is followed at once by the next
//! one; otherwise the task sleeps until its poll interval ends or its instance queues an e-mail
//! (the instance's `domain::mail::Notifier`, which the app's state holds).
//!
//! Leases: a batch is claimed for [`Settings::lease`]. The task stops sending a batch when its
//! lease could run out during the next SMTP exchange and gives the rest back, so that another
//! instance never takes over an e-mail this one is still sending. On shutdown the e-mails in flight
//! are finished and the rest of the batch given back too.
//!
//! Times come from the injected clock, like the rest of the application: with `VITRINE_NOW` (demos,
//! tests) they stand still, so first attempts go out but retries and expired leases wait until the
//! clock moves.
//!
//! Without `VITRINE_SMTP_URL` no task starts: e-mails wait in the database (nothing is lost) and
//! a warning says so once at start. [`run_once`] is one round, for tests and tools.
//!
//! Every e-mail is `multipart/alternative` (plain text, then HTML), with `Date`, a `Message-ID`
//! derived from the outbox row (the same on a retry, so a rare duplicate delivery is folded by
//! mail services), `Content-Language`, and `Auto-Submitted: auto-generated` (RFC 3834: no
//! out-of-office replies).

use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};

use chrono::{DateTime, Utc};
use domain::mail::{self, Failure, FailureOutcome, Outgoing, RetryPolicy};
use domain::{Clock, DomainError};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// E-mails of a round in flight at once, each on its own pooled connection (lettre's pool keeps
/// up to 10). One at a time, each e-mail waits out the server's answer to the end of its data
/// (about 44 ms measured on loopback, where the final dot goes in a packet of its own and meets
/// delayed acknowledgements): the weekly digest of 10,000 followers took 10 minutes. Several at
/// once overlap those waits; a relay sees no more connections than a small mail client opens.
pub const CONCURRENT_SENDS: usize = 8;

/// The SMTP client: a pool of connections to one server.
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// How long one SMTP command may take before the attempt counts as failed.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A checked SMTP server URL. Its `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    /// `smtp://host[:port]` (plain, for a local relay), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS; `tls=starttls` is accepted as a synonym), `smtp://…?tls=opportunistic`,
    /// `smtps://user:pass@host[:465]` (TLS from the first byte). A path names this host in
    /// `EHLO` (`smtp://relay/vitrine.example`). Checked by building a transport from it.
    pub fn parse(text: &str) -> Result<SmtpUrl, String> {
        let text = text.trim();
        // lettre calls STARTTLS `tls=required`; `starttls` is what people write.
        let url = text.replace("tls=starttls", "tls=required");
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(
                "expected smtp://host[:port], smtp://user:password@host:587?tls=starttls or smtps://user:password@host"
                    .into(),
            );
        }
        Transport::from_url(&url).map_err(|e| format!("not a usable SMTP URL: {e}"))?;
        Ok(SmtpUrl(url))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL with `***` for the password.
    pub fn redacted(&self) -> String {
        let url = &self.0;
        match (url.find("://"), url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => match url[scheme + 3..at].split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.clone(),
            },
            _ => url.clone(),
        }
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpUrl({})", self.redacted())
    }
}

impl std::fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// The `From` of Vitrine's e-mails (`Vitrine <noreply@vitrine.example>`).
pub fn parse_mailbox(text: &str) -> Result<Mailbox, String> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|e| format!("expected a sender such as \"Vitrine <noreply@example.be>\" ({e})"))
}

/// A pooled SMTP client for `url`.
pub fn transport(url: &SmtpUrl) -> Result<Transport, String> {
    Ok(Transport::from_url(url.as_str())
        .map_err(|e| format!("not a usable SMTP URL {url}: {e}"))?
        .timeout(Some(SMTP_TIMEOUT))
        .build())
}

/// How the sender works; [`Settings::new`] gives the production values.
#[derive(Debug, Clone)]
pub struct Settings {
    pub from: Mailbox,
    /// How often the outbox is read when nothing wakes the task (other instances' e-mails are
    /// found this way).
    pub poll_interval: Duration,
    /// E-mails claimed per round.
    pub batch: u64,
    /// How long a claim lasts; must exceed a batch's worst sending time.
    pub lease: Duration,
    pub retry: RetryPolicy,
    /// How long sent e-mails stay in the outbox (for administrators) before they are deleted.
    pub keep_sent: Duration,
}

impl Settings {
    pub fn new(from: Mailbox) -> Self {
        Self {
            from,
            poll_interval: Duration::from_secs(5),
            batch: 50,
            // Fifty e-mails, eight at a time, each allowed a few SMTP timeouts, fit within it.
            lease: Duration::from_secs(15 * 60),
            retry: RetryPolicy::default(),
            keep_sent: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub claimed: usize,
    pub sent: usize,
    /// Failed for now; tried again later.
    pub retried: usize,
    /// Failed for good (`failed` in the outbox).
    pub gave_up: usize,
    /// Given back untried (stopping, or the lease was running out).
    pub released: usize,
}

/// One round at `now`: claim a batch, send it, record each outcome.
pub async fn run_once(
    db: &DatabaseConnection,
    transport: &Transport,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Report, DomainError> {
    round(db, transport, settings, now, &|| false).await
}

async fn round(
    db: &DatabaseConnection,
    transport: &Transport,
    settings: &Settings,
    now: DateTime<Utc>,
    stopping: &(dyn Fn() -> bool + Sync),
) -> Result<Report, DomainError> {
    let claimed = mail::claim_due(db, now, settings.batch, settings.lease).await?;
    let mut report = Report { claimed: claimed.len(), ..Report::default() };
    tracing::debug!(claimed = claimed.len(), batch = settings.batch, "e-mail round");
    let started = Instant::now();
    // The time one more e-mail may take: connecting plus a few commands (at most half the lease,
    // so that a short lease still sends something each round).
    let margin = SMTP_TIMEOUT.saturating_mul(3).min(settings.lease / 2);
    let mut waiting = claimed.iter();
    let mut in_flight = FuturesUnordered::new();
    loop {
        // Start sends while there is room and time; when the lease could run out (or the task
        // is stopping), give back what was not started.
        while in_flight.len() < CONCURRENT_SENDS {
            let Some(outgoing) = waiting.next() else { break };
            if stopping() || started.elapsed() + margin >= settings.lease {
                for untried in std::iter::once(outgoing).chain(waiting.by_ref()) {
                    if mail::release(db, untried, now).await? {
                        report.released += 1;
                    }
                }
                break;
            }
            in_flight.push(async move { (outgoing, send(transport, &settings.from, outgoing).await) });
        }
        let Some((outgoing, outcome)) = in_flight.next().await else { break };
        record(db, settings, now, outgoing, outcome, &mut report).await?;
    }
    Ok(report)
}

/// Writes the outcome of one sending in the outbox and the round's report.
async fn record(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
    outgoing: &Outgoing,
    outcome: Result<(), Failure>,
    report: &mut Report,
) -> Result<(), DomainError> {
    match outcome {
        Ok(()) => {
            mail::mark_sent(db, outgoing, now).await?;
            report.sent += 1;
            tracing::info!(id = outgoing.id, kind = %outgoing.kind, attempt = outgoing.attempt, "e-mail sent");
        }
        Err(failure) => match mail::mark_failed(db, outgoing, now, &failure, &settings.retry).await? {
            FailureOutcome::RetryAt(at) => {
                report.retried += 1;
                let (id, attempt, error) = (outgoing.id, outgoing.attempt, without_addresses(&failure.error));
                tracing::warn!(id, attempt, %error, retry_at = %at, "e-mail not sent; will retry");
            }
            FailureOutcome::GaveUp => {
                report.gave_up += 1;
                let (id, kind, attempt, error) = (outgoing.id, &outgoing.kind, outgoing.attempt, without_addresses(&failure.error));
                tracing::error!(id, %kind, attempt, %error, "e-mail given up");
            }
            FailureOutcome::Stale => {
                let (id, error) = (outgoing.id, without_addresses(&failure.error));
                tracing::warn!(id, %error, "e-mail not sent; its lease had run out");
            }
        },
    }
    Ok(())
}

/// An SMTP error's text for the log, each e-mail address in it replaced: servers repeat the
/// recipient in their replies (`550 5.1.1 <marie@example.be>: Recipient address rejected`),
/// and nothing about shoppers goes to the log. The outbox row keeps the whole text for the
/// town's administrators. Hand-written: an address here is any run of characters around an `@`
/// up to a space or one of `<>()[],;:"'`, which is all a log needs.
pub(crate) fn without_addresses(text: &str) -> String {
    let stops = |c: char| c.is_whitespace() || "<>()[],;:\"'".contains(c);
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(stops) {
        let (word, stop) = match piece.char_indices().last() {
            Some((at, c)) if stops(c) => piece.split_at(at),
            _ => (piece, ""),
        };
        out.push_str(if word.contains('@') { "[address]" } else { word });
        out.push_str(stop);
    }
    out
}

/// Hands one e-mail to the SMTP server.
async fn send(transport: &Transport, from: &Mailbox, outgoing: &Outgoing) -> Result<(), Failure> {
    let message = build(from, outgoing)?;
    transport.send(message).await.map(|_| ()).map_err(|e| Failure { error: e.to_string(), permanent: e.is_permanent() })
}

fn build(from: &Mailbox, outgoing: &Outgoing) -> Result<lettre::Message, Failure> {
    let permanent = |error: String| Failure { error, permanent: true };
    let to = outgoing.recipient.parse::<Mailbox>().map_err(|e| permanent(format!("invalid recipient address: {e}")))?;
    let message_id = format!("<vitrine.{}.{}@{}>", outgoing.id, outgoing.created_at.timestamp(), from.email.domain());
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(outgoing.subject.clone())
        .message_id(Some(message_id))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            outgoing.lang.code().to_string(),
        ))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".to_string()));
    // E-mails sent to a list (the weekly offers digest) say how to leave it in one click (RFC 2369
    // and RFC 8058): mail providers show an "unsubscribe" button that POSTs
    // `List-Unsubscribe=One-Click` to the URL. Only an https/http URL without spaces or angle
    // brackets is written, so a stored value cannot break the header.
    if let Some(url) = outgoing.list_unsubscribe.as_deref().filter(|url| {
        (url.starts_with("https://") || url.starts_with("http://"))
            && url.bytes().all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>')
    }) {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(outgoing.body_text.clone(), outgoing.body_html.clone()))
        .map_err(|e| permanent(format!("cannot build the e-mail: {e}")))
}

/// A running sender task.
pub struct Mailer {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Mailer {
    /// Starts the sender loop on `db` (see the module doc), woken by `notifier`.
    pub fn spawn(
        db: DatabaseConnection,
        notifier: mail::Notifier,
        transport: Transport,
        settings: Settings,
        clock: Clock,
    ) -> Mailer {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(db, notifier, transport, settings, clock, stopped));
        Mailer { stop, task }
    }

    /// Stops the loop: the e-mail being sent is finished (bounded by the SMTP timeouts), the rest
    /// of its batch is given back to the outbox.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let wait = SMTP_TIMEOUT.saturating_mul(4);
        if tokio::time::timeout(wait, self.task).await.is_err() {
            tracing::warn!("the e-mail sender did not stop in time; its claims will expire");
        }
    }
}

/// How often sent e-mails past their retention are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

async fn run(
    db: DatabaseConnection,
    notifier: mail::Notifier,
    transport: Transport,
    settings: Settings,
    clock: Clock,
    mut stopped: watch::Receiver<bool>,
) {
    let mut last_purge: Option<Instant> = None;
    loop {
        if *stopped.borrow() {
            break;
        }
        let stopping = {
            let stopped = stopped.clone();
            move || *stopped.borrow()
        };
        let full_batch = match round(&db, &transport, &settings, clock.now(), &stopping).await {
            Ok(report) => report.claimed as u64 >= settings.batch && report.released == 0,
            Err(error) => {
                // The database is unreachable or refused the statement: try again next poll.
                tracing::error!(%error, "e-mail sender: cannot read the outbox");
                false
            }
        };
        if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
            last_purge = Some(Instant::now());
            let cutoff =
                clock.now() - chrono::TimeDelta::from_std(settings.keep_sent).unwrap_or(chrono::TimeDelta::MAX);
            match mail::purge_sent(&db, cutoff).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, "old sent e-mails deleted"),
                Err(error) => tracing::warn!(%error, "cannot delete old sent e-mails"),
            }
        }
        if full_batch {
            // More may be due: go on without waiting.
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(settings.poll_interval) => {}
            _ = notifier.woken() => {}
            // A dropped `Mailer` (the server stopped on an error) stops the loop too.
            changed = stopped.changed() => if changed.is_err() { break; },
        }
    }
    tracing::info!("e-mail sender stopped");
}

/// Starts the sender of a serving instance, woken by `notifier`, or says once why e-mails will
/// wait.
pub fn start(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    smtp_url: Option<&SmtpUrl>,
    from: &Mailbox,
    clock: Clock,
) -> Option<Mailer> {
    let Some(url) = smtp_url else {
        tracing::warn!(
            "VITRINE_SMTP_URL (--smtp-url) is not set: e-mails are kept in the database and sent once it is"
        );
        return None;
    };
    match transport(url) {
        Ok(transport) => {
            tracing::info!(smtp = %url, from = %from, "e-mail sender started");
            Some(Mailer::spawn(db.clone(), notifier.clone(), transport, Settings::new(from.clone()), clock))
        }
        Err(error) => {
            // Checked when the configuration was read; kept as a message rather than a panic.
            tracing::error!(%error, "e-mail sender not started; e-mails are kept in the database");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn smtp_errors_reach_the_log_without_addresses() {
        assert_eq!(
            super::without_addresses("permanent error (550): 5.1.1 <marie.dupont@example.be>: Recipient address rejected"),
            "permanent error (550): 5.1.1 <[address]>: Recipient address rejected"
        );
        assert_eq!(super::without_addresses("to=jean@x.be, relay=none"), "[address], relay=none");
        assert_eq!(super::without_addresses("connection refused"), "connection refused");
    }

    use super::*;

    /// A list e-mail (the offers digest) says how to leave the list in one click; a stored value
    /// that is not a plain web address never reaches a header.
    #[test]
    fn list_emails_carry_the_one_click_unsubscribe_headers() {
        let from = parse_mailbox("Vitrine <noreply@vitrine.test>").unwrap();
        let outgoing = |list_unsubscribe: Option<&str>| Outgoing {
            id: 7,
            kind: "offer_digest".into(),
            recipient: "lea@example.be".into(),
            lang: common::Lang::Fr,
            subject: "Offres".into(),
            body_text: "texte".into(),
            body_html: "<p>html</p>".into(),
            attempt: 1,
            created_at: chrono::DateTime::UNIX_EPOCH,
            locked_until: chrono::DateTime::UNIX_EPOCH,
            list_unsubscribe: list_unsubscribe.map(str::to_string),
        };
        let headers = |list: Option<&str>| {
            let message = build(&from, &outgoing(list)).unwrap();
            String::from_utf8_lossy(&message.formatted()).split("\r\n\r\n").next().unwrap().to_string()
        };
        let with = headers(Some("https://vitrine.example/offres/desabonnement?cle=abc_DEF-1"));
        assert!(
            with.contains("List-Unsubscribe: <https://vitrine.example/offres/desabonnement?cle=abc_DEF-1>"),
            "{with}"
        );
        assert!(with.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{with}");
        for refused in
            [None, Some("javascript:alert(1)"), Some("https://x.example/a b"), Some("https://x.example/>\r\nBcc: y")]
        {
            let without = headers(refused);
            assert!(!without.contains("List-Unsubscribe"), "{refused:?}: {without}");
        }
    }

    #[test]
    fn smtp_urls_are_checked_and_their_passwords_hidden() {
        assert_eq!(SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap().as_str(), "smtp://127.0.0.1:2525");
        let starttls = SmtpUrl::parse("smtp://vitrine:s3cret@mail.example.be:587?tls=starttls").unwrap();
        assert_eq!(starttls.as_str(), "smtp://vitrine:s3cret@mail.example.be:587?tls=required");
        assert_eq!(format!("{starttls:?}"), "SmtpUrl(smtp://vitrine:***@mail.example.be:587?tls=required)");
        assert_eq!(starttls.to_string(), "smtp://vitrine:***@mail.example.be:587?tls=required");
        assert!(SmtpUrl::parse("smtps://u:p@mail.example.be").is_ok());
        assert!(SmtpUrl::parse("http://mail.example.be").is_err());
        assert!(SmtpUrl::parse("smtp://mail.example.be?tls=maybe").is_err());
        assert!(SmtpUrl::parse("smtp://").is_err());
    }

    /// The settings as the command line reads them (environment variables and the file go
    /// through the same parsers, see `config_file`).
    #[test]
    fn the_command_line_reads_the_mail_settings() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            config: crate::config::Config,
        }
        let defaults = Cli::try_parse_from(["vitrine"]).unwrap().config;
        assert_eq!(defaults.mail_from.to_string(), "Vitrine <noreply@localhost>");
        let set = Cli::try_parse_from([
            "vitrine",
            "--smtp-url",
            "smtp://u:p@mail.example.be:587?tls=starttls",
            "--mail-from",
            "Vitrine Soignies <noreply@vitrine.soignies.be>",
        ])
        .unwrap()
        .config;
        assert_eq!(set.smtp_url.unwrap().as_str(), "smtp://u:p@mail.example.be:587?tls=required");
        assert_eq!(set.mail_from.email.to_string(), "noreply@vitrine.soignies.be");
        let wrong = Cli::try_parse_from(["vitrine", "--smtp-url", "mail.example.be"]).err().unwrap().to_string();
        assert!(wrong.contains("--smtp-url") && wrong.contains("expected smtp://"), "{wrong}");
    }

    #[test]
    fn senders_are_checked() {
        let default = parse_mailbox("Vitrine <noreply@localhost>").unwrap();
        assert_eq!(default.email.domain(), "localhost");
        assert!(parse_mailbox("not an address").is_err());
    }
}
