//! Importing a product spreadsheet (issue 13), private like the rest of the dashboard:
//! - `/tableau-de-bord/{id}/produits/importer`: the upload form (CSV or `.xlsx`, up to 5 MB and
//!   10,000 rows; the option "mark products missing from this file as out of stock"), a plain
//!   `multipart/form-data` form posted to `…/importer/envoi` (`server::http::products_import`),
//!   which keeps the file and sends the merchant to its preview, or back here with the reason the
//!   file was refused (`?refus=`);
//! - `/tableau-de-bord/{id}/produits/importer/{file}`: the preview of a kept file, written
//!   nothing yet: how it was read, its columns (and the mapping step when their names were not
//!   recognised), the products to create, to change (each field before and after), unchanged,
//!   and the refused rows with their line, column and reason; then "Import", only when no row is
//!   refused.
//!
//! Everything works without JavaScript: the upload is a plain form, the mapping and the
//! confirmation are form posts answered by redirects (`api::product_import`).

use common::catalogue::ImportView;
use common::error::FieldProblem;
use common::AppError;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::product_import::{get_import_preview, get_import_start, ChooseImportColumns, ConfirmImport};
use crate::components::form::FormAlert;
use crate::components::problem::Problem;
use crate::format;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};
use crate::pages::products_merchant::{list_path, product_problem_text, stock_text};

/// The path segment of the import pages, under the products'.
pub const IMPORT_SEGMENT: &str = "importer";
/// The segment the upload form posts to, under the import page's.
pub const UPLOAD_SEGMENT: &str = "envoi";
/// The upload form's fields.
pub const FILE_FIELD: &str = "fichier";
pub const MISSING_FIELD: &str = "epuiser_absents";
/// The parameter that brings a refused upload's reason back to the upload page (a problem key,
/// with `limite` for its number).
pub const REFUSAL_PARAMETER: &str = "refus";
pub const LIMIT_PARAMETER: &str = "limite";

/// The upload page, without language prefix.
pub fn upload_path(business_id: i32) -> String {
    format!("{}/{IMPORT_SEGMENT}", list_path(business_id))
}

/// Where the upload form posts, without language prefix.
pub fn upload_post_path(business_id: i32) -> String {
    format!("{}/{UPLOAD_SEGMENT}", upload_path(business_id))
}

/// The business id of the route, if it reads as one.
fn business_param() -> Option<i32> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()))
}

/// The message of a whole file's problem (`domain::catalogue::import::FileProblem::key`).
pub fn file_problem_text(loc: Locale, key: &str, limit: Option<u32>) -> String {
    match key {
        "sheet_too_large" => td_string!(loc, product_import.sheet_too_large).to_string(),
        "sheet_too_many_rows" => td_string!(loc, product_import.sheet_too_many_rows).to_string(),
        "sheet_empty" => td_string!(loc, product_import.sheet_empty).to_string(),
        "sheet_not_a_spreadsheet" => td_string!(loc, product_import.sheet_not_a_spreadsheet).to_string(),
        "sheet_unknown_encoding" => td_string!(loc, product_import.sheet_unknown_encoding).to_string(),
        "import_no_name_column" => td_string!(loc, product_import.no_name_column).to_string(),
        "import_bad_mapping" => td_string!(loc, product_import.bad_mapping).to_string(),
        "no_file" => td_string!(loc, product_import.no_file).to_string(),
        "too_many_products" => td_string!(loc, products.problem_too_many_products, limit = limit.unwrap_or_default()),
        _ => td_string!(loc, product_import.sheet_not_a_spreadsheet).to_string(),
    }
}

/// The message of a refused row.
fn row_problem_text(loc: Locale, problem: &FieldProblem) -> String {
    match problem.problem.as_str() {
        "import_duplicate_row" => {
            td_string!(loc, product_import.duplicate_row, line = problem.limit.unwrap_or_default())
        }
        "stock_not_understood" => td_string!(loc, product_import.stock_not_understood).to_string(),
        "yes_no_not_understood" => td_string!(loc, product_import.yes_no_not_understood).to_string(),
        _ => product_problem_text(loc, problem),
    }
}

/// The name of an importer column (`domain::catalogue::sheet::Column::code`).
fn column_name(loc: Locale, code: &str) -> String {
    match code {
        "name" => td_string!(loc, products.name_fr).to_string(),
        "name_nl" => td_string!(loc, products.name_nl).to_string(),
        "name_en" => td_string!(loc, products.name_en).to_string(),
        "description" => td_string!(loc, products.description_fr).to_string(),
        "description_nl" => td_string!(loc, products.description_nl).to_string(),
        "description_en" => td_string!(loc, products.description_en).to_string(),
        "price" => td_string!(loc, products.price).to_string(),
        "category" => td_string!(loc, products.category).to_string(),
        "gtin" => td_string!(loc, products.gtin).to_string(),
        "sku" => td_string!(loc, products.sku).to_string(),
        "stock" => td_string!(loc, product_import.column_stock).to_string(),
        "quantity" => td_string!(loc, product_import.column_quantity).to_string(),
        "visible" => td_string!(loc, products.visible).to_string(),
        _ => code.to_string(),
    }
}

