//! What the merchant's statistics show: how many times, per Europe/Brussels day, shoppers viewed
//! a business's public page and clicked its phone number, e-mail address, website, social links
//! and directions. Counted without cookies and without storing anything about the visitor
//! (the server's `stats` module counts, `domain::stats` stores and reads).

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
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::View, Kind::Phone, Kind::Email, Kind::Website, Kind::Social, Kind::Directions];

    /// The name stored in the database and used in `/ping/{slug}/{kind}`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::View => "view",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Website => "website",
            Kind::Social => "social",
            Kind::Directions => "directions",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.key() == key)
    }
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
        for period in Period::ALL {
            assert_eq!(Period::from_days(period.days()), Some(period));
        }
        assert_eq!(Period::from_days(31), None);
    }
}
