//! `/produits`: one search over every shop's visible products (issue 13), its parameters as they
//! arrive in the URL (`/produits?q=bonnet&categorie=vetements&commerce=sport&stock=1&ouvert=1
//! &prix_min=5&prix_max=20,50&page=2`), their checked form, and the page the server answers.
//! Parsing is the only validation, as for the directory (`crate::query`): a [`ProductSearch`]
//! is always sane.

use serde::{Deserialize, Serialize};

use crate::directory::Category;
use crate::query::{encode_component, QueryProblem, RawDirectoryQuery};

/// URL parameter names, French like the URLs and the same in every language (a shared link
/// keeps its filters when its reader switches language).
pub mod param {
    pub const QUERY: &str = "q";
    /// The product category (the town-wide list).
    pub const CATEGORY: &str = "categorie";
    /// The shop's category (the directory's).
    pub const SHOP_CATEGORY: &str = "commerce";
    pub const IN_STOCK: &str = "stock";
    pub const OPEN_NOW: &str = "ouvert";
    pub const MIN_PRICE: &str = "prix_min";
    pub const MAX_PRICE: &str = "prix_max";
    pub const PAGE: &str = "page";
    /// Every parameter, in the order the page cache keys them.
    pub const ALL: [&str; 8] = [QUERY, CATEGORY, SHOP_CATEGORY, IN_STOCK, OPEN_NOW, MIN_PRICE, MAX_PRICE, PAGE];
}

/// The parameters exactly as typed in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawProductSearch {
    pub q: Option<String>,
    pub category: Option<String>,
    pub shop_category: Option<String>,
    pub in_stock: Option<String>,
    pub open_now: Option<String>,
    pub min_price: Option<String>,
    pub max_price: Option<String>,
    pub page: Option<String>,
}

/// `/produits`'s parameters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSearch {
    /// Trimmed search text; `None` when empty.
    pub text: Option<String>,
    pub category: Option<String>,
    pub shop_category: Option<String>,
    /// Only what shoppers are told is in stock now (a stale statement is not).
    pub in_stock: bool,
    /// Only the shops open now.
    pub open_now: bool,
    /// Price range in cents, both ends included; a product without a shown price ("price in
    /// the shop") is outside any range.
    pub min_cents: Option<i64>,
    pub max_cents: Option<i64>,
    /// 1-based.
    pub page: u32,
}

/// A price filter as typed: empty is no bound; "5", "12,50", "12.50 €" are read as prices are
/// everywhere (`crate::money::parse_euros`).
fn price(text: Option<&str>) -> Result<Option<i64>, QueryProblem> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    if text.chars().count() > 20 {
        return Err(QueryProblem::BadPrice);
    }
    crate::money::parse_euros(text).map_err(|_| QueryProblem::BadPrice)
}

/// Whether a checkbox-like parameter is on.
fn on(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("1" | "true" | "on" | "oui"))
}

impl RawProductSearch {
    /// Checks the parameters: the text, category and page rules are the directory's
    /// ([`RawDirectoryQuery::parse`]); the shop's category is checked like the product's; a price
    /// that is not one is refused; a range typed upside down is read the right way round.
    pub fn parse(&self) -> Result<ProductSearch, QueryProblem> {
        let base = RawDirectoryQuery {
            q: self.q.clone(),
            category: self.category.clone(),
            open_now: self.open_now.clone(),
            page: self.page.clone(),
        }
        .parse()?;
        let shop = RawDirectoryQuery { category: self.shop_category.clone(), ..Default::default() }.parse()?;
        let mut min_cents = price(self.min_price.as_deref())?;
        let mut max_cents = price(self.max_price.as_deref())?;
        if let (Some(min), Some(max)) = (min_cents, max_cents) {
            if min > max {
                (min_cents, max_cents) = (Some(max), Some(min));
            }
        }
        Ok(ProductSearch {
            text: base.text,
            category: base.category,
            shop_category: shop.category,
            in_stock: on(self.in_stock.as_deref()),
            open_now: base.open_now,
            min_cents,
            max_cents,
            page: base.page,
        })
    }
}

