//! Working calendar and critical-path scheduling (forward and backward pass over
//! the precedence graph), in time linear in tasks plus dependencies. Pure.

mod baseline;
mod calendar;
mod graph_cache;
mod resources;

pub use baseline::{finish_variance, take_baseline};

pub use calendar::{add_days, is_weekend, WorkingCalendar};
pub use graph_cache::GraphCache;
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

/// Lower bounds on a task's start and finish, from its predecessors and the summary
/// above it, gathered by the forward pass.
#[derive(Clone, Copy)]
struct Bounds {
    start: i64,
    finish: i64,
}

/// A start and a finish, in working-day numbers.
#[derive(Clone, Copy)]
struct Span {
    start: i64,
    finish: i64,
}

/// What a summary shows, gathered from its children: late dates, float and progress.
#[derive(Clone, Copy)]
struct Rollup {
    late_start: i64,
    late_finish: i64,
    float: i64,
    /// Duration-weighted progress; a summary of milestones only averages them.
    weight: f64,
    weighted_progress: f64,
    progress_sum: f64,
    children: usize,
}

impl Rollup {
    const EMPTY: Self = Self {
        late_start: UNSET_HIGH,
        late_finish: UNSET_LOW,
        float: UNSET_HIGH,
        weight: 0.0,
        weighted_progress: 0.0,
        progress_sum: 0.0,
        children: 0,
    };

    fn progress(&self) -> f64 {
        if self.weight > 0.0 {
            self.weighted_progress / self.weight
        } else {
            self.progress_sum / self.children.max(1) as f64
        }
    }
}

/// The working state of one scheduling run.
///
/// A task's own node keeps its dates in the task's `TaskTimes`, the result being built,
/// so the passes need no per-node arrays of their own; a summary's roll-up node keeps
/// them in `rollup_early` and `rollup_late` (indexed like `graph.summaries`). A
/// summary's own node only passes limits through: its late limits wait in its
/// `TaskTimes` until the summary's shown values replace them at the end.
struct Pass<'a> {
    graph: &'a TaskGraph,
    /// Working days of each task; 0 for a milestone whatever the plan says.
    durations: Vec<u32>,
    tasks: Vec<TaskTimes>,
    rollup_early: Vec<Span>,
    rollup_late: Vec<Span>,
    /// Working-day number just after the last task finishes, known after the forward pass.
    plan_finish: i64,
}

/// Schedules a plan: early dates by a forward pass from the plan's start, late dates
/// by a backward pass from its finish, float and the critical path from both.
///
/// Everything runs on working-day numbers over the graph's node indices; dates are
/// only looked up for the tasks that have a bound or a deadline.
pub fn compute(plan: &Plan) -> Result<Schedule, ScheduleError> {
    compute_on(plan, &TaskGraph::build(plan), Order::Walk)
}

/// Where the forward pass gets its topological order from.
enum Order<'a> {
    /// Walks the graph, the forward pass running inside the walk.
    Walk,
    /// The order (or the cycle) found by an earlier walk of this same graph.
    Known(&'a Result<Vec<u32>, Cycle>),
}

