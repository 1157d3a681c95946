//! Vitrine's business rules and the only place where SQL is written. Every function takes a
//! connection (`&impl ConnectionTrait`), so tests run it on a real SQLite file or PostgreSQL
//! schema made by the real migrations.

pub mod accounts;
pub mod audit;
pub mod bench_offers;
pub mod authz;
pub mod catalogue;
pub mod clock;
pub mod console;
pub mod data_version;
pub mod db;
pub mod directory;
pub mod directory_index;
pub mod error;
pub mod fields;
pub mod form_echo;
pub mod holidays;
pub mod listing;
pub mod offers;
pub mod orders;
pub mod hours;
pub mod photos;
pub mod mail;
pub mod search;
pub mod seed;
pub mod sitemap;
pub mod stats;
pub mod team;

pub use clock::Clock;
pub use error::DomainError;
