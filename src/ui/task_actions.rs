//! Edits of tasks shared by the task grid, the chart and their keys. Each is one
//! command, so one undo step, sent through the plan's one door.

use leptos::prelude::*;

use super::state::{Notice, PlanContext};
use super::widgets::focus_when_drawn;
use crate::chart::DragEdit;
use crate::model::dates::format_iso_date;
use crate::model::outline::siblings;
use crate::model::{Command, Dependency, DependencyKind, Task, TaskId, TaskKind};

/// Where a new task goes in the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Last, at the top level.
    End,
    /// Just after a task and its subtasks, at the same level.
    After(TaskId),
    /// Last among a task's subtasks.
    Under(TaskId),
}

/// Height of a task grid row in pixels (CSS sets the same).
pub const GRID_ROW_HEIGHT: f64 = 40.0;

pub fn update_task(context: PlanContext, id: &TaskId, change: impl FnOnce(&mut Task)) -> bool {
    let Some(mut task) = context.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else { return false };
    change(&mut task);
    context.dispatch(Command::UpdateTask(task)).is_ok()
}

/// Adds a task or milestone, selects it, and puts the cursor in its name.
pub fn add_task(context: PlanContext, kind: TaskKind, placement: Placement) {
    let (id, index, parent) = context.plan.with_untracked(|plan| {
        let after_subtree = |id: &TaskId| plan.task_index(id.as_str()).map(|index| index + plan.subtree_len(index));
        let (index, parent) = match &placement {
            Placement::End => (None, None),
            Placement::After(id) => (after_subtree(id), plan.task(id.as_str()).and_then(|task| task.parent.clone())),
            Placement::Under(id) => (after_subtree(id), Some(id.clone())),
        };
        (plan.next_task_id(), index, parent)
    });
    if let (TaskKind::Milestone, Placement::Under(parent)) = (kind, &placement) {
        if context
            .plan
            .with_untracked(|plan| plan.task(parent.as_str()).is_some_and(|task| task.kind == TaskKind::Milestone))
        {
            return context.refuse(format!("{parent} is a milestone and cannot have subtasks"));
        }
    }
    let mut task = Task::new(id.clone(), if kind == TaskKind::Milestone { "New milestone" } else { "New task" });
    task.kind = kind;
    if kind == TaskKind::Milestone {
        task.duration = 0;
    }
    if let Some(parent) = &parent {
        context.collapsed.update(|collapsed| {
            collapsed.remove(parent);
        });
    }
    task.parent = parent;
    if context.dispatch(Command::AddTask { task, index }).is_ok() {
        context.selected_task.set(Some(id.clone()));
        reveal_in_grid(context, &id);
        // A new task's placeholder name is selected, so typing replaces it.
        focus_when_drawn(format!("[data-task-name='{id}']"), true);
    }
}

/// Scrolls the task grid so the task's row is in view.
pub fn reveal_in_grid(context: PlanContext, id: &TaskId) {
    let row = context.plan.with_untracked(|plan| {
        context.outline.with_untracked(|rows| rows.iter().position(|row| plan.tasks[row.index].id == *id))
    });
    let grid = document().query_selector(".timeline-page .grid-scroll").ok().flatten();
    if let (Some(row), Some(grid)) = (row, grid) {
        let top = row as f64 * GRID_ROW_HEIGHT;
        let height = grid.client_height() as f64;
        let current = grid.scroll_top() as f64;
        if top < current || top + GRID_ROW_HEIGHT * 2.0 > current + height {
            grid.set_scroll_top((top - height / 2.0).max(0.0) as i32);
        }
    }
}

/// Puts the cursor in the task's name in the grid.
pub fn edit_in_grid(context: PlanContext, id: &TaskId) {
    reveal_in_grid(context, id);
    focus_when_drawn(format!("[data-task-name='{id}']"), true);
}

