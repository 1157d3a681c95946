//! The merchant's catalogue (`domain::catalogue::manage`) on SQLite and PostgreSQL: adding and
//! editing products, an edit from a stale version refused, SKUs unique per business, the
//! authorisation matrix of every write, one-tap stock and bulk actions (another business's id
//! changes nothing), stock going stale with the clock and confirmed again by "Tout est correct",
//! the list's search, filters, sorts and pages, scanning a code, the database's own rules, and
//! the catalogue's own data version.

mod support;

use chrono::{DateTime, Duration, Utc};
use common::catalogue::{ListQuery, ProductForm, Sort, StateFilter, Stock, MERCHANT_PAGE_SIZE};
use common::Lang;
use domain::authz::Actor;
use domain::catalogue::manage::{self, BulkAction};
use domain::data_version::Area;
use domain::DomainError;
use entity::product;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use support::people::{people, People};
use support::*;

fn now() -> DateTime<Utc> {
    saturday_morning()
}

fn form(name: &str) -> ProductForm {
    ProductForm {
        name_fr: name.into(),
        price: "12,50".into(),
        category: "vetements-femme".into(),
        stock: "in_stock".into(),
        visible: true,
        ..Default::default()
    }
}

fn problems_of(error: DomainError) -> Vec<(String, String)> {
    match error {
        DomainError::Invalid(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

async fn load(db: &DatabaseConnection, id: i32) -> Option<product::Model> {
    product::Entity::find_by_id(id).one(db).await.unwrap()
}

async fn list(db: &DatabaseConnection, p: &People, query: ListQuery, now: DateTime<Utc>) -> common::catalogue::MerchantProducts {
    manage::list(db, Some(&p.owner), p.shop, Lang::Fr, &query, now).await.unwrap()
}

/// The demo town without its catalogue (these tests count what they add), and its people.
async fn setup(db: &TestDb) -> People {
    seeded(db, now()).await;
    product::Entity::delete_many().exec(&db.db).await.unwrap();
    people(&db.db).await
}

async fn version(db: &DatabaseConnection, area: Area) -> i64 {
    domain::data_version::read(db).await.unwrap().get(area).unwrap()
}

#[tokio::test]
async fn a_product_is_added_edited_and_an_old_form_is_refused() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = manage::create(&db.db, Some(&p.staff), p.shop, &form("Bonnet en laine"), now()).await.unwrap();
        let row = load(&db.db, id).await.unwrap();
        assert_eq!((row.price_cents, row.stock.as_str(), row.version), (Some(1250), "in_stock", 1));
        assert_eq!(row.stock_confirmed_at, Some(now()), "saving a stock statement confirms it");

        let later = now() + Duration::hours(2);
        let edited = ProductForm { price: String::new(), stock: "window".into(), ..form("Bonnet en laine mérinos") };
        let version = manage::update(&db.db, Some(&p.owner), p.shop, id, 1, &edited, later).await.unwrap();
        assert_eq!(version, 2);
        let row = load(&db.db, id).await.unwrap();
        assert_eq!((row.name_fr.as_str(), row.price_cents, row.stock.as_str()), ("Bonnet en laine mérinos", None, "window"));
        assert_eq!(row.stock_confirmed_at, None, "the window makes no claim to confirm");

        // A second tab still holds version 1: told, and nothing changes.
        let stale = manage::update(&db.db, Some(&p.staff), p.shop, id, 1, &form("Autre"), later).await.unwrap_err();
        assert!(matches!(stale, DomainError::Conflict), "{stale:?}");
        assert_eq!(load(&db.db, id).await.unwrap().name_fr, "Bonnet en laine mérinos");

        // The history says who changed what.
        let history = domain::audit::history(&db.db, Some(&p.owner), p.shop, 10).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.starts_with(&["product_changed", "product_created"]), "{actions:?}");
        assert_eq!(history[0].details["price_cents"]["from"], 1250);
    })
    .await;
}

