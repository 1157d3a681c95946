//! Who may do what. Every write of the domain starts by asking here, so the rule holds for the
//! dashboard, the server functions, the console and any future API alike.
//!
//! | action | anonymous | staff of the business | owner of the business | town admin |
//! |---|---|---|---|---|
//! | edit the listing (profile, hours, photos, confirm) | no | yes | yes | yes |
//! | see the business's history, manage its team | no | no | yes | yes |
//! | create, publish or unpublish businesses, invite owners | no | no | no | yes |
//!
//! Membership of *another* business grants nothing here. An id that names no business is
//! `NotFound` for everyone allowed to look, and `Forbidden` for anyone else, so a guess at ids
//! learns nothing beyond what the public directory already shows.

use common::Lang;
use entity::{business, membership};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::DomainError;

/// The logged-in person a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i32,
    pub email: String,
    pub is_admin: bool,
    pub language: Lang,
}

/// A person's role in one business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Staff,
    Owner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "owner" => Some(Role::Owner),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// What is asked of a business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Profile, hours, photos, freshness.
    EditListing,
    /// The history of changes, inviting and removing staff.
    ManageTeam,
}

/// What a permission check found: the business and how the actor relates to it.
#[derive(Debug, Clone)]
pub struct Access {
    pub business: business::Model,
    /// `None` for an administrator who is not a member.
    pub role: Option<Role>,
}

/// The actor's role in a business, if any.
pub async fn role_in(db: &impl ConnectionTrait, account_id: i32, business_id: i32) -> Result<Option<Role>, DomainError> {
    let row = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(account_id))
        .filter(membership::Column::BusinessId.eq(business_id))
        .one(db)
        .await?;
    Ok(row.and_then(|m| Role::parse(&m.role)))
}

/// Checks that `actor` may do `need` on the business; returns the business.
pub async fn authorize(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    need: Need,
) -> Result<Access, DomainError> {
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let role = role_in(db, actor.account_id, business_id).await?;
    let allowed = actor.is_admin
        || match need {
            Need::EditListing => role.is_some(),
            Need::ManageTeam => role == Some(Role::Owner),
        };
    if !allowed {
        return Err(DomainError::Forbidden);
    }
    let business = business::Entity::find_by_id(business_id).one(db).await?.ok_or(DomainError::NotFound)?;
    Ok(Access { business, role })
}

/// Checks that `actor` is a town administrator.
pub fn require_admin(actor: Option<&Actor>) -> Result<&Actor, DomainError> {
    match actor {
        None => Err(DomainError::Unauthenticated),
        Some(a) if a.is_admin => Ok(a),
        Some(_) => Err(DomainError::Forbidden),
    }
}
