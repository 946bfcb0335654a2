//! Each person's load across the portfolio: the tasks they are Responsible for (R or
//! A/R) in every plan, week by week, and the periods where they have more of them at
//! once than the portfolio's threshold, with the tasks and plans involved.
//!
//! Plans may work different days, so load is counted by calendar date: a task runs
//! from its first day of work to its last, inclusive. Only tasks with working time count,
//! as in one plan's check (summaries are owned, not worked; milestones take no time).

use chrono::{Datelike, Days, NaiveDate};

use crate::analysis::raci::ResponsibleElsewhere;
use crate::model::hashing::{id_map_with_capacity, IdMap};
use crate::model::{Plan, TaskId};
use crate::schedule::{compute, Schedule};

use super::file::PortfolioFile;
use super::members::{MemberId, Portfolio};
use super::people::PortfolioPerson;

/// Everyone's load, for the people Responsible for at least one task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    /// More Responsible tasks at once than this is an overload.
    pub threshold: u32,
    pub people: Vec<PersonWorkload>,
}

/// One person's load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonWorkload {
    pub person: PortfolioPerson,
    /// Their Responsible tasks, by start (then plan, then plan order).
    pub tasks: Vec<ResponsibleTask>,
    /// Every week from their first task's to their last one's, in order.
    pub weeks: Vec<WeekLoad>,
    /// The periods over the threshold, earliest first.
    pub overloads: Vec<Overload>,
}

/// A task someone is Responsible for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponsibleTask {
    pub member: MemberId,
    pub task: TaskId,
    pub name: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
}

/// One week (Monday to Sunday) of a person's load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekLoad {
    pub monday: NaiveDate,
    /// The tasks running that week (indices into `PersonWorkload::tasks`).
    pub tasks: Vec<usize>,
    /// The most tasks at once on one day of the week.
    pub peak: usize,
    pub overloaded: bool,
}

/// Days in a row with more tasks at once than the threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overload {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The most tasks at once in the period.
    pub concurrent: usize,
    /// The tasks running in the period (indices into `PersonWorkload::tasks`).
    pub tasks: Vec<usize>,
    /// The plans those tasks are in, in member order.
    pub members: Vec<MemberId>,
}

/// Each member's Responsible tasks by person: `[member][person index]`, each list in
/// plan order (empty for a member not scheduled).
pub type Responsibilities = Vec<Vec<Vec<ResponsibleTask>>>;

/// Every person's Responsible tasks, from each member's schedule (`None`: not
/// scheduled, its tasks not counted), with weeks and overloads.
pub fn workload(portfolio: &Portfolio, schedules: &[Option<&Schedule>]) -> Workload {
    let responsibilities: Responsibilities = portfolio
        .member_ids()
        .map(|member| match schedules.get(member.0).copied().flatten() {
            Some(schedule) => member_responsibilities(portfolio, member, schedule),
            None => Vec::new(),
        })
        .collect();
    workload_of(portfolio, &responsibilities)
}

/// The tasks with working time each person of one member is Responsible for (R or A/R),
/// by person index: one walk over the plan's RACI cells.
pub fn member_responsibilities(
    portfolio: &Portfolio,
    member: MemberId,
    schedule: &Schedule,
) -> Vec<Vec<ResponsibleTask>> {
    let plan = &portfolio.member(member).plan;
    let mut task_index: IdMap<&str, usize> = id_map_with_capacity(plan.tasks.len());
    task_index.extend(plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)));
    let person_index: IdMap<&str, usize> =
        plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
    let mut tasks = vec![Vec::new(); plan.people.len()];
    for cell in plan.raci.iter().filter(|cell| cell.role.is_responsible()) {
        let (Some(&task), Some(&person)) = (task_index.get(cell.task.as_str()), person_index.get(cell.person.as_str()))
        else {
            continue;
        };
        let times = &schedule.tasks[task];
        if times.summary || times.early_finish <= times.early_start {
            continue;
        }
        tasks[person].push(ResponsibleTask {
            member,
            task: cell.task.clone(),
            name: plan.tasks[task].name.clone(),
            start: schedule.start_date(task),
            finish: schedule.finish_date(task),
        });
    }
    tasks
}

