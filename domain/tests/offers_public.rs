//! The shoppers' side of the offers feed on SQLite and PostgreSQL (`domain::offers::public`):
//! an injected clock walks an offer from scheduled to live to ended; hidden offers, drafts and
//! offers of an unpublished business leave every list, and their pages are 404 for the public
//! but a preview for the business's people; filters (category, kind, ending soon) and paging.

mod support;

use chrono::{DateTime, Duration, Utc};
use common::offers::{OfferForm, OfferKind, OfferPreview, OfferState, RawOffersQuery};
use common::query::QueryProblem;
use common::Lang;
use domain::accounts;
use domain::mail::Notifier;
use domain::authz::{Actor, Role};
use domain::offers::{manage, public};
use domain::{team, DomainError};
use sea_orm::{ActiveValue::NotSet, EntityTrait, Set};
use support::*;

const PASSWORD: &str = "le pain sort du four à sept heures";
const BASE: &str = "https://vitrine.test";

/// The town's administrator, and the owner of business 1 (Pâtisserie Lemaire).
async fn people(db: &TestDb, now: DateTime<Utc>) -> (Actor, Actor) {
    let (admin, _) = accounts::create_admin(&db.db, "maire@soignies.be", Some(PASSWORD), now).await.unwrap();
    let admin = accounts::actor_of(&admin);
    let invitation =
        team::invite(&db.db, &Notifier::default(), Some(&admin), 1, "owner@one.be", Role::Owner, Lang::Fr, "https://v.test", now)
            .await
            .unwrap();
    let owner = team::accept(&db.db, &invitation.token, Some(PASSWORD), now).await.unwrap();
    (admin, accounts::actor_of(&owner.account))
}

fn form(kind: &str, title: &str, starts_on: chrono::NaiveDate, ends_on: chrono::NaiveDate) -> OfferForm {
    OfferForm {
        kind: kind.into(),
        title_fr: title.into(),
        body_fr: "Une offre de test.".into(),
        starts_on: starts_on.to_string(),
        ends_on: ends_on.to_string(),
        ..OfferForm::default()
    }
}

fn raw(category: &str, kind: &str, ending_soon: &str, page: &str) -> RawOffersQuery {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    RawOffersQuery { category: some(category), kind: some(kind), ending_soon: some(ending_soon), page: some(page) }
}

async fn feed_titles(db: &TestDb, query: RawOffersQuery, now: DateTime<Utc>) -> Vec<String> {
    public::feed(&db.db, Lang::Fr, &query, now).await.unwrap().items.into_iter().map(|c| c.title).collect()
}

