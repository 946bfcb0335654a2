//! The plan file: a versioned envelope around the plan, read strictly and written
//! deterministically with serde. `parse` and `to_json` (with `to_json_compact` for local
//! storage) are the only way in and out, for local storage and for imported and exported
//! files alike.
//!
//! ```json
//! { "format": "planwright", "version": 1, "plan": { ... } }
//! ```

mod budget_export;
pub mod csv;
pub mod csv_import;
mod envelope;
mod error;
pub mod ical;
pub mod kind;
mod log_export;
pub mod markdown;
pub mod mermaid;
mod messages;
pub mod mspdi;
pub mod pieces;
mod raci_export;
mod risk_export;
pub mod share;
mod writer;
pub mod xlsx;

pub use budget_export::{budget_csv, BudgetLevel, BudgetRow, BudgetTable};
pub use error::{FileError, FileErrorKind, FileProblem};
pub use ical::calendar_ics;
pub use log_export::{log_csv, log_markdown};
pub use mermaid::mermaid_gantt;
pub use raci_export::{raci_csv, raci_markdown};
pub use risk_export::{risks_csv, risks_markdown};
pub use writer::{to_json, to_json_compact};

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::DeserializeSeed;

use crate::model::validate::validate_plan;
use crate::model::{ObjectOnly, Plan};

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "planwright";
/// The file version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 1;
/// Files larger than this are refused before they are read, and a plan is read only if
/// its exported (pretty) file fits too, so every plan read can be written and read back
/// (64 MiB: about 250,000 tasks; far more than local storage can hold).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Reads a plan file, or says precisely what is wrong with it.
pub fn parse(text: &str) -> Result<Plan, FileError> {
    read(text).map(|(plan, _)| plan)
}

/// Refuses a file of `bytes` bytes when it is over `MAX_FILE_BYTES`, with the message
/// `parse` gives it: so a file can be refused by its size before it is read.
pub fn check_size(bytes: usize) -> Result<(), FileError> {
    if bytes > MAX_FILE_BYTES {
        return Err(FileError::single(
            FileErrorKind::TooLarge,
            FileProblem::message(format!(
                "the file is {} MB; Planwright reads plan files up to {} MB",
                megabytes_one_decimal(bytes),
                MAX_FILE_BYTES / 1_048_576
            )),
        ));
    }
    Ok(())
}

/// Reads a plan file as `parse` does, then cuts the (migrated) plan's JSON into pieces
/// that another thread can turn into the same plan a few at a time
/// (`pieces::PlanAssembly`): the browser parses big files in a worker.
pub fn parse_into_pieces(text: &str) -> Result<pieces::PlanPieces, FileError> {
    let (_, plan_text) = read(text)?;
    pieces::PlanPieces::of_valid_plan(plan_text.into_owned())
        .map_err(|message| FileError::single(FileErrorKind::Syntax, FileProblem::message(message)))
}

