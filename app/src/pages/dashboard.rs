//! The merchant's pages: login, the dashboard (the weekly tasks on its first screen: confirm the
//! listing, close today or tomorrow, change a day's hours), the profile form and the account.
//! Every form is an `ActionForm` posting url-encoded fields to a server function, so it works as
//! a plain HTML form before the WASM has loaded; once hydrated, a refused save keeps what was
//! typed and shows each field's message next to it. These pages are private: never indexed,
//! never in the shared page cache (the session cookie makes them private).

use common::dashboard::{parse_day, ListingView, Me, ACCESSIBILITY_FEATURES};
use common::error::FieldProblem;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::{get_me, ChangePassword, LogIn, LogOut, LogOutEverywhere, RequestEmailChange};
use crate::api::listing::{
    get_listing, AddException, CloseDay, ConfirmListing, RemoveException, SaveHours, SaveProfile,
};
use crate::components::form::{invalid, max_chars, problems_of, typed_resource, FieldMessage, FormAlert, NewPasswordField, Typed};
use crate::components::problem::Problem;
use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};

/// The value of the hidden `lang` field of every form (the server function's argument).
pub(crate) fn lang_field(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Fr",
        Lang::Nl => "Nl",
        Lang::En => "En",
    }
}

#[component]
pub(crate) fn PrivateMeta(title: String) -> impl IntoView {
    let loc = locale(current_lang());
    view! {
        <Title text=crate::pages::title_text(format!("{title} · {}", td_string!(loc, site.name)))/>
        <Meta name="robots" content="noindex"/>
    }
}

/// Shown instead of a private page when nobody is logged in (401).
#[component]
pub(crate) fn LogInFirst() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(401);
    let lang = current_lang();
    let loc = locale(lang);
    view! {
        <PrivateMeta title=td_string!(loc, account.login_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, account.login_title)}</h1>
            <p>{td_string!(loc, error.unauthenticated)}</p>
            <p><a class="button" href=href(lang, "/connexion")>{td_string!(loc, account.log_in_link)}</a></p>
        </section>
    }
}

fn loading(lang: Memo<Lang>) -> impl IntoView {
    view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let loc = locale(lang.get_untracked());
    let action = ServerAction::<LogIn>::new();
    let query = use_query_map();
    let logged_out = move || query.with(|q| q.get("deconnecte").is_some());
    view! {
        <PrivateMeta title=td_string!(loc, account.login_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, account.login_title)}</h1>
            <p>{td_string!(loc, account.login_intro)}</p>
            {move || logged_out().then(|| view! { <p class="notice" role="status">{td_string!(loc, account.logged_out)}</p> })}
            <ActionForm action=action attr:class="stack">
                <FormAlert value=action.value()/>
                <input type="hidden" name="lang" value=lang_field(lang.get_untracked())/>
                <label for="email">{td_string!(loc, account.email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <label for="password">{td_string!(loc, account.password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit">{td_string!(loc, account.log_in)}</button>
            </ActionForm>
            <p><a href=href(lang.get_untracked(), "/mot-de-passe-oublie")>{td_string!(loc, links.forgot_link)}</a></p>
        </section>
    }
}

/// `/tableau-de-bord`: with one business, its dashboard; with several, the list.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(me) if me.businesses.len() == 1 => {
                        let id = me.businesses[0].id;
                        view! { <BusinessDashboard business_id=id me=Some(me)/> }.into_any()
                    }
                    Ok(me) => view! { <MyBusinesses me/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyBusinesses(me: Me) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let items = me
        .businesses
        .iter()
        .map(|b| {
            let role = role_text(loc, &b.role);
            view! {
                <li>
                    <a href=href(lang, &format!("/tableau-de-bord/{}", b.id))>{b.name.clone()}</a>
                    " · "{role}
                </li>
            }
        })
        .collect_view();
    view! {
        <PrivateMeta title=td_string!(loc, dashboard.title).to_string()/>
        <section class="dashboard">
            <h1>{td_string!(loc, dashboard.my_businesses)}</h1>
            <AccountBar email=me.email.clone()/>
            {me.is_admin.then(|| view! { <p><a class="button" href=href(lang, "/console")>{td_string!(loc, console.title)}</a></p> })}
            {if me.businesses.is_empty() {
                view! { <p>{td_string!(loc, dashboard.no_business)}</p> }.into_any()
            } else {
                view! { <ul class="my-businesses">{items}</ul> }.into_any()
            }}
        </section>
    }
}

fn role_text(loc: Locale, role: &str) -> &'static str {
    match role {
        "owner" => td_string!(loc, dashboard.role_owner),
        "staff" => td_string!(loc, dashboard.role_staff),
        _ => td_string!(loc, dashboard.role_admin),
    }
}

/// Who is logged in, with the account page and logout.
#[component]
fn AccountBar(email: String) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let log_out = ServerAction::<LogOut>::new();
    view! {
        <div class="account-bar">
            <p>{td_string!(loc, account.signed_in_as, email = email)}</p>
            <a href=href(lang, "/compte")>{td_string!(loc, account.title)}</a>
            <ActionForm action=log_out attr:class="inline">
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <button type="submit" class="link-button">{td_string!(loc, account.log_out)}</button>
            </ActionForm>
        </div>
    }
}

