//! Click & collect over HTTP (issue 14), on a real server over SQLite, and PostgreSQL too when
//! `TEST_DATABASE_URL` is set:
//! - a shopper without JavaScript adds products of two shops from their pages, sees the basket
//!   (its cookie scoped to the basket's paths, in three languages), is refused with what they
//!   typed kept, confirms, lands on the order page, replays the form (one order per shop), gets
//!   the calendar file and cancels one order;
//! - the shop's inbox lists it for the shop's people only and moves it on; a decline refused
//!   for want of a reason comes back as typed;
//! - the live inbox: an order placed through one instance reaches the event stream opened on
//!   another instance of the same database;
//! - the shop's people get an e-mail at each new order until the shop switches it off; its
//!   settings form, refused, comes back as typed.

use std::time::{Duration, Instant};

use entity::{order, product};
use harness::{on_every_backend, people, saturday_morning, Options, TestApp};
use reqwest::{header, StatusCode};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

#[path = "support/app.rs"]
mod harness;

/// A reservable product of `shop` with `quantity` counted this morning.
async fn product(server: &TestApp, shop: i32, name: &str, price: i64, quantity: i32) -> i32 {
    let now = saturday_morning();
    product::ActiveModel {
        business_id: Set(shop),
        name_fr: Set(name.into()),
        sort_name: Set(name.to_lowercase()),
        price_cents: Set(Some(price)),
        visible: Set(true),
        stock: Set("quantity".into()),
        quantity: Set(Some(quantity)),
        stock_confirmed_at: Set(Some(now)),
        reservable: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&server.db)
    .await
    .unwrap()
    .id
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// The values of every `name="…" value="…"` input of `html` named `name`.
fn inputs(html: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\" value=\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The first slot offered in the `<select name="creneau-{shop}">`.
fn first_slot(html: &str, shop: i32) -> String {
    let select = &html[html.find(&format!("name=\"creneau-{shop}\"")).unwrap()..];
    let first = &select[select.find("<option value=\"20").unwrap() + "<option value=\"".len()..];
    first[..first.find('"').unwrap()].to_string()
}

async fn post(server: &TestApp, cookie: Option<&str>, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let mut request = server
        .client
        .post(format!("{}{path}", server.base))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, &server.base)
        .header("sec-fetch-site", "same-origin")
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_shopper_without_javascript_reserves_from_two_shops_and_the_shop_moves_the_order_on() {
    on_every_backend(Options::demo().mail(), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let (one, two) = (&shops[0], &shops[1]);
        let bonnet = product(&server, one.id, "Bonnet réservable", 2490, 3).await;
        let pain = product(&server, two.id, "Pain réservable", 350, 10).await;

        // The product page offers to reserve (a plain form) and is still a cached public page.
        let page = format!("/commerces/{}/produits/{bonnet}", one.slug);
        let (status, html) = server.text(&page).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("action=\"/panier/ajouter\""), "{label}: {html}");

        // Adding: a cookie for the basket's paths only, in the three languages.
        let added = post(&server, None, "/panier/ajouter", &[("produit", &bonnet.to_string()), ("quantite", "2")]).await;
        assert_eq!((added.status(), location(&added).as_str()), (StatusCode::SEE_OTHER, "/panier"), "{label}");
        let cookies: Vec<String> =
            added.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
        assert_eq!(cookies.len(), 3, "{label}: {cookies:?}");
        for path in ["Path=/panier;", "Path=/nl/panier;", "Path=/en/panier;"] {
            assert!(cookies.iter().any(|c| c.contains(path) && c.contains("HttpOnly") && c.contains("SameSite=Lax")), "{label} {path}");
        }
        let cookie = cookies[0].split(';').next().unwrap().to_string();
        let again = post(&server, Some(&cookie), "/nl/panier/ajouter", &[("produit", &pain.to_string()), ("quantite", "1")]).await;
        assert_eq!((again.status(), location(&again).as_str()), (StatusCode::SEE_OTHER, "/nl/panier"), "{label}");
        assert!(again.headers().get(header::SET_COOKIE).is_none(), "{label}: the same basket");
        // Bad input: changes nothing, says why.
        let bad = post(&server, Some(&cookie), "/panier/ajouter", &[("produit", &pain.to_string()), ("quantite", "-3")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let bad = post(&server, Some(&cookie), "/panier/ajouter", &[("produit", "999999"), ("quantite", "1")]).await;
        assert_eq!(bad.status(), StatusCode::NOT_FOUND, "{label}");

        // The basket, in Dutch and in French, never stored by a cache.
        let basket = server.get_as(Some(&cookie), "/nl/panier").await;
        assert_eq!(basket.status(), StatusCode::OK, "{label}");
        assert_eq!(basket.headers()[header::CACHE_CONTROL], "private, no-store", "{label}");
        assert_eq!(basket.headers()[header::REFERRER_POLICY], "no-referrer", "{label}");
        assert!(basket.text().await.unwrap().contains("Mijn winkelmandje"), "{label}");
        let html = server.get_as(Some(&cookie), "/panier").await.text().await.unwrap();
        assert!(html.contains("Bonnet réservable") && html.contains("Pain réservable"), "{label}");
        let key = inputs(&html, "cle").remove(0);
        let lines = inputs(&html, "ligne");
        assert_eq!(lines.len(), 2, "{label}: {lines:?}");
        let (slot_one, slot_two) = (first_slot(&html, one.id), first_slot(&html, two.id));
        let slot_one_name = format!("creneau-{}", one.id);
        let slot_two_name = format!("creneau-{}", two.id);
        let mut form: Vec<(&str, &str)> = vec![
            ("cle", &key),
            ("nom", "Marie\nDupont"),
            ("email", "marie@example"),
            ("telephone", ""),
            (&slot_one_name, &slot_one),
            (&slot_two_name, &slot_two),
        ];
        form.extend(lines.iter().map(|l| ("ligne", l.as_str())));

        // Refused: the page comes back with what was typed and the message, nothing is placed.
        let refused = post(&server, Some(&cookie), "/panier/commander", &form).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let html = refused.text().await.unwrap();
        assert!(html.contains("value=\"marie@example\""), "{label}: the address as typed");
        assert!(html.contains("aria-invalid=\"true\""), "{label}");
        assert!(order::Entity::find().all(&server.db).await.unwrap().is_empty(), "{label}");
        // A line the basket page did not write: the same, with the basket's message.
        let mut tampered = form.clone();
        tampered.push(("ligne", "5:-1:"));
        let refused = post(&server, Some(&cookie), "/panier/commander", &tampered).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.text().await.unwrap().contains("value=\"marie@example\""), "{label}: kept as typed");

        // Accepted: the order page, one order per shop, stock reserved.
        form[1] = ("nom", "Marie Dupont");
        form[2] = ("email", "marie@example.be");
        let placed = post(&server, Some(&cookie), "/panier/commander", &form).await;
        assert_eq!(placed.status(), StatusCode::SEE_OTHER, "{label}");
        let order_page = location(&placed);
        assert!(order_page.starts_with("/commande/") && order_page.ends_with("?envoyee=1"), "{label}: {order_page}");
        assert_eq!(placed.headers()[header::REFERRER_POLICY], "no-referrer", "{label}");
        // A replay (the back button and submit again, a retried request): the same order.
        let replayed = post(&server, Some(&cookie), "/panier/commander", &form).await;
        assert_eq!(location(&replayed), order_page, "{label}");
        let orders = order::Entity::find().all(&server.db).await.unwrap();
        assert_eq!(orders.len(), 2, "{label}");
        let stock = product::Entity::find_by_id(bonnet).one(&server.db).await.unwrap().unwrap().quantity;
        assert_eq!(stock, Some(1), "{label}");
        let (status, html) = server.text(&order_page).await;
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains(&one.name) && html.contains(&two.name) && html.contains("Envoyée, en attente du commerce"), "{label}");
        let (status, _) = server.text("/commande/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{label}: an unknown link");

        // The calendar file.
        let token = order_page.trim_start_matches("/commande/").trim_end_matches("?envoyee=1").to_string();
        let first = orders.iter().find(|o| o.business_id == one.id).unwrap();
        let ics = server.get(&format!("/commande/{token}/calendrier/{}", first.id)).await;
        assert_eq!(ics.status(), StatusCode::OK, "{label}");
        assert!(ics.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/calendar"), "{label}");
        assert!(ics.text().await.unwrap().contains("BEGIN:VEVENT"), "{label}");

        // The shop's inbox: its people only.
        let p = people(&server).await;
        let inbox = format!("/tableau-de-bord/{}/commandes", one.id);
        let (status, html) = { let r = server.get_as(Some(&p.staff), &inbox).await; (r.status(), r.text().await.unwrap()) };
        assert_eq!(status, StatusCode::OK, "{label}");
        assert!(html.contains("Marie Dupont") && html.contains("marie@example.be"), "{label}");
        assert_eq!(server.get_as(Some(&p.other_owner), &inbox).await.status(), StatusCode::FORBIDDEN, "{label}");
        assert_eq!(server.get_as(None, &inbox).await.status(), StatusCode::UNAUTHORIZED, "{label}");
        let id = first.id.to_string();
        let action_path = format!("{inbox}/action");
        let act = |cookie: String, action: &'static str, reason: &'static str| {
            let (server, id, path) = (&server, &id, &action_path);
            async move { post(server, Some(&cookie), path, &[("commande", id), ("action", action), ("raison", reason)]).await }
        };
        assert_eq!(act(p.other_owner.clone(), "accept", "").await.status(), StatusCode::FORBIDDEN, "{label}");
        // A decline without a reason comes back to the order, with the problem.
        let refused = act(p.owner.clone(), "decline", "  ").await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER, "{label}");
        let back = location(&refused);
        assert!(back.contains("formulaire="), "{label}: {back}");
        let html = server.get_as(Some(&p.owner), &back).await.text().await.unwrap();
        assert!(html.contains("aria-invalid=\"true\""), "{label}");
        let accepted = act(p.owner.clone(), "accept", "").await;
        assert_eq!(accepted.status(), StatusCode::SEE_OTHER, "{label}");
        let status = order::Entity::find_by_id(first.id).one(&server.db).await.unwrap().unwrap().status;
        assert_eq!(status, "accepted", "{label}");

        // The shopper cancels the other shop's order from the order page.
        let second = orders.iter().find(|o| o.business_id == two.id).unwrap();
        let cancelled = post(&server, None, &format!("/commande/{token}/annuler"), &[("commande", &second.id.to_string())]).await;
        assert_eq!(location(&cancelled), format!("/commande/{token}?annulee=1"), "{label}");
        let again = post(&server, None, &format!("/commande/{token}/annuler"), &[("commande", &second.id.to_string())]).await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{label}: already cancelled");
        let stock = product::Entity::find_by_id(pain).one(&server.db).await.unwrap().unwrap().quantity;
        assert_eq!(stock, Some(10), "{label}: back in stock");
        // Every change was e-mailed.
        server.deliver(saturday_morning()).await;
        let to_marie = server.sink().received().into_iter().filter(|m| m.rcpt_to.iter().any(|r| r.contains("marie@example.be"))).count();
        assert_eq!(to_marie, 3, "{label}: placed, accepted, cancelled");
    })
    .await;
}

