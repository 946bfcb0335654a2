//! Hostile and extreme plan files: numbers that are not whole numbers in range, nesting
//! far past serde_json's limit, empty files and byte order marks, a top-level list, keys
//! that are not plain names, and a 100,000-task plan with a cycle at its end. Each is a
//! clear error that says what is wrong and where (a JSON path, or a line and column), or
//! a result; never a panic. The oversized file is in file_parse.rs, the random files in
//! properties.rs.

use crate::common;

use planwright::file::{parse, to_json, FileError, FileErrorKind};
use planwright::model::validate::{check_baseline_fields, validate_plan, Problem, MAX_NAME_CHARS};
use planwright::model::{PersonId, TaskId};

fn full_plan_file() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accept/full.plan.json");
    std::fs::read_to_string(path).unwrap()
}

fn refused(text: &str) -> FileError {
    match parse(text) {
        Ok(_) => panic!("accepted: {}", text.chars().take(200).collect::<String>()),
        Err(error) => error,
    }
}

/// The line (from 1) and the byte column span of the first `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, std::ops::RangeInclusive<usize>) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = at - line_start + 1;
    // serde_json puts a value it refuses on sight (a list where text belongs) at the
    // character before it.
    (line, column - 1..=column + needle.len())
}

/// One problem, of `kind`, at `path` (when given) on the line of `needle` and a column
/// inside it, whose message contains every one of `words`; the text shown to the user
/// names the place too.
fn assert_refused_at(
    error: &FileError,
    kind: FileErrorKind,
    path: Option<&str>,
    text: &str,
    needle: &str,
    words: &[&str],
) {
    assert_eq!(error.kind, kind, "{needle}: {error:?}");
    assert_eq!(error.problems.len(), 1, "{error:?}");
    let problem = &error.problems[0];
    assert_eq!(problem.path.as_deref(), path, "{needle}: {error:?}");
    let (line, columns) = place_of(text, needle);
    assert_eq!(problem.line, Some(line), "{needle}: {error:?}");
    let column = problem.column.expect("a column");
    assert!(columns.contains(&column), "{needle}: column {column} is outside {columns:?}: {error:?}");
    for word in words {
        assert!(problem.message.contains(word), "{needle}: the message should mention {word:?}: {error:?}");
    }
    let shown = error.to_string();
    assert!(shown.contains(&format!("line {line}, column {column}")), "{shown}");
    if let Some(path) = path {
        assert!(shown.starts_with(path), "{shown}");
    }
}

// ---------------------------------------------------------------- numbers

#[test]
fn numbers_that_are_not_whole_numbers_in_range_are_refused_at_their_path_line_and_column() {
    let valid = full_plan_file();
    // (the field as written in the fixture, its path, the range its type holds)
    let fields = [
        ("\"duration\": 3", "plan.tasks[1].duration", "0 to 4294967295"),
        ("\"progress\": 100", "plan.tasks[1].progress", "0 to 255"),
        ("\"lag\": 0", "plan.dependencies[0].lag", "-2147483648 to 2147483647"),
        ("\"probability\": 4", "plan.risks[0].probability", "0 to 255"),
    ];
    for (field, path, range) in fields {
        let key = field.split(' ').next().unwrap();
        for number in ["1e999", "-1e999", "NaN", "Infinity", "-0", "1.5", "1e2", "4294967296", "-4294967297"] {
            let written = format!("{key} {number}");
            let text = valid.replacen(field, &written, 1);
            assert_ne!(text, valid, "{field} is in the fixture");
            let error = refused(&text);
            match number {
                // Too large for any number type: the reader stops at the number.
                "1e999" | "-1e999" => assert_refused_at(
                    &error,
                    FileErrorKind::Syntax,
                    Some(path),
                    &text,
                    &written,
                    &["number out of range", "too large"],
                ),
                // Not JSON at all.
                "NaN" | "Infinity" => {
                    assert_refused_at(&error, FileErrorKind::Syntax, None, &text, number, &["not valid JSON"])
                }
                // A number with a fraction or an exponent is not a whole number, even -0 and 1e2.
                "-0" | "1.5" | "1e2" => assert_refused_at(
                    &error,
                    FileErrorKind::Structure,
                    Some(path),
                    &text,
                    &written,
                    &["wrong kind of value", "expected a whole number", range],
                ),
                _ => assert_refused_at(
                    &error,
                    FileErrorKind::Structure,
                    Some(path),
                    &text,
                    &written,
                    &["value out of range", number, range],
                ),
            }
        }
    }
}

