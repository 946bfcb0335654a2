//! The one door for changes: every edit is a `Command`, applied by `apply`, which
//! checks it against the same rules as a file and returns the command that undoes it.

use chrono::NaiveDate;

use super::error::{Circular, Item, ModelError};
use super::graph::TaskGraph;
use super::hashing::{IdMap, IdSet};
use super::log_rules::{self, Gone};
use super::text::shortened;
use super::validate::{
    check_baseline_fields, check_dependency_fields, check_person_fields, check_plan_fields, check_risk_categories,
    check_risk_fields, check_settings_fields, check_task_fields, is_ancestor_or_self, listed_before_its_parent,
    tasks_before_their_parents, unlisted_category_message, FieldProblem,
};
use super::{
    Baseline, BaselineTask, Calendar, ChangeRequest, ChangeRequestId, DateConstraint, DayRate, Dependency,
    ExternalDependency, KnownTask, LogEntry, LogEntryId, Money, Person, PersonId, Plan, PlanId, PlanSettings, RaciCell,
    RaciRole, Risk, RiskId, Task, TaskCost, TaskId, TaskKind,
};

/// One edit of a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Sets the plan's name, objectives and start date.
    SetPlanInfo {
        name: String,
        description: String,
        start: NaiveDate,
    },
    SetCalendar(Calendar),
    /// Replaces the thresholds of the plan's checks (all of them: the undo is the old set).
    SetSettings(PlanSettings),
    /// Adds a person at a position in the list (the end when `None`).
    AddPerson {
        person: Person,
        index: Option<usize>,
    },
    /// Replaces the person with the same id.
    UpdatePerson(Person),
    /// Removes a person with their RACI cells and risk ownerships.
    RemovePerson(PersonId),
    /// Adds a task at a position in the outline (the end when `None`).
    AddTask {
        task: Task,
        index: Option<usize>,
    },
    /// Replaces the task with the same id.
    UpdateTask(Task),
    /// Removes a task, its subtasks, and everything that refers to them.
    RemoveTask(TaskId),
    /// Moves a task with all its subtasks (which follow it, wherever they are) to a
    /// position in the list, as one block in their order: `index` is where the block
    /// starts once it is taken out. Refused if that would put it before its parent.
    MoveTask {
        id: TaskId,
        index: usize,
    },
    /// Gives a task a date constraint of any kind, in place of the one it had (a task
    /// has at most one, as in MS Project), or clears it with `None` (as soon as
    /// possible). The undo gives it back the old one.
    SetTaskConstraint {
        task: TaskId,
        constraint: Option<DateConstraint>,
    },
    /// Puts the tasks in this order: every task's id once, nothing else changed (the
    /// undo is the old order); refused if a task would come before its parent. Merging
    /// another copy of the plan uses it to place moved and added tasks among their
    /// siblings in one step.
    ReorderTasks(Vec<TaskId>),
    AddDependency(Dependency),
    /// Replaces the kind and lag of the dependency between the same two tasks.
    UpdateDependency(Dependency),
    /// Replaces the whole list of links, each checked as `AddDependency` checks one and
    /// the cycle check made once (the undo is the old list). Merging another copy of the
    /// plan uses it: thousands of new links in one step, not one cycle check each.
    SetDependencies(Vec<Dependency>),
    RemoveDependency {
        predecessor: TaskId,
        successor: TaskId,
    },
    /// Adds a link from a task of another plan to a task of this one, at the end of the
    /// list. Refused if it names this plan itself or is there already; a link that would
    /// close a cycle through other plans can only be seen with them
    /// (`portfolio::Portfolio::check_new_link`, which the UI asks first).
    AddExternalDependency(ExternalDependency),
    /// Replaces the kind, lag and known task of the external link with the same three ids.
    UpdateExternalDependency(ExternalDependency),
    /// Replaces only what the plan knows of an external link's predecessor (its dates,
    /// names, whether it is missing), leaving its kind and lag: the refresh from the other
    /// plan (`portfolio::refresh` makes one per changed link, in one batch).
    RefreshExternalDependency {
        plan: PlanId,
        predecessor: TaskId,
        successor: TaskId,
        known: KnownTask,
    },
    RemoveExternalDependency {
        plan: PlanId,
        predecessor: TaskId,
        successor: TaskId,
    },
    /// Puts back a removed external link at its old place in the list (undo of a removal).
    InsertExternalDependency {
        dependency: ExternalDependency,
        index: usize,
    },
    /// Sets or clears (`None`) one cell of the RACI matrix.
    SetRaci {
        task: TaskId,
        person: PersonId,
        role: Option<RaciRole>,
    },
    /// Adds a risk exactly as given at a position in the register (the end when `None`).
    /// `risk::new_risk` makes a new one dated today, `risk::duplicate_risk` a copy.
    AddRisk {
        risk: Risk,
        index: Option<usize>,
    },
    /// Replaces the risk with the same id exactly as given, dates and history included:
    /// the undo of the risk commands and of removals. A user's edit is `EditRisk`,
    /// which keeps the dates and the history.
    UpdateRisk(Risk),
    /// The user's edit of a risk on `today` (the model has no clock: the UI passes the
    /// local date). The stored risk takes every field of `risk` except `created` and
    /// `history`, which stay as stored (whatever `risk` holds there), and `updated`,
    /// which becomes `today`. When the probability, impact or status changes, the
    /// history gains an entry dated `today` with the new values; a second change on the
    /// same day replaces that day's entry (and a day that ends where it began leaves
    /// none). A risk with no history yet first gets an entry of its old values dated
    /// `created`, when that is known and earlier. If the history's last entry is dated
    /// after `today` (a colleague's clock ahead of this one), the change goes into that
    /// entry, so the history stays in order. Changing nothing changes nothing, not even
    /// `updated`. One undo step: the undo (`UpdateRisk`) restores the risk exactly,
    /// history entry and dates included.
    EditRisk {
        risk: Risk,
        today: NaiveDate,
    },
    RemoveRisk(RiskId),
    /// Replaces the plan's list of risk categories (the undo is the old list). Refused
    /// when a risk has a category the new list lacks: rename it, or change those risks first.
    SetRiskCategories(Vec<String>),
    /// Renames a risk category in the list (same place) and in every risk that has it,
    /// in one step. Refused if `to` is already a category; renaming to the same name
    /// changes nothing.
    RenameRiskCategory {
        from: String,
        to: String,
    },
    /// Puts back a removed link at its old place in the list (undo of a removal).
    InsertDependency {
        dependency: Dependency,
        index: usize,
    },
    /// Puts back a removed RACI cell at its old place in the list (undo of a removal).
    InsertRaciCell {
        cell: RaciCell,
        index: usize,
    },
    /// Puts back removed tasks at their old places, given in ascending order (undo of a
    /// removal; subtasks may come before their parents in the list).
    RestoreTasks(Vec<(usize, Task)>),
    /// Replaces the saved baselines (setting, renaming or deleting one).
    SetBaselines(Vec<Baseline>),
    /// Puts back removed baseline entries at their old places (undo of a task removal):
    /// (baseline index, position in its list, entry), positions ascending per baseline.
    /// Keeps the undo of a removal small: only the entries, not every baseline.
    RestoreBaselineEntries(Vec<(usize, usize, BaselineTask)>),
    /// Removes baseline entries at (baseline index, position) (redo of the above).
    RemoveBaselineEntries(Vec<(usize, usize)>),
    /// Adds an assumption, issue or decision exactly as given, at a position in its list
    /// (the end when `None`). `log::new_assumption` and its kin make a new one.
    AddLogEntry {
        entry: LogEntry,
        index: Option<usize>,
    },
    /// Replaces the log entry of the same kind and id.
    UpdateLogEntry(LogEntry),
    /// Removes an entry, and every reference to it in the log. The log offers it for
    /// assumptions and issues; for a decision it is only the undo of adding one
    /// (decisions are superseded, never deleted: `log::supersede`).
    RemoveLogEntry(LogEntryId),
    /// Adds a change request exactly as given, at a position in the list (the end when `None`).
    AddChangeRequest {
        request: ChangeRequest,
        index: Option<usize>,
    },
    /// Replaces the change request with the same id.
    UpdateChangeRequest(ChangeRequest),
    RemoveChangeRequest(ChangeRequestId),
    /// Sets the plan's currency and budget (the undo is the old pair).
    SetBudgetTerms {
        currency: String,
        total: Option<Money>,
    },
    /// Sets a person's day rate; zero removes it.
    SetDayRate(DayRate),
    /// Sets a task's fixed cost, actual cost and budget; all unset removes its entry.
    SetTaskCost(TaskCost),
    /// Puts back a removed day rate at its old place in the list (undo of a removal).
    InsertDayRate {
        rate: DayRate,
        index: usize,
    },
    /// Puts back a removed task cost at its old place in the list (undo of a removal).
    InsertTaskCost {
        cost: TaskCost,
        index: usize,
    },
    /// Several commands as one step: all apply or none does.
    Batch(Vec<Command>),
}

