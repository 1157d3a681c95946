//! "Who sells this in town?" (`domain::catalogue::search`) on SQLite and PostgreSQL: accent- and
//! case-insensitive words found in every language's name, the category and the shop; each
//! filter (product category, shop category, in stock by the injected clock, open now, price
//! range); hidden products and unpublished shops never found; the index following writes; the
//! products a directory search offers; and refused parameters.

mod support;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use common::catalogue::{Availability, ProductForm};
use common::product_search::RawProductSearch;
use common::query::QueryProblem;
use common::Lang;
use domain::catalogue::manage;
use domain::catalogue::search::{matching_products, search, CatalogueIndex};
use domain::directory_index::DirectoryIndex;
use domain::DomainError;
use entity::{business, category, product};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::people::{people, People};
use support::*;

fn now() -> DateTime<Utc> {
    saturday_morning()
}

struct Town {
    db: DatabaseConnection,
    people: People,
    catalogue: Arc<CatalogueIndex>,
    /// Reads the data version on every search: a write is seen by the next search.
    directory: Arc<DirectoryIndex>,
}

impl Town {
    async fn search(&self, raw: RawProductSearch, at: DateTime<Utc>) -> Result<common::product_search::ProductSearchPage, DomainError> {
        search(&self.db, &self.catalogue, &self.directory, Lang::Fr, &raw, at).await
    }

    async fn names(&self, raw: RawProductSearch, at: DateTime<Utc>) -> Vec<String> {
        self.search(raw, at).await.unwrap().items.into_iter().map(|c| c.name).collect()
    }

    async fn add(&self, shop: i32, form: ProductForm) -> i32 {
        let owner = if shop == self.people.shop { &self.people.owner } else { &self.people.other_owner };
        manage::create(&self.db, Some(owner), shop, &form, now()).await.unwrap()
    }
}

fn words(text: &str) -> RawProductSearch {
    RawProductSearch { q: Some(text.into()), ..Default::default() }
}

fn product(name: &str, price: &str, category: &str, stock: &str) -> ProductForm {
    ProductForm {
        name_fr: name.into(),
        price: price.into(),
        category: category.into(),
        stock: stock.into(),
        quantity: if stock == "quantity" { "3".into() } else { String::new() },
        visible: true,
        ..Default::default()
    }
}

/// The demo town without its catalogue, and a few products in its first two shops.
async fn town(db: &TestDb) -> Town {
    seeded(db, now()).await;
    product::Entity::delete_many().exec(&db.db).await.unwrap();
    let town = Town {
        db: db.db.clone(),
        people: people(&db.db).await,
        catalogue: Arc::new(CatalogueIndex::default()),
        directory: Arc::new(DirectoryIndex::new(StdDuration::ZERO)),
    };
    let (shop, other) = (town.people.shop, town.people.other_shop);
    let merino = ProductForm {
        name_nl: "Merinowollen muts".into(),
        name_en: "Merino wool beanie".into(),
        ..product("Bonnet en laine mérinos", "24,90", "accessoires-maroquinerie", "in_stock")
    };
    town.add(shop, merino).await;
    town.add(shop, product("Écharpe en laine", "39", "accessoires-maroquinerie", "out_of_stock")).await;
    town.add(shop, product("Pelote de laine bio", "", "loisirs-creatifs-musique", "window")).await;
    town.add(other, product("Chaussettes laine et soie", "12,50", "vetements-homme", "quantity")).await;
    town.add(other, product("Ampoule LED 12 V", "6,95", "electricite-eclairage", "in_stock")).await;
    town
}

