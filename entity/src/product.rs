//! A product of a business (issue 13). What `stock` holds and the rules the database enforces
//! are in the catalogue migration's doc (`m20270103_000001_catalogue`); the domain reads and
//! writes it only through `domain::catalogue`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: i32,
    pub category_id: Option<i32>,
    pub name_fr: String,
    /// `name_fr` folded for sorting (`domain::search::normalize`); written with the name.
    pub sort_name: String,
    pub name_nl: String,
    pub name_en: String,
    #[sea_orm(column_type = "Text")]
    pub description_fr: String,
    #[sea_orm(column_type = "Text")]
    pub description_nl: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    /// Euro cents; `None`: "price in the shop".
    pub price_cents: Option<i64>,
    pub gtin: Option<String>,
    pub sku: Option<String>,
    pub visible: bool,
    /// `window`, `in_stock`, `out_of_stock` or `quantity`.
    pub stock: String,
    /// Set exactly when `stock` is `quantity`.
    pub quantity: Option<i32>,
    /// When a person last confirmed the stock statement.
    pub stock_confirmed_at: Option<DateTimeUtc>,
    pub reservable: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Business,
    #[sea_orm(
        belongs_to = "super::product_category::Entity",
        from = "Column::CategoryId",
        to = "super::product_category::Column::Id"
    )]
    Category,
}

impl Related<super::business::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Business.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
