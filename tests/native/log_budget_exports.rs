//! The exports of the RAID log and the budget: a CSV per kind of log entry, the whole
//! log as Markdown, the budget with earned value as CSV, each compared byte for byte
//! with a golden file under tests/golden (`UPDATE_GOLDEN=1 cargo test --test native`
//! rewrites them; check the diff before committing it) and read back; and the exports
//! that were there before, unchanged for a plan without a log or a budget.

use crate::common::{date, generated_plan, raid_plan, read_csv, sample_plan, Random};
use chrono::NaiveDate;
use planwright::analysis::earned_value::earned_value;
use planwright::file::{
    budget_csv, calendar_ics, log_csv, log_markdown, mermaid_gantt, raci_csv, raci_markdown, risks_csv, risks_markdown,
    to_json,
};
use planwright::model::budget::{format_amount, parse_amount};
use planwright::model::{Budget, DayRate, LogKind, Money, Plan, TaskCost};
use planwright::report::budget_table;
use planwright::schedule::{compute, Schedule};

use crate::common::assert_golden;

/// The day the log is read: the assumption A1 and the issue I1 are overdue.
fn today() -> NaiveDate {
    date(2027, 2, 1)
}

/// The status date of earned value: the Wednesday of the baseline's first week.
fn status_date() -> NaiveDate {
    date(2027, 1, 6)
}

fn scheduled(plan: &Plan) -> Schedule {
    compute(plan).expect("the test plan schedules")
}

fn budget_of(plan: &Plan) -> String {
    budget_csv(&budget_table(plan, &scheduled(plan), plan.baselines.last(), status_date()))
}

// ---------------------------------------------------------------- golden files

#[test]
fn the_csv_of_each_kind_of_log_entry_matches_its_golden_file() {
    let plan = raid_plan();
    assert_golden("raid_assumptions.csv", &log_csv(&plan, LogKind::Assumption));
    assert_golden("raid_issues.csv", &log_csv(&plan, LogKind::Issue));
    assert_golden("raid_decisions.csv", &log_csv(&plan, LogKind::Decision));
}

#[test]
fn the_markdown_of_the_log_matches_its_golden_file() {
    assert_golden("raid_log.md", &log_markdown(&raid_plan(), today()));
}

#[test]
fn the_budget_csv_matches_its_golden_file() {
    assert_golden("budget.csv", &budget_of(&raid_plan()));
}

// ---------------------------------------------------------------- the log

#[test]
fn every_log_csv_reads_back_with_every_field_people_by_name_and_linked_tasks_by_id_and_name() {
    let plan = raid_plan();
    for kind in LogKind::ALL {
        let text = log_csv(&plan, kind);
        assert!(!text.starts_with("ID"), "Excel reads a file starting with ID as SYLK");
        let records = read_csv(&text);
        let width = records[0].len();
        assert!(records.iter().all(|record| record.len() == width), "{kind:?}: ragged rows");
    }
    let assumptions = read_csv(&log_csv(&plan, LogKind::Assumption));
    assert_eq!(
        assumptions[1],
        [
            "A1",
            "Vendor keeps the 2026 price",
            "Grace Hopper",
            "P2",
            "2027-01-20",
            "open",
            "Quote valid, \"for now\".",
            "T3, T6",
            "API build\nUI build",
            "2027-01-04"
        ]
    );
    assert_eq!(assumptions[2][1], "'=SUM(A1) stays text", "a formula start is guarded");
    let issues = read_csv(&log_csv(&plan, LogKind::Issue));
    assert_eq!(issues.len(), 3);
    assert_eq!(issues[1][12], "R1", "from risk");
    assert_eq!(issues[2][13], "A1", "from assumption");
    let decisions = read_csv(&log_csv(&plan, LogKind::Decision));
    assert_eq!(decisions[1][2], "Ada Lovelace");
    assert_eq!(decisions[1][10], "D2", "superseded by");
    assert_eq!((decisions[2][2].as_str(), decisions[2][3].as_str()), ("Former CTO", ""), "the name kept");
}

#[test]
fn the_log_markdown_marks_what_is_overdue_on_the_day_given() {
    let plan = raid_plan();
    let text = log_markdown(&plan, today());
    assert!(text.contains("| open, overdue |"), "A1 was to be validated by 2027-01-20");
    assert!(text.contains("| in progress, overdue |"), "I1 was due 2027-01-15");
    assert!(text.contains("| resolved |"), "a resolved issue is never overdue");
    assert!(text.contains("1 open assumption (1 overdue), 1 open issue (1 overdue), 2 decisions (1 superseded)"));
    let early = log_markdown(&plan, date(2027, 1, 12));
    assert!(!early.contains("overdue |"), "nothing is overdue on 2027-01-12:\n{early}");
    for section in ["### Assumptions", "### Issues", "### Decisions"] {
        assert!(text.contains(section), "{section}");
    }
}

#[test]
fn a_log_without_entries_says_each_list_is_empty_and_its_csv_is_a_heading_row() {
    let plan = sample_plan();
    let text = log_markdown(&plan, today());
    for line in ["No assumptions.", "No issues.", "No decisions."] {
        assert!(text.contains(line), "{line}: {text}");
    }
    for kind in LogKind::ALL {
        assert_eq!(read_csv(&log_csv(&plan, kind)).len(), 1);
    }
}

// ---------------------------------------------------------------- the budget

