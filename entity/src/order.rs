//! One shop's part of a checkout (issue 14); the columns are described in the migration
//! `m20270117_000001_orders`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub checkout_id: i32,
    pub business_id: i32,
    /// `reserve` or `ask`.
    pub kind: String,
    pub status: String,
    /// The start of the collection slot; `None` for a question not answered yet.
    pub pickup_at: Option<DateTimeUtc>,
    /// The slot's length.
    pub pickup_minutes: i32,
    /// The last day (Europe/Brussels) the order waits for its shopper.
    pub collect_by: Date,
    pub business_name: String,
    pub business_address: String,
    pub total_cents: i64,
    /// Some line is "price in the shop": the total is a lower bound.
    pub has_unpriced: bool,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub decline_reason: Option<String>,
    /// SHA-256 of the link of the e-mail that asks for an action (the shop's answer to a
    /// question, the shopper's confirmation after no-shows).
    pub action_digest: Option<String>,
    pub created_at: DateTimeUtc,
    pub status_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
