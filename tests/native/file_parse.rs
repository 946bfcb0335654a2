//! `file::parse`: every way a file is refused, each with a small fixture under
//! tests/fixtures/reject, and the files it accepts, under tests/fixtures/accept.
//! Every refusal must say what kind of problem it is and where: a JSON path, or a
//! line and column for a syntax error.

use crate::common;

use std::path::{Path, PathBuf};

use planwright::file::{parse, to_json, FileError, FileErrorKind, CURRENT_VERSION, MAX_FILE_BYTES};
use planwright::model::TaskId;

fn fixture_path(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder).join(name)
}

fn read_fixture(folder: &str, name: &str) -> String {
    let path = fixture_path(folder, name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn reject_text(name: &str) -> String {
    read_fixture("reject", &format!("{name}.json"))
}

/// Parses a fixture of tests/fixtures/reject that must be refused.
fn rejected(name: &str) -> FileError {
    match parse(&reject_text(name)) {
        Ok(_) => panic!("tests/fixtures/reject/{name}.json was accepted"),
        Err(error) => error,
    }
}

/// The one problem of `error` whose path is `path`.
fn assert_problem_at(error: &FileError, kind: FileErrorKind, path: &str, message_part: &str) {
    assert_eq!(error.kind, kind, "kind of: {error}");
    let problem = error
        .problems
        .iter()
        .find(|problem| problem.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("no problem at {path} in: {error:?}"));
    assert!(
        problem.message.contains(message_part),
        "the problem at {path} should mention {message_part:?}: {}",
        problem.message
    );
    let shown = error.to_string();
    assert!(shown.contains(path), "the message shown should name {path}: {shown}");
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|line| line.contains(needle)).unwrap_or_else(|| panic!("{needle:?} is not in the fixture"))
        + 1
}

/// The 1-based line and column where `needle` starts in `text`.
fn line_and_column_of(text: &str, needle: &str) -> (usize, usize) {
    let line = line_of(text, needle);
    let column = text.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
    (line, column)
}

fn assert_syntax_error_near(error: &FileError, text: &str, needle: &str) {
    assert_eq!(error.kind, FileErrorKind::Syntax, "kind of: {error}");
    let problem = &error.problems[0];
    let (line, column) = line_and_column_of(text, needle);
    assert_eq!(problem.line, Some(line), "line of: {error:?}");
    let reported = problem.column.expect("a syntax error has a column");
    assert!(
        (column..=column + needle.len()).contains(&reported),
        "column {reported} should point into {needle:?}, which starts at column {column}"
    );
    let shown = error.to_string();
    assert!(shown.contains(&format!("line {line}, column {reported}")), "shown: {shown}");
}

// ---------------------------------------------------------------- syntax

#[test]
fn text_that_is_not_json_is_a_syntax_error_with_line_and_column() {
    let error = rejected("not_json");
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert_eq!(error.problems[0].line, Some(1));
    assert_eq!(error.problems[0].column, Some(1));
    assert!(error.to_string().starts_with("line 1, column 1: "), "{error}");
    assert!(error.to_string().contains("not valid JSON"), "{error}");
}

#[test]
fn truncated_json_is_a_syntax_error_that_says_the_file_is_cut_short() {
    let text = reject_text("truncated");
    let error = parse(&text).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert!(error.problems[0].message.contains("cut short"), "{error}");
    assert_eq!(error.problems[0].line, Some(text.lines().count()), "{error:?}");
}

#[test]
fn nan_literal_is_a_syntax_error_at_its_line_and_column() {
    let text = reject_text("nan_literal");
    let error = parse(&text).unwrap_err();
    assert_syntax_error_near(&error, &text, "NaN");
}

#[test]
fn number_too_large_for_a_double_is_refused_at_its_path_and_line() {
    let text = reject_text("number_out_of_range");
    let error = parse(&text).unwrap_err();
    assert_problem_at(&error, FileErrorKind::Syntax, "plan.tasks[0].duration", "number out of range");
    let (line, _) = line_and_column_of(&text, "1e999");
    assert_eq!(error.problems[0].line, Some(line), "{error:?}");
}

#[test]
fn empty_text_is_a_syntax_error() {
    let error = parse("").unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert_eq!(error.problems[0].line, Some(1));
    assert_eq!(error.problems[0].message, "the file is empty");
    let whitespace_only = parse(" \n\t\n").unwrap_err();
    assert_eq!(whitespace_only.kind, FileErrorKind::Syntax);
    assert_eq!(whitespace_only.problems[0].message, "the file is empty");
}

#[test]
fn deeply_nested_arrays_are_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let open_only = "[".repeat(depth);
    let balanced = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = "{\"a\":".repeat(depth);
    for text in [&open_only, &balanced, &objects] {
        assert!(parse(text).is_err());
    }
}

