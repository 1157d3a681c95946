//! Server functions of the merchant dashboard: read a listing, save its profile and hours, add
//! or remove a date exception, close today or tomorrow in one tap, confirm the listing. Each
//! takes the business id and the version the form was loaded at; the domain checks who may do
//! it and refuses a save made from an outdated form (409).

use common::dashboard::ListingView;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The dashboard of one business.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "listing")]
pub async fn get_listing(lang: Lang, business_id: i32) -> Result<ListingView, AppError> {
    let state = super::state()?;
    let session = super::session();
    Ok(domain::listing::view(&state.db, session.actor.as_ref(), business_id, lang, state.clock.now()).await?)
}

/// Where a successful save goes without JavaScript: back to the page, saying it was saved.
#[cfg(feature = "ssr")]
fn back_to(lang: Lang, path: &str, saved: &str) {
    // `n` differs at every save, so that a second save of the same kind is a new URL and the
    // page reads the listing (and its version) again.
    let n: String = domain::accounts::tokens::random_token().chars().take(6).collect();
    leptos_axum::redirect(&format!("{}?enregistre={saved}&n={n}", lang.localize(path)));
}

#[server(output = JsonAnswer, endpoint = "save_profile")]
#[allow(clippy::too_many_arguments)]
pub async fn save_profile(
    lang: Lang,
    business_id: i32,
    version: i32,
    name: String,
    category: String,
    description_fr: String,
    description_nl: String,
    description_en: String,
    street: String,
    postcode: String,
    locality: String,
    latitude: String,
    longitude: String,
    phone: String,
    email: String,
    website: String,
    facebook: String,
    instagram: String,
    #[server(default)] step_free_entrance: Option<String>,
    #[server(default)] wide_door: Option<String>,
    #[server(default)] accessible_toilet: Option<String>,
    #[server(default)] accessible_parking: Option<String>,
    #[server(default)] seating_available: Option<String>,
    #[server(default)] assistance_dogs_welcome: Option<String>,
    #[server(default)] hearing_loop: Option<String>,
) -> Result<i32, AppError> {
    // One checkbox per feature (named after its key): a ticked box is sent, an unticked one not.
    let ticked = [
        step_free_entrance,
        wide_door,
        accessible_toilet,
        accessible_parking,
        seating_available,
        assistance_dogs_welcome,
        hearing_loop,
    ];
    let accessibility: Vec<&str> = common::dashboard::ACCESSIBILITY_FEATURES
        .iter()
        .zip(ticked.iter())
        .filter(|(_, t)| t.is_some())
        .map(|(k, _)| *k)
        .collect();
    let state = super::state()?;
    let session = super::session();
    let form = common::dashboard::ProfileForm {
        name,
        category,
        description_fr,
        description_nl,
        description_en,
        street,
        postcode,
        locality,
        latitude,
        longitude,
        phone,
        email,
        website,
        facebook,
        instagram,
        accessibility: accessibility.join(","),
    };
    let result =
        domain::listing::save_profile(&state.db, session.actor.as_ref(), business_id, version, &form, state.clock.now())
            .await
            .map_err(AppError::from);
    let f = &form;
    let typed = [
        ("name", f.name.as_str()),
        ("category", f.category.as_str()),
        ("description_fr", f.description_fr.as_str()),
        ("description_nl", f.description_nl.as_str()),
        ("description_en", f.description_en.as_str()),
        ("street", f.street.as_str()),
        ("postcode", f.postcode.as_str()),
        ("locality", f.locality.as_str()),
        ("latitude", f.latitude.as_str()),
        ("longitude", f.longitude.as_str()),
        ("phone", f.phone.as_str()),
        ("email", f.email.as_str()),
        ("website", f.website.as_str()),
        ("facebook", f.facebook.as_str()),
        ("instagram", f.instagram.as_str()),
        ("accessibility", f.accessibility.as_str()),
    ];
    let version = super::forms::keep_typed(result, <SaveProfile as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}/profil"), "profil");
    Ok(version)
}

#[server(output = JsonAnswer, endpoint = "save_hours")]
#[allow(clippy::too_many_arguments)]
pub async fn save_hours(
    lang: Lang,
    business_id: i32,
    version: i32,
    day0: String,
    day1: String,
    day2: String,
    day3: String,
    day4: String,
    day5: String,
    day6: String,
    #[server(default)] closed_on_holidays: Option<String>,
) -> Result<i32, AppError> {
    let state = super::state()?;
    let session = super::session();
    let form = common::dashboard::HoursForm { days: [day0, day1, day2, day3, day4, day5, day6], closed_on_holidays: closed_on_holidays.is_some() };
    let result =
        domain::listing::save_hours(&state.db, session.actor.as_ref(), business_id, version, &form, state.clock.now())
            .await
            .map_err(AppError::from);
    let d = &form.days;
    let holidays = if form.closed_on_holidays { "on" } else { "" };
    let typed = [
        ("day0", d[0].as_str()),
        ("day1", d[1].as_str()),
        ("day2", d[2].as_str()),
        ("day3", d[3].as_str()),
        ("day4", d[4].as_str()),
        ("day5", d[5].as_str()),
        ("day6", d[6].as_str()),
        ("closed_on_holidays", holidays),
    ];
    let version = super::forms::keep_typed(result, <SaveHours as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}"), "horaires");
    Ok(version)
}

