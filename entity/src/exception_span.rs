//! A span of opening time during an exception that is not a closure.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exception_spans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub exception_id: i32,
    pub opens: i16,
    pub closes: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::hours_exception::Entity",
        from = "Column::ExceptionId",
        to = "super::hours_exception::Column::Id"
    )]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
