//! Dates as spreadsheets and Jira write them: ISO (`2027-01-04`), day first
//! (`04/01/2027`, `4.1.27`), month first (`01/04/2027`), or with the month's name
//! (`04/Jan/27 3:12 PM`, Jira's). Which of day-first and month-first a column uses is
//! found from its values; when every value fits both, the caller asks the user.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a column writes its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateFormat {
    /// Year first: `2027-01-04`, `2027/01/04`.
    Iso,
    /// `04/01/2027`: the 4th of January.
    DayFirst,
    /// `01/04/2027`: the 4th of January, as in the United States.
    MonthFirst,
}

/// What a column's values say about their format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateDetection {
    /// One format reads every value.
    Found(DateFormat),
    /// Several formats read every value (`03/04/2027` is both 3 April and 4 March):
    /// the user chooses.
    Ambiguous(Vec<DateFormat>),
    /// No format reads every value, or there is no value.
    Unrecognised,
}

const MONTH_NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The format of a column, from its non-empty values.
pub fn detect_date_format<'a>(values: impl IntoIterator<Item = &'a str>) -> DateDetection {
    let mut possible = vec![DateFormat::Iso, DateFormat::DayFirst, DateFormat::MonthFirst];
    let mut any = false;
    for value in values.into_iter().map(str::trim).filter(|value| !value.is_empty()) {
        any = true;
        possible.retain(|&format| parse_date(value, format).is_some());
    }
    match possible.as_slice() {
        _ if !any => DateDetection::Unrecognised,
        [] => DateDetection::Unrecognised,
        [format] => DateDetection::Found(*format),
        // Values with the month's name (or year first) read alike whichever is chosen.
        [DateFormat::Iso, ..] => DateDetection::Found(DateFormat::Iso),
        several => DateDetection::Ambiguous(several.to_vec()),
    }
}

/// A date in the given format; a time after the date (`3:12 PM`, `T10:00`) is ignored.
pub fn parse_date(text: &str, format: DateFormat) -> Option<NaiveDate> {
    let date = text.trim().split([' ', 'T']).next()?;
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [first, second, third] = parts.as_slice() else { return None };
    if let Some(month) = month_of_name(second) {
        return NaiveDate::from_ymd_opt(year(third)?, month, first.parse().ok()?);
    }
    let numbers: Vec<u32> = parts.iter().map(|part| part.parse().ok()).collect::<Option<_>>()?;
    let (year_text, month, day) = match format {
        DateFormat::Iso if first.len() == 4 => (*first, numbers[1], numbers[2]),
        DateFormat::DayFirst if first.len() <= 2 => (*third, numbers[1], numbers[0]),
        DateFormat::MonthFirst if first.len() <= 2 => (*third, numbers[0], numbers[1]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year(year_text)?, month, day)
}

fn month_of_name(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    (lower.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| MONTH_NAMES.iter().position(|name| *name == prefix))
        .flatten()
        .map(|index| index as u32 + 1)
}

/// A four-digit year, or a two-digit one in 1970–2069.
fn year(text: &str) -> Option<i32> {
    let number: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(number),
        2 if number >= 70 => Some(1900 + number),
        2 => Some(2000 + number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn each_format_reads_its_own_dates() {
        assert_eq!(parse_date("2027-01-04", DateFormat::Iso), Some(date("2027-01-04")));
        assert_eq!(parse_date("04/01/2027", DateFormat::DayFirst), Some(date("2027-01-04")));
        assert_eq!(parse_date("01/04/2027", DateFormat::MonthFirst), Some(date("2027-01-04")));
        assert_eq!(parse_date("4.1.27", DateFormat::DayFirst), Some(date("2027-01-04")));
        assert_eq!(parse_date("04/Jan/27 3:12 PM", DateFormat::MonthFirst), Some(date("2027-01-04")));
        assert_eq!(parse_date("2027-01-04", DateFormat::DayFirst), None);
        assert_eq!(parse_date("31/01/2027", DateFormat::MonthFirst), None);
    }

    #[test]
    fn a_column_tells_its_format_or_says_it_is_ambiguous() {
        assert_eq!(detect_date_format(["2027-01-04", "2027-02-28"]), DateDetection::Found(DateFormat::Iso));
        assert_eq!(detect_date_format(["04/01/2027", "28/02/2027"]), DateDetection::Found(DateFormat::DayFirst));
        assert_eq!(detect_date_format(["01/04/2027", "02/28/2027"]), DateDetection::Found(DateFormat::MonthFirst));
        assert_eq!(
            detect_date_format(["03/04/2027", "05/06/2027"]),
            DateDetection::Ambiguous(vec![DateFormat::DayFirst, DateFormat::MonthFirst])
        );
        assert_eq!(detect_date_format(["05/Feb/24 3:12 PM", ""]), DateDetection::Found(DateFormat::Iso));
        assert_eq!(detect_date_format(["soon"]), DateDetection::Unrecognised);
    }
}
