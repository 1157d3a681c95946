//! What a logged-in person typed in a form refused without JavaScript (see the migration
//! `m20261227_000021_form_echoes`). `id` is the hex SHA-256 of the id in the URL.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_echoes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The `sessions.id` of the session that typed it.
    pub session_id: String,
    /// The server function's path.
    pub form: String,
    /// JSON array of `[name, value]` pairs.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