/// The importer's columns, in the mapping step's order.
const COLUMN_CODES: [&str; 13] = [
    "name",
    "name_nl",
    "name_en",
    "description",
    "description_nl",
    "description_en",
    "price",
    "category",
    "gtin",
    "sku",
    "stock",
    "quantity",
    "visible",
];

/// The name of a product form field in a change's before/after.
fn field_name(loc: Locale, field: &str) -> String {
    match field {
        "name_fr" => column_name(loc, "name"),
        "description_fr" => column_name(loc, "description"),
        "stock" | "quantity" => column_name(loc, "stock"),
        other => column_name(loc, other),
    }
}

// ---------------------------------------------------------------------------------------------
// The upload page.

#[component]
pub fn ProductImportPage() -> impl IntoView {
    let lang = use_lang();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let start = Resource::new(|| (), move |_| get_import_start(id));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(name) => view! { <UploadForm business_id=id business_name=name/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), product_import.title).to_string();
                        view! { <PrivateMeta title/><section class="dashboard"><Problem error/></section> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn UploadForm(business_id: i32, business_name: String) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let refusal = use_query_map().with_untracked(|q| {
        q.get(REFUSAL_PARAMETER).map(|key| {
            let limit = q.get(LIMIT_PARAMETER).and_then(|l| l.parse::<u32>().ok());
            file_problem_text(loc, &key, limit)
        })
    });
    let invalid = refusal.is_some().then_some("true");
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, product_import.title), business_name)/>
        <section class="dashboard product-import">
            <p><a href=href(lang, &list_path(business_id))>{td_string!(loc, products.back_to_list)}</a></p>
            <h1>{td_string!(loc, product_import.title)}</h1>
            <p>{td_string!(loc, product_import.intro)}</p>
            <ul class="help-list">
                <li>{td_string!(loc, product_import.help_formats)}</li>
                <li>{td_string!(loc, product_import.help_columns)}</li>
                <li>{td_string!(loc, product_import.help_keys)}</li>
                <li>{td_string!(loc, product_import.help_export)}</li>
            </ul>
            <form
                class="card stack"
                method="post"
                enctype="multipart/form-data"
                action=href(lang, &upload_post_path(business_id))
            >
                {refusal.clone().map(|text| view! { <p class="problem" role="alert" id="fichier-error">{text}</p> })}
                <label for="fichier">{td_string!(loc, product_import.file_label)}</label>
                <input
                    id="fichier"
                    name=FILE_FIELD
                    type="file"
                    required
                    accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    aria-describedby=if refusal.is_some() { "fichier-help fichier-error" } else { "fichier-help" }
                    aria-invalid=invalid
                />
                <p class="help" id="fichier-help">{td_string!(loc, product_import.file_help)}</p>
                <p class="field--check">
                    <input id="epuiser" type="checkbox" name=MISSING_FIELD value="1"/>
                    <label for="epuiser">{td_string!(loc, product_import.missing_option)}</label>
                </p>
                <p><button type="submit">{td_string!(loc, product_import.upload)}</button></p>
            </form>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The preview page.

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let token = use_params_map().with_untracked(|p| p.get("file").unwrap_or_default());
    let choose = ServerAction::<ChooseImportColumns>::new();
    let confirm = ServerAction::<ConfirmImport>::new();
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(choose.value().get(), Some(Ok(_))) || matches!(confirm.value().get(), Some(Ok(None))) {
            changes.update(|n| *n += 1);
        }
    });
    let preview = Resource::new(move || changes.get(), move |_| get_import_preview(id, token.clone()));
    view! {
        <Transition fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(view) => view! { <Preview view choose confirm/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(AppError::NotFound) => view! { <Expired business_id=id/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), product_import.title).to_string();
                        view! { <PrivateMeta title/><section class="dashboard"><Problem error/></section> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

/// A kept file that is not (or no longer) there: expired, imported, or someone else's.
#[component]
fn Expired(business_id: i32) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(404);
    let lang = current_lang();
    let loc = locale(lang);
    view! {
        <PrivateMeta title=td_string!(loc, product_import.title).to_string()/>
        <section class="dashboard narrow">
            <h1>{td_string!(loc, product_import.expired_title)}</h1>
            <p>{td_string!(loc, product_import.expired_text)}</p>
            <p><a class="button" href=href(lang, &upload_path(business_id))>{td_string!(loc, product_import.upload_again)}</a></p>
        </section>
    }
}

/// "and 12 more" under a list cut at [`IMPORT_LIST_MAX`].
fn more(loc: Locale, shown: usize, count: usize) -> Option<impl IntoView> {
    (count > shown).then(|| view! { <p class="help">{td_string!(loc, product_import.more, count = count - shown)}</p> })
}

#[component]
fn Preview(view: ImportView, choose: ServerAction<ChooseImportColumns>, confirm: ServerAction<ConfirmImport>) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let id = view.business_id;
    let token = use_params_map().with_untracked(|p| p.get("file").unwrap_or_default());
    let read_as = match (view.format.as_str(), view.delimiter, view.encoding.clone()) {
        ("xlsx", _, _) => td_string!(loc, product_import.read_xlsx, rows = view.row_count),
        (_, Some(delimiter), Some(encoding)) => {
            let delimiter = match delimiter {
                '\t' => td_string!(loc, product_import.tab).to_string(),
                other => format!("« {other} »"),
            };
            td_string!(loc, product_import.read_csv, delimiter = delimiter, encoding = encoding, rows = view.row_count)
        }
        _ => String::new(),
    };
    let problem = view.file_problem.as_deref().map(|key| file_problem_text(loc, key, None));
    let summary = (view.file_problem.is_none()).then(|| {
        view! {
            <ul class="import-summary">
                <li>{td_string!(loc, product_import.summary_create, count = view.create_count)}</li>
                <li>{td_string!(loc, product_import.summary_change, count = view.change_count)}</li>
                <li>{td_string!(loc, product_import.summary_unchanged, count = view.unchanged)}</li>
                <li>{td_string!(loc, product_import.summary_refused, count = view.refused_count)}</li>
                {view.missing_out_of_stock.then(|| view! {
                    <li>{td_string!(loc, product_import.summary_missing, count = view.missing_count)}</li>
                })}
            </ul>
        }
    });
    let refused = (view.refused_count > 0).then(|| {
        let rows = view
            .refused
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <td>{r.line}</td>
                        <td>{r.column.clone().unwrap_or_default()}</td>
                        <td>{row_problem_text(loc, &r.problem)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card import-refused" aria-labelledby="refused-title">
                <h2 id="refused-title">{td_string!(loc, product_import.refused_title)}</h2>
                <p>{td_string!(loc, product_import.refused_text)}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="refused-title">
                    <table>
                        <thead><tr>
                            <th scope="col">{td_string!(loc, product_import.line)}</th>
                            <th scope="col">{td_string!(loc, product_import.column)}</th>
                            <th scope="col">{td_string!(loc, product_import.reason)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {more(loc, view.refused.len(), view.refused_count)}
                <p><a class="button" href=href(lang, &upload_path(id))>{td_string!(loc, product_import.upload_again)}</a></p>
            </section>
        }
    });
    let create = (view.create_count > 0).then(|| {
        let rows = view
            .create
            .iter()
            .map(|c| {
                let price = match c.price_cents {
                    Some(cents) => format::price(loc, cents),
                    None => td_string!(loc, products.price_in_shop).to_string(),
                };
                view! { <tr><td>{c.line}</td><td>{c.name.clone()}</td><td>{price}</td><td>{stock_text(loc, c.stock)}</td></tr> }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="create-title">
                <h2 id="create-title">{td_string!(loc, product_import.create_title)}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="create-title">
                    <table>
                        <thead><tr>
                            <th scope="col">{td_string!(loc, product_import.line)}</th>
                            <th scope="col">{td_string!(loc, products.name_fr)}</th>
                            <th scope="col">{td_string!(loc, products.price)}</th>
                            <th scope="col">{td_string!(loc, product_import.column_stock)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {more(loc, view.create.len(), view.create_count)}
            </section>
        }
    });
    let change = (view.change_count > 0).then(|| {
        let items = view
            .change
            .iter()
            .map(|c| {
                let fields = c
                    .fields
                    .iter()
                    .map(|(field, before, after)| {
                        let empty = || td_string!(loc, product_import.empty).to_string();
                        let before = if before.is_empty() { empty() } else { before.clone() };
                        let after = if after.is_empty() { empty() } else { after.clone() };
                        view! {
                            <li>
                                {field_name(loc, field)}" : "<del>{before}</del>" → "<ins>{after}</ins>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li>
                        <strong>{c.name.clone()}</strong>" "
                        <span class="help">{td_string!(loc, product_import.at_line, line = c.line)}</span>
                        <ul>{fields}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="change-title">
                <h2 id="change-title">{td_string!(loc, product_import.change_title)}</h2>
                <ul class="import-changes">{items}</ul>
                {more(loc, view.change.len(), view.change_count)}
            </section>
        }
    });
    let missing = (view.missing_out_of_stock && view.missing_count > 0).then(|| {
        let items = view.missing.iter().map(|name| view! { <li>{name.clone()}</li> }).collect_view();
        view! {
            <section class="card" aria-labelledby="missing-title">
                <h2 id="missing-title">{td_string!(loc, product_import.missing_title)}</h2>
                <ul>{items}</ul>
                {more(loc, view.missing.len(), view.missing_count)}
            </section>
        }
    });
    let mapping_open = view.file_problem.is_some() || view.mapped;
    let options = |chosen: Option<String>| {
        let chosen_clone = chosen.clone();
        let ignored = view! { <option value="" selected=chosen_clone.is_none()>{td_string!(loc, product_import.ignore_column)}</option> };
        let named = COLUMN_CODES
            .iter()
            .map(|code| {
                let selected = chosen.as_deref() == Some(*code);
                view! { <option value=*code selected=selected>{column_name(loc, code)}</option> }
            })
            .collect_view();
        view! { {ignored}{named} }
    };
    let mapping_rows = view
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let select_id = format!("colonne-{i}");
            let samples = column.samples.iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" · ");
            view! {
                <tr>
                    <th scope="row"><label for=select_id.clone()>{column.header.clone()}</label></th>
                    <td>
                        <select id=select_id name="columns[]">{options(column.column.clone())}</select>
                    </td>
                    <td class="help">{samples}</td>
                </tr>
            }
        })
        .collect_view();
    let can_confirm = view.can_confirm();
    let token_field = token.clone();
    let mapping = view! {
        <details class="card import-mapping" open=mapping_open>
            <summary>{td_string!(loc, product_import.mapping_title)}</summary>
            <p>{td_string!(loc, product_import.mapping_help)}</p>
            <ActionForm action=choose attr:class="stack">
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=id.to_string()/>
                <input type="hidden" name="token" value=token_field/>
                <div class="table-scroll" tabindex="0" role="region" aria-label=td_string!(loc, product_import.mapping_title)>
                    <table>
                        <thead><tr>
                            <th scope="col">{td_string!(loc, product_import.header)}</th>
                            <th scope="col">{td_string!(loc, product_import.read_as)}</th>
                            <th scope="col">{td_string!(loc, product_import.first_values)}</th>
                        </tr></thead>
                        <tbody>{mapping_rows}</tbody>
                    </table>
                </div>
                <p class="field--check">
                    <input id="epuiser" type="checkbox" name="missing_out_of_stock" value="1" checked=view.missing_out_of_stock/>
                    <label for="epuiser">{td_string!(loc, product_import.missing_option)}</label>
                </p>
                <p class="button-row">
                    <button type="submit">{td_string!(loc, product_import.apply_mapping)}</button>
                    {view.mapped.then(|| view! {
                        <button type="submit" class="button--secondary" name="recognise" value="1">
                            {td_string!(loc, product_import.recognise_again)}
                        </button>
                    })}
                </p>
            </ActionForm>
        </details>
    };
    let confirm_form = can_confirm.then(|| {
        let nothing = view.create_count == 0 && view.change_count == 0 && (!view.missing_out_of_stock || view.missing_count == 0);
        view! {
            <section class="card import-confirm" aria-labelledby="confirm-title">
                <h2 id="confirm-title">{td_string!(loc, product_import.confirm_title)}</h2>
                <p>{if nothing {
                    td_string!(loc, product_import.nothing_to_do).to_string()
                } else {
                    td_string!(loc, product_import.confirm_text).to_string()
                }}</p>
                <ActionForm action=confirm attr:class="inline">
                    <input type="hidden" name="lang" value=lang_field(lang)/>
                    <input type="hidden" name="business_id" value=id.to_string()/>
                    <input type="hidden" name="token" value=token.clone()/>
                    <button type="submit">{td_string!(loc, product_import.confirm)}</button>
                </ActionForm>
                " "
                <a class="button button--secondary" href=href(lang, &list_path(id))>{td_string!(loc, products.cancel)}</a>
            </section>
        }
    });
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, product_import.preview_title), view.business_name)/>
        <section class="dashboard product-import">
            <p><a href=href(lang, &list_path(id))>{td_string!(loc, products.back_to_list)}</a></p>
            <h1>{td_string!(loc, product_import.preview_title)}</h1>
            <p>
                <strong>{view.file_name.clone()}</strong>
                {(!read_as.is_empty()).then(|| format!(" — {read_as}"))}
            </p>
            <p class="notice">{td_string!(loc, product_import.nothing_written)}</p>
            <FormAlert value=choose.value()/>
            <FormAlert value=confirm.value()/>
            {problem.map(|text| view! { <p class="problem" role="alert">{text}</p> })}
            {summary}
            {confirm_form}
            {refused}
            {mapping}
            {create}
            {change}
            {missing}
        </section>
    }
}
