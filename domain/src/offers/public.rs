//! What shoppers see of the offers feed: `/offres` (live offers, newest first, filtered by the
//! business's category, the kind and "ending soon", paged like `/commerces`), a business's live
//! offers, the home page's current offers, and an offer's own page.
//!
//! One rule, written once in [`live_on`]: an offer is in a list when it is published, live on
//! the town's date (see [`super::state_of`]), not ended early, not hidden, and its business is
//! public ([`crate::directory::published`]). Lists are SQL (a feed of 20,000 offers is paged by
//! the database, not in memory); the SQL rule and [`super::is_public`] are the same rule, and
//! the tests walk an injected clock through both.
//!
//! An offer's page is wider than the lists: a scheduled or ended offer's page stays reachable
//! (a shared link must not break the day the offer ends; the page says it ended and points to
//! the shop). A draft, a hidden offer, or one of an unpublished business is `NotFound` for the
//! public, but its business's people (staff, owners, administrators: [`crate::authz`]) see it
//! with a preview notice ([`OfferPreview`]): "preview exactly as shoppers will see it".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::directory::{Category, Photo};
use common::offers::{
    OfferBusiness, OfferCard, OfferKind, OfferPageData, OfferPreview, OfferState, OffersPage, RawOffersQuery,
    ENDING_SOON_DAYS, OFFERS_PAGE_SIZE,
};
use common::query::QueryProblem;
use common::Lang;
use entity::{business, business_photo, category, offer};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
    Select,
};
use serde_json::json;

use super::{
    body_in, conditions_in, ending_soon, kind_of, photo_alt_in, photo_srcset, photo_url, state_of, title_in,
    today_in_brussels,
};
use crate::authz::{authorize, Actor, Need};
use crate::directory::published;
use crate::error::DomainError;
use crate::hours::{day_of, to_local};

/// The width of the photo the pages ask for first (a phone's screen at 2x; `srcset` lets the
/// browser choose another).
const PHOTO_WIDTH: u32 = 960;

/// The lists' rule (see the module doc), for the town's date `today`; also the Atom feeds' and
/// the sitemap's. The query must join `businesses` (the business must be published).
pub(crate) fn live_on(today: NaiveDate) -> Condition {
    Condition::all()
        .add(offer::Column::PublishedAt.is_not_null())
        .add(offer::Column::EndedAt.is_null())
        .add(offer::Column::HiddenAt.is_null())
        .add(offer::Column::StartsOn.lte(today))
        .add(offer::Column::EndsOn.gte(today))
        .add(published())
}

/// Live offers of public businesses on `today`, newest first (by publication, then id).
fn live_offers(today: NaiveDate) -> Select<offer::Entity> {
    offer::Entity::find()
        .join(sea_orm::JoinType::InnerJoin, offer::Relation::Business.def())
        .filter(live_on(today))
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
}

fn category_name(model: &category::Model, lang: Lang) -> String {
    match lang {
        Lang::Fr => model.name_fr.clone(),
        Lang::Nl => model.name_nl.clone(),
        Lang::En => model.name_en.clone(),
    }
}

/// The offer's photo in `lang`, if it has one.
fn photo_of(offer: &offer::Model, lang: Lang) -> Option<Photo> {
    let size = |pixels: Option<i32>| pixels.and_then(|p| u32::try_from(p).ok());
    Some(Photo {
        url: photo_url(offer, PHOTO_WIDTH)?,
        alt: photo_alt_in(offer, lang).to_string(),
        srcset: photo_srcset(offer),
        width: size(offer.photo_width),
        height: size(offer.photo_height),
    })
}

fn card_of(offer: &offer::Model, business: &business::Model, lang: Lang, today: NaiveDate) -> OfferCard {
    let (title, title_lang) = title_in(offer, lang);
    OfferCard {
        id: offer.id,
        kind: kind_of(offer),
        title: title.to_string(),
        title_lang,
        starts_on: day_of(offer.starts_on),
        ends_on: day_of(offer.ends_on),
        ending_soon: ending_soon(offer, today),
        photo: photo_of(offer, lang),
        business_slug: business.slug.clone(),
        business_name: business.name.clone(),
    }
}

