//! A product's photos (`domain::catalogue::photos`) on SQLite and PostgreSQL: up to four, each
//! stored through the photo pipeline with its files; a fifth refused with the product's limit;
//! a file that is no image or a missing description refused, leaving nothing; the first photo
//! chosen; a description edited; a photo deleted with its files; the authorisation matrix
//! (anonymous, another business's owner, staff, owner, administrator) and another product's or
//! business's ids refused; every change in the business's history.

mod support;

use std::io::Cursor;
use std::path::Path;

use chrono::{DateTime, Utc};
use common::catalogue::{ProductForm, MAX_PHOTOS};
use domain::catalogue::{manage, photos};
use domain::photos::{AltTexts, PhotoError};
use entity::{audit_log, product};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::people::{people, People};
use support::*;

fn now() -> DateTime<Utc> {
    saturday_morning()
}

/// A 640×480 JPEG of one colour.
fn jpeg(shade: u8) -> Vec<u8> {
    let image = RgbImage::from_pixel(640, 480, Rgb([shade, 120, 200 - shade / 2]));
    let mut bytes = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut bytes, ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}

fn alt(fr: &str) -> AltTexts {
    AltTexts { fr: fr.into(), nl: String::new(), en: String::new() }
}

/// The demo town without its catalogue, one product in each of the first two shops.
async fn setup(db: &TestDb) -> (People, i32, i32) {
    seeded(db, now()).await;
    product::Entity::delete_many().exec(&db.db).await.unwrap();
    let p = people(&db.db).await;
    let form = |name: &str| ProductForm {
        name_fr: name.into(),
        price: "19,90".into(),
        stock: "in_stock".into(),
        visible: true,
        ..Default::default()
    };
    let mine = manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet en laine"), now()).await.unwrap();
    let theirs = manage::create(&db.db, Some(&p.other_owner), p.other_shop, &form("Écharpe"), now()).await.unwrap();
    (p, mine, theirs)
}

fn files_in(dir: &Path) -> usize {
    walk(dir)
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|entry| if entry.path().is_dir() { walk(&entry.path()) } else { 1 })
            .sum()
    })
}

async fn history(db: &sea_orm::DatabaseConnection, action: &str) -> u64 {
    audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).count(db).await.unwrap()
}

