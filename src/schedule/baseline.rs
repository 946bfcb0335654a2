//! Baselines: the schedule's dates kept at one moment, and how far each task has
//! moved since.

use crate::model::{Baseline, BaselineId, BaselineTask, Plan};

use super::Schedule;

/// A baseline of every task's current start and finish.
pub fn take_baseline(
    plan: &Plan,
    schedule: &Schedule,
    id: BaselineId,
    name: String,
    taken: chrono::NaiveDate,
) -> Baseline {
    let tasks = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| BaselineTask {
            task: task.id.clone(),
            start: schedule.start_date(index),
            finish: schedule.finish_date(index),
        })
        .collect();
    Baseline { id, name, taken, tasks }
}

/// For each task (in plan order), working days its finish moved since the baseline:
/// positive is late, negative early; `None` for a task the baseline does not have.
pub fn finish_variance(plan: &Plan, schedule: &Schedule, baseline: &Baseline) -> Vec<Option<i64>> {
    let finishes: crate::model::hashing::IdMap<&str, chrono::NaiveDate> =
        baseline.tasks.iter().map(|entry| (entry.task.as_str(), entry.finish)).collect();
    plan.tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            finishes
                .get(task.id.as_str())
                .map(|&finish| schedule.calendar.working_days_between(finish, schedule.finish_date(index)))
        })
        .collect()
}
