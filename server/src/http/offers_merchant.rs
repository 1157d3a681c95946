//! The merchant's offers (issue 8), the two routes that are not pages:
//!
//! - `POST /tableau-de-bord/{id}/offres/envoyer` (and its `/nl`, `/en` twins): the compose and
//!   edit form, a plain `multipart/form-data` form (it carries a photo) that works without
//!   JavaScript. A plain axum handler rather than a server function, for the reasons and in the
//!   order of the photos page's upload (`super::uploads`): session (303 to the login page),
//!   `Content-Type` (415), `domain::authz` (403, 404) before any byte of the body is read, then
//!   the body read by the site's form reader ([`super::multipart`]) as [`FORM`] declares it:
//!   within [`BODY_LIMIT`] (413), each text within its length (a 5 MB title is refused next to
//!   its field, never held whole, and nothing reaches the domain). The domain then checks everything
//!   (`domain::offers::manage::create` / `update`) and the answer is a 303: to the public offer
//!   page for a preview, to the list once published or saved; a refusal goes back to the form
//!   with the problems and the id of what was typed, kept for the session (`domain::form_echo`), an
//!   outdated version with `?conflit=1`. A client that does not ask for HTML (a script, a test)
//!   gets the honest status instead: 422 with the problems, 409, as JSON.
//! - `GET /tableau-de-bord/{id}/offres/{offer}/affiche.svg` (and `/nl`, `/en`): the offer's A4
//!   poster for the shop window, made here as SVG ([`poster`]), private (`no-store`) and only
//!   for the business's people. Its QR code holds the offer's shared link
//!   (`common::stats::share_path`), so that a scan counts as a share-link visit.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use app::components::form::ECHO_PARAMETER;
use app::pages::offers_merchant::{
    editor_path, encode_typed, list_path, public_path, set_field, CONFLICT_PARAMETER, ECHO_FORM, TYPED_PARAMETER,
};
use app::pages::photos::{encode_problems, REFUSAL_PARAMETER};
use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use common::error::FieldProblem;
use common::offers::OfferForm;
use common::{AppError, Lang};
use domain::authz::Need;
use domain::offers::manage::PhotoChange;
use domain::photos::MAX_UPLOAD_BYTES;
use domain::DomainError;
use http::header::{self, HeaderValue};
use http::StatusCode;

use super::multipart::{FieldKind, FormRoute, ReadForm};

/// The form's route, French; `/nl` and `/en` are registered too (the language of the answer).
pub const SAVE_ROUTE: &str = "/tableau-de-bord/{id}/offres/envoyer";
/// The poster's route.
pub const POSTER_ROUTE: &str = "/tableau-de-bord/{id}/offres/{offer}/affiche.svg";

/// The most of a refused form's text kept for the form to show it back, in bytes: a text that
/// long is refused for its length anyway (the longest allowed is 2,000 characters).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// The largest form: one photo at its limit, and a megabyte for the texts and the framing.
pub const BODY_LIMIT: u64 = (MAX_UPLOAD_BYTES + 1024 * 1024) as u64;

/// How long the form may take: its photo on a weak mobile connection (11 MB at 1 Mbit/s is a
/// minute and a half), and its processing.
pub const TIME_LIMIT: Duration = Duration::from_secs(3 * 60);

/// The form's declaration: the edge's limits for its route, and its fields for the reader.
pub const FORM: FormRoute = FormRoute {
    route: SAVE_ROUTE,
    body_limit: BODY_LIMIT,
    time_limit: TIME_LIMIT,
    fields: field_kind,
    max_files: 1,
    max_file_bytes: MAX_UPLOAD_BYTES,
};

