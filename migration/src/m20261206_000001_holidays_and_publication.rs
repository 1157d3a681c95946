//! Hardening of the directory's schema (issue 6):
//!
//! - `businesses.closed_on_holidays`: the business closes on Belgium's public holidays unless a
//!   date exception says otherwise (`domain::holidays`, `domain::hours`). Existing rows get
//!   `false`, so that the migration alone changes no status shown; the data says the truth
//!   afterwards (the demo town sets it per business).
//! - `businesses.published`: whether the public directory lists the business at all. Existing
//!   rows stay listed (`true`); every public query filters on it through one condition
//!   (`domain::directory::published`), so an unpublished business is never half-visible.
//! - The index `idx_businesses_updated_at` goes: it served the old data version
//!   (`MAX(updated_at)`), which the counter of `m20261128_000002_data_version` replaced, and no
//!   query reads it any more while every write paid for it.
//!
//! One operation per `alter_table`: SQLite cannot do several in one statement.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Businesses::Table)
                    .add_column(ColumnDef::new(Businesses::ClosedOnHolidays).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Businesses::Table)
                    .add_column(ColumnDef::new(Businesses::Published).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await?;
        manager.drop_index(Index::drop().name(UPDATED_AT_INDEX).table(Businesses::Table).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create().name(UPDATED_AT_INDEX).table(Businesses::Table).col(Businesses::UpdatedAt).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Businesses::Table).drop_column(Businesses::Published).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Businesses::Table).drop_column(Businesses::ClosedOnHolidays).to_owned())
            .await?;
        Ok(())
    }
}

const UPDATED_AT_INDEX: &str = "idx_businesses_updated_at";

#[derive(DeriveIden)]
enum Businesses {
    Table,
    UpdatedAt,
    ClosedOnHolidays,
    Published,
}
