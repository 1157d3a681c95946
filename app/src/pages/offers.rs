//! `/offres` (the live offers of the town's shops, filtered by category, kind and "ending soon",
//! paged) and `/offres/{id}` (one offer: text, photo, conditions, promo code, dates, the shop,
//! link-preview tags, schema.org JSON-LD, a share button).
//!
//! **Not hydrated.** These pages are complete as server HTML: the filters are a plain GET form,
//! every link is a link. Hydrating them would put their code in the public bundle, which is at
//! its budget (docs/PERFORMANCE.md); so the server sends them without the bundle (see
//! `HydrationLoader` in `lib.rs`), and the share button's only behaviour, the Web Share API or
//! copying the link, is a small script served from `/offers-share.js` (public/). Without
//! JavaScript the share button is a plain link to the page. The module is in the server and in
//! the private bundle (whose router knows every page), not in the public bundle; links to these
//! pages from hydrated pages are full page loads (`rel="external"`).
//!
//! An offer's page is public once published (scheduled, live, or ended: a shared link keeps
//! working and says the offer ended). A draft, a hidden offer or one of an unpublished shop is a
//! 404, except for the shop's own people, who get the page with a preview notice, never cached
//! (`Cache-Control: private, no-store`) nor indexed.

use common::offers::{
    param, OfferKind, OfferPageData, OfferPreview, OfferState, OffersPage as Page, OffersQuery, RawOffersQuery,
};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::JsonAnswer;
use crate::components::offer_card::{kind_name, OfferList};
use crate::components::problem::Problem;
use crate::format;
use crate::components::pagination::pagination;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::not_found::NotFoundMessage;
use crate::pages::{base_url, PageMeta};

/// The width an offer's photo takes (style/main.css `.offer__photo`), for `srcset`.
const PHOTO_SIZES: &str = "(max-width: 42rem) 100vw, 40rem";

/// One page of `/offres` for the parameters of its URL, as typed.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "offers")]
pub async fn list_offers(
    lang: Lang,
    category: Option<String>,
    kind: Option<String>,
    ending_soon: Option<String>,
    page: Option<String>,
) -> Result<Page, AppError> {
    let state = crate::api::state()?;
    let raw = RawOffersQuery { category, kind, ending_soon, page };
    Ok(domain::offers::public::feed(&state.db, lang, &raw, state.clock.now()).await?)
}

/// One offer's page; a preview for its shop's people (see the module doc).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "offer")]
pub async fn get_offer(lang: Lang, id: String) -> Result<OfferPageData, AppError> {
    let state = crate::api::state()?;
    // Only plain positive numbers name an offer: `/offres/abc`, `/offres/-1` and `/offres/007`
    // are not found, like an id that does not exist.
    let id = match id.parse::<i32>() {
        Ok(n) if n > 0 && n.to_string() == id => n,
        _ => return Err(AppError::NotFound),
    };
    let session = crate::api::session();
    Ok(domain::offers::public::page(&state.db, lang, id, session.actor.as_ref(), state.clock.now(), &state.base_url)
        .await?)
}

/// The alternate links of the feed: the Atom feeds (built at `/offres.atom` and
/// `/commerces/{slug}/offres.atom`).
#[component]
fn FeedLinks(#[prop(default = None)] shop: Option<(String, String)>) -> impl IntoView {
    let loc = locale(current_lang());
    let shop = shop.map(|(slug, name)| {
        view! {
            <Link
                rel="alternate"
                type_="application/atom+xml"
                href=format!("/commerces/{slug}/offres.atom")
                title=td_string!(loc, offers.feed_business, shop = name)
            />
        }
    });
    view! {
        <Link rel="alternate" type_="application/atom+xml" href="/offres.atom" title=td_string!(loc, offers.feed_all)/>
        {shop}
    }
}

