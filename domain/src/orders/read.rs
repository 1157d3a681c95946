//! Reading orders: the shopper's order page (by its link), the merchant's inbox and the day's
//! collections, the calendar file of a collection, the inbox's change stamp for the live
//! stream, and the shop's figures for its statistics ("the platform brought N people in").

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use common::orders::{OrderLineView, OrderStatus, OrderView};
use common::Lang;
use entity::{checkout, order, order_line};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{codes, status_of};
use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;
use crate::hours::{day_of, TOWN_TZ};
use crate::mail::templates::OrderMail;

/// The open orders the shop sees: not those waiting for their shopper's confirmation.
const INBOX_OPEN: [OrderStatus; 4] = [OrderStatus::Asked, OrderStatus::New, OrderStatus::Accepted, OrderStatus::Ready];

/// Orders an inbox page shows at most.
pub const INBOX_MAX: u64 = 200;

async fn lines_of(db: &impl ConnectionTrait, order_ids: &[i32]) -> Result<HashMap<i32, Vec<order_line::Model>>, DomainError> {
    let mut by_order: HashMap<i32, Vec<order_line::Model>> = HashMap::new();
    if order_ids.is_empty() {
        return Ok(by_order);
    }
    for line in order_line::Entity::find()
        .filter(order_line::Column::OrderId.is_in(order_ids.iter().copied()))
        .order_by_asc(order_line::Column::Id)
        .all(db)
        .await?
    {
        by_order.entry(line.order_id).or_default().push(line);
    }
    Ok(by_order)
}

fn minutes(at: DateTime<Utc>) -> (NaiveDate, u16) {
    let local = at.with_timezone(&TOWN_TZ);
    (local.date_naive(), (local.hour() * 60 + local.minute()) as u16)
}

/// The order as a page shows it: to the shop (`for_shop`), with the shopper's details when
/// given and the lines in the shop's own words; to the shopper, as they read it.
fn view_of(row: &order::Model, lines: &[order_line::Model], shopper: Option<&checkout::Model>, for_shop: bool) -> OrderView {
    let pickup = row.pickup_at.map(minutes);
    let (created_day, created_minutes) = minutes(row.created_at);
    OrderView {
        id: row.id,
        business_id: row.business_id,
        business_name: row.business_name.clone(),
        business_address: row.business_address.clone(),
        ask: row.kind == "ask",
        status: status_of(row),
        pickup_day: pickup.map(|(d, _)| day_of(d)),
        pickup_starts: pickup.map(|(_, m)| m),
        pickup_ends: pickup.map(|(_, m)| ((u32::from(m) + row.pickup_minutes.max(0) as u32) % 1440) as u16),
        collect_by: day_of(row.collect_by),
        lines: lines
            .iter()
            .map(|l| OrderLineView {
                name: l.shop_name.clone().filter(|_| for_shop).unwrap_or_else(|| l.name.clone()),
                quantity: l.quantity.max(0) as u32,
                unit_price_cents: l.unit_price_cents,
            })
            .collect(),
        total_cents: row.total_cents,
        has_unpriced: row.has_unpriced,
        message: row.message.clone(),
        decline_reason: row.decline_reason.clone(),
        created_day: day_of(created_day),
        created_minutes,
        shopper_name: shopper.map(|c| c.shopper_name.clone()).unwrap_or_default(),
        shopper_email: shopper.map(|c| c.shopper_email.clone()).unwrap_or_default(),
        shopper_phone: shopper.and_then(|c| c.shopper_phone.clone()),
    }
}

