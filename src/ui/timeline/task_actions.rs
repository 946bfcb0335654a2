//! Edits of tasks shared by the task grid, the chart and their keys. Each is one
//! command, so one undo step, sent through the plan's one door.

use leptos::prelude::*;

use super::gantt::ROW_HEIGHT;

use super::task_grid::{focus_name_when_drawn, Caret};
use crate::chart::DragEdit;
use crate::model::dates::format_iso_date;
use crate::model::outline::siblings;
use crate::model::predecessors::{parse_predecessors, predecessor_changes};
use crate::model::{Command, ConstraintKind, DateConstraint, Dependency, DependencyKind, Plan, Task, TaskId, TaskKind};
use crate::ui::state::{Notice, PlanContext};
use crate::ui::widgets::refused;

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

impl Placement {
    /// After the selected task, at its level (as the N key places one), or last when
    /// none is selected.
    pub fn after_selection(context: PlanContext) -> Self {
        context.view.selected_task.get_untracked().map_or(Placement::End, Placement::After)
    }
}

/// Changes a task through the plan's door; a refusal shows in the page's notice (for an
/// edit on the chart, which has no field to show it by).
pub fn update_task(context: PlanContext, id: &TaskId, change: impl FnOnce(&mut Task)) -> bool {
    let Some(mut task) = context.document.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else {
        return false;
    };
    change(&mut task);
    context.dispatch(Command::UpdateTask(task)).is_ok()
}

/// Sends a command through the plan's door and gives back a refusal's words, for the
/// field the person works in to show them beside it. The door writes every refusal into
/// the page's notice, at the top of the page, far from the field: that notice goes back
/// to what it was.
pub fn dispatch_here(context: PlanContext, command: Command) -> Result<(), String> {
    let shown = context.session.notice.get_untracked();
    context.dispatch(command).map_err(|error| {
        context.session.notice.set(shown);
        refused(error)
    })
}

/// Changes a task from a field, which shows a refusal itself; a change that leaves the
/// task as it is sends nothing (no empty undo step).
pub fn update_task_here(context: PlanContext, id: &TaskId, change: impl FnOnce(&mut Task)) -> Result<(), String> {
    let Some(task) = context.document.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else {
        return Err(refused(format!("{id} no longer exists")));
    };
    let mut changed = task.clone();
    change(&mut changed);
    if changed == task {
        return Ok(());
    }
    dispatch_here(context, Command::UpdateTask(changed))
}

/// Gives a task a date constraint (or none) from a field, which shows a refusal itself.
pub fn set_constraint_here(
    context: PlanContext,
    id: &TaskId,
    constraint: Option<DateConstraint>,
) -> Result<(), String> {
    let current = context.document.plan.with_untracked(|plan| plan.task(id.as_str()).map(Task::date_constraint));
    if current == Some(constraint) {
        return Ok(());
    }
    dispatch_here(context, Command::SetTaskConstraint { task: id.clone(), constraint })
}

/// Makes a task's predecessors the list typed in its Predecessors cell (`3FS+2d, T7SS`):
/// one undo step, or nothing and the reason when any part is refused.
pub fn set_predecessors(context: PlanContext, id: &TaskId, text: &str) -> Result<(), String> {
    let commands = context.document.plan.with_untracked(|plan| {
        let wanted = parse_predecessors(plan, id, text).map_err(refused)?;
        Ok::<_, String>(predecessor_changes(plan, id, &wanted))
    })?;
    if commands.is_empty() {
        return Ok(());
    }
    dispatch_here(context, Command::Batch(commands))
}

