//! A person who can log in: a town administrator or a merchant (see `membership`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-case, trimmed (`common::values::Email`).
    #[sea_orm(unique)]
    pub email: String,
    /// argon2id PHC string; empty until an invited person sets a password.
    pub password_hash: String,
    /// `fr`, `nl` or `en`: the language of the e-mails this person receives.
    pub language: String,
    pub is_admin: bool,
    pub created_at: DateTimeUtc,
    /// Sessions created before this instant are over (log out everywhere, password change).
    pub sessions_valid_after: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
