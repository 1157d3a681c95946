//! Collection slots: the times a shopper may pick to collect an order at one shop, inside that
//! shop's opening hours (its week, its date exceptions and the public holidays it closes on:
//! [`Schedule::spans_on`]), from its preparation delay after now, over [`SLOT_DAYS`] days.
//!
//! Slots are cut from each opening span at the shop's slot length, the last one ending at the
//! closing time. They are local wall-clock times; the moment stored is their UTC instant, taken
//! with chrono-tz, so a daylight-saving change is crossed correctly: a local time that does not
//! exist (02:30 on the last Sunday of March) offers no slot, and one that happens twice (02:30
//! on the last Sunday of October) is its first occurrence.
//!
//! A form sends a slot as its local value (`2026-12-07T10:30`); [`find`] recomputes the slots
//! and accepts only one of them, so a slot outside the hours, in the past, too soon or too far
//! is refused whatever the browser sent.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use common::orders::{PickupSettings, Slot, SlotDay, SLOT_DAYS};

use crate::hours::{day_of, to_local, Schedule, TOWN_TZ};

/// The format of a slot's value in forms.
const VALUE_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// One slot with its instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub local: NaiveDateTime,
    pub at: DateTime<Utc>,
    pub minutes: u32,
}

/// Every slot from `now` plus the preparation delay, day by day over [`SLOT_DAYS`] days (today
/// first); days without a slot are left out.
pub fn slot_days(schedule: &Schedule, settings: &PickupSettings, now: DateTime<Utc>) -> Vec<SlotDay> {
    let mut days = Vec::new();
    let today = to_local(now).date();
    for offset in 0..SLOT_DAYS {
        let date = today + Duration::days(offset);
        let slots: Vec<Slot> = chosen_on(schedule, settings, now, date)
            .into_iter()
            .map(|c| {
                let starts = minutes_of(c.local);
                Slot {
                    value: c.local.format(VALUE_FORMAT).to_string(),
                    starts,
                    ends: ((u32::from(starts) + c.minutes) % 1440) as u16,
                }
            })
            .collect();
        if !slots.is_empty() {
            days.push(SlotDay { day: day_of(date), slots });
        }
    }
    days
}

/// The slot whose value is `value`, if it is one of the shop's slots now.
pub fn find(schedule: &Schedule, settings: &PickupSettings, now: DateTime<Utc>, value: &str) -> Option<Chosen> {
    let wanted = NaiveDateTime::parse_from_str(value.trim(), VALUE_FORMAT).ok()?;
    let today = to_local(now).date();
    // The slot belongs to the day its span starts on: the day itself or, past midnight, the day before.
    // `pred_opt`: a typed year such as -262143 is the calendar's first day, with none before it.
    [Some(wanted.date()), wanted.date().pred_opt()]
        .into_iter()
        .flatten()
        .filter(|d| *d >= today && *d < today + Duration::days(SLOT_DAYS))
        .flat_map(|d| chosen_on(schedule, settings, now, d))
        .find(|c| c.local == wanted)
}

fn minutes_of(local: NaiveDateTime) -> u16 {
    (local.hour() * 60 + local.minute()) as u16
}

/// The slots cut from the spans that start on `date`.
fn chosen_on(schedule: &Schedule, settings: &PickupSettings, now: DateTime<Utc>, date: NaiveDate) -> Vec<Chosen> {
    let step = settings.slot_minutes.max(5);
    let earliest = now + Duration::minutes(i64::from(settings.prep_minutes));
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    let mut spans = schedule.spans_on(date).to_vec();
    spans.sort_by_key(|s| s.opens);
    let mut out: Vec<Chosen> = Vec::new();
    for span in spans {
        let opens = u32::from(span.opens);
        let closes = if span.past_midnight() { u32::from(span.closes) + 1440 } else { u32::from(span.closes) };
        let mut start = opens;
        while start < closes {
            let minutes = step.min(closes - start);
            let local = midnight + Duration::minutes(i64::from(start));
            let at = match TOWN_TZ.from_local_datetime(&local) {
                LocalResult::Single(at) => Some(at),
                LocalResult::Ambiguous(first, _) => Some(first),
                LocalResult::None => None,
            };
            if let Some(at) = at.map(|at| at.with_timezone(&Utc)) {
                if at >= earliest && out.last().is_none_or(|last| last.at < at) {
                    out.push(Chosen { local, at, minutes });
                }
            }
            start += step;
        }
    }
    out
}

