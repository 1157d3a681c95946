//! The catalogue (issue 13): each shop's products, what is there, and how old that statement is.
//!
//! - This module: the checks of the product form ([`check_form`]), the town's product categories
//!   ([`categories`]), and the shared reading of a stored row (its stock statement and its age).
//! - [`manage`]: the merchant's writes (create, edit, delete, one-tap stock and visibility, bulk
//!   actions, confirming every statement) and the merchant's list; [`photos`]: a product's photos.
//! - [`sheet`], [`import`], [`import_files`], [`export`]: spreadsheets read and written, an
//!   import's preview and confirmation, the uploaded file kept between the two.
//! - [`public`]: a shop's window and a product's page; [`search`]: every shop's products searched
//!   at once (`/produits`), from an in-memory index; [`demo`]: the demo town's catalogue.
//!
//! # Stale stock
//!
//! Nothing stores "stale". A row keeps `stock_confirmed_at`; every reader compares it with the
//! injected clock ([`confirmed_days_ago`], then `common::catalogue::Availability::of`), so a
//! statement left alone for 22 days reads "ask the shop" everywhere at once, and tests move the
//! clock rather than the data.
//!
//! # Caching
//!
//! Writes to `products` and `product_photos` bump the catalogue's own data version (row 3 of
//! `data_version`, by trigger: `migration::m20270103_000001_catalogue`), which keys the cached
//! pages that show products and leaves the directory's and the offers' pages alone.

pub mod demo;
pub mod export;
pub mod import;
pub mod import_files;
pub mod manage;
pub mod photos;
pub mod public;
pub mod search;
pub mod sheet;

use chrono::{DateTime, Utc};
use common::catalogue::{ProductCategory, ProductForm, Stock, DESCRIPTION_MAX, NAME_MAX, QUANTITY_MAX, SKU_MAX};
use common::error::FieldProblem;
use common::Lang;
use entity::{product, product_category};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::clock::today_in_brussels;
use crate::error::DomainError;
use crate::fields::text;

/// The town's product categories in display order, as stored.
pub async fn category_rows(db: &impl ConnectionTrait) -> Result<Vec<product_category::Model>, DomainError> {
    Ok(product_category::Entity::find().order_by_asc(product_category::Column::Position).all(db).await?)
}

/// A category's name in `lang`.
pub fn category_name(category: &product_category::Model, lang: Lang) -> &str {
    match lang {
        Lang::Fr => &category.name_fr,
        Lang::Nl => &category.name_nl,
        Lang::En => &category.name_en,
    }
}

/// The town's product categories in `lang`, in display order.
pub async fn categories(db: &impl ConnectionTrait, lang: Lang) -> Result<Vec<ProductCategory>, DomainError> {
    Ok(category_rows(db)
        .await?
        .iter()
        .map(|c| ProductCategory { slug: c.slug.clone(), name: category_name(c, lang).to_string() })
        .collect())
}

/// The stock statement of a stored row. A row no rule allows (the database's checks make it
/// impossible) reads as the window, which claims nothing.
pub fn stock_of(row: &product::Model) -> Stock {
    Stock::from_stored(&row.stock, row.quantity).unwrap_or(Stock::Window)
}

/// `stock` as stored: its code and quantity.
pub fn stored(stock: Stock) -> (&'static str, Option<i32>) {
    let quantity = match stock {
        Stock::Quantity(n) => Some(i32::try_from(n).unwrap_or(i32::MAX)),
        _ => None,
    };
    (stock.code(), quantity)
}

/// Whole local days (Europe/Brussels) between the statement's confirmation and `now`: confirmed
/// yesterday evening is 1 this morning, as a shopper counts. `None` when never confirmed.
pub fn confirmed_days_ago(confirmed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<i64> {
    confirmed_at.map(|at| (today_in_brussels(now) - today_in_brussels(at)).num_days())
}

/// The name in `lang`, falling back to French when empty, with the language it is in.
pub fn name_in(row: &product::Model, lang: Lang) -> (&str, Lang) {
    crate::offers::in_lang(&row.name_fr, &row.name_nl, &row.name_en, lang)
}

/// The description in `lang`, falling back to French when empty, with its language.
pub fn description_in(row: &product::Model, lang: Lang) -> (&str, Lang) {
    crate::offers::in_lang(&row.description_fr, &row.description_nl, &row.description_en, lang)
}

/// A product form that passed every check, trimmed. The category is still a slug: whether it
/// names one of the town's categories is checked against the database by the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProduct {
    pub name: [String; 3],
    pub description: [String; 3],
    pub price_cents: Option<i64>,
    pub category: Option<String>,
    pub gtin: Option<String>,
    pub sku: Option<String>,
    pub stock: Stock,
    pub visible: bool,
    pub reservable: bool,
}

