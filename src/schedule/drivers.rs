//! What holds each task where the schedule puts it: its driving predecessor (a link of
//! the plan, an external link), its own date constraint, the summary it is in, or
//! nothing but the plan's start. Following drivers back from a task gives the chain of
//! work that decides its date; `portfolio` follows them across plans.
//!
//! Worked out again from the schedule's dates, the way the forward pass bounds a task:
//! each side (start, finish) is held at the latest of its bounds, and the side whose
//! bound places the task drives it. Of equal bounds the first found counts: the plan's
//! links in list order, then external links, then the constraint, then the summary.

use crate::model::hashing::IdIndex;
use crate::model::{DependencyKind, Plan, TaskId, TaskKind};

use super::external::{external_bounds, ExternalBound};
use super::position::{boundary, end_of, lag, start_of};
use super::{Schedule, TaskTimes};

/// What holds a task's early start or finish where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    /// Nothing but the plan's start.
    PlanStart,
    /// The task's own date constraint.
    Constraint,
    /// A link of the plan, by index into `plan.dependencies`.
    Link(usize),
    /// A link from a task of another plan, by index into `plan.external_dependencies`.
    External(usize),
    /// The bounds of the summary the task is in (by index), on its start or its finish:
    /// that summary's own driver on that side says what they are.
    Summary { task: usize, on_start: bool },
}

/// The drivers of every task of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drivers {
    /// Per task: what bounds its start, and what bounds its finish (for a summary, its
    /// own bounds, which its subtasks inherit).
    start: Vec<Driver>,
    finish: Vec<Driver>,
    /// Per task: its finish bound, not its start bound, placed it.
    placed_by_finish: Vec<bool>,
    /// Per summary task: the subtask (all levels down, a task with no subtasks of its
    /// own) that starts it, and the one that finishes it; itself for any other task.
    starting_subtask: Vec<usize>,
    finishing_subtask: Vec<usize>,
    /// The predecessor of each of the plan's links, by index (`None`: not in the plan).
    link_predecessors: Vec<Option<usize>>,
}

impl Drivers {
    /// What placed the task where it is.
    pub fn of(&self, task: usize) -> Driver {
        if self.placed_by_finish[task] {
            self.finish[task]
        } else {
            self.start[task]
        }
    }

    /// What bounds the task's start (`on_start`) or its finish.
    pub fn on_side(&self, task: usize, on_start: bool) -> Driver {
        if on_start {
            self.start[task]
        } else {
            self.finish[task]
        }
    }

    /// The index of the predecessor of link `link` (of `plan.dependencies`), found once
    /// here so that following drivers back costs no search.
    pub fn link_predecessor(&self, link: usize) -> Option<usize> {
        self.link_predecessors.get(link).copied().flatten()
    }

    /// The task whose dates a summary shows on one side: the subtask that starts
    /// (`on_start`) or finishes it. Any other task shows its own.
    pub fn shown_by(&self, task: usize, on_start: bool) -> usize {
        if on_start {
            self.starting_subtask[task]
        } else {
            self.finishing_subtask[task]
        }
    }
}

/// A bound on one side of a task, as a position, and where it comes from.
#[derive(Clone, Copy)]
struct Held {
    at: i64,
    by: Driver,
}

impl Held {
    const NONE: Held = Held { at: i64::MIN / 4, by: Driver::PlanStart };

    fn raise(&mut self, at: i64, by: Driver) {
        if at > self.at {
            *self = Held { at, by };
        }
    }
}

/// The drivers of `plan`'s tasks; `schedule` must be this plan's schedule.
pub fn drivers(plan: &Plan, schedule: &Schedule) -> Drivers {
    let count = plan.tasks.len();
    let mut start = vec![Held::NONE; count];
    let mut finish = vec![Held::NONE; count];
    let index_of = IdIndex::new(TaskId::PREFIX, &plan.tasks, |task| task.id.as_str());
    let link_predecessors = bound_by_links(plan, schedule, &index_of, &mut start, &mut finish);
    for link in &external_bounds(plan, &schedule.calendar) {
        bound_by_external_link(link, &mut start, &mut finish);
    }
    bound_by_constraints(plan, schedule, &mut start, &mut finish);
    let parents: Vec<Option<usize>> =
        plan.tasks.iter().map(|task| Some(index_of.get(task.parent.as_ref()?.as_str())? as usize)).collect();
    // Tasks are in outline order: a summary's bounds are complete before its subtasks'.
    for task in 0..count {
        if let Some(parent) = parents[task] {
            let (parent_start, parent_finish) = (start[parent], finish[parent]);
            start[task].raise(parent_start.at, Driver::Summary { task: parent, on_start: true });
            finish[task].raise(parent_finish.at, Driver::Summary { task: parent, on_start: false });
        }
    }
    let placed_by_finish = (0..count).map(|task| placed_by_finish(plan, task, start[task], finish[task])).collect();
    let (starting_subtask, finishing_subtask) = subtasks_shown(schedule, &parents);
    Drivers {
        start: start.iter().map(|held| if held.at >= 0 { held.by } else { Driver::PlanStart }).collect(),
        finish: finish.iter().map(|held| held.by).collect(),
        placed_by_finish,
        starting_subtask,
        finishing_subtask,
        link_predecessors,
    }
}

