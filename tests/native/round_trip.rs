//! `file::to_json` and `file::parse` are inverse: what is written reads back as the
//! same plan, the same plan always gives the same bytes, and a small edit gives a
//! small diff. The randomised tests use a fixed seed, so a failure repeats.

use crate::common;

use crate::common::{generated_plan, sample_plan, Random};
use planwright::file::{parse, to_json};
use planwright::model::{ConstraintKind, DateConstraint, Plan, TaskId};

fn assert_round_trip(plan: &Plan) {
    let text = to_json(plan);
    match parse(&text) {
        Ok(read) => assert!(read == *plan, "the plan read back differs from the one written"),
        Err(error) => panic!("to_json wrote a file parse refuses: {error}"),
    }
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accept").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Lines that differ between two texts of the same number of lines.
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    let before: Vec<&str> = before.lines().collect();
    let after: Vec<&str> = after.lines().collect();
    assert_eq!(before.len(), after.len(), "a one-field change should not add or remove lines");
    before
        .iter()
        .zip(&after)
        .filter(|(old, new)| old != new)
        .map(|(old, new)| (old.to_string(), new.to_string()))
        .collect()
}

#[test]
fn empty_plan_round_trips() {
    assert_round_trip(&common::empty_plan());
}

#[test]
fn sample_plan_with_every_field_round_trips() {
    assert_round_trip(&sample_plan());
}

#[test]
fn plan_of_two_thousand_tasks_dependencies_raci_cells_and_risks_round_trips() {
    let plan = generated_plan(2_000, 1);
    assert_eq!(plan.tasks.len(), 2_000);
    assert_eq!(plan.dependencies.len(), 2_000);
    assert_eq!(plan.raci.len(), 2_000);
    assert_eq!(plan.risks.len(), 2_000);
    assert_round_trip(&plan);
}

#[test]
fn text_with_quotes_escapes_and_any_unicode_round_trips() {
    let mut plan = sample_plan();
    plan.name = "Launch \"Q3\" \\ path C:\\temp".into();
    plan.description = "line one\nline two\r\n\ttab \u{0}nul \u{1f} \u{7f} \u{2028}\u{2029} \u{feff}bom".into();
    plan.tasks[1].name = "Ünïcödé 設計 😀 \u{202e}right-to-left".into();
    plan.tasks[1].notes = "</script><script>alert(1)</script>".into();
    plan.people[0].team = "{\"not\": \"json\"}".into();
    plan.risks[0].trigger = "x".repeat(planwright::model::validate::MAX_TEXT_CHARS);
    assert_round_trip(&plan);
}

#[test]
fn every_calendar_and_every_enum_value_round_trips() {
    use chrono::Weekday;
    use planwright::model::{DependencyKind, RaciRole, RiskResponse, RiskStatus};
    let mut plan = sample_plan();
    plan.calendar.working_weekdays = vec![Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu];
    assert_round_trip(&plan);
    plan.calendar.working_weekdays = vec![Weekday::Sat];
    assert_round_trip(&plan);
    for (index, kind) in DependencyKind::ALL.into_iter().enumerate() {
        plan.dependencies[index].kind = kind;
    }
    for (index, role) in RaciRole::ALL.into_iter().enumerate() {
        plan.raci[index].role = role;
    }
    for (response, status) in RiskResponse::ALL.into_iter().zip(RiskStatus::ALL) {
        plan.risks[0].response = response;
        plan.risks[0].status = status;
        assert_round_trip(&plan);
    }
}

#[test]
fn to_json_gives_the_same_bytes_every_time() {
    for plan in [sample_plan(), generated_plan(300, 2)] {
        let first = to_json(&plan);
        let second = to_json(&plan.clone());
        assert_eq!(first, second);
        assert_eq!(to_json(&parse(&first).unwrap()), first, "reading and writing again changes nothing");
    }
}

#[test]
fn to_json_ends_with_exactly_one_newline() {
    for plan in [common::empty_plan(), sample_plan()] {
        let text = to_json(&plan);
        assert!(text.ends_with("}\n"), "{:?}", &text[text.len() - 5..]);
        assert!(!text.ends_with("\n\n"));
    }
}