/// An optional short code (SKU): trimmed, at most `max` characters, no control characters.
fn code(problems: &mut Vec<FieldProblem>, field: &str, value: &str, max: usize) -> Option<String> {
    let value = text(problems, field, value, max, false, false);
    (!value.is_empty()).then_some(value)
}

/// The stock statement of a form: its code, and its quantity when it states one.
pub fn check_stock(problems: &mut Vec<FieldProblem>, code: &str, quantity: &str) -> Option<Stock> {
    match code.trim() {
        "window" => Some(Stock::Window),
        "in_stock" => Some(Stock::InStock),
        "out_of_stock" => Some(Stock::OutOfStock),
        "quantity" => match quantity.trim().parse::<u32>() {
            Ok(n) if n <= QUANTITY_MAX => Some(Stock::Quantity(n)),
            Ok(_) => {
                problems.push(FieldProblem::with_limit("quantity", "quantity_too_large", QUANTITY_MAX));
                None
            }
            Err(_) => {
                problems.push(FieldProblem::new("quantity", "quantity_invalid"));
                None
            }
        },
        _ => {
            problems.push(FieldProblem::new("stock", "stock_unknown"));
            None
        }
    }
}

/// Checks the merchant's product form and answers every problem at once.
pub fn check_form(form: &ProductForm) -> Result<CheckedProduct, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let name = [
        text(&mut problems, "name_fr", &form.name_fr, NAME_MAX, true, false),
        text(&mut problems, "name_nl", &form.name_nl, NAME_MAX, false, false),
        text(&mut problems, "name_en", &form.name_en, NAME_MAX, false, false),
    ];
    let description = [
        text(&mut problems, "description_fr", &form.description_fr, DESCRIPTION_MAX, false, true),
        text(&mut problems, "description_nl", &form.description_nl, DESCRIPTION_MAX, false, true),
        text(&mut problems, "description_en", &form.description_en, DESCRIPTION_MAX, false, true),
    ];
    let price_cents = if form.price.len() > 64 {
        problems.push(FieldProblem::new("price", "price_not_a_number"));
        None
    } else {
        match common::money::parse_euros(&form.price) {
            Ok(cents) => cents,
            Err(problem) => {
                problems.push(FieldProblem::new("price", problem.key()));
                None
            }
        }
    };
    let category = code(&mut problems, "category", &form.category, 64);
    let gtin = match form.gtin.trim() {
        "" => None,
        typed if typed.len() > 64 => {
            problems.push(FieldProblem::new("gtin", "gtin_bad_length"));
            None
        }
        typed => match common::gtin::Gtin::parse(typed) {
            Ok(gtin) => Some(gtin.as_str().to_string()),
            Err(problem) => {
                problems.push(FieldProblem::new("gtin", problem.key()));
                None
            }
        },
    };
    let sku = code(&mut problems, "sku", &form.sku, SKU_MAX);
    let stock = check_stock(&mut problems, &form.stock, &form.quantity);
    if form.reservable && !matches!(stock, Some(Stock::Quantity(_)) | None) {
        // Reserving takes from a counted stock (the orders of the next issue).
        problems.push(FieldProblem::new("reservable", "reservable_needs_quantity"));
    }
    match stock {
        Some(stock) if problems.is_empty() => Ok(CheckedProduct {
            name,
            description,
            price_cents,
            category,
            gtin,
            sku,
            stock,
            visible: form.visible,
            reservable: form.reservable,
        }),
        _ => Err(problems),
    }
}

