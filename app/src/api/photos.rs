//! Server functions of the photos page (`/tableau-de-bord/{id}/photos`): read a business's
//! photos, move one up or down, delete one, edit its text alternatives. The writes call
//! `domain::photos`, which asks `domain::authz` (staff, owners and town administrators may edit a
//! listing) and writes the business's history in the change's own transaction. Uploads are not
//! here: they are multipart bodies, which server functions take without any size limit (docs
//! PITFALLS 8.3), so a plain axum handler takes them (`server/src/http/uploads.rs`).

use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::JsonAnswer;

/// One photo as the merchant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRow {
    pub id: i32,
    /// The largest variant (or the demo town's SVG).
    pub url: String,
    /// The sizes of an uploaded photo; `None` for an SVG.
    pub srcset: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt_fr: String,
    pub alt_nl: String,
    pub alt_en: String,
}

impl PhotoRow {
    /// The text alternative in `lang`, falling back to French as the public pages do.
    pub fn alt_in(&self, lang: Lang) -> &str {
        let alt = match lang {
            Lang::Fr => &self.alt_fr,
            Lang::Nl => &self.alt_nl,
            Lang::En => &self.alt_en,
        };
        if alt.is_empty() {
            &self.alt_fr
        } else {
            alt
        }
    }
}

/// Everything the photos page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotosView {
    pub business_id: i32,
    pub name: String,
    pub slug: String,
    /// In display order: the first is the business's card photo.
    pub photos: Vec<PhotoRow>,
    /// How many photos a business may have.
    pub max_photos: u32,
    /// Largest file accepted, in megabytes (for the form's help text).
    pub max_megabytes: u32,
}

/// The photos of one business, for those who may edit its listing.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "photos")]
pub async fn get_photos(business_id: i32) -> Result<PhotosView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let access = authorize(&state, &session, business_id).await?;
    let photos = domain::photos::photos_of(&state.db, business_id).await?;
    let photos = photos
        .iter()
        .map(|photo| PhotoRow {
            id: photo.id,
            url: domain::directory::photo_url(&photo.file),
            srcset: domain::photos::srcset(photo, domain::directory::photo_url),
            width: photo.width.and_then(|w| u32::try_from(w).ok()),
            height: photo.height.and_then(|h| u32::try_from(h).ok()),
            alt_fr: photo.alt_fr.clone(),
            alt_nl: photo.alt_nl.clone(),
            alt_en: photo.alt_en.clone(),
        })
        .collect();
    let megabytes = domain::photos::MAX_UPLOAD_BYTES / (1024 * 1024);
    Ok(PhotosView {
        business_id,
        name: access.business.name,
        slug: access.business.slug,
        photos,
        max_photos: u32::try_from(domain::photos::MAX_PHOTOS).unwrap_or(u32::MAX),
        max_megabytes: u32::try_from(megabytes).unwrap_or(u32::MAX),
    })
}

/// Moves a photo one place up or down (`direction` = `up` | `down`). `order` is the list of
/// photo ids as the page showed it (comma-separated): if the photos changed since (another tab
/// deleted one), the domain refuses with 409 rather than guessing what was meant.
#[server(output = JsonAnswer, endpoint = "move_photo")]
pub async fn move_photo(
    lang: Lang,
    business_id: i32,
    photo_id: i32,
    direction: String,
    order: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let shown = parse_order(&order).ok_or(AppError::BadRequest)?;
    let step = match direction.as_str() {
        "up" => Step::Up,
        "down" => Step::Down,
        _ => return Err(AppError::BadRequest),
    };
    let reordered = moved(&shown, photo_id, step).ok_or(AppError::Conflict)?;
    let actor = session.actor.as_ref();
    domain::photos::reorder_photos(&state.db, actor, business_id, &reordered, state.clock.now()).await?;
    back_to(lang, business_id, &format!("ordre&photo={photo_id}#photo-{photo_id}"));
    Ok(())
}

