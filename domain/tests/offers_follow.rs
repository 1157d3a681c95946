//! Following offers by e-mail and the weekly digest (issue 8), on SQLite and PostgreSQL:
//! double opt-in (one confirmation however often the address is typed, a link that works once,
//! expires, and carries the choices it was sent for), unsubscribing, the digest's contents,
//! languages, unsubscribe header value and once-only claim, and the daily e-mails (issue 12).

mod support;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Lang;
use domain::mail::Notifier;
use domain::offers::digest::{self, Outcome};
use domain::offers::follow::{self, Choice, Frequency, Subscribed};
use domain::DomainError;
use entity::{business, email_outbox, offer, offer_digest, offer_subscriber, offer_subscription};
use sea_orm::{ActiveValue::NotSet, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use support::{at, on_every_backend, seeded, TestDb};

const BASE: &str = "https://vitrine.example";

/// Saturday 28 November 2026, 10:00 in Soignies.
fn saturday() -> DateTime<Utc> {
    support::saturday_morning()
}

async fn town(db: &TestDb) -> Vec<business::Model> {
    seeded(db, saturday()).await;
    // Whatever offers the demo town brings, these tests make their own.
    offer::Entity::delete_many().exec(&db.db).await.unwrap();
    business::Entity::find()
        .filter(business::Column::Published.eq(true))
        .order_by_asc(business::Column::Id)
        .all(&db.db)
        .await
        .unwrap()
}

async fn outbox(db: &TestDb, kind: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq(kind))
        .order_by_asc(email_outbox::Column::Id)
        .all(&db.db)
        .await
        .unwrap()
}

/// The confirmation link's token, read from the e-mail's text.
fn token_in(mail: &email_outbox::Model) -> String {
    let start = mail.body_text.find("jeton=").expect("a confirmation link") + "jeton=".len();
    mail.body_text[start..].split_whitespace().next().unwrap().to_string()
}

fn email(text: &str) -> common::values::Email {
    follow::parse_email(text).unwrap()
}

fn ids(list: &[i32]) -> Choice {
    Choice::Businesses(list.iter().copied().collect::<BTreeSet<_>>())
}

#[allow(clippy::too_many_arguments)]
async fn post(
    db: &TestDb,
    business_id: i32,
    title: &str,
    title_nl: &str,
    published_at: Option<DateTime<Utc>>,
    starts_on: &str,
    ends_on: &str,
    hidden: bool,
) -> i32 {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let created = published_at.unwrap_or(saturday());
    offer::Entity::insert(offer::ActiveModel {
        id: NotSet,
        business_id: Set(business_id),
        kind: Set("promotion".into()),
        title_fr: Set(title.into()),
        title_nl: Set(title_nl.into()),
        title_en: Set(String::new()),
        body_fr: Set("Texte.".into()),
        body_nl: Set(String::new()),
        body_en: Set(String::new()),
        conditions_fr: Set(String::new()),
        conditions_nl: Set(String::new()),
        conditions_en: Set(String::new()),
        promo_code: Set(None),
        starts_on: Set(day(starts_on)),
        ends_on: Set(day(ends_on)),
        photo_file: Set(None),
        photo_width: Set(None),
        photo_height: Set(None),
        photo_variants: Set(None),
        photo_alt_fr: Set(String::new()),
        photo_alt_nl: Set(String::new()),
        photo_alt_en: Set(String::new()),
        created_at: Set(created),
        updated_at: Set(created),
        published_at: Set(published_at),
        ended_at: Set(None),
        hidden_at: Set(hidden.then_some(created)),
        hidden_reason: Set(hidden.then(|| "Hors sujet".to_string())),
        created_by: Set(None),
        version: Set(1),
    })
    .exec(&db.db)
    .await
    .unwrap()
    .last_insert_id
}