#[tokio::test]
async fn a_new_order_reaches_the_inbox_stream_of_another_instance() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let shop = &shops[0];
        let id = product(&server, shop.id, "Lampe", 4500, 5).await;
        let p = people(&server).await;
        let other = server.another_instance().await;
        let stream = other
            .client
            .get(format!("{}/tableau-de-bord/{}/commandes/flux", other.base, shop.id))
            .header(header::COOKIE, &p.owner)
            .send()
            .await
            .unwrap();
        assert_eq!(stream.status(), StatusCode::OK, "{label}");
        assert_eq!(stream.headers()[header::CONTENT_TYPE], "text/event-stream", "{label}");
        // Someone else's stream is refused.
        let theirs = other
            .client
            .get(format!("{}/tableau-de-bord/{}/commandes/flux", other.base, shop.id))
            .header(header::COOKIE, &p.other_owner)
            .send()
            .await
            .unwrap();
        assert_eq!(theirs.status(), StatusCode::FORBIDDEN, "{label}");

        // An order through the first instance's domain call (the same as its checkout form).
        let cookie = post(&server, None, "/panier/ajouter", &[("produit", &id.to_string()), ("quantite", "1")]).await;
        let cookie = cookie.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        let html = server.get_as(Some(&cookie), "/panier").await.text().await.unwrap();
        let slot_name = format!("creneau-{}", shop.id);
        let slot = first_slot(&html, shop.id);
        let key = inputs(&html, "cle").remove(0);
        let line = inputs(&html, "ligne").remove(0);
        let started = Instant::now();
        let placed = post(
            &server,
            Some(&cookie),
            "/panier/commander",
            &[("cle", &key), ("nom", "Luc"), ("email", "luc@example.be"), (&slot_name, &slot), ("ligne", &line)],
        )
        .await;
        assert_eq!(placed.status(), StatusCode::SEE_OTHER, "{label}");
        let mut stream = stream;
        let mut seen = String::new();
        let outcome = tokio::time::timeout(Duration::from_secs(5), async {
            while let Some(chunk) = stream.chunk().await.unwrap() {
                seen.push_str(&String::from_utf8_lossy(&chunk));
                if seen.contains("event: orders") {
                    return;
                }
            }
        })
        .await;
        assert!(outcome.is_ok(), "{label}: no event within 5 s: {seen:?}");
        let delay = started.elapsed();
        eprintln!("{label}: checkout to the other instance's stream: {delay:?}");
        assert!(delay < Duration::from_secs(2), "{label}: {delay:?}");
    })
    .await;
}