pub fn indent(context: PlanContext, id: &TaskId) {
    let new_parent = context.plan.with_untracked(|plan| {
        let index = plan.task_index(id.as_str())?;
        let list = siblings(plan, index);
        let position = list.iter().position(|&sibling| sibling == index)?;
        position.checked_sub(1).map(|previous| plan.tasks[list[previous]].id.clone())
    });
    match new_parent {
        Some(parent) => {
            context.collapsed.update(|collapsed| {
                collapsed.remove(&parent);
            });
            update_task(context, id, |task| task.parent = Some(parent));
        }
        None => context.refuse(format!("{id} has no task above it at its level to go under")),
    }
}

pub fn outdent(context: PlanContext, id: &TaskId) {
    let grandparent = context.plan.with_untracked(|plan| {
        let parent = plan.task(id.as_str())?.parent.clone()?;
        Some(plan.task(parent.as_str()).and_then(|parent| parent.parent.clone()))
    });
    match grandparent {
        Some(grandparent) => {
            update_task(context, id, |task| task.parent = grandparent);
        }
        None => context.refuse(format!("{id} is already at the top level")),
    }
}

pub fn move_among_siblings(context: PlanContext, id: &TaskId, up: bool) {
    let command = context.plan.with_untracked(|plan| {
        let index = plan.task_index(id.as_str())?;
        let list = siblings(plan, index);
        let position = list.iter().position(|&sibling| sibling == index)?;
        if up {
            let previous = list.get(position.checked_sub(1)?)?;
            Some(Command::MoveTask { id: id.clone(), index: *previous })
        } else {
            let next = *list.get(position + 1)?;
            Some(Command::MoveTask { id: plan.tasks[next].id.clone(), index })
        }
    });
    match command {
        Some(command) => {
            let _ = context.dispatch(command);
        }
        None => context.refuse(format!("{id} is already {} among its siblings", if up { "first" } else { "last" })),
    }
}

/// Deletes a task with its subtasks; undo brings them back.
pub fn remove_task(context: PlanContext, id: &TaskId) {
    if context.dispatch(Command::RemoveTask(id.clone())).is_ok() {
        if context.selected_task.get_untracked().as_ref() == Some(id) {
            context.selected_task.set(None);
        }
        context.notice.set(Some(Notice::info(format!("Deleted {id}. Undo (Ctrl+Z) brings it back."))));
    }
}

/// Applies what a drag on the chart (or a key) asks of a task.
pub fn apply_drag_edit(context: PlanContext, id: &TaskId, edit: DragEdit) {
    // A press that ends where it started (a click with a little movement) changes nothing:
    // it must not pin the task to its current date.
    let unchanged = context.plan.with_untracked(|plan| {
        let task = plan.task(id.as_str())?;
        Some(match edit {
            DragEdit::StartNoEarlierThan(date) => {
                task.start_no_earlier_than == Some(date)
                    || scheduled_start(context, id).is_some_and(|(start, _)| start == date)
            }
            DragEdit::Duration(days) => task.duration == days,
            DragEdit::Progress(percent) => task.progress == percent,
        })
    });
    if unchanged != Some(false) {
        return;
    }
    let changed = update_task(context, id, |task| match edit {
        DragEdit::StartNoEarlierThan(date) => task.start_no_earlier_than = Some(date),
        DragEdit::Duration(days) => task.duration = days,
        DragEdit::Progress(percent) => task.progress = percent,
    });
    if let (true, DragEdit::StartNoEarlierThan(asked)) = (changed, edit) {
        explain_held_start(context, id, asked);
    }
}

/// Says so when a task asked to start on a date starts later, because of its links.
fn explain_held_start(context: PlanContext, id: &TaskId, asked: chrono::NaiveDate) {
    let held = context.plan.with_untracked(|plan| {
        context.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let start = schedule.start_date(plan.task_index(id.as_str())?);
            (start > asked).then(|| {
                let predecessors: Vec<&str> = plan
                    .dependencies
                    .iter()
                    .filter(|link| link.successor == *id)
                    .map(|link| link.predecessor.as_str())
                    .collect();
                (start, predecessors.join(", "))
            })
        })
    });
    if let Some((start, predecessors)) = held {
        let because = if predecessors.is_empty() {
            "its summary's links hold it".to_string()
        } else {
            format!("its predecessors ({predecessors}) hold it")
        };
        context.notice.set(Some(Notice::info(format!(
            "{id} is set to start no earlier than {}, but starts {}: {because}.",
            format_iso_date(asked),
            format_iso_date(start)
        ))));
    }
}

