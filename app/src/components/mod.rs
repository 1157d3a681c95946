//! Building blocks shared by the pages.

pub mod business_card;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod chart;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod form;
pub mod layout;
pub mod offer_card;
pub mod problem;
pub mod search_form;
