//! Following offers by e-mail (issue 8): `/offres/suivre` (the form), `/offres/confirmer?jeton=…`
//! (the e-mailed confirmation link's page) and `/offres/desabonnement?cle=…` (the one-click
//! unsubscribe link's page), each also under `/nl` and `/en`.
//!
//! **Plain forms, no client code.** Like the offers pages (`pages::offers`), these pages are
//! server HTML sent without the WASM bundle (`HydrationLoader` in `lib.rs`), so the public bundle
//! does not grow. Their forms POST to axum handlers (`server/src/follow.rs`), which call the
//! domain and answer with a redirect (303) to this page's "done" state, or, when the input is
//! refused, render this same page again with the typed values and the problem (422) by passing
//! the form's fields as the page's query: the page reads `email`, `choix`, `commerces`,
//! `frequence` and `erreur` from its URL either way.
//!
//! Opening a confirmation or unsubscribe link never uses it: the page shows a button whose POST
//! does (mail scanners open links). Mail providers' one-click unsubscribe (RFC 8058) POSTs to the
//! unsubscribe URL directly.
//!
//! [`texts`] also gives the Atom feeds (`server/src/feeds.rs`) their translated titles.

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

/// The form's page.
pub const FOLLOW_PATH: &str = "/offres/suivre";
/// The confirmation link's page (`domain::offers::follow::CONFIRM_PATH`).
pub const CONFIRM_PATH: &str = "/offres/confirmer";
/// The unsubscribe link's page (`domain::offers::follow::UNSUBSCRIBE_PATH`).
pub const UNSUBSCRIBE_PATH: &str = "/offres/desabonnement";


/// Texts the server writes outside a page (the Atom feeds' titles and categories).
#[cfg(feature = "ssr")]
pub mod texts {
    use common::offers::OfferKind;
    use common::Lang;

    use crate::i18n::*;
    use crate::lang::locale;

    pub fn feed_title(lang: Lang) -> String {
        td_string!(locale(lang), follow.feed_title).to_string()
    }

    pub fn feed_title_business(lang: Lang, shop: &str) -> String {
        td_string!(locale(lang), follow.feed_title_business, shop = shop.to_string())
    }

    pub fn kind_label(lang: Lang, kind: OfferKind) -> String {
        let loc = locale(lang);
        match kind {
            OfferKind::Promotion => td_string!(loc, merchant_offers.kind_promotion),
            OfferKind::NewArrival => td_string!(loc, merchant_offers.kind_new_arrival),
            OfferKind::Event => td_string!(loc, merchant_offers.kind_event),
            OfferKind::InStore => td_string!(loc, merchant_offers.kind_in_store),
        }
        .to_string()
    }
}

/// The server's state, for server functions outside `crate::api` (this page's and the console review's).
#[cfg(feature = "ssr")]
pub(crate) fn app_state() -> Result<crate::state::AppState, AppError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// A shop the form offers to follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowShop {
    pub id: i32,
    pub slug: String,
    pub name: String,
}

/// The public shops, by name.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "follow_shops")]
pub async fn follow_shops() -> Result<Vec<FollowShop>, AppError> {
    let state = app_state()?;
    let shops = domain::offers::follow::choosable(&state.db).await?;
    Ok(shops.into_iter().map(|(id, slug, name)| FollowShop { id, slug, name }).collect())
}

/// What a live confirmation link would set: `None` for every shop, else how many shops; and
/// whether the e-mails come daily (as soon as published) rather than on Mondays.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "follow_link")]
pub async fn follow_link(token: String) -> Result<(Option<usize>, bool), AppError> {
    use domain::offers::follow::{Choice, Frequency};
    let state = app_state()?;
    let pending = domain::offers::follow::check_token(&state.db, &token, state.clock.now()).await?;
    let shops = match pending.choice {
        Choice::All => None,
        Choice::Businesses(ids) => Some(ids.len()),
    };
    Ok((shops, pending.frequency == Frequency::Daily))
}

