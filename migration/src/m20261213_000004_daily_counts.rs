//! Daily counts of what shoppers do with a business's public page (issue 7, "proof of value"):
//! one row per business, Europe/Brussels local day and kind of event (`view`, `phone`, `email`,
//! `website`, `social`, `directions`), holding how many there were. Nothing about the visitor
//! is stored: no cookie, no address, no user agent, only the numbers.
//!
//! - The primary key `(business_id, day, kind)` is what each server instance's periodic flush
//!   upserts into (`count = count + excluded.count`), and, by its first column, what the
//!   merchant's charts read (one business, a range of days).
//! - No data-version trigger (see `m20261128_000002_data_version`): statistics are written every
//!   few seconds and no public page shows them, so they must never flush the directory's index
//!   and page cache.
//! - The rows go with their business (`ON DELETE CASCADE`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DailyCounts::Table)
                    .if_not_exists()
                    .col(integer(DailyCounts::BusinessId))
                    .col(date(DailyCounts::Day))
                    .col(string_len(DailyCounts::Kind, 16))
                    .col(integer(DailyCounts::Count).default(0))
                    .primary_key(
                        Index::create().col(DailyCounts::BusinessId).col(DailyCounts::Day).col(DailyCounts::Kind),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_daily_counts_business")
                            .from(DailyCounts::Table, DailyCounts::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(DailyCounts::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum DailyCounts {
    Table,
    BusinessId,
    Day,
    Kind,
    Count,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}
