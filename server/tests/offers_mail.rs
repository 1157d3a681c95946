//! Following offers by e-mail (issue 8) end to end over HTTP and a real SMTP conversation (the
//! test sink of `support/smtp_sink.rs`), on SQLite and PostgreSQL: the form's answers, exactly one
//! confirmation e-mail however often an address is typed, its link working once (opening it
//! confirms nothing), the weekly digest's contents per choices and language with its
//! `List-Unsubscribe` headers, and the one-click unsubscribe a mail provider sends from elsewhere.

#[path = "support/app.rs"]
mod harness;

use std::time::Duration;

use domain::mail::Notifier;
use domain::offers::digest::{self, Outcome};
use entity::offer_subscriber;
use harness::smtp_sink::Received;
use harness::{at, eventually, on_every_backend, post, saturday_morning, Options, Post};
use mail_parser::MessageParser;
use reqwest::{header, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};

struct Opened {
    to: String,
    subject: String,
    text: String,
    list_unsubscribe: Option<String>,
    list_unsubscribe_post: Option<String>,
    language: String,
}

fn open(received: &Received) -> Opened {
    let message = MessageParser::default().parse(&received.data).expect("a parsable e-mail");
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_string());
    Opened {
        to: received.rcpt_to[0].clone(),
        subject: message.subject().unwrap_or_default().to_string(),
        text: message.body_text(0).unwrap_or_default().to_string(),
        list_unsubscribe: header("List-Unsubscribe"),
        list_unsubscribe_post: header("List-Unsubscribe-Post"),
        language: header("Content-Language").unwrap_or_default(),
    }
}

/// The link of `path` in an e-mail's text, made relative to the server.
fn link_in(text: &str, base: &str, path: &str) -> String {
    let start = text.find(&format!("{base}{path}")).unwrap_or_else(|| panic!("no {path} link in {text}"));
    let link = text[start..].split_whitespace().next().unwrap();
    link.strip_prefix(base).unwrap().to_string()
}

