//! The periodic clean-ups of accounts' tables, run by the server every few minutes
//! (`server/src/housekeeping.rs`) with the injected clock:
//!
//! - `sessions`: rows of sessions ended by inactivity or age ([`super::sessions::purge_ended`]);
//! - `throttle`: throttle rows whose window is over ([`super::throttle::purge_ended`]);
//! - `links`: unsent e-mails whose link is dead ([`crate::mail::erase_dead_links`]), then links
//!   expired for over [`KEEP_DEAD_LINKS`] (used and revoked ones included);
//! - `orders`: orders left uncollected lapse ([`crate::orders::jobs::lapse_due`]; `base_url`
//!   makes their e-mails' links absolute), baskets untouched for a month go;
//! - `order_data`: shoppers' personal data erased 12 months after their orders closed
//!   ([`crate::orders::jobs::erase_due`]).
//!
//! Each job runs once per hour (UTC) across instances: its run is claimed by inserting the
//! `housekeeping_runs` row of (job, hour), whose primary key lets one instance in, in the same
//! transaction as the clean-up (a failed clean-up leaves no claim and is tried again at the next
//! call). Claims older than [`KEEP_CLAIMS`] are deleted by the `sessions` job.

use chrono::{DateTime, Duration, Utc};
use entity::{auth_token, housekeeping_run};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use crate::error::DomainError;

/// How long a dead link's row is kept after it expired.
pub const KEEP_DEAD_LINKS: Duration = Duration::days(1);
/// How long the record of a run is kept.
pub const KEEP_CLAIMS: Duration = Duration::days(30);

/// The clean-ups, by name.
pub const JOBS: [&str; 5] = ["sessions", "throttle", "links", "orders", "order_data"];

/// A job this call ran, and the rows it removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ran {
    pub job: &'static str,
    pub removed: u64,
}

/// The period a run at `now` belongs to: its hour, in UTC.
pub fn period_of(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H").to_string()
}

/// Runs each job whose run for the current hour nobody has claimed yet; returns the jobs run here.
pub async fn run_due(db: &DatabaseConnection, base_url: &str, now: DateTime<Utc>) -> Result<Vec<Ran>, DomainError> {
    let period = period_of(now);
    let mut ran = Vec::new();
    for job in JOBS {
        // Cheap check first: most calls find the hour's run done, without taking the write lock.
        if housekeeping_run::Entity::find_by_id((job.to_owned(), period.clone())).one(db).await?.is_some() {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        let claimed = housekeeping_run::Entity::insert(housekeeping_run::ActiveModel {
            job: Set(job.to_owned()),
            period: Set(period.clone()),
            ran_at: Set(now),
            removed: Set(0),
        })
        .on_conflict(
            OnConflict::columns([housekeeping_run::Column::Job, housekeeping_run::Column::Period])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if claimed == 0 {
            continue;
        }
        let removed = clean(&txn, job, base_url, now).await?;
        housekeeping_run::Entity::update_many()
            .col_expr(housekeeping_run::Column::Removed, sea_orm::sea_query::Expr::value(removed as i64))
            .filter(housekeeping_run::Column::Job.eq(job))
            .filter(housekeeping_run::Column::Period.eq(period.clone()))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        ran.push(Ran { job, removed });
    }
    Ok(ran)
}

async fn clean(txn: &DatabaseTransaction, job: &str, base_url: &str, now: DateTime<Utc>) -> Result<u64, DomainError> {
    match job {
        "sessions" => {
            housekeeping_run::Entity::delete_many()
                .filter(housekeeping_run::Column::RanAt.lt(now - KEEP_CLAIMS))
                .exec(txn)
                .await?;
            super::sessions::purge_ended(txn, now).await
        }
        "throttle" => super::throttle::purge_ended(txn, now).await,
        "links" => {
            let emails = crate::mail::erase_dead_links(txn, now).await?;
            let links = auth_token::Entity::delete_many()
                .filter(auth_token::Column::ExpiresAt.lte(now - KEEP_DEAD_LINKS))
                .exec(txn)
                .await?;
            Ok(emails + links.rows_affected)
        }
        // Lapsed orders (their e-mails link to the order page) and old baskets.
        "orders" => {
            let lapsed = crate::orders::jobs::lapse_due(txn, base_url, now).await?;
            Ok(lapsed + crate::orders::basket::purge_old(txn, now).await?)
        }
        "order_data" => crate::orders::jobs::erase_due(txn, now).await,
        other => Err(DomainError::Internal(format!("unknown housekeeping job {other}"))),
    }
}
