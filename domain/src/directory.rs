//! The public directory: categories, search with filters and pagination, the home page
//! selection and the full profile of a business.
//!
//! Statuses are computed by [`crate::hours`] for the businesses shown; the "open now" filter is
//! the same rule written in SQL (one query gives every open business at once), and a test checks
//! that both agree. Search, filters and pagination are answered by [`crate::directory_index`].
//! Only published businesses are public: every query here and in the index starts from
//! [`public_businesses`].

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use common::directory::{
    BusinessCard, BusinessProfile, Category, DirectoryPage, HomeData, HoursException, Photo, WeekdayHours,
    ACCESSIBILITY_FEATURES,
};
use common::query::{QueryProblem, RawDirectoryQuery, PAGE_SIZE};
use common::time::{hhmm, Span};
use common::values::{social_url, Email, Network, Phone, ValueError, WebUrl};
use common::Lang;
use entity::{
    business, business_accessibility, business_photo, category, exception_span, hours_exception, opening_hours,
};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    Value,
};
use serde_json::json;

use crate::directory_index::{DirectoryIndex, Snapshot};
use crate::error::DomainError;
use crate::holidays::{holidays_between, is_public_holiday};
use crate::hours::{day_of, to_local, weekday_index, Exception, Schedule};
use crate::search::query_words;

/// How many open businesses the home page shows.
const HOME_OPEN_NOW: u64 = 8;

/// How far ahead the JSON-LD announces public-holiday closures (search engines show the coming
/// ones; a year covers each holiday once).
const HOLIDAY_HORIZON_DAYS: i64 = 365;

/// A custom SQL expression written with `?` placeholders, numbered for PostgreSQL.
fn custom_expr(backend: DbBackend, sql: &str, values: Vec<Value>) -> SimpleExpr {
    let sql = match backend {
        DbBackend::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 16);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
        _ => sql.to_string(),
    };
    Expr::cust_with_values(sql, values)
}

/// The one rule of what the public sees: only published businesses are listed, counted, searched,
/// shown on a page, counted as open, or put in the sitemap. Every public query starts from
/// [`public_businesses`] (or applies this condition), so a business is never half-visible.
pub fn published() -> SimpleExpr {
    business::Column::Published.eq(true)
}

/// The businesses the public may see; the start of every public query.
pub fn public_businesses() -> Select<business::Entity> {
    business::Entity::find().filter(published())
}

/// "Open at this local minute", in SQL. Mirrors [`Schedule::is_open_at`]: today's spans unless an
/// exception covers today, plus yesterday's spans running past midnight, with exceptions' spans
/// replacing the week's on the days they cover. Whether today or yesterday is a public holiday is
/// decided here in Rust ([`crate::holidays`]); on such a day the week's spans of businesses closed
/// on holidays do not count (exceptions still do, as in the model).
pub(crate) fn open_now_condition(backend: DbBackend, now: NaiveDateTime) -> SimpleExpr {
    let today = now.date();
    let yesterday = today - Duration::days(1);
    let minute = (now.hour() * 60 + now.minute()) as i16;
    let weekday = weekday_index(today) as i16;
    let weekday_before = weekday_index(yesterday) as i16;
    // Appended to the week's spans of a day that is a public holiday.
    let holiday_rule = " AND oh.business_id NOT IN (SELECT hb.id FROM businesses hb WHERE hb.closed_on_holidays = ?)";
    let today_rule = if is_public_holiday(today) { holiday_rule } else { "" };
    let yesterday_rule = if is_public_holiday(yesterday) { holiday_rule } else { "" };
    let sql = format!(
        "businesses.id IN (\
        SELECT oh.business_id FROM opening_hours oh \
        WHERE (oh.weekday = ? AND oh.opens <= ? AND (oh.closes > ? OR oh.closes <= oh.opens) \
               AND NOT EXISTS (SELECT 1 FROM hours_exceptions he WHERE he.business_id = oh.business_id \
                               AND he.starts_on <= ? AND he.ends_on >= ?){today_rule}) \
           OR (oh.weekday = ? AND oh.closes <= oh.opens AND oh.closes > ? \
               AND NOT EXISTS (SELECT 1 FROM hours_exceptions he WHERE he.business_id = oh.business_id \
                               AND he.starts_on <= ? AND he.ends_on >= ?){yesterday_rule}) \
        UNION \
        SELECT he.business_id FROM hours_exceptions he JOIN exception_spans es ON es.exception_id = he.id \
        WHERE he.closed = ? AND ( \
              (he.starts_on <= ? AND he.ends_on >= ? AND es.opens <= ? AND (es.closes > ? OR es.closes <= es.opens)) \
           OR (he.starts_on <= ? AND he.ends_on >= ? AND es.closes <= es.opens AND es.closes > ?)))"
    );
    let mut values: Vec<Value> = vec![weekday.into(), minute.into(), minute.into(), today.into(), today.into()];
    if !today_rule.is_empty() {
        values.push(true.into());
    }
    values.extend([weekday_before.into(), minute.into(), yesterday.into(), yesterday.into()]);
    if !yesterday_rule.is_empty() {
        values.push(true.into());
    }
    values.extend([
        false.into(),
        today.into(),
        today.into(),
        minute.into(),
        minute.into(),
        yesterday.into(),
        yesterday.into(),
        minute.into(),
    ]);
    custom_expr(backend, &sql, values)
}

