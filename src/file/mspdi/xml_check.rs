//! The checks before an MSPDI file is read field by field: it is well-formed XML to
//! its end (a file cut short is refused, not read in part), and its root is MS
//! Project's `<Project xmlns="http://schemas.microsoft.com/project">`. A refusal gives
//! the line and column, which serde's reader alone cannot.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::file::{FileError, FileErrorKind, FileProblem};

/// The namespace of every MSPDI file, from Project 2002 on.
pub const MSPDI_NAMESPACE: &str = "http://schemas.microsoft.com/project";

/// Refuses text that is not well-formed XML or whose root is not MS Project's.
pub(super) fn check_document(text: &str) -> Result<(), FileError> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    let mut root_seen = false;
    loop {
        let event = reader.read_event().map_err(|error| {
            syntax_error(text, reader.error_position() as usize, &format!("this is not well-formed XML ({error})"))
        })?;
        match event {
            Event::Start(element) => {
                if !root_seen {
                    check_root(&element)?;
                    root_seen = true;
                }
                depth += 1;
            }
            Event::Empty(element) if !root_seen => {
                check_root(&element)?;
                root_seen = true;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if !root_seen => {
                return Err(not_ms_project("the file has no XML element in it"));
            }
            Event::Eof if depth > 0 => {
                return Err(syntax_error(
                    text,
                    text.len(),
                    "the file ends in the middle of the project: it was cut short (a download or a copy that did not finish?)",
                ));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn check_root(element: &quick_xml::events::BytesStart) -> Result<(), FileError> {
    let name = element.local_name().as_ref().to_string();
    if name != "Project" {
        return Err(not_ms_project(&format!(
            "this XML file is not an MS Project file: it holds <{name}>, and an MS Project XML file holds <Project>"
        )));
    }
    let namespace = element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.as_ref() == "xmlns")
        .map(|attribute| attribute.value.to_string());
    match namespace.as_deref() {
        Some(MSPDI_NAMESPACE) => Ok(()),
        Some(other) => Err(not_ms_project(&format!(
            "this XML file is not an MS Project file: its <Project> is of {other}, not of {MSPDI_NAMESPACE}"
        ))),
        None => Err(not_ms_project(&format!(
            "this XML file is not an MS Project file: its <Project> does not name MS Project's namespace {MSPDI_NAMESPACE}"
        ))),
    }
}

fn not_ms_project(message: &str) -> FileError {
    FileError::single(FileErrorKind::WrongFormat, FileProblem::message(message))
}

/// A refusal at byte `offset` of `text`, with its line and column (from 1).
pub(super) fn syntax_error(text: &str, offset: usize, message: &str) -> FileError {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    FileError::single(
        FileErrorKind::Syntax,
        FileProblem { path: None, line: Some(line), column: Some(column), message: message.to_string() },
    )
}
