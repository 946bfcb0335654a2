//! The project calendar of an MSPDI file as a Planwright calendar: working weekdays,
//! and non-working exceptions as holidays. MS Project counts working hours; Planwright
//! counts working days, so a day with other hours than the project's standard day, an
//! exception that repeats or makes a day working, and alternative work weeks are losses.

use chrono::{Datelike, NaiveDate, Weekday};

use super::document::{CalendarXml, ExceptionXml, ProjectXml, WeekDayXml};
use super::losses::{LossKind, Losses};
use super::units::{date_of, is_set, minutes_of_day, number};
use crate::model::{Calendar, Holiday};

/// MSPDI's `DayType` numbers, Sunday first.
pub(super) const DAY_TYPES: [(u32, Weekday); 7] = [
    (1, Weekday::Sun),
    (2, Weekday::Mon),
    (3, Weekday::Tue),
    (4, Weekday::Wed),
    (5, Weekday::Thu),
    (6, Weekday::Fri),
    (7, Weekday::Sat),
];

/// The longest exception expanded into holidays, in days: longer ones (a shutdown of
/// years) would be a calendar of its own.
const LONGEST_EXCEPTION_DAYS: i64 = 3_660;
/// How deep base calendars may derive from each other before the chain is cut (a file
/// could make a loop).
const BASE_CALENDAR_DEPTH: usize = 8;

/// The project calendar (`Project/CalendarUID`), or a Monday-to-Friday week when the
/// file has none.
pub(super) fn project_calendar(project: &ProjectXml, minutes_per_day: u32, losses: &mut Losses) -> Calendar {
    let calendars = &project.calendars.list;
    let wanted = project.calendar_uid.as_deref().map(str::trim);
    let Some(calendar) = calendars
        .iter()
        .find(|calendar| calendar.uid.as_deref().map(str::trim) == wanted)
        .or_else(|| calendars.iter().find(|calendar| is_set(&calendar.is_base_calendar)))
    else {
        return Calendar::default();
    };
    let chain = base_chain(calendar, calendars);
    let working_weekdays = working_weekdays(&chain, minutes_per_day, losses);
    let mut holidays = Vec::new();
    for calendar in chain.iter().rev() {
        read_exceptions(calendar, &mut holidays, losses);
    }
    holidays.retain(|holiday: &Holiday| working_weekdays.contains(&holiday.date.weekday()));
    holidays.sort_by_key(|holiday| holiday.date);
    holidays.dedup_by_key(|holiday| holiday.date);
    Calendar { working_weekdays, holidays }
}

/// The calendar, then the base calendar it derives from, and so on.
fn base_chain<'a>(calendar: &'a CalendarXml, calendars: &'a [CalendarXml]) -> Vec<&'a CalendarXml> {
    let mut chain = vec![calendar];
    while chain.len() < BASE_CALENDAR_DEPTH {
        let last = chain[chain.len() - 1];
        let Some(base_uid) = number(&last.base_calendar_uid).filter(|&uid| uid >= 0) else {
            break;
        };
        let Some(base) = calendars.iter().find(|candidate| number(&candidate.uid) == Some(base_uid)) else {
            break;
        };
        if chain.iter().any(|seen| std::ptr::eq(*seen, base)) {
            break;
        }
        chain.push(base);
    }
    chain
}

/// Each weekday as the first calendar of the chain that defines it says (Monday first),
/// Monday to Friday where none does.
fn working_weekdays(chain: &[&CalendarXml], minutes_per_day: u32, losses: &mut Losses) -> Vec<Weekday> {
    let mut working = Vec::new();
    for (day_type, weekday) in DAY_TYPES {
        let defined = chain.iter().find_map(|calendar| {
            calendar.week_days.as_ref()?.list.iter().find(|day| number(&day.day_type) == Some(i64::from(day_type)))
        });
        let is_working = match defined {
            Some(day) => {
                let working = is_set(&day.day_working);
                if working {
                    check_day_length(day, weekday, minutes_per_day, losses);
                }
                working
            }
            None => !matches!(weekday, Weekday::Sat | Weekday::Sun),
        };
        if is_working {
            working.push(weekday);
        }
    }
    working.sort_by_key(|day| day.num_days_from_monday());
    if working.is_empty() {
        losses.add(LossKind::CalendarHours, "the calendar has no working weekday; Monday to Friday were used");
        return Calendar::default().working_weekdays;
    }
    working
}

