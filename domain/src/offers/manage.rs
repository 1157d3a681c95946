//! The merchant's writes to their offers, and the town administrator's hide and restore.
//!
//! Every write:
//! 1. asks [`authorize`] for the business named by the URL (staff, owners and administrators may
//!    post), then finds the offer *of that business*: an offer id of another business is
//!    `NotFound`, whoever asks;
//! 2. checks the whole form ([`super::check_form`]) and answers every problem at once, changing
//!    nothing;
//! 3. for an edit, names the version the form was loaded at (`UPDATE … WHERE version = ?`): of two
//!    people editing the same offer, the second is told (`Conflict`);
//! 4. records the change in the business's history, in the same transaction.
//!
//! Photos go through issue 7's pipeline (`crate::photos`): checked from the bytes, decoded within
//! limits, re-encoded without metadata into the page's widths. Files are written before the row
//! that points to them and removed again if the row cannot be written; a replaced or deleted
//! photo's files go after the row, and only when no other offer shows them ("post again" copies
//! share the photo).

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use common::error::FieldProblem;
use common::offers::{MerchantOfferRow, MerchantOffers, OfferEdit, OfferForm, OfferState};
use common::Lang;
use entity::{business, offer};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{check_form, form_of, kind_of, photo_url, state_of, title_in, today_in_brussels, CheckedOffer};
use crate::audit::{self, Changes};
use crate::authz::{authorize, require_admin, Actor, Need};
use crate::db::begin_write;
use crate::error::DomainError;
use crate::photos::{self, process_upload_async, PhotoProblem, UploadLimits};

/// Offers a business may have that are not ended (drafts, scheduled, live): enough for a busy
/// shop's month, few enough that a flood of posts cannot bury the other shops in the feed.
pub const MAX_OPEN_OFFERS: u64 = 30;
/// Longest reason an administrator gives for hiding an offer.
pub const HIDE_REASON_MAX: usize = 500;

/// What an edit does with the photo.
#[derive(Clone, PartialEq, Eq)]
pub enum PhotoChange {
    Keep,
    Replace(Vec<u8>),
    Remove,
}

impl std::fmt::Debug for PhotoChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhotoChange::Keep => f.write_str("Keep"),
            PhotoChange::Replace(bytes) => write!(f, "Replace({} bytes)", bytes.len()),
            PhotoChange::Remove => f.write_str("Remove"),
        }
    }
}

/// A stored photo: the row's photo columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct StoredPhoto {
    file: Option<String>,
    width: Option<i32>,
    height: Option<i32>,
    variants: Option<String>,
}

impl StoredPhoto {
    fn of(offer: &offer::Model) -> Self {
        StoredPhoto {
            file: offer.photo_file.clone(),
            width: offer.photo_width,
            height: offer.photo_height,
            variants: offer.photo_variants.clone(),
        }
    }
}

/// A photo written to the media directory, not yet pointed to by a row.
struct WrittenPhoto {
    stored: StoredPhoto,
    paths: Vec<std::path::PathBuf>,
}

/// Checks, processes and writes an uploaded photo (see the module doc).
async fn write_photo(media_dir: &Path, bytes: Vec<u8>) -> Result<WrittenPhoto, DomainError> {
    if bytes.is_empty() {
        return Err(DomainError::Invalid(vec![PhotoProblem::Missing.on_field("photo")]));
    }
    let key = photos::store::new_key(&bytes);
    let processed = process_upload_async(bytes, UploadLimits::default())
        .await
        .map_err(|problem| DomainError::Invalid(vec![problem.on_field("photo")]))?;
    let largest =
        processed.largest().ok_or_else(|| DomainError::Invalid(vec![PhotoProblem::Unreadable.on_field("photo")]))?;
    let stored = StoredPhoto {
        file: Some(photos::variant_file(&key, largest.width)),
        width: i32::try_from(largest.width).ok(),
        height: i32::try_from(largest.height).ok(),
        variants: Some(processed.variants.iter().map(|v| v.width.to_string()).collect::<Vec<_>>().join(" ")),
    };
    let media_dir = media_dir.to_path_buf();
    let paths = tokio::task::spawn_blocking(move || photos::store::write_variants(&media_dir, &key, &processed))
        .await
        .map_err(|error| DomainError::Internal(error.to_string()))?
        .map_err(|error| DomainError::Internal(format!("media storage: {error}")))?;
    Ok(WrittenPhoto { stored, paths })
}

