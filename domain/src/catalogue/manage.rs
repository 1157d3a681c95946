//! The merchant's writes to their products, and the merchant's list.
//!
//! Every write:
//! 1. asks [`authorize`] for the business named by the URL (its staff, owners and the town's
//!    administrators), then finds the products *of that business*: a product id of another
//!    business is `NotFound`, whoever asks, and a bulk action naming one changes nothing;
//! 2. checks the whole form ([`super::check_form`]) and answers every problem at once;
//! 3. for an edit, names the version the form was loaded at (`UPDATE … WHERE version = ?`): of two
//!    people editing the same product, the second is told (`Conflict`). One-tap changes (stock,
//!    visibility) and bulk actions say what is true now, so the last tap wins and they need no
//!    version; they still move it on, so a form open meanwhile is told;
//! 4. records the change in the business's history, in the same transaction.
//!
//! Saving a stock statement (from the form, a tap, a bulk action or an import) confirms it: its
//! `stock_confirmed_at` becomes now. So does the dashboard's "Tout est correct"
//! ([`confirm_stock`], called by `listing::confirm`).

use std::path::Path;

use chrono::{DateTime, Utc};
use common::catalogue::{
    is_stale, ListQuery, MerchantProductRow, MerchantProducts, Sort, StateFilter, Stock, MERCHANT_PAGE_SIZE,
};
use common::Lang;
use entity::{business, product, product_category, product_photo};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QuerySelect, Set,
};

use super::{category_name, category_rows, check_form, confirmed_days_ago, sku_taken_or, stored, CheckedProduct};
use crate::audit::{self, Changes};
use crate::authz::{authorize, Actor, Need};
use crate::db::begin_catalogue_write;
use crate::error::DomainError;
use crate::search::{normalize, query_words};

/// Products a business may have: the largest shop the issue names (3,000) with room to grow, few
/// enough that one account cannot fill the database.
pub const MAX_PRODUCTS: u64 = 20_000;
/// Products one bulk action may name (a page of the list is 50; "select all matching" of a big
/// shop stays within this).
pub const MAX_BULK: usize = 5_000;

