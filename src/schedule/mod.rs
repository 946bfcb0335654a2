//! Working calendar and critical-path scheduling (forward and backward pass over
//! the precedence graph), in time linear in tasks plus dependencies. Pure.

mod baseline;
mod calendar;
mod resources;

pub use baseline::{finish_variance, take_baseline};

pub use calendar::{add_days, is_weekend, WorkingCalendar};
pub use resources::{resource_load, ResourceLoad, ResponsibleOverlap, OTHERS_NAMED};

use chrono::NaiveDate;

use crate::model::graph::{Cycle, EdgeKind, TaskGraph};
use crate::model::{DependencyKind, Plan, TaskKind};

/// Why a plan cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// The tasks wait on each other in a circle.
    Cycle(Cycle),
}

impl std::fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cycle(cycle) => write!(f, "the dependencies form a cycle: {cycle}"),
        }
    }
}

impl std::error::Error for ScheduleError {}

/// The computed dates of one task, as working-day numbers (day 0 is the plan's first
/// working day). Finishes are exclusive: a 3-day task starting on day 0 finishes at 3.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct TaskTimes {
    pub early_start: i64,
    pub early_finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    /// Working days the task can slip without moving the plan's finish.
    pub total_float: i64,
    pub critical: bool,
    /// Has children; dates come from them.
    pub summary: bool,
    pub milestone: bool,
    /// The finish passes the task's deadline.
    pub deadline_missed: bool,
    /// Percent complete; for a summary, its children's weighted by duration.
    pub progress: f64,
}

/// The schedule of a plan: one `TaskTimes` per task, in the plan's task order.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub calendar: WorkingCalendar,
    pub tasks: Vec<TaskTimes>,
    /// Working-day number just after the last task finishes.
    pub finish: i64,
}

impl Schedule {
    /// The first day of work.
    pub fn start_date(&self, task: usize) -> NaiveDate {
        self.calendar.date_of(self.tasks[task].early_start)
    }

    /// The last day of work (a milestone's own day).
    pub fn finish_date(&self, task: usize) -> NaiveDate {
        let times = &self.tasks[task];
        self.calendar.date_of(last_day(times.early_start, times.early_finish))
    }

    pub fn late_start_date(&self, task: usize) -> NaiveDate {
        self.calendar.date_of(self.tasks[task].late_start)
    }

    pub fn late_finish_date(&self, task: usize) -> NaiveDate {
        let times = &self.tasks[task];
        self.calendar.date_of(last_day(times.late_start, times.late_finish))
    }

    /// The plan's last day: the latest finish of any task (or milestone).
    pub fn finish_date_of_plan(&self) -> NaiveDate {
        let last = self.tasks.iter().map(|times| last_day(times.early_start, times.early_finish)).max().unwrap_or(0);
        self.calendar.date_of(last)
    }
}

/// The last working day of a span [start, finish); a zero-length span's own day.
fn last_day(start: i64, finish: i64) -> i64 {
    if finish > start {
        finish - 1
    } else {
        start
    }
}

const UNSET_LOW: i64 = i64::MIN / 4;
const UNSET_HIGH: i64 = i64::MAX / 4;

