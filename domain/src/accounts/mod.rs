//! Accounts: town administrators and merchants, how they log in, and the e-mailed links that
//! invite them, reset a password or confirm a new address.
//!
//! - [`password`]: the policy and argon2id hashing (off the async runtime).
//! - [`sessions`]: server-side sessions with inactivity and absolute timeouts.
//! - [`throttle`]: attempts counted per address and client, per client and per address, across
//!   instances, before any password check.
//! - [`tokens`]: random tokens, stored as digests.
//! - [`housekeeping`]: the periodic clean-ups (ended sessions, old throttle rows, dead links).
//!
//! Every answer to a login is the same whether the e-mail has an account or not (same error,
//! a password check of the same cost).
//!
//! # E-mailed links
//!
//! A password reset, a password change and "log out everywhere" revoke the account's open reset
//! and address-change links, and erase the unsent e-mails that carry them; a link issued before
//! the account's last such event (`sessions_valid_after`) is refused whatever its state.

pub mod housekeeping;
pub mod password;
pub mod sessions;
pub mod throttle;
pub mod tokens;

use chrono::{DateTime, Duration, Utc};
use common::values::Email;
use common::Lang;
use entity::{account, auth_token, business, email_outbox, membership};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::authz::{Actor, Role};
use crate::error::DomainError;
use crate::mail::{self, Message, Template};

/// An absolute link to a page of the site in a language (`{base}/nl/reinitialiser/…`).
pub fn link(base_url: &str, lang: Lang, path: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), lang.localize(path))
}

/// Queues an e-mail to `to` (an address accounts already checked).
pub(crate) async fn send(
    db: &impl ConnectionTrait,
    to: &str,
    lang: Lang,
    template: Template,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let to = Email::parse(to).map_err(|e| DomainError::InvalidData(format!("stored address {to}: {e}")))?;
    mail::enqueue(db, &Message { to, lang, template }, now).await?;
    Ok(())
}

/// Queues an e-mail carrying the single-use link `link_id`: the e-mail is erased unsent once the
/// link is used, revoked or expired ([`mail::erase_dead_links`]).
pub(crate) async fn send_link(
    db: &impl ConnectionTrait,
    to: &str,
    lang: Lang,
    template: Template,
    link_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let to = Email::parse(to).map_err(|e| DomainError::InvalidData(format!("stored address {to}: {e}")))?;
    let mut row = mail::outbox_row(&Message { to, lang, template }, now, None);
    row.auth_token_id = Set(Some(link_id));
    email_outbox::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// How long an invitation link stays valid.
pub const INVITATION_VALID: Duration = Duration::days(7);
/// How long a password-reset link stays valid.
pub const RESET_VALID: Duration = Duration::minutes(60);
/// How long a link confirming a new e-mail address stays valid.
pub const EMAIL_CHANGE_VALID: Duration = Duration::hours(24);

/// What a single-use link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
    EmailChange,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailChange => "email_change",
        }
    }
}

/// An e-mail address as accounts know it: checked, then lower-cased whole (nobody expects
/// `Marie@x.be` and `marie@x.be` to be two people).
pub fn account_email(text: &str) -> Result<String, DomainError> {
    Email::parse(text).map(|e| e.as_str().to_lowercase()).map_err(|_| DomainError::field("email", "email_invalid"))
}

fn language_of(model: &account::Model) -> Lang {
    Lang::from_code(&model.language).unwrap_or(Lang::Fr)
}

pub fn actor_of(model: &account::Model) -> Actor {
    Actor { account_id: model.id, email: model.email.clone(), is_admin: model.is_admin, language: language_of(model) }
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<account::Model>, DomainError> {
    Ok(account::Entity::find().filter(account::Column::Email.eq(email)).one(db).await?)
}

/// A successful login: the account and the new session's token (a new id at every login).
pub struct LoggedIn {
    pub account: account::Model,
    pub session_token: String,
}

impl std::fmt::Debug for LoggedIn {
    // Never the token: debug output ends up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoggedIn").field("account", &self.account.email).finish_non_exhaustive()
    }
}

