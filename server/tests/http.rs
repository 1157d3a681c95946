//! The HTTP surface on a real server (port 0) over a real database: page statuses, bad input,
//! language negotiation, validators, server functions and the cross-site write guard. Runs on
//! SQLite, and on PostgreSQL too when `TEST_DATABASE_URL` is set.
//!
//! The tests run on tokio's multi-thread runtime, like the server itself. Pages that now and then
//! never finished rendering were not caused by the runtime: a Leptos route listing in one test
//! raced another test's renders (leptos-rs/leptos#4773); routes are now listed once per process.
//! `current_thread.rs` reproduces it and explains the mechanism.

use std::path::PathBuf;

use harness::{eventually, on_every_backend, saturday_morning, Options, TestApp, CACHE_FOLLOWS, MERCHANT};
use reqwest::{header, Client, StatusCode};
use sea_orm::DatabaseConnection;

#[path = "support/app.rs"]
mod harness;
#[path = "support/png.rs"]
mod png;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_with_honest_statuses() {
    on_every_backend(Options::demo(), |server| async move {
        let long_query = format!("/commerces?q={}", "a".repeat(10_000));
        for (path, status) in [
            ("/", 200),
            ("/commerces", 200),
            ("/commerces?q=patisserie&categorie=boulangerie&ouvert=1", 200),
            ("/commerces/le-cafe-des-carriers", 200),
            ("/nl/commerces/le-cafe-des-carriers", 200),
            ("/commerces/does-not-exist", 404),
            ("/nowhere", 404),
            ("/commerces?page=0", 400),
            ("/commerces?page=abc", 400),
            ("/commerces?page=1000000000", 404),
            ("/commerces?page=99999999999999999999", 404),
            ("/commerces?categorie=licornes", 400),
            ("/commerces?categorie=%3Cscript%3E", 400),
            (long_query.as_str(), 400),
        ] {
            let response = server.get(path).await;
            assert_eq!(response.status().as_u16(), status, "{}: {path}", server.label);
            if path.len() < 200 {
                let body = response.text().await.unwrap();
                assert!(body.contains("<html lang="), "{}: {path} is a full page", server.label);
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_explain_themselves_in_the_page_language() {
    on_every_backend(Options::demo(), |server| async move {
        let body = server.get("/commerces?page=0").await.text().await.unwrap();
        assert!(body.contains("Le numéro de page doit être un nombre entier positif."), "{}", server.label);
        let body = server.get("/en/commerces?categorie=licornes").await.text().await.unwrap();
        assert!(body.contains("This category does not exist."), "{}", server.label);
        let body = server.get("/nl/commerces?page=9").await.text().await.unwrap();
        assert!(body.contains("Deze resultaatpagina bestaat niet: er zijn 4 pagina"), "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn business_page_carries_structured_data_and_sharing_tags() {
    on_every_backend(Options::demo(), |server| async move {
        let body = server.get("/commerces/le-cafe-des-carriers").await.text().await.unwrap();
        assert!(body.contains("<script type=\"application/ld+json\">"), "{}", server.label);
        assert!(body.contains("\"openingHoursSpecification\""));
        assert!(body.contains("property=\"og:title\""));
        assert!(body.contains(&format!("href=\"{}/commerces/le-cafe-des-carriers\" rel=\"canonical\"", server.base)));
        assert!(body.contains("hreflang=\"nl\""));
        assert!(body.contains("href=\"tel:+3267334755\""), "{}", server.label);
        // Leptos's `<!>` placeholders are written as regular empty comments.
        assert!(!body.contains("<!>"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_visit_follows_accept_language_then_the_remembered_choice() {
    on_every_backend(Options::demo(), |server| async move {
        let url = format!("{}/commerces?q=pain", server.base);
        let dutch = server.client.get(&url).header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9").send().await.unwrap();
        assert_eq!(dutch.status(), StatusCode::FOUND, "{}", server.label);
        assert_eq!(dutch.headers()[header::LOCATION], "/nl/commerces?q=pain");
        // Choosing French in the switcher remembers it, even for a Dutch-speaking browser.
        let choose = server.client.get(format!("{}/langue/fr/commerces?q=pain", server.base)).send().await.unwrap();
        assert_eq!(choose.status(), StatusCode::FOUND);
        assert_eq!(choose.headers()[header::LOCATION], "/commerces?q=pain");
        let cookie = choose.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        assert_eq!(cookie, "vitrine_lang=fr");
        let french = server
            .client
            .get(&url)
            .header(header::ACCEPT_LANGUAGE, "nl-BE")
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(french.status(), StatusCode::OK);
        assert!(french.headers()[header::VARY].to_str().unwrap().contains("Accept-Language"));
        // A Dutch link opens in Dutch whatever the browser says.
        let shared = server
            .client
            .get(format!("{}/nl/commerces", server.base))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(shared.status(), StatusCode::OK);
        assert!(
            shared.headers().get(header::SET_COOKIE).is_none(),
            "{}: visiting a Dutch page sets no cookie",
            server.label
        );
        assert!(shared.text().await.unwrap().contains("<html lang=\"nl\""));
        // The switcher to Dutch keeps the page and its filters.
        let to_dutch = server.client.get(format!("{}/langue/nl/commerces?q=pain", server.base)).send().await.unwrap();
        assert_eq!(to_dutch.headers()[header::LOCATION], "/nl/commerces?q=pain");
        assert!(to_dutch.headers()[header::SET_COOKIE].to_str().unwrap().starts_with("vitrine_lang=nl;"));
        let unknown = server.get("/langue/de/commerces").await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        assert!(unknown.text().await.unwrap().contains("<h1>Page introuvable</h1>"), "a translated page");
        // `/fr/…` is the unprefixed page, permanently, and remembers nothing.
        let prefixed = server.client.get(format!("{}/fr/commerces?q=pain", server.base)).send().await.unwrap();
        assert_eq!(prefixed.status(), StatusCode::MOVED_PERMANENTLY);
        assert_eq!(prefixed.headers()[header::LOCATION], "/commerces?q=pain");
        assert!(prefixed.headers().get(header::SET_COOKIE).is_none());
        // No open redirect through the French prefix or the switcher.
        let sneaky = server.client.get(format!("{}/fr//evil.example", server.base)).send().await.unwrap();
        assert_eq!(sneaky.headers()[header::LOCATION], "/");
        let sneaky = server.client.get(format!("{}/langue/nl//evil.example", server.base)).send().await.unwrap();
        assert_eq!(sneaky.headers()[header::LOCATION], "/nl");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_have_validators_and_unchanged_pages_cost_nothing() {
    on_every_backend(Options::demo(), |server| async move {
        let first = server.get("/commerces/boucherie-dubois").await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let again = server
            .client
            .get(format!("{}/commerces/boucherie-dubois", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr")
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{}", server.label);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = server.get("/commerces/patisserie-lemaire").await;
        assert_ne!(other.headers()[header::ETAG].to_str().unwrap(), etag);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_is_compressed_for_browsers_that_ask() {
    on_every_backend(Options::demo(), |server| async move {
        let response = server
            .client
            .get(format!("{}/commerces", server.base))
            .header(header::ACCEPT_LANGUAGE, "fr")
            .header(header::ACCEPT_ENCODING, "br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br", "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_functions_answer_json_and_typed_errors() {
    on_every_backend(Options::demo(), |server| async move {
        let response = server.get("/api/businesses?lang=Fr&q=BOUCHERIE").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", server.label);
        let page: serde_json::Value = response.json().await.unwrap();
        // The cards come as the server's HTML (app::components::business_card), not as data.
        assert!(page["cards_html"].as_str().unwrap().contains(">Boucherie Dubois</a>"), "{}", server.label);
        assert!(page.get("items").is_none(), "{}", server.label);
        let response = server.get("/api/business?lang=Nl&slug=nope").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{}", server.label);
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error, serde_json::json!("NotFound"), "{}", server.label);
        let response = server.get("/api/businesses?lang=Fr&page=0").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error, serde_json::json!({"BadQuery": "BadPage"}));
        let response = server.get("/api/businesses?lang=Fr&page=9").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{}: past the last page", server.label);
        // Arguments that do not decode are the caller's mistake, not ours.
        for bad in ["/api/business?lang=Klingon&slug=x", "/api/business?lang=Fr", "/api/businesses?nonsense"] {
            let response = server.get(bad).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{}: {bad}", server.label);
            let error: serde_json::Value = response.json().await.unwrap();
            assert_eq!(error, serde_json::json!("BadRequest"), "{bad}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_writes_are_refused() {
    on_every_backend(Options::demo(), |server| async move {
        let response = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header("Sec-Fetch-Site", "cross-site")
            .header(header::ORIGIN, "https://evil.example")
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", server.label);
        let response = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header(header::ORIGIN, "https://evil.example")
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", server.label);
        // The same request from our own origin passes the guard (and then meets the server
        // function, which only answers GET: 405, not the guard's 403).
        for (fetch_site, origin) in [(Some("same-origin"), server.base.as_str()), (None, server.base.as_str())] {
            let mut request =
                server.client.post(format!("{}/api/businesses", server.base)).header(header::ORIGIN, origin);
            if let Some(site) = fetch_site {
                request = request.header("Sec-Fetch-Site", site);
            }
            let response = request.body("lang=Fr").send().await.unwrap();
            assert_ne!(response.status(), StatusCode::FORBIDDEN, "{}: same origin", server.label);
            assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{}: same origin", server.label);
        }
    })
    .await;
}

/// The guard trusts the configured public URL, not the `Host` header a client or proxy sets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_write_guard_compares_with_the_public_url_not_the_host() {
    on_every_backend(Options::demo().public_url("https://vitrine.example"), |server| async move {
        let address = server.base.trim_start_matches("http://").to_string();
        let forged = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header(header::ORIGIN, format!("http://{address}"))
            .header(header::HOST, &address)
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), StatusCode::FORBIDDEN, "{}: Origin equal to Host is not enough", server.label);
        let ours = server
            .client
            .post(format!("{}/api/businesses", server.base))
            .header(header::ORIGIN, "https://vitrine.example")
            .body("lang=Fr")
            .send()
            .await
            .unwrap();
        assert_eq!(ours.status(), StatusCode::METHOD_NOT_ALLOWED, "{}", server.label);
        // HTTPS public URL: browsers are told to keep to HTTPS.
        let page = server.get("/").await;
        assert_eq!(page.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=63072000");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_pages_follow_changes_of_the_data_within_a_second() {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    on_every_backend(Options::demo(), |server| async move {
        let before = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
        assert!(before.contains("Boucherie Dubois"));
        let again = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
        assert_eq!(before, again, "{}: the same page twice", server.label);
        // Another instance (or a merchant) renames the shop.
        let model = entity::business::Entity::find()
            .filter(entity::business::Column::Slug.eq("boucherie-dubois"))
            .one(&server.db)
            .await
            .unwrap()
            .unwrap();
        let mut active: entity::business::ActiveModel = model.into();
        active.name = Set("Boucherie Dubois & Fils".into());
        active.update(&server.db).await.unwrap();
        let server = &server;
        let after = eventually(CACHE_FOLLOWS, "the page shows the new name", move || async move {
            let page = server.get("/commerces/boucherie-dubois").await.text().await.unwrap();
            page.contains("Boucherie Dubois &amp; Fils").then_some(page)
        })
        .await;
        assert!(after.contains("Boucherie Dubois &amp; Fils"), "{}: the page shows the new name", server.label);
        let list = server.get("/commerces?q=dubois").await.text().await.unwrap();
        assert!(list.contains("Boucherie Dubois &amp; Fils"), "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_security_headers_and_a_request_id() {
    on_every_backend(Options::demo(), |server| async move {
        let page = server.get("/commerces/boucherie-dubois").await;
        let headers = page.headers().clone();
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{}: {policy}", server.label);
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        // The shell's loader (the page's one module script) is among the allowed hashes, or the
        // page would never hydrate; headers.rs's unit tests show that no other head script is.
        let html = page.text().await.unwrap();
        let loader = html.split(r#"<script type="module">"#).nth(1).and_then(|rest| rest.split("</script>").next());
        let loader = loader.expect("the page carries its hydration loader");
        let loader_hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader.as_bytes()))
        };
        assert!(
            policy.contains(&format!("'sha256-{loader_hash}'")),
            "{}: the loader is allowed: {policy}",
            server.label
        );
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"));
        assert!(headers["permissions-policy"].to_str().unwrap().contains("geolocation=()"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "no HSTS over plain HTTP");
        let id = headers["x-request-id"].to_str().unwrap();
        let (process, counter) = id.split_once('-').unwrap();
        assert!(process.len() == 16 && u64::from_str_radix(counter, 16).is_ok(), "<process>-<counter>: {id}");
        let next = server.get("/").await.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_ne!(next, id, "each request has its own id");
        // The policy is part of the page: the same bytes, the same policy, the same ETag.
        let again = server.get("/commerces/boucherie-dubois").await;
        assert_eq!(again.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap(), policy);
        assert_eq!(again.headers()[header::ETAG], headers[header::ETAG]);
        // A proxy's request id is kept when it is a plain token, replaced otherwise.
        let traced =
            server.client.get(format!("{}/", server.base)).header("x-request-id", "lb-42").send().await.unwrap();
        assert_eq!(traced.headers()["x-request-id"], "lb-42");
        let forged =
            server.client.get(format!("{}/", server.base)).header("x-request-id", "a b\" x=1").send().await.unwrap();
        assert_ne!(forged.headers()["x-request-id"], "a b\" x=1");
        // JSON answers may not run anything; media files are sandboxed.
        let api = server.get("/api/businesses?lang=Fr").await;
        assert!(api.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'none'"));
        let media = server.get("/media/nothing-here.svg").await;
        let media_policy = media.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(media_policy.contains("sandbox") && media_policy.contains("default-src 'none'"), "{media_policy}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_are_refused_at_the_edge_on_every_database() {
    on_every_backend(Options::demo(), |server| async move {
        for path in [
            "/commerces/caf%00e",
            "/nl/commerces/boucherie%0Adubois",
            "/commerces?q=pain%00",
            "/commerces?q=%1B%5B31m",
            "/commerces/%FF%FE",
            "/%5Cevil.example/",
            "/fr/%5Cevil.example",
        ] {
            let response = server.get(path).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{}: {path}", server.label);
            let body = response.text().await.unwrap();
            assert!(
                body.contains("<h1>Requête illisible</h1>") || body.contains("<h1>Onleesbaar verzoek</h1>"),
                "{body}"
            );
        }
        let english = server.get("/en/commerces/x%7F").await;
        assert!(english.text().await.unwrap().contains("Unreadable request"));
        let api = server.get("/api/business?lang=Fr&slug=a%00b").await;
        assert_eq!(api.status(), StatusCode::BAD_REQUEST, "{}", server.label);
        assert_eq!(api.json::<serde_json::Value>().await.unwrap(), serde_json::json!("BadRequest"));
        // Accents and encoded punctuation are ordinary input.
        assert_eq!(server.get("/commerces?q=p%C3%A2tisserie%20%26%20caf%C3%A9").await.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trailing_slashes_redirect_and_bodies_have_limits() {
    on_every_backend(Options::demo(), |server| async move {
        for (from, to) in [
            ("/nl/", "/nl"),
            ("/en/", "/en"),
            ("/commerces/", "/commerces"),
            ("/commerces/?q=pain&page=2", "/commerces?q=pain&page=2"),
            ("/nl/commerces/boucherie-dubois/", "/nl/commerces/boucherie-dubois"),
            ("//evil.example/", "/evil.example"),
        ] {
            let response = server.get(from).await;
            assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{}: {from}", server.label);
            assert_eq!(response.headers()[header::LOCATION], to, "{from}");
        }
        let big = "lang=Fr&q=".to_string() + &"x".repeat(100_000);
        let response = server.client.post(format!("{}/api/businesses", server.base)).body(big).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{}", server.label);
        assert_eq!(
            response.json::<serde_json::Value>().await.unwrap(),
            serde_json::json!({"TooLarge": {"limit": 65536}})
        );
    })
    .await;
}

fn cache_status(response: &reqwest::Response) -> String {
    response.headers()["cache-status"].to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_cache_serves_shared_pages_and_never_personal_ones() {
    on_every_backend(Options::demo(), |server| async move {
        let first = server.get("/commerces?q=boulangerie").await;
        assert_eq!(cache_status(&first), "vitrine; fwd=uri-miss; stored", "{}", server.label);
        let second = server.get("/commerces?q=boulangerie").await;
        assert_eq!(cache_status(&second), "vitrine; hit", "{}", server.label);
        // The same parameters in another order, or encoded otherwise, are the same page.
        let reordered = server.get("/commerces?q=boulangerie&page=1").await;
        assert_eq!(cache_status(&reordered), "vitrine; fwd=uri-miss; stored");
        assert_eq!(cache_status(&server.get("/commerces?page=1&q=boulangerie").await), "vitrine; hit");
        // A parameter the page does not read goes to the canonical URL instead of a new entry.
        let busting = server.get("/commerces?q=boulangerie&x=12345").await;
        assert_eq!(busting.status(), StatusCode::MOVED_PERMANENTLY, "{}", server.label);
        assert_eq!(busting.headers()[header::LOCATION], "/commerces?q=boulangerie");
        // A visitor with a session gets their own page, marked private, and it is not stored.
        let personal = server
            .client
            .get(format!("{}/commerces?q=boulangerie", server.base))
            .header(header::COOKIE, "vitrine_lang=fr; vitrine_session=abc")
            .send()
            .await
            .unwrap();
        assert_eq!(cache_status(&personal), "vitrine; fwd=bypass; detail=private");
        assert_eq!(personal.headers()[header::CACHE_CONTROL], "private, no-cache");
        // Every language's pages say what they vary on.
        let dutch = server.get("/nl/commerces").await;
        assert_eq!(dutch.headers()[header::VARY].to_str().unwrap().split(',').next().unwrap().trim(), "Cookie");
        let french = server.get("/commerces").await;
        assert!(french.headers()[header::VARY].to_str().unwrap().starts_with("Accept-Language, Cookie"));
    })
    .await;
    on_every_backend(Options::demo().page_cache(false), |server| async move {
        server.get("/commerces?q=boulangerie").await;
        let again = server.get("/commerces?q=boulangerie").await;
        assert_eq!(cache_status(&again), "vitrine; fwd=bypass; detail=off", "{}", server.label);
        assert_eq!(again.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_misses_of_one_page_render_it_once() {
    on_every_backend(Options::demo(), |server| async move {
        let requests = (0..16).map(|_| server.get("/commerces?q=fleur"));
        let responses = futures_util::future::join_all(requests).await;
        let statuses: Vec<String> = responses.iter().map(cache_status).collect();
        let stored = statuses.iter().filter(|s| s.ends_with("stored")).count();
        assert_eq!(stored, 1, "{}: one render, the others wait or hit: {statuses:?}", server.label);
        assert!(responses.iter().all(|r| r.status() == StatusCode::OK));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canonical_and_alternate_links_share_the_normalised_query() {
    on_every_backend(Options::demo(), |server| async move {
        let body = server.get("/nl/commerces?q=+pain+&ouvert=on&categorie=").await.text().await.unwrap();
        let canonical = format!("href=\"{}/nl/commerces?q=pain&amp;ouvert=1\" rel=\"canonical\"", server.base);
        assert!(body.contains(&canonical), "{}: {canonical}", server.label);
        for (lang, path) in
            [("fr", "/commerces"), ("nl", "/nl/commerces"), ("en", "/en/commerces"), ("x-default", "/commerces")]
        {
            let href = format!("href=\"{}{path}?q=pain&amp;ouvert=1\"", server.base);
            let hreflang = format!("hreflang=\"{lang}\"");
            let found = body.split("<link").any(|tag| {
                let tag = tag.split('>').next().unwrap_or("");
                tag.contains("rel=\"alternate\"") && tag.contains(&href) && tag.contains(&hreflang)
            });
            assert!(found, "{}: {hreflang} {href} in {body}", server.label);
        }
        assert!(body.contains(&format!("data-public-url=\"{}\"", server.base)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sitemap_lists_every_public_page_in_three_languages() {
    on_every_backend(Options::demo(), |server| async move {
        let response = server.get("/sitemap.xml").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", server.label);
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/xml"));
        let etag = response.headers()[header::ETAG].to_str().unwrap().to_string();
        let xml = response.text().await.unwrap();
        use sea_orm::{EntityTrait, PaginatorTrait};
        let businesses: u64 = entity::business::Entity::find().count(&server.db).await.unwrap();
        for lang_prefix in ["", "/nl", "/en"] {
            let loc = format!("<loc>{}{lang_prefix}/commerces/boucherie-dubois</loc>", server.base);
            assert!(xml.contains(&loc), "{}: {loc}", server.label);
        }
        // A business page's link, not one of its products' pages (issue 13).
        let business_urls = xml
            .match_indices("/commerces/")
            .filter(|(at, _)| !xml[*at..].split(['<', '"']).next().unwrap_or_default().contains("/produits"))
            .count();
        // Each business: 3 <loc> and 4 alternates per <url>, 3 <url>s.
        assert_eq!(business_urls as u64, businesses * 3 * 5, "{}", server.label);
        // The shops' products (issue 13): each visible product's page, in each language.
        let product = entity::product::Entity::find().one(&server.db).await.unwrap().unwrap();
        let shop = entity::business::Entity::find_by_id(product.business_id).one(&server.db).await.unwrap().unwrap();
        for lang_prefix in ["", "/nl", "/en"] {
            let loc = format!("<loc>{}{lang_prefix}/commerces/{}/produits/{}</loc>", server.base, shop.slug, product.id);
            assert!(xml.contains(&loc), "{}: {loc}", server.label);
        }
        assert!(xml.contains("<lastmod>"));
        assert!(xml.contains("categorie=boulangerie</loc>"));
        // The offers feed and the demo town's live offers (issue 8); scheduled and ended ones not.
        assert!(xml.contains(&format!("<loc>{}/nl/offres</loc>", server.base)), "{}", server.label);
        let live = domain::sitemap::offer_entries(&server.db, saturday_morning()).await.unwrap();
        assert!(!live.is_empty(), "the demo town has live offers");
        for (id, _) in &live {
            assert!(xml.contains(&format!("<loc>{}/offres/{id}</loc>", server.base)), "{}: offer {id}", server.label);
        }
        let all_offers: u64 = entity::offer::Entity::find().count(&server.db).await.unwrap();
        assert!((live.len() as u64) < all_offers, "scheduled and ended offers are left out");
        // Each live offer: 3 <url>s of 1 <loc> and 4 alternates.
        assert_eq!(xml.matches("/offres/").count(), live.len() * 3 * 5, "{}", server.label);
        // Unchanged data: 304.
        let again = server
            .client
            .get(format!("{}/sitemap.xml", server.base))
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let robots = server.get("/robots.txt").await.text().await.unwrap();
        assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", server.base)), "{robots}");
    })
    .await;
}

// ---- Accounts and sessions (issue 7) ----

/// A session made through one instance is served by another on the same database, and "log out
/// everywhere" through the second ends it on the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_instance_works_on_another_and_ends_everywhere() {
    on_every_backend(Options::demo(), |a| async move {
        domain::seed::demo_accounts(&a.db, saturday_morning()).await.unwrap();
        let other = a.another_instance().await;
        let (b_base, b) = (other.base.clone(), other.client.clone());
        let (cookie, response) = a.try_log_in(MERCHANT.0, MERCHANT.1).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{}", a.label);
        assert_eq!(response.headers()[header::LOCATION], "/tableau-de-bord", "{}", a.label);
        let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax") && set_cookie.contains("Path=/"),
            "{set_cookie}"
        );
        assert!(!set_cookie.contains("Secure"), "plain HTTP public URL: {set_cookie}");
        let cookie = cookie.expect("a session cookie");

        let me = b.get(format!("{b_base}/api/me")).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(me.status(), StatusCode::OK, "{}", a.label);
        assert!(me.text().await.unwrap().contains(MERCHANT.0));
        let dashboard =
            b.get(format!("{b_base}/tableau-de-bord")).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(dashboard.status(), StatusCode::OK, "{}", a.label);
        assert!(dashboard.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("private"));
        let html = dashboard.text().await.unwrap();
        assert!(html.contains("Pâtisserie Lemaire") && html.contains("Tout est correct"), "{}", a.label);

        let anonymous = b.get(format!("{b_base}/tableau-de-bord")).send().await.unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{}", a.label);
        assert!(!anonymous.text().await.unwrap().contains(MERCHANT.0));

        let everywhere = b
            .post(format!("{b_base}/api/log_out_everywhere"))
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, &b_base)
            .header(header::ACCEPT, "text/html")
            .form(&[("lang", "Fr")])
            .send()
            .await
            .unwrap();
        assert_eq!(everywhere.status(), StatusCode::FOUND, "{}", a.label);
        let after = a.client.get(format!("{}/api/me", a.base)).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "{}: ended on the other instance", a.label);
        // The dead cookie is removed, so the visitor's next public pages are shared again.
        assert!(after.headers()[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_are_throttled_across_instances_and_never_say_whether_an_address_exists() {
    on_every_backend(Options::demo(), |a| async move {
        domain::seed::demo_accounts(&a.db, saturday_morning()).await.unwrap();
        let other = a.another_instance().await;
        let (b_base, b) = (other.base.clone(), other.client.clone());
        let json = |r: reqwest::Response| async move { (r.status(), r.text().await.unwrap()) };
        let ask = |client: &Client, base: &str, email: &str, password: &str| {
            client
                .post(format!("{base}/api/log_in"))
                .header(header::ORIGIN, base)
                .form(&[("lang", "Fr"), ("email", email), ("password", password)])
                .send()
        };
        let wrong = json(ask(&a.client, &a.base, MERCHANT.0, "not my password at all").await.unwrap()).await;
        let unknown =
            json(ask(&a.client, &a.base, "nobody@demo.vitrine.be", "not my password at all").await.unwrap()).await;
        assert_eq!(wrong.0, StatusCode::UNAUTHORIZED, "{}", a.label);
        assert_eq!(wrong, unknown, "{}: the same answer", a.label);
        for _ in 0..4 {
            ask(&b, &b_base, MERCHANT.0, "not my password at all").await.unwrap();
        }
        let blocked = json(ask(&a.client, &a.base, MERCHANT.0, MERCHANT.1).await.unwrap()).await;
        assert_eq!(blocked.0, StatusCode::TOO_MANY_REQUESTS, "{}: {}", a.label, blocked.1);
    })
    .await;
}

/// An invitation to an address that already has an account: the page asks for that account's
/// password (no new-password field), and the link without it signs nobody in (422, no cookie).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_for_an_existing_account_asks_for_its_password() {
    on_every_backend(Options::demo(), |server| async move {
        let now = saturday_morning();
        domain::seed::demo_accounts(&server.db, now).await.unwrap();
        let admin = domain::accounts::find_by_email(&server.db, "admin@demo.vitrine.be").await.unwrap().unwrap();
        let admin = domain::accounts::actor_of(&admin);
        let role = domain::authz::Role::Staff;
        let invitation = domain::team::invite(
            &server.db,
            &server.state.mail,
            Some(&admin),
            2,
            MERCHANT.0,
            role,
            common::Lang::Fr,
            &server.base,
            now,
        )
        .await
        .unwrap();
        let page = server.get(&format!("/invitation/{}", invitation.token)).await.text().await.unwrap();
        assert!(page.contains(r#"name="password""#) && !page.contains(r#"name="new_password""#), "{}", server.label);
        let accept = |password: &'static str| {
            server
                .client
                .post(format!("{}/api/accept_invitation", server.base))
                .header(header::ORIGIN, &server.base)
                .form(&[("lang", "Fr"), ("token", invitation.token.as_str()), ("password", password)])
                .send()
        };
        let refused = accept("").await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", server.label);
        assert!(refused.headers().get(header::SET_COOKIE).is_none(), "{}: no session", server.label);
        assert!(refused.text().await.unwrap().contains("password_wrong"));
        let joined = accept(MERCHANT.1).await.unwrap();
        assert!(
            joined.status().is_success() || joined.status().is_redirection(),
            "{}: {}",
            server.label,
            joined.status()
        );
        assert!(joined.headers().get(header::SET_COOKIE).is_some(), "{}: signed in", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_logins_and_saves_are_refused() {
    on_every_backend(Options::demo(), |server| async move {
        domain::seed::demo_accounts(&server.db, saturday_morning()).await.unwrap();
        let (cookie, _) = server.try_log_in(MERCHANT.0, MERCHANT.1).await;
        let cookie = cookie.unwrap();
        for path in ["/api/log_in", "/api/confirm_listing", "/api/save_hours", "/api/log_out_everywhere"] {
            let response = server
                .client
                .post(format!("{}{path}", server.base))
                .header(header::COOKIE, &cookie)
                .header(header::ORIGIN, "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .form(&[("lang", "Fr"), ("business_id", "1")])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}: {path}", server.label);
        }
        let me =
            server.client.get(format!("{}/api/me", server.base)).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(me.status(), StatusCode::OK, "{}: still logged in", server.label);
    })
    .await;
}

/// A merchant's save shows on the public page of another instance within a second, and the
/// public page a logged-in merchant reads is never stored for the next visitor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merchants_save_reaches_every_instance_and_never_the_shared_cache() {
    on_every_backend(Options::demo(), |a| async move {
        domain::seed::demo_accounts(&a.db, saturday_morning()).await.unwrap();
        let other = a.another_instance().await;
        let (b_base, b) = (other.base.clone(), other.client.clone());
        let public = "/commerces/patisserie-lemaire";
        let first = b.get(format!("{b_base}{public}")).send().await.unwrap().text().await.unwrap();
        assert!(!first.contains("6:15"), "{}", a.label);
        let (cookie, _) = a.try_log_in(MERCHANT.0, MERCHANT.1).await;
        let cookie = cookie.unwrap();
        let merchant_view =
            a.client.get(format!("{}{public}", a.base)).header(header::COOKIE, &cookie).send().await.unwrap();
        assert!(cache_status(&merchant_view).starts_with("vitrine; fwd=bypass"), "{}", a.label);
        assert_eq!(merchant_view.headers()[header::CACHE_CONTROL], "private, no-store", "{}", a.label);
        let listing: serde_json::Value = a
            .client
            .get(format!("{}/api/listing?lang=Fr&business_id=1", a.base))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let version = listing["version"].as_i64().unwrap().to_string();
        let mut form = vec![("lang", "Fr".to_string()), ("business_id", "1".into()), ("version", version.clone())];
        for day in ["day0", "day1", "day2", "day3", "day4", "day5", "day6"] {
            form.push((day, "6:15-13:00".into()));
        }
        let save = a
            .client
            .post(format!("{}/api/save_hours", a.base))
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, &a.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(save.status(), StatusCode::OK, "{}: {}", a.label, save.text().await.unwrap());
        // The same form again (a second tab loaded before the save): refused, told why.
        let stale = a
            .client
            .post(format!("{}/api/save_hours", a.base))
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, &a.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::CONFLICT, "{}", a.label);
        let (b, b_base) = (&b, &b_base);
        let html = eventually(CACHE_FOLLOWS, "the other instance shows the new hours", move || async move {
            let html = b.get(format!("{b_base}{public}")).send().await.unwrap().text().await.unwrap();
            html.contains("6:15").then_some(html)
        })
        .await;
        assert!(html.contains("6:15"), "{}: the other instance shows the new hours", a.label);
        assert!(!html.contains(MERCHANT.0) && !html.contains("Tout est correct"), "{}", a.label);
        let again = b.get(format!("{b_base}{public}")).send().await.unwrap();
        assert_eq!(cache_status(&again), "vitrine; hit", "{}: public pages stay cached", a.label);
    })
    .await;
}

// ---- Statistics (issue 7, proof of value) ----

/// A desktop Chromium's user agent: what the counters count.
const BROWSER: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// The stored count of a kind for business 1 (Pâtisserie Lemaire) today.
async fn stored_count(db: &DatabaseConnection, kind: &str) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    entity::daily_count::Entity::find()
        .filter(entity::daily_count::Column::BusinessId.eq(1))
        .filter(entity::daily_count::Column::Kind.eq(kind))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.count)
        .sum()
}

/// A ping as Chromium sends it when a link with `ping` is followed (observed: same-origin
/// `Origin` and `Sec-Fetch-Site`, `text/ping`, body `PING`).
async fn ping(client: &Client, base: &str, path: &str, user_agent: &str) -> reqwest::Response {
    client
        .post(format!("{base}{path}"))
        .header(header::ORIGIN, base)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Sec-Fetch-Mode", "no-cors")
        .header(header::CONTENT_TYPE, "text/ping")
        .header("Ping-To", "tel:+3267331427")
        .header(header::USER_AGENT, user_agent)
        .body("PING")
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_count_business_page_views_cached_pages_too_but_not_robots() {
    on_every_backend(Options::demo(), |server| async move {
        let counting = server.another_instance().await;
        let (base, client, tally) = (counting.base.clone(), counting.client.clone(), counting.settings.stats.clone());
        let view = |path: &'static str, user_agent: &'static str| {
            let client = client.clone();
            let url = format!("{base}{path}");
            async move { client.get(url).header(header::USER_AGENT, user_agent).send().await.unwrap() }
        };
        let first = view("/commerces/patisserie-lemaire", BROWSER).await;
        assert_eq!(cache_status(&first), "vitrine; fwd=uri-miss; stored", "{}", server.label);
        let second = view("/commerces/patisserie-lemaire", BROWSER).await;
        assert_eq!(cache_status(&second), "vitrine; hit", "{}", server.label);
        assert_eq!(stored_count(&server.db, "view").await, 0, "{}: nothing written on the page's path", server.label);
        assert_eq!(tally.waiting(), 2, "{}", server.label);
        tally.flush(&server.db).await.unwrap();
        assert_eq!(stored_count(&server.db, "view").await, 2, "{}: the cached view counts", server.label);

        // Not views: robots, HEAD, prefetches, other pages, unknown businesses.
        for robot in ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", ""] {
            let response = view("/commerces/patisserie-lemaire", robot).await;
            assert_eq!(response.status(), StatusCode::OK, "{}: robots get the page", server.label);
        }
        let head = client
            .head(format!("{base}/commerces/patisserie-lemaire"))
            .header(header::USER_AGENT, BROWSER)
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        let prefetch = client
            .get(format!("{base}/commerces/patisserie-lemaire"))
            .header(header::USER_AGENT, BROWSER)
            .header("Sec-Purpose", "prefetch")
            .send()
            .await
            .unwrap();
        assert_eq!(prefetch.status(), StatusCode::OK);
        assert_eq!(view("/commerces/does-not-exist", BROWSER).await.status(), StatusCode::NOT_FOUND);
        view("/commerces", BROWSER).await;
        tally.flush(&server.db).await.unwrap();
        assert_eq!(stored_count(&server.db, "view").await, 2, "{}: robots and prefetches count 0", server.label);

        // Another language's page is the same business; a revisit the browser revalidates (304)
        // is a view too: the shopper asked for the page and saw it.
        view("/nl/commerces/patisserie-lemaire", BROWSER).await;
        let etag = second.headers()[header::ETAG].to_str().unwrap().to_string();
        let revisit = client
            .get(format!("{base}/commerces/patisserie-lemaire"))
            .header(header::USER_AGENT, BROWSER)
            .header(header::IF_NONE_MATCH, etag)
            .send()
            .await
            .unwrap();
        assert_eq!(revisit.status(), StatusCode::NOT_MODIFIED, "{}", server.label);
        tally.flush(&server.db).await.unwrap();
        assert_eq!(stored_count(&server.db, "view").await, 4, "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_a_ping_counts_a_click_and_unknown_ones_are_not_found() {
    on_every_backend(Options::demo(), |server| async move {
        let counting = server.another_instance().await;
        let (base, client, tally) = (counting.base.clone(), counting.client.clone(), counting.settings.stats.clone());
        let page = client
            .get(format!("{base}/commerces/patisserie-lemaire"))
            .header(header::USER_AGENT, BROWSER)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for kind in ["phone", "email", "website", "social", "directions"] {
            let attribute = format!("ping=\"{base}/ping/patisserie-lemaire/{kind}\"");
            assert!(page.contains(&attribute), "{}: {kind} link pings", server.label);
        }
        let response = ping(&client, &base, "/ping/patisserie-lemaire/phone", BROWSER).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{}", server.label);
        assert!(!response.headers().contains_key(header::SET_COOKIE), "no cookie");
        for (path, status) in [
            ("/ping/patisserie-lemaire/fax", StatusCode::NOT_FOUND),
            ("/ping/patisserie-lemaire/view", StatusCode::NOT_FOUND),
            ("/ping/does-not-exist/phone", StatusCode::NOT_FOUND),
            ("/ping/patisserie-lemaire", StatusCode::NOT_FOUND),
        ] {
            assert_eq!(ping(&client, &base, path, BROWSER).await.status(), status, "{}: {path}", server.label);
        }
        let get = client.get(format!("{base}/ping/patisserie-lemaire/phone")).send().await.unwrap();
        assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED, "{}", server.label);
        // A robot's ping is answered and not counted; another site's is refused by the write guard.
        let robot = ping(&client, &base, "/ping/patisserie-lemaire/phone", "python-requests/2.32").await;
        assert_eq!(robot.status(), StatusCode::NO_CONTENT);
        let forged = client
            .post(format!("{base}/ping/patisserie-lemaire/phone"))
            .header(header::ORIGIN, "https://evil.example")
            .header("Sec-Fetch-Site", "cross-site")
            .header(header::USER_AGENT, BROWSER)
            .body("PING")
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), StatusCode::FORBIDDEN, "{}", server.label);
        ping(&client, &base, "/ping/patisserie-lemaire/directions", BROWSER).await;
        tally.flush(&server.db).await.unwrap();
        assert_eq!(stored_count(&server.db, "phone").await, 1, "{}", server.label);
        assert_eq!(stored_count(&server.db, "directions").await, 1, "{}", server.label);
        assert_eq!(stored_count(&server.db, "view").await, 1, "{}: the page itself", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_the_owner_reads_the_counts_and_another_owner_is_refused() {
    use sea_orm::{ActiveModelTrait, Set};
    const OTHER_OWNER: (&str, &str) = ("proprietaire@deux.be", "le fromage affine dans la cave voutee");
    on_every_backend(Options::demo(), |server| async move {
        domain::seed::demo_accounts(&server.db, saturday_morning()).await.unwrap();
        let hash = domain::accounts::password::hash(OTHER_OWNER.1.to_owned()).await.unwrap();
        let other = entity::account::ActiveModel {
            email: Set(OTHER_OWNER.0.into()),
            password_hash: Set(hash),
            language: Set("fr".into()),
            is_admin: Set(false),
            created_at: Set(saturday_morning()),
            sessions_valid_after: Set(saturday_morning()),
            ..Default::default()
        }
        .insert(&server.db)
        .await
        .unwrap();
        entity::membership::ActiveModel {
            account_id: Set(other.id),
            business_id: Set(2),
            role: Set("owner".into()),
            created_at: Set(saturday_morning()),
            ..Default::default()
        }
        .insert(&server.db)
        .await
        .unwrap();

        let counting = server.another_instance().await;
        let (base, client, tally) = (counting.base.clone(), counting.client.clone(), counting.settings.stats.clone());
        for _ in 0..3 {
            client
                .get(format!("{base}/commerces/patisserie-lemaire"))
                .header(header::USER_AGENT, BROWSER)
                .send()
                .await
                .unwrap();
        }
        ping(&client, &base, "/ping/patisserie-lemaire/phone", BROWSER).await;
        tally.flush(&server.db).await.unwrap();

        let stats = |cookie: Option<String>, query: &'static str| {
            let client = client.clone();
            let url = format!("{base}/api/stats?{query}");
            async move {
                let mut request = client.get(url);
                if let Some(cookie) = cookie {
                    request = request.header(header::COOKIE, cookie);
                }
                request.send().await.unwrap()
            }
        };
        let (owner, _) = counting.try_log_in(MERCHANT.0, MERCHANT.1).await;
        let answer = stats(owner.clone(), "business_id=1&days=7").await;
        assert_eq!(answer.status(), StatusCode::OK, "{}", server.label);
        let view: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(view["series"][0]["kind"], "View");
        assert_eq!(view["series"][0]["total"], 3, "{}: {view}", server.label);
        assert_eq!(view["series"][0]["counts"][6], 3, "{}: today is the last day", server.label);
        assert_eq!(view["series"][1]["kind"], "Phone");
        assert_eq!(view["series"][1]["total"], 1, "{}", server.label);
        assert_eq!(view["days"].as_array().unwrap().len(), 7);
        // The owner's own visits to the page are not counted.
        client
            .get(format!("{base}/commerces/patisserie-lemaire"))
            .header(header::USER_AGENT, BROWSER)
            .header(header::COOKIE, owner.clone().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(tally.waiting(), 0, "{}: signed-in visits are not counted", server.label);
        assert_eq!(stats(owner.clone(), "business_id=1&days=8").await.status(), StatusCode::BAD_REQUEST);
        assert_eq!(stats(None, "business_id=1&days=7").await.status(), StatusCode::UNAUTHORIZED);

        let (other_cookie, _) = counting.try_log_in(OTHER_OWNER.0, OTHER_OWNER.1).await;
        assert!(other_cookie.is_some(), "{}: the other owner logs in", server.label);
        let refused = stats(other_cookie.clone(), "business_id=1&days=7").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{}", server.label);
        assert!(!refused.text().await.unwrap().contains("series"));
        assert_eq!(
            stats(other_cookie, "business_id=2&days=30").await.status(),
            StatusCode::OK,
            "{}: their own",
            server.label
        );

        // The statistics page itself, server-rendered for the owner.
        let page = client
            .get(format!("{base}/tableau-de-bord/1/statistiques?jours=7"))
            .header(header::COOKIE, owner.unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{}", server.label);
        let html = page.text().await.unwrap();
        assert!(html.contains("role=\"img\"") && html.contains("<table"), "{}: charts with their tables", server.label);
    })
    .await;
}

/// The town console answers administrators only: the demo admin sees every business and can
/// unpublish one (which the public directory then hides); the demo merchant is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_for_administrators_only() {
    const ADMIN: (&str, &str) = ("admin@demo.vitrine.be", "demo-admin-vitrine-soignies");
    on_every_backend(Options::demo(), |server| async move {
        domain::seed::demo_accounts(&server.db, saturday_morning()).await.unwrap();
        let anonymous = server.get("/console").await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{}", server.label);
        let (merchant, _) = server.try_log_in(MERCHANT.0, MERCHANT.1).await;
        let merchant = merchant.unwrap();
        let refused = server
            .client
            .get(format!("{}/console", server.base))
            .header(header::COOKIE, &merchant)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{}", server.label);
        let (admin, _) = server.try_log_in(ADMIN.0, ADMIN.1).await;
        let admin = admin.unwrap();
        let console = server
            .client
            .get(format!("{}/console?etat=actif", server.base))
            .header(header::COOKIE, &admin)
            .send()
            .await
            .unwrap();
        assert_eq!(console.status(), StatusCode::OK, "{}", server.label);
        let html = console.text().await.unwrap();
        assert!(html.contains("Pâtisserie Lemaire") && html.contains(MERCHANT.0), "{}", server.label);
        assert!(!html.contains("Boucherie Dubois"), "{}: the filter keeps active listings only", server.label);

        let unpublish = |cookie: String| {
            server
                .client
                .post(format!("{}/api/set_published", server.base))
                .header(header::COOKIE, cookie)
                .header(header::ORIGIN, &server.base)
                .form(&[("lang", "Fr"), ("business_id", "1"), ("publish", "0"), ("reason", "Fermeture définitive")])
                .send()
        };
        assert_eq!(unpublish(merchant.clone()).await.unwrap().status(), StatusCode::FORBIDDEN, "{}", server.label);
        assert_eq!(unpublish(admin.clone()).await.unwrap().status(), StatusCode::OK, "{}", server.label);
        let server = &server;
        eventually(CACHE_FOLLOWS, "the unpublished page is gone", move || async move {
            (server.get("/commerces/patisserie-lemaire").await.status() == StatusCode::NOT_FOUND).then_some(())
        })
        .await;
        let dashboard = server
            .client
            .get(format!("{}/tableau-de-bord", server.base))
            .header(header::COOKIE, &merchant)
            .send()
            .await
            .unwrap();
        assert!(
            dashboard.text().await.unwrap().contains("Fermeture définitive"),
            "{}: the merchant sees why",
            server.label
        );
    })
    .await;
}

// ---- Photos in the dashboard (issue 7) ----

/// The text hidden in the test photo's GPS block: it must not reach any stored file.
const PHOTO_GPS_MARKER: &[u8] = b"VITRINE-GPS-50.5792N-4.0711E";
const PHOTO_BOUNDARY: &str = "vitrine-test-boundary-7MA4YWxkTrZu0gW";


/// A little-endian TIFF block as Exif carries it: IFD0 pointing to a GPS IFD with a latitude
/// (N) and a map datum naming [`PHOTO_GPS_MARKER`].
fn photo_exif_with_gps() -> Vec<u8> {
    let mut tiff = b"II\x2A\x00".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value);
    };
    // IFD0 at 8: one entry (2 + 12 + 4 bytes), so the GPS IFD starts at 26; it has two entries
    // (2 + 2 × 12 + 4 bytes), so the datum text starts at 56.
    tiff.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut tiff, 0x8825, 4, 1, 26u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut datum = PHOTO_GPS_MARKER.to_vec();
    datum.push(0);
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0012, 2, datum.len() as u32, 56u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(tiff.len(), 56);
    tiff.extend_from_slice(&datum);
    tiff
}

/// A `width` × `height` RGB gradient as a PNG written by hand (stored deflate blocks), with the
/// GPS block above in an `eXIf` chunk, as phones write them.
fn photo_png_with_gps(width: u32, height: u32) -> Vec<u8> {
    png::gradient_png_with(width, height, &[(b"eXIf", photo_exif_with_gps())])
}

/// A decompression bomb: a PNG of a few dozen bytes declaring 100 000 × 100 000 pixels.
fn photo_png_bomb() -> Vec<u8> {
    let mut header = 100_000u32.to_be_bytes().to_vec();
    header.extend_from_slice(&100_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&png::chunk(b"IHDR", &header));
    png.extend_from_slice(&png::chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend_from_slice(&png::chunk(b"IEND", &[]));
    png
}

const PHOTO_SVG: &[u8] =
    b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
    <script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>";

/// One part of a multipart form: a text field, or a file (name, file name, declared type, bytes).
enum FormPart<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a str, Vec<u8>),
}

/// The photos form as a browser sends it: every slot, a blank file input as an empty part with
/// an empty file name.
fn photo_form(parts: Vec<FormPart>) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{PHOTO_BOUNDARY}\r\n").as_bytes());
        match part {
            FormPart::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            FormPart::File(name, file_name, kind, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {kind}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(&bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{PHOTO_BOUNDARY}--\r\n").as_bytes());
    body
}

/// The three slots: `files[i]` (file name, bytes) and `alts[i]` (French description).
fn photo_slots(files: [Option<(&str, Vec<u8>)>; 3], alts: [&str; 3]) -> Vec<u8> {
    let mut parts = Vec::new();
    for (slot, (file, alt)) in files.into_iter().zip(alts).enumerate() {
        let name: &'static str = ["photo_0", "photo_1", "photo_2"][slot];
        parts.push(match file {
            Some((file_name, bytes)) => FormPart::File(name, file_name, "image/jpeg", bytes),
            None => FormPart::File(name, "", "application/octet-stream", Vec::new()),
        });
        parts.push(FormPart::Text(["alt_fr_0", "alt_fr_1", "alt_fr_2"][slot], alt));
        parts.push(FormPart::Text(["alt_nl_0", "alt_nl_1", "alt_nl_2"][slot], ""));
        parts.push(FormPart::Text(["alt_en_0", "alt_en_1", "alt_en_2"][slot], ""));
    }
    photo_form(parts)
}

/// Posts the photos form of business `business` as a same-origin browser would.
async fn post_photos(server: &TestApp, cookie: Option<&str>, path: &str, body: Vec<u8>) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}{path}", server.base))
        .header(header::ORIGIN, &server.base)
        .header("Sec-Fetch-Site", "same-origin")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={PHOTO_BOUNDARY}"))
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn photo_page(server: &TestApp, cookie: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = server.client.get(format!("{}{path}", server.base));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

/// Every file of the uploaded photos' directory.
fn uploaded_files(media: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(media.join(domain::photos::UPLOAD_DIR))
        .map(|dir| dir.filter_map(|entry| entry.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

async fn photo_ids(db: &DatabaseConnection, business: i32) -> Vec<i32> {
    domain::photos::photos_of(db, business).await.unwrap().iter().map(|p| p.id).collect()
}

/// The query pairs of a redirect's `Location`.
fn location_query(response: &reqwest::Response) -> (String, Vec<(String, String)>) {
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    let (path, query) = location.split_once('?').unwrap_or((&location, ""));
    let pairs = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    (path.to_string(), pairs)
}

const OTHER_OWNER: (&str, &str) = ("owner@two.be", "le pain sort du four à sept heures");

/// The demo logins, and the owner of business 2 (invited by the demo administrator): the
/// merchant's and the other owner's session cookies.
async fn photo_editors(server: &TestApp) -> (String, String) {
    let now = saturday_morning();
    domain::seed::demo_accounts(&server.db, now).await.unwrap();
    let other = server.join(2, OTHER_OWNER.0, OTHER_OWNER.1, domain::authz::Role::Owner).await;
    let (merchant, _) = server.try_log_in(MERCHANT.0, MERCHANT.1).await;
    (merchant.unwrap(), other)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_an_owner_uploads_a_photo_that_keeps_no_gps_and_shows_on_the_public_page() {
    on_every_backend(Options::demo(), |server| async move {
        let (merchant, _) = photo_editors(&server).await;
        let public = "/commerces/patisserie-lemaire";
        let before = server.get(public).await.text().await.unwrap();
        assert!(!before.contains("/media/p/"), "{}", server.label);

        let page = photo_page(&server, Some(&merchant), "/tableau-de-bord/1/photos").await;
        assert_eq!(page.status(), StatusCode::OK, "{}", server.label);
        let html = page.text().await.unwrap();
        for needle in [
            r#"enctype="multipart/form-data""#,
            r#"action="/tableau-de-bord/1/photos/ajouter""#,
            r#"<label for="alt_fr_0">"#,
            r#"name="alt_fr_0""#,
            "Devanture de boulangerie avec pains et viennoiseries en vitrine",
        ] {
            assert!(html.contains(needle), "{}: {needle} in the photos page", server.label);
        }
        let dashboard = photo_page(&server, Some(&merchant), "/tableau-de-bord/1").await.text().await.unwrap();
        assert!(
            dashboard.contains(r#"href="/tableau-de-bord/1/photos""#),
            "{}: linked from the dashboard",
            server.label
        );

        let png = photo_png_with_gps(600, 400);
        assert!(png.windows(PHOTO_GPS_MARKER.len()).any(|w| w == PHOTO_GPS_MARKER), "the fixture carries GPS");
        let alt = "Vitrine de la pâtisserie au petit matin";
        let body = photo_slots([Some(("IMG_2041.png", png)), None, None], [alt, "", ""]);
        let answer = post_photos(&server, Some(&merchant), "/tableau-de-bord/1/photos/ajouter", body).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{}", server.label);
        assert_eq!(
            answer.headers()[header::LOCATION],
            "/tableau-de-bord/1/photos?enregistre=photos",
            "{}",
            server.label
        );

        let stored = domain::photos::photos_of(&server.db, 1).await.unwrap();
        assert_eq!(stored.len(), 3, "{}: after the two demo photos", server.label);
        let photo = &stored[2];
        assert_eq!((photo.alt_fr.as_str(), photo.variants.as_deref()), (alt, Some("480 600")), "{}", server.label);
        let files = uploaded_files(&server.media);
        assert_eq!(files.len(), 2, "{}: one file per width: {files:?}", server.label);
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
            for needle in [PHOTO_GPS_MARKER, b"Exif\0\0", b"II\x2A\x00"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{}: {file:?} keeps metadata", server.label);
            }
        }

        let srcset = domain::photos::srcset(photo, domain::directory::photo_url).unwrap();
        let saved = photo_page(&server, Some(&merchant), "/tableau-de-bord/1/photos?enregistre=photos").await;
        let html = saved.text().await.unwrap();
        assert!(html.contains("Photos ajoutées.") && html.contains(&srcset), "{}", server.label);
        // The public page, cached before the upload, shows the photo.
        let tag = format!(r#"srcset="{srcset}""#);
        let (server, tag) = (&server, &tag);
        let after = eventually(CACHE_FOLLOWS, "the public page shows the photo", move || async move {
            let page = server.get(public).await.text().await.unwrap();
            page.contains(tag.as_str()).then_some(page)
        })
        .await;
        assert!(after.contains(tag.as_str()) && after.contains(alt), "{}: {tag} on the public page", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_uploads_of_the_anonymous_and_of_another_business_s_owner_store_nothing() {
    on_every_backend(Options::demo(), |server| async move {
        let (_, other) = photo_editors(&server).await;
        let body = || photo_slots([Some(("shop.png", photo_png_with_gps(64, 48))), None, None], ["Vitrine", "", ""]);
        let anonymous = post_photos(&server, None, "/tableau-de-bord/1/photos/ajouter", body()).await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "{}", server.label);
        assert_eq!(anonymous.headers()[header::LOCATION], "/connexion", "{}: to the login page", server.label);
        let dutch = post_photos(&server, None, "/nl/tableau-de-bord/1/photos/ajouter", body()).await;
        assert_eq!(dutch.headers()[header::LOCATION], "/nl/connexion", "{}", server.label);
        assert_eq!(photo_page(&server, None, "/tableau-de-bord/1/photos").await.status(), StatusCode::UNAUTHORIZED);

        let refused = post_photos(&server, Some(&other), "/tableau-de-bord/1/photos/ajouter", body()).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{}", server.label);
        let page = photo_page(&server, Some(&other), "/tableau-de-bord/1/photos").await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN, "{}", server.label);
        assert!(!page.text().await.unwrap().contains("Devanture de boulangerie"), "{}", server.label);
        // Unknown businesses are refused alike (nothing learnt from guessing ids).
        let unknown = post_photos(&server, Some(&other), "/tableau-de-bord/999/photos/ajouter", body()).await;
        assert_eq!(unknown.status(), StatusCode::FORBIDDEN, "{}", server.label);

        assert_eq!(photo_ids(&server.db, 1).await.len(), 2, "{}: nothing stored", server.label);
        assert!(uploaded_files(&server.media).is_empty(), "{}: no file written", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_refused_files_are_named_next_to_their_field_and_nothing_is_stored() {
    on_every_backend(Options::demo(), |server| async move {
        let (merchant, _) = photo_editors(&server).await;
        let files = [
            Some(("huge.png", photo_png_bomb())),
            Some(("photo.jpg", b"Ceci n'est pas une photo.\n".to_vec())),
            Some(("logo.svg", PHOTO_SVG.to_vec())),
        ];
        let alts = ["Une bombe", "Un texte", "Un dessin"];
        let answer =
            post_photos(&server, Some(&merchant), "/tableau-de-bord/1/photos/ajouter", photo_slots(files, alts)).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{}", server.label);
        let (path, query) = location_query(&answer);
        assert_eq!(path, "/tableau-de-bord/1/photos", "{}", server.label);
        let refusal = "photo_0:photo_too_many_pixels:50,photo_1:photo_not_an_image,photo_2:photo_svg_refused";
        assert_eq!(query[0], ("refus".to_string(), refusal.to_string()), "{}", server.label);
        // Only the id of the descriptions typed travels (issue 12); they are kept for the session.
        assert_eq!(query.len(), 2, "{}: {query:?}", server.label);
        assert_eq!(query[1].0, "formulaire", "{}", server.label);

        let location = answer.headers()[header::LOCATION].to_str().unwrap().to_string();
        let html = photo_page(&server, Some(&merchant), &location).await.text().await.unwrap();
        for needle in [
            "Cette image est trop grande : 50 mégapixels au maximum.",
            "Ce fichier n'est pas une photo.",
            "Les fichiers SVG ne sont pas acceptés.",
            r#"<p id="photo_1-error" class="field-error">Ce fichier"#,
            r#"aria-describedby="upload-help photo_2-error""#,
            r#"value="Un dessin""#,
            "Choisissez à nouveau vos fichiers",
        ] {
            assert!(html.contains(needle), "{}: {needle}", server.label);
        }
        assert!(html.contains(r#"id="photo_0" name="photo_0" type="file""#), "{}", server.label);
        let photo_input = &html[html.find(r#"id="photo_0""#).unwrap()..];
        let photo_input = &photo_input[..photo_input.find('>').unwrap()];
        assert!(photo_input.contains(r#"aria-invalid="true""#), "{}: {photo_input}", server.label);
        // A link someone else made fills nothing: descriptions in the address as they used to
        // travel, or another session's kept ones.
        let crafted = "/tableau-de-bord/1/photos?refus=photo_0:photo_svg_refused&alt_fr_0=Contenu+pirate";
        let html = photo_page(&server, Some(&merchant), crafted).await.text().await.unwrap();
        assert!(!html.contains("Contenu pirate"), "{}", server.label);
        let (other, _) = server.try_log_in(MERCHANT.0, MERCHANT.1).await;
        let html = photo_page(&server, other.as_deref(), &location).await.text().await.unwrap();
        assert!(!html.contains(r#"value="Un dessin""#), "{}", server.label);

        // A photo without its description, through the Dutch page.
        let png = photo_png_with_gps(64, 48);
        let body = photo_slots([None, Some(("shop.png", png)), None], ["", "  ", ""]);
        let answer = post_photos(&server, Some(&merchant), "/nl/tableau-de-bord/1/photos/ajouter", body).await;
        let (path, query) = location_query(&answer);
        assert_eq!(path, "/nl/tableau-de-bord/1/photos", "{}", server.label);
        assert_eq!(query, vec![("refus".to_string(), "alt_fr_1:alt_required".to_string())], "{}", server.label);
        // A file over the size limit, in a body under the route's.
        let heavy = vec![0u8; domain::photos::MAX_UPLOAD_BYTES + 1];
        let body = photo_slots([Some(("big.jpg", heavy)), None, None], ["Trop lourde", "", ""]);
        let answer = post_photos(&server, Some(&merchant), "/tableau-de-bord/1/photos/ajouter", body).await;
        let (_, query) = location_query(&answer);
        assert_eq!(query[0], ("refus".to_string(), "photo_0:photo_too_large:10".to_string()), "{}", server.label);
        // Nothing at all chosen (a browser without `required` support).
        let answer = post_photos(
            &server,
            Some(&merchant),
            "/tableau-de-bord/1/photos/ajouter",
            photo_slots([None, None, None], ["", "", ""]),
        )
        .await;
        let (_, query) = location_query(&answer);
        assert_eq!(query, vec![("refus".to_string(), "photos:photo_required".to_string())], "{}", server.label);

        assert_eq!(photo_ids(&server.db, 1).await.len(), 2, "{}: nothing stored", server.label);
        assert!(uploaded_files(&server.media).is_empty(), "{}: no file written", server.label);
    })
    .await;
}

/// Sends `head` and then `body_bytes` zeros in chunks over a raw connection (to declare a length
/// it does not send, or to send a chunked body), and returns the status line of the answer.
async fn photo_raw_request(base: &str, head: String, body_bytes: usize, chunked: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let writing = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await?;
        let chunk = vec![b'x'; 256 * 1024];
        let mut sent = 0;
        while sent < body_bytes {
            let part = &chunk[..chunk.len().min(body_bytes - sent)];
            if chunked {
                writer.write_all(format!("{:x}\r\n", part.len()).as_bytes()).await?;
                writer.write_all(part).await?;
                writer.write_all(b"\r\n").await?;
            } else {
                writer.write_all(part).await?;
            }
            sent += part.len();
        }
        if chunked {
            writer.write_all(b"0\r\n\r\n").await?;
        }
        std::io::Result::Ok(())
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        match reader.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
        }
    }
    writing.abort();
    String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_bodies_that_are_not_multipart_or_over_the_limit_are_refused_without_harm() {
    on_every_backend(Options::demo(), |server| async move {
        let (merchant, _) = photo_editors(&server).await;
        let url = format!("{}/tableau-de-bord/1/photos/ajouter", server.base);
        let post = |content_type: Option<&'static str>, body: &'static str| {
            let mut request = server
                .client
                .post(&url)
                .header(header::ORIGIN, &server.base)
                .header(header::COOKIE, &merchant)
                .body(body);
            if let Some(content_type) = content_type {
                request = request.header(header::CONTENT_TYPE, content_type);
            }
            request.send()
        };
        for content_type in [
            Some("application/x-www-form-urlencoded"),
            None,
            Some("multipart/form-data"),
            Some("multipart/form-data; boundary="),
            Some("text/plain; boundary=x"),
        ] {
            let answer = post(content_type, "photo_0=x&alt_fr_0=y").await.unwrap();
            assert_eq!(answer.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}: {content_type:?}", server.label);
        }
        let garbage =
            post(Some("multipart/form-data; boundary=abc"), "--abc\r\nnonsense without headers").await.unwrap();
        assert_eq!(garbage.status(), StatusCode::BAD_REQUEST, "{}", server.label);

        let limit = vitrine::http::uploads::BODY_LIMIT as usize;
        assert_eq!(limit, 3 * domain::photos::MAX_UPLOAD_BYTES + 1024 * 1024);
        let address = server.base.trim_start_matches("http://");
        let head = |length: &str| {
            format!(
                "POST /tableau-de-bord/1/photos/ajouter HTTP/1.1\r\nHost: {address}\r\nOrigin: {}\r\nCookie: {merchant}\r\n\
                 Content-Type: multipart/form-data; boundary={PHOTO_BOUNDARY}\r\n{length}\r\n",
                server.base
            )
        };
        // Declared over the limit: refused before a byte of it is read.
        let declared =
            photo_raw_request(&server.base, head(&format!("Content-Length: {}\r\n", limit + 1)), 0, false).await;
        assert!(declared.starts_with("HTTP/1.1 413"), "{}: {declared}", server.label);
        // Not declared: read up to the limit, then refused.
        let over =
            photo_raw_request(&server.base, head("Transfer-Encoding: chunked\r\n"), limit + 512 * 1024, true).await;
        assert!(over.starts_with("HTTP/1.1 413"), "{}: {over}", server.label);

        assert_eq!(server.get("/").await.status(), StatusCode::OK, "{}: still serving", server.label);
        assert_eq!(photo_ids(&server.db, 1).await.len(), 2, "{}: nothing stored", server.label);
        assert!(uploaded_files(&server.media).is_empty(), "{}", server.label);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_reordered_described_and_deleted_by_their_owner_and_not_by_another() {
    on_every_backend(Options::demo(), |server| async move {
        let (merchant, other) = photo_editors(&server).await;
        let body = photo_slots([Some(("shop.png", photo_png_with_gps(64, 48))), None, None], ["Vitrine", "", ""]);
        let added = post_photos(&server, Some(&merchant), "/tableau-de-bord/1/photos/ajouter", body).await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", server.label);
        let ids = photo_ids(&server.db, 1).await;
        let [first, second, new] = ids[..] else { panic!("{}: three photos: {ids:?}", server.label) };
        let order = format!("{first},{second},{new}");
        let new_text = new.to_string();
        let call = |cookie: &str, function: &str, form: Vec<(&'static str, String)>| {
            server
                .client
                .post(format!("{}/api/{function}", server.base))
                .header(header::COOKIE, cookie.to_string())
                .header(header::ORIGIN, &server.base)
                .form(&form)
                .send()
        };
        let up = |order: &str| {
            vec![
                ("lang", "Fr".to_string()),
                ("business_id", "1".into()),
                ("photo_id", new_text.clone()),
                ("direction", "up".into()),
                ("order", order.to_string()),
            ]
        };
        let by_id = vec![("lang", "Fr".to_string()), ("business_id", "1".into()), ("photo_id", new_text.clone())];
        let mut alt = by_id.clone();
        alt.extend([("alt_fr", "Une autre vitrine".to_string()), ("alt_nl", "Een andere etalage".into())]);

        // Another business's owner changes nothing.
        for (function, form) in
            [("move_photo", up(&order)), ("delete_photo", by_id.clone()), ("save_photo_alt", alt.clone())]
        {
            let refused = call(&other, function, form).await.unwrap();
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{}: {function}", server.label);
        }
        assert_eq!(photo_ids(&server.db, 1).await, ids, "{}", server.label);

        // The owner, as a form without JavaScript: back to the page, told where the photo is.
        let moved = server
            .client
            .post(format!("{}/api/move_photo", server.base))
            .header(header::COOKIE, &merchant)
            .header(header::ORIGIN, &server.base)
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("{}/tableau-de-bord/1/photos", server.base))
            .form(&up(&order))
            .send()
            .await
            .unwrap();
        assert_eq!(moved.status(), StatusCode::FOUND, "{}", server.label);
        let location = moved.headers()[header::LOCATION].to_str().unwrap().to_string();
        assert_eq!(location, format!("/tableau-de-bord/1/photos?enregistre=ordre&photo={new}#photo-{new}"));
        assert_eq!(photo_ids(&server.db, 1).await, vec![first, new, second], "{}", server.label);
        let page =
            photo_page(&server, Some(&merchant), location.split('#').next().unwrap()).await.text().await.unwrap();
        assert!(page.contains("cette photo est maintenant en position 2 sur 3"), "{}", server.label);
        // A page loaded before the move names the old order: refused, nothing changed.
        let stale = call(&merchant, "move_photo", up(&format!("{first},{second}"))).await.unwrap();
        assert_eq!(stale.status(), StatusCode::CONFLICT, "{}", server.label);
        assert_eq!(photo_ids(&server.db, 1).await, vec![first, new, second], "{}", server.label);

        // Descriptions: French required (the message names this photo's field), then saved.
        let mut missing = by_id.clone();
        missing.push(("alt_fr", " ".into()));
        let refused = call(&merchant, "save_photo_alt", missing).await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", server.label);
        let error: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(error["Invalid"][0]["field"], format!("alt_fr-{new}"), "{}", server.label);
        assert_eq!(error["Invalid"][0]["problem"], "alt_required");
        let saved = call(&merchant, "save_photo_alt", alt.clone()).await.unwrap();
        assert_eq!(saved.status(), StatusCode::OK, "{}", server.label);
        let stored = domain::photos::photos_of(&server.db, 1).await.unwrap();
        assert_eq!((stored[1].alt_fr.as_str(), stored[1].alt_nl.as_str()), ("Une autre vitrine", "Een andere etalage"));

        // Deleting asks first (a page of its own without JavaScript), then removes row and files.
        let confirm = photo_page(&server, Some(&merchant), &format!("/tableau-de-bord/1/photos?supprimer={new}")).await;
        let html = confirm.text().await.unwrap();
        assert!(
            html.contains("Supprimer cette photo ?") && html.contains("Oui, supprimer la photo"),
            "{}",
            server.label
        );
        assert_eq!(uploaded_files(&server.media).len(), 1, "{}: one width for a small photo", server.label);
        let deleted = call(&merchant, "delete_photo", by_id.clone()).await.unwrap();
        assert_eq!(deleted.status(), StatusCode::OK, "{}", server.label);
        assert_eq!(photo_ids(&server.db, 1).await, vec![first, second], "{}", server.label);
        assert!(uploaded_files(&server.media).is_empty(), "{}: its files are gone", server.label);
        let again = call(&merchant, "delete_photo", by_id.clone()).await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_FOUND, "{}", server.label);
    })
    .await;
}

/// On an HTTPS public URL the session cookie is `Secure` with the `__Host-` prefix (browsers then
/// refuse it from a subdomain or over plain HTTP), and it is the one the server reads back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_https_the_session_cookie_is_secure_and_host_prefixed() {
    let public = "https://vitrine.example";
    on_every_backend(Options::demo().public_url(public), |server| async move {
        domain::seed::demo_accounts(&server.db, saturday_morning()).await.unwrap();
        let response = server
            .client
            .post(format!("{}/api/log_in", server.base))
            .header(header::ORIGIN, public)
            .form(&[("lang", "Fr"), ("email", MERCHANT.0), ("password", MERCHANT.1)])
            .send()
            .await
            .unwrap();
        let set_cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("__Host-vitrine_session="))
            .unwrap_or_else(|| panic!("{}: no __Host- cookie in {:?}", server.label, response.headers()))
            .to_string();
        for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set_cookie.contains(part), "{}: {part} in {set_cookie}", server.label);
        }
        assert!(!set_cookie.contains("Domain="), "{}: a __Host- cookie has no Domain", server.label);
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let me =
            server.client.get(format!("{}/api/me", server.base)).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(me.status(), StatusCode::OK, "{}", server.label);
        // The plain name is not read on HTTPS (a cookie an HTTP page could have set).
        let plain = cookie.replacen("__Host-", "", 1);
        let refused =
            server.client.get(format!("{}/api/me", server.base)).header(header::COOKIE, plain).send().await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{}", server.label);
    })
    .await;
}
