//! Who is stretched: people Responsible (RACI R or A/R) for tasks that run at the
//! same time, found from the schedule's dates. The timeline flags those bars; the
//! RACI checks use the peak to compare with the plan's threshold.

use super::Schedule;
use crate::model::hashing::IdMap;
use crate::model::{Plan, RaciRole};

/// At most this many other tasks are named per person on a task; the count says the rest.
pub const OTHERS_NAMED: usize = 5;

/// One person Responsible for a task and for others running at the same time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponsibleOverlap {
    /// Index into `plan.people`.
    pub person: usize,
    /// Indices into `plan.tasks` of up to `OTHERS_NAMED` overlapping tasks, earliest first.
    pub others: Vec<usize>,
    /// How many other tasks overlap in all.
    pub other_count: usize,
}

/// What the overlaps of one plan come to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceLoad {
    /// For each task (by index), the people Responsible for it who are also
    /// Responsible for an overlapping task.
    pub overlaps: Vec<Vec<ResponsibleOverlap>>,
    /// For each person (by index), the most tasks they are Responsible for on one day.
    pub peak: Vec<usize>,
    /// For each task (by index), the tasks of other plans its Responsible people work on
    /// at the same time ("T3 Harden the platform in Platform"), when the portfolio is
    /// counted (`analysis::raci::add_elsewhere`); empty otherwise.
    pub elsewhere: Vec<Vec<String>>,
}

impl ResourceLoad {
    /// Whether any person Responsible for the task is on an overlapping task too.
    pub fn is_flagged(&self, task: usize) -> bool {
        self.overlaps.get(task).is_some_and(|overlaps| !overlaps.is_empty())
            || self.elsewhere.get(task).is_some_and(|elsewhere| !elsewhere.is_empty())
    }
}

/// Finds, for every person, which of the tasks they are Responsible for overlap.
/// Only tasks with working time count: summaries (owned, not worked) and
/// milestones (no duration) do not. Time is linear in RACI cells plus overlaps.
pub fn resource_load(plan: &Plan, schedule: &Schedule) -> ResourceLoad {
    let person_index: IdMap<&str, usize> =
        plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
    let task_index: IdMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut tasks_of_person: Vec<Vec<usize>> = vec![Vec::new(); plan.people.len()];
    for cell in &plan.raci {
        if !matches!(cell.role, RaciRole::R | RaciRole::AR) {
            continue;
        }
        let (Some(&person), Some(&task)) = (person_index.get(cell.person.as_str()), task_index.get(cell.task.as_str()))
        else {
            continue;
        };
        let times = &schedule.tasks[task];
        if times.summary || times.early_finish <= times.early_start {
            continue;
        }
        tasks_of_person[person].push(task);
    }

    let mut load = ResourceLoad {
        overlaps: vec![Vec::new(); plan.tasks.len()],
        peak: vec![0; plan.people.len()],
        elsewhere: Vec::new(),
    };
    for (person, tasks) in tasks_of_person.iter_mut().enumerate() {
        crate::model::sorting::sort_by_key(tasks, |&task| (schedule.tasks[task].early_start, task));
        tasks.dedup();
        // Sweep in start order, keeping the tasks still running.
        let mut running: Vec<usize> = Vec::new();
        let mut others_of: IdMap<usize, Vec<usize>> = IdMap::default();
        for &task in tasks.iter() {
            let start = schedule.tasks[task].early_start;
            running.retain(|&other| schedule.tasks[other].early_finish > start);
            for &other in &running {
                others_of.entry(task).or_default().push(other);
                others_of.entry(other).or_default().push(task);
            }
            running.push(task);
            load.peak[person] = load.peak[person].max(running.len());
        }
        for (task, mut others) in others_of {
            crate::model::sorting::sort_by_key(&mut others, |&other| (schedule.tasks[other].early_start, other));
            let other_count = others.len();
            others.truncate(OTHERS_NAMED);
            load.overlaps[task].push(ResponsibleOverlap { person, others, other_count });
        }
    }
    for overlaps in &mut load.overlaps {
        crate::model::sorting::sort_by_key(overlaps, |overlap| overlap.person);
    }
    load
}
