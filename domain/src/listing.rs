//! A merchant's edits to their listing: profile, weekly hours, date exceptions, and "everything
//! is still correct". Each write:
//!
//! 1. asks [`crate::authz::authorize`] (staff, owners and administrators may edit a listing);
//! 2. checks every field and answers all problems at once (`DomainError::Invalid`), changing
//!    nothing;
//! 3. names the version the form was loaded at: the business row is updated only if it still has
//!    that version (`UPDATE … WHERE version = ?`), so of two people saving the same listing the
//!    second is told (`DomainError::Conflict`) instead of silently overwriting the first;
//! 4. records what changed in the history, in the same transaction.
//!
//! The directory's data version moves with each write (triggers), so every instance shows the
//! change within its version check (a second).

use chrono::{DateTime, NaiveDate, Utc};
use common::dashboard::{
    format_day, parse_day, CategoryChoice, ExceptionRow, HoursForm, ListingView, ProfileForm, ACCESSIBILITY_FEATURES,
    DESCRIPTION_MAX,
};
use common::error::FieldProblem;
use common::values::{social_url, Email, Network, Phone, WebUrl};
use common::Lang;
use entity::{business, business_accessibility, category, exception_span, hours_exception, opening_hours};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::audit::{self, Changes};
use crate::authz::{authorize, Actor, Need};
use crate::clock::today_in_brussels;
use crate::error::DomainError;
use crate::search::normalize;

/// Everything the dashboard of a business shows (staff, owners, administrators).
pub async fn view(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<ListingView, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let b = access.business;
    let categories = category::Entity::find().order_by_asc(category::Column::Position).all(db).await?;
    let category_slug = categories.iter().find(|c| c.id == b.category_id).map(|c| c.slug.clone()).unwrap_or_default();
    let features = business_accessibility::Entity::find()
        .filter(business_accessibility::Column::BusinessId.eq(b.id))
        .all(db)
        .await?;
    let week = opening_hours::Entity::find()
        .filter(opening_hours::Column::BusinessId.eq(b.id))
        .order_by_asc(opening_hours::Column::Weekday)
        .order_by_asc(opening_hours::Column::Opens)
        .all(db)
        .await?;
    let mut days: [String; 7] = Default::default();
    for (day, text) in days.iter_mut().enumerate() {
        let spans: Vec<common::time::Span> = week
            .iter()
            .filter(|h| h.weekday as usize == day)
            .map(|h| common::time::Span { opens: h.opens as u16, closes: h.closes as u16 })
            .collect();
        *text = format_day(&spans);
    }
    let exception_rows = hours_exception::Entity::find()
        .filter(hours_exception::Column::BusinessId.eq(b.id))
        .filter(hours_exception::Column::EndsOn.gte(today_in_brussels(now)))
        .order_by_asc(hours_exception::Column::StartsOn)
        .all(db)
        .await?;
    let spans = exception_span::Entity::find()
        .filter(exception_span::Column::ExceptionId.is_in(exception_rows.iter().map(|e| e.id)))
        .order_by_asc(exception_span::Column::Opens)
        .all(db)
        .await?;
    let exceptions = exception_rows
        .into_iter()
        .map(|e| ExceptionRow {
            id: e.id,
            starts_on: e.starts_on.to_string(),
            ends_on: e.ends_on.to_string(),
            closed: e.closed,
            hours: format_day(
                &spans
                    .iter()
                    .filter(|s| s.exception_id == e.id)
                    .map(|s| common::time::Span { opens: s.opens as u16, closes: s.closes as u16 })
                    .collect::<Vec<_>>(),
            ),
            note_fr: e.note_fr.unwrap_or_default(),
        })
        .collect();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(ListingView {
        business_id: b.id,
        slug: b.slug.clone(),
        name: b.name.clone(),
        version: b.version,
        published: b.published,
        unpublished_reason: b.unpublished_reason.clone(),
        confirmed_on: b.confirmed_on.to_string(),
        days_since_confirmed: (today_in_brussels(now) - b.confirmed_on).num_days(),
        role: access.role.map(|r| r.as_str().to_owned()).unwrap_or_else(|| "admin".into()),
        profile: ProfileForm {
            name: b.name.clone(),
            category: category_slug,
            description_fr: b.description.clone(),
            description_nl: opt(&b.description_nl),
            description_en: opt(&b.description_en),
            street: b.street.clone(),
            postcode: b.postcode.clone(),
            locality: b.locality.clone(),
            latitude: format!("{:.6}", b.latitude),
            longitude: format!("{:.6}", b.longitude),
            phone: b.phone.as_deref().and_then(|p| Phone::parse(p).ok()).map(|p| p.display()).unwrap_or_default(),
            email: opt(&b.email),
            website: opt(&b.website),
            facebook: opt(&b.facebook),
            instagram: opt(&b.instagram),
            // In the form's order, whatever order the rows were written in.
            accessibility: ACCESSIBILITY_FEATURES
                .iter()
                .filter(|key| features.iter().any(|f| f.feature == **key))
                .copied()
                .collect::<Vec<_>>()
                .join(","),
        },
        hours: HoursForm { days, closed_on_holidays: b.closed_on_holidays },
        exceptions,
        categories: categories
            .iter()
            .map(|c| CategoryChoice {
                slug: c.slug.clone(),
                name: match lang {
                    Lang::Fr => c.name_fr.clone(),
                    Lang::Nl => c.name_nl.clone(),
                    Lang::En => c.name_en.clone(),
                },
            })
            .collect(),
    })
}

