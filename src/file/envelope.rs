//! The outside of a plan file: its encoding, then the envelope `{ "format", "version",
//! "plan" }`, checked before the plan itself is read, so a file that is not a plan file,
//! or is one from a newer Planwright, is told so rather than refused field by field.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::error::{FileError, FileErrorKind, FileProblem};
use super::{CURRENT_VERSION, FORMAT};
use crate::model::text::quoted;

/// The envelope of a plan file, with its plan still unread.
pub(super) struct Envelope<'a> {
    pub version: u64,
    /// The plan's JSON, as it stands in the file.
    pub plan: &'a str,
}

impl<'a> Envelope<'a> {
    /// Reads the envelope of `text` (a byte order mark already taken off).
    pub fn read(text: &'a str) -> Result<Self, FileError> {
        let Entries(entries) = serde_json::from_str(text).map_err(|error| refusal_of_the_whole(text, &error))?;
        let mut fields: Vec<(String, &'a RawValue)> = Vec::with_capacity(3);
        for (key, value) in entries {
            if fields.iter().any(|(seen, _)| *seen == key) {
                return Err(FileError::invalid(&key_path(&key), "is given twice"));
            }
            fields.push((key, value));
        }
        let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.get());
        check_format(field("format"))?;
        let version = check_version(field("version"))?;
        if let Some((unknown, _)) =
            fields.iter().find(|(key, _)| !matches!(key.as_str(), "format" | "version" | "plan"))
        {
            return Err(FileError::invalid(&key_path(unknown), "is not a field of a plan file"));
        }
        let plan = field("plan").ok_or_else(|| FileError::invalid("plan", "is missing"))?;
        Ok(Self { version, plan })
    }
}

/// Refuses text saved as UTF-16, which the browser reads as UTF-8 into replacement
/// characters or NULs: it is not broken, only saved in another encoding.
pub(super) fn check_encoding(text: &str) -> Result<(), FileError> {
    let start: Vec<char> = text.chars().take(4).collect();
    let utf16_byte_order_mark = start.starts_with(&['\u{fffd}', '\u{fffd}']);
    let utf16_without_mark = start.contains(&'\0');
    if utf16_byte_order_mark || utf16_without_mark {
        return Err(FileError::single(
            FileErrorKind::Syntax,
            FileProblem {
                path: None,
                line: Some(1),
                column: Some(1),
                message: "this file is saved as UTF-16 text; Planwright reads plan files saved as UTF-8. \
                          Save it again as UTF-8 (most editors offer the encoding when saving) and open it again"
                    .into(),
            },
        ));
    }
    Ok(())
}

/// Why the whole text is refused before its fields are looked at.
fn refusal_of_the_whole(text: &str, error: &serde_json::Error) -> FileError {
    let content = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if content.is_empty() {
        return FileError::single(
            FileErrorKind::Syntax,
            FileProblem { path: None, line: Some(1), column: Some(1), message: "the file is empty".into() },
        );
    }
    if error.is_data() {
        return not_planwright(&format!(
            "the file is JSON, but {} rather than an object with \"format\": \"planwright\"",
            kind_of_value(content)
        ));
    }
    if !content.starts_with(['{', '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n']) {
        let beginning: String = content.lines().next().unwrap_or("").chars().take(40).collect();
        return FileError::single(
            FileErrorKind::Syntax,
            FileProblem {
                path: None,
                line: Some(error.line()),
                column: Some(error.column().max(1)),
                message: format!(
                    "this is not valid JSON, so not a plan file: it begins with {}{}",
                    quoted(&beginning),
                    other_format_hint(content)
                ),
            },
        );
    }
    FileError::syntax(error)
}

/// What a JSON value that is not an object is, in words.
fn kind_of_value(content: &str) -> &'static str {
    match content.as_bytes()[0] {
        b'[' => "a list",
        b'"' => "text",
        b't' | b'f' => "a true or false value",
        b'n' => "null",
        _ => "a number",
    }
}

/// A hint when the text looks like a file of another kind.
fn other_format_hint(content: &str) -> &'static str {
    if content.starts_with('<') {
        " (it looks like XML or HTML)"
    } else if content.lines().next().is_some_and(|line| line.contains(',') || line.contains(';') || line.contains('\t'))
    {
        " (it looks like a spreadsheet's CSV or a text file)"
    } else {
        ""
    }
}

fn check_format(format: Option<&str>) -> Result<(), FileError> {
    match format {
        Some(raw) if serde_json::from_str::<String>(raw).is_ok_and(|name| name == FORMAT) => Ok(()),
        Some(other) => Err(not_planwright(&format!("its \"format\" is {}, not \"planwright\"", shortened(other)))),
        None => Err(not_planwright("it has no \"format\": \"planwright\" field")),
    }
}

fn check_version(version: Option<&str>) -> Result<u64, FileError> {
    let raw = version.ok_or_else(|| FileError::invalid("version", "is missing"))?;
    let version = match raw.parse::<u64>() {
        Ok(version) if version >= 1 => version,
        _ => {
            return Err(FileError::invalid("version", format!("must be a whole number from 1, not {}", shortened(raw))))
        }
    };
    if version > CURRENT_VERSION {
        return Err(FileError::single(
            FileErrorKind::NewerVersion,
            FileProblem::at(
                "version",
                format!(
                    "this file was made by a newer version of Planwright (file version {version}; \
                     this build reads up to version {CURRENT_VERSION}). Open it in the newer version."
                ),
            ),
        ));
    }
    Ok(version)
}

/// A raw JSON value for a message, cut short when long.
fn shortened(raw: &str) -> String {
    if raw.chars().count() > 40 {
        format!("{}…", raw.chars().take(40).collect::<String>())
    } else {
        raw.to_string()
    }
}

/// The path of a top-level key: the key itself, or `[""]` quoted when it is not a plain name.
fn key_path(key: &str) -> String {
    super::error::path_segment_of_key(key, true)
}

fn not_planwright(why: &str) -> FileError {
    FileError::single(
        FileErrorKind::NotPlanwright,
        FileProblem::message(format!("this is not a Planwright plan file: {why}")),
    )
}

/// The top-level fields in file order, so a field given twice can be refused (a map
/// would silently keep the last one).
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

struct EntriesVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
    type Value = Entries<'a>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
            entries.push(entry);
        }
        Ok(Entries(entries))
    }
}
