//! The merchant's products over HTTP (issue 13), on a real server over SQLite, and PostgreSQL
//! too when `TEST_DATABASE_URL` is set:
//! - the list and the editor in three languages, for the business's people only;
//! - the product form without JavaScript: refused (a bad price, a GTIN with a wrong check
//!   digit) it comes back with each message and the text as typed, line breaks included, and
//!   nothing is saved; accepted, it lands on the list at the product;
//! - one-tap stock and visibility, with the list's filters kept, and the authorisation matrix of
//!   every write (anonymous 401, another business's people 403, another business's product 404);
//! - bulk actions from ticks (`ids[]`), deleting only after the confirmation step;
//! - finding a product by a typed barcode, or being offered to start one with it;
//! - unreadable list URLs: 400.

use entity::product;
use harness::{on_every_backend, people, Options, TestApp};
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[path = "support/app.rs"]
mod harness;

async fn products_of(server: &TestApp, business: i32) -> Vec<product::Model> {
    product::Entity::find().filter(product::Column::BusinessId.eq(business)).all(&server.db).await.unwrap()
}

async fn page(server: &TestApp, cookie: Option<&str>, path: &str) -> (StatusCode, String) {
    let response = server.get_as(cookie, path).await;
    (response.status(), response.text().await.unwrap())
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_list_and_the_editor_speak_three_languages_to_the_shops_people_only() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let first = products_of(&server, 1).await.into_iter().min_by_key(|p| p.name_fr.clone()).unwrap();
        for (prefix, title) in [("", "Produits"), ("/nl", "Producten"), ("/en", "Products")] {
            let (status, html) = page(&server, Some(&p.staff), &format!("{prefix}/tableau-de-bord/1/produits")).await;
            assert_eq!(status, StatusCode::OK, "{label} {prefix}");
            assert!(html.contains(&format!("<h1>{title}<")), "{label} {prefix}");
            assert!(html.contains(&first.name_fr) || !first.name_nl.is_empty(), "{label} {prefix}: the first product");
            let editor = format!("{prefix}/tableau-de-bord/1/produits/{}", first.id);
            let (status, html) = page(&server, Some(&p.owner), &editor).await;
            assert_eq!(status, StatusCode::OK, "{label} {editor}");
            assert!(html.contains(&format!("value=\"{}\"", first.name_fr.replace('\'', "&#x27;"))) || html.contains(&first.name_fr), "{label}");
        }
        let (status, _) = page(&server, Some(&p.admin), "/tableau-de-bord/1/produits/nouveau").await;
        assert_eq!(status, StatusCode::OK, "{label}: the town's administrator");
        for (who, cookie, expected) in [
            ("anonymous", None, StatusCode::UNAUTHORIZED),
            ("other owner", Some(p.other_owner.as_str()), StatusCode::FORBIDDEN),
            ("other staff", Some(p.other_staff.as_str()), StatusCode::FORBIDDEN),
        ] {
            let (status, html) = page(&server, cookie, "/tableau-de-bord/1/produits").await;
            assert_eq!(status, expected, "{label} {who}");
            assert!(!html.contains(&first.name_fr), "{label} {who} sees no product");
        }
        // Another business's product through this business's URL.
        let theirs = products_of(&server, 2).await.into_iter().next().unwrap();
        let (status, _) = page(&server, Some(&p.owner), &format!("/tableau-de-bord/1/produits/{}", theirs.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{label}");
        // Unreadable list URLs.
        for query in ["?etat=tout", "?tri=au-hasard", "?page=-1", "?categorie=armes", "?q=%00"] {
            let (status, _) = page(&server, Some(&p.owner), &format!("/tableau-de-bord/1/produits{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{label} {query}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_refused_form_without_javascript_comes_back_as_typed_and_saves_nothing() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let before = products_of(&server, 1).await.len();
        let editor = "/tableau-de-bord/1/produits/nouveau";
        let description = "Laine des Ardennes.\r\nTricoté à Soignies.";
        let fields = [
            ("lang", "Fr"),
            ("business_id", "1"),
            ("product_id", "0"),
            ("version", "0"),
            ("name_fr", "Bonnet « Collégiale »"),
            ("description_fr", description),
            ("price", "-12,50"),
            ("gtin", "5449000000997"),
            ("stock", "in_stock"),
            ("visible", "on"),
        ];
        let refused = server.post_form_as(Some(&p.owner), "/api/save_product", editor, &fields).await;
        assert_eq!(refused.status(), StatusCode::FOUND, "{label}");
        let back = location(&refused);
        assert!(back.starts_with(editor) && back.contains("formulaire="), "{label}: {back}");
        let (status, html) = page(&server, Some(&p.owner), &back).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("Le prix ne peut pas être négatif."), "{label}");
        assert!(html.contains("Le dernier chiffre du code-barres ne correspond pas"), "{label}");
        let area = html.find("<textarea id=\"description_fr\"").expect("the description's text area");
        let from = area + html[area..].find('>').unwrap() + 1;
        let text = &html[from..from + html[from..].find("</textarea>").unwrap()];
        // As the browser's parser reads it: CR LF is LF.
        assert_eq!(text.replace("\r\n", "\n"), "Laine des Ardennes.\nTricoté à Soignies.", "{label}: the text as typed");
        assert!(html.contains("value=\"-12,50\""), "{label}");
        assert_eq!(products_of(&server, 1).await.len(), before, "{label}: nothing saved");

        // Someone else's session does not get these values back.
        let (_, theirs) = page(&server, Some(&p.staff), &back).await;
        assert!(!theirs.contains("Laine des Ardennes"), "{label}");

        let mut fixed = fields;
        fixed[6] = ("price", "12,50");
        fixed[7] = ("gtin", "5449000000996");
        let saved = server.post_form_as(Some(&p.owner), "/api/save_product", editor, &fixed).await;
        assert_eq!(saved.status(), StatusCode::FOUND, "{label}");
        let created = products_of(&server, 1).await.into_iter().find(|p| p.name_fr == "Bonnet « Collégiale »").unwrap();
        assert_eq!((created.price_cents, created.gtin.as_deref()), (Some(1250), Some("5449000000996")), "{label}");
        assert_eq!(created.description_fr, "Laine des Ardennes.\nTricoté à Soignies.", "{label}");
        assert_eq!(location(&saved), format!("/tableau-de-bord/1/produits?fait=ajoute#produit-{}", created.id), "{label}");
    })
    .await;
}

#[tokio::test]
async fn one_tap_writes_keep_the_filters_and_answer_only_the_shops_people() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let target = products_of(&server, 1).await.into_iter().find(|p| p.stock == "in_stock").unwrap();
        let id = target.id.to_string();
        let fields =
            |stock: &'static str| vec![("lang", "Fr"), ("business_id", "1"), ("product_id", id.as_str()), ("stock", stock)];
        for (who, cookie, expected) in [
            ("anonymous", None, StatusCode::UNAUTHORIZED),
            ("other owner", Some(p.other_owner.as_str()), StatusCode::FORBIDDEN),
            ("other staff", Some(p.other_staff.as_str()), StatusCode::FORBIDDEN),
        ] {
            let answer = server.call_as(cookie, "set_product_stock", &fields("out_of_stock")).await;
            assert_eq!(answer.status(), expected, "{label} {who}");
        }
        // The other shop's owner naming this product under their own business: not found.
        let mut theirs = fields("out_of_stock");
        theirs[1] = ("business_id", "2");
        assert_eq!(
            server.call_as(Some(&p.other_owner), "set_product_stock", &theirs).await.status(),
            StatusCode::NOT_FOUND,
            "{label}"
        );
        assert_eq!(products_of(&server, 1).await.iter().find(|p| p.id == target.id).unwrap().stock, "in_stock");

        let mut tap = fields("out_of_stock");
        tap.push(("back", "?etat=in_stock&tri=price&page=1"));
        let done = server.post_form_as(Some(&p.staff), "/api/set_product_stock", "/tableau-de-bord/1/produits", &tap).await;
        assert_eq!(done.status(), StatusCode::FOUND, "{label}");
        assert_eq!(
            location(&done),
            format!("/tableau-de-bord/1/produits?etat=in_stock&tri=price&fait=stock#produit-{}", target.id),
            "{label}"
        );
        let row = products_of(&server, 1).await.into_iter().find(|p| p.id == target.id).unwrap();
        assert_eq!(row.stock, "out_of_stock", "{label}");

        let hide = [("lang", "Nl"), ("business_id", "1"), ("product_id", id.as_str()), ("visible", "0")];
        let done = server.post_form_as(Some(&p.admin), "/api/set_product_visible", "/nl/tableau-de-bord/1/produits", &hide).await;
        assert_eq!(location(&done), format!("/nl/tableau-de-bord/1/produits?fait=masque#produit-{}", target.id), "{label}");
        assert!(!products_of(&server, 1).await.into_iter().find(|p| p.id == target.id).unwrap().visible, "{label}");
        let odd = [("lang", "Fr"), ("business_id", "1"), ("product_id", id.as_str()), ("visible", "peut-être")];
        assert_eq!(server.call_as(Some(&p.owner), "set_product_visible", &odd).await.status(), StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn bulk_actions_take_the_ticks_and_delete_only_once_confirmed() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let mine: Vec<String> = products_of(&server, 1).await.iter().take(3).map(|p| p.id.to_string()).collect();
        let mut fields = vec![("lang", "Fr"), ("business_id", "1"), ("action", "out_of_stock")];
        fields.extend(mine.iter().map(|id| ("ids[]", id.as_str())));
        let done = server.post_form_as(Some(&p.owner), "/api/bulk_products", "/tableau-de-bord/1/produits", &fields).await;
        assert_eq!(done.status(), StatusCode::FOUND, "{label}");
        let now = products_of(&server, 1).await;
        for id in &mine {
            assert_eq!(now.iter().find(|p| &p.id.to_string() == id).unwrap().stock, "out_of_stock", "{label}");
        }

        fields[2] = ("action", "delete");
        let asked = server.post_form_as(Some(&p.owner), "/api/bulk_products", "/tableau-de-bord/1/produits", &fields).await;
        assert_eq!(location(&asked), format!("/tableau-de-bord/1/produits?supprimer={}#confirmer", mine.join(".")), "{label}");
        assert_eq!(products_of(&server, 1).await.len(), now.len(), "{label}: nothing deleted before confirming");
        let (_, confirm) = page(&server, Some(&p.owner), &location(&asked)).await;
        assert!(confirm.contains("Supprimer 3 produit(s) ?"), "{label}");

        // A tick of another business's product makes the whole action fail.
        let theirs = products_of(&server, 2).await[0].id.to_string();
        let mut forged = fields.clone();
        forged.push(("ids[]", theirs.as_str()));
        forged.push(("confirmed", "1"));
        assert_eq!(server.call_as(Some(&p.owner), "bulk_products", &forged).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(products_of(&server, 1).await.len(), now.len(), "{label}");

        fields.push(("confirmed", "1"));
        let deleted = server.post_form_as(Some(&p.owner), "/api/bulk_products", "/tableau-de-bord/1/produits", &fields).await;
        assert_eq!(deleted.status(), StatusCode::FOUND, "{label}");
        assert_eq!(products_of(&server, 1).await.len(), now.len() - 3, "{label}");
        let none = [("lang", "Fr"), ("business_id", "1"), ("action", "hide")];
        assert_eq!(server.call_as(Some(&p.owner), "bulk_products", &none).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    })
    .await;
}

#[tokio::test]
async fn a_typed_barcode_finds_the_product_or_starts_one() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let with_gtin = products_of(&server, 1).await.into_iter().find(|p| p.gtin.is_some());
        let target = match with_gtin {
            Some(product) => product,
            None => {
                let form = common::catalogue::ProductForm {
                    name_fr: "Biscuits".into(),
                    gtin: "5449000000996".into(),
                    stock: "in_stock".into(),
                    visible: true,
                    ..Default::default()
                };
                let owner = domain::accounts::find_by_email(&server.db, harness::MERCHANT.0).await.unwrap().unwrap();
                let actor = domain::accounts::actor_of(&owner);
                let id = domain::catalogue::manage::create(&server.db, Some(&actor), 1, &form, harness::saturday_morning())
                    .await
                    .unwrap();
                product::Entity::find_by_id(id).one(&server.db).await.unwrap().unwrap()
            }
        };
        let gtin = target.gtin.clone().unwrap();
        let (status, html) = page(&server, Some(&p.staff), &format!("/tableau-de-bord/1/produits?code={gtin}")).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains(&format!("Produit trouvé pour le code {gtin}")), "{label}");
        assert!(html.contains(&format!("id=\"trouve-{}\"", target.id)), "{label}: its row and buttons");
        let (_, html) = page(&server, Some(&p.staff), "/en/tableau-de-bord/1/produits?code=4006381333931").await;
        assert!(html.contains("No product has the code 4006381333931."), "{label}");
        assert!(html.contains("/en/tableau-de-bord/1/produits/nouveau?gtin=4006381333931"), "{label}");
        let (_, html) = page(&server, Some(&p.staff), "/en/tableau-de-bord/1/produits/nouveau?gtin=4006381333931").await;
        assert!(html.contains("value=\"4006381333931\""), "{label}: the GTIN filled in");
    })
    .await;
}