/// The plan of a file and the plan's JSON after migration.
fn read(text: &str) -> Result<(Plan, Cow<'_, str>), FileError> {
    check_size(text.len())?;
    envelope::check_encoding(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let envelope = envelope::Envelope::read(text)?;
    let plan_text = migrate(envelope.version, envelope.plan);
    let offset = envelope.plan.as_ptr() as usize - text.as_ptr() as usize;
    let mut plan = read_plan(text, offset, &plan_text)?;
    complete_older_plan(&mut plan);
    check_rules(&plan)?;
    // A plan file is at most about three times larger written out than compact.
    if text.len() > MAX_FILE_BYTES / 4 {
        check_written_size(&plan, MAX_FILE_BYTES)?;
    }
    Ok((plan, plan_text))
}

/// The plan from its JSON `plan_text`, found `offset` bytes into the file's `text`, read
/// with its path tracked so a refusal can name the field. Reading it first without the
/// path, and again with it only when refused, is about 40% quicker but puts a second copy
/// of the plan's derived readers in the WebAssembly: 11 KB of gzip, more than a
/// tenth of the first download's headroom.
fn read_plan(text: &str, offset: usize, plan_text: &str) -> Result<Plan, FileError> {
    let mut deserializer = serde_json::Deserializer::from_str(plan_text);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
    match ObjectOnly::<Plan>(PhantomData).deserialize(tracked) {
        Ok(plan) => deserializer.end().map(|()| plan).map_err(|error| FileError::in_plan(text, offset, None, &error)),
        Err(error) => Err(FileError::in_plan(text, offset, Some(&track.path()), &error)),
    }
}

/// The rules a plan's fields and references must keep (`model::validate`).
fn check_rules(plan: &Plan) -> Result<(), FileError> {
    let problems = validate_plan(plan);
    if problems.is_empty() {
        return Ok(());
    }
    Err(FileError {
        kind: FileErrorKind::Invalid,
        problems: problems.into_iter().map(|problem| FileProblem::at(problem.path, problem.message)).collect(),
    })
}

/// Refuses a plan whose exported file would be over `MAX_FILE_BYTES`: a compact file
/// near the cap can take twice its size pretty-printed, and a plan that is read must be
/// one that can be written and read back.
fn check_written_size(plan: &Plan, limit: usize) -> Result<(), FileError> {
    let written = writer::written_length(plan);
    if written <= limit {
        return Ok(());
    }
    Err(FileError::single(
        FileErrorKind::TooLarge,
        FileProblem::message(format!(
            "this plan would take {} MB as a plan file, and Planwright reads and writes plan files up to {} MB \
             (the file itself is smaller because it is written without indentation): split the plan",
            megabytes_one_decimal(written),
            limit / 1_048_576
        )),
    ))
}

/// Brings the plan of an older file up to the current version. Each format change
/// adds one step here and a fixture of the old version under tests/fixtures.
fn migrate(version: u64, plan: &str) -> Cow<'_, str> {
    debug_assert!(version <= CURRENT_VERSION);
    // Version 1 is the first format: nothing to migrate yet. Fields added since without a
    // new version (`plan.settings`, `plan.risk_categories`, a risk's `created`, `updated`
    // and `history`, `plan.revision`, `plan.modified` and `plan.saved_by`) need no
    // migration: absent, they read as what a plan without them meant (the defaults, no
    // dates, no history, no name), so every older version-1 file reads unchanged and
    // means the same plan. All but
    // `settings` are left out when written while they hold those defaults, so files
    // written before them are still in canonical form, byte for byte. (A build from before
    // a field refuses a file that has it as an unknown field, so nothing is silently lost.)
    Cow::Borrowed(plan)
}

/// Fills in what a plan read from an older file lacks (the same after `parse` and after
/// `pieces::PlanAssembly`).
fn complete_older_plan(plan: &mut Plan) {
    if plan.risk_categories.is_empty() {
        // The file has no list (an explicit empty one is refused as it is read).
        plan.risk_categories = risk_categories_of_older_file(&plan.risks);
    }
}

/// The categories of a file written before plans had a list of them: the six defaults,
/// then every other category its risks use, in the order they first appear.
fn risk_categories_of_older_file(risks: &[crate::model::Risk]) -> Vec<String> {
    let mut categories = crate::model::default_risk_categories();
    let mut listed: std::collections::HashSet<&str> = crate::model::DEFAULT_RISK_CATEGORIES.into_iter().collect();
    for risk in risks {
        if listed.insert(&risk.category) {
            categories.push(risk.category.clone());
        }
    }
    categories
}

/// "12.3" for a byte count.
fn megabytes_one_decimal(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A name a plan can be saved under: the plan's name without characters that file
/// systems refuse, ending in `.plan.json`.
pub fn file_name(plan: &Plan) -> String {
    let cleaned: String =
        plan.name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('.');
    let stem = if trimmed.is_empty() { "plan" } else { trimmed };
    format!("{stem}.plan.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::program_plan;

    #[test]
    fn a_plan_whose_written_file_would_be_over_the_limit_is_refused_even_when_its_file_is_under() {
        let plan = program_plan(200);
        let compact = to_json_compact(&plan);
        let pretty = to_json(&plan);
        assert!(compact.len() < pretty.len());
        let between = (compact.len() + pretty.len()) / 2;
        let refused = check_written_size(&plan, between).unwrap_err();
        assert_eq!(refused.kind, FileErrorKind::TooLarge);
        assert!(refused.to_string().contains("as a plan file"), "{refused}");
        assert!(check_written_size(&plan, pretty.len()).is_ok(), "the exact size fits");
    }
}
