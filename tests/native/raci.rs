//! The RACI checks (`model::raci`), the plan settings that tune them, and the
//! matrix exports, compared byte for byte with golden files under tests/golden.
//! `UPDATE_GOLDEN=1 cargo test --test raci` rewrites the golden files from the
//! current output (check the diff before committing it).

use crate::common;

use crate::common::{
    assert_golden, date, finish_to_start, milestone, person, raci, read_csv, sample_plan, subtask, task,
};
use planwright::analysis::raci::{check, PersonRaci, RaciProblem, RaciProblemKind, RaciReport, Severity};
use planwright::file::csv::{csv_field, csv_row};
use planwright::file::markdown::markdown_row;
use planwright::file::{parse, raci_csv, raci_markdown, to_json, FileErrorKind};
use planwright::model::raci::{person_heading, team_columns, RaciMatrix, RoleSet};
use planwright::model::validate::validate_plan;
use planwright::model::{apply, Command, ModelError, Person, PersonId, Plan, PlanSettings, RaciRole, TaskId};
use planwright::schedule::compute;

// ---------------------------------------------------------------- helpers

/// Checks a plan that must be valid.
fn report(plan: &Plan) -> RaciReport {
    let problems = validate_plan(plan);
    assert!(problems.is_empty(), "the test plan is invalid: {problems:?}");
    let schedule = compute(plan).expect("the test plan schedules");
    let report = check(plan, &schedule);
    let errors = report.problems.iter().filter(|problem| problem.severity == Severity::Error).count();
    assert_eq!((report.errors, report.warnings), (errors, report.problems.len() - errors), "counts by severity");
    report
}

/// The problems as (kind name, task, person), to compare lists at a glance.
fn summary(report: &RaciReport) -> Vec<(String, Option<String>, Option<String>)> {
    report
        .problems
        .iter()
        .map(|problem| {
            let kind = format!("{:?}", problem.kind);
            let name = kind.split([' ', '{']).next().unwrap().to_string();
            (name, problem.task.as_ref().map(|id| id.to_string()), problem.person.as_ref().map(|id| id.to_string()))
        })
        .collect()
}

fn entry(kind: &str, task: Option<&str>, person: Option<&str>) -> (String, Option<String>, Option<String>) {
    (kind.to_string(), task.map(str::to_string), person.map(str::to_string))
}

fn only_problem(report: &RaciReport) -> &RaciProblem {
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    &report.problems[0]
}

/// Two people and one plain five-day task, with nothing in the matrix yet.
fn one_task_plan() -> Plan {
    let mut plan = common::empty_plan();
    plan.people = vec![person("P1", "Ada Lovelace"), person("P2", "Grace Hopper")];
    plan.tasks = vec![task("T1", "API design", 5)];
    plan
}

/// `count` five-day tasks T1.. starting together, P1 Responsible for all of them,
/// P2 Accountable for all of them.
fn parallel_plan(count: usize, duration: u32) -> Plan {
    let mut plan = common::empty_plan();
    plan.people = vec![person("P1", "Ada Lovelace"), person("P2", "Grace Hopper")];
    for number in 1..=count {
        let id = format!("T{number}");
        plan.tasks.push(task(&id, &format!("Task {number}"), duration));
        plan.raci.push(raci(&id, "P1", RaciRole::R));
        plan.raci.push(raci(&id, "P2", RaciRole::A));
    }
    plan
}

fn overloads(report: &RaciReport) -> Vec<(chrono::NaiveDate, chrono::NaiveDate, usize, Vec<String>)> {
    report
        .problems
        .iter()
        .filter_map(|problem| match &problem.kind {
            RaciProblemKind::Overloaded { first_day, last_day, concurrent, tasks, .. } => {
                Some((*first_day, *last_day, *concurrent, tasks.iter().map(|id| id.to_string()).collect()))
            }
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------- Accountable and Responsible

#[test]
fn a_task_with_one_accountable_and_one_responsible_has_no_problem() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::A), raci("T1", "P2", RaciRole::R)];
    assert!(report(&plan).problems.is_empty(), "{:#?}", report(&plan).problems);
}

#[test]
fn one_person_accountable_and_responsible_at_once_is_enough() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::AR), raci("T1", "P2", RaciRole::I)];
    assert!(report(&plan).problems.is_empty(), "{:#?}", report(&plan).problems);
}

#[test]
fn a_task_without_an_accountable_person_is_an_error() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::R), raci("T1", "P2", RaciRole::C)];
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.kind, RaciProblemKind::NoAccountable);
    assert_eq!(problem.task, Some(TaskId::new("T1")));
    assert_eq!(problem.person, None);
    assert_eq!(problem.message, "T1 \"API design\" has no Accountable person (A or A/R)");
    assert_eq!((report.errors, report.warnings), (1, 0));
}

