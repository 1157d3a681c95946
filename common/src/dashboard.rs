//! What the merchant dashboard's forms send and show. Every field is the text as typed (so a
//! refused form can be shown again exactly as it was), checked by the domain on save. The
//! weekly hours are one text per day (`9:00-12:30, 13:30-18:00`), which a phone keyboard, a
//! screen reader and a form without JavaScript all handle; [`parse_day`] reads it, on the server
//! when saving and in the browser for the live preview.

use serde::{Deserialize, Serialize};

use crate::time::Span;
use crate::values::{parse_span, ValueError};

/// The accessibility attributes a business can declare (keys of `accessibility.*`).
pub const ACCESSIBILITY_FEATURES: [&str; 7] = [
    "step_free_entrance",
    "wide_door",
    "accessible_toilet",
    "accessible_parking",
    "seating_available",
    "assistance_dogs_welcome",
    "hearing_loop",
];

/// Longest description accepted, per language (characters).
pub const DESCRIPTION_MAX: usize = 2000;

/// Longest note of a date exception, per language (characters).
pub const NOTE_MAX: usize = 200;

/// Longest text alternative of a photo, per language (characters).
pub const ALT_MAX: usize = 250;

/// The profile form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub name: String,
    pub category: String,
    pub description_fr: String,
    pub description_nl: String,
    pub description_en: String,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    pub latitude: String,
    pub longitude: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub facebook: String,
    pub instagram: String,
    /// The declared features, comma-separated keys of [`ACCESSIBILITY_FEATURES`].
    pub accessibility: String,
}

/// The weekly hours form: one text per day, Monday first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HoursForm {
    pub days: [String; 7],
    pub closed_on_holidays: bool,
}

/// One date exception as shown in the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionRow {
    pub id: i32,
    pub starts_on: String,
    pub ends_on: String,
    pub closed: bool,
    pub hours: String,
    pub note_fr: String,
}

/// A category to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub slug: String,
    pub name: String,
}

/// Everything the dashboard of one business shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingView {
    pub business_id: i32,
    pub slug: String,
    pub name: String,
    /// The version the forms were loaded at (sent back with every save).
    pub version: i32,
    pub published: bool,
    pub unpublished_reason: Option<String>,
    /// ISO date of the last confirmation, and how many days ago that was.
    pub confirmed_on: String,
    pub days_since_confirmed: i64,
    /// `owner` or `staff`; `admin` for a town administrator who is not a member.
    pub role: String,
    pub profile: ProfileForm,
    pub hours: HoursForm,
    pub exceptions: Vec<ExceptionRow>,
    pub categories: Vec<CategoryChoice>,
}

/// A business in the account's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyBusiness {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub role: String,
    pub days_since_confirmed: i64,
    pub published: bool,
}

/// The logged-in account as the pages see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub email: String,
    pub is_admin: bool,
    pub businesses: Vec<MyBusiness>,
}

/// A business's team and history, for its owners (and administrators).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub business_id: i32,
    pub name: String,
    pub members: Vec<crate::console::MemberRow>,
    pub invitations: Vec<crate::console::InvitationRow>,
    pub history: Vec<crate::console::HistoryRow>,
}

/// Why a day's hours cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayProblem {
    /// A span that is not `HH:MM-HH:MM` (or opens and closes at the same time).
    Unreadable,
    /// Two spans of the day overlap.
    Overlap,
    /// More than four spans in a day.
    TooMany,
}

impl DayProblem {
    /// The translation key of the message (`form.<key>`).
    pub fn key(&self) -> &'static str {
        match self {
            DayProblem::Unreadable => "hours_unreadable",
            DayProblem::Overlap => "hours_overlap",
            DayProblem::TooMany => "hours_too_many",
        }
    }
}

