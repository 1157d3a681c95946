//! `/tableau-de-bord/{id}/photos`: the business's photos in their public order, each with its
//! text alternatives (editable), buttons to move it up or down and a link to delete it (after a
//! confirmation step, `?supprimer={photo}`); and a form to upload a few photos at once, each with
//! its French description.
//!
//! Everything works without JavaScript. Moves, deletions and descriptions are `ActionForm`s; the
//! upload is a plain `multipart/form-data` form posting to the server's own handler
//! (`server/src/http/uploads.rs`), which answers with a 303 back here: `?enregistre=photos` on
//! success, or `?refus=…` naming each refused field with its problem, and the descriptions as
//! typed kept server-side for the session (`?formulaire=…`, see `crate::api::forms`) so that only
//! the files have to be chosen again (browsers never refill a file input). Private like the rest
//! of the dashboard.

use common::error::FieldProblem;
use common::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::photos::{alt_field, get_photos, DeletePhoto, MovePhoto, PhotoRow, PhotosView, SavePhotoAlt};
use crate::components::form::{problem_text, problems_of, typed_resource_or, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};

/// Photos uploaded by one form: enough for a shop front, its inside and a product in one go;
/// the server's body limit is counted from it.
pub const UPLOAD_SLOTS: usize = 3;
/// The field the domain names for the whole list of an upload (`domain::photos::LIST_FIELD`:
/// no file sent, too many photos); the domain is not part of the browser's build.
pub const LIST_FIELD: &str = "photos";
/// The query parameter of a refused upload: `field:problem[:limit]`, comma-separated.
pub const REFUSAL_PARAMETER: &str = "refus";
/// The name of the upload form's kept values (`domain::form_echo`).
pub const UPLOAD_FORM: &str = "photo_upload";
/// The text fields of an upload slot, as named in the form (followed by `_<slot>`).
pub const ALT_FIELDS: [&str; 3] = ["alt_fr", "alt_nl", "alt_en"];
/// The width a thumbnail takes (style/main.css `.photo-item__thumb`), for `sizes`.
const THUMBNAIL_SIZES: &str = "16rem";
/// What the file inputs offer. Naming the types (rather than `image/*`) also makes iPhones turn
/// HEIC photos into JPEG before sending them.
const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp,image/gif";

/// The photos page of a business, without language prefix.
pub fn page_path(business_id: i32) -> String {
    format!("/tableau-de-bord/{business_id}/photos")
}

/// Where the upload form posts, without language prefix.
pub fn upload_path(business_id: i32) -> String {
    format!("{}/ajouter", page_path(business_id))
}

/// A field of an upload slot: `photo_0`, `alt_fr_2`… (the names the domain gives its problems).
pub fn slot_field(name: &str, slot: usize) -> String {
    format!("{name}_{slot}")
}