/// `/tableau-de-bord/{id}`.
#[component]
pub fn BusinessDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let Some(id) = id else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    // The account bar (who is logged in, log out) needs the account as well as the listing.
    let lang = use_lang();
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(me) => view! { <BusinessDashboard business_id=id me=Some(me)/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// Remembers that a form has unsaved edits, and asks before the page is left.
fn unsaved_guard() -> RwSignal<bool> {
    let dirty = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::beforeunload, move |event| {
            if dirty.get_untracked() {
                event.prevent_default();
                event.set_return_value("unsaved");
            }
        });
        on_cleanup(move || handle.remove());
    }
    dirty
}

#[component]
fn BusinessDashboard(business_id: i32, me: Option<Me>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let listing = Resource::new(
        move || (lang.get(), query.with(|q| (q.get("enregistre"), q.get("n")))),
        move |(lang, _)| get_listing(lang, business_id),
    );
    let typed = typed_resource();
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || {
                let me = me.clone();
                Suspend::new(async move {
                    let typed = typed.await;
                    match listing.await {
                        Ok(view) => view! { <Listing view me typed/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                        Err(error) => view! { <Problem error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Listing(view: ListingView, me: Option<Me>, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    // Follows the URL: after a save, the client-side navigation to `?enregistre=…` may reuse
    // this component.
    let saved_text = move || {
        query.with(|q| q.get("enregistre")).map(|what| match what.as_str() {
            "confirme" => td_string!(loc, dashboard.confirmed),
            "ferme" => td_string!(loc, dashboard.closed_noted),
            _ => td_string!(loc, dashboard.saved),
        })
    };
    let v = view;
    let freshness = if v.days_since_confirmed <= 0 {
        td_string!(loc, dashboard.confirmed_today).to_string()
    } else {
        td_string!(loc, dashboard.confirmed_days_ago, days = v.days_since_confirmed)
    };
    let stale = v.days_since_confirmed > 30;
    let confirm = ServerAction::<ConfirmListing>::new();
    let close = ServerAction::<CloseDay>::new();
    let public = href(lang, &format!("/commerces/{}", v.slug));
    let several = me.as_ref().map(|m| m.businesses.len() != 1).unwrap_or(true);
    let email = me.map(|m| m.email);
    let id = v.business_id;
    let version = v.version;
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, dashboard.title), v.name)/>
        <section class="dashboard">
            {several.then(|| view! { <p><a href=href(lang, "/tableau-de-bord")>{td_string!(loc, dashboard.back)}</a></p> })}
            <h1>{v.name.clone()}</h1>
            {email.map(|email| view! { <AccountBar email/> })}
            {move || saved_text().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {(!v.published).then(|| {
                view! {
                    <p class="problem">
                        {td_string!(loc, dashboard.unpublished)}" "{v.unpublished_reason.clone().unwrap_or_default()}
                    </p>
                }
            })}
            <p><a href=public>{td_string!(loc, dashboard.view_public)}</a></p>

            <section class="card freshness" aria-labelledby="freshness-title">
                <h2 id="freshness-title">{td_string!(loc, dashboard.freshness_title)}</h2>
                <p>{freshness}</p>
                {stale.then(|| view! { <p class="warning">{td_string!(loc, dashboard.stale_reminder)}</p> })}
                <ActionForm action=confirm>
                    <FormAlert value=confirm.value()/>
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=id.to_string()/>
                    <button type="submit" aria-describedby="confirm-help">{td_string!(loc, dashboard.confirm)}</button>
                    <p class="help" id="confirm-help">{td_string!(loc, dashboard.confirm_products)}</p>
                </ActionForm>
            </section>

            <section class="card" aria-labelledby="quick-title">
                <h2 id="quick-title">{td_string!(loc, dashboard.quick_title)}</h2>
                <FormAlert value=close.value()/>
                <div class="button-row">
                    <ActionForm action=close attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="day" value="today"/>
                        <button type="submit">{td_string!(loc, dashboard.close_today)}</button>
                    </ActionForm>
                    <ActionForm action=close attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="day" value="tomorrow"/>
                        <button type="submit">{td_string!(loc, dashboard.close_tomorrow)}</button>
                    </ActionForm>
                </div>
            </section>

            // A full page load: the inbox's live script runs once per document.
            <p><a class="button" href=href(lang, &crate::pages::orders_merchant::inbox_path(id)) rel="external">{td_string!(loc, orders.link)}</a></p>
            <p><a class="button" href=href(lang, &crate::pages::offers_merchant::list_path(id))>{td_string!(loc, merchant_offers.link)}</a></p>
            <p><a class="button" href=href(lang, &crate::pages::products_merchant::list_path(id))>{td_string!(loc, products.link)}</a></p>
            <HoursEditor view=v.clone() typed=typed.clone()/>
            <Exceptions view=v.clone() typed/>
            <p><a class="button" href=href(lang, &format!("/tableau-de-bord/{id}/profil"))>{td_string!(loc, dashboard.edit_profile)}</a></p>
            {(v.role != "staff").then(|| view! {
                <p><a class="button" href=href(lang, &format!("/tableau-de-bord/{id}/equipe"))>{td_string!(loc, team.link)}</a></p>
            })}
            <p><a class="button" href=href(lang, &crate::pages::photos::page_path(id))>{td_string!(loc, photos.link)}</a></p>
            <p><a class="button" href=href(lang, &format!("/tableau-de-bord/{id}/statistiques"))>{td_string!(loc, stats.link)}</a></p>
        </section>
    }
}

#[component]
fn HoursEditor(view: ListingView, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let save = ServerAction::<SaveHours>::new();
    let problems = problems_of(save.value());
    let dirty = unsaved_guard();
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            dirty.set(false);
        }
    });
    let days: Vec<RwSignal<String>> = view
        .hours
        .days
        .iter()
        .enumerate()
        .map(|(i, d)| RwSignal::new(typed.or(SaveHours::PATH, &format!("day{i}"), d.clone())))
        .collect();
    let holidays_checked = if typed.is_for(SaveHours::PATH) {
        typed.value(SaveHours::PATH, "closed_on_holidays").as_deref() == Some("on")
    } else {
        view.hours.closed_on_holidays
    };
    let holidays = RwSignal::new(holidays_checked);
    // The public status line with the hours as typed, computed by the server exactly as the
    // public page does (exceptions, holidays, the clock); refreshed as the merchant types.
    let business_id = view.business_id;
    let typed_days = days.clone();
    // Asked by the browser once hydrated, and again at each change (the latest request wins);
    // "—" until then and without JavaScript. Not a Resource under a Transition: this editor is
    // rendered inside the dashboard's nested Suspense, whose children the server renders more
    // than once, so a resource or suspense boundary here took a different hydration id on the
    // server than in the browser, and hydration panicked on every full load of the dashboard.
    let status = RwSignal::new(None::<Option<common::directory::OpenStatus>>);
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let d = typed_days.iter().map(|d| d.get()).collect::<Vec<_>>();
        let holidays = holidays.get();
        let request = latest.get_value() + 1;
        latest.set_value(request);
        leptos::task::spawn_local(async move {
            let answer = crate::api::listing::preview_hours(
                lang,
                business_id,
                d[0].clone(),
                d[1].clone(),
                d[2].clone(),
                d[3].clone(),
                d[4].clone(),
                d[5].clone(),
                d[6].clone(),
                holidays,
            )
            .await;
            // The answer may arrive after the editor is gone (the merchant logged out or
            // left the page): its values are disposed by then, so only `try_` accessors.
            if latest.try_get_value() == Some(request) {
                status.try_set(Some(answer.ok().flatten()));
            }
        });
    });
    const FIELDS: [&str; 7] = ["day0", "day1", "day2", "day3", "day4", "day5", "day6"];
    let rows = days
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let text = *text;
            let field = FIELDS[i];
            let label = format::weekday(loc, i as u8);
            let preview = move || match parse_day(&text.get()) {
                Ok(spans) if spans.is_empty() => td_string!(loc, dashboard.closed).to_string(),
                Ok(spans) => spans.iter().map(|s| format::span(loc, s)).collect::<Vec<_>>().join(", "),
                Err(problem) => crate::components::form::problem_text(loc, &FieldProblem::new(field, problem.key())),
            };
            view! {
                <div class="day-row">
                    <label for=field>{label}</label>
                    <input
                        id=field
                        name=field
                        type="text"
                        inputmode="text"
                        autocomplete="off"
                        prop:value=move || text.get()
                        value=text.get_untracked()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            dirty.set(true);
                        }
                        aria-invalid=invalid(problems, field)
                        aria-describedby=format!("hours-help {field}-preview")
                    />
                    <output id=format!("{field}-preview") for=field class="day-preview">{preview}</output>
                    <FieldMessage problems field/>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="hours-title">
            <h2 id="hours-title">{td_string!(loc, dashboard.hours_title)}</h2>
            <p id="hours-help" class="help">{td_string!(loc, dashboard.hours_help)}</p>
            <p class="status-preview" aria-live="polite">
                {td_string!(loc, dashboard.preview)}" : "
                {move || match status.get() {
                    Some(Some(status)) => {
                        let class = if status.is_open() { "status status--open" } else { "status status--closed" };
                        view! { <span class=class>{format::status(loc, &status)}</span> }.into_any()
                    }
                    _ => view! { <span>"—"</span> }.into_any(),
                }}
            </p>
            <ActionForm action=save attr:class="stack">
                <FormAlert value=save.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=view.business_id.to_string()/>
                <input type="hidden" name="version" value=view.version.to_string()/>
                {rows}
                <label class="check">
                    <input
                        type="checkbox"
                        name="closed_on_holidays"
                        value="on"
                        checked=holidays_checked
                        on:change=move |ev| {
                            holidays.set(event_target_checked(&ev));
                            dirty.set(true);
                        }
                    />
                    {td_string!(loc, dashboard.closed_on_holidays)}
                </label>
                <button type="submit">{td_string!(loc, dashboard.save_hours)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Exceptions(view: ListingView, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let add = ServerAction::<AddException>::new();
    let remove = ServerAction::<RemoveException>::new();
    let problems = problems_of(add.value());
    let id = view.business_id;
    let version = view.version;
    let form = AddException::PATH;
    let closed = !typed.is_for(form) || typed.value(form, "closed").as_deref() == Some("on");
    let typed_or = move |field: &str| typed.or(form, field, String::new());
    let note_max = max_chars("note_fr");
    let rows = view
        .exceptions
        .clone()
        .into_iter()
        .map(|e| {
            let when = if e.starts_on == e.ends_on {
                e.starts_on.clone()
            } else {
                format!("{} → {}", e.starts_on, e.ends_on)
            };
            let what = if e.closed { td_string!(loc, dashboard.closed).to_string() } else { e.hours.clone() };
            let note = (!e.note_fr.is_empty()).then(|| format!(" ({})", e.note_fr));
            view! {
                <li>
                    {format!("{when} : {what}{}", note.unwrap_or_default())}
                    <ActionForm action=remove attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="exception_id" value=e.id.to_string()/>
                        <button type="submit" class="link-button">{td_string!(loc, dashboard.remove)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="exceptions-title">
            <h2 id="exceptions-title">{td_string!(loc, dashboard.exceptions_title)}</h2>
            <FormAlert value=remove.value()/>
            {if view.exceptions.is_empty() {
                view! { <p>{td_string!(loc, dashboard.no_exceptions)}</p> }.into_any()
            } else {
                view! { <ul class="exceptions">{rows}</ul> }.into_any()
            }}
            <ActionForm action=add attr:class="stack">
                <FormAlert value=add.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=id.to_string()/>
                <input type="hidden" name="version" value=view.version.to_string()/>
                <label for="starts_on">{td_string!(loc, dashboard.starts_on)}</label>
                <input id="starts_on" name="starts_on" type="date" required value=typed_or("starts_on") aria-invalid=invalid(problems, "starts_on")/>
                <FieldMessage problems field="starts_on"/>
                <label for="ends_on">{td_string!(loc, dashboard.ends_on)}</label>
                <input id="ends_on" name="ends_on" type="date" value=typed_or("ends_on") aria-invalid=invalid(problems, "ends_on")/>
                <FieldMessage problems field="ends_on"/>
                <label class="check">
                    <input type="checkbox" name="closed" value="on" checked=closed/>
                    {td_string!(loc, dashboard.exception_closed)}
                </label>
                <label for="exception-hours">{td_string!(loc, dashboard.exception_hours)}</label>
                <input id="exception-hours" name="hours" type="text" value=typed_or("hours") aria-invalid=invalid(problems, "hours")/>
                <FieldMessage problems field="hours"/>
                <label for="note_fr">{td_string!(loc, dashboard.note_fr)}</label>
                <input id="note_fr" name="note_fr" type="text" maxlength=note_max value=typed_or("note_fr") aria-invalid=invalid(problems, "note_fr") aria-describedby="note_fr-error"/>
                <FieldMessage problems field="note_fr"/>
                <label for="note_nl">{td_string!(loc, dashboard.note_nl)}</label>
                <input id="note_nl" name="note_nl" type="text" maxlength=note_max value=typed_or("note_nl") lang="nl" aria-invalid=invalid(problems, "note_nl") aria-describedby="note_nl-error"/>
                <FieldMessage problems field="note_nl"/>
                <label for="note_en">{td_string!(loc, dashboard.note_en)}</label>
                <input id="note_en" name="note_en" type="text" maxlength=note_max value=typed_or("note_en") lang="en" aria-invalid=invalid(problems, "note_en") aria-describedby="note_en-error"/>
                <FieldMessage problems field="note_en"/>
                <button type="submit">{td_string!(loc, dashboard.add_exception)}</button>
            </ActionForm>
        </section>
    }
}

/// `/tableau-de-bord/{id}/profil`.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())).unwrap_or(0);
    let query = use_query_map();
    let listing = Resource::new(
        move || (lang.get(), query.with(|q| (q.get("enregistre"), q.get("n")))),
        move |(lang, _)| get_listing(lang, id),
    );
    let typed = typed_resource();
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match listing.await {
                    Ok(view) => view! { <ProfileForm view typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForm(view: ListingView, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let save = ServerAction::<SaveProfile>::new();
    let problems = problems_of(save.value());
    let dirty = unsaved_guard();
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("enregistre").is_some());
    let mut p = view.profile.clone();
    // After a refusal without JavaScript, the fields show what was typed (see `typed_or`).
    for (field, value) in [
        ("name", &mut p.name),
        ("category", &mut p.category),
        ("description_fr", &mut p.description_fr),
        ("description_nl", &mut p.description_nl),
        ("description_en", &mut p.description_en),
        ("street", &mut p.street),
        ("postcode", &mut p.postcode),
        ("locality", &mut p.locality),
        ("latitude", &mut p.latitude),
        ("longitude", &mut p.longitude),
        ("phone", &mut p.phone),
        ("email", &mut p.email),
        ("website", &mut p.website),
        ("facebook", &mut p.facebook),
        ("instagram", &mut p.instagram),
        ("accessibility", &mut p.accessibility),
    ] {
        *value = typed.or(SaveProfile::PATH, field, std::mem::take(value));
    }
    let text_field =
        move |field: &'static str, label: &'static str, value: String, kind: &'static str, auto: &'static str| {
            view! {
                <label for=field>{label}</label>
                <input
                    id=field
                    name=field
                    type=kind
                    autocomplete=auto
                    value=value
                    aria-invalid=invalid(problems, field)
                    aria-describedby=format!("{field}-error")
                    on:input=move |_| dirty.set(true)
                />
                <FieldMessage problems field/>
            }
        };
    let area = move |field: &'static str, label: &'static str, value: String, lang_attr: &'static str| {
        view! {
            <label for=field>{label}</label>
            <textarea
                id=field
                name=field
                rows="5"
                maxlength=max_chars(field)
                lang=lang_attr
                aria-invalid=invalid(problems, field)
                aria-describedby=format!("{field}-error")
                on:input=move |_| dirty.set(true)
            >
                {value}
            </textarea>
            <FieldMessage problems field/>
        }
    };
    let categories = view
        .categories
        .iter()
        .map(|c| view! { <option value=c.slug.clone() selected=c.slug == p.category>{c.name.clone()}</option> })
        .collect_view();
    let declared: Vec<String> = p.accessibility.split(',').map(str::to_owned).collect();
    let features = ACCESSIBILITY_FEATURES
        .iter()
        .map(|key| {
            let label = format::accessibility(loc, key);
            view! {
                <label class="check">
                    <input type="checkbox" name=*key value="on" checked=declared.iter().any(|d| d == key) on:change=move |_| dirty.set(true)/>
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, dashboard.profile_title), view.name)/>
        <section class="dashboard">
            <p><a href=href(lang, &format!("/tableau-de-bord/{}", view.business_id))>{view.name.clone()}</a></p>
            <h1>{td_string!(loc, dashboard.profile_title)}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{td_string!(loc, dashboard.saved)}</p> })}
            <ActionForm action=save attr:class="stack">
                <FormAlert value=save.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=view.business_id.to_string()/>
                <input type="hidden" name="version" value=view.version.to_string()/>
                {text_field("name", td_string!(loc, dashboard.name), p.name.clone(), "text", "organization")}
                <label for="category">{td_string!(loc, dashboard.category)}</label>
                <select id="category" name="category" aria-invalid=invalid(problems, "category") on:change=move |_| dirty.set(true)>
                    {categories}
                </select>
                <FieldMessage problems field="category"/>
                {area("description_fr", td_string!(loc, dashboard.description_fr), p.description_fr.clone(), "fr")}
                {area("description_nl", td_string!(loc, dashboard.description_nl), p.description_nl.clone(), "nl")}
                {area("description_en", td_string!(loc, dashboard.description_en), p.description_en.clone(), "en")}
                <fieldset>
                    <legend>{td_string!(loc, dashboard.address)}</legend>
                    {text_field("street", td_string!(loc, dashboard.street), p.street.clone(), "text", "address-line1")}
                    {text_field("postcode", td_string!(loc, dashboard.postcode), p.postcode.clone(), "text", "postal-code")}
                    {text_field("locality", td_string!(loc, dashboard.locality), p.locality.clone(), "text", "address-level2")}
                    {text_field("latitude", td_string!(loc, dashboard.latitude), p.latitude.clone(), "text", "off")}
                    {text_field("longitude", td_string!(loc, dashboard.longitude), p.longitude.clone(), "text", "off")}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, dashboard.contacts)}</legend>
                    {text_field("phone", td_string!(loc, dashboard.phone), p.phone.clone(), "tel", "tel")}
                    {text_field("email", td_string!(loc, dashboard.public_email), p.email.clone(), "email", "email")}
                    {text_field("website", td_string!(loc, dashboard.website), p.website.clone(), "url", "url")}
                    {text_field("facebook", td_string!(loc, dashboard.facebook), p.facebook.clone(), "url", "off")}
                    {text_field("instagram", td_string!(loc, dashboard.instagram), p.instagram.clone(), "url", "off")}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, business.accessibility)}</legend>
                    {features}
                </fieldset>
                <button type="submit">{td_string!(loc, dashboard.save_profile)}</button>
            </ActionForm>
        </section>
    }
}

