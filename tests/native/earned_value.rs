//! Budget and earned value against examples worked by hand (the workings are in each
//! test's comment), and the budget's commands: exact amounts, undo, refusals.

use planwright::analysis::earned_value::{earned_value, planned_value, Figures};
use planwright::model::budget::{planned_costs, DEFAULT_CURRENCY};
use planwright::model::validate::validate_plan;
use planwright::model::{apply, Command, DayRate, Money, PersonId, Plan, RaciRole, TaskCost, TaskId};
use planwright::schedule::{compute, take_baseline, WorkingCalendar};

use crate::common::{date, empty_plan, finish_to_start, milestone, person, raci, subtask, task};

/// Amounts in whole currency units, written as minor units.
fn units(amount: i64) -> Money {
    Money(amount * 100)
}

fn cost(task: &str, fixed: i64, actual: i64) -> TaskCost {
    TaskCost { task: TaskId::new(task), fixed: units(fixed), actual: units(actual), budget: None }
}

/// ```text
/// T1 Build  10 working days, Mon 2027-01-04 … Fri 01-15, Ana Responsible at 500 a day → 5,000
/// T2 Test    5 working days, Mon 01-18 … Fri 01-22, after T1, fixed cost 2,000
/// ```
/// Baseline taken before any progress: BAC 7,000.
fn build_and_test() -> Plan {
    let mut plan = empty_plan();
    plan.people.push(person("P1", "Ana"));
    plan.tasks = vec![task("T1", "Build", 10), task("T2", "Test", 5)];
    plan.dependencies.push(finish_to_start("T1", "T2"));
    plan.raci.push(raci("T1", "P1", RaciRole::R));
    for command in [
        Command::SetDayRate(DayRate { person: PersonId::new("P1"), rate: units(500) }),
        Command::SetTaskCost(cost("T2", 2_000, 0)),
    ] {
        apply(&mut plan, command).unwrap();
    }
    let schedule = compute(&plan).unwrap();
    let baseline = take_baseline(&plan, &schedule, plan.next_baseline_id(), "Plan of record".into(), plan.start);
    plan.baselines.push(baseline);
    plan
}

#[test]
fn a_task_costs_its_fixed_cost_plus_its_responsible_peoples_day_rates_times_its_days() {
    let plan = build_and_test();
    assert_eq!(planned_costs(&plan), [units(5_000), units(2_000)]);
    let kept: Vec<Option<Money>> = plan.baselines[0].tasks.iter().map(|entry| entry.cost).collect();
    assert_eq!(kept, [Some(units(5_000)), Some(units(2_000))], "the baseline keeps each task's cost");
}

#[test]
fn earned_value_of_a_plan_part_done_and_over_budget_matches_the_hand_worked_figures() {
    // Status Wednesday 2027-01-13: T1 has run 8 of its 10 working days (Jan 4-8, 11-13),
    // so PV = 5,000 × 8/10 = 4,000; T2 has not started, PV 0.
    // T1 is 60% done: EV = 5,000 × 0.6 = 3,000. Spent on T1: AC = 3,600.
    // CV = 3,000 − 3,600 = −600; SV = 3,000 − 4,000 = −1,000;
    // CPI = 3,000 / 3,600 = 0.833… → 0.83; SPI = 3,000 / 4,000 = 0.75;
    // EAC = AC + (BAC − EV) / CPI = 3,600 + 4,000 × 3,600 / 3,000 = 8,400; VAC = 7,000 − 8,400 = −1,400;
    // TCPI = (7,000 − 3,000) / (7,000 − 3,600) = 1.176… → 1.18.
    let mut plan = build_and_test();
    plan.tasks[0].progress = 60;
    apply(&mut plan, Command::SetTaskCost(cost("T1", 0, 3_600))).unwrap();
    let schedule = compute(&plan).unwrap();
    let value = earned_value(&plan, &schedule, plan.baselines.first(), date(2027, 1, 13));
    let figures = value.plan;
    assert_eq!(figures, Figures { bac: units(7_000), pv: units(4_000), ev: units(3_000), ac: units(3_600) });
    assert_eq!((figures.cv(), figures.sv()), (units(-600), units(-1_000)));
    assert_eq!(figures.cpi().unwrap().to_string(), "0.83");
    assert!(figures.cpi().unwrap().below_one());
    assert_eq!(figures.spi().unwrap().to_string(), "0.75");
    assert_eq!(figures.eac(), Some(units(8_400)));
    assert_eq!(figures.vac(), Some(units(-1_400)));
    assert_eq!(figures.tcpi().unwrap().to_string(), "1.18");
    assert_eq!(value.budget, units(7_000), "no plan budget set: the budget is BAC");
    assert_eq!(value.planned_now, units(7_000));
}