/// A required line of text: trimmed, 1..=max characters, no control characters.
fn line(problems: &mut Vec<FieldProblem>, field: &str, text: &str, max: usize, required: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            problems.push(FieldProblem::new(field, "required"));
        }
        return None;
    }
    if text.chars().count() > max {
        problems.push(FieldProblem::with_limit(field, "too_long", max as u32));
        return None;
    }
    if text.chars().any(|c| c.is_control()) {
        problems.push(FieldProblem::new(field, "control_characters"));
        return None;
    }
    Some(text.to_owned())
}

/// A description: several lines allowed (newlines and tabs), other control characters not.
fn paragraph(problems: &mut Vec<FieldProblem>, field: &str, text: &str, required: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            problems.push(FieldProblem::new(field, "required"));
        }
        return None;
    }
    if text.len() > DESCRIPTION_MAX * 4 || text.chars().count() > DESCRIPTION_MAX {
        problems.push(FieldProblem::with_limit(field, "too_long", DESCRIPTION_MAX as u32));
        return None;
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        problems.push(FieldProblem::new(field, "control_characters"));
        return None;
    }
    Some(text.replace("\r\n", "\n"))
}

fn optional<T>(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    text: &str,
    problem: &str,
    parse: impl Fn(&str) -> Result<T, common::values::ValueError>,
) -> Option<T> {
    if text.trim().is_empty() {
        return None;
    }
    match parse(text) {
        Ok(value) => Some(value),
        Err(_) => {
            problems.push(FieldProblem::new(field, problem));
            None
        }
    }
}

fn coordinate(problems: &mut Vec<FieldProblem>, field: &str, text: &str, range: (f64, f64)) -> f64 {
    match text.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= range.0 && v <= range.1 => v,
        _ => {
            problems.push(FieldProblem::new(field, "coordinate_invalid"));
            0.0
        }
    }
}

