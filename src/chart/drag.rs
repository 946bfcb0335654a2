//! What dragging a bar means, in plan terms: moving it sets the task's "not before"
//! date, pulling its end sets the duration, pulling the progress handle sets the
//! percent done. Drops snap to whole working days.

use chrono::NaiveDate;

use super::bars::{Bar, BarKind};
use super::scale::TimeScale;
use crate::schedule::{add_days, WorkingCalendar};

/// Which part of a bar is being dragged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DragMode {
    /// The body: the task moves in time.
    Move,
    /// The right end: the duration changes.
    Resize,
    /// The progress handle: the percent done changes.
    Progress,
}

impl DragMode {
    /// Whether a bar of this kind can be dragged this way. Summaries take their dates
    /// and progress from their subtasks; milestones have no duration or progress.
    pub fn applies_to(self, kind: BarKind) -> bool {
        match self {
            DragMode::Move => kind != BarKind::Summary,
            DragMode::Resize | DragMode::Progress => kind == BarKind::Task,
        }
    }
}

/// The edit a drag makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragEdit {
    StartNoEarlierThan(NaiveDate),
    /// Working days.
    Duration(u32),
    /// Percent done, in steps of 5.
    Progress(u8),
}

/// The edit made by dragging `mode` of `bar` by `dx` pixels. `early_start` is the
/// task's working-day number now. `None` when the drag does not apply to the bar.
pub fn drag_edit(
    mode: DragMode,
    bar: &Bar,
    early_start: i64,
    dx: f64,
    scale: &TimeScale,
    calendar: &WorkingCalendar,
) -> Option<DragEdit> {
    if !mode.applies_to(bar.kind) {
        return None;
    }
    let half_day = scale.pixels_per_day / 2.0;
    Some(match mode {
        DragMode::Move => {
            // The day boundary nearest the new left edge (the day a milestone at the end
            // of its day is drawn on); a weekend or holiday snaps forward to the next
            // working day.
            let towards_its_day = if bar.at_day_end { -half_day } else { half_day };
            let day = scale.date_at(bar.x + dx + towards_its_day);
            DragEdit::StartNoEarlierThan(calendar.date_of(calendar.index_of(day)))
        }
        DragMode::Resize => {
            let finish = scale.date_at(bar.x + bar.width + dx - half_day);
            // Working days from the start through the finish day, at least one.
            let duration = calendar.index_of(add_days(finish, 1)) - early_start;
            DragEdit::Duration(duration.clamp(1, i64::from(crate::model::validate::MAX_WORKING_DAYS)) as u32)
        }
        DragMode::Progress => {
            let handle = bar.x + bar.width * bar.progress / 100.0 + dx;
            let percent = if bar.width > 0.0 { (handle - bar.x) / bar.width * 100.0 } else { 0.0 };
            DragEdit::Progress(((percent / 5.0).round() * 5.0).clamp(0.0, 100.0) as u8)
        }
    })
}

/// Where the dragged bar would be drawn: left edge and width, for the preview.
pub fn preview_geometry(
    edit: DragEdit,
    bar: &Bar,
    start: NaiveDate,
    scale: &TimeScale,
    calendar: &WorkingCalendar,
) -> (f64, f64) {
    match edit {
        DragEdit::StartNoEarlierThan(date) => {
            if bar.kind == BarKind::Milestone {
                return (scale.x(date), 0.0);
            }
            let duration = (bar_working_days(bar, start, scale, calendar)).max(1);
            let finish = calendar.date_of(calendar.index_of(date) + duration - 1);
            (scale.x(date), scale.width(date, finish))
        }
        DragEdit::Duration(days) => {
            let finish = calendar.date_of(calendar.index_of(start) + i64::from(days) - 1);
            (bar.x, scale.width(start, finish))
        }
        DragEdit::Progress(_) => (bar.x, bar.width),
    }
}

/// The working days a drawn bar spans from `start`.
fn bar_working_days(bar: &Bar, start: NaiveDate, scale: &TimeScale, calendar: &WorkingCalendar) -> i64 {
    let finish = scale.date_at(bar.x + bar.width - scale.pixels_per_day / 2.0);
    calendar.index_of(add_days(finish, 1)) - calendar.index_of(start)
}