impl From<FieldProblem> for ModelError {
    fn from((field, message): FieldProblem) -> Self {
        Self::Invalid { field: field.replace('_', " "), message }
    }
}

/// Applies one command. On success the plan is changed and the returned command
/// undoes it; on error the plan is exactly as it was.
pub fn apply(plan: &mut Plan, command: Command) -> Result<Command, ModelError> {
    // Every edit in the task grid and on the chart's bars is an `UpdateTask`. Kept apart
    // from the match over every command, it is all the browser compiles the first time a
    // task is edited (it compiles wasm functions when first called; the whole match is
    // 24 KB of code).
    match command {
        Command::UpdateTask(task) => update_task(plan, task),
        other => apply_rest(plan, other),
    }
}

/// Every command but `UpdateTask`. In the split release build (feature `split`), the
/// browser fetches this code with the views that send such commands, not with the start
/// screen: `apply` finds it where `install_commands` left it, and each view's part calls
/// `install_commands` when it loads (`ui::parts`). Everywhere else it is called directly.
#[cfg(feature = "split")]
type ApplyCommand = fn(&mut Plan, Command) -> Result<Command, ModelError>;

#[cfg(feature = "split")]
static REST_OF_COMMANDS: std::sync::OnceLock<ApplyCommand> = std::sync::OnceLock::new();

#[cfg(feature = "split")]
fn apply_rest(plan: &mut Plan, command: Command) -> Result<Command, ModelError> {
    match REST_OF_COMMANDS.get() {
        Some(apply) => apply(plan, command),
        None => Err(ModelError::Invalid {
            field: "the edit".into(),
            message: "could not be made: the part of the app that makes it is not loaded yet".into(),
        }),
    }
}

