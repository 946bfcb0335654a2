//! Ids that collide: the same task id in both plans for what looks like two unrelated
//! tasks (typically both copies added a task and each got the next free id, `T41`).
//! Matching by id would then report a rename and a move, and taking them would turn
//! our task into theirs. The comparison flags such ids instead, so the UI can warn,
//! and `renumber_task` gives theirs a free id so it compares as an added task.
//!
//! The rule: a task id collides when all three of these hold.
//! 1. **Unrelated names**: the names have no word in common. Words are runs of letters
//!    and digits, compared without case; "a", "an", "the", "and", "or", "of", "to",
//!    "in", "on", "for", "with", "at", "by" do not count. ("API build" and "Build the
//!    API v2" are related; "Security audit" and "Launch party" are not.)
//! 2. **Different place**: the parents differ (another summary, or one is at the top
//!    level and the other is not).
//! 3. **Different time**: the scheduled spans (first to last working day, each computed
//!    in its own plan) do not overlap. When either plan cannot be scheduled, this one
//!    counts as met and the first two decide.
//!
//! A rename alone, a move alone, or a rename and a move of a task that stays in the
//! same weeks is an edit, not a collision: renaming a task and moving it are ordinary.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::{ModelError, Plan, Task, TaskId};
use crate::schedule::{compute, Schedule};

/// A task id that both plans use for what looks like two different tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskCollision {
    pub id: TaskId,
    pub ours: CollidingTask,
    pub theirs: CollidingTask,
}

/// One side of a collision: what the task is in that plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollidingTask {
    pub name: String,
    pub parent: Option<TaskId>,
    /// First and last working day, when the plan could be scheduled.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

impl std::fmt::Display for CollidingTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\"", self.name)?;
        match &self.parent {
            Some(parent) => write!(f, " under {parent}")?,
            None => f.write_str(" at the top level")?,
        }
        if let Some((start, finish)) = self.dates {
            write!(f, ", {start} to {finish}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for TaskCollision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} looks like two different tasks: here {}; in the other plan {}", self.id, self.ours, self.theirs)
    }
}

const IGNORED_WORDS: [&str; 13] = ["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by"];

/// The words of a name that count for rule 1, lower case.
fn words(name: &str) -> HashSet<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !IGNORED_WORDS.contains(&word.as_str()))
        .collect()
}

/// Rule 1: the two names share no word.
pub fn names_unrelated(ours: &str, theirs: &str) -> bool {
    words(ours).is_disjoint(&words(theirs))
}

fn dates(plan: &Plan, schedule: &Schedule, id: &TaskId) -> Option<(NaiveDate, NaiveDate)> {
    let index = plan.task_index(id.as_str())?;
    Some((schedule.start_date(index), schedule.finish_date(index)))
}

/// The ids of tasks in both plans that collide, by the rule above, in our order.
pub(crate) fn task_collisions(ours: &Plan, theirs: &Plan) -> Vec<TaskCollision> {
    let candidates: Vec<(&Task, &Task)> = ours
        .tasks
        .iter()
        .filter_map(|task| Some((task, theirs.task(task.id.as_str())?)))
        .filter(|(our_task, their_task)| {
            our_task.parent != their_task.parent && names_unrelated(&our_task.name, &their_task.name)
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    // Scheduled only when a task passed the first two rules.
    let our_schedule = compute(ours).ok();
    let their_schedule = compute(theirs).ok();
    candidates
        .into_iter()
        .filter_map(|(our_task, their_task)| {
            let our_dates = our_schedule.as_ref().and_then(|schedule| dates(ours, schedule, &our_task.id));
            let their_dates = their_schedule.as_ref().and_then(|schedule| dates(theirs, schedule, &their_task.id));
            let overlap = match (our_dates, their_dates) {
                (Some((our_start, our_finish)), Some((their_start, their_finish))) => {
                    our_start <= their_finish && their_start <= our_finish
                }
                _ => false,
            };
            (!overlap).then(|| TaskCollision {
                id: our_task.id.clone(),
                ours: CollidingTask { name: our_task.name.clone(), parent: our_task.parent.clone(), dates: our_dates },
                theirs: CollidingTask {
                    name: their_task.name.clone(),
                    parent: their_task.parent.clone(),
                    dates: their_dates,
                },
            })
        })
        .collect()
}

/// A task id free in both plans (the next after the highest `T` number either uses):
/// what to renumber a colliding task to.
pub fn free_task_id(ours: &Plan, theirs: &Plan) -> TaskId {
    let ids = ours.tasks.iter().chain(&theirs.tasks).map(|task| task.id.as_str());
    TaskId(Plan::next_id(TaskId::PREFIX, ids))
}

/// `plan` with task `from` renamed to `to` everywhere it is named: its subtasks'
/// parent, links, RACI cells, risks' and log entries' linked tasks, baseline entries
/// and its costs. Meant for their plan before comparing again, so a colliding task
/// compares as an added one.
pub fn renumber_task(plan: &Plan, from: &TaskId, to: TaskId) -> Result<Plan, ModelError> {
    if plan.task(from.as_str()).is_none() {
        return Err(ModelError::NotFound(crate::model::Item::Task(from.clone())));
    }
    if plan.task(to.as_str()).is_some() {
        return Err(ModelError::AlreadyExists(crate::model::Item::Task(to.clone())));
    }
    crate::model::validate::check_id(to.as_str(), TaskId::PREFIX)
        .map_err(|message| ModelError::Invalid { field: "id".into(), message })?;
    let rename = |id: &mut TaskId| {
        if id == from {
            *id = to.clone();
        }
    };
    let mut plan = plan.clone();
    for task in &mut plan.tasks {
        rename(&mut task.id);
        if let Some(parent) = &mut task.parent {
            rename(parent);
        }
    }
    for dependency in &mut plan.dependencies {
        rename(&mut dependency.predecessor);
        rename(&mut dependency.successor);
    }
    for cell in &mut plan.raci {
        rename(&mut cell.task);
    }
    for risk in &mut plan.risks {
        risk.linked_tasks.iter_mut().for_each(rename);
    }
    for baseline in &mut plan.baselines {
        baseline.tasks.iter_mut().for_each(|entry| rename(&mut entry.task));
    }
    plan.assumptions.iter_mut().for_each(|entry| entry.linked_tasks.iter_mut().for_each(rename));
    plan.issues.iter_mut().for_each(|entry| entry.linked_tasks.iter_mut().for_each(rename));
    plan.decisions.iter_mut().for_each(|entry| entry.linked_tasks.iter_mut().for_each(rename));
    plan.budget.tasks.iter_mut().for_each(|cost| rename(&mut cost.task));
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::names_unrelated;

    #[test]
    fn names_are_related_by_a_shared_word_of_substance() {
        assert!(!names_unrelated("API build", "Build the API v2"));
        assert!(!names_unrelated("QA", "qa sign-off"));
        assert!(names_unrelated("Security audit", "Launch party"));
        assert!(names_unrelated("The audit", "The party"), "'the' does not relate two names");
    }
}
