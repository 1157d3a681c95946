//! The merchant's products (issue 13), private like the rest of the dashboard:
//! - `/tableau-de-bord/{id}/produits`: the list, searched, filtered (category, state, stale),
//!   sorted and paged in the URL; each product with one-tap stock and visibility buttons; a
//!   tick per product for one bulk action (stock, visibility, category, delete after a
//!   confirmation step, `?supprimer=…`); "find by code": the number under a barcode (or a
//!   reference) typed, which shows that product with its one-tap stock buttons, or offers to
//!   start one with that GTIN; on a phone whose browser reads barcodes (`BarcodeDetector`),
//!   "Scan" opens the camera and fills the number in (`public/product-scan.js`).
//! - `/tableau-de-bord/{id}/produits/nouveau` and `/tableau-de-bord/{id}/produits/{product}`:
//!   the product form.
//!
//! Everything works without JavaScript: the filters and "find" are GET forms, each write a POST
//! form to a server function that answers with a redirect (`api::products`), and a refused
//! product form comes back with what was typed (`api::forms`).

use common::catalogue::{
    list_param, MerchantProductRow, Sort, StateFilter, Stock, STALE_AFTER_DAYS,
};
use common::error::FieldProblem;
use common::AppError;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::products::{
    get_merchant_products, get_product_editor, BulkProducts, DeleteProduct, MerchantProductsView, ProductEditorView,
    SaveProduct, SetProductStock, SetProductVisible,
};
use crate::components::form::{problem_text, problems_of, typed_resource, FormAlert, Typed};
use crate::components::problem::Problem;
use crate::format;
use crate::components::pagination::pagination;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::dashboard::{lang_field, LogInFirst, PrivateMeta};

/// The path segment of the new-product form.
pub const NEW_SEGMENT: &str = "nouveau";

/// The list page, without language prefix.
pub fn list_path(business_id: i32) -> String {
    format!("/tableau-de-bord/{business_id}/produits")
}

/// The editor of a product (`None`: a new one), without language prefix.
pub fn editor_path(business_id: i32, product_id: Option<i32>) -> String {
    match product_id {
        Some(id) => format!("{}/{id}", list_path(business_id)),
        None => format!("{}/{NEW_SEGMENT}", list_path(business_id)),
    }
}

/// The business id of the route, if it reads as one.
fn business_param() -> Option<i32> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()))
}

/// The message of a problem of the product forms: the catalogue's own, then the shared ones.
pub fn product_problem_text(loc: Locale, problem: &FieldProblem) -> String {
    let limit = problem.limit.unwrap_or_default();
    match problem.problem.as_str() {
        "price_negative" => td_string!(loc, products.problem_price_negative).to_string(),
        "price_too_many_decimals" => td_string!(loc, products.problem_price_decimals).to_string(),
        "price_not_a_number" => td_string!(loc, products.problem_price_not_a_number).to_string(),
        "price_too_large" => td_string!(loc, products.problem_price_too_large).to_string(),
        "gtin_not_digits" => td_string!(loc, products.problem_gtin_not_digits).to_string(),
        "gtin_bad_length" => td_string!(loc, products.problem_gtin_length).to_string(),
        "gtin_bad_check_digit" => td_string!(loc, products.problem_gtin_check_digit).to_string(),
        "gtin_all_zeros" => td_string!(loc, products.problem_gtin_not_digits).to_string(),
        "category_unknown" => td_string!(loc, products.problem_category_unknown).to_string(),
        "sku_taken" => td_string!(loc, products.problem_sku_taken).to_string(),
        "stock_unknown" => td_string!(loc, products.problem_stock_unknown).to_string(),
        "quantity_invalid" => td_string!(loc, products.problem_quantity_invalid).to_string(),
        "quantity_too_large" => td_string!(loc, products.problem_quantity_too_large, limit = limit),
        "reservable_needs_quantity" => td_string!(loc, products.problem_reservable).to_string(),
        "too_many_products" => td_string!(loc, products.problem_too_many_products, limit = limit),
        "none_selected" => td_string!(loc, products.problem_none_selected).to_string(),
        "too_many_selected" | "too_many_to_delete" => {
            td_string!(loc, products.problem_too_many_selected, limit = limit)
        }
        "bulk_action_unknown" => td_string!(loc, products.problem_bulk_action).to_string(),
        _ => problem_text(loc, problem),
    }
}