#[tokio::test]
async fn bad_forms_change_nothing_and_say_why() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let before = product::Entity::find().all(&db.db).await.unwrap().len();
        let cases = [
            (ProductForm { price: "-2".into(), ..form("A") }, "price", "price_negative"),
            (ProductForm { price: "99999999".into(), ..form("A") }, "price", "price_too_large"),
            (ProductForm { price: "12,505".into(), ..form("A") }, "price", "price_too_many_decimals"),
            (ProductForm { gtin: "5449000000997".into(), ..form("A") }, "gtin", "gtin_bad_check_digit"),
            (ProductForm { category: "armes".into(), ..form("A") }, "category", "category_unknown"),
            (ProductForm { name_fr: "x".repeat(5_000_000), ..form("A") }, "name_fr", "too_long"),
            (ProductForm { name_fr: "Bonnet\u{0}".into(), ..form("A") }, "name_fr", "control_characters"),
            (ProductForm { stock: "lots".into(), ..form("A") }, "stock", "stock_unknown"),
            (ProductForm { stock: "quantity".into(), quantity: "-1".into(), ..form("A") }, "quantity", "quantity_invalid"),
        ];
        for (bad, field, problem) in cases {
            let error = manage::create(&db.db, Some(&p.owner), p.shop, &bad, now()).await.unwrap_err();
            assert!(problems_of(error).contains(&(field.into(), problem.into())), "{field} {problem}");
        }
        assert_eq!(product::Entity::find().all(&db.db).await.unwrap().len(), before);
    })
    .await;
}

#[tokio::test]
async fn an_sku_names_one_product_of_a_business() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let sku = |name: &str, sku: &str| ProductForm { sku: sku.into(), ..form(name) };
        let first = manage::create(&db.db, Some(&p.owner), p.shop, &sku("Bonnet", "BN-01"), now()).await.unwrap();
        let error = manage::create(&db.db, Some(&p.owner), p.shop, &sku("Écharpe", "BN-01"), now()).await.unwrap_err();
        assert_eq!(problems_of(error), vec![("sku".to_string(), "sku_taken".to_string())]);
        // Another shop may use the same reference; products without one never collide.
        manage::create(&db.db, Some(&p.other_owner), p.other_shop, &sku("Bonnet", "BN-01"), now()).await.unwrap();
        manage::create(&db.db, Some(&p.owner), p.shop, &form("Sans référence 1"), now()).await.unwrap();
        manage::create(&db.db, Some(&p.owner), p.shop, &form("Sans référence 2"), now()).await.unwrap();
        // Keeping its own SKU on an edit is no collision.
        manage::update(&db.db, Some(&p.owner), p.shop, first, 1, &sku("Bonnet gris", "BN-01"), now()).await.unwrap();
        // The database refuses a duplicate even if a check were skipped.
        let raw = db
            .db
            .execute_unprepared(&format!(
                "UPDATE products SET sku = 'BN-01' WHERE business_id = {} AND name_fr = 'Sans référence 1'",
                p.shop
            ))
            .await;
        assert!(raw.is_err(), "the unique index holds");
    })
    .await;
}

