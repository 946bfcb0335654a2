//! CSV import, the pure part: the file read as a table (`read_table`: encoding,
//! delimiter, RFC 4180 quoting through the `csv` crate), a `Mapping` of its columns to
//! a task's fields (made by the user, the Jira preset `jira_mapping`, or guessed from the
//! column names by `guess_mapping`), and the plan
//! built from both (`build_plan`), every problem listed by row before anything is
//! imported. The UI shows the first rows, asks where the date format is ambiguous
//! (`detect_date_format`) and remembers a mapping under `mapping_key`.

mod build;
mod dates;
mod guess;
mod jira;
mod mapping;
mod predecessors;

pub use build::{build_plan, CsvImport, ImportOptions};
pub use dates::{detect_date_format, parse_date, DateDetection, DateFormat};
pub use guess::{guess_mapping, Field};
pub use jira::jira_mapping;
pub use mapping::{mapping_key, Mapping};
pub use predecessors::{parse_predecessors, PredecessorRef};

use crate::file::{check_size, FileError, FileErrorKind, FileProblem};

/// The delimiters a CSV file may use, in the order they are preferred on a tie.
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// How many records the delimiter is guessed from.
const SAMPLE_RECORDS: usize = 50;

/// A CSV file as a table: its header row and the rows under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTable {
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
}

/// One row, with the line of the file it starts on (for problems).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    pub line: usize,
    pub cells: Vec<String>,
}

impl CsvRow {
    /// The trimmed cell in a column; empty when the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |cell| cell.trim())
    }
}

impl CsvTable {
    /// The non-empty values of a column, for guessing its date format.
    pub fn column_values(&self, column: usize) -> impl Iterator<Item = &str> {
        self.rows.iter().map(move |row| row.cell(column)).filter(|cell| !cell.is_empty())
    }
}

/// Reads a CSV file: UTF-8 with or without a byte-order mark (anything else is refused
/// with the way to save it as UTF-8), the delimiter guessed, blank rows skipped.
pub fn read_table(bytes: &[u8]) -> Result<CsvTable, FileError> {
    check_size(bytes.len())?;
    let text = decode(bytes)?;
    let delimiter = guess_delimiter(text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|error| csv_error(&error))?.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| csv_error(&error))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |position| position.line() as usize);
        rows.push(CsvRow { line, cells: record.iter().map(str::to_string).collect() });
    }
    if headers.iter().all(String::is_empty) || rows.is_empty() {
        return Err(FileError::single(
            FileErrorKind::Invalid,
            FileProblem::message("the file has no rows under its header row: there is nothing to import"),
        ));
    }
    Ok(CsvTable { delimiter, headers, rows })
}

fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(encoding_error("the file is UTF-16".to_string()));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        encoding_error(format!("line {line} has characters that are not UTF-8 (Windows-1252 or Latin-1?)"))
    })
}

fn encoding_error(what: String) -> FileError {
    FileError::single(
        FileErrorKind::WrongFormat,
        FileProblem::message(format!(
            "{what}, and Planwright reads CSV files in UTF-8: in Excel, save it as \"CSV UTF-8 (Comma delimited)\"; in LibreOffice, choose the character set \"Unicode (UTF-8)\""
        )),
    )
}

fn csv_error(error: &csv::Error) -> FileError {
    let line = error.position().map(|position| position.line() as usize);
    FileError::single(
        FileErrorKind::Syntax,
        FileProblem { path: None, line, column: None, message: format!("the CSV cannot be read: {error}") },
    )
}

/// The delimiter that splits the first records into the same number of fields (more
/// than one) most often; commas when none does.
fn guess_delimiter(text: &str) -> u8 {
    let score = |delimiter: u8| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let counts: Vec<usize> =
            reader.records().take(SAMPLE_RECORDS).filter_map(Result::ok).map(|record| record.len()).collect();
        let fields = counts.first().copied().unwrap_or(0);
        if fields < 2 {
            return (0, 0);
        }
        (counts.iter().filter(|&&count| count == fields).count(), fields)
    };
    let mut best = (DELIMITERS[0], (0, 0));
    for delimiter in DELIMITERS {
        let candidate = score(delimiter);
        if candidate > best.1 {
            best = (delimiter, candidate);
        }
    }
    best.0
}
