//! The plan file: a versioned envelope around the plan, read strictly and written
//! deterministically. `parse` and `to_json` are the only way in and out, for local
//! storage and for imported and exported files alike.
//!
//! ```json
//! { "format": "planwright", "version": 1, "plan": { ... } }
//! ```

pub mod csv;
mod error;
pub mod ical;
pub(crate) mod json;
mod json_path;
pub mod markdown;
pub mod mermaid;
pub mod pieces;
mod plan_json;
mod raci_export;
mod risk_export;
pub mod share;

pub use error::{FileError, FileErrorKind, FileProblem};
pub use ical::calendar_ics;
pub use mermaid::mermaid_gantt;
pub use raci_export::{raci_csv, raci_markdown};
pub use risk_export::{risks_csv, risks_markdown};

use std::collections::BTreeMap;

use json::{Category, Json};

use crate::model::validate::validate_plan;
use crate::model::Plan;

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "planwright";
/// The file version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 1;
/// Files larger than this are refused before they are read (64 MiB: about
/// 250,000 tasks; far more than local storage can hold).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The plan as a file: pretty-printed, fields in a fixed order, a newline at the end.
/// The same plan always gives the same bytes.
pub fn to_json(plan: &Plan) -> String {
    // About 190 bytes a task, the bulk of a big plan.
    let mut out = json::Writer::new(4096 + plan.tasks.len() * 200 + plan.dependencies.len() * 120);
    out.open('{');
    out.key("format");
    out.string(FORMAT);
    out.key("version");
    out.number(CURRENT_VERSION);
    out.key("plan");
    plan_json::write_plan(&mut out, plan);
    out.close('}');
    out.text.push('\n');
    out.text
}

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
fn read(text: &str) -> Result<(Plan, std::borrow::Cow<'_, str>), FileError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(read) = read_as_written(text) {
        return read;
    }
    let mut json = Json::new(text);
    let entries = json.raw_entries().and_then(|entries| json.end().map(|()| entries)).map_err(|error| {
        if error.category == Category::Eof && text.bytes().all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r')) {
            FileError::single(
                FileErrorKind::Syntax,
                FileProblem { path: None, line: Some(1), column: Some(1), message: "the file is empty".into() },
            )
        } else if error.category == Category::Data {
            not_planwright("the file is JSON, but not an object with \"format\": \"planwright\"")
        } else {
            FileError::syntax(text, &error)
        }
    })?;
    let mut fields: BTreeMap<String, &str> = BTreeMap::new();
    for (key, range) in entries {
        if fields.insert(key.to_string(), &text[range]).is_some() {
            return Err(FileError::invalid(&key_path(&key), "is given twice"));
        }
    }

    let format = fields.get("format").map(|value| {
        (*value, plan_json::read_all(value, |json| json.string("text").map(|name| name.into_owned())).ok())
    });
    match format {
        Some((_, Some(name))) if name == FORMAT => {}
        Some((other, _)) => {
            return Err(not_planwright(&format!("its \"format\" is {}, not \"planwright\"", shorten(other))))
        }
        None => return Err(not_planwright("it has no \"format\": \"planwright\" field")),
    }
    let version = match fields.get("version") {
        None => return Err(FileError::invalid("version", "is missing")),
        Some(raw) => match raw.parse::<u64>() {
            Ok(version) if version >= 1 => version,
            _ => {
                return Err(FileError::invalid(
                    "version",
                    format!("must be a whole number from 1, not {}", shorten(raw)),
                ))
            }
        },
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
    if let Some(unknown) = fields.keys().find(|key| !matches!(key.as_str(), "format" | "version" | "plan")) {
        return Err(FileError::invalid(&key_path(unknown), "is not a field of a plan file"));
    }
    let raw_plan = fields.get("plan").ok_or_else(|| FileError::invalid("plan", "is missing"))?;
    let plan_text = migrate(version, raw_plan);
    let offset = raw_plan.as_ptr() as usize - text.as_ptr() as usize;

    let plan = plan_json::read_all(&plan_text, plan_json::plan)
        .map_err(|error| FileError::structure(text, offset, &plan_text, &error))?;
    checked(plan, plan_text)
}

