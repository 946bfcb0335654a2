//! ISO dates (`YYYY-MM-DD`) with error messages a person can act on.

use chrono::{Datelike, NaiveDate};

use super::text::quoted;

/// Dates outside these years are refused: they are typing mistakes, and they keep
/// working-day arithmetic bounded.
pub const EARLIEST_YEAR: i32 = 1970;
pub const LATEST_YEAR: i32 = 2200;

/// Reads `YYYY-MM-DD`, explaining what is wrong otherwise.
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, String> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(index, byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !well_formed {
        return Err(format!("{} is not a date in the form YYYY-MM-DD", quoted(text)));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .ok_or_else(|| format!("\"{text}\" is not a real calendar date"))?;
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        return Err(format!("\"{text}\" is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"));
    }
    Ok(date)
}

pub fn format_iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ten_million_character_date_gives_a_short_message() {
        let message = parse_iso_date(&"9".repeat(10_000_000)).unwrap_err();
        assert!(message.len() < 120, "{message}");
        assert!(message.contains("is not a date in the form YYYY-MM-DD"), "{message}");
    }
}