#[cfg(not(feature = "split"))]
fn apply_rest(plan: &mut Plan, command: Command) -> Result<Command, ModelError> {
    apply_other(plan, command)
}

/// Makes every command available to `apply` (see `apply_rest`); called by each view's part
/// as it loads. Calling it again does nothing.
pub fn install_commands() {
    #[cfg(feature = "split")]
    let _ = REST_OF_COMMANDS.set(apply_other);
}

#[inline(never)]
fn apply_other(plan: &mut Plan, command: Command) -> Result<Command, ModelError> {
    match command {
        Command::SetPlanInfo { name, description, start } => {
            let candidate = Plan { name, description, start, ..Plan::empty_like(plan) };
            check_plan_fields(&candidate)?;
            let undo = Command::SetPlanInfo {
                name: std::mem::replace(&mut plan.name, candidate.name),
                description: std::mem::replace(&mut plan.description, candidate.description),
                start: std::mem::replace(&mut plan.start, candidate.start),
            };
            Ok(undo)
        }
        Command::SetCalendar(calendar) => {
            let candidate = Plan { calendar, ..Plan::empty_like(plan) };
            check_plan_fields(&candidate)?;
            Ok(Command::SetCalendar(std::mem::replace(&mut plan.calendar, candidate.calendar)))
        }
        Command::SetSettings(settings) => {
            check_settings_fields(&settings)?;
            Ok(Command::SetSettings(std::mem::replace(&mut plan.settings, settings)))
        }
        Command::AddPerson { person, index } => {
            check_person_fields(&person)?;
            if plan.person(person.id.as_str()).is_some() {
                return Err(ModelError::AlreadyExists(Item::Person(person.id.clone())));
            }
            let id = person.id.clone();
            let index = index.unwrap_or(plan.people.len()).min(plan.people.len());
            plan.people.insert(index, person);
            Ok(Command::RemovePerson(id))
        }
        Command::UpdatePerson(person) => {
            check_person_fields(&person)?;
            let slot = plan
                .people
                .iter_mut()
                .find(|existing| existing.id == person.id)
                .ok_or_else(|| ModelError::NotFound(Item::Person(person.id.clone())))?;
            Ok(Command::UpdatePerson(std::mem::replace(slot, person)))
        }
        Command::RemovePerson(id) => {
            let index = plan
                .people
                .iter()
                .position(|person| person.id == id)
                .ok_or_else(|| ModelError::NotFound(Item::Person(id.clone())))?;
            let mut undo = Vec::new();
            let person = plan.people.remove(index);
            let name = person.name.clone();
            undo.push(Command::AddPerson { person, index: Some(index) });
            let mut position = 0;
            plan.raci.retain(|cell| {
                let keep = cell.person != id;
                if !keep {
                    undo.push(Command::InsertRaciCell { cell: cell.clone(), index: position });
                }
                position += 1;
                keep
            });
            for risk in plan.risks.iter_mut().filter(|risk| risk.owner.as_ref() == Some(&id)) {
                undo.push(Command::UpdateRisk(risk.clone()));
                risk.owner = None;
            }
            let gone = Gone::Person { id: id.as_str(), name: &name };
            log_rules::forget(plan, &gone, &mut undo);
            log_rules::forget_in_budget(plan, &gone, &mut undo);
            Ok(Command::Batch(undo))
        }
        Command::AddTask { task, index } => {
            check_task_fields(&task)?;
            if plan.task(task.id.as_str()).is_some() {
                return Err(ModelError::AlreadyExists(Item::Task(task.id.clone())));
            }
            check_parent(plan, &task)?;
            let id = task.id.clone();
            let index = index.unwrap_or(plan.tasks.len()).min(plan.tasks.len());
            plan.tasks.insert(index, task);
            if let Err(error) = check_parent_comes_first(plan, index).and_then(|()| check_no_cycle(plan)) {
                plan.tasks.remove(index);
                return Err(error);
            }
            Ok(Command::RemoveTask(id))
        }
        Command::UpdateTask(task) => update_task(plan, task),
        Command::RemoveTask(id) => remove_task(plan, &id),
        Command::MoveTask { id, index } => move_task(plan, id, index),
        Command::SetTaskConstraint { task, constraint } => set_task_constraint(plan, &task, constraint),
        Command::ReorderTasks(order) => reorder_tasks(plan, order),
        Command::AddDependency(dependency) => {
            let index = plan.dependencies.len();
            apply(plan, Command::InsertDependency { dependency, index })
        }
        Command::UpdateDependency(dependency) => {
            check_dependency(plan, &dependency)?;
            let index = plan
                .dependency_index(&dependency.predecessor, &dependency.successor)
                .ok_or_else(|| ModelError::NotFound(link_item(&dependency.predecessor, &dependency.successor)))?;
            Ok(Command::UpdateDependency(std::mem::replace(&mut plan.dependencies[index], dependency)))
        }
        Command::SetDependencies(dependencies) => {
            let tasks: IdSet<&str> = plan.tasks.iter().map(|task| task.id.as_str()).collect();
            let mut pairs: IdSet<(&str, &str)> = IdSet::default();
            pairs.reserve(dependencies.len());
            for dependency in &dependencies {
                check_dependency_fields(dependency)?;
                for (field, id) in [("predecessor", &dependency.predecessor), ("successor", &dependency.successor)] {
                    if !tasks.contains(id.as_str()) {
                        return Err(unknown_task(field, id));
                    }
                }
                if !pairs.insert((dependency.predecessor.as_str(), dependency.successor.as_str())) {
                    return Err(ModelError::AlreadyExists(link_item(&dependency.predecessor, &dependency.successor)));
                }
            }
            let old = std::mem::replace(&mut plan.dependencies, dependencies);
            if let Err(error) = check_no_cycle(plan) {
                plan.dependencies = old;
                return Err(error);
            }
            Ok(Command::SetDependencies(old))
        }
        Command::RemoveDependency { predecessor, successor } => {
            let index = plan
                .dependency_index(&predecessor, &successor)
                .ok_or_else(|| ModelError::NotFound(link_item(&predecessor, &successor)))?;
            Ok(Command::InsertDependency { dependency: plan.dependencies.remove(index), index })
        }
        Command::AddExternalDependency(dependency) => {
            let index = plan.external_dependencies.len();
            super::external::insert(plan, dependency, index)
        }
        Command::UpdateExternalDependency(dependency) => super::external::update(plan, dependency),
        Command::RefreshExternalDependency { plan: other, predecessor, successor, known } => {
            super::external::refresh(plan, &other, &predecessor, &successor, known)
        }
        Command::RemoveExternalDependency { plan: other, predecessor, successor } => {
            super::external::remove(plan, &other, &predecessor, &successor)
        }
        Command::InsertExternalDependency { dependency, index } => super::external::insert(plan, dependency, index),
        Command::SetRaci { task, person, role } => {
            if plan.task(task.as_str()).is_none() {
                return Err(unknown_task("task", &task));
            }
            if plan.person(person.as_str()).is_none() {
                return Err(unknown_person("person", &person));
            }
            let existing = plan.raci.iter().position(|cell| cell.task == task && cell.person == person);
            let old_role = existing.map(|index| plan.raci[index].role);
            match (existing, role) {
                (Some(index), Some(role)) => plan.raci[index].role = role,
                (Some(index), None) => {
                    let cell = plan.raci.remove(index);
                    return Ok(Command::InsertRaciCell { cell, index });
                }
                (None, Some(role)) => plan.raci.push(RaciCell { task: task.clone(), person: person.clone(), role }),
                (None, None) => {}
            }
            Ok(Command::SetRaci { task, person, role: old_role })
        }
        Command::InsertDependency { dependency, index } => {
            check_dependency(plan, &dependency)?;
            if plan.dependency_index(&dependency.predecessor, &dependency.successor).is_some() {
                return Err(ModelError::AlreadyExists(link_item(&dependency.predecessor, &dependency.successor)));
            }
            let undo = Command::RemoveDependency {
                predecessor: dependency.predecessor.clone(),
                successor: dependency.successor.clone(),
            };
            let index = index.min(plan.dependencies.len());
            plan.dependencies.insert(index, dependency);
            if let Err(error) = check_no_cycle(plan) {
                plan.dependencies.remove(index);
                return Err(error);
            }
            Ok(undo)
        }
        Command::InsertRaciCell { cell, index } => {
            if plan.task(cell.task.as_str()).is_none() {
                return Err(unknown_task("task", &cell.task));
            }
            if plan.person(cell.person.as_str()).is_none() {
                return Err(unknown_person("person", &cell.person));
            }
            if plan.raci.iter().any(|existing| existing.task == cell.task && existing.person == cell.person) {
                return Err(ModelError::AlreadyExists(Item::Role {
                    task: cell.task.clone(),
                    person: cell.person.clone(),
                }));
            }
            let undo = Command::SetRaci { task: cell.task.clone(), person: cell.person.clone(), role: None };
            plan.raci.insert(index.min(plan.raci.len()), cell);
            Ok(undo)
        }
        Command::RestoreTasks(tasks) => {
            for (_, task) in &tasks {
                check_task_fields(task)?;
                if plan.task(task.id.as_str()).is_some() {
                    return Err(ModelError::AlreadyExists(Item::Task(task.id.clone())));
                }
            }
            let before = plan.tasks.len();
            for (index, task) in &tasks {
                plan.tasks.insert((*index).min(plan.tasks.len()), task.clone());
            }
            let restored: IdSet<&str> = tasks.iter().map(|(_, task)| task.id.as_str()).collect();
            let parents_ok = plan
                .tasks
                .iter()
                .filter(|task| restored.contains(task.id.as_str()))
                .try_for_each(|task| check_parent(plan, task));
            let checked = parents_ok.and_then(|()| check_outline_order(plan)).and_then(|()| check_no_cycle(plan));
            if let Err(error) = checked {
                plan.tasks.retain(|task| !restored.contains(task.id.as_str()));
                debug_assert_eq!(plan.tasks.len(), before);
                return Err(error);
            }
            let mut undo: Vec<Command> = Vec::new();
            // Removing the top-most restored tasks removes their subtrees too.
            for (_, task) in &tasks {
                let parent_restored = task.parent.as_ref().is_some_and(|parent| restored.contains(parent.as_str()));
                if !parent_restored {
                    undo.push(Command::RemoveTask(task.id.clone()));
                }
            }
            Ok(Command::Batch(undo))
        }
        Command::AddRisk { risk, index } => {
            check_risk(plan, &risk)?;
            if plan.risks.iter().any(|existing| existing.id == risk.id) {
                return Err(ModelError::AlreadyExists(Item::Risk(risk.id.clone())));
            }
            let id = risk.id.clone();
            let index = index.unwrap_or(plan.risks.len()).min(plan.risks.len());
            plan.risks.insert(index, risk);
            Ok(Command::RemoveRisk(id))
        }
        Command::UpdateRisk(risk) => {
            check_risk(plan, &risk)?;
            let slot = plan
                .risks
                .iter_mut()
                .find(|existing| existing.id == risk.id)
                .ok_or_else(|| ModelError::NotFound(Item::Risk(risk.id.clone())))?;
            Ok(Command::UpdateRisk(std::mem::replace(slot, risk)))
        }
        Command::EditRisk { risk, today } => {
            let index = plan
                .risks
                .iter()
                .position(|existing| existing.id == risk.id)
                .ok_or_else(|| ModelError::NotFound(Item::Risk(risk.id.clone())))?;
            let edited = super::risk::edited(&plan.risks[index], risk, today);
            check_risk(plan, &edited)?;
            Ok(Command::UpdateRisk(std::mem::replace(&mut plan.risks[index], edited)))
        }
        Command::SetRiskCategories(categories) => {
            check_categories(&categories)?;
            if let Some((category, risks)) = super::risk::categories_in_use_missing(plan, &categories).first() {
                let ids: Vec<&str> = risks.iter().map(RiskId::as_str).collect();
                let (have, them) = if ids.len() == 1 { ("has", "it") } else { ("have", "them") };
                return Err(ModelError::Invalid {
                    field: "risk categories".into(),
                    message: format!(
                        "must keep \"{}\": {} still {have} it (rename the category, or give {them} another one first)",
                        shortened(category),
                        ids.join(", "),
                    ),
                });
            }
            Ok(Command::SetRiskCategories(std::mem::replace(&mut plan.risk_categories, categories)))
        }
        Command::RenameRiskCategory { from, to } => {
            let index = plan
                .risk_categories
                .iter()
                .position(|category| *category == from)
                .ok_or_else(|| ModelError::NotFound(Item::RiskCategory(from.clone())))?;
            if from == to {
                return Ok(Command::RenameRiskCategory { from, to });
            }
            if plan.risk_categories.contains(&to) {
                return Err(ModelError::AlreadyExists(Item::RiskCategory(to.clone())));
            }
            let mut categories = plan.risk_categories.clone();
            categories[index] = to.clone();
            check_categories(&categories)?;
            plan.risk_categories = categories;
            for risk in plan.risks.iter_mut().filter(|risk| risk.category == from) {
                risk.category = to.clone();
            }
            Ok(Command::RenameRiskCategory { from: to, to: from })
        }
        Command::RemoveRisk(id) => {
            let index = plan
                .risks
                .iter()
                .position(|risk| risk.id == id)
                .ok_or_else(|| ModelError::NotFound(Item::Risk(id.clone())))?;
            let mut undo = vec![Command::AddRisk { risk: plan.risks.remove(index), index: Some(index) }];
            log_rules::forget(plan, &Gone::Risk(id.as_str()), &mut undo);
            if undo.len() == 1 {
                return Ok(undo.remove(0));
            }
            Ok(Command::Batch(undo))
        }
        Command::AddLogEntry { entry, index } => super::log_rules::add_entry(plan, entry, index),
        Command::UpdateLogEntry(entry) => super::log_rules::update_entry(plan, entry),
        Command::RemoveLogEntry(id) => super::log_rules::remove_entry(plan, id),
        Command::AddChangeRequest { request, index } => log_rules::add_change_request(plan, request, index),
        Command::UpdateChangeRequest(request) => log_rules::update_change_request(plan, request),
        Command::RemoveChangeRequest(id) => log_rules::remove_change_request(plan, &id),
        Command::SetBudgetTerms { currency, total } => super::log_rules::set_budget_terms(plan, currency, total),
        Command::SetDayRate(rate) => super::log_rules::set_day_rate(plan, rate),
        Command::SetTaskCost(cost) => super::log_rules::set_task_cost(plan, cost),
        Command::InsertDayRate { rate, index } => super::log_rules::insert_day_rate(plan, rate, index),
        Command::InsertTaskCost { cost, index } => super::log_rules::insert_task_cost(plan, cost, index),
        Command::RestoreBaselineEntries(entries) => restore_baseline_entries(plan, entries),
        Command::RemoveBaselineEntries(places) => {
            for (baseline, position) in &places {
                if plan.baselines.get(*baseline).is_none_or(|list| *position >= list.tasks.len()) {
                    return Err(ModelError::NotFound(Item::BaselinePlace { baseline: *baseline, position: *position }));
                }
            }
            // From the last place back, so earlier places stay where they were.
            let mut removed = Vec::with_capacity(places.len());
            let mut ordered = places.clone();
            super::sorting::sort(&mut ordered);
            ordered.dedup();
            for &(baseline, position) in ordered.iter().rev() {
                removed.push((baseline, position, plan.baselines[baseline].tasks.remove(position)));
            }
            removed.reverse();
            Ok(Command::RestoreBaselineEntries(removed))
        }
        Command::SetBaselines(baselines) => {
            let mut ids: IdSet<&str> = IdSet::default();
            // A set, not a search per entry: a baseline holds an entry for every task.
            let tasks: IdSet<&str> = plan.tasks.iter().map(|task| task.id.as_str()).collect();
            for baseline in &baselines {
                check_baseline_fields(baseline)?;
                if !ids.insert(baseline.id.as_str()) {
                    return Err(ModelError::AlreadyExists(Item::Baseline(baseline.id.clone())));
                }
                if let Some(entry) = baseline.tasks.iter().find(|entry| !tasks.contains(entry.task.as_str())) {
                    return Err(unknown_task("tasks", &entry.task));
                }
            }
            Ok(Command::SetBaselines(std::mem::replace(&mut plan.baselines, baselines)))
        }
        Command::Batch(commands) => {
            // A copy to fall back on: all of a batch applies or none of it does.
            let before = (commands.len() > 1).then(|| plan.clone());
            let mut undo = Vec::with_capacity(commands.len());
            for command in commands {
                match apply(plan, command) {
                    Ok(inverse) => undo.push(inverse),
                    Err(error) => {
                        if let Some(before) = before {
                            *plan = before;
                        }
                        return Err(error);
                    }
                }
            }
            undo.reverse();
            Ok(Command::Batch(undo))
        }
    }
}

