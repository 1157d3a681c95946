//! The offers feed (issue 8): what merchants post, who follows it by e-mail, and when the weekly
//! digest went out.
//!
//! - `offers`: one promotion, new arrival, event or in-store offer of a business. Title, text and
//!   conditions in French (required) and optionally Dutch and English; an optional photo (the
//!   upload pipeline's JPEG variants, like `business_photos`); a validity period in whole local
//!   days (`starts_on` ..= `ends_on`, Europe/Brussels); an optional promo code. Its state is
//!   read from the clock, never stored: a draft until `published_at`, scheduled before
//!   `starts_on`, live until `ends_on` or `ended_at` (ended early), ended after. `hidden_at` and
//!   `hidden_reason` are the town administrator's; `version` is the optimistic-concurrency token
//!   of the merchant's edits.
//! - `offer_subscribers`: an e-mail address and its choices, nothing else. `confirm_hash` is the
//!   SHA-256 of the double opt-in link's token (null once confirmed); `unsubscribe_key` is the
//!   random key of the one-click unsubscribe link that every digest carries, kept in clear
//!   because each digest must print it again (it can only unsubscribe). `all_businesses` or the
//!   rows of `offer_subscriptions` say which shops' offers the digest brings.
//! - `offer_digests`: one row per week whose digest was queued, so that of several instances
//!   (or a restart) exactly one builds each week's digest.
//!
//! The feed's pages are keyed by a data version of their own: row 2 of `data_version`, bumped by
//! triggers on `offers` in the writing transaction (the design notes of
//! `m20261128_000002_data_version`), so posting an offer refreshes the feed's pages without
//! flushing the directory's search index. Subscribers and digests have no trigger: no public
//! page shows them.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The row of `data_version` that the feed's pages read.
pub const OFFERS_VERSION_ROW: i32 = 2;

