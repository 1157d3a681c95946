//! A product in a public list (a shop's window on its business page, all its products): photo,
//! name, price or "price in the shop", and what is there with how old that statement is.
//!
//! **Written by the server as one HTML string** ([`cards_html`]), as the business cards and the
//! offers are: the business page that shows the window is hydrated by the public bundle, which
//! is at its budget, so the bundle carries one string field instead of this list's code.

use common::catalogue::Availability;

use crate::i18n::*;

/// What shoppers are told is there: "En stock · vérifié il y a 3 jours", "Épuisé · vérifié
/// aujourd'hui", "Demandez au magasin".
pub fn availability_text(loc: Locale, availability: Availability) -> String {
    let checked = |days: i64| match days {
        0 => td_string!(loc, catalogue.checked_today).to_string(),
        1 => td_string!(loc, catalogue.checked_one_day).to_string(),
        n => td_string!(loc, catalogue.checked_days, count = n),
    };
    match availability {
        Availability::AskTheShop => td_string!(loc, catalogue.ask_the_shop).to_string(),
        Availability::InStock { quantity: None, checked_days_ago } => {
            format!("{} · {}", td_string!(loc, catalogue.in_stock), checked(checked_days_ago))
        }
        Availability::InStock { quantity: Some(n), checked_days_ago } => {
            format!("{} · {}", td_string!(loc, catalogue.in_stock_count, count = n), checked(checked_days_ago))
        }
        Availability::OutOfStock { checked_days_ago } => {
            format!("{} · {}", td_string!(loc, catalogue.out_of_stock), checked(checked_days_ago))
        }
    }
}

/// The class of the availability line (colour is never the only sign: the text says it).
pub fn availability_class(availability: Availability) -> &'static str {
    match availability {
        Availability::InStock { .. } => "availability availability--in",
        Availability::OutOfStock { .. } => "availability availability--out",
        Availability::AskTheShop => "availability",
    }
}

/// The price line: "12,50 €" or "Prix en magasin".
pub fn price_text(loc: Locale, cents: Option<i64>) -> String {
    match cents {
        Some(cents) => crate::format::price(loc, cents),
        None => td_string!(loc, catalogue.price_in_shop).to_string(),
    }
}

#[cfg(feature = "ssr")]
pub use server::{business_section_html, cards_html, directory_section_html};

#[cfg(feature = "ssr")]
mod server {
    use std::fmt::Write;

    use common::catalogue::ProductCard;
    use common::html::escape;
    use common::Lang;

    use super::{availability_class, availability_text, price_text};
    use crate::lang::{href, locale};

    /// The `<li>` of each product, in `lang`, for a `<ul class="product-cards">`. `show_shop`
    /// names the shop and its live status on each card (lists of several shops' products).
    pub fn cards_html(lang: Lang, cards: &[ProductCard], show_shop: bool) -> String {
        let loc = locale(lang);
        let mut out = String::with_capacity(cards.len() * 600);
        for card in cards {
            let link = href(lang, &format!("/commerces/{}/produits/{}", card.business_slug, card.id));
            out.push_str(r#"<li class="product-card"><article>"#);
            if let Some(photo) = &card.photo {
                let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
                let _ = write!(
                    out,
                    r#"<img class="product-card__photo" src="{}" alt="" width="{width}" height="{height}" loading="lazy">"#,
                    escape(&photo.url)
                );
            }
            let name_lang = match card.name_lang != lang {
                true => format!(r#" lang="{}""#, card.name_lang.code()),
                false => String::new(),
            };
            let _ = write!(
                out,
                concat!(
                    r#"<h3 class="product-card__name"><a href="{link}" rel="external"{name_lang}>{name}</a></h3>"#,
                    r#"<p class="product-card__price">{price}</p><p class="{class}">{availability}</p>"#
                ),
                link = escape(&link),
                name_lang = name_lang,
                name = escape(&card.name),
                price = escape(&price_text(loc, card.price_cents)),
                class = availability_class(card.availability),
                availability = escape(&availability_text(loc, card.availability)),
            );
            if show_shop {
                let status_class =
                    if card.business_status.is_open() { "status status--open" } else { "status status--closed" };
                let _ = write!(
                    out,
                    r#"<p class="product-card__shop">{shop}</p><p class="{status_class}">{status}</p>"#,
                    shop = escape(&card.business_name),
                    status = escape(&crate::format::status(loc, &card.business_status)),
                );
            }
            out.push_str("</article></li>");
        }
        out
    }

    /// Under a directory search: the first products its words find, and a link to all of them
    /// in `/produits`; empty when none.
    pub fn directory_section_html(lang: Lang, text: &str, total: u64, cards: &[ProductCard]) -> String {
        use crate::i18n::*;
        if cards.is_empty() {
            return String::new();
        }
        let loc = locale(lang);
        let all = format!(
            "{}?{}={}",
            href(lang, "/produits"),
            common::product_search::param::QUERY,
            common::query::encode_component(text)
        );
        format!(
            concat!(
                r#"<section class="panel directory__products" aria-labelledby="directory-products">"#,
                r#"<h2 id="directory-products">{title}</h2><ul class="product-cards">{cards}</ul>"#,
                r#"<p class="more"><a href="{all}" rel="external">{all_text}</a></p></section>"#
            ),
            title = escape(&td_string!(loc, product_search.directory_title, query = text)),
            cards = cards_html(lang, cards, true),
            all = escape(&all),
            all_text = escape(&td_string!(loc, product_search.directory_all, count = total)),
        )
    }

    /// A business page's window: its first products and a link to all of them; empty when the
    /// shop shows none.
    pub fn business_section_html(lang: Lang, slug: &str, window: &common::catalogue::ProductResults) -> String {
        use crate::i18n::*;
        if window.items.is_empty() {
            return String::new();
        }
        let loc = locale(lang);
        let shown = &window.items[..window.items.len().min(super::BUSINESS_PAGE_PRODUCTS)];
        let all = href(lang, &format!("/commerces/{slug}/produits"));
        format!(
            concat!(
                r#"<section class="panel business__products" id="produits" aria-labelledby="products-title">"#,
                r#"<h2 id="products-title">{title}</h2><ul class="product-cards">{cards}</ul>"#,
                r#"<p class="more"><a href="{all}" rel="external">{all_text}</a></p></section>"#
            ),
            title = escape(td_string!(loc, catalogue.window_title)),
            cards = cards_html(lang, shown, false),
            all = escape(&all),
            all_text = escape(&td_string!(loc, catalogue.window_all, count = window.total)),
        )
    }
}

/// Products a business page shows before "see all".
pub const BUSINESS_PAGE_PRODUCTS: usize = 8;
