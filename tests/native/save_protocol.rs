//! The save and two-tab protocol (`session::save_protocol`), natively: every case the
//! browser tests cover (tests/web/session.rs, tests/web/storage.rs, e2e/tests/tabs.rs),
//! and the races and edge cases a browser test cannot time.

use planwright::session::save_protocol::{
    next, SaveAction, SaveEvent, SaveProtocol, WriteFailure, SAVE_DELAY_MS, TAKEN_FROM_OTHER_TAB,
};
use planwright::session::{Notice, SaveState};

use SaveAction::*;
use SaveEvent::*;

/// One plan's storage, shared by the tabs: its revision, whether it is there, and whether
/// storage takes writes (`full`).
#[derive(Debug, Default)]
struct Storage {
    revision: u64,
    deleted: bool,
    full: bool,
    writes: usize,
}

/// A tab: the protocol's state and a browser half that carries out `Write` and `Reload`
/// against `Storage` and reports back, as `ui/state` does.
#[derive(Debug)]
struct Tab {
    state: SaveProtocol,
}

impl Tab {
    fn new() -> Self {
        Self { state: SaveProtocol::new(Ok(())) }
    }

    fn in_memory() -> Self {
        Self { state: SaveProtocol::new(Err("SecurityError: denied".into())) }
    }

    /// A tab with a stored plan open at the storage's revision.
    fn opened(storage: &Storage) -> Self {
        let mut tab = Self::new();
        tab.plain(OpenedStored { revision: storage.revision });
        tab
    }

    /// `event` alone, without carrying anything out: the actions asked for.
    fn plain(&mut self, event: SaveEvent) -> Vec<SaveAction> {
        let (state, actions) = next(self.state.clone(), event);
        self.state = state;
        actions
    }

    /// `event`, with `Write` and `Reload` carried out against `storage` and their reports
    /// fed back: every action asked for, in order.
    fn on(&mut self, event: SaveEvent, storage: &mut Storage) -> Vec<SaveAction> {
        let actions = self.plain(event);
        let mut all = Vec::new();
        for action in actions {
            all.push(action.clone());
            let report = match action {
                Write { .. } if storage.full => Some(WriteFailed(WriteFailure::Full)),
                Write { known_revision } if storage.revision > known_revision => {
                    Some(WriteFailed(WriteFailure::NewerRevision))
                }
                Write { .. } => {
                    storage.revision += 1;
                    storage.deleted = false;
                    storage.writes += 1;
                    Some(Written { revision: storage.revision })
                }
                Reload { .. } if storage.deleted => Some(ReloadFailed),
                Reload { revision } => Some(Reloaded { revision }),
                _ => None,
            };
            if let Some(report) = report {
                all.extend(self.on(report, storage));
            }
        }
        all
    }

    fn status(&self) -> &SaveState {
        self.state.status()
    }
}

fn writes(actions: &[SaveAction]) -> usize {
    actions.iter().filter(|action| matches!(action, Write { .. })).count()
}

fn conflict(deleted: bool) -> SaveState {
    SaveState::Conflict { deleted }
}

// What the browser tests cover.

#[test]
fn storage_usable_or_not_at_the_start() {
    let usable = SaveProtocol::new(Ok(()));
    assert_eq!((usable.status(), usable.is_open(), usable.revision()), (&SaveState::Saved, false, 0));
    let refused = SaveProtocol::new(Err("SecurityError: denied".into()));
    assert_eq!(refused.status(), &SaveState::InMemory("SecurityError: denied".into()));
    assert!(!refused.has_unsaved_changes(), "in memory is not an edit waiting to be saved");
}

#[test]
fn an_edit_is_saved_after_the_delay() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    assert_eq!(tab.on(Edited, &mut storage), vec![ScheduleSave { delay_ms: SAVE_DELAY_MS }]);
    assert_eq!(tab.status(), &SaveState::Pending);
    assert!(tab.state.save_scheduled() && tab.state.has_unsaved_changes());
    let actions = tab.on(TimerFired, &mut storage);
    assert_eq!(actions, vec![Write { known_revision: 0 }]);
    assert_eq!((tab.status(), tab.state.revision(), storage.revision), (&SaveState::Saved, 1, 1));
    assert!(!tab.state.save_scheduled() && !tab.state.has_unsaved_changes());
}

