//! What shoppers see of the catalogue: a shop's window (its visible products, paged, on its
//! business page) and a product's own page, with the shop's live status, address and the way
//! there. Only visible products of published businesses are shown; anything else is
//! `NotFound`, as an unknown id is.

use chrono::{DateTime, Utc};
use common::catalogue::{Availability, ProductCard, ProductPage, ProductResults, PUBLIC_PAGE_SIZE};
use common::directory::Photo;
use common::Lang;
use entity::{business, product, product_photo};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::{category_name, category_rows, confirmed_days_ago, description_in, name_in, stock_of};
use crate::directory::{photo_url, public_businesses};
use crate::directory_index::DirectoryIndex;
use crate::error::DomainError;
use crate::hours::to_local;

/// What shoppers are told of `row` at `now`.
pub fn availability(row: &product::Model, now: DateTime<Utc>) -> Availability {
    Availability::of(stock_of(row), confirmed_days_ago(row.stock_confirmed_at, now))
}

pub(crate) fn photo_of(photo: &product_photo::Model, lang: Lang) -> Photo {
    let size = |pixels: Option<i32>| pixels.and_then(|p| u32::try_from(p).ok());
    let alt = match lang {
        Lang::Fr => &photo.alt_fr,
        Lang::Nl => &photo.alt_nl,
        Lang::En => &photo.alt_en,
    };
    Photo {
        url: photo_url(&photo.file),
        alt: if alt.is_empty() { photo.alt_fr.clone() } else { alt.clone() },
        srcset: crate::photos::srcset_of(&photo.file, photo.variants.as_deref(), photo_url),
        width: size(photo.width),
        height: size(photo.height),
    }
}

/// The published business `slug`, or `NotFound`.
async fn public_business(db: &impl ConnectionTrait, slug: &str) -> Result<business::Model, DomainError> {
    if slug.len() > 120 {
        return Err(DomainError::NotFound);
    }
    public_businesses().filter(business::Column::Slug.eq(slug)).one(db).await?.ok_or(DomainError::NotFound)
}

/// The cards of `rows` (products of `shop`), with their first photos in one query.
async fn cards(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
    shop: &business::Model,
    rows: &[product::Model],
    now: DateTime<Utc>,
) -> Result<Vec<ProductCard>, DomainError> {
    let categories = category_rows(db).await?;
    let mut first_photos = std::collections::HashMap::new();
    if !rows.is_empty() {
        for photo in product_photo::Entity::find()
            .filter(product_photo::Column::ProductId.is_in(rows.iter().map(|r| r.id)))
            .order_by_asc(product_photo::Column::Position)
            .all(db)
            .await?
        {
            first_photos.entry(photo.product_id).or_insert(photo);
        }
    }
    let snapshot = index.snapshot(db).await?;
    let local = to_local(now);
    let status = match snapshot.card(shop.id) {
        Some(source) => source.schedule(lang, local.date()).status_at(local),
        None => return Err(DomainError::NotFound),
    };
    Ok(rows
        .iter()
        .map(|row| {
            let (name, name_lang) = name_in(row, lang);
            ProductCard {
                id: row.id,
                name: name.to_string(),
                name_lang,
                price_cents: row.price_cents,
                availability: availability(row, now),
                photo: first_photos.get(&row.id).map(|p| photo_of(p, lang)),
                category: row
                    .category_id
                    .and_then(|id| categories.iter().find(|c| c.id == id))
                    .map(|c| category_name(c, lang).to_string()),
                business_slug: shop.slug.clone(),
                business_name: shop.name.clone(),
                business_status: status.clone(),
            }
        })
        .collect())
}

