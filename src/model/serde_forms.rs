//! How the plan's values are written in a plan file, beyond what serde derives: dates as
//! `YYYY-MM-DD`, weekdays as `"mon"`, choices by their labels, and objects that must be
//! JSON objects. Used by the `#[serde(...)]` attributes in `types.rs`; `file::parse` and
//! `file::to_json` are the only readers and writers.

use std::fmt;
use std::marker::PhantomData;

use chrono::{NaiveDate, Weekday};
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};

use super::dates::{format_iso_date, parse_iso_date};
use super::text::quoted;
use super::types::{DEFAULT_RISK_CATEGORIES, WEEKDAY_NAMES};

// ------------------------------------------------------------------ dates

/// A date that must be given: `"2027-01-04"`.
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_iso_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }
}

/// A date that may be `null` (or, with `#[serde(default)]`, left out).
pub mod optional_date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&format_iso_date(*date)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_option(OptionalDateVisitor)
    }
}

/// Reads a date inside serde's string visitor, so a bad date is refused at the date
/// itself and the file error names its field.
struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a date in the form YYYY-MM-DD")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse_iso_date(text).map_err(E::custom)
    }
}

struct OptionalDateVisitor;

impl<'de> Visitor<'de> for OptionalDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a date in the form YYYY-MM-DD, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(DateVisitor).map(Some)
    }
}

// ------------------------------------------------------------------ lists of names

/// Working weekdays as a file names them: `"mon"`, `"tue"`, ...
pub mod weekday_list {
    use super::*;

    pub fn serialize<S: Serializer>(days: &[Weekday], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(days.iter().map(|day| WEEKDAY_NAMES[day.num_days_from_monday() as usize].0))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Weekday>, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        names
            .iter()
            .map(|name| {
                WEEKDAY_NAMES.iter().find(|(short, _)| short == name).map(|(_, day)| *day).ok_or_else(|| {
                    D::Error::custom(format!(
                        "unknown weekday {}: expected one of mon, tue, wed, thu, fri, sat, sun",
                        quoted(name)
                    ))
                })
            })
            .collect()
    }
}

/// A plan's list of risk categories as a file gives it: if given, it names at least one
/// category. (A file without the list reads as an empty one, which `file::parse` then
/// fills in.) Checked here, so the refusal names the list itself.
pub fn risk_category_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let categories = Vec::<String>::deserialize(deserializer)?;
    if categories.is_empty() {
        return Err(D::Error::custom("the list of risk categories must name at least one category"));
    }
    Ok(categories)
}

pub fn is_zero(number: &u64) -> bool {
    *number == 0
}

pub fn is_false(flag: &bool) -> bool {
    !*flag
}

pub fn is_default_risk_categories(categories: &[String]) -> bool {
    categories.iter().map(String::as_str).eq(DEFAULT_RISK_CATEGORIES)
}

// ------------------------------------------------------------------ choices

/// A choice a file names in text (`"FS"`, `"milestone"`, `"A/R"`): written as its label
/// and read from it only, so any other value is refused with the labels that work.
macro_rules! choice_by_label {
    ($($type:ident),*) => {
        $(
            impl serde::Serialize for $type {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.label())
                }
            }

            impl<'de> serde::Deserialize<'de> for $type {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    super::serde_forms::choice(deserializer, &$type::ALL, $type::label)
                }
            }
        )*
    };
}
pub(crate) use choice_by_label;

/// Reads one of `choices` by its label.
pub fn choice<'de, D: Deserializer<'de>, T: Copy + 'static>(
    deserializer: D,
    choices: &'static [T],
    label: fn(T) -> &'static str,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(ChoiceVisitor { choices, label })
}

struct ChoiceVisitor<T: 'static> {
    choices: &'static [T],
    label: fn(T) -> &'static str,
}

impl<T: Copy> ChoiceVisitor<T> {
    /// "`FS`, `SS`, `FF` or `SF`".
    fn labels(&self) -> String {
        let labels: Vec<String> = self.choices.iter().map(|choice| format!("`{}`", (self.label)(*choice))).collect();
        match labels.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => labels.concat(),
        }
    }
}

impl<T: Copy> Visitor<'_> for ChoiceVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "one of {}", self.labels())
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        self.choices
            .iter()
            .copied()
            .find(|choice| (self.label)(*choice) == text)
            .ok_or_else(|| E::custom(format!("{} is not one of {}", quoted(text), self.labels())))
    }
}

// ------------------------------------------------------------------ objects

/// A struct read from a JSON object only. serde's derived readers also take a struct as a
/// list of its fields' values in order, which a plan file never holds: `"settings": []`
/// would read as the defaults. Fields holding structs use this (or `list_of_objects`).
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    ObjectOnly(PhantomData).deserialize(deserializer)
}

/// A struct that may be `null` (or, with `#[serde(default)]`, left out), else read from a
/// JSON object only (see `object`).
pub fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(OptionalObject(PhantomData))
}

struct OptionalObject<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalObject<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        ObjectOnly(PhantomData).deserialize(deserializer).map(Some)
    }
}

/// A list whose elements are structs, each read from a JSON object only (see `object`).
pub fn list_of_objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    deserializer.deserialize_seq(ListOfObjects(PhantomData))
}

/// Reads a `T` from a JSON object only: the seed `file::parse` reads a plan with.
pub struct ObjectOnly<T>(pub PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ObjectOnly<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

struct ListOfObjects<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListOfObjects<T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut list: S) -> Result<Vec<T>, S::Error> {
        // Room for what the file announces, within reason (a file can announce anything).
        let mut items = Vec::with_capacity(list.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = list.next_element_seed(ObjectOnly(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}
