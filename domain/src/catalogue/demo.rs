//! The demo town's catalogue: `seed/demo/products.json` (written by `seed/demo/products.py`),
//! checked like the rest of the demo files and loaded with the town (`crate::seed`).
//!
//! Each shop's products are listed by hand; one shop's 3,000 are made here from the file's
//! `generated` part (items × colours × sizes), so the file stays readable. A product's
//! `confirmed_days_ago` is counted back from the seed's "now", so the demo always has fresh
//! statements and some stale ones (older than 21 days) whatever day it is loaded.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use common::catalogue::{ProductForm, Stock};
use entity::{product, product_category};
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, Set};
use serde::Deserialize;

use crate::error::DomainError;

/// A product as the file writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct ProductFile {
    pub name: String,
    #[serde(default)]
    pub nl: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub description: String,
    /// Belgian decimal ("2,80"); `None`: price in the shop.
    pub price: Option<String>,
    pub category: String,
    #[serde(default)]
    pub gtin: Option<String>,
    #[serde(default)]
    pub sku: Option<String>,
    pub stock: String,
    #[serde(default)]
    pub quantity: Option<u32>,
    #[serde(default)]
    pub confirmed_days_ago: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Words {
    pub fr: String,
    pub nl: String,
    pub en: String,
}

/// An item of the big shop, combined with colours (and sizes when `sized`).
#[derive(Debug, Clone, Deserialize)]
pub struct GeneratedItem {
    pub name: String,
    #[serde(default)]
    pub nl: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    pub price: Option<String>,
    #[serde(default)]
    pub sized: bool,
    /// Which of [`Generated::size_sets`] a sized item comes in (`clothing`, `shoes`).
    #[serde(default)]
    pub sizes: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Generated {
    pub shop: String,
    pub count: usize,
    pub items: Vec<GeneratedItem>,
    pub variants: Vec<Words>,
    /// The sizes of each kind of sized item (a shoe in 36–46, a shirt in XS–XXL).
    pub size_sets: HashMap<String, Vec<String>>,
}

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
pub struct CatalogueFile {
    pub shops: BTreeMap<String, Vec<ProductFile>>,
    pub generated: Option<Generated>,
}

impl CatalogueFile {
    /// Reads `products.json` of a demo directory; an absent file is an empty catalogue.
    pub fn load(dir: &Path) -> Result<CatalogueFile, DomainError> {
        let path = dir.join("products.json");
        if !path.exists() {
            return Ok(CatalogueFile { shops: BTreeMap::new(), generated: None });
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| DomainError::InvalidData(format!("cannot read {}: {e}", path.display())))?;
        serde_json::from_str(&text).map_err(|e| DomainError::InvalidData(format!("{}: {e}", path.display())))
    }

    /// The products of `shop` as forms, with how many days ago each statement was confirmed:
    /// the hand-written ones, or the generated ones for the big shop.
    pub fn products_of(&self, shop: &str) -> Vec<(ProductForm, Option<i64>)> {
        if let Some(generated) = self.generated.as_ref().filter(|g| g.shop == shop) {
            return generated.products();
        }
        self.shops.get(shop).map(|list| list.iter().map(|p| (p.form(), p.confirmed_days_ago)).collect()).unwrap_or_default()
    }

    /// Checks every product through the merchant's own form rules, so the demo cannot hold what
    /// a merchant could not type. `shops`: the town's business slugs.
    pub fn check(&self, shops: &HashSet<&str>) -> Result<(), DomainError> {
        let mut names: Vec<&str> = self.shops.keys().map(String::as_str).collect();
        if let Some(generated) = &self.generated {
            names.push(&generated.shop);
        }
        for shop in names {
            if !shops.contains(shop) {
                return Err(DomainError::InvalidData(format!("products.json: no business {shop}")));
            }
            let mut skus = HashSet::new();
            for (form, _) in self.products_of(shop) {
                let checked = super::check_form(&form).map_err(|problems| {
                    DomainError::InvalidData(format!("products.json: {shop}: {}: {problems:?}", form.name_fr))
                })?;
                if let Some(sku) = checked.sku {
                    if !skus.insert(sku.clone()) {
                        return Err(DomainError::InvalidData(format!("products.json: {shop}: SKU {sku} twice")));
                    }
                }
            }
        }
        Ok(())
    }
}

impl ProductFile {
    fn form(&self) -> ProductForm {
        ProductForm {
            name_fr: self.name.clone(),
            name_nl: self.nl.clone(),
            name_en: self.en.clone(),
            description_fr: self.description.clone(),
            price: self.price.clone().unwrap_or_default(),
            category: self.category.clone(),
            gtin: self.gtin.clone().unwrap_or_default(),
            sku: self.sku.clone().unwrap_or_default(),
            stock: self.stock.clone(),
            quantity: self.quantity.map(|n| n.to_string()).unwrap_or_default(),
            visible: true,
            ..Default::default()
        }
    }
}

impl Generated {
    /// Items × colours × sizes (sized items) in a fixed order, up to `count`. Every fifth is
    /// out of stock and every thirteenth stale, so the big shop's list has work to show.
    fn products(&self) -> Vec<(ProductForm, Option<i64>)> {
        let no_size = [String::new()];
        let mut out = Vec::with_capacity(self.count);
        'outer: for variant in &self.variants {
            for item in &self.items {
                let sizes: &[String] = match (item.sized, item.sizes.as_ref().and_then(|k| self.size_sets.get(k))) {
                    (true, Some(sizes)) => sizes,
                    _ => &no_size,
                };
                for size in sizes {
                    if out.len() >= self.count {
                        break 'outer;
                    }
                    let n = out.len();
                    let suffix = |word: &str| match size.is_empty() {
                        true => format!(" – {word}"),
                        false => format!(" – {word}, {size}"),
                    };
                    let named = |name: &str, word: &str| if name.is_empty() { String::new() } else { format!("{name}{}", suffix(word)) };
                    let stock = if n % 5 == 4 { "out_of_stock" } else { "in_stock" };
                    let form = ProductForm {
                        name_fr: named(&item.name, &variant.fr),
                        name_nl: named(&item.nl, &variant.nl),
                        name_en: named(&item.en, &variant.en),
                        description_fr: item.description.clone(),
                        price: item.price.clone().unwrap_or_default(),
                        category: item.category.clone(),
                        sku: format!("SS-{n:05}"),
                        stock: stock.into(),
                        visible: true,
                        ..Default::default()
                    };
                    let days = if n % 13 == 12 { 30 } else { (n % 7) as i64 };
                    out.push((form, Some(days)));
                }
            }
        }
        out
    }
}

