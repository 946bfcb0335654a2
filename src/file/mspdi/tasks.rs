//! MSPDI tasks as Planwright tasks: the outline (OutlineLevel, or the depth of the
//! OutlineNumber) gives each task its parent, and every field Planwright has no place
//! for is reported as a loss naming the task.

use std::collections::{HashMap, HashSet};

use super::document::{ProjectXml, TaskXml};
use super::losses::{LossKind, Losses};
use super::units::{
    date_of, decimal, duration_days, duration_minutes, is_elapsed_format, is_set, minutes_of_day, number,
};
use crate::file::{FileError, FileErrorKind, FileProblem};
use crate::model::validate::{MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_WORKING_DAYS};
use crate::model::{ConstraintKind, DateConstraint, Task, TaskId, TaskKind};

/// A task read from the file, with what the later steps need of the file's own values.
pub(super) struct ReadTask {
    pub task: Task,
    pub uid: i64,
    pub level: usize,
    /// The file's Start and Finish (MS Project's schedule), as a date and the minutes
    /// into it.
    pub start: Option<(chrono::NaiveDate, u32)>,
    pub finish: Option<(chrono::NaiveDate, u32)>,
    /// The duration was a whole number of working days as the file has it.
    pub whole_days: bool,
    /// Start and Finish lie further apart than the duration: a pause in the work.
    pub split: bool,
    pub manual: bool,
    pub own_calendar: bool,
    /// The first baseline's start and finish.
    pub baseline: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// How a task is named in a loss or a refusal: `T12 "Design review"`.
pub(super) fn label(task: &Task) -> String {
    format!("{} \"{}\"", task.id, crate::model::text::shortened(&task.name))
}

/// Every task of the file but the project's own summary (UID 0) and blank rows, in
/// outline order: the order of their IDs (row numbers), which is the file's order as
/// MS Project writes it.
pub(super) fn read_tasks(
    project: &ProjectXml,
    minutes_per_day: u32,
    working_days_per_week: u32,
    losses: &mut Losses,
) -> Result<Vec<ReadTask>, FileError> {
    let custom_field_names = custom_field_names(project);
    let project_calendar = number(&project.calendar_uid);
    let mut tasks: Vec<ReadTask> = Vec::new();
    let mut seen_uids: HashSet<i64> = HashSet::new();
    for (position, xml) in rows_in_id_order(&project.tasks.list) {
        let uid = number(&xml.uid).ok_or_else(|| structure(position, "has no UID (its unique id)"))?;
        let level = outline_level(xml);
        if level == Some(0) || (uid == 0 && level.is_none()) {
            continue; // The project summary task: the plan itself.
        }
        if is_set(&xml.is_null) {
            let row = xml.id.as_deref().unwrap_or("?");
            losses.add(LossKind::BlankRow, format!("row {row}"));
            continue;
        }
        if !seen_uids.insert(uid) {
            return Err(structure(position, &format!("has the UID {uid}, which another task has too")));
        }
        let mut read = read_task(xml, uid, minutes_per_day, working_days_per_week, losses);
        read.level = level.unwrap_or(1).max(1);
        read.own_calendar = number(&xml.calendar_uid).is_some_and(|uid| uid >= 0 && Some(uid) != project_calendar);
        report_task_losses(xml, &read, &custom_field_names, losses);
        tasks.push(read);
    }
    assign_parents(&mut tasks);
    Ok(tasks)
}

/// The tasks with their place in the file, in the order of their IDs when every task
/// has one, else in the file's order.
fn rows_in_id_order(tasks: &[TaskXml]) -> Vec<(usize, &TaskXml)> {
    let mut rows: Vec<(usize, &TaskXml)> = tasks.iter().enumerate().collect();
    let ids: Option<Vec<i64>> = tasks.iter().map(|task| number(&task.id)).collect();
    if let Some(ids) = ids {
        rows.sort_by_key(|(position, _)| ids[*position]);
    }
    rows
}

fn structure(position: usize, message: &str) -> FileError {
    FileError::single(
        FileErrorKind::Structure,
        FileProblem::at(format!("Project/Tasks/Task[{}]", position + 1), format!("the task {message}")),
    )
}

/// The task's depth: OutlineLevel, else the parts of its OutlineNumber ("1.2.3" is 3).
fn outline_level(xml: &TaskXml) -> Option<usize> {
    if let Some(level) = number(&xml.outline_level) {
        return usize::try_from(level).ok();
    }
    let outline_number = xml.outline_number.as_deref()?.trim();
    (!outline_number.is_empty()).then(|| outline_number.split('.').count())
}

fn read_task(
    xml: &TaskXml,
    uid: i64,
    minutes_per_day: u32,
    working_days_per_week: u32,
    losses: &mut Losses,
) -> ReadTask {
    let mut task = Task::new(TaskId(format!("T{uid}")), task_name(xml, losses));
    task.notes = xml.notes.clone().unwrap_or_default();
    if task.notes.chars().count() > MAX_TEXT_CHARS {
        task.notes = task.notes.chars().take(MAX_TEXT_CHARS).collect();
        losses.add(LossKind::TextShortened, format!("the notes of {}", label(&task)));
    }
    task.progress = decimal(&xml.percent_complete).map_or(0, |percent| percent.clamp(0.0, 100.0).round() as u8);
    task.deadline = xml.deadline.as_deref().and_then(date_of);
    let (duration, whole_days) = read_duration(xml, &task, minutes_per_day, working_days_per_week, losses);
    task.duration = duration;
    if is_set(&xml.milestone) {
        if duration > 0 {
            losses.add(LossKind::MilestoneDuration, format!("{} ({duration} days)", label(&task)));
        }
        task.kind = TaskKind::Milestone;
        task.duration = 0;
    }
    task.set_date_constraint(read_constraint(xml, &task, losses));
    ReadTask {
        baseline: first_baseline(xml, &task, losses),
        task,
        uid,
        level: 1,
        start: xml.start.as_deref().and_then(date_and_time),
        finish: xml.finish.as_deref().and_then(date_and_time),
        whole_days,
        split: false,
        manual: is_set(&xml.manual),
        own_calendar: false,
    }
}

fn date_and_time(text: &str) -> Option<(chrono::NaiveDate, u32)> {
    Some((date_of(text)?, minutes_of_day(text).unwrap_or(0)))
}

fn task_name(xml: &TaskXml, losses: &mut Losses) -> String {
    let name = xml.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        let row = xml.id.as_deref().or(xml.uid.as_deref()).unwrap_or("?");
        losses.add(LossKind::Unnamed, format!("row {row}"));
        return format!("Task {row}");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        losses
            .add(LossKind::TextShortened, format!("the name of the task in row {}", xml.id.as_deref().unwrap_or("?")));
        return name.chars().take(MAX_NAME_CHARS).collect();
    }
    name.to_string()
}

