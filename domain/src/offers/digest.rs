//! The e-mails of new offers for the confirmed followers of [`super::follow`]: the weekly digest
//! (issue 8), and the daily e-mail of those who chose to hear as soon as offers are published
//! (issue 12, [`run_daily`]).
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
//! digest, however late the digest goes) that were live at some time since their publication or
//! will be: not hidden, business published, and not withdrawn before their first day. An offer
//! over by Monday (a Wednesday-to-Saturday promotion) is listed too, marked as ended: the rule
//! used to keep only offers still running on Monday, and such promotions never reached anyone.
//! Each weekly follower gets those of the shops they chose, in their language (French when the
//! merchant wrote none), and nobody gets an e-mail without new offers.
//!
//! # Daily
//!
//! A follower who chose "as soon as an offer is published" gets, at the first check after an
//! offer of their shops is published, one e-mail with every such offer published since their
//! previous one (at most [`MAX_LATE_HOURS`] back), still to be seen; then nothing more that day
//! in Brussels: an offer published later that day comes in the next day's e-mail. Each e-mail is
//! claimed by an update of the follower's `daily_sent_at` that only passes if it is still before
//! the day's start, in the transaction that queues it, so several instances send it once. Each e-mail carries the follower's one-click unsubscribe link, in the body
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

use super::follow::{unsubscribe_url, Frequency};
use super::{state_of, title_in, today_in_brussels};
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
pub async fn run(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
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
    let offers = published_offers(&txn, send_at - Duration::days(7), send_at, now, true).await?;
    let followers = if offers.is_empty() { Vec::new() } else { followers(&txn, Frequency::Weekly, None).await? };
    let rows: Vec<email_outbox::ActiveModel> =
        build(&txn, base_url, &offers, followers, false, now).await?.into_iter().map(|(_, row)| row).collect();
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
        notifier.wake();
    }
    Ok(Outcome::Queued { week, emails })
}

/// Whether an offer was live at some time since its publication, or will be: its days from
/// publication on (up to the day it was ended early, if it was) are not empty.
fn live_at_some_time(offer: &offer::Model) -> bool {
    let Some(published_at) = offer.published_at else { return false };
    let first = offer.starts_on.max(today_in_brussels(published_at));
    let last = offer.ended_at.map_or(offer.ends_on, |ended| offer.ends_on.min(today_in_brussels(ended)));
    first <= last
}

/// The offers published in `[from, to)` for an e-mail made at `now`, with their shop's name:
/// not hidden, business published, and live at some time (see the module doc); ended ones only
/// if `with_ended`.
async fn published_offers(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    with_ended: bool,
) -> Result<Vec<(offer::Model, String)>, DomainError> {
    let day = today_in_brussels(now);
    let rows = offer::Entity::find()
        .find_also_related(business::Entity)
        .filter(published())
        .filter(offer::Column::PublishedAt.gte(from))
        .filter(offer::Column::PublishedAt.lt(to))
        .filter(offer::Column::HiddenAt.is_null())
        .order_by_asc(offer::Column::StartsOn)
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(offer, _)| live_at_some_time(offer))
        .filter(|(offer, _)| with_ended || matches!(state_of(offer, day), OfferState::Live | OfferState::Scheduled))
        .filter_map(|(offer, business)| Some((offer, business?.name)))
        .collect())
}

/// A confirmed follower as the e-mails need them.
struct Follower {
    id: i32,
    email: String,
    language: String,
    all: bool,
    key: String,
    /// Offers published before this are not theirs to hear of (daily followers: their previous
    /// e-mail).
    since: Option<DateTime<Utc>>,
}

/// The confirmed followers of `frequency`; daily ones only if their last e-mail was before
/// `day_start` (none yet today).
async fn followers(
    db: &impl ConnectionTrait,
    frequency: Frequency,
    day_start: Option<DateTime<Utc>>,
) -> Result<Vec<Follower>, DomainError> {
    let mut query = offer_subscriber::Entity::find()
        .select_only()
        .column(offer_subscriber::Column::Id)
        .column(offer_subscriber::Column::Email)
        .column(offer_subscriber::Column::Language)
        .column(offer_subscriber::Column::AllBusinesses)
        .column(offer_subscriber::Column::UnsubscribeKey)
        .column(offer_subscriber::Column::ConfirmedAt)
        .column(offer_subscriber::Column::DailySentAt)
        .filter(offer_subscriber::Column::ConfirmedAt.is_not_null())
        .filter(offer_subscriber::Column::Frequency.eq(frequency.code()));
    if let Some(day_start) = day_start {
        query = query.filter(not_sent_since(day_start));
    }
    type Row = (i32, String, String, bool, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = query.order_by_asc(offer_subscriber::Column::Id).into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, language, all, key, confirmed_at, daily_sent_at)| Follower {
            id,
            email,
            language,
            all,
            key,
            since: match frequency {
                Frequency::Weekly => None,
                Frequency::Daily => daily_sent_at.or(confirmed_at),
            },
        })
        .collect())
}

