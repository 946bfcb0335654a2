//! The whole overview of a portfolio, computed in steps. A portfolio of 20 plans of
//! 2,000 tasks is about a second of work in the browser all at once: far over the 100
//! ms a page may be held. So `OverviewRun` does it in pieces, each about one plan's
//! worth (its schedule, drivers, row and milestones; then its refresh from the others),
//! then the pieces across plans (the chains, the cycle check, the workload). The UI
//! calls `step` between frames (or runs it all in the worker with `overview`).

use chrono::NaiveDate;

use crate::schedule::{compute, drivers, Drivers, Schedule};

use super::critical_path::{cross_plan_drivers, finish_chains, CrossPlanDriver, FinishChain, ScheduledMember};
use super::links::CrossPlanCycle;
use super::members::{MemberId, Portfolio, PortfolioProblem, PortfolioProblemKind};
use super::overview::{plan_row, timeline_milestones, PlanRow, TimelineMilestone};
use super::people::PortfolioPerson;
use super::refresh::{refresh, ExternalRefresh, OtherPlan};
use super::workload::{member_responsibilities, person_workload, Responsibilities, Workload};

/// How many people's workloads one step computes.
const PEOPLE_PER_STEP: usize = 64;

/// Everything the portfolio view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioOverview {
    pub today: NaiveDate,
    /// Each member's schedule; `None` for a plan that cannot be scheduled.
    pub schedules: Vec<Option<Schedule>>,
    /// What holds each task of each member (`None` as for `schedules`).
    pub drivers: Vec<Option<Drivers>>,
    /// One row per scheduled member, in member order.
    pub rows: Vec<PlanRow>,
    /// Every milestone of every plan, by date (then plan, then plan order).
    pub milestones: Vec<TimelineMilestone>,
    /// Per member, the refresh of its external links from the other members (`None`:
    /// it has no external links, or it is not scheduled).
    pub refreshes: Vec<Option<ExternalRefresh>>,
    /// The chain driving each member's finish.
    pub chains: Vec<FinishChain>,
    /// The milestones held by another plan's task.
    pub cross_plan_drivers: Vec<CrossPlanDriver>,
    /// Each member's Responsible tasks by person (see `workload`).
    pub responsibilities: Responsibilities,
    pub workload: Workload,
    /// The portfolio's problems, plans that cannot be scheduled, and a cycle across plans.
    pub problems: Vec<PortfolioProblem>,
}

/// The next piece of work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Schedule one member and read what it shows alone.
    Plan(usize),
    /// Refresh one member's external links from the others.
    Refresh(usize),
    /// The chains and the milestones other plans drive.
    Chains,
    Cycle,
    /// The workloads of the people from this index on, `PEOPLE_PER_STEP` of them.
    Workload(usize),
    Done,
}

/// The overview of a portfolio, being computed.
pub struct OverviewRun<'a> {
    portfolio: &'a Portfolio,
    next: Step,
    overview: PortfolioOverview,
    cycle: Option<CrossPlanCycle>,
    /// Everyone, whose workloads the last steps compute.
    people: Vec<PortfolioPerson>,
}

impl<'a> OverviewRun<'a> {
    pub fn new(portfolio: &'a Portfolio, today: NaiveDate) -> Self {
        let count = portfolio.members.len();
        let overview = PortfolioOverview {
            today,
            schedules: vec![None; count],
            drivers: vec![None; count],
            rows: Vec::with_capacity(count),
            milestones: Vec::new(),
            refreshes: vec![None; count],
            chains: Vec::new(),
            cross_plan_drivers: Vec::new(),
            responsibilities: vec![Vec::new(); count],
            workload: Workload { threshold: portfolio.overload_threshold, people: Vec::new() },
            problems: Vec::new(),
        };
        let next = if count == 0 { Step::Chains } else { Step::Plan(0) };
        Self { portfolio, next, overview, cycle: None, people: portfolio.portfolio_people() }
    }

    /// How many steps there are in all, for a progress bar: two per plan, two across
    /// plans, and one per `PEOPLE_PER_STEP` people (at least one).
    pub fn step_count(&self) -> usize {
        2 * self.portfolio.members.len() + 2 + self.people.len().div_ceil(PEOPLE_PER_STEP).max(1)
    }

