//! The save and two-tab protocol, as a pure state machine: `next(state, event)` returns
//! the state after `event` and the actions the browser half (`ui/state`) carries out, in
//! order. Some actions report back with an event of their own (`Write` with `Written` or
//! `WriteFailed`, `Reload` with `Reloaded` or `ReloadFailed`), fed to `next` again.
//!
//! The rules:
//! - an edit makes a save due after `SAVE_DELAY_MS`; edits in quick succession make one
//!   save. A plan that is held (storage unusable, a failed save, a conflict) still has its
//!   timer run: it keeps the copy a panic report offers, though only a failed save tries to
//!   write again;
//! - every write names the revision this tab last loaded or saved; storage refuses it when
//!   another tab saved since (`WriteFailure::NewerRevision`), and that is a conflict;
//! - another tab saved the open plan: this tab takes that version when it has nothing
//!   unsaved, and otherwise shows the conflict and writes nothing until the user chooses
//!   (take theirs, or keep this tab's version as a copy);
//! - another tab deleted the open plan: a conflict, whatever this tab holds;
//! - a failed save stays failed (and the plan may not be left) until a save works or the
//!   user drops the edits;
//! - after a panic nothing is written: the plan in memory may be half-changed.

use super::{Notice, SaveState};

/// How long after the last edit a save happens.
pub const SAVE_DELAY_MS: u64 = 300;

/// What the open plan's saving is at: where it stands (`SaveState`, which the header and
/// the banners show), the storage revision this tab last loaded or saved, whether a plan
/// is open, whether a save is scheduled, and whether a panic stopped all writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveProtocol {
    status: SaveState,
    revision: u64,
    open: bool,
    scheduled: bool,
    halted: bool,
}

/// What happened: to the plan, to storage, in another tab, or what the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveEvent {
    /// An edit (or an undo or redo) changed the open plan.
    Edited,
    /// The save scheduled after an edit is due.
    TimerFired,
    /// Save at once: Ctrl+S, "Try again" after a failed save.
    SaveNow,
    /// Save at once if anything is unsaved: the page is hidden or left, another plan is
    /// about to replace this one on screen, a comparison starts.
    Flush,
    /// A `Write` worked: storage now holds `revision`.
    Written { revision: u64 },
    /// A `Write` did not.
    WriteFailed(WriteFailure),
    /// Another tab saved the open plan: storage now holds `revision`.
    OtherTabSaved { revision: u64 },
    /// A `Reload` worked: this tab shows the version of `revision`.
    Reloaded { revision: u64 },
    /// A `Reload` found nothing readable.
    ReloadFailed,
    /// Another tab deleted the open plan.
    OtherTabDeleted,
    /// The user, shown a conflict, takes the version in storage (this tab's edits go).
    TakeTheirs,
    /// The user, shown a conflict, keeps this tab's version as a new plan.
    KeepMine,
    /// The open plan's unsaved edits are dropped, as the user asked (closing without
    /// saving, removing an import, deleting the open plan).
    Discard,
    /// A stored plan was opened; storage holds it at `revision`.
    OpenedStored { revision: u64 },
    /// A new plan was opened (new, example, imported, duplicated, a copy): it is saved at once.
    OpenedNew,
    /// The open plan was closed: the start screen shows.
    Closed,
    /// The app panicked: nothing is written from now on.
    Panicked,
}

/// Why a write failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteFailure {
    /// Another tab saved a later revision since this tab last loaded or saved.
    NewerRevision,
    /// Storage is full.
    Full,
    /// Anything else, in words.
    Other(String),
}

/// What the browser half does, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveAction {
    /// Start the save timer (after stopping the one running, if any); it reports
    /// `TimerFired`.
    ScheduleSave { delay_ms: u64 },
    /// Stop the save timer.
    CancelScheduledSave,
    /// Record the edits in the plan (`Plan::stamp_revision`), then write it and make it
    /// the plan last open, refused if storage holds a revision after `known_revision`.
    /// Reports `Written` or `WriteFailed`; either way the copy a panic report offers is
    /// what was written (or not).
    Write { known_revision: u64 },
    /// Nothing is written: keep the plan as it is as the copy a panic report offers,
    /// marked not saved.
    KeepUnsavedCopy,
    /// Read the open plan from storage (saved there at `revision` by another tab) and
    /// show it, with a fresh undo history. Reports `Reloaded` or `ReloadFailed`.
    Reload { revision: u64 },
    /// Show a message.
    ShowNotice(Notice),
    /// Open the open plan again from storage (its edits in this tab go).
    OpenStoredVersion,
    /// Keep the open plan as a new stored plan, named as a copy from another tab, and
    /// open it (which reports `OpenedNew`).
    SaveAsCopy,
}

/// What the message says when this tab takes a version another tab saved.
pub const TAKEN_FROM_OTHER_TAB: &str = "This plan was changed in another tab; this tab now shows that version.";

impl SaveProtocol {
    /// The start, with storage usable (`Ok`) or not (`Err`, why): no plan open, nothing
    /// unsaved. Without storage the plan lives in the tab only, for good.
    pub fn new(storage: Result<(), String>) -> Self {
        let status = match storage {
            Ok(()) => SaveState::Saved,
            Err(why) => SaveState::InMemory(why),
        };
        Self { status, revision: 0, open: false, scheduled: false, halted: false }
    }

    /// Where saving stands.
    pub fn status(&self) -> &SaveState {
        &self.status
    }

    /// The storage revision of the open plan this tab last loaded or saved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether a plan is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Whether a save is scheduled (the timer runs).
    pub fn save_scheduled(&self) -> bool {
        self.scheduled
    }