#[test]
fn deeply_nested_plan_and_field_values_are_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let as_plan = format!("{{\"format\": \"planwright\", \"version\": 1, \"plan\": {nested}}}");
    let error = parse(&as_plan).unwrap_err();
    assert!(error.to_string().contains("plan"), "{error}");

    let unclosed = format!("{{\"format\": \"planwright\", \"version\": 1, \"plan\": {}", "[".repeat(depth));
    assert_eq!(parse(&unclosed).unwrap_err().kind, FileErrorKind::Syntax);

    let valid = read_fixture("accept", "full.plan.json");
    let in_notes = valid.replacen("\"notes\": \"\"", &format!("\"notes\": {nested}"), 1);
    let error = parse(&in_notes).unwrap_err();
    assert!(error.problems[0].path.as_deref().unwrap_or("").ends_with(".notes"), "{error:?}");

    let in_unknown_field = valid.replacen("\"notes\": \"\"", &format!("\"notes\": \"\", \"extra\": {nested}"), 1);
    assert!(parse(&in_unknown_field).is_err());
}

// ---------------------------------------------------------------- not a plan file

#[test]
fn json_array_is_not_a_planwright_file() {
    let error = rejected("json_array");
    assert_eq!(error.kind, FileErrorKind::NotPlanwright);
    assert!(error.to_string().contains("not a Planwright plan file"), "{error}");
}

#[test]
fn json_string_is_not_a_planwright_file() {
    assert_eq!(rejected("json_string").kind, FileErrorKind::NotPlanwright);
    for other in ["null", "42", "true"] {
        assert_eq!(parse(other).unwrap_err().kind, FileErrorKind::NotPlanwright, "{other}");
    }
}

#[test]
fn package_json_is_not_a_planwright_file() {
    let error = rejected("package_json");
    assert_eq!(error.kind, FileErrorKind::NotPlanwright);
    assert!(error.to_string().contains("\"format\""), "{error}");
}

#[test]
fn other_format_is_not_a_planwright_file_and_the_message_names_it() {
    let error = rejected("wrong_format");
    assert_eq!(error.kind, FileErrorKind::NotPlanwright);
    assert!(error.to_string().contains("excalidraw"), "{error}");
}

#[test]
fn missing_format_is_not_a_planwright_file() {
    assert_eq!(rejected("format_missing").kind, FileErrorKind::NotPlanwright);
}

// ---------------------------------------------------------------- versions

#[test]
fn newer_version_is_refused_as_made_by_a_newer_version() {
    let error = rejected("newer_version");
    assert_problem_at(&error, FileErrorKind::NewerVersion, "version", "newer version");
    assert!(error.to_string().contains("made by a newer version"), "{error}");
}

#[test]
fn any_version_above_the_current_one_is_newer() {
    let valid = read_fixture("accept", "minimal.plan.json");
    for version in [CURRENT_VERSION + 1, CURRENT_VERSION + 10, u64::MAX] {
        let text = valid.replacen("\"version\": 1", &format!("\"version\": {version}"), 1);
        assert_eq!(parse(&text).unwrap_err().kind, FileErrorKind::NewerVersion, "version {version}");
    }
}

#[test]
fn version_zero_is_refused_at_version() {
    assert_problem_at(&rejected("version_zero"), FileErrorKind::Structure, "version", "whole number");
}

#[test]
fn version_as_a_string_is_refused_at_version() {
    assert_problem_at(&rejected("version_string"), FileErrorKind::Structure, "version", "\"1\"");
}

