//! The user's choice among the changes of one comparison: which are taken, and for
//! each conflict, whether it was decided (a conflict needs a choice before anything
//! is taken: keeping ours silently would drop their change, taking theirs would drop
//! ours).

use std::collections::BTreeSet;

use super::{ChangeId, Origin, PlanDiff};

/// The changes chosen to take, and the ones the user chose to leave as ours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    taken: BTreeSet<ChangeId>,
    /// Left as ours by a choice of the user (a conflict decided for ours, say).
    kept: BTreeSet<ChangeId>,
}

impl Selection {
    /// Nothing chosen yet, no conflict decided.
    pub fn none() -> Self {
        Self::default()
    }

    /// Every change, our own changes and the conflicts included (everything theirs).
    pub fn all(diff: &PlanDiff) -> Self {
        Self::of(diff.entries.iter().map(|entry| entry.id))
    }

    /// What "Select all" chooses: every change theirs made alone (without a common
    /// version, every difference).
    pub fn offered(diff: &PlanDiff) -> Self {
        let mut selection = Self::none();
        selection.take_offered(diff);
        selection
    }

    /// These changes taken, nothing else decided.
    pub fn of(ids: impl IntoIterator<Item = ChangeId>) -> Self {
        Self { taken: ids.into_iter().collect(), kept: BTreeSet::new() }
    }

    /// "Select all": takes every change theirs made alone (without a common version,
    /// every difference). Our own changes stay ours unless the user took one back, and
    /// each conflict keeps the choice made for it (or still waits for one).
    pub fn take_offered(&mut self, diff: &PlanDiff) {
        for entry in &diff.entries {
            if matches!(entry.origin, Origin::Theirs | Origin::Differs) {
                self.take(entry.id);
            }
        }
    }

    /// Takes theirs for this change.
    pub fn take(&mut self, id: ChangeId) {
        self.kept.remove(&id);
        self.taken.insert(id);
    }

    /// Keeps ours for this change (a decision: a conflict left this way is decided).
    pub fn leave(&mut self, id: ChangeId) {
        self.taken.remove(&id);
        self.kept.insert(id);
    }

    /// Whether theirs is taken for this change.
    pub fn contains(&self, id: ChangeId) -> bool {
        self.taken.contains(&id)
    }

    /// Whether ours was chosen for this change (not merely left unticked).
    pub fn keeps(&self, id: ChangeId) -> bool {
        self.kept.contains(&id)
    }

    /// Whether the user chose either side for this change.
    pub fn is_decided(&self, id: ChangeId) -> bool {
        self.contains(id) || self.keeps(id)
    }

    /// The conflicts of `diff` with no choice yet: nothing can be taken until there are none.
    pub fn undecided_conflicts<'a>(&'a self, diff: &'a PlanDiff) -> impl Iterator<Item = ChangeId> + 'a {
        diff.conflicts().map(|entry| entry.id).filter(|id| !self.is_decided(*id))
    }

    /// How many changes are taken.
    pub fn len(&self) -> usize {
        self.taken.len()
    }

    pub fn is_empty(&self) -> bool {
        self.taken.is_empty()
    }

    /// The changes taken, in order.
    pub fn iter(&self) -> impl Iterator<Item = ChangeId> + '_ {
        self.taken.iter().copied()
    }
}
