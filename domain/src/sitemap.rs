//! What the sitemap lists: every public page and when its content last changed.

use chrono::{DateTime, Utc};
use entity::{business, category};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, QuerySelect};

use crate::directory::public_businesses;
use crate::DomainError;

/// A business page and its last change.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessEntry {
    pub slug: String,
    pub category_slug: String,
    pub updated_at: DateTime<Utc>,
}

/// The published businesses, by slug, with their category (for the category pages' dates).
pub async fn entries(db: &impl ConnectionTrait) -> Result<Vec<BusinessEntry>, DomainError> {
    let rows: Vec<(String, DateTime<Utc>, String)> = public_businesses()
        .select_only()
        .column(business::Column::Slug)
        .column(business::Column::UpdatedAt)
        .column_as(category::Column::Slug, "category_slug")
        .inner_join(category::Entity)
        .order_by_asc(business::Column::Slug)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, updated_at, category_slug)| BusinessEntry { slug, category_slug, updated_at })
        .collect())
}

/// The pages of the offers live today (the feed's rule: published, not ended, not hidden, of a
/// public business), with their last change; `/offres` itself changes with the newest.
pub async fn offer_entries(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, DateTime<Utc>)>, DomainError> {
    use entity::offer;
    use sea_orm::QueryFilter;
    let day = crate::clock::today_in_brussels(now);
    let rows: Vec<(i32, DateTime<Utc>)> = offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .column(offer::Column::UpdatedAt)
        .inner_join(business::Entity)
        .filter(crate::offers::public::live_on(day))
        .order_by_asc(offer::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// The pages of the visible products of published businesses (issue 13): the shop's slug, the
/// product's id and its last change, by shop then id.
pub async fn product_entries(db: &impl ConnectionTrait) -> Result<Vec<(String, i32, DateTime<Utc>)>, DomainError> {
    use entity::product;
    use sea_orm::{ColumnTrait, QueryFilter};
    let rows: Vec<(String, i32, DateTime<Utc>)> = product::Entity::find()
        .select_only()
        .column_as(business::Column::Slug, "slug")
        .column(product::Column::Id)
        .column(product::Column::UpdatedAt)
        .inner_join(business::Entity)
        .filter(crate::directory::published())
        .filter(product::Column::Visible.eq(true))
        .order_by_asc(business::Column::Slug)
        .order_by_asc(product::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}
