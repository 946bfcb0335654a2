//! Date constraints and deadlines in the schedule: where each falls as a position, and
//! the constraints the links make impossible, each with what makes it so.
//!
//! As in MS Project by default, links win: a task whose predecessors finish after its
//! must-finish-on date finishes when they allow, and the constraint is reported as a
//! `ConstraintConflict` (its float is negative too), never silently kept or broken.

use chrono::NaiveDate;

use crate::model::graph::{EdgeKind, TaskGraph};
use crate::model::text::shortened;
use crate::model::{DateConstraint, DependencyKind, Plan, TaskId};

use super::calendar::WorkingCalendar;
use super::external::ExternalBound;
use super::position::{boundary, day, lag, start_of};
use super::{TaskTimes, UNSET_HIGH};

/// A task's date constraint and deadline as positions: a start constraint at the start
/// of its day, a finish constraint and a deadline at the end of theirs.
pub(super) struct DatedTask {
    pub task: usize,
    pub constraint: Option<(DateConstraint, i64)>,
    pub deadline: Option<i64>,
}

/// A task's date constraint and deadline, as the plan has them, by its index.
pub(super) type Dates = (usize, Option<DateConstraint>, Option<NaiveDate>);

/// The tasks `dated` with their constraint and deadline as positions.
pub(super) fn dated_tasks(dated: Vec<Dates>, calendar: &WorkingCalendar) -> Vec<DatedTask> {
    // A start is looked up by its own date, an end of day by the day after it.
    let lookup = |constraint: &DateConstraint| {
        if constraint.kind.is_on_start() {
            Some(constraint.date)
        } else {
            constraint.date.succ_opt()
        }
    };
    let dates = dated.iter().flat_map(|(_, constraint, deadline)| {
        [constraint.as_ref().and_then(lookup), deadline.and_then(|deadline| deadline.succ_opt())]
    });
    let days = calendar.day_table(dates.flatten());
    // The end of a day is just before the start of the next working day (the end of the
    // last working day on or before it); the last date there is has no end.
    let end_of_date = |date: NaiveDate| date.succ_opt().map_or(UNSET_HIGH, |next| start_of(days.index_of(next)) - 1);
    dated
        .into_iter()
        .map(|(task, constraint, deadline)| DatedTask {
            task,
            constraint: constraint.map(|constraint| {
                let at = if constraint.kind.is_on_start() {
                    start_of(days.index_of(constraint.date))
                } else {
                    end_of_date(constraint.date)
                };
                (constraint, at)
            }),
            deadline: deadline.map(end_of_date),
        })
        .collect()
}

/// A date constraint the links make impossible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintConflict {
    /// The constrained task, by index into `plan.tasks`.
    pub task: usize,
    pub id: TaskId,
    pub constraint: DateConstraint,
    /// The start (for a start constraint) or finish the schedule gives the task: after
    /// the constraint's date, or at the end of its day for a start constraint.
    pub scheduled: NaiveDate,
    pub cause: ConflictCause,
}

/// What holds a task past its constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictCause {
    /// A link from this predecessor; `date` is the predecessor's start (SS, SF) or
    /// finish (FS, FF) that the link ties the task to.
    Predecessor { task: usize, id: TaskId, kind: DependencyKind, lag: i32, date: NaiveDate },
    /// An external link from a task of another plan (`link` indexes
    /// `plan.external_dependencies`); `date` is that task's known start (SS, SF) or
    /// finish (FS, FF).
    ExternalPredecessor { link: usize, id: TaskId, plan_name: String, kind: DependencyKind, lag: i32, date: NaiveDate },
    /// The summary the task is in cannot start (`on_start`) or finish earlier than
    /// `date`: its own links or constraint, which apply to its subtasks.
    Summary { task: usize, id: TaskId, on_start: bool, date: NaiveDate },
    /// For a summary: the subtask that starts it (for a start constraint) or finishes it
    /// too late, on `date`.
    Subtask { task: usize, id: TaskId, date: NaiveDate },
    /// Nothing but the plan's start, on `date`: the task takes `working_days` from it.
    PlanStart { date: NaiveDate, working_days: u32 },
}