pub(crate) fn category_name(model: &category::Model, lang: Lang) -> String {
    match lang {
        Lang::Fr => model.name_fr.clone(),
        Lang::Nl => model.name_nl.clone(),
        Lang::En => model.name_en.clone(),
    }
}

fn pick<'a>(lang: Lang, fr: &'a Option<String>, nl: &'a Option<String>, en: &'a Option<String>) -> Option<String> {
    let chosen = match lang {
        Lang::Fr => fr,
        Lang::Nl => nl,
        Lang::En => en,
    };
    chosen.clone().or_else(|| fr.clone())
}

/// The URL of a file of the media directory (photos are served under `/media`).
pub fn photo_url(file: &str) -> String {
    format!("/media/{file}")
}

fn photo_of(model: &business_photo::Model, lang: Lang) -> Photo {
    let size = |pixels: Option<i32>| pixels.and_then(|p| u32::try_from(p).ok());
    Photo {
        url: photo_url(&model.file),
        alt: crate::photos::alt_in(model, lang).to_string(),
        srcset: crate::photos::srcset(model, photo_url),
        width: size(model.width),
        height: size(model.height),
    }
}

fn span_of(opens: i16, closes: i16) -> Span {
    Span { opens: opens.clamp(0, 1439) as u16, closes: closes.clamp(0, 1439) as u16 }
}

/// All categories in display order, named in `lang`, with their number of businesses.
pub async fn categories(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
) -> Result<Vec<Category>, DomainError> {
    Ok(describe_categories(&*index.snapshot(db).await?, lang))
}

fn describe_categories(snapshot: &Snapshot, lang: Lang) -> Vec<Category> {
    snapshot
        .categories()
        .iter()
        .map(|m| Category {
            slug: m.slug.clone(),
            name: category_name(m, lang),
            icon: m.icon.clone(),
            count: snapshot.count(m.id),
        })
        .collect()
}

/// Loads the schedules of some businesses: weekly spans and exceptions not yet over on `today`
/// (yesterday's are kept for spans running past midnight), and whether each closes on holidays.
pub async fn schedules(
    db: &impl ConnectionTrait,
    businesses: &[&business::Model],
    today: NaiveDate,
    lang: Lang,
) -> Result<HashMap<i32, Schedule>, DomainError> {
    Ok(card_sources(db, businesses).await?.into_iter().map(|(id, source)| (id, source.schedule(lang, today))).collect())
}