/// The task's scheduled start and working-day number, with the calendar.
fn scheduled_start(context: PlanContext, id: &TaskId) -> Option<(chrono::NaiveDate, crate::schedule::WorkingCalendar)> {
    context.plan.with_untracked(|plan| {
        context.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let index = plan.task_index(id.as_str())?;
            Some((schedule.start_date(index), schedule.calendar.clone()))
        })
    })
}

/// Moves a task by whole working days (sets its "not before" date).
pub fn shift_start(context: PlanContext, id: &TaskId, working_days: i64) {
    let Some((start, calendar)) = scheduled_start(context, id) else {
        return context.refuse("the plan cannot be scheduled, so the task has no date to move from");
    };
    if is_summary(context, id) {
        return context.refuse(format!("{id} is a summary: it takes its dates from its subtasks"));
    }
    apply_drag_edit(context, id, DragEdit::StartNoEarlierThan(calendar.add_working_days(start, working_days)));
}

/// Lengthens or shortens a task by whole working days (at least one).
pub fn change_duration(context: PlanContext, id: &TaskId, working_days: i64) {
    let Some(task) = context.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else { return };
    if task.kind == TaskKind::Milestone || is_summary(context, id) {
        return context.refuse(format!("{id} has no duration of its own to change"));
    }
    let days = (i64::from(task.duration) + working_days).clamp(1, i64::from(crate::model::validate::MAX_WORKING_DAYS));
    apply_drag_edit(context, id, DragEdit::Duration(days as u32));
}

/// Raises or lowers a task's percent done.
pub fn change_progress(context: PlanContext, id: &TaskId, percent: i32) {
    let Some(task) = context.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else { return };
    if task.kind == TaskKind::Milestone || is_summary(context, id) {
        return context.refuse(format!("{id} takes its progress from its subtasks or has none"));
    }
    let progress = (i32::from(task.progress) + percent).clamp(0, 100);
    apply_drag_edit(context, id, DragEdit::Progress(progress as u8));
}

fn is_summary(context: PlanContext, id: &TaskId) -> bool {
    context.plan.with_untracked(|plan| plan.tasks.iter().any(|task| task.parent.as_ref() == Some(id)))
}

/// Makes `successor` wait for `predecessor` to finish; a cycle is refused with its tasks named.
pub fn link_tasks(context: PlanContext, predecessor: &TaskId, successor: &TaskId) -> bool {
    if predecessor == successor {
        context.refuse(format!("a task cannot depend on itself ({predecessor})"));
        return false;
    }
    let exists = context.plan.with_untracked(|plan| {
        plan.dependencies.iter().any(|link| link.predecessor == *predecessor && link.successor == *successor)
    });
    if exists {
        context.refuse(format!("{predecessor} → {successor} is already linked"));
        return false;
    }
    let dependency =
        Dependency { predecessor: predecessor.clone(), successor: successor.clone(), kind: DependencyKind::FS, lag: 0 };
    let linked = context.dispatch(Command::AddDependency(dependency)).is_ok();
    if linked {
        context.notice.set(Some(Notice::info(format!(
            "Linked {predecessor} → {successor}: {successor} starts after {predecessor} finishes."
        ))));
    }
    linked
}

pub fn remove_link(context: PlanContext, predecessor: &TaskId, successor: &TaskId) {
    let command = Command::RemoveDependency { predecessor: predecessor.clone(), successor: successor.clone() };
    if context.dispatch(command).is_ok() {
        context.notice.set(Some(Notice::info(format!(
            "Removed the link {predecessor} → {successor}. Undo (Ctrl+Z) brings it back."
        ))));
    }
}
