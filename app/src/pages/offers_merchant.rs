//! The merchant's offers (issue 8), private like the rest of the dashboard:
//! - `/tableau-de-bord/{id}/offres`: the business's offers by state (drafts, scheduled, live,
//!   ended), each with edit, preview, poster, end early (scheduled, live), delete (after a
//!   confirmation step, `?supprimer={offer}`) and, for ended ones, "post again" with the dates
//!   filled in; a hidden offer shows the administrator's reason.
//! - `/tableau-de-bord/{id}/offres/nouvelle` and `/tableau-de-bord/{id}/offres/{offer}`: the
//!   compose and edit form.
//!
//! Everything works without JavaScript. The list's one-tap writes are `ActionForm`s. The form
//! carries a photo, so it is a plain `multipart/form-data` form posting to the server's own
//! handler (`server/src/http/offers_merchant.rs`), which answers with a 303: to the public offer
//! page for a preview (it shows drafts to the business's people), to the list once published or
//! saved, or back to the form with `?refus=…` naming each refused field and `?formulaire=…`, the
//! id of what was typed, kept server-side for that session only (see [`encode_typed`] and
//! `domain::form_echo`: a link someone else made fills nothing); an edit from an outdated version comes back with
//! `?conflit=1`, the typed values and the current version, so saving again is a choice.

use common::error::FieldProblem;
use common::offers::{MerchantOfferRow, OfferForm, OfferKind, OfferState};
use common::time::Day;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::offers_merchant::{
    again_field, get_merchant_offers, get_offer_editor, DeleteOffer, EndOffer, MerchantOffersView, OfferEditorView,
    PostOfferAgain, PublishOffer,
};
use crate::components::form::{problem_text, problems_of, typed_resource, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};
use crate::pages::photos::{decode_problems, REFUSAL_PARAMETER};

/// The name under which a refused form's typed values are kept for its session
/// (`domain::form_echo`; the address carries only their id, `?formulaire=…`).
pub const TYPED_PARAMETER: &str = "saisie";
/// The form name of the kept values of the compose and edit form.
pub const ECHO_FORM: &str = "offer_editor";
/// The query parameter of an edit refused because the offer changed since it was loaded.
pub const CONFLICT_PARAMETER: &str = "conflit";
/// The path segment of the compose form.
pub const NEW_SEGMENT: &str = "nouvelle";
/// What the photo input offers (as on the photos page: naming the types makes iPhones send
/// JPEG rather than HEIC).
const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp,image/gif";

/// The list page, without language prefix.
pub fn list_path(business_id: i32) -> String {
    format!("/tableau-de-bord/{business_id}/offres")
}

/// The editor of an offer (`None`: the compose form), without language prefix.
pub fn editor_path(business_id: i32, offer_id: Option<i32>) -> String {
    match offer_id {
        Some(id) => format!("{}/{id}", list_path(business_id)),
        None => format!("{}/{NEW_SEGMENT}", list_path(business_id)),
    }
}

/// Where the form posts, without language prefix.
pub fn save_path(business_id: i32) -> String {
    format!("{}/envoyer", list_path(business_id))
}

/// The offer's printable poster, without language prefix.
pub fn poster_path(business_id: i32, offer_id: i32) -> String {
    format!("{}/{offer_id}/affiche.svg", list_path(business_id))
}

/// The public offer page (the preview for a draft), without language prefix.
pub fn public_path(offer_id: i32) -> String {
    format!("/offres/{offer_id}")
}

