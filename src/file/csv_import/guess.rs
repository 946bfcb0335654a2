//! A first mapping for a CSV file that is not a Jira export, from its column names: a
//! spreadsheet with "Task Name", "Duration", "Start" and "Predecessors" is mapped before
//! the user looks. Only a start: the mapping step shows it and the user changes it.

use super::Mapping;

/// The names each field's column goes by in spreadsheets and MS Project's own CSV
/// export, lowercase; the first column whose name is one of them is taken.
const NAMES: [(Field, &[&str]); 13] = [
    (Field::Name, &["name", "task name", "task", "summary", "title"]),
    (Field::Id, &["id", "task id", "key", "unique id"]),
    (Field::Parent, &["parent", "parent id", "parent task"]),
    (Field::OutlineNumber, &["outline number", "outline", "wbs"]),
    (Field::Duration, &["duration", "days", "duration (days)"]),
    (Field::Start, &["start", "start date", "begin", "begin date"]),
    (Field::Finish, &["finish", "finish date", "end", "end date", "due", "due date"]),
    (Field::Predecessors, &["predecessors", "depends on", "dependencies"]),
    (Field::Successors, &["successors"]),
    (Field::Progress, &["% complete", "percent complete", "progress", "complete"]),
    (Field::Owner, &["owner", "assignee", "assigned to", "resource names", "responsible"]),
    (Field::Notes, &["notes", "description", "comments"]),
    (Field::Kind, &["kind", "type"]),
];

/// The fields of a task a column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Id,
    Parent,
    OutlineNumber,
    Duration,
    Start,
    Finish,
    Predecessors,
    Successors,
    Progress,
    Owner,
    Notes,
    Kind,
}

/// The columns whose names say what they hold; `None` when no column is a task's name
/// (then nothing is guessed: the user maps the file).
pub fn guess_mapping(headers: &[String]) -> Option<Mapping> {
    let normalized: Vec<String> = headers.iter().map(|header| header.trim().to_lowercase()).collect();
    let column = |names: &[&str]| normalized.iter().position(|header| names.contains(&header.as_str()));
    let mut mapping = Mapping::default();
    for (field, names) in NAMES {
        let Some(found) = column(names) else { continue };
        match field {
            Field::Name => mapping.name = Some(found),
            Field::Id => mapping.id = Some(found),
            Field::Parent => mapping.parents = vec![found],
            Field::OutlineNumber => mapping.outline_number = Some(found),
            Field::Duration => mapping.duration = Some(found),
            Field::Start => mapping.start = Some(found),
            Field::Finish => mapping.finish = Some(found),
            Field::Predecessors => mapping.predecessors = vec![found],
            Field::Successors => mapping.successors = vec![found],
            Field::Progress => mapping.progress = Some(found),
            Field::Owner => mapping.owner = Some(found),
            Field::Notes => mapping.notes = Some(found),
            Field::Kind => mapping.kind = Some(found),
        }
    }
    mapping.name.is_some().then_some(mapping)
}
