//! Throttling of logins, password-reset requests and follow subscriptions, shared by every
//! instance through the database.
//!
//! # Counted before checked
//!
//! Every attempt is counted first, by one statement per key that adds it and returns the new
//! count (`INSERT … ON CONFLICT (key) DO UPDATE SET failures = … RETURNING`, atomic on SQLite and
//! PostgreSQL alike); the attempt goes on only if no count is over its limit. Forty attempts sent
//! at the same instant, to one instance or to several, are therefore numbered 1 to 40 by the
//! database, and only the first `limit` of them reach the password check: the right password sent
//! among them is refused like the others once the limit is passed. Each key has a fixed window of
//! [`WINDOW`] from its first attempt; the count starts again after it.
//!
//! # The login's limits (who can lock whom out)
//!
//! A login counts against three keys, as OWASP's authentication cheat sheet recommends, so that
//! guessing stays slow while a stranger cannot keep the owner of an address out:
//! - [`PAIR_LIMIT`] attempts per address **from one client network** (the client's IPv4 address,
//!   or its IPv6 /64, see [`client_network`]): the tight limit on guessing one password. A
//!   stranger's failures from elsewhere do not count against the owner's own network.
//! - [`IP_LIMIT`] attempts per client network, whatever the addresses: one client trying many
//!   addresses (a shop's several phones share one address behind the same box, hence higher).
//! - [`ACCOUNT_LIMIT`] attempts per address over all clients: a distributed guess (many
//!   addresses, a botnet) is still bounded, at a level no owner reaches by mistyping.
//!
//! A successful login clears the address's counts (pair and account) and takes its own attempt
//! back from the network's count. Whatever the counts, the password-reset form keeps working
//! (its own key): an owner locked out by a distributed guess gets a link by e-mail that sets a
//! new password and signs them in.
//!
//! Hand-written: the rate-limiting crates (governor, tower_governor) keep their counters in the
//! process's memory, which an attacker spreading attempts over instances would get around.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use entity::login_throttle;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::error::DomainError;

pub const WINDOW: Duration = Duration::minutes(15);
/// Login attempts per address from one client network in a window.
pub const PAIR_LIMIT: i32 = 5;
/// Login attempts per client network in a window, whatever the addresses.
pub const IP_LIMIT: i32 = 30;
/// Login attempts per address in a window, over all clients.
pub const ACCOUNT_LIMIT: i32 = 50;
/// Password-reset e-mails per address in a window.
pub const RESET_LIMIT: i32 = 5;

/// The network a client is counted by: an IPv4 address as is, an IPv6 address by its /64 (one
/// household or phone gets a whole /64, and can pick any address in it), an IPv4-mapped IPv6
/// address as its IPv4. Anything unreadable is kept as given, bounded.
pub fn client_network(ip: &str) -> String {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        Err(_) => ip.chars().take(64).collect(),
    }
}

fn bounded_email(email: &str) -> String {
    // Bounded: an absurd e-mail field must not make an absurd key.
    email.trim().to_lowercase().chars().take(254).collect()
}

/// The address's key, over all clients.
pub fn account_key(email: &str) -> String {
    format!("account:{}", bounded_email(email))
}

/// The key of an address tried from one client network.
pub fn pair_key(email: &str, ip: &str) -> String {
    format!("login:{}|{}", client_network(ip), bounded_email(email))
}

/// The key of a client network.
pub fn ip_key(ip: &str) -> String {
    format!("ip:{}", client_network(ip))
}

/// The key of password-reset requests for an address.
pub fn reset_key(email: &str) -> String {
    format!("reset:{}", bounded_email(email))
}

/// The three keys a login counts against, with their limits (see the module doc).
pub fn login_keys(email: &str, ip: &str) -> [(String, i32); 3] {
    [(pair_key(email, ip), PAIR_LIMIT), (ip_key(ip), IP_LIMIT), (account_key(email), ACCOUNT_LIMIT)]
}

/// Counts one attempt against `key` and returns the count in the current window and when that
/// window started: one statement, so concurrent attempts (any instance) get distinct counts.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(i32, DateTime<Utc>), DomainError> {
    let window_over = Expr::col((login_throttle::Entity, login_throttle::Column::WindowStartedAt)).lte(now - WINDOW);
    let row = login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
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
                    Expr::case(window_over, Expr::val(now))
                        .finally(Expr::col((login_throttle::Entity, login_throttle::Column::WindowStartedAt)))
                        .into(),
                ),
            ])
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok((row.failures, row.window_started_at))
}

/// Counts one attempt against each key, in order; `Err(TooManyAttempts)` at the first key whose
/// count is now over its limit (the attempt must then stop there, before any password check or
/// e-mail). The keys after it are not counted: attempts refused by a narrow limit (one client)
/// do not use up a wider one (the address over all clients).
pub async fn attempt(db: &impl ConnectionTrait, keys: &[(String, i32)], now: DateTime<Utc>) -> Result<(), DomainError> {
    for (key, limit) in keys {
        let (count, started) = hit(db, key, now).await?;
        if count > *limit {
            let secs = (started + WINDOW - now).num_seconds().clamp(1, WINDOW.num_seconds());
            return Err(DomainError::TooManyAttempts { retry_after_secs: secs as u32 });
        }
    }
    Ok(())
}

/// Forgets a key's attempts (the address's, after a successful login).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DomainError> {
    login_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// Takes one attempt back from a key (a successful login's own attempt, from its network's count).
pub async fn take_back(db: &impl ConnectionTrait, key: &str) -> Result<(), DomainError> {
    login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::Failures, Expr::col(login_throttle::Column::Failures).sub(1))
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the rows whose window ended before `now` (they count nothing any more). Returns how many.
pub async fn purge_ended(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let result = login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::WindowStartedAt.lte(now - WINDOW))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_counted_by_ipv4_address_or_ipv6_64() {
        assert_eq!(client_network("203.0.113.7"), "203.0.113.7");
        assert_eq!(client_network("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(client_network("2001:db8:1:2:bbbb:cccc:dddd:eeee"), "2001:db8:1:2::/64");
        assert_ne!(client_network("2001:db8:1:3::1"), client_network("2001:db8:1:2::1"));
        assert_eq!(client_network("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(client_network(""), "");
        assert_eq!(client_network(&"x".repeat(500)).len(), 64);
        assert_eq!(pair_key(" Marie@X.be ", "2001:db8::5"), "login:2001:db8::/64|marie@x.be");
    }
}
