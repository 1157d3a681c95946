//! Click & collect (issue 14): a shopper reserves products of one or several shops, picks a
//! collection time inside each shop's hours, and collects and pays in the shop.
//!
//! - [`slots`]: the collection times of a shop (hours, exceptions, holidays, daylight saving);
//! - [`basket`]: the shopper's basket, server-side, across shops and visits;
//! - [`checkout`]: turning a basket into one order per shop, reserving stock atomically;
//! - [`ask`]: "ask if available", for products without a trusted stock count;
//! - [`flow`]: what happens to an order next: the shop's actions, the shopper's cancellation,
//!   the e-mailed confirmations and answers;
//! - [`read`]: the shopper's order page, the merchant's inbox, the day's collections, the
//!   calendar file and the shop's figures;
//! - [`jobs`]: orders left uncollected lapse; personal data is erased after 12 months.
//!
//! # No oversell
//!
//! Stock is taken by one statement per line, `UPDATE products SET quantity = quantity - n
//! WHERE id = … AND business_id = … AND reservable AND visible AND stock = 'quantity' AND
//! quantity >= n`, inside the checkout's transaction: on PostgreSQL a concurrent checkout waits
//! on the row and re-reads the condition once the first commits; on SQLite the write
//! transaction (`BEGIN IMMEDIATE`) serialises checkouts. A line that updates no row is "no
//! longer available" and the whole checkout rolls back. The table's `CHECK (quantity >= 0)` is
//! the last word. Stock returns (one `UPDATE … quantity + n`) when an order is declined,
//! cancelled, not collected or lapses, exactly once: the status change that returns it is
//! itself a conditional update that only one caller wins.
//!
//! # Payment later
//!
//! Orders are paid in the shop. A payment provider would come in as a [`Payment`] implementation
//! called by the checkout between the reservation and the commit: the order's totals are
//! already computed on the server, in integer cents.

pub mod ask;
pub mod basket;
pub mod checkout;
pub mod flow;
pub mod jobs;
pub mod read;
pub mod slots;

use chrono::{DateTime, Utc};
use common::error::FieldProblem;
use common::orders::{OrderStatus, PickupSettings, NAME_MAX};
use common::values::{Email, Phone};
use common::Lang;
use entity::{account, membership, no_show, order, order_line, pickup_setting, product, shopper_count};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;
use crate::mail::{self, Message, Template};

/// Open orders one e-mail address may have, all shops together.
pub const OPEN_ORDERS_MAX: i32 = 8;
/// Checkouts (or questions) per e-mail address in a throttle window (15 minutes).
pub const CHECKOUTS_PER_EMAIL: i32 = 6;
/// Checkouts (or questions) per client network in a throttle window.
pub const CHECKOUTS_PER_NETWORK: i32 = 20;
/// Orders not collected at a shop after which the address confirms its next order there by
/// e-mail before the shop sees it.
pub const NO_SHOWS_BEFORE_CONFIRMATION: i32 = 2;
/// How long an order waiting for that confirmation holds its stock.
pub const CONFIRMATION_HOURS: i64 = 2;

/// Where a payment provider would plug in (see the module doc). Not implemented: orders are
/// paid in the shop.
pub trait Payment {
    /// Authorises `total_cents` for the order `reference`; an error aborts the checkout.
    fn authorise(&self, reference: &str, total_cents: i64) -> Result<(), String>;
}

/// What the database keeps of an e-mail address to count by it: its SHA-256, lower-cased.
pub fn email_digest(email: &Email) -> String {
    crate::accounts::tokens::digest(&email.as_str().to_lowercase())
}

/// The shopper's details as typed, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shopper {
    pub name: String,
    pub email: Email,
    pub phone: Option<String>,
}

