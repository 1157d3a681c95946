//! Forms of the dashboard, the console and the account page posted the way a browser without
//! JavaScript posts them (issue 12): a refusal comes back to the form's page with the message
//! next to the field and the text as typed, line breaks included; a field over the body limit
//! gets a translated message, not JSON; a save from an outdated page says so and keeps the text;
//! and a link someone else made never pre-fills a form. SQLite, and PostgreSQL when
//! `TEST_DATABASE_URL` is set.

#[path = "support/app.rs"]
mod harness;

use harness::{on_every_backend, post, saturday_morning, Options, Post, TestApp, ADMIN, MERCHANT};
use reqwest::header;

/// Pâtisserie Lemaire, the merchant's business in the demo town.
const SHOP: i32 = 1;

/// A logged-in browser without JavaScript.
struct Browser<'a> {
    server: &'a TestApp,
    cookie: String,
}

/// Where a refused form sent the browser, and the page found there.
struct Back {
    location: String,
    html: String,
}

impl Browser<'_> {
    async fn new<'a>(server: &'a TestApp, login: (&str, &str)) -> Browser<'a> {
        Browser { server, cookie: server.log_in(login).await }
    }

    async fn page(&self, path: &str) -> String {
        let response = self.server.get_as(Some(&self.cookie), path).await;
        // A page showing a refusal answers with the refusal's status (409 for a conflict).
        let status = response.status();
        assert!(matches!(status.as_u16(), 200 | 409 | 413 | 422), "{}: {path}: {status}", self.server.label);
        response.text().await.unwrap()
    }

    /// Posts a form of `page` to `endpoint` as a browser without JavaScript does.
    async fn post(&self, page: &str, endpoint: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let base = &self.server.base;
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.server
            .client
            .post(format!("{base}/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .header(header::ORIGIN, base)
            .header(header::REFERER, format!("{base}{page}"))
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, &self.cookie)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// Posts, expects to be sent back to `page`, and follows.
    async fn refused(&self, page: &str, endpoint: &str, fields: &[(&str, &str)]) -> Back {
        let response = self.post(page, endpoint, fields).await;
        let label = self.server.label;
        assert!(response.status().is_redirection(), "{label}: {endpoint}: {}", response.status());
        let location = response.headers()[header::LOCATION].to_str().unwrap();
        let location = location.strip_prefix(self.server.base.as_str()).unwrap_or(location).to_string();
        assert!(location.starts_with(&format!("{page}?")), "{label}: {location}");
        let html = self.page(&location).await;
        if let Ok(dir) = std::env::var("FORMS_DUMP") {
            std::fs::write(format!("{dir}/{endpoint}.html"), &html).unwrap();
        }
        Back { location, html }
    }

    /// The form's version as the page shows it.
    async fn version(&self, page: &str) -> String {
        let html = self.page(page).await;
        attribute_after(&html, "name=\"version\"", "value").expect("a version field")
    }
}

/// Text as a browser reads it from HTML.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of `attribute` in the tag that holds `marker`.
fn attribute_after(html: &str, marker: &str, attribute: &str) -> Option<String> {
    let at = html.find(marker)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let needle = format!(" {attribute}=\"");
    let from = tag.find(&needle)? + needle.len();
    let to = from + tag[from..].find('"')?;
    Some(unescape(&tag[from..to]))
}

/// What the text field `id` shows (its `value`).
fn input_value(html: &str, id: &str) -> Option<String> {
    attribute_after(html, &format!("id=\"{id}\""), "value")
}

/// What the text area `id` holds, as the browser's parser reads it (CR LF is LF, and a line
/// break right after the opening tag is not part of the text).
fn textarea(html: &str, id: &str) -> String {
    let at = html.find(&format!("<textarea id=\"{id}\"")).unwrap_or_else(|| panic!("no text area {id}"));
    let from = at + html[at..].find('>').unwrap() + 1;
    let to = from + html[from..].find("</textarea>").unwrap();
    let text = unescape(&html[from..to]).replace("\r\n", "\n");
    text.strip_prefix('\n').map(str::to_string).unwrap_or(text)
}

/// The message shown next to `field`, if any.
fn message(html: &str, field: &str) -> Option<String> {
    let marker = format!("<p id=\"{field}-error\"");
    let at = html.find(&marker)?;
    let from = at + html[at..].find('>')? + 1;
    let to = from + html[from..].find('<')?;
    Some(unescape(&html[from..to]))
}

/// What a browser sends for a text area where `text` was typed: lines end in CR LF.
fn as_sent(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn assert_no_json(back: &Back, label: &str) {
    assert!(!back.html.contains("TooLarge") && !back.html.starts_with('{'), "{label}: {}", back.location);
}

const CONFLICT: &str = "modifié ces informations entre-temps";

/// The profile form's fields as the page has them, with some replaced.
async fn profile_fields(browser: &Browser<'_>, replaced: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let page = format!("/tableau-de-bord/{SHOP}/profil");
    let html = browser.page(&page).await;
    let mut fields = vec![
        ("lang", "Fr".to_string()),
        ("business_id", SHOP.to_string()),
        ("version", attribute_after(&html, "name=\"version\"", "value").unwrap()),
        ("category", "patisserie".to_string()),
    ];
    for name in ["name", "street", "postcode", "locality", "latitude", "longitude", "phone", "email", "website"] {
        fields.push((name, input_value(&html, name).unwrap_or_default()));
    }
    for name in ["facebook", "instagram"] {
        fields.push((name, input_value(&html, name).unwrap_or_default()));
    }
    for name in ["description_fr", "description_nl", "description_en"] {
        fields.push((name, as_sent(&textarea(&html, name))));
    }
    for (name, value) in replaced {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value.clone()));
    }
    fields
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_form_comes_back_with_its_message_and_the_text_as_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let merchant = Browser::new(&server, MERCHANT).await;
        let page = format!("/tableau-de-bord/{SHOP}/profil");
        let category = {
            let listing: serde_json::Value = server
                .get_as(Some(&merchant.cookie), &format!("/api/listing?lang=Fr&business_id={SHOP}"))
                .await
                .json()
                .await
                .unwrap();
            listing["profile"]["category"].as_str().unwrap().to_string()
        };
        let typed = "Pains & viennoiseries <maison>\nCroissants le dimanche\n\nFermé le lundi";

        // Two lines and a mistyped website: the message next to the website, the text as typed.
        let fields = profile_fields(
            &merchant,
            &[("category", category.clone()), ("description_fr", as_sent(typed)), ("website", "htp//lemaire".into())],
        )
        .await;
        let back = merchant.refused(&page, "save_profile", &pairs(&fields)).await;
        assert!(
            back.location.contains("formulaire=") && !back.location.contains("Croissants"),
            "{label}: {}",
            back.location
        );
        assert_eq!(textarea(&back.html, "description_fr"), typed, "{label}");
        assert_eq!(input_value(&back.html, "website").as_deref(), Some("htp//lemaire"), "{label}");
        assert!(message(&back.html, "website").is_some_and(|m| m.contains("https://")), "{label}");
        assert!(back.html.contains("maxlength=\"2000\""), "{label}: text areas carry their limit");

        // Over the domain's limit (within the body limit): the limit next to the field.
        let long = "é".repeat(2001);
        let fields =
            profile_fields(&merchant, &[("category", category.clone()), ("description_en", long.clone())]).await;
        let back = merchant.refused(&page, "save_profile", &pairs(&fields)).await;
        assert_eq!(message(&back.html, "description_en").as_deref(), Some("Au plus 2000 caractères."), "{label}");
        assert_eq!(textarea(&back.html, "description_en"), long, "{label}");

        // Over the body limit (64 KiB): the same, never a page of JSON, nothing saved.
        let huge = format!("Ligne 1\r\n{}", "a".repeat(70_000));
        let fields =
            profile_fields(&merchant, &[("category", category.clone()), ("description_nl", huge.clone())]).await;
        let back = merchant.refused(&page, "save_profile", &pairs(&fields)).await;
        assert_no_json(&back, label);
        assert_eq!(message(&back.html, "description_nl").as_deref(), Some("Au plus 2000 caractères."), "{label}");
        assert_eq!(textarea(&back.html, "description_nl"), huge.replace("\r\n", "\n"), "{label}");

        // From an outdated page (a second tab saved meanwhile): the conflict, the text kept.
        let mut fields =
            profile_fields(&merchant, &[("category", category.clone()), ("description_fr", as_sent(typed))]).await;
        let version: i32 = fields.iter().find(|(k, _)| *k == "version").unwrap().1.parse().unwrap();
        let saved = merchant.post(&page, "save_profile", &pairs(&fields)).await;
        assert!(saved.headers()[header::LOCATION].to_str().unwrap().contains("enregistre="), "{label}: saved");
        fields.retain(|(k, _)| *k != "description_fr" && *k != "version");
        let second_tab = "Texte de l'autre onglet\nsur deux lignes";
        fields.push(("description_fr", as_sent(second_tab)));
        fields.push(("version", version.to_string()));
        let back = merchant.refused(&page, "save_profile", &pairs(&fields)).await;
        assert!(back.html.contains(CONFLICT), "{label}: the conflict is explained");
        assert_eq!(textarea(&back.html, "description_fr"), second_tab, "{label}");

        // Someone else's link never fills the form: not another session's kept values, not
        // values in the URL.
        let admin = Browser::new(&server, ADMIN).await;
        let html = admin.page(&back.location).await;
        assert_eq!(textarea(&html, "description_fr"), typed, "{label}: the saved text, not the other session's");
        let crafted = format!("{page}?s.description_fr=Pirate&s.website=https%3A%2F%2Fevil.example");
        let html = merchant.page(&crafted).await;
        assert_eq!(textarea(&html, "description_fr"), typed, "{label}");
        assert!(!input_value(&html, "website").unwrap_or_default().contains("evil"), "{label}");
        let made_up = format!("{page}?__path=%2Fapi%2Fsave_profile&formulaire={}", "A".repeat(43));
        assert_eq!(textarea(&merchant.page(&made_up).await, "description_fr"), typed, "{label}");
        // And the merchant's own kept values do not outlive the session.
        let other_login = Browser::new(&server, MERCHANT).await;
        assert_eq!(textarea(&other_login.page(&back.location).await, "description_fr"), typed, "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hours_exception_and_close_forms_come_back_with_their_message_and_what_was_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let merchant = Browser::new(&server, MERCHANT).await;
        let page = format!("/tableau-de-bord/{SHOP}");
        let version = merchant.version(&page).await;
        let id = SHOP.to_string();

        // Hours: a day that does not read as hours.
        let mut hours = vec![("lang", "Fr"), ("business_id", id.as_str()), ("version", version.as_str())];
        let days = ["day0", "day1", "day2", "day3", "day4", "day5", "day6"];
        for day in days {
            hours.push((day, if day == "day2" { "de 9 à midi & demi" } else { "9:00-18:00" }));
        }
        let back = merchant.refused(&page, "save_hours", &hours).await;
        assert_eq!(input_value(&back.html, "day2").as_deref(), Some("de 9 à midi & demi"), "{label}");
        assert_eq!(input_value(&back.html, "day0").as_deref(), Some("9:00-18:00"), "{label}");
        assert!(message(&back.html, "day2").is_some_and(|m| m.contains("9:00-12:30")), "{label}");

        // An exception with unreadable hours and a note: both kept, the message next to the hours.
        let exception = |note: &str, version: &str, hours: &str| {
            vec![
                ("lang".to_string(), "Fr".to_string()),
                ("business_id".into(), id.clone()),
                ("version".into(), version.to_string()),
                ("starts_on".into(), "2026-12-24".into()),
                ("ends_on".into(), "2026-12-24".into()),
                ("hours".into(), hours.to_string()),
                ("note_fr".into(), note.to_string()),
            ]
        };
        let fields = exception("Réveillon & bûches", &version, "le matin");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = merchant.refused(&page, "add_exception", &fields).await;
        assert_eq!(input_value(&back.html, "note_fr").as_deref(), Some("Réveillon & bûches"), "{label}");
        assert_eq!(input_value(&back.html, "exception-hours").as_deref(), Some("le matin"), "{label}");
        assert_eq!(input_value(&back.html, "starts_on").as_deref(), Some("2026-12-24"), "{label}");
        assert!(message(&back.html, "hours").is_some(), "{label}");
        // The day editor was not the refused form: it shows the saved hours.
        assert_ne!(input_value(&back.html, "day2").as_deref(), Some("de 9 à midi & demi"), "{label}");
        assert!(back.html.contains("maxlength=\"200\""), "{label}");

        // A note over the body limit.
        let huge = "n".repeat(70_000);
        let fields = exception(&huge, &version, "");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = merchant.refused(&page, "add_exception", &fields).await;
        assert_no_json(&back, label);
        assert_eq!(message(&back.html, "note_fr").as_deref(), Some("Au plus 200 caractères."), "{label}");
        assert_eq!(input_value(&back.html, "note_fr").as_deref(), Some(huge.as_str()), "{label}");

        // Close today from an outdated page (the hours were saved in another tab meanwhile).
        let mut good = hours.clone();
        good.retain(|(k, _)| *k != "day2");
        good.push(("day2", "9:00-18:00"));
        let saved = merchant.post(&page, "save_hours", &good).await;
        assert!(saved.headers()[header::LOCATION].to_str().unwrap().contains("enregistre="), "{label}");
        let close = [("lang", "Fr"), ("business_id", id.as_str()), ("version", version.as_str()), ("day", "today")];
        let back = merchant.refused(&page, "close_day", &close).await;
        assert!(back.html.contains(CONFLICT), "{label}");
        // An exception from that outdated page: the conflict, and the note kept.
        let mut fields = exception("Inventaire", &version, "");
        fields.push(("closed".into(), "on".into()));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = merchant.refused(&page, "add_exception", &fields).await;
        assert!(back.html.contains(CONFLICT), "{label}");
        assert_eq!(input_value(&back.html, "note_fr").as_deref(), Some("Inventaire"), "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_and_account_forms_come_back_with_their_message_and_what_was_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let merchant = Browser::new(&server, MERCHANT).await;
        let id = SHOP.to_string();

        let team = format!("/tableau-de-bord/{SHOP}/equipe");
        let invite = [("lang", "Fr"), ("business_id", id.as_str()), ("email", "vendeuse@"), ("invite_lang", "Nl")];
        let back = merchant.refused(&team, "invite_staff", &invite).await;
        assert_eq!(input_value(&back.html, "staff-email").as_deref(), Some("vendeuse@"), "{label}");
        assert!(message(&back.html, "email").is_some_and(|m| m.contains("nom@exemple.be")), "{label}");
        assert!(back.html.contains("<option value=\"Nl\" selected"), "{label}: the language chosen is kept");
        let huge = format!("{}@exemple.be", "v".repeat(70_000));
        let invite = [("lang", "Fr"), ("business_id", id.as_str()), ("email", huge.as_str()), ("invite_lang", "Fr")];
        let back = merchant.refused(&team, "invite_staff", &invite).await;
        assert_no_json(&back, label);
        assert_eq!(message(&back.html, "email").as_deref(), Some("Au plus 254 caractères."), "{label}");

        // The e-mail change: the new address kept, the password never.
        let account = "/compte";
        let change = [("lang", "Fr"), ("current_password", "pas-le-bon-mot-de-passe"), ("new_email", "nouvelle@")];
        let back = merchant.refused(account, "request_email_change", &change).await;
        assert_eq!(input_value(&back.html, "new_email").as_deref(), Some("nouvelle@"), "{label}");
        assert!(
            message(&back.html, "new_email").is_some() || message(&back.html, "current_password").is_some(),
            "{label}"
        );
        assert!(!back.html.contains("pas-le-bon-mot-de-passe"), "{label}");
        let change =
            [("lang", "Fr"), ("current_password", "pas-le-bon-mot-de-passe"), ("new_email", "nouvelle@exemple.be")];
        let back = merchant.refused(account, "request_email_change", &change).await;
        assert_eq!(input_value(&back.html, "new_email").as_deref(), Some("nouvelle@exemple.be"), "{label}");
        assert!(message(&back.html, "current_password").is_some(), "{label}: the wrong password is named");
        assert!(!back.html.contains("pas-le-bon-mot-de-passe"), "{label}");
        // The password change: the message next to the current password, nothing typed shown.
        let password = [
            ("lang", "Fr"),
            ("current_password", "pas-le-bon-mot-de-passe"),
            ("new_password", "un nouveau mot de passe assez long"),
        ];
        let back = merchant.refused(account, "change_password", &password).await;
        assert!(message(&back.html, "current_password").is_some(), "{label}");
        // A password pasted over the body limit: the translated limit, never JSON, nothing kept.
        let huge = "p".repeat(70_000);
        let password = [("lang", "Fr"), ("current_password", huge.as_str()), ("new_password", huge.as_str())];
        let back = merchant.refused(account, "change_password", &password).await;
        assert_no_json(&back, label);
        assert!(!back.location.contains("formulaire="), "{label}: passwords are never kept");
        assert!(back.html.contains("64 Ko au maximum"), "{label}");
        assert!(!back.html.contains("pas-le-bon-mot-de-passe") && !back.html.contains("assez long"), "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_forms_come_back_with_their_message_and_what_was_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let admin = Browser::new(&server, ADMIN).await;
        let id = SHOP.to_string();

        // A new business without a name: the rest kept.
        let new = "/console/nouveau";
        let create = [
            ("lang", "Fr"),
            ("name", ""),
            ("category", "fleuriste"),
            ("street", "Rue de la Station 12"),
            ("postcode", "7060"),
            ("locality", "Soignies"),
        ];
        let back = admin.refused(new, "create_business", &create).await;
        assert!(message(&back.html, "name").is_some(), "{label}");
        assert_eq!(input_value(&back.html, "street").as_deref(), Some("Rue de la Station 12"), "{label}");
        assert_eq!(input_value(&back.html, "locality").as_deref(), Some("Soignies"), "{label}");

        // Unpublishing with a reason on two lines, over its limit: the limit, the text kept.
        let page = format!("/console/commerce/{SHOP}");
        let reason = format!("Fermé pour travaux\n{}", "x".repeat(500));
        let sent = as_sent(&reason);
        let unpublish = [("lang", "Fr"), ("business_id", id.as_str()), ("publish", "0"), ("reason", sent.as_str())];
        let back = admin.refused(&page, "set_published", &unpublish).await;
        assert_eq!(message(&back.html, "reason").as_deref(), Some("Au plus 500 caractères."), "{label}");
        assert_eq!(textarea(&back.html, "reason"), reason, "{label}");
        assert!(back.html.contains("maxlength=\"500\""), "{label}");
        // Over the body limit.
        let huge = as_sent(&format!("Ligne 1\n{}", "x".repeat(70_000)));
        let unpublish = [("lang", "Fr"), ("business_id", id.as_str()), ("publish", "0"), ("reason", huge.as_str())];
        let back = admin.refused(&page, "set_published", &unpublish).await;
        assert_no_json(&back, label);
        assert_eq!(message(&back.html, "reason").as_deref(), Some("Au plus 500 caractères."), "{label}");
        assert_eq!(textarea(&back.html, "reason"), huge.replace("\r\n", "\n"), "{label}");
        // Two lines within the limit are a reason like any other.
        let short = as_sent("Fermé pour travaux\njusqu'au 15 janvier");
        let unpublish = [("lang", "Fr"), ("business_id", id.as_str()), ("publish", "0"), ("reason", short.as_str())];
        let done = admin.post(&page, "set_published", &unpublish).await;
        assert!(done.headers()[header::LOCATION].to_str().unwrap().contains("fait=depublie"), "{label}");

        // An invitation to a mistyped address: kept with its role.
        let invite = [
            ("lang", "Fr"),
            ("business_id", id.as_str()),
            ("email", "gerant.exemple.be"),
            ("role", "staff"),
            ("invite_lang", "En"),
        ];
        let back = admin.refused(&page, "invite", &invite).await;
        assert_eq!(input_value(&back.html, "invite-email").as_deref(), Some("gerant.exemple.be"), "{label}");
        assert!(message(&back.html, "email").is_some(), "{label}");
        assert!(back.html.contains("<option value=\"staff\" selected"), "{label}");

        // The merchant, given the administrator's link, sees an empty form.
        let merchant = Browser::new(&server, MERCHANT).await;
        let html = server.get_as(Some(&merchant.cookie), &back.location).await.text().await.unwrap();
        assert!(!html.contains("gerant.exemple.be"), "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_s_descriptions_come_back_with_their_message_and_what_was_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let merchant = Browser::new(&server, MERCHANT).await;
        let page = format!("/tableau-de-bord/{SHOP}/photos");
        let html = merchant.page(&page).await;
        let photo = attribute_after(&html, "name=\"photo_id\"", "value").expect("a photo");
        let id = SHOP.to_string();
        let field = |name: &str| format!("{name}-{photo}");

        // French is required: its message on this photo, the other languages as typed.
        let alt = [
            ("lang", "Fr"),
            ("business_id", id.as_str()),
            ("photo_id", photo.as_str()),
            ("alt_fr", ""),
            ("alt_nl", "Etalage & vitrine"),
            ("alt_en", "Shop <window>"),
        ];
        let back = merchant.refused(&page, "save_photo_alt", &alt).await;
        assert!(message(&back.html, &field("alt_fr")).is_some(), "{label}");
        assert_eq!(input_value(&back.html, &field("alt_nl")).as_deref(), Some("Etalage & vitrine"), "{label}");
        assert_eq!(input_value(&back.html, &field("alt_en")).as_deref(), Some("Shop <window>"), "{label}");
        assert!(back.html.contains("maxlength=\"250\""), "{label}");

        // Over the body limit: the limit next to the field, the text kept, never JSON.
        let huge = "v".repeat(70_000);
        let alt = [
            ("lang", "Fr"),
            ("business_id", id.as_str()),
            ("photo_id", photo.as_str()),
            ("alt_fr", "La vitrine"),
            ("alt_nl", huge.as_str()),
            ("alt_en", ""),
        ];
        let back = merchant.refused(&page, "save_photo_alt", &alt).await;
        assert_no_json(&back, label);
        assert_eq!(message(&back.html, &field("alt_nl")).as_deref(), Some("Au plus 250 caractères."), "{label}");
        assert_eq!(input_value(&back.html, &field("alt_fr")).as_deref(), Some("La vitrine"), "{label}");
        assert_eq!(input_value(&back.html, &field("alt_nl")).as_deref(), Some(huge.as_str()), "{label}");

        // Another session given the link sees the saved descriptions.
        let other = Browser::new(&server, MERCHANT).await;
        let html = other.page(&back.location).await;
        assert_ne!(input_value(&html, &field("alt_fr")).as_deref(), Some("La vitrine"), "{label}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_again_and_the_town_s_hide_form_come_back_with_their_message_and_what_was_typed() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let ended =
            Post { starts_on: "2026-11-01", ends_on: "2026-11-10", ..Post::live(SHOP, "Soldes", saturday_morning()) };
        let ended = post(&server.db, ended).await.to_string();
        let live = post(&server.db, Post::live(SHOP, "Bûches", saturday_morning())).await.to_string();

        // "Post again" with the last day before the first: the message on that offer, the dates kept.
        let merchant = Browser::new(&server, MERCHANT).await;
        let page = format!("/tableau-de-bord/{SHOP}/offres");
        let id = SHOP.to_string();
        let again = [
            ("lang", "Fr"),
            ("business_id", id.as_str()),
            ("offer_id", ended.as_str()),
            ("starts_on", "2026-12-12"),
            ("ends_on", "2026-12-05"),
        ];
        let back = merchant.refused(&page, "post_offer_again", &again).await;
        let field = |name: &str| format!("{name}-{ended}");
        assert!(message(&back.html, &field("ends_on")).is_some(), "{label}");
        assert_eq!(input_value(&back.html, &field("starts_on")).as_deref(), Some("2026-12-12"), "{label}");
        assert_eq!(input_value(&back.html, &field("ends_on")).as_deref(), Some("2026-12-05"), "{label}");

        // The town hides an offer with a reason over its limit: the limit, the reason kept.
        let admin = Browser::new(&server, ADMIN).await;
        let review = "/console/offres";
        let reason = "r".repeat(501);
        let hide = [("lang", "Fr"), ("offer_id", live.as_str()), ("reason", reason.as_str())];
        let back = admin.refused(review, "hide_offer", &hide).await;
        assert_eq!(message(&back.html, "reason").as_deref(), Some("Au plus 500 caractères."), "{label}");
        assert_eq!(input_value(&back.html, &format!("reason-{live}")).as_deref(), Some(reason.as_str()), "{label}");
    })
    .await;
}