#[test]
fn the_plans_budget_when_set_is_the_one_a_report_compares_with() {
    let mut plan = build_and_test();
    apply(&mut plan, Command::SetBudgetTerms { currency: "EUR".into(), total: Some(units(6_500)) }).unwrap();
    let schedule = compute(&plan).unwrap();
    let value = earned_value(&plan, &schedule, plan.baselines.first(), date(2027, 1, 13));
    assert_eq!(value.budget, units(6_500));
}

#[test]
fn planned_value_is_nothing_before_the_start_all_after_the_finish_and_skips_days_off() {
    let mut calendar = empty_plan().calendar;
    calendar.holidays.push(planwright::model::Holiday { date: date(2027, 1, 6), name: "Epiphany".into() });
    let calendar = WorkingCalendar::new(&calendar, date(2027, 1, 4));
    let (start, finish) = (date(2027, 1, 4), date(2027, 1, 8)); // 4 working days: Mon, Tue, Thu, Fri
    let bac = units(1_000);
    assert_eq!(planned_value(&calendar, bac, start, finish, date(2027, 1, 1)), Money::ZERO);
    assert_eq!(planned_value(&calendar, bac, start, finish, date(2027, 1, 4)), units(250), "its first day");
    assert_eq!(planned_value(&calendar, bac, start, finish, date(2027, 1, 6)), units(500), "the holiday adds nothing");
    assert_eq!(planned_value(&calendar, bac, start, finish, date(2027, 1, 7)), units(750));
    assert_eq!(planned_value(&calendar, bac, start, finish, date(2027, 1, 9)), bac);
    // A third of 1,000.00 is 333.333…: rounded to the cent.
    let three_days = planned_value(&calendar, bac, date(2027, 1, 11), date(2027, 1, 13), date(2027, 1, 11));
    assert_eq!(three_days, Money(33_333));
}

#[test]
fn a_milestones_cost_is_planned_all_on_its_day() {
    let mut plan = empty_plan();
    plan.tasks = vec![task("T1", "Work", 5), milestone("T2", "Sign-off")];
    plan.dependencies.push(finish_to_start("T1", "T2"));
    apply(&mut plan, Command::SetTaskCost(cost("T2", 900, 0))).unwrap();
    let schedule = compute(&plan).unwrap();
    plan.baselines.push(take_baseline(&plan, &schedule, plan.next_baseline_id(), "B".into(), plan.start));
    let on = |day| earned_value(&plan, &schedule, plan.baselines.first(), day).plan.pv;
    let sign_off = schedule.start_date(1);
    assert_eq!(on(sign_off.pred_opt().unwrap()), Money::ZERO);
    assert_eq!(on(sign_off), units(900));
}

