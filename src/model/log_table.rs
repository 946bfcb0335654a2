//! What the Log view's table shows for one kind of entry (`ui/log`): its columns, which
//! entries pass the filter, in which order, and what each cell says. Plain functions of
//! the plan, the filter and today, as `risk::register_rows` is for the risk register.

use chrono::NaiveDate;

use super::dates::format_iso_date;
use super::log::{assumption_overdue, decider_name, issue_overdue};
use super::{
    Assumption, AssumptionStatus, Decision, Issue, IssueStatus, LogEntryId, LogKind, PersonId, Plan, Severity, TaskId,
};

/// The decisions' "status" filter: a decision stands until another supersedes it.
pub const STANDING: &str = "standing";
pub const SUPERSEDED: &str = "superseded";

/// What narrows the table. Kept when the tab changes, but for the status and severity,
/// which belong to one kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// Words that must each appear, ignoring case, in the entry's id, title or
    /// statement, description, notes, options, rationale or resolution.
    pub text: String,
    /// A status of the tab's kind by its label (`status_choices`); empty: any.
    pub status: String,
    /// Issues only.
    pub severity: Option<Severity>,
    /// The owner (for a decision, who decided); `Some(None)`: nobody.
    pub owner: Option<Option<PersonId>>,
}

impl LogFilter {
    /// Whether any filter is set.
    pub fn is_narrowed(&self) -> bool {
        !self.text.trim().is_empty() || !self.status.is_empty() || self.severity.is_some() || self.owner.is_some()
    }

    /// The same search and owner, for another kind.
    pub fn for_other_kind(&self) -> Self {
        LogFilter { text: self.text.clone(), owner: self.owner.clone(), ..LogFilter::default() }
    }

    fn matches_text(&self, fields: &[&str]) -> bool {
        let words: Vec<String> = self.text.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return true;
        }
        let haystack = fields.join("\n").to_lowercase();
        words.iter().all(|word| haystack.contains(word.as_str()))
    }

    fn accepts(&self, owner: &Option<PersonId>, status: &str, fields: &[&str]) -> bool {
        (self.status.is_empty() || self.status == status)
            && self.owner.as_ref().is_none_or(|wanted| wanted == owner)
            && self.matches_text(fields)
    }
}

/// The statuses a tab's status filter offers, by label.
pub fn status_choices(kind: LogKind) -> Vec<&'static str> {
    match kind {
        LogKind::Assumption => AssumptionStatus::ALL.iter().map(|status| status.label()).collect(),
        LogKind::Issue => IssueStatus::ALL.iter().map(|status| status.label()).collect(),
        LogKind::Decision => vec![STANDING, SUPERSEDED],
    }
}

/// How a column's cells are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Id,
    /// The statement or title, with the overdue flag.
    Title,
    Plain,
    Date,
    /// The date that makes the entry overdue once passed.
    DueDate,
    Status,
    Severity,
    Tasks,
}

/// A column of a tab's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub heading: &'static str,
    pub kind: CellKind,
    /// A hint shown on the heading.
    pub hint: &'static str,
    /// Whether its first sort is the highest or latest first.
    pub first_descending: bool,
}

const fn column(heading: &'static str, kind: CellKind, hint: &'static str) -> Column {
    let first_descending = matches!(kind, CellKind::Severity);
    Column { heading, kind, hint, first_descending }
}

const ASSUMPTION_COLUMNS: [Column; 6] = [
    column("Id", CellKind::Id, ""),
    column("Statement", CellKind::Title, ""),
    column("Owner", CellKind::Plain, ""),
    column("Validate by", CellKind::DueDate, "The day by which it should be confirmed; overdue ones are marked"),
    column("Status", CellKind::Status, ""),
    column("Tasks", CellKind::Tasks, "The tasks that rely on it"),
];

