//! The rules of the RAID log's entries and of the budget, one set for the file reader
//! (`validate::validate_plan`, every problem with its path) and for the commands (the
//! first problem, refused), and the commands that change them.

use super::budget::{check_amount, check_currency, DayRate, Money, TaskCost};
use super::hashing::IdSet;
use super::log::{Assumption, Decision, Issue, LogEntry, LogEntryId, LogEntryRef};
use super::text::shortened;
use super::validate::{check_id, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use super::{ChangeRequest, ChangeRequestId, Command, Item, ModelError, Plan};

/// The ids an entry may name, gathered once.
pub struct Known<'a> {
    tasks: IdSet<&'a str>,
    people: IdSet<&'a str>,
    risks: IdSet<&'a str>,
    assumptions: IdSet<&'a str>,
    decisions: IdSet<&'a str>,
}

impl<'a> Known<'a> {
    pub fn of(plan: &'a Plan) -> Self {
        Self {
            tasks: plan.tasks.iter().map(|task| task.id.as_str()).collect(),
            people: plan.people.iter().map(|person| person.id.as_str()).collect(),
            risks: plan.risks.iter().map(|risk| risk.id.as_str()).collect(),
            assumptions: plan.assumptions.iter().map(|entry| entry.id.as_str()).collect(),
            decisions: plan.decisions.iter().map(|entry| entry.id.as_str()).collect(),
        }
    }
}

/// One broken rule: the field (relative to the entry: `owner`, `linked_tasks[2]`) and what.
pub type EntryProblem = (String, String);

/// Every rule one entry breaks against the plan's ids.
pub fn entry_problems(entry: LogEntryRef, known: &Known) -> Vec<EntryProblem> {
    let mut problems = Vec::new();
    match entry {
        LogEntryRef::Assumption(assumption) => assumption_problems(assumption, known, &mut problems),
        LogEntryRef::Issue(issue) => issue_problems(issue, known, &mut problems),
        LogEntryRef::Decision(decision) => decision_problems(decision, known, &mut problems),
    }
    problems
}

fn assumption_problems(entry: &Assumption, known: &Known, problems: &mut Vec<EntryProblem>) {
    id_problem(entry.id.as_str(), "A", problems);
    name_problem("statement", &entry.statement, problems);
    text_problem("notes", &entry.notes, problems);
    person_problem("owner", entry.owner.as_ref().map(|id| id.as_str()), known, problems);
    task_problems(&entry.linked_tasks, known, problems);
}

fn issue_problems(entry: &Issue, known: &Known, problems: &mut Vec<EntryProblem>) {
    id_problem(entry.id.as_str(), "I", problems);
    name_problem("title", &entry.title, problems);
    text_problem("description", &entry.description, problems);
    text_problem("resolution", &entry.resolution, problems);
    person_problem("owner", entry.owner.as_ref().map(|id| id.as_str()), known, problems);
    if let (Some(raised), Some(due)) = (entry.raised, entry.due) {
        if due < raised {
            problems.push(("due".into(), format!("{due} is before the day the issue was raised, {raised}")));
        }
    }
    task_problems(&entry.linked_tasks, known, problems);
    if let Some(risk) = &entry.from_risk {
        if !known.risks.contains(risk.as_str()) {
            problems.push((
                "from_risk".into(),
                format!("refers to risk {}, which does not exist", shortened(risk.as_str())),
            ));
        }
    }
    if let Some(assumption) = &entry.from_assumption {
        if !known.assumptions.contains(assumption.as_str()) {
            problems.push((
                "from_assumption".into(),
                format!("refers to assumption {}, which does not exist", shortened(assumption.as_str())),
            ));
        }
    }
}

