//! The town console (administrators): `/console` lists every business, stalest first, with
//! filters by category, state and staleness (30/90/180 days) as a plain GET form, the reminder
//! action for stale listings and the e-mail queue's problems; `/console/commerce/{id}` is one
//! business's administration (team, invitations, publication, history); `/console/nouveau`
//! creates a business. Everything works as plain HTML forms.

use common::console::{BusinessAdmin, ConsoleView, ListingState};
use common::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::console::{
    get_console, get_console_business, CreateBusiness, Invite, RemindStale, RemoveMember, RevokeInvitation,
    SetPublished,
};
use crate::components::form::{invalid, max_chars, problems_of, typed_resource, FieldMessage, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};
use crate::pages::team::HistorySection;

fn state_text(loc: Locale, state: ListingState) -> &'static str {
    match state {
        ListingState::Unclaimed => td_string!(loc, console.state_unclaimed),
        ListingState::Invited => td_string!(loc, console.state_invited),
        ListingState::Active => td_string!(loc, console.state_active),
        ListingState::Unpublished => td_string!(loc, console.state_unpublished),
    }
}

#[component]
pub fn ConsolePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, q)| {
            let jours = q.get("jours").and_then(|d| d.parse::<i64>().ok());
            get_console(lang, q.get("categorie"), q.get("etat"), jours)
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Console view/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Console(view: ConsoleView) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    let (category, state, days, reminded) = query.with_untracked(|q| {
        (q.get("categorie").unwrap_or_default(), q.get("etat").unwrap_or_default(), q.get("jours").unwrap_or_default(), q.get("rappels"))
    });
    let remind = ServerAction::<RemindStale>::new();
    let categories = view
        .categories
        .iter()
        .map(|c| view! { <option value=c.slug.clone() selected=c.slug == category>{c.name.clone()}</option> })
        .collect_view();
    let states = ListingState::ALL
        .iter()
        .map(|s| view! { <option value=s.code() selected=s.code() == state>{state_text(loc, *s)}</option> })
        .collect_view();
    let day_options = ["30", "90", "180"]
        .iter()
        .map(|d| view! { <option value=*d selected=*d == days>{td_string!(loc, console.days_option, days = *d)}</option> })
        .collect_view();
    let rows = view
        .rows
        .iter()
        .map(|r| {
            let owners = if r.owners.is_empty() { "—".to_string() } else { r.owners.join(", ") };
            view! {
                <tr>
                    <th scope="row"><a href=href(lang, &format!("/console/commerce/{}", r.id))>{r.name.clone()}</a></th>
                    <td>{r.category.clone()}</td>
                    <td>{owners}</td>
                    <td>{td_string!(loc, console.days_ago, days = r.days_since_confirmed)}</td>
                    <td>{state_text(loc, r.state)}</td>
                </tr>
            }
        })
        .collect_view();
    let mail = view.mail.clone();
    let problems = mail
        .problems
        .iter()
        .map(|p| view! { <li>{format!("{} · {} · {} × · {}", p.recipient, p.kind, p.attempts, p.error)}</li> })
        .collect_view();
    view! {
        <PrivateMeta title=td_string!(loc, console.title).to_string()/>
        <section class="dashboard wide">
            <h1>{td_string!(loc, console.title)}</h1>
            <p>
                <a class="button" href=href(lang, "/console/nouveau")>{td_string!(loc, console.new_business)}</a>
                " "
                <a class="button" href=href(lang, "/console/offres")>{td_string!(loc, offers_review.link)}</a>
            </p>
            {reminded.map(|n| view! { <p class="notice" role="status">{td_string!(loc, console.reminders_sent, count = n)}</p> })}
            <section class="card" aria-labelledby="mail-title">
                <h2 id="mail-title">{td_string!(loc, console.mail_title)}</h2>
                <p>{td_string!(loc, console.mail_counts, pending = mail.pending, failed = mail.failed, stuck = mail.stuck)}</p>
                {(!mail.problems.is_empty()).then(|| view! { <ul class="mail-problems">{problems}</ul> })}
            </section>
            <form method="get" class="card filters" action=href(lang, "/console")>
                <div class="filter">
                    <label for="filter-category">{td_string!(loc, dashboard.category)}</label>
                    <select id="filter-category" name="categorie">
                        <option value="">{td_string!(loc, console.all)}</option>
                        {categories}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-state">{td_string!(loc, console.state)}</label>
                    <select id="filter-state" name="etat">
                        <option value="">{td_string!(loc, console.all)}</option>
                        {states}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-days">{td_string!(loc, console.stale)}</label>
                    <select id="filter-days" name="jours">
                        <option value="">{td_string!(loc, console.all)}</option>
                        {day_options}
                    </select>
                </div>
                <button type="submit">{td_string!(loc, console.filter)}</button>
            </form>
            {(!days.is_empty()).then(|| {
                let days = days.clone();
                view! {
                    <ActionForm action=remind attr:class="card">
                        <FormAlert value=remind.value()/>
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="jours" value=days.clone()/>
                        <p>{td_string!(loc, console.remind_intro, days = days.clone())}</p>
                        <button type="submit">{td_string!(loc, console.remind_button)}</button>
                    </ActionForm>
                }
            })}
            <p role="status">{td_string!(loc, console.count, count = view.total)}</p>
            // Focusable: on a phone the table scrolls sideways, and keyboard users scroll it with
            // the arrow keys once it has the focus (axe `scrollable-region-focusable`).
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="console-caption">
                <table class="console-table">
                    <caption id="console-caption">{td_string!(loc, console.caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(loc, console.business)}</th>
                            <th scope="col">{td_string!(loc, dashboard.category)}</th>
                            <th scope="col">{td_string!(loc, console.owners)}</th>
                            <th scope="col">{td_string!(loc, console.confirmed)}</th>
                            <th scope="col">{td_string!(loc, console.state)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn ConsoleBusinessPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())).unwrap_or(0);
    // Read again after each change: the URL a change leads to (`?fait=invite`…) is the same for
    // a second change of the same kind, so the URL alone would leave the page as it was.
    let changes = RwSignal::new(0u32);
    let data = Resource::new(move || (query.with(|q| q.get("fait")), changes.get()), move |_| get_console_business(id));
    let typed = typed_resource();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match data.await {
                    Ok(business) => view! { <ConsoleBusiness business changes typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConsoleBusiness(business: BusinessAdmin, changes: RwSignal<u32>, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let done = use_query_map().with_untracked(|q| q.get("fait").is_some());
    let invite = ServerAction::<Invite>::new();
    let invite_problems = problems_of(invite.value());
    let revoke = ServerAction::<RevokeInvitation>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let publish = ServerAction::<SetPublished>::new();
    let publish_problems = problems_of(publish.value());
    Effect::new(move |_| {
        let succeeded = [
            matches!(invite.value().get(), Some(Ok(_))),
            matches!(revoke.value().get(), Some(Ok(_))),
            matches!(remove.value().get(), Some(Ok(_))),
            matches!(publish.value().get(), Some(Ok(_))),
        ];
        if succeeded.contains(&true) {
            changes.update(|n| *n += 1);
        }
    });
    let b = business;
    let id = b.id;
    let typed_email = typed.value(Invite::PATH, "email");
    let typed_role = typed.value(Invite::PATH, "role").unwrap_or_else(|| "owner".into());
    let invite_lang = typed.value(Invite::PATH, "invite_lang").unwrap_or_else(|| lang_field(lang).to_string());
    let typed_reason = typed.value(SetPublished::PATH, "reason").unwrap_or_default();
    let members = b
        .members
        .clone()
        .into_iter()
        .map(|m| {
            let role = if m.role == "owner" { td_string!(loc, dashboard.role_owner) } else { td_string!(loc, dashboard.role_staff) };
            view! {
                <li>
                    {format!("{} · {role} ", m.email)}
                    <ActionForm action=remove attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="account_id" value=m.account_id.to_string()/>
                        <button type="submit" class="link-button">{td_string!(loc, console.remove_access)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let invitations = b
        .invitations
        .clone()
        .into_iter()
        .map(|i| {
            let line = td_string!(loc, console.invitation_line, email = i.email.clone(), until = i.expires_on.clone());
            let (email, email2) = (i.email.clone(), i.email.clone());
            view! {
                <li>
                    {line}
                    " "
                    <ActionForm action=invite attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="email" value=email/>
                        <input type="hidden" name="role" value=i.role.clone()/>
                        <input type="hidden" name="invite_lang" value=lang_field(lang)/>
                        <button type="submit" class="link-button">{td_string!(loc, console.resend)}</button>
                    </ActionForm>
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="email" value=email2/>
                        <button type="submit" class="link-button">{td_string!(loc, console.revoke)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, console.title), b.name)/>
        <section class="dashboard">
            <p><a href=href(lang, "/console")>{td_string!(loc, console.title)}</a></p>
            <h1>{b.name.clone()}</h1>
            {done.then(|| view! { <p class="notice" role="status">{td_string!(loc, dashboard.saved)}</p> })}
            <p>
                <a href=href(lang, &format!("/commerces/{}", b.slug))>{td_string!(loc, dashboard.view_public)}</a>
                " · "
                <a href=href(lang, &format!("/tableau-de-bord/{id}"))>{td_string!(loc, console.open_dashboard)}</a>
            </p>
            <p>{td_string!(loc, console.days_ago, days = b.days_since_confirmed)}</p>

            <section class="card" aria-labelledby="team-title">
                <h2 id="team-title">{td_string!(loc, console.team)}</h2>
                {if b.members.is_empty() {
                    view! { <p>{td_string!(loc, console.no_member)}</p> }.into_any()
                } else {
                    view! { <ul>{members}</ul> }.into_any()
                }}
                <FormAlert value=remove.value()/>
                {(!b.invitations.is_empty()).then(|| view! { <ul>{invitations}</ul> })}
                <FormAlert value=revoke.value()/>
                <ActionForm action=invite attr:class="stack">
                    <FormAlert value=invite.value()/>
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=id.to_string()/>
                    <label for="invite-email">{td_string!(loc, console.invite_email)}</label>
                    <input id="invite-email" name="email" type="email" required value=typed_email aria-invalid=invalid(invite_problems, "email")/>
                    <FieldMessage problems=invite_problems field="email"/>
                    <label for="invite-role">{td_string!(loc, console.invite_role)}</label>
                    <select id="invite-role" name="role">
                        <option value="owner" selected=typed_role == "owner">{td_string!(loc, dashboard.role_owner)}</option>
                        <option value="staff" selected=typed_role == "staff">{td_string!(loc, dashboard.role_staff)}</option>
                    </select>
                    <label for="invite-lang">{td_string!(loc, console.invite_language)}</label>
                    <select id="invite-lang" name="invite_lang">
                        <option value="Fr" selected=invite_lang == "Fr">"Français"</option>
                        <option value="Nl" selected=invite_lang == "Nl" lang="nl">"Nederlands"</option>
                        <option value="En" selected=invite_lang == "En" lang="en">"English"</option>
                    </select>
                    <button type="submit">{td_string!(loc, console.invite_button)}</button>
                </ActionForm>
            </section>

            <section class="card" aria-labelledby="publication-title">
                <h2 id="publication-title">{td_string!(loc, console.publication)}</h2>
                {if b.published {
                    view! {
                        <p>{td_string!(loc, console.published_now)}</p>
                        <ActionForm action=publish attr:class="stack">
                            <FormAlert value=publish.value()/>
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=id.to_string()/>
                            <input type="hidden" name="publish" value="0"/>
                            <label for="reason">{td_string!(loc, console.reason)}</label>
                            <textarea
                                id="reason"
                                name="reason"
                                rows="3"
                                required
                                maxlength=max_chars("reason")
                                aria-invalid=invalid(publish_problems, "reason")
                                aria-describedby="reason-error"
                            >
                                {typed_reason.clone()}
                            </textarea>
                            <FieldMessage problems=publish_problems field="reason"/>
                            <button type="submit">{td_string!(loc, console.unpublish)}</button>
                        </ActionForm>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>{td_string!(loc, console.unpublished_now)}" "{b.unpublished_reason.clone().unwrap_or_default()}</p>
                        <ActionForm action=publish>
                            <FormAlert value=publish.value()/>
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=id.to_string()/>
                            <input type="hidden" name="publish" value="1"/>
                            <button type="submit">{td_string!(loc, console.publish)}</button>
                        </ActionForm>
                    }
                    .into_any()
                }}
            </section>

            <HistorySection history=b.history.clone()/>
        </section>
    }
}

#[component]
pub fn NewBusinessPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(move || lang.get(), |lang| get_console(lang, None, None, None));
    let typed = typed_resource();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match data.await {
                    Ok(view) => view! { <NewBusiness view typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewBusiness(view: ConsoleView, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let create = ServerAction::<CreateBusiness>::new();
    let problems = problems_of(create.value());
    let category = typed.value(CreateBusiness::PATH, "category").unwrap_or_default();
    let categories = view
        .categories
        .iter()
        .map(|c| view! { <option value=c.slug.clone() selected=c.slug == category>{c.name.clone()}</option> })
        .collect_view();
    let field = move |name: &'static str, label: &'static str, auto: &'static str| {
        let value = typed.value(CreateBusiness::PATH, name);
        view! {
            <label for=name>{label}</label>
            <input id=name name=name type="text" autocomplete=auto required value=value aria-invalid=invalid(problems, name)/>
            <FieldMessage problems field=name/>
        }
    };
    view! {
        <PrivateMeta title=td_string!(loc, console.new_business).to_string()/>
        <section class="dashboard narrow">
            <p><a href=href(lang, "/console")>{td_string!(loc, console.title)}</a></p>
            <h1>{td_string!(loc, console.new_business)}</h1>
            <p>{td_string!(loc, console.new_business_intro)}</p>
            <ActionForm action=create attr:class="stack">
                <FormAlert value=create.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                {field("name", td_string!(loc, dashboard.name), "organization")}
                <label for="category">{td_string!(loc, dashboard.category)}</label>
                <select id="category" name="category" aria-invalid=invalid(problems, "category")>{categories}</select>
                <FieldMessage problems field="category"/>
                {field("street", td_string!(loc, dashboard.street), "address-line1")}
                {field("postcode", td_string!(loc, dashboard.postcode), "postal-code")}
                {field("locality", td_string!(loc, dashboard.locality), "address-level2")}
                <button type="submit">{td_string!(loc, console.create_button)}</button>
            </ActionForm>
        </section>
    }
}
