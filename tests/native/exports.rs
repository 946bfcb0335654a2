//! The stakeholder status report (`report`) and the exports to other tools: Mermaid
//! gantt text, iCalendar and the timeline as SVG. Each export is compared byte for byte
//! with a golden file under tests/golden (`UPDATE_GOLDEN=1 cargo test --test exports`
//! rewrites them from the current output; check the diff before committing it), and
//! read back by a checker of its format written here: a parser of the Mermaid gantt
//! subset Planwright writes (faithful to Mermaid's lexer, and resolving the dates as
//! Mermaid does), an RFC 5545 line and structure reader, and an XML well-formedness
//! reader.

use crate::common::{
    assert_golden, date, dependency, empty_plan, finish_to_start, generated_plan, milestone, person, raci, risk,
    sample_plan, subtask, task,
};
use chrono::{NaiveDate, NaiveDateTime};
use planwright::chart::{timeline_svg, timeline_svg_between};
use planwright::file::ical::{ical_text, MAX_LINE_OCTETS};
use planwright::file::mermaid::{mermaid_ids, mermaid_text};
use planwright::file::{calendar_ics, mermaid_gantt, parse};
use planwright::model::generate::program_plan;
use planwright::model::{
    BaselineId, Calendar, ConstraintKind, DateConstraint, DependencyKind, Holiday, Plan, RaciRole, RiskStatus, Task,
    TaskId,
};
use planwright::report::{
    status_markdown, status_report, status_report_against, RagStatus, StatusReasonKind, StatusReport,
    MILESTONE_LOOKAHEAD_DAYS, TOP_RISKS,
};
use planwright::schedule::{compute, take_baseline, Schedule};

// ---------------------------------------------------------------- fixtures

/// The day the example's reports are written: a Monday, four weeks in.
const TODAY: (i32, u32, u32) = (2027, 2, 1);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).unwrap()
}

/// The example plan shipped with the app (`examples/program.plan.json`): no baseline.
fn example_plan() -> Plan {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/program.plan.json");
    parse(&std::fs::read_to_string(path).unwrap()).expect("the example plan reads")
}

fn scheduled(plan: &Plan) -> Schedule {
    compute(plan).expect("the test plan schedules")
}

/// Adds a baseline of the plan as it is now, taken on `taken`.
fn with_baseline(mut plan: Plan, taken: NaiveDate) -> Plan {
    let schedule = scheduled(&plan);
    let baseline = take_baseline(&plan, &schedule, BaselineId::new("B1"), "Plan of record".into(), taken);
    plan.baselines.push(baseline);
    plan
}

fn set_duration(plan: &mut Plan, id: &str, duration: u32) {
    plan.tasks.iter_mut().find(|task| task.id.as_str() == id).unwrap().duration = duration;
}

/// The example a month in: baselined at kick-off, then discovery overran (the target
/// architecture took 14 days, not 10; the data migration strategy 9, not 6) and the
/// card authorisation API was re-estimated from 20 to 24 days.
fn example_a_month_in() -> Plan {
    let mut plan = with_baseline(example_plan(), date(2027, 1, 4));
    set_duration(&mut plan, "T3", 14);
    set_duration(&mut plan, "T4", 9);
    set_duration(&mut plan, "T9", 24);
    plan
}

fn report_of(plan: &Plan, today: NaiveDate) -> StatusReport {
    status_report(plan, &scheduled(plan), today)
}

// ---------------------------------------------------------------- status report

#[test]
fn status_report_of_the_example_matches_its_golden_file() {
    let plan = example_a_month_in();
    assert_golden("status_report.md", &status_markdown(&report_of(&plan, today())));
}

#[test]
fn status_report_without_a_baseline_matches_its_golden_file() {
    assert_golden("status_report_no_baseline.md", &status_markdown(&report_of(&example_plan(), today())));
}

/// Build (5d) → Test (5d) → Launch (milestone), and Docs (3d) beside them; everyone's
/// roles set, no risks. Starts Monday 2027-01-04: Build runs to Jan 8, Test Jan 11-15,
/// Launch on Friday Jan 15 (at the end of Test's last day); Docs Jan 4-6 and is not
/// critical.
fn small_plan() -> Plan {
    let mut plan = empty_plan();
    plan.people = vec![person("P1", "Ada Lovelace"), person("P2", "Grace Hopper")];
    plan.tasks = vec![task("T1", "Build", 5), task("T2", "Test", 5), milestone("T3", "Launch"), task("T4", "Docs", 3)];
    plan.dependencies = vec![finish_to_start("T1", "T2"), finish_to_start("T2", "T3")];
    plan.raci = vec![
        raci("T1", "P1", RaciRole::AR),
        raci("T2", "P2", RaciRole::AR),
        raci("T3", "P1", RaciRole::A),
        raci("T4", "P2", RaciRole::AR),
    ];
    plan
}

fn task_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Task {
    plan.tasks.iter_mut().find(|task| task.id.as_str() == id).unwrap()
}

fn reasons(report: &StatusReport) -> Vec<(RagStatus, StatusReasonKind)> {
    report.reasons.iter().map(|reason| (reason.status, reason.kind.clone())).collect()
}

#[test]
fn a_plan_on_its_baseline_with_nothing_overdue_and_no_risks_is_green() {
    let plan = with_baseline(small_plan(), date(2027, 1, 4));
    let report = report_of(&plan, date(2027, 1, 4));
    assert_eq!(report.status, RagStatus::Green);
    assert!(report.reasons.is_empty());
    assert_eq!(report.baseline.as_ref().unwrap().finish_variance, Some(0));
    let markdown = status_markdown(&report);
    assert!(markdown.contains("**Overall status: Green**"));
    assert!(markdown.contains("Baseline finish: 2027-01-15 (on the baseline)"));
    assert!(markdown.contains("None: every task has one Accountable and a Responsible person."));
}

#[test]
fn the_finish_slipping_up_to_ten_working_days_is_amber_and_more_is_red() {
    for (slip, expected) in [(1, RagStatus::Amber), (10, RagStatus::Amber), (11, RagStatus::Red)] {
        let mut plan = with_baseline(small_plan(), date(2027, 1, 4));
        task_mut(&mut plan, "T2").duration = 5 + slip as u32;
        let report = report_of(&plan, date(2027, 1, 4));
        assert_eq!(report.baseline.as_ref().unwrap().finish_variance, Some(slip));
        assert_eq!(report.reasons[0].kind, StatusReasonKind::FinishSlipped { working_days: slip });
        assert_eq!(report.reasons[0].status, expected, "a slip of {slip}");
        assert_eq!(report.status, expected, "a slip of {slip}");
        let unit = if slip == 1 { "working day" } else { "working days" };
        assert!(report.reasons[0].message.contains(&format!("finishes {slip} {unit} later than the baseline")));
    }
}

