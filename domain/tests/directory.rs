//! The directory on real databases: migrations, the demo town, search, filters, pagination,
//! "open now" and the business profile.

mod support;

use common::directory::{DirectoryPage, OpenStatus};
use common::query::{QueryProblem, RawDirectoryQuery};
use common::Lang;
use domain::directory;
use domain::directory_index::DirectoryIndex;
use domain::DomainError;
use support::*;

fn query(q: &str, category: &str, open: bool, page: &str) -> RawDirectoryQuery {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    RawDirectoryQuery {
        q: some(q),
        category: some(category),
        open_now: open.then(|| "1".to_string()),
        page: some(page),
    }
}

#[tokio::test]
async fn migrations_build_the_schema_and_the_demo_town_loads() {
    on_every_backend(|db| async move {
        let town = domain::seed::load(&demo_dir()).unwrap();
        let report = domain::seed::seed(&db.db, &town, saturday_morning(), &media_dir()).await.unwrap();
        assert!(report.businesses >= 80, "{}: {report:?}", db.label);
        assert!(report.categories >= 12, "{}: {report:?}", db.label);
        let categories = directory::categories(&db.db, &DirectoryIndex::default(), Lang::Fr).await.unwrap();
        assert_eq!(categories.iter().map(|c| c.count).sum::<u64>(), report.businesses as u64);
        // A second load is refused rather than duplicating the town.
        let again = domain::seed::seed(&db.db, &town, saturday_morning(), &media_dir()).await;
        assert!(matches!(again, Err(DomainError::InvalidData(_))), "{}", db.label);
    })
    .await;
}

#[tokio::test]
async fn migrations_can_be_rolled_back_and_reapplied() {
    use migration::{Migrator, MigratorTrait};
    on_every_backend(|db| async move {
        // On one connection, in the deploy lock's transaction, as `domain::db::migrate` runs
        // them: through the pool, each DDL statement could go to another SQLite connection, and
        // under load a reapplied CREATE INDEX once met the index its DROP TABLE had just removed.
        let txn = domain::db::begin_exclusive(&db.db).await.unwrap();
        Migrator::down(&txn, None).await.unwrap();
        Migrator::up(&txn, None).await.unwrap();
        txn.commit().await.unwrap();
        seeded(&db, saturday_morning()).await;
    })
    .await;
}

#[tokio::test]
async fn search_ignores_accents_and_case() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let found = search(&db, Lang::Fr, query("patisserie", "", false, ""), saturday_morning()).await.unwrap();
        assert!(found.items.iter().any(|b| b.name == "Pâtisserie Lemaire"), "{}: {:?}", db.label, found.items);
        let found = search(&db, Lang::Fr, query("BOUCHERIE", "", false, ""), saturday_morning()).await.unwrap();
        assert!(found.items.iter().any(|b| b.name == "Boucherie Dubois"), "{}", db.label);
        // Several words must all match; names matching the first word come first.
        let found = search(&db, Lang::Fr, query("librairie page", "", false, ""), saturday_morning()).await.unwrap();
        assert_eq!(found.items.first().map(|b| b.slug.as_str()), Some("librairie-la-page-blanche"), "{}", db.label);
        // Wildcards are literal characters, not patterns.
        let found = search(&db, Lang::Fr, query("%", "", false, ""), saturday_morning()).await.unwrap();
        assert_eq!(found.total, 88, "{}: a lone % is no word, so no filter", db.label);
        let found = search(&db, Lang::Fr, query("zzzqqq", "", false, ""), saturday_morning()).await.unwrap();
        assert_eq!(found.total, 0, "{}", db.label);
        assert_eq!(found.page_count, 1);
    })
    .await;
}

#[tokio::test]
async fn category_filter_keeps_only_that_category_and_refuses_unknown_ones() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let found = search(&db, Lang::Nl, query("", "boucherie", false, ""), saturday_morning()).await.unwrap();
        assert!(found.total >= 5, "{}", db.label);
        assert!(found.items.iter().all(|b| b.category_slug == "boucherie"), "{}", db.label);
        let unknown = search(&db, Lang::Fr, query("", "licornes", false, ""), saturday_morning()).await;
        assert!(matches!(unknown, Err(DomainError::BadQuery(QueryProblem::UnknownCategory))), "{}", db.label);
    })
    .await;
}