#[test]
fn to_json_writes_the_envelope_first() {
    let text = to_json(&sample_plan());
    assert!(text.starts_with("{\n  \"format\": \"planwright\",\n  \"version\": 1,\n  \"plan\": {\n"), "{text}");
}

#[test]
fn renaming_one_task_changes_exactly_one_line() {
    let mut plan = sample_plan();
    let before = to_json(&plan);
    plan.tasks[2].name = "API build and load test".into();
    let changes = changed_lines(&before, &to_json(&plan));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].1.contains("\"name\": \"API build and load test\""), "{changes:?}");
}

#[test]
fn changing_any_single_field_changes_exactly_one_line() {
    type Edit = (&'static str, fn(&mut Plan));
    let edits: Vec<Edit> = vec![
        ("duration", |plan| plan.tasks[5].duration = 9),
        ("progress", |plan| plan.tasks[1].progress = 55),
        ("deadline set", |plan| plan.tasks[5].deadline = Some(common::date(2027, 3, 1))),
        ("deadline cleared", |plan| plan.tasks[2].deadline = None),
        ("parent", |plan| plan.tasks[5].parent = Some(TaskId::new("T1"))),
        ("lag", |plan| plan.dependencies[2].lag = -4),
        ("raci role", |plan| plan.raci[0].role = planwright::model::RaciRole::C),
        ("risk impact", |plan| plan.risks[1].impact = 1),
        ("risk owner", |plan| plan.risks[1].owner = Some(planwright::model::PersonId::new("P3"))),
        ("plan start", |plan| plan.start = common::date(2027, 2, 1)),
        ("description with a newline", |plan| plan.description.push_str("\nThird line.")),
    ];
    for (what, edit) in edits {
        let mut plan = sample_plan();
        let before = to_json(&plan);
        edit(&mut plan);
        let changes = changed_lines(&before, &to_json(&plan));
        assert_eq!(changes.len(), 1, "{what}: {changes:?}");
    }
}

#[test]
fn accepted_fixtures_written_by_to_json_read_back_to_their_own_bytes() {
    for name in ["minimal.plan.json", "full.plan.json", "constraints.plan.json", "raid_and_budget.plan.json"] {
        let text = fixture(name);
        let plan = parse(&text).unwrap();
        assert!(to_json(&plan) == text, "{name} is not in the form to_json writes");
    }
}

#[test]
fn a_file_from_before_constraint_kinds_reads_unchanged_and_is_written_back_as_it_was() {
    let text = fixture("full.plan.json");
    assert!(!text.contains("\"constraint\""), "written before the field existed");
    let plan = parse(&text).unwrap();
    assert!(plan.tasks.iter().all(|task| task.constraint.is_none()));
    let not_before: Vec<&str> =
        plan.tasks.iter().filter(|task| task.start_no_earlier_than.is_some()).map(|task| task.id.as_str()).collect();
    assert_eq!(not_before, ["T5"], "its start-no-earlier-than date reads as it always did");
    assert!(to_json(&plan) == text);
}

#[test]
fn a_file_with_every_kind_of_date_constraint_reads_and_round_trips() {
    let plan = parse(&fixture("constraints.plan.json")).unwrap();
    let kinds: Vec<Option<ConstraintKind>> =
        plan.tasks.iter().map(|task| task.date_constraint().map(|constraint| constraint.kind)).collect();
    let mut expected: Vec<Option<ConstraintKind>> = ConstraintKind::ALL.into_iter().map(Some).collect();
    expected.push(None);
    assert_eq!(kinds, expected);
    assert_eq!(
        plan.task("T4").unwrap().constraint,
        Some(DateConstraint { kind: ConstraintKind::FinishNoLaterThan, date: common::date(2027, 3, 19) })
    );
    assert_round_trip(&plan);
}

#[test]
fn example_plan_shipped_with_the_app_reads_back_to_its_own_bytes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/program.plan.json");
    let text = std::fs::read_to_string(path).unwrap();
    let plan = parse(&text).unwrap_or_else(|error| panic!("examples/program.plan.json is refused: {error}"));
    assert!(to_json(&plan) == text, "examples/program.plan.json is not in the form to_json writes");
}

#[test]
fn compact_fixture_is_rewritten_in_canonical_form() {
    let plan = parse(&fixture("full.compact.json")).unwrap();
    assert_eq!(to_json(&plan), fixture("full.plan.json"));
}

