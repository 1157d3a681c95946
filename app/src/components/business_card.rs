//! A business in a list: photo, name, category, address and live status.

use common::directory::BusinessCard;
use common::Lang;
use leptos::prelude::*;

use crate::format;
use crate::lang::{current_lang, href, locale};

/// The width a card's photo takes (style/main.css `.cards`: one column up to about 33rem, then
/// columns of 16rem or more, never wider than about 25rem), for the browser's choice in `srcset`.
const CARD_SIZES: &str = "(max-width: 34rem) 100vw, 25rem";

/// `first`: the first card of a list, whose photo is often the largest thing on a phone's
/// screen: loaded at once and early (`fetchpriority="high"`), not lazily after layout.
/// `lang`: the page's, read once by the list (reading it per card cost as much as the card).
#[component]
pub fn BusinessCardView(card: BusinessCard, lang: Lang, #[prop(default = false)] first: bool) -> impl IntoView {
    let loc = locale(lang);
    let link = href(lang, &format!("/commerces/{}", card.slug));
    let status_text = format::status(loc, &card.status);
    let status_class = if card.status.is_open() { "status status--open" } else { "status status--closed" };
    let address = format!("{}, {}", card.street, card.locality);
    view! {
        <li class="card">
            <article class="card__body">
                {card
                    .photo
                    .map(|photo| {
                        // As on the business page: an uploaded photo's own size and widths; the
                        // demo town's SVGs keep their 16:10 box.
                        let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
                        let sizes = photo.srcset.is_some().then_some(CARD_SIZES);
                        view! {
                            <img
                                class="card__photo"
                                src=photo.url
                                srcset=photo.srcset
                                sizes=sizes
                                alt=""
                                width=width
                                height=height
                                loading=if first { "eager" } else { "lazy" }
                                fetchpriority=first.then_some("high")
                            />
                        }
                    })}
                <div class="card__text">
                    <h3 class="card__title">
                        <a href=link>{card.name}</a>
                    </h3>
                    <p class="card__category">{card.category_name}</p>
                    <p class="card__address">{address}</p>
                    <p class=status_class>{status_text}</p>
                </div>
            </article>
        </li>
    }
}

/// A list of cards; the first one's photo is fetched first (see `BusinessCardView`).
#[component]
pub fn CardList(cards: Vec<BusinessCard>) -> impl IntoView {
    let lang = current_lang();
    let cards = cards
        .into_iter()
        .enumerate()
        .map(|(i, card)| {
            let first = i == 0;
            view! { <BusinessCardView card lang first/> }
        })
        .collect_view();
    view! { <ul class="cards">{cards}</ul> }
}