#[tokio::test]
async fn results_are_paginated_and_bad_pages_refused() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let first = search(&db, Lang::Fr, query("", "", false, ""), saturday_morning()).await.unwrap();
        assert_eq!(first.total, 88);
        assert_eq!(first.items.len(), 24);
        assert_eq!(first.page_count, 4);
        let last = search(&db, Lang::Fr, query("", "", false, "4"), saturday_morning()).await.unwrap();
        assert_eq!(last.items.len(), 88 - 3 * 24);
        // No business appears on two pages.
        let mut seen = std::collections::HashSet::new();
        for page in 1..=4 {
            let p = search(&db, Lang::Fr, query("", "", false, &page.to_string()), saturday_morning()).await.unwrap();
            for item in p.items {
                assert!(seen.insert(item.slug.clone()), "{}: {} twice", db.label, item.slug);
            }
        }
        assert_eq!(seen.len(), 88);
        let beyond = search(&db, Lang::Fr, query("", "", false, "1000000000"), saturday_morning()).await;
        assert!(
            matches!(beyond, Err(DomainError::BadQuery(QueryProblem::PageOutOfRange { last: 4, .. }))),
            "{}: {beyond:?}",
            db.label
        );
        // A text search paginates the same way: "soignies" matches most of the town.
        let first = search(&db, Lang::Fr, query("soignies", "", false, ""), saturday_morning()).await.unwrap();
        let second = search(&db, Lang::Fr, query("soignies", "", false, "2"), saturday_morning()).await.unwrap();
        assert!(first.total > 48 && first.page_count >= 3, "{}: {}", db.label, first.total);
        assert_eq!(first.items.len(), 24);
        assert_eq!(second.items.len(), 24);
        assert!(first.items.iter().all(|a| second.items.iter().all(|b| a.slug != b.slug)), "{}", db.label);
        let zero = search(&db, Lang::Fr, query("", "", false, "0"), saturday_morning()).await;
        assert!(matches!(zero, Err(DomainError::BadQuery(QueryProblem::BadPage))), "{}", db.label);
    })
    .await;
}

