//! Vitrine's schema, one migration per change, each with `up` and `down`. Every migration runs on
//! SQLite and PostgreSQL: one operation per `alter_table` (SQLite cannot do several), and
//! backend-specific SQL only where a feature exists on one side only.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_create_directory;
mod m20261128_000002_data_version;
mod m20261206_000001_holidays_and_publication;
mod m20261206_000002_drop_search_text;
mod m20261213_000001_accounts;
mod m20261213_000002_email_outbox;
mod m20261213_000003_photo_variants;
mod m20261213_000004_daily_counts;
mod m20261213_000005_freshness_reminders;
mod m20261220_000001_offers;
mod m20261220_000002_list_unsubscribe;
mod m20261227_000021_form_echoes;
mod m20261227_000031_account_security;
mod m20261227_000041_offers_daily;
mod m20270103_000001_catalogue;
mod m20270110_000001_product_imports;
mod m20270117_000001_orders;
mod m20270124_000001_order_notices;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_directory::Migration),
            Box::new(m20261128_000002_data_version::Migration),
            Box::new(m20261206_000001_holidays_and_publication::Migration),
            Box::new(m20261206_000002_drop_search_text::Migration),
            Box::new(m20261213_000001_accounts::Migration),
            Box::new(m20261213_000002_email_outbox::Migration),
            Box::new(m20261213_000003_photo_variants::Migration),
            Box::new(m20261213_000004_daily_counts::Migration),
            Box::new(m20261213_000005_freshness_reminders::Migration),
            Box::new(m20261220_000001_offers::Migration),
            Box::new(m20261220_000002_list_unsubscribe::Migration),
            Box::new(m20261227_000021_form_echoes::Migration),
            Box::new(m20261227_000031_account_security::Migration),
            Box::new(m20261227_000041_offers_daily::Migration),
            Box::new(m20270103_000001_catalogue::Migration),
            Box::new(m20270110_000001_product_imports::Migration),
            Box::new(m20270117_000001_orders::Migration),
            Box::new(m20270124_000001_order_notices::Migration),
        ]
    }
}
