//! Checkout: one confirmation by a shopper becomes one order per shop, with the stock of every
//! line reserved in the same transaction (the module doc of [`super`] says how no unit is sold
//! twice).
//!
//! # Idempotent
//!
//! The confirming form carries a random key written by the server when it showed the form.
//! The checkout row is inserted first, with that key under a unique index: a double click, a
//! retried request or a replayed form either finds the committed checkout (and answers with it,
//! changing nothing) or, racing it, waits on the index and then finds it. The order page's link
//! is derived from the key ([`link_of`]), so the replay is answered with the same link. The
//! database keeps the key, not the link, and only the link's digest is looked up; but the status
//! e-mails must give the link again, so whoever reads the database (a backup, say) can derive
//! every order's link, as they can read the orders themselves. Session tokens, by contrast, are
//! kept only as digests.
//!
//! # Limits against fake orders
//!
//! Counted before anything is reserved, atomically, once the form passed its checks: checkouts
//! per client network and per e-mail address in a 15-minute window (the login throttle's table
//! and upsert), then open
//! orders per address ([`super::OPEN_ORDERS_MAX`], one upsert that returns the new count, rolled
//! back with the checkout if it is refused). An address that left [`super::NO_SHOWS_BEFORE_CONFIRMATION`]
//! orders uncollected at a shop confirms its next order there from its e-mail before the shop
//! sees it; until then the order holds its stock for [`super::CONFIRMATION_HOURS`] hours.

use std::collections::{BTreeMap, HashMap};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use common::error::FieldProblem;
use common::orders::{OrderStatus, LINES_MAX, QUANTITY_MAX};
use common::Lang;
use entity::{business, checkout, order, order_line, product, shopper_count};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use super::basket::{address_of, products_and_shops, reservable_now};
use super::{check_shopper, email_digest, Shopper};
use crate::accounts::throttle;
use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::catalogue::name_in;
use crate::error::DomainError;
use crate::mail::{self, Message, Notifier, Template};

/// One line as the confirming form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub product_id: i32,
    pub quantity: u32,
    /// The unit price the shopper was shown; a different price now refuses the checkout.
    pub price_seen_cents: Option<i64>,
}

/// A confirmation as the form sends it (strings as typed).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The form's idempotency key.
    pub key: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub lang: Lang,
    pub lines: Vec<Line>,
    /// Per shop, the slot's value.
    pub slots: Vec<(i32, String)>,
    /// Who sends it, for the per-network limit.
    pub client_ip: String,
    /// The basket it empties once placed (its cookie's value).
    pub basket: Option<String>,
    /// The site's address, for the e-mails' links.
    pub base_url: String,
}

/// What a placed checkout gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The order page's token (in its link).
    pub token: String,
    pub order_ids: Vec<i32>,
    /// An earlier submission of the same form placed it; nothing was done now.
    pub replayed: bool,
}

/// The order page's token of a checkout confirmed with `key`: SHA-256 of the key, so a replay
/// gets the same link, and no one who has seen neither the form nor the database can guess it.
pub fn link_of(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(format!("vitrine order link\0{key}").as_bytes()))
}

/// The order page's path for `token`, without language prefix.
pub fn order_path(token: &str) -> String {
    format!("/commande/{token}")
}

/// Counts an attempt to order (a checkout or a question) against the client's network and the
/// shopper's address, before anything is reserved; `TooManyAttempts` past either limit.
pub(crate) async fn count_attempt(
    db: &impl ConnectionTrait,
    client_ip: &str,
    email: &common::values::Email,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    throttle::attempt(
        db,
        &[
            (format!("order-ip:{}", throttle::client_network(client_ip)), super::CHECKOUTS_PER_NETWORK),
            (format!("order-email:{}", email_digest(email)), super::CHECKOUTS_PER_EMAIL),
        ],
        now,
    )
    .await
}

