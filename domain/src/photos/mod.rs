//! A business's photos, as its merchant manages them (issue 7): upload several at once, reorder,
//! delete, edit the text alternatives; and the `srcset` the public pages offer for them.
//!
//! - [`process_upload`] turns an uploaded file into JPEG variants (`process.rs`: size limit,
//!   format from the bytes, decoding within limits, orientation, metadata dropped, scaling).
//! - The variants are written to the media directory under unguessable names, atomically
//!   (`store.rs`).
//! - The operations below change the database. Each asks [`crate::authz`] whether the actor may
//!   edit the listing, inside its transaction, and writes the change to the business's history
//!   ([`crate::audit`]) in that same transaction, so a photo change without its history line
//!   cannot exist and a refused or failed one leaves none. Each transaction locks the business's
//!   row (PostgreSQL; SQLite's `BEGIN IMMEDIATE` holds the whole database), so two tabs of the
//!   same merchant cannot pass the photo limit together, and stamps the business's `updated_at`
//!   (the sitemap's `lastmod`); the data-version triggers on `business_photos` and `businesses`
//!   tell every instance to refresh its pages.
//!
//! All or nothing: [`add_photos`] checks every file and every text first and reports each
//! problem with the index of its file; files are written before the rows that point to them
//! and removed again if the rows cannot be written, so a failed upload leaves neither rows nor
//! files (a crash between the two leaves unreferenced files, never a row without its file).
//! A deleted photo's files are removed after its row, for the same reason.
//!
//! Text alternatives: French is required (the directory's default language, and the one
//! merchants write in); Dutch and English are optional and the pages fall back to French.

mod process;
pub(crate) mod store;

use std::path::Path;

use chrono::{DateTime, Utc};
use common::error::FieldProblem;
use common::{AppError, Lang};
use entity::{business, business_photo};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::audit::{self, Changes};
use crate::authz::{authorize, Actor, Need};
use crate::db::begin_write;
use crate::error::DomainError;

pub use process::{
    process_upload, process_upload_async, variant_widths, ProcessedPhoto, UploadLimits, Variant, CONCURRENT_PROCESSING,
    JPEG_QUALITY, MAX_DECODE_BYTES, MAX_PIXELS, MAX_SIDE, MAX_UPLOAD_BYTES, VARIANT_WIDTHS,
};
pub use store::{variant_file, UPLOAD_DIR};

/// The upload key of a stored file name (`p/<key>-<width>.jpg`), or `None` for a file that is
/// not an upload (the demo town's SVGs).
pub fn store_key_of(file: &str) -> Option<&str> {
    store::key_of(file)
}

/// Photos a business may show: enough for a shop front, its inside and its products, few
/// enough that the gallery stays a gallery.
pub const MAX_PHOTOS: usize = 12;
/// Longest text alternative, in characters (a sentence or two; screen readers read it whole).
pub const MAX_ALT_CHARS: usize = common::dashboard::ALT_MAX;

/// Why a photo or its text was refused. Each becomes a [`FieldProblem`] whose `problem` is the
/// translation key `form.<key>` (see [`PhotoProblem::key`]) and whose `limit`, where the
/// message shows one, is in the unit the message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoProblem {
    #[error("no file was sent")]
    Missing,
    #[error("the file is over {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("the file is not an image")]
    NotAnImage,
    #[error("SVG files are refused")]
    SvgRefused,
    #[error("this image format is not accepted")]
    FormatRefused,
    #[error("the image has more than {max_pixels} pixels")]
    TooManyPixels { max_pixels: u64 },
    #[error("the image cannot be read")]
    Unreadable,
    #[error("the French text alternative is missing")]
    AltRequired,
    #[error("a text alternative is over {MAX_ALT_CHARS} characters")]
    AltTooLong,
    #[error("a text alternative contains control characters")]
    AltControlCharacters,
    #[error("more than {MAX_PHOTOS} photos")]
    TooManyPhotos,
}

