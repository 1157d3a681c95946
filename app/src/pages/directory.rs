//! `/commerces`: search, category and "open now" filters, pagination. The filters live in the
//! URL, so every result page is a shareable link and works without JavaScript.

use common::directory::DirectoryPage as Page;
use common::query::{param, DirectoryQuery, RawDirectoryQuery};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::list_businesses;
use crate::components::problem::Problem;
use crate::components::search_form::SearchForm;
use crate::format;
use crate::components::pagination::pagination;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::PageMeta;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let raw = Memo::new(move |_| {
        query_map.with(|q| RawDirectoryQuery {
            q: q.get(param::QUERY),
            category: q.get(param::CATEGORY),
            open_now: q.get(param::OPEN_NOW),
            page: q.get(param::PAGE),
        })
    });
    let data = Resource::new(
        move || (lang.get(), raw.get()),
        |(lang, raw)| list_businesses(lang, raw.q, raw.category, raw.open_now, raw.page),
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                let raw = raw.get_untracked();
                match (result, raw.parse()) {
                    (Ok(page), Ok(query)) => view! { <Results page query/> }.into_any(),
                    (Err(error), _) => view! { <DirectoryProblem error raw/> }.into_any(),
                    (Ok(_), Err(problem)) => view! { <DirectoryProblem error=problem.into() raw/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The page for a URL whose parameters cannot be answered: the reason, and a fresh search form.
#[component]
fn DirectoryProblem(error: common::AppError, raw: RawDirectoryQuery) -> impl IntoView {
    let loc = locale(current_lang());
    // Keep what can be kept of the search so the visitor can correct it.
    let text = raw.q.filter(|q| q.chars().count() <= common::query::MAX_QUERY_CHARS);
    let query = DirectoryQuery { text, category: None, open_now: false, page: 1 };
    view! {
        <PageMeta
            title=td_string!(loc, directory.title).to_string()
            description=td_string!(loc, directory.meta_description).to_string()
            path="/commerces".to_string()
        />
        <section class="page directory">
            <h1>{td_string!(loc, directory.title)}</h1>
            <Problem error/>
            <SearchForm query categories=vec![]/>
        </section>
    }
}

#[component]
fn Results(page: Page, query: DirectoryQuery) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let category_name = query
        .category
        .as_ref()
        .and_then(|slug| page.categories.iter().find(|c| &c.slug == slug))
        .map(|c| c.name.clone());
    let title = match &category_name {
        Some(name) => td_string!(loc, directory.title_category, category = name),
        None => td_string!(loc, directory.title).to_string(),
    };
    let base = href(lang, "/commerces");
    let count_text = format::results(loc, page.total);
    // The products the search words find (server HTML, `components::product_card`).
    let products = (!page.products_html.is_empty()).then(|| view! { <div inner_html=page.products_html></div> });
    let filtered = query.text.is_some() || query.category.is_some() || query.open_now;
    let results = if page.cards_html.is_empty() {
        view! {
            <div class="empty">
                <p>{td_string!(loc, directory.none)}</p>
                <p>{td_string!(loc, directory.none_hint)}</p>
            </div>
        }
        .into_any()
    } else {
        view! { <ul class="cards" inner_html=page.cards_html></ul> }.into_any()
    };
    let pagination = pagination(loc, page.page, page.page_count, |n| format!("{base}{}", query.to_query_string(Some(n))));
    let canonical = format!("/commerces{}", query.to_query_string(None));
    view! {
        <PageMeta
            title=title.clone()
            description=td_string!(loc, directory.meta_description).to_string()
            path=canonical
        />
        <section class="page directory">
            <h1>{title}</h1>
            <SearchForm query=query.clone() categories=page.categories with_filters=true/>
            <h2 class="visually-hidden">{td_string!(loc, directory.results_heading)}</h2>
            <div class="results-bar">
                <p class="results-count" role="status">{count_text}</p>
                {filtered.then(|| view! { <a class="reset" href=base.clone()>{td_string!(loc, search.reset)}</a> })}
            </div>
            {results}
            {pagination}
            {products}
        </section>
    }
}
