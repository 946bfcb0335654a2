//! Change requests at work: the changes a proposal copy asks for (`capture`), whether
//! they still apply to the plan as it is now (`conflicts`), the plan they would make
//! and what that does to the milestones and the cost (`consequence`), and approving one
//! as a single undo step that also records the decision (`approve`). The proposed plan
//! is merged through the compare view's own `diff` and `merge`, so a request is taken
//! exactly as the same changes taken in Compare would be.

use chrono::NaiveDate;

use super::consequence::{schedule_consequence, ScheduleConsequence};
use super::{diff, merge, Selection};
use crate::model::budget::{planned_costs, Money};
use crate::model::change_request::{ChangeRequest, ChangeStatus, CostChange, DependencyChange, TaskChange};
use crate::model::hashing::{IdMap, IdSet};
use crate::model::log::new_decision;
use crate::model::validate::validate_plan;
use crate::model::{ChangeRequestId, Command, Dependency, LogEntry, PersonId, Plan, Task, TaskId};
use crate::schedule::ScheduleError;

/// The request with the changes `proposal` makes to `base` in place of those it had:
/// every task, link and task cost that differs, as it is in each. `base` is the plan the
/// copy was drafted from (kept when it was drafted), so that what the plan changed since
/// shows as a conflict when the request is approved, never as a change of the request.
pub fn capture(request: &ChangeRequest, base: &Plan, proposal: &Plan) -> ChangeRequest {
    let plan = base;
    ChangeRequest {
        tasks: task_changes(plan, proposal),
        dependencies: dependency_changes(plan, proposal),
        costs: cost_changes(plan, proposal),
        ..request.clone()
    }
}

fn task_changes(plan: &Plan, proposal: &Plan) -> Vec<TaskChange> {
    let theirs: IdMap<&str, &Task> = proposal.tasks.iter().map(|task| (task.id.as_str(), task)).collect();
    let ours: IdSet<&str> = plan.tasks.iter().map(|task| task.id.as_str()).collect();
    let changed = plan.tasks.iter().filter_map(|task| match theirs.get(task.id.as_str()) {
        Some(after) if *after == task => None,
        after => Some(TaskChange { before: Some(task.clone()), after: after.map(|task| (*task).clone()) }),
    });
    let added = proposal
        .tasks
        .iter()
        .filter(|task| !ours.contains(task.id.as_str()))
        .map(|task| TaskChange { before: None, after: Some(task.clone()) });
    changed.chain(added).collect()
}

fn dependency_changes(plan: &Plan, proposal: &Plan) -> Vec<DependencyChange> {
    let key = |link: &Dependency| (link.predecessor.clone(), link.successor.clone());
    let theirs: IdMap<(TaskId, TaskId), &Dependency> =
        proposal.dependencies.iter().map(|link| (key(link), link)).collect();
    let ours: IdSet<(TaskId, TaskId)> = plan.dependencies.iter().map(key).collect();
    let changed = plan.dependencies.iter().filter_map(|link| match theirs.get(&key(link)) {
        Some(after) if *after == link => None,
        after => Some(DependencyChange { before: Some(link.clone()), after: after.map(|link| (*link).clone()) }),
    });
    let added = proposal
        .dependencies
        .iter()
        .filter(|link| !ours.contains(&key(link)))
        .map(|link| DependencyChange { before: None, after: Some(link.clone()) });
    changed.chain(added).collect()
}

fn cost_changes(plan: &Plan, proposal: &Plan) -> Vec<CostChange> {
    let theirs = proposal.budget.by_task();
    let ours = plan.budget.by_task();
    let changed = plan.budget.tasks.iter().filter_map(|cost| match theirs.get(cost.task.as_str()) {
        Some(after) if *after == cost => None,
        after => Some(CostChange { before: Some(cost.clone()), after: after.map(|cost| (*cost).clone()) }),
    });
    let added = proposal
        .budget
        .tasks
        .iter()
        .filter(|cost| !ours.contains_key(cost.task.as_str()))
        .map(|cost| CostChange { before: None, after: Some(cost.clone()) });
    changed.chain(added).collect()
}