impl PhotoProblem {
    /// The translation key of the message, under `form.` in `app/locales/*.json`.
    pub fn key(&self) -> &'static str {
        match self {
            PhotoProblem::Missing => "photo_required",
            PhotoProblem::TooLarge { .. } => "photo_too_large",
            PhotoProblem::NotAnImage => "photo_not_an_image",
            PhotoProblem::SvgRefused => "photo_svg_refused",
            PhotoProblem::FormatRefused => "photo_format_refused",
            PhotoProblem::TooManyPixels { .. } => "photo_too_many_pixels",
            PhotoProblem::Unreadable => "photo_unreadable",
            PhotoProblem::AltRequired => "alt_required",
            // The messages every form uses for any text.
            PhotoProblem::AltTooLong => "too_long",
            PhotoProblem::AltControlCharacters => "control_characters",
            PhotoProblem::TooManyPhotos => "photos_too_many",
        }
    }

    /// The number the message shows: megabytes, megapixels, characters or photos.
    pub fn limit(&self) -> Option<u32> {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        match self {
            PhotoProblem::TooLarge { max_bytes } => Some(clamp(*max_bytes as u64 / (1024 * 1024))),
            PhotoProblem::TooManyPixels { max_pixels } => Some(clamp(max_pixels / 1_000_000)),
            PhotoProblem::AltTooLong => Some(clamp(MAX_ALT_CHARS as u64)),
            PhotoProblem::TooManyPhotos => Some(clamp(MAX_PHOTOS as u64)),
            _ => None,
        }
    }

    pub fn on_field(&self, field: impl Into<String>) -> FieldProblem {
        FieldProblem { field: field.into(), problem: self.key().to_string(), limit: self.limit() }
    }
}

/// What a photo operation can end with, besides success.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// 422: files or texts refused, one entry per field; nothing was stored.
    #[error("invalid photos: {0:?}")]
    Invalid(Vec<FieldProblem>),
    /// 404: no such business, or no such photo of this business.
    #[error("not found")]
    NotFound,
    /// 401: nobody is signed in.
    #[error("unauthenticated")]
    Unauthenticated,
    /// 403: the actor may not edit this business's listing.
    #[error("forbidden")]
    Forbidden,
    /// 409: the photo list changed since the page was loaded (a reorder naming other photos).
    #[error("the photos changed meanwhile")]
    Conflict,
    /// 500: the media directory could not be written.
    #[error("media storage: {0}")]
    Storage(#[from] std::io::Error),
    /// 500.
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

impl From<PhotoError> for AppError {
    fn from(error: PhotoError) -> Self {
        match error {
            PhotoError::Invalid(problems) => AppError::Invalid(problems),
            PhotoError::NotFound => AppError::NotFound,
            PhotoError::Unauthenticated => AppError::Unauthenticated,
            PhotoError::Forbidden => AppError::Forbidden,
            PhotoError::Conflict => AppError::Conflict,
            PhotoError::Storage(e) => {
                tracing::error!(error = %e, "photo storage error");
                AppError::Internal
            }
            PhotoError::Database(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
        }
    }
}

/// A photo's text alternative in each language, as typed (checked by the operations).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AltTexts {
    pub fr: String,
    pub nl: String,
    pub en: String,
}

/// One uploaded file and its text alternatives.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NewPhoto {
    pub bytes: Vec<u8>,
    pub alt: AltTexts,
}

impl std::fmt::Debug for NewPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPhoto").field("bytes", &self.bytes.len()).field("alt", &self.alt).finish()
    }
}

/// The form field names of the problems: `photo`, `alt_fr`, `alt_nl`, `alt_en`, followed by
/// `_<index>` for the files of an upload (`photo_0`, `alt_fr_0`, …) and nothing for the edit of
/// one photo's texts; `photos` for the whole list (too many photos).
pub const LIST_FIELD: &str = "photos";

fn field(name: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("{name}_{i}"),
        None => name.to_string(),
    }
}

/// Trimmed texts, or the problems of each one.
pub(crate) fn checked_alt(alt: &AltTexts, index: Option<usize>) -> Result<AltTexts, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut check = |name: &str, text: &str, required: bool| {
        let text = text.trim();
        let problem = if text.is_empty() && required {
            Some(PhotoProblem::AltRequired)
        } else if text.chars().count() > MAX_ALT_CHARS {
            Some(PhotoProblem::AltTooLong)
        } else if text.chars().any(char::is_control) {
            Some(PhotoProblem::AltControlCharacters)
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(problem.on_field(field(name, index)));
        }
        text.to_string()
    };
    let checked = AltTexts {
        fr: check("alt_fr", &alt.fr, true),
        nl: check("alt_nl", &alt.nl, false),
        en: check("alt_en", &alt.en, false),
    };
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// The widths of a row's variants, smallest first; `None` for a photo without variants (the demo
/// town's SVGs) or whose stored list cannot be read.
pub fn widths_of(photo: &business_photo::Model) -> Option<Vec<u32>> {
    stored_widths(&photo.file, photo.variants.as_deref())
}

