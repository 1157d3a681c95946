//! The catalogue (issue 13): what a product says is there, how old that statement is, and the
//! forms and lists of the merchant's products.
//!
//! # What is there
//!
//! A merchant chooses per product between two ways of speaking:
//! - **in the window** ([`Stock::Window`]): the product is shown, no claim is made about stock;
//!   shoppers read "ask the shop";
//! - **a stock statement**: in stock, out of stock, or a quantity (what the orders of the next
//!   issue reserve from).
//!
//! Every stock statement carries the instant a person last confirmed it. Older than
//! [`STALE_AFTER_DAYS`], it is shown to shoppers as "ask the shop" again, by itself
//! ([`Availability::of`]): a catalogue left alone goes quiet instead of lying.

use serde::{Deserialize, Serialize};

/// A stock statement older than this many days is shown as "ask the shop".
pub const STALE_AFTER_DAYS: i64 = 21;
/// Photos a product may have.
pub const MAX_PHOTOS: usize = 4;
/// Longest product name (characters).
pub const NAME_MAX: usize = 200;
/// Longest description (characters).
pub const DESCRIPTION_MAX: usize = 5_000;
/// Longest SKU (the merchant's own reference).
pub const SKU_MAX: usize = 64;
/// Largest quantity a product may state (a typo of a few extra digits is caught).
pub const QUANTITY_MAX: u32 = 1_000_000;
/// Products in one page of the merchant's list.
pub const MERCHANT_PAGE_SIZE: u32 = 50;

/// What the merchant says is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stock {
    /// Shown without a stock claim: "ask the shop".
    Window,
    InStock,
    OutOfStock,
    Quantity(u32),
}

impl Stock {
    /// The stored and form code (`products.stock`).
    pub fn code(self) -> &'static str {
        match self {
            Stock::Window => "window",
            Stock::InStock => "in_stock",
            Stock::OutOfStock => "out_of_stock",
            Stock::Quantity(_) => "quantity",
        }
    }

    /// The statement of a stored row (`code`, `quantity`); `None` for a row no rule allows.
    pub fn from_stored(code: &str, quantity: Option<i32>) -> Option<Stock> {
        match (code, quantity) {
            ("window", None) => Some(Stock::Window),
            ("in_stock", None) => Some(Stock::InStock),
            ("out_of_stock", None) => Some(Stock::OutOfStock),
            ("quantity", Some(n)) => u32::try_from(n).ok().map(Stock::Quantity),
            _ => None,
        }
    }

    /// Whether this is a stock claim, which goes stale (the window never does).
    pub fn is_claim(self) -> bool {
        !matches!(self, Stock::Window)
    }

    /// Whether a shopper can find it in the shop (a claim of presence).
    pub fn is_present(self) -> bool {
        matches!(self, Stock::InStock) || matches!(self, Stock::Quantity(n) if n > 0)
    }
}

/// What shoppers are told is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    /// In the window, or a statement gone stale: "ask the shop".
    AskTheShop,
    /// "In stock, checked 3 days ago" (with the quantity when one is stated).
    InStock { quantity: Option<u32>, checked_days_ago: i64 },
    /// "Out of stock, checked today".
    OutOfStock { checked_days_ago: i64 },
}

impl Availability {
    /// What to tell shoppers of `stock` confirmed `confirmed_days_ago` days ago (`None`: never).
    pub fn of(stock: Stock, confirmed_days_ago: Option<i64>) -> Availability {
        match (stock, confirmed_days_ago) {
            (Stock::Window, _) | (_, None) => Availability::AskTheShop,
            (_, Some(days)) if days > STALE_AFTER_DAYS => Availability::AskTheShop,
            (Stock::InStock, Some(days)) => Availability::InStock { quantity: None, checked_days_ago: days.max(0) },
            (Stock::Quantity(0) | Stock::OutOfStock, Some(days)) => {
                Availability::OutOfStock { checked_days_ago: days.max(0) }
            }
            (Stock::Quantity(n), Some(days)) => Availability::InStock { quantity: Some(n), checked_days_ago: days.max(0) },
        }
    }

