//! The document part: the open plan, its storage id and its undo history, and the edits
//! through the one door (`dispatch`), undo and redo.

use leptos::prelude::*;

use super::{Notice, PlanContext};
use crate::model::{apply, Command, ModelError, Plan};
use crate::session::history::{History, Step};
use crate::session::save_protocol::SaveEvent;
use crate::storage::{self, LocalStore};

/// The question undo asks before it would remove a plan imported in this tab, and then
/// the way back once it has (shown by the banners until answered or dismissed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportQuestion {
    /// Undo reached the state the plan was imported in: remove the plan from the browser?
    Remove {
        /// The plan's name.
        name: String,
        /// The file it was imported from.
        file_name: String,
        /// The edits undone since the import, which leave with it.
        edits: usize,
    },
    /// The plan was removed; redo brings it back.
    Removed {
        /// The plan's name.
        name: String,
    },
}

/// The open plan and its undo history. Cheap to copy: all fields are handles.
#[derive(Clone, Copy)]
pub struct DocumentState {
    /// The open plan.
    pub plan: RwSignal<Plan>,
    /// The storage id of the open plan; `None` shows the start screen.
    pub plan_id: RwSignal<Option<String>>,
    /// How many undo and redo steps there are.
    pub history_sizes: RwSignal<(usize, usize)>,
    /// The question undo asks before removing an imported plan, or the way back after.
    pub import_question: RwSignal<Option<ImportQuestion>>,
    /// The task the last edit changed, when it changed one task (for the live region that
    /// says what the edit did to the schedule, `announce.rs`); `None` after undo and redo.
    pub(crate) last_edited: StoredValue<Option<crate::model::TaskId>, LocalStorage>,
    pub(super) history: StoredValue<History, LocalStorage>,
    /// Whether the open plan has edits that `Plan::stamp_revision` has not yet recorded
    /// (the plan's own revision count, in the file; not the storage revision of the save
    /// protocol).
    pub(super) unstamped: StoredValue<bool, LocalStorage>,
}

impl DocumentState {
    pub(super) fn new() -> Self {
        Self {
            plan: RwSignal::new(crate::session::new_plan(storage::today())),
            plan_id: RwSignal::new(None),
            history_sizes: RwSignal::new((0, 0)),
            import_question: RwSignal::new(None),
            last_edited: StoredValue::new_local(None),
            history: StoredValue::new_local(History::default()),
            unstamped: StoredValue::new_local(false),
        }
    }
}

impl PlanContext {
    /// Applies an edit through the one door; on refusal shows why and changes nothing.
    pub fn dispatch(&self, command: Command) -> Result<(), ModelError> {
        let edited = match &command {
            Command::UpdateTask(task) => Some(task.id.clone()),
            _ => None,
        };
        self.document.last_edited.set_value(edited);
        let result = self.document.plan.try_update(|plan| apply(plan, command)).expect("the plan signal is alive");
        match result {
            Ok(undo) => {
                self.document.history.update_value(|history| history.record(undo));
                // A refusal shown earlier is about an edit that has since been made right.
                if self.session.notice.get_untracked().is_some_and(|notice| notice.is_error) {
                    self.session.notice.set(None);
                }
                self.document.import_question.set(None);
                self.after_change();
                Ok(())
            }
            Err(error) => {
                self.view.refusals.update_value(|count| *count += 1);
                self.session.notice.set(Some(Notice::error(format!("Not changed: {error}."), Vec::new())));
                Err(error)
            }
        }
    }

    /// Takes the latest edit back. Below the first state of a plan imported in this tab,
    /// it asks before removing the plan (`import_question`).
    pub fn undo(&self) {
        match self.document.history.with_value(History::next_undo) {
            Step::Applied => self.step_history(true),
            Step::AskToRemoveImport { edits } => self.ask_to_remove_import(edits),
            _ => {}
        }
    }

    /// Makes the latest undone edit again, or brings back an import undo removed.
    pub fn redo(&self) {
        match self.document.history.with_value(History::next_redo) {
            Step::Applied => self.step_history(false),
            // Rare: the code is a part, fetched the first time (parts.rs).
            Step::BringBackImport => {
                crate::ui::parts::run(*self, "the plan to bring back", Box::pin(bring_back_import(*self)))
            }
            _ => {}
        }
    }