/// One page of the directory, as a freshly started instance answers it.
async fn search(
    db: &TestDb,
    lang: Lang,
    raw: RawDirectoryQuery,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<DirectoryPage, DomainError> {
    directory::search(&db.db, &DirectoryIndex::default(), lang, &raw, now).await
}

/// How many businesses a text search finds.
async fn found_for(db: &TestDb, index: &DirectoryIndex, text: &str) -> u64 {
    directory::search(&db.db, index, Lang::Fr, &query(text, "", false, ""), saturday_morning()).await.unwrap().total
}

/// The search index is a cache of the database: a change to a business, a category or hours
/// shows once the index's data-version check comes round (every second in production), and not
/// before.
#[tokio::test]
async fn the_search_index_follows_changes_to_the_data() {
    use entity::{business, category, opening_hours};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let checks_every_time = DirectoryIndex::new(std::time::Duration::ZERO);
        let checks_hourly = DirectoryIndex::new(std::time::Duration::from_secs(3600));
        let search = |index| found_for(&db, index, "zythologie");
        assert_eq!(search(&checks_every_time).await, 0, "{}", db.label);
        assert_eq!(search(&checks_hourly).await, 0, "{}", db.label);

        let bar = business::Entity::find_by_id(1).one(&db.db).await.unwrap().unwrap();
        let mut changed: business::ActiveModel = bar.clone().into();
        changed.description = Set(format!("{} Zythologie !", bar.description));
        // `updated_at` is left as it was: the version counter sees every write, whatever its
        // timestamps.
        changed.update(&db.db).await.unwrap();

        assert_eq!(search(&checks_every_time).await, 1, "{}: the change is seen at the next check", db.label);
        assert_eq!(search(&checks_hourly).await, 0, "{}: not before the check is due", db.label);
        // Categories' counts follow the data too.
        business::Entity::delete_by_id(bar.id).exec(&db.db).await.unwrap();
        assert_eq!(search(&checks_every_time).await, 0, "{}", db.label);
        let categories = directory::categories(&db.db, &checks_every_time, Lang::Fr).await.unwrap();
        assert_eq!(categories.iter().map(|c| c.count).sum::<u64>(), 87, "{}", db.label);
        // So does a change to a category alone.
        let florist =
            category::Entity::find().filter(category::Column::Slug.eq("fleuriste")).one(&db.db).await.unwrap().unwrap();
        let mut renamed: category::ActiveModel = florist.into();
        assert_eq!(found_for(&db, &checks_every_time, "floriographie").await, 0, "{}", db.label);
        renamed.name_fr = Set("Fleurs et plantes".into());
        // A word in no business's own text: only the category's current name can match it.
        renamed.name_nl = Set("Floriografie".into());
        renamed.name_en = Set("Floriographie".into());
        assert!(found_for(&db, &checks_every_time, "bloemist").await >= 5, "{}", db.label);
        renamed.update(&db.db).await.unwrap();
        let categories = directory::categories(&db.db, &checks_every_time, Lang::Fr).await.unwrap();
        assert!(categories.iter().any(|c| c.slug == "fleuriste" && c.name == "Fleurs et plantes"), "{}", db.label);
        // The search text is built from the current category names: the new name is found at
        // once, in every florist's text, and the old words that were only in the name are not.
        let florists = directory::search(
            &db.db,
            &checks_every_time,
            Lang::Fr,
            &query("", "fleuriste", false, ""),
            saturday_morning(),
        )
        .await
        .unwrap()
        .total;
        assert!(florists >= 5, "{}", db.label);
        assert_eq!(found_for(&db, &checks_every_time, "floriographie").await, florists, "{}", db.label);
        assert_eq!(found_for(&db, &checks_every_time, "FLORIOGRAFIE").await, florists, "{}", db.label);
        assert_eq!(found_for(&db, &checks_every_time, "bloemist").await, 0, "{}: the old Dutch name", db.label);
        // And a change to a business's hours.
        let before = directory::data_version(&db.db).await.unwrap();
        opening_hours::Entity::delete_many()
            .filter(opening_hours::Column::BusinessId.eq(2))
            .exec(&db.db)
            .await
            .unwrap();
        assert_ne!(directory::data_version(&db.db).await.unwrap(), before, "{}", db.label);
    })
    .await;
}

/// "Open now" in the directory and on the home page keeps exactly the businesses the SQL rule
/// says are open.
#[tokio::test]
async fn the_open_now_filter_of_the_directory_lists_the_open_businesses() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let index = DirectoryIndex::default();
        for instant in [saturday_morning(), at("2026-11-29T12:30:00+01:00"), at("2026-11-30T23:30:00+01:00")] {
            let expected = directory::open_slugs_sql(&db.db, instant).await.unwrap();
            let mut listed = Vec::new();
            let first = directory::search(&db.db, &index, Lang::Fr, &query("", "", true, ""), instant).await.unwrap();
            for page in 1..=first.page_count {
                let found =
                    directory::search(&db.db, &index, Lang::Fr, &query("", "", true, &page.to_string()), instant)
                        .await
                        .unwrap();
                assert!(found.items.iter().all(|b| b.status.is_open()), "{}: {instant}", db.label);
                listed.extend(found.items.into_iter().map(|b| b.slug));
            }
            listed.sort();
            assert_eq!(listed, expected, "{}: {instant}", db.label);
            assert_eq!(first.total as usize, expected.len());
            // The home page's "see all N open" counts the same businesses.
            let home = directory::home(&db.db, &index, Lang::Fr, instant).await.unwrap();
            assert_eq!(home.open_now_total as usize, expected.len(), "{}: {instant}", db.label);
            assert!(home.open_now.iter().all(|b| expected.contains(&b.slug)), "{}: {instant}", db.label);
        }
    })
    .await;
}

