//! `schedule::compute` and the working calendar: textbook critical-path results on
//! working-day numbers and on dates, every dependency kind, calendars with weekends
//! and holidays, summaries, cycles and a plan of 100,000 tasks.
//!
//! Plans start on Monday 2027-01-04 with a Monday-to-Friday calendar unless a test
//! says otherwise, so working day 0 is 2027-01-04, day 5 is Monday 2027-01-11.

use crate::common;

use crate::common::{date, dependency, empty_plan, finish_to_start, milestone, subtask, task, Random};
use chrono::{Datelike, NaiveDate, Weekday};
use planwright::model::graph::TaskGraph;
use planwright::model::{
    Baseline, BaselineId, BaselineTask, Calendar, Command, ConstraintKind, DateConstraint, DependencyKind, Holiday,
    Plan, Task, TaskId, TaskKind,
};
use planwright::schedule::{
    add_days, compute, finish_variance, is_weekend, take_baseline, ConflictCause, GraphCache, Schedule, ScheduleError,
    TaskTimes, WorkingCalendar,
};

fn schedule_of(plan: &Plan) -> Schedule {
    compute(plan).unwrap_or_else(|error| panic!("the plan should schedule: {error}"))
}

fn times<'a>(schedule: &'a Schedule, plan: &Plan, id: &str) -> &'a TaskTimes {
    &schedule.tasks[plan.task_index(id).unwrap_or_else(|| panic!("no task {id}"))]
}

fn start_and_finish(schedule: &Schedule, plan: &Plan, id: &str) -> (NaiveDate, NaiveDate) {
    let index = plan.task_index(id).unwrap();
    (schedule.start_date(index), schedule.finish_date(index))
}

// ---------------------------------------------------------------- textbook network

/// The classic activity-on-node example: A..H with finish-to-start links.
///
/// ```text
///      ┌─ B(4) ── D(5) ─┐
/// A(3) ┤                ├─ G(4) ─┐
///      └─ C(2) ┬ E(1) ──┘        ├─ H(3)
///              └ F(2) ───────────┘
/// ```
fn textbook_plan() -> Plan {
    let mut plan = empty_plan();
    for (id, duration) in [("A", 3), ("B", 4), ("C", 2), ("D", 5), ("E", 1), ("F", 2), ("G", 4), ("H", 3)] {
        plan.tasks.push(task(id, &format!("Activity {id}"), duration));
    }
    for (predecessor, successor) in
        [("A", "B"), ("A", "C"), ("B", "D"), ("C", "E"), ("C", "F"), ("D", "G"), ("E", "G"), ("F", "H"), ("G", "H")]
    {
        plan.dependencies.push(finish_to_start(predecessor, successor));
    }
    plan
}

#[test]
fn textbook_network_has_the_known_early_and_late_times_and_float() {
    let plan = textbook_plan();
    let schedule = schedule_of(&plan);
    // (id, early start, early finish, late start, late finish, total float)
    let expected = [
        ("A", 0, 3, 0, 3, 0),
        ("B", 3, 7, 3, 7, 0),
        ("C", 3, 5, 9, 11, 6),
        ("D", 7, 12, 7, 12, 0),
        ("E", 5, 6, 11, 12, 6),
        ("F", 5, 7, 14, 16, 9),
        ("G", 12, 16, 12, 16, 0),
        ("H", 16, 19, 16, 19, 0),
    ];
    for (id, early_start, early_finish, late_start, late_finish, float) in expected {
        let actual = times(&schedule, &plan, id);
        assert_eq!(
            (actual.early_start, actual.early_finish, actual.late_start, actual.late_finish, actual.total_float),
            (early_start, early_finish, late_start, late_finish, float),
            "task {id}"
        );
        assert_eq!(actual.critical, float == 0, "task {id}");
        assert!(!actual.summary && !actual.milestone && !actual.deadline_missed);
    }
    assert_eq!(schedule.finish, 19);
}

#[test]
fn textbook_network_dates_skip_weekends() {
    let plan = textbook_plan();
    let schedule = schedule_of(&plan);
    let expected = [
        ("A", date(2027, 1, 4), date(2027, 1, 6)),
        ("B", date(2027, 1, 7), date(2027, 1, 12)),
        ("C", date(2027, 1, 7), date(2027, 1, 8)),
        ("D", date(2027, 1, 13), date(2027, 1, 19)),
        ("E", date(2027, 1, 11), date(2027, 1, 11)),
        ("F", date(2027, 1, 11), date(2027, 1, 12)),
        ("G", date(2027, 1, 20), date(2027, 1, 25)),
        ("H", date(2027, 1, 26), date(2027, 1, 28)),
    ];
    for (id, start, finish) in expected {
        assert_eq!(start_and_finish(&schedule, &plan, id), (start, finish), "task {id}");
    }
    let c = plan.task_index("C").unwrap();
    assert_eq!(schedule.late_start_date(c), date(2027, 1, 15));
    assert_eq!(schedule.late_finish_date(c), date(2027, 1, 18));
    let f = plan.task_index("F").unwrap();
    assert_eq!((schedule.late_start_date(f), schedule.late_finish_date(f)), (date(2027, 1, 22), date(2027, 1, 25)));
    assert_eq!(schedule.finish_date_of_plan(), date(2027, 1, 28));
}

#[test]
fn textbook_network_gives_the_same_schedule_whatever_the_task_order() {
    let plan = textbook_plan();
    let mut reversed = plan.clone();
    reversed.tasks.reverse();
    let (forward, backward) = (schedule_of(&plan), schedule_of(&reversed));
    for task in &plan.tasks {
        let id = task.id.as_str();
        assert_eq!(times(&forward, &plan, id), times(&backward, &reversed, id), "task {id}");
    }
}

#[test]
fn empty_plan_schedules_to_nothing() {
    let schedule = schedule_of(&empty_plan());
    assert!(schedule.tasks.is_empty());
    assert_eq!(schedule.finish, 0);
    assert_eq!(schedule.finish_date_of_plan(), date(2027, 1, 4));
}

// ---------------------------------------------------------------- dependency kinds

/// P(5) → A(4) by finish-to-start, so A runs over days 5..9; then A → B(3) by `kind`
/// with `lag`.
fn two_linked_tasks(kind: DependencyKind, lag: i32) -> Plan {
    let mut plan = empty_plan();
    plan.tasks = vec![task("P", "Prepare", 5), task("A", "Predecessor", 4), task("B", "Successor", 3)];
    plan.dependencies = vec![finish_to_start("P", "A"), dependency("A", "B", kind, lag)];
    plan
}

#[test]
fn every_dependency_kind_with_positive_and_negative_lag() {
    use DependencyKind::{FF, FS, SF, SS};
    // (kind, lag, B's early start, B's early finish, plan finish, A's float, B's float)
    let cases = [
        (FS, 0, 9, 12, 12, 0, 0),
        (FS, 2, 11, 14, 14, 0, 0),
        (FS, -2, 7, 10, 10, 0, 0),
        (SS, 0, 5, 8, 9, 0, 1),
        (SS, 2, 7, 10, 10, 0, 0),
        (SS, -2, 3, 6, 9, 0, 3),
        (FF, 0, 6, 9, 9, 0, 0),
        (FF, 2, 8, 11, 11, 0, 0),
        (FF, -2, 4, 7, 9, 0, 2),
        (SF, 0, 2, 5, 9, 0, 4),
        (SF, 6, 8, 11, 11, 0, 0),
        (SF, -2, 0, 3, 9, 0, 6),
    ];
    for (kind, lag, start, finish, plan_finish, a_float, b_float) in cases {
        let plan = two_linked_tasks(kind, lag);
        let schedule = schedule_of(&plan);
        let a = times(&schedule, &plan, "A");
        let b = times(&schedule, &plan, "B");
        assert_eq!((a.early_start, a.early_finish), (5, 9), "{kind:?} {lag}");
        assert_eq!((b.early_start, b.early_finish), (start, finish), "{kind:?} {lag}");
        assert_eq!(schedule.finish, plan_finish, "{kind:?} {lag}");
        assert_eq!((a.total_float, b.total_float), (a_float, b_float), "{kind:?} {lag}");
    }
}

#[test]
fn a_lead_never_starts_a_task_before_the_plan_starts() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "First", 2), task("B", "Overlapping", 3)];
    plan.dependencies = vec![dependency("A", "B", DependencyKind::SS, -5)];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "B").early_start, 0);
}

#[test]
fn the_latest_of_several_predecessors_wins() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "Short", 2), task("B", "Long", 6), task("C", "After both", 1)];
    plan.dependencies = vec![finish_to_start("A", "C"), finish_to_start("B", "C")];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "C").early_start, 6);
    assert_eq!(times(&schedule, &plan, "A").total_float, 4);
}

// ---------------------------------------------------------------- calendar in the schedule

#[test]
fn a_task_that_would_start_on_a_holiday_starts_the_next_working_day() {
    let mut plan = empty_plan();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 18), name: "Martin Luther King Jr. Day".into() }];
    plan.tasks = vec![task("A", "Ten days", 10), task("B", "Next", 1)];
    plan.dependencies = vec![finish_to_start("A", "B")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 15)));
    assert_eq!(start_and_finish(&schedule, &plan, "B"), (date(2027, 1, 19), date(2027, 1, 19)));
}

