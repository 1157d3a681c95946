//! Opening hours: a pure model of a business's weekly hours and date exceptions, and the live
//! status computed from them ("open — closes at 18:00", "closed — opens Tuesday at 9:00").
//!
//! Hours are local wall-clock times in Europe/Brussels, the way shops write them. A span whose
//! closing time is not after its opening time runs past midnight into the next day, and belongs
//! to the day it starts on (a Friday 22:00–02:00 still runs in the first hours of a Saturday
//! holiday). A date exception replaces the week's hours for each day of its inclusive range:
//! either closed all day, or other spans. Exceptions of one business never overlap (the seed
//! loader and later the merchant forms refuse overlaps), so at most one applies to a day.
//!
//! A business can be closed on Belgium's public holidays ([`crate::holidays`]): on such a day its
//! week's hours do not apply, unless a date exception covers the day (an exception always wins, so
//! a merchant can open on one holiday, or announce other hours, without changing the rule).
//!
//! Everything works on local `NaiveDateTime`s: the caller turns the injected UTC instant into
//! local time with [`to_local`], so daylight-saving changes are handled once, by chrono-tz.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use common::directory::{OpenStatus, When};
use common::time::{Day, Span};

use crate::holidays::is_public_holiday;

/// The town's time zone.
pub const TOWN_TZ: Tz = chrono_tz::Europe::Brussels;

/// How far ahead the status looks for the next opening (long holidays included).
const HORIZON_DAYS: i64 = 100;
/// The window a status is looked for first ([`Schedule::status_at`]).
const WEEK_DAYS: i64 = 8;

/// An exception to the weekly hours, over an inclusive range of dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Closed all day; otherwise `spans` are the hours of each day of the range.
    pub closed: bool,
    pub spans: Vec<Span>,
    pub note: Option<String>,
}

impl Exception {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The hours of one business.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    /// Index 0 = Monday … 6 = Sunday.
    pub week: [Vec<Span>; 7],
    pub exceptions: Vec<Exception>,
    /// Closed on public holidays not covered by an exception.
    pub closed_on_holidays: bool,
}

/// A concrete stretch of opening time, in local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

/// Converts an instant to Brussels wall-clock time, truncated to the minute (statuses and the
/// "open now" filter both work at minute precision, so they always agree).
pub fn to_local(now: DateTime<Utc>) -> NaiveDateTime {
    let local = now.with_timezone(&TOWN_TZ).naive_local();
    local.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(local)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

pub fn day_of(date: NaiveDate) -> Day {
    Day { year: date.year(), month: date.month() as u8, day: date.day() as u8, weekday: weekday_index(date) as u8 }
}

/// Parses `"09:00-12:30"` into a span: [`common::values::parse_span`] (shared with the merchant
/// forms), which refuses `09:00-09:00` and reads a closing time before the opening as past
/// midnight.
pub fn parse_span(text: &str) -> Result<Span, String> {
    common::values::parse_span(text).map_err(|e| e.to_string())
}

fn at(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(0, 0, 0).expect("midnight exists")) + Duration::minutes(minutes as i64)
}

impl Schedule {
    /// The exception in force on a date, if any.
    pub fn exception_on(&self, date: NaiveDate) -> Option<&Exception> {
        self.exceptions.iter().find(|e| e.covers(date))
    }

    /// Whether the week's hours are suspended on a date because it is a public holiday (only
    /// when no exception covers the date: the exception decides then).
    pub fn closed_for_holiday(&self, date: NaiveDate) -> bool {
        self.closed_on_holidays && is_public_holiday(date) && self.exception_on(date).is_none()
    }

    /// The spans that start on a date: the exception's if one applies, none on a public holiday
    /// the business closes on, else the week's.
    pub fn spans_on(&self, date: NaiveDate) -> &[Span] {
        match self.exception_on(date) {
            Some(exception) if exception.closed => &[],
            Some(exception) => &exception.spans,
            None if self.closed_on_holidays && is_public_holiday(date) => &[],
            None => &self.week[weekday_index(date)],
        }
    }