#[test]
fn edits_in_quick_succession_make_one_save() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    for _ in 0..3 {
        assert_eq!(tab.on(Edited, &mut storage), vec![ScheduleSave { delay_ms: SAVE_DELAY_MS }]);
    }
    assert_eq!(writes(&tab.on(TimerFired, &mut storage)), 1);
    assert_eq!(storage.writes, 1);
}

#[test]
fn a_reopened_plan_is_saved_over_its_stored_revision() {
    // A plan stored by an older version at revision 3: its next save is revision 4.
    let mut storage = Storage { revision: 3, ..Storage::default() };
    let mut tab = Tab::opened(&storage);
    assert_eq!(tab.state.revision(), 3);
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(TimerFired, &mut storage)[0], Write { known_revision: 3 });
    assert_eq!(tab.state.revision(), 4);
}

#[test]
fn a_new_plan_is_saved_at_once() {
    let mut storage = Storage::default();
    let mut tab = Tab::new();
    assert_eq!(tab.on(OpenedNew, &mut storage), vec![Write { known_revision: 0 }]);
    assert_eq!((tab.status(), tab.state.is_open()), (&SaveState::Saved, true));
}

#[test]
fn a_full_storage_fails_the_save_keeps_saying_so_and_a_retry_that_fits_saves() {
    let mut storage = Storage { full: true, ..Storage::default() };
    let mut tab = Tab::new();
    tab.on(OpenedNew, &mut storage);
    let SaveState::Failed(message) = tab.status().clone() else { panic!("{:?}", tab.status()) };
    assert!(message.contains("storage is full"), "{message}");
    // Still editable; the message stays while saves keep failing.
    tab.on(Edited, &mut storage);
    assert_eq!(tab.status(), &SaveState::Failed(message.clone()), "an edit does not hide the failure");
    assert_eq!(writes(&tab.on(TimerFired, &mut storage)), 1, "the timer tries again");
    assert_eq!(tab.status(), &SaveState::Failed(message));
    // Room is made; "Try again" saves and the message goes.
    storage.full = false;
    assert_eq!(tab.on(SaveNow, &mut storage), vec![Write { known_revision: 0 }]);
    assert_eq!((tab.status(), storage.revision), (&SaveState::Saved, 1));
}

#[test]
fn other_write_failures_say_what_storage_said() {
    let mut tab = Tab::opened(&Storage::default());
    tab.plain(WriteFailed(WriteFailure::Other("InvalidStateError: refused".into())));
    assert_eq!(
        tab.status(),
        &SaveState::Failed(
            "Not saved: InvalidStateError: refused. Your plan is safe in this tab: export it to keep a copy.".into()
        )
    );
}

#[test]
fn a_plan_whose_edits_could_not_be_saved_may_not_be_left() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    assert!(tab.state.may_leave());
    storage.full = true;
    tab.on(Edited, &mut storage);
    // Leaving flushes first: the save fails, so the plan stays.
    assert_eq!(writes(&tab.on(Flush, &mut storage)), 1);
    assert!(!tab.state.may_leave() && tab.state.has_unsaved_changes());
    // Closing without saving drops the edits, as the user asked.
    tab.on(Discard, &mut storage);
    assert_eq!(tab.status(), &SaveState::Saved);
    assert!(tab.state.may_leave());
    tab.on(Closed, &mut storage);
    assert!(!tab.state.is_open());
}

#[test]
fn leaving_or_hiding_the_page_saves_a_pending_edit_at_once() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(Flush, &mut storage), vec![CancelScheduledSave, Write { known_revision: 0 }]);
    assert_eq!(tab.status(), &SaveState::Saved);
    assert!(tab.on(Flush, &mut storage).is_empty(), "nothing more to save");
}

