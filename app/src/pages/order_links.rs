//! The pages of click & collect's e-mailed links and the question form (issue 14):
//! - `/commande/confirmer?jeton=…`: the shopper confirms an order held after no-shows at that
//!   shop (the e-mail of `domain::orders::checkout`); a button, never the link alone;
//! - `/commande/repondre?jeton=…`: the shop answers a question from its e-mail: "yes, I keep it
//!   for you until …" or "no", one button each;
//! - `/demander?produit={id}`: "ask if available", for a product whose stock nobody counts or
//!   whose count is stale: when the shopper would come, a message, how to answer them,
//!
//! each also under `/nl` and `/en`. Plain forms without script, never cached, like the basket
//! (`pages::orders`); they POST to `server/src/orders.rs`.

use common::orders::{OrderView, ASK_DAYS, MESSAGE_MAX, QUANTITY_MAX, REASON_MAX};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::api::JsonAnswer;
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};
use crate::pages::dashboard::PrivateMeta;
use crate::pages::orders::{problem_text, status_text, total_text, when_text};

/// The shopper's confirmation link's page (`domain::orders::flow::CONFIRM_PATH`).
pub const CONFIRM_PATH: &str = "/commande/confirmer";
/// The shop's answer link's page (`domain::orders::flow::ANSWER_PATH`).
pub const ANSWER_PATH: &str = "/commande/repondre";
/// The question form.
pub const ASK_PATH: &str = "/demander";

fn query(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

/// The order an e-mailed link waits on: `confirm` for the shopper's confirmation, else the
/// shop's answer (with the shopper's name and message, which the shop needs to answer).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "order_link")]
pub async fn get_order_link(token: String, confirm: bool) -> Result<OrderView, AppError> {
    let state = crate::pages::follow::app_state()?;
    let status = if confirm { common::orders::OrderStatus::Unconfirmed } else { common::orders::OrderStatus::Asked };
    Ok(domain::orders::read::by_action_link(&state.db, &token, status, !confirm).await?)
}

/// What the question form shows of its product, and a new key for this rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskProduct {
    pub id: i32,
    pub name: String,
    pub shop: String,
    pub href: String,
    pub price_cents: Option<i64>,
    /// `YYYY-MM-DD`: today and the last day the shopper may name.
    pub first_day: String,
    pub last_day: String,
    pub key: String,
}

#[server(input = GetUrl, output = JsonAnswer, endpoint = "ask_product")]
pub async fn get_ask_product(lang: Lang, product: String) -> Result<AskProduct, AppError> {
    let state = crate::pages::follow::app_state()?;
    let id = product.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    let (row, shop) = domain::orders::ask::askable_product(&state.db, id, now).await?;
    let (first_day, last_day) = crate::pages::orders::keep_until_bounds().ok_or(AppError::Internal)?;
    Ok(AskProduct {
        id: row.id,
        name: domain::catalogue::name_in(&row, lang).0.to_string(),
        href: lang.localize(&format!("/commerces/{}/produits/{}", shop.slug, row.id)),
        shop: shop.name,
        price_cents: row.price_cents,
        first_day,
        last_day,
        key: domain::accounts::tokens::random_token(),
    })
}

/// A link that no longer leads anywhere (used, expired, unknown): 410, or 404.
#[component]
fn LinkGone(lang: Lang, error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(error.status());
    let loc = locale(lang);
    let text = match error {
        AppError::NotFound | AppError::LinkExpired => td_string!(loc, orders.link_gone).to_string(),
        other => crate::components::problem::message(loc, &other),
    };
    view! { <div class="problem" role="alert"><p>{text}</p></div> }
}

/// The order's summary for the pages of its links.
fn summary(loc: Locale, order: &OrderView) -> impl IntoView {
    view! {
        <section class="panel order" aria-labelledby="order-summary">
            <h2 id="order-summary">{order.business_name.clone()}</h2>
            <p class="order__status">{status_text(loc, order.status, order.ask)}</p>
            <p>{when_text(loc, order)}</p>
            <ul>
                {order.lines.iter().map(|line| view! { <li>{format!("{} × {}", line.quantity, line.name)}</li> }).collect_view()}
            </ul>
            <p>{td_string!(loc, orders.shop_total)} " " <strong>{total_text(loc, order.total_cents, order.has_unpriced)}</strong></p>
            {(!order.shopper_name.is_empty()).then(|| view! { <p>{td_string!(loc, orders.from)} " " {order.shopper_name.clone()}</p> })}
            {(!order.message.is_empty()).then(|| view! { <p class="inbox__message">{td_string!(loc, orders.message)} " " {order.message.clone()}</p> })}
        </section>
    }
}

