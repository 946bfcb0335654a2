//! Earned value, by MS Project's rules, for the plan and each workstream, as of a
//! status date. Every amount is exact (`model::Money`, minor units); ratios are exact
//! fractions shown to two decimals.
//!
//! For each task, with its cost and dates as the chosen baseline kept them (BAC, the
//! budget at completion, is the task's baseline cost):
//!
//! | figure | MS Project name | how |
//! | --- | --- | --- |
//! | PV | BCWS, planned value | BAC × the baseline's working days up to the status date ÷ its working days (a milestone: all of BAC from its day on) |
//! | EV | BCWP, earned value | BAC × % complete |
//! | AC | ACWP, actual cost | the actual cost entered |
//! | CV | cost variance | EV − AC |
//! | SV | schedule variance | EV − PV |
//! | CPI | cost performance index | EV ÷ AC |
//! | SPI | schedule performance index | EV ÷ PV |
//! | EAC | estimate at completion | AC + (BAC − EV) ÷ CPI; BAC while nothing is spent |
//! | VAC | variance at completion | BAC − EAC |
//! | TCPI | to-complete performance index | (BAC − EV) ÷ (BAC − AC) |
//!
//! A workstream's and the plan's figures are the sums of their tasks' (each task once:
//! a summary task counts its own fixed cost only, its subtasks count theirs), and their
//! ratios are made from those sums, as MS Project rolls them up.

use chrono::NaiveDate;

use crate::model::budget::{planned_costs, Money};
use crate::model::hashing::IdMap;
use crate::model::{Baseline, Plan, TaskId};
use crate::schedule::{Schedule, WorkingCalendar};

/// An exact ratio of two amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
}

impl Ratio {
    /// `None` when the denominator is zero (nothing to compare with).
    fn of(numerator: Money, denominator: Money) -> Option<Ratio> {
        (denominator.0 != 0).then_some(Ratio { numerator: numerator.0, denominator: denominator.0 })
    }

    /// The ratio in hundredths, rounded half away from zero: 93 for 0.93.
    pub fn hundredths(self) -> i64 {
        Money(self.numerator).scaled(100, self.denominator).0
    }

    /// Below 1: over budget (CPI) or behind schedule (SPI).
    pub fn below_one(self) -> bool {
        (self.numerator < self.denominator) == (self.denominator > 0)
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = self.hundredths();
        let sign = if hundredths < 0 { "-" } else { "" };
        write!(formatter, "{sign}{}.{:02}", hundredths.abs() / 100, hundredths.abs() % 100)
    }
}

/// The earned-value figures of a set of tasks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Budget at completion: the baseline's cost.
    pub bac: Money,
    pub pv: Money,
    pub ev: Money,
    pub ac: Money,
}

impl Figures {
    pub fn cv(&self) -> Money {
        self.ev - self.ac
    }

    pub fn sv(&self) -> Money {
        self.ev - self.pv
    }

    pub fn cpi(&self) -> Option<Ratio> {
        Ratio::of(self.ev, self.ac)
    }

    pub fn spi(&self) -> Option<Ratio> {
        Ratio::of(self.ev, self.pv)
    }

    /// MS Project's EAC: AC + (BAC − EV) ÷ CPI, which is AC + (BAC − EV) × AC ÷ EV. While
    /// nothing is spent it is BAC; when money is spent and nothing earned it cannot be
    /// forecast (`None`).
    pub fn eac(&self) -> Option<Money> {
        if self.ac.is_zero() {
            return Some(self.bac);
        }
        if self.ev.is_zero() {
            return None;
        }
        Some(self.ac + (self.bac - self.ev).scaled(self.ac.0, self.ev.0))
    }

    pub fn vac(&self) -> Option<Money> {
        self.eac().map(|eac| self.bac - eac)
    }

    pub fn tcpi(&self) -> Option<Ratio> {
        Ratio::of(self.bac - self.ev, self.bac - self.ac)
    }

    fn add(&mut self, other: &Figures) {
        self.bac = self.bac + other.bac;
        self.pv = self.pv + other.pv;
        self.ev = self.ev + other.ev;
        self.ac = self.ac + other.ac;
    }
}

/// A workstream's figures: a top-level summary task and everything under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workstream {
    pub task: TaskId,
    pub name: String,
    pub figures: Figures,
    /// The workstream's own budget, when set.
    pub budget: Option<Money>,
}

/// Earned value of the whole plan as of a status date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarnedValue {
    pub status_date: NaiveDate,
    pub plan: Figures,
    /// The plan's budget when set, else its BAC.
    pub budget: Money,
    pub workstreams: Vec<Workstream>,
    /// Tasks with an actual cost but no progress yet: worth a look, not an error.
    pub spent_without_progress: Vec<TaskId>,
    /// Planned cost of the plan as it stands now (not the baseline's).
    pub planned_now: Money,
}

