//! The Atom feeds of offers (issue 8) over HTTP, read with a real feed parser (feed-rs) as a feed
//! reader would: `/offres.atom` and `/commerces/{slug}/offres.atom` in three languages, only
//! public offers (live, published, not hidden, not ended, of a published shop), newest first,
//! each entry with its link, dates, author and category; unknown shops 404; validators.

#[path = "support/app.rs"]
mod harness;

use feed_rs::model::Feed;
use harness::{at, on_every_backend, post, Options, Post};
use reqwest::{header, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

fn parse(xml: &str) -> Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("not a feed ({e}): {xml}"))
}

fn titles(feed: &Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feeds_carry_the_live_public_offers_newest_first() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let (a, b) = (&shops[0], &shops[1]);
        let db = &server.db;
        let older =
            post(db, Post { title_nl: "Oudere", ..Post::live(a.id, "Plus ancienne", at("2026-11-20T09:00:00+01:00")) })
                .await;
        let newest = post(db, Post::live(a.id, "La plus récente", at("2026-11-27T09:00:00+01:00"))).await;
        let other = post(db, Post::live(b.id, "Chez le voisin", at("2026-11-24T09:00:00+01:00"))).await;
        let at_22 = at("2026-11-22T09:00:00+01:00");
        post(db, Post { ends_on: "2026-11-27", ..Post::live(a.id, "Terminée hier", at_22) }).await;
        post(db, Post { ended_early: true, ..Post::live(a.id, "Arrêtée plus tôt", at_22) }).await;
        post(db, Post { hidden: true, ..Post::live(a.id, "Masquée par la commune", at_22) }).await;
        post(db, Post { published_at: None, ..Post::live(a.id, "Brouillon", at_22) }).await;
        post(db, Post { starts_on: "2026-12-05", ..Post::live(a.id, "Pas encore commencée", at_22) }).await;
        // A shop the town unpublished: its offers leave every feed, and its own feed is a 404.
        let gone = &shops[2];
        post(db, Post::live(gone.id, "D'un commerce dépublié", at_22)).await;
        let mut unpublished: entity::business::ActiveModel =
            entity::business::Entity::find_by_id(gone.id).one(db).await.unwrap().unwrap().into();
        unpublished.published = Set(false);
        unpublished.update(db).await.unwrap();

        let response = server.get("/offres.atom").await;
        assert_eq!(response.status(), StatusCode::OK, "{label}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8", "{label}");
        let etag = response.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(response.headers()[header::CACHE_CONTROL].to_str().unwrap().starts_with("public"), "{label}");
        let xml = response.text().await.unwrap();
        assert!(
            xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
            "{label}: {xml}"
        );
        let feed = parse(&xml);
        assert_eq!(
            titles(&feed),
            ["La plus récente", "Chez le voisin", "Plus ancienne"],
            "{label}: newest first, public only"
        );
        assert!(feed.title.as_ref().unwrap().content.contains("Offres des commerces"), "{label}");
        assert_eq!(feed.language.as_deref(), Some("fr"), "{label}");
        let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).expect("a self link");
        assert_eq!(self_link.href, format!("{}/offres.atom", server.base), "{label}");
        let page = feed.links.iter().find(|l| l.rel.as_deref() == Some("alternate")).expect("an alternate link");
        assert_eq!(page.href, format!("{}/offres", server.base), "{label}");

        let first = &feed.entries[0];
        let url = format!("{}/offres/{newest}", server.base);
        assert_eq!(first.id, url, "{label}: the offer page's URL is the entry's id");
        assert_eq!(first.links[0].href, url, "{label}");
        assert_eq!(first.published.map(|d| d.to_rfc3339()).as_deref(), Some("2026-11-27T08:00:00+00:00"), "{label}");
        assert!(first.updated.is_some(), "{label}");
        assert_eq!(first.authors[0].name, a.name, "{label}: the shop is the author");
        assert_eq!(first.authors[0].uri.as_deref(), Some(format!("{}/commerces/{}", server.base, a.slug).as_str()));
        assert_eq!(first.categories[0].term, "promotion", "{label}");
        assert_eq!(first.categories[0].label.as_deref(), Some("Promotion"), "{label}");
        assert!(first.summary.as_ref().unwrap().content.contains("La plus récente"), "{label}");
        assert_eq!(feed.entries[1].id, format!("{}/offres/{other}", server.base), "{label}");

        // Unchanged: a reader's conditional request costs a 304.
        let again = server
            .client
            .get(format!("{}/offres.atom", server.base))
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{label}");

        // Dutch: the Dutch title where the merchant wrote one, French otherwise (marked so).
        let xml = server.get("/nl/offres.atom").await.text().await.unwrap();
        let feed = parse(&xml);
        assert_eq!(titles(&feed), ["La plus récente", "Chez le voisin", "Oudere"], "{label}");
        assert_eq!(feed.entries[2].id, format!("{}/nl/offres/{older}", server.base), "{label}");
        assert!(xml.contains("xml:lang=\"fr\""), "{label}: French fallbacks are marked");
        assert!(feed.title.as_ref().unwrap().content.contains("Aanbiedingen"), "{label}");
        assert_eq!(feed.entries[0].categories[0].label.as_deref(), Some("Promotie"), "{label}");
        let feed = parse(&server.get("/en/offres.atom").await.text().await.unwrap());
        assert_eq!(feed.language.as_deref(), Some("en"), "{label}");
        assert!(feed.title.as_ref().unwrap().content.starts_with("Offers"), "{label}");

        // One shop's feed: only its offers.
        for (prefix, lang) in [("", "fr"), ("/nl", "nl"), ("/en", "en")] {
            let response = server.get(&format!("{prefix}/commerces/{}/offres.atom", a.slug)).await;
            assert_eq!(response.status(), StatusCode::OK, "{label} {lang}");
            let feed = parse(&response.text().await.unwrap());
            assert_eq!(feed.entries.len(), 2, "{label} {lang}: {:?}", titles(&feed));
            assert!(feed.entries.iter().all(|e| e.authors[0].name == a.name), "{label}");
            assert!(feed.title.as_ref().unwrap().content.contains(&a.name), "{label}");
            let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).unwrap();
            assert_eq!(self_link.href, format!("{}{prefix}/commerces/{}/offres.atom", server.base, a.slug));
        }
        let feed = parse(&server.get(&format!("/commerces/{}/offres.atom", b.slug)).await.text().await.unwrap());
        assert_eq!(titles(&feed), ["Chez le voisin"], "{label}");

        for path in [
            "/commerces/nulle-part/offres.atom".to_string(),
            "/nl/commerces/nulle-part/offres.atom".to_string(),
            format!("/commerces/{}/offres.atom", gone.slug),
        ] {
            assert_eq!(server.get(&path).await.status(), StatusCode::NOT_FOUND, "{label} {path}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_feed_is_still_a_valid_feed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let response = server.get("/offres.atom").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", server.label);
        let feed = parse(&response.text().await.unwrap());
        assert!(feed.entries.is_empty(), "{}", server.label);
    })
    .await;
}