#[test]
fn several_accountable_people_are_an_error_and_a_and_ar_both_count() {
    let mut plan = one_task_plan();
    plan.people.push(person("P3", "Linus Åkesson"));
    plan.raci = vec![raci("T1", "P2", RaciRole::A), raci("T1", "P3", RaciRole::R), raci("T1", "P1", RaciRole::AR)];
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(
        problem.kind,
        RaciProblemKind::SeveralAccountable { people: vec![PersonId::new("P2"), PersonId::new("P1")] },
        "in file order"
    );
    assert_eq!(
        problem.message,
        "T1 \"API design\" has 2 Accountable people (Grace Hopper (P2), Ada Lovelace (P1)); it needs exactly one"
    );
}

#[test]
fn a_task_without_a_responsible_person_is_an_error() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::A), raci("T1", "P2", RaciRole::C)];
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.kind, RaciProblemKind::NoResponsible);
    assert_eq!(problem.task, Some(TaskId::new("T1")));
    assert_eq!(problem.message, "T1 \"API design\" has no Responsible person (R or A/R)");
}

#[test]
fn a_task_with_no_roles_at_all_has_both_errors_accountable_first() {
    let mut plan = one_task_plan();
    plan.tasks.push(task("T2", "API build", 3));
    plan.raci = vec![raci("T2", "P1", RaciRole::AR), raci("T2", "P2", RaciRole::C)];
    assert_eq!(
        summary(&report(&plan)),
        [entry("NoAccountable", Some("T1"), None), entry("NoResponsible", Some("T1"), None)]
    );
}

#[test]
fn a_milestone_without_an_accountable_person_is_an_error() {
    let mut plan = one_task_plan();
    plan.tasks = vec![milestone("T1", "Launch")];
    plan.raci = vec![raci("T1", "P1", RaciRole::R), raci("T1", "P2", RaciRole::I)];
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.kind, RaciProblemKind::NoAccountable);
    assert_eq!(problem.message, "Milestone T1 \"Launch\" has no Accountable person (A or A/R)");
}

#[test]
fn a_milestone_needs_exactly_one_accountable_person_but_no_responsible_one() {
    let mut plan = one_task_plan();
    plan.tasks = vec![milestone("T1", "Launch")];
    plan.raci = vec![raci("T1", "P1", RaciRole::A), raci("T1", "P2", RaciRole::I)];
    assert!(report(&plan).problems.is_empty(), "a milestone is signed off, not worked");

    plan.raci = vec![raci("T1", "P1", RaciRole::A), raci("T1", "P2", RaciRole::A)];
    assert_eq!(summary(&report(&plan)), [entry("SeveralAccountable", Some("T1"), None)]);
}

// ---------------------------------------------------------------- Consulted

/// One task, Accountable and Responsible set, with `consulted` more people Consulted.
fn consulted_plan(consulted: usize) -> Plan {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::A), raci("T1", "P2", RaciRole::R)];
    for number in 0..consulted {
        let id = format!("P{}", number + 3);
        plan.people.push(person(&id, &format!("Consultant {}", number + 1)));
        plan.raci.push(raci("T1", &id, RaciRole::C));
    }
    plan
}

#[test]
fn four_consulted_people_are_fine_by_default() {
    assert_eq!(PlanSettings::default().consulted_limit, 4);
    assert!(report(&consulted_plan(4)).problems.is_empty());
}

#[test]
fn more_consulted_people_than_the_limit_is_a_slow_decisions_warning() {
    let plan = consulted_plan(5);
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.kind, RaciProblemKind::TooManyConsulted { count: 5 });
    assert_eq!(problem.task, Some(TaskId::new("T1")));
    assert_eq!(problem.message, "T1 \"API design\" has 5 Consulted people (more than 4): decisions may be slow");
    assert_eq!((report.errors, report.warnings), (0, 1));
}

#[test]
fn the_consulted_limit_comes_from_the_plan_settings() {
    let mut plan = consulted_plan(5);
    plan.settings.consulted_limit = 5;
    assert!(report(&plan).problems.is_empty());
    plan.settings.consulted_limit = 1;
    let consulted_two = consulted_plan(2);
    plan.raci = consulted_two.raci;
    plan.people = consulted_two.people;
    assert_eq!(only_problem(&report(&plan)).kind, RaciProblemKind::TooManyConsulted { count: 2 });
}

#[test]
fn a_milestone_with_many_consulted_people_is_warned_about_too() {
    let mut plan = consulted_plan(6);
    plan.tasks = vec![milestone("T1", "Sign-off")];
    let report = report(&plan);
    assert_eq!(
        only_problem(&report).message,
        "Milestone T1 \"Sign-off\" has 6 Consulted people (more than 4): decisions may be slow"
    );
}

// ---------------------------------------------------------------- overload

#[test]
fn three_overlapping_tasks_are_fine_by_default() {
    assert_eq!(PlanSettings::default().overload_threshold, 3);
    let report = report(&parallel_plan(3, 5));
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.people[0].peak_responsible, 3);
}