// ---------------------------------------------------------------- randomised

/// Text for a name: never blank, and drawn from characters JSON must escape or
/// that are easy to get wrong.
fn random_text(random: &mut Random, max_chars: u64) -> String {
    const CHARACTERS: [char; 16] =
        ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u{0}', '\u{1f}', 'é', '😀', '\u{2028}', '\u{feff}', '{', '→'];
    let mut text = String::from("n");
    for _ in 0..random.below(max_chars) {
        text.push(CHARACTERS[random.below(CHARACTERS.len() as u64) as usize]);
    }
    text
}

fn random_small_plan(random: &mut Random) -> Plan {
    let task_count = random.below(25) as usize;
    let mut plan = generated_plan(task_count, random.next_u64());
    plan.name = random_text(random, 12);
    plan.description = random_text(random, 40);
    for task in &mut plan.tasks {
        task.name = random_text(random, 8);
        task.notes = if random.below(2) == 0 { String::new() } else { random_text(random, 20) };
    }
    for person in &mut plan.people {
        person.role = random_text(random, 5);
    }
    for risk in &mut plan.risks {
        risk.title = random_text(random, 8);
        risk.mitigation = random_text(random, 8);
    }
    plan
}

#[test]
fn random_small_valid_plans_round_trip() {
    let mut random = Random::new(0x5eed);
    for _ in 0..300 {
        let plan = random_small_plan(&mut random);
        assert_round_trip(&plan);
    }
}

#[test]
fn parse_never_panics_on_arbitrary_text() {
    const PIECES: [&str; 24] = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "format",
        "planwright",
        "version",
        "plan",
        "1",
        "-",
        "0",
        "e9",
        "null",
        "true",
        " ",
        "\n",
        "tasks",
        "\u{feff}",
        "é",
        "\\u00",
    ];
    let mut random = Random::new(42);
    for _ in 0..5_000 {
        let mut text = String::new();
        for _ in 0..random.below(40) {
            text.push_str(PIECES[random.below(PIECES.len() as u64) as usize]);
        }
        let _ = parse(&text);
    }
    for _ in 0..2_000 {
        let bytes: Vec<u8> = (0..random.below(64)).map(|_| random.below(256) as u8).collect();
        let _ = parse(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn parse_never_panics_on_any_truncation_of_a_valid_file() {
    let text = fixture("minimal.plan.json");
    let closing_brace = text.trim_end().len() - 1;
    for (end, _) in text.char_indices() {
        let result = parse(&text[..end]);
        if end <= closing_brace {
            assert!(result.is_err(), "a prefix of {end} bytes was accepted");
        } else {
            assert!(result.is_ok(), "only the final newline is missing");
        }
    }
    let full = fixture("full.plan.json");
    let mut random = Random::new(7);
    for _ in 0..300 {
        let mut end = random.below(full.len() as u64) as usize;
        while !full.is_char_boundary(end) {
            end -= 1;
        }
        assert!(parse(&full[..end]).is_err());
    }
}

#[test]
fn parse_never_panics_on_randomly_edited_valid_files_and_what_it_accepts_round_trips() {
    const REPLACEMENTS: [&str; 20] = [
        "",
        "0",
        "-1",
        "101",
        "1e999",
        "null",
        "\"\"",
        "\"T1\"",
        "\"P1\"",
        "[]",
        "{}",
        "\"x\"",
        ",",
        "\"",
        "}",
        "]",
        "2027-02-30",
        "\"milestone\"",
        "true",
        "\"A/R\"",
    ];
    let original = fixture("full.plan.json");
    let mut random = Random::new(99);
    let mut accepted = 0;
    for _ in 0..1_500 {
        let mut text = original.clone();
        for _ in 0..1 + random.below(3) {
            let mut start = random.below(text.len() as u64) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + random.below(8) as usize).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let replacement = REPLACEMENTS[random.below(REPLACEMENTS.len() as u64) as usize];
            text.replace_range(start..end, replacement);
        }
        if let Ok(plan) = parse(&text) {
            accepted += 1;
            assert_round_trip(&plan);
        }
    }
    assert!(accepted > 0, "no edit kept the file valid; the test would prove little");
}