/// Deletes a photo (the page asked for confirmation first).
#[server(output = JsonAnswer, endpoint = "delete_photo")]
pub async fn delete_photo(lang: Lang, business_id: i32, photo_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let media_dir = media_dir()?;
    let actor = session.actor.as_ref();
    domain::photos::delete_photo(&state.db, &media_dir, actor, business_id, photo_id, state.clock.now()).await?;
    back_to(lang, business_id, "supprimee");
    Ok(())
}

/// Replaces a photo's text alternatives (French required). The problems name their field with
/// the photo's id (`alt_fr-12`), so that the page shows them on that photo's form only.
#[server(output = JsonAnswer, endpoint = "save_photo_alt")]
pub async fn save_photo_alt(
    lang: Lang,
    business_id: i32,
    photo_id: i32,
    alt_fr: String,
    #[server(default)] alt_nl: String,
    #[server(default)] alt_en: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let alt = domain::photos::AltTexts { fr: alt_fr, nl: alt_nl, en: alt_en };
    let actor = session.actor.as_ref();
    let saved =
        domain::photos::update_alt(&state.db, actor, business_id, photo_id, alt.clone(), state.clock.now()).await;
    let result = match saved.map_err(AppError::from) {
        Err(AppError::Invalid(problems)) => {
            let problems = problems
                .into_iter()
                .map(|mut problem| {
                    problem.field = alt_field(&problem.field, photo_id);
                    problem
                })
                .collect();
            Err(AppError::Invalid(problems))
        }
        other => other,
    };
    // Without JavaScript, a refusal goes back to the page with what was typed, for this photo.
    let photo = photo_id.to_string();
    let typed = [("photo_id", photo.as_str()), ("alt_fr", &alt.fr), ("alt_nl", &alt.nl), ("alt_en", &alt.en)];
    super::forms::keep_typed(result, <SavePhotoAlt as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, business_id, &format!("description&photo={photo_id}#photo-{photo_id}"));
    Ok(())
}

/// The name of a text-alternative field of one photo's form (`alt_fr-12`): unique on the page.
pub fn alt_field(name: &str, photo_id: i32) -> String {
    format!("{name}-{photo_id}")
}

/// The way a photo moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
}

/// `"4,7,2"` as ids; `None` if any is not a number.
pub fn parse_order(text: &str) -> Option<Vec<i32>> {
    text.split(',').filter(|id| !id.trim().is_empty()).map(|id| id.trim().parse().ok()).collect()
}

/// The order after moving `photo_id` one step; `None` if the photo is not in the list. Moving the
/// first up or the last down changes nothing (the page shows no such button, but a second tab
/// may have).
pub fn moved(order: &[i32], photo_id: i32, step: Step) -> Option<Vec<i32>> {
    let at = order.iter().position(|&id| id == photo_id)?;
    let mut order = order.to_vec();
    match step {
        Step::Up if at > 0 => order.swap(at, at - 1),
        Step::Down if at + 1 < order.len() => order.swap(at, at + 1),
        _ => {}
    }
    Some(order)
}

#[cfg(feature = "ssr")]
async fn authorize(
    state: &crate::state::AppState,
    session: &crate::state::CurrentSession,
    business_id: i32,
) -> Result<domain::authz::Access, AppError> {
    use domain::authz::Need;
    Ok(domain::authz::authorize(&state.db, session.actor.as_ref(), business_id, Need::EditListing).await?)
}

#[cfg(feature = "ssr")]
fn media_dir() -> Result<std::sync::Arc<std::path::Path>, AppError> {
    use_context::<crate::state::MediaDir>().map(|dir| dir.0).ok_or_else(|| {
        tracing::error!("MediaDir missing from context");
        AppError::Internal
    })
}

/// Where a successful change goes without JavaScript: back to the photos page, saying what was
/// saved (`saved` may carry more parameters and a fragment).
#[cfg(feature = "ssr")]
fn back_to(lang: Lang, business_id: i32, saved: &str) {
    let page = lang.localize(&format!("/tableau-de-bord/{business_id}/photos"));
    leptos_axum::redirect(&format!("{page}?enregistre={saved}"));
}
