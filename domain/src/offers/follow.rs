//! Following offers by e-mail (issue 8): subscribing with double opt-in, confirming, and the
//! one-click unsubscribe. The weekly e-mail itself is [`super::digest`].
//!
//! # What is kept
//!
//! Only the address (lower case), its language and its choices (every shop, or the shops of
//! `offer_subscriptions`; weekly or daily e-mails), plus two secrets: the SHA-256 of the pending confirmation link's token,
//! and the unsubscribe key every digest prints. Unsubscribing deletes the row (and its choices,
//! by cascade): nothing about the person stays.
//!
//! # The rules of subscribing
//!
//! An address has at most one confirmation link outstanding. [`subscribe`]:
//! - unknown address: stores it unconfirmed with its choices and queues one confirmation e-mail;
//! - an outstanding link (not yet used, not expired, [`CONFIRM_VALID_HOURS`]): does nothing at all,
//!   no second e-mail, whoever asks and whatever they chose. A typo in the choices is fixed by
//!   using the link received, then subscribing again;
//! - a confirmed address without an outstanding link: its choices and language stay as they are,
//!   and one e-mail asks to confirm the *new* choices. They travel in the link's token itself
//!   ([`Pending`], covered by the stored hash, so they cannot be edited in the URL): someone who
//!   types another person's address can neither change nor stop what that person receives;
//! - an unconfirmed address whose link expired: starts again (new choices, new link).
//!
//! Whatever happened, the visitor sees the same answer ("check your inbox"), so the form does not
//! tell whether an address is known. An address therefore receives at most one confirmation
//! e-mail per [`CONFIRM_VALID_HOURS`] unless its owner uses the links; on top of that, each IP may
//! ask [`IP_LIMIT`] times per [`crate::accounts::throttle::WINDOW`] (the login throttle's
//! table and counting, under a `follow:` key; an IPv6 client by its /64), counted before the
//! request is looked at, so the form cannot be used to flood inboxes.
//!
//! # Links
//!
//! The confirmation link opens a page whose button confirms (a POST, like every e-mailed link:
//! mail scanners that open links confirm nothing). A used or unknown token is `NotFound` (404), an
//! expired one `LinkExpired` (410). The unsubscribe key is random, kept in clear (every digest
//! prints it again) and can do only one thing: delete the subscription.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use common::values::Email;
use common::Lang;
use entity::{business, offer_subscriber, offer_subscription};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};

use crate::accounts::throttle;
use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::db::begin_write;
use crate::directory::published;
use crate::error::DomainError;
use crate::mail::{self, Message, Template};

/// How long a confirmation link works.
pub const CONFIRM_VALID_HOURS: i64 = 48;
/// Subscriptions asked from one IP per throttle window (a family or an office shares an address).
pub const IP_LIMIT: i32 = 30;
/// The most shops one subscription may choose (a form lists each; more is not a person).
pub const MAX_CHOSEN: usize = 200;

/// The page that confirms (its button POSTs the token back).
pub const CONFIRM_PATH: &str = "/offres/confirmer";
/// The page that unsubscribes, and the one-click target of `List-Unsubscribe`.
pub const UNSUBSCRIBE_PATH: &str = "/offres/desabonnement";

/// How often a follower hears of new offers ([`super::digest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    /// The Monday digest.
    #[default]
    Weekly,
    /// As soon as offers are published, at most one e-mail a day.
    Daily,
}

impl Frequency {
    /// The stored and posted name (`offer_subscribers.frequency`, the form's `frequence`).
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Daily => "daily",
        }
    }

    pub fn parse(text: &str) -> Option<Frequency> {
        match text {
            "weekly" => Some(Frequency::Weekly),
            "daily" => Some(Frequency::Daily),
            _ => None,
        }
    }
}

/// Which shops' offers a subscriber receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    All,
    /// At least one business id (checked by [`subscribe`]).
    Businesses(BTreeSet<i32>),
}

/// What a pending confirmation will set: written into the token after the random part, so the
/// stored hash covers it (`<43 random chars>.<lang>.<a | id-id-…>.<w | d>`; links sent before the
/// frequency existed end after the choice and mean weekly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub lang: Lang,
    pub choice: Choice,
    pub frequency: Frequency,
}

impl Pending {
    fn encode(&self, random: &str) -> String {
        let choice = match &self.choice {
            Choice::All => "a".to_string(),
            Choice::Businesses(ids) => ids.iter().map(i32::to_string).collect::<Vec<_>>().join("-"),
        };
        let frequency = match self.frequency {
            Frequency::Weekly => "w",
            Frequency::Daily => "d",
        };
        format!("{random}.{}.{choice}.{frequency}", self.lang.code())
    }