/// The form's fields with their values, in the form's order (the multipart field names).
pub fn form_fields(form: &OfferForm) -> [(&'static str, &str); 16] {
    [
        ("kind", &form.kind),
        ("title_fr", &form.title_fr),
        ("title_nl", &form.title_nl),
        ("title_en", &form.title_en),
        ("body_fr", &form.body_fr),
        ("body_nl", &form.body_nl),
        ("body_en", &form.body_en),
        ("conditions_fr", &form.conditions_fr),
        ("conditions_nl", &form.conditions_nl),
        ("conditions_en", &form.conditions_en),
        ("promo_code", &form.promo_code),
        ("starts_on", &form.starts_on),
        ("ends_on", &form.ends_on),
        ("photo_alt_fr", &form.photo_alt_fr),
        ("photo_alt_nl", &form.photo_alt_nl),
        ("photo_alt_en", &form.photo_alt_en),
    ]
}

/// Sets the form field `name` (a multipart field name); `false` if the form has no such field.
pub fn set_field(form: &mut OfferForm, name: &str, value: String) -> bool {
    let slot = match name {
        "kind" => &mut form.kind,
        "title_fr" => &mut form.title_fr,
        "title_nl" => &mut form.title_nl,
        "title_en" => &mut form.title_en,
        "body_fr" => &mut form.body_fr,
        "body_nl" => &mut form.body_nl,
        "body_en" => &mut form.body_en,
        "conditions_fr" => &mut form.conditions_fr,
        "conditions_nl" => &mut form.conditions_nl,
        "conditions_en" => &mut form.conditions_en,
        "promo_code" => &mut form.promo_code,
        "starts_on" => &mut form.starts_on,
        "ends_on" => &mut form.ends_on,
        "photo_alt_fr" => &mut form.photo_alt_fr,
        "photo_alt_nl" => &mut form.photo_alt_nl,
        "photo_alt_en" => &mut form.photo_alt_en,
        _ => return false,
    };
    *slot = value;
    true
}

/// What a refused form had typed, kept under [`TYPED_PARAMETER`]: the fields URL-encoded, then
/// in URL-safe base64. A field longer than `max_field` bytes (refused for its length anyway) is
/// left out, and control characters other than line breaks and tabs are dropped.
#[cfg(feature = "ssr")]
pub fn encode_typed(form: &OfferForm, max_field: usize) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_fields(form) {
        if !value.is_empty() && value.len() <= max_field {
            let clean: String = value.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).collect();
            query.append_pair(name, &clean);
        }
    }
    URL_SAFE_NO_PAD.encode(query.finish())
}

/// The form of [`encode_typed`]; `None` if the text does not read as one (it only ever fills the
/// form's own fields).
#[cfg(feature = "ssr")]
pub fn decode_typed(text: &str) -> Option<OfferForm> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
    let mut form = OfferForm::default();
    for (name, value) in form_urlencoded::parse(&bytes) {
        set_field(&mut form, &name, value.into_owned());
    }
    Some(form)
}

/// `2026-12-24` as a [`Day`] (the weekday is not shown, left 0).
fn day_of(iso: &str) -> Option<Day> {
    let mut parts = iso.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some(Day { year, month, day, weekday: 0 })
}

/// "du 3 au 14 décembre 2026".
pub fn period_text(loc: Locale, starts_on: &str, ends_on: &str) -> String {
    match (day_of(starts_on), day_of(ends_on)) {
        (Some(start), Some(end)) => td_string!(
            loc,
            merchant_offers.period,
            start = crate::format::date(loc, &start, start.year != end.year),
            end = crate::format::date(loc, &end, true)
        ),
        _ => format!("{starts_on} – {ends_on}"),
    }
}

/// The name of a kind of offer.
pub fn kind_text(loc: Locale, kind: OfferKind) -> &'static str {
    match kind {
        OfferKind::Promotion => td_string!(loc, merchant_offers.kind_promotion),
        OfferKind::NewArrival => td_string!(loc, merchant_offers.kind_new_arrival),
        OfferKind::Event => td_string!(loc, merchant_offers.kind_event),
        OfferKind::InStore => td_string!(loc, merchant_offers.kind_in_store),
    }
}

/// The message of a problem of the offer form: the offer's own problems, then the shared ones.
pub fn offer_problem_text(loc: Locale, problem: &FieldProblem) -> String {
    let limit = problem.limit.unwrap_or_default();
    match problem.problem.as_str() {
        "unknown_kind" => td_string!(loc, merchant_offers.problem_unknown_kind).to_string(),
        "promo_code_invalid" => td_string!(loc, merchant_offers.problem_promo_code_invalid).to_string(),
        "start_in_past" => td_string!(loc, merchant_offers.problem_start_in_past).to_string(),
        "start_too_far" => td_string!(loc, merchant_offers.problem_start_too_far, limit = limit),
        "end_in_past" => td_string!(loc, merchant_offers.problem_end_in_past).to_string(),
        "end_before_start" => td_string!(loc, merchant_offers.problem_end_before_start).to_string(),
        "period_too_long" => td_string!(loc, merchant_offers.problem_period_too_long, limit = limit),
        "too_many_offers" => td_string!(loc, merchant_offers.problem_too_many_offers).to_string(),
        "offer_ended" => td_string!(loc, merchant_offers.problem_offer_ended).to_string(),
        "offer_not_published" => td_string!(loc, merchant_offers.problem_offer_not_published).to_string(),
        "offer_hidden" => td_string!(loc, merchant_offers.problem_offer_hidden).to_string(),
        _ => problem_text(loc, problem),
    }
}

