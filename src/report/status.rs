//! Builds the status report from the plan, its schedule and the day it is written.
//! The rule for red, amber and green is in the module docs of `report`.

use chrono::NaiveDate;

use crate::analysis::raci::{check, RaciProblem};
use crate::model::outline::outline;
use crate::model::risk::{register_order, review_overdue, RiskBand};
use crate::model::{Baseline, BaselineId, Plan, RiskId, RiskStatus, Task, TaskId, TaskKind};
use crate::schedule::{add_days, finish_variance, ConstraintConflict, Schedule};

/// The plan finishing more than this many working days after the baseline's finish
/// makes the status red (from 1 up to it, amber).
pub const RED_FINISH_SLIP_WORKING_DAYS: i64 = 10;
/// A milestone forecast more than this many working days after its baseline date
/// makes the status amber.
pub const AMBER_MILESTONE_SLIP_WORKING_DAYS: i64 = 5;
/// The report lists the milestones due from today to this many calendar days on.
pub const MILESTONE_LOOKAHEAD_DAYS: i64 = 30;
/// How many open risks the report lists, highest score first.
pub const TOP_RISKS: usize = 5;

/// The overall status, worst last (so `max` of several is the worst).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RagStatus {
    Green,
    Amber,
    Red,
}

impl RagStatus {
    /// "green", "amber" or "red": for CSS class names (`status--red`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Amber => "amber",
            Self::Red => "red",
        }
    }

    /// "Green", "Amber" or "Red": as a report shows it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Green => "Green",
            Self::Amber => "Amber",
            Self::Red => "Red",
        }
    }
}

/// Which rule a reason comes from, with the ids the app needs to link to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusReasonKind {
    /// The plan finishes later than the baseline's finish (red over
    /// `RED_FINISH_SLIP_WORKING_DAYS`, else amber).
    FinishSlipped { working_days: i64 },
    /// A milestone is forecast more than `AMBER_MILESTONE_SLIP_WORKING_DAYS` after its
    /// baseline date (amber).
    MilestoneSlipped { task: TaskId, working_days: i64 },
    /// A deadline is missed: the forecast finish is after it, or it has passed and the
    /// task is not done (red for a milestone, amber for a task).
    DeadlineMissed { task: TaskId, deadline: NaiveDate },
    /// A milestone's date has passed and it is not done (amber).
    MilestoneOverdue { task: TaskId },
    /// A task (not a milestone) on the critical path is past its scheduled finish and
    /// not done (amber).
    CriticalTaskOverdue { task: TaskId },
    /// An open risk threatens tasks on the critical path (red in the critical band,
    /// amber in the high band).
    RiskOnCriticalPath { risk: RiskId, band: RiskBand, tasks: Vec<TaskId> },
    /// An open risk in the critical band threatens no task on the critical path (amber).
    CriticalRiskOffCriticalPath { risk: RiskId },
    /// The estimate at completion is over the plan's budget (red more than
    /// `RED_OVER_BUDGET_PERCENT` over, else amber).
    OverBudget { estimate: crate::model::Money, budget: crate::model::Money },
    /// An issue of critical severity is open (amber).
    CriticalIssueOpen { issue: crate::model::IssueId },
}

/// Over budget by more than this (the estimate at completion against the budget) is red.
pub const RED_OVER_BUDGET_PERCENT: i64 = 10;

/// One reason for the overall status, with a sentence naming ids and names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusReason {
    pub status: RagStatus,
    pub kind: StatusReasonKind,
    pub message: String,
}

/// The baseline the report compares with and where the plan's finish stands against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineComparison {
    pub id: BaselineId,
    pub name: String,
    pub taken: NaiveDate,
    /// The latest finish in the baseline; `None` for a baseline without tasks.
    pub finish: Option<NaiveDate>,
    /// Working days from the baseline's finish to the forecast finish: positive is late.
    pub finish_variance: Option<i64>,
}

/// A milestone due soon (or overdue), and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneOutlook {
    pub task: TaskId,
    pub name: String,
    /// The scheduled date.
    pub forecast: NaiveDate,
    /// The date in the baseline, if the baseline has the milestone.
    pub baseline: Option<NaiveDate>,
    /// Working days from the baseline date to the forecast: positive is late.
    pub variance: Option<i64>,
    pub deadline: Option<NaiveDate>,
    pub deadline_missed: bool,
    pub critical: bool,
    /// Marked 100% done.
    pub done: bool,
    /// Its date has passed and it is not done.
    pub overdue: bool,
}