#[test]
fn a_person_responsible_for_more_overlapping_tasks_than_the_threshold_is_flagged_with_the_dates() {
    let plan = parallel_plan(4, 5);
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.person, Some(PersonId::new("P1")));
    assert_eq!(problem.task, None);
    assert_eq!(
        overloads(&report),
        [(date(2027, 1, 4), date(2027, 1, 8), 4, vec!["T1".into(), "T2".into(), "T3".into(), "T4".into()])]
    );
    assert_eq!(
        problem.message,
        "Ada Lovelace (P1) is Responsible for 4 tasks at once (more than 3) from 2027-01-04 to 2027-01-08: \
         T1 \"Task 1\", T2 \"Task 2\", T3 \"Task 3\", T4 \"Task 4\""
    );
    assert_eq!(report.people[0].peak_responsible, 4);
}

#[test]
fn the_overload_period_is_only_the_days_over_the_threshold() {
    // Three ten-day tasks from Monday 4 January; a fourth of three days from Wednesday 6.
    let mut plan = parallel_plan(4, 10);
    plan.tasks[3].duration = 3;
    plan.tasks[3].start_no_earlier_than = Some(date(2027, 1, 6));
    assert_eq!(
        overloads(&report(&plan)),
        [(date(2027, 1, 6), date(2027, 1, 8), 4, vec!["T1".into(), "T2".into(), "T3".into(), "T4".into()])]
    );
}

#[test]
fn an_overload_period_spans_a_weekend_and_names_its_last_working_day() {
    // The fourth task runs Thursday 7, Friday 8, Monday 11, Tuesday 12 January.
    let mut plan = parallel_plan(4, 10);
    plan.tasks[3].duration = 4;
    plan.tasks[3].start_no_earlier_than = Some(date(2027, 1, 7));
    let found = overloads(&report(&plan));
    assert_eq!((found[0].0, found[0].1), (date(2027, 1, 7), date(2027, 1, 12)));
}

#[test]
fn separate_overload_periods_are_separate_problems_earliest_first() {
    // Three long tasks; two short ones, one on 4-5 January and one on 13-14 January.
    let mut plan = parallel_plan(5, 20);
    plan.tasks[3].duration = 2;
    plan.tasks[4].duration = 2;
    plan.tasks[4].start_no_earlier_than = Some(date(2027, 1, 13));
    let report = report(&plan);
    assert_eq!(
        overloads(&report),
        [
            (date(2027, 1, 4), date(2027, 1, 5), 4, vec!["T1".into(), "T2".into(), "T3".into(), "T4".into()]),
            (date(2027, 1, 13), date(2027, 1, 14), 4, vec!["T1".into(), "T2".into(), "T3".into(), "T5".into()]),
        ]
    );
    assert_eq!(report.people[0].peak_responsible, 4);
}

#[test]
fn the_peak_of_a_period_is_the_most_at_once_and_a_one_day_period_says_which_day() {
    // Six tasks on Monday 4 January, four of them for ten days.
    let mut plan = parallel_plan(6, 10);
    plan.tasks[4].duration = 1;
    plan.tasks[5].duration = 1;
    let found = overloads(&report(&plan));
    assert_eq!((found[0].0, found[0].1, found[0].2), (date(2027, 1, 4), date(2027, 1, 15), 6));
    plan.settings.overload_threshold = 4;
    let found = report(&plan);
    let problem = only_problem(&found);
    assert!(problem.message.contains("6 tasks at once (more than 4) on 2027-01-04: T1"), "{}", problem.message);
}

#[test]
fn the_overload_threshold_comes_from_the_plan_settings() {
    let mut plan = parallel_plan(4, 5);
    plan.settings.overload_threshold = 4;
    assert!(report(&plan).problems.is_empty());
    let mut plan = parallel_plan(2, 5);
    plan.settings.overload_threshold = 1;
    assert_eq!(overloads(&report(&plan)), [(date(2027, 1, 4), date(2027, 1, 8), 2, vec!["T1".into(), "T2".into()])]);
}

#[test]
fn tasks_one_after_another_do_not_overlap() {
    let mut plan = parallel_plan(5, 5);
    plan.dependencies = vec![finish_to_start("T1", "T2"), finish_to_start("T2", "T3"), finish_to_start("T3", "T4")];
    let report = report(&plan);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.people[0].peak_responsible, 2);
}

#[test]
fn accountable_and_responsible_counts_for_overload_but_accountable_consulted_informed_do_not() {
    // The cells are (T1, P1), (T1, P2), (T2, P1), ...: index 2 is P1's on T2.
    let mut plan = parallel_plan(4, 5);
    plan.raci[2].role = RaciRole::AR;
    plan.raci.remove(3);
    assert_eq!(overloads(&report(&plan)).len(), 1);
    for role in [RaciRole::A, RaciRole::C, RaciRole::I] {
        let mut other = parallel_plan(4, 5);
        other.raci[2].role = role;
        assert!(overloads(&report(&other)).is_empty(), "{role:?} is not Responsible");
        assert_eq!(report(&other).people[0].peak_responsible, 3);
    }
}