#[test]
fn a_milestone_more_than_five_working_days_late_is_amber_even_when_the_finish_holds() {
    let mut base = small_plan();
    // A long task beside the launch chain decides the finish.
    base.tasks.push(task("T5", "Long haul", 40));
    base.raci.push(raci("T5", "P1", RaciRole::AR));
    for (slip, expected) in [(5, vec![]), (6, vec![(RagStatus::Amber, 6)])] {
        let mut plan = with_baseline(base.clone(), date(2027, 1, 4));
        task_mut(&mut plan, "T1").duration = 5 + slip as u32;
        let report = report_of(&plan, date(2027, 1, 4));
        assert_eq!(report.baseline.as_ref().unwrap().finish_variance, Some(0));
        let found: Vec<(RagStatus, i64)> = report
            .reasons
            .iter()
            .filter_map(|reason| match &reason.kind {
                StatusReasonKind::MilestoneSlipped { task, working_days } if task.as_str() == "T3" => {
                    Some((reason.status, *working_days))
                }
                _ => None,
            })
            .collect();
        assert_eq!(found, expected, "a milestone slip of {slip}");
        // The slipped tasks list every late task, whatever the rule says.
        let slipped: Vec<(&str, i64)> =
            report.slipped_tasks.iter().map(|slipped| (slipped.task.as_str(), slipped.working_days)).collect();
        assert_eq!(slipped, [("T1", slip), ("T2", slip), ("T3", slip)]);
    }
}

#[test]
fn a_milestone_on_its_predecessors_last_day_meets_a_deadline_of_that_day() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T3").deadline = Some(date(2027, 1, 15));
    let report = report_of(&plan, date(2027, 1, 4));
    assert_eq!(report.status, RagStatus::Green, "{:?}", report.reasons);
    assert_eq!(report.milestones[0].forecast, date(2027, 1, 15));
    assert!(!report.milestones[0].deadline_missed);
}

#[test]
fn a_missed_milestone_deadline_is_red_and_a_missed_task_deadline_amber() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T3").deadline = Some(date(2027, 1, 15));
    // Test takes three more days: the launch moves to Wednesday.
    task_mut(&mut plan, "T2").duration = 8;
    let report = report_of(&plan, date(2027, 1, 4));
    assert_eq!(
        reasons(&report),
        [(RagStatus::Red, StatusReasonKind::DeadlineMissed { task: TaskId::new("T3"), deadline: date(2027, 1, 15) })]
    );
    assert_eq!(
        report.reasons[0].message,
        "Milestone T3 \"Launch\" is 3 working days late against its deadline 2027-01-15 (forecast to finish on 2027-01-20)"
    );

    let mut plan = small_plan();
    task_mut(&mut plan, "T4").deadline = Some(date(2027, 1, 5));
    let report = report_of(&plan, date(2027, 1, 4));
    assert_eq!(report.status, RagStatus::Amber);
    assert_eq!(
        reasons(&report),
        [(RagStatus::Amber, StatusReasonKind::DeadlineMissed { task: TaskId::new("T4"), deadline: date(2027, 1, 5) })]
    );
}

#[test]
fn a_constraint_the_links_make_impossible_is_listed_with_its_cause() {
    let mut plan = small_plan();
    let must_finish = DateConstraint { kind: ConstraintKind::MustFinishOn, date: date(2027, 1, 14) };
    task_mut(&mut plan, "T3").set_date_constraint(Some(must_finish));
    let report = report_of(&plan, date(2027, 1, 4));
    let conflicts: Vec<String> = report.constraint_conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(conflicts, ["T3 must finish on 2027-01-14 but its predecessor T2 (FS) finishes on 2027-01-15"]);
    let markdown = status_markdown(&report);
    assert!(markdown.contains(
        "## Date constraints the schedule cannot meet\n\n\
         - T3 must finish on 2027-01-14 but its predecessor T2 (FS) finishes on 2027-01-15.\n"
    ));
    assert!(!status_markdown(&report_of(&small_plan(), date(2027, 1, 4))).contains("## Date constraints"));
}

#[test]
fn a_passed_deadline_of_unfinished_work_is_missed_even_when_the_forecast_kept_it() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T4").deadline = Some(date(2027, 1, 6));
    task_mut(&mut plan, "T4").progress = 50;
    assert_eq!(report_of(&plan, date(2027, 1, 6)).status, RagStatus::Green, "due today is not yet missed");
    let report = report_of(&plan, date(2027, 1, 7));
    assert_eq!(report.status, RagStatus::Amber);
    assert_eq!(report.reasons[0].message, "T4 \"Docs\" is not done and its deadline 2027-01-06 has passed");
    task_mut(&mut plan, "T4").progress = 100;
    assert_eq!(report_of(&plan, date(2027, 1, 7)).status, RagStatus::Green, "done work meets its deadline");
}

#[test]
fn open_risks_colour_the_status_by_band_and_by_the_critical_path() {
    let cases = [
        // probability, impact, status, linked task, expected
        (5, 4, RiskStatus::Open, "T2", Some(RagStatus::Red)),
        (4, 5, RiskStatus::Monitoring, "T1", Some(RagStatus::Red)),
        (4, 3, RiskStatus::Open, "T2", Some(RagStatus::Amber)),
        (5, 5, RiskStatus::Open, "T4", Some(RagStatus::Amber)),
        (2, 5, RiskStatus::Open, "T4", None),
        (5, 5, RiskStatus::Closed, "T2", None),
        (5, 5, RiskStatus::Occurred, "T2", None),
        (3, 3, RiskStatus::Open, "T2", None),
    ];
    for (probability, impact, status, linked, expected) in cases {
        let mut plan = small_plan();
        plan.risks = vec![planwright::model::Risk {
            probability,
            impact,
            status,
            ..risk("R1", "Vendor late", Some("P1"), &[linked])
        }];
        let report = report_of(&plan, date(2027, 1, 4));
        let statuses: Vec<RagStatus> = report.reasons.iter().map(|reason| reason.status).collect();
        assert_eq!(statuses, expected.into_iter().collect::<Vec<_>>(), "{probability}x{impact} {status:?} on {linked}");
        assert_eq!(report.status, expected.unwrap_or(RagStatus::Green));
    }
    let mut plan = small_plan();
    plan.risks =
        vec![planwright::model::Risk { probability: 5, impact: 4, ..risk("R1", "Vendor late", None, &["T2"]) }];
    let report = report_of(&plan, date(2027, 1, 4));
    assert_eq!(
        report.reasons[0].message,
        "Open critical risk R1 \"Vendor late\" (score 20) threatens T2 on the critical path"
    );
}

#[test]
fn critical_work_past_its_scheduled_finish_and_not_done_is_amber() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T1").progress = 50;
    let report = report_of(&plan, date(2027, 1, 11));
    assert_eq!(
        reasons(&report),
        [(RagStatus::Amber, StatusReasonKind::CriticalTaskOverdue { task: TaskId::new("T1") })]
    );
    assert_eq!(
        report.reasons[0].message,
        "T1 \"Build\" is on the critical path and 50% done, but was scheduled to finish on 2027-01-08"
    );
    // Docs is overdue as well, but has float: listed, not a reason.
    let overdue: Vec<(&str, u8, bool)> =
        report.overdue_tasks.iter().map(|task| (task.task.as_str(), task.progress, task.critical)).collect();
    assert_eq!(overdue, [("T4", 0, false), ("T1", 50, true)]);
}

