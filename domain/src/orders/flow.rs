//! What happens to an order after the checkout: the shop's actions from its inbox (accept,
//! ready, collected, decline with a reason, not collected), its answer to a question ("yes, I
//! keep it for you until …" / "no"), the shopper's cancellation from the order page, and the
//! shopper's confirmation of an order held after no-shows.
//!
//! Every change is one conditional update of the order's status ([`super::transition`]): two
//! people acting at once (the shop marks an order ready while the shopper cancels it) cannot
//! both win, and the loser is told the order changed (`Conflict`). The shop's actions are
//! authorised like any listing edit (staff, owner, town administrator); the shopper's by the
//! order page's link; the e-mailed actions by the link of their e-mail, whose page shows buttons
//! (the link alone does nothing: mail scanners open links). The shopper gets an e-mail at each
//! change, in the checkout's language, through the e-mail queue.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::error::FieldProblem;
use common::orders::{MerchantAction, OrderStatus, ASK_DAYS, REASON_MAX};
use common::values::Email;
use common::Lang;
use entity::{checkout, order};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{lang_of, release, status_of, transition};
use crate::accounts::tokens::{digest, looks_like_token};
use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;
use crate::mail::{self, Message, Notifier, Template};

/// The page of the shopper's confirmation link (after no-shows).
pub const CONFIRM_PATH: &str = "/commande/confirmer";
/// The page of the shop's answer link ("ask if available").
pub const ANSWER_PATH: &str = "/commande/repondre";

/// An absolute link to `path` in `lang`.
pub fn link(base_url: &str, lang: Lang, path: &str) -> String {
    format!("{base_url}{}", lang.localize(path))
}

/// An order and its checkout.
pub(crate) async fn load(db: &impl ConnectionTrait, id: i32) -> Result<(order::Model, checkout::Model), DomainError> {
    let row = order::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let checkout = checkout::Entity::find_by_id(row.checkout_id).one(db).await?.ok_or(DomainError::NotFound)?;
    Ok((row, checkout))
}

/// Queues the shopper's e-mail about `row` now being `status` (nothing once their data is erased).
pub(crate) async fn tell_shopper(
    db: &impl ConnectionTrait,
    row: &order::Model,
    checkout: &checkout::Model,
    status: OrderStatus,
    collect_by: NaiveDate,
    reason: Option<String>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let Ok(to) = Email::parse(&checkout.shopper_email) else { return Ok(()) };
    let lang = lang_of(&checkout.language);
    let token_link = super::checkout::link_of(&checkout.idempotency_key);
    let template = Template::OrderStatus {
        business: row.business_name.clone(),
        address: row.business_address.clone(),
        status,
        ask: row.kind == "ask",
        pickup: row.pickup_at,
        collect_by,
        reason,
        link: link(base_url, lang, &super::checkout::order_path(&token_link)),
    };
    mail::enqueue(db, &Message { to, lang, template }, now).await?;
    Ok(())
}

/// A decline's reason, required for a reservation (the shopper must know why), optional for
/// the answer to a question.
fn check_reason(reason: &str, required: bool) -> Result<Option<String>, DomainError> {
    let mut problems = Vec::new();
    let reason = crate::fields::text(&mut problems, "reason", reason, REASON_MAX, required, true);
    if !problems.is_empty() {
        return Err(DomainError::Invalid(problems));
    }
    Ok((!reason.is_empty()).then_some(reason))
}