#[test]
fn milestones_and_summaries_do_not_count_towards_overload() {
    let mut plan = parallel_plan(3, 5);
    plan.tasks.push(milestone("T4", "Launch"));
    plan.raci.push(raci("T4", "P1", RaciRole::R));
    plan.raci.push(raci("T4", "P2", RaciRole::A));
    // A summary over T1 with P1 Responsible on it: not worked, not counted.
    plan.tasks.insert(0, task("T5", "Workstream", 0));
    for task in &mut plan.tasks[1..4] {
        task.parent = Some(TaskId::new("T5"));
    }
    plan.raci.push(raci("T5", "P1", RaciRole::R));
    let report = report(&plan);
    assert!(overloads(&report).is_empty(), "{:#?}", report.problems);
    assert_eq!(report.people[0].peak_responsible, 3);
}

// ---------------------------------------------------------------- people without roles

#[test]
fn a_person_with_no_role_at_all_is_a_warning() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::AR)];
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.kind, RaciProblemKind::Unassigned);
    assert_eq!(problem.person, Some(PersonId::new("P2")));
    assert_eq!(problem.task, None);
    assert_eq!(problem.message, "Grace Hopper (P2) has no role on any task");
}

#[test]
fn any_role_is_an_assignment_informed_included() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::AR), raci("T1", "P2", RaciRole::I)];
    assert!(report(&plan).problems.is_empty());
}

#[test]
fn a_plan_without_people_or_tasks_has_no_problems() {
    let report = report(&common::empty_plan());
    assert_eq!(report, RaciReport::default());
}

// ---------------------------------------------------------------- summaries

/// T1 a summary of T2 and T3, both fully assigned.
fn summary_plan() -> Plan {
    let mut plan = one_task_plan();
    plan.tasks =
        vec![task("T1", "Backend", 0), subtask("T2", "API design", 3, "T1"), subtask("T3", "API build", 5, "T1")];
    plan.raci = vec![
        raci("T2", "P1", RaciRole::A),
        raci("T2", "P2", RaciRole::R),
        raci("T3", "P2", RaciRole::AR),
        raci("T3", "P1", RaciRole::C),
    ];
    plan
}

#[test]
fn a_summary_needs_no_roles_of_its_own() {
    let report = report(&summary_plan());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

#[test]
fn roles_stored_on_a_summary_are_a_warning_and_are_neither_checked_nor_counted() {
    let mut plan = summary_plan();
    plan.raci.push(raci("T1", "P2", RaciRole::A));
    plan.raci.push(raci("T1", "P1", RaciRole::A));
    let report = report(&plan);
    let problem = only_problem(&report);
    assert_eq!(problem.severity, Severity::Warning, "two A's on a summary are not an error: it is not checked");
    assert_eq!(
        problem.kind,
        RaciProblemKind::SummaryHasOwnRoles { people: vec![PersonId::new("P2"), PersonId::new("P1")] }
    );
    assert_eq!(problem.task, Some(TaskId::new("T1")));
    assert_eq!(
        problem.message,
        "T1 \"Backend\" is a summary but has roles of its own (Grace Hopper (P2) A, Ada Lovelace (P1) A): the \
         matrix shows and checks its subtasks' roles instead; clear them or give them to a subtask"
    );
    assert_eq!(report.people[0].accountable, 1, "the summary's A is not counted");
}

#[test]
fn a_summarys_roles_do_not_stand_in_for_its_subtasks() {
    let mut plan = summary_plan();
    plan.raci.retain(|cell| cell.task.as_str() != "T3");
    plan.raci.push(raci("T1", "P1", RaciRole::AR));
    plan.raci.push(raci("T3", "P2", RaciRole::I));
    assert_eq!(
        summary(&report(&plan)),
        [
            entry("NoAccountable", Some("T3"), None),
            entry("NoResponsible", Some("T3"), None),
            entry("SummaryHasOwnRoles", Some("T1"), None),
        ]
    );
}

#[test]
fn a_person_whose_only_roles_are_on_summaries_has_no_role_on_any_task() {
    let mut plan = summary_plan();
    plan.people.push(person("P3", "Linus Åkesson"));
    plan.raci.push(raci("T1", "P3", RaciRole::I));
    assert_eq!(
        summary(&report(&plan)),
        [entry("SummaryHasOwnRoles", Some("T1"), None), entry("Unassigned", None, Some("P3"))]
    );
}

// ---------------------------------------------------------------- order, counts, per person

#[test]
fn errors_come_first_then_warnings_each_in_outline_then_people_order() {
    let mut plan = common::empty_plan();
    plan.people = vec![person("P1", "Ada Lovelace"), person("P2", "Grace Hopper"), person("P3", "Idle")];
    // T3 is listed after T5 but shown before it, under T1: the outline is the order.
    plan.tasks = vec![
        task("T1", "Workstream", 0),
        subtask("T2", "First", 2, "T1"),
        task("T5", "Later", 2),
        subtask("T3", "Second", 2, "T1"),
    ];
    plan.raci = vec![
        raci("T1", "P1", RaciRole::I),
        raci("T2", "P1", RaciRole::R),
        raci("T3", "P1", RaciRole::A),
        raci("T5", "P1", RaciRole::A),
        raci("T5", "P2", RaciRole::A),
    ];
    for number in 1..=5 {
        let id = format!("P{}", number + 3);
        plan.people.push(person(&id, &format!("Consultant {number}")));
        plan.raci.push(raci("T2", &id, RaciRole::C));
    }
    let report = report(&plan);
    assert_eq!(
        summary(&report),
        [
            entry("NoAccountable", Some("T2"), None),
            entry("NoResponsible", Some("T3"), None),
            entry("SeveralAccountable", Some("T5"), None),
            entry("NoResponsible", Some("T5"), None),
            entry("SummaryHasOwnRoles", Some("T1"), None),
            entry("TooManyConsulted", Some("T2"), None),
            entry("Unassigned", None, Some("P3")),
        ]
    );
    assert_eq!((report.errors, report.warnings), (4, 3));
    assert_eq!(report.for_task(&TaskId::new("T5")).count(), 2);
    assert_eq!(report.for_person(&PersonId::new("P3")).count(), 1);
    assert_eq!(report, self::report(&plan.clone()), "the same plan gives the same report");
}

#[test]
fn each_person_has_counts_of_r_a_c_i_with_a_r_counting_for_both_and_the_peak() {
    let report = report(&sample_plan());
    let people: Vec<PersonRaci> = report.people.clone();
    let counts: Vec<(&str, usize, usize, usize, usize, usize)> = people
        .iter()
        .map(|person| {
            (
                person.person.as_str(),
                person.responsible,
                person.accountable,
                person.consulted,
                person.informed,
                person.peak_responsible,
            )
        })
        .collect();
    // sample_plan: P1 A on T2, C on T6, I on T7; P2 R on T2, A/R on T3 (one after the
    // other); P3 R on T5 and T6, which overlap.
    assert_eq!(counts, [("P1", 0, 1, 1, 1, 0), ("P2", 2, 1, 0, 0, 1), ("P3", 2, 0, 0, 0, 2)]);
}

#[test]
fn the_sample_plan_has_the_problems_a_reader_would_find() {
    assert_eq!(
        summary(&report(&sample_plan())),
        [
            entry("NoAccountable", Some("T5"), None),
            entry("NoAccountable", Some("T6"), None),
            entry("NoAccountable", Some("T7"), None),
        ]
    );
}

#[test]
fn the_example_plan_is_checked_and_every_problem_names_what_exists() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/program.plan.json");
    let plan = parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let report = report(&plan);
    assert_eq!(report.people.len(), plan.people.len());
    for problem in &report.problems {
        assert!(problem.task.is_some() || problem.person.is_some(), "{problem:?}");
        if let Some(task) = &problem.task {
            let name = &plan.task(task.as_str()).expect("an existing task").name;
            assert!(problem.message.contains(task.as_str()) && problem.message.contains(name.as_str()));
        }
        if let Some(person) = &problem.person {
            let name = &plan.person(person.as_str()).expect("an existing person").name;
            assert!(problem.message.contains(person.as_str()) && problem.message.contains(name.as_str()));
        }
    }
}

