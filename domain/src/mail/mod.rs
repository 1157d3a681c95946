//! E-mail (issue 7 §4): an outbox table that every instance's sender drains.
//!
//! # Queueing
//!
//! Code that sends an e-mail does not talk to SMTP: it calls [`enqueue`] on the connection or
//! transaction of the change that causes the e-mail (an invitation, a password reset), so that
//! the change and its e-mail commit or roll back together. An SMTP outage therefore never loses
//! an e-mail nor fails a request; the e-mail waits in `email_outbox`.
//!
//! ```ignore
//! let txn = db.begin().await?;
//! // … create the invitation …
//! let message = mail::Message {
//!     to: email.clone(),
//!     lang: Lang::Nl,
//!     template: mail::Template::Invitation { business: Some(name), link, inviter, expiry_days: 7 },
//! };
//! mail::enqueue(&txn, &message, clock.now()).await?;
//! txn.commit().await?;
//! notifier.wake(); // this instance's sender starts now rather than at its next poll
//! ```
//!
//! The [`Notifier`] is the instance's own (held in the app's state, given to its sender): the
//! functions that queue e-mail take it and wake it once their transaction has committed. Other
//! instances' senders, and another app in the same process (a test's), find the e-mail by
//! polling.
//!
//! # Sending, from several instances
//!
//! Each instance runs a sender (`server/src/mailer.rs`) that calls [`claim_due`], sends, then
//! [`mark_sent`] or [`mark_failed`]. The claim is one statement (docs/PITFALLS.md 8.7):
//! `UPDATE … SET status='sending', attempts=attempts+1, locked_until=… WHERE id = ANY(ARRAY(SELECT
//! id … LIMIT n FOR UPDATE SKIP LOCKED)) AND <still due> RETURNING *` on PostgreSQL, where
//! `SKIP LOCKED` keeps concurrent claimers off each other's rows and the outer "still due"
//! re-check drops a row another claimer took between the subquery and the update. The subquery is
//! an `ARRAY(…)`, evaluated once, rather than the `IN (…)` of PITFALLS 8.7: PostgreSQL may run an
//! `IN` subquery again during the update, and the second run skips the rows the statement has
//! just updated and returns the next ones, so one claim can take far more than its batch (seen in
//! the tests: 16 for 3). SQLite has a single writer, so `IN (…)` (run once there) is atomic
//! anyway; sea-query omits the lock clause.
//!
//! Delivery is at least once: an e-mail is marked sent right after the SMTP server accepted it,
//! and a claim is a lease, so an instance that dies mid-batch only delays its e-mails until the
//! lease runs out ([`claim_due`] takes expired leases again). The rare duplicate (a crash between
//! the SMTP answer and [`mark_sent`]) carries the same `Message-ID`, which mail services use to
//! fold duplicates. [`mark_sent`] and [`mark_failed`] are fenced by the attempt number, so a
//! sender whose lease ran out cannot overwrite the outcome of the attempt that took over.
//!
//! # Retries
//!
//! A temporary failure (the server is down, answers 4xx) is retried with exponential backoff
//! ([`RetryPolicy`]: 1, 2, 4 … minutes, at most an hour apart, 12 attempts ≈ 6 hours of outage);
//! a permanent refusal (5xx: no such mailbox) or the last attempt gives up: the e-mail becomes
//! `failed` with its last error, for administrators ([`failures`], [`counts`], [`retry`]).
//!
//! # Privacy
//!
//! Bodies hold sign-in links (password reset, invitation). Once an e-mail is sent its bodies are
//! erased (subject, recipient and kind stay, for administrators), and the sender deletes sent
//! rows after a retention period ([`purge_sent`]). An e-mail not sent yet (waiting, being tried,
//! given up) whose link was used, revoked or has expired is deleted ([`erase_dead_links`]): a
//! retry could only deliver a dead link, and the row must not keep a live one either.
//!
//! The clock is injected: every function takes `now`, so tests walk through the schedule.

pub mod templates;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use common::values::Email;
use common::Lang;
use entity::email_outbox::{self, Column, Entity, Status};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::DomainError;
pub use templates::{render, Rendered, Template};