fn decision_problems(entry: &Decision, known: &Known, problems: &mut Vec<EntryProblem>) {
    id_problem(entry.id.as_str(), "D", problems);
    name_problem("title", &entry.title, problems);
    if entry.decided_by_name.chars().count() > MAX_NAME_CHARS {
        problems.push(("decided_by_name".into(), format!("is longer than {MAX_NAME_CHARS} characters")));
    }
    text_problem("options", &entry.options, problems);
    text_problem("rationale", &entry.rationale, problems);
    if let Some(person) = &entry.decided_by {
        if !known.people.contains(person.as_str()) {
            let kept = match entry.decided_by_name.trim() {
                "" => String::new(),
                name => {
                    format!(" (the decision names {name}; if they left the plan, clear decided_by and keep the name)")
                }
            };
            problems.push((
                "decided_by".into(),
                format!("refers to person {}, who is not in the plan{kept}", shortened(person.as_str())),
            ));
        }
    }
    task_problems(&entry.linked_tasks, known, problems);
    for (index, risk) in entry.linked_risks.iter().enumerate() {
        if !known.risks.contains(risk.as_str()) {
            problems.push((
                format!("linked_risks[{index}]"),
                format!("refers to risk {}, which does not exist", shortened(risk.as_str())),
            ));
        }
    }
    if let Some(later) = &entry.superseded_by {
        if *later == entry.id {
            problems.push(("superseded_by".into(), "names the decision itself".into()));
        } else if !known.decisions.contains(later.as_str()) {
            problems.push((
                "superseded_by".into(),
                format!("refers to decision {}, which does not exist", shortened(later.as_str())),
            ));
        }
    }
}

fn id_problem(id: &str, prefix: &str, problems: &mut Vec<EntryProblem>) {
    if let Err(message) = check_id(id, prefix) {
        problems.push(("id".into(), message));
    }
}

fn name_problem(field: &str, text: &str, problems: &mut Vec<EntryProblem>) {
    if text.trim().is_empty() {
        problems.push((field.into(), "must not be empty".into()));
    } else if text.chars().count() > MAX_NAME_CHARS {
        problems.push((field.into(), format!("is longer than {MAX_NAME_CHARS} characters")));
    }
}

fn text_problem(field: &str, text: &str, problems: &mut Vec<EntryProblem>) {
    if text.chars().count() > MAX_TEXT_CHARS {
        problems.push((field.into(), format!("is longer than {MAX_TEXT_CHARS} characters")));
    }
}

fn person_problem(field: &str, person: Option<&str>, known: &Known, problems: &mut Vec<EntryProblem>) {
    if let Some(person) = person.filter(|person| !known.people.contains(person)) {
        problems.push((field.into(), format!("refers to person {}, who does not exist", shortened(person))));
    }
}

fn task_problems(tasks: &[super::TaskId], known: &Known, problems: &mut Vec<EntryProblem>) {
    for (index, task) in tasks.iter().enumerate() {
        if !known.tasks.contains(task.as_str()) {
            problems.push((
                format!("linked_tasks[{index}]"),
                format!("refers to task {}, which does not exist", shortened(task.as_str())),
            ));
        }
    }
}

// ------------------------------------------------------------------ the budget's rules

/// Every rule the plan's budget breaks: (path under `plan.budget`, what).
pub fn budget_problems(plan: &Plan, known: &Known) -> Vec<EntryProblem> {
    let budget = &plan.budget;
    let mut problems = Vec::new();
    if let Err(message) = check_currency(&budget.currency) {
        problems.push(("currency".into(), message));
    }
    if let Some(Err(message)) = budget.total.map(check_amount) {
        problems.push(("total".into(), message));
    }
    let mut people: IdSet<&str> = IdSet::default();
    for (index, rate) in budget.day_rates.iter().enumerate() {
        let base = format!("day_rates[{index}]");
        if !known.people.contains(rate.person.as_str()) {
            problems.push((
                format!("{base}.person"),
                format!("refers to person {}, who does not exist", shortened(rate.person.as_str())),
            ));
        } else if !people.insert(rate.person.as_str()) {
            problems
                .push((format!("{base}.person"), format!("{} has a day rate twice", shortened(rate.person.as_str()))));
        }
        if let Err(message) = check_amount(rate.rate) {
            problems.push((format!("{base}.rate"), message));
        }
    }
    let mut tasks: IdSet<&str> = IdSet::default();
    for (index, cost) in budget.tasks.iter().enumerate() {
        let base = format!("tasks[{index}]");
        if !known.tasks.contains(cost.task.as_str()) {
            problems.push((
                format!("{base}.task"),
                format!("refers to task {}, which does not exist", shortened(cost.task.as_str())),
            ));
        } else if !tasks.insert(cost.task.as_str()) {
            problems.push((format!("{base}.task"), format!("task {} has costs twice", shortened(cost.task.as_str()))));
        }
        for (field, amount) in [("fixed", Some(cost.fixed)), ("actual", Some(cost.actual)), ("budget", cost.budget)] {
            if let Some(Err(message)) = amount.map(check_amount) {
                problems.push((format!("{base}.{field}"), message));
            }
        }
    }
    problems
}

