//! The spreadsheet import over HTTP (issue 13), on a real server over SQLite, and PostgreSQL too
//! when `TEST_DATABASE_URL` is set:
//! - a Windows-1252 semicolon file uploaded without JavaScript: a 303 to its preview, which
//!   lists the refused rows (line, column, translated reason) in three languages and offers no
//!   import; nothing is written;
//! - a good file: previewed, confirmed (303 to the list saying what was done), and the same file
//!   again changes nothing;
//! - columns named otherwise: the mapping step, then the import;
//! - files that do not read (binary, empty, too large) come back to the upload page with their
//!   reason; a body over the limit is 413; no file is a reason too;
//! - the authorisation matrix: anonymous to the login page, another business's people 403, and a
//!   kept file is nobody else's (another person of the same shop gets 404).

use entity::product;
use harness::{on_every_backend, people, Options, TestApp};
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[path = "support/app.rs"]
mod harness;

const BOUNDARY: &str = "----vitrine-import-test";

fn body(file_name: &str, bytes: &[u8], missing_out_of_stock: bool) -> Vec<u8> {
    let mut body = Vec::new();
    if missing_out_of_stock {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"epuiser_absents\"\r\n\r\n1\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Uploads as a browser without JavaScript (same origin, HTML accepted).
async fn upload(server: &TestApp, cookie: Option<&str>, prefix: &str, business: i32, body: Vec<u8>) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}{prefix}/tableau-de-bord/{business}/produits/importer/envoi", server.base))
        .header(header::ORIGIN, &server.base)
        .header("Sec-Fetch-Site", "same-origin")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// A page as its reader sees it: without the hydration markers (`<!---->`) between texts.
async fn page(server: &TestApp, cookie: &str, path: &str) -> (StatusCode, String) {
    let response = server.get_as(Some(cookie), path).await;
    let status = response.status();
    let html = response.text().await.unwrap();
    let mut text = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    text.push_str(rest);
    (status, text)
}

/// Windows-1252 bytes (the file Excel writes on a Belgian PC as "CSV (point-virgule)").
fn windows_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

fn catalogue(bad: bool) -> Vec<u8> {
    let mut text = String::from("Nom;Prix;Catégorie;Code-barres;Référence;Stock\r\n");
    for i in 1..=20 {
        let price = if bad && i == 5 { "douze".to_string() } else { format!("€ {i},50") };
        let gtin = if i == 12 { if bad { "5449000000997" } else { "5449000000996" } } else { "" };
        text.push_str(&format!("Pâte de fruits n°{i} – cœur d’abricot;{price};Chocolat et confiserie;{gtin};PDF-{i};en stock\r\n"));
    }
    windows_1252(&text)
}

async fn count(server: &TestApp, business: i32) -> u64 {
    product::Entity::find().filter(product::Column::BusinessId.eq(business)).count(&server.db).await.unwrap()
}

#[tokio::test]
async fn a_file_is_previewed_refused_fixed_imported_once_and_again_changes_nothing() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let before = count(&server, 1).await;

        let refused = upload(&server, Some(&p.staff), "", 1, body("pâtes.csv", &catalogue(true), false)).await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER, "{label}");
        let preview = location(&refused);
        assert!(preview.starts_with("/tableau-de-bord/1/produits/importer/") && preview.len() > 40, "{label}: {preview}");
        let (status, html) = page(&server, &p.staff, &preview).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("lu comme CSV, séparateur « ; », Windows-1252, 20 ligne(s) de produits"), "{label}");
        assert!(html.contains("<td>6</td><td>Prix</td><td>Ce prix n&#x27;est pas un montant lisible") || html.contains("<td>6</td><td>Prix</td><td>Ce prix n'est pas un montant lisible"), "{label}");
        assert!(html.contains("<td>13</td><td>Code-barres</td>"), "{label}: the line and the column of each refusal");
        assert!(!html.contains("Importer ces produits"), "{label}: nothing to confirm");
        let (_, dutch) = page(&server, &p.staff, &format!("/nl{preview}")).await;
        assert!(dutch.contains("Geweigerde rijen"), "{label}");
        let (_, english) = page(&server, &p.staff, &format!("/en{preview}")).await;
        assert!(english.contains("Refused rows"), "{label}");
        // Confirming it anyway writes nothing and shows the preview again.
        let token = preview.rsplit('/').next().unwrap();
        let confirm = server
            .post_form_as(Some(&p.staff), "/api/confirm_import", &preview, &[("lang", "Fr"), ("business_id", "1"), ("token", token)])
            .await;
        assert_eq!(location(&confirm), preview, "{label}");
        assert_eq!(count(&server, 1).await, before, "{label}: a refused file writes nothing");

        let good = upload(&server, Some(&p.staff), "", 1, body("pâtes.csv", &catalogue(false), false)).await;
        let preview = location(&good);
        let (_, html) = page(&server, &p.staff, &preview).await;
        assert!(html.contains("20 produit(s) à ajouter"), "{label}");
        assert!(html.contains("Importer ces produits"), "{label}");
        let token = preview.rsplit('/').next().unwrap();
        let confirm = server
            .post_form_as(Some(&p.staff), "/api/confirm_import", &preview, &[("lang", "Fr"), ("business_id", "1"), ("token", token)])
            .await;
        assert_eq!(location(&confirm), "/tableau-de-bord/1/produits?fait=importe&crees=20&modifies=0&epuises=0", "{label}");
        assert_eq!(count(&server, 1).await, before + 20, "{label}");
        let imported = product::Entity::find().filter(product::Column::Sku.eq("PDF-7")).one(&server.db).await.unwrap().unwrap();
        assert_eq!((imported.name_fr.as_str(), imported.price_cents), ("Pâte de fruits n°7 – cœur d’abricot", Some(750)));
        let (_, list) = page(&server, &p.staff, "/tableau-de-bord/1/produits?fait=importe&crees=20&modifies=0&epuises=0").await;
        assert!(list.contains("Import terminé : 20 produit(s) ajouté(s), 0 modifié(s), 0 marqué(s) épuisé(s)."), "{label}");
        let (status, _) = page(&server, &p.staff, &preview).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{label}: an imported file is gone");

        // The same file again, with "missing out of stock": nothing of the file changes, and
        // the shop's other products are listed to be marked out of stock.
        let again = upload(&server, Some(&p.staff), "", 1, body("pâtes.csv", &catalogue(false), true)).await;
        let (_, html) = page(&server, &p.staff, &location(&again)).await;
        assert!(html.contains("0 produit(s) à ajouter") && html.contains("20 ligne(s) sans changement"), "{label}");
        assert!(html.contains("Produits à marquer épuisés"), "{label}");
    })
    .await;
}

