//! Accounts, sessions, throttling, invitations and the authorisation of every listing write, on
//! SQLite and PostgreSQL, with an injected clock.

mod support;

use chrono::Duration;
use common::dashboard::{HoursForm, ProfileForm};
use domain::accounts::{self, sessions};
use domain::authz::{Actor, Role};
use domain::listing::{self, ExceptionInput};
use domain::mail::Notifier;
use domain::{team, DomainError};
use support::*;

const ADMIN_PASSWORD: &str = "la mairie ouvre à huit heures";
const PASSWORD: &str = "le pain sort du four à sept heures";

/// The demo town, an administrator, the owner and a staff member of business 1, and the owner
/// of business 2 (each joined through an invitation).
struct Town {
    admin: Actor,
    owner: Actor,
    staff: Actor,
    other_owner: Actor,
}

async fn town(db: &TestDb) -> Town {
    let now = saturday_morning();
    seeded(db, now).await;
    let (admin, _) = accounts::create_admin(&db.db, "maire@soignies.be", Some(ADMIN_PASSWORD), now).await.unwrap();
    let admin = accounts::actor_of(&admin);
    let join = |email: &'static str, business: i32, role: Role, by: Actor| {
        let db = db.db.clone();
        async move {
            let invitation =
                team::invite(&db, &Notifier::default(), Some(&by), business, email, role, common::Lang::Fr, "http://vitrine.test", now)
                    .await
                    .unwrap();
            let joined = team::accept(&db, &invitation.token, Some(PASSWORD), now).await.unwrap();
            accounts::actor_of(&joined.account)
        }
    };
    let owner = join("owner@one.be", 1, Role::Owner, admin.clone()).await;
    let staff = join("staff@one.be", 1, Role::Staff, owner.clone()).await;
    let other_owner = join("owner@two.be", 2, Role::Owner, admin.clone()).await;
    Town { admin, owner, staff, other_owner }
}

#[tokio::test]
async fn closing_today_or_tomorrow_takes_the_day_in_brussels_not_in_utc() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        // 23:30 UTC on Saturday 28 November is already Sunday the 29th in Soignies.
        let now = at("2026-11-28T23:30:00Z");
        assert_eq!(listing::CloseDay::parse("yesterday"), None);
        let today = listing::CloseDay::parse("today").unwrap();
        let tomorrow = listing::CloseDay::parse("tomorrow").unwrap();
        assert_eq!((today.date(now).to_string(), tomorrow.date(now).to_string()), ("2026-11-29".into(), "2026-11-30".into()));

        let v = listing::view(&db.db, Some(&t.staff), 1, common::Lang::Fr, now).await.unwrap().version;
        let refused = listing::close_day(&db.db, Some(&t.other_owner), 1, v, today, now).await;
        assert!(matches!(refused, Err(DomainError::Forbidden)), "{refused:?}");
        let v = listing::close_day(&db.db, Some(&t.staff), 1, v, today, now).await.unwrap();
        listing::close_day(&db.db, Some(&t.staff), 1, v, tomorrow, now).await.unwrap();
        let closed: Vec<(String, String, bool)> = listing::view(&db.db, Some(&t.owner), 1, common::Lang::Fr, now)
            .await
            .unwrap()
            .exceptions
            .into_iter()
            .map(|e| (e.starts_on, e.ends_on, e.closed))
            .collect();
        for day in ["2026-11-29", "2026-11-30"] {
            assert!(closed.contains(&(day.into(), day.into(), true)), "{}: {day} in {closed:?}", db.label);
        }
    })
    .await;
}

/// Runs the futures as tasks started in order, all at once, and returns their outcomes in order.
async fn all_at_once<T, F>(futures: impl IntoIterator<Item = F>) -> Vec<T>
where
    T: Send + 'static,
    F: std::future::Future<Output = T> + Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outcomes = Vec::new();
    for handle in handles {
        outcomes.push(handle.await.expect("the task ran to its end"));
    }
    outcomes
}

fn hours(monday: &str) -> HoursForm {
    let mut form = HoursForm::default();
    form.days[0] = monday.into();
    form
}

#[tokio::test]
async fn login_starts_a_session_and_wrong_or_unknown_gets_the_same_answer() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let ok = accounts::log_in(&db.db, "Owner@One.be", PASSWORD, "10.0.0.1", now).await.unwrap();
        assert_eq!(ok.account.id, t.owner.account_id);
        let resolved = sessions::resolve(&db.db, &ok.session_token, now).await.unwrap().unwrap();
        assert_eq!(resolved.email, "owner@one.be");
        // The database keeps the token's digest, not the token.
        assert!(sessions::resolve(&db.db, &accounts::tokens::digest(&ok.session_token), now).await.unwrap().is_none());
        let wrong = accounts::log_in(&db.db, "owner@one.be", "not the password at all", "10.0.0.1", now).await;
        let unknown = accounts::log_in(&db.db, "nobody@one.be", PASSWORD, "10.0.0.1", now).await;
        assert!(matches!(wrong, Err(DomainError::LoginFailed)), "{wrong:?}");
        assert!(matches!(unknown, Err(DomainError::LoginFailed)), "{unknown:?}");
        // A new session id at every login.
        let again = accounts::log_in(&db.db, "owner@one.be", PASSWORD, "10.0.0.1", now).await.unwrap();
        assert_ne!(again.session_token, ok.session_token);
    })
    .await;
}