#[tokio::test]
async fn the_demo_feed_lists_live_offers_newest_first_with_filters() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let page = public::feed(&db.db, Lang::Fr, &RawOffersQuery::default(), now).await.unwrap();
        // Live: the event (6 h ago), the new bread (20 h), the galettes (50 h), the bouquets
        // (100 h); neither the scheduled barbecue box nor the ended croissants.
        let titles: Vec<&str> = page.items.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Rencontre avec une autrice sonégienne",
                "Nouveau : pain au levain de seigle",
                "Galettes des rois : −20 %",
                "Bouquets de saison −15 %"
            ],
            "{}",
            db.label
        );
        assert_eq!((page.total, page.page, page.page_count), (4, 1, 1));
        let bakeries = page.categories.iter().find(|c| c.slug == "boulangerie").unwrap();
        assert_eq!(bakeries.count, 2, "live offers per category");
        assert_eq!(page.items[0].kind, OfferKind::Event);
        assert_eq!(page.items[0].business_slug, "librairie-la-page-blanche");

        // Filters.
        assert_eq!(feed_titles(&db, raw("boulangerie", "", "", ""), now).await.len(), 2);
        assert_eq!(
            feed_titles(&db, raw("boulangerie", "new_arrival", "", ""), now).await,
            vec!["Nouveau : pain au levain de seigle"]
        );
        assert_eq!(
            feed_titles(&db, raw("", "event", "", ""), now).await,
            vec!["Rencontre avec une autrice sonégienne"]
        );
        assert_eq!(feed_titles(&db, raw("", "", "1", ""), now).await, vec!["Bouquets de saison −15 %"]);
        assert!(feed_titles(&db, raw("pharmacie", "", "", ""), now).await.is_empty());
        // Bad filters are refused as on /commerces.
        let unknown = public::feed(&db.db, Lang::Fr, &raw("casino", "", "", ""), now).await;
        assert!(matches!(unknown, Err(DomainError::BadQuery(QueryProblem::UnknownCategory))), "{unknown:?}");
        let kind = public::feed(&db.db, Lang::Fr, &raw("", "pyramid", "", ""), now).await;
        assert!(matches!(kind, Err(DomainError::BadQuery(QueryProblem::UnknownKind))), "{kind:?}");
        let past = public::feed(&db.db, Lang::Fr, &raw("", "", "", "2"), now).await;
        assert!(matches!(past, Err(DomainError::BadQuery(QueryProblem::PageOutOfRange { last: 1, .. }))), "{past:?}");

        // Languages: Dutch where written, French (and said so) where not.
        let nl = public::feed(&db.db, Lang::En, &RawOffersQuery::default(), now).await.unwrap();
        assert_eq!(
            (nl.items[0].title.as_str(), nl.items[0].title_lang),
            ("Rencontre avec une autrice sonégienne", Lang::Fr)
        );
        assert_eq!((nl.items[1].title.as_str(), nl.items[1].title_lang), ("New: rye sourdough bread", Lang::En));

        // The home page's few, and a business's own.
        let home = public::current(&db.db, Lang::Fr, now, 2).await.unwrap();
        assert_eq!(home.len(), 2);
        let market = public::of_business(&db.db, Lang::Fr, "boulangerie-du-marche", now).await.unwrap();
        assert_eq!(
            market.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
            vec!["Nouveau : pain au levain de seigle"]
        );
        assert!(public::of_business(&db.db, Lang::Fr, "nobody", now).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_clock_walks_an_offer_from_scheduled_to_live_to_ended() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let (_, owner) = people(&db, now).await;
        let today = domain::clock::today_in_brussels(now);
        let f = form("promotion", "Bûches de Noël", today + Duration::days(2), today + Duration::days(4));
        let id = manage::create(&db.db, &media_dir(), Some(&owner), 1, &f, None, true, now).await.unwrap();
        let in_feed = |at: DateTime<Utc>| {
            let db = db.clone();
            async move { feed_titles(&db, RawOffersQuery::default(), at).await.contains(&"Bûches de Noël".to_string()) }
        };

        // Scheduled: not listed, its page reachable (a link shared early works).
        assert!(!in_feed(now).await, "{}", db.label);
        let scheduled = public::page(&db.db, Lang::Fr, id, None, now, BASE).await.unwrap();
        assert_eq!((scheduled.state, scheduled.preview.clone()), (OfferState::Scheduled, None));
        // Live from its first day's midnight (Brussels), ending soon near its end.
        let first_day = now + Duration::days(2) - Duration::hours(9) - Duration::minutes(59);
        assert!(!in_feed(first_day - Duration::minutes(2)).await);
        assert!(in_feed(first_day).await);
        let live = public::page(&db.db, Lang::Fr, id, None, first_day, BASE).await.unwrap();
        assert_eq!(live.state, OfferState::Live);
        assert!(live.ending_soon);
        assert_eq!(
            feed_titles(&db, raw("", "", "1", ""), first_day).await.first().map(String::as_str),
            Some("Bûches de Noël")
        );
        assert!(public::of_business(&db.db, Lang::Fr, "patisserie-lemaire", first_day)
            .await
            .unwrap()
            .iter()
            .any(|c| c.id == id));
        // Ended after its last day: out of every list, its page says so.
        let after = now + Duration::days(5);
        assert!(!in_feed(after).await);
        assert!(public::of_business(&db.db, Lang::Fr, "patisserie-lemaire", after)
            .await
            .unwrap()
            .iter()
            .all(|c| c.id != id));
        let ended = public::page(&db.db, Lang::Fr, id, None, after, BASE).await.unwrap();
        assert_eq!(ended.state, OfferState::Ended);
        assert!(!ended.ending_soon);

        // Ended early by its merchant: gone at once.
        manage::end_early(&db.db, Some(&owner), 1, id, first_day).await.unwrap();
        assert!(!in_feed(first_day).await);
        assert_eq!(public::page(&db.db, Lang::Fr, id, None, first_day, BASE).await.unwrap().state, OfferState::Ended);
    })
    .await;
}