#[test]
fn version_with_a_fraction_is_refused_at_version() {
    assert_problem_at(&rejected("version_fraction"), FileErrorKind::Structure, "version", "1.5");
}

#[test]
fn missing_version_is_refused_at_version() {
    assert_problem_at(&rejected("version_missing"), FileErrorKind::Structure, "version", "missing");
}

#[test]
fn missing_plan_is_refused_at_plan() {
    assert_problem_at(&rejected("plan_missing"), FileErrorKind::Structure, "plan", "missing");
}

// ---------------------------------------------------------------- structure

#[test]
fn missing_task_name_is_refused_at_the_task() {
    assert_problem_at(&rejected("task_name_missing"), FileErrorKind::Structure, "plan.tasks[1]", "`name`");
}

#[test]
fn duration_as_a_word_is_refused_at_its_path_line_and_column() {
    let text = reject_text("duration_not_a_number");
    let error = parse(&text).unwrap_err();
    assert_problem_at(&error, FileErrorKind::Structure, "plan.tasks[1].duration", "wrong kind of value");
    let (line, column) = line_and_column_of(&text, "\"five\"");
    let problem = &error.problems[0];
    assert_eq!(problem.line, Some(line), "{error:?}");
    let reported = problem.column.unwrap();
    assert!((column..=column + 6).contains(&reported), "column {reported}, value at {column}");
    assert!(error.to_string().contains(&format!("plan.tasks[1].duration (line {line}, column {reported})")), "{error}");
}

#[test]
fn type_error_in_a_one_line_file_reports_the_column_in_the_whole_line() {
    let compact = read_fixture("accept", "full.compact.json");
    let text = compact.replacen("\"duration\":3", "\"duration\":\"five\"", 1);
    assert_ne!(text, compact);
    let error = parse(&text).unwrap_err();
    assert_problem_at(&error, FileErrorKind::Structure, "plan.tasks[1].duration", "wrong kind of value");
    let value_column = text.find("\"five\"").unwrap() + 1;
    let reported = error.problems[0].column.unwrap();
    assert_eq!(error.problems[0].line, Some(1));
    assert!((value_column..=value_column + 6).contains(&reported), "column {reported}, value at {value_column}");
}

#[test]
fn progress_with_a_fraction_is_refused_at_its_path() {
    assert_problem_at(&rejected("progress_fraction"), FileErrorKind::Structure, "plan.tasks[1].progress", "50.5");
}

#[test]
fn negative_duration_is_refused_at_its_path() {
    assert_problem_at(&rejected("duration_negative"), FileErrorKind::Structure, "plan.tasks[1].duration", "-1");
}

#[test]
fn unknown_top_level_field_is_refused_by_name() {
    assert_problem_at(
        &rejected("unknown_top_level_field"),
        FileErrorKind::Structure,
        "generator",
        "not a field of a plan file",
    );
}

#[test]
fn unknown_plan_field_is_refused_by_name() {
    assert_problem_at(&rejected("unknown_plan_field"), FileErrorKind::Structure, "plan.owner", "unknown field `owner`");
}

#[test]
fn unknown_task_field_is_refused_at_the_task() {
    assert_problem_at(
        &rejected("unknown_task_field"),
        FileErrorKind::Structure,
        "plan.tasks[1].colour",
        "unknown field `colour`",
    );
}

#[test]
fn february_30_is_refused_as_not_a_real_date() {
    assert_problem_at(
        &rejected("date_february_30"),
        FileErrorKind::Structure,
        "plan.tasks[1].deadline",
        "\"2027-02-30\" is not a real calendar date",
    );
}

#[test]
fn date_without_zero_padding_is_refused_with_the_expected_form() {
    assert_problem_at(&rejected("date_not_zero_padded"), FileErrorKind::Structure, "plan.start", "YYYY-MM-DD");
}

#[test]
fn word_as_a_date_is_refused_with_the_expected_form() {
    assert_problem_at(
        &rejected("date_word"),
        FileErrorKind::Structure,
        "plan.calendar.holidays[0].date",
        "\"tomorrow\" is not a date in the form YYYY-MM-DD",
    );
}