/// Guessing is stopped per address and client network, but a stranger's failures from
/// elsewhere do not keep the owner out; a guess spread over many networks is stopped per address,
/// and then the owner still gets in through a reset link.
#[tokio::test]
async fn guessing_is_stopped_but_a_stranger_cannot_lock_the_owner_out() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        town(&db).await;
        let wrong = |ip: String, at| {
            let db = db.db.clone();
            async move { accounts::log_in(&db, "owner@one.be", "wrong password here", &ip, at).await }
        };
        // A stranger fails five times from one client and five times from five others.
        for i in 0..5 {
            assert!(matches!(wrong("198.51.100.66".into(), now).await, Err(DomainError::LoginFailed)));
            assert!(matches!(wrong(format!("10.0.1.{i}"), now).await, Err(DomainError::LoginFailed)));
        }
        // Guessing from that client is stopped, even with the right password.
        let blocked = accounts::log_in(&db.db, "owner@one.be", PASSWORD, "198.51.100.66", now).await;
        assert!(
            matches!(blocked, Err(DomainError::TooManyAttempts { retry_after_secs }) if retry_after_secs <= 900),
            "{blocked:?}"
        );
        // The owner, from their own network, gets in.
        let owner = accounts::log_in(&db.db, "owner@one.be", PASSWORD, "192.0.2.10", now).await;
        assert!(owner.is_ok(), "{owner:?}");
        // An IPv6 client is one /64: changing the address inside it does not give new tries.
        for i in 1..=5 {
            assert!(matches!(wrong(format!("2001:db8:1:2::{i}"), now).await, Err(DomainError::LoginFailed)));
        }
        assert!(matches!(
            accounts::log_in(&db.db, "owner@one.be", PASSWORD, "2001:db8:1:2:ffff::9", now).await,
            Err(DomainError::TooManyAttempts { .. })
        ));
        assert!(accounts::log_in(&db.db, "owner@one.be", PASSWORD, "2001:db8:1:3::1", now).await.is_ok());
        // An unknown address is throttled the same way (the limit reveals nothing).
        for _ in 0..5 {
            let _ = accounts::log_in(&db.db, "ghost@one.be", "wrong password here", "10.0.3.1", now).await;
        }
        assert!(matches!(
            accounts::log_in(&db.db, "ghost@one.be", "anything else", "10.0.3.1", now).await,
            Err(DomainError::TooManyAttempts { .. })
        ));
        // A guess spread over many networks is stopped for the address everywhere…
        for i in 0..accounts::throttle::ACCOUNT_LIMIT {
            let _ = wrong(format!("172.16.{}.{}", i / 200, i % 200), now).await;
        }
        assert!(matches!(
            accounts::log_in(&db.db, "owner@one.be", PASSWORD, "192.0.2.10", now).await,
            Err(DomainError::TooManyAttempts { .. })
        ));
        // …and the owner gets in by a reset link, which the login's throttle does not stop.
        let before = outbox(&db.db).await.len();
        accounts::request_password_reset(&db.db, &Notifier::default(), "owner@one.be", "https://vitrine.test", now).await.unwrap();
        let mails = outbox(&db.db).await;
        assert_eq!(mails.len(), before + 1, "a reset e-mail is queued while the login is throttled");
        let token = token_in(&mails.last().unwrap().body_text, "https://vitrine.test/reinitialiser/");
        let back_in = accounts::reset_password(&db.db, &Notifier::default(), &token, "une toute nouvelle phrase secrète", now).await;
        assert!(back_in.is_ok(), "{back_in:?}");
        let later = now + Duration::minutes(16);
        assert!(accounts::log_in(&db.db, "owner@one.be", "une toute nouvelle phrase secrète", "198.51.100.66", later)
            .await
            .is_ok());
    })
    .await;
}

/// Forty attempts at the same instant for one address from one client, the right password sent
/// last: each is counted before its password is checked, so at most the limit's number of checks
/// run and the right one is refused.
#[tokio::test]
async fn forty_concurrent_logins_run_at_most_the_limits_password_checks() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        town(&db).await;
        let attempts = (0..40).map(|i| {
            let db = db.db.clone();
            let password = if i == 39 { PASSWORD } else { "not the password at all" };
            async move { accounts::log_in(&db, "owner@one.be", password, "203.0.113.40", now).await }
        });
        let outcomes = all_at_once(attempts).await;
        // A password check ends in LoginFailed or a login; a throttled attempt checks nothing.
        let checked = outcomes.iter().filter(|o| !matches!(o, Err(DomainError::TooManyAttempts { .. }))).count();
        assert!(checked <= accounts::throttle::PAIR_LIMIT as usize, "{checked} password checks ran");
        assert!(
            matches!(outcomes[39], Err(DomainError::TooManyAttempts { .. })),
            "the right password sent last is refused: {:?}",
            outcomes[39]
        );
        assert!(outcomes.iter().all(|o| o.is_err()), "nobody got in");
    })
    .await;
}

/// Forty reset requests for one address at the same instant queue at most the limit's e-mails.
#[tokio::test]
async fn concurrent_reset_requests_queue_at_most_the_limits_emails() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        town(&db).await;
        let requests = (0..40).map(|_| {
            let db = db.db.clone();
            async move { accounts::request_password_reset(&db, &Notifier::default(), "owner@one.be", "https://vitrine.test", now).await }
        });
        for outcome in all_at_once(requests).await {
            assert!(outcome.is_ok(), "{outcome:?}");
        }
        let resets = outbox(&db.db).await.into_iter().filter(|m| m.kind == "password_reset").count();
        assert_eq!(resets, accounts::throttle::RESET_LIMIT as usize);
    })
    .await;
}