#[tokio::test]
async fn drafts_hidden_offers_and_unpublished_shops_are_previews_for_their_people_only() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let (admin, owner) = people(&db, now).await;
        // Someone with a login but no part in business 1.
        let invitation =
            team::invite(&db.db, &Notifier::default(), Some(&admin), 2, "other@two.be", Role::Owner, Lang::Fr, "https://v.test", now)
                .await
                .unwrap();
        let other =
            accounts::actor_of(&team::accept(&db.db, &invitation.token, Some(PASSWORD), now).await.unwrap().account);
        let today = domain::clock::today_in_brussels(now);

        let draft = manage::create(
            &db.db,
            &media_dir(),
            Some(&owner),
            1,
            &form("event", "Atelier", today, today),
            None,
            false,
            now,
        )
        .await
        .unwrap();
        assert!(matches!(public::page(&db.db, Lang::Fr, draft, None, now, BASE).await, Err(DomainError::NotFound)));
        assert!(matches!(
            public::page(&db.db, Lang::Fr, draft, Some(&other), now, BASE).await,
            Err(DomainError::NotFound)
        ));
        let preview = public::page(&db.db, Lang::Fr, draft, Some(&owner), now, BASE).await.unwrap();
        assert_eq!((preview.state, preview.preview), (OfferState::Draft, Some(OfferPreview::Draft)), "{}", db.label);
        assert!(!feed_titles(&db, RawOffersQuery::default(), now).await.contains(&"Atelier".to_string()));

        // Hidden by the town: out of the feed; the reason in the preview.
        let galettes = public::of_business(&db.db, Lang::Fr, "patisserie-lemaire", now).await.unwrap()[0].id;
        manage::hide(&db.db, Some(&admin), galettes, "Prix trompeur", now).await.unwrap();
        assert!(!feed_titles(&db, RawOffersQuery::default(), now)
            .await
            .contains(&"Galettes des rois : −20 %".to_string()));
        assert!(matches!(public::page(&db.db, Lang::Fr, galettes, None, now, BASE).await, Err(DomainError::NotFound)));
        let hidden = public::page(&db.db, Lang::Fr, galettes, Some(&admin), now, BASE).await.unwrap();
        assert_eq!(hidden.preview, Some(OfferPreview::Hidden { reason: "Prix trompeur".into() }));
        manage::restore(&db.db, Some(&admin), galettes, now).await.unwrap();
        assert!(public::page(&db.db, Lang::Fr, galettes, None, now, BASE).await.unwrap().preview.is_none());

        // A shop the town unpublished: its offers leave the feed with it.
        domain::console::set_published(&db.db, Some(&admin), 1, false, "Fermeture", now).await.unwrap();
        assert!(!feed_titles(&db, RawOffersQuery::default(), now)
            .await
            .contains(&"Galettes des rois : −20 %".to_string()));
        assert!(public::of_business(&db.db, Lang::Fr, "patisserie-lemaire", now).await.unwrap().is_empty());
        assert!(matches!(public::page(&db.db, Lang::Fr, galettes, None, now, BASE).await, Err(DomainError::NotFound)));
        let unpublished = public::page(&db.db, Lang::Fr, galettes, Some(&owner), now, BASE).await.unwrap();
        assert_eq!(unpublished.preview, Some(OfferPreview::BusinessUnpublished));
        assert!(matches!(
            public::page(&db.db, Lang::Fr, 999_999, Some(&admin), now, BASE).await,
            Err(DomainError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn the_offer_page_carries_its_texts_and_json_ld() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let feed = public::feed(&db.db, Lang::Nl, &RawOffersQuery::default(), now).await.unwrap();
        let galettes = feed.items.iter().find(|c| c.kind == OfferKind::Promotion).unwrap().id;
        let page = public::page(&db.db, Lang::Nl, galettes, None, now, BASE).await.unwrap();
        assert_eq!(page.title, "Driekoningentaarten: −20 %");
        assert_eq!(page.promo_code.as_deref(), Some("GALETTE20"));
        assert_eq!(page.conditions_lang, Lang::Nl);
        assert_eq!(page.business.slug, "patisserie-lemaire");
        assert!(
            page.share_image.as_deref().is_some_and(|u| u.starts_with("https://vitrine.test/media/")),
            "{:?}",
            page.share_image
        );
        let ld: serde_json::Value = serde_json::from_str(&page.json_ld).unwrap();
        assert_eq!(ld["@type"], "Offer");
        assert_eq!(ld["url"], format!("{BASE}/nl/offres/{galettes}"));
        assert_eq!(ld["seller"]["url"], format!("{BASE}/nl/commerces/patisserie-lemaire"));
        assert_eq!(ld["validThrough"], (domain::clock::today_in_brussels(now) + Duration::days(10)).to_string());

        let event = feed.items.iter().find(|c| c.kind == OfferKind::Event).unwrap().id;
        let ld: serde_json::Value =
            serde_json::from_str(&public::page(&db.db, Lang::Fr, event, None, now, BASE).await.unwrap().json_ld)
                .unwrap();
        assert_eq!(ld["@type"], "Event");
        assert_eq!(ld["location"]["address"]["addressLocality"], "Soignies");
        assert_eq!(ld["organizer"]["name"], "Librairie La Page Blanche");
    })
    .await;
}

