//! The history of every change to a business: who, when, and what changed (the fields with
//! their old and new values, as JSON). Written in the same transaction as the change, so a
//! change without its history line cannot exist. Owners and administrators read it
//! ([`history`]); staff do not.

use chrono::{DateTime, Utc};
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Map, Value};

use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;

/// The fields a change touched, each with `{"from": …, "to": …}`.
#[derive(Debug, Default, Clone)]
pub struct Changes(Map<String, Value>);

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes a field if its value changed.
    pub fn compare<T: serde::Serialize + PartialEq>(&mut self, field: &str, from: &T, to: &T) {
        if from != to {
            let entry = serde_json::json!({ "from": from, "to": to });
            self.0.insert(field.to_owned(), entry);
        }
    }

    /// Notes a fact of the change (a photo's name, a reason).
    pub fn note<T: serde::Serialize>(&mut self, field: &str, value: &T) {
        self.0.insert(field.to_owned(), serde_json::to_value(value).unwrap_or(Value::Null));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// Records one change.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    business_id: Option<i32>,
    action: &str,
    changes: Changes,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    audit_log::ActiveModel {
        business_id: Set(business_id),
        account_id: Set(Some(actor.account_id)),
        actor_email: Set(actor.email.clone()),
        at: Set(now),
        action: Set(action.to_owned()),
        details: Set(Value::Object(changes.0).to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One line of a business's history.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub actor_email: String,
    pub action: String,
    pub details: Value,
}

/// The latest changes to a business, newest first (owners and administrators only).
pub async fn history(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    limit: u64,
) -> Result<Vec<Entry>, DomainError> {
    authorize(db, actor, business_id, Need::ManageTeam).await?;
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::BusinessId.eq(business_id))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Entry {
            at: r.at,
            actor_email: r.actor_email,
            action: r.action,
            details: serde_json::from_str(&r.details).unwrap_or(Value::Null),
        })
        .collect())
}
