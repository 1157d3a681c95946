//! Server functions of accounts: log in, log out (here or everywhere), change the password, and
//! who is logged in. Writes are POST (url-encoded, so the forms work before the WASM loads);
//! success redirects where the person should go next, which a browser without JavaScript follows
//! and `ActionForm` follows too.

use common::dashboard::Me;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The logged-in account and its businesses; `Unauthenticated` when nobody is.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "me")]
pub async fn get_me() -> Result<Me, AppError> {
    let state = super::state()?;
    let actor = super::session().actor.ok_or(AppError::Unauthenticated)?;
    let today = domain::clock::today_in_brussels(state.clock.now());
    let businesses = domain::accounts::memberships_of(&state.db, actor.account_id)
        .await?
        .into_iter()
        .map(|(b, role)| common::dashboard::MyBusiness {
            id: b.id,
            slug: b.slug,
            name: b.name,
            role: role.as_str().into(),
            days_since_confirmed: (today - b.confirmed_on).num_days(),
            published: b.published,
        })
        .collect();
    Ok(Me { email: actor.email, is_admin: actor.is_admin, businesses })
}

/// Logs in, then goes to the dashboard.
#[server(output = JsonAnswer, endpoint = "log_in")]
pub async fn log_in(lang: Lang, email: String, password: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let ip = super::client_ip();
    let logged_in = domain::accounts::log_in(&state.db, &email, &password, &ip, state.clock.now()).await?;
    // A new id at every login; the session the browser had before (if any) ends.
    if let Some(old) = session.token.as_deref() {
        domain::accounts::sessions::end(&state.db, old).await?;
    }
    domain::accounts::set_language(&state.db, logged_in.account.id, lang).await?;
    super::set_cookie(&session.cookie_for(&logged_in.session_token));
    leptos_axum::redirect(&lang.localize("/tableau-de-bord"));
    Ok(())
}

/// Logs out this browser.
#[server(output = JsonAnswer, endpoint = "log_out")]
pub async fn log_out(lang: Lang) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    if let Some(token) = session.token.as_deref() {
        domain::accounts::sessions::end(&state.db, token).await?;
    }
    super::set_cookie(&session.cleared_cookie());
    leptos_axum::redirect(&format!("{}?deconnecte=1", lang.localize("/connexion")));
    Ok(())
}

/// Logs out every browser of the account (a lost phone).
#[server(output = JsonAnswer, endpoint = "log_out_everywhere")]
pub async fn log_out_everywhere(lang: Lang) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref().ok_or(AppError::Unauthenticated)?;
    domain::accounts::sessions::end_all(&state.db, actor.account_id, state.clock.now()).await?;
    super::set_cookie(&session.cleared_cookie());
    leptos_axum::redirect(&format!("{}?deconnecte=1", lang.localize("/connexion")));
    Ok(())
}

/// Changes the password: every other session ends, this browser gets a new one.
#[server(output = JsonAnswer, endpoint = "change_password")]
pub async fn change_password(lang: Lang, current_password: String, new_password: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref().ok_or(AppError::Unauthenticated)?;
    let now = state.clock.now();
    let token =
        domain::accounts::change_password(&state.db, &state.mail, actor, &current_password, &new_password, now).await?;
    super::set_cookie(&session.cookie_for(&token));
    leptos_axum::redirect(&format!("{}?mot-de-passe=1", lang.localize("/compte")));
    Ok(())
}

/// What the page behind an invitation link shows before the person continues.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub business: Option<String>,
    pub needs_password: bool,
    /// The address already has an account with a password: the page asks for it.
    #[serde(default)]
    pub asks_account_password: bool,
}

/// Reads an invitation link without using it (mail scanners that open links use nothing up).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    let state = super::state()?;
    let preview = domain::team::preview(&state.db, &token, state.clock.now()).await?;
    Ok(InvitationInfo {
        email: preview.email,
        business: preview.business_name,
        needs_password: preview.needs_password,
        asks_account_password: preview.asks_account_password,
    })
}

/// Accepts an invitation (setting the password if the account has none, or checking the
/// account's password, throttled like a login, if it has one) and logs in.
#[server(output = JsonAnswer, endpoint = "accept_invitation")]
pub async fn accept_invitation(
    lang: Lang,
    token: String,
    #[server(default)] new_password: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let typed = if password.is_empty() { new_password } else { password };
    let typed = (!typed.is_empty()).then_some(typed.as_str());
    let ip = super::client_ip();
    let logged_in = domain::team::accept_from(&state.db, &token, typed, &ip, state.clock.now()).await?;
    domain::accounts::set_language(&state.db, logged_in.account.id, lang).await?;
    super::set_cookie(&session.cookie_for(&logged_in.session_token));
    leptos_axum::redirect(&lang.localize("/tableau-de-bord"));
    Ok(())
}

/// "Forgot your password": e-mails a link if the address has an account; the same answer either way.
#[server(output = JsonAnswer, endpoint = "request_password_reset")]
pub async fn request_password_reset(lang: Lang, email: String) -> Result<(), AppError> {
    let state = super::state()?;
    let now = state.clock.now();
    domain::accounts::request_password_reset(&state.db, &state.mail, &email, &state.base_url, now).await?;
    leptos_axum::redirect(&format!("{}?envoye=1", lang.localize("/mot-de-passe-oublie")));
    Ok(())
}

/// Whether a reset link can still be used (the page says so before asking for a password).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "reset_link")]
pub async fn check_reset_link(token: String) -> Result<(), AppError> {
    let state = super::state()?;
    Ok(domain::accounts::reset_link_valid(&state.db, &token, state.clock.now()).await?)
}

/// Sets a new password from a reset link, ends every session and logs this browser in.
#[server(output = JsonAnswer, endpoint = "reset_password")]
pub async fn reset_password(lang: Lang, token: String, new_password: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let logged_in =
        domain::accounts::reset_password(&state.db, &state.mail, &token, &new_password, state.clock.now()).await?;
    super::set_cookie(&session.cookie_for(&logged_in.session_token));
    leptos_axum::redirect(&lang.localize("/tableau-de-bord"));
    Ok(())
}

/// Asks to change the account's e-mail: a link goes to the new address.
#[server(output = JsonAnswer, endpoint = "request_email_change")]
pub async fn request_email_change(lang: Lang, current_password: String, new_email: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref().ok_or(AppError::Unauthenticated)?;
    let result = domain::accounts::request_email_change(
        &state.db,
        &state.mail,
        actor,
        &current_password,
        &new_email,
        &state.base_url,
        state.clock.now(),
    )
    .await
    .map_err(AppError::from);
    // The password is never kept; the new address is.
    let typed = [("new_email", new_email.as_str())];
    super::forms::keep_typed(result, <RequestEmailChange as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    leptos_axum::redirect(&format!("{}?adresse=envoye", lang.localize("/compte")));
    Ok(())
}

/// Follows an e-mail change link (by a POST from its page, not by opening it).
#[server(output = JsonAnswer, endpoint = "confirm_email_change")]
pub async fn confirm_email_change(lang: Lang, token: String) -> Result<(), AppError> {
    let state = super::state()?;
    domain::accounts::confirm_email_change(&state.db, &state.mail, &token, state.clock.now()).await?;
    leptos_axum::redirect(&format!("{}?adresse=change", lang.localize("/compte")));
    Ok(())
}
