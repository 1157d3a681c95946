//! The shop's orders (issue 14): `/tableau-de-bord/{id}/commandes`, its inbox of reservations
//! and questions, with what to do next on each; `?vue=fermees` shows the closed ones,
//! `?jour=YYYY-MM-DD` the printable list of a day's collections. The shop's click & collect
//! settings (preparation delay, slot length, grace period, the e-mail at each new order) are at
//! the bottom.
//!
//! The list is plain HTML forms that POST to the server (`server/src/orders.rs`), which answers
//! 303 back here: it works without JavaScript, on reload. With JavaScript, `public/orders-inbox.js`
//! listens to the server's event stream for this shop (`…/commandes/flux`) and, at each change,
//! fetches this page again and swaps the list (written by the server as HTML, see
//! [`list_html`], so the swap touches nothing the hydrated page owns), says so in a live region,
//! and plays a short sound if the merchant switched it on.

#[cfg(feature = "ssr")]
use common::orders::{MerchantAction, OrderStatus, OrderView};
use common::orders::PickupSettings;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::api::JsonAnswer;
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};
use crate::pages::dashboard::{LogInFirst, PrivateMeta};

/// The inbox's path of a business, without language prefix.
pub fn inbox_path(business_id: i32) -> String {
    format!("/tableau-de-bord/{business_id}/commandes")
}

/// The echo form name of a refused decline, answer or settings form (`domain::form_echo`).
pub const ACTION_FORM: &str = "order_action";
/// The field that marks an echo as the settings form's (the other fields are named as typed,
/// each problem as `probleme-{field}`).
pub const SETTINGS_MARK: &str = "reglages";

/// What the inbox page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxData {
    pub business_name: String,
    /// The list, as HTML (see the module doc).
    pub list_html: String,
    pub count: usize,
    pub settings: PickupSettings,
    /// The settings form as typed when it was refused, with its problems (empty otherwise).
    pub settings_typed: Vec<(String, String)>,
    /// The printable day, when one was asked for: its title.
    pub day_title: Option<String>,
}

/// The inbox of a business: open or closed orders, or a day's collections.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "order_inbox")]
pub async fn get_inbox(
    lang: Lang,
    business_id: i32,
    view: Option<String>,
    day: Option<String>,
    echo: Option<String>,
) -> Result<InboxData, AppError> {
    use domain::orders::read;
    let state = crate::api::state()?;
    let session = crate::api::session();
    let actor = session.actor.as_ref();
    let access = domain::authz::authorize(&state.db, actor, business_id, domain::authz::Need::EditListing).await?;
    let loc = locale(lang);
    let (orders, day_title) = match day.as_deref().map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
        Some(Ok(date)) => {
            let orders = read::day(&state.db, actor, business_id, date).await?;
            let day = domain::hours::day_of(date);
            let title = td_string!(
                loc,
                orders.day_title,
                date = format!("{} {}", crate::format::weekday(loc, day.weekday), crate::format::date(loc, &day, true))
            );
            (orders, Some(title))
        }
        Some(Err(_)) => return Err(AppError::NotFound),
        None => {
            let which = if view.as_deref() == Some("fermees") { read::Inbox::Closed } else { read::Inbox::Open };
            (read::inbox(&state.db, actor, business_id, which).await?, None)
        }
    };
    // A refused decline or answer comes back with its text as typed and its problem.
    let typed = match echo {
        Some(id) => domain::form_echo::read(&state.db, session.token.as_deref(), &id, ACTION_FORM, state.clock.now())
            .await?
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let (settings_typed, typed) = if typed.iter().any(|(n, _)| n == SETTINGS_MARK) { (typed, Vec::new()) } else { (Vec::new(), typed) };
    let settings = domain::orders::settings(&state.db, business_id).await?;
    Ok(InboxData {
        business_name: access.business.name,
        list_html: list_html(lang, business_id, &orders, &typed, day_title.is_some()),
        count: orders.len(),
        settings,
        settings_typed,
        day_title,
    })
}

/// The field typed in a refused form, when it was this order's.
#[cfg(feature = "ssr")]
fn typed_for<'a>(typed: &'a [(String, String)], order_id: i32, field: &str) -> Option<&'a str> {
    let same = typed.iter().any(|(n, v)| n == "commande" && v.trim() == order_id.to_string());
    same.then(|| typed.iter().find(|(n, _)| n == field).map(|(_, v)| v.as_str())).flatten()
}

