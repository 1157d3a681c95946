//! Server functions of the spreadsheet import (issue 13): the upload page, the preview of a kept
//! file, the merchant's column mapping and option, and the confirmation. The file itself arrives
//! by a plain `multipart/form-data` form handled by the server (`server::http::products_import`),
//! which keeps it (`domain::catalogue::import_files`) and redirects to the preview. Every function
//! goes through the domain, which asks `domain::authz` and only gives a kept file to the person
//! who uploaded it.
//!
//! Without JavaScript the writes are plain form posts answered by a redirect: back to the
//! preview after a mapping, to the products list saying what was imported after a confirmation.

use common::catalogue::ImportView;
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The upload page: the business's name, for those who may edit it.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "product_import_start")]
pub async fn get_import_start(business_id: i32) -> Result<String, AppError> {
    let state = super::state()?;
    let session = super::session();
    let access =
        domain::authz::authorize(&state.db, session.actor.as_ref(), business_id, domain::authz::Need::EditListing).await?;
    Ok(access.business.name)
}

/// The preview page of the kept file `token`.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "product_import")]
pub async fn get_import_preview(business_id: i32, token: String) -> Result<ImportView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref();
    let access = domain::authz::authorize(&state.db, actor, business_id, domain::authz::Need::EditListing).await?;
    let (kept, preview) =
        domain::catalogue::import_files::preview(&state.db, actor, business_id, &token, state.clock.now()).await?;
    Ok(view_of(business_id, access.business.name, kept, preview))
}

#[cfg(feature = "ssr")]
fn view_of(
    business_id: i32,
    business_name: String,
    kept: domain::catalogue::import_files::Kept,
    preview: Result<domain::catalogue::import::Preview, domain::catalogue::import::FileProblem>,
) -> ImportView {
    use common::catalogue::{ImportChange, ImportColumn, ImportCreate, ImportRefusal, Stock, IMPORT_LIST_MAX};
    use domain::catalogue::import_files::sample;
    use domain::catalogue::sheet::Format;
    let sample = sample(&kept.bytes).ok();
    let (format, delimiter, encoding) = match sample.as_ref().map(|s| s.format) {
        Some(Format::Csv { delimiter, encoding }) => ("csv", Some(delimiter as char), Some(encoding.to_string())),
        Some(Format::Xlsx) => ("xlsx", None, None),
        None => ("csv", None, None),
    };
    let mapped = kept.options.mapping.is_some();
    let columns = match &sample {
        Some(sample) => {
            let chosen = kept.options.mapping.clone().filter(|m| m.len() == sample.headers.len());
            let chosen = chosen.unwrap_or_else(|| sample.recognised.clone());
            sample
                .headers
                .iter()
                .enumerate()
                .map(|(i, header)| ImportColumn {
                    header: header.clone(),
                    column: chosen.get(i).copied().flatten().map(|c| c.code().to_string()),
                    samples: sample.rows.iter().map(|row| row.get(i).cloned().unwrap_or_default()).collect(),
                })
                .collect()
        }
        None => Vec::new(),
    };
    let mut view = ImportView {
        business_id,
        business_name,
        file_name: kept.file_name,
        format: format.to_string(),
        delimiter,
        encoding,
        row_count: sample.as_ref().map_or(0, |s| s.row_count),
        columns,
        mapped,
        missing_out_of_stock: kept.options.missing_out_of_stock,
        file_problem: None,
        create: Vec::new(),
        create_count: 0,
        change: Vec::new(),
        change_count: 0,
        unchanged: 0,
        refused: Vec::new(),
        refused_count: 0,
        missing: Vec::new(),
        missing_count: 0,
    };
    match preview {
        Err(problem) => view.file_problem = Some(problem.key().to_string()),
        Ok(preview) => {
            view.create_count = preview.create.len();
            view.create = preview
                .create
                .into_iter()
                .take(IMPORT_LIST_MAX)
                .map(|(line, form)| ImportCreate {
                    line,
                    price_cents: common::money::parse_euros(&form.price).ok().flatten(),
                    stock: match form.stock.as_str() {
                        "in_stock" => Stock::InStock,
                        "out_of_stock" => Stock::OutOfStock,
                        "quantity" => Stock::Quantity(form.quantity.parse().unwrap_or_default()),
                        _ => Stock::Window,
                    },
                    name: form.name_fr,
                })
                .collect();
            view.change_count = preview.change.len();
            view.change = preview
                .change
                .into_iter()
                .take(IMPORT_LIST_MAX)
                .map(|change| ImportChange {
                    line: change.line,
                    product_id: change.product_id,
                    name: change.name,
                    fields: change.fields.into_iter().map(|(field, before, after)| (field.to_string(), before, after)).collect(),
                })
                .collect();
            view.unchanged = preview.unchanged;
            view.refused_count = preview.refused.len();
            view.refused = preview
                .refused
                .into_iter()
                .take(IMPORT_LIST_MAX)
                .map(|r| ImportRefusal { line: r.line, column: r.column, problem: r.problem })
                .collect();
            view.missing_count = preview.missing.len();
            view.missing = preview.missing.into_iter().take(IMPORT_LIST_MAX).map(|(_, name)| name).collect();
        }
    }
    view
}