/// "T7 must finish on 2027-03-05 but its predecessor T5 (FS) finishes on 2027-03-09".
impl std::fmt::Display for ConstraintConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} but ", shortened(self.id.as_str()), self.constraint)?;
        let starts_or_finishes = |on_start: bool| if on_start { "starts" } else { "finishes" };
        match &self.cause {
            ConflictCause::Predecessor { id, kind, lag, date, .. } => {
                let on_start = matches!(kind, DependencyKind::SS | DependencyKind::SF);
                let lag = if *lag == 0 { String::new() } else { format!("{lag:+}") };
                let (id, verb) = (shortened(id.as_str()), starts_or_finishes(on_start));
                write!(f, "its predecessor {id} ({}{lag}) {verb} on {date}", kind.label())
            }
            ConflictCause::ExternalPredecessor { id, plan_name, kind, lag, date, .. } => {
                let on_start = matches!(kind, DependencyKind::SS | DependencyKind::SF);
                let lag = if *lag == 0 { String::new() } else { format!("{lag:+}") };
                let (id, plan_name, verb) =
                    (shortened(id.as_str()), shortened(plan_name), starts_or_finishes(on_start));
                write!(f, "its predecessor {id} of {plan_name} ({}{lag}) {verb} on {date}", kind.label())
            }
            ConflictCause::Summary { id, on_start, date, .. } => {
                let verb = starts_or_finishes(*on_start);
                write!(f, "its summary {} {verb} no earlier than {date}", shortened(id.as_str()))
            }
            ConflictCause::Subtask { id, date, .. } => {
                let verb = starts_or_finishes(self.constraint.kind.is_on_start());
                write!(f, "its subtask {} {verb} on {date}", shortened(id.as_str()))
            }
            ConflictCause::PlanStart { date, working_days }
                if self.constraint.kind.is_on_start() || *working_days == 0 =>
            {
                write!(f, "the plan starts on {date}")
            }
            ConflictCause::PlanStart { date, working_days: 1 } => {
                write!(f, "it takes 1 working day from the plan's start on {date}")
            }
            ConflictCause::PlanStart { date, working_days } => {
                write!(f, "it takes {working_days} working days from the plan's start on {date}")
            }
        }
    }
}

/// What the search for conflicts reads: the graph and the passes' results, still as
/// positions (a summary's times are its shown ones, rolled up from its subtasks).
pub(super) struct Scheduled<'a> {
    pub plan: &'a Plan,
    pub graph: &'a TaskGraph,
    pub calendar: &'a WorkingCalendar,
    pub tasks: &'a [TaskTimes],
    /// The lower bounds on each task's start and finish that the forward pass gathered
    /// (its links, its constraint, its summary's bounds).
    pub bounds: &'a [super::Bounds],
    pub durations: &'a [u32],
    /// The external links, whose bounds are in `bounds` too.
    pub external: &'a [ExternalBound],
}

/// A conflict found, while its cause is looked for.
struct Found {
    task: usize,
    constraint: DateConstraint,
    /// The position the schedule gives the constrained start or finish.
    scheduled: i64,
    /// The best cause so far, with its rank (lower is better).
    cause: Option<(u8, ConflictCause)>,
}