#[test]
fn a_milestone_past_its_date_and_not_done_is_amber() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T1").progress = 100;
    task_mut(&mut plan, "T2").progress = 100;
    assert_eq!(report_of(&plan, date(2027, 1, 15)).status, RagStatus::Green, "due today is not yet overdue");
    let report = report_of(&plan, date(2027, 1, 18));
    assert_eq!(reasons(&report), [(RagStatus::Amber, StatusReasonKind::MilestoneOverdue { task: TaskId::new("T3") })]);
    assert_eq!(report.reasons[0].message, "Milestone T3 \"Launch\" was due on 2027-01-15 and is not done");
    // With a deadline passed as well, the missed deadline (red) is the one reason.
    task_mut(&mut plan, "T3").deadline = Some(date(2027, 1, 15));
    let report = report_of(&plan, date(2027, 1, 18));
    assert_eq!(
        reasons(&report),
        [(RagStatus::Red, StatusReasonKind::DeadlineMissed { task: TaskId::new("T3"), deadline: date(2027, 1, 15) })]
    );
    task_mut(&mut plan, "T3").progress = 100;
    assert_eq!(report_of(&plan, date(2027, 1, 18)).status, RagStatus::Green);
}

#[test]
fn without_a_baseline_the_report_claims_no_slippage() {
    let plan = example_plan();
    assert!(plan.baselines.is_empty());
    let report = report_of(&plan, today());
    assert_eq!(report.baseline, None);
    assert!(report.slipped_tasks.is_empty());
    assert!(report.milestones.iter().all(|milestone| milestone.baseline.is_none() && milestone.variance.is_none()));
    assert!(report.workstreams.iter().all(|workstream| workstream.finish_variance.is_none()));
    assert!(report.reasons.iter().all(|reason| !matches!(
        reason.kind,
        StatusReasonKind::FinishSlipped { .. } | StatusReasonKind::MilestoneSlipped { .. }
    )));
    let markdown = status_markdown(&report);
    assert!(markdown.contains("No baseline set: slippage is not measured."));
    assert!(markdown.contains("- Baseline finish: no baseline set\n"));
    assert!(!markdown.contains("Variance"));
    assert!(!markdown.contains("later than the baseline"));
    // A plan with a baseline, reported against none, says the same.
    let plan = example_a_month_in();
    let without = status_report_against(&plan, &scheduled(&plan), None, today());
    assert_eq!(without.baseline, None);
    assert!(without.slipped_tasks.is_empty());
}

#[test]
fn a_chosen_baseline_is_compared_instead_of_the_latest() {
    let mut plan = with_baseline(small_plan(), date(2027, 1, 4));
    task_mut(&mut plan, "T2").duration = 8;
    let schedule = scheduled(&plan);
    let second = take_baseline(&plan, &schedule, BaselineId::new("B2"), "Re-plan".into(), date(2027, 1, 11));
    plan.baselines.push(second);
    let latest = status_report(&plan, &schedule, date(2027, 1, 4));
    assert_eq!(latest.baseline.as_ref().unwrap().id.as_str(), "B2");
    assert_eq!(latest.status, RagStatus::Green);
    let first = status_report_against(&plan, &schedule, Some(&plan.baselines[0]), date(2027, 1, 4));
    assert_eq!(first.baseline.as_ref().unwrap().finish_variance, Some(3));
    assert_eq!(first.status, RagStatus::Amber);
}

#[test]
fn milestones_due_in_the_next_thirty_days_and_earlier_ones_not_done_are_listed_by_date() {
    let today = date(2027, 2, 1);
    let on = |id: &str, name: &str, day: NaiveDate| Task { start_no_earlier_than: Some(day), ..milestone(id, name) };
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("T1", "Work", 60),
        Task { progress: 100, ..on("T2", "Passed and done", date(2027, 1, 20)) },
        on("T3", "Passed, not done", date(2027, 1, 21)),
        on("T4", "Today", today),
        on("T5", "In 30 days", planwright::schedule::add_days(today, MILESTONE_LOOKAHEAD_DAYS)),
        on("T6", "In 31 days", planwright::schedule::add_days(today, MILESTONE_LOOKAHEAD_DAYS + 1)),
    ];
    let report = report_of(&plan, today);
    let listed: Vec<(&str, bool)> =
        report.milestones.iter().map(|milestone| (milestone.task.as_str(), milestone.overdue)).collect();
    assert_eq!(listed, [("T3", true), ("T4", false), ("T5", false)]);
    assert!(status_markdown(&report).contains("| T3 | Passed, not done | 2027-01-21 |  | overdue: not marked done |"));
}

#[test]
fn the_top_risks_are_the_five_highest_open_ones_with_owner_and_review() {
    let plan = example_plan();
    let report = report_of(&plan, today());
    assert_eq!(report.top_risks.len(), TOP_RISKS);
    let listed: Vec<(&str, u8, bool)> =
        report.top_risks.iter().map(|risk| (risk.risk.as_str(), risk.score, risk.review_overdue)).collect();
    assert_eq!(listed, [("R4", 16, true), ("R1", 15, false), ("R2", 12, false), ("R7", 12, false), ("R5", 9, false)]);
    assert_eq!(report.top_risks[0].owner.as_deref(), Some("Daniel Reyes"));
    assert!(report.top_risks.iter().all(|risk| risk.status.is_open()));
}

#[test]
fn workstreams_show_their_progress_and_count_their_tasks() {
    let plan = example_plan();
    let report = report_of(&plan, today());
    let streams: Vec<(&str, usize, usize, usize)> = report
        .workstreams
        .iter()
        .map(|stream| (stream.task.as_str(), stream.tasks, stream.done, stream.overdue))
        .collect();
    assert_eq!(
        streams,
        [("T1", 5, 1, 4), ("T7", 7, 0, 0), ("T15", 5, 0, 0), ("T21", 5, 0, 0), ("T27", 4, 0, 0), ("T32", 8, 0, 0)]
    );
    assert_eq!(report.workstreams[0].progress.round() as i64, 60);
}

#[test]
fn an_empty_plan_gets_a_report_and_empty_exports() {
    let plan = empty_plan();
    let schedule = scheduled(&plan);
    let report = status_report(&plan, &schedule, today());
    assert_eq!(report.status, RagStatus::Green);
    assert!(status_markdown(&report).contains("The plan has no tasks."));
    assert!(mermaid_grammar::parse(&mermaid_gantt(&plan, &schedule)).unwrap().tasks.is_empty());
    assert!(ical_reader::read(&calendar_ics(&plan, &schedule, now())).unwrap().events.is_empty());
}

#[test]
fn names_cannot_break_the_report_markdown() {
    let mut plan = with_baseline(small_plan(), date(2027, 1, 4));
    task_mut(&mut plan, "T2").name = "Test | verify\nsecond line".into();
    task_mut(&mut plan, "T2").duration = 7;
    plan.name = "Launch | Q3\nplan".into();
    let markdown = status_markdown(&report_of(&plan, date(2027, 1, 4)));
    assert!(markdown.starts_with("# Status report: Launch \\| Q3<br>plan\n"));
    assert!(markdown.contains("| T2 | Test \\| verify<br>second line | 2027-01-15 | 2027-01-19 | +2 | yes |\n"));
}

// ---------------------------------------------------------------- Mermaid

#[test]
fn mermaid_gantt_of_the_example_matches_its_golden_file() {
    let plan = example_plan();
    assert_golden("program.mmd", &mermaid_gantt(&plan, &scheduled(&plan)));
}

