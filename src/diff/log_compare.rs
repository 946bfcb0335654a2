//! The two-way comparison of the RAID log and the budget, as `compare` does the risks:
//! entries matched by id within their kind (added, removed, or changed field by field),
//! then the budget's currency and total, each person's day rate and each task's amounts.
//! Our order for changed and removed entries, theirs for added ones.
//!
//! A day rate of a person only one plan has, and the costs of a task only one plan has,
//! go with that person or task: removing them in the app drops them (so they are not
//! listed beside the removal), and an added person's rate or an added task's costs are
//! listed to take after it.

use std::collections::{HashMap, HashSet};

use super::change::{Change, FieldChange};
use super::log_change::{AssumptionField, BudgetField, DecisionField, IssueField, TaskCostField};
use crate::model::{Plan, TaskCost, TaskId};

/// Pushes `make(FieldChange)` when the two values differ.
fn field<T: PartialEq + Clone, C>(changes: &mut Vec<C>, from: &T, to: &T, make: impl FnOnce(FieldChange<T>) -> C) {
    if from != to {
        changes.push(make(FieldChange::new(from.clone(), to.clone())));
    }
}

pub(super) fn compare_assumptions(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_entries: HashMap<_, _> = theirs.assumptions.iter().map(|entry| (&entry.id, entry)).collect();
    let our_ids: HashSet<_> = ours.assumptions.iter().map(|entry| &entry.id).collect();
    for entry in &ours.assumptions {
        let Some(theirs) = their_entries.get(&entry.id) else {
            changes.push(Change::AssumptionRemoved(entry.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &entry.statement, &theirs.statement, AssumptionField::Statement);
        field(&mut fields, &entry.owner, &theirs.owner, AssumptionField::Owner);
        field(&mut fields, &entry.validate_by, &theirs.validate_by, AssumptionField::ValidateBy);
        field(&mut fields, &entry.status, &theirs.status, AssumptionField::Status);
        field(&mut fields, &entry.notes, &theirs.notes, AssumptionField::Notes);
        field(&mut fields, &entry.linked_tasks, &theirs.linked_tasks, AssumptionField::LinkedTasks);
        field(&mut fields, &entry.created, &theirs.created, AssumptionField::Created);
        changes.extend(fields.into_iter().map(|field| Change::AssumptionChanged { id: entry.id.clone(), field }));
    }
    for entry in &theirs.assumptions {
        if !our_ids.contains(&entry.id) {
            changes.push(Change::AssumptionAdded(entry.clone()));
        }
    }
}

pub(super) fn compare_issues(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_entries: HashMap<_, _> = theirs.issues.iter().map(|entry| (&entry.id, entry)).collect();
    let our_ids: HashSet<_> = ours.issues.iter().map(|entry| &entry.id).collect();
    for entry in &ours.issues {
        let Some(theirs) = their_entries.get(&entry.id) else {
            changes.push(Change::IssueRemoved(entry.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &entry.title, &theirs.title, IssueField::Title);
        field(&mut fields, &entry.description, &theirs.description, IssueField::Description);
        field(&mut fields, &entry.severity, &theirs.severity, IssueField::Severity);
        field(&mut fields, &entry.owner, &theirs.owner, IssueField::Owner);
        field(&mut fields, &entry.raised, &theirs.raised, IssueField::Raised);
        field(&mut fields, &entry.due, &theirs.due, IssueField::Due);
        field(&mut fields, &entry.status, &theirs.status, IssueField::Status);
        field(&mut fields, &entry.resolution, &theirs.resolution, IssueField::Resolution);
        field(&mut fields, &entry.linked_tasks, &theirs.linked_tasks, IssueField::LinkedTasks);
        field(&mut fields, &entry.from_risk, &theirs.from_risk, IssueField::FromRisk);
        field(&mut fields, &entry.from_assumption, &theirs.from_assumption, IssueField::FromAssumption);
        changes.extend(fields.into_iter().map(|field| Change::IssueChanged { id: entry.id.clone(), field }));
    }
    for entry in &theirs.issues {
        if !our_ids.contains(&entry.id) {
            changes.push(Change::IssueAdded(entry.clone()));
        }
    }
}

pub(super) fn compare_decisions(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let their_entries: HashMap<_, _> = theirs.decisions.iter().map(|entry| (&entry.id, entry)).collect();
    let our_ids: HashSet<_> = ours.decisions.iter().map(|entry| &entry.id).collect();
    for entry in &ours.decisions {
        let Some(theirs) = their_entries.get(&entry.id) else {
            changes.push(Change::DecisionRemoved(entry.clone()));
            continue;
        };
        let mut fields = Vec::new();
        field(&mut fields, &entry.title, &theirs.title, DecisionField::Title);
        field(&mut fields, &entry.decided_by, &theirs.decided_by, DecisionField::DecidedBy);
        field(&mut fields, &entry.decided_by_name, &theirs.decided_by_name, DecisionField::DecidedByName);
        field(&mut fields, &entry.date, &theirs.date, DecisionField::Date);
        field(&mut fields, &entry.options, &theirs.options, DecisionField::Options);
        field(&mut fields, &entry.rationale, &theirs.rationale, DecisionField::Rationale);
        field(&mut fields, &entry.linked_tasks, &theirs.linked_tasks, DecisionField::LinkedTasks);
        field(&mut fields, &entry.linked_risks, &theirs.linked_risks, DecisionField::LinkedRisks);
        field(&mut fields, &entry.superseded_by, &theirs.superseded_by, DecisionField::SupersededBy);
        changes.extend(fields.into_iter().map(|field| Change::DecisionChanged { id: entry.id.clone(), field }));
    }
    for entry in &theirs.decisions {
        if !our_ids.contains(&entry.id) {
            changes.push(Change::DecisionAdded(entry.clone()));
        }
    }
}

/// The budget's currency and total, then the day rates of people theirs has (ours'
/// people first, in our order, then theirs' new people), then the amounts of tasks
/// theirs has (in the same order).
pub(super) fn compare_budget(ours: &Plan, theirs: &Plan, changes: &mut Vec<Change>) {
    let currency = theirs.budget.currency.clone();
    let (our_budget, their_budget) = (&ours.budget, &theirs.budget);
    let mut fields = Vec::new();
    field(&mut fields, &our_budget.currency, &their_budget.currency, BudgetField::Currency);
    field(&mut fields, &our_budget.total, &their_budget.total, BudgetField::Total);
    changes.extend(fields.into_iter().map(|field| Change::BudgetChanged { field, currency: currency.clone() }));

    let our_people: HashSet<_> = ours.people.iter().map(|person| &person.id).collect();
    let people = ours.people.iter().chain(theirs.people.iter().filter(|person| !our_people.contains(&person.id)));
    for person in people.filter(|person| theirs.person(person.id.as_str()).is_some()) {
        let (from, to) = (our_budget.day_rate(&person.id), their_budget.day_rate(&person.id));
        field(changes, &from, &to, |rate| Change::DayRateChanged {
            person: person.id.clone(),
            rate,
            currency: currency.clone(),
        });
    }

    let our_tasks: HashSet<_> = ours.tasks.iter().map(|task| &task.id).collect();
    let tasks = ours.tasks.iter().chain(theirs.tasks.iter().filter(|task| !our_tasks.contains(&task.id)));
    for task in tasks.filter(|task| theirs.task(task.id.as_str()).is_some()) {
        let (mine, other) = (cost_of(ours, &task.id), cost_of(theirs, &task.id));
        let mut fields = Vec::new();
        field(&mut fields, &mine.fixed, &other.fixed, TaskCostField::Fixed);
        field(&mut fields, &mine.actual, &other.actual, TaskCostField::Actual);
        field(&mut fields, &mine.budget, &other.budget, TaskCostField::Budget);
        changes.extend(fields.into_iter().map(|field| Change::TaskCostChanged {
            task: task.id.clone(),
            field,
            currency: currency.clone(),
        }));
    }
}

/// A task's amounts in a plan, all none when it has no entry.
fn cost_of(plan: &Plan, task: &TaskId) -> TaskCost {
    plan.budget.task(task).cloned().unwrap_or_else(|| TaskCost::none(task.clone()))
}
