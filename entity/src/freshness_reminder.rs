//! The last freshness reminder sent for a business, and the confirmation date it was about.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "freshness_reminders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub business_id: i32,
    pub for_confirmation: Date,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