/// What stands between the request and the plan as it is now: each change made to an
/// item that has changed since, or that is gone or already there. Empty: it applies.
pub fn conflicts(plan: &Plan, request: &ChangeRequest) -> Vec<String> {
    let tasks: IdMap<&str, &Task> = plan.tasks.iter().map(|task| (task.id.as_str(), task)).collect();
    let links: IdMap<(&str, &str), &Dependency> =
        plan.dependencies.iter().map(|link| ((link.predecessor.as_str(), link.successor.as_str()), link)).collect();
    let costs = plan.budget.by_task();
    let mut found = Vec::new();
    for change in &request.tasks {
        let Some(id) = change.before.as_ref().or(change.after.as_ref()).map(|task| task.id.as_str()) else { continue };
        let now = tasks.get(id).copied();
        if let Some(why) = mismatch(change.before.as_ref(), now) {
            found.push(format!("task {id} {why}"));
        }
    }
    for change in &request.dependencies {
        let Some(link) = change.before.as_ref().or(change.after.as_ref()) else { continue };
        let now = links.get(&(link.predecessor.as_str(), link.successor.as_str())).copied();
        if let Some(why) = mismatch(change.before.as_ref(), now) {
            found.push(format!("the link {} → {} {why}", link.predecessor, link.successor));
        }
    }
    for change in &request.costs {
        let Some(task) = change.before.as_ref().or(change.after.as_ref()).map(|cost| cost.task.as_str()) else {
            continue;
        };
        let now = costs.get(task).copied();
        if let Some(why) = mismatch(change.before.as_ref(), now) {
            found.push(format!("the costs of task {task} {why}"));
        }
    }
    found
}

/// Why an item's state now is not the one the change was made against, if it is not.
fn mismatch<T: PartialEq>(before: Option<&T>, now: Option<&T>) -> Option<&'static str> {
    match (before, now) {
        (Some(before), Some(now)) if before == now => None,
        (Some(_), Some(_)) => Some("was changed since the request was made"),
        (Some(_), None) => Some("was removed since the request was made"),
        (None, Some(_)) => Some("was added to the plan since the request was made"),
        (None, None) => None,
    }
}

/// The plan as the request would make it, or why it cannot: its conflicts, or the rules
/// the result would break.
pub fn proposed_plan(plan: &Plan, request: &ChangeRequest) -> Result<Plan, Vec<String>> {
    let found = conflicts(plan, request);
    if !found.is_empty() {
        return Err(found);
    }
    let mut proposed = plan.clone();
    for change in &request.tasks {
        apply_task_change(&mut proposed, change);
    }
    for change in &request.dependencies {
        let key = change
            .before
            .as_ref()
            .or(change.after.as_ref())
            .map(|link| (link.predecessor.clone(), link.successor.clone()));
        let at = proposed
            .dependencies
            .iter()
            .position(|link| Some((link.predecessor.clone(), link.successor.clone())) == key);
        match (at, &change.after) {
            (Some(index), Some(after)) => proposed.dependencies[index] = after.clone(),
            (Some(index), None) => drop(proposed.dependencies.remove(index)),
            (None, Some(after)) => proposed.dependencies.push(after.clone()),
            (None, None) => {}
        }
    }
    for change in &request.costs {
        let task = change.before.as_ref().or(change.after.as_ref()).map(|cost| cost.task.clone());
        proposed.budget.tasks.retain(|cost| Some(&cost.task) != task.as_ref());
        proposed.budget.tasks.extend(change.after.clone().filter(|cost| !cost.is_empty()));
    }
    let problems = validate_plan(&proposed);
    if problems.is_empty() {
        return Ok(proposed);
    }
    Err(problems.into_iter().map(|problem| format!("the plan it would make breaks a rule: {problem}")).collect())
}