/// Reads the export back with the grammar checker and checks that Mermaid, resolving
/// `after` and the durations over the excluded days, puts every task where the
/// schedule does.
fn assert_mermaid_reads_back(plan: &Plan) -> mermaid_grammar::Chart {
    let schedule = scheduled(plan);
    let text = mermaid_gantt(plan, &schedule);
    let chart = mermaid_grammar::parse(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
    let dates = mermaid_grammar::resolve(&chart).unwrap_or_else(|error| panic!("{error}"));
    let ids = mermaid_ids(plan);
    let rows = planwright::model::outline::outline(plan);
    let sections = rows.iter().filter(|row| row.depth == 0 && row.has_children).count();
    assert_eq!(chart.tasks.len(), plan.tasks.len() - sections);
    for (index, id) in ids.iter().enumerate() {
        let Some(&(start, end)) = dates.get(id) else { continue };
        let times = &schedule.tasks[index];
        assert_eq!(start, schedule.start_date(index), "start of {id}");
        // Mermaid's end is exclusive; a milestone ends where it starts.
        let end_expected = if times.early_finish == times.early_start {
            schedule.start_date(index)
        } else {
            schedule.calendar.date_of(times.early_finish)
        };
        assert_eq!(end, end_expected, "end of {id}");
        let task = chart.tasks.iter().find(|task| &task.id == id).unwrap();
        let tagged = |tag: &str| task.tags.iter().any(|each| each == tag);
        assert_eq!(tagged("crit"), times.critical, "crit tag of {id}");
        assert_eq!(tagged("milestone"), times.milestone, "milestone tag of {id}");
        assert_eq!(tagged("done"), times.progress >= 100.0, "done tag of {id}");
    }
    chart
}

#[test]
fn every_mermaid_export_reads_back_and_resolves_to_the_schedule() {
    for plan in [example_plan(), example_a_month_in(), sample_plan(), generated_plan(300, 7), hostile_plan()] {
        assert_mermaid_reads_back(&plan);
    }
}

#[test]
fn the_generated_ten_thousand_task_program_reads_back_as_mermaid() {
    let chart = assert_mermaid_reads_back(&program_plan(10_000));
    assert_eq!(chart.sections.len(), 200);
    assert!(chart.tasks.iter().any(|task| matches!(task.start, mermaid_grammar::Start::After(_))));
}

/// Names, ids and a calendar chosen to break a naive export.
fn hostile_plan() -> Plan {
    let mut plan = empty_plan();
    plan.name = "Plan #1; Q3: launch\nsecond line".into();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 18), name: "MLK; Day".into() }];
    let names = [
        "Phase 1: build",
        "#1 priority",
        "a;b",
        "line\nbreak\r\nand\ttab",
        "section Alpha",
        "title sneaky",
        "Gantt review",
        "2027-01-04 cut-over",
        "%% not a comment",
        "5% ramp",
        "}%% brace",
        "   ",
        "",
        "click me",
        "accDescr { x",
        "\u{feff}title with a byte-order mark",
        "excludes weekends",
        "<b>&amp; \"quoted\" 'single'</b>",
        "Überprüfung 😀 of the payment flows",
    ];
    plan.tasks.push(Task { ..task("W.1", "Workstream: A; #1", 0) });
    for (number, name) in names.iter().enumerate() {
        let id = format!("T{}", number + 1);
        plan.tasks.push(subtask(&id, name, 1 + number as u32 % 4, "W.1"));
    }
    // Ids Mermaid cannot take as they are: a dot, tag words, and a clash once rewritten.
    plan.tasks.push(subtask("T1.1", "Dotted id", 2, "W.1"));
    plan.tasks.push(subtask("T1_1", "The id the dotted one would become", 2, "W.1"));
    plan.tasks.push(subtask("crit", "Tag word id", 2, "W.1"));
    plan.tasks.push(Task {
        kind: planwright::model::TaskKind::Milestone,
        duration: 0,
        ..subtask("done", "Done?", 0, "W.1")
    });
    plan.tasks.push(milestone("M1", "Top-level: milestone"));
    plan.dependencies = vec![
        finish_to_start("T1", "T2"),
        finish_to_start("T2", "T1.1"),
        finish_to_start("T1.1", "crit"),
        finish_to_start("crit", "done"),
        dependency("T3", "T4", DependencyKind::SS, 2),
        finish_to_start("done", "M1"),
        finish_to_start("T1_1", "M1"),
        // A section cannot be named in `after`.
        finish_to_start("W.1", "M1"),
    ];
    plan.risks = vec![planwright::model::Risk {
        review_date: Some(date(2027, 1, 20)),
        mitigation: "Call them; then, if no answer\\escalate.\nSecond line".into(),
        ..risk("R1", "Vendor: late, again; \"maybe\"", None, &["T1"])
    }];
    plan
}

#[test]
fn hostile_names_and_ids_stay_names_and_ids_in_mermaid() {
    let plan = hostile_plan();
    let chart = assert_mermaid_reads_back(&plan);
    assert_eq!(chart.title, mermaid_text(&plan.name, "Plan"));
    assert_eq!(chart.sections, [mermaid_text("Workstream: A; #1", "W.1"), "Top-level tasks".to_string()]);
    let ids = mermaid_ids(&plan);
    for task in &chart.tasks {
        let index = ids.iter().position(|id| id == &task.id).expect("every Mermaid id is a task's");
        let original = &plan.tasks[index];
        assert_eq!(task.name.trim_end(), mermaid_text(&original.name, original.id.as_str()));
        let shown = task.name.trim_start_matches('\u{200B}');
        assert!(!shown.contains([':', '#', ';', '\n', '\r']), "{shown:?}");
        assert!(!shown.is_empty());
    }
    let id_of = |id: &str| ids[plan.task_index(id).unwrap()].as_str();
    assert_eq!(id_of("T1.1"), "T1_1_2");
    assert_eq!(id_of("T1_1"), "T1_1");
    assert_eq!(id_of("crit"), "crit_");
    assert_eq!(id_of("done"), "done_");
    let named =
        |name: &str| chart.tasks.iter().find(|task| task.name.trim().trim_start_matches('\u{200B}') == name).unwrap();
    assert_eq!(named("Dotted id").start, mermaid_grammar::Start::After(vec!["T2".into()]));
    assert_eq!(named("Tag word id").start, mermaid_grammar::Start::After(vec!["T1_1_2".into()]));
    assert_eq!(named("title sneaky").name, "\u{200B}title sneaky ");
    assert_eq!(named("title sneaky").id, "T6");
    assert_eq!(mermaid_text("", "T13"), "T13");
    let text = mermaid_gantt(&plan, &scheduled(&plan));
    assert!(text.contains("    %% M1 waits on done (FS), T1_1 (FS), W.1 (FS): Mermaid's \"after\" names only tasks"));
}

#[test]
fn mermaid_excludes_follow_the_plans_calendar() {
    let excludes = |calendar: Calendar| {
        let mut plan = small_plan();
        plan.calendar = calendar;
        let text = mermaid_gantt(&plan, &scheduled(&plan));
        assert_mermaid_reads_back(&plan);
        text.lines().find(|line| line.trim_start().starts_with("excludes")).map(|line| line.trim().to_string())
    };
    assert_eq!(excludes(Calendar::default()), Some("excludes weekends".into()));
    let six_days = Calendar {
        working_weekdays: vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
            chrono::Weekday::Sat,
        ],
        holidays: vec![
            Holiday { date: date(2027, 1, 16), name: "A Saturday".into() },
            Holiday { date: date(2027, 1, 17), name: "A Sunday, not worked anyway".into() },
            Holiday { date: date(2027, 1, 6), name: "A Wednesday".into() },
        ],
    };
    assert_eq!(excludes(six_days), Some("excludes sunday, 2027-01-06, 2027-01-16".into()));
    let every_day = Calendar {
        working_weekdays: planwright::model::WEEKDAY_NAMES.iter().map(|&(_, day)| day).collect(),
        holidays: vec![],
    };
    assert_eq!(excludes(every_day), None);
}

