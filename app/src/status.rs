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
