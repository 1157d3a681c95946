//! The town console: what administrators see and do across all businesses. Every function
//! starts with [`crate::authz::require_admin`].
//!
//! - [`overview`]: every business with its owners, last confirmation and state (unclaimed,
//!   invited, active, unpublished), stalest first, filtered by category and state; the e-mail
//!   queue's health (failed and stuck e-mails).
//! - [`business`]: one business's people, open invitations and history.
//! - [`create_business`], [`set_published`] (unpublishing needs a reason, which the merchant sees
//!   on their dashboard); inviting, resending, revoking and removing go through [`crate::team`].
//! - [`remind`] and [`send_due_reminders`]: freshness reminders by e-mail to the people of stale
//!   listings; the automatic one goes once per stale period (30 days after the last
//!   confirmation), whichever instance runs it first.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::console::{BusinessAdmin, ConsoleRow, ConsoleView, ListingState, MailHealth, MailProblemRow};
use common::dashboard::CategoryChoice;
use common::error::FieldProblem;
use common::Lang;
use entity::{account, auth_token, business, category, freshness_reminder, membership};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::accounts::{self, Purpose};
use crate::audit::{self, Changes};
use crate::authz::{require_admin, Actor, Role};
use crate::clock::today_in_brussels;
use crate::error::DomainError;
use crate::mail::Template;
use crate::search::normalize;

/// A listing not confirmed for this many days is stale (dashboard reminder, automatic e-mail).
pub const STALE_AFTER_DAYS: i64 = 30;

fn category_name(c: &category::Model, lang: Lang) -> String {
    match lang {
        Lang::Fr => c.name_fr.clone(),
        Lang::Nl => c.name_nl.clone(),
        Lang::En => c.name_en.clone(),
    }
}

/// Every business for the console, stalest first.
pub async fn overview(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    lang: Lang,
    category_slug: Option<&str>,
    state: Option<ListingState>,
    min_days: Option<i64>,
    now: DateTime<Utc>,
) -> Result<ConsoleView, DomainError> {
    require_admin(actor)?;
    let categories = category::Entity::find().order_by_asc(category::Column::Position).all(db).await?;
    let names: HashMap<i32, String> = categories.iter().map(|c| (c.id, category_name(c, lang))).collect();
    let chosen = match category_slug.filter(|s| !s.is_empty()) {
        Some(slug) => Some(
            categories.iter().find(|c| c.slug == slug).map(|c| c.id).ok_or(DomainError::field("categorie", "unknown_category"))?,
        ),
        None => None,
    };
    let mut query = business::Entity::find().order_by_asc(business::Column::ConfirmedOn).order_by_asc(business::Column::SortName);
    if let Some(id) = chosen {
        query = query.filter(business::Column::CategoryId.eq(id));
    }
    let businesses = query.all(db).await?;
    let members = membership::Entity::find().find_also_related(account::Entity).all(db).await?;
    let mut owners: HashMap<i32, Vec<String>> = HashMap::new();
    let mut managed: HashSet<i32> = HashSet::new();
    for (m, a) in members {
        managed.insert(m.business_id);
        if m.role == Role::Owner.as_str() {
            if let Some(a) = a {
                owners.entry(m.business_id).or_default().push(a.email);
            }
        }
    }
    let invited: HashSet<i32> = auth_token::Entity::find()
        .filter(auth_token::Column::Purpose.eq(Purpose::Invitation.as_str()))
        .filter(auth_token::Column::UsedAt.is_null())
        .filter(auth_token::Column::RevokedAt.is_null())
        .filter(auth_token::Column::ExpiresAt.gt(now))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| t.business_id)
        .collect();
    let today = today_in_brussels(now);
    let rows: Vec<ConsoleRow> = businesses
        .into_iter()
        .map(|b| {
            let state = if !b.published {
                ListingState::Unpublished
            } else if managed.contains(&b.id) {
                ListingState::Active
            } else if invited.contains(&b.id) {
                ListingState::Invited
            } else {
                ListingState::Unclaimed
            };
            ConsoleRow {
                id: b.id,
                slug: b.slug,
                name: b.name,
                category: names.get(&b.category_id).cloned().unwrap_or_default(),
                owners: owners.remove(&b.id).unwrap_or_default(),
                confirmed_on: b.confirmed_on.to_string(),
                days_since_confirmed: (today - b.confirmed_on).num_days(),
                state,
            }
        })
        .filter(|row| state.is_none_or(|s| row.state == s))
        .filter(|row| min_days.is_none_or(|d| row.days_since_confirmed >= d))
        .collect();
    let counts = crate::mail::counts(db, now).await?;
    let problems = crate::mail::failures(db, now, 20)
        .await?
        .into_iter()
        .map(|p| MailProblemRow {
            id: p.id,
            recipient: p.recipient,
            kind: p.kind,
            attempts: p.attempts,
            error: p.last_error.unwrap_or_default(),
            trouble: match p.trouble {
                crate::mail::Trouble::Failed => "failed".into(),
                crate::mail::Trouble::Stuck => "stuck".into(),
            },
        })
        .collect();
    Ok(ConsoleView {
        total: rows.len(),
        rows,
        categories: categories.iter().map(|c| CategoryChoice { slug: c.slug.clone(), name: category_name(c, lang) }).collect(),
        mail: MailHealth { pending: counts.pending, failed: counts.failed, stuck: counts.stuck, problems },
    })
}

