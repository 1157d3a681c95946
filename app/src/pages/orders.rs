//! Click & collect for shoppers (issue 14):
//! - `/panier`: the basket across shops, each shop's collection slots, and the confirmation
//!   form (name, e-mail, optional phone); changes since a product was added are shown first;
//! - `/commande/{token}`: the order page reached by the unguessable link of the e-mails: each
//!   shop's order and status, its collection time with a calendar file, and cancellation while
//!   the shop has not prepared it,
//!
//! each also under `/nl` and `/en`.
//!
//! **Plain forms, no client code**, like the follow-by-e-mail pages (`pages::follow`): server
//! HTML without a bundle, never cached (they show one person's basket or order). The forms POST
//! to axum handlers (`server/src/orders.rs`) that answer 303 to the next page, or render this
//! page again with what was typed and the problems (422) by passing them as the page's query.
//! The basket is named by a cookie scoped to `/panier` (`domain::orders::basket` says why), so
//! every other page stays cacheable for a shopper with a basket.

use common::error::FieldProblem;
use common::orders::{BasketView, OrderStatus, OrderView, SlotDay, QUANTITY_MAX};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::api::JsonAnswer;
use crate::components::problem::Problem;
use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};
use crate::pages::dashboard::PrivateMeta;

/// The basket's page.
pub const BASKET_PATH: &str = "/panier";
/// Adding a product (the product page's form).
pub const ADD_PATH: &str = "/panier/ajouter";
/// Changing a line's quantity (0 removes it).
pub const UPDATE_PATH: &str = "/panier/modifier";
/// Confirming the basket.
pub const CHECKOUT_PATH: &str = "/panier/commander";

/// The basket with the key its confirmation form carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketPageData {
    pub basket: BasketView,
    /// A new idempotency key for this rendering of the form.
    pub key: String,
}

/// The request's basket cookie (the page's request: this runs while the page renders).
#[cfg(feature = "ssr")]
fn basket_cookie() -> Option<String> {
    basket_cookie_in(&use_context::<http::request::Parts>()?.headers)
}

/// The basket cookie among a request's headers (the pages and the server's form handlers).
#[cfg(feature = "ssr")]
pub fn basket_cookie_in(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == domain::orders::basket::COOKIE)
        .map(|(_, value)| value.to_string())
}

/// The basket of the page's request.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "basket")]
pub async fn get_basket(lang: Lang) -> Result<BasketPageData, AppError> {
    let state = crate::pages::follow::app_state()?;
    let cookie = basket_cookie();
    let basket = domain::orders::basket::view(&state.db, cookie.as_deref(), lang, state.clock.now()).await?;
    Ok(BasketPageData { basket, key: domain::accounts::tokens::random_token() })
}

/// The orders of an order page's link.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "order_page")]
pub async fn get_orders(token: String) -> Result<Vec<OrderView>, AppError> {
    let state = crate::pages::follow::app_state()?;
    Ok(domain::orders::read::by_link(&state.db, &token).await?)
}

