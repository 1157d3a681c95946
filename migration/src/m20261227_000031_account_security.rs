//! Account security (issue 12):
//!
//! - `email_outbox.auth_token_id`: the single-use link (`auth_tokens.id`) an e-mail carries, if
//!   any. When that link is used, revoked or expired, the e-mail is erased if it was not sent yet
//!   (a queued or failed e-mail must not keep a working sign-in link in the database). No foreign
//!   key: SQLite cannot add one to an existing table, and the erasing is done by the domain
//!   before any link row is deleted.
//! - `housekeeping_runs`: one row per job and period (`sessions` / `2026-12-27T14`): the row is
//!   the claim that makes one instance, once, run that period's clean-up.
//! - Indexes for the clean-ups and revocations: links by account, throttle rows by window start.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OUTBOX_TOKEN_INDEX: &str = "idx_email_outbox_auth_token";
const TOKENS_ACCOUNT_INDEX: &str = "idx_auth_tokens_account";
const THROTTLE_WINDOW_INDEX: &str = "idx_login_throttle_window";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(ColumnDef::new(EmailOutbox::AuthTokenId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OUTBOX_TOKEN_INDEX)
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::AuthTokenId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(TOKENS_ACCOUNT_INDEX)
                    .table(AuthTokens::Table)
                    .col(AuthTokens::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(THROTTLE_WINDOW_INDEX)
                    .table(LoginThrottle::Table)
                    .col(LoginThrottle::WindowStartedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HousekeepingRuns::Table)
                    .if_not_exists()
                    // The job's name (`sessions`, `throttle`, `links`).
                    .col(string_len(HousekeepingRuns::Job, 32))
                    // The period it ran for, as text (the hour, `2026-12-27T14`).
                    .col(string_len(HousekeepingRuns::Period, 32))
                    .col(timestamp_with_time_zone(HousekeepingRuns::RanAt))
                    .col(big_integer(HousekeepingRuns::Removed).default(0))
                    .primary_key(Index::create().col(HousekeepingRuns::Job).col(HousekeepingRuns::Period))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HousekeepingRuns::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(THROTTLE_WINDOW_INDEX).table(LoginThrottle::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(TOKENS_ACCOUNT_INDEX).table(AuthTokens::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(OUTBOX_TOKEN_INDEX).table(EmailOutbox::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(EmailOutbox::Table).drop_column(EmailOutbox::AuthTokenId).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    AuthTokenId,
}

#[derive(DeriveIden)]
enum AuthTokens {
    Table,
    AccountId,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    WindowStartedAt,
}

#[derive(DeriveIden)]
enum HousekeepingRuns {
    Table,
    Job,
    Period,
    RanAt,
    Removed,
}