/// [`widths_of`] for any photo row (a business's, a product's): its file and stored widths.
pub fn stored_widths(file: &str, variants: Option<&str>) -> Option<Vec<u32>> {
    store::key_of(file)?;
    let widths: Vec<u32> = variants?.split(' ').map(|w| w.parse().ok()).collect::<Option<_>>()?;
    (!widths.is_empty()).then_some(widths)
}

/// The `srcset` of a photo with variants (`"/media/p/…-480.jpg 480w, /media/p/…-960.jpg 960w"`),
/// `url_of` making a URL of a media file; `None` for a photo without variants.
pub fn srcset(photo: &business_photo::Model, url_of: impl Fn(&str) -> String) -> Option<String> {
    srcset_of(&photo.file, photo.variants.as_deref(), url_of)
}

/// [`srcset`] for any photo row: its file and stored widths.
pub fn srcset_of(file: &str, variants: Option<&str>, url_of: impl Fn(&str) -> String) -> Option<String> {
    let key = store::key_of(file)?;
    let candidates: Vec<String> = stored_widths(file, variants)?
        .iter()
        .map(|&width| format!("{} {width}w", url_of(&variant_file(key, width))))
        .collect();
    Some(candidates.join(", "))
}

/// The text alternative shown in `lang`: Dutch and English fall back to French when empty.
pub fn alt_in(photo: &business_photo::Model, lang: Lang) -> &str {
    let alt = match lang {
        Lang::Fr => &photo.alt_fr,
        Lang::Nl => &photo.alt_nl,
        Lang::En => &photo.alt_en,
    };
    if alt.is_empty() {
        &photo.alt_fr
    } else {
        alt
    }
}

/// The photos of a business in display order, for the merchant's dashboard.
pub async fn photos_of(db: &impl ConnectionTrait, business_id: i32) -> Result<Vec<business_photo::Model>, PhotoError> {
    Ok(business_photo::Entity::find()
        .filter(business_photo::Column::BusinessId.eq(business_id))
        .order_by_asc(business_photo::Column::Position)
        .order_by_asc(business_photo::Column::Id)
        .all(db)
        .await?)
}

/// A row to insert for an accepted upload.
struct Accepted {
    key: String,
    photo: ProcessedPhoto,
    alt: AltTexts,
}

/// Adds photos after the business's existing ones, all or nothing (see the module doc); returns
/// the new photos' ids in the order given.
pub async fn add_photos<C>(
    db: &C,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    uploads: Vec<NewPhoto>,
    now: DateTime<Utc>,
) -> Result<Vec<i32>, PhotoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    // Checked before the expensive part, and again under the lock when the rows are written.
    let actor = allowed(db, actor, business_id).await?;
    if uploads.is_empty() {
        return Err(PhotoError::Invalid(vec![PhotoProblem::Missing.on_field(LIST_FIELD)]));
    }
    if !business_exists(db, business_id).await? {
        return Err(PhotoError::NotFound);
    }
    if count_photos(db, business_id).await? + uploads.len() > MAX_PHOTOS {
        return Err(PhotoError::Invalid(vec![PhotoProblem::TooManyPhotos.on_field(LIST_FIELD)]));
    }

    // Every file and text is checked, so that the merchant learns of every problem at once.
    let mut problems = Vec::new();
    let mut accepted = Vec::new();
    for (index, upload) in uploads.into_iter().enumerate() {
        let alt = checked_alt(&upload.alt, Some(index)).map_err(|alt_problems| problems.extend(alt_problems));
        let photo = if upload.bytes.is_empty() {
            Err(PhotoProblem::Missing)
        } else {
            let key = store::new_key(&upload.bytes);
            process_upload_async(upload.bytes, UploadLimits::default()).await.map(|photo| (key, photo))
        };
        match (photo, alt) {
            (Ok((key, photo)), Ok(alt)) => accepted.push(Accepted { key, photo, alt }),
            (Err(problem), _) => problems.push(problem.on_field(field("photo", Some(index)))),
            (Ok(_), Err(())) => {}
        }
    }
    if !problems.is_empty() {
        return Err(PhotoError::Invalid(problems));
    }

    let (accepted, written) = {
        let media_dir = media_dir.to_path_buf();
        tokio::task::spawn_blocking(move || {
            let mut written = Vec::new();
            for upload in &accepted {
                match store::write_variants(&media_dir, &upload.key, &upload.photo) {
                    Ok(paths) => written.extend(paths),
                    Err(error) => {
                        store::remove_files(&written);
                        return Err(error);
                    }
                }
            }
            Ok((accepted, written))
        })
        .await
        .map_err(|error| std::io::Error::other(error.to_string()))??
    };

    match insert_rows(db, actor, business_id, &accepted, now).await {
        Ok(ids) => Ok(ids),
        Err(error) => {
            store::remove_files(&written);
            Err(error)
        }
    }
}

