//! The Atom feeds of offers (RFC 4287, issue 8): `/offres.atom` (the town's live offers, newest
//! first, at most `domain::offers::feeds::FEED_ENTRIES`) and `/commerces/{slug}/offres.atom`
//! (one shop's), each also under `/nl` and `/en` in that language (texts the merchant did not
//! translate stay French and say so with `xml:lang="fr"`).
//!
//! Written with `atom_syndication` (the rust-syndication project's Atom crate) rather than by
//! hand, so escaping, dates and namespaces follow the RFC. Each entry: `id` = the offer page's
//! absolute URL in the feed's language (permanent: offer ids are never reused), `title`,
//! `published` (when the merchant published it) and `updated`, `summary` (its text), an
//! `alternate` link to the offer page, the shop as `author` (with its page as `uri`) and the kind
//! as `category`. The feed has `self` and `alternate` links.
//!
//! Caching: the body's hash is the ETag (`If-None-Match` gets a 304), with `max-age` of a few
//! minutes for readers and proxies. Feeds sit outside the pages' layers: no language redirect (a
//! feed URL names its language), no page cache (they are cheap: one indexed query).

use std::hash::{DefaultHasher, Hash, Hasher};

use app::state::AppState;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use common::{AppError, Lang};
use domain::offers::feeds::{self, FeedEntry};
use domain::offers::{body_in, kind_of, title_in};
use http::header::{self, HeaderValue};
use http::StatusCode;

use app::pages::follow::texts;

/// `/offres.atom`, and `/{nl,en}/offres.atom` by `lang`.
pub async fn all_offers(lang: Lang, State(state): State<AppState>, headers: HeaderMap) -> Response {
    match feeds::all(&state.db, state.clock.now()).await {
        Ok(entries) => {
            let title = texts::feed_title(lang);
            let page = lang.localize("/offres");
            let self_path = lang.localize("/offres.atom");
            respond(&state.base_url, lang, &title, &page, &self_path, &entries, &headers)
        }
        Err(error) => failure(lang, error.into()),
    }
}

/// `/commerces/{slug}/offres.atom`, and its `/nl`, `/en` twins by `lang`.
pub async fn business_offers(
    lang: Lang,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    match feeds::of_business(&state.db, &slug, state.clock.now()).await {
        Ok((business, entries)) => {
            let title = texts::feed_title_business(lang, &business.name);
            let page = lang.localize(&format!("/commerces/{}", business.slug));
            let self_path = lang.localize(&format!("/commerces/{}/offres.atom", business.slug));
            respond(&state.base_url, lang, &title, &page, &self_path, &entries, &headers)
        }
        Err(error) => failure(lang, error.into()),
    }
}

fn failure(lang: Lang, error: AppError) -> Response {
    crate::http::edge::refuse(&lang.localize("/offres.atom"), error)
}

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

fn link(href: String, rel: &str, mime_type: Option<&str>, hreflang: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: mime_type.map(str::to_string),
        hreflang: hreflang.map(str::to_string),
        ..Link::default()
    }
}

/// A text in `lang`, marked French when it fell back to French.
fn text_in(value: &str, used: Lang, feed: Lang) -> Text {
    let mut text = Text::plain(value);
    if used != feed {
        text.lang = Some(used.code().to_string());
    }
    text
}

fn entry(base: &str, lang: Lang, item: &FeedEntry) -> Entry {
    let offer = &item.offer;
    let url = format!("{base}{}", lang.localize(&format!("/offres/{}", offer.id)));
    let (title, title_lang) = title_in(offer, lang);
    let (body, body_lang) = body_in(offer, lang);
    let published = offer.published_at.unwrap_or(offer.created_at);
    let kind = kind_of(offer);
    Entry {
        id: url.clone(),
        title: text_in(title, title_lang, lang),
        updated: fixed(offer.updated_at.max(published)),
        published: Some(fixed(published)),
        summary: Some(text_in(body, body_lang, lang)),
        links: vec![link(url, "alternate", Some("text/html"), Some(lang.code()))],
        authors: vec![Person {
            name: item.business_name.clone(),
            uri: Some(format!("{base}{}", lang.localize(&format!("/commerces/{}", item.business_slug)))),
            ..Person::default()
        }],
        categories: vec![Category {
            term: kind.code().to_string(),
            label: Some(texts::kind_label(lang, kind)),
            ..Category::default()
        }],
        ..Entry::default()
    }
}

/// The feed document.
pub fn document(
    base: &str,
    lang: Lang,
    title: &str,
    page_path: &str,
    self_path: &str,
    entries: &[FeedEntry],
) -> String {
    let items: Vec<Entry> = entries.iter().map(|item| entry(base, lang, item)).collect();
    // The newest change of its entries; an empty feed says the epoch rather than "now", so its
    // bytes (and ETag) do not change every second.
    let updated = items.iter().map(|e| e.updated).max().unwrap_or_else(|| fixed(DateTime::<Utc>::UNIX_EPOCH));
    let feed = Feed {
        title: Text::plain(title),
        id: format!("{base}{self_path}"),
        updated,
        lang: Some(lang.code().to_string()),
        links: vec![
            link(format!("{base}{self_path}"), "self", Some("application/atom+xml"), None),
            link(format!("{base}{page_path}"), "alternate", Some("text/html"), Some(lang.code())),
        ],
        generator: Some(Generator { value: "Vitrine".into(), ..Generator::default() }),
        entries: items,
        ..Feed::default()
    };
    feed.to_string()
}

fn respond(
    base: &str,
    lang: Lang,
    title: &str,
    page_path: &str,
    self_path: &str,
    entries: &[FeedEntry],
    headers: &HeaderMap,
) -> Response {
    let xml = document(base, lang, title, page_path, self_path, entries);
    let mut hasher = DefaultHasher::new();
    xml.hash(&mut hasher);
    let etag = format!("\"atom-{:016x}\"", hasher.finish());
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim().trim_start_matches("W/") == etag || tag.trim() == "*"));
    let mut response = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { xml.into_response() };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    // Readers poll; a few minutes' delay is fine, and offers start and end at midnight.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, value);
    }
    response
}