/// The files of `photo`, if no offer row points to it any more (after a delete or replacement).
async fn orphaned_files(
    db: &impl ConnectionTrait,
    media_dir: &Path,
    photo: &StoredPhoto,
) -> Result<Vec<std::path::PathBuf>, DomainError> {
    let Some(file) = photo.file.as_deref() else { return Ok(Vec::new()) };
    let users = offer::Entity::find().filter(offer::Column::PhotoFile.eq(file)).count(db).await?;
    if users > 0 {
        return Ok(Vec::new());
    }
    let widths: Vec<u32> = photo.variants.as_deref().unwrap_or("").split(' ').filter_map(|w| w.parse().ok()).collect();
    Ok(photos::store::files_of(media_dir, file, &widths))
}

fn invalid(problems: Vec<FieldProblem>) -> DomainError {
    DomainError::Invalid(problems)
}

/// The offer `offer_id` of business `business_id`, after checking that `actor` may post for it.
pub async fn find_for_merchant(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
) -> Result<(business::Model, offer::Model), DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let offer = offer::Entity::find_by_id(offer_id)
        .filter(offer::Column::BusinessId.eq(business_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((access.business, offer))
}

fn apply(row: &mut offer::ActiveModel, checked: &CheckedOffer) {
    let [title_fr, title_nl, title_en] = checked.title.clone();
    let [body_fr, body_nl, body_en] = checked.body.clone();
    let [conditions_fr, conditions_nl, conditions_en] = checked.conditions.clone();
    let [alt_fr, alt_nl, alt_en] = checked.photo_alt.clone();
    row.kind = Set(checked.kind.code().to_string());
    row.title_fr = Set(title_fr);
    row.title_nl = Set(title_nl);
    row.title_en = Set(title_en);
    row.body_fr = Set(body_fr);
    row.body_nl = Set(body_nl);
    row.body_en = Set(body_en);
    row.conditions_fr = Set(conditions_fr);
    row.conditions_nl = Set(conditions_nl);
    row.conditions_en = Set(conditions_en);
    row.promo_code = Set(checked.promo_code.clone());
    row.starts_on = Set(checked.starts_on);
    row.ends_on = Set(checked.ends_on);
    row.photo_alt_fr = Set(alt_fr);
    row.photo_alt_nl = Set(alt_nl);
    row.photo_alt_en = Set(alt_en);
}

fn set_photo(row: &mut offer::ActiveModel, photo: &StoredPhoto) {
    row.photo_file = Set(photo.file.clone());
    row.photo_width = Set(photo.width);
    row.photo_height = Set(photo.height);
    row.photo_variants = Set(photo.variants.clone());
}

async fn open_offers(db: &impl ConnectionTrait, business_id: i32, today: NaiveDate) -> Result<u64, DomainError> {
    Ok(offer::Entity::find()
        .filter(offer::Column::BusinessId.eq(business_id))
        .filter(offer::Column::EndedAt.is_null())
        .filter(offer::Column::EndsOn.gte(today))
        .count(db)
        .await?)
}

/// Composes an offer: a draft to preview (`publish` false) or published at once. Returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    form: &OfferForm,
    photo: Option<Vec<u8>>,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let today = today_in_brussels(now);
    let photo = photo.filter(|bytes| !bytes.is_empty());
    let checked = check_form(form, today, None, photo.is_some()).map_err(invalid)?;
    let written = match photo {
        Some(bytes) => Some(write_photo(media_dir, bytes).await?),
        None => None,
    };
    let outcome = insert(db, actor, business_id, &checked, written.as_ref().map(|w| &w.stored), publish, now).await;
    if outcome.is_err() {
        if let Some(written) = &written {
            photos::store::remove_files(&written.paths);
        }
    }
    outcome
}

