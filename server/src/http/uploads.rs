//! `POST /tableau-de-bord/{id}/photos/ajouter` (and its `/nl`, `/en` twins): the photos page's
//! upload form, a plain `multipart/form-data` form that works without JavaScript, read by the
//! site's form reader ([`super::multipart`]) as [`FORM`] declares it. In this order and before
//! any file byte is kept:
//! 1. the session: nobody logged in is sent to the login page (303), the body left unread;
//! 2. the `Content-Type` must be `multipart/form-data` with a boundary, else 415;
//! 3. [`domain::authz`] decides who may edit the listing (403, 404), the body still unread;
//! 4. the body, already cut at [`BODY_LIMIT`] by the edge (413 up front when `Content-Length`
//!    says more), is read field by field: each file kept up to one byte over
//!    [`MAX_UPLOAD_BYTES`] and the rest drained (the domain then names it `photo_too_large`
//!    next to its field), each description within its length (else refused next to its field
//!    with the text as typed, before the domain sees anything); a body cut at the limit is 413,
//!    one that is not multipart or ends early 400, more files than the form's slots 413.
//!
//! Then `domain::photos::add_photos` checks everything from the bytes (all or nothing), writes
//! the rows and the business's history in one transaction, and the answer is a 303 back to the
//! photos page: `?enregistre=photos`, or the problems by field with the descriptions as typed
//! (`app::pages::photos` reads them). The CSRF guard already refused cross-site posts, as for
//! every POST.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use app::components::form::ECHO_PARAMETER;
use app::pages::photos::{
    encode_problems, page_path, slot_field, ALT_FIELDS, REFUSAL_PARAMETER, UPLOAD_FORM, UPLOAD_SLOTS,
};
use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::response::Response;
use axum::routing::{post, MethodRouter};
use common::dashboard::ALT_MAX;
use common::error::FieldProblem;
use common::{AppError, Lang};
use domain::authz::Need;
use domain::photos::{AltTexts, NewPhoto, PhotoError, MAX_UPLOAD_BYTES};
use http::StatusCode;

use super::multipart::{FieldKind, FormRoute, ReadForm};

/// The route, French; `/nl` and `/en` are registered too (the language of the answer).
pub const ROUTE: &str = "/tableau-de-bord/{id}/photos/ajouter";

/// The largest upload body: every slot's file at its limit, and a megabyte for the
/// descriptions and the multipart framing.
pub const BODY_LIMIT: u64 = (UPLOAD_SLOTS * MAX_UPLOAD_BYTES + 1024 * 1024) as u64;

/// How long an upload may take: the largest body at about 1 Mbit/s (30 MB is four minutes from
/// a phone on a weak mobile connection), and the processing of its photos. Only a logged-in
/// editor of the business gets to send it: anyone else is answered before the body is read.
pub const TIME_LIMIT: Duration = Duration::from_secs(5 * 60);

/// The form's declaration: the edge's limits for its route, and its fields for the reader.
pub const FORM: FormRoute = FormRoute {
    route: ROUTE,
    body_limit: BODY_LIMIT,
    time_limit: TIME_LIMIT,
    fields: field_kind,
    max_files: UPLOAD_SLOTS,
    max_file_bytes: MAX_UPLOAD_BYTES,
};

/// What the handler needs: the app's state and where photos are written.
#[derive(Clone, Debug)]
pub struct Uploads {
    pub state: AppState,
    pub media_dir: PathBuf,
}

/// The business id of an upload path, in any language.
fn business_of(path: &str) -> Option<i32> {
    FORM.ids(path)?.first().copied()
}

/// One slot of the form as received.
#[derive(Default)]
struct Slot {
    file: Vec<u8>,
    alt: [String; 3],
}

impl Slot {
    /// A slot the merchant left alone: no file chosen, no description typed.
    fn is_blank(&self) -> bool {
        self.file.is_empty() && self.alt.iter().all(|text| text.trim().is_empty())
    }
}

/// The route's handler (POST only).
pub fn handler(uploads: &Arc<Uploads>) -> MethodRouter<AppState> {
    let uploads = uploads.clone();
    post(move |request: Request| add_photos(uploads.clone(), request))
}

