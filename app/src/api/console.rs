//! Server functions of the town console (administrators only; the domain checks it).

use common::console::{BusinessAdmin, ConsoleView};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The list of businesses with the console's filters (`etat`, `categorie`, `jours`).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "console")]
pub async fn get_console(
    lang: Lang,
    categorie: Option<String>,
    etat: Option<String>,
    jours: Option<i64>,
) -> Result<ConsoleView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let listing_state = match etat.as_deref().filter(|s| !s.is_empty()) {
        Some(code) => Some(common::console::ListingState::from_code(code).ok_or(AppError::BadRequest)?),
        None => None,
    };
    let min_days = jours.filter(|d| *d > 0);
    Ok(domain::console::overview(
        &state.db,
        session.actor.as_ref(),
        lang,
        categorie.as_deref(),
        listing_state,
        min_days,
        state.clock.now(),
    )
    .await?)
}

/// One business's administration.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "console_business")]
pub async fn get_console_business(business_id: i32) -> Result<BusinessAdmin, AppError> {
    let state = super::state()?;
    let session = super::session();
    Ok(domain::console::business(&state.db, session.actor.as_ref(), business_id, state.clock.now()).await?)
}

#[cfg(feature = "ssr")]
fn back_to(lang: Lang, business_id: i32, done: &str) {
    leptos_axum::redirect(&format!("{}?fait={done}", lang.localize(&format!("/console/commerce/{business_id}"))));
}

/// Creates a business, then opens its console page.
#[server(output = JsonAnswer, endpoint = "create_business")]
pub async fn create_business(
    lang: Lang,
    name: String,
    category: String,
    street: String,
    postcode: String,
    locality: String,
) -> Result<i32, AppError> {
    let state = super::state()?;
    let session = super::session();
    let input = domain::console::NewBusiness { name, category, street, postcode, locality };
    let result = domain::console::create_business(&state.db, session.actor.as_ref(), &input, state.clock.now())
        .await
        .map_err(AppError::from);
    let typed = [
        ("name", input.name.as_str()),
        ("category", input.category.as_str()),
        ("street", input.street.as_str()),
        ("postcode", input.postcode.as_str()),
        ("locality", input.locality.as_str()),
    ];
    let id = super::forms::keep_typed(result, <CreateBusiness as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, id, "cree");
    Ok(id)
}

/// Invites (or invites again, revoking the previous link) a person to manage a business.
#[server(output = JsonAnswer, endpoint = "invite")]
pub async fn invite(lang: Lang, business_id: i32, email: String, role: String, invite_lang: Lang) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let parsed = domain::authz::Role::parse(&role).ok_or(AppError::BadRequest)?;
    let result = domain::team::invite(
        &state.db,
        &state.mail,
        session.actor.as_ref(),
        business_id,
        &email,
        parsed,
        invite_lang,
        &state.base_url,
        state.clock.now(),
    )
    .await
    .map_err(AppError::from);
    let typed =
        [("email", email.as_str()), ("role", role.as_str()), ("invite_lang", crate::pages::dashboard::lang_field(invite_lang))];
    super::forms::keep_typed(result, <Invite as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, business_id, "invite");
    Ok(())
}

#[server(output = JsonAnswer, endpoint = "revoke_invitation")]
pub async fn revoke_invitation(lang: Lang, business_id: i32, email: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::team::revoke_invitation(&state.db, session.actor.as_ref(), business_id, &email, state.clock.now()).await?;
    back_to(lang, business_id, "revoque");
    Ok(())
}

#[server(output = JsonAnswer, endpoint = "remove_member")]
pub async fn remove_member(lang: Lang, business_id: i32, account_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::team::remove_member(&state.db, session.actor.as_ref(), business_id, account_id, state.clock.now()).await?;
    back_to(lang, business_id, "retire");
    Ok(())
}

/// Publishes (`publish` = `1`) or unpublishes a business, with the reason its merchants see.
#[server(output = JsonAnswer, endpoint = "set_published")]
pub async fn set_published(
    lang: Lang,
    business_id: i32,
    publish: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let result = domain::console::set_published(
        &state.db,
        session.actor.as_ref(),
        business_id,
        publish == "1",
        &reason,
        state.clock.now(),
    )
    .await
    .map_err(AppError::from);
    let typed = [("reason", reason.as_str())];
    super::forms::keep_typed(result, <SetPublished as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, business_id, if publish == "1" { "publie" } else { "depublie" });
    Ok(())
}

/// Sends a freshness reminder to the people of every business not confirmed for `jours` days.
#[server(output = JsonAnswer, endpoint = "remind_stale")]
pub async fn remind_stale(lang: Lang, jours: i64) -> Result<usize, AppError> {
    let state = super::state()?;
    let session = super::session();
    let now = state.clock.now();
    let sent =
        domain::console::remind_stale(&state.db, &state.mail, session.actor.as_ref(), jours, &state.base_url, now)
            .await?;
    leptos_axum::redirect(&format!("{}?jours={jours}&rappels={sent}", lang.localize("/console")));
    Ok(sent)
}
