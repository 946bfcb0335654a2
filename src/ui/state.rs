//! The app's state, provided once as context: the open plan, its derived schedule,
//! the undo history, and where it is saved. Components read these signals and
//! change the plan only through `PlanContext::dispatch`.

use leptos::prelude::*;

use crate::file;
use crate::model::{apply, Command, ModelError, Plan};
use crate::schedule::{compute, GraphCache, Schedule, ScheduleError};
use crate::session::history::{History, Import, Step};
use crate::session::save_protocol::{self, SaveAction, SaveEvent, SaveProtocol, WriteFailure};
use crate::storage::{self, LocalStore, PlanMeta, StorageError};

pub use crate::session::{Notice, Page, SaveState};

/// The `baseline_choice` that means "compare with no baseline".
pub const NO_BASELINE: &str = "none";

/// The example program, shipped beside the app (`dist/program.plan.json`) and
/// fetched on demand so it does not weigh on the first load.
pub const EXAMPLE_PLAN_URL: &str = "program.plan.json";

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

/// What the outline is built from: each task's id and parent, in the plan's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskStructure(Vec<(crate::model::TaskId, Option<crate::model::TaskId>)>);

impl TaskStructure {
    fn of(plan: &Plan) -> Self {
        Self(plan.tasks.iter().map(|task| (task.id.clone(), task.parent.clone())).collect())
    }

    /// Compared in place: no copy of 10,000 ids after an edit that keeps them.
    fn matches(&self, plan: &Plan) -> bool {
        self.0.len() == plan.tasks.len()
            && self.0.iter().zip(&plan.tasks).all(|((id, parent), task)| *id == task.id && *parent == task.parent)
    }
}

