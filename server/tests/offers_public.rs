//! The shoppers' side of the offers feed over HTTP (issue 8), on a real server (port 0) over the
//! demo town on SQLite, and PostgreSQL too when `TEST_DATABASE_URL` is set: `/offres` and
//! `/offres/{id}` in three languages, bad filters, an ended offer's page, drafts and hidden offers
//! (404 for the public, a private preview for the shop's people), link-preview tags and JSON-LD,
//! the offers on the home and business pages, and the page cache following an offer written
//! through another instance within a second. The servers are the harness's (`support/app.rs`).

use chrono::Duration;
use common::offers::OfferForm;
use harness::{eventually, on_every_backend, saturday_morning, Options, CACHE_FOLLOWS, MERCHANT};
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

#[path = "support/app.rs"]
mod harness;

/// The id of the demo offer whose French title is `title`.
async fn offer_id(db: &DatabaseConnection, title: &str) -> i32 {
    entity::offer::Entity::find()
        .filter(entity::offer::Column::TitleFr.eq(title))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no offer {title}"))
        .id
}

async fn actor(db: &DatabaseConnection, email: &str) -> domain::authz::Actor {
    domain::accounts::actor_of(&domain::accounts::find_by_email(db, email).await.unwrap().unwrap())
}

const ADMIN: &str = "admin@demo.vitrine.be";
const GALETTES: &str = "Galettes des rois : −20 %";

/// The `content` of `<meta property|name="{key}" content="…">`.
fn meta(html: &str, key: &str) -> Option<String> {
    for attribute in ["property", "name"] {
        let needle = format!("{attribute}=\"{key}\" content=\"");
        if let Some(start) = html.find(&needle) {
            let rest = &html[start + needle.len()..];
            return rest.split_once('"').map(|(value, _)| value.replace("&amp;", "&"));
        }
    }
    None
}