/// The workload of every person from each member's `member_responsibilities`.
pub fn workload_of(portfolio: &Portfolio, responsibilities: &[Vec<Vec<ResponsibleTask>>]) -> Workload {
    let threshold = portfolio.overload_threshold;
    let people = portfolio
        .portfolio_people()
        .into_iter()
        .filter_map(|person| person_workload(responsibilities, person, threshold))
        .collect();
    Workload { threshold, people }
}

/// One person's workload (`None` if they are Responsible for nothing): what
/// `workload_of` does for everyone, for the UI to spread over several steps.
pub fn person_workload(
    responsibilities: &[Vec<Vec<ResponsibleTask>>],
    person: PortfolioPerson,
    threshold: u32,
) -> Option<PersonWorkload> {
    let tasks = tasks_of(responsibilities, &person.members);
    if tasks.is_empty() {
        return None;
    }
    let counts = DailyCounts::of(&tasks);
    let overloads =
        counts.periods_over(threshold as usize).into_iter().map(|period| overload(&tasks, period)).collect();
    let weeks = weeks(&tasks, &counts, threshold as usize);
    Some(PersonWorkload { person, tasks, weeks, overloads })
}

/// The tasks of `people` (members' people by index), by start, then plan.
fn tasks_of(responsibilities: &[Vec<Vec<ResponsibleTask>>], people: &[(MemberId, usize)]) -> Vec<ResponsibleTask> {
    let mut tasks: Vec<ResponsibleTask> = people
        .iter()
        .filter_map(|&(member, person)| responsibilities.get(member.0)?.get(person))
        .flatten()
        .cloned()
        .collect();
    tasks.sort_by_key(|task| (task.start, task.member));
    tasks
}

/// How many tasks run on each day from the first task's start to the last finish.
struct DailyCounts {
    first_day: NaiveDate,
    counts: Vec<usize>,
}

impl DailyCounts {
    fn of(tasks: &[ResponsibleTask]) -> Self {
        let first_day = tasks.iter().map(|task| task.start).min().unwrap_or(NaiveDate::MIN);
        let last_day = tasks.iter().map(|task| task.finish).max().unwrap_or(first_day);
        let length = (last_day - first_day).num_days() as usize + 1;
        // Starts and ends as differences, added up day by day: linear in tasks plus days.
        let mut changes = vec![0i64; length + 1];
        for task in tasks {
            changes[(task.start - first_day).num_days() as usize] += 1;
            changes[(task.finish - first_day).num_days() as usize + 1] -= 1;
        }
        let mut running = 0;
        let counts = changes[..length]
            .iter()
            .map(|change| {
                running += change;
                running.max(0) as usize
            })
            .collect();
        Self { first_day, counts }
    }

    fn day(&self, offset: usize) -> NaiveDate {
        self.first_day + Days::new(offset as u64)
    }

    /// Runs of days over `threshold`: (first day, last day, most at once).
    fn periods_over(&self, threshold: usize) -> Vec<(NaiveDate, NaiveDate, usize)> {
        let mut periods = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (offset, &count) in self.counts.iter().enumerate() {
            match (&mut open, count > threshold) {
                (Some((_, most)), true) => *most = (*most).max(count),
                (None, true) => open = Some((offset, count)),
                (Some((first, most)), false) => {
                    periods.push((self.day(*first), self.day(offset - 1), *most));
                    open = None;
                }
                (None, false) => {}
            }
        }
        if let Some((first, most)) = open {
            periods.push((self.day(first), self.day(self.counts.len() - 1), most));
        }
        periods
    }
}

fn overload(tasks: &[ResponsibleTask], (first_day, last_day, concurrent): (NaiveDate, NaiveDate, usize)) -> Overload {
    let running: Vec<usize> =
        (0..tasks.len()).filter(|&task| tasks[task].start <= last_day && tasks[task].finish >= first_day).collect();
    let mut members: Vec<MemberId> = running.iter().map(|&task| tasks[task].member).collect();
    members.sort();
    members.dedup();
    Overload { first_day, last_day, concurrent, tasks: running, members }
}