/// Reads one day's hours: spans separated by commas, empty (or "fermé"/"gesloten"/"closed") for
/// closed. Accepts what people type: `9h`, `9h30`, `9.30`, `9`, en dashes, "à"/"tot"/"to".
/// Spans are returned sorted; overlapping spans are refused (a span past midnight runs to 24:00
/// for this check).
pub fn parse_day(text: &str) -> Result<Vec<Span>, DayProblem> {
    let text = text.trim();
    let lowered = text.to_lowercase();
    if text.is_empty() || matches!(lowered.as_str(), "fermé" | "ferme" | "gesloten" | "closed" | "-") {
        return Ok(Vec::new());
    }
    if text.len() > 200 {
        return Err(DayProblem::TooMany);
    }
    let mut spans = Vec::new();
    for part in lowered.split([',', ';', '/', '&']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let normalised = normalise_span(part);
        let span = parse_span(&normalised).map_err(|_: ValueError| DayProblem::Unreadable)?;
        spans.push(span);
    }
    if spans.len() > 4 {
        return Err(DayProblem::TooMany);
    }
    spans.sort_by_key(|s| s.opens);
    for pair in spans.windows(2) {
        let end = if pair[0].past_midnight() { 1440 } else { pair[0].closes };
        if pair[1].opens < end {
            return Err(DayProblem::Overlap);
        }
    }
    if spans.iter().filter(|s| s.past_midnight()).count() > 1 {
        return Err(DayProblem::Overlap);
    }
    Ok(spans)
}

/// `9h30 à 18h` → `9:30-18:00`.
fn normalise_span(part: &str) -> String {
    let part = part.replace(['–', '—'], "-").replace(" à ", "-").replace(" tot ", "-").replace(" to ", "-");
    let Some((a, b)) = part.split_once('-') else { return part };
    format!("{}-{}", normalise_time(a), normalise_time(b))
}

fn normalise_time(t: &str) -> String {
    let t = t.trim().replace(['h', '.', 'u'], ":");
    let t = t.trim_end_matches(':');
    if t.contains(':') {
        t.to_string()
    } else {
        format!("{t}:00")
    }
}

/// Writes spans back as the form shows them (`09:00-12:30, 13:30-18:00`).
pub fn format_day(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}-{}", crate::time::hhmm(s.opens), crate::time::hhmm(s.closes)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(u16, u16)> {
        parse_day(text).unwrap().iter().map(|s| (s.opens, s.closes)).collect()
    }

    #[test]
    fn what_people_type_is_read() {
        assert_eq!(spans("9:00-12:30, 13:30-18:00"), vec![(540, 750), (810, 1080)]);
        assert_eq!(spans("9h-12h30 / 13h30 à 18h"), vec![(540, 750), (810, 1080)]);
        assert_eq!(spans("9.30–18"), vec![(570, 1080)]);
        assert_eq!(spans("18:00-02:00"), vec![(1080, 120)]);
        assert_eq!(spans(""), vec![]);
        assert_eq!(spans("Fermé"), vec![]);
        assert_eq!(spans("13:30-18:00, 9:00-12:30"), vec![(540, 750), (810, 1080)]);
    }

    #[test]
    fn overlaps_zero_length_and_nonsense_are_refused() {
        assert_eq!(parse_day("9:00-13:00, 12:00-18:00"), Err(DayProblem::Overlap));
        assert_eq!(parse_day("20:00-02:00, 22:00-23:00"), Err(DayProblem::Overlap));
        assert_eq!(parse_day("9:00-9:00"), Err(DayProblem::Unreadable));
        assert_eq!(parse_day("25:00-26:00"), Err(DayProblem::Unreadable));
        assert_eq!(parse_day("matin"), Err(DayProblem::Unreadable));
        assert_eq!(parse_day(&"9:00-10:00, ".repeat(50)), Err(DayProblem::TooMany));
    }

    #[test]
    fn spans_are_written_back_as_read() {
        let week = parse_day("9h-12h30, 13h30-18h").unwrap();
        assert_eq!(format_day(&week), "09:00-12:30, 13:30-18:00");
    }
}
