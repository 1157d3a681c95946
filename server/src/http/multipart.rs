//! The one reader of the site's `multipart/form-data` forms (the photo upload, the offer form,
//! and the forms to come), and the declaration each form route makes beside its handler.
//!
//! A [`FormRoute`] names the route, its body and time limits (which [`super::edge`] reads from
//! its table, one entry a form) and its fields: which are texts, with their limits in
//! characters, and which are files, with their size and count limits. The handler then:
//! 1. asks for the [`boundary`] before anything else is read (415 without one);
//! 2. decides who may post (session, authorisation), the body still unread;
//! 3. [`read`]s the body, which keeps only the form's own fields, within their limits:
//!    - a text over its limit in characters is still returned, as typed up to
//!      [`TEXT_KEEP_BYTES`], and named by [`ReadForm::too_long`], so that the form can go back
//!      with the message next to the field and the text to correct;
//!    - a file is kept up to one byte over its limit and the rest drained, so that what checks
//!      it can say it is too large without ever holding it whole ([`FilePart::too_large`]);
//!    - what makes the whole body unacceptable is a [`FormError`], which answers with the site's
//!      translated refusal page and an honest status ([`FormError::response`]): the body over
//!      the route's limit (413), more files than the form has inputs (413), a body that is not
//!      the multipart it says it is or that ends early (400), a body that does not arrive in
//!      time (408).
//!
//! server_fn 0.8's own multipart reading has no size limit and panics on a `Content-Type`
//! without a boundary (docs PITFALLS 8.3): that is why these forms are axum handlers.

use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use common::error::FieldProblem;
use common::{AppError, Lang};
use http::header::{self, HeaderMap};
use http::StatusCode;
use tokio::time::{timeout_at, Instant};

/// What a field of a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A text, at most `max_chars` characters once trimmed (what the domain accepts).
    Text { max_chars: usize },
    /// A file input.
    File,
}

/// A form route's declaration: where it is, how large and how long its request may be, and its
/// fields. One constant beside each handler; [`super::edge`] lists them.
#[derive(Debug, Clone, Copy)]
pub struct FormRoute {
    /// The route, French, ids as `{name}` segments (`/tableau-de-bord/{id}/photos/ajouter`); the
    /// `/nl` and `/en` paths are the same form.
    pub route: &'static str,
    /// The largest body, in bytes.
    pub body_limit: u64,
    /// The longest the whole request may take, from its first byte to our last; its body must
    /// have arrived [`Self::read_time`] after reading began.
    pub time_limit: Duration,
    /// The form's fields by name; `None` for a name the form does not have (read and dropped).
    pub fields: fn(&str) -> Option<FieldKind>,
    /// The most file parts a body may hold (the form's file inputs): more is refused.
    pub max_files: usize,
    /// The largest file kept, in bytes.
    pub max_file_bytes: usize,
}

impl FormRoute {
    /// Whether `path` (in any language) is this form's route.
    pub fn matches(&self, path: &str) -> bool {
        route_ids(self.route, path).is_some()
    }

    /// The ids in `path`, in the order of the route's `{…}` segments, if it is this route.
    pub fn ids(&self, path: &str) -> Option<Vec<i32>> {
        route_ids(self.route, path)
    }

    /// How long the body may take to arrive: the route's time limit, less what any request is
    /// given ([`super::REQUEST_TIMEOUT`], at most half of it) for the work that follows. The body
    /// is then refused with 408 by the reader, before the edge's deadline answers 503.
    pub fn read_time(&self) -> Duration {
        self.time_limit - super::REQUEST_TIMEOUT.min(self.time_limit / 2)
    }
}

/// The ids of `path` (in any language) if it matches `route`, whose `{…}` segments stand for
/// ids: digits only, no leading zero, at most nine (`+1`, `01` or an id past `i32` would parse,
/// but name no page of ours).
pub fn route_ids(route: &str, path: &str) -> Option<Vec<i32>> {
    let (_, path) = Lang::split_path(path);
    let mut route_segments = route.split('/');
    let mut path_segments = path.split('/');
    let mut ids = Vec::new();
    loop {
        match (route_segments.next(), path_segments.next()) {
            (None, None) => return Some(ids),
            (Some(expected), Some(segment)) if expected.starts_with('{') && expected.ends_with('}') => {
                ids.push(id_of(segment)?)
            }
            (Some(expected), Some(segment)) if expected == segment => {}
            _ => return None,
        }
    }
}