/// A page of the shop's window: its name, and its visible products by name. `page` past the
/// end is `NotFound` (a link to a page that emptied since).
pub async fn window(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
    slug: &str,
    page: u32,
    now: DateTime<Utc>,
) -> Result<(String, ProductResults), DomainError> {
    let shop = public_business(db, slug).await?;
    let visible = product::Entity::find()
        .filter(product::Column::BusinessId.eq(shop.id))
        .filter(product::Column::Visible.eq(true));
    let total = visible.clone().count(db).await?;
    let page_count = (total.div_ceil(u64::from(PUBLIC_PAGE_SIZE))).max(1) as u32;
    if page == 0 || page > page_count {
        return Err(DomainError::NotFound);
    }
    let rows = visible
        .order_by_asc(product::Column::SortName)
        .order_by_asc(product::Column::Id)
        .paginate(db, u64::from(PUBLIC_PAGE_SIZE))
        .fetch_page(u64::from(page - 1))
        .await?;
    let items = cards(db, index, lang, &shop, &rows, now).await?;
    Ok((shop.name, ProductResults { items, total, page, page_count }))
}

/// The page of product `product_id` of the shop `slug`. `base_url` makes the JSON-LD's links
/// absolute.
pub async fn product_page(
    db: &impl ConnectionTrait,
    index: &DirectoryIndex,
    lang: Lang,
    slug: &str,
    product_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<ProductPage, DomainError> {
    let shop = public_business(db, slug).await?;
    let row = product::Entity::find_by_id(product_id)
        .filter(product::Column::BusinessId.eq(shop.id))
        .filter(product::Column::Visible.eq(true))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let card = cards(db, index, lang, &shop, std::slice::from_ref(&row), now).await?.remove(0);
    let photos: Vec<Photo> = product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.eq(row.id))
        .order_by_asc(product_photo::Column::Position)
        .all(db)
        .await?
        .iter()
        .map(|p| photo_of(p, lang))
        .collect();
    let (description, description_lang) = description_in(&row, lang);
    let shop_url = format!("{base_url}{}", lang.localize(&format!("/commerces/{}", shop.slug)));
    let page_url = format!("{base_url}{}", lang.localize(&format!("/commerces/{}/produits/{}", shop.slug, row.id)));
    let json_ld = json_ld(&row, &card, &shop, &photos, &page_url, &shop_url, base_url);
    Ok(ProductPage {
        description: description.to_string(),
        description_lang,
        photos,
        gtin: row.gtin.clone(),
        street: shop.street.clone(),
        postcode: shop.postcode.clone(),
        locality: shop.locality.clone(),
        map_url: crate::directory::map_url(shop.latitude, shop.longitude),
        json_ld,
        reservable: crate::orders::basket::reservable_now(&row, now).filter(|n| *n > 0),
        askable: crate::orders::ask::askable(&row, now),
        card,
    })
}

/// schema.org `Product` with an `Offer` available at the shop (`availableAtOrFrom` its
/// `LocalBusiness`, named by the business page's own JSON-LD `@id`, its URL). No price: no
/// `price` (a search engine would read 0); "ask the shop" is `InStoreOnly`.
fn json_ld(
    row: &product::Model,
    card: &ProductCard,
    shop: &business::Model,
    photos: &[Photo],
    page_url: &str,
    shop_url: &str,
    base_url: &str,
) -> String {
    let mut offer = json!({
        "@type": "Offer",
        "priceCurrency": "EUR",
        "availability": card.availability.schema_org(),
        "url": page_url,
        "availableAtOrFrom": {
            "@type": "LocalBusiness",
            "@id": shop_url,
            "name": shop.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": shop.street,
                "postalCode": shop.postcode,
                "addressLocality": shop.locality,
                "addressCountry": "BE",
            },
        },
    });
    if let Some(cents) = row.price_cents {
        offer["price"] = json!(common::money::format_euros(cents, false));
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "url": page_url,
        "offers": offer,
    });
    if let Some(category) = &card.category {
        value["category"] = json!(category);
    }
    if let Some(gtin) = &row.gtin {
        value["gtin"] = json!(gtin);
    }
    if !photos.is_empty() {
        value["image"] = json!(photos.iter().map(|p| format!("{base_url}{}", p.url)).collect::<Vec<_>>());
    }
    common::html::json_ld(&value)
}