/// The list of orders as HTML, every text escaped. `print`: the day's list, without buttons.
#[cfg(feature = "ssr")]
pub fn list_html(lang: Lang, business_id: i32, orders: &[OrderView], typed: &[(String, String)], print: bool) -> String {
    use common::html::escape;
    use std::fmt::Write;
    let loc = locale(lang);
    if orders.is_empty() {
        return format!(r#"<p class="inbox__empty">{}</p>"#, escape(td_string!(loc, orders.inbox_empty)));
    }
    let action_url = href(lang, &format!("{}/action", inbox_path(business_id)));
    let mut out = String::from(r#"<ol class="inbox__orders">"#);
    for order in orders {
        let title_id = format!("commande-{}-titre", order.id);
        let _ = write!(
            out,
            r#"<li class="inbox__order inbox__order--{status}" id="commande-{id}"><article aria-labelledby="{title_id}"><h2 id="{title_id}">{name}</h2><p class="order__status order__status--{status}">{status_text}</p><p class="inbox__when">{when}</p><ul>"#,
            status = order.status.code(),
            id = order.id,
            name = escape(&format!("#{} · {}", order.id, if order.shopper_name.is_empty() { "—" } else { &order.shopper_name })),
            status_text = escape(super::orders::status_text(loc, order.status, order.ask)),
            when = escape(&super::orders::when_text(loc, order)),
        );
        for line in &order.lines {
            let _ = write!(
                out,
                "<li>{}</li>",
                escape(&format!(
                    "{} × {} — {}",
                    line.quantity,
                    line.name,
                    crate::components::product_card::price_text(loc, line.unit_price_cents)
                ))
            );
        }
        let _ = write!(
            out,
            r#"</ul><p>{} <strong>{}</strong></p>"#,
            escape(td_string!(loc, orders.shop_total)),
            escape(&super::orders::total_text(loc, order.total_cents, order.has_unpriced))
        );
        if !order.shopper_email.is_empty() {
            let _ = write!(out, r#"<p class="inbox__contact"><a href="mailto:{0}">{0}</a>"#, escape(&order.shopper_email));
            if let Some(phone) = &order.shopper_phone {
                let _ = write!(out, r#" · <a href="tel:{0}">{0}</a>"#, escape(phone));
            }
            out.push_str("</p>");
        }
        if !order.message.is_empty() {
            let _ = write!(
                out,
                r#"<p class="inbox__message">{} {}</p>"#,
                escape(td_string!(loc, orders.message)),
                escape(&order.message)
            );
        }
        if let Some(reason) = &order.decline_reason {
            let _ = write!(out, "<p>{} {}</p>", escape(td_string!(loc, orders.reason)), escape(reason));
        }
        if !print {
            actions_html(&mut out, loc, &action_url, order, typed);
        }
        out.push_str("</article></li>");
    }
    out.push_str("</ol>");
    out
}

#[cfg(feature = "ssr")]
fn actions_html(out: &mut String, loc: Locale, action_url: &str, order: &OrderView, typed: &[(String, String)]) {
    use common::html::escape;
    use std::fmt::Write;
    let hidden = format!(r#"<input type="hidden" name="commande" value="{}">"#, order.id);
    let typed_reason = typed_for(typed, order.id, "raison");
    // A refused "keep until" date is the answer form's problem; any other, the reason's.
    let (date_problem, problem) = match typed_for(typed, order.id, "probleme") {
        Some("date_out_of_range") => (true, None),
        other => (false, other),
    };
    if order.status == OrderStatus::Asked {
        let until_id = format!("jusqu-au-{}", order.id);
        let until_error_id = format!("jusqu-au-{}-erreur", order.id);
        let until = typed_for(typed, order.id, "jusqu_au").map(str::to_string).unwrap_or_else(|| {
            format!("{:04}-{:02}-{:02}", order.collect_by.year, order.collect_by.month, order.collect_by.day)
        });
        let bounds = super::orders::keep_until_bounds()
            .map(|(first, last)| format!(r#" min="{first}" max="{last}""#))
            .unwrap_or_default();
        let (invalid, error) = if date_problem {
            let text = super::orders::problem_text(
                loc,
                &common::error::FieldProblem::with_limit("jusqu_au", "date_out_of_range", common::orders::ASK_DAYS as u32),
            );
            (
                format!(r#" aria-invalid="true" aria-describedby="{until_error_id}""#),
                format!(r#"<p class="field-error" id="{until_error_id}">{}</p>"#, escape(&text)),
            )
        } else {
            (String::new(), String::new())
        };
        let _ = write!(
            out,
            r#"<form method="post" action="{url}" class="inbox__answer">{hidden}<input type="hidden" name="action" value="yes"><label for="{until_id}">{label}</label><input id="{until_id}" type="date" name="jusqu_au" value="{until}"{bounds} required{invalid}>{error}<button type="submit">{yes}</button></form>"#,
            url = escape(action_url),
            label = escape(td_string!(loc, orders.keep_until)),
            until = escape(&until),
            yes = escape(td_string!(loc, orders.answer_yes)),
        );
    } else {
        out.push_str(r#"<div class="button-row">"#);
        for action in MerchantAction::available(order.status).into_iter().filter(|a| *a != MerchantAction::Decline) {
            let label = match action {
                MerchantAction::Accept => td_string!(loc, orders.accept),
                MerchantAction::Ready => td_string!(loc, orders.mark_ready),
                MerchantAction::Collected => td_string!(loc, orders.mark_collected),
                MerchantAction::NotCollected => td_string!(loc, orders.mark_not_collected),
                MerchantAction::Decline => td_string!(loc, orders.decline),
            };
            let class = if action == MerchantAction::NotCollected { r#" class="secondary""# } else { "" };
            let _ = write!(
                out,
                r#"<form method="post" action="{url}" class="inline">{hidden}<input type="hidden" name="action" value="{code}"><button type="submit"{class}>{label}</button></form>"#,
                url = escape(action_url),
                code = action.code(),
                label = escape(label),
            );
        }
        out.push_str("</div>");
    }
    if MerchantAction::Decline.transition().0.contains(&order.status) {
        let reason_id = format!("raison-{}", order.id);
        let error_id = format!("raison-{}-erreur", order.id);
        let (label, button) = if order.status == OrderStatus::Asked {
            (td_string!(loc, orders.reason_optional), td_string!(loc, orders.answer_no))
        } else {
            (td_string!(loc, orders.reason_label), td_string!(loc, orders.decline))
        };
        let error = problem.map(|p| {
            let text = super::orders::problem_text(loc, &common::error::FieldProblem::with_limit("raison", p, common::orders::REASON_MAX as u32));
            format!(r#"<p class="field-error" id="{error_id}">{}</p>"#, escape(&text))
        });
        let _ = write!(
            out,
            r#"<details class="inbox__decline"{open}><summary>{button}</summary><form method="post" action="{url}" class="stack">{hidden}<input type="hidden" name="action" value="{code}"><label for="{reason_id}">{label}</label><textarea id="{reason_id}" name="raison" rows="2" maxlength="500"{invalid}>{typed}</textarea>{error}<button type="submit">{button}</button></form></details>"#,
            open = if problem.is_some() { " open" } else { "" },
            button = escape(button),
            url = escape(action_url),
            code = if order.status == OrderStatus::Asked { "no" } else { "decline" },
            label = escape(label),
            invalid = if problem.is_some() { format!(r#" aria-invalid="true" aria-describedby="{error_id}""#) } else { String::new() },
            typed = escape(typed_reason.unwrap_or("")),
            error = error.unwrap_or_default(),
        );
    }
}

/// One number of the settings form: its value as saved or as typed, its problem when refused.
fn number_field(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    (min, max): (u32, u32),
    saved: u32,
    typed: &[(String, String)],
    problem_field: &str,
) -> impl IntoView {
    let value = typed.iter().find(|(n, _)| n == name).map_or_else(|| saved.to_string(), |(_, v)| v.clone());
    let refused = typed.iter().any(|(n, _)| n.strip_prefix("probleme-") == Some(problem_field));
    let error_id = format!("{id}-erreur");
    let described = refused.then(|| error_id.clone());
    let loc = locale(current_lang());
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            name=name
            type="number"
            min=min.to_string()
            max=max.to_string()
            required
            value=value
            aria-invalid=refused.then_some("true")
            aria-describedby=described
        />
        {refused.then(|| view! { <p class="field-error" id=error_id>{td_string!(loc, orders.between, min = min, max = max)}</p> })}
    }
}

/// The shop's click & collect settings; refused, it comes back as typed (`typed`).
#[component]
fn SettingsForm(action: String, settings: PickupSettings, typed: Vec<(String, String)>) -> impl IntoView {
    let loc = locale(current_lang());
    let refused = !typed.is_empty();
    let notify = if refused { typed.iter().any(|(n, _)| n == "avis") } else { settings.notify_orders };
    view! {
        <section class="card no-print" aria-labelledby="pickup-settings-title">
            <h2 id="pickup-settings-title">{td_string!(loc, orders.settings_title)}</h2>
            {refused.then(|| view! { <div class="problem" role="alert"><p>{td_string!(loc, orders.settings_refused)}</p></div> })}
            <form method="post" action=action class="stack">
                {number_field("prep-minutes", "preparation", td_string!(loc, orders.prep_minutes), (0, 10_080), settings.prep_minutes, &typed, "prep_minutes")}
                {number_field("slot-minutes", "creneau", td_string!(loc, orders.slot_minutes), (10, 240), settings.slot_minutes, &typed, "slot_minutes")}
                {number_field("grace-days", "delai", td_string!(loc, orders.grace_days), (0, 14), settings.grace_days, &typed, "grace_days")}
                <p class="field--check">
                    <input type="checkbox" id="notify-orders" name="avis" value="1" checked=notify/>
                    <label for="notify-orders">{td_string!(loc, orders.notify_orders)}</label>
                </p>
                <button type="submit">{td_string!(loc, orders.save_settings)}</button>
            </form>
        </section>
    }
}

/// `/tableau-de-bord/{id}/commandes`.
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let Some(id) = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())) else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let query = use_query_map();
    let view_param = query.with_untracked(|q| q.get("vue"));
    let day = query.with_untracked(|q| q.get("jour"));
    let echo = query.with_untracked(|q| q.get(crate::components::form::ECHO_PARAMETER));
    let done = query.with_untracked(|q| q.get("fait"));
    let changed = query.with_untracked(|q| q.get("erreur")).as_deref() == Some("conflit");
    let closed = view_param.as_deref() == Some("fermees");
    let data = Resource::new_blocking(
        move || (),
        move |_| get_inbox(lang, id, view_param.clone(), day.clone(), echo.clone()),
    );
    let title = td_string!(loc, orders.inbox_title).to_string();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let title = title.clone();
                let done = done.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => {
                            let page = href(lang, &inbox_path(id));
                            let stream = href(lang, &format!("{}/flux", inbox_path(id)));
                            let settings_url = href(lang, &format!("{}/reglages", inbox_path(id)));
                            let today = {
                                #[cfg(feature = "ssr")]
                                {
                                    crate::api::state().map(|s| domain::clock::today_in_brussels(s.clock.now()).format("%Y-%m-%d").to_string()).unwrap_or_default()
                                }
                                #[cfg(not(feature = "ssr"))]
                                {
                                    String::new()
                                }
                            };
                            let heading = data.day_title.clone().unwrap_or_else(|| title.clone());
                            let printable = data.day_title.is_some();
                            view! {
                                <PrivateMeta title=format!("{heading} · {}", data.business_name)/>
                                <section class="dashboard inbox" data-stream=(!printable).then_some(stream) data-updated=td_string!(loc, orders.updated)>
                                    <p class="breadcrumb"><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{data.business_name.clone()}</a></p>
                                    <h1>{heading}</h1>
                                    {done.map(|_| view! { <p class="notice" role="status">{td_string!(loc, dashboard.saved)}</p> })}
                                    {changed.then(|| view! { <div class="problem" role="alert"><p>{td_string!(loc, orders.changed_meanwhile)}</p></div> })}
                                    <nav class="inbox__views" aria-label=td_string!(loc, orders.views_label)>
                                        <a href=page.clone() aria-current=(!closed && !printable).then_some("page")>{td_string!(loc, orders.view_open)}</a>
                                        " · "
                                        <a href=format!("{page}?vue=fermees") aria-current=closed.then_some("page")>{td_string!(loc, orders.view_closed)}</a>
                                        " · "
                                        <a href=format!("{page}?jour={today}") aria-current=printable.then_some("page")>{td_string!(loc, orders.view_today)}</a>
                                    </nav>
                                    <p id="inbox-live" class="inbox__live" role="status" aria-live="polite"></p>
                                    <p class="inbox__sound" hidden>
                                        <input type="checkbox" id="inbox-sound"/>
                                        <label for="inbox-sound">{td_string!(loc, orders.sound)}</label>
                                    </p>
                                    <div id="inbox-list" inner_html=data.list_html.clone()></div>
                                    {printable.then(|| view! { <p class="no-print" id="inbox-print-row" hidden><button type="button" class="secondary" id="inbox-print">{td_string!(loc, orders.print)}</button></p> })}
                                    <SettingsForm action=settings_url settings=data.settings typed=data.settings_typed.clone()/>
                                </section>
                                <script type="module" src="/orders-inbox.js"></script>
                            }
                            .into_any()
                        }
                        Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                        Err(error) => view! { <PrivateMeta title=title.clone()/><section class="dashboard"><Problem error/></section> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