/// Forty follow requests from one IP at the same instant queue at most the limit's e-mails.
#[tokio::test]
async fn concurrent_follow_requests_from_one_ip_queue_at_most_the_limits_emails() {
    use domain::offers::follow::{self, Choice};
    on_every_backend(|db| async move {
        let now = saturday_morning();
        town(&db).await;
        let requests = (0..40).map(|i| {
            let db = db.db.clone();
            async move {
                let email = follow::parse_email(&format!("follower{i}@example.be")).unwrap();
                follow::subscribe(
                    &db,
                    &Notifier::default(),
                    "https://vitrine.test",
                    &email,
                    common::Lang::Fr,
                    Choice::All,
                    follow::Frequency::Weekly,
                    "2001:db8:9::1",
                    now,
                )
                .await
            }
        });
        let outcomes = all_at_once(requests).await;
        let throttled = outcomes.iter().filter(|o| matches!(o, Err(DomainError::TooManyAttempts { .. }))).count();
        assert!(
            outcomes.iter().all(|o| o.is_ok() || matches!(o, Err(DomainError::TooManyAttempts { .. }))),
            "{outcomes:?}"
        );
        let confirmations = outbox(&db.db).await.into_iter().filter(|m| m.kind == "follow_confirm").count();
        assert_eq!(confirmations, follow::IP_LIMIT as usize);
        assert_eq!(throttled, 40 - follow::IP_LIMIT as usize);
    })
    .await;
}

#[tokio::test]
async fn sessions_end_by_inactivity_by_age_by_logout_everywhere_and_by_password_change() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let login = |at| {
            let db = db.db.clone();
            async move { accounts::log_in(&db, "owner@one.be", PASSWORD, "10.0.0.1", at).await.unwrap().session_token }
        };
        let idle = login(now).await;
        assert!(sessions::resolve(&db.db, &idle, now + Duration::days(6)).await.unwrap().is_some());
        assert!(
            sessions::resolve(&db.db, &idle, now + Duration::days(12)).await.unwrap().is_some(),
            "touched on day 6"
        );
        assert!(sessions::resolve(&db.db, &idle, now + Duration::days(20)).await.unwrap().is_none(), "8 idle days");

        let busy = login(now).await;
        for day in 1..30 {
            assert!(sessions::resolve(&db.db, &busy, now + Duration::days(day)).await.unwrap().is_some(), "day {day}");
        }
        assert!(sessions::resolve(&db.db, &busy, now + Duration::days(30)).await.unwrap().is_none(), "30 days old");

        let phone = login(now).await;
        let laptop = login(now).await;
        sessions::end_all(&db.db, t.owner.account_id, now + Duration::minutes(1)).await.unwrap();
        assert!(sessions::resolve(&db.db, &phone, now + Duration::minutes(2)).await.unwrap().is_none());
        assert!(sessions::resolve(&db.db, &laptop, now + Duration::minutes(2)).await.unwrap().is_none());

        let later = now + Duration::minutes(5);
        let phone = login(later).await;
        let fresh = accounts::change_password(&db.db, &Notifier::default(), &t.owner, PASSWORD, "une nouvelle phrase bien longue", later)
            .await
            .unwrap();
        assert!(sessions::resolve(&db.db, &phone, later).await.unwrap().is_none(), "other sessions end");
        assert!(sessions::resolve(&db.db, &fresh, later).await.unwrap().is_some(), "this device stays in");
        assert!(matches!(
            accounts::log_in(&db.db, "owner@one.be", PASSWORD, "10.0.0.1", later).await,
            Err(DomainError::LoginFailed)
        ));
        let weak =
            accounts::change_password(&db.db, &Notifier::default(), &t.owner, "une nouvelle phrase bien longue", "password1", later).await;
        assert!(matches!(weak, Err(DomainError::Invalid(ref p)) if p[0].problem == "password_too_common"), "{weak:?}");
    })
    .await;
}

#[tokio::test]
async fn an_invitation_link_works_once_and_expires() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let invitation = team::invite(
            &db.db,
            &Notifier::default(),
            Some(&t.owner),
            1,
            "new@one.be",
            Role::Staff,
            common::Lang::Fr,
            "http://vitrine.test",
            now,
        )
        .await
        .unwrap();
        let short = team::accept(&db.db, &invitation.token, Some("short"), now).await;
        assert!(matches!(short, Err(DomainError::Invalid(_))), "{short:?}");
        assert!(team::accept(&db.db, &invitation.token, Some(PASSWORD), now).await.is_ok());
        let twice = team::accept(&db.db, &invitation.token, Some(PASSWORD), now).await;
        assert!(matches!(twice, Err(DomainError::LinkExpired)), "{twice:?}");

        let late = team::invite(
            &db.db,
            &Notifier::default(),
            Some(&t.owner),
            1,
            "late@one.be",
            Role::Staff,
            common::Lang::Fr,
            "http://vitrine.test",
            now,
        )
        .await
        .unwrap();
        let expired = team::accept(&db.db, &late.token, Some(PASSWORD), now + Duration::days(8)).await;
        assert!(matches!(expired, Err(DomainError::LinkExpired)), "{expired:?}");
        // Staff cannot invite, and an owner cannot make owners.
        assert!(matches!(
            team::invite(
                &db.db,
                &Notifier::default(),
                Some(&t.staff),
                1,
                "x@one.be",
                Role::Staff,
                common::Lang::Fr,
                "http://vitrine.test",
                now
            )
            .await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            team::invite(
                &db.db,
                &Notifier::default(),
                Some(&t.owner),
                1,
                "x@one.be",
                Role::Owner,
                common::Lang::Fr,
                "http://vitrine.test",
                now
            )
            .await,
            Err(DomainError::Forbidden)
        ));
    })
    .await;
}