#[inline(never)]
fn update_task(plan: &mut Plan, task: Task) -> Result<Command, ModelError> {
    check_task_fields(&task)?;
    let index = plan.task_index(task.id.as_str()).ok_or_else(|| ModelError::NotFound(Item::Task(task.id.clone())))?;
    check_parent(plan, &task)?;
    if task.kind == TaskKind::Milestone && plan.has_children(task.id.as_str()) {
        return Err(ModelError::Invalid {
            field: "kind".into(),
            message: format!("{} has subtasks and cannot be a milestone", shortened(task.id.as_str())),
        });
    }
    let parent_changed = plan.tasks[index].parent != task.parent;
    let old = std::mem::replace(&mut plan.tasks[index], task);
    if parent_changed {
        if let Err(error) = check_parent_comes_first(plan, index).and_then(|()| check_no_cycle(plan)) {
            plan.tasks[index] = old;
            return Err(error);
        }
    }
    Ok(Command::UpdateTask(old))
}

/// Gives a task `constraint` in place of its own (see `Command::SetTaskConstraint`).
fn set_task_constraint(
    plan: &mut Plan,
    id: &TaskId,
    constraint: Option<DateConstraint>,
) -> Result<Command, ModelError> {
    let index = plan.task_index(id.as_str()).ok_or_else(|| ModelError::NotFound(Item::Task(id.clone())))?;
    let task = &mut plan.tasks[index];
    let old = task.date_constraint();
    let mut changed = task.clone();
    changed.set_date_constraint(constraint);
    check_task_fields(&changed)?;
    *task = changed;
    Ok(Command::SetTaskConstraint { task: id.clone(), constraint: old })
}