fn message_of(loc: Locale, problems: &[FieldProblem], field: &str) -> Option<String> {
    problems.iter().find(|p| p.field == field).map(|p| offer_problem_text(loc, p))
}

/// The business id of the route, if it reads as one.
fn business_param() -> Option<i32> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()))
}

// ---------------------------------------------------------------------------------------------
// The list.

/// The list's four actions (one alert each at its top).
#[derive(Clone, Copy)]
struct Actions {
    publish: ServerAction<PublishOffer>,
    end: ServerAction<EndOffer>,
    delete: ServerAction<DeleteOffer>,
    again: ServerAction<PostOfferAgain>,
}

#[component]
pub fn MerchantOffersPage() -> impl IntoView {
    let lang = use_lang();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let query = use_query_map();
    // Inside the route, so that a refusal sent back without JavaScript reaches them.
    let actions = Actions {
        publish: ServerAction::new(),
        end: ServerAction::new(),
        delete: ServerAction::new(),
        again: ServerAction::new(),
    };
    // With JavaScript the list is read again after each success, never after a refusal.
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        let done = [
            matches!(actions.publish.value().get(), Some(Ok(_))),
            matches!(actions.end.value().get(), Some(Ok(_))),
            matches!(actions.delete.value().get(), Some(Ok(_))),
            matches!(actions.again.value().get(), Some(Ok(_))),
        ];
        if done.iter().any(|d| *d) {
            changes.update(|n| *n += 1);
        }
    });
    let offers = Resource::new(
        move || (query.with(|q| q.get("fait")), changes.get()),
        move |_| get_merchant_offers(lang.get_untracked(), id),
    );
    let typed = typed_resource();
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match offers.await {
                    Ok(view) => view! { <OffersList view actions typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), merchant_offers.title).to_string();
                        view! { <PrivateMeta title/><Problem error/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn OffersList(view: MerchantOffersView, actions: Actions, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    let id = view.offers.business_id;
    let done = query.with_untracked(|q| {
        q.get("fait").map(|what| match what.as_str() {
            "publiee" => td_string!(loc, merchant_offers.done_published),
            "enregistree" => td_string!(loc, merchant_offers.done_saved),
            "terminee" => td_string!(loc, merchant_offers.done_ended),
            "supprimee" => td_string!(loc, merchant_offers.done_deleted),
            "republiee" => td_string!(loc, merchant_offers.done_posted_again),
            _ => td_string!(loc, dashboard.saved),
        })
    });
    let all: Vec<MerchantOfferRow> =
        [&view.offers.drafts, &view.offers.scheduled, &view.offers.live, &view.offers.ended]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
    let page = href(lang, &list_path(id));
    let confirm_page = page.clone();
    let confirm = move || {
        let wanted = query.with(|q| q.get("supprimer").and_then(|p| p.parse::<i32>().ok()))?;
        let row = all.iter().find(|row| row.id == wanted)?.clone();
        let page = confirm_page.clone();
        Some(view! {
            <section id="confirmer" class="confirm" aria-labelledby="confirm-title">
                <h2 id="confirm-title" tabindex="-1">{td_string!(loc, merchant_offers.confirm_title)}</h2>
                <p>{row.title.clone()}</p>
                <p>{td_string!(loc, merchant_offers.confirm_text)}</p>
                <div class="button-row">
                    <ActionForm action=actions.delete attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="offer_id" value=row.id.to_string()/>
                        <button type="submit">{td_string!(loc, merchant_offers.confirm_delete)}</button>
                    </ActionForm>
                    <a class="button button--secondary" href=format!("{page}#offre-{}", row.id)>
                        {td_string!(loc, merchant_offers.cancel)}
                    </a>
                </div>
            </section>
        })
    };
    // After a refusal without JavaScript, the offer's "post again" form shows the dates typed.
    let form = <PostOfferAgain as leptos::server_fn::ServerFn>::PATH;
    let refused = typed.value(form, "offer_id");
    let post_again: Vec<(i32, String, String)> = view
        .post_again
        .iter()
        .map(|(offer, start, end)| match refused.as_deref() == Some(offer.to_string().as_str()) {
            true => (*offer, typed.or(form, "starts_on", start.clone()), typed.or(form, "ends_on", end.clone())),
            false => (*offer, start.clone(), end.clone()),
        })
        .collect();
    let today = view.today.clone();
    let section = move |state: OfferState, rows: Vec<MerchantOfferRow>| {
        let (title, empty) = match state {
            OfferState::Draft => (td_string!(loc, merchant_offers.drafts), td_string!(loc, merchant_offers.no_drafts)),
            OfferState::Scheduled => {
                (td_string!(loc, merchant_offers.scheduled), td_string!(loc, merchant_offers.no_scheduled))
            }
            OfferState::Live => (td_string!(loc, merchant_offers.live), td_string!(loc, merchant_offers.no_live)),
            OfferState::Ended => (td_string!(loc, merchant_offers.ended), td_string!(loc, merchant_offers.no_ended)),
        };
        let heading = format!("offers-{}", state.code());
        let heading_ref = heading.clone();
        let count = rows.len();
        let items = rows
            .into_iter()
            .map(|row| {
                let again = post_again.iter().find(|(offer, _, _)| *offer == row.id).cloned();
                view! { <OfferItem row business_id=id again today=today.clone() actions/> }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby=heading_ref>
                <h2 id=heading>{format!("{title} ({count})")}</h2>
                {if count == 0 {
                    view! { <p>{empty}</p> }.into_any()
                } else {
                    view! { <ul class="offer-list">{items}</ul> }.into_any()
                }}
            </section>
        }
    };
    let offers = view.offers.clone();
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, merchant_offers.title), offers.business_name)/>
        <section class="dashboard">
            <p><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{offers.business_name.clone()}</a></p>
            <h1>{td_string!(loc, merchant_offers.title)}</h1>
            {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p>{td_string!(loc, merchant_offers.intro)}</p>
            <p><a class="button" href=href(lang, &editor_path(id, None))>{td_string!(loc, merchant_offers.new)}</a></p>
            {confirm}
            <FormAlert value=actions.publish.value()/>
            <FormAlert value=actions.end.value()/>
            <FormAlert value=actions.delete.value()/>
            <FormAlert value=actions.again.value()/>
            {section(OfferState::Draft, offers.drafts.clone())}
            {section(OfferState::Live, offers.live.clone())}
            {section(OfferState::Scheduled, offers.scheduled.clone())}
            {section(OfferState::Ended, offers.ended.clone())}
        </section>
    }
}