/// What a business's card needs, in every language, kept by the directory index per data
/// version so that a page of results is made without a query (see [`card_of`]).
#[derive(Debug, Clone)]
pub struct CardSource {
    pub slug: String,
    pub name: String,
    pub street: String,
    pub locality: String,
    pub category_id: i32,
    pub closed_on_holidays: bool,
    /// Index 0 = Monday, spans sorted by opening time.
    week: [Vec<Span>; 7],
    exceptions: Vec<StoredException>,
    /// The first photo; set by [`with_first_photos`].
    photo: Option<business_photo::Model>,
}

#[derive(Debug, Clone)]
struct StoredException {
    from: NaiveDate,
    to: NaiveDate,
    closed: bool,
    spans: Vec<Span>,
    notes: [Option<String>; 3],
}

impl CardSource {
    /// The business's schedule in a language: exceptions not yet over on `today` (yesterday's
    /// are kept for spans running past midnight), with their notes in that language.
    pub fn schedule(&self, lang: Lang, today: NaiveDate) -> Schedule {
        Schedule {
            week: self.week.clone(),
            exceptions: self
                .exceptions
                .iter()
                .filter(|e| e.to >= today - Duration::days(1))
                .map(|e| Exception {
                    from: e.from,
                    to: e.to,
                    closed: e.closed,
                    spans: e.spans.clone(),
                    note: pick(lang, &e.notes[0], &e.notes[1], &e.notes[2]),
                })
                .collect(),
            closed_on_holidays: self.closed_on_holidays,
        }
    }
}

/// Up to this many businesses, their rows are selected by id; a larger set (the whole directory,
/// when the index loads) reads whole tables instead of a list of thousands of ids, which would
/// pass the databases' limits on bound parameters. The result is the same either way.
const SELECT_BY_ID_UP_TO: usize = 500;

/// The card sources of `models` (without photos): hours, exceptions and their spans, in three
/// queries whatever their number.
pub(crate) async fn card_sources(
    db: &impl ConnectionTrait,
    models: &[&business::Model],
) -> Result<HashMap<i32, CardSource>, DomainError> {
    let mut sources: HashMap<i32, CardSource> = models
        .iter()
        .map(|b| {
            let source = CardSource {
                slug: b.slug.clone(),
                name: b.name.clone(),
                street: b.street.clone(),
                locality: b.locality.clone(),
                category_id: b.category_id,
                closed_on_holidays: b.closed_on_holidays,
                week: Default::default(),
                exceptions: Vec::new(),
                photo: None,
            };
            (b.id, source)
        })
        .collect();
    if sources.is_empty() {
        return Ok(sources);
    }
    let ids: Option<Vec<i32>> = (models.len() <= SELECT_BY_ID_UP_TO).then(|| models.iter().map(|b| b.id).collect());
    let mut hours = opening_hours::Entity::find();
    let mut exceptions = hours_exception::Entity::find();
    if let Some(ids) = &ids {
        hours = hours.filter(opening_hours::Column::BusinessId.is_in(ids.clone()));
        exceptions = exceptions.filter(hours_exception::Column::BusinessId.is_in(ids.clone()));
    }
    for span in hours.all(db).await? {
        if let (Some(source), Ok(day)) = (sources.get_mut(&span.business_id), usize::try_from(span.weekday)) {
            if day < 7 {
                source.week[day].push(span_of(span.opens, span.closes));
            }
        }
    }
    let exceptions = exceptions.all(db).await?;
    let mut spans = exception_span::Entity::find();
    if ids.is_some() {
        spans = spans.filter(exception_span::Column::ExceptionId.is_in(exceptions.iter().map(|e| e.id)));
    }
    let mut exception_spans: HashMap<i32, Vec<Span>> = HashMap::new();
    if !exceptions.is_empty() {
        for span in spans.all(db).await? {
            exception_spans.entry(span.exception_id).or_default().push(span_of(span.opens, span.closes));
        }
    }
    for exception in exceptions {
        if let Some(source) = sources.get_mut(&exception.business_id) {
            source.exceptions.push(StoredException {
                from: exception.starts_on,
                to: exception.ends_on,
                closed: exception.closed,
                spans: exception_spans.remove(&exception.id).unwrap_or_default(),
                notes: [exception.note_fr, exception.note_nl, exception.note_en],
            });
        }
    }
    for source in sources.values_mut() {
        for day in source.week.iter_mut() {
            day.sort_by_key(|s| s.opens);
        }
    }
    Ok(sources)
}

