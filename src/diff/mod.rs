//! "Compare with a file": the differences between two plans, and merging the chosen
//! ones into the open plan. Pure, like the model: the UI shows a `PlanDiff`, lets the
//! user choose changes (a `Selection`), shows the merged plan from `merge`, and sends
//! its command through the one door (`model::apply`) as one undo step.
//!
//! **Ours and theirs.** Ours is the open plan; theirs is the file or stored plan it is
//! compared with. Every change goes from ours to theirs: taking it makes ours like theirs
//! in that one respect.
//!
//! **Matching.** Items are matched by id: people, tasks, risks and baselines by their
//! ids, links by their two tasks, external links by the other plan's id and the two
//! tasks, RACI cells by task and person, holidays by date. A
//! difference is an added item (theirs only), a removed one (ours only) or one changed
//! field of an item both have (`T14 duration 5 → 8 working days`); each is a typed
//! `Change` that prints as a sentence. A task's place is compared as its parent ("moved
//! under T2") and, under the same parent, its order among the siblings both plans share
//! (only the fewest tasks that explain the new order are reported). The order of
//! people, links, cells and risks in their lists carries no meaning and is not compared.
//! `revision` and `modified` are not changes: they are shown as `PlanStamp`s, so the
//! user can tell the two copies apart. Nor is the plan's `id`: it names the plan, and
//! two copies of one plan share it (or one has none yet, before its first save).
//!
//! **Ids that collide.** Two copies that each added a task often give both the same
//! next id. A same-id task that looks unrelated (different name, parent and dates:
//! the rule is in `collision`) is listed in `PlanDiff::collisions`, and its changes
//! stay listed too: the UI warns before they are taken, or calls `renumber_task` on
//! theirs (`free_task_id` gives an id) and compares again, so it shows as added.
//!
//! **Three-way.** With a common ancestor (`diff3` with a base), a change is classified
//! by what each side did since the base: theirs alone changed it (`Origin::Theirs`,
//! safe to take), both changed it differently (`Origin::Conflict`, shown side by side
//! with our change since the base), or ours alone changed it (not listed as a change to
//! take: `PlanDiff::kept`). Without a base (`diff`) every difference is
//! `Origin::Differs` and the user picks. Finding the base is the caller's job, and it
//! must be honest about it: a base is a copy both sides were made from, such as an
//! earlier stored revision of the same plan that both were saved from (same name, a
//! revision at most both sides', modified no later), or the version of the plan file
//! at the merge base in git. A plan file does not record which copy it came from, so
//! when no such copy is known, compare without a base.
//!
//! **Merging.** `merge` turns the chosen changes into model commands (one per item,
//! its chosen fields together) and applies them to a copy of ours through
//! `model::apply`, in an order that lets a full merge always succeed: new people and
//! tasks before what refers to them, removed links before moves and new links, moves
//! before removals, then every added, moved or reordered task put in its place among
//! its siblings in one `ReorderTasks`, and changed and added links in one
//! `SetDependencies` (one cycle check, not one per link). A removed task takes its
//! links and cells with it, as a removal in the app does. `merge` returns the merged
//! plan to preview, the schedule consequence (milestones that move, in working days)
//! and a `Command::Batch` of those same commands: sent through the one door it is
//! validated again and is one undo step. A choice that would break the plan (a link to
//! a task not taken, a cycle, a task removed while a subtask theirs keeps is still
//! inside it) is refused with a `MergeError` naming the change and, where it can, the
//! change not chosen that would make it possible. A `PlanDiff` describes the plan it
//! was computed from: `merge` refuses to use it on another plan, and the UI checks
//! `Merge::is_for` before sending the batch, as an edit made in between would otherwise
//! be undone by it.

mod change;
mod collision;
mod compare;
mod consequence;
mod merge;

pub use change::{
    BaselineField, Change, ChangeKey, ChangeKind, DependencyField, FieldChange, Item, PersonField, PlanField,
    RiskField, TaskField,
};
pub use collision::{free_task_id, names_unrelated, renumber_task, CollidingTask, TaskCollision};
pub use consequence::{schedule_consequence, DateMove, MilestoneMove, ScheduleConsequence};
pub use merge::{merge, Merge, MergeError};

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::outline::outline;
use crate::model::{Plan, TaskId};

/// Which plan is which, as the file records it: enough to tell two copies apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanStamp {
    pub name: String,
    pub revision: u64,
    pub modified: Option<NaiveDate>,
}

impl PlanStamp {
    pub fn of(plan: &Plan) -> Self {
        Self { name: plan.name.clone(), revision: plan.revision, modified: plan.modified }
    }
}

impl std::fmt::Display for PlanStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\", revision {}", self.name, self.revision)?;
        match self.modified {
            Some(date) => write!(f, ", modified {date}"),
            None => f.write_str(", never saved with a date"),
        }
    }
}