/// Schedules a plan on its graph, which must have been built from this plan's tasks and
/// links (`compute` builds it; `GraphCache` checks that the one it keeps still fits).
fn compute_on(plan: &Plan, graph: &TaskGraph, order: Order) -> Result<Schedule, ScheduleError> {
    let calendar = WorkingCalendar::new(&plan.calendar, plan.start);
    let task_count = plan.tasks.len();

    let mut bounds = vec![Bounds { start: 0, finish: UNSET_LOW }; task_count];
    let mut durations = Vec::with_capacity(task_count);
    let mut tasks = Vec::with_capacity(task_count);
    let mut bounded = Vec::new();
    let mut deadlines = Vec::new();
    for (index, task) in plan.tasks.iter().enumerate() {
        let milestone = task.kind == TaskKind::Milestone;
        durations.push(if milestone { 0 } else { task.duration });
        tasks.push(TaskTimes {
            early_start: UNSET_HIGH,
            early_finish: UNSET_LOW,
            late_start: UNSET_HIGH,
            late_finish: UNSET_HIGH,
            summary: graph.is_summary[index],
            milestone,
            progress: task.progress as f64,
            ..TaskTimes::default()
        });
        if let Some(date) = task.start_no_earlier_than {
            bounded.push((index, date));
        }
        if let Some(deadline) = task.deadline {
            deadlines.push((index, deadline));
        }
    }
    // Deadlines are looked up a day late (see below).
    let day_after = |date: NaiveDate| date.succ_opt().unwrap_or(date);
    let days = calendar
        .day_table(bounded.iter().map(|&(_, date)| date).chain(deadlines.iter().map(|&(_, date)| day_after(date))));
    for (index, date) in bounded {
        bounds[index].start = days.index_of(date).max(0);
    }
    // A task misses its deadline when its last day falls on or after the first working
    // day past the deadline (a deadline of the last representable date cannot be missed).
    let deadlines: Vec<(usize, Option<i64>)> = deadlines
        .into_iter()
        .map(|(index, deadline)| (index, deadline.succ_opt().map(|after| days.index_of(after))))
        .collect();

    let summary_count = graph.summaries.len();
    let mut pass = Pass {
        graph,
        durations,
        tasks,
        rollup_early: vec![Span { start: UNSET_HIGH, finish: UNSET_LOW }; summary_count],
        rollup_late: vec![Span { start: UNSET_HIGH, finish: UNSET_HIGH }; summary_count],
        plan_finish: 0,
    };
    let mut rollups = match order {
        Order::Walk => {
            let order = graph
                .visit_in_topological_order(plan, |node| pass.forward(node, &mut bounds))
                .map_err(ScheduleError::Cycle)?;
            drop(bounds);
            pass.backward(&order)
        }
        Order::Known(order) => {
            let order = order.as_ref().map_err(|cycle| ScheduleError::Cycle(cycle.clone()))?;
            for &node in order {
                pass.forward(node, &mut bounds);
            }
            drop(bounds);
            pass.backward(order)
        }
    };
    let rollup_of = |task: u32| graph.dates_node[task as usize] as usize - task_count;
    let nests_a_timeless_summary =
        |&summary: &u32| graph.parent[summary as usize].is_some_and(|parent| rollups[rollup_of(parent)].weight == 0.0);
    if graph.summaries.iter().any(nests_a_timeless_summary) {
        average_breadth_first(graph, plan, &pass.tasks, &mut rollups);
    }

    let Pass { mut tasks, rollup_early, plan_finish, .. } = pass;
    for (summary, &task) in graph.summaries.iter().enumerate() {
        let (early, rollup) = (rollup_early[summary], rollups[summary]);
        tasks[task as usize] = TaskTimes {
            early_start: early.start,
            early_finish: early.finish,
            late_start: rollup.late_start,
            late_finish: rollup.late_finish,
            total_float: rollup.float,
            critical: rollup.float <= 0,
            progress: rollup.progress(),
            ..tasks[task as usize]
        };
    }
    for (index, first_day_late) in deadlines {
        let times = &mut tasks[index];
        times.deadline_missed = first_day_late
            .is_some_and(|first_day_late| last_day(times.early_start, times.early_finish) >= first_day_late);
    }
    Ok(Schedule { calendar, tasks, finish: plan_finish })
}

/// Adds up again, in breadth-first order, the children's progress of the summaries
/// whose tasks all take no time (these average their children's progress).
///
/// Where such a summary holds another, some of the progress values it adds up are
/// fractions, and a sum of fractions can change in its last digit with the order of
/// adding. Breadth first is the order this scheduler has always added them in; the
/// passes now walk depth first, for speed, and this rare case keeps the old order so
/// that no result changes with the walk.
fn average_breadth_first(graph: &TaskGraph, plan: &Plan, tasks: &[TaskTimes], rollups: &mut [Rollup]) {
    let Ok(order) = graph.breadth_first_order(plan) else {
        return; // Not reached: the graph was just walked without finding a cycle.
    };
    let task_count = graph.task_count;
    let rollup_of = |task: usize| graph.dates_node[task] as usize - task_count;
    let mut progress_sums = vec![0f64; rollups.len()];
    // Backwards, so every child comes before its summary.
    for &node in order.iter().rev() {
        let task = node as usize;
        if task >= task_count {
            continue; // A roll-up node: the summary's own node stands for it here.
        }
        let Some(parent) = graph.parent[task] else {
            continue;
        };
        let parent = rollup_of(parent as usize);
        if rollups[parent].weight > 0.0 {
            continue;
        }
        progress_sums[parent] += if graph.is_summary[task] {
            let own = rollup_of(task);
            progress_sums[own] / rollups[own].children.max(1) as f64
        } else {
            tasks[task].progress
        };
    }
    for (rollup, progress_sum) in rollups.iter_mut().zip(progress_sums) {
        if rollup.weight == 0.0 {
            rollup.progress_sum = progress_sum;
        }
    }
}

