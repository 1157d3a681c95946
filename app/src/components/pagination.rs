//! The pages of a list of results, as links: "previous", "page 2 of 9", "next". Every paged
//! list uses it (the directory, the offers feed, every shop's products, a shop's products, the
//! merchant's products).

use leptos::prelude::*;

use crate::i18n::*;

/// The links to the pages around `page` of `page_count`, each page's URL given by `link`;
/// nothing when there is one page.
pub fn pagination(loc: Locale, page: u32, page_count: u32, link: impl Fn(u32) -> String) -> Option<impl IntoView> {
    (page_count > 1).then(|| {
        let previous = (page > 1).then(|| {
            view! { <a class="pagination__prev" href=link(page - 1) rel="prev">{td_string!(loc, directory.previous)}</a> }
        });
        let next = (page < page_count).then(|| {
            view! { <a class="pagination__next" href=link(page + 1) rel="next">{td_string!(loc, directory.next)}</a> }
        });
        view! {
            <nav class="pagination" aria-label=td_string!(loc, directory.pagination)>
                {previous}
                <span class="pagination__where">
                    {td_string!(loc, directory.page_of, page = page, count = page_count)}
                </span>
                {next}
            </nav>
        }
    })
}