/// An e-mail to queue: who, in which language, and which template with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: Email,
    pub lang: Lang,
    pub template: Template,
}

/// Renders `message` and queues it, due at `now`. Runs on whatever `db` is: called on the
/// transaction of a business change, the e-mail exists exactly when the change commits.
/// Returns the outbox id. The caller wakes the sender ([`Notifier::wake`]) once the e-mail is
/// committed: woken before, the sender would find nothing yet.
pub async fn enqueue(db: &impl ConnectionTrait, message: &Message, now: DateTime<Utc>) -> Result<i64, DomainError> {
    let row = outbox_row(message, now, None);
    Ok(Entity::insert(row).exec(db).await?.last_insert_id)
}

/// The outbox row of `message`, rendered, due at `now`, for callers that insert many at once (the
/// weekly offers digest). `list_unsubscribe` is the one-click unsubscribe URL the sender puts in
/// the `List-Unsubscribe` header (RFC 8058), for e-mails sent to a list.
pub fn outbox_row(
    message: &Message,
    now: DateTime<Utc>,
    list_unsubscribe: Option<String>,
) -> email_outbox::ActiveModel {
    let rendered = render(message.lang, &message.template);
    rendered_row(&message.to, message.lang, message.template.kind(), rendered, now, list_unsubscribe)
}

/// The outbox row of an e-mail already rendered (the digest renders one body for many
/// followers and puts each one's own link in it).
pub fn rendered_row(
    to: &Email,
    lang: Lang,
    kind: &str,
    rendered: Rendered,
    now: DateTime<Utc>,
    list_unsubscribe: Option<String>,
) -> email_outbox::ActiveModel {
    email_outbox::ActiveModel {
        id: NotSet,
        kind: Set(kind.to_string()),
        recipient: Set(to.as_str().to_string()),
        language: Set(lang.code().to_string()),
        subject: Set(rendered.subject),
        body_text: Set(rendered.text),
        body_html: Set(rendered.html),
        status: Set(Status::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        list_unsubscribe: Set(list_unsubscribe),
        auth_token_id: Set(None),
    }
}

/// An instance's doorbell for its e-mail sender: the functions that queue e-mail ring it, the
/// sender (`server/src/mailer.rs`) waits on it or its poll interval. Cheap to clone (the clones
/// ring the same bell); each app has its own, so two apps in one process (tests) never wake
/// each other's senders.
#[derive(Clone, Debug, Default)]
pub struct Notifier(Arc<tokio::sync::Notify>);

impl Notifier {
    pub fn new() -> Notifier {
        Notifier::default()
    }

    /// Tells the sender that an e-mail is waiting. A wake-up with no sender waiting is kept for
    /// its next wait, so none is lost.
    pub fn wake(&self) {
        self.0.notify_one();
    }

    /// Resolves when [`Notifier::wake`] is called on this notifier or a clone of it.
    pub async fn woken(&self) {
        self.0.notified().await
    }
}

/// When failed attempts are tried again, and when to give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failure; doubled after each next one.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// Attempts before the e-mail is `failed` (the first sending counts).
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    /// 1, 2, 4, 8, 16, 32, then 60 minutes apart: 12 attempts span about six hours, enough to ride
    /// out an afternoon's outage of the mail provider.
    fn default() -> Self {
        Self { first_delay: Duration::from_secs(60), max_delay: Duration::from_secs(3600), max_attempts: 12 }
    }
}

impl RetryPolicy {
    /// The wait after `failed_attempts` failures (1 for the first).
    pub fn delay_after(&self, failed_attempts: i32) -> Duration {
        // Past 2^20 the doubling is far beyond any sensible maximum; the cap keeps it finite.
        let doublings = failed_attempts.saturating_sub(1).clamp(0, 20) as u32;
        self.first_delay.saturating_mul(1 << doublings).min(self.max_delay)
    }
}

/// A claimed e-mail, ready to hand to SMTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub lang: Lang,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// This attempt's number (1 for the first); fences [`mark_sent`] and [`mark_failed`].
    pub attempt: i32,
    pub created_at: DateTime<Utc>,
    /// The end of this claim's lease: past it, another sender may take the e-mail.
    pub locked_until: DateTime<Utc>,
    /// The one-click unsubscribe URL of an e-mail sent to a list (`List-Unsubscribe`).
    pub list_unsubscribe: Option<String>,
}

