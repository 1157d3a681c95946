//! Server functions of the merchant's offers pages (issue 8): read a business's offers by state,
//! open one in the editor, and the one-tap writes of the list (publish a previewed draft, end
//! early, delete, post again). Each goes through `domain::offers::manage`, which asks
//! `domain::authz` first (staff, owners and town administrators may post for a business; an
//! offer id of another business is `NotFound`).
//!
//! The compose and edit form is not here: it carries a photo, a multipart body, which server
//! functions take without any size limit (docs PITFALLS 8.3), so the server's own handler takes
//! it (`server/src/http/offers_merchant.rs`), as for the photos page.

use common::offers::{MerchantOffers, OfferEdit};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::JsonAnswer;

/// The list page: the business's offers by state, and the dates "post again" proposes for each
/// ended offer (from today, as long as the original).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantOffersView {
    pub offers: MerchantOffers,
    /// The town's date (`YYYY-MM-DD`): the `min` of the date fields.
    pub today: String,
    /// `(offer id, starts_on, ends_on)` for each ended offer.
    pub post_again: Vec<(i32, String, String)>,
}

/// The editor page: the business, and the offer being edited (`None` to compose a new one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferEditorView {
    pub business_id: i32,
    pub business_name: String,
    pub today: String,
    pub offer: Option<OfferEdit>,
    /// What a refused form had typed (kept for this session, its id in `?formulaire=…`), shown
    /// instead of the saved values.
    pub typed: Option<common::offers::OfferForm>,
    /// Largest photo accepted, in megabytes (for the help text).
    pub max_megabytes: u32,
}

/// A business's offers, for those who may post for it.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "merchant_offers")]
pub async fn get_merchant_offers(lang: Lang, business_id: i32) -> Result<MerchantOffersView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let now = state.clock.now();
    let actor = session.actor.as_ref();
    let offers = domain::offers::manage::list(&state.db, actor, business_id, lang, now).await?;
    let post_again = domain::offers::manage::post_again_proposals(&state.db, actor, business_id, now)
        .await?
        .into_iter()
        .map(|(id, start, end)| (id, start.format("%Y-%m-%d").to_string(), end.format("%Y-%m-%d").to_string()))
        .collect();
    let today = domain::clock::today_in_brussels(now).format("%Y-%m-%d").to_string();
    Ok(MerchantOffersView { offers, today, post_again })
}

/// The editor: a new offer (`offer_id` 0) or an existing one of this business; `typed` is the id
/// of a refused form's kept values (`?formulaire=…`), read only for the session that typed them.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "merchant_offer_edit")]
pub async fn get_offer_editor(
    business_id: i32,
    offer_id: i32,
    #[server(default)] typed: String,
) -> Result<OfferEditorView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let now = state.clock.now();
    let actor = session.actor.as_ref();
    let access = domain::authz::authorize(&state.db, actor, business_id, domain::authz::Need::EditListing).await?;
    let offer = if offer_id == 0 {
        None
    } else {
        Some(domain::offers::manage::edit_view(&state.db, actor, business_id, offer_id, now).await?)
    };
    let megabytes = domain::photos::MAX_UPLOAD_BYTES / (1024 * 1024);
    Ok(OfferEditorView {
        business_id,
        business_name: access.business.name,
        today: domain::clock::today_in_brussels(now).format("%Y-%m-%d").to_string(),
        offer,
        typed: kept_typed(&state, &session, &typed, now).await?,
        max_megabytes: u32::try_from(megabytes).unwrap_or(u32::MAX),
    })
}

/// Publishes a previewed draft as it is (its dates are checked again).
#[server(output = JsonAnswer, endpoint = "publish_offer")]
pub async fn publish_offer(lang: Lang, business_id: i32, offer_id: i32, version: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::offers::manage::publish(
        &state.db,
        session.actor.as_ref(),
        business_id,
        offer_id,
        version,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, "publiee", offer_id);
    Ok(())
}

