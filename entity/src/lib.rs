//! SeaORM entities, one module per table of `migration`. No logic lives here: queries and rules
//! are in the `domain` crate.

pub mod account;
pub mod audit_log;
pub mod auth_token;
pub mod basket;
pub mod basket_item;
pub mod business;
pub mod business_accessibility;
pub mod business_photo;
pub mod category;
pub mod checkout;
pub mod daily_count;
pub mod email_outbox;
pub mod exception_span;
pub mod form_echo;
pub mod freshness_reminder;
pub mod hours_exception;
pub mod housekeeping_run;
pub mod login_throttle;
pub mod membership;
pub mod no_show;
pub mod offer;
pub mod offer_digest;
pub mod offer_subscriber;
pub mod offer_subscription;
pub mod opening_hours;
pub mod order;
pub mod order_line;
pub mod pickup_setting;
pub mod product;
pub mod product_category;
pub mod product_import;
pub mod product_photo;
pub mod session;
pub mod shopper_count;

