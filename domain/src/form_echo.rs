//! What a logged-in person typed in a form that was refused while their browser ran no
//! JavaScript (issue 12). Without JavaScript a refusal is a redirect back to the form's page;
//! the page must show the message next to the field and the text as typed. The typed values are
//! kept here, server-side, and the redirect carries only a random id: values in the URL were
//! refused by the edge as soon as a text had two lines (CR/LF), could be far too long for a URL,
//! and could be put there by anyone (a crafted link that pre-fills a merchant's form).
//!
//! An echo is read only by the session that typed it, only for its own form, and only within
//! [`LIFETIME`]. Each new refusal of a form replaces that session's previous echo of it, and
//! deletes every expired echo.

use chrono::{DateTime, Duration, Utc};
use entity::form_echo;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::accounts::tokens::{digest, looks_like_token, random_token};
use crate::error::DomainError;

/// How long a refused form's values can be shown again (a reload, the back button).
pub const LIFETIME: Duration = Duration::minutes(30);

/// The most a refused form's values may take (bytes of names and values together); the
/// server's body limits keep every form well under it.
pub const MAX_BYTES: usize = 512 * 1024;

/// Keeps the values a session typed in `form`; returns the id for the URL, or `None` when there
/// is nothing to keep (no session, or values over [`MAX_BYTES`]).
pub async fn keep(
    db: &impl ConnectionTrait,
    session_token: Option<&str>,
    form: &str,
    fields: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Option<String>, DomainError> {
    let Some(session_token) = session_token.filter(|t| looks_like_token(t)) else { return Ok(None) };
    let size: usize = fields.iter().map(|(name, value)| name.len() + value.len()).sum();
    if size > MAX_BYTES {
        return Ok(None);
    }
    let session_id = digest(session_token);
    form_echo::Entity::delete_many().filter(form_echo::Column::CreatedAt.lte(now - LIFETIME)).exec(db).await?;
    form_echo::Entity::delete_many()
        .filter(form_echo::Column::SessionId.eq(session_id.clone()))
        .filter(form_echo::Column::Form.eq(form))
        .exec(db)
        .await?;
    let id = random_token();
    form_echo::ActiveModel {
        id: Set(digest(&id)),
        session_id: Set(session_id),
        form: Set(form.to_owned()),
        fields: Set(serde_json::to_string(fields).map_err(|e| DomainError::Internal(e.to_string()))?),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Some(id))
}

/// The values kept under `id`, if this session typed them, in `form`, less than [`LIFETIME`]
/// ago; `None` otherwise (another session's id, a made-up one, an expired one).
pub async fn read(
    db: &impl ConnectionTrait,
    session_token: Option<&str>,
    id: &str,
    form: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<(String, String)>>, DomainError> {
    let Some(session_token) = session_token.filter(|t| looks_like_token(t)) else { return Ok(None) };
    if !looks_like_token(id) {
        return Ok(None);
    }
    let Some(row) = form_echo::Entity::find_by_id(digest(id)).one(db).await? else { return Ok(None) };
    if row.session_id != digest(session_token) || row.form != form || row.created_at <= now - LIFETIME {
        return Ok(None);
    }
    Ok(serde_json::from_str(&row.fields).ok())
}