#[test]
fn dates_outside_the_supported_years_are_refused() {
    let valid = read_fixture("accept", "minimal.plan.json");
    for start in ["1969-12-31", "2201-01-01", "0000-01-01", "9999-12-31"] {
        let text = valid.replacen("2027-01-04", start, 1);
        let error = parse(&text).unwrap_err();
        assert_problem_at(&error, FileErrorKind::Structure, "plan.start", "outside the years");
    }
    for start in ["1970-01-01", "2200-12-31"] {
        assert!(parse(&valid.replacen("2027-01-04", start, 1)).is_ok(), "{start}");
    }
}

#[test]
fn unknown_weekday_is_refused_with_the_names_that_work() {
    assert_problem_at(
        &rejected("weekday_unknown"),
        FileErrorKind::Structure,
        "plan.calendar.working_weekdays",
        "funday",
    );
}

// ---------------------------------------------------------------- rules

#[test]
fn duplicate_task_id_is_refused_at_the_second_task() {
    assert_problem_at(&rejected("duplicate_task_id"), FileErrorKind::Invalid, "plan.tasks[2].id", "T1");
}

#[test]
fn duplicate_person_id_is_refused_at_the_second_person() {
    assert_problem_at(&rejected("duplicate_person_id"), FileErrorKind::Invalid, "plan.people[1].id", "P1");
}

#[test]
fn duplicate_risk_id_is_refused_at_the_second_risk() {
    assert_problem_at(&rejected("duplicate_risk_id"), FileErrorKind::Invalid, "plan.risks[1].id", "R1");
}

#[test]
fn dependency_on_a_missing_task_is_refused_at_the_reference() {
    assert_problem_at(
        &rejected("dependency_missing_task"),
        FileErrorKind::Invalid,
        "plan.dependencies[1].successor",
        "T9",
    );
}

#[test]
fn raci_cell_of_a_missing_person_is_refused_at_the_reference() {
    assert_problem_at(&rejected("raci_missing_person"), FileErrorKind::Invalid, "plan.raci[1].person", "P7");
}

#[test]
fn risk_owner_who_does_not_exist_is_refused_at_the_owner() {
    assert_problem_at(&rejected("risk_owner_missing"), FileErrorKind::Invalid, "plan.risks[0].owner", "P4");
}

#[test]
fn risk_linked_to_a_missing_task_is_refused_at_the_link() {
    assert_problem_at(
        &rejected("risk_linked_task_missing"),
        FileErrorKind::Invalid,
        "plan.risks[0].linked_tasks[1]",
        "T5",
    );
}

#[test]
fn missing_parent_is_refused_at_the_parent() {
    assert_problem_at(&rejected("parent_missing"), FileErrorKind::Invalid, "plan.tasks[1].parent", "T3");
}

#[test]
fn progress_over_100_is_refused_at_its_path() {
    assert_problem_at(&rejected("progress_over_100"), FileErrorKind::Invalid, "plan.tasks[1].progress", "101");
}

#[test]
fn probability_zero_is_refused_at_its_path() {
    assert_problem_at(&rejected("probability_zero"), FileErrorKind::Invalid, "plan.risks[0].probability", "1 to 5");
}

#[test]
fn probability_six_is_refused_at_its_path() {
    assert_problem_at(&rejected("probability_six"), FileErrorKind::Invalid, "plan.risks[0].probability", "6");
}

#[test]
fn impact_six_is_refused_at_its_path() {
    assert_problem_at(&rejected("impact_six"), FileErrorKind::Invalid, "plan.risks[0].impact", "6");
}

#[test]
fn dependency_cycle_is_refused_and_the_message_names_the_tasks() {
    let error = rejected("dependency_cycle");
    assert_problem_at(&error, FileErrorKind::Invalid, "plan.dependencies", "cycle");
    let message = error.to_string();
    assert!(message.contains("T1") && message.contains("T2") && message.contains('→'), "{message}");
    assert!(
        message.contains("T1 → T2 → T1") || message.contains("T2 → T1 → T2"),
        "the cycle should read as a closed chain: {message}"
    );
}

#[test]
fn parent_cycle_is_refused_and_the_message_names_the_tasks() {
    let error = rejected("parent_cycle");
    assert_problem_at(&error, FileErrorKind::Invalid, "plan.tasks", "cycle");
    let message = error.to_string();
    assert!(message.contains("T1") && message.contains("T2") && message.contains('→'), "{message}");
}

