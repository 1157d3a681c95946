//! A spreadsheet kept between its upload and its import (issue 13). The merchant uploads a file,
//! reads the preview, maps the columns if their names were not recognised, then confirms: four
//! requests, perhaps to different instances, perhaps without JavaScript. The file is kept in the
//! shared database (`product_imports`) and the URL carries only a random id, whose digest names
//! the row, as every token of the site.
//!
//! A kept file is read only by the person who uploaded it, for the business it was uploaded to,
//! within [`LIFETIME`]; anyone else gets `NotFound`, as for an id that does not exist. Each
//! upload deletes the expired files and the uploader's previous file for that business; a
//! confirmed import deletes its file.

use chrono::{DateTime, Duration, Utc};
use entity::product_import;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set};

use super::import::{self, FileProblem, ImportOptions, Preview};
use super::sheet::{self, Column, Format, SheetProblem};
use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;

/// How long an uploaded file waits for its confirmation.
pub const LIFETIME: Duration = Duration::hours(2);

/// Longest file name kept (characters); longer ones are cut.
const FILE_NAME_MAX: usize = 120;

/// Rows of the file shown beside each column in the mapping step.
pub const SAMPLE_ROWS: usize = 3;

/// A kept file and the merchant's choices.
#[derive(Debug, Clone)]
pub struct Kept {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub options: ImportOptions,
    pub created_at: DateTime<Utc>,
}

/// What the mapping step shows of a file: its headers, the column each was recognised as, its
/// first rows, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub headers: Vec<String>,
    pub recognised: Vec<Option<Column>>,
    /// Up to [`SAMPLE_ROWS`] rows, each with one cell per header.
    pub rows: Vec<Vec<String>>,
    pub row_count: usize,
    pub format: Format,
}

/// The headers, recognised columns and first rows of a file.
pub fn sample(bytes: &[u8]) -> Result<Sample, SheetProblem> {
    let read = sheet::read(bytes)?;
    let rows = read
        .rows
        .iter()
        .take(SAMPLE_ROWS)
        .map(|row| (0..read.headers.len()).map(|i| row.get(i).to_string()).collect())
        .collect();
    Ok(Sample {
        recognised: sheet::map_columns(&read.headers),
        row_count: read.rows.len(),
        headers: read.headers,
        rows,
        format: read.format,
    })
}

/// A file name fit to show: its last path segment, without control characters, bounded.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(FILE_NAME_MAX).collect();
    clean.trim().to_string()
}

/// Keeps an uploaded file for the business, for its uploader, if it reads as a spreadsheet;
/// returns the id for the URL. A file that does not read (too large, too many rows, binary, in
/// an unknown encoding, empty) is refused with its reason and nothing is kept.
pub async fn keep(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    file_name: &str,
    bytes: Vec<u8>,
    missing_out_of_stock: bool,
    now: DateTime<Utc>,
) -> Result<Result<String, FileProblem>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if let Err(problem) = sheet::read(&bytes) {
        return Ok(Err(FileProblem::Sheet(problem)));
    }
    product_import::Entity::delete_many().filter(product_import::Column::CreatedAt.lte(now - LIFETIME)).exec(db).await?;
    product_import::Entity::delete_many()
        .filter(product_import::Column::BusinessId.eq(business_id))
        .filter(product_import::Column::AccountId.eq(actor.account_id))
        .exec(db)
        .await?;
    let id = random_token();
    product_import::ActiveModel {
        id: Set(digest(&id)),
        business_id: Set(business_id),
        account_id: Set(actor.account_id),
        file_name: Set(clean_name(file_name)),
        bytes: Set(bytes),
        mapping: Set(None),
        missing_out_of_stock: Set(missing_out_of_stock),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Ok(id))
}

/// The row of `id`, if `actor` uploaded it for `business_id` less than [`LIFETIME`] ago.
async fn row(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    id: &str,
    now: DateTime<Utc>,
) -> Result<product_import::Model, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if !looks_like_token(id) {
        return Err(DomainError::NotFound);
    }
    match product_import::Entity::find_by_id(digest(id)).one(db).await? {
        Some(row) if row.business_id == business_id && row.account_id == actor.account_id && row.created_at > now - LIFETIME => {
            Ok(row)
        }
        _ => Err(DomainError::NotFound),
    }
}