/// Schedules a plan: early dates by a forward pass from the plan's start, late dates
/// by a backward pass from its finish, float and the critical path from both.
pub fn compute(plan: &Plan) -> Result<Schedule, ScheduleError> {
    let calendar = WorkingCalendar::new(&plan.calendar, plan.start);
    let graph = TaskGraph::build(plan);
    let order = graph.topological_order(plan).map_err(ScheduleError::Cycle)?;
    let task_count = plan.tasks.len();
    let node_count = graph.node_count();
    let duration: Vec<i64> =
        plan.tasks.iter().map(|task| if task.kind == TaskKind::Milestone { 0 } else { task.duration as i64 }).collect();

    // Forward pass. Per node: lower bounds on start and finish, then the dates.
    let mut start_bound = vec![0i64; node_count];
    let mut finish_bound = vec![UNSET_LOW; node_count];
    let mut early_start = vec![UNSET_HIGH; node_count];
    let mut early_finish = vec![UNSET_LOW; node_count];
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(date) = task.start_no_earlier_than {
            start_bound[index] = calendar.index_of(date).max(0);
        }
    }
    for &node in &order {
        let node_index = node as usize;
        let is_rollup = node_index >= task_count;
        let task = graph.task_of(node);
        if is_rollup {
            // Dates already gathered from the children.
            if !graph.is_summary[task] {
                continue;
            }
        } else if graph.is_summary[task] {
            // A summary's own node only hands its bounds down.
            early_start[node_index] = start_bound[node_index];
        } else {
            let start = start_bound[node_index].max(finish_bound[node_index] - duration[task]).max(0);
            early_start[node_index] = start;
            early_finish[node_index] = start + duration[task];
        }
        let (start, finish) = (early_start[node_index], early_finish[node_index]);
        for edge in graph.outgoing(node) {
            let target = edge.to as usize;
            match edge.kind {
                EdgeKind::ToChild => {
                    start_bound[target] = start_bound[target].max(start_bound[node_index]);
                    finish_bound[target] = finish_bound[target].max(finish_bound[node_index]);
                }
                EdgeKind::ToRollup => {
                    early_start[target] = early_start[target].min(start);
                    early_finish[target] = early_finish[target].max(finish);
                }
                EdgeKind::Dependency(dependency) => {
                    let dependency = &plan.dependencies[dependency as usize];
                    let lag = dependency.lag as i64;
                    match dependency.kind {
                        DependencyKind::FS => start_bound[target] = start_bound[target].max(finish + lag),
                        DependencyKind::SS => start_bound[target] = start_bound[target].max(start + lag),
                        DependencyKind::FF => finish_bound[target] = finish_bound[target].max(finish + lag),
                        DependencyKind::SF => finish_bound[target] = finish_bound[target].max(start + lag),
                    }
                }
            }
        }
    }
    // The dates a summary shows are its roll-up's.
    let dates_node = |task: usize| if graph.is_summary[task] { task_count + task } else { task };
    let plan_finish = (0..task_count).map(|task| early_finish[dates_node(task)]).max().unwrap_or(0).max(0);

    // Backward pass, pulling each node's late bounds from the nodes after it.
    let mut late_start = vec![UNSET_HIGH; node_count];
    let mut late_finish = vec![UNSET_HIGH; node_count];
    for &node in order.iter().rev() {
        let node_index = node as usize;
        let task = graph.task_of(node);
        let is_rollup = node_index >= task_count;
        if is_rollup && !graph.is_summary[task] {
            continue;
        }
        let is_entry = !is_rollup && graph.is_summary[task];
        let mut start_limit = UNSET_HIGH;
        let mut finish_limit = if is_entry { UNSET_HIGH } else { plan_finish };
        for edge in graph.outgoing(node) {
            let target = edge.to as usize;
            match edge.kind {
                EdgeKind::ToChild => {
                    start_limit = start_limit.min(late_start[target]);
                    finish_limit = finish_limit.min(late_finish[target]);
                }
                EdgeKind::ToRollup => {
                    // The summary finishes with its latest child, so a limit on its finish
                    // binds every child; it starts with its earliest child, so a limit on its
                    // start binds only the children that start it.
                    finish_limit = finish_limit.min(late_finish[target]);
                    if early_start[node_index] <= early_start[target] {
                        start_limit = start_limit.min(late_start[target]);
                    }
                }
                EdgeKind::Dependency(dependency) => {
                    let dependency = &plan.dependencies[dependency as usize];
                    let lag = dependency.lag as i64;
                    match dependency.kind {
                        DependencyKind::FS => finish_limit = finish_limit.min(late_start[target] - lag),
                        DependencyKind::SS => start_limit = start_limit.min(late_start[target] - lag),
                        DependencyKind::FF => finish_limit = finish_limit.min(late_finish[target] - lag),
                        DependencyKind::SF => start_limit = start_limit.min(late_finish[target] - lag),
                    }
                }
            }
        }
        if is_rollup || is_entry {
            late_start[node_index] = start_limit;
            late_finish[node_index] = finish_limit;
        } else {
            let finish = finish_limit.min(start_limit.saturating_add(duration[task]));
            late_finish[node_index] = finish;
            late_start[node_index] = finish - duration[task];
        }
    }

    let mut tasks: Vec<TaskTimes> = (0..task_count)
        .map(|task| {
            let summary = graph.is_summary[task];
            let times = if summary {
                TaskTimes {
                    early_start: early_start[task_count + task],
                    early_finish: early_finish[task_count + task],
                    ..TaskTimes::default()
                }
            } else {
                let float = late_start[task] - early_start[task];
                TaskTimes {
                    early_start: early_start[task],
                    early_finish: early_finish[task],
                    late_start: late_start[task],
                    late_finish: late_finish[task],
                    total_float: float,
                    critical: float <= 0,
                    ..TaskTimes::default()
                }
            };
            TaskTimes {
                summary,
                milestone: plan.tasks[task].kind == TaskKind::Milestone,
                progress: plan.tasks[task].progress as f64,
                ..times
            }
        })
        .collect();
    roll_up_summaries(plan, &graph, &order, &duration, &mut tasks);
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(deadline) = task.deadline {
            let times = &tasks[index];
            tasks[index].deadline_missed = calendar.date_of(last_day(times.early_start, times.early_finish)) > deadline;
        }
    }
    Ok(Schedule { calendar, tasks, finish: plan_finish })
}

/// Late dates, float, criticality and progress of summaries from their children,
/// deepest summaries first (the reverse topological order visits children first).
fn roll_up_summaries(plan: &Plan, graph: &TaskGraph, order: &[u32], duration: &[i64], tasks: &mut [TaskTimes]) {
    let task_count = plan.tasks.len();
    let mut late_start = vec![UNSET_HIGH; task_count];
    let mut late_finish = vec![UNSET_LOW; task_count];
    let mut float = vec![UNSET_HIGH; task_count];
    // Duration-weighted progress; a summary of milestones only averages them.
    let mut weight = vec![0f64; task_count];
    let mut weighted_progress = vec![0f64; task_count];
    let mut progress_sum = vec![0f64; task_count];
    let mut children = vec![0usize; task_count];
    for &node in order.iter().rev() {
        let task = node as usize;
        if task >= task_count {
            continue;
        }
        if graph.is_summary[task] {
            tasks[task].late_start = late_start[task];
            tasks[task].late_finish = late_finish[task];
            tasks[task].total_float = float[task];
            tasks[task].critical = float[task] <= 0;
            tasks[task].progress = if weight[task] > 0.0 {
                weighted_progress[task] / weight[task]
            } else {
                progress_sum[task] / children[task].max(1) as f64
            };
        }
        if let Some(parent) = graph.parent[task] {
            let parent = parent as usize;
            let times = tasks[task];
            late_start[parent] = late_start[parent].min(times.late_start);
            late_finish[parent] = late_finish[parent].max(times.late_finish);
            float[parent] = float[parent].min(times.total_float);
            let (task_weight, task_weighted) = if graph.is_summary[task] {
                (weight[task], weighted_progress[task])
            } else {
                (duration[task] as f64, duration[task] as f64 * times.progress)
            };
            weight[parent] += task_weight;
            weighted_progress[parent] += task_weighted;
            progress_sum[parent] += times.progress;
            children[parent] += 1;
        }
    }
}
