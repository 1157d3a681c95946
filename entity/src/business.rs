//! A business of the town, as listed in the directory.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "businesses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub sort_name: String,
    pub category_id: i32,
    /// French, required; the public pages fall back to it.
    pub description: String,
    pub description_nl: Option<String>,
    pub description_en: Option<String>,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    pub latitude: f64,
    pub longitude: f64,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    /// Closed on Belgium's public holidays unless a date exception says otherwise.
    pub closed_on_holidays: bool,
    /// Listed in the public directory.
    pub published: bool,
    /// Why an administrator unpublished the business (shown to its merchants).
    pub unpublished_reason: Option<String>,
    /// Bumped by every save: a save names the version it was edited from (optimistic
    /// concurrency), so two people editing at once cannot overwrite each other silently.
    pub version: i32,
    pub confirmed_on: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::category::Entity", from = "Column::CategoryId", to = "super::category::Column::Id")]
    Category,
}

impl Related<super::category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Category.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
