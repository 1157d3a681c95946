//! Followers of offers choose how often they hear (issue 12): `offer_subscribers.frequency` is
//! `weekly` (the Monday digest, the default and what every follower had before) or `daily` (an
//! e-mail as soon as offers are published, at most one a day); `daily_sent_at` is when the last
//! daily e-mail was queued: the next one lists the offers published since, and none goes out
//! again on the same day in Brussels. Null until the first one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One operation per statement: SQLite's ALTER TABLE takes one (PITFALLS 7.4).
        manager
            .alter_table(
                Table::alter()
                    .table(OfferSubscribers::Table)
                    .add_column(ColumnDef::new(OfferSubscribers::Frequency).string_len(8).not_null().default("weekly"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OfferSubscribers::Table)
                    .add_column(ColumnDef::new(OfferSubscribers::DailySentAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(OfferSubscribers::Table).drop_column(OfferSubscribers::DailySentAt).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(OfferSubscribers::Table).drop_column(OfferSubscribers::Frequency).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum OfferSubscribers {
    Table,
    Frequency,
    DailySentAt,
}
