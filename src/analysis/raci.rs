//! The RACI checks: who is Responsible, Accountable, Consulted and Informed, checked
//! against the plan and its schedule. Everything here is derived from the plan on
//! demand (a memo in the UI), never stored.
//!
//! The rules, for every task that is not a summary:
//! - exactly one Accountable person (A or A/R): none and several are both errors,
//!   for milestones as much as for tasks;
//! - at least one Responsible person (R or A/R), an error otherwise. Milestones are
//!   exempt: a milestone is an event that someone signs off (its A), not work that
//!   someone does;
//! - more Consulted people than `settings.consulted_limit` is a warning: decisions
//!   that wait on that many people are slow.
//!
//! For every person: Responsible for more tasks on one day than
//! `settings.overload_threshold` is a warning, one per period over the threshold with
//! its first and last day; no role on any task at all is a warning.
//!
//! **Summary tasks** (tasks with subtasks) need no roles of their own. The matrix shows
//! a summary row as the union of its subtasks' roles, greyed and not editable
//! ([`RaciMatrix`]), because a summary is not worked: its dates and progress come from
//! its subtasks and each subtask is checked itself. So summaries are exempt from the
//! rules above, and roles stored on a summary (files written by hand or by other
//! tools) are neither checked nor counted in the per-person summaries. Such roles are
//! kept in the file but would be invisible in the matrix, so each summary that has
//! them gets one warning naming them, rather than them being silently ignored.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::outline::outline;
use crate::model::text::shortened;
use crate::model::{Person, PersonId, Plan, RaciRole, Task, TaskId, TaskKind};
use crate::schedule::{resource_load, ResourceLoad, Schedule};

/// How many tasks a message names before it says how many more there are.
const TASKS_NAMED: usize = 6;

/// How bad a problem is. Errors break a RACI rule; warnings are worth a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// Which rule a problem breaks, with what the UI needs to mark the cells in question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RaciProblemKind {
    /// A task or milestone with no A or A/R (error).
    NoAccountable,
    /// A task or milestone with more than one A or A/R (error): the people, in file order.
    SeveralAccountable { people: Vec<PersonId> },
    /// A task with no R or A/R (error; milestones are exempt).
    NoResponsible,
    /// A task with more Consulted people than the plan's limit (warning).
    TooManyConsulted { count: usize },
    /// A person Responsible for more tasks at once than the plan's threshold (warning):
    /// one problem per period over the threshold.
    Overloaded {
        /// First and last working day over the threshold.
        first_day: NaiveDate,
        last_day: NaiveDate,
        /// The most tasks at once within the period.
        concurrent: usize,
        /// The tasks running during the period, earliest first.
        tasks: Vec<TaskId>,
        /// The same person's tasks in other plans running during the period, earliest
        /// first, when the check is asked to count them (`check_with_elsewhere`).
        elsewhere: Vec<ResponsibleElsewhere>,
    },
    /// A person with no role on any task (warning).
    Unassigned,
    /// A summary task with roles of its own, which the matrix does not show or check
    /// (warning): the people holding them, in file order.
    SummaryHasOwnRoles { people: Vec<PersonId> },
}

/// A task another plan has the same person Responsible for (R or A/R), with its dates:
/// what a portfolio hands the overload check of one plan (`check_with_elsewhere`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponsibleElsewhere {
    /// The person as this plan knows them.
    pub person: PersonId,
    pub plan_name: String,
    pub task: TaskId,
    pub task_name: String,
    /// Its first and last day of work.
    pub start: NaiveDate,
    pub finish: NaiveDate,
}

/// One problem of the matrix, with a plain message naming ids and names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaciProblem {
    pub severity: Severity,
    pub kind: RaciProblemKind,
    /// The task in question, if the problem is a task's.
    pub task: Option<TaskId>,
    /// The person in question, if the problem is a person's.
    pub person: Option<PersonId>,
    pub message: String,
}

