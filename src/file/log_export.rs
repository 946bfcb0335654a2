//! The RAID log beside the risk register as text: a CSV per kind of entry (assumptions,
//! issues, decisions) for a spreadsheet, and the whole log as Markdown for a wiki. Every
//! field is written; people by name (with their id in a column of its own in CSV), dates
//! ISO, linked tasks by id and by name. Entries keep the log's order (the order of their
//! lists in the plan). The Excel workbook's log sheets read the same tables (`log_table`).

use chrono::NaiveDate;

use super::csv::csv_row;
use super::markdown::markdown_row;
use crate::model::dates::format_iso_date;
use crate::model::log::{assumption_overdue, issue_overdue};
use crate::model::{Assumption, Decision, Issue, LogKind, PersonId, Plan, TaskId};

/// One cell of a log table: text, or a date the workbook writes as a real date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LogCell {
    Text(String),
    Date(Option<NaiveDate>),
}

impl LogCell {
    /// The cell as CSV and Markdown write it: a date ISO, an absent one empty.
    fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Date(date) => optional_date(*date),
        }
    }
}

/// The columns of each kind, one per field (people and linked tasks take two). The first
/// is never "ID": Excel takes a file starting with those two letters for SYLK.
const ASSUMPTION_HEADINGS: [&str; 10] = [
    "Assumption ID",
    "Statement",
    "Owner",
    "Owner ID",
    "Validate by",
    "Status",
    "Notes",
    "Linked tasks",
    "Linked task names",
    "Created",
];
const ISSUE_HEADINGS: [&str; 14] = [
    "Issue ID",
    "Title",
    "Description",
    "Severity",
    "Owner",
    "Owner ID",
    "Raised",
    "Due",
    "Status",
    "Resolution",
    "Linked tasks",
    "Linked task names",
    "From risk",
    "From assumption",
];
const DECISION_HEADINGS: [&str; 11] = [
    "Decision ID",
    "Title",
    "Decided by",
    "Decided by ID",
    "Date",
    "Options",
    "Rationale",
    "Linked tasks",
    "Linked task names",
    "Linked risks",
    "Superseded by",
];

/// The headings and rows of one kind of entry, unescaped, in the log's order.
pub(crate) fn log_table(plan: &Plan, kind: LogKind) -> (Vec<&'static str>, Vec<Vec<LogCell>>) {
    match kind {
        LogKind::Assumption => {
            let headings = ASSUMPTION_HEADINGS.to_vec();
            (headings, plan.assumptions.iter().map(|entry| assumption_cells(plan, entry)).collect())
        }
        LogKind::Issue => {
            let headings = ISSUE_HEADINGS.to_vec();
            (headings, plan.issues.iter().map(|entry| issue_cells(plan, entry)).collect())
        }
        LogKind::Decision => {
            let headings = DECISION_HEADINGS.to_vec();
            (headings, plan.decisions.iter().map(|entry| decision_cells(plan, entry)).collect())
        }
    }
}

fn assumption_cells(plan: &Plan, entry: &Assumption) -> Vec<LogCell> {
    let (owner, owner_id) = person(plan, entry.owner.as_ref());
    vec![
        LogCell::Text(entry.id.to_string()),
        LogCell::Text(entry.statement.clone()),
        LogCell::Text(owner),
        LogCell::Text(owner_id),
        LogCell::Date(entry.validate_by),
        LogCell::Text(entry.status.label().into()),
        LogCell::Text(entry.notes.clone()),
        LogCell::Text(task_ids(&entry.linked_tasks)),
        LogCell::Text(task_names(plan, &entry.linked_tasks)),
        LogCell::Date(entry.created),
    ]
}

fn issue_cells(plan: &Plan, entry: &Issue) -> Vec<LogCell> {
    let (owner, owner_id) = person(plan, entry.owner.as_ref());
    let id_or_empty = |id: Option<&str>| LogCell::Text(id.unwrap_or_default().to_string());
    vec![
        LogCell::Text(entry.id.to_string()),
        LogCell::Text(entry.title.clone()),
        LogCell::Text(entry.description.clone()),
        LogCell::Text(entry.severity.label().into()),
        LogCell::Text(owner),
        LogCell::Text(owner_id),
        LogCell::Date(entry.raised),
        LogCell::Date(entry.due),
        LogCell::Text(entry.status.label().into()),
        LogCell::Text(entry.resolution.clone()),
        LogCell::Text(task_ids(&entry.linked_tasks)),
        LogCell::Text(task_names(plan, &entry.linked_tasks)),
        id_or_empty(entry.from_risk.as_ref().map(|id| id.as_str())),
        id_or_empty(entry.from_assumption.as_ref().map(|id| id.as_str())),
    ]
}