/// "En stock", "Épuisé", "3 en stock", "Vitrine : demandez au magasin".
pub fn stock_text(loc: Locale, stock: Stock) -> String {
    match stock {
        Stock::Window => td_string!(loc, products.stock_window).to_string(),
        Stock::InStock => td_string!(loc, products.stock_in).to_string(),
        Stock::OutOfStock => td_string!(loc, products.stock_out).to_string(),
        Stock::Quantity(n) => td_string!(loc, products.stock_quantity, count = n),
    }
}

/// "confirmé aujourd'hui" / "il y a 3 jours".
fn confirmed_text(loc: Locale, days: i64) -> String {
    match days {
        0 => td_string!(loc, products.confirmed_today).to_string(),
        1 => td_string!(loc, products.confirmed_one_day).to_string(),
        n => td_string!(loc, products.confirmed_days, count = n),
    }
}

// ---------------------------------------------------------------------------------------------
// The list.

/// The list's one-tap and bulk actions (one alert each at the top).
#[derive(Clone, Copy)]
struct Actions {
    stock: ServerAction<SetProductStock>,
    visible: ServerAction<SetProductVisible>,
    bulk: ServerAction<BulkProducts>,
}

#[component]
pub fn MerchantProductsPage() -> impl IntoView {
    let lang = use_lang();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let query = use_query_map();
    let actions = Actions { stock: ServerAction::new(), visible: ServerAction::new(), bulk: ServerAction::new() };
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        let done = [
            matches!(actions.stock.value().get(), Some(Ok(_))),
            matches!(actions.visible.value().get(), Some(Ok(_))),
            matches!(actions.bulk.value().get(), Some(Ok(_))),
        ];
        if done.iter().any(|d| *d) {
            changes.update(|n| *n += 1);
        }
    });
    let products = Resource::new(
        move || (query.get(), changes.get()),
        move |(q, _)| {
            get_merchant_products(
                lang.get_untracked(),
                id,
                q.get(list_param::QUERY),
                q.get(list_param::CATEGORY),
                q.get(list_param::STATE),
                q.get(list_param::SORT),
                q.get(list_param::PAGE),
                q.get("code"),
            )
        },
    );
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(view) => view! { <ProductsList view actions/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), products.title).to_string();
                        view! { <PrivateMeta title/><section class="dashboard"><Problem error/></section> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

/// The hidden fields every write of the list sends: the language, the business and the list's
/// filters to come back to.
fn common_fields(lang: common::Lang, business_id: i32, back: String) -> impl IntoView {
    view! {
        <input type="hidden" name="lang" value=lang_field(lang)/>
        <input type="hidden" name="business_id" value=business_id.to_string()/>
        <input type="hidden" name="back" value=back/>
    }
}

#[component]
fn ProductsList(view: MerchantProductsView, actions: Actions) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let url = use_query_map();
    let id = view.business_id;
    let products = view.products.clone();
    let query = view.query.clone();
    let back = query.to_query_string(Some(products.page));
    let page = href(lang, &list_path(id));
    let done = url.with_untracked(|q| {
        q.get("fait").map(|what| match what.as_str() {
            "ajoute" => td_string!(loc, products.done_added).to_string(),
            "enregistre" => td_string!(loc, products.done_saved).to_string(),
            "stock" => td_string!(loc, products.done_stock).to_string(),
            "affiche" => td_string!(loc, products.done_shown).to_string(),
            "masque" => td_string!(loc, products.done_hidden).to_string(),
            "groupe" => td_string!(loc, products.done_bulk).to_string(),
            "supprimes" | "supprime" => td_string!(loc, products.done_deleted).to_string(),
            "importe" => {
                let count = |name: &str| q.get(name).and_then(|n| n.parse::<u32>().ok()).unwrap_or_default();
                td_string!(
                    loc,
                    products.done_imported,
                    created = count("crees"),
                    changed = count("modifies"),
                    out_of_stock = count("epuises")
                )
            }
            _ => td_string!(loc, dashboard.saved).to_string(),
        })
    });
    let stale_notice = (products.stale > 0).then(|| {
        let stale_link = format!("{page}?{}={}", list_param::STATE, StateFilter::Stale.code());
        view! {
            <div class="warning" role="note">
                <p>{td_string!(loc, products.stale_notice, count = products.stale, days = STALE_AFTER_DAYS)}</p>
                <p>
                    <a href=stale_link>{td_string!(loc, products.stale_show)}</a>
                    " · "
                    <a href=href(lang, &format!("/tableau-de-bord/{id}"))>{td_string!(loc, products.stale_confirm)}</a>
                </p>
            </div>
        }
    });
    let confirm = {
        let rows = products.rows.clone();
        let back = back.clone();
        let page = page.clone();
        move || {
            let cancel = format!("{page}{back}");
            let back = back.clone();
            let wanted: Vec<i32> = url.with(|q| q.get("supprimer"))?.split('.').filter_map(|p| p.parse().ok()).collect();
            if wanted.is_empty() {
                return None;
            }
            let names: Vec<String> =
                wanted.iter().map(|w| rows.iter().find(|r| r.id == *w).map(|r| r.name.clone()).unwrap_or_else(|| format!("#{w}"))).collect();
            let ids = wanted.clone();
            Some(view! {
                <section id="confirmer" class="confirm" aria-labelledby="confirm-title">
                    <h2 id="confirm-title" tabindex="-1">{td_string!(loc, products.confirm_title, count = wanted.len())}</h2>
                    <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <p>{td_string!(loc, products.confirm_text)}</p>
                    <div class="button-row">
                        <ActionForm action=actions.bulk attr:class="inline">
                            {common_fields(lang, id, back.clone())}
                            <input type="hidden" name="action" value="delete"/>
                            <input type="hidden" name="confirmed" value="1"/>
                            {ids.iter().map(|i| view! { <input type="hidden" name="ids[]" value=i.to_string()/> }).collect_view()}
                            <button type="submit">{td_string!(loc, products.confirm_delete)}</button>
                        </ActionForm>
                        <a class="button button--secondary" href=cancel>{td_string!(loc, products.cancel)}</a>
                    </div>
                </section>
            })
        }
    };
    let scan = view.scan.clone().map(|scan| {
        let result = match scan.found {
            Some(row) => view! {
                <p>{td_string!(loc, products.scan_found, code = scan.code.clone())}</p>
                <ul class="product-rows">
                    <ProductRow row business_id=id back=back.clone() actions scanned=true/>
                </ul>
            }
            .into_any(),
            None => {
                let new_link = format!("{}?gtin={}", href(lang, &editor_path(id, None)), common::query::encode_component(&scan.code));
                view! {
                    <p>{td_string!(loc, products.scan_none, code = scan.code.clone())}</p>
                    <p><a class="button" href=new_link>{td_string!(loc, products.scan_create)}</a></p>
                }
                .into_any()
            }
        };
        view! { <section class="card scan-result" aria-labelledby="scan-title"><h2 id="scan-title">{td_string!(loc, products.scan_title)}</h2>{result}</section> }
    });
    let categories = products.categories.clone();
    let category_options = {
        let chosen = query.category.clone();
        categories
            .iter()
            .map(|c| {
                let selected = chosen.as_deref() == Some(c.slug.as_str());
                view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
            })
            .collect_view()
    };
    let state_options = [
        (StateFilter::InStock, td_string!(loc, products.filter_in_stock)),
        (StateFilter::OutOfStock, td_string!(loc, products.filter_out_of_stock)),
        (StateFilter::Window, td_string!(loc, products.filter_window)),
        (StateFilter::Stale, td_string!(loc, products.filter_stale)),
        (StateFilter::Hidden, td_string!(loc, products.filter_hidden)),
    ]
    .into_iter()
    .map(|(f, label)| view! { <option value=f.code() selected=query.state == Some(f)>{label}</option> })
    .collect_view();
    let sort_options = [
        (Sort::Name, td_string!(loc, products.sort_name)),
        (Sort::PriceLowFirst, td_string!(loc, products.sort_price)),
        (Sort::PriceHighFirst, td_string!(loc, products.sort_price_desc)),
        (Sort::Updated, td_string!(loc, products.sort_updated)),
        (Sort::Confirmed, td_string!(loc, products.sort_confirmed)),
    ]
    .into_iter()
    .map(|(s, label)| view! { <option value=s.code() selected=query.sort == s>{label}</option> })
    .collect_view();
    let bulk_category_options = categories
        .iter()
        .map(|c| view! { <option value=format!("category:{}", c.slug)>{td_string!(loc, products.bulk_category, category = c.name.clone())}</option> })
        .collect_view();
    let rows = products
        .rows
        .iter()
        .cloned()
        .map(|row| view! { <ProductRow row business_id=id back=back.clone() actions/> })
        .collect_view();
    let pagination = pagination(loc, products.page, products.page_count, |n| format!("{page}{}", query.to_query_string(Some(n))));
    let count_text = td_string!(loc, products.count, matching = products.matching, total = products.total);
    let bulk_back = back.clone();
    view! {
        <PrivateMeta title=format!("{} · {}", td_string!(loc, products.title), view.business_name)/>
        <section class="dashboard products">
            <p><a href=href(lang, &format!("/tableau-de-bord/{id}"))>{view.business_name.clone()}</a></p>
            <h1>{td_string!(loc, products.title)}</h1>
            {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {stale_notice}
            <p class="button-row">
                <a class="button" href=href(lang, &editor_path(id, None))>{td_string!(loc, products.new)}</a>
                <a class="button button--secondary" href=href(lang, &crate::pages::product_import::upload_path(id))>
                    {td_string!(loc, products.import)}
                </a>
                <a class="button button--secondary" href=href(lang, &format!("{}/export.csv", list_path(id))) rel="external" download="">
                    {td_string!(loc, products.export)}
                </a>
            </p>
            {confirm}
            <FormAlert value=actions.stock.value()/>
            <FormAlert value=actions.visible.value()/>
            <FormAlert value=actions.bulk.value()/>
            <form class="card scan" method="get" action=page.clone() role="search" aria-labelledby="find-title">
                <h2 id="find-title">{td_string!(loc, products.find_title)}</h2>
                <label for="code">{td_string!(loc, products.find_label)}</label>
                <div class="scan__row">
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="off" maxlength="64"
                        aria-describedby="code-help"/>
                    <button type="submit">{td_string!(loc, products.find_submit)}</button>
                    // Shown by /product-scan.js where the browser can read barcodes.
                    <button type="button" class="button--secondary scan__camera" data-scan-camera="">
                        {td_string!(loc, products.scan_camera)}
                    </button>
                </div>
                <p class="help" id="code-help">{td_string!(loc, products.find_help)}</p>
            </form>
            <dialog class="scan__dialog" aria-labelledby="scan-dialog-title" data-unavailable=td_string!(loc, products.scan_unavailable)>
                <h2 id="scan-dialog-title">{td_string!(loc, products.scan_aim)}</h2>
                <video class="scan__video" muted="" playsinline=""></video>
                <p class="scan__status" role="status"></p>
                <button type="button" data-scan-close="">{td_string!(loc, products.scan_close)}</button>
            </dialog>
            <script type="module" src="/product-scan.js"></script>
            {scan}
            <form class="card filters" method="get" action=page.clone() role="search" aria-labelledby="filters-title">
                <h2 id="filters-title">{td_string!(loc, products.filters_title)}</h2>
                <div class="filters__grid">
                    <div>
                        <label for="products-q">{td_string!(loc, products.search_label)}</label>
                        <input id="products-q" name=list_param::QUERY type="search" maxlength="200"
                            value=query.text.clone().unwrap_or_default()/>
                    </div>
                    <div>
                        <label for="products-category">{td_string!(loc, products.category)}</label>
                        <select id="products-category" name=list_param::CATEGORY>
                            <option value="">{td_string!(loc, products.all_categories)}</option>
                            {category_options}
                        </select>
                    </div>
                    <div>
                        <label for="products-state">{td_string!(loc, products.state)}</label>
                        <select id="products-state" name=list_param::STATE>
                            <option value="">{td_string!(loc, products.all_states)}</option>
                            {state_options}
                        </select>
                    </div>
                    <div>
                        <label for="products-sort">{td_string!(loc, products.sort)}</label>
                        <select id="products-sort" name=list_param::SORT>{sort_options}</select>
                    </div>
                </div>
                <button type="submit">{td_string!(loc, products.filter_submit)}</button>
            </form>
            <h2 class="results-count">{count_text}</h2>
            {if products.rows.is_empty() {
                view! { <p>{td_string!(loc, products.none)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=actions.bulk attr:id="bulk" attr:class="card bulk">
                        {common_fields(lang, id, bulk_back.clone())}
                        <label for="bulk-action">{td_string!(loc, products.bulk_label)}</label>
                        <div class="scan__row">
                            <select id="bulk-action" name="action">
                                <option value="in_stock">{td_string!(loc, products.bulk_in_stock)}</option>
                                <option value="out_of_stock">{td_string!(loc, products.bulk_out_of_stock)}</option>
                                <option value="window">{td_string!(loc, products.bulk_window)}</option>
                                <option value="show">{td_string!(loc, products.bulk_show)}</option>
                                <option value="hide">{td_string!(loc, products.bulk_hide)}</option>
                                <option value="category:">{td_string!(loc, products.bulk_no_category)}</option>
                                {bulk_category_options}
                                <option value="delete">{td_string!(loc, products.bulk_delete)}</option>
                            </select>
                            <button type="submit">{td_string!(loc, products.bulk_submit)}</button>
                        </div>
                        <p class="help">{td_string!(loc, products.bulk_help)}</p>
                    </ActionForm>
                    <ul class="product-rows">{rows}</ul>
                }
                .into_any()
            }}
            {pagination}
        </section>
    }
}

/// One product of the list: its tick for the bulk action (outside the row's own forms, tied to
/// the bulk form by `form="bulk"`), what it says, and its one-tap buttons. `scanned`: the
/// product a typed code found, shown above the list (no tick, its own id: the list may show it
/// too).
#[component]
fn ProductRow(
    row: MerchantProductRow,
    business_id: i32,
    back: String,
    actions: Actions,
    #[prop(default = false)] scanned: bool,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let product_id = row.id;
    let name = row.name.clone();
    let tick_id = format!("tick-{product_id}");
    let price = match row.price_cents {
        Some(cents) => format::price(loc, cents),
        None => td_string!(loc, products.price_in_shop).to_string(),
    };
    let confirmed = row.confirmed_days_ago.map(|days| confirmed_text(loc, days));
    let stale = row.stale.then(|| {
        view! { <span class="badge badge--stale">{td_string!(loc, products.stale_badge)}</span> }
    });
    let hidden = (!row.visible).then(|| view! { <span class="badge">{td_string!(loc, products.hidden_badge)}</span> });
    let present = row.stock.is_present();
    // The stock button says what a tap makes it: present things become out of stock, the rest
    // in stock (a counted stock keeps counting: its editor changes the number).
    let (next_stock, stock_label) = if present {
        ("out_of_stock", td_string!(loc, products.tap_out, name = name.clone()))
    } else {
        ("in_stock", td_string!(loc, products.tap_in, name = name.clone()))
    };
    let stock_button_text = if present { td_string!(loc, products.tap_out_short) } else { td_string!(loc, products.tap_in_short) };
    let (next_visible, visible_label, visible_text) = if row.visible {
        ("0", td_string!(loc, products.tap_hide, name = name.clone()), td_string!(loc, products.tap_hide_short))
    } else {
        ("1", td_string!(loc, products.tap_show, name = name.clone()), td_string!(loc, products.tap_show_short))
    };
    let (back_stock, back_visible) = (back.clone(), back);
    let details = [row.category.clone(), row.sku.clone(), row.gtin.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let tick = (!scanned).then(|| {
        view! {
            <input type="checkbox" id=tick_id.clone() name="ids[]" value=product_id.to_string() form="bulk"/>
            <label for=tick_id class="visually-hidden">{td_string!(loc, products.tick, name = name.clone())}</label>
        }
    });
    let row_id = if scanned { format!("trouve-{product_id}") } else { format!("produit-{product_id}") };
    view! {
        <li id=row_id class="product-row">
            {tick}
            <div class="product-row__body">
                <h3><a href=href(lang, &editor_path(business_id, Some(product_id)))>{name.clone()}</a></h3>
                <p>{price}{(!details.is_empty()).then(|| format!(" · {details}"))}</p>
                <p>
                    <strong>{stock_text(loc, row.stock)}</strong>
                    {confirmed.map(|c| format!(" · {c}"))}
                    " "
                    {stale}
                    {hidden}
                </p>
            </div>
            <div class="button-row product-row__taps">
                <ActionForm action=actions.stock attr:class="inline">
                    {common_fields(lang, business_id, back_stock)}
                    <input type="hidden" name="product_id" value=product_id.to_string()/>
                    <input type="hidden" name="stock" value=next_stock/>
                    <button type="submit" aria-label=stock_label>{stock_button_text}</button>
                </ActionForm>
                <ActionForm action=actions.visible attr:class="inline">
                    {common_fields(lang, business_id, back_visible)}
                    <input type="hidden" name="product_id" value=product_id.to_string()/>
                    <input type="hidden" name="visible" value=next_visible/>
                    <button type="submit" class="button--secondary" aria-label=visible_label>{visible_text}</button>
                </ActionForm>
            </div>
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// The product form.

#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let Some(id) = business_param() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let product_id = params.with_untracked(|p| match p.get("product").as_deref() {
        Some(NEW_SEGMENT) => Some(0),
        Some(other) => other.parse::<i32>().ok().filter(|id| *id > 0),
        None => None,
    });
    let Some(product_id) = product_id else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let save = ServerAction::<SaveProduct>::new();
    let delete = ServerAction::<DeleteProduct>::new();
    let editor = Resource::new(
        move || query.with(|q| q.get("gtin")),
        move |gtin| get_product_editor(lang.get_untracked(), id, product_id, gtin),
    );
    let typed = typed_resource();
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                let typed = typed.await;
                match editor.await {
                    Ok(view) => view! { <ProductEditor view typed save delete/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <LogInFirst/> }.into_any(),
                    Err(error) => {
                        let title = td_string!(locale(lang.get_untracked()), products.title).to_string();
                        view! { <PrivateMeta title/><section class="dashboard"><Problem error/></section> }.into_any()
                    }
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn ProductEditor(
    view: ProductEditorView,
    typed: Typed,
    save: ServerAction<SaveProduct>,
    delete: ServerAction<DeleteProduct>,
) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let url = use_query_map();
    let form_path = <SaveProduct as leptos::server_fn::ServerFn>::PATH;
    let problems = problems_of(save.value());
    let f = view.form.clone();
    let checked = {
        let typed = typed.clone();
        move |field: &str, saved: bool| match typed.is_for(form_path) {
            true => typed.value(form_path, field).is_some_and(|v| !v.is_empty()),
            false => saved,
        }
    };
    let typed_photos = typed.clone();
    let value = move |field: &str, saved: &str| typed.or(form_path, field, saved.to_string());
    let message = move |field: &'static str| {
        move || {
            problems.with(|p| p.iter().find(|p| p.field == field).map(|p| product_problem_text(loc, p))).map(|text| {
                view! { <p class="field-error" id=format!("{field}-error")>{text}</p> }
            })
        }
    };
    let invalid = move |field: &'static str| move || problems.with(|p| p.iter().any(|p| p.field == field)).then_some("true");
    let text_field = {
        let value = value.clone();
        move |field: &'static str, label: &'static str, saved: &str, required: bool, max: usize| {
        view! {
            <label for=field>{label}</label>
            <input id=field name=field type="text" value=value(field, saved) required=required maxlength=max.to_string()
                aria-invalid=invalid(field) aria-describedby=format!("{field}-error")/>
            {message(field)}
        }
    }};
    let text_area = {
        let value = value.clone();
        move |field: &'static str, label: &'static str, saved: &str| {
        view! {
            <label for=field>{label}</label>
            <textarea id=field name=field rows="4" maxlength=common::catalogue::DESCRIPTION_MAX.to_string()
                aria-invalid=invalid(field) aria-describedby=format!("{field}-error")>{value(field, saved)}</textarea>
            {message(field)}
        }
    }};
    let chosen_category = value("category", &f.category);
    let category_options = view
        .categories
        .iter()
        .map(|c| view! { <option value=c.slug.clone() selected=chosen_category == c.slug>{c.name.clone()}</option> })
        .collect_view();
    let chosen_stock = value("stock", &f.stock);
    let stock_choice = move |code: &'static str, label: &'static str| {
        let input_id = format!("stock-{code}");
        view! {
            <div class="choice">
                <input type="radio" id=input_id.clone() name="stock" value=code checked=chosen_stock.as_str() == code/>
                <label for=input_id>{label}</label>
            </div>
        }
    };
    let is_new = view.product_id == 0;
    let title = if is_new { td_string!(loc, products.new_title).to_string() } else { value("name_fr", &f.name_fr) };
    let list = href(lang, &list_path(view.business_id));
    let confirm_delete = url.with_untracked(|q| q.get("supprimer").is_some());
    let delete_section = (!is_new).then(|| {
        if confirm_delete {
            view! {
                <section id="confirmer" class="confirm" aria-labelledby="confirm-title">
                    <h2 id="confirm-title" tabindex="-1">{td_string!(loc, products.confirm_title, count = 1)}</h2>
                    <p>{td_string!(loc, products.confirm_text)}</p>
                    <div class="button-row">
                        <ActionForm action=delete attr:class="inline">
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=view.business_id.to_string()/>
                            <input type="hidden" name="product_id" value=view.product_id.to_string()/>
                            <input type="hidden" name="version" value=view.version.to_string()/>
                            <button type="submit">{td_string!(loc, products.confirm_delete)}</button>
                        </ActionForm>
                        <a class="button button--secondary" href=href(lang, &editor_path(view.business_id, Some(view.product_id)))>
                            {td_string!(loc, products.cancel)}
                        </a>
                    </div>
                </section>
            }
            .into_any()
        } else {
            view! {
                <p>
                    <a class="button button--secondary" href=format!("{}?supprimer=1#confirmer", href(lang, &editor_path(view.business_id, Some(view.product_id))))>
                        {td_string!(loc, products.delete)}
                    </a>
                </p>
            }
            .into_any()
        }
    });
    view! {
        <PrivateMeta title=format!("{title} · {}", view.business_name)/>
        <section class="dashboard product-editor">
            <p><a href=list.clone()>{td_string!(loc, products.back_to_list)}</a></p>
            <h1>{title.clone()}</h1>
            <FormAlert value=save.value()/>
            <FormAlert value=delete.value()/>
            <ActionForm action=save attr:class="stack card">
                <input type="hidden" name="lang" value=lang_field(lang)/>
                <input type="hidden" name="business_id" value=view.business_id.to_string()/>
                <input type="hidden" name="product_id" value=view.product_id.to_string()/>
                <input type="hidden" name="version" value=view.version.to_string()/>
                <fieldset>
                    <legend>{td_string!(loc, products.legend_names)}</legend>
                    {text_field("name_fr", td_string!(loc, products.name_fr), &f.name_fr, true, common::catalogue::NAME_MAX)}
                    {text_field("name_nl", td_string!(loc, products.name_nl), &f.name_nl, false, common::catalogue::NAME_MAX)}
                    {text_field("name_en", td_string!(loc, products.name_en), &f.name_en, false, common::catalogue::NAME_MAX)}
                    {text_area("description_fr", td_string!(loc, products.description_fr), &f.description_fr)}
                    {text_area("description_nl", td_string!(loc, products.description_nl), &f.description_nl)}
                    {text_area("description_en", td_string!(loc, products.description_en), &f.description_en)}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, products.legend_price)}</legend>
                    <label for="price">{td_string!(loc, products.price)}</label>
                    <input id="price" name="price" type="text" inputmode="decimal" value=value("price", &f.price) maxlength="32"
                        aria-invalid=invalid("price") aria-describedby="price-help price-error"/>
                    <p class="help" id="price-help">{td_string!(loc, products.price_help)}</p>
                    {message("price")}
                    <label for="category">{td_string!(loc, products.category)}</label>
                    <select id="category" name="category" aria-invalid=invalid("category") aria-describedby="category-error">
                        <option value="">{td_string!(loc, products.no_category)}</option>
                        {category_options}
                    </select>
                    {message("category")}
                    <label for="gtin">{td_string!(loc, products.gtin)}</label>
                    <input id="gtin" name="gtin" type="text" inputmode="numeric" value=value("gtin", &f.gtin) maxlength="64"
                        aria-invalid=invalid("gtin") aria-describedby="gtin-help gtin-error"/>
                    <p class="help" id="gtin-help">{td_string!(loc, products.gtin_help)}</p>
                    {message("gtin")}
                    {text_field("sku", td_string!(loc, products.sku), &f.sku, false, common::catalogue::SKU_MAX)}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(loc, products.legend_stock)}</legend>
                    <p class="help">{td_string!(loc, products.stock_help, days = STALE_AFTER_DAYS)}</p>
                    {stock_choice("in_stock", td_string!(loc, products.stock_in))}
                    {stock_choice("out_of_stock", td_string!(loc, products.stock_out))}
                    {stock_choice("quantity", td_string!(loc, products.stock_counted))}
                    {stock_choice("window", td_string!(loc, products.stock_window))}
                    {message("stock")}
                    <label for="quantity">{td_string!(loc, products.quantity)}</label>
                    <input id="quantity" name="quantity" type="number" min="0" max=common::catalogue::QUANTITY_MAX.to_string()
                        value=value("quantity", &f.quantity) aria-invalid=invalid("quantity") aria-describedby="quantity-error"/>
                    {message("quantity")}
                    <div class="choice">
                        <input type="checkbox" id="visible" name="visible" checked=checked("visible", f.visible)/>
                        <label for="visible">{td_string!(loc, products.visible)}</label>
                    </div>
                    <div class="choice">
                        <input type="checkbox" id="reservable" name="reservable" checked=checked("reservable", f.reservable)
                            aria-describedby="reservable-error"/>
                        <label for="reservable">{td_string!(loc, products.reservable)}</label>
                    </div>
                    {message("reservable")}
                </fieldset>
                <button type="submit">{if is_new { td_string!(loc, products.add) } else { td_string!(loc, products.save) }}</button>
            </ActionForm>
            {(!is_new).then(|| view! {
                <crate::pages::product_photos::ProductPhotos
                    business_id=view.business_id
                    product_id=view.product_id
                    photos=view.photos.clone()
                    typed=typed_photos.clone()
                />
            })}
            {delete_section}
        </section>
    }
}
