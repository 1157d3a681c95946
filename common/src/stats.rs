//! What the merchant's statistics show: how many times, per Europe/Brussels day, shoppers viewed
//! a business's public page and clicked its phone number, e-mail address, website, social links
//! and directions. Counted without cookies and without storing anything about the visitor
//! (the server's `stats` module counts, `domain::stats` stores and reads).
//!
//! # Offers (issue 8): views and share-link visits
//!
//! Two more counts per business: [`Kind::OfferView`], a view of one of its offers' public pages
//! (`/offres/{id}`, counted on the server like the business page's views, cached pages
//! included), and [`Kind::ShareVisit`], a visit through a shared link.
//!
//! **The shared link** is the offer's URL with a marker: `/offres/{id}?via=partage`
//! ([`share_path`]; `/nl/…`, `/en/…` too). The share button and the poster's QR code give it.
//! The server counts the visit and answers 303 to the offer's canonical URL (without the query),
//! before the page cache: the cache and the offer page never see the marker, a shared link
//! and the page it leads to are one cached page, and the visit then counts as an offer view
//! too. Robots (link previews of social networks fetch every shared link), prefetches and
//! signed-in accounts are redirected without being counted.

use serde::{Deserialize, Serialize};

use crate::time::Day;

/// What is counted. The order of [`Kind::ALL`] is the order of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// The public page was shown (from the page cache or freshly rendered).
    View,
    /// The `tel:` link was followed.
    Phone,
    /// The `mailto:` link was followed.
    Email,
    /// The website link was followed.
    Website,
    /// A Facebook or Instagram link was followed.
    Social,
    /// The map link ("directions") was followed.
    Directions,
    /// The public page of one of the business's offers was shown.
    OfferView,
    /// Someone arrived through an offer's shared link (share button, poster's QR code).
    ShareVisit,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::View,
        Kind::Phone,
        Kind::Email,
        Kind::Website,
        Kind::Social,
        Kind::Directions,
        Kind::OfferView,
        Kind::ShareVisit,
    ];

    /// The name stored in the database and used in `/ping/{slug}/{kind}`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::View => "view",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Website => "website",
            Kind::Social => "social",
            Kind::Directions => "directions",
            Kind::OfferView => "offer_view",
            Kind::ShareVisit => "share_visit",
        }
    }

    /// Whether a browser's `ping` may count it: only followed links; views and visits are
    /// counted by the server itself.
    pub fn is_click(self) -> bool {
        !matches!(self, Kind::View | Kind::OfferView | Kind::ShareVisit)
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// The query parameter and value that mark an offer's shared link (see the module doc).
pub const SHARE_PARAMETER: (&str, &str) = ("via", "partage");

/// The shared link of offer `offer_id`, without language prefix (`/offres/12?via=partage`).
pub fn share_path(offer_id: i32) -> String {
    format!("/offres/{offer_id}?{}={}", SHARE_PARAMETER.0, SHARE_PARAMETER.1)
}

/// The periods a merchant can look at: the last 7, 30 or 90 days, today included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Period {
    Week,
    #[default]
    Month,
    Quarter,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Week, Period::Month, Period::Quarter];

    pub fn days(self) -> u32 {
        match self {
            Period::Week => 7,
            Period::Month => 30,
            Period::Quarter => 90,
        }
    }

    /// Only 7, 30 and 90 are periods.
    pub fn from_days(days: u32) -> Option<Period> {
        Period::ALL.into_iter().find(|period| period.days() == days)
    }
}

/// One counter over the period: a count for every day of [`StatsView::days`] (zero included,
/// in the same order), the period's total, and the total of the same number of days before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub kind: Kind,
    pub counts: Vec<u32>,
    pub total: u64,
    pub previous_total: u64,
}

/// The statistics page of one business for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsView {
    pub business_id: i32,
    pub name: String,
    pub period: Period,
    /// Every day of the period, oldest first, the last one today.
    pub days: Vec<Day>,
    /// One per [`Kind`], in the order of [`Kind::ALL`].
    pub series: Vec<Series>,
    /// Click & collect over the period (issue 14): the visits the platform brought in.
    pub reservations: Reservations,
}

/// Reservations and questions made over a period, the orders collected and what they were worth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservations {
    pub made: u64,
    pub collected: u64,
    /// Cents, the priced lines of the collected orders.
    pub collected_cents: i64,
}

impl Series {
    /// `(day, count)` for every day of the period.
    pub fn points<'a>(&'a self, days: &'a [Day]) -> impl Iterator<Item = (Day, u32)> + 'a {
        days.iter().copied().zip(self.counts.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_periods_read_back_what_they_write() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(Kind::from_key("View"), None);
        assert_eq!(Kind::from_key(""), None);
        assert!(Kind::Phone.is_click() && !Kind::View.is_click() && !Kind::ShareVisit.is_click());
        assert_eq!(share_path(12), "/offres/12?via=partage");
        for period in Period::ALL {
            assert_eq!(Period::from_days(period.days()), Some(period));
        }
        assert_eq!(Period::from_days(31), None);
    }
}