/// Moves a task and its subtasks (see `Command::MoveTask`).
fn move_task(plan: &mut Plan, id: TaskId, index: usize) -> Result<Command, ModelError> {
    let from = plan.task_index(id.as_str()).ok_or_else(|| ModelError::NotFound(Item::Task(id.clone())))?;
    let subtree = subtree_indices(plan, from);
    let to = index.min(plan.tasks.len() - subtree.len());
    // Only the task's own parent is outside the block and may end up after it: the
    // block keeps its order, and the parent comes before `from`, so before the block.
    let parent = plan.tasks[from].parent.as_ref().and_then(|parent| plan.task_index(parent.as_str()));
    if let Some(parent) = parent.filter(|&parent| parent >= to) {
        return Err(before_its_parent(plan, from, parent));
    }
    let contiguous = subtree.len() == plan.subtree_len(from);
    let undo = if contiguous {
        // Taking the block out again and putting it back at `from` restores the list.
        Command::MoveTask { id, index: from }
    } else {
        Command::ReorderTasks(plan.tasks.iter().map(|task| task.id.clone()).collect())
    };
    let mut in_block = vec![false; plan.tasks.len()];
    for &index in &subtree {
        in_block[index] = true;
    }
    let (block, mut rest): (Vec<_>, Vec<_>) =
        std::mem::take(&mut plan.tasks).into_iter().zip(in_block).partition(|(_, in_block)| *in_block);
    rest.splice(to..to, block);
    plan.tasks = rest.into_iter().map(|(task, _)| task).collect();
    Ok(undo)
}

