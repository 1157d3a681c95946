//! The weekly e-mail digest of new offers (issue 8), for the confirmed followers of
//! [`super::follow`].
//!
//! # When, and only once
//!
//! A week's digest is due from Monday [`SEND_HOUR`]:00 in the town's time zone (the injected
//! clock). Every instance checks periodically (`server/src/digest.rs`); the first to find it due
//! inserts the week's row in `offer_digests`, whose primary key is the Monday: a second instance
//! (or the same one after a restart) meets the existing row and does nothing. The claim and every
//! e-mail of the week are written in one transaction, so a crash half-way leaves no claim and the
//! next check builds the whole digest again, and no e-mail twice. A digest more than
//! [`MAX_LATE_HOURS`] late (every instance was down) is skipped rather than sent midweek next to
//! the following one.
//!
//! # What
//!
//! The offers *published* in the week before that Monday 08:00 (so each offer is in exactly one
//! digest, however late the digest goes) that shoppers may still see or will see: not ended, not
//! hidden, business published; live or scheduled. Each follower gets those of the shops they
//! chose, in their language (French when the merchant wrote none), and nobody gets an e-mail
//! without new offers. Each e-mail carries the follower's one-click unsubscribe link, in the body
//! and in `email_outbox.list_unsubscribe`, from which the sender writes the `List-Unsubscribe` and
//! `List-Unsubscribe-Post` headers (RFC 8058).
//!
//! # Speed
//!
//! The week's offers are few; the followers may be many (10,000 in `scripts/bench-digest.sh`).
//! Everything is read in three queries (offers with their shops, followers, chosen shops), the
//! e-mails rendered in memory and inserted [`INSERT_BATCH`] at a time.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use common::values::Email;
use common::Lang;
use entity::{business, email_outbox, offer, offer_digest, offer_subscriber, offer_subscription};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::follow::unsubscribe_url;
use super::{state_of, title_in, today};
use crate::db::begin_write;
use crate::directory::published;
use crate::error::DomainError;
use crate::mail::{self, templates::DigestOffer, Template};
use common::offers::OfferState;

/// The local hour on Monday from which the week's digest goes out.
pub const SEND_HOUR: u32 = 8;
/// Past this many hours after its time, a week's digest is skipped.
pub const MAX_LATE_HOURS: i64 = 48;
/// Outbox rows per INSERT (15 columns each: far below SQLite's 32,766 bound variables).
pub const INSERT_BATCH: usize = 500;
/// Where a follower's unsubscribe key goes in a shared rendering (never a key: keys are 43
/// URL-safe base64 characters, without `@`).
const KEY_MARK: &str = "@@key@@";
/// Offers listed in one e-mail at most (the busiest week of a town; the rest are on the site).
pub const MAX_OFFERS_PER_EMAIL: usize = 30;

/// The Monday whose digest is due at `now`, with its send instant, if one is due (see the module
/// doc): the latest Monday `SEND_HOUR`:00 at or before `now`, unless it is more than
/// [`MAX_LATE_HOURS`] ago.
pub fn due_week(now: DateTime<Utc>) -> Option<(NaiveDate, DateTime<Utc>)> {
    let local = now.with_timezone(&Brussels);
    let mut monday = local.date_naive() - Duration::days(local.weekday().num_days_from_monday() as i64);
    let send_at = |monday: NaiveDate| -> Option<DateTime<Utc>> {
        let naive = monday.and_hms_opt(SEND_HOUR, 0, 0)?;
        Brussels.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
    };
    let mut at = send_at(monday)?;
    if at > now {
        monday -= Duration::days(7);
        at = send_at(monday)?;
    }
    (now - at <= Duration::hours(MAX_LATE_HOURS)).then_some((monday, at))
}

/// What [`run`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No week is due now.
    NotDue,
    /// This week's digest was already claimed (by this or another instance).
    AlreadyDone,
    /// This call built the week's digest: e-mails queued.
    Queued { week: NaiveDate, emails: u32 },
}

/// Builds and queues the due week's digest, once (see the module doc). `base_url` makes links
/// absolute.
pub async fn run(db: &DatabaseConnection, base_url: &str, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let Some((week, send_at)) = due_week(now) else {
        return Ok(Outcome::NotDue);
    };
    // Cheap check first: most calls find the week done, without taking the write lock.
    if offer_digest::Entity::find_by_id(week).one(db).await?.is_some() {
        return Ok(Outcome::AlreadyDone);
    }
    let txn = begin_write(db).await?;
    let claimed = offer_digest::Entity::insert(offer_digest::ActiveModel {
        week: Set(week),
        started_at: Set(now),
        queued: Set(0),
    })
    .on_conflict(OnConflict::column(offer_digest::Column::Week).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if claimed == 0 {
        return Ok(Outcome::AlreadyDone);
    }
    let rows = build(&txn, base_url, send_at, now).await?;
    let emails = rows.len() as u32;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<email_outbox::ActiveModel> = rows.by_ref().take(INSERT_BATCH).collect();
        email_outbox::Entity::insert_many(batch).exec_without_returning(&txn).await?;
    }
    offer_digest::Entity::update_many()
        .col_expr(offer_digest::Column::Queued, (emails as i32).into())
        .filter(offer_digest::Column::Week.eq(week))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    if emails > 0 {
        mail::wake_sender();
    }
    Ok(Outcome::Queued { week, emails })
}