/// The whole tag (`<link …>`) holding `needle`, or "" when none does.
fn tag_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let Some(at) = html.find(needle) else { return "" };
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(0);
    &html[start..=end]
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("well-formed JSON-LD")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_offers_route_answers_in_three_languages_with_honest_statuses() {
    on_every_backend(Options::demo().accounts(), |server| async move {
        let galettes = offer_id(&server.db, GALETTES).await;
        let ended = offer_id(&server.db, "Croissants : 6 + 1 gratuit").await;
        let scheduled = offer_id(&server.db, "Colis barbecue à prix doux").await;
        for prefix in ["", "/nl", "/en"] {
            for path in [
                format!("{prefix}/offres"),
                format!("{prefix}/offres?type=event"),
                format!("{prefix}/offres?categorie=boulangerie&bientot=1"),
                format!("{prefix}/offres/{galettes}"),
                format!("{prefix}/offres/{ended}"),
                format!("{prefix}/offres/{scheduled}"),
            ] {
                assert_eq!(server.get(&path).await.status(), StatusCode::OK, "{}: {path}", server.label);
            }
            for (path, status) in [
                (format!("{prefix}/offres/999999"), StatusCode::NOT_FOUND),
                (format!("{prefix}/offres/abc"), StatusCode::NOT_FOUND),
                (format!("{prefix}/offres/0{galettes}"), StatusCode::NOT_FOUND),
                (format!("{prefix}/offres?categorie=casino"), StatusCode::BAD_REQUEST),
                (format!("{prefix}/offres?type=pyramide"), StatusCode::BAD_REQUEST),
                (format!("{prefix}/offres?page=0"), StatusCode::BAD_REQUEST),
                (format!("{prefix}/offres?page=9"), StatusCode::NOT_FOUND),
            ] {
                assert_eq!(server.get(&path).await.status(), status, "{}: {path}", server.label);
            }
        }
        // Parameters the page does not read go, as on /commerces.
        let tracked = server.get("/nl/offres?type=event&fbclid=abc").await;
        assert_eq!(tracked.status(), StatusCode::MOVED_PERMANENTLY);
        assert_eq!(tracked.headers()[header::LOCATION], "/nl/offres?type=event");
        // The bad filter is explained in the page's language.
        let (_, kind) = server.text("/nl/offres?type=pyramide").await;
        assert!(kind.contains("Deze soort aanbod bestaat niet"), "{}", server.label);

        // The feed: live offers, newest first, with the filter form and the feeds' links.
        let (_, feed) = server.text("/offres").await;
        let event = feed.find("Rencontre avec une autrice sonégienne").expect("the event");
        let bread = feed.find("Nouveau : pain au levain de seigle").expect("the new bread");
        assert!(event < bread, "newest first");
        assert!(!feed.contains("Colis barbecue") && !feed.contains("Croissants"), "scheduled and ended are not listed");
        assert!(feed.contains("<form method=\"get\" action=\"/offres\""), "a GET form without JavaScript");
        let atom = tag_with(&feed, "href=\"/offres.atom\"");
        assert!(
            atom.starts_with("<link") && atom.contains(r#"rel="alternate""#) && atom.contains("application/atom+xml"),
            "{atom}"
        );
        assert!(feed.contains("href=\"/offres/suivre\""));
        // Not hydrated: no bundle, the share script only.
        assert!(!feed.contains(".wasm") && feed.contains("src=\"/offers-share.js\""), "{}", server.label);
        let (_, soon) = server.text("/offres?bientot=1").await;
        assert!(soon.contains("Bouquets de saison") && !soon.contains("Rencontre avec"), "{}", server.label);

        // An ended offer's page says so and points to the shop's live offers.
        let (_, page) = server.text(&format!("/offres/{ended}")).await;
        assert!(page.contains("Cette offre est terminée"), "{}", server.label);
        assert!(page.contains("href=\"/commerces/boulangerie-du-marche#offres\""), "{}", server.label);
        let (_, page) = server.text(&format!("/en/offres/{scheduled}")).await;
        assert!(page.contains("This offer starts on"), "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_page_carries_link_preview_tags_and_json_ld() {
    on_every_backend(Options::demo().accounts(), |server| async move {
        let galettes = offer_id(&server.db, GALETTES).await;
        let response = server.get(&format!("/offres/{galettes}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let html = response.text().await.unwrap();
        let url = format!("{}/offres/{galettes}", server.base);
        assert_eq!(meta(&html, "og:title").as_deref(), Some(GALETTES), "{}", server.label);
        assert_eq!(meta(&html, "og:url").as_deref(), Some(url.as_str()));
        assert!(meta(&html, "og:description").is_some_and(|d| d.starts_with("Toutes nos galettes")));
        let image = meta(&html, "og:image").expect("og:image");
        assert!(image.starts_with(&format!("{}/media/", server.base)), "absolute: {image}");
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));
        assert_eq!(meta(&html, "twitter:image").as_deref(), Some(image.as_str()));
        let canonical = tag_with(&html, "rel=\"canonical\"");
        assert!(canonical.contains(&format!("href=\"{url}\"")), "{canonical}");
        let atom = tag_with(&html, "href=\"/commerces/patisserie-lemaire/offres.atom\"");
        assert!(
            atom.starts_with("<link") && atom.contains(r#"rel="alternate""#) && atom.contains("application/atom+xml"),
            "{atom}"
        );
        assert!(html.contains("GALETTE20") && html.contains("Une galette par client"));
        // The share button shares the link marked as shared (counted as a share visit, then
        // redirected to the page); without JavaScript it is a plain link to the page.
        assert!(html.contains(&format!("data-share-url=\"{url}?via=partage\"")), "the share button");
        let ld = json_ld(&html);
        assert_eq!(ld["@type"], "Offer");
        assert_eq!(ld["url"], url);
        assert_eq!(ld["seller"]["name"], "Pâtisserie Lemaire");
        assert_eq!(ld["image"][0], image);

        let event = offer_id(&server.db, "Rencontre avec une autrice sonégienne").await;
        let (_, html) = server.text(&format!("/nl/offres/{event}")).await;
        let ld = json_ld(&html);
        assert_eq!(ld["@type"], "Event", "{}", server.label);
        assert_eq!(ld["location"]["name"], "Librairie La Page Blanche");
        assert_eq!(ld["url"], format!("{}/nl/offres/{event}", server.base));
        // No English title: the French one, marked as French.
        let (_, html) = server.text(&format!("/en/offres/{event}")).await;
        assert!(html.contains("<h1 lang=\"fr\">Rencontre avec une autrice sonégienne"), "{}", server.label);

        // The home page and the shop's page show the live offers, linked for full page loads.
        let (_, home) = server.text("/").await;
        assert!(home.contains("Rencontre avec une autrice sonégienne"), "{}", server.label);
        assert!(home.contains(&format!("href=\"/offres/{event}\" rel=\"external\"")), "{}", server.label);
        let (_, shop) = server.text("/commerces/patisserie-lemaire").await;
        assert!(shop.contains(GALETTES) && shop.contains("id=\"offres\""), "{}", server.label);
        let (_, other) = server.text("/commerces/boucherie-dubois").await;
        assert!(!other.contains("Colis barbecue à prix doux"), "scheduled: not yet on the shop's page");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_and_hidden_offers_are_not_found_but_previewed_by_their_shop() {
    on_every_backend(Options::demo().accounts(), |server| async move {
        let now = saturday_morning();
        let merchant = actor(&server.db, MERCHANT.0).await;
        let admin = actor(&server.db, ADMIN).await;
        let today = domain::clock::today_in_brussels(now);
        let form = OfferForm {
            kind: "event".into(),
            title_fr: "Atelier bûches".into(),
            body_fr: "Apprenez à rouler une bûche.".into(),
            starts_on: today.to_string(),
            ends_on: (today + Duration::days(3)).to_string(),
            ..OfferForm::default()
        };
        let draft =
            domain::offers::manage::create(&server.db, &server.media, Some(&merchant), 1, &form, None, false, now)
                .await
                .unwrap();
        let cookie = server.log_in(MERCHANT).await;
        let as_merchant = |path: String| {
            let request = server.client.get(format!("{}{path}", server.base)).header(header::COOKIE, cookie.clone());
            async move { request.send().await.unwrap() }
        };

        assert_eq!(server.get(&format!("/offres/{draft}")).await.status(), StatusCode::NOT_FOUND, "{}", server.label);
        let preview = as_merchant(format!("/offres/{draft}")).await;
        assert_eq!(preview.status(), StatusCode::OK, "{}", server.label);
        let cache_control = preview.headers()[header::CACHE_CONTROL].to_str().unwrap().to_string();
        assert!(cache_control.contains("private"), "{cache_control}");
        let html = preview.text().await.unwrap();
        assert!(html.contains("Aperçu — pas encore publiée") && html.contains("Atelier bûches"), "{}", server.label);
        assert!(html.contains(r#"<meta name="robots" content="noindex""#));
        // The anonymous 404 was not replaced by the preview in the shared cache, nor the reverse.
        assert_eq!(server.get(&format!("/offres/{draft}")).await.status(), StatusCode::NOT_FOUND);
        assert!(!server.text("/offres").await.1.contains("Atelier bûches"));

        // Hidden by the town: gone for the public, the reason for the shop.
        let galettes = offer_id(&server.db, GALETTES).await;
        assert_eq!(server.get(&format!("/offres/{galettes}")).await.status(), StatusCode::OK);
        domain::offers::manage::hide(&server.db, Some(&admin), galettes, "Prix à vérifier", now).await.unwrap();
        let s = &server;
        eventually(CACHE_FOLLOWS, "the hidden offer's page is gone", move || async move {
            (s.get(&format!("/offres/{galettes}")).await.status() == StatusCode::NOT_FOUND).then_some(())
        })
        .await;
        assert_eq!(
            server.get(&format!("/offres/{galettes}")).await.status(),
            StatusCode::NOT_FOUND,
            "{}",
            server.label
        );
        let hidden = as_merchant(format!("/nl/offres/{galettes}")).await;
        assert_eq!(hidden.status(), StatusCode::OK);
        assert!(hidden.text().await.unwrap().contains("verborgen door de gemeente: Prix à vérifier"));
        assert!(!server.text("/offres").await.1.contains(GALETTES), "{}", server.label);
        assert!(!server.text("/commerces/patisserie-lemaire").await.1.contains(GALETTES));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_offer_reaches_every_instances_cached_pages_within_a_second() {
    on_every_backend(Options::demo().accounts(), |server| async move {
        let other = server.another_instance().await;
        let (b_base, b) = (&other.base, &other.client);
        let get_b = |path: &str| {
            let request = b.get(format!("{b_base}{path}"));
            async move {
                let response = request.send().await.unwrap();
                let status = response.headers().get("cache-status").map(|v| v.to_str().unwrap().to_string());
                (status.unwrap_or_default(), response.text().await.unwrap())
            }
        };
        for path in ["/offres", "/commerces/boucherie-dubois", "/"] {
            get_b(path).await;
            let (status, html) = get_b(path).await;
            assert_eq!(status, "vitrine; hit", "{}: {path} is cached", server.label);
            assert!(!html.contains("Boudin blanc maison"));
        }
        // The butcher's merchant publishes through the first instance (the town admin here).
        let admin = actor(&server.db, ADMIN).await;
        let now = saturday_morning();
        let today = domain::clock::today_in_brussels(now);
        let form = OfferForm {
            kind: "new_arrival".into(),
            title_fr: "Boudin blanc maison".into(),
            body_fr: "Pour les fêtes, notre boudin blanc aux truffes.".into(),
            starts_on: today.to_string(),
            ends_on: (today + Duration::days(20)).to_string(),
            ..OfferForm::default()
        };
        let id = domain::offers::manage::create(&server.db, &server.media, Some(&admin), 7, &form, None, true, now)
            .await
            .unwrap();
        let get_b = &get_b;
        eventually(CACHE_FOLLOWS, "the other instance's cached pages show the new offer", move || async move {
            for path in ["/offres", "/commerces/boucherie-dubois", "/"] {
                if !get_b(path).await.1.contains("Boudin blanc maison") {
                    return None;
                }
            }
            Some(())
        })
        .await;
        for path in ["/offres", "/commerces/boucherie-dubois", "/"] {
            let (_, html) = get_b(path).await;
            assert!(html.contains("Boudin blanc maison"), "{}: {path} shows the new offer", server.label);
        }
        assert_eq!(b.get(format!("{b_base}/offres/{id}")).send().await.unwrap().status(), StatusCode::OK);
    })
    .await;
}

/// What a merchant types is text everywhere it travels: a title and a text made of markup are
/// shown escaped on the feed, the offer's page (its tags and JSON-LD included), the home page
/// and the shop's page (whose offers section is server-made HTML), and in the Atom feed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_typed_by_a_merchant_is_shown_as_text_everywhere() {
    on_every_backend(Options::demo().accounts(), |server| async move {
        let owner = actor(&server.db, MERCHANT.0).await;
        let now = saturday_morning();
        let today = domain::clock::today_in_brussels(now);
        let form = OfferForm {
            kind: "promotion".into(),
            title_fr: "<script>alert('titre')</script> & \"soldes\"".into(),
            body_fr: "<img src=x onerror=alert('texte')></p></script><script>alert(2)</script>".into(),
            conditions_fr: "<b>gras</b>".into(),
            starts_on: today.to_string(),
            ends_on: (today + Duration::days(5)).to_string(),
            ..OfferForm::default()
        };
        let id = domain::offers::manage::create(&server.db, &server.media, Some(&owner), 1, &form, None, true, now)
            .await
            .unwrap();
        let s = &server;
        eventually(CACHE_FOLLOWS, "the feed shows the new offer", move || async move {
            s.text("/offres").await.1.contains("soldes").then_some(())
        })
        .await;
        for path in [
            "/offres".to_string(),
            format!("/offres/{id}"),
            "/".to_string(),
            "/commerces/patisserie-lemaire".to_string(),
            "/offres.atom".to_string(),
        ] {
            let (status, body) = server.text(&path).await;
            assert_eq!(status, StatusCode::OK, "{}: {path}", server.label);
            for raw in ["<script>alert(", "<img src=x", "<b>gras"] {
                // Outside attribute values (where `<` is inert and Leptos leaves it as is).
                let outside = strip_attribute_values(&body);
                let at = outside.find(raw).map(|i| &outside[i.saturating_sub(200)..(i + 60).min(outside.len())]);
                assert!(at.is_none(), "{}: {path} carries {raw:?} as markup: {at:?}", server.label);
            }
            assert!(body.contains("titre") && body.contains("soldes"), "{}: {path} shows the title", server.label);
            assert!(
                body.contains("&lt;script&gt;") || body.contains("\\u003cscript"),
                "{}: {path} escapes it",
                server.label
            );
        }
        // The JSON-LD stays one valid script element whose name is the title as typed.
        let (_, html) = server.text(&format!("/offres/{id}")).await;
        assert_eq!(json_ld(&html)["name"], form.title_fr.as_str());
    })
    .await;
}

/// The document with every quoted attribute value emptied (`a="…"` → `a=""`).
fn strip_attribute_values(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for c in html.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {}
            None => {
                if in_tag && previous == '=' && (c == '"' || c == '\'') {
                    quote = Some(c);
                } else if c == '<' {
                    in_tag = true;
                } else if c == '>' {
                    in_tag = false;
                }
                out.push(c);
            }
        }
        previous = c;
    }
    out
}
