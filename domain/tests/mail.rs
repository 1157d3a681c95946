//! The e-mail outbox on real databases (`domain::mail`): queueing inside a caller's transaction,
//! claims that hand each e-mail to exactly one of many concurrent senders, the retry schedule
//! walked with an injected clock, expired leases, and what administrators see.

mod support;

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use common::values::Email;
use common::Lang;
use domain::mail::{self, Failure, FailureOutcome, Message, Notifier, RetryPolicy, Template, Trouble};
use sea_orm::{EntityTrait, TransactionTrait};
use support::*;

const LEASE: Duration = Duration::from_secs(300);

fn t0() -> DateTime<Utc> {
    at("2026-12-14T09:00:00Z")
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

fn reset_for(address: &str, lang: Lang) -> Message {
    Message {
        to: Email::parse(address).expect("valid test address"),
        lang,
        template: Template::PasswordReset {
            link: format!("https://vitrine.example/reset/{address}"),
            minutes_valid: 30,
        },
    }
}

fn temporary(error: &str) -> Failure {
    Failure { error: error.into(), permanent: false }
}

async fn row(db: &TestDb, id: i64) -> entity::email_outbox::Model {
    entity::email_outbox::Entity::find_by_id(id).one(&db.db).await.unwrap().expect("the e-mail exists")
}

/// An e-mail queued in a business change's transaction exists exactly when the change commits.
#[tokio::test]
async fn an_email_queued_in_a_transaction_commits_or_rolls_back_with_it() {
    on_every_backend(|db| async move {
        let txn = db.db.begin().await.unwrap();
        mail::enqueue(&txn, &reset_for("rolled.back@example.be", Lang::Fr), t0()).await.unwrap();
        txn.rollback().await.unwrap();
        assert!(mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap().is_empty(), "{}: rolled back", db.label);

        let txn = db.db.begin().await.unwrap();
        let id = mail::enqueue(&txn, &reset_for("committed@example.be", Lang::Nl), t0()).await.unwrap();
        txn.commit().await.unwrap();
        let stored = row(&db, id).await;
        assert_eq!(stored.kind, "password_reset");
        assert_eq!(stored.recipient, "committed@example.be");
        assert_eq!(stored.language, "nl");
        assert_eq!(stored.subject, "Uw wachtwoord voor Vitrine opnieuw instellen");
        assert!(stored.body_html.contains("<html lang=\"nl\">"));
        assert_eq!(stored.status, entity::email_outbox::Status::Pending);

        let claimed = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap();
        assert_eq!(claimed.len(), 1, "{}", db.label);
        assert_eq!((claimed[0].id, claimed[0].attempt, claimed[0].lang), (id, 1, Lang::Nl));
        assert_eq!(claimed[0].locked_until, t0() + minutes(5));
    })
    .await;
}

/// Ten senders claiming in small batches at the same time, as several instances do: each of 200
/// e-mails goes to exactly one of them.
#[tokio::test]
async fn concurrent_claimers_take_each_email_exactly_once() {
    on_every_backend(|db| async move {
        let mut queued = HashSet::new();
        for n in 0..200 {
            let message = reset_for(&format!("user{n}@example.be"), Lang::Fr);
            queued.insert(mail::enqueue(&db.db, &message, t0()).await.unwrap());
        }
        let claimers: Vec<_> = (0..10)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    loop {
                        let batch = mail::claim_due(&db.db, t0(), 7, LEASE).await.expect("claim");
                        if batch.is_empty() {
                            return mine;
                        }
                        mine.extend(batch.into_iter().map(|outgoing| outgoing.id));
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        let mut claimed = Vec::new();
        let mut claimers_that_got_some = 0;
        for claimer in claimers {
            let mine = claimer.await.unwrap();
            claimers_that_got_some += usize::from(!mine.is_empty());
            claimed.extend(mine);
        }
        let distinct: HashSet<i64> = claimed.iter().copied().collect();
        assert_eq!(claimed.len(), 200, "{}: every e-mail claimed once, none twice", db.label);
        assert_eq!(distinct, queued, "{}", db.label);
        assert!(claimers_that_got_some > 1, "{}: the claimers really ran side by side", db.label);
        // All are leased: nothing is due until the leases run out.
        assert!(mail::claim_due(&db.db, t0() + minutes(4), 500, LEASE).await.unwrap().is_empty());
    })
    .await;
}

/// A claim takes at most its batch, however many senders claim at the same moment. (On
/// PostgreSQL an `IN (subquery … FOR UPDATE SKIP LOCKED LIMIT n)` can be planned so that the
/// subquery runs again and skips the rows the statement itself just updated: one sender then took
/// the whole outbox. The claim evaluates its subquery once; this test races fresh claims.)
#[tokio::test]
async fn a_claim_never_takes_more_than_its_batch() {
    on_every_backend(|db| async move {
        for round in 0..30 {
            let now = t0() + minutes(round);
            for n in 0..20 {
                mail::enqueue(&db.db, &reset_for(&format!("r{round}n{n}@example.be"), Lang::Fr), now).await.unwrap();
            }
            let start = std::sync::Arc::new(tokio::sync::Barrier::new(4));
            let claimers: Vec<_> = (0..4)
                .map(|_| {
                    let (db, start) = (db.clone(), start.clone());
                    tokio::spawn(async move {
                        start.wait().await;
                        mail::claim_due(&db.db, now, 3, LEASE).await.expect("claim").len()
                    })
                })
                .collect();
            for claimer in claimers {
                let taken = claimer.await.unwrap();
                assert!(taken <= 3, "{}: round {round}: one claim took {taken} e-mails for a batch of 3", db.label);
            }
            // Leave nothing due for the next round.
            while !mail::claim_due(&db.db, now, 100, LEASE).await.unwrap().is_empty() {}
        }
    })
    .await;
}

/// A temporary failure is retried 1, 2, 4 … minutes later (never before), capped at an hour;
/// the twelfth failure gives up, and the e-mail is listed for administrators with its error.
#[tokio::test]
async fn failed_attempts_follow_the_backoff_schedule_then_give_up() {
    on_every_backend(|db| async move {
        let policy = RetryPolicy::default();
        let id = mail::enqueue(&db.db, &reset_for("outage@example.be", Lang::En), t0()).await.unwrap();
        let mut now = t0();
        let expected_waits = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60];
        for (attempt, wait) in (1..).zip(expected_waits) {
            let claimed = mail::claim_due(&db.db, now, 10, LEASE).await.unwrap();
            assert_eq!(claimed.len(), 1, "{}: attempt {attempt} at {now}", db.label);
            assert_eq!(claimed[0].attempt, attempt);
            let outcome =
                mail::mark_failed(&db.db, &claimed[0], now, &temporary(&format!("421 busy ({attempt})")), &policy)
                    .await
                    .unwrap();
            let due = now + minutes(wait);
            assert_eq!(outcome, FailureOutcome::RetryAt(due), "{}: attempt {attempt}", db.label);
            let just_before = due - TimeDelta::seconds(1);
            assert!(mail::claim_due(&db.db, just_before, 10, LEASE).await.unwrap().is_empty(), "not before {due}");
            assert!(mail::failures(&db.db, just_before, 10).await.unwrap().is_empty(), "retrying is not a failure");
            now = due;
        }
        let last = mail::claim_due(&db.db, now, 10, LEASE).await.unwrap();
        assert_eq!(last[0].attempt, 12);
        let outcome = mail::mark_failed(&db.db, &last[0], now, &temporary("421 still busy"), &policy).await.unwrap();
        assert_eq!(outcome, FailureOutcome::GaveUp, "{}", db.label);
        assert_eq!(now - t0(), minutes(363), "about six hours of outage ridden out");

        assert!(mail::claim_due(&db.db, now + minutes(600), 10, LEASE).await.unwrap().is_empty(), "never again");
        let problems = mail::failures(&db.db, now, 10).await.unwrap();
        assert_eq!(problems.len(), 1, "{}", db.label);
        assert_eq!(problems[0].id, id);
        assert_eq!(problems[0].trouble, Trouble::Failed);
        assert_eq!(problems[0].attempts, 12);
        assert_eq!(problems[0].kind, "password_reset");
        assert_eq!(problems[0].last_error.as_deref(), Some("421 still busy"));
        assert_eq!(mail::counts(&db.db, now).await.unwrap().failed, 1);

        // An administrator fixed the cause: a fresh set of attempts, due at once.
        assert!(mail::retry(&db.db, &Notifier::default(), id, now).await.unwrap());
        assert!(!mail::retry(&db.db, &Notifier::default(), id, now).await.unwrap(), "only failed e-mails are retried");
        let again = mail::claim_due(&db.db, now, 10, LEASE).await.unwrap();
        assert_eq!((again[0].id, again[0].attempt), (id, 1));
    })
    .await;
}

/// A permanent refusal (no such mailbox) is not retried.
#[tokio::test]
async fn a_permanent_refusal_gives_up_at_once() {
    on_every_backend(|db| async move {
        mail::enqueue(&db.db, &reset_for("nobody@example.be", Lang::Fr), t0()).await.unwrap();
        let claimed = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap();
        let refusal = Failure { error: "550 5.1.1 no such mailbox".into(), permanent: true };
        let outcome = mail::mark_failed(&db.db, &claimed[0], t0(), &refusal, &RetryPolicy::default()).await.unwrap();
        assert_eq!(outcome, FailureOutcome::GaveUp, "{}", db.label);
        let problems = mail::failures(&db.db, t0(), 10).await.unwrap();
        assert_eq!(problems[0].last_error.as_deref(), Some("550 5.1.1 no such mailbox"));
    })
    .await;
}

/// A sender that dies mid-batch loses nothing: its claims become due again when their lease
/// runs out, and its late verdict cannot overwrite the attempt that took over.
#[tokio::test]
async fn an_expired_lease_makes_the_email_due_again() {
    on_every_backend(|db| async move {
        let id = mail::enqueue(&db.db, &reset_for("lease@example.be", Lang::Fr), t0()).await.unwrap();
        let first = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap().remove(0);
        assert!(mail::claim_due(&db.db, t0() + minutes(4), 10, LEASE).await.unwrap().is_empty(), "leased");

        let second = mail::claim_due(&db.db, t0() + minutes(5), 10, LEASE).await.unwrap().remove(0);
        assert_eq!((second.id, second.attempt), (id, 2), "{}: taken over after the lease", db.label);

        let late = mail::mark_failed(&db.db, &first, t0() + minutes(6), &temporary("timeout"), &RetryPolicy::default())
            .await
            .unwrap();
        assert_eq!(late, FailureOutcome::Stale, "{}: the first sender's verdict is ignored", db.label);
        assert!(!mail::release(&db.db, &first, t0() + minutes(6)).await.unwrap());
        assert_eq!(row(&db, id).await.status, entity::email_outbox::Status::Sending);

        mail::mark_sent(&db.db, &second, t0() + minutes(6)).await.unwrap();
        let sent = row(&db, id).await;
        assert_eq!(sent.status, entity::email_outbox::Status::Sent);
        assert_eq!(sent.sent_at, Some(t0() + minutes(6)));
        assert!(sent.body_text.is_empty() && sent.body_html.is_empty(), "sign-in links are not kept");
        assert_eq!(sent.subject, "Réinitialiser votre mot de passe Vitrine", "what was sent stays readable");
        assert!(mail::claim_due(&db.db, t0() + minutes(60), 10, LEASE).await.unwrap().is_empty(), "sent once");
    })
    .await;
}

/// A sender that stops gives its untried claims back: due at once, no attempt counted.
#[tokio::test]
async fn a_released_claim_is_due_again_without_counting_an_attempt() {
    on_every_backend(|db| async move {
        mail::enqueue(&db.db, &reset_for("release@example.be", Lang::Fr), t0()).await.unwrap();
        let claimed = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap().remove(0);
        assert!(mail::release(&db.db, &claimed, t0() + minutes(1)).await.unwrap());
        let again = mail::claim_due(&db.db, t0() + minutes(1), 10, LEASE).await.unwrap().remove(0);
        assert_eq!(again.attempt, 1, "{}", db.label);
    })
    .await;
}

/// E-mails nobody sends (no SMTP configured, every instance down) show up as stuck after
/// `STUCK_AFTER`; counts add up by status.
#[tokio::test]
async fn emails_nobody_sends_are_reported_stuck() {
    on_every_backend(|db| async move {
        let waiting = mail::enqueue(&db.db, &reset_for("waiting@example.be", Lang::Fr), t0()).await.unwrap();
        let abandoned = mail::enqueue(&db.db, &reset_for("abandoned@example.be", Lang::Fr), t0()).await.unwrap();
        let delivered = mail::enqueue(&db.db, &reset_for("delivered@example.be", Lang::Fr), t0()).await.unwrap();
        let claimed = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap();
        assert_eq!(claimed.len(), 3);
        for outgoing in &claimed {
            match outgoing.id {
                id if id == waiting => assert!(mail::release(&db.db, outgoing, t0()).await.unwrap()),
                id if id == delivered => mail::mark_sent(&db.db, outgoing, t0()).await.unwrap(),
                _ => {} // `abandoned`: its sender died holding it.
            }
        }
        let soon = mail::counts(&db.db, t0() + minutes(10)).await.unwrap();
        assert_eq!((soon.pending, soon.sending, soon.sent, soon.failed, soon.stuck), (1, 1, 1, 0, 0), "{}", db.label);
        assert!(mail::failures(&db.db, t0() + minutes(10), 10).await.unwrap().is_empty());

        // Fifteen minutes overdue for the pending one; the abandoned lease ran out at 5 minutes.
        let later = t0() + minutes(20) + TimeDelta::seconds(1);
        assert_eq!(mail::counts(&db.db, later).await.unwrap().stuck, 2, "{}", db.label);
        let problems = mail::failures(&db.db, later, 10).await.unwrap();
        let stuck: HashSet<i64> = problems.iter().filter(|p| p.trouble == Trouble::Stuck).map(|p| p.id).collect();
        assert_eq!(stuck, HashSet::from([waiting, abandoned]), "{}", db.label);
    })
    .await;
}

/// Sent e-mails are deleted after their retention; others stay whatever their age.
#[tokio::test]
async fn old_sent_emails_are_purged() {
    on_every_backend(|db| async move {
        mail::enqueue(&db.db, &reset_for("old@example.be", Lang::Fr), t0()).await.unwrap();
        let sent = mail::claim_due(&db.db, t0(), 10, LEASE).await.unwrap().remove(0);
        mail::mark_sent(&db.db, &sent, t0()).await.unwrap();
        let pending = mail::enqueue(&db.db, &reset_for("pending@example.be", Lang::Fr), t0()).await.unwrap();
        assert_eq!(mail::purge_sent(&db.db, t0()).await.unwrap(), 0, "sent at the cutoff: kept");
        assert_eq!(mail::purge_sent(&db.db, t0() + minutes(1)).await.unwrap(), 1, "{}", db.label);
        assert_eq!(row(&db, pending).await.status, entity::email_outbox::Status::Pending);
    })
    .await;
}
