//! Taking chosen changes of the RAID log and the budget, after the risks (which issues
//! and decisions may name) and before people are removed: each entry by id, as risks are
//! taken (an added one whole, a changed one's chosen fields as one update), then the
//! budget's terms, day rates and task amounts.

use super::change::{Change, Item};
use super::log_change::{AssumptionField, BudgetField, DecisionField, IssueField, TaskCostField};
use super::merge::{by_item, ids, Builder};
use super::{DiffEntry, MergeError};
use crate::model::{Command, DayRate, Decision, LogEntry, LogEntryId, TaskCost};

impl Builder<'_> {
    /// Removed entries first; then, kind by kind, added and changed ones: assumptions
    /// before the issues that may name them, decisions last. An added decision comes in
    /// without the decision that superseded it, which is named once every decision taken
    /// is there (it may be added later in the list).
    pub(super) fn log_entries(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        for entry in chosen {
            let id = match &entry.change {
                Change::AssumptionRemoved(removed) => LogEntryId::Assumption(removed.id.clone()),
                Change::IssueRemoved(removed) => LogEntryId::Issue(removed.id.clone()),
                Change::DecisionRemoved(removed) => LogEntryId::Decision(removed.id.clone()),
                _ => continue,
            };
            self.run(&[entry.id], Command::RemoveLogEntry(id))?;
        }
        for entry in chosen {
            if let Change::AssumptionAdded(added) = &entry.change {
                self.add_entry(entry, LogEntry::Assumption(added.clone()))?;
            }
        }
        self.assumptions_changed(chosen)?;
        for entry in chosen {
            if let Change::IssueAdded(added) = &entry.change {
                self.add_entry(entry, LogEntry::Issue(added.clone()))?;
            }
        }
        self.issues_changed(chosen)?;
        for entry in chosen {
            if let Change::DecisionAdded(added) = &entry.change {
                let standing = Decision { superseded_by: None, ..added.clone() };
                self.add_entry(entry, LogEntry::Decision(standing))?;
            }
        }
        self.decisions_changed(chosen)?;
        for entry in chosen {
            if let Change::DecisionAdded(added) = &entry.change {
                if added.superseded_by.is_some() {
                    self.run(&[entry.id], Command::UpdateLogEntry(LogEntry::Decision(added.clone())))?;
                }
            }
        }
        Ok(())
    }

    fn add_entry(&mut self, entry: &DiffEntry, added: LogEntry) -> Result<(), MergeError> {
        self.run(&[entry.id], Command::AddLogEntry { entry: added, index: None })
    }

    fn assumptions_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::AssumptionChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::Assumption(id) = item else { continue };
            let Some(mut assumption) = self.work.assumptions.iter().find(|entry| entry.id == id).cloned() else {
                continue;
            };
            for entry in &entries {
                let Change::AssumptionChanged { field, .. } = &entry.change else { continue };
                match field {
                    AssumptionField::Statement(change) => assumption.statement = change.to.clone(),
                    AssumptionField::Owner(change) => assumption.owner = change.to.clone(),
                    AssumptionField::ValidateBy(change) => assumption.validate_by = change.to,
                    AssumptionField::Status(change) => assumption.status = change.to,
                    AssumptionField::Notes(change) => assumption.notes = change.to.clone(),
                    AssumptionField::LinkedTasks(change) => assumption.linked_tasks = change.to.clone(),
                    AssumptionField::Created(change) => assumption.created = change.to,
                }
            }
            self.run(&ids(&entries), Command::UpdateLogEntry(LogEntry::Assumption(assumption)))?;
        }
        Ok(())
    }

    fn issues_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::IssueChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::Issue(id) = item else { continue };
            let Some(mut issue) = self.work.issues.iter().find(|entry| entry.id == id).cloned() else { continue };
            for entry in &entries {
                let Change::IssueChanged { field, .. } = &entry.change else { continue };
                match field {
                    IssueField::Title(change) => issue.title = change.to.clone(),
                    IssueField::Description(change) => issue.description = change.to.clone(),
                    IssueField::Severity(change) => issue.severity = change.to,
                    IssueField::Owner(change) => issue.owner = change.to.clone(),
                    IssueField::Raised(change) => issue.raised = change.to,
                    IssueField::Due(change) => issue.due = change.to,
                    IssueField::Status(change) => issue.status = change.to,
                    IssueField::Resolution(change) => issue.resolution = change.to.clone(),
                    IssueField::LinkedTasks(change) => issue.linked_tasks = change.to.clone(),
                    IssueField::FromRisk(change) => issue.from_risk = change.to.clone(),
                    IssueField::FromAssumption(change) => issue.from_assumption = change.to.clone(),
                }
            }
            self.run(&ids(&entries), Command::UpdateLogEntry(LogEntry::Issue(issue)))?;
        }
        Ok(())
    }

    fn decisions_changed(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::DecisionChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::Decision(id) = item else { continue };
            let Some(mut decision) = self.work.decisions.iter().find(|entry| entry.id == id).cloned() else {
                continue;
            };
            for entry in &entries {
                let Change::DecisionChanged { field, .. } = &entry.change else { continue };
                match field {
                    DecisionField::Title(change) => decision.title = change.to.clone(),
                    DecisionField::DecidedBy(change) => decision.decided_by = change.to.clone(),
                    DecisionField::DecidedByName(change) => decision.decided_by_name = change.to.clone(),
                    DecisionField::Date(change) => decision.date = change.to,
                    DecisionField::Options(change) => decision.options = change.to.clone(),
                    DecisionField::Rationale(change) => decision.rationale = change.to.clone(),
                    DecisionField::LinkedTasks(change) => decision.linked_tasks = change.to.clone(),
                    DecisionField::LinkedRisks(change) => decision.linked_risks = change.to.clone(),
                    DecisionField::SupersededBy(change) => decision.superseded_by = change.to.clone(),
                }
            }
            self.run(&ids(&entries), Command::UpdateLogEntry(LogEntry::Decision(decision)))?;
        }
        Ok(())
    }

    /// The currency and total as one step, then each day rate, then each task's chosen
    /// amounts as one step.
    pub(super) fn budget(&mut self, chosen: &[&DiffEntry]) -> Result<(), MergeError> {
        let (mut currency, mut total) = (self.work.budget.currency.clone(), self.work.budget.total);
        let mut terms = Vec::new();
        for entry in chosen {
            let Change::BudgetChanged { field, .. } = &entry.change else { continue };
            match field {
                BudgetField::Currency(change) => currency = change.to.clone(),
                BudgetField::Total(change) => total = change.to,
            }
            terms.push(entry.id);
        }
        if !terms.is_empty() {
            self.run(&terms, Command::SetBudgetTerms { currency, total })?;
        }
        for entry in chosen {
            if let Change::DayRateChanged { person, rate, .. } = &entry.change {
                self.run(&[entry.id], Command::SetDayRate(DayRate { person: person.clone(), rate: rate.to }))?;
            }
        }
        let changed = chosen.iter().copied().filter(|entry| matches!(entry.change, Change::TaskCostChanged { .. }));
        for (item, entries) in by_item(changed) {
            let Item::TaskCost(task) = item else { continue };
            let mut cost = self.work.budget.task(&task).cloned().unwrap_or_else(|| TaskCost::none(task.clone()));
            for entry in &entries {
                let Change::TaskCostChanged { field, .. } = &entry.change else { continue };
                match field {
                    TaskCostField::Fixed(change) => cost.fixed = change.to,
                    TaskCostField::Actual(change) => cost.actual = change.to,
                    TaskCostField::Budget(change) => cost.budget = change.to,
                }
            }
            self.run(&ids(&entries), Command::SetTaskCost(cost))?;
        }
        Ok(())
    }
}