/// The form's fields: the offer's texts with the lengths the domain accepts
/// (`domain::offers::check_form`), the photo, and the form's own fields (short: the domain or
/// the handler reads anything else in them as no value).
fn field_kind(name: &str) -> Option<FieldKind> {
    use common::offers::{BODY_MAX, CONDITIONS_MAX, PROMO_CODE_MAX, TITLE_MAX};
    /// The form's own fields (ids, version, action) and the kind and dates.
    const SHORT: usize = 64;
    let max_chars = match name {
        "photo" => return Some(FieldKind::File),
        "title_fr" | "title_nl" | "title_en" => TITLE_MAX,
        "body_fr" | "body_nl" | "body_en" => BODY_MAX,
        "conditions_fr" | "conditions_nl" | "conditions_en" => CONDITIONS_MAX,
        "photo_alt_fr" | "photo_alt_nl" | "photo_alt_en" => domain::photos::MAX_ALT_CHARS,
        "promo_code" => PROMO_CODE_MAX,
        "kind" | "starts_on" | "ends_on" | "offer_id" | "version" | "action" | "remove_photo" => SHORT,
        _ => return None,
    };
    Some(FieldKind::Text { max_chars })
}

/// What the handlers need: the app's state and where photos are written.
#[derive(Clone, Debug)]
pub struct OffersRoutes {
    pub state: AppState,
    pub media_dir: PathBuf,
}

/// The business id of a form path, in any language.
fn business_of(path: &str) -> Option<i32> {
    FORM.ids(path)?.first().copied()
}

/// The business and offer ids of a poster path, in any language.
fn poster_of(path: &str) -> Option<(i32, i32)> {
    match super::multipart::route_ids(POSTER_ROUTE, path)?[..] {
        [business, offer] => Some((business, offer)),
        _ => None,
    }
}

/// The form's handler (POST only).
pub fn save_handler(routes: &Arc<OffersRoutes>) -> MethodRouter<AppState> {
    let routes = routes.clone();
    post(move |request: Request| save(routes.clone(), request))
}

/// The poster's Content-Security-Policy. Opened from the dashboard it is a document of its own:
/// it may show the photo inlined in it (`data:`) and nothing else, and it is sandboxed (no
/// script, no form, no access to our origin's storage), like the media files.
pub const POSTER_POLICY: &str =
    "default-src 'none'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/// The poster's handler (GET only).
pub fn poster_handler(routes: &Arc<OffersRoutes>) -> MethodRouter<AppState> {
    let routes = routes.clone();
    get(move |request: Request| poster(routes.clone(), request))
}

/// What the form sent besides its texts.
#[derive(Default)]
struct Received {
    form: OfferForm,
    offer_id: Option<i32>,
    version: i32,
    action: String,
    remove_photo: bool,
    photo: Vec<u8>,
    /// The texts over their lengths.
    too_long: Vec<FieldProblem>,
}