/// Inserts the catalogue of every business in `business_ids` (slug → id; a replicated town's
/// copies name their original in `origin_of`), inside the seed's transaction.
pub async fn seed(
    txn: &impl ConnectionTrait,
    file: &CatalogueFile,
    business_ids: &[(String, i32)],
    origin_of: impl Fn(&str) -> String,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let categories: HashMap<String, i32> = product_category::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    let mut rows = Vec::new();
    let mut count = 0;
    for (slug, business_id) in business_ids {
        let origin = origin_of(slug);
        // The big shop only once: its copies take the town's other lists' size.
        if file.generated.as_ref().is_some_and(|g| g.shop == origin) && origin != *slug {
            continue;
        }
        for (form, days) in file.products_of(&origin) {
            let checked = super::check_form(&form)
                .map_err(|p| DomainError::InvalidData(format!("products.json: {origin}: {}: {p:?}", form.name_fr)))?;
            let (stock, quantity) = super::stored(checked.stock);
            let confirmed = match (checked.stock, days) {
                (Stock::Window, _) | (_, None) => None,
                (_, Some(days)) => Some(now - Duration::days(days) - Duration::hours(1)),
            };
            let [name_fr, name_nl, name_en] = checked.name;
            let [description_fr, description_nl, description_en] = checked.description;
            rows.push(product::ActiveModel {
                id: NotSet,
                business_id: Set(*business_id),
                category_id: Set(checked.category.as_ref().and_then(|c| categories.get(c).copied())),
                sort_name: Set(crate::search::normalize(&name_fr)),
                name_fr: Set(name_fr),
                name_nl: Set(name_nl),
                name_en: Set(name_en),
                description_fr: Set(description_fr),
                description_nl: Set(description_nl),
                description_en: Set(description_en),
                price_cents: Set(checked.price_cents),
                gtin: Set(checked.gtin),
                sku: Set(checked.sku),
                visible: Set(true),
                stock: Set(stock.to_string()),
                quantity: Set(quantity),
                stock_confirmed_at: Set(confirmed),
                // Counted stock can be reserved in the demo town (click & collect, issue 14).
                reservable: Set(matches!(checked.stock, Stock::Quantity(_))),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
            count += 1;
            // Batches stay well under SQLite's limit of bound variables per statement.
            if rows.len() == 200 {
                product::Entity::insert_many(std::mem::take(&mut rows)).exec(txn).await?;
            }
        }
    }
    if !rows.is_empty() {
        product::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(count)
}

/// Load tests: adds copies of the town's products, each in the same shop as its original and
/// named as a new series ("… – série 2"), until the town has `target` products. The copies have
/// no barcode or reference (a reference is unique in its shop) and no photo. Returns how many
/// were added.
pub async fn top_up(db: &sea_orm::DatabaseConnection, target: usize) -> Result<usize, DomainError> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, PaginatorTrait, QueryOrder, TransactionTrait};
    let txn = db.begin().await?;
    let existing = product::Entity::find().count(&txn).await? as usize;
    if existing >= target || existing == 0 {
        return Ok(0);
    }
    let originals = product::Entity::find().order_by_asc(product::Column::Id).all(&txn).await?;
    let wanted = target - existing;
    let mut rows = Vec::with_capacity(200);
    for i in 0..wanted {
        let original = &originals[i % originals.len()];
        let series = i / originals.len() + 2;
        let mut copy = original.clone().into_active_model().reset_all();
        copy.id = NotSet;
        let name = format!("{} – série {series}", original.name_fr);
        copy.sort_name = Set(crate::search::normalize(&name));
        copy.name_fr = Set(name);
        copy.gtin = Set(None);
        copy.sku = Set(None);
        rows.push(copy);
        if rows.len() == 200 {
            product::Entity::insert_many(std::mem::take(&mut rows)).exec(&txn).await?;
        }
    }
    if !rows.is_empty() {
        product::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(wanted)
}