/// Everything the components share. Cheap to copy: all fields are handles.
#[derive(Clone, Copy)]
pub struct PlanContext {
    /// The open plan.
    pub plan: RwSignal<Plan>,
    /// The storage id of the open plan; `None` shows the start screen.
    pub plan_id: RwSignal<Option<String>>,
    /// The schedule of the open plan, recomputed when the plan changes.
    pub schedule: Memo<Result<Schedule, ScheduleError>>,
    pub page: RwSignal<Page>,
    /// Summary tasks whose subtasks are hidden (in this tab only).
    pub collapsed: RwSignal<crate::model::hashing::IdSet<crate::model::TaskId>>,
    /// The tasks' order, ids and parents: changes only when one of them does (not at an
    /// edit of a duration or a name), for what depends on them alone.
    pub structure: Memo<TaskStructure>,
    /// The task outline as shown: tree order, without the subtasks of collapsed summaries.
    pub outline: Memo<Vec<crate::model::outline::OutlineRow>>,
    /// Where saving stands, as the save protocol (`session::save_protocol`) last left it:
    /// written only through `feed`.
    pub save_state: ReadSignal<SaveState>,
    set_save_state: WriteSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    /// The plans in local storage.
    pub plans: RwSignal<Vec<PlanMeta>>,
    /// Unreadable stored texts kept aside: (storage key, text).
    pub kept: RwSignal<Vec<(String, String)>>,
    /// How many undo and redo steps there are.
    pub history_sizes: RwSignal<(usize, usize)>,
    /// The question undo asks before removing an imported plan, or the way back after.
    pub import_question: RwSignal<Option<ImportQuestion>>,
    /// Whether a field holds text the plan does not have yet: typed and not yet
    /// committed, or refused and kept for correction (`typing.rs` follows the fields).
    pub typing: RwSignal<bool>,
    /// Who is Responsible for tasks that run at the same time, from the schedule.
    pub resource_load: Memo<crate::schedule::ResourceLoad>,
    /// The task selected on the chart or in the grid (in this tab only).
    pub selected_task: RwSignal<Option<crate::model::TaskId>>,
    /// The risk open in the register's side panel (in this tab only).
    pub selected_risk: RwSignal<Option<crate::model::RiskId>>,
    /// The baseline the timeline compares with: a chosen one, or (`None`) the latest.
    pub baseline_choice: RwSignal<Option<crate::model::BaselineId>>,
    /// The baseline in use, if the plan has any and one is chosen.
    pub baseline: Memo<Option<crate::model::Baseline>>,
    history: StoredValue<History, LocalStorage>,
    /// The task the last edit changed, when it changed one task (for the live region that
    /// says what the edit did to the schedule, `announce.rs`); `None` after undo and redo.
    pub(crate) last_edited: StoredValue<Option<crate::model::TaskId>, LocalStorage>,
    /// How many edits were refused in this tab (see `refuse`).
    refusals: StoredValue<u64, LocalStorage>,
    /// The save and two-tab protocol's state (the revision this tab last loaded or
    /// saved among it); `feed` moves it on and carries out its actions.
    protocol: StoredValue<SaveProtocol, LocalStorage>,
    /// Whether the open plan has edits that `Plan::stamp_revision` has not yet recorded
    /// (the plan's own revision count, in the file; not the storage revision of `protocol`).
    unstamped: StoredValue<bool, LocalStorage>,
    store: StoredValue<Option<LocalStore>, LocalStorage>,
    save_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

/// The Performance API mark set before the stored plan is read at start-up.
pub const OPEN_STARTED_MARK: &str = "planwright:open-started";

/// Creates the app state, reads local storage, and provides it as context.
pub fn provide_plan() -> PlanContext {
    let plan = RwSignal::new(crate::session::new_plan(storage::today()));
    // The precedence graph is kept between edits that leave the tasks' order, ids and
    // parents and the links as they were (a duration, progress, a name): `GraphCache`
    // checks that against the plan and builds a new graph only when one of them changed.
    let graph_cache = StoredValue::new_local(GraphCache::default());
    let schedule = Memo::new(move |_| {
        plan.with(|plan| graph_cache.try_update_value(|cache| cache.compute(plan)).unwrap_or_else(|| compute(plan)))
    });
    let resource_load = Memo::new(move |_| {
        plan.with(|plan| {
            schedule.with(|schedule| match schedule {
                Ok(schedule) => crate::schedule::resource_load(plan, schedule),
                Err(_) => crate::schedule::ResourceLoad::default(),
            })
        })
    });
    let collapsed = RwSignal::new(crate::model::hashing::IdSet::default());
    let baseline_choice = RwSignal::new(None::<crate::model::BaselineId>);
    // Compared with the plan's copy in place: an edit that keeps the baselines copies none
    // of their 10,000 entries.
    let baseline = Memo::new_owning(move |old: Option<Option<crate::model::Baseline>>| {
        let choice = baseline_choice.get();
        plan.with(|plan| {
            let chosen = match &choice {
                Some(id) if id.as_str() == NO_BASELINE => None,
                Some(id) => plan.baselines.iter().find(|baseline| &baseline.id == id),
                None => plan.baselines.last(),
            };
            match old {
                Some(old) if old.as_ref() == chosen => (old, false),
                _ => (chosen.cloned(), true),
            }
        })
    });
    // The outline reads only the tasks' order, ids and parents: this key changes (and the
    // outline is built again) only when one of them does, not at every edit of a duration.
    let structure = Memo::new_owning(move |old: Option<TaskStructure>| {
        plan.with(|plan| match old {
            Some(old) if old.matches(plan) => (old, false),
            _ => (TaskStructure::of(plan), true),
        })
    });
    let outline = Memo::new(move |_| {
        // Read, not only tracked: `track()` on a memo subscribes to it without running it,
        // so a key never read would never follow the plan (and the outline would keep
        // rows of deleted tasks). Reading it brings it up to date first.
        structure.with(|_| ());
        plan.with_untracked(|plan| {
            let rows = crate::model::outline::outline(plan);
            collapsed.with(|collapsed| crate::model::outline::visible_outline(&rows, plan, collapsed))
        })
    });
    let (store, protocol) = match LocalStore::open() {
        Ok(store) => (Some(store), SaveProtocol::new(Ok(()))),
        Err(error) => (None, SaveProtocol::new(Err(error.to_string()))),
    };
    let (save_state, set_save_state) = signal(protocol.status().clone());
    let context = PlanContext {
        plan,
        plan_id: RwSignal::new(None),
        schedule,
        page: RwSignal::new(Page::Timeline),
        collapsed,
        structure,
        outline,
        save_state,
        set_save_state,
        notice: RwSignal::new(None),
        plans: RwSignal::new(Vec::new()),
        kept: RwSignal::new(Vec::new()),
        history_sizes: RwSignal::new((0, 0)),
        import_question: RwSignal::new(None),
        typing: RwSignal::new(false),
        resource_load,
        selected_task: RwSignal::new(None),
        selected_risk: RwSignal::new(None),
        baseline_choice,
        baseline,
        history: StoredValue::new_local(History::default()),
        last_edited: StoredValue::new_local(None),
        refusals: StoredValue::new_local(0),
        protocol: StoredValue::new_local(protocol),
        unstamped: StoredValue::new_local(false),
        store: StoredValue::new_local(store),
        save_timer: StoredValue::new_local(None),
    };
    provide_context(context);
    context.start_up();
    on_cleanup(move || {
        if let Some(timer) = context.save_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    });
    context
}

/// The app state provided by `provide_plan`.
pub fn use_plan() -> PlanContext {
    expect_context::<PlanContext>()
}

impl PlanContext {
    /// Runs `body` with local storage, when this browser lets the app use it.
    pub(crate) fn with_store<T>(&self, body: impl FnOnce(&LocalStore) -> T) -> Option<T> {
        self.store.with_value(|store| store.as_ref().map(body))
    }

