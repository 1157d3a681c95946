//! The merchant's statistics (issue 7, "proof of value"): daily counts of profile views and of
//! clicks on a business's phone, e-mail, website, social and directions links.
//!
//! Writing: each server instance adds up what happens in memory and hands its counts here every
//! few seconds ([`record_batch`]); each count is added to its row with one upsert
//! (`INSERT … ON CONFLICT (business_id, day, kind) DO UPDATE SET count = count + excluded.count`,
//! the same SQL on SQLite and PostgreSQL), so instances sharing one database never lose each
//! other's counts and no row is read first. The table has no data-version trigger: statistics
//! never flush the directory's caches.
//!
//! Reading: [`series`] gives the merchant (staff, owner, or a town administrator: the people who
//! may edit the listing) a dense series per kind over 7, 30 or 90 days, zeros included, with the
//! totals of the period and of the same number of days just before it.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::stats::{Kind, Period, Series, StatsView};
use entity::{business, daily_count};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;
use crate::hours::day_of;

/// Rows per `INSERT`: 4 values each, far below SQLite's limit on bound parameters.
const ROWS_PER_STATEMENT: usize = 500;

/// Adds each `(business_id, day, kind, n)` to its daily count, all or nothing (one transaction).
///
/// Counts of businesses that no longer exist are dropped (the page was counted just before the
/// business was deleted; its statistics went with it). Rows are written in key order, so two
/// instances flushing overlapping counts at once on PostgreSQL lock the rows in the same order
/// and never deadlock. Zero counts are skipped.
pub async fn record_batch(db: &DatabaseConnection, counts: &[(i32, NaiveDate, Kind, u32)]) -> Result<(), DomainError> {
    // Merged by key: one row may appear only once per `INSERT … ON CONFLICT` on PostgreSQL.
    let mut merged: BTreeMap<(i32, NaiveDate, &'static str), u64> = BTreeMap::new();
    for &(business_id, day, kind, n) in counts.iter().filter(|c| c.3 > 0) {
        *merged.entry((business_id, day, kind.key())).or_default() += u64::from(n);
    }
    if merged.is_empty() {
        return Ok(());
    }
    let ids: HashSet<i32> = merged.keys().map(|(id, _, _)| *id).collect();
    let existing: HashSet<i32> = business::Entity::find()
        .select_only()
        .column(business::Column::Id)
        .filter(business::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<daily_count::ActiveModel> = merged
        .into_iter()
        .filter(|((id, _, _), _)| existing.contains(id))
        .map(|((business_id, day, kind), n)| daily_count::ActiveModel {
            business_id: Set(business_id),
            day: Set(day),
            kind: Set(kind.to_owned()),
            count: Set(i32::try_from(n).unwrap_or(i32::MAX)),
        })
        .collect();
    let txn = crate::db::begin_write(db).await?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        daily_count::Entity::insert_many(chunk.iter().cloned())
            .on_conflict(
                OnConflict::columns([
                    daily_count::Column::BusinessId,
                    daily_count::Column::Day,
                    daily_count::Column::Kind,
                ])
                .value(
                    daily_count::Column::Count,
                    Expr::col((daily_count::Entity, daily_count::Column::Count))
                        .add(Expr::col((Alias::new("excluded"), daily_count::Column::Count))),
                )
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The statistics of a business over `period` ending today (local date of `now`), for those who
/// may edit its listing.
pub async fn series(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    period: Period,
    now: DateTime<Utc>,
) -> Result<StatsView, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let today = crate::clock::today_in_brussels(now);
    let length = i64::from(period.days());
    let first = today - Duration::days(length - 1);
    let previous_first = first - Duration::days(length);
    let rows = daily_count::Entity::find()
        .filter(daily_count::Column::BusinessId.eq(business_id))
        .filter(daily_count::Column::Day.gte(previous_first))
        .filter(daily_count::Column::Day.lte(today))
        .all(db)
        .await?;
    let mut by_key: HashMap<(NaiveDate, Kind), u32> = HashMap::new();
    for row in rows {
        // A kind this version does not know (written by a newer one) is not shown.
        if let Some(kind) = Kind::from_key(&row.kind) {
            *by_key.entry((row.day, kind)).or_default() += u32::try_from(row.count).unwrap_or(0);
        }
    }
    let dates: Vec<NaiveDate> = (0..length).map(|offset| first + Duration::days(offset)).collect();
    let series = Kind::ALL
        .into_iter()
        .map(|kind| {
            let counts: Vec<u32> = dates.iter().map(|day| by_key.get(&(*day, kind)).copied().unwrap_or(0)).collect();
            let previous_total = (0..length)
                .map(|offset| by_key.get(&(previous_first + Duration::days(offset), kind)).copied().unwrap_or(0))
                .map(u64::from)
                .sum();
            Series { kind, total: counts.iter().copied().map(u64::from).sum(), counts, previous_total }
        })
        .collect();
    let figures = crate::orders::read::figures(db, actor, business_id, first, today).await?;
    Ok(StatsView {
        business_id,
        name: access.business.name,
        period,
        days: dates.into_iter().map(day_of).collect(),
        series,
        reservations: common::stats::Reservations {
            made: figures.made,
            collected: figures.collected,
            collected_cents: figures.collected_cents,
        },
    })
}

/// The business of offer `offer_id`, if it exists: what an offer page's view or shared link
/// counts for (the server keeps the answers in memory: an offer never changes business).
pub async fn business_of_offer(db: &impl ConnectionTrait, offer_id: i32) -> Result<Option<i32>, DomainError> {
    Ok(entity::offer::Entity::find_by_id(offer_id)
        .select_only()
        .column(entity::offer::Column::BusinessId)
        .into_tuple::<i32>()
        .one(db)
        .await?)
}