    /// Reads a token; `None` for anything that is not one of ours (refused before any query).
    fn decode(token: &str) -> Option<Pending> {
        if token.len() > 43 + 6 + MAX_CHOSEN * 11 {
            return None;
        }
        let mut parts = token.splitn(4, '.');
        let (random, lang, choice) = (parts.next()?, parts.next()?, parts.next()?);
        let frequency = match parts.next() {
            None | Some("w") => Frequency::Weekly,
            Some("d") => Frequency::Daily,
            Some(_) => return None,
        };
        if !looks_like_token(random) {
            return None;
        }
        let lang = Lang::from_code(lang)?;
        let choice = if choice == "a" {
            Choice::All
        } else {
            let ids: Option<BTreeSet<i32>> = choice.split('-').map(|id| id.parse().ok().filter(|&id| id > 0)).collect();
            let ids = ids?;
            if ids.is_empty() || ids.len() > MAX_CHOSEN {
                return None;
            }
            Choice::Businesses(ids)
        };
        Some(Pending { lang, choice, frequency })
    }
}

/// What [`subscribe`] did. The visitor is told the same thing in every case; this is for tests
/// and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// A confirmation e-mail is queued.
    ConfirmationQueued,
    /// A link is already outstanding for this address: nothing sent, nothing changed.
    AlreadyPending,
}

/// Normalises an address typed in the form (lower case, as the accounts do).
pub fn parse_email(text: &str) -> Result<Email, DomainError> {
    Email::parse(&text.trim().to_lowercase()).map_err(|_| DomainError::field("email", "email_invalid"))
}

fn throttle_key(ip: &str) -> String {
    format!("follow:{}", throttle::client_network(ip))
}

