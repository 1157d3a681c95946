//! Generated offers for load tests (`vitrine seed-demo --businesses 5000 --offers 20000`,
//! `scripts/bench-offers.sh`): `count` live offers spread over the published businesses, every
//! kind, published over the last days, each ending between today and a month ahead, so that
//! `/offres` pages through a realistic feed. Never used by `serve --seed-demo`.

use chrono::{DateTime, Days, Duration, Utc};
use common::offers::OfferKind;
use entity::{business, offer};
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};

use crate::clock::today_in_brussels;
use crate::directory::public_businesses;
use crate::DomainError;

/// Inserts `count` live offers; returns how many were written (none without a business).
pub async fn generate(db: &impl ConnectionTrait, count: usize, now: DateTime<Utc>) -> Result<usize, DomainError> {
    let ids: Vec<i32> = public_businesses()
        .select_only()
        .column(business::Column::Id)
        .order_by_asc(business::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let today = today_in_brussels(now);
    let rows: Vec<offer::ActiveModel> = (0..count)
        .map(|n| {
            let kind = OfferKind::ALL[n % OfferKind::ALL.len()];
            let started = (n % 7) as u64;
            let lasts = 1 + (n % 30) as u64;
            offer::ActiveModel {
                id: NotSet,
                business_id: Set(ids[n % ids.len()]),
                kind: Set(kind.code().to_string()),
                title_fr: Set(format!("Offre n° {n} : −{} % sur la sélection de la semaine", 5 + n % 40)),
                title_nl: Set(format!("Aanbieding nr. {n}: −{} % op de selectie van de week", 5 + n % 40)),
                title_en: Set(String::new()),
                body_fr: Set("Une sélection de produits de saison, à découvrir en magasin. Demandez conseil à \
                              notre équipe, elle vous attend."
                    .to_string()),
                body_nl: Set(String::new()),
                body_en: Set(String::new()),
                conditions_fr: Set(String::new()),
                conditions_nl: Set(String::new()),
                conditions_en: Set(String::new()),
                promo_code: Set((n % 3 == 0).then(|| format!("CODE{n}"))),
                starts_on: Set(today - Days::new(started)),
                ends_on: Set(today + Days::new(lasts)),
                photo_file: Set(None),
                photo_width: Set(None),
                photo_height: Set(None),
                photo_variants: Set(None),
                photo_alt_fr: Set(String::new()),
                photo_alt_nl: Set(String::new()),
                photo_alt_en: Set(String::new()),
                created_at: Set(now - Duration::minutes(n as i64)),
                updated_at: Set(now - Duration::minutes(n as i64)),
                published_at: Set(Some(now - Duration::minutes(n as i64))),
                ended_at: Set(None),
                hidden_at: Set(None),
                hidden_reason: Set(None),
                created_by: Set(None),
                version: Set(1),
            }
        })
        .collect();
    // 30 columns a row: 500 rows stay under SQLite's 32,766 bound parameters.
    for chunk in rows.chunks(500) {
        offer::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(count)
}
