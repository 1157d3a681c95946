//! What the Atom feeds of offers carry (issue 8): the live offers shoppers may see, newest
//! first, for the whole town or for one business. The server writes them as Atom
//! (`server/src/feeds.rs`); this module only decides which offers and in which order.
//!
//! "Public" is the same rule as every list of offers: the offer is published, live today (the
//! town's date from the injected clock: an offer leaves the feed by itself after its last day),
//! not ended early, not hidden by the town, and its business is published: the lists' own SQL
//! filter, `public::live_on`. It is checked again with [`super::is_public`] on each row, so the two can never disagree silently.

use chrono::{DateTime, Utc};
use entity::{business, offer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{is_public, today_in_brussels};
use crate::directory::public_businesses;
use crate::error::DomainError;

/// How many entries a feed holds: readers poll it, and a week of a busy town's offers fits.
pub const FEED_ENTRIES: u64 = 50;

/// One entry of a feed: the offer and the shop that posted it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    pub offer: offer::Model,
    pub business_name: String,
    pub business_slug: String,
}

/// The shop of a per-business feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedBusiness {
    pub id: i32,
    pub name: String,
    pub slug: String,
}

/// The live offers of every public business (or of `business_id`), newest published first.
async fn live(
    db: &impl ConnectionTrait,
    business_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<FeedEntry>, DomainError> {
    let day = today_in_brussels(now);
    let mut query = offer::Entity::find().find_also_related(business::Entity).filter(super::public::live_on(day));
    if let Some(id) = business_id {
        query = query.filter(offer::Column::BusinessId.eq(id));
    }
    let rows = query
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
        .limit(FEED_ENTRIES)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(offer, business)| {
            let business = business?;
            is_public(&offer, day).then(|| FeedEntry {
                offer,
                business_name: business.name,
                business_slug: business.slug,
            })
        })
        .collect())
}

/// The town's feed: the [`FEED_ENTRIES`] newest live offers of all public businesses.
pub async fn all(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<FeedEntry>, DomainError> {
    live(db, None, now).await
}

/// A business's feed: the business (`NotFound` if unknown or not public) and its live offers.
pub async fn of_business(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<(FeedBusiness, Vec<FeedEntry>), DomainError> {
    let business = public_businesses()
        .select_only()
        .column(business::Column::Id)
        .column(business::Column::Name)
        .column(business::Column::Slug)
        .filter(business::Column::Slug.eq(slug))
        .into_tuple::<(i32, String, String)>()
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let entries = live(db, Some(business.0), now).await?;
    Ok((FeedBusiness { id: business.0, name: business.1, slug: business.2 }, entries))
}