/// The SQL "open now" filter and the pure schedule model must agree at every instant: ordinary
/// days, lunch breaks, late nights past midnight, holiday closures, special Sunday hours, and both
/// daylight-saving changes.
#[tokio::test]
async fn open_now_filter_agrees_with_the_schedule_model() {
    let mut instants = Vec::new();
    // A whole week from Saturday 28 November, every 47 minutes (crosses every hour boundary).
    let start = saturday_morning();
    for step in 0..(7 * 24 * 60 / 47) {
        instants.push(start + chrono::Duration::minutes(47 * step));
    }
    for fixed in [
        "2026-12-20T11:00:00+01:00", // Christmas shopping Sunday
        "2026-12-24T15:30:00+01:00", // early closing on Christmas Eve
        "2026-12-28T10:00:00+01:00", // holidays
        "2027-01-01T01:30:00+01:00", // New Year's night past midnight
        "2026-11-28T01:30:00+01:00", // Friday night, Saturday 01:30
        "2027-03-28T01:30:00+01:00", // just before the spring change
        "2027-03-28T03:30:00+02:00", // just after
        "2026-10-25T02:30:00+01:00", // the repeated hour in autumn
        "2026-12-25T10:00:00+01:00", // Christmas, a public holiday (Friday)
        "2026-12-25T23:30:00+01:00", // Christmas night (late spans started that day do not run)
        "2026-12-26T01:30:00+01:00", // the night after Christmas
        "2027-01-01T11:00:00+01:00", // New Year's Day
        "2027-03-29T10:00:00+02:00", // Easter Monday 2027
        "2027-03-30T01:00:00+02:00", // the night after Easter Monday
        "2027-05-06T11:00:00+02:00", // Ascension
        "2027-07-21T15:00:00+02:00", // national day
    ] {
        instants.push(at(fixed));
    }
    on_every_backend(|db| {
        let instants = instants.clone();
        async move {
            seeded(&db, saturday_morning()).await;
            let mut open_counts = Vec::new();
            for instant in &instants {
                let by_sql = directory::open_slugs_sql(&db.db, *instant).await.unwrap();
                let by_model = directory::open_slugs_model(&db.db, *instant).await.unwrap();
                assert_eq!(by_sql, by_model, "{} at {instant}", db.label);
                open_counts.push(by_sql.len());
            }
            // The check means something: some instants have many shops open, some have none.
            assert!(open_counts.iter().any(|c| *c > 40), "{}: {open_counts:?}", db.label);
            assert!(open_counts.iter().any(|c| *c < 5), "{}: {open_counts:?}", db.label);
        }
    })
    .await;
}

#[tokio::test]
async fn open_now_filter_returns_only_open_businesses() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let open = search(&db, Lang::Fr, query("", "", true, ""), saturday_morning()).await.unwrap();
        let all = search(&db, Lang::Fr, query("", "", false, ""), saturday_morning()).await.unwrap();
        assert!(open.total > 0 && open.total < all.total, "{}: {} of {}", db.label, open.total, all.total);
        assert!(open.items.iter().all(|b| b.status.is_open()), "{}", db.label);
        // At 3 in the morning on a Tuesday everything is closed.
        let night = at("2026-12-01T03:00:00+01:00");
        let open = search(&db, Lang::Fr, query("", "", true, ""), night).await.unwrap();
        assert_eq!(open.total, 0, "{}: {:?}", db.label, open.items);
    })
    .await;
}

