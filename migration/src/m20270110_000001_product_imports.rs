//! `product_imports`: a product spreadsheet uploaded for import (issue 13), kept between the
//! upload and the merchant's confirmation. The preview, the column mapping and the confirmation
//! are separate requests (possibly to other instances, without JavaScript), so the file is kept
//! server-side, in the database every instance shares, and only a random id travels in the URL.
//!
//! - `id`: SHA-256 (hex) of the id in the URL, like every token of the site;
//! - `business_id`: the shop it is imported into (deleted with it);
//! - `account_id`: who uploaded it, the only one who may preview or confirm it;
//! - `file_name`: as the browser sent it, shown on the preview;
//! - `bytes`: the file, at most 5 MB (`domain::catalogue::sheet::MAX_BYTES`);
//! - `mapping`: the columns as the merchant mapped them (JSON), or NULL: recognised by name;
//! - `missing_out_of_stock`: the option "mark products missing from this file as out of stock";
//! - `created_at`: rows older than `domain::catalogue::import_files::LIFETIME` are never read and
//!   are deleted at the next upload.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductImports::Table)
                    .if_not_exists()
                    .col(string_len(ProductImports::Id, 64).primary_key())
                    .col(integer(ProductImports::BusinessId))
                    .col(integer(ProductImports::AccountId))
                    .col(string_len(ProductImports::FileName, 255))
                    .col(blob(ProductImports::Bytes))
                    .col(text_null(ProductImports::Mapping))
                    .col(boolean(ProductImports::MissingOutOfStock).default(false))
                    .col(timestamp_with_time_zone(ProductImports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_imports_business")
                            .from(ProductImports::Table, ProductImports::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_imports_created_at")
                    .table(ProductImports::Table)
                    .col(ProductImports::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProductImports::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ProductImports {
    Table,
    Id,
    BusinessId,
    AccountId,
    FileName,
    Bytes,
    Mapping,
    MissingOutOfStock,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}
