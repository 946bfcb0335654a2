//! The chart's keys: the handler looks the key up in the key table (`chart::keys`, pure
//! data shared with the Keys panel and the user guide) and does the action it names. The
//! Keys panel shows the same table, with the mouse gestures.

use leptos::prelude::*;

use super::Chart;
use super::ROW_HEIGHT;
use crate::chart::keys::{action_for, KeyAction, CHART_KEYS};
use crate::model::{TaskId, TaskKind};
use crate::ui::timeline::task_actions::{
    add_task, change_duration, change_progress, edit_in_grid, indent, link_tasks, move_among_siblings, outdent,
    remove_link, remove_task, shift_start, Placement,
};

impl Chart {
    /// A key pressed on the chart; a refusal is said in its status line.
    pub fn on_key(self, event: web_sys::KeyboardEvent) {
        self.state.explained_here(self.context, || {
            // Ctrl and Cmd belong to the app (undo, redo, save).
            if event.ctrl_key() || event.meta_key() {
                return;
            }
            let Some(action) = action_for(&event.key(), event.shift_key(), event.alt_key()) else { return };
            if self.act(action) {
                event.prevent_default();
            }
        });
    }

    /// Does what a key asks; false when it does not apply here (nothing is selected), so
    /// the browser does what it would have.
    fn act(self, action: KeyAction) -> bool {
        let Chart { context, state, .. } = self;
        let selected = context.view.selected_task.get_untracked();
        match (action, selected) {
            (KeyAction::ToggleHelp, _) => state.help_open.update(|open| *open = !*open),
            (KeyAction::Cancel, _) => self.cancel(),
            (
                KeyAction::SelectPrevious | KeyAction::SelectNext | KeyAction::SelectFirst | KeyAction::SelectLast,
                selected,
            ) => {
                return self.select(action, selected);
            }
            (KeyAction::NewTask | KeyAction::NewSubtask, selected) => {
                let placement = match selected {
                    Some(id) if action == KeyAction::NewSubtask => Placement::Under(id),
                    Some(id) => Placement::After(id),
                    None => Placement::End,
                };
                add_task(context, TaskKind::Task, placement);
            }
            (KeyAction::NewMilestone, selected) => {
                add_task(context, TaskKind::Milestone, selected.map(Placement::After).unwrap_or(Placement::End))
            }
            (KeyAction::Delete, selected) => match (state.selected_link.get_untracked(), selected) {
                (Some((from, to)), _) => {
                    state.selected_link.set(None);
                    remove_link(context, &from, &to);
                }
                (None, Some(id)) => remove_task(context, &id),
                (None, None) => return false,
            },
            (_, Some(id)) => self.act_on_task(action, id),
            (_, None) => return false,
        }
        true
    }

    /// The keys that act on the selected task.
    fn act_on_task(self, action: KeyAction, id: TaskId) {
        let Chart { context, state, .. } = self;
        match action {
            KeyAction::MoveEarlier | KeyAction::MoveLater => {
                shift_start(context, &id, if action == KeyAction::MoveLater { 1 } else { -1 });
                self.reveal_selected();
            }
            KeyAction::Shorten | KeyAction::Lengthen => {
                change_duration(context, &id, if action == KeyAction::Lengthen { 1 } else { -1 });
                self.reveal_selected();
            }
            KeyAction::LessProgress => change_progress(context, &id, -10),
            KeyAction::MoreProgress => change_progress(context, &id, 10),
            KeyAction::Confirm => match state.link_from.get_untracked() {
                Some(from) => {
                    state.link_from.set(None);
                    link_tasks(context, &from, &id);
                }
                None => edit_in_grid(context, &id),
            },
            KeyAction::Indent => indent(context, &id),
            KeyAction::Outdent => outdent(context, &id),
            KeyAction::MoveUp | KeyAction::MoveDown => move_among_siblings(context, &id, action == KeyAction::MoveUp),
            KeyAction::ToggleSubtasks => {
                let is_summary = context
                    .document
                    .plan
                    .with_untracked(|plan| plan.tasks.iter().any(|task| task.parent.as_ref() == Some(&id)));
                if is_summary {
                    context.toggle_collapsed(&id);
                }
            }
            KeyAction::StartLink => {
                state.selected_link.set(None);
                state.link_from.set(Some(id));
            }
            KeyAction::NextLink => self.select_next_link(&id),
            _ => {}
        }
    }

