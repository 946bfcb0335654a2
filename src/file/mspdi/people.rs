//! MSPDI work resources as Planwright people (`Group` is the team, `Code` the role),
//! and their assignments as Responsible in the RACI matrix. Material and cost
//! resources, rates and resource calendars are losses.

use std::collections::{HashMap, HashSet};

use super::calendar::differs_from_project_calendar;
use super::document::{ProjectXml, ResourceXml};
use super::losses::{LossKind, Losses};
use super::tasks::ReadTask;
use super::units::{decimal, is_set, number};
use crate::model::validate::MAX_NAME_CHARS;
use crate::model::{Person, PersonId, RaciCell, RaciRole};

/// MSPDI's resource `Type`: 0 material, 1 work, 2 cost.
const WORK_RESOURCE: i64 = 1;

/// The people of the file, with the UID each came from.
pub(super) fn read_people(project: &ProjectXml, losses: &mut Losses) -> Vec<(i64, Person)> {
    let mut people = Vec::new();
    let mut seen = HashSet::new();
    for resource in &project.resources.list {
        let Some(uid) = number(&resource.uid) else { continue };
        let name = resource.name.as_deref().map(str::trim).unwrap_or_default();
        if is_set(&resource.is_null) || name.is_empty() || !seen.insert(uid) {
            continue;
        }
        if number(&resource.resource_type).is_some_and(|kind| kind != WORK_RESOURCE) {
            losses.add(LossKind::NonWorkResource, format!("\"{name}\""));
            continue;
        }
        report_resource_losses(project, resource, name, losses);
        people.push((
            uid,
            Person {
                id: PersonId(format!("P{uid}")),
                name: shorten(name),
                role: shorten(resource.code.as_deref().unwrap_or_default().trim()),
                team: shorten(resource.group.as_deref().unwrap_or_default().trim()),
            },
        ));
    }
    people
}

fn shorten(text: &str) -> String {
    text.chars().take(MAX_NAME_CHARS).collect()
}

fn report_resource_losses(project: &ProjectXml, resource: &ResourceXml, name: &str, losses: &mut Losses) {
    let costs =
        [&resource.standard_rate, &resource.cost].into_iter().any(|value| decimal(value).is_some_and(|v| v != 0.0));
    if costs {
        losses.add(LossKind::Costs, format!("the rates of \"{name}\""));
    }
    let own_calendar = number(&resource.calendar_uid)
        .and_then(|uid| project.calendars.list.iter().find(|calendar| number(&calendar.uid) == Some(uid)));
    if own_calendar.is_some_and(|calendar| differs_from_project_calendar(calendar, project)) {
        losses.add(LossKind::ResourceCalendar, format!("\"{name}\""));
    }
}

/// Each assignment of a person to a task as a Responsible cell, once per pair.
pub(super) fn read_assignments(project: &ProjectXml, tasks: &[ReadTask], people: &[(i64, Person)]) -> Vec<RaciCell> {
    let task_of_uid: HashMap<i64, &ReadTask> = tasks.iter().map(|read| (read.uid, read)).collect();
    let person_of_uid: HashMap<i64, &Person> = people.iter().map(|(uid, person)| (*uid, person)).collect();
    let mut seen = HashSet::new();
    let mut cells = Vec::new();
    for assignment in &project.assignments.list {
        let task = number(&assignment.task_uid).and_then(|uid| task_of_uid.get(&uid));
        let person = number(&assignment.resource_uid).and_then(|uid| person_of_uid.get(&uid));
        let (Some(task), Some(person)) = (task, person) else { continue };
        if seen.insert((task.uid, person.id.clone())) {
            cells.push(RaciCell { task: task.task.id.clone(), person: person.id.clone(), role: RaciRole::R });
        }
    }
    cells
}

/// The UIDs of the tasks assigned to a resource with a calendar of its own: MS Project
/// schedules their work in that resource's hours, which Planwright does not keep.
pub(super) fn tasks_on_resource_calendars(project: &ProjectXml) -> HashSet<i64> {
    let own_calendar: HashSet<i64> = project
        .resources
        .list
        .iter()
        .filter(|resource| {
            let calendar_uid = number(&resource.calendar_uid);
            project.calendars.list.iter().any(|calendar| {
                number(&calendar.uid) == calendar_uid && differs_from_project_calendar(calendar, project)
            })
        })
        .filter_map(|resource| number(&resource.uid))
        .collect();
    project
        .assignments
        .list
        .iter()
        .filter(|assignment| number(&assignment.resource_uid).is_some_and(|uid| own_calendar.contains(&uid)))
        .filter_map(|assignment| number(&assignment.task_uid))
        .collect()
}