    /// Reopens the plan last open, keeping aside anything that cannot be read.
    fn start_up(&self) {
        // Where "open from storage" starts, for the browser benchmark.
        if let Some(performance) = window().performance() {
            let _ = performance.mark(OPEN_STARTED_MARK);
        }
        self.refresh_plan_list();
        let current = self.with_store(|store| store.current_plan_id()).flatten();
        if let Some(id) = current {
            self.open_stored(&id);
        }
        self.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
    }

    pub fn refresh_plan_list(&self) {
        self.plans.set(self.with_store(|store| store.list_plans()).unwrap_or_default());
    }

    /// Applies an edit through the one door; on refusal shows why and changes nothing.
    pub fn dispatch(&self, command: Command) -> Result<(), ModelError> {
        let edited = match &command {
            Command::UpdateTask(task) => Some(task.id.clone()),
            _ => None,
        };
        self.last_edited.set_value(edited);
        let result = self.plan.try_update(|plan| apply(plan, command)).expect("the plan signal is alive");
        match result {
            Ok(undo) => {
                self.history.update_value(|history| history.record(undo));
                // A refusal shown earlier is about an edit that has since been made right.
                if self.notice.get_untracked().is_some_and(|notice| notice.is_error) {
                    self.notice.set(None);
                }
                self.import_question.set(None);
                self.after_change();
                Ok(())
            }
            Err(error) => {
                self.refusals.update_value(|count| *count += 1);
                self.notice.set(Some(Notice::error(format!("Not changed: {error}."), Vec::new())));
                Err(error)
            }
        }
    }

    /// Shows a refusal for an edit that failed before it became a command (a field
    /// that does not parse, for example). Every refusal of a field's text goes through
    /// here or `dispatch`: that is how the header knows the field still holds text the
    /// plan does not have (`typing.rs`).
    pub fn refuse(&self, message: impl Into<String>) {
        self.refusals.update_value(|count| *count += 1);
        self.notice.set(Some(Notice::error(format!("Not changed: {}.", message.into()), Vec::new())));
    }

    /// How many edits were refused so far in this tab.
    pub(crate) fn refusal_count(&self) -> u64 {
        self.refusals.get_value()
    }

    /// Takes the latest edit back. Below the first state of a plan imported in this tab,
    /// it asks before removing the plan (`import_question`).
    pub fn undo(&self) {
        match self.history.with_value(History::next_undo) {
            Step::Applied => self.step_history(true),
            Step::AskToRemoveImport { edits } => self.ask_to_remove_import(edits),
            _ => {}
        }
    }

    /// Makes the latest undone edit again, or brings back an import undo removed.
    pub fn redo(&self) {
        match self.history.with_value(History::next_redo) {
            Step::Applied => self.step_history(false),
            // Rare: the code is a part, fetched the first time (parts.rs).
            Step::BringBackImport => {
                super::parts::run(*self, "the plan to bring back", Box::pin(bring_back_import(*self)))
            }
            _ => {}
        }
    }

    fn step_history(&self, undo: bool) {
        self.last_edited.set_value(None);
        let step = self
            .history
            .try_update_value(|history| {
                self.plan.try_update(|plan| if undo { history.undo(plan) } else { history.redo(plan) })
            })
            .flatten();
        match step {
            Some(Step::Applied) => {
                // What the last message said ("Removed the link ...") no longer holds.
                self.notice.set(None);
                self.import_question.set(None);
                self.forget_selection_of_removed();
                self.after_change();
            }
            Some(Step::Refused(error)) => self.notice.set(Some(Notice::error(
                format!("Could not {}: {error}.", if undo { "undo" } else { "redo" }),
                Vec::new(),
            ))),
            _ => {}
        }
    }

