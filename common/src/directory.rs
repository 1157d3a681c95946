//! What the directory pages show: categories, business cards in lists, the full profile,
//! and the live opening status.

use serde::{Deserialize, Serialize};

use crate::time::{Day, Minutes, Span};
use crate::values::{Email, Phone, WebUrl};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    /// In the requested language.
    pub name: String,
    pub icon: String,
    /// Number of published businesses in the category.
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub url: String,
    pub alt: String,
    /// `srcset` of an uploaded photo's sizes (`"/media/p/…-480.jpg 480w, …"`); `None` for the
    /// demo town's SVGs, which scale by themselves.
    #[serde(default)]
    pub srcset: Option<String>,
    /// Pixel size of `url`, for the `width`/`height` attributes (no layout shift); `None` for SVGs.
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

/// When something happens next, relative to "now", so the page can say "today", "tomorrow",
/// a weekday within the coming week, or a full date further away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Today(Minutes),
    Tomorrow(Minutes),
    /// Within the next 7 days.
    ThisWeek {
        weekday: u8,
        at: Minutes,
    },
    Later {
        day: Day,
        at: Minutes,
    },
}

/// The live status line of a business ("open — closes at 18:00").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpenStatus {
    /// Open, closing at `closes` (`None`: open for more than a week without a break).
    Open { closes: Option<When> },
    /// Closed by a date exception (holidays, works…) that lasts until `until` inclusive.
    ClosedException { note: Option<String>, until: Day, reopens: Option<When> },
    /// Closed for a public holiday (the business closes on public holidays, and no date
    /// exception says otherwise for today).
    ClosedHoliday { reopens: Option<When> },
    /// Closed in its usual weekly rhythm.
    Closed { opens: Option<When> },
}

impl OpenStatus {
    pub fn is_open(&self) -> bool {
        matches!(self, OpenStatus::Open { .. })
    }
}

/// A business in a list of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessCard {
    pub slug: String,
    pub name: String,
    pub category_slug: String,
    pub category_name: String,
    pub street: String,
    pub locality: String,
    pub photo: Option<Photo>,
    pub status: OpenStatus,
}

/// One line of the weekly hours table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekdayHours {
    /// 0 = Monday … 6 = Sunday
    pub weekday: u8,
    pub spans: Vec<Span>,
    pub is_today: bool,
}

/// A date exception that is current or upcoming.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoursException {
    pub from: Day,
    pub to: Day,
    pub closed: bool,
    pub spans: Vec<Span>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessProfile {
    pub slug: String,
    pub name: String,
    pub category: Category,
    /// In the page's language when the merchant wrote one, else the French one.
    pub description: String,
    /// The language `description` is written in (`lang` attribute when it is not the page's).
    pub description_lang: crate::Lang,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    /// The place on OpenStreetMap, built on the server from the coordinates.
    pub map_url: String,
    /// Contact values are checked types: a stored value that does not parse is left out of the
    /// page rather than rendered (see [`crate::values`]).
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub website: Option<WebUrl>,
    pub facebook: Option<WebUrl>,
    pub instagram: Option<WebUrl>,
    pub photos: Vec<Photo>,
    pub week: Vec<WeekdayHours>,
    pub exceptions: Vec<HoursException>,
    /// Closed on Belgium's public holidays (unless an exception says otherwise).
    pub closed_on_holidays: bool,
    /// Keys such as `step_free_entrance`; the page translates them.
    pub accessibility: Vec<String>,
    pub status: OpenStatus,
    pub confirmed_on: Day,
    pub checked_days_ago: i64,
    /// schema.org `LocalBusiness` as JSON, safe to embed in a `<script>` element.
    pub json_ld: String,
    /// The shop's live offers (issue 8) as HTML made by the server (`app::components::offer_card`:
    /// the public bundle carries one string rather than the list's code), empty when none.
    pub offers_html: String,
    /// The shop's window (issue 13): its first products as HTML made by the server
    /// (`app::components::product_card`), empty when it shows none.
    #[serde(default)]
    pub products_html: String,
}

/// The accessibility attributes a business can declare, in display order.
pub const ACCESSIBILITY_FEATURES: [&str; 7] = [
    "step_free_entrance",
    "wide_door",
    "accessible_toilet",
    "accessible_parking",
    "hearing_loop",
    "assistance_dogs_welcome",
    "seating_available",
];

/// One page of directory results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    /// The page's businesses, for the server only: the page shows [`Self::cards_html`], made from
    /// them by the server function, so they are not sent to the browser.
    #[serde(skip)]
    pub items: Vec<BusinessCard>,
    /// The cards as HTML (`app::components::business_card`), empty when there are no results.
    #[serde(default)]
    pub cards_html: String,
    /// The products matching the search words, as an HTML section linking to `/produits`
    /// (`app::components::product_card::directory_section_html`); empty without words or
    /// matches, and after the first page.
    #[serde(default)]
    pub products_html: String,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub categories: Vec<Category>,
}

/// The home page: categories and a selection of businesses open right now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub categories: Vec<Category>,
    /// For the server only, as [`DirectoryPage::items`]: the page shows [`Self::open_now_html`].
    #[serde(skip)]
    pub open_now: Vec<BusinessCard>,
    /// The cards of `open_now` as HTML, empty when none is open.
    #[serde(default)]
    pub open_now_html: String,
    pub open_now_total: u64,
    pub business_total: u64,
    /// The current offers (issue 8) as HTML made by the server, empty when none (see
    /// [`BusinessProfile::offers_html`]).
    pub offers_html: String,
}
