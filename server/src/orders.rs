//! Click & collect's requests (issue 14; the pages are `app::pages::orders` and
//! `app::pages::orders_merchant`):
//!
//! Shoppers, plain forms answered 303 to the next page, or the same page rendered again with
//! what was typed and the problems (422, 429 when throttled, 409 when the order changed), like
//! the follow-by-e-mail forms ([`crate::follow`]):
//! - `POST /panier/ajouter` (a product page's form), `POST /panier/modifier`: the basket, whose
//!   cookie (`domain::orders::basket::COOKIE`) is set for the basket's paths only, in the three
//!   languages, `HttpOnly`, `SameSite=Lax`, for 30 days;
//! - `POST /panier/commander`: the checkout, then the order page;
//! - `POST /commande/{token}/annuler`: the shopper cancels one order;
//! - `GET /commande/{token}/calendrier/{order}`: the collection as an iCalendar file.
//!
//! Merchants (a session of someone who may edit the listing; the domain decides):
//! - `POST /tableau-de-bord/{id}/commandes/action`: accept, ready, collected, not collected,
//!   decline (with a reason), and the answers to questions; 303 back to the inbox, a refused
//!   reason kept with `domain::form_echo` so that it comes back as typed;
//! - `POST /tableau-de-bord/{id}/commandes/reglages`: preparation delay, slot length, grace days,
//!   the e-mail at each new order; refused, the form comes back as typed;
//! - `GET /tableau-de-bord/{id}/commandes/flux`: the inbox's event stream (see [`live`]).
//!
//! Each path exists under `/nl` and `/en` too.

pub mod live;

use std::sync::Arc;

use app::pages::order_links::{ANSWER_PATH, ASK_PATH, CONFIRM_PATH};
use app::pages::orders::{ADD_PATH, BASKET_PATH, CHECKOUT_PATH, UPDATE_PATH};
use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use common::error::FieldProblem;
use common::orders::MerchantAction;
use common::{AppError, Lang};
use domain::orders::{ask, basket, checkout, flow};
use domain::DomainError;
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

use crate::follow::{form_fields, render_page, see_other};
use crate::http::edge::{refuse, DEFAULT_BODY_LIMIT};

/// The basket cookie's lifetime, as the baskets' (`domain::orders::basket::LIFETIME_DAYS`).
const COOKIE_DAYS: i64 = basket::LIFETIME_DAYS;

/// The `Set-Cookie` values that name the basket `token` on the basket's paths in each language.
fn basket_cookies(token: &str, secure: bool) -> Vec<HeaderValue> {
    Lang::ALL
        .iter()
        .filter_map(|lang| {
            let value = format!(
                "{}={token}; Path={}; Max-Age={}; HttpOnly; SameSite=Lax{}",
                basket::COOKIE,
                lang.localize(BASKET_PATH),
                COOKIE_DAYS * 86_400,
                if secure { "; Secure" } else { "" }
            );
            HeaderValue::from_str(&value).ok()
        })
        .collect()
}

/// `field:problem[:limit]`, as the pages read their `erreur` parameters.
fn encode(problem: &FieldProblem) -> String {
    match problem.limit {
        Some(limit) => format!("{}:{}:{limit}", problem.field, problem.problem),
        None => format!("{}:{}", problem.field, problem.problem),
    }
}

/// What a refused checkout's page gets back: the typed fields (each cut at four times its limit,
/// so that a value refused for its length comes back whole and the page's address stays within
/// what a URI may hold) and the problems.
fn refused_query(fields: &[(String, String)], problems: &[FieldProblem]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        let keep = matches!(name.as_str(), "nom" | "email" | "telephone") || name.starts_with("creneau-");
        if keep {
            query.append_pair(name, &value.chars().take(4 * common::orders::NAME_MAX).collect::<String>());
        }
    }
    for problem in problems {
        query.append_pair("erreur", &encode(problem));
    }
    query.finish()
}

