//! Sets the HTTP status of the page being rendered on the server (pages render in `Async` mode,
//! so the status is still open when the data is known).

use http::StatusCode;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn set_status(code: u16) {
    if let (Some(response), Ok(status)) = (use_context::<ResponseOptions>(), StatusCode::from_u16(code)) {
        response.set_status(status);
    }
}

/// Marks the page being rendered as one person's: no cache, shared or private, may keep it, and
/// no other site learns its address (the basket, an order's page: its link is its key).
pub fn set_personal() {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("private, no-store"));
        response.insert_header(http::header::REFERRER_POLICY, http::HeaderValue::from_static("no-referrer"));
    }
}
