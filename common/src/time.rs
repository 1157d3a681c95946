//! Calendar values that cross to the browser. They are plain numbers on purpose: the browser
//! only displays them (in the page's language), all time-zone arithmetic happens on the server.

use serde::{Deserialize, Serialize};

/// A calendar date in Europe/Brussels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    /// 1–12
    pub month: u8,
    /// 1–31
    pub day: u8,
    /// 0 = Monday … 6 = Sunday
    pub weekday: u8,
}

impl Day {
    /// ISO 8601 (`2026-12-24`), for `<time datetime>` and JSON-LD.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Minutes since local midnight (0–1439); 1440 may mean "until midnight".
pub type Minutes = u16;

/// `HH:MM` on a 24-hour clock, the way Belgian shops write their hours.
pub fn hhmm(minutes: Minutes) -> String {
    let minutes = minutes % 1440;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A span of opening time on a given day; `closes <= opens` means it runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub opens: Minutes,
    pub closes: Minutes,
}

impl Span {
    pub fn past_midnight(&self) -> bool {
        self.closes <= self.opens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hhmm_pads_and_wraps() {
        assert_eq!(hhmm(0), "00:00");
        assert_eq!(hhmm(9 * 60 + 5), "09:05");
        assert_eq!(hhmm(1440), "00:00");
    }
}
