//! `/produits`: "who sells this in town?". One search over every shop's visible products,
//! accent- and case-insensitive, with filters for the product's category, the shop's category,
//! "in stock", "open now" and a price range, all in the URL (a plain GET form: it works without
//! JavaScript and every result page is a link to share). Each result names its shop and says
//! whether it is open now and until when, so that the next step is walking there.
//!
//! **Not hydrated**, like a shop's products (`pages::products` says why): the cards are server
//! HTML (`components::product_card::cards_html`).

use common::product_search::{param, ProductSearch, ProductSearchPage as Page, RawProductSearch};
use common::query::MAX_QUERY_CHARS;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;

use crate::api::JsonAnswer;
use crate::components::pagination::pagination;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::PageMeta;

/// One page of `/produits` for the parameters of its URL, as typed.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "products")]
pub async fn search_products(lang: Lang, raw: RawProductSearch) -> Result<Page, AppError> {
    let state = crate::api::state()?;
    let mut page =
        domain::catalogue::search::search(&state.db, &state.catalogue, &state.directory, lang, &raw, state.clock.now())
            .await?;
    page.cards_html = crate::components::product_card::cards_html(lang, &page.items, true);
    Ok(page)
}

#[component]
pub fn ProductSearchPage() -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let raw = Memo::new(move |_| {
        query_map.with(|q| RawProductSearch {
            q: q.get(param::QUERY),
            category: q.get(param::CATEGORY),
            shop_category: q.get(param::SHOP_CATEGORY),
            in_stock: q.get(param::IN_STOCK),
            open_now: q.get(param::OPEN_NOW),
            min_price: q.get(param::MIN_PRICE),
            max_price: q.get(param::MAX_PRICE),
            page: q.get(param::PAGE),
        })
    });
    let data = Resource::new(move || (lang.get(), raw.get()), |(lang, raw)| search_products(lang, raw));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                match (result, raw.get_untracked().parse()) {
                    (Ok(page), Ok(query)) => view! { <Results page query/> }.into_any(),
                    (Err(error), _) => view! { <SearchProblem error raw=raw.get_untracked()/> }.into_any(),
                    (Ok(_), Err(problem)) => view! { <SearchProblem error=problem.into() raw=raw.get_untracked()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A price in cents as the form shows it back: "12,50" (a point in English).
fn price_field(lang: Lang, cents: Option<i64>) -> String {
    cents.map(|c| common::money::format_euros(c, lang != Lang::En)).unwrap_or_default()
}

/// The search form, filled with `query`. `categories` and `shop_categories` are empty on a
/// refused URL (the text field alone is offered again).
#[component]
fn SearchForm(query: ProductSearch, page: Option<Page>) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let filters = page.map(|page| {
        let categories = page
            .categories
            .iter()
            .map(|c| {
                let selected = query.category.as_deref() == Some(c.slug.as_str());
                let label = td_string!(loc, product_search.category_option, name = c.name.clone(), count = c.count);
                view! { <option value=c.slug.clone() selected=selected>{label}</option> }
            })
            .collect_view();
        let shop_categories = page
            .shop_categories
            .iter()
            .map(|c| {
                let selected = query.shop_category.as_deref() == Some(c.slug.as_str());
                view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
            })
            .collect_view();
        // Folded on a phone's first screen, so that results come first; open when one is in use.
        let in_use = query.category.is_some()
            || query.shop_category.is_some()
            || query.in_stock
            || query.open_now
            || query.min_cents.is_some()
            || query.max_cents.is_some();
        view! {
            <details class="product-search__more" open=in_use>
            <summary>{td_string!(loc, product_search.filters)}</summary>
            <div class="product-search__filters">
                <p class="field">
                    <label for="produits-categorie">{td_string!(loc, product_search.category_label)}</label>
                    <select id="produits-categorie" name=param::CATEGORY>
                        <option value="">{td_string!(loc, product_search.all_categories)}</option>
                        {categories}
                    </select>
                </p>
                <p class="field">
                    <label for="produits-commerce">{td_string!(loc, product_search.shop_category_label)}</label>
                    <select id="produits-commerce" name=param::SHOP_CATEGORY>
                        <option value="">{td_string!(loc, product_search.all_shop_categories)}</option>
                        {shop_categories}
                    </select>
                </p>
                <fieldset class="product-search__price">
                    <legend>{td_string!(loc, product_search.price_legend)}</legend>
                    <p class="field">
                        <label for="produits-prix-min">{td_string!(loc, product_search.min_price)}</label>
                        <input
                            id="produits-prix-min"
                            name=param::MIN_PRICE
                            type="text"
                            inputmode="decimal"
                            size="8"
                            maxlength="20"
                            autocomplete="off"
                            value=price_field(lang, query.min_cents)
                        />
                    </p>
                    <p class="field">
                        <label for="produits-prix-max">{td_string!(loc, product_search.max_price)}</label>
                        <input
                            id="produits-prix-max"
                            name=param::MAX_PRICE
                            type="text"
                            inputmode="decimal"
                            size="8"
                            maxlength="20"
                            autocomplete="off"
                            value=price_field(lang, query.max_cents)
                        />
                    </p>
                </fieldset>
                <p class="field field--check">
                    <input id="produits-stock" type="checkbox" name=param::IN_STOCK value="1" checked=query.in_stock/>
                    <label for="produits-stock">{td_string!(loc, product_search.in_stock_filter)}</label>
                </p>
                <p class="field field--check">
                    <input id="produits-ouvert" type="checkbox" name=param::OPEN_NOW value="1" checked=query.open_now/>
                    <label for="produits-ouvert">{td_string!(loc, product_search.open_now_filter)}</label>
                </p>
            </div>
            </details>
        }
    });
    view! {
        <form class="search-form product-search__form" method="get" action=href(lang, "/produits") role="search">
            <div class="search-form__main">
                <label class="search-form__label" for="produits-texte">{td_string!(loc, product_search.search_label)}</label>
                <div class="search-form__row">
                    <input
                        type="search"
                        id="produits-texte"
                        name=param::QUERY
                        value=query.text.clone().unwrap_or_default()
                        maxlength=MAX_QUERY_CHARS.to_string()
                        autocomplete="off"
                    />
                    <button type="submit" class="button">{td_string!(loc, product_search.apply)}</button>
                </div>
            </div>
            {filters}
        </form>
    }
}

/// `/produits` with parameters that cannot be answered: the reason, with the error's status, and
/// the text field again with what was typed (when it can be kept).
#[component]
fn SearchProblem(error: AppError, raw: RawProductSearch) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    #[cfg(feature = "ssr")]
    crate::status::set_status(error.status());
    let text = crate::components::problem::message(loc, &error);
    let query = ProductSearch { text: raw.q.filter(|q| q.chars().count() <= MAX_QUERY_CHARS), page: 1, ..Default::default() };
    view! {
        <PageMeta
            title=td_string!(loc, product_search.title).to_string()
            description=td_string!(loc, product_search.meta_description).to_string()
            path="/produits".to_string()
        />
        <section class="page product-search">
            <h1>{td_string!(loc, product_search.heading)}</h1>
            <div class="problem" role="alert">
                <p>{text}</p>
                <p><a href=href(lang, "/produits")>{td_string!(loc, product_search.reset)}</a></p>
            </div>
            <SearchForm query page=None/>
        </section>
    }
}