/// Saves the profile form. Returns the new version.
pub async fn save_profile(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    version: i32,
    form: &ProfileForm,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let before = access.business;
    let mut problems = Vec::new();
    let name = line(&mut problems, "name", &form.name, 120, true);
    let category = category::Entity::find().filter(category::Column::Slug.eq(form.category.trim())).one(db).await?;
    if category.is_none() {
        problems.push(FieldProblem::new("category", "unknown_category"));
    }
    let description_fr = paragraph(&mut problems, "description_fr", &form.description_fr, true);
    let description_nl = paragraph(&mut problems, "description_nl", &form.description_nl, false);
    let description_en = paragraph(&mut problems, "description_en", &form.description_en, false);
    let street = line(&mut problems, "street", &form.street, 200, true);
    let postcode = line(&mut problems, "postcode", &form.postcode, 8, true);
    if let Some(p) = &postcode {
        if !(p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())) {
            problems.push(FieldProblem::new("postcode", "postcode_invalid"));
        }
    }
    let locality = line(&mut problems, "locality", &form.locality, 100, true);
    // Belgium and its surroundings: a point in the sea or at 0,0 is a slip.
    let latitude = coordinate(&mut problems, "latitude", &form.latitude, (49.0, 52.0));
    let longitude = coordinate(&mut problems, "longitude", &form.longitude, (2.0, 7.0));
    let phone = optional(&mut problems, "phone", &form.phone, "phone_invalid", Phone::parse).map(String::from);
    let email = optional(&mut problems, "email", &form.email, "email_invalid", Email::parse).map(String::from);
    let website = optional(&mut problems, "website", &form.website, "url_invalid", WebUrl::parse).map(String::from);
    let facebook =
        optional(&mut problems, "facebook", &form.facebook, "facebook_invalid", |t| social_url(Network::Facebook, t))
            .map(String::from);
    let instagram =
        optional(&mut problems, "instagram", &form.instagram, "instagram_invalid", |t| social_url(Network::Instagram, t))
            .map(String::from);
    let mut features: Vec<String> = Vec::new();
    for key in form.accessibility.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        if !ACCESSIBILITY_FEATURES.contains(&key) {
            problems.push(FieldProblem::new("accessibility", "unknown_feature"));
            break;
        }
        if !features.iter().any(|f| f == key) {
            features.push(key.to_owned());
        }
    }
    let (Some(name), Some(category), Some(description_fr), Some(street), Some(postcode), Some(locality), true) =
        (name, category, description_fr, street, postcode, locality, problems.is_empty())
    else {
        return Err(DomainError::Invalid(problems));
    };

    let mut changes = Changes::new();
    changes.compare("name", &before.name, &name);
    changes.compare("category", &before.category_id, &category.id);
    changes.compare("description_fr", &before.description, &description_fr);
    changes.compare("description_nl", &before.description_nl, &description_nl);
    changes.compare("description_en", &before.description_en, &description_en);
    changes.compare("street", &before.street, &street);
    changes.compare("postcode", &before.postcode, &postcode);
    changes.compare("locality", &before.locality, &locality);
    changes.compare("latitude", &before.latitude, &latitude);
    changes.compare("longitude", &before.longitude, &longitude);
    changes.compare("phone", &before.phone, &phone);
    changes.compare("email", &before.email, &email);
    changes.compare("website", &before.website, &website);
    changes.compare("facebook", &before.facebook, &facebook);
    changes.compare("instagram", &before.instagram, &instagram);
    let old_features: Vec<String> = business_accessibility::Entity::find()
        .filter(business_accessibility::Column::BusinessId.eq(business_id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.feature)
        .collect();
    let mut sorted_old = old_features.clone();
    sorted_old.sort();
    let mut sorted_new = features.clone();
    sorted_new.sort();
    changes.compare("accessibility", &sorted_old, &sorted_new);

    let txn = crate::db::begin_write(db).await?;
    let updated = business::Entity::update_many()
        .col_expr(business::Column::Name, Expr::value(name.clone()))
        .col_expr(business::Column::SortName, Expr::value(normalize(&name)))
        .col_expr(business::Column::CategoryId, Expr::value(category.id))
        .col_expr(business::Column::Description, Expr::value(description_fr))
        .col_expr(business::Column::DescriptionNl, Expr::value(description_nl))
        .col_expr(business::Column::DescriptionEn, Expr::value(description_en))
        .col_expr(business::Column::Street, Expr::value(street))
        .col_expr(business::Column::Postcode, Expr::value(postcode))
        .col_expr(business::Column::Locality, Expr::value(locality))
        .col_expr(business::Column::Latitude, Expr::value(latitude))
        .col_expr(business::Column::Longitude, Expr::value(longitude))
        .col_expr(business::Column::Phone, Expr::value(phone))
        .col_expr(business::Column::Email, Expr::value(email))
        .col_expr(business::Column::Website, Expr::value(website))
        .col_expr(business::Column::Facebook, Expr::value(facebook))
        .col_expr(business::Column::Instagram, Expr::value(instagram))
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .col_expr(business::Column::Version, Expr::col(business::Column::Version).add(1))
        .filter(business::Column::Id.eq(business_id))
        .filter(business::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict);
    }
    if sorted_old != sorted_new {
        business_accessibility::Entity::delete_many()
            .filter(business_accessibility::Column::BusinessId.eq(business_id))
            .exec(&txn)
            .await?;
        for feature in features {
            business_accessibility::ActiveModel { id: Default::default(), business_id: Set(business_id), feature: Set(feature) }
                .insert(&txn)
                .await?;
        }
    }
    audit::record(&txn, actor, Some(business_id), "profile_saved", changes, now).await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// Bumps the version if it is still `version` (the optimistic-concurrency check of a save).
async fn claim_version(db: &impl ConnectionTrait, business_id: i32, version: i32, now: DateTime<Utc>) -> Result<(), DomainError> {
    let updated = business::Entity::update_many()
        .col_expr(business::Column::Version, Expr::col(business::Column::Version).add(1))
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .filter(business::Column::Id.eq(business_id))
        .filter(business::Column::Version.eq(version))
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(DomainError::Conflict)
    }
}