#[tokio::test]
async fn only_the_shops_people_and_the_town_may_write_its_products() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet"), now()).await.unwrap();
        let media = media_dir();
        let refused: [(Option<&Actor>, fn(&DomainError) -> bool); 2] = [
            (None, |e| matches!(e, DomainError::Unauthenticated)),
            (Some(&p.other_owner), |e| matches!(e, DomainError::Forbidden)),
        ];
        for (actor, expected) in refused {
            let errors = [
                manage::create(&db.db, actor, p.shop, &form("Intrus"), now()).await.err(),
                manage::update(&db.db, actor, p.shop, id, 1, &form("Intrus"), now()).await.err(),
                manage::set_stock(&db.db, actor, p.shop, id, Stock::OutOfStock, now()).await.err(),
                manage::set_visible(&db.db, actor, p.shop, id, false, now()).await.err(),
                manage::bulk(&db.db, &media, actor, p.shop, &[id], &BulkAction::Delete, now()).await.err(),
                manage::delete(&db.db, &media, actor, p.shop, id, 1, now()).await.err(),
                manage::find_by_code(&db.db, actor, p.shop, "5449000000996").await.err(),
                manage::list(&db.db, actor, p.shop, Lang::Fr, &ListQuery::default(), now()).await.err(),
            ];
            for (i, error) in errors.into_iter().enumerate() {
                let error = error.unwrap_or_else(|| panic!("write {i} by {actor:?} passed"));
                assert!(expected(&error), "write {i} by {actor:?}: {error:?}");
            }
        }
        let row = load(&db.db, id).await.unwrap();
        assert_eq!((row.name_fr.as_str(), row.stock.as_str(), row.visible, row.version), ("Bonnet", "in_stock", true, 1));

        // Owner, staff and the town's administrator may.
        for (i, actor) in p.allowed().into_iter().enumerate() {
            manage::set_stock(&db.db, Some(actor), p.shop, id, Stock::Quantity(i as u32), now()).await.unwrap();
        }
        assert_eq!(load(&db.db, id).await.unwrap().quantity, Some(2));

        // The other shop's owner, through their own business's URL, cannot reach this product.
        let theirs = manage::set_stock(&db.db, Some(&p.other_owner), p.other_shop, id, Stock::OutOfStock, now()).await;
        assert!(matches!(theirs, Err(DomainError::NotFound)), "{theirs:?}");
    })
    .await;
}

#[tokio::test]
async fn a_bulk_action_naming_another_shops_product_changes_nothing() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let media = media_dir();
        let mine = [
            manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet"), now()).await.unwrap(),
            manage::create(&db.db, Some(&p.owner), p.shop, &form("Écharpe"), now()).await.unwrap(),
        ];
        let theirs = manage::create(&db.db, Some(&p.other_owner), p.other_shop, &form("Gants"), now()).await.unwrap();
        let error = manage::bulk(&db.db, &media, Some(&p.owner), p.shop, &[mine[0], mine[1], theirs], &BulkAction::Delete, now())
            .await
            .unwrap_err();
        assert!(matches!(error, DomainError::NotFound), "{error:?}");
        for id in [mine[0], mine[1], theirs] {
            assert!(load(&db.db, id).await.is_some(), "nothing deleted");
        }

        let later = now() + Duration::days(3);
        let changed =
            manage::bulk(&db.db, &media, Some(&p.staff), p.shop, &mine, &BulkAction::Stock(Stock::OutOfStock), later).await.unwrap();
        assert_eq!(changed, 2);
        for id in mine {
            let row = load(&db.db, id).await.unwrap();
            assert_eq!((row.stock.as_str(), row.stock_confirmed_at, row.version), ("out_of_stock", Some(later), 2));
        }
        manage::bulk(&db.db, &media, Some(&p.staff), p.shop, &mine, &BulkAction::Visible(false), later).await.unwrap();
        manage::bulk(&db.db, &media, Some(&p.staff), p.shop, &mine, &BulkAction::Category(Some("chaussures".into())), later)
            .await
            .unwrap();
        let hidden = list(&db.db, &p, ListQuery { state: Some(StateFilter::Hidden), ..Default::default() }, later).await;
        assert_eq!(hidden.rows.iter().map(|r| r.category.as_deref()).collect::<Vec<_>>(), vec![Some("Chaussures"); 2]);
        manage::bulk(&db.db, &media, Some(&p.owner), p.shop, &mine, &BulkAction::Delete, later).await.unwrap();
        assert!(load(&db.db, mine[0]).await.is_none() && load(&db.db, mine[1]).await.is_none());
        assert!(load(&db.db, theirs).await.is_some());
    })
    .await;
}