/// Checks a shopper's name, e-mail and optional phone (a Belgian number, or any number written
/// in international form), adding each problem to `problems`.
pub fn check_shopper(problems: &mut Vec<FieldProblem>, name: &str, email: &str, phone: &str) -> Option<Shopper> {
    let name = crate::fields::text(problems, "name", name, NAME_MAX, true, false);
    let email = match Email::parse(email) {
        Ok(email) => Some(email),
        Err(common::values::ValueError::Empty) => {
            problems.push(FieldProblem::new("email", "required"));
            None
        }
        Err(_) => {
            problems.push(FieldProblem::new("email", "email_invalid"));
            None
        }
    };
    let phone = match phone.trim() {
        "" => Some(None),
        typed => match Phone::parse(typed) {
            Ok(phone) => Some(Some(phone.as_str().to_string())),
            Err(_) => match international(typed) {
                Some(number) => Some(Some(number)),
                None => {
                    problems.push(FieldProblem::new("phone", "phone_invalid"));
                    None
                }
            },
        },
    };
    match (email, phone) {
        (Some(email), Some(phone)) if !name.is_empty() => Some(Shopper { name, email, phone }),
        _ => None,
    }
}

/// A number in international form (`+33 6 12 34 56 78`, `0031 6 1234 5678`), as E.164.
fn international(typed: &str) -> Option<String> {
    if typed.len() > 32 {
        return None;
    }
    let rest = typed.strip_prefix('+').or_else(|| typed.strip_prefix("00"))?;
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '/' | '-' | '(' | ')' => {}
            _ => return None,
        }
    }
    ((8..=15).contains(&digits.len()) && !digits.starts_with('0')).then(|| format!("+{digits}"))
}

/// A shop's settings (the defaults when it never changed them).
pub async fn settings(db: &impl ConnectionTrait, business_id: i32) -> Result<PickupSettings, DomainError> {
    Ok(pickup_setting::Entity::find_by_id(business_id)
        .one(db)
        .await?
        .map(|row| PickupSettings {
            prep_minutes: std::cmp::max(row.prep_minutes, 0) as u32,
            slot_minutes: std::cmp::max(row.slot_minutes, 5) as u32,
            grace_days: std::cmp::max(row.grace_days, 0) as u32,
            notify_orders: row.notify_orders,
        })
        .unwrap_or_default())
}

/// The settings as the merchant's form typed them (minutes and days as text; `notify`: the box
/// "e-mail me each new order" was ticked).
pub fn check_settings(prep: &str, slot: &str, grace: &str, notify: bool) -> Result<PickupSettings, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut number = |field: &str, text: &str, min: u32, max: u32| match text.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            // The form knows each field's bounds; the problem carries the upper one.
            problems.push(FieldProblem::with_limit(field, "out_of_range", max));
            0
        }
    };
    let settings = PickupSettings {
        prep_minutes: number("prep_minutes", prep, 0, 10_080),
        slot_minutes: number("slot_minutes", slot, 10, 240),
        grace_days: number("grace_days", grace, 0, 14),
        notify_orders: notify,
    };
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

