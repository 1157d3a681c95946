//! "Who sells this in town?": one search over every shop's visible products (`/produits`), and
//! the few products a directory search offers under its shops.
//!
//! Answered from an in-memory index per server instance, as the directory is
//! (`crate::directory_index` says why not SQL: words matched anywhere in a text, the same on both
//! databases, scanned with `memchr`'s SIMD search in a fraction of a millisecond). Per visible
//! product of a published business, the index keeps its normalised text (its names in the three
//! languages, its category's names, its shop's name and category), its filters (product
//! category, the shop and the shop's category, price) and its stock statement with the instant it
//! was confirmed: "in stock" is decided at query time by the injected clock, so a statement goes
//! stale in the search at the same moment as on the product's page.
//!
//! The index is rebuilt when the catalogue's or the directory's data version changes (a shop
//! renamed or unpublished changes what its products are found by). Both versions come from the
//! directory index's reading of `data_version` (at most one query per second for both). While one
//! request rebuilds a small catalogue, the others answer from the previous snapshot; a large one
//! (past [`INLINE_REBUILD_BELOW`] products) is rebuilt in the background, and every request
//! answers from the previous snapshot until the new one is there.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use common::catalogue::{Availability, ProductCard, Stock, PUBLIC_PAGE_SIZE};
use common::directory::Category;
use common::product_search::{ProductSearch, ProductSearchPage, RawProductSearch};
use common::query::QueryProblem;
use common::Lang;
use entity::{business, category, product, product_photo};
use memchr::memmem::Finder;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};

use super::{category_name, category_rows, confirmed_days_ago, name_in, stock_of};
use crate::data_version::{Area, DataVersions};
use crate::directory::public_businesses;
use crate::directory_index::{self, DirectoryIndex};
use crate::error::DomainError;
use crate::hours::to_local;
use crate::search::{normalize, query_words};

/// What a search asks, with its categories resolved to ids.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Normalised words (`crate::search::query_words`); all must match.
    pub words: Vec<String>,
    pub category_id: Option<i32>,
    /// The shop's category (the directory's).
    pub shop_category_id: Option<i32>,
    /// Only what shoppers are told is in stock at the search's instant.
    pub in_stock: bool,
    /// Only the products of these shops (those open now, from the directory index).
    pub open: Option<Arc<HashSet<i32>>>,
    pub min_cents: Option<i64>,
    pub max_cents: Option<i64>,
}

/// One product as the index keeps it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub business_id: i32,
    pub category_id: Option<i32>,
    pub shop_category_id: i32,
    pub price_cents: Option<i64>,
    pub stock: Stock,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Where this product's text is in the snapshot's haystack; its names come first, and
    /// `names_end` is where they end.
    text: std::ops::Range<usize>,
    names_end: usize,
}

impl Entry {
    /// What shoppers are told is there at `now`.
    pub fn availability(&self, now: DateTime<Utc>) -> Availability {
        Availability::of(self.stock, confirmed_days_ago(self.confirmed_at, now))
    }
}

/// The columns the index reads (not the descriptions: 100,000 of them would be read for nothing).
#[derive(Debug, FromQueryResult)]
struct Row {
    id: i32,
    business_id: i32,
    category_id: Option<i32>,
    name_fr: String,
    name_nl: String,
    name_en: String,
    sort_name: String,
    price_cents: Option<i64>,
    stock: String,
    quantity: Option<i32>,
    stock_confirmed_at: Option<DateTime<Utc>>,
}

/// The catalogue as of one pair of data versions (catalogue, directory).
#[derive(Debug)]
pub struct Snapshot {
    versions: (i64, i64),
    /// The town's product categories in display order, and how many indexed products each has.
    categories: Vec<entity::product_category::Model>,
    counts: HashMap<i32, u64>,
    /// By the product's folded French name, then id.
    entries: Vec<Entry>,
    /// Every entry's text, each followed by a newline (no normalised text holds one, so no match
    /// spans two products): one haystack for the SIMD search.
    texts: String,
}

