//! The merchant's writes to their offers (`domain::offers::manage`) on SQLite and PostgreSQL:
//! a draft and a published offer, an edit from a stale version refused (`Conflict`), ending
//! early, deleting (the photo's files go only when no other offer shows them), "post again",
//! the limits of the form and of open offers, who may write at all, and the town
//! administrator's hide and restore.

mod support;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use common::offers::{OfferForm, OfferState};
use common::Lang;
use domain::authz::Actor;
use domain::clock::today_in_brussels as today;
use domain::offers::manage::{self, PhotoChange, MAX_OPEN_OFFERS};
use domain::offers::{photo_widths, state_of};
use domain::DomainError;
use entity::{business, offer};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder, Set};
use support::*;

/// An account (no password: these tests never log in) and, if given, its role in a business.
async fn person(db: &DatabaseConnection, email: &str, is_admin: bool, member_of: Option<(i32, &str)>) -> Actor {
    let now = saturday_morning();
    let account = entity::account::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(String::new()),
        language: Set("fr".into()),
        is_admin: Set(is_admin),
        created_at: Set(now),
        sessions_valid_after: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    if let Some((business_id, role)) = member_of {
        entity::membership::ActiveModel {
            account_id: Set(account.id),
            business_id: Set(business_id),
            role: Set(role.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    Actor { account_id: account.id, email: account.email, is_admin, language: Lang::Fr }
}

/// The people of these tests: an owner and a staff member of the first business, the owner of
/// another, and a town administrator.
struct People {
    shop: i32,
    other_shop: i32,
    owner: Actor,
    staff: Actor,
    other_owner: Actor,
    admin: Actor,
}

async fn people(db: &DatabaseConnection) -> People {
    let businesses = business::Entity::find().order_by_asc(business::Column::Id).all(db).await.unwrap();
    let (shop, other_shop) = (businesses[0].id, businesses[1].id);
    People {
        shop,
        other_shop,
        owner: person(db, "owner@example.be", false, Some((shop, "owner"))).await,
        staff: person(db, "staff@example.be", false, Some((shop, "staff"))).await,
        other_owner: person(db, "other@example.be", false, Some((other_shop, "owner"))).await,
        admin: person(db, "maire@soignies.be", true, None).await,
    }
}

fn form(start: &str, end: &str) -> OfferForm {
    OfferForm {
        kind: "promotion".into(),
        title_fr: "Galettes des rois -20 %".into(),
        title_nl: "Driekoningentaarten -20 %".into(),
        body_fr: "Toutes nos galettes, frangipane ou pommes.".into(),
        starts_on: start.into(),
        ends_on: end.into(),
        ..OfferForm::default()
    }
}

/// A small photo-like PNG drawn here.
fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(320, 200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture).write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

/// The files of an offer's photo in the media directory.
fn photo_files(media: &Path, offer: &offer::Model) -> Vec<PathBuf> {
    let file = offer.photo_file.as_deref().expect("the offer has a photo");
    let key = domain::photos::store_key_of(file).expect("an uploaded photo");
    photo_widths(offer).iter().map(|&w| media.join(domain::photos::variant_file(key, w))).collect()
}

async fn load(db: &DatabaseConnection, id: i32) -> Option<offer::Model> {
    offer::Entity::find_by_id(id).one(db).await.unwrap()
}

fn now() -> DateTime<Utc> {
    // Saturday 28 November 2026, 10:00 in Soignies.
    saturday_morning()
}

fn problems_of(error: DomainError) -> Vec<(String, String)> {
    match error {
        DomainError::Invalid(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn a_draft_then_a_published_offer_each_in_its_state() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let draft = manage::create(
            &db.db,
            &media,
            Some(&p.staff),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            false,
            now(),
        )
        .await
        .unwrap();
        let live = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
        let scheduled = manage::create(
            &db.db,
            &media,
            Some(&p.admin),
            p.shop,
            &form("2026-12-10", "2026-12-20"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
        let today = today(now());
        assert_eq!(state_of(&load(&db.db, draft).await.unwrap(), today), OfferState::Draft);
        assert_eq!(state_of(&load(&db.db, live).await.unwrap(), today), OfferState::Live);
        assert_eq!(state_of(&load(&db.db, scheduled).await.unwrap(), today), OfferState::Scheduled);

        let list = manage::list(&db.db, Some(&p.owner), p.shop, Lang::Nl, now()).await.unwrap();
        // (The demo town may have offers of its own: only these three are looked at.)
        let ids = |rows: &[common::offers::MerchantOfferRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        assert!(ids(&list.drafts).contains(&draft));
        assert!(ids(&list.live).contains(&live) && !ids(&list.live).contains(&draft));
        assert!(ids(&list.scheduled).contains(&scheduled));
        let row = list.live.iter().find(|r| r.id == live).unwrap();
        assert_eq!(row.title, "Driekoningentaarten -20 %", "the list reads the merchant's language");

        // Publishing the draft after its preview.
        let version = load(&db.db, draft).await.unwrap().version;
        manage::publish(&db.db, Some(&p.staff), p.shop, draft, version, now()).await.unwrap();
        assert_eq!(state_of(&load(&db.db, draft).await.unwrap(), today), OfferState::Live);
        // Walking the clock: on 6 December the first two have ended by themselves.
        let later = at("2026-12-06T09:00:00+01:00");
        let list = manage::list(&db.db, Some(&p.owner), p.shop, Lang::Fr, later).await.unwrap();
        assert!(ids(&list.ended).contains(&live) && ids(&list.ended).contains(&draft));
        assert!(ids(&list.scheduled).contains(&scheduled));
    })
    .await;
}

#[tokio::test]
async fn an_edit_from_a_stale_version_is_a_conflict_and_changes_nothing() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let id = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
        let mut first = form("2026-11-28", "2026-12-06");
        first.title_fr = "Galettes -30 %".into();
        let version =
            manage::update(&db.db, &media, Some(&p.staff), p.shop, id, 1, &first, PhotoChange::Keep, false, now())
                .await
                .unwrap();
        assert_eq!(version, 2);
        let mut second = form("2026-11-28", "2026-12-07");
        second.title_fr = "Autre onglet".into();
        let stale =
            manage::update(&db.db, &media, Some(&p.owner), p.shop, id, 1, &second, PhotoChange::Keep, false, now())
                .await;
        assert!(matches!(stale, Err(DomainError::Conflict)), "{stale:?}");
        let stored = load(&db.db, id).await.unwrap();
        assert_eq!(stored.title_fr, "Galettes -30 %");
        assert_eq!(stored.version, 2);
        // Publishing from a stale version is refused too.
        let draft = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            false,
            now(),
        )
        .await
        .unwrap();
        manage::update(&db.db, &media, Some(&p.owner), p.shop, draft, 1, &first, PhotoChange::Keep, false, now())
            .await
            .unwrap();
        assert!(matches!(
            manage::publish(&db.db, Some(&p.owner), p.shop, draft, 1, now()).await,
            Err(DomainError::Conflict)
        ));
    })
    .await;
}

#[tokio::test]
async fn ending_early_and_posting_again() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let mut with_photo = form("2026-11-28", "2026-12-05");
        with_photo.photo_alt_fr = "Une galette dorée sur le comptoir".into();
        let id = manage::create(&db.db, &media, Some(&p.owner), p.shop, &with_photo, Some(png()), true, now())
            .await
            .unwrap();
        manage::end_early(&db.db, Some(&p.staff), p.shop, id, now()).await.unwrap();
        let ended = load(&db.db, id).await.unwrap();
        assert_eq!(state_of(&ended, today(now())), OfferState::Ended);
        // A second tap changes nothing; an ended offer is not edited any more.
        manage::end_early(&db.db, Some(&p.staff), p.shop, id, now()).await.unwrap();
        let edit = manage::update(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            id,
            ended.version,
            &with_photo,
            PhotoChange::Keep,
            false,
            now(),
        )
        .await;
        assert_eq!(problems_of(edit.unwrap_err()), vec![("offer".to_string(), "offer_ended".to_string())]);
        // A draft cannot be ended.
        let draft = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            false,
            now(),
        )
        .await
        .unwrap();
        let refused = manage::end_early(&db.db, Some(&p.owner), p.shop, draft, now()).await.unwrap_err();
        assert_eq!(problems_of(refused), vec![("offer".to_string(), "offer_not_published".to_string())]);

        // Post again, a week later: the dates proposed start that day and last as long.
        let later = at("2026-12-10T09:00:00+01:00");
        let (start, end) = manage::post_again_dates(&ended, later);
        assert_eq!(start.to_string(), "2026-12-10");
        assert_eq!(end.to_string(), "2026-12-17");
        let copy = manage::post_again(&db.db, Some(&p.staff), p.shop, id, &start.to_string(), &end.to_string(), later)
            .await
            .unwrap();
        let copy = load(&db.db, copy).await.unwrap();
        assert_eq!(state_of(&copy, today(later)), OfferState::Live);
        assert_eq!(copy.title_fr, ended.title_fr);
        assert_eq!(copy.photo_file, ended.photo_file, "the copy shows the same photo");
        // Dates in the past are refused, nothing is copied.
        let before = offer::Entity::find().count(&db.db).await.unwrap();
        let past = manage::post_again(&db.db, Some(&p.staff), p.shop, id, "2026-12-01", "2026-12-20", later).await;
        assert_eq!(problems_of(past.unwrap_err()), vec![("starts_on".to_string(), "start_in_past".to_string())]);
        assert_eq!(offer::Entity::find().count(&db.db).await.unwrap(), before);
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn deleting_removes_the_photo_files_only_when_no_other_offer_shows_them() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let mut with_photo = form("2026-11-28", "2026-12-05");
        with_photo.photo_alt_fr = "Une galette dorée".into();
        let id = manage::create(&db.db, &media, Some(&p.owner), p.shop, &with_photo, Some(png()), true, now())
            .await
            .unwrap();
        let original = load(&db.db, id).await.unwrap();
        let files = photo_files(&media, &original);
        assert!(!files.is_empty() && files.iter().all(|f| f.exists()));
        let copy =
            manage::post_again(&db.db, Some(&p.owner), p.shop, id, "2026-12-01", "2026-12-03", now()).await.unwrap();
        // The original goes; the copy still shows the photo, so its files stay.
        manage::delete(&db.db, &media, Some(&p.owner), p.shop, id, now()).await.unwrap();
        assert!(load(&db.db, id).await.is_none());
        assert!(files.iter().all(|f| f.exists()), "a shared photo's files stay");
        // The last offer showing it goes: its files go too.
        manage::delete(&db.db, &media, Some(&p.staff), p.shop, copy, now()).await.unwrap();
        assert!(files.iter().all(|f| !f.exists()), "an unshared photo's files are removed");

        // Replacing a photo removes the old, unshared files.
        let id = manage::create(&db.db, &media, Some(&p.owner), p.shop, &with_photo, Some(png()), true, now())
            .await
            .unwrap();
        let first = photo_files(&media, &load(&db.db, id).await.unwrap());
        manage::update(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            id,
            1,
            &with_photo,
            PhotoChange::Replace(png()),
            false,
            now(),
        )
        .await
        .unwrap();
        let replaced = load(&db.db, id).await.unwrap();
        assert!(first.iter().all(|f| !f.exists()));
        assert!(photo_files(&media, &replaced).iter().all(|f| f.exists()));
        // A photo that is no image is refused: nothing changes, no file is written.
        let refused = manage::update(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            id,
            2,
            &with_photo,
            PhotoChange::Replace(b"%PDF-1.4 not an image".to_vec()),
            false,
            now(),
        )
        .await
        .unwrap_err();
        assert!(problems_of(refused).iter().any(|(field, _)| field == "photo"));
        assert_eq!(load(&db.db, id).await.unwrap(), replaced);
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn bad_input_and_the_open_offers_limit_change_nothing() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let create = |f: OfferForm, photo: Option<Vec<u8>>| {
            let (db, media, owner, shop) = (db.db.clone(), media.clone(), p.owner.clone(), p.shop);
            async move { manage::create(&db, &media, Some(&owner), shop, &f, photo, true, now()).await }
        };
        let before = offer::Entity::find().count(&db.db).await.unwrap();
        let end_before = create(form("2026-12-10", "2026-12-08"), None).await.unwrap_err();
        assert_eq!(problems_of(end_before), vec![("ends_on".to_string(), "end_before_start".to_string())]);
        let past = create(form("2026-11-27", "2026-12-08"), None).await.unwrap_err();
        assert_eq!(problems_of(past), vec![("starts_on".to_string(), "start_in_past".to_string())]);
        let mut huge = form("2026-11-28", "2026-12-08");
        huge.title_fr = "x".repeat(5 * 1024 * 1024);
        assert_eq!(
            problems_of(create(huge, None).await.unwrap_err()),
            vec![("title_fr".to_string(), "too_long".to_string())]
        );
        let mut control = form("2026-11-28", "2026-12-08");
        control.promo_code = "NOEL\u{1b}26".into();
        assert_eq!(
            problems_of(create(control, None).await.unwrap_err()),
            vec![("promo_code".to_string(), "control_characters".to_string())]
        );
        let mut not_image = form("2026-11-28", "2026-12-08");
        not_image.photo_alt_fr = "Une photo".into();
        let refused = create(not_image, Some(b"GIF89a but not really".to_vec())).await.unwrap_err();
        assert!(problems_of(refused).iter().any(|(field, _)| field == "photo"));
        assert_eq!(offer::Entity::find().count(&db.db).await.unwrap(), before, "nothing saved");

        // Up to the limit of open offers (the demo town's own count too), then refused.
        let mut created = 0;
        let full = loop {
            match create(form("2026-11-28", "2026-12-08"), None).await {
                Ok(_) => created += 1,
                Err(error) => break error,
            }
            assert!(created <= MAX_OPEN_OFFERS, "the limit was passed");
        };
        assert!(created > 0);
        assert_eq!(problems_of(full), vec![("offers".to_string(), "too_many_offers".to_string())]);
        // Another business is not concerned by this one's limit.
        manage::create(
            &db.db,
            &media,
            Some(&p.other_owner),
            p.other_shop,
            &form("2026-11-28", "2026-12-08"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
    })
    .await;
}