#[test]
fn links_mermaid_cannot_express_are_drawn_at_their_dates_and_said_so() {
    let mut plan = small_plan();
    plan.tasks.push(task("T5", "Starts with build", 2));
    plan.tasks.push(task("T6", "Waits a week", 2));
    plan.tasks.push(Task { start_no_earlier_than: Some(date(2027, 2, 1)), ..task("T7", "Held back", 2) });
    plan.dependencies.push(dependency("T1", "T5", DependencyKind::SS, 2));
    plan.dependencies.push(dependency("T1", "T6", DependencyKind::FS, 5));
    plan.dependencies.push(finish_to_start("T1", "T7"));
    plan.tasks.push(task("T8", "After the launch", 1));
    plan.dependencies.push(finish_to_start("T3", "T8"));
    let text = mermaid_gantt(&plan, &scheduled(&plan));
    assert!(text.contains("    Test :T2, after T1, 5d\n"));
    // Mermaid's "after" is the start of the next day: the launch, on Test's last day, is drawn on it.
    assert!(text.contains("    %% T3 waits on T2 (FS): a milestone sits on its predecessors' last day, and Mermaid's \"after\" would put it on the next one, so it is drawn on its day\n    Launch :milestone, T3, 2027-01-15, 0d\n"));
    assert!(text.contains("    %% T8 waits on T3 (FS): Mermaid's \"after\" a milestone would start it on the milestone's own day, so it is drawn at its computed start\n    After the launch :T8, 2027-01-18, 1d\n"));
    assert!(text.contains("    %% T5 waits on T1 (SS +2d): Mermaid's \"after\" cannot say that, so it is drawn at its computed start\n    Starts with build :T5, 2027-01-06, 2d\n"));
    assert!(text.contains("    %% T6 waits on T1 (FS +5d): "));
    assert!(text.contains("    Waits a week :T6, 2027-01-18, 2d\n"));
    assert!(text.contains("    %% T7 waits on T1 (FS): something else holds it later"));
    assert!(text.contains("    Held back :crit, T7, 2027-02-01, 2d\n"));
    assert_mermaid_reads_back(&plan);
}

// ---------------------------------------------------------------- iCalendar

#[test]
fn icalendar_of_the_example_matches_its_golden_file() {
    let plan = example_plan();
    assert_golden("program.ics", &calendar_ics(&plan, &scheduled(&plan), now()));
}

#[test]
fn the_calendar_holds_every_milestone_and_the_reviews_of_open_risks() {
    let plan = example_plan();
    let calendar = ical_reader::read(&calendar_ics(&plan, &scheduled(&plan), now())).unwrap();
    let summaries: Vec<String> = calendar.events.iter().map(|event| event.text("SUMMARY")).collect();
    let milestones = summaries.iter().filter(|summary| summary.starts_with("Milestone: ")).count();
    assert_eq!(milestones, 6);
    let reviews: Vec<&str> = summaries
        .iter()
        .filter_map(|summary| summary.strip_prefix("Risk review: "))
        .map(|rest| rest.split(' ').next().unwrap())
        .collect();
    // R8 is closed; R3 is monitoring, still open.
    assert_eq!(reviews, ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R9", "R10"]);
    let design = &calendar.events[0];
    // Design sign-off sits on the last day of the work before it.
    assert_eq!(design.raw("DTSTART;VALUE=DATE"), "20270128");
    assert_eq!(design.raw("DTEND;VALUE=DATE"), "20270129");
    assert_eq!(design.raw("DTSTAMP"), "20270201T093000Z");
    assert_eq!(calendar.property("X-WR-CALNAME"), "Payments platform migration");
}

#[test]
fn event_uids_are_unique_and_stay_the_same_when_the_plan_changes() {
    let plan = example_plan();
    let uids = |plan: &Plan, now: NaiveDateTime| -> Vec<String> {
        let calendar = ical_reader::read(&calendar_ics(plan, &scheduled(plan), now)).unwrap();
        calendar.events.iter().map(|event| event.raw("UID").to_string()).collect()
    };
    let before = uids(&plan, now());
    let unique: std::collections::HashSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len());
    assert_eq!(before[0], "milestone-T6.payments-platform-migration-4e24ecdd@planwright");
    let mut edited = plan.clone();
    set_duration(&mut edited, "T3", 20);
    assert_eq!(uids(&edited, date(2027, 3, 1).and_hms_opt(8, 0, 0).unwrap()), before);
    let mut other = plan.clone();
    other.name = "Another program".into();
    assert!(uids(&other, now()).iter().all(|uid| !before.contains(uid)));
}

#[test]
fn hostile_text_in_the_calendar_is_escaped_and_reads_back() {
    let plan = hostile_plan();
    let text = calendar_ics(&plan, &scheduled(&plan), now());
    let calendar = ical_reader::read(&text).unwrap();
    assert_eq!(calendar.property("X-WR-CALNAME"), plan.name);
    assert_eq!(calendar.events.len(), 3, "two milestones and one risk review");
    assert_eq!(calendar.events[0].text("SUMMARY"), "Milestone: Done?");
    assert_eq!(calendar.events[1].text("SUMMARY"), "Milestone: Top-level: milestone");
    assert_eq!(calendar.events[2].text("SUMMARY"), "Risk review: R1 Vendor: late, again; \"maybe\"");
    assert!(calendar.events[2]
        .text("DESCRIPTION")
        .ends_with("Mitigation: Call them; then, if no answer\\escalate.\nSecond line"));
    assert_eq!(ical_text("a\u{0}b\u{1b}c"), "a b c");
}

#[test]
fn long_utf8_lines_fold_at_75_octets_without_splitting_a_character() {
    for name in ["Überprüfung ".repeat(20), "😀".repeat(60), format!("a{}", "é".repeat(80)), "x".repeat(300)] {
        let mut plan = small_plan();
        task_mut(&mut plan, "T3").name = name.clone();
        let text = calendar_ics(&plan, &scheduled(&plan), now());
        for line in text.split("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets: {line:?}", line.len());
        }
        let calendar = ical_reader::read(&text).unwrap();
        assert_eq!(calendar.events[0].text("SUMMARY"), format!("Milestone: {name}"));
    }
}

// ---------------------------------------------------------------- SVG

#[test]
fn timeline_svg_of_the_example_matches_its_golden_file() {
    let plan = example_a_month_in();
    assert_golden("program_timeline.svg", &timeline_svg(&plan, &scheduled(&plan), today()));
}

#[test]
fn every_timeline_svg_is_well_formed_and_the_same_every_time() {
    for plan in [example_plan(), example_a_month_in(), sample_plan(), hostile_plan(), program_plan(2_000), empty_plan()]
    {
        let schedule = scheduled(&plan);
        let svg = timeline_svg(&plan, &schedule, today());
        xml_reader::read(&svg).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(svg, timeline_svg(&plan, &schedule, today()));
    }
}