    fn after_change(&self) {
        self.unstamped.set_value(true);
        self.refresh_history_sizes();
        // Saves soon: edits in quick succession make one save.
        self.feed(SaveEvent::Edited);
    }

    fn refresh_history_sizes(&self) {
        self.history_sizes.set(self.history.with_value(History::sizes));
    }

    fn ask_to_remove_import(&self, edits: usize) {
        let Some((name, file_name)) = self
            .history
            .with_value(|history| history.import().map(|import| (import.name.clone(), import.file_name.clone())))
        else {
            return;
        };
        self.import_question.set(Some(ImportQuestion::Remove { name, file_name, edits }));
    }

    /// Takes back the import of the open plan, as the user agreed to: the plan leaves
    /// the browser and the plan open before it returns; redo brings it back.
    pub fn remove_import(&self) {
        let plan = self.plan.get_untracked();
        let name = plan.name.clone();
        let Some(removed) = self.history.try_update_value(|history| history.take_import_for_removal(plan)).flatten()
        else {
            return;
        };
        // Its edits leave with it, as the user agreed: nothing of it is saved again.
        self.feed(SaveEvent::Discard);
        self.delete_stored(&removed.import.plan_id);
        if let Some(previous) = &removed.import.previous {
            self.open_stored(previous);
        }
        self.history.set_value(History::after_removing(removed));
        self.refresh_history_sizes();
        self.import_question.set(Some(ImportQuestion::Removed { name }));
    }

    /// Redo of a removed import: the plan comes back as a stored plan, as it was.
    pub(super) fn bring_back_import(&self) {
        let Some(mut removed) = self.history.try_update_value(History::take_removed_import).flatten() else { return };
        let previous = self.plan_id.get_untracked();
        if !self.open_new(removed.plan.clone()) {
            self.history.set_value(History::after_removing(removed));
            return;
        }
        let Some(id) = self.plan_id.get_untracked() else { return };
        removed.import.previous = previous;
        let name = removed.plan.name.clone();
        self.history.set_value(History::brought_back(removed, id));
        self.refresh_history_sizes();
        self.import_question.set(None);
        self.notice.set(Some(Notice::info(format!("\"{name}\" is back, as it was before undo removed it."))));
    }

    fn clear_history(&self) {
        self.history.set_value(History::default());
        self.history_sizes.set((0, 0));
        self.unstamped.set_value(false);
        // A newly opened plan starts fully expanded, with nothing selected.
        self.collapsed.update(|collapsed| collapsed.clear());
        self.selected_task.set(None);
        self.selected_risk.set(None);
        self.import_question.set(None);
        super::panic_report::forget_last_copy();
    }

    /// Shows a view, as its tab, Alt+digit or an address do: the focused field commits
    /// first (its view is about to go), and news given on the view left goes with it
    /// (`Notice::follows_to_other_views`).
    pub fn show_page(&self, page: Page) {
        super::focus::leave_focused_field();
        let news =
            self.notice.with_untracked(|notice| notice.as_ref().is_some_and(|notice| !notice.follows_to_other_views()));
        if news && self.page.get_untracked() != page {
            self.notice.set(None);
        }
        self.page.set(page);
    }

    /// A task or risk an undo or redo took away is no longer selected.
    fn forget_selection_of_removed(&self) {
        let (task_gone, risk_gone) = self.plan.with_untracked(|plan| {
            (
                self.selected_task.with_untracked(|id| id.as_ref().is_some_and(|id| plan.task(id.as_str()).is_none())),
                self.selected_risk.with_untracked(|id| id.as_ref().is_some_and(|id| plan.risk(id.as_str()).is_none())),
            )
        });
        if task_gone {
            self.selected_task.set(None);
        }
        if risk_gone {
            self.selected_risk.set(None);
        }
    }

    /// Shows or hides a summary task's subtasks.
    pub fn toggle_collapsed(&self, id: &crate::model::TaskId) {
        self.collapsed.update(|collapsed| {
            if !collapsed.remove(id) {
                collapsed.insert(id.clone());
            }
        });
    }

    /// Whether an edit waits to be saved (or failed to be, or is held by a conflict).
    pub fn has_unsaved_changes(&self) -> bool {
        self.protocol.with_value(SaveProtocol::has_unsaved_changes)
    }

