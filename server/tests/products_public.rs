//! What shoppers see of the catalogue over HTTP (issue 13), on SQLite and PostgreSQL:
//! - a business page's window links its products; a shop's products page is paged, and a page
//!   past the end is a 404;
//! - a product's page in three languages: price or "price in the shop", what is there and how
//!   recently it was checked, the shop's status, address and the way there, schema.org
//!   `Product`/`Offer`, canonical and alternates; server HTML without the public bundle;
//! - a stock statement older than 21 days reads "ask the shop" (the clock moved, not the data);
//! - hidden products, other shops' products and malformed ids are 404s.

use chrono::Duration;
use entity::product;
use harness::{on_every_backend, saturday_morning, Options, Serving, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

#[path = "support/app.rs"]
mod harness;

async fn shop_products(server: &TestApp, slug: &str) -> Vec<product::Model> {
    let shop = server.shops().await.into_iter().find(|b| b.slug == slug).unwrap();
    product::Entity::find()
        .filter(product::Column::BusinessId.eq(shop.id))
        .order_by_asc(product::Column::SortName)
        .all(&server.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_product_page_says_what_is_there_and_where_to_find_it() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let products = shop_products(&server, "patisserie-lemaire").await;
        let fresh = products.iter().find(|p| p.stock == "in_stock" && p.price_cents.is_some() && p.visible).unwrap();
        server
            .db
            .execute_unprepared(&format!(
                "UPDATE products SET name_nl = 'Proeftaart', price_cents = 1250, gtin = '5449000000996' WHERE id = {}",
                fresh.id
            ))
            .await
            .unwrap();
        let path = format!("/commerces/patisserie-lemaire/produits/{}", fresh.id);
        let (status, html) = server.text(&path).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains(&fresh.name_fr.replace('\'', "&#x27;")) || html.contains(&fresh.name_fr), "{label}");
        assert!(html.contains("12,50\u{a0}€"), "{label}: the price as written in French");
        assert!(html.contains("En stock · vérifié"), "{label}: what is there, and how recently it was checked");
        assert!(html.contains("Pâtisserie Lemaire") && html.contains("Grand-Place 7"), "{label}: the shop's address");
        assert!(html.contains("https://www.openstreetmap.org/?mlat="), "{label}: the way there");
        assert!(html.contains("\"@type\":\"Product\"") && html.contains("\"availability\":\"https://schema.org/InStock\""));
        assert!(html.contains("\"price\":\"12.50\"") && html.contains("\"priceCurrency\":\"EUR\""), "{label}");
        assert!(html.contains("\"gtin\":\"5449000000996\""), "{label}");
        assert!(html.contains(&format!("{}{path}\" rel=\"canonical\"", server.base)), "{label}: canonical");
        assert!(html.contains(&format!("{}/nl{path}\" hreflang=\"nl\"", server.base)), "{label}: alternates");
        assert!(!html.contains("hydrate()") && !html.contains(".wasm"), "{label}: not hydrated, no public bundle");

        let (status, dutch) = server.text(&format!("/nl{path}")).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(dutch.contains("<h1>Proeftaart") && dutch.contains("€\u{a0}12,50") && dutch.contains("Op voorraad"));
        let (_, english) = server.text(&format!("/en{path}")).await;
        assert!(english.contains(&format!("lang=\"fr\">{}", fresh.name_fr.replace('\'', "&#x27;"))) || english.contains("lang=\"fr\""), "{label}: French fallback marked");
        assert!(english.contains("€12.50") && english.contains("In stock · checked"), "{label}");

        // The business page's window links it.
        let (_, business) = server.text("/commerces/patisserie-lemaire").await;
        assert!(business.contains("Dans la vitrine"), "{label}");
        assert!(business.contains("/commerces/patisserie-lemaire/produits\" rel=\"external\""), "{label}: see all");
    })
    .await;
}

#[tokio::test]
async fn after_21_days_without_a_check_shoppers_are_told_to_ask_the_shop() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let products = shop_products(&server, "patisserie-lemaire").await;
        let fresh = products.iter().find(|p| p.stock == "in_stock" && p.visible).unwrap();
        // Confirmed on Saturday morning, the demo's "now".
        product::Entity::update_many()
            .col_expr(product::Column::StockConfirmedAt, Expr::value(Some(saturday_morning())))
            .filter(product::Column::Id.eq(fresh.id))
            .exec(&server.db)
            .await
            .unwrap();
        let path = format!("/commerces/patisserie-lemaire/produits/{}", fresh.id);
        let day_21 = server.instance_with(Serving::default().now(saturday_morning() + Duration::days(21))).await;
        let html = day_21.text(&path).await.1;
        assert!(html.contains("En stock · vérifié il y a 21 jours"), "{label}");
        let day_22 = server.instance_with(Serving::default().now(saturday_morning() + Duration::days(22))).await;
        let html = day_22.text(&path).await.1;
        assert!(html.contains("Demandez au magasin") && !html.contains("En stock"), "{label}");
        assert!(html.contains("\"availability\":\"https://schema.org/InStoreOnly\""), "{label}");
    })
    .await;
}