async fn insert_rows<C>(
    db: &C,
    actor: &Actor,
    business_id: i32,
    accepted: &[Accepted],
    now: DateTime<Utc>,
) -> Result<Vec<i32>, PhotoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    // Again: the membership may have been removed while the files were processed.
    allowed(&txn, Some(actor), business_id).await?;
    lock_business(&txn, business_id).await?;
    let existing = count_photos(&txn, business_id).await?;
    if existing + accepted.len() > MAX_PHOTOS {
        return Err(PhotoError::Invalid(vec![PhotoProblem::TooManyPhotos.on_field(LIST_FIELD)]));
    }
    let mut ids = Vec::new();
    for (offset, upload) in accepted.iter().enumerate() {
        let Some(largest) = upload.photo.largest() else {
            return Err(PhotoError::Invalid(vec![PhotoProblem::Unreadable.on_field(field("photo", Some(offset)))]));
        };
        let widths: Vec<String> = upload.photo.variants.iter().map(|v| v.width.to_string()).collect();
        let row = business_photo::ActiveModel {
            id: NotSet,
            business_id: Set(business_id),
            file: Set(variant_file(&upload.key, largest.width)),
            alt_fr: Set(upload.alt.fr.clone()),
            alt_nl: Set(upload.alt.nl.clone()),
            alt_en: Set(upload.alt.en.clone()),
            position: Set(i32::try_from(existing + offset).unwrap_or(i32::MAX)),
            width: Set(i32::try_from(largest.width).ok()),
            height: Set(i32::try_from(largest.height).ok()),
            variants: Set(Some(widths.join(" "))),
        };
        ids.push(row.insert(&txn).await?.id);
    }
    touch_business(&txn, business_id, now).await?;
    let mut changes = Changes::new();
    changes.note("photos", &ids);
    changes.note("alt_fr", &accepted.iter().map(|upload| upload.alt.fr.as_str()).collect::<Vec<_>>());
    record(&txn, actor, business_id, "photos_added", changes, now).await?;
    txn.commit().await?;
    Ok(ids)
}

/// Puts the business's photos in the order of `ordered_ids`, which must name each of its photos
/// exactly once (anything else means the page was stale: [`PhotoError::Conflict`]).
pub async fn reorder_photos<C>(
    db: &C,
    actor: Option<&Actor>,
    business_id: i32,
    ordered_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<(), PhotoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let actor = allowed(&txn, actor, business_id).await?;
    lock_business(&txn, business_id).await?;
    let current = photos_of(&txn, business_id).await?;
    let mut given = ordered_ids.to_vec();
    given.sort_unstable();
    let mut stored: Vec<i32> = current.iter().map(|p| p.id).collect();
    stored.sort_unstable();
    if given != stored {
        return Err(PhotoError::Conflict);
    }
    let mut changed = false;
    for (position, &id) in ordered_ids.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        if current.iter().any(|p| p.id == id && p.position != position) {
            set_position(&txn, id, position).await?;
            changed = true;
        }
    }
    // Saving the order the page already shows changes nothing, flushes no cache and writes no
    // history.
    if changed {
        touch_business(&txn, business_id, now).await?;
        let before: Vec<i32> = current.iter().map(|p| p.id).collect();
        let mut changes = Changes::new();
        changes.compare("order", &before, &ordered_ids.to_vec());
        record(&txn, actor, business_id, "photos_reordered", changes, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Deletes a photo of the business (a photo of another business is [`PhotoError::NotFound`]),
/// closes the gap in the order, then removes its files.
pub async fn delete_photo<C>(
    db: &C,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    photo_id: i32,
    now: DateTime<Utc>,
) -> Result<(), PhotoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let actor = allowed(&txn, actor, business_id).await?;
    lock_business(&txn, business_id).await?;
    let photo = photo_of_business(&txn, business_id, photo_id).await?;
    business_photo::Entity::delete_by_id(photo.id).exec(&txn).await?;
    for (position, rest) in photos_of(&txn, business_id).await?.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        if rest.position != position {
            set_position(&txn, rest.id, position).await?;
        }
    }
    touch_business(&txn, business_id, now).await?;
    let mut changes = Changes::new();
    changes.note("photo", &photo.id);
    changes.note("alt_fr", &photo.alt_fr);
    record(&txn, actor, business_id, "photo_deleted", changes, now).await?;
    txn.commit().await?;
    // After the commit: had it failed, the photo would still be shown, and needs its files.
    let files = store::files_of(media_dir, &photo.file, &widths_of(&photo).unwrap_or_default());
    let _ = tokio::task::spawn_blocking(move || store::remove_files(&files)).await;
    Ok(())
}

