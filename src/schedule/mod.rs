//! Working calendar and critical-path scheduling (forward and backward pass over
//! the precedence graph), in time linear in tasks plus dependencies. Pure.
//!
//! The conventions are MS Project's, so files and habits carry over (the user guide's
//! docs/scheduling.md has them rule by rule): a milestone after finish-to-start links
//! sits at the end of its predecessors' last day (`position` has how), a deadline
//! bounds the late finish so float may be negative, and the six date constraints bound
//! early or late dates, the links winning over one they make impossible, which is then
//! reported (`constraints`). A task of another plan a task waits on stands fixed at its
//! known dates (`external`); `drivers` says what holds each task where it is.

mod baseline;
mod calendar;
mod constraints;
mod drivers;
mod external;
mod graph_cache;
mod position;
mod resources;

pub use baseline::{finish_moved, finish_variance, take_baseline};

pub use calendar::{add_days, is_weekend, WorkingCalendar};
pub use constraints::{ConflictCause, ConstraintConflict};
pub use drivers::{drivers, Driver, Drivers};
pub use graph_cache::GraphCache;
pub use resources::{resource_load, ResourceLoad, ResponsibleOverlap, OTHERS_NAMED};

use chrono::NaiveDate;

use crate::model::graph::{Cycle, EdgeKind, TaskGraph};
use crate::model::{DateConstraint, DependencyKind, Plan, TaskKind};

use constraints::{conflicts, dated_tasks, DatedTask, Scheduled};
use position::Span;

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
/// working day) of the boundaries between working days: the task starts at the start of
/// working day `early_start` and finishes at the end of working day `early_finish - 1`,
/// so a 3-day task starting on day 0 finishes at 3. A task that takes no time (a
/// milestone) sits on one boundary, at the end of the day before it or the start of the
/// day after it; the `…_at_day_end` and `…_at_day_start` flags say which, as MS Project
/// does (`Schedule::start_date` and the others read them).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct TaskTimes {
    pub early_start: i64,
    pub early_finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    /// The early start is the end of working day `early_start - 1`, not the start of
    /// `early_start`: a milestone after finish-to-start links, or a summary starting
    /// with one. The same moment in working time, shown on the earlier day.
    pub early_start_at_day_end: bool,
    /// The early finish is the start of working day `early_finish`, not the end of
    /// `early_finish - 1`: a milestone placed by a start (the plan's start, a
    /// start-to-start link, a start constraint), or a summary finishing with one.
    pub early_finish_at_day_start: bool,
    /// As `early_start_at_day_end`, for the late start.
    pub late_start_at_day_end: bool,
    /// As `early_finish_at_day_start`, for the late finish.
    pub late_finish_at_day_start: bool,
    /// Working days the task can slip without moving the plan's finish or passing a
    /// deadline or no-later-than date (its own or a later task's); negative by as many
    /// working days as it is late against one of them.
    pub total_float: i64,
    /// At or below zero float.
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
    /// Working-day number of the boundary the last task finishes at.
    pub finish: i64,
    /// The date constraints the links make impossible, in plan order.
    pub conflicts: Vec<ConstraintConflict>,
}

impl Schedule {
    /// The working-day number of the day the task starts on (a milestone's own day).
    pub fn start_day(&self, task: usize) -> i64 {
        let times = &self.tasks[task];
        times.early_start - i64::from(times.early_start_at_day_end)
    }

    /// The working-day number of the task's last day (a milestone's own day).
    pub fn finish_day(&self, task: usize) -> i64 {
        let times = &self.tasks[task];
        times.early_finish - 1 + i64::from(times.early_finish_at_day_start)
    }

    /// The first day of work (a milestone's own day).
    pub fn start_date(&self, task: usize) -> NaiveDate {
        self.calendar.date_of(self.start_day(task))
    }

    /// The last day of work (a milestone's own day).
    pub fn finish_date(&self, task: usize) -> NaiveDate {
        self.calendar.date_of(self.finish_day(task))
    }

    pub fn late_start_date(&self, task: usize) -> NaiveDate {
        let times = &self.tasks[task];
        self.calendar.date_of(times.late_start - i64::from(times.late_start_at_day_end))
    }

