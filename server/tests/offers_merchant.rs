//! The merchant's offers over HTTP (issue 8), on a real server (port 0) over SQLite, and
//! PostgreSQL too when `TEST_DATABASE_URL` is set:
//! - every write route's authorisation matrix: anonymous (401, or the login page for the
//!   form), another business's owner and staff (403), an offer id of another business (404),
//!   and the business's owner, staff and a town administrator (done);
//! - bad input through the multipart form (end before start, start in the past, a 5 MB title,
//!   a file that is no image, a promo code with control characters): the honest status for a
//!   client that asks no HTML, and for a browser without JavaScript a 303 back to the form,
//!   which shows each message next to its field with what was typed; nothing saved;
//! - an edit from a stale version: 409, and for a browser the form again with the conflict;
//! - the no-JS form: preview (303 to the offer page), publish (303 to the list, which shows it);
//! - the poster: an A4 SVG whose QR code, drawn back into pixels, decodes to the offer's URL.

use harness::{on_every_backend, people, saturday_morning, Options, TestApp};
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

#[path = "support/app.rs"]
mod harness;
#[path = "support/png.rs"]
mod png;
use png::gradient_png;

/// A shopper's phone.
const BROWSER: &str =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                       Version/18.1 Mobile/15E148 Safari/604.1";

const BOUNDARY: &str = "vitrine-offer-boundary-Qm9uam91cg";

/// One part of the form: a text field, or a file (file name, declared type, bytes).
enum Part<'a> {
    Text(&'a str, String),
    File(&'a str, &'a str, Vec<u8>),
}

fn multipart(parts: Vec<Part>) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(file_name, kind, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"photo\"; filename=\"{file_name}\"\r\nContent-Type: {kind}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(&bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The form as a browser sends it: every field, the photo input empty unless given.
fn offer_form(fields: &[(&str, &str)], photo: Option<(&str, &str, Vec<u8>)>) -> Vec<u8> {
    let defaults = [
        ("offer_id", ""),
        ("version", "0"),
        ("kind", "promotion"),
        ("title_fr", "Bûches de Noël -15 %"),
        ("body_fr", "Toutes nos bûches.\nCommandez avant le 20 décembre."),
        ("conditions_fr", ""),
        ("title_nl", ""),
        ("body_nl", ""),
        ("conditions_nl", ""),
        ("title_en", ""),
        ("body_en", ""),
        ("conditions_en", ""),
        ("photo_alt_fr", ""),
        ("photo_alt_nl", ""),
        ("photo_alt_en", ""),
        ("starts_on", "2026-11-28"),
        ("ends_on", "2026-12-05"),
        ("promo_code", "NOEL26"),
        ("action", "publish"),
    ];
    let mut parts: Vec<Part> = defaults
        .iter()
        .map(|(name, value)| {
            let value = fields.iter().find(|(n, _)| n == name).map(|(_, v)| *v).unwrap_or(value);
            Part::Text(name, value.to_string())
        })
        .collect();
    parts.push(match photo {
        Some((file_name, kind, bytes)) => Part::File(file_name, kind, bytes),
        None => Part::File("", "application/octet-stream", Vec::new()),
    });
    multipart(parts)
}

/// Posts the offer form of business `business` as a same-origin browser (`html`) or a script.
async fn post_form(
    server: &TestApp,
    cookie: Option<&str>,
    business: i32,
    body: Vec<u8>,
    html: bool,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}/tableau-de-bord/{business}/offres/envoyer", server.base))
        .header(header::ORIGIN, &server.base)
        .header("Sec-Fetch-Site", "same-origin")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::ACCEPT, if html { "text/html,application/xhtml+xml" } else { "application/json" })
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