fn count_text(loc: Locale, total: u64) -> String {
    match total {
        0 => td_string!(loc, product_search.count_none).to_string(),
        1 => td_string!(loc, product_search.count_one).to_string(),
        n => td_string!(loc, product_search.count_many, count = n),
    }
}

#[component]
fn Results(page: Page, query: ProductSearch) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let base = href(lang, "/produits");
    let results = if page.cards_html.is_empty() {
        view! {
            <div class="empty">
                <p>{td_string!(loc, product_search.none)}</p>
                <p>{td_string!(loc, product_search.none_hint)}</p>
            </div>
        }
        .into_any()
    } else {
        view! { <ul class="product-cards product-cards--search" inner_html=page.cards_html.clone()></ul> }.into_any()
    };
    let pagination = pagination(loc, page.page, page.page_count, |n| format!("{base}{}", query.to_query_string(Some(n))));
    let canonical = format!("/produits{}", query.to_query_string(None));
    let filtered = query.is_filtered();
    let total = page.total;
    view! {
        <PageMeta
            title=td_string!(loc, product_search.title).to_string()
            description=td_string!(loc, product_search.meta_description).to_string()
            path=canonical
        />
        <section class="page product-search">
            <h1>{td_string!(loc, product_search.heading)}</h1>
            <SearchForm query=query.clone() page=Some(page)/>
            <h2 class="visually-hidden">{td_string!(loc, product_search.results_heading)}</h2>
            <div class="results-bar">
                <p class="results-count" role="status">{count_text(loc, total)}</p>
                {filtered.then(|| view! { <a class="reset" href=base.clone()>{td_string!(loc, product_search.reset)}</a> })}
            </div>
            {results}
            {pagination}
            <p class="product-search__note">{td_string!(loc, product_search.ask_note)}</p>
        </section>
    }
}