// ------------------------------------------------------------------ commands

fn refused((field, message): EntryProblem) -> ModelError {
    ModelError::Invalid { field: field.replace('_', " "), message }
}

fn check_entry(plan: &Plan, entry: &LogEntry) -> Result<(), ModelError> {
    let known = Known::of(plan);
    entry_problems(entry.as_entry_ref(), &known).into_iter().next().map_or(Ok(()), |problem| Err(refused(problem)))
}

/// `Command::AddLogEntry`.
pub(super) fn add_entry(plan: &mut Plan, entry: LogEntry, index: Option<usize>) -> Result<Command, ModelError> {
    check_entry(plan, &entry)?;
    let id = entry.id();
    if plan.log_entry(&id).is_some() {
        return Err(ModelError::AlreadyExists(Item::LogEntry(id)));
    }
    match entry {
        LogEntry::Assumption(entry) => insert(&mut plan.assumptions, entry, index),
        LogEntry::Issue(entry) => insert(&mut plan.issues, entry, index),
        LogEntry::Decision(entry) => insert(&mut plan.decisions, entry, index),
    }
    Ok(Command::RemoveLogEntry(id))
}

fn insert<T>(list: &mut Vec<T>, entry: T, index: Option<usize>) {
    let index = index.unwrap_or(list.len()).min(list.len());
    list.insert(index, entry);
}

/// `Command::UpdateLogEntry`.
pub(super) fn update_entry(plan: &mut Plan, entry: LogEntry) -> Result<Command, ModelError> {
    check_entry(plan, &entry)?;
    let missing = || ModelError::NotFound(Item::LogEntry(entry.id()));
    let old = match &entry {
        LogEntry::Assumption(new) => {
            let slot = plan.assumptions.iter_mut().find(|old| old.id == new.id).ok_or_else(missing)?;
            LogEntry::Assumption(std::mem::replace(slot, new.clone()))
        }
        LogEntry::Issue(new) => {
            let slot = plan.issues.iter_mut().find(|old| old.id == new.id).ok_or_else(missing)?;
            LogEntry::Issue(std::mem::replace(slot, new.clone()))
        }
        LogEntry::Decision(new) => {
            let slot = plan.decisions.iter_mut().find(|old| old.id == new.id).ok_or_else(missing)?;
            LogEntry::Decision(std::mem::replace(slot, new.clone()))
        }
    };
    Ok(Command::UpdateLogEntry(old))
}

/// `Command::RemoveLogEntry`: the entry goes, and what named it forgets it (an issue its
/// assumption, a decision the one that superseded it), all undone in one step.
pub(super) fn remove_entry(plan: &mut Plan, id: LogEntryId) -> Result<Command, ModelError> {
    let missing = || ModelError::NotFound(Item::LogEntry(id.clone()));
    let mut undo = Vec::new();
    match &id {
        LogEntryId::Assumption(removed) => {
            let index = plan.assumptions.iter().position(|entry| entry.id == *removed).ok_or_else(missing)?;
            for issue in plan.issues.iter_mut().filter(|issue| issue.from_assumption.as_ref() == Some(removed)) {
                undo.push(Command::UpdateLogEntry(LogEntry::Issue(issue.clone())));
                issue.from_assumption = None;
            }
            let entry = LogEntry::Assumption(plan.assumptions.remove(index));
            undo.insert(0, Command::AddLogEntry { entry, index: Some(index) });
        }
        LogEntryId::Issue(removed) => {
            let index = plan.issues.iter().position(|entry| entry.id == *removed).ok_or_else(missing)?;
            undo.push(Command::AddLogEntry { entry: LogEntry::Issue(plan.issues.remove(index)), index: Some(index) });
        }
        LogEntryId::Decision(removed) => {
            let index = plan.decisions.iter().position(|entry| entry.id == *removed).ok_or_else(missing)?;
            for decision in plan.decisions.iter_mut().filter(|entry| entry.superseded_by.as_ref() == Some(removed)) {
                undo.push(Command::UpdateLogEntry(LogEntry::Decision(decision.clone())));
                decision.superseded_by = None;
            }
            for request in plan.change_requests.iter_mut().filter(|request| request.decision.as_ref() == Some(removed))
            {
                undo.push(Command::UpdateChangeRequest(request.clone()));
                request.decision = None;
            }
            let entry = LogEntry::Decision(plan.decisions.remove(index));
            undo.insert(0, Command::AddLogEntry { entry, index: Some(index) });
        }
    }
    Ok(Command::Batch(undo))
}