    /// Concrete intervals starting on `first` and the `days - 1` following days, merged where
    /// they touch (18:00–24:00 followed by 00:00–02:00 is one evening).
    fn intervals(&self, first: NaiveDate, days: i64) -> Vec<Interval> {
        let mut intervals: Vec<Interval> = Vec::new();
        for offset in 0..days {
            let date = first + Duration::days(offset);
            let mut spans: Vec<Span> = self.spans_on(date).to_vec();
            spans.sort_by_key(|s| s.opens);
            for span in spans {
                let start = at(date, span.opens);
                let end = if span.past_midnight() {
                    at(date + Duration::days(1), span.closes)
                } else {
                    at(date, span.closes)
                };
                intervals.push(Interval { start, end });
            }
        }
        intervals.sort_by_key(|i| i.start);
        let mut merged: Vec<Interval> = Vec::with_capacity(intervals.len());
        for interval in intervals {
            match merged.last_mut() {
                Some(last) if interval.start <= last.end => last.end = last.end.max(interval.end),
                _ => merged.push(interval),
            }
        }
        merged
    }

    /// Whether the business is open at a local time.
    pub fn is_open_at(&self, now: NaiveDateTime) -> bool {
        let yesterday = now.date() - Duration::days(1);
        self.intervals(yesterday, 2).iter().any(|i| i.start <= now && now < i.end)
    }

    /// The live status at a local time.
    pub fn status_at(&self, now: NaiveDateTime) -> OpenStatus {
        // Nearly every answer lies within a week (a card is rendered for each business of a
        // directory page, every time): look there first, over the whole horizon only if not.
        self.status_within(now, WEEK_DAYS)
            .or_else(|| self.status_within(now, HORIZON_DAYS))
            // Never taken: over the whole horizon the status is always known.
            .unwrap_or(OpenStatus::Closed { opens: None })
    }

    /// The status at `now` from the intervals of yesterday to `days` - 1 days ahead, or `None`
    /// when that window cannot tell (the current opening runs past its end, or no opening
    /// starts within it) and `days` is less than the horizon. Intervals of later days start at
    /// or after the window's end, so an answer found within it is the horizon's answer too.
    fn status_within(&self, now: NaiveDateTime, days: i64) -> Option<OpenStatus> {
        let today = now.date();
        let whole_horizon = days >= HORIZON_DAYS;
        let intervals = self.intervals(today - Duration::days(1), days + 1);
        let window_end = at(today + Duration::days(days), 0);
        if let Some(current) = intervals.iter().find(|i| i.start <= now && now < i.end) {
            return if current.end < window_end {
                Some(OpenStatus::Open { closes: Some(when(today, current.end)) })
            } else {
                whole_horizon.then_some(OpenStatus::Open { closes: None })
            };
        }
        let opens = intervals.iter().find(|i| i.start > now).map(|i| when(today, i.start));
        if opens.is_none() && !whole_horizon {
            return None;
        }
        Some(match self.exception_on(today) {
            Some(exception) if exception.closed => OpenStatus::ClosedException {
                note: exception.note.clone(),
                until: day_of(exception.to),
                reopens: opens,
            },
            // The holiday is named only when it is why the business is closed: a shop that never
            // opens on that weekday is simply closed, as on any other week.
            None if self.closed_for_holiday(today) && !self.week[weekday_index(today)].is_empty() => {
                OpenStatus::ClosedHoliday { reopens: opens }
            }
            _ => OpenStatus::Closed { opens },
        })
    }

    /// Current and upcoming exceptions, in date order.
    pub fn upcoming_exceptions(&self, today: NaiveDate) -> Vec<&Exception> {
        let mut upcoming: Vec<&Exception> = self.exceptions.iter().filter(|e| e.to >= today).collect();
        upcoming.sort_by_key(|e| e.from);
        upcoming
    }

    /// Finds two exceptions whose dates overlap, which the model does not allow.
    pub fn overlapping_exceptions(&self) -> Option<(&Exception, &Exception)> {
        let mut sorted: Vec<&Exception> = self.exceptions.iter().collect();
        sorted.sort_by_key(|e| e.from);
        sorted.windows(2).find(|w| w[1].from <= w[0].to).map(|w| (w[0], w[1]))
    }
}