/// Gives each card source its first photo (one query for all of them).
pub(crate) async fn with_first_photos(
    db: &impl ConnectionTrait,
    sources: &mut HashMap<i32, CardSource>,
) -> Result<(), DomainError> {
    for photo in business_photo::Entity::find().order_by_asc(business_photo::Column::Position).all(db).await? {
        if let Some(source) = sources.get_mut(&photo.business_id) {
            if source.photo.is_none() {
                source.photo = Some(photo);
            }
        }
    }
    Ok(())
}

/// The card of a business, from its source, at the local time `now`.
pub(crate) fn card_of(
    source: &CardSource,
    categories: &[category::Model],
    lang: Lang,
    now: NaiveDateTime,
) -> BusinessCard {
    let category = categories.iter().find(|c| c.id == source.category_id);
    BusinessCard {
        status: source.schedule(lang, now.date()).status_at(now),
        photo: source.photo.as_ref().map(|p| photo_of(p, lang)),
        category_slug: category.map(|c| c.slug.clone()).unwrap_or_default(),
        category_name: category.map(|c| category_name(c, lang)).unwrap_or_default(),
        slug: source.slug.clone(),
        name: source.name.clone(),
        street: source.street.clone(),
        locality: source.locality.clone(),
    }
}

/// The home page: categories and businesses open now, freshest listings first (a reward for
/// merchants who keep their listing up to date).
pub async fn home(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<HomeData, DomainError> {
    let local = to_local(now);
    let snapshot = index.snapshot(db).await?;
    let categories = describe_categories(&snapshot, lang);
    // The count comes from the index's set of open businesses (computed once a minute and
    // shared with the directory's "open now" filter); the freshest eight from SQL.
    let open_now_total = snapshot.open_at(db, local).await?.len() as u64;
    let ids: Vec<i32> = public_businesses()
        .select_only()
        .column(business::Column::Id)
        .filter(open_now_condition(db.get_database_backend(), local))
        .order_by_desc(business::Column::ConfirmedOn)
        .order_by_asc(business::Column::SortName)
        .limit(HOME_OPEN_NOW)
        .into_tuple()
        .all(db)
        .await?;
    // Their cards come from the snapshot, as the directory's do (one way to make a card).
    let open_now = ids
        .into_iter()
        .filter_map(|id| snapshot.card(id))
        .map(|s| card_of(s, snapshot.categories(), lang, local))
        .collect();
    // The offers' and cards' HTML are the app's to make (`app::api::get_home`).
    Ok(HomeData {
        categories,
        open_now,
        open_now_total,
        business_total: snapshot.len() as u64,
        offers_html: String::new(),
        open_now_html: String::new(),
    })
}

/// One page of directory results for the parameters of a URL. Which businesses match, and in
/// which order, comes from the in-memory [`DirectoryIndex`]; the page's rows from the database.
pub async fn search(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
    raw: &RawDirectoryQuery,
    now: DateTime<Utc>,
) -> Result<DirectoryPage, DomainError> {
    let query = raw.parse()?;
    let local = to_local(now);
    let snapshot = index.snapshot(db).await?;
    let category_id = match &query.category {
        Some(slug) => {
            Some(snapshot.categories().iter().find(|c| &c.slug == slug).ok_or(QueryProblem::UnknownCategory)?.id)
        }
        None => None,
    };
    let open = if query.open_now { Some(snapshot.open_at(db, local).await?) } else { None };
    let words = query.text.as_deref().map(query_words).unwrap_or_default();
    let ids = snapshot.matching(&words, category_id, open.as_deref());

    let total = ids.len() as u64;
    let page_count = total.div_ceil(PAGE_SIZE).max(1) as u32;
    if query.page > page_count {
        return Err(QueryProblem::PageOutOfRange { requested: query.page, last: page_count }.into());
    }
    // The page's cards come from the same snapshot as the search: no query, and a business
    // deleted since the snapshot is still consistent with the counts until the next version.
    let items = ids
        .into_iter()
        .skip((query.page as usize - 1) * PAGE_SIZE as usize)
        .take(PAGE_SIZE as usize)
        .filter_map(|id| snapshot.card(id))
        .map(|source| card_of(source, snapshot.categories(), lang, local))
        .collect();
    Ok(DirectoryPage {
        items,
        cards_html: String::new(),
        products_html: String::new(),
        total,
        page: query.page,
        page_count,
        categories: describe_categories(&snapshot, lang),
    })
}

/// The schema.org type of a category, for search engines.
fn schema_type(category_slug: &str) -> &'static str {
    match category_slug {
        "boulangerie" => "Bakery",
        "boucherie" => "ButcherShop",
        "librairie" => "BookStore",
        "fleuriste" => "Florist",
        "pharmacie" => "Pharmacy",
        "restaurant" => "Restaurant",
        "cafe" => "CafeOrCoffeeShop",
        "coiffure" => "HairSalon",
        "vetements" => "ClothingStore",
        "opticien" => "Optician",
        "sport" => "SportingGoodsStore",
        "bijouterie" => "JewelryStore",
        "epicerie-fine" => "GroceryStore",
        _ => "LocalBusiness",
    }
}

