//! The frame of every page: skip link, header with the main navigation and the language
//! switcher, the main landmark, and the footer. Also sets `<html lang>` and moves the focus after
//! client-side navigations (each page's `hreflang` alternates come with its canonical URL, in
//! `pages::PageMeta`).

use common::Lang;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::i18n::*;
use crate::lang::{href, locale, use_lang};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let loc = move || locale(lang.get());
    let location = use_location();
    // The current page without its language prefix, and its query string (`?…` or empty).
    let page_path = move || Lang::split_path(&location.pathname.get()).1.to_string();
    let query = move || {
        let search = location.search.get();
        if search.is_empty() || search.starts_with('?') {
            search
        } else {
            format!("?{search}")
        }
    };

    // Every language goes through `/langue/{code}/…`, which remembers the choice in a cookie
    // and redirects to the page in that language (the only place the cookie is set).
    let switch_href = move |target: Lang| {
        let path = page_path();
        let path = if path == "/" { String::new() } else { path };
        format!("/langue/{}{path}{}", target.code(), query())
    };

    #[cfg(feature = "hydrate")]
    focus_main_after_navigation(location.clone());

    view! {
        <Html {..} lang=move || lang.get().code() dir="ltr"/>
        // `target="_self"` keeps the router from intercepting the link, so the browser moves the
        // focus to <main> (the router would only scroll).
        <a class="skip-link" href="#contenu" target="_self">
            {move || td_string!(loc(), site.skip_to_content)}
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=move || href(lang.get(), "/")>
                    <span class="brand__mark" aria-hidden="true">"V"</span>
                    <span class="brand__name">{move || td_string!(loc(), site.name)}</span>
                </a>
                // The basket beside the name, as shops put it: on a phone it shares the first
                // line, so the header is no taller for it. A full page load: the basket is a
                // server page, never cached, and its cookie only goes there (pages::orders).
                <a class="basket-link" href=move || href(lang.get(), "/panier") rel="external">
                    {move || td_string!(loc(), site.basket)}
                </a>
                <nav class="main-nav" aria-label=move || td_string!(loc(), site.main_nav)>
                    <ul>
                        <li>
                            <a href=move || href(lang.get(), "/")>{move || td_string!(loc(), site.home)}</a>
                        </li>
                        <li>
                            <a href=move || href(lang.get(), "/commerces")>
                                {move || td_string!(loc(), site.directory)}
                            </a>
                        </li>
                        <li>
                            // A full page load: the offers pages are not hydrated (pages::offers).
                            <a href=move || href(lang.get(), "/offres") rel="external">
                                {move || td_string!(loc(), site.offers)}
                            </a>
                        </li>
                        <li>
                            // A full page load too: the products pages are not hydrated.
                            <a href=move || href(lang.get(), "/produits") rel="external">
                                {move || td_string!(loc(), site.products)}
                            </a>
                        </li>
                    </ul>
                </nav>
                <nav class="lang-switch" aria-label=move || td_string!(loc(), site.language)>
                    <ul>
                        {Lang::ALL
                            .into_iter()
                            .map(|target| {
                                view! {
                                    <li>
                                        <a
                                            href=move || switch_href(target)
                                            hreflang=target.code()
                                            lang=target.code()
                                            rel="external"
                                            aria-current=move || (lang.get() == target).then_some("true")
                                        >
                                            {target.native_name()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="contenu" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || td_string!(loc(), site.footer_about)}</p>
            <p>{move || td_string!(loc(), site.footer_privacy)}</p>
            <p>
                <a href=move || href(lang.get(), "/offres") rel="external">{move || td_string!(loc(), site.offers)}</a>
            </p>
            <p>
                // A full page load: the merchant area is hydrated by the private bundle.
                <a href=move || href(lang.get(), "/connexion") rel="external">
                    {move || td_string!(loc(), site.merchant_space)}
                </a>
            </p>
        </footer>
    }
}

/// After a client-side navigation to another page (another path, or another page of the same
/// results), moves the focus to `<main>` as a full page load would reset it: keyboard and
/// screen-reader users continue from the new content instead of a link that is no longer on the
/// page. A new search or filter on the same page (even from page 2, which takes the visitor back
/// to page 1) keeps the focus in the form; its result count is a live region.
#[cfg(feature = "hydrate")]
fn focus_main_after_navigation(location: leptos_router::location::Location) {
    use common::query::param;
    use wasm_bindgen::JsCast;

    type Place = (String, [Option<String>; 3], Option<String>);
    Effect::new(move |previous: Option<Place>| {
        // An empty parameter (the form's "all categories") means the same as none.
        let (filters, page) = location.query.with(|q| {
            let get = |name: &str| q.get(name).filter(|value| !value.is_empty());
            ([get(param::QUERY), get(param::CATEGORY), get(param::OPEN_NOW)], get(param::PAGE))
        });
        let current: Place = (location.pathname.get(), filters, page);
        let another_page = previous
            .is_some_and(|(path, filters, page)| path != current.0 || (filters == current.1 && page != current.2));
        if another_page {
            let main = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("contenu"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(main) = main {
                let _ = main.focus();
            }
        }
        current
    });
}
