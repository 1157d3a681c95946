//! Importing product spreadsheets (`domain::catalogue::import`) on SQLite and PostgreSQL: a
//! semicolon Windows-1252 file with a decimal comma and two bad rows is refused whole with each
//! row's line, column and reason; fixed, it creates the products; imported again, it changes
//! nothing; an export goes back through the import unchanged; changed cells are shown before and
//! after; products missing from a file can be marked out of stock; files that are no spreadsheet,
//! too large or too long, and rows naming one product twice are refused; 5,000 rows are timed.

mod support;

use chrono::{DateTime, Duration, Utc};
use domain::catalogue::import::{self, FileProblem, ImportOptions};
use domain::catalogue::sheet::SheetProblem;
use entity::product;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::people::{people, People};
use support::*;

fn now() -> DateTime<Utc> {
    saturday_morning()
}

/// The demo town without its catalogue, and its people.
async fn setup(db: &TestDb) -> People {
    seeded(db, now()).await;
    product::Entity::delete_many().exec(&db.db).await.unwrap();
    people(&db.db).await
}

async fn products(db: &DatabaseConnection, business: i32) -> Vec<product::Model> {
    product::Entity::find().filter(product::Column::BusinessId.eq(business)).all(db).await.unwrap()
}

/// A CSV as Belgian Excel writes it: Windows-1252, `;`, CR LF.
fn windows_1252(text: &str) -> Vec<u8> {
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&crlf);
    assert!(!unmappable);
    bytes.into_owned()
}

/// 200 rows of a shop's list, two of them bad (line 51: a negative price; line 151: a barcode
/// whose check digit is wrong), unless `fixed`.
fn shop_file(fixed: bool) -> Vec<u8> {
    let mut text = String::from("Référence;Désignation;Prix TTC;Catégorie;EAN;Stock\n");
    for i in 1..=200 {
        let price = if i == 50 && !fixed { "-4,50".to_string() } else { format!("{},{:02}", 2 + i % 40, i % 100) };
        let ean = if i == 150 && !fixed { "5449000000997" } else if i == 150 { "5449000000996" } else { "" };
        let stock = ["en stock", "épuisé", "vitrine", "12"][i % 4];
        text.push_str(&format!("PT-{i:03};Pâté maison n°{i};€ {price};Épicerie;{ean};{stock}\n"));
    }
    windows_1252(&text)
}

#[tokio::test]
async fn a_file_with_bad_rows_writes_nothing_then_imports_once_and_again_changes_nothing() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let options = ImportOptions::default();
        let refused = import::confirm(&db.db, Some(&p.owner), p.shop, &shop_file(false), &options, now())
            .await
            .unwrap()
            .unwrap();
        let reasons: Vec<(usize, Option<&str>, &str)> =
            refused.refused.iter().map(|r| (r.line, r.column.as_deref(), r.problem.problem.as_str())).collect();
        assert_eq!(
            reasons,
            vec![(51, Some("Prix TTC"), "price_negative"), (151, Some("EAN"), "gtin_bad_check_digit")],
            "each bad row with its line (the header is line 1), its column and why"
        );
        assert_eq!(refused.create.len(), 198);
        assert!(products(&db.db, p.shop).await.is_empty(), "a refused file writes nothing");

        let preview = import::preview(&db.db, Some(&p.staff), p.shop, &shop_file(true), &options).await.unwrap().unwrap();
        assert_eq!((preview.create.len(), preview.change.len(), preview.refused.len()), (200, 0, 0));
        assert!(products(&db.db, p.shop).await.is_empty(), "a preview writes nothing");

        import::confirm(&db.db, Some(&p.staff), p.shop, &shop_file(true), &options, now()).await.unwrap().unwrap();
        let created = products(&db.db, p.shop).await;
        assert_eq!(created.len(), 200);
        let first = created.iter().find(|p| p.sku.as_deref() == Some("PT-001")).unwrap();
        assert_eq!((first.name_fr.as_str(), first.price_cents, first.stock.as_str()), ("Pâté maison n°1", Some(301), "out_of_stock"));
        let counted = created.iter().find(|p| p.sku.as_deref() == Some("PT-003")).unwrap();
        assert_eq!((counted.stock.as_str(), counted.quantity), ("quantity", Some(12)));
        assert_eq!(counted.stock_confirmed_at, Some(now()), "an import confirms the statements it writes");
        assert!(created.iter().all(|p| p.category_id.is_some()), "categories by their French name");

        let again = import::confirm(&db.db, Some(&p.owner), p.shop, &shop_file(true), &options, now() + Duration::days(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((again.create.len(), again.change.len(), again.unchanged), (0, 0, 200), "the same file twice");
        let after = products(&db.db, p.shop).await;
        assert!(after.iter().all(|p| p.version == 1 && p.stock_confirmed_at != Some(now() + Duration::days(1))));
    })
    .await;
}