pub async fn save(routes: Arc<OffersRoutes>, request: Request) -> Response {
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
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let boundary = match super::multipart::boundary(request.headers()) {
        Ok(boundary) => boundary,
        Err(error) => return error.response(&path, &FORM),
    };
    let state = &routes.state;
    if let Err(error) = domain::authz::authorize(&state.db, actor.as_ref(), business_id, Need::EditListing).await {
        return super::edge::refuse(&path, error.into());
    }
    let received = match super::multipart::read(request.into_body(), boundary, &FORM).await {
        Ok(form) => received(form),
        Err(error) => return error.response(&path, &FORM),
    };
    let publish = received.action == "publish";
    let now = state.clock.now();
    let outcome = match received.offer_id {
        // A text over its length: refused next to its field, nothing reaches the domain.
        _ if !received.too_long.is_empty() => Err(DomainError::Invalid(received.too_long.clone())),
        None => {
            let photo = (!received.photo.is_empty()).then(|| received.photo.clone());
            domain::offers::manage::create(
                &state.db,
                &routes.media_dir,
                actor.as_ref(),
                business_id,
                &received.form,
                photo,
                publish,
                now,
            )
            .await
        }
        Some(offer_id) => {
            let photo = if !received.photo.is_empty() {
                PhotoChange::Replace(received.photo.clone())
            } else if received.remove_photo {
                PhotoChange::Remove
            } else {
                PhotoChange::Keep
            };
            domain::offers::manage::update(
                &state.db,
                &routes.media_dir,
                actor.as_ref(),
                business_id,
                offer_id,
                received.version,
                &received.form,
                photo,
                publish,
                now,
            )
            .await
            .map(|_| offer_id)
        }
    };
    match outcome {
        Ok(offer_id) => {
            tracing::info!(business_id, offer_id, action = %received.action, "offer saved");
            let location = match received.action.as_str() {
                "preview" => lang.localize(&public_path(offer_id)),
                "publish" => format!("{}?fait=publiee&offre={offer_id}", lang.localize(&list_path(business_id))),
                _ => format!("{}?fait=enregistree&offre={offer_id}", lang.localize(&list_path(business_id))),
            };
            super::redirect(StatusCode::SEE_OTHER, &location)
        }
        Err(error @ (DomainError::Invalid(_) | DomainError::Conflict)) => {
            let error = AppError::from(error);
            if !wants_html {
                return json_error(&error);
            }
            let editor = lang.localize(&editor_path(business_id, received.offer_id));
            // What was typed is kept for this session, never put in the address (a link anyone
            // can make would fill a merchant's form): `domain::form_echo`.
            let typed = vec![(TYPED_PARAMETER.to_string(), encode_typed(&received.form, MAX_TEXT_BYTES / 2))];
            let echo =
                domain::form_echo::keep(&state.db, session_token.as_deref(), ECHO_FORM, &typed, state.clock.now())
                    .await
                    .unwrap_or_else(|error| {
                        tracing::error!(%error, "a refused offer form's values could not be kept");
                        None
                    });
            super::redirect(StatusCode::SEE_OTHER, &refusal_location(&editor, &error, echo.as_deref()))
        }
        Err(error) => super::edge::refuse(&path, error.into()),
    }
}

/// The honest answer for a client that does not ask for HTML: the error as JSON, with its
/// status (422 with the problems, 409).
fn json_error(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let json = serde_json::to_string(error).unwrap_or_default();
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], json).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The editor with the problems (or the conflict) and the id of what was typed, kept for the
/// session.
fn refusal_location(editor: &str, error: &AppError, echo: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    match error {
        AppError::Invalid(problems) => {
            query.append_pair(REFUSAL_PARAMETER, &encode_problems(problems));
        }
        _ => {
            query.append_pair(CONFLICT_PARAMETER, "1");
        }
    }
    if let Some(echo) = echo {
        query.append_pair(ECHO_PARAMETER, echo);
    }
    format!("{editor}?{}", query.finish())
}

/// The form as received: the offer's texts, the form's own fields, the photo.
fn received(mut form: ReadForm) -> Received {
    let mut received = Received {
        photo: form.take_file("photo").map(|file| file.bytes).unwrap_or_default(),
        too_long: form.too_long(),
        ..Received::default()
    };
    for text in form.texts {
        match text.name.as_str() {
            "offer_id" => received.offer_id = text.value.trim().parse().ok().filter(|id: &i32| *id > 0),
            "version" => received.version = text.value.trim().parse().unwrap_or(0),
            "action" => received.action = text.value.trim().to_string(),
            "remove_photo" => received.remove_photo = !text.value.trim().is_empty(),
            _ => {
                set_field(&mut received.form, &text.name, text.value);
            }
        }
    }
    received
}

// ---------------------------------------------------------------------------------------------
// The poster.

