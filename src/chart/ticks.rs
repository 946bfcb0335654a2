//! The time axis: labelled ticks for the dates in view, on two levels (for example
//! months above weeks), generated only for the visible range.

use chrono::{Datelike, NaiveDate, Weekday};

use super::scale::{TimeScale, Zoom};
use crate::schedule::add_days;

/// The upper (coarse) or lower (fine) row of the axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TickLevel {
    Major,
    Minor,
}

/// One labelled interval of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub level: TickLevel,
    pub start: NaiveDate,
    /// Left edge and width in pixels.
    pub x: f64,
    pub width: f64,
    pub label: String,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn next_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(date)
}

fn quarter_start(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year(), (date.month0() / 3) * 3 + 1, 1).unwrap_or(date)
}

fn year_start(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date)
}

fn week_start(date: NaiveDate) -> NaiveDate {
    add_days(date, -(date.weekday().num_days_from_monday() as i64))
}

/// Intervals of one kind covering [from, to].
fn intervals(
    from: NaiveDate,
    to: NaiveDate,
    first: fn(NaiveDate) -> NaiveDate,
    next: fn(NaiveDate) -> NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut spans = Vec::new();
    let mut start = first(from);
    while start <= to {
        let end = next(start);
        spans.push((start, end));
        start = end;
    }
    spans
}

fn next_day(date: NaiveDate) -> NaiveDate {
    add_days(date, 1)
}

fn next_week(date: NaiveDate) -> NaiveDate {
    add_days(date, 7)
}

fn next_quarter(date: NaiveDate) -> NaiveDate {
    next_month(next_month(next_month(date)))
}

fn next_year(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year() + 1, 1, 1).unwrap_or(date)
}

/// The ticks of both levels for the dates between `from` and `to` (inclusive).
pub fn ticks(scale: &TimeScale, zoom: Zoom, from: NaiveDate, to: NaiveDate) -> Vec<Tick> {
    type Step = fn(NaiveDate) -> NaiveDate;
    type Label = fn(NaiveDate) -> String;
    let (major, minor): ((Step, Step, Label), (Step, Step, Label)) = match zoom {
        Zoom::Day => (
            (week_start, next_week, |date| {
                format!("{} {} {}", MONTHS[date.month0() as usize], date.day(), date.year())
            }),
            (
                |date| date,
                next_day,
                |date| {
                    let initial = match date.weekday() {
                        Weekday::Mon => "M",
                        Weekday::Tue | Weekday::Thu => "T",
                        Weekday::Wed => "W",
                        Weekday::Fri => "F",
                        Weekday::Sat | Weekday::Sun => "S",
                    };
                    format!("{initial}{}", date.day())
                },
            ),
        ),
        Zoom::Week => (
            (month_start, next_month, |date| format!("{} {}", MONTHS[date.month0() as usize], date.year())),
            (week_start, next_week, |date| format!("{}", date.day())),
        ),
        Zoom::Month => (
            (quarter_start, next_quarter, |date| format!("Q{} {}", date.month0() / 3 + 1, date.year())),
            (month_start, next_month, |date| MONTHS[date.month0() as usize].to_string()),
        ),
        Zoom::Quarter => (
            (year_start, next_year, |date| date.year().to_string()),
            (quarter_start, next_quarter, |date| format!("Q{}", date.month0() / 3 + 1)),
        ),
    };
    let mut result = Vec::new();
    for (level, (first, next, label)) in [(TickLevel::Major, major), (TickLevel::Minor, minor)] {
        for (start, end) in intervals(from, to, first, next) {
            result.push(Tick {
                level,
                start,
                x: scale.x(start),
                width: scale.x(end) - scale.x(start),
                label: label(start),
            });
        }
    }
    result
}