#[tokio::test]
async fn words_are_found_whatever_their_accents_case_or_language() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        assert_eq!(t.names(words("BONNET Merinos"), now()).await, ["Bonnet en laine mérinos"]);
        assert_eq!(t.names(words("muts"), now()).await, ["Bonnet en laine mérinos"], "its Dutch name");
        assert_eq!(t.names(words("beanie"), now()).await, ["Bonnet en laine mérinos"], "its English name");
        assert_eq!(t.names(words("ampoule 12 v"), now()).await, ["Ampoule LED 12 V"]);
        // Names holding the word first, then those found by their category or shop; by name.
        assert_eq!(
            t.names(words("laine"), now()).await,
            ["Bonnet en laine mérinos", "Chaussettes laine et soie", "Écharpe en laine", "Pelote de laine bio"]
        );
        let by_category = t.names(words("éclairage"), now()).await;
        assert_eq!(by_category, ["Ampoule LED 12 V"], "found by its category's name");
        let shop_name = business::Entity::find_by_id(t.people.other_shop).one(&t.db).await.unwrap().unwrap().name;
        let by_shop = t.names(words(&shop_name), now()).await;
        assert_eq!(by_shop, ["Ampoule LED 12 V", "Chaussettes laine et soie"], "found by its shop's name");
        let page = t.search(words("chaussettes"), now()).await.unwrap();
        let card = &page.items[0];
        assert_eq!((card.business_name.as_str(), card.price_cents), (shop_name.as_str(), Some(1250)));
        assert_eq!(card.availability, Availability::InStock { quantity: Some(3), checked_days_ago: 0 });
        assert!(t.names(words("cachemire"), now()).await.is_empty());
        assert_eq!(t.search(RawProductSearch::default(), now()).await.unwrap().total, 5, "no words: every product");
    })
    .await;
}

#[tokio::test]
async fn each_filter_narrows_the_search() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        let laine = || words("laine");
        let category = RawProductSearch { category: Some("accessoires-maroquinerie".into()), ..laine() };
        assert_eq!(t.names(category, now()).await, ["Bonnet en laine mérinos", "Écharpe en laine"]);
        let page = t.search(laine(), now()).await.unwrap();
        assert!(page.categories.iter().any(|c| c.slug == "accessoires-maroquinerie" && c.count == 2));
        assert!(page.categories.iter().all(|c| c.count > 0), "categories without products are not offered");

        // A shop of another category than the first two's, with a woollen product of its own.
        let first_two = business::Entity::find()
            .filter(business::Column::Id.is_in([t.people.shop, t.people.other_shop]))
            .all(&t.db)
            .await
            .unwrap();
        let third = business::Entity::find()
            .filter(business::Column::CategoryId.is_not_in(first_two.iter().map(|b| b.category_id)))
            .filter(business::Column::Published.eq(true))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        manage::create(&t.db, Some(&t.people.admin), third.id, &product("Gants en laine", "15", "", "in_stock"), now())
            .await
            .unwrap();
        let third_category = category::Entity::find_by_id(third.category_id).one(&t.db).await.unwrap().unwrap();
        let by_shop_category = RawProductSearch { shop_category: Some(third_category.slug), ..laine() };
        assert_eq!(t.names(by_shop_category, now()).await, ["Gants en laine"]);
        let first_category = category::Entity::find_by_id(first_two[0].category_id).one(&t.db).await.unwrap().unwrap();
        let by_first = t.names(RawProductSearch { shop_category: Some(first_category.slug), ..laine() }, now()).await;
        assert!(!by_first.is_empty() && !by_first.contains(&"Gants en laine".to_string()));

        // In stock: what shoppers are told now, by the clock: 22 days later nothing is.
        let in_stock = || RawProductSearch { in_stock: Some("1".into()), ..laine() };
        assert_eq!(t.names(in_stock(), now()).await, ["Bonnet en laine mérinos", "Chaussettes laine et soie", "Gants en laine"]);
        assert!(t.names(in_stock(), now() + Duration::days(22)).await.is_empty(), "statements gone stale");
        let later = t.search(laine(), now() + Duration::days(22)).await.unwrap();
        assert!(later.items.iter().all(|c| c.availability == Availability::AskTheShop));

        // A price range holds both ends; "price in the shop" is in none.
        let range = RawProductSearch { min_price: Some("12,50".into()), max_price: Some("€ 24,90".into()), ..Default::default() };
        assert_eq!(t.names(range, now()).await, ["Bonnet en laine mérinos", "Chaussettes laine et soie", "Gants en laine"]);
        let cheap = RawProductSearch { max_price: Some("7".into()), ..Default::default() };
        assert_eq!(t.names(cheap, now()).await, ["Ampoule LED 12 V"]);

        // Open now: only shops the directory says are open, and the cards say so. Saturday
        // morning, Saturday night and Sunday morning: both filters' outcomes are met.
        let (mut some_open, mut some_closed) = (false, false);
        for at in [now(), now() + Duration::hours(12), now() + Duration::days(1)] {
            let everything = t.search(RawProductSearch::default(), at).await.unwrap();
            let open = t.search(RawProductSearch { open_now: Some("1".into()), ..Default::default() }, at).await.unwrap();
            let expected: Vec<i32> =
                everything.items.iter().filter(|c| c.business_status.is_open()).map(|c| c.id).collect();
            assert_eq!(open.items.iter().map(|c| c.id).collect::<Vec<_>>(), expected, "at {at}");
            some_open |= !open.items.is_empty();
            some_closed |= open.items.len() < everything.items.len();
        }
        assert!(some_open && some_closed, "the instants chosen show open and closed shops");
    })
    .await;
}