/// One offer of the list with its actions.
#[component]
fn OfferItem(
    row: MerchantOfferRow,
    business_id: i32,
    again: Option<(i32, String, String)>,
    today: String,
    actions: Actions,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let offer_id = row.id;
    let title = row.title.clone();
    let named = |text: &str| format!("{text} : {title}");
    let edit_label = named(td_string!(loc, merchant_offers.edit));
    let preview_label = named(td_string!(loc, merchant_offers.preview_link));
    let poster_label = named(td_string!(loc, merchant_offers.poster));
    let end_label = named(td_string!(loc, merchant_offers.end_early));
    let delete_label = named(td_string!(loc, merchant_offers.delete));
    let again_legend = named(td_string!(loc, merchant_offers.post_again_legend));
    let page = href(lang, &list_path(business_id));
    let state_text = match row.state {
        OfferState::Draft => td_string!(loc, merchant_offers.state_draft),
        OfferState::Scheduled => td_string!(loc, merchant_offers.state_scheduled),
        OfferState::Live => td_string!(loc, merchant_offers.state_live),
        OfferState::Ended => td_string!(loc, merchant_offers.state_ended),
    };
    let editable = row.state != OfferState::Ended;
    let endable = matches!(row.state, OfferState::Scheduled | OfferState::Live);
    let problems = problems_of(actions.again.value());
    let again_form = again.map(|(_, start, end)| {
        let field = move |name: &'static str, label: &'static str, value: String| {
            let field = again_field(name, offer_id);
            let error_id = format!("{field}-error");
            let (for_invalid, for_message) = (field.clone(), field.clone());
            let invalid = move || problems.with(|p| p.iter().any(|p| p.field == for_invalid)).then_some("true");
            let message = move || {
                problems.with(|p| message_of(loc, p, &for_message)).map(|text| {
                    view! { <p class="field-error" id=error_id.clone()>{text}</p> }
                })
            };
            view! {
                <label for=field.clone()>{label}</label>
                <input
                    id=field.clone()
                    name=name
                    type="date"
                    min=today.clone()
                    required=true
                    value=value
                    aria-invalid=invalid
                    aria-describedby=format!("{field}-error")
                />
                {message}
            }
        };
        view! {
            <ActionForm action=actions.again attr:class="stack">
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=business_id.to_string()/>
                <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                <fieldset>
                    <legend>{again_legend}</legend>
                    {field("starts_on", td_string!(loc, merchant_offers.starts_on), start)}
                    {field("ends_on", td_string!(loc, merchant_offers.ends_on), end)}
                </fieldset>
                <button type="submit">{td_string!(loc, merchant_offers.post_again)}</button>
            </ActionForm>
        }
    });
    view! {
        <li id=format!("offre-{offer_id}") class="offer-item">
            {row.thumbnail.clone().map(|src| view! {
                <img class="offer-item__thumb" src=src alt="" width="160" height="100" loading="lazy"/>
            })}
            <div class="offer-item__body">
                <h3>{title.clone()}</h3>
                <p>
                    {kind_text(loc, row.kind)}
                    " · "
                    {state_text}
                    " · "
                    {period_text(loc, &row.starts_on, &row.ends_on)}
                </p>
                {row.hidden_reason.clone().map(|reason| view! {
                    <p class="warning">{td_string!(loc, merchant_offers.hidden, reason = reason)}</p>
                })}
                <div class="button-row">
                    {editable.then(|| view! {
                        <a class="button" href=href(lang, &editor_path(business_id, Some(offer_id)))
                            aria-label=edit_label>
                            {td_string!(loc, merchant_offers.edit)}
                        </a>
                    })}
                    <a class="button button--secondary" href=href(lang, &public_path(offer_id)) rel="external"
                        aria-label=preview_label>
                        {td_string!(loc, merchant_offers.preview_link)}
                    </a>
                    <a class="button button--secondary" href=href(lang, &poster_path(business_id, offer_id)) rel="external"
                        aria-label=poster_label>
                        {td_string!(loc, merchant_offers.poster)}
                    </a>
                    {endable.then(|| view! {
                        <ActionForm action=actions.end attr:class="inline">
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=business_id.to_string()/>
                            <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                            <button type="submit" aria-label=end_label>
                                {td_string!(loc, merchant_offers.end_early)}
                            </button>
                        </ActionForm>
                    })}
                    <a class="button button--secondary" href=format!("{page}?supprimer={offer_id}#confirmer")
                        aria-label=delete_label>
                        {td_string!(loc, merchant_offers.delete)}
                    </a>
                </div>
                {again_form}
            </div>
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// The compose and edit form.

#[component]
pub fn OfferEditorPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let offer_id = params.with_untracked(|p| match p.get("offer").as_deref() {
        Some(NEW_SEGMENT) => Some(0),
        Some(text) => text.parse::<i32>().ok().filter(|id| *id > 0),
        None => None,
    });
    let Some(offer_id) = offer_id else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let publish: ServerAction<PublishOffer> = ServerAction::new();
    // The id of what a refused form had typed: the server reads it back for this session only
    // and decodes it (see [`encode_typed`]); the browser's bundle needs no base64.
    let typed =
        use_query_map().with_untracked(|q| q.get(crate::components::form::ECHO_PARAMETER)).unwrap_or_default();
    let editor = Resource::new(move || (), move |_| get_offer_editor(id, offer_id, typed.clone()));
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(view) => view! { <OfferEditor view publish/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), merchant_offers.title).to_string();
                        view! { <PrivateMeta title/><Problem error/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn OfferEditor(view: OfferEditorView, publish: ServerAction<PublishOffer>) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    let id = view.business_id;
    let (problems, conflict) = query.with_untracked(|q| {
        let problems = q.get(REFUSAL_PARAMETER).map(|text| decode_problems(&text)).unwrap_or_default();
        (problems, q.get(CONFLICT_PARAMETER).is_some())
    });
    let typed = view.typed.clone();
    let offer = view.offer.clone();
    let form = typed.clone().or_else(|| offer.as_ref().map(|o| o.form.clone())).unwrap_or_else(|| OfferForm {
        kind: OfferKind::Promotion.code().to_string(),
        starts_on: view.today.clone(),
        ..OfferForm::default()
    });
    let state = offer.as_ref().map(|o| o.state);
    let heading = match state {
        None => td_string!(loc, merchant_offers.new),
        Some(_) => td_string!(loc, merchant_offers.edit_title),
    };
    let refused = !problems.is_empty();
    let problems = StoredValue::new(problems);
    let message = move |field: &str| problems.with_value(|p| message_of(loc, p, field));
    // Each input with its label and, if refused, its message (named by `aria-describedby`).
    let input = move |name: &'static str,
                      label: String,
                      value: String,
                      kind: &'static str,
                      lang_attr: &'static str,
                      required: bool,
                      max: usize| {
        let error_id = format!("{name}-error");
        let message = message(name);
        let invalid = message.is_some().then_some("true");
        let message = message.map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> });
        view! {
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                lang=lang_attr
                maxlength=max.to_string()
                required=required
                value=value
                aria-invalid=invalid
                aria-describedby=error_id
            />
            {message}
        }
    };
    let area =
        move |name: &'static str, label: String, value: String, lang_attr: &'static str, required: bool, max: usize| {
            let error_id = format!("{name}-error");
            let message = message(name);
            let invalid = message.is_some().then_some("true");
            let message = message.map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> });
            view! {
                <label for=name>{label}</label>
                <textarea
                    id=name
                    name=name
                    lang=lang_attr
                    rows="5"
                    maxlength=max.to_string()
                    required=required
                    aria-invalid=invalid
                    aria-describedby=error_id
                >
                    {value}
                </textarea>
                {message}
            }
        };
    let texts_in = move |suffix: &'static str, lang_attr: &'static str, form: &OfferForm| {
        let (title, body, conditions) = match suffix {
            "fr" => (form.title_fr.clone(), form.body_fr.clone(), form.conditions_fr.clone()),
            "nl" => (form.title_nl.clone(), form.body_nl.clone(), form.conditions_nl.clone()),
            _ => (form.title_en.clone(), form.body_en.clone(), form.conditions_en.clone()),
        };
        let required = suffix == "fr";
        // The Dutch and English fields say their language in their label too (a screen reader
        // reading a field alone does not hear the folded section's summary).
        let labelled = move |label: &str| match suffix {
            "nl" => format!("{label} {}", td_string!(loc, merchant_offers.suffix_nl)),
            "en" => format!("{label} {}", td_string!(loc, merchant_offers.suffix_en)),
            _ => label.to_string(),
        };
        let (title_name, body_name, conditions_name) = match suffix {
            "fr" => ("title_fr", "body_fr", "conditions_fr"),
            "nl" => ("title_nl", "body_nl", "conditions_nl"),
            _ => ("title_en", "body_en", "conditions_en"),
        };
        view! {
            {input(title_name, labelled(td_string!(loc, merchant_offers.title_field)), title, "text", lang_attr, required, common::offers::TITLE_MAX)}
            {area(body_name, labelled(td_string!(loc, merchant_offers.body_field)), body, lang_attr, required, common::offers::BODY_MAX)}
            {area(conditions_name, labelled(td_string!(loc, merchant_offers.conditions_field)), conditions, lang_attr, false, common::offers::CONDITIONS_MAX)}
        }
    };
    // The other languages are folded away unless something is typed or refused in them.
    let open_for = |suffix: &str, form: &OfferForm| {
        let typed = form_fields(form).iter().any(|(name, value)| name.ends_with(suffix) && !value.is_empty());
        typed || problems.with_value(|p| p.iter().any(|p| p.field.ends_with(suffix)))
    };
    let kinds = OfferKind::ALL
        .into_iter()
        .map(|kind| {
            let selected = form.kind == kind.code();
            view! { <option value=kind.code() selected=selected>{kind_text(loc, kind)}</option> }
        })
        .collect_view();
    let kind_message = message("kind").map(|text| view! { <p class="field-error" id="kind-error">{text}</p> });
    // An edited offer may keep a start in the past (a live offer started last week).
    let start_min = match &offer {
        Some(o) if o.form.starts_on < view.today => o.form.starts_on.clone(),
        _ => view.today.clone(),
    };
    let general = ["offers", "offer", "photo_file"].into_iter().filter_map(message).collect::<Vec<_>>();
    let photo = offer.as_ref().and_then(|o| o.photo.clone());
    let photo_alt = form.photo_alt_fr.clone();
    let photo_message = message("photo");
    let photo_invalid = photo_message.is_some().then_some("true");
    let offer_id = offer.as_ref().map(|o| o.id);
    let version = offer.as_ref().map(|o| o.version).unwrap_or(0);
    let is_draft = matches!(state, None | Some(OfferState::Draft));
    let draft = offer.as_ref().map(|o| (o.id, o.version));
    let draft_actions = match (draft, state) {
        (Some((draft_id, draft_version)), Some(OfferState::Draft)) => Some(view! {
            <section class="card" aria-labelledby="draft-title">
                <h2 id="draft-title">{td_string!(loc, merchant_offers.draft_title)}</h2>
                <p>{td_string!(loc, merchant_offers.draft_text)}</p>
                <FormAlert value=publish.value()/>
                <div class="button-row">
                    <a class="button button--secondary" href=href(lang, &public_path(draft_id)) rel="external">
                        {td_string!(loc, merchant_offers.preview_link)}
                    </a>
                    <ActionForm action=publish attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=id.to_string()/>
                        <input type="hidden" name="offer_id" value=draft_id.to_string()/>
                        <input type="hidden" name="version" value=draft_version.to_string()/>
                        <button type="submit">{td_string!(loc, merchant_offers.publish_as_is)}</button>
                    </ActionForm>
                </div>
            </section>
        }),
        _ => None,
    };
    let hidden = offer.as_ref().and_then(|o| o.hidden_reason.clone());
    // A published offer's page and poster, from its editor too.
    let published_links = match (offer_id, state) {
        (Some(offer_id), Some(state)) if state != OfferState::Draft => Some(view! {
            <div class="button-row">
                <a class="button button--secondary" href=href(lang, &public_path(offer_id)) rel="external">
                    {td_string!(loc, merchant_offers.preview_link)}
                </a>
                <a class="button button--secondary" href=href(lang, &poster_path(id, offer_id)) rel="external">
                    {td_string!(loc, merchant_offers.poster)}
                </a>
            </div>
        }),
        _ => None,
    };
    let (open_nl, open_en) = (open_for("_nl", &form), open_for("_en", &form));
    let title = format!("{heading} · {}", view.business_name);
    view! {
        <PrivateMeta title/>
        <section class="dashboard">
            <p>
                <a href=href(lang, &format!("/tableau-de-bord/{id}"))>{view.business_name.clone()}</a>
                " · "
                <a href=href(lang, &list_path(id))>{td_string!(loc, merchant_offers.title)}</a>
            </p>
            <h1>{heading}</h1>
            {hidden.map(|reason| view! { <p class="warning">{td_string!(loc, merchant_offers.hidden, reason = reason)}</p> })}
            {draft_actions}
            {published_links}
            <form class="stack" method="post" enctype="multipart/form-data" action=href(lang, &save_path(id))>
                {conflict.then(|| view! {
                    <div class="problem" role="alert"><p>{td_string!(loc, merchant_offers.conflict)}</p></div>
                })}
                {refused.then(|| view! {
                    <div class="problem" role="alert">
                        <p>{td_string!(loc, dashboard.problems)}</p>
                        <p>{td_string!(loc, merchant_offers.choose_photo_again)}</p>
                    </div>
                })}
                {general.into_iter().map(|text| view! { <p class="field-error">{text}</p> }).collect_view()}
                <input type="hidden" name="offer_id" value=offer_id.map(|i| i.to_string()).unwrap_or_default()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <label for="kind">{td_string!(loc, merchant_offers.kind_field)}</label>
                <select id="kind" name="kind" aria-describedby="kind-error" aria-invalid=kind_message.is_some().then_some("true")>
                    {kinds}
                </select>
                {kind_message}
                <fieldset>
                    <legend>{td_string!(loc, merchant_offers.in_french)}</legend>
                    {texts_in("fr", "fr", &form)}
                </fieldset>
                <details class="offer-languages" open=open_nl>
                    <summary>{td_string!(loc, merchant_offers.in_dutch)}</summary>
                    <div class="stack">{texts_in("nl", "nl", &form)}</div>
                </details>
                <details class="offer-languages" open=open_en>
                    <summary>{td_string!(loc, merchant_offers.in_english)}</summary>
                    <div class="stack">{texts_in("en", "en", &form)}</div>
                </details>
                <fieldset>
                    <legend>{td_string!(loc, merchant_offers.photo_legend)}</legend>
                    {photo.map(|src| view! {
                        <img class="offer-item__thumb" src=src alt=photo_alt.clone() width="160" height="100"/>
                        <p>
                            <input type="checkbox" id="remove_photo" name="remove_photo" value="1"/>
                            <label for="remove_photo">{td_string!(loc, merchant_offers.remove_photo)}</label>
                        </p>
                    })}
                    <p id="photo-help" class="help">
                        {td_string!(loc, merchant_offers.photo_help, megabytes = view.max_megabytes)}
                    </p>
                    <label for="photo">{td_string!(loc, merchant_offers.photo_file)}</label>
                    <input
                        id="photo"
                        name="photo"
                        type="file"
                        accept=ACCEPTED_TYPES
                        aria-invalid=photo_invalid
                        aria-describedby="photo-help photo-error"
                    />
                    {photo_message.map(|text| view! { <p class="field-error" id="photo-error">{text}</p> })}
                    {input("photo_alt_fr", td_string!(loc, photos.alt_fr).to_string(), form.photo_alt_fr.clone(), "text", "fr", false, 250)}
                    {input("photo_alt_nl", td_string!(loc, photos.alt_nl).to_string(), form.photo_alt_nl.clone(), "text", "nl", false, 250)}
                    {input("photo_alt_en", td_string!(loc, photos.alt_en).to_string(), form.photo_alt_en.clone(), "text", "en", false, 250)}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, merchant_offers.dates_legend)}</legend>
                    {date_input("starts_on", td_string!(loc, merchant_offers.starts_on), form.starts_on.clone(), start_min, message("starts_on"))}
                    {date_input("ends_on", td_string!(loc, merchant_offers.ends_on), form.ends_on.clone(), view.today.clone(), message("ends_on"))}
                </fieldset>
                {input("promo_code", td_string!(loc, merchant_offers.promo_code).to_string(), form.promo_code.clone(), "text", "", false, common::offers::PROMO_CODE_MAX)}
                <p class="help">{td_string!(loc, merchant_offers.promo_code_help)}</p>
                <div class="button-row">
                    {if is_draft {
                        view! {
                            <button type="submit" name="action" value="preview" class="button--secondary">
                                {td_string!(loc, merchant_offers.preview)}
                            </button>
                            <button type="submit" name="action" value="publish">{td_string!(loc, merchant_offers.publish)}</button>
                        }
                        .into_any()
                    } else {
                        view! { <button type="submit" name="action" value="save">{td_string!(loc, merchant_offers.save)}</button> }
                            .into_any()
                    }}
                </div>
            </form>
        </section>
    }
}