/// The weeks from the first task's to the last one's, each with its tasks and peak.
fn weeks(tasks: &[ResponsibleTask], counts: &DailyCounts, threshold: usize) -> Vec<WeekLoad> {
    let Some(first) = tasks.iter().map(|task| task.start).min() else { return Vec::new() };
    let last = tasks.iter().map(|task| task.finish).max().unwrap_or(first);
    let first_monday = monday_of(first);
    let week_count = ((monday_of(last) - first_monday).num_days() / 7) as usize + 1;
    let mut weeks: Vec<WeekLoad> = (0..week_count)
        .map(|week| WeekLoad {
            monday: first_monday + Days::new(7 * week as u64),
            tasks: Vec::new(),
            peak: 0,
            overloaded: false,
        })
        .collect();
    let week_of = |date: NaiveDate| ((date - first_monday).num_days() / 7) as usize;
    for (index, task) in tasks.iter().enumerate() {
        for week in &mut weeks[week_of(task.start)..=week_of(task.finish)] {
            week.tasks.push(index);
        }
    }
    for (offset, &count) in counts.counts.iter().enumerate() {
        let week = &mut weeks[week_of(counts.day(offset))];
        week.peak = week.peak.max(count);
    }
    for week in &mut weeks {
        week.overloaded = week.peak > threshold;
    }
    weeks
}

/// The Monday of `date`'s week (the workload's weeks start on Mondays).
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// For the RACI check of one member counting the portfolio (`raci::check_with_elsewhere`):
/// the tasks the other plans have its people Responsible for, through the people links.
pub fn responsible_elsewhere(
    portfolio: &Portfolio,
    responsibilities: &[Vec<Vec<ResponsibleTask>>],
    member: MemberId,
) -> Vec<ResponsibleElsewhere> {
    let mut elsewhere = Vec::new();
    for person in portfolio.portfolio_people() {
        let Some(&(_, here)) = person.members.iter().find(|(linked, _)| *linked == member) else { continue };
        let others: Vec<(MemberId, usize)> =
            person.members.iter().copied().filter(|(linked, _)| *linked != member).collect();
        let person_id = &portfolio.member(member).plan.people[here].id;
        for task in tasks_of(responsibilities, &others) {
            elsewhere.push(ResponsibleElsewhere {
                person: person_id.clone(),
                plan_name: portfolio.member(task.member).plan.name.clone(),
                task: task.task,
                task_name: task.name,
                start: task.start,
                finish: task.finish,
            });
        }
    }
    elsewhere
}

/// For one open plan (perhaps with edits not yet saved), the tasks the other plans of
/// the portfolio `file` give its people, through the file's people links: what the RACI
/// view's "Count their work in other plans" adds to the overload check. `None` when the
/// plan is not in the portfolio. `others` are the plans at hand (those kept in this
/// browser); a stored copy of the open plan among them is left out, and plans the file
/// does not list do not join.
pub fn responsible_elsewhere_in(
    file: &PortfolioFile,
    plan: &Plan,
    others: Vec<Plan>,
) -> Option<Vec<ResponsibleElsewhere>> {
    let id = plan.id.as_ref()?;
    if !file.plans.iter().any(|reference| &reference.id == id) {
        return None;
    }
    let mut stored = vec![plan.clone()];
    stored.extend(others.into_iter().filter(|other| other.id.as_ref() != Some(id)));
    let portfolio = Portfolio::open(file, stored, Vec::new());
    let member = portfolio.member_ids().find(|member| portfolio.member(*member).id() == id)?;
    let responsibilities: Responsibilities = portfolio
        .member_ids()
        .map(|each| match compute(&portfolio.member(each).plan) {
            Ok(schedule) => member_responsibilities(&portfolio, each, &schedule),
            Err(_) => Vec::new(),
        })
        .collect();
    Some(responsible_elsewhere(&portfolio, &responsibilities, member))
}