/// Saves the weekly hours and the public-holiday rule. Returns the new version.
pub async fn save_hours(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    version: i32,
    form: &HoursForm,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let mut problems = Vec::new();
    let mut week = Vec::new();
    for (day, text) in form.days.iter().enumerate() {
        match parse_day(text) {
            Ok(spans) => week.push(spans),
            Err(problem) => {
                problems.push(FieldProblem::new(&format!("day{day}"), problem.key()));
                week.push(Vec::new());
            }
        }
    }
    if !problems.is_empty() {
        return Err(DomainError::Invalid(problems));
    }
    let current = view(db, Some(actor), business_id, Lang::Fr, now).await?;
    let mut changes = Changes::new();
    for (day, spans) in week.iter().enumerate() {
        changes.compare(&format!("day{day}"), &current.hours.days[day], &format_day(spans));
    }
    changes.compare("closed_on_holidays", &access.business.closed_on_holidays, &form.closed_on_holidays);

    let txn = crate::db::begin_write(db).await?;
    claim_version(&txn, business_id, version, now).await?;
    if access.business.closed_on_holidays != form.closed_on_holidays {
        business::Entity::update_many()
            .col_expr(business::Column::ClosedOnHolidays, Expr::value(form.closed_on_holidays))
            .filter(business::Column::Id.eq(business_id))
            .exec(&txn)
            .await?;
    }
    opening_hours::Entity::delete_many().filter(opening_hours::Column::BusinessId.eq(business_id)).exec(&txn).await?;
    let rows: Vec<opening_hours::ActiveModel> = week
        .iter()
        .enumerate()
        .flat_map(|(day, spans)| {
            spans.iter().map(move |s| opening_hours::ActiveModel {
                id: Default::default(),
                business_id: Set(business_id),
                weekday: Set(day as i16),
                opens: Set(s.opens as i16),
                closes: Set(s.closes as i16),
            })
        })
        .collect();
    if !rows.is_empty() {
        opening_hours::Entity::insert_many(rows).exec(&txn).await?;
    }
    audit::record(&txn, actor, Some(business_id), "hours_saved", changes, now).await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// A date exception as typed.
#[derive(Debug, Clone, Default)]
pub struct ExceptionInput {
    pub starts_on: String,
    pub ends_on: String,
    pub closed: bool,
    pub hours: String,
    pub note_fr: String,
    pub note_nl: String,
    pub note_en: String,
}

/// Adds a date exception (a closure, or special hours). Returns the new version.
/// The day of the dashboard's one-tap "closed" buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseDay {
    Today,
    Tomorrow,
}

impl CloseDay {
    /// The button's value (`today` | `tomorrow`), `None` for anything else.
    pub fn parse(value: &str) -> Option<CloseDay> {
        match value {
            "today" => Some(CloseDay::Today),
            "tomorrow" => Some(CloseDay::Tomorrow),
            _ => None,
        }
    }

    /// The town's date this button closes at the instant `now`.
    pub fn date(self, now: DateTime<Utc>) -> NaiveDate {
        let today = today_in_brussels(now);
        match self {
            CloseDay::Today => today,
            CloseDay::Tomorrow => today + chrono::Days::new(1),
        }
    }
}

/// Closes the business for the whole of `day` (an exception with no hours); the listing's new
/// version, as [`add_exception`].
pub async fn close_day(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    version: i32,
    day: CloseDay,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    let date = day.date(now).to_string();
    let input = ExceptionInput { starts_on: date.clone(), ends_on: date, closed: true, ..Default::default() };
    add_exception(db, actor, business_id, version, &input, now).await
}