/// What one person does across the plan (tasks that are not summaries only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRaci {
    pub person: PersonId,
    /// R and A/R cells.
    pub responsible: usize,
    /// A and A/R cells.
    pub accountable: usize,
    pub consulted: usize,
    pub informed: usize,
    /// The most tasks with working time this person is Responsible for on one day.
    pub peak_responsible: usize,
}

/// Everything the checks found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RaciReport {
    /// Errors first, then warnings; within each, task problems in outline order (for
    /// one task: Accountable, Responsible, Consulted), then person problems in the
    /// order of `plan.people` (overload periods earliest first, then no roles).
    pub problems: Vec<RaciProblem>,
    pub errors: usize,
    pub warnings: usize,
    /// One per person, in the order of `plan.people`.
    pub people: Vec<PersonRaci>,
}

impl RaciReport {
    /// The problems of one task (not the overloads it is part of; see `kind`).
    pub fn for_task<'a>(&'a self, id: &'a TaskId) -> impl Iterator<Item = &'a RaciProblem> + 'a {
        self.problems.iter().filter(move |problem| problem.task.as_ref() == Some(id))
    }

    /// The problems of one person.
    pub fn for_person<'a>(&'a self, id: &'a PersonId) -> impl Iterator<Item = &'a RaciProblem> + 'a {
        self.problems.iter().filter(move |problem| problem.person.as_ref() == Some(id))
    }
}

/// Checks the plan's RACI matrix. `schedule` must be the schedule of this same plan
/// (`schedule::compute(plan)`): the overload check reads its dates by task index.
pub fn check(plan: &Plan, schedule: &Schedule) -> RaciReport {
    check_with_load(plan, schedule, &resource_load(plan, schedule))
}

/// [`check`] with the overlaps already found by `schedule::resource_load(plan, schedule)`
/// (the timeline computes them anyway).
pub fn check_with_load(plan: &Plan, schedule: &Schedule, load: &ResourceLoad) -> RaciReport {
    check_counting_elsewhere(plan, schedule, load, &[])
}

/// [`check`] with the tasks `elsewhere` other plans have this plan's people Responsible
/// for counted in the overload check: a person over the threshold only with them is
/// flagged, in the periods where at least one of this plan's tasks runs (the other
/// plans' own periods are theirs to flag), and the problem names those tasks too.
/// Days count by calendar date, whatever each plan's working days.
pub fn check_with_elsewhere(plan: &Plan, schedule: &Schedule, elsewhere: &[ResponsibleElsewhere]) -> RaciReport {
    check_counting_elsewhere(plan, schedule, &resource_load(plan, schedule), elsewhere)
}

