//! Pieces of the dashboard's forms: the translated message of a field problem, shown next to its
//! field (`aria-describedby`, `aria-invalid`), the summary at the top of a refused form, the
//! values typed in a form refused without JavaScript ([`Typed`], see `crate::api::forms`) and
//! the length limits of the text fields ([`max_chars`]).

use common::error::FieldProblem;
use common::AppError;
use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::{current_lang, locale, use_lang};

/// The query parameter holding the id of a refused form's kept values (`crate::api::forms`).
pub const ECHO_PARAMETER: &str = "formulaire";

/// What was typed in a form refused without JavaScript, as kept by the server for this session:
/// the form's server function path and its fields. Empty when the page did not come from such a
/// refusal (a link someone else made fills nothing: the id is only read for the session it was
/// given to).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Typed {
    pub form: String,
    pub fields: Vec<(String, String)>,
}

impl Typed {
    /// Whether these are the values of `form` (a server function's `PATH`).
    pub fn is_for(&self, form: &str) -> bool {
        !self.fields.is_empty() && self.form == form
    }

    /// The value typed in `field` of `form`, if the page came back from that form's refusal.
    pub fn value(&self, form: &str, field: &str) -> Option<String> {
        if self.form != form {
            return None;
        }
        self.fields.iter().find(|(name, _)| name == field).map(|(_, value)| value.clone())
    }

    /// The value typed in `field` of `form`, else `saved`.
    pub fn or(&self, form: &str, field: &str, saved: String) -> String {
        self.value(form, field).unwrap_or(saved)
    }
}

/// The page's kept values, read once the URL names them (`?formulaire=…&__path=…`) and empty
/// otherwise. It follows the URL, so that the next page (after a save made with JavaScript,
/// say) shows the saved data again.
pub fn typed_resource() -> Resource<Typed> {
    typed_resource_or(None)
}

/// [`typed_resource`] for a page that also has a form of its own (not a server function's):
/// without `__path`, the kept values are those of `form`.
pub fn typed_resource_or(form: Option<&'static str>) -> Resource<Typed> {
    let query = leptos_router::hooks::use_query_map();
    Resource::new(
        move || query.with(|q| (q.get(ECHO_PARAMETER), q.get("__path").or_else(|| form.map(str::to_string)))),
        |(id, form)| async move {
            match (id, form) {
                (Some(id), Some(form)) => crate::api::forms::typed_values(id, form).await.unwrap_or_default(),
                _ => Typed::default(),
            }
        },
    )
}

/// The longest text (in characters) the domain accepts in a field of the server functions'
/// forms: the `maxlength` of their text areas and inputs, and what the server names when a
/// form's body is over its limit. One table, from the constants the domain checks against.
pub fn max_chars(field: &str) -> Option<usize> {
    use common::dashboard::{DESCRIPTION_MAX, NOTE_MAX};
    match field {
        "description_fr" | "description_nl" | "description_en" => Some(DESCRIPTION_MAX),
        "note_fr" | "note_nl" | "note_en" => Some(NOTE_MAX),
        "reason" => Some(common::console::REASON_MAX),
        "alt_fr" | "alt_nl" | "alt_en" => Some(common::dashboard::ALT_MAX),
        "email" | "new_email" => Some(common::values::Email::MAX_LEN),
        _ => None,
    }
}