#[tokio::test]
async fn the_feed_is_paged_newest_first() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let today = domain::clock::today_in_brussels(now);
        let rows: Vec<entity::offer::ActiveModel> = (0..25)
            .map(|i| entity::offer::ActiveModel {
                id: NotSet,
                business_id: Set(3 + i % 5),
                kind: Set("new_arrival".into()),
                title_fr: Set(format!("Nouveauté {i:02}")),
                title_nl: Set(String::new()),
                title_en: Set(String::new()),
                body_fr: Set("…".into()),
                body_nl: Set(String::new()),
                body_en: Set(String::new()),
                conditions_fr: Set(String::new()),
                conditions_nl: Set(String::new()),
                conditions_en: Set(String::new()),
                promo_code: Set(None),
                starts_on: Set(today),
                ends_on: Set(today + Duration::days(7)),
                photo_file: Set(None),
                photo_width: Set(None),
                photo_height: Set(None),
                photo_variants: Set(None),
                photo_alt_fr: Set(String::new()),
                photo_alt_nl: Set(String::new()),
                photo_alt_en: Set(String::new()),
                created_at: Set(now),
                updated_at: Set(now),
                // All at the same instant but one: the id decides, newest first.
                published_at: Set(Some(if i == 0 { now - Duration::days(30) } else { now })),
                ended_at: Set(None),
                hidden_at: Set(None),
                hidden_reason: Set(None),
                created_by: Set(None),
                version: Set(1),
            })
            .collect();
        entity::offer::Entity::insert_many(rows).exec(&db.db).await.unwrap();
        let first = public::feed(&db.db, Lang::Fr, &RawOffersQuery::default(), now).await.unwrap();
        assert_eq!((first.total, first.page_count, first.items.len()), (29, 2, 24), "{}", db.label);
        assert_eq!(first.items[0].title, "Nouveauté 24");
        assert_eq!(first.items[1].title, "Nouveauté 23");
        let second = public::feed(&db.db, Lang::Fr, &raw("", "", "", "2"), now).await.unwrap();
        let titles: Vec<&str> = second.items.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles.len(), 5);
        assert_eq!(titles.last(), Some(&"Nouveauté 00"), "the oldest publication comes last");
        let firsts: Vec<i32> = first.items.iter().map(|c| c.id).collect();
        assert!(second.items.iter().all(|c| !firsts.contains(&c.id)), "no offer on two pages");
    })
    .await;
}