    /// Saves the open plan now. A failure is shown and stays shown until a save works.
    /// After a panic nothing is written: the plan in memory may be half-changed.
    pub fn save_now(&self) {
        self.note_panic();
        self.feed(SaveEvent::SaveNow);
    }

    /// Tells the save protocol of a panic, once one happened: nothing is written after it.
    fn note_panic(&self) {
        if super::panic_report::has_panicked() {
            self.feed(SaveEvent::Panicked);
        }
    }

    /// Moves the save protocol on by `event` (`session::save_protocol::next`), shows its
    /// state and carries out its actions, in order.
    fn feed(&self, event: SaveEvent) {
        let Some(state) = self.protocol.try_get_value() else { return };
        let (state, actions) = save_protocol::next(state, event);
        if self.save_state.with_untracked(|shown| shown != state.status()) {
            self.set_save_state.set(state.status().clone());
        }
        self.protocol.set_value(state);
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
                self.save_timer.set_value(timer.ok());
            }
            SaveAction::CancelScheduledSave => self.cancel_timer(),
            SaveAction::Write { known_revision } => self.write(known_revision),
            SaveAction::KeepUnsavedCopy => {
                let (text, file_name) =
                    self.plan.with_untracked(|plan| (file::to_json_compact(plan), file::file_name(plan)));
                super::panic_report::keep_last_copy(file_name, text, false);
            }
            SaveAction::Reload { revision } => self.reload(revision),
            SaveAction::ShowNotice(notice) => self.notice.set(Some(notice)),
            SaveAction::OpenStoredVersion => {
                if let Some(id) = self.plan_id.get_untracked() {
                    self.open_stored(&id);
                }
            }
            SaveAction::SaveAsCopy => self.save_as_copy(),
        }
    }

    fn cancel_timer(&self) {
        if let Some(timer) = self.save_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    /// Writes the open plan (its edits recorded first) over `known`, the revision this tab
    /// last loaded or saved, and tells the protocol how it went.
    fn write(&self, known: u64) {
        let Some(id) = self.plan_id.get_untracked() else { return };
        self.stamp_if_edited();
        let (text, name, file_name) =
            self.plan.with_untracked(|plan| (file::to_json_compact(plan), plan.name.clone(), file::file_name(plan)));
        let result = self.with_store(|store| {
            let meta = store.save_plan(&id, &name, &text, known)?;
            store.set_current_plan_id(Some(&id))?;
            Ok::<_, StorageError>(meta)
        });
        super::panic_report::keep_last_copy(file_name, text, matches!(result, Some(Ok(_))));
        match result {
            None => {}
            Some(Ok(meta)) => {
                let revision = meta.revision;
                // The list is newest first: the plan just saved moves to the top, without
                // reading storage again at every save.
                self.plans.update(|plans| {
                    plans.retain(|listed| listed.id != meta.id);
                    plans.insert(0, meta);
                });
                self.feed(SaveEvent::Written { revision });
            }
            Some(Err(error)) => self.feed(SaveEvent::WriteFailed(write_failure(error))),
        }
    }

    /// Records the edits made since the last save or export in the plan itself (one more
    /// revision, modified today: `Plan::stamp_revision`), just before it is written out.
    /// Not an edit: it notifies nothing (no view shows these two fields, and the schedule
    /// and views need not be redrawn for them) and no undo takes it back.
    pub(crate) fn stamp_if_edited(&self) {
        if self.unstamped.get_value() {
            self.unstamped.set_value(false);
            let author = self.with_store(LocalStore::author_name).flatten();
            self.plan.update_untracked(|plan| {
                plan.stamp_revision(storage::today());
                plan.saved_by = author;
            });
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
        let open = self.plan_id.get_untracked();
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
        let Some(id) = self.plan_id.get_untracked() else { return };
        let text = self.with_store(|store| store.load_plan_text(&id).ok().flatten()).flatten();
        match text.map(|text| file::parse(&text)) {
            Some(Ok(plan)) => {
                self.plan.set(plan);
                self.unstamped.set_value(false);
                // Undo steps of this tab could silently revert the other tab's work.
                self.history.set_value(History::default());
                self.history_sizes.set((0, 0));
                self.import_question.set(None);
                super::panic_report::forget_last_copy();
                self.feed(SaveEvent::Reloaded { revision });
            }
            _ => self.feed(SaveEvent::ReloadFailed),
        }
    }

    /// Resolves a conflict by taking the version in storage (this tab's edits go).
    pub fn load_stored_version(&self) {
        if self.plan_id.get_untracked().is_some() {
            self.feed(SaveEvent::TakeTheirs);
        }
    }

    /// Resolves a conflict by keeping this tab's version as a new plan beside the other.
    pub fn keep_as_copy(&self) {
        self.feed(SaveEvent::KeepMine);
    }

    fn save_as_copy(&self) {
        self.stamp_if_edited();
        let mut plan = self.plan.get_untracked();
        plan.name = format!("{} (copy from another tab)", plan.name);
        self.open_new(plan);
        self.notice.set(Some(Notice::info(format!(
            "Kept this tab's version as a new plan: \"{}\".",
            self.plan.with_untracked(|plan| plan.name.clone())
        ))));
    }

    /// Saves the open plan before another one replaces it on screen. When its latest
    /// edits cannot be saved, it stays open and the user is told: leaving would lose them.
    pub(super) fn flush_before_leaving(&self) -> bool {
        if self.plan_id.get_untracked().is_none() {
            return true;
        }
        self.flush();
        if self.protocol.with_value(SaveProtocol::may_leave) {
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
        self.plan.set(plan);
        self.plan_id.set(Some(id));
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
                    self.plan.set(plan);
                    self.plan_id.set(Some(id.to_string()));
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
                    self.notice.set(Some(Notice::error(
                        format!("A stored plan could not be read. {where_kept}"),
                        error.problems.iter().map(ToString::to_string).collect(),
                    )));
                    self.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
                    self.refresh_plan_list();
                }
            },
            Ok(None) => {
                let _ = self.with_store(|store| store.set_current_plan_id(None));
            }
            Err(error) => {
                self.notice.set(Some(Notice::error(format!("The plan could not be opened: {error}."), Vec::new())))
            }
        }
    }

    /// Closes the open plan and shows the start screen.
    pub fn close(&self) {
        if !self.flush_before_leaving() {
            return;
        }
        self.plan_id.set(None);
        self.feed(SaveEvent::Closed);
        self.clear_history();
        let _ = self.with_store(|store| store.set_current_plan_id(None));
        self.refresh_plan_list();
    }

    pub fn delete_stored(&self, id: &str) {
        if self.plan_id.get_untracked().as_deref() == Some(id) {
            self.feed(SaveEvent::Discard);
            self.plan_id.set(None);
            self.feed(SaveEvent::Closed);
            self.clear_history();
            let _ = self.with_store(|store| store.set_current_plan_id(None));
        }
        self.with_store(|store| store.delete_plan(id));
        self.refresh_plan_list();
    }

    /// Renames a stored plan that is not open, through its file.
    pub fn rename_stored(&self, id: &str, name: &str) {
        if self.plan_id.get_untracked().as_deref() == Some(id) {
            let plan = self.plan.get_untracked();
            let _ = self.dispatch(Command::SetPlanInfo {
                name: name.to_string(),
                description: plan.description,
                start: plan.start,
            });
            return;
        }
        let result = self.with_store(|store| -> Result<(), String> {
            let text = store.load_plan_text(id).map_err(|error| error.to_string())?.ok_or("it is gone")?;
            let mut plan = file::parse(&text).map_err(|error| error.to_string())?;
            let rename = Command::SetPlanInfo {
                name: name.to_string(),
                description: plan.description.clone(),
                start: plan.start,
            };
            apply(&mut plan, rename).map_err(|error| error.to_string())?;
            plan.stamp_revision(storage::today());
            plan.saved_by = store.author_name();
            let known = store.stored_revision(id);
            store
                .save_plan(id, &plan.name, &file::to_json_compact(&plan), known)
                .map(|_| ())
                .map_err(|error| error.to_string())
        });
        if let Some(Err(error)) = result {
            self.refuse(format!("the plan could not be renamed: {error}"));
        }
        self.refresh_plan_list();
    }

    /// Copies a stored plan under a new name and opens the copy.
    pub fn duplicate_stored(&self, id: &str) {
        let plan = if self.plan_id.get_untracked().as_deref() == Some(id) {
            Some(self.plan.get_untracked())
        } else {
            self.with_store(|store| store.load_plan_text(id).ok().flatten())
                .flatten()
                .and_then(|text| file::parse(&text).ok())
        };
        match plan {
            Some(mut plan) => {
                plan.name = format!("{} (copy)", plan.name);
                if !self.open_new(plan) {
                    return;
                }
                self.notice.set(Some(Notice::info(format!(
                    "Opened a copy: \"{}\".",
                    self.plan.with_untracked(|plan| plan.name.clone())
                ))));
            }
            None => self.refuse("the plan could not be read to copy it"),
        }
    }

    /// A stored plan as opening it would read it (through `file::parse`), without
    /// opening it: to compare the open plan with it. Errs with every problem.
    pub(crate) fn read_stored_plan(&self, id: &str) -> Result<Plan, Vec<String>> {
        let text = self
            .with_store(|store| store.load_plan_text(id))
            .ok_or_else(|| vec!["this browser's storage cannot be used".to_string()])?
            .map_err(|error| vec![error.to_string()])?
            .ok_or_else(|| vec!["it is no longer stored in this browser".to_string()])?;
        file::parse(&text).map_err(|error| error.problems.iter().map(ToString::to_string).collect())
    }

    /// Reads a file's text: a good plan opens as a new plan; a bad one is reported
    /// with every problem and nothing changes.
    pub fn import_text(&self, file_name: &str, text: &str) {
        match file::parse(text) {
            Ok(plan) => self.import_plan(file_name, plan),
            Err(error) => self.refuse_import(file_name, error.problems.iter().map(ToString::to_string).collect()),
        }
    }

    /// Says that a file was not opened, with every problem; nothing changes.
    pub fn refuse_import(&self, file_name: &str, problems: Vec<String>) {
        self.notice.set(Some(Notice::error(format!("{file_name} was not opened. Nothing was changed."), problems)));
    }

    /// Opens a plan read from a file as a new plan. Undo stops at its first state and
    /// then asks before it would take the import back (`ImportQuestion`).
    pub fn import_plan(&self, file_name: &str, mut plan: Plan) {
        // Two plans of one name are hard to tell apart in the list: number the newcomer.
        let taken: Vec<String> =
            self.plans.with_untracked(|plans| plans.iter().map(|meta| meta.name.clone()).collect());
        let original = plan.name.clone();
        let mut number = 2;
        while taken.contains(&plan.name) {
            plan.name = format!("{original} ({number})");
            number += 1;
        }
        let name = plan.name.clone();
        let previous = self.plan_id.get_untracked();
        if !self.open_new(plan) {
            return;
        }
        if let Some(plan_id) = self.plan_id.get_untracked() {
            let import = Import { plan_id, name: name.clone(), file_name: file_name.to_string(), previous };
            self.history.set_value(History::imported(import));
            self.refresh_history_sizes();
        }
        self.remember_import(&original);
        let renamed = if name != original {
            format!(" A plan called \"{original}\" is already here, so this one is \"{name}\".")
        } else {
            String::new()
        };
        self.notice.set(Some(Notice::info(format!("Opened \"{name}\" from {file_name} as a new plan.{renamed}"))));
    }

    /// Keeps `text` (a compact plan file) as the open plan's common version with the
    /// copies it was sent as or came from: Compare tells whose change is whose against it.
    /// Best effort: without room none is kept, and Compare then asks for the file.
    pub fn remember_common_version(&self, text: &str) {
        if let Some(id) = self.plan_id.get_untracked() {
            let _ = self.with_store(|store| store.save_common_version(&id, text));
        }
    }

    /// Keeps the plan just imported, as its file had it (named `original_name`), as its
    /// common version with the copy it came from.
    fn remember_import(&self, original_name: &str) {
        let Some(id) = self.plan_id.get_untracked() else { return };
        let text = if self.plan.with_untracked(|plan| plan.name == original_name) {
            // Just stored as read (an import is not an edit): no second serialization.
            self.with_store(|store| store.load_plan_text(&id).ok().flatten()).flatten()
        } else {
            let named = |plan: &Plan| Plan { name: original_name.to_string(), ..plan.clone() };
            Some(self.plan.with_untracked(|plan| file::to_json_compact(&named(plan))))
        };
        if let Some(text) = text {
            self.remember_common_version(&text);
        }
    }

    pub fn discard_kept(&self, key: &str) {
        self.with_store(|store| store.discard_kept(key));
        self.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
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

super::parts::on_demand! { notices:
    /// Redo after undo took an import back: the plan comes back (a part: rare).
    fn bring_back_import(context: PlanContext) -> () {
        context.bring_back_import()
    }
}