fn mapping_of(stored: Option<&str>) -> Option<Vec<Option<Column>>> {
    let codes: Vec<Option<String>> = serde_json::from_str(stored?).ok()?;
    Some(codes.iter().map(|code| code.as_deref().and_then(Column::from_code)).collect())
}

/// The kept file `id` and the choices made for it.
pub async fn load(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Kept, DomainError> {
    let row = row(db, actor, business_id, id, now).await?;
    Ok(Kept {
        options: ImportOptions {
            mapping: mapping_of(row.mapping.as_deref()),
            missing_out_of_stock: row.missing_out_of_stock,
        },
        file_name: row.file_name,
        bytes: row.bytes,
        created_at: row.created_at,
    })
}

/// What importing the kept file `id` would do, with the choices made for it.
pub async fn preview(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(Kept, Result<Preview, FileProblem>), DomainError> {
    let kept = load(db, actor, business_id, id, now).await?;
    let preview = import::preview(db, actor, business_id, &kept.bytes, &kept.options).await?;
    Ok((kept, preview))
}

/// Records the merchant's choices for the kept file: each header's column (`None`: ignored),
/// or `None` to recognise them by name again; and the "missing products out of stock" option. A
/// mapping that does not have one entry per header, or names a column twice, is refused.
pub async fn choose(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    id: &str,
    mapping: Option<Vec<Option<Column>>>,
    missing_out_of_stock: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let row = row(db, actor, business_id, id, now).await?;
    let stored = match mapping {
        None => None,
        Some(mapping) => {
            let headers = sheet::read(&row.bytes).map(|s| s.headers.len()).unwrap_or_default();
            let mut used: Vec<Column> = mapping.iter().flatten().copied().collect();
            used.sort_by_key(|c| c.code());
            let before = used.len();
            used.dedup();
            if mapping.len() != headers || used.len() != before {
                return Err(DomainError::field("mapping", "import_bad_mapping"));
            }
            let codes: Vec<Option<&str>> = mapping.iter().map(|c| c.map(Column::code)).collect();
            Some(serde_json::to_string(&codes).map_err(|e| DomainError::Internal(e.to_string()))?)
        }
    };
    let mut active = row.into_active_model();
    active.mapping = Set(stored);
    active.missing_out_of_stock = Set(missing_out_of_stock);
    active.update(db).await?;
    Ok(())
}

/// Imports the kept file `id` ([`import::confirm`]: all or nothing, in one transaction). When it
/// was applied (no row refused), the kept file is deleted. Returns what was (or would have been)
/// done.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Result<Preview, FileProblem>, DomainError> {
    let kept = load(db, actor, business_id, id, now).await?;
    let outcome = import::confirm(db, actor, business_id, &kept.bytes, &kept.options, now).await?;
    if matches!(&outcome, Ok(preview) if preview.refused.is_empty()) {
        product_import::Entity::delete_by_id(digest(id)).exec(db).await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cut_to_their_last_segment_and_cleaned() {
        assert_eq!(clean_name("C:\\Users\\marie\\Stock décembre.csv"), "Stock décembre.csv");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\r\n.csv"), "ab.csv");
        assert_eq!(clean_name(&"x".repeat(500)).len(), FILE_NAME_MAX);
    }

    #[test]
    fn a_mapping_is_stored_as_codes_and_read_back() {
        let stored = serde_json::to_string(&[Some("name"), None, Some("price")]).unwrap();
        assert_eq!(mapping_of(Some(&stored)), Some(vec![Some(Column::Name), None, Some(Column::Price)]));
        assert_eq!(mapping_of(Some("[\"licorne\"]")), Some(vec![None]));
        assert_eq!(mapping_of(Some("not json")), None);
        assert_eq!(mapping_of(None), None);
    }
}