#[test]
fn workstreams_sum_their_tasks_and_keep_their_own_budget() {
    // W1 Backend: T2 5d × 300 (Ana) = 1,500 and T3 fixed 500 → BAC 2,000, budget 2,500.
    // W4 Frontend: T5 fixed 1,000. T7 alone at the top is in no workstream.
    let mut plan = empty_plan();
    plan.people.push(person("P1", "Ana"));
    plan.tasks = vec![
        task("W1", "Backend", 0),
        subtask("T2", "API", 5, "W1"),
        subtask("T3", "Licence", 1, "W1"),
        task("W4", "Frontend", 0),
        subtask("T5", "UI", 2, "W4"),
        task("T7", "Launch", 1),
    ];
    plan.raci.push(raci("T2", "P1", RaciRole::AR));
    for command in [
        Command::SetDayRate(DayRate { person: PersonId::new("P1"), rate: units(300) }),
        Command::SetTaskCost(cost("T3", 500, 0)),
        Command::SetTaskCost(cost("T5", 1_000, 250)),
        Command::SetTaskCost(TaskCost { budget: Some(units(2_500)), ..TaskCost::none(TaskId::new("W1")) }),
    ] {
        apply(&mut plan, command).unwrap();
    }
    let schedule = compute(&plan).unwrap();
    plan.baselines.push(take_baseline(&plan, &schedule, plan.next_baseline_id(), "B".into(), plan.start));
    let value = earned_value(&plan, &schedule, plan.baselines.first(), date(2027, 1, 4));
    let streams: Vec<(&str, Money, Option<Money>, Money)> = value
        .workstreams
        .iter()
        .map(|stream| (stream.task.as_str(), stream.figures.bac, stream.budget, stream.figures.ac))
        .collect();
    assert_eq!(
        streams,
        [("W1", units(2_000), Some(units(2_500)), Money::ZERO), ("W4", units(1_000), None, units(250))]
    );
    assert_eq!(value.plan.bac, units(3_000));
    assert_eq!(value.spent_without_progress, [TaskId::new("T5")], "money spent on a task with no progress is flagged");
}

#[test]
fn the_estimate_at_completion_is_the_budget_while_nothing_is_spent_and_unknown_when_nothing_is_earned() {
    let nothing_spent = Figures { bac: units(100), pv: units(50), ev: units(40), ac: Money::ZERO };
    assert_eq!(nothing_spent.eac(), Some(units(100)));
    assert_eq!(nothing_spent.cpi(), None);
    let nothing_earned = Figures { bac: units(100), pv: units(50), ev: Money::ZERO, ac: units(10) };
    assert_eq!(nothing_earned.eac(), None);
    assert_eq!(nothing_earned.cpi().unwrap().to_string(), "0.00");
    let no_baseline = earned_value(&build_and_test(), &compute(&build_and_test()).unwrap(), None, date(2027, 1, 13));
    assert_eq!(no_baseline.plan.bac, Money::ZERO, "without a baseline nothing is planned yet");
}

#[test]
fn budget_commands_undo_exactly_and_leave_a_plan_without_money_as_it_was_in_its_file() {
    let plan = build_and_test();
    let mut edited = plan.clone();
    let mut undos = Vec::new();
    for command in [
        Command::SetBudgetTerms { currency: "EUR".into(), total: Some(Money(1_000_000)) },
        Command::SetDayRate(DayRate { person: PersonId::new("P1"), rate: Money::ZERO }),
        Command::SetTaskCost(TaskCost::none(TaskId::new("T2"))),
    ] {
        undos.push(apply(&mut edited, command).unwrap());
    }
    assert_eq!(edited.budget.currency, "EUR");
    assert!(edited.budget.day_rates.is_empty() && edited.budget.tasks.is_empty(), "zero and nothing remove entries");
    for undo in undos.into_iter().rev() {
        apply(&mut edited, undo).unwrap();
    }
    assert_eq!(edited, plan);

    let mut empty = empty_plan();
    let before = planwright::file::to_json(&empty);
    let undo = apply(&mut empty, Command::SetTaskCost(cost("T9", 1, 0))).unwrap_err();
    assert_eq!(undo.to_string(), "task T9 does not exist");
    assert_eq!(empty.budget.currency, DEFAULT_CURRENCY);
    assert_eq!(planwright::file::to_json(&empty), before, "no budget is written while nothing is set");
}

