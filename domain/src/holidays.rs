//! Belgium's ten legal public holidays (jours fériés légaux, wettelijke feestdagen), by date.
//!
//! Six fall on fixed dates (1 January, 1 May, 21 July, 15 August, 1 and 11 November, 25 December);
//! three move with Easter (Easter Monday, Ascension Thursday 39 days after Easter, Whit Monday 50
//! days after). Easter Sunday itself and Whit Sunday are Sundays and not counted as extra days.
//!
//! Easter is computed here rather than taken from a crate: `computus` (crates.io) does exactly this,
//! but it is a dependency for fifteen lines of integer arithmetic that have not changed since 1876
//! and are checked below against published Easter dates over three centuries.
//!
//! Pure and calendar-only: no time zone, the caller passes the local (Europe/Brussels) date.

use chrono::{Datelike, Duration, NaiveDate};

/// A legal public holiday of Belgium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holiday {
    NewYear,
    EasterMonday,
    LabourDay,
    Ascension,
    WhitMonday,
    NationalDay,
    Assumption,
    AllSaints,
    Armistice,
    Christmas,
}

/// Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher,
/// published in Nature in 1876). Valid for every Gregorian year; `None` only outside chrono's
/// date range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19); // place in the 19-year lunar (Metonic) cycle
    let (b, c) = (year.div_euclid(100), year.rem_euclid(100)); // century, year in century
    let (d, e) = (b / 4, b % 4); // Gregorian leap-century correction
    let f = (b + 8) / 25; // correction of the Moon's orbit (Metonic cycle drift)
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30; // days from 21 March to the paschal full moon (epact)
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7; // days from the full moon to the next Sunday
    let m = (a + 11 * h + 22 * l) / 451; // the two exceptions of the ecclesiastical table
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The ten public holidays of a year, in date order.
pub fn holidays_of_year(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let fixed = |month, day, holiday| NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, holiday));
    let after_easter = |days, holiday| easter_sunday(year).map(|e| (e + Duration::days(days), holiday));
    let mut days: Vec<(NaiveDate, Holiday)> = [
        fixed(1, 1, Holiday::NewYear),
        after_easter(1, Holiday::EasterMonday),
        fixed(5, 1, Holiday::LabourDay),
        after_easter(39, Holiday::Ascension),
        after_easter(50, Holiday::WhitMonday),
        fixed(7, 21, Holiday::NationalDay),
        fixed(8, 15, Holiday::Assumption),
        fixed(11, 1, Holiday::AllSaints),
        fixed(11, 11, Holiday::Armistice),
        fixed(12, 25, Holiday::Christmas),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Ascension can fall on 1 May (as in 2008): both stay listed, the date is a holiday either way.
    days.sort_by_key(|(date, _)| *date);
    days
}

/// The public holiday on a date, if it is one.
pub fn public_holiday(date: NaiveDate) -> Option<Holiday> {
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some(Holiday::NewYear),
        (5, 1) => Some(Holiday::LabourDay),
        (7, 21) => Some(Holiday::NationalDay),
        (8, 15) => Some(Holiday::Assumption),
        (11, 1) => Some(Holiday::AllSaints),
        (11, 11) => Some(Holiday::Armistice),
        (12, 25) => Some(Holiday::Christmas),
        _ => None,
    };
    // Easter Monday falls on 23 March at the earliest, Whit Monday on 14 June at the latest.
    fixed.or_else(|| {
        if !(3..=6).contains(&date.month()) {
            return None;
        }
        let after_easter = (date - easter_sunday(date.year())?).num_days();
        match after_easter {
            1 => Some(Holiday::EasterMonday),
            39 => Some(Holiday::Ascension),
            50 => Some(Holiday::WhitMonday),
            _ => None,
        }
    })
}

/// Whether a date is a public holiday.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    public_holiday(date).is_some()
}

/// The public holidays from `first` to `last` inclusive, in date order.
pub fn holidays_between(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, Holiday)> {
    let mut days: Vec<(NaiveDate, Holiday)> = (first.year()..=last.year())
        .flat_map(holidays_of_year)
        .filter(|(date, _)| first <= *date && *date <= last)
        .collect();
    days.dedup_by_key(|(date, _)| *date);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_matches_published_dates() {
        // Including the earliest (22 March 2285) and latest (25 April 2038) possible dates and
        // the two exceptions of the algorithm (1954 and 1981: 18 and 19 April).
        for (year, month, day) in [
            (1818, 3, 22),
            (1954, 4, 18),
            (1981, 4, 19),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
            (2049, 4, 18),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(d(year, month, day)), "{year}");
        }
    }

    #[test]
    fn a_year_has_ten_holidays_in_order() {
        let days = holidays_of_year(2027);
        assert_eq!(
            days,
            vec![
                (d(2027, 1, 1), Holiday::NewYear),
                (d(2027, 3, 29), Holiday::EasterMonday),
                (d(2027, 5, 1), Holiday::LabourDay),
                (d(2027, 5, 6), Holiday::Ascension),
                (d(2027, 5, 17), Holiday::WhitMonday),
                (d(2027, 7, 21), Holiday::NationalDay),
                (d(2027, 8, 15), Holiday::Assumption),
                (d(2027, 11, 1), Holiday::AllSaints),
                (d(2027, 11, 11), Holiday::Armistice),
                (d(2027, 12, 25), Holiday::Christmas),
            ]
        );
        for year in 1990..2100 {
            let days = holidays_of_year(year);
            assert_eq!(days.len(), 10, "{year}");
            for (date, holiday) in days {
                // Ascension on 1 May (2008, 2160…) is found as Labour Day: still a holiday.
                assert!(public_holiday(date) == Some(holiday) || date.month() == 5 && date.day() == 1, "{date}");
            }
        }
    }

    #[test]
    fn ordinary_days_and_neighbours_are_not_holidays() {
        for date in [d(2026, 12, 24), d(2026, 12, 26), d(2027, 3, 28), d(2027, 3, 30), d(2026, 11, 28), d(2027, 7, 20)]
        {
            assert!(!is_public_holiday(date), "{date}");
        }
        assert_eq!(public_holiday(d(2026, 4, 6)), Some(Holiday::EasterMonday));
        assert_eq!(public_holiday(d(2026, 5, 14)), Some(Holiday::Ascension));
        assert_eq!(public_holiday(d(2026, 5, 25)), Some(Holiday::WhitMonday));
    }

    #[test]
    fn holidays_between_spans_years_and_includes_both_ends() {
        let days = holidays_between(d(2026, 12, 25), d(2027, 1, 1));
        assert_eq!(days, vec![(d(2026, 12, 25), Holiday::Christmas), (d(2027, 1, 1), Holiday::NewYear)]);
        // 2008: Ascension and Labour Day are the same date, listed once.
        assert_eq!(holidays_between(d(2008, 1, 1), d(2008, 12, 31)).len(), 9);
        assert!(holidays_between(d(2026, 12, 26), d(2026, 12, 31)).is_empty());
    }
}