/// Replaces a photo's text alternatives (checked as for an upload; field names without index).
pub async fn update_alt<C>(
    db: &C,
    actor: Option<&Actor>,
    business_id: i32,
    photo_id: i32,
    alt: AltTexts,
    now: DateTime<Utc>,
) -> Result<(), PhotoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let actor = allowed(&txn, actor, business_id).await?;
    let alt = checked_alt(&alt, None).map_err(PhotoError::Invalid)?;
    lock_business(&txn, business_id).await?;
    let photo = photo_of_business(&txn, business_id, photo_id).await?;
    if (photo.alt_fr.as_str(), photo.alt_nl.as_str(), photo.alt_en.as_str()) != (&alt.fr, &alt.nl, &alt.en) {
        let mut changes = Changes::new();
        changes.note("photo", &photo.id);
        changes.compare("alt_fr", &photo.alt_fr, &alt.fr);
        changes.compare("alt_nl", &photo.alt_nl, &alt.nl);
        changes.compare("alt_en", &photo.alt_en, &alt.en);
        business_photo::Entity::update_many()
            .col_expr(business_photo::Column::AltFr, Expr::value(alt.fr))
            .col_expr(business_photo::Column::AltNl, Expr::value(alt.nl))
            .col_expr(business_photo::Column::AltEn, Expr::value(alt.en))
            .filter(business_photo::Column::Id.eq(photo.id))
            .exec(&txn)
            .await?;
        touch_business(&txn, business_id, now).await?;
        record(&txn, actor, business_id, "photo_alt_saved", changes, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The actor, if they may edit the business's listing ([`crate::authz`]).
async fn allowed<'a>(
    db: &impl ConnectionTrait,
    actor: Option<&'a Actor>,
    business_id: i32,
) -> Result<&'a Actor, PhotoError> {
    match authorize(db, actor, business_id, Need::EditListing).await {
        Ok(_) => actor.ok_or(PhotoError::Unauthenticated),
        Err(DomainError::NotFound) => Err(PhotoError::NotFound),
        Err(DomainError::Forbidden) => Err(PhotoError::Forbidden),
        Err(DomainError::Unauthenticated) => Err(PhotoError::Unauthenticated),
        Err(DomainError::Database(error)) => Err(PhotoError::Database(error)),
        Err(other) => Err(PhotoError::Database(DbErr::Custom(other.to_string()))),
    }
}

/// Writes the change in the business's history, in the operation's transaction.
async fn record(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    business_id: i32,
    action: &str,
    changes: Changes,
    now: DateTime<Utc>,
) -> Result<(), PhotoError> {
    match audit::record(txn, actor, Some(business_id), action, changes, now).await {
        Ok(()) => Ok(()),
        Err(DomainError::Database(error)) => Err(PhotoError::Database(error)),
        Err(other) => Err(PhotoError::Database(DbErr::Custom(other.to_string()))),
    }
}

/// The business's row, locked for the transaction ([`crate::db::lock_business`]).
async fn lock_business(txn: &impl ConnectionTrait, business_id: i32) -> Result<(), PhotoError> {
    if crate::db::lock_business(txn, business_id).await? {
        Ok(())
    } else {
        Err(PhotoError::NotFound)
    }
}

async fn business_exists(db: &impl ConnectionTrait, business_id: i32) -> Result<bool, PhotoError> {
    Ok(business::Entity::find_by_id(business_id).count(db).await? > 0)
}