    /// schema.org's `availability` of an `Offer`.
    pub fn schema_org(self) -> &'static str {
        match self {
            Availability::AskTheShop => "https://schema.org/InStoreOnly",
            Availability::InStock { .. } => "https://schema.org/InStock",
            Availability::OutOfStock { .. } => "https://schema.org/OutOfStock",
        }
    }
}

/// Whether a stock statement confirmed `confirmed_days_ago` days ago has gone stale.
pub fn is_stale(stock: Stock, confirmed_days_ago: Option<i64>) -> bool {
    stock.is_claim() && confirmed_days_ago.is_none_or(|days| days > STALE_AFTER_DAYS)
}

/// A category of the town-wide product list, in a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCategory {
    pub slug: String,
    pub name: String,
}

/// The product form, every field as typed (a refused form is shown again as it was).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductForm {
    pub name_fr: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_fr: String,
    pub description_nl: String,
    pub description_en: String,
    /// As typed ("12,50", "€ 12.50"); empty: price in the shop.
    pub price: String,
    /// A [`ProductCategory::slug`], or empty.
    pub category: String,
    pub gtin: String,
    pub sku: String,
    /// A [`Stock::code`].
    pub stock: String,
    /// The quantity when `stock` is `quantity`, as typed.
    pub quantity: String,
    pub visible: bool,
    pub reservable: bool,
}

/// The stock states the merchant's list filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StateFilter {
    InStock,
    OutOfStock,
    Window,
    Hidden,
    /// Stock statements that shoppers now read as "ask the shop".
    Stale,
}

impl StateFilter {
    pub fn code(self) -> &'static str {
        match self {
            StateFilter::InStock => "in_stock",
            StateFilter::OutOfStock => "out_of_stock",
            StateFilter::Window => "window",
            StateFilter::Hidden => "hidden",
            StateFilter::Stale => "stale",
        }
    }

    pub fn parse(code: &str) -> Option<StateFilter> {
        [StateFilter::InStock, StateFilter::OutOfStock, StateFilter::Window, StateFilter::Hidden, StateFilter::Stale]
            .into_iter()
            .find(|f| f.code() == code)
    }
}

/// The orders of the merchant's list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Name,
    PriceLowFirst,
    PriceHighFirst,
    /// Recently changed first.
    Updated,
    /// Oldest stock statement first (what to check next).
    Confirmed,
}

impl Sort {
    pub fn code(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::PriceLowFirst => "price",
            Sort::PriceHighFirst => "price_desc",
            Sort::Updated => "updated",
            Sort::Confirmed => "confirmed",
        }
    }

    pub fn parse(code: &str) -> Option<Sort> {
        [Sort::Name, Sort::PriceLowFirst, Sort::PriceHighFirst, Sort::Updated, Sort::Confirmed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// What the merchant's list shows, from its URL's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub text: Option<String>,
    pub category: Option<String>,
    pub state: Option<StateFilter>,
    pub sort: Sort,
    /// From 1.
    pub page: u32,
}

impl Default for ListQuery {
    /// The whole list by name, its first page.
    fn default() -> Self {
        ListQuery { text: None, category: None, state: None, sort: Sort::default(), page: 1 }
    }
}

/// The merchant list's URL parameters as typed (`?q=…&categorie=…&etat=…&tri=…&page=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawListQuery {
    pub q: Option<String>,
    pub category: Option<String>,
    pub state: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
}

/// The names of the merchant list's URL parameters.
pub mod list_param {
    pub const QUERY: &str = "q";
    pub const CATEGORY: &str = "categorie";
    pub const STATE: &str = "etat";
    pub const SORT: &str = "tri";
    pub const PAGE: &str = "page";
}

