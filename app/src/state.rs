//! What server functions need from the server: the database pool, the clock, the public URL and
//! the instance's directory index. The server builds one `AppState` and provides it as context to
//! every request.

use std::sync::Arc;

use domain::directory_index::DirectoryIndex;
use domain::Clock;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    /// Behind an `Arc`: axum clones the state (and the handlers holding it) for every request.
    pub leptos_options: Arc<LeptosOptions>,
    pub db: DatabaseConnection,
    pub clock: Clock,
    /// Absolute base URL of the site, without trailing slash (canonical links, JSON-LD, Open Graph).
    pub base_url: Arc<str>,
    /// The in-memory index that answers searches; it also tells the page cache the data version.
    pub directory: Arc<DirectoryIndex>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        (*state.leptos_options).clone()
    }
}