#[tokio::test]
async fn an_address_typed_twice_gets_one_confirmation_whose_link_works_once() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        let now = saturday();
        let first = follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &email("Lea@Example.be"),
            Lang::Fr,
            Choice::All,
            Frequency::Weekly,
            "192.0.2.1",
            now,
        )
        .await
        .unwrap();
        assert_eq!(first, Subscribed::ConfirmationQueued);
        // Again, even with other choices and another language: nothing sent, nothing changed.
        let again = follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &email("lea@example.be"),
            Lang::Nl,
            ids(&[shops[0].id]),
            Frequency::Weekly,
            "192.0.2.9",
            now,
        )
        .await
        .unwrap();
        assert_eq!(again, Subscribed::AlreadyPending);
        let mails = outbox(&db, "follow_confirm").await;
        assert_eq!(mails.len(), 1, "one confirmation");
        assert_eq!(mails[0].recipient, "lea@example.be");
        assert_eq!(mails[0].language, "fr");
        assert!(
            mails[0].body_text.contains("https://vitrine.example/offres/confirmer?jeton="),
            "{}",
            mails[0].body_text
        );
        let row = offer_subscriber::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert!(row.confirmed_at.is_none() && row.all_businesses && row.language == "fr");
        let token = token_in(&mails[0]);
        assert!(!token.contains(&row.confirm_hash.clone().unwrap()), "only the hash is stored");

        assert!(follow::check_token(&db.db, &token, now).await.is_ok());
        let confirmed = follow::confirm(&db.db, &token, now + Duration::hours(1)).await.unwrap();
        assert!(confirmed.all_businesses);
        assert_eq!(confirmed.lang, Lang::Fr);
        let row = offer_subscriber::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert!(row.confirmed_at.is_some() && row.confirm_hash.is_none());
        // Used once: unknown from then on.
        assert!(matches!(follow::confirm(&db.db, &token, now).await, Err(DomainError::NotFound)));
        assert!(matches!(follow::check_token(&db.db, &token, now).await, Err(DomainError::NotFound)));
        // A forged or edited token is unknown too (the choices are covered by the hash).
        let edited = format!("{}.{}", token.split('.').next().unwrap(), "fr.1");
        assert!(matches!(follow::confirm(&db.db, &edited, now).await, Err(DomainError::NotFound)));
        assert!(matches!(follow::confirm(&db.db, "../../etc/passwd", now).await, Err(DomainError::NotFound)));

        // An expired link: 410, and nothing confirmed.
        follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &email("tom@example.be"),
            Lang::En,
            Choice::All,
            Frequency::Weekly,
            "192.0.2.2",
            now,
        )
        .await
        .unwrap();
        let late = token_in(outbox(&db, "follow_confirm").await.last().unwrap());
        let after = now + Duration::hours(follow::CONFIRM_VALID_HOURS + 1);
        assert!(matches!(follow::confirm(&db.db, &late, after).await, Err(DomainError::LinkExpired)));
        // Then typing the address again starts over with a new link.
        let renewed = follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &email("tom@example.be"),
            Lang::En,
            Choice::All,
            Frequency::Weekly,
            "192.0.2.2",
            after,
        )
        .await
        .unwrap();
        assert_eq!(renewed, Subscribed::ConfirmationQueued);
        assert_eq!(outbox(&db, "follow_confirm").await.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_follower_s_choices_change_only_once_the_change_is_confirmed() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        let now = saturday();
        let address = email("ann@example.be");
        follow::subscribe(&db.db, &Notifier::default(), BASE, &address, Lang::Fr, Choice::All, Frequency::Weekly, "192.0.2.1", now)
            .await
            .unwrap();
        follow::confirm(&db.db, &token_in(&outbox(&db, "follow_confirm").await[0]), now).await.unwrap();

        // Someone types her address with two shops, in Dutch: one e-mail asks her to confirm.
        let later = now + Duration::minutes(5);
        let asked = follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &address,
            Lang::Nl,
            ids(&[shops[0].id, shops[1].id]),
            Frequency::Weekly,
            "198.51.100.7",
            later,
        )
        .await
        .unwrap();
        assert_eq!(asked, Subscribed::ConfirmationQueued);
        let mails = outbox(&db, "follow_confirm").await;
        assert_eq!(mails.len(), 2);
        assert_eq!(mails[1].language, "nl");
        let row = offer_subscriber::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert!(row.all_businesses && row.language == "fr", "unchanged until confirmed");
        assert!(row.confirmed_at.is_some(), "still following meanwhile");
        assert_eq!(offer_subscription::Entity::find().count(&db.db).await.unwrap(), 0);
        // While that link is outstanding, more requests send nothing.
        let third =
            follow::subscribe(&db.db, &Notifier::default(), BASE, &address, Lang::En, Choice::All, Frequency::Weekly, "198.51.100.7", later)
                .await
                .unwrap();
        assert_eq!(third, Subscribed::AlreadyPending);
        assert_eq!(outbox(&db, "follow_confirm").await.len(), 2);

        let confirmed = follow::confirm(&db.db, &token_in(&mails[1]), later).await.unwrap();
        assert!(!confirmed.all_businesses);
        assert_eq!(confirmed.businesses.len(), 2);
        let row = offer_subscriber::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert!(!row.all_businesses && row.language == "nl");
        let mut chosen: Vec<i32> =
            offer_subscription::Entity::find().all(&db.db).await.unwrap().into_iter().map(|s| s.business_id).collect();
        chosen.sort();
        assert_eq!(chosen, vec![shops[0].id, shops[1].id]);

        // One click unsubscribes: the address and its choices are gone.
        assert!(follow::key_exists(&db.db, &row.unsubscribe_key).await.unwrap());
        assert!(follow::unsubscribe(&db.db, &row.unsubscribe_key).await.unwrap());
        assert_eq!(offer_subscriber::Entity::find().count(&db.db).await.unwrap(), 0);
        assert_eq!(offer_subscription::Entity::find().count(&db.db).await.unwrap(), 0);
        assert!(!follow::unsubscribe(&db.db, &row.unsubscribe_key).await.unwrap(), "a second click finds nothing");
        assert!(!follow::unsubscribe(&db.db, "not a key").await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn bad_choices_and_floods_are_refused_without_saving_anything() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        let now = saturday();
        let unpublished =
            business::Entity::find().filter(business::Column::Published.eq(false)).one(&db.db).await.unwrap();
        let mut refused = vec![ids(&[]), ids(&[999_999]), ids(&[shops[0].id, 999_999])];
        if let Some(hidden) = unpublished {
            refused.push(ids(&[hidden.id]));
        }
        for choice in refused {
            let result = follow::subscribe(
                &db.db,
                &Notifier::default(),
                BASE,
                &email("x@example.be"),
                Lang::Fr,
                choice.clone(),
                Frequency::Weekly,
                "192.0.2.5",
                now,
            )
            .await;
            assert!(matches!(result, Err(DomainError::Invalid(_))), "{choice:?}: {result:?}");
        }
        assert!(follow::parse_email("not an address").is_err());
        assert_eq!(offer_subscriber::Entity::find().count(&db.db).await.unwrap(), 0);
        assert!(outbox(&db, "follow_confirm").await.is_empty());
        // One IP asking for many addresses is stopped at the limit.
        let mut throttled = 0;
        for n in 0..(follow::IP_LIMIT + 3) {
            let address = email(&format!("person{n}@example.be"));
            match follow::subscribe(
                &db.db,
                &Notifier::default(),
                BASE,
                &address,
                Lang::Fr,
                Choice::All,
                Frequency::Weekly,
                "203.0.113.4",
                now,
            )
            .await
            {
                Ok(_) => {}
                Err(DomainError::TooManyAttempts { .. }) => throttled += 1,
                Err(other) => panic!("{other:?}"),
            }
        }
        assert_eq!(throttled, 3);
        assert_eq!(outbox(&db, "follow_confirm").await.len(), follow::IP_LIMIT as usize);
    })
    .await;
}