impl Snapshot {
    async fn load(db: &impl ConnectionTrait, versions: (i64, i64)) -> Result<Self, DomainError> {
        let categories = category_rows(db).await?;
        let category_texts: HashMap<i32, String> = categories
            .iter()
            .map(|c| (c.id, normalize(&format!("{} {} {}", c.name_fr, c.name_nl, c.name_en))))
            .collect();
        let shop_categories: HashMap<i32, String> = category::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, normalize(&format!("{} {} {}", c.name_fr, c.name_nl, c.name_en))))
            .collect();
        let shops: HashMap<i32, (String, i32)> = public_businesses()
            .select_only()
            .column(business::Column::Id)
            .column(business::Column::Name)
            .column(business::Column::CategoryId)
            .into_tuple::<(i32, String, i32)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, name, category_id)| {
                let text = format!("{} {}", normalize(&name), shop_categories.get(&category_id).map_or("", String::as_str));
                (id, (text, category_id))
            })
            .collect();
        let mut rows: Vec<Row> = product::Entity::find()
            .select_only()
            .columns([
                product::Column::Id,
                product::Column::BusinessId,
                product::Column::CategoryId,
                product::Column::NameFr,
                product::Column::NameNl,
                product::Column::NameEn,
                product::Column::SortName,
                product::Column::PriceCents,
                product::Column::Stock,
                product::Column::Quantity,
                product::Column::StockConfirmedAt,
            ])
            .filter(product::Column::Visible.eq(true))
            .into_model::<Row>()
            .all(db)
            .await?;
        // Sorted here rather than by the database: the same byte order on both, and no sort of
        // 100,000 rows in SQL.
        rows.sort_unstable_by(|a, b| a.sort_name.cmp(&b.sort_name).then(a.id.cmp(&b.id)));
        let mut texts = String::with_capacity(rows.len() * 96);
        let mut entries = Vec::with_capacity(rows.len());
        let mut counts: HashMap<i32, u64> = HashMap::new();
        for row in rows {
            // Products of unpublished shops are not indexed.
            let Some((shop_text, shop_category_id)) = shops.get(&row.business_id) else { continue };
            let start = texts.len();
            for name in [&row.name_fr, &row.name_nl, &row.name_en] {
                let name = normalize(name);
                if !name.is_empty() {
                    if texts.len() > start {
                        texts.push(' ');
                    }
                    texts.push_str(&name);
                }
            }
            let names_end = texts.len();
            let category_text = row.category_id.and_then(|id| category_texts.get(&id)).map_or("", String::as_str);
            for part in [category_text, shop_text.as_str()] {
                if !part.is_empty() {
                    texts.push(' ');
                    texts.push_str(part);
                }
            }
            if let Some(id) = row.category_id {
                *counts.entry(id).or_default() += 1;
            }
            entries.push(Entry {
                id: row.id,
                business_id: row.business_id,
                category_id: row.category_id,
                shop_category_id: *shop_category_id,
                price_cents: row.price_cents,
                stock: Stock::from_stored(&row.stock, row.quantity).unwrap_or(Stock::Window),
                confirmed_at: row.stock_confirmed_at,
                text: start..texts.len(),
                names_end,
            });
            texts.push('\n');
        }
        tracing::debug!(products = entries.len(), "catalogue index built");
        Ok(Snapshot { versions, categories, counts, entries, texts })
    }

    /// How many products the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The town's product categories in display order.
    pub fn categories(&self) -> &[entity::product_category::Model] {
        &self.categories
    }

    /// How many indexed products a category has.
    pub fn count(&self, category_id: i32) -> u64 {
        self.counts.get(&category_id).copied().unwrap_or(0)
    }

    /// The products matching `filters` at `now`: those whose names hold the first word first,
    /// then the others (found by their category or their shop), each part by name.
    pub fn matching(&self, filters: &Filters, now: DateTime<Utc>) -> Vec<&Entry> {
        let finders: Vec<Finder<'_>> = filters.words.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let keep = |entry: &Entry| {
            filters.category_id.is_none_or(|c| entry.category_id == Some(c))
                && filters.shop_category_id.is_none_or(|c| entry.shop_category_id == c)
                && filters.open.as_ref().is_none_or(|open| open.contains(&entry.business_id))
                && filters.min_cents.is_none_or(|min| entry.price_cents.is_some_and(|p| p >= min))
                && filters.max_cents.is_none_or(|max| entry.price_cents.is_some_and(|p| p <= max))
                && (!filters.in_stock || matches!(entry.availability(now), Availability::InStock { .. }))
                && finders.iter().skip(1).all(|f| f.find(self.texts[entry.text.clone()].as_bytes()).is_some())
        };
        let Some(first) = finders.first() else {
            return self.entries.iter().filter(|e| keep(e)).collect();
        };
        let mut in_names = Vec::new();
        let mut others = Vec::new();
        // The first word over the whole haystack at once; its matches come in ascending
        // positions, so the entries holding them are found by walking forward.
        let mut index = 0;
        let mut last = None;
        for position in first.find_iter(self.texts.as_bytes()) {
            while self.entries[index].text.end < position {
                index += 1;
            }
            if last == Some(index) {
                continue;
            }
            last = Some(index);
            let entry = &self.entries[index];
            if keep(entry) {
                if position < entry.names_end {
                    in_names.push(entry);
                } else {
                    others.push(entry);
                }
            }
        }
        in_names.extend(others);
        in_names
    }
}