/// `/compte`: the account, its password and its sessions.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let me = Resource::new(|| (), |_| get_me());
    let typed = typed_resource();
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match me.await {
                    Ok(me) => view! { <Account me typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Account(me: Me, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<LogOutEverywhere>::new();
    let problems = problems_of(change.value());
    let query = use_query_map();
    let changed = query.with_untracked(|q| q.get("mot-de-passe").is_some());
    let address = query.with_untracked(|q| q.get("adresse"));
    let email_for_change = me.email.clone();
    let address_text = address.map(|what| match what.as_str() {
        "envoye" => td_string!(loc, links.email_change_sent),
        _ => td_string!(loc, links.email_changed),
    });
    view! {
        <PrivateMeta title=td_string!(loc, account.title).to_string()/>
        <section class="dashboard narrow">
            <p><a href=href(lang, "/tableau-de-bord")>{td_string!(loc, dashboard.title)}</a></p>
            <h1>{td_string!(loc, account.title)}</h1>
            <AccountBar email=me.email.clone()/>
            {changed.then(|| view! { <p class="notice" role="status">{td_string!(loc, account.password_changed)}</p> })}
            {address_text.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <section class="card" aria-labelledby="password-title">
                <h2 id="password-title">{td_string!(loc, account.change_password)}</h2>
                <ActionForm action=change attr:class="stack">
                    <FormAlert value=change.value()/>
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="text" name="username" autocomplete="username" value=me.email.clone() hidden/>
                    <label for="current_password">{td_string!(loc, account.current_password)}</label>
                    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required aria-invalid=invalid(problems, "current_password")/>
                    <FieldMessage problems field="current_password"/>
                    <NewPasswordField label=td_string!(loc, account.new_password) problems/>
                    <button type="submit">{td_string!(loc, account.change_password)}</button>
                </ActionForm>
            </section>
            <EmailChange email=email_for_change typed/>
            <section class="card" aria-labelledby="everywhere-title">
                <h2 id="everywhere-title">{td_string!(loc, account.log_out_everywhere)}</h2>
                <p>{td_string!(loc, account.log_out_everywhere_help)}</p>
                <ActionForm action=everywhere>
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <button type="submit">{td_string!(loc, account.log_out_everywhere)}</button>
                </ActionForm>
            </section>
        </section>
    }
}

#[component]
fn EmailChange(email: String, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let change = ServerAction::<RequestEmailChange>::new();
    let problems = problems_of(change.value());
    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{td_string!(loc, links.email_change_title)}</h2>
            <p>{td_string!(loc, links.email_change_intro, email = email)}</p>
            <ActionForm action=change attr:class="stack">
                <FormAlert value=change.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <label for="new_email">{td_string!(loc, links.new_email)}</label>
                <input id="new_email" name="new_email" type="email" autocomplete="email" required value=typed.value(RequestEmailChange::PATH, "new_email") aria-invalid=invalid(problems, "new_email")/>
                <FieldMessage problems field="new_email"/>
                <label for="email_current_password">{td_string!(loc, account.current_password)}</label>
                <input id="email_current_password" name="current_password" type="password" autocomplete="current-password" required aria-invalid=invalid(problems, "current_password")/>
                <FieldMessage problems field="current_password"/>
                <button type="submit">{td_string!(loc, links.email_change_button)}</button>
            </ActionForm>
        </section>
    }
}