#[tokio::test]
async fn up_to_four_photos_are_added_ordered_described_and_deleted_with_their_files() {
    on_every_backend(|db| async move {
        let (p, mine, _) = setup(&db).await;
        let media = media_dir();
        let mut ids = Vec::new();
        for (i, who) in p.allowed().into_iter().chain([&p.owner]).enumerate() {
            let id = photos::add(&db.db, &media, Some(who), p.shop, mine, jpeg(i as u8 * 40), alt(&format!("Vue {i}")), now())
                .await
                .unwrap();
            ids.push(id);
        }
        assert_eq!(ids.len(), MAX_PHOTOS);
        let stored = photos::photos_of(&db.db, mine).await.unwrap();
        assert_eq!(stored.iter().map(|p| p.id).collect::<Vec<_>>(), ids, "in the order added");
        assert!(stored.iter().all(|p| p.variants.is_some() && p.width.is_some()), "through the pipeline");
        let files = files_in(&media);
        assert!(files >= MAX_PHOTOS, "each photo's variants are written");

        match photos::add(&db.db, &media, Some(&p.owner), p.shop, mine, jpeg(7), alt("Une de trop"), now()).await {
            Err(PhotoError::Invalid(problems)) => {
                assert_eq!((problems[0].problem.as_str(), problems[0].limit), ("photos_too_many", Some(MAX_PHOTOS as u32)));
            }
            other => panic!("a fifth photo must be refused, got {other:?}"),
        }
        assert_eq!(files_in(&media), files, "a refused photo leaves no file");

        photos::make_first(&db.db, Some(&p.staff), p.shop, mine, ids[2], now()).await.unwrap();
        let order: Vec<i32> = photos::photos_of(&db.db, mine).await.unwrap().iter().map(|p| p.id).collect();
        assert_eq!(order, [ids[2], ids[0], ids[1], ids[3]]);

        photos::update_alt(&db.db, Some(&p.owner), p.shop, mine, ids[0], AltTexts { fr: "Bonnet rouge".into(), nl: "Rode muts".into(), en: String::new() }, now())
            .await
            .unwrap();
        let first = photos::photos_of(&db.db, mine).await.unwrap().into_iter().find(|p| p.id == ids[0]).unwrap();
        assert_eq!((first.alt_fr.as_str(), first.alt_nl.as_str()), ("Bonnet rouge", "Rode muts"));

        photos::delete(&db.db, &media, Some(&p.admin), p.shop, mine, ids[1], now()).await.unwrap();
        let left: Vec<(i32, i32)> = photos::photos_of(&db.db, mine).await.unwrap().iter().map(|p| (p.id, p.position)).collect();
        assert_eq!(left, [(ids[2], 0), (ids[0], 1), (ids[3], 2)], "the gap is closed");
        assert!(files_in(&media) < files, "the deleted photo's files are gone");

        assert_eq!(history(&db.db, "product_photo_added").await, 4);
        assert_eq!(history(&db.db, "product_photos_reordered").await, 1);
        assert_eq!(history(&db.db, "product_photo_alt_saved").await, 1);
        assert_eq!(history(&db.db, "product_photo_deleted").await, 1);
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn bad_files_strangers_and_other_products_change_nothing() {
    on_every_backend(|db| async move {
        let (p, mine, theirs) = setup(&db).await;
        let media = media_dir();
        match photos::add(&db.db, &media, Some(&p.owner), p.shop, mine, b"%PDF-1.4 not an image".to_vec(), alt(""), now()).await
        {
            Err(PhotoError::Invalid(problems)) => {
                let named: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.problem.as_str())).collect();
                assert_eq!(named, [("photo", "photo_not_an_image"), ("alt_fr", "alt_required")], "every problem at once");
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert_eq!(files_in(&media), 0);

        for (who, expected) in [(None, "Unauthenticated"), (Some(&p.other_owner), "Forbidden")] {
            let refused = photos::add(&db.db, &media, who, p.shop, mine, jpeg(1), alt("Vue"), now()).await;
            assert!(format!("{refused:?}").contains(expected), "{refused:?}");
        }
        // Another business's product, named through my business, or through its own by me.
        let through_mine = photos::add(&db.db, &media, Some(&p.owner), p.shop, theirs, jpeg(1), alt("Vue"), now()).await;
        assert!(matches!(through_mine, Err(PhotoError::NotFound)), "{through_mine:?}");
        let theirs_photo = photos::add(&db.db, &media, Some(&p.other_owner), p.other_shop, theirs, jpeg(2), alt("Vue"), now())
            .await
            .unwrap();
        for refused in [
            photos::delete(&db.db, &media, Some(&p.owner), p.shop, mine, theirs_photo, now()).await,
            photos::make_first(&db.db, Some(&p.owner), p.shop, mine, theirs_photo, now()).await,
            photos::update_alt(&db.db, Some(&p.owner), p.shop, mine, theirs_photo, alt("Volé"), now()).await,
            photos::delete(&db.db, &media, Some(&p.owner), p.other_shop, theirs, theirs_photo, now()).await,
        ] {
            assert!(matches!(refused, Err(PhotoError::NotFound) | Err(PhotoError::Forbidden)), "{refused:?}");
        }
        let kept = photos::photos_of(&db.db, theirs).await.unwrap();
        assert_eq!((kept.len(), kept[0].alt_fr.as_str()), (1, "Vue"), "the other shop's photo is untouched");
        assert!(photos::photos_of(&db.db, mine).await.unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}