#[tokio::test]
async fn profile_has_hours_status_and_structured_data() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let profile =
            directory::profile(&db.db, Lang::En, "le-cafe-des-carriers", saturday_morning(), "https://vitrine.example")
                .await
                .unwrap();
        assert_eq!(profile.name, "Le Café des Carriers");
        assert_eq!(profile.week.len(), 7);
        assert!(profile.week.iter().filter(|d| d.is_today).count() == 1);
        assert!(profile.week[5].is_today, "28 November 2026 is a Saturday");
        // Friday and Saturday evenings run past midnight.
        assert!(profile.week[4].spans.iter().any(|s| s.past_midnight()));
        let ld: serde_json::Value = serde_json::from_str(&profile.json_ld).unwrap();
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["name"], "Le Café des Carriers");
        assert!(ld["openingHoursSpecification"].as_array().is_some_and(|a| !a.is_empty()));
        assert_eq!(ld["address"]["postalCode"].as_str().map(|s| s.starts_with("706")), Some(true));
        assert!(ld["@id"].as_str().unwrap().starts_with("https://vitrine.example/en/commerces/"));
        assert!(!profile.json_ld.contains('<'));
        let missing = directory::profile(&db.db, Lang::Fr, "nope", saturday_morning(), "").await;
        assert!(matches!(missing, Err(DomainError::NotFound)), "{}", db.label);
    })
    .await;
}

#[tokio::test]
async fn holiday_closures_show_until_when() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let during = at("2026-12-29T11:00:00+01:00");
        let all = search(&db, Lang::Fr, query("", "", false, ""), during).await.unwrap();
        let mut holidays = 0;
        for page in 1..=all.page_count {
            let p = search(&db, Lang::Fr, query("", "", false, &page.to_string()), during).await.unwrap();
            holidays += p
                .items
                .iter()
                .filter(|b| {
                    // Closed by an exception that still runs on 29 December (not one that ended before).
                    matches!(&b.status, OpenStatus::ClosedException { until, .. }
                        if (until.year, until.month, until.day) >= (2026, 12, 29))
                })
                .count();
        }
        assert!(holidays >= 5, "{}: only {holidays} businesses on holiday", db.label);
    })
    .await;
}

/// On a public holiday most shops are closed and say why; cafés, restaurants and bakeries that
/// open on holidays keep their hours. Pages, the "open now" filter and JSON-LD agree.
#[tokio::test]
async fn public_holidays_close_the_shops_that_close_on_holidays() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let christmas = at("2026-12-25T10:00:00+01:00");
        let open = directory::open_slugs_sql(&db.db, christmas).await.unwrap();
        assert!(open.len() < 20, "{}: {} open on Christmas morning: {open:?}", db.label, open.len());
        assert!(open.iter().any(|slug| slug == "grain-de-cafe" || slug == "le-kiosque-de-la-gare"), "{}", db.label);
        assert!(!open.contains(&"librairie-la-page-blanche".to_string()), "{}", db.label);
        // An ordinary Friday at the same hour has most of the town open.
        let friday = directory::open_slugs_sql(&db.db, at("2026-12-04T10:00:00+01:00")).await.unwrap();
        assert!(friday.len() > 50, "{}: {}", db.label, friday.len());

        let page = |instant| {
            directory::profile(&db.db, Lang::Fr, "librairie-la-page-blanche", instant, "https://vitrine.example")
        };
        let profile = page(christmas).await.unwrap();
        assert!(matches!(profile.status, OpenStatus::ClosedHoliday { reopens: Some(_) }), "{}", db.label);
        assert!(profile.closed_on_holidays);

        // JSON-LD announces the coming holidays as closed days (schema.org: 00:00–00:00).
        let profile = page(saturday_morning()).await.unwrap();
        let ld: serde_json::Value = serde_json::from_str(&profile.json_ld).unwrap();
        let special = ld["specialOpeningHoursSpecification"].as_array().cloned().unwrap_or_default();
        let closed_on = |date: &str| {
            special.iter().any(|s| {
                s["validFrom"] == date && s["validThrough"] == date && s["opens"] == "00:00" && s["closes"] == "00:00"
            })
        };
        for date in ["2026-12-25", "2027-01-01", "2027-03-29", "2027-05-06", "2027-05-17", "2027-11-11"] {
            assert!(closed_on(date), "{}: no closed day {date} in {special:?}", db.label);
        }
        assert!(!closed_on("2027-12-25"), "{}: more than a year ahead", db.label);
        let froms: Vec<&str> = special.iter().filter_map(|s| s["validFrom"].as_str()).collect();
        assert!(froms.windows(2).all(|w| w[0] <= w[1]), "{}: in date order", db.label);

        // A café opens on holidays: no holiday entry, and it is a café for search engines.
        let cafe = directory::profile(&db.db, Lang::Fr, "le-cafe-des-carriers", saturday_morning(), "").await.unwrap();
        let ld: serde_json::Value = serde_json::from_str(&cafe.json_ld).unwrap();
        assert_eq!(ld["@type"], "CafeOrCoffeeShop");
        assert!(ld["specialOpeningHoursSpecification"]
            .as_array()
            .is_none_or(|a| a.iter().all(|s| s["validFrom"] != "2026-12-25")));
    })
    .await;
}

