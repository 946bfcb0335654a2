//! Working days: counting them between dates and finding the date of the n-th one.
//! All arithmetic is O(log holidays), so scheduling stays linear in tasks.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::Calendar;

/// A working calendar anchored at the plan's start: working day 0 is the first
/// working day on or after the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    /// Working weekdays, indexed Monday = 0.
    working: [bool; 7],
    working_per_week: i64,
    /// Holidays that fall on working weekdays, sorted, as day numbers.
    holidays: Vec<i64>,
    /// Day number of working day 0.
    origin: i64,
}

fn day_number(date: NaiveDate) -> i64 {
    date.num_days_from_ce() as i64
}

/// More working days than there are days in the dates `NaiveDate` can hold.
const BEYOND_ANY_DATE: i64 = 1 << 30;

fn date_of_day_number(day: i64) -> NaiveDate {
    match i32::try_from(day).ok().and_then(NaiveDate::from_num_days_from_ce_opt) {
        Some(date) => date,
        None if day < 0 => NaiveDate::MIN,
        None => NaiveDate::MAX,
    }
}

impl WorkingCalendar {
    pub fn new(calendar: &Calendar, start: NaiveDate) -> Self {
        let mut working = [false; 7];
        for day in &calendar.working_weekdays {
            working[day.num_days_from_monday() as usize] = true;
        }
        if !working.iter().any(|&day| day) {
            // A plan always has a working day; this only guards arithmetic.
            working[0] = true;
        }
        let working_per_week = working.iter().filter(|&&day| day).count() as i64;
        let mut holidays: Vec<i64> = calendar
            .holidays
            .iter()
            .filter(|holiday| working[holiday.date.weekday().num_days_from_monday() as usize])
            .map(|holiday| day_number(holiday.date))
            .collect();
        crate::model::sorting::sort(&mut holidays);
        holidays.dedup();
        let mut calendar = Self { working, working_per_week, holidays, origin: 0 };
        calendar.origin = calendar.next_working_day_number(day_number(start));
        calendar
    }

    fn weekday_is_working(&self, day: i64) -> bool {
        // Day number 1 (0001-01-01) was a Monday.
        self.working[((day - 1).rem_euclid(7)) as usize]
    }

    fn is_working_day_number(&self, day: i64) -> bool {
        self.weekday_is_working(day) && self.holidays.binary_search(&day).is_err()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.is_working_day_number(day_number(date))
    }

    fn next_working_day_number(&self, mut day: i64) -> i64 {
        // At most a week of weekends plus a run of holidays.
        while !self.is_working_day_number(day) {
            day += 1;
        }
        day
    }

    /// Working weekdays in [from, to), holidays not subtracted.
    fn weekdays_between(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        let span = to - from;
        let mut count = span / 7 * self.working_per_week;
        for day in from + span / 7 * 7..to {
            if self.weekday_is_working(day) {
                count += 1;
            }
        }
        count
    }

    /// Working days in [from, to).
    fn working_days_in(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        let holidays =
            self.holidays.partition_point(|&day| day < to) - self.holidays.partition_point(|&day| day < from);
        self.weekdays_between(from, to) - holidays as i64
    }

    /// The working-day number of a date: how many working days lie between working
    /// day 0 and it. A non-working date counts as the next working day.
    pub fn index_of(&self, date: NaiveDate) -> i64 {
        self.index_of_day_number(day_number(date))
    }

    fn index_of_day_number(&self, day: i64) -> i64 {
        if day >= self.origin {
            self.working_days_in(self.origin, day)
        } else {
            -self.working_days_in(day, self.origin)
        }
    }

    /// The date of working day `index` (negative numbers count back from the start).
    pub fn date_of(&self, index: i64) -> NaiveDate {
        if index.abs() > BEYOND_ANY_DATE {
            return if index < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
        }
        // Guess from the share of working days in a week, then correct: while far off,
        // by the same share (each jump overshoots by less than a week's working days);
        // then one working day at a time. (Correcting by the share down to the last day
        // could step back and forth over the answer forever in a short working week.)
        let mut day = self.next_working_day_number(self.origin + index * 7 / self.working_per_week);
        let mut at = self.index_of_day_number(day);
        for _ in 0..64 {
            let gap = index - at;
            if gap.abs() <= 7 {
                break;
            }
            day = self.next_working_day_number(day + gap * 7 / self.working_per_week);
            at = self.index_of_day_number(day);
        }
        while at < index {
            day = self.next_working_day_number(day + 1);
            at += 1;
        }
        while at > index {
            day -= 1;
            while !self.is_working_day_number(day) {
                day -= 1;
            }
            at -= 1;
        }
        date_of_day_number(day)
    }

    /// Working days between two dates: positive when `to` is later.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.index_of(to) - self.index_of(from)
    }

    pub fn add_working_days(&self, date: NaiveDate, days: i64) -> NaiveDate {
        self.date_of(self.index_of(date) + days)
    }
}

/// The working-day numbers of every date in a span, counted once, so that converting
/// many dates in that span (a plan's bounds and deadlines) is a lookup each rather than
/// a count over weeks and holidays.
pub(crate) struct DayTable<'a> {
    calendar: &'a WorkingCalendar,
    first_day: i64,
    /// `indices[k]` is the working-day number of day number `first_day + k`.
    indices: Vec<i64>,
}

impl WorkingCalendar {
    /// A table over the span of `dates`, when they are many enough for their span to be
    /// worth counting day by day; else an empty table, which counts each date.
    pub(crate) fn day_table(&self, dates: impl Iterator<Item = NaiveDate> + Clone) -> DayTable<'_> {
        let count = dates.clone().count() as i64;
        let span = dates.clone().min().zip(dates.max()).map(|(first, last)| (day_number(first), day_number(last)));
        let (first_day, last_day) = match span {
            Some((first_day, last_day)) if last_day - first_day < 16 * count => (first_day, last_day),
            _ => (0, -1),
        };
        let mut indices = Vec::with_capacity((last_day - first_day + 1) as usize);
        let mut holidays = self.holidays[self.holidays.partition_point(|&day| day < first_day)..].iter().peekable();
        // Each working day moves the next day's number on by one, on either side of day 0.
        let mut index = if first_day <= last_day { self.index_of(date_of_day_number(first_day)) } else { 0 };
        for day in first_day..=last_day {
            indices.push(index);
            let holiday = holidays.next_if(|&&holiday| holiday == day).is_some();
            if self.weekday_is_working(day) && !holiday {
                index += 1;
            }
        }
        DayTable { calendar: self, first_day, indices }
    }
}

impl DayTable<'_> {
    /// The same as `WorkingCalendar::index_of`; dates outside the table are counted.
    pub(crate) fn index_of(&self, date: NaiveDate) -> i64 {
        let offset = day_number(date) - self.first_day;
        match usize::try_from(offset).ok().and_then(|offset| self.indices.get(offset)) {
            Some(&index) => index,
            None => self.calendar.index_of(date),
        }
    }
}

/// Whether a weekday is Saturday or Sunday, for shading when no calendar is at hand.
pub fn is_weekend(day: Weekday) -> bool {
    matches!(day, Weekday::Sat | Weekday::Sun)
}

pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64)).unwrap_or(NaiveDate::MAX)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(NaiveDate::MIN)
    }
}
