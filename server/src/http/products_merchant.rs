//! The merchant's product spreadsheets (issue 13), in any language prefix:
//! - `GET /tableau-de-bord/{id}/produits/export.csv`: a file download, not a page: the domain
//!   checks who asks (`domain::catalogue::export`), and the answer is never cached;
//! - `POST /tableau-de-bord/{id}/produits/importer/envoi`: the import's upload form, a plain
//!   `multipart/form-data` form read by the site's form reader ([`super::multipart`]) as
//!   [`IMPORT_FORM`] declares it. As for photos, in this order: nobody logged in is sent to the
//!   login page (303) and someone who may not edit the listing is refused (403, 404), both before
//!   the body is read; then the file is read (a body over [`IMPORT_BODY_LIMIT`] is 413) and kept
//!   server-side if it reads as a spreadsheet (`domain::catalogue::import_files`), and the answer
//!   is a 303 to its preview; a file that does not read (too large, binary, unknown encoding,
//!   empty, too many rows) or no file at all is a 303 back to the upload page with its reason
//!   (`?refus=`);
//! - `POST /tableau-de-bord/{id}/produits/{product}/photos`: a product's photo upload form (one
//!   file and its descriptions, [`PHOTO_FORM`]), in the same order; the photo goes through
//!   `domain::catalogue::photos::add` and the answer is a 303 back to the product's page, saying it
//!   was added, or with each problem and the descriptions as typed (kept for the session,
//!   `domain::form_echo`).
//!
//! The CSRF guard already refused cross-site posts, as for every POST.

use std::time::Duration;

use app::pages::product_import::{
    upload_path, FILE_FIELD, LIMIT_PARAMETER, MISSING_FIELD, REFUSAL_PARAMETER,
};
use app::state::{AppState, CurrentSession};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use common::{AppError, Lang};
use domain::authz::Need;
use domain::catalogue::import::FileProblem;
use domain::catalogue::sheet::{SheetProblem, MAX_BYTES};
use http::header::{self, HeaderValue};
use http::StatusCode;

use super::multipart::{FieldKind, FormRoute};

/// The export's route, without language prefix.
pub const EXPORT_ROUTE: &str = "/tableau-de-bord/{id}/produits/export.csv";

/// The business id of an export path, in any language.
fn business_of(path: &str) -> Option<i32> {
    match super::multipart::route_ids(EXPORT_ROUTE, path)?[..] {
        [business] => Some(business),
        _ => None,
    }
}

pub async fn export(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let Some(business_id) = business_of(&path) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let actor = request.extensions().get::<CurrentSession>().and_then(|session| session.actor.clone());
    let csv = match domain::catalogue::export::products_csv(&state.db, actor.as_ref(), business_id).await {
        Ok(csv) => csv,
        Err(error) => return super::edge::refuse(&path, error.into()),
    };
    let mut response = (StatusCode::OK, csv).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"produits-{business_id}.csv\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// The import's upload route, without language prefix (`upload_post_path` of the page, with the
/// id as a route segment).
pub const IMPORT_ROUTE: &str = "/tableau-de-bord/{id}/produits/importer/envoi";

/// The largest upload body: a file a megabyte over the limit still arrives whole, so that its
/// answer is the upload page saying why, rather than the edge's 413.
pub const IMPORT_BODY_LIMIT: u64 = (MAX_BYTES + 1024 * 1024) as u64;

/// The upload form's declaration: the edge's limits for its route, and its fields. The time
/// limit is that of a photo upload (5 MB over a weak mobile connection).
pub const IMPORT_FORM: FormRoute = FormRoute {
    route: IMPORT_ROUTE,
    body_limit: IMPORT_BODY_LIMIT,
    time_limit: Duration::from_secs(5 * 60),
    fields: import_field,
    max_files: 1,
    max_file_bytes: MAX_BYTES,
};

fn import_field(name: &str) -> Option<FieldKind> {
    match name {
        FILE_FIELD => Some(FieldKind::File),
        MISSING_FIELD => Some(FieldKind::Text { max_chars: 8 }),
        _ => None,
    }
}

/// The upload page with a refused file's reason.
fn refused(lang: Lang, business_id: i32, key: &str, limit: Option<usize>) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(REFUSAL_PARAMETER, key);
    if let Some(limit) = limit {
        query.append_pair(LIMIT_PARAMETER, &limit.to_string());
    }
    let page = lang.localize(&upload_path(business_id));
    super::redirect(StatusCode::SEE_OTHER, &format!("{page}?{}", query.finish()))
}