/// Contact values are checked types on the page: a stored value that does not parse (written by
/// hand, a script or an older version) is left out rather than rendered.
#[tokio::test]
async fn stored_values_that_do_not_parse_are_left_out_of_the_page() {
    use entity::business;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let slug = "le-cafe-des-carriers";
        let page = || directory::profile(&db.db, Lang::Fr, slug, saturday_morning(), "https://vitrine.example");
        let profile = page().await.unwrap();
        assert_eq!(profile.phone.as_ref().map(|p| p.tel_href()).as_deref(), Some("tel:+3267334755"), "{}", db.label);
        assert_eq!(profile.phone.as_ref().map(|p| p.display()).as_deref(), Some("+32 67 33 47 55"));
        assert!(profile.email.is_some() && profile.website.is_some(), "{}", db.label);

        let model =
            business::Entity::find().filter(business::Column::Slug.eq(slug)).one(&db.db).await.unwrap().unwrap();
        let mut hostile: business::ActiveModel = model.into();
        hostile.website = Set(Some("JaVaScRiPt:alert(1)".into()));
        hostile.facebook = Set(Some("https://facebook.com.evil.example/".into()));
        hostile.instagram = Set(Some("data:text/html,<script>alert(1)</script>".into()));
        // PostgreSQL refuses NUL in text; another control character stands for it.
        hostile.phone = Set(Some("067 33 47 55\u{7}".into()));
        hostile.email = Set(Some("a?cc=victim@x.be".into()));
        hostile.update(&db.db).await.unwrap();

        let profile = page().await.unwrap();
        assert_eq!(profile.phone, None, "{}", db.label);
        assert_eq!(profile.email, None, "{}", db.label);
        assert_eq!(profile.website, None, "{}", db.label);
        assert_eq!(profile.facebook, None, "{}", db.label);
        assert_eq!(profile.instagram, None, "{}", db.label);
        let ld: serde_json::Value = serde_json::from_str(&profile.json_ld).unwrap();
        assert_eq!(ld["url"], "https://vitrine.example/commerces/le-cafe-des-carriers", "{}", db.label);
        assert!(ld.get("sameAs").is_none() && ld.get("telephone").is_none() && ld.get("email").is_none());
        let lower = profile.json_ld.to_lowercase();
        assert!(!lower.contains("javascript") && !lower.contains("data:") && !lower.contains("evil"), "{lower}");
    })
    .await;
}

