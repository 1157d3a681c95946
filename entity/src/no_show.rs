//! Orders an e-mail address (SHA-256) did not collect at a shop.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "no_shows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub business_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub email_digest: String,
    pub count: i32,
    pub last_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
