//! Risks read with the schedule: the tasks a risk threatens that are on the critical
//! path, and the open risks the register flags for it.

use std::collections::HashMap;

use crate::model::{Plan, Risk, RiskId, TaskId};
use crate::schedule::Schedule;

/// The tasks a risk threatens that the schedule puts on the critical path, in the
/// risk's order. `schedule` must be the schedule of `plan` (one entry per task).
pub fn critical_linked_tasks(plan: &Plan, schedule: &Schedule, risk: &Risk) -> Vec<TaskId> {
    risk.linked_tasks
        .iter()
        .filter(|task| {
            plan.task_index(task.as_str())
                .and_then(|index| schedule.tasks.get(index))
                .is_some_and(|times| times.critical)
        })
        .cloned()
        .collect()
}

/// An open risk that threatens tasks on the critical path: the register flags it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalRisk {
    pub risk: RiskId,
    /// Its linked tasks that are critical, in the risk's order.
    pub tasks: Vec<TaskId>,
}

/// Every open risk (open or monitoring) with at least one linked task on the critical
/// path, in plan order. `schedule` must be the schedule of `plan`.
pub fn risks_on_critical_path(plan: &Plan, schedule: &Schedule) -> Vec<CriticalRisk> {
    let index: HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(position, task)| (task.id.as_str(), position)).collect();
    plan.risks
        .iter()
        .filter(|risk| risk.status.is_open())
        .filter_map(|risk| {
            let tasks: Vec<TaskId> = risk
                .linked_tasks
                .iter()
                .filter(|task| {
                    index.get(task.as_str()).and_then(|&at| schedule.tasks.get(at)).is_some_and(|times| times.critical)
                })
                .cloned()
                .collect();
            (!tasks.is_empty()).then(|| CriticalRisk { risk: risk.id.clone(), tasks })
        })
        .collect()
}