/// The orders of the checkout whose page's token is `token`, by shop name.
pub async fn by_link(db: &impl ConnectionTrait, token: &str) -> Result<Vec<OrderView>, DomainError> {
    let checkout = super::flow::checkout_of_link(db, token).await?;
    let rows = order::Entity::find()
        .filter(order::Column::CheckoutId.eq(checkout.id))
        .order_by_asc(order::Column::BusinessName)
        .all(db)
        .await?;
    let lines = lines_of(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(rows.iter().map(|r| view_of(r, lines.get(&r.id).map_or(&[][..], |l| l), None, false)).collect())
}

/// The order an e-mailed action link waits on (`status`: the shopper's confirmation, or the
/// shop's answer to a question), with the shopper's name and message when `for_shop` (the shop
/// needs them to answer; the shopper's own page never shows their data back).
pub async fn by_action_link(
    db: &impl ConnectionTrait,
    token: &str,
    status: OrderStatus,
    for_shop: bool,
) -> Result<OrderView, DomainError> {
    let row = super::flow::by_action_link(db, token, status).await?;
    let lines = lines_of(db, &[row.id]).await?;
    let checkout = if for_shop { checkout::Entity::find_by_id(row.checkout_id).one(db).await? } else { None };
    let mut view = view_of(&row, lines.get(&row.id).map_or(&[][..], |l| l), checkout.as_ref(), for_shop);
    // The shop answers by e-mail link: the name and message, not the address or phone.
    view.shopper_email.clear();
    view.shopper_phone = None;
    Ok(view)
}

/// What the e-mails of a checkout list: each shop's order as placed.
pub(crate) async fn mail_lines(db: &impl ConnectionTrait, checkout_id: i32, _lang: Lang) -> Result<Vec<OrderMail>, DomainError> {
    let rows = order::Entity::find()
        .filter(order::Column::CheckoutId.eq(checkout_id))
        .order_by_asc(order::Column::BusinessName)
        .all(db)
        .await?;
    let lines = lines_of(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .iter()
        .map(|r| OrderMail {
            business: r.business_name.clone(),
            address: r.business_address.clone(),
            ask: r.kind == "ask",
            status: status_of(r),
            pickup: r.pickup_at,
            collect_by: r.collect_by,
            lines: lines.get(&r.id).map_or_else(Vec::new, |l| l.iter().map(|l| (l.name.clone(), l.quantity.max(0) as u32)).collect()),
            total_cents: r.total_cents,
            has_unpriced: r.has_unpriced,
        })
        .collect())
}

/// Which orders the inbox shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inbox {
    /// Waiting for the shop or the shopper: new, questions, accepted, ready; the next
    /// collection first, new ones and questions at the top.
    Open,
    /// Closed (collected, declined, not collected, cancelled, lapsed), the latest first.
    Closed,
}