#[test]
fn a_version_that_is_not_a_whole_number_from_1_is_refused_at_version() {
    let valid = full_plan_file();
    for (version, kind, words) in [
        ("-0", FileErrorKind::Structure, &["whole number from 1", "-0"][..]),
        ("1.5", FileErrorKind::Structure, &["whole number from 1", "1.5"]),
        ("1e0", FileErrorKind::Structure, &["whole number from 1", "1e0"]),
        ("1e999", FileErrorKind::Structure, &["whole number from 1", "1e999"]),
        ("-1", FileErrorKind::Structure, &["whole number from 1", "-1"]),
        ("4294967296", FileErrorKind::NewerVersion, &["newer version", "4294967296"]),
        ("18446744073709551616", FileErrorKind::Structure, &["whole number from 1", "18446744073709551616"]),
    ] {
        let text = valid.replacen("\"version\": 1", &format!("\"version\": {version}"), 1);
        let error = refused(&text);
        assert_eq!(error.kind, kind, "{version}: {error:?}");
        assert_eq!(error.problems[0].path.as_deref(), Some("version"), "{version}: {error:?}");
        for word in words {
            assert!(error.problems[0].message.contains(word), "{version}: {word:?} in {error:?}");
        }
    }
    let text = valid.replacen("\"version\": 1", "\"version\": NaN", 1);
    assert_refused_at(&refused(&text), FileErrorKind::Syntax, None, &text, "NaN", &["not valid JSON"]);
}

// ---------------------------------------------------------------- nesting

#[test]
fn nesting_past_the_readers_limit_is_refused_at_the_place_it_starts() {
    let valid = full_plan_file();
    // serde_json stops at 128 levels; 129 is just past it, 100,000 far past.
    for depth in [129, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth));

        let text = valid.replacen("\"notes\": \"\"", &format!("\"notes\": {nested}"), 1);
        let error = refused(&text);
        assert_refused_at(
            &error,
            FileErrorKind::Structure,
            Some("plan.tasks[0].notes"),
            &text,
            "[[",
            &["a list", "expected text"],
        );

        let text = valid.replacen("\"notes\": \"\"", &format!("\"notes\": \"\", \"extra\": {objects}"), 1);
        let error = refused(&text);
        assert_refused_at(
            &error,
            FileErrorKind::Structure,
            Some("plan.tasks[0].extra"),
            &text,
            "\"extra\"",
            &["unknown field `extra`"],
        );

        for value in [&nested, &objects] {
            let text = valid.replacen("\"version\": 1,", &format!("\"version\": 1, \"x\": {value},"), 1);
            let error = refused(&text);
            assert_eq!(error.kind, FileErrorKind::Structure, "{error:?}");
            assert_eq!(error.to_string(), "x: is not a field of a plan file");

            let text = format!("{{\"format\": \"planwright\", \"version\": 1, \"plan\": {value}}}");
            let error = refused(&text);
            assert_eq!(error.kind, FileErrorKind::Structure, "{error:?}");
            assert!(error.problems[0].path.as_deref().unwrap().starts_with("plan"), "{error:?}");
            assert_eq!(error.problems[0].line, Some(1), "{error:?}");

            let unclosed = &value[..value.len() / 2];
            let text = format!("{{\"format\": \"planwright\", \"version\": 1, \"plan\": {unclosed}");
            assert_eq!(refused(&text).kind, FileErrorKind::Syntax);
            assert!(refused(&text).to_string().contains("cut short"));

            let error = refused(value);
            assert_eq!(error.kind, FileErrorKind::NotPlanwright, "{error:?}");
        }
    }
}

// ---------------------------------------------------------------- empty files, marks and lists

#[test]
fn an_empty_file_says_it_is_empty_at_line_1_column_1() {
    for text in ["", " ", "\n", " \n\t\r\n", "\u{feff}", "\u{feff} \n"] {
        let error = refused(text);
        assert_eq!(error.kind, FileErrorKind::Syntax, "{text:?}");
        assert_eq!(error.to_string(), "line 1, column 1: the file is empty", "{text:?}");
    }
}