/// What removing tasks, a person or a risk leaves the log: every reference to them
/// dropped (a decision keeps the name of who decided), and the undo of each change.
pub(super) fn forget(plan: &mut Plan, gone: &Gone, undo: &mut Vec<Command>) {
    for entry in plan.assumptions.iter_mut() {
        let before = entry.clone();
        gone.forget_tasks(&mut entry.linked_tasks);
        if gone.is_person(entry.owner.as_ref().map(|id| id.as_str())) {
            entry.owner = None;
        }
        if *entry != before {
            undo.push(Command::UpdateLogEntry(LogEntry::Assumption(before)));
        }
    }
    for entry in plan.issues.iter_mut() {
        let before = entry.clone();
        gone.forget_tasks(&mut entry.linked_tasks);
        if gone.is_person(entry.owner.as_ref().map(|id| id.as_str())) {
            entry.owner = None;
        }
        if gone.is_risk(entry.from_risk.as_ref().map(|id| id.as_str())) {
            entry.from_risk = None;
        }
        if *entry != before {
            undo.push(Command::UpdateLogEntry(LogEntry::Issue(before)));
        }
    }
    for entry in plan.decisions.iter_mut() {
        let before = entry.clone();
        gone.forget_tasks(&mut entry.linked_tasks);
        if gone.is_person(entry.decided_by.as_ref().map(|id| id.as_str())) {
            entry.decided_by = None;
            if let (Gone::Person { name, .. }, "") = (gone, entry.decided_by_name.trim()) {
                entry.decided_by_name = name.to_string();
            }
        }
        entry.linked_risks.retain(|risk| !gone.is_risk(Some(risk.as_str())));
        if *entry != before {
            undo.push(Command::UpdateLogEntry(LogEntry::Decision(before)));
        }
    }
    for request in plan.change_requests.iter_mut() {
        if gone.is_person(request.requester.as_ref().map(|id| id.as_str())) {
            undo.push(Command::UpdateChangeRequest(request.clone()));
            request.requester = None;
        }
    }
}

/// What was removed, for `forget`.
pub(super) enum Gone<'a> {
    Tasks(&'a IdSet<super::TaskId>),
    /// A person, with their name, which the decisions they made keep.
    Person {
        id: &'a str,
        name: &'a str,
    },
    Risk(&'a str),
}

impl Gone<'_> {
    fn forget_tasks(&self, tasks: &mut Vec<super::TaskId>) {
        if let Gone::Tasks(removed) = self {
            tasks.retain(|task| !removed.contains(task));
        }
    }

    fn is_person(&self, person: Option<&str>) -> bool {
        matches!(self, Gone::Person { id, .. } if person == Some(*id))
    }

    fn is_risk(&self, risk: Option<&str>) -> bool {
        matches!(self, Gone::Risk(gone) if risk == Some(*gone))
    }
}

/// What removing tasks or a person leaves the budget: their costs and rates go, and
/// the undo puts each back at its place.
pub(super) fn forget_in_budget(plan: &mut Plan, gone: &Gone, undo: &mut Vec<Command>) {
    match gone {
        Gone::Tasks(removed) => {
            let mut index = 0;
            plan.budget.tasks.retain(|cost| {
                let keep = !removed.contains(&cost.task);
                if !keep {
                    undo.push(Command::InsertTaskCost { cost: cost.clone(), index });
                }
                index += 1;
                keep
            });
        }
        Gone::Person { id, .. } => {
            let mut index = 0;
            plan.budget.day_rates.retain(|rate| {
                let keep = rate.person.as_str() != *id;
                if !keep {
                    undo.push(Command::InsertDayRate { rate: rate.clone(), index });
                }
                index += 1;
                keep
            });
        }
        Gone::Risk(_) => {}
    }
}