/// The product `product_id` of business `business_id`, after checking that `actor` may edit it.
pub async fn find_for_merchant(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
) -> Result<(business::Model, product::Model), DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let row = product::Entity::find_by_id(product_id)
        .filter(product::Column::BusinessId.eq(business_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((access.business, row))
}

/// The id of the category `slug`, or the form's problem.
async fn category_id(db: &impl ConnectionTrait, slug: Option<&str>) -> Result<Option<i32>, DomainError> {
    let Some(slug) = slug else { return Ok(None) };
    product_category::Entity::find()
        .filter(product_category::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(|c| Some(c.id))
        .ok_or_else(|| DomainError::field("category", "category_unknown"))
}

/// Refuses an SKU another product of the business has.
async fn check_sku_free(
    db: &impl ConnectionTrait,
    business_id: i32,
    sku: Option<&str>,
    except: Option<i32>,
) -> Result<(), DomainError> {
    let Some(sku) = sku else { return Ok(()) };
    let mut query = product::Entity::find()
        .filter(product::Column::BusinessId.eq(business_id))
        .filter(product::Column::Sku.eq(sku));
    if let Some(id) = except {
        query = query.filter(product::Column::Id.ne(id));
    }
    if query.count(db).await? > 0 {
        return Err(DomainError::field("sku", "sku_taken"));
    }
    Ok(())
}

pub(super) fn apply(row: &mut product::ActiveModel, checked: &CheckedProduct, category_id: Option<i32>, now: DateTime<Utc>) {
    let [name_fr, name_nl, name_en] = checked.name.clone();
    let [description_fr, description_nl, description_en] = checked.description.clone();
    let (stock, quantity) = stored(checked.stock);
    row.sort_name = Set(normalize(&name_fr));
    row.name_fr = Set(name_fr);
    row.name_nl = Set(name_nl);
    row.name_en = Set(name_en);
    row.description_fr = Set(description_fr);
    row.description_nl = Set(description_nl);
    row.description_en = Set(description_en);
    row.price_cents = Set(checked.price_cents);
    row.category_id = Set(category_id);
    row.gtin = Set(checked.gtin.clone());
    row.sku = Set(checked.sku.clone());
    row.visible = Set(checked.visible);
    row.stock = Set(stock.to_string());
    row.quantity = Set(quantity);
    // Saving the form is saying its stock field is true (see the module doc).
    row.stock_confirmed_at = Set(checked.stock.is_claim().then_some(now));
    row.reservable = Set(checked.reservable);
    row.updated_at = Set(now);
}

/// Adds a product from the merchant's form. Returns its id.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    form: &common::catalogue::ProductForm,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let checked = check_form(form).map_err(DomainError::Invalid)?;
    let txn = begin_catalogue_write(db).await?;
    // Counted under the business's lock: two imports cannot pass the limit together.
    crate::db::lock_business(&txn, business_id).await?;
    if product::Entity::find().filter(product::Column::BusinessId.eq(business_id)).count(&txn).await? >= MAX_PRODUCTS {
        return Err(DomainError::Invalid(vec![common::error::FieldProblem::with_limit(
            "products",
            "too_many_products",
            MAX_PRODUCTS as u32,
        )]));
    }
    let category = category_id(&txn, checked.category.as_deref()).await?;
    check_sku_free(&txn, business_id, checked.sku.as_deref(), None).await?;
    let mut row = product::ActiveModel {
        id: NotSet,
        business_id: Set(business_id),
        created_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    apply(&mut row, &checked, category, now);
    let id = row.insert(&txn).await.map_err(sku_taken_or)?.id;
    let mut changes = Changes::new();
    changes.note("product", &id);
    changes.note("name", &checked.name[0]);
    audit::record(&txn, actor, Some(business_id), "product_created", changes, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// Saves an edit of product `product_id` loaded at `version`. Returns the new version.
pub async fn update(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    version: i32,
    form: &common::catalogue::ProductForm,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, product_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if before.version != version {
        return Err(DomainError::Conflict);
    }
    let checked = check_form(form).map_err(DomainError::Invalid)?;
    let txn = begin_catalogue_write(db).await?;
    let category = category_id(&txn, checked.category.as_deref()).await?;
    check_sku_free(&txn, business_id, checked.sku.as_deref(), Some(product_id)).await?;
    let mut row = product::ActiveModel { version: Set(version + 1), ..Default::default() };
    apply(&mut row, &checked, category, now);
    let updated = product::Entity::update_many()
        .set(row)
        .filter(product::Column::Id.eq(product_id))
        .filter(product::Column::BusinessId.eq(business_id))
        .filter(product::Column::Version.eq(version))
        .exec(&txn)
        .await
        .map_err(sku_taken_or)?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict);
    }
    let mut changes = Changes::new();
    changes.note("product", &product_id);
    changes.compare("name_fr", &before.name_fr, &checked.name[0]);
    changes.compare("name_nl", &before.name_nl, &checked.name[1]);
    changes.compare("name_en", &before.name_en, &checked.name[2]);
    changes.compare("description_fr", &before.description_fr, &checked.description[0]);
    changes.compare("description_nl", &before.description_nl, &checked.description[1]);
    changes.compare("description_en", &before.description_en, &checked.description[2]);
    changes.compare("price_cents", &before.price_cents, &checked.price_cents);
    changes.compare("category_id", &before.category_id, &category);
    changes.compare("gtin", &before.gtin, &checked.gtin);
    changes.compare("sku", &before.sku, &checked.sku);
    changes.compare("stock", &super::stock_of(&before).code(), &checked.stock.code());
    changes.compare("quantity", &before.quantity, &stored(checked.stock).1);
    changes.compare("visible", &before.visible, &checked.visible);
    changes.compare("reservable", &before.reservable, &checked.reservable);
    audit::record(&txn, actor, Some(business_id), "product_changed", changes, now).await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// What one bulk action does to every product it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    Stock(Stock),
    Visible(bool),
    /// A category slug, or none.
    Category(Option<String>),
    /// Asked after a confirmation step (the page's).
    Delete,
}

impl BulkAction {
    fn name(&self) -> &'static str {
        match self {
            BulkAction::Stock(_) => "stock",
            BulkAction::Visible(_) => "visible",
            BulkAction::Category(_) => "category",
            BulkAction::Delete => "delete",
        }
    }
}

/// Does `action` to the products `ids` of the business; every id must be one of its products,
/// else nothing changes (`NotFound`). Returns how many products changed. A deleted product's
/// photo files are removed after the commit.
pub async fn bulk(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    ids: &[i32],
    action: &BulkAction,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(DomainError::field("products", "none_selected"));
    }
    if ids.len() > MAX_BULK {
        return Err(DomainError::Invalid(vec![common::error::FieldProblem::with_limit(
            "products",
            "too_many_selected",
            MAX_BULK as u32,
        )]));
    }
    let txn = begin_catalogue_write(db).await?;
    let category = match action {
        BulkAction::Category(slug) => category_id(&txn, slug.as_deref()).await?,
        _ => None,
    };
    let mut owned = 0;
    for chunk in ids.chunks(500) {
        owned += product::Entity::find()
            .filter(product::Column::BusinessId.eq(business_id))
            .filter(product::Column::Id.is_in(chunk.iter().copied()))
            .count(&txn)
            .await?;
    }
    if owned != ids.len() as u64 {
        return Err(DomainError::NotFound);
    }
    let mut files = Vec::new();
    let mut changed = 0;
    for chunk in ids.chunks(500) {
        let of_chunk = product::Column::BusinessId.eq(business_id).and(product::Column::Id.is_in(chunk.iter().copied()));
        let update = product::Entity::update_many()
            .col_expr(product::Column::Version, Expr::col(product::Column::Version).add(1))
            .col_expr(product::Column::UpdatedAt, Expr::value(now));
        changed += match action {
            BulkAction::Stock(stock) => {
                let (code, quantity) = stored(*stock);
                let mut update = update
                    .col_expr(product::Column::Stock, Expr::value(code))
                    .col_expr(product::Column::Quantity, Expr::value(quantity))
                    .col_expr(product::Column::StockConfirmedAt, Expr::value(stock.is_claim().then_some(now)));
                if !matches!(stock, Stock::Quantity(_)) {
                    // Reserving takes from a counted stock (the orders' rule): no count, no reserving.
                    update = update.col_expr(product::Column::Reservable, Expr::value(false));
                }
                update.filter(of_chunk).exec(&txn).await?.rows_affected
            }
            BulkAction::Visible(visible) => {
                update.col_expr(product::Column::Visible, Expr::value(*visible)).filter(of_chunk).exec(&txn).await?.rows_affected
            }
            BulkAction::Category(_) => {
                update.col_expr(product::Column::CategoryId, Expr::value(category)).filter(of_chunk).exec(&txn).await?.rows_affected
            }
            BulkAction::Delete => {
                files.extend(photo_files_of(&txn, chunk).await?);
                product::Entity::delete_many().filter(of_chunk).exec(&txn).await?.rows_affected
            }
        };
    }
    let mut changes = Changes::new();
    changes.note("action", &action.name());
    changes.note("products", &ids);
    match action {
        BulkAction::Stock(stock) => changes.note("stock", &stock.code()),
        BulkAction::Visible(visible) => changes.note("visible", visible),
        BulkAction::Category(slug) => changes.note("category", slug),
        BulkAction::Delete => {}
    }
    audit::record(&txn, actor, Some(business_id), "products_bulk", changes, now).await?;
    txn.commit().await?;
    remove_unused_files(db, media_dir, files).await;
    Ok(changed)
}