#[test]
fn milestone_with_a_duration_is_refused_at_the_duration() {
    assert_problem_at(
        &rejected("milestone_with_duration"),
        FileErrorKind::Invalid,
        "plan.tasks[2].duration",
        "milestone",
    );
}

#[test]
fn every_other_rule_is_refused_at_its_path() {
    let cases = [
        ("duplicate_dependency", "plan.dependencies[1]", "listed twice"),
        ("raci_two_roles", "plan.raci[1]", "two roles"),
        ("dependency_self_link", "plan.dependencies[1].successor", "itself"),
        ("lag_beyond_limit", "plan.dependencies[0].lag", "10001"),
        ("duration_beyond_limit", "plan.tasks[1].duration", "10001"),
        ("task_own_parent", "plan.tasks[1].parent", "own parent"),
        ("parent_is_milestone", "plan.tasks[3].parent", "milestone"),
        ("task_name_blank", "plan.tasks[1].name", "empty"),
        ("task_id_with_space", "plan.tasks[1].id", "\"T 2\""),
        ("working_weekdays_empty", "plan.calendar.working_weekdays", "at least one"),
        ("holiday_twice", "plan.calendar.holidays", "2027-01-18"),
        ("baseline_finish_before_start", "plan.baselines[0].tasks[0].finish", "before the start"),
        ("baseline_unknown_task", "plan.baselines[0].tasks[0].task", "T8"),
    ];
    for (name, path, message_part) in cases {
        assert_problem_at(&rejected(name), FileErrorKind::Invalid, path, message_part);
    }
}

#[test]
fn the_raid_log_and_the_budget_are_refused_at_the_field_that_breaks_a_rule() {
    let cases = [
        ("budget_task_cost_negative", "plan.budget.tasks[0].fixed", "must not be negative"),
        ("decision_decided_by_unknown_person", "plan.decisions[0].decided_by", "person P9, who is not in the plan"),
        ("issue_from_unknown_risk", "plan.issues[0].from_risk", "risk R9, which does not exist"),
        ("log_entry_linked_task_missing", "plan.assumptions[0].linked_tasks[1]", "task T9, which does not exist"),
        ("duplicate_assumption_id", "plan.assumptions[1].id", "the id A1 is used twice"),
        ("budget_currency_not_a_code", "plan.budget.currency", "\"euro\" is not a currency code"),
    ];
    for (name, path, message_part) in cases {
        assert_problem_at(&rejected(name), FileErrorKind::Invalid, path, message_part);
    }
}

#[test]
fn an_unknown_field_inside_an_issue_is_refused_by_name_at_the_issue() {
    assert_problem_at(
        &rejected("issue_unknown_field"),
        FileErrorKind::Structure,
        "plan.issues[0].priority",
        "unknown field `priority`",
    );
}

#[test]
fn a_plan_with_its_raid_log_and_budget_is_accepted_with_every_field() {
    let plan = parse(&read_fixture("accept", "raid_and_budget.plan.json")).unwrap();
    assert_eq!(plan, common::raid_plan());
}

#[test]
fn a_subtask_listed_before_its_summary_is_refused_at_its_parent() {
    assert_problem_at(
        &rejected("task_before_its_parent"),
        FileErrorKind::Invalid,
        "plan.tasks[0].parent",
        "is T2, which comes later in the list: tasks are in outline order, a parent before its subtasks",
    );
}

#[test]
fn a_task_with_two_date_constraints_is_refused_at_the_second() {
    assert_problem_at(
        &rejected("constraint_beside_start_no_earlier_than"),
        FileErrorKind::Invalid,
        "plan.tasks[1].constraint",
        "a task has one, and T2 already starts no earlier than 2027-01-11",
    );
    // Start-no-earlier-than has its own field, so a file has one way to write it.
    assert_problem_at(
        &rejected("constraint_kind_start_no_earlier_than"),
        FileErrorKind::Invalid,
        "plan.tasks[1].constraint.kind",
        "its own field `start_no_earlier_than`",
    );
}