#[tokio::test]
async fn hidden_foreign_and_malformed_products_are_not_found() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let mine = shop_products(&server, "patisserie-lemaire").await;
        let theirs = shop_products(&server, "boucherie-dubois").await;
        let hidden = &mine[0];
        server.db.execute_unprepared(&format!("UPDATE products SET visible = false WHERE id = {}", hidden.id)).await.unwrap();
        for path in [
            format!("/commerces/patisserie-lemaire/produits/{}", hidden.id),
            format!("/commerces/patisserie-lemaire/produits/{}", theirs[0].id),
            "/commerces/patisserie-lemaire/produits/abc".to_string(),
            format!("/commerces/patisserie-lemaire/produits/0{}", mine[1].id),
            "/commerces/patisserie-lemaire/produits/-1".to_string(),
            format!("/commerces/nulle-part/produits/{}", mine[1].id),
            "/commerces/patisserie-lemaire/produits?page=99".to_string(),
            "/commerces/patisserie-lemaire/produits?page=zero".to_string(),
        ] {
            let (status, html) = server.text(&path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{label}: {path}");
            assert!(!html.contains(&hidden.name_fr) || path.contains("nulle-part"), "{label}: {path}");
        }
        let (_, list) = server.text("/commerces/patisserie-lemaire/produits").await;
        assert!(!list.contains(&format!("/produits/{}\"", hidden.id)), "{label}: a hidden product is not listed");
    })
    .await;
}

#[tokio::test]
async fn a_big_shops_products_come_in_pages() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let (status, first) = server.text("/commerces/soignies-sports/produits").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(first.contains("3000 produits"), "{label}");
        assert!(first.contains("Page 1 sur 125"), "{label}");
        assert_eq!(first.matches("class=\"product-card\"").count(), 24, "{label}: 24 a page");
        let (status, last) = server.text("/commerces/soignies-sports/produits?page=125").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(last.contains("rel=\"prev\""), "{label}");
        let (status, _) = server.text("/nl/commerces/soignies-sports/produits?page=126").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{label}");
    })
    .await;
}

/// A page's status and HTML without the renderer's empty comments (`<!---->`) between texts.
async fn page(server: &TestApp, path: &str) -> (StatusCode, String) {
    let (status, html) = server.text(path).await;
    (status, html.replace("<!---->", ""))
}

#[tokio::test]
async fn every_shops_products_are_searched_from_one_page_in_three_languages() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let (status, html) = page(&server, "/produits?q=GATEAU+saint").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("<h1>Qui vend ça à Soignies ?</h1>"), "{label}");
        assert!(html.contains("Gâteau Saint-Vincent (6 personnes)"), "{label}: accents and case ignored");
        assert!(html.contains("<p class=\"product-card__shop\">Pâtisserie Lemaire</p>"), "{label}: which shop");
        assert!(html.contains("status status--open") || html.contains("status status--closed"), "{label}: open or not");
        assert!(html.contains("value=\"GATEAU saint\""), "{label}: the words stay in the field");
        assert!(!html.contains("hydrate()") && !html.contains(".wasm"), "{label}: server HTML, no public bundle");
        assert!(html.contains(&format!("{}/produits?q=GATEAU+saint\" rel=\"canonical\"", server.base)), "{label}");

        // Filters live in the URL and come back checked; the price as typed in Dutch.
        let (status, dutch) = page(&server, "/nl/produits?q=gateau&stock=1&ouvert=1&prix_max=100").await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(dutch.contains("Wie verkoopt dit in Zinnik?"), "{label}");
        assert!(dutch.contains("name=\"stock\" value=\"1\" checked"), "{label}: {}", &dutch[dutch.find("produits-stock").unwrap_or(0)..][..200]);
        assert!(dutch.contains("value=\"100,00\""), "{label}: the price filter shown back");
        let (_, english) = page(&server, "/en/produits?q=gateau").await;
        assert!(english.contains("Who sells this in Soignies?") && english.contains("Pâtisserie Lemaire"), "{label}");

        // Refused parameters: a translated reason, an honest status, the words kept.
        let (status, refused) = page(&server, "/en/produits?q=hat&prix_min=twelve").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{label}");
        assert!(refused.contains("The price must be an amount in euros"), "{label}");
        assert!(refused.contains("value=\"hat\""), "{label}: the words kept");
        let (status, unknown) = page(&server, "/produits?categorie=licornes").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{label}");
        assert!(unknown.contains("Cette catégorie n'existe pas") || unknown.contains("Cette catégorie n&#x27;existe pas"), "{label}");
        let (status, _) = page(&server, "/produits?page=9999").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{label}");
        let (status, _) = page(&server, "/produits?q=%3Cscript%3E").await;
        assert_eq!(status, StatusCode::OK, "{label}: hostile words are only words");

        // A directory search for a product word offers the products, linked to the search.
        let (_, directory) = page(&server, "/commerces?q=gateau").await;
        assert!(directory.contains("Produits : « gateau »"), "{label}");
        assert!(directory.contains("Gâteau Saint-Vincent (6 personnes)"), "{label}");
        assert!(directory.contains("/produits?q=gateau\" rel=\"external\""), "{label}: all of them");
        let (_, no_words) = page(&server, "/commerces").await;
        assert!(!no_words.contains("directory__products"), "{label}: no words, no products");

        // The search is in the sitemap and in the main navigation.
        let (_, sitemap) = page(&server, "/sitemap.xml").await;
        assert!(sitemap.contains(&format!("<loc>{}/nl/produits</loc>", server.base)), "{label}");
        assert!(html.contains("href=\"/produits\" rel=\"external\""), "{label}: in the navigation");
    })
    .await;
}