fn decision_cells(plan: &Plan, entry: &Decision) -> Vec<LogCell> {
    let risks: Vec<&str> = entry.linked_risks.iter().map(|id| id.as_str()).collect();
    vec![
        LogCell::Text(entry.id.to_string()),
        LogCell::Text(entry.title.clone()),
        LogCell::Text(decider(plan, entry)),
        LogCell::Text(entry.decided_by.as_ref().map(ToString::to_string).unwrap_or_default()),
        LogCell::Date(Some(entry.date)),
        LogCell::Text(entry.options.clone()),
        LogCell::Text(entry.rationale.clone()),
        LogCell::Text(task_ids(&entry.linked_tasks)),
        LogCell::Text(task_names(plan, &entry.linked_tasks)),
        LogCell::Text(risks.join(", ")),
        LogCell::Text(entry.superseded_by.as_ref().map(ToString::to_string).unwrap_or_default()),
    ]
}

/// One kind of the log as CSV (RFC 4180, CRLF line ends, fields guarded against formula
/// injection): a heading row, then one row per entry in the log's order. Linked tasks
/// are ids separated by ", ", and their names one per line in the next column, in the
/// same order.
pub fn log_csv(plan: &Plan, kind: LogKind) -> String {
    let (headings, rows) = log_table(plan, kind);
    let mut text = csv_row(headings);
    for row in &rows {
        text.push_str(&csv_row(row.iter().map(LogCell::text)));
    }
    text
}

/// The whole log as Markdown (GitHub-flavoured): a line that counts what is open and
/// overdue on `today`, then a section per kind (assumptions, issues, decisions), each a
/// table in the log's order, or a line saying the list is empty. An open assumption
/// whose validate-by day has passed, and an open issue past its due day, say
/// "overdue" after their status.
pub fn log_markdown(plan: &Plan, today: NaiveDate) -> String {
    let mut text = String::from("## RAID log\n\n");
    text.push_str(&summary_line(plan, today));
    text.push_str(&assumptions_section(plan, today));
    text.push_str(&issues_section(plan, today));
    text.push_str(&decisions_section(plan));
    text
}

/// "As of 2027-02-01: 2 open assumptions (1 overdue), 1 open issue (0 overdue), 3
/// decisions (1 superseded)."
fn summary_line(plan: &Plan, today: NaiveDate) -> String {
    let open_assumptions =
        plan.assumptions.iter().filter(|entry| entry.status == crate::model::AssumptionStatus::Open).count();
    let late_assumptions = plan.assumptions.iter().filter(|entry| assumption_overdue(entry, today)).count();
    let open_issues = plan.issues.iter().filter(|entry| entry.status.is_open()).count();
    let late_issues = plan.issues.iter().filter(|entry| issue_overdue(entry, today)).count();
    let superseded = plan.decisions.iter().filter(|entry| entry.superseded_by.is_some()).count();
    format!(
        "As of {}: {} ({late_assumptions} overdue), {} ({late_issues} overdue), {} ({superseded} superseded).\n",
        format_iso_date(today),
        counted(open_assumptions, "open assumption"),
        counted(open_issues, "open issue"),
        counted(plan.decisions.len(), "decision"),
    )
}

fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The status, with ", overdue" when it is late on `today`.
fn status_on(label: &str, overdue: bool) -> String {
    if overdue {
        format!("{label}, overdue")
    } else {
        label.to_string()
    }
}

fn section_start(title: &str, empty: bool, headings: &[&str]) -> String {
    let mut text = format!("\n### {title}\n\n");
    if empty {
        text.push_str(&format!("No {}.\n", title.to_lowercase()));
        return text;
    }
    text.push_str(&markdown_row(headings));
    text.push('|');
    text.push_str(&" --- |".repeat(headings.len()));
    text.push('\n');
    text
}