async fn count_photos(db: &impl ConnectionTrait, business_id: i32) -> Result<usize, PhotoError> {
    let count =
        business_photo::Entity::find().filter(business_photo::Column::BusinessId.eq(business_id)).count(db).await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

async fn photo_of_business(
    txn: &impl ConnectionTrait,
    business_id: i32,
    photo_id: i32,
) -> Result<business_photo::Model, PhotoError> {
    business_photo::Entity::find_by_id(photo_id)
        .filter(business_photo::Column::BusinessId.eq(business_id))
        .one(txn)
        .await?
        .ok_or(PhotoError::NotFound)
}

async fn set_position(txn: &impl ConnectionTrait, photo_id: i32, position: i32) -> Result<(), DbErr> {
    business_photo::Entity::update_many()
        .col_expr(business_photo::Column::Position, Expr::value(position))
        .filter(business_photo::Column::Id.eq(photo_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Stamps the business as changed now (the sitemap's `lastmod`; the trigger on `businesses`
/// bumps the data version too, in the same transaction).
async fn touch_business(txn: &impl ConnectionTrait, business_id: i32, now: DateTime<Utc>) -> Result<(), DbErr> {
    business::Entity::update_many()
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .filter(business::Column::Id.eq(business_id))
        .exec(txn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(fr: &str, nl: &str, en: &str) -> AltTexts {
        AltTexts { fr: fr.into(), nl: nl.into(), en: en.into() }
    }

    #[test]
    fn french_alt_is_required_the_others_fall_back() {
        assert_eq!(checked_alt(&alt("  Vitrine  ", "", ""), None), Ok(alt("Vitrine", "", "")));
        let problems = checked_alt(&alt(" \t ", "", ""), Some(3)).unwrap_err();
        assert_eq!(problems, vec![PhotoProblem::AltRequired.on_field("alt_fr_3")]);
    }

    #[test]
    fn alt_length_is_counted_in_characters_and_control_characters_are_refused() {
        let longest = "é".repeat(MAX_ALT_CHARS);
        assert!(checked_alt(&alt(&longest, "", ""), None).is_ok());
        let problems = checked_alt(&alt("ok", &format!("{longest}é"), "a\u{0}b"), None).unwrap_err();
        assert_eq!(
            problems,
            vec![
                FieldProblem { field: "alt_nl".into(), problem: "too_long".into(), limit: Some(250) },
                FieldProblem { field: "alt_en".into(), problem: "control_characters".into(), limit: None },
            ]
        );
        assert!(checked_alt(&alt("deux\nlignes", "", ""), None).is_err());
    }

    #[test]
    fn limits_are_shown_in_the_units_of_the_messages() {
        assert_eq!(PhotoProblem::TooLarge { max_bytes: MAX_UPLOAD_BYTES }.limit(), Some(10));
        assert_eq!(PhotoProblem::TooManyPixels { max_pixels: MAX_PIXELS }.limit(), Some(50));
        assert_eq!(PhotoProblem::TooManyPhotos.on_field(LIST_FIELD).limit, Some(12));
    }

    fn row(file: &str, variants: Option<&str>) -> business_photo::Model {
        business_photo::Model {
            id: 1,
            business_id: 1,
            file: file.into(),
            alt_fr: "Façade".into(),
            alt_nl: String::new(),
            alt_en: "Shop front".into(),
            position: 0,
            width: variants.map(|_| 1600),
            height: variants.map(|_| 1200),
            variants: variants.map(String::from),
        }
    }

    #[test]
    fn srcset_lists_each_variant_and_svgs_have_none() {
        let url = |file: &str| format!("/media/{file}");
        let uploaded = row("p/ab12-1600.jpg", Some("480 960 1600"));
        assert_eq!(
            srcset(&uploaded, url).as_deref(),
            Some("/media/p/ab12-480.jpg 480w, /media/p/ab12-960.jpg 960w, /media/p/ab12-1600.jpg 1600w")
        );
        assert_eq!(srcset(&row("fleuriste-1.svg", None), url), None);
        assert_eq!(srcset(&row("p/ab12-1600.jpg", Some("480 x")), url), None);
        assert_eq!(srcset(&row("p/ab12-1600.jpg", Some("")), url), None);
    }

    #[test]
    fn alt_falls_back_to_french() {
        let photo = row("p/ab12-1600.jpg", Some("1600"));
        assert_eq!(alt_in(&photo, Lang::Nl), "Façade");
        assert_eq!(alt_in(&photo, Lang::En), "Shop front");
    }
}
