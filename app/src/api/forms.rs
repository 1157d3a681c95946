//! Forms refused while the browser ran no JavaScript (issue 12). server_fn sends such a refusal
//! back to the form's page with the error in the URL (`?__path=…&__err=…`), so the page shows the
//! message next to each field; the values typed are not sent back. They are kept server-side
//! for the session that typed them (`domain::form_echo`) and the redirect carries only their
//! random id (`?formulaire=…`): the page reads them back through [`typed_values`].
//!
//! Values never travel in the URL: a text typed on two lines (CR/LF) made the edge refuse it,
//! a description could outgrow any URL, and a link anyone can craft would pre-fill a
//! merchant's form with someone else's text. Passwords are never kept.

use common::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;
use crate::components::form::Typed;

/// The values typed in a refused form, if the id (`?formulaire=…`) was given to this session
/// for this form (`?__path=…`) less than 30 minutes ago; nothing otherwise.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "form_echo")]
pub async fn typed_values(id: String, form: String) -> Result<Typed, AppError> {
    let state = super::state()?;
    let session = super::session();
    let fields = domain::form_echo::read(&state.db, session.token.as_deref(), &id, &form, state.clock.now()).await?;
    Ok(fields.map(|fields| Typed { form, fields }).unwrap_or_default())
}

/// The name a page gives a field's message in `form`: the forms repeated on a page (one per
/// photo, one per ended offer) name their fields' problems with the item's id (`alt_fr-12`).
#[cfg(feature = "ssr")]
pub fn problem_field(form: &str, field: &str, fields: &[(String, String)]) -> String {
    use leptos::server_fn::ServerFn;
    let item = |key: &str| fields.iter().find(|(name, _)| name == key).and_then(|(_, v)| v.parse::<i32>().ok());
    if form == super::photos::SavePhotoAlt::PATH {
        if let Some(photo) = item("photo_id") {
            return super::photos::alt_field(field, photo);
        }
    }
    if form == super::product_photos::SaveProductPhotoAlt::PATH {
        if let Some(photo) = item("photo_id") {
            return super::photos::alt_field(field, photo);
        }
    }
    if form == super::offers_merchant::PostOfferAgain::PATH {
        if let Some(offer) = item("offer_id") {
            return super::offers_merchant::again_field(field, offer);
        }
    }
    field.to_string()
}

/// Whether the request is a form posted by a browser without JavaScript: it asks for HTML (a
/// server function called by the page's code asks for JSON).
#[cfg(feature = "ssr")]
pub fn posted_without_javascript(headers: &http::HeaderMap) -> bool {
    headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Where a refused form goes back to: the path of the page it was sent from (never another
/// site), with the error for the page's action and the id of the kept values. `None` without a
/// `Referer`.
#[cfg(feature = "ssr")]
pub fn refusal_location(headers: &http::HeaderMap, form: &str, error: &AppError, echo: Option<&str>) -> Option<String> {
    use base64::engine::general_purpose::URL_SAFE;
    use base64::Engine;
    use leptos::server_fn::error::FromServerFnError;
    let referer = headers.get(http::header::REFERER).and_then(|v| v.to_str().ok())?;
    let page = referer.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..])).unwrap_or("/");
    let page = page.split(['?', '#']).next().unwrap_or("/");
    // `//host` would leave the site.
    let page = if page.starts_with("//") || page.starts_with("/\\") { "/" } else { page };
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("__path", form);
    query.append_pair("__err", &URL_SAFE.encode(error.ser()));
    if let Some(echo) = echo {
        query.append_pair(crate::components::form::ECHO_PARAMETER, echo);
    }
    Some(format!("{page}?{}", query.finish()))
}

/// Without JavaScript, a refused form (a field's problem, or a save from an outdated page) goes
/// back to its page with the values typed kept for this session (see the module doc). With
/// JavaScript nothing changes: the `ActionForm`'s fields still hold what was typed.
#[cfg(feature = "ssr")]
pub(crate) async fn keep_typed<T>(
    result: Result<T, AppError>,
    form: &str,
    typed: &[(&str, &str)],
) -> Result<T, AppError> {
    let Err(error) = &result else { return result };
    if !matches!(error, AppError::Invalid(_) | AppError::Conflict) {
        return result;
    }
    let Some(parts) = use_context::<http::request::Parts>() else { return result };
    if !posted_without_javascript(&parts.headers) {
        return result;
    }
    let fields: Vec<(String, String)> = typed.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let echo = match super::state() {
        Ok(state) => {
            let session = super::session();
            domain::form_echo::keep(&state.db, session.token.as_deref(), form, &fields, state.clock.now())
                .await
                .unwrap_or_else(|error| {
                    tracing::error!(%error, "a refused form's values could not be kept");
                    None
                })
        }
        Err(_) => None,
    };
    if let Some(location) = refusal_location(&parts.headers, form, error, echo.as_deref()) {
        leptos_axum::redirect(&location);
    }
    result
}