/// Answers the shoppers' POSTs; everything else goes on. `pages` renders a refused form (see
/// [`crate::follow::handle_posts`], which does the same for its forms).
pub async fn handle_posts(state: Arc<AppState>, pages: Router, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (lang, rest) = Lang::split_path(request.uri().path());
    let cancel_token = rest
        .strip_prefix("/commande/")
        .and_then(|r| r.strip_suffix("/annuler"))
        .filter(|t| !t.contains('/'))
        .map(str::to_string);
    if !matches!(rest, ADD_PATH | UPDATE_PATH | CHECKOUT_PATH | CONFIRM_PATH | ANSWER_PATH | ASK_PATH)
        && cancel_token.is_none()
    {
        return next.run(request).await;
    }
    let rest = rest.to_string();
    let ip = request
        .extensions()
        .get::<crate::http::client_ip::ClientIp>()
        .map(|ip| ip.0.to_string())
        .unwrap_or_else(|| "unknown".into());
    let secure = state.base_url.starts_with("https://");
    let cookie = app::pages::orders::basket_cookie_in(request.headers());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, DEFAULT_BODY_LIMIT as usize).await else {
        return refuse(parts.uri.path(), AppError::TooLarge { limit: DEFAULT_BODY_LIMIT });
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(fields) = form_fields(content_type, bytes).await else {
        return refuse(parts.uri.path(), AppError::BadRequest);
    };
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let number = |name: &str| field(name).trim().parse::<i64>().ok();
    let now = state.clock.now();
    if let Some(token) = cancel_token {
        let page = lang.localize(&checkout::order_path(&token));
        let Some(order_id) = number("commande").and_then(|n| i32::try_from(n).ok()) else {
            return refuse(parts.uri.path(), AppError::BadRequest);
        };
        return match flow::cancel(&state.db, &token, order_id, &state.base_url, now, &state.mail).await {
            Ok(()) => see_other(&format!("{page}?annulee=1")),
            Err(DomainError::Conflict) => {
                let mut response = render_page(parts, lang, &checkout::order_path(&token), "erreur=conflit", pages).await;
                if response.status() == StatusCode::OK {
                    *response.status_mut() = StatusCode::CONFLICT;
                }
                response
            }
            Err(error) => refuse(parts.uri.path(), error.into()),
        };
    }
    // A page rendered again with `query`, answered with `status` (when it rendered at all).
    let again = |parts, path: &'static str, query: String, status: StatusCode, pages: Router| async move {
        let mut response = render_page(parts, lang, path, &query, pages).await;
        if response.status() == StatusCode::OK {
            *response.status_mut() = status;
        }
        response
    };
    match rest.as_str() {
        CONFIRM_PATH => {
            let token = field("jeton");
            match flow::confirm(&state.db, &token, &state.base_url, now, &state.mail).await {
                Ok(_) => see_other(&format!("{}?fait=1", lang.localize(CONFIRM_PATH))),
                // The page says the link is gone, with its status.
                Err(DomainError::LinkExpired | DomainError::NotFound) => {
                    let query = form_urlencoded::Serializer::new(String::new()).append_pair("jeton", &token).finish();
                    render_page(parts, lang, CONFIRM_PATH, &query, pages).await
                }
                Err(error) => refuse(parts.uri.path(), error.into()),
            }
        }
        ANSWER_PATH => {
            let token = field("jeton");
            let Some(order_id) = number("commande").and_then(|n| i32::try_from(n).ok()) else {
                return refuse(parts.uri.path(), AppError::BadRequest);
            };
            let yes = field("reponse") == "yes";
            let (until, reason) = (field("jusqu_au"), field("raison"));
            let who = flow::Answerer::Link(&token);
            let answered =
                flow::answer(&state.db, who, order_id, yes, &until, &reason, &state.base_url, now, &state.mail).await;
            // Built apart: the serializer is not `Send`, so it must not live across an await.
            let query = |refused: Option<&str>| {
                let mut query = form_urlencoded::Serializer::new(String::new());
                query.append_pair("jeton", &token);
                if let Some(problem) = refused {
                    query.append_pair("jusqu_au", &until.chars().take(40).collect::<String>());
                    query.append_pair("raison", &reason.chars().take(common::orders::REASON_MAX * 4).collect::<String>());
                    query.append_pair("erreur", problem);
                }
                query.finish()
            };
            match answered {
                Ok(_) => see_other(&format!("{}?fait={}", lang.localize(ANSWER_PATH), if yes { "oui" } else { "non" })),
                Err(DomainError::Invalid(problems)) => {
                    let query = query(Some(problems.first().map_or("invalid", |p| p.problem.as_str())));
                    again(parts, ANSWER_PATH, query, StatusCode::UNPROCESSABLE_ENTITY, pages).await
                }
                Err(DomainError::LinkExpired | DomainError::Conflict | DomainError::NotFound) => {
                    let query = query(None);
                    render_page(parts, lang, ANSWER_PATH, &query, pages).await
                }
                Err(error) => refuse(parts.uri.path(), error.into()),
            }
        }
        ASK_PATH => {
            let question = ask::Question {
                key: field("cle"),
                name: field("nom"),
                email: field("email"),
                phone: field("telephone"),
                lang,
                product_id: number("produit").and_then(|n| i32::try_from(n).ok()).unwrap_or(0),
                quantity: field("quantite"),
                date: field("date"),
                message: field("message"),
                client_ip: ip,
                base_url: state.base_url.to_string(),
            };
            let (problems, status) = match ask::ask(&state.db, &question, now, &state.mail).await {
                Ok(placed) => {
                    let mut response =
                        see_other(&format!("{}?envoyee=1", lang.localize(&checkout::order_path(&placed.token))));
                    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
                    return response;
                }
                Err(DomainError::Invalid(problems)) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
                Err(DomainError::TooManyAttempts { .. }) => {
                    (vec![FieldProblem::new("basket", "throttled")], StatusCode::TOO_MANY_REQUESTS)
                }
                Err(DomainError::Conflict) => (vec![FieldProblem::new("basket", "form_expired")], StatusCode::CONFLICT),
                // The product stopped taking questions meanwhile (reservable now, or out of
                // stock): the page says so, with its status.
                Err(DomainError::NotFound) => (vec![FieldProblem::new("basket", "not_askable")], StatusCode::NOT_FOUND),
                Err(error) => return refuse(parts.uri.path(), error.into()),
            };
            let query = {
                let mut query = form_urlencoded::Serializer::new(String::new());
                query.append_pair("produit", &question.product_id.to_string());
                for name in ["nom", "email", "telephone", "quantite", "date", "message"] {
                    // Four times the longest field: a message refused for its length comes back whole.
                    query.append_pair(name, &field(name).chars().take(4 * common::orders::MESSAGE_MAX).collect::<String>());
                }
                for problem in &problems {
                    query.append_pair("erreur", &encode(problem));
                }
                query.finish()
            };
            again(parts, ASK_PATH, query, status, pages).await
        }
        ADD_PATH | UPDATE_PATH => {
            let (Some(product_id), Some(quantity)) = (
                number("produit").and_then(|n| i32::try_from(n).ok()),
                number("quantite").and_then(|n| u32::try_from(n).ok()),
            ) else {
                return refuse(parts.uri.path(), AppError::Invalid(vec![FieldProblem::new("quantity", "quantity_out_of_range")]));
            };
            let outcome = if rest == ADD_PATH {
                basket::add(&state.db, cookie.as_deref(), product_id, quantity, now).await.map(Some)
            } else {
                basket::set_quantity(&state.db, cookie.as_deref(), product_id, quantity, now).await.map(|_| None)
            };
            match outcome {
                Ok(token) => {
                    let mut response = see_other(&lang.localize(BASKET_PATH));
                    if let Some(token) = token.filter(|t| cookie.as_deref() != Some(t.as_str())) {
                        for value in basket_cookies(&token, secure) {
                            response.headers_mut().append(header::SET_COOKIE, value);
                        }
                    }
                    response
                }
                Err(DomainError::Invalid(problems)) => {
                    let query = refused_query(&[], &problems);
                    let mut response = render_page(parts, lang, BASKET_PATH, &query, pages).await;
                    if response.status() == StatusCode::OK {
                        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    }
                    response
                }
                Err(error) => refuse(parts.uri.path(), error.into()),
            }
        }
        _ => {
            let mut lines = Vec::new();
            // A line that is not `product:quantity:price` was not written by the basket page: the
            // form comes back as typed, saying the basket changed.
            let mut tampered = false;
            for text in fields.iter().filter(|(n, _)| n == "ligne").map(|(_, v)| v) {
                let mut parts_of = text.splitn(3, ':');
                let product = parts_of.next().and_then(|p| p.trim().parse::<i32>().ok());
                let quantity = parts_of.next().and_then(|q| q.trim().parse::<u32>().ok());
                let price = match parts_of.next().map(str::trim) {
                    None | Some("") => Some(None),
                    Some(p) => p.parse::<i64>().ok().map(Some),
                };
                match (product, quantity, price) {
                    (Some(product_id), Some(quantity), Some(price_seen_cents)) => {
                        lines.push(checkout::Line { product_id, quantity, price_seen_cents })
                    }
                    _ => tampered = true,
                }
            }
            let slots = fields
                .iter()
                .filter_map(|(n, v)| n.strip_prefix("creneau-").and_then(|id| id.parse::<i32>().ok()).map(|id| (id, v.clone())))
                .collect();
            let request = checkout::Request {
                key: field("cle"),
                name: field("nom"),
                email: field("email"),
                phone: field("telephone"),
                lang,
                lines,
                slots,
                client_ip: ip,
                basket: cookie.clone(),
                base_url: state.base_url.to_string(),
            };
            let outcome = if tampered {
                Err(DomainError::Invalid(vec![FieldProblem::new("basket", "basket_tampered")]))
            } else {
                checkout::place(&state.db, &request, now, &state.mail).await
            };
            let (problems, status) = match outcome {
                Ok(placed) => {
                    let mut response =
                        see_other(&format!("{}?envoyee=1", lang.localize(&checkout::order_path(&placed.token))));
                    // The order page's link is a secret: no referrer from it, ever.
                    response.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
                    return response;
                }
                Err(DomainError::Invalid(problems)) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
                Err(DomainError::TooManyAttempts { .. }) => {
                    (vec![FieldProblem::new("basket", "throttled")], StatusCode::TOO_MANY_REQUESTS)
                }
                Err(DomainError::Conflict) => (vec![FieldProblem::new("basket", "form_expired")], StatusCode::CONFLICT),
                Err(error) => return refuse(parts.uri.path(), error.into()),
            };
            let query = refused_query(&fields, &problems);
            let mut response = render_page(parts, lang, BASKET_PATH, &query, pages).await;
            if response.status() == StatusCode::OK {
                *response.status_mut() = status;
            }
            response
        }
    }
}

