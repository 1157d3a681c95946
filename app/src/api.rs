//! Server functions: thin adapters that read the request's state and call the domain layer.
//! Reads use GET (cacheable, no side effects, so no CSRF exposure); the language travels as an
//! argument because server functions do not see the page URL.

use common::directory::{BusinessProfile, DirectoryPage, HomeData};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Post};
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON answers, decoded from text. server_fn's own `JsonEncoding` decodes with
/// `serde_json::from_slice` while hydration decodes resources with `serde_json::from_str`: each
/// page type's deserializer was compiled twice into the WASM bundle. Decoding both from `&str`
/// keeps one copy (the bytes on the wire are the same JSON).
pub struct JsonText;

/// The output encoding of our server functions.
pub type JsonAnswer = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(|e| e.to_string())?;
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(feature = "ssr")]
fn state() -> Result<crate::state::AppState, AppError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Categories and businesses open now, for the home page.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "home")]
pub async fn get_home(lang: Lang) -> Result<HomeData, AppError> {
    let state = state()?;
    Ok(domain::directory::home(&state.db, lang, state.clock.now()).await?)
}

/// One page of the directory for the parameters of a `/commerces?…` URL, as typed.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "businesses")]
pub async fn list_businesses(
    lang: Lang,
    q: Option<String>,
    category: Option<String>,
    open_now: Option<String>,
    page: Option<String>,
) -> Result<DirectoryPage, AppError> {
    let state = state()?;
    let raw = common::query::RawDirectoryQuery { q, category, open_now, page };
    Ok(domain::directory::search(&state.db, lang, &raw, state.clock.now()).await?)
}

/// The full profile of a business.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "business")]
pub async fn get_business(lang: Lang, slug: String) -> Result<BusinessProfile, AppError> {
    let state = state()?;
    Ok(domain::directory::profile(&state.db, lang, &slug, state.clock.now(), &state.base_url).await?)
}
