//! `/sitemap.xml`, `/sitemaps/{n}.xml` and `/robots.txt`.
//!
//! The sitemap (sitemaps.org 0.9) lists every public page in its three languages, each with its
//! `hreflang` alternates (`xhtml:link`, as search engines document) and a `lastmod` taken from
//! the data: a business page's last change, the newest change of its category for a category
//! page, the newest of all for the home page and the directory; the offers live today and the
//! visible products of published shops with their own pages, and `/produits`. Past
//! [`PAGES_PER_FILE`] pages (a town with 100,000 products has 300,000 URLs; one file may hold
//! 50,000) `/sitemap.xml` is a sitemap index of `/sitemaps/{n}.xml` files. Its ETag is the
//! document's hash, and `robots.txt` points to it with an absolute URL.

use std::fmt::Write;

use app::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use common::query::param;
use common::{AppError, Lang};
use http::header::{self, HeaderValue};
use http::StatusCode;

use common::html::escape;

/// One page of the site: its path without language prefix, and when it last changed.
struct Page {
    path: String,
    lastmod: Option<DateTime<Utc>>,
}

/// Every public page.
async fn urls(state: &AppState) -> Result<Vec<Page>, AppError> {
    let businesses = domain::sitemap::entries(&state.db).await?;
    let newest = businesses.iter().map(|b| b.updated_at).max();
    let mut pages =
        vec![Page { path: "/".into(), lastmod: newest }, Page { path: "/commerces".into(), lastmod: newest }];
    let mut categories: Vec<(&str, DateTime<Utc>)> = Vec::new();
    for business in &businesses {
        match categories.iter_mut().find(|(slug, _)| *slug == business.category_slug) {
            Some((_, date)) => *date = (*date).max(business.updated_at),
            None => categories.push((&business.category_slug, business.updated_at)),
        }
    }
    categories.sort();
    for (slug, date) in categories {
        pages.push(Page { path: format!("/commerces?{}={slug}", param::CATEGORY), lastmod: Some(date) });
    }
    for business in &businesses {
        pages.push(Page { path: format!("/commerces/{}", business.slug), lastmod: Some(business.updated_at) });
    }
    // The offers feed and the pages of the offers live today (issue 8).
    let offers = domain::sitemap::offer_entries(&state.db, state.clock.now()).await?;
    pages.push(Page { path: "/offres".into(), lastmod: offers.iter().map(|(_, at)| *at).max().or(newest) });
    for (id, updated_at) in offers {
        pages.push(Page { path: format!("/offres/{id}"), lastmod: Some(updated_at) });
    }
    // The search of every shop's products, each shop's products and each visible product's
    // page (issue 13).
    let products = domain::sitemap::product_entries(&state.db).await?;
    pages.push(Page { path: "/produits".into(), lastmod: products.iter().map(|(_, _, at)| *at).max().or(newest) });
    let mut shop: Option<(String, DateTime<Utc>)> = None;
    let mut product_pages = Vec::with_capacity(products.len());
    for (slug, id, updated_at) in products {
        match &mut shop {
            Some((current, newest)) if *current == slug => *newest = (*newest).max(updated_at),
            _ => {
                if let Some((done, newest)) = shop.take() {
                    pages.push(Page { path: format!("/commerces/{done}/produits"), lastmod: Some(newest) });
                }
                shop = Some((slug.clone(), updated_at));
            }
        }
        product_pages.push(Page { path: format!("/commerces/{slug}/produits/{id}"), lastmod: Some(updated_at) });
    }
    if let Some((done, newest)) = shop {
        pages.push(Page { path: format!("/commerces/{done}/produits"), lastmod: Some(newest) });
    }
    pages.extend(product_pages);
    Ok(pages)
}

