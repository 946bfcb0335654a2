//! Bringing a plan's external links up to date: each link's predecessor looked up in a
//! fresh copy of its plan (as it is in this browser, or imported again), the changes
//! turned into one command, and each explained in the plan's terms:
//!
//! "Platform GA moved 5 working days later; T12 and 4 tasks after it move; your launch
//! moves 3 working days"
//!
//! What a change does to this plan is found by scheduling it before and after that one
//! change (working days on this plan's calendar); "your launch" is the plan's last
//! milestone, or its finish when it has none. A predecessor that is no longer in its
//! plan is kept with its last known dates and marked missing, never dropped.

use chrono::NaiveDate;

use crate::model::text::shortened;
use crate::model::{Command, ExternalDependency, KnownTask, Plan, TaskId, TaskKind};
use crate::schedule::{GraphCache, Schedule, ScheduleError};

/// Another plan as it is now, with its schedule.
#[derive(Clone, Copy, Debug)]
pub struct OtherPlan<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
}

/// What refreshing one plan's external links finds and does.
#[derive(Clone, Debug, PartialEq)]
pub struct ExternalRefresh {
    /// One `Command::Batch` of a `RefreshExternalDependency` per changed link, to send
    /// through the one door as one undo step; `None` when nothing changed.
    pub command: Option<Command>,
    /// The changed links in the plan's order, each with its sentence.
    pub changes: Vec<ExternalChange>,
    /// When several links moved, what they move together ("Together, your launch moves
    /// 6 working days").
    pub together: Option<String>,
    /// The links whose plan is not at hand, or not only once: their dates stay as known.
    pub unchecked: Vec<Unchecked>,
}

impl ExternalRefresh {
    /// Nothing to refresh, and nothing left unchecked.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.unchecked.is_empty()
    }
}

/// One link whose predecessor changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalChange {
    /// Index into `plan.external_dependencies`.
    pub link: usize,
    pub kind: ExternalChangeKind,
    /// What the plan will know of the predecessor once refreshed.
    pub known: KnownTask,
    pub sentence: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalChangeKind {
    /// Its dates changed. `working_days` is how far its finish moved (its start, if only
    /// that moved) on this plan's calendar, positive when later; `moved_tasks` are this
    /// plan's tasks that move with it (summaries aside), in plan order; `launch` is how
    /// far "your launch" moves.
    Moved { working_days: i64, moved_tasks: Vec<TaskId>, launch: i64 },
    /// Only its name or its plan's name changed.
    Renamed,
    /// It is no longer in its plan: the link keeps the last dates known, marked missing.
    Missing,
    /// It was marked missing and is back, at the dates known.
    Found,
}

/// A link left as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unchecked {
    /// Index into `plan.external_dependencies`.
    pub link: usize,
    pub reason: UncheckedReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UncheckedReason {
    /// Its plan is not among the others given.
    PlanNotHere,
    /// Several of the others have its plan's id: which is meant cannot be told.
    SeveralPlans(usize),
}

/// The refresh of `plan`'s external links from `others` (the plan itself may be among
/// them; it is never its own link's plan). Fails only if `plan` cannot be scheduled.
pub fn refresh(plan: &Plan, others: &[OtherPlan]) -> Result<ExternalRefresh, ScheduleError> {
    let mut found = Vec::new();
    let mut unchecked = Vec::new();
    for (link, dependency) in plan.external_dependencies.iter().enumerate() {
        let mut candidates = others.iter().filter(|other| other.plan.id.as_ref() == Some(&dependency.plan));
        match (candidates.next(), candidates.count()) {
            (None, _) => unchecked.push(Unchecked { link, reason: UncheckedReason::PlanNotHere }),
            (Some(other), 0) => {
                let fresh = fresh_known(dependency, other);
                if fresh != dependency.known {
                    found.push((link, fresh));
                }
            }
            (Some(_), more) => unchecked.push(Unchecked { link, reason: UncheckedReason::SeveralPlans(more + 1) }),
        }
    }
    if found.is_empty() {
        return Ok(ExternalRefresh { command: None, changes: Vec::new(), together: None, unchecked });
    }
    let mut effects = Effects::new(plan)?;
    let mut changes = Vec::with_capacity(found.len());
    for (link, known) in found {
        let kind = effects.kind_of_change(link, &known)?;
        let sentence = sentence(&plan.external_dependencies[link], &known, &kind);
        changes.push(ExternalChange { link, kind, known, sentence });
    }
    let together = effects.together(&changes)?;
    let command = (!changes.is_empty()).then(|| {
        Command::Batch(
            changes
                .iter()
                .map(|change| {
                    let dependency = &plan.external_dependencies[change.link];
                    Command::RefreshExternalDependency {
                        plan: dependency.plan.clone(),
                        predecessor: dependency.predecessor.clone(),
                        successor: dependency.successor.clone(),
                        known: change.known.clone(),
                    }
                })
                .collect(),
        )
    });
    Ok(ExternalRefresh { command, changes, together, unchecked })
}