/// Subscribes and confirms `address` with `choice` in `lang`; returns its unsubscribe key.
async fn follower(db: &TestDb, address: &str, lang: Lang, choice: Choice) -> String {
    let now = saturday() - Duration::days(20);
    follow::subscribe(&db.db, &Notifier::default(), BASE, &email(address), lang, choice, Frequency::Weekly, address, now).await.unwrap();
    let mail = outbox(db, "follow_confirm").await.into_iter().rfind(|m| m.recipient == address).unwrap();
    follow::confirm(&db.db, &token_in(&mail), now).await.unwrap().unsubscribe_key
}

#[tokio::test]
async fn the_weekly_digest_brings_each_follower_the_week_s_new_offers_of_their_shops_once() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        let (a, b, c) = (shops[0].id, shops[1].id, shops[2].id);
        let all_fr = follower(&db, "all@example.be", Lang::Fr, Choice::All).await;
        let _a_nl = follower(&db, "a@example.be", Lang::Nl, ids(&[a])).await;
        let _c_en = follower(&db, "c@example.be", Lang::En, ids(&[c])).await;
        // Pending (never confirmed): gets nothing.
        follow::subscribe(
            &db.db,
            &Notifier::default(),
            BASE,
            &email("pending@example.be"),
            Lang::Fr,
            Choice::All,
            Frequency::Weekly,
            "x",
            saturday(),
        )
        .await
        .unwrap();

        // Monday 30 November 2026, 09:00 in Soignies; the week is 23 Nov 08:00 .. 30 Nov 08:00.
        let monday = at("2026-11-30T09:00:00+01:00");
        let in_week = at("2026-11-25T12:00:00+01:00");
        let live =
            post(&db, a, "Galettes -20 %", "Koeken -20 %", Some(in_week), "2026-11-25", "2026-12-06", false).await;
        let scheduled = post(&db, b, "Marché de Noël", "", Some(in_week), "2026-12-10", "2026-12-12", false).await;
        post(&db, a, "Caché", "", Some(in_week), "2026-11-25", "2026-12-06", true).await;
        post(&db, a, "Brouillon", "", None, "2026-11-25", "2026-12-06", false).await;
        post(&db, b, "Déjà fini", "", Some(in_week), "2026-11-25", "2026-11-29", false).await;
        post(
            &db,
            b,
            "La semaine d'avant",
            "",
            Some(at("2026-11-20T12:00:00+01:00")),
            "2026-11-20",
            "2026-12-20",
            false,
        )
        .await;
        post(&db, b, "Après lundi 8 h", "", Some(at("2026-11-30T08:30:00+01:00")), "2026-11-30", "2026-12-20", false)
            .await;

        // Not before Monday 08:00.
        assert_eq!(digest::run(&db.db, &Notifier::default(), BASE, at("2026-11-30T07:59:00+01:00")).await.unwrap(), Outcome::NotDue);
        let outcome = digest::run(&db.db, &Notifier::default(), BASE, monday).await.unwrap();
        assert_eq!(outcome, Outcome::Queued { week: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), emails: 2 });
        let mails = outbox(&db, "offer_digest").await;
        assert_eq!(mails.len(), 2, "the follower of shop c has nothing new: no e-mail");

        let to_all = mails.iter().find(|m| m.recipient == "all@example.be").unwrap();
        assert_eq!(to_all.language, "fr");
        assert!(to_all.subject.contains("3 nouvelles offres"), "{}", to_all.subject);
        assert!(to_all.body_text.contains("Galettes -20 %") && to_all.body_text.contains("Marché de Noël"));
        // Over by Monday, yet live during the week: listed, marked as ended.
        assert!(to_all.body_text.contains("Déjà fini"), "{}", to_all.body_text);
        assert!(to_all.body_text.contains("terminée le 29/11/2026"), "{}", to_all.body_text);
        assert!(to_all.body_text.contains(&format!("{BASE}/offres/{live}")));
        assert!(to_all.body_text.contains(&format!("{BASE}/offres/{scheduled}")));
        assert!(to_all.body_text.contains("du 10/12/2026 au 12/12/2026"), "scheduled: {}", to_all.body_text);
        for absent in ["Caché", "Brouillon", "La semaine d'avant", "Après lundi"] {
            assert!(!to_all.body_text.contains(absent), "{absent} is not in this week's digest");
        }
        let unsubscribe = format!("{BASE}/offres/desabonnement?cle={all_fr}");
        assert_eq!(to_all.list_unsubscribe.as_deref(), Some(unsubscribe.as_str()));
        assert!(to_all.body_text.contains(&unsubscribe) && to_all.body_html.contains(&unsubscribe));

        let to_a = mails.iter().find(|m| m.recipient == "a@example.be").unwrap();
        assert_eq!(to_a.language, "nl");
        assert!(to_a.subject.contains("1 nieuwe aanbieding"), "{}", to_a.subject);
        assert!(to_a.body_text.contains("Koeken -20 %"), "the Dutch title");
        assert!(to_a.body_text.contains(&format!("{BASE}/nl/offres/{live}")));
        assert!(!to_a.body_text.contains("Marché de Noël"), "not one of her shops");
        assert!(to_a.list_unsubscribe.as_deref().unwrap().starts_with(&format!("{BASE}/nl/offres/desabonnement?cle=")));

        // Once per week, whoever asks again.
        assert_eq!(digest::run(&db.db, &Notifier::default(), BASE, monday + Duration::hours(1)).await.unwrap(), Outcome::AlreadyDone);
        assert_eq!(outbox(&db, "offer_digest").await.len(), 2);
        let claim = offer_digest::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert_eq!(claim.queued, 2);
    })
    .await;
}