#[test]
fn without_storage_nothing_is_written_but_the_panic_copy_is_kept() {
    let mut storage = Storage::default();
    let mut tab = Tab::in_memory();
    assert!(tab.on(OpenedNew, &mut storage).is_empty(), "a new plan is not saved");
    assert_eq!(tab.on(Edited, &mut storage), vec![ScheduleSave { delay_ms: SAVE_DELAY_MS }]);
    assert!(matches!(tab.status(), SaveState::InMemory(_)));
    assert_eq!(tab.on(TimerFired, &mut storage), vec![KeepUnsavedCopy]);
    assert!(tab.on(Flush, &mut storage).is_empty());
    assert!(tab.on(OtherTabSaved { revision: 5 }, &mut storage).is_empty());
    assert!(tab.on(OtherTabDeleted, &mut storage).is_empty());
    tab.on(Discard, &mut storage);
    tab.on(OpenedStored { revision: 2 }, &mut storage);
    assert!(matches!(tab.status(), SaveState::InMemory(_)), "in memory for good");
    assert_eq!(storage.writes, 0);
}

#[test]
fn after_a_panic_nothing_is_written() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(Panicked, &mut storage), vec![CancelScheduledSave]);
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(TimerFired, &mut storage), Vec::<SaveAction>::new());
    assert!(tab.on(SaveNow, &mut storage).is_empty());
    assert!(tab.on(Flush, &mut storage).is_empty());
    assert!(tab.on(OpenedNew, &mut storage).is_empty());
    assert!(tab.state.is_halted());
    assert_eq!(storage.writes, 0);
}

#[test]
fn removing_an_import_drops_its_pending_edits_and_reopens_the_plan_before() {
    let mut storage = Storage::default();
    let mut tab = Tab::new();
    tab.on(OpenedNew, &mut storage);
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(Discard, &mut storage), vec![CancelScheduledSave]);
    tab.on(Closed, &mut storage);
    assert!(tab.on(TimerFired, &mut storage).is_empty(), "nothing of it is saved again");
    tab.on(OpenedStored { revision: 7 }, &mut storage);
    assert_eq!((tab.status(), tab.state.revision(), tab.state.is_open()), (&SaveState::Saved, 7, true));
}

#[test]
fn with_no_plan_open_a_save_writes_nothing() {
    let mut storage = Storage::default();
    let mut tab = Tab::new();
    assert!(tab.on(SaveNow, &mut storage).is_empty());
    assert!(tab.on(OtherTabSaved { revision: 3 }, &mut storage).is_empty());
    assert!(tab.on(OtherTabDeleted, &mut storage).is_empty());
    assert_eq!(tab.status(), &SaveState::Saved);
}

// Two tabs (e2e/tests/tabs.rs).

#[test]
fn a_tab_with_nothing_unsaved_takes_the_version_another_tab_saved() {
    let mut storage = Storage::default();
    let (mut first, mut second) = (Tab::opened(&storage), Tab::opened(&storage));
    first.on(Edited, &mut storage);
    first.on(TimerFired, &mut storage);
    let actions = second.on(OtherTabSaved { revision: storage.revision }, &mut storage);
    assert_eq!(actions, vec![Reload { revision: 1 }, ShowNotice(Notice::info(TAKEN_FROM_OTHER_TAB))]);
    assert_eq!((second.status(), second.state.revision()), (&SaveState::Saved, 1));

    // The second tab now edits on top of the first tab's work, and the first takes it.
    second.on(Edited, &mut storage);
    assert_eq!(writes(&second.on(TimerFired, &mut storage)), 1);
    assert_eq!(first.on(OtherTabSaved { revision: storage.revision }, &mut storage)[0], Reload { revision: 2 });
    assert_eq!(first.state.revision(), 2);
}