/// The refused fields of an upload, for [`REFUSAL_PARAMETER`]. Field names and problem keys are
/// our own (`[a-z0-9_]`), so `:` and `,` never occur in them.
pub fn encode_problems(problems: &[FieldProblem]) -> String {
    problems
        .iter()
        .map(|p| match p.limit {
            Some(limit) => format!("{}:{}:{limit}", p.field, p.problem),
            None => format!("{}:{}", p.field, p.problem),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The problems of [`REFUSAL_PARAMETER`]; what does not read as one is left out (the URL can be
/// edited by anyone, and shows nothing but our own messages).
pub fn decode_problems(text: &str) -> Vec<FieldProblem> {
    let ours = |s: &str| {
        !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    text.split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(':');
            let (field, problem) = (parts.next()?, parts.next()?);
            let limit = match parts.next() {
                Some(limit) => Some(limit.parse::<u32>().ok()?),
                None => None,
            };
            (ours(field) && ours(problem) && parts.next().is_none()).then(|| FieldProblem {
                field: field.to_string(),
                problem: problem.to_string(),
                limit,
            })
        })
        .collect()
}

/// The page's three actions: one of each for the whole list (one alert each at its top, and
/// field messages only on the photo the problem names).
#[derive(Clone, Copy)]
struct Actions {
    shift: ServerAction<MovePhoto>,
    delete: ServerAction<DeletePhoto>,
    alt: ServerAction<SavePhotoAlt>,
}

#[component]
pub fn PhotosPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let Some(id) = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())) else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let query = use_query_map();
    // Created here, inside the route, so that a refusal sent back without JavaScript
    // (`?__err=…`) reaches them.
    let actions = Actions { shift: ServerAction::new(), delete: ServerAction::new(), alt: ServerAction::new() };
    // With JavaScript a change does not reload the page: the list is read again after each
    // success (never after a refusal, which would throw away what was typed).
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(actions.shift.value().get(), Some(Ok(_))) {
            changes.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(actions.delete.value().get(), Some(Ok(_))) {
            changes.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(actions.alt.value().get(), Some(Ok(_))) {
            changes.update(|n| *n += 1);
        }
    });
    let photos = Resource::new(move || (query.with(|q| q.get("enregistre")), changes.get()), move |_| get_photos(id));
    let typed = typed_resource_or(Some(UPLOAD_FORM));
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match photos.await {
                    Ok(view) => view! { <PhotosEditor view actions typed/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), photos.title).to_string();
                        view! { <PrivateMeta title/><Problem error/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn PhotosEditor(view: PhotosView, actions: Actions, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    let id = view.business_id;
    let count = view.photos.len();
    let position_of = |photo: Option<i32>| view.photos.iter().position(|p| Some(p.id) == photo).map(|i| i + 1);
    let saved = query.with_untracked(|q| {
        let photo = q.get("photo").and_then(|p| p.parse::<i32>().ok());
        q.get("enregistre").map(|what| match (what.as_str(), position_of(photo)) {
            ("photos", _) => td_string!(loc, photos.added).to_string(),
            ("ordre", Some(position)) => td_string!(loc, photos.moved, position = position, count = count),
            ("supprimee", _) => td_string!(loc, photos.deleted).to_string(),
            ("description", _) => td_string!(loc, photos.alt_saved).to_string(),
            _ => td_string!(loc, dashboard.saved).to_string(),
        })
    });
    let order = view.photos.iter().map(|p| p.id.to_string()).collect::<Vec<_>>().join(",");
    let items = view
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            view! {
                <PhotoItem photo=photo.clone() position=i + 1 count business_id=id order=order.clone() actions typed=typed.clone()/>
            }
        })
        .collect_view();
    let free = (view.max_photos as usize).saturating_sub(count);
    let page = href(lang, &page_path(id));
    let photos_for_confirm = view.photos.clone();
    let confirm_page = page.clone();
    // Reactive: with JavaScript, the delete link only changes the query.
    let confirm = move || {
        let wanted = query.with(|q| q.get("supprimer").and_then(|p| p.parse::<i32>().ok()))?;
        let (index, photo) = photos_for_confirm.iter().enumerate().find(|(_, p)| p.id == wanted)?;
        Some(view! {
            <ConfirmDelete photo=photo.clone() position=index + 1 count business_id=id page=confirm_page.clone() action=actions.delete/>
        })
    };
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, photos.title), view.name)/>
        <section class="dashboard">
            <p><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{view.name.clone()}</a></p>
            <h1>{td_string!(loc, photos.title)}</h1>
            {saved.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p>{td_string!(loc, photos.intro)}</p>
            <p id="alt-help" class="help">{td_string!(loc, photos.alt_help)}</p>
            <p><a href=href(lang, &format!("/commerces/{}", view.slug))>{td_string!(loc, dashboard.view_public)}</a></p>

            <section class="card" aria-labelledby="photos-title">
                <h2 id="photos-title">{td_string!(loc, photos.list_title)}</h2>
                <p>{td_string!(loc, photos.count, count = count, max = view.max_photos)}</p>
                {confirm}
                <FormAlert value=actions.shift.value()/>
                <FormAlert value=actions.delete.value()/>
                <FormAlert value=actions.alt.value()/>
                {if count == 0 {
                    view! { <p>{td_string!(loc, photos.none)}</p> }.into_any()
                } else {
                    view! { <ol class="photo-list">{items}</ol> }.into_any()
                }}
            </section>

            <section class="card" aria-labelledby="upload-title">
                <h2 id="upload-title">{td_string!(loc, photos.upload_title)}</h2>
                {if free == 0 {
                    view! { <p>{td_string!(loc, photos.full, max = view.max_photos)}</p> }.into_any()
                } else {
                    view! { <UploadForm business_id=id slots=free.min(UPLOAD_SLOTS) max_megabytes=view.max_megabytes typed=typed.clone()/> }
                        .into_any()
                }}
            </section>
        </section>
    }
}

/// The text of a field's problem, if it has one.
fn message_of(loc: Locale, problems: &[FieldProblem], field: &str) -> Option<String> {
    problems.iter().find(|p| p.field == field).map(|p| problem_text(loc, p))
}

