//! A product in a basket, with the price the shopper saw when adding it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "basket_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub basket_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i32,
    pub quantity: i32,
    pub price_seen_cents: Option<i64>,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