/// The local date of an instant (the day a slot is collected on).
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&TOWN_TZ).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use common::time::Span;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn span(opens: u16, closes: u16) -> Span {
        Span { opens, closes }
    }

    /// Tuesday to Saturday 9:00–12:00 and 14:00–18:00, closed on public holidays.
    fn shop() -> Schedule {
        let day = vec![span(540, 720), span(840, 1080)];
        Schedule {
            week: [vec![], day.clone(), day.clone(), day.clone(), day.clone(), day, vec![]],
            exceptions: vec![],
            closed_on_holidays: true,
        }
    }

    fn settings(prep: u32, slot: u32) -> PickupSettings {
        PickupSettings { prep_minutes: prep, slot_minutes: slot, grace_days: 2, notify_orders: true }
    }

    #[test]
    fn slots_start_after_the_preparation_delay_and_stay_inside_the_hours() {
        // Thursday 3 December 2026, 10:10 in Brussels (09:10 UTC), two hours to prepare.
        let days = slot_days(&shop(), &settings(120, 30), utc("2026-12-03T09:10:00Z"));
        let first = &days[0];
        assert_eq!((first.day.day, first.day.weekday), (3, 3));
        // 12:10 is past the morning: the afternoon's first slot is 14:00.
        assert_eq!(first.slots[0].value, "2026-12-03T14:00");
        assert_eq!(first.slots.last().unwrap().value, "2026-12-03T17:30");
        assert_eq!((first.slots.last().unwrap().starts, first.slots.last().unwrap().ends), (1050, 1080));
        // Sunday 6 and Monday 7 are closed; 7 days from Thursday end on Wednesday 9.
        let dates: Vec<u8> = days.iter().map(|d| d.day.day).collect();
        assert_eq!(dates, vec![3, 4, 5, 8, 9]);
        assert_eq!(days[1].slots.len(), 6 + 8, "a full day: 6 morning and 8 afternoon half-hours");
    }

    #[test]
    fn a_short_last_slot_ends_at_closing_and_exceptions_and_holidays_are_respected() {
        let mut schedule = shop();
        // Friday 4 December: 9:00–10:45 only.
        schedule.exceptions.push(crate::hours::Exception {
            from: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            closed: false,
            spans: vec![span(540, 645)],
            note: None,
        });
        let days = slot_days(&schedule, &settings(0, 45), utc("2026-12-04T06:00:00Z"));
        let friday: Vec<(&str, u16)> = days[0].slots.iter().map(|s| (s.value.as_str(), s.ends)).collect();
        assert_eq!(friday, vec![("2026-12-04T09:00", 585), ("2026-12-04T09:45", 630), ("2026-12-04T10:30", 645)]);

        // Friday 25 December is Christmas: the shop closes on holidays.
        let days = slot_days(&shop(), &settings(0, 30), utc("2026-12-24T06:00:00Z"));
        let dates: Vec<u8> = days.iter().map(|d| d.day.day).collect();
        assert_eq!(dates, vec![24, 26, 29, 30]);
    }

    #[test]
    fn a_chosen_slot_must_be_one_of_the_slots() {
        let now = utc("2026-12-03T09:10:00Z");
        let s = settings(120, 30);
        let chosen = find(&shop(), &s, now, "2026-12-04T10:30").unwrap();
        assert_eq!(chosen.at, utc("2026-12-04T09:30:00Z"));
        for refused in [
            "2026-12-03T10:30", // too soon
            "2026-12-02T15:00", // past
            "2026-12-04T12:30", // lunch break
            "2026-12-04T10:15", // not on the grid
            "2026-12-06T10:00", // Sunday
            "2026-12-10T10:00", // beyond seven days
            "demain",
            "",
        ] {
            assert!(find(&shop(), &s, now, refused).is_none(), "{refused}");
        }
    }

    #[test]
    fn daylight_saving_changes_are_crossed_by_the_clock_of_the_town() {
        // A night shop, 22:00–04:00 every day.
        let night = Schedule { week: std::array::from_fn(|_| vec![span(1320, 240)]), ..Schedule::default() };
        let s = settings(0, 60);
        // Saturday 28 March 2026 12:00 UTC; on Sunday 29 at 02:00 the clocks go to 03:00.
        let days = slot_days(&night, &s, utc("2026-03-28T12:00:00Z"));
        let saturday: Vec<&str> = days[0].slots.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(
            saturday,
            vec!["2026-03-28T22:00", "2026-03-28T23:00", "2026-03-29T00:00", "2026-03-29T01:00", "2026-03-29T03:00"],
            "02:00 does not exist that night"
        );
        let at = |v: &str| find(&night, &s, utc("2026-03-28T12:00:00Z"), v).unwrap().at;
        assert_eq!(at("2026-03-29T01:00"), utc("2026-03-29T00:00:00Z"), "still winter time (UTC+1)");
        assert_eq!(at("2026-03-29T03:00"), utc("2026-03-29T01:00:00Z"), "summer time (UTC+2)");
        assert!(find(&night, &s, utc("2026-03-28T12:00:00Z"), "2026-03-29T02:00").is_none());

        // Saturday 24 October 2026: on Sunday 25 at 03:00 the clocks go back to 02:00, and
        // 02:00 happens twice; its slot is the first one, and instants keep increasing.
        let days = slot_days(&night, &s, utc("2026-10-24T12:00:00Z"));
        let saturday = &days[0].slots;
        assert_eq!(saturday.len(), 6);
        let instants: Vec<DateTime<Utc>> = saturday
            .iter()
            .map(|slot| find(&night, &s, utc("2026-10-24T12:00:00Z"), &slot.value).unwrap().at)
            .collect();
        assert!(instants.windows(2).all(|w| w[0] < w[1]), "{instants:?}");
        assert_eq!(instants[4], utc("2026-10-25T00:00:00Z"), "02:00 summer time");

        // A day shop's 10:00 is 09:00 UTC in winter and 08:00 UTC in summer.
        let before = find(&shop(), &s, utc("2026-03-26T06:00:00Z"), "2026-03-27T10:00").unwrap().at;
        let after = find(&shop(), &s, utc("2026-03-26T06:00:00Z"), "2026-03-31T10:00").unwrap().at;
        assert_eq!((before, after), (utc("2026-03-27T09:00:00Z"), utc("2026-03-31T08:00:00Z")));
    }
}