pub async fn add_photos(uploads: Arc<Uploads>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let lang = Lang::split_path(&path).0;
    let Some(business_id) = business_of(&path) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let actor = request.extensions().get::<CurrentSession>().and_then(|session| session.actor.clone());
    if actor.is_none() {
        return super::redirect(StatusCode::SEE_OTHER, &lang.localize("/connexion"));
    }
    let session_token = request.extensions().get::<CurrentSession>().and_then(|session| session.token.clone());
    let boundary = match super::multipart::boundary(request.headers()) {
        Ok(boundary) => boundary,
        Err(error) => return error.response(&path, &FORM),
    };
    let state = &uploads.state;
    if let Err(error) = domain::authz::authorize(&state.db, actor.as_ref(), business_id, Need::EditListing).await {
        return super::edge::refuse(&path, error.into());
    }

    let form = match super::multipart::read(request.into_body(), boundary, &FORM).await {
        Ok(form) => form,
        Err(error) => return error.response(&path, &FORM),
    };
    let too_long = form.too_long();
    let mut slots = slots_of(form);
    let page = lang.localize(&page_path(business_id));
    let now = state.clock.now();
    let problems = if too_long.is_empty() {
        // Blank slots are left out; the domain names problems by position in what it is given,
        // so each position remembers its slot. The files move to the domain; the texts stay for
        // the answer.
        let mut used = Vec::new();
        let mut photos = Vec::new();
        for (index, slot) in slots.iter_mut().enumerate().filter(|(_, slot)| !slot.is_blank()) {
            used.push(index);
            let [fr, nl, en] = slot.alt.clone();
            photos.push(NewPhoto { bytes: std::mem::take(&mut slot.file), alt: AltTexts { fr, nl, en } });
        }
        // The domain authorises again and writes the history in the rows' transaction.
        let outcome =
            domain::photos::add_photos(&state.db, &uploads.media_dir, actor.as_ref(), business_id, photos, now).await;
        match outcome {
            Ok(ids) => {
                tracing::info!(business_id, photos = ids.len(), "photos added");
                return super::redirect(StatusCode::SEE_OTHER, &format!("{page}?enregistre=photos"));
            }
            Err(PhotoError::Invalid(problems)) => problems.into_iter().map(|p| in_slot_terms(p, &used)).collect(),
            Err(error) => return super::edge::refuse(&path, error.into()),
        }
    } else {
        // A description over its length, already named by its slot: nothing reaches the domain.
        too_long
    };
    // The descriptions typed are kept for this session, never put in the address (a link anyone
    // can make would fill the form): `domain::form_echo`.
    let typed = typed_texts(&slots);
    let echo = if typed.is_empty() {
        None
    } else {
        domain::form_echo::keep(&state.db, session_token.as_deref(), UPLOAD_FORM, &typed, now).await.unwrap_or_else(
            |error| {
                tracing::error!(%error, "a refused upload's descriptions could not be kept");
                None
            },
        )
    };
    super::redirect(StatusCode::SEE_OTHER, &refusal_location(&page, &problems, echo.as_deref()))
}

/// What the form's fields are: each slot's file, and its descriptions up to their length.
fn field_kind(name: &str) -> Option<FieldKind> {
    match target(name)? {
        (_, Target::File) => Some(FieldKind::File),
        (_, Target::Alt(_)) => Some(FieldKind::Text { max_chars: ALT_MAX }),
    }
}

/// The form as received, in its [`UPLOAD_SLOTS`] slots.
fn slots_of(form: ReadForm) -> Vec<Slot> {
    let mut slots: Vec<Slot> = (0..UPLOAD_SLOTS).map(|_| Slot::default()).collect();
    for file in form.files {
        if let Some((slot, Target::File)) = target(&file.name) {
            slots[slot].file = file.bytes;
        }
    }
    for text in form.texts {
        if let Some((slot, Target::Alt(i))) = target(&text.name) {
            slots[slot].alt[i] = text.value;
        }
    }
    slots
}

enum Target {
    File,
    /// Index in [`ALT_FIELDS`].
    Alt(usize),
}

/// The slot and kind of a field name (`photo_1`, `alt_nl_2`), if it is one of the form's.
fn target(name: &str) -> Option<(usize, Target)> {
    let (base, slot) = name.rsplit_once('_')?;
    let slot: usize = slot.parse().ok().filter(|&slot| slot < UPLOAD_SLOTS)?;
    if slot_field(base, slot) != name {
        return None;
    }
    if base == "photo" {
        return Some((slot, Target::File));
    }
    ALT_FIELDS.iter().position(|alt| *alt == base).map(|i| (slot, Target::Alt(i)))
}

