//! The RAID log beside the risk register: assumptions, issues and decisions, their
//! rules and the edits the Log view offers (a new entry, an assumption proven wrong
//! raised as a risk or an issue, a decision superseded by another). Risks stay in
//! `model::risk`. Decisions are never deleted, only superseded: the log offers no way
//! to remove one (`Command::RemoveLogEntry` of a decision is only the undo of adding it).
//!
//! Dates: the model has no clock; "today" is always an argument.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::serde_forms::choice_by_label;
use super::validate::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use super::{AssumptionId, Command, DecisionId, IssueId, ModelError, PersonId, Plan, RaciRole, Risk, RiskId, TaskId};

// ------------------------------------------------------------------ the entries

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AssumptionStatus {
    #[default]
    Open,
    Confirmed,
    ProvenWrong,
}

impl AssumptionStatus {
    pub const ALL: [AssumptionStatus; 3] = [Self::Open, Self::Confirmed, Self::ProvenWrong];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Confirmed => "confirmed",
            Self::ProvenWrong => "proven wrong",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Lowest first.
    pub const ALL: [Severity; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IssueStatus {
    #[default]
    Open,
    InProgress,
    Resolved,
    Closed,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 4] = [Self::Open, Self::InProgress, Self::Resolved, Self::Closed];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    /// Still to be dealt with: open or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

choice_by_label!(AssumptionStatus, Severity, IssueStatus);

/// Something the plan takes as true without knowing it yet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub id: AssumptionId,
    pub statement: String,
    pub owner: Option<PersonId>,
    /// The day by which it should be confirmed or proven wrong.
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub validate_by: Option<NaiveDate>,
    pub status: AssumptionStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub linked_tasks: Vec<TaskId>,
    /// The day it was entered. Left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::serde_forms::optional_date")]
    pub created: Option<NaiveDate>,
}

/// Something that has gone wrong and must be dealt with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: IssueId,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub owner: Option<PersonId>,
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub raised: Option<NaiveDate>,
    #[serde(default, with = "super::serde_forms::optional_date")]
    pub due: Option<NaiveDate>,
    pub status: IssueStatus,
    pub resolution: String,
    pub linked_tasks: Vec<TaskId>,
    /// The risk that occurred and became this issue. Left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_risk: Option<RiskId>,
    /// The assumption proven wrong that raised it. Left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_assumption: Option<AssumptionId>,
}

/// Something decided, by whom and when, and what else was considered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: DecisionId,
    /// What was decided.
    pub title: String,
    /// Who decided, while they are in the plan.
    pub decided_by: Option<PersonId>,
    /// Their name when the decision was recorded: kept when the person is removed from
    /// the plan, so the log still says who decided.
    pub decided_by_name: String,
    #[serde(with = "super::serde_forms::date")]
    pub date: NaiveDate,
    /// The options considered.
    pub options: String,
    /// Why this one.
    pub rationale: String,
    pub linked_tasks: Vec<TaskId>,
    pub linked_risks: Vec<RiskId>,
    /// The later decision that replaced it. Left out while it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<DecisionId>,
}

/// Which list of the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogKind {
    Assumption,
    Issue,
    Decision,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [Self::Assumption, Self::Issue, Self::Decision];

    /// "assumption", "issue", "decision".
    pub fn label(self) -> &'static str {
        match self {
            Self::Assumption => "assumption",
            Self::Issue => "issue",
            Self::Decision => "decision",
        }
    }
}

/// One entry of any kind, as the log's commands carry it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LogEntry {
    Assumption(Assumption),
    Issue(Issue),
    Decision(Decision),
}

/// One entry's id, of its kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LogEntryId {
    Assumption(AssumptionId),
    Issue(IssueId),
    Decision(DecisionId),
}

impl LogEntry {
    pub fn id(&self) -> LogEntryId {
        match self {
            Self::Assumption(entry) => LogEntryId::Assumption(entry.id.clone()),
            Self::Issue(entry) => LogEntryId::Issue(entry.id.clone()),
            Self::Decision(entry) => LogEntryId::Decision(entry.id.clone()),
        }
    }