#[test]
fn names_in_the_svg_are_text_never_markup() {
    let mut plan = small_plan();
    task_mut(&mut plan, "T1").name = "<script>alert(1)</script> & \"q\" 'a'\u{7}".into();
    plan.name = "Plan <b>bold</b> & co".into();
    let svg = timeline_svg(&plan, &scheduled(&plan), date(2027, 1, 4));
    let elements = xml_reader::read(&svg).unwrap();
    assert!(!svg.contains("<script") && !svg.contains("<b>"));
    let texts: Vec<&str> = elements.iter().filter(|element| element.name == "text").map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"1 <script>alert(1)</script> & \"q\" 'a' "), "{texts:?}");
    assert!(texts.contains(&"Plan <b>bold</b> & co"));
}

#[test]
fn the_critical_path_is_marked_in_ways_that_survive_black_and_white_printing() {
    let plan = example_plan();
    let schedule = scheduled(&plan);
    let svg = timeline_svg(&plan, &schedule, today());
    let critical = schedule.tasks.iter().filter(|times| times.critical).count();
    assert!(critical > 0);
    // A hatched mark beside every critical task's name, and hatched bars and diamonds.
    assert_eq!(svg.matches("class=\"critical-mark\"").count(), critical);
    assert!(svg.contains(".bar--critical { fill: url(#critical-hatch);"));
    assert!(svg.contains(".milestone--critical { fill: url(#critical-hatch);"));
    assert!(svg.contains("<pattern id=\"critical-hatch\""));
}

#[test]
fn the_today_line_is_drawn_only_when_today_is_in_the_chart() {
    let plan = small_plan();
    let schedule = scheduled(&plan);
    let lines = |day: NaiveDate| timeline_svg(&plan, &schedule, day).matches("<line class=\"today\"").count();
    // One in the chart, one in the legend.
    assert_eq!(lines(date(2027, 1, 11)), 2);
    assert_eq!(lines(date(2028, 1, 11)), 1);
}

// ---------------------------------------------------------------- format readers

/// A reader of the Mermaid gantt subset Planwright writes, faithful to Mermaid's own
/// lexer (`gantt.jison`: case-insensitive rules tried in order, the first match wins,
/// white space skipped between tokens) and to how its database reads a task's data
/// (`ganttDb`: tags first, then id, start and length; `after` takes the latest end;
/// excluded days lengthen a task).
mod mermaid_grammar {
    use chrono::{Datelike, NaiveDate, Weekday};

    #[derive(Debug, Default)]
    pub struct Chart {
        pub title: String,
        pub excludes: Vec<String>,
        pub sections: Vec<String>,
        pub tasks: Vec<MermaidTask>,
        /// The ids of `tasks`, to find them quickly.
        ids: std::collections::HashSet<String>,
    }

    #[derive(Debug)]
    pub struct MermaidTask {
        pub name: String,
        pub tags: Vec<String>,
        pub id: String,
        pub start: Start,
        pub days: i64,
    }

    #[derive(Debug, PartialEq, Eq)]
    pub enum Start {
        Date(NaiveDate),
        After(Vec<String>),
    }

    const TAGS: [&str; 4] = ["active", "done", "crit", "milestone"];

    /// White space as JavaScript's `\s` has it.
    fn js_space(character: char) -> bool {
        matches!(
            character,
            '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
        )
    }

    fn starts_with_date(text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes.len() >= 10
            && bytes[..10].iter().enumerate().all(|(at, byte)| {
                if at == 4 || at == 7 {
                    *byte == b'-'
                } else {
                    byte.is_ascii_digit()
                }
            })
    }

    fn date(text: &str) -> Option<NaiveDate> {
        (text.len() == 10 && starts_with_date(text)).then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
    }

