//! An offer in a list (the feed, the home page, a business's page): kind, title, shop, dates.
//!
//! The offers pages (`/offres`, `/offres/{id}`) are rendered by the server and not hydrated
//! (docs/PERFORMANCE.md: the public bundle's budget), so links to them from hydrated pages are
//! full page loads (`rel="external"`): the public bundle's router does not know them.

use common::offers::{OfferCard, OfferKind};
use common::time::Day;
use leptos::prelude::*;

use crate::format;
use crate::i18n::*;
use crate::lang::{href, locale, use_lang};

/// The name of a kind of offer.
pub fn kind_name(loc: Locale, kind: OfferKind) -> &'static str {
    match kind {
        OfferKind::Promotion => td_string!(loc, offers.kind_promotion),
        OfferKind::NewArrival => td_string!(loc, offers.kind_new_arrival),
        OfferKind::Event => td_string!(loc, offers.kind_event),
        OfferKind::InStore => td_string!(loc, offers.kind_in_store),
    }
}

/// "Jusqu'au 5 décembre" (with the year when it is not this one's: `today_year`).
pub fn until(loc: Locale, ends_on: &Day, starts_on: &Day) -> String {
    td_string!(loc, offers.until, date = format::date(loc, ends_on, ends_on.year != starts_on.year))
}

/// The cards of some offers; `show_shop` false on the shop's own page.
#[component]
pub fn OfferList(offers: Vec<OfferCard>, #[prop(default = true)] show_shop: bool) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let loc = locale(lang);
    let items = offers
        .into_iter()
        .map(|offer| {
            let link = href(lang, &format!("/offres/{}", offer.id));
            let title_lang = (offer.title_lang != lang).then_some(offer.title_lang.code());
            let shop = show_shop.then(|| {
                view! { <p class="offer-card__shop">{td_string!(loc, offers.at_shop, shop = offer.business_name)}</p> }
            });
            let soon = offer
                .ending_soon
                .then(|| view! { <span class="badge badge--soon">{td_string!(loc, offers.ending_soon)}</span> });
            view! {
                <li class="offer-card">
                    <article>
                        <p class="offer-card__kind">{kind_name(loc, offer.kind)}</p>
                        <h3 class="offer-card__title">
                            <a href=link rel="external" lang=title_lang>{offer.title}</a>
                        </h3>
                        {shop}
                        <p class="offer-card__dates">
                            <time datetime=offer.ends_on.iso()>{until(loc, &offer.ends_on, &offer.starts_on)}</time>
                            {soon}
                        </p>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="offer-cards">{items}</ul> }
}