#[test]
fn a_task_spanning_a_holiday_finishes_a_day_later() {
    let mut plan = empty_plan();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 6), name: "Epiphany".into() }];
    plan.tasks = vec![task("A", "Five days", 5)];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 11)));
}

#[test]
fn start_no_earlier_than_a_holiday_means_the_next_working_day() {
    let mut plan = empty_plan();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 18), name: "Martin Luther King Jr. Day".into() }];
    plan.tasks = vec![Task { start_no_earlier_than: Some(date(2027, 1, 18)), ..task("A", "Held", 2) }];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 19), date(2027, 1, 20)));
}

#[test]
fn a_lag_counts_working_days_across_a_weekend() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "Mon to Wed", 3), task("B", "After two days' wait", 2)];
    plan.dependencies = vec![dependency("A", "B", DependencyKind::FS, 2)];
    let schedule = schedule_of(&plan);
    // Thursday and Friday are the lag; B starts on Monday.
    assert_eq!(start_and_finish(&schedule, &plan, "B"), (date(2027, 1, 11), date(2027, 1, 12)));
}

#[test]
fn a_plan_starting_on_a_saturday_has_its_working_day_zero_on_monday() {
    let mut plan = empty_plan();
    plan.start = date(2027, 1, 2);
    plan.tasks = vec![task("A", "First", 1), milestone("M", "Kick-off")];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "A").early_start, 0);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 4)));
    assert_eq!(start_and_finish(&schedule, &plan, "M"), (date(2027, 1, 4), date(2027, 1, 4)));
    assert_eq!(schedule.calendar.date_of(0), date(2027, 1, 4));
    assert_eq!(schedule.calendar.index_of(date(2027, 1, 2)), 0);
    assert_eq!(schedule.calendar.index_of(date(2027, 1, 4)), 0);
}

#[test]
fn a_plan_starting_on_a_holiday_has_its_working_day_zero_after_it() {
    let mut plan = empty_plan();
    plan.start = date(2027, 1, 1);
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 1), name: "New Year's Day".into() }];
    plan.tasks = vec![task("A", "First", 1)];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 4)));
}

#[test]
fn start_no_earlier_than_holds_a_task_back() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        Task { start_no_earlier_than: Some(date(2027, 1, 13)), ..task("A", "Wednesday", 2) },
        Task { start_no_earlier_than: Some(date(2027, 1, 10)), ..task("B", "Sunday", 1) },
        Task { start_no_earlier_than: Some(date(2026, 12, 1)), ..task("C", "Before the plan", 1) },
        task("D", "After A", 1),
        Task { start_no_earlier_than: Some(date(2027, 1, 5)), ..task("E", "After A, bound earlier", 1) },
    ];
    plan.dependencies = vec![finish_to_start("A", "D"), finish_to_start("A", "E")];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "A").early_start, 7);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 13), date(2027, 1, 14)));
    assert_eq!(start_and_finish(&schedule, &plan, "B").0, date(2027, 1, 11));
    assert_eq!(times(&schedule, &plan, "C").early_start, 0);
    assert_eq!(times(&schedule, &plan, "D").early_start, 9);
    assert_eq!(times(&schedule, &plan, "E").early_start, 9);
}

#[test]
fn deadline_missed_only_when_the_finish_passes_it() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        Task { deadline: Some(date(2027, 1, 8)), ..task("A", "Due Friday, done Friday", 5) },
        Task { deadline: Some(date(2027, 1, 7)), ..task("B", "Due Thursday, done Friday", 5) },
        Task { deadline: Some(date(2027, 1, 9)), ..task("C", "Due Saturday, done Friday", 5) },
        task("D", "No deadline", 500),
        Task { deadline: Some(date(2027, 1, 4)), ..milestone("M", "Due on its day") },
        Task { deadline: Some(date(2027, 1, 3)), ..milestone("N", "Due the day before") },
    ];
    let schedule = schedule_of(&plan);
    let missed: Vec<bool> = schedule.tasks.iter().map(|times| times.deadline_missed).collect();
    assert_eq!(missed, [false, true, false, false, false, true]);
}

#[test]
fn deadline_missed_is_a_finish_after_the_deadline_in_every_calendar() {
    for (name, calendar) in calendars() {
        let mut plan = empty_plan();
        plan.calendar = calendar;
        for number in 0..40u32 {
            let deadline = date(2027, 1, 4 + number % 28);
            let id = format!("T{number}");
            plan.tasks.push(Task { deadline: Some(deadline), ..task(&id, "Step", number % 5) });
            if number > 0 && number % 3 != 0 {
                plan.dependencies.push(finish_to_start(&format!("T{}", number - 1), &id));
            }
        }
        let schedule = schedule_of(&plan);
        for (index, task) in plan.tasks.iter().enumerate() {
            let finish = schedule.finish_date(index);
            assert!(schedule.calendar.is_working_day(finish), "{name}: {} finishes on a working day", task.id);
            assert_eq!(
                schedule.tasks[index].deadline_missed,
                Some(finish) > task.deadline,
                "{name}: {} finishes {finish}, due {:?}",
                task.id,
                task.deadline
            );
        }
    }
}

#[test]
fn other_working_weeks_are_respected() {
    let mut plan = empty_plan();
    plan.calendar.working_weekdays = vec![Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu];
    plan.start = date(2027, 1, 1); // a Friday: day 0 is Sunday 2027-01-03
    plan.tasks = vec![task("A", "Five days", 5), task("B", "Next", 1)];
    plan.dependencies = vec![finish_to_start("A", "B")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 3), date(2027, 1, 7)));
    assert_eq!(start_and_finish(&schedule, &plan, "B").0, date(2027, 1, 10));
}

// ---------------------------------------------------------------- milestones

#[test]
fn a_milestone_takes_no_time() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "Build", 3), milestone("M", "Ready"), task("B", "After ready", 2)];
    plan.dependencies = vec![finish_to_start("A", "M"), finish_to_start("M", "B")];
    let schedule = schedule_of(&plan);
    let gate = times(&schedule, &plan, "M");
    assert!(gate.milestone);
    assert_eq!((gate.early_start, gate.early_finish), (3, 3));
    assert_eq!(gate.total_float, 0);
    assert!(gate.critical);
    // The milestone sits at the end of its predecessor's last day; its successor starts
    // the next working day.
    let (start, finish) = start_and_finish(&schedule, &plan, "M");
    assert_eq!(start, finish);
    assert_eq!(start, date(2027, 1, 6));
    assert_eq!(times(&schedule, &plan, "B").early_start, 3);
}

#[test]
fn a_milestone_marked_with_a_duration_still_takes_no_time() {
    let mut plan = empty_plan();
    plan.tasks = vec![Task { duration: 4, ..milestone("M", "Inconsistent") }];
    let schedule = schedule_of(&plan);
    assert_eq!((schedule.tasks[0].early_start, schedule.tasks[0].early_finish), (0, 0));
}

/// The one day a milestone is shown on (its start and finish are that day).
fn milestone_date(schedule: &Schedule, plan: &Plan, id: &str) -> NaiveDate {
    let (start, finish) = start_and_finish(schedule, plan, id);
    assert_eq!(start, finish, "{id} takes no time");
    start
}

#[test]
fn a_milestone_after_finish_to_start_links_sits_on_its_predecessors_last_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("A", "Build, Monday to Friday", 5),
        task("B", "Docs, Monday to Wednesday", 3),
        Task { deadline: Some(date(2027, 1, 8)), ..milestone("M", "Ready") },
    ];
    plan.dependencies = vec![finish_to_start("A", "M"), finish_to_start("B", "M")];
    let schedule = schedule_of(&plan);
    // MS Project: Friday 17:00, the end of the latest predecessor's last day.
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 8));
    let ready = times(&schedule, &plan, "M");
    assert_eq!((ready.early_start, ready.early_finish), (5, 5), "the boundary after Friday, in working days");
    assert!(ready.early_start_at_day_end && !ready.early_finish_at_day_start);
    assert_eq!((ready.total_float, ready.critical, ready.deadline_missed), (0, true, false));
}

#[test]
fn a_milestone_after_a_start_to_start_link_sits_at_the_start_of_its_predecessors_first_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("P", "Monday and Tuesday", 2),
        task("A", "Wednesday to Friday", 3),
        milestone("M", "A started"),
        task("X", "After M", 1),
    ];
    plan.dependencies =
        vec![finish_to_start("P", "A"), dependency("A", "M", DependencyKind::SS, 0), finish_to_start("M", "X")];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 6));
    let started = times(&schedule, &plan, "M");
    assert!(!started.early_start_at_day_end && started.early_finish_at_day_start);
    // At the start of Wednesday, so a finish-to-start successor starts that Wednesday.
    assert_eq!(start_and_finish(&schedule, &plan, "X").0, date(2027, 1, 6));
}

#[test]
fn a_milestone_lag_counts_working_days_from_the_end_or_the_start_of_the_day() {
    use DependencyKind::{FF, FS, SF, SS};
    // A runs from Wednesday 2027-01-06 (day 2) to Tuesday 2027-01-12 (day 6).
    // (kind, lag, the milestone's day, at the end of that day)
    let cases = [
        (FS, 2, date(2027, 1, 14), true),
        (FS, -2, date(2027, 1, 8), true),
        (FS, -10, date(2027, 1, 4), false),
        (SS, 2, date(2027, 1, 8), false),
        (SS, -1, date(2027, 1, 5), false),
        (FF, 1, date(2027, 1, 13), true),
        (SF, -1, date(2027, 1, 5), false),
    ];
    for (kind, lag, day, at_day_end) in cases {
        let mut plan = empty_plan();
        plan.tasks = vec![task("P", "Monday and Tuesday", 2), task("A", "Five days", 5), milestone("M", "Gate")];
        plan.dependencies = vec![finish_to_start("P", "A"), dependency("A", "M", kind, lag)];
        let schedule = schedule_of(&plan);
        assert_eq!(milestone_date(&schedule, &plan, "M"), day, "{kind:?} {lag:+}");
        let gate = times(&schedule, &plan, "M");
        assert_eq!(gate.early_start_at_day_end, at_day_end, "{kind:?} {lag:+}");
    }
}