fn query_value(path: &str, name: &str) -> String {
    let query = path.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes()).find(|(n, _)| n == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_subscribes_once_confirms_once_gets_the_digest_and_leaves_in_one_click() {
    on_every_backend(Options::demo_without_offers().mail(), |server| async move {
        let label = server.label;
        let sink = server.sink();
        let shops = server.shops().await;
        let now = saturday_morning();

        // A business page links to the form with its shop preselected (a full page load).
        let business = server.get(&format!("/commerces/{}", shops[1].slug)).await.text().await.unwrap();
        let follow_link = format!("href=\"/offres/suivre?commerce={}\" rel=\"external\"", shops[1].slug);
        assert!(business.contains(&follow_link), "{label}: the business page's follow link");
        // The form, with the shop of a business page's "follow" link preselected.
        let form = server.get(&format!("/offres/suivre?commerce={}", shops[1].slug)).await;
        assert_eq!(form.status(), StatusCode::OK, "{label}");
        let html = form.text().await.unwrap();
        assert!(html.contains("action=\"/offres/suivre\"") && html.contains("name=\"email\""), "{label}");
        assert!(html.contains(&format!("value=\"{}\" checked", shops[1].id)), "{label}: the shop is preselected");
        assert!(!html.contains(".wasm"), "{label}: no bundle on this page");

        // Typed twice: the same answer, one e-mail.
        for _ in 0..2 {
            let sent = server.post_form("/offres/suivre", &[("email", "Lea@Example.be"), ("choix", "all")]).await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{label}");
            assert_eq!(sent.headers()[header::LOCATION], "/offres/suivre?envoye=1", "{label}");
        }
        let inbox = server.get("/offres/suivre?envoye=1").await.text().await.unwrap();
        assert!(inbox.contains("Vérifiez votre boîte de réception"), "{label}");
        // In Dutch, choosing two shops.
        let dutch = server
            .post_form(
                "/nl/offres/suivre",
                &[
                    ("email", "jan@example.be"),
                    ("choix", "some"),
                    ("commerces", &shops[0].id.to_string()),
                    ("commerces", &shops[1].id.to_string()),
                ],
            )
            .await;
        assert_eq!(dutch.headers()[header::LOCATION], "/nl/offres/suivre?envoye=1", "{label}");
        server.deliver(now).await;
        let received = sink.received();
        assert_eq!(received.len(), 2, "{label}: one confirmation per address");
        let lea = received.iter().map(open).find(|m| m.to == "lea@example.be").expect("Léa's confirmation");
        assert_eq!(lea.subject, "Confirmez pour recevoir les offres des commerces", "{label}");
        assert_eq!(lea.language, "fr");
        assert!(lea.list_unsubscribe.is_none(), "{label}: a confirmation is not a list e-mail");
        let jan = received.iter().map(open).find(|m| m.to == "jan@example.be").unwrap();
        assert_eq!(jan.language, "nl");

        // Opening the link confirms nothing (mail scanners open links); its button does, once.
        let link = link_in(&lea.text, &server.base, "/offres/confirmer?jeton=");
        let page = server.get(&link).await;
        assert_eq!(page.status(), StatusCode::OK, "{label}");
        assert!(page.text().await.unwrap().contains("tous les commerces"), "{label}");
        let row = offer_subscriber::Entity::find().all(&server.db).await.unwrap();
        assert!(row.iter().all(|r| r.confirmed_at.is_none()), "{label}: opening is not confirming");
        let token = query_value(&link, "jeton");
        let confirmed = server.post_form("/offres/confirmer", &[("jeton", &token)]).await;
        assert_eq!(confirmed.status(), StatusCode::SEE_OTHER, "{label}");
        assert_eq!(confirmed.headers()[header::LOCATION], "/offres/confirmer?fait=1", "{label}");
        let used = server.post_form("/offres/confirmer", &[("jeton", &token)]).await;
        assert_eq!(used.status(), StatusCode::NOT_FOUND, "{label}: a link works once");
        assert!(used.text().await.unwrap().contains("Ce lien a déjà servi"), "{label}");
        assert_eq!(server.get(&link).await.status(), StatusCode::NOT_FOUND, "{label}");
        let jan_link = link_in(&jan.text, &server.base, "/nl/offres/confirmer?jeton=");
        let jan_page = server.get(&jan_link).await.text().await.unwrap();
        assert!(jan_page.contains("2 gekozen winkel"), "{label}: {jan_page}");
        let jan_done = server.post_form("/nl/offres/confirmer", &[("jeton", &query_value(&jan_link, "jeton"))]).await;
        assert_eq!(jan_done.headers()[header::LOCATION], "/nl/offres/confirmer?fait=1", "{label}");

        // Monday's digest: Léa (every shop, French) and Jan (two shops, Dutch).
        let week = at("2026-11-25T10:00:00+01:00");
        post(&server.db, Post { title_nl: "Koeken", ..Post::live(shops[0].id, "Galettes", week) }).await;
        post(&server.db, Post::live(shops[5].id, "Chez un autre", week)).await;
        let monday = at("2026-11-30T09:00:00+01:00");
        assert!(matches!(
            digest::run(&server.db, &server.state.mail, &server.base, monday).await.unwrap(),
            Outcome::Queued { emails: 2, .. }
        ));
        server.deliver(monday).await;
        let digests: Vec<Opened> = sink.received().iter().skip(2).map(open).collect();
        assert_eq!(digests.len(), 2, "{label}");
        let to_lea = digests.iter().find(|m| m.to == "lea@example.be").unwrap();
        assert_eq!(to_lea.subject, "2 nouvelles offres des commerces cette semaine", "{label}");
        assert!(to_lea.text.contains("Galettes") && to_lea.text.contains("Chez un autre"), "{label}");
        let to_jan = digests.iter().find(|m| m.to == "jan@example.be").unwrap();
        assert_eq!(to_jan.subject, "1 nieuwe aanbieding van de winkels deze week", "{label}");
        assert!(to_jan.text.contains("Koeken") && !to_jan.text.contains("Chez un autre"), "{label}");
        for mail in &digests {
            let header = mail.list_unsubscribe.as_deref().expect("List-Unsubscribe");
            assert!(header.starts_with(&format!("<{}/", server.base)) && header.ends_with('>'), "{label}: {header}");
            assert!(header.contains("/offres/desabonnement?cle="), "{label}: {header}");
            assert_eq!(mail.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"), "{label}");
        }
        // The same week again: nothing more.
        assert_eq!(
            digest::run(&server.db, &server.state.mail, &server.base, monday + chrono::Duration::hours(1))
                .await
                .unwrap(),
            Outcome::AlreadyDone
        );

        // Léa's mail provider unsubscribes her in one click: another origin, no cookie.
        let url = to_lea.list_unsubscribe.as_deref().unwrap().trim_matches(['<', '>']).to_string();
        let one_click = server
            .client
            .post(&url)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://mail.example")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(one_click.status(), StatusCode::OK, "{label}");
        assert_eq!(offer_subscriber::Entity::find().count(&server.db).await.unwrap(), 1, "{label}: Léa is gone");
        // Jan uses the page's button.
        let jan_url = to_jan.list_unsubscribe.as_deref().unwrap().trim_matches(['<', '>']).to_string();
        let jan_path = jan_url.strip_prefix(&server.base).unwrap().to_string();
        let page = server.get(&jan_path).await;
        assert_eq!(page.status(), StatusCode::OK, "{label}");
        assert!(page.text().await.unwrap().contains("Mij uitschrijven"), "{label}");
        let left = server.post_form(&jan_path, &[("List-Unsubscribe", "One-Click")]).await;
        assert_eq!(left.status(), StatusCode::SEE_OTHER, "{label}");
        assert_eq!(left.headers()[header::LOCATION], "/nl/offres/desabonnement?fait=1", "{label}");
        assert_eq!(offer_subscriber::Entity::find().count(&server.db).await.unwrap(), 0, "{label}: nothing is kept");
        assert_eq!(server.get(&jan_path).await.status(), StatusCode::NOT_FOUND, "{label}: the key is gone");
        sink.stop().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_answered_on_the_form_and_cross_site_posts_are_refused() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        // A bad address: 422, the form again with the message and what was typed.
        let refused = server.post_form("/offres/suivre", &[("email", "pas-une-adresse"), ("choix", "all")]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(refused.headers()[header::CACHE_CONTROL], "no-store", "{label}");
        let html = refused.text().await.unwrap();
        assert!(html.contains("Indiquez une adresse e-mail valide"), "{label}");
        assert!(html.contains("value=\"pas-une-adresse\""), "{label}: what was typed stays");
        // "Only the chosen shops" without any, or with one that does not exist.
        let none = server.post_form("/en/offres/suivre", &[("email", "a@example.be"), ("choix", "some")]).await;
        assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(none.text().await.unwrap().contains("Tick at least one shop"), "{label}");
        let forged = server
            .post_form("/offres/suivre", &[("email", "a@example.be"), ("choix", "some"), ("commerces", "999999")])
            .await;
        assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let junk = server
            .post_form("/offres/suivre", &[("email", "a@example.be"), ("choix", "some"), ("commerces", "1; DROP")])
            .await;
        assert_eq!(junk.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(offer_subscriber::Entity::find().count(&server.db).await.unwrap(), 0, "{label}: nothing saved");
        // Unknown, forged and empty confirmation links.
        for path in ["/offres/confirmer?jeton=nope", "/offres/confirmer", "/nl/offres/confirmer?jeton=x.fr.a"] {
            assert_eq!(server.get(path).await.status(), StatusCode::NOT_FOUND, "{label} {path}");
        }
        assert_eq!(server.post_form("/offres/confirmer", &[("jeton", "nope")]).await.status(), StatusCode::NOT_FOUND);
        // An unsubscribe POST without the one-click body is not one.
        let bare = server.post_form("/offres/desabonnement?cle=abc", &[]).await;
        assert_eq!(bare.status(), StatusCode::BAD_REQUEST, "{label}");
        // Another site's form cannot subscribe someone.
        let cross = server
            .client
            .post(format!("{}/offres/suivre", server.base))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://evil.example")
            .body("email=victim%40example.be&choix=all")
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), StatusCode::FORBIDDEN, "{label}");
        assert_eq!(offer_subscriber::Entity::find().count(&server.db).await.unwrap(), 0, "{label}");
    })
    .await;
}

/// The throttle: one IP asking for many addresses is stopped (429, on the form).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_ip_cannot_flood_inboxes() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let mut statuses = Vec::new();
        for n in 0..(domain::offers::follow::IP_LIMIT + 1) {
            let email = format!("person{n}@example.be");
            statuses.push(server.post_form("/offres/suivre", &[("email", &email), ("choix", "all")]).await.status());
        }
        assert!(statuses[..statuses.len() - 1].iter().all(|s| *s == StatusCode::SEE_OTHER), "{}", server.label);
        assert_eq!(*statuses.last().unwrap(), StatusCode::TOO_MANY_REQUESTS, "{}", server.label);
    })
    .await;
}

