//! The shopper's basket: server-side rows named by the SHA-256 of a random id, which the
//! browser keeps in a cookie scoped to the basket's own paths (`/panier`, `/nl/panier`,
//! `/en/panier`). Why there: the basket survives reloads and visits without an account and
//! works without JavaScript (plain forms), while every other page is requested without the
//! cookie, so a shopper with a basket keeps getting the public pages from the page cache (and
//! from any shared cache in front of it). Why server-side rather than the cookie's own value: a
//! tampered cookie can only name another random id, never change a price or a quantity, and
//! the basket reads the same in the three languages.
//!
//! Only products that can be reserved go in ([`reservable_now`]): visible, of a published
//! shop, reservable, counted, with a count confirmed within the last 21 days. Each item keeps
//! the price seen when it was added; the basket's [`view`] shows a price that changed since,
//! and a count lower than the quantity asked, before the shopper confirms. Baskets untouched
//! for [`LIFETIME_DAYS`] are deleted by the housekeeping.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use common::catalogue::STALE_AFTER_DAYS;
use common::orders::{BasketLine, BasketShop, BasketView, LINES_MAX, QUANTITY_MAX};
use common::Lang;
use entity::{basket, basket_item, business, product};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::catalogue::{confirmed_days_ago, name_in};
use crate::directory::public_businesses;
use crate::error::DomainError;

/// The basket's cookie.
pub const COOKIE: &str = "vitrine_panier";
/// Days a basket nobody touched is kept.
pub const LIFETIME_DAYS: i64 = 30;

/// Whether `row` can be reserved at `now`, and how many units may be taken.
pub fn reservable_now(row: &product::Model, now: DateTime<Utc>) -> Option<u32> {
    let fresh = confirmed_days_ago(row.stock_confirmed_at, now).is_some_and(|days| days <= STALE_AFTER_DAYS);
    match (row.visible && row.reservable && row.stock == "quantity" && fresh, row.quantity) {
        (true, Some(n)) => Some((n.max(0) as u32).min(QUANTITY_MAX)),
        _ => None,
    }
}