#[test]
fn a_milestone_with_nothing_before_it_sits_at_the_plans_start_and_what_follows_starts_that_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![milestone("M", "Kick-off"), task("A", "First work", 2)];
    plan.dependencies = vec![finish_to_start("M", "A")];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 4));
    assert!(!times(&schedule, &plan, "M").early_start_at_day_end);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 5)));
    // A plan starting on a Saturday starts on Monday.
    plan.start = date(2027, 1, 2);
    assert_eq!(milestone_date(&schedule_of(&plan), &plan, "M"), date(2027, 1, 4));
}

#[test]
fn a_milestone_ending_the_plan_makes_the_plan_finish_on_the_last_day_of_work() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "Monday to Friday", 5), milestone("M", "Done"), task("C", "Alongside", 3)];
    plan.dependencies = vec![finish_to_start("A", "M")];
    let schedule = schedule_of(&plan);
    assert_eq!(schedule.finish_date_of_plan(), date(2027, 1, 8));
    assert_eq!(schedule.finish, 5);
    assert_eq!(times(&schedule, &plan, "A").total_float, 0);
    assert_eq!(times(&schedule, &plan, "C").total_float, 2, "C may finish as late as Friday");
    // A baseline keeps the milestone's own day, and its slip counts from there.
    let baseline = take_baseline(&plan, &schedule, BaselineId::new("B1"), "Plan".into(), date(2027, 1, 4));
    assert_eq!(baseline.tasks[1].finish, date(2027, 1, 8));
    plan.tasks[0].duration = 6;
    let later = schedule_of(&plan);
    assert_eq!(later.finish_date_of_plan(), date(2027, 1, 11));
    assert_eq!(finish_variance(&plan, &later, &baseline), [Some(1), Some(1), Some(0)]);
}

#[test]
fn a_baseline_set_with_the_old_milestone_day_shows_the_milestone_one_working_day_early() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("A", "Monday to Friday", 5), milestone("M", "Built")];
    plan.dependencies = vec![finish_to_start("A", "M")];
    // Baselines set before milestones sat on their predecessors' day kept the Monday.
    let old_day = |id: &str, start, finish| BaselineTask { task: TaskId::new(id), start, finish, cost: None };
    let baseline = Baseline {
        id: BaselineId::new("B1"),
        name: "Set before".into(),
        taken: date(2027, 1, 4),
        tasks: vec![
            old_day("A", date(2027, 1, 4), date(2027, 1, 8)),
            old_day("M", date(2027, 1, 11), date(2027, 1, 11)),
        ],
    };
    let schedule = schedule_of(&plan);
    assert_eq!(finish_variance(&plan, &schedule, &baseline), [Some(0), Some(-1)]);
}

#[test]
fn a_task_after_a_milestone_starts_the_next_working_day() {
    let mut plan = empty_plan();
    plan.calendar.holidays = vec![Holiday { date: date(2027, 1, 11), name: "A Monday off".into() }];
    plan.tasks = vec![task("A", "Monday to Friday", 5), milestone("M", "Built"), task("B", "Next", 2)];
    plan.dependencies = vec![finish_to_start("A", "M"), finish_to_start("M", "B")];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 8));
    assert_eq!(start_and_finish(&schedule, &plan, "B"), (date(2027, 1, 12), date(2027, 1, 13)));
    assert!(plan.tasks.iter().all(|task| times(&schedule, &plan, task.id.as_str()).critical));
}

#[test]
fn a_milestone_after_a_milestone_sits_on_the_same_day_unless_a_lag_moves_it() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("A", "Monday to Friday", 5),
        milestone("M1", "Built"),
        milestone("M2", "Accepted"),
        milestone("M3", "A day later"),
        milestone("K", "Kick-off"),
        milestone("K2", "Kick-off done"),
    ];
    plan.dependencies = vec![
        finish_to_start("A", "M1"),
        finish_to_start("M1", "M2"),
        dependency("M1", "M3", DependencyKind::FS, 1),
        finish_to_start("K", "K2"),
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M2"), date(2027, 1, 8));
    assert!(times(&schedule, &plan, "M2").early_start_at_day_end);
    assert_eq!(milestone_date(&schedule, &plan, "M3"), date(2027, 1, 11), "the end of the next working day");
    assert_eq!(milestone_date(&schedule, &plan, "K2"), date(2027, 1, 4));
    assert!(!times(&schedule, &plan, "K2").early_start_at_day_end);
}

// ---------------------------------------------------------------- summaries

/// S holds A(3, done) and B(6, half done), which run side by side; X(2) comes before
/// S and Y(1) after it.
fn plan_with_summary() -> Plan {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("X", "Before", 2),
        task("S", "Workstream", 0),
        Task { progress: 100, ..subtask("A", "Short", 3, "S") },
        Task { progress: 50, ..subtask("B", "Long", 6, "S") },
        task("Y", "After", 1),
    ];
    plan.dependencies = vec![finish_to_start("X", "S"), finish_to_start("S", "Y")];
    plan
}

#[test]
fn a_summary_spans_its_subtasks() {
    let plan = plan_with_summary();
    let schedule = schedule_of(&plan);
    let summary = times(&schedule, &plan, "S");
    assert!(summary.summary);
    assert_eq!((summary.early_start, summary.early_finish), (2, 8));
    assert_eq!(start_and_finish(&schedule, &plan, "S"), (date(2027, 1, 6), date(2027, 1, 13)));
    assert_eq!(summary.total_float, 0);
    assert!(summary.critical);
    assert_eq!(times(&schedule, &plan, "A").total_float, 3);
}

#[test]
fn a_dependency_on_a_summary_applies_to_each_of_its_subtasks() {
    let plan = plan_with_summary();
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "A").early_start, 2);
    assert_eq!(times(&schedule, &plan, "B").early_start, 2);
    assert_eq!(times(&schedule, &plan, "Y").early_start, 8, "Y waits for the last subtask");
}

#[test]
fn a_summary_progress_is_weighted_by_duration() {
    let plan = plan_with_summary();
    let schedule = schedule_of(&plan);
    let expected = (3.0 * 100.0 + 6.0 * 50.0) / 9.0;
    assert!((times(&schedule, &plan, "S").progress - expected).abs() < 1e-9);
    assert_eq!(times(&schedule, &plan, "B").progress, 50.0);
}

#[test]
fn nested_summaries_roll_up_dates_float_and_progress() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("S1", "Program", 0),
        task("S2", "Team", 0),
        Task { progress: 100, ..subtask("C1", "One", 2, "S2") },
        Task { progress: 0, ..subtask("C2", "Two", 4, "S2") },
        Task { progress: 40, ..subtask("C3", "Three", 5, "S1") },
        milestone("M", "End"),
    ];
    plan.tasks[1].parent = Some("S1".into());
    plan.dependencies = vec![finish_to_start("C1", "C2"), finish_to_start("S2", "C3"), finish_to_start("S1", "M")];
    let schedule = schedule_of(&plan);
    let team = times(&schedule, &plan, "S2");
    assert_eq!((team.early_start, team.early_finish), (0, 6));
    let program = times(&schedule, &plan, "S1");
    assert_eq!((program.early_start, program.early_finish), (0, 11));
    assert_eq!(times(&schedule, &plan, "M").early_start, 11);
    let expected = (2.0 * 100.0 + 4.0 * 0.0 + 5.0 * 40.0) / 11.0;
    assert!((program.progress - expected).abs() < 1e-9, "{}", program.progress);
    assert!((team.progress - 200.0 / 6.0).abs() < 1e-9, "{}", team.progress);
    assert_eq!((program.total_float, team.total_float), (0, 0));
}

#[test]
fn a_summary_of_milestones_averages_their_progress() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("S", "Gates", 0),
        Task { progress: 100, parent: Some("S".into()), ..milestone("M1", "One") },
        Task { progress: 0, parent: Some("S".into()), ..milestone("M2", "Two") },
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(schedule.tasks[0].progress, 50.0);
}

#[test]
fn a_summary_of_milestones_and_a_summary_of_milestones_averages_both() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("S", "Gates", 0),
        Task { parent: Some("S".into()), ..task("G", "Design gates", 0) },
        Task { progress: 100, parent: Some("G".into()), ..milestone("M1", "One") },
        Task { progress: 0, parent: Some("G".into()), ..milestone("M2", "Two") },
        Task { progress: 0, parent: Some("G".into()), ..milestone("M3", "Three") },
        Task { progress: 50, parent: Some("S".into()), ..milestone("M4", "Four") },
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(schedule.tasks[1].progress, 100.0 / 3.0);
    assert_eq!(schedule.tasks[0].progress, (100.0 / 3.0 + 50.0) / 2.0);
}

