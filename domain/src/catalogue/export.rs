//! The catalogue as a spreadsheet: a CSV that opens correctly in a Belgian Excel (UTF-8 with a
//! BOM, `;` between cells, decimal comma: [`super::sheet::write_csv`]), with column names the
//! import recognises ([`super::sheet::recognise`]), so that an export goes back through the
//! import unchanged. Cells a spreadsheet would run as a formula are neutralised by the writer.

use common::catalogue::Stock;
use entity::product;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::sheet::write_csv;
use super::{category_rows, stock_of};
use crate::authz::{authorize, Actor, Need};
use crate::error::DomainError;

/// The export's columns, in French (the merchants' language; the import reads the three).
pub const HEADERS: [&str; 12] = [
    "Nom",
    "Nom (NL)",
    "Nom (EN)",
    "Description",
    "Description (NL)",
    "Description (EN)",
    "Prix",
    "Catégorie",
    "Code-barres",
    "Référence",
    "Stock",
    "Visible",
];

/// What the Stock column says: the window, in stock, out of stock, or the quantity counted.
pub fn stock_cell(stock: Stock) -> String {
    match stock {
        Stock::Window => "vitrine".into(),
        Stock::InStock => "en stock".into(),
        Stock::OutOfStock => "épuisé".into(),
        Stock::Quantity(n) => n.to_string(),
    }
}

/// The business's products as a CSV file, by name, for those who may edit it.
pub async fn products_csv(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    business_id: i32,
) -> Result<Vec<u8>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let categories = category_rows(db).await?;
    let rows = product::Entity::find()
        .filter(product::Column::BusinessId.eq(business_id))
        .order_by_asc(product::Column::SortName)
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let lines = rows.iter().map(|row| {
        let category = row
            .category_id
            .and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| c.name_fr.clone())
            .unwrap_or_default();
        vec![
            row.name_fr.clone(),
            row.name_nl.clone(),
            row.name_en.clone(),
            row.description_fr.clone(),
            row.description_nl.clone(),
            row.description_en.clone(),
            row.price_cents.map(|cents| common::money::format_euros(cents, true)).unwrap_or_default(),
            category,
            row.gtin.clone().unwrap_or_default(),
            row.sku.clone().unwrap_or_default(),
            stock_cell(stock_of(row)),
            if row.visible { "oui" } else { "non" }.to_string(),
        ]
    });
    Ok(write_csv(&HEADERS, lines))
}

#[cfg(test)]
mod tests {
    use super::super::sheet::{map_columns, parse_stock, parse_yes_no, read, Column, StockCell};
    use super::*;

    #[test]
    fn the_export_reads_back_through_the_import_s_reader() {
        let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
        let columns = map_columns(&headers);
        assert_eq!(
            columns,
            vec![
                Some(Column::Name),
                Some(Column::NameNl),
                Some(Column::NameEn),
                Some(Column::Description),
                Some(Column::DescriptionNl),
                Some(Column::DescriptionEn),
                Some(Column::Price),
                Some(Column::Category),
                Some(Column::Gtin),
                Some(Column::Sku),
                Some(Column::Stock),
                Some(Column::Visible),
            ]
        );
        let row = vec![
            "=HYPERLINK(\"x\")".to_string(),
            String::new(),
            String::new(),
            "Deux lignes;\nun « guillemet » \"double\"".to_string(),
            String::new(),
            String::new(),
            common::money::format_euros(1250, true),
            "Épicerie".to_string(),
            "5449000000996".to_string(),
            "-REF".to_string(),
            stock_cell(Stock::Quantity(4)),
            "non".to_string(),
        ];
        let bytes = write_csv(&HEADERS, [row.clone()]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM, so Excel reads UTF-8");
        let sheet = read(&bytes).unwrap();
        assert_eq!(sheet.rows[0].cells, row, "every cell comes back as it was");
        assert_eq!(parse_stock(&sheet.rows[0].cells[10]).unwrap(), Some(StockCell::Quantity(4)));
        assert_eq!(parse_yes_no(&sheet.rows[0].cells[11]).unwrap(), Some(false));
        for stock in [Stock::Window, Stock::InStock, Stock::OutOfStock] {
            let expected = match stock {
                Stock::Window => StockCell::Window,
                Stock::InStock => StockCell::InStock,
                _ => StockCell::OutOfStock,
            };
            assert_eq!(parse_stock(&stock_cell(stock)).unwrap(), Some(expected));
        }
    }
}