/// The form that shows `row` as stored (the edit page).
pub fn form_of(row: &product::Model, categories: &[product_category::Model]) -> ProductForm {
    let stock = stock_of(row);
    ProductForm {
        name_fr: row.name_fr.clone(),
        name_nl: row.name_nl.clone(),
        name_en: row.name_en.clone(),
        description_fr: row.description_fr.clone(),
        description_nl: row.description_nl.clone(),
        description_en: row.description_en.clone(),
        price: row.price_cents.map(|c| common::money::format_euros(c, true)).unwrap_or_default(),
        category: row
            .category_id
            .and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        gtin: row.gtin.clone().unwrap_or_default(),
        sku: row.sku.clone().unwrap_or_default(),
        stock: stock.code().to_string(),
        quantity: match stock {
            Stock::Quantity(n) => n.to_string(),
            _ => String::new(),
        },
        visible: row.visible,
        reservable: row.reservable,
    }
}

/// Which `DomainError` a failed write of a product becomes: the unique index on a business's
/// SKUs answers a race two checks could not see (two tabs saving the same new SKU at once).
pub(crate) fn sku_taken_or(error: sea_orm::DbErr) -> DomainError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => DomainError::field("sku", "sku_taken"),
        _ => DomainError::Database(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProductForm {
        ProductForm {
            name_fr: "  Bonnet en laine ".into(),
            price: "€ 24,90".into(),
            stock: "in_stock".into(),
            visible: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_typed_form_is_trimmed_and_read() {
        let checked = check_form(&form()).unwrap();
        assert_eq!(checked.name[0], "Bonnet en laine");
        assert_eq!(checked.price_cents, Some(2490));
        assert_eq!(checked.stock, Stock::InStock);
        let window = check_form(&ProductForm { price: String::new(), stock: "window".into(), ..form() }).unwrap();
        assert_eq!(window.price_cents, None, "an empty price is 'price in the shop'");
        assert_eq!(window.stock, Stock::Window);
    }

    #[test]
    fn every_problem_is_answered_at_once() {
        let bad = ProductForm {
            name_fr: String::new(),
            price: "-3".into(),
            gtin: "5449000000997".into(),
            sku: "a\u{7}b".into(),
            stock: "quantity".into(),
            quantity: "deux".into(),
            reservable: true,
            ..Default::default()
        };
        let problems = check_form(&bad).unwrap_err();
        let keys: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.problem.as_str())).collect();
        assert!(keys.contains(&("name_fr", "required")), "{keys:?}");
        assert!(keys.contains(&("price", "price_negative")), "{keys:?}");
        assert!(keys.contains(&("gtin", "gtin_bad_check_digit")), "{keys:?}");
        assert!(keys.contains(&("sku", "control_characters")), "{keys:?}");
        assert!(keys.contains(&("quantity", "quantity_invalid")), "{keys:?}");
    }

    #[test]
    fn quantities_are_bounded_and_reserving_needs_one() {
        let too_many = ProductForm { stock: "quantity".into(), quantity: "99999999".into(), ..form() };
        assert_eq!(check_form(&too_many).unwrap_err()[0].problem, "quantity_too_large");
        let reservable = ProductForm { reservable: true, ..form() };
        assert_eq!(check_form(&reservable).unwrap_err()[0].problem, "reservable_needs_quantity");
        let counted = ProductForm { stock: "quantity".into(), quantity: "3".into(), reservable: true, ..form() };
        assert_eq!(check_form(&counted).unwrap().stock, Stock::Quantity(3));
    }

    #[test]
    fn five_megabytes_of_name_are_refused_without_reading_them_all() {
        let huge = ProductForm { name_fr: "a".repeat(5 * 1024 * 1024), description_fr: "b".repeat(5 * 1024 * 1024), ..form() };
        let problems = check_form(&huge).unwrap_err();
        assert!(problems.iter().all(|p| p.problem == "too_long"), "{problems:?}");
    }

    #[test]
    fn days_are_counted_on_the_towns_calendar() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 23:30 in Brussels yesterday (22:30 UTC) is one day ago at 08:00 today; 00:30 today is 0.
        assert_eq!(confirmed_days_ago(Some(at("2026-12-04T22:30:00Z")), at("2026-12-05T07:00:00Z")), Some(1));
        assert_eq!(confirmed_days_ago(Some(at("2026-12-04T23:30:00Z")), at("2026-12-05T07:00:00Z")), Some(0));
        assert_eq!(confirmed_days_ago(None, at("2026-12-05T07:00:00Z")), None);
    }
}