/// Describes a local time relative to `today`.
fn when(today: NaiveDate, moment: NaiveDateTime) -> When {
    let minutes = (moment.hour() * 60 + moment.minute()) as u16;
    match (moment.date() - today).num_days() {
        0 => When::Today(minutes),
        1 => When::Tomorrow(minutes),
        2..=6 => When::ThisWeek { weekday: weekday_index(moment.date()) as u8, at: minutes },
        _ => When::Later { day: day_of(moment.date()), at: minutes },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }
    fn spans(list: &[&str]) -> Vec<Span> {
        list.iter().map(|s| parse_span(s).unwrap()).collect()
    }
    const fn hm(h: u16, m: u16) -> u16 {
        h * 60 + m
    }

    /// A bakery: Tue–Sat 7:00–12:30 and 13:30–18:30, Sunday 7:00–12:00, closed Monday.
    fn bakery() -> Schedule {
        let mut schedule = Schedule::default();
        for day in 1..=5 {
            schedule.week[day] = spans(&["07:00-12:30", "13:30-18:30"]);
        }
        schedule.week[6] = spans(&["07:00-12:00"]);
        schedule
    }

    /// A bar: Thu 16:00–00:00, Fri and Sat 16:00–02:00.
    fn bar() -> Schedule {
        let mut schedule = Schedule::default();
        schedule.week[3] = spans(&["16:00-00:00"]);
        schedule.week[4] = spans(&["16:00-02:00"]);
        schedule.week[5] = spans(&["16:00-02:00"]);
        schedule
    }

    // 2026-11-24 is a Tuesday.

    #[test]
    fn spans_parse_and_reject_nonsense() {
        assert_eq!(parse_span("09:00-12:30").unwrap(), Span { opens: 540, closes: 750 });
        assert_eq!(parse_span("18:00-24:00").unwrap(), Span { opens: 1080, closes: 0 });
        assert!(parse_span("18:00-02:00").unwrap().past_midnight());
        for bad in ["9-12", "25:00-26:00", "09:60-10:00", "24:00-10:00", "abc", "09:00", "09:00-09:00"] {
            assert!(parse_span(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn open_in_the_morning_says_when_it_closes_for_lunch() {
        let status = bakery().status_at(t(2026, 11, 24, 10, 0));
        assert_eq!(status, OpenStatus::Open { closes: Some(When::Today(hm(12, 30))) });
    }

    #[test]
    fn lunch_break_is_closed_and_reopens_the_same_day() {
        let status = bakery().status_at(t(2026, 11, 24, 12, 45));
        assert_eq!(status, OpenStatus::Closed { opens: Some(When::Today(hm(13, 30))) });
    }

    #[test]
    fn boundaries_open_inclusive_close_exclusive() {
        let bakery = bakery();
        assert!(bakery.is_open_at(t(2026, 11, 24, 7, 0)));
        assert!(bakery.is_open_at(t(2026, 11, 24, 12, 29)));
        assert!(!bakery.is_open_at(t(2026, 11, 24, 12, 30)));
        assert!(!bakery.is_open_at(t(2026, 11, 24, 6, 59)));
    }

    #[test]
    fn closed_day_points_to_the_next_opening_day() {
        // Sunday 2026-11-29 at 13:00: closed until Tuesday 7:00 (Monday is the closing day).
        let status = bakery().status_at(t(2026, 11, 29, 13, 0));
        assert_eq!(status, OpenStatus::Closed { opens: Some(When::ThisWeek { weekday: 1, at: hm(7, 0) }) });
        // Saturday evening: opens tomorrow (Sunday) morning.
        let status = bakery().status_at(t(2026, 11, 28, 19, 0));
        assert_eq!(status, OpenStatus::Closed { opens: Some(When::Tomorrow(hm(7, 0))) });
    }

    #[test]
    fn past_midnight_spans_run_into_the_next_day() {
        let bar = bar();
        // Saturday 01:30, still Friday night's session.
        assert!(bar.is_open_at(t(2026, 11, 28, 1, 30)));
        assert_eq!(bar.status_at(t(2026, 11, 28, 1, 30)), OpenStatus::Open { closes: Some(When::Today(hm(2, 0))) });
        // Friday 23:00 closes "tomorrow at 02:00".
        assert_eq!(bar.status_at(t(2026, 11, 27, 23, 0)), OpenStatus::Open { closes: Some(When::Tomorrow(hm(2, 0))) });
        // Thursday until midnight.
        assert_eq!(bar.status_at(t(2026, 11, 26, 23, 0)), OpenStatus::Open { closes: Some(When::Tomorrow(0)) });
        // Wednesday 02:00: closed (Tuesday had no late session).
        assert!(!bar.is_open_at(t(2026, 11, 25, 1, 0)));
        // Sunday 01:59 open, 02:00 closed.
        assert!(bar.is_open_at(t(2026, 11, 29, 1, 59)));
        assert!(!bar.is_open_at(t(2026, 11, 29, 2, 0)));
    }

    #[test]
    fn touching_spans_merge_into_one_opening() {
        let mut schedule = Schedule::default();
        schedule.week[4] = spans(&["18:00-24:00"]);
        schedule.week[5] = spans(&["00:00-03:00", "10:00-12:00"]);
        // Friday 20:00: closes Saturday at 03:00, not at midnight.
        assert_eq!(
            schedule.status_at(t(2026, 11, 27, 20, 0)),
            OpenStatus::Open { closes: Some(When::Tomorrow(hm(3, 0))) }
        );
    }

    #[test]
    fn holiday_closure_says_until_when_and_when_it_reopens() {
        let mut schedule = bakery();
        schedule.exceptions.push(Exception {
            from: d(2026, 12, 24),
            to: d(2027, 1, 5),
            closed: true,
            spans: vec![],
            note: Some("Congé annuel".into()),
        });
        let status = schedule.status_at(t(2026, 12, 28, 10, 0));
        assert_eq!(
            status,
            OpenStatus::ClosedException {
                note: Some("Congé annuel".into()),
                until: Day { year: 2027, month: 1, day: 5, weekday: 1 },
                // 2027-01-06 is a Wednesday.
                reopens: Some(When::Later { day: Day { year: 2027, month: 1, day: 6, weekday: 2 }, at: hm(7, 0) }),
            }
        );
        // The day before the holidays, the next opening skips them.
        let status = schedule.status_at(t(2026, 12, 23, 19, 0));
        assert_eq!(
            status,
            OpenStatus::Closed {
                opens: Some(When::Later { day: Day { year: 2027, month: 1, day: 6, weekday: 2 }, at: hm(7, 0) })
            }
        );
    }

    #[test]
    fn special_sunday_hours_replace_the_week() {
        let mut schedule = bakery();
        schedule.week[6] = vec![];
        schedule.exceptions.push(Exception {
            from: d(2026, 12, 20),
            to: d(2026, 12, 20),
            closed: false,
            spans: spans(&["10:00-17:00"]),
            note: Some("Dimanche shopping".into()),
        });
        assert!(schedule.is_open_at(t(2026, 12, 20, 16, 0)));
        assert!(!schedule.is_open_at(t(2026, 12, 13, 16, 0)));
        // An early closing on Christmas Eve (a Thursday) hides the afternoon.
        schedule.exceptions.push(Exception {
            from: d(2026, 12, 24),
            to: d(2026, 12, 24),
            closed: false,
            spans: spans(&["07:00-16:00"]),
            note: None,
        });
        assert_eq!(
            schedule.status_at(t(2026, 12, 24, 15, 0)),
            OpenStatus::Open { closes: Some(When::Today(hm(16, 0))) }
        );
        assert!(!schedule.is_open_at(t(2026, 12, 24, 17, 0)));
    }

    #[test]
    fn friday_night_still_runs_into_a_saturday_closure() {
        let mut schedule = bar();
        schedule.exceptions.push(Exception {
            from: d(2026, 11, 28),
            to: d(2026, 11, 28),
            closed: true,
            spans: vec![],
            note: None,
        });
        assert!(schedule.is_open_at(t(2026, 11, 28, 1, 0)));
        assert!(!schedule.is_open_at(t(2026, 11, 28, 20, 0)));
    }

    /// The week's window gives the answer the whole horizon gives, or none: for shops that open
    /// daily, weekly, around the clock, past midnight, never, or after a long closure, at every
    /// hour of three weeks around the year's end (holidays included).
    #[test]
    fn the_week_window_agrees_with_the_whole_horizon() {
        let mut always = Schedule::default();
        for day in 0..7 {
            always.week[day] = spans(&["00:00-24:00"]);
        }
        let mut long_closure = bakery();
        long_closure.exceptions.push(Exception {
            from: d(2026, 12, 20),
            to: d(2027, 1, 31),
            closed: true,
            spans: vec![],
            note: None,
        });
        let mut sundays_only = Schedule::default();
        sundays_only.week[6] = spans(&["10:00-12:00"]);
        let schedules = [bakery(), bar(), shop(), always, long_closure, sundays_only, Schedule::default()];
        let mut windowed = 0;
        for (i, schedule) in schedules.iter().enumerate() {
            for hour in 0..(21 * 24) {
                let now = t(2026, 12, 14, 0, 30) + Duration::hours(hour);
                let whole = schedule.status_within(now, HORIZON_DAYS).expect("the horizon always answers");
                if let Some(week) = schedule.status_within(now, WEEK_DAYS) {
                    assert_eq!(week, whole, "schedule {i} at {now}");
                    windowed += 1;
                }
                assert_eq!(schedule.status_at(now), whole, "schedule {i} at {now}");
            }
        }
        assert!(windowed > 21 * 24 * 4, "most statuses come from the week: {windowed}");
    }

    /// A shop open Monday to Saturday 9:00–18:00, closed on public holidays.
    fn shop() -> Schedule {
        let mut schedule = Schedule { closed_on_holidays: true, ..Schedule::default() };
        for day in 0..6 {
            schedule.week[day] = spans(&["09:00-18:00"]);
        }
        schedule
    }

    #[test]
    fn public_holidays_close_a_shop_and_say_so() {
        // Christmas 2026 is a Friday.
        let status = shop().status_at(t(2026, 12, 25, 10, 0));
        assert_eq!(status, OpenStatus::ClosedHoliday { reopens: Some(When::Tomorrow(hm(9, 0))) });
        assert!(!shop().is_open_at(t(2026, 12, 25, 10, 0)));
        // Easter Monday 2027 (29 March): reopens Tuesday.
        assert_eq!(
            shop().status_at(t(2027, 3, 29, 10, 0)),
            OpenStatus::ClosedHoliday { reopens: Some(When::Tomorrow(hm(9, 0))) }
        );
        // The evening before, the next opening skips the holiday.
        assert_eq!(
            shop().status_at(t(2026, 12, 24, 19, 0)),
            OpenStatus::Closed { opens: Some(When::ThisWeek { weekday: 5, at: hm(9, 0) }) }
        );
        // Ascension 2027 (Thursday 6 May): on Wednesday evening the next opening is Friday.
        assert_eq!(
            shop().status_at(t(2027, 5, 5, 19, 0)),
            OpenStatus::Closed { opens: Some(When::ThisWeek { weekday: 4, at: hm(9, 0) }) }
        );
        // A business that opens on holidays keeps its hours.
        let mut cafe = shop();
        cafe.closed_on_holidays = false;
        assert!(cafe.is_open_at(t(2026, 12, 25, 10, 0)));
    }

    #[test]
    fn an_exception_wins_over_the_holiday_rule() {
        let mut schedule = shop();
        schedule.exceptions.push(Exception {
            from: d(2026, 12, 25),
            to: d(2026, 12, 25),
            closed: false,
            spans: spans(&["10:00-12:00"]),
            note: Some("Ouverture de Noël".into()),
        });
        assert!(schedule.is_open_at(t(2026, 12, 25, 11, 0)));
        assert_eq!(
            schedule.status_at(t(2026, 12, 25, 9, 0)),
            OpenStatus::Closed { opens: Some(When::Today(hm(10, 0))) }
        );
        // A closing exception over the holiday speaks for itself.
        let mut schedule = shop();
        schedule.exceptions.push(Exception {
            from: d(2026, 12, 24),
            to: d(2026, 12, 26),
            closed: true,
            spans: vec![],
            note: Some("Fêtes".into()),
        });
        assert!(matches!(schedule.status_at(t(2026, 12, 25, 10, 0)), OpenStatus::ClosedException { .. }));
    }

    #[test]
    fn a_holiday_on_a_closing_day_is_not_named() {
        // 15 August 2027 is a Sunday, when the shop never opens.
        assert_eq!(
            shop().status_at(t(2027, 8, 15, 10, 0)),
            OpenStatus::Closed { opens: Some(When::Tomorrow(hm(9, 0))) }
        );
    }

    #[test]
    fn a_night_that_starts_before_a_holiday_runs_into_it() {
        // A bar closed on holidays: Thursday 24 December 2026 16:00–02:00 still runs at 01:00 on
        // Christmas, and no session starts on Christmas itself.
        let mut schedule = bar();
        schedule.closed_on_holidays = true;
        schedule.week[3] = spans(&["16:00-02:00"]);
        schedule.week[4] = spans(&["16:00-02:00"]);
        assert!(schedule.is_open_at(t(2026, 12, 25, 1, 0)));
        assert!(!schedule.is_open_at(t(2026, 12, 25, 20, 0)));
        assert!(!schedule.is_open_at(t(2026, 12, 26, 1, 0)));
    }

    #[test]
    fn never_open_has_no_next_opening() {
        let schedule = Schedule::default();
        assert_eq!(schedule.status_at(t(2026, 11, 24, 10, 0)), OpenStatus::Closed { opens: None });
    }

    #[test]
    fn open_around_the_clock_has_no_closing_time() {
        let mut schedule = Schedule::default();
        for day in 0..7 {
            schedule.week[day] = spans(&["00:00-24:00"]);
        }
        assert_eq!(schedule.status_at(t(2026, 11, 24, 3, 0)), OpenStatus::Open { closes: None });
    }

    #[test]
    fn utc_instants_become_brussels_wall_clock_across_daylight_saving() {
        // Winter: UTC+1.
        let winter = Utc.with_ymd_and_hms(2026, 11, 24, 8, 30, 0).unwrap();
        assert_eq!(to_local(winter), t(2026, 11, 24, 9, 30));
        // Summer: UTC+2.
        let summer = Utc.with_ymd_and_hms(2026, 7, 7, 8, 30, 0).unwrap();
        assert_eq!(to_local(summer), t(2026, 7, 7, 10, 30));
        // Seconds are dropped.
        let with_seconds = Utc.with_ymd_and_hms(2026, 11, 24, 8, 30, 59).unwrap();
        assert_eq!(to_local(with_seconds), t(2026, 11, 24, 9, 30));
    }

    #[test]
    fn spring_forward_night_skips_an_hour_of_a_late_opening() {
        // 2027-03-28 (Sunday) clocks go from 02:00 to 03:00. A club open Saturday 22:00–03:00.
        let mut club = Schedule::default();
        club.week[5] = spans(&["22:00-03:00"]);
        // 00:30 UTC = 01:30 CET: open.
        let before = Utc.with_ymd_and_hms(2027, 3, 28, 0, 30, 0).unwrap();
        assert!(club.is_open_at(to_local(before)));
        // 01:30 UTC = 03:30 CEST: closed (the 02:00–03:00 hour does not exist that night).
        let after = Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap();
        assert_eq!(to_local(after), t(2027, 3, 28, 3, 30));
        assert!(!club.is_open_at(to_local(after)));
    }

    #[test]
    fn fall_back_keeps_wall_clock_hours() {
        // 2026-10-25 clocks go from 03:00 back to 02:00. A bakery opening at 07:00 local opens at
        // 06:00 UTC that day, not 05:00.
        let mut schedule = Schedule::default();
        schedule.week[6] = spans(&["07:00-12:00"]);
        let at_0530_utc = Utc.with_ymd_and_hms(2026, 10, 25, 5, 30, 0).unwrap();
        let at_0630_utc = Utc.with_ymd_and_hms(2026, 10, 25, 6, 30, 0).unwrap();
        assert!(!schedule.is_open_at(to_local(at_0530_utc)));
        assert!(schedule.is_open_at(to_local(at_0630_utc)));
    }

    #[test]
    fn overlapping_exceptions_are_detected() {
        let mut schedule = bakery();
        let closed = |from, to| Exception { from, to, closed: true, spans: vec![], note: None };
        schedule.exceptions.push(closed(d(2026, 12, 24), d(2027, 1, 5)));
        schedule.exceptions.push(closed(d(2027, 2, 1), d(2027, 2, 3)));
        assert!(schedule.overlapping_exceptions().is_none());
        schedule.exceptions.push(closed(d(2027, 1, 5), d(2027, 1, 6)));
        assert!(schedule.overlapping_exceptions().is_some());
    }

    #[test]
    fn upcoming_exceptions_drop_past_ones() {
        let mut schedule = bakery();
        let closed = |from, to| Exception { from, to, closed: true, spans: vec![], note: None };
        schedule.exceptions.push(closed(d(2026, 12, 24), d(2027, 1, 5)));
        schedule.exceptions.push(closed(d(2026, 8, 1), d(2026, 8, 15)));
        schedule.exceptions.push(closed(d(2026, 11, 20), d(2026, 11, 30)));
        let upcoming = schedule.upcoming_exceptions(d(2026, 11, 28));
        assert_eq!(upcoming.iter().map(|e| e.from).collect::<Vec<_>>(), vec![d(2026, 11, 20), d(2026, 12, 24)]);
    }
}