/// Every listing write: refused for anonymous visitors, another business's owner, and unknown
/// ids; allowed for the staff, the owner and an administrator. Nothing changes when refused.
#[tokio::test]
async fn every_listing_write_is_authorised_in_the_domain() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        let writes = ["hours", "exception", "confirm", "profile"];
        for name in writes {
            for (who, actor) in [("anonymous", None), ("other owner", Some(&t.other_owner))] {
                let v = version_of(db, &t.admin, 1).await;
                let refused = write(name, db, actor, 1, v, now).await;
                assert!(
                    matches!(refused, Err(DomainError::Unauthenticated) | Err(DomainError::Forbidden)),
                    "{name} by {who}: {refused:?}"
                );
                assert_eq!(version_of(db, &t.admin, 1).await, v, "{name} by {who} changed nothing");
            }
            let unknown = write(name, db, Some(&t.owner), 9999, 1, now).await;
            assert!(matches!(unknown, Err(DomainError::Forbidden)), "{name} on an unknown id: {unknown:?}");
            let unknown_admin = write(name, db, Some(&t.admin), 9999, 1, now).await;
            assert!(
                matches!(unknown_admin, Err(DomainError::NotFound)),
                "{name} on an unknown id by admin: {unknown_admin:?}"
            );
            for (who, actor) in [("staff", &t.staff), ("owner", &t.owner), ("admin", &t.admin)] {
                let v = version_of(db, &t.admin, 1).await;
                let done = write(name, db, Some(actor), 1, v, now).await;
                assert!(done.is_ok(), "{name} by {who}: {done:?}");
            }
        }
        // Another business's exception id is not found, even for an owner.
        let v = listing::view(db, Some(&t.other_owner), 2, common::Lang::Fr, now).await.unwrap().version;
        let exception_of_one =
            listing::view(db, Some(&t.owner), 1, common::Lang::Fr, now).await.unwrap().exceptions[0].id;
        let forged = listing::remove_exception(db, Some(&t.other_owner), 2, v, exception_of_one, now).await;
        assert!(matches!(forged, Err(DomainError::NotFound)), "{forged:?}");
        // The history: owners and admins read it, staff do not.
        let history = domain::audit::history(db, Some(&t.owner), 1, 50).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        for action in ["hours_saved", "exception_added", "listing_confirmed", "profile_saved", "invitation_accepted"] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        assert!(history.iter().any(|e| e.actor_email == "staff@one.be"));
        assert!(matches!(domain::audit::history(db, Some(&t.staff), 1, 50).await, Err(DomainError::Forbidden)));
    })
    .await;
}

#[tokio::test]
async fn a_save_from_an_outdated_form_is_refused_and_bad_input_changes_nothing() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        let loaded = listing::view(db, Some(&t.owner), 1, common::Lang::Fr, now).await.unwrap();
        // Two people loaded the same version; the first save wins, the second is told.
        listing::save_hours(db, Some(&t.owner), 1, loaded.version, &hours("9:00-12:00"), now).await.unwrap();
        let second = listing::save_hours(db, Some(&t.staff), 1, loaded.version, &hours("10:00-19:00"), now).await;
        assert!(matches!(second, Err(DomainError::Conflict)), "{second:?}");
        let after = listing::view(db, Some(&t.owner), 1, common::Lang::Fr, now).await.unwrap();
        assert_eq!(after.hours.days[0], "09:00-12:00");

        let bad =
            listing::save_hours(db, Some(&t.owner), 1, after.version, &hours("9:00-13:00, 12:00-18:00"), now).await;
        assert!(
            matches!(bad, Err(DomainError::Invalid(ref p)) if p[0].field == "day0" && p[0].problem == "hours_overlap"),
            "{bad:?}"
        );
        let mut profile = after.profile.clone();
        profile.description_fr = "x".repeat(5 * 1024 * 1024);
        profile.website = "javascript:alert(1)".into();
        profile.phone = "pas un numéro".into();
        profile.category = "casino".into();
        profile.name = "  ".into();
        let refused = listing::save_profile(db, Some(&t.owner), 1, after.version, &profile, now).await;
        let Err(DomainError::Invalid(problems)) = refused else { panic!("{refused:?}") };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for field in ["name", "category", "description_fr", "website", "phone"] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
        let exception = ExceptionInput {
            starts_on: "2026-12-24".into(),
            ends_on: "2026-12-20".into(),
            closed: true,
            ..Default::default()
        };
        let backwards = listing::add_exception(db, Some(&t.owner), 1, after.version, &exception, now).await;
        assert!(
            matches!(backwards, Err(DomainError::Invalid(ref p)) if p[0].problem == "ends_before_start"),
            "{backwards:?}"
        );
        let unchanged = listing::view(db, Some(&t.owner), 1, common::Lang::Fr, now).await.unwrap();
        assert_eq!(unchanged, after);
    })
    .await;
}