/// The figures of every task and their sums, from `baseline` (`None`: nothing is
/// planned yet, so PV, EV and BAC are 0 and only actual costs count).
pub fn earned_value(
    plan: &Plan,
    schedule: &Schedule,
    baseline: Option<&Baseline>,
    status_date: NaiveDate,
) -> EarnedValue {
    let per_task = task_figures(plan, schedule, baseline, status_date);
    let mut total = Figures::default();
    per_task.iter().for_each(|figures| total.add(figures));
    let costs = plan.budget.by_task();
    let workstreams = workstream_roots(plan)
        .into_iter()
        .map(|(root, members)| {
            let mut figures = Figures::default();
            members.iter().for_each(|&index| figures.add(&per_task[index]));
            let task = &plan.tasks[root];
            let budget = costs.get(task.id.as_str()).and_then(|cost| cost.budget);
            Workstream { task: task.id.clone(), name: task.name.clone(), figures, budget }
        })
        .collect();
    let spent_without_progress = plan
        .tasks
        .iter()
        .enumerate()
        .filter(|(index, task)| {
            done_percent(schedule, *index) == 0
                && costs.get(task.id.as_str()).is_some_and(|cost| !cost.actual.is_zero())
        })
        .map(|(_, task)| task.id.clone())
        .collect();
    EarnedValue {
        status_date,
        plan: total,
        budget: plan.budget.total.unwrap_or(total.bac),
        workstreams,
        spent_without_progress,
        planned_now: planned_costs(plan).into_iter().sum(),
    }
}

/// Each task's own figures, in plan order (a summary task's are its own fixed cost's).
pub fn task_figures(
    plan: &Plan,
    schedule: &Schedule,
    baseline: Option<&Baseline>,
    status_date: NaiveDate,
) -> Vec<Figures> {
    let calendar = &schedule.calendar;
    let kept: IdMap<&str, &crate::model::BaselineTask> = baseline
        .map(|baseline| baseline.tasks.iter().map(|entry| (entry.task.as_str(), entry)).collect())
        .unwrap_or_default();
    let costs = plan.budget.by_task();
    plan.tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let ac = costs.get(task.id.as_str()).map_or(Money::ZERO, |cost| cost.actual);
            let Some(entry) = kept.get(task.id.as_str()) else {
                return Figures { ac, ..Figures::default() };
            };
            let bac = entry.cost.unwrap_or(Money::ZERO);
            Figures {
                bac,
                pv: planned_value(calendar, bac, entry.start, entry.finish, status_date),
                ev: bac.scaled(done_percent(schedule, index), 100),
                ac,
            }
        })
        .collect()
}

/// How far a task is done, in whole percent: a summary's is its subtasks' rolled up, as
/// the timeline shows it.
fn done_percent(schedule: &Schedule, index: usize) -> i64 {
    schedule.tasks[index].progress.round().clamp(0.0, 100.0) as i64
}

/// A task's planned value on `status_date`: its cost spread evenly over the working days
/// of its baseline span (MS Project's prorated accrual), counted to the end of the
/// status date; a task with no working day in its span (a milestone) accrues all at its
/// start.
pub fn planned_value(
    calendar: &WorkingCalendar,
    bac: Money,
    start: NaiveDate,
    finish: NaiveDate,
    status_date: NaiveDate,
) -> Money {
    let end_of = |date: NaiveDate| calendar.index_of(date.succ_opt().unwrap_or(date));
    let duration = end_of(finish) - calendar.index_of(start);
    if status_date < start {
        return Money::ZERO;
    }
    if duration <= 0 || status_date >= finish {
        return bac;
    }
    let elapsed = (end_of(status_date) - calendar.index_of(start)).clamp(0, duration);
    bac.scaled(elapsed, duration)
}

/// The top-level summary tasks, each with the indexes of its whole subtree (itself
/// included), in plan order.
fn workstream_roots(plan: &Plan) -> Vec<(usize, Vec<usize>)> {
    let index_of: IdMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut root_of: Vec<usize> = (0..plan.tasks.len()).collect();
    // Parents come before their children, so one pass finds every task's root.
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(parent) = task.parent.as_ref().and_then(|parent| index_of.get(parent.as_str())) {
            root_of[index] = root_of[*parent];
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slot: IdMap<usize, usize> = IdMap::default();
    for (index, &root) in root_of.iter().enumerate() {
        if plan.tasks[root].parent.is_some() {
            continue;
        }
        let at = *slot.entry(root).or_insert_with(|| {
            groups.push((root, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(index);
    }
    groups.retain(|(_, members)| members.len() > 1);
    groups
}

/// Planned value of the whole plan on each of `dates`, for the chart.
pub fn planned_value_series(
    plan: &Plan,
    calendar: &WorkingCalendar,
    baseline: &Baseline,
    dates: &[NaiveDate],
) -> Vec<Money> {
    let known: crate::model::hashing::IdSet<&str> = plan.tasks.iter().map(|task| task.id.as_str()).collect();
    let entries: Vec<_> =
        baseline.tasks.iter().filter(|entry| known.contains(entry.task.as_str()) && entry.cost.is_some()).collect();
    dates
        .iter()
        .map(|&date| {
            entries
                .iter()
                .map(|entry| planned_value(calendar, entry.cost.unwrap_or_default(), entry.start, entry.finish, date))
                .sum()
        })
        .collect()
}
