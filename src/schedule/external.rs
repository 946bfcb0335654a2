//! Predecessors in other plans. An external link holds its successor back as a link
//! from a task fixed at its known dates would: the plan schedules on its own, from what
//! its file says, whether or not the other plan is at hand. Nothing flows back: the
//! other task is not part of this plan's graph, its float or its finish.

use chrono::NaiveDate;

use crate::model::hashing::IdIndex;
use crate::model::{DependencyKind, KnownTask, Plan, TaskId};

use super::calendar::WorkingCalendar;
use super::position::{end_of, lag, start_of, Span};
use super::Bounds;

/// One external link, ready for the passes: its successor by index and the known
/// task's start and finish as positions on this plan's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ExternalBound {
    /// Index into `plan.external_dependencies`.
    pub link: usize,
    /// Index of the successor in `plan.tasks`.
    pub task: usize,
    pub kind: DependencyKind,
    pub lag: i32,
    pub known: Span,
}

impl ExternalBound {
    /// The position the link holds its successor's start (`true`) or finish at or after.
    pub fn bound(&self) -> (bool, i64) {
        let on_start = matches!(self.kind, DependencyKind::FS | DependencyKind::SS);
        let from_start = matches!(self.kind, DependencyKind::SS | DependencyKind::SF);
        let from = if from_start { self.known.start } else { self.known.finish };
        (on_start, from + lag(self.lag))
    }
}

/// The plan's external links whose successor it has, in the list's order.
pub(super) fn external_bounds(plan: &Plan, calendar: &WorkingCalendar) -> Vec<ExternalBound> {
    if plan.external_dependencies.is_empty() {
        return Vec::new();
    }
    // The ids the app makes are found by their number, without hashing each task's id.
    let index_of = IdIndex::new(TaskId::PREFIX, &plan.tasks, |task| task.id.as_str());
    plan.external_dependencies
        .iter()
        .enumerate()
        .filter_map(|(link, dependency)| {
            let task = index_of.get(dependency.successor.as_str())? as usize;
            let known = known_span(&dependency.known, calendar);
            Some(ExternalBound { link, task, kind: dependency.kind, lag: dependency.lag, known })
        })
        .collect()
}

/// Where the known task stands on this plan's calendar: from the start of its first day
/// to the end of its last, a milestone at the end of its day (as one after
/// finish-to-start links stands). A day this calendar does not work counts as the next
/// working day's start, or the end of the last working day before it.
pub(super) fn known_span(known: &KnownTask, calendar: &WorkingCalendar) -> Span {
    let end_of_date = |date: NaiveDate| match date.succ_opt() {
        Some(next) => start_of(calendar.index_of(next)) - 1,
        None => end_of(calendar.index_of(date)),
    };
    let finish = end_of_date(known.finish);
    let start = if known.milestone { finish } else { start_of(calendar.index_of(known.start)) };
    Span { start, finish }
}

/// Adds each link's bound to its successor's, where the forward pass reads them.
pub(super) fn place_external_bounds(external: &[ExternalBound], bounds: &mut [Bounds]) {
    for link in external {
        let bound = &mut bounds[link.task];
        match link.bound() {
            (true, at) => bound.start = bound.start.max(at),
            (false, at) => bound.finish = bound.finish.max(at),
        }
    }
}
