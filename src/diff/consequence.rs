//! The schedule consequence of a merge: which milestones move, and by how many
//! working days, when the plan goes from `before` (ours) to `after` (the merged plan).

use chrono::NaiveDate;

use crate::model::{Plan, TaskId, TaskKind};
use crate::schedule::{compute, ScheduleError, WorkingCalendar};

/// What the merge does to the dates that matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleConsequence {
    /// Milestones in both plans whose date changes, in the merged plan's order.
    pub milestones: Vec<MilestoneMove>,
    /// The plan's last day, when it changes.
    pub plan_finish: Option<DateMove>,
}

impl ScheduleConsequence {
    /// Nothing that matters moves.
    pub fn is_empty(&self) -> bool {
        self.milestones.is_empty() && self.plan_finish.is_none()
    }
}

/// A date before and after, and the working days between them (positive: later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMove {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Counted in the merged plan's calendar (its weekdays and holidays).
    pub working_days: i64,
}

impl std::fmt::Display for DateMove {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let days = self.working_days.abs();
        let unit = if days == 1 { "working day" } else { "working days" };
        match self.working_days.signum() {
            1 => write!(f, "{days} {unit} later ({} → {})", self.from, self.to),
            -1 => write!(f, "{days} {unit} earlier ({} → {})", self.from, self.to),
            // Another date that counts as the same working day (the calendar changed).
            _ => write!(f, "to {} (was {})", self.to, self.from),
        }
    }
}

/// A milestone whose date changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneMove {
    pub id: TaskId,
    /// Its name in the merged plan.
    pub name: String,
    pub date: DateMove,
}

impl std::fmt::Display for MilestoneMove {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\" moves {}", self.id, self.name, self.date)
    }
}

/// Schedules both plans and compares the milestones they share and their finish.
/// Working days are counted in `after`'s calendar: the plan as it will be.
pub fn schedule_consequence(before: &Plan, after: &Plan) -> Result<ScheduleConsequence, ScheduleError> {
    let before_schedule = compute(before)?;
    let after_schedule = compute(after)?;
    let calendar = WorkingCalendar::new(&after.calendar, after.start);
    let date_move = |from: NaiveDate, to: NaiveDate| {
        (from != to).then(|| DateMove { from, to, working_days: calendar.working_days_between(from, to) })
    };
    let milestones = after
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| task.kind == TaskKind::Milestone)
        .filter_map(|(after_index, task)| {
            let before_index = before.task_index(task.id.as_str())?;
            if before.tasks[before_index].kind != TaskKind::Milestone {
                return None;
            }
            let date = date_move(before_schedule.finish_date(before_index), after_schedule.finish_date(after_index))?;
            Some(MilestoneMove { id: task.id.clone(), name: task.name.clone(), date })
        })
        .collect();
    let plan_finish = if before.tasks.is_empty() || after.tasks.is_empty() {
        None
    } else {
        date_move(before_schedule.finish_date_of_plan(), after_schedule.finish_date_of_plan())
    };
    Ok(ScheduleConsequence { milestones, plan_finish })
}