#[tokio::test]
async fn the_export_opens_in_a_belgian_excel_and_only_for_the_shops_people() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        for (who, cookie, expected) in [
            ("anonymous", None, StatusCode::UNAUTHORIZED),
            ("other owner", Some(p.other_owner.as_str()), StatusCode::FORBIDDEN),
            ("other staff", Some(p.other_staff.as_str()), StatusCode::FORBIDDEN),
        ] {
            let answer = server.get_as(cookie, "/tableau-de-bord/1/produits/export.csv").await;
            assert_eq!(answer.status(), expected, "{label} {who}");
        }
        let answer = server.get_as(Some(&p.staff), "/nl/tableau-de-bord/1/produits/export.csv").await;
        assert_eq!(answer.status(), StatusCode::OK, "{label}");
        assert_eq!(answer.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert_eq!(answer.headers()[header::CACHE_CONTROL], "private, no-store");
        let bytes = answer.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBFNom;Nom (NL);"), "{label}: BOM and semicolons");
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let products = products_of(&server, 1).await;
        assert_eq!(text.lines().count(), products.len() + 1, "{label}: a line per product");
        let priced = products.iter().find(|p| p.price_cents == Some(2600)).unwrap();
        assert!(text.contains(&format!("{};", priced.name_fr)) && text.contains(";26,00;"), "{label}: decimal comma");
    })
    .await;
}

