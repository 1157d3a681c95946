//! Server functions of the merchant's products pages (issue 13): the list (with a scanned or
//! typed code), the editor, and their writes. Each goes through `domain::catalogue::manage`,
//! which asks `domain::authz` first (staff, owners and town administrators; a product id of
//! another business is `NotFound`).
//!
//! Without JavaScript every write is a plain form post that ends in a redirect: back to the
//! list with the filters it was sent from (`back`, re-read and re-encoded here, never followed
//! as a URL), saying what was done; a refused product form comes back with what was typed
//! (`api::forms`).

use common::catalogue::{ListQuery, MerchantProductRow, MerchantProducts, ProductForm, RawListQuery};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::JsonAnswer;

/// What a scanned or typed code found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scan {
    pub code: String,
    /// The product with that GTIN or SKU, if the shop has one.
    pub found: Option<MerchantProductRow>,
}

/// The list page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantProductsView {
    pub business_id: i32,
    pub business_name: String,
    pub products: MerchantProducts,
    /// The list's filters as read (the links and forms of the page keep them).
    pub query: ListQuery,
    pub scan: Option<Scan>,
}

/// The editor page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductEditorView {
    pub business_id: i32,
    pub business_name: String,
    /// 0 for a new product.
    pub product_id: i32,
    pub version: i32,
    pub form: ProductForm,
    pub categories: Vec<common::catalogue::ProductCategory>,
    /// The product's photos in their order (none for a new product).
    pub photos: Vec<super::photos::PhotoRow>,
}

/// The list's filters of a `back` parameter (`?q=…&etat=…`), or none if it does not read as
/// some: where a write sends the merchant back to.
#[cfg(feature = "ssr")]
pub fn list_query_of(back: &str) -> ListQuery {
    let mut raw = RawListQuery::default();
    for (key, value) in form_urlencoded::parse(back.trim_start_matches('?').as_bytes()) {
        let value = Some(value.into_owned());
        use common::catalogue::list_param;
        match key.as_ref() {
            list_param::QUERY => raw.q = value,
            list_param::CATEGORY => raw.category = value,
            list_param::STATE => raw.state = value,
            list_param::SORT => raw.sort = value,
            list_param::PAGE => raw.page = value,
            _ => {}
        }
    }
    raw.parse().unwrap_or_default()
}

/// A business's products, for those who may edit it: a page of its list for the URL's filters,
/// and what `code` (a scan, or a number typed) names.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "merchant_products")]
#[allow(clippy::too_many_arguments)]
pub async fn get_merchant_products(
    lang: Lang,
    business_id: i32,
    #[server(default)] q: Option<String>,
    #[server(default)] categorie: Option<String>,
    #[server(default)] etat: Option<String>,
    #[server(default)] tri: Option<String>,
    #[server(default)] page: Option<String>,
    #[server(default)] code: Option<String>,
) -> Result<MerchantProductsView, AppError> {
    use domain::catalogue::manage;
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref();
    let now = state.clock.now();
    let access = domain::authz::authorize(&state.db, actor, business_id, domain::authz::Need::EditListing).await?;
    let raw = RawListQuery { q, category: categorie, state: etat, sort: tri, page };
    let query = raw.parse().ok_or(AppError::BadRequest)?;
    let products = manage::list(&state.db, actor, business_id, lang, &query, now).await?;
    if query.category.as_ref().is_some_and(|slug| !products.categories.iter().any(|c| &c.slug == slug)) {
        return Err(AppError::BadRequest);
    }
    let scan = match code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) if code.chars().count() > 64 || code.chars().any(char::is_control) => {
            return Err(AppError::BadRequest);
        }
        Some(code) => {
            let found = match manage::find_by_code(&state.db, actor, business_id, code).await? {
                Some(id) => Some(manage::row(&state.db, actor, business_id, id, lang, now).await?),
                None => None,
            };
            Some(Scan { code: code.to_string(), found })
        }
        None => None,
    };
    Ok(MerchantProductsView { business_id, business_name: access.business.name, products, query, scan })
}

