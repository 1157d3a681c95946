//! An in-memory index of the directory, one per server instance: every business's normalised
//! text, category and place in the alphabetical order, what its card shows (name, address, first
//! photo, hours and exceptions), plus the categories and their counts. Search, filters,
//! pagination and the cards of a page of results are answered from it without a query: an
//! uncached directory page costs rendering only (docs/PERFORMANCE.md has the profile).
//!
//! Why not SQL: the search matches words anywhere in a business's text (`LIKE '%word%'`), which
//! no B-tree index answers, so the database reads all of it (1.7 MB for 5,000 businesses: 3 to
//! 7 ms in SQLite). Trigram indexes (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`) only help rare
//! words: FTS5 took 16 ms for "soignies", which nearly every business of the town contains,
//! because it re-reads each candidate row (docs/PERFORMANCE.md). A town has hundreds to a few thousand businesses, so the
//! whole text fits in a few megabytes and `memchr`'s SIMD substring search scans it in a fraction
//! of a millisecond, with the same results on both databases.
//!
//! Each business's searchable text is built here, when the index loads, from the current rows:
//! its name, its category's current names in the three languages, description and address. Only
//! published businesses are indexed ([`crate::directory::public_businesses`]).
//!
//! The index is a cache of the database and nothing more. It is rebuilt when the data version
//! ([`crate::data_version`], the directory area's counter, bumped by every change) changes, which is read
//! at most once per `ttl` (a second by default), so instances sharing one database agree within
//! a second. The same version keys the server's page cache. Which businesses are open is
//! computed in SQL once per minute.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Timelike};
use entity::{business, category};
use memchr::memmem::Finder;
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::data_version::{self, Area, DataVersions};
use crate::directory::{card_sources, open_now_condition, public_businesses, with_first_photos, CardSource};
use crate::error::DomainError;
use crate::search::normalize;

/// How long a read of the data version is trusted by default.
pub const DEFAULT_TTL: Duration = Duration::from_secs(1);

/// The per-instance index; cheap to share (`Arc`) between requests.
#[derive(Debug)]
pub struct DirectoryIndex {
    ttl: Duration,
    /// The latest snapshot and when its version was last confirmed.
    current: RwLock<Option<Checked>>,
    /// Held by the one request that reads the version and rebuilds; meanwhile the others keep
    /// using the previous snapshot, or wait for the first one.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Debug, Clone)]
struct Checked {
    at: Instant,
    snapshot: Arc<Snapshot>,
    /// Every area's data version, read with the directory's: the page cache keys each page by
    /// the versions of the areas it shows (an offer write changes only the offers').
    versions: DataVersions,
}

/// The directory as of one data version.
#[derive(Debug)]
pub struct Snapshot {
    /// The data version this snapshot was built for (or a newer state, never an older one).
    pub version: String,
    categories: Vec<category::Model>,
    counts: HashMap<i32, u64>,
    /// In display order: by normalised name, then id (byte order, the same on every database).
    entries: Vec<Entry>,
    /// Every entry's searchable text (normalised name, category names in the three languages,
    /// description and address), in the entries' order, each followed by a newline (a byte no
    /// normalised text contains, so no match spans two businesses): one contiguous haystack that
    /// the SIMD search runs through at memory speed, instead of 5,000 short calls.
    texts: String,
    /// What each business's card shows, so that a page of results needs no query.
    cards: HashMap<i32, CardSource>,
    /// Each business's id by its slug: the view counter (`server::stats`) names a business by
    /// its page's URL and must not query for it.
    ids_by_slug: HashMap<String, i32>,
    /// The ids open at one local minute, computed on first use.
    open: Mutex<Option<(NaiveDateTime, Arc<HashSet<i32>>)>>,
}

#[derive(Debug)]
struct Entry {
    id: i32,
    category_id: i32,
    sort_name: String,
    /// Where this entry's text is in `texts`.
    text: std::ops::Range<usize>,
}

impl Default for DirectoryIndex {
    fn default() -> Self {
        Self::new(DEFAULT_TTL)
    }
}

impl DirectoryIndex {
    /// An empty index that reads the data version at most once per `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, current: RwLock::new(None), refresh: tokio::sync::Mutex::new(()) }
    }

    fn latest(&self) -> Option<Checked> {
        self.current.read().ok().and_then(|current| current.clone())
    }

    fn confirmed(&self) -> Option<Checked> {
        self.latest().filter(|checked| checked.at.elapsed() < self.ttl)
    }

    /// The current snapshot: the cached one while its version is confirmed, otherwise one
    /// checked against the database (and rebuilt if the version changed).
    pub async fn snapshot(&self, db: &impl ConnectionTrait) -> Result<Arc<Snapshot>, DomainError> {
        Ok(self.versions(db).await?.0)
    }

