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
