//! A product spreadsheet kept between its upload and the merchant's confirmation (see the
//! migration `m20270110_000001_product_imports`). `id` is the hex SHA-256 of the id in the URL.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub business_id: i32,
    /// Who uploaded it: the only one who may preview or confirm it.
    pub account_id: i32,
    pub file_name: String,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    /// The columns as mapped by the merchant (JSON array of column codes or null), or none.
    #[sea_orm(column_type = "Text", nullable)]
    pub mapping: Option<String>,
    pub missing_out_of_stock: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