/// The indices of the task at `index` and of all its subtasks, in list order. Tasks
/// are in outline order, so these all come after it (though others may come between).
fn subtree_indices(plan: &Plan, index: usize) -> Vec<usize> {
    let mut inside: IdSet<&str> = IdSet::default();
    inside.insert(plan.tasks[index].id.as_str());
    let mut indices = vec![index];
    for (offset, task) in plan.tasks[index + 1..].iter().enumerate() {
        if task.parent.as_ref().is_some_and(|parent| inside.contains(parent.as_str())) {
            inside.insert(task.id.as_str());
            indices.push(index + 1 + offset);
        }
    }
    indices
}

/// Refuses the task at `index` coming before its parent (see `check_outline_order`).
fn check_parent_comes_first(plan: &Plan, index: usize) -> Result<(), ModelError> {
    let Some(parent) = &plan.tasks[index].parent else {
        return Ok(());
    };
    match plan.task_index(parent.as_str()) {
        Some(parent_index) if parent_index > index => Err(before_its_parent(plan, index, parent_index)),
        _ => Ok(()),
    }
}

/// Refuses a list of tasks out of outline order: a task before its parent.
fn check_outline_order(plan: &Plan) -> Result<(), ModelError> {
    let index_of: IdMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let first = tasks_before_their_parents(plan, &index_of).next();
    match first {
        Some((child, parent)) => Err(before_its_parent(plan, child, parent)),
        None => Ok(()),
    }
}