impl From<email_outbox::Model> for Outgoing {
    fn from(row: email_outbox::Model) -> Self {
        Self {
            id: row.id,
            lang: Lang::from_code(&row.language).unwrap_or_default(),
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            body_text: row.body_text,
            body_html: row.body_html,
            attempt: row.attempts,
            created_at: row.created_at,
            locked_until: row.locked_until.unwrap_or(row.next_attempt_at),
            list_unsubscribe: row.list_unsubscribe,
        }
    }
}

fn delta(duration: Duration) -> TimeDelta {
    TimeDelta::from_std(duration).unwrap_or(TimeDelta::MAX)
}

/// Pending e-mails whose time has come, and claimed ones whose lease ran out.
fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(Column::Status.eq(Status::Pending).and(Column::NextAttemptAt.lte(now)))
        .add(Column::Status.eq(Status::Sending).and(Column::LockedUntil.lte(now)))
}

/// Claims up to `batch` due e-mails for `lease`, oldest first: each due e-mail is returned to
/// exactly one of any number of concurrent callers, on any number of instances.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    batch: u64,
    lease: Duration,
) -> Result<Vec<Outgoing>, DomainError> {
    let mut claimed = claim(db.get_database_backend(), now, batch, lease).exec_with_returning(db).await?;
    claimed.sort_by_key(|row| row.id);
    Ok(claimed.into_iter().map(Outgoing::from).collect())
}

/// The claim statement (see the module doc).
fn claim(backend: DbBackend, now: DateTime<Utc>, batch: u64, lease: Duration) -> sea_orm::UpdateMany<Entity> {
    let candidates = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(due(now))
        .order_by_asc(Column::Id)
        .limit(batch)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    let chosen = match backend {
        // `= ANY(ARRAY(subquery))` runs the subquery once, before the update (an InitPlan).
        // `IN (subquery)` may be planned as a join that runs it again, and a second run skips the
        // rows this very statement has just updated (to `SKIP LOCKED` they are taken), so it
        // returns the next ones: one claim took 16 e-mails for a batch of 3 in
        // `domain/tests/mail.rs`, and one instance the whole outbox.
        DbBackend::Postgres => {
            Expr::cust_with_exprs("$1 = ANY(ARRAY $2)", [Expr::col((Entity, Column::Id)), candidates.into()])
        }
        // SQLite runs an uncorrelated `IN (subquery)` once, into a temporary table.
        _ => Column::Id.in_subquery(candidates),
    };
    Entity::update_many()
        .col_expr(Column::Status, Expr::value(Status::Sending))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LockedUntil, Expr::value(Some(now + delta(lease))))
        .filter(chosen)
        // Re-checked on the row as updated: a row another claimer took in between is left out.
        .filter(due(now))
}

/// The rows of this attempt, still claimed by it.
fn this_attempt(outgoing: &Outgoing) -> Condition {
    Condition::all()
        .add(Column::Id.eq(outgoing.id))
        .add(Column::Status.eq(Status::Sending))
        .add(Column::Attempts.eq(outgoing.attempt))
}