/// One listing write of each kind, by `actor`, on business `id` at version `v`.
async fn write(
    kind: &str,
    db: &sea_orm::DatabaseConnection,
    actor: Option<&Actor>,
    id: i32,
    v: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DomainError> {
    match kind {
        "hours" => listing::save_hours(db, actor, id, v, &hours("9:00-18:00"), now).await.map(|_| ()),
        "exception" => {
            let input = ExceptionInput { starts_on: "2026-12-24".into(), closed: true, ..Default::default() };
            listing::add_exception(db, actor, id, v, &input, now).await.map(|_| ())
        }
        "confirm" => listing::confirm(db, actor, id, now).await,
        _ => {
            let reader = Actor { account_id: 0, email: String::new(), is_admin: true, language: common::Lang::Fr };
            // An unknown id has no profile to start from: the save must be refused all the same.
            let form = match listing::view(db, Some(&reader), id, common::Lang::Fr, now).await {
                Ok(view) => ProfileForm { name: format!("{} !", view.profile.name), ..view.profile },
                Err(_) => ProfileForm::default(),
            };
            listing::save_profile(db, actor, id, v, &form, now).await.map(|_| ())
        }
    }
}

async fn version_of(db: &sea_orm::DatabaseConnection, admin: &Actor, id: i32) -> i32 {
    listing::view(db, Some(admin), id, common::Lang::Fr, saturday_morning()).await.unwrap().version
}

async fn outbox(db: &sea_orm::DatabaseConnection) -> Vec<entity::email_outbox::Model> {
    use sea_orm::{EntityTrait, QueryOrder};
    entity::email_outbox::Entity::find().order_by_asc(entity::email_outbox::Column::Id).all(db).await.unwrap()
}

/// The token at the end of the first link of an e-mail to `path`.
fn token_in(body: &str, path: &str) -> String {
    let start = body.find(path).expect("the link is in the e-mail") + path.len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

#[tokio::test]
async fn invitations_resets_and_address_changes_send_their_emails_with_the_change() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        team::invite(db, &Notifier::default(), Some(&t.owner), 1, "nieuw@one.be", Role::Staff, common::Lang::Nl, "https://vitrine.test", now)
            .await
            .unwrap();
        // (The e-mails of the links used so far, never sent here, were erased: they are dead.)
        let before = outbox(db).await.len() - 1;
        let mails = outbox(db).await;
        let invitation = &mails[before];
        assert_eq!(
            (invitation.recipient.as_str(), invitation.kind.as_str(), invitation.language.as_str()),
            ("nieuw@one.be", "invitation", "nl")
        );
        let token = token_in(&invitation.body_text, "https://vitrine.test/nl/invitation/");
        assert!(team::preview(db, &token, now).await.unwrap().needs_password);

        // A reset for an unknown address sends nothing; for a known one, one link that works.
        accounts::request_password_reset(db, &Notifier::default(), "nobody@one.be", "https://vitrine.test", now).await.unwrap();
        assert_eq!(outbox(db).await.len(), before + 1);
        accounts::request_password_reset(db, &Notifier::default(), "OWNER@one.be", "https://vitrine.test", now).await.unwrap();
        let mails = outbox(db).await;
        let reset = mails.last().unwrap();
        assert_eq!((reset.recipient.as_str(), reset.kind.as_str()), ("owner@one.be", "password_reset"));
        let token = token_in(&reset.body_text, "https://vitrine.test/reinitialiser/");
        accounts::reset_password(db, &Notifier::default(), &token, "une toute nouvelle phrase secrète", now).await.unwrap();
        assert!(matches!(
            accounts::reset_password(db, &Notifier::default(), &token, "une autre phrase secrète encore", now).await,
            Err(DomainError::LinkExpired)
        ));
        assert_eq!(outbox(db).await.last().unwrap().kind, "password_changed");
        // An inbox cannot be flooded: past five requests in the window, nothing more is sent.
        let count = outbox(db).await.len();
        for _ in 0..8 {
            accounts::request_password_reset(db, &Notifier::default(), "staff@one.be", "https://vitrine.test", now).await.unwrap();
        }
        assert_eq!(outbox(db).await.len(), count + 5);

        // An address change: the link goes to the new address, the notice to the old one.
        let new =
            accounts::request_email_change(db, &Notifier::default(), &t.staff, PASSWORD, "Staff.New@one.be", "https://vitrine.test", now)
                .await
                .unwrap();
        assert_eq!(new, "staff.new@one.be");
        let confirm = outbox(db).await.last().unwrap().clone();
        assert_eq!((confirm.recipient.as_str(), confirm.kind.as_str()), ("staff.new@one.be", "confirm_email_change"));
        let token = token_in(&confirm.body_text, "https://vitrine.test/confirmer-adresse/");
        let (account, old) = accounts::confirm_email_change(db, &Notifier::default(), &token, now).await.unwrap();
        assert_eq!((account.email.as_str(), old.as_str()), ("staff.new@one.be", "staff@one.be"));
        let notice = outbox(db).await.last().unwrap().clone();
        assert_eq!((notice.recipient.as_str(), notice.kind.as_str()), ("staff@one.be", "email_changed"));
        assert!(accounts::log_in(db, "staff.new@one.be", PASSWORD, "10.0.0.9", now).await.is_ok());
    })
    .await;
}