#[test]
fn a_constraint_is_an_object_of_a_known_kind_and_a_date() {
    let cases = [
        ("constraint_kind_unknown", "plan.tasks[1].constraint.kind", "`must_finish_on`"),
        ("constraint_not_an_object", "plan.tasks[1].constraint", "an object"),
        ("constraint_without_date", "plan.tasks[1].constraint", "`date`"),
        ("constraint_date_outside_the_years", "plan.tasks[1].constraint.date", "outside the years 1970 to 2200"),
    ];
    for (name, path, message_part) in cases {
        assert_problem_at(&rejected(name), FileErrorKind::Structure, path, message_part);
    }
}

#[test]
fn unknown_enum_values_are_refused_with_the_values_that_work() {
    assert_problem_at(&rejected("raci_unknown_role"), FileErrorKind::Structure, "plan.raci[0].role", "`A/R`");
    assert_problem_at(
        &rejected("dependency_kind_unknown"),
        FileErrorKind::Structure,
        "plan.dependencies[0].kind",
        "`FS`",
    );
}

#[test]
fn envelope_key_given_twice_is_refused() {
    let error = rejected("envelope_key_twice");
    assert!(error.to_string().contains("version"), "{error}");
}

#[test]
fn several_broken_rules_are_all_reported_up_to_fifty() {
    let mut plan = common::sample_plan();
    for task in &mut plan.tasks {
        task.progress = 101;
    }
    let error = parse(&to_json(&plan)).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Invalid);
    assert_eq!(error.problems.len(), plan.tasks.len(), "{error}");

    let mut many = common::generated_plan(200, 7);
    for task in &mut many.tasks {
        task.name = " ".into();
    }
    let error = parse(&to_json(&many)).unwrap_err();
    assert_eq!(error.problems.len(), planwright::model::validate::MAX_PROBLEMS);
}

// ---------------------------------------------------------------- size

#[test]
fn file_larger_than_the_limit_is_refused_before_it_is_read() {
    let valid = read_fixture("accept", "minimal.plan.json");
    // Built in place: one buffer of spaces of the final size with the plan at its start,
    // not a second 64 MiB string to copy.
    let mut bytes = vec![b' '; MAX_FILE_BYTES + 1];
    bytes[..valid.len()].copy_from_slice(valid.as_bytes());
    let mut text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.len(), MAX_FILE_BYTES + 1);
    let error = parse(&text).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::TooLarge);
    assert_eq!(error.to_string(), "the file is 64.0 MB; Planwright reads plan files up to 64 MB");

    text.truncate(MAX_FILE_BYTES);
    assert!(parse(&text).is_ok(), "a file of exactly MAX_FILE_BYTES is read");
}

// ---------------------------------------------------------------- accepted files

#[test]
fn byte_order_mark_before_a_valid_file_is_accepted() {
    let valid = read_fixture("accept", "full.plan.json");
    let with_bom = format!("\u{feff}{valid}");
    assert_eq!(parse(&with_bom).unwrap(), parse(&valid).unwrap());
}

#[test]
fn minimal_plan_is_accepted() {
    let plan = parse(&read_fixture("accept", "minimal.plan.json")).unwrap();
    assert_eq!(plan, common::empty_plan());
}

#[test]
fn plan_with_every_field_is_accepted() {
    let plan = parse(&read_fixture("accept", "full.plan.json")).unwrap();
    assert_eq!(plan, common::sample_plan());
    assert!(plan.tasks.iter().any(|task| task.start_no_earlier_than.is_some()));
    assert!(plan.tasks.iter().any(|task| task.deadline.is_some()));
    assert!(plan.risks.iter().any(|risk| risk.review_date.is_some()));
    assert!(!plan.baselines.is_empty() && !plan.calendar.holidays.is_empty());
}

#[test]
fn compact_json_of_the_same_plan_is_accepted() {
    let compact = parse(&read_fixture("accept", "full.compact.json")).unwrap();
    assert_eq!(compact, parse(&read_fixture("accept", "full.plan.json")).unwrap());
}

#[test]
fn optional_dates_may_be_left_out() {
    let plan = parse(&read_fixture("accept", "optional_dates_omitted.json")).unwrap();
    assert_eq!(plan.tasks.len(), 2);
    assert_eq!(plan.tasks[1].id, TaskId::new("T2"));
    assert_eq!(plan.tasks[1].deadline, None);
}

