//! How many times one thing happened on a business's public page on one local day (a profile
//! view, a click on its phone number…). Only counts: nothing about the visitor.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "daily_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub business_id: i32,
    /// The Europe/Brussels local date.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    /// `view`, `phone`, `email`, `website`, `social` or `directions` (`common::stats::Kind`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    pub count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Business,
}

impl ActiveModelBehavior for ActiveModel {}
