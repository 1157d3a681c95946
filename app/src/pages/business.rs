//! `/commerces/{slug}`: the full profile of a business, with its live status, the week's hours,
//! exceptions, contact links, accessibility, freshness, and schema.org JSON-LD for search engines.

use common::directory::BusinessProfile;
use common::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::get_business;
use crate::components::problem::Problem;
use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::not_found::NotFoundMessage;
use crate::pages::{base_url, PageMeta};

/// Listings not confirmed for this many days get a "call before you go" warning.
const STALE_AFTER_DAYS: i64 = 180;

/// The width a gallery photo takes (style/main.css `.gallery li`: the screen's width on a phone,
/// 32rem at most), from which the browser picks a variant of its `srcset`.
const GALLERY_SIZES: &str = "(max-width: 34rem) 100vw, 32rem";

#[component]
pub fn BusinessPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let data = Resource::new(move || (lang.get(), slug.get()), |(lang, slug)| get_business(lang, slug));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(profile) => view! { <Profile profile/> }.into_any(),
                    Err(AppError::NotFound) => {
                        #[cfg(feature = "ssr")]
                        crate::status::set_status(404);
                        let loc = locale(lang.get_untracked());
                        view! {
                            <NotFoundMessage
                                title=td_string!(loc, error.business_not_found_title).to_string()
                                text=td_string!(loc, error.business_not_found_text).to_string()
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

#[component]
fn Profile(profile: BusinessProfile) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let p = profile;
    let status_class =
        if p.status.is_open() { "status status--open status--large" } else { "status status--closed status--large" };
    let status_text = format::status(loc, &p.status);
    let description_short: String = p.description.chars().take(200).collect();
    let image = p.photos.first().map(|photo| format!("{}{}", base_url(), photo.url));
    let map_href = p.map_url.clone();
    // Following a contact or map link makes the browser report it to `/ping/…` (HTML `ping`: no
    // script, nothing about the visitor kept), for the merchant's statistics (server/src/stats.rs).
    // Absolute, on the public URL: the HTML standard wants `ping` to hold http(s) URLs.
    let ping_base = format!("{}/ping/{}", base_url(), p.slug);
    let ping = |kind: common::stats::Kind| format!("{ping_base}/{}", kind.key());
    let map_ping = ping(common::stats::Kind::Directions);
    let category_link = format!("{}?categorie={}", href(lang, "/commerces"), p.category.slug);

    let week = p
        .week
        .iter()
        .map(|day| {
            let hours = if day.spans.is_empty() {
                td_string!(loc, business.closed_all_day).to_string()
            } else {
                day.spans.iter().map(|s| format::span(loc, s)).collect::<Vec<_>>().join(", ")
            };
            let name = format::weekday(loc, day.weekday);
            let row_class = if day.is_today { "hours__today" } else { "" };
            let today_badge =
                day.is_today.then(|| view! { <span class="badge">{td_string!(loc, business.today)}</span> });
            view! {
                <tr class=row_class>
                    <th scope="row">{name}{today_badge}</th>
                    <td>{hours}</td>
                </tr>
            }
        })
        .collect_view();

    let holidays = p
        .closed_on_holidays
        .then(|| view! { <p class="hours__holidays">{td_string!(loc, business.closed_on_holidays)}</p> });
    let exceptions = (!p.exceptions.is_empty()).then(|| {
        let items = p
            .exceptions
            .iter()
            .map(|e| {
                let dates = if e.from == e.to {
                    format!("{} {}", format::weekday(loc, e.from.weekday), format::date(loc, &e.from, true))
                } else {
                    td_string!(
                        loc,
                        date.range,
                        from = format::date(loc, &e.from, e.from.year != e.to.year),
                        to = format::date(loc, &e.to, true)
                    )
                };
                let hours = if e.closed || e.spans.is_empty() {
                    td_string!(loc, business.exception_closed).to_string()
                } else {
                    e.spans.iter().map(|s| format::span(loc, s)).collect::<Vec<_>>().join(", ")
                };
                let text = match &e.note {
                    Some(note) => format!("{dates} : {hours} — {note}"),
                    None => format!("{dates} : {hours}"),
                };
                let text = if loc == Locale::fr { text } else { text.replacen(" : ", ": ", 1) };
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <section class="panel" aria-labelledby="exceptions-title">
                <h2 id="exceptions-title">{td_string!(loc, business.exceptions)}</h2>
                <ul class="exceptions">{items}</ul>
            </section>
        }
    });

    let contact = {
        // Every target below comes from a checked value (`common::values`): E.164 `tel:`, a
        // plain `mailto:`, and http(s) links only.
        let phone = p.phone.clone().map(|phone| {
            let (tel, shown) = (phone.tel_href(), phone.display());
            let ping = ping(common::stats::Kind::Phone);
            view! { <li><a class="contact-link" href=tel ping=ping>{td_string!(loc, business.call, phone = shown)}</a></li> }
        });
        let email = p.email.clone().map(|email| {
            let mailto = email.mailto_href();
            let shown = email.to_string();
            let ping = ping(common::stats::Kind::Email);
            view! { <li><a class="contact-link" href=mailto ping=ping>{td_string!(loc, business.email, email = shown)}</a></li> }
        });
        let website = p.website.clone().map(|url| {
            let url = url.to_string();
            let ping = ping(common::stats::Kind::Website);
            view! { <li><a class="contact-link" href=url rel="noopener" ping=ping>{td_string!(loc, business.website)}</a></li> }
        });
        let facebook = p.facebook.clone().map(|url| {
            let url = url.to_string();
            let ping = ping(common::stats::Kind::Social);
            view! { <li><a class="contact-link" href=url rel="noopener" ping=ping>{td_string!(loc, business.facebook)}</a></li> }
        });
        let instagram = p.instagram.clone().map(|url| {
            let url = url.to_string();
            let ping = ping(common::stats::Kind::Social);
            view! { <li><a class="contact-link" href=url rel="noopener" ping=ping>{td_string!(loc, business.instagram)}</a></li> }
        });
        view! { <ul class="contact-list">{phone}{email}{website}{facebook}{instagram}</ul> }
    };

    let accessibility = if p.accessibility.is_empty() {
        view! { <p>{td_string!(loc, business.no_accessibility)}</p> }.into_any()
    } else {
        let items =
            p.accessibility.iter().map(|key| view! { <li>{format::accessibility(loc, key)}</li> }).collect_view();
        view! { <ul class="features">{items}</ul> }.into_any()
    };

    let photos = (!p.photos.is_empty()).then(|| {
        let images = p
            .photos
            .iter()
            .enumerate()
            .map(|(i, photo)| {
                let loading = if i == 0 { "eager" } else { "lazy" };
                // The first photo is the largest thing on the page: fetched early.
                let priority = (i == 0).then_some("high");
                // An uploaded photo reserves its own proportions and lets the browser pick a
                // width; the demo town's SVGs keep the 16:10 box and the markup they had.
                let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
                let sizes = photo.srcset.is_some().then_some(GALLERY_SIZES);
                view! {
                    <li>
                        <img
                            src=photo.url.clone()
                            srcset=photo.srcset.clone()
                            sizes=sizes
                            alt=photo.alt.clone()
                            width=width
                            height=height
                            loading=loading
                            fetchpriority=priority
                        />
                    </li>
                }
            })
            .collect_view();
        // Focusable: on a phone the gallery scrolls sideways, and keyboard users scroll it with
        // the arrow keys once it has the focus (axe `scrollable-region-focusable`).
        view! { <ul class="gallery" tabindex="0" aria-label=td_string!(loc, business.photos)>{images}</ul> }
    });

    let stale = (p.checked_days_ago > STALE_AFTER_DAYS)
        .then(|| view! { <p class="freshness__warning">{td_string!(loc, business.stale_warning)}</p> });
    let address_line = format!("{}, {} {}", p.street, p.postcode, p.locality);
    // The shop's live offers (issue 8): a section made by the server (components::offer_card).
    let offers = (!p.offers_html.is_empty())
        .then(|| view! { <div class="offers-slot" inner_html=p.offers_html.clone()></div> });
    // Its window (issue 13), made by the server too (components::product_card).
    let products = (!p.products_html.is_empty())
        .then(|| view! { <div class="products-slot" inner_html=p.products_html.clone()></div> });

    view! {
        <PageMeta
            title=p.name.clone()
            description=description_short
            path=format!("/commerces/{}", p.slug)
            image=image
        />
        <script type="application/ld+json" inner_html=p.json_ld.clone()></script>
        <article class="page business">
            <header class="business__header">
                <p class="business__category">
                    <a href=category_link>{p.category.name.clone()}</a>
                </p>
                <h1>{p.name.clone()}</h1>
                <p class=status_class>{status_text}</p>
            </header>
            {photos}
            // Merchants write in French, and optionally in Dutch and English.
            <p class="business__description" lang=(p.description_lang != lang).then_some(p.description_lang.code())>
                {p.description.clone()}
            </p>
            {offers}
            {products}
            // Following this shop's offers by e-mail (pages::follow, outside this bundle: a full load).
            <p class="business__follow">
                <a href=format!("{}?commerce={}", href(lang, "/offres/suivre"), p.slug) rel="external">
                    {td_string!(loc, follow.follow_shop)}
                </a>
            </p>
            <div class="business__grid">
                <section class="panel" aria-labelledby="hours-title">
                    <h2 id="hours-title">{td_string!(loc, business.hours)}</h2>
                    <table class="hours">
                        <tbody>{week}</tbody>
                    </table>
                    {holidays}
                </section>
                {exceptions}
                <section class="panel" aria-labelledby="address-title">
                    <h2 id="address-title">{td_string!(loc, business.address)}</h2>
                    <address>
                        <p>{address_line}</p>
                        <p><a href=map_href rel="noopener" ping=map_ping>{td_string!(loc, business.directions)}</a></p>
                    </address>
                </section>
                <section class="panel" aria-labelledby="contact-title">
                    <h2 id="contact-title">{td_string!(loc, business.contact)}</h2>
                    {contact}
                </section>
                <section class="panel" aria-labelledby="accessibility-title">
                    <h2 id="accessibility-title">{td_string!(loc, business.accessibility)}</h2>
                    {accessibility}
                </section>
            </div>
            <footer class="freshness">
                <p>
                    <time datetime=p.confirmed_on.iso()>{format::checked(loc, p.checked_days_ago)}</time>
                </p>
                {stale}
            </footer>
            <p class="back-link">
                <a href=href(lang, "/commerces")>{td_string!(loc, business.back)}</a>
            </p>
        </article>
    }
}
