//! One confirmation by a shopper (issue 14): who, the e-mails' language, the order page's link
//! (SHA-256) and the idempotency key of the confirming form. Personal fields are emptied
//! (`erased_at` set) 12 months after the last of its orders closed.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkouts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token_digest: String,
    pub idempotency_key: String,
    pub shopper_name: String,
    pub shopper_email: String,
    pub shopper_phone: Option<String>,
    pub language: String,
    pub created_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