#[tokio::test]
async fn two_instances_build_the_week_s_digest_once() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        for n in 0..20 {
            follower(&db, &format!("f{n}@example.be"), Lang::ALL[n % 3], Choice::All).await;
        }
        post(
            &db,
            shops[0].id,
            "Galettes",
            "",
            Some(at("2026-11-25T12:00:00+01:00")),
            "2026-11-25",
            "2026-12-06",
            false,
        )
        .await;
        let monday = at("2026-11-30T10:00:00+01:00");
        let runs: Vec<_> = (0..4)
            .map(|i| {
                let conn = db.db.clone();
                tokio::spawn(async move { digest::run(&conn, &Notifier::default(), BASE, monday + Duration::seconds(i)).await.unwrap() })
            })
            .collect();
        let mut queued = 0;
        for run in runs {
            if let Outcome::Queued { emails, .. } = run.await.unwrap() {
                queued += 1;
                assert_eq!(emails, 20);
            }
        }
        assert_eq!(queued, 1, "one run built it");
        assert_eq!(outbox(&db, "offer_digest").await.len(), 20);
        // Summer and next week are separate claims.
        let next = digest::run(&db.db, &Notifier::default(), BASE, monday + Duration::days(7)).await.unwrap();
        assert_eq!(next, Outcome::Queued { week: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), emails: 0 });
    })
    .await;
}