fn date_input(
    name: &'static str,
    label: &'static str,
    value: String,
    min: String,
    message: Option<String>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let invalid = message.is_some().then_some("true");
    let message = message.map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> });
    view! {
        <label for=name>{label}</label>
        <input
            id=name
            name=name
            type="date"
            min=min
            required=true
            value=value
            aria-invalid=invalid
            aria-describedby=error_id
        />
        {message}
    }
}

/// The translated texts of an offer's poster (made by the server, `server/src/http/offers_merchant.rs`).
pub struct PosterTexts {
    pub kind: String,
    pub period: String,
    pub promo: Option<String>,
    pub scan: String,
    pub label: String,
}

/// The poster's texts in `lang`.
pub fn poster_texts(
    lang: Lang,
    kind: OfferKind,
    title: &str,
    starts_on: &str,
    ends_on: &str,
    promo_code: Option<&str>,
) -> PosterTexts {
    let loc = locale(lang);
    let period = period_text(loc, starts_on, ends_on);
    // "du 3 au 14 décembre" opens a sentence on the poster.
    let period =
        period.chars().next().map(|c| c.to_uppercase().chain(period.chars().skip(1)).collect()).unwrap_or(period);
    PosterTexts {
        kind: kind_text(loc, kind).to_string(),
        period,
        promo: promo_code.map(|code| td_string!(loc, merchant_offers.poster_code, code = code)),
        scan: td_string!(loc, merchant_offers.poster_scan).to_string(),
        label: td_string!(loc, merchant_offers.poster_label, title = title),
    }
}