    /// The entry, borrowed.
    pub fn as_entry_ref(&self) -> LogEntryRef<'_> {
        match self {
            Self::Assumption(entry) => LogEntryRef::Assumption(entry),
            Self::Issue(entry) => LogEntryRef::Issue(entry),
            Self::Decision(entry) => LogEntryRef::Decision(entry),
        }
    }
}

impl LogEntryId {
    pub fn kind(&self) -> LogKind {
        match self {
            Self::Assumption(_) => LogKind::Assumption,
            Self::Issue(_) => LogKind::Issue,
            Self::Decision(_) => LogKind::Decision,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Assumption(id) => id.as_str(),
            Self::Issue(id) => id.as_str(),
            Self::Decision(id) => id.as_str(),
        }
    }
}

impl std::fmt::Display for LogEntryId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} {}", self.kind().label(), self.as_str())
    }
}

impl Plan {
    pub fn next_assumption_id(&self) -> AssumptionId {
        AssumptionId(Self::next_id(AssumptionId::PREFIX, self.assumptions.iter().map(|entry| entry.id.as_str())))
    }

    pub fn next_issue_id(&self) -> IssueId {
        IssueId(Self::next_id(IssueId::PREFIX, self.issues.iter().map(|entry| entry.id.as_str())))
    }

    pub fn next_decision_id(&self) -> DecisionId {
        DecisionId(Self::next_id(DecisionId::PREFIX, self.decisions.iter().map(|entry| entry.id.as_str())))
    }

    /// The entry with this id, whatever its kind.
    pub fn log_entry(&self, id: &LogEntryId) -> Option<LogEntry> {
        match id {
            LogEntryId::Assumption(id) => {
                self.assumptions.iter().find(|entry| entry.id == *id).cloned().map(LogEntry::Assumption)
            }
            LogEntryId::Issue(id) => self.issues.iter().find(|entry| entry.id == *id).cloned().map(LogEntry::Issue),
            LogEntryId::Decision(id) => {
                self.decisions.iter().find(|entry| entry.id == *id).cloned().map(LogEntry::Decision)
            }
        }
    }
}

// ------------------------------------------------------------------ new entries

/// A new open assumption, entered `today`, to be validated within two weeks.
pub fn new_assumption(plan: &Plan, statement: impl Into<String>, today: NaiveDate) -> Assumption {
    Assumption {
        id: plan.next_assumption_id(),
        statement: statement.into(),
        owner: None,
        validate_by: today.checked_add_days(chrono::Days::new(14)),
        status: AssumptionStatus::Open,
        notes: String::new(),
        linked_tasks: Vec::new(),
        created: Some(today),
    }
}

/// A new open issue of medium severity raised `today`, due in a week.
pub fn new_issue(plan: &Plan, title: impl Into<String>, today: NaiveDate) -> Issue {
    Issue {
        id: plan.next_issue_id(),
        title: title.into(),
        description: String::new(),
        severity: Severity::Medium,
        owner: None,
        raised: Some(today),
        due: today.checked_add_days(chrono::Days::new(7)),
        status: IssueStatus::Open,
        resolution: String::new(),
        linked_tasks: Vec::new(),
        from_risk: None,
        from_assumption: None,
    }
}

/// A new decision taken `today`, decided by the person `proposed_decider` names for
/// its linked tasks.
pub fn new_decision(plan: &Plan, title: impl Into<String>, linked_tasks: Vec<TaskId>, today: NaiveDate) -> Decision {
    let decided_by = proposed_decider(plan, &linked_tasks);
    let decided_by_name = decided_by.as_ref().and_then(|id| plan.person(id.as_str())).map(|person| person.name.clone());
    Decision {
        id: plan.next_decision_id(),
        title: title.into(),
        decided_by,
        decided_by_name: decided_by_name.unwrap_or_default(),
        date: today,
        options: String::new(),
        rationale: String::new(),
        linked_tasks,
        linked_risks: Vec::new(),
        superseded_by: None,
    }
}