#[test]
fn a_large_generated_plan_is_checked_without_panicking() {
    let mut plan = common::generated_plan(2_000, 7);
    plan.people.extend((21..=100).map(|number| person(&format!("P{number}"), &format!("Person {number}"))));
    let report = report(&plan);
    assert_eq!(report.people.len(), 100);
    assert!(report.errors > 0 && report.warnings > 0);
    assert!(report.problems.iter().any(|problem| matches!(problem.kind, RaciProblemKind::Overloaded { .. })));
    let matrix = RaciMatrix::build(&plan);
    assert!((0..plan.tasks.len()).any(|task| matrix.is_summary(task) && !matrix.roles(task, 0).is_empty()));
}

#[test]
fn cells_naming_missing_tasks_or_people_are_skipped_not_a_panic() {
    let mut plan = one_task_plan();
    plan.raci = vec![raci("T1", "P1", RaciRole::AR), raci("T1", "P2", RaciRole::I), raci("T9", "P1", RaciRole::R)];
    plan.raci.push(raci("T1", "P9", RaciRole::R));
    let schedule = compute(&plan).unwrap();
    assert!(check(&plan, &schedule).problems.is_empty());
    assert!(RaciMatrix::build(&plan).roles(0, 0).has_accountable());
}

// ---------------------------------------------------------------- the matrix as shown

#[test]
fn role_sets_read_like_the_roles() {
    for role in RaciRole::ALL {
        assert_eq!(RoleSet::of(role).label(), role.label());
    }
    let set = RoleSet::of(RaciRole::C).union(RoleSet::of(RaciRole::R)).union(RoleSet::of(RaciRole::A));
    assert_eq!(set.label(), "A/R/C");
    assert!(set.has_accountable() && set.has_responsible() && set.has_consulted() && !set.has_informed());
    assert_eq!(RoleSet::EMPTY.label(), "");
    assert!(RoleSet::EMPTY.is_empty());
    assert_eq!(RoleSet::of(RaciRole::I).union(RoleSet::of(RaciRole::C)).label(), "C/I");
}