fn id_of(text: &str) -> Option<i32> {
    let digits = !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit());
    (digits && !text.starts_with('0')).then(|| text.parse().ok()).flatten()
}

/// What is kept of a text over its limit, for the form to show it back (16 KB, or four bytes a
/// character of the limit when that is more): enough for a paste gone wrong, and a bound on
/// what a body of many long fields can make the server hold.
pub const TEXT_KEEP_BYTES: usize = 16 * 1024;

/// A text field as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPart {
    pub name: String,
    /// As typed, cut at [`TEXT_KEEP_BYTES`] (at a character's boundary) when longer.
    pub value: String,
    /// Its limit in characters, from the form's declaration.
    pub max_chars: usize,
    /// Over its limit: longer once trimmed, or cut.
    pub too_long: bool,
}

/// A file field as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    pub name: String,
    /// The name the browser gave (empty for a file input left blank).
    pub file_name: String,
    /// The file's bytes, at most one over the form's `max_file_bytes`.
    pub bytes: Vec<u8>,
    /// Over the form's `max_file_bytes` (then cut one byte past it).
    pub too_large: bool,
}

/// A form's fields as received: only those it declares, the last of a repeated name.
#[derive(Debug, Default)]
pub struct ReadForm {
    pub texts: Vec<TextPart>,
    pub files: Vec<FilePart>,
}

impl ReadForm {
    /// The text of field `name`, if it was sent.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|text| text.name == name).map(|text| text.value.as_str())
    }

    /// Takes the file of field `name`, if it was sent.
    pub fn take_file(&mut self, name: &str) -> Option<FilePart> {
        let index = self.files.iter().position(|file| file.name == name)?;
        Some(self.files.remove(index))
    }

    /// The texts over their limits, as the form shows them (`too_long` with the limit).
    pub fn too_long(&self) -> Vec<FieldProblem> {
        self.texts
            .iter()
            .filter(|text| text.too_long)
            .map(|text| FieldProblem::with_limit(&text.name, "too_long", text.max_chars.min(u32::MAX as usize) as u32))
            .collect()
    }
}

/// Why a form's body is refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// The `Content-Type` is not `multipart/form-data` with a boundary.
    NotMultipart,
    /// The body is over the route's limit (bytes).
    TooLarge { limit: u64 },
    /// More file parts than the form has file inputs.
    TooManyFiles { max: usize },
    /// Not the multipart body it says it is: broken framing, a body that ends early.
    Malformed,
    /// The body did not arrive within the route's [`FormRoute::read_time`].
    TimedOut,
}

impl FormError {
    /// The status it deserves.
    pub fn status(&self) -> StatusCode {
        match self {
            FormError::NotMultipart => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            // RFC 9110: more content than the server is willing to process, in bytes or in files.
            FormError::TooLarge { .. } | FormError::TooManyFiles { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            FormError::Malformed => StatusCode::BAD_REQUEST,
            FormError::TimedOut => StatusCode::REQUEST_TIMEOUT,
        }
    }

    /// The app's error whose translated message the refusal shows.
    pub fn app_error(&self, form: &FormRoute) -> AppError {
        match self {
            FormError::NotMultipart | FormError::Malformed => AppError::BadRequest,
            FormError::TooLarge { limit } => AppError::TooLarge { limit: *limit },
            // No browser sends more files than the form has inputs: the body is larger than
            // this form's, and the message gives the form's limit.
            FormError::TooManyFiles { .. } => AppError::TooLarge { limit: form.body_limit },
            // The message that says to check the connection and try again. No variant of its
            // own: an `AppError` crosses to the browser, which never sees this one.
            FormError::TimedOut => AppError::Transport(String::new()),
        }
    }

    /// The refusal page (JSON under `/api/`) for `path`'s language, with [`Self::status`].
    pub fn response(&self, path: &str, form: &FormRoute) -> Response {
        let mut response = super::edge::refuse(path, self.app_error(form));
        *response.status_mut() = self.status();
        response
    }
}

/// The boundary of a `multipart/form-data` body, from its `Content-Type`.
pub fn boundary(headers: &HeaderMap) -> Result<String, FormError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    multer::parse_boundary(content_type).ok().filter(|b| !b.is_empty()).ok_or(FormError::NotMultipart)
}

