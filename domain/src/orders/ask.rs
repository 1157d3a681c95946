//! "Ask if available": for a product whose stock nobody counts (the window, "in stock" without
//! a number) or whose statement is stale, the shopper writes when they would come; the shop
//! answers "yes, I keep it for you until …" or "no", in one tap from its e-mail (a page with
//! buttons, [`super::flow::ANSWER_PATH`]) or from its inbox. A yes makes it an order, accepted,
//! that waits until the date the shop gave (then lapses like any order). Nothing is reserved:
//! there is no count to take from.
//!
//! The same limits as a checkout apply (per network, per address, open orders per address),
//! and the request is idempotent by its form's key.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::error::FieldProblem;
use common::orders::{OrderStatus, ASK_DAYS, MESSAGE_MAX, QUANTITY_MAX};
use common::Lang;
use entity::{order, order_line};
use sea_orm::{DatabaseConnection, EntityTrait, Set};

use super::basket::{address_of, public_product, reservable_now};
use super::checkout::{count_attempt, insert_checkout, link_of, open_orders, order_path, replay, Placed};
use super::check_shopper;
use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::catalogue::name_in;
use crate::error::DomainError;
use crate::mail::{self, Message, Notifier, Template};

/// A question as its form sends it.
#[derive(Debug, Clone, Default)]
pub struct Question {
    pub key: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub lang: Lang,
    pub product_id: i32,
    pub quantity: String,
    /// The day the shopper would come, `YYYY-MM-DD`.
    pub date: String,
    pub message: String,
    pub client_ip: String,
    pub base_url: String,
}

/// Whether a product takes questions rather than reservations.
pub fn askable(row: &entity::product::Model, now: DateTime<Utc>) -> bool {
    row.visible && reservable_now(row, now).is_none() && row.stock != "out_of_stock"
}

/// The product a question form is for, and its shop, if it takes questions now (`NotFound`
/// otherwise, as an unknown id).
pub async fn askable_product(
    db: &impl sea_orm::ConnectionTrait,
    product_id: i32,
    now: DateTime<Utc>,
) -> Result<(entity::product::Model, entity::business::Model), DomainError> {
    let (row, shop) = public_product(db, product_id).await?;
    if !askable(&row, now) {
        return Err(DomainError::NotFound);
    }
    Ok((row, shop))
}

/// Sends a question to the shop of `question.product_id`.
pub async fn ask(
    db: &DatabaseConnection,
    question: &Question,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<Placed, DomainError> {
    if !looks_like_token(&question.key) {
        return Err(DomainError::field("key", "form_expired"));
    }
    let mut problems = Vec::new();
    let shopper = check_shopper(&mut problems, &question.name, &question.email, &question.phone);
    let quantity = match question.quantity.trim().parse::<u32>() {
        Ok(n) if (1..=QUANTITY_MAX).contains(&n) => n,
        _ => {
            problems.push(FieldProblem::with_limit("quantity", "quantity_out_of_range", QUANTITY_MAX));
            1
        }
    };
    let today = crate::clock::today_in_brussels(now);
    let date = match NaiveDate::parse_from_str(question.date.trim(), "%Y-%m-%d") {
        Ok(date) if date >= today && date <= today + Duration::days(ASK_DAYS) => Some(date),
        _ => {
            problems.push(FieldProblem::with_limit("date", "date_out_of_range", ASK_DAYS as u32));
            None
        }
    };
    let message = crate::fields::text(&mut problems, "message", &question.message, MESSAGE_MAX, false, true);
    let (Some(shopper), Some(date), true) = (shopper, date, problems.is_empty()) else {
        return Err(DomainError::Invalid(problems));
    };
    if let Some(placed) = replay(db, &question.key).await? {
        return Ok(placed);
    }
    let (row, shop) = askable_product(db, question.product_id, now).await?;
    count_attempt(db, &question.client_ip, &shopper.email, now).await?;
    let members = super::members_of(db, shop.id).await?;

    let txn = crate::db::begin_write(db).await?;
    // The key first: the same form sent twice at once waits here, then gets the first one's answer.
    let Some(checkout_id) = insert_checkout(&txn, &question.key, &shopper, question.lang, now).await? else {
        drop(txn);
        return replay(db, &question.key).await?.ok_or(DomainError::Conflict);
    };
    open_orders(&txn, &shopper.email, 1).await?;
    let action = random_token();
    let name = name_in(&row, question.lang).0.to_string();
    let order_id = order::Entity::insert(order::ActiveModel {
        checkout_id: Set(checkout_id),
        business_id: Set(shop.id),
        kind: Set("ask".into()),
        status: Set(OrderStatus::Asked.code().into()),
        pickup_at: Set(None),
        pickup_minutes: Set(0),
        collect_by: Set(date),
        business_name: Set(shop.name.clone()),
        business_address: Set(address_of(&shop)),
        total_cents: Set(row.price_cents.unwrap_or(0) * i64::from(quantity)),
        has_unpriced: Set(row.price_cents.is_none()),
        message: Set(message.clone()),
        decline_reason: Set(None),
        action_digest: Set(Some(digest(&action))),
        created_at: Set(now),
        status_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    order_line::Entity::insert(order_line::ActiveModel {
        order_id: Set(order_id),
        product_id: Set(Some(row.id)),
        name: Set(name.clone()),
        shop_name: Set(Some(row.name_fr.clone())),
        unit_price_cents: Set(row.price_cents),
        quantity: Set(quantity as i32),
        reserved: Set(false),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    for (to, lang) in members {
        let answer_link = super::flow::link(&question.base_url, lang, &format!("{}?jeton={action}", super::flow::ANSWER_PATH));
        mail::enqueue(
            &txn,
            &Message {
                to,
                lang,
                template: Template::AskToShop {
                    business: shop.name.clone(),
                    product: row.name_fr.clone(),
                    quantity,
                    shopper: shopper.name.clone(),
                    date,
                    message: message.clone(),
                    link: answer_link,
                },
            },
            now,
        )
        .await?;
    }
    let token = link_of(&question.key);
    let summary = super::read::mail_lines(&txn, checkout_id, question.lang).await?;
    mail::enqueue(
        &txn,
        &Message {
            to: shopper.email.clone(),
            lang: question.lang,
            template: Template::OrderPlaced {
                orders: summary,
                link: super::flow::link(&question.base_url, question.lang, &order_path(&token)),
            },
        },
        now,
    )
    .await?;
    txn.commit().await?;
    notifier.wake();
    Ok(Placed { token, order_ids: vec![order_id], replayed: false })
}