#[tokio::test]
async fn stock_goes_stale_after_21_days_and_tout_est_correct_confirms_it() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let counted = ProductForm { stock: "quantity".into(), quantity: "4".into(), ..form("Écharpe") };
        let window = ProductForm { stock: "window".into(), ..form("Vase") };
        manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet"), now()).await.unwrap();
        manage::create(&db.db, Some(&p.owner), p.shop, &counted, now()).await.unwrap();
        manage::create(&db.db, Some(&p.owner), p.shop, &window, now()).await.unwrap();

        let day_21 = now() + Duration::days(21);
        assert_eq!(list(&db.db, &p, ListQuery::default(), day_21).await.stale, 0, "21 days is still fresh");
        let day_22 = now() + Duration::days(22);
        let page = list(&db.db, &p, ListQuery { state: Some(StateFilter::Stale), ..Default::default() }, day_22).await;
        assert_eq!(page.stale, 2, "the two statements, not the window");
        let mut names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Bonnet", "Écharpe"]);
        assert!(page.rows.iter().all(|r| r.stale && r.confirmed_days_ago == Some(22)));

        domain::listing::confirm(&db.db, Some(&p.staff), p.shop, day_22).await.unwrap();
        let page = list(&db.db, &p, ListQuery::default(), day_22).await;
        assert_eq!(page.stale, 0);
        assert!(page.rows.iter().filter(|r| r.stock.is_claim()).all(|r| r.confirmed_days_ago == Some(0)));
        let history = domain::audit::history(&db.db, Some(&p.owner), p.shop, 1).await.unwrap();
        assert_eq!(history[0].details["products_confirmed"], 2);
    })
    .await;
}

#[tokio::test]
async fn the_list_searches_filters_sorts_and_pages() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        for i in 0..(MERCHANT_PAGE_SIZE + 5) {
            let mut product = form(&format!("Article {i:03}"));
            product.price = format!("{},00", 100 - i);
            manage::create(&db.db, Some(&p.owner), p.shop, &product, now()).await.unwrap();
        }
        let pate = ProductForm { price: String::new(), stock: "out_of_stock".into(), sku: "PT-9".into(), ..form("Pâté en croûte") };
        manage::create(&db.db, Some(&p.owner), p.shop, &pate, now()).await.unwrap();

        let found = list(&db.db, &p, ListQuery { text: Some("PATE croute".into()), ..Default::default() }, now()).await;
        assert_eq!(found.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Pâté en croûte"]);
        let by_sku = list(&db.db, &p, ListQuery { text: Some("pt-9".into()), ..Default::default() }, now()).await;
        assert_eq!(by_sku.matching, 1);
        let out = list(&db.db, &p, ListQuery { state: Some(StateFilter::OutOfStock), ..Default::default() }, now()).await;
        assert_eq!(out.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Pâté en croûte"]);

        let first = list(&db.db, &p, ListQuery { page: 1, ..Default::default() }, now()).await;
        assert_eq!((first.rows.len() as u32, first.page_count), (MERCHANT_PAGE_SIZE, 2));
        assert_eq!(first.rows[0].name, "Article 000");
        let second = list(&db.db, &p, ListQuery { page: 2, ..Default::default() }, now()).await;
        assert_eq!(second.rows.last().unwrap().name, "Pâté en croûte", "accents sort as their letters");
        let beyond = list(&db.db, &p, ListQuery { page: 99, ..Default::default() }, now()).await;
        assert_eq!(beyond.page, 2, "a page past the end shows the last");

        let cheap = list(&db.db, &p, ListQuery { sort: Sort::PriceLowFirst, ..Default::default() }, now()).await;
        assert_eq!(cheap.rows[0].price_cents, Some((100 - (MERCHANT_PAGE_SIZE + 4) as i64) * 100));
        let dear = list(&db.db, &p, ListQuery { sort: Sort::PriceHighFirst, page: 2, ..Default::default() }, now()).await;
        assert_eq!(dear.rows.last().unwrap().price_cents, None, "price in the shop comes last either way");
    })
    .await;
}

