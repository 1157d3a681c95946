//! Building blocks shared by the pages.

pub mod business_card;
pub mod chart;
pub mod form;
pub mod layout;
pub mod problem;
pub mod search_form;