    /// The lexer rule that matches at the start of `rest` before the task-text rule, if
    /// any: a statement keyword, a comment or a date.
    fn statement_rule(rest: &str) -> Option<&'static str> {
        let lower = rest.to_ascii_lowercase();
        let followed_by_space =
            |keyword: &str| lower.strip_prefix(keyword).and_then(|after| after.chars().next()).is_some_and(js_space);
        let spaces_then = |keyword: &str, mark: char| {
            lower.strip_prefix(keyword).is_some_and(|after| after.trim_start_matches(js_space).starts_with(mark))
        };
        let mut characters = rest.chars();
        let (first, second) = (characters.next(), characters.next());
        if spaces_then("acctitle", ':') || spaces_then("accdescr", ':') || spaces_then("accdescr", '{') {
            return Some("accessibility");
        }
        if first == Some('%') || (second == Some('%') && first != Some('}')) {
            return Some("comment");
        }
        if first == Some('#') {
            return Some("comment");
        }
        if spaces_then("href", '"') || followed_by_space("call") || followed_by_space("click") {
            return Some("interaction");
        }
        for keyword in ["gantt", "inclusiveenddates", "topaxis"] {
            if lower.starts_with(keyword) {
                return Some("keyword");
            }
        }
        for keyword in ["dateformat", "axisformat", "tickinterval", "includes", "excludes", "todaymarker", "weekday"] {
            if followed_by_space(keyword) {
                return Some("keyword");
            }
        }
        if starts_with_date(rest) {
            return Some("date");
        }
        for keyword in ["title", "accdescription", "section", "weekend", "displaymode"] {
            if followed_by_space(keyword) {
                return Some("keyword");
            }
        }
        None
    }

    pub fn parse(text: &str) -> Result<Chart, String> {
        if text.contains('\r') {
            return Err("a carriage return".into());
        }
        let body = text.strip_suffix('\n').ok_or("no line feed at the end")?;
        let mut lines = body.split('\n').enumerate();
        match lines.next() {
            Some((_, "gantt")) => {}
            other => return Err(format!("the first line is {other:?}, not gantt")),
        }
        let mut chart = Chart::default();
        let mut date_format = false;
        for (number, line) in lines {
            let at = |message: String| format!("line {}: {message}: {line:?}", number + 1);
            let rest = line.trim_start_matches(js_space);
            if rest.is_empty() {
                continue;
            }
            if let Some(comment) = rest.strip_prefix("%%") {
                if comment.starts_with('{') {
                    return Err(at("a directive".into()));
                }
                continue;
            }
            let lower = rest.to_ascii_lowercase();
            let value_after = |keyword: &str| rest[keyword.len() + 1..].to_string();
            let value_ok = |value: &str, forbidden: &[char]| !value.is_empty() && !value.contains(forbidden);
            if lower.starts_with("title") && statement_rule(rest) == Some("keyword") {
                let value = value_after("title");
                if !value_ok(&value, &['#', ';']) || !chart.title.is_empty() || !chart.tasks.is_empty() {
                    return Err(at("a bad title".into()));
                }
                chart.title = value;
            } else if lower.starts_with("dateformat") && statement_rule(rest) == Some("keyword") {
                if value_after("dateformat") != "YYYY-MM-DD" {
                    return Err(at("not dateFormat YYYY-MM-DD".into()));
                }
                date_format = true;
            } else if lower.starts_with("excludes") && statement_rule(rest) == Some("keyword") {
                let value = value_after("excludes");
                if !value_ok(&value, &['#', ';']) || !chart.excludes.is_empty() {
                    return Err(at("a bad or second excludes (Mermaid keeps only the last)".into()));
                }
                // ganttDb splits on /[\s,]+/.
                let items = value.to_lowercase();
                for item in items
                    .split(|character: char| js_space(character) || character == ',')
                    .filter(|item| !item.is_empty())
                {
                    let known =
                        ["weekends", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
                    if !(known.contains(&item) || date(item).is_some()) {
                        return Err(at(format!("cannot exclude {item:?}")));
                    }
                    chart.excludes.push(item.to_string());
                }
            } else if lower.starts_with("section") && statement_rule(rest) == Some("keyword") {
                let value = value_after("section");
                if !value_ok(&value, &['#', ':', ';']) {
                    return Err(at("a bad section".into()));
                }
                chart.sections.push(value);
            } else if let Some(rule) = statement_rule(rest) {
                return Err(at(format!("Mermaid reads this as a {rule}, not a task")));
            } else {
                if !date_format || chart.sections.is_empty() {
                    return Err(at("a task before dateFormat or before any section".into()));
                }
                let task = task(rest, &chart).map_err(at)?;
                chart.ids.insert(task.id.clone());
                chart.tasks.push(task);
            }
        }
        Ok(chart)
    }

    /// `taskTxt` (`[^#:\n;]+`) then `taskData` (`:[^#\n;]+`) to the end of the line.
    fn task(line: &str, chart: &Chart) -> Result<MermaidTask, String> {
        let name_end = line.find([':', '#', ';']).ok_or("no colon")?;
        let (name, data) = line.split_at(name_end);
        let data = data.strip_prefix(':').ok_or("the name ends before its colon")?;
        if data.is_empty() || data.contains(['#', ';']) || data.starts_with('%') {
            return Err("the data is not one taskData token".into());
        }
        let mut parts: Vec<&str> = data.split(',').collect();
        let mut tags = Vec::new();
        while let Some(tag) = TAGS.iter().find(|tag| parts.first().is_some_and(|part| part.trim() == **tag)) {
            tags.push(tag.to_string());
            parts.remove(0);
        }
        let [id, start, length] = parts.iter().map(|part| part.trim()).collect::<Vec<_>>()[..] else {
            return Err(format!("{} fields after the tags, not id, start and length", parts.len()));
        };
        let usable = |id: &str| {
            !id.is_empty() && id.chars().all(|character| character.is_ascii_alphanumeric() || "_-".contains(character))
        };
        if !usable(id) || chart.ids.contains(id) {
            return Err(format!("the id {id:?} is not usable or not unique"));
        }
        let start = if let Some(ids) = start.strip_prefix("after") {
            if !ids.starts_with(js_space) {
                return Err(format!("bad start {start:?}"));
            }
            let ids: Vec<String> = ids.split(' ').filter(|id| !id.is_empty()).map(String::from).collect();
            for after in &ids {
                if !usable(after) || !chart.ids.contains(after) {
                    return Err(format!("after {after:?}, which is not a task above"));
                }
            }
            Start::After(ids)
        } else {
            Start::Date(date(start).ok_or(format!("bad start {start:?}"))?)
        };
        let days = length.strip_suffix('d').and_then(|days| days.parse::<i64>().ok()).ok_or("bad length")?;
        Ok(MermaidTask { name: name.to_string(), tags, id: id.to_string(), start, days })
    }

    /// Each task's start and end as Mermaid computes them, by id.
    pub fn resolve(chart: &Chart) -> Result<std::collections::HashMap<String, (NaiveDate, NaiveDate)>, String> {
        let excluded_dates: Vec<NaiveDate> = chart.excludes.iter().filter_map(|item| date(item)).collect();
        let excluded_day = |day: NaiveDate| {
            let name = match day.weekday() {
                Weekday::Mon => "monday",
                Weekday::Tue => "tuesday",
                Weekday::Wed => "wednesday",
                Weekday::Thu => "thursday",
                Weekday::Fri => "friday",
                Weekday::Sat => "saturday",
                Weekday::Sun => "sunday",
            };
            (chart.excludes.iter().any(|item| item == "weekends")
                && matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
                || chart.excludes.iter().any(|item| item == name)
                || excluded_dates.contains(&day)
        };
        let mut dates = std::collections::HashMap::new();
        for task in &chart.tasks {
            let start = match &task.start {
                Start::Date(date) => *date,
                Start::After(ids) => {
                    ids.iter().map(|id| dates[id]).map(|(_, end): (NaiveDate, NaiveDate)| end).max().unwrap()
                }
            };
            let mut end = start + chrono::Days::new(task.days as u64);
            // ganttDb's checkTaskDates: each excluded day from the day after the start to
            // the end (as it grows) pushes the end one day on.
            if !chart.excludes.is_empty() {
                let mut day = start.succ_opt().unwrap();
                while day <= end {
                    if excluded_day(day) {
                        end = end.succ_opt().unwrap();
                    }
                    day = day.succ_opt().unwrap();
                }
            }
            dates.insert(task.id.clone(), (start, end));
        }
        Ok(dates)
    }
}

/// A reader of iCalendar text as RFC 5545 has it: CRLF line ends, lines of at most 75
/// octets, folded lines starting with a space, `NAME[;PARAMS]:VALUE` content lines,
/// BEGIN/END blocks, and TEXT values with only the escapes the RFC allows.
mod ical_reader {
    use super::MAX_LINE_OCTETS;

    pub struct Calendar {
        pub properties: Vec<(String, String)>,
        pub events: Vec<Event>,
    }

    pub struct Event {
        pub properties: Vec<(String, String)>,
    }

    fn find<'a>(properties: &'a [(String, String)], name: &str) -> &'a str {
        let found: Vec<&str> =
            properties.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str()).collect();
        assert_eq!(found.len(), 1, "{name} is given {} times", found.len());
        found[0]
    }

    impl Calendar {
        /// A calendar property's TEXT value, unescaped.
        pub fn property(&self, name: &str) -> String {
            unescape(find(&self.properties, name)).unwrap()
        }
    }

    impl Event {
        /// The raw value of a property (its name with any parameters).
        pub fn raw(&self, name: &str) -> &str {
            find(&self.properties, name)
        }

        /// A TEXT property, unescaped.
        pub fn text(&self, name: &str) -> String {
            unescape(self.raw(name)).unwrap()
        }
    }

    /// A TEXT value: `\\`, `\;`, `\,`, `\n` (or `\N`) are the only escapes, and a bare
    /// `;` or `,` is not allowed (it would separate values).
    pub fn unescape(value: &str) -> Result<String, String> {
        let mut text = String::new();
        let mut characters = value.chars();
        while let Some(character) = characters.next() {
            match character {
                '\\' => match characters.next() {
                    Some('\\') => text.push('\\'),
                    Some(';') => text.push(';'),
                    Some(',') => text.push(','),
                    Some('n' | 'N') => text.push('\n'),
                    other => return Err(format!("a bad escape \\{other:?} in {value:?}")),
                },
                ';' | ',' => return Err(format!("an unescaped {character:?} in {value:?}")),
                character if character.is_control() && character != '\t' => {
                    return Err(format!("a control character in {value:?}"))
                }
                character => text.push(character),
            }
        }
        Ok(text)
    }

    pub fn read(text: &str) -> Result<Calendar, String> {
        let body = text.strip_suffix("\r\n").ok_or("no CRLF at the end")?;
        let mut lines: Vec<String> = Vec::new();
        for physical in body.split("\r\n") {
            if physical.contains(['\r', '\n']) {
                return Err(format!("a bare CR or LF in {physical:?}"));
            }
            if physical.len() > MAX_LINE_OCTETS {
                return Err(format!("{} octets: {physical:?}", physical.len()));
            }
            match physical.strip_prefix([' ', '\t']) {
                Some(continued) => lines.last_mut().ok_or("a continuation first")?.push_str(continued),
                None => lines.push(physical.to_string()),
            }
        }
        let mut calendar = Calendar { properties: Vec::new(), events: Vec::new() };
        let mut open: Vec<String> = Vec::new();
        for line in lines {
            let (name, value) = line.split_once(':').ok_or(format!("no colon in {line:?}"))?;
            let bare_name = name.split(';').next().unwrap();
            if bare_name.is_empty()
                || !bare_name.chars().all(|character| character.is_ascii_uppercase() || character == '-')
            {
                return Err(format!("a bad property name in {line:?}"));
            }
            match (name, value) {
                ("BEGIN", "VCALENDAR") if open.is_empty() && calendar.properties.is_empty() => open.push(value.into()),
                ("BEGIN", "VEVENT") if open == ["VCALENDAR"] => {
                    open.push(value.into());
                    calendar.events.push(Event { properties: Vec::new() });
                }
                ("BEGIN", _) => return Err(format!("BEGIN:{value} here")),
                ("END", _) => {
                    if open.pop().as_deref() != Some(value) {
                        return Err(format!("END:{value} closes nothing"));
                    }
                }
                _ if open == ["VCALENDAR"] => calendar.properties.push((name.into(), value.into())),
                _ if open == ["VCALENDAR", "VEVENT"] => {
                    calendar.events.last_mut().unwrap().properties.push((name.into(), value.into()))
                }
                _ => return Err(format!("{line:?} outside the calendar")),
            }
        }
        if !open.is_empty() {
            return Err(format!("{open:?} not closed"));
        }
        assert_eq!(find(&calendar.properties, "VERSION"), "2.0");
        find(&calendar.properties, "PRODID");
        for event in &calendar.events {
            for name in ["UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY", "DESCRIPTION"] {
                find(&event.properties, name);
            }
            assert!(event.raw("DTSTAMP").ends_with('Z') && event.raw("DTSTAMP").len() == 16);
            for name in ["SUMMARY", "DESCRIPTION"] {
                unescape(event.raw(name))?;
            }
        }
        Ok(calendar)
    }
}