#[test]
fn a_second_byte_order_mark_or_other_space_is_not_json() {
    let valid = full_plan_file();
    for text in [format!("\u{feff}\u{feff}{valid}"), format!("\u{a0}{valid}"), format!("{valid}\u{feff}")] {
        let error = refused(&text);
        assert_eq!(error.kind, FileErrorKind::Syntax, "{error:?}");
        assert!(error.problems[0].message.contains("not valid JSON"), "{error:?}");
        assert!(error.problems[0].line.is_some() && error.problems[0].column >= Some(1), "{error:?}");
    }
    assert!(parse(&format!("\u{feff}{valid}")).is_ok());
}

#[test]
fn a_file_cut_just_after_a_line_break_is_cut_short_at_column_1_of_the_next_line() {
    let error = refused("{\n");
    assert_eq!(error.kind, FileErrorKind::Syntax);
    assert_eq!(error.to_string(), "line 2, column 1: the file ends too early: it looks cut short (truncated)");
    let valid = full_plan_file();
    let cut = &valid[..valid.find("  \"plan\"").unwrap()];
    let error = refused(cut);
    assert_eq!((error.problems[0].line, error.problems[0].column), (Some(4), Some(1)), "{error:?}");
}

#[test]
fn a_list_at_the_top_is_not_a_plan_file_even_around_a_plan() {
    let valid = full_plan_file();
    for text in ["[]".to_string(), format!("[{valid}]"), "[{\"format\": \"planwright\"}]".to_string()] {
        let error = refused(&text);
        assert_eq!(error.kind, FileErrorKind::NotPlanwright, "{error:?}");
        assert!(error.to_string().contains("not a Planwright plan file"), "{error}");
    }
}

// ---------------------------------------------------------------- kinds of value

#[test]
fn a_choice_given_as_anything_but_one_of_its_names_is_a_structure_error_naming_the_choices() {
    let valid = full_plan_file();
    for (value, found) in [("null", "null"), ("1", "the number 1"), ("[]", "a list"), ("{\"FS\": null}", "an object")] {
        let text = valid.replacen("\"kind\": \"FS\"", &format!("\"kind\": {value}"), 1);
        let error = refused(&text);
        assert_refused_at(
            &error,
            FileErrorKind::Structure,
            Some("plan.dependencies[0].kind"),
            &text,
            &format!("\"kind\": {value}"),
            &[&format!("wrong kind of value: {found}, expected one of `FS`, `SS`, `FF` or `SF`")],
        );
    }
}

#[test]
fn a_list_in_place_of_an_object_is_refused_even_when_its_fields_may_all_be_left_out() {
    // serde read an object's fields from a list in field order too; the file format never
    // had that form (to_json writes objects), and the reader refuses it.
    let valid = full_plan_file();
    let start = valid.find("\"settings\": {").unwrap();
    let end = start + valid[start..].find('}').unwrap() + 1;
    for list in ["[]", "[3, 4]"] {
        let text = format!("{}\"settings\": {list}{}", &valid[..start], &valid[end..]);
        let error = refused(&text);
        assert_refused_at(
            &error,
            FileErrorKind::Structure,
            Some("plan.settings"),
            &text,
            &format!("\"settings\": {list}"),
            &["wrong kind of value: a list, expected an object"],
        );
    }
}

// ---------------------------------------------------------------- keys that are not plain names

#[test]
fn a_key_that_is_not_a_plain_name_is_named_in_quotes() {
    let valid = full_plan_file();
    let cases = [
        ("\"version\": 1,", "\"version\": 1, \"\": 1,", "[\"\"]: is not a field of a plan file"),
        ("\"version\": 1,", "\"version\": 1, \"a\\nb\": 1,", "[\"a\\nb\"]: is not a field of a plan file"),
        ("\"version\": 1,", "\"version\": 1, \"has space\": 1,", "[\"has space\"]: is not a field of a plan file"),
        ("\"version\": 1,", "\"version\": 1, \"\": 1, \"\": 2,", "[\"\"]: is given twice"),
    ];
    for (from, to, shown) in cases {
        let error = refused(&valid.replacen(from, to, 1));
        assert_eq!(error.kind, FileErrorKind::Structure);
        assert_eq!(error.to_string(), shown);
    }
    let text = valid.replacen("\"description\"", "\"my key\": 1, \"description\"", 1);
    let error = refused(&text);
    assert_eq!(error.problems[0].path.as_deref(), Some("plan[\"my key\"]"), "{error:?}");
    assert!(error.problems[0].message.contains("unknown field `my key`"), "{error:?}");
    let text = valid.replacen("\"notes\": \"\"", "\"notes\": \"\", \"\": 2", 1);
    let error = refused(&text);
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.tasks[0][\"\"]"), "{error:?}");
}

