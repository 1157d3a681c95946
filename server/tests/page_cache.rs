//! The page cache over HTTP, on a real server (port 0) over the demo town on SQLite, and
//! PostgreSQL too when `TEST_DATABASE_URL` is set:
//! - each page is kept compressed once per coding: a browser's `Accept-Encoding` gets brotli, a
//!   client that takes only gzip or zstd gets that, one that takes none gets the page as it is,
//!   q-values (`br;q=0`) are followed, and a hit's bytes are the stored copy's (one coding, the
//!   same bytes every time), with `Vary: Accept-Encoding` and a 304 as before;
//! - pages are keyed by the versions of the data areas they show: an offer leaves the cached
//!   directory listing alone and refreshes the feed, and a version that goes back (a restored
//!   backup) is followed.

#[path = "support/app.rs"]
mod harness;

use std::io::Read;
use std::time::Duration;

use harness::{eventually, on_every_backend, post, saturday_morning, Options, Post, TestApp};
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};

const BROWSER: &str = "gzip, deflate, br, zstd";

/// A GET as a browser in French asks it, with `accept_encoding` if any.
async fn get(server: &TestApp, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = server
        .client
        .get(format!("{}{path}", server.base))
        .header(header::ACCEPT_LANGUAGE, "fr-BE,fr;q=0.9")
        .header(header::ACCEPT, "text/html,application/xhtml+xml");
    if let Some(value) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, value);
    }
    request.send().await.unwrap()
}