/// The amount of a CSV cell written by `format_amount`.
fn amount(cell: &str, currency: &str) -> Money {
    match cell.strip_prefix('-') {
        Some(positive) => Money(-parse_amount(positive, currency).unwrap().0),
        None => parse_amount(cell, currency).unwrap(),
    }
}

#[test]
fn the_budget_csv_has_a_row_per_task_per_workstream_and_the_total_with_exact_amounts() {
    let plan = raid_plan();
    let records = read_csv(&budget_of(&plan));
    assert_eq!(records[0][0], "Level");
    assert_eq!(records[0][3], "Planned cost (EUR)");
    let levels: Vec<&str> = records[1..].iter().map(|record| record[0].as_str()).collect();
    let mut expected = vec!["task"; plan.tasks.len()];
    expected.extend(["workstream", "workstream", "plan"]);
    assert_eq!(levels, expected);
    // T3: 1,200.00 fixed + 5 days × 800.00; BAC 5,200.00, 40% done, 2,500.00 spent.
    let t3 = &records[3];
    assert_eq!(t3[..5], ["task", "T3", "API build", "5,200.00", ""]);
    assert_eq!(t3[5..11], ["5,200.00", "3,120.00", "2,080.00", "2,500.00", "-420.00", "-1,040.00"]);
    assert_eq!(t3[11..], ["", "", "", ""], "ratios are read on sums");
    let total = records.last().unwrap();
    assert_eq!(total[4], "50,000.00");
    assert!(total[11..].iter().all(|cell| !cell.is_empty()), "{total:?}");
}

#[test]
fn the_task_rows_add_up_to_the_workstreams_and_the_total_of_earned_value() {
    let mut random = Random::new(7);
    let mut plan = generated_plan(120, 3);
    plan.budget = Budget { currency: "JPY".into(), ..Budget::default() };
    for person in plan.people.iter().take(10) {
        plan.budget.day_rates.push(DayRate { person: person.id.clone(), rate: Money(1 + random.below(90_000) as i64) });
    }
    for task in &plan.tasks {
        if random.below(3) != 0 {
            continue;
        }
        let mut cost = TaskCost::none(task.id.clone());
        cost.fixed = Money(random.below(1_000_000) as i64);
        cost.actual = Money(random.below(1_000_000) as i64);
        plan.budget.tasks.push(cost);
    }
    for entry in &mut plan.baselines[0].tasks {
        entry.cost = Some(Money(random.below(10_000_000) as i64));
    }
    let schedule = scheduled(&plan);
    let on = date(2027, 2, 3);
    let value = earned_value(&plan, &schedule, plan.baselines.last(), on);
    let records = read_csv(&budget_csv(&budget_table(&plan, &schedule, plan.baselines.last(), on)));
    let tasks: Vec<&Vec<String>> = records.iter().filter(|record| record[0] == "task").collect();
    for (column, expected) in [(5, value.plan.bac), (6, value.plan.pv), (7, value.plan.ev), (8, value.plan.ac)] {
        let sum: Money = tasks.iter().map(|record| amount(&record[column], "JPY")).sum();
        assert_eq!(sum, expected, "column {}", records[0][column]);
    }
    let total = records.last().unwrap();
    assert_eq!(amount(&total[3], "JPY"), value.planned_now);
    assert_eq!(amount(&total[8], "JPY"), value.plan.ac);
    assert_eq!(total[11], value.plan.cpi().unwrap().to_string());
    let workstreams: Vec<&Vec<String>> = records.iter().filter(|record| record[0] == "workstream").collect();
    assert_eq!(workstreams.len(), value.workstreams.len());
    for (record, workstream) in workstreams.iter().zip(&value.workstreams) {
        assert_eq!(record[1], workstream.task.as_str());
        assert_eq!(amount(&record[7], "JPY"), workstream.figures.ev);
    }
}

#[test]
fn amounts_are_written_as_format_amount_writes_them_and_never_guarded() {
    let plan = raid_plan();
    let text = budget_of(&plan);
    assert!(text.contains(",-420.00,"), "a negative amount is a number, not a formula: {text}");
    assert!(text.contains(&format!("\"{}\"", format_amount(Money(520_000), "EUR"))));
    assert!(!text.contains('\''), "no field needed the formula guard");
}

// ---------------------------------------------------------------- earlier exports unchanged

/// The sample plan without its log and budget reads as the plan it was, and gives the
/// exports it gave: the log and budget change none of them.
#[test]
fn a_plan_without_a_log_or_budget_gives_the_exports_it_gave_before() {
    let with = raid_plan();
    let mut without = with.clone();
    without.assumptions.clear();
    without.issues.clear();
    without.decisions.clear();
    without.budget = Budget::default();
    let exports = |plan: &Plan| {
        let schedule = scheduled(plan);
        let now = today().and_hms_opt(9, 0, 0).unwrap();
        [
            raci_csv(plan),
            raci_markdown(plan),
            risks_csv(plan),
            risks_markdown(plan),
            mermaid_gantt(plan, &schedule),
            calendar_ics(plan, &schedule, now),
        ]
    };
    assert_eq!(exports(&with), exports(&without));
    let file = to_json(&without);
    for field in ["\"assumptions\"", "\"issues\"", "\"decisions\"", "\"budget\""] {
        assert!(!file.contains(field), "{field} is left out of the file");
    }
}