#[test]
fn a_summary_start_no_earlier_than_holds_back_its_subtasks() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        Task { start_no_earlier_than: Some(date(2027, 1, 11)), ..task("S", "Later", 0) },
        subtask("A", "Inside", 2, "S"),
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 11), date(2027, 1, 12)));
    assert_eq!(start_and_finish(&schedule, &plan, "S"), (date(2027, 1, 11), date(2027, 1, 12)));
}

#[test]
fn a_start_to_start_successor_of_a_summary_gives_no_negative_float() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("S", "Workstream", 0),
        subtask("A", "First", 2, "S"),
        subtask("B", "Second", 2, "S"),
        task("X", "Alongside", 10),
    ];
    plan.dependencies = vec![finish_to_start("A", "B"), dependency("S", "X", DependencyKind::SS, 0)];
    let schedule = schedule_of(&plan);
    for task in &plan.tasks {
        let times = times(&schedule, &plan, task.id.as_str());
        assert!(times.total_float >= 0, "{} has float {}: {times:?}", task.id, times.total_float);
    }
    // B may finish as late as the plan's finish on day 10.
    assert_eq!(times(&schedule, &plan, "B").total_float, 6);
}

#[test]
fn a_milestone_inside_a_summary_sits_on_its_predecessors_last_day_and_the_summary_ends_there() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("S", "Workstream", 0), subtask("A", "Monday to Wednesday", 3, "S")];
    plan.tasks.push(Task { parent: Some("S".into()), ..milestone("M", "Workstream done") });
    plan.dependencies = vec![finish_to_start("A", "M")];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 6));
    assert_eq!(start_and_finish(&schedule, &plan, "S"), (date(2027, 1, 4), date(2027, 1, 6)));
    assert_eq!(times(&schedule, &plan, "S").early_finish, 3);
}

#[test]
fn a_link_to_a_summary_puts_a_milestone_inside_it_at_the_end_of_the_predecessors_last_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("X", "Monday and Tuesday", 2), task("S", "Workstream", 0)];
    plan.tasks.push(Task { parent: Some("S".into()), ..milestone("M", "Workstream starts") });
    plan.tasks.push(subtask("A", "Three days", 3, "S"));
    plan.dependencies = vec![finish_to_start("X", "S")];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 5));
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 6), date(2027, 1, 8)));
    // The summary starts with its milestone, at the end of Tuesday.
    assert_eq!(start_and_finish(&schedule, &plan, "S"), (date(2027, 1, 5), date(2027, 1, 8)));
    assert!(times(&schedule, &plan, "S").early_start_at_day_end);
}

#[test]
fn a_milestone_after_a_summary_sits_on_the_last_day_of_its_subtasks() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("S", "Workstream", 0),
        subtask("A", "Monday to Wednesday", 3, "S"),
        subtask("B", "Monday to Thursday", 4, "S"),
        milestone("M", "Workstream done"),
        milestone("K", "Workstream started"),
    ];
    plan.dependencies = vec![finish_to_start("S", "M"), dependency("S", "K", DependencyKind::SS, 0)];
    let schedule = schedule_of(&plan);
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 7));
    assert_eq!(milestone_date(&schedule, &plan, "K"), date(2027, 1, 4));
}

// ---------------------------------------------------------------- deadlines

#[test]
fn a_deadline_bounds_the_late_finish_and_float_goes_negative_when_it_is_missed() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        Task { deadline: Some(date(2027, 1, 6)), ..task("A", "Due Wednesday, done Friday", 5) },
        Task { deadline: Some(date(2027, 1, 15)), ..task("B", "Due in two weeks", 5) },
        Task { deadline: Some(date(2027, 1, 9)), ..task("D", "Due Saturday", 2) },
        task("C", "Four weeks", 20),
    ];
    let schedule = schedule_of(&plan);
    let late = times(&schedule, &plan, "A");
    assert_eq!((late.late_finish, late.total_float, late.critical, late.deadline_missed), (3, -2, true, true));
    assert_eq!(schedule.late_finish_date(0), date(2027, 1, 6));
    // Without its deadline B could slip 15 working days, to the plan's finish.
    assert_eq!(times(&schedule, &plan, "B").total_float, 5);
    // A deadline on a Saturday is the end of the Friday before.
    assert_eq!(times(&schedule, &plan, "D").total_float, 3);
    assert_eq!(times(&schedule, &plan, "C").total_float, 0);
}

#[test]
fn a_deadline_pulls_the_late_dates_of_the_tasks_before_it() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("A", "Monday to Wednesday", 3),
        Task { deadline: Some(date(2027, 1, 5)), ..task("B", "Due Tuesday", 2) },
        task("C", "Unrelated", 1),
    ];
    plan.dependencies = vec![finish_to_start("A", "B")];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "B").total_float, -3);
    assert_eq!(times(&schedule, &plan, "A").total_float, -3);
    assert!(times(&schedule, &plan, "A").critical);
    assert_eq!(times(&schedule, &plan, "C").total_float, 4);
    assert!(schedule.conflicts.is_empty(), "a deadline is not a constraint");
}

#[test]
fn a_milestone_at_the_start_of_the_day_after_its_deadline_misses_it_by_one_working_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("P", "Monday to Friday", 5),
        task("A", "Starts Monday", 2),
        Task { deadline: Some(date(2027, 1, 8)), ..milestone("M", "A started") },
    ];
    plan.dependencies = vec![finish_to_start("P", "A"), dependency("A", "M", DependencyKind::SS, 0)];
    let schedule = schedule_of(&plan);
    let index = plan.task_index("M").unwrap();
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 11));
    assert!(schedule.tasks[index].deadline_missed);
    assert_eq!(schedule.working_days_after(index, date(2027, 1, 8)), 1);
    // The end of Friday and the start of Monday are no working time apart.
    assert_eq!(schedule.tasks[index].total_float, 0);
}

#[test]
fn a_deadline_on_a_summary_bounds_its_subtasks() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        Task { deadline: Some(date(2027, 1, 6)), ..task("S", "Due Wednesday", 0) },
        subtask("A", "Monday to Friday", 5, "S"),
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(times(&schedule, &plan, "A").total_float, -2);
    assert_eq!(times(&schedule, &plan, "S").total_float, -2);
    assert!(times(&schedule, &plan, "S").deadline_missed);
}

// ---------------------------------------------------------------- date constraints

fn constrained(task: Task, kind: ConstraintKind, date: NaiveDate) -> Task {
    let mut task = task;
    task.set_date_constraint(Some(DateConstraint { kind, date }));
    task
}

/// The conflicts of a schedule as their sentences.
fn conflict_texts(schedule: &Schedule) -> Vec<String> {
    schedule.conflicts.iter().map(ToString::to_string).collect()
}

#[test]
fn start_no_later_than_bounds_the_late_start_and_links_win_over_it() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("P", "Monday and Tuesday", 2),
        constrained(task("A", "After P", 2), ConstraintKind::StartNoLaterThan, date(2027, 1, 5)),
        constrained(task("B", "Free", 2), ConstraintKind::StartNoLaterThan, date(2027, 1, 7)),
    ];
    plan.dependencies = vec![finish_to_start("P", "A")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 6), date(2027, 1, 7)));
    assert_eq!((times(&schedule, &plan, "A").total_float, times(&schedule, &plan, "P").total_float), (-1, -1));
    assert_eq!(start_and_finish(&schedule, &plan, "B").0, date(2027, 1, 4), "no earlier bound: as soon as possible");
    assert_eq!(times(&schedule, &plan, "B").total_float, 2, "B may start as late as Wednesday and end with the plan");
    assert_eq!(
        conflict_texts(&schedule),
        ["A must start no later than 2027-01-05 but its predecessor P (FS) finishes on 2027-01-05"]
    );
}

#[test]
fn finish_no_earlier_than_holds_the_finish_back() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        constrained(task("A", "Two days", 2), ConstraintKind::FinishNoEarlierThan, date(2027, 1, 8)),
        constrained(milestone("M", "Not before Friday's end"), ConstraintKind::FinishNoEarlierThan, date(2027, 1, 8)),
        task("X", "After M", 1),
        constrained(task("W", "Weekend date", 1), ConstraintKind::FinishNoEarlierThan, date(2027, 1, 9)),
    ];
    plan.dependencies = vec![finish_to_start("M", "X")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 7), date(2027, 1, 8)));
    assert_eq!(milestone_date(&schedule, &plan, "M"), date(2027, 1, 8));
    assert!(times(&schedule, &plan, "M").early_start_at_day_end);
    assert_eq!(start_and_finish(&schedule, &plan, "X").0, date(2027, 1, 11));
    assert_eq!(start_and_finish(&schedule, &plan, "W").1, date(2027, 1, 8), "the end of Saturday is Friday's");
    assert!(schedule.conflicts.is_empty());
}

#[test]
fn finish_no_later_than_bounds_the_late_finish() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        constrained(task("A", "Five days", 5), ConstraintKind::FinishNoLaterThan, date(2027, 1, 6)),
        constrained(task("B", "Two days", 2), ConstraintKind::FinishNoLaterThan, date(2027, 1, 8)),
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 4), date(2027, 1, 8)));
    assert_eq!(times(&schedule, &plan, "A").total_float, -2);
    assert_eq!(times(&schedule, &plan, "B").total_float, 3);
    assert_eq!(
        conflict_texts(&schedule),
        ["A must finish no later than 2027-01-06 but it takes 5 working days from the plan's start on 2027-01-04"]
    );
}