/// A business's contact values as checked types. Values are checked when they are written (the
/// seed loader, later the merchant forms); this second check when they are read means that a row
/// written by an older version, a script or by hand can at worst lose a link, never render one
/// that is unsafe (`javascript:`) or broken.
#[derive(Debug, Clone, Default)]
struct Contact {
    phone: Option<Phone>,
    email: Option<Email>,
    website: Option<WebUrl>,
    facebook: Option<WebUrl>,
    instagram: Option<WebUrl>,
}

impl Contact {
    fn of(model: &business::Model) -> Self {
        fn checked<T>(
            slug: &str,
            field: &str,
            stored: &Option<String>,
            parse: impl Fn(&str) -> Result<T, ValueError>,
        ) -> Option<T> {
            let stored = stored.as_deref()?;
            match parse(stored) {
                Ok(value) => Some(value),
                Err(problem) => {
                    tracing::warn!(business = slug, field, %problem, "stored value left out of the page");
                    None
                }
            }
        }
        let slug = model.slug.as_str();
        Self {
            phone: checked(slug, "phone", &model.phone, Phone::parse),
            email: checked(slug, "email", &model.email, Email::parse),
            website: checked(slug, "website", &model.website, WebUrl::parse),
            facebook: checked(slug, "facebook", &model.facebook, |t| social_url(Network::Facebook, t)),
            instagram: checked(slug, "instagram", &model.instagram, |t| social_url(Network::Instagram, t)),
        }
    }
}