fn check_counting_elsewhere(
    plan: &Plan,
    schedule: &Schedule,
    load: &ResourceLoad,
    elsewhere: &[ResponsibleElsewhere],
) -> RaciReport {
    let task_index: HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let person_index: HashMap<&str, usize> =
        plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
    let rows = outline(plan);
    let mut is_summary = vec![false; plan.tasks.len()];
    for row in &rows {
        is_summary[row.index] = row.has_children;
    }

    // Each task's cells (person index, role) in file order; unknown ids are skipped
    // (validation reports them; the checks must not fail on a plan mid-repair).
    let mut cells_of_task: Vec<Vec<(usize, RaciRole)>> = vec![Vec::new(); plan.tasks.len()];
    let mut people: Vec<PersonRaci> = plan
        .people
        .iter()
        .enumerate()
        .map(|(index, person)| PersonRaci {
            person: person.id.clone(),
            responsible: 0,
            accountable: 0,
            consulted: 0,
            informed: 0,
            peak_responsible: load.peak.get(index).copied().unwrap_or(0),
        })
        .collect();
    let mut responsible_tasks: Vec<Vec<usize>> = vec![Vec::new(); plan.people.len()];
    for cell in &plan.raci {
        let (Some(&task), Some(&person)) = (task_index.get(cell.task.as_str()), person_index.get(cell.person.as_str()))
        else {
            continue;
        };
        cells_of_task[task].push((person, cell.role));
        if is_summary[task] {
            continue;
        }
        let counts = &mut people[person];
        counts.responsible += usize::from(cell.role.is_responsible());
        counts.accountable += usize::from(cell.role.is_accountable());
        counts.consulted += usize::from(cell.role == RaciRole::C);
        counts.informed += usize::from(cell.role == RaciRole::I);
        if cell.role.is_responsible() {
            responsible_tasks[person].push(task);
        }
    }

    let mut problems = Vec::new();
    for row in &rows {
        let task = &plan.tasks[row.index];
        let cells = &cells_of_task[row.index];
        if row.has_children {
            if !cells.is_empty() {
                problems.push(summary_with_roles(plan, task, cells));
            }
        } else {
            check_task(plan, task, cells, &mut problems);
        }
    }
    for (index, person) in plan.people.iter().enumerate() {
        let peak = load.peak.get(index).copied().unwrap_or(0);
        let threshold = plan.settings.overload_threshold as usize;
        let theirs: Vec<&ResponsibleElsewhere> = elsewhere.iter().filter(|task| task.person == person.id).collect();
        if peak > threshold || !theirs.is_empty() {
            let load = PersonLoad { person, own: &responsible_tasks[index], elsewhere: &theirs };
            for period in periods_over(&load.spans(schedule), threshold) {
                if load.own_tasks_in(schedule, period).next().is_some() {
                    problems.push(overloaded(plan, schedule, &load, threshold, period));
                }
            }
        }
        let counts = &people[index];
        if counts.responsible + counts.accountable + counts.consulted + counts.informed == 0 {
            problems.push(RaciProblem {
                severity: Severity::Warning,
                kind: RaciProblemKind::Unassigned,
                task: None,
                person: Some(person.id.clone()),
                message: format!("{} has no role on any task", person_label(person)),
            });
        }
    }
    // Stable: the order within each severity is the order found above.
    crate::model::sorting::sort_by_key(&mut problems, |problem| problem.severity);
    let errors = problems.iter().filter(|problem| problem.severity == Severity::Error).count();
    RaciReport { warnings: problems.len() - errors, errors, problems, people }
}

