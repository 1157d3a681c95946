//! The e-mail outbox (issue 7 §4): every e-mail Vitrine sends is first a row here, inserted in
//! the same transaction as the change that causes it (an invitation, a password reset…), then
//! sent by a background task of whichever server instance claims it (`domain::mail`).
//!
//! - `status`: `pending` (waiting for `next_attempt_at`), `sending` (claimed by an instance
//!   until `locked_until`; a lease that runs out makes the row due again, so a crashed instance
//!   loses nothing), `sent`, `failed` (given up: shown to administrators with `last_error`).
//! - `kind` names the template (`invitation`, `password_reset`…) so that administrators can tell
//!   e-mails apart without reading their bodies.
//! - The claim query reads pending rows by `(status, next_attempt_at)` and the few `sending`
//!   rows by the same index's first column; sent rows, the bulk of the table, are never scanned.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const DUE_INDEX: &str = "idx_email_outbox_status_next_attempt_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EmailOutbox::Id))
                    .col(string_len(EmailOutbox::Kind, 32))
                    .col(string_len(EmailOutbox::Recipient, 254))
                    // BCP 47 code of the recipient's language (`fr`, `nl`, `en`).
                    .col(string_len(EmailOutbox::Language, 8))
                    .col(text(EmailOutbox::Subject))
                    .col(text(EmailOutbox::BodyText))
                    .col(text(EmailOutbox::BodyHtml))
                    .col(string_len(EmailOutbox::Status, 16))
                    .col(integer(EmailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::LockedUntil))
                    .col(text_null(EmailOutbox::LastError))
                    .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(DUE_INDEX)
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::Status)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(DUE_INDEX).table(EmailOutbox::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EmailOutbox::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Kind,
    Recipient,
    Language,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}