/// Reads a file laid out as `to_json` writes it (`format`, then `version`, then `plan`, and
/// nothing after the plan) in one pass: the plan is read where it stands, without first
/// scanning the whole text for the object's fields, which took about a fifth of the time
/// of opening a 10,000-task plan from storage. `None` for any other layout and for any
/// error in the file's JSON or the plan's fields: `read` then reads the file the general
/// way, which finds and places every error. A plan read here is the plan that way reads.
fn read_as_written(text: &str) -> Option<Result<(Plan, std::borrow::Cow<'_, str>), FileError>> {
    let (ranges, plan_start) = Json::new(text).leading_fields(&["format", "version", "plan"])?;
    if text[ranges[0].clone()] != format!("\"{FORMAT}\"") {
        return None;
    }
    let version =
        text[ranges[1].clone()].parse::<u64>().ok().filter(|version| (1..=CURRENT_VERSION).contains(version))?;
    // The plan is the last field: only whitespace follows the object's closing brace.
    let json_whitespace = [' ', '\t', '\n', '\r'];
    let plan_end = text.trim_end_matches(json_whitespace).strip_suffix('}')?.trim_end_matches(json_whitespace).len();
    let raw_plan = text.get(plan_start..plan_end)?;
    let plan_text = migrate(version, raw_plan);
    let plan = plan_json::read_all(&plan_text, plan_json::plan).ok()?;
    Some(checked(plan, plan_text))
}

/// A plan just read, completed if older, and checked for the rules its fields must keep.
fn checked(
    mut plan: Plan,
    plan_text: std::borrow::Cow<'_, str>,
) -> Result<(Plan, std::borrow::Cow<'_, str>), FileError> {
    complete_older_plan(&mut plan);

    let problems = validate_plan(&plan);
    if problems.is_empty() {
        Ok((plan, plan_text))
    } else {
        Err(FileError {
            kind: FileErrorKind::Invalid,
            problems: problems.into_iter().map(|problem| FileProblem::at(problem.path, problem.message)).collect(),
        })
    }
}

/// Brings the plan of an older file up to the current version. Each format change
/// adds one step here and a fixture of the old version under tests/fixtures.
fn migrate(version: u64, plan: &str) -> std::borrow::Cow<'_, str> {
    debug_assert!(version <= CURRENT_VERSION);
    // Version 1 is the first format: nothing to migrate yet. `plan.settings` came later
    // without a new version, because it needs no migration: it is optional when read
    // (absent, it is the defaults, which are what the checks used before it existed),
    // so every older version-1 file reads unchanged and means the same plan. It is
    // always written, so output stays one canonical form. (A build from before it
    // refuses a file that has it as an unknown field, so nothing is silently lost.)
    //
    // The risk register's additions came the same way, also without a new version:
    // `plan.risk_categories` and each risk's `created`, `updated` and `history`. Absent,
    // they read as no dates and no history, and the list as the six default categories
    // followed by any other category the file's risks use (before the list, a risk's
    // category was free text), so every older file still reads and means the same plan.
    // Unlike `settings` they are left out when written while they hold those defaults:
    // files written before them are still in canonical form, byte for byte.
    //
    // `plan.revision` and `plan.modified` (issue #8, so two copies of a plan can be told
    // apart) came the same way: absent, they read as revision 0 and no date, which is
    // what a plan never saved with them is, and they are left out while they hold that.
    std::borrow::Cow::Borrowed(plan)
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

/// The path of a top-level key: the key itself, or `[""]` quoted when it is not a plain name.
fn key_path(key: &str) -> String {
    let mut path = String::new();
    json_path::push_key(&mut path, key, true);
    path
}