/// A task's start and finish as the forward pass's positions (see `position`).
fn positions(times: &TaskTimes) -> (i64, i64) {
    let start = 2 * times.early_start - i64::from(times.early_start_at_day_end);
    let finish = 2 * times.early_finish - 1 + i64::from(times.early_finish_at_day_start);
    (start, finish)
}

/// Raises each link's successor's bounds; returns each link's predecessor's index.
fn bound_by_links(
    plan: &Plan,
    schedule: &Schedule,
    index_of: &IdIndex,
    start: &mut [Held],
    finish: &mut [Held],
) -> Vec<Option<usize>> {
    let mut predecessors = Vec::with_capacity(plan.dependencies.len());
    for (number, link) in plan.dependencies.iter().enumerate() {
        let from = index_of.get(link.predecessor.as_str()).map(|index| index as usize);
        predecessors.push(from);
        let (Some(from), Some(to)) = (from, index_of.get(link.successor.as_str())) else {
            continue;
        };
        let to = to as usize;
        let (from_start, from_finish) = positions(&schedule.tasks[from]);
        let at = |position: i64| position + lag(link.lag);
        match link.kind {
            DependencyKind::FS => start[to].raise(at(from_finish), Driver::Link(number)),
            DependencyKind::SS => start[to].raise(at(from_start), Driver::Link(number)),
            DependencyKind::FF => finish[to].raise(at(from_finish), Driver::Link(number)),
            DependencyKind::SF => finish[to].raise(at(from_start), Driver::Link(number)),
        }
    }
    predecessors
}

fn bound_by_external_link(link: &ExternalBound, start: &mut [Held], finish: &mut [Held]) {
    match link.bound() {
        (true, at) => start[link.task].raise(at, Driver::External(link.link)),
        (false, at) => finish[link.task].raise(at, Driver::External(link.link)),
    }
}

/// The constraints that hold early dates back: a start one at the start of its day, a
/// finish one at the end of its day.
fn bound_by_constraints(plan: &Plan, schedule: &Schedule, start: &mut [Held], finish: &mut [Held]) {
    let calendar = &schedule.calendar;
    for (task, constraint) in
        plan.tasks.iter().enumerate().filter_map(|(index, task)| Some((index, task.date_constraint()?)))
    {
        if !constraint.kind.bounds_early_dates() {
            continue;
        }
        if constraint.kind.is_on_start() {
            start[task].raise(start_of(calendar.index_of(constraint.date)), Driver::Constraint);
        } else {
            let at = match constraint.date.succ_opt() {
                Some(next) => start_of(calendar.index_of(next)) - 1,
                None => end_of(calendar.index_of(constraint.date)),
            };
            finish[task].raise(at, Driver::Constraint);
        }
    }
}

/// Whether the finish bound, not the start bound, places a task (as `position::earliest`
/// chooses): for a milestone the later of the two, for work the one leaving the later
/// first day.
fn placed_by_finish(plan: &Plan, task: usize, start: Held, finish: Held) -> bool {
    let start_at = start.at.max(0);
    let duration = match plan.tasks[task].kind {
        TaskKind::Milestone => 0,
        TaskKind::Task => i64::from(plan.tasks[task].duration),
    };
    if duration == 0 {
        finish.at > start_at
    } else {
        boundary(finish.at) - duration > boundary(start_at)
    }
}

/// For every task, the task with no subtasks that shows its start and the one that
/// shows its finish: itself, or for a summary the first subtask in plan order that
/// starts (finishes) with it, all levels down.
fn subtasks_shown(schedule: &Schedule, parents: &[Option<usize>]) -> (Vec<usize>, Vec<usize>) {
    let count = parents.len();
    let mut starting: Vec<usize> = (0..count).collect();
    let mut finishing: Vec<usize> = (0..count).collect();
    // Subtasks come after their summary, so going backwards each task is complete before
    // its summary looks at it; the first subtask in plan order is the last one seen.
    for task in (0..count).rev() {
        let Some(parent) = parents[task] else { continue };
        let (task_start, task_finish) = positions(&schedule.tasks[task]);
        let (parent_start, parent_finish) = positions(&schedule.tasks[parent]);
        if task_start == parent_start {
            starting[parent] = starting[task];
        }
        if task_finish == parent_finish {
            finishing[parent] = finishing[task];
        }
    }
    (starting, finishing)
}