#[tokio::test]
async fn hidden_products_and_unpublished_shops_are_never_found_and_writes_are_seen() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        let p = &t.people;
        let bulb = product::Entity::find()
            .filter(product::Column::NameFr.eq("Ampoule LED 12 V"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        manage::set_visible(&t.db, Some(&p.other_owner), p.other_shop, bulb.id, false, now()).await.unwrap();
        assert!(t.names(words("ampoule"), now()).await.is_empty(), "a hidden product");
        manage::set_visible(&t.db, Some(&p.other_owner), p.other_shop, bulb.id, true, now()).await.unwrap();
        assert_eq!(t.names(words("ampoule"), now()).await, ["Ampoule LED 12 V"]);

        t.add(p.shop, product("Bonnet de ski", "19", "sport-loisirs", "in_stock")).await;
        assert_eq!(t.names(words("bonnet"), now()).await, ["Bonnet de ski", "Bonnet en laine mérinos"], "a new product");

        domain::console::set_published(&t.db, Some(&p.admin), p.other_shop, false, "Fermé pour travaux", now()).await.unwrap();
        assert!(t.names(words("ampoule"), now()).await.is_empty(), "an unpublished shop");
        assert_eq!(t.search(RawProductSearch::default(), now()).await.unwrap().total, 4);
    })
    .await;
}

#[tokio::test]
async fn a_directory_search_offers_the_products_its_words_find() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        let (total, cards) = matching_products(&t.db, &t.catalogue, &t.directory, Lang::Nl, "LAINE", 2, now()).await.unwrap();
        assert_eq!(total, 4);
        let names: Vec<_> = cards.iter().map(|c| (c.name.as_str(), c.name_lang)).collect();
        assert_eq!(names, [("Merinowollen muts", Lang::Nl), ("Chaussettes laine et soie", Lang::Fr)]);
        let (total, cards) = matching_products(&t.db, &t.catalogue, &t.directory, Lang::Fr, " !? ", 4, now()).await.unwrap();
        assert_eq!((total, cards.len()), (0, 0), "no words, no products");
    })
    .await;
}

#[tokio::test]
async fn parameters_that_cannot_be_answered_are_refused() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        let refused = |raw: RawProductSearch| {
            let t = &t;
            async move {
                match t.search(raw, now()).await {
                    Err(DomainError::BadQuery(problem)) => problem,
                    other => panic!("expected a refused query, got {other:?}"),
                }
            }
        };
        let unknown = RawProductSearch { category: Some("licornes".into()), ..Default::default() };
        assert_eq!(refused(unknown).await, QueryProblem::UnknownCategory);
        let unknown_shop = RawProductSearch { shop_category: Some("licornes".into()), ..Default::default() };
        assert_eq!(refused(unknown_shop).await, QueryProblem::UnknownCategory);
        let price = RawProductSearch { min_price: Some("=1+1".into()), ..Default::default() };
        assert_eq!(refused(price).await, QueryProblem::BadPrice);
        let page = RawProductSearch { page: Some("2".into()), ..Default::default() };
        assert_eq!(refused(page).await, QueryProblem::PageOutOfRange { requested: 2, last: 1 });
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_catalogue_is_rebuilt_in_the_background_and_a_write_is_found_soon_after() {
    on_every_backend(|db| async move {
        let t = town(&db).await;
        let target = domain::catalogue::search::INLINE_REBUILD_BELOW + 500;
        domain::catalogue::demo::top_up(&t.db, target).await.unwrap();
        let all = t.search(RawProductSearch::default(), now()).await.unwrap();
        assert_eq!(all.total as usize, target, "the first snapshot is built while the request waits");
        t.add(t.people.shop, product("Bonnet zanzibar", "9", "", "in_stock")).await;
        let started = std::time::Instant::now();
        loop {
            // Each search answers at once, from the previous snapshot until the new one is there.
            if t.names(words("zanzibar"), now()).await == ["Bonnet zanzibar"] {
                break;
            }
            assert!(started.elapsed() < std::time::Duration::from_secs(20), "the write is never found");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await;
}