/// Calls a server function of the list as a script would (the honest status, JSON errors).
async fn call(server: &TestApp, cookie: Option<&str>, endpoint: &str, form: &[(&str, String)]) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}/api/{endpoint}", server.base))
        .header(header::ORIGIN, &server.base)
        .header("Sec-Fetch-Site", "same-origin")
        .form(form);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn get(server: &TestApp, cookie: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = server.client.get(format!("{}{path}", server.base));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn offers_count(db: &DatabaseConnection) -> u64 {
    entity::offer::Entity::find().count(db).await.unwrap()
}

async fn offer(db: &DatabaseConnection, id: i32) -> Option<entity::offer::Model> {
    entity::offer::Entity::find_by_id(id).one(db).await.unwrap()
}

/// The id of the newest offer titled `title`.
async fn offer_titled(db: &DatabaseConnection, title: &str) -> entity::offer::Model {
    let mut rows =
        entity::offer::Entity::find().filter(entity::offer::Column::TitleFr.eq(title)).all(db).await.unwrap();
    rows.sort_by_key(|o| o.id);
    rows.pop().unwrap_or_else(|| panic!("no offer titled {title}"))
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

/// An offer of business `business` made through the domain (for the tests of other routes).
async fn make_offer(server: &TestApp, business: i32, title: &str, publish: bool) -> i32 {
    let owner = entity::membership::Entity::find()
        .filter(entity::membership::Column::BusinessId.eq(business))
        .one(&server.db)
        .await
        .unwrap()
        .unwrap();
    let account = entity::account::Entity::find_by_id(owner.account_id).one(&server.db).await.unwrap().unwrap();
    let actor = domain::accounts::actor_of(&account);
    let form = common::offers::OfferForm {
        kind: "event".into(),
        title_fr: title.into(),
        body_fr: "Dégustation au magasin.".into(),
        starts_on: "2026-11-28".into(),
        ends_on: "2026-12-12".into(),
        ..Default::default()
    };
    let media = std::env::temp_dir().join(harness::unique("vitrine_app_unused_media"));
    domain::offers::manage::create(&server.db, &media, Some(&actor), business, &form, None, publish, saturday_morning())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_route_answers_who_may_and_who_may_not() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let mine = make_offer(&server, 1, "Atelier galettes", true).await;
        let theirs = make_offer(&server, 2, "Offre de l'autre commerce", true).await;

        // The form: anonymous → the login page; another business's people → 403; done by
        // business 1's owner, staff and the administrator.
        let anonymous = post_form(&server, None, 1, offer_form(&[], None), true).await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "{label}");
        assert_eq!(location(&anonymous), "/connexion");
        for (who, cookie) in [("other owner", &p.other_owner), ("other staff", &p.other_staff)] {
            let before = offers_count(&server.db).await;
            let refused = post_form(&server, Some(cookie), 1, offer_form(&[], None), true).await;
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{label} {who}");
            assert_eq!(offers_count(&server.db).await, before, "{label} {who}: nothing saved");
        }
        // Editing another business's offer under this business: not found, nothing changed.
        let forged = offer_form(&[("offer_id", &theirs.to_string()), ("version", "1"), ("title_fr", "Volée")], None);
        let forged = post_form(&server, Some(&p.owner), 1, forged, true).await;
        assert_eq!(forged.status(), StatusCode::NOT_FOUND, "{label}");
        assert_eq!(offer(&server.db, theirs).await.unwrap().title_fr, "Offre de l'autre commerce");
        for (who, cookie) in [("owner", &p.owner), ("staff", &p.staff), ("admin", &p.admin)] {
            let title = format!("Posté par {who}");
            let done = post_form(&server, Some(cookie), 1, offer_form(&[("title_fr", &title)], None), true).await;
            assert_eq!(done.status(), StatusCode::SEE_OTHER, "{label} {who}");
            let posted = offer_titled(&server.db, &title).await;
            assert_eq!(posted.business_id, 1);
            assert!(posted.published_at.is_some());
            assert!(location(&done).starts_with("/tableau-de-bord/1/offres?fait=publiee"), "{}", location(&done));
        }

        // The list's server functions: publish, end early, delete, post again.
        let base =
            |offer: i32| vec![("lang", "Fr".to_string()), ("business_id", "1".into()), ("offer_id", offer.to_string())];
        let with = |offer: i32, extra: &[(&'static str, &str)]| {
            let mut form = base(offer);
            form.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
            form
        };
        let again = [("starts_on", "2026-12-01"), ("ends_on", "2026-12-08")];
        let routes: [(&str, &[(&'static str, &str)]); 4] = [
            ("publish_offer", &[("version", "1")]),
            ("end_offer", &[]),
            ("delete_offer", &[]),
            ("post_offer_again", &again),
        ];
        for (endpoint, extra) in routes {
            let anonymous = call(&server, None, endpoint, &with(mine, extra)).await;
            assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{label} {endpoint}");
            for (who, cookie) in [("other owner", &p.other_owner), ("other staff", &p.other_staff)] {
                let refused = call(&server, Some(cookie), endpoint, &with(mine, extra)).await;
                assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{label} {endpoint} {who}");
            }
            for (who, cookie) in [("owner", &p.owner), ("admin", &p.admin)] {
                let forged = call(&server, Some(cookie), endpoint, &with(theirs, extra)).await;
                assert_eq!(forged.status(), StatusCode::NOT_FOUND, "{label} {endpoint} {who}");
            }
        }
        assert!(offer(&server.db, mine).await.unwrap().ended_at.is_none(), "{label}: nothing changed");
        assert!(offer(&server.db, theirs).await.unwrap().ended_at.is_none(), "{label}: nothing changed");

        // Done by each of business 1's people: the owner, a staff member, the administrator.
        for (who, cookie) in [("owner", &p.owner), ("staff", &p.staff), ("admin", &p.admin)] {
            let draft = make_offer(&server, 1, &format!("Brouillon de {who}"), false).await;
            let published = call(&server, Some(cookie), "publish_offer", &with(draft, &[("version", "1")])).await;
            assert!(published.status().is_success(), "{label} {who} publish {}", published.status());
            assert!(offer(&server.db, draft).await.unwrap().published_at.is_some());
            let ended = call(&server, Some(cookie), "end_offer", &base(draft)).await;
            assert!(ended.status().is_success(), "{label} {who} end {}", ended.status());
            assert!(offer(&server.db, draft).await.unwrap().ended_at.is_some());
            let before = offers_count(&server.db).await;
            let copied = call(&server, Some(cookie), "post_offer_again", &with(draft, &again)).await;
            assert!(copied.status().is_success(), "{label} {who} post again {}", copied.status());
            assert_eq!(offers_count(&server.db).await, before + 1);
            let deleted = call(&server, Some(cookie), "delete_offer", &base(draft)).await;
            assert!(deleted.status().is_success(), "{label} {who} delete {}", deleted.status());
            assert!(offer(&server.db, draft).await.is_none());
        }
        // A stale version is a conflict.
        let draft = make_offer(&server, 1, "Brouillon ancien", false).await;
        let stale = call(&server, Some(&p.owner), "publish_offer", &with(draft, &[("version", "0")])).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT, "{label}");
        assert!(offer(&server.db, draft).await.unwrap().published_at.is_none());

        // The pages and the poster: for the business's people only.
        for path in ["/tableau-de-bord/1/offres", "/tableau-de-bord/1/offres/nouvelle"] {
            let page = get(&server, Some(&p.staff), path).await;
            assert_eq!(page.status(), StatusCode::OK, "{label} {path}");
            assert!(page.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"), "{label} {path}");
            assert_eq!(
                get(&server, Some(&p.other_owner), path).await.status(),
                StatusCode::FORBIDDEN,
                "{label} {path}"
            );
            assert_eq!(get(&server, None, path).await.status(), StatusCode::UNAUTHORIZED, "{label} {path}");
        }
        let poster = format!("/tableau-de-bord/1/offres/{mine}/affiche.svg");
        assert_eq!(get(&server, None, &poster).await.status(), StatusCode::UNAUTHORIZED, "{label}");
        assert_eq!(get(&server, Some(&p.other_owner), &poster).await.status(), StatusCode::FORBIDDEN, "{label}");
        let forged = format!("/tableau-de-bord/1/offres/{theirs}/affiche.svg");
        assert_eq!(get(&server, Some(&p.owner), &forged).await.status(), StatusCode::NOT_FOUND, "{label}");
        assert_eq!(get(&server, Some(&p.staff), &poster).await.status(), StatusCode::OK, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_changes_nothing_and_comes_back_next_to_its_field() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let huge = "x".repeat(5 * 1024 * 1024);
        let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
            (
                "end before start",
                offer_form(&[("starts_on", "2026-12-10"), ("ends_on", "2026-12-08")], None),
                "ends_on",
                "end_before_start",
            ),
            ("start in the past", offer_form(&[("starts_on", "2026-11-20")], None), "starts_on", "start_in_past"),
            ("5 MB title", offer_form(&[("title_fr", &huge)], None), "title_fr", "too_long"),
            (
                "promo code with control characters",
                offer_form(&[("promo_code", "NOEL\u{1b}[31m")], None),
                "promo_code",
                "control_characters",
            ),
            (
                "not an image",
                offer_form(
                    &[("photo_alt_fr", "Une bûche")],
                    Some(("buche.jpg", "image/jpeg", b"%PDF-1.7 not a photo".to_vec())),
                ),
                "photo",
                "",
            ),
        ];
        for (case, body, field, problem) in cases {
            let before = offers_count(&server.db).await;
            // A script gets the honest status and the problems.
            let answer = post_form(&server, Some(&p.owner), 1, body.clone(), false).await;
            assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label} {case}");
            let error: common::AppError = answer.json().await.unwrap();
            let common::AppError::Invalid(problems) = error else { panic!("{label} {case}: {error:?}") };
            assert!(
                problems.iter().any(|p| p.field == field && (problem.is_empty() || p.problem == problem)),
                "{label} {case}: {problems:?}"
            );
            // A browser without JavaScript goes back to the form, which names the problem and
            // keeps what was typed.
            let answer = post_form(&server, Some(&p.owner), 1, body, true).await;
            assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{label} {case}");
            let back = location(&answer);
            assert!(back.starts_with("/tableau-de-bord/1/offres/nouvelle?refus="), "{label} {case}: {back}");
            let page = get(&server, Some(&p.owner), &back).await;
            assert_eq!(page.status(), StatusCode::OK, "{label} {case}");
            let html = page.text().await.unwrap();
            assert!(html.contains(&format!("id=\"{field}-error\"")), "{label} {case}: no message next to {field}");
            assert!(html.contains("Toutes nos bûches.\nCommandez avant le 20 décembre."), "{label} {case}: text kept");
            assert_eq!(offers_count(&server.db).await, before, "{label} {case}: nothing saved");
        }
        // The messages are translated: in Dutch on the Dutch form.
        let dutch = offer_form(&[("starts_on", "2026-12-10"), ("ends_on", "2026-12-08")], None);
        let answer = server
            .client
            .post(format!("{}/nl/tableau-de-bord/1/offres/envoyer", server.base))
            .header(header::ORIGIN, &server.base)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, &p.owner)
            .body(dutch)
            .send()
            .await
            .unwrap();
        let back = location(&answer);
        assert!(back.starts_with("/nl/tableau-de-bord/1/offres/nouvelle?"), "{label}: {back}");
        let html = get(&server, Some(&p.owner), &back).await.text().await.unwrap();
        assert!(html.contains("De laatste dag moet na de eerste komen."), "{label}");
        // A body that is not multipart: 415, nothing read.
        let not_multipart = server
            .client
            .post(format!("{}/tableau-de-bord/1/offres/envoyer", server.base))
            .header(header::ORIGIN, &server.base)
            .header(header::COOKIE, &p.owner)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("title_fr=x")
            .send()
            .await
            .unwrap();
        assert_eq!(not_multipart.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_merchant_previews_publishes_and_edits_with_versions() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        // Preview: saved as a draft, then the offer page.
        let body = offer_form(
            &[("title_fr", "Nouvelle vitrine de Noël"), ("action", "preview"), ("photo_alt_fr", "La vitrine décorée")],
            Some(("vitrine.png", "image/png", gradient_png(400, 300))),
        );
        let answer = post_form(&server, Some(&p.owner), 1, body, true).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{label}");
        let draft = offer_titled(&server.db, "Nouvelle vitrine de Noël").await;
        assert!(draft.published_at.is_none() && draft.photo_file.is_some(), "{label}");
        assert_eq!(location(&answer), format!("/offres/{}", draft.id));
        // The editor shows the draft with its "publish" action.
        let editor = get(&server, Some(&p.owner), &format!("/tableau-de-bord/1/offres/{}", draft.id)).await;
        assert_eq!(editor.status(), StatusCode::OK, "{label}");
        let html = editor.text().await.unwrap();
        assert!(html.contains("Nouvelle vitrine de Noël") && html.contains("Publier ce brouillon"), "{label}");
        // Publish from the form.
        let body = offer_form(
            &[
                ("offer_id", &draft.id.to_string()),
                ("version", &draft.version.to_string()),
                ("title_fr", "Nouvelle vitrine de Noël"),
                ("photo_alt_fr", "La vitrine décorée"),
            ],
            None,
        );
        let answer = post_form(&server, Some(&p.owner), 1, body, true).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{label}");
        let published = offer(&server.db, draft.id).await.unwrap();
        assert!(published.published_at.is_some() && published.photo_file == draft.photo_file, "{label}");
        let list = get(&server, Some(&p.owner), &location(&answer)).await.text().await.unwrap();
        assert!(list.contains("Offre publiée.") && list.contains("Nouvelle vitrine de Noël"), "{label}");
        // A second tab's edit from the first version: 409 for a script, the form again with the
        // conflict and what was typed for a browser; nothing changed.
        let stale = offer_form(
            &[
                ("offer_id", &draft.id.to_string()),
                ("version", &draft.version.to_string()),
                ("title_fr", "Titre d'un autre onglet"),
                ("photo_alt_fr", "La vitrine décorée"),
                ("action", "save"),
            ],
            None,
        );
        let answer = post_form(&server, Some(&p.staff), 1, stale.clone(), false).await;
        assert_eq!(answer.status(), StatusCode::CONFLICT, "{label}");
        let answer = post_form(&server, Some(&p.staff), 1, stale, true).await;
        let back = location(&answer);
        assert!(
            back.starts_with(&format!("/tableau-de-bord/1/offres/{}?conflit=1&formulaire=", draft.id)),
            "{label}: only the id of what was typed travels: {back}"
        );
        let html = get(&server, Some(&p.staff), &back).await.text().await.unwrap();
        assert!(html.contains("Quelqu"), "{label}: the conflict is explained");
        assert!(
            html.contains("Titre d&#x27;un autre onglet") || html.contains("Titre d'un autre onglet"),
            "{label}: what was typed is kept"
        );
        assert_eq!(offer(&server.db, draft.id).await.unwrap().title_fr, "Nouvelle vitrine de Noël", "{label}");
        // Someone else's link fills nothing (issue 12): not the values kept for another
        // session, not a typed form written into the address as it used to travel.
        let other = get(&server, Some(&p.owner), &back).await.text().await.unwrap();
        assert!(!other.contains("un autre onglet") && other.contains("Nouvelle vitrine de No"), "{label}");
        let crafted = app::pages::offers_merchant::encode_typed(
            &common::offers::OfferForm { title_fr: "Tout gratuit, cliquez ici".into(), ..Default::default() },
            1024,
        );
        for query in [format!("saisie={crafted}"), format!("formulaire={crafted}")] {
            let page = format!("/tableau-de-bord/1/offres/{}?conflit=1&{query}", draft.id);
            let html = get(&server, Some(&p.staff), &page).await.text().await.unwrap();
            assert!(!html.contains("Tout gratuit"), "{label}: {query}");
        }
    })
    .await;
}

/// The QR code of a poster drawn back into pixels (from its path of unit squares), decoded.
fn decode_poster_qr(svg: &str) -> String {
    let group = svg.split("<g id=\"qr\"").nth(1).expect("the poster has its QR group");
    let modules: usize = group.split("data-modules=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let path = group.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let quiet = 4;
    let side = modules + 2 * quiet;
    let mut dark = vec![false; side * side];
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let numbers = square.trim_end_matches("h1v1h-1z");
        let (x, y) = numbers.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        dark[y * side + x] = true;
    }
    let scale = 6;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| {
        if dark[(y / scale) * side + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("the QR code decodes").1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poster_is_an_a4_svg_whose_qr_code_reads_the_offer_url() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let body = offer_form(
            &[("title_fr", "Marché de Noël devant la boutique"), ("kind", "event"), ("photo_alt_fr", "Le chalet")],
            Some(("chalet.png", "image/png", gradient_png(300, 200))),
        );
        assert_eq!(post_form(&server, Some(&p.owner), 1, body, true).await.status(), StatusCode::SEE_OTHER);
        let id = offer_titled(&server.db, "Marché de Noël devant la boutique").await.id;
        for (prefix, url_prefix, scan) in
            [("", "", "Scannez pour voir l'offre"), ("/nl", "/nl", "Scan om de aanbieding te zien")]
        {
            let answer =
                get(&server, Some(&p.staff), &format!("{prefix}/tableau-de-bord/1/offres/{id}/affiche.svg")).await;
            assert_eq!(answer.status(), StatusCode::OK, "{label}");
            assert!(answer.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("image/svg+xml"));
            assert!(answer.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"));
            let svg = answer.text().await.unwrap();
            assert!(svg.contains("width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\""), "{label}: A4");
            assert!(svg.contains("Marché de Noël devant la boutique"), "{label}");
            assert!(svg.contains("Pâtisserie Lemaire"), "{label}: the shop's name");
            assert!(svg.contains(scan), "{label}: translated");
            assert!(svg.contains("href=\"data:image/jpeg;base64,"), "{label}: the photo is inlined");
            let scanned = decode_poster_qr(&svg);
            assert_eq!(scanned, format!("{}{url_prefix}/offres/{id}?via=partage", server.base), "{label}");
            // The scanned link leads to the offer's page.
            let visit = server.client.get(&scanned).header(header::USER_AGENT, BROWSER).send().await.unwrap();
            assert_eq!(visit.status(), StatusCode::SEE_OTHER, "{label}");
            assert_eq!(location(&visit), format!("{url_prefix}/offres/{id}"), "{label}");
        }
    })
    .await;
}

/// The directives of a Content-Security-Policy: name → sources.
fn directives(policy: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poster_opened_as_a_document_may_show_its_own_photo_and_nothing_else() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let body = offer_form(
            &[("title_fr", "Affiche avec photo"), ("kind", "event"), ("photo_alt_fr", "La vitrine")],
            Some(("vitrine.png", "image/png", gradient_png(300, 200))),
        );
        assert_eq!(post_form(&server, Some(&p.owner), 1, body, true).await.status(), StatusCode::SEE_OTHER);
        let id = offer_titled(&server.db, "Affiche avec photo").await.id;
        // What a browser sends when the dashboard's link opens the poster in a tab.
        let opened = server
            .client
            .get(format!("{}/tableau-de-bord/1/offres/{id}/affiche.svg", server.base))
            .header(header::COOKIE, &p.owner)
            .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8")
            .header("Sec-Fetch-Dest", "document")
            .header("Sec-Fetch-Mode", "navigate")
            .header("Sec-Fetch-Site", "same-origin")
            .header("Sec-Fetch-User", "?1")
            .header(header::USER_AGENT, BROWSER)
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), StatusCode::OK, "{label}");
        let policies: Vec<String> = opened
            .headers()
            .get_all(header::CONTENT_SECURITY_POLICY)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        assert_eq!(policies.len(), 1, "{label}: one policy, {policies:?}");
        let policy = directives(&policies[0]);
        // The document's own image, a data: URL, is allowed; nothing else is.
        assert_eq!(policy.get("img-src"), Some(&vec!["data:".to_string()]), "{label}: {policies:?}");
        assert_eq!(policy.get("default-src"), Some(&vec!["'none'".to_string()]), "{label}");
        assert_eq!(policy.get("sandbox"), Some(&Vec::new()), "{label}: sandboxed, with no allow-* exception");
        for loosened in ["script-src", "style-src", "connect-src", "object-src", "frame-src", "font-src"] {
            assert!(!policy.contains_key(loosened), "{label}: {loosened} in {policies:?}");
        }
        assert!(!policies[0].contains("unsafe"), "{label}");
        let svg = opened.text().await.unwrap();
        let image = svg.split("<image ").nth(1).expect("the poster has its photo");
        assert!(image.contains("href=\"data:image/jpeg;base64,"), "{label}: the photo is a data: URL");
    })
    .await;
}

