//! Where each task's bar, diamond or bracket sits, and where link arrows run.

use crate::model::outline::OutlineRow;
use crate::schedule::Schedule;

use super::scale::TimeScale;

/// How a task is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarKind {
    Task,
    Milestone,
    /// A summary: a bracket over its subtasks' span.
    Summary,
}

/// One task's shape on the chart, in pixels from the scale's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Row in the outline (top = 0).
    pub row: usize,
    /// Index into `plan.tasks`.
    pub task: usize,
    pub kind: BarKind,
    /// Left edge (for a milestone, its centre).
    pub x: f64,
    /// A milestone drawn at the end of its day (after finish-to-start links, as MS
    /// Project draws it) rather than at its start.
    pub at_day_end: bool,
    pub width: f64,
    /// Percent complete.
    pub progress: f64,
    pub critical: bool,
    pub deadline_missed: bool,
}

/// The bar of the task on outline row `row`.
pub fn bar(schedule: &Schedule, scale: &TimeScale, row: usize, outline_row: &OutlineRow) -> Bar {
    let task = outline_row.index;
    let times = &schedule.tasks[task];
    let start = schedule.start_date(task);
    let kind = if times.summary {
        BarKind::Summary
    } else if times.milestone {
        BarKind::Milestone
    } else {
        BarKind::Task
    };
    let at_day_end = kind == BarKind::Milestone && times.early_start_at_day_end;
    let (x, width) = match kind {
        // A milestone marks the start of its day, or its end when it sits there.
        BarKind::Milestone if at_day_end => (scale.x_end(start), 0.0),
        BarKind::Milestone => (scale.x(start), 0.0),
        _ => {
            let finish = schedule.finish_date(task);
            (scale.x(start), scale.width(start, finish))
        }
    };
    Bar {
        row,
        task,
        kind,
        x,
        at_day_end,
        width,
        progress: times.progress,
        critical: times.critical,
        deadline_missed: times.deadline_missed,
    }
}

/// Where a link arrow leaves its predecessor and reaches its successor: the end or
/// start of each bar, depending on the link type.
pub fn link_points(
    kind: crate::model::DependencyKind,
    from: &Bar,
    to: &Bar,
    row_height: f64,
) -> ((f64, f64), (f64, f64)) {
    use crate::model::DependencyKind::*;
    let middle = |bar: &Bar| bar.row as f64 * row_height + row_height / 2.0;
    let end = |bar: &Bar| bar.x + bar.width;
    let (from_x, to_x) = match kind {
        FS => (end(from), to.x),
        SS => (from.x, to.x),
        FF => (end(from), end(to)),
        SF => (from.x, end(to)),
    };
    ((from_x, middle(from)), (to_x, middle(to)))
}

/// An SVG path for a link: out of the predecessor, down to the successor's row, and in,
/// with a small detour when the successor starts left of where the link leaves.
pub fn link_path(from: (f64, f64), to: (f64, f64), into_end: bool) -> String {
    // Whole pixels: crisp lines, and no floating-point formatting in the wasm build.
    const STUB: i64 = 8;
    let (x1, y1) = (from.0.round() as i64, from.1.round() as i64);
    let (x2, y2) = (to.0.round() as i64, to.1.round() as i64);
    let approach = if into_end { x2 + STUB } else { x2 - STUB };
    if (!into_end && approach >= x1 + STUB) || (into_end && approach <= x1 - STUB) {
        format!("M{x1} {y1}H{approach}V{y2}H{x2}")
    } else {
        let turn_x = x1 + STUB;
        let middle_y = y1 + (y2 - y1) / 2;
        format!("M{x1} {y1}H{turn_x}V{middle_y}H{approach}V{y2}H{x2}")
    }
}