/// The editor: a new product (`product_id` 0, its GTIN filled in after a scan that found
/// nothing) or one of this business's.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "merchant_product_edit")]
pub async fn get_product_editor(
    lang: Lang,
    business_id: i32,
    product_id: i32,
    #[server(default)] gtin: Option<String>,
) -> Result<ProductEditorView, AppError> {
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref();
    let access = domain::authz::authorize(&state.db, actor, business_id, domain::authz::Need::EditListing).await?;
    let (form, version) = if product_id == 0 {
        let gtin = gtin.filter(|g| g.len() <= 64 && g.bytes().all(|b| b.is_ascii_digit())).unwrap_or_default();
        (ProductForm { gtin, stock: "in_stock".into(), visible: true, ..Default::default() }, 0)
    } else {
        domain::catalogue::manage::edit_form(&state.db, actor, business_id, product_id).await?
    };
    let photos = if product_id == 0 {
        Vec::new()
    } else {
        domain::catalogue::photos::photos_of(&state.db, product_id)
            .await
            .map_err(domain::DomainError::from)?
            .into_iter()
            .map(|photo| {
                let size = |pixels: Option<i32>| pixels.and_then(|p| u32::try_from(p).ok());
                super::photos::PhotoRow {
                    id: photo.id,
                    url: domain::directory::photo_url(&photo.file),
                    srcset: domain::photos::srcset_of(&photo.file, photo.variants.as_deref(), domain::directory::photo_url),
                    width: size(photo.width),
                    height: size(photo.height),
                    alt_fr: photo.alt_fr,
                    alt_nl: photo.alt_nl,
                    alt_en: photo.alt_en,
                }
            })
            .collect()
    };
    Ok(ProductEditorView {
        business_id,
        business_name: access.business.name,
        product_id,
        version,
        form,
        categories: domain::catalogue::categories(&state.db, lang).await?,
        photos,
    })
}

/// Where a write sends the merchant back to without JavaScript: the list with its filters,
/// saying what was done, at the product's row.
#[cfg(feature = "ssr")]
fn back_to(lang: Lang, business_id: i32, back: &str, done: &str, product_id: Option<i32>) {
    let list = lang.localize(&crate::pages::products_merchant::list_path(business_id));
    let query = list_query_of(back);
    let filters = query.to_query_string(Some(query.page));
    let join = if filters.is_empty() { '?' } else { '&' };
    let anchor = product_id.map(|id| format!("#produit-{id}")).unwrap_or_default();
    leptos_axum::redirect(&format!("{list}{filters}{join}fait={done}{anchor}"));
}

/// Saves the product form: a new product (`product_id` 0) or an edit loaded at `version`.
#[server(output = JsonAnswer, endpoint = "save_product")]
#[allow(clippy::too_many_arguments)]
pub async fn save_product(
    lang: Lang,
    business_id: i32,
    product_id: i32,
    version: i32,
    name_fr: String,
    #[server(default)] name_nl: String,
    #[server(default)] name_en: String,
    #[server(default)] description_fr: String,
    #[server(default)] description_nl: String,
    #[server(default)] description_en: String,
    #[server(default)] price: String,
    #[server(default)] category: String,
    #[server(default)] gtin: String,
    #[server(default)] sku: String,
    #[server(default)] stock: String,
    #[server(default)] quantity: String,
    #[server(default)] visible: Option<String>,
    #[server(default)] reservable: Option<String>,
) -> Result<i32, AppError> {
    use domain::catalogue::manage;
    let state = super::state()?;
    let session = super::session();
    let actor = session.actor.as_ref();
    let now = state.clock.now();
    let form = ProductForm {
        name_fr,
        name_nl,
        name_en,
        description_fr,
        description_nl,
        description_en,
        price,
        category,
        gtin,
        sku,
        stock,
        quantity,
        visible: visible.is_some(),
        reservable: reservable.is_some(),
    };
    let result = if product_id == 0 {
        manage::create(&state.db, actor, business_id, &form, now).await
    } else {
        manage::update(&state.db, actor, business_id, product_id, version, &form, now).await.map(|_| product_id)
    }
    .map_err(AppError::from);
    let f = &form;
    let visible = if f.visible { "on" } else { "" };
    let reservable = if f.reservable { "on" } else { "" };
    let typed = [
        ("name_fr", f.name_fr.as_str()),
        ("name_nl", f.name_nl.as_str()),
        ("name_en", f.name_en.as_str()),
        ("description_fr", f.description_fr.as_str()),
        ("description_nl", f.description_nl.as_str()),
        ("description_en", f.description_en.as_str()),
        ("price", f.price.as_str()),
        ("category", f.category.as_str()),
        ("gtin", f.gtin.as_str()),
        ("sku", f.sku.as_str()),
        ("stock", f.stock.as_str()),
        ("quantity", f.quantity.as_str()),
        ("visible", visible),
        ("reservable", reservable),
    ];
    let id = super::forms::keep_typed(result, <SaveProduct as leptos::server_fn::ServerFn>::PATH, &typed).await?;
    back_to(lang, business_id, "", if product_id == 0 { "ajoute" } else { "enregistre" }, Some(id));
    Ok(id)
}

/// One tap: the stock statement of one product (`quantity` with the `quantity` state).
#[server(output = JsonAnswer, endpoint = "set_product_stock")]
pub async fn set_product_stock(
    lang: Lang,
    business_id: i32,
    product_id: i32,
    stock: String,
    #[server(default)] quantity: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let mut problems = Vec::new();
    let Some(stock) = domain::catalogue::check_stock(&mut problems, &stock, &quantity) else {
        return Err(AppError::Invalid(problems));
    };
    domain::catalogue::manage::set_stock(
        &state.db,
        session.actor.as_ref(),
        business_id,
        product_id,
        stock,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, &back, "stock", Some(product_id));
    Ok(())
}