/// `Command::SetBudgetTerms`: the currency and the plan's budget.
pub(super) fn set_budget_terms(plan: &mut Plan, currency: String, total: Option<Money>) -> Result<Command, ModelError> {
    check_currency(&currency).map_err(|message| refused(("currency".into(), message)))?;
    let budget = &plan.budget;
    let (old_digits, new_digits) =
        (super::budget::minor_digits(&budget.currency), super::budget::minor_digits(&currency));
    let has_amounts = budget.total.is_some() || !budget.day_rates.is_empty() || !budget.tasks.is_empty();
    if old_digits != new_digits && has_amounts {
        let message = format!(
            concat!(
                "cannot change from {} ({} decimals) to {} ({}) while the plan has amounts, whose meaning ",
                "would change: choose a currency with {} decimals, or clear the amounts first"
            ),
            budget.currency, old_digits, currency, new_digits, old_digits,
        );
        return Err(refused(("currency".into(), message)));
    }
    if let Some(Err(message)) = total.map(check_amount) {
        return Err(refused(("budget".into(), message)));
    }
    let old_currency = std::mem::replace(&mut plan.budget.currency, currency);
    let old_total = std::mem::replace(&mut plan.budget.total, total);
    Ok(Command::SetBudgetTerms { currency: old_currency, total: old_total })
}

/// `Command::SetDayRate`: a person's rate; zero removes it.
pub(super) fn set_day_rate(plan: &mut Plan, rate: DayRate) -> Result<Command, ModelError> {
    if plan.person(rate.person.as_str()).is_none() {
        return Err(ModelError::NotFound(Item::Person(rate.person.clone())));
    }
    check_amount(rate.rate).map_err(|message| refused(("day_rate".into(), message)))?;
    let rates = &mut plan.budget.day_rates;
    let old = match rates.iter().position(|existing| existing.person == rate.person) {
        Some(index) if rate.rate.is_zero() => return Ok(Command::InsertDayRate { rate: rates.remove(index), index }),
        Some(index) => std::mem::replace(&mut rates[index].rate, rate.rate),
        None => {
            if !rate.rate.is_zero() {
                rates.push(rate.clone());
            }
            Money::ZERO
        }
    };
    Ok(Command::SetDayRate(DayRate { person: rate.person, rate: old }))
}

/// `Command::SetTaskCost`: a task's fixed cost, actual cost and budget; nothing set
/// removes its entry.
pub(super) fn set_task_cost(plan: &mut Plan, cost: TaskCost) -> Result<Command, ModelError> {
    if plan.task(cost.task.as_str()).is_none() {
        return Err(ModelError::NotFound(Item::Task(cost.task.clone())));
    }
    for (field, amount) in
        [("fixed cost", Some(cost.fixed)), ("actual cost", Some(cost.actual)), ("budget", cost.budget)]
    {
        if let Some(Err(message)) = amount.map(check_amount) {
            return Err(refused((field.into(), message)));
        }
    }
    let costs = &mut plan.budget.tasks;
    let task = cost.task.clone();
    let old = match costs.iter().position(|existing| existing.task == cost.task) {
        Some(index) if cost.is_empty() => return Ok(Command::InsertTaskCost { cost: costs.remove(index), index }),
        Some(index) => std::mem::replace(&mut costs[index], cost),
        None => {
            if !cost.is_empty() {
                costs.push(cost);
            }
            TaskCost::none(task)
        }
    };
    Ok(Command::SetTaskCost(old))
}

/// `Command::InsertDayRate`: a rate put back at its place; refused if the person has one.
pub(super) fn insert_day_rate(plan: &mut Plan, rate: DayRate, index: usize) -> Result<Command, ModelError> {
    if plan.budget.day_rates.iter().any(|existing| existing.person == rate.person) {
        return Err(refused(("day_rate".into(), format!("{} has a day rate already", rate.person))));
    }
    let person = rate.person.clone();
    let undo = set_day_rate(plan, rate.clone())?;
    let rates = &mut plan.budget.day_rates;
    if let Some(at) = rates.iter().position(|existing| existing.person == person) {
        let moved = rates.remove(at);
        rates.insert(index.min(rates.len()), moved);
    }
    Ok(undo)
}

/// `Command::InsertTaskCost`: a task's costs put back at their place; refused if it has some.
pub(super) fn insert_task_cost(plan: &mut Plan, cost: TaskCost, index: usize) -> Result<Command, ModelError> {
    if plan.budget.task(&cost.task).is_some() {
        return Err(refused(("costs".into(), format!("task {} has costs already", cost.task))));
    }
    let task = cost.task.clone();
    let undo = set_task_cost(plan, cost)?;
    let costs = &mut plan.budget.tasks;
    if let Some(at) = costs.iter().position(|existing| existing.task == task) {
        let moved = costs.remove(at);
        costs.insert(index.min(costs.len()), moved);
    }
    Ok(undo)
}