/// The message of one field problem (`form.<problem>`).
pub fn problem_text(loc: Locale, problem: &FieldProblem) -> String {
    let limit = problem.limit.unwrap_or_default();
    match problem.problem.as_str() {
        "required" => td_string!(loc, form.required).to_string(),
        "too_long" => td_string!(loc, form.too_long, limit = limit),
        "control_characters" => td_string!(loc, form.control_characters).to_string(),
        "unknown_category" => td_string!(loc, form.unknown_category).to_string(),
        "postcode_invalid" => td_string!(loc, form.postcode_invalid).to_string(),
        "coordinate_invalid" => td_string!(loc, form.coordinate_invalid).to_string(),
        "phone_invalid" => td_string!(loc, form.phone_invalid).to_string(),
        "email_invalid" => td_string!(loc, form.email_invalid).to_string(),
        "url_invalid" => td_string!(loc, form.url_invalid).to_string(),
        "facebook_invalid" => td_string!(loc, form.facebook_invalid).to_string(),
        "instagram_invalid" => td_string!(loc, form.instagram_invalid).to_string(),
        "unknown_feature" => td_string!(loc, form.unknown_feature).to_string(),
        "hours_unreadable" => td_string!(loc, form.hours_unreadable).to_string(),
        "hours_overlap" => td_string!(loc, form.hours_overlap).to_string(),
        "hours_too_many" => td_string!(loc, form.hours_too_many).to_string(),
        "date_invalid" => td_string!(loc, form.date_invalid).to_string(),
        "ends_before_start" => td_string!(loc, form.ends_before_start).to_string(),
        "exception_too_long" => td_string!(loc, form.exception_too_long).to_string(),
        "date_in_past" => td_string!(loc, form.date_in_past).to_string(),
        "password_too_short" => td_string!(loc, form.password_too_short).to_string(),
        "password_too_long" => td_string!(loc, form.password_too_long).to_string(),
        "password_too_common" => td_string!(loc, form.password_too_common).to_string(),
        "password_wrong" => td_string!(loc, form.password_wrong).to_string(),
        "email_unchanged" => td_string!(loc, form.email_unchanged).to_string(),
        "already_member" => td_string!(loc, form.already_member).to_string(),
        "photo_required" => td_string!(loc, form.photo_required).to_string(),
        "photo_too_large" => td_string!(loc, form.photo_too_large, limit = limit),
        "photo_not_an_image" => td_string!(loc, form.photo_not_an_image).to_string(),
        "photo_svg_refused" => td_string!(loc, form.photo_svg_refused).to_string(),
        "photo_format_refused" => td_string!(loc, form.photo_format_refused).to_string(),
        "photo_too_many_pixels" => td_string!(loc, form.photo_too_many_pixels, limit = limit),
        "photo_unreadable" => td_string!(loc, form.photo_unreadable).to_string(),
        "alt_required" => td_string!(loc, form.alt_required).to_string(),
        "photos_too_many" => td_string!(loc, form.photos_too_many, limit = limit),
        _ => td_string!(loc, error.invalid).to_string(),
    }
}

/// The field problems of a form's last answer.
pub fn problems_of<T, S>(value: S) -> Signal<Vec<FieldProblem>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Invalid(problems))) => problems,
        _ => Vec::new(),
    })
}

/// The message under a field, if it has a problem.
#[component]
pub fn FieldMessage(problems: Signal<Vec<FieldProblem>>, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    move || {
        problems.get().into_iter().find(|p| p.field == field).map(|p| {
            let text = problem_text(locale(lang.get_untracked()), &p);
            view! { <p class="field-error" id=format!("{field}-error")>{text}</p> }
        })
    }
}

/// Whether a field has a problem (for `aria-invalid`).
pub fn invalid(problems: Signal<Vec<FieldProblem>>, field: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync {
    move || problems.get().iter().any(|p| p.field == field).then_some("true")
}

/// The alert at the top of a form whose last answer was an error.
#[component]
pub fn FormAlert<T, S>(value: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let lang = use_lang();
    move || match value.get() {
        Some(Err(AppError::Invalid(_))) => {
            Some(view! { <p class="problem" role="alert">{td_string!(locale(lang.get_untracked()), dashboard.problems)}</p> }.into_any())
        }
        Some(Err(error)) => {
            #[cfg(feature = "ssr")]
            crate::status::set_status(error.status());
            let text = crate::components::problem::message(locale(lang.get_untracked()), &error);
            Some(view! { <p class="problem" role="alert">{text}</p> }.into_any())
        }
        _ => None,
    }
}

/// A new password with its advice and message (invitation, reset and account pages).
#[component]
pub fn NewPasswordField(label: &'static str, problems: Signal<Vec<FieldProblem>>) -> impl IntoView {
    let loc = locale(current_lang());
    view! {
        <label for="new_password">{label}</label>
        <input
            id="new_password"
            name="new_password"
            type="password"
            autocomplete="new-password"
            required
            aria-describedby="new-password-help new_password-error"
            aria-invalid=invalid(problems, "new_password")
        />
        <p id="new-password-help" class="help">{td_string!(loc, account.new_password_help)}</p>
        <FieldMessage problems field="new_password"/>
    }
}