impl RawListQuery {
    /// The query, or `None` when a parameter cannot be read (a state or sort no link makes, a
    /// page that is not a number, a search of more than 200 characters or with control
    /// characters). Empty parameters are absent ones.
    pub fn parse(&self) -> Option<ListQuery> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let text = given(&self.q);
        if text.as_ref().is_some_and(|t| t.chars().count() > 200 || t.chars().any(char::is_control)) {
            return None;
        }
        let category = given(&self.category);
        if category.as_ref().is_some_and(|c| c.len() > 64 || !c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')) {
            return None;
        }
        let state = match given(&self.state) {
            Some(code) => Some(StateFilter::parse(&code)?),
            None => None,
        };
        let sort = match given(&self.sort) {
            Some(code) => Sort::parse(&code)?,
            None => Sort::default(),
        };
        let page = match given(&self.page) {
            Some(page) => page.parse::<u32>().ok().filter(|p| *p >= 1)?,
            None => 1,
        };
        Some(ListQuery { text, category, state, sort, page })
    }
}

impl ListQuery {
    /// The query as URL parameters (`?q=…&etat=…`, empty when it has none), `page` given or not.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(text) = &self.text {
            pairs.push((list_param::QUERY, text.clone()));
        }
        if let Some(category) = &self.category {
            pairs.push((list_param::CATEGORY, category.clone()));
        }
        if let Some(state) = self.state {
            pairs.push((list_param::STATE, state.code().to_string()));
        }
        if self.sort != Sort::default() {
            pairs.push((list_param::SORT, self.sort.code().to_string()));
        }
        if let Some(page) = page.filter(|p| *p > 1) {
            pairs.push((list_param::PAGE, page.to_string()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{k}={}", crate::query::encode_component(v))).collect();
        format!("?{}", encoded.join("&"))
    }
}

/// One product in the merchant's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantProductRow {
    pub id: i32,
    pub name: String,
    pub price_cents: Option<i64>,
    pub category: Option<String>,
    pub gtin: Option<String>,
    pub sku: Option<String>,
    pub stock: Stock,
    /// Days since the stock statement was confirmed (`None`: never, or in the window).
    pub confirmed_days_ago: Option<i64>,
    /// Shoppers read "ask the shop" instead of the statement.
    pub stale: bool,
    pub visible: bool,
    pub version: i32,
}

/// A page of the merchant's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantProducts {
    pub rows: Vec<MerchantProductRow>,
    /// Products matching the filters.
    pub matching: u64,
    /// Products of the business.
    pub total: u64,
    /// Stock statements of the business gone stale (whatever the filters).
    pub stale: u64,
    pub page: u32,
    pub page_count: u32,
    pub categories: Vec<ProductCategory>,
}

/// Products in one page of a shop's window (its business page) and of `/produits`.
pub const PUBLIC_PAGE_SIZE: u32 = 24;

/// A product in a public list: a shop's window, the search of every shop's products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i32,
    pub name: String,
    /// The language `name` is in (French when the page's has none).
    pub name_lang: crate::Lang,
    pub price_cents: Option<i64>,
    pub availability: Availability,
    pub photo: Option<crate::directory::Photo>,
    pub category: Option<String>,
    pub business_slug: String,
    pub business_name: String,
    /// The shop's live status, so the next step can be walking there.
    pub business_status: crate::directory::OpenStatus,
}

/// A product's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPage {
    pub card: ProductCard,
    pub description: String,
    pub description_lang: crate::Lang,
    pub photos: Vec<crate::directory::Photo>,
    pub gtin: Option<String>,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    /// The shop on OpenStreetMap ("how to get there").
    pub map_url: String,
    /// schema.org `Product` with its `Offer`, safe to embed in a `<script>` element.
    pub json_ld: String,
    /// Units a shopper may reserve now (issue 14); `None` when it cannot be reserved online.
    pub reservable: Option<u32>,
    /// Whether a shopper may ask the shop if it is available (no trusted count to reserve from).
    pub askable: bool,
}

/// A page of a shop's window or of the search of every shop's products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductResults {
    pub items: Vec<ProductCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
}

/// Rows of each kind a spreadsheet import's preview lists (the counts are always complete).
pub const IMPORT_LIST_MAX: usize = 200;

/// A column of an uploaded spreadsheet on the import's preview: its header, what it is read as
/// (a column code of the importer, `None`: ignored), and its first values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub header: String,
    pub column: Option<String>,
    pub samples: Vec<String>,
}