    pub fn late_finish_date(&self, task: usize) -> NaiveDate {
        let times = &self.tasks[task];
        self.calendar.date_of(times.late_finish - 1 + i64::from(times.late_finish_at_day_start))
    }

    /// The plan's last day of work: the latest finish of any task (or milestone).
    pub fn finish_date_of_plan(&self) -> NaiveDate {
        let last = (0..self.tasks.len()).map(|task| self.finish_day(task)).max().unwrap_or(0);
        self.calendar.date_of(last)
    }

    /// Working days from the last working day on or before `date` (a deadline, say) to
    /// the task's last day: positive when the task finishes later.
    pub fn working_days_after(&self, task: usize, date: NaiveDate) -> i64 {
        let last_working_day = date.succ_opt().map_or(i64::MAX / 4, |next| self.calendar.index_of(next) - 1);
        self.finish_day(task) - last_working_day
    }

    /// The conflict of a task's date constraint, if the links make it impossible.
    pub fn conflict(&self, task: usize) -> Option<&ConstraintConflict> {
        let found = self.conflicts.binary_search_by_key(&task, |conflict| conflict.task);
        found.ok().map(|at| &self.conflicts[at])
    }
}

const UNSET_LOW: i64 = i64::MIN / 4;
const UNSET_HIGH: i64 = i64::MAX / 4;

/// Lower bounds on a task's start and finish positions, from its predecessors, its
/// constraint and the summary above it, gathered by the forward pass.
type Bounds = Span;

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
/// The passes work on half-day positions (see `position`), turned into working-day
/// numbers at the end. A task's own node keeps its dates in the task's `TaskTimes`, the
/// result being built, so the passes need no per-node arrays of their own; a summary's
/// roll-up node keeps them in `rollup_early` and `rollup_late` (indexed like
/// `graph.summaries`). A summary's own node only passes limits through: its late limits
/// wait in its `TaskTimes` until the summary's shown values replace them at the end.
/// Before the backward pass, a task's `late_start` and `late_finish` hold the limits
/// of its own constraint and deadline (`UNSET_HIGH` for none).
struct Pass<'a> {
    graph: &'a TaskGraph,
    /// Working days of each task; 0 for a milestone whatever the plan says.
    durations: Vec<u32>,
    tasks: Vec<TaskTimes>,
    rollup_early: Vec<Span>,
    rollup_late: Vec<Span>,
    /// The position of the last finish, known after the forward pass.
    plan_finish: i64,
}

/// Schedules a plan: early dates by a forward pass from the plan's start, late dates
/// by a backward pass from its finish, float and the critical path from both.
///
/// Everything runs on half-day positions over the graph's node indices; dates are
/// only looked up for the tasks that have a constraint or a deadline.
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
    let (mut pass, mut bounds, dated) = Pass::start(plan, graph, &calendar);
    let external = external::external_bounds(plan, &calendar);
    external::place_external_bounds(&external, &mut bounds);
    let mut rollups = match order {
        Order::Walk => {
            let order = graph
                .visit_in_topological_order(plan, |node| pass.forward(node, &mut bounds))
                .map_err(ScheduleError::Cycle)?;
            pass.backward(&order)
        }
        Order::Known(order) => {
            let order = order.as_ref().map_err(|cycle| ScheduleError::Cycle(cycle.clone()))?;
            for &node in order {
                pass.forward(node, &mut bounds);
            }
            pass.backward(order)
        }
    };
    let task_count = plan.tasks.len();
    let rollup_of = |task: u32| graph.dates_node[task as usize] as usize - task_count;
    let nests_a_timeless_summary =
        |&summary: &u32| graph.parent[summary as usize].is_some_and(|parent| rollups[rollup_of(parent)].weight == 0.0);
    if graph.summaries.iter().any(nests_a_timeless_summary) {
        average_breadth_first(graph, plan, &pass.tasks, &mut rollups);
    }
    pass.show_summaries(&rollups);

    let Pass { mut tasks, durations, plan_finish, .. } = pass;
    let scheduled = Scheduled {
        plan,
        graph,
        calendar: &calendar,
        tasks: &tasks,
        bounds: &bounds,
        durations: &durations,
        external: &external,
    };
    let conflicts = conflicts(&scheduled, &dated);
    drop(bounds);
    for dated in &dated {
        let times = &mut tasks[dated.task];
        times.deadline_missed = dated.deadline.is_some_and(|deadline| times.early_finish > deadline);
    }
    tasks.iter_mut().for_each(in_working_days);
    Ok(Schedule { calendar, tasks, finish: position::boundary(plan_finish), conflicts })
}

