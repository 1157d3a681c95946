//! Building blocks shared by the pages.

pub mod business_card;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod chart;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod form;
pub mod layout;
// Server-rendered lists only (the public pages insert its HTML): not in the public bundle.
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod offer_card;
pub mod pagination;
pub mod problem;
// Server-rendered lists only, as the offers' (the business page inserts its HTML).
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_card;
pub mod search_form;