/// What the plan should know of a link's predecessor, from the other plan as it is.
fn fresh_known(dependency: &ExternalDependency, other: &OtherPlan) -> KnownTask {
    let Some(index) = other.plan.task_index(dependency.predecessor.as_str()) else {
        return KnownTask { missing: true, ..dependency.known.clone() };
    };
    known_task(other.plan, other.schedule, index)
}

/// What a plan knows of task `index` of `other`, scheduled as `schedule`: its dates, its
/// name and its plan's name (a new link's, or a link's brought up to date).
pub fn known_task(other: &Plan, schedule: &Schedule, index: usize) -> KnownTask {
    let task = &other.tasks[index];
    KnownTask {
        plan_name: other.name.clone(),
        name: task.name.clone(),
        milestone: task.kind == TaskKind::Milestone,
        start: schedule.start_date(index),
        finish: schedule.finish_date(index),
        missing: false,
    }
}

/// The plan scheduled as it is, and again with changed links, on one graph.
struct Effects<'a> {
    plan: &'a Plan,
    cache: GraphCache,
    before: Schedule,
    /// The plan as the next schedule sees it: a copy whose links are changed one at a
    /// time and put back.
    work: Plan,
}

impl<'a> Effects<'a> {
    fn new(plan: &'a Plan) -> Result<Self, ScheduleError> {
        let mut cache = GraphCache::default();
        let before = cache.compute(plan)?;
        Ok(Self { plan, cache, before, work: plan.clone() })
    }

    fn kind_of_change(&mut self, link: usize, known: &KnownTask) -> Result<ExternalChangeKind, ScheduleError> {
        let old = &self.plan.external_dependencies[link].known;
        let dates_changed = (old.start, old.finish, old.milestone) != (known.start, known.finish, known.milestone);
        if known.missing {
            return Ok(ExternalChangeKind::Missing);
        }
        if !dates_changed {
            return Ok(if old.missing { ExternalChangeKind::Found } else { ExternalChangeKind::Renamed });
        }
        let calendar = &self.before.calendar;
        let working_days = match calendar.working_days_between(old.finish, known.finish) {
            0 => calendar.working_days_between(old.start, known.start),
            days => days,
        };
        let after = self.with_known(&[(link, known)])?;
        let moved_tasks = self.moved_tasks(&after, &self.plan.external_dependencies[link].successor);
        let launch = self.launch_move(&after);
        Ok(ExternalChangeKind::Moved { working_days, moved_tasks, launch })
    }

    /// The schedule with these links' known tasks changed.
    fn with_known(&mut self, changed: &[(usize, &KnownTask)]) -> Result<Schedule, ScheduleError> {
        for &(link, known) in changed {
            self.work.external_dependencies[link].known = known.clone();
        }
        let after = self.cache.compute(&self.work);
        for &(link, _) in changed {
            self.work.external_dependencies[link].known = self.plan.external_dependencies[link].known.clone();
        }
        after
    }

    /// The tasks (not summaries) whose start or finish differs in `after`, the
    /// successor first if it moved, then in plan order.
    fn moved_tasks(&self, after: &Schedule, successor: &TaskId) -> Vec<TaskId> {
        // Day numbers on one calendar: equal numbers are equal dates.
        let mut moved: Vec<TaskId> = (0..self.plan.tasks.len())
            .filter(|&task| !self.before.tasks[task].summary)
            .filter(|&task| {
                (self.before.start_day(task), self.before.finish_day(task))
                    != (after.start_day(task), after.finish_day(task))
            })
            .map(|task| self.plan.tasks[task].id.clone())
            .collect();
        if let Some(at) = moved.iter().position(|task| task == successor) {
            let first = moved.remove(at);
            moved.insert(0, first);
        }
        moved
    }

    /// Working days "your launch" moves in `after`: the plan's last milestone (as the
    /// plan stands), or its finish when it has no milestone.
    fn launch_move(&self, after: &Schedule) -> i64 {
        let (from, to) = match launch(self.plan, &self.before) {
            Some(task) => (self.before.finish_date(task), after.finish_date(task)),
            None => (self.before.finish_date_of_plan(), after.finish_date_of_plan()),
        };
        self.before.calendar.working_days_between(from, to)
    }