/// The shop does `action` to its order `order_id`; returns the new status.
#[allow(clippy::too_many_arguments)]
pub async fn merchant_act(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    order_id: i32,
    action: MerchantAction,
    reason: &str,
    base_url: &str,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<OrderStatus, DomainError> {
    let txn = crate::db::begin_catalogue_write(db).await?;
    authorize(&txn, actor, business_id, Need::EditListing).await?;
    let (row, checkout) = load(&txn, order_id).await?;
    if row.business_id != business_id {
        return Err(DomainError::NotFound);
    }
    let (from, to) = action.transition();
    let reason = if action == MerchantAction::Decline { check_reason(reason, row.kind == "reserve")? } else { None };
    let stored_reason = reason.clone();
    let changed = transition(&txn, order_id, from, to, now, |u| match stored_reason {
        Some(reason) => u.col_expr(order::Column::DeclineReason, Expr::value(reason)),
        None => u,
    })
    .await?;
    if !changed {
        return Err(DomainError::Conflict);
    }
    if !to.is_open() {
        release(&txn, &row, Some(&checkout.shopper_email), to).await?;
    }
    if to == OrderStatus::NotCollected {
        super::record_no_show(&txn, business_id, &checkout.shopper_email, now).await?;
    }
    tell_shopper(&txn, &row, &checkout, to, row.collect_by, reason, base_url, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(to)
}

/// Who answers a question: a member of the shop from the dashboard, or the e-mailed link.
pub enum Answerer<'a> {
    Member { actor: Option<&'a Actor>, business_id: i32 },
    Link(&'a str),
}

/// The order an e-mailed action link names, if it is still waiting for that action.
pub async fn by_action_link(
    db: &impl ConnectionTrait,
    token: &str,
    status: OrderStatus,
) -> Result<order::Model, DomainError> {
    if !looks_like_token(token) {
        return Err(DomainError::LinkExpired);
    }
    let row = order::Entity::find()
        .filter(order::Column::ActionDigest.eq(digest(token)))
        .one(db)
        .await?
        .ok_or(DomainError::LinkExpired)?;
    if status_of(&row) != status {
        return Err(DomainError::LinkExpired);
    }
    Ok(row)
}

/// The shop answers a question: `yes` keeps the product until `until` (a date from today to
/// [`ASK_DAYS`] days ahead, typed `YYYY-MM-DD`) and the question becomes an order; no declines
/// it, with an optional reason.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    db: &DatabaseConnection,
    who: Answerer<'_>,
    order_id: i32,
    yes: bool,
    until: &str,
    reason: &str,
    base_url: &str,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<OrderStatus, DomainError> {
    let txn = crate::db::begin_catalogue_write(db).await?;
    let row = match who {
        Answerer::Member { actor, business_id } => {
            authorize(&txn, actor, business_id, Need::EditListing).await?;
            let row = order::Entity::find_by_id(order_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
            if row.business_id != business_id || row.kind != "ask" {
                return Err(DomainError::NotFound);
            }
            row
        }
        Answerer::Link(token) => {
            let row = by_action_link(&txn, token, OrderStatus::Asked).await?;
            if row.id != order_id {
                return Err(DomainError::LinkExpired);
            }
            row
        }
    };
    let (_, checkout) = load(&txn, row.id).await?;
    let today = crate::clock::today_in_brussels(now);
    let (to, collect_by, reason) = if yes {
        let until = match NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") {
            Ok(date) if date >= today && date <= today + Duration::days(ASK_DAYS) => date,
            _ => return Err(DomainError::Invalid(vec![FieldProblem::with_limit("until", "date_out_of_range", ASK_DAYS as u32)])),
        };
        (OrderStatus::Accepted, until, None)
    } else {
        (OrderStatus::Declined, row.collect_by, check_reason(reason, false)?)
    };
    let stored_reason = reason.clone();
    let changed = transition(&txn, row.id, &[OrderStatus::Asked], to, now, |u| {
        let u = u
            .col_expr(order::Column::CollectBy, Expr::value(collect_by))
            .col_expr(order::Column::ActionDigest, Expr::value(Option::<String>::None));
        match stored_reason {
            Some(reason) => u.col_expr(order::Column::DeclineReason, Expr::value(reason)),
            None => u,
        }
    })
    .await?;
    if !changed {
        return Err(DomainError::Conflict);
    }
    if !to.is_open() {
        release(&txn, &row, Some(&checkout.shopper_email), to).await?;
    }
    tell_shopper(&txn, &row, &checkout, to, collect_by, reason, base_url, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(to)
}

/// The checkout an order page's token names.
pub async fn checkout_of_link(db: &impl ConnectionTrait, token: &str) -> Result<checkout::Model, DomainError> {
    if !looks_like_token(token) {
        return Err(DomainError::NotFound);
    }
    checkout::Entity::find()
        .filter(checkout::Column::TokenDigest.eq(digest(token)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The shopper cancels one order of their checkout (until the shop has prepared it).
pub async fn cancel(
    db: &DatabaseConnection,
    token: &str,
    order_id: i32,
    base_url: &str,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_catalogue_write(db).await?;
    let checkout = checkout_of_link(&txn, token).await?;
    let row = order::Entity::find_by_id(order_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    if row.checkout_id != checkout.id {
        return Err(DomainError::NotFound);
    }
    let cancellable: Vec<OrderStatus> = OrderStatus::ALL.into_iter().filter(|s| s.cancellable()).collect();
    if !transition(&txn, order_id, &cancellable, OrderStatus::Cancelled, now, |u| u).await? {
        return Err(DomainError::Conflict);
    }
    release(&txn, &row, Some(&checkout.shopper_email), OrderStatus::Cancelled).await?;
    tell_shopper(&txn, &row, &checkout, OrderStatus::Cancelled, row.collect_by, None, base_url, now).await?;
    // The shop may be preparing it; one it never saw (waiting for the shopper's confirmation) is
    // nothing to it.
    if status_of(&row) != OrderStatus::Unconfirmed {
        super::tell_shop(&txn, &row, &checkout.shopper_name, true, base_url, now).await?;
    }
    txn.commit().await?;
    notifier.wake();
    Ok(())
}

/// The shopper confirms an order held after no-shows: the shop sees it, and hears of it, from
/// now on.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    base_url: &str,
    now: DateTime<Utc>,
    notifier: &Notifier,
) -> Result<i32, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let row = by_action_link(&txn, token, OrderStatus::Unconfirmed).await?;
    // Past the hours the e-mail gives, or past the collection time, the link is dead even if
    // the hourly job has not lapsed the order yet.
    let expired = row.created_at + Duration::hours(super::CONFIRMATION_HOURS) <= now;
    if expired || row.pickup_at.is_some_and(|at| at <= now) {
        return Err(DomainError::LinkExpired);
    }
    let changed = transition(&txn, row.id, &[OrderStatus::Unconfirmed], OrderStatus::New, now, |u| {
        u.col_expr(order::Column::ActionDigest, Expr::value(Option::<String>::None))
    })
    .await?;
    if !changed {
        return Err(DomainError::LinkExpired);
    }
    let (_, checkout) = load(&txn, row.id).await?;
    super::tell_shop(&txn, &row, &checkout.shopper_name, false, base_url, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(row.id)
}