    /// Does the next piece of work; true once everything is done.
    pub fn step(&mut self) -> bool {
        let count = self.portfolio.members.len();
        self.next = match self.next {
            Step::Plan(member) => {
                self.plan(MemberId(member));
                if member + 1 < count {
                    Step::Plan(member + 1)
                } else {
                    Step::Refresh(0)
                }
            }
            Step::Refresh(member) => {
                self.refresh(MemberId(member));
                if member + 1 < count {
                    Step::Refresh(member + 1)
                } else {
                    Step::Chains
                }
            }
            Step::Chains => {
                self.chains();
                Step::Cycle
            }
            Step::Cycle => {
                self.cycle = self.portfolio.cross_plan_cycle();
                Step::Workload(0)
            }
            Step::Workload(from) => {
                self.workloads(from);
                let next = from + PEOPLE_PER_STEP;
                if next < self.people.len() {
                    Step::Workload(next)
                } else {
                    Step::Done
                }
            }
            Step::Done => Step::Done,
        };
        self.next == Step::Done
    }

    /// The overview, once every step is done (the steps left are done first).
    pub fn finish(mut self) -> PortfolioOverview {
        while !self.step() {}
        let mut problems = self.portfolio.problems();
        for (member, schedule) in self.overview.schedules.iter().enumerate() {
            if schedule.is_none() {
                let message =
                    format!("{} cannot be scheduled: its links form a cycle", self.portfolio.label(MemberId(member)));
                problems.push(PortfolioProblem {
                    kind: PortfolioProblemKind::CannotSchedule { member: MemberId(member) },
                    message,
                });
            }
        }
        if let Some(cycle) = self.cycle.take() {
            let message = format!("Links across plans form a cycle: {cycle}");
            problems.push(PortfolioProblem { kind: PortfolioProblemKind::CrossPlanCycle(cycle), message });
        }
        self.overview.problems = problems;
        // Stable: plan order among the milestones of one plan on one day.
        self.overview.milestones.sort_by_key(|milestone| (milestone.date, milestone.member));
        self.overview
    }

    fn plan(&mut self, member: MemberId) {
        let plan = &self.portfolio.member(member).plan;
        let Ok(schedule) = compute(plan) else { return };
        let overview = &mut self.overview;
        overview.rows.push(plan_row(self.portfolio, member, &schedule, overview.today));
        overview.milestones.extend(timeline_milestones(self.portfolio, member, &schedule));
        overview.responsibilities[member.0] = member_responsibilities(self.portfolio, member, &schedule);
        overview.drivers[member.0] = Some(drivers(plan, &schedule));
        overview.schedules[member.0] = Some(schedule);
    }

    fn refresh(&mut self, member: MemberId) {
        let plan = &self.portfolio.member(member).plan;
        if plan.external_dependencies.is_empty() || self.overview.schedules[member.0].is_none() {
            return;
        }
        let others: Vec<OtherPlan> = self
            .portfolio
            .member_ids()
            .filter(|&other| other != member)
            .filter_map(|other| {
                let schedule = self.overview.schedules[other.0].as_ref()?;
                Some(OtherPlan { plan: &self.portfolio.member(other).plan, schedule })
            })
            .collect();
        self.overview.refreshes[member.0] = refresh(plan, &others).ok();
    }

    fn workloads(&mut self, from: usize) {
        let threshold = self.overview.workload.threshold;
        let batch = self.people.iter().skip(from).take(PEOPLE_PER_STEP).cloned();
        let loads = batch.filter_map(|person| person_workload(&self.overview.responsibilities, person, threshold));
        self.overview.workload.people.extend(loads);
    }

    fn chains(&mut self) {
        let scheduled: Vec<Option<ScheduledMember>> = self
            .portfolio
            .member_ids()
            .map(|member| {
                Some(ScheduledMember {
                    plan: &self.portfolio.member(member).plan,
                    schedule: self.overview.schedules[member.0].as_ref()?,
                    drivers: self.overview.drivers[member.0].as_ref()?,
                })
            })
            .collect();
        self.overview.chains = finish_chains(self.portfolio, &scheduled);
        self.overview.cross_plan_drivers = cross_plan_drivers(self.portfolio, &scheduled);
    }
}

/// The whole overview at once (in a worker, or natively).
pub fn overview(portfolio: &Portfolio, today: NaiveDate) -> PortfolioOverview {
    OverviewRun::new(portfolio, today).finish()
}