#[component]
pub fn OffersPage() -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let raw = Memo::new(move |_| {
        query_map.with(|q| RawOffersQuery {
            category: q.get(param::CATEGORY),
            kind: q.get(param::KIND),
            ending_soon: q.get(param::ENDING_SOON),
            page: q.get(param::PAGE),
        })
    });
    let data = Resource::new(
        move || (lang.get(), raw.get()),
        |(lang, raw)| list_offers(lang, raw.category, raw.kind, raw.ending_soon, raw.page),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                let result = data.await;
                match (result, raw.get_untracked().parse()) {
                    (Ok(page), Ok(query)) => view! { <Feed page query/> }.into_any(),
                    (Err(error), _) => view! { <FeedProblem error/> }.into_any(),
                    (Ok(_), Err(problem)) => view! { <FeedProblem error=problem.into()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/offres` with parameters that cannot be answered: the reason and a way back to the feed
/// (not `Problem`'s, which leads to `/commerces`), with the error's status.
#[component]
fn FeedProblem(error: AppError) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    #[cfg(feature = "ssr")]
    crate::status::set_status(error.status());
    let text = crate::components::problem::message(loc, &error);
    view! {
        <PageMeta
            title=td_string!(loc, offers.title).to_string()
            description=td_string!(loc, offers.meta_description).to_string()
            path="/offres".to_string()
        />
        <section class="page offers">
            <h1>{td_string!(loc, offers.heading)}</h1>
            <div class="problem" role="alert">
                <p>{text}</p>
                <p><a href=href(lang, "/offres")>{td_string!(loc, offers.reset)}</a></p>
            </div>
        </section>
    }
}

fn count_text(loc: Locale, total: u64) -> String {
    match total {
        0 => td_string!(loc, offers.count_none).to_string(),
        1 => td_string!(loc, offers.count_one).to_string(),
        n => td_string!(loc, offers.count_many, count = n),
    }
}

#[component]
fn Feed(page: Page, query: OffersQuery) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let base = href(lang, "/offres");
    let category_name = query
        .category
        .as_ref()
        .and_then(|slug| page.categories.iter().find(|c| &c.slug == slug))
        .map(|c| c.name.clone());
    let title = match &category_name {
        Some(name) => td_string!(loc, offers.title_category, category = name),
        None => td_string!(loc, offers.title).to_string(),
    };
    let categories = page
        .categories
        .iter()
        .map(|c| {
            let selected = query.category.as_deref() == Some(c.slug.as_str());
            let label = td_string!(loc, offers.category_option, name = c.name.clone(), count = c.count);
            view! { <option value=c.slug.clone() selected=selected>{label}</option> }
        })
        .collect_view();
    let kinds = OfferKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=query.kind == Some(k)>{kind_name(loc, k)}</option> })
        .collect_view();
    let results = if page.items.is_empty() {
        view! {
            <div class="empty">
                <p>{td_string!(loc, offers.none)}</p>
                <p>{td_string!(loc, offers.none_hint)}</p>
            </div>
        }
        .into_any()
    } else {
        view! { <OfferList offers=page.items/> }.into_any()
    };
    let pagination = pagination(loc, page.page, page.page_count, |n| format!("{base}{}", query.to_query_string(Some(n))));
    let canonical = format!("/offres{}", query.to_query_string(None));
    view! {
        <PageMeta
            title=title.clone()
            description=td_string!(loc, offers.meta_description).to_string()
            path=canonical
        />
        <FeedLinks/>
        <section class="page offers">
            <h1>{title}</h1>
            <form class="offer-filters" method="get" action=base.clone() aria-label=td_string!(loc, offers.filters)>
                <p class="field">
                    <label for="offres-categorie">{td_string!(loc, offers.category_label)}</label>
                    <select id="offres-categorie" name=param::CATEGORY>
                        <option value="">{td_string!(loc, offers.all_categories)}</option>
                        {categories}
                    </select>
                </p>
                <p class="field">
                    <label for="offres-type">{td_string!(loc, offers.kind_label)}</label>
                    <select id="offres-type" name=param::KIND>
                        <option value="">{td_string!(loc, offers.all_kinds)}</option>
                        {kinds}
                    </select>
                </p>
                <p class="field field--check">
                    <input id="offres-bientot" type="checkbox" name=param::ENDING_SOON value="1" checked=query.ending_soon/>
                    <label for="offres-bientot">{td_string!(loc, offers.ending_soon_filter)}</label>
                </p>
                <p><button type="submit" class="button">{td_string!(loc, offers.apply)}</button></p>
            </form>
            <h2 class="visually-hidden">{td_string!(loc, offers.results_heading)}</h2>
            <div class="results-bar">
                <p class="results-count" role="status">{count_text(loc, page.total)}</p>
                {query.is_filtered().then(|| view! { <a class="reset" href=base.clone()>{td_string!(loc, offers.reset)}</a> })}
            </div>
            {results}
            {pagination}
            <p class="offers__follow">
                <a href=href(lang, "/offres/suivre")>{td_string!(loc, offers.follow)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn OfferPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = Resource::new(move || (lang.get(), id.get()), |(lang, id)| get_offer(lang, id));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(offer) => view! { <Offer offer/> }.into_any(),
                    Err(AppError::NotFound) => {
                        #[cfg(feature = "ssr")]
                        crate::status::set_status(404);
                        let loc = locale(lang.get_untracked());
                        view! {
                            <NotFoundMessage
                                title=td_string!(loc, offers.not_found_title).to_string()
                                text=td_string!(loc, offers.not_found_text).to_string()
                            />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `lang` attribute for a text in `text_lang` on a page in `lang` (a French fallback).
fn lang_attr(text_lang: Lang, lang: Lang) -> Option<&'static str> {
    (text_lang != lang).then_some(text_lang.code())
}

#[component]
fn Offer(offer: OfferPageData) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let o = offer;
    let preview = o.preview.clone().map(|preview| {
        // The shop's people only: never stored in a shared cache, never indexed.
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("private, no-store"));
        }
        let text = match preview {
            OfferPreview::Draft => td_string!(loc, offers.preview_draft).to_string(),
            OfferPreview::Hidden { reason } => td_string!(loc, offers.preview_hidden, reason = reason),
            OfferPreview::BusinessUnpublished => td_string!(loc, offers.preview_unpublished).to_string(),
        };
        // The way back to the editor, where the draft is published or changed.
        let editor = href(lang, &format!("/tableau-de-bord/{}/offres/{}", o.business.id, o.id));
        view! {
            <Meta name="robots" content="noindex"/>
            <div class="notice notice--preview" role="note">
                <p>{text}</p>
                <p><a href=editor rel="external">{td_string!(loc, offers.preview_edit)}</a></p>
            </div>
        }
    });
    let path = format!("/offres/{}", o.id);
    let page_url = format!("{}{}", base_url(), href(lang, &path));
    // What the share button shares: the page's link marked as shared, which the server counts
    // as a share visit in the shop's statistics and redirects to `page_url` (common::stats).
    let share_url = format!("{}{}", base_url(), href(lang, &common::stats::share_path(o.id)));
    let shop_path = href(lang, &format!("/commerces/{}", o.business.slug));
    let description: String = o.body.chars().take(200).collect();
    let period = td_string!(
        loc,
        offers.period,
        from = format::date(loc, &o.starts_on, o.starts_on.year != o.ends_on.year),
        to = format::date(loc, &o.ends_on, true)
    );
    let soon =
        o.ending_soon.then(|| view! { <span class="badge badge--soon">{td_string!(loc, offers.ending_soon)}</span> });
    let state_notice = match o.state {
        OfferState::Ended => Some(
            view! {
                <div class="notice notice--ended" role="note">
                    <h2>{td_string!(loc, offers.ended_title)}</h2>
                    <p>{td_string!(loc, offers.ended_text, date = format::date(loc, &o.ends_on, true))}</p>
                    <p>
                        <a href=format!("{shop_path}#offres")>
                            {td_string!(loc, offers.ended_link, shop = o.business.name.clone())}
                        </a>
                    </p>
                </div>
            }
            .into_any(),
        ),
        OfferState::Scheduled => Some(
            view! {
                <p class="notice" role="note">
                    {td_string!(loc, offers.scheduled, date = format::date(loc, &o.starts_on, true))}
                </p>
            }
            .into_any(),
        ),
        _ => None,
    };
    let photo = o.photo.clone().map(|photo| {
        let (width, height) = photo.width.zip(photo.height).unwrap_or((960, 600));
        view! {
            <img
                class="offer__photo"
                src=photo.url
                srcset=photo.srcset
                sizes=PHOTO_SIZES
                alt=photo.alt
                width=width
                height=height
                fetchpriority="high"
            />
        }
    });
    let conditions = (!o.conditions.trim().is_empty()).then(|| {
        view! {
            <section class="offer__conditions" aria-labelledby="offer-conditions">
                <h2 id="offer-conditions">{td_string!(loc, offers.conditions)}</h2>
                <p class="offer__text" lang=lang_attr(o.conditions_lang, lang)>{o.conditions.clone()}</p>
            </section>
        }
    });
    let promo = o.promo_code.clone().map(|code| {
        view! {
            <p class="offer__code">
                {td_string!(loc, offers.promo_code)}
                " "
                <strong><code>{code}</code></strong>
            </p>
        }
    });
    let status_class = if o.business.status.is_open() { "status status--open" } else { "status status--closed" };
    let address = format!("{}, {} {}", o.business.street, o.business.postcode, o.business.locality);
    let twitter_card = if o.share_image.is_some() { "summary_large_image" } else { "summary" };
    let share_image = o.share_image.clone();
    view! {
        <PageMeta title=o.title.clone() description=description.clone() path=path image=o.share_image.clone()/>
        <Meta name="twitter:card" content=twitter_card/>
        <Meta name="twitter:title" content=o.title.clone()/>
        <Meta name="twitter:description" content=description/>
        {share_image.map(|image| view! { <Meta name="twitter:image" content=image/> })}
        <FeedLinks shop=Some((o.business.slug.clone(), o.business.name.clone()))/>
        <script type="application/ld+json" inner_html=o.json_ld.clone()></script>
        <article class="page offer">
            {preview}
            <header class="offer__header">
                <p class="offer__kind">{kind_name(loc, o.kind)}</p>
                <h1 lang=lang_attr(o.title_lang, lang)>{o.title.clone()}</h1>
                <p class="offer__dates">
                    <time datetime=o.starts_on.iso()>{period}</time>
                    {soon}
                </p>
            </header>
            {state_notice}
            {photo}
            <p class="offer__text" lang=lang_attr(o.body_lang, lang)>{o.body.clone()}</p>
            {conditions}
            {promo}
            <section class="panel offer__shop" aria-labelledby="offer-shop">
                <h2 id="offer-shop">{td_string!(loc, offers.shop)}</h2>
                <p class="offer__shop-name"><a href=shop_path.clone()>{o.business.name.clone()}</a></p>
                <p>{o.business.category_name.clone()}</p>
                <address>{address}</address>
                <p class=status_class>{format::status(loc, &o.business.status)}</p>
            </section>
            <div class="share">
                <a
                    class="button share__button"
                    href=page_url.clone()
                    data-share-url=share_url
                    data-share-title=o.title.clone()
                    data-copied=td_string!(loc, offers.share_copied)
                    data-failed=td_string!(loc, offers.share_failed)
                >
                    {td_string!(loc, offers.share)}
                </a>
                <p class="share__status" role="status"></p>
            </div>
            <ul class="link-list">
                <li><a href=format!("{shop_path}#offres")>{td_string!(loc, offers.see_shop, shop = o.business.name.clone())}</a></li>
                <li><a href=href(lang, "/offres")>{td_string!(loc, offers.all_offers)}</a></li>
                <li><a href=href(lang, "/offres/suivre")>{td_string!(loc, offers.follow)}</a></li>
            </ul>
        </article>
    }
}
