//! Whose change is whose: each difference between ours and theirs classified by what
//! each side did since their common version (the copy both were made from), and the
//! check that a copy can be that common version at all.

use std::collections::{HashMap, HashSet};

use super::change::{Change, ChangeKey, ChangeKind, Item};
use super::compare::compare;
use super::Origin;
use crate::model::Plan;

/// How many changes each side made since the common version: each copy's own history
/// since they parted, as the lists count changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChangesSinceBase {
    pub ours: usize,
    pub theirs: usize,
}

/// What each side changed since the base, by key and by item.
pub(super) struct SinceBase {
    ours: HashMap<ChangeKey, Change>,
    theirs: HashSet<ChangeKey>,
    theirs_items: HashSet<Item>,
    pub(super) counts: ChangesSinceBase,
}

impl SinceBase {
    pub(super) fn new(base: &Plan, ours: &Plan, theirs: &Plan) -> Self {
        let ours_changes = compare(base, ours);
        let theirs_changes = compare(base, theirs);
        Self {
            counts: ChangesSinceBase { ours: ours_changes.len(), theirs: theirs_changes.len() },
            ours: ours_changes.into_iter().map(|change| (change.key(), change)).collect(),
            theirs_items: theirs_changes.iter().map(Change::item).collect(),
            theirs: theirs_changes.iter().map(Change::key).collect(),
        }
    }

    /// Whose is `change`, a difference from ours to theirs.
    pub(super) fn classify(&self, change: &Change) -> Origin {
        let item = change.item();
        let whole = ChangeKey { item: item.clone(), field: None };
        let conflict = |ours: &Change| Origin::Conflict { ours: Some(Box::new(ours.clone())) };
        match change.kind() {
            ChangeKind::Added => match self.ours.get(&whole) {
                // The base had it and ours removed it: a conflict if theirs edited it since.
                Some(removed) if with_its_parts(&item).iter().any(|part| self.theirs_items.contains(part)) => {
                    conflict(removed)
                }
                Some(_) => Origin::Ours,
                // The base did not have it: theirs added it.
                None => Origin::Theirs,
            },
            ChangeKind::Removed => match self.ours.get(&whole) {
                // The base did not have it: ours added it.
                Some(_) => Origin::Ours,
                // The base had it and theirs removed it: a conflict if ours edited it since.
                None => match self
                    .ours
                    .iter()
                    .filter(|(key, _)| with_its_parts(&item).contains(&key.item))
                    .min_by_key(|(key, _)| *key)
                {
                    Some((_, edited)) => conflict(edited),
                    None => Origin::Theirs,
                },
            },
            ChangeKind::Changed => {
                if self.ours.contains_key(&whole) {
                    // Both added an item with this id, differently.
                    return Origin::Conflict { ours: None };
                }
                let key = change.key();
                match (self.ours.get(&key), self.theirs.contains(&key)) {
                    (None, true) => Origin::Theirs,
                    (Some(_), false) => Origin::Ours,
                    (Some(ours), true) => conflict(ours),
                    // Neither moved it from the base and yet they differ: only the order
                    // of siblings can do that (it is relative to the other siblings).
                    (None, false) => Origin::Differs,
                }
            }
        }
    }
}

/// An item with what goes with it when it is removed: a task's costs, a person's day
/// rate. An edit of those by one side and the removal of the item by the other is a
/// conflict, as an edit of the item itself is.
fn with_its_parts(item: &Item) -> Vec<Item> {
    match item {
        Item::Task(id) => vec![item.clone(), Item::TaskCost(id.clone())],
        Item::Person(id) => vec![item.clone(), Item::DayRate(id.clone())],
        other => vec![other.clone()],
    }
}

/// Which copy a `NotCommon` is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Why a copy cannot be the common version of ours and theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotCommon {
    /// It was saved more times than one side: a revision only grows, so a copy made
    /// from it would be at least its revision.
    NewerRevision { side: Side, side_revision: u64, revision: u64 },
}

impl std::fmt::Display for NotCommon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NewerRevision { side, side_revision, revision } => {
                let side = match side {
                    Side::Ours => "this plan",
                    Side::Theirs => "theirs",
                };
                write!(
                    f,
                    "it is revision {revision} and {side} is revision {side_revision}: a copy made from it would be revision {revision} or later"
                )
            }
        }
    }
}

/// Whether `base` can be the copy both `ours` and `theirs` were made from. A plan file
/// does not record where it came from; what it does record, its revision, only grows,
/// so a base newer than either side cannot be theirs to share.
pub fn check_common_version(base: &Plan, ours: &Plan, theirs: &Plan) -> Result<(), NotCommon> {
    for (side, plan) in [(Side::Theirs, theirs), (Side::Ours, ours)] {
        if base.revision > plan.revision {
            return Err(NotCommon::NewerRevision { side, side_revision: plan.revision, revision: base.revision });
        }
    }
    Ok(())
}