    /// The current snapshot and every area's data version, confirmed against the database at
    /// most once per `ttl` (one query reads every row).
    pub async fn versions(&self, db: &impl ConnectionTrait) -> Result<(Arc<Snapshot>, DataVersions), DomainError> {
        if let Some(checked) = self.confirmed() {
            return Ok((checked.snapshot, checked.versions));
        }
        let _refreshing = match self.refresh.try_lock() {
            Ok(guard) => guard,
            Err(_) => match self.latest() {
                // Another request is refreshing: answer from the previous snapshot.
                Some(previous) => return Ok((previous.snapshot, previous.versions)),
                None => self.refresh.lock().await,
            },
        };
        if let Some(checked) = self.confirmed() {
            return Ok((checked.snapshot, checked.versions));
        }
        // Read before loading: a write in between makes the snapshot newer than its label, and
        // the next check rebuilds it; it can never be older than its label.
        let versions = data_version::read(db).await?;
        let version = versions.get(Area::DIRECTORY).map(|v| v.to_string()).unwrap_or_default();
        let snapshot = match self.latest() {
            Some(previous) if previous.snapshot.version == version => previous.snapshot,
            _ => Arc::new(Snapshot::load(db, version).await?),
        };
        if let Ok(mut current) = self.current.write() {
            *current = Some(Checked { at: Instant::now(), snapshot: snapshot.clone(), versions: versions.clone() });
        }
        Ok((snapshot, versions))
    }
}

impl Snapshot {
    async fn load(db: &impl ConnectionTrait, version: String) -> Result<Self, DomainError> {
        let categories = category::Entity::find().order_by_asc(category::Column::Position).all(db).await?;
        // Each category's names in the three languages, normalised once: a business's text gets
        // its category's current names, so a renamed category is found by its new name as soon
        // as the index is rebuilt (the rename bumps the data version).
        let category_texts: HashMap<i32, String> = categories
            .iter()
            .map(|c| (c.id, normalize(&format!("{} {} {}", c.name_fr, c.name_nl, c.name_en))))
            .collect();
        let models = public_businesses().all(db).await?;
        let mut cards = card_sources(db, &models.iter().collect::<Vec<_>>()).await?;
        with_first_photos(db, &mut cards).await?;
        let rows: Vec<(i32, i32, String, String, String, String)> =
            models.into_iter().map(|b| (b.id, b.category_id, b.name, b.description, b.street, b.locality)).collect();
        // Built from the current columns rather than from a stored copy, so the text cannot
        // disagree with what the page shows. Normalising is linear and runs once per data
        // version, not per search.
        let mut rows: Vec<(String, i32, i32, String)> = rows
            .into_iter()
            .map(|(id, category_id, name, description, street, locality)| {
                let category = category_texts.get(&category_id).map(String::as_str).unwrap_or("");
                let own = normalize(&format!("{description} {street} {locality}"));
                let sort_name = normalize(&name);
                let text = [sort_name.as_str(), category, own.as_str()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                (sort_name, id, category_id, text)
            })
            .collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut texts = String::with_capacity(rows.iter().map(|r| r.3.len() + 1).sum());
        let mut entries = Vec::with_capacity(rows.len());
        for (sort_name, id, category_id, search_text) in rows {
            let start = texts.len();
            // Normalised texts hold no newline, the separator between businesses.
            texts.push_str(&search_text);
            entries.push(Entry { id, category_id, sort_name, text: start..texts.len() });
            texts.push('\n');
        }
        let mut counts: HashMap<i32, u64> = HashMap::new();
        for entry in &entries {
            *counts.entry(entry.category_id).or_default() += 1;
        }
        tracing::debug!(businesses = entries.len(), %version, "directory index built");
        let ids_by_slug = cards.iter().map(|(id, card)| (card.slug.clone(), *id)).collect();
        Ok(Self { version, categories, counts, entries, texts, cards, ids_by_slug, open: Mutex::new(None) })
    }

    /// What the card of a business shows, if it is in this snapshot.
    pub fn card(&self, id: i32) -> Option<&CardSource> {
        self.cards.get(&id)
    }

    /// The id of the published business whose page is `/commerces/{slug}`.
    pub fn business_id(&self, slug: &str) -> Option<i32> {
        self.ids_by_slug.get(slug).copied()
    }

    /// The categories in display order.
    pub fn categories(&self) -> &[category::Model] {
        &self.categories
    }

    /// How many businesses a category has.
    pub fn count(&self, category_id: i32) -> u64 {
        self.counts.get(&category_id).copied().unwrap_or(0)
    }

    /// How many businesses the directory has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The businesses open at the local minute of `now`, by the SQL rule of
    /// [`open_now_condition`]; computed once per minute and snapshot.
    pub async fn open_at(
        &self,
        db: &impl ConnectionTrait,
        now: NaiveDateTime,
    ) -> Result<Arc<HashSet<i32>>, DomainError> {
        let minute = now.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now);
        if let Ok(open) = self.open.lock() {
            if let Some((at, ids)) = open.as_ref() {
                if *at == minute {
                    return Ok(ids.clone());
                }
            }
        }
        let ids: Vec<i32> = public_businesses()
            .select_only()
            .column(business::Column::Id)
            .filter(open_now_condition(db.get_database_backend(), minute))
            .into_tuple()
            .all(db)
            .await?;
        let ids = Arc::new(ids.into_iter().collect::<HashSet<i32>>());
        if let Ok(mut open) = self.open.lock() {
            *open = Some((minute, ids.clone()));
        }
        Ok(ids)
    }