#[test]
fn a_negative_amount_or_a_currency_that_is_no_code_is_refused_with_its_reason() {
    let mut plan = build_and_test();
    let before = plan.clone();
    let negative = TaskCost { fixed: Money(-1), ..TaskCost::none(TaskId::new("T1")) };
    assert_eq!(
        apply(&mut plan, Command::SetTaskCost(negative)).unwrap_err().to_string(),
        "fixed cost must not be negative"
    );
    let rate = DayRate { person: PersonId::new("P1"), rate: Money(-5) };
    assert_eq!(apply(&mut plan, Command::SetDayRate(rate)).unwrap_err().to_string(), "day rate must not be negative");
    let euro = Command::SetBudgetTerms { currency: "euro".into(), total: None };
    assert!(apply(&mut plan, euro).unwrap_err().to_string().contains("is not a currency code"));
    assert_eq!(plan, before);
}

#[test]
fn removing_a_task_or_a_person_takes_their_costs_and_rates_and_the_undo_brings_them_back() {
    let plan = build_and_test();
    for command in [Command::RemoveTask(TaskId::new("T2")), Command::RemovePerson(PersonId::new("P1"))] {
        let mut edited = plan.clone();
        let undo = apply(&mut edited, command.clone()).unwrap();
        assert!(validate_plan(&edited).is_empty(), "{command:?}: {:?}", validate_plan(&edited));
        apply(&mut edited, undo).unwrap();
        assert_eq!(edited, plan, "{command:?} undone");
    }
}

#[test]
fn an_actual_cost_on_a_task_with_no_progress_is_kept_and_flagged_not_refused() {
    let mut plan = build_and_test();
    apply(&mut plan, Command::SetTaskCost(cost("T2", 2_000, 150))).unwrap();
    let schedule = compute(&plan).unwrap();
    let value = earned_value(&plan, &schedule, plan.baselines.first(), date(2027, 1, 13));
    assert_eq!(value.spent_without_progress, [TaskId::new("T2")]);
    assert_eq!(value.plan.ac, units(150));
}

#[test]
fn the_status_report_leads_with_the_budget_line_and_shows_the_figures() {
    let mut plan = build_and_test();
    plan.tasks[0].progress = 60;
    apply(&mut plan, Command::SetTaskCost(cost("T1", 0, 3_600))).unwrap();
    apply(&mut plan, Command::SetBudgetTerms { currency: "EUR".into(), total: Some(units(7_500)) }).unwrap();
    let schedule = compute(&plan).unwrap();
    let report = planwright::report::status_report(&plan, &schedule, date(2027, 1, 13));
    // EAC 8,400 against 7,500 is 12% over: red, by the rule.
    assert_eq!(report.status, planwright::report::RagStatus::Red);
    let over = report
        .reasons
        .iter()
        .find(|reason| matches!(reason.kind, planwright::report::StatusReasonKind::OverBudget { .. }));
    assert_eq!(
        over.unwrap().message,
        "The estimate at completion, 8,400.00 EUR, is 12% over the budget of 7,500.00 EUR"
    );
    let markdown = planwright::report::status_markdown(&report);
    assert!(
        markdown.contains("- Budget: EAC 8,400 EUR against a budget of 7,500 EUR; CPI 0.83, SPI 0.75."),
        "{markdown}"
    );
    assert!(markdown.contains("## Budget and earned value"));
    assert!(markdown.contains("| Estimate at completion (EAC) | 8,400.00 EUR |"), "{markdown}");
    assert!(markdown.contains("| Cost variance (EV − AC) | -600.00 EUR |"));

    let without = planwright::report::status_report(
        &crate::common::sample_plan(),
        &compute(&crate::common::sample_plan()).unwrap(),
        date(2027, 1, 13),
    );
    let text = planwright::report::status_markdown(&without);
    assert!(!text.contains("Budget") && !text.contains("Open issues"), "a plan without money or log reads as before");
}