/// A task (or milestone) that finishes later than in the baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlippedTask {
    pub task: TaskId,
    pub name: String,
    pub baseline_finish: NaiveDate,
    pub forecast_finish: NaiveDate,
    /// Working days late, at least 1.
    pub working_days: i64,
    pub critical: bool,
    pub milestone: bool,
}

/// A task (or milestone) past its scheduled finish and not done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueTask {
    pub task: TaskId,
    pub name: String,
    pub finish: NaiveDate,
    /// Percent complete, under 100.
    pub progress: u8,
    pub critical: bool,
    pub milestone: bool,
}

/// One of the highest open risks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskSummary {
    pub risk: RiskId,
    pub title: String,
    pub score: u8,
    pub band: RiskBand,
    pub status: RiskStatus,
    /// The owner's name, if the risk has an owner.
    pub owner: Option<String>,
    pub review_date: Option<NaiveDate>,
    pub review_overdue: bool,
    /// Its linked tasks on the critical path, in the risk's order.
    pub critical_tasks: Vec<TaskId>,
}

/// One workstream: a top-level task with what lies under it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkstreamProgress {
    pub task: TaskId,
    pub name: String,
    /// Percent complete, weighted by duration as the timeline rolls it up.
    pub progress: f64,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Working days from the baseline's finish to the forecast: positive is late.
    pub finish_variance: Option<i64>,
    pub critical: bool,
    /// Tasks and milestones in it that are not summaries (itself, when it has none).
    pub tasks: usize,
    /// Of those, the ones 100% done.
    pub done: usize,
    /// Of those, the ones past their scheduled finish and not done.
    pub overdue: usize,
}

/// Everything the status report says, as of `today`.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusReport {
    pub plan_name: String,
    pub today: NaiveDate,
    /// The worst status among the reasons; green when there are none.
    pub status: RagStatus,
    /// Every reason, red first, then amber; within each, in the order of the rule.
    pub reasons: Vec<StatusReason>,
    pub start: NaiveDate,
    /// The plan's forecast finish: the end of the critical path.
    pub finish: NaiveDate,
    /// `None`: the plan has no baseline, and the report claims no slippage.
    pub baseline: Option<BaselineComparison>,
    /// Percent complete of the whole plan, weighted by duration.
    pub progress: f64,
    /// Milestones due from today to `MILESTONE_LOOKAHEAD_DAYS` on, and earlier ones not
    /// done, by date.
    pub milestones: Vec<MilestoneOutlook>,
    /// Most working days late first, then in outline order. Empty without a baseline.
    pub slipped_tasks: Vec<SlippedTask>,
    /// By scheduled finish, then in outline order.
    pub overdue_tasks: Vec<OverdueTask>,
    /// Up to `TOP_RISKS` open risks in the register's order (highest score first).
    pub top_risks: Vec<RiskSummary>,
    pub raci_errors: usize,
    pub raci_warnings: usize,
    /// As the RACI view lists them: errors first.
    pub raci_problems: Vec<RaciProblem>,
    /// The top-level tasks, in outline order.
    pub workstreams: Vec<WorkstreamProgress>,
    /// The date constraints the links make impossible, in plan order (each says why).
    pub constraint_conflicts: Vec<ConstraintConflict>,
    /// The RAID log's issues, decisions and assumptions; `None` while the log is empty.
    pub log: Option<super::status_desk::LogSummary>,
    /// Earned value against the baseline; `None` while the plan has no money set.
    pub budget: Option<super::status_desk::BudgetSummary>,
}

/// The status report of `plan` on `today`, compared with its latest baseline (if any).
/// `schedule` must be the schedule of this same plan (`schedule::compute(plan)`).
pub fn status_report(plan: &Plan, schedule: &Schedule, today: NaiveDate) -> StatusReport {
    status_report_against(plan, schedule, plan.baselines.last(), today)
}

