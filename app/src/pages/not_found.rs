//! The page for unknown URLs: HTTP 404 with ways back into the site.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::*;
use crate::lang::{current_lang, href, locale};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(404);
    let lang = current_lang();
    view! {
        <NotFoundMessage
            title=td_string!(locale(lang), error.not_found_title).to_string()
            text=td_string!(locale(lang), error.not_found_text).to_string()
        />
    }
}

/// The body of a 404 page (also used for unknown businesses).
#[component]
pub fn NotFoundMessage(title: String, text: String) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    view! {
        <Title text=crate::pages::title_text(format!("{title} · {}", td_string!(loc, site.name)))/>
        <Meta name="robots" content="noindex"/>
        <section class="page not-found">
            <h1>{title}</h1>
            <p>{text}</p>
            <ul class="link-list">
                <li>
                    <a href=href(lang, "/commerces")>{td_string!(loc, error.search_directory)}</a>
                </li>
                <li>
                    <a href=href(lang, "/")>{td_string!(loc, error.back_home)}</a>
                </li>
            </ul>
        </section>
    }
}