const SCHEMA_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// schema.org JSON-LD of a business, escaped for a `<script>` element.
#[allow(clippy::too_many_arguments)]
fn json_ld(
    model: &business::Model,
    contact: &Contact,
    category_slug: &str,
    schedule: &Schedule,
    photos: &[Photo],
    today: NaiveDate,
    page_url: &str,
    base_url: &str,
) -> String {
    let mut hours = Vec::new();
    for (day, spans) in schedule.week.iter().enumerate() {
        for span in spans {
            hours.push(json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": format!("https://schema.org/{}", SCHEMA_DAYS[day]),
                "opens": hhmm(span.opens),
                "closes": hhmm(span.closes),
            }));
        }
    }
    let mut special = Vec::new();
    for exception in schedule.upcoming_exceptions(today) {
        let dates = json!({ "validFrom": exception.from.to_string(), "validThrough": exception.to.to_string() });
        // Google's convention for "closed": opens and closes at 00:00.
        let spans = if exception.closed { vec![Span { opens: 0, closes: 0 }] } else { exception.spans.clone() };
        for span in spans {
            let mut entry = json!({
                "@type": "OpeningHoursSpecification",
                "opens": hhmm(span.opens),
                "closes": hhmm(span.closes),
            });
            if let (Some(entry), Some(dates)) = (entry.as_object_mut(), dates.as_object()) {
                entry.extend(dates.clone());
            }
            special.push(entry);
        }
    }
    // Public holidays of the coming year the business closes on, unless an exception (listed
    // above with its own hours) covers the date.
    if schedule.closed_on_holidays {
        for (date, _) in holidays_between(today, today + Duration::days(HOLIDAY_HORIZON_DAYS)) {
            if schedule.closed_for_holiday(date) {
                special.push(json!({
                    "@type": "OpeningHoursSpecification",
                    "opens": "00:00",
                    "closes": "00:00",
                    "validFrom": date.to_string(),
                    "validThrough": date.to_string(),
                }));
            }
        }
    }
    special.sort_by(|a, b| a["validFrom"].as_str().cmp(&b["validFrom"].as_str()));
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": schema_type(category_slug),
        "@id": page_url,
        "name": model.name,
        "description": model.description,
        "url": contact.website.as_ref().map(WebUrl::as_str).unwrap_or(page_url),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": model.street,
            "postalCode": model.postcode,
            "addressLocality": model.locality,
            "addressCountry": "BE",
        },
        "geo": { "@type": "GeoCoordinates", "latitude": model.latitude, "longitude": model.longitude },
        "openingHoursSpecification": hours,
    });
    let object = value.as_object_mut().expect("json! object");
    if !special.is_empty() {
        object.insert("specialOpeningHoursSpecification".into(), special.into());
    }
    if let Some(phone) = &contact.phone {
        object.insert("telephone".into(), phone.display().into());
    }
    if let Some(email) = &contact.email {
        object.insert("email".into(), email.as_str().into());
    }
    if !photos.is_empty() {
        let images: Vec<String> = photos.iter().map(|p| format!("{base_url}{}", p.url)).collect();
        object.insert("image".into(), images.into());
    }
    let same_as: Vec<&str> =
        [&contact.facebook, &contact.instagram].into_iter().flatten().map(WebUrl::as_str).collect();
    if !same_as.is_empty() {
        object.insert("sameAs".into(), json!(same_as));
    }
    common::html::json_ld(&value)
}