// ---------------------------------------------------------------- rules a file and an edit share

#[test]
fn a_baseline_name_longer_than_an_edit_allows_is_refused_in_a_file_too() {
    let mut plan = common::sample_plan();
    plan.baselines[0].name = "b".repeat(MAX_NAME_CHARS + 1);
    assert!(check_baseline_fields(&plan.baselines[0]).is_err(), "an edit refuses it");
    let error = refused(&to_json(&plan));
    assert_eq!(error.kind, FileErrorKind::Invalid);
    assert_eq!(error.problems.len(), 1, "{error:?}");
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.baselines[0].name"));
    assert!(error.problems[0].message.contains("longer than 500 characters"), "{error:?}");
    plan.baselines[0].name = "b".repeat(MAX_NAME_CHARS);
    assert_eq!(parse(&to_json(&plan)).unwrap(), plan);
}

// ---------------------------------------------------------------- the model's findings in a catalog of hostile files

#[test]
fn a_baseline_listing_a_task_twice_is_refused_at_the_second_entry() {
    let mut plan = common::sample_plan();
    // T2, T3, T5, T5, T7: the status report would take the later T5 and hide its slip.
    plan.baselines[0].tasks[3].task = TaskId::new("T5");
    let error = refused(&to_json(&plan));
    assert_eq!(error.kind, FileErrorKind::Invalid);
    assert_eq!(error.problems.len(), 1, "{error:?}");
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.baselines[0].tasks[3].task"));
    assert_eq!(error.problems[0].message, "lists task T5 twice");
}

#[test]
fn an_empty_reference_says_it_is_empty_instead_of_naming_no_task() {
    let mut plan = common::sample_plan();
    plan.tasks[1].parent = Some(TaskId::new(""));
    plan.dependencies[0].predecessor = TaskId::new("");
    plan.dependencies[1].successor = TaskId::new("");
    plan.raci[0].task = TaskId::new("");
    plan.raci[1].person = PersonId::new("");
    plan.risks[0].owner = Some(PersonId::new(""));
    plan.risks[0].linked_tasks[0] = TaskId::new("");
    plan.baselines[0].tasks[0].task = TaskId::new("");
    let (task, person) = ("is empty: it must name a task", "is empty: it must name a person");
    let expected = [
        ("plan.tasks[1].parent", task),
        ("plan.dependencies[0].predecessor", task),
        ("plan.dependencies[1].successor", task),
        ("plan.raci[0].task", task),
        ("plan.raci[1].person", person),
        ("plan.risks[0].owner", person),
        ("plan.risks[0].linked_tasks[0]", task),
        ("plan.baselines[0].tasks[0].task", task),
    ]
    .map(|(path, message)| Problem::new(path, message));
    assert_eq!(validate_plan(&plan), expected);
}

#[test]
fn a_value_a_million_characters_long_is_shortened_in_every_message() {
    let long = "x".repeat(1_000_000);
    let mut plan = common::sample_plan();
    plan.tasks[1].parent = Some(TaskId::new(long.as_str()));
    plan.dependencies[0].successor = TaskId::new(long.as_str());
    plan.raci[1].person = PersonId::new(long.as_str());
    plan.risks[0].owner = Some(PersonId::new(long.as_str()));
    plan.risks[0].linked_tasks[0] = TaskId::new(long.as_str());
    plan.risks[1].category = long.clone();
    plan.baselines[0].tasks[0].task = TaskId::new(long.as_str());
    let newcomer = common::person(&"p".repeat(1_000_000), "Newcomer");
    plan.people.extend([newcomer.clone(), newcomer]);
    let problems = validate_plan(&plan);
    let shortened: Vec<&Problem> =
        problems.iter().filter(|problem| problem.message.contains("… (1000000 characters)")).collect();
    // The parent, the link's end, the RACI cell, the owner, the linked task, the
    // category, the baseline entry and the person id used twice.
    assert_eq!(shortened.len(), 8, "{problems:#?}");
    for problem in &problems {
        assert!(problem.message.chars().count() < 200, "{}: {}", problem.path, problem.message);
    }
}

