//! The RACI matrix as text: CSV for a spreadsheet and a Markdown table for a wiki.
//! Both have the same cells as the RACI view: rows are the tasks in outline order
//! (WBS number, id, name), columns the people grouped by team ("Name (role)"), and
//! each cell R, A, A/R, C or I. A summary row shows the union of its subtasks' roles
//! ("A/R/C"), as the view does.

use super::csv::csv_row;
use super::markdown::markdown_row;
use crate::model::outline::outline;
use crate::model::raci::{person_heading, team_columns, RaciMatrix};
use crate::model::Plan;

/// The headings before the people's columns.
const TASK_HEADINGS: [&str; 3] = ["WBS", "ID", "Task"];

/// The matrix as CSV (RFC 4180, CRLF line ends, fields guarded against formula
/// injection): a heading row, then one row per task.
pub fn raci_csv(plan: &Plan) -> String {
    let (headings, rows) = raci_table(plan);
    let mut text = csv_row(&headings);
    for row in &rows {
        text.push_str(&csv_row(row));
    }
    text
}

/// The matrix as a Markdown (GitHub-flavoured) table, role columns centred.
pub fn raci_markdown(plan: &Plan) -> String {
    let (headings, rows) = raci_table(plan);
    let mut text = markdown_row(&headings);
    text.push('|');
    for index in 0..headings.len() {
        text.push_str(if index < TASK_HEADINGS.len() { " --- |" } else { " :-: |" });
    }
    text.push('\n');
    for row in &rows {
        text.push_str(&markdown_row(row));
    }
    text
}

/// The headings and the rows of cells, unescaped.
pub(crate) fn raci_table(plan: &Plan) -> (Vec<String>, Vec<Vec<String>>) {
    let columns: Vec<usize> = team_columns(plan).into_iter().flat_map(|group| group.people).collect();
    let mut headings: Vec<String> = TASK_HEADINGS.iter().map(|heading| heading.to_string()).collect();
    headings.extend(columns.iter().map(|&person| person_heading(&plan.people[person])));
    let matrix = RaciMatrix::build(plan);
    let rows = outline(plan)
        .into_iter()
        .map(|row| {
            let task = &plan.tasks[row.index];
            let mut cells = vec![row.wbs, task.id.to_string(), task.name.clone()];
            cells.extend(columns.iter().map(|&person| matrix.roles(row.index, person).label().to_string()));
            cells
        })
        .collect();
    (headings, rows)
}