/// One business's people, invitations and latest history.
pub async fn business(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<BusinessAdmin, DomainError> {
    require_admin(actor)?;
    let b = business::Entity::find_by_id(business_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let (members, invitations, history) = crate::team::rows_of(db, actor, business_id, 30, now).await?;
    Ok(BusinessAdmin {
        id: b.id,
        slug: b.slug,
        name: b.name,
        published: b.published,
        unpublished_reason: b.unpublished_reason,
        days_since_confirmed: (today_in_brussels(now) - b.confirmed_on).num_days(),
        members,
        invitations,
        history,
    })
}

/// What an administrator types to create a business.
#[derive(Debug, Clone, Default)]
pub struct NewBusiness {
    pub name: String,
    pub category: String,
    pub street: String,
    pub postcode: String,
    pub locality: String,
}

/// Creates a business (unpublished until an administrator publishes it, so that an empty
/// listing never shows in the directory). Returns its id.
pub async fn create_business(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    input: &NewBusiness,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let actor = require_admin(actor)?;
    let mut problems = Vec::new();
    let mut text = |field: &str, value: &str, max: usize| -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            problems.push(FieldProblem::new(field, "required"));
            None
        } else if value.chars().count() > max {
            problems.push(FieldProblem::with_limit(field, "too_long", max as u32));
            None
        } else if value.chars().any(char::is_control) {
            problems.push(FieldProblem::new(field, "control_characters"));
            None
        } else {
            Some(value.to_owned())
        }
    };
    let name = text("name", &input.name, 120);
    let street = text("street", &input.street, 200);
    let postcode = text("postcode", &input.postcode, 8);
    let locality = text("locality", &input.locality, 100);
    if let Some(p) = &postcode {
        if !(p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())) {
            problems.push(FieldProblem::new("postcode", "postcode_invalid"));
        }
    }
    let category = category::Entity::find().filter(category::Column::Slug.eq(input.category.trim())).one(db).await?;
    if category.is_none() {
        problems.push(FieldProblem::new("category", "unknown_category"));
    }
    let (Some(name), Some(street), Some(postcode), Some(locality), Some(category), true) =
        (name, street, postcode, locality, category, problems.is_empty())
    else {
        return Err(DomainError::Invalid(problems));
    };
    let base = slug_of(&name);
    let txn = crate::db::begin_write(db).await?;
    let mut slug = base.clone();
    let mut n = 2;
    while business::Entity::find().filter(business::Column::Slug.eq(slug.as_str())).one(&txn).await?.is_some() {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let created = business::ActiveModel {
        slug: Set(slug.clone()),
        sort_name: Set(normalize(&name)),
        name: Set(name.clone()),
        category_id: Set(category.id),
        description: Set(String::new()),
        street: Set(street),
        postcode: Set(postcode),
        locality: Set(locality),
        // The town centre until the merchant places the shop on the map.
        latitude: Set(50.5789),
        longitude: Set(4.0712),
        closed_on_holidays: Set(true),
        published: Set(false),
        unpublished_reason: Set(None),
        confirmed_on: Set(today_in_brussels(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut changes = Changes::new();
    changes.note("name", &name);
    changes.note("slug", &slug);
    audit::record(&txn, actor, Some(created.id), "business_created", changes, now).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// `boulangerie-du-marche` from "Boulangerie du Marché".
fn slug_of(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(100).collect();
    if slug.is_empty() {
        "commerce".into()
    } else {
        slug.trim_end_matches('-').to_owned()
    }
}

/// Publishes or unpublishes a business. Unpublishing needs a reason, shown to its merchants.
pub async fn set_published(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    published: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let actor = require_admin(actor)?;
    let before = business::Entity::find_by_id(business_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let reason = reason.trim();
    if !published && reason.is_empty() {
        return Err(DomainError::field("reason", "required"));
    }
    let max = common::console::REASON_MAX;
    if reason.len() > max * 4 || reason.chars().count() > max {
        return Err(DomainError::Invalid(vec![FieldProblem::with_limit("reason", "too_long", max as u32)]));
    }
    // A text area's lines end in CR LF when a browser sends them.
    if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(DomainError::field("reason", "control_characters"));
    }
    let reason = reason.replace("\r\n", "\n");
    let reason = reason.as_str();
    let reason = (!published).then(|| reason.to_owned());
    let txn = crate::db::begin_write(db).await?;
    business::Entity::update_many()
        .col_expr(business::Column::Published, Expr::value(published))
        .col_expr(business::Column::UnpublishedReason, Expr::value(reason.clone()))
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .filter(business::Column::Id.eq(business_id))
        .exec(&txn)
        .await?;
    let mut changes = Changes::new();
    changes.compare("published", &before.published, &published);
    changes.compare("unpublished_reason", &before.unpublished_reason, &reason);
    audit::record(&txn, actor, Some(business_id), if published { "published" } else { "unpublished" }, changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// E-mails a freshness reminder to every person of the business. Returns how many were queued.
async fn queue_reminders(
    db: &impl ConnectionTrait,
    b: &business::Model,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let people = membership::Entity::find()
        .filter(membership::Column::BusinessId.eq(b.id))
        .find_also_related(account::Entity)
        .all(db)
        .await?;
    let days = (today_in_brussels(now) - b.confirmed_on).num_days().max(0) as u32;
    let mut sent = 0;
    for (_, person) in people {
        let Some(person) = person else { continue };
        let lang = Lang::from_code(&person.language).unwrap_or(Lang::Fr);
        let template = Template::FreshnessReminder {
            business: b.name.clone(),
            days_since_confirmation: days,
            dashboard_link: accounts::link(base_url, lang, &format!("/tableau-de-bord/{}", b.id)),
        };
        accounts::send(db, &person.email, lang, template, now).await?;
        sent += 1;
    }
    freshness_reminder::Entity::insert(freshness_reminder::ActiveModel {
        business_id: Set(b.id),
        for_confirmation: Set(b.confirmed_on),
        sent_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(freshness_reminder::Column::BusinessId)
            .update_columns([freshness_reminder::Column::ForConfirmation, freshness_reminder::Column::SentAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(sent)
}

/// An administrator's "send a reminder" for the given businesses (the stale view's action).
/// Returns how many e-mails were queued.
pub async fn remind(
    db: &DatabaseConnection,
    notifier: &crate::mail::Notifier,
    actor: Option<&Actor>,
    business_ids: &[i32],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let actor = require_admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let mut sent = 0;
    for b in business::Entity::find().filter(business::Column::Id.is_in(business_ids.iter().copied())).all(&txn).await? {
        sent += queue_reminders(&txn, &b, base_url, now).await?;
        let mut changes = Changes::new();
        changes.note("days_since_confirmation", &(today_in_brussels(now) - b.confirmed_on).num_days());
        audit::record(&txn, actor, Some(b.id), "reminder_sent", changes, now).await?;
    }
    txn.commit().await?;
    notifier.wake();
    Ok(sent)
}

/// The console's "remind them all": a reminder to the people of every managed (active) listing
/// not confirmed for `min_days` days (at least 1), the businesses the stale view lists. Returns
/// how many e-mails were queued.
pub async fn remind_stale(
    db: &DatabaseConnection,
    notifier: &crate::mail::Notifier,
    actor: Option<&Actor>,
    min_days: i64,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let view = overview(db, actor, Lang::Fr, None, Some(ListingState::Active), Some(min_days.max(1)), now).await?;
    let ids: Vec<i32> = view.rows.iter().filter(|r| r.state == ListingState::Active).map(|r| r.id).collect();
    remind(db, notifier, actor, &ids, base_url, now).await
}

/// The automatic reminder: each listing past [`STALE_AFTER_DAYS`] gets one e-mail per stale
/// period (until it is confirmed again). Several instances may run it at once: the reminder row
/// is claimed in the same transaction, so each period's reminder is queued once.
pub async fn send_due_reminders(
    db: &DatabaseConnection,
    notifier: &crate::mail::Notifier,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let cutoff = today_in_brussels(now) - Duration::days(STALE_AFTER_DAYS);
    let stale = business::Entity::find()
        .filter(business::Column::Published.eq(true))
        .filter(business::Column::ConfirmedOn.lte(cutoff))
        .all(db)
        .await?;
    let reminded: HashMap<i32, NaiveDate> = freshness_reminder::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.business_id, r.for_confirmation))
        .collect();
    let mut sent = 0;
    for b in stale {
        if reminded.get(&b.id) == Some(&b.confirmed_on) {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        // Another instance may be deciding the same: the business row's lock (PostgreSQL; SQLite's
        // BEGIN IMMEDIATE already serialises writers) makes them take turns, and the second sees
        // the first one's reminder row.
        business::Entity::find_by_id(b.id).lock_exclusive().one(&txn).await?;
        let current = freshness_reminder::Entity::find_by_id(b.id).one(&txn).await?;
        if current.is_some_and(|r| r.for_confirmation == b.confirmed_on) {
            continue;
        }
        sent += queue_reminders(&txn, &b, base_url, now).await?;
        txn.commit().await?;
    }
    if sent > 0 {
        notifier.wake();
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn slugs_are_made_from_names() {
        assert_eq!(slug_of("Boulangerie du Marché"), "boulangerie-du-marche");
        assert_eq!(slug_of("  L'Épi d'Or & Co.  "), "l-epi-d-or-co");
        assert_eq!(slug_of("!!!"), "commerce");
    }
}
