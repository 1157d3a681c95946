//! A product of an order, as it was when ordered.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub product_id: Option<i32>,
    /// The product's name in the shopper's language, as the shopper read it.
    pub name: String,
    pub unit_price_cents: Option<i64>,
    pub quantity: i32,
    /// The line took stock, which returns if the order ends without collection.
    pub reserved: bool,
    /// The product's main (French) name, as the shop's own list shows it; `None` on lines placed
    /// before it was kept (`name` then stands for both).
    pub shop_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
