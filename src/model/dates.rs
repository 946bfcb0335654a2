//! ISO dates (`YYYY-MM-DD`) with error messages a person can act on.

use chrono::{Datelike, NaiveDate};

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
        return Err(format!("\"{text}\" is not a date in the form YYYY-MM-DD"));
    }
    // Digits were checked above; chrono's own parser is not needed (and is large in wasm).
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

/// Reads a date inside the string visitor, so a JSON reader reports a bad date at
/// the date itself (and a file error can name the field).
struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a date in the form YYYY-MM-DD")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse_iso_date(text).map_err(E::custom)
    }
}

struct OptionalDateVisitor;

impl<'de> serde::de::Visitor<'de> for OptionalDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a date in the form YYYY-MM-DD, or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(DateVisitor).map(Some)
    }
}

pub mod required {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_iso_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        deserializer.deserialize_str(super::DateVisitor)
    }
}

pub mod optional {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&super::format_iso_date(*date)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_option(super::OptionalDateVisitor)
    }
}
