//! The view part: what this tab shows (page, selection, collapsed summaries, the baseline
//! chosen) and whether a field holds text in progress.

use leptos::prelude::*;

use super::{Notice, Page, PlanContext};

/// What this tab shows. Cheap to copy: all fields are handles.
#[derive(Clone, Copy)]
pub struct ViewState {
    pub page: RwSignal<Page>,
    /// Summary tasks whose subtasks are hidden (in this tab only).
    pub collapsed: RwSignal<crate::model::hashing::IdSet<crate::model::TaskId>>,
    /// The task selected on the chart or in the grid (in this tab only).
    pub selected_task: RwSignal<Option<crate::model::TaskId>>,
    /// The risk open in the register's side panel (in this tab only).
    pub selected_risk: RwSignal<Option<crate::model::RiskId>>,
    /// The entry open in the Log's side panel (in this tab only).
    pub selected_log: RwSignal<Option<crate::model::LogEntryId>>,
    /// The baseline the timeline compares with: a chosen one, or (`None`) the latest.
    pub baseline_choice: RwSignal<Option<crate::model::BaselineId>>,
    /// Whether a field holds text the plan does not have yet: typed and not yet
    /// committed, or refused and kept for correction (`typing.rs` follows the fields).
    pub typing: RwSignal<bool>,
    /// How many edits were refused in this tab (see `refuse`).
    pub(super) refusals: StoredValue<u64, LocalStorage>,
}

impl ViewState {
    pub(super) fn new() -> Self {
        Self {
            page: RwSignal::new(Page::Timeline),
            collapsed: RwSignal::new(crate::model::hashing::IdSet::default()),
            selected_task: RwSignal::new(None),
            selected_risk: RwSignal::new(None),
            selected_log: RwSignal::new(None),
            baseline_choice: RwSignal::new(None),
            typing: RwSignal::new(false),
            refusals: StoredValue::new_local(0),
        }
    }
}

impl PlanContext {
    /// Shows a refusal for an edit that failed before it became a command (a field
    /// that does not parse, for example). Every refusal of a field's text goes through
    /// here or `dispatch`: that is how the header knows the field still holds text the
    /// plan does not have (`typing.rs`).
    pub fn refuse(&self, message: impl Into<String>) {
        self.view.refusals.update_value(|count| *count += 1);
        self.session.notice.set(Some(Notice::error(format!("Not changed: {}.", message.into()), Vec::new())));
    }

    /// How many edits were refused so far in this tab.
    pub(crate) fn refusal_count(&self) -> u64 {
        self.view.refusals.get_value()
    }

    /// Shows a view, as its tab, Alt+digit or an address do: the focused field commits
    /// first (its view is about to go), and news given on the view left goes with it
    /// (`Notice::follows_to_other_views`).
    pub fn show_page(&self, page: Page) {
        crate::ui::focus::leave_focused_field();
        let news = self
            .session
            .notice
            .with_untracked(|notice| notice.as_ref().is_some_and(|notice| !notice.follows_to_other_views()));
        if news && self.view.page.get_untracked() != page {
            self.session.notice.set(None);
        }
        self.view.page.set(page);
    }

    /// A task, risk or log entry an undo or redo took away is no longer selected.
    pub(super) fn forget_selection_of_removed(&self) {
        let (task_gone, risk_gone, log_gone) = self.document.plan.with_untracked(|plan| {
            (
                self.view
                    .selected_task
                    .with_untracked(|id| id.as_ref().is_some_and(|id| plan.task(id.as_str()).is_none())),
                self.view
                    .selected_risk
                    .with_untracked(|id| id.as_ref().is_some_and(|id| plan.risk(id.as_str()).is_none())),
                self.view.selected_log.with_untracked(|id| id.as_ref().is_some_and(|id| plan.log_entry(id).is_none())),
            )
        });
        if task_gone {
            self.view.selected_task.set(None);
        }
        if risk_gone {
            self.view.selected_risk.set(None);
        }
        if log_gone {
            self.view.selected_log.set(None);
        }
    }

    /// Shows or hides a summary task's subtasks.
    pub fn toggle_collapsed(&self, id: &crate::model::TaskId) {
        self.view.collapsed.update(|collapsed| {
            if !collapsed.remove(id) {
                collapsed.insert(id.clone());
            }
        });
    }
}