/// Checks that the chosen businesses exist and are public.
async fn check_choice(db: &impl ConnectionTrait, choice: &Choice) -> Result<(), DomainError> {
    if let Choice::Businesses(ids) = choice {
        if ids.is_empty() {
            return Err(DomainError::field("commerces", "required"));
        }
        if ids.len() > MAX_CHOSEN {
            return Err(DomainError::field("commerces", "too_many"));
        }
        let found: Vec<i32> = business::Entity::find()
            .select_only()
            .column(business::Column::Id)
            .filter(published())
            .filter(business::Column::Id.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        if found.len() != ids.len() {
            return Err(DomainError::field("commerces", "unknown_business"));
        }
    }
    Ok(())
}

/// The public businesses' ids and names, by name: what the form offers to choose from.
pub async fn choosable(db: &impl ConnectionTrait) -> Result<Vec<(i32, String, String)>, DomainError> {
    use sea_orm::QueryOrder;
    Ok(business::Entity::find()
        .select_only()
        .column(business::Column::Id)
        .column(business::Column::Slug)
        .column(business::Column::Name)
        .filter(published())
        .order_by_asc(business::Column::SortName)
        .into_tuple()
        .all(db)
        .await?)
}

async fn write_choice(db: &impl ConnectionTrait, subscriber_id: i32, choice: &Choice) -> Result<(), DomainError> {
    offer_subscription::Entity::delete_many()
        .filter(offer_subscription::Column::SubscriberId.eq(subscriber_id))
        .exec(db)
        .await?;
    if let Choice::Businesses(ids) = choice {
        // Businesses unpublished or deleted since the link was sent are skipped.
        let still: Vec<i32> = business::Entity::find()
            .select_only()
            .column(business::Column::Id)
            .filter(business::Column::Id.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        if !still.is_empty() {
            offer_subscription::Entity::insert_many(still.into_iter().map(|business_id| {
                offer_subscription::ActiveModel { subscriber_id: Set(subscriber_id), business_id: Set(business_id) }
            }))
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

/// Asks to follow offers (see the module doc for every case). `base_url` makes the link absolute;
/// `ip` is the visitor's, for the throttle. Queues at most one e-mail.
#[allow(clippy::too_many_arguments)]
pub async fn subscribe(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    base_url: &str,
    email: &Email,
    lang: Lang,
    choice: Choice,
    frequency: Frequency,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<Subscribed, DomainError> {
    // Counted before anything else, in one statement: concurrent requests cannot all pass.
    throttle::attempt(db, &[(throttle_key(ip), IP_LIMIT)], now).await?;
    check_choice(db, &choice).await?;
    let txn = begin_write(db).await?;
    let address = email.as_str().to_lowercase();
    let existing =
        offer_subscriber::Entity::find().filter(offer_subscriber::Column::Email.eq(&address)).one(&txn).await?;
    if let Some(row) = &existing {
        if row.confirm_hash.is_some() && row.confirm_expires_at > now {
            txn.commit().await?;
            return Ok(Subscribed::AlreadyPending);
        }
    }
    let pending = Pending { lang, choice, frequency };
    let token = pending.encode(&random_token());
    let expires = now + Duration::hours(CONFIRM_VALID_HOURS);
    let change = match existing {
        Some(row) if row.confirmed_at.is_some() => {
            // Confirmed: only the link changes; the choices wait for the confirmation.
            offer_subscriber::Entity::update_many()
                .col_expr(offer_subscriber::Column::ConfirmHash, Some(digest(&token)).into())
                .col_expr(offer_subscriber::Column::ConfirmExpiresAt, expires.into())
                .filter(offer_subscriber::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
            true
        }
        Some(row) => {
            // Never confirmed and its link expired: start again.
            offer_subscriber::Entity::update_many()
                .col_expr(offer_subscriber::Column::ConfirmHash, Some(digest(&token)).into())
                .col_expr(offer_subscriber::Column::ConfirmExpiresAt, expires.into())
                .col_expr(offer_subscriber::Column::Language, lang.code().into())
                .col_expr(offer_subscriber::Column::AllBusinesses, (pending.choice == Choice::All).into())
                .col_expr(offer_subscriber::Column::Frequency, frequency.code().into())
                .filter(offer_subscriber::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
            write_choice(&txn, row.id, &pending.choice).await?;
            false
        }
        None => {
            let id = offer_subscriber::Entity::insert(offer_subscriber::ActiveModel {
                id: NotSet,
                email: Set(address.clone()),
                language: Set(lang.code().to_string()),
                all_businesses: Set(pending.choice == Choice::All),
                confirm_hash: Set(Some(digest(&token))),
                confirm_expires_at: Set(expires),
                confirmed_at: Set(None),
                unsubscribe_key: Set(random_token()),
                created_at: Set(now),
                frequency: Set(frequency.code().to_string()),
                daily_sent_at: Set(None),
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            write_choice(&txn, id, &pending.choice).await?;
            false
        }
    };
    let link = format!("{base_url}{}?jeton={token}", lang.localize(CONFIRM_PATH));
    let message = Message {
        to: email.clone(),
        lang,
        template: Template::FollowConfirm { link, change, hours_valid: CONFIRM_VALID_HOURS as u32 },
    };
    mail::enqueue(&txn, &message, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(Subscribed::ConfirmationQueued)
}

/// What a confirmation set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub lang: Lang,
    pub all_businesses: bool,
    /// The chosen shops' names, by name (empty for every shop).
    pub businesses: Vec<String>,
    pub unsubscribe_key: String,
    pub frequency: Frequency,
}

/// Whether `token` is a live confirmation link (for the page that shows the button): `Ok` with
/// what it would set, `NotFound` for an unknown or used link, `LinkExpired` past its time.
pub async fn check_token(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Pending, DomainError> {
    let pending = Pending::decode(token).ok_or(DomainError::NotFound)?;
    let row = offer_subscriber::Entity::find()
        .filter(offer_subscriber::Column::ConfirmHash.eq(digest(token)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if row.confirm_expires_at <= now {
        return Err(DomainError::LinkExpired);
    }
    Ok(pending)
}

/// Uses a confirmation link: the subscription is confirmed with the link's language and choices,
/// and the link is spent.
pub async fn confirm(db: &DatabaseConnection, token: &str, now: DateTime<Utc>) -> Result<Confirmed, DomainError> {
    let pending = Pending::decode(token).ok_or(DomainError::NotFound)?;
    let txn = begin_write(db).await?;
    let row = offer_subscriber::Entity::find()
        .filter(offer_subscriber::Column::ConfirmHash.eq(digest(token)))
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if row.confirm_expires_at <= now {
        return Err(DomainError::LinkExpired);
    }
    // Spent in the same statement that checks it: of two clicks, one confirms.
    let spent = offer_subscriber::Entity::update_many()
        .col_expr(offer_subscriber::Column::ConfirmHash, Option::<String>::None.into())
        .col_expr(offer_subscriber::Column::ConfirmedAt, Some(row.confirmed_at.unwrap_or(now)).into())
        .col_expr(offer_subscriber::Column::Language, pending.lang.code().into())
        .col_expr(offer_subscriber::Column::AllBusinesses, (pending.choice == Choice::All).into())
        .col_expr(offer_subscriber::Column::Frequency, pending.frequency.code().into())
        .filter(offer_subscriber::Column::Id.eq(row.id))
        .filter(offer_subscriber::Column::ConfirmHash.eq(digest(token)))
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(DomainError::NotFound);
    }
    write_choice(&txn, row.id, &pending.choice).await?;
    let businesses = match &pending.choice {
        Choice::All => Vec::new(),
        Choice::Businesses(_) => {
            use sea_orm::QueryOrder;
            let ids: Vec<i32> = offer_subscription::Entity::find()
                .select_only()
                .column(offer_subscription::Column::BusinessId)
                .filter(offer_subscription::Column::SubscriberId.eq(row.id))
                .into_tuple()
                .all(&txn)
                .await?;
            business::Entity::find()
                .select_only()
                .column(business::Column::Name)
                .filter(business::Column::Id.is_in(ids))
                .order_by_asc(business::Column::SortName)
                .into_tuple()
                .all(&txn)
                .await?
        }
    };
    txn.commit().await?;
    Ok(Confirmed {
        lang: pending.lang,
        all_businesses: pending.choice == Choice::All,
        businesses,
        unsubscribe_key: row.unsubscribe_key,
        frequency: pending.frequency,
    })
}

/// Whether `key` can be an unsubscribe key (refused before any query).
pub fn looks_like_key(key: &str) -> bool {
    looks_like_token(key)
}

/// Whether `key` belongs to a subscription (the unsubscribe page's GET).
pub async fn key_exists(db: &impl ConnectionTrait, key: &str) -> Result<bool, DomainError> {
    if !looks_like_key(key) {
        return Ok(false);
    }
    Ok(offer_subscriber::Entity::find()
        .filter(offer_subscriber::Column::UnsubscribeKey.eq(key))
        .one(db)
        .await?
        .is_some())
}

/// Deletes the subscription of `key`, choices included. Returns whether there was one (a second
/// click, or a mail provider's one-click request after the person's own, finds none: the pages
/// say "unsubscribed" either way).
pub async fn unsubscribe(db: &DatabaseConnection, key: &str) -> Result<bool, DomainError> {
    if !looks_like_key(key) {
        return Ok(false);
    }
    let txn = db.begin().await?;
    let ids: Vec<i32> = offer_subscriber::Entity::find()
        .select_only()
        .column(offer_subscriber::Column::Id)
        .filter(offer_subscriber::Column::UnsubscribeKey.eq(key))
        .into_tuple()
        .all(&txn)
        .await?;
    if ids.is_empty() {
        return Ok(false);
    }
    // Explicitly, not only by cascade: SQLite enforces foreign keys only when asked to.
    offer_subscription::Entity::delete_many()
        .filter(offer_subscription::Column::SubscriberId.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    let deleted =
        offer_subscriber::Entity::delete_many().filter(offer_subscriber::Column::Id.is_in(ids)).exec(&txn).await?;
    txn.commit().await?;
    Ok(deleted.rows_affected > 0)
}

/// The absolute one-click unsubscribe URL of `key`, in `lang`.
pub fn unsubscribe_url(base_url: &str, lang: Lang, key: &str) -> String {
    format!("{base_url}{}?cle={key}", lang.localize(UNSUBSCRIBE_PATH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pending_choice_travels_in_the_token() {
        let random = random_token();
        let some = Pending {
            lang: Lang::Nl,
            choice: Choice::Businesses([3, 12, 7].into_iter().collect()),
            frequency: Frequency::Daily,
        };
        let token = some.encode(&random);
        assert_eq!(token, format!("{random}.nl.3-7-12.d"));
        assert_eq!(Pending::decode(&token), Some(some));
        let all = Pending { lang: Lang::Fr, choice: Choice::All, frequency: Frequency::Weekly };
        assert_eq!(Pending::decode(&all.encode(&random)), Some(all.clone()));
        // A link sent before the frequency existed: weekly.
        assert_eq!(Pending::decode(&format!("{random}.fr.a")), Some(all));
        for bad in [
            "",
            "x.fr.a",
            &format!("{random}.de.a"),
            &format!("{random}.fr."),
            &format!("{random}.fr.1--2"),
            &format!("{random}.fr.a.x"),
        ] {
            assert_eq!(Pending::decode(bad), None, "{bad}");
        }
        assert_eq!(Pending::decode(&format!("{random}.fr.-5")), None);
    }
}
