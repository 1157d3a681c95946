//! A photo of a business, with its text alternative in each language.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub business_id: i32,
    pub file: String,
    pub alt_fr: String,
    pub alt_nl: String,
    pub alt_en: String,
    pub position: i32,
    /// Pixel size of `file` (the largest variant); `None` for the demo town's SVG photos.
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// The widths kept, smallest first, space-separated (`"480 960 1600"`); `None` for SVGs.
    /// Read and written only through `domain::photos`.
    pub variants: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::business::Entity", from = "Column::BusinessId", to = "super::business::Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
