//! The session part: where the open plan is kept and what the user is told, and the
//! browser half of the save and two-tab protocol. The protocol's rules are pure
//! (`session::save_protocol::next`); this part feeds it the browser's events (edits, the
//! save timer, another tab's `storage` events, the user's choices) and carries out its
//! actions through `storage::LocalStore`, the notices and the signals.

use leptos::prelude::*;

use super::{Notice, PlanContext, SaveState, OPEN_STARTED_MARK};
use crate::file;
use crate::model::Plan;
use crate::session::history::History;
use crate::session::save_protocol::{self, SaveAction, SaveEvent, SaveProtocol, WriteFailure};
use crate::storage::{self, LocalStore, PlanMeta, StorageError};

/// Where the plan is kept, and what the user is told. Cheap to copy: all fields are handles.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// Where saving stands, as the save protocol (`session::save_protocol`) last left it:
    /// written only through `feed`.
    pub save_state: ReadSignal<SaveState>,
    set_save_state: WriteSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    /// The plans in local storage.
    pub plans: RwSignal<Vec<PlanMeta>>,
    /// Unreadable stored texts kept aside: (storage key, text).
    pub kept: RwSignal<Vec<(String, String)>>,
    /// The save and two-tab protocol's state (the revision this tab last loaded or
    /// saved among it); `feed` moves it on and carries out its actions.
    protocol: StoredValue<SaveProtocol, LocalStorage>,
    store: StoredValue<Option<LocalStore>, LocalStorage>,
    save_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl SessionState {
    /// Opens local storage, when this browser lets the app use it.
    pub(super) fn new() -> Self {
        let (store, protocol) = match LocalStore::open() {
            Ok(store) => (Some(store), SaveProtocol::new(Ok(()))),
            Err(error) => (None, SaveProtocol::new(Err(error.to_string()))),
        };
        let (save_state, set_save_state) = signal(protocol.status().clone());
        Self {
            save_state,
            set_save_state,
            notice: RwSignal::new(None),
            plans: RwSignal::new(Vec::new()),
            kept: RwSignal::new(Vec::new()),
            protocol: StoredValue::new_local(protocol),
            store: StoredValue::new_local(store),
            save_timer: StoredValue::new_local(None),
        }
    }
}

impl PlanContext {
    /// Runs `body` with local storage, when this browser lets the app use it.
    pub(crate) fn with_store<T>(&self, body: impl FnOnce(&LocalStore) -> T) -> Option<T> {
        self.session.store.with_value(|store| store.as_ref().map(body))
    }

    /// Reopens the plan last open, keeping aside anything that cannot be read.
    pub(super) fn start_up(&self) {
        // Where "open from storage" starts, for the browser benchmark.
        if let Some(performance) = window().performance() {
            let _ = performance.mark(OPEN_STARTED_MARK);
        }
        self.refresh_plan_list();
        let current = self.with_store(|store| store.current_plan_id()).flatten();
        if let Some(id) = current {
            self.open_stored(&id);
        }
        self.session.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
    }

    pub fn refresh_plan_list(&self) {
        self.session.plans.set(self.with_store(|store| store.list_plans()).unwrap_or_default());
    }

    /// Whether an edit waits to be saved (or failed to be, or is held by a conflict).
    pub fn has_unsaved_changes(&self) -> bool {
        self.session.protocol.with_value(SaveProtocol::has_unsaved_changes)
    }

    /// Saves the open plan now. A failure is shown and stays shown until a save works.
    /// After a panic nothing is written: the plan in memory may be half-changed.
    pub fn save_now(&self) {
        self.note_panic();
        self.feed(SaveEvent::SaveNow);
    }

    /// Tells the save protocol of a panic, once one happened: nothing is written after it.
    fn note_panic(&self) {
        if crate::ui::panic_report::has_panicked() {
            self.feed(SaveEvent::Panicked);
        }
    }

    /// Moves the save protocol on by `event` (`session::save_protocol::next`), shows its
    /// state and carries out its actions, in order.
    pub(super) fn feed(&self, event: SaveEvent) {
        let Some(state) = self.session.protocol.try_get_value() else { return };
        let (state, actions) = save_protocol::next(state, event);
        if self.session.save_state.with_untracked(|shown| shown != state.status()) {
            self.session.set_save_state.set(state.status().clone());
        }
        self.session.protocol.set_value(state);
        for action in actions {
            self.carry_out(action);
        }
    }