#[test]
fn must_start_on_fixes_the_start_both_ways_and_a_predecessor_past_it_is_reported() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        constrained(task("A", "On Wednesday", 2), ConstraintKind::MustStartOn, date(2027, 1, 6)),
        task("P", "Monday to Wednesday", 3),
        constrained(task("B", "Wanted on Wednesday", 2), ConstraintKind::MustStartOn, date(2027, 1, 6)),
        task("L", "Long", 10),
    ];
    plan.dependencies = vec![finish_to_start("P", "B")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "A"), (date(2027, 1, 6), date(2027, 1, 7)));
    assert_eq!((times(&schedule, &plan, "A").total_float, times(&schedule, &plan, "A").critical), (0, true));
    assert_eq!(start_and_finish(&schedule, &plan, "B").0, date(2027, 1, 7), "the link wins");
    assert_eq!(times(&schedule, &plan, "B").total_float, -1);
    assert_eq!(
        conflict_texts(&schedule),
        ["B must start on 2027-01-06 but its predecessor P (FS) finishes on 2027-01-06"]
    );
    let b = plan.task_index("B").unwrap();
    assert_eq!(schedule.conflict(b).map(|conflict| conflict.scheduled), Some(date(2027, 1, 7)));
    assert!(schedule.conflict(plan.task_index("A").unwrap()).is_none());
}

#[test]
fn must_finish_on_fixes_the_finish_both_ways_and_names_the_predecessor_that_makes_it_impossible() {
    let mut plan = Plan::new("Contract", date(2027, 3, 1));
    plan.tasks = vec![
        task("T5", "Seven days from Monday", 7),
        constrained(task("T7", "Contract delivery", 1), ConstraintKind::MustFinishOn, date(2027, 3, 5)),
        constrained(task("T8", "Free delivery", 2), ConstraintKind::MustFinishOn, date(2027, 3, 5)),
    ];
    plan.dependencies = vec![finish_to_start("T5", "T7")];
    let schedule = schedule_of(&plan);
    assert_eq!(start_and_finish(&schedule, &plan, "T7"), (date(2027, 3, 10), date(2027, 3, 10)));
    assert_eq!(
        conflict_texts(&schedule),
        ["T7 must finish on 2027-03-05 but its predecessor T5 (FS) finishes on 2027-03-09"]
    );
    assert_eq!((times(&schedule, &plan, "T7").total_float, times(&schedule, &plan, "T5").total_float), (-3, -3));
    assert_eq!(start_and_finish(&schedule, &plan, "T8"), (date(2027, 3, 4), date(2027, 3, 5)));
    assert_eq!(times(&schedule, &plan, "T8").total_float, 0);
}

#[test]
fn a_conflict_names_a_start_to_start_predecessor_with_its_lag() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("P", "Monday to Friday", 5),
        constrained(task("A", "Three days after P starts", 1), ConstraintKind::StartNoLaterThan, date(2027, 1, 5)),
    ];
    plan.dependencies = vec![dependency("P", "A", DependencyKind::SS, 3)];
    let schedule = schedule_of(&plan);
    assert_eq!(
        conflict_texts(&schedule),
        ["A must start no later than 2027-01-05 but its predecessor P (SS+3) starts on 2027-01-04"]
    );
}

#[test]
fn a_conflict_can_come_from_the_summary_above_or_from_a_subtask() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        constrained(task("S", "Not before Monday week", 0), ConstraintKind::StartNoEarlierThan, date(2027, 1, 11)),
        constrained(subtask("A", "Wanted by Friday", 1, "S"), ConstraintKind::StartNoLaterThan, date(2027, 1, 8)),
        constrained(task("S2", "Due Wednesday", 0), ConstraintKind::FinishNoLaterThan, date(2027, 1, 6)),
        subtask("B", "Monday to Friday", 5, "S2"),
    ];
    let schedule = schedule_of(&plan);
    assert_eq!(
        conflict_texts(&schedule),
        [
            "A must start no later than 2027-01-08 but its summary S starts no earlier than 2027-01-11",
            "S2 must finish no later than 2027-01-06 but its subtask B finishes on 2027-01-08",
        ]
    );
    assert_eq!(times(&schedule, &plan, "B").total_float, -2, "the summary's limit binds its subtasks");
}

#[test]
fn a_milestone_that_must_start_on_the_day_its_predecessor_finishes_is_late_but_one_that_must_finish_on_it_is_not() {
    let mut plan = empty_plan();
    plan.tasks = vec![
        task("A", "Monday to Friday", 5),
        constrained(milestone("M1", "Must start Friday"), ConstraintKind::MustStartOn, date(2027, 1, 8)),
        constrained(milestone("M2", "Must finish Friday"), ConstraintKind::MustFinishOn, date(2027, 1, 8)),
    ];
    plan.dependencies = vec![finish_to_start("A", "M1"), finish_to_start("A", "M2")];
    let schedule = schedule_of(&plan);
    // Both sit at the end of Friday; a start constraint is at the start of its day, as
    // MS Project sets a date typed without a time.
    assert_eq!(
        (milestone_date(&schedule, &plan, "M1"), milestone_date(&schedule, &plan, "M2")),
        (date(2027, 1, 8), date(2027, 1, 8))
    );
    assert_eq!(
        conflict_texts(&schedule),
        ["M1 must start on 2027-01-08 but its predecessor A (FS) finishes on 2027-01-08"]
    );
    assert_eq!(times(&schedule, &plan, "M2").total_float, 0);
}

// ---------------------------------------------------------------- cycles

#[test]
fn a_cycle_is_refused_and_names_its_tasks() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("T1", "One", 1), task("T2", "Two", 1), task("T3", "Three", 1), task("T4", "Outside", 1)];
    plan.dependencies = vec![
        finish_to_start("T4", "T1"),
        finish_to_start("T1", "T2"),
        finish_to_start("T2", "T3"),
        finish_to_start("T3", "T1"),
    ];
    let ScheduleError::Cycle(cycle) = compute(&plan).unwrap_err();
    let names: Vec<&str> = cycle.0.iter().map(|id| id.as_str()).collect();
    assert_eq!(names.first(), names.last(), "the cycle closes: {names:?}");
    let mut members = names[..names.len() - 1].to_vec();
    members.sort();
    assert_eq!(members, ["T1", "T2", "T3"]);
    let message = ScheduleError::Cycle(cycle.clone()).to_string();
    assert!(message.contains("T1") && message.contains("T2") && message.contains("→"), "{message}");
}

#[test]
fn a_link_from_a_subtask_to_its_own_summary_is_a_cycle() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("S", "Workstream", 0), subtask("A", "Inside", 2, "S")];
    plan.dependencies = vec![finish_to_start("A", "S")];
    let ScheduleError::Cycle(cycle) = compute(&plan).unwrap_err();
    let text = cycle.to_string();
    assert!(text.contains('S') && text.contains('A'), "{text}");
}

// ---------------------------------------------------------------- invariants on random plans

/// `generated_plan` links subtasks only; this adds links from and to workstream
/// summaries that cannot close a cycle: a finish-to-start or finish-to-finish link from
/// a summary to a task after its block, and any link from a task to a later summary.
fn with_summary_links(mut plan: Plan, random: &mut Random) -> Plan {
    let summaries: Vec<usize> =
        (0..plan.tasks.len()).filter(|&index| plan.has_children(plan.tasks[index].id.as_str())).collect();
    for &summary in &summaries {
        let end = summary + plan.subtree_len(summary);
        if end < plan.tasks.len() && !plan.has_children(plan.tasks[end].id.as_str()) {
            let kind = [DependencyKind::FS, DependencyKind::FF][random.below(2) as usize];
            let (from, to) = (plan.tasks[summary].id.to_string(), plan.tasks[end].id.to_string());
            plan.dependencies.push(dependency(&from, &to, kind, random.below(5) as i32 - 2));
        }
        if summary > 0 && !plan.has_children(plan.tasks[summary - 1].id.as_str()) {
            let kind = DependencyKind::ALL[random.below(4) as usize];
            let (from, to) = (plan.tasks[summary - 1].id.to_string(), plan.tasks[summary].id.to_string());
            plan.dependencies.push(dependency(&from, &to, kind, random.below(5) as i32 - 2));
        }
    }
    plan
}

/// Gives about one task in ten a date constraint of a random kind (the generated plans
/// have start-no-earlier-than dates and deadlines only).
fn with_constraints(mut plan: Plan, random: &mut Random) -> Plan {
    for task in &mut plan.tasks {
        if random.below(10) == 0 {
            let kind = ConstraintKind::ALL[random.below(6) as usize];
            let date = date(2027, 1 + random.below(6) as u32, 1 + random.below(28) as u32);
            task.set_date_constraint(Some(DateConstraint { kind, date }));
        }
    }
    plan
}

/// The plan without what bounds late dates: no deadlines, no no-later-than constraints,
/// and a must-start-on or must-finish-on kept as its no-earlier-than half. Its early
/// dates are the same; its float never negative.
fn without_late_limits(plan: &Plan) -> Plan {
    let mut relaxed = plan.clone();
    for task in &mut relaxed.tasks {
        task.deadline = None;
        let kept = task.date_constraint().and_then(|constraint| {
            let kind = match constraint.kind {
                ConstraintKind::MustStartOn => ConstraintKind::StartNoEarlierThan,
                ConstraintKind::MustFinishOn => ConstraintKind::FinishNoEarlierThan,
                kind if kind.bounds_late_dates() => return None,
                kind => kind,
            };
            Some(DateConstraint { kind, ..constraint })
        });
        task.set_date_constraint(kept);
    }
    relaxed
}