#[test]
fn every_reject_fixture_is_refused_and_every_accept_fixture_is_read() {
    let folder = fixture_path("reject", "");
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let error = parse(&text).expect_err(&path.display().to_string());
        assert!(!error.problems.is_empty(), "{}", path.display());
        for problem in &error.problems {
            assert!(
                problem.path.is_some() || problem.line.is_some() || error.kind == FileErrorKind::NotPlanwright,
                "{} names no place: {error:?}",
                path.display()
            );
        }
        count += 1;
    }
    assert!(count >= 55, "only {count} reject fixtures");
    for entry in std::fs::read_dir(fixture_path("accept", "")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(error) = parse(&text) {
            panic!("{} was refused: {error}", path.display());
        }
    }
}

#[test]
fn format_written_with_an_escape_is_still_a_planwright_file() {
    // "\u0070lanwright" is the JSON string "planwright".
    let valid = read_fixture("accept", "minimal.plan.json");
    let escaped = valid.replacen("\"planwright\"", "\"\\u0070lanwright\"", 1);
    assert!(parse(&escaped).is_ok(), "{:?}", parse(&escaped).unwrap_err());
}

// ---------------------------------------------------------------- words for what is wrong

#[test]
fn a_trailing_comma_is_called_one_at_its_line() {
    let text = "{\n  \"format\": \"planwright\",\n  \"version\": 1,\n}\n";
    let error = parse(text).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert!(error.problems[0].message.contains("a comma after the last item"), "{error}");
    assert_eq!(error.problems[0].line, Some(4), "{error:?}");
}

#[test]
fn text_that_is_not_json_at_all_is_not_called_json() {
    let error = rejected("not_json");
    let message = error.to_string();
    assert!(!message.contains("the file is JSON"), "{message}");
    assert!(message.contains("it begins with \"Launch plan"), "{message}");
    let xml = parse("<?xml version=\"1.0\"?>\n<Project></Project>").unwrap_err();
    assert!(xml.to_string().contains("looks like XML"), "{xml}");
}

#[test]
fn a_json_value_that_is_not_an_object_is_named_for_what_it_is() {
    let error = parse("[1, 2]").unwrap_err();
    assert_eq!(error.kind, FileErrorKind::NotPlanwright);
    assert!(error.to_string().contains("a list rather than an object"), "{error}");
}

/// The text a browser gets from `File.text()` for a file saved as UTF-16: replacement
/// characters for a byte order mark, NULs between the letters.
fn as_browser_reads_utf16(text: &str, byte_order_mark: bool) -> String {
    let mut bytes: Vec<u8> = if byte_order_mark { vec![0xFF, 0xFE] } else { Vec::new() };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_file_saved_as_utf16_is_told_to_be_saved_as_utf8() {
    let valid = read_fixture("accept", "minimal.plan.json");
    for byte_order_mark in [true, false] {
        let error = parse(&as_browser_reads_utf16(&valid, byte_order_mark)).unwrap_err();
        assert_eq!(error.kind, FileErrorKind::Syntax);
        assert_eq!((error.problems[0].line, error.problems[0].column), (Some(1), Some(1)));
        let message = error.to_string();
        assert!(message.contains("UTF-16") && message.contains("Save it again as UTF-8"), "{message}");
    }
}

#[test]
fn a_huge_value_of_the_wrong_kind_gives_a_short_message() {
    let valid = read_fixture("accept", "full.plan.json");
    let huge = "x".repeat(10_000_000);
    for (from, to) in [
        ("\"duration\": 3", format!("\"duration\": \"{huge}\"")),
        ("\"start\": \"2027-01-04\"", format!("\"start\": \"{huge}\"")),
        ("\"kind\": \"FS\"", format!("\"kind\": \"{huge}\"")),
        ("\"notes\": \"\"", format!("\"notes\": \"\", \"{huge}\": 1")),
    ] {
        let error = parse(&valid.replacen(from, &to, 1)).unwrap_err();
        assert!(error.to_string().len() < 400, "{from}: {} characters", error.to_string().len());
    }
}
