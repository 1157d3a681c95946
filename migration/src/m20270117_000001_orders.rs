//! Click & collect (issue 14): baskets, orders and what keeps fake orders from locking a shop.
//!
//! - `pickup_settings`: a shop's preparation delay, slot length and grace period (no row: the
//!   defaults of `domain::orders::PickupSettings`).
//! - `baskets` / `basket_items`: a shopper's basket, server-side, named by the SHA-256 of the
//!   random id in a cookie scoped to the basket's own paths (`domain::orders::basket` says why).
//!   Each item keeps the price the shopper saw when adding it, so a change is shown before
//!   confirming.
//! - `checkouts`: one confirmation by a shopper: who (name, e-mail, optional phone: all that an
//!   order needs, erased 12 months after the last order closed), the language of the e-mails,
//!   the SHA-256 of the order page's link, and the idempotency key of the confirming form
//!   (unique: a double click, a retry or a replayed form finds the first checkout).
//! - `orders`: one shop's part of a checkout, with a snapshot of the shop's name and address,
//!   its status, its collection time (`pickup_at`, UTC; NULL for a question not answered yet),
//!   the last day it may be collected (`collect_by`, local date), and the totals in integer
//!   cents computed by the server. `kind` is `reserve` (from the basket) or `ask` ("ask if
//!   available").
//! - `order_lines`: the products of an order, with their names and prices as they were; whether
//!   the line took stock (`reserved`), which returns when the order ends without collection.
//! - `shopper_counts`: per e-mail address (SHA-256), its open orders: one atomic upsert bounds
//!   them at checkout (`CHECK (open_orders >= 0)`).
//! - `no_shows`: per shop and e-mail address (SHA-256), orders not collected.
//!
//! The rule no code path may break, stock never below zero, is the `products` table's CHECK
//! (`quantity >= 0`, migration `m20270103_000001_catalogue`), which the reserving UPDATE meets.
//!
//! Row 4 of `data_version` is bumped by triggers on `orders` in the writing transaction: every
//! instance's inbox stream polls it to learn of a new order or a change within a second.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The row of `data_version` the merchants' inboxes poll.
pub const ORDERS_VERSION_ROW: i32 = 4;