/// One tap: shown to shoppers (`visible` = "1") or hidden.
#[server(output = JsonAnswer, endpoint = "set_product_visible")]
pub async fn set_product_visible(
    lang: Lang,
    business_id: i32,
    product_id: i32,
    visible: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let visible = match visible.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest),
    };
    domain::catalogue::manage::set_visible(
        &state.db,
        session.actor.as_ref(),
        business_id,
        product_id,
        visible,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, &back, if visible { "affiche" } else { "masque" }, Some(product_id));
    Ok(())
}

/// The bulk actions' codes (the page's select): a stock state, `show`, `hide`,
/// `category:<slug>` (`category:` alone: none), `delete`.
#[cfg(feature = "ssr")]
fn bulk_action(code: &str) -> Option<domain::catalogue::manage::BulkAction> {
    use common::catalogue::Stock;
    use domain::catalogue::manage::BulkAction;
    Some(match code {
        "in_stock" => BulkAction::Stock(Stock::InStock),
        "out_of_stock" => BulkAction::Stock(Stock::OutOfStock),
        "window" => BulkAction::Stock(Stock::Window),
        "show" => BulkAction::Visible(true),
        "hide" => BulkAction::Visible(false),
        "delete" => BulkAction::Delete,
        other => {
            let slug = other.strip_prefix("category:")?;
            BulkAction::Category((!slug.is_empty()).then(|| slug.to_string()))
        }
    })
}

/// One action on the products ticked in the list (`ids[]`). Deleting asks first: without
/// `confirmed`, the list comes back with the confirmation step for those products.
#[server(output = JsonAnswer, endpoint = "bulk_products")]
pub async fn bulk_products(
    lang: Lang,
    business_id: i32,
    action: String,
    #[server(default)] ids: Vec<i32>,
    #[server(default)] confirmed: Option<String>,
    #[server(default)] back: String,
) -> Result<u64, AppError> {
    let state = super::state()?;
    let session = super::session();
    let Some(bulk) = bulk_action(&action) else {
        return Err(AppError::Invalid(vec![common::error::FieldProblem::new("action", "bulk_action_unknown")]));
    };
    if ids.is_empty() {
        return Err(AppError::Invalid(vec![common::error::FieldProblem::new("products", "none_selected")]));
    }
    if bulk == domain::catalogue::manage::BulkAction::Delete && confirmed.is_none() {
        // The ids travel back in the URL to be confirmed: bounded like the action itself.
        if ids.len() > 200 {
            return Err(AppError::Invalid(vec![common::error::FieldProblem::with_limit(
                "products",
                "too_many_to_delete",
                200,
            )]));
        }
        let list = lang.localize(&crate::pages::products_merchant::list_path(business_id));
        let query = list_query_of(&back);
        let filters = query.to_query_string(Some(query.page));
        let join = if filters.is_empty() { '?' } else { '&' };
        let ids: Vec<String> = ids.iter().map(i32::to_string).collect();
        leptos_axum::redirect(&format!("{list}{filters}{join}supprimer={}#confirmer", ids.join(".")));
        return Ok(0);
    }
    let media_dir = super::offers_merchant::media_dir()?;
    let changed = domain::catalogue::manage::bulk(
        &state.db,
        &media_dir,
        session.actor.as_ref(),
        business_id,
        &ids,
        &bulk,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, &back, if bulk == domain::catalogue::manage::BulkAction::Delete { "supprimes" } else { "groupe" }, None);
    Ok(changed)
}

/// Deletes one product (from its editor, after the confirmation step).
#[server(output = JsonAnswer, endpoint = "delete_product")]
pub async fn delete_product(lang: Lang, business_id: i32, product_id: i32, version: i32) -> Result<(), AppError> {
    let state = super::state()?;
    let session = super::session();
    let media_dir = super::offers_merchant::media_dir()?;
    domain::catalogue::manage::delete(
        &state.db,
        &media_dir,
        session.actor.as_ref(),
        business_id,
        product_id,
        version,
        state.clock.now(),
    )
    .await?;
    back_to(lang, business_id, "", "supprime", None);
    Ok(())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn back_keeps_only_what_the_list_reads() {
        let query = list_query_of("?q=p%C3%A2t%C3%A9+en&etat=stale&tri=price&page=3&evil=https://x");
        assert_eq!(query.text.as_deref(), Some("pâté en"));
        assert_eq!(query.to_query_string(Some(query.page)), "?q=p%C3%A2t%C3%A9+en&etat=stale&tri=price&page=3");
        assert_eq!(list_query_of("?etat=nonsense"), ListQuery::default(), "an unreadable list is the plain list");
        assert_eq!(list_query_of("%"), ListQuery::default());
        assert_eq!(list_query_of("?q=%00"), ListQuery::default(), "control characters are refused");
    }
}
