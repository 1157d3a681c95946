//! The offers the hydrated public pages show (issue 8): the home page's current offers and a
//! business's live offers. The offers pages' own reads are in `pages::offers` (server-rendered,
//! not in the public bundle).

use common::offers::OfferCard;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The newest live offers, for the home page.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "current-offers")]
pub async fn get_current_offers(lang: Lang) -> Result<Vec<OfferCard>, AppError> {
    let state = super::state()?;
    Ok(domain::offers::public::current(&state.db, lang, state.clock.now(), common::offers::HOME_OFFERS).await?)
}

/// The live offers of a public business.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "business-offers")]
pub async fn get_business_offers(lang: Lang, slug: String) -> Result<Vec<OfferCard>, AppError> {
    let state = super::state()?;
    Ok(domain::offers::public::of_business(&state.db, lang, &slug, state.clock.now()).await?)
}