#[tokio::test]
async fn a_question_is_asked_without_javascript_and_answered_from_the_shops_email() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let shop = &shops[0];
        let _ = people(&server).await;
        // A product in the window: no count, so a question rather than a reservation.
        let id = product(&server, shop.id, "Vélo d'occasion", 25_000, 1).await;
        let mut row: product::ActiveModel = product::Entity::find_by_id(id).one(&server.db).await.unwrap().unwrap().into();
        row.stock = Set("window".into());
        row.quantity = Set(None);
        row.reservable = Set(false);
        row.update(&server.db).await.unwrap();
        let (_, html) = server.text(&format!("/commerces/{}/produits/{id}", shop.slug)).await;
        assert!(html.contains(&format!("/demander?produit={id}")) && !html.contains("/panier/ajouter"), "{label}");
        let form = server.get(&format!("/nl/demander?produit={id}")).await;
        assert_eq!(form.status(), StatusCode::OK, "{label}");
        let html = form.text().await.unwrap();
        let key = inputs(&html, "cle").remove(0);
        let id_text = id.to_string();
        let mut fields = vec![
            ("cle", key.as_str()),
            ("produit", id_text.as_str()),
            ("quantite", "1"),
            ("date", "2027-03-01"),
            ("message", "Taille 56 ?\nMerci"),
            ("nom", "Luc"),
            ("email", "luc@example.be"),
        ];
        // Refused (too far ahead): the page again, the message as typed, line break included.
        let refused = post(&server, None, "/nl/demander", &fields).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.text().await.unwrap().contains(">Taille 56 ?\nMerci</textarea>"), "{label}");
        // Over its limit (1,000 characters), on two lines: refused, and back whole.
        let long = format!("{}\n{}", "a".repeat(700), "b".repeat(500));
        let mut over = fields.clone();
        over[3] = ("date", "2026-12-01");
        over[4] = ("message", long.as_str());
        let refused = post(&server, None, "/nl/demander", &over).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.text().await.unwrap().contains(&format!(">{long}</textarea>")), "{label}: the message as typed");
        fields[3] = ("date", "2026-12-01");
        let sent = post(&server, None, "/nl/demander", &fields).await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{label}");
        assert!(location(&sent).starts_with("/nl/commande/"), "{label}");
        // The shop's e-mail links to a page with buttons; the link alone answers nothing.
        let mail = entity::email_outbox::Entity::find().all(&server.db).await.unwrap().into_iter().find(|m| m.kind == "order_ask").unwrap();
        let link = mail.body_text.split_whitespace().find(|w| w.contains("/commande/repondre?jeton=")).unwrap().to_string();
        let path = link.trim_start_matches(&server.base).to_string();
        let path = &path[path.find("/commande/").map(|i| if path[..i].ends_with("/nl") || path[..i].ends_with("/en") { i - 3 } else { i }).unwrap()..];
        let (status, html) = server.text(path).await;
        assert_eq!(status, StatusCode::OK, "{label}: {path}");
        assert!(html.contains("Luc") && html.contains("Taille 56 ?") && !html.contains("luc@example.be"), "{label}");
        let order_row = order::Entity::find().all(&server.db).await.unwrap().remove(0);
        assert_eq!(order_row.status, "asked", "{label}: opening the link changed nothing");
        let token = path.split("jeton=").nth(1).unwrap().to_string();
        let order_id = order_row.id.to_string();
        let answer = |until: &'static str| {
            let (server, token, order_id) = (&server, token.clone(), order_id.clone());
            async move {
                post(server, None, "/commande/repondre", &[("jeton", &token), ("commande", &order_id), ("reponse", "yes"), ("jusqu_au", until)]).await
            }
        };
        assert_eq!(answer("2027-06-01").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let yes = answer("2026-12-03").await;
        assert_eq!(location(&yes), "/commande/repondre?fait=oui", "{label}");
        let row = order::Entity::find_by_id(order_row.id).one(&server.db).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.collect_by.to_string().as_str()), ("accepted", "2026-12-03"), "{label}");
        // Used: the page and a second answer both say the link is gone.
        assert_eq!(server.text(path).await.0, StatusCode::GONE, "{label}");
        assert_eq!(answer("2026-12-03").await.status(), StatusCode::GONE, "{label}");
        assert_eq!(server.text("/commande/confirmer?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await.0, StatusCode::GONE, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_checkouts_of_the_last_unit_over_two_instances_sell_it_once() {
    on_every_backend(Options::demo().trusting("127.0.0.1"), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let shop = &shops[0];
        let id = product(&server, shop.id, "Dernier sapin", 6000, 1).await;
        let other = server.another_instance().await;
        // One basket shows the slot and the line every form sends.
        let added = post(&server, None, "/panier/ajouter", &[("produit", &id.to_string()), ("quantite", "1")]).await;
        let cookie = added.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        let html = server.get_as(Some(&cookie), "/panier").await.text().await.unwrap();
        let (slot_name, slot) = (format!("creneau-{}", shop.id), first_slot(&html, shop.id));
        let line = inputs(&html, "ligne").remove(0);
        let bases = [server.base.clone(), other.base.clone()];
        let client = server.client.clone();
        let handles: Vec<_> = (0..50)
            .map(|n: usize| {
                let (client, base) = (client.clone(), bases[n % 2].clone());
                let fields = vec![
                    ("cle".to_string(), format!("{n:0>43}")),
                    ("nom".to_string(), format!("Client {n}")),
                    ("email".to_string(), format!("client{n}@example.be")),
                    (slot_name.clone(), slot.clone()),
                    ("ligne".to_string(), line.clone()),
                ];
                tokio::spawn(async move {
                    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
                    client
                        .post(format!("{base}/panier/commander"))
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .header(header::ACCEPT, "text/html")
                        .header(header::ORIGIN, &base)
                        .header("sec-fetch-site", "same-origin")
                        // Each its own client behind the trusted proxy: no throttle in the way.
                        .header("x-forwarded-for", format!("10.1.{}.{}", n / 200, n % 200 + 1))
                        .body(body)
                        .send()
                        .await
                        .unwrap()
                        .status()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for handle in handles {
            statuses.push(handle.await.unwrap());
        }
        let placed = statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
        assert_eq!((placed, refused), (1, 49), "{label}: {statuses:?}");
        let left = product::Entity::find_by_id(id).one(&server.db).await.unwrap().unwrap().quantity;
        assert_eq!(left, Some(0), "{label}");
        assert_eq!(order::Entity::find().all(&server.db).await.unwrap().len(), 1, "{label}");
    })
    .await;
}

/// A shopper without JavaScript reserves `quantity` of `product` (of `shop`) as `email`; the
/// order page's path.
async fn reserve(server: &TestApp, shop: i32, product: i32, email: &str) -> String {
    let added = post(server, None, "/panier/ajouter", &[("produit", &product.to_string()), ("quantite", "1")]).await;
    let cookie = location_cookie(&added);
    let html = server.get_as(Some(&cookie), "/panier").await.text().await.unwrap();
    let (key, lines, slot) = (inputs(&html, "cle").remove(0), inputs(&html, "ligne"), first_slot(&html, shop));
    let slot_name = format!("creneau-{shop}");
    let mut form: Vec<(&str, &str)> = vec![("cle", &key), ("nom", "Luc Martin"), ("email", email), ("telephone", ""), (&slot_name, &slot)];
    form.extend(lines.iter().map(|l| ("ligne", l.as_str())));
    let placed = post(server, Some(&cookie), "/panier/commander", &form).await;
    assert_eq!(placed.status(), StatusCode::SEE_OTHER);
    location(&placed)
}

/// The basket's cookie a response sets (`name=value`).
fn location_cookie(response: &reqwest::Response) -> String {
    let set = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn the_shop_is_emailed_at_each_new_order_and_its_settings_come_back_as_typed_when_refused() {
    on_every_backend(Options::demo().mail(), |server| async move {
        let label = server.label;
        let shops = server.shops().await;
        let one = &shops[0];
        let p = people(&server).await;
        let tart = product(&server, one.id, "Tarte réservable", 1800, 5).await;
        let to = |address: &'static str| {
            server.sink().received().into_iter().filter(|m| m.rcpt_to.iter().any(|r| r.contains(address))).count()
        };

        // A new order: each of the shop's people gets an e-mail.
        reserve(&server, one.id, tart, "luc@example.be").await;
        server.deliver(saturday_morning()).await;
        assert_eq!((to(harness::MERCHANT.0), to("vendeuse@lemaire.be")), (1, 1), "{label}");
        assert_eq!(to("owner@two.be"), 0, "{label}: another shop's people hear nothing");

        // Refused settings come back as typed, each field with its message; nothing is saved.
        let settings = format!("/tableau-de-bord/{}/commandes/reglages", one.id);
        let fields = [("preparation", "-5"), ("creneau", "15"), ("delai", "3")];
        let refused = post(&server, Some(&p.owner), &settings, &fields).await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER, "{label}");
        let back = location(&refused);
        assert!(back.contains("formulaire=") && back.ends_with("#pickup-settings-title"), "{label}: {back}");
        let html = server.get_as(Some(&p.owner), &back).await.text().await.unwrap();
        assert!(html.contains("value=\"-5\"") && html.contains("value=\"15\"") && html.contains("value=\"3\""), "{label}");
        assert!(html.contains("Un nombre entier entre 0 et 10080") && html.contains("aria-invalid=\"true\""), "{label}");
        let checkbox = &html[html.find("id=\"notify-orders\"").unwrap()..];
        assert!(!checkbox[..checkbox.find('>').unwrap()].contains("checked"), "{label}: the box as it was sent (unticked)");
        let saved = domain::orders::settings(&server.db, one.id).await.unwrap();
        assert_eq!((saved.prep_minutes, saved.notify_orders), (120, true), "{label}");
        // Another shop's owner may not change them.
        let forbidden = post(&server, Some(&p.other_owner), &settings, &[("preparation", "60"), ("creneau", "15"), ("delai", "3")]).await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN, "{label}");

        // Saved with the box unticked: the next order reaches the inbox only.
        let saved = post(&server, Some(&p.owner), &settings, &[("preparation", "60"), ("creneau", "15"), ("delai", "3")]).await;
        assert_eq!(location(&saved), format!("/tableau-de-bord/{}/commandes?fait=reglages", one.id), "{label}");
        let html = server.get_as(Some(&p.owner), &format!("/tableau-de-bord/{}/commandes", one.id)).await.text().await.unwrap();
        assert!(html.contains("value=\"60\"") && html.contains("Luc Martin"), "{label}");
        reserve(&server, one.id, tart, "lea@example.be").await;
        server.deliver(saturday_morning()).await;
        assert_eq!(to(harness::MERCHANT.0), 1, "{label}: no e-mail once switched off");
        assert_eq!(to("lea@example.be"), 1, "{label}: the shopper still hears");
    })
    .await;
}