/// Whether a task, or one the precedence graph leads to from it (its successors, its
/// summaries and theirs, their subtasks), has a deadline or a constraint that bounds
/// late dates: only then may its float be less than without them.
fn leads_to_a_late_limit(plan: &Plan, graph: &TaskGraph, task: usize) -> bool {
    let limited = |task: &Task| {
        task.deadline.is_some() || task.date_constraint().is_some_and(|constraint| constraint.kind.bounds_late_dates())
    };
    let mut seen = vec![false; graph.node_count()];
    let mut stack = vec![task as u32];
    while let Some(node) = stack.pop() {
        if std::mem::replace(&mut seen[node as usize], true) {
            continue;
        }
        if limited(&plan.tasks[graph.task_of(node)]) {
            return true;
        }
        graph.for_each_outgoing(node, |edge| stack.push(edge.to));
    }
    false
}

/// A task's early start (`true`) or finish as a half-day position (the start of working
/// day `d` is `2d`, its end `2d + 1`), read from the public fields.
fn early_position(schedule: &Schedule, task: usize, start: bool) -> i64 {
    let times = &schedule.tasks[task];
    if start {
        2 * times.early_start - i64::from(times.early_start_at_day_end)
    } else {
        2 * times.early_finish - 1 + i64::from(times.early_finish_at_day_start)
    }
}

/// Where a constraint or deadline on `date` falls, as a position: the start of its day,
/// or the end of the last working day on or before it.
fn date_position(calendar: &WorkingCalendar, date: NaiveDate, start: bool) -> i64 {
    if start {
        2 * calendar.index_of(date)
    } else {
        2 * calendar.index_of(date.succ_opt().unwrap()) - 1
    }
}

#[test]
fn random_plans_keep_every_link_and_bound_and_float_is_negative_only_before_a_late_limit() {
    // What the plans held, so the checks cannot pass on plans without it.
    let (mut negative_floats, mut conflicts, mut milestones_at_day_end) = (0, 0, 0);
    for seed in 0..30 {
        let mut random = Random::new(seed);
        let plan = with_constraints(with_summary_links(common::generated_plan(60, seed), &mut random), &mut random);
        assert!(planwright::model::validate::validate_plan(&plan).is_empty(), "seed {seed}: the plan is valid");
        let schedule = schedule_of(&plan);
        let relaxed = schedule_of(&without_late_limits(&plan));
        let graph = TaskGraph::build(&plan);
        let leaf = |id: &str| !plan.has_children(id);
        for dependency in &plan.dependencies {
            if !leaf(dependency.predecessor.as_str()) || !leaf(dependency.successor.as_str()) {
                continue;
            }
            let before = times(&schedule, &plan, dependency.predecessor.as_str());
            let after = times(&schedule, &plan, dependency.successor.as_str());
            let lag = dependency.lag as i64;
            let kept = match dependency.kind {
                DependencyKind::FS => after.early_start >= before.early_finish + lag,
                DependencyKind::SS => after.early_start >= before.early_start + lag,
                DependencyKind::FF => after.early_finish >= before.early_finish + lag,
                DependencyKind::SF => after.early_finish >= before.early_start + lag,
            };
            assert!(kept, "seed {seed}: {dependency:?} broken by {before:?} and {after:?}");
        }
        for (index, task) in plan.tasks.iter().enumerate() {
            let (times, loose) = (&schedule.tasks[index], &relaxed.tasks[index]);
            let id = &task.id;
            assert!(times.early_start >= 0, "seed {seed}: {id} starts before the plan");
            assert!(times.early_finish <= schedule.finish);
            assert_eq!(times.critical, times.total_float <= 0, "seed {seed}: {id}");
            // Late limits never move early dates, and float goes below zero only with them.
            let early = |times: &TaskTimes| (times.early_start, times.early_finish, times.early_start_at_day_end);
            assert_eq!(early(times), early(loose), "seed {seed}: {id}");
            assert!(loose.total_float >= 0, "seed {seed}: {id} has float {} with no late limit", loose.total_float);
            assert!(times.total_float <= loose.total_float, "seed {seed}: {id}");
            if !times.summary && !leads_to_a_late_limit(&plan, &graph, index) {
                assert_eq!(times.total_float, loose.total_float, "seed {seed}: {id} leads to no late limit");
            }
            check_limits(&schedule, &plan, index, seed);
            if task.kind == TaskKind::Task && !times.summary {
                assert_eq!(times.early_finish - times.early_start, task.duration as i64);
            }
            if times.summary {
                let children: Vec<&TaskTimes> = plan
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, child)| child.parent.as_ref() == Some(&task.id))
                    .map(|(child, _)| &schedule.tasks[child])
                    .collect();
                assert_eq!(times.early_start, children.iter().map(|child| child.early_start).min().unwrap());
                assert_eq!(times.early_finish, children.iter().map(|child| child.early_finish).max().unwrap());
            }
        }
        assert!(
            schedule.tasks.iter().any(|times| times.critical && !times.summary),
            "seed {seed}: a critical path exists"
        );
        negative_floats += schedule.tasks.iter().filter(|times| times.total_float < 0).count();
        conflicts += schedule.conflicts.len();
        milestones_at_day_end +=
            schedule.tasks.iter().filter(|times| times.milestone && times.early_start_at_day_end).count();
    }
    assert!(
        negative_floats > 100 && conflicts > 20 && milestones_at_day_end > 20,
        "{negative_floats}, {conflicts}, {milestones_at_day_end}"
    );
}

/// A task's own constraint and deadline in its schedule: an early bound holds (a leaf's;
/// a summary's holds its subtasks), late dates keep within the late limits, and the
/// constraints the early dates pass are exactly its conflicts, each with a cause that
/// is really there.
fn check_limits(schedule: &Schedule, plan: &Plan, index: usize, seed: u64) {
    let (task, times, calendar) = (&plan.tasks[index], &schedule.tasks[index], &schedule.calendar);
    let late = |start: bool| {
        if start {
            2 * times.late_start - i64::from(times.late_start_at_day_end)
        } else {
            2 * times.late_finish - 1 + i64::from(times.late_finish_at_day_start)
        }
    };
    if let Some(deadline) = task.deadline {
        assert!(late(false) <= date_position(calendar, deadline, false), "seed {seed}: {} deadline", task.id);
        let missed = early_position(schedule, index, false) > date_position(calendar, deadline, false);
        assert_eq!(times.deadline_missed, missed, "seed {seed}: {}", task.id);
    }
    let conflict = schedule.conflict(index);
    let Some(constraint) = task.date_constraint() else {
        assert!(conflict.is_none(), "seed {seed}: {}", task.id);
        return;
    };
    let (start, kind) = (constraint.kind.is_on_start(), constraint.kind);
    let at = date_position(calendar, constraint.date, start);
    if kind.bounds_early_dates() && !times.summary {
        assert!(early_position(schedule, index, start) >= at.max(0), "seed {seed}: {} {kind:?}", task.id);
    }
    if !kind.bounds_late_dates() {
        assert!(conflict.is_none(), "seed {seed}: {}", task.id);
        return;
    }
    assert!(late(start) <= at, "seed {seed}: {} {kind:?} late", task.id);
    let passed = early_position(schedule, index, start) > at;
    assert_eq!(conflict.is_some(), passed, "seed {seed}: {} {kind:?} on {}", task.id, constraint.date);
    if let Some(ConflictCause::Predecessor { id, kind, lag, .. }) = conflict.map(|conflict| &conflict.cause) {
        let linked = plan
            .dependencies
            .iter()
            .any(|link| link.predecessor == *id && link.successor == task.id && link.kind == *kind && link.lag == *lag);
        assert!(linked, "seed {seed}: {} names {id}, which is not its predecessor", task.id);
    }
}

// ---------------------------------------------------------------- the kept graph