fn not_planwright(why: &str) -> FileError {
    FileError::single(
        FileErrorKind::NotPlanwright,
        FileProblem::message(format!("this is not a Planwright plan file: {why}")),
    )
}

/// "12.3" for a byte count, without floating-point formatting (which is large in wasm).
fn megabytes_one_decimal(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
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

    /// The plan's text between its opening and closing braces, as `to_json` writes it.
    fn plan_field(file: &str) -> &str {
        let start = file.find("\"plan\":").expect("a plan field");
        file[start..].trim_end().strip_suffix('}').expect("the object's brace")
    }

    #[test]
    fn a_file_as_written_is_read_in_one_pass() {
        let plan = program_plan(60);
        let file = to_json(&plan);
        let read = read_as_written(&file).expect("the one-pass read applies").expect("a valid plan");
        assert_eq!(read.0, plan);
    }

    #[test]
    fn any_other_layout_goes_the_general_way_to_the_same_result() {
        let plan = program_plan(60);
        let file = to_json(&plan);
        let reordered =
            format!("{{\"version\": {CURRENT_VERSION}, \"format\": \"planwright\", {}}}\n", plan_field(&file));
        assert!(read_as_written(&reordered).is_none(), "keys in another order");
        assert_eq!(parse(&reordered).expect("valid"), plan);

        let escaped = file.replacen("\"planwright\"", "\"planw\\u0072ight\"", 1);
        assert!(read_as_written(&escaped).is_none(), "a format written with an escape");
        assert_eq!(parse(&escaped).expect("valid"), plan);

        let field_after = format!("{}, \"extra\": 1}}", file.trim_end().strip_suffix('}').expect("brace"));
        assert!(read_as_written(&field_after).is_none(), "a field after the plan");
        assert_eq!(parse(&field_after).expect_err("refused").to_string(), "extra: is not a field of a plan file");

        let twice = format!("{}, {}}}", file.trim_end().strip_suffix('}').expect("brace"), plan_field(&file));
        assert!(read_as_written(&twice).is_none(), "the plan given twice");
        assert_eq!(parse(&twice).expect_err("refused").to_string(), "plan: is given twice");

        // Only JSON's whitespace may follow the object (a no-break space is not).
        let trailing = format!("{}\u{a0}", file.trim_end());
        assert!(read_as_written(&trailing).is_none());
        assert!(parse(&trailing).is_err());

        let newer = file.replacen(&format!("\"version\": {CURRENT_VERSION}"), "\"version\": 99", 1);
        assert!(read_as_written(&newer).is_none(), "a newer version");
        assert_eq!(parse(&newer).expect_err("refused").kind, FileErrorKind::NewerVersion);
    }

    #[test]
    fn errors_in_the_plan_are_the_same_either_way() {
        let file = to_json(&program_plan(60));
        let reordered = |file: &str| {
            format!("{{\"version\": {CURRENT_VERSION}, \"format\": \"planwright\", {}}}\n", plan_field(file))
        };
        // One of each: a field of the wrong type (read), a rule broken (checked).
        for (from, to) in [("\"duration\": 3", "\"duration\": \"3\""), ("\"progress\": 0", "\"progress\": 101")] {
            let broken = file.replacen(from, to, 1);
            assert_ne!(broken, file, "{from} is in the file");
            let as_written = parse(&broken).expect_err("refused");
            let general = parse(&reordered(&broken)).expect_err("refused");
            assert_eq!(as_written.kind, general.kind, "{to}");
            let paths =
                |error: &FileError| error.problems.iter().map(|problem| problem.path.clone()).collect::<Vec<_>>();
            let messages =
                |error: &FileError| error.problems.iter().map(|problem| problem.message.clone()).collect::<Vec<_>>();
            assert_eq!(paths(&as_written), paths(&general), "{to}");
            assert_eq!(messages(&as_written), messages(&general), "{to}");
        }
    }
}
