//! The weekly offers digest at scale (issue 8 "Speed"), run by `scripts/bench-digest.sh`:
//! the demo town, N confirmed followers (default 10,000: 70 % every shop, 30 % three shops; a
//! third each in French, Dutch and English) and a week of offers (default 300 over the town's
//! shops), then
//! 1. building and queueing the digest (`domain::offers::digest::run`: one claim, every e-mail
//!    rendered and inserted in one transaction), timed;
//! 2. sending the whole outbox through a real SMTP conversation with the test sink of
//!    `tests/support/smtp_sink.rs` on a loopback port, with the sender's own rounds
//!    (`vitrine::mailer::run_once`, its default batch of 10), timed.
//!
//! Usage: `cargo run --release -p vitrine --example bench_digest -- [followers] [offers]`, with
//! `DATABASE_URL` (default: a fresh SQLite file in a temporary directory; a PostgreSQL URL must
//! name an empty database).

#[path = "../tests/support/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::accounts::tokens::random_token;
use domain::offers::digest::{self, Outcome};
use entity::{business, email_outbox, offer, offer_subscriber, offer_subscription};
use sea_orm::{ActiveValue::NotSet, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use smtp_sink::SmtpSink;
use vitrine::mailer::{self, Settings, SmtpUrl};

const BATCH: usize = 500;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// A small deterministic generator (the same town every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

#[tokio::main]
async fn main() {
    if std::env::var("RUST_LOG").is_ok() {
        tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    }
    let args: Vec<String> = std::env::args().collect();
    let followers: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let offers: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(300);
    let work = std::env::temp_dir().join(format!("vitrine-bench-digest-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{}/bench.db", work.display()));
    let db = domain::db::connect(&url, 8).await.expect("database");
    domain::db::migrate(&db).await.unwrap();
    let saturday = at("2026-11-28T10:00:00+01:00");
    let town = domain::seed::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")).unwrap();
    domain::seed::seed(&db, &town, saturday, &work.join("media")).await.unwrap();
    offer::Entity::delete_many().exec(&db).await.unwrap();
    let shops: Vec<i32> = business::Entity::find()
        .filter(business::Column::Published.eq(true))
        .order_by_asc(business::Column::Id)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.id)
        .collect();
    let mut random = Lcg(8);

    // A week of offers, published between Monday 23 November 08:00 and Sunday 29 November.
    let week_start = at("2026-11-23T08:00:00+01:00");
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let rows: Vec<offer::ActiveModel> = (0..offers)
        .map(|n| {
            let published = week_start + Duration::minutes(random.next(6 * 24 * 60) as i64);
            offer::ActiveModel {
                id: NotSet,
                business_id: Set(shops[random.next(shops.len())]),
                kind: Set(["promotion", "new_arrival", "event", "in_store"][n % 4].into()),
                title_fr: Set(format!("Offre de la semaine n° {n}")),
                title_nl: Set(if n % 2 == 0 { format!("Aanbieding van de week nr. {n}") } else { String::new() }),
                title_en: Set(String::new()),
                body_fr: Set("Une offre à découvrir en magasin.".into()),
                body_nl: Set(String::new()),
                body_en: Set(String::new()),
                conditions_fr: Set(String::new()),
                conditions_nl: Set(String::new()),
                conditions_en: Set(String::new()),
                promo_code: Set(None),
                starts_on: Set(day("2026-11-28")),
                ends_on: Set(day("2026-12-20")),
                photo_file: Set(None),
                photo_width: Set(None),
                photo_height: Set(None),
                photo_variants: Set(None),
                photo_alt_fr: Set(String::new()),
                photo_alt_nl: Set(String::new()),
                photo_alt_en: Set(String::new()),
                created_at: Set(published),
                updated_at: Set(published),
                published_at: Set(Some(published)),
                ended_at: Set(None),
                hidden_at: Set(None),
                hidden_reason: Set(None),
                created_by: Set(None),
                version: Set(1),
            }
        })
        .collect();
    for chunk in rows.chunks(BATCH / 5) {
        offer::Entity::insert_many(chunk.to_vec()).exec_without_returning(&db).await.unwrap();
    }

    // Confirmed followers.
    let seeding = Instant::now();
    let confirmed = saturday - Duration::days(30);
    let people: Vec<offer_subscriber::ActiveModel> = (0..followers)
        .map(|n| offer_subscriber::ActiveModel {
            id: NotSet,
            email: Set(format!("suiveur{n}@example.be")),
            language: Set(["fr", "nl", "en"][n % 3].into()),
            all_businesses: Set(n % 10 < 7),
            confirm_hash: Set(None),
            confirm_expires_at: Set(confirmed),
            confirmed_at: Set(Some(confirmed)),
            unsubscribe_key: Set(random_token()),
            created_at: Set(confirmed),
            frequency: Set("weekly".into()),
            daily_sent_at: Set(None),
        })
        .collect();
    for chunk in people.chunks(BATCH) {
        offer_subscriber::Entity::insert_many(chunk.to_vec()).exec_without_returning(&db).await.unwrap();
    }
    let choosers: Vec<i32> = offer_subscriber::Entity::find()
        .filter(offer_subscriber::Column::AllBusinesses.eq(false))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut choices = Vec::new();
    for id in choosers {
        let mut picked = std::collections::BTreeSet::new();
        while picked.len() < 3 {
            picked.insert(shops[random.next(shops.len())]);
        }
        choices.extend(picked.into_iter().map(|business_id| offer_subscription::ActiveModel {
            subscriber_id: Set(id),
            business_id: Set(business_id),
        }));
    }
    for chunk in choices.chunks(BATCH) {
        offer_subscription::Entity::insert_many(chunk.to_vec()).exec_without_returning(&db).await.unwrap();
    }
    println!(
        "database: {}; {followers} confirmed followers, {offers} offers of the week over {} shops (seeded in {:.1} s)",
        if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
        shops.len(),
        seeding.elapsed().as_secs_f64()
    );

    // 1. Build and queue, on Monday 30 November 08:05 in Soignies.
    let monday = at("2026-11-30T08:05:00+01:00");
    let building = Instant::now();
    let outcome = digest::run(&db, &domain::mail::Notifier::new(), "https://vitrine.example", monday).await.unwrap();
    let built = building.elapsed();
    let Outcome::Queued { emails, .. } = outcome else { panic!("the digest was not built: {outcome:?}") };
    println!(
        "build + queue: {emails} e-mails in {:.2} s ({:.0} e-mails/s)",
        built.as_secs_f64(),
        emails as f64 / built.as_secs_f64()
    );

    // 2. Send everything through the SMTP sink.
    let sink = SmtpSink::start().await;
    let transport = mailer::transport(&SmtpUrl::parse(&sink.url("bench")).unwrap()).unwrap();
    let settings = Settings::new(mailer::parse_mailbox("Vitrine <noreply@vitrine.example>").unwrap());
    let sending = Instant::now();
    let mut sent = 0;
    loop {
        let report = mailer::run_once(&db, &transport, &settings, monday).await.unwrap();
        sent += report.sent;
        if report.claimed == 0 {
            break;
        }
    }
    let took = sending.elapsed();
    let received = sink.received().len();
    let pending = email_outbox::Entity::find()
        .filter(email_outbox::Column::Status.ne(email_outbox::Status::Sent))
        .count(&db)
        .await
        .unwrap();
    println!(
        "send: {sent} e-mails through SMTP in {:.2} s ({:.0} e-mails/s); the sink received {received}; {pending} left unsent",
        took.as_secs_f64(),
        sent as f64 / took.as_secs_f64()
    );
    assert_eq!(received, emails as usize, "every e-mail arrived once");
    sink.stop().await;
    let _ = std::fs::remove_dir_all(&work);
}