#[test]
fn a_cycle_of_10000_tasks_names_its_first_tasks_how_many_more_and_the_closing_task() {
    let count = 10_000;
    let mut plan = common::empty_plan();
    plan.tasks = (1..=count).map(|number| common::task(&format!("T{number}"), "Step", 1)).collect();
    plan.dependencies = (1..=count)
        .map(|number| common::finish_to_start(&format!("T{number}"), &format!("T{}", number % count + 1)))
        .collect();
    let scheduled = planwright::schedule::compute(&plan).expect_err("a cycle cannot be scheduled").to_string();
    let validated = validate_plan(&plan);
    assert_eq!(validated.len(), 1, "{validated:?}");
    assert_short_closed_chain(&validated[0].message, "the dependencies form a cycle: ", count);
    assert_short_closed_chain(&scheduled, "the dependencies form a cycle: ", count);

    plan.dependencies.clear();
    for (index, task) in plan.tasks.iter_mut().enumerate() {
        task.parent = Some(TaskId::new(format!("T{}", (index + 1) % count + 1)));
    }
    let validated = validate_plan(&plan);
    assert_eq!(validated.len(), 1, "{validated:?}");
    assert_short_closed_chain(&validated[0].message, "the parents form a cycle: ", count);
}

/// `message` is `opening` and a chain of ten tasks, the count of those left out, and
/// the task the chain started from.
fn assert_short_closed_chain(message: &str, opening: &str, count: usize) {
    let chain = message.strip_prefix(opening).unwrap_or_else(|| panic!("{message}"));
    let links: Vec<&str> = chain.split(" → ").collect();
    assert_eq!(links.len(), 12, "{message}");
    assert_eq!(links[10], format!("… and {} more tasks", count - 10), "{message}");
    assert_eq!(links[0], links[11], "a closed chain: {message}");
    assert!(message.len() < 300, "{message}");
}

// ---------------------------------------------------------------- size

#[test]
fn a_plan_of_100000_tasks_with_a_cycle_at_its_end_is_refused_naming_the_cycle_and_does_not_schedule() {
    let count = 100_000;
    let mut plan = common::empty_plan();
    plan.tasks = (1..=count).map(|number| common::task(&format!("T{number}"), "Step", 1)).collect();
    plan.dependencies =
        (2..=count).map(|number| common::finish_to_start(&format!("T{}", number - 1), &format!("T{number}"))).collect();
    plan.dependencies.push(common::finish_to_start(&format!("T{count}"), &format!("T{}", count - 2)));
    let members = ["T99998", "T99999", "T100000"];

    let message = planwright::schedule::compute(&plan).expect_err("a cycle cannot be scheduled").to_string();
    assert!(message.contains("cycle"), "{message}");
    for member in members {
        assert!(message.contains(member), "{member} in {message}");
    }
    assert!(!message.contains("T99997"), "only the tasks of the cycle: {message}");

    // The same plan written compactly by hand, as another tool might write it (and
    // quicker to build than with serde_json in a debug build).
    let mut text = String::with_capacity(16 << 20);
    text.push_str(
        r#"{"format":"planwright","version":1,"plan":{"name":"Launch","description":"","start":"2027-01-04","#,
    );
    text.push_str(
        r#""calendar":{"working_weekdays":["mon","tue","wed","thu","fri"],"holidays":[]},"people":[],"tasks":["#,
    );
    for number in 1..=count {
        let comma = if number == 1 { "" } else { "," };
        text.push_str(&format!(
            r#"{comma}{{"id":"T{number}","name":"Step","parent":null,"kind":"task","duration":1,"progress":0,"notes":""}}"#
        ));
    }
    text.push_str(r#"],"dependencies":["#);
    for dependency in &plan.dependencies {
        let comma = if dependency.successor.as_str() == "T2" { "" } else { "," };
        let (predecessor, successor) = (&dependency.predecessor, &dependency.successor);
        text.push_str(&format!(
            r#"{comma}{{"predecessor":"{predecessor}","successor":"{successor}","kind":"FS","lag":0}}"#
        ));
    }
    text.push_str(r#"],"raci":[],"risks":[],"baselines":[]}}"#);
    let error = refused(&text);
    assert_eq!(error.kind, FileErrorKind::Invalid);
    assert_eq!(error.problems.len(), 1, "{error}");
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.dependencies"));
    let shown = error.to_string();
    assert!(shown.contains("the dependencies form a cycle"), "{shown}");
    for member in members {
        assert!(shown.contains(member), "{member} in {shown}");
    }
    assert!(!shown.contains("T99997"), "only the tasks of the cycle: {shown}");
}