/// The week's offers: published in the 7 days before `send_at`, still to be seen at `now`.
async fn week_offers(
    db: &impl ConnectionTrait,
    send_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(offer::Model, String)>, DomainError> {
    let day = today(now);
    let rows = offer::Entity::find()
        .find_also_related(business::Entity)
        .filter(published())
        .filter(offer::Column::PublishedAt.gte(send_at - Duration::days(7)))
        .filter(offer::Column::PublishedAt.lt(send_at))
        .filter(offer::Column::EndedAt.is_null())
        .filter(offer::Column::HiddenAt.is_null())
        .filter(offer::Column::EndsOn.gte(day))
        .order_by_asc(offer::Column::StartsOn)
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(offer, business)| {
            let state = state_of(&offer, day);
            (matches!(state, OfferState::Live | OfferState::Scheduled)).then_some((offer, business?.name))
        })
        .collect())
}

/// The outbox rows of the digest (one per follower with something new).
async fn build(
    db: &impl ConnectionTrait,
    base_url: &str,
    send_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<email_outbox::ActiveModel>, DomainError> {
    let offers = week_offers(db, send_at, now).await?;
    if offers.is_empty() {
        return Ok(Vec::new());
    }
    let day = today(now);
    let businesses: HashSet<i32> = offers.iter().map(|(o, _)| o.business_id).collect();
    let followers: Vec<(i32, String, String, bool, String)> = offer_subscriber::Entity::find()
        .select_only()
        .column(offer_subscriber::Column::Id)
        .column(offer_subscriber::Column::Email)
        .column(offer_subscriber::Column::Language)
        .column(offer_subscriber::Column::AllBusinesses)
        .column(offer_subscriber::Column::UnsubscribeKey)
        .filter(offer_subscriber::Column::ConfirmedAt.is_not_null())
        .order_by_asc(offer_subscriber::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut chosen: HashMap<i32, HashSet<i32>> = HashMap::new();
    let pairs: Vec<(i32, i32)> = offer_subscription::Entity::find()
        .select_only()
        .column(offer_subscription::Column::SubscriberId)
        .column(offer_subscription::Column::BusinessId)
        .filter(offer_subscription::Column::BusinessId.is_in(businesses.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    for (subscriber, business) in pairs {
        chosen.entry(subscriber).or_default().insert(business);
    }
    // Each offer's entry in each language, made once rather than once per follower.
    let entries: Vec<[DigestOffer; 3]> = offers
        .iter()
        .map(|(offer, business)| {
            Lang::ALL.map(|lang| DigestOffer {
                title: title_in(offer, lang).0.to_string(),
                business: business.clone(),
                starts_on: offer.starts_on,
                ends_on: offer.ends_on,
                scheduled: offer.starts_on > day,
                link: format!("{base_url}{}", lang.localize(&format!("/offres/{}", offer.id))),
            })
        })
        .collect();
    let lang_index = |lang: Lang| Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    // Followers with the same language and the same offers get the same e-mail but for their
    // unsubscribe link: each distinct e-mail is rendered once, with a mark where the key goes
    // (most followers follow every shop, so a few renders serve thousands of e-mails).
    let mut rendered: HashMap<(usize, Vec<usize>), mail::Rendered> = HashMap::new();
    let mut rows = Vec::new();
    for (id, email, language, all, key) in followers {
        let picked = chosen.get(&id);
        let lang = Lang::from_code(&language).unwrap_or_default();
        let list: Vec<usize> = offers
            .iter()
            .enumerate()
            .filter(|(_, (offer, _))| all || picked.is_some_and(|p| p.contains(&offer.business_id)))
            .map(|(index, _)| index)
            .take(MAX_OFFERS_PER_EMAIL)
            .collect();
        if list.is_empty() {
            continue;
        }
        let Ok(to) = Email::parse(&email) else {
            tracing::warn!(subscriber = id, "offers digest: stored address does not parse, skipped");
            continue;
        };
        let body = rendered.entry((lang_index(lang), list)).or_insert_with_key(|(l, list)| {
            let template = Template::OfferDigest {
                offers: list.iter().map(|&i| entries[i][*l].clone()).collect(),
                all_offers_link: format!("{base_url}{}", lang.localize("/offres")),
                unsubscribe_link: unsubscribe_url(base_url, lang, KEY_MARK),
            };
            mail::render(lang, &template)
        });
        // Keys are URL-safe base64: the same in the text, in HTML and in a URL.
        let own = mail::Rendered {
            subject: body.subject.clone(),
            text: body.text.replace(KEY_MARK, &key),
            html: body.html.replace(KEY_MARK, &key),
        };
        let unsubscribe = unsubscribe_url(base_url, lang, &key);
        rows.push(mail::rendered_row(&to, lang, "offer_digest", own, now, Some(unsubscribe)));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_digest_is_due_from_monday_eight_in_brussels_and_not_too_late() {
        let monday = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
        // 07:59 in Brussels (UTC+1) is not yet this Monday's: last week's would be 7 days late.
        assert_eq!(due_week(at("2026-12-14T06:59:00Z")), None);
        assert_eq!(due_week(at("2026-12-14T07:00:00Z")), Some((monday, at("2026-12-14T07:00:00Z"))));
        assert_eq!(due_week(at("2026-12-16T07:00:00Z")).map(|w| w.0), Some(monday));
        assert_eq!(due_week(at("2026-12-16T07:01:00Z")), None);
        // Summer time: 08:00 in Brussels is 06:00 UTC.
        let june = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        assert_eq!(due_week(at("2026-06-15T06:00:00Z")).map(|w| w.0), Some(june));
        assert_eq!(due_week(at("2026-06-21T20:00:00Z")), None);
    }
}