    /// Whether a panic stopped all writing.
    pub fn is_halted(&self) -> bool {
        self.halted
    }

    /// Whether an edit waits to be saved, failed to be, or is held by a conflict.
    pub fn has_unsaved_changes(&self) -> bool {
        matches!(self.status, SaveState::Pending | SaveState::Failed(_) | SaveState::Conflict { .. })
    }

    /// Whether another plan may replace the open one on screen (once flushed): not while
    /// its edits could not be saved, which leaving would lose.
    pub fn may_leave(&self) -> bool {
        !self.open || !matches!(self.status, SaveState::Failed(_) | SaveState::Conflict { .. })
    }

    fn in_memory(&self) -> bool {
        matches!(self.status, SaveState::InMemory(_))
    }

    fn in_conflict(&self) -> bool {
        matches!(self.status, SaveState::Conflict { .. })
    }

    /// Storage is to be trusted with the plan again (unless it never could be).
    fn settle(&mut self) {
        if !self.in_memory() {
            self.status = SaveState::Saved;
        }
    }

    fn cancel_scheduled(&mut self, actions: &mut Vec<SaveAction>) {
        if self.scheduled {
            self.scheduled = false;
            actions.push(SaveAction::CancelScheduledSave);
        }
    }

    /// A save, now: written unless held (a conflict, storage unusable) or halted.
    fn save(&mut self, actions: &mut Vec<SaveAction>) {
        self.cancel_scheduled(actions);
        if !self.open || self.halted {
            return;
        }
        if self.in_conflict() || self.in_memory() {
            // Saving during a conflict would overwrite the other tab's work: the user
            // chooses first.
            actions.push(SaveAction::KeepUnsavedCopy);
        } else {
            actions.push(SaveAction::Write { known_revision: self.revision });
        }
    }
}

impl WriteFailure {
    /// What the failed-save banner says.
    pub fn message(&self) -> String {
        match self {
            WriteFailure::Full => "Not saved: this browser's storage is full. Your plan is safe in this tab: export it, or delete other plans to make room.".into(),
            WriteFailure::NewerRevision => {
                "Not saved: another tab saved this plan since. Your plan is safe in this tab: export it to keep a copy."
                    .into()
            }
            WriteFailure::Other(why) => {
                format!("Not saved: {why}. Your plan is safe in this tab: export it to keep a copy.")
            }
        }
    }
}

/// The state after `event`, and what to do, in order.
pub fn next(mut state: SaveProtocol, event: SaveEvent) -> (SaveProtocol, Vec<SaveAction>) {
    let mut actions = Vec::new();
    match event {
        SaveEvent::Edited => {
            // A held plan is not written, but its timer still runs (see the module's rules).
            if !state.has_unsaved_changes() && !state.in_memory() {
                state.status = SaveState::Pending;
            }
            state.scheduled = true;
            actions.push(SaveAction::ScheduleSave { delay_ms: SAVE_DELAY_MS });
        }
        SaveEvent::TimerFired => {
            // The timer ran out: nothing to stop.
            state.scheduled = false;
            state.save(&mut actions);
        }
        SaveEvent::SaveNow => state.save(&mut actions),
        SaveEvent::Flush => {
            if state.has_unsaved_changes() {
                state.save(&mut actions);
            }
        }
        SaveEvent::Written { revision } => {
            state.revision = revision;
            state.status = SaveState::Saved;
        }
        SaveEvent::WriteFailed(WriteFailure::NewerRevision) => state.status = SaveState::Conflict { deleted: false },
        SaveEvent::WriteFailed(failure) => state.status = SaveState::Failed(failure.message()),
        SaveEvent::OtherTabSaved { revision } => {
            if state.open && !state.in_memory() && revision > state.revision {
                if state.has_unsaved_changes() {
                    state.cancel_scheduled(&mut actions);
                    state.status = SaveState::Conflict { deleted: false };
                } else {
                    actions.push(SaveAction::Reload { revision });
                }
            }
        }
        SaveEvent::Reloaded { revision } => {
            state.revision = revision;
            actions.push(SaveAction::ShowNotice(Notice::info(TAKEN_FROM_OTHER_TAB)));
        }
        // Unreadable or gone: this tab's version stays, and the user chooses.
        SaveEvent::ReloadFailed => state.status = SaveState::Conflict { deleted: false },
        SaveEvent::OtherTabDeleted => {
            if state.open && !state.in_memory() {
                state.cancel_scheduled(&mut actions);
                state.status = SaveState::Conflict { deleted: true };
            }
        }
        SaveEvent::TakeTheirs => {
            if state.status == (SaveState::Conflict { deleted: false }) {
                state.status = SaveState::Saved;
                actions.push(SaveAction::OpenStoredVersion);
            }
        }
        SaveEvent::KeepMine => {
            if state.in_conflict() {
                state.status = SaveState::Saved;
                actions.push(SaveAction::SaveAsCopy);
            }
        }
        SaveEvent::Discard => {
            state.cancel_scheduled(&mut actions);
            state.settle();
        }
        SaveEvent::OpenedStored { revision } => {
            state.open = true;
            state.revision = revision;
            state.settle();
        }
        SaveEvent::OpenedNew => {
            state.open = true;
            state.revision = 0;
            if !state.in_memory() {
                state.save(&mut actions);
            }
        }
        SaveEvent::Closed => state.open = false,
        SaveEvent::Panicked => {
            state.halted = true;
            state.cancel_scheduled(&mut actions);
        }
    }
    (state, actions)
}