#[tokio::test]
async fn a_scanned_code_finds_its_product() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let upc = ProductForm { gtin: "036000291452".into(), ..form("Mouchoirs") };
        let ean = ProductForm { gtin: "5449000000996".into(), sku: "COCA-33".into(), ..form("Cola") };
        let upc = manage::create(&db.db, Some(&p.owner), p.shop, &upc, now()).await.unwrap();
        let ean = manage::create(&db.db, Some(&p.owner), p.shop, &ean, now()).await.unwrap();
        let find = |code: &'static str| {
            let db = db.db.clone();
            let owner = p.owner.clone();
            let shop = p.shop;
            async move { manage::find_by_code(&db, Some(&owner), shop, code).await.unwrap() }
        };
        assert_eq!(find("5449000000996").await, Some(ean));
        assert_eq!(find("0036000291452").await, Some(upc), "a UPC-A read as an EAN-13");
        assert_eq!(find("COCA-33").await, Some(ean));
        assert_eq!(find("4006381333931").await, None);
        // Another shop's scanner does not find this shop's product.
        let theirs = manage::find_by_code(&db.db, Some(&p.other_owner), p.other_shop, "5449000000996").await.unwrap();
        assert_eq!(theirs, None);
    })
    .await;
}

#[tokio::test]
async fn the_database_refuses_impossible_stock() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet"), now()).await.unwrap();
        for sql in [
            format!("UPDATE products SET stock = 'quantity', quantity = -1 WHERE id = {id}"),
            format!("UPDATE products SET stock = 'quantity', quantity = NULL WHERE id = {id}"),
            format!("UPDATE products SET stock = 'in_stock', quantity = 3 WHERE id = {id}"),
            format!("UPDATE products SET stock = 'plenty' WHERE id = {id}"),
            format!("UPDATE products SET price_cents = -5 WHERE id = {id}"),
        ] {
            assert!(db.db.execute_unprepared(&sql).await.is_err(), "{sql}");
        }
        assert_eq!(load(&db.db, id).await.unwrap().stock, "in_stock");
    })
    .await;
}

#[tokio::test]
async fn a_catalogue_write_moves_only_the_catalogues_version() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let before = [version(&db.db, Area::DIRECTORY).await, version(&db.db, Area::OFFERS).await];
        let catalogue = version(&db.db, Area::CATALOGUE).await;
        let id = manage::create(&db.db, Some(&p.owner), p.shop, &form("Bonnet"), now()).await.unwrap();
        manage::set_stock(&db.db, Some(&p.owner), p.shop, id, Stock::OutOfStock, now()).await.unwrap();
        assert!(version(&db.db, Area::CATALOGUE).await >= catalogue + 2);
        assert_eq!([version(&db.db, Area::DIRECTORY).await, version(&db.db, Area::OFFERS).await], before);
    })
    .await;
}

#[tokio::test]
async fn the_demo_town_has_a_realistic_catalogue() {
    on_every_backend(|db| async move {
        seeded(&db, now()).await;
        let products = product::Entity::find().all(&db.db).await.unwrap();
        let businesses = entity::business::Entity::find().all(&db.db).await.unwrap();
        let id_of = |slug: &str| businesses.iter().find(|b| b.slug == slug).unwrap().id;
        let of = |id: i32| products.iter().filter(|p| p.business_id == id).count();
        assert_eq!(of(id_of("soignies-sports")), 3_000, "one shop with 3,000 products");
        let with_products = businesses.iter().filter(|b| of(b.id) > 0).count();
        assert!(with_products * 3 > businesses.len() * 2, "most shops have products: {with_products}");
        let stock = |code: &str| products.iter().filter(|p| p.stock == code).count();
        assert!(stock("out_of_stock") > 0 && stock("window") > 0 && stock("quantity") > 0);
        let stale = products
            .iter()
            .filter(|p| {
                let days = domain::catalogue::confirmed_days_ago(p.stock_confirmed_at, now());
                common::catalogue::is_stale(domain::catalogue::stock_of(p), days)
            })
            .count();
        assert!(stale > 0, "some statements are already stale");
        assert!(products.iter().all(|p| p.name_fr.chars().count() <= common::catalogue::NAME_MAX));
    })
    .await;
}