#[tokio::test]
async fn a_saved_profile_shows_on_the_public_page_in_each_language_with_french_as_fallback() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        let loaded = listing::view(db, Some(&t.staff), 1, common::Lang::Fr, now).await.unwrap();
        let form = ProfileForm {
            description_fr: "Pâtisseries fines, faites chaque matin.".into(),
            description_nl: "Fijne gebakjes, elke ochtend vers.".into(),
            description_en: String::new(),
            phone: "067 33 12 34".into(),
            website: "https://lemaire.be".into(),
            accessibility: "step_free_entrance,hearing_loop".into(),
            ..loaded.profile.clone()
        };
        listing::save_profile(db, Some(&t.staff), 1, loaded.version, &form, now).await.unwrap();
        let fr = domain::directory::profile(db, common::Lang::Fr, &loaded.slug, now, "https://v.test").await.unwrap();
        let nl = domain::directory::profile(db, common::Lang::Nl, &loaded.slug, now, "https://v.test").await.unwrap();
        let en = domain::directory::profile(db, common::Lang::En, &loaded.slug, now, "https://v.test").await.unwrap();
        assert_eq!(
            (fr.description.as_str(), fr.description_lang),
            ("Pâtisseries fines, faites chaque matin.", common::Lang::Fr)
        );
        assert_eq!(
            (nl.description.as_str(), nl.description_lang),
            ("Fijne gebakjes, elke ochtend vers.", common::Lang::Nl)
        );
        assert_eq!(
            (en.description.as_str(), en.description_lang),
            ("Pâtisseries fines, faites chaque matin.", common::Lang::Fr)
        );
        let saved = listing::view(db, Some(&t.staff), 1, common::Lang::Fr, now).await.unwrap();
        assert_eq!(saved.profile.phone, "+32 67 33 12 34", "stored in E.164, shown grouped");
        assert_eq!(saved.profile.accessibility, "step_free_entrance,hearing_loop");
        let history = domain::audit::history(db, Some(&t.owner), 1, 5).await.unwrap();
        let changed: Vec<&str> = history[0].details.as_object().unwrap().keys().map(String::as_str).collect();
        for field in ["description_fr", "description_nl", "phone", "website", "accessibility"] {
            assert!(changed.contains(&field), "{field} in {changed:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn owners_see_their_team_and_history_and_manage_staff_but_staff_do_not() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        let view = team::team_view(db, Some(&t.owner), 1, now).await.unwrap();
        let emails: Vec<&str> = view.members.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(emails, vec!["owner@one.be", "staff@one.be"]);
        assert!(view.history.iter().any(|h| h.action == "invitation_accepted"));
        assert!(matches!(team::team_view(db, Some(&t.staff), 1, now).await, Err(DomainError::Forbidden)));
        assert!(matches!(team::team_view(db, Some(&t.other_owner), 1, now).await, Err(DomainError::Forbidden)));
        assert!(team::team_view(db, Some(&t.admin), 1, now).await.is_ok());
        // An owner removes staff, not another owner; staff remove nobody.
        assert!(matches!(
            team::remove_member(db, Some(&t.staff), 1, t.owner.account_id, now).await,
            Err(DomainError::Forbidden)
        ));
        team::remove_member(db, Some(&t.owner), 1, t.staff.account_id, now).await.unwrap();
        let after = team::team_view(db, Some(&t.owner), 1, now).await.unwrap();
        assert_eq!(after.members.len(), 1);
        assert!(after.history.iter().any(|h| h.action == "member_removed"));
        // The removed person's session still exists, but the listing is no longer theirs.
        let refused = listing::confirm(db, Some(&t.staff), 1, now).await;
        assert!(matches!(refused, Err(DomainError::Forbidden)), "{refused:?}");
    })
    .await;
}

#[tokio::test]
async fn the_live_preview_says_what_the_public_page_would_say_with_the_typed_hours() {
    on_every_backend(|db| async move {
        let now = saturday_morning(); // Saturday 10:00
        let t = town(&db).await;
        let db = &db.db;
        let mut form = listing::view(db, Some(&t.owner), 1, common::Lang::Fr, now).await.unwrap().hours;
        let open = listing::preview_status(db, Some(&t.owner), 1, common::Lang::Fr, &form, now).await.unwrap().unwrap();
        assert!(open.is_open(), "{open:?}");
        form.days[5] = String::new();
        let closed =
            listing::preview_status(db, Some(&t.owner), 1, common::Lang::Fr, &form, now).await.unwrap().unwrap();
        assert!(!closed.is_open(), "{closed:?}");
        form.days[5] = "9h-".into();
        assert_eq!(listing::preview_status(db, Some(&t.owner), 1, common::Lang::Fr, &form, now).await.unwrap(), None);
        assert!(matches!(
            listing::preview_status(db, Some(&t.other_owner), 1, common::Lang::Fr, &form, now).await,
            Err(DomainError::Forbidden)
        ));
    })
    .await;
}

/// An invitation to an address that already has an account asks for that account's password:
/// the link alone signs nobody in. A wrong password changes nothing and is throttled like a login.
#[tokio::test]
async fn accepting_an_invitation_for_an_existing_account_asks_for_its_password() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let invitation = team::invite(
            &db.db,
            &Notifier::default(),
            Some(&t.admin),
            2,
            "owner@one.be",
            Role::Staff,
            common::Lang::Fr,
            "http://vitrine.test",
            now,
        )
        .await
        .unwrap();
        let shown = team::preview(&db.db, &invitation.token, now).await.unwrap();
        assert!(shown.asks_account_password && !shown.needs_password, "{shown:?}");
        let problems = |r: Result<accounts::LoggedIn, DomainError>| match r {
            Err(DomainError::Invalid(problems)) => {
                problems.into_iter().map(|p| (p.field, p.problem)).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        let wrong = vec![("password".to_string(), "password_wrong".to_string())];
        assert_eq!(problems(team::accept_from(&db.db, &invitation.token, None, "10.0.5.1", now).await), wrong);
        assert_eq!(
            problems(
                team::accept_from(&db.db, &invitation.token, Some("a brand new password for me"), "10.0.5.1", now)
                    .await
            ),
            wrong,
            "a new password does not replace the account's"
        );
        assert!(domain::authz::role_in(&db.db, t.owner.account_id, 2).await.unwrap().is_none(), "nothing joined");
        let joined = team::accept_from(&db.db, &invitation.token, Some(PASSWORD), "10.0.5.1", now).await.unwrap();
        assert_eq!(joined.account.id, t.owner.account_id);
        assert_eq!(domain::authz::role_in(&db.db, t.owner.account_id, 2).await.unwrap(), Some(Role::Staff));
        // The account's password is unchanged, and the check is throttled like a login.
        assert!(accounts::log_in(&db.db, "owner@one.be", PASSWORD, "10.0.5.2", now).await.is_ok());
        let again = team::invite(
            &db.db,
            &Notifier::default(),
            Some(&t.admin),
            3,
            "owner@one.be",
            Role::Staff,
            common::Lang::Fr,
            "http://vitrine.test",
            now,
        )
        .await
        .unwrap();
        for _ in 0..accounts::throttle::PAIR_LIMIT {
            let _ = team::accept_from(&db.db, &again.token, Some("not the password at all"), "10.0.5.3", now).await;
        }
        assert!(matches!(
            team::accept_from(&db.db, &again.token, Some(PASSWORD), "10.0.5.3", now).await,
            Err(DomainError::TooManyAttempts { .. })
        ));
    })
    .await;
}

