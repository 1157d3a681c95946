//! A product's photos (issue 13): at most [`MAX_PHOTOS`], each with its text alternative in the
//! three languages, through the business photos' pipeline (`crate::photos`: the file checked and
//! decoded within limits, its metadata dropped, JPEG variants written under unguessable names).
//!
//! As for every write of the dashboard, each operation asks [`crate::authz`] whether the actor may
//! edit the listing, names the product within its business (another business's product, or a
//! photo of another product, is `NotFound`), and writes the change to the business's history in
//! the transaction that makes it, under the business's lock, so that two tabs cannot pass the
//! limit together. A photo's files are written before its row and removed if the row cannot be
//! written; a deleted photo's files go after its row, unless another product photo still uses
//! them. The product's `updated_at` moves (the sitemap's `lastmod`), not its `version`: a photo
//! added while the product's form is open does not make that form stale.

use std::path::Path;

use chrono::{DateTime, Utc};
use common::catalogue::MAX_PHOTOS;
use entity::{product, product_photo};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use crate::audit::{self, Changes};
use crate::authz::Actor;
use crate::db::{begin_catalogue_write, lock_business};
use crate::error::DomainError;
use crate::photos::{self, AltTexts, PhotoError, PhotoProblem, UploadLimits};

/// The problems' field names (the product page's photo forms).
pub const FILE_FIELD: &str = "photo";
pub const LIST_FIELD: &str = "photos";

fn domain_error(error: DomainError) -> PhotoError {
    match error {
        DomainError::NotFound => PhotoError::NotFound,
        DomainError::Forbidden => PhotoError::Forbidden,
        DomainError::Unauthenticated => PhotoError::Unauthenticated,
        DomainError::Database(error) => PhotoError::Database(error),
        other => PhotoError::Database(sea_orm::DbErr::Custom(other.to_string())),
    }
}

/// The product's photos are at their limit (its number, not the business photos').
fn too_many() -> common::error::FieldProblem {
    common::error::FieldProblem::with_limit(LIST_FIELD, "photos_too_many", MAX_PHOTOS as u32)
}

/// The actor and the product, if the actor may edit the business and the product is one of its.
async fn product_for<'a>(
    db: &impl ConnectionTrait,
    actor: Option<&'a Actor>,
    business_id: i32,
    product_id: i32,
) -> Result<(&'a Actor, product::Model), PhotoError> {
    let (_, product) = super::manage::find_for_merchant(db, actor, business_id, product_id).await.map_err(domain_error)?;
    Ok((actor.ok_or(PhotoError::Unauthenticated)?, product))
}

/// A product's photos in their order.
pub async fn photos_of(db: &impl ConnectionTrait, product_id: i32) -> Result<Vec<product_photo::Model>, sea_orm::DbErr> {
    product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.eq(product_id))
        .order_by_asc(product_photo::Column::Position)
        .order_by_asc(product_photo::Column::Id)
        .all(db)
        .await
}