fn before_its_parent(plan: &Plan, child: usize, parent: usize) -> ModelError {
    let message = listed_before_its_parent(&plan.tasks[parent].id);
    ModelError::Invalid { field: format!("the parent of {}", shortened(plan.tasks[child].id.as_str())), message }
}

fn reorder_tasks(plan: &mut Plan, order: Vec<TaskId>) -> Result<Command, ModelError> {
    if order.len() != plan.tasks.len() {
        return Err(ModelError::Invalid {
            field: "tasks".into(),
            message: format!("a new order must list each of the {} tasks once, not {}", plan.tasks.len(), order.len()),
        });
    }
    let index_of: IdMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut listed = vec![false; plan.tasks.len()];
    let mut positions = Vec::with_capacity(order.len());
    for id in &order {
        let index = *index_of.get(id.as_str()).ok_or_else(|| ModelError::NotFound(Item::Task(id.clone())))?;
        if std::mem::replace(&mut listed[index], true) {
            return Err(ModelError::Invalid {
                field: "tasks".into(),
                message: format!("a new order must list each task once, not {} twice", shortened(id.as_str())),
            });
        }
        positions.push(index);
    }
    let mut new_position = vec![0; plan.tasks.len()];
    for (position, &index) in positions.iter().enumerate() {
        new_position[index] = position;
    }
    for (index, task) in plan.tasks.iter().enumerate() {
        let parent = task.parent.as_ref().and_then(|parent| index_of.get(parent.as_str()));
        if let Some(&parent) = parent.filter(|&&parent| new_position[parent] > new_position[index]) {
            return Err(before_its_parent(plan, index, parent));
        }
    }
    let old_order = plan.tasks.iter().map(|task| task.id.clone()).collect();
    let mut tasks: Vec<Option<Task>> = std::mem::take(&mut plan.tasks).into_iter().map(Some).collect();
    plan.tasks = positions.into_iter().map(|index| tasks[index].take().expect("each task once")).collect();
    Ok(Command::ReorderTasks(old_order))
}

fn check_parent(plan: &Plan, task: &Task) -> Result<(), ModelError> {
    if let Some(parent) = &task.parent {
        if parent.as_str().is_empty() {
            return Err(empty_reference("parent", "task"));
        }
        let parent_task =
            plan.task(parent.as_str()).ok_or_else(|| ModelError::NotFound(Item::ParentTask(parent.clone())))?;
        if parent_task.kind == TaskKind::Milestone {
            let parent_id = shortened(parent.as_str());
            return Err(ModelError::Invalid {
                field: "parent".into(),
                message: format!("{parent_id} is a milestone and cannot have subtasks"),
            });
        }
        if is_ancestor_or_self(plan, task.id.as_str(), parent.as_str()) {
            return Err(ModelError::Cycle(Circular::UnderItself { task: task.id.clone(), parent: parent.clone() }));
        }
    }
    Ok(())
}

fn check_dependency(plan: &Plan, dependency: &Dependency) -> Result<(), ModelError> {
    check_dependency_fields(dependency)?;
    for (field, id) in [("predecessor", &dependency.predecessor), ("successor", &dependency.successor)] {
        if plan.task(id.as_str()).is_none() {
            return Err(unknown_task(field, id));
        }
    }
    Ok(())
}

fn check_categories(categories: &[String]) -> Result<(), ModelError> {
    check_risk_categories(categories).map_err(|(entry, message)| ModelError::Invalid {
        field: match entry {
            Some(entry) => format!("risk category {}", entry + 1),
            None => "risk categories".into(),
        },
        message,
    })
}

fn check_risk(plan: &Plan, risk: &Risk) -> Result<(), ModelError> {
    check_risk_fields(risk)?;
    if !plan.risk_categories.contains(&risk.category) {
        return Err(ModelError::Invalid {
            field: "category".into(),
            message: unlisted_category_message(&risk.category, &plan.risk_categories),
        });
    }
    if let Some(owner) = &risk.owner {
        if plan.person(owner.as_str()).is_none() {
            return Err(unknown_person("owner", owner));
        }
    }
    for task in &risk.linked_tasks {
        if plan.task(task.as_str()).is_none() {
            return Err(unknown_task("linked tasks", task));
        }
    }
    Ok(())
}

fn check_no_cycle(plan: &Plan) -> Result<(), ModelError> {
    TaskGraph::build(plan)
        .topological_order(plan)
        .map(|_| ())
        .map_err(|cycle| ModelError::Cycle(Circular::Links(cycle)))
}