/// Catalogues smaller than this are rebuilt by the request that finds them out of date (a few
/// milliseconds); larger ones in the background, while requests keep the previous snapshot: with
/// 100,000 products a rebuild took 1.4 s on the benchmark's machine (docs/PERFORMANCE.md), which
/// no shopper should wait for after a merchant's write.
pub const INLINE_REBUILD_BELOW: usize = 20_000;

/// The per-instance index; shared (`Arc`) between requests.
#[derive(Debug, Default)]
pub struct CatalogueIndex {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// Held by the one rebuild under way; meanwhile requests keep the previous snapshot, or
    /// wait for the first one.
    refresh: Arc<tokio::sync::Mutex<()>>,
}

impl CatalogueIndex {
    fn latest(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|current| current.clone())
    }

    fn store(&self, snapshot: Arc<Snapshot>) {
        if let Ok(mut current) = self.current.write() {
            *current = Some(snapshot);
        }
    }

    /// The snapshot for `versions` (read by the directory index): the current one if it was
    /// built for them; otherwise rebuilt, inline for a small catalogue, in the background for a
    /// large one (see [`INLINE_REBUILD_BELOW`]). The versions are read before loading: a write in
    /// between makes a snapshot newer than its label, and the next change rebuilds it; it is
    /// never older than its label.
    pub async fn snapshot(self: &Arc<Self>, db: &DatabaseConnection, versions: &DataVersions) -> Result<Arc<Snapshot>, DomainError> {
        let wanted =
            (versions.get(Area::CATALOGUE).unwrap_or_default(), versions.get(Area::DIRECTORY).unwrap_or_default());
        let latest = self.latest();
        if let Some(snapshot) = latest.as_ref().filter(|s| s.versions == wanted) {
            return Ok(snapshot.clone());
        }
        match latest {
            Some(previous) if previous.len() >= INLINE_REBUILD_BELOW => {
                // One rebuild at a time; its guard goes with the task.
                if let Ok(guard) = self.refresh.clone().try_lock_owned() {
                    let (index, db) = (self.clone(), db.clone());
                    tokio::spawn(async move {
                        let _rebuilding = guard;
                        if index.latest().is_some_and(|s| s.versions == wanted) {
                            return;
                        }
                        let started = std::time::Instant::now();
                        match Snapshot::load(&db, wanted).await {
                            Ok(snapshot) => {
                                tracing::info!(products = snapshot.len(), elapsed_ms = started.elapsed().as_millis() as u64, "catalogue index rebuilt");
                                index.store(Arc::new(snapshot));
                            }
                            Err(error) => tracing::warn!(%error, "the catalogue index could not be rebuilt; the previous one is kept"),
                        }
                    });
                }
                Ok(previous)
            }
            latest => {
                let _rebuilding = match self.refresh.try_lock() {
                    Ok(guard) => guard,
                    Err(_) => match latest {
                        Some(previous) => return Ok(previous),
                        None => self.refresh.lock().await,
                    },
                };
                if let Some(snapshot) = self.latest().filter(|s| s.versions == wanted) {
                    return Ok(snapshot);
                }
                let snapshot = Arc::new(Snapshot::load(db, wanted).await?);
                self.store(snapshot.clone());
                Ok(snapshot)
            }
        }
    }
}