fn header_values(response: &reqwest::Response, name: header::HeaderName) -> Vec<String> {
    response.headers().get_all(name).iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

fn cache_status(response: &reqwest::Response) -> String {
    header_values(response, header::HeaderName::from_static("cache-status")).join(", ")
}

/// The response's coding (asserting there is at most one), its body, and the body decoded.
async fn read(response: reqwest::Response) -> (Option<String>, Vec<u8>, String) {
    let codings = header_values(&response, header::CONTENT_ENCODING);
    assert!(codings.len() <= 1 && !codings.iter().any(|c| c.contains(',')), "one coding at most: {codings:?}");
    let length: Option<usize> =
        response.headers().get(header::CONTENT_LENGTH).map(|v| v.to_str().unwrap().parse().unwrap());
    let coding = codings.into_iter().next();
    let body = response.bytes().await.unwrap().to_vec();
    if let Some(length) = length {
        assert_eq!(length, body.len(), "Content-Length is the sent bytes'");
    }
    let mut decoded = Vec::new();
    match coding.as_deref() {
        None => decoded = body.clone(),
        Some("br") => drop(brotli::Decompressor::new(&body[..], 4096).read_to_end(&mut decoded).unwrap()),
        Some("gzip") => drop(flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut decoded).unwrap()),
        Some("zstd") => decoded = zstd::stream::decode_all(&body[..]).unwrap(),
        Some(other) => panic!("unexpected coding {other}"),
    }
    (coding, body, String::from_utf8(decoded).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_client_gets_the_cached_page_in_the_coding_it_accepts_copied_not_compressed_again() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        let first = get(&server, "/commerces", Some(BROWSER)).await;
        assert_eq!(cache_status(&first), "vitrine; fwd=uri-miss; stored", "{label}");
        let (coding, stored, page) = read(first).await;
        assert_eq!(coding.as_deref(), Some("br"), "{label}: a browser gets brotli");
        assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Boucherie Dubois"), "{label}");

        // A hit sends the stored bytes: one coding, the same bytes as the stored copy's.
        let hit = get(&server, "/commerces", Some(BROWSER)).await;
        assert_eq!(cache_status(&hit), "vitrine; hit", "{label}");
        assert!(header_values(&hit, header::VARY).join(",").to_ascii_lowercase().contains("accept-encoding"));
        let etag = hit.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(etag.starts_with("W/"), "{label}: one weak ETag for every coding");
        let (coding, body, decoded) = read(hit).await;
        assert_eq!(coding.as_deref(), Some("br"));
        assert_eq!(decoded, page, "{label}");
        // The brotli copy may have been upgraded to the best quality since: byte-identical to
        // the copy stored now, then, the same on every later hit.
        let again = read(get(&server, "/commerces", Some(BROWSER)).await).await;
        assert!(body == stored || body == again.1, "{label}: a hit's bytes are a stored copy's");
        assert_eq!(again.2, page);

        // Other clients, each from the same stored page.
        for (accept, wanted) in [
            (Some("gzip"), Some("gzip")),
            (Some("zstd"), Some("zstd")),
            (Some("gzip, deflate, br;q=0, zstd"), Some("zstd")),
            (Some("gzip;q=0.9, br;q=0.5, zstd;q=0"), Some("gzip")),
            (Some("br;q=0, gzip;q=0, zstd;q=0"), None),
            (Some("identity"), None),
            (None, None),
        ] {
            let response = get(&server, "/commerces", accept).await;
            assert_eq!(cache_status(&response), "vitrine; hit", "{label}: {accept:?}");
            assert!(header_values(&response, header::VARY).join(",").to_ascii_lowercase().contains("accept-encoding"));
            assert_eq!(response.headers()[header::ETAG].to_str().unwrap(), etag, "{label}: {accept:?}");
            let (coding, _, decoded) = read(response).await;
            assert_eq!(coding.as_deref(), wanted, "{label}: {accept:?}");
            assert_eq!(decoded, page, "{label}: {accept:?} decodes to the page");
        }

        // Revalidation as before: the ETag gets a 304 without a body or a coding.
        let revalidated = server
            .client
            .get(format!("{}/commerces", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr-BE")
            .header(header::ACCEPT_ENCODING, BROWSER)
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{label}");
        assert!(revalidated.headers().get(header::CONTENT_ENCODING).is_none(), "{label}");
        assert!(revalidated.bytes().await.unwrap().is_empty());

        // A page never cached (the follow form) is still compressed, once, by the compression layer.
        let form = get(&server, "/offres/suivre", Some(BROWSER)).await;
        assert_eq!(form.status(), StatusCode::OK, "{label}");
        assert!(form.headers().get("cache-status").is_none(), "{label}: not a cached page");
        let (coding, _, decoded) = read(form).await;
        assert!(coding.is_some(), "{label}: compressed on the way out");
        assert!(decoded.contains("</html>"), "{label}");
    })
    .await;
}

/// Requests `path` until its page contains `text` (the instance reads the data versions at most
/// once a second); that response's cache status and page.
async fn until_shown(server: &TestApp, path: &str, text: &str) -> (String, String) {
    let what = format!("{}: {path} shows {text:?}", server.label);
    eventually(Duration::from_secs(10), &what, move || async move {
        let response = get(server, path, Some(BROWSER)).await;
        let status = cache_status(&response);
        let (_, _, page) = read(response).await;
        page.contains(text).then_some((status, page))
    })
    .await
}

async fn directory_version(server: &TestApp) -> i64 {
    let backend = server.db.get_database_backend();
    let row = server
        .db
        .query_one_raw(Statement::from_string(backend, "SELECT version FROM data_version WHERE id = 1"))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "version").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_leaves_the_cached_directory_listing_and_refreshes_the_feed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        for path in ["/commerces", "/offres", "/"] {
            get(&server, path, Some(BROWSER)).await;
            assert_eq!(cache_status(&get(&server, path, Some(BROWSER)).await), "vitrine; hit", "{label}: {path}");
        }
        let directory = directory_version(&server).await;
        let shop = server.shops().await[0].id;
        post(&server.db, Post::live(shop, "Trois croissants pour deux", saturday_morning())).await;
        assert_eq!(directory_version(&server).await, directory, "{label}: an offer is not a directory write");

        let (status, _) = until_shown(&server, "/offres", "Trois croissants pour deux").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: the feed is rendered again");
        let (status, _) = until_shown(&server, "/", "Trois croissants pour deux").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: the home page lists offers");
        let listing = get(&server, "/commerces", Some(BROWSER)).await;
        assert_eq!(cache_status(&listing), "vitrine; hit", "{label}: the directory listing stays cached");
        assert_eq!(cache_status(&get(&server, "/offres", Some(BROWSER)).await), "vitrine; hit", "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_write_refreshes_the_shops_pages_and_leaves_the_directory_and_the_feed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        // The first of the shop's window (by name), so its business page shows it.
        let product = entity::product::Entity::find()
            .filter(entity::product::Column::BusinessId.eq(1))
            .order_by_asc(entity::product::Column::SortName)
            .one(&server.db)
            .await
            .unwrap()
            .unwrap();
        let shop = server.shops().await.into_iter().find(|b| b.id == 1).unwrap();
        let product_page = format!("/commerces/{}/produits/{}", shop.slug, product.id);
        let business_page = format!("/commerces/{}", shop.slug);
        // The searches of the word the write brings: every shop's products, and the directory,
        // which offers the products its words find.
        let searches = ["/produits?q=zanzibar", "/commerces?q=zanzibar"];
        for path in ["/commerces", "/offres", product_page.as_str(), business_page.as_str(), searches[0], searches[1]] {
            get(&server, path, Some(BROWSER)).await;
            assert_eq!(cache_status(&get(&server, path, Some(BROWSER)).await), "vitrine; hit", "{label}: {path}");
        }
        let directory = directory_version(&server).await;
        server
            .db
            .execute_unprepared(&format!("UPDATE products SET name_fr = 'Tarte Zanzibar renommée' WHERE id = {}", product.id))
            .await
            .unwrap();
        assert_eq!(directory_version(&server).await, directory, "{label}: a product is not a directory write");
        let (status, _) = until_shown(&server, &product_page, "Tarte Zanzibar renommée").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: the product's page is rendered again");
        for path in ["/commerces", "/offres"] {
            assert_eq!(cache_status(&get(&server, path, Some(BROWSER)).await), "vitrine; hit", "{label}: {path} stays cached");
        }
        let (status, _) = until_shown(&server, &business_page, "Tarte Zanzibar renommée").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: the shop's window too");
        for path in searches {
            let (status, _) = until_shown(&server, path, "Tarte Zanzibar renommée").await;
            assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: {path} finds it");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_version_that_goes_back_is_followed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        let path = "/commerces/boucherie-dubois";
        get(&server, path, Some(BROWSER)).await;
        assert_eq!(cache_status(&get(&server, path, Some(BROWSER)).await), "vitrine; hit", "{label}");
        get(&server, "/commerces?q=dubois", None).await;

        // A backup taken earlier is restored: other data, and a lower version than the one seen.
        let before = directory_version(&server).await;
        server
            .db
            .execute_unprepared(
                "UPDATE businesses SET name = 'Boucherie Dubois restaurée' WHERE slug = 'boucherie-dubois'",
            )
            .await
            .unwrap();
        server
            .db
            .execute_unprepared(&format!("UPDATE data_version SET version = {} WHERE id = 1", before - 3))
            .await
            .unwrap();

        let (status, _) = until_shown(&server, path, "Boucherie Dubois restaurée").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}: the next request renders the page again");
        let (_, _, page) = read(get(&server, path, Some(BROWSER)).await).await;
        assert!(page.contains("Boucherie Dubois restaurée"), "{label}");
        assert_eq!(cache_status(&get(&server, path, Some(BROWSER)).await), "vitrine; hit", "{label}: and keeps it");
        let (status, _) = until_shown(&server, "/commerces?q=dubois", "Boucherie Dubois restaurée").await;
        assert_eq!(status, "vitrine; fwd=uri-miss; stored", "{label}");
    })
    .await;
}

