//! Reading an MSPDI file into a plan: the checks of the XML, serde's reading of the
//! elements Planwright uses, then the plan built from them and checked by the same
//! rules as any plan (`model::validate`), a link cycle refused with its tasks named.

use chrono::NaiveDate;

use super::calendar::project_calendar;
use super::document::ProjectXml;
use super::losses::{LossKind, Losses};
use super::people::{read_assignments, read_people, tasks_on_resource_calendars};
use super::tasks::{label, read_tasks, ReadTask};
use super::units::{date_of, minutes_of_day, number, DEFAULT_MINUTES_PER_DAY};
use super::{links::read_links, xml_check, Imported, MsProjectDates};
use crate::file::{check_size, FileError, FileErrorKind, FileProblem};
use crate::model::graph::TaskGraph;
use crate::model::validate::validate_plan;
use crate::model::{Baseline, BaselineId, BaselineTask, Plan, TaskId, TaskKind};
use crate::schedule::WorkingCalendar;

/// The name of the baseline an import makes of the file's first baseline.
pub const IMPORTED_BASELINE_NAME: &str = "Baseline from MS Project";

pub(super) fn read(text: &str) -> Result<Imported, FileError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    xml_check::check_document(text)?;
    let project: ProjectXml = quick_xml::de::from_str(text).map_err(|error| {
        FileError::single(
            FileErrorKind::Structure,
            FileProblem::message(format!("an element of the project is not as MS Project writes it: {error}")),
        )
    })?;
    let mut losses = Losses::default();
    let (plan, ms_project_dates) = build_plan(&project, &mut losses)?;
    Ok(Imported { plan, losses: losses.into_sorted(), ms_project_dates })
}

fn build_plan(project: &ProjectXml, losses: &mut Losses) -> Result<(Plan, Vec<MsProjectDates>), FileError> {
    let minutes_per_day = number(&project.minutes_per_day)
        .and_then(|minutes| u32::try_from(minutes).ok())
        .filter(|&minutes| minutes > 0)
        .unwrap_or(DEFAULT_MINUTES_PER_DAY);
    if project.schedule_from_start.as_deref().map(str::trim) == Some("0") {
        losses.add_general(LossKind::ScheduledFromFinish);
    }
    let calendar = project_calendar(project, minutes_per_day, losses);
    let working_days_per_week = calendar.working_weekdays.len() as u32;
    let mut tasks = read_tasks(project, minutes_per_day, working_days_per_week, losses)?;
    let start = plan_start(project, &tasks)?;
    let mut plan = Plan::new(plan_name(project), start);
    plan.calendar = calendar;
    mark_splits(project, &plan, &mut tasks, losses);
    plan.dependencies = read_links(project, &tasks, minutes_per_day, working_days_per_week, losses);
    let people = read_people(project, losses);
    plan.raci = read_assignments(project, &tasks, &people);
    plan.people = people.into_iter().map(|(_, person)| person).collect();
    plan.baselines = first_baseline(project, &tasks, start).into_iter().collect();
    let calendar = WorkingCalendar::new(&plan.calendar, plan.start);
    let on_resource_calendars = tasks_on_resource_calendars(project);
    let ms_project_dates = tasks
        .iter()
        .map(|read| {
            let mut dates = ms_project_dates(project, read, &calendar);
            dates.comparable &= !on_resource_calendars.contains(&read.uid);
            dates
        })
        .collect();
    plan.tasks = tasks.into_iter().map(|read| read.task).collect();
    check_plan(&plan)?;
    Ok((plan, ms_project_dates))
}

/// The project's Title, else its Name without the file extension.
fn plan_name(project: &ProjectXml) -> String {
    let title = project.title.as_deref().map(str::trim).filter(|title| !title.is_empty());
    let name = project.name.as_deref().map(|name| {
        let name = name.trim();
        [".xml", ".mpp", ".XML", ".MPP"]
            .iter()
            .fold(name, |name, extension| name.strip_suffix(extension).unwrap_or(name))
    });
    let chosen = title.or(name.filter(|name| !name.is_empty())).unwrap_or("Imported from MS Project");
    chosen.chars().take(crate::model::validate::MAX_NAME_CHARS).collect()
}

/// The project's StartDate, else its earliest task start.
fn plan_start(project: &ProjectXml, tasks: &[ReadTask]) -> Result<NaiveDate, FileError> {
    project
        .start_date
        .as_deref()
        .and_then(date_of)
        .or_else(|| tasks.iter().filter_map(|read| read.start.map(|(date, _)| date)).min())
        .ok_or_else(|| {
            FileError::single(
                FileErrorKind::Structure,
                FileProblem::at("Project/StartDate", "the project has no start date, and no task has one either"),
            )
        })
}