/// A shop's orders for its inbox, with the shoppers' details (members and administrators).
pub async fn inbox(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    which: Inbox,
) -> Result<Vec<OrderView>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let open = INBOX_OPEN;
    let closed = [OrderStatus::Collected, OrderStatus::Declined, OrderStatus::NotCollected, OrderStatus::Cancelled, OrderStatus::Lapsed];
    let query = order::Entity::find().filter(order::Column::BusinessId.eq(business_id));
    let mut rows = match which {
        Inbox::Open => query.filter(order::Column::Status.is_in(codes(&open))).order_by_asc(order::Column::CollectBy),
        Inbox::Closed => query.filter(order::Column::Status.is_in(codes(&closed))).order_by_desc(order::Column::StatusAt),
    }
    .limit(INBOX_MAX)
    .all(db)
    .await?;
    if which == Inbox::Open {
        // Waiting for the shop first (newest on top), then by collection time.
        rows.sort_by_key(|r| {
            let waiting = matches!(status_of(r), OrderStatus::New | OrderStatus::Asked);
            (!waiting, if waiting { -r.created_at.timestamp() } else { r.pickup_at.map_or(i64::MAX, |p| p.timestamp()) })
        });
    }
    let lines = lines_of(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let checkouts: HashMap<i32, checkout::Model> = checkout::Entity::find()
        .filter(checkout::Column::Id.is_in(rows.iter().map(|r| r.checkout_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(rows.iter().map(|r| view_of(r, lines.get(&r.id).map_or(&[][..], |l| l), checkouts.get(&r.checkout_id), true)).collect())
}

/// The collections of one local day, by time (the printable list): reservations whose slot is
/// that day, and answered questions kept for the shopper on that day.
pub async fn day(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    date: NaiveDate,
) -> Result<Vec<OrderView>, DomainError> {
    let open = inbox(db, actor, business_id, Inbox::Open).await?;
    let mut rows: Vec<OrderView> = open
        .into_iter()
        .filter(|o| o.status != OrderStatus::Asked)
        .filter(|o| match &o.pickup_day {
            Some(d) => *d == day_of(date),
            None => {
                let by = NaiveDate::from_ymd_opt(o.collect_by.year, o.collect_by.month.into(), o.collect_by.day.into());
                by.is_some_and(|by| by >= date)
            }
        })
        .collect();
    rows.sort_by_key(|o| o.pickup_starts.unwrap_or(u16::MAX));
    Ok(rows)
}

/// A stamp that changes whenever the shop's orders change (a new order, any status change):
/// the live inbox compares it after each change of the orders' data version. Made of the ids and
/// statuses of the open orders the inbox shows and how many orders it has, not of times, so
/// that it changes under a fixed clock too. An order waiting for its shopper's confirmation
/// changes nothing: the shop does not see it.
pub async fn stamp(db: &impl ConnectionTrait, business_id: i32) -> Result<u64, DomainError> {
    use std::hash::{Hash, Hasher};
    let open: Vec<(i32, String)> = order::Entity::find()
        .select_only()
        .column(order::Column::Id)
        .column(order::Column::Status)
        .filter(order::Column::BusinessId.eq(business_id))
        .filter(order::Column::Status.is_in(codes(&INBOX_OPEN)))
        .order_by_asc(order::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let all: i64 = order::Entity::find()
        .select_only()
        .expr(Func::count(Expr::col(order::Column::Id)))
        .filter(order::Column::BusinessId.eq(business_id))
        .filter(order::Column::Status.ne(OrderStatus::Unconfirmed.code()))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or(0);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (open, all).hash(&mut hasher);
    Ok(hasher.finish())
}

/// A shop's figures over a period of local days (inclusive), for its statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Reservations and questions made.
    pub made: u64,
    /// Orders collected: people the platform brought into the shop.
    pub collected: u64,
    /// What the collected orders were worth (priced lines), in cents.
    pub collected_cents: i64,
}

/// The figures of `business_id` from `first` to `last` (members and administrators).
pub async fn figures(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Figures, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let start = local_midnight(first);
    let end = local_midnight(last + Duration::days(1));
    let made = order::Entity::find()
        .filter(order::Column::BusinessId.eq(business_id))
        .filter(order::Column::CreatedAt.gte(start))
        .filter(order::Column::CreatedAt.lt(end))
        .filter(order::Column::Status.ne(OrderStatus::Unconfirmed.code()))
        .select_only()
        .expr(Func::count(Expr::col(order::Column::Id)))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0);
    let (collected, cents) = order::Entity::find()
        .filter(order::Column::BusinessId.eq(business_id))
        .filter(order::Column::Status.eq(OrderStatus::Collected.code()))
        .filter(order::Column::StatusAt.gte(start))
        .filter(order::Column::StatusAt.lt(end))
        .select_only()
        .expr(Func::count(Expr::col(order::Column::Id)))
        .expr(Expr::cust("CAST(COALESCE(SUM(total_cents), 0) AS BIGINT)"))
        .into_tuple::<(i64, i64)>()
        .one(db)
        .await?
        .unwrap_or((0, 0));
    Ok(Figures { made: made.max(0) as u64, collected: collected.max(0) as u64, collected_cents: cents })
}

/// The UTC instant of a local day's midnight.
pub fn local_midnight(date: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    TOWN_TZ.from_local_datetime(&midnight).earliest().map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The calendar file (iCalendar, RFC 5545) of an order's collection, from the order page's
/// link: one event at the slot, or on the last day for an answered question.
///
/// Hand-written: one event of six properties, where a calendar crate would bring a parser and
/// a builder for the whole standard; what it must get right (CRLF line ends, escaped text,
/// lines folded at 75 octets, UTC times) is here and tested.
pub async fn calendar(db: &impl ConnectionTrait, token: &str, order_id: i32, base_url: &str, lang: Lang) -> Result<String, DomainError> {
    let checkout = super::flow::checkout_of_link(db, token).await?;
    let row = order::Entity::find_by_id(order_id).one(db).await?.ok_or(DomainError::NotFound)?;
    if row.checkout_id != checkout.id || !status_of(&row).is_open() || status_of(&row) == OrderStatus::Asked {
        return Err(DomainError::NotFound);
    }
    let stamp = row.status_at.format("%Y%m%dT%H%M%SZ").to_string();
    let (start, end) = match row.pickup_at {
        Some(at) => (
            format!("DTSTART:{}", at.format("%Y%m%dT%H%M%SZ")),
            format!("DTEND:{}", (at + Duration::minutes(i64::from(row.pickup_minutes.max(0)))).format("%Y%m%dT%H%M%SZ")),
        ),
        None => (
            format!("DTSTART;VALUE=DATE:{}", row.collect_by.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", (row.collect_by + Duration::days(1)).format("%Y%m%d")),
        ),
    };
    let summary = crate::mail::templates::calendar_summary(lang, &row.business_name);
    let url = super::flow::link(base_url, lang, &super::checkout::order_path(token));
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Vitrine//Click & collect//FR".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:order-{}@vitrine", row.id),
        format!("DTSTAMP:{stamp}"),
        start,
        end,
        format!("SUMMARY:{}", ics_text(&summary)),
        format!("LOCATION:{}", ics_text(&row.business_address)),
        format!("URL:{url}"),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    Ok(lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join(""))
}

/// Text escaped as RFC 5545 §3.3.11 says.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// A content line folded at 75 octets (never inside a UTF-8 character), ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_lines_are_escaped_and_folded() {
        assert_eq!(ics_text("Rue de Mons, 12; Soignies\nBelgique"), "Rue de Mons\\, 12\\; Soignies\\nBelgique");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }
}
