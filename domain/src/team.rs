//! Who works for a business: invitations by e-mail, accepting them, and removing access.
//!
//! - A town administrator invites the owner of any business (or staff); an owner invites staff
//!   to their own business ([`crate::authz::Need::ManageTeam`]).
//! - The link is valid [`crate::accounts::INVITATION_VALID`], single-use, and can be resent
//!   (the previous link is revoked) or revoked.
//! - Accepting creates the account if the address has none (the person sets a password on the
//!   way), adds the membership and logs the person in. When the address already has an account
//!   with a password, accepting asks for that password (the login's check, throttled alike): a
//!   link alone never signs anyone into an existing account.
//! - Each business may have at most [`MAX_PENDING_INVITATIONS`] invitations waiting and send at
//!   most [`MAX_INVITATIONS_PER_DAY`] in 24 hours (their text goes out on the town's mail
//!   reputation); both are counted in the writing transaction under the business's row lock, so
//!   concurrent invitations cannot pass them together. Past either: `TooManyAttempts` (429) with
//!   the time until one is free again.
//! - Every step is written to the business's history.

use chrono::{DateTime, Duration, Utc};
use entity::{account, auth_token, business, membership};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::accounts::{self, account_email, issue_link, password, sessions, LoggedIn, Purpose};
use crate::audit::{self, Changes};
use crate::authz::{authorize, Actor, Need, Role};
use crate::error::DomainError;
use crate::mail::Template;
use common::Lang;

/// Invitations a business may have waiting (not used, revoked or expired).
pub const MAX_PENDING_INVITATIONS: u64 = 20;
/// Invitations a business may send in 24 hours, resent ones included.
pub const MAX_INVITATIONS_PER_DAY: u64 = 10;

/// An invitation just made: what the e-mail needs.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub token: String,
    pub email: String,
    pub business_name: String,
    pub role: Role,
}