fn assumptions_section(plan: &Plan, today: NaiveDate) -> String {
    let headings = ["ID", "Statement", "Owner", "Validate by", "Status", "Linked tasks", "Notes", "Created"];
    let mut text = section_start("Assumptions", plan.assumptions.is_empty(), &headings);
    for entry in &plan.assumptions {
        text.push_str(&markdown_row([
            entry.id.to_string(),
            entry.statement.clone(),
            person(plan, entry.owner.as_ref()).0,
            optional_date(entry.validate_by),
            status_on(entry.status.label(), assumption_overdue(entry, today)),
            linked_tasks(plan, &entry.linked_tasks),
            entry.notes.clone(),
            optional_date(entry.created),
        ]));
    }
    text
}

fn issues_section(plan: &Plan, today: NaiveDate) -> String {
    let headings = [
        "ID",
        "Title",
        "Severity",
        "Owner",
        "Raised",
        "Due",
        "Status",
        "Linked tasks",
        "Description",
        "Resolution",
        "From",
    ];
    let mut text = section_start("Issues", plan.issues.is_empty(), &headings);
    for entry in &plan.issues {
        let from: Vec<String> = [
            entry.from_risk.as_ref().map(|id| format!("risk {id}")),
            entry.from_assumption.as_ref().map(|id| format!("assumption {id}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        text.push_str(&markdown_row([
            entry.id.to_string(),
            entry.title.clone(),
            entry.severity.label().to_string(),
            person(plan, entry.owner.as_ref()).0,
            optional_date(entry.raised),
            optional_date(entry.due),
            status_on(entry.status.label(), issue_overdue(entry, today)),
            linked_tasks(plan, &entry.linked_tasks),
            entry.description.clone(),
            entry.resolution.clone(),
            from.join("\n"),
        ]));
    }
    text
}

fn decisions_section(plan: &Plan) -> String {
    let headings = [
        "ID",
        "Decision",
        "Decided by",
        "Date",
        "Options",
        "Rationale",
        "Linked tasks",
        "Linked risks",
        "Superseded by",
    ];
    let mut text = section_start("Decisions", plan.decisions.is_empty(), &headings);
    for entry in &plan.decisions {
        let risks: Vec<String> = entry
            .linked_risks
            .iter()
            .map(|id| match plan.risk(id.as_str()) {
                Some(risk) => format!("{id} {}", risk.title),
                None => id.to_string(),
            })
            .collect();
        text.push_str(&markdown_row([
            entry.id.to_string(),
            entry.title.clone(),
            decider(plan, entry),
            format_iso_date(entry.date),
            entry.options.clone(),
            entry.rationale.clone(),
            linked_tasks(plan, &entry.linked_tasks),
            risks.join("\n"),
            entry.superseded_by.as_ref().map(ToString::to_string).unwrap_or_default(),
        ]));
    }
    text
}

/// A person's name and id, or two empty texts.
fn person(plan: &Plan, id: Option<&PersonId>) -> (String, String) {
    match id {
        Some(id) => (plan.person(id.as_str()).map(|person| person.name.clone()).unwrap_or_default(), id.to_string()),
        None => (String::new(), String::new()),
    }
}

/// Who decided: the person's name while they are in the plan, else the name the
/// decision kept.
fn decider(plan: &Plan, entry: &Decision) -> String {
    entry
        .decided_by
        .as_ref()
        .and_then(|id| plan.person(id.as_str()))
        .map_or_else(|| entry.decided_by_name.clone(), |person| person.name.clone())
}

fn task_ids(tasks: &[TaskId]) -> String {
    tasks.iter().map(|id| id.as_str()).collect::<Vec<_>>().join(", ")
}

/// The tasks' names, one per line, in the order of their ids.
fn task_names(plan: &Plan, tasks: &[TaskId]) -> String {
    tasks.iter().map(|id| plan.task(id.as_str()).map_or("", |task| task.name.as_str())).collect::<Vec<_>>().join("\n")
}

/// "T3 API build", one per line.
fn linked_tasks(plan: &Plan, tasks: &[TaskId]) -> String {
    tasks
        .iter()
        .map(|id| match plan.task(id.as_str()) {
            Some(task) => format!("{id} {}", task.name),
            None => id.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn optional_date(date: Option<NaiveDate>) -> String {
    date.map(format_iso_date).unwrap_or_default()
}