/// Whether an unsubscribe key belongs to a subscription.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "follow_key")]
pub async fn follow_key(key: String) -> Result<bool, AppError> {
    let state = app_state()?;
    Ok(domain::offers::follow::key_exists(&state.db, &key).await?)
}

fn query(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

/// The translated message of a refused form (`erreur=…`, set by the server's handler).
fn error_text(loc: Locale, code: &str) -> String {
    match code {
        "email_invalid" | "required_email" => td_string!(loc, follow.error_email).to_string(),
        "required" => td_string!(loc, follow.error_shops).to_string(),
        "unknown_business" | "too_many" => td_string!(loc, follow.error_unknown_shop).to_string(),
        "throttled" => crate::components::problem::message(loc, &AppError::TooManyAttempts { retry_after_secs: 900 }),
        _ => crate::components::problem::message(loc, &AppError::BadRequest),
    }
}

/// `/offres/suivre`: the form, or "check your inbox" after it was sent (`?envoye=1`).
#[component]
pub fn FollowPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let sent = query("envoye").is_some();
    let error = query("erreur");
    let typed_email = query("email").unwrap_or_default();
    let preselected = query("commerce");
    let chosen: Vec<String> = use_query_map().with_untracked(|q| q.get_all("commerces").unwrap_or_default());
    let some = query("choix").as_deref() == Some("some") || (preselected.is_some() && error.is_none());
    let daily = query("frequence").as_deref() == Some("daily");
    let shops = Resource::new_blocking(|| (), |_| follow_shops());
    let title = td_string!(loc, follow.title).to_string();
    if sent {
        return view! {
            <PrivateMeta title=title.clone()/>
            <section class="dashboard narrow">
                <h1>{td_string!(loc, follow.sent_title)}</h1>
                <p role="status">{td_string!(loc, follow.sent_text)}</p>
                <p><a href=href(lang, "/offres") rel="external">{td_string!(loc, follow.all_offers)}</a></p>
            </section>
        }
        .into_any();
    }
    let email_error = error.as_deref().is_some_and(|e| e.contains("email"));
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <p>{td_string!(loc, follow.intro)}</p>
            {error.as_deref().map(|code| view! {
                <div class="problem" role="alert" id="follow-error"><p>{error_text(loc, code)}</p></div>
            })}
            <form method="post" action=href(lang, FOLLOW_PATH) class="stack">
                <label for="follow-email">{td_string!(loc, follow.email_label)}</label>
                <input
                    id="follow-email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    required
                    value=typed_email
                    aria-invalid=email_error.then_some("true")
                    aria-describedby=email_error.then_some("follow-error")
                />
                <fieldset>
                    <legend>{td_string!(loc, follow.which)}</legend>
                    <label class="choice">
                        <input type="radio" name="choix" value="all" checked=!some/>
                        {td_string!(loc, follow.all_shops)}
                    </label>
                    <label class="choice">
                        <input type="radio" name="choix" value="some" checked=some/>
                        {td_string!(loc, follow.chosen_shops)}
                    </label>
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, follow.how_often)}</legend>
                    <label class="choice">
                        <input type="radio" name="frequence" value="weekly" checked=!daily/>
                        {td_string!(loc, follow.weekly)}
                    </label>
                    <label class="choice">
                        <input type="radio" name="frequence" value="daily" checked=daily/>
                        {td_string!(loc, follow.daily)}
                    </label>
                </fieldset>
                <Suspense fallback=|| ()>
                    {move || {
                        let chosen = chosen.clone();
                        let preselected = preselected.clone();
                        Suspend::new(async move {
                            match shops.await {
                                Ok(shops) => view! {
                                    <fieldset class="follow-shops">
                                        <legend>{td_string!(loc, follow.shops_legend)}</legend>
                                        <ul>
                                            {shops
                                                .into_iter()
                                                .map(|shop| {
                                                    let id = shop.id.to_string();
                                                    let checked = chosen.contains(&id)
                                                        || preselected.as_deref() == Some(shop.slug.as_str());
                                                    let field = format!("follow-shop-{}", shop.id);
                                                    view! {
                                                        <li>
                                                            <input type="checkbox" id=field.clone() name="commerces" value=id checked=checked/>
                                                            <label for=field>{shop.name}</label>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </fieldset>
                                }
                                .into_any(),
                                Err(error) => view! { <Problem error/> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
                <button type="submit">{td_string!(loc, follow.submit)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// `/offres/confirmer?jeton=…`: what the link confirms and its button; `?fait=1` once done.
#[component]
pub fn ConfirmFollowPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, follow.confirm_title).to_string();
    if query("fait").is_some() {
        return view! {
            <PrivateMeta title=title/>
            <section class="dashboard narrow">
                <h1>{td_string!(loc, follow.confirmed_title)}</h1>
                <p role="status">
                    {if query("frequence").as_deref() == Some("daily") {
                        td_string!(loc, follow.confirmed_text_daily)
                    } else {
                        td_string!(loc, follow.confirmed_text)
                    }}
                </p>
                <p><a href=href(lang, "/offres") rel="external">{td_string!(loc, follow.all_offers)}</a></p>
            </section>
        }
        .into_any();
    }
    let token = query("jeton").unwrap_or_default();
    let link = Resource::new_blocking(move || token.clone(), follow_link);
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok((shops, daily)) => {
                            let text = match (shops, daily) {
                                (None, false) => td_string!(loc, follow.confirm_all).to_string(),
                                (Some(count), false) => td_string!(loc, follow.confirm_some, count = count),
                                (None, true) => td_string!(loc, follow.confirm_all_daily).to_string(),
                                (Some(count), true) => td_string!(loc, follow.confirm_some_daily, count = count),
                            };
                            view! {
                                <p>{text}</p>
                                <form method="post" action=href(lang, CONFIRM_PATH) class="stack">
                                    <input type="hidden" name="jeton" value=query("jeton").unwrap_or_default()/>
                                    <button type="submit">{td_string!(loc, follow.confirm_button)}</button>
                                </form>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <LinkGone lang error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// A confirmation link that cannot be used (404 unknown or used, 410 expired).
#[component]
fn LinkGone(lang: Lang, error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(error.status());
    let loc = locale(lang);
    let text = match error {
        AppError::NotFound | AppError::LinkExpired => td_string!(loc, follow.link_gone).to_string(),
        other => crate::components::problem::message(loc, &other),
    };
    view! {
        <div class="problem" role="alert"><p>{text}</p></div>
        <p><a href=href(lang, FOLLOW_PATH)>{td_string!(loc, follow.back_to_form)}</a></p>
    }
}

/// `/offres/desabonnement?cle=…`: one button; `?fait=1` once done.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let title = td_string!(loc, follow.unsubscribe_title).to_string();
    if query("fait").is_some() {
        return view! {
            <PrivateMeta title=title/>
            <section class="dashboard narrow">
                <h1>{td_string!(loc, follow.unsubscribed_title)}</h1>
                <p role="status">{td_string!(loc, follow.unsubscribed_text)}</p>
            </section>
        }
        .into_any();
    }
    let key = query("cle").unwrap_or_default();
    let known = Resource::new_blocking(move || key.clone(), follow_key);
    view! {
        <PrivateMeta title=title.clone()/>
        <section class="dashboard narrow">
            <h1>{title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match known.await {
                        Ok(true) => view! {
                            <p>{td_string!(loc, follow.unsubscribe_text)}</p>
                            // The same body a mail provider's one-click request sends (RFC 8058).
                            <form method="post" action=format!("{}?cle={}", href(lang, UNSUBSCRIBE_PATH), query("cle").unwrap_or_default()) class="stack">
                                <input type="hidden" name="List-Unsubscribe" value="One-Click"/>
                                <button type="submit">{td_string!(loc, follow.unsubscribe_button)}</button>
                            </form>
                        }
                        .into_any(),
                        Ok(false) => {
                            #[cfg(feature = "ssr")]
                            crate::status::set_status(404);
                            view! {
                                <div class="problem" role="alert"><p>{td_string!(loc, follow.unsubscribe_unknown)}</p></div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <Problem error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