#[path = "support/png.rs"]
mod png;

const PHOTO_BOUNDARY: &str = "----vitrine-product-photo";

fn photo_body(file: &[u8], alts: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in alts {
        body.extend_from_slice(
            format!("--{PHOTO_BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{PHOTO_BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"bonnet.png\"\r\nContent-Type: image/png\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{PHOTO_BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_photo(server: &TestApp, cookie: Option<&str>, path: &str, body: Vec<u8>) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}{path}", server.base))
        .header(header::ORIGIN, &server.base)
        .header("Sec-Fetch-Site", "same-origin")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={PHOTO_BOUNDARY}"))
        .header(header::ACCEPT, "text/html")
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_products_photo_is_uploaded_without_javascript_and_shoppers_see_it() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let product = products_of(&server, 1).await.into_iter().min_by_key(|p| p.id).unwrap();
        let upload = format!("/nl/tableau-de-bord/1/produits/{}/photos", product.id);
        let editor = format!("/nl/tableau-de-bord/1/produits/{}", product.id);
        let picture = png::gradient_png(320, 240);
        let before = domain::catalogue::photos::photos_of(&server.db, product.id).await.unwrap().len();

        // Refused: no French description; the Dutch one typed comes back, the message too.
        let refused = post_photo(&server, Some(&p.staff), &upload, photo_body(&picture, &[("alt_nl", "Rode muts op een tafel")])).await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER, "{label}");
        let back = location(&refused);
        assert!(back.starts_with(&format!("{editor}?refus_photo=alt_fr%3Aalt_required")), "{label}: {back}");
        assert!(!back.contains("Rode"), "{label}: the text is kept server-side, not in the URL");
        let (_, html) = page(&server, Some(&p.staff), &back).await;
        assert!(html.contains("value=\"Rode muts op een tafel\""), "{label}: the description as typed");

        let added = post_photo(&server, Some(&p.staff), &upload, photo_body(&picture, &[("alt_fr", "Bonnet rouge sur une table")])).await;
        assert_eq!((added.status(), location(&added)), (StatusCode::SEE_OTHER, format!("{editor}?photo=ajoutee#photos")), "{label}");
        let (_, html) = page(&server, Some(&p.staff), &editor).await;
        assert!(html.contains("alt=\"Bonnet rouge sur une table\""), "{label}: on the product's page of the dashboard");
        let shop = server.shops().await.into_iter().find(|b| b.id == 1).unwrap();
        let (_, public) = page(&server, None, &format!("/commerces/{}/produits/{}", shop.slug, product.id)).await;
        assert!(public.contains("class=\"product__photo\"") && public.contains("Bonnet rouge sur une table"), "{label}");

        // Strangers: anonymous to the login page, another business's owner refused, another
        // business's product not found.
        let anonymous = post_photo(&server, None, &upload, photo_body(&picture, &[("alt_fr", "x")])).await;
        assert_eq!((anonymous.status(), location(&anonymous)), (StatusCode::SEE_OTHER, "/nl/connexion".to_string()), "{label}");
        let stranger = post_photo(&server, Some(&p.other_owner), &upload, photo_body(&picture, &[("alt_fr", "x")])).await;
        assert_eq!(stranger.status(), StatusCode::FORBIDDEN, "{label}");
        let theirs = products_of(&server, 2).await.into_iter().next().unwrap();
        let elsewhere = format!("/tableau-de-bord/1/produits/{}/photos", theirs.id);
        let misnamed = post_photo(&server, Some(&p.owner), &elsewhere, photo_body(&picture, &[("alt_fr", "x")])).await;
        assert_eq!(misnamed.status(), StatusCode::NOT_FOUND, "{label}");
        assert_eq!(domain::catalogue::photos::photos_of(&server.db, product.id).await.unwrap().len(), before + 1, "{label}");
    })
    .await;
}
