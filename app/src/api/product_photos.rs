//! Server functions of a product's photos (issue 13), on the product's page of the dashboard:
//! make one the first (the one the cards show), delete one, edit one's text alternatives. Each
//! calls `domain::catalogue::photos`, which asks `domain::authz`, names the product within its
//! business and writes the business's history in the change's transaction. Uploads are
//! multipart bodies, taken by a plain axum handler (`server::http::products_merchant`), as the
//! business photos' are.
//!
//! Without JavaScript each is a form post answered by a redirect back to the product's page, at
//! its photos, saying what was done; a refused description comes back as typed.

use common::{AppError, Lang};
use leptos::prelude::*;

use super::JsonAnswer;

/// The product's page at its photos, saying what was done (`?photo=…#photos`), without language
/// prefix.
pub fn photos_path(business_id: i32, product_id: i32, done: &str) -> String {
    format!("{}?photo={done}#photos", crate::pages::products_merchant::editor_path(business_id, Some(product_id)))
}

#[cfg(feature = "ssr")]
fn media_dir() -> Result<std::sync::Arc<std::path::Path>, AppError> {
    use_context::<crate::state::MediaDir>().map(|dir| dir.0).ok_or_else(|| {
        tracing::error!("MediaDir missing from context");
        AppError::Internal
    })
}

/// Makes a photo the product's first.
#[server(output = JsonAnswer, endpoint = "first_product_photo")]
pub async fn first_product_photo(lang: Lang, business_id: i32, product_id: i32, photo_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    domain::catalogue::photos::make_first(
        &state.db,
        session.actor.as_ref(),
        business_id,
        product_id,
        photo_id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&lang.localize(&photos_path(business_id, product_id, "premiere")));
    Ok(())
}

/// Deletes a photo of the product.
#[server(output = JsonAnswer, endpoint = "delete_product_photo")]
pub async fn delete_product_photo(lang: Lang, business_id: i32, product_id: i32, photo_id: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let media_dir = media_dir()?;
    domain::catalogue::photos::delete(
        &state.db,
        &media_dir,
        session.actor.as_ref(),
        business_id,
        product_id,
        photo_id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&lang.localize(&photos_path(business_id, product_id, "supprimee")));
    Ok(())
}

/// Replaces a photo's text alternatives (French required). Problems name their field with the
/// photo's id (`alt_fr-12`), as on the business's photos page.
#[server(output = JsonAnswer, endpoint = "save_product_photo_alt")]
pub async fn save_product_photo_alt(
    lang: Lang,
    business_id: i32,
    product_id: i32,
    photo_id: i32,
    alt_fr: String,
    #[server(default)] alt_nl: String,
    #[server(default)] alt_en: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let alt = domain::photos::AltTexts { fr: alt_fr, nl: alt_nl, en: alt_en };
    let saved = domain::catalogue::photos::update_alt(
        &state.db,
        session.actor.as_ref(),
        business_id,
        product_id,
        photo_id,
        alt.clone(),
        state.clock.now(),
    )
    .await;
    let result = match saved.map_err(AppError::from) {
        Err(AppError::Invalid(problems)) => Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|mut problem| {
                    problem.field = super::photos::alt_field(&problem.field, photo_id);
                    problem
                })
                .collect(),
        )),
        other => other,
    };
    let photo = photo_id.to_string();
    let typed = [("photo_id", photo.as_str()), ("alt_fr", &alt.fr), ("alt_nl", &alt.nl), ("alt_en", &alt.en)];
    super::forms::keep_typed(result, <SaveProductPhotoAlt as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    leptos_axum::redirect(&lang.localize(&photos_path(business_id, product_id, "description")));
    Ok(())
}