/// Names one entry of a `PlanDiff` (its place in `entries`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangeId(pub usize);

/// How a difference came about, which says whether taking it is safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// No common ancestor is known: the two plans simply differ here. The user picks.
    Differs,
    /// Only theirs changed this since the common ancestor: taking it loses nothing of ours.
    Theirs,
    /// Both changed this since the common ancestor, differently (or both added an item
    /// with this id). `ours` is our own change since the ancestor (its `from` is the
    /// ancestor's value); `None` when the ancestor did not have the item.
    Conflict { ours: Option<Box<Change>> },
}

/// One difference, as listed for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffEntry {
    pub id: ChangeId,
    pub change: Change,
    pub origin: Origin,
}

impl DiffEntry {
    pub fn kind(&self) -> ChangeKind {
        self.change.kind()
    }

    pub fn item(&self) -> Item {
        self.change.item()
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self.origin, Origin::Conflict { .. })
    }
}

impl std::fmt::Display for DiffEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.change.fmt(f)
    }
}

/// Every difference between two plans, grouped by `ChangeKind`, ready to choose from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanDiff {
    pub ours: PlanStamp,
    pub theirs: PlanStamp,
    /// The common ancestor, when one was given.
    pub base: Option<PlanStamp>,
    /// The changes that can be taken, in a fixed order (the plan, holidays, people,
    /// tasks, links, external links, RACI cells, risks, baselines). `entries[n].id` is
    /// `ChangeId(n)`.
    pub entries: Vec<DiffEntry>,
    /// With a base: what ours changed since it and theirs did not, as our changes from
    /// the base. Nothing to take (ours already has it), listed so the user knows it is kept.
    pub kept: Vec<Change>,
    /// Task ids both plans use for what look like different tasks.
    pub collisions: Vec<TaskCollision>,
    /// Which plan ours was (see `fingerprint`).
    ours_fingerprint: u64,
    /// Theirs' tasks (id, parent) in outline order: the order merged tasks are placed
    /// in, and where each goes among its siblings.
    theirs_tasks: Vec<(TaskId, Option<TaskId>)>,
}

impl PlanDiff {
    /// The plans are the same (`revision` and `modified` aside).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: ChangeId) -> Option<&DiffEntry> {
        self.entries.get(id.0)
    }

    /// The entries of one group, in order.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &DiffEntry> {
        self.entries.iter().filter(move |entry| entry.kind() == kind)
    }

    pub fn added(&self) -> impl Iterator<Item = &DiffEntry> {
        self.of_kind(ChangeKind::Added)
    }

    pub fn removed(&self) -> impl Iterator<Item = &DiffEntry> {
        self.of_kind(ChangeKind::Removed)
    }

    pub fn changed(&self) -> impl Iterator<Item = &DiffEntry> {
        self.of_kind(ChangeKind::Changed)
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &DiffEntry> {
        self.entries.iter().filter(|entry| entry.is_conflict())
    }

    /// Every entry about one item (all of T14's changed fields, say).
    pub fn entries_of<'a>(&'a self, item: &'a Item) -> impl Iterator<Item = &'a DiffEntry> + 'a {
        self.entries.iter().filter(move |entry| &entry.item() == item)
    }

    /// The collision on a task id, if its two tasks look unrelated.
    pub fn collision(&self, id: &TaskId) -> Option<&TaskCollision> {
        self.collisions.iter().find(|collision| &collision.id == id)
    }

    /// Whether this comparison was made with `plan` as ours (the same plan, not an
    /// edited one).
    pub fn is_for(&self, plan: &Plan) -> bool {
        fingerprint(plan) == self.ours_fingerprint
    }

    /// The entries as sentences, one per line: for logs and tests.
    pub fn to_text(&self) -> String {
        self.entries.iter().map(|entry| format!("{entry}\n")).collect()
    }
}

/// The changes chosen to take, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(BTreeSet<ChangeId>);

impl Selection {
    /// Nothing chosen yet.
    pub fn none() -> Self {
        Self::default()
    }

    /// Every change ("take all").
    pub fn all(diff: &PlanDiff) -> Self {
        Self(diff.entries.iter().map(|entry| entry.id).collect())
    }

    /// Every change but the conflicts, which the user decides one by one.
    pub fn all_but_conflicts(diff: &PlanDiff) -> Self {
        Self(diff.entries.iter().filter(|entry| !entry.is_conflict()).map(|entry| entry.id).collect())
    }

    pub fn of(ids: impl IntoIterator<Item = ChangeId>) -> Self {
        Self(ids.into_iter().collect())
    }

    pub fn take(&mut self, id: ChangeId) {
        self.0.insert(id);
    }

    pub fn leave(&mut self, id: ChangeId) {
        self.0.remove(&id);
    }