async fn run(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

fn version_up(backend: DbBackend) -> Vec<String> {
    let start = format!("INSERT INTO data_version (id, version) VALUES ({ORDERS_VERSION_ROW}, 1)");
    let bump = format!("UPDATE data_version SET version = version + 1 WHERE id = {ORDERS_VERSION_ROW}");
    let mut statements = vec![start];
    match backend {
        DbBackend::Postgres => {
            statements.push(format!(
                "CREATE FUNCTION bump_orders_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$"
            ));
            statements.push(
                "CREATE TRIGGER orders_bumps_orders_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders \
                 FOR EACH STATEMENT EXECUTE FUNCTION bump_orders_version()"
                    .to_string(),
            );
        }
        _ => {
            for event in ["insert", "update", "delete"] {
                statements.push(format!(
                    "CREATE TRIGGER orders_{event}_bumps_orders_version AFTER {event} ON orders BEGIN {bump}; END"
                ));
            }
        }
    }
    statements
}

fn version_down(backend: DbBackend) -> Vec<String> {
    let mut statements = Vec::new();
    match backend {
        DbBackend::Postgres => {
            statements.push("DROP TRIGGER orders_bumps_orders_version ON orders".to_string());
            statements.push("DROP FUNCTION bump_orders_version()".to_string());
        }
        _ => {
            for event in ["insert", "update", "delete"] {
                statements.push(format!("DROP TRIGGER orders_{event}_bumps_orders_version"));
            }
        }
    }
    statements.push(format!("DELETE FROM data_version WHERE id = {ORDERS_VERSION_ROW}"));
    statements
}

fn cascade(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PickupSettings::Table)
                    .if_not_exists()
                    .col(integer(PickupSettings::BusinessId).primary_key())
                    .col(integer(PickupSettings::PrepMinutes))
                    .col(integer(PickupSettings::SlotMinutes))
                    .col(integer(PickupSettings::GraceDays))
                    .check(Expr::col(PickupSettings::PrepMinutes).between(0, 10_080))
                    .check(Expr::col(PickupSettings::SlotMinutes).between(10, 240))
                    .check(Expr::col(PickupSettings::GraceDays).between(0, 14))
                    .foreign_key(&mut cascade(
                        "fk_pickup_settings_business",
                        (PickupSettings::Table, PickupSettings::BusinessId),
                        (Businesses::Table, Businesses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Baskets::Table)
                    .if_not_exists()
                    .col(string_len(Baskets::Id, 64).primary_key())
                    .col(timestamp_with_time_zone(Baskets::CreatedAt))
                    .col(timestamp_with_time_zone(Baskets::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_baskets_updated_at").table(Baskets::Table).col(Baskets::UpdatedAt).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BasketItems::Table)
                    .if_not_exists()
                    .col(string_len(BasketItems::BasketId, 64))
                    .col(integer(BasketItems::ProductId))
                    .col(integer(BasketItems::Quantity))
                    .col(big_integer_null(BasketItems::PriceSeenCents))
                    .col(timestamp_with_time_zone(BasketItems::AddedAt))
                    .primary_key(Index::create().col(BasketItems::BasketId).col(BasketItems::ProductId))
                    .check(Expr::col(BasketItems::Quantity).gt(0))
                    .foreign_key(&mut cascade(
                        "fk_basket_items_basket",
                        (BasketItems::Table, BasketItems::BasketId),
                        (Baskets::Table, Baskets::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_basket_items_product",
                        (BasketItems::Table, BasketItems::ProductId),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Checkouts::Table)
                    .if_not_exists()
                    .col(pk_auto(Checkouts::Id))
                    .col(string_len_uniq(Checkouts::TokenDigest, 64))
                    .col(string_len_uniq(Checkouts::IdempotencyKey, 64))
                    .col(string_len(Checkouts::ShopperName, 100))
                    .col(string_len(Checkouts::ShopperEmail, 254))
                    .col(string_len_null(Checkouts::ShopperPhone, 32))
                    .col(string_len(Checkouts::Language, 2))
                    .col(timestamp_with_time_zone(Checkouts::CreatedAt))
                    .col(timestamp_with_time_zone_null(Checkouts::ErasedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .if_not_exists()
                    .col(pk_auto(Orders::Id))
                    .col(integer(Orders::CheckoutId))
                    .col(integer(Orders::BusinessId))
                    .col(string_len(Orders::Kind, 8))
                    .col(string_len(Orders::Status, 16))
                    .col(timestamp_with_time_zone_null(Orders::PickupAt))
                    .col(integer(Orders::PickupMinutes))
                    .col(date(Orders::CollectBy))
                    .col(string_len(Orders::BusinessName, 200))
                    .col(string_len(Orders::BusinessAddress, 400))
                    .col(big_integer(Orders::TotalCents))
                    .col(boolean(Orders::HasUnpriced))
                    .col(text(Orders::Message).default(""))
                    .col(string_len_null(Orders::DeclineReason, 500))
                    .col(string_len_null(Orders::ActionDigest, 64))
                    .col(timestamp_with_time_zone(Orders::CreatedAt))
                    .col(timestamp_with_time_zone(Orders::StatusAt))
                    .check(Expr::col(Orders::Kind).is_in(["reserve", "ask"]))
                    .check(Expr::col(Orders::Status).is_in([
                        "unconfirmed",
                        "asked",
                        "new",
                        "accepted",
                        "ready",
                        "collected",
                        "declined",
                        "not_collected",
                        "cancelled",
                        "lapsed",
                    ]))
                    .check(Expr::col(Orders::TotalCents).gte(0))
                    .foreign_key(&mut cascade(
                        "fk_orders_checkout",
                        (Orders::Table, Orders::CheckoutId),
                        (Checkouts::Table, Checkouts::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_orders_business",
                        (Orders::Table, Orders::BusinessId),
                        (Businesses::Table, Businesses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The inbox (a shop's orders, newest first) and the jobs (open orders by last day).
        manager
            .create_index(
                Index::create()
                    .name("idx_orders_business_created")
                    .table(Orders::Table)
                    .col(Orders::BusinessId)
                    .col(Orders::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_orders_status_collect_by").table(Orders::Table).col(Orders::Status).col(Orders::CollectBy).to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_orders_checkout").table(Orders::Table).col(Orders::CheckoutId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderLines::Table)
                    .if_not_exists()
                    .col(pk_auto(OrderLines::Id))
                    .col(integer(OrderLines::OrderId))
                    .col(integer_null(OrderLines::ProductId))
                    .col(string_len(OrderLines::Name, 200))
                    .col(big_integer_null(OrderLines::UnitPriceCents))
                    .col(integer(OrderLines::Quantity))
                    .col(boolean(OrderLines::Reserved))
                    .check(Expr::col(OrderLines::Quantity).gt(0))
                    .foreign_key(&mut cascade(
                        "fk_order_lines_order",
                        (OrderLines::Table, OrderLines::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_lines_product")
                            .from(OrderLines::Table, OrderLines::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_order_lines_order").table(OrderLines::Table).col(OrderLines::OrderId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShopperCounts::Table)
                    .if_not_exists()
                    .col(string_len(ShopperCounts::EmailDigest, 64).primary_key())
                    .col(integer(ShopperCounts::OpenOrders))
                    .check(Expr::col(ShopperCounts::OpenOrders).gte(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NoShows::Table)
                    .if_not_exists()
                    .col(integer(NoShows::BusinessId))
                    .col(string_len(NoShows::EmailDigest, 64))
                    .col(integer(NoShows::Count))
                    .col(timestamp_with_time_zone(NoShows::LastAt))
                    .primary_key(Index::create().col(NoShows::BusinessId).col(NoShows::EmailDigest))
                    .foreign_key(&mut cascade(
                        "fk_no_shows_business",
                        (NoShows::Table, NoShows::BusinessId),
                        (Businesses::Table, Businesses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        let backend = manager.get_database_backend();
        run(manager, &version_up(backend)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        run(manager, &version_down(backend)).await?;
        for table in [
            NoShows::Table.into_iden(),
            ShopperCounts::Table.into_iden(),
            OrderLines::Table.into_iden(),
            Orders::Table.into_iden(),
            Checkouts::Table.into_iden(),
            BasketItems::Table.into_iden(),
            Baskets::Table.into_iden(),
            PickupSettings::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PickupSettings {
    Table,
    BusinessId,
    PrepMinutes,
    SlotMinutes,
    GraceDays,
}

#[derive(DeriveIden)]
enum Baskets {
    Table,
    Id,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BasketItems {
    Table,
    BasketId,
    ProductId,
    Quantity,
    PriceSeenCents,
    AddedAt,
}

#[derive(DeriveIden)]
enum Checkouts {
    Table,
    Id,
    TokenDigest,
    IdempotencyKey,
    ShopperName,
    ShopperEmail,
    ShopperPhone,
    Language,
    CreatedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    CheckoutId,
    BusinessId,
    Kind,
    Status,
    PickupAt,
    PickupMinutes,
    CollectBy,
    BusinessName,
    BusinessAddress,
    TotalCents,
    HasUnpriced,
    Message,
    DeclineReason,
    ActionDigest,
    CreatedAt,
    StatusAt,
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    Id,
    OrderId,
    ProductId,
    Name,
    UnitPriceCents,
    Quantity,
    Reserved,
}

#[derive(DeriveIden)]
enum ShopperCounts {
    Table,
    EmailDigest,
    OpenOrders,
}

#[derive(DeriveIden)]
enum NoShows {
    Table,
    BusinessId,
    EmailDigest,
    Count,
    LastAt,
}