impl ProductSearch {
    /// The query string of this search at another page (`None` keeps the page), for links.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(text) = &self.text {
            parts.push(format!("{}={}", param::QUERY, encode_component(text)));
        }
        if let Some(category) = &self.category {
            parts.push(format!("{}={}", param::CATEGORY, encode_component(category)));
        }
        if let Some(category) = &self.shop_category {
            parts.push(format!("{}={}", param::SHOP_CATEGORY, encode_component(category)));
        }
        if self.in_stock {
            parts.push(format!("{}=1", param::IN_STOCK));
        }
        if self.open_now {
            parts.push(format!("{}=1", param::OPEN_NOW));
        }
        if let Some(cents) = self.min_cents {
            parts.push(format!("{}={}", param::MIN_PRICE, crate::money::format_euros(cents, true).replace(',', "%2C")));
        }
        if let Some(cents) = self.max_cents {
            parts.push(format!("{}={}", param::MAX_PRICE, crate::money::format_euros(cents, true).replace(',', "%2C")));
        }
        let page = page.unwrap_or(self.page);
        if page > 1 {
            parts.push(format!("{}={page}", param::PAGE));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Whether anything narrows the search (the page shows "see everything").
    pub fn is_filtered(&self) -> bool {
        self.text.is_some()
            || self.category.is_some()
            || self.shop_category.is_some()
            || self.in_stock
            || self.open_now
            || self.min_cents.is_some()
            || self.max_cents.is_some()
    }
}

/// One page of `/produits`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSearchPage {
    /// The page's products, for the server only: the page shows [`Self::cards_html`].
    #[serde(skip)]
    pub items: Vec<crate::catalogue::ProductCard>,
    /// The cards as HTML (`app::components::product_card`), empty when nothing matches.
    #[serde(default)]
    pub cards_html: String,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    /// The product categories, with how many visible products each has.
    pub categories: Vec<Category>,
    /// The shops' categories (the directory's), with how many shops each has.
    pub shop_categories: Vec<Category>,
}

/// Products a directory search shows under its results ("these products match too").
pub const DIRECTORY_PRODUCTS: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawProductSearch {
        let get = |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
        RawProductSearch {
            q: get(param::QUERY),
            category: get(param::CATEGORY),
            shop_category: get(param::SHOP_CATEGORY),
            in_stock: get(param::IN_STOCK),
            open_now: get(param::OPEN_NOW),
            min_price: get(param::MIN_PRICE),
            max_price: get(param::MAX_PRICE),
            page: get(param::PAGE),
        }
    }

    #[test]
    fn nothing_means_every_product_on_page_one() {
        let search = RawProductSearch::default().parse().unwrap();
        assert_eq!(search, ProductSearch { page: 1, ..Default::default() });
        assert!(!search.is_filtered());
        assert_eq!(search.to_query_string(None), "");
    }

    #[test]
    fn prices_are_read_as_belgians_type_them() {
        let search = raw(&[("prix_min", "5"), ("prix_max", "€ 12,50")]).parse().unwrap();
        assert_eq!((search.min_cents, search.max_cents), (Some(500), Some(1250)));
        assert_eq!(search.to_query_string(None), "?prix_min=5%2C00&prix_max=12%2C50");
        let upside_down = raw(&[("prix_min", "20"), ("prix_max", "10.5")]).parse().unwrap();
        assert_eq!((upside_down.min_cents, upside_down.max_cents), (Some(1050), Some(2000)));
        assert_eq!(raw(&[("prix_min", "douze")]).parse(), Err(QueryProblem::BadPrice));
        assert_eq!(raw(&[("prix_max", "-3")]).parse(), Err(QueryProblem::BadPrice));
        assert_eq!(raw(&[("prix_max", &"9".repeat(30))]).parse(), Err(QueryProblem::BadPrice));
        assert_eq!(raw(&[("prix_min", " ")]).parse().unwrap().min_cents, None);
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let search = raw(&[
            ("q", "bonnet laine"),
            ("categorie", "vetements"),
            ("commerce", "sport"),
            ("stock", "1"),
            ("ouvert", "on"),
            ("page", "2"),
        ])
        .parse()
        .unwrap();
        assert!(search.in_stock && search.open_now && search.is_filtered());
        assert_eq!(search.to_query_string(None), "?q=bonnet+laine&categorie=vetements&commerce=sport&stock=1&ouvert=1&page=2");
        assert_eq!(search.to_query_string(Some(1)), "?q=bonnet+laine&categorie=vetements&commerce=sport&stock=1&ouvert=1");
    }

    #[test]
    fn bad_categories_and_pages_are_refused_as_in_the_directory() {
        assert_eq!(raw(&[("commerce", "<script>")]).parse(), Err(QueryProblem::UnknownCategory));
        assert_eq!(raw(&[("categorie", "A B")]).parse(), Err(QueryProblem::UnknownCategory));
        assert_eq!(raw(&[("page", "0")]).parse(), Err(QueryProblem::BadPage));
        assert!(matches!(raw(&[("q", &"x".repeat(101))]).parse(), Err(QueryProblem::TextTooLong { .. })));
    }
}
