//! `/tableau-de-bord/{id}/equipe`: an owner's page for their team — the people who can edit the
//! listing, the invitations waiting (resend, revoke), inviting staff, removing someone's access —
//! and the business's history (who changed what, when). Owners and administrators only (the
//! domain decides: staff get 403).

use common::dashboard::TeamView;
use common::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::listing::{get_team, InviteStaff, RemoveStaff, RevokeStaffInvitation};
use crate::components::form::{invalid, problems_of, typed_resource, FieldMessage, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};

#[component]
pub fn TeamPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())).unwrap_or(0);
    let data = Resource::new(move || query.with(|q| (q.get("enregistre"), q.get("n"))), move |_| get_team(id));
    let typed = typed_resource();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match data.await {
                    Ok(team) => view! { <Team team typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Team(team: TeamView, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let saved = use_query_map().with_untracked(|q| q.get("enregistre").is_some());
    let invite = ServerAction::<InviteStaff>::new();
    let problems = problems_of(invite.value());
    let revoke = ServerAction::<RevokeStaffInvitation>::new();
    let remove = ServerAction::<RemoveStaff>::new();
    let id = team.business_id;
    let typed_email = typed.value(InviteStaff::PATH, "email");
    let invite_lang = typed.value(InviteStaff::PATH, "invite_lang").unwrap_or_else(|| lang_field(lang).to_string());
    let members = team
        .members
        .clone()
        .into_iter()
        .map(|m| {
            let owner = m.role == "owner";
            let role = if owner { td_string!(loc, dashboard.role_owner) } else { td_string!(loc, dashboard.role_staff) };
            view! {
                <li>
                    {format!("{} · {role} ", m.email)}
                    {(!owner).then(|| view! {
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=id.to_string()/>
                            <input type="hidden" name="account_id" value=m.account_id.to_string()/>
                            <button type="submit" class="link-button">{td_string!(loc, console.remove_access)}</button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect_view();
    let invitations = team
        .invitations
        .clone()
        .into_iter()
        .map(|i| {
            let line = td_string!(loc, console.invitation_line, email = i.email.clone(), until = i.expires_on.clone());
            view! {
                <li>
                    {line}" "
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="email" value=i.email.clone()/>
                        <button type="submit" class="link-button">{td_string!(loc, console.revoke)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, team.title), team.name)/>
        <section class="dashboard">
            <p><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{team.name.clone()}</a></p>
            <h1>{td_string!(loc, team.title)}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{td_string!(loc, dashboard.saved)}</p> })}
            <section class="card" aria-labelledby="members-title">
                <h2 id="members-title">{td_string!(loc, team.members)}</h2>
                <FormAlert value=remove.value()/>
                <ul>{members}</ul>
                {(!team.invitations.is_empty()).then(|| view! { <ul>{invitations}</ul> })}
                <FormAlert value=revoke.value()/>
                <ActionForm action=invite attr:class="stack">
                    <FormAlert value=invite.value()/>
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=id.to_string()/>
                    <label for="staff-email">{td_string!(loc, team.staff_email)}</label>
                    <input id="staff-email" name="email" type="email" required value=typed_email aria-invalid=invalid(problems, "email")/>
                    <FieldMessage problems field="email"/>
                    <label for="staff-lang">{td_string!(loc, console.invite_language)}</label>
                    <select id="staff-lang" name="invite_lang">
                        <option value="Fr" selected=invite_lang == "Fr">"Français"</option>
                        <option value="Nl" selected=invite_lang == "Nl" lang="nl">"Nederlands"</option>
                        <option value="En" selected=invite_lang == "En" lang="en">"English"</option>
                    </select>
                    <button type="submit">{td_string!(loc, team.invite_button)}</button>
                </ActionForm>
            </section>
            <HistorySection history=team.history.clone()/>
        </section>
    }
}

/// A business's latest changes (who, when, what, which fields): the team page and the console.
#[component]
pub(crate) fn HistorySection(history: Vec<common::console::HistoryRow>) -> impl IntoView {
    let loc = locale(current_lang());
    let rows = history
        .iter()
        .map(|h| {
            view! {
                <tr>
                    <td>{h.at.clone()}</td>
                    <td>{h.actor.clone()}</td>
                    <td>{h.action.clone()}</td>
                    <td>{h.fields.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{td_string!(loc, console.history)}</h2>
            // Focusable: on a phone the table scrolls sideways (axe `scrollable-region-focusable`).
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="history-caption">
                <table>
                    <caption id="history-caption">{td_string!(loc, console.history_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(loc, console.when)}</th>
                            <th scope="col">{td_string!(loc, console.who)}</th>
                            <th scope="col">{td_string!(loc, console.what)}</th>
                            <th scope="col">{td_string!(loc, console.fields)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
