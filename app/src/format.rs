//! Turns the values of the directory (days, dates, times, statuses) into text in the page's
//! language. Whole sentences are built here as one string, which keeps the rendered HTML free of
//! adjacent text nodes.

use common::directory::{OpenStatus, When};
use common::time::{Day, Minutes, Span};

use crate::i18n::*;

/// `9:00`, `18:30`: hours without a leading zero, the way Belgian shops display them.
pub fn clock(minutes: Minutes) -> String {
    let minutes = minutes % 1440;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

pub fn weekday(locale: Locale, index: u8) -> &'static str {
    match index {
        0 => td_string!(locale, days.d0),
        1 => td_string!(locale, days.d1),
        2 => td_string!(locale, days.d2),
        3 => td_string!(locale, days.d3),
        4 => td_string!(locale, days.d4),
        5 => td_string!(locale, days.d5),
        _ => td_string!(locale, days.d6),
    }
}

pub fn month(locale: Locale, index: u8) -> &'static str {
    match index {
        1 => td_string!(locale, months.m1),
        2 => td_string!(locale, months.m2),
        3 => td_string!(locale, months.m3),
        4 => td_string!(locale, months.m4),
        5 => td_string!(locale, months.m5),
        6 => td_string!(locale, months.m6),
        7 => td_string!(locale, months.m7),
        8 => td_string!(locale, months.m8),
        9 => td_string!(locale, months.m9),
        10 => td_string!(locale, months.m10),
        11 => td_string!(locale, months.m11),
        _ => td_string!(locale, months.m12),
    }
}

/// "5 janvier", or "5 janvier 2027" when `with_year`.
pub fn date(locale: Locale, day: &Day, with_year: bool) -> String {
    let name = month(locale, day.month);
    // French writes the first of the month as an ordinal: "1er janvier".
    let day_number = if locale == Locale::fr && day.day == 1 { "1er".to_string() } else { day.day.to_string() };
    if with_year {
        td_string!(locale, date.day_month_year, day = day_number, month = name, year = day.year)
    } else {
        td_string!(locale, date.day_month, day = day_number, month = name)
    }
}

/// "9:00 – 12:30".
pub fn span(locale: Locale, span: &Span) -> String {
    td_string!(locale, date.span, opens = clock(span.opens), closes = clock(span.closes))
}

fn closes(locale: Locale, when: &When) -> String {
    match *when {
        When::Today(at) => td_string!(locale, status.closes_at, time = clock(at)),
        When::Tomorrow(0) => td_string!(locale, status.closes_midnight).to_string(),
        When::Tomorrow(at) => td_string!(locale, status.closes_tomorrow_at, time = clock(at)),
        When::ThisWeek { weekday: day, at } => {
            td_string!(locale, status.closes_on_day_at, day = weekday(locale, day), time = clock(at))
        }
        When::Later { day, at } => {
            td_string!(locale, status.closes_on_date_at, date = date(locale, &day, false), time = clock(at))
        }
    }
}

fn opens(locale: Locale, when: &When) -> String {
    match *when {
        When::Today(at) => td_string!(locale, status.opens_at, time = clock(at)),
        When::Tomorrow(at) => td_string!(locale, status.opens_tomorrow_at, time = clock(at)),
        When::ThisWeek { weekday: day, at } => {
            td_string!(locale, status.opens_on_day_at, day = weekday(locale, day), time = clock(at))
        }
        When::Later { day, at } => {
            td_string!(locale, status.opens_on_date_at, date = date(locale, &day, false), time = clock(at))
        }
    }
}

/// "Ouvert — ferme à 18:00", "Fermé — Congé annuel jusqu'au 5 janvier, ouvre le 6 janvier à 9:00".
pub fn status(locale: Locale, status: &OpenStatus) -> String {
    let open = td_string!(locale, status.open);
    let closed = td_string!(locale, status.closed);
    match status {
        OpenStatus::Open { closes: Some(when) } => format!("{open} — {}", closes(locale, when)),
        OpenStatus::Open { closes: None } => open.to_string(),
        OpenStatus::Closed { opens: Some(when) } => format!("{closed} — {}", opens(locale, when)),
        OpenStatus::Closed { opens: None } => {
            format!("{closed} — {}", td_string!(locale, status.no_next_opening))
        }
        OpenStatus::ClosedException { note, until, reopens } => {
            let until_text = date(locale, until, false);
            let why = match note {
                Some(note) => td_string!(locale, status.note_until_date, note = note, date = until_text),
                None => td_string!(locale, status.until_date, date = until_text),
            };
            match reopens {
                Some(when) => format!("{closed} — {why}, {}", opens(locale, when)),
                None => format!("{closed} — {why}"),
            }
        }
        OpenStatus::ClosedHoliday { reopens } => {
            let holiday = td_string!(locale, status.public_holiday);
            match reopens {
                Some(when) => format!("{closed} — {holiday}, {}", opens(locale, when)),
                None => format!("{closed} — {holiday}"),
            }
        }
    }
}