/// The unsent e-mails of `kind` to `to` still in the outbox.
async fn waiting(db: &sea_orm::DatabaseConnection, kind: &str, to: &str) -> usize {
    outbox(db).await.into_iter().filter(|m| m.kind == kind && m.recipient == to).count()
}

/// A password reset, a password change and "log out everywhere" revoke the account's open reset
/// and address-change links and erase their unsent e-mails; a link issued before the account's
/// last password change is refused even if nothing revoked it.
#[tokio::test]
async fn password_changes_and_logging_out_everywhere_revoke_the_accounts_links() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let db = &db.db;
        let base = "https://vitrine.test";
        let last_token = |path: &'static str| async move {
            let mails = outbox(db).await;
            token_in(&mails.last().unwrap().body_text, path)
        };
        let reset_path = "https://vitrine.test/reinitialiser/";
        let change_path = "https://vitrine.test/confirmer-adresse/";

        // A password change.
        accounts::request_password_reset(db, &Notifier::default(), "owner@one.be", base, now).await.unwrap();
        let reset = last_token(reset_path).await;
        accounts::request_email_change(db, &Notifier::default(), &t.owner, PASSWORD, "owner.new@one.be", base, now).await.unwrap();
        let change = last_token(change_path).await;
        assert_eq!(waiting(db, "password_reset", "owner@one.be").await, 1);
        assert_eq!(waiting(db, "confirm_email_change", "owner.new@one.be").await, 1);
        let later = now + Duration::minutes(1);
        accounts::change_password(db, &Notifier::default(), &t.owner, PASSWORD, "une toute nouvelle phrase secrète", later).await.unwrap();
        assert!(matches!(accounts::reset_link_valid(db, &reset, later).await, Err(DomainError::LinkExpired)));
        assert!(matches!(accounts::confirm_email_change(db, &Notifier::default(), &change, later).await, Err(DomainError::LinkExpired)));
        assert_eq!(waiting(db, "password_reset", "owner@one.be").await, 0, "the reset e-mail is erased");
        assert_eq!(waiting(db, "confirm_email_change", "owner.new@one.be").await, 0, "the change e-mail is erased");

        // A password reset revokes the other reset links.
        accounts::request_password_reset(db, &Notifier::default(), "staff@one.be", base, now).await.unwrap();
        let first = last_token(reset_path).await;
        accounts::request_password_reset(db, &Notifier::default(), "staff@one.be", base, now).await.unwrap();
        let second = last_token(reset_path).await;
        accounts::reset_password(db, &Notifier::default(), &first, "une toute nouvelle phrase secrète", later).await.unwrap();
        assert!(matches!(accounts::reset_link_valid(db, &second, later).await, Err(DomainError::LinkExpired)));
        assert_eq!(waiting(db, "password_reset", "staff@one.be").await, 0);

        // "Log out everywhere" too.
        accounts::request_password_reset(db, &Notifier::default(), "owner@two.be", base, now).await.unwrap();
        let reset = last_token(reset_path).await;
        sessions::end_all(db, t.other_owner.account_id, later).await.unwrap();
        assert!(matches!(accounts::reset_link_valid(db, &reset, later).await, Err(DomainError::LinkExpired)));
        assert_eq!(waiting(db, "password_reset", "owner@two.be").await, 0);

        // A link older than the last password change is refused even if no revocation reached it
        // (issued while the change was being written).
        let token = accounts::issue_token(
            db,
            accounts::Purpose::PasswordReset,
            "maire@soignies.be",
            Some(t.admin.account_id),
            None,
            None,
            None,
            now,
        )
        .await
        .unwrap();
        assert!(accounts::reset_link_valid(db, &token, later).await.is_ok());
        {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            entity::account::Entity::update_many()
                .col_expr(entity::account::Column::SessionsValidAfter, sea_orm::sea_query::Expr::value(later))
                .filter(entity::account::Column::Id.eq(t.admin.account_id))
                .exec(db)
                .await
                .unwrap();
        }
        assert!(matches!(accounts::reset_link_valid(db, &token, later).await, Err(DomainError::LinkExpired)));
    })
    .await;
}