/// A problem named by position in the domain's list (`photo_0` for the first photo given) named
/// by the slot of the form it came from (`photo_2` if the first two slots were blank).
fn in_slot_terms(mut problem: FieldProblem, used: &[usize]) -> FieldProblem {
    let renamed = problem.field.rsplit_once('_').and_then(|(base, index)| {
        let slot = used.get(index.parse::<usize>().ok()?)?;
        Some(slot_field(base, *slot))
    });
    if let Some(field) = renamed {
        problem.field = field;
    }
    problem
}

/// The photos page with the problems, and the id of the descriptions typed, kept for the session.
fn refusal_location(page: &str, problems: &[FieldProblem], echo: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(REFUSAL_PARAMETER, &encode_problems(problems));
    if let Some(echo) = echo {
        query.append_pair(ECHO_PARAMETER, echo);
    }
    format!("{page}?{}", query.finish())
}

/// The descriptions typed in the slots, by field name (`alt_fr_0`…), blank ones left out.
fn typed_texts(slots: &[Slot]) -> Vec<(String, String)> {
    let mut typed = Vec::new();
    for (index, slot) in slots.iter().enumerate() {
        for (name, text) in ALT_FIELDS.iter().zip(slot.alt.iter()) {
            if !text.trim().is_empty() {
                typed.push((slot_field(name, index), text.clone()));
            }
        }
    }
    typed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_route_has_the_upload_limit() {
        assert_eq!(business_of("/tableau-de-bord/12/photos/ajouter"), Some(12));
        assert_eq!(business_of("/nl/tableau-de-bord/3/photos/ajouter"), Some(3));
        assert_eq!(business_of("/en/tableau-de-bord/3/photos/ajouter"), Some(3));
        for other in [
            "/tableau-de-bord/12/photos",
            "/tableau-de-bord//photos/ajouter",
            "/tableau-de-bord/+1/photos/ajouter",
            "/tableau-de-bord/01/photos/ajouter",
            "/tableau-de-bord/99999999999/photos/ajouter",
            "/api/tableau-de-bord/1/photos/ajouter",
        ] {
            assert!(!FORM.matches(other), "{other}");
        }
    }

    #[test]
    fn fields_are_those_of_the_form_slots() {
        assert!(matches!(target("photo_0"), Some((0, Target::File))));
        assert!(matches!(target("alt_nl_2"), Some((2, Target::Alt(1)))));
        assert!(target("photo_3").is_none());
        assert!(target("photo_01").is_none());
        assert!(target("alt_de_0").is_none());
        assert!(target("photo").is_none());
    }

    #[test]
    fn problems_are_named_by_the_slot_they_came_from() {
        let used = [1, 2];
        let renamed = in_slot_terms(FieldProblem::new("alt_fr_0", "alt_required"), &used);
        assert_eq!(renamed.field, "alt_fr_1");
        assert_eq!(in_slot_terms(FieldProblem::new("photo_1", "photo_svg_refused"), &used).field, "photo_2");
        assert_eq!(in_slot_terms(FieldProblem::new("photos", "photos_too_many"), &used).field, "photos");
    }

    #[test]
    fn a_refusal_sends_only_the_id_of_what_was_typed() {
        let slots = vec![
            Slot { file: vec![1], alt: ["Vitrine\u{0} été".into(), String::new(), "Shop".into()] },
            Slot::default(),
        ];
        let problems = [FieldProblem::with_limit("photo_0", "photo_too_large", 10)];
        let location = refusal_location("/tableau-de-bord/1/photos", &problems, Some("abc"));
        assert_eq!(location, "/tableau-de-bord/1/photos?refus=photo_0%3Aphoto_too_large%3A10&formulaire=abc");
        let typed = typed_texts(&slots);
        assert_eq!(typed, vec![("alt_fr_0".into(), "Vitrine\u{0} été".into()), ("alt_en_0".into(), "Shop".into())]);
        assert_eq!(location_of(&[]), "/p?refus=photos%3Aphoto_required");
    }

    fn location_of(_slots: &[Slot]) -> String {
        refusal_location("/p", &[FieldProblem::new("photos", "photo_required")], None)
    }
}
