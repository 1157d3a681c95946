//! A week whose offers digest was queued (issue 8): the row is the claim that makes one instance,
//! once, build that week's digest.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_digests")]
pub struct Model {
    /// The Monday of the week.
    #[sea_orm(primary_key, auto_increment = false)]
    pub week: Date,
    pub started_at: DateTimeUtc,
    /// E-mails queued.
    pub queued: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
