//! The directory search form. It is a plain GET form on `/commerces`, so it works without
//! JavaScript; once hydrated, the router's `<Form>` turns submissions into client-side
//! navigations and the results update in place.

use common::directory::Category;
use common::query::{param, DirectoryQuery, MAX_QUERY_CHARS};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Form;

use crate::i18n::*;
use crate::lang::{current_lang, href, locale};

#[component]
pub fn SearchForm(
    /// The current query, to fill the fields in.
    query: DirectoryQuery,
    categories: Vec<Category>,
    /// Show the category and "open now" filters (the home page shows the text field only).
    #[prop(optional)]
    with_filters: bool,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let text = query.text.clone().unwrap_or_default();
    let selected = query.category.clone().unwrap_or_default();
    let filters = with_filters.then(|| {
        let options = categories
            .into_iter()
            .map(|c| {
                let is_selected = c.slug == selected;
                view! { <option value=c.slug selected=is_selected>{c.name}</option> }
            })
            .collect_view();
        view! {
            <div class="search-form__filters">
                <div class="field">
                    <label for="search-category">{td_string!(loc, search.category)}</label>
                    <select id="search-category" name=param::CATEGORY>
                        <option value="" selected=selected.is_empty()>{td_string!(loc, search.all_categories)}</option>
                        {options}
                    </select>
                </div>
                <div class="field field--check">
                    <input
                        type="checkbox"
                        id="search-open-now"
                        name=param::OPEN_NOW
                        value="1"
                        checked=query.open_now
                    />
                    <label for="search-open-now">{td_string!(loc, search.open_now)}</label>
                </div>
            </div>
        }
    });
    view! {
        <Form
            method="GET"
            action=href(lang, "/commerces")
            // leptos 0.8 appends the nameless submit button as an empty `=` parameter; drop it so
            // the URL is the same with and without JavaScript.
            on_form_data=Arc::new(|data: &leptos::web_sys::FormData| data.delete(""))
            attr:class="search-form"
            attr:role="search"
        >
            <div class="search-form__main">
                <label class="search-form__label" for="search-text">{td_string!(loc, search.label)}</label>
                <div class="search-form__row">
                    <input
                        type="search"
                        id="search-text"
                        name=param::QUERY
                        value=text
                        placeholder=td_string!(loc, search.placeholder)
                        maxlength=MAX_QUERY_CHARS.to_string()
                        autocomplete="off"
                    />
                    <button type="submit" class="button">{td_string!(loc, search.submit)}</button>
                </div>
            </div>
            {filters}
        </Form>
    }
}