#[tokio::test]
async fn columns_named_otherwise_are_mapped_then_imported() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let file = "Veld 1,Veld 2,Veld 3\nKerststronk,\"32,00\",4\nSpeculaas,\"6,40\",0\n";
        let preview = location(&upload(&server, Some(&p.owner), "/nl", 1, body("kassa.csv", file.as_bytes(), false)).await);
        assert!(preview.starts_with("/nl/tableau-de-bord/1/produits/importer/"), "{label}: {preview}");
        let (status, html) = page(&server, &p.owner, &preview).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("Geen enkele kolom geeft de naam van de producten"), "{label}");
        let details = html.split("<details").nth(1).and_then(|rest| rest.split('>').next()).unwrap_or_default();
        assert!(details.contains("import-mapping") && details.contains(" open"), "{label}: the mapping step is open: {details}");
        let token = preview.rsplit('/').next().unwrap();
        let fields = [("lang", "Nl"), ("business_id", "1"), ("token", token)];
        // A column chosen twice is refused.
        let twice = [&fields[..], &[("columns[]", "name"), ("columns[]", "name"), ("columns[]", "")]].concat();
        let refused = server.call_as(Some(&p.owner), "choose_import_columns", &twice).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let mapped = [&fields[..], &[("columns[]", "name"), ("columns[]", "price"), ("columns[]", "quantity")]].concat();
        let chosen = server.post_form_as(Some(&p.owner), "/api/choose_import_columns", &preview, &mapped).await;
        assert_eq!(location(&chosen), preview, "{label}");
        let (_, html) = page(&server, &p.owner, &preview).await;
        assert!(html.contains("2 product(en) toe te voegen"), "{label}");
        let done = server.post_form_as(Some(&p.owner), "/api/confirm_import", &preview, &fields).await;
        assert!(location(&done).starts_with("/nl/tableau-de-bord/1/produits?fait=importe&crees=2"), "{label}");
        let speculaas = product::Entity::find().filter(product::Column::NameFr.eq("Speculaas")).one(&server.db).await.unwrap().unwrap();
        assert_eq!((speculaas.price_cents, speculaas.stock.as_str(), speculaas.quantity), (Some(640), "quantity", Some(0)));
    })
    .await;
}