fn check_task(plan: &Plan, task: &Task, cells: &[(usize, RaciRole)], problems: &mut Vec<RaciProblem>) {
    let what = match task.kind {
        TaskKind::Task => task_label(task),
        TaskKind::Milestone => format!("Milestone {}", task_label(task)),
    };
    let problem =
        |severity, kind, message| RaciProblem { severity, kind, task: Some(task.id.clone()), person: None, message };
    let accountable: Vec<usize> =
        cells.iter().filter(|(_, role)| role.is_accountable()).map(|&(person, _)| person).collect();
    match accountable.len() {
        0 => problems.push(problem(
            Severity::Error,
            RaciProblemKind::NoAccountable,
            format!("{what} has no Accountable person (A or A/R)"),
        )),
        1 => {}
        count => problems.push(problem(
            Severity::Error,
            RaciProblemKind::SeveralAccountable {
                people: accountable.iter().map(|&person| plan.people[person].id.clone()).collect(),
            },
            format!(
                "{what} has {count} Accountable people ({}); it needs exactly one",
                accountable.iter().map(|&person| person_label(&plan.people[person])).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
    if task.kind == TaskKind::Task && !cells.iter().any(|(_, role)| role.is_responsible()) {
        problems.push(problem(
            Severity::Error,
            RaciProblemKind::NoResponsible,
            format!("{what} has no Responsible person (R or A/R)"),
        ));
    }
    let consulted = cells.iter().filter(|(_, role)| *role == RaciRole::C).count();
    let limit = plan.settings.consulted_limit as usize;
    if consulted > limit {
        problems.push(problem(
            Severity::Warning,
            RaciProblemKind::TooManyConsulted { count: consulted },
            format!("{what} has {consulted} Consulted people (more than {limit}): decisions may be slow"),
        ));
    }
}

fn summary_with_roles(plan: &Plan, task: &Task, cells: &[(usize, RaciRole)]) -> RaciProblem {
    let named: Vec<String> = cells
        .iter()
        .map(|&(person, role)| format!("{} {}", person_label(&plan.people[person]), role.label()))
        .collect();
    RaciProblem {
        severity: Severity::Warning,
        kind: RaciProblemKind::SummaryHasOwnRoles {
            people: cells.iter().map(|&(person, _)| plan.people[person].id.clone()).collect(),
        },
        task: Some(task.id.clone()),
        person: None,
        message: format!(
            "{} is a summary but has roles of its own ({}): the matrix shows and checks its subtasks' roles \
             instead; clear them or give them to a subtask",
            task_label(task),
            named.join(", ")
        ),
    }
}

/// A stretch of working days [start, end) with more tasks at once than the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Period {
    start: i64,
    end: i64,
    concurrent: usize,
}

/// One person's Responsible tasks: this plan's (by index) and, when counted, other
/// plans'.
struct PersonLoad<'a> {
    person: &'a Person,
    own: &'a [usize],
    elsewhere: &'a [&'a ResponsibleElsewhere],
}

impl PersonLoad<'_> {
    /// Each task with working time as a span of working days [start, end) of this plan's
    /// calendar: the other plans' tasks by their dates. Summaries (owned, not worked) and
    /// milestones (no duration) do not count, as in `resource_load`.
    fn spans(&self, schedule: &Schedule) -> Vec<(i64, i64)> {
        let own = self.own.iter().filter_map(|&task| {
            let times = schedule.tasks.get(task)?;
            (!times.summary && times.early_finish > times.early_start)
                .then_some((times.early_start, times.early_finish))
        });
        let calendar = &schedule.calendar;
        let elsewhere = self.elsewhere.iter().map(|task| {
            let end = task.finish.succ_opt().map_or(i64::MAX / 4, |next| calendar.index_of(next));
            (calendar.index_of(task.start), end)
        });
        own.chain(elsewhere).filter(|(start, end)| end > start).collect()
    }

    /// This plan's tasks running during `period`.
    fn own_tasks_in<'s>(&'s self, schedule: &'s Schedule, period: Period) -> impl Iterator<Item = usize> + 's {
        self.own.iter().copied().filter(move |&task| {
            let times = &schedule.tasks[task];
            !times.summary && times.early_start < period.end && times.early_finish > period.start
        })
    }

    /// The other plans' tasks running during `period`, earliest first.
    fn elsewhere_in(&self, schedule: &Schedule, period: Period) -> Vec<ResponsibleElsewhere> {
        let (first_day, last_day) =
            (schedule.calendar.date_of(period.start), schedule.calendar.date_of(period.end - 1));
        let mut tasks: Vec<ResponsibleElsewhere> = self
            .elsewhere
            .iter()
            .filter(|task| task.start <= last_day && task.finish >= first_day)
            .map(|task| (*task).clone())
            .collect();
        crate::model::sorting::sort_by_key(&mut tasks, |task| task.start);
        tasks
    }
}

/// The periods over `threshold` of spans of working days [start, end), earliest first.
fn periods_over(spans: &[(i64, i64)], threshold: usize) -> Vec<Period> {
    let mut events: Vec<(i64, i64)> = Vec::with_capacity(spans.len() * 2);
    for &(start, end) in spans {
        // Ends are exclusive: a task ending on the day another starts does not overlap it,
        // and sorting puts its -1 first.
        events.push((start, 1));
        events.push((end, -1));
    }
    crate::model::sorting::sort(&mut events);
    let mut periods = Vec::new();
    let mut running: i64 = 0;
    let mut open: Option<Period> = None;
    let mut position = 0;
    while position < events.len() {
        let day = events[position].0;
        while position < events.len() && events[position].0 == day {
            running += events[position].1;
            position += 1;
        }
        let count = running.max(0) as usize;
        if count > threshold {
            let period = open.get_or_insert(Period { start: day, end: day, concurrent: count });
            period.concurrent = period.concurrent.max(count);
        } else if let Some(mut period) = open.take() {
            period.end = day;
            periods.push(period);
        }
    }
    periods
}

