//! "Compare with a file": the differences between two plans, and merging the chosen
//! ones into the open plan. Pure, like the model: the UI shows a `PlanDiff`, lets the
//! user choose changes (a `Selection`), shows the merged plan from `merge`, and sends
//! its command through the one door (`model::apply`) as one undo step.
//!
//! **Ours and theirs.** Ours is the open plan; theirs is the file or stored plan it is
//! compared with. Every change goes from ours to theirs: taking it makes ours like theirs
//! in that one respect.
//!
//! **Matching.** Items are matched by id: people, tasks, risks, baselines and the RAID
//! log's assumptions, issues and decisions by their ids, links by their two tasks,
//! external links by the other plan's id and the two tasks, RACI cells by task and
//! person, holidays by date; the budget's currency and total are one item, a day rate is
//! matched by its person and a task's amounts by its task (`log_compare`). A
//! difference is an added item (theirs only), a removed one (ours only) or one changed
//! field of an item both have (`T14 duration 5 → 8 working days`); each is a typed
//! `Change` that prints as a sentence. A task's place is compared as its parent ("moved
//! under T2") and, under the same parent, its order among the siblings both plans share
//! (only the fewest tasks that explain the new order are reported). The order of
//! people, links, cells and risks in their lists carries no meaning and is not compared.
//! `revision`, `modified` and `saved_by` are not changes: they are shown as
//! `PlanStamp`s, so the user can tell the two copies apart. Nor is the plan's `id`: it
//! names the plan, and two copies of one plan share it (or one has none yet, before its
//! first save).
//!
//! **Ids that collide.** Two copies that each added a task often give both the same
//! next id. A same-id task that looks unrelated (different name, parent and dates:
//! the rule is in `collision`) is listed in `PlanDiff::collisions`, and its changes
//! stay listed too: the UI warns before they are taken, or calls `renumber_task` on
//! theirs (`free_task_id` gives an id) and compares again, so it shows as added.
//!
//! **Three-way: whose change is whose.** With the common version of the two copies
//! (`diff3` with a base: the copy both were made from), each difference is classified
//! by what each side did since (`three_way`): ours alone changed it (`Origin::Ours`:
//! listed, kept unless the user takes theirs, which would undo our change), theirs alone
//! changed it (`Origin::Theirs`: safe to take), or both changed it differently
//! (`Origin::Conflict`, with our change since the base: the user must choose). The same
//! change on both sides is no difference at all. Without a base (`diff`) every
//! difference is `Origin::Differs` and the user picks. `Selection::take_offered` is
//! "Select all": theirs, never ours, and conflicts wait for a choice.
//!
//! Finding the base is the caller's job, and it must be honest about it: a base is a
//! copy both sides were made from, such as the version of this plan last exported or
//! imported, or the version of the plan file at the merge base in git. A plan file does
//! not record which copy it came from; `check_common_version` refuses a copy that
//! cannot be one (saved more times than either side). When no such copy is known,
//! compare without a base, and say that whose change is whose is then unknown.
//!
//! **Merging.** `merge` turns the chosen changes into model commands (one per item,
//! its chosen fields together) and applies them to a copy of ours through
//! `model::apply`, in an order that lets a full merge always succeed: new people and
//! tasks before what refers to them, removed links before moves and new links, moves
//! before removals, then every added, moved or reordered task put in its place among
//! its siblings in one `ReorderTasks`, and changed and added links in one
//! `SetDependencies` (one cycle check, not one per link); the RAID log after the risks
//! its issues and decisions may name, and the budget after the tasks and people its
//! amounts belong to (`log_merge`). A removed task takes its links, cells and costs with
//! it, as a removal in the app does. `merge` returns the merged
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
mod log_change;
mod log_compare;
mod log_merge;
mod merge;
pub mod proposal;
mod selection;
mod stamp;
mod three_way;

pub use change::{
    BaselineField, Change, ChangeKey, ChangeKind, DependencyField, FieldChange, Item, PersonField, PlanField,
    RiskField, TaskField,
};
pub use collision::{free_task_id, names_unrelated, renumber_task, CollidingTask, TaskCollision};
pub use consequence::{schedule_consequence, DateMove, MilestoneMove, ScheduleConsequence};
pub use log_change::{AssumptionField, BudgetField, DecisionField, IssueField, TaskCostField};
pub use merge::{merge, Merge, MergeError};
pub use selection::Selection;
pub use stamp::{author_name, PlanStamp};
pub use three_way::{check_common_version, ChangesSinceBase, NotCommon, Side};

use crate::model::outline::outline;
use crate::model::{Plan, TaskId};
use three_way::SinceBase;

/// Names one entry of a `PlanDiff` (its place in `entries`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangeId(pub usize);

/// How a difference came about, which says whether taking it is safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// No common version is known: the two plans simply differ here. The user picks.
    Differs,
    /// Only ours changed this since the common version: theirs is as it was, and
    /// taking it would undo our change. Kept unless the user takes it.
    Ours,
    /// Only theirs changed this since the common version: taking it loses nothing of ours.
    Theirs,
    /// Both changed this since the common version, differently (or both added an item
    /// with this id). `ours` is our own change since the common version (its `from` is
    /// that version's value); `None` when the common version did not have the item.
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
    /// The common version, when one was given.
    pub base: Option<PlanStamp>,
    /// The changes that can be taken, in a fixed order (the plan, holidays, people,
    /// tasks, links, external links, RACI cells, risks, baselines, assumptions, issues,
    /// decisions, the budget, day rates, task amounts). `entries[n].id` is
    /// `ChangeId(n)`.
    pub entries: Vec<DiffEntry>,
    /// With a base: how many changes each side made since it.
    pub since_base: Option<ChangesSinceBase>,
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

/// Every difference between our plan and theirs, with no common version known: each
/// is `Origin::Differs`.
pub fn diff(ours: &Plan, theirs: &Plan) -> PlanDiff {
    diff3(None, ours, theirs)
}

/// Every difference between our plan and theirs, classified against their common
/// version `base` when one is known (see the module's notes on finding one).
pub fn diff3(base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> PlanDiff {
    let changes = compare::compare(ours, theirs);
    let since_base = base.map(|base| SinceBase::new(base, ours, theirs));
    let origin = |change: &Change| since_base.as_ref().map_or(Origin::Differs, |sides| sides.classify(change));
    PlanDiff {
        ours: PlanStamp::of(ours),
        theirs: PlanStamp::of(theirs),
        base: base.map(PlanStamp::of),
        entries: changes
            .into_iter()
            .enumerate()
            .map(|(index, change)| DiffEntry { id: ChangeId(index), origin: origin(&change), change })
            .collect(),
        since_base: since_base.as_ref().map(|sides| sides.counts),
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
