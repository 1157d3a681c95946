//! The town console on SQLite and PostgreSQL: administrators only, states and filters, creating
//! and (un)publishing businesses, and freshness reminders sent once per stale period.

mod support;

use chrono::Duration;
use common::console::ListingState;
use common::Lang;
use domain::accounts;
use domain::authz::{Actor, Role};
use domain::console::{self, NewBusiness};
use domain::mail::Notifier;
use domain::{team, DomainError};
use sea_orm::{EntityTrait, PaginatorTrait};
use support::*;

const PASSWORD: &str = "le pain sort du four à sept heures";

async fn admin_and_owner(db: &TestDb) -> (Actor, Actor) {
    let now = saturday_morning();
    seeded(db, now).await;
    let (admin, _) = accounts::create_admin(&db.db, "maire@soignies.be", Some(PASSWORD), now).await.unwrap();
    let admin = accounts::actor_of(&admin);
    let invitation = team::invite(&db.db, &Notifier::default(), Some(&admin), 1, "owner@one.be", Role::Owner, Lang::Fr, "https://v.test", now).await.unwrap();
    let owner = team::accept(&db.db, &invitation.token, Some(PASSWORD), now).await.unwrap();
    (admin, accounts::actor_of(&owner.account))
}

async fn outbox_count(db: &TestDb) -> u64 {
    entity::email_outbox::Entity::find().count(&db.db).await.unwrap()
}

#[tokio::test]
async fn only_administrators_use_the_console_and_it_lists_states_stalest_first() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let (admin, owner) = admin_and_owner(&db).await;
        assert!(matches!(console::overview(&db.db, None, Lang::Fr, None, None, None, now).await, Err(DomainError::Unauthenticated)));
        assert!(matches!(console::overview(&db.db, Some(&owner), Lang::Fr, None, None, None, now).await, Err(DomainError::Forbidden)));
        team::invite(&db.db, &Notifier::default(), Some(&admin), 2, "two@two.be", Role::Owner, Lang::Nl, "https://v.test", now).await.unwrap();

        let all = console::overview(&db.db, Some(&admin), Lang::Fr, None, None, None, now).await.unwrap();
        assert_eq!(all.total, 88);
        let days: Vec<i64> = all.rows.iter().map(|r| r.days_since_confirmed).collect();
        assert!(days.windows(2).all(|w| w[0] >= w[1]), "stalest first: {days:?}");
        let one = all.rows.iter().find(|r| r.id == 1).unwrap();
        assert_eq!((one.state, one.owners.clone()), (ListingState::Active, vec!["owner@one.be".to_string()]));
        assert_eq!(all.rows.iter().find(|r| r.id == 2).unwrap().state, ListingState::Invited);

        let invited = console::overview(&db.db, Some(&admin), Lang::Fr, None, Some(ListingState::Invited), None, now).await.unwrap();
        assert_eq!(invited.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![2]);
        let stale = console::overview(&db.db, Some(&admin), Lang::Fr, None, None, Some(90), now).await.unwrap();
        assert!(!stale.rows.is_empty() && stale.rows.iter().all(|r| r.days_since_confirmed >= 90));
        let bakeries = console::overview(&db.db, Some(&admin), Lang::Fr, Some("boulangerie"), None, None, now).await;
        let unknown = console::overview(&db.db, Some(&admin), Lang::Fr, Some("casino"), None, None, now).await;
        assert!(bakeries.is_ok(), "{bakeries:?}");
        assert!(matches!(unknown, Err(DomainError::Invalid(_))), "{unknown:?}");
    })
    .await;
}

