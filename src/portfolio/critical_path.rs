//! The program's critical path across plans: for each plan, the chain of tasks that
//! drives its finish, followed back through its links and, across an external link,
//! into the plan of the task it waits on (`schedule::drivers` says what holds each task);
//! and, for every milestone held by another plan's task, which task that is.
//!
//! A plan schedules on the dates it knows of other plans' tasks, so the chain crosses
//! into another plan where those known dates hold a task; if they are out of date, the
//! refresh (`refresh`) says so, and the chain follows them once refreshed.

use chrono::NaiveDate;

use crate::model::{DateConstraint, DependencyKind, ExternalDependency, Plan, TaskId, TaskKind};
use crate::schedule::{Driver, Drivers, Schedule};

use super::members::{MemberId, Portfolio};

/// The chain that drives one plan's finish, from its first task to the one that ends
/// the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinishChain {
    /// The plan whose finish it drives.
    pub member: MemberId,
    pub finish: NaiveDate,
    /// What holds the first step where it is.
    pub origin: ChainOrigin,
    pub steps: Vec<ChainStep>,
}

impl FinishChain {
    /// The steps where the chain enters another plan: each with the step before it.
    pub fn crossings(&self) -> impl Iterator<Item = (&ChainStep, &ChainStep)> {
        self.steps.windows(2).filter(|pair| pair[0].member != pair[1].member).map(|pair| (&pair[0], &pair[1]))
    }
}

/// What a chain starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainOrigin {
    /// Nothing but its plan's start.
    PlanStart,
    /// The first task's own date constraint.
    Constraint(DateConstraint),
    /// A task of a plan the portfolio does not hold (or holds more than once), at the
    /// dates the first step's plan knows for it.
    Outside { plan_name: String, task: TaskId, name: String, finish: NaiveDate, missing: bool },
    /// Links across plans form a cycle (a problem of the portfolio): the chain stops
    /// where it comes back on itself.
    Cycle,
}

/// One task of a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainStep {
    pub member: MemberId,
    pub task: TaskId,
    pub name: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub milestone: bool,
    /// How the step before holds this one (`None` for the first).
    pub after: Option<ChainLink>,
}

/// A link between two steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainLink {
    pub kind: DependencyKind,
    pub lag: i32,
    /// An external link: the step before is in another plan.
    pub across_plans: bool,
}

/// A milestone whose date a task of another plan holds, through a link into its plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossPlanDriver {
    pub member: MemberId,
    pub milestone: TaskId,
    pub milestone_name: String,
    pub date: NaiveDate,
    /// The external link (index into the plan's `external_dependencies`) that holds it.
    pub link: usize,
    /// The plan holding the driving task, when the portfolio has it (exactly once).
    pub driving_member: Option<MemberId>,
}

/// A member's plan, schedule and drivers: what the chains read.
#[derive(Clone, Copy)]
pub struct ScheduledMember<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    pub drivers: &'a Drivers,
}

/// The chain driving each member's finish, for the members given (`None`: not
/// scheduled), in member order; a plan without tasks has none.
pub fn finish_chains(portfolio: &Portfolio, members: &[Option<ScheduledMember>]) -> Vec<FinishChain> {
    portfolio.member_ids().filter_map(|member| finish_chain(portfolio, members, member)).collect()
}

fn finish_chain(portfolio: &Portfolio, members: &[Option<ScheduledMember>], member: MemberId) -> Option<FinishChain> {
    let scheduled = members.get(member.0).copied().flatten()?;
    let last = last_task(scheduled)?;
    let mut steps = vec![step(scheduled, member, last)];
    let (mut at_member, mut at_task) = (member, last);
    let mut visited = std::collections::HashSet::new();
    let origin = loop {
        if !visited.insert((at_member, at_task)) {
            break ChainOrigin::Cycle;
        }
        let here = members[at_member.0].expect("a step's member is scheduled");
        let (previous, link) = match resolved_driver(here, at_task) {
            Held::Origin(origin) => break origin,
            Held::Within(link, predecessor) => ((at_member, predecessor), link),
            Held::Across(_, dependency, link) => match across(portfolio, members, dependency) {
                Some(previous) => (previous, link),
                None => break outside(dependency),
            },
        };
        steps.last_mut().expect("a chain has a step").after = Some(link);
        let scheduled = members[previous.0 .0].expect("checked by `across`");
        steps.push(step(scheduled, previous.0, previous.1));
        (at_member, at_task) = previous;
    };
    steps.reverse();
    Some(FinishChain { member, finish: scheduled.schedule.finish_date_of_plan(), origin, steps })
}

/// What holds a task, summaries seen through: where the chain goes next.
enum Held<'a> {
    Origin(ChainOrigin),
    /// A link of the plan, from this task (a summary's subtask that shows its dates).
    Within(ChainLink, usize),
    /// An external link, with its index in the plan's list.
    Across(usize, &'a ExternalDependency, ChainLink),
}

