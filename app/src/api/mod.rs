//! Server functions: thin adapters that read the request's state and call the domain layer.
//! Reads use GET (cacheable, no side effects, so no CSRF exposure); the language travels as an
//! argument because server functions do not see the page URL.

use common::codec::JsonText;
use common::directory::{BusinessProfile, DirectoryPage, HomeData};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Post};

/// The output encoding of our server functions (see `common::codec`).
pub type JsonAnswer = Post<JsonText>;

#[cfg(feature = "ssr")]
pub(crate) fn state() -> Result<crate::state::AppState, AppError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Categories and businesses open now, for the home page.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "home")]
pub async fn get_home(lang: Lang) -> Result<HomeData, AppError> {
    let state = state()?;
    let mut home = domain::directory::home(&state.db, &state.directory, lang, state.clock.now()).await?;
    // The current offers (issue 8), as HTML: see `components::offer_card`.
    let offers =
        domain::offers::public::current(&state.db, lang, state.clock.now(), common::offers::HOME_OFFERS).await?;
    home.offers_html = crate::components::offer_card::home_section_html(lang, offers);
    home.open_now_html = crate::components::business_card::cards_html(lang, &home.open_now);
    Ok(home)
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
    let mut page = domain::directory::search(&state.db, &state.directory, lang, &raw, state.clock.now()).await?;
    page.cards_html = crate::components::business_card::cards_html(lang, &page.items);
    // A search of words also offers the products they find (issue 13), on its first page.
    if let (1, Some(text)) = (page.page, raw.q.as_deref().map(str::trim).filter(|t| !t.is_empty())) {
        let limit = common::product_search::DIRECTORY_PRODUCTS;
        let (total, products) = domain::catalogue::search::matching_products(
            &state.db,
            &state.catalogue,
            &state.directory,
            lang,
            text,
            limit,
            state.clock.now(),
        )
        .await?;
        page.products_html = crate::components::product_card::directory_section_html(lang, text, total, &products);
    }
    Ok(page)
}

/// The full profile of a business.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "business")]
pub async fn get_business(lang: Lang, slug: String) -> Result<BusinessProfile, AppError> {
    let state = state()?;
    let mut profile = domain::directory::profile(&state.db, lang, &slug, state.clock.now(), &state.base_url).await?;
    // The shop's live offers (issue 8), as HTML: see `components::offer_card`.
    let offers = domain::offers::public::of_business(&state.db, lang, &slug, state.clock.now()).await?;
    profile.offers_html = crate::components::offer_card::business_section_html(lang, offers);
    // The shop's window (issue 13), as HTML too: see `components::product_card`.
    let (_, window) =
        domain::catalogue::public::window(&state.db, &state.directory, lang, &slug, 1, state.clock.now()).await?;
    profile.products_html = crate::components::product_card::business_section_html(lang, &slug, &window);
    Ok(profile)
}

#[cfg(any(feature = "ssr", feature = "private"))]
pub mod account;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod console;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod forms;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod listing;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod offers_merchant;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod photos;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_import;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_photos;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod products;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod stats;

/// The request's session (set by the server's session middleware).
#[cfg(feature = "ssr")]
pub(crate) fn session() -> crate::state::CurrentSession {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::state::CurrentSession>().cloned())
        .unwrap_or_default()
}

/// The request's client address (set by the server's client-address middleware, behind a
/// trusted proxy the visitor's), for the throttles; `unknown` outside a served request.
#[cfg(feature = "ssr")]
pub(crate) fn client_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::state::ClientIp>().map(|ip| ip.0.to_string()))
        .unwrap_or_else(|| "unknown".into())
}

/// Sets a response header of the server function's answer.
#[cfg(feature = "ssr")]
pub(crate) fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}