/// The duration in working days, and whether the file's was a whole number of them.
fn read_duration(
    xml: &TaskXml,
    task: &Task,
    minutes_per_day: u32,
    working_days_per_week: u32,
    losses: &mut Losses,
) -> (u32, bool) {
    let Some(minutes) = xml.duration.as_deref().and_then(|text| duration_minutes(text, minutes_per_day)) else {
        return (if is_set(&xml.milestone) { 0 } else { 1 }, true);
    };
    let elapsed =
        number(&xml.duration_format).and_then(|format| u32::try_from(format).ok()).is_some_and(is_elapsed_format);
    let converted = if elapsed {
        losses.add(LossKind::ElapsedDuration, label(task));
        let calendar_days = minutes / 1440.0;
        duration_days(
            calendar_days * f64::from(working_days_per_week) / 7.0 * f64::from(minutes_per_day),
            minutes_per_day,
        )
    } else {
        duration_days(minutes, minutes_per_day)
    };
    let summary = is_set(&xml.summary);
    if let (Some(exact), false, false) = (converted.rounded_from, summary, elapsed) {
        losses.add(LossKind::DurationRounded, format!("{} {} days → {}", label(task), round_2(exact), converted.days));
    }
    let days = converted.days.clamp(0, i64::from(MAX_WORKING_DAYS));
    if days != converted.days && !summary {
        losses.add(LossKind::DurationRounded, format!("{} (longer than {MAX_WORKING_DAYS} days)", label(task)));
    }
    (days as u32, converted.rounded_from.is_none() && !elapsed)
}