#[test]
fn a_short_amount_in_the_budget_line_reads_in_millions() {
    let summary = planwright::report::BudgetSummary {
        currency: "USD".into(),
        budget: units(1_100_000),
        figures: Figures { bac: units(1_100_000), pv: units(500_000), ev: units(465_000), ac: units(500_000) },
        baseline: None,
        spent_without_progress: 0,
    };
    // EAC = 500,000 + (1,100,000 − 465,000) × 500,000 / 465,000 = 1,182,795.70 → "1.18 M".
    assert_eq!(
        planwright::report::budget_sentence(&summary),
        "EAC 1.18 M USD against a budget of 1.1 M USD; CPI 0.93, SPI 0.93."
    );
}

#[test]
fn the_chart_draws_planned_value_to_the_baseline_finish_and_the_forecast_to_the_estimate() {
    // As above on 2027-01-13: BAC 7,000, EV 3,000, AC 3,600, EAC 8,400 (the axis's top).
    // The span is Jan 4 to Jan 22 (18 days, 560 px): the status date is 9 days in, x 280.
    let mut plan = build_and_test();
    plan.tasks[0].progress = 60;
    apply(&mut plan, Command::SetTaskCost(cost("T1", 0, 3_600))).unwrap();
    let schedule = compute(&plan).unwrap();
    let status = date(2027, 1, 13);
    let value = earned_value(&plan, &schedule, plan.baselines.first(), status);
    let chart = planwright::chart::earned_value::earned_value_chart(
        &plan,
        &schedule.calendar,
        &plan.baselines[0],
        &value.plan,
        value.budget,
        status,
        schedule.finish_date_of_plan(),
    )
    .unwrap();
    assert_eq!((chart.first, chart.last, chart.top), (date(2027, 1, 4), date(2027, 1, 22), units(8_400)));
    assert_eq!(chart.status_x, 280.0);
    assert!((chart.earned.1 - (180.0 - 3_000.0 / 8_400.0 * 180.0)).abs() < 1e-9);
    assert!(chart.planned_path.starts_with("M0.0,169.3"), "500 planned on the first day: {}", chart.planned_path);
    assert!(chart.planned_path.ends_with(" L560.0,30.0"), "all 7,000 by the last: {}", chart.planned_path);
    assert_eq!(chart.forecast.unwrap().1, (560.0, 0.0), "the estimate at the forecast finish, on top");
}

#[test]
fn a_workstreams_own_cost_is_earned_by_its_rolled_up_progress() {
    // W1's own fixed cost of 1,000 is earned as its subtasks are done (the timeline's
    // rolled-up progress), not by the summary's own progress field, which stays 0.
    let mut plan = empty_plan();
    plan.tasks = vec![task("W1", "Backend", 0), subtask("T2", "API", 5, "W1")];
    apply(&mut plan, Command::SetTaskCost(cost("W1", 1_000, 0))).unwrap();
    let schedule = compute(&plan).unwrap();
    plan.baselines.push(take_baseline(&plan, &schedule, plan.next_baseline_id(), "B".into(), plan.start));
    plan.tasks[1].progress = 100;
    let schedule = compute(&plan).unwrap();
    let value = earned_value(&plan, &schedule, plan.baselines.first(), date(2027, 1, 20));
    assert_eq!(value.plan.ev, units(1_000));
}

#[test]
fn the_currency_cannot_change_its_decimals_under_existing_amounts() {
    let mut plan = build_and_test();
    let error = apply(&mut plan, Command::SetBudgetTerms { currency: "JPY".into(), total: None }).unwrap_err();
    assert!(error.to_string().contains("cannot change from USD (2 decimals) to JPY (0)"), "{error}");
    apply(&mut plan, Command::SetBudgetTerms { currency: "EUR".into(), total: None }).unwrap();
    assert_eq!(plan.budget.currency, "EUR", "same decimals: amounts keep their meaning");
}