/// Records that the SMTP server accepted the e-mail, and erases its bodies (see the module doc).
/// Not fenced by the attempt: whichever attempt got it out, it is out.
pub async fn mark_sent(db: &impl ConnectionTrait, outgoing: &Outgoing, now: DateTime<Utc>) -> Result<(), DomainError> {
    Entity::update_many()
        .col_expr(Column::Status, Expr::value(Status::Sent))
        .col_expr(Column::SentAt, Expr::value(Some(now)))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(Column::BodyText, Expr::value(""))
        .col_expr(Column::BodyHtml, Expr::value(""))
        .filter(Column::Id.eq(outgoing.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Why an attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What the SMTP server or the network said, kept for administrators.
    pub error: String,
    /// No retry can succeed (the server refused the address or the message for good).
    pub permanent: bool,
}

/// What [`mark_failed`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Pending again, due at this instant.
    RetryAt(DateTime<Utc>),
    /// `failed`: permanent error or no attempt left.
    GaveUp,
    /// This attempt's lease had run out and another sender took the e-mail: nothing recorded.
    Stale,
}

/// The longest error kept (SMTP servers may answer with long multi-line texts).
const MAX_ERROR_CHARS: usize = 1000;

/// Records a failed attempt: retried later by `policy`, or given up.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
    failure: &Failure,
    policy: &RetryPolicy,
) -> Result<FailureOutcome, DomainError> {
    let error: String = failure.error.chars().take(MAX_ERROR_CHARS).collect();
    let give_up = failure.permanent || outgoing.attempt >= policy.max_attempts;
    let next = now + delta(policy.delay_after(outgoing.attempt));
    let mut update = Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::LastError, Expr::value(Some(error)));
    update = if give_up {
        update.col_expr(Column::Status, Expr::value(Status::Failed))
    } else {
        update.col_expr(Column::Status, Expr::value(Status::Pending)).col_expr(Column::NextAttemptAt, Expr::value(next))
    };
    let result = update.filter(this_attempt(outgoing)).exec(db).await?;
    Ok(match (result.rows_affected, give_up) {
        (0, _) => FailureOutcome::Stale,
        (_, true) => FailureOutcome::GaveUp,
        (_, false) => FailureOutcome::RetryAt(next),
    })
}

/// Gives back a claimed e-mail that was not tried (the sender is stopping): due at once, and the
/// claim does not count as an attempt. Returns false if the lease had already been taken over.
pub async fn release(db: &impl ConnectionTrait, outgoing: &Outgoing, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let result = Entity::update_many()
        .col_expr(Column::Status, Expr::value(Status::Pending))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(this_attempt(outgoing))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How long a due e-mail may wait before it counts as stuck: no sender took it (SMTP is not
/// configured, or no instance runs). Much longer than a sender's poll interval.
pub const STUCK_AFTER: Duration = Duration::from_secs(15 * 60);

fn stuck(now: DateTime<Utc>) -> Condition {
    due(now - delta(STUCK_AFTER))
}

/// The queue at a glance, for the administrators' console.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub pending: u64,
    pub sending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Due for more than [`STUCK_AFTER`] (also counted in `pending` or `sending`).
    pub stuck: u64,
}

pub async fn counts(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<QueueCounts, DomainError> {
    let by_status: Vec<(Status, i64)> = Entity::find()
        .select_only()
        .column(Column::Status)
        .column_as(Column::Id.count(), "count")
        .group_by(Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = QueueCounts::default();
    for (status, count) in by_status {
        let count = u64::try_from(count).unwrap_or(0);
        match status {
            Status::Pending => counts.pending = count,
            Status::Sending => counts.sending = count,
            Status::Sent => counts.sent = count,
            Status::Failed => counts.failed = count,
        }
    }
    counts.stuck = Entity::find().filter(stuck(now)).count(db).await?;
    Ok(counts)
}

/// Why an e-mail is listed in [`failures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// Given up; `last_error` says why.
    Failed,
    /// Still due but nobody sent it for a while.
    Stuck,
}

/// An e-mail that needs an administrator's eyes (no body: it may hold a sign-in link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: i64,
    pub trouble: Trouble,
    pub kind: String,
    pub recipient: String,
    pub lang: Lang,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
}

/// Failed and stuck e-mails, newest first, at most `limit`.
pub async fn failures(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Problem>, DomainError> {
    let rows = Entity::find()
        .filter(Condition::any().add(Column::Status.eq(Status::Failed)).add(stuck(now)))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Problem {
            id: row.id,
            trouble: if row.status == Status::Failed { Trouble::Failed } else { Trouble::Stuck },
            lang: Lang::from_code(&row.language).unwrap_or_default(),
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at,
            next_attempt_at: row.next_attempt_at,
        })
        .collect())
}

