//! MSPDI's values: ISO 8601 durations (`PT12H30M0S`), date-times
//! (`2027-01-04T08:00:00`), link lags in tenths of a minute with their display format,
//! and 0/1 flags. Durations in an MSPDI file are working time; Planwright counts whole
//! working days, so every conversion says whether it had to round.

use chrono::NaiveDate;

/// MS Project's default working day, used when a file does not say (`MinutesPerDay`).
pub(super) const DEFAULT_MINUTES_PER_DAY: u32 = 480;

/// A length of working time converted to whole days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct WholeDays {
    pub days: i64,
    /// The exact value, in days, when it was not a whole number of days.
    pub rounded_from: Option<f64>,
}

impl WholeDays {
    fn of(exact: f64) -> Self {
        let days = exact.round() as i64;
        let rounded_from = ((exact - days as f64).abs() > 1e-6).then_some(exact);
        Self { days, rounded_from }
    }
}

/// Minutes in an ISO 8601 duration as MSPDI writes it (`PT8H0M0S`, `-PT4H`, `P2DT4H`),
/// days counting `minutes_per_day`. `None` when it is not such a duration.
pub(super) fn duration_minutes(text: &str, minutes_per_day: u32) -> Option<f64> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    let mut minutes = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for character in rest.chars() {
        match character {
            '0'..='9' | '.' => number.push(character),
            'T' if number.is_empty() => in_time = true,
            unit => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                minutes += value
                    * match (in_time, unit) {
                        (false, 'D') => f64::from(minutes_per_day),
                        (false, 'W') => f64::from(minutes_per_day) * 5.0,
                        (true, 'H') => 60.0,
                        (true, 'M') => 1.0,
                        (true, 'S') => 1.0 / 60.0,
                        _ => return None,
                    };
            }
        }
    }
    number.is_empty().then_some(sign * minutes)
}

/// A duration as whole working days.
pub(super) fn duration_days(minutes: f64, minutes_per_day: u32) -> WholeDays {
    WholeDays::of(minutes / f64::from(minutes_per_day))
}

/// The `LagFormat` and `DurationFormat` values that count elapsed (calendar) time
/// rather than working time: elapsed minutes, hours, days, weeks, months and percent,
/// with and without the "estimated" flag (+32).
pub(super) fn is_elapsed_format(format: u32) -> bool {
    matches!(format % 32, 4 | 6 | 8 | 10 | 12 | 20) && format < 64
}

/// `LagFormat` 19 (and 51, estimated): the lag is a percentage of the predecessor's duration.
fn is_percent_format(format: u32) -> bool {
    format == 19 || format == 51
}

/// How a link's lag was given, to say what a rounding or approximation means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum LagKind {
    Working,
    /// Calendar time, converted with the share of working days in a week.
    Elapsed,
    /// A share of the predecessor's duration.
    Percent,
}

/// A link's lag (`LinkLag`, tenths of a minute; for a percent format, tenths of a
/// percent) in working days.
pub(super) fn lag_days(
    link_lag: i64,
    lag_format: u32,
    minutes_per_day: u32,
    working_days_per_week: u32,
    predecessor_days: u32,
) -> (WholeDays, LagKind) {
    let tenths = link_lag as f64;
    if is_percent_format(lag_format) {
        let percent = tenths / 10.0;
        return (WholeDays::of(percent / 100.0 * f64::from(predecessor_days)), LagKind::Percent);
    }
    let minutes = tenths / 10.0;
    if is_elapsed_format(lag_format) {
        let calendar_days = minutes / 1440.0;
        let working_days = calendar_days * f64::from(working_days_per_week) / 7.0;
        let mut converted = WholeDays::of(working_days);
        // An elapsed lag is always an approximation unless it is whole weeks.
        if converted.rounded_from.is_none() && (calendar_days % 7.0).abs() > 1e-6 {
            converted.rounded_from = Some(working_days);
        }
        return (converted, LagKind::Elapsed);
    }
    (duration_days(minutes, minutes_per_day), LagKind::Working)
}