/// One random edit of the plan through `apply` (refusals, such as a link that would
/// close a cycle, change nothing); whether it can change the graph.
fn random_edit(plan: &mut Plan, random: &mut Random) -> bool {
    let pick = |random: &mut Random, plan: &Plan| plan.tasks[random.below(plan.tasks.len() as u64) as usize].clone();
    let command = match random.below(10) {
        0 | 1 => {
            let mut task = pick(random, plan);
            if task.kind == TaskKind::Task {
                task.duration = random.below(20) as u32;
            }
            Command::UpdateTask(task)
        }
        2 => {
            let mut task = pick(random, plan);
            task.progress = random.below(101) as u8;
            task.name = format!("Renamed {}", random.below(1000));
            Command::UpdateTask(task)
        }
        3 => {
            let mut task = pick(random, plan);
            task.set_date_constraint(None);
            task.start_no_earlier_than = Some(date(2027, 1 + random.below(12) as u32, 1 + random.below(28) as u32));
            task.deadline = [None, Some(date(2027, 6, 1))][random.below(2) as usize];
            Command::UpdateTask(task)
        }
        4 if random.below(2) == 0 => {
            let kind = ConstraintKind::ALL[random.below(6) as usize];
            let date = date(2027, 1 + random.below(12) as u32, 1 + random.below(28) as u32);
            Command::SetTaskConstraint { task: pick(random, plan).id, constraint: Some(DateConstraint { kind, date }) }
        }
        4 if !plan.dependencies.is_empty() => {
            let mut link = plan.dependencies[random.below(plan.dependencies.len() as u64) as usize].clone();
            link.kind = DependencyKind::ALL[random.below(4) as usize];
            link.lag = random.below(7) as i32 - 3;
            Command::UpdateDependency(link)
        }
        5 => {
            let (from, to) = (pick(random, plan).id, pick(random, plan).id);
            Command::AddDependency(dependency(from.as_str(), to.as_str(), DependencyKind::FS, 0))
        }
        6 if !plan.dependencies.is_empty() => {
            let link = &plan.dependencies[random.below(plan.dependencies.len() as u64) as usize];
            Command::RemoveDependency { predecessor: link.predecessor.clone(), successor: link.successor.clone() }
        }
        7 => Command::MoveTask { id: pick(random, plan).id, index: random.below(plan.tasks.len() as u64) as usize },
        8 => {
            let id = format!("N{}", random.next_u64() % 1_000_000);
            let mut new_task = task(&id, "Added", random.below(9) as u32);
            new_task.parent = Some(pick(random, plan)).filter(|_| random.below(2) == 0).map(|parent| parent.id);
            Command::AddTask { task: new_task, index: None }
        }
        _ if plan.tasks.len() > 10 => Command::RemoveTask(pick(random, plan).id),
        _ => return false,
    };
    let structural = !matches!(&command, Command::UpdateTask(_) | Command::SetTaskConstraint { .. });
    let _ = planwright::model::apply(plan, command);
    structural
}

#[test]
fn the_kept_graph_schedules_as_compute_does_after_every_random_edit() {
    for seed in 0..12 {
        let mut random = Random::new(seed);
        let mut plan = with_summary_links(common::generated_plan(80, seed), &mut random);
        let mut cache = GraphCache::default();
        for step in 0..150 {
            let builds = cache.builds();
            let before = plan.clone();
            let structural = random_edit(&mut plan, &mut random);
            let kept = cache.compute(&plan);
            assert_eq!(kept, compute(&plan), "seed {seed}, step {step}");
            let graph_inputs_same = plan.tasks.len() == before.tasks.len()
                && plan.tasks.iter().zip(&before.tasks).all(|(a, b)| a.id == b.id && a.parent == b.parent)
                && plan.dependencies == before.dependencies;
            if step > 0 && !structural {
                assert_eq!(cache.builds(), builds, "seed {seed}, step {step}: a task edit keeps the graph");
            }
            if step > 0 && !graph_inputs_same {
                assert_eq!(cache.builds(), builds + 1, "seed {seed}, step {step}: a changed link or task rebuilds");
            }
        }
        let builds = cache.builds();
        assert!((10..150).contains(&builds), "seed {seed}: both kinds of edit were made ({builds} builds)");
    }
}

#[test]
fn the_kept_graph_is_rebuilt_for_a_link_that_closes_a_cycle_and_after_it_is_gone() {
    let mut plan = empty_plan();
    for id in ["A", "B", "C"] {
        plan.tasks.push(task(id, id, 2));
    }
    plan.dependencies = vec![finish_to_start("A", "B"), finish_to_start("B", "C")];
    let mut cache = GraphCache::default();
    assert_eq!(cache.compute(&plan), compute(&plan));
    // Set directly, as a file might hold it: `apply` would refuse the link.
    plan.dependencies.push(finish_to_start("C", "A"));
    let cycle = cache.compute(&plan);
    assert!(matches!(cycle, Err(ScheduleError::Cycle(_))), "{cycle:?}");
    assert_eq!(cycle, compute(&plan));
    plan.tasks[0].duration = 5;
    assert_eq!(cache.compute(&plan), compute(&plan), "still the cycle, from the kept graph");
    assert_eq!(cache.builds(), 2);
    plan.dependencies.pop();
    let schedule = cache.compute(&plan).expect("no cycle any more");
    assert_eq!(schedule.tasks[2].early_start, 7);
    assert_eq!(Ok(schedule), compute(&plan));
    // The same links in another order are another graph (its walk order differs).
    plan.dependencies.reverse();
    assert_eq!(cache.compute(&plan), compute(&plan));
    assert_eq!(cache.builds(), 4);
}

// ---------------------------------------------------------------- size

#[test]
fn a_chain_of_one_hundred_thousand_tasks_and_150000_links_schedules() {
    let count = 100_000;
    let mut plan = empty_plan();
    plan.tasks = (0..count).map(|number| task(&format!("T{number}"), "Step", 1)).collect();
    for number in 1..count {
        plan.dependencies.push(finish_to_start(&format!("T{}", number - 1), &format!("T{number}")));
        if number % 2 == 0 {
            // A redundant lead that must not pull anything earlier.
            plan.dependencies.push(dependency(
                &format!("T{}", number - 2),
                &format!("T{number}"),
                DependencyKind::FS,
                -1,
            ));
        }
    }
    assert!(plan.dependencies.len() >= 149_000);
    let schedule = schedule_of(&plan);
    let last = count - 1;
    assert_eq!(schedule.tasks[last].early_start, last as i64);
    assert_eq!(schedule.finish, count as i64);
    assert!(schedule.tasks.iter().all(|times| times.critical));
    // The 100,000th working day counted by hand: Monday to Friday, no holidays.
    let mut day = plan.start;
    let mut working_days_before = 0;
    loop {
        if !is_weekend(day.weekday()) {
            if working_days_before == last {
                break;
            }
            working_days_before += 1;
        }
        day = day.succ_opt().unwrap();
    }
    assert_eq!(schedule.start_date(last), day);
    assert_eq!(schedule.finish_date_of_plan(), day);
}

// ---------------------------------------------------------------- WorkingCalendar

fn holidays_2024_to_2034() -> Vec<Holiday> {
    let mut holidays = Vec::new();
    for year in 2024..=2034 {
        for (month, day) in [(1, 1), (5, 1), (7, 4), (12, 24), (12, 25), (12, 26), (12, 31)] {
            holidays.push(Holiday { date: date(year, month, day), name: "Holiday".into() });
        }
        // A two-week shutdown, holidays on weekends included.
        for day in 1..=14 {
            holidays.push(Holiday { date: date(year, 8, day), name: "Shutdown".into() });
        }
    }
    holidays
}

fn calendars() -> Vec<(&'static str, Calendar)> {
    use Weekday::*;
    vec![
        ("Monday to Friday", Calendar::default()),
        ("Monday to Friday with holidays", Calendar { holidays: holidays_2024_to_2034(), ..Calendar::default() }),
        (
            "Sunday to Thursday with holidays",
            Calendar { working_weekdays: vec![Sun, Mon, Tue, Wed, Thu], holidays: holidays_2024_to_2034() },
        ),
        ("Wednesdays only", Calendar { working_weekdays: vec![Wed], holidays: vec![] }),
        // Short weeks of neighbouring days: finding a date by working-day number once
        // stepped back and forth over the answer in these.
        (
            "Friday to Sunday with holidays",
            Calendar { working_weekdays: vec![Fri, Sat, Sun], holidays: holidays_2024_to_2034() },
        ),
        ("Tuesdays and Wednesdays", Calendar { working_weekdays: vec![Tue, Wed], holidays: vec![] }),
        (
            "every day with holidays",
            Calendar { working_weekdays: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun], holidays: holidays_2024_to_2034() },
        ),
    ]
}

#[test]
fn working_calendar_date_of_index_of_is_the_same_working_day_across_years() {
    for (name, calendar) in calendars() {
        for start in [date(2027, 1, 4), date(2027, 1, 2), date(2027, 1, 1), date(2028, 8, 3)] {
            let working = WorkingCalendar::new(&calendar, start);
            let mut previous_index = None;
            let mut day = date(2025, 1, 1);
            while day <= date(2033, 12, 31) {
                if working.is_working_day(day) {
                    let index = working.index_of(day);
                    assert_eq!(working.date_of(index), day, "{name} from {start}: working day {day} is number {index}");
                    if let Some(previous) = previous_index {
                        assert_eq!(index, previous + 1, "{name} from {start}: {day} follows the previous working day");
                    }
                    previous_index = Some(index);
                }
                day = day.succ_opt().unwrap();
            }
            assert_eq!(working.index_of(working.date_of(0)), 0);
            assert!(working.date_of(0) >= start);
        }
    }
}

#[test]
fn working_calendar_counts_a_day_off_as_the_next_working_day() {
    for (name, calendar) in calendars() {
        let working = WorkingCalendar::new(&calendar, date(2027, 1, 4));
        let mut day = date(2025, 1, 1);
        while day <= date(2033, 12, 31) {
            if !working.is_working_day(day) {
                let mut next = day;
                while !working.is_working_day(next) {
                    next = next.succ_opt().unwrap();
                }
                assert_eq!(working.index_of(day), working.index_of(next), "{name}: {day} counts as {next}");
            }
            day = day.succ_opt().unwrap();
        }
    }
}

#[test]
fn working_calendar_weekend_counts_as_the_next_monday() {
    let working = WorkingCalendar::new(&Calendar::default(), date(2027, 1, 4));
    for (saturday, monday) in [
        (date(2027, 1, 9), date(2027, 1, 11)),
        (date(2026, 12, 26), date(2026, 12, 28)),
        (date(2031, 3, 1), date(2031, 3, 3)),
    ] {
        assert_eq!(saturday.weekday(), Weekday::Sat);
        assert_eq!(working.index_of(saturday), working.index_of(monday));
        assert_eq!(working.index_of(saturday.succ_opt().unwrap()), working.index_of(monday));
    }
    assert_eq!(working.index_of(date(2027, 1, 11)), 5);
    assert_eq!(working.index_of(date(2027, 1, 1)), -1);
    assert_eq!(working.date_of(-1), date(2027, 1, 1));
    assert_eq!(working.date_of(-5), date(2026, 12, 28));
}