fn query(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

/// The problems a refused form came back with: `erreur=field:problem[:limit]`, repeated.
pub(crate) fn problems_in_query() -> Vec<FieldProblem> {
    use_query_map().with_untracked(|q| {
        q.get_all("erreur")
            .unwrap_or_default()
            .iter()
            .filter_map(|text| {
                let mut parts = text.splitn(3, ':');
                let field = parts.next()?;
                let problem = parts.next()?;
                let mut found = FieldProblem::new(field, problem);
                found.limit = parts.next().and_then(|l| l.parse().ok());
                Some(found)
            })
            .collect()
    })
}

/// A problem of the orders' forms in words.
pub fn problem_text(loc: Locale, problem: &FieldProblem) -> String {
    let limit = problem.limit.unwrap_or_default();
    match problem.problem.as_str() {
        "no_longer_available" => td_string!(loc, orders.no_longer_available).to_string(),
        "only_left" => td_string!(loc, orders.only_left, count = limit),
        "price_changed" => td_string!(loc, orders.price_changed).to_string(),
        "product_unknown" | "not_reservable" => td_string!(loc, orders.not_reservable).to_string(),
        "quantity_out_of_range" => td_string!(loc, orders.quantity_out_of_range, count = QUANTITY_MAX),
        "slot_required" => td_string!(loc, orders.slot_required).to_string(),
        "slot_unavailable" => td_string!(loc, orders.slot_unavailable).to_string(),
        "basket_empty" => td_string!(loc, orders.basket_empty).to_string(),
        "basket_full" | "basket_too_large" => td_string!(loc, orders.basket_full).to_string(),
        "too_many_open_orders" => td_string!(loc, orders.too_many_open_orders).to_string(),
        "form_expired" | "basket_tampered" => td_string!(loc, orders.form_expired).to_string(),
        "throttled" => td_string!(loc, orders.throttled).to_string(),
        "date_out_of_range" => td_string!(loc, orders.date_out_of_range, count = limit),
        "not_askable" => td_string!(loc, orders.not_askable).to_string(),
        _ => crate::components::form::problem_text(loc, problem),
    }
}

/// The first and last day a shop may keep a product until (today, and `ASK_DAYS` later), as
/// `YYYY-MM-DD` for date fields' `min` and `max`, by the server's clock (`None` in the browser).
pub fn keep_until_bounds() -> Option<(String, String)> {
    #[cfg(feature = "ssr")]
    {
        let state = crate::api::state().ok()?;
        let today = domain::clock::today_in_brussels(state.clock.now());
        let last = today + chrono::Duration::days(common::orders::ASK_DAYS);
        Some((today.format("%Y-%m-%d").to_string(), last.format("%Y-%m-%d").to_string()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Words for a status, as the shopper and the shop read it.
pub fn status_text(loc: Locale, status: OrderStatus, ask: bool) -> &'static str {
    match (status, ask) {
        (OrderStatus::Unconfirmed, _) => td_string!(loc, orders.status_unconfirmed),
        (OrderStatus::Asked, _) => td_string!(loc, orders.status_asked),
        (OrderStatus::New, _) => td_string!(loc, orders.status_new),
        (OrderStatus::Accepted, true) => td_string!(loc, orders.status_kept),
        (OrderStatus::Accepted, false) => td_string!(loc, orders.status_accepted),
        (OrderStatus::Ready, _) => td_string!(loc, orders.status_ready),
        (OrderStatus::Collected, _) => td_string!(loc, orders.status_collected),
        (OrderStatus::Declined, true) => td_string!(loc, orders.status_unavailable),
        (OrderStatus::Declined, false) => td_string!(loc, orders.status_declined),
        (OrderStatus::NotCollected, _) => td_string!(loc, orders.status_not_collected),
        (OrderStatus::Cancelled, _) => td_string!(loc, orders.status_cancelled),
        (OrderStatus::Lapsed, _) => td_string!(loc, orders.status_lapsed),
    }
}

/// "samedi 5 décembre, 10:30 – 11:00", or the last day a product is kept.
pub fn when_text(loc: Locale, order: &OrderView) -> String {
    match (&order.pickup_day, order.pickup_starts, order.pickup_ends) {
        (Some(day), Some(starts), Some(ends)) => td_string!(
            loc,
            orders.when_slot,
            weekday = format::weekday(loc, day.weekday),
            date = format::date(loc, day, false),
            span = format::span(loc, &common::time::Span { opens: starts, closes: ends })
        ),
        _ if order.ask && order.status == OrderStatus::Asked => {
            td_string!(loc, orders.when_would_come, date = format::date(loc, &order.collect_by, false))
        }
        _ => td_string!(loc, orders.when_until, date = format::date(loc, &order.collect_by, false)),
    }
}

/// A total: "24,90 €", "à partir de 24,90 €" when some price is given in the shop.
pub fn total_text(loc: Locale, cents: i64, has_unpriced: bool) -> String {
    match (cents, has_unpriced) {
        (0, true) => td_string!(loc, catalogue.price_in_shop).to_string(),
        (_, true) => td_string!(loc, orders.total_from, amount = format::price(loc, cents)),
        _ => format::price(loc, cents),
    }
}

/// `/panier`: the basket, or what to do when it is empty.
#[component]
pub fn BasketPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_personal();
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, orders.basket_title).to_string();
    let data = Resource::new_blocking(move || lang, get_basket);
    let problems = problems_in_query();
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow basket">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let problems = problems.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(data) if data.basket.is_empty() => view! {
                                <p>{td_string!(loc, orders.basket_empty_text)}</p>
                                <p><a href=href(lang, "/produits") rel="external">{td_string!(loc, orders.find_products)}</a></p>
                            }
                            .into_any(),
                            Ok(data) => view! { <BasketForm lang data problems/> }.into_any(),
                            Err(error) => view! { <Problem error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn BasketForm(lang: Lang, data: BasketPageData, problems: Vec<FieldProblem>) -> impl IntoView {
    let loc = locale(lang);
    let problem_for = |field: &str| problems.iter().find(|p| p.field == field).map(|p| problem_text(loc, p));
    let general: Vec<String> = problems
        .iter()
        .filter(|p| !p.field.starts_with("product-") && !p.field.starts_with("slot-") && !matches!(p.field.as_str(), "name" | "email" | "phone"))
        .map(|p| problem_text(loc, p))
        .collect();
    let error_count = problems.len();
    let shops = data.basket.shops.clone();
    let changed = data.basket.changed;
    let checkout_lines: Vec<String> = shops
        .iter()
        .flat_map(|s| &s.lines)
        .filter(|l| l.available > 0)
        .map(|l| format!("{}:{}:{}", l.product_id, l.quantity.min(l.available), l.unit_price_cents.map(|c| c.to_string()).unwrap_or_default()))
        .collect();
    let field_error = |field: &'static str| {
        problem_for(field).map(|text| view! { <p class="field-error" id=format!("{field}-error")>{text}</p> })
    };
    let invalid = |field: &str| problem_for(field).is_some().then_some("true");
    let described = |field: &'static str| problem_for(field).is_some().then(|| format!("{field}-error"));
    view! {
        {(error_count > 0).then(|| view! {
            <div class="problem" role="alert" id="basket-problems">
                <p>{td_string!(loc, orders.refused)}</p>
                {(!general.is_empty()).then(|| view! { <ul>{general.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul> })}
            </div>
        })}
        {changed.then(|| view! { <p class="notice" role="status">{td_string!(loc, orders.changed_since)}</p> })}
        <p>{td_string!(loc, orders.basket_intro)}</p>
        {shops.iter().map(|shop| {
            let heading = format!("basket-shop-{}", shop.business_id);
            let labelled = heading.clone();
            view! {
                <section class="panel basket__shop" aria-labelledby=labelled>
                    <h2 id=heading>{shop.name.clone()}</h2>
                    <p class="basket__address">{shop.address.clone()}</p>
                    <ul class="basket__lines">
                        {shop.lines.iter().map(|line| {
                            let field = format!("product-{}", line.product_id);
                            let quantity_id = format!("quantity-{}", line.product_id);
                            let problem = problem_for(&field);
                            let price = crate::components::product_card::price_text(loc, line.unit_price_cents);
                            let was = line.price_was_cents.map(|was| td_string!(loc, orders.price_was, price = crate::components::product_card::price_text(loc, was)));
                            let short = (line.available < line.quantity).then(|| if line.available == 0 {
                                td_string!(loc, orders.no_longer_available).to_string()
                            } else {
                                td_string!(loc, orders.only_left, count = line.available)
                            });
                            view! {
                                <li class="basket__line">
                                    <p class="basket__name"><a href=line.href.clone() rel="external">{line.name.clone()}</a></p>
                                    <p class="basket__price">{price}{was.map(|w| view! { " " <span class="basket__was">{w}</span> })}</p>
                                    {short.map(|s| view! { <p class="field-error">{s}</p> })}
                                    {problem.map(|s| view! { <p class="field-error" id=format!("{field}-error")>{s}</p> })}
                                    <form method="post" action=href(lang, UPDATE_PATH) class="basket__quantity">
                                        <input type="hidden" name="produit" value=line.product_id.to_string()/>
                                        <label for=quantity_id.clone()>{td_string!(loc, orders.quantity)}</label>
                                        <input id=quantity_id type="number" name="quantite" min="0" max=line.available.max(1).to_string() value=line.quantity.min(line.available.max(1)).to_string() inputmode="numeric"/>
                                        <button type="submit" class="secondary">{td_string!(loc, orders.update)}</button>
                                        <button type="submit" class="secondary" name="quantite" value="0">{td_string!(loc, orders.remove)}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="basket__total">{td_string!(loc, orders.shop_total)} " " <strong>{total_text(loc, shop.total_cents, shop.has_unpriced)}</strong></p>
                </section>
            }
        }).collect_view()}
        <form method="post" action=href(lang, CHECKOUT_PATH) class="stack basket__checkout">
            <input type="hidden" name="cle" value=data.key.clone()/>
            {checkout_lines.into_iter().map(|line| view! { <input type="hidden" name="ligne" value=line/> }).collect_view()}
            <h2>{td_string!(loc, orders.when_title)}</h2>
            {shops.iter().map(|shop| {
                let field = format!("slot-{}", shop.business_id);
                let id = format!("creneau-{}", shop.business_id);
                let chosen = query(&id).unwrap_or_default();
                let problem = problem_for(&field);
                let error_id = format!("{id}-error");
                view! {
                    <label for=id.clone()>{td_string!(loc, orders.slot_label, shop = shop.name.clone())}</label>
                    {if shop.slot_days.is_empty() {
                        view! { <p class="field-error">{td_string!(loc, orders.no_slots)}</p> }.into_any()
                    } else {
                        view! {
                            <select id=id.clone() name=id.clone() required aria-invalid=problem.is_some().then_some("true") aria-describedby=problem.is_some().then(|| error_id.clone())>
                                <option value="">{td_string!(loc, orders.slot_choose)}</option>
                                {slot_options(loc, &shop.slot_days, &chosen)}
                            </select>
                        }.into_any()
                    }}
                    {problem.map(|text| view! { <p class="field-error" id=error_id>{text}</p> })}
                }
            }).collect_view()}
            <h2>{td_string!(loc, orders.who_title)}</h2>
            <label for="name">{td_string!(loc, orders.name)}</label>
            <input id="name" name="nom" type="text" autocomplete="name" required maxlength="100" value=query("nom").unwrap_or_default() aria-invalid=invalid("name") aria-describedby=described("name")/>
            {field_error("name")}
            <label for="email">{td_string!(loc, orders.email)}</label>
            <input id="email" name="email" type="email" autocomplete="email" required value=query("email").unwrap_or_default() aria-invalid=invalid("email") aria-describedby=described("email")/>
            {field_error("email")}
            <label for="phone">{td_string!(loc, orders.phone)}</label>
            <input id="phone" name="telephone" type="tel" autocomplete="tel" value=query("telephone").unwrap_or_default() aria-invalid=invalid("phone") aria-describedby=described("phone")/>
            {field_error("phone")}
            <p class="hint">{td_string!(loc, orders.privacy)}</p>
            <p>{td_string!(loc, orders.pay_in_shop)}</p>
            <button type="submit">{td_string!(loc, orders.confirm)}</button>
        </form>
    }
}

/// The slots of a shop as `<optgroup>`s, one per day.
fn slot_options(loc: Locale, days: &[SlotDay], chosen: &str) -> impl IntoView {
    days.iter()
        .map(|day| {
            let label = format!("{} {}", format::weekday(loc, day.day.weekday), format::date(loc, &day.day, false));
            view! {
                <optgroup label=label.clone()>
                    {day.slots.iter().map(|slot| {
                        // The day in each option too: a closed list on a phone shows only the chosen one.
                        let span = format::span(loc, &common::time::Span { opens: slot.starts, closes: slot.ends });
                        let text = format!("{label}, {span}");
                        view! { <option value=slot.value.clone() selected=slot.value == chosen>{text}</option> }
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view()
}

/// `/commande/{token}`: each shop's order of a checkout.
#[component]
pub fn OrderPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_personal();
    let lang = current_lang();
    let loc = locale(lang);
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let title = td_string!(loc, orders.order_title).to_string();
    let page_token = token.clone();
    let orders = Resource::new_blocking(move || page_token.clone(), get_orders);
    let placed = query("envoyee").is_some();
    let cancelled = query("annulee").is_some();
    let problem = query("erreur");
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow order-page">
            <h1>{title}</h1>
            {placed.then(|| view! { <p class="notice" role="status">{td_string!(loc, orders.placed)}</p> })}
            {cancelled.then(|| view! { <p class="notice" role="status">{td_string!(loc, orders.cancelled)}</p> })}
            {problem.map(|_| view! { <div class="problem" role="alert"><p>{td_string!(loc, orders.changed_meanwhile)}</p></div> })}
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match orders.await {
                            Ok(orders) => view! {
                                <p>{td_string!(loc, orders.order_intro)}</p>
                                {orders.into_iter().map(|order| view! { <OrderCard lang token=token.clone() order/> }).collect_view()}
                                <p class="hint">{td_string!(loc, orders.keep_link)}</p>
                            }
                            .into_any(),
                            Err(AppError::NotFound) => {
                                #[cfg(feature = "ssr")]
                                crate::status::set_status(404);
                                view! { <div class="problem" role="alert"><p>{td_string!(loc, orders.order_unknown)}</p></div> }.into_any()
                            }
                            Err(error) => view! { <Problem error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn OrderCard(lang: Lang, token: String, order: OrderView) -> impl IntoView {
    let loc = locale(lang);
    let heading = format!("order-{}", order.id);
    let calendar = (order.status.is_open() && order.status != OrderStatus::Asked)
        .then(|| format!("{}/calendrier/{}", href(lang, &format!("/commande/{token}")), order.id));
    let cancel_action = format!("{}/annuler", href(lang, &format!("/commande/{token}")));
    let labelled = heading.clone();
    view! {
        <section class="panel order" aria-labelledby=labelled>
            <h2 id=heading>{order.business_name.clone()}</h2>
            <p class=format!("order__status order__status--{}", order.status.code())>{status_text(loc, order.status, order.ask)}</p>
            <p>{when_text(loc, &order)}</p>
            <p class="order__address">{order.business_address.clone()}</p>
            <ul>
                {order.lines.iter().map(|line| view! {
                    <li>{format!("{} × {}", line.quantity, line.name)} " — " {crate::components::product_card::price_text(loc, line.unit_price_cents)}</li>
                }).collect_view()}
            </ul>
            <p>{td_string!(loc, orders.shop_total)} " " <strong>{total_text(loc, order.total_cents, order.has_unpriced)}</strong></p>
            {order.decline_reason.clone().map(|reason| view! { <p>{td_string!(loc, orders.reason)} " " {reason}</p> })}
            {calendar.map(|link| view! { <p><a href=link download="vitrine.ics">{td_string!(loc, orders.add_to_calendar)}</a></p> })}
            {order.status.cancellable().then(|| view! {
                <form method="post" action=cancel_action class="order__cancel">
                    <input type="hidden" name="commande" value=order.id.to_string()/>
                    <button type="submit" class="secondary">{td_string!(loc, orders.cancel)}</button>
                </form>
            })}
        </section>
    }
}
