//! Importing a product spreadsheet (issue 13): read the file ([`super::sheet::read`]), name its
//! columns (recognised in French, Dutch and English, or as the merchant mapped them), and say
//! row by row what would happen ([`preview`]): products to create, products to change (with the
//! before and after of each changed field), unchanged rows, and refused rows, each with its line,
//! its column and a translation key. Nothing is written by a preview. [`confirm`] computes the
//! same plan again inside one transaction and applies it only if no row is refused: a file with
//! a refused row writes nothing, and importing the same file twice changes nothing the second
//! time.
//!
//! A row names an existing product by its SKU, else its GTIN, else its French name (accents and
//! case ignored). An empty cell leaves the field as it is; a column the file does not have too.
//! A product the import creates or changes has its stock statement confirmed (as saving the form
//! does); an unchanged row writes nothing, not even a confirmation. Optionally, the shop's
//! products missing from the file are marked out of stock.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use common::catalogue::{ProductForm, Stock};
use common::error::FieldProblem;
use entity::{product, product_category};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use super::sheet::{self, parse_stock, parse_yes_no, Column, SheetProblem, StockCell};
use super::{category_rows, check_form, form_of};
use crate::audit::{self, Changes};
use crate::authz::{authorize, Actor, Need};
use crate::db::begin_catalogue_write;
use crate::error::DomainError;
use crate::search::normalize;

/// What the merchant chose besides the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The file's columns as the merchant mapped them (one per header, `None`: ignored), when
    /// the names were not recognised; `None`: recognise them.
    pub mapping: Option<Vec<Option<Column>>>,
    /// Mark the shop's products that the file does not name as out of stock.
    pub missing_out_of_stock: bool,
}

/// A refused row: its line in the file, the column's header, and why (`problem` is a
/// translation key, as a form's field problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: usize,
    pub column: Option<String>,
    pub problem: FieldProblem,
}

/// A product the import changes: its line, its id and name, and each changed field (the form's
/// field name, before, after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub product_id: i32,
    pub name: String,
    pub fields: Vec<(&'static str, String, String)>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The headers and what each was read as.
    pub columns: Vec<(String, Option<Column>)>,
    /// (line, form) of each product to create.
    pub create: Vec<(usize, ProductForm)>,
    pub change: Vec<Change>,
    pub unchanged: usize,
    pub refused: Vec<Refusal>,
    /// (id, name) of the shop's products the file does not name, marked out of stock when asked.
    pub missing: Vec<(i32, String)>,
}

/// Why a whole file cannot be imported (its rows are then not looked at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Sheet(SheetProblem),
    /// No column holds the products' names: the merchant maps the columns.
    NoNameColumn,
    /// A mapping that does not fit the file's headers.
    BadMapping,
}

impl FileProblem {
    pub fn key(&self) -> &'static str {
        match self {
            FileProblem::Sheet(problem) => problem.key(),
            FileProblem::NoNameColumn => "import_no_name_column",
            FileProblem::BadMapping => "import_bad_mapping",
        }
    }
}

/// The form fields an import may set, with the column that sets each.
const FIELDS: [(Column, &str); 11] = [
    (Column::Name, "name_fr"),
    (Column::NameNl, "name_nl"),
    (Column::NameEn, "name_en"),
    (Column::Description, "description_fr"),
    (Column::DescriptionNl, "description_nl"),
    (Column::DescriptionEn, "description_en"),
    (Column::Price, "price"),
    (Column::Category, "category"),
    (Column::Gtin, "gtin"),
    (Column::Sku, "sku"),
    (Column::Visible, "visible"),
];

fn field_of<'a>(form: &'a mut ProductForm, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name_fr" => &mut form.name_fr,
        "name_nl" => &mut form.name_nl,
        "name_en" => &mut form.name_en,
        "description_fr" => &mut form.description_fr,
        "description_nl" => &mut form.description_nl,
        "description_en" => &mut form.description_en,
        "price" => &mut form.price,
        "category" => &mut form.category,
        "gtin" => &mut form.gtin,
        "sku" => &mut form.sku,
        _ => return None,
    })
}

/// The slug of a category cell: a slug, or a name in any of the three languages.
fn category_slug(cell: &str, categories: &[product_category::Model]) -> Option<String> {
    let wanted = normalize(cell);
    categories
        .iter()
        .find(|c| {
            c.slug == cell
                || normalize(&c.name_fr) == wanted
                || normalize(&c.name_nl) == wanted
                || normalize(&c.name_en) == wanted
        })
        .map(|c| c.slug.clone())
}

