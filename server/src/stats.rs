//! Counting what shoppers do with a business's public page, without cookies and without personal
//! data (issue 7, "proof of value"): per business and Europe/Brussels day, how many times its
//! page was viewed and its phone, e-mail, website, social and directions links were followed.
//!
//! **What is kept**: only the counts. No cookie is set or read for this, and no address, user
//! agent, referrer or time of day is stored or logged; a count cannot be traced back to anyone.
//!
//! **Views** are counted by [`count_views`], a middleware placed *outside* the page cache: a
//! page served from the cache is counted like a rendered one. It counts a GET of
//! `/commerces/{slug}` (or `/nl/…`, `/en/…`) that the inner stack answers 200. That includes a
//! revisit the browser revalidates and the conditional-GET layer outside turns into a 304: the
//! shopper asked for the page and was shown it (not counting them would make the counts drop
//! for exactly the returning shoppers). Not counted: HEAD, other statuses (404, redirects),
//! prefetches and prerenders (`Sec-Purpose`/`Purpose: prefetch`: nobody saw the page yet),
//! obvious robots ([`is_robot`]), and signed-in accounts (merchants, their staff and the town
//! checking pages are not the shoppers the counts are for). The slug is resolved to a business
//! from the directory index already in memory ([`domain::directory_index::Snapshot::business_id`]):
//! no query per view.
//!
//! **Offers** (issue 8, see `common::stats` for the design of the shared link): the same
//! middleware counts a view of an offer's page (`/offres/{id}`, [`Kind::OfferView`]) for the
//! offer's business, with the same rules, and answers a shared link (`/offres/{id}?via=partage`)
//! itself: a [`Kind::ShareVisit`] for the business, and a 303 to the offer's canonical URL,
//! before the page cache (the cache never stores the marked URL, and the visit then counts as
//! an offer view too). Offer ids are resolved to their business through a map in memory
//! ([`Tally`]'s `offer_owners`), filled by one query the first time an offer is seen: an
//! offer never changes business, so an entry never goes stale.
//!
//! **Clicks** are counted through the HTML `ping` attribute of the links of the business page
//! (`<a href="tel:…" ping="/ping/{slug}/phone">`): when the link is followed, the browser POSTs
//! `PING` (`Content-Type: text/ping`) to [`ping`], which answers 204 and counts it (the same
//! robot and signed-in rules; an unknown slug or kind is 404; the body is never read, and the
//! edge's body limit applies). No script is involved, so this works before and without the WASM.
//! Chromium 156 was observed to send these pings with `Origin` set to the page's origin and
//! `Sec-Fetch-Site: same-origin`, for `tel:`, `mailto:` and external targets alike, so they pass
//! the cross-site write guard (`crate::http::csrf`) unchanged; a ping from another site is
//! refused there (403) and not counted. A forged same-site ping could only inflate a counter,
//! never change data or act for a signed-in person.
//!
//! **Undercounting, by design or by browsers**: Firefox disables `ping` by default
//! (`browser.send_pings`), and some privacy extensions block it, so clicks are undercounted
//! there; views are not (they are counted on the server). Safari and Chromium-based browsers
//! send pings.
//!
//! **Cost on the hot path**: a cached page's count is a hash-map increment under a mutex (plus
//! the robot check, only for business pages). Counts are added up in memory per (business, day,
//! kind) and written by a background task every [`FLUSH_EVERY`] with one upsert per batch
//! (`domain::stats::record_batch`), and once more on shutdown. A flush that fails keeps its
//! counts for the next one. Several instances on one database each flush their own counts; the
//! upsert adds them up. A crash loses at most the last few seconds of counts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use app::state::{AppState, CurrentSession};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use chrono::NaiveDate;
use common::stats::Kind;
use common::Lang;
use domain::DomainError;
use http::header::{self, HeaderMap};
use http::{Method, StatusCode};
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the counts in memory are written to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// The counts of one instance not yet written to the database.
#[derive(Debug, Default)]
pub struct Tally {
    pending: Mutex<HashMap<(i32, NaiveDate, Kind), u32>>,
    /// One flush at a time: when [`Tally::flush`] returns, every count added before it was
    /// called is in the database (or still pending after an error), never in another flush's
    /// hands.
    flushing: tokio::sync::Mutex<()>,
    /// The business of each offer seen (see the module doc), bounded by [`MAX_OFFER_OWNERS`].
    offer_owners: Mutex<HashMap<i32, i32>>,
}

/// Offers whose business is kept in memory; past it the map starts again (a few megabytes).
const MAX_OFFER_OWNERS: usize = 100_000;