/// The working days MS Project's Start and Finish fall on. A finish at the start of a
/// day (08:00, or midnight) is the end of the working day before, and a start at the
/// end of a day is the start of the next one, as MS Project shows them.
fn days_of_work(
    project: &ProjectXml,
    read: &ReadTask,
    calendar: &WorkingCalendar,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let day_start = project.default_start_time.as_deref().and_then(minutes_of_day).unwrap_or(8 * 60);
    let day_end = project.default_finish_time.as_deref().and_then(minutes_of_day).unwrap_or(17 * 60);
    let takes_time = read.task.kind == TaskKind::Task && read.start != read.finish;
    let start = read.start.map(|(date, minutes)| match date.succ_opt() {
        Some(next) if takes_time && minutes >= day_end => calendar.date_of(calendar.index_of(next)),
        _ => date,
    });
    let finish = read.finish.map(|(date, minutes)| {
        if takes_time && minutes <= day_start {
            calendar.date_of(calendar.index_of(date) - 1)
        } else {
            date
        }
    });
    (start, finish)
}

/// Marks (and reports) the tasks whose Start and Finish in the file span more working
/// days than their duration: split, or delayed inside by leveling. Planwright keeps
/// their work in one piece.
fn mark_splits(project: &ProjectXml, plan: &Plan, tasks: &mut [ReadTask], losses: &mut Losses) {
    let calendar = WorkingCalendar::new(&plan.calendar, plan.start);
    let parents: std::collections::HashSet<TaskId> = tasks.iter().filter_map(|read| read.task.parent.clone()).collect();
    for read in tasks.iter_mut() {
        let (Some(start), Some(finish)) = days_of_work(project, read, &calendar) else { continue };
        let ordinary = read.task.kind == TaskKind::Task && read.whole_days && !read.own_calendar;
        if !ordinary || parents.contains(&read.task.id) || read.task.duration == 0 {
            continue;
        }
        if calendar.working_days_between(start, finish) + 1 > i64::from(read.task.duration) {
            read.split = true;
            losses.add(LossKind::Split, label(&read.task));
        }
    }
}

/// The file's first baseline, when any task has one: dated the day the file was last
/// saved (MSPDI keeps no date of the baseline itself), else the plan's start.
fn first_baseline(project: &ProjectXml, tasks: &[ReadTask], start: NaiveDate) -> Option<Baseline> {
    let entries: Vec<BaselineTask> = tasks
        .iter()
        .filter_map(|read| {
            let (start, finish) = read.baseline?;
            Some(BaselineTask { task: read.task.id.clone(), start, finish, cost: None })
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    let taken = project.last_saved.as_deref().and_then(date_of).unwrap_or(start);
    Some(Baseline { id: BaselineId::from("B1"), name: IMPORTED_BASELINE_NAME.to_string(), taken, tasks: entries })
}

fn ms_project_dates(project: &ProjectXml, read: &ReadTask, calendar: &WorkingCalendar) -> MsProjectDates {
    let (start, finish) = days_of_work(project, read, calendar);
    MsProjectDates { start, finish, comparable: !read.manual && read.whole_days && !read.own_calendar && !read.split }
}

/// The rules of every plan. A cycle is refused first, with the tasks named, since
/// validation names them by id only.
fn check_plan(plan: &Plan) -> Result<(), FileError> {
    if let Err(cycle) = TaskGraph::build(plan).topological_order(plan) {
        let named: Vec<String> =
            cycle.0.iter().map(|id| plan.task(id.as_str()).map_or_else(|| id.to_string(), label)).collect();
        return Err(FileError::single(
            FileErrorKind::Invalid,
            FileProblem::message(format!(
                "the links form a cycle, so no schedule can satisfy them: {} (a link to a summary task counts as a link to each of its subtasks)",
                named.join(" → ")
            )),
        ));
    }
    let problems = validate_plan(plan);
    if problems.is_empty() {
        return Ok(());
    }
    Err(FileError {
        kind: FileErrorKind::Invalid,
        problems: problems
            .into_iter()
            .map(|problem| FileProblem::at(place_in_file(plan, &problem.path), problem.message))
            .collect(),
    })
}

/// A plan path (`plan.tasks[3].deadline`) as the task of the file it is about
/// (`T12 "Design" (deadline)`); other paths as they are.
fn place_in_file(plan: &Plan, path: &str) -> String {
    let task = path.strip_prefix("plan.tasks[").and_then(|rest| {
        let (index, field) = rest.split_once(']')?;
        let task = plan.tasks.get(index.parse::<usize>().ok()?)?;
        Some(match field.strip_prefix('.') {
            Some(field) => format!("{} ({field})", label(task)),
            None => label(task),
        })
    });
    task.unwrap_or_else(|| path.to_string())
}
