//! An offer, news item or event of a business (issue 8). Its state (draft, scheduled, live,
//! ended) is read from the clock by `domain::offers`; see `migration::m20261220_000001_offers`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: i32,
    /// `promotion`, `new_arrival`, `event` or `in_store` (`common::offers::OfferKind`).
    pub kind: String,
    pub title_fr: String,
    pub title_nl: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub body_fr: String,
    #[sea_orm(column_type = "Text")]
    pub body_nl: String,
    #[sea_orm(column_type = "Text")]
    pub body_en: String,
    #[sea_orm(column_type = "Text")]
    pub conditions_fr: String,
    #[sea_orm(column_type = "Text")]
    pub conditions_nl: String,
    #[sea_orm(column_type = "Text")]
    pub conditions_en: String,
    pub promo_code: Option<String>,
    /// First and last day of validity, inclusive, in the town's time zone.
    pub starts_on: Date,
    pub ends_on: Date,
    /// The photo's largest variant (`p/<key>-<width>.jpg`), as for `business_photo`.
    pub photo_file: Option<String>,
    pub photo_width: Option<i32>,
    pub photo_height: Option<i32>,
    pub photo_variants: Option<String>,
    pub photo_alt_fr: String,
    pub photo_alt_nl: String,
    pub photo_alt_en: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Null while a draft.
    pub published_at: Option<DateTimeUtc>,
    /// Set when the merchant ends it early.
    pub ended_at: Option<DateTimeUtc>,
    /// Set by a town administrator, with the reason the merchant sees.
    pub hidden_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub hidden_reason: Option<String>,
    pub created_by: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Business,
}

impl Related<super::business::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Business.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