/// Ends a scheduled or live offer now.
#[server(output = JsonAnswer, endpoint = "end_offer")]
pub async fn end_offer(lang: Lang, business_id: i32, offer_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::offers::manage::end_early(&state.db, session.actor.as_ref(), business_id, offer_id, state.clock.now())
        .await?;
    back_to(lang, business_id, "terminee", offer_id);
    Ok(())
}

/// Deletes an offer (the page asked for confirmation first).
#[server(output = JsonAnswer, endpoint = "delete_offer")]
pub async fn delete_offer(lang: Lang, business_id: i32, offer_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let media_dir = media_dir()?;
    domain::offers::manage::delete(
        &state.db,
        &media_dir,
        session.actor.as_ref(),
        business_id,
        offer_id,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, "supprimee", offer_id);
    Ok(())
}

/// "Post again": a new published offer copied from an ended one, with the dates given (the page
/// fills in those of [`MerchantOffersView::post_again`]). The problems name their field with
/// the source offer's id (`starts_on-12`), so that the page shows them on that offer only.
#[server(output = JsonAnswer, endpoint = "post_offer_again")]
pub async fn post_offer_again(
    lang: Lang,
    business_id: i32,
    offer_id: i32,
    starts_on: String,
    ends_on: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let posted = domain::offers::manage::post_again(
        &state.db,
        session.actor.as_ref(),
        business_id,
        offer_id,
        &starts_on,
        &ends_on,
        state.clock.now(),
    )
    .await;
    let result = match posted.map_err(AppError::from) {
        Err(AppError::Invalid(problems)) => Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|mut problem| {
                    problem.field = again_field(&problem.field, offer_id);
                    problem
                })
                .collect(),
        )),
        other => other,
    };
    // Without JavaScript, a refusal goes back to the list with the dates typed, on this offer.
    let offer = offer_id.to_string();
    let typed = [("offer_id", offer.as_str()), ("starts_on", starts_on.as_str()), ("ends_on", ends_on.as_str())];
    let new_id =
        super::forms::keep_typed(result, <PostOfferAgain as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, business_id, "republiee", new_id);
    Ok(())
}

/// The name of a field of one ended offer's "post again" form (`starts_on-12`): unique on the
/// page.
pub fn again_field(name: &str, offer_id: i32) -> String {
    format!("{name}-{offer_id}")
}

/// The values kept when this session's offer form was refused (see `api::forms`).
#[cfg(feature = "ssr")]
async fn kept_typed(
    state: &crate::state::AppState,
    session: &crate::state::CurrentSession,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<common::offers::OfferForm>, AppError> {
    use crate::pages::offers_merchant::{decode_typed, ECHO_FORM, TYPED_PARAMETER};
    if id.is_empty() {
        return Ok(None);
    }
    let fields = domain::form_echo::read(&state.db, session.token.as_deref(), id, ECHO_FORM, now).await?;
    Ok(fields
        .unwrap_or_default()
        .into_iter()
        .find(|(name, _)| name == TYPED_PARAMETER)
        .and_then(|(_, v)| decode_typed(&v)))
}

#[cfg(feature = "ssr")]
pub(crate) fn media_dir() -> Result<std::sync::Arc<std::path::Path>, AppError> {
    use_context::<crate::state::MediaDir>().map(|dir| dir.0).ok_or_else(|| {
        tracing::error!("MediaDir missing from context");
        AppError::Internal
    })
}

/// Where a successful change goes without JavaScript: back to the list, saying what was done
/// and to which offer.
#[cfg(feature = "ssr")]
fn back_to(lang: Lang, business_id: i32, done: &str, offer_id: i32) {
    let page = lang.localize(&crate::pages::offers_merchant::list_path(business_id));
    leptos_axum::redirect(&format!("{page}?fait={done}&offre={offer_id}"));
}