/// `GET /commande/{token}/calendrier/{order}`: the collection as an iCalendar file.
pub async fn calendar(state: AppState, lang: Lang, token: String, order: String) -> Response {
    let Ok(order_id) = order.parse::<i32>() else {
        return refuse(&lang.localize("/commande"), AppError::NotFound);
    };
    match domain::orders::read::calendar(&state.db, &token, order_id, &state.base_url, lang).await {
        Ok(ics) => {
            let mut response = ics.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
            headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"vitrine.ics\""));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
            response
        }
        Err(error) => refuse(&lang.localize("/commande"), error.into()),
    }
}

/// Keeps the fields of a refused inbox form (`domain::form_echo`) and answers the query that
/// brings them back (empty when they could not be kept: the page then shows the saved values).
async fn echo_query(state: &AppState, session_token: Option<&str>, typed: &[(String, String)]) -> String {
    let now = state.clock.now();
    let echo = domain::form_echo::keep(&state.db, session_token, app::pages::orders_merchant::ACTION_FORM, typed, now)
        .await
        .unwrap_or_else(|error| {
            tracing::error!(%error, "a refused inbox form's text could not be kept");
            None
        });
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(echo) = echo {
        query.append_pair(app::components::form::ECHO_PARAMETER, &echo);
    }
    query.finish()
}

