//! Drops `businesses.search_text`, the stored copy of a business's searchable text.
//!
//! The directory index now builds each business's text when it loads, from the current name,
//! description, address and category names (`domain::directory_index`). The stored copy was
//! written once, by whoever wrote the business, and went stale when a category was renamed; no
//! query reads it any more.
//!
//! `down` brings the column back empty: the text was derived data, and the code of that version
//! searched an empty text until the businesses were written again.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Businesses::Table).drop_column(Businesses::SearchText).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Businesses::Table)
                    .add_column(ColumnDef::new(Businesses::SearchText).text().not_null().default(""))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    SearchText,
}