impl Pass<'_> {
    /// The forward pass at one node, reached in topological order: its early dates from
    /// the bounds its predecessors left, then bounds pushed on to its successors.
    fn forward(&mut self, node: u32, bounds: &mut [Bounds]) {
        let graph = self.graph;
        let node_index = node as usize;
        let is_rollup = node_index >= graph.task_count;
        let own_bounds = if is_rollup { Bounds { start: 0, finish: UNSET_LOW } } else { bounds[node_index] };
        let Span { start, finish } = if is_rollup {
            // Its dates are already gathered from its children.
            self.rollup_early[node_index - graph.task_count]
        } else if graph.is_summary[node_index] {
            // A summary's own node only hands its bounds down; it has no dates.
            Span { start: own_bounds.start, finish: UNSET_LOW }
        } else {
            let duration = self.durations[node_index] as i64;
            let start = own_bounds.start.max(own_bounds.finish - duration).max(0);
            let times = &mut self.tasks[node_index];
            (times.early_start, times.early_finish) = (start, start + duration);
            Span { start, finish: start + duration }
        };
        self.plan_finish = self.plan_finish.max(finish);
        graph.for_each_outgoing(node, |edge| {
            let target = edge.to as usize;
            match edge.kind {
                EdgeKind::ToChild => {
                    let child = &mut bounds[target];
                    child.start = child.start.max(own_bounds.start);
                    child.finish = child.finish.max(own_bounds.finish);
                }
                EdgeKind::ToRollup => {
                    let rollup = &mut self.rollup_early[target - graph.task_count];
                    rollup.start = rollup.start.min(start);
                    rollup.finish = rollup.finish.max(finish);
                }
                EdgeKind::Dependency { kind, lag } => {
                    let lag = lag as i64;
                    let successor = &mut bounds[target];
                    match kind {
                        DependencyKind::FS => successor.start = successor.start.max(finish + lag),
                        DependencyKind::SS => successor.start = successor.start.max(start + lag),
                        DependencyKind::FF => successor.finish = successor.finish.max(finish + lag),
                        DependencyKind::SF => successor.finish = successor.finish.max(start + lag),
                    }
                }
            }
        });
    }

    /// Late dates, pulling each node's limits from the nodes after it in reverse
    /// topological order; and, since that order reaches every child before its summary,
    /// what each summary shows, rolled up from its children (indexed like
    /// `graph.summaries`).
    fn backward(&mut self, order: &[u32]) -> Vec<Rollup> {
        let graph = self.graph;
        let task_count = graph.task_count;
        let mut rollups = vec![Rollup::EMPTY; graph.summaries.len()];
        for &node in order.iter().rev() {
            let node_index = node as usize;
            let is_rollup = node_index >= task_count;
            let is_entry = !is_rollup && graph.is_summary[node_index];
            let early_start = if is_rollup {
                self.rollup_early[node_index - task_count].start
            } else {
                self.tasks[node_index].early_start
            };
            let mut start_limit = UNSET_HIGH;
            let mut finish_limit = if is_entry { UNSET_HIGH } else { self.plan_finish };
            graph.for_each_outgoing(node, |edge| {
                let target = edge.to as usize;
                match edge.kind {
                    EdgeKind::ToChild => {
                        let child = &self.tasks[target];
                        start_limit = start_limit.min(child.late_start);
                        finish_limit = finish_limit.min(child.late_finish);
                    }
                    EdgeKind::ToRollup => {
                        // The summary finishes with its latest child, so a limit on its finish
                        // binds every child; it starts with its earliest child, so a limit on its
                        // start binds only the children that start it.
                        let summary = target - task_count;
                        let late = self.rollup_late[summary];
                        finish_limit = finish_limit.min(late.finish);
                        if early_start <= self.rollup_early[summary].start {
                            start_limit = start_limit.min(late.start);
                        }
                    }
                    EdgeKind::Dependency { kind, lag } => {
                        let lag = lag as i64;
                        let successor = &self.tasks[target];
                        match kind {
                            DependencyKind::FS => finish_limit = finish_limit.min(successor.late_start - lag),
                            DependencyKind::SS => start_limit = start_limit.min(successor.late_start - lag),
                            DependencyKind::FF => finish_limit = finish_limit.min(successor.late_finish - lag),
                            DependencyKind::SF => start_limit = start_limit.min(successor.late_finish - lag),
                        }
                    }
                }
            });
            if is_rollup {
                self.rollup_late[node_index - task_count] = Span { start: start_limit, finish: finish_limit };
                continue;
            }
            let task = node_index;
            let times = &mut self.tasks[task];
            if is_entry {
                (times.late_start, times.late_finish) = (start_limit, finish_limit);
            } else {
                let duration = self.durations[task] as i64;
                let finish = finish_limit.min(start_limit.saturating_add(duration));
                (times.late_start, times.late_finish) = (finish - duration, finish);
                times.total_float = times.late_start - times.early_start;
                times.critical = times.total_float <= 0;
            }
            // Every child of this task has been passed, so what it shows is complete:
            // hand that on to its parent.
            if let Some(parent) = graph.parent[task] {
                let times = self.tasks[task];
                let (late_start, late_finish, float, weight, weighted_progress, progress) = if is_entry {
                    let rollup = rollups[graph.dates_node[task] as usize - task_count];
                    let progress = rollup.progress();
                    (
                        rollup.late_start,
                        rollup.late_finish,
                        rollup.float,
                        rollup.weight,
                        rollup.weighted_progress,
                        progress,
                    )
                } else {
                    let duration = self.durations[task] as f64;
                    let progress = times.progress;
                    (times.late_start, times.late_finish, times.total_float, duration, duration * progress, progress)
                };
                let parent = &mut rollups[graph.dates_node[parent as usize] as usize - task_count];
                parent.late_start = parent.late_start.min(late_start);
                parent.late_finish = parent.late_finish.max(late_finish);
                parent.float = parent.float.min(float);
                parent.weight += weight;
                parent.weighted_progress += weighted_progress;
                parent.progress_sum += progress;
                parent.children += 1;
            }
        }
        rollups
    }
}