/// The business id of a merchant's orders path (`/tableau-de-bord/{id}/commandes/…`).
fn business_of(rest: &str) -> Option<i32> {
    rest.strip_prefix("/tableau-de-bord/")?.split('/').next()?.parse().ok()
}

/// `POST /tableau-de-bord/{id}/commandes/action` and `…/reglages`.
pub async fn merchant_post(state: AppState, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let (lang, rest) = Lang::split_path(&path);
    let Some(business_id) = business_of(rest) else { return refuse(&path, AppError::NotFound) };
    let session = request.extensions().get::<CurrentSession>().cloned().unwrap_or_default();
    if session.actor.is_none() {
        return see_other(&lang.localize("/connexion"));
    }
    let inbox = lang.localize(&app::pages::orders_merchant::inbox_path(business_id));
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, DEFAULT_BODY_LIMIT as usize).await else {
        return refuse(&path, AppError::TooLarge { limit: DEFAULT_BODY_LIMIT });
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(fields) = form_fields(content_type, bytes).await else { return refuse(&path, AppError::BadRequest) };
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let now = state.clock.now();
    let actor = session.actor.as_ref();
    if rest.ends_with("/reglages") {
        let notify = fields.iter().any(|(n, _)| n == "avis");
        let settings = match domain::orders::check_settings(&field("preparation"), &field("creneau"), &field("delai"), notify) {
            Ok(settings) => settings,
            Err(problems) => {
                // The form comes back as typed, each field with its problem.
                let mut typed: Vec<(String, String)> = fields
                    .iter()
                    .filter(|(n, _)| matches!(n.as_str(), "preparation" | "creneau" | "delai" | "avis"))
                    .cloned()
                    .collect();
                typed.push((app::pages::orders_merchant::SETTINGS_MARK.into(), "1".into()));
                typed.extend(problems.into_iter().map(|p| (format!("probleme-{}", p.field), p.problem)));
                let query = echo_query(&state, session.token.as_deref(), &typed).await;
                return see_other(&format!("{inbox}?{query}#pickup-settings-title"));
            }
        };
        return match domain::orders::save_settings(&state.db, actor, business_id, settings, now).await {
            Ok(()) => see_other(&format!("{inbox}?fait=reglages")),
            Err(error) => refuse(&path, error.into()),
        };
    }
    let Ok(order_id) = field("commande").trim().parse::<i32>() else { return refuse(&path, AppError::BadRequest) };
    let reason = field("raison");
    let outcome = match field("action").as_str() {
        "yes" | "no" => {
            let yes = field("action") == "yes";
            let who = flow::Answerer::Member { actor, business_id };
            flow::answer(&state.db, who, order_id, yes, &field("jusqu_au"), &reason, &state.base_url, now, &state.mail).await
        }
        code => match MerchantAction::from_code(code) {
            Some(action) => {
                flow::merchant_act(&state.db, actor, business_id, order_id, action, &reason, &state.base_url, now, &state.mail)
                    .await
            }
            None => return refuse(&path, AppError::BadRequest),
        },
    };
    let anchor = format!("#commande-{order_id}");
    match outcome {
        Ok(_) => see_other(&format!("{inbox}?fait=1{anchor}")),
        Err(DomainError::Conflict) => see_other(&format!("{inbox}?erreur=conflit{anchor}")),
        Err(DomainError::Invalid(problems)) => {
            // The reason (or date) as typed comes back with its problem.
            let mut typed: Vec<(String, String)> = fields
                .iter()
                .filter(|(n, _)| matches!(n.as_str(), "commande" | "raison" | "jusqu_au"))
                .cloned()
                .collect();
            typed.push(("probleme".into(), problems.first().map(|p| p.problem.clone()).unwrap_or_default()));
            let query = echo_query(&state, session.token.as_deref(), &typed).await;
            see_other(&format!("{inbox}?{query}{anchor}"))
        }
        Err(error) => refuse(&path, error.into()),
    }
}