#[server(output = JsonAnswer, endpoint = "add_exception")]
#[allow(clippy::too_many_arguments)]
pub async fn add_exception(
    lang: Lang,
    business_id: i32,
    version: i32,
    starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] closed: Option<String>,
    #[server(default)] hours: String,
    #[server(default)] note_fr: String,
    #[server(default)] note_nl: String,
    #[server(default)] note_en: String,
) -> Result<i32, AppError> {
    let state = super::state()?;
    let session = super::session();
    let input = domain::listing::ExceptionInput {
        starts_on,
        ends_on,
        closed: closed.is_some(),
        hours,
        note_fr,
        note_nl,
        note_en,
    };
    let result =
        domain::listing::add_exception(&state.db, session.actor.as_ref(), business_id, version, &input, state.clock.now())
            .await
            .map_err(AppError::from);
    let closed = if input.closed { "on" } else { "" };
    let typed = [
        ("starts_on", input.starts_on.as_str()),
        ("ends_on", input.ends_on.as_str()),
        ("closed", closed),
        ("hours", input.hours.as_str()),
        ("note_fr", input.note_fr.as_str()),
        ("note_nl", input.note_nl.as_str()),
        ("note_en", input.note_en.as_str()),
    ];
    let version = super::forms::keep_typed(result, <AddException as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}"), "exception");
    Ok(version)
}

/// Closes the business today or tomorrow (`day` = `today` | `tomorrow`): one tap.
#[server(output = JsonAnswer, endpoint = "close_day")]
pub async fn close_day(lang: Lang, business_id: i32, version: i32, day: String) -> Result<i32, AppError> {
    let state = super::state()?;
    let session = super::session();
    let day = domain::listing::CloseDay::parse(&day).ok_or(AppError::BadRequest)?;
    let version =
        domain::listing::close_day(&state.db, session.actor.as_ref(), business_id, version, day, state.clock.now()).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}"), "ferme");
    Ok(version)
}

#[server(output = JsonAnswer, endpoint = "remove_exception")]
pub async fn remove_exception(lang: Lang, business_id: i32, version: i32, exception_id: i32) -> Result<i32, AppError> {
    let state = super::state()?;
    let session = super::session();
    let version = domain::listing::remove_exception(
        &state.db,
        session.actor.as_ref(),
        business_id,
        version,
        exception_id,
        state.clock.now(),
    )
    .await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}"), "exception");
    Ok(version)
}

/// "Everything is still correct".
#[server(output = JsonAnswer, endpoint = "confirm_listing")]
pub async fn confirm_listing(lang: Lang, business_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::listing::confirm(&state.db, session.actor.as_ref(), business_id, state.clock.now()).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}"), "confirme");
    Ok(())
}

/// The team and history of a business (owners and administrators).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "team")]
pub async fn get_team(business_id: i32) -> Result<common::dashboard::TeamView, AppError> {
    let state = super::state()?;
    let session = super::session();
    Ok(domain::team::team_view(&state.db, session.actor.as_ref(), business_id, state.clock.now()).await?)
}

/// An owner invites a member of staff (the e-mail goes in the chosen language).
#[server(output = JsonAnswer, endpoint = "invite_staff")]
pub async fn invite_staff(lang: Lang, business_id: i32, email: String, invite_lang: Lang) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let result = domain::team::invite(
        &state.db,
        &state.mail,
        session.actor.as_ref(),
        business_id,
        &email,
        domain::authz::Role::Staff,
        invite_lang,
        &state.base_url,
        state.clock.now(),
    )
    .await
    .map_err(AppError::from);
    let typed = [("email", email.as_str()), ("invite_lang", crate::pages::dashboard::lang_field(invite_lang))];
    super::forms::keep_typed(result, <InviteStaff as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}/equipe"), "equipe");
    Ok(())
}

#[server(output = JsonAnswer, endpoint = "revoke_staff_invitation")]
pub async fn revoke_staff_invitation(lang: Lang, business_id: i32, email: String) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::team::revoke_invitation(&state.db, session.actor.as_ref(), business_id, &email, state.clock.now()).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}/equipe"), "equipe");
    Ok(())
}

#[server(output = JsonAnswer, endpoint = "remove_staff")]
pub async fn remove_staff(lang: Lang, business_id: i32, account_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::team::remove_member(&state.db, session.actor.as_ref(), business_id, account_id, state.clock.now()).await?;
    back_to(lang, &format!("/tableau-de-bord/{business_id}/equipe"), "equipe");
    Ok(())
}

/// The status line the public page would show now with these hours (the live preview).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "preview_hours")]
#[allow(clippy::too_many_arguments)]
pub async fn preview_hours(
    lang: Lang,
    business_id: i32,
    day0: String,
    day1: String,
    day2: String,
    day3: String,
    day4: String,
    day5: String,
    day6: String,
    closed_on_holidays: bool,
) -> Result<Option<common::directory::OpenStatus>, AppError> {
    let state = super::state()?;
    let session = super::session();
    let form = common::dashboard::HoursForm { days: [day0, day1, day2, day3, day4, day5, day6], closed_on_holidays };
    Ok(domain::listing::preview_status(&state.db, session.actor.as_ref(), business_id, lang, &form, state.clock.now())
        .await?)
}