/// A product of a published shop, or `NotFound`.
pub(crate) async fn public_product(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<(product::Model, business::Model), DomainError> {
    let row = product::Entity::find_by_id(product_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let shop = public_businesses()
        .filter(business::Column::Id.eq(row.business_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !row.visible {
        return Err(DomainError::NotFound);
    }
    Ok((row, shop))
}

/// The stored id of a cookie's value, `None` when it cannot be one of ours.
fn stored_id(token: Option<&str>) -> Option<String> {
    token.filter(|t| looks_like_token(t)).map(digest)
}

/// Adds `quantity` of a product (capped at what may be taken); returns the basket's cookie
/// value: `token` when it names a basket, else a new one.
pub async fn add(
    db: &DatabaseConnection,
    token: Option<&str>,
    product_id: i32,
    quantity: u32,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    if quantity == 0 || quantity > QUANTITY_MAX {
        return Err(DomainError::field("quantity", "quantity_out_of_range"));
    }
    let (row, _) = public_product(db, product_id).await?;
    let available = reservable_now(&row, now).ok_or_else(|| DomainError::field("product", "not_reservable"))?;
    if available == 0 {
        return Err(DomainError::field("product", "no_longer_available"));
    }
    let txn = crate::db::begin_write(db).await?;
    let existing = match stored_id(token) {
        Some(id) => basket::Entity::find_by_id(id.clone()).one(&txn).await?.map(|_| id),
        None => None,
    };
    let (token, id) = match (existing, token) {
        (Some(id), Some(token)) => (token.to_string(), id),
        _ => {
            let token = random_token();
            let id = digest(&token);
            basket::Entity::insert(basket::ActiveModel { id: Set(id.clone()), created_at: Set(now), updated_at: Set(now) })
                .exec_without_returning(&txn)
                .await?;
            (token, id)
        }
    };
    // Touched first: the update holds the basket's row until the commit, so two adds to one
    // basket at once take turns, and the second counts the first's line (on SQLite the write
    // transaction does the same).
    touch(&txn, &id, now).await?;
    let already = basket_item::Entity::find_by_id((id.clone(), product_id)).one(&txn).await?;
    if already.is_none() {
        let lines = basket_item::Entity::find().filter(basket_item::Column::BasketId.eq(id.clone())).count(&txn).await?;
        if lines as usize >= LINES_MAX {
            return Err(DomainError::field("product", "basket_full"));
        }
    }
    let quantity = (already.map_or(0, |i| i.quantity.max(0) as u32) + quantity).min(available) as i32;
    basket_item::Entity::insert(basket_item::ActiveModel {
        basket_id: Set(id.clone()),
        product_id: Set(product_id),
        quantity: Set(quantity),
        price_seen_cents: Set(row.price_cents),
        added_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([basket_item::Column::BasketId, basket_item::Column::ProductId])
            .update_columns([basket_item::Column::Quantity, basket_item::Column::PriceSeenCents])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

async fn touch(db: &impl ConnectionTrait, id: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
    basket::Entity::update_many()
        .col_expr(basket::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(basket::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a line's quantity (0 removes it). The price seen becomes the current one: the shopper
/// has seen the basket page, which shows it.
pub async fn set_quantity(
    db: &DatabaseConnection,
    token: Option<&str>,
    product_id: i32,
    quantity: u32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let Some(id) = stored_id(token) else { return Err(DomainError::NotFound) };
    if quantity > QUANTITY_MAX {
        return Err(DomainError::field("quantity", "quantity_out_of_range"));
    }
    let txn = crate::db::begin_write(db).await?;
    let item = basket_item::Entity::find_by_id((id.clone(), product_id)).one(&txn).await?.ok_or(DomainError::NotFound)?;
    if quantity == 0 {
        basket_item::Entity::delete_by_id((id.clone(), product_id)).exec(&txn).await?;
    } else {
        let price = product::Entity::find_by_id(product_id).one(&txn).await?.and_then(|p| p.price_cents);
        basket_item::Entity::update(basket_item::ActiveModel {
            quantity: Set(quantity as i32),
            price_seen_cents: Set(price),
            ..item.into()
        })
        .exec(&txn)
        .await?;
    }
    touch(&txn, &id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Marks every line's current price as seen (the shopper saw the changes on the basket page).
pub async fn accept_changes(db: &DatabaseConnection, token: Option<&str>) -> Result<(), DomainError> {
    let Some(id) = stored_id(token) else { return Ok(()) };
    let txn = crate::db::begin_write(db).await?;
    for item in items_of(&txn, &id).await? {
        let price = product::Entity::find_by_id(item.product_id).one(&txn).await?.and_then(|p| p.price_cents);
        if price != item.price_seen_cents {
            basket_item::Entity::update(basket_item::ActiveModel { price_seen_cents: Set(price), ..item.into() })
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

async fn items_of(db: &impl ConnectionTrait, id: &str) -> Result<Vec<basket_item::Model>, DomainError> {
    Ok(basket_item::Entity::find().filter(basket_item::Column::BasketId.eq(id)).all(db).await?)
}

/// The lines of a basket: product, quantity, price seen.
pub async fn items(db: &impl ConnectionTrait, token: Option<&str>) -> Result<Vec<(i32, u32, Option<i64>)>, DomainError> {
    let Some(id) = stored_id(token) else { return Ok(Vec::new()) };
    Ok(items_of(db, &id).await?.into_iter().map(|i| (i.product_id, i.quantity.max(0) as u32, i.price_seen_cents)).collect())
}

/// Empties a basket (inside the checkout's transaction).
pub(crate) async fn empty(db: &impl ConnectionTrait, token: Option<&str>) -> Result<(), DomainError> {
    if let Some(id) = stored_id(token) {
        basket::Entity::delete_by_id(id).exec(db).await?;
    }
    Ok(())
}

/// The products of `ids`, and the published shops among theirs, each by id (two queries).
pub(crate) async fn products_and_shops(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<(HashMap<i32, product::Model>, HashMap<i32, business::Model>), DomainError> {
    let products: HashMap<i32, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let shops: HashMap<i32, business::Model> = public_businesses()
        .filter(business::Column::Id.is_in(products.values().map(|p| p.business_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    Ok((products, shops))
}

/// A shop's address on one line, as orders keep it.
pub fn address_of(shop: &business::Model) -> String {
    format!("{}, {} {}", shop.street, shop.postcode, shop.locality)
}

/// The basket as its page shows it, shop by shop, with each shop's collection slots.
pub async fn view(db: &DatabaseConnection, token: Option<&str>, lang: Lang, now: DateTime<Utc>) -> Result<BasketView, DomainError> {
    let Some(id) = stored_id(token) else { return Ok(BasketView::default()) };
    let items = items_of(db, &id).await?;
    if items.is_empty() {
        return Ok(BasketView::default());
    }
    let (products, shops) = products_and_shops(db, items.iter().map(|i| i.product_id)).await?;
    let today = crate::clock::today_in_brussels(now);
    let shop_refs: Vec<&business::Model> = shops.values().collect();
    let schedules = crate::directory::schedules(db, &shop_refs, today, lang).await?;
    let mut by_shop: BTreeMap<(String, i32), Vec<BasketLine>> = BTreeMap::new();
    let mut changed = false;
    for item in &items {
        let Some(row) = products.get(&item.product_id) else { continue };
        let Some(shop) = shops.get(&row.business_id) else { continue };
        let available = reservable_now(row, now).unwrap_or(0);
        let quantity = item.quantity.max(0) as u32;
        let price_was = (item.price_seen_cents != row.price_cents).then_some(item.price_seen_cents);
        changed |= price_was.is_some() || available < quantity;
        by_shop.entry((shop.sort_name.clone(), shop.id)).or_default().push(BasketLine {
            product_id: row.id,
            name: name_in(row, lang).0.to_string(),
            href: lang.localize(&format!("/commerces/{}/produits/{}", shop.slug, row.id)),
            quantity,
            available,
            unit_price_cents: row.price_cents,
            price_was_cents: price_was,
        });
    }
    let mut view = BasketView { shops: Vec::new(), changed };
    for ((_, shop_id), mut lines) in by_shop {
        let shop = &shops[&shop_id];
        lines.sort_by(|a, b| a.name.cmp(&b.name));
        let settings = super::settings(db, shop_id).await?;
        let slot_days = schedules.get(&shop_id).map(|s| super::slots::slot_days(s, &settings, now)).unwrap_or_default();
        let takeable = lines.iter().filter(|l| l.available > 0);
        let total_cents = takeable.clone().map(|l| l.unit_price_cents.unwrap_or(0) * i64::from(l.quantity.min(l.available))).sum();
        let has_unpriced = takeable.clone().any(|l| l.unit_price_cents.is_none());
        view.shops.push(BasketShop {
            business_id: shop_id,
            name: shop.name.clone(),
            address: address_of(shop),
            lines,
            total_cents,
            has_unpriced,
            slot_days,
        });
    }
    Ok(view)
}

/// Deletes the baskets untouched for [`LIFETIME_DAYS`] (their items go with them). Returns how many.
pub async fn purge_old(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    Ok(basket::Entity::delete_many()
        .filter(basket::Column::UpdatedAt.lt(now - Duration::days(LIFETIME_DAYS)))
        .exec(db)
        .await?
        .rows_affected)
}