pub async fn add_exception(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    version: i32,
    input: &ExceptionInput,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let mut problems = Vec::new();
    let date = |problems: &mut Vec<FieldProblem>, field: &str, text: &str| match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(FieldProblem::new(field, if text.trim().is_empty() { "required" } else { "date_invalid" }));
            None
        }
    };
    let starts = date(&mut problems, "starts_on", &input.starts_on);
    // An empty end is the start: a one-day exception.
    let ends = if input.ends_on.trim().is_empty() { starts } else { date(&mut problems, "ends_on", &input.ends_on) };
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            problems.push(FieldProblem::new("ends_on", "ends_before_start"));
        } else if (e - s).num_days() > 366 {
            problems.push(FieldProblem::new("ends_on", "exception_too_long"));
        }
        if e < today_in_brussels(now) {
            problems.push(FieldProblem::new("ends_on", "date_in_past"));
        }
    }
    let spans = if input.closed {
        Vec::new()
    } else {
        match parse_day(&input.hours) {
            Ok(spans) if spans.is_empty() => {
                problems.push(FieldProblem::new("hours", "required"));
                Vec::new()
            }
            Ok(spans) => spans,
            Err(problem) => {
                problems.push(FieldProblem::new("hours", problem.key()));
                Vec::new()
            }
        }
    };
    let note_fr = line(&mut problems, "note_fr", &input.note_fr, common::dashboard::NOTE_MAX, false);
    let note_nl = line(&mut problems, "note_nl", &input.note_nl, common::dashboard::NOTE_MAX, false);
    let note_en = line(&mut problems, "note_en", &input.note_en, common::dashboard::NOTE_MAX, false);
    let (Some(starts), Some(ends), true) = (starts, ends, problems.is_empty()) else {
        return Err(DomainError::Invalid(problems));
    };
    let txn = crate::db::begin_write(db).await?;
    claim_version(&txn, business_id, version, now).await?;
    let exception = hours_exception::ActiveModel {
        id: Default::default(),
        business_id: Set(business_id),
        starts_on: Set(starts),
        ends_on: Set(ends),
        closed: Set(input.closed),
        note_fr: Set(note_fr.clone()),
        note_nl: Set(note_nl),
        note_en: Set(note_en),
    }
    .insert(&txn)
    .await?;
    for s in &spans {
        exception_span::ActiveModel {
            id: Default::default(),
            exception_id: Set(exception.id),
            opens: Set(s.opens as i16),
            closes: Set(s.closes as i16),
        }
        .insert(&txn)
        .await?;
    }
    let mut changes = Changes::new();
    changes.note("starts_on", &starts.to_string());
    changes.note("ends_on", &ends.to_string());
    changes.note("closed", &input.closed);
    changes.note("hours", &format_day(&spans));
    changes.note("note_fr", &note_fr);
    audit::record(&txn, actor, Some(business_id), "exception_added", changes, now).await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// Removes a date exception of the business. Returns the new version.
pub async fn remove_exception(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    version: i32,
    exception_id: i32,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    // Another business's exception id is "not found": ids are not a way in.
    let exception = hours_exception::Entity::find_by_id(exception_id)
        .filter(hours_exception::Column::BusinessId.eq(business_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    claim_version(&txn, business_id, version, now).await?;
    exception_span::Entity::delete_many().filter(exception_span::Column::ExceptionId.eq(exception.id)).exec(&txn).await?;
    hours_exception::Entity::delete_by_id(exception.id).exec(&txn).await?;
    let mut changes = Changes::new();
    changes.note("starts_on", &exception.starts_on.to_string());
    changes.note("ends_on", &exception.ends_on.to_string());
    audit::record(&txn, actor, Some(business_id), "exception_removed", changes, now).await?;
    txn.commit().await?;
    Ok(version + 1)
}

/// "Everything is still correct": records today as the listing's confirmation date, and now as
/// the confirmation of every product's stock statement. Needs no version (it changes nothing the
/// merchant typed, and two confirmations agree).
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let today = today_in_brussels(now);
    let txn = crate::db::begin_write(db).await?;
    business::Entity::update_many()
        .col_expr(business::Column::ConfirmedOn, Expr::value(today))
        .col_expr(business::Column::Version, Expr::col(business::Column::Version).add(1))
        .filter(business::Column::Id.eq(business_id))
        .exec(&txn)
        .await?;
    // The products' stock statements too (issue 13): one tap keeps the whole window true.
    let products = crate::catalogue::manage::confirm_stock(&txn, business_id, now).await?;
    let mut changes = Changes::new();
    changes.compare("confirmed_on", &access.business.confirmed_on.to_string(), &today.to_string());
    if products > 0 {
        changes.note("products_confirmed", &products);
    }
    audit::record(&txn, actor, Some(business_id), "listing_confirmed", changes, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The public status line the business would show now with the hours being typed (the
/// dashboard's live preview): the typed week with the business's exceptions and holiday rule,
/// as the public page computes it. `None` while a day cannot be read.
pub async fn preview_status(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
    lang: Lang,
    form: &HoursForm,
    now: DateTime<Utc>,
) -> Result<Option<common::directory::OpenStatus>, DomainError> {
    let access = authorize(db, actor, business_id, Need::EditListing).await?;
    let mut week: [Vec<common::time::Span>; 7] = Default::default();
    for (day, text) in form.days.iter().enumerate() {
        match parse_day(text) {
            Ok(spans) => week[day] = spans,
            Err(_) => return Ok(None),
        }
    }
    let sources = crate::directory::card_sources(db, &[&access.business]).await?;
    let Some(source) = sources.get(&business_id) else { return Ok(None) };
    let mut schedule = source.schedule(lang, today_in_brussels(now));
    schedule.week = week;
    schedule.closed_on_holidays = form.closed_on_holidays;
    Ok(Some(schedule.status_at(crate::hours::to_local(now))))
}