async fn touch(txn: &impl ConnectionTrait, product_id: i32, now: DateTime<Utc>) -> Result<(), DomainError> {
    product::Entity::update_many()
        .col_expr(product::Column::UpdatedAt, Expr::value(now))
        .filter(product::Column::Id.eq(product_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Adds a photo after the product's others; returns its id.
pub async fn add(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    bytes: Vec<u8>,
    alt: AltTexts,
    now: DateTime<Utc>,
) -> Result<i32, PhotoError> {
    // Checked before the expensive part, and again under the lock when the row is written.
    let (actor, _) = product_for(db, actor, business_id, product_id).await?;
    let count = product_photo::Entity::find().filter(product_photo::Column::ProductId.eq(product_id)).count(db).await?;
    if count as usize >= MAX_PHOTOS {
        return Err(PhotoError::Invalid(vec![too_many()]));
    }
    let alt = photos::checked_alt(&alt, None);
    let photo = if bytes.is_empty() {
        Err(PhotoProblem::Missing)
    } else {
        let key = photos::store::new_key(&bytes);
        photos::process_upload_async(bytes, UploadLimits::default()).await.map(|photo| (key, photo))
    };
    let (key, photo, alt) = match (photo, alt) {
        (Ok((key, photo)), Ok(alt)) => (key, photo, alt),
        (photo, alt) => {
            let mut problems = alt.err().unwrap_or_default();
            if let Err(problem) = photo {
                problems.insert(0, problem.on_field(FILE_FIELD));
            }
            return Err(PhotoError::Invalid(problems));
        }
    };
    let Some(largest) = photo.largest().cloned() else {
        return Err(PhotoError::Invalid(vec![PhotoProblem::Unreadable.on_field(FILE_FIELD)]));
    };
    let widths: Vec<String> = photo.variants.iter().map(|v| v.width.to_string()).collect();
    let written = {
        let (media_dir, key) = (media_dir.to_path_buf(), key.clone());
        tokio::task::spawn_blocking(move || photos::store::write_variants(&media_dir, &key, &photo))
            .await
            .map_err(|error| std::io::Error::other(error.to_string()))??
    };
    let inserted = async {
        let txn = begin_catalogue_write(db).await?;
        let (actor, _) = product_for(&txn, Some(actor), business_id, product_id).await?;
        lock_business(&txn, business_id).await?;
        let existing = photos_of(&txn, product_id).await?;
        if existing.len() >= MAX_PHOTOS {
            return Err(PhotoError::Invalid(vec![too_many()]));
        }
        let row = product_photo::ActiveModel {
            id: NotSet,
            product_id: Set(product_id),
            file: Set(photos::variant_file(&key, largest.width)),
            width: Set(i32::try_from(largest.width).ok()),
            height: Set(i32::try_from(largest.height).ok()),
            variants: Set(Some(widths.join(" "))),
            alt_fr: Set(alt.fr.clone()),
            alt_nl: Set(alt.nl.clone()),
            alt_en: Set(alt.en.clone()),
            position: Set(i32::try_from(existing.len()).unwrap_or(i32::MAX)),
        }
        .insert(&txn)
        .await?;
        touch(&txn, product_id, now).await.map_err(domain_error)?;
        let mut changes = Changes::new();
        changes.note("product", &product_id);
        changes.note("photo", &row.id);
        changes.note("alt_fr", &alt.fr);
        audit::record(&txn, actor, Some(business_id), "product_photo_added", changes, now).await.map_err(domain_error)?;
        txn.commit().await?;
        Ok(row.id)
    }
    .await;
    if inserted.is_err() {
        photos::store::remove_files(&written);
    }
    inserted
}

/// Deletes a photo of the product, closes the gap in the order, then removes its files (unless
/// another product photo uses them).
pub async fn delete(
    db: &DatabaseConnection,
    media_dir: &Path,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    photo_id: i32,
    now: DateTime<Utc>,
) -> Result<(), PhotoError> {
    let txn = begin_catalogue_write(db).await?;
    let (actor, _) = product_for(&txn, actor, business_id, product_id).await?;
    lock_business(&txn, business_id).await?;
    let existing = photos_of(&txn, product_id).await?;
    let photo = existing.iter().find(|p| p.id == photo_id).cloned().ok_or(PhotoError::NotFound)?;
    product_photo::Entity::delete_by_id(photo.id).exec(&txn).await?;
    let rest: Vec<_> = existing.into_iter().filter(|p| p.id != photo_id).collect();
    renumber(&txn, &rest).await?;
    touch(&txn, product_id, now).await.map_err(domain_error)?;
    let mut changes = Changes::new();
    changes.note("product", &product_id);
    changes.note("photo", &photo.id);
    changes.note("alt_fr", &photo.alt_fr);
    audit::record(&txn, actor, Some(business_id), "product_photo_deleted", changes, now).await.map_err(domain_error)?;
    txn.commit().await?;
    let still_used =
        product_photo::Entity::find().filter(product_photo::Column::File.eq(&photo.file)).count(db).await.unwrap_or(1) > 0;
    if !still_used {
        let widths = photos::stored_widths(&photo.file, photo.variants.as_deref()).unwrap_or_default();
        let files = photos::store::files_of(media_dir, &photo.file, &widths);
        let _ = tokio::task::spawn_blocking(move || photos::store::remove_files(&files)).await;
    }
    Ok(())
}

/// Gives `photos` the positions 0, 1, 2… in their order, writing only those that change.
async fn renumber(txn: &impl ConnectionTrait, photos: &[product_photo::Model]) -> Result<(), PhotoError> {
    for (position, photo) in photos.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        if photo.position != position {
            product_photo::Entity::update_many()
                .col_expr(product_photo::Column::Position, Expr::value(position))
                .filter(product_photo::Column::Id.eq(photo.id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Makes a photo the product's first (the one its cards show).
pub async fn make_first(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    photo_id: i32,
    now: DateTime<Utc>,
) -> Result<(), PhotoError> {
    let txn = begin_catalogue_write(db).await?;
    let (actor, _) = product_for(&txn, actor, business_id, product_id).await?;
    lock_business(&txn, business_id).await?;
    let mut existing = photos_of(&txn, product_id).await?;
    let index = existing.iter().position(|p| p.id == photo_id).ok_or(PhotoError::NotFound)?;
    if index > 0 {
        let before: Vec<i32> = existing.iter().map(|p| p.id).collect();
        let photo = existing.remove(index);
        existing.insert(0, photo);
        renumber(&txn, &existing).await?;
        touch(&txn, product_id, now).await.map_err(domain_error)?;
        let mut changes = Changes::new();
        changes.note("product", &product_id);
        changes.compare("order", &before, &existing.iter().map(|p| p.id).collect::<Vec<_>>());
        audit::record(&txn, actor, Some(business_id), "product_photos_reordered", changes, now)
            .await
            .map_err(domain_error)?;
    }
    txn.commit().await?;
    Ok(())
}

/// Replaces a photo's text alternatives.
pub async fn update_alt(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    product_id: i32,
    photo_id: i32,
    alt: AltTexts,
    now: DateTime<Utc>,
) -> Result<(), PhotoError> {
    let alt = photos::checked_alt(&alt, None).map_err(PhotoError::Invalid)?;
    let txn = begin_catalogue_write(db).await?;
    let (actor, _) = product_for(&txn, actor, business_id, product_id).await?;
    lock_business(&txn, business_id).await?;
    let photo = photos_of(&txn, product_id).await?.into_iter().find(|p| p.id == photo_id).ok_or(PhotoError::NotFound)?;
    if (photo.alt_fr.as_str(), photo.alt_nl.as_str(), photo.alt_en.as_str()) != (&alt.fr, &alt.nl, &alt.en) {
        let mut changes = Changes::new();
        changes.note("product", &product_id);
        changes.note("photo", &photo.id);
        changes.compare("alt_fr", &photo.alt_fr, &alt.fr);
        changes.compare("alt_nl", &photo.alt_nl, &alt.nl);
        changes.compare("alt_en", &photo.alt_en, &alt.en);
        product_photo::Entity::update_many()
            .col_expr(product_photo::Column::AltFr, Expr::value(alt.fr))
            .col_expr(product_photo::Column::AltNl, Expr::value(alt.nl))
            .col_expr(product_photo::Column::AltEn, Expr::value(alt.en))
            .filter(product_photo::Column::Id.eq(photo.id))
            .exec(&txn)
            .await?;
        touch(&txn, product_id, now).await.map_err(domain_error)?;
        audit::record(&txn, actor, Some(business_id), "product_photo_alt_saved", changes, now)
            .await
            .map_err(domain_error)?;
    }
    txn.commit().await?;
    Ok(())
}
