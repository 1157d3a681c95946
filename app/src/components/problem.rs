//! A translated message for an `AppError`, and the HTTP status that goes with it.

use common::query::QueryProblem;
use common::AppError;
use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::{href, locale, use_lang};

/// The message of an error in a language.
pub fn message(loc: Locale, error: &AppError) -> String {
    match error {
        AppError::NotFound => td_string!(loc, error.not_found_text).to_string(),
        AppError::BadQuery(QueryProblem::TextTooLong { max }) => {
            td_string!(loc, error.text_too_long, max = max)
        }
        AppError::BadQuery(QueryProblem::BadPage) => td_string!(loc, error.bad_page).to_string(),
        AppError::BadQuery(QueryProblem::PageOutOfRange { last, .. }) => {
            td_string!(loc, error.page_out_of_range, last = last)
        }
        AppError::BadQuery(QueryProblem::UnknownCategory) => td_string!(loc, error.unknown_category).to_string(),
        AppError::BadQuery(QueryProblem::UnknownKind) => td_string!(loc, error.unknown_kind).to_string(),
        AppError::BadQuery(QueryProblem::BadPrice) => td_string!(loc, error.bad_price).to_string(),
        AppError::BadRequest => td_string!(loc, error.bad_request).to_string(),
        AppError::Forbidden => td_string!(loc, error.forbidden).to_string(),
        AppError::Conflict => td_string!(loc, error.conflict).to_string(),
        AppError::TooLarge { limit } => td_string!(loc, error.too_large, limit = limit / 1024),
        AppError::Invalid(_) => td_string!(loc, error.invalid).to_string(),
        AppError::Unauthenticated => td_string!(loc, error.unauthenticated).to_string(),
        AppError::LoginFailed => td_string!(loc, error.login_failed).to_string(),
        // Past two hours (a business's invitations for the day, say), in hours.
        AppError::TooManyAttempts { retry_after_secs } if *retry_after_secs > 2 * 3600 => {
            td_string!(loc, error.too_many_attempts_hours, hours = retry_after_secs.div_ceil(3600))
        }
        AppError::TooManyAttempts { retry_after_secs } => {
            td_string!(loc, error.too_many_attempts, minutes = retry_after_secs.div_ceil(60))
        }
        AppError::LinkExpired => td_string!(loc, error.link_expired).to_string(),
        AppError::Internal => td_string!(loc, error.internal).to_string(),
        AppError::Transport(_) => td_string!(loc, error.network).to_string(),
    }
}

/// Shows an error as an alert, and gives the response the error's status.
#[component]
pub fn Problem(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(error.status());
    let lang = use_lang();
    let text = message(locale(lang.get_untracked()), &error);
    let first_page = matches!(
        error,
        AppError::BadQuery(QueryProblem::PageOutOfRange { .. }) | AppError::BadQuery(QueryProblem::BadPage)
    );
    view! {
        <div class="problem" role="alert">
            <p>{text}</p>
            {first_page
                .then(|| {
                    view! {
                        <p>
                            <a href=href(lang.get_untracked(), "/commerces")>
                                {td_string!(locale(lang.get_untracked()), error.first_page)}
                            </a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The title and message of a request refused before it reached a page (by the server's edge
/// checks: control characters, oversized bodies; an unknown language in the switcher), in the
/// language of its URL.
pub fn refusal_texts(lang: common::Lang, error: &AppError) -> (String, String) {
    let loc = locale(lang);
    let title = match error {
        AppError::NotFound => td_string!(loc, error.not_found_title),
        _ => td_string!(loc, error.bad_request_title),
    };
    (title.to_string(), message(loc, error))
}