    /// The ids of the businesses whose text contains every word (normalised, see
    /// [`crate::search::query_words`]), of the category if given, among `open` if given: those
    /// whose name contains the first word first, then alphabetically.
    pub fn matching(&self, words: &[String], category_id: Option<i32>, open: Option<&HashSet<i32>>) -> Vec<i32> {
        let finders: Vec<Finder<'_>> = words.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let keep = |entry: &Entry| {
            category_id.is_none_or(|c| c == entry.category_id)
                && open.is_none_or(|open| open.contains(&entry.id))
                && finders.iter().skip(1).all(|f| f.find(self.texts[entry.text.clone()].as_bytes()).is_some())
        };
        let mut in_name = Vec::new();
        let mut others = Vec::new();
        let mut add = |entry: &Entry| match finders.first() {
            Some(first) if first.find(entry.sort_name.as_bytes()).is_some() => in_name.push(entry.id),
            _ => others.push(entry.id),
        };
        match finders.first() {
            None => self.entries.iter().filter(|e| keep(e)).for_each(&mut add),
            // The first word is searched in the whole haystack at once; its matches come in
            // ascending positions, so the entries holding them are found by walking forward.
            Some(first) => {
                let mut index = 0;
                let mut last_added = None;
                for position in first.find_iter(self.texts.as_bytes()) {
                    while self.entries[index].text.end < position {
                        index += 1;
                    }
                    if last_added != Some(index) {
                        last_added = Some(index);
                        let entry = &self.entries[index];
                        if keep(entry) {
                            add(entry);
                        }
                    }
                }
            }
        }
        in_name.extend(others);
        in_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot of `(id, category, name, text)` rows, built as `load` builds it.
    fn snapshot(rows: &[(i32, i32, &str, &str)]) -> Snapshot {
        let mut texts = String::new();
        let mut entries = Vec::new();
        for (id, category_id, name, text) in rows {
            let start = texts.len();
            texts.push_str(text);
            entries.push(Entry {
                id: *id,
                category_id: *category_id,
                sort_name: name.to_string(),
                text: start..texts.len(),
            });
            texts.push('\n');
        }
        Snapshot {
            version: String::new(),
            categories: Vec::new(),
            counts: HashMap::new(),
            entries,
            texts,
            cards: HashMap::new(),
            ids_by_slug: HashMap::new(),
            open: Mutex::new(None),
        }
    }

    fn words(text: &str) -> Vec<String> {
        crate::search::query_words(text)
    }

    #[test]
    fn every_word_must_match_and_names_matching_the_first_word_come_first() {
        let s = snapshot(&[
            (1, 1, "au bon pain", "au bon pain boulangerie rue de mons soignies"),
            (2, 2, "fleurs de soignies", "fleurs de soignies fleuriste grand place soignies"),
            (3, 1, "la mie", "la mie boulangerie pain rue de la station soignies"),
            (4, 3, "optique soignies", "optique soignies lunettes rue de mons"),
        ]);
        assert_eq!(s.matching(&words("soignies"), None, None), vec![2, 4, 1, 3]);
        assert_eq!(s.matching(&words("rue mons"), None, None), vec![1, 4]);
        assert_eq!(s.matching(&words("pain"), None, None), vec![1, 3]);
        assert_eq!(s.matching(&words("pain"), Some(2), None), Vec::<i32>::new());
        assert_eq!(s.matching(&[], Some(1), None), vec![1, 3]);
        let open: HashSet<i32> = [3, 4].into();
        assert_eq!(s.matching(&words("soignies"), None, Some(&open)), vec![4, 3]);
        assert!(s.matching(&words("zzz"), None, None).is_empty());
    }

    #[test]
    fn no_match_spans_two_businesses() {
        let s = snapshot(&[(1, 1, "a", "cafe du coin"), (2, 1, "b", "bar")]);
        // "coin" ends the first text and "bar" starts the second: "coinbar" is in neither.
        assert!(s.matching(&words("coinbar"), None, None).is_empty());
        assert!(s.matching(&words("coin bar"), None, None).is_empty());
        assert_eq!(s.matching(&words("ba"), None, None), vec![2]);
    }
}