/// Two instances' digest jobs (`vitrine::digest`, each checking at start) on one database: the
/// week's digest is queued once, and each follower receives one e-mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_send_the_week_s_digest_once() {
    use sea_orm::{ActiveValue::NotSet, Set};
    on_every_backend(Options::demo_without_offers().mail(), |server| async move {
        let label = server.label;
        let sink = server.sink();
        let shops = server.shops().await;
        let confirmed = saturday_morning() - chrono::Duration::days(3);
        for n in 0..5 {
            offer_subscriber::Entity::insert(offer_subscriber::ActiveModel {
                id: NotSet,
                email: Set(format!("f{n}@example.be")),
                language: Set("fr".into()),
                all_businesses: Set(true),
                confirm_hash: Set(None),
                confirm_expires_at: Set(confirmed),
                confirmed_at: Set(Some(confirmed)),
                unsubscribe_key: Set(domain::accounts::tokens::random_token()),
                created_at: Set(confirmed),
                frequency: Set("weekly".into()),
                daily_sent_at: Set(None),
            })
            .exec(&server.db)
            .await
            .unwrap();
        }
        post(&server.db, Post::live(shops[0].id, "Galettes", at("2026-11-25T10:00:00+01:00"))).await;
        let monday = domain::Clock::Fixed(at("2026-11-30T08:10:00+01:00"));
        let jobs = [
            vitrine::digest::Digest::start(server.db.clone(), Notifier::new(), server.base.clone(), monday),
            vitrine::digest::Digest::start(server.db.clone(), Notifier::new(), server.base.clone(), monday),
        ];
        let db = &server.db;
        let claimed = eventually(Duration::from_secs(10), "the week's digest is claimed", move || async move {
            entity::offer_digest::Entity::find().one(db).await.unwrap().filter(|d| d.queued > 0)
        })
        .await;
        for job in jobs {
            job.stop().await;
        }
        assert_eq!(claimed.queued, 5, "{label}: one claim, five e-mails");
        server.deliver(at("2026-11-30T08:11:00+01:00")).await;
        let mut recipients: Vec<String> = sink.received().iter().map(|r| r.rcpt_to[0].clone()).collect();
        recipients.sort();
        assert_eq!(recipients, (0..5).map(|n| format!("f{n}@example.be")).collect::<Vec<_>>(), "{label}: once each");
        sink.stop().await;
    })
    .await;
}