#[test]
fn working_calendar_reaches_far_indices_quickly_and_exactly() {
    for (name, calendar) in calendars() {
        let working = WorkingCalendar::new(&calendar, date(2027, 1, 4));
        for index in [-20_000, -1_000, -1, 0, 1, 999, 10_000, 50_000] {
            let day = working.date_of(index);
            assert!(working.is_working_day(day), "{name}: day {index} is {day}, not a working day");
            assert_eq!(working.index_of(day), index, "{name}: day {index} is {day}");
        }
    }
}

#[test]
fn working_days_between_and_adding_working_days() {
    let calendar =
        Calendar { holidays: vec![Holiday { date: date(2027, 1, 18), name: "MLK".into() }], ..Calendar::default() };
    let working = WorkingCalendar::new(&calendar, date(2027, 1, 4));
    assert_eq!(working.working_days_between(date(2027, 1, 4), date(2027, 1, 11)), 5);
    assert_eq!(working.working_days_between(date(2027, 1, 11), date(2027, 1, 4)), -5);
    assert_eq!(working.working_days_between(date(2027, 1, 15), date(2027, 1, 19)), 1);
    assert_eq!(working.add_working_days(date(2027, 1, 15), 1), date(2027, 1, 19));
    assert_eq!(working.add_working_days(date(2027, 1, 19), -1), date(2027, 1, 15));
    assert_eq!(working.add_working_days(date(2027, 1, 9), 0), date(2027, 1, 11));
    assert!(!working.is_working_day(date(2027, 1, 18)));
    assert!(!working.is_working_day(date(2027, 1, 16)));
    assert!(working.is_working_day(date(2027, 1, 19)));
}

#[test]
fn a_holiday_on_a_weekend_changes_nothing() {
    let plain = WorkingCalendar::new(&Calendar::default(), date(2027, 1, 4));
    let calendar =
        Calendar { holidays: vec![Holiday { date: date(2027, 1, 9), name: "Saturday".into() }], ..Calendar::default() };
    let with_weekend_holiday = WorkingCalendar::new(&calendar, date(2027, 1, 4));
    for index in 0..20 {
        assert_eq!(plain.date_of(index), with_weekend_holiday.date_of(index));
    }
}

#[test]
fn calendar_helpers() {
    assert!(is_weekend(Weekday::Sat) && is_weekend(Weekday::Sun));
    assert!(!is_weekend(Weekday::Mon) && !is_weekend(Weekday::Fri));
    assert_eq!(add_days(date(2027, 1, 30), 2), date(2027, 2, 1));
    assert_eq!(add_days(date(2027, 1, 1), -1), date(2026, 12, 31));
    assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
    assert_eq!(add_days(NaiveDate::MIN, -1), NaiveDate::MIN);
}

#[test]
fn a_baseline_keeps_the_dates_and_variance_counts_working_days_moved() {
    use planwright::model::{apply, BaselineId, Command, Dependency, DependencyKind, Plan, Task, TaskId};
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let mut plan = Plan::new("Baseline", start);
    for (id, days) in [("T1", 5), ("T2", 3)] {
        let mut task = Task::new(TaskId::from(id), id);
        task.duration = days;
        plan.tasks.push(task);
    }
    plan.dependencies.push(Dependency {
        predecessor: TaskId::from("T1"),
        successor: TaskId::from("T2"),
        kind: DependencyKind::FS,
        lag: 0,
    });
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let baseline =
        planwright::schedule::take_baseline(&plan, &schedule, BaselineId::from("B1"), "Plan of record".into(), start);
    assert_eq!(baseline.tasks[1].finish, chrono::NaiveDate::from_ymd_opt(2027, 1, 13).unwrap());
    apply(&mut plan, Command::SetBaselines(vec![baseline.clone()])).unwrap();
    assert_eq!(planwright::schedule::finish_variance(&plan, &schedule, &baseline), [Some(0), Some(0)]);

    // T1 takes two more days: both finish two working days late (across the weekend).
    let mut longer = plan.tasks[0].clone();
    longer.duration = 7;
    apply(&mut plan, Command::UpdateTask(longer)).unwrap();
    let schedule = planwright::schedule::compute(&plan).unwrap();
    assert_eq!(planwright::schedule::finish_variance(&plan, &schedule, &baseline), [Some(2), Some(2)]);

    // A task added after the baseline has no variance.
    apply(&mut plan, Command::AddTask { task: Task::new(TaskId::from("T3"), "Later"), index: None }).unwrap();
    let schedule = planwright::schedule::compute(&plan).unwrap();
    assert_eq!(planwright::schedule::finish_variance(&plan, &schedule, &baseline)[2], None);
}

mod resource_load {
    use super::common::*;
    use planwright::model::{Plan, RaciRole, Task, TaskKind};
    use planwright::schedule::{compute, resource_load, OTHERS_NAMED};

    /// Four tasks from Monday 2027-01-04: T1 days 0-4, T2 days 3-7 (after T1 starts +3),
    /// T3 days 5-6 (after T1), T4 a milestone on day 5, under a summary T0.
    fn plan() -> Plan {
        let mut plan = empty_plan();
        plan.people = vec![person("P1", "Ada"), person("P2", "Grace")];
        plan.tasks = vec![
            task("T0", "Stream", 0),
            subtask("T1", "Build", 5, "T0"),
            subtask("T2", "Test", 5, "T0"),
            subtask("T3", "Docs", 2, "T0"),
            Task { kind: TaskKind::Milestone, ..subtask("T4", "Done", 0, "T0") },
        ];
        plan.dependencies = vec![
            dependency("T1", "T2", planwright::model::DependencyKind::SS, 3),
            finish_to_start("T1", "T3"),
            finish_to_start("T1", "T4"),
        ];
        plan
    }

    fn flagged(plan: &Plan) -> Vec<&str> {
        let schedule = compute(plan).unwrap();
        let load = resource_load(plan, &schedule);
        plan.tasks
            .iter()
            .enumerate()
            .filter(|(index, _)| load.is_flagged(*index))
            .map(|(_, task)| task.id.as_str())
            .collect()
    }

    #[test]
    fn one_person_responsible_for_overlapping_tasks_flags_both() {
        let mut plan = plan();
        plan.raci = vec![raci("T1", "P1", RaciRole::R), raci("T2", "P1", RaciRole::AR)];
        assert_eq!(flagged(&plan), ["T1", "T2"]);
        let schedule = compute(&plan).unwrap();
        let load = resource_load(&plan, &schedule);
        let on_t1 = &load.overlaps[1];
        assert_eq!(on_t1.len(), 1);
        assert_eq!((on_t1[0].person, on_t1[0].others.clone(), on_t1[0].other_count), (0, vec![2], 1));
        assert_eq!(load.peak, [2, 0]);
    }

    #[test]
    fn tasks_that_only_touch_end_to_start_do_not_overlap() {
        let mut plan = plan();
        // T3 starts the working day after T1's last day.
        plan.raci = vec![raci("T1", "P1", RaciRole::R), raci("T3", "P1", RaciRole::R)];
        assert!(flagged(&plan).is_empty());
        let schedule = compute(&plan).unwrap();
        assert_eq!(resource_load(&plan, &schedule).peak, [1, 0]);
    }

    #[test]
    fn other_roles_other_people_summaries_and_milestones_do_not_count() {
        let mut plan = plan();
        plan.raci = vec![
            raci("T1", "P1", RaciRole::R),
            raci("T2", "P2", RaciRole::R),
            raci("T2", "P1", RaciRole::A),
            raci("T2", "P1", RaciRole::C),
            raci("T0", "P1", RaciRole::R),
            raci("T4", "P1", RaciRole::R),
        ];
        assert!(flagged(&plan).is_empty());
    }

    #[test]
    fn a_person_on_many_parallel_tasks_names_a_few_and_counts_all() {
        let mut plan = empty_plan();
        plan.people = vec![person("P1", "Ada")];
        for index in 1..=9 {
            let id = format!("T{index}");
            plan.tasks.push(task(&id, "Parallel", 3));
            plan.raci.push(raci(&id, "P1", RaciRole::R));
        }
        let schedule = compute(&plan).unwrap();
        let load = resource_load(&plan, &schedule);
        assert_eq!(load.peak, [9]);
        for overlaps in &load.overlaps {
            assert_eq!(overlaps.len(), 1);
            assert_eq!(overlaps[0].other_count, 8);
            assert_eq!(overlaps[0].others.len(), OTHERS_NAMED);
        }
    }

    #[test]
    fn the_example_flags_the_overloaded_person() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/program.plan.json")).unwrap();
        let plan = planwright::file::parse(&text).unwrap();
        let schedule = compute(&plan).unwrap();
        let load = resource_load(&plan, &schedule);
        let p3 = plan.people.iter().position(|person| person.id.as_str() == "P3").unwrap();
        assert!(load.peak[p3] >= 2, "P3 is deliberately overloaded in the example");
        assert!(load.overlaps.iter().flatten().any(|overlap| overlap.person == p3));
    }
}
