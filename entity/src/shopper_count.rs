//! Open orders per e-mail address (SHA-256), bounded by one atomic upsert at checkout.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shopper_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub email_digest: String,
    pub open_orders: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