impl Tally {
    fn pending(&self) -> MutexGuard<'_, HashMap<(i32, NaiveDate, Kind), u32>> {
        // Only map operations run under this lock; a poisoned one still holds valid counts.
        self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts one event.
    pub fn add(&self, business_id: i32, day: NaiveDate, kind: Kind) {
        let mut pending = self.pending();
        let count = pending.entry((business_id, day, kind)).or_default();
        *count = count.saturating_add(1);
    }

    /// How many events are waiting to be written.
    pub fn waiting(&self) -> u64 {
        self.pending().values().map(|n| u64::from(*n)).sum()
    }

    /// Writes the pending counts; returns how many rows were written. On failure the counts are
    /// put back, to be written by the next flush.
    pub async fn flush(&self, db: &DatabaseConnection) -> Result<usize, DomainError> {
        let _one_at_a_time = self.flushing.lock().await;
        let taken = std::mem::take(&mut *self.pending());
        if taken.is_empty() {
            return Ok(0);
        }
        let batch: Vec<(i32, NaiveDate, Kind, u32)> =
            taken.iter().map(|(&(id, day, kind), &n)| (id, day, kind, n)).collect();
        match domain::stats::record_batch(db, &batch).await {
            Ok(()) => Ok(batch.len()),
            Err(error) => {
                let mut pending = self.pending();
                for (key, n) in taken {
                    let count = pending.entry(key).or_default();
                    *count = count.saturating_add(n);
                }
                Err(error)
            }
        }
    }
}

/// The background task that flushes a [`Tally`] every [`FLUSH_EVERY`].
pub struct Flusher {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Flusher {
    pub fn start(tally: Arc<Tally>, db: DatabaseConnection) -> Flusher {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut every = tokio::time::interval(FLUSH_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = every.tick() => {}
                    _ = stopped.changed() => break,
                }
                if let Err(error) = tally.flush(&db).await {
                    tracing::warn!(%error, waiting = tally.waiting(), "statistics not written; kept for the next flush");
                }
            }
            match tally.flush(&db).await {
                Ok(rows) => tracing::info!(rows, "statistics written"),
                Err(error) => {
                    tracing::error!(%error, lost = tally.waiting(), "the last statistics could not be written")
                }
            }
        });
        Flusher { stop, task }
    }

    /// Stops the task after a last flush (call it once the server has answered its last request).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(Duration::from_secs(30), self.task).await.is_err() {
            tracing::warn!("the last statistics flush did not finish in time");
        }
    }
}

/// The offer id of an offer page path (`/offres/{id}`, `/nl/offres/{id}`…).
fn offer_of_path(path: &str) -> Option<i32> {
    let (_, rest) = Lang::split_path(path);
    let id = rest.strip_prefix("/offres/")?;
    (!id.is_empty() && id.len() <= 9 && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0'))
        .then(|| id.parse().ok())
        .flatten()
}

/// Whether a query string marks a shared link (`via=partage`).
fn is_shared_link(query: Option<&str>) -> bool {
    let (name, value) = common::stats::SHARE_PARAMETER;
    query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(n, v)| n == name && v == value))
}

/// The business of an offer, from memory or (once per offer) from the database.
async fn business_of_offer(tally: &Tally, state: &AppState, offer_id: i32) -> Result<Option<i32>, DomainError> {
    let known = tally.offer_owners.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&offer_id).copied();
    if let Some(business_id) = known {
        return Ok(Some(business_id));
    }
    let found = domain::stats::business_of_offer(&state.db, offer_id).await?;
    if let Some(business_id) = found {
        let mut owners = tally.offer_owners.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if owners.len() >= MAX_OFFER_OWNERS {
            owners.clear();
        }
        owners.insert(offer_id, business_id);
    }
    Ok(found)
}

/// Counts an offer page's view, or answers its shared link (see the module doc).
async fn count_offer(tally: Arc<Tally>, state: Arc<AppState>, offer_id: i32, request: Request, next: Next) -> Response {
    let countable = !signed_in(&request) && !is_prefetch(request.headers()) && !is_robot(request.headers());
    if is_shared_link(request.uri().query()) {
        if countable {
            match business_of_offer(&tally, &state, offer_id).await {
                Ok(Some(id)) => tally.add(id, domain::clock::today_in_brussels(state.clock.now()), Kind::ShareVisit),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "share visit not counted"),
            }
        }
        // The canonical URL: the same path (its language prefix kept), without the query.
        return crate::http::redirect(StatusCode::SEE_OTHER, request.uri().path());
    }
    let response = next.run(request).await;
    if countable && response.status() == StatusCode::OK {
        count_offer_view(&tally, &state, offer_id).await;
    }
    response
}