#[tokio::test]
async fn an_export_goes_back_through_the_import_unchanged_and_changes_show_before_and_after() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let options = ImportOptions::default();
        import::confirm(&db.db, Some(&p.owner), p.shop, &shop_file(true), &options, now()).await.unwrap().unwrap();
        let exported = domain::catalogue::export::products_csv(&db.db, Some(&p.owner), p.shop).await.unwrap();
        let back = import::preview(&db.db, Some(&p.owner), p.shop, &exported, &options).await.unwrap().unwrap();
        assert_eq!((back.create.len(), back.change.len(), back.unchanged, back.refused.len()), (0, 0, 200, 0));

        // The export edited in a spreadsheet: one price and one stock changed.
        let text = String::from_utf8(exported).unwrap();
        let edited = text
            .replace("Pâté maison n°7;;;;;;9,07;", "Pâté maison n°7;;;;;;9,99;")
            .replace("Pâté maison n°8;;;;;;10,08;Épicerie;;PT-008;en stock;", "Pâté maison n°8;;;;;;10,08;Épicerie;;PT-008;3;");
        let preview = import::preview(&db.db, Some(&p.owner), p.shop, edited.as_bytes(), &options).await.unwrap().unwrap();
        let changes: Vec<(&str, Vec<(&str, &str, &str)>)> = preview
            .change
            .iter()
            .map(|c| (c.name.as_str(), c.fields.iter().map(|(f, b, a)| (*f, b.as_str(), a.as_str())).collect()))
            .collect();
        assert_eq!(
            changes,
            vec![
                ("Pâté maison n°7", vec![("price", "9,07", "9,99")]),
                ("Pâté maison n°8", vec![("stock", "in_stock", "quantity"), ("quantity", "", "3")]),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn products_missing_from_the_file_can_be_marked_out_of_stock() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        import::confirm(&db.db, Some(&p.owner), p.shop, &shop_file(true), &ImportOptions::default(), now())
            .await
            .unwrap()
            .unwrap();
        let short = windows_1252("Référence;Désignation;Prix;Stock\nPT-001;Pâté maison n°1;3,01;en stock\n");
        let options = ImportOptions { missing_out_of_stock: true, ..Default::default() };
        let preview = import::confirm(&db.db, Some(&p.owner), p.shop, &short, &options, now()).await.unwrap().unwrap();
        assert_eq!(preview.change.len(), 1);
        let all = products(&db.db, p.shop).await;
        assert_eq!(all.iter().filter(|p| p.stock == "out_of_stock").count(), 199);
        let kept = all.iter().find(|p| p.sku.as_deref() == Some("PT-001")).unwrap();
        assert_eq!(kept.stock, "in_stock");
        let history = domain::audit::history(&db.db, Some(&p.owner), p.shop, 1).await.unwrap();
        assert_eq!(history[0].action, "products_imported");
    })
    .await;
}

#[tokio::test]
async fn files_that_cannot_be_imported_are_refused_whole() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let options = ImportOptions::default();
        let refuse = |bytes: Vec<u8>| {
            let db = db.db.clone();
            let owner = p.owner.clone();
            let shop = p.shop;
            async move { import::preview(&db, Some(&owner), shop, &bytes, &ImportOptions::default()).await.unwrap().unwrap_err() }
        };
        assert!(matches!(refuse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).await, FileProblem::Sheet(SheetProblem::NotASpreadsheet)));
        assert!(matches!(refuse(vec![b'a'; 6 * 1024 * 1024]).await, FileProblem::Sheet(SheetProblem::TooLarge { .. })));
        let mut long = String::from("Nom;Prix\n");
        for i in 0..200_000 {
            long.push_str(&format!("P{i};1\n"));
            if long.len() > 4_000_000 {
                break;
            }
        }
        assert!(matches!(refuse(long.into_bytes()).await, FileProblem::Sheet(SheetProblem::TooManyRows { .. })));
        assert_eq!(refuse(b"Couleur;Taille\nrouge;M\n".to_vec()).await, FileProblem::NoNameColumn);

        // One product named twice: the second row is refused, naming the first's line.
        let twice = b"Nom;SKU;Prix\nBonnet;B-1;10\nBonnet bleu;B-1;12\n".to_vec();
        let preview = import::preview(&db.db, Some(&p.owner), p.shop, &twice, &options).await.unwrap().unwrap();
        assert_eq!(preview.refused.len(), 1);
        assert_eq!((preview.refused[0].line, preview.refused[0].problem.problem.as_str()), (3, "import_duplicate_row"));
        assert_eq!(preview.refused[0].problem.limit, Some(2));

        // Unknown columns mapped by the merchant.
        let odd = b"Article;Montant\nBonnet;10,00\n".to_vec();
        let mapped = ImportOptions {
            mapping: Some(vec![Some(domain::catalogue::sheet::Column::Name), Some(domain::catalogue::sheet::Column::Price)]),
            ..Default::default()
        };
        let preview = import::preview(&db.db, Some(&p.owner), p.shop, &odd, &mapped).await.unwrap().unwrap();
        assert_eq!(preview.create.len(), 1);
        assert_eq!(preview.create[0].1.price, "10,00");

        // Another business's people may not even preview.
        let other = import::preview(&db.db, Some(&p.other_owner), p.shop, &odd, &mapped).await;
        assert!(matches!(other, Err(domain::DomainError::Forbidden)));
        assert!(products(&db.db, p.shop).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn five_thousand_rows_are_previewed_and_imported() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let mut text = String::from("Nom;Référence;Prix;Stock\n");
        for i in 0..5_000 {
            text.push_str(&format!("Article {i};A-{i:05};{},{:02};{}\n", 1 + i % 90, i % 100, i % 7));
        }
        let options = ImportOptions::default();
        let started = std::time::Instant::now();
        let preview = import::preview(&db.db, Some(&p.owner), p.shop, text.as_bytes(), &options).await.unwrap().unwrap();
        let previewed = started.elapsed();
        assert_eq!(preview.create.len(), 5_000);
        let started = std::time::Instant::now();
        import::confirm(&db.db, Some(&p.owner), p.shop, text.as_bytes(), &options, now()).await.unwrap().unwrap();
        let confirmed = started.elapsed();
        assert_eq!(products(&db.db, p.shop).await.len(), 5_000);
        // Timed, not asserted (docs/PERFORMANCE.md has the release build's figures).
        eprintln!("{}: 5,000 rows: preview {previewed:?}, confirm {confirmed:?} (debug build)", db.label);
    })
    .await;
}