/// Every header of a response but those of one request (date, id, cache verdict, length), for
/// comparing a hit with the response that stored it.
fn page_headers(response: &reqwest::Response) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "date" | "x-request-id" | "cache-status" | "content-length"))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_string()))
        .collect();
    headers.sort();
    headers
}

/// Hits are answered before the middleware stack (server/src/http/hits.rs): they must send
/// exactly what the stack sent when it stored the page, and leave to the stack every request
/// it would answer otherwise: a language redirect, a signed-in visitor, an unreadable query.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hit_answered_before_the_stack_is_what_the_stack_answered() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        for path in ["/commerces", "/nl/commerces/boucherie-dubois", "/commerces/does-not-exist"] {
            let stored = get(&server, path, Some(BROWSER)).await;
            assert!(cache_status(&stored).ends_with("stored"), "{label} {path}: {}", cache_status(&stored));
            let hit = get(&server, path, Some(BROWSER)).await;
            assert_eq!(cache_status(&hit), "vitrine; hit", "{label} {path}");
            assert_eq!(hit.status(), stored.status(), "{label} {path}");
            let (stored_headers, hit_headers) = (page_headers(&stored), page_headers(&hit));
            assert_eq!(hit_headers, stored_headers, "{label} {path}: the same headers");
            for name in ["content-security-policy", "x-frame-options", "etag", "vary", "content-encoding"] {
                assert!(hit_headers.iter().any(|(n, _)| n == name), "{label} {path}: {name}");
            }
            assert!(hit.headers().contains_key("x-request-id"), "{label} {path}: logged as any request");
            assert_eq!(read(hit).await.2, read(stored).await.2, "{label} {path}: the same page");
        }

        // A Dutch browser asking for the French URL is sent to Dutch, cached copy or not.
        let dutch = server
            .client
            .get(format!("{}/commerces", server.base))
            .header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9")
            .send()
            .await
            .unwrap();
        assert_eq!(dutch.status(), StatusCode::FOUND, "{label}");
        assert_eq!(dutch.headers()[header::LOCATION], "/nl/commerces", "{label}");

        // A session cookie (even a stale one) is never served the shared copy.
        let signed = server
            .client
            .get(format!("{}/commerces", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr-BE")
            .header(header::COOKIE, "vitrine_session=not-a-session")
            .send()
            .await
            .unwrap();
        assert!(cache_status(&signed).contains("detail=private"), "{label}: {}", cache_status(&signed));

        // A query the edge refuses stays refused when a copy with the same decoded key exists:
        // `%FF` (not UTF-8) decodes to the replacement character, which `%EF%BF%BD` spells.
        let readable = get(&server, "/commerces?q=%EF%BF%BD", Some(BROWSER)).await;
        assert_eq!(readable.status(), StatusCode::OK, "{label}");
        assert_eq!(cache_status(&get(&server, "/commerces?q=%EF%BF%BD", Some(BROWSER)).await), "vitrine; hit");
        let unreadable = get(&server, "/commerces?q=%FF", Some(BROWSER)).await;
        assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST, "{label}");

        // A trailing slash is redirected by the edge, not served the copy.
        let slash = get(&server, "/commerces/", Some(BROWSER)).await;
        assert_eq!(slash.status(), StatusCode::MOVED_PERMANENTLY, "{label}");
    })
    .await;
}
