//! A plan from a CSV table and a mapping. Every row is read first and every problem
//! (an empty name, a date or duration that cannot be read, a duplicate id, a cycle) is
//! listed with its line and column; only a table without problems becomes a plan.
//! References to rows not in the file (a Jira epic of another project) are notes.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates::parse_date;
use super::predecessors::parse_predecessors;
use super::{CsvRow, CsvTable, DateFormat, Mapping};
use crate::file::{FileError, FileErrorKind, FileProblem};
use crate::model::graph::TaskGraph;
use crate::model::validate::{validate_plan, MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_WORKING_DAYS};
use crate::model::{Dependency, DependencyKind, Person, PersonId, Plan, RaciCell, RaciRole, Task, TaskId, TaskKind};
use crate::schedule::WorkingCalendar;

/// What the table alone cannot say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    pub plan_name: String,
    /// The plan's start when no row has a start date (the UI passes today).
    pub default_start: NaiveDate,
}

/// The plan, and what was assumed or left out on the way (not problems: the plan is valid).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvImport {
    pub plan: Plan,
    pub notes: Vec<String>,
}

/// One row's fields, read and checked.
struct RowTask {
    line: usize,
    key: String,
    task: Task,
    start: Option<NaiveDate>,
    finish: Option<NaiveDate>,
    duration_given: bool,
}

/// Builds the plan, or refuses with every problem of every row.
pub fn build_plan(table: &CsvTable, mapping: &Mapping, options: &ImportOptions) -> Result<CsvImport, FileError> {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let Some(name_column) = mapping.name else {
        return Err(refusal(vec![FileProblem::message("no column is mapped to the task name: choose one")]));
    };
    let mut rows: Vec<RowTask> = Vec::new();
    for (position, row) in table.rows.iter().enumerate() {
        rows.push(read_row(table, mapping, name_column, row, position, &mut problems));
    }
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        if let Some(&first) = keys.get(&row.key) {
            problems.push(at(
                table,
                row.line,
                mapping.id,
                &format!("the id {} is also on line {}", row.key, rows[first].line),
            ));
        } else {
            keys.insert(row.key.clone(), index);
        }
    }
    if let Some(other) = mapping.other_id {
        for (index, row) in table.rows.iter().enumerate() {
            keys.entry(row.cell(other).to_string()).or_insert(index);
        }
        keys.remove("");
    }
    let parents = find_parents(table, mapping, &keys, &mut problems, &mut notes);
    let links = find_links(table, mapping, &keys, &mut problems, &mut notes);
    if !problems.is_empty() {
        return Err(refusal(problems));
    }
    let plan = assemble(rows, parents, links, table, mapping, options);
    check(&plan, table)?;
    Ok(CsvImport { plan, notes })
}

fn refusal(problems: Vec<FileProblem>) -> FileError {
    FileError { kind: FileErrorKind::Invalid, problems }
}

/// A problem at a line and (when known) a column, named by its header.
fn at(table: &CsvTable, line: usize, column: Option<usize>, message: &str) -> FileProblem {
    let place = match column.and_then(|column| table.headers.get(column)) {
        Some(header) => format!("line {line}, column \"{header}\""),
        None => format!("line {line}"),
    };
    FileProblem::at(place, message)
}

fn read_row(
    table: &CsvTable,
    mapping: &Mapping,
    name_column: usize,
    row: &CsvRow,
    position: usize,
    problems: &mut Vec<FileProblem>,
) -> RowTask {
    let mut reader = RowReader { table, row, format: mapping.date_format.unwrap_or(DateFormat::Iso), problems };
    let mut task = Task::new(TaskId(format!("T{}", position + 1)), reader.name(name_column));
    let key = mapping.id.map(|column| row.cell(column).to_string()).filter(|key| !key.is_empty());
    let key = key.unwrap_or_else(|| (position + 1).to_string());
    let start = mapping.start.and_then(|column| reader.date(column));
    let finish = mapping.finish.and_then(|column| reader.date(column));
    if let (Some(start), Some(finish)) = (start, finish) {
        if finish < start {
            reader.problem(mapping.finish, format!("the finish {finish} is before the start {start}"));
        }
    }
    let duration = mapping.duration.and_then(|column| reader.duration(column));
    if let Some(days) = duration {
        task.duration = days;
    }
    task.progress = mapping.progress.and_then(|column| reader.progress(column)).unwrap_or(0);
    task.notes =
        mapping.notes.map(|column| row.cell(column).chars().take(MAX_TEXT_CHARS).collect()).unwrap_or_default();
    let milestone = mapping.kind.is_some_and(|column| row.cell(column).eq_ignore_ascii_case("milestone"));
    if milestone || duration == Some(0) {
        task.kind = TaskKind::Milestone;
        task.duration = 0;
    }
    let duration_given = mapping.duration.is_some_and(|column| !row.cell(column).is_empty());
    RowTask { line: row.line, key, task, start, finish, duration_given }
}

/// Reads the cells of one row, noting each problem at its line and column.
struct RowReader<'a> {
    table: &'a CsvTable,
    row: &'a CsvRow,
    format: DateFormat,
    problems: &'a mut Vec<FileProblem>,
}