/// Who should decide on these tasks: the Accountable person (A or A/R in the RACI
/// matrix) of the first of them that has one.
pub fn proposed_decider(plan: &Plan, tasks: &[TaskId]) -> Option<PersonId> {
    tasks.iter().find_map(|task| {
        plan.raci
            .iter()
            .find(|cell| cell.task == *task && matches!(cell.role, RaciRole::A | RaciRole::AR))
            .map(|cell| cell.person.clone())
    })
}

/// The issue a risk that occurred becomes: its title, description and linked tasks,
/// its owner, severity from its impact, raised `today`.
pub fn issue_from_risk(plan: &Plan, risk: &Risk, today: NaiveDate) -> Issue {
    let severity = match risk.impact {
        5 => Severity::Critical,
        4 => Severity::High,
        3 => Severity::Medium,
        _ => Severity::Low,
    };
    Issue {
        title: shorten(&format!("{} occurred: {}", risk.id, risk.title), MAX_NAME_CHARS),
        description: risk.description.clone(),
        severity,
        owner: risk.owner.clone(),
        linked_tasks: risk.linked_tasks.clone(),
        from_risk: Some(risk.id.clone()),
        ..new_issue(plan, "", today)
    }
}

/// What an assumption proven wrong raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Raise {
    Risk,
    Issue,
}

/// "Proven wrong": one step that marks the assumption so and, when asked, raises a risk
/// or an issue that names it (its statement and linked tasks, its owner).
pub fn prove_wrong(
    plan: &Plan,
    id: &AssumptionId,
    raise: Option<Raise>,
    today: NaiveDate,
) -> Result<Command, ModelError> {
    let assumption = plan
        .assumptions
        .iter()
        .find(|entry| entry.id == *id)
        .ok_or_else(|| ModelError::NotFound(super::Item::LogEntry(LogEntryId::Assumption(id.clone()))))?;
    let marked = Assumption { status: AssumptionStatus::ProvenWrong, ..assumption.clone() };
    let mut steps = vec![Command::UpdateLogEntry(LogEntry::Assumption(marked))];
    let title = shorten(&format!("{} proven wrong: {}", assumption.id, assumption.statement), MAX_NAME_CHARS);
    match raise {
        Some(Raise::Issue) => {
            let issue = Issue {
                owner: assumption.owner.clone(),
                linked_tasks: assumption.linked_tasks.clone(),
                from_assumption: Some(assumption.id.clone()),
                description: shorten(&assumption.notes, MAX_TEXT_CHARS),
                ..new_issue(plan, title, today)
            };
            steps.push(Command::AddLogEntry { entry: LogEntry::Issue(issue), index: None });
        }
        Some(Raise::Risk) => {
            let mut risk = super::risk::new_risk(plan, title, today);
            risk.owner = assumption.owner.clone();
            risk.linked_tasks = assumption.linked_tasks.clone();
            risk.description = format!("Raised because assumption {} was proven wrong.", assumption.id);
            steps.push(Command::AddRisk { risk, index: None });
        }
        None => {}
    }
    Ok(Command::Batch(steps))
}

/// One step that records `replacement` and marks the decision `old` superseded by it.
pub fn supersede(plan: &Plan, old: &DecisionId, replacement: Decision) -> Result<Command, ModelError> {
    let stored = plan
        .decisions
        .iter()
        .find(|entry| entry.id == *old)
        .ok_or_else(|| ModelError::NotFound(super::Item::LogEntry(LogEntryId::Decision(old.clone()))))?;
    let marked = Decision { superseded_by: Some(replacement.id.clone()), ..stored.clone() };
    Ok(Command::Batch(vec![
        Command::AddLogEntry { entry: LogEntry::Decision(replacement), index: None },
        Command::UpdateLogEntry(LogEntry::Decision(marked)),
    ]))
}

// ------------------------------------------------------------------ reading the log

/// An open assumption whose day to validate by has passed.
pub fn assumption_overdue(assumption: &Assumption, today: NaiveDate) -> bool {
    assumption.status == AssumptionStatus::Open && assumption.validate_by.is_some_and(|day| day < today)
}

/// An issue still open whose due day has passed.
pub fn issue_overdue(issue: &Issue, today: NaiveDate) -> bool {
    issue.status.is_open() && issue.due.is_some_and(|day| day < today)
}

