//! The current time, injected. Production reads the system clock; tests and demos fix it through
//! configuration (`VITRINE_NOW`), never through a request, so "open now" is deterministic.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Brussels;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(instant) => *instant,
        }
    }
}

/// The town's (Europe/Brussels) calendar date at the instant `now`.
pub fn today_in_brussels(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Brussels).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_changes_at_midnight_in_brussels_not_in_utc() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Winter (UTC+1): 23:30 UTC is already the next day in Brussels.
        assert_eq!(today_in_brussels(at("2026-12-04T22:59:59Z")), day("2026-12-04"));
        assert_eq!(today_in_brussels(at("2026-12-04T23:00:00Z")), day("2026-12-05"));
        // Summer (UTC+2).
        assert_eq!(today_in_brussels(at("2026-07-01T21:59:59Z")), day("2026-07-01"));
        assert_eq!(today_in_brussels(at("2026-07-01T22:00:00Z")), day("2026-07-02"));
    }
}
