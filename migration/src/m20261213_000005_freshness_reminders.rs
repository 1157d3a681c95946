//! `freshness_reminders`: when a business's people were last reminded by e-mail that its listing
//! is stale. Kept apart from `businesses` so that sending a reminder does not bump the directory's
//! data version (no public page shows it), and one row per business lets several instances agree
//! that a reminder goes once per stale period (`domain::console::send_due_reminders`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FreshnessReminders::Table)
                    .if_not_exists()
                    .col(integer(FreshnessReminders::BusinessId).primary_key())
                    // The confirmation date the reminder was about: a new confirmation starts a
                    // new period, which gets its own reminder once it is stale again.
                    .col(date(FreshnessReminders::ForConfirmation))
                    .col(timestamp_with_time_zone(FreshnessReminders::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_freshness_reminders_business")
                            .from(FreshnessReminders::Table, FreshnessReminders::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FreshnessReminders::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum FreshnessReminders {
    Table,
    BusinessId,
    ForConfirmation,
    SentAt,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}