/// "1.25" for a day count shown in a loss.
pub(super) fn round_2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// MSPDI's ConstraintType: 0 as soon as possible, 1 as late as possible, 2 must start
/// on, 3 must finish on, 4 start no earlier than, 5 start no later than, 6 finish no
/// earlier than, 7 finish no later than.
fn read_constraint(xml: &TaskXml, task: &Task, losses: &mut Losses) -> Option<DateConstraint> {
    let kind = match number(&xml.constraint_type)? {
        1 => {
            losses.add(LossKind::AsLateAsPossible, label(task));
            return None;
        }
        2 => ConstraintKind::MustStartOn,
        3 => ConstraintKind::MustFinishOn,
        4 => ConstraintKind::StartNoEarlierThan,
        5 => ConstraintKind::StartNoLaterThan,
        6 => ConstraintKind::FinishNoEarlierThan,
        7 => ConstraintKind::FinishNoLaterThan,
        _ => return None,
    };
    let date = xml.constraint_date.as_deref().and_then(date_of)?;
    Some(DateConstraint { kind, date })
}

/// The first baseline (`Number` 0) of a task; the others, and a first baseline with
/// only one of its dates, are reported.
fn first_baseline(xml: &TaskXml, task: &Task, losses: &mut Losses) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let mut first = None;
    for baseline in &xml.baselines {
        let start = baseline.start.as_deref().and_then(date_of);
        let finish = baseline.finish.as_deref().and_then(date_of);
        match (number(&baseline.number), start, finish) {
            (_, None, None) => {}
            (Some(0), Some(start), Some(finish)) => first = Some((start, finish)),
            (Some(0), _, _) => losses.add(LossKind::IncompleteBaseline, label(task)),
            (Some(other), _, _) => losses.add(LossKind::OtherBaselines, format!("Baseline {other}")),
            (None, _, _) => {}
        }
    }
    first
}

/// Everything of a task that Planwright cannot carry.
fn report_task_losses(
    xml: &TaskXml,
    read: &ReadTask,
    custom_field_names: &HashMap<String, String>,
    losses: &mut Losses,
) {
    let name = label(&read.task);
    let flagged = [
        (read.manual, LossKind::ManuallyScheduled),
        (is_set(&xml.recurring), LossKind::Recurring),
        (xml.active.as_deref().map(str::trim) == Some("0"), LossKind::Inactive),
        (read.own_calendar, LossKind::TaskCalendar),
        (decimal(&xml.leveling_delay).is_some_and(|delay| delay != 0.0), LossKind::LevelingDelay),
        (is_set(&xml.is_subproject) || is_set(&xml.external_task), LossKind::Subproject),
        (nonzero(&xml.cost) || nonzero(&xml.fixed_cost), LossKind::Costs),
    ];
    for (applies, kind) in flagged {
        if applies {
            losses.add(kind, name.clone());
        }
    }
    for attribute in &xml.extended_attributes {
        if attribute.value.as_deref().is_some_and(|value| !value.trim().is_empty()) {
            let field = attribute.field_id.as_deref().unwrap_or_default().trim();
            let field_name = custom_field_names.get(field).map_or(field, String::as_str);
            losses.add(LossKind::CustomFields, format!("{field_name} of {name}"));
        }
    }
}

fn nonzero(value: &Option<String>) -> bool {
    decimal(value).is_some_and(|value| value != 0.0)
}

/// Custom fields by FieldID: their alias, else their field name ("Text3").
fn custom_field_names(project: &ProjectXml) -> HashMap<String, String> {
    project
        .extended_attributes
        .list
        .iter()
        .filter_map(|definition| {
            let id = definition.field_id.as_deref()?.trim().to_string();
            let name = definition.alias.as_deref().or(definition.field_name.as_deref())?.trim().to_string();
            Some((id, name))
        })
        .collect()
}

/// Each task's parent: the nearest task above it of a smaller outline level. A task
/// that skips levels (level 3 right under level 1) goes under that nearest one.
fn assign_parents(tasks: &mut [ReadTask]) {
    let mut open: Vec<(usize, TaskId)> = Vec::new();
    for read in tasks.iter_mut() {
        while open.last().is_some_and(|(level, _)| *level >= read.level) {
            open.pop();
        }
        read.task.parent = open.last().map(|(_, id)| id.clone());
        open.push((read.level, read.task.id.clone()));
    }
    let parents: HashSet<TaskId> = tasks.iter().filter_map(|read| read.task.parent.clone()).collect();
    for read in tasks.iter_mut() {
        // A summary flagged as a milestone is a summary in Planwright.
        if parents.contains(&read.task.id) && read.task.kind == TaskKind::Milestone {
            read.task.kind = TaskKind::Task;
        }
    }
}