/// Both indexes at one reading of the data versions.
async fn snapshots(
    db: &DatabaseConnection,
    catalogue: &Arc<CatalogueIndex>,
    directory: &DirectoryIndex,
) -> Result<(Arc<directory_index::Snapshot>, Arc<Snapshot>), DomainError> {
    let (shops, versions) = directory.versions(db).await?;
    Ok((shops, catalogue.snapshot(db, &versions).await?))
}

/// The cards of `entries` (in their order), in `lang`: the rows and first photos in two queries,
/// each shop's name and live status from the directory's snapshot.
async fn cards(
    db: &impl ConnectionTrait,
    shops: &directory_index::Snapshot,
    catalogue: &Snapshot,
    lang: Lang,
    entries: &[&Entry],
    now: DateTime<Utc>,
) -> Result<Vec<ProductCard>, DomainError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let rows: HashMap<i32, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut first_photos: HashMap<i32, product_photo::Model> = HashMap::new();
    for photo in product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.is_in(ids.iter().copied()))
        .order_by_asc(product_photo::Column::Position)
        .all(db)
        .await?
    {
        first_photos.entry(photo.product_id).or_insert(photo);
    }
    let local = to_local(now);
    let mut statuses = HashMap::new();
    let mut cards = Vec::with_capacity(entries.len());
    for entry in entries {
        // A product deleted or a shop unpublished since the snapshot: left out of this page.
        let (Some(row), Some(shop)) = (rows.get(&entry.id), shops.card(entry.business_id)) else { continue };
        let status = statuses
            .entry(entry.business_id)
            .or_insert_with(|| shop.schedule(lang, local.date()).status_at(local))
            .clone();
        let (name, name_lang) = name_in(row, lang);
        cards.push(ProductCard {
            id: row.id,
            name: name.to_string(),
            name_lang,
            price_cents: row.price_cents,
            availability: Availability::of(stock_of(row), confirmed_days_ago(row.stock_confirmed_at, now)),
            photo: first_photos.get(&row.id).map(|p| super::public::photo_of(p, lang)),
            category: row
                .category_id
                .and_then(|id| catalogue.categories.iter().find(|c| c.id == id))
                .map(|c| category_name(c, lang).to_string()),
            business_slug: shop.slug.clone(),
            business_name: shop.name.clone(),
            business_status: status,
        });
    }
    Ok(cards)
}

/// One page of `/produits` for the parameters of its URL.
pub async fn search(
    db: &DatabaseConnection,
    catalogue: &Arc<CatalogueIndex>,
    directory: &DirectoryIndex,
    lang: Lang,
    raw: &RawProductSearch,
    now: DateTime<Utc>,
) -> Result<ProductSearchPage, DomainError> {
    let query: ProductSearch = raw.parse()?;
    let (shops, snapshot) = snapshots(db, catalogue, directory).await?;
    let category_id = match &query.category {
        Some(slug) => Some(snapshot.categories.iter().find(|c| &c.slug == slug).ok_or(QueryProblem::UnknownCategory)?.id),
        None => None,
    };
    let shop_category_id = match &query.shop_category {
        Some(slug) => Some(shops.categories().iter().find(|c| &c.slug == slug).ok_or(QueryProblem::UnknownCategory)?.id),
        None => None,
    };
    let open = if query.open_now { Some(shops.open_at(db, to_local(now)).await?) } else { None };
    let filters = Filters {
        words: query.text.as_deref().map(query_words).unwrap_or_default(),
        category_id,
        shop_category_id,
        in_stock: query.in_stock,
        open,
        min_cents: query.min_cents,
        max_cents: query.max_cents,
    };
    let found = snapshot.matching(&filters, now);
    let total = found.len() as u64;
    let page_size = PUBLIC_PAGE_SIZE as usize;
    let page_count = (found.len().div_ceil(page_size)).max(1) as u32;
    if query.page > page_count {
        return Err(QueryProblem::PageOutOfRange { requested: query.page, last: page_count }.into());
    }
    let start = (query.page as usize - 1) * page_size;
    let shown = &found[start..(start + page_size).min(found.len())];
    let items = cards(db, &shops, &snapshot, lang, shown, now).await?;
    let categories = snapshot
        .categories
        .iter()
        .filter(|c| snapshot.count(c.id) > 0 || category_id == Some(c.id))
        .map(|c| Category {
            slug: c.slug.clone(),
            name: category_name(c, lang).to_string(),
            icon: String::new(),
            count: snapshot.count(c.id),
        })
        .collect();
    let shop_categories = shops
        .categories()
        .iter()
        .map(|c| Category {
            slug: c.slug.clone(),
            name: crate::directory::category_name(c, lang),
            icon: c.icon.clone(),
            count: shops.count(c.id),
        })
        .collect();
    Ok(ProductSearchPage { items, cards_html: String::new(), total, page: query.page, page_count, categories, shop_categories })
}