/// A link's page once its button was pressed: its title and what was done.
fn done(title: String, text: &'static str) -> AnyView {
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <p class="notice" role="status">{text}</p>
        </section>
    }
    .into_any()
}

/// `/commande/confirmer?jeton=…`; `?fait=1` once confirmed.
#[component]
pub fn ConfirmOrderPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_personal();
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, orders.confirm_title).to_string();
    if query("fait").is_some() {
        return done(title, td_string!(loc, orders.confirmed));
    }
    let token = query("jeton").unwrap_or_default();
    let form_token = token.clone();
    let order = Resource::new_blocking(move || token.clone(), |token| get_order_link(token, true));
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let form_token = form_token.clone();
                    Suspend::new(async move {
                        match order.await {
                            Ok(order) => view! {
                                <p>{td_string!(loc, orders.confirm_text)}</p>
                                {summary(loc, &order)}
                                <form method="post" action=href(lang, CONFIRM_PATH) class="stack">
                                    <input type="hidden" name="jeton" value=form_token/>
                                    <button type="submit">{td_string!(loc, orders.confirm_button)}</button>
                                </form>
                            }
                            .into_any(),
                            Err(error) => view! { <LinkGone lang error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

/// `/commande/repondre?jeton=…`: the shop's two buttons; `?fait=oui|non` once answered.
#[component]
pub fn AnswerPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_personal();
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, orders.answer_title).to_string();
    if let Some(answer) = query("fait") {
        let text = if answer == "oui" { td_string!(loc, orders.answered_yes) } else { td_string!(loc, orders.answered_no) };
        return done(title, text);
    }
    let token = query("jeton").unwrap_or_default();
    let form_token = token.clone();
    let problem = query("erreur");
    let typed_until = query("jusqu_au");
    let typed_reason = query("raison").unwrap_or_default();
    let order = Resource::new_blocking(move || token.clone(), |token| get_order_link(token, false));
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let (form_token, problem, typed_until, typed_reason) =
                        (form_token.clone(), problem.clone(), typed_until.clone(), typed_reason.clone());
                    Suspend::new(async move {
                        match order.await {
                            Ok(order) => {
                                let until = typed_until.unwrap_or_else(|| {
                                    format!("{:04}-{:02}-{:02}", order.collect_by.year, order.collect_by.month, order.collect_by.day)
                                });
                                // Each problem under its own field: the date's, or the reason's.
                                let (error, reason_error) = match problem {
                                    Some(p) if p == "date_out_of_range" => {
                                        (Some(problem_text(loc, &common::error::FieldProblem::with_limit("until", &p, ASK_DAYS as u32))), None)
                                    }
                                    Some(p) => (None, Some(problem_text(loc, &common::error::FieldProblem::with_limit("raison", &p, REASON_MAX as u32)))),
                                    None => (None, None),
                                };
                                let bounds = crate::pages::orders::keep_until_bounds();
                                let id = order.id.to_string();
                                view! {
                                    {summary(loc, &order)}
                                    <form method="post" action=href(lang, ANSWER_PATH) class="stack">
                                        <input type="hidden" name="jeton" value=form_token.clone()/>
                                        <input type="hidden" name="commande" value=id.clone()/>
                                        <input type="hidden" name="reponse" value="yes"/>
                                        <label for="answer-until">{td_string!(loc, orders.keep_until)}</label>
                                        <input id="answer-until" type="date" name="jusqu_au" value=until min=bounds.as_ref().map(|b| b.0.clone()) max=bounds.as_ref().map(|b| b.1.clone()) required aria-invalid=error.is_some().then_some("true") aria-describedby=error.is_some().then_some("answer-until-error")/>
                                        {error.map(|text| view! { <p class="field-error" id="answer-until-error">{text}</p> })}
                                        <button type="submit">{td_string!(loc, orders.answer_yes)}</button>
                                    </form>
                                    <form method="post" action=href(lang, ANSWER_PATH) class="stack">
                                        <input type="hidden" name="jeton" value=form_token/>
                                        <input type="hidden" name="commande" value=id/>
                                        <input type="hidden" name="reponse" value="no"/>
                                        <label for="answer-reason">{td_string!(loc, orders.reason_optional)}</label>
                                        <textarea id="answer-reason" name="raison" rows="2" maxlength="500" aria-invalid=reason_error.is_some().then_some("true") aria-describedby=reason_error.is_some().then_some("answer-reason-error")>{typed_reason}</textarea>
                                        {reason_error.map(|text| view! { <p class="field-error" id="answer-reason-error">{text}</p> })}
                                        <button type="submit" class="secondary">{td_string!(loc, orders.answer_no)}</button>
                                    </form>
                                }
                                .into_any()
                            }
                            Err(error) => view! { <LinkGone lang error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

/// `/demander?produit={id}`: "ask if available".
#[component]
pub fn AskPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_personal();
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, orders.ask_title).to_string();
    let product = query("produit").unwrap_or_default();
    let data = Resource::new_blocking(move || product.clone(), move |product| get_ask_product(lang, product));
    let problems = crate::pages::orders::problems_in_query();
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let problems = problems.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(p) => view! { <AskForm lang product=p problems/> }.into_any(),
                            Err(AppError::NotFound) => {
                                #[cfg(feature = "ssr")]
                                crate::status::set_status(404);
                                view! { <div class="problem" role="alert"><p>{td_string!(loc, orders.not_askable)}</p></div> }.into_any()
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
fn AskForm(lang: Lang, product: AskProduct, problems: Vec<common::error::FieldProblem>) -> impl IntoView {
    let loc = locale(lang);
    let problem_for = |field: &str| problems.iter().find(|p| p.field == field).map(|p| problem_text(loc, p));
    let field = |name: &'static str, error: &'static str| {
        problem_for(name).map(|text| view! { <p class="field-error" id=error>{text}</p> })
    };
    let invalid = |name: &str| problem_for(name).is_some().then_some("true");
    let described = |name: &str, error: &'static str| problem_for(name).is_some().then_some(error);
    let general: Vec<String> = problems
        .iter()
        .filter(|p| !matches!(p.field.as_str(), "name" | "email" | "phone" | "quantity" | "date" | "message"))
        .map(|p| problem_text(loc, p))
        .collect();
    let date = query("date").unwrap_or_else(|| product.first_day.clone());
    view! {
        {(!problems.is_empty()).then(|| view! {
            <div class="problem" role="alert">
                <p>{td_string!(loc, orders.ask_refused)}</p>
                {(!general.is_empty()).then(|| view! { <ul>{general.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul> })}
            </div>
        })}
        <p>
            <a href=product.href.clone() rel="external">{product.name.clone()}</a>
            " — " {product.shop.clone()} " — " {crate::components::product_card::price_text(loc, product.price_cents)}
        </p>
        <p>{td_string!(loc, orders.ask_intro)}</p>
        <form method="post" action=href(lang, ASK_PATH) class="stack">
            <input type="hidden" name="cle" value=product.key.clone()/>
            <input type="hidden" name="produit" value=product.id.to_string()/>
            <label for="ask-quantity">{td_string!(loc, orders.quantity)}</label>
            <input id="ask-quantity" name="quantite" type="number" min="1" max=QUANTITY_MAX.to_string() required value=query("quantite").unwrap_or_else(|| "1".into()) aria-invalid=invalid("quantity") aria-describedby=described("quantity", "ask-quantity-error")/>
            {field("quantity", "ask-quantity-error")}
            <label for="ask-date">{td_string!(loc, orders.ask_date)}</label>
            <input id="ask-date" name="date" type="date" min=product.first_day.clone() max=product.last_day.clone() required value=date aria-invalid=invalid("date") aria-describedby=described("date", "ask-date-error")/>
            {field("date", "ask-date-error")}
            <label for="ask-message">{td_string!(loc, orders.ask_message)}</label>
            <textarea id="ask-message" name="message" rows="3" maxlength=MESSAGE_MAX.to_string() aria-invalid=invalid("message") aria-describedby=described("message", "ask-message-error")>{query("message").unwrap_or_default()}</textarea>
            {field("message", "ask-message-error")}
            <label for="name">{td_string!(loc, orders.name)}</label>
            <input id="name" name="nom" type="text" autocomplete="name" required maxlength="100" value=query("nom").unwrap_or_default() aria-invalid=invalid("name") aria-describedby=described("name", "name-error")/>
            {field("name", "name-error")}
            <label for="email">{td_string!(loc, orders.email)}</label>
            <input id="email" name="email" type="email" autocomplete="email" required value=query("email").unwrap_or_default() aria-invalid=invalid("email") aria-describedby=described("email", "email-error")/>
            {field("email", "email-error")}
            <label for="phone">{td_string!(loc, orders.phone)}</label>
            <input id="phone" name="telephone" type="tel" autocomplete="tel" value=query("telephone").unwrap_or_default() aria-invalid=invalid("phone") aria-describedby=described("phone", "phone-error")/>
            {field("phone", "phone-error")}
            <p class="hint">{td_string!(loc, orders.privacy)}</p>
            <button type="submit">{td_string!(loc, orders.ask_send)}</button>
        </form>
    }
}
