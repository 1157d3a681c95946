//! The pages e-mailed links open, and "forgot your password": `/invitation/{token}`,
//! `/mot-de-passe-oublie`, `/reinitialiser/{token}` and `/confirmer-adresse/{token}`.
//!
//! Opening a link never uses it: the page shows what the link is for and a button whose POST
//! redeems it, because mail scanners (Safe Links and the like) open every link of an e-mail
//! before the person does. A used, expired or revoked link says so (410) and how to get another.

use common::AppError;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::{
    check_reset_link, get_invitation, AcceptInvitation, ConfirmEmailChange, RequestPasswordReset, ResetPassword,
};
use crate::components::form::{invalid, problems_of, FieldMessage, FormAlert, NewPasswordField};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, PrivateMeta};

fn token_param() -> String {
    use_params_map().with_untracked(|p| p.get("token").unwrap_or_default())
}

/// A link that can no longer be used, with the way to another one.
#[component]
fn LinkGone(error: AppError) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    view! {
        <Problem error/>
        <p><a href=href(lang, "/mot-de-passe-oublie")>{td_string!(loc, links.ask_again)}</a></p>
    }
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    let token = token_param();
    let info = Resource::new(move || token.clone(), get_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let problems = problems_of(accept.value());
    let loc = locale(lang.get_untracked());
    view! {
        <PrivateMeta title=td_string!(loc, links.invitation_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, links.invitation_title)}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => {
                            let intro = match &info.business {
                                Some(name) => td_string!(loc, links.invitation_business, business = name.clone()),
                                None => td_string!(loc, links.invitation_admin).to_string(),
                            };
                            view! {
                                <p>{intro}</p>
                                <ActionForm action=accept attr:class="stack">
                                    <FormAlert value=accept.value()/>
                                    <input type="hidden" name="lang" value=lang_field(lang.get_untracked())/>
                                    <input type="hidden" name="token" value=token_param()/>
                                    <input type="text" name="username" autocomplete="username" value=info.email.clone() hidden/>
                                    <p>{td_string!(loc, account.signed_in_as, email = info.email.clone())}</p>
                                    {info.needs_password.then(|| view! {
                                        <NewPasswordField label=td_string!(loc, links.choose_password) problems/>
                                    })}
                                    {info.asks_account_password.then(|| view! {
                                        <p>{td_string!(loc, links.invitation_existing_account)}</p>
                                        <label for="password">{td_string!(loc, account.password)}</label>
                                        <input id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=invalid(problems, "password")/>
                                        <FieldMessage problems field="password"/>
                                    })}
                                    <button type="submit">{td_string!(loc, links.continue_button)}</button>
                                </ActionForm>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <LinkGone error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let ask = ServerAction::<RequestPasswordReset>::new();
    let sent = use_query_map().with_untracked(|q| q.get("envoye").is_some());
    view! {
        <PrivateMeta title=td_string!(loc, links.forgot_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, links.forgot_title)}</h1>
            {sent.then(|| view! { <p class="notice" role="status">{td_string!(loc, links.forgot_sent)}</p> })}
            <p>{td_string!(loc, links.forgot_intro)}</p>
            <ActionForm action=ask attr:class="stack">
                <FormAlert value=ask.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <label for="email">{td_string!(loc, account.email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <button type="submit">{td_string!(loc, links.forgot_button)}</button>
            </ActionForm>
            <p><a href=href(lang, "/connexion")>{td_string!(loc, account.log_in_link)}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let token = token_param();
    let valid = Resource::new(move || token.clone(), check_reset_link);
    let reset = ServerAction::<ResetPassword>::new();
    let problems = problems_of(reset.value());
    view! {
        <PrivateMeta title=td_string!(loc, links.reset_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, links.reset_title)}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match valid.await {
                        Ok(()) => view! {
                            <ActionForm action=reset attr:class="stack">
                                <FormAlert value=reset.value()/>
                                <input type="hidden" name="lang" value=lang_field(lang)/>
                                <input type="hidden" name="token" value=token_param()/>
                                <NewPasswordField label=td_string!(loc, account.new_password) problems/>
                                <button type="submit">{td_string!(loc, links.reset_button)}</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(error) => view! { <LinkGone error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    view! {
        <PrivateMeta title=td_string!(loc, links.confirm_email_title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, links.confirm_email_title)}</h1>
            <p>{td_string!(loc, links.confirm_email_intro)}</p>
            <ActionForm action=confirm attr:class="stack">
                <FormAlert value=confirm.value()/>
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="token" value=token_param()/>
                <button type="submit">{td_string!(loc, links.confirm_email_button)}</button>
            </ActionForm>
        </section>
    }
}