const ISSUE_COLUMNS: [Column; 8] = [
    column("Id", CellKind::Id, ""),
    column("Title", CellKind::Title, ""),
    column("Severity", CellKind::Severity, ""),
    column("Owner", CellKind::Plain, ""),
    column("Raised", CellKind::Date, ""),
    column("Due", CellKind::DueDate, "The day it should be resolved by; overdue ones are marked"),
    column("Status", CellKind::Status, ""),
    column("Tasks", CellKind::Tasks, "The tasks it affects"),
];

const DECISION_COLUMNS: [Column; 6] = [
    column("Id", CellKind::Id, ""),
    column("Title", CellKind::Title, ""),
    column("Decided by", CellKind::Plain, ""),
    column("Date", CellKind::Date, ""),
    column("Status", CellKind::Status, "A decision stands until a later one supersedes it"),
    column("Tasks", CellKind::Tasks, "The tasks it concerns"),
];

/// A tab's columns, in order.
pub fn columns(kind: LogKind) -> &'static [Column] {
    match kind {
        LogKind::Assumption => &ASSUMPTION_COLUMNS,
        LogKind::Issue => &ISSUE_COLUMNS,
        LogKind::Decision => &DECISION_COLUMNS,
    }
}

/// The table's order: a column by its index, and whether the highest comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogSort {
    pub column: usize,
    pub descending: bool,
}

/// What a cell says, and the key it sorts by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub text: String,
    pub sort: String,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: LogEntryId,
    /// In the order of `columns`.
    pub cells: Vec<Cell>,
    /// An open assumption past its validate-by day, an open issue past its due day.
    pub overdue: bool,
    /// Its status label, for the row's and the status cell's class.
    pub status: String,
    /// Confirmed, proven wrong, resolved, closed or superseded: drawn muted.
    pub settled: bool,
}

/// The rows of one kind that pass the filter, in the sort's order (the log's own order
/// without one).
pub fn log_rows(plan: &Plan, kind: LogKind, filter: &LogFilter, sort: Option<LogSort>, today: NaiveDate) -> Vec<Row> {
    let mut rows: Vec<Row> = match kind {
        LogKind::Assumption => plan
            .assumptions
            .iter()
            .filter(|entry| assumption_passes(plan, entry, filter))
            .map(|entry| assumption_row(plan, entry, today))
            .collect(),
        LogKind::Issue => plan
            .issues
            .iter()
            .filter(|entry| issue_passes(plan, entry, filter))
            .map(|entry| issue_row(plan, entry, today))
            .collect(),
        LogKind::Decision => plan
            .decisions
            .iter()
            .filter(|entry| decision_passes(plan, entry, filter))
            .map(|entry| decision_row(plan, entry))
            .collect(),
    };
    if let Some(LogSort { column, descending }) = sort {
        rows.sort_by(|one, other| {
            let order = one.cells[column].sort.cmp(&other.cells[column].sort);
            if descending {
                order.reverse()
            } else {
                order
            }
        });
    }
    rows
}

/// How many entries of a kind there are, and how many of them are overdue.
pub fn kind_counts(plan: &Plan, kind: LogKind, today: NaiveDate) -> (usize, usize) {
    match kind {
        LogKind::Assumption => {
            (plan.assumptions.len(), plan.assumptions.iter().filter(|entry| assumption_overdue(entry, today)).count())
        }
        LogKind::Issue => (plan.issues.len(), plan.issues.iter().filter(|entry| issue_overdue(entry, today)).count()),
        LogKind::Decision => (plan.decisions.len(), 0),
    }
}

/// "Assumptions", "Issues", "Decisions": a tab's name.
pub fn kind_plural(kind: LogKind) -> &'static str {
    match kind {
        LogKind::Assumption => "Assumptions",
        LogKind::Issue => "Issues",
        LogKind::Decision => "Decisions",
    }
}

fn assumption_passes(plan: &Plan, entry: &Assumption, filter: &LogFilter) -> bool {
    let owner = owner_name(plan, &entry.owner);
    let fields = [entry.id.as_str(), &entry.statement, &entry.notes, &owner];
    filter.accepts(&entry.owner, entry.status.label(), &fields)
}

