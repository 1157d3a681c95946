//! One change to a business: who, when, what (`details` is JSON of the changed fields).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: Option<i32>,
    pub account_id: Option<i32>,
    pub actor_email: String,
    pub at: DateTimeUtc,
    pub action: String,
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
