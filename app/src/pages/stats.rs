//! `/tableau-de-bord/{id}/statistiques`: what the public page brought the shop over the last 7,
//! 30 or 90 days (`?jours=7|30|90`, 30 when absent): profile views and clicks on the phone,
//! e-mail, website, social and directions links, one bar chart per counter with its total, the
//! comparison with the same number of days before, a one-line definition, and the numbers as a
//! table. The period is chosen with plain links, so the page works without JavaScript. Private
//! like the rest of the dashboard (never indexed, never in the shared page cache).

use common::stats::{Kind, Period, Series, StatsView};
use common::time::Day;
use common::AppError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::stats::get_stats;
use crate::components::chart::{Bar, BarChart};
use crate::components::problem::Problem;
use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};

/// The query parameter naming the period.
const DAYS_PARAMETER: &str = "jours";

#[component]
pub fn StatsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let Some(id) = id else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    // An unreadable period is sent as 0, which the server refuses (400) with a message.
    let days = Memo::new(move |_| {
        query.with(|q| q.get(DAYS_PARAMETER).map(|d| d.parse::<u32>().unwrap_or(0)).unwrap_or(Period::default().days()))
    });
    let stats = Resource::new(move || days.get(), move |days| get_stats(id, days));
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(view) => view! { <Statistics view/> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        #[cfg(feature = "ssr")]
                        crate::status::set_status(401);
                        let lang = lang.get_untracked();
                        let loc = locale(lang);
                        view! {
                            <StatsTitle/>
                            <section class="dashboard narrow">
                                <h1>{td_string!(loc, account.login_title)}</h1>
                                <p>{td_string!(loc, error.unauthenticated)}</p>
                                <p><a class="button" href=href(lang, "/connexion")>{td_string!(loc, account.log_in_link)}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <StatsTitle/><Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The title of the page when there is nothing to show (not logged in, not allowed…), and the
/// `noindex` of every private page.
#[component]
fn StatsTitle() -> impl IntoView {
    let loc = locale(current_lang());
    view! {
        <Title text=crate::pages::title_text(format!("{} · {}", td_string!(loc, stats.title), td_string!(loc, site.name)))/>
        <Meta name="robots" content="noindex"/>
    }
}

/// The name of a counter.
fn kind_name(loc: Locale, kind: Kind) -> &'static str {
    match kind {
        Kind::View => td_string!(loc, stats.view),
        Kind::Phone => td_string!(loc, stats.phone),
        Kind::Email => td_string!(loc, stats.email),
        Kind::Website => td_string!(loc, stats.website),
        Kind::Social => td_string!(loc, stats.social),
        Kind::Directions => td_string!(loc, stats.directions),
        Kind::OfferView => td_string!(loc, stats.offer_view),
        Kind::ShareVisit => td_string!(loc, stats.share_visit),
    }
}

/// What a counter counts, in one line.
fn definition(loc: Locale, kind: Kind) -> &'static str {
    match kind {
        Kind::View => td_string!(loc, stats.view_definition),
        Kind::Phone => td_string!(loc, stats.phone_definition),
        Kind::Email => td_string!(loc, stats.email_definition),
        Kind::Website => td_string!(loc, stats.website_definition),
        Kind::Social => td_string!(loc, stats.social_definition),
        Kind::Directions => td_string!(loc, stats.directions_definition),
        Kind::OfferView => td_string!(loc, stats.offer_view_definition),
        Kind::ShareVisit => td_string!(loc, stats.share_visit_definition),
    }
}

/// "+12 % par rapport aux 30 jours précédents (41)", or "rien les 30 jours précédents".
fn comparison(loc: Locale, total: u64, previous: u64, days: u32) -> String {
    if previous == 0 {
        return if total == 0 {
            td_string!(loc, stats.compare_same, days = days)
        } else {
            td_string!(loc, stats.compare_new, days = days)
        };
    }
    // Rounded to the nearest whole percent, in integers (no float formatting differences).
    let percent = |difference: u64| (difference * 100 + previous / 2) / previous;
    match total.cmp(&previous) {
        std::cmp::Ordering::Greater => {
            td_string!(loc, stats.compare_up, percent = percent(total - previous), days = days, previous = previous)
        }
        std::cmp::Ordering::Less => {
            td_string!(loc, stats.compare_down, percent = percent(previous - total), days = days, previous = previous)
        }
        std::cmp::Ordering::Equal => td_string!(loc, stats.compare_same, days = days),
    }
}