/// No daily e-mail since `day_start`.
fn not_sent_since(day_start: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(offer_subscriber::Column::DailySentAt.is_null())
        .add(offer_subscriber::Column::DailySentAt.lt(day_start))
}

/// The outbox rows of the e-mails (one per follower with something new), each with its
/// follower's id.
async fn build(
    db: &impl ConnectionTrait,
    base_url: &str,
    offers: &[(offer::Model, String)],
    followers: Vec<Follower>,
    daily: bool,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, email_outbox::ActiveModel)>, DomainError> {
    if offers.is_empty() || followers.is_empty() {
        return Ok(Vec::new());
    }
    let day = today_in_brussels(now);
    let businesses: HashSet<i32> = offers.iter().map(|(o, _)| o.business_id).collect();
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
                ends_on: offer.ended_at.map_or(offer.ends_on, |ended| offer.ends_on.min(today_in_brussels(ended))),
                scheduled: offer.starts_on > day,
                ended: state_of(offer, day) == OfferState::Ended,
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
    for Follower { id, email, language, all, key, since } in followers {
        let picked = chosen.get(&id);
        let lang = Lang::from_code(&language).unwrap_or_default();
        let list: Vec<usize> = offers
            .iter()
            .enumerate()
            .filter(|(_, (offer, _))| since.is_none_or(|since| offer.published_at.is_some_and(|at| at >= since)))
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
                daily,
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
        let kind = if daily { "offer_daily" } else { "offer_digest" };
        rows.push((id, mail::rendered_row(&to, lang, kind, own, now, Some(unsubscribe))));
    }
    Ok(rows)
}

/// Queues the daily e-mails due at `now` (see the module doc): each daily follower with offers
/// of their shops published since their previous e-mail, and none yet today, gets one. Returns
/// how many were queued.
pub async fn run_daily(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<u32, DomainError> {
    let floor = now - Duration::hours(MAX_LATE_HOURS);
    // Cheap check first: most calls find nothing published lately, without the write lock.
    let offers = published_offers(db, floor, now, now, false).await?;
    if offers.is_empty() {
        return Ok(0);
    }
    let Some(day_start) = start_of_day(now) else { return Ok(0) };
    let txn = begin_write(db).await?;
    let mut followers = followers(&txn, Frequency::Daily, Some(day_start)).await?;
    for follower in &mut followers {
        follower.since = Some(follower.since.map_or(floor, |since| since.max(floor)));
    }
    let rows = build(&txn, base_url, &offers, followers, true, now).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    // The claim: only followers still without today's e-mail (another instance may have sent it
    // since they were read) are stamped, and only theirs are queued.
    let mut claimed: HashSet<i32> = HashSet::new();
    let ids: Vec<i32> = rows.iter().map(|(id, _)| *id).collect();
    for chunk in ids.chunks(INSERT_BATCH * 10) {
        let stamped = offer_subscriber::Entity::update_many()
            .col_expr(offer_subscriber::Column::DailySentAt, Some(now).into())
            .filter(offer_subscriber::Column::Id.is_in(chunk.iter().copied()))
            .filter(offer_subscriber::Column::Frequency.eq(Frequency::Daily.code()))
            .filter(not_sent_since(day_start))
            .exec_with_returning(&txn)
            .await?;
        claimed.extend(stamped.into_iter().map(|row| row.id));
    }
    let mut rows = rows.into_iter().filter(|(id, _)| claimed.contains(id)).map(|(_, row)| row).peekable();
    let mut emails = 0;
    while rows.peek().is_some() {
        let batch: Vec<email_outbox::ActiveModel> = rows.by_ref().take(INSERT_BATCH).collect();
        emails += batch.len() as u32;
        email_outbox::Entity::insert_many(batch).exec_without_returning(&txn).await?;
    }
    txn.commit().await?;
    if emails > 0 {
        notifier.wake();
    }
    Ok(emails)
}

/// Midnight of `now`'s day in Brussels.
fn start_of_day(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let midnight = today_in_brussels(now).and_hms_opt(0, 0, 0)?;
    Brussels.from_local_datetime(&midnight).earliest().map(|t| t.with_timezone(&Utc))
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
