//! Someone who follows offers by e-mail (issue 8): the address, its language and choices, and
//! the two links' secrets. Nothing else is kept.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_subscribers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub language: String,
    /// Every shop's offers, or only those of the `offer_subscription` rows.
    pub all_businesses: bool,
    /// Hex SHA-256 of the confirmation link's token; null once confirmed.
    pub confirm_hash: Option<String>,
    pub confirm_expires_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    /// The one-click unsubscribe link's key (it can only unsubscribe).
    #[sea_orm(unique)]
    pub unsubscribe_key: String,
    pub created_at: DateTimeUtc,
    /// `weekly` (the Monday digest) or `daily` (as soon as offers are published, at most one
    /// e-mail a day).
    pub frequency: String,
    /// When the last daily e-mail was queued (offers published before it were in it).
    pub daily_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