/// "samedi 28 novembre" (with the year when the period spans two).
fn long_date(loc: Locale, day: &Day, with_year: bool) -> String {
    format!("{} {}", format::weekday(loc, day.weekday), format::date(loc, day, with_year))
}

#[component]
fn Statistics(view: StatsView) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let id = view.business_id;
    let days = view.period.days();
    let spans_years = view.days.first().map(|d| d.year) != view.days.last().map(|d| d.year);
    let choices = Period::ALL
        .into_iter()
        .map(|period| {
            let link = href(lang, &format!("/tableau-de-bord/{id}/statistiques?{DAYS_PARAMETER}={}", period.days()));
            let current = (period == view.period).then_some("page");
            view! {
                <li>
                    <a href=link aria-current=current>{td_string!(loc, stats.period_days, days = period.days())}</a>
                </li>
            }
        })
        .collect_view();
    let reservations = view.reservations;
    let reservations = view! {
        <section class="card stat" aria-labelledby="stat-orders">
            <h2 id="stat-orders">{td_string!(loc, stats.orders_title)}</h2>
            <p class="help">{td_string!(loc, stats.orders_definition)}</p>
            <p class="stat__total">
                <strong>{td_string!(loc, stats.orders_brought, count = reservations.collected, days = days)}</strong>
            </p>
            <p>
                {td_string!(loc, stats.orders_made, count = reservations.made)}
                " · "
                {td_string!(loc, stats.orders_value, amount = format::price(loc, reservations.collected_cents))}
            </p>
        </section>
    };
    let charts = view
        .series
        .iter()
        .map(|series| {
            let Series { kind, counts, total, previous_total } = series;
            let name = kind_name(loc, *kind);
            let heading_id = format!("stat-{}", kind.key());
            let labelled_by = heading_id.clone();
            let busiest = counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)));
            let summary = match busiest {
                Some((i, max)) if *max > 0 => td_string!(
                    loc,
                    stats.summary,
                    what = name,
                    total = total,
                    days = days,
                    max = max,
                    date = view.days.get(i).map(|d| long_date(loc, d, spans_years)).unwrap_or_default()
                ),
                _ => td_string!(loc, stats.summary_empty, what = name, days = days),
            };
            let max = counts.iter().copied().max().unwrap_or(0);
            let bars: Vec<Bar> = series
                .points(&view.days)
                .map(|(day, value)| Bar { label: long_date(loc, &day, spans_years), value })
                .collect();
            let first = view.days.first().map(|d| format::date(loc, d, spans_years)).unwrap_or_default();
            let last = view.days.last().map(|d| format::date(loc, d, spans_years)).unwrap_or_default();
            view! {
                <section class="card stat" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{name}</h2>
                    <p class="help">{definition(loc, *kind)}</p>
                    <p class="stat__total">
                        <strong>{td_string!(loc, stats.total, total = total, days = days)}</strong>
                        " · "
                        {comparison(loc, *total, *previous_total, days)}
                    </p>
                    <BarChart
                        bars
                        summary
                        caption=format!("{name} · {}", td_string!(loc, stats.period_days, days = days))
                        label_header=td_string!(loc, stats.date)
                        value_header=td_string!(loc, stats.count)
                        show_numbers=td_string!(loc, stats.show_numbers)
                        first
                        last
                        max_label=td_string!(loc, stats.max, max = max)
                    />
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=crate::pages::title_text(format!("{} · {} · {}", td_string!(loc, stats.title), view.name, td_string!(loc, site.name)))/>
        <Meta name="robots" content="noindex"/>
        <section class="dashboard stats">
            <p><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{view.name.clone()}</a></p>
            <h1>{td_string!(loc, stats.title)}</h1>
            <p>{td_string!(loc, stats.intro)}</p>
            <nav aria-label=td_string!(loc, stats.period)>
                <ul class="period-choice">{choices}</ul>
            </nav>
            {reservations}
            {charts}
            <p class="help">{td_string!(loc, stats.privacy)}</p>
        </section>
    }
}