impl RowReader<'_> {
    fn problem(&mut self, column: Option<usize>, message: String) {
        self.problems.push(at(self.table, self.row.line, column, &message));
    }

    fn name(&mut self, column: usize) -> String {
        let name = self.row.cell(column);
        if name.is_empty() {
            self.problem(Some(column), "the task's name is empty".into());
        } else if name.chars().count() > MAX_NAME_CHARS {
            self.problem(Some(column), format!("the name is longer than {MAX_NAME_CHARS} characters"));
        }
        name.to_string()
    }

    /// The cell's date; `None` when it is empty or (a problem) not a date.
    fn date(&mut self, column: usize) -> Option<NaiveDate> {
        let text = self.row.cell(column);
        if text.is_empty() {
            return None;
        }
        let parsed = parse_date(text, self.format);
        if parsed.is_none() {
            let format = self.format;
            self.problem(Some(column), format!("\"{text}\" is not a date in the chosen format ({format:?})"));
        }
        parsed
    }

    fn duration(&mut self, column: usize) -> Option<u32> {
        let text = self.row.cell(column);
        if text.is_empty() {
            return None;
        }
        let days = parse_duration(text);
        if days.is_none() {
            self.problem(Some(column), format!("\"{text}\" is not a duration in days (5, 5d, 2w, 16h)"));
        }
        days
    }

    fn progress(&mut self, column: usize) -> Option<u8> {
        let text = self.row.cell(column);
        let number = text.trim_end_matches('%').trim();
        if number.is_empty() {
            return None;
        }
        match number.parse::<f64>() {
            Ok(percent) if (0.0..=100.0).contains(&percent) => Some(percent.round() as u8),
            _ => {
                self.problem(Some(column), format!("\"{text}\" is not a percentage from 0 to 100"));
                None
            }
        }
    }
}

/// `5`, `5d`, `5 days`, `2w`, `16h` (8 hours a day), rounded to whole working days.
fn parse_duration(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    let number_end = lower.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(lower.len());
    let number: f64 = lower[..number_end].parse().ok()?;
    let days = number
        * match lower[number_end..].trim() {
            "" | "d" | "day" | "days" => 1.0,
            "w" | "wk" | "week" | "weeks" => 5.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 1.0 / 8.0,
            _ => return None,
        };
    (days <= f64::from(MAX_WORKING_DAYS)).then(|| days.round() as u32)
}

/// Each row's parent row: the first non-empty parent column naming a row of the file,
/// or the row whose outline number is this one's without its last part.
fn find_parents(
    table: &CsvTable,
    mapping: &Mapping,
    keys: &HashMap<String, usize>,
    problems: &mut Vec<FileProblem>,
    notes: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let outline: HashMap<&str, usize> = match mapping.outline_number {
        Some(column) => table.rows.iter().enumerate().map(|(index, row)| (row.cell(column), index)).collect(),
        None => HashMap::new(),
    };
    let mut parents = Vec::with_capacity(table.rows.len());
    for (index, row) in table.rows.iter().enumerate() {
        let named = mapping.parents.iter().map(|&column| row.cell(column)).find(|cell| !cell.is_empty());
        let from_outline = mapping.outline_number.and_then(|column| {
            let number = row.cell(column);
            number.rsplit_once('.').map(|(parent, _)| parent).and_then(|parent| outline.get(parent).copied())
        });
        let parent = match named {
            Some(reference) => match keys.get(reference) {
                Some(&parent) if parent != index => Some(parent),
                Some(_) => {
                    problems.push(at(table, row.line, None, "the task names itself as its parent"));
                    None
                }
                None => {
                    notes.push(format!(
                        "line {}: the parent {reference} is not in the file; the task is left at the top",
                        row.line
                    ));
                    None
                }
            },
            None => from_outline,
        };
        parents.push(parent);
    }
    parents
}

/// The links between rows: predecessor columns (MS Project's form) and successor
/// columns (Jira's "blocks"), each pair once.
fn find_links(
    table: &CsvTable,
    mapping: &Mapping,
    keys: &HashMap<String, usize>,
    problems: &mut Vec<FileProblem>,
    notes: &mut Vec<String>,
) -> Vec<(usize, usize, DependencyKind, i32)> {
    let mut links: Vec<(usize, usize, DependencyKind, i32)> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let columns = mapping
            .predecessors
            .iter()
            .map(|&column| (column, true))
            .chain(mapping.successors.iter().map(|&column| (column, false)));
        for (column, is_predecessor) in columns {
            let cell = row.cell(column);
            let references = match parse_predecessors(cell) {
                Ok(references) => references,
                Err(message) => {
                    problems.push(at(table, row.line, Some(column), &message));
                    continue;
                }
            };
            for reference in references {
                let Some(&other) = keys.get(&reference.id) else {
                    notes.push(format!(
                        "line {}: {} is not in the file; the link to it is left out",
                        row.line, reference.id
                    ));
                    continue;
                };
                if let Some(exact) = reference.rounded_from {
                    notes.push(format!("line {}: the lag {exact:.2} days was rounded to {}", row.line, reference.lag));
                }
                let (predecessor, successor) = if is_predecessor { (other, index) } else { (index, other) };
                if predecessor != successor && !links.iter().any(|link| (link.0, link.1) == (predecessor, successor)) {
                    links.push((predecessor, successor, reference.kind, reference.lag));
                }
            }
        }
    }
    links
}