async fn insert(
    db: &DatabaseConnection,
    actor: &Actor,
    business_id: i32,
    checked: &CheckedOffer,
    photo: Option<&StoredPhoto>,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let txn = begin_write(db).await?;
    lock_business(&txn, business_id).await?;
    if open_offers(&txn, business_id, today_in_brussels(now)).await? >= MAX_OPEN_OFFERS {
        return Err(DomainError::field("offers", "too_many_offers"));
    }
    let mut row = offer::ActiveModel {
        id: NotSet,
        business_id: Set(business_id),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(publish.then_some(now)),
        ended_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        created_by: Set(Some(actor.account_id)),
        version: Set(1),
        ..Default::default()
    };
    apply(&mut row, checked);
    set_photo(&mut row, photo.unwrap_or(&StoredPhoto::default()));
    let id = row.insert(&txn).await?.id;
    let mut changes = Changes::new();
    changes.note("offer", &id);
    changes.note("title", &checked.title[0]);
    audit::record(
        &txn,
        actor,
        Some(business_id),
        if publish { "offer_published" } else { "offer_drafted" },
        changes,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// The business's row, locked for the transaction ([`crate::db::lock_business`]), so that two
/// tabs cannot pass [`MAX_OPEN_OFFERS`] together.
async fn lock_business(txn: &impl ConnectionTrait, business_id: i32) -> Result<(), DomainError> {
    if crate::db::lock_business(txn, business_id).await? {
        Ok(())
    } else {
        Err(DomainError::NotFound)
    }
}

/// Saves an edit of offer `offer_id` loaded at `version`; `publish` also publishes a draft.
/// Returns the new version.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    version: i32,
    form: &OfferForm,
    photo: PhotoChange,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, offer_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if before.version != version {
        return Err(DomainError::Conflict);
    }
    let today = today_in_brussels(now);
    if state_of(&before, today) == OfferState::Ended {
        // An ended offer is history (its page says so); "post again" makes a new one.
        return Err(DomainError::field("offer", "offer_ended"));
    }
    let has_photo = match &photo {
        PhotoChange::Keep => before.photo_file.is_some(),
        PhotoChange::Replace(bytes) => !bytes.is_empty() || before.photo_file.is_some(),
        PhotoChange::Remove => false,
    };
    let checked = check_form(form, today, Some(before.starts_on), has_photo).map_err(invalid)?;
    let written = match photo.clone() {
        PhotoChange::Replace(bytes) if !bytes.is_empty() => Some(write_photo(media_dir, bytes).await?),
        _ => None,
    };
    let old_photo = StoredPhoto::of(&before);
    let new_photo = match (&photo, &written) {
        (_, Some(written)) => written.stored.clone(),
        (PhotoChange::Remove, None) => StoredPhoto::default(),
        _ => old_photo.clone(),
    };
    let outcome = async {
        let txn = begin_write(db).await?;
        let mut row = offer::ActiveModel { version: Set(version + 1), updated_at: Set(now), ..Default::default() };
        apply(&mut row, &checked);
        set_photo(&mut row, &new_photo);
        if publish && before.published_at.is_none() {
            row.published_at = Set(Some(now));
        }
        let updated = offer::Entity::update_many()
            .set(row)
            .filter(offer::Column::Id.eq(offer_id))
            .filter(offer::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(DomainError::Conflict);
        }
        let mut changes = Changes::new();
        changes.note("offer", &offer_id);
        changes.compare("title", &before.title_fr, &checked.title[0]);
        changes.compare("starts_on", &before.starts_on, &checked.starts_on);
        changes.compare("ends_on", &before.ends_on, &checked.ends_on);
        changes.compare("photo", &old_photo.file, &new_photo.file);
        let action = if publish && before.published_at.is_none() { "offer_published" } else { "offer_updated" };
        audit::record(&txn, actor, Some(business_id), action, changes, now).await?;
        txn.commit().await?;
        Ok(version + 1)
    }
    .await;
    match (&outcome, &written) {
        (Err(_), Some(written)) => photos::store::remove_files(&written.paths),
        (Ok(_), _) if old_photo.file != new_photo.file => {
            photos::store::remove_files(&orphaned_files(db, media_dir, &old_photo).await?);
        }
        _ => {}
    }
    outcome
}

/// Publishes a draft as it is (after the preview). Its dates are checked again: a draft left
/// since last week may now start in the past.
pub async fn publish(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    version: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, offer_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if before.version != version {
        return Err(DomainError::Conflict);
    }
    if before.published_at.is_some() {
        return Ok(());
    }
    check_form(&form_of(&before), today_in_brussels(now), None, before.photo_file.is_some()).map_err(invalid)?;
    let txn = begin_write(db).await?;
    let updated = offer::Entity::update_many()
        .col_expr(offer::Column::PublishedAt, Expr::value(now))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .col_expr(offer::Column::Version, Expr::value(version + 1))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict);
    }
    let mut changes = Changes::new();
    changes.note("offer", &offer_id);
    changes.note("title", &before.title_fr);
    audit::record(&txn, actor, Some(business_id), "offer_published", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a scheduled or live offer now: it leaves every list and feed at once; its page stays and
/// says it has ended.
pub async fn end_early(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, offer_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    match state_of(&before, today_in_brussels(now)) {
        OfferState::Scheduled | OfferState::Live => {}
        // Ending an ended offer again (a second tap, a second tab) changes nothing.
        OfferState::Ended => return Ok(()),
        OfferState::Draft => return Err(DomainError::field("offer", "offer_not_published")),
    }
    let txn = begin_write(db).await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::EndedAt, Expr::value(now))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .col_expr(offer::Column::Version, Expr::col(offer::Column::Version).add(1))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::EndedAt.is_null())
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("offer", &offer_id);
    changes.note("title", &before.title_fr);
    audit::record(&txn, actor, Some(business_id), "offer_ended", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes an offer and, when no other offer shows it, its photo's files.
pub async fn delete(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (_, before) = find_for_merchant(db, actor, business_id, offer_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let txn = begin_write(db).await?;
    offer::Entity::delete_many()
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::BusinessId.eq(business_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("offer", &offer_id);
    changes.note("title", &before.title_fr);
    audit::record(&txn, actor, Some(business_id), "offer_deleted", changes, now).await?;
    txn.commit().await?;
    photos::store::remove_files(&orphaned_files(db, media_dir, &StoredPhoto::of(&before)).await?);
    Ok(())
}

/// "Post again": a new published offer copied from `offer_id` (texts, kind, code, photo) with
/// new dates; refused for an offer the town hid. Returns the new offer's id.
pub async fn post_again(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    starts_on: &str,
    ends_on: &str,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let (_, source) = find_for_merchant(db, actor, business_id, offer_id).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    // The town hid it: a copy would put it back in public without the town's say.
    if source.hidden_at.is_some() {
        return Err(DomainError::field("offer", "offer_hidden"));
    }
    let mut form = form_of(&source);
    form.starts_on = starts_on.to_string();
    form.ends_on = ends_on.to_string();
    let checked = check_form(&form, today_in_brussels(now), None, source.photo_file.is_some()).map_err(invalid)?;
    insert(db, actor, business_id, &checked, Some(&StoredPhoto::of(&source)), true, now).await
}

/// The dates "post again" proposes: from today, as long as the original (capped by the rules).
pub fn post_again_dates(offer: &offer::Model, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let start = today_in_brussels(now);
    let days = (offer.ends_on - offer.starts_on).num_days().clamp(0, common::offers::MAX_DAYS - 1);
    (start, start + chrono::Days::new(days as u64))
}

/// For each ended offer the merchant's list shows (the last 50) and the town did not hide, its id
/// and the dates "post again" proposes ([`post_again_dates`]); one authorisation for the list.
pub async fn post_again_proposals(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, NaiveDate, NaiveDate)>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let today = today_in_brussels(now);
    let offers = offer::Entity::find()
        .filter(offer::Column::BusinessId.eq(business_id))
        .order_by_desc(offer::Column::EndsOn)
        .order_by_desc(offer::Column::Id)
        .all(db)
        .await?;
    Ok(offers
        .iter()
        .filter(|o| state_of(o, today) == OfferState::Ended)
        .take(50)
        .filter(|o| o.hidden_at.is_none())
        .map(|o| {
            let (start, end) = post_again_dates(o, now);
            (o.id, start, end)
        })
        .collect())
}

fn row_of(offer: &offer::Model, lang: Lang, today: NaiveDate) -> MerchantOfferRow {
    MerchantOfferRow {
        id: offer.id,
        kind: kind_of(offer),
        state: state_of(offer, today),
        title: title_in(offer, lang).0.to_string(),
        starts_on: offer.starts_on.format("%Y-%m-%d").to_string(),
        ends_on: offer.ends_on.format("%Y-%m-%d").to_string(),
        thumbnail: photo_url(offer, 0),
        hidden_reason: offer.hidden_at.and(offer.hidden_reason.clone()),
    }
}

/// A business's offers for its merchant, by state: drafts and scheduled soonest first, live
/// ending soonest first, ended most recent first (the last 50).
pub async fn list(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<MerchantOffers, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let today = today_in_brussels(now);
    let offers = offer::Entity::find()
        .filter(offer::Column::BusinessId.eq(business_id))
        .order_by_desc(offer::Column::EndsOn)
        .order_by_desc(offer::Column::Id)
        .all(db)
        .await?;
    let mut view = MerchantOffers {
        business_id,
        business_name: access.business.name.clone(),
        business_slug: access.business.slug.clone(),
        drafts: Vec::new(),
        scheduled: Vec::new(),
        live: Vec::new(),
        ended: Vec::new(),
    };
    for offer in &offers {
        let row = row_of(offer, lang, today);
        match row.state {
            OfferState::Draft => view.drafts.push(row),
            OfferState::Scheduled => view.scheduled.push(row),
            OfferState::Live => view.live.push(row),
            OfferState::Ended if view.ended.len() < 50 => view.ended.push(row),
            OfferState::Ended => {}
        }
    }
    view.drafts.reverse();
    view.scheduled.sort_by(|a, b| a.starts_on.cmp(&b.starts_on));
    view.live.reverse();
    Ok(view)
}

/// An offer opened in the editor.
pub async fn edit_view(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    offer_id: i32,
    now: DateTime<Utc>,
) -> Result<OfferEdit, DomainError> {
    let (_, offer) = find_for_merchant(db, actor, business_id, offer_id).await?;
    Ok(OfferEdit {
        id: offer.id,
        business_id,
        state: state_of(&offer, today_in_brussels(now)),
        version: offer.version,
        form: form_of(&offer),
        photo: photo_url(&offer, 0),
        hidden_reason: offer.hidden_at.and(offer.hidden_reason.clone()),
    })
}

/// A town administrator hides an offer from every public list, feed and page, with the reason
/// its merchant sees.
pub async fn hide(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    offer_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let actor = require_admin(actor)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::field("reason", "required"));
    }
    if reason.len() > HIDE_REASON_MAX * 4 || reason.chars().count() > HIDE_REASON_MAX {
        return Err(DomainError::Invalid(vec![FieldProblem::with_limit("reason", "too_long", HIDE_REASON_MAX as u32)]));
    }
    if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(DomainError::field("reason", "control_characters"));
    }
    let before = offer::Entity::find_by_id(offer_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let txn = begin_write(db).await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::HiddenAt, Expr::value(now))
        .col_expr(offer::Column::HiddenReason, Expr::value(reason.to_string()))
        .filter(offer::Column::Id.eq(offer_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("offer", &offer_id);
    changes.note("title", &before.title_fr);
    changes.note("reason", &reason);
    audit::record(&txn, actor, Some(before.business_id), "offer_hidden", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// A town administrator shows a hidden offer again.
pub async fn restore(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    offer_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let actor = require_admin(actor)?;
    let before = offer::Entity::find_by_id(offer_id).one(db).await?.ok_or(DomainError::NotFound)?;
    if before.hidden_at.is_none() {
        return Ok(());
    }
    let txn = begin_write(db).await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::HiddenAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(offer::Column::HiddenReason, Expr::value(Option::<String>::None))
        .filter(offer::Column::Id.eq(offer_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("offer", &offer_id);
    changes.note("title", &before.title_fr);
    audit::record(&txn, actor, Some(before.business_id), "offer_restored", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// One offer in the town administrator's review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub offer: offer::Model,
    pub business_name: String,
    pub business_slug: String,
    pub state: OfferState,
}

/// Recently published offers (the last `limit`), hidden ones included, for the administrator.
pub async fn review_list(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<ReviewRow>, DomainError> {
    require_admin(actor)?;
    let today = today_in_brussels(now);
    let rows = offer::Entity::find()
        .filter(offer::Column::PublishedAt.is_not_null())
        .find_also_related(business::Entity)
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(offer, business)| {
            let business = business?;
            Some(ReviewRow {
                state: state_of(&offer, today),
                business_name: business.name,
                business_slug: business.slug,
                offer,
            })
        })
        .collect())
}