#[test]
fn a_summary_row_shows_the_union_of_its_subtasks_roles_at_every_level() {
    let mut plan = summary_plan();
    plan.tasks.push(subtask("T4", "Sub-workstream", 0, "T1"));
    plan.tasks.push(subtask("T5", "Deep task", 2, "T4"));
    plan.raci.push(raci("T5", "P1", RaciRole::I));
    plan.raci.push(raci("T1", "P2", RaciRole::C));
    let matrix = RaciMatrix::build(&plan);
    let labels = |task: usize| (matrix.roles(task, 0).label(), matrix.roles(task, 1).label());
    assert_eq!(labels(1), ("A", "R"));
    assert_eq!(labels(2), ("C", "A/R"));
    assert_eq!(labels(4), ("I", ""));
    assert_eq!(labels(3), ("I", ""), "a sub-summary shows its own subtasks'");
    assert_eq!(labels(0), ("A/C/I", "A/R"), "the summary's own C for P2 is left out");
    assert!(matrix.is_summary(0) && matrix.is_summary(3) && !matrix.is_summary(1));
}

#[test]
fn columns_are_grouped_by_team_in_order_of_first_appearance_without_team_last() {
    let mut plan = common::empty_plan();
    let member = |id: &str, team: &str| Person { team: team.into(), ..person(id, id) };
    plan.people = vec![
        member("P1", "Backend"),
        member("P2", ""),
        member("P3", "Frontend"),
        member("P4", "Backend"),
        member("P5", " "),
    ];
    let groups: Vec<(String, Vec<usize>)> =
        team_columns(&plan).into_iter().map(|group| (group.team, group.people)).collect();
    assert_eq!(
        groups,
        [("Backend".to_string(), vec![0, 3]), ("Frontend".to_string(), vec![2]), (String::new(), vec![1, 4])]
    );
    assert_eq!(person_heading(&Person { role: "TPM".into(), ..person("P1", "Ada") }), "Ada (TPM)");
    assert_eq!(person_heading(&person("P1", "Ada")), "Ada");
}

// ---------------------------------------------------------------- settings in the file

fn fixture(folder: &str, name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn a_version_1_file_without_settings_reads_as_the_defaults_with_no_migration() {
    let old = fixture("accept", "full_without_settings.plan.json");
    assert!(!old.contains("settings") && old.contains("\"version\": 1"));
    let plan = parse(&old).unwrap();
    assert_eq!(plan.settings, PlanSettings { overload_threshold: 3, consulted_limit: 4 });
    assert_eq!(plan, parse(&fixture("accept", "full.plan.json")).unwrap());
    // Written again, it gains exactly the settings block and nothing else changes.
    let written = to_json(&plan);
    let added: Vec<&str> = written.lines().filter(|line| !old.lines().any(|old_line| old_line == *line)).collect();
    assert_eq!(added, ["    \"settings\": {", "      \"overload_threshold\": 3,", "      \"consulted_limit\": 4"]);
    assert_eq!(written.lines().count(), old.lines().count() + 4);
}

#[test]
fn settings_are_always_written_after_the_calendar() {
    let text = to_json(&common::empty_plan());
    let calendar = text.find("\"calendar\"").unwrap();
    let settings = text.find("\"settings\"").unwrap();
    let people = text.find("\"people\"").unwrap();
    assert!(calendar < settings && settings < people, "{text}");
    assert_eq!(text, fixture("accept", "minimal.plan.json"));
}

#[test]
fn settings_round_trip_and_a_changed_threshold_is_a_one_line_diff() {
    let mut plan = sample_plan();
    let before = to_json(&plan);
    plan.settings.overload_threshold = 7;
    let after = to_json(&plan);
    assert_eq!(parse(&after).unwrap(), plan);
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(old, new)| old != new).collect();
    assert_eq!(changed, [("      \"overload_threshold\": 3,", "      \"overload_threshold\": 7,")]);
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn a_settings_object_may_leave_fields_out() {
    let plan = parse(&fixture("accept", "settings_partial.json")).unwrap();
    assert_eq!(plan.settings, PlanSettings { overload_threshold: 3, consulted_limit: 6 });
}

#[test]
fn thresholds_outside_1_to_100_are_refused_with_their_path() {
    for (name, path, message) in [
        ("settings_overload_threshold_zero.json", "plan.settings.overload_threshold", "must be from 1 to 100, not 0"),
        ("settings_consulted_limit_over_100.json", "plan.settings.consulted_limit", "must be from 1 to 100, not 101"),
    ] {
        let error = parse(&fixture("reject", name)).unwrap_err();
        assert_eq!(error.kind, FileErrorKind::Invalid, "{name}");
        assert_eq!(error.problems.len(), 1, "{error:?}");
        assert_eq!(error.problems[0].path.as_deref(), Some(path), "{error:?}");
        assert_eq!(error.problems[0].message, message);
    }
    let mut plan = sample_plan();
    plan.settings = PlanSettings { overload_threshold: 101, consulted_limit: 0 };
    let problems = validate_plan(&plan);
    let paths: Vec<&str> = problems.iter().map(|problem| problem.path.as_str()).collect();
    assert_eq!(paths, ["plan.settings.overload_threshold"], "the first broken threshold is reported");
    plan.settings.overload_threshold = 100;
    assert_eq!(validate_plan(&plan)[0].path, "plan.settings.consulted_limit");
    plan.settings.consulted_limit = 1;
    assert!(validate_plan(&plan).is_empty());
}

#[test]
fn an_unknown_or_mistyped_settings_field_is_refused_with_its_place() {
    let error = parse(&fixture("reject", "settings_unknown_field.json")).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Structure);
    let problem = &error.problems[0];
    assert!(problem.path.as_deref().unwrap_or("").starts_with("plan.settings"), "{error:?}");
    assert!(problem.message.contains("overload_thresold"), "{error:?}");
    assert!(problem.line.is_some());

    let error = parse(&fixture("reject", "settings_negative_threshold.json")).unwrap_err();
    assert_eq!(error.kind, FileErrorKind::Structure);
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.settings.overload_threshold"), "{error:?}");
}

