//! An e-mail waiting to be sent, being sent, sent or given up (`domain::mail` holds the rules,
//! `migration::m20261213_000002_email_outbox` the schema and its design notes).
use sea_orm::entity::prelude::*;

/// Where an e-mail is in its life. Stored as text so that administrators reading the table
/// directly see words, and so that a future status needs no schema change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Status {
    /// Waiting for `next_attempt_at`.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Claimed by a sender until `locked_until`.
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Given up after too many attempts or a permanent refusal; `last_error` says why.
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The template it was made from (`invitation`, `password_reset`…).
    pub kind: String,
    pub recipient: String,
    /// BCP 47 code: `fr`, `nl` or `en`.
    pub language: String,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub status: Status,
    /// Attempts started so far (a claim counts as one).
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// For list e-mails (the offers digest): the one-click unsubscribe URL, sent as the
    /// `List-Unsubscribe` and `List-Unsubscribe-Post` headers.
    #[sea_orm(column_type = "Text", nullable)]
    pub list_unsubscribe: Option<String>,
    /// The single-use link (`auth_tokens.id`) the e-mail carries, if any: erased unsent once the
    /// link is used, revoked or expired.
    pub auth_token_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