/// A working weekday whose hours add up to another length than the project's day.
fn check_day_length(day: &WeekDayXml, weekday: Weekday, minutes_per_day: u32, losses: &mut Losses) {
    if day.working_times.list.is_empty() {
        return;
    }
    let minutes: u32 = day
        .working_times
        .list
        .iter()
        .filter_map(|time| {
            let from = minutes_of_day(time.from_time.as_deref()?)?;
            let to = minutes_of_day(time.to_time.as_deref()?)?;
            // A period ending at midnight is written 00:00.
            let to = if to <= from { to + 24 * 60 } else { to };
            Some(to - from)
        })
        .sum();
    if minutes != minutes_per_day {
        let hours = f64::from(minutes) / 60.0;
        losses.add(LossKind::CalendarHours, format!("{weekday}: {hours} hours"));
    }
}

/// The non-working exceptions of one calendar as holidays: Project 2007's
/// `<Exceptions>` and, before it, weekdays of `DayType` 0.
fn read_exceptions(calendar: &CalendarXml, holidays: &mut Vec<Holiday>, losses: &mut Losses) {
    for exception in &calendar.exceptions.list {
        read_exception(exception, holidays, losses);
    }
    for day in calendar.week_days.iter().flat_map(|days| &days.list) {
        if number(&day.day_type) != Some(0) {
            continue;
        }
        let Some(period) = &day.time_period else { continue };
        let (Some(from), Some(to)) = (date_of_option(&period.from_date), date_of_option(&period.to_date)) else {
            continue;
        };
        if is_set(&day.day_working) {
            losses.add(LossKind::CalendarException, format!("working time from {from} to {to}"));
        } else {
            add_days_off(from, to, "Holiday", holidays, losses);
        }
    }
    if !calendar.work_weeks.list.is_empty() {
        let name = calendar.name.as_deref().unwrap_or("the project calendar");
        losses.add(LossKind::CalendarException, format!("the alternative work weeks of {name}"));
    }
}

fn read_exception(exception: &ExceptionXml, holidays: &mut Vec<Holiday>, losses: &mut Losses) {
    let name = exception.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("Holiday");
    let Some(period) = &exception.time_period else { return };
    let (Some(from), Some(to)) = (date_of_option(&period.from_date), date_of_option(&period.to_date)) else {
        return;
    };
    let every_day = number(&exception.recurrence).is_none_or(|kind| kind == 1)
        && number(&exception.period).is_none_or(|period| period <= 1);
    if is_set(&exception.day_working) {
        losses.add(LossKind::CalendarException, format!("\"{name}\" (working time, {from} to {to})"));
    } else if every_day {
        add_days_off(from, to, name, holidays, losses);
    } else {
        losses.add(LossKind::CalendarException, format!("\"{name}\" (repeats from {from} to {to})"));
    }
}

fn date_of_option(text: &Option<String>) -> Option<NaiveDate> {
    date_of(text.as_deref()?)
}

/// Every day from `from` to `to` (both included) as a holiday.
fn add_days_off(from: NaiveDate, to: NaiveDate, name: &str, holidays: &mut Vec<Holiday>, losses: &mut Losses) {
    let days = (to - from).num_days();
    if !(0..LONGEST_EXCEPTION_DAYS).contains(&days) {
        losses.add(LossKind::CalendarException, format!("\"{name}\" ({from} to {to}, too long to list as holidays)"));
        return;
    }
    holidays.extend(from.iter_days().take(days as usize + 1).map(|date| Holiday { date, name: name.to_string() }));
}

/// A resource's calendar that gives it other working time than the project calendar:
/// working days or exceptions of its own, or another base calendar (a night shift).
pub(super) fn differs_from_project_calendar(calendar: &CalendarXml, project: &ProjectXml) -> bool {
    let own_days = calendar.week_days.as_ref().is_some_and(|days| !days.list.is_empty());
    let other_base = number(&calendar.base_calendar_uid)
        .is_some_and(|base| base >= 0 && Some(base) != number(&project.calendar_uid));
    own_days || other_base || !calendar.exceptions.list.is_empty() || !calendar.work_weeks.list.is_empty()
}