/// Invites `email` to work for a business as `role`.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &DatabaseConnection,
    notifier: &crate::mail::Notifier,
    actor: Option<&Actor>,
    business_id: i32,
    email: &str,
    role: Role,
    lang: Lang,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, DomainError> {
    let access = authorize(db, actor, business_id, Need::ManageTeam).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if role == Role::Owner && !actor.is_admin {
        return Err(DomainError::Forbidden);
    }
    let email = account_email(email)?;
    if let Some(existing) = accounts::find_by_email(db, &email).await? {
        if crate::authz::role_in(db, existing.id, business_id).await?.is_some() {
            return Err(DomainError::field("email", "already_member"));
        }
    }
    let txn = crate::db::begin_write(db).await?;
    if !crate::db::lock_business(&txn, business_id).await? {
        return Err(DomainError::NotFound);
    }
    revoke_open(&txn, business_id, &email, now).await?;
    check_invitation_limits(&txn, business_id, now).await?;
    let (link_id, token) =
        issue_link(&txn, Purpose::Invitation, &email, None, Some(business_id), Some(role), Some(actor.account_id), now)
            .await?;
    let mut changes = Changes::new();
    changes.note("email", &email);
    changes.note("role", &role.as_str());
    audit::record(&txn, actor, Some(business_id), "invitation_sent", changes, now).await?;
    let template = Template::Invitation {
        business: Some(access.business.name.clone()),
        link: accounts::link(base_url, lang, &format!("/invitation/{token}")),
        inviter: actor.email.clone(),
        expiry_days: accounts::INVITATION_VALID.num_days() as u32,
    };
    accounts::send_link(&txn, &email, lang, template, link_id, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(Invitation { token, email, business_name: access.business.name, role })
}

/// `TooManyAttempts` when the business already has [`MAX_PENDING_INVITATIONS`] waiting or sent
/// [`MAX_INVITATIONS_PER_DAY`] in the last 24 hours. Runs in the invitation's transaction, after
/// the business's row is locked.
async fn check_invitation_limits(
    db: &impl ConnectionTrait,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let invitations = || {
        auth_token::Entity::find()
            .filter(auth_token::Column::Purpose.eq(Purpose::Invitation.as_str()))
            .filter(auth_token::Column::BusinessId.eq(business_id))
    };
    let day = Duration::hours(24);
    let sent_today: Vec<DateTime<Utc>> = invitations()
        .select_only()
        .column(auth_token::Column::CreatedAt)
        .filter(auth_token::Column::CreatedAt.gt(now - day))
        .order_by_asc(auth_token::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    if sent_today.len() as u64 >= MAX_INVITATIONS_PER_DAY {
        let free_at = sent_today[sent_today.len() - MAX_INVITATIONS_PER_DAY as usize] + day;
        return Err(too_many(free_at, now));
    }
    let waiting: Vec<DateTime<Utc>> = invitations()
        .select_only()
        .column(auth_token::Column::ExpiresAt)
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .filter(auth_token::Column::ExpiresAt.gt(now))
        .order_by_asc(auth_token::Column::ExpiresAt)
        .into_tuple()
        .all(db)
        .await?;
    if waiting.len() as u64 >= MAX_PENDING_INVITATIONS {
        let free_at = waiting[waiting.len() - MAX_PENDING_INVITATIONS as usize];
        return Err(too_many(free_at, now));
    }
    Ok(())
}

fn too_many(free_at: DateTime<Utc>, now: DateTime<Utc>) -> DomainError {
    let secs = (free_at - now).num_seconds().clamp(1, u32::MAX as i64);
    DomainError::TooManyAttempts { retry_after_secs: secs as u32 }
}

async fn revoke_open(
    db: &impl ConnectionTrait,
    business_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let result = auth_token::Entity::update_many()
        .col_expr(auth_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(auth_token::Column::Purpose.eq(Purpose::Invitation.as_str()))
        .filter(auth_token::Column::BusinessId.eq(business_id))
        .filter(auth_token::Column::Email.eq(email))
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    crate::mail::erase_dead_links(db, now).await?;
    Ok(result.rows_affected)
}

/// Revokes the open invitations of `email` to a business.
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    authorize(db, actor, business_id, Need::ManageTeam).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    if revoke_open(&txn, business_id, email, now).await? == 0 {
        return Err(DomainError::NotFound);
    }
    let mut changes = Changes::new();
    changes.note("email", &email);
    audit::record(&txn, actor, Some(business_id), "invitation_revoked", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// What the page behind an invitation link shows before the person continues.
#[derive(Debug, Clone)]
pub struct InvitationPreview {
    pub email: String,
    pub business_name: Option<String>,
    /// The address has no password yet: the page asks for one.
    pub needs_password: bool,
    /// The address has an account with a password: the page asks for it.
    pub asks_account_password: bool,
}

pub async fn preview(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<InvitationPreview, DomainError> {
    let record = accounts::peek_token(db, token, Purpose::Invitation, now).await?;
    let business_name = match record.business_id {
        Some(id) => business::Entity::find_by_id(id).one(db).await?.map(|b| b.name),
        None => None,
    };
    let existing = accounts::find_by_email(db, &record.email).await?;
    let has_password = existing.is_some_and(|a| !a.password_hash.is_empty());
    Ok(InvitationPreview {
        email: record.email,
        business_name,
        needs_password: !has_password,
        asks_account_password: has_password,
    })
}

/// Accepts an invitation: sets the password when the account has none, joins the business,
/// and logs in. `password` is the new password for an address without one, or the account's own
/// password when the address already has an account (checked like a login from `ip`).
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<LoggedIn, DomainError> {
    accept_from(db, token, password, "", now).await
}

/// [`accept`], for a visitor at `ip` (the throttle's key when an account's password is asked).
pub async fn accept_from(
    db: &DatabaseConnection,
    token: &str,
    password: Option<&str>,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<LoggedIn, DomainError> {
    let shown = preview(db, token, now).await?;
    let typed = password.unwrap_or_default();
    let hash = if shown.asks_account_password {
        match accounts::check_password(db, &shown.email, typed, ip, now).await {
            Ok(_) => None,
            Err(DomainError::LoginFailed) => return Err(DomainError::field("password", "password_wrong")),
            Err(other) => return Err(other),
        }
    } else {
        let local = shown.email.split('@').next().unwrap_or_default();
        if let Some(problem) = password::policy_problem(typed, &[&shown.email, local]) {
            return Err(DomainError::field("new_password", problem));
        }
        Some(password::hash(typed.to_owned()).await?)
    };
    let txn = crate::db::begin_write(db).await?;
    let record = accounts::redeem(&txn, token, Purpose::Invitation, now).await?;
    let account = match accounts::find_by_email(&txn, &record.email).await? {
        Some(existing) if existing.password_hash.is_empty() => {
            // The preview saw no password: the one chosen is set now.
            let Some(hash) = hash else { return Err(DomainError::Conflict) };
            let mut active: account::ActiveModel = existing.into();
            active.password_hash = Set(hash);
            active.update(&txn).await?
        }
        // An account with a password joins only if that password was given (it may have got
        // one since the page was shown).
        Some(existing) if shown.asks_account_password => existing,
        Some(_) => return Err(DomainError::Conflict),
        None => {
            let Some(hash) = hash else { return Err(DomainError::Conflict) };
            account::ActiveModel {
                email: Set(record.email.clone()),
                password_hash: Set(hash),
                language: Set("fr".into()),
                is_admin: Set(false),
                created_at: Set(now),
                sessions_valid_after: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    if let Some(business_id) = record.business_id {
        let role = record.role.as_deref().and_then(Role::parse).unwrap_or(Role::Staff);
        match crate::authz::role_in(&txn, account.id, business_id).await? {
            Some(current) if current >= role => {}
            Some(_) => {
                membership::Entity::update_many()
                    .col_expr(membership::Column::Role, Expr::value(role.as_str()))
                    .filter(membership::Column::AccountId.eq(account.id))
                    .filter(membership::Column::BusinessId.eq(business_id))
                    .exec(&txn)
                    .await?;
            }
            None => {
                membership::ActiveModel {
                    account_id: Set(account.id),
                    business_id: Set(business_id),
                    role: Set(role.as_str().into()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        let mut changes = Changes::new();
        changes.note("role", &role.as_str());
        audit::record(&txn, &accounts::actor_of(&account), Some(business_id), "invitation_accepted", changes, now)
            .await?;
    }
    let session_token = sessions::start(&txn, account.id, now).await?;
    txn.commit().await?;
    Ok(LoggedIn { account, session_token })
}

/// One person of a business's team.
#[derive(Debug, Clone)]
pub struct Member {
    pub account_id: i32,
    pub email: String,
    pub role: Role,
}

/// An invitation not used yet.
#[derive(Debug, Clone)]
pub struct OpenInvitation {
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

/// The team and the open invitations of a business (owners and administrators).
pub async fn team(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<(Vec<Member>, Vec<OpenInvitation>), DomainError> {
    authorize(db, actor, business_id, Need::ManageTeam).await?;
    members_of(db, business_id, now).await
}

/// The team and open invitations, without an authorisation check (for the console's lists,
/// whose caller checked that the actor is an administrator).
pub async fn members_of(
    db: &impl ConnectionTrait,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<(Vec<Member>, Vec<OpenInvitation>), DomainError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::BusinessId.eq(business_id))
        .find_also_related(account::Entity)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let members = rows
        .into_iter()
        .filter_map(|(m, a)| Some(Member { account_id: m.account_id, email: a?.email, role: Role::parse(&m.role)? }))
        .collect();
    let open = auth_token::Entity::find()
        .filter(auth_token::Column::Purpose.eq(Purpose::Invitation.as_str()))
        .filter(auth_token::Column::BusinessId.eq(business_id))
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .filter(auth_token::Column::ExpiresAt.gt(now))
        .order_by_asc(auth_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| OpenInvitation {
            email: t.email,
            role: t.role.as_deref().and_then(Role::parse).unwrap_or(Role::Staff),
            expires_at: t.expires_at,
        })
        .collect();
    Ok((members, open))
}

/// Removes someone's access to a business. Owners remove staff; administrators remove anyone.
/// The last owner cannot remove themself (the business would be left without one).
pub async fn remove_member(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    authorize(db, actor, business_id, Need::ManageTeam).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let role = crate::authz::role_in(db, account_id, business_id).await?.ok_or(DomainError::NotFound)?;
    if role == Role::Owner && !actor.is_admin {
        return Err(DomainError::Forbidden);
    }
    let removed = account::Entity::find_by_id(account_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    membership::Entity::delete_many()
        .filter(membership::Column::AccountId.eq(account_id))
        .filter(membership::Column::BusinessId.eq(business_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.note("email", &removed.email);
    changes.note("role", &role.as_str());
    audit::record(&txn, actor, Some(business_id), "member_removed", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The team page of a business: its people, open invitations and history (owners and
/// administrators).
pub async fn team_view(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<common::dashboard::TeamView, DomainError> {
    let access = authorize(db, actor, business_id, Need::ManageTeam).await?;
    let (members, invitations, history) = rows_of(db, actor, business_id, 50, now).await?;
    Ok(common::dashboard::TeamView { business_id, name: access.business.name, members, invitations, history })
}

/// A business's people, open invitations and latest `history_limit` changes as the team page and
/// the console show them (dates in Brussels time). The history checks that `actor` may read it.
pub(crate) async fn rows_of(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    history_limit: u64,
    now: DateTime<Utc>,
) -> Result<
    (Vec<common::console::MemberRow>, Vec<common::console::InvitationRow>, Vec<common::console::HistoryRow>),
    DomainError,
> {
    use chrono_tz::Europe::Brussels;
    use common::console::{HistoryRow, InvitationRow, MemberRow};
    let (members, invitations) = members_of(db, business_id, now).await?;
    let history = audit::history(db, actor, business_id, history_limit).await?;
    let members = members
        .into_iter()
        .map(|m| MemberRow { account_id: m.account_id, email: m.email, role: m.role.as_str().into() })
        .collect();
    let invitations = invitations
        .into_iter()
        .map(|i| InvitationRow {
            email: i.email,
            role: i.role.as_str().into(),
            expires_on: crate::clock::today_in_brussels(i.expires_at).to_string(),
        })
        .collect();
    let history = history
        .into_iter()
        .map(|e| HistoryRow {
            at: e.at.with_timezone(&Brussels).format("%Y-%m-%d %H:%M").to_string(),
            actor: e.actor_email,
            action: e.action,
            fields: e.details.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default(),
        })
        .collect();
    Ok((members, invitations, history))
}