    fn carry_out(&self, action: SaveAction) {
        match action {
            SaveAction::ScheduleSave { delay_ms } => {
                self.cancel_timer();
                let context = *self;
                let timer = set_timeout_with_handle(
                    move || {
                        context.note_panic();
                        context.feed(SaveEvent::TimerFired);
                    },
                    std::time::Duration::from_millis(delay_ms),
                );
                self.session.save_timer.set_value(timer.ok());
            }
            SaveAction::CancelScheduledSave => self.cancel_timer(),
            SaveAction::Write { known_revision } => self.write(known_revision),
            SaveAction::KeepUnsavedCopy => {
                let (text, file_name) =
                    self.document.plan.with_untracked(|plan| (file::to_json_compact(plan), file::file_name(plan)));
                crate::ui::panic_report::keep_last_copy(file_name, text, false);
            }
            SaveAction::Reload { revision } => self.reload(revision),
            SaveAction::ShowNotice(notice) => self.session.notice.set(Some(notice)),
            SaveAction::OpenStoredVersion => {
                if let Some(id) = self.document.plan_id.get_untracked() {
                    self.open_stored(&id);
                }
            }
            SaveAction::SaveAsCopy => self.save_as_copy(),
        }
    }

    pub(super) fn cancel_timer(&self) {
        if let Some(timer) = self.session.save_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    /// Writes the open plan (its edits recorded first) over `known`, the revision this tab
    /// last loaded or saved, and tells the protocol how it went.
    fn write(&self, known: u64) {
        let Some(id) = self.document.plan_id.get_untracked() else { return };
        self.stamp_if_edited();
        let (text, name, file_name) = self
            .document
            .plan
            .with_untracked(|plan| (file::to_json_compact(plan), plan.name.clone(), file::file_name(plan)));
        let result = self.with_store(|store| {
            let meta = store.save_plan(&id, &name, &text, known)?;
            store.set_current_plan_id(Some(&id))?;
            Ok::<_, StorageError>(meta)
        });
        crate::ui::panic_report::keep_last_copy(file_name, text, matches!(result, Some(Ok(_))));
        match result {
            None => {}
            Some(Ok(meta)) => {
                let revision = meta.revision;
                // The list is newest first: the plan just saved moves to the top, without
                // reading storage again at every save.
                self.session.plans.update(|plans| {
                    plans.retain(|listed| listed.id != meta.id);
                    plans.insert(0, meta);
                });
                self.feed(SaveEvent::Written { revision });
            }
            Some(Err(error)) => self.feed(SaveEvent::WriteFailed(write_failure(error))),
        }
    }

    /// Another tab changed local storage. When it saved the open plan and this tab has
    /// no edits of its own, this tab takes the new version; when this tab has edits,
    /// the conflict is shown and nothing is saved until the user picks a version.
    pub fn on_storage_changed(&self, key: Option<String>, removed: bool) {
        let Some(key) = key else {
            // All of storage was cleared elsewhere.
            self.refresh_plan_list();
            return;
        };
        let open = self.document.plan_id.get_untracked();
        if let Some(id) = LocalStore::plan_id_of_meta_key(&key) {
            self.refresh_plan_list();
            if open.as_deref() == Some(id) && !removed {
                if let Some(revision) = self.with_store(|store| store.stored_revision(id)) {
                    self.feed(SaveEvent::OtherTabSaved { revision });
                }
            }
        } else if let Some(id) = LocalStore::plan_id_of_plan_key(&key) {
            if open.as_deref() == Some(id) && removed {
                self.feed(SaveEvent::OtherTabDeleted);
            }
        }
    }

    /// Shows the version of the open plan another tab saved (at `revision`), in place of
    /// this tab's, which has no edits of its own.
    fn reload(&self, revision: u64) {
        let Some(id) = self.document.plan_id.get_untracked() else { return };
        let text = self.with_store(|store| store.load_plan_text(&id).ok().flatten()).flatten();
        match text.map(|text| file::parse(&text)) {
            Some(Ok(plan)) => {
                self.document.plan.set(plan);
                self.document.unstamped.set_value(false);
                // Undo steps of this tab could silently revert the other tab's work.
                self.document.history.set_value(History::default());
                self.document.history_sizes.set((0, 0));
                self.document.import_question.set(None);
                crate::ui::panic_report::forget_last_copy();
                self.feed(SaveEvent::Reloaded { revision });
            }
            _ => self.feed(SaveEvent::ReloadFailed),
        }
    }

    /// Resolves a conflict by taking the version in storage (this tab's edits go).
    pub fn load_stored_version(&self) {
        if self.document.plan_id.get_untracked().is_some() {
            self.feed(SaveEvent::TakeTheirs);
        }
    }

    /// Resolves a conflict by keeping this tab's version as a new plan beside the other.
    pub fn keep_as_copy(&self) {
        self.feed(SaveEvent::KeepMine);
    }

    fn save_as_copy(&self) {
        self.stamp_if_edited();
        let mut plan = self.document.plan.get_untracked();
        plan.name = format!("{} (copy from another tab)", plan.name);
        self.open_new(plan);
        self.session.notice.set(Some(Notice::info(format!(
            "Kept this tab's version as a new plan: \"{}\".",
            self.document.plan.with_untracked(|plan| plan.name.clone())
        ))));
    }

    /// Saves the open plan before another one replaces it on screen. When its latest
    /// edits cannot be saved, it stays open and the user is told: leaving would lose them.
    pub(crate) fn flush_before_leaving(&self) -> bool {
        if self.document.plan_id.get_untracked().is_none() {
            return true;
        }
        self.flush();
        if self.session.protocol.with_value(SaveProtocol::may_leave) {
            return true;
        }
        self.refuse(
            "the open plan has changes that are not saved: export it, or choose in the banner above what to do with them",
        );
        false
    }

    /// Closes the open plan, dropping edits that could not be saved (the user asked to).
    pub fn close_without_saving(&self) {
        self.feed(SaveEvent::Discard);
        self.close();
    }

    /// Flushes a pending save (the tab is being hidden or closed).
    pub fn flush(&self) {
        self.note_panic();
        self.feed(SaveEvent::Flush);
    }

    /// Opens a plan as a new stored plan (new, example, imported, duplicated).
    /// Returns false (and says why) when the open plan could not be saved first.
    pub fn open_new(&self, plan: Plan) -> bool {
        if !self.flush_before_leaving() {
            return false;
        }
        let id = storage::new_plan_id();
        self.document.plan.set(plan);
        self.document.plan_id.set(Some(id));
        self.clear_history();
        self.note_panic();
        self.feed(SaveEvent::OpenedNew);
        true
    }

    /// Opens a stored plan; an unreadable one is kept aside and reported.
    pub fn open_stored(&self, id: &str) {
        if !self.flush_before_leaving() {
            return;
        }
        let Some(loaded) = self.with_store(|store| store.load_plan_text(id)) else { return };
        match loaded {
            Ok(Some(text)) => match file::parse(&text) {
                Ok(plan) => {
                    self.document.plan.set(plan);
                    self.document.plan_id.set(Some(id.to_string()));
                    let revision = self.with_store(|store| store.stored_revision(id)).unwrap_or(0);
                    self.feed(SaveEvent::OpenedStored { revision });
                    self.clear_history();
                    let _ = self.with_store(|store| store.set_current_plan_id(Some(id)));
                }
                Err(error) => {
                    let kept = self.with_store(|store| store.keep_aside(id, &text));
                    let _ = self.with_store(|store| store.set_current_plan_id(None));
                    let where_kept = match kept {
                        Some(Ok(_)) => "It was kept aside unchanged: download it below.".to_string(),
                        _ => "It was left where it was, unchanged.".to_string(),
                    };
                    self.session.notice.set(Some(Notice::error(
                        format!("A stored plan could not be read. {where_kept}"),
                        error.problems.iter().map(ToString::to_string).collect(),
                    )));
                    self.session.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
                    self.refresh_plan_list();
                }
            },
            Ok(None) => {
                let _ = self.with_store(|store| store.set_current_plan_id(None));
            }
            Err(error) => self
                .session
                .notice
                .set(Some(Notice::error(format!("The plan could not be opened: {error}."), Vec::new()))),
        }
    }

    /// Closes the open plan and shows the start screen.
    pub fn close(&self) {
        if !self.flush_before_leaving() {
            return;
        }
        self.document.plan_id.set(None);
        self.feed(SaveEvent::Closed);
        self.clear_history();
        let _ = self.with_store(|store| store.set_current_plan_id(None));
        self.refresh_plan_list();
    }

    pub fn delete_stored(&self, id: &str) {
        if self.document.plan_id.get_untracked().as_deref() == Some(id) {
            self.feed(SaveEvent::Discard);
            self.document.plan_id.set(None);
            self.feed(SaveEvent::Closed);
            self.clear_history();
            let _ = self.with_store(|store| store.set_current_plan_id(None));
        }
        self.with_store(|store| store.delete_plan(id));
        self.refresh_plan_list();
    }
}

/// The save protocol's reason for a write storage refused.
fn write_failure(error: StorageError) -> WriteFailure {
    match error {
        StorageError::NewerRevision { .. } => WriteFailure::NewerRevision,
        StorageError::QuotaExceeded => WriteFailure::Full,
        other => WriteFailure::Other(other.to_string()),
    }
}