fn resolved_driver<'a>(here: ScheduledMember<'a>, task: usize) -> Held<'a> {
    let mut driver = here.drivers.of(task);
    let mut constrained = task;
    while let Driver::Summary { task: summary, on_start } = driver {
        driver = here.drivers.on_side(summary, on_start);
        constrained = summary;
    }
    match driver {
        // (A summary's bounds were seen through just above.)
        Driver::PlanStart | Driver::Summary { .. } => Held::Origin(ChainOrigin::PlanStart),
        Driver::Constraint => match here.plan.tasks[constrained].date_constraint() {
            Some(constraint) => Held::Origin(ChainOrigin::Constraint(constraint)),
            None => Held::Origin(ChainOrigin::PlanStart),
        },
        Driver::Link(number) => {
            let link = &here.plan.dependencies[number];
            let Some(predecessor) = here.drivers.link_predecessor(number) else {
                return Held::Origin(ChainOrigin::PlanStart);
            };
            let from_start = matches!(link.kind, DependencyKind::SS | DependencyKind::SF);
            let chain_link = ChainLink { kind: link.kind, lag: link.lag, across_plans: false };
            Held::Within(chain_link, here.drivers.shown_by(predecessor, from_start))
        }
        Driver::External(number) => {
            let link = &here.plan.external_dependencies[number];
            Held::Across(number, link, ChainLink { kind: link.kind, lag: link.lag, across_plans: true })
        }
    }
}

/// The task an external link waits on, in the one member that has its plan.
fn across(
    portfolio: &Portfolio,
    members: &[Option<ScheduledMember>],
    link: &ExternalDependency,
) -> Option<(MemberId, usize)> {
    let member = portfolio.only_member_with_id(&link.plan)?;
    let scheduled = members.get(member.0).copied().flatten()?;
    let task = scheduled.plan.task_index(link.predecessor.as_str())?;
    let from_start = matches!(link.kind, DependencyKind::SS | DependencyKind::SF);
    Some((member, scheduled.drivers.shown_by(task, from_start)))
}

fn outside(link: &ExternalDependency) -> ChainOrigin {
    ChainOrigin::Outside {
        plan_name: link.known.plan_name.clone(),
        task: link.predecessor.clone(),
        name: link.known.name.clone(),
        finish: link.known.finish,
        missing: link.known.missing,
    }
}

/// The task that ends the plan: the latest finish of a task that is not a summary, a
/// milestone before other work of that day, then the last in plan order.
fn last_task(scheduled: ScheduledMember) -> Option<usize> {
    let schedule = scheduled.schedule;
    (0..scheduled.plan.tasks.len())
        .filter(|&task| !schedule.tasks[task].summary)
        .max_by_key(|&task| (schedule.finish_day(task), schedule.tasks[task].milestone, task))
}

fn step(scheduled: ScheduledMember, member: MemberId, task: usize) -> ChainStep {
    let plan_task = &scheduled.plan.tasks[task];
    ChainStep {
        member,
        task: plan_task.id.clone(),
        name: plan_task.name.clone(),
        start: scheduled.schedule.start_date(task),
        finish: scheduled.schedule.finish_date(task),
        milestone: plan_task.kind == TaskKind::Milestone,
        after: None,
    }
}

/// Every milestone held, through its plan's links, by a task of another plan: which
/// external link holds it. In member order, then plan order.
pub fn cross_plan_drivers(portfolio: &Portfolio, members: &[Option<ScheduledMember>]) -> Vec<CrossPlanDriver> {
    let mut found = Vec::new();
    for member in portfolio.member_ids() {
        let Some(scheduled) = members.get(member.0).copied().flatten() else { continue };
        let first_links = first_external_links(scheduled);
        for (task, plan_task) in scheduled.plan.tasks.iter().enumerate() {
            if plan_task.kind != TaskKind::Milestone || scheduled.schedule.tasks[task].summary {
                continue;
            }
            let Some(link) = first_links[task] else { continue };
            let dependency = &scheduled.plan.external_dependencies[link];
            found.push(CrossPlanDriver {
                member,
                milestone: plan_task.id.clone(),
                milestone_name: plan_task.name.clone(),
                date: scheduled.schedule.finish_date(task),
                link,
                driving_member: portfolio.only_member_with_id(&dependency.plan),
            });
        }
    }
    found
}

/// For each task, the first external link met going back along its drivers within its
/// plan, if any. Each task's answer is its driver's, so the walk remembers every
/// answer it finds: linear in tasks.
fn first_external_links(scheduled: ScheduledMember) -> Vec<Option<usize>> {
    const UNKNOWN: Option<Option<usize>> = None;
    let mut answers: Vec<Option<Option<usize>>> = vec![UNKNOWN; scheduled.plan.tasks.len()];
    for start in 0..answers.len() {
        let mut path = Vec::new();
        let mut task = start;
        let answer = loop {
            if let Some(answer) = answers[task] {
                break answer;
            }
            if path.len() > answers.len() {
                break None;
            }
            path.push(task);
            match resolved_driver(scheduled, task) {
                Held::Origin(_) => break None,
                Held::Across(link, _, _) => break Some(link),
                Held::Within(_, predecessor) => task = predecessor,
            }
        };
        for task in path {
            answers[task] = Some(answer);
        }
    }
    answers.into_iter().map(Option::flatten).collect()
}