/// The full profile of a business, or `NotFound`.
pub async fn profile(
    db: &impl ConnectionTrait,
    lang: Lang,
    slug: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<BusinessProfile, DomainError> {
    if slug.len() > 120 {
        return Err(DomainError::NotFound);
    }
    let (model, category) = public_businesses()
        .filter(business::Column::Slug.eq(slug))
        .find_also_related(category::Entity)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let category =
        category.ok_or_else(|| DomainError::InvalidData(format!("business {} has no category", model.id)))?;
    let local = to_local(now);
    let today = local.date();
    let schedule = schedules(db, &[&model], today, lang).await?.remove(&model.id).unwrap_or_default();
    let photos: Vec<Photo> = business_photo::Entity::find()
        .filter(business_photo::Column::BusinessId.eq(model.id))
        .order_by_asc(business_photo::Column::Position)
        .all(db)
        .await?
        .iter()
        .map(|p| photo_of(p, lang))
        .collect();
    let declared: Vec<String> = business_accessibility::Entity::find()
        .filter(business_accessibility::Column::BusinessId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.feature)
        .collect();
    let accessibility =
        ACCESSIBILITY_FEATURES.iter().filter(|f| declared.iter().any(|d| d == *f)).map(|f| f.to_string()).collect();
    let count = public_businesses().filter(business::Column::CategoryId.eq(category.id)).count(db).await?;
    let today_index = weekday_index(today);
    let week = (0..7)
        .map(|day| WeekdayHours { weekday: day as u8, spans: schedule.week[day].clone(), is_today: day == today_index })
        .collect();
    let exceptions = schedule
        .upcoming_exceptions(today)
        .into_iter()
        .map(|e| HoursException {
            from: day_of(e.from),
            to: day_of(e.to),
            closed: e.closed,
            spans: e.spans.clone(),
            note: e.note.clone(),
        })
        .collect();
    let page_url = format!("{base_url}{}", lang.localize(&format!("/commerces/{}", model.slug)));
    let contact = Contact::of(&model);
    let json_ld = json_ld(&model, &contact, &category.slug, &schedule, &photos, today, &page_url, base_url);
    // Merchants write in French; Dutch and English are optional, and a page without its own
    // language's text shows the French one, marked as French.
    let translated = match lang {
        Lang::Fr => None,
        Lang::Nl => model.description_nl.clone(),
        Lang::En => model.description_en.clone(),
    }
    .filter(|d| !d.trim().is_empty());
    let (description, description_lang) = match translated {
        Some(text) => (text, lang),
        None => (model.description.clone(), Lang::Fr),
    };
    Ok(BusinessProfile {
        status: schedule.status_at(local),
        checked_days_ago: (today - model.confirmed_on).num_days().max(0),
        confirmed_on: day_of(model.confirmed_on),
        category: Category {
            slug: category.slug.clone(),
            name: category_name(&category, lang),
            icon: category.icon.clone(),
            count,
        },
        slug: model.slug.clone(),
        name: model.name.clone(),
        description: description.clone(),
        description_lang,
        street: model.street.clone(),
        postcode: model.postcode.clone(),
        locality: model.locality.clone(),
        map_url: map_url(model.latitude, model.longitude),
        phone: contact.phone,
        email: contact.email,
        website: contact.website,
        facebook: contact.facebook,
        instagram: contact.instagram,
        photos,
        week,
        exceptions,
        closed_on_holidays: model.closed_on_holidays,
        accessibility,
        json_ld,
        // The offers' and products' HTML are the app's to make (`app::api::get_business`).
        offers_html: String::new(),
        products_html: String::new(),
    })
}

/// The place on OpenStreetMap ("how to get there"; no third-party request at page load).
pub fn map_url(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=18/{lat:.5}/{lon:.5}")
}

/// Slugs of the businesses open at `now`, by the SQL rule (for checks and tests).
pub async fn open_slugs_sql(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<String>, DomainError> {
    let local = to_local(now);
    let mut slugs: Vec<String> = public_businesses()
        .filter(open_now_condition(db.get_database_backend(), local))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.slug)
        .collect();
    slugs.sort();
    Ok(slugs)
}

/// Slugs of the businesses open at `now`, by the pure schedule model (for checks and tests).
pub async fn open_slugs_model(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<String>, DomainError> {
    let local = to_local(now);
    let all = public_businesses().all(db).await?;
    let schedules = schedules(db, &all.iter().collect::<Vec<_>>(), local.date(), Lang::Fr).await?;
    let mut slugs: Vec<String> =
        all.into_iter().filter(|b| schedules.get(&b.id).is_some_and(|s| s.is_open_at(local))).map(|b| b.slug).collect();
    slugs.sort();
    Ok(slugs)
}

/// The version of the directory's data: a counter that triggers bump in the same transaction as
/// every change to a table directory pages show (migration `m20261128_000002_data_version`).
/// Instances compare it to know when their search index and page cache are stale.
///
/// It is the *directory's* version only: high-churn data to come (stock, orders, offers) gets its
/// own per-business or per-scope versions rather than these triggers, so that an order neither
/// flushes every cached page nor queues behind this one row on PostgreSQL (the design notes are
/// in that migration's documentation).
pub async fn data_version(db: &impl ConnectionTrait) -> Result<String, DomainError> {
    let statement =
        sea_orm::Statement::from_string(db.get_database_backend(), "SELECT version FROM data_version WHERE id = 1");
    let row = db.query_one_raw(statement).await?;
    let version: i64 = match row {
        Some(row) => row.try_get("", "version")?,
        None => return Err(DomainError::InvalidData("the data_version row is missing".into())),
    };
    Ok(version.to_string())
}
