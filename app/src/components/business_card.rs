//! A business in a list (the directory, the home page's "open now"): photo, name, category,
//! address and live status.
//!
//! **Written by the server as one HTML string** ([`cards_html`]), which the pages insert as is
//! (`inner_html` on their `<ul class="cards">`), as the offers lists are (`offer_card`). Why:
//! building 24 cards as a view tree cost a fifth of a rendered-every-time directory page
//! (a reactive owner and a handful of attribute nodes per card, measured with perf on the release
//! build; docs/PERFORMANCE.md, issue 12), and the page then also carried every card as JSON for
//! hydration. Writing them with `format!` and the one HTML escaper makes that part a copy, and
//! the public bundle carries neither the card's code nor `BusinessCard`'s deserialiser. The
//! cards have no behaviour of their own, so nothing is lost in the browser.

#[cfg(feature = "ssr")]
pub use server::cards_html;

#[cfg(feature = "ssr")]
mod server {
    use std::fmt::Write;

    use common::directory::BusinessCard;
    use common::html::escape;
    use common::Lang;

    use crate::format;
    use crate::lang::{href, locale};

    /// The width a card's photo takes (style/main.css `.cards`: one column up to about 33rem,
    /// then columns of 16rem or more, never wider than about 25rem), for the browser's choice in
    /// `srcset`.
    const CARD_SIZES: &str = "(max-width: 34rem) 100vw, 25rem";

    /// The `<li>` of each card, in `lang`, for a `<ul class="cards">`. The first card's photo is
    /// often the largest thing on a phone's screen: it is loaded at once and early
    /// (`fetchpriority="high"`), the others lazily.
    pub fn cards_html(lang: Lang, cards: &[BusinessCard]) -> String {
        let loc = locale(lang);
        let mut out = String::with_capacity(cards.len() * 640);
        for (i, card) in cards.iter().enumerate() {
            let first = i == 0;
            out.push_str(r#"<li class="card"><article class="card__body">"#);
            if let Some(photo) = &card.photo {
                // As on the business page: an uploaded photo's own size and widths; the demo
                // town's SVGs keep their 16:10 box.
                let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
                let _ = write!(out, r#"<img class="card__photo" src="{}""#, escape(&photo.url));
                if let Some(srcset) = &photo.srcset {
                    let _ = write!(out, r#" srcset="{}" sizes="{CARD_SIZES}""#, escape(srcset));
                }
                let loading = if first { r#"eager" fetchpriority="high"# } else { "lazy" };
                let _ = write!(out, r#" alt="" width="{width}" height="{height}" loading="{loading}">"#);
            }
            let status_class = if card.status.is_open() { "status status--open" } else { "status status--closed" };
            let _ = write!(
                out,
                concat!(
                    r#"<div class="card__text"><h3 class="card__title"><a href="{link}">{name}</a></h3>"#,
                    r#"<p class="card__category">{category}</p><p class="card__address">{street}, {locality}</p>"#,
                    r#"<p class="{status_class}">{status}</p></div></article></li>"#,
                ),
                link = escape(&href(lang, &format!("/commerces/{}", card.slug))),
                name = escape(&card.name),
                category = escape(&card.category_name),
                street = escape(&card.street),
                locality = escape(&card.locality),
                status_class = status_class,
                status = escape(&format::status(loc, &card.status)),
            );
        }
        out
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use common::directory::{BusinessCard, OpenStatus, Photo};
    use common::Lang;

    use super::cards_html;

    fn card(name: &str, photo: Option<Photo>) -> BusinessCard {
        BusinessCard {
            slug: "chez-l-ami".into(),
            name: name.into(),
            category_slug: "boulangerie".into(),
            category_name: "Boulangerie".into(),
            street: "Rue Haute 1".into(),
            locality: "Ath".into(),
            photo,
            status: OpenStatus::Open { closes: None },
        }
    }

    #[test]
    fn text_is_escaped_and_links_follow_the_language() {
        let html = cards_html(Lang::Nl, &[card("<b>Tom & \"Jerry\"</b>", None)]);
        assert!(html.contains(r#"<a href="/nl/commerces/chez-l-ami">&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</a>"#), "{html}");
        assert!(html.contains(r#"<p class="status status--open">"#), "{html}");
        assert!(!html.contains("<img"), "no photo, no image: {html}");
    }

    #[test]
    fn only_the_first_photo_is_eager() {
        let photo = Photo {
            url: "/media/p/a-960.jpg".into(),
            alt: String::new(),
            srcset: Some("/media/p/a-480.jpg 480w, /media/p/a-960.jpg 960w".into()),
            width: Some(960),
            height: Some(720),
        };
        let html = cards_html(Lang::Fr, &[card("A", Some(photo.clone())), card("B", Some(photo))]);
        assert_eq!(html.matches(r#"loading="eager" fetchpriority="high""#).count(), 1, "{html}");
        assert_eq!(html.matches(r#"loading="lazy""#).count(), 1, "{html}");
        assert!(html.contains(r#"width="960" height="720""#), "{html}");
        assert!(html.contains(r#"sizes="(max-width: 34rem) 100vw, 25rem""#), "{html}");
        assert_eq!(html.matches("<li class=\"card\">").count(), 2);
    }
}
