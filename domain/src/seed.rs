//! The demo town: reads the data files of `seed/demo/` (town, categories, businesses, photos),
//! checks them, and loads them into an empty database in one transaction.
//!
//! The files are an edge like the merchant forms: slugs, phone numbers, e-mail addresses, links
//! and opening spans go through the value types of [`common::values`], so a bad value stops the
//! load with a message naming the business and the field, and what is stored is canonical.
//!
//! The files were written for an anchor date; loading shifts every date by whole weeks so that
//! the demo keeps its shape (a holiday starting on a Thursday still starts on a Thursday) and
//! stays current, whatever day it is loaded. For load tests, [`replicate`] multiplies the town
//! into thousands of businesses.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::directory::ACCESSIBILITY_FEATURES;
use common::values::{social_url, Email, Network, Phone, Slug, ValueError, WebUrl};
use entity::{
    business, business_accessibility, business_photo, category, exception_span, hours_exception, opening_hours,
};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, EntityTrait, PaginatorTrait, Set, TransactionSession, TransactionTrait,
};
use serde::Deserialize;

use crate::error::DomainError;
use crate::hours::{parse_span, Exception, Schedule};
use crate::search::normalize;

#[derive(Debug, Clone, Deserialize)]
pub struct Town {
    pub name: String,
    pub anchor_date: NaiveDate,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Translated {
    pub fr: String,
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CategoryFile {
    pub slug: String,
    pub name: Translated,
    pub icon: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub locality: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Social {
    pub facebook: Option<String>,
    pub instagram: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExceptionFile {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub closed: bool,
    #[serde(default)]
    pub hours: Vec<String>,
    pub note: Option<Translated>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PhotoFile {
    pub file: String,
    pub alt: Translated,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BusinessFile {
    pub slug: String,
    pub name: String,
    pub category: String,
    pub description: String,
    pub address: Address,
    pub coordinates: Coordinates,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    pub social: Social,
    #[serde(default)]
    pub hours: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionFile>,
    /// Closed on public holidays: required, so that every business of the files says it.
    pub closed_on_holidays: bool,
    #[serde(default)]
    pub accessibility: Vec<String>,
    pub confirmed_days_ago: i64,
    #[serde(default)]
    pub photos: Vec<PhotoFile>,
}

/// The demo town as read from its files.
#[derive(Debug, Clone)]
pub struct DemoTown {
    pub town: Town,
    pub categories: Vec<CategoryFile>,
    pub businesses: Vec<BusinessFile>,
    pub photos_dir: PathBuf,
    /// The shops' products (`products.json`, see `crate::catalogue::demo`).
    pub catalogue: crate::catalogue::demo::CatalogueFile,
    /// For a [`replicate`]d town: each copy's slug and the slug of the business it copies.
    pub origins: HashMap<String, String>,
}

const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, DomainError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DomainError::InvalidData(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| DomainError::InvalidData(format!("{}: {e}", path.display())))
}

/// Reads and checks the data files of a demo town directory.
pub fn load(dir: &Path) -> Result<DemoTown, DomainError> {
    let town = DemoTown {
        town: read_json(&dir.join("town.json"))?,
        categories: read_json(&dir.join("categories.json"))?,
        businesses: read_json(&dir.join("businesses.json"))?,
        photos_dir: dir.join("photos"),
        catalogue: crate::catalogue::demo::CatalogueFile::load(dir)?,
        origins: HashMap::new(),
    };
    town.check()?;
    Ok(town)
}

impl BusinessFile {
    /// The business's hours in the model, with exception dates shifted by `shift`.
    fn schedule(&self, shift: Duration) -> Result<Schedule, DomainError> {
        let bad = |e: String| DomainError::InvalidData(format!("{}: {e}", self.slug));
        let mut schedule = Schedule { closed_on_holidays: self.closed_on_holidays, ..Schedule::default() };
        for (key, spans) in &self.hours {
            let day = WEEKDAY_KEYS.iter().position(|k| k == key).ok_or_else(|| bad(format!("unknown day '{key}'")))?;
            for span in spans {
                schedule.week[day].push(parse_span(span).map_err(bad)?);
            }
        }
        for exception in &self.exceptions {
            if exception.to < exception.from {
                return Err(bad(format!("exception ends before it starts ({})", exception.from)));
            }
            schedule.exceptions.push(Exception {
                from: exception.from + shift,
                to: exception.to + shift,
                closed: exception.closed,
                spans: exception.hours.iter().map(|s| parse_span(s)).collect::<Result<_, _>>().map_err(bad)?,
                note: exception.note.as_ref().map(|n| n.fr.clone()),
            });
        }
        if let Some((a, b)) = schedule.overlapping_exceptions() {
            return Err(bad(format!("exceptions overlap ({} and {})", a.from, b.from)));
        }
        Ok(schedule)
    }
}

/// A business's contact values, checked and in canonical form (what is stored).
#[derive(Debug, Clone, Default, PartialEq)]
struct ContactValues {
    phone: Option<Phone>,
    email: Option<Email>,
    website: Option<WebUrl>,
    facebook: Option<WebUrl>,
    instagram: Option<WebUrl>,
}

impl BusinessFile {
    /// Parses the contact fields, naming the business, the field and the problem on refusal.
    fn contact(&self) -> Result<ContactValues, DomainError> {
        fn field<T>(
            slug: &str,
            name: &str,
            text: &Option<String>,
            parse: impl Fn(&str) -> Result<T, ValueError>,
        ) -> Result<Option<T>, DomainError> {
            text.as_deref()
                .map(|t| parse(t).map_err(|e| DomainError::InvalidData(format!("{slug}: {name} {t:?}: {e}"))))
                .transpose()
        }
        let slug = self.slug.as_str();
        Ok(ContactValues {
            phone: field(slug, "phone", &self.phone, Phone::parse)?,
            email: field(slug, "email", &self.email, Email::parse)?,
            website: field(slug, "website", &self.website, WebUrl::parse)?,
            facebook: field(slug, "facebook", &self.social.facebook, |t| social_url(Network::Facebook, t))?,
            instagram: field(slug, "instagram", &self.social.instagram, |t| social_url(Network::Instagram, t))?,
        })
    }
}

impl DemoTown {
    /// Refuses data the database or the pages could not honour.
    pub fn check(&self) -> Result<(), DomainError> {
        let categories: HashSet<&str> = self.categories.iter().map(|c| c.slug.as_str()).collect();
        if categories.len() != self.categories.len() {
            return Err(DomainError::InvalidData("duplicate category slug".into()));
        }
        if let Some((slug, problem)) =
            self.categories.iter().find_map(|c| Slug::parse(&c.slug).err().map(|e| (c.slug.as_str(), e)))
        {
            return Err(DomainError::InvalidData(format!("category {slug:?}: slug: {problem}")));
        }
        let mut slugs = HashSet::new();
        for b in &self.businesses {
            let bad = |e: &str| Err(DomainError::InvalidData(format!("{}: {e}", b.slug)));
            if !slugs.insert(b.slug.as_str()) {
                return bad("duplicate slug");
            }
            if let Err(problem) = Slug::parse(&b.slug) {
                return bad(&format!("slug: {problem}"));
            }
            b.contact()?;
            if !categories.contains(b.category.as_str()) {
                return bad("unknown category");
            }
            if let Some(f) = b.accessibility.iter().find(|f| !ACCESSIBILITY_FEATURES.contains(&f.as_str())) {
                return bad(&format!("unknown accessibility feature '{f}'"));
            }
            if let Some(p) = b.photos.iter().find(|p| !self.photos_dir.join(&p.file).is_file()) {
                return bad(&format!("missing photo {}", p.file));
            }
            b.schedule(Duration::zero())?;
        }
        self.catalogue.check(&slugs)
    }

    /// Whole weeks between the anchor date and `today`, so weekdays stay what they were.
    pub fn shift_to(&self, today: NaiveDate) -> Duration {
        let days = (today - self.town.anchor_date).num_days();
        Duration::days(days.div_euclid(7) * 7)
    }
}

/// The town multiplied into `count` businesses (for load tests): copies get a numbered name and
/// slug and a slightly moved position.
pub fn replicate(town: &DemoTown, count: usize) -> DemoTown {
    let mut businesses = Vec::with_capacity(count);
    let mut origins = HashMap::new();
    let originals = &town.businesses;
    for i in 0..count {
        let mut copy = originals[i % originals.len()].clone();
        let round = i / originals.len();
        if round > 0 {
            origins.insert(format!("{}-{}", copy.slug, round + 1), copy.slug.clone());
            copy.slug = format!("{}-{}", copy.slug, round + 1);
            copy.name = format!("{} {}", copy.name, round + 1);
            copy.coordinates.lat += (round as f64 * 0.0007) % 0.02;
            copy.coordinates.lon += (round as f64 * 0.0011) % 0.03;
        }
        businesses.push(copy);
    }
    DemoTown { businesses, origins, ..town.clone() }
}

/// Whether the database holds no business yet.
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DomainError> {
    Ok(business::Entity::find().count(db).await? == 0)
}

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub businesses: usize,
}

/// Loads the town into the database (which must hold no business yet), copying the photos into
/// `media_dir`. `now` sets what "today" is for freshness and exception dates.
pub async fn seed<C>(db: &C, town: &DemoTown, now: DateTime<Utc>, media_dir: &Path) -> Result<SeedReport, DomainError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if !is_empty(db).await? {
        return Err(DomainError::InvalidData("the database already holds businesses".into()));
    }
    let today = crate::hours::to_local(now).date();
    let shift = town.shift_to(today);
    let anchor_today = town.town.anchor_date + shift;

    std::fs::create_dir_all(media_dir)
        .map_err(|e| DomainError::InvalidData(format!("cannot create {}: {e}", media_dir.display())))?;
    let entries = std::fs::read_dir(&town.photos_dir)
        .map_err(|e| DomainError::InvalidData(format!("cannot read {}: {e}", town.photos_dir.display())))?;
    for entry in entries.flatten() {
        let target = media_dir.join(entry.file_name());
        std::fs::copy(entry.path(), &target)
            .map_err(|e| DomainError::InvalidData(format!("cannot copy to {}: {e}", target.display())))?;
    }

    let txn = db.begin().await?;
    let mut category_ids: HashMap<&str, i32> = HashMap::new();
    for (position, c) in town.categories.iter().enumerate() {
        let inserted = category::Entity::insert(category::ActiveModel {
            id: NotSet,
            slug: Set(c.slug.clone()),
            name_fr: Set(c.name.fr.clone()),
            name_nl: Set(c.name.nl.clone()),
            name_en: Set(c.name.en.clone()),
            icon: Set(c.icon.clone()),
            position: Set(position as i32),
        })
        .exec(&txn)
        .await?;
        category_ids.insert(c.slug.as_str(), inserted.last_insert_id);
    }

    let mut hours = Vec::new();
    let mut photos = Vec::new();
    let mut features = Vec::new();
    let mut business_ids: HashMap<&str, i32> = HashMap::new();
    for b in &town.businesses {
        let schedule = b.schedule(shift)?;
        let contact = b.contact()?;
        let inserted = business::Entity::insert(business::ActiveModel {
            id: NotSet,
            slug: Set(b.slug.clone()),
            sort_name: Set(normalize(&b.name)),
            name: Set(b.name.clone()),
            category_id: Set(category_ids[b.category.as_str()]),
            description: Set(b.description.clone()),
            street: Set(b.address.street.clone()),
            postcode: Set(b.address.postcode.clone()),
            locality: Set(b.address.locality.clone()),
            latitude: Set(b.coordinates.lat),
            longitude: Set(b.coordinates.lon),
            // Stored in canonical form: E.164 phone, lower-case domains.
            phone: Set(contact.phone.map(String::from)),
            email: Set(contact.email.map(String::from)),
            website: Set(contact.website.map(String::from)),
            facebook: Set(contact.facebook.map(String::from)),
            instagram: Set(contact.instagram.map(String::from)),
            closed_on_holidays: Set(b.closed_on_holidays),
            published: Set(true),
            unpublished_reason: NotSet,
            version: NotSet,
            description_nl: NotSet,
            description_en: NotSet,
            confirmed_on: Set(anchor_today - Duration::days(b.confirmed_days_ago.max(0))),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec(&txn)
        .await?;
        let id = inserted.last_insert_id;
        business_ids.insert(b.slug.as_str(), id);
        for (day, spans) in schedule.week.iter().enumerate() {
            for span in spans {
                hours.push(opening_hours::ActiveModel {
                    id: NotSet,
                    business_id: Set(id),
                    weekday: Set(day as i16),
                    opens: Set(span.opens as i16),
                    closes: Set(span.closes as i16),
                });
            }
        }
        for (exception, file) in schedule.exceptions.iter().zip(&b.exceptions) {
            let inserted = hours_exception::Entity::insert(hours_exception::ActiveModel {
                id: NotSet,
                business_id: Set(id),
                starts_on: Set(exception.from),
                ends_on: Set(exception.to),
                closed: Set(exception.closed),
                note_fr: Set(file.note.as_ref().map(|n| n.fr.clone())),
                note_nl: Set(file.note.as_ref().map(|n| n.nl.clone())),
                note_en: Set(file.note.as_ref().map(|n| n.en.clone())),
            })
            .exec(&txn)
            .await?;
            let spans: Vec<exception_span::ActiveModel> = exception
                .spans
                .iter()
                .map(|s| exception_span::ActiveModel {
                    id: NotSet,
                    exception_id: Set(inserted.last_insert_id),
                    opens: Set(s.opens as i16),
                    closes: Set(s.closes as i16),
                })
                .collect();
            if !spans.is_empty() {
                exception_span::Entity::insert_many(spans).exec(&txn).await?;
            }
        }
        for (position, p) in b.photos.iter().enumerate() {
            photos.push(business_photo::ActiveModel {
                id: NotSet,
                business_id: Set(id),
                file: Set(p.file.clone()),
                alt_fr: Set(p.alt.fr.clone()),
                alt_nl: Set(p.alt.nl.clone()),
                alt_en: Set(p.alt.en.clone()),
                position: Set(position as i32),
                // SVGs scale by themselves: no raster variants (see `domain::photos`).
                width: Set(None),
                height: Set(None),
                variants: Set(None),
            });
        }
        for feature in &b.accessibility {
            features.push(business_accessibility::ActiveModel {
                id: NotSet,
                business_id: Set(id),
                feature: Set(feature.clone()),
            });
        }
    }
    // Batches stay well under SQLite's limit of bound variables per statement.
    for chunk in hours.chunks(500) {
        opening_hours::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in photos.chunks(500) {
        business_photo::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in features.chunks(500) {
        business_accessibility::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    seed_offers(&txn, &business_ids, today, now).await?;
    // In the files' order, so the demo's product ids are the same on every load.
    let ids: Vec<(String, i32)> = town.businesses.iter().map(|b| (b.slug.clone(), business_ids[b.slug.as_str()])).collect();
    let origin_of = |slug: &str| town.origins.get(slug).cloned().unwrap_or_else(|| slug.to_string());
    crate::catalogue::demo::seed(&txn, &town.catalogue, &ids, origin_of, now).await?;
    txn.commit().await?;
    Ok(SeedReport { categories: town.categories.len(), businesses: town.businesses.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> DemoTown {
        load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/demo")).expect("the demo town is valid")
    }

    /// The message a town with one changed business is refused with.
    fn refusal(change: impl Fn(&mut BusinessFile)) -> String {
        let mut town = demo();
        change(&mut town.businesses[0]);
        match town.check() {
            Err(DomainError::InvalidData(message)) => message,
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn bad_values_in_the_files_are_refused_with_a_clear_message() {
        let message = refusal(|b| b.website = Some("javascript:alert(1)".into()));
        assert!(message.starts_with("patisserie-lemaire: website") && message.contains("http"), "{message}");
        let message = refusal(|b| b.social.facebook = Some("https://evil.example/facebook.com".into()));
        assert!(message.contains("facebook"), "{message}");
        let message = refusal(|b| b.phone = Some("+33 1 23 45 67 89".into()));
        assert!(message.contains("phone") && message.contains("Belgian"), "{message}");
        let message = refusal(|b| b.email = Some("info@\u{0}x.be".into()));
        assert!(message.contains("email"), "{message}");
        let message = refusal(|b| b.slug = "Pâtisserie Lemaire".into());
        assert!(message.contains("slug"), "{message}");
        let message = refusal(|b| {
            b.hours.insert("mon".into(), vec!["09:00-09:00".into()]);
        });
        assert!(message.contains("same time"), "{message}");
    }

    #[test]
    fn contact_values_are_stored_in_canonical_form() {
        let town = demo();
        let contact = town.businesses[0].contact().unwrap();
        assert_eq!(contact.phone.map(String::from).as_deref(), Some("+3267331427"));
        assert_eq!(contact.website.map(String::from).as_deref(), Some("https://www.patisserie-lemaire.be"));
    }
}

/// A login of the demo town, printed when the demo starts and written in the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub email: &'static str,
    pub password: &'static str,
    /// What the account can do, in words for the console.
    pub role: &'static str,
}

/// The demo's town administrator and merchant (owner of the first business of the town). Made
/// only by `--seed-demo` / `seed-demo`, never otherwise: these passwords are public.
pub const DEMO_LOGINS: [DemoLogin; 2] = [
    DemoLogin { email: "admin@demo.vitrine.be", password: "demo-admin-vitrine-soignies", role: "town admin" },
    DemoLogin {
        email: "commercant@demo.vitrine.be",
        password: "demo-commercant-vitrine-soignies",
        role: "owner of the first demo business",
    },
];

/// Creates the demo logins if they are missing (the second instance of a demo finds them).
pub async fn demo_accounts(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DomainError> {
    use entity::{account, membership};
    use sea_orm::{ActiveModelTrait, QueryOrder};
    let first_business = business::Entity::find().order_by_asc(business::Column::Id).one(db).await?;
    for (index, login) in DEMO_LOGINS.iter().enumerate() {
        if crate::accounts::find_by_email(db, login.email).await?.is_some() {
            continue;
        }
        let hash = crate::accounts::password::hash(login.password.to_owned()).await?;
        let created = account::ActiveModel {
            email: Set(login.email.to_owned()),
            password_hash: Set(hash),
            language: Set("fr".into()),
            is_admin: Set(index == 0),
            created_at: Set(now),
            sessions_valid_after: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if let (1, Some(business)) = (index, first_business.as_ref()) {
            membership::ActiveModel {
                account_id: Set(created.id),
                business_id: Set(business.id),
                role: Set("owner".into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// One offer of the demo town: its shop, kind, days relative to the seed's date (first and last,
/// inclusive), hours since it was published, and texts (French, Dutch, English).
struct DemoOffer {
    slug: &'static str,
    kind: common::offers::OfferKind,
    days: (i64, i64),
    published_hours_ago: i64,
    title: [&'static str; 3],
    body: [&'static str; 3],
    conditions: [&'static str; 3],
    promo_code: Option<&'static str>,
}

/// The demo town's offers feed (issue 8): every kind, one ending soon, one scheduled, one ended,
/// dated from the seed's clock so that the demo and the end-to-end tests always have a feed.
/// Photos are left out (an offer's photo goes through the upload pipeline's JPEG variants; the
/// pages then show the shop's photo in link previews).
const DEMO_OFFERS: [DemoOffer; 6] = {
    use common::offers::OfferKind::*;
    [
        DemoOffer {
            slug: "patisserie-lemaire",
            kind: Promotion,
            days: (-2, 10),
            published_hours_ago: 50,
            title: ["Galettes des rois : −20 %", "Driekoningentaarten: −20 %", "Kings' cakes: 20 % off"],
            body: [
                "Toutes nos galettes frangipane et pomme, de 4 à 8 parts, à −20 % jusqu'à la fin de l'offre.",
                "Al onze frangipane- en appeltaarten, van 4 tot 8 stukken, aan −20 % tot het einde van het aanbod.",
                "All our frangipane and apple kings' cakes, 4 to 8 servings, 20 % off until the offer ends.",
            ],
            conditions: [
                "Sur présentation du code en magasin. Une galette par client.",
                "Op vertoon van de code in de winkel. Eén taart per klant.",
                "Show the code in the shop. One cake per customer.",
            ],
            promo_code: Some("GALETTE20"),
        },
        DemoOffer {
            slug: "boulangerie-du-marche",
            kind: NewArrival,
            days: (-1, 20),
            published_hours_ago: 20,
            title: ["Nouveau : pain au levain de seigle", "Nieuw: roggedesembrood", "New: rye sourdough bread"],
            body: [
                "Un pain de seigle au levain naturel, cuit au four à bois chaque matin.",
                "Roggebrood met natuurlijk zuurdesem, elke ochtend gebakken in de houtoven.",
                "Rye bread with natural sourdough, baked in the wood oven every morning.",
            ],
            conditions: ["", "", ""],
            promo_code: None,
        },
        DemoOffer {
            slug: "librairie-la-page-blanche",
            kind: Event,
            days: (0, 6),
            published_hours_ago: 6,
            title: ["Rencontre avec une autrice sonégienne", "Ontmoeting met een schrijfster uit Zinnik", ""],
            body: [
                "Lecture et dédicaces samedi prochain à 15 h, entrée libre.",
                "Voorlezing en signeersessie volgende zaterdag om 15 uur, vrije toegang.",
                "",
            ],
            conditions: ["", "", ""],
            promo_code: None,
        },
        DemoOffer {
            slug: "fleurs-de-pierre",
            kind: InStore,
            days: (-5, 1),
            published_hours_ago: 100,
            title: ["Bouquets de saison −15 %", "Seizoensboeketten −15 %", "Seasonal bouquets 15 % off"],
            body: [
                "Nos bouquets de saison composés sur place, à −15 % en magasin.",
                "Onze seizoensboeketten, ter plaatse samengesteld, aan −15 % in de winkel.",
                "Our seasonal bouquets, made on the spot, 15 % off in the shop.",
            ],
            conditions: ["En magasin uniquement.", "Alleen in de winkel.", "In the shop only."],
            promo_code: None,
        },
        DemoOffer {
            slug: "boucherie-dubois",
            kind: Promotion,
            days: (3, 10),
            published_hours_ago: 2,
            title: ["Colis barbecue à prix doux", "Barbecuepakket aan zachte prijs", "Barbecue box at a soft price"],
            body: [
                "Saucisses, brochettes et côtes marinées maison pour 4 personnes.",
                "Huisgemaakte worsten, brochettes en gemarineerde ribben voor 4 personen.",
                "Home-made sausages, skewers and marinated ribs for 4.",
            ],
            conditions: ["", "", ""],
            promo_code: None,
        },
        DemoOffer {
            slug: "boulangerie-du-marche",
            kind: Promotion,
            days: (-20, -3),
            published_hours_ago: 500,
            title: ["Croissants : 6 + 1 gratuit", "Croissants: 6 + 1 gratis", "Croissants: 6 + 1 free"],
            body: [
                "Pour six croissants achetés, le septième est offert.",
                "Bij zes gekochte croissants krijgt u de zevende gratis.",
                "Buy six croissants, get the seventh free.",
            ],
            conditions: ["", "", ""],
            promo_code: None,
        },
    ]
};

/// Adds [`DEMO_OFFERS`] for the shops of the town that have them (a replicated town's copies
/// get none).
async fn seed_offers(
    db: &impl ConnectionTrait,
    business_ids: &HashMap<&str, i32>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    use entity::offer;
    let mut rows = Vec::new();
    for o in &DEMO_OFFERS {
        let Some(&business_id) = business_ids.get(o.slug) else { continue };
        let published = now - Duration::hours(o.published_hours_ago);
        let text = |t: &[&str; 3], i: usize| t[i].to_string();
        rows.push(offer::ActiveModel {
            id: NotSet,
            business_id: Set(business_id),
            kind: Set(o.kind.code().to_string()),
            title_fr: Set(text(&o.title, 0)),
            title_nl: Set(text(&o.title, 1)),
            title_en: Set(text(&o.title, 2)),
            body_fr: Set(text(&o.body, 0)),
            body_nl: Set(text(&o.body, 1)),
            body_en: Set(text(&o.body, 2)),
            conditions_fr: Set(text(&o.conditions, 0)),
            conditions_nl: Set(text(&o.conditions, 1)),
            conditions_en: Set(text(&o.conditions, 2)),
            promo_code: Set(o.promo_code.map(str::to_string)),
            starts_on: Set(today + Duration::days(o.days.0)),
            ends_on: Set(today + Duration::days(o.days.1)),
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
        });
    }
    if !rows.is_empty() {
        offer::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
