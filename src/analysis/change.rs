//! What an edit did to the schedule, in one sentence for a screen reader's polite live
//! region: "T9 now finishes 2027-03-08, 2 working days later; 3 other tasks moved; the plan
//! finishes 2027-06-28". The view keeps a [`Snapshot`] of the schedule before each edit
//! (a few numbers per task, cheap to copy at 10,000 tasks) and asks [`describe`] after it.

use chrono::NaiveDate;

use crate::model::{Plan, TaskId};
use crate::schedule::{Schedule, WorkingCalendar};

/// Where every task stood: working-day numbers under one calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    calendar: WorkingCalendar,
    starts: Vec<i64>,
    finishes: Vec<i64>,
    plan_finish: NaiveDate,
}

impl Snapshot {
    pub fn of(schedule: &Schedule) -> Self {
        let count = schedule.tasks.len();
        Self {
            calendar: schedule.calendar.clone(),
            starts: (0..count).map(|task| schedule.start_day(task)).collect(),
            finishes: (0..count).map(|task| schedule.finish_day(task)).collect(),
            plan_finish: schedule.finish_date_of_plan(),
        }
    }
}

/// The sentence for the change from `before` to `after` (the schedule of `plan`), naming
/// `edited` if the edit was to one task; `None` when nothing a person would notice moved.
/// When tasks were added or removed, or the calendar changed, tasks cannot be matched one
/// by one: only the plan's finish is said.
pub fn describe(plan: &Plan, before: &Snapshot, after: &Schedule, edited: Option<&TaskId>) -> Option<String> {
    let now = Snapshot::of(after);
    let mut parts = Vec::new();
    let comparable = now.calendar == before.calendar && now.starts.len() == before.starts.len();
    if comparable {
        let edited_index = edited.and_then(|id| plan.task_index(id.as_str()));
        if let Some(index) = edited_index.filter(|&index| now.finishes[index] != before.finishes[index]) {
            let shift = now.finishes[index] - before.finishes[index];
            parts.push(format!(
                "{} now finishes {}, {}",
                plan.tasks[index].id,
                after.finish_date(index),
                working_days(shift)
            ));
        }
        let moved = (0..now.starts.len())
            .filter(|&task| Some(task) != edited_index)
            .filter(|&task| now.starts[task] != before.starts[task] || now.finishes[task] != before.finishes[task])
            .count();
        if moved > 0 {
            let other = if edited_index.is_some() { " other" } else { "" };
            parts.push(match moved {
                1 => format!("1{other} task moved"),
                many => format!("{many}{other} tasks moved"),
            });
        }
    }
    if now.plan_finish != before.plan_finish || (!parts.is_empty() && comparable) {
        parts.push(format!("the plan finishes {}", now.plan_finish));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "2 working days later", "1 working day earlier".
fn working_days(shift: i64) -> String {
    let days = shift.unsigned_abs();
    let unit = if days == 1 { "working day" } else { "working days" };
    let direction = if shift > 0 { "later" } else { "earlier" };
    format!("{days} {unit} {direction}")
}