/// The photo rows of products `ids` (their files go once the rows are gone).
async fn photo_files_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<product_photo::Model>, DomainError> {
    Ok(product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Removes the files of deleted photo rows that no other product photo points to (an import
/// may give two products one photo). Failures are logged: a stray file harms no one.
async fn remove_unused_files(db: &DatabaseConnection, media_dir: &Path, photos: Vec<product_photo::Model>) {
    for photo in photos {
        let users = product_photo::Entity::find().filter(product_photo::Column::File.eq(&photo.file)).count(db).await;
        if users.is_ok_and(|n| n == 0) {
            let widths: Vec<u32> =
                photo.variants.as_deref().unwrap_or("").split(' ').filter_map(|w| w.parse().ok()).collect();
            crate::photos::store::remove_files(&crate::photos::store::files_of(media_dir, &photo.file, &widths));
        }
    }
}

/// Deletes product `product_id` loaded at `version`, with its photos.
pub async fn delete(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    version: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, product_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if before.version != version {
        return Err(DomainError::Conflict);
    }
    let txn = begin_catalogue_write(db).await?;
    let files = photo_files_of(&txn, &[product_id]).await?;
    let deleted = product::Entity::delete_many()
        .filter(product::Column::Id.eq(product_id))
        .filter(product::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(DomainError::Conflict);
    }
    let mut changes = Changes::new();
    changes.note("product", &product_id);
    changes.note("name", &before.name_fr);
    audit::record(&txn, actor, Some(business_id), "product_deleted", changes, now).await?;
    txn.commit().await?;
    remove_unused_files(db, media_dir, files).await;
    Ok(())
}

/// One tap: the stock statement of one product, confirmed now.
pub async fn set_stock(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    stock: Stock,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, product_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if before.reservable && !matches!(stock, Stock::Quantity(_)) {
        return Err(DomainError::field("stock", "reservable_needs_quantity"));
    }
    let (code, quantity) = stored(stock);
    let txn = begin_catalogue_write(db).await?;
    product::Entity::update_many()
        .col_expr(product::Column::Stock, Expr::value(code))
        .col_expr(product::Column::Quantity, Expr::value(quantity))
        .col_expr(product::Column::StockConfirmedAt, Expr::value(stock.is_claim().then_some(now)))
        .col_expr(product::Column::UpdatedAt, Expr::value(now))
        .col_expr(product::Column::Version, Expr::col(product::Column::Version).add(1))
        .filter(product::Column::Id.eq(product_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("product", &product_id);
    changes.compare("stock", &super::stock_of(&before).code(), &code);
    changes.compare("quantity", &before.quantity, &quantity);
    audit::record(&txn, actor, Some(business_id), "product_stock", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// One tap: shown to shoppers or hidden.
pub async fn set_visible(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    visible: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, product_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let txn = begin_catalogue_write(db).await?;
    product::Entity::update_many()
        .col_expr(product::Column::Visible, Expr::value(visible))
        .col_expr(product::Column::UpdatedAt, Expr::value(now))
        .col_expr(product::Column::Version, Expr::col(product::Column::Version).add(1))
        .filter(product::Column::Id.eq(product_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("product", &product_id);
    changes.compare("visible", &before.visible, &visible);
    audit::record(&txn, actor, Some(business_id), "product_visibility", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// "Tout est correct": every stock statement of the business confirmed now, inside the caller's
/// transaction (`listing::confirm`, which has authorised the actor). Returns how many.
pub async fn confirm_stock(txn: &impl ConnectionTrait, business_id: i32, now: DateTime<Utc>) -> Result<u64, DomainError> {
    Ok(product::Entity::update_many()
        .col_expr(product::Column::StockConfirmedAt, Expr::value(Some(now)))
        .filter(product::Column::BusinessId.eq(business_id))
        .filter(product::Column::Stock.ne(Stock::Window.code()))
        .exec(txn)
        .await?
        .rows_affected)
}

/// The product a scanned or typed code names in the business: its GTIN (as typed or with the
/// leading zeros a scanner adds or drops: a UPC-A read as EAN-13), else its SKU. `None` when no
/// product has it (the page offers to start one with the code filled in).
pub async fn find_by_code(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    code: &str,
) -> Result<Option<i32>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let code = code.trim();
    if code.is_empty() || code.len() > 64 || code.chars().any(char::is_control) {
        return Ok(None);
    }
    let mut candidates = vec![code.to_string()];
    if code.bytes().all(|b| b.is_ascii_digit()) {
        let bare = code.trim_start_matches('0');
        for length in [8usize, 12, 13, 14] {
            if bare.len() <= length {
                candidates.push(format!("{bare:0>length$}"));
            }
        }
    }
    let by_gtin = product::Entity::find()
        .filter(product::Column::BusinessId.eq(business_id))
        .filter(product::Column::Gtin.is_in(candidates))
        .one(db)
        .await?;
    if let Some(row) = by_gtin {
        return Ok(Some(row.id));
    }
    let by_sku = product::Entity::find()
        .filter(product::Column::BusinessId.eq(business_id))
        .filter(product::Column::Sku.eq(code))
        .one(db)
        .await?;
    Ok(by_sku.map(|row| row.id))
}

/// The columns the list reads (not the descriptions: a 3,000-product shop's list stays small).
#[derive(Debug, FromQueryResult)]
struct ListRow {
    id: i32,
    name_fr: String,
    name_nl: String,
    name_en: String,
    price_cents: Option<i64>,
    category_id: Option<i32>,
    gtin: Option<String>,
    sku: Option<String>,
    visible: bool,
    stock: String,
    quantity: Option<i32>,
    stock_confirmed_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    version: i32,
}

fn merchant_row(
    row: ListRow,
    stock: Stock,
    days: Option<i64>,
    stale: bool,
    categories: &[product_category::Model],
    lang: Lang,
) -> MerchantProductRow {
    MerchantProductRow {
        id: row.id,
        name: crate::offers::in_lang(&row.name_fr, &row.name_nl, &row.name_en, lang).0.to_string(),
        price_cents: row.price_cents,
        category: row
            .category_id
            .and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| category_name(c, lang).to_string()),
        gtin: row.gtin,
        sku: row.sku,
        stock,
        confirmed_days_ago: days.filter(|_| stock.is_claim()),
        stale,
        visible: row.visible,
        version: row.version,
    }
}

/// One product as a row of the merchant's list (what a scan shows, with its one-tap buttons).
pub async fn row(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<MerchantProductRow, DomainError> {
    let (_, model) = find_for_merchant(db, actor, business_id, product_id).await?;
    let categories = category_rows(db).await?;
    let stock = super::stock_of(&model);
    let days = confirmed_days_ago(model.stock_confirmed_at, now);
    let stale = is_stale(stock, days);
    let row = ListRow {
        id: model.id,
        name_fr: model.name_fr,
        name_nl: model.name_nl,
        name_en: model.name_en,
        price_cents: model.price_cents,
        category_id: model.category_id,
        gtin: model.gtin,
        sku: model.sku,
        visible: model.visible,
        stock: model.stock,
        quantity: model.quantity,
        stock_confirmed_at: model.stock_confirmed_at,
        updated_at: model.updated_at,
        version: model.version,
    };
    Ok(merchant_row(row, stock, days, stale, &categories, lang))
}

/// The editor's form of product `product_id` as stored, with its version.
pub async fn edit_form(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
) -> Result<(common::catalogue::ProductForm, i32), DomainError> {
    let (_, model) = find_for_merchant(db, actor, business_id, product_id).await?;
    let categories = category_rows(db).await?;
    Ok((super::form_of(&model, &categories), model.version))
}

/// A page of the merchant's list. The business's products are read whole (without their
/// descriptions: about 1 KB each at 3,000) and filtered, sorted and paged here, so that search
/// ignores accents and case on every database alike, as the directory's does.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    lang: Lang,
    query: &ListQuery,
    now: DateTime<Utc>,
) -> Result<MerchantProducts, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let categories = category_rows(db).await?;
    let rows: Vec<ListRow> = product::Entity::find()
        .select_only()
        .columns([
            product::Column::Id,
            product::Column::NameFr,
            product::Column::NameNl,
            product::Column::NameEn,
            product::Column::PriceCents,
            product::Column::CategoryId,
            product::Column::Gtin,
            product::Column::Sku,
            product::Column::Visible,
            product::Column::Stock,
            product::Column::Quantity,
            product::Column::StockConfirmedAt,
            product::Column::UpdatedAt,
            product::Column::Version,
        ])
        .filter(product::Column::BusinessId.eq(business_id))
        .into_model::<ListRow>()
        .all(db)
        .await?;
    let total = rows.len() as u64;
    let words = query.text.as_deref().map(query_words).unwrap_or_default();
    let category = query.category.as_deref().and_then(|slug| categories.iter().find(|c| c.slug == slug)).map(|c| c.id);
    let mut stale_count = 0;
    let mut kept: Vec<(ListRow, Stock, Option<i64>, bool)> = Vec::new();
    for row in rows {
        let stock = Stock::from_stored(&row.stock, row.quantity).unwrap_or(Stock::Window);
        let days = confirmed_days_ago(row.stock_confirmed_at, now);
        let stale = is_stale(stock, days);
        stale_count += u64::from(stale);
        if query.category.is_some() && row.category_id != category {
            continue;
        }
        let state_matches = match query.state {
            None => true,
            Some(StateFilter::InStock) => stock.is_present(),
            Some(StateFilter::OutOfStock) => matches!(stock, Stock::OutOfStock | Stock::Quantity(0)),
            Some(StateFilter::Window) => stock == Stock::Window,
            Some(StateFilter::Hidden) => !row.visible,
            Some(StateFilter::Stale) => stale,
        };
        if !state_matches {
            continue;
        }
        if !words.is_empty() {
            let haystack = normalize(&format!(
                "{} {} {} {} {}",
                row.name_fr,
                row.name_nl,
                row.name_en,
                row.sku.as_deref().unwrap_or(""),
                row.gtin.as_deref().unwrap_or("")
            ));
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                continue;
            }
        }
        kept.push((row, stock, days, stale));
    }
    let folded = |row: &ListRow| normalize(crate::offers::in_lang(&row.name_fr, &row.name_nl, &row.name_en, lang).0);
    match query.sort {
        Sort::Name => {
            let mut keyed: Vec<_> = kept.into_iter().map(|k| (folded(&k.0), k)).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1 .0.id.cmp(&b.1 .0.id)));
            kept = keyed.into_iter().map(|(_, k)| k).collect();
        }
        // "Price in the shop" after every price, either way.
        Sort::PriceLowFirst => kept.sort_by_key(|k| (k.0.price_cents.is_none(), k.0.price_cents, k.0.id)),
        Sort::PriceHighFirst => {
            kept.sort_by_key(|k| (k.0.price_cents.is_none(), std::cmp::Reverse(k.0.price_cents), k.0.id))
        }
        Sort::Updated => kept.sort_by_key(|k| (std::cmp::Reverse(k.0.updated_at), k.0.id)),
        // Never confirmed first, then the oldest; the window (nothing to confirm) last.
        Sort::Confirmed => kept.sort_by_key(|k| (!k.1.is_claim(), k.0.stock_confirmed_at.is_some(), k.0.stock_confirmed_at, k.0.id)),
    }
    let matching = kept.len() as u64;
    let page_count = Ord::max(matching.div_ceil(u64::from(MERCHANT_PAGE_SIZE)), 1) as u32;
    let page = query.page.clamp(1, page_count);
    let start = ((page - 1) * MERCHANT_PAGE_SIZE) as usize;
    let rows = kept
        .into_iter()
        .skip(start)
        .take(MERCHANT_PAGE_SIZE as usize)
        .map(|(row, stock, days, stale)| merchant_row(row, stock, days, stale, &categories, lang))
        .collect();
    Ok(MerchantProducts {
        rows,
        matching,
        total,
        stale: stale_count,
        page,
        page_count,
        categories: categories
            .iter()
            .map(|c| common::catalogue::ProductCategory { slug: c.slug.clone(), name: category_name(c, lang).to_string() })
            .collect(),
    })
}