/// Adds a task or milestone, selects it, and puts the cursor in its name.
pub fn add_task(context: PlanContext, kind: TaskKind, placement: Placement) {
    let (id, index, parent) = context.document.plan.with_untracked(|plan| {
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
            .document
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
        context.view.collapsed.update(|collapsed| {
            collapsed.remove(parent);
        });
    }
    task.parent = parent;
    if context.dispatch(Command::AddTask { task, index }).is_ok() {
        select_and_name(context, id);
    }
}

/// Selects a new task and puts the cursor in its name, its placeholder selected so
/// typing replaces it.
fn select_and_name(context: PlanContext, id: TaskId) {
    context.view.selected_task.set(Some(id.clone()));
    reveal_in_grid(context, &id);
    focus_name_when_drawn(id, Caret::SelectAll);
}

/// Adds a workstream: a top-level summary with a first subtask, so it is ready to take
/// more (one undo step). It comes after the selected task's workstream, or last.
pub fn add_workstream(context: PlanContext) {
    let (id, subtask_id, index) = context.document.plan.with_untracked(|plan| {
        let selected = context.view.selected_task.get_untracked().and_then(|id| plan.task_index(id.as_str()));
        let top_level = selected.map(|mut index| {
            while let Some(parent) =
                plan.tasks[index].parent.as_ref().and_then(|parent| plan.task_index(parent.as_str()))
            {
                index = parent;
            }
            index
        });
        let id = plan.next_task_id();
        let ids = plan.tasks.iter().map(|task| task.id.as_str()).chain([id.as_str()]);
        let subtask_id = TaskId(Plan::next_id(TaskId::PREFIX, ids));
        (id, subtask_id, top_level.map(|index| index + plan.subtree_len(index)))
    });
    let workstream = Task::new(id.clone(), "New workstream");
    let subtask = Task { parent: Some(id.clone()), ..Task::new(subtask_id, "New task") };
    let add = |task: Task, index: Option<usize>| Command::AddTask { task, index };
    let commands = vec![add(workstream, index), add(subtask, index.map(|index| index + 1))];
    if context.dispatch(Command::Batch(commands)).is_ok() {
        select_and_name(context, id);
    }
}

/// Scrolls the task grid so the task's row is in view, and has the grid draw the rows
/// now in view at once (a scroll's own event comes with the next frame).
pub fn reveal_in_grid(context: PlanContext, id: &TaskId) {
    let row = context.document.plan.with_untracked(|plan| {
        context.derived.outline.with_untracked(|rows| rows.iter().position(|row| plan.tasks[row.index].id == *id))
    });
    if let (Some(row), Some(grid)) = (row, super::task_grid::grid_area()) {
        let top = row as f64 * ROW_HEIGHT;
        let height = grid.client_height() as f64;
        let current = grid.scroll_top() as f64;
        if top < current || top + ROW_HEIGHT * 2.0 > current + height {
            grid.set_scroll_top((top - height / 2.0).max(0.0) as i32);
            if let Ok(scrolled) = web_sys::Event::new("scroll") {
                let _ = grid.dispatch_event(&scrolled);
            }
        }
    }
}

/// Puts the cursor at the end of the task's name in the grid, to edit it.
pub fn edit_in_grid(context: PlanContext, id: &TaskId) {
    reveal_in_grid(context, id);
    focus_name_when_drawn(id.clone(), Caret::End);
}

/// Makes a task a subtask of the task above it at its level.
pub fn indent(context: PlanContext, id: &TaskId) {
    let new_parent = context.document.plan.with_untracked(|plan| {
        let index = plan.task_index(id.as_str())?;
        let list = siblings(plan, index);
        let position = list.iter().position(|&sibling| sibling == index)?;
        position.checked_sub(1).map(|previous| plan.tasks[list[previous]].id.clone())
    });
    match new_parent {
        Some(parent) => {
            context.view.collapsed.update(|collapsed| {
                collapsed.remove(&parent);
            });
            update_task(context, id, |task| task.parent = Some(parent));
        }
        None => context.refuse(format!("{id} has no task above it at its level to go under")),
    }
}

/// Moves a subtask up a level: its parent's parent takes it.
pub fn outdent(context: PlanContext, id: &TaskId) {
    let grandparent = context.document.plan.with_untracked(|plan| {
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

/// Moves a task before (`up`) or after the sibling next to it.
pub fn move_among_siblings(context: PlanContext, id: &TaskId, up: bool) {
    let command = context.document.plan.with_untracked(|plan| {
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
        if context.view.selected_task.get_untracked().as_ref() == Some(id) {
            context.view.selected_task.set(None);
        }
        context.session.notice.set(Some(Notice::info(format!("Deleted {id}. Undo (Ctrl+Z) brings it back."))));
    }
}

/// Applies what a drag on the chart (or a key) asks of a task.
pub fn apply_drag_edit(context: PlanContext, id: &TaskId, edit: DragEdit) {
    // A press that ends where it started (a click with a little movement) changes nothing:
    // it must not pin the task to its current date.
    let unchanged = context.document.plan.with_untracked(|plan| {
        let task = plan.task(id.as_str())?;
        Some(match edit {
            DragEdit::StartNoEarlierThan(date) => {
                task.date_constraint() == Some(start_no_earlier_than(date))
                    || scheduled_start(context, id).is_some_and(|(start, _)| start == date)
            }
            DragEdit::Duration(days) => task.duration == days,
            DragEdit::Progress(percent) => task.progress == percent,
        })
    });
    if unchanged != Some(false) {
        return;
    }
    // A move replaces whatever constraint the task had (as a drag does in MS Project):
    // through `SetTaskConstraint`, so a task with a constraint of another kind is not
    // refused for having two.
    let changed = match edit {
        DragEdit::StartNoEarlierThan(date) => context
            .dispatch(Command::SetTaskConstraint { task: id.clone(), constraint: Some(start_no_earlier_than(date)) })
            .is_ok(),
        DragEdit::Duration(days) => update_task(context, id, |task| task.duration = days),
        DragEdit::Progress(percent) => update_task(context, id, |task| task.progress = percent),
    };
    if let (true, DragEdit::StartNoEarlierThan(asked)) = (changed, edit) {
        explain_held_start(context, id, asked);
    }
}

fn start_no_earlier_than(date: chrono::NaiveDate) -> DateConstraint {
    DateConstraint { kind: ConstraintKind::StartNoEarlierThan, date }
}

/// Says so when a task asked to start on a date starts later, because of its links.
fn explain_held_start(context: PlanContext, id: &TaskId, asked: chrono::NaiveDate) {
    let held = context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
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
        context.session.notice.set(Some(Notice::info(format!(
            "{id} is set to start no earlier than {}, but starts {}: {because}.",
            format_iso_date(asked),
            format_iso_date(start)
        ))));
    }
}

/// The task's scheduled start and working-day number, with the calendar.
fn scheduled_start(context: PlanContext, id: &TaskId) -> Option<(chrono::NaiveDate, crate::schedule::WorkingCalendar)> {
    context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
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
    let Some(task) = context.document.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else { return };
    if task.kind == TaskKind::Milestone || is_summary(context, id) {
        return context.refuse(format!("{id} has no duration of its own to change"));
    }
    let days = (i64::from(task.duration) + working_days).clamp(1, i64::from(crate::model::validate::MAX_WORKING_DAYS));
    apply_drag_edit(context, id, DragEdit::Duration(days as u32));
}

/// Raises or lowers a task's percent done.
pub fn change_progress(context: PlanContext, id: &TaskId, percent: i32) {
    let Some(task) = context.document.plan.with_untracked(|plan| plan.task(id.as_str()).cloned()) else { return };
    if task.kind == TaskKind::Milestone || is_summary(context, id) {
        return context.refuse(format!("{id} takes its progress from its subtasks or has none"));
    }
    let progress = (i32::from(task.progress) + percent).clamp(0, 100);
    apply_drag_edit(context, id, DragEdit::Progress(progress as u8));
}

fn is_summary(context: PlanContext, id: &TaskId) -> bool {
    context.document.plan.with_untracked(|plan| plan.tasks.iter().any(|task| task.parent.as_ref() == Some(id)))
}

/// Makes `successor` wait for `predecessor` to finish; a cycle is refused with its tasks named.
pub fn link_tasks(context: PlanContext, predecessor: &TaskId, successor: &TaskId) -> bool {
    if predecessor == successor {
        context.refuse(format!("a task cannot depend on itself ({predecessor})"));
        return false;
    }
    let exists = context.document.plan.with_untracked(|plan| {
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
        context.session.notice.set(Some(Notice::info(format!(
            "Linked {predecessor} → {successor}: {successor} starts after {predecessor} finishes."
        ))));
    }
    linked
}

/// Removes the link between two tasks, saying that Undo brings it back.
pub fn remove_link(context: PlanContext, predecessor: &TaskId, successor: &TaskId) {
    let command = Command::RemoveDependency { predecessor: predecessor.clone(), successor: successor.clone() };
    if context.dispatch(command).is_ok() {
        context.session.notice.set(Some(Notice::info(format!(
            "Removed the link {predecessor} → {successor}. Undo (Ctrl+Z) brings it back."
        ))));
    }
}