/// Subscribes and confirms `address` for every shop's offers as soon as they are published.
async fn daily_follower(db: &TestDb, address: &str) {
    let now = saturday() - Duration::days(20);
    follow::subscribe(&db.db, &Notifier::default(), BASE, &email(address), Lang::Fr, Choice::All, Frequency::Daily, address, now)
        .await
        .unwrap();
    let mail = outbox(db, "follow_confirm").await.into_iter().rfind(|m| m.recipient == address).unwrap();
    follow::confirm(&db.db, &token_in(&mail), now).await.unwrap();
}

#[tokio::test]
async fn a_wednesday_to_saturday_promotion_reaches_weekly_followers() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        follower(&db, "hebdo@example.be", Lang::Fr, Choice::All).await;
        // Published on Tuesday 1 December for Wednesday to Saturday: over before Monday 7.
        let tuesday = at("2026-12-01T18:00:00+01:00");
        post(&db, shops[0].id, "Bûches -30 %", "", Some(tuesday), "2026-12-02", "2026-12-05", false).await;
        // Withdrawn by its merchant before its first day: never live, never sent.
        let withdrawn = post(&db, shops[1].id, "Retirée", "", Some(tuesday), "2026-12-03", "2026-12-05", false).await;
        offer::Entity::update_many()
            .col_expr(offer::Column::EndedAt, sea_orm::sea_query::Expr::value(at("2026-12-02T09:00:00+01:00")))
            .filter(offer::Column::Id.eq(withdrawn))
            .exec(&db.db)
            .await
            .unwrap();

        let monday = at("2026-12-07T08:05:00+01:00");
        let outcome = digest::run(&db.db, &Notifier::default(), BASE, monday).await.unwrap();
        assert!(matches!(outcome, Outcome::Queued { emails: 1, .. }), "{}: {outcome:?}", db.label);
        let mails = outbox(&db, "offer_digest").await;
        assert_eq!(mails.len(), 1, "{}", db.label);
        assert!(mails[0].subject.contains("1 nouvelle offre"), "{}", mails[0].subject);
        assert!(mails[0].body_text.contains("Bûches -30 %"), "{}: {}", db.label, mails[0].body_text);
        assert!(mails[0].body_text.contains("terminée le 05/12/2026"), "{}", mails[0].body_text);
        assert!(!mails[0].body_text.contains("Retirée"), "{}", db.label);
    })
    .await;
}