/// The plan: tasks in outline order (a parent before its children, rows otherwise in
/// file order), dates turned into durations and constraints, owners into people.
fn assemble(
    rows: Vec<RowTask>,
    parents: Vec<Option<usize>>,
    links: Vec<(usize, usize, DependencyKind, i32)>,
    table: &CsvTable,
    mapping: &Mapping,
    options: &ImportOptions,
) -> Plan {
    let start = rows.iter().filter_map(|row| row.start).min().unwrap_or(options.default_start);
    let mut plan = Plan::new(options.plan_name.clone(), start);
    let calendar = WorkingCalendar::new(&plan.calendar, start);
    let order = outline_order(&parents);
    let has_children: std::collections::HashSet<usize> = parents.iter().flatten().copied().collect();
    let mut people_by_name: HashMap<String, PersonId> = HashMap::new();
    for &index in &order {
        let row = &rows[index];
        let mut task = row.task.clone();
        task.parent = parents[index].map(|parent| rows[parent].task.id.clone());
        if has_children.contains(&index) {
            // A summary takes its dates from its subtasks, so it is never a milestone.
            task.kind = TaskKind::Task;
        }
        apply_dates(&mut task, row, &calendar);
        if let Some(owner) = mapping.owner.map(|column| table.rows[index].cell(column)).filter(|name| !name.is_empty())
        {
            let person = person_named(&mut plan, &mut people_by_name, owner);
            plan.raci.push(RaciCell { task: task.id.clone(), person, role: RaciRole::R });
        }
        plan.tasks.push(task);
    }
    plan.dependencies = links
        .into_iter()
        .map(|(predecessor, successor, kind, lag)| Dependency {
            predecessor: rows[predecessor].task.id.clone(),
            successor: rows[successor].task.id.clone(),
            kind,
            lag,
        })
        .collect();
    plan
}

/// The person of that name, added to the plan the first time it is met.
fn person_named(plan: &mut Plan, people_by_name: &mut HashMap<String, PersonId>, name: &str) -> PersonId {
    if let Some(id) = people_by_name.get(name) {
        return id.clone();
    }
    let id = PersonId(format!("P{}", plan.people.len() + 1));
    let person = Person {
        id: id.clone(),
        name: name.chars().take(MAX_NAME_CHARS).collect(),
        role: String::new(),
        team: String::new(),
    };
    plan.people.push(person);
    people_by_name.insert(name.to_string(), id.clone());
    id
}

/// A start and a finish give the duration and hold the task to its start; a finish
/// alone is a deadline.
fn apply_dates(task: &mut Task, row: &RowTask, calendar: &WorkingCalendar) {
    if let Some(start) = row.start {
        task.start_no_earlier_than = Some(start);
    }
    match (row.start, row.finish) {
        (Some(start), Some(finish)) if !row.duration_given && task.kind == TaskKind::Task => {
            task.duration =
                (calendar.working_days_between(start, finish) + 1).clamp(1, i64::from(MAX_WORKING_DAYS)) as u32;
        }
        (None, Some(finish)) => task.deadline = Some(finish),
        _ => {}
    }
}

/// Rows in outline order: each parent followed by its children, depth first, without
/// recursion. A row in a parent cycle is never reached from a root and is left out
/// here: `check` refuses the plan then.
fn outline_order(parents: &[Option<usize>]) -> Vec<usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); parents.len()];
    let mut roots = Vec::new();
    for (index, parent) in parents.iter().enumerate() {
        match parent {
            Some(parent) => children[*parent].push(index),
            None => roots.push(index),
        }
    }
    let mut order = Vec::with_capacity(parents.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(index) = stack.pop() {
        order.push(index);
        stack.extend(children[index].iter().rev());
    }
    order
}

/// The rules of every plan; rows in a parent cycle, and link cycles, named.
fn check(plan: &Plan, table: &CsvTable) -> Result<(), FileError> {
    if plan.tasks.len() < table.rows.len() {
        return Err(refusal(vec![FileProblem::message(
            "the parent column makes a circle: some tasks are each other's parents",
        )]));
    }
    if let Err(cycle) = TaskGraph::build(plan).topological_order(plan) {
        let named: Vec<String> = cycle
            .0
            .iter()
            .map(|id| plan.task(id.as_str()).map_or_else(|| id.to_string(), |task| format!("\"{}\"", task.name)))
            .collect();
        return Err(refusal(vec![FileProblem::message(format!("the links form a cycle: {}", named.join(" → ")))]));
    }
    let problems = validate_plan(plan);
    if problems.is_empty() {
        return Ok(());
    }
    Err(refusal(problems.into_iter().map(|problem| FileProblem::at(problem.path, problem.message)).collect()))
}