async fn run(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

fn version_up(backend: DbBackend) -> Vec<String> {
    let start = format!("INSERT INTO data_version (id, version) VALUES ({OFFERS_VERSION_ROW}, 1)");
    let bump = format!("UPDATE data_version SET version = version + 1 WHERE id = {OFFERS_VERSION_ROW}");
    match backend {
        DbBackend::Postgres => vec![
            start,
            format!("CREATE FUNCTION bump_offers_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$"),
            "CREATE TRIGGER offers_bumps_offers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offers \
             FOR EACH STATEMENT EXECUTE FUNCTION bump_offers_version()"
                .to_string(),
        ],
        _ => {
            let mut statements = vec![start];
            for event in ["insert", "update", "delete"] {
                statements.push(format!(
                    "CREATE TRIGGER offers_{event}_bumps_offers_version AFTER {event} ON offers BEGIN {bump}; END"
                ));
            }
            statements
        }
    }
}

fn version_down(backend: DbBackend) -> Vec<String> {
    let mut statements = match backend {
        DbBackend::Postgres => vec![
            "DROP TRIGGER offers_bumps_offers_version ON offers".to_string(),
            "DROP FUNCTION bump_offers_version()".to_string(),
        ],
        _ => ["insert", "update", "delete"]
            .iter()
            .map(|event| format!("DROP TRIGGER offers_{event}_bumps_offers_version"))
            .collect(),
    };
    statements.push(format!("DELETE FROM data_version WHERE id = {OFFERS_VERSION_ROW}"));
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .if_not_exists()
                    .col(pk_auto(Offers::Id))
                    .col(integer(Offers::BusinessId))
                    .col(string_len(Offers::Kind, 16))
                    .col(string_len(Offers::TitleFr, 400))
                    .col(string_len(Offers::TitleNl, 400).default(""))
                    .col(string_len(Offers::TitleEn, 400).default(""))
                    .col(text(Offers::BodyFr))
                    .col(text(Offers::BodyNl).default(""))
                    .col(text(Offers::BodyEn).default(""))
                    .col(text(Offers::ConditionsFr).default(""))
                    .col(text(Offers::ConditionsNl).default(""))
                    .col(text(Offers::ConditionsEn).default(""))
                    .col(string_len_null(Offers::PromoCode, 64))
                    .col(date(Offers::StartsOn))
                    .col(date(Offers::EndsOn))
                    .col(string_len_null(Offers::PhotoFile, 200))
                    .col(integer_null(Offers::PhotoWidth))
                    .col(integer_null(Offers::PhotoHeight))
                    .col(string_len_null(Offers::PhotoVariants, 64))
                    .col(string_len(Offers::PhotoAltFr, 1000).default(""))
                    .col(string_len(Offers::PhotoAltNl, 1000).default(""))
                    .col(string_len(Offers::PhotoAltEn, 1000).default(""))
                    .col(timestamp_with_time_zone(Offers::CreatedAt))
                    .col(timestamp_with_time_zone(Offers::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Offers::PublishedAt))
                    .col(timestamp_with_time_zone_null(Offers::EndedAt))
                    .col(timestamp_with_time_zone_null(Offers::HiddenAt))
                    .col(text_null(Offers::HiddenReason))
                    .col(integer_null(Offers::CreatedBy))
                    .col(integer(Offers::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offers_business")
                            .from(Offers::Table, Offers::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_offers_business").table(Offers::Table).col(Offers::BusinessId).to_owned(),
            )
            .await?;
        // The feed reads the offers whose period includes today, counts them per category and
        // kind, and orders them by publication: every column those queries test is in this
        // index, so they run on it alone without reading the wide rows (texts). Measured on
        // 20,000 live offers (SQLite): 22 ms a query instead of 60–100 ms with (ends_on,
        // starts_on) only (docs/PERFORMANCE.md).
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_live")
                    .table(Offers::Table)
                    .col(Offers::EndsOn)
                    .col(Offers::StartsOn)
                    .col(Offers::PublishedAt)
                    .col(Offers::EndedAt)
                    .col(Offers::HiddenAt)
                    .col(Offers::BusinessId)
                    .col(Offers::Kind)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OfferSubscribers::Table)
                    .if_not_exists()
                    .col(pk_auto(OfferSubscribers::Id))
                    .col(string_len_uniq(OfferSubscribers::Email, 254))
                    .col(string_len(OfferSubscribers::Language, 2).default("fr"))
                    .col(boolean(OfferSubscribers::AllBusinesses).default(true))
                    .col(string_len_null(OfferSubscribers::ConfirmHash, 64))
                    .col(timestamp_with_time_zone(OfferSubscribers::ConfirmExpiresAt))
                    .col(timestamp_with_time_zone_null(OfferSubscribers::ConfirmedAt))
                    .col(string_len_uniq(OfferSubscribers::UnsubscribeKey, 64))
                    .col(timestamp_with_time_zone(OfferSubscribers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferSubscriptions::Table)
                    .if_not_exists()
                    .col(integer(OfferSubscriptions::SubscriberId))
                    .col(integer(OfferSubscriptions::BusinessId))
                    .primary_key(
                        Index::create().col(OfferSubscriptions::SubscriberId).col(OfferSubscriptions::BusinessId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_subscriptions_subscriber")
                            .from(OfferSubscriptions::Table, OfferSubscriptions::SubscriberId)
                            .to(OfferSubscribers::Table, OfferSubscribers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_subscriptions_business")
                            .from(OfferSubscriptions::Table, OfferSubscriptions::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferDigests::Table)
                    .if_not_exists()
                    // The Monday of the week, ISO date text: the primary key makes the claim.
                    .col(date(OfferDigests::Week).primary_key())
                    .col(timestamp_with_time_zone(OfferDigests::StartedAt))
                    .col(integer(OfferDigests::Queued).default(0))
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
            OfferDigests::Table.into_iden(),
            OfferSubscriptions::Table.into_iden(),
            OfferSubscribers::Table.into_iden(),
            Offers::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    BusinessId,
    Kind,
    TitleFr,
    TitleNl,
    TitleEn,
    BodyFr,
    BodyNl,
    BodyEn,
    ConditionsFr,
    ConditionsNl,
    ConditionsEn,
    PromoCode,
    StartsOn,
    EndsOn,
    PhotoFile,
    PhotoWidth,
    PhotoHeight,
    PhotoVariants,
    PhotoAltFr,
    PhotoAltNl,
    PhotoAltEn,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    EndedAt,
    HiddenAt,
    HiddenReason,
    CreatedBy,
    Version,
}

#[derive(DeriveIden)]
enum OfferSubscribers {
    Table,
    Id,
    Email,
    Language,
    AllBusinesses,
    ConfirmHash,
    ConfirmExpiresAt,
    ConfirmedAt,
    UnsubscribeKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfferSubscriptions {
    Table,
    SubscriberId,
    BusinessId,
}

#[derive(DeriveIden)]
enum OfferDigests {
    Table,
    Week,
    StartedAt,
    Queued,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}