async fn count_offer_view(tally: &Tally, state: &AppState, offer_id: i32) {
    match business_of_offer(tally, state, offer_id).await {
        Ok(Some(id)) => tally.add(id, domain::clock::today_in_brussels(state.clock.now()), Kind::OfferView),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "offer view not counted"),
    }
}

async fn count_business_view(tally: &Tally, state: &AppState, slug: &str) {
    match business_of(state, slug).await {
        Ok(Some(id)) => tally.add(id, domain::clock::today_in_brussels(state.clock.now()), Kind::View),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "view not counted: the directory index is unavailable"),
    }
}

/// Counts a page answered 200 from the page cache before the stack ([`crate::http::hits`]),
/// by the same rules as [`count_views`]: such a request has no session, and a shared link's
/// `?via=partage` never reaches a hit (it is not a page parameter).
pub async fn count_hit(tally: &Tally, state: &AppState, path: &str, headers: &HeaderMap) {
    if is_prefetch(headers) || is_robot(headers) {
        return;
    }
    if let Some(offer_id) = offer_of_path(path) {
        count_offer_view(tally, state, offer_id).await;
    } else if let Some(slug) = business_slug(path) {
        count_business_view(tally, state, slug).await;
    }
}

/// The slug of a business page path (`/commerces/{slug}`, `/nl/commerces/{slug}`…).
fn business_slug(path: &str) -> Option<&str> {
    let (_, rest) = Lang::split_path(path);
    rest.strip_prefix("/commerces/").filter(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// Lower-case pieces of the `User-Agent` of obvious robots: crawlers and their link previews,
/// monitors, validators, headless and scripted browsers, HTTP libraries and command-line tools.
/// Kept short on purpose: a robot that passes for a browser is not "obvious", and every current
/// browser's user agent starts with `Mozilla/` (for compatibility), so a missing or other one is
/// a robot too (see [`is_robot`]).
const ROBOT_MARKERS: [&str; 33] = [
    // Search engines, feed readers, archives, link previews (Googlebot, bingbot, Slurp, Baiduspider,
    // Applebot, facebookexternalhit, WhatsApp, Slackbot, Discordbot, ia_archiver…).
    "bot",
    "spider",
    "crawl",
    "slurp",
    "fetch",
    "archiv",
    "preview",
    "facebookexternalhit",
    "whatsapp",
    "embedly",
    "iframely",
    // Monitors, checkers, scanners, validators (Pingdom, UptimeRobot, W3C and Nu validators…).
    "monitor",
    "check",
    "scan",
    "scrap",
    "validator",
    // Browsers driven by programs (HeadlessChrome, Lighthouse, PhantomJS, Selenium, Playwright).
    "headless",
    "lighthouse",
    "phantomjs",
    "selenium",
    "playwright",
    "puppeteer",
    // Command-line tools and HTTP libraries, in case they pretend to be `Mozilla/`.
    "curl",
    "wget",
    "python",
    "java/",
    "go-http-client",
    "okhttp",
    "axios",
    "node-fetch",
    "undici",
    "libwww",
    "httpclient",
];

/// Whether a request comes from an obvious robot: no `User-Agent`, one that does not start like
/// a browser's, or one holding a [`ROBOT_MARKERS`] piece. Cubot, a phone maker, is not a robot.
pub fn is_robot(headers: &HeaderMap) -> bool {
    let Some(agent) = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let agent = agent.trim().to_ascii_lowercase();
    if !agent.starts_with("mozilla/") {
        return true;
    }
    ROBOT_MARKERS.iter().any(|marker| match *marker {
        "bot" => agent.replace("cubot", "").contains("bot"),
        marker => agent.contains(marker),
    })
}

/// Whether the browser is fetching the page ahead of a possible visit (link prefetch, speculation
/// rules' prefetch and prerender): nobody has seen it yet.
fn is_prefetch(headers: &HeaderMap) -> bool {
    ["sec-purpose", "purpose", "x-purpose", "x-moz"].iter().any(|name| {
        headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("prefetch") || v.eq_ignore_ascii_case("preview"))
    })
}

/// Whether a signed-in account (merchant, staff, town administrator) made the request.
fn signed_in(request: &Request) -> bool {
    request.extensions().get::<CurrentSession>().is_some_and(|session| session.actor.is_some())
}

/// The business a slug names, from the directory index in memory.
async fn business_of(state: &AppState, slug: &str) -> Result<Option<i32>, DomainError> {
    Ok(state.directory.snapshot(&state.db).await?.business_id(slug))
}

/// Counts the views of business pages (see the module's documentation); placed outside the page
/// cache.
pub async fn count_views(tally: Arc<Tally>, state: Arc<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET {
        if let Some(offer_id) = offer_of_path(request.uri().path()) {
            return count_offer(tally, state, offer_id, request, next).await;
        }
    }
    let slug = match business_slug(request.uri().path()) {
        Some(slug) if request.method() == Method::GET => slug.to_owned(),
        _ => return next.run(request).await,
    };
    let countable = !signed_in(&request) && !is_prefetch(request.headers()) && !is_robot(request.headers());
    let response = next.run(request).await;
    if countable && response.status() == StatusCode::OK {
        count_business_view(&tally, &state, &slug).await;
    }
    response
}

/// `POST /ping/{slug}/{kind}`: a followed link of a business page (see the module's
/// documentation). 204 when the business and the kind exist (counted or not), 404 otherwise.
pub async fn ping(tally: Arc<Tally>, state: Arc<AppState>, slug: String, kind: String, request: Request) -> StatusCode {
    // Views are counted by the server itself; a ping cannot add one.
    let Some(kind) = Kind::from_key(&kind).filter(|kind| kind.is_click()) else {
        return StatusCode::NOT_FOUND;
    };
    let id = match business_of(&state, &slug).await {
        Ok(Some(id)) => id,
        Ok(None) => return StatusCode::NOT_FOUND,
        Err(error) => {
            tracing::warn!(%error, "click not counted: the directory index is unavailable");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    };
    if !signed_in(&request) && !is_robot(request.headers()) {
        tally.add(id, domain::clock::today_in_brussels(state.clock.now()), kind);
    }
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn agent(text: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::USER_AGENT, HeaderValue::from_str(text).unwrap());
        headers
    }

    #[test]
    fn obvious_robots_are_recognised_and_browsers_are_not() {
        for browser in [
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0]",
        ] {
            assert!(!is_robot(&agent(browser)), "{browser}");
        }
        for robot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "WhatsApp/2.23.20.0",
            "curl/8.5.0",
            "Wget/1.21.4",
            "python-requests/2.32.3",
            "Go-http-client/1.1",
            "Mozilla/5.0 (compatible; Chrome-Lighthouse)",
            "",
        ] {
            assert!(is_robot(&agent(robot)), "{robot}");
        }
        assert!(is_robot(&HeaderMap::new()), "no user agent");
    }

    #[test]
    fn prefetches_are_not_views() {
        let mut headers = HeaderMap::new();
        assert!(!is_prefetch(&headers));
        headers.insert("sec-purpose", HeaderValue::from_static("prefetch;prerender"));
        assert!(is_prefetch(&headers));
        let mut headers = HeaderMap::new();
        headers.insert("purpose", HeaderValue::from_static("prefetch"));
        assert!(is_prefetch(&headers));
    }

    #[test]
    fn only_business_pages_are_counted() {
        assert_eq!(business_slug("/commerces/patisserie-lemaire"), Some("patisserie-lemaire"));
        assert_eq!(business_slug("/nl/commerces/patisserie-lemaire"), Some("patisserie-lemaire"));
        assert_eq!(business_slug("/en/commerces/x"), Some("x"));
        assert_eq!(business_slug("/commerces"), None);
        assert_eq!(business_slug("/commerces/"), None);
        assert_eq!(business_slug("/commerces/a/b"), None);
        assert_eq!(business_slug("/tableau-de-bord/1"), None);
    }

    #[test]
    fn offer_pages_and_shared_links_are_recognised() {
        assert_eq!(offer_of_path("/offres/12"), Some(12));
        assert_eq!(offer_of_path("/nl/offres/7"), Some(7));
        assert_eq!(offer_of_path("/offres"), None);
        assert_eq!(offer_of_path("/offres/012"), None);
        assert_eq!(offer_of_path("/offres/12/x"), None);
        assert_eq!(offer_of_path("/tableau-de-bord/1/offres/12"), None);
        assert!(is_shared_link(Some("via=partage")));
        assert!(is_shared_link(Some("utm=x&via=partage")));
        assert!(!is_shared_link(Some("via=autre")));
        assert!(!is_shared_link(None));
    }

    #[test]
    fn counts_add_up_in_memory() {
        let tally = Tally::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        tally.add(1, day, Kind::View);
        tally.add(1, day, Kind::View);
        tally.add(1, day, Kind::Phone);
        tally.add(2, day, Kind::View);
        assert_eq!(tally.waiting(), 4);
        assert_eq!(tally.pending().get(&(1, day, Kind::View)), Some(&2));
    }
}
