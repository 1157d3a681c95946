//! The town console's review of offers (issue 8): `/console/offres` (+ `/nl`, `/en`), for
//! administrators. The recent published offers (`domain::offers::manage::review_list`), newest
//! first, with their shop, state, period, the reason when hidden and a link to the offer's page;
//! "hide" with a required reason (the merchant reads it on their offers page; the offer leaves
//! every public list and its page answers 404) and "restore". Plain `ActionForm`s: without
//! JavaScript they post and come back here (`?fait=…`), a refused reason with its message.
//! Authorisation is the domain's (`require_admin`): nobody logged in gets the login prompt (401),
//! a merchant the refusal (403).

use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::api::JsonAnswer;
use crate::components::form::{max_chars, problems_of, typed_resource, FieldMessage, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};

/// One offer of the review list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewOffer {
    pub id: i32,
    pub title: String,
    pub business_name: String,
    pub business_slug: String,
    /// `common::offers::OfferState::code`.
    pub state: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hidden_reason: Option<String>,
}

/// How many offers the review lists (about a month of a busy town).
pub const REVIEW_LIMIT: u64 = 100;

#[server(input = GetUrl, output = JsonAnswer, endpoint = "offers_review")]
pub async fn get_offers_review() -> Result<Vec<ReviewOffer>, AppError> {
    let state = crate::pages::follow::app_state()?;
    let session = crate::api::session();
    let rows =
        domain::offers::manage::review_list(&state.db, session.actor.as_ref(), REVIEW_LIMIT, state.clock.now()).await?;
    Ok(rows
        .into_iter()
        .map(|row| ReviewOffer {
            id: row.offer.id,
            title: row.offer.title_fr.clone(),
            business_name: row.business_name,
            business_slug: row.business_slug,
            state: row.state.code().to_string(),
            starts_on: row.offer.starts_on.format("%d/%m/%Y").to_string(),
            ends_on: row.offer.ends_on.format("%d/%m/%Y").to_string(),
            hidden_reason: row.offer.hidden_at.and(row.offer.hidden_reason),
        })
        .collect())
}

/// Hides an offer with the reason its merchant sees.
#[server(output = JsonAnswer, endpoint = "hide_offer")]
pub async fn hide_offer(lang: Lang, offer_id: i32, #[server(default)] reason: String) -> Result<(), AppError> {
    let state = crate::pages::follow::app_state()?;
    let session = crate::api::session();
    let result = domain::offers::manage::hide(&state.db, session.actor.as_ref(), offer_id, &reason, state.clock.now())
        .await
        .map_err(AppError::from);
    let offer = offer_id.to_string();
    let typed = [("offer_id", offer.as_str()), ("reason", reason.as_str())];
    crate::api::forms::keep_typed(result, <HideOffer as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    leptos_axum::redirect(&format!("{}?fait=masquee", lang.localize("/console/offres")));
    Ok(())
}

/// Shows a hidden offer again.
#[server(output = JsonAnswer, endpoint = "restore_offer")]
pub async fn restore_offer(lang: Lang, offer_id: i32) -> Result<(), AppError> {
    let state = crate::pages::follow::app_state()?;
    let session = crate::api::session();
    domain::offers::manage::restore(&state.db, session.actor.as_ref(), offer_id, state.clock.now()).await?;
    leptos_axum::redirect(&format!("{}?fait=retablie", lang.localize("/console/offres")));
    Ok(())
}

fn state_text(loc: Locale, code: &str) -> &'static str {
    match code {
        "draft" => td_string!(loc, merchant_offers.state_draft),
        "scheduled" => td_string!(loc, merchant_offers.state_scheduled),
        "live" => td_string!(loc, merchant_offers.state_live),
        _ => td_string!(loc, merchant_offers.state_ended),
    }
}