fn issue_passes(plan: &Plan, entry: &Issue, filter: &LogFilter) -> bool {
    let owner = owner_name(plan, &entry.owner);
    let fields = [entry.id.as_str(), &entry.title, &entry.description, &entry.resolution, &owner];
    filter.severity.is_none_or(|severity| severity == entry.severity)
        && filter.accepts(&entry.owner, entry.status.label(), &fields)
}

fn decision_passes(plan: &Plan, entry: &Decision, filter: &LogFilter) -> bool {
    let decider = decider_name(plan, entry);
    let fields = [entry.id.as_str(), &entry.title, &entry.options, &entry.rationale, &decider];
    let standing = if entry.superseded_by.is_some() { SUPERSEDED } else { STANDING };
    filter.accepts(&entry.decided_by, standing, &fields)
}

fn assumption_row(plan: &Plan, entry: &Assumption, today: NaiveDate) -> Row {
    Row {
        id: LogEntryId::Assumption(entry.id.clone()),
        cells: vec![
            id_cell(entry.id.as_str()),
            text_cell(entry.statement.clone()),
            text_cell(owner_name(plan, &entry.owner)),
            date_cell(entry.validate_by),
            text_cell(entry.status.label().to_string()),
            tasks_cell(&entry.linked_tasks),
        ],
        overdue: assumption_overdue(entry, today),
        status: entry.status.label().to_string(),
        settled: entry.status != AssumptionStatus::Open,
    }
}

fn issue_row(plan: &Plan, entry: &Issue, today: NaiveDate) -> Row {
    Row {
        id: LogEntryId::Issue(entry.id.clone()),
        cells: vec![
            id_cell(entry.id.as_str()),
            text_cell(entry.title.clone()),
            Cell { text: entry.severity.label().to_string(), sort: (entry.severity as u8).to_string() },
            text_cell(owner_name(plan, &entry.owner)),
            date_cell(entry.raised),
            date_cell(entry.due),
            text_cell(entry.status.label().to_string()),
            tasks_cell(&entry.linked_tasks),
        ],
        overdue: issue_overdue(entry, today),
        status: entry.status.label().to_string(),
        settled: !entry.status.is_open(),
    }
}

fn decision_row(plan: &Plan, entry: &Decision) -> Row {
    let status = match &entry.superseded_by {
        Some(later) => format!("superseded by {later}"),
        None => "decided".to_string(),
    };
    Row {
        id: LogEntryId::Decision(entry.id.clone()),
        cells: vec![
            id_cell(entry.id.as_str()),
            text_cell(entry.title.clone()),
            text_cell(decider_name(plan, entry)),
            date_cell(Some(entry.date)),
            text_cell(status),
            tasks_cell(&entry.linked_tasks),
        ],
        overdue: false,
        status: if entry.superseded_by.is_some() { SUPERSEDED } else { STANDING }.to_string(),
        settled: entry.superseded_by.is_some(),
    }
}

/// The owner's name, their id when they are not in the plan, or "" for nobody.
pub fn owner_name(plan: &Plan, owner: &Option<PersonId>) -> String {
    owner
        .as_ref()
        .map(|owner| plan.person(owner.as_str()).map_or_else(|| owner.to_string(), |person| person.name.clone()))
        .unwrap_or_default()
}

/// An id sorts by its number: A2 before A10.
fn id_cell(id: &str) -> Cell {
    let number: String = id.chars().filter(char::is_ascii_digit).collect();
    Cell { text: id.to_string(), sort: format!("{number:0>12}{id}") }
}

fn text_cell(text: String) -> Cell {
    Cell { sort: text.to_lowercase(), text }
}

/// A date; an entry without one sorts after every date.
fn date_cell(date: Option<NaiveDate>) -> Cell {
    match date {
        Some(date) => {
            let text = format_iso_date(date);
            Cell { sort: text.clone(), text }
        }
        None => Cell { text: String::new(), sort: "~".into() },
    }
}

fn tasks_cell(tasks: &[TaskId]) -> Cell {
    text_cell(tasks.iter().map(TaskId::to_string).collect::<Vec<_>>().join(", "))
}