/// Unpublished businesses are invisible everywhere the public looks: search, category counts,
/// "open now" (directory and home), the home page, their own page, the sitemap.
#[tokio::test]
async fn unpublished_businesses_are_invisible_to_the_public() {
    use entity::business;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let slug = "le-cafe-des-carriers";
        let index = DirectoryIndex::new(std::time::Duration::ZERO);
        let open_before = directory::open_slugs_sql(&db.db, saturday_morning()).await.unwrap();
        assert!(open_before.iter().any(|s| s == slug), "{}: the café is open on Saturday morning", db.label);
        assert_eq!(found_for(&db, &index, "carriers").await, 1, "{}", db.label);

        let model =
            business::Entity::find().filter(business::Column::Slug.eq(slug)).one(&db.db).await.unwrap().unwrap();
        let mut hidden: business::ActiveModel = model.into();
        hidden.published = Set(false);
        hidden.update(&db.db).await.unwrap();

        assert_eq!(found_for(&db, &index, "carriers").await, 0, "{}", db.label);
        let all =
            directory::search(&db.db, &index, Lang::Fr, &query("", "", false, ""), saturday_morning()).await.unwrap();
        assert_eq!(all.total, 87, "{}", db.label);
        assert_eq!(all.categories.iter().map(|c| c.count).sum::<u64>(), 87, "{}", db.label);
        let open =
            directory::search(&db.db, &index, Lang::Fr, &query("", "", true, ""), saturday_morning()).await.unwrap();
        assert_eq!(open.total as usize, open_before.len() - 1, "{}", db.label);
        let home = directory::home(&db.db, &index, Lang::Fr, saturday_morning()).await.unwrap();
        assert_eq!(home.open_now_total as usize, open_before.len() - 1, "{}", db.label);
        assert_eq!(home.business_total, 87, "{}", db.label);
        assert!(home.open_now.iter().all(|b| b.slug != slug), "{}", db.label);
        let page = directory::profile(&db.db, Lang::Fr, slug, saturday_morning(), "").await;
        assert!(matches!(page, Err(DomainError::NotFound)), "{}", db.label);
        let sitemap = domain::sitemap::entries(&db.db).await.unwrap();
        assert_eq!(sitemap.len(), 87, "{}", db.label);
        assert!(sitemap.iter().all(|e| e.slug != slug), "{}", db.label);
        // The SQL and model rules used by the checks agree on it too.
        let by_model = directory::open_slugs_model(&db.db, saturday_morning()).await.unwrap();
        assert_eq!(directory::open_slugs_sql(&db.db, saturday_morning()).await.unwrap(), by_model, "{}", db.label);
        assert!(!by_model.iter().any(|s| s == slug), "{}", db.label);
    })
    .await;
}

/// A restored backup takes the data version back: the index follows any change of the version,
/// not only increases, so the restored data is searched at the next check.
#[tokio::test]
async fn the_search_index_follows_a_data_version_that_goes_back() {
    use entity::business;
    use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, FromQueryResult, JsonValue, Set, Statement};
    on_every_backend(|db| async move {
        let version = || async {
            let sql = "SELECT version FROM data_version WHERE id = 1";
            let row = JsonValue::find_by_statement(Statement::from_string(db.db.get_database_backend(), sql))
                .one(&db.db)
                .await
                .unwrap()
                .unwrap();
            row["version"].as_i64().unwrap().to_string()
        };
        seeded(&db, saturday_morning()).await;
        let index = DirectoryIndex::new(std::time::Duration::ZERO);
        let backed_up = version().await;
        assert_eq!(found_for(&db, &index, "zythologie").await, 0, "{}", db.label);
        let bar = business::Entity::find_by_id(1).one(&db.db).await.unwrap().unwrap();
        let mut changed: business::ActiveModel = bar.clone().into();
        changed.description = Set(format!("{} Zythologie !", bar.description));
        changed.update(&db.db).await.unwrap();
        changed = bar.clone().into();
        changed.description = Set(format!("{} Zythologie, encore !", bar.description));
        changed.update(&db.db).await.unwrap();
        assert_eq!(found_for(&db, &index, "zythologie").await, 1, "{}", db.label);
        // The restore: the data as it was, and its lower version.
        changed = bar.clone().into();
        changed.description = Set(bar.description.clone());
        changed.update(&db.db).await.unwrap();
        db.db.execute_unprepared(&format!("UPDATE data_version SET version = {backed_up} WHERE id = 1")).await.unwrap();
        assert_eq!(version().await, backed_up, "{}", db.label);
        assert_eq!(found_for(&db, &index, "zythologie").await, 0, "{}: the restored data is searched", db.label);
        assert_eq!(index.snapshot(&db.db).await.unwrap().version, backed_up, "{}", db.label);
    })
    .await;
}