/// The date of an MSPDI date-time (`2027-01-04T08:00:00`); `None` when it is not one.
pub(super) fn date_of(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// Minutes after midnight of an MSPDI date-time or time (`…T17:00:00`, `17:00:00`).
pub(super) fn minutes_of_day(text: &str) -> Option<u32> {
    let time = text.trim().rsplit('T').next()?;
    let mut parts = time.split(':');
    let hours: u32 = parts.next()?.parse().ok()?;
    let minutes: u32 = parts.next()?.parse().ok()?;
    Some(hours * 60 + minutes)
}

/// An MSPDI flag: `1` (or `true`, as some writers put it) is set.
pub(super) fn is_set(flag: &Option<String>) -> bool {
    matches!(flag.as_deref().map(str::trim), Some("1" | "true"))
}

/// A whole number, or `None` when absent or not a number.
pub(super) fn number(text: &Option<String>) -> Option<i64> {
    text.as_deref()?.trim().parse().ok()
}

/// A decimal number, or `None` when absent or not a number.
pub(super) fn decimal(text: &Option<String>) -> Option<f64> {
    text.as_deref()?.trim().parse().ok()
}

/// Working time as MSPDI writes it: `PT16H0M0S` for two days of 480 minutes.
pub(super) fn duration_text(days: i64, minutes_per_day: u32) -> String {
    let minutes = days * i64::from(minutes_per_day);
    let sign = if minutes < 0 { "-" } else { "" };
    let minutes = minutes.abs();
    format!("{sign}PT{}H{}M0S", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_hours_minutes_seconds_and_days() {
        assert_eq!(duration_minutes("PT8H0M0S", 480), Some(480.0));
        assert_eq!(duration_minutes("PT4H30M0S", 480), Some(270.0));
        assert_eq!(duration_minutes("P2DT4H", 480), Some(1200.0));
        assert_eq!(duration_minutes("-PT8H0M0S", 480), Some(-480.0));
        assert_eq!(duration_minutes("PT0H0M30S", 480), Some(0.5));
        assert_eq!(duration_minutes("8 hours", 480), None);
        assert_eq!(duration_minutes("PT8H0", 480), None);
    }

    #[test]
    fn a_duration_in_hours_is_rounded_to_days_and_says_so() {
        assert_eq!(duration_days(960.0, 480), WholeDays { days: 2, rounded_from: None });
        assert_eq!(duration_days(720.0, 480), WholeDays { days: 2, rounded_from: Some(1.5) });
        assert_eq!(duration_days(120.0, 480), WholeDays { days: 0, rounded_from: Some(0.25) });
    }

    #[test]
    fn lags_count_tenths_of_a_minute_in_working_elapsed_or_percent_time() {
        // Two working days of 8 hours (format 7, days).
        assert_eq!(lag_days(9_600, 7, 480, 5, 3), (WholeDays { days: 2, rounded_from: None }, LagKind::Working));
        // One week (format 9) of five working days.
        assert_eq!(lag_days(24_000, 9, 480, 5, 3).0.days, 5);
        // Seven elapsed days (format 8) are five working days, exactly.
        assert_eq!(lag_days(7 * 14_400, 8, 480, 5, 3), (WholeDays { days: 5, rounded_from: None }, LagKind::Elapsed));
        // Two elapsed days are an approximation.
        assert!(lag_days(2 * 14_400, 8, 480, 5, 3).0.rounded_from.is_some());
        // Fifty percent of a four-day predecessor.
        assert_eq!(lag_days(500, 19, 480, 5, 4), (WholeDays { days: 2, rounded_from: None }, LagKind::Percent));
    }

    #[test]
    fn written_durations_are_hours_and_minutes() {
        assert_eq!(duration_text(2, 480), "PT16H0M0S");
        assert_eq!(duration_text(0, 480), "PT0H0M0S");
        assert_eq!(duration_text(-1, 450), "-PT7H30M0S");
    }
}