fn overloaded(plan: &Plan, schedule: &Schedule, load: &PersonLoad, threshold: usize, period: Period) -> RaciProblem {
    let mut tasks: Vec<usize> = load.own_tasks_in(schedule, period).collect();
    crate::model::sorting::sort_by_key(&mut tasks, |&task| (schedule.tasks[task].early_start, task));
    tasks.dedup();
    let elsewhere = load.elsewhere_in(schedule, period);
    let first_day = schedule.calendar.date_of(period.start);
    let last_day = schedule.calendar.date_of(period.end - 1);
    let mut named: Vec<String> = tasks.iter().take(TASKS_NAMED).map(|&task| task_label(&plan.tasks[task])).collect();
    if tasks.len() > TASKS_NAMED {
        named.push(format!("and {} more", tasks.len() - TASKS_NAMED));
    }
    for (plan_name, tasks) in by_plan(&elsewhere) {
        named.push(format!("and in {}: {}", shortened(plan_name), tasks.join(", ")));
    }
    let when =
        if first_day == last_day { format!("on {first_day}") } else { format!("from {first_day} to {last_day}") };
    RaciProblem {
        severity: Severity::Warning,
        kind: RaciProblemKind::Overloaded {
            first_day,
            last_day,
            concurrent: period.concurrent,
            tasks: tasks.iter().map(|&task| plan.tasks[task].id.clone()).collect(),
            elsewhere,
        },
        task: None,
        person: Some(load.person.id.clone()),
        message: format!(
            "{} is Responsible for {} tasks at once (more than {threshold}) {when}: {}",
            person_label(load.person),
            period.concurrent,
            named.join(", ")
        ),
    }
}

/// The other plans' tasks grouped by plan, in the order each plan first appears, each
/// task as `T12 "Name"`.
fn by_plan(tasks: &[ResponsibleElsewhere]) -> Vec<(&str, Vec<String>)> {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for task in tasks {
        let label = format!("{} \"{}\"", shortened(task.task.as_str()), shortened(&task.task_name));
        match groups.iter_mut().find(|(plan, _)| *plan == task.plan_name) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((&task.plan_name, vec![label])),
        }
    }
    groups
}

/// `T12 "Name"`.
fn task_label(task: &Task) -> String {
    format!("{} \"{}\"", shortened(task.id.as_str()), shortened(&task.name))
}

/// `Name (P3)`.
fn person_label(person: &Person) -> String {
    format!("{} ({})", shortened(&person.name), shortened(person.id.as_str()))
}

/// Adds to `load` the tasks of other plans (`elsewhere`) that a Responsible person of each
/// task works on at the same time, by calendar date: the timeline flags those bars too
/// when the portfolio is counted.
pub fn add_elsewhere(load: &mut ResourceLoad, plan: &Plan, schedule: &Schedule, elsewhere: &[ResponsibleElsewhere]) {
    if elsewhere.is_empty() {
        return;
    }
    let task_index: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    load.elsewhere = vec![Vec::new(); plan.tasks.len()];
    for cell in plan.raci.iter().filter(|cell| cell.role.is_responsible()) {
        let Some(&task) = task_index.get(cell.task.as_str()) else { continue };
        let times = &schedule.tasks[task];
        if times.summary || times.early_finish <= times.early_start {
            continue;
        }
        let (start, finish) = (schedule.start_date(task), schedule.finish_date(task));
        for other in elsewhere
            .iter()
            .filter(|other| other.person == cell.person && other.start <= finish && start <= other.finish)
        {
            let named = format!("{} {} in {}", other.task, other.task_name, other.plan_name);
            if !load.elsewhere[task].contains(&named) {
                load.elsewhere[task].push(named);
            }
        }
    }
}
