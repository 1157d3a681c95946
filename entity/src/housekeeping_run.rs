//! A clean-up job's run for one period (issue 12): the row is the claim that makes one instance,
//! once, run that job for that period (`domain::accounts::housekeeping`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "housekeeping_runs")]
pub struct Model {
    /// The job's name (`sessions`, `throttle`, `links`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub job: String,
    /// The period it ran for (the hour, `2026-12-27T14`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: String,
    pub ran_at: DateTimeUtc,
    /// Rows it removed.
    pub removed: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
