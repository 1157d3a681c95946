//! The shop hears of its orders by e-mail too (issue 14), and reads them in its own words:
//!
//! - `pickup_settings.notify_orders`: whether the shop's people get an e-mail at each new order
//!   and at each cancellation by a shopper (on by default: a shop that never opened its inbox
//!   must still learn that someone is coming);
//! - `order_lines.shop_name`: the product's main (French) name when the order was placed, as the
//!   shop's own product list shows it; `name` stays the name the shopper read. NULL on lines
//!   placed before this column: their `name` stands for both.

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
                    .table(PickupSettings::Table)
                    .add_column(ColumnDef::new(PickupSettings::NotifyOrders).boolean().not_null().default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrderLines::Table)
                    .add_column(ColumnDef::new(OrderLines::ShopName).string_len(200).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(OrderLines::Table).drop_column(OrderLines::ShopName).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(PickupSettings::Table).drop_column(PickupSettings::NotifyOrders).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PickupSettings {
    Table,
    NotifyOrders,
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    ShopName,
}
