//! A span of the weekly opening hours.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: i32,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: i16,
    /// Minutes since local midnight.
    pub opens: i16,
    /// Minutes since local midnight; not after `opens` means past midnight.
    pub closes: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
