//! Offers, news and events (issue 8): the kinds, the states an offer goes through, the limits of
//! what a merchant may type, and the merchant's form and list. Shared with the browser (the form
//! and its problems), so nothing heavy here; the rules live in `domain::offers`.

use serde::{Deserialize, Serialize};

/// What a post announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferKind {
    Promotion,
    NewArrival,
    Event,
    /// An offer valid only in the shop (not by phone, not online).
    InStore,
}

impl OfferKind {
    pub const ALL: [OfferKind; 4] = [OfferKind::Promotion, OfferKind::NewArrival, OfferKind::Event, OfferKind::InStore];

    /// The stored and URL value (`?type=promotion`); also the translation key `offers.kind.<code>`.
    pub fn code(self) -> &'static str {
        match self {
            OfferKind::Promotion => "promotion",
            OfferKind::NewArrival => "new_arrival",
            OfferKind::Event => "event",
            OfferKind::InStore => "in_store",
        }
    }

    pub fn from_code(code: &str) -> Option<OfferKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where an offer is in its life, read from the clock (nothing stored says "live").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferState {
    /// Not published yet: only its business's people see it (the preview).
    Draft,
    /// Published, starting on a later day.
    Scheduled,
    /// Published, and today is within its period.
    Live,
    /// Its last day has passed, or its merchant ended it early.
    Ended,
}

impl OfferState {
    pub const ALL: [OfferState; 4] = [OfferState::Draft, OfferState::Scheduled, OfferState::Live, OfferState::Ended];

    /// Translation key suffix `offers.state.<code>`.
    pub fn code(self) -> &'static str {
        match self {
            OfferState::Draft => "draft",
            OfferState::Scheduled => "scheduled",
            OfferState::Live => "live",
            OfferState::Ended => "ended",
        }
    }
}

/// Longest title, in characters (a headline on a phone: two lines).
pub const TITLE_MAX: usize = 120;
/// Longest text, per language.
pub const BODY_MAX: usize = 2000;
/// Longest conditions, per language.
pub const CONDITIONS_MAX: usize = 500;
/// Longest promo code: letters, digits, `-` and `_` only.
pub const PROMO_CODE_MAX: usize = 32;
/// Longest validity period, in days (first and last included): a feed of current offers, not
/// of permanent ones.
pub const MAX_DAYS: i64 = 92;
/// How far ahead an offer may be scheduled, in days.
pub const MAX_DAYS_AHEAD: i64 = 365;
/// An offer is "ending soon" on its last days: today is at most this many days before its end.
pub const ENDING_SOON_DAYS: i64 = 2;

/// The compose and edit form, every field as typed (a refused form is shown again as it was).
/// Dates are ISO `YYYY-MM-DD` (what `<input type="date">` sends).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OfferForm {
    /// [`OfferKind::code`].
    pub kind: String,
    pub title_fr: String,
    pub title_nl: String,
    pub title_en: String,
    pub body_fr: String,
    pub body_nl: String,
    pub body_en: String,
    pub conditions_fr: String,
    pub conditions_nl: String,
    pub conditions_en: String,
    pub promo_code: String,
    pub starts_on: String,
    pub ends_on: String,
    /// The photo's text alternative (French required when there is a photo).
    pub photo_alt_fr: String,
    pub photo_alt_nl: String,
    pub photo_alt_en: String,
}

/// One offer in the merchant's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantOfferRow {
    pub id: i32,
    pub kind: OfferKind,
    pub state: OfferState,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    /// The photo's smallest variant, if any.
    pub thumbnail: Option<String>,
    /// Set when a town administrator hid it: the reason they gave.
    pub hidden_reason: Option<String>,
}

/// A business's offers as its merchant sees them, grouped by state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantOffers {
    pub business_id: i32,
    pub business_name: String,
    pub business_slug: String,
    pub drafts: Vec<MerchantOfferRow>,
    pub scheduled: Vec<MerchantOfferRow>,
    pub live: Vec<MerchantOfferRow>,
    pub ended: Vec<MerchantOfferRow>,
}

/// An offer opened in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferEdit {
    pub id: i32,
    pub business_id: i32,
    pub state: OfferState,
    pub version: i32,
    pub form: OfferForm,
    /// The current photo, if any (its smallest variant's URL).
    pub photo: Option<String>,
    pub hidden_reason: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// The shoppers' side (`domain::offers::public`): `/offres`, an offer's page, the offers shown on
// the home page and on a business's page.

use crate::directory::{Category, OpenStatus, Photo};
use crate::query::QueryProblem;
use crate::time::Day;
use crate::Lang;