/// The stored count of `kind` for business `business` today.
async fn stored(db: &DatabaseConnection, business: i32, kind: &str) -> i32 {
    entity::daily_count::Entity::find()
        .filter(entity::daily_count::Column::BusinessId.eq(business))
        .filter(entity::daily_count::Column::Kind.eq(kind))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.count)
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offer_views_and_share_visits_count_for_the_business_and_show_in_its_statistics() {
    on_every_backend(Options::demo(), |server| async move {
        let label = server.label;
        let p = people(&server).await;
        let id = make_offer(&server, 1, "Galettes à partager", true).await;
        let visit = |path: String, agent: &'static str, cookie: Option<String>| {
            let mut request = server.client.get(format!("{}{path}", server.base)).header(header::USER_AGENT, agent);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            request.send()
        };
        // A shared link: counted, then 303 to the offer's canonical URL (in its language).
        for prefix in ["", "/nl"] {
            let shared = visit(format!("{prefix}/offres/{id}?via=partage"), BROWSER, None).await.unwrap();
            assert_eq!(shared.status(), StatusCode::SEE_OTHER, "{label}");
            assert_eq!(location(&shared), format!("{prefix}/offres/{id}"), "{label}");
        }
        // Link previews, and the shop's own people, are redirected without being counted.
        let robot = visit(format!("/offres/{id}?via=partage"), "facebookexternalhit/1.1", None).await.unwrap();
        assert_eq!(robot.status(), StatusCode::SEE_OTHER, "{label}");
        let own = visit(format!("/offres/{id}?via=partage"), BROWSER, Some(p.owner.clone())).await.unwrap();
        assert_eq!(own.status(), StatusCode::SEE_OTHER, "{label}");
        // The offer's page itself, twice (the second from the page cache), counts two views.
        for _ in 0..2 {
            let page = visit(format!("/offres/{id}"), BROWSER, None).await.unwrap();
            assert_eq!(page.status(), StatusCode::OK, "{label}");
        }
        visit(format!("/offres/{id}"), "curl/8.5.0", None).await.unwrap();
        // A ping cannot add a view or a visit.
        for kind in ["offer_view", "share_visit"] {
            let ping = server
                .client
                .post(format!("{}/ping/patisserie-lemaire/{kind}", server.base))
                .header(header::ORIGIN, &server.base)
                .header(header::USER_AGENT, BROWSER)
                .send()
                .await
                .unwrap();
            assert_eq!(ping.status(), StatusCode::NOT_FOUND, "{label} {kind}");
        }
        server.settings.stats.flush(&server.db).await.unwrap();
        assert_eq!(stored(&server.db, 1, "share_visit").await, 2, "{label}");
        assert_eq!(stored(&server.db, 1, "offer_view").await, 2, "{label}");
        assert_eq!(stored(&server.db, 1, "view").await, 0, "{label}: the business page's views are apart");
        // The statistics page shows both series with their tables.
        let page = get(&server, Some(&p.owner), "/tableau-de-bord/1/statistiques?jours=7").await;
        assert_eq!(page.status(), StatusCode::OK, "{label}");
        let html = page.text().await.unwrap();
        for needle in
            ["id=\"stat-offer_view\"", "id=\"stat-share_visit\"", "Vues de vos offres", "Visites par un lien partagé"]
        {
            assert!(html.contains(needle), "{label}: {needle}");
        }
    })
    .await;
}