#[tokio::test]
async fn remind_stale_writes_to_the_managed_listings_not_confirmed_for_that_many_days_only() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let (admin, owner) = admin_and_owner(&db).await;
        team::invite(&db.db, &Notifier::default(), Some(&admin), 2, "two@two.be", Role::Owner, Lang::Nl, "https://v.test", now).await.unwrap();
        let all = console::overview(&db.db, Some(&admin), Lang::Fr, None, None, None, now).await.unwrap();
        let days = all.rows.iter().find(|r| r.id == 1).unwrap().days_since_confirmed;
        let before = outbox_count(&db).await;

        // Business 1 (its owner) is the only managed listing: the invited and the unclaimed
        // ones, however stale, get nothing.
        let refused = console::remind_stale(&db.db, &Notifier::default(), Some(&owner), days, "https://v.test", now).await;
        assert!(matches!(refused, Err(DomainError::Forbidden)), "{refused:?}");
        assert_eq!(console::remind_stale(&db.db, &Notifier::default(), Some(&admin), days + 1, "https://v.test", now).await.unwrap(), 0);
        assert_eq!(outbox_count(&db).await, before, "{}", db.label);
        assert_eq!(console::remind_stale(&db.db, &Notifier::default(), Some(&admin), days, "https://v.test", now).await.unwrap(), 1);
        assert_eq!(outbox_count(&db).await, before + 1, "{}", db.label);
        // The same listing a day later is one day staler: still reminded at that threshold.
        let tomorrow = now + Duration::days(1);
        assert_eq!(console::remind_stale(&db.db, &Notifier::default(), Some(&admin), days + 1, "https://v.test", tomorrow).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_new_business_starts_unpublished_and_unpublishing_needs_a_reason_its_merchant_sees() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let (admin, owner) = admin_and_owner(&db).await;
        let input = NewBusiness {
            name: "Fromagerie Élise".into(),
            category: "epicerie-fine".into(),
            street: "Rue de la Station 3".into(),
            postcode: "7060".into(),
            locality: "Soignies".into(),
        };
        assert!(matches!(console::create_business(&db.db, Some(&owner), &input, now).await, Err(DomainError::Forbidden)));
        let bad = console::create_business(&db.db, Some(&admin), &NewBusiness { postcode: "70600".into(), name: " ".into(), ..input.clone() }, now).await;
        let Err(DomainError::Invalid(problems)) = bad else { panic!("{bad:?}") };
        assert_eq!(problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(), vec!["name", "postcode"]);
        let id = console::create_business(&db.db, Some(&admin), &input, now).await.unwrap();
        let again = console::create_business(&db.db, Some(&admin), &input, now).await.unwrap();
        let created = console::business(&db.db, Some(&admin), id, now).await.unwrap();
        let twin = console::business(&db.db, Some(&admin), again, now).await.unwrap();
        assert_eq!((created.slug.as_str(), twin.slug.as_str()), ("fromagerie-elise", "fromagerie-elise-2"));
        assert!(!created.published);

        let no_reason = console::set_published(&db.db, Some(&admin), 1, false, "  ", now).await;
        assert!(matches!(no_reason, Err(DomainError::Invalid(ref p)) if p[0].field == "reason"), "{no_reason:?}");
        assert!(matches!(console::set_published(&db.db, Some(&owner), 1, false, "x", now).await, Err(DomainError::Forbidden)));
        console::set_published(&db.db, Some(&admin), 1, false, "Photos à remplacer", now).await.unwrap();
        let seen = domain::listing::view(&db.db, Some(&owner), 1, Lang::Fr, now).await.unwrap();
        assert_eq!((seen.published, seen.unpublished_reason.as_deref()), (false, Some("Photos à remplacer")));
        let public = domain::directory::profile(&db.db, Lang::Fr, &seen.slug, now, "https://v.test").await;
        assert!(matches!(public, Err(DomainError::NotFound)), "an unpublished business is not public");
        console::set_published(&db.db, Some(&admin), 1, true, "", now).await.unwrap();
        let history = console::business(&db.db, Some(&admin), 1, now).await.unwrap().history;
        assert!(history.iter().any(|h| h.action == "unpublished") && history.iter().any(|h| h.action == "published"));
    })
    .await;
}

#[tokio::test]
async fn a_stale_listing_gets_one_automatic_reminder_per_stale_period() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let (admin, owner) = admin_and_owner(&db).await;
        // Business 1 was confirmed 2 days before the anchor: not stale yet.
        let before = outbox_count(&db).await;
        console::send_due_reminders(&db.db, &Notifier::default(), "https://v.test", now).await.unwrap();
        assert_eq!(outbox_count(&db).await, before, "nothing is due yet");
        // 40 days later it is: two instances run the job at the same time, one e-mail goes.
        let later = now + Duration::days(40);
        let (instance_a, instance_b) = (Notifier::default(), Notifier::default());
        let (a, b) = tokio::join!(
            console::send_due_reminders(&db.db, &instance_a, "https://v.test", later),
            console::send_due_reminders(&db.db, &instance_b, "https://v.test", later)
        );
        a.unwrap();
        b.unwrap();
        assert_eq!(outbox_count(&db).await, before + 1, "one reminder for the one person of business 1");
        console::send_due_reminders(&db.db, &Notifier::default(), "https://v.test", later + Duration::days(3)).await.unwrap();
        assert_eq!(outbox_count(&db).await, before + 1, "once per stale period");
        // Confirmed again, then stale again: a new period, a new reminder.
        domain::listing::confirm(&db.db, Some(&owner), 1, later).await.unwrap();
        console::send_due_reminders(&db.db, &Notifier::default(), "https://v.test", later + Duration::days(45)).await.unwrap();
        assert_eq!(outbox_count(&db).await, before + 2);
        // The console's manual reminder for the stale view.
        let sent = console::remind(&db.db, &Notifier::default(), Some(&admin), &[1], "https://v.test", later).await.unwrap();
        assert_eq!(sent, 1);
        assert!(matches!(console::remind(&db.db, &Notifier::default(), Some(&owner), &[1], "https://v.test", later).await, Err(DomainError::Forbidden)));
    })
    .await;
}