/// The columns of `sheet` for `options`.
fn columns(headers: &[String], options: &ImportOptions) -> Result<Vec<Option<Column>>, FileProblem> {
    let columns = match &options.mapping {
        Some(mapping) if mapping.len() == headers.len() => mapping.clone(),
        Some(_) => return Err(FileProblem::BadMapping),
        None => sheet::map_columns(headers),
    };
    if !columns.contains(&Some(Column::Name)) {
        return Err(FileProblem::NoNameColumn);
    }
    Ok(columns)
}

/// The plan, and for the writer the forms to apply: (line, product id or none, checked form).
struct Plan {
    preview: Preview,
    writes: Vec<(usize, Option<product::Model>, super::CheckedProduct)>,
}

async fn plan(
    db: &impl sea_orm::ConnectionTrait,
    business_id: i32,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Result<Plan, FileProblem>, DomainError> {
    let sheet = match sheet::read(bytes) {
        Ok(sheet) => sheet,
        Err(problem) => return Ok(Err(FileProblem::Sheet(problem))),
    };
    let columns = match columns(&sheet.headers, options) {
        Ok(columns) => columns,
        Err(problem) => return Ok(Err(problem)),
    };
    let categories = category_rows(db).await?;
    let existing = product::Entity::find().filter(product::Column::BusinessId.eq(business_id)).all(db).await?;
    let by_sku: HashMap<&str, usize> =
        existing.iter().enumerate().filter_map(|(i, p)| p.sku.as_deref().map(|s| (s, i))).collect();
    let by_gtin: HashMap<&str, usize> =
        existing.iter().enumerate().filter_map(|(i, p)| p.gtin.as_deref().map(|g| (g, i))).collect();
    let by_name: HashMap<&str, usize> = existing.iter().enumerate().map(|(i, p)| (p.sort_name.as_str(), i)).collect();
    let header_of = |column: Column| {
        columns.iter().position(|c| *c == Some(column)).and_then(|i| sheet.headers.get(i)).cloned()
    };
    let mut preview = Preview {
        columns: sheet.headers.iter().cloned().zip(columns.iter().copied()).collect(),
        create: Vec::new(),
        change: Vec::new(),
        unchanged: 0,
        refused: Vec::new(),
        missing: Vec::new(),
    };
    let mut writes = Vec::new();
    let mut named = vec![false; existing.len()];
    // Keys seen in the file: a second row with the same key is refused, not merged.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &sheet.rows {
        let cell = |column: Column| columns.iter().position(|c| *c == Some(column)).map(|i| row.get(i).trim());
        let refuse = |column: Option<Column>, problem: FieldProblem| Refusal {
            line: row.line,
            column: column.and_then(|c| header_of(c)),
            problem,
        };
        let sku = cell(Column::Sku).filter(|s| !s.is_empty());
        let gtin = cell(Column::Gtin).filter(|g| !g.is_empty());
        let name = cell(Column::Name).unwrap_or_default();
        let key = match (sku, gtin) {
            (Some(sku), _) => format!("sku:{sku}"),
            (None, Some(gtin)) => format!("gtin:{gtin}"),
            (None, None) => format!("name:{}", normalize(name)),
        };
        if let Some(first) = seen.insert(key.clone(), row.line) {
            let column = if sku.is_some() { Column::Sku } else if gtin.is_some() { Column::Gtin } else { Column::Name };
            let mut problem = FieldProblem::new(column_field(column), "import_duplicate_row");
            problem.limit = u32::try_from(first).ok();
            preview.refused.push(refuse(Some(column), problem));
            continue;
        }
        let matched = sku
            .and_then(|s| by_sku.get(s))
            .or_else(|| gtin.and_then(|g| by_gtin.get(g)))
            .or_else(|| if sku.is_none() && gtin.is_none() { by_name.get(normalize(name).as_str()) } else { None })
            .copied();
        let before = matched.map(|i| form_of(&existing[i], &categories));
        let mut form = before.clone().unwrap_or(ProductForm {
            stock: Stock::Window.code().to_string(),
            visible: true,
            ..Default::default()
        });
        let mut refusals = Vec::new();
        for (column, field) in FIELDS {
            let Some(value) = cell(column).filter(|v| !v.is_empty()) else { continue };
            match column {
                Column::Visible => match parse_yes_no(value) {
                    Ok(Some(visible)) => form.visible = visible,
                    Ok(None) => {}
                    Err(problem) => refusals.push(refuse(Some(column), FieldProblem::new(field, problem.key()))),
                },
                Column::Category => match category_slug(value, &categories) {
                    Some(slug) => form.category = slug,
                    None => refusals.push(refuse(Some(column), FieldProblem::new(field, "category_unknown"))),
                },
                _ => {
                    if let Some(slot) = field_of(&mut form, field) {
                        *slot = value.to_string();
                    }
                }
            }
        }
        // The stock: a state column (words, or a count), or a quantity column.
        let stock_cell = cell(Column::Stock).filter(|v| !v.is_empty()).map(|v| (Column::Stock, v));
        let quantity_cell = cell(Column::Quantity).filter(|v| !v.is_empty()).map(|v| (Column::Quantity, v));
        if let Some((column, value)) = quantity_cell.or(stock_cell) {
            match parse_stock(value) {
                Ok(Some(StockCell::InStock)) => (form.stock, form.quantity) = ("in_stock".into(), String::new()),
                Ok(Some(StockCell::OutOfStock)) => (form.stock, form.quantity) = ("out_of_stock".into(), String::new()),
                Ok(Some(StockCell::Window)) => (form.stock, form.quantity) = ("window".into(), String::new()),
                Ok(Some(StockCell::Quantity(n))) => (form.stock, form.quantity) = ("quantity".into(), n.to_string()),
                Ok(None) => {}
                Err(problem) => refusals.push(refuse(Some(column), FieldProblem::new("stock", problem.key()))),
            }
        }
        if form.reservable && form.stock != "quantity" {
            form.reservable = false;
        }
        match check_form(&form) {
            Err(problems) => {
                for problem in problems {
                    let column = FIELDS.iter().find(|(_, f)| *f == problem.field).map(|(c, _)| *c).or(match problem.field.as_str() {
                        "stock" | "quantity" => Some(Column::Stock),
                        _ => None,
                    });
                    refusals.push(refuse(column, problem));
                }
            }
            Ok(checked) => {
                // An SKU another of the shop's products has (not the one this row names).
                if let Some(sku) = &checked.sku {
                    if by_sku.get(sku.as_str()).is_some_and(|i| Some(*i) != matched) {
                        refusals.push(refuse(Some(Column::Sku), FieldProblem::new("sku", "sku_taken")));
                    }
                }
                if refusals.is_empty() {
                    match (matched, before) {
                        (Some(i), Some(before)) => {
                            named[i] = true;
                            let fields = changed_fields(&before, &form);
                            if fields.is_empty() {
                                preview.unchanged += 1;
                            } else {
                                preview.change.push(Change {
                                    line: row.line,
                                    product_id: existing[i].id,
                                    name: existing[i].name_fr.clone(),
                                    fields,
                                });
                                writes.push((row.line, Some(existing[i].clone()), checked));
                            }
                        }
                        _ => {
                            preview.create.push((row.line, form.clone()));
                            writes.push((row.line, None, checked));
                        }
                    }
                }
            }
        }
        preview.refused.extend(refusals);
    }
    preview.missing = existing
        .iter()
        .zip(named.iter())
        .filter(|(p, named)| !**named && p.stock != "out_of_stock")
        .map(|(p, _)| (p.id, p.name_fr.clone()))
        .collect();
    Ok(Ok(Plan { preview, writes }))
}

