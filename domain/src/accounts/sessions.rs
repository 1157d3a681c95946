//! Server-side sessions, stored in the database so that any instance serves any session.
//!
//! The browser's cookie holds a random token ([`super::tokens`]); the `sessions` row is keyed by
//! its SHA-256. A session ends at the first of:
//! - [`INACTIVITY`] without a request (a shop's phone left logged in for weeks),
//! - [`ABSOLUTE`] after login, whatever the activity,
//! - logout (its row is deleted), "log out everywhere" or a password change (every row of the
//!   account is deleted and `accounts.sessions_valid_after` moves, so a session being created
//!   concurrently is refused too; the account's open e-mailed links are revoked as well).
//!
//! Why not tower-sessions: its expiry reads the system clock, which the tests could not fix
//! (every rule here takes the injected `now`), its store has no index by account for "log out
//! everywhere", and all a session holds here is an account id.
//!
//! `last_seen_at` is written at most every [`TOUCH_EVERY`], not on every request.

use chrono::{DateTime, Duration, Utc};
use entity::{account, session};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::tokens::{digest, looks_like_token, random_token};
use crate::error::DomainError;

pub const INACTIVITY: Duration = Duration::days(7);
pub const ABSOLUTE: Duration = Duration::days(30);
pub const TOUCH_EVERY: Duration = Duration::minutes(5);

/// A new session for an account: returns the token for the cookie.
pub async fn start(db: &impl ConnectionTrait, account_id: i32, now: DateTime<Utc>) -> Result<String, DomainError> {
    let token = random_token();
    session::ActiveModel {
        id: Set(digest(&token)),
        account_id: Set(account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The account behind a cookie's token, if its session is still valid (and notes the activity).
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<account::Model>, DomainError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let id = digest(token);
    let Some(row) = session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    let Some(owner) = account::Entity::find_by_id(row.account_id).one(db).await? else {
        return Ok(None);
    };
    let valid =
        row.expires_at > now && row.last_seen_at + INACTIVITY > now && row.created_at >= owner.sessions_valid_after;
    if !valid {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(Some(owner))
}

/// Logout: ends this session.
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), DomainError> {
    if looks_like_token(token) {
        session::Entity::delete_by_id(digest(token)).exec(db).await?;
    }
    Ok(())
}

/// Log out everywhere: ends every session of the account, on every instance, and revokes its
/// open password-reset and address-change links (their unsent e-mails are erased): whoever had
/// the phone or the password may have asked for one.
pub async fn end_all(db: &impl ConnectionTrait, account_id: i32, now: DateTime<Utc>) -> Result<(), DomainError> {
    session::Entity::delete_many().filter(session::Column::AccountId.eq(account_id)).exec(db).await?;
    super::revoke_open_links(db, account_id, now).await?;
    account::Entity::update_many()
        .col_expr(account::Column::SessionsValidAfter, sea_orm::sea_query::Expr::value(now))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// How many sessions an account has open (shown on the account page).
pub async fn count(db: &impl ConnectionTrait, account_id: i32, now: DateTime<Utc>) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - INACTIVITY))
        .count(db)
        .await?)
}

/// Deletes the rows of ended sessions (run from time to time by the server).
pub async fn purge_ended(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now).or(session::Column::LastSeenAt.lte(now - INACTIVITY)))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