/// [`status_report`] compared with a chosen baseline, or with none.
pub fn status_report_against(
    plan: &Plan,
    schedule: &Schedule,
    baseline: Option<&Baseline>,
    today: NaiveDate,
) -> StatusReport {
    let rows = outline(plan);
    let variances: Vec<Option<i64>> = match baseline {
        Some(baseline) => finish_variance(plan, schedule, baseline),
        None => vec![None; plan.tasks.len()],
    };
    let baseline_finishes: std::collections::HashMap<&str, NaiveDate> = baseline
        .iter()
        .flat_map(|baseline| baseline.tasks.iter())
        .map(|entry| (entry.task.as_str(), entry.finish))
        .collect();
    let finish = schedule.finish_date_of_plan();
    let comparison = baseline.map(|baseline| {
        let baseline_finish = baseline.tasks.iter().map(|entry| entry.finish).max();
        BaselineComparison {
            id: baseline.id.clone(),
            name: baseline.name.clone(),
            taken: baseline.taken,
            finish: baseline_finish,
            finish_variance: baseline_finish.map(|date| schedule.calendar.working_days_between(date, finish)),
        }
    });
    let overdue = |index: usize| {
        let times = &schedule.tasks[index];
        !times.summary && times.progress < 100.0 && schedule.finish_date(index) < today
    };

    let mut milestones = Vec::new();
    let mut slipped_tasks = Vec::new();
    let mut overdue_tasks = Vec::new();
    let lookahead_end = add_days(today, MILESTONE_LOOKAHEAD_DAYS);
    for row in &rows {
        let index = row.index;
        let (task, times) = (&plan.tasks[index], &schedule.tasks[index]);
        if times.summary {
            continue;
        }
        let forecast = schedule.finish_date(index);
        if task.kind == TaskKind::Milestone && (forecast >= today && forecast <= lookahead_end || overdue(index)) {
            milestones.push(MilestoneOutlook {
                task: task.id.clone(),
                name: task.name.clone(),
                forecast,
                baseline: baseline_finishes.get(task.id.as_str()).copied(),
                variance: variances[index],
                deadline: task.deadline,
                deadline_missed: deadline_missed(task, schedule, index, today),
                critical: times.critical,
                done: times.progress >= 100.0,
                overdue: overdue(index),
            });
        }
        if let (Some(working_days @ 1..), Some(&baseline_finish)) =
            (variances[index], baseline_finishes.get(task.id.as_str()))
        {
            slipped_tasks.push(SlippedTask {
                task: task.id.clone(),
                name: task.name.clone(),
                baseline_finish,
                forecast_finish: forecast,
                working_days,
                critical: times.critical,
                milestone: times.milestone,
            });
        }
        if overdue(index) {
            overdue_tasks.push(OverdueTask {
                task: task.id.clone(),
                name: task.name.clone(),
                finish: forecast,
                progress: task.progress,
                critical: times.critical,
                milestone: times.milestone,
            });
        }
    }
    // Stable sorts: outline order among equals.
    milestones.sort_by_key(|milestone| milestone.forecast);
    slipped_tasks.sort_by_key(|slipped| std::cmp::Reverse(slipped.working_days));
    overdue_tasks.sort_by_key(|task| task.finish);

    let top_risks: Vec<RiskSummary> = register_order(plan)
        .into_iter()
        .map(|index| &plan.risks[index])
        .filter(|risk| risk.status.is_open())
        .take(TOP_RISKS)
        .map(|risk| RiskSummary {
            risk: risk.id.clone(),
            title: risk.title.clone(),
            score: risk.score(),
            band: RiskBand::of(risk),
            status: risk.status,
            owner: risk.owner.as_ref().and_then(|owner| plan.person(owner.as_str())).map(|person| person.name.clone()),
            review_date: risk.review_date,
            review_overdue: review_overdue(risk, today),
            critical_tasks: crate::analysis::risk::critical_linked_tasks(plan, schedule, risk),
        })
        .collect();

    let raci = check(plan, schedule);
    let workstreams = workstreams(plan, schedule, &rows, &variances, &overdue);
    let budget = super::status_desk::budget_summary(plan, schedule, baseline, today);
    let mut reasons = reasons(plan, schedule, today, comparison.as_ref(), &rows, &variances, finish);
    reasons.extend(desk_reasons(plan, budget.as_ref()));
    reasons.sort_by_key(|reason| std::cmp::Reverse(reason.status));
    StatusReport {
        plan_name: plan.name.clone(),
        today,
        status: reasons.iter().map(|reason| reason.status).max().unwrap_or(RagStatus::Green),
        reasons,
        start: (0..plan.tasks.len()).map(|index| schedule.start_date(index)).min().unwrap_or(plan.start),
        finish,
        baseline: comparison,
        progress: overall_progress(schedule),
        milestones,
        slipped_tasks,
        overdue_tasks,
        top_risks,
        raci_errors: raci.errors,
        raci_warnings: raci.warnings,
        raci_problems: raci.problems,
        workstreams,
        constraint_conflicts: schedule.conflicts.clone(),
        log: super::status_desk::log_summary(plan, baseline, today),
        budget,
    }
}

