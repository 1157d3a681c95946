//! Uploaded photos (issue 7): what a page needs to offer the browser several sizes (`srcset`)
//! and to reserve the photo's box before it arrives (`width`/`height`, no layout shift).
//!
//! - `business_photos.width`, `business_photos.height`: the pixel size of `file`, the largest
//!   variant kept.
//! - `business_photos.variants`: the widths kept, smallest first, separated by spaces
//!   (`"480 960 1600"`); each is the file `p/<key>-<width>.jpg` (see `domain::photos`).
//!
//! All three are null for the demo town's SVG photos, which scale by themselves and keep the
//! markup they had. One operation per `alter_table`: SQLite cannot do several in one statement.
//! The data-version triggers of `m20261128_000002_data_version` are on the table, not on its
//! columns, so they keep firing for these rows on both databases.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [BusinessPhotos::Width, BusinessPhotos::Height] {
            manager
                .alter_table(
                    Table::alter()
                        .table(BusinessPhotos::Table)
                        .add_column(ColumnDef::new(column).integer().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BusinessPhotos::Table)
                    .add_column(ColumnDef::new(BusinessPhotos::Variants).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [BusinessPhotos::Variants, BusinessPhotos::Height, BusinessPhotos::Width] {
            manager.alter_table(Table::alter().table(BusinessPhotos::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum BusinessPhotos {
    Table,
    Width,
    Height,
    Variants,
}
