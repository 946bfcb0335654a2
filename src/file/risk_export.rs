//! The risk register as text: CSV for a spreadsheet and Markdown for a wiki. Both list
//! the risks in the register's default order (`risk::register_order`: open first, the
//! highest score first) with every field, the score, the band and the owner's name.
//! Empty fields (no owner, no review date) are empty cells.

use super::csv::csv_row;
use super::markdown::markdown_row;
use crate::model::dates::format_iso_date;
use crate::model::risk::{register_order, RiskBand};
use crate::model::{Plan, Risk, RiskAssessment};

/// The columns of the register as the Markdown table and the Excel sheet show it.
pub(crate) const REGISTER_HEADINGS: [&str; 12] = [
    "ID",
    "Title",
    "Category",
    "Probability",
    "Impact",
    "Score",
    "Band",
    "Owner",
    "Response",
    "Status",
    "Review date",
    "Linked tasks",
];

/// The CSV columns, one per field.
const CSV_HEADINGS: [&str; 20] = [
    // Not "ID": Excel takes a file starting with those two letters for SYLK and refuses it.
    "Risk ID",
    "Title",
    "Description",
    "Category",
    "Probability",
    "Impact",
    "Score",
    "Band",
    "Owner",
    "Owner ID",
    "Response",
    "Mitigation",
    "Contingency",
    "Trigger",
    "Status",
    "Review date",
    "Linked tasks",
    "Created",
    "Updated",
    "History",
];

/// The register as CSV (RFC 4180, CRLF line ends, fields guarded against formula
/// injection): a heading row, then one row per risk. Linked tasks are ids separated by
/// ", "; the history is "date: P<probability> I<impact> <status>" per change, oldest
/// first, separated by "; ".
pub fn risks_csv(plan: &Plan) -> String {
    let mut text = csv_row(CSV_HEADINGS);
    for index in register_order(plan) {
        let risk = &plan.risks[index];
        let (owner, owner_id) = owner(plan, risk);
        text.push_str(&csv_row([
            risk.id.to_string(),
            risk.title.clone(),
            risk.description.clone(),
            risk.category.clone(),
            risk.probability.to_string(),
            risk.impact.to_string(),
            risk.score().to_string(),
            RiskBand::of(risk).label().to_string(),
            owner,
            owner_id,
            risk.response.label().to_string(),
            risk.mitigation.clone(),
            risk.contingency.clone(),
            risk.trigger.clone(),
            risk.status.label().to_string(),
            optional_date(risk.review_date),
            linked_ids(risk),
            optional_date(risk.created),
            optional_date(risk.updated),
            history(&risk.history, "; "),
        ]));
    }
    text
}

/// The register as Markdown (GitHub-flavoured): a table of the register (one row per
/// risk, numbers centred), then a table of the longer fields (description, mitigation,
/// contingency, trigger, the linked tasks by name, dates and history).
pub fn risks_markdown(plan: &Plan) -> String {
    let order = register_order(plan);
    let mut text = String::from("## Risk register\n\n");
    text.push_str(&markdown_row(REGISTER_HEADINGS));
    text.push_str("| --- | --- | --- | :-: | :-: | :-: | --- | --- | --- | --- | --- | --- |\n");
    for &index in &order {
        let risk = &plan.risks[index];
        text.push_str(&markdown_row([
            risk.id.to_string(),
            risk.title.clone(),
            risk.category.clone(),
            risk.probability.to_string(),
            risk.impact.to_string(),
            risk.score().to_string(),
            RiskBand::of(risk).label().to_string(),
            owner(plan, risk).0,
            risk.response.label().to_string(),
            risk.status.label().to_string(),
            optional_date(risk.review_date),
            linked_ids(risk),
        ]));
    }
    text.push_str("\n## Details\n\n");
    text.push_str(&markdown_row([
        "ID",
        "Description",
        "Mitigation",
        "Contingency",
        "Trigger",
        "Linked tasks",
        "Created",
        "Updated",
        "History",
    ]));
    text.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for &index in &order {
        let risk = &plan.risks[index];
        let tasks: Vec<String> = risk
            .linked_tasks
            .iter()
            .map(|id| match plan.task(id.as_str()) {
                Some(task) => format!("{id} {}", task.name),
                None => id.to_string(),
            })
            .collect();
        text.push_str(&markdown_row([
            risk.id.to_string(),
            risk.description.clone(),
            risk.mitigation.clone(),
            risk.contingency.clone(),
            risk.trigger.clone(),
            tasks.join("\n"),
            optional_date(risk.created),
            optional_date(risk.updated),
            history(&risk.history, "\n"),
        ]));
    }
    text
}

/// The owner's name and id, or two empty texts.
fn owner(plan: &Plan, risk: &Risk) -> (String, String) {
    match &risk.owner {
        Some(id) => (plan.person(id.as_str()).map(|person| person.name.clone()).unwrap_or_default(), id.to_string()),
        None => (String::new(), String::new()),
    }
}

fn linked_ids(risk: &Risk) -> String {
    risk.linked_tasks.iter().map(|id| id.as_str()).collect::<Vec<_>>().join(", ")
}

fn optional_date(date: Option<chrono::NaiveDate>) -> String {
    date.map(format_iso_date).unwrap_or_default()
}

fn history(entries: &[RiskAssessment], separator: &str) -> String {
    entries
        .iter()
        .map(|entry| {
            format!(
                "{}: P{} I{} {}",
                format_iso_date(entry.date),
                entry.probability,
                entry.impact,
                entry.status.label()
            )
        })
        .collect::<Vec<_>>()
        .join(separator)
}