/// Offers per page of `/offres` (as many as businesses per page of `/commerces`).
pub const OFFERS_PAGE_SIZE: u64 = crate::query::PAGE_SIZE;
/// How many current offers the home page shows.
pub const HOME_OFFERS: u64 = 4;

/// `/offres`'s URL parameters: French like the page's URL, the same in every language so that a
/// shared link keeps its filters (`categorie` and `page` as on `/commerces`).
pub mod param {
    pub const CATEGORY: &str = "categorie";
    pub const KIND: &str = "type";
    pub const ENDING_SOON: &str = "bientot";
    pub const PAGE: &str = "page";
    /// Every parameter the page reads, in the page cache's key order.
    pub const ALL: [&str; 4] = [CATEGORY, KIND, ENDING_SOON, PAGE];
}

/// `/offres`'s parameters exactly as typed in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawOffersQuery {
    pub category: Option<String>,
    pub kind: Option<String>,
    pub ending_soon: Option<String>,
    pub page: Option<String>,
}

/// `/offres`'s parameters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffersQuery {
    pub category: Option<String>,
    pub kind: Option<OfferKind>,
    pub ending_soon: bool,
    /// 1-based.
    pub page: u32,
}

impl RawOffersQuery {
    /// Checks the parameters the way `/commerces` does (the category and page rules are
    /// `RawDirectoryQuery`'s); an unknown kind is refused like an unknown category.
    pub fn parse(&self) -> Result<OffersQuery, QueryProblem> {
        let directory = crate::query::RawDirectoryQuery {
            q: None,
            category: self.category.clone(),
            open_now: self.ending_soon.clone(),
            page: self.page.clone(),
        }
        .parse()?;
        let kind = match self.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(code) => Some(OfferKind::from_code(code).ok_or(QueryProblem::UnknownKind)?),
        };
        Ok(OffersQuery { category: directory.category, kind, ending_soon: directory.open_now, page: directory.page })
    }
}

impl OffersQuery {
    /// The query string of these filters at another page (`None` keeps the page), for links.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(category) = &self.category {
            parts.push(format!("{}={category}", param::CATEGORY));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("{}={}", param::KIND, kind.code()));
        }
        if self.ending_soon {
            parts.push(format!("{}=1", param::ENDING_SOON));
        }
        let page = page.unwrap_or(self.page);
        if page > 1 {
            parts.push(format!("{}={page}", param::PAGE));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.category.is_some() || self.kind.is_some() || self.ending_soon
    }
}

/// A live offer in a list (the feed, the home page, a business's page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCard {
    pub id: i32,
    pub kind: OfferKind,
    pub title: String,
    /// The title's language (French when the page's language has none).
    pub title_lang: Lang,
    pub starts_on: Day,
    pub ends_on: Day,
    /// In its last days ([`ENDING_SOON_DAYS`]).
    pub ending_soon: bool,
    pub photo: Option<Photo>,
    pub business_slug: String,
    pub business_name: String,
}

/// One page of `/offres`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffersPage {
    pub items: Vec<OfferCard>,
    /// Live offers matching the filters.
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    /// Every category, for the filter (`count`: its live offers, whatever the other filters).
    pub categories: Vec<Category>,
}

/// Why an offer's page is shown although shoppers do not see it: only its business's people
/// (staff, owners, administrators) get this preview, never cached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OfferPreview {
    /// A draft: not published yet.
    Draft,
    /// Hidden by a town administrator, with their reason.
    Hidden { reason: String },
    /// The offer is published but its business is not (unpublished by the town).
    BusinessUnpublished,
}

/// The business an offer's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferBusiness {
    /// The business's id (the preview's link to the merchant's editor).
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub category_name: String,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    pub status: OpenStatus,
}

/// An offer's own page (`/offres/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferPageData {
    pub id: i32,
    pub kind: OfferKind,
    /// Scheduled, live or ended for shoppers; any state in a preview.
    pub state: OfferState,
    pub title: String,
    pub title_lang: Lang,
    pub body: String,
    pub body_lang: Lang,
    /// Empty when there are none.
    pub conditions: String,
    pub conditions_lang: Lang,
    pub promo_code: Option<String>,
    pub starts_on: Day,
    pub ends_on: Day,
    pub ending_soon: bool,
    pub photo: Option<Photo>,
    /// Absolute URL of the image for link previews (the offer's photo, else the shop's first).
    pub share_image: Option<String>,
    pub business: OfferBusiness,
    pub preview: Option<OfferPreview>,
    /// schema.org `Offer` (or `Event`) JSON-LD, escaped for a `<script>` element.
    pub json_ld: String,
}
