//! The commands on external links (a task of this plan waiting on a task of another
//! plan): each checked with the rules the file reader uses, each returning its undo.

use super::command::{unknown_task, Command};
use super::validate::{check_external_dependency_fields, links_to_itself};
use super::{ExternalDependency, KnownTask, Plan, PlanId, TaskId};
use super::{Item, ModelError};

/// Puts `dependency` at `index` in the list (the end, or its old place on an undo).
pub(super) fn insert(plan: &mut Plan, dependency: ExternalDependency, index: usize) -> Result<Command, ModelError> {
    check(plan, &dependency)?;
    if position(plan, &dependency.plan, &dependency.predecessor, &dependency.successor).is_some() {
        return Err(ModelError::AlreadyExists(external_link_item(&dependency)));
    }
    let undo = Command::RemoveExternalDependency {
        plan: dependency.plan.clone(),
        predecessor: dependency.predecessor.clone(),
        successor: dependency.successor.clone(),
    };
    let index = index.min(plan.external_dependencies.len());
    plan.external_dependencies.insert(index, dependency);
    Ok(undo)
}

pub(super) fn update(plan: &mut Plan, dependency: ExternalDependency) -> Result<Command, ModelError> {
    check(plan, &dependency)?;
    let index = position(plan, &dependency.plan, &dependency.predecessor, &dependency.successor)
        .ok_or_else(|| ModelError::NotFound(external_link_item(&dependency)))?;
    let old = std::mem::replace(&mut plan.external_dependencies[index], dependency);
    Ok(Command::UpdateExternalDependency(old))
}

pub(super) fn refresh(
    plan: &mut Plan,
    other: &PlanId,
    predecessor: &TaskId,
    successor: &TaskId,
    known: KnownTask,
) -> Result<Command, ModelError> {
    let index =
        position(plan, other, predecessor, successor).ok_or_else(|| not_found(other, predecessor, successor))?;
    let refreshed = ExternalDependency { known, ..plan.external_dependencies[index].clone() };
    check_external_dependency_fields(&refreshed)?;
    let old = std::mem::replace(&mut plan.external_dependencies[index], refreshed).known;
    Ok(Command::RefreshExternalDependency {
        plan: other.clone(),
        predecessor: predecessor.clone(),
        successor: successor.clone(),
        known: old,
    })
}

pub(super) fn remove(
    plan: &mut Plan,
    other: &PlanId,
    predecessor: &TaskId,
    successor: &TaskId,
) -> Result<Command, ModelError> {
    let index =
        position(plan, other, predecessor, successor).ok_or_else(|| not_found(other, predecessor, successor))?;
    let dependency = plan.external_dependencies.remove(index);
    Ok(Command::InsertExternalDependency { dependency, index })
}

/// The rules of one link in this plan: its fields, a successor here, another plan.
fn check(plan: &Plan, dependency: &ExternalDependency) -> Result<(), ModelError> {
    check_external_dependency_fields(dependency)?;
    if plan.task(dependency.successor.as_str()).is_none() {
        return Err(unknown_task("successor", &dependency.successor));
    }
    if plan.id.as_ref() == Some(&dependency.plan) {
        return Err(ModelError::Invalid { field: "plan".into(), message: links_to_itself(&dependency.plan) });
    }
    Ok(())
}

fn position(plan: &Plan, other: &PlanId, predecessor: &TaskId, successor: &TaskId) -> Option<usize> {
    plan.external_dependencies.iter().position(|link| link.links(other, predecessor, successor))
}

fn not_found(other: &PlanId, predecessor: &TaskId, successor: &TaskId) -> ModelError {
    ModelError::NotFound(Item::ExternalLink {
        plan: other.clone(),
        predecessor: predecessor.clone(),
        successor: successor.clone(),
    })
}

fn external_link_item(link: &ExternalDependency) -> Item {
    Item::ExternalLink {
        plan: link.plan.clone(),
        predecessor: link.predecessor.clone(),
        successor: link.successor.clone(),
    }
}