/// Every date constraint of `dated` that the schedule passes, in plan order, with its cause.
pub(super) fn conflicts(scheduled: &Scheduled, dated: &[DatedTask]) -> Vec<ConstraintConflict> {
    let mut found: Vec<Found> = dated
        .iter()
        .filter_map(|dated| {
            let (constraint, at) = dated.constraint.filter(|(constraint, _)| constraint.kind.bounds_late_dates())?;
            let times = &scheduled.tasks[dated.task];
            let position = if constraint.kind.is_on_start() { times.early_start } else { times.early_finish };
            (position > at).then_some(Found { task: dated.task, constraint, scheduled: position, cause: None })
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    scheduled.blame_links(&mut found);
    scheduled.blame_external_links(&mut found);
    scheduled.blame_summaries(&mut found);
    scheduled.blame_subtasks(&mut found);
    let date_of_day_zero = scheduled.calendar.date_of(0);
    found
        .into_iter()
        .map(|found| ConstraintConflict {
            task: found.task,
            id: scheduled.plan.tasks[found.task].id.clone(),
            constraint: found.constraint,
            scheduled: scheduled.date_of(found.scheduled),
            cause: found.cause.map(|(_, cause)| cause).unwrap_or(ConflictCause::PlanStart {
                date: date_of_day_zero,
                working_days: scheduled.durations[found.task],
            }),
        })
        .collect()
}

impl Scheduled<'_> {
    fn date_of(&self, position: i64) -> NaiveDate {
        self.calendar.date_of(day(position))
    }

    /// How well a bound of `bound` on the start (`on_start`) or finish of the conflicted
    /// task explains where it is: rank 0 when it puts the task exactly there, 1 when at
    /// the same moment in working time (the end of one day, the start of the next);
    /// `None` when it does not hold the task there. A summary's start conflict is
    /// explained by start bounds only, its finish conflict by finish bounds only.
    fn explains(&self, found: &Found, on_start: bool, bound: i64) -> Option<u8> {
        let times = &self.tasks[found.task];
        if self.graph.is_summary[found.task] && on_start != found.constraint.kind.is_on_start() {
            return None;
        }
        let actual = if on_start { times.early_start } else { times.early_finish };
        if bound == actual {
            Some(0)
        } else {
            (boundary(bound) == boundary(actual)).then_some(1)
        }
    }

    /// The predecessor whose link holds each conflicted task where it is: one sweep
    /// over every link.
    fn blame_links(&self, found: &mut [Found]) {
        let mut conflicted: Vec<Option<usize>> = vec![None; self.graph.task_count];
        for (slot, conflict) in found.iter().enumerate() {
            conflicted[conflict.task] = Some(slot);
        }
        for node in 0..self.graph.node_count() as u32 {
            self.graph.for_each_outgoing(node, |edge| {
                let EdgeKind::Dependency { kind, lag: days } = edge.kind else {
                    return;
                };
                let Some(slot) = conflicted[edge.to as usize] else {
                    return;
                };
                let predecessor = self.graph.task_of(node);
                let times = &self.tasks[predecessor];
                let from_start = matches!(kind, DependencyKind::SS | DependencyKind::SF);
                let from = if from_start { times.early_start } else { times.early_finish };
                let on_start = matches!(kind, DependencyKind::FS | DependencyKind::SS);
                let conflict = &mut found[slot];
                let Some(rank) = self.explains(conflict, on_start, from + lag(days)) else {
                    return;
                };
                if conflict.cause.as_ref().is_none_or(|(best, _)| rank < *best) {
                    let id = self.plan.tasks[predecessor].id.clone();
                    let date = self.date_of(from);
                    let cause = ConflictCause::Predecessor { task: predecessor, id, kind, lag: days, date };
                    conflict.cause = Some((rank, cause));
                }
            });
        }
    }

    /// The external link that holds each conflicted task where it is, when none of the
    /// plan's own links explains it better.
    fn blame_external_links(&self, found: &mut [Found]) {
        for link in self.external {
            let Some(conflict) = found.iter_mut().find(|conflict| conflict.task == link.task) else {
                continue;
            };
            let (on_start, at) = link.bound();
            let Some(rank) = self.explains(conflict, on_start, at) else {
                continue;
            };
            if conflict.cause.as_ref().is_none_or(|(best, _)| rank < *best) {
                let dependency = &self.plan.external_dependencies[link.link];
                let from_start = matches!(link.kind, DependencyKind::SS | DependencyKind::SF);
                let cause = ConflictCause::ExternalPredecessor {
                    link: link.link,
                    id: dependency.predecessor.clone(),
                    plan_name: dependency.known.plan_name.clone(),
                    kind: link.kind,
                    lag: link.lag,
                    date: if from_start { dependency.known.start } else { dependency.known.finish },
                };
                conflict.cause = Some((rank, cause));
            }
        }
    }

    /// For the conflicts no link explains: the summary above, when its bounds (handed
    /// to its subtasks) hold the task where it is. A start bound at the plan's start is
    /// the plan's start, not the summary's doing.
    fn blame_summaries(&self, found: &mut [Found]) {
        for conflict in found.iter_mut().filter(|conflict| conflict.cause.is_none()) {
            let Some(summary) = self.graph.parent[conflict.task].map(|parent| parent as usize) else {
                continue;
            };
            let bounds = &self.bounds[summary];
            let on_start = if bounds.start > 0 && self.explains(conflict, true, bounds.start).is_some() {
                true
            } else if self.explains(conflict, false, bounds.finish).is_some() {
                false
            } else {
                continue;
            };
            let times = &self.tasks[conflict.task];
            let date = self.date_of(if on_start { times.early_start } else { times.early_finish });
            let id = self.plan.tasks[summary].id.clone();
            conflict.cause = Some((2, ConflictCause::Summary { task: summary, id, on_start, date }));
        }
    }

    /// For the conflicted summaries still unexplained: the subtask that starts or
    /// finishes them where they are (the first in plan order).
    fn blame_subtasks(&self, found: &mut [Found]) {
        let unexplained: Vec<usize> = (0..found.len())
            .filter(|&slot| found[slot].cause.is_none() && self.graph.is_summary[found[slot].task])
            .collect();
        if unexplained.is_empty() {
            return;
        }
        let mut slot_of: Vec<Option<usize>> = vec![None; self.graph.task_count];
        for &slot in &unexplained {
            slot_of[found[slot].task] = Some(slot);
        }
        for (child, parent) in self.graph.parent.iter().enumerate() {
            let Some(slot) = parent.and_then(|parent| slot_of[parent as usize]) else {
                continue;
            };
            let conflict = &mut found[slot];
            let (summary, times) = (&self.tasks[conflict.task], &self.tasks[child]);
            let position = if conflict.constraint.kind.is_on_start() {
                (times.early_start == summary.early_start).then_some(times.early_start)
            } else {
                (times.early_finish == summary.early_finish).then_some(times.early_finish)
            };
            if let (None, Some(position)) = (&conflict.cause, position) {
                let id = self.plan.tasks[child].id.clone();
                let date = self.date_of(position);
                conflict.cause = Some((3, ConflictCause::Subtask { task: child, id, date }));
            }
        }
    }
}
