//! Interchange with other tools: MS Project XML in and out (real files saved by MS
//! Project 2003 to 2019 and by GanttProject, under tests/fixtures/mspdi), CSV and Jira
//! import, and Excel workbooks out, a module per format.

mod csv_guess;
mod csv_import;
mod file_kind;
mod mspdi_read;
mod mspdi_real_files;
mod mspdi_schema;
mod mspdi_write;
mod xlsx;

use std::path::PathBuf;

/// A fixture's text, by its path under tests/fixtures.
pub fn fixture(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

/// A fixture's bytes, by its path under tests/fixtures.
pub fn fixture_bytes(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

/// The example plan every guide uses (examples/program.plan.json).
pub fn example_plan() -> planwright::model::Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/program.plan.json");
    planwright::file::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}
