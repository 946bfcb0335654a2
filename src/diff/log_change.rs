//! The changed fields of the RAID log's entries and of the budget, and the words that
//! show them, in the sentences `Change` prints: `A2 status open → confirmed`, `I4
//! renamed "Old" → "New"`, `budget total none → 120,000.00 EUR`, `T3 fixed cost 800.00 →
//! 950.00 EUR`. Each sentence is the item, the field's words, then ours → theirs.

use chrono::NaiveDate;

use super::change::{date_or_none, id_or_none, list_or_none, quoted, FieldChange};
use crate::model::budget::{format_money, Money};
use crate::model::{
    Assumption, AssumptionId, AssumptionStatus, Decision, DecisionId, Issue, IssueStatus, PersonId, RiskId, Severity,
    TaskId,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssumptionField {
    Statement(FieldChange<String>),
    Owner(FieldChange<Option<PersonId>>),
    ValidateBy(FieldChange<Option<NaiveDate>>),
    Status(FieldChange<AssumptionStatus>),
    Notes(FieldChange<String>),
    LinkedTasks(FieldChange<Vec<TaskId>>),
    Created(FieldChange<Option<NaiveDate>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueField {
    Title(FieldChange<String>),
    Description(FieldChange<String>),
    Severity(FieldChange<Severity>),
    Owner(FieldChange<Option<PersonId>>),
    Raised(FieldChange<Option<NaiveDate>>),
    Due(FieldChange<Option<NaiveDate>>),
    Status(FieldChange<IssueStatus>),
    Resolution(FieldChange<String>),
    LinkedTasks(FieldChange<Vec<TaskId>>),
    FromRisk(FieldChange<Option<RiskId>>),
    FromAssumption(FieldChange<Option<AssumptionId>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionField {
    Title(FieldChange<String>),
    DecidedBy(FieldChange<Option<PersonId>>),
    /// The name kept of who decided.
    DecidedByName(FieldChange<String>),
    Date(FieldChange<NaiveDate>),
    Options(FieldChange<String>),
    Rationale(FieldChange<String>),
    LinkedTasks(FieldChange<Vec<TaskId>>),
    LinkedRisks(FieldChange<Vec<RiskId>>),
    SupersededBy(FieldChange<Option<DecisionId>>),
}

/// The budget's own fields (day rates and task costs are items of their own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetField {
    Currency(FieldChange<String>),
    /// What the whole plan may cost.
    Total(FieldChange<Option<Money>>),
}

/// One task's money; zero, or no budget, is "none" (an entry with nothing set is not
/// kept, so a task without one compares as all none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskCostField {
    Fixed(FieldChange<Money>),
    Actual(FieldChange<Money>),
    Budget(FieldChange<Option<Money>>),
}

/// `from → to` of two values shown by `show`.
fn both<T>(change: &FieldChange<T>, show: impl Fn(&T) -> String) -> (String, String) {
    (show(&change.from), show(&change.to))
}

fn text(value: &str) -> String {
    quoted(value)
}

fn tasks(value: &[TaskId]) -> String {
    list_or_none(value)
}

impl AssumptionField {
    /// The field's name in the file.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Statement(_) => "statement",
            Self::Owner(_) => "owner",
            Self::ValidateBy(_) => "validate_by",
            Self::Status(_) => "status",
            Self::Notes(_) => "notes",
            Self::LinkedTasks(_) => "linked_tasks",
            Self::Created(_) => "created",
        }
    }

    /// Ours and theirs as the sentence shows them.
    pub fn sides(&self) -> (String, String) {
        match self {
            Self::Statement(change) | Self::Notes(change) => both(change, |value| text(value)),
            Self::Owner(change) => both(change, id_or_none),
            Self::ValidateBy(change) | Self::Created(change) => both(change, date_or_none),
            Self::Status(change) => both(change, |status| status.label().into()),
            Self::LinkedTasks(change) => both(change, |value| tasks(value)),
        }
    }
}

impl IssueField {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Description(_) => "description",
            Self::Severity(_) => "severity",
            Self::Owner(_) => "owner",
            Self::Raised(_) => "raised",
            Self::Due(_) => "due",
            Self::Status(_) => "status",
            Self::Resolution(_) => "resolution",
            Self::LinkedTasks(_) => "linked_tasks",
            Self::FromRisk(_) => "from_risk",
            Self::FromAssumption(_) => "from_assumption",
        }
    }

    pub fn sides(&self) -> (String, String) {
        match self {
            Self::Title(change) | Self::Description(change) | Self::Resolution(change) => {
                both(change, |value| text(value))
            }
            Self::Severity(change) => both(change, |severity| severity.label().into()),
            Self::Owner(change) => both(change, id_or_none),
            Self::Raised(change) | Self::Due(change) => both(change, date_or_none),
            Self::Status(change) => both(change, |status| status.label().into()),
            Self::LinkedTasks(change) => both(change, |value| tasks(value)),
            Self::FromRisk(change) => both(change, id_or_none),
            Self::FromAssumption(change) => both(change, id_or_none),
        }
    }
}