pub async fn import_upload(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let lang = Lang::split_path(&path).0;
    let Some(business_id) = IMPORT_FORM.ids(&path).and_then(|ids| ids.first().copied()) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let actor = request.extensions().get::<CurrentSession>().and_then(|session| session.actor.clone());
    if actor.is_none() {
        return super::redirect(StatusCode::SEE_OTHER, &lang.localize("/connexion"));
    }
    let boundary = match super::multipart::boundary(request.headers()) {
        Ok(boundary) => boundary,
        Err(error) => return error.response(&path, &IMPORT_FORM),
    };
    if let Err(error) = domain::authz::authorize(&state.db, actor.as_ref(), business_id, Need::EditListing).await {
        return super::edge::refuse(&path, error.into());
    }
    let form = match super::multipart::read(request.into_body(), boundary, &IMPORT_FORM).await {
        Ok(form) => form,
        Err(error) => return error.response(&path, &IMPORT_FORM),
    };
    let missing_out_of_stock = form.text(MISSING_FIELD).is_some_and(|v| !v.trim().is_empty());
    let Some(file) = form.files.into_iter().find(|f| f.name == FILE_FIELD && !(f.bytes.is_empty() && f.file_name.is_empty())) else {
        return refused(lang, business_id, "no_file", None);
    };
    if file.too_large {
        return refused(lang, business_id, SheetProblem::TooLarge { max_bytes: MAX_BYTES }.key(), None);
    }
    let now = state.clock.now();
    let kept = domain::catalogue::import_files::keep(
        &state.db,
        actor.as_ref(),
        business_id,
        &file.file_name,
        file.bytes,
        missing_out_of_stock,
        now,
    )
    .await;
    match kept {
        Ok(Ok(id)) => {
            tracing::info!(business_id, "product spreadsheet kept for its preview");
            let preview = lang.localize(&format!("{}/{id}", upload_path(business_id)));
            super::redirect(StatusCode::SEE_OTHER, &preview)
        }
        Ok(Err(FileProblem::Sheet(problem))) => {
            let limit = match problem {
                SheetProblem::TooManyRows { max } => Some(max),
                _ => None,
            };
            refused(lang, business_id, problem.key(), limit)
        }
        Ok(Err(problem)) => refused(lang, business_id, problem.key(), None),
        Err(error) => super::edge::refuse(&path, error.into()),
    }
}

/// A product's photo upload route, without language prefix.
pub const PHOTO_ROUTE: &str = "/tableau-de-bord/{id}/produits/{product}/photos";

/// A product's photo upload: one file at its limit, and a megabyte for the descriptions.
pub const PHOTO_FORM: FormRoute = FormRoute {
    route: PHOTO_ROUTE,
    body_limit: (domain::photos::MAX_UPLOAD_BYTES + 1024 * 1024) as u64,
    time_limit: Duration::from_secs(5 * 60),
    fields: photo_field,
    max_files: 1,
    max_file_bytes: domain::photos::MAX_UPLOAD_BYTES,
};

fn photo_field(name: &str) -> Option<FieldKind> {
    match name {
        "photo" => Some(FieldKind::File),
        "alt_fr" | "alt_nl" | "alt_en" => Some(FieldKind::Text { max_chars: common::dashboard::ALT_MAX }),
        _ => None,
    }
}