/// Reads `body` as `form`'s fields (see the module's documentation for the limits). The edge
/// has already cut the body at the route's limit; multer's own count is a second fence.
pub async fn read(body: Body, boundary: String, form: &FormRoute) -> Result<ReadForm, FormError> {
    let deadline = Instant::now() + form.read_time();
    let limits = multer::SizeLimit::new().whole_stream(form.body_limit);
    let mut multipart = multer::Multipart::with_constraints(
        body.into_data_stream(),
        boundary,
        multer::Constraints::new().size_limit(limits),
    );
    let mut read = ReadForm::default();
    let mut file_parts = 0;
    loop {
        let next = timeout_at(deadline, multipart.next_field()).await.map_err(|_| FormError::TimedOut)?;
        let Some(mut field) = next.map_err(|error| unreadable(error, form))? else {
            return Ok(read);
        };
        let name = field.name().unwrap_or_default().to_string();
        let kind = (form.fields)(&name);
        let file_name = field.file_name().map(str::to_string);
        if file_name.is_some() || kind == Some(FieldKind::File) {
            file_parts += 1;
            if file_parts > form.max_files {
                return Err(FormError::TooManyFiles { max: form.max_files });
            }
        }
        let keep = match kind {
            Some(FieldKind::File) => form.max_file_bytes.saturating_add(1),
            Some(FieldKind::Text { max_chars }) => TEXT_KEEP_BYTES.max(max_chars.saturating_mul(4)),
            None => 0,
        };
        let mut bytes = Vec::new();
        let mut length = 0usize;
        loop {
            let chunk = timeout_at(deadline, field.chunk()).await.map_err(|_| FormError::TimedOut)?;
            let Some(chunk) = chunk.map_err(|error| unreadable(error, form))? else { break };
            length = length.saturating_add(chunk.len());
            let room = keep.saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        match kind {
            Some(FieldKind::File) => {
                let too_large = length > form.max_file_bytes;
                let part = FilePart { name, file_name: file_name.unwrap_or_default(), bytes, too_large };
                read.files.retain(|file| file.name != part.name);
                read.files.push(part);
            }
            Some(FieldKind::Text { max_chars }) => {
                let cut = length > bytes.len();
                let value = text_of(bytes);
                let too_long = cut || value.trim().chars().count() > max_chars;
                read.texts.retain(|text| text.name != name);
                read.texts.push(TextPart { name, value, max_chars, too_long });
            }
            None => {}
        }
    }
}

/// The text of a field's bytes: invalid UTF-8 replaced, and a character cut by the keep limit
/// left out rather than replaced.
fn text_of(mut bytes: Vec<u8>) -> String {
    if let Err(error) = std::str::from_utf8(&bytes) {
        if error.error_len().is_none() {
            bytes.truncate(error.valid_up_to());
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

/// A multer error as the refusal it deserves: the body cut at the limit (by the edge or by
/// multer's count) is too large, anything else (a broken boundary, a body cut short by the
/// client) malformed.
fn unreadable(error: multer::Error, form: &FormRoute) -> FormError {
    if matches!(error, multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. }) {
        return FormError::TooLarge { limit: form.body_limit };
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(cause) = source {
        if cause.is::<http_body_util::LengthLimitError>() {
            return FormError::TooLarge { limit: form.body_limit };
        }
        source = cause.source();
    }
    FormError::Malformed
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    const BOUNDARY: &str = "form-boundary-Zm9ybQ";

    fn fields(name: &str) -> Option<FieldKind> {
        match name {
            "title" => Some(FieldKind::Text { max_chars: 10 }),
            "note" => Some(FieldKind::Text { max_chars: 2000 }),
            "photo" | "other_photo" => Some(FieldKind::File),
            _ => None,
        }
    }

    const FORM: FormRoute = FormRoute {
        route: "/tableau-de-bord/{id}/essai/{item}/envoyer",
        body_limit: 64 * 1024,
        time_limit: Duration::from_secs(120),
        fields,
        max_files: 2,
        max_file_bytes: 100,
    };

    enum Part<'a> {
        Text(&'a str, &'a str),
        File(&'a str, &'a str, Vec<u8>),
    }

    fn body(parts: &[Part]) -> Vec<u8> {
        let mut body = Vec::new();
        for part in parts {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            match part {
                Part::Text(name, value) => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                    );
                    body.extend_from_slice(value.as_bytes());
                }
                Part::File(name, file_name, bytes) => {
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                             Content-Type: image/png\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(bytes);
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    }

    async fn read_bytes(bytes: Vec<u8>, form: &FormRoute) -> Result<ReadForm, FormError> {
        read(Body::from(bytes), BOUNDARY.to_string(), form).await
    }

    #[tokio::test]
    async fn the_form_s_fields_are_read_and_others_dropped() {
        let bytes = body(&[
            Part::Text("title", "Galettes"),
            Part::Text("unknown", "dropped"),
            Part::Text("note", "Ligne 1\r\nLigne 2 été"),
            Part::File("photo", "vitrine.png", vec![7; 100]),
            Part::Text("title", "Bûches"),
        ]);
        let mut form = read_bytes(bytes, &FORM).await.unwrap();
        assert_eq!(form.text("title"), Some("Bûches"), "the last of a repeated name");
        assert_eq!(form.text("note"), Some("Ligne 1\r\nLigne 2 été"));
        assert_eq!(form.text("unknown"), None);
        assert!(form.too_long().is_empty());
        let photo = form.take_file("photo").unwrap();
        assert_eq!((photo.file_name.as_str(), photo.bytes.len(), photo.too_large), ("vitrine.png", 100, false));
        assert!(form.take_file("photo").is_none());
    }

    #[tokio::test]
    async fn a_text_over_its_limit_comes_back_as_typed_and_named() {
        let typed = "Pâtisserie Lemaire";
        let bytes = body(&[Part::Text("title", typed), Part::Text("note", "  court  ")]);
        let form = read_bytes(bytes, &FORM).await.unwrap();
        assert_eq!(form.text("title"), Some(typed), "kept as typed, to be shown back");
        assert_eq!(form.too_long(), vec![FieldProblem::with_limit("title", "too_long", 10)]);

        // Spaces around the text do not count (the domain trims them), a character is one
        // whatever its bytes.
        let bytes = body(&[Part::Text("title", "  éééééééééé \r\n")]);
        assert!(read_bytes(bytes, &FORM).await.unwrap().too_long().is_empty());
    }

    #[tokio::test]
    async fn a_huge_text_is_kept_only_in_part_cut_at_a_character() {
        let huge = "é".repeat(TEXT_KEEP_BYTES);
        let bytes = body(&[Part::Text("note", &huge)]);
        let form = read_bytes(bytes, &FORM).await.unwrap();
        let kept = form.text("note").unwrap();
        assert!(kept.len() <= TEXT_KEEP_BYTES && kept.len() > TEXT_KEEP_BYTES - 4, "{}", kept.len());
        assert!(kept.chars().all(|c| c == 'é'), "no character cut in two");
        assert_eq!(form.too_long(), vec![FieldProblem::with_limit("note", "too_long", 2000)]);
        // Invalid UTF-8 is replaced, not a reason to refuse.
        let mut bytes = body(&[Part::Text("title", "ab")]);
        let at = bytes.windows(2).position(|w| w == b"ab").unwrap();
        bytes[at] = 0xFF;
        assert_eq!(read_bytes(bytes, &FORM).await.unwrap().text("title"), Some("\u{FFFD}b"));
    }

    #[tokio::test]
    async fn a_file_over_its_limit_is_kept_one_byte_over_and_flagged() {
        let bytes = body(&[Part::File("photo", "grande.png", vec![1; 5000]), Part::File("other_photo", "", vec![])]);
        let mut form = read_bytes(bytes, &FORM).await.unwrap();
        let photo = form.take_file("photo").unwrap();
        assert_eq!((photo.bytes.len(), photo.too_large), (101, true));
        let blank = form.take_file("other_photo").unwrap();
        assert_eq!((blank.file_name.as_str(), blank.bytes.len(), blank.too_large), ("", 0, false));
    }

    #[tokio::test]
    async fn more_files_than_the_form_has_inputs_are_refused() {
        let bytes = body(&[
            Part::File("photo", "a.png", vec![1]),
            Part::File("other_photo", "b.png", vec![2]),
            // A file under a name the form does not have counts too.
            Part::File("extra", "c.png", vec![3]),
        ]);
        let error = read_bytes(bytes, &FORM).await.unwrap_err();
        assert_eq!(error, FormError::TooManyFiles { max: 2 });
        assert_eq!(error.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(error.app_error(&FORM), AppError::TooLarge { limit: FORM.body_limit });
    }

    #[tokio::test]
    async fn a_body_cut_short_or_without_framing_is_malformed() {
        let whole = body(&[Part::Text("title", "Galettes"), Part::File("photo", "a.png", vec![1; 50])]);
        for cut in [whole.len() - 10, whole.len() / 2, 5, 0] {
            let error = read_bytes(whole[..cut].to_vec(), &FORM).await.unwrap_err();
            assert_eq!(error, FormError::Malformed, "cut at {cut}");
        }
        let error = read_bytes(b"--form-boundary-Zm9ybQ\r\nnonsense without headers".to_vec(), &FORM).await;
        assert_eq!(error.unwrap_err(), FormError::Malformed);
        // Another boundary than the one declared.
        let error = read(Body::from(whole), "another".into(), &FORM).await.unwrap_err();
        assert_eq!(error, FormError::Malformed);
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn a_body_cut_at_the_route_s_limit_is_too_large() {
        let bytes = body(&[Part::Text("note", &"x".repeat(100_000))]);
        // As the edge cuts it.
        let limited = Body::new(http_body_util::Limited::new(Body::from(bytes.clone()), FORM.body_limit as usize));
        let error = read(limited, BOUNDARY.into(), &FORM).await.unwrap_err();
        assert_eq!(error, FormError::TooLarge { limit: FORM.body_limit });
        assert_eq!(error.status(), StatusCode::PAYLOAD_TOO_LARGE);
        // Without the edge, multer's own count.
        assert_eq!(read_bytes(bytes, &FORM).await.unwrap_err(), FormError::TooLarge { limit: FORM.body_limit });
    }

    #[tokio::test]
    async fn a_body_that_does_not_arrive_in_time_is_refused() {
        let form = FormRoute { time_limit: Duration::from_millis(200), ..FORM };
        assert_eq!(form.read_time(), Duration::from_millis(100));
        let start = body(&[Part::Text("title", "Galettes")]);
        let start = start[..start.len() / 2].to_vec();
        // The first half, then nothing more, ever.
        let stalled = futures_util::stream::iter([Ok::<_, std::io::Error>(axum::body::Bytes::from(start))])
            .chain(futures_util::stream::pending());
        let error = read(Body::from_stream(stalled), BOUNDARY.into(), &form).await.unwrap_err();
        assert_eq!(error, FormError::TimedOut);
        assert_eq!(error.status(), StatusCode::REQUEST_TIMEOUT);
    }

    #[test]
    fn a_content_type_without_a_boundary_is_not_multipart() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            boundary(&headers)
        };
        assert_eq!(with(&format!("multipart/form-data; boundary={BOUNDARY}")), Ok(BOUNDARY.to_string()));
        for refused in
            ["multipart/form-data", "multipart/form-data; boundary=", "text/plain; boundary=x", "application/json"]
        {
            assert_eq!(with(refused), Err(FormError::NotMultipart), "{refused}");
        }
        assert_eq!(boundary(&HeaderMap::new()), Err(FormError::NotMultipart));
        assert_eq!(FormError::NotMultipart.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[test]
    fn refusals_are_translated_pages_with_their_status() {
        let page = FormError::TimedOut.response("/nl/tableau-de-bord/1/essai/2/envoyer", &FORM);
        assert_eq!(page.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(page.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let api = FormError::TooLarge { limit: 10 }.response("/api/essai", &FORM);
        assert_eq!(
            (api.status(), &api.headers()[header::CONTENT_TYPE]),
            (StatusCode::PAYLOAD_TOO_LARGE, &"application/json".parse().unwrap())
        );
    }

    #[test]
    fn a_route_matches_its_paths_in_every_language_with_ids_only() {
        assert_eq!(FORM.ids("/tableau-de-bord/12/essai/3/envoyer"), Some(vec![12, 3]));
        assert_eq!(FORM.ids("/nl/tableau-de-bord/12/essai/3/envoyer"), Some(vec![12, 3]));
        assert!(FORM.matches("/en/tableau-de-bord/999999999/essai/1/envoyer"));
        for other in [
            "/tableau-de-bord/12/essai/3",
            "/tableau-de-bord/12/essai/3/envoyer/",
            "/tableau-de-bord//essai/3/envoyer",
            "/tableau-de-bord/+1/essai/3/envoyer",
            "/tableau-de-bord/01/essai/3/envoyer",
            "/tableau-de-bord/1234567890/essai/3/envoyer",
            "/tableau-de-bord/x/essai/3/envoyer",
            "/api/tableau-de-bord/1/essai/3/envoyer",
            "/de/tableau-de-bord/1/essai/3/envoyer",
        ] {
            assert!(!FORM.matches(other), "{other}");
        }
    }
}
