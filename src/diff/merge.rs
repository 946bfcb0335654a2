//! Taking chosen changes: each becomes a model command, applied to a copy of ours in an
//! order in which a full merge always succeeds; the commands together are one
//! `Command::Batch`, one undo step for the UI.

use std::collections::{HashMap, HashSet};

use super::change::{
    BaselineField, Change, DependencyField, ExternalDependencyField, PersonField, PlanField, RiskField, TaskField,
};
use super::consequence::{schedule_consequence, ScheduleConsequence};
use super::{fingerprint, ChangeId, DiffEntry, Item, PlanDiff, Selection};
use crate::model::validate::validate_plan;
use crate::model::{apply, Command, Dependency, ModelError, Plan, Task, TaskId, TaskKind};
use crate::schedule::ScheduleError;

/// The merged plan, to show before it is taken, and how to take it.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// Ours with the chosen changes: what the plan becomes.
    pub plan: Plan,
    /// One `Command::Batch` that turns ours into `plan`: send it through the one door
    /// (`model::apply`, the UI's dispatch), where it is checked again and is one undo
    /// step. Empty when nothing was chosen.
    pub command: Command,
    /// Which milestones move, and by how many working days.
    pub schedule: Result<ScheduleConsequence, ScheduleError>,
    /// Which plan the command was made for (see `is_for`).
    ours_fingerprint: u64,
}

impl Merge {
    /// Whether `command` was made for `plan`: check before sending it, as an edit made
    /// since the merge was computed would otherwise be undone by it.
    pub fn is_for(&self, plan: &Plan) -> bool {
        fingerprint(plan) == self.ours_fingerprint
    }
}

/// Why the chosen changes cannot be taken together. Ours is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError {
    /// The chosen changes that could not be taken; empty only when the plan changed
    /// since it was compared, or the merged plan as a whole broke a rule no step caught.
    pub changes: Vec<ChangeId>,
    /// Changes not chosen that would make them possible, when the reason points to some.
    pub also_needed: Vec<ChangeId>,
    /// The whole explanation, naming the changes: "Cannot take "link T2 → T9 added
    /// (FS)": task T9 does not exist. Take "T9 added: …" too."
    pub message: String,
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MergeError {}

/// Ours with the chosen changes of `diff` (which must have been computed from this
/// `ours`), or why they cannot be taken.
pub fn merge(ours: &Plan, diff: &PlanDiff, selection: &Selection) -> Result<Merge, MergeError> {
    let ours_fingerprint = fingerprint(ours);
    if ours_fingerprint != diff.ours_fingerprint {
        return Err(MergeError {
            changes: Vec::new(),
            also_needed: Vec::new(),
            message: "The plan changed since it was compared: compare again.".into(),
        });
    }
    let chosen: Vec<&DiffEntry> = diff.entries.iter().filter(|entry| selection.contains(entry.id)).collect();
    let mut builder = Builder { diff, selection, work: ours.clone(), commands: Vec::new() };
    builder.plan_fields(&chosen)?;
    builder.people_added_and_changed(&chosen)?;
    builder.links_and_cells_removed(&chosen)?;
    let becoming_milestones = builder.tasks_changed(&chosen)?;
    builder.tasks_added_and_moved(&chosen)?;
    builder.tasks_removed(&chosen)?;
    for (ids, task) in becoming_milestones {
        builder.run(&ids, Command::UpdateTask(task))?;
    }
    builder.tasks_placed(&chosen)?;
    builder.links_and_cells_added_and_changed(&chosen)?;
    builder.risks(&chosen)?;
    builder.baselines(&chosen)?;
    builder.log_entries(&chosen)?;
    builder.budget(&chosen)?;
    builder.people_removed(&chosen)?;

    let Builder { work, commands, .. } = builder;
    if let Some(problem) = validate_plan(&work).into_iter().next() {
        return Err(MergeError {
            changes: Vec::new(),
            also_needed: Vec::new(),
            message: format!("Cannot take these changes together: {problem}."),
        });
    }
    let schedule = schedule_consequence(ours, &work);
    Ok(Merge { plan: work, command: Command::Batch(commands), schedule, ours_fingerprint })
}

pub(super) struct Builder<'a> {
    diff: &'a PlanDiff,
    selection: &'a Selection,
    /// Ours as the commands so far left it.
    pub(super) work: Plan,
    commands: Vec<Command>,
}