    /// When several links moved: how far the launch moves with all of them.
    fn together(&mut self, changes: &[ExternalChange]) -> Result<Option<String>, ScheduleError> {
        let moved: Vec<(usize, &KnownTask)> = changes
            .iter()
            .filter(|change| matches!(change.kind, ExternalChangeKind::Moved { .. }))
            .map(|change| (change.link, &change.known))
            .collect();
        if moved.len() < 2 {
            return Ok(None);
        }
        let after = self.with_known(&moved)?;
        Ok(Some(format!("Together, {}", launch_words(self.launch_move(&after)))))
    }
}

/// The plan's last milestone by its date (the last in plan order of those on that day).
fn launch(plan: &Plan, schedule: &Schedule) -> Option<usize> {
    (0..plan.tasks.len())
        .filter(|&task| plan.tasks[task].kind == TaskKind::Milestone && !schedule.tasks[task].summary)
        .max_by_key(|&task| (schedule.finish_day(task), task))
}

fn sentence(dependency: &ExternalDependency, known: &KnownTask, kind: &ExternalChangeKind) -> String {
    let old = &dependency.known;
    let name = shortened(&known.name);
    match kind {
        ExternalChangeKind::Moved { working_days, moved_tasks, launch } => {
            let mut text = format!("{name} moved {}", moved_by(*working_days, known.finish));
            text.push_str(&format!("; {}", what_moves(moved_tasks, &dependency.successor)));
            if !moved_tasks.is_empty() {
                text.push_str(&format!("; {}", launch_words(*launch)));
            }
            text
        }
        ExternalChangeKind::Missing => format!(
            "{} ({} of {}) is no longer in {}: the link to {} keeps its last known dates ({}) and is marked missing",
            shortened(&old.name),
            shortened(dependency.predecessor.as_str()),
            shortened(&old.plan_name),
            shortened(&known.plan_name),
            shortened(dependency.successor.as_str()),
            days(old.start, old.finish),
        ),
        ExternalChangeKind::Found => format!(
            "{name} is in {} again: the link to {} is no longer marked missing",
            shortened(&known.plan_name),
            shortened(dependency.successor.as_str())
        ),
        ExternalChangeKind::Renamed => renamed(old, known),
    }
}

/// "5 working days later", "1 working day earlier", "to 2027-03-06" (another day that
/// this calendar counts as the same working day).
fn moved_by(working_days: i64, to: NaiveDate) -> String {
    let count = working_days.unsigned_abs();
    let unit = if count == 1 { "working day" } else { "working days" };
    match working_days.signum() {
        1 => format!("{count} {unit} later"),
        -1 => format!("{count} {unit} earlier"),
        _ => format!("to {to}"),
    }
}

/// "T12 and 4 tasks after it move", "T12 moves", "nothing in this plan moves".
fn what_moves(moved: &[TaskId], successor: &TaskId) -> String {
    match moved.split_first() {
        None => "nothing in this plan moves".into(),
        Some((first, [])) if first == successor => format!("{} moves", shortened(first.as_str())),
        Some((first, [_])) if first == successor => format!("{} and 1 task after it move", shortened(first.as_str())),
        Some((first, rest)) if first == successor => {
            format!("{} and {} tasks after it move", shortened(first.as_str()), rest.len())
        }
        Some(_) if moved.len() == 1 => "1 task moves".into(),
        Some(_) => format!("{} tasks move", moved.len()),
    }
}

/// "your launch moves 3 working days" (later, as the issue words it), "... earlier",
/// or "your launch does not move".
fn launch_words(working_days: i64) -> String {
    let count = working_days.unsigned_abs();
    let unit = if count == 1 { "working day" } else { "working days" };
    match working_days.signum() {
        1 => format!("your launch moves {count} {unit}"),
        -1 => format!("your launch moves {count} {unit} earlier"),
        _ => "your launch does not move".into(),
    }
}

/// "Platform GA is now called "GA"; Platform is now called "Core platform"".
fn renamed(old: &KnownTask, known: &KnownTask) -> String {
    let mut parts = Vec::new();
    for (before, after) in [(&old.name, &known.name), (&old.plan_name, &known.plan_name)] {
        if before != after {
            parts.push(format!("{} is now called \"{}\"", shortened(before), shortened(after)));
        }
    }
    parts.join("; ")
}

/// "2027-03-05", or "2027-03-01 to 2027-03-05".
fn days(start: NaiveDate, finish: NaiveDate) -> String {
    if start == finish {
        start.to_string()
    } else {
        format!("{start} to {finish}")
    }
}