/// Puts a failed e-mail back in the queue with a fresh set of attempts (an administrator fixed
/// the address or the SMTP settings), and wakes the sender. Returns false if it is not `failed`.
pub async fn retry(
    db: &impl ConnectionTrait,
    notifier: &Notifier,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let result = Entity::update_many()
        .col_expr(Column::Status, Expr::value(Status::Pending))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(Status::Failed))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        notifier.wake();
    }
    Ok(result.rows_affected == 1)
}

/// Deletes the unsent e-mails (pending, being tried or given up) whose single-use link is no
/// longer usable: used, revoked, expired, or gone. Returns how many.
pub async fn erase_dead_links(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    use entity::auth_token;
    let live_links = auth_token::Entity::find()
        .select_only()
        .column(auth_token::Column::Id)
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .filter(auth_token::Column::ExpiresAt.gt(now))
        .into_query();
    let result = Entity::delete_many()
        .filter(Column::AuthTokenId.is_not_null())
        .filter(Column::Status.ne(Status::Sent))
        .filter(Column::AuthTokenId.not_in_subquery(live_links))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Deletes e-mails sent before `sent_before`; returns how many.
pub async fn purge_sent(db: &impl ConnectionTrait, sent_before: DateTime<Utc>) -> Result<u64, DomainError> {
    let result = Entity::delete_many()
        .filter(Column::Status.eq(Status::Sent))
        .filter(Column::SentAt.lt(sent_before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A notifier wakes the sender waiting on it or on a clone (even when rung before the wait),
    /// never one waiting on another notifier: two apps in one process keep to their own.
    #[tokio::test]
    async fn a_notifier_wakes_its_own_sender_only() {
        let (mine, other) = (Notifier::new(), Notifier::new());
        let sender = mine.clone();
        mine.wake();
        tokio::time::timeout(Duration::from_secs(5), sender.woken()).await.expect("woken, the ring kept");
        other.wake();
        let woken = tokio::time::timeout(Duration::from_millis(50), sender.woken()).await;
        assert!(woken.is_err(), "another notifier's ring");
        let waiting = tokio::spawn(async move { sender.woken().await });
        mine.wake();
        tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("woken while waiting").unwrap();
    }

    /// The statement the module doc describes, as each database receives it: PostgreSQL locks
    /// the candidate rows and skips those another claimer holds; SQLite (one writer at a time)
    /// gets no lock clause, which it would refuse.
    #[test]
    fn the_claim_is_one_statement_that_skips_locked_rows_on_postgres() {
        let now = DateTime::parse_from_rfc3339("2026-12-14T09:00:00Z").unwrap().with_timezone(&Utc);
        let postgres =
            claim(DbBackend::Postgres, now, 10, Duration::from_secs(60)).build(DbBackend::Postgres).to_string();
        assert!(
            postgres.starts_with(r#"UPDATE "email_outbox" SET "status" = 'sending', "attempts" = "attempts" + 1"#),
            "{postgres}"
        );
        assert!(
            postgres.contains(
                r#"WHERE ("email_outbox"."id" = ANY(ARRAY (SELECT "email_outbox"."id" FROM "email_outbox" WHERE"#
            ),
            "{postgres}"
        );
        assert!(postgres.contains("LIMIT 10 FOR UPDATE SKIP LOCKED))"), "{postgres}");
        let due = r#"("email_outbox"."status" = 'pending' AND "email_outbox"."next_attempt_at" <= "#;
        assert_eq!(postgres.matches(due).count(), 2, "due in the subquery and re-checked: {postgres}");
        let sqlite = claim(DbBackend::Sqlite, now, 10, Duration::from_secs(60)).build(DbBackend::Sqlite).to_string();
        assert!(sqlite.contains(r#"WHERE "email_outbox"."id" IN (SELECT"#), "{sqlite}");
        assert!(!sqlite.contains("FOR UPDATE") && sqlite.contains("LIMIT 10"), "{sqlite}");
    }

    #[test]
    fn the_backoff_doubles_up_to_its_cap() {
        let policy = RetryPolicy::default();
        let minutes: Vec<u64> = (1..=12).map(|n| policy.delay_after(n).as_secs() / 60).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60]);
        assert_eq!(policy.delay_after(i32::MAX), policy.max_delay);
        assert_eq!(policy.delay_after(0), policy.first_delay);
    }
}
