//! A date range whose hours differ from the week's (holidays, works, special Sunday).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hours_exceptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub closed: bool,
    pub note_fr: Option<String>,
    pub note_nl: Option<String>,
    pub note_en: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
