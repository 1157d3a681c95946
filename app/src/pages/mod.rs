//! One module per page. Each page reads its data through a server function inside
//! `<Suspense>`/`<Transition>`, and sets its title, description, canonical URL and status.

#[cfg(any(feature = "ssr", feature = "private"))]
pub mod account_links;
pub mod business;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod console;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod dashboard;
// Following offers by e-mail: server-rendered, not hydrated (see the module doc).
pub mod directory;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod follow;
pub mod home;
pub mod not_found;
// Server-rendered, not hydrated: not in the public bundle (see the module doc).
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod offers;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod offers_merchant;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod offers_review;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod order_links;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod orders;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod orders_merchant;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod photos;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_import;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_photos;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod product_search;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod products;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod products_merchant;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod stats;
#[cfg(any(feature = "ssr", feature = "private"))]
pub mod team;

use common::Lang;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::i18n::*;
use crate::lang::{current_lang, href, locale};

/// The site's absolute base URL: the configured public URL, which the server also writes on
/// `<body data-public-url>` for the browser (so both build the same links whatever address the
/// page was reached by); the page's origin if that is missing.
pub fn base_url() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>().map(|s| s.base_url.to_string()).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let document = web_sys::window().and_then(|w| w.document());
        document
            .as_ref()
            .and_then(|d| d.body())
            .and_then(|b| b.get_attribute("data-public-url"))
            .filter(|url| !url.is_empty())
            .or_else(|| web_sys::window().and_then(|w| w.location().origin().ok()))
            .unwrap_or_default()
    }
}

/// Title, description, canonical URL and Open Graph tags of a page. `path` is the page's path
/// without language prefix and with its significant query string.
///
/// The title goes through [`title_text`]: names and titles are typed by merchants.
#[component]
pub fn PageMeta(
    title: String,
    description: String,
    path: String,
    #[prop(default = None)] image: Option<String>,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let site = td_string!(loc, site.name);
    let full_title = format!("{title} · {site}");
    let base = base_url();
    let url = format!("{base}{}", href(lang, &path));
    // Absolute URLs (search engines ignore relative hreflang), with the same normalised query as
    // the canonical URL; `x-default` is the unprefixed URL, which picks the visitor's language.
    let mut alternates: Vec<(&'static str, String)> =
        Lang::ALL.iter().map(|l| (l.code(), format!("{base}{}", href(*l, &path)))).collect();
    alternates.push(("x-default", format!("{base}{}", href(Lang::Fr, &path))));
    let alternates = alternates
        .into_iter()
        .map(|(hreflang, url)| view! { <Link rel="alternate" hreflang=hreflang href=url/> })
        .collect_view();
    view! {
        <Title text=title_text(full_title.clone())/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        {alternates}
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        <Meta property="og:locale" content=lang.og_locale()/>
        {image.map(|image| view! { <Meta property="og:image" content=image/> })}
    }
}

/// The text of a `<title>` element. leptos_meta 0.8.7 writes the title into the server's HTML
/// without escaping it, so a shop or offer named `</title><script>…` would end the element and
/// run as a script: on the server the text is escaped here. In the browser leptos_meta sets
/// `document.title`, which takes plain text, so it gets the text as is.
pub fn title_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        common::html::escape(&text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}