impl DecisionField {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::DecidedBy(_) => "decided_by",
            Self::DecidedByName(_) => "decided_by_name",
            Self::Date(_) => "date",
            Self::Options(_) => "options",
            Self::Rationale(_) => "rationale",
            Self::LinkedTasks(_) => "linked_tasks",
            Self::LinkedRisks(_) => "linked_risks",
            Self::SupersededBy(_) => "superseded_by",
        }
    }

    pub fn sides(&self) -> (String, String) {
        match self {
            Self::Title(change) | Self::DecidedByName(change) | Self::Options(change) | Self::Rationale(change) => {
                both(change, |value| text(value))
            }
            Self::DecidedBy(change) => both(change, id_or_none),
            Self::Date(change) => both(change, ToString::to_string),
            Self::LinkedTasks(change) => both(change, |value| tasks(value)),
            Self::LinkedRisks(change) => both(change, |risks| list_or_none(risks)),
            Self::SupersededBy(change) => both(change, id_or_none),
        }
    }
}

/// An amount with its currency, or "none" when unset.
fn money_or_none(amount: &Option<Money>, currency: &str) -> String {
    amount.map_or_else(|| "none".to_string(), |amount| format_money(amount, currency))
}

/// An amount where zero means unset (a day rate, a fixed or actual cost).
fn nonzero_money_or_none(amount: &Money, currency: &str) -> String {
    money_or_none(&Some(*amount).filter(|amount| !amount.is_zero()), currency)
}

impl BudgetField {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Currency(_) => "currency",
            Self::Total(_) => "total",
        }
    }

    /// Amounts in `currency` (theirs, what taking the change gives).
    pub fn sides(&self, currency: &str) -> (String, String) {
        match self {
            Self::Currency(change) => both(change, Clone::clone),
            Self::Total(change) => both(change, |amount| money_or_none(amount, currency)),
        }
    }
}

impl TaskCostField {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Fixed(_) => "fixed",
            Self::Actual(_) => "actual",
            Self::Budget(_) => "budget",
        }
    }

    /// The field's words in a sentence.
    pub fn words(&self) -> &'static str {
        match self {
            Self::Fixed(_) => "fixed cost",
            Self::Actual(_) => "actual cost",
            Self::Budget(_) => "budget",
        }
    }

    pub fn sides(&self, currency: &str) -> (String, String) {
        match self {
            Self::Fixed(change) | Self::Actual(change) => {
                both(change, |amount| nonzero_money_or_none(amount, currency))
            }
            Self::Budget(change) => both(change, |amount| money_or_none(amount, currency)),
        }
    }
}

/// A day rate's two sides, zero as "none".
pub(super) fn day_rate_sides(rate: &FieldChange<Money>, currency: &str) -> (String, String) {
    both(rate, |amount| nonzero_money_or_none(amount, currency))
}

/// The words a field of an entry takes in a sentence: a title change is "renamed",
/// any other field its name in words ("validate by", "from risk").
pub(super) fn entry_field_words(name: &str) -> String {
    match name {
        "title" => "renamed".into(),
        other => other.replace('_', " "),
    }
}

/// `A3 added: "Vendor keeps the price" (open)`.
pub(super) fn assumption_added(entry: &Assumption) -> String {
    format!("{} added: {} ({})", entry.id, quoted(&entry.statement), entry.status.label())
}

/// `I2 added: "Staging is down" (high, open)`.
pub(super) fn issue_added(entry: &Issue) -> String {
    format!("{} added: {} ({}, {})", entry.id, quoted(&entry.title), entry.severity.label(), entry.status.label())
}

/// `D4 added: "Use vendor B" (decided 2027-02-01)`.
pub(super) fn decision_added(entry: &Decision) -> String {
    format!("{} added: {} (decided {})", entry.id, quoted(&entry.title), entry.date)
}