#[component]
pub fn ConsoleOffersPage() -> impl IntoView {
    let lang = use_lang();
    let hide = ServerAction::<HideOffer>::new();
    let restore = ServerAction::<RestoreOffer>::new();
    // Read again after each hide or restore (with JavaScript the page stays).
    let data = Resource::new(move || (hide.version().get(), restore.version().get()), |_| get_offers_review());
    let typed = typed_resource();
    let loc = locale(lang.get_untracked());
    let title = td_string!(loc, offers_review.title).to_string();
    view! {
        <PrivateMeta title=title.clone()/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match data.await {
                    Ok(offers) => view! { <Review offers hide restore typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(
    offers: Vec<ReviewOffer>,
    hide: ServerAction<HideOffer>,
    restore: ServerAction<RestoreOffer>,
    typed: Typed,
) -> impl IntoView {
    let lang: Lang = current_lang();
    let loc = locale(lang);
    let done = use_query_map().with_untracked(|q| q.get("fait"));
    let hide_problems = problems_of(hide.value());
    let notice = done.as_deref().and_then(|d| match d {
        "masquee" => Some(td_string!(loc, offers_review.done_hidden)),
        "retablie" => Some(td_string!(loc, offers_review.done_restored)),
        _ => None,
    });
    let empty = offers.is_empty();
    let rows = offers
        .into_iter()
        .map(|offer| {
            let id = offer.id.to_string();
            let reason_field = format!("reason-{}", offer.id);
            let form = <HideOffer as leptos::server_fn::ServerFn>::PATH;
            let typed_reason =
                (typed.value(form, "offer_id").as_deref() == Some(id.as_str())).then(|| typed.or(form, "reason", String::new()));
            let action = match offer.hidden_reason.clone() {
                Some(_) => view! {
                    <ActionForm action=restore>
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="offer_id" value=id.clone()/>
                        <button type="submit">{td_string!(loc, offers_review.restore_button)}</button>
                    </ActionForm>
                }
                .into_any(),
                None => view! {
                    <ActionForm action=hide attr:class="stack">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="offer_id" value=id.clone()/>
                        <label for=reason_field.clone()>{td_string!(loc, offers_review.reason_label)}</label>
                        <input id=reason_field name="reason" type="text" maxlength=max_chars("reason") required value=typed_reason/>
                        <button type="submit">{td_string!(loc, offers_review.hide_button)}</button>
                    </ActionForm>
                }
                .into_any(),
            };
            let state = match &offer.hidden_reason {
                Some(reason) => format!(
                    "{} — {}",
                    state_text(loc, &offer.state),
                    td_string!(loc, offers_review.hidden, reason = reason.clone())
                ),
                None => state_text(loc, &offer.state).to_string(),
            };
            view! {
                <tr>
                    <td><a href=href(lang, &format!("/offres/{}", offer.id)) rel="external">{offer.title}</a></td>
                    <td><a href=href(lang, &format!("/commerces/{}", offer.business_slug)) rel="external">{offer.business_name}</a></td>
                    <td>{state}</td>
                    <td>{format!("{} – {}", offer.starts_on, offer.ends_on)}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="dashboard">
            <h1>{td_string!(loc, offers_review.title)}</h1>
            <p><a href=href(lang, "/console")>{td_string!(loc, console.title)}</a></p>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormAlert value=hide.value()/>
            <FormAlert value=restore.value()/>
            <FieldMessage problems=hide_problems field="reason"/>
            <p>{td_string!(loc, offers_review.intro)}</p>
            {if empty {
                view! { <p>{td_string!(loc, offers_review.none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-labelledby="review-caption" tabindex="0">
                        <table>
                            <caption id="review-caption">{td_string!(loc, offers_review.caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td_string!(loc, offers_review.offer)}</th>
                                    <th scope="col">{td_string!(loc, offers_review.business)}</th>
                                    <th scope="col">{td_string!(loc, offers_review.state)}</th>
                                    <th scope="col">{td_string!(loc, offers_review.period)}</th>
                                    <th scope="col">{td_string!(loc, offers_review.action)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