/// Replaces, removes or adds one task; a new task goes at the end of its parent's
/// subtree (the end of the plan at the top), after the new tasks before it.
fn apply_task_change(plan: &mut Plan, change: &TaskChange) {
    let id = change.before.as_ref().or(change.after.as_ref()).map(|task| task.id.clone());
    let at = plan.tasks.iter().position(|task| Some(&task.id) == id.as_ref());
    match (at, &change.after) {
        (Some(index), Some(after)) => plan.tasks[index] = after.clone(),
        // Removed as the app removes a task: with its subtasks and everything that
        // names them (links, RACI cells, baseline entries, log links, costs).
        (Some(_), None) => {
            if let Some(id) = id {
                let _ = crate::model::apply(plan, Command::RemoveTask(id));
            }
        }
        (None, Some(after)) => {
            let index = match after.parent.as_ref().and_then(|parent| plan.task_index(parent.as_str())) {
                Some(parent) => parent + plan.subtree_len(parent),
                None => plan.tasks.len(),
            };
            plan.tasks.insert(index, after.clone());
        }
        (None, None) => {}
    }
}

/// What approving the request would do: the milestones that move and the plan's cost
/// before and after (planned cost now, every task's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consequence {
    pub schedule: Result<ScheduleConsequence, ScheduleError>,
    pub cost_before: Money,
    pub cost_after: Money,
}

impl Consequence {
    /// After less before: positive when the plan costs more.
    pub fn cost_change(&self) -> Money {
        self.cost_after - self.cost_before
    }
}

/// The consequence of the request on the plan as it is now, or why it no longer applies.
pub fn consequence(plan: &Plan, request: &ChangeRequest) -> Result<Consequence, Vec<String>> {
    proposed_plan(plan, request).map(|proposed| consequence_of(plan, &proposed))
}

/// What turning `plan` into `proposed` (a request's `proposed_plan`) does.
pub fn consequence_of(plan: &Plan, proposed: &Plan) -> Consequence {
    Consequence {
        schedule: schedule_consequence(plan, proposed),
        cost_before: planned_costs(plan).into_iter().sum(),
        cost_after: planned_costs(proposed).into_iter().sum(),
    }
}

/// Approving: one step that makes the changes (merged as Compare merges them), records
/// the decision (by `decided_by`, else the Accountable person of the first changed task),
/// and marks the request approved on `today`. Refused with every reason when it no
/// longer applies.
pub fn approve(
    plan: &Plan,
    id: &ChangeRequestId,
    decided_by: Option<PersonId>,
    today: NaiveDate,
) -> Result<Command, Vec<String>> {
    let request = plan.change_request(id).ok_or_else(|| vec![format!("change request {id} does not exist")])?;
    if request.status != ChangeStatus::Proposed {
        return Err(vec![format!("{id} is already {}", request.status.label())]);
    }
    let proposed = proposed_plan(plan, request)?;
    let compared = diff(plan, &proposed);
    let merged = merge(plan, &compared, &Selection::all(&compared)).map_err(|error| vec![error.to_string()])?;
    // The merge takes the task costs too, as Compare does.
    let mut steps = vec![merged.command];
    let changed: Vec<TaskId> =
        request.tasks.iter().filter_map(|change| change.after.as_ref()).map(|task| task.id.clone()).collect();
    let mut decision = new_decision(plan, format!("Approved {id}: {}", request.title), changed, today);
    if decided_by.is_some() {
        decision.decided_by_name = decided_by
            .as_ref()
            .and_then(|person| plan.person(person.as_str()))
            .map(|person| person.name.clone())
            .unwrap_or_default();
        decision.decided_by = decided_by;
    }
    decision.options = format!("Approve or reject change request {id}.");
    decision.rationale = request.reason.clone();
    let approved = ChangeRequest {
        status: ChangeStatus::Approved,
        decided: Some(today.max(request.raised)),
        decision: Some(decision.id.clone()),
        ..request.clone()
    };
    steps.push(Command::AddLogEntry { entry: LogEntry::Decision(decision), index: None });
    steps.push(Command::UpdateChangeRequest(approved));
    Ok(Command::Batch(steps))
}

/// Rejecting, with why: the request is kept, marked rejected on `today`.
pub fn reject(plan: &Plan, id: &ChangeRequestId, why: &str, today: NaiveDate) -> Result<Command, String> {
    let request = plan.change_request(id).ok_or_else(|| format!("change request {id} does not exist"))?;
    if why.trim().is_empty() {
        return Err("say why it is rejected".into());
    }
    Ok(Command::UpdateChangeRequest(ChangeRequest {
        status: ChangeStatus::Rejected,
        decided: Some(today.max(request.raised)),
        rejection: why.trim().to_string(),
        ..request.clone()
    }))
}
