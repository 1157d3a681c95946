//! The Vitrine server: configuration, database start-up, the HTTP stack around the Leptos app,
//! and the command-line tasks. `main.rs` only parses the command line and calls into here, so
//! the tests can build the very same router.

pub mod assets;
pub mod backup;
pub mod config;
pub mod config_file;
pub mod digest;
pub mod feeds;
pub mod follow;
pub mod health;
pub mod housekeeping;
pub mod http;
pub mod mailer;
pub mod orders;
pub mod metrics;
pub mod page_cache;
pub mod reminders;
pub mod run;
pub mod sitemap;
pub mod stats;