/// The reasons the RAID log and the budget give: an estimate over budget, and open
/// critical issues.
fn desk_reasons(plan: &Plan, budget: Option<&super::status_desk::BudgetSummary>) -> Vec<StatusReason> {
    let mut reasons = Vec::new();
    if let Some(summary) = budget {
        if let Some(estimate) = summary.figures.eac().filter(|estimate| *estimate > summary.budget) {
            let over = (estimate - summary.budget).scaled(100, summary.budget.0.max(1)).0;
            // Decided exactly (10.4% over is more than 10%); the rounded percent is for the sentence.
            let excess = i128::from((estimate - summary.budget).0) * 100;
            let red = excess > i128::from(summary.budget.0) * i128::from(RED_OVER_BUDGET_PERCENT);
            let status = if red { RagStatus::Red } else { RagStatus::Amber };
            let money = |amount| crate::model::budget::format_money(amount, &summary.currency);
            reasons.push(StatusReason {
                status,
                kind: StatusReasonKind::OverBudget { estimate, budget: summary.budget },
                message: format!(
                    "The estimate at completion, {}, is {over}% over the budget of {}",
                    money(estimate),
                    money(summary.budget)
                ),
            });
        }
    }
    for issue in
        plan.issues.iter().filter(|issue| issue.status.is_open() && issue.severity == crate::model::Severity::Critical)
    {
        reasons.push(StatusReason {
            status: RagStatus::Amber,
            kind: StatusReasonKind::CriticalIssueOpen { issue: issue.id.clone() },
            message: format!("Critical issue {} \"{}\" is {}", issue.id, issue.title, issue.status.label()),
        });
    }
    reasons
}

/// Whether a task's deadline is missed on `today`: the forecast passes it, or it has
/// passed and the task is not done.
fn deadline_missed(task: &Task, schedule: &Schedule, index: usize, today: NaiveDate) -> bool {
    let times = &schedule.tasks[index];
    task.deadline.is_some_and(|deadline| times.deadline_missed || (deadline < today && times.progress < 100.0))
}

/// The plan's progress: its tasks' progress weighted by duration, as a summary rolls
/// it up; a plan of milestones only averages them.
fn overall_progress(schedule: &Schedule) -> f64 {
    let leaves = schedule.tasks.iter().filter(|times| !times.summary);
    let (weight, weighted) = leaves.clone().fold((0.0, 0.0), |(weight, weighted), times| {
        let duration = (times.early_finish - times.early_start) as f64;
        (weight + duration, weighted + duration * times.progress)
    });
    if weight > 0.0 {
        weighted / weight
    } else {
        let count = leaves.clone().count();
        if count == 0 {
            0.0
        } else {
            leaves.map(|times| times.progress).sum::<f64>() / count as f64
        }
    }
}

fn workstreams(
    plan: &Plan,
    schedule: &Schedule,
    rows: &[crate::model::outline::OutlineRow],
    variances: &[Option<i64>],
    overdue: &dyn Fn(usize) -> bool,
) -> Vec<WorkstreamProgress> {
    let mut workstreams: Vec<WorkstreamProgress> = Vec::new();
    for row in rows {
        let index = row.index;
        let times = &schedule.tasks[index];
        if row.depth == 0 {
            let task = &plan.tasks[index];
            workstreams.push(WorkstreamProgress {
                task: task.id.clone(),
                name: task.name.clone(),
                progress: times.progress,
                start: schedule.start_date(index),
                finish: schedule.finish_date(index),
                finish_variance: variances[index],
                critical: times.critical,
                tasks: 0,
                done: 0,
                overdue: 0,
            });
        }
        if times.summary {
            continue;
        }
        if let Some(workstream) = workstreams.last_mut() {
            workstream.tasks += 1;
            workstream.done += usize::from(times.progress >= 100.0);
            workstream.overdue += usize::from(overdue(index));
        }
    }
    workstreams
}

/// "T12 "Name"", as the RACI problems name tasks.
fn task_label(task: &Task) -> String {
    format!("{} \"{}\"", task.id, task.name)
}

fn working_days(count: i64) -> String {
    if count == 1 {
        "1 working day".to_string()
    } else {
        format!("{count} working days")
    }
}