#[test]
fn a_tab_with_edits_pending_shows_the_conflict_and_overwrites_nothing() {
    let mut storage = Storage::default();
    let (mut first, mut second) = (Tab::opened(&storage), Tab::opened(&storage));
    second.on(Edited, &mut storage);
    first.on(Edited, &mut storage);
    first.on(SaveNow, &mut storage);
    let actions = second.on(OtherTabSaved { revision: storage.revision }, &mut storage);
    assert_eq!(actions, vec![CancelScheduledSave]);
    assert_eq!(second.status(), &conflict(false));
    assert_eq!(first.status(), &SaveState::Saved, "the tab that saved shows none");
    // Nothing is written until the user chooses; the panic copy is still kept.
    assert_eq!(second.on(TimerFired, &mut storage), vec![KeepUnsavedCopy]);
    assert_eq!(second.on(SaveNow, &mut storage), vec![KeepUnsavedCopy]);
    assert_eq!(second.on(Flush, &mut storage), vec![KeepUnsavedCopy]);
    assert!(!second.state.may_leave());
    // Edits go on in the conflicted tab; still nothing written.
    second.on(Edited, &mut storage);
    assert_eq!(second.status(), &conflict(false));
    assert_eq!(second.on(TimerFired, &mut storage), vec![KeepUnsavedCopy]);
    assert_eq!((storage.revision, storage.writes), (1, 1));
}

#[test]
fn keeping_mine_saves_this_tab_s_version_as_a_new_plan() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    storage.revision = 1;
    tab.on(OtherTabSaved { revision: 1 }, &mut storage);
    assert_eq!(tab.on(KeepMine, &mut storage), vec![SaveAsCopy]);
    assert_eq!(tab.status(), &SaveState::Saved);
    // The copy opens as a new plan, saved at once under its own id.
    let mut copy_storage = Storage::default();
    assert_eq!(tab.on(OpenedNew, &mut copy_storage), vec![Write { known_revision: 0 }]);
    assert_eq!((tab.status(), tab.state.revision()), (&SaveState::Saved, 1));
}

#[test]
fn taking_theirs_opens_the_stored_version_again() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    storage.revision = 4;
    tab.on(OtherTabSaved { revision: 4 }, &mut storage);
    assert_eq!(tab.on(TakeTheirs, &mut storage), vec![OpenStoredVersion]);
    assert_eq!(tab.status(), &SaveState::Saved);
    assert!(tab.state.may_leave(), "the stored version opens: nothing is flushed");
    tab.on(OpenedStored { revision: 4 }, &mut storage);
    assert_eq!((tab.status(), tab.state.revision()), (&SaveState::Saved, 4));
}

#[test]
fn another_tab_deleting_the_plan_is_a_conflict_whatever_this_tab_holds() {
    let mut storage = Storage::default();
    let mut idle = Tab::opened(&storage);
    assert!(idle.on(OtherTabDeleted, &mut storage).is_empty());
    assert_eq!(idle.status(), &conflict(true));
    assert!(!idle.state.may_leave());
    // No stored version to take: only keeping this tab's is offered.
    assert!(idle.on(TakeTheirs, &mut storage).is_empty());
    assert_eq!(idle.status(), &conflict(true));
    assert_eq!(idle.on(KeepMine, &mut storage), vec![SaveAsCopy]);
}

#[test]
fn another_tab_deleting_the_plan_while_edits_are_pending_stops_their_save() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    storage.deleted = true;
    assert_eq!(tab.on(OtherTabDeleted, &mut storage), vec![CancelScheduledSave]);
    assert_eq!(tab.status(), &conflict(true));
    // A timer that fired anyway (it raced the event) writes nothing.
    assert_eq!(tab.on(TimerFired, &mut storage), vec![KeepUnsavedCopy]);
    assert_eq!(storage.writes, 0);
}

#[test]
fn a_tab_s_own_save_or_an_older_one_is_not_taken_again() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    tab.on(TimerFired, &mut storage);
    assert!(tab.on(OtherTabSaved { revision: 1 }, &mut storage).is_empty());
    assert!(tab.on(OtherTabSaved { revision: 0 }, &mut storage).is_empty());
    assert_eq!(tab.status(), &SaveState::Saved);
}

#[test]
fn an_edit_followed_at_once_by_closing_the_tab_is_saved() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    tab.on(Flush, &mut storage);
    assert_eq!(storage.writes, 1);
}

// Races and edge cases.