/// The form field a column sets (for a refusal's message).
fn column_field(column: Column) -> &'static str {
    FIELDS.iter().find(|(c, _)| *c == column).map(|(_, f)| *f).unwrap_or("stock")
}

/// The fields of `after` that differ from `before`, with both values.
fn changed_fields(before: &ProductForm, after: &ProductForm) -> Vec<(&'static str, String, String)> {
    let pairs: [(&'static str, &str, &str); 12] = [
        ("name_fr", &before.name_fr, &after.name_fr),
        ("name_nl", &before.name_nl, &after.name_nl),
        ("name_en", &before.name_en, &after.name_en),
        ("description_fr", &before.description_fr, &after.description_fr),
        ("description_nl", &before.description_nl, &after.description_nl),
        ("description_en", &before.description_en, &after.description_en),
        ("price", &before.price, &after.price),
        ("category", &before.category, &after.category),
        ("gtin", &before.gtin, &after.gtin),
        ("sku", &before.sku, &after.sku),
        ("stock", &before.stock, &after.stock),
        ("quantity", &before.quantity, &after.quantity),
    ];
    let mut fields: Vec<(&'static str, String, String)> = pairs
        .into_iter()
        .filter(|(name, b, a)| {
            // A price compares as cents ("12,5" is "12,50"), a text trimmed.
            match *name {
                "price" => common::money::parse_euros(b).ok() != common::money::parse_euros(a).ok(),
                _ => b.trim() != a.trim(),
            }
        })
        .map(|(name, b, a)| (name, b.to_string(), a.to_string()))
        .collect();
    if before.visible != after.visible {
        fields.push(("visible", before.visible.to_string(), after.visible.to_string()));
    }
    fields
}

/// What importing `bytes` into the business would do. Writes nothing.
pub async fn preview(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Result<Preview, FileProblem>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    Ok(plan(db, business_id, bytes, options).await?.map(|plan| plan.preview))
}

/// Imports `bytes`: the plan of [`preview`] made again in one transaction, applied only when no
/// row is refused (then the preview is returned, nothing written). Returns the plan applied.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    business_id: i32,
    bytes: &[u8],
    options: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<Result<Preview, FileProblem>, DomainError> {
    authorize(db, actor, business_id, Need::EditListing).await?;
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    let txn = begin_catalogue_write(db).await?;
    crate::db::lock_business(&txn, business_id).await?;
    let plan = match plan(&txn, business_id, bytes, options).await? {
        Ok(plan) => plan,
        Err(problem) => return Ok(Err(problem)),
    };
    if !plan.preview.refused.is_empty() {
        return Ok(Ok(plan.preview));
    }
    let existing =
        product::Entity::find().filter(product::Column::BusinessId.eq(business_id)).count(&txn).await?;
    let created = plan.writes.iter().filter(|(_, before, _)| before.is_none()).count() as u64;
    if existing + created > super::manage::MAX_PRODUCTS {
        return Err(DomainError::Invalid(vec![FieldProblem::with_limit(
            "products",
            "too_many_products",
            super::manage::MAX_PRODUCTS as u32,
        )]));
    }
    let categories: HashMap<String, i32> =
        category_rows(&txn).await?.into_iter().map(|c| (c.slug, c.id)).collect();
    for (_, before, checked) in &plan.writes {
        let category = checked.category.as_ref().and_then(|slug| categories.get(slug).copied());
        let mut row = match before {
            Some(model) => product::ActiveModel {
                id: Set(model.id),
                version: Set(model.version + 1),
                ..Default::default()
            },
            None => product::ActiveModel {
                id: NotSet,
                business_id: Set(business_id),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            },
        };
        // The form's fields as saving the form writes them (the plan already kept a product's
        // "reservable" only with a quantity, and leaves a new one not reservable).
        super::manage::apply(&mut row, checked, category, now);
        if before.is_some() {
            row.update(&txn).await.map_err(super::sku_taken_or)?;
        } else {
            row.insert(&txn).await.map_err(super::sku_taken_or)?;
        }
    }
    let mut marked = 0;
    if options.missing_out_of_stock {
        for chunk in plan.preview.missing.chunks(500) {
            marked += product::Entity::update_many()
                .col_expr(product::Column::Stock, sea_orm::sea_query::Expr::value("out_of_stock"))
                .col_expr(product::Column::Quantity, sea_orm::sea_query::Expr::value(Option::<i32>::None))
                .col_expr(product::Column::Reservable, sea_orm::sea_query::Expr::value(false))
                .col_expr(product::Column::StockConfirmedAt, sea_orm::sea_query::Expr::value(Some(now)))
                .col_expr(product::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
                .filter(product::Column::BusinessId.eq(business_id))
                .filter(product::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
                .exec(&txn)
                .await?
                .rows_affected;
        }
    }
    let mut changes = Changes::new();
    changes.note("created", &created);
    changes.note("changed", &plan.preview.change.len());
    changes.note("unchanged", &plan.preview.unchanged);
    if options.missing_out_of_stock {
        changes.note("marked_out_of_stock", &marked);
    }
    audit::record(&txn, actor, Some(business_id), "products_imported", changes, now).await?;
    txn.commit().await?;
    Ok(Ok(plan.preview))
}