    fn step_history(&self, undo: bool) {
        self.document.last_edited.set_value(None);
        let step = self
            .document
            .history
            .try_update_value(|history| {
                self.document.plan.try_update(|plan| if undo { history.undo(plan) } else { history.redo(plan) })
            })
            .flatten();
        match step {
            Some(Step::Applied) => {
                // What the last message said ("Removed the link ...") no longer holds.
                self.session.notice.set(None);
                self.document.import_question.set(None);
                self.forget_selection_of_removed();
                self.after_change();
            }
            Some(Step::Refused(error)) => self.session.notice.set(Some(Notice::error(
                format!("Could not {}: {error}.", if undo { "undo" } else { "redo" }),
                Vec::new(),
            ))),
            _ => {}
        }
    }

    fn after_change(&self) {
        self.document.unstamped.set_value(true);
        self.refresh_history_sizes();
        // Saves soon: edits in quick succession make one save.
        self.feed(SaveEvent::Edited);
    }

    pub(super) fn refresh_history_sizes(&self) {
        self.document.history_sizes.set(self.document.history.with_value(History::sizes));
    }

    fn ask_to_remove_import(&self, edits: usize) {
        let Some((name, file_name)) = self
            .document
            .history
            .with_value(|history| history.import().map(|import| (import.name.clone(), import.file_name.clone())))
        else {
            return;
        };
        self.document.import_question.set(Some(ImportQuestion::Remove { name, file_name, edits }));
    }

    /// Takes back the import of the open plan, as the user agreed to: the plan leaves
    /// the browser and the plan open before it returns; redo brings it back.
    pub fn remove_import(&self) {
        let plan = self.document.plan.get_untracked();
        let name = plan.name.clone();
        let Some(removed) =
            self.document.history.try_update_value(|history| history.take_import_for_removal(plan)).flatten()
        else {
            return;
        };
        // Its edits leave with it, as the user agreed: nothing of it is saved again.
        self.feed(SaveEvent::Discard);
        self.delete_stored(&removed.import.plan_id);
        if let Some(previous) = &removed.import.previous {
            self.open_stored(previous);
        }
        self.document.history.set_value(History::after_removing(removed));
        self.refresh_history_sizes();
        self.document.import_question.set(Some(ImportQuestion::Removed { name }));
    }

    /// Redo of a removed import: the plan comes back as a stored plan, as it was.
    pub(crate) fn bring_back_import(&self) {
        let Some(mut removed) = self.document.history.try_update_value(History::take_removed_import).flatten() else {
            return;
        };
        let previous = self.document.plan_id.get_untracked();
        if !self.open_new(removed.plan.clone()) {
            self.document.history.set_value(History::after_removing(removed));
            return;
        }
        let Some(id) = self.document.plan_id.get_untracked() else { return };
        removed.import.previous = previous;
        let name = removed.plan.name.clone();
        self.document.history.set_value(History::brought_back(removed, id));
        self.refresh_history_sizes();
        self.document.import_question.set(None);
        self.session.notice.set(Some(Notice::info(format!("\"{name}\" is back, as it was before undo removed it."))));
    }

    pub(super) fn clear_history(&self) {
        self.document.history.set_value(History::default());
        self.document.history_sizes.set((0, 0));
        self.document.unstamped.set_value(false);
        // A newly opened plan starts fully expanded, with nothing selected.
        self.view.collapsed.update(|collapsed| collapsed.clear());
        self.view.selected_task.set(None);
        self.view.selected_risk.set(None);
        self.document.import_question.set(None);
        crate::ui::panic_report::forget_last_copy();
    }

    /// Records the edits made since the last save or export in the plan itself (one more
    /// revision, modified today: `Plan::stamp_revision`), just before it is written out.
    /// Not an edit: it notifies nothing (no view shows these two fields, and the schedule
    /// and views need not be redrawn for them) and no undo takes it back.
    pub(crate) fn stamp_if_edited(&self) {
        if self.document.unstamped.get_value() {
            self.document.unstamped.set_value(false);
            let author = self.with_store(LocalStore::author_name).flatten();
            self.document.plan.update_untracked(|plan| {
                plan.stamp_revision(storage::today());
                plan.saved_by = author;
            });
        }
    }
}

crate::ui::parts::on_demand! { notices:
    /// Redo after undo took an import back: the plan comes back (a part: rare).
    fn bring_back_import(context: PlanContext) -> () {
        context.bring_back_import()
    }
}
