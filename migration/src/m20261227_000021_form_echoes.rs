//! `form_echoes`: what a logged-in person typed in a form the server refused while the browser
//! had no JavaScript (issue 12). The refusal redirects back to the form with only the row's
//! random id in the URL (`?formulaire=…`); the page shows the typed values only to the session
//! that typed them. Kept server-side because the values hold line breaks (which the edge
//! refuses in a URL) and can be long, and because values read from a URL could be put there by
//! anyone (a crafted link pre-filling a merchant's form).
//!
//! - `id`: SHA-256 (hex) of the id in the URL, like every other token of the site;
//! - `session_id`: the `sessions.id` of the session that typed it (no foreign key: the row is
//!   useless once the session ends, and short-lived anyway);
//! - `form`: the server function's path (`/api/save_profile`), so that an echo fills only its form;
//! - `fields`: the typed values as a JSON array of `[name, value]` pairs;
//! - `created_at`: rows older than `domain::form_echo::LIFETIME` are never read and are deleted
//!   at the next refusal.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormEchoes::Table)
                    .if_not_exists()
                    .col(string_len(FormEchoes::Id, 64).primary_key())
                    .col(string_len(FormEchoes::SessionId, 64))
                    .col(string_len(FormEchoes::Form, 100))
                    .col(text(FormEchoes::Fields))
                    .col(timestamp_with_time_zone(FormEchoes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_echoes_session_form")
                    .table(FormEchoes::Table)
                    .col(FormEchoes::SessionId)
                    .col(FormEchoes::Form)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_echoes_created_at")
                    .table(FormEchoes::Table)
                    .col(FormEchoes::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FormEchoes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum FormEchoes {
    Table,
    Id,
    SessionId,
    Form,
    Fields,
    CreatedAt,
}