pub async fn poster(routes: Arc<OffersRoutes>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let lang = Lang::split_path(&path).0;
    let Some((business_id, offer_id)) = poster_of(&path) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let actor = request.extensions().get::<CurrentSession>().and_then(|session| session.actor.clone());
    if actor.is_none() {
        return super::edge::refuse(&path, AppError::Unauthenticated);
    }
    let state = &routes.state;
    let (business, offer) =
        match domain::offers::manage::find_for_merchant(&state.db, actor.as_ref(), business_id, offer_id).await {
            Ok(found) => found,
            Err(error) => return super::edge::refuse(&path, error.into()),
        };
    // The shared link (`?via=partage`): a scan counts as a share visit, then lands on the
    // offer's page (see `common::stats`).
    let url = format!("{}{}", state.base_url, lang.localize(&common::stats::share_path(offer.id)));
    let photo = poster_photo(&routes.media_dir, &offer).await;
    let svg = match poster::render(&poster::Poster::of(&business, &offer, lang, &url, photo)) {
        Ok(svg) => svg,
        Err(error) => {
            tracing::error!(%error, offer_id, "poster not made");
            return super::edge::refuse(&path, AppError::Internal);
        }
    };
    let mut response = (StatusCode::OK, svg).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The security headers' layer keeps a policy the handler set.
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POSTER_POLICY));
    if let Ok(disposition) = HeaderValue::from_str(&format!("inline; filename=\"affiche-{offer_id}.svg\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// The offer's photo as JPEG bytes (the variant closest to a print width), to inline in the
/// poster so that it prints anywhere, even saved and opened offline.
async fn poster_photo(media_dir: &std::path::Path, offer: &entity::offer::Model) -> Option<Vec<u8>> {
    let key = domain::photos::store_key_of(offer.photo_file.as_deref()?)?.to_string();
    let widths = domain::offers::photo_widths(offer);
    let width = widths.iter().copied().find(|&w| w >= 1000).or_else(|| widths.last().copied())?;
    let file = media_dir.join(domain::photos::variant_file(&key, width));
    tokio::fs::read(file).await.ok()
}

pub mod poster {
    //! The A4 poster as SVG: 210 × 297 mm, the user units millimetres. The texts are SVG text
    //! (sharp at any print size, found by a screen reader), the photo inlined as a data URL,
    //! the QR code drawn module by module from the `qrcode` crate's matrix (a maintained encoder:
    //! Reed–Solomon, masks and versions are not ours to get right), with its quiet zone.

    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use common::Lang;
    use qrcode::{Color, EcLevel, QrCode};

    use common::html::escape;

    /// Page size in millimetres.
    pub const WIDTH_MM: f64 = 210.0;
    pub const HEIGHT_MM: f64 = 297.0;
    /// The QR code's side, quiet zone included (about 5 cm: read from a couple of metres).
    pub const QR_MM: f64 = 60.0;
    /// Where the QR code sits (its top-left corner, quiet zone included).
    pub const QR_X: f64 = 135.0;
    pub const QR_Y: f64 = 222.0;
    /// The quiet zone around the code, in modules (the standard asks for 4).
    pub const QUIET_MODULES: usize = 4;

    /// Everything a poster shows, already in the page's language.
    pub struct Poster {
        pub lang: Lang,
        pub kind: String,
        pub title: String,
        pub period: String,
        pub promo: Option<String>,
        pub shop: String,
        pub address: String,
        pub url: String,
        pub scan: String,
        pub label: String,
        pub photo_jpeg: Option<Vec<u8>>,
    }

    impl Poster {
        pub fn of(
            business: &entity::business::Model,
            offer: &entity::offer::Model,
            lang: Lang,
            url: &str,
            photo_jpeg: Option<Vec<u8>>,
        ) -> Poster {
            let texts = app::pages::offers_merchant::poster_texts(
                lang,
                domain::offers::kind_of(offer),
                domain::offers::title_in(offer, lang).0,
                &offer.starts_on.format("%Y-%m-%d").to_string(),
                &offer.ends_on.format("%Y-%m-%d").to_string(),
                offer.promo_code.as_deref(),
            );
            Poster {
                lang,
                kind: texts.kind,
                title: domain::offers::title_in(offer, lang).0.to_string(),
                period: texts.period,
                promo: texts.promo,
                shop: business.name.clone(),
                address: format!("{}, {} {}", business.street, business.postcode, business.locality),
                url: url.to_string(),
                scan: texts.scan,
                label: texts.label,
                photo_jpeg,
            }
        }
    }

    /// Where the title's block starts (the top of its first line).
    const TITLE_TOP: f64 = 31.0;
    /// The title's room: 170 mm wide, and as high as four lines of the largest size.
    const TITLE_HEIGHT_MM: f64 = 60.0;
    /// The title's sizes, largest first, and the characters a line holds at each (22 of the
    /// bold sans-serif at 13 mm fill the 170 mm, the narrower ones in proportion).
    const TITLE_SIZES: [(f64, usize); 5] = [(13.0, 22), (11.0, 26), (9.5, 30), (8.0, 35), (7.0, 40)];
    /// Line height, as a multiple of the font size.
    const TITLE_LINE_HEIGHT: f64 = 15.0 / 13.0;

    /// The title's font size and lines: the largest size at which the whole title fits its room,
    /// so that a title of the longest length allowed (`common::offers::TITLE_MAX`) is never cut.
    pub fn title_layout(title: &str) -> (f64, Vec<String>) {
        for (size, width) in TITLE_SIZES {
            let lines = wrap(title, width, usize::MAX);
            if lines.len() as f64 * size * TITLE_LINE_HEIGHT <= TITLE_HEIGHT_MM + 0.01 {
                return (size, lines);
            }
        }
        // Longer than any title the form accepts: the smallest size, every line kept.
        let (size, width) = TITLE_SIZES[TITLE_SIZES.len() - 1];
        (size, wrap(title, width, usize::MAX))
    }

    /// Splits `text` into lines of at most `width` characters, at spaces when it can.
    pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let mut word = word.to_string();
            while word.chars().count() > width {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                lines.push(head);
            }
            if line.is_empty() {
                line = word;
            } else if line.chars().count() + 1 + word.chars().count() <= width {
                line.push(' ');
                line.push_str(&word);
            } else {
                lines.push(std::mem::replace(&mut line, word));
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        lines
    }

    /// The QR code of `url`: its modules as rows of dark (`true`) and light.
    pub fn qr_matrix(url: &str) -> Result<Vec<Vec<bool>>, qrcode::types::QrError> {
        // Level M: a poster behind a window gets reflections and smudges.
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
        let width = code.width();
        let colors = code.to_colors();
        Ok(colors.chunks(width).map(|row| row.iter().map(|c| *c == Color::Dark).collect()).collect())
    }

    /// The poster's SVG document.
    pub fn render(poster: &Poster) -> Result<String, qrcode::types::QrError> {
        let matrix = qr_matrix(&poster.url)?;
        let modules = matrix.len() + 2 * QUIET_MODULES;
        let module = QR_MM / modules as f64;
        let mut qr = String::new();
        for (y, row) in matrix.iter().enumerate() {
            for (x, dark) in row.iter().enumerate() {
                if *dark {
                    // One path of unit squares: a few kilobytes, crisp at any scale.
                    qr.push_str(&format!("M{} {}h1v1h-1z", x + QUIET_MODULES, y + QUIET_MODULES));
                }
            }
        }
        let mut svg = String::with_capacity(64 * 1024);
        svg.push_str(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
             width=\"{WIDTH_MM}mm\" height=\"{HEIGHT_MM}mm\" viewBox=\"0 0 {WIDTH_MM} {HEIGHT_MM}\" \
             xml:lang=\"{lang}\" role=\"img\" aria-labelledby=\"poster-title\">\n\
             <title id=\"poster-title\">{label}</title>\n\
             <rect width=\"{WIDTH_MM}\" height=\"{HEIGHT_MM}\" fill=\"#ffffff\"/>\n\
             <g font-family=\"Helvetica, Arial, sans-serif\" fill=\"#1a1a1a\">\n",
            lang = poster.lang.code(),
            label = escape(&poster.label),
        ));
        svg.push_str(&format!(
            "<text x=\"20\" y=\"28\" font-size=\"8\" font-weight=\"bold\" fill=\"#8a1c2b\" letter-spacing=\"0.5\">{}</text>\n",
            escape(&poster.kind.to_uppercase())
        ));
        let (size, title_lines) = title_layout(&poster.title);
        let mut y: f64 = TITLE_TOP + size;
        svg.push_str(&format!("<text font-size=\"{size}\" font-weight=\"bold\">"));
        for line in &title_lines {
            svg.push_str(&format!("<tspan x=\"20\" y=\"{y:.1}\">{}</tspan>", escape(line)));
            y += size * TITLE_LINE_HEIGHT;
        }
        svg.push_str("</text>\n");
        let photo_top = y - 4.0;
        let photo_height = (205.0 - photo_top).max(40.0);
        if let Some(jpeg) = &poster.photo_jpeg {
            svg.push_str(&format!(
                "<image x=\"20\" y=\"{photo_top:.1}\" width=\"170\" height=\"{photo_height:.1}\" \
                 preserveAspectRatio=\"xMidYMid slice\" href=\"data:image/jpeg;base64,{}\"/>\n",
                STANDARD.encode(jpeg)
            ));
        }
        svg.push_str(&format!(
            "<text x=\"20\" y=\"{:.1}\" font-size=\"7.5\" font-weight=\"bold\">{}</text>\n",
            photo_top + photo_height + 10.0,
            escape(&poster.period)
        ));
        if let Some(promo) = &poster.promo {
            svg.push_str(&format!(
                "<text x=\"20\" y=\"{:.1}\" font-size=\"6.5\">{}</text>\n",
                photo_top + photo_height + 19.0,
                escape(promo)
            ));
        }
        let mut shop_y = 250.0;
        for line in wrap(&poster.shop, 26, 2) {
            svg.push_str(&format!(
                "<text x=\"20\" y=\"{shop_y:.1}\" font-size=\"8\" font-weight=\"bold\">{}</text>\n",
                escape(&line)
            ));
            shop_y += 9.0;
        }
        for line in wrap(&poster.address, 40, 2) {
            svg.push_str(&format!("<text x=\"20\" y=\"{shop_y:.1}\" font-size=\"5\">{}</text>\n", escape(&line)));
            shop_y += 6.5;
        }
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"4.5\" text-anchor=\"middle\">{}</text>\n",
            QR_X + QR_MM / 2.0,
            QR_Y - 2.0,
            escape(&poster.scan)
        ));
        svg.push_str("</g>\n");
        svg.push_str(&format!(
            "<g id=\"qr\" transform=\"translate({QR_X} {QR_Y}) scale({module})\" data-modules=\"{}\">\
             <rect width=\"{modules}\" height=\"{modules}\" fill=\"#ffffff\"/>\
             <path fill=\"#000000\" d=\"{qr}\"/></g>\n",
            matrix.len()
        ));
        svg.push_str("</svg>\n");
        Ok(svg)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn long_titles_wrap_at_spaces_and_are_cut_with_an_ellipsis() {
            assert_eq!(
                wrap("Galettes des rois -20 % tout le week-end", 22, 4),
                vec!["Galettes des rois -20", "% tout le week-end"]
            );
            assert_eq!(wrap(&"x".repeat(50), 22, 2), vec!["x".repeat(22), format!("{}…", "x".repeat(22))]);
        }

        fn poster_titled(title: &str) -> Poster {
            Poster {
                lang: Lang::Fr,
                kind: "Promotion".into(),
                title: title.into(),
                period: "Du 1er au 5 décembre".into(),
                promo: None,
                shop: "Pâtisserie Lemaire".into(),
                address: "Rue de la Station 12, 7060 Soignies".into(),
                url: "https://vitrine.example/offres/12?via=partage".into(),
                scan: "Scannez".into(),
                label: "Affiche".into(),
                photo_jpeg: None,
            }
        }

        /// The title's font size and its lines' texts, read back from the SVG.
        fn title_in(svg: &str) -> (f64, Vec<String>) {
            let block = svg.split("<text font-size=\"").nth(1).expect("the title block");
            let size = block.split('"').next().unwrap().parse().unwrap();
            let block = block.split("</text>").next().unwrap();
            let lines = block
                .split("<tspan ")
                .skip(1)
                .map(|tspan| tspan.split_once('>').unwrap().1.split("</tspan>").next().unwrap().to_string())
                .collect();
            (size, lines)
        }

        #[test]
        fn a_title_of_the_longest_length_allowed_fits_whole_in_a_smaller_size() {
            let short = render(&poster_titled("Galettes des rois -20 %")).unwrap();
            let (short_size, short_lines) = title_in(&short);
            assert_eq!((short_size, short_lines.join(" ").as_str()), (13.0, "Galettes des rois -20 %"));

            let words = "Grande braderie de décembre : pralines, bûches et galettes artisanales à prix doux";
            for title in [
                format!("{words} jusqu'au réveillon, dégustation offerte le samedi"),
                "x".repeat(common::offers::TITLE_MAX),
                "Pâtisserie ".repeat(common::offers::TITLE_MAX / 11),
                format!("{} {}", "a".repeat(59), "b".repeat(60)),
            ] {
                let title: String = title.chars().take(common::offers::TITLE_MAX).collect();
                let title = title.trim().to_string();
                let (size, lines) = title_in(&render(&poster_titled(&title)).unwrap());
                assert!(size < 13.0, "{title}: {size}");
                let shown: String = lines.concat().split_whitespace().collect();
                let typed: String = title.split_whitespace().collect();
                assert_eq!(shown, typed, "the whole title, nothing cut");
                assert!(!lines.concat().contains('…'));
                // The block stays within the title's room.
                assert!(lines.len() as f64 * size * TITLE_LINE_HEIGHT <= TITLE_HEIGHT_MM + 0.01, "{title}");
            }
        }

        #[test]
        fn the_qr_matrix_is_square_with_finder_patterns() {
            let matrix = qr_matrix("https://vitrine.example/offres/12").unwrap();
            let n = matrix.len();
            assert!(matrix.iter().all(|row| row.len() == n));
            // The three finder patterns' dark corners.
            assert!(matrix[0][0] && matrix[0][n - 1] && matrix[n - 1][0]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_form_route_has_the_form_limit() {
        assert_eq!(business_of("/tableau-de-bord/12/offres/envoyer"), Some(12));
        assert_eq!(business_of("/nl/tableau-de-bord/3/offres/envoyer"), Some(3));
        for other in [
            "/tableau-de-bord/12/offres",
            "/tableau-de-bord/01/offres/envoyer",
            "/api/tableau-de-bord/1/offres/envoyer",
        ] {
            assert!(!FORM.matches(other), "{other}");
        }
        assert_eq!(poster_of("/en/tableau-de-bord/3/offres/44/affiche.svg"), Some((3, 44)));
        assert_eq!(poster_of("/tableau-de-bord/3/offres/x/affiche.svg"), None);
    }

    #[test]
    fn a_refusal_keeps_what_was_typed_line_breaks_included_and_sends_only_its_id() {
        let form =
            OfferForm { title_fr: "Galettes".into(), body_fr: "Ligne 1\nLigne 2".into(), ..OfferForm::default() };
        let error = AppError::Invalid(vec![common::error::FieldProblem::new("ends_on", "end_before_start")]);
        let location = refusal_location("/tableau-de-bord/1/offres/nouvelle", &error, Some("abc"));
        assert_eq!(location, "/tableau-de-bord/1/offres/nouvelle?refus=ends_on%3Aend_before_start&formulaire=abc");
        let kept = encode_typed(&form, MAX_TEXT_BYTES / 2);
        let back = app::pages::offers_merchant::decode_typed(&kept).unwrap();
        assert_eq!(back.body_fr, "Ligne 1\nLigne 2");
        assert_eq!(back.title_fr, "Galettes");
    }
}