/// A product an import creates: its line in the file, its name, price cell and stock code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCreate {
    pub line: usize,
    pub name: String,
    pub price_cents: Option<i64>,
    pub stock: Stock,
}

/// A product an import changes: its line, the product, and each changed field (the product
/// form's field name, before, after).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportChange {
    pub line: usize,
    pub product_id: i32,
    pub name: String,
    pub fields: Vec<(String, String, String)>,
}

/// A refused row: its line, the header of the column at fault, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRefusal {
    pub line: usize,
    pub column: Option<String>,
    pub problem: crate::error::FieldProblem,
}

/// The import preview page: the kept file, how it was read, the columns, and what confirming
/// would do. Lists hold at most [`IMPORT_LIST_MAX`] rows each; the counts hold them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub business_id: i32,
    pub business_name: String,
    pub file_name: String,
    /// "csv" or "xlsx".
    pub format: String,
    /// The CSV's delimiter and encoding as detected.
    pub delimiter: Option<char>,
    pub encoding: Option<String>,
    pub row_count: usize,
    pub columns: Vec<ImportColumn>,
    /// Whether the merchant mapped the columns (rather than their names being recognised).
    pub mapped: bool,
    pub missing_out_of_stock: bool,
    /// Why the file cannot be imported as its columns are read (a translation key), if so.
    pub file_problem: Option<String>,
    pub create: Vec<ImportCreate>,
    pub create_count: usize,
    pub change: Vec<ImportChange>,
    pub change_count: usize,
    pub unchanged: usize,
    pub refused: Vec<ImportRefusal>,
    pub refused_count: usize,
    /// The shop's products the file does not name (marked out of stock if asked).
    pub missing: Vec<String>,
    pub missing_count: usize,
}

impl ImportView {
    /// Whether confirming would import it: it reads, and no row is refused.
    pub fn can_confirm(&self) -> bool {
        self.file_problem.is_none() && self.refused_count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_goes_quiet_after_21_days() {
        assert_eq!(Availability::of(Stock::InStock, Some(0)), Availability::InStock { quantity: None, checked_days_ago: 0 });
        assert_eq!(
            Availability::of(Stock::InStock, Some(STALE_AFTER_DAYS)),
            Availability::InStock { quantity: None, checked_days_ago: 21 }
        );
        assert_eq!(Availability::of(Stock::InStock, Some(STALE_AFTER_DAYS + 1)), Availability::AskTheShop);
        assert_eq!(Availability::of(Stock::OutOfStock, Some(22)), Availability::AskTheShop);
        assert_eq!(Availability::of(Stock::InStock, None), Availability::AskTheShop);
        assert!(is_stale(Stock::Quantity(3), Some(22)));
        assert!(!is_stale(Stock::Window, None), "the window makes no claim, so it cannot go stale");
    }

    #[test]
    fn a_quantity_of_zero_is_out_of_stock() {
        assert_eq!(Availability::of(Stock::Quantity(0), Some(1)), Availability::OutOfStock { checked_days_ago: 1 });
        assert_eq!(
            Availability::of(Stock::Quantity(4), Some(1)),
            Availability::InStock { quantity: Some(4), checked_days_ago: 1 }
        );
        assert_eq!(Availability::of(Stock::Window, Some(1)), Availability::AskTheShop);
    }

    #[test]
    fn stored_statements_round_trip_and_impossible_rows_are_refused() {
        for stock in [Stock::Window, Stock::InStock, Stock::OutOfStock, Stock::Quantity(7)] {
            let quantity = match stock {
                Stock::Quantity(n) => Some(n as i32),
                _ => None,
            };
            assert_eq!(Stock::from_stored(stock.code(), quantity), Some(stock));
        }
        assert_eq!(Stock::from_stored("quantity", None), None);
        assert_eq!(Stock::from_stored("quantity", Some(-1)), None);
        assert_eq!(Stock::from_stored("in_stock", Some(3)), None);
        assert_eq!(Stock::from_stored("lots", None), None);
    }
}