/// Open assumptions to validate by `until` (overdue ones included), soonest first.
pub fn assumptions_due(plan: &Plan, until: NaiveDate) -> Vec<&Assumption> {
    let mut due: Vec<&Assumption> = plan
        .assumptions
        .iter()
        .filter(|entry| entry.status == AssumptionStatus::Open && entry.validate_by.is_some_and(|day| day <= until))
        .collect();
    due.sort_by_key(|entry| entry.validate_by);
    due
}

/// How many open issues there are of each severity, lowest first (`Severity::ALL`).
pub fn open_issues_by_severity(plan: &Plan) -> [usize; 4] {
    let mut counts = [0; 4];
    for issue in plan.issues.iter().filter(|issue| issue.status.is_open()) {
        counts[issue.severity as usize] += 1;
    }
    counts
}

/// Decisions taken on or after `since`, in the order taken.
pub fn decisions_since(plan: &Plan, since: NaiveDate) -> Vec<&Decision> {
    let mut taken: Vec<&Decision> = plan.decisions.iter().filter(|entry| entry.date >= since).collect();
    taken.sort_by_key(|entry| entry.date);
    taken
}

/// Every entry of the log linked to a task, in log order (assumptions, issues, decisions).
pub fn entries_of_task<'a>(plan: &'a Plan, task: &TaskId) -> Vec<LogEntryRef<'a>> {
    let assumptions =
        plan.assumptions.iter().filter(|entry| entry.linked_tasks.contains(task)).map(LogEntryRef::Assumption);
    let issues = plan.issues.iter().filter(|entry| entry.linked_tasks.contains(task)).map(LogEntryRef::Issue);
    let decisions = plan.decisions.iter().filter(|entry| entry.linked_tasks.contains(task)).map(LogEntryRef::Decision);
    assumptions.chain(issues).chain(decisions).collect()
}

/// An entry of the log, borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogEntryRef<'a> {
    Assumption(&'a Assumption),
    Issue(&'a Issue),
    Decision(&'a Decision),
}

impl<'a> LogEntryRef<'a> {
    /// Its id with its kind, as the log's commands name it.
    pub fn entry_id(&self) -> LogEntryId {
        match self {
            Self::Assumption(entry) => LogEntryId::Assumption(entry.id.clone()),
            Self::Issue(entry) => LogEntryId::Issue(entry.id.clone()),
            Self::Decision(entry) => LogEntryId::Decision(entry.id.clone()),
        }
    }

    pub fn id(&self) -> &'a str {
        match *self {
            Self::Assumption(entry) => entry.id.as_str(),
            Self::Issue(entry) => entry.id.as_str(),
            Self::Decision(entry) => entry.id.as_str(),
        }
    }

    pub fn kind(&self) -> LogKind {
        match self {
            Self::Assumption(_) => LogKind::Assumption,
            Self::Issue(_) => LogKind::Issue,
            Self::Decision(_) => LogKind::Decision,
        }
    }

    /// The line the entry is known by: a statement or a title.
    pub fn title(&self) -> &str {
        match self {
            Self::Assumption(entry) => &entry.statement,
            Self::Issue(entry) => &entry.title,
            Self::Decision(entry) => &entry.title,
        }
    }

    /// Its status in words ("open", "proven wrong", "superseded by D4", "decided").
    pub fn status(&self) -> String {
        match self {
            Self::Assumption(entry) => entry.status.label().into(),
            Self::Issue(entry) => entry.status.label().into(),
            Self::Decision(entry) => match &entry.superseded_by {
                Some(later) => format!("superseded by {later}"),
                None => "decided".into(),
            },
        }
    }
}

/// The name a decision shows for who decided: the person's name while they are in the
/// plan, else the name kept when it was recorded, marked as no longer in the plan.
pub fn decider_name(plan: &Plan, decision: &Decision) -> String {
    match decision.decided_by.as_ref().and_then(|id| plan.person(id.as_str())) {
        Some(person) => person.name.clone(),
        None if decision.decided_by_name.trim().is_empty() => "not recorded".into(),
        None => format!("{} (no longer in the plan)", decision.decided_by_name),
    }
}

fn shorten(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}
