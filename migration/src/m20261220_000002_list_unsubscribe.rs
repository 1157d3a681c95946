//! `email_outbox.list_unsubscribe`: for e-mails sent to a list (the offers digest of issue 8),
//! the one-click unsubscribe URL. The sender turns it into the `List-Unsubscribe` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click` headers (RFC 8058); null for the
//! one-to-one e-mails of issue 7 (invitations, resets), which carry neither.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(ColumnDef::new(EmailOutbox::ListUnsubscribe).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(EmailOutbox::Table).drop_column(EmailOutbox::ListUnsubscribe).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    ListUnsubscribe,
}