#[tokio::test]
async fn only_the_business_people_write_and_another_business_offer_is_not_found() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let f = form("2026-11-28", "2026-12-05");
        let id = manage::create(&db.db, &media, Some(&p.owner), p.shop, &f, None, true, now()).await.unwrap();
        let other =
            manage::create(&db.db, &media, Some(&p.other_owner), p.other_shop, &f, None, true, now()).await.unwrap();
        let anonymous = manage::create(&db.db, &media, None, p.shop, &f, None, true, now()).await;
        assert!(matches!(anonymous, Err(DomainError::Unauthenticated)));
        let stranger = manage::create(&db.db, &media, Some(&p.other_owner), p.shop, &f, None, true, now()).await;
        assert!(matches!(stranger, Err(DomainError::Forbidden)));
        for result in [
            manage::end_early(&db.db, Some(&p.other_owner), p.shop, id, now()).await,
            manage::delete(&db.db, &media, Some(&p.other_owner), p.shop, id, now()).await,
        ] {
            assert!(matches!(result, Err(DomainError::Forbidden)), "{result:?}");
        }
        // The other business's offer, named under this business: not found, even for its owner.
        for actor in [&p.owner, &p.other_owner, &p.admin] {
            let forged = manage::end_early(&db.db, Some(actor), p.shop, other, now()).await;
            assert!(matches!(forged, Err(DomainError::NotFound) | Err(DomainError::Forbidden)), "{forged:?}");
            let forged = manage::edit_view(&db.db, Some(actor), p.shop, other, now()).await;
            assert!(matches!(forged, Err(DomainError::NotFound) | Err(DomainError::Forbidden)), "{forged:?}");
        }
        assert!(matches!(
            manage::delete(&db.db, &media, Some(&p.owner), p.shop, other, now()).await,
            Err(DomainError::NotFound)
        ));
        assert!(load(&db.db, other).await.is_some());
        assert!(matches!(
            manage::list(&db.db, Some(&p.other_owner), p.shop, Lang::Fr, now()).await,
            Err(DomainError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test]
async fn only_an_administrator_hides_and_restores() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let id = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
        assert!(matches!(manage::hide(&db.db, Some(&p.owner), id, "Non", now()).await, Err(DomainError::Forbidden)));
        assert!(matches!(manage::hide(&db.db, None, id, "Non", now()).await, Err(DomainError::Unauthenticated)));
        assert_eq!(
            problems_of(manage::hide(&db.db, Some(&p.admin), id, "  ", now()).await.unwrap_err()),
            vec![("reason".to_string(), "required".to_string())]
        );
        manage::hide(&db.db, Some(&p.admin), id, "Photo d'une autre enseigne", now()).await.unwrap();
        let hidden = load(&db.db, id).await.unwrap();
        assert!(!domain::offers::is_public(&hidden, today(now())));
        // The merchant sees the reason in their list and editor.
        let list = manage::list(&db.db, Some(&p.staff), p.shop, Lang::Fr, now()).await.unwrap();
        assert_eq!(list.live[0].hidden_reason.as_deref(), Some("Photo d'une autre enseigne"));
        let edit = manage::edit_view(&db.db, Some(&p.owner), p.shop, id, now()).await.unwrap();
        assert_eq!(edit.hidden_reason.as_deref(), Some("Photo d'une autre enseigne"));
        assert!(matches!(manage::restore(&db.db, Some(&p.staff), id, now()).await, Err(DomainError::Forbidden)));
        manage::restore(&db.db, Some(&p.admin), id, now()).await.unwrap();
        assert!(domain::offers::is_public(&load(&db.db, id).await.unwrap(), today(now())));
    })
    .await;
}