#[tokio::test]
async fn a_daily_follower_gets_at_most_one_e_mail_a_day_and_none_on_a_day_without_offers() {
    on_every_backend(|db| async move {
        let shops = town(&db).await;
        daily_follower(&db, "vite@example.be").await;
        follower(&db, "hebdo@example.be", Lang::Fr, Choice::All).await;
        let daily_mails = || async { outbox(&db, "offer_daily").await };

        // Tuesday: two offers in the morning; the next check sends one e-mail with both, to the
        // daily follower only. Four instances checking at once send it once.
        post(
            &db,
            shops[0].id,
            "Pralines",
            "",
            Some(at("2026-12-01T09:00:00+01:00")),
            "2026-12-01",
            "2026-12-12",
            false,
        )
        .await;
        post(&db, shops[1].id, "Bûches", "", Some(at("2026-12-01T09:02:00+01:00")), "2026-12-04", "2026-12-06", false)
            .await;
        let check = at("2026-12-01T09:05:00+01:00");
        let runs: Vec<_> = (0..4)
            .map(|i| {
                let conn = db.db.clone();
                tokio::spawn(async move { digest::run_daily(&conn, &Notifier::default(), BASE, check + Duration::seconds(i)).await.unwrap() })
            })
            .collect();
        let mut queued = 0;
        for run in runs {
            queued += run.await.unwrap();
        }
        assert_eq!(queued, 1, "{}", db.label);
        let mails = daily_mails().await;
        assert_eq!(mails.len(), 1, "{}", db.label);
        assert_eq!(mails[0].recipient, "vite@example.be");
        assert!(mails[0].subject.contains("2 nouvelles offres"), "{}", mails[0].subject);
        assert!(mails[0].body_text.contains("Pralines") && mails[0].body_text.contains("Bûches"));
        assert!(mails[0].body_text.contains("du 04/12/2026 au 06/12/2026"), "scheduled: {}", mails[0].body_text);
        assert!(mails[0].list_unsubscribe.as_deref().is_some_and(|u| u.contains("/offres/desabonnement?cle=")));
        assert_eq!(digest::run_daily(&db.db, &Notifier::default(), BASE, at("2026-12-01T12:00:00+01:00")).await.unwrap(), 0);

        // Wednesday, nothing published: no e-mail all day.
        for time in ["2026-12-02T00:05:00+01:00", "2026-12-02T08:00:00+01:00", "2026-12-02T20:00:00+01:00"] {
            assert_eq!(digest::run_daily(&db.db, &Notifier::default(), BASE, at(time)).await.unwrap(), 0, "{}: {time}", db.label);
        }
        assert_eq!(daily_mails().await.len(), 1, "{}", db.label);

        // Thursday: an offer in the morning goes at once; one in the afternoon waits for Friday's
        // first check, since Thursday's e-mail went.
        post(&db, shops[2].id, "Matin", "", Some(at("2026-12-03T10:00:00+01:00")), "2026-12-03", "2026-12-10", false)
            .await;
        assert_eq!(digest::run_daily(&db.db, &Notifier::default(), BASE, at("2026-12-03T10:05:00+01:00")).await.unwrap(), 1);
        post(
            &db,
            shops[2].id,
            "Après-midi",
            "",
            Some(at("2026-12-03T16:00:00+01:00")),
            "2026-12-03",
            "2026-12-10",
            false,
        )
        .await;
        assert_eq!(digest::run_daily(&db.db, &Notifier::default(), BASE, at("2026-12-03T16:05:00+01:00")).await.unwrap(), 0);
        assert_eq!(digest::run_daily(&db.db, &Notifier::default(), BASE, at("2026-12-04T00:05:00+01:00")).await.unwrap(), 1);
        let mails = daily_mails().await;
        assert_eq!(mails.len(), 3, "{}", db.label);
        assert!(mails[1].body_text.contains("Matin") && !mails[1].body_text.contains("Pralines"));
        assert!(mails[2].body_text.contains("Après-midi") && !mails[2].body_text.contains("Matin"));

        // The Monday digest is for weekly followers only.
        digest::run(&db.db, &Notifier::default(), BASE, at("2026-12-07T08:05:00+01:00")).await.unwrap();
        let weekly = outbox(&db, "offer_digest").await;
        assert_eq!(weekly.iter().map(|m| m.recipient.as_str()).collect::<Vec<_>>(), vec!["hebdo@example.be"]);
        assert!(weekly[0].subject.contains("4 nouvelles offres"), "{}", weekly[0].subject);
    })
    .await;
}
