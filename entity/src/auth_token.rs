//! A single-use link sent by e-mail (invitation, password reset, e-mail change), stored as the
//! hex SHA-256 of its token.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// `invitation`, `password_reset` or `email_change`.
    pub purpose: String,
    pub account_id: Option<i32>,
    /// The address the link was sent to.
    pub email: String,
    /// For an invitation: the business to claim, and the role.
    pub business_id: Option<i32>,
    pub role: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