#[tokio::test]
async fn post_again_is_proposed_for_each_ended_offer_not_hidden_with_dates_from_the_day_it_is_asked() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let publish = |start: &'static str, end: &'static str, published: bool| {
            let (db, media, owner, shop) = (db.db.clone(), media.clone(), p.owner.clone(), p.shop);
            async move {
                manage::create(&db, &media, Some(&owner), shop, &form(start, end), None, published, now()).await.unwrap()
            }
        };
        let week = publish("2026-11-28", "2026-12-05", true).await;
        let day = publish("2026-11-28", "2026-11-28", true).await;
        let hidden = publish("2026-11-28", "2026-12-01", true).await;
        let live = publish("2026-11-28", "2026-12-31", true).await;
        let _draft = publish("2026-11-28", "2026-12-05", false).await;
        manage::hide(&db.db, Some(&p.admin), hidden, "Prix trompeur", now()).await.unwrap();

        // On 10 December the first three have ended; the town's hidden one is not proposed.
        let later = at("2026-12-10T09:00:00+01:00");
        let proposals = manage::post_again_proposals(&db.db, Some(&p.staff), p.shop, later).await.unwrap();
        // (The seed's own offers of the shop are left out of the comparison.)
        let ours = [week, day, hidden, live];
        let shown: Vec<(i32, String, String)> = proposals
            .iter()
            .filter(|(id, _, _)| ours.contains(id))
            .map(|(id, s, e)| (*id, s.to_string(), e.to_string()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (week, "2026-12-10".to_string(), "2026-12-17".to_string()),
                (day, "2026-12-10".to_string(), "2026-12-10".to_string()),
            ],
            "{}",
            db.label
        );
        assert!(!shown.iter().any(|(id, _, _)| *id == live || *id == hidden));
        // Once the town shows it again, it is proposed too.
        manage::restore(&db.db, Some(&p.admin), hidden, later).await.unwrap();
        let proposals = manage::post_again_proposals(&db.db, Some(&p.owner), p.shop, later).await.unwrap();
        assert!(proposals.iter().any(|(id, _, _)| *id == hidden), "{}", db.label);
        // Only the business's people see them.
        let other = manage::post_again_proposals(&db.db, Some(&p.other_owner), p.shop, later).await;
        assert!(matches!(other, Err(DomainError::Forbidden)), "{other:?}");
        let nobody = manage::post_again_proposals(&db.db, None, p.shop, later).await;
        assert!(matches!(nobody, Err(DomainError::Unauthenticated)), "{nobody:?}");
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn an_offer_the_town_hid_is_not_posted_again_until_it_is_restored() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let p = people(&db.db).await;
        let media = media_dir();
        let id = manage::create(
            &db.db,
            &media,
            Some(&p.owner),
            p.shop,
            &form("2026-11-28", "2026-12-05"),
            None,
            true,
            now(),
        )
        .await
        .unwrap();
        manage::hide(&db.db, Some(&p.admin), id, "Prix trompeur", now()).await.unwrap();
        manage::end_early(&db.db, Some(&p.owner), p.shop, id, now()).await.unwrap();

        // A week later the merchant tries "post again" on it: refused, with the reason's field,
        // and nothing is copied.
        let later = at("2026-12-10T09:00:00+01:00");
        let before = offer::Entity::find().count(&db.db).await.unwrap();
        let copied = manage::post_again(&db.db, Some(&p.owner), p.shop, id, "2026-12-10", "2026-12-17", later).await;
        assert_eq!(
            problems_of(copied.unwrap_err()),
            vec![("offer".to_string(), "offer_hidden".to_string())],
            "{}",
            db.label
        );
        assert_eq!(offer::Entity::find().count(&db.db).await.unwrap(), before, "{}", db.label);

        // Once the town shows it again, it may be posted again.
        manage::restore(&db.db, Some(&p.admin), id, later).await.unwrap();
        let copy =
            manage::post_again(&db.db, Some(&p.owner), p.shop, id, "2026-12-10", "2026-12-17", later).await.unwrap();
        assert_eq!(state_of(&load(&db.db, copy).await.unwrap(), today(later)), OfferState::Live, "{}", db.label);
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}