#[test]
fn a_save_racing_the_other_tab_s_news_is_refused_and_the_news_then_changes_nothing() {
    // The other tab saved; its storage event is not here yet when this tab's timer fires.
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    storage.revision = 1;
    assert_eq!(tab.on(TimerFired, &mut storage), vec![Write { known_revision: 0 }]);
    assert_eq!(tab.status(), &conflict(false), "the write was refused, not made over theirs");
    assert_eq!(storage.writes, 0);
    assert!(tab.on(OtherTabSaved { revision: 1 }, &mut storage).is_empty());
    assert_eq!(tab.status(), &conflict(false));
}

#[test]
fn two_saves_of_the_other_tab_in_a_row_are_each_taken() {
    let mut storage = Storage { revision: 2, ..Storage::default() };
    let mut tab = Tab::opened(&storage);
    storage.revision = 4;
    // Both storage events arrive after the second save: the first reloads revision 4, the
    // second is then no news.
    assert_eq!(tab.on(OtherTabSaved { revision: 4 }, &mut storage)[0], Reload { revision: 4 });
    assert!(tab.on(OtherTabSaved { revision: 4 }, &mut storage).is_empty());
    storage.revision = 5;
    assert_eq!(tab.on(OtherTabSaved { revision: 5 }, &mut storage)[0], Reload { revision: 5 });
    assert_eq!(tab.state.revision(), 5);
}

#[test]
fn a_version_that_cannot_be_read_is_not_taken_and_the_user_chooses() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    storage.revision = 1;
    storage.deleted = true;
    let actions = tab.on(OtherTabSaved { revision: 1 }, &mut storage);
    assert_eq!(actions, vec![Reload { revision: 1 }]);
    assert_eq!((tab.status(), tab.state.revision()), (&conflict(false), 0));
}

#[test]
fn a_failed_save_then_another_tab_s_save_is_a_conflict() {
    let mut storage = Storage { full: true, ..Storage::default() };
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    tab.on(TimerFired, &mut storage);
    assert!(matches!(tab.status(), SaveState::Failed(_)));
    tab.on(OtherTabSaved { revision: 1 }, &mut storage);
    assert_eq!(tab.status(), &conflict(false), "the failed edits are this tab's own");
}

#[test]
fn a_plan_deleted_then_saved_again_by_the_other_tab_offers_its_version() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(OtherTabDeleted, &mut storage);
    tab.on(OtherTabSaved { revision: 1 }, &mut storage);
    assert_eq!(tab.status(), &conflict(false));
    assert_eq!(tab.on(TakeTheirs, &mut storage), vec![OpenStoredVersion]);
}

#[test]
fn the_choices_mean_nothing_outside_a_conflict() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Edited, &mut storage);
    assert!(tab.on(TakeTheirs, &mut storage).is_empty());
    assert!(tab.on(KeepMine, &mut storage).is_empty());
    assert_eq!(tab.status(), &SaveState::Pending);
}

#[test]
fn an_edit_after_the_retry_failed_again_keeps_trying_until_one_fits() {
    let mut storage = Storage { full: true, ..Storage::default() };
    let mut tab = Tab::opened(&storage);
    for _ in 0..3 {
        tab.on(Edited, &mut storage);
        tab.on(TimerFired, &mut storage);
        assert!(matches!(tab.status(), SaveState::Failed(_)));
    }
    storage.full = false;
    tab.on(Edited, &mut storage);
    assert_eq!(tab.on(TimerFired, &mut storage), vec![Write { known_revision: 0 }]);
    assert_eq!((tab.status(), storage.writes), (&SaveState::Saved, 1));
}

#[test]
fn a_save_after_closing_writes_nothing() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(Closed, &mut storage);
    assert!(tab.on(SaveNow, &mut storage).is_empty());
    assert!(tab.on(OtherTabDeleted, &mut storage).is_empty());
    assert_eq!(tab.status(), &SaveState::Saved);
}

#[test]
fn opening_a_stored_plan_after_a_conflict_settles_it() {
    let mut storage = Storage::default();
    let mut tab = Tab::opened(&storage);
    tab.on(OtherTabDeleted, &mut storage);
    tab.on(Discard, &mut storage);
    tab.on(Closed, &mut storage);
    tab.on(OpenedStored { revision: 0 }, &mut storage);
    assert_eq!(tab.status(), &SaveState::Saved);
    assert!(tab.state.may_leave());
}
