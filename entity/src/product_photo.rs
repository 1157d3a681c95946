//! A photo of a product (at most 4), from the upload pipeline, with its text alternative in each
//! language.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    pub file: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// The widths kept, smallest first, space-separated; `None` for the demo town's SVGs.
    pub variants: Option<String>,
    pub alt_fr: String,
    pub alt_nl: String,
    pub alt_en: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::product::Entity", from = "Column::ProductId", to = "super::product::Column::Id")]
    Product,
}

impl ActiveModelBehavior for ActiveModel {}