/// A reader that checks XML well-formedness (balanced tags, quoted attributes, only
/// the five named entities and character references, no characters XML cannot hold)
/// and returns every element with its attributes and its own text, unescaped.
mod xml_reader {
    pub struct Element {
        pub name: String,
        pub text: String,
    }

    fn allowed(character: char) -> bool {
        matches!(character, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }

    fn unescape(text: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(';').ok_or(format!("an unended entity in {text:?}"))? + at;
            out.push(match &rest[at + 1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                other => return Err(format!("an unknown entity &{other};")),
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    pub fn read(text: &str) -> Result<Vec<Element>, String> {
        if let Some(bad) = text.chars().find(|character| !allowed(*character)) {
            return Err(format!("{bad:?} cannot be in XML"));
        }
        let mut elements: Vec<Element> = Vec::new();
        let mut open: Vec<(String, usize)> = Vec::new();
        let mut rest = text;
        let mut roots = 0;
        while !rest.is_empty() {
            let Some(at) = rest.find('<') else {
                if !rest.trim().is_empty() || !open.is_empty() {
                    return Err("text after the root element".into());
                }
                break;
            };
            let content = unescape(&rest[..at])?;
            match open.last() {
                Some(&(_, element)) => elements[element].text.push_str(&content),
                None if content.trim().is_empty() => {}
                None => return Err("text outside the root element".into()),
            }
            rest = &rest[at..];
            let end = rest.find('>').ok_or("an unended tag")?;
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some((open_name, _)) if open_name == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty()
                || !name.chars().all(|character| character.is_ascii_alphanumeric() || "-_:".contains(character))
            {
                return Err(format!("a bad element name in <{tag}>"));
            }
            // Attributes: name="value", each name once.
            let mut attributes = &tag[name_end..];
            let mut names = std::collections::HashSet::new();
            loop {
                attributes = attributes.trim_start();
                if attributes.is_empty() {
                    break;
                }
                let equals = attributes.find("=\"").ok_or(format!("a bad attribute in <{tag}>"))?;
                let attribute = &attributes[..equals];
                if !names.insert(attribute) || attribute.contains(char::is_whitespace) {
                    return Err(format!("a bad or repeated attribute {attribute:?} in <{tag}>"));
                }
                let value_end = attributes[equals + 2..].find('"').ok_or("an unended attribute")? + equals + 2;
                let value = &attributes[equals + 2..value_end];
                if value.contains('<') {
                    return Err(format!("a < in an attribute of <{tag}>"));
                }
                unescape(value)?;
                attributes = &attributes[value_end + 1..];
            }
            if open.is_empty() {
                roots += 1;
            }
            elements.push(Element { name: name.to_string(), text: String::new() });
            if !self_closing {
                open.push((name.to_string(), elements.len() - 1));
            }
        }
        if roots != 1 || !open.is_empty() {
            return Err(format!("{roots} root elements, {} left open", open.len()));
        }
        Ok(elements)
    }
}

#[test]
fn a_period_s_timeline_holds_the_tasks_at_work_in_it_cut_at_its_edges() {
    let plan = example_plan();
    let schedule = scheduled(&plan);
    let (from, to) = (date(2027, 2, 1), date(2027, 2, 28));
    let svg = timeline_svg_between(&plan, &schedule, today(), from, to);
    xml_reader::read(&svg).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(svg, timeline_svg_between(&plan, &schedule, today(), to, from), "the dates in either order");
    let at_work: Vec<&str> = (0..plan.tasks.len())
        .filter(|&index| schedule.start_date(index) <= to && schedule.finish_date(index) >= from)
        .map(|index| plan.tasks[index].name.as_str())
        .collect();
    let idle: Vec<&str> = (0..plan.tasks.len())
        .filter(|&index| schedule.finish_date(index) < from || schedule.start_date(index) > to)
        .map(|index| plan.tasks[index].name.as_str())
        .collect();
    assert!(!at_work.is_empty() && !idle.is_empty(), "the example has both");
    assert_eq!(svg.matches("<text class=\"name").count(), at_work.len(), "a row for each task at work");
    let texts: Vec<String> = xml_reader::read(&svg).unwrap().into_iter().map(|element| element.text).collect();
    for name in idle {
        assert!(!texts.iter().any(|text| text.ends_with(name)), "{name} is not at work in February");
    }
    // Cut at the period's edges, said in the subtitle; the whole plan's drawing is not cut.
    assert!(svg.contains("<clipPath id=\"period\">") && svg.contains("clip-path=\"url(#period)\""));
    assert!(svg.contains("2027-02-01 to 2027-02-28"));
    assert!(!timeline_svg(&plan, &schedule, today()).contains("clipPath"));
    // A month at week zoom is narrower than the whole plan, and as wide as its legend.
    let width = |svg: &str| svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse::<i64>().unwrap();
    assert!(width(&svg) < width(&timeline_svg(&plan, &schedule, today())));
    assert!(width(&svg) >= 980, "room for the legend: {}", width(&svg));
    let week = timeline_svg_between(&plan, &schedule, today(), date(2027, 2, 1), date(2027, 2, 5));
    assert_eq!(width(&week), 980);
}