/// Chosen entries grouped by item, in the order their items first appear.
pub(super) fn by_item<'a>(entries: impl Iterator<Item = &'a DiffEntry>) -> Vec<(Item, Vec<&'a DiffEntry>)> {
    let mut groups: Vec<(Item, Vec<&DiffEntry>)> = Vec::new();
    let mut index_of: HashMap<Item, usize> = HashMap::new();
    for entry in entries {
        let item = entry.item();
        match index_of.get(&item) {
            Some(&index) => groups[index].1.push(entry),
            None => {
                index_of.insert(item.clone(), groups.len());
                groups.push((item, vec![entry]));
            }
        }
    }
    groups
}

pub(super) fn ids(entries: &[&DiffEntry]) -> Vec<ChangeId> {
    entries.iter().map(|entry| entry.id).collect()
}

/// The words of a message that can be ids (letters, digits, `-`, `_`).
fn mentioned_ids(message: &str) -> HashSet<&str> {
    message.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).filter(|w| !w.is_empty()).collect()
}

impl Builder<'_> {
    /// Applies one command for the changes `ids`; on refusal, says which changes and why.
    pub(super) fn run(&mut self, ids: &[ChangeId], command: Command) -> Result<(), MergeError> {
        match apply(&mut self.work, command.clone()) {
            Ok(_) => {
                self.commands.push(command);
                Ok(())
            }
            Err(error) => Err(self.refused(ids, &error)),
        }
    }

    /// The changes `ids` refused by the model for `error`, with the changes not chosen
    /// that would help.
    fn refused(&self, ids: &[ChangeId], error: &ModelError) -> MergeError {
        self.error(ids, &error.to_string(), self.enabling_changes(error))
    }

    fn text(&self, id: ChangeId) -> String {
        self.diff.entry(id).map(|entry| format!("\"{entry}\"")).unwrap_or_default()
    }

    fn error(&self, ids: &[ChangeId], reason: &str, also_needed: Vec<ChangeId>) -> MergeError {
        let named: Vec<String> = ids.iter().map(|&id| self.text(id)).collect();
        let mut message = format!("Cannot take {}: {reason}.", named.join(" and "));
        if !also_needed.is_empty() {
            let needed: Vec<String> = also_needed.iter().map(|&id| self.text(id)).collect();
            message.push_str(&format!(" Take {} too.", needed.join(" and ")));
        }
        MergeError { changes: ids.to_vec(), also_needed, message }
    }

    /// Changes not chosen that a refusal points to: an added task, person, risk, assumption
    /// or decision the message names, a removed link or a move of tasks of a cycle, a task
    /// that stops being a milestone, the list of categories.
    fn enabling_changes(&self, error: &ModelError) -> Vec<ChangeId> {
        let text = error.to_string();
        let named = mentioned_ids(&text);
        let category = matches!(error, ModelError::Invalid { field, .. } if field == "category");
        let cycle = matches!(error, ModelError::Cycle(_));
        let milestone = text.contains("milestone");
        self.diff
            .entries
            .iter()
            .filter(|entry| !self.selection.contains(entry.id))
            .filter(|entry| match &entry.change {
                Change::TaskAdded(task) => named.contains(task.id.as_str()),
                Change::PersonAdded(person) => named.contains(person.id.as_str()),
                Change::RiskAdded(risk) => named.contains(risk.id.as_str()),
                Change::AssumptionAdded(added) => named.contains(added.id.as_str()),
                Change::DecisionAdded(added) => named.contains(added.id.as_str()),
                Change::DependencyRemoved(link) => {
                    cycle && named.contains(link.predecessor.as_str()) && named.contains(link.successor.as_str())
                }
                Change::TaskChanged { id, field: TaskField::Parent(_) } => cycle && named.contains(id.as_str()),
                Change::TaskChanged { id, field: TaskField::Kind(_) } => milestone && named.contains(id.as_str()),
                Change::Plan(PlanField::RiskCategories(_)) => category,
                _ => false,
            })
            .map(|entry| entry.id)
            .collect()
    }

    /// Name, description, start, calendar, settings, and the categories theirs adds
    /// (their exact list is set after the risks, which may still use a category it drops).
    fn plan_fields(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let (mut name, mut description, mut start) =
            (self.work.name.clone(), self.work.description.clone(), self.work.start);
        let mut calendar = self.work.calendar.clone();
        let mut settings = self.work.settings;
        let (mut info, mut calendar_ids, mut settings_ids) = (Vec::new(), Vec::new(), Vec::new());
        for entry in chosen {
            match &entry.change {
                Change::Plan(PlanField::Name(change)) => {
                    name = change.to.clone();
                    info.push(entry.id);
                }
                Change::Plan(PlanField::Description(change)) => {
                    description = change.to.clone();
                    info.push(entry.id);
                }
                Change::Plan(PlanField::Start(change)) => {
                    start = change.to;
                    info.push(entry.id);
                }
                Change::Plan(PlanField::WorkingWeekdays(change)) => {
                    calendar.working_weekdays = change.to.clone();
                    calendar_ids.push(entry.id);
                }
                Change::HolidayAdded(holiday) => {
                    let at = calendar.holidays.partition_point(|other| other.date < holiday.date);
                    calendar.holidays.insert(at, holiday.clone());
                    calendar_ids.push(entry.id);
                }
                Change::HolidayRemoved(holiday) => {
                    calendar.holidays.retain(|other| other.date != holiday.date);
                    calendar_ids.push(entry.id);
                }
                Change::HolidayRenamed { date, name } => {
                    if let Some(holiday) = calendar.holidays.iter_mut().find(|holiday| holiday.date == *date) {
                        holiday.name = name.to.clone();
                    }
                    calendar_ids.push(entry.id);
                }
                Change::Plan(PlanField::OverloadThreshold(change)) => {
                    settings.overload_threshold = change.to;
                    settings_ids.push(entry.id);
                }
                Change::Plan(PlanField::ConsultedLimit(change)) => {
                    settings.consulted_limit = change.to;
                    settings_ids.push(entry.id);
                }
                Change::Plan(PlanField::RiskCategories(change)) => {
                    let mut categories = self.work.risk_categories.clone();
                    for category in &change.to {
                        if !categories.contains(category) {
                            categories.push(category.clone());
                        }
                    }
                    if categories != self.work.risk_categories {
                        self.run(&[entry.id], Command::SetRiskCategories(categories))?;
                    }
                }
                _ => {}
            }
        }
        if !info.is_empty() {
            self.run(&info, Command::SetPlanInfo { name, description, start })?;
        }
        if !calendar_ids.is_empty() {
            self.run(&calendar_ids, Command::SetCalendar(calendar))?;
        }
        if !settings_ids.is_empty() {
            self.run(&settings_ids, Command::SetSettings(settings))?;
        }
        Ok(())
    }

    fn people_added_and_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        for entry in chosen {
            if let Change::PersonAdded(person) = &entry.change {
                self.run(&[entry.id], Command::AddPerson { person: person.clone(), index: None })?;
            }
        }
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::PersonChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::Person(id) = item else { continue };
            let Some(mut person) = self.work.person(id.as_str()).cloned() else { continue };
            for entry in &entries {
                if let Change::PersonChanged { field, .. } = &entry.change {
                    match field {
                        PersonField::Name(change) => person.name = change.to.clone(),
                        PersonField::Role(change) => person.role = change.to.clone(),
                        PersonField::Team(change) => person.team = change.to.clone(),
                        PersonField::Email(change) => person.email = change.to.clone(),
                    }
                }
            }
            self.run(&ids(&entries), Command::UpdatePerson(person))?;
        }
        Ok(())
    }

    /// Removed links first (theirs may have removed one to make room for a move or a new
    /// link that would otherwise close a cycle), and removed RACI cells with them.
    fn links_and_cells_removed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let removed: HashMap<(&TaskId, &TaskId), ChangeId> = chosen
            .iter()
            .filter_map(|entry| match &entry.change {
                Change::DependencyRemoved(link) => Some(((&link.predecessor, &link.successor), entry.id)),
                _ => None,
            })
            .collect();
        if !removed.is_empty() {
            let kept: Vec<Dependency> = self
                .work
                .dependencies
                .iter()
                .filter(|link| !removed.contains_key(&(&link.predecessor, &link.successor)))
                .cloned()
                .collect();
            let mut ids: Vec<ChangeId> = removed.into_values().collect();
            ids.sort();
            self.run(&ids, Command::SetDependencies(kept))?;
        }
        for entry in chosen {
            if let Change::ExternalDependencyRemoved(link) = &entry.change {
                let command = Command::RemoveExternalDependency {
                    plan: link.plan.clone(),
                    predecessor: link.predecessor.clone(),
                    successor: link.successor.clone(),
                };
                self.run(&[entry.id], command)?;
            }
        }
        for entry in chosen {
            if let Change::RaciRemoved(cell) = &entry.change {
                let command = Command::SetRaci { task: cell.task.clone(), person: cell.person.clone(), role: None };
                self.run(&[entry.id], command)?;
            }
        }
        Ok(())
    }

    /// Each task's chosen fields (its place aside) as one update. A task that becomes a
    /// milestone is returned to update after removals and moves, which may take its
    /// subtasks away first.
    fn tasks_changed(&mut self, chosen: &[&DiffEntry]) -> Result<Vec<(Vec<ChangeId>, Task)>, MergeError> {
        let fields = chosen.iter().copied().filter(|entry| {
            matches!(&entry.change, Change::TaskChanged { field, .. }
                if !matches!(field, TaskField::Parent(_) | TaskField::Order(_)))
        });
        let mut later = Vec::new();
        for (item, entries) in by_item(fields) {
            let Item::Task(id) = item else { continue };
            let Some(current) = self.work.task(id.as_str()) else { continue };
            let mut task = current.clone();
            for entry in &entries {
                let Change::TaskChanged { field, .. } = &entry.change else { continue };
                match field {
                    TaskField::Name(change) => task.name = change.to.clone(),
                    TaskField::Kind(change) => task.kind = change.to,
                    TaskField::Duration(change) => task.duration = change.to,
                    TaskField::Constraint(change) => task.set_date_constraint(change.to),
                    TaskField::Deadline(change) => task.deadline = change.to,
                    TaskField::Progress(change) => task.progress = change.to,
                    TaskField::Notes(change) => task.notes = change.to.clone(),
                    TaskField::Parent(_) | TaskField::Order(_) => {}
                }
            }
            if task.kind == TaskKind::Milestone && current.kind != TaskKind::Milestone {
                later.push((ids(&entries), task));
            } else {
                self.run(&ids(&entries), Command::UpdateTask(task))?;
            }
        }
        Ok(later)
    }

    /// Added tasks (at the end for now) and new parents, in theirs' outline order so a
    /// summary comes before its subtasks. `tasks_placed` then puts them in their places.
    fn tasks_added_and_moved(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let diff = self.diff;
        let theirs_position: HashMap<&TaskId, usize> =
            diff.theirs_tasks.iter().enumerate().map(|(index, (id, _))| (id, index)).collect();
        let position = |id: &TaskId| theirs_position.get(id).copied().unwrap_or(usize::MAX);
        let mut added: Vec<(ChangeId, &Task)> = chosen
            .iter()
            .filter_map(|entry| match &entry.change {
                Change::TaskAdded(task) => Some((entry.id, task)),
                _ => None,
            })
            .collect();
        added.sort_by_key(|(_, task)| position(&task.id));
        if !added.is_empty() {
            // All at once: one cycle check instead of one per task, which matters when
            // thousands of tasks come in. If that is refused, one at a time finds which.
            let end = self.work.tasks.len();
            let restore = added.iter().enumerate().map(|(offset, (_, task))| (end + offset, (*task).clone())).collect();
            let restore = Command::RestoreTasks(restore);
            if apply(&mut self.work, restore.clone()).is_ok() {
                self.commands.push(restore);
            } else {
                for (id, task) in added {
                    self.run(&[id], Command::AddTask { task: task.clone(), index: None })?;
                }
            }
        }
        let mut moved: Vec<(&DiffEntry, &TaskId, &Option<TaskId>)> = chosen
            .iter()
            .filter_map(|entry| match &entry.change {
                Change::TaskChanged { id, field: TaskField::Parent(change) } => Some((*entry, id, &change.to)),
                _ => None,
            })
            .collect();
        moved.sort_by_key(|(_, id, _)| position(id));
        for (entry, id, parent) in moved {
            let Some(index) = self.work.task_index(id.as_str()) else { continue };
            // A task goes under a later task only from after it: it first moves, with its
            // subtasks, to the end (tasks stay in outline order at every step), and
            // `tasks_placed` then puts it in its place.
            let later = |parent: &TaskId| self.work.task_index(parent.as_str()).is_some_and(|at| at > index);
            if parent.as_ref().is_some_and(later) {
                self.run(&[entry.id], Command::MoveTask { id: id.clone(), index: usize::MAX })?;
            }
            let Some(current) = self.work.task(id.as_str()) else { continue };
            let task = Task { parent: parent.clone(), ..current.clone() };
            self.run(&[entry.id], Command::UpdateTask(task))?;
        }
        Ok(())
    }

    /// Puts added, moved and reordered tasks where theirs has them among their siblings,
    /// in one `ReorderTasks`: each right after the nearest sibling theirs has before it
    /// (or first), in theirs' outline order, so that sibling is already in its place.
    /// The list comes out in outline order (each summary followed by its subtasks); the
    /// order of every other group of siblings is kept.
    fn tasks_placed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let placed: HashMap<&TaskId, ChangeId> = chosen
            .iter()
            .filter_map(|entry| match &entry.change {
                Change::TaskAdded(task) => Some((&task.id, entry.id)),
                Change::TaskChanged { id, field: TaskField::Parent(_) | TaskField::Order(_) } => Some((id, entry.id)),
                _ => None,
            })
            .collect();
        if placed.is_empty() {
            return Ok(());
        }
        let tasks = &self.work.tasks;
        let mut children: HashMap<Option<&TaskId>, Vec<&TaskId>> = HashMap::new();
        for task in tasks.iter().filter(|task| !placed.contains_key(&task.id)) {
            children.entry(task.parent.as_ref()).or_default().push(&task.id);
        }
        let parent_here: HashMap<&TaskId, Option<&TaskId>> =
            tasks.iter().map(|task| (&task.id, task.parent.as_ref())).collect();
        let mut in_place: HashSet<&TaskId> =
            tasks.iter().map(|task| &task.id).filter(|id| !placed.contains_key(id)).collect();
        let theirs = &self.diff.theirs_tasks;
        for (position, (id, _)) in theirs.iter().enumerate() {
            let Some(&parent) = placed.contains_key(id).then(|| parent_here.get(id)).flatten() else { continue };
            let siblings = children.entry(parent).or_default();
            let after = theirs[..position]
                .iter()
                .rev()
                .filter(|(other, other_parent)| other_parent.as_ref() == parent && in_place.contains(other))
                .find_map(|(other, _)| siblings.iter().position(|sibling| *sibling == other));
            siblings.insert(after.map_or(0, |at| at + 1), id);
            in_place.insert(id);
        }
        // Depth first from the top level, without recursion: deep outlines must not
        // overflow the stack.
        let mut order: Vec<TaskId> = Vec::with_capacity(tasks.len());
        let mut stack: Vec<&TaskId> =
            children.get(&None).map(|top| top.iter().rev().copied().collect()).unwrap_or_default();
        let mut visited: HashSet<&TaskId> = HashSet::with_capacity(tasks.len());
        while let Some(id) = stack.pop() {
            if !visited.insert(id) {
                continue;
            }
            order.push(id.clone());
            if let Some(below) = children.get(&Some(id)) {
                stack.extend(below.iter().rev());
            }
        }
        // Nothing is left out, whatever the list held.
        order.extend(tasks.iter().filter(|task| !visited.contains(&task.id)).map(|task| task.id.clone()));
        if order.iter().eq(tasks.iter().map(|task| &task.id)) {
            return Ok(());
        }
        let mut ids: Vec<ChangeId> = placed.values().copied().collect();
        ids.sort();
        self.run(&ids, Command::ReorderTasks(order))
    }

    /// Removed tasks, with what refers to them (as a removal in the app does). Refused
    /// while a subtask theirs keeps is still inside: taking the removal would lose it.
    fn tasks_removed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let diff = self.diff;
        let kept_by_theirs: HashSet<&TaskId> = diff.theirs_tasks.iter().map(|(id, _)| id).collect();
        for entry in chosen {
            let Change::TaskRemoved(task) = &entry.change else { continue };
            if self.work.task(task.id.as_str()).is_none() {
                // Already gone with a summary removed before it.
                continue;
            }
            let inside = descendants(&self.work, &task.id);
            let kept: Vec<&TaskId> = inside.iter().filter(|id| kept_by_theirs.contains(id)).collect();
            if !kept.is_empty() {
                let names: Vec<&str> = kept.iter().map(|id| id.as_str()).collect();
                let also_needed = self
                    .diff
                    .entries
                    .iter()
                    .filter(|other| !self.selection.contains(other.id))
                    .filter(|other| {
                        matches!(&other.change, Change::TaskChanged { id, field: TaskField::Parent(_) }
                            if kept.contains(&id))
                    })
                    .map(|other| other.id)
                    .collect();
                let (is, it) = if kept.len() == 1 { ("is", "it") } else { ("are", "them") };
                let reason = format!(
                    "{} {is} inside {} here and the other plan keeps {it}, so removing {} would lose {it}",
                    names.join(", "),
                    task.id,
                    task.id
                );
                return Err(self.error(&[entry.id], &reason, also_needed));
            }
            self.run(&[entry.id], Command::RemoveTask(task.id.clone()))?;
        }
        Ok(())
    }

    /// Changed and added links in one `SetDependencies` (one cycle check for all of
    /// them), then changed and added RACI cells.
    fn links_and_cells_added_and_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let mut links = self.work.dependencies.clone();
        let index_of: HashMap<(TaskId, TaskId), usize> = links
            .iter()
            .enumerate()
            .map(|(index, link)| ((link.predecessor.clone(), link.successor.clone()), index))
            .collect();
        let tasks: HashSet<&str> = self.work.tasks.iter().map(|task| task.id.as_str()).collect();
        // Each link taken, by its two tasks.
        let mut taken: Vec<(ChangeId, &TaskId, &TaskId)> = Vec::new();
        for entry in chosen {
            match &entry.change {
                Change::DependencyChanged { predecessor, successor, field } => {
                    let Some(&index) = index_of.get(&(predecessor.clone(), successor.clone())) else { continue };
                    match field {
                        DependencyField::Kind(change) => links[index].kind = change.to,
                        DependencyField::Lag(change) => links[index].lag = change.to,
                    }
                    taken.push((entry.id, predecessor, successor));
                }
                Change::DependencyAdded(link) => {
                    let missing =
                        [&link.predecessor, &link.successor].into_iter().find(|id| !tasks.contains(id.as_str()));
                    if let Some(missing) = missing {
                        return Err(
                            self.refused(&[entry.id], &ModelError::NotFound(crate::model::Item::Task(missing.clone())))
                        );
                    }
                    links.push(link.clone());
                    taken.push((entry.id, &link.predecessor, &link.successor));
                }
                _ => {}
            }
        }
        if !taken.is_empty() {
            let command = Command::SetDependencies(links);
            match apply(&mut self.work, command.clone()) {
                Ok(_) => self.commands.push(command),
                Err(error) => {
                    // A cycle: name the links taken between tasks of the cycle.
                    let message = error.to_string();
                    let named = mentioned_ids(&message);
                    let mut ids: Vec<ChangeId> = taken
                        .iter()
                        .filter(|(_, from, to)| named.contains(from.as_str()) && named.contains(to.as_str()))
                        .map(|(id, _, _)| *id)
                        .collect();
                    if ids.is_empty() {
                        ids = taken.iter().map(|(id, _, _)| *id).collect();
                    }
                    return Err(self.refused(&ids, &error));
                }
            }
        }
        self.external_links_added_and_changed(chosen)?;
        for entry in chosen {
            let (task, person, role) = match &entry.change {
                Change::RaciAdded(cell) => (&cell.task, &cell.person, cell.role),
                Change::RaciChanged { task, person, role } => (task, person, role.to),
                _ => continue,
            };
            let command = Command::SetRaci { task: task.clone(), person: person.clone(), role: Some(role) };
            self.run(&[entry.id], command)?;
        }
        Ok(())
    }

    /// Each external link's chosen fields as one update, then the added external links.
    fn external_links_added_and_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let changed =
            chosen.iter().copied().filter(|entry| matches!(entry.change, Change::ExternalDependencyChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::ExternalDependency { plan, predecessor, successor } = item else { continue };
            let current =
                self.work.external_dependencies.iter().find(|link| link.links(&plan, &predecessor, &successor));
            let Some(mut link) = current.cloned() else { continue };
            for entry in &entries {
                let Change::ExternalDependencyChanged { field, .. } = &entry.change else { continue };
                match field {
                    ExternalDependencyField::Kind(change) => link.kind = change.to,
                    ExternalDependencyField::Lag(change) => link.lag = change.to,
                    ExternalDependencyField::Known(change) => link.known = change.to.clone(),
                }
            }
            self.run(&ids(&entries), Command::UpdateExternalDependency(link))?;
        }
        for entry in chosen {
            if let Change::ExternalDependencyAdded(link) = &entry.change {
                self.run(&[entry.id], Command::AddExternalDependency(link.clone()))?;
            }
        }
        Ok(())
    }

    /// Removed, changed (each risk's chosen fields as one exact update: dates and
    /// history as theirs has them, when chosen) and added risks; then theirs' exact list
    /// of categories, once no risk needs a category it drops.
    fn risks(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        for entry in chosen {
            if let Change::RiskRemoved(risk) = &entry.change {
                self.run(&[entry.id], Command::RemoveRisk(risk.id.clone()))?;
            }
        }
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::RiskChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::Risk(id) = item else { continue };
            let Some(mut risk) = self.work.risk(id.as_str()).cloned() else { continue };
            for entry in &entries {
                let Change::RiskChanged { field, .. } = &entry.change else { continue };
                match field {
                    RiskField::Title(change) => risk.title = change.to.clone(),
                    RiskField::Description(change) => risk.description = change.to.clone(),
                    RiskField::Category(change) => risk.category = change.to.clone(),
                    RiskField::Probability(change) => risk.probability = change.to,
                    RiskField::Impact(change) => risk.impact = change.to,
                    RiskField::Owner(change) => risk.owner = change.to.clone(),
                    RiskField::Response(change) => risk.response = change.to,
                    RiskField::Mitigation(change) => risk.mitigation = change.to.clone(),
                    RiskField::Contingency(change) => risk.contingency = change.to.clone(),
                    RiskField::Trigger(change) => risk.trigger = change.to.clone(),
                    RiskField::Status(change) => risk.status = change.to,
                    RiskField::ReviewDate(change) => risk.review_date = change.to,
                    RiskField::LinkedTasks(change) => risk.linked_tasks = change.to.clone(),
                    RiskField::Created(change) => risk.created = change.to,
                    RiskField::Updated(change) => risk.updated = change.to,
                    RiskField::History(change) => risk.history = change.to.clone(),
                }
            }
            self.run(&ids(&entries), Command::UpdateRisk(risk))?;
        }
        for entry in chosen {
            if let Change::RiskAdded(risk) = &entry.change {
                self.run(&[entry.id], Command::AddRisk { risk: risk.clone(), index: None })?;
            }
        }
        for entry in chosen {
            if let Change::Plan(PlanField::RiskCategories(change)) = &entry.change {
                if change.to != self.work.risk_categories {
                    self.run(&[entry.id], Command::SetRiskCategories(change.to.clone()))?;
                }
            }
        }
        Ok(())
    }

    fn baselines(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let mut baselines = self.work.baselines.clone();
        let mut taken = Vec::new();
        for entry in chosen {
            match &entry.change {
                Change::BaselineAdded(baseline) => baselines.push(baseline.clone()),
                Change::BaselineRemoved(baseline) => baselines.retain(|other| other.id != baseline.id),
                Change::BaselineChanged { id, field } => {
                    if let Some(baseline) = baselines.iter_mut().find(|baseline| &baseline.id == id) {
                        match field {
                            BaselineField::Name(change) => baseline.name = change.to.clone(),
                            BaselineField::Taken(change) => baseline.taken = change.to,
                            BaselineField::Tasks(change) => baseline.tasks = change.to.clone(),
                        }
                    }
                }
                _ => continue,
            }
            taken.push(entry.id);
        }
        if !taken.is_empty() {
            self.run(&taken, Command::SetBaselines(baselines))?;
        }
        Ok(())
    }

    /// Removed people last: links, cells, risks and log entries no longer need them.
    fn people_removed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        for entry in chosen {
            if let Change::PersonRemoved(person) = &entry.change {
                self.run(&[entry.id], Command::RemovePerson(person.id.clone()))?;
            }
        }
        Ok(())
    }
}

/// Every task inside `id` (children, their children, ...), in list order.
fn descendants(plan: &Plan, id: &TaskId) -> Vec<TaskId> {
    let mut inside: HashSet<&TaskId> = HashSet::from([id]);
    let mut grew = true;
    while grew {
        grew = false;
        for task in &plan.tasks {
            if task.parent.as_ref().is_some_and(|parent| inside.contains(parent)) && inside.insert(&task.id) {
                grew = true;
            }
        }
    }
    plan.tasks.iter().filter(|task| &task.id != id && inside.contains(&task.id)).map(|task| task.id.clone()).collect()
}
