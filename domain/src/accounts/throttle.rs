//! Login throttling, shared by every instance through the database.
//!
//! Failed logins are counted per key in a window of [`WINDOW`]: `account:<e-mail>` (whether or
//! not the address has an account, so the limit itself reveals nothing) and `ip:<address>`. Past
//! [`ACCOUNT_LIMIT`] failures for an address, or [`IP_LIMIT`] from one IP (a shop's several
//! phones share one address behind the same box, hence the higher limit), attempts are refused
//! without checking the password until the window ends. A successful login clears the account's
//! count. Counting is one upsert (`INSERT … ON CONFLICT DO UPDATE`), atomic on both databases, so
//! two instances cannot both let a tenth attempt through.
//!
//! Hand-written: the rate-limiting crates (governor, tower_governor) keep their counters in the
//! process's memory, which an attacker spreading attempts over instances would get around.

use chrono::{DateTime, Duration, Utc};
use entity::login_throttle;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::error::DomainError;

pub const WINDOW: Duration = Duration::minutes(15);
pub const ACCOUNT_LIMIT: i32 = 5;
pub const IP_LIMIT: i32 = 30;

pub fn account_key(email: &str) -> String {
    // Bounded: an absurd e-mail field must not make an absurd key.
    let email: String = email.trim().to_lowercase().chars().take(254).collect();
    format!("account:{email}")
}

pub fn ip_key(ip: &str) -> String {
    format!("ip:{}", ip.chars().take(64).collect::<String>())
}

fn limit_of(key: &str) -> i32 {
    if key.starts_with("ip:") {
        IP_LIMIT
    } else {
        ACCOUNT_LIMIT
    }
}

/// `Err(TooManyAttempts)` when any key is over its limit in the current window.
pub async fn check(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<(), DomainError> {
    let rows = login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.is_in(keys.iter().cloned()))
        .filter(login_throttle::Column::WindowStartedAt.gt(now - WINDOW))
        .all(db)
        .await?;
    let blocked_until = rows
        .iter()
        .filter(|row| row.failures >= limit_of(&row.key))
        .map(|row| row.window_started_at + WINDOW)
        .max();
    match blocked_until {
        Some(until) => {
            let secs = (until - now).num_seconds().clamp(1, WINDOW.num_seconds());
            Err(DomainError::TooManyAttempts { retry_after_secs: secs as u32 })
        }
        None => Ok(()),
    }
}

/// Counts one failure for each key (a new window when the last one is over).
pub async fn record_failure(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<(), DomainError> {
    let window_over = Expr::col((login_throttle::Entity, login_throttle::Column::WindowStartedAt)).lte(now - WINDOW);
    for key in keys {
        login_throttle::Entity::insert(login_throttle::ActiveModel {
            key: Set(key.clone()),
            failures: Set(1),
            window_started_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(login_throttle::Column::Key)
                .values([
                    (
                        login_throttle::Column::Failures,
                        Expr::case(window_over.clone(), Expr::val(1))
                            .finally(Expr::col((login_throttle::Entity, login_throttle::Column::Failures)).add(1))
                            .into(),
                    ),
                    (
                        login_throttle::Column::WindowStartedAt,
                        Expr::case(window_over.clone(), Expr::val(now))
                            .finally(Expr::col((login_throttle::Entity, login_throttle::Column::WindowStartedAt)))
                            .into(),
                    ),
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

/// After a successful login: the account's failures are forgotten (not the IP's).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DomainError> {
    login_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}