/// The first products whose text holds every word of a directory search (`text` as typed),
/// and how many there are: the directory offers them under its shops, with a link to
/// `/produits?q=…`. None for an empty or unreadable text.
pub async fn matching_products(
    db: &DatabaseConnection,
    catalogue: &Arc<CatalogueIndex>,
    directory: &DirectoryIndex,
    lang: Lang,
    text: &str,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<(u64, Vec<ProductCard>), DomainError> {
    let words = query_words(text);
    if words.is_empty() {
        return Ok((0, Vec::new()));
    }
    let (shops, snapshot) = snapshots(db, catalogue, directory).await?;
    let found = snapshot.matching(&Filters { words, ..Default::default() }, now);
    let shown = &found[..found.len().min(limit)];
    Ok((found.len() as u64, cards(db, &shops, &snapshot, lang, shown, now).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(texts: &mut String, id: i32, names: &str, rest: &str, price: Option<i64>, stock: Stock) -> Entry {
        let start = texts.len();
        texts.push_str(names);
        let names_end = texts.len();
        texts.push(' ');
        texts.push_str(rest);
        let entry = Entry {
            id,
            business_id: id * 10,
            category_id: Some(id % 2),
            shop_category_id: 7,
            price_cents: price,
            stock,
            confirmed_at: Some(DateTime::from_timestamp(1_700_000_000, 0).unwrap()),
            text: start..texts.len(),
            names_end,
        };
        texts.push('\n');
        entry
    }

    fn snapshot() -> Snapshot {
        let mut texts = String::new();
        let entries = vec![
            entry(&mut texts, 1, "bonnet en laine", "vetements sport soignies", Some(1990), Stock::InStock),
            entry(&mut texts, 2, "chaussettes", "laine vetements mercerie", Some(700), Stock::OutOfStock),
            entry(&mut texts, 3, "pelote de laine", "mercerie", None, Stock::Window),
        ];
        Snapshot { versions: (0, 0), categories: Vec::new(), counts: HashMap::new(), entries, texts }
    }

    fn ids(found: Vec<&Entry>) -> Vec<i32> {
        found.into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn names_holding_the_first_word_come_first_and_every_word_must_match() {
        let s = snapshot();
        let at = DateTime::from_timestamp(1_700_000_000 + 86_400, 0).unwrap();
        let words = |text: &str| Filters { words: query_words(text), ..Default::default() };
        assert_eq!(ids(s.matching(&words("Laine"), at)), vec![1, 3, 2]);
        assert_eq!(ids(s.matching(&words("laine mercerie"), at)), vec![3, 2]);
        assert!(s.matching(&words("lainechaussettes"), at).is_empty(), "no match spans two products");
        let in_stock = Filters { in_stock: true, ..words("laine") };
        assert_eq!(ids(s.matching(&in_stock, at)), vec![1]);
        let later = DateTime::from_timestamp(1_700_000_000 + 23 * 86_400, 0).unwrap();
        assert!(s.matching(&in_stock, later).is_empty(), "a statement 23 days old is no longer 'in stock'");
        let priced = Filters { min_cents: Some(500), max_cents: Some(1000), ..words("laine") };
        assert_eq!(ids(s.matching(&priced, at)), vec![2], "'price in the shop' is outside any range");
    }
}