/// The reasons for the status, rule by rule (see the module docs of `report`).
fn reasons(
    plan: &Plan,
    schedule: &Schedule,
    today: NaiveDate,
    baseline: Option<&BaselineComparison>,
    rows: &[crate::model::outline::OutlineRow],
    variances: &[Option<i64>],
    finish: NaiveDate,
) -> Vec<StatusReason> {
    let mut reasons = Vec::new();
    if let Some(BaselineComparison { finish: Some(baseline_finish), finish_variance: Some(slip @ 1..), .. }) = baseline
    {
        let status = if *slip > RED_FINISH_SLIP_WORKING_DAYS { RagStatus::Red } else { RagStatus::Amber };
        reasons.push(StatusReason {
            status,
            kind: StatusReasonKind::FinishSlipped { working_days: *slip },
            message: format!(
                "The plan finishes {} later than the baseline ({finish} against {baseline_finish})",
                working_days(*slip)
            ),
        });
    }
    for row in rows {
        let index = row.index;
        let (task, times) = (&plan.tasks[index], &schedule.tasks[index]);
        let what = if times.milestone { format!("Milestone {}", task_label(task)) } else { task_label(task) };
        match variances[index] {
            Some(slip) if times.milestone && !times.summary && slip > AMBER_MILESTONE_SLIP_WORKING_DAYS => reasons
                .push(StatusReason {
                    status: RagStatus::Amber,
                    kind: StatusReasonKind::MilestoneSlipped { task: task.id.clone(), working_days: slip },
                    message: format!("{what} is forecast {} later than in the baseline", working_days(slip)),
                }),
            _ => {}
        }
        if let Some(deadline) = task.deadline.filter(|_| deadline_missed(task, schedule, index, today)) {
            let forecast = schedule.finish_date(index);
            let message = if times.deadline_missed {
                let late = working_days(schedule.working_days_after(index, deadline));
                format!("{what} is {late} late against its deadline {deadline} (forecast to finish on {forecast})")
            } else {
                format!("{what} is not done and its deadline {deadline} has passed")
            };
            reasons.push(StatusReason {
                status: if times.milestone { RagStatus::Red } else { RagStatus::Amber },
                kind: StatusReasonKind::DeadlineMissed { task: task.id.clone(), deadline },
                message,
            });
        }
        let overdue = !times.summary && times.progress < 100.0 && schedule.finish_date(index) < today;
        // A milestone past its missed deadline has its (red) reason already.
        if overdue && times.milestone && !deadline_missed(task, schedule, index, today) {
            reasons.push(StatusReason {
                status: RagStatus::Amber,
                kind: StatusReasonKind::MilestoneOverdue { task: task.id.clone() },
                message: format!("{what} was due on {} and is not done", schedule.finish_date(index)),
            });
        } else if overdue && times.critical && !times.milestone {
            reasons.push(StatusReason {
                status: RagStatus::Amber,
                kind: StatusReasonKind::CriticalTaskOverdue { task: task.id.clone() },
                message: format!(
                    "{what} is on the critical path and {}% done, but was scheduled to finish on {}",
                    task.progress,
                    schedule.finish_date(index)
                ),
            });
        }
    }
    for risk in plan.risks.iter().filter(|risk| risk.status.is_open()) {
        let band = RiskBand::of(risk);
        if band < RiskBand::High {
            continue;
        }
        let tasks = crate::analysis::risk::critical_linked_tasks(plan, schedule, risk);
        let label = format!("Open {} risk {} \"{}\" (score {})", band.label(), risk.id, risk.title, risk.score());
        if !tasks.is_empty() {
            let named: Vec<&str> = tasks.iter().map(TaskId::as_str).collect();
            reasons.push(StatusReason {
                status: if band == RiskBand::Critical { RagStatus::Red } else { RagStatus::Amber },
                message: format!("{label} threatens {} on the critical path", named.join(", ")),
                kind: StatusReasonKind::RiskOnCriticalPath { risk: risk.id.clone(), band, tasks },
            });
        } else if band == RiskBand::Critical {
            reasons.push(StatusReason {
                status: RagStatus::Amber,
                kind: StatusReasonKind::CriticalRiskOffCriticalPath { risk: risk.id.clone() },
                message: format!("{label} threatens no task on the critical path yet"),
            });
        }
    }
    // Stable: the rule's order within each status.
    reasons.sort_by_key(|reason| std::cmp::Reverse(reason.status));
    reasons
}
