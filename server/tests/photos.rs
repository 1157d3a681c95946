//! Uploaded photos as visitors get them: the business page and the directory's cards offer their
//! sizes (`srcset`, `sizes`) with the photo's own `width` and `height`, the demo town's SVGs keep
//! their markup, and the variants are served from `/media`. The photos are added through
//! `domain::photos` (the dashboard's upload form calls the same function). SQLite, and PostgreSQL
//! when `TEST_DATABASE_URL` is set (the operations themselves are tested on both databases in
//! `domain/tests/photos.rs`).

#[path = "support/app.rs"]
mod harness;

use domain::photos::{add_photos, photos_of, reorder_photos, AltTexts, NewPhoto};
use harness::{on_every_backend, saturday_morning, Options};
use reqwest::{header, StatusCode};

#[path = "support/png.rs"]
mod png;
use png::gradient_png;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploaded_photos_are_offered_in_their_sizes_and_svgs_keep_their_markup() {
    on_every_backend(Options::demo(), |server| async move {
        let (db, media, label) = (&server.db, &server.media, server.label);
        let town = harness::demo_town();

        // A photo of the first business, put first so that its card shows it too.
        let business = &town.businesses[0];
        let id = business_id(db, &business.slug).await;
        let alt = AltTexts { fr: "La devanture au soleil".into(), nl: String::new(), en: "The shop front".into() };
        // A town administrator makes the changes (the domain authorises every photo write).
        let admin = domain::authz::Actor {
            account_id: admin_account(db).await,
            email: "maire@soignies.be".into(),
            is_admin: true,
            language: common::Lang::Fr,
        };
        let photo = NewPhoto { bytes: gradient_png(1000, 625), alt };
        let added = add_photos(db, media, Some(&admin), id, vec![photo], saturday_morning()).await.unwrap();
        let mut order = added.clone();
        order.extend(photos_of(db, id).await.unwrap().iter().map(|p| p.id).filter(|p| !added.contains(p)));
        reorder_photos(db, Some(&admin), id, &order, saturday_morning()).await.unwrap();
        let stored = photos_of(db, id).await.unwrap()[0].clone();
        let key = stored.file.trim_start_matches("p/").trim_end_matches("-1000.jpg").to_string();
        assert_eq!(
            (stored.width, stored.height, stored.variants.as_deref()),
            (Some(1000), Some(625), Some("480 1000")),
            "{label}"
        );

        let get = |path: String| server.client.get(format!("{}{path}", server.base)).send();

        let srcset = format!("/media/p/{key}-480.jpg 480w, /media/p/{key}-1000.jpg 1000w");
        let page = get(format!("/en/commerces/{}", business.slug)).await.unwrap().text().await.unwrap();
        let gallery_photo = format!(
            r#"<img src="/media/p/{key}-1000.jpg" srcset="{srcset}" sizes="(max-width: 34rem) 100vw, 32rem" alt="The shop front" width="1000" height="625""#
        );
        assert!(page.contains(&gallery_photo), "{label}: {gallery_photo}\nnot in\n{page}");
        // The business's SVGs, after it, as they always were.
        let svg_start =
            page.find(&format!(r#"<img src="/media/{}""#, business.photos[0].file)).expect("the SVG is shown");
        let svg_tag = &page[svg_start..svg_start + page[svg_start..].find('>').unwrap()];
        assert!(svg_tag.contains(r#" width="640" height="400""#) && !svg_tag.contains("srcset"), "{svg_tag}");

        let search = url_encoded(&business.name);
        let list = get(format!("/commerces?q={search}")).await.unwrap().text().await.unwrap();
        let card_photo = format!(
            r#"<img class="card__photo" src="/media/p/{key}-1000.jpg" srcset="{srcset}" sizes="(max-width: 34rem) 100vw, 25rem" alt="" width="1000" height="625" loading="eager" fetchpriority="high">"#
        );
        assert!(list.contains(&card_photo), "{label}: {card_photo}\nnot in\n{list}");

        for width in [480, 1000] {
            let file = get(format!("/media/p/{key}-{width}.jpg")).await.unwrap();
            assert_eq!(file.status(), StatusCode::OK, "{label}");
            assert_eq!(file.headers()[header::CONTENT_TYPE], "image/jpeg");
            let bytes = file.bytes().await.unwrap();
            assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
        }

        // A photo can be deleted, so it is never cached without asking again: revalidated while it
        // exists (304), gone at once once deleted, for browsers and shared caches alike.
        let url = format!("{}/media/p/{key}-1000.jpg", server.base);
        let client = &server.client;
        let first = client.get(&url).send().await.unwrap();
        let cache_control = first.headers()[header::CACHE_CONTROL].to_str().unwrap().to_string();
        assert_eq!(cache_control, "no-cache");
        let last_modified = first.headers()[header::LAST_MODIFIED].clone();
        let again = client.get(&url).header(header::IF_MODIFIED_SINCE, last_modified.clone()).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{label}");
        domain::photos::delete_photo(db, media, Some(&admin), id, stored.id, saturday_morning()).await.unwrap();
        let deleted = client.get(&url).header(header::IF_MODIFIED_SINCE, last_modified).send().await.unwrap();
        assert_eq!(deleted.status(), StatusCode::NOT_FOUND, "{label}: a deleted photo is not served");
    })
    .await;
}

fn url_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// A town administrator's account id.
async fn admin_account(db: &sea_orm::DatabaseConnection) -> i32 {
    use sea_orm::{ActiveModelTrait, Set};
    let account = entity::account::ActiveModel {
        email: Set("maire@soignies.be".to_owned()),
        password_hash: Set(String::new()),
        language: Set("fr".into()),
        is_admin: Set(true),
        created_at: Set(saturday_morning()),
        sessions_valid_after: Set(saturday_morning()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    account.id
}

async fn business_id(db: &sea_orm::DatabaseConnection, slug: &str) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    entity::business::Entity::find().filter(entity::business::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap().id
}