pub async fn add_photo(uploads: std::sync::Arc<super::uploads::Uploads>, request: Request) -> Response {
    use app::pages::product_photos::{REFUSAL_PARAMETER as PHOTO_REFUSAL, UPLOAD_FORM};
    let path = request.uri().path().to_string();
    let lang = Lang::split_path(&path).0;
    let Some([business_id, product_id]) = PHOTO_FORM.ids(&path).and_then(|ids| <[i32; 2]>::try_from(ids).ok()) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let session = request.extensions().get::<CurrentSession>().cloned().unwrap_or_default();
    if session.actor.is_none() {
        return super::redirect(StatusCode::SEE_OTHER, &lang.localize("/connexion"));
    }
    let boundary = match super::multipart::boundary(request.headers()) {
        Ok(boundary) => boundary,
        Err(error) => return error.response(&path, &PHOTO_FORM),
    };
    let state = &uploads.state;
    // Who may, and whether the product is the business's, before the body is read.
    if let Err(error) =
        domain::catalogue::manage::find_for_merchant(&state.db, session.actor.as_ref(), business_id, product_id).await
    {
        return super::edge::refuse(&path, error.into());
    }
    let form = match super::multipart::read(request.into_body(), boundary, &PHOTO_FORM).await {
        Ok(form) => form,
        Err(error) => return error.response(&path, &PHOTO_FORM),
    };
    let text = |name: &str| form.text(name).unwrap_or_default().to_string();
    let alt = domain::photos::AltTexts { fr: text("alt_fr"), nl: text("alt_nl"), en: text("alt_en") };
    let too_long = form.too_long();
    let file = form.files.into_iter().find(|f| f.name == "photo");
    let now = state.clock.now();
    let editor = lang.localize(&app::pages::products_merchant::editor_path(business_id, Some(product_id)));
    let problems = if !too_long.is_empty() {
        too_long
    } else if file.as_ref().is_some_and(|f| f.too_large) {
        vec![domain::photos::PhotoProblem::TooLarge { max_bytes: domain::photos::MAX_UPLOAD_BYTES }.on_field("photo")]
    } else {
        let bytes = file.map(|f| f.bytes).unwrap_or_default();
        match domain::catalogue::photos::add(
            &state.db,
            &uploads.media_dir,
            session.actor.as_ref(),
            business_id,
            product_id,
            bytes,
            alt.clone(),
            now,
        )
        .await
        {
            Ok(_) => return super::redirect(StatusCode::SEE_OTHER, &format!("{editor}?photo=ajoutee#photos")),
            Err(domain::photos::PhotoError::Invalid(problems)) => problems,
            Err(error) => return super::edge::refuse(&path, error.into()),
        }
    };
    let typed: Vec<(String, String)> = [("alt_fr", &alt.fr), ("alt_nl", &alt.nl), ("alt_en", &alt.en)]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(name, text)| (name.to_string(), text.clone()))
        .collect();
    let echo = if typed.is_empty() {
        None
    } else {
        domain::form_echo::keep(&state.db, session.token.as_deref(), UPLOAD_FORM, &typed, now).await.unwrap_or_else(|error| {
            tracing::error!(%error, "a refused product photo's descriptions could not be kept");
            None
        })
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(PHOTO_REFUSAL, &app::pages::photos::encode_problems(&problems));
    if let Some(echo) = echo {
        query.append_pair(app::components::form::ECHO_PARAMETER, &echo);
        query.append_pair("__path", UPLOAD_FORM);
    }
    super::redirect(StatusCode::SEE_OTHER, &format!("{editor}?{}#photos", query.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::pages::product_import::{IMPORT_SEGMENT, UPLOAD_SEGMENT};

    #[test]
    fn the_upload_route_is_the_page_s_form_action() {
        let page = app::pages::product_import::upload_post_path(12);
        assert_eq!(page, "/tableau-de-bord/12/produits/importer/envoi");
        assert!(page.ends_with(&format!("/{IMPORT_SEGMENT}/{UPLOAD_SEGMENT}")));
        assert_eq!(IMPORT_FORM.ids(&page), Some(vec![12]));
        assert_eq!(IMPORT_FORM.ids("/nl/tableau-de-bord/3/produits/importer/envoi"), Some(vec![3]));
        assert!(!IMPORT_FORM.matches("/tableau-de-bord/3/produits/importer"));
    }
}