/// A business may send a limited number of invitations a day and have a limited number waiting,
/// counted in the writing transaction: concurrent invitations cannot pass the limit together.
#[tokio::test]
async fn invitations_per_business_are_limited_per_day_and_waiting() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        let t = town(&db).await;
        let invite = |i: u64, at| {
            let db = db.db.clone();
            let admin = t.admin.clone();
            async move {
                team::invite(&db, &Notifier::default(), Some(&admin), 3, &format!("person{i}@three.be"), Role::Staff, common::Lang::Fr, "http://v.test", at)
                    .await
            }
        };
        let day = team::MAX_INVITATIONS_PER_DAY;
        let outcomes = all_at_once((0..day + 5).map(|i| invite(i, now))).await;
        let sent = outcomes.iter().filter(|o| o.is_ok()).count() as u64;
        assert_eq!(sent, day, "{outcomes:?}");
        for refused in outcomes.iter().filter(|o| o.is_err()) {
            assert!(
                matches!(refused, Err(DomainError::TooManyAttempts { retry_after_secs }) if *retry_after_secs <= 24 * 3600),
                "{refused:?}"
            );
        }
        let status = common::AppError::from(DomainError::TooManyAttempts { retry_after_secs: 60 }).status();
        assert_eq!(status, 429);
        // Other businesses are not concerned.
        assert!(team::invite(&db.db, &Notifier::default(), Some(&t.admin), 4, "x@four.be", Role::Staff, common::Lang::Fr, "http://v.test", now)
            .await
            .is_ok());
        // The next day, ten more: twenty waiting.
        let next_day = now + Duration::hours(25);
        for i in 100..100 + day {
            team::invite(&db.db, &Notifier::default(), Some(&t.admin), 3, &format!("person{i}@three.be"), Role::Staff, common::Lang::Fr, "http://v.test", next_day)
                .await
                .unwrap();
        }
        let (_, open) = team::members_of(&db.db, 3, next_day).await.unwrap();
        assert_eq!(open.len() as u64, team::MAX_PENDING_INVITATIONS);
        // The day after, none sent yet that day, but too many waiting: refused until the oldest
        // expires (more than a day away), or one is revoked.
        let third_day = now + Duration::hours(50);
        let refused =
            team::invite(&db.db, &Notifier::default(), Some(&t.admin), 3, "one.more@three.be", Role::Staff, common::Lang::Fr, "http://v.test", third_day)
                .await;
        assert!(
            matches!(refused, Err(DomainError::TooManyAttempts { retry_after_secs }) if retry_after_secs > 24 * 3600),
            "{refused:?}"
        );
        // Which ten of the first fifteen got through is the race's choice: revoke one that did.
        let first_day = |email: &str| {
            email.strip_prefix("person").and_then(|rest| rest.split('@').next()?.parse::<u64>().ok()).is_some_and(|i| i < 100)
        };
        let first_sent = open.iter().map(|o| o.email.clone()).find(|email| first_day(email)).unwrap();
        team::revoke_invitation(&db.db, Some(&t.admin), 3, &first_sent, third_day).await.unwrap();
        assert!(team::invite(&db.db, &Notifier::default(), Some(&t.admin), 3, "one.more@three.be", Role::Staff, common::Lang::Fr, "http://v.test", third_day)
            .await
            .is_ok());
    })
    .await;
}

/// The clean-ups run once per hour across instances, by the injected clock: ended sessions, old
/// throttle rows, dead links and the unsent e-mails that carry them.
#[tokio::test]
async fn housekeeping_removes_what_ended_once_per_hour_across_instances() {
    use accounts::housekeeping;
    use sea_orm::{EntityTrait, PaginatorTrait};
    on_every_backend(|db| async move {
        let now = saturday_morning();
        town(&db).await;
        let db = &db.db;
        accounts::log_in(db, "owner@one.be", PASSWORD, "10.0.7.1", now).await.unwrap();
        let _ = accounts::log_in(db, "owner@one.be", "wrong password here", "10.0.7.2", now).await;
        accounts::request_password_reset(db, &Notifier::default(), "staff@one.be", "https://vitrine.test", now).await.unwrap();
        let sessions_left = || async { entity::session::Entity::find().count(db).await.unwrap() };
        let throttle_rows = || async { entity::login_throttle::Entity::find().count(db).await.unwrap() };
        let links = || async { entity::auth_token::Entity::find().count(db).await.unwrap() };
        assert!(sessions_left().await > 0 && throttle_rows().await > 0);

        // An hour later: the reset link expired, its e-mail (never sent) is erased; the link's row
        // is kept a day; sessions are still alive.
        let hour = now + Duration::minutes(61);
        let ran = housekeeping::run_due(db, "", hour).await.unwrap();
        assert_eq!(ran.iter().map(|r| r.job).collect::<Vec<_>>(), housekeeping::JOBS.to_vec());
        assert_eq!(waiting(db, "password_reset", "staff@one.be").await, 0, "the dead link's e-mail is erased");
        assert_eq!(throttle_rows().await, 0, "the throttle's windows are over");
        assert!(sessions_left().await > 0);
        assert!(housekeeping::run_due(db, "", hour + Duration::minutes(5)).await.unwrap().is_empty(), "once per hour");

        // Eight days later, two instances at once: each job runs once.
        let later = now + Duration::days(8);
        let links_before = links().await;
        let runs = all_at_once((0..2).map(|_| {
            let db = db.clone();
            async move { housekeeping::run_due(&db, "", later).await.unwrap() }
        }))
        .await;
        let mut jobs: Vec<&str> = runs.iter().flatten().map(|r| r.job).collect();
        jobs.sort();
        let mut expected = housekeeping::JOBS.to_vec();
        expected.sort();
        assert_eq!(jobs, expected, "each job once: {runs:?}");
        assert_eq!(sessions_left().await, 0, "sessions idle for 8 days are gone");
        assert!(links().await < links_before, "links expired over a day ago are gone");
    })
    .await;
}