    pub fn contains(&self, id: ChangeId) -> bool {
        self.0.contains(&id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = ChangeId> + '_ {
        self.0.iter().copied()
    }
}

/// Every difference between our plan and theirs, with no common ancestor known: each
/// is `Origin::Differs`.
pub fn diff(ours: &Plan, theirs: &Plan) -> PlanDiff {
    diff3(None, ours, theirs)
}

/// Every difference between our plan and theirs, classified against their common
/// ancestor `base` when one is known (see the module's notes on finding one).
pub fn diff3(base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> PlanDiff {
    let changes = compare::compare(ours, theirs);
    let mut entries = Vec::with_capacity(changes.len());
    let mut kept = Vec::new();
    match base {
        None => entries.extend(changes.into_iter().map(|change| (change, Origin::Differs))),
        Some(base) => {
            let sides = SinceBase::new(base, ours, theirs);
            for change in changes {
                match sides.classify(&change) {
                    Classified::ToTake(origin) => entries.push((change, origin)),
                    Classified::Kept(ours) => kept.push(*ours),
                }
            }
        }
    }
    PlanDiff {
        ours: PlanStamp::of(ours),
        theirs: PlanStamp::of(theirs),
        base: base.map(PlanStamp::of),
        entries: entries
            .into_iter()
            .enumerate()
            .map(|(index, (change, origin))| DiffEntry { id: ChangeId(index), change, origin })
            .collect(),
        kept,
        collisions: collision::task_collisions(ours, theirs),
        ours_fingerprint: fingerprint(ours),
        theirs_tasks: outline(theirs)
            .into_iter()
            .map(|row| (theirs.tasks[row.index].id.clone(), theirs.tasks[row.index].parent.clone()))
            .collect(),
    }
}

/// A hash of the whole plan, as its file: two plans with the same fingerprint are, in
/// all likelihood, the same plan. For telling whether the plan changed since it was
/// compared, within one session (the hasher is not stable across builds).
pub(crate) fn fingerprint(plan: &Plan) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    crate::file::to_json(plan).hash(&mut hasher);
    hasher.finish()
}

/// What each side changed since the base, by key and by item.
struct SinceBase {
    ours: HashMap<ChangeKey, Change>,
    theirs: HashSet<ChangeKey>,
    theirs_items: HashSet<Item>,
}

/// A difference between ours and theirs, seen from the base.
enum Classified {
    /// Theirs changed it (alone or as well as ours): listed to take.
    ToTake(Origin),
    /// Ours alone changed it: this is our change since the base, kept.
    Kept(Box<Change>),
}

impl SinceBase {
    fn new(base: &Plan, ours: &Plan, theirs: &Plan) -> Self {
        let ours_changes = compare::compare(base, ours);
        let theirs_changes = compare::compare(base, theirs);
        Self {
            ours: ours_changes.into_iter().map(|change| (change.key(), change)).collect(),
            theirs_items: theirs_changes.iter().map(Change::item).collect(),
            theirs: theirs_changes.iter().map(Change::key).collect(),
        }
    }

    fn classify(&self, change: &Change) -> Classified {
        let item = change.item();
        let whole = ChangeKey { item: item.clone(), field: None };
        let conflict = |ours: &Change| Classified::ToTake(Origin::Conflict { ours: Some(Box::new(ours.clone())) });
        match change.kind() {
            ChangeKind::Added => match self.ours.get(&whole) {
                // The base had it and ours removed it: a conflict if theirs edited it since.
                Some(removed) if self.theirs_items.contains(&item) => conflict(removed),
                Some(removed) => Classified::Kept(Box::new(removed.clone())),
                // The base did not have it: theirs added it.
                None => Classified::ToTake(Origin::Theirs),
            },
            ChangeKind::Removed => match self.ours.get(&whole) {
                // The base did not have it: ours added it.
                Some(added) => Classified::Kept(Box::new(added.clone())),
                // The base had it and theirs removed it: a conflict if ours edited it since.
                None => match self.ours.iter().filter(|(key, _)| key.item == item).min_by_key(|(key, _)| *key) {
                    Some((_, edited)) => conflict(edited),
                    None => Classified::ToTake(Origin::Theirs),
                },
            },
            ChangeKind::Changed => {
                if self.ours.contains_key(&whole) {
                    // Both added an item with this id, differently.
                    return Classified::ToTake(Origin::Conflict { ours: None });
                }
                let key = change.key();
                match (self.ours.get(&key), self.theirs.contains(&key)) {
                    (None, true) => Classified::ToTake(Origin::Theirs),
                    (Some(ours), false) => Classified::Kept(Box::new(ours.clone())),
                    (Some(ours), true) => conflict(ours),
                    // Neither moved it from the base and yet they differ: only the order
                    // of siblings can do that (it is relative to the other siblings).
                    (None, false) => Classified::ToTake(Origin::Differs),
                }
            }
        }
    }
}