/// One photo: its thumbnail, its descriptions (a form), and its move and delete controls.
#[component]
fn PhotoItem(
    photo: PhotoRow,
    position: usize,
    count: usize,
    business_id: i32,
    order: String,
    actions: Actions,
    typed: Typed,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let problems = problems_of(actions.alt.value());
    let photo_id = photo.id;
    let page = href(lang, &page_path(business_id));
    // After a refusal without JavaScript, this photo's fields show what was typed.
    let form = SavePhotoAlt::PATH;
    let refused_here = typed.value(form, "photo_id") == Some(photo_id.to_string());
    let alt_value = move |name: &str, saved: &str| {
        if refused_here {
            typed.or(form, name, String::new())
        } else {
            saved.to_string()
        }
    };
    let alt_input = move |name: &'static str, label: &'static str, value: String, lang_attr: &'static str| {
        let field = alt_field(name, photo_id);
        let error_id = format!("{field}-error");
        let describedby = format!("alt-help {error_id}");
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
                id=field
                name=name
                type="text"
                lang=lang_attr
                maxlength=common::dashboard::ALT_MAX
                required=name == "alt_fr"
                value=value
                aria-invalid=invalid
                aria-describedby=describedby
            />
            {message}
        }
    };
    let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
    let sizes = photo.srcset.is_some().then_some(THUMBNAIL_SIZES);
    let shift_form = move |direction: &'static str, text: &'static str, label: String| {
        let order = order.clone();
        view! {
            <ActionForm action=actions.shift attr:class="inline">
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=business_id.to_string()/>
                <input type="hidden" name="photo_id" value=photo_id.to_string()/>
                <input type="hidden" name="order" value=order/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" aria-label=label>{text}</button>
            </ActionForm>
        }
    };
    let up = (position > 1).then(|| {
        shift_form("up", td_string!(loc, photos.move_up), td_string!(loc, photos.move_up_named, position = position))
    });
    let down = (position < count).then(|| {
        shift_form(
            "down",
            td_string!(loc, photos.move_down),
            td_string!(loc, photos.move_down_named, position = position),
        )
    });
    let heading_id = format!("photo-{photo_id}-title");
    view! {
        <li id=format!("photo-{photo_id}") class="photo-item">
            <img
                class="photo-item__thumb"
                src=photo.url.clone()
                srcset=photo.srcset.clone()
                sizes=sizes
                alt=photo.alt_in(lang).to_string()
                width=width
                height=height
                loading="lazy"
            />
            <div class="photo-item__body">
                <h3 id=heading_id>{td_string!(loc, photos.position, position = position, count = count)}</h3>
                <ActionForm action=actions.alt attr:class="stack">
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=business_id.to_string()/>
                    <input type="hidden" name="photo_id" value=photo_id.to_string()/>
                    <fieldset>
                        <legend>{td_string!(loc, photos.alt_legend)}</legend>
                        {alt_input("alt_fr", td_string!(loc, photos.alt_fr), alt_value("alt_fr", &photo.alt_fr), "fr")}
                        {alt_input("alt_nl", td_string!(loc, photos.alt_nl), alt_value("alt_nl", &photo.alt_nl), "nl")}
                        {alt_input("alt_en", td_string!(loc, photos.alt_en), alt_value("alt_en", &photo.alt_en), "en")}
                    </fieldset>
                    <button type="submit" aria-label=td_string!(loc, photos.save_alt_named, position = position)>
                        {td_string!(loc, photos.save_alt)}
                    </button>
                </ActionForm>
                <div class="button-row">
                    {up}
                    {down}
                    <a
                        class="button button--secondary"
                        href=format!("{page}?supprimer={photo_id}#confirmer")
                        aria-label=td_string!(loc, photos.delete_named, position = position)
                    >
                        {td_string!(loc, photos.delete)}
                    </a>
                </div>
            </div>
        </li>
    }
}