/// The sitemap document for pages under `base`.
fn document(base: &str, pages: &[Page]) -> String {
    let mut xml = String::with_capacity(pages.len() * 700 + 200);
    xml.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for page in pages {
        let alternates: Vec<(&str, String)> = Lang::ALL
            .iter()
            .map(|l| (l.code(), escape(&format!("{base}{}", l.localize(&page.path))).into_owned()))
            .chain([("x-default", escape(&format!("{base}{}", Lang::Fr.localize(&page.path))).into_owned())])
            .collect();
        for lang in Lang::ALL {
            let _ = write!(xml, "<url><loc>{}</loc>", escape(&format!("{base}{}", lang.localize(&page.path))));
            if let Some(date) = page.lastmod {
                let _ = write!(xml, "<lastmod>{}</lastmod>", date.format("%Y-%m-%dT%H:%M:%SZ"));
            }
            for (hreflang, href) in &alternates {
                let _ = write!(xml, "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{href}\"/>");
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Pages per sitemap file: each is listed in three languages, so a file holds 45,000 URLs,
/// under the 50,000 sitemaps.org allows (and some 30 MB, under its 50 MB).
pub const PAGES_PER_FILE: usize = 15_000;

/// The path of the `n`th (1-based) file of a sitemap index.
fn part_path(n: usize) -> String {
    format!("/sitemaps/{n}.xml")
}

/// The sitemap index of `count` pages cut into files of `per_file`, each file with the newest
/// `lastmod` of its pages.
fn index_document(base: &str, pages: &[Page], per_file: usize) -> String {
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    for (i, part) in pages.chunks(per_file).enumerate() {
        let _ = write!(xml, "<sitemap><loc>{}</loc>", escape(&format!("{base}{}", part_path(i + 1))));
        if let Some(date) = part.iter().filter_map(|p| p.lastmod).max() {
            let _ = write!(xml, "<lastmod>{}</lastmod>", date.format("%Y-%m-%dT%H:%M:%SZ"));
        }
        xml.push_str("</sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// An XML answer whose ETag is the document's own hash: it moves with the directory, with the
/// offers, the products, and with the day (offers leave the sitemap after their last day
/// without any write). SipHash with its fixed default keys gives every instance the same tag for
/// the same document.
fn xml_response(document: String) -> Response {
    let tag = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        document.hash(&mut hasher);
        hasher.finish()
    };
    let mut response = document.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(etag) = HeaderValue::from_str(&format!("W/\"sitemap-{tag:016x}\"")) {
        headers.insert(header::ETAG, etag);
    }
    response
}

/// `/sitemap.xml`: every page, or, past [`PAGES_PER_FILE`] pages (a town with 100,000 products),
/// a sitemap index of `/sitemaps/{n}.xml` files.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let pages = match urls(&state).await {
        Ok(pages) => pages,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if pages.len() > PAGES_PER_FILE {
        xml_response(index_document(&state.base_url, &pages, PAGES_PER_FILE))
    } else {
        xml_response(document(&state.base_url, &pages))
    }
}

/// `/sitemaps/{n}.xml`: the `n`th file of the sitemap index; 404 when the sitemap is one file or
/// has no such part.
pub async fn sitemap_part(State(state): State<AppState>, axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let n = match file.strip_suffix(".xml").map(|n| (n, n.parse::<usize>())) {
        Some((digits, Ok(n))) if n >= 1 && !digits.starts_with('0') => n,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let pages = match urls(&state).await {
        Ok(pages) => pages,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if pages.len() <= PAGES_PER_FILE {
        return StatusCode::NOT_FOUND.into_response();
    }
    match pages.chunks(PAGES_PER_FILE).nth(n - 1) {
        Some(part) => xml_response(document(&state.base_url, part)),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn robots(State(state): State<AppState>) -> Response {
    let text = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /langue/\n\nSitemap: {}/sitemap.xml\n",
        state.base_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], text)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_is_listed_in_every_language_with_its_alternates() {
        let date = "2026-11-20T09:30:00Z".parse().unwrap();
        let pages = [Page { path: "/commerces?categorie=boulangerie".into(), lastmod: Some(date) }];
        let xml = document("https://v.example", &pages);
        assert_eq!(xml.matches("<url>").count(), 3);
        assert!(xml.contains("<loc>https://v.example/nl/commerces?categorie=boulangerie</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20T09:30:00Z</lastmod>"));
        assert!(xml.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://v.example/commerces?categorie=boulangerie\"/>"
        ));
        let home = document("https://v.example", &[Page { path: "/".into(), lastmod: None }]);
        assert!(home.contains("<loc>https://v.example/</loc>") && home.contains("<loc>https://v.example/en</loc>"));
        assert!(escape("a&b<c") == "a&amp;b&lt;c");
    }

    #[test]
    fn past_one_file_the_sitemap_is_an_index_of_files() {
        let day = |d: u32| Some(format!("2026-11-{d:02}T09:00:00Z").parse().unwrap());
        let pages: Vec<Page> = (1..=5).map(|i| Page { path: format!("/commerces/shop-{i}"), lastmod: day(i) }).collect();
        let index = index_document("https://v.example", &pages, 2);
        assert_eq!(index.matches("<sitemap>").count(), 3, "5 pages in files of 2");
        assert!(index.contains("<sitemap><loc>https://v.example/sitemaps/1.xml</loc><lastmod>2026-11-02T09:00:00Z</lastmod></sitemap>"));
        assert!(index.contains("<loc>https://v.example/sitemaps/3.xml</loc><lastmod>2026-11-05T09:00:00Z</lastmod>"));
        assert!(index.starts_with("<?xml") && index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        assert!(PAGES_PER_FILE * Lang::ALL.len() <= 50_000, "a file holds at most 50,000 URLs");
    }
}