/// A confirmed follower of every shop, stored as the digest finds them, with a known
/// unsubscribe key.
async fn follower(db: &sea_orm::DatabaseConnection, email: &str, key: &str) {
    use sea_orm::{ActiveModelTrait, Set};
    offer_subscriber::ActiveModel {
        email: Set(email.into()),
        language: Set("fr".into()),
        all_businesses: Set(true),
        confirm_hash: Set(None),
        confirm_expires_at: Set(saturday_morning()),
        confirmed_at: Set(Some(saturday_morning())),
        unsubscribe_key: Set(key.into()),
        created_at: Set(saturday_morning()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_provider_unsubscribes_in_one_click_with_a_url_encoded_or_a_multipart_body() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        let (url_key, multipart_key) = ("u".repeat(43), "m".repeat(43));
        follower(&server.db, "url@example.be", &url_key).await;
        follower(&server.db, "multipart@example.be", &multipart_key).await;
        follower(&server.db, "reste@example.be", &"r".repeat(43)).await;
        let one_click = |key: &str, content_type: &str, body: String| {
            server
                .client
                .post(format!("{}/offres/desabonnement?cle={key}", server.base))
                .header(header::CONTENT_TYPE, content_type.to_string())
                .header(header::ORIGIN, "https://mail.example")
                .body(body)
                .send()
        };

        let url_encoded = one_click(&url_key, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".into())
            .await
            .unwrap();
        assert_eq!(url_encoded.status(), StatusCode::OK, "{label}");

        // The same request as a multipart form, as some providers send it.
        let boundary = "----vitrine-one-click-7MA4YWxkTrZu0gW";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--{boundary}--\r\n"
        );
        let multipart =
            one_click(&multipart_key, &format!("multipart/form-data; boundary={boundary}"), body).await.unwrap();
        assert_eq!(multipart.status(), StatusCode::OK, "{label}");
        let left: Vec<String> =
            offer_subscriber::Entity::find().all(&server.db).await.unwrap().into_iter().map(|s| s.email).collect();
        assert_eq!(left, vec!["reste@example.be".to_string()], "{label}: both are gone, nobody else");

        // A multipart body without the one-click field, or one that cannot be read, unsubscribes
        // nobody.
        let rest = "r".repeat(43);
        let other = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"autre\"\r\n\r\nOne-Click\r\n--{boundary}--\r\n"
        );
        let wrong = one_click(&rest, &format!("multipart/form-data; boundary={boundary}"), other).await.unwrap();
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST, "{label}");
        let broken = one_click(&rest, "multipart/form-data", "List-Unsubscribe=One-Click".into()).await.unwrap();
        assert_eq!(broken.status(), StatusCode::BAD_REQUEST, "{label}");
        assert_eq!(offer_subscriber::Entity::find().count(&server.db).await.unwrap(), 1, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_form_offers_weekly_or_daily_e_mails_in_three_languages() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        for (prefix, daily) in [
            ("", "Dès qu'une offre est publiée (au plus un e-mail par jour)"),
            ("/nl", "Zodra een aanbieding gepubliceerd is (hoogstens één e-mail per dag)"),
            ("/en", "As soon as an offer is published (at most one e-mail a day)"),
        ] {
            let page = server.get(&format!("{prefix}/offres/suivre")).await.text().await.unwrap();
            assert!(page.contains(r#"name="frequence" value="weekly" checked"#), "{label}: weekly by default");
            assert!(page.contains(r#"name="frequence" value="daily""#) && page.contains(daily), "{label} {prefix}");
        }
        // A refused form keeps the choice; an accepted one stores it.
        let refused = server
            .post_form("/offres/suivre", &[("email", "pas-une-adresse"), ("choix", "all"), ("frequence", "daily")])
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.text().await.unwrap().contains(r#"name="frequence" value="daily" checked"#), "{label}");
        let sent = server
            .post_form("/offres/suivre", &[("email", "vite@example.be"), ("choix", "all"), ("frequence", "daily")])
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{label}");
        let row = offer_subscriber::Entity::find().one(&server.db).await.unwrap().unwrap();
        assert_eq!((row.email.as_str(), row.frequency.as_str()), ("vite@example.be", "daily"), "{label}");
    })
    .await;
}