/// Logs in with an e-mail and password, throttled (see [`throttle`]: the attempt is counted
/// before the password is checked).
pub async fn log_in(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<LoggedIn, DomainError> {
    let account = check_password(db, email, password, ip, now).await?;
    let session_token = sessions::start(db, account.id, now).await?;
    Ok(LoggedIn { account, session_token })
}

/// The account of `email` if `password` is its password: the login's throttled check, also used
/// where a link asks for an existing account's password. `LoginFailed` for a wrong password, an
/// unknown address or an account without a password, alike.
pub(crate) async fn check_password(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<account::Model, DomainError> {
    let keys = throttle::login_keys(email, ip);
    throttle::attempt(db, &keys, now).await?;
    let found = match account_email(email) {
        Ok(normalised) => find_by_email(db, &normalised).await?,
        Err(_) => None,
    };
    // Unknown e-mail or no password yet: the same check against a dummy hash, the same answer.
    let stored = found.as_ref().map(|a| a.password_hash.clone()).unwrap_or_default();
    let password = password.chars().take(password::MAX_CHARS + 1).collect::<String>();
    let matches = password::verify(password, stored).await?;
    match found {
        Some(account) if matches => {
            let [(pair, _), (ip_key, _), (account_key, _)] = &keys;
            throttle::clear(db, pair).await?;
            throttle::clear(db, account_key).await?;
            throttle::take_back(db, ip_key).await?;
            Ok(account)
        }
        _ => Err(DomainError::LoginFailed),
    }
}

/// Checks a new password against the policy (personal words: the e-mail and its local part).
fn check_new_password(new_password: &str, email: &str) -> Result<(), DomainError> {
    let local = email.split('@').next().unwrap_or_default();
    match password::policy_problem(new_password, &[email, local]) {
        Some(problem) => Err(DomainError::field("new_password", problem)),
        None => Ok(()),
    }
}

/// Creates a town administrator (the `create-admin` command). With a password, the account can
/// log in at once; without, the returned token is an invitation to set one.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    new_password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(account::Model, Option<String>), DomainError> {
    let email = account_email(email)?;
    if let Some(p) = new_password {
        check_new_password(p, &email)?;
    }
    let hash = match new_password {
        Some(p) => password::hash(p.to_owned()).await?,
        None => String::new(),
    };
    let txn = crate::db::begin_write(db).await?;
    let account = match find_by_email(&txn, &email).await? {
        Some(existing) => {
            let mut active: account::ActiveModel = existing.into();
            active.is_admin = Set(true);
            if !hash.is_empty() {
                active.password_hash = Set(hash);
            }
            active.update(&txn).await?
        }
        None => {
            account::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(hash),
                language: Set("fr".into()),
                is_admin: Set(true),
                created_at: Set(now),
                sessions_valid_after: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let token = if account.password_hash.is_empty() {
        Some(issue_token(&txn, Purpose::Invitation, &email, Some(account.id), None, None, None, now).await?)
    } else {
        None
    };
    txn.commit().await?;
    Ok((account, token))
}

/// Stores a new single-use link and returns its token.
#[allow(clippy::too_many_arguments)]
pub async fn issue_token(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    email: &str,
    account_id: Option<i32>,
    business_id: Option<i32>,
    role: Option<Role>,
    created_by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    Ok(issue_link(db, purpose, email, account_id, business_id, role, created_by, now).await?.1)
}

/// Stores a new single-use link and returns its id and token.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn issue_link(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    email: &str,
    account_id: Option<i32>,
    business_id: Option<i32>,
    role: Option<Role>,
    created_by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(i32, String), DomainError> {
    let token = tokens::random_token();
    let valid_for = match purpose {
        Purpose::Invitation => INVITATION_VALID,
        Purpose::PasswordReset => RESET_VALID,
        Purpose::EmailChange => EMAIL_CHANGE_VALID,
    };
    let row = auth_token::ActiveModel {
        token_hash: Set(tokens::digest(&token)),
        purpose: Set(purpose.as_str().into()),
        account_id: Set(account_id),
        email: Set(email.to_owned()),
        business_id: Set(business_id),
        role: Set(role.map(|r| r.as_str().to_owned())),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row.id, token))
}

/// A link's record if it is still valid (unused, unrevoked, unexpired), without using it: the
/// page a link opens shows a "Continue" button whose POST redeems it, so that mail scanners
/// opening links do not use them up.
pub async fn peek_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<auth_token::Model, DomainError> {
    if !tokens::looks_like_token(token) {
        return Err(DomainError::LinkExpired);
    }
    let record = auth_token::Entity::find()
        .filter(auth_token::Column::TokenHash.eq(tokens::digest(token)))
        .filter(auth_token::Column::Purpose.eq(purpose.as_str()))
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .filter(auth_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .ok_or(DomainError::LinkExpired)?;
    // A link older than the account's last password change or "log out everywhere" is dead,
    // even one a revocation missed (issued concurrently with it).
    if let Some(account_id) = record.account_id {
        let valid_after = account::Entity::find_by_id(account_id).one(db).await?.map(|a| a.sessions_valid_after);
        if valid_after.is_some_and(|after| record.created_at < after) {
            return Err(DomainError::LinkExpired);
        }
    }
    Ok(record)
}

/// Revokes the account's open password-reset and address-change links and erases the unsent
/// e-mails that carry them (a password reset or change, "log out everywhere"). Returns how many
/// links.
pub(crate) async fn revoke_open_links(
    db: &impl ConnectionTrait,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let result = auth_token::Entity::update_many()
        .col_expr(auth_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(auth_token::Column::AccountId.eq(account_id))
        .filter(auth_token::Column::Purpose.is_in([Purpose::PasswordReset.as_str(), Purpose::EmailChange.as_str()]))
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    mail::erase_dead_links(db, now).await?;
    Ok(result.rows_affected)
}

/// Uses a link once: of two concurrent redemptions (two instances, a double click), exactly one
/// gets the record.
pub(crate) async fn redeem(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<auth_token::Model, DomainError> {
    let record = peek_token(db, token, purpose, now).await?;
    let claimed = auth_token::Entity::update_many()
        .col_expr(auth_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(auth_token::Column::Id.eq(record.id))
        .filter(auth_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::LinkExpired);
    }
    Ok(record)
}

/// Starts a password reset: e-mails a link valid [`RESET_VALID`] when the address has an
/// account. The answer is the same either way, and at most [`throttle::RESET_LIMIT`] requests
/// per address are honoured in a window (an inbox cannot be flooded through this form), counted
/// before anything else. The login's throttle does not apply: this is how an owner whose address
/// is throttled gets in.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    email: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let key = (throttle::reset_key(email), throttle::RESET_LIMIT);
    if throttle::attempt(db, std::slice::from_ref(&key), now).await.is_err() {
        return Ok(());
    }
    let Ok(email) = account_email(email) else { return Ok(()) };
    let Some(account) = find_by_email(db, &email).await? else { return Ok(()) };
    let lang = language_of(&account);
    let txn = crate::db::begin_write(db).await?;
    let (link_id, token) =
        issue_link(&txn, Purpose::PasswordReset, &email, Some(account.id), None, None, None, now).await?;
    let template = Template::PasswordReset {
        link: link(base_url, lang, &format!("/reinitialiser/{token}")),
        minutes_valid: RESET_VALID.num_minutes() as u32,
    };
    send_link(&txn, &email, lang, template, link_id, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(())
}

/// Whether a reset link is still valid (the page that opens it says so before asking).
pub async fn reset_link_valid(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
    peek_token(db, token, Purpose::PasswordReset, now).await.map(|_| ())
}

/// Sets a new password from a reset link: ends every session of the account and starts one.
pub async fn reset_password(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    token: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<LoggedIn, DomainError> {
    let record = peek_token(db, token, Purpose::PasswordReset, now).await?;
    check_new_password(new_password, &record.email)?;
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    let record = redeem(&txn, token, Purpose::PasswordReset, now).await?;
    let account_id = record.account_id.ok_or(DomainError::LinkExpired)?;
    let account = set_password(&txn, account_id, hash, now).await?;
    let session_token = sessions::start(&txn, account.id, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(LoggedIn { account, session_token })
}

async fn set_password(
    db: &impl ConnectionTrait,
    account_id: i32,
    hash: String,
    now: DateTime<Utc>,
) -> Result<account::Model, DomainError> {
    let account = account::Entity::find_by_id(account_id).one(db).await?.ok_or(DomainError::LinkExpired)?;
    sessions::end_all(db, account_id, now).await?;
    let lang = language_of(&account);
    let email = account.email.clone();
    let mut active: account::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.sessions_valid_after = Set(now);
    let account = active.update(db).await?;
    // The owner of the address hears of it, in case it was not them.
    send(db, &email, lang, Template::PasswordChanged { at: now }, now).await?;
    Ok(account)
}

/// Changes the password of a logged-in account, which must give its current one. Every session
/// ends; the returned token is a new session for the device that asked.
pub async fn change_password(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    actor: &Actor,
    current_password: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let account = account::Entity::find_by_id(actor.account_id).one(db).await?.ok_or(DomainError::Unauthenticated)?;
    if !password::verify(current_password.to_owned(), account.password_hash.clone()).await? {
        return Err(DomainError::field("current_password", "password_wrong"));
    }
    check_new_password(new_password, &account.email)?;
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    set_password(&txn, account.id, hash, now).await?;
    let token = sessions::start(&txn, account.id, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(token)
}

/// Asks to change the account's e-mail: a link is sent to the new address, and the address
/// changes only when it is followed ([`confirm_email_change`]). Returns the new address.
pub async fn request_email_change(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    actor: &Actor,
    current_password: &str,
    new_email: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let new_email = account_email(new_email).map_err(|_| DomainError::field("new_email", "email_invalid"))?;
    let account = account::Entity::find_by_id(actor.account_id).one(db).await?.ok_or(DomainError::Unauthenticated)?;
    if !password::verify(current_password.to_owned(), account.password_hash.clone()).await? {
        return Err(DomainError::field("current_password", "password_wrong"));
    }
    if new_email == account.email {
        return Err(DomainError::field("new_email", "email_unchanged"));
    }
    // A taken address gets the same answer as a free one (its link will then fail), so this
    // form cannot be used to find out who has an account.
    let lang = language_of(&account);
    let txn = crate::db::begin_write(db).await?;
    let (link_id, token) =
        issue_link(&txn, Purpose::EmailChange, &new_email, Some(account.id), None, None, None, now).await?;
    let template = Template::ConfirmEmailChange { link: link(base_url, lang, &format!("/confirmer-adresse/{token}")) };
    send_link(&txn, &new_email, lang, template, link_id, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok(new_email)
}

/// Uses an e-mail change link: returns the account with its new address and the old address
/// (to be told of the change).
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    notifier: &mail::Notifier,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(account::Model, String), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let record = redeem(&txn, token, Purpose::EmailChange, now).await?;
    let account_id = record.account_id.ok_or(DomainError::LinkExpired)?;
    if find_by_email(&txn, &record.email).await?.is_some() {
        return Err(DomainError::LinkExpired);
    }
    let account = account::Entity::find_by_id(account_id).one(&txn).await?.ok_or(DomainError::LinkExpired)?;
    let old = account.email.clone();
    let lang = language_of(&account);
    let mut active: account::ActiveModel = account.into();
    active.email = Set(record.email.clone());
    let account = active.update(&txn).await?;
    send(&txn, &old, lang, Template::EmailChanged { at: now }, now).await?;
    txn.commit().await?;
    notifier.wake();
    Ok((account, old))
}

/// The businesses an account works for, with its role, by name.
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<(business::Model, Role)>, DomainError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(account_id))
        .find_also_related(business::Entity)
        .order_by_asc(membership::Column::BusinessId)
        .all(db)
        .await?;
    let mut out: Vec<(business::Model, Role)> =
        rows.into_iter().filter_map(|(m, b)| Some((b?, Role::parse(&m.role)?))).collect();
    out.sort_by(|a, b| a.0.sort_name.cmp(&b.0.sort_name));
    Ok(out)
}

/// Sets the language of an account's e-mails.
pub async fn set_language(db: &impl ConnectionTrait, account_id: i32, lang: Lang) -> Result<(), DomainError> {
    account::Entity::update_many()
        .col_expr(account::Column::Language, Expr::value(lang.code()))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}