    /// Escape: cancels a drag or a link, closes the keys panel, then clears the selection.
    fn cancel(self) {
        let state = self.state;
        if state.drag.get_untracked().is_some() {
            state.drag.set(None);
        } else if state.link_from.get_untracked().is_some() {
            state.link_from.set(None);
        } else if state.help_open.get_untracked() {
            state.help_open.set(false);
        } else if state.selected_link.get_untracked().is_some() {
            state.selected_link.set(None);
        } else {
            self.context.view.selected_task.set(None);
        }
    }

    /// Selects the task above, below, first or last, and keeps it in view; false when
    /// there are no rows.
    fn select(self, action: KeyAction, selected: Option<TaskId>) -> bool {
        let Chart { context, state, geometry } = self;
        let ids = visible_ids(self);
        if ids.is_empty() {
            return false;
        }
        let current = selected.and_then(|id| ids.iter().position(|candidate| *candidate == id));
        let next = match (action, current) {
            (KeyAction::SelectFirst, _) => 0,
            (KeyAction::SelectLast, _) => ids.len() - 1,
            (KeyAction::SelectPrevious, Some(row)) => row.saturating_sub(1),
            (KeyAction::SelectNext, Some(row)) => (row + 1).min(ids.len() - 1),
            // Nothing selected yet: start from the first row in view.
            _ => geometry.drawn.with_untracked(|drawn| {
                drawn
                    .rows
                    .iter()
                    .map(|row| row.bar.row)
                    .find(|&row| row as f64 * ROW_HEIGHT >= state.scroll.get_untracked().1)
                    .unwrap_or(0)
            }),
        };
        state.selected_link.set(None);
        context.view.selected_task.set(Some(ids[next].clone()));
        self.reveal_selected();
        true
    }

    /// K: selects the task's next link, or says it has none.
    fn select_next_link(self, id: &TaskId) {
        let Chart { context, state, .. } = self;
        let links: Vec<(TaskId, TaskId)> = context.document.plan.with_untracked(|plan| {
            plan.dependencies
                .iter()
                .filter(|link| link.predecessor == *id || link.successor == *id)
                .map(|link| (link.predecessor.clone(), link.successor.clone()))
                .collect()
        });
        if links.is_empty() {
            context.refuse(format!("{id} has no links"));
        } else {
            let current = state
                .selected_link
                .get_untracked()
                .and_then(|link| links.iter().position(|candidate| *candidate == link));
            state.selected_link.set(Some(links[current.map_or(0, |at| (at + 1) % links.len())].clone()));
        }
    }
}

/// The ids of the rows as shown, in order (for moving the selection by key).
fn visible_ids(chart: Chart) -> Vec<TaskId> {
    let context = chart.context;
    context.document.plan.with_untracked(|plan| {
        context.derived.outline.with_untracked(|rows| rows.iter().map(|row| plan.tasks[row.index].id.clone()).collect())
    })
}

/// Mouse gestures of the chart, shown in its Keys panel.
const CHART_GESTURES: &[(&str, &str)] = &[
    ("Drag a bar", "move it (sets its “not before” date)"),
    ("Drag a bar's right end", "change its duration"),
    ("Drag the handle under the bar", "set its progress"),
    ("Drag the dot after a bar onto another bar", "link them: the other starts after this one finishes"),
    ("Click a link", "select it; Delete removes it"),
];

/// The Keys panel's tables: the chart's keys (the key table) and mouse gestures (a part
/// fetched when first shown, `parts::chart_help`).
pub fn chart_help() -> AnyView {
    view! {
        <div class="gantt__help-columns">
            <table class="table gantt__help-table">
                <caption>"With the chart focused (click it or Tab to it)"</caption>
                <tbody>
                    {CHART_KEYS.iter().map(|binding| view! { <tr><th scope="row"><kbd>{binding.keys}</kbd></th><td>{binding.description}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <table class="table gantt__help-table">
                <caption>"With the mouse"</caption>
                <tbody>
                    {CHART_GESTURES.iter().map(|(gesture, action)| view! { <tr><th scope="row">{*gesture}</th><td>{*action}</td></tr> }).collect_view()}
                    <tr><th scope="row">"Ctrl+Z, Ctrl+Shift+Z"</th><td>"undo, redo (a drag is one step)"</td></tr>
                </tbody>
            </table>
        </div>
        <p class="gantt__help-note">"Summary bars take their dates and progress from their subtasks, so they do not drag; link to or from them instead. A bar moved earlier than its predecessors allow stays where they put it, and the app says why."</p>
    }
    .into_any()
}