// ------------------------------------------------------------------ change requests

/// Every rule a change request breaks: (field relative to the request, what). The items
/// it asks to change are snapshots, not references: each is checked by its own field
/// rules, and whether it still applies is decided when it is approved.
pub fn change_request_problems(request: &ChangeRequest, known: &Known) -> Vec<EntryProblem> {
    let mut problems = Vec::new();
    id_problem(request.id.as_str(), "C", &mut problems);
    name_problem("title", &request.title, &mut problems);
    text_problem("reason", &request.reason, &mut problems);
    text_problem("rejection", &request.rejection, &mut problems);
    person_problem("requester", request.requester.as_ref().map(|id| id.as_str()), known, &mut problems);
    if let Some(decision) = request.decision.as_ref().filter(|decision| !known.decisions.contains(decision.as_str())) {
        problems.push((
            "decision".into(),
            format!("refers to decision {}, which does not exist", shortened(decision.as_str())),
        ));
    }
    if let Some(decided) = request.decided.filter(|decided| *decided < request.raised) {
        problems.push(("decided".into(), format!("{decided} is before the day it was raised, {}", request.raised)));
    }
    for (index, change) in request.tasks.iter().enumerate() {
        let base = format!("tasks[{index}]");
        match (&change.before, &change.after) {
            (None, None) => problems.push((base.clone(), "has neither a before nor an after".into())),
            (Some(before), Some(after)) if before.id != after.id => {
                problems.push((format!("{base}.after.id"), format!("is {}, not {} as before", after.id, before.id)));
            }
            _ => {}
        }
        for (side, task) in [("before", &change.before), ("after", &change.after)] {
            if let Some(Err((field, message))) = task.as_ref().map(super::validate::check_task_fields) {
                problems.push((format!("{base}.{side}.{field}"), message));
            }
        }
    }
    for (index, change) in request.dependencies.iter().enumerate() {
        if change.before.is_none() && change.after.is_none() {
            problems.push((format!("dependencies[{index}]"), "has neither a before nor an after".into()));
        }
    }
    for (index, change) in request.costs.iter().enumerate() {
        let amounts = [&change.before, &change.after]
            .into_iter()
            .flatten()
            .flat_map(|cost| [Some(cost.fixed), Some(cost.actual), cost.budget]);
        if change.before.is_none() && change.after.is_none() {
            problems.push((format!("costs[{index}]"), "has neither a before nor an after".into()));
        } else if let Some(Err(message)) = amounts.flatten().map(check_amount).find(Result::is_err) {
            problems.push((format!("costs[{index}]"), message));
        }
    }
    problems
}

fn check_change_request(plan: &Plan, request: &ChangeRequest) -> Result<(), ModelError> {
    let known = Known::of(plan);
    change_request_problems(request, &known).into_iter().next().map_or(Ok(()), |problem| Err(refused(problem)))
}

/// `Command::AddChangeRequest`.
pub(super) fn add_change_request(
    plan: &mut Plan,
    request: ChangeRequest,
    index: Option<usize>,
) -> Result<Command, ModelError> {
    check_change_request(plan, &request)?;
    if plan.change_request(&request.id).is_some() {
        return Err(ModelError::AlreadyExists(Item::ChangeRequest(request.id.clone())));
    }
    let id = request.id.clone();
    insert(&mut plan.change_requests, request, index);
    Ok(Command::RemoveChangeRequest(id))
}

/// `Command::UpdateChangeRequest`.
pub(super) fn update_change_request(plan: &mut Plan, request: ChangeRequest) -> Result<Command, ModelError> {
    check_change_request(plan, &request)?;
    let slot = plan
        .change_requests
        .iter_mut()
        .find(|old| old.id == request.id)
        .ok_or_else(|| ModelError::NotFound(Item::ChangeRequest(request.id.clone())))?;
    Ok(Command::UpdateChangeRequest(std::mem::replace(slot, request)))
}

/// `Command::RemoveChangeRequest`.
pub(super) fn remove_change_request(plan: &mut Plan, id: &ChangeRequestId) -> Result<Command, ModelError> {
    let index = plan
        .change_requests
        .iter()
        .position(|request| request.id == *id)
        .ok_or_else(|| ModelError::NotFound(Item::ChangeRequest(id.clone())))?;
    Ok(Command::AddChangeRequest { request: plan.change_requests.remove(index), index: Some(index) })
}