/// The cards of `offers`, in their order, with their businesses (one query).
async fn cards(
    db: &impl ConnectionTrait,
    offers: Vec<offer::Model>,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<OfferCard>, DomainError> {
    let mut ids: Vec<i32> = offers.iter().map(|o| o.business_id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let businesses = business::Entity::find().filter(business::Column::Id.is_in(ids)).all(db).await?;
    Ok(offers
        .iter()
        .filter_map(|o| businesses.iter().find(|b| b.id == o.business_id).map(|b| card_of(o, b, lang, today)))
        .collect())
}

/// One page of `/offres` for the parameters of a URL, as typed.
pub async fn feed(
    db: &impl ConnectionTrait,
    lang: Lang,
    raw: &RawOffersQuery,
    now: DateTime<Utc>,
) -> Result<OffersPage, DomainError> {
    let query = raw.parse()?;
    let today = today_in_brussels(now);
    let all_categories = category::Entity::find().order_by_asc(category::Column::Position).all(db).await?;
    let category_id = match &query.category {
        Some(slug) => Some(all_categories.iter().find(|c| &c.slug == slug).ok_or(QueryProblem::UnknownCategory)?.id),
        None => None,
    };
    // Live offers per category, for the filter's labels.
    let counts: Vec<(i32, i64)> = offer::Entity::find()
        .join(sea_orm::JoinType::InnerJoin, offer::Relation::Business.def())
        .filter(live_on(today))
        .select_only()
        .column(business::Column::CategoryId)
        .column_as(offer::Column::Id.count(), "n")
        .group_by(business::Column::CategoryId)
        .into_tuple()
        .all(db)
        .await?;
    let categories = all_categories
        .iter()
        .map(|c| Category {
            slug: c.slug.clone(),
            name: category_name(c, lang),
            icon: c.icon.clone(),
            count: counts.iter().find(|(id, _)| *id == c.id).map(|(_, n)| *n as u64).unwrap_or(0),
        })
        .collect();

    let mut select = live_offers(today);
    if let Some(id) = category_id {
        select = select.filter(business::Column::CategoryId.eq(id));
    }
    if let Some(kind) = query.kind {
        select = select.filter(offer::Column::Kind.eq(kind.code()));
    }
    if query.ending_soon {
        select = select.filter(offer::Column::EndsOn.lte(today + Duration::days(ENDING_SOON_DAYS)));
    }
    let total = select.clone().count(db).await?;
    let page_count = total.div_ceil(OFFERS_PAGE_SIZE).max(1) as u32;
    if query.page > page_count {
        return Err(QueryProblem::PageOutOfRange { requested: query.page, last: page_count }.into());
    }
    let offers = select.offset((query.page as u64 - 1) * OFFERS_PAGE_SIZE).limit(OFFERS_PAGE_SIZE).all(db).await?;
    Ok(OffersPage { items: cards(db, offers, lang, today).await?, total, page: query.page, page_count, categories })
}

/// The newest live offers, for the home page.
pub async fn current(
    db: &impl ConnectionTrait,
    lang: Lang,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<OfferCard>, DomainError> {
    let today = today_in_brussels(now);
    let offers = live_offers(today).limit(limit).all(db).await?;
    cards(db, offers, lang, today).await
}

/// The live offers of the public business `slug`, newest first (empty for an unknown or
/// unpublished business: its page is a 404 anyway).
pub async fn of_business(
    db: &impl ConnectionTrait,
    lang: Lang,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<Vec<OfferCard>, DomainError> {
    if slug.len() > 120 {
        return Ok(Vec::new());
    }
    let today = today_in_brussels(now);
    let offers = live_offers(today).filter(business::Column::Slug.eq(slug)).all(db).await?;
    cards(db, offers, lang, today).await
}

/// Why the public may not see this offer's page, if they may not.
fn not_public(offer: &offer::Model, business: &business::Model) -> Option<OfferPreview> {
    if offer.published_at.is_none() {
        Some(OfferPreview::Draft)
    } else if offer.hidden_at.is_some() {
        Some(OfferPreview::Hidden { reason: offer.hidden_reason.clone().unwrap_or_default() })
    } else if !business.published {
        Some(OfferPreview::BusinessUnpublished)
    } else {
        None
    }
}

/// An offer's page (see the module doc for who sees which). `actor` is the signed-in person,
/// if any; `base_url` makes the absolute URLs of the JSON-LD and the link preview.
pub async fn page(
    db: &impl ConnectionTrait,
    lang: Lang,
    offer_id: i32,
    actor: Option<&Actor>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<OfferPageData, DomainError> {
    let (offer, business) = offer::Entity::find_by_id(offer_id)
        .find_also_related(business::Entity)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let business = business.ok_or(DomainError::NotFound)?;
    let preview = not_public(&offer, &business);
    if preview.is_some() {
        // Only the business's people get the preview; anyone else, signed in or not, learns
        // nothing more than from an id that does not exist.
        match actor {
            Some(actor) => {
                authorize(db, Some(actor), business.id, Need::EditListing).await.map_err(|_| DomainError::NotFound)?;
            }
            None => return Err(DomainError::NotFound),
        }
    }
    let local = to_local(now);
    let today = today_in_brussels(now);
    let category = category::Entity::find_by_id(business.category_id).one(db).await?;
    let schedule =
        crate::directory::schedules(db, &[&business], today, lang).await?.remove(&business.id).unwrap_or_default();
    let photo = photo_of(&offer, lang);
    let business_photo = business_photo::Entity::find()
        .filter(business_photo::Column::BusinessId.eq(business.id))
        .order_by_asc(business_photo::Column::Position)
        .one(db)
        .await?;
    let share_image = photo
        .as_ref()
        .map(|p| p.url.clone())
        .or_else(|| business_photo.map(|p| crate::directory::photo_url(&p.file)))
        .map(|url| format!("{base_url}{url}"));
    let (title, title_lang) = title_in(&offer, lang);
    let (body, body_lang) = body_in(&offer, lang);
    let (conditions, conditions_lang) = conditions_in(&offer, lang);
    let state = state_of(&offer, today);
    let page_url = format!("{base_url}{}", lang.localize(&format!("/offres/{}", offer.id)));
    let business_url = format!("{base_url}{}", lang.localize(&format!("/commerces/{}", business.slug)));
    let json_ld = json_ld(&offer, &business, title, body, share_image.as_deref(), &page_url, &business_url);
    Ok(OfferPageData {
        id: offer.id,
        kind: kind_of(&offer),
        state,
        title: title.to_string(),
        title_lang,
        body: body.to_string(),
        body_lang,
        conditions: conditions.to_string(),
        conditions_lang,
        promo_code: offer.promo_code.clone(),
        starts_on: day_of(offer.starts_on),
        ends_on: day_of(offer.ends_on),
        ending_soon: state == OfferState::Live && ending_soon(&offer, today),
        photo,
        share_image,
        business: OfferBusiness {
            id: business.id,
            slug: business.slug.clone(),
            name: business.name.clone(),
            category_name: category.map(|c| category_name(&c, lang)).unwrap_or_default(),
            street: business.street.clone(),
            postcode: business.postcode.clone(),
            locality: business.locality.clone(),
            status: schedule.status_at(local),
        },
        preview,
        json_ld,
    })
}

/// schema.org JSON-LD of an offer: an `Event` for events (the shop as organizer and location),
/// an `Offer` otherwise (the shop as seller), escaped for a `<script>` element.
fn json_ld(
    offer: &offer::Model,
    business: &business::Model,
    title: &str,
    body: &str,
    image: Option<&str>,
    page_url: &str,
    business_url: &str,
) -> String {
    let address = json!({
        "@type": "PostalAddress",
        "streetAddress": business.street,
        "postalCode": business.postcode,
        "addressLocality": business.locality,
        "addressCountry": "BE",
    });
    let shop = json!({
        "@type": "LocalBusiness",
        "@id": business_url,
        "name": business.name,
        "url": business_url,
        "address": address,
    });
    let mut value = if kind_of(offer) == OfferKind::Event {
        json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": page_url,
            "url": page_url,
            "name": title,
            "description": body,
            "startDate": offer.starts_on.to_string(),
            "endDate": offer.ends_on.to_string(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": { "@type": "Place", "name": business.name, "address": address },
            "organizer": shop,
        })
    } else {
        json!({
            "@context": "https://schema.org",
            "@type": "Offer",
            "@id": page_url,
            "url": page_url,
            "name": title,
            "description": body,
            "validFrom": offer.starts_on.to_string(),
            "validThrough": offer.ends_on.to_string(),
            "seller": shop,
        })
    };
    if let (Some(image), Some(object)) = (image, value.as_object_mut()) {
        object.insert("image".into(), json!([image]));
    }
    common::html::json_ld(&value)
}