/// The confirmation step of a deletion: the photo, what deleting means, and the two choices.
#[component]
fn ConfirmDelete(
    photo: PhotoRow,
    position: usize,
    count: usize,
    business_id: i32,
    page: String,
    action: ServerAction<DeletePhoto>,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let (width, height) = photo.width.zip(photo.height).unwrap_or((640, 400));
    let sizes = photo.srcset.is_some().then_some(THUMBNAIL_SIZES);
    view! {
        <section id="confirmer" class="confirm" aria-labelledby="confirm-title">
            <h3 id="confirm-title" tabindex="-1">{td_string!(loc, photos.confirm_title)}</h3>
            <img
                class="photo-item__thumb"
                src=photo.url.clone()
                srcset=photo.srcset.clone()
                sizes=sizes
                alt=photo.alt_in(lang).to_string()
                width=width
                height=height
            />
            <p>{td_string!(loc, photos.position, position = position, count = count)}</p>
            <p>{td_string!(loc, photos.confirm_text)}</p>
            <div class="button-row">
                <ActionForm action=action attr:class="inline">
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=business_id.to_string()/>
                    <input type="hidden" name="photo_id" value=photo.id.to_string()/>
                    <button type="submit">{td_string!(loc, photos.confirm_delete)}</button>
                </ActionForm>
                <a class="button button--secondary" href=format!("{page}#photo-{}", photo.id)>
                    {td_string!(loc, photos.cancel)}
                </a>
            </div>
        </section>
    }
}

/// The upload form: `slots` photos, each with its descriptions. A refused upload comes back with
/// its problems in the query and the descriptions as typed, kept for the session (see the
/// module doc).
#[component]
fn UploadForm(business_id: i32, slots: usize, max_megabytes: u32, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let query = use_query_map();
    let (problems, typed) = query.with_untracked(|q| {
        let problems = q.get(REFUSAL_PARAMETER).map(|text| decode_problems(&text)).unwrap_or_default();
        let typed: Vec<[String; 3]> = (0..slots)
            .map(|slot| ALT_FIELDS.map(|name| typed.value(UPLOAD_FORM, &slot_field(name, slot)).unwrap_or_default()))
            .collect();
        (problems, typed)
    });
    let refused = !problems.is_empty();
    let list_problem = message_of(loc, &problems, LIST_FIELD);
    let slot_views = typed
        .into_iter()
        .enumerate()
        .map(|(slot, typed)| {
            let problems = problems.clone();
            let field = move |name: &str| slot_field(name, slot);
            let described = |name: &str| {
                let field = field(name);
                let error_id = format!("{field}-error");
                let message = message_of(loc, &problems, &field)
                    .map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> });
                let invalid = message.is_some().then_some("true");
                (field, error_id, message, invalid)
            };
            let (photo, photo_error, photo_message, photo_invalid) = described("photo");
            let [fr, nl, en] = typed;
            let alt = |name: &'static str, label: &'static str, value: String, lang_attr: &'static str| {
                let (field, error_id, message, invalid) = described(name);
                view! {
                    <label for=field.clone()>{label}</label>
                    <input
                        id=field.clone()
                        name=field
                        type="text"
                        lang=lang_attr
                        maxlength=common::dashboard::ALT_MAX
                        required=slot == 0 && name == "alt_fr"
                        value=value
                        aria-invalid=invalid
                        aria-describedby=format!("alt-help {error_id}")
                    />
                    {message}
                }
            };
            view! {
                <fieldset>
                    <legend>{td_string!(loc, photos.slot, number = slot + 1)}</legend>
                    <label for=photo.clone()>{td_string!(loc, photos.file)}</label>
                    <input
                        id=photo.clone()
                        name=photo
                        type="file"
                        accept=ACCEPTED_TYPES
                        required=slot == 0
                        aria-invalid=photo_invalid
                        aria-describedby=format!("upload-help {photo_error}")
                    />
                    {photo_message}
                    {alt("alt_fr", td_string!(loc, photos.alt_fr), fr, "fr")}
                    {alt("alt_nl", td_string!(loc, photos.alt_nl), nl, "nl")}
                    {alt("alt_en", td_string!(loc, photos.alt_en), en, "en")}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p id="upload-help" class="help">
            {td_string!(loc, photos.upload_help, megabytes = max_megabytes, slots = UPLOAD_SLOTS)}
        </p>
        <form
            class="stack"
            method="post"
            enctype="multipart/form-data"
            action=href(lang, &upload_path(business_id))
        >
            {refused.then(|| view! {
                <div class="problem" role="alert">
                    <p>{td_string!(loc, dashboard.problems)}</p>
                    <p>{td_string!(loc, photos.choose_again)}</p>
                </div>
            })}
            {list_problem.map(|text| view! { <p class="field-error">{text}</p> })}
            {slot_views}
            <button type="submit">{td_string!(loc, photos.upload_button)}</button>
        </form>
    }
}