// ---------------------------------------------------------------- the SetSettings command

#[test]
fn set_settings_changes_the_thresholds_and_its_undo_restores_them() {
    let mut plan = sample_plan();
    let before = plan.clone();
    let wanted = PlanSettings { overload_threshold: 5, consulted_limit: 2 };
    let undo = apply(&mut plan, Command::SetSettings(wanted)).unwrap();
    assert_eq!(plan.settings, wanted);
    assert_eq!(Plan { settings: before.settings, ..plan.clone() }, before, "nothing else changes");
    assert_eq!(undo, Command::SetSettings(PlanSettings::default()));
    let redo = apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
    assert_eq!(redo, Command::SetSettings(wanted));
    assert!(parse(&to_json(&plan)).is_ok());
}

#[test]
fn set_settings_out_of_range_is_refused_and_changes_nothing() {
    let mut plan = sample_plan();
    let before = plan.clone();
    for (settings, field) in [
        (PlanSettings { overload_threshold: 0, consulted_limit: 4 }, "overload threshold"),
        (PlanSettings { overload_threshold: 3, consulted_limit: 101 }, "consulted limit"),
    ] {
        let error = apply(&mut plan, Command::SetSettings(settings)).unwrap_err();
        match &error {
            ModelError::Invalid { field: named, .. } => assert_eq!(named, field),
            other => panic!("{other:?}"),
        }
        assert!(error.to_string().starts_with(&format!("{field} must be from 1 to 100")), "{error}");
        assert_eq!(plan, before);
    }
    // Inside a batch, a refused settings change takes the rest of the batch with it.
    let batch = Command::Batch(vec![
        Command::SetSettings(PlanSettings { overload_threshold: 9, consulted_limit: 9 }),
        Command::SetSettings(PlanSettings { overload_threshold: 0, consulted_limit: 9 }),
    ]);
    assert!(apply(&mut plan, batch).is_err());
    assert_eq!(plan, before);
}

#[test]
fn a_settings_change_changes_what_the_checks_find() {
    let mut plan = parallel_plan(4, 5);
    assert_eq!(overloads(&report(&plan)).len(), 1);
    let undo =
        apply(&mut plan, Command::SetSettings(PlanSettings { overload_threshold: 4, consulted_limit: 4 })).unwrap();
    assert!(report(&plan).problems.is_empty());
    apply(&mut plan, undo).unwrap();
    assert_eq!(overloads(&report(&plan)).len(), 1);
}

// ---------------------------------------------------------------- exports

/// A plan whose names and roles hold everything a CSV or Markdown table must escape:
/// formula starts (= + - @ tab, carriage return), commas, quotes, line breaks, pipes
/// and backslashes; people of three teams and one without, listed out of team order;
/// a summary with roles of its own (not exported) and a summary two levels deep.
fn export_plan() -> Plan {
    let mut plan = common::empty_plan();
    let someone = |id: &str, name: &str, role: &str, team: &str| Person {
        role: role.into(),
        team: team.into(),
        ..person(id, name)
    };
    plan.people = vec![
        someone("P1", "Ada Lovelace", "TPM", "Program"),
        someone("P2", "=cmd|' /C calc'!A0", "Attacker, \"red\" team", "Security"),
        someone("P3", "Grace Hopper", "Tech lead", "Program"),
        someone("P4", "+Plus Person", "", ""),
        someone("P5", "-Minus", "@admin", "Security"),
        someone("P6", "Linus Åkesson", "Designer\nUX", "Design | Web"),
    ];
    plan.tasks = vec![
        task("T1", "Backend, phase 1", 0),
        subtask("T2", "API \"design\"", 3, "T1"),
        subtask("T3", "=SUM(1+1)*cmd|' /C calc'!A0", 5, "T1"),
        task("T4", "Frontend | web", 0),
        subtask("T5", "\tTabbed", 2, "T4"),
        subtask("T6", "\rCarriage return first", 2, "T4"),
        subtask("T7", "Multi\nline\r\nname, with \"all\" of it", 2, "T4"),
        subtask("T11", "Sub-workstream", 0, "T4"),
        subtask("T12", "Deep task", 4, "T11"),
        task("T8", "-1 day buffer", 1),
        milestone("T9", "+Launch"),
        task("T10", "Back\\slash @home", 2),
    ];
    plan.raci = vec![
        raci("T1", "P5", RaciRole::A),
        raci("T2", "P1", RaciRole::A),
        raci("T2", "P3", RaciRole::R),
        raci("T2", "P2", RaciRole::C),
        raci("T3", "P3", RaciRole::AR),
        raci("T3", "P5", RaciRole::I),
        raci("T5", "P6", RaciRole::AR),
        raci("T6", "P6", RaciRole::R),
        raci("T6", "P1", RaciRole::A),
        raci("T7", "P4", RaciRole::C),
        raci("T12", "P5", RaciRole::R),
        raci("T12", "P4", RaciRole::A),
        raci("T8", "P1", RaciRole::AR),
        raci("T9", "P1", RaciRole::A),
        raci("T9", "P2", RaciRole::I),
        raci("T9", "P3", RaciRole::I),
        raci("T9", "P4", RaciRole::I),
        raci("T9", "P5", RaciRole::I),
        raci("T9", "P6", RaciRole::I),
    ];
    plan
}

