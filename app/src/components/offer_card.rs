//! An offer in a list (the feed, the home page, a business's page): kind, title, shop, dates.
//!
//! **Rendered by the server only.** The home and business pages are hydrated by the public
//! bundle, which is at its budget (docs/PERFORMANCE.md): rather than compiling this list, its
//! translations and `OfferCard`'s deserialiser (and a server function and resource of their own)
//! into the bundle, `api::get_home` and `api::get_business` add the whole section to the page's
//! data as HTML made here ([`home_section_html`], [`business_section_html`]; the fields
//! `HomeData::offers_html`, `BusinessProfile::offers_html`), which the pages insert as is
//! (`inner_html`): the browser's share of the feature is one string field per page. Measured:
//! 5.1 KB brotli with a server function, a resource and the list's code per page
//! (docs/PERFORMANCE.md).
//! The offers pages (`pages::offers`, not hydrated) use the same markup through [`OfferList`].
//!
//! Links to offers pages are full page loads (`rel="external"`): the public bundle's router does
//! not know those pages.

use common::offers::{OfferCard, OfferKind};
use common::time::Day;
use common::Lang;
use leptos::prelude::*;

use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};

/// The name of a kind of offer.
pub fn kind_name(loc: Locale, kind: OfferKind) -> &'static str {
    match kind {
        OfferKind::Promotion => td_string!(loc, offers.kind_promotion),
        OfferKind::NewArrival => td_string!(loc, offers.kind_new_arrival),
        OfferKind::Event => td_string!(loc, offers.kind_event),
        OfferKind::InStore => td_string!(loc, offers.kind_in_store),
    }
}

/// "Jusqu'au 5 décembre" (with the year when the offer runs into another year).
pub fn until(loc: Locale, ends_on: &Day, starts_on: &Day) -> String {
    td_string!(loc, offers.until, date = format::date(loc, ends_on, ends_on.year != starts_on.year))
}

/// The list's markup in `lang` (no context needed: also made inside a server function called
/// over HTTP). `show_shop` is false on the shop's own page.
fn offer_list_view(lang: Lang, offers: Vec<OfferCard>, show_shop: bool) -> impl IntoView {
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

/// The home page's "current offers" section as HTML (heading, list or "none", link to the feed).
#[cfg(feature = "ssr")]
pub fn home_section_html(lang: Lang, offers: Vec<OfferCard>) -> String {
    let loc = locale(lang);
    let list = if offers.is_empty() {
        view! { <p>{td_string!(loc, offers.home_none)}</p> }.into_any()
    } else {
        offer_list_view(lang, offers, true).into_any()
    };
    let section = view! {
        <section class="section" aria-labelledby="home-offers">
            <h2 id="home-offers">{td_string!(loc, offers.home_heading)}</h2>
            {list}
            <p class="more">
                <a href=href(lang, "/offres") rel="external">{td_string!(loc, offers.home_all)}</a>
            </p>
        </section>
    };
    Owner::new().with(|| section.to_html())
}

/// A business page's "current offers" section as HTML (`#offres`: an ended offer's page links
/// here), empty when the shop has none.
#[cfg(feature = "ssr")]
pub fn business_section_html(lang: Lang, offers: Vec<OfferCard>) -> String {
    if offers.is_empty() {
        return String::new();
    }
    let loc = locale(lang);
    let section = view! {
        <section class="panel business__offers" id="offres" aria-labelledby="offers-title">
            <h2 id="offers-title">{td_string!(loc, offers.business_heading)}</h2>
            {offer_list_view(lang, offers, false)}
        </section>
    };
    Owner::new().with(|| section.to_html())
}

/// The cards of some offers, in the page's language (the offers pages).
#[component]
pub fn OfferList(offers: Vec<OfferCard>, #[prop(default = true)] show_shop: bool) -> impl IntoView {
    offer_list_view(current_lang(), offers, show_shop)
}
