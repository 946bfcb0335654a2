//! One line per plan (its dates, its finish against its latest baseline, its status by
//! the status report's rule, its open critical risks and RACI errors) and every plan's
//! milestones on one timeline.

use chrono::NaiveDate;

use crate::model::risk::RiskBand;
use crate::model::{RiskId, TaskId, TaskKind};
use crate::report::{status_report, RagStatus, StatusReason};
use crate::schedule::Schedule;

use super::members::{MemberId, Portfolio};

/// What the portfolio shows of one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    pub member: MemberId,
    /// As the portfolio names the plan (`Portfolio::label`).
    pub label: String,
    pub start: NaiveDate,
    /// The forecast finish: the plan's last day of work.
    pub finish: NaiveDate,
    /// Working days from the latest baseline's finish to the forecast: positive when
    /// late, negative when early; `None` without a baseline (or with an empty one).
    pub finish_variance: Option<i64>,
    /// By the status report's rule (`report`), with its reasons, worst first.
    pub status: RagStatus,
    pub reasons: Vec<StatusReason>,
    /// Open risks in the critical band (score 20 to 25), highest first.
    pub critical_risks: Vec<CriticalRisk>,
    pub raci_errors: usize,
    /// External links whose predecessor was no longer in its plan at the last refresh.
    pub missing_links: usize,
}

/// An open risk scored 20 to 25.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalRisk {
    pub id: RiskId,
    pub title: String,
    pub score: u8,
}

/// A milestone on the shared timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineMilestone {
    pub member: MemberId,
    pub task: TaskId,
    pub name: String,
    pub date: NaiveDate,
    pub critical: bool,
    /// Marked 100% done.
    pub done: bool,
    /// Its forecast passes its deadline.
    pub deadline_missed: bool,
}

/// The row of one member, from its schedule, as of `today`.
pub fn plan_row(portfolio: &Portfolio, member: MemberId, schedule: &Schedule, today: NaiveDate) -> PlanRow {
    let plan = &portfolio.member(member).plan;
    let report = status_report(plan, schedule, today);
    let mut critical_risks: Vec<CriticalRisk> = plan
        .risks
        .iter()
        .filter(|risk| risk.status.is_open() && RiskBand::of(risk) == RiskBand::Critical)
        .map(|risk| CriticalRisk { id: risk.id.clone(), title: risk.title.clone(), score: risk.score() })
        .collect();
    critical_risks.sort_by_key(|risk| std::cmp::Reverse(risk.score));
    PlanRow {
        member,
        label: portfolio.label(member),
        start: report.start,
        finish: report.finish,
        finish_variance: report.baseline.and_then(|baseline| baseline.finish_variance),
        status: report.status,
        reasons: report.reasons,
        critical_risks,
        raci_errors: report.raci_errors,
        missing_links: plan.external_dependencies.iter().filter(|link| link.known.missing).count(),
    }
}

/// The milestones of one member, in plan order.
pub fn timeline_milestones(portfolio: &Portfolio, member: MemberId, schedule: &Schedule) -> Vec<TimelineMilestone> {
    let plan = &portfolio.member(member).plan;
    plan.tasks
        .iter()
        .enumerate()
        .filter(|(index, task)| task.kind == TaskKind::Milestone && !schedule.tasks[*index].summary)
        .map(|(index, task)| {
            let times = &schedule.tasks[index];
            TimelineMilestone {
                member,
                task: task.id.clone(),
                name: task.name.clone(),
                date: schedule.finish_date(index),
                critical: times.critical,
                done: task.progress >= 100,
                deadline_missed: times.deadline_missed,
            }
        })
        .collect()
}