#[test]
fn csv_export_matches_its_golden_file() {
    assert_golden("raci_matrix.csv", &raci_csv(&export_plan()));
}

#[test]
fn markdown_export_matches_its_golden_file() {
    assert_golden("raci_matrix.md", &raci_markdown(&export_plan()));
}

#[test]
fn csv_export_reads_back_as_the_matrix_with_formula_starts_guarded() {
    let plan = export_plan();
    let records = read_csv(&raci_csv(&plan));
    assert_eq!(records.len(), 1 + plan.tasks.len());
    assert!(records.iter().all(|record| record.len() == 3 + plan.people.len()));
    assert_eq!(
        records[0],
        [
            "WBS",
            "ID",
            "Task",
            "Ada Lovelace (TPM)",
            "Grace Hopper (Tech lead)",
            "'=cmd|' /C calc'!A0 (Attacker, \"red\" team)",
            "'-Minus (@admin)",
            "Linus Åkesson (Designer\nUX)",
            "'+Plus Person",
        ]
    );
    let column = |id: &str| -> Vec<String> {
        let row = records.iter().position(|record| record[1] == id).unwrap();
        records[row].clone()
    };
    assert_eq!(column("T1")[..7], ["1", "T1", "Backend, phase 1", "A", "A/R", "C", "I"], "the union, not T1's own A");
    assert_eq!(column("T3")[2], "'=SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(column("T5")[2], "'\tTabbed");
    assert_eq!(column("T6")[2], "'\rCarriage return first");
    assert_eq!(column("T7")[2], "Multi\nline\r\nname, with \"all\" of it");
    assert_eq!(column("T12")[..3], ["2.4.1", "T12", "Deep task"]);
    assert_eq!(column("T8")[2], "'-1 day buffer");
    assert_eq!(column("T9")[2], "'+Launch");
    assert_eq!(column("T10")[2], "Back\\slash @home", "an @ later in the text is harmless");
    let wbs: Vec<&str> = records[1..].iter().map(|record| record[0].as_str()).collect();
    assert_eq!(wbs, ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.4.1", "3", "4", "5"], "outline order");
}

#[test]
fn no_csv_field_starts_with_a_formula_character() {
    let plan = export_plan();
    for record in read_csv(&raci_csv(&plan)) {
        for field in record {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field:?}");
        }
    }
    assert_eq!(csv_field("-"), "'-");
    assert_eq!(csv_row(["=1", "a\"b"]), "'=1,\"a\"\"b\"\r\n");
}

#[test]
fn every_markdown_row_has_as_many_cells_as_the_heading() {
    let text = raci_markdown(&export_plan());
    let cells = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for character in line.chars() {
            match (escaped, character) {
                (false, '\\') => escaped = true,
                (false, '|') => count += 1,
                _ => escaped = false,
            }
        }
        count - 1
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + export_plan().tasks.len(), "line breaks in names stay inside their cells");
    assert!(lines.iter().all(|line| cells(line) == 3 + 6), "{text}");
    assert!(text.ends_with(" |\n"));
    assert!(lines[0].starts_with("| WBS | ID | Task | Ada Lovelace (TPM) | Grace Hopper (Tech lead) |"));
    assert_eq!(lines[1], "| --- | --- | --- | :-: | :-: | :-: | :-: | :-: | :-: |");
    assert_eq!(markdown_row(["a|b"]), "| a\\|b |\n");
}

#[test]
fn exports_of_an_empty_plan_are_just_the_headings() {
    let plan = common::empty_plan();
    assert_eq!(raci_csv(&plan), "WBS,ID,Task\r\n");
    assert_eq!(raci_markdown(&plan), "| WBS | ID | Task |\n| --- | --- | --- |\n");
}