#[tokio::test]
async fn files_that_do_not_read_come_back_with_their_reason_and_strangers_are_refused() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let before = count(&server, 1).await;
        let cases: [(&str, Vec<u8>, &str); 4] = [
            ("photo.csv", vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3], "sheet_not_a_spreadsheet"),
            ("vide.csv", b"Nom;Prix\r\n".to_vec(), "sheet_empty"),
            ("grand.csv", vec![b'a'; 5 * 1024 * 1024 + 10], "sheet_too_large"),
            ("", Vec::new(), "no_file"),
        ];
        for (name, bytes, reason) in cases {
            let response = upload(&server, Some(&p.owner), "/en", 1, body(name, &bytes, false)).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{label}: {reason}");
            let back = location(&response);
            assert_eq!(back, format!("/en/tableau-de-bord/1/produits/importer?refus={reason}"), "{label}");
            let (status, html) = page(&server, &p.owner, &back).await;
            assert_eq!(status, StatusCode::OK, "{label}");
            assert!(html.contains("role=\"alert\""), "{label}: {reason} is said");
        }
        let (_, html) = page(&server, &p.owner, "/en/tableau-de-bord/1/produits/importer?refus=sheet_too_large").await;
        assert!(html.contains("This file is over 5 MB"), "{label}");
        let huge = upload(&server, Some(&p.owner), "", 1, body("énorme.csv", &vec![b'a'; 7 * 1024 * 1024], false)).await;
        assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE, "{label}");
        assert_eq!(count(&server, 1).await, before, "{label}: nothing written");

        // Who may upload: anonymous to the login page, another business's people refused.
        let anonymous = upload(&server, None, "", 1, body("a.csv", &catalogue(false), false)).await;
        assert_eq!((anonymous.status(), location(&anonymous)), (StatusCode::SEE_OTHER, "/connexion".to_string()), "{label}");
        for stranger in [&p.other_owner, &p.other_staff] {
            let response = upload(&server, Some(stranger), "", 1, body("a.csv", &catalogue(false), false)).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{label}");
        }
        // A kept file is its uploader's only: the shop's owner cannot open the staff's.
        let kept = location(&upload(&server, Some(&p.staff), "", 1, body("a.csv", &catalogue(false), false)).await);
        assert_eq!(page(&server, &p.owner, &kept).await.0, StatusCode::NOT_FOUND, "{label}");
        assert_eq!(page(&server, &p.other_owner, &kept).await.0, StatusCode::FORBIDDEN, "{label}");
        assert_eq!(page(&server, &p.admin, &kept).await.0, StatusCode::NOT_FOUND, "{label}");
        let token = kept.rsplit('/').next().unwrap();
        let fields = [("lang", "Fr"), ("business_id", "1"), ("token", token)];
        let stolen = server.call_as(Some(&p.owner), "confirm_import", &fields).await;
        assert_eq!(stolen.status(), StatusCode::NOT_FOUND, "{label}");
        let elsewhere = server.call_as(Some(&p.other_owner), "confirm_import", &[("lang", "Fr"), ("business_id", "2"), ("token", token)]).await;
        assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND, "{label}: a file of another business");
        assert_eq!(count(&server, 1).await, before, "{label}: nothing written");
    })
    .await;
}
