//! `/`: a search box, the categories, businesses open right now, and the current offers.

use common::directory::HomeData;
use common::query::{param, DirectoryQuery};
use leptos::prelude::*;

use crate::api::get_home;
use crate::components::problem::Problem;
use crate::components::search_form::SearchForm;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::PageMeta;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(move || lang.get(), get_home);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(home) => view! { <HomeContent home/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeContent(home: HomeData) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let empty_query = DirectoryQuery { text: None, category: None, open_now: false, page: 1 };
    let categories = home
        .categories
        .iter()
        .map(|c| {
            let link = format!("{}?{}={}", href(lang, "/commerces"), param::CATEGORY, c.slug);
            let count = td_string!(loc, directory.businesses_in, count = c.count);
            view! {
                <li>
                    <a class="category-tile" href=link>
                        <img src=format!("/media/icon-{}.svg", c.icon) alt="" width="32" height="32"/>
                        <span class="category-tile__name">{c.name.clone()}</span>
                        <span class="category-tile__count">{count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let open_link = format!("{}?{}=1", href(lang, "/commerces"), param::OPEN_NOW);
    let open_now = if home.open_now_html.is_empty() {
        view! { <p>{td_string!(loc, home.none_open)}</p> }.into_any()
    } else {
        view! {
            <ul class="cards" inner_html=home.open_now_html></ul>
            <p class="more">
                <a class="button button--secondary" href=open_link>
                    {td_string!(loc, home.see_all_open, count = home.open_now_total)}
                </a>
            </p>
        }
        .into_any()
    };
    view! {
        <PageMeta
            title=td_string!(loc, home.title).to_string()
            description=td_string!(loc, home.meta_description).to_string()
            path="/".to_string()
        />
        <section class="hero">
            <h1>{td_string!(loc, home.title)}</h1>
            <p class="hero__intro">{td_string!(loc, home.intro)}</p>
            <SearchForm query=empty_query categories=vec![]/>
        </section>
        <section class="section" aria-labelledby="home-categories">
            <h2 id="home-categories">{td_string!(loc, home.categories)}</h2>
            <ul class="category-grid">{categories}</ul>
            <p class="more">
                <a href=href(lang, "/commerces")>{td_string!(loc, home.browse_all, count = home.business_total)}</a>
            </p>
        </section>
        <section class="section" aria-labelledby="home-open-now">
            <h2 id="home-open-now">{td_string!(loc, home.open_now)}</h2>
            {open_now}
        </section>
        // The current offers: a section made by the server (components::offer_card).
        <div class="offers-slot" inner_html=home.offers_html></div>
    }
}