/// Saves a shop's settings (anyone who may edit its listing), with a line in its history.
pub async fn save_settings(
    db: &sea_orm::DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    new: PickupSettings,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let access = authorize(&txn, actor, business_id, Need::EditListing).await?;
    let old = settings(&txn, business_id).await?;
    pickup_setting::Entity::insert(pickup_setting::ActiveModel {
        business_id: Set(business_id),
        prep_minutes: Set(new.prep_minutes as i32),
        slot_minutes: Set(new.slot_minutes as i32),
        grace_days: Set(new.grace_days as i32),
        notify_orders: Set(new.notify_orders),
    })
    .on_conflict(
        OnConflict::column(pickup_setting::Column::BusinessId)
            .update_columns([
                pickup_setting::Column::PrepMinutes,
                pickup_setting::Column::SlotMinutes,
                pickup_setting::Column::GraceDays,
                pickup_setting::Column::NotifyOrders,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let mut changes = crate::audit::Changes::new();
    changes.compare("pickup_prep_minutes", &old.prep_minutes, &new.prep_minutes);
    changes.compare("pickup_slot_minutes", &old.slot_minutes, &new.slot_minutes);
    changes.compare("pickup_grace_days", &old.grace_days, &new.grace_days);
    changes.compare("pickup_notify_orders", &old.notify_orders, &new.notify_orders);
    if !changes.is_empty() {
        let actor = actor.ok_or(DomainError::Unauthenticated)?;
        crate::audit::record(&txn, actor, Some(access.business.id), "pickup_settings", changes, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The people of a shop (its members' accounts), with the language each reads: who hears of
/// its orders and questions.
pub(crate) async fn members_of(db: &impl ConnectionTrait, business_id: i32) -> Result<Vec<(Email, Lang)>, DomainError> {
    let member_ids: Vec<i32> = membership::Entity::find()
        .filter(membership::Column::BusinessId.eq(business_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.account_id)
        .collect();
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(member_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((Email::parse(&a.email).ok()?, lang_of(&a.language))))
        .collect())
}

/// Who hears of a shop's orders by e-mail: its people, unless the shop switched it off.
pub(crate) async fn order_recipients(db: &impl ConnectionTrait, business_id: i32) -> Result<Vec<(Email, Lang)>, DomainError> {
    if !settings(db, business_id).await?.notify_orders {
        return Ok(Vec::new());
    }
    members_of(db, business_id).await
}

/// Queues, for each of `recipients` (see [`order_recipients`]), the e-mail about the order `row`
/// (new, or `cancelled` by the shopper) with its `lines` in the shop's own words; the link opens
/// the shop's inbox at the order.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn send_to_shop(
    db: &impl ConnectionTrait,
    recipients: &[(Email, Lang)],
    row: &order::Model,
    lines: &[(String, u32)],
    shopper_name: &str,
    cancelled: bool,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let path = format!("/tableau-de-bord/{}/commandes#commande-{}", row.business_id, row.id);
    for (to, lang) in recipients {
        let template = Template::OrderToShop {
            business: row.business_name.clone(),
            order_id: row.id,
            shopper: shopper_name.to_string(),
            pickup: row.pickup_at,
            collect_by: row.collect_by,
            lines: lines.to_vec(),
            total_cents: row.total_cents,
            has_unpriced: row.has_unpriced,
            cancelled,
            link: flow::link(base_url, *lang, &path),
        };
        mail::enqueue(db, &Message { to: to.clone(), lang: *lang, template }, now).await?;
    }
    Ok(())
}

/// Tells the shop's people of the stored order `row` (see [`send_to_shop`]), reading its lines
/// back (`order_lines.shop_name`, the shop's words).
pub(crate) async fn tell_shop(
    db: &impl ConnectionTrait,
    row: &order::Model,
    shopper_name: &str,
    cancelled: bool,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let recipients = order_recipients(db, row.business_id).await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let lines: Vec<(String, u32)> = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(row.id))
        .order_by_asc(order_line::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.shop_name.unwrap_or(l.name), std::cmp::max(l.quantity, 0) as u32))
        .collect();
    send_to_shop(db, &recipients, row, &lines, shopper_name, cancelled, base_url, now).await
}

/// The status of a stored order (a row no rule allows reads as lapsed: it holds nothing).
pub fn status_of(row: &order::Model) -> OrderStatus {
    OrderStatus::from_code(&row.status).unwrap_or(OrderStatus::Lapsed)
}

/// The codes of `statuses`, for `IN (…)` filters.
pub(crate) fn codes(statuses: &[OrderStatus]) -> Vec<&'static str> {
    statuses.iter().map(|s| s.code()).collect()
}

/// Moves order `id` from one of `from` to `to`, in one conditional statement: `true` when this
/// call made the change (a concurrent change, or an order already elsewhere, makes it `false`).
pub(crate) async fn transition(
    db: &impl ConnectionTrait,
    id: i32,
    from: &[OrderStatus],
    to: OrderStatus,
    now: DateTime<Utc>,
    extra: impl FnOnce(sea_orm::UpdateMany<order::Entity>) -> sea_orm::UpdateMany<order::Entity>,
) -> Result<bool, DomainError> {
    let update = order::Entity::update_many()
        .col_expr(order::Column::Status, Expr::value(to.code()))
        .col_expr(order::Column::StatusAt, Expr::value(now))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.is_in(codes(from)));
    Ok(extra(update).exec(db).await?.rows_affected == 1)
}

/// What an order that just left the open statuses gives back: its reserved stock when it ends
/// without collection, and its place among the address's open orders.
pub(crate) async fn release(
    db: &impl ConnectionTrait,
    row: &order::Model,
    email: Option<&str>,
    to: OrderStatus,
) -> Result<(), DomainError> {
    if to != OrderStatus::Collected {
        let lines = order_line::Entity::find()
            .filter(order_line::Column::OrderId.eq(row.id))
            .filter(order_line::Column::Reserved.eq(true))
            // The checkout's locking order (see `checkout::place`).
            .order_by_asc(order_line::Column::ProductId)
            .all(db)
            .await?;
        for line in lines {
            let Some(product_id) = line.product_id else { continue };
            // Only to a product still counted: a product since switched to another statement
            // ("in stock", the window) has no count to return to.
            product::Entity::update_many()
                .col_expr(product::Column::Quantity, Expr::col(product::Column::Quantity).add(line.quantity))
                .col_expr(product::Column::Version, Expr::col(product::Column::Version).add(1))
                .filter(product::Column::Id.eq(product_id))
                .filter(product::Column::Stock.eq("quantity"))
                .exec(db)
                .await?;
        }
    }
    if let Some(email) = email.filter(|e| !e.is_empty()) {
        let digest = crate::accounts::tokens::digest(&email.to_lowercase());
        shopper_count::Entity::update_many()
            .col_expr(shopper_count::Column::OpenOrders, Expr::col(shopper_count::Column::OpenOrders).sub(1))
            .filter(shopper_count::Column::EmailDigest.eq(digest))
            .filter(shopper_count::Column::OpenOrders.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Counts a no-show of `email` at a shop (one upsert).
pub(crate) async fn record_no_show(
    db: &impl ConnectionTrait,
    business_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if email.is_empty() {
        return Ok(());
    }
    let digest = crate::accounts::tokens::digest(&email.to_lowercase());
    no_show::Entity::insert(no_show::ActiveModel {
        business_id: Set(business_id),
        email_digest: Set(digest),
        count: Set(1),
        last_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([no_show::Column::BusinessId, no_show::Column::EmailDigest])
            .value(no_show::Column::Count, Expr::col((no_show::Entity, no_show::Column::Count)).add(1))
            .value(no_show::Column::LastAt, Expr::val(now))
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// How many orders `email` left uncollected at a shop.
pub(crate) async fn no_shows(db: &impl ConnectionTrait, business_id: i32, email: &Email) -> Result<i32, DomainError> {
    Ok(no_show::Entity::find_by_id((business_id, email_digest(email))).one(db).await?.map_or(0, |row| row.count))
}

/// The language of a stored code (French when unreadable).
pub(crate) fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or(Lang::Fr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shoppers_are_checked_field_by_field() {
        let mut problems = Vec::new();
        let shopper = check_shopper(&mut problems, " Marie Dupont ", "marie@example.be", "0470 12 34 56").unwrap();
        assert_eq!((shopper.name.as_str(), shopper.phone.as_deref()), ("Marie Dupont", Some("+32470123456")));
        let french = check_shopper(&mut problems, "Jean", "jean@example.fr", "+33 6 12 34 56 78").unwrap();
        assert_eq!(french.phone.as_deref(), Some("+33612345678"));
        assert!(problems.is_empty());
        let none = check_shopper(&mut problems, "", "pas une adresse", "appelez-moi");
        assert!(none.is_none());
        let keys: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.problem.as_str())).collect();
        assert_eq!(keys, vec![("name", "required"), ("email", "email_invalid"), ("phone", "phone_invalid")]);
        let mut problems = Vec::new();
        assert!(check_shopper(&mut problems, &"x".repeat(5_000_000), "a@b.be", "").is_none());
        assert_eq!(problems[0].problem, "too_long");
    }

    #[test]
    fn settings_are_bounded() {
        assert_eq!(
            check_settings("90", "15", "3", false).unwrap(),
            PickupSettings { prep_minutes: 90, slot_minutes: 15, grace_days: 3, notify_orders: false }
        );
        let problems = check_settings("-1", "5", "deux", true).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["prep_minutes", "slot_minutes", "grace_days"]);
    }
}