fn remove_task(plan: &mut Plan, id: &TaskId) -> Result<Command, ModelError> {
    if plan.task_index(id.as_str()).is_none() {
        return Err(ModelError::NotFound(Item::Task(id.clone())));
    }
    // Collect the task and all its descendants, wherever they sit in the list.
    let mut removed: IdSet<TaskId> = IdSet::default();
    removed.insert(id.clone());
    let mut grew = true;
    while grew {
        grew = false;
        for task in &plan.tasks {
            if let Some(parent) = &task.parent {
                if removed.contains(parent) && removed.insert(task.id.clone()) {
                    grew = true;
                }
            }
        }
    }
    // The undo puts tasks back first, then what referred to them, each at its old place.
    let mut restore_references = Vec::new();
    let mut position = 0;
    plan.dependencies.retain(|dependency| {
        let keep = !removed.contains(&dependency.predecessor) && !removed.contains(&dependency.successor);
        if !keep {
            restore_references.push(Command::InsertDependency { dependency: dependency.clone(), index: position });
        }
        position += 1;
        keep
    });
    let mut position = 0;
    plan.external_dependencies.retain(|link| {
        let keep = !removed.contains(&link.successor);
        if !keep {
            restore_references.push(Command::InsertExternalDependency { dependency: link.clone(), index: position });
        }
        position += 1;
        keep
    });
    let mut position = 0;
    plan.raci.retain(|cell| {
        let keep = !removed.contains(&cell.task);
        if !keep {
            restore_references.push(Command::InsertRaciCell { cell: cell.clone(), index: position });
        }
        position += 1;
        keep
    });
    for risk in &mut plan.risks {
        if risk.linked_tasks.iter().any(|task| removed.contains(task)) {
            restore_references.push(Command::UpdateRisk(risk.clone()));
            risk.linked_tasks.retain(|task| !removed.contains(task));
        }
    }
    log_rules::forget(plan, &Gone::Tasks(&removed), &mut restore_references);
    log_rules::forget_in_budget(plan, &Gone::Tasks(&removed), &mut restore_references);
    let mut restore_baseline_entries = Vec::new();
    for (baseline_index, baseline) in plan.baselines.iter_mut().enumerate() {
        let mut position = 0;
        baseline.tasks.retain(|entry| {
            let keep = !removed.contains(&entry.task);
            if !keep {
                restore_baseline_entries.push((baseline_index, position, entry.clone()));
            }
            position += 1;
            keep
        });
    }
    let mut restore_tasks = Vec::new();
    let mut position = 0;
    plan.tasks.retain(|task| {
        let keep = !removed.contains(&task.id);
        if !keep {
            restore_tasks.push((position, task.clone()));
        }
        position += 1;
        keep
    });
    let mut undo = vec![Command::RestoreTasks(restore_tasks)];
    undo.extend(restore_references);
    if !restore_baseline_entries.is_empty() {
        undo.push(Command::RestoreBaselineEntries(restore_baseline_entries));
    }
    Ok(Command::Batch(undo))
}

/// Puts back baseline entries a task removal took (its undo), each at its old place;
/// refused if a baseline would then list a task twice.
fn restore_baseline_entries(
    plan: &mut Plan,
    entries: Vec<(usize, usize, BaselineTask)>,
) -> Result<Command, ModelError> {
    let mut listed: IdMap<usize, IdSet<&str>> = IdMap::default();
    for (baseline, position, entry) in &entries {
        let Some(list) = plan.baselines.get(*baseline) else {
            return Err(ModelError::NotFound(Item::BaselineAt(*baseline)));
        };
        if *position > list.tasks.len() + entries.len() {
            return Err(ModelError::NotFound(Item::BaselinePlace { baseline: *baseline, position: *position }));
        }
        if plan.task(entry.task.as_str()).is_none() {
            return Err(unknown_task("task", &entry.task));
        }
        let tasks =
            listed.entry(*baseline).or_insert_with(|| list.tasks.iter().map(|kept| kept.task.as_str()).collect());
        if !tasks.insert(entry.task.as_str()) {
            let (baseline, task) = (list.id.clone(), entry.task.clone());
            return Err(ModelError::AlreadyExists(Item::BaselineEntry { baseline, task }));
        }
    }
    for (baseline, position, entry) in &entries {
        let list = &mut plan.baselines[*baseline].tasks;
        list.insert((*position).min(list.len()), entry.clone());
    }
    Ok(Command::RemoveBaselineEntries(entries.iter().map(|(baseline, position, _)| (*baseline, *position)).collect()))
}

fn link_item(predecessor: &TaskId, successor: &TaskId) -> Item {
    Item::Link { predecessor: predecessor.clone(), successor: successor.clone() }
}

/// Refuses a `field` that names a task the plan does not have: in words when it names
/// nothing, else by the id.
pub(super) fn unknown_task(field: &str, id: &TaskId) -> ModelError {
    if id.as_str().is_empty() {
        empty_reference(field, "task")
    } else {
        ModelError::NotFound(Item::Task(id.clone()))
    }
}

/// [`unknown_task`] for a person.
pub(super) fn unknown_person(field: &str, id: &PersonId) -> ModelError {
    if id.as_str().is_empty() {
        empty_reference(field, "person")
    } else {
        ModelError::NotFound(Item::Person(id.clone()))
    }
}

fn empty_reference(field: &str, kind: &str) -> ModelError {
    ModelError::Invalid { field: field.into(), message: format!("is empty: it must name a {kind}") }
}