/// Inserts the checkout of the form `key` (first in its transaction: a concurrent submission of
/// the same form waits on the unique key); `None` when that key has a checkout already.
pub(crate) async fn insert_checkout(
    txn: &impl ConnectionTrait,
    key: &str,
    shopper: &Shopper,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DomainError> {
    let inserted = checkout::Entity::insert(checkout::ActiveModel {
        token_digest: Set(digest(&link_of(key))),
        idempotency_key: Set(key.to_string()),
        shopper_name: Set(shopper.name.clone()),
        shopper_email: Set(shopper.email.as_str().to_string()),
        shopper_phone: Set(shopper.phone.clone()),
        language: Set(lang.code().to_string()),
        created_at: Set(now),
        erased_at: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await;
    match inserted {
        Ok(done) => Ok(Some(done.last_insert_id)),
        Err(error) if matches!(error.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Adds `orders` to the address's open orders, in one upsert that returns the new count;
/// refused past [`super::OPEN_ORDERS_MAX`] (the caller's transaction then rolls it back).
pub(crate) async fn open_orders(
    txn: &impl ConnectionTrait,
    email: &common::values::Email,
    orders: i32,
) -> Result<(), DomainError> {
    let open = shopper_count::Entity::insert(shopper_count::ActiveModel {
        email_digest: Set(email_digest(email)),
        open_orders: Set(orders),
    })
    .on_conflict(
        OnConflict::column(shopper_count::Column::EmailDigest)
            .value(
                shopper_count::Column::OpenOrders,
                Expr::col((shopper_count::Entity, shopper_count::Column::OpenOrders)).add(orders),
            )
            .to_owned(),
    )
    .exec_with_returning(txn)
    .await?;
    if open.open_orders > super::OPEN_ORDERS_MAX {
        return Err(DomainError::field("email", "too_many_open_orders"));
    }
    Ok(())
}

/// The checkout placed by an earlier submission of the form `key`, if any.
pub(crate) async fn replay(db: &impl ConnectionTrait, key: &str) -> Result<Option<Placed>, DomainError> {
    let Some(found) = checkout::Entity::find().filter(checkout::Column::IdempotencyKey.eq(key)).one(db).await? else {
        return Ok(None);
    };
    let order_ids = order::Entity::find()
        .filter(order::Column::CheckoutId.eq(found.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    Ok(Some(Placed { token: link_of(key), order_ids, replayed: true }))
}

/// The checks that need no database: the key, the shopper, the lines' shapes.
fn check_request(request: &Request) -> Result<Shopper, DomainError> {
    if !looks_like_token(&request.key) {
        return Err(DomainError::field("key", "form_expired"));
    }
    let mut problems = Vec::new();
    let shopper = check_shopper(&mut problems, &request.name, &request.email, &request.phone);
    if request.lines.is_empty() {
        problems.push(FieldProblem::new("basket", "basket_empty"));
    }
    if request.lines.len() > LINES_MAX || request.slots.len() > LINES_MAX {
        problems.push(FieldProblem::with_limit("basket", "basket_too_large", LINES_MAX as u32));
    }
    for line in &request.lines {
        if line.quantity == 0 || line.quantity > QUANTITY_MAX {
            problems.push(FieldProblem::with_limit(&format!("quantity-{}", line.product_id), "quantity_out_of_range", QUANTITY_MAX));
        }
    }
    let mut seen = std::collections::HashSet::new();
    if request.lines.iter().any(|l| !seen.insert(l.product_id)) {
        problems.push(FieldProblem::new("basket", "basket_tampered"));
    }
    match shopper {
        Some(shopper) if problems.is_empty() => Ok(shopper),
        _ => Err(DomainError::Invalid(problems)),
    }
}

/// Places the orders of `request` at `now`. Every refusal changes nothing; see the module doc.
pub async fn place(
    db: &DatabaseConnection,
    request: &Request,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<Placed, DomainError> {
    let shopper = check_request(request)?;
    if let Some(placed) = replay(db, &request.key).await? {
        return Ok(placed);
    }
    // Read and check everything that does not change under us before taking the write lock.
    let (products, shops) = products_and_shops(db, request.lines.iter().map(|l| l.product_id)).await?;
    let mut problems = Vec::new();
    let mut by_shop: BTreeMap<i32, Vec<(&Line, &product::Model)>> = BTreeMap::new();
    for line in &request.lines {
        let field = format!("product-{}", line.product_id);
        let Some(row) = products.get(&line.product_id).filter(|p| p.visible && shops.contains_key(&p.business_id)) else {
            problems.push(FieldProblem::new(&field, "product_unknown"));
            continue;
        };
        match reservable_now(row, now) {
            None => problems.push(FieldProblem::new(&field, "not_reservable")),
            Some(0) => problems.push(FieldProblem::new(&field, "no_longer_available")),
            Some(n) if n < line.quantity => problems.push(FieldProblem::with_limit(&field, "only_left", n)),
            Some(_) if row.price_cents != line.price_seen_cents => problems.push(FieldProblem::new(&field, "price_changed")),
            Some(_) => by_shop.entry(row.business_id).or_default().push((line, row)),
        }
    }
    let today = crate::clock::today_in_brussels(now);
    let shop_refs: Vec<&business::Model> = by_shop.keys().filter_map(|id| shops.get(id)).collect();
    let schedules = crate::directory::schedules(db, &shop_refs, today, request.lang).await?;
    let mut chosen = HashMap::new();
    for &shop_id in by_shop.keys() {
        let field = format!("slot-{shop_id}");
        let value = request.slots.iter().find(|(id, _)| *id == shop_id).map(|(_, v)| v.as_str()).unwrap_or("");
        let settings = super::settings(db, shop_id).await?;
        match schedules.get(&shop_id).and_then(|s| super::slots::find(s, &settings, now, value)) {
            Some(slot) => {
                chosen.insert(shop_id, (slot, settings));
            }
            None if value.trim().is_empty() => problems.push(FieldProblem::new(&field, "slot_required")),
            None => problems.push(FieldProblem::new(&field, "slot_unavailable")),
        }
    }
    if !problems.is_empty() {
        return Err(DomainError::Invalid(problems));
    }
    // Counted before anything is reserved (a refused form above reserves nothing, so it is not counted).
    count_attempt(db, &request.client_ip, &shopper.email, now).await?;
    let mut confirm_first = Vec::new();
    // Read before the write transaction, which holds the stock: who hears of each order now.
    let mut recipients = HashMap::new();
    for &shop_id in by_shop.keys() {
        if super::no_shows(db, shop_id, &shopper.email).await? >= super::NO_SHOWS_BEFORE_CONFIRMATION {
            confirm_first.push(shop_id);
        } else {
            recipients.insert(shop_id, super::order_recipients(db, shop_id).await?);
        }
    }

    let txn = crate::db::begin_write(db).await?;
    // The key first: a concurrent submission of the same form waits here, then finds it taken.
    let Some(checkout_id) = insert_checkout(&txn, &request.key, &shopper, request.lang, now).await? else {
        drop(txn);
        return replay(db, &request.key).await?.ok_or(DomainError::Conflict);
    };
    open_orders(&txn, &shopper.email, by_shop.len() as i32).await?;
    // Before any product row (see `data_version::lock_catalogue`); after the form's key and the
    // address's count, which every checkout takes before this point too, so that concurrent
    // checkouts queue here for the shortest time.
    crate::data_version::lock_catalogue(&txn).await?;

    let mut order_ids = Vec::new();
    let mut confirmations = Vec::new();
    for (&shop_id, lines) in &by_shop {
        let shop = &shops[&shop_id];
        let (slot, settings) = &chosen[&shop_id];
        // Rows are locked in one order for every checkout (shops by id, then products by id),
        // whatever order the basket listed them in: two checkouts of the same products in
        // different orders would otherwise each hold one row and wait for the other.
        let mut by_id: Vec<&Line> = lines.iter().map(|(line, _)| *line).collect();
        by_id.sort_by_key(|line| line.product_id);
        for line in by_id {
            let taken = product::Entity::update_many()
                .col_expr(product::Column::Quantity, Expr::col(product::Column::Quantity).sub(line.quantity as i32))
                .col_expr(product::Column::Version, Expr::col(product::Column::Version).add(1))
                .col_expr(product::Column::UpdatedAt, Expr::value(now))
                .filter(product::Column::Id.eq(line.product_id))
                .filter(product::Column::BusinessId.eq(shop_id))
                .filter(product::Column::Visible.eq(true))
                .filter(product::Column::Reservable.eq(true))
                .filter(product::Column::Stock.eq("quantity"))
                .filter(product::Column::Quantity.gte(line.quantity as i32))
                .exec(&txn)
                .await?;
            if taken.rows_affected != 1 {
                return Err(DomainError::field(&format!("product-{}", line.product_id), "no_longer_available"));
            }
        }
        let confirm = confirm_first.contains(&shop_id);
        let action = confirm.then(random_token);
        let total: i64 = lines.iter().map(|(l, p)| p.price_cents.unwrap_or(0) * i64::from(l.quantity)).sum();
        let row = order::Entity::insert(order::ActiveModel {
            checkout_id: Set(checkout_id),
            business_id: Set(shop_id),
            kind: Set("reserve".into()),
            status: Set(if confirm { OrderStatus::Unconfirmed } else { OrderStatus::New }.code().into()),
            pickup_at: Set(Some(slot.at)),
            pickup_minutes: Set(slot.minutes as i32),
            collect_by: Set(slot.local.date() + Duration::days(i64::from(settings.grace_days))),
            business_name: Set(shop.name.clone()),
            business_address: Set(address_of(shop)),
            total_cents: Set(total),
            has_unpriced: Set(lines.iter().any(|(_, p)| p.price_cents.is_none())),
            message: Set(String::new()),
            decline_reason: Set(None),
            action_digest: Set(action.as_deref().map(digest)),
            created_at: Set(now),
            status_at: Set(now),
            ..Default::default()
        })
        .exec_with_returning(&txn)
        .await?;
        let order_id = row.id;
        for (line, p) in lines {
            order_line::Entity::insert(order_line::ActiveModel {
                order_id: Set(order_id),
                product_id: Set(Some(p.id)),
                name: Set(name_in(p, request.lang).0.to_string()),
                shop_name: Set(Some(p.name_fr.clone())),
                unit_price_cents: Set(p.price_cents),
                quantity: Set(line.quantity as i32),
                reserved: Set(true),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        match action {
            Some(action) => confirmations.push((shop.name.clone(), action)),
            // The shop hears of it now; an order waiting for the shopper's confirmation, once confirmed.
            None => {
                let words: Vec<(String, u32)> = lines.iter().map(|(l, p)| (p.name_fr.clone(), l.quantity)).collect();
                let to = recipients.get(&shop_id).map_or(&[][..], Vec::as_slice);
                super::send_to_shop(&txn, to, &row, &words, &shopper.name, false, &request.base_url, now).await?;
            }
        }
        order_ids.push(order_id);
    }
    super::basket::empty(&txn, request.basket.as_deref()).await?;

    let token = link_of(&request.key);
    let link = super::flow::link(&request.base_url, request.lang, &super::checkout::order_path(&token));
    let summary = super::read::mail_lines(&txn, checkout_id, request.lang).await?;
    mail::enqueue(
        &txn,
        &Message { to: shopper.email.clone(), lang: request.lang, template: Template::OrderPlaced { orders: summary, link } },
        now,
    )
    .await?;
    for (shop, action) in confirmations {
        let link = super::flow::link(&request.base_url, request.lang, &format!("{}?jeton={action}", super::flow::CONFIRM_PATH));
        mail::enqueue(
            &txn,
            &Message {
                to: shopper.email.clone(),
                lang: request.lang,
                template: Template::OrderConfirm { business: shop, link, hours_valid: super::CONFIRMATION_HOURS as u32 },
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    notifier.wake();
    Ok(Placed { token, order_ids, replayed: false })
}