/// "Informations vérifiées il y a 12 jours".
pub fn checked(locale: Locale, days: i64) -> String {
    match days {
        0 => td_string!(locale, business.checked_today).to_string(),
        1 => td_string!(locale, business.checked_one_day).to_string(),
        n => td_string!(locale, business.checked_days, count = n),
    }
}

/// A price as each language writes it: "12,50 €", "€ 12,50", "€12.50".
pub fn price(locale: Locale, cents: i64) -> String {
    let (euros, rest) = (cents / 100, (cents % 100).abs());
    match locale {
        Locale::fr => format!("{euros},{rest:02}\u{a0}€"),
        Locale::nl => format!("€\u{a0}{euros},{rest:02}"),
        Locale::en => format!("€{euros}.{rest:02}"),
    }
}

/// "24 commerces" / "1 commerce" (French counts 0 as singular too).
pub fn results(locale: Locale, count: u64) -> String {
    let singular = match locale {
        Locale::fr => count <= 1,
        _ => count == 1,
    };
    if singular {
        td_string!(locale, directory.results_singular, count = count)
    } else {
        td_string!(locale, directory.results_plural, count = count)
    }
}

/// The label of an accessibility feature key.
pub fn accessibility(locale: Locale, key: &str) -> &'static str {
    match key {
        "step_free_entrance" => td_string!(locale, accessibility.step_free_entrance),
        "wide_door" => td_string!(locale, accessibility.wide_door),
        "accessible_toilet" => td_string!(locale, accessibility.accessible_toilet),
        "accessible_parking" => td_string!(locale, accessibility.accessible_parking),
        "hearing_loop" => td_string!(locale, accessibility.hearing_loop),
        "assistance_dogs_welcome" => td_string!(locale, accessibility.assistance_dogs_welcome),
        _ => td_string!(locale, accessibility.seating_available),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_naturally_in_each_language() {
        let open = OpenStatus::Open { closes: Some(When::Today(18 * 60)) };
        assert_eq!(status(Locale::fr, &open), "Ouvert — ferme à 18:00");
        assert_eq!(status(Locale::nl, &open), "Open — sluit om 18:00");
        assert_eq!(status(Locale::en, &open), "Open — closes at 18:00");
        let tuesday = OpenStatus::Closed { opens: Some(When::ThisWeek { weekday: 1, at: 9 * 60 }) };
        assert_eq!(status(Locale::fr, &tuesday), "Fermé — ouvre mardi à 9:00");
        assert_eq!(status(Locale::en, &tuesday), "Closed — opens Tuesday at 9:00");
        let holidays = OpenStatus::ClosedException {
            note: Some("Congé annuel".into()),
            until: Day { year: 2027, month: 1, day: 5, weekday: 1 },
            reopens: None,
        };
        assert_eq!(status(Locale::fr, &holidays), "Fermé — Congé annuel jusqu'au 5 janvier");
        let first = Day { year: 2026, month: 12, day: 1, weekday: 1 };
        assert_eq!(date(Locale::fr, &first, false), "1er décembre");
        assert_eq!(date(Locale::en, &first, true), "1 December 2026");
        let holiday = OpenStatus::ClosedHoliday { reopens: Some(When::Tomorrow(9 * 60)) };
        assert_eq!(status(Locale::fr, &holiday), "Fermé — jour férié, ouvre demain à 9:00");
        assert_eq!(status(Locale::nl, &holiday), "Gesloten — feestdag, opent morgen om 9:00");
        assert_eq!(status(Locale::en, &holiday), "Closed — public holiday, opens tomorrow at 9:00");
        let midnight = OpenStatus::Open { closes: Some(When::Tomorrow(0)) };
        assert_eq!(status(Locale::nl, &midnight), "Open — sluit om middernacht");
    }

    #[test]
    fn counts_follow_each_language_plural_rule() {
        assert_eq!(results(Locale::fr, 0), "0 commerce");
        assert_eq!(results(Locale::en, 0), "0 shops");
        assert_eq!(results(Locale::nl, 1), "1 winkel");
        assert_eq!(results(Locale::fr, 24), "24 commerces");
        assert_eq!(checked(Locale::en, 12), "Information checked 12 days ago");
    }
}