/// The preview page of a kept file, without language prefix.
pub fn preview_path(business_id: i32, token: &str) -> String {
    format!("{}/{token}", crate::pages::product_import::upload_path(business_id))
}

/// Records the columns as the merchant mapped them (`columns[]`, one per header in order, a
/// column code or empty: ignored; none sent: recognise them by name) and the option, then
/// shows the preview again.
#[server(output = JsonAnswer, endpoint = "choose_import_columns")]
pub async fn choose_import_columns(
    lang: Lang,
    business_id: i32,
    token: String,
    #[server(default)] columns: Vec<String>,
    #[server(default)] missing_out_of_stock: Option<String>,
    #[server(default)] recognise: Option<String>,
) -> Result<(), AppError> {
    use domain::catalogue::sheet::Column;
    let state = super::state()?;
    let session = super::session();
    let mapping = if recognise.is_some() || columns.is_empty() {
        None
    } else {
        let mut mapping = Vec::with_capacity(columns.len());
        for code in &columns {
            match code.as_str() {
                "" => mapping.push(None),
                code => mapping.push(Some(Column::from_code(code).ok_or(AppError::BadRequest)?)),
            }
        }
        Some(mapping)
    };
    domain::catalogue::import_files::choose(
        &state.db,
        session.actor.as_ref(),
        business_id,
        &token,
        mapping,
        missing_out_of_stock.is_some(),
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&lang.localize(&preview_path(business_id, &token)));
    Ok(())
}

/// What a confirmed import did: products created, changed, marked out of stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    pub created: usize,
    pub changed: usize,
    pub out_of_stock: usize,
}

/// Imports the kept file: all of it, or (`None`) nothing if a row is refused now (the catalogue
/// changed since the preview) and the preview again, which says which.
#[server(output = JsonAnswer, endpoint = "confirm_import")]
pub async fn confirm_import(lang: Lang, business_id: i32, token: String) -> Result<Option<Imported>, AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref();
    let now = state.clock.now();
    let missing_asked =
        domain::catalogue::import_files::load(&state.db, actor, business_id, &token, now).await?.options.missing_out_of_stock;
    let outcome = domain::catalogue::import_files::confirm(&state.db, actor, business_id, &token, now).await?;
    match outcome {
        Ok(done) if done.refused.is_empty() => {
            let imported = Imported {
                created: done.create.len(),
                changed: done.change.len(),
                // The shop's products the file does not name, marked out of stock when asked.
                out_of_stock: if missing_asked { done.missing.len() } else { 0 },
            };
            let list = lang.localize(&crate::pages::products_merchant::list_path(business_id));
            leptos_axum::redirect(&format!(
                "{list}?fait=importe&crees={}&modifies={}&epuises={}",
                imported.created, imported.changed, imported.out_of_stock
            ));
            Ok(Some(imported))
        }
        // Refused rows or a file that no longer reads as mapped: the preview says which.
        _ => {
            leptos_axum::redirect(&lang.localize(&preview_path(business_id, &token)));
            Ok(None)
        }
    }
}