/// Puts each task's constraint and deadline where the passes read them: an early-date
/// constraint in the bounds the forward pass starts from (never before the plan's
/// start), a late-date constraint and a deadline in the late dates the backward pass
/// starts from (see `Pass`).
fn place_constraints(dated: &[DatedTask], bounds: &mut [Bounds], tasks: &mut [TaskTimes]) {
    for dated in dated {
        let (bound, times) = (&mut bounds[dated.task], &mut tasks[dated.task]);
        if let Some((DateConstraint { kind, .. }, at)) = dated.constraint {
            match (kind.bounds_early_dates(), kind.is_on_start()) {
                (true, true) => bound.start = at.max(0),
                (true, false) => bound.finish = at,
                (false, _) => {}
            }
            match (kind.bounds_late_dates(), kind.is_on_start()) {
                (true, true) => times.late_start = at,
                (true, false) => times.late_finish = at,
                (false, _) => {}
            }
        }
        if let Some(deadline) = dated.deadline {
            times.late_finish = times.late_finish.min(deadline);
        }
    }
}

/// Turns a task's dates from half-day positions into working-day numbers of boundaries
/// with the flags saying which side of a boundary each is on.
fn in_working_days(times: &mut TaskTimes) {
    use position::boundary;
    let is_end_of_day = |position: i64| position & 1 == 1;
    times.early_start_at_day_end = is_end_of_day(times.early_start);
    times.early_finish_at_day_start = !is_end_of_day(times.early_finish);
    times.late_start_at_day_end = is_end_of_day(times.late_start);
    times.late_finish_at_day_start = !is_end_of_day(times.late_finish);
    times.early_start = boundary(times.early_start);
    times.early_finish = boundary(times.early_finish);
    times.late_start = boundary(times.late_start);
    times.late_finish = boundary(times.late_finish);
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

impl<'a> Pass<'a> {
    /// The state before the passes, with the bounds the forward pass starts from (every
    /// start no earlier than the plan's start, and the early-date constraints) and the
    /// tasks with a constraint or a deadline.
    fn start(plan: &Plan, graph: &'a TaskGraph, calendar: &WorkingCalendar) -> (Self, Vec<Bounds>, Vec<DatedTask>) {
        let task_count = plan.tasks.len();
        let mut bounds = vec![Bounds { start: 0, finish: UNSET_LOW }; task_count];
        let mut durations = Vec::with_capacity(task_count);
        let mut tasks = Vec::with_capacity(task_count);
        // Gathered in this one walk over the plan's tasks: a second walk over 100,000
        // tasks' memory took a tenth of the whole scheduling.
        let mut dates = Vec::new();
        for (index, task) in plan.tasks.iter().enumerate() {
            if task.start_no_earlier_than.is_some() || task.constraint.is_some() || task.deadline.is_some() {
                dates.push((index, task.date_constraint(), task.deadline));
            }
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
        }
        let dated = dated_tasks(dates, calendar);
        place_constraints(&dated, &mut bounds, &mut tasks);
        let summary_count = graph.summaries.len();
        let pass = Self {
            graph,
            durations,
            tasks,
            rollup_early: vec![Span { start: UNSET_HIGH, finish: UNSET_LOW }; summary_count],
            rollup_late: vec![Span { start: UNSET_HIGH, finish: UNSET_HIGH }; summary_count],
            plan_finish: 0,
        };
        (pass, bounds, dated)
    }

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
            let early = position::earliest(own_bounds, self.durations[node_index] as i64);
            let times = &mut self.tasks[node_index];
            (times.early_start, times.early_finish) = (early.start, early.finish);
            early
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
                    let lag = position::lag(lag);
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
            let limits = self.late_limits(node_index, is_rollup, is_entry);
            if is_rollup {
                self.rollup_late[node_index - task_count] = limits;
                continue;
            }
            let task = node_index;
            let times = &mut self.tasks[task];
            if is_entry {
                (times.late_start, times.late_finish) = (limits.start, limits.finish);
            } else {
                let late = position::latest(limits, self.durations[task] as i64);
                (times.late_start, times.late_finish) = (late.start, late.finish);
                times.total_float = position::working_days_between(times.early_start, times.late_start);
                times.critical = times.total_float <= 0;
            }
            // Every child of this task has been passed, so what it shows is complete:
            // hand that on to its parent.
            if let Some(parent) = graph.parent[task] {
                let parent = graph.dates_node[parent as usize] as usize - task_count;
                self.roll_up(task, is_entry, &mut rollups, parent);
            }
        }
        rollups
    }

    /// The upper limits on a node's start and finish: its own constraint and deadline
    /// (for a summary, on its roll-up), the plan's finish, and what the nodes after it
    /// allow.
    fn late_limits(&self, node_index: usize, is_rollup: bool, is_entry: bool) -> Span {
        let graph = self.graph;
        let task_count = graph.task_count;
        // Compared in working time: the end of a day starts a summary as the next day does.
        let start_boundary = position::boundary(if is_rollup {
            self.rollup_early[node_index - task_count].start
        } else {
            self.tasks[node_index].early_start
        });
        let (mut start_limit, mut finish_limit) = if is_entry {
            (UNSET_HIGH, UNSET_HIGH)
        } else {
            let own = &self.tasks[graph.task_of(node_index as u32)];
            (own.late_start, own.late_finish.min(self.plan_finish))
        };
        graph.for_each_outgoing(node_index as u32, |edge| {
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
                    if start_boundary <= position::boundary(self.rollup_early[summary].start) {
                        start_limit = start_limit.min(late.start);
                    }
                }
                EdgeKind::Dependency { kind, lag } => {
                    let lag = position::lag(lag);
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
        Span { start: start_limit, finish: finish_limit }
    }

    /// Adds what a task shows (its late dates, float and progress) to its parent's
    /// roll-up, `parent` indexed like `graph.summaries`.
    fn roll_up(&self, task: usize, is_summary: bool, rollups: &mut [Rollup], parent: usize) {
        let times = self.tasks[task];
        let (late_start, late_finish, float, weight, weighted_progress, progress) = if is_summary {
            let rollup = rollups[self.graph.dates_node[task] as usize - self.graph.task_count];
            let progress = rollup.progress();
            (rollup.late_start, rollup.late_finish, rollup.float, rollup.weight, rollup.weighted_progress, progress)
        } else {
            let duration = self.durations[task] as f64;
            let progress = times.progress;
            (times.late_start, times.late_finish, times.total_float, duration, duration * progress, progress)
        };
        let parent = &mut rollups[parent];
        parent.late_start = parent.late_start.min(late_start);
        parent.late_finish = parent.late_finish.max(late_finish);
        parent.float = parent.float.min(float);
        parent.weight += weight;
        parent.weighted_progress += weighted_progress;
        parent.progress_sum += progress;
        parent.children += 1;
    }

    /// Gives each summary what it shows: its subtasks' span, late dates, least float
    /// and progress.
    fn show_summaries(&mut self, rollups: &[Rollup]) {
        for (summary, &task) in self.graph.summaries.iter().enumerate() {
            let (early, rollup) = (self.rollup_early[summary], rollups[summary]);
            let times = &mut self.tasks[task as usize];
            *times = TaskTimes {
                early_start: early.start,
                early_finish: early.finish,
                late_start: rollup.late_start,
                late_finish: rollup.late_finish,
                total_float: rollup.float,
                critical: rollup.float <= 0,
                progress: rollup.progress(),
                ..*times
            };
        }
    }
}
