//! The orders' periodic jobs, run by the housekeeping (`accounts::housekeeping`: once per hour
//! across instances, claimed in the database, so they survive restarts and never run twice):
//!
//! - [`lapse_due`]: an order not collected by the end of its last day (its collection day plus
//!   the shop's grace period, or the day a shop said it keeps a product until) lapses: its stock
//!   returns, it counts as a no-show of the address at that shop, and the shopper is told. An
//!   order waiting for its shopper's confirmation lapses after [`super::CONFIRMATION_HOURS`]
//!   hours, a question nobody answered after the day the shopper would have come (neither is a
//!   no-show).
//! - [`erase_due`]: 12 months after the last of a checkout's orders closed, the shopper's name,
//!   e-mail address and phone are erased, and the notes they wrote; what the shop sold (lines,
//!   totals, dates) stays for its figures. With them go the e-mails queued over 12 months ago
//!   (sent ones are purged within days; these are the ones given up, which name the shopper),
//!   the no-show counts not added to for 12 months, and the open-order counts back at zero
//!   (both kept by a digest of the address).

use chrono::{DateTime, Duration, Utc};
use common::orders::OrderStatus;
use entity::{checkout, email_outbox, no_show, order, shopper_count};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::{codes, release, status_of, transition};
use crate::error::DomainError;

/// How long personal data of a closed order is kept.
pub const KEEP_PERSONAL_DATA: Duration = Duration::days(365);
/// Orders one run handles at most (the next hour's run takes the rest).
const BATCH: u64 = 500;

/// Lapses the orders due at `now` (see the module doc), in `db` (the housekeeping's
/// transaction). Returns how many lapsed.
pub async fn lapse_due(db: &impl ConnectionTrait, base_url: &str, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let today = crate::clock::today_in_brussels(now);
    let waiting = [OrderStatus::New, OrderStatus::Accepted, OrderStatus::Ready, OrderStatus::Asked];
    let mut due = order::Entity::find()
        .filter(order::Column::Status.is_in(codes(&waiting)))
        .filter(order::Column::CollectBy.lt(today))
        .limit(BATCH)
        .all(db)
        .await?;
    due.extend(
        order::Entity::find()
            .filter(order::Column::Status.eq(OrderStatus::Unconfirmed.code()))
            .filter(order::Column::CreatedAt.lte(now - Duration::hours(super::CONFIRMATION_HOURS)))
            .limit(BATCH)
            .all(db)
            .await?,
    );
    if !due.is_empty() {
        // Stock comes back: the catalogue's version first (see `data_version::lock_catalogue`).
        crate::data_version::lock_catalogue(db).await?;
    }
    let mut lapsed = 0;
    for row in due {
        let from = status_of(&row);
        if !transition(db, row.id, &[from], OrderStatus::Lapsed, now, |u| {
            u.col_expr(order::Column::ActionDigest, Expr::value(Option::<String>::None))
        })
        .await?
        {
            continue;
        }
        let checkout = checkout::Entity::find_by_id(row.checkout_id).one(db).await?;
        let email = checkout.as_ref().map(|c| c.shopper_email.clone()).unwrap_or_default();
        release(db, &row, Some(&email), OrderStatus::Lapsed).await?;
        if matches!(from, OrderStatus::New | OrderStatus::Accepted | OrderStatus::Ready) {
            super::record_no_show(db, row.business_id, &email, now).await?;
        }
        if let Some(checkout) = checkout {
            super::flow::tell_shopper(db, &row, &checkout, OrderStatus::Lapsed, row.collect_by, None, base_url, now).await?;
        }
        lapsed += 1;
    }
    Ok(lapsed)
}

/// Erases the personal data of checkouts whose orders all closed more than
/// [`KEEP_PERSONAL_DATA`] ago. Returns how many checkouts were erased.
pub async fn erase_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let before = now - KEEP_PERSONAL_DATA;
    email_outbox::Entity::delete_many().filter(email_outbox::Column::CreatedAt.lte(before)).exec(db).await?;
    no_show::Entity::delete_many().filter(no_show::Column::LastAt.lte(before)).exec(db).await?;
    shopper_count::Entity::delete_many().filter(shopper_count::Column::OpenOrders.lte(0)).exec(db).await?;
    let open = codes(&OrderStatus::OPEN);
    // Checkouts not erased yet that have no order open or closed within the period.
    let recent: Vec<i32> = order::Entity::find()
        .select_only()
        .column(order::Column::CheckoutId)
        .filter(Condition::any().add(order::Column::Status.is_in(open)).add(order::Column::StatusAt.gt(before)))
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let candidates: Vec<i32> = checkout::Entity::find()
        .select_only()
        .column(checkout::Column::Id)
        .filter(checkout::Column::ErasedAt.is_null())
        .filter(checkout::Column::CreatedAt.lte(before))
        .limit(BATCH)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .filter(|id| !recent.contains(id))
        .collect();
    if candidates.is_empty() {
        return Ok(0);
    }
    let erased = checkout::Entity::update_many()
        .set(checkout::ActiveModel {
            shopper_name: Set(String::new()),
            shopper_email: Set(String::new()),
            shopper_phone: Set(None),
            erased_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(checkout::Column::Id.is_in(candidates.clone()))
        .exec(db)
        .await?
        .rows_affected;
    order::Entity::update_many()
        .col_expr(order::Column::Message, Expr::value(""))
        .col_expr(order::Column::DeclineReason, Expr::value(Option::<String>::None))
        .filter(order::Column::CheckoutId.is_in(candidates))
        .exec(db)
        .await?;
    Ok(erased)
}
