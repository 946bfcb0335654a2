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

use super::outline::outline;
use super::text::shortened;
use super::{Person, PersonId, Plan, RaciRole, Task, TaskId, TaskKind};
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
    },
    /// A person with no role on any task (warning).
    Unassigned,
    /// A summary task with roles of its own, which the matrix does not show or check
    /// (warning): the people holding them, in file order.
    SummaryHasOwnRoles { people: Vec<PersonId> },
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
        if peak > threshold {
            for period in periods_over(&responsible_tasks[index], schedule, threshold) {
                problems.push(overloaded(plan, schedule, person, &responsible_tasks[index], threshold, period));
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
    super::sorting::sort_by_key(&mut problems, |problem| problem.severity);
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

/// The periods over `threshold` of one person's tasks, earliest first. Only tasks with
/// working time count, as in `resource_load`.
fn periods_over(tasks: &[usize], schedule: &Schedule, threshold: usize) -> Vec<Period> {
    let mut events: Vec<(i64, i64)> = Vec::with_capacity(tasks.len() * 2);
    for &task in tasks {
        let Some(times) = schedule.tasks.get(task) else { continue };
        if times.summary || times.early_finish <= times.early_start {
            continue;
        }
        // Finishes are exclusive: a task ending on the day another starts does not overlap it,
        // and sorting puts its -1 first.
        events.push((times.early_start, 1));
        events.push((times.early_finish, -1));
    }
    super::sorting::sort(&mut events);
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

fn overloaded(
    plan: &Plan,
    schedule: &Schedule,
    person: &Person,
    responsible_tasks: &[usize],
    threshold: usize,
    period: Period,
) -> RaciProblem {
    let mut tasks: Vec<usize> = responsible_tasks
        .iter()
        .copied()
        .filter(|&task| {
            let times = &schedule.tasks[task];
            !times.summary && times.early_start < period.end && times.early_finish > period.start
        })
        .collect();
    super::sorting::sort_by_key(&mut tasks, |&task| (schedule.tasks[task].early_start, task));
    tasks.dedup();
    let first_day = schedule.calendar.date_of(period.start);
    let last_day = schedule.calendar.date_of(period.end - 1);
    let mut named: Vec<String> = tasks.iter().take(TASKS_NAMED).map(|&task| task_label(&plan.tasks[task])).collect();
    if tasks.len() > TASKS_NAMED {
        named.push(format!("and {} more", tasks.len() - TASKS_NAMED));
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
        },
        task: None,
        person: Some(person.id.clone()),
        message: format!(
            "{} is Responsible for {} tasks at once (more than {threshold}) {when}: {}",
            person_label(person),
            period.concurrent,
            named.join(", ")
        ),
    }
}

/// `T12 "Name"`.
fn task_label(task: &Task) -> String {
    format!("{} \"{}\"", shortened(task.id.as_str()), shortened(&task.name))
}

/// `Name (P3)`.
fn person_label(person: &Person) -> String {
    format!("{} ({})", shortened(&person.name), shortened(person.id.as_str()))
}

/// A set of RACI letters: one cell's role, or the union a summary row shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    pub const EMPTY: RoleSet = RoleSet(0);
    const ACCOUNTABLE: u8 = 1;
    const RESPONSIBLE: u8 = 2;
    const CONSULTED: u8 = 4;
    const INFORMED: u8 = 8;
    /// Labels of all sixteen sets, by bits; letters in the order A, R, C, I, so that
    /// A and R together read "A/R", as the A/R role does.
    const LABELS: [&'static str; 16] = [
        "", "A", "R", "A/R", "C", "A/C", "R/C", "A/R/C", "I", "A/I", "R/I", "A/R/I", "C/I", "A/C/I", "R/C/I", "A/R/C/I",
    ];

    pub fn of(role: RaciRole) -> Self {
        Self(match role {
            RaciRole::A => Self::ACCOUNTABLE,
            RaciRole::R => Self::RESPONSIBLE,
            RaciRole::AR => Self::ACCOUNTABLE | Self::RESPONSIBLE,
            RaciRole::C => Self::CONSULTED,
            RaciRole::I => Self::INFORMED,
        })
    }

    pub fn union(self, other: RoleSet) -> Self {
        Self(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn has_accountable(self) -> bool {
        self.0 & Self::ACCOUNTABLE != 0
    }

    pub fn has_responsible(self) -> bool {
        self.0 & Self::RESPONSIBLE != 0
    }

    pub fn has_consulted(self) -> bool {
        self.0 & Self::CONSULTED != 0
    }

    pub fn has_informed(self) -> bool {
        self.0 & Self::INFORMED != 0
    }

    /// "R", "A/R", "A/R/C", ... or "" for no role; a single role reads as its label.
    pub fn label(self) -> &'static str {
        Self::LABELS[usize::from(self.0 & 15)]
    }
}

/// The matrix as the RACI view shows it: a task's own role for each person, and for a
/// summary the union of its subtasks' roles (all levels down; its own stored roles
/// are left out, see the module notes). Dense: tasks × people sets of one byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaciMatrix {
    people: usize,
    roles: Vec<RoleSet>,
    summary: Vec<bool>,
}

impl RaciMatrix {
    pub fn build(plan: &Plan) -> Self {
        let people = plan.people.len();
        let task_index: HashMap<&str, usize> =
            plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
        let person_index: HashMap<&str, usize> =
            plan.people.iter().enumerate().map(|(index, person)| (person.id.as_str(), index)).collect();
        let rows = outline(plan);
        let mut summary = vec![false; plan.tasks.len()];
        for row in &rows {
            summary[row.index] = row.has_children;
        }
        let mut roles = vec![RoleSet::EMPTY; plan.tasks.len() * people];
        for cell in &plan.raci {
            if let (Some(&task), Some(&person)) =
                (task_index.get(cell.task.as_str()), person_index.get(cell.person.as_str()))
            {
                if !summary[task] {
                    let slot = &mut roles[task * people + person];
                    *slot = slot.union(RoleSet::of(cell.role));
                }
            }
        }
        // Children come after their parent in the outline, so going backwards each row
        // is complete before it is added to its parent's.
        for row in rows.iter().rev() {
            let Some(parent) = plan.tasks[row.index].parent.as_ref().and_then(|id| task_index.get(id.as_str())) else {
                continue;
            };
            let (parent, child) = (*parent, row.index);
            if parent == child {
                continue;
            }
            for person in 0..people {
                let union = roles[parent * people + person].union(roles[child * people + person]);
                roles[parent * people + person] = union;
            }
        }
        Self { people, roles, summary }
    }

    /// The roles shown for a task and a person (by their indices in the plan).
    pub fn roles(&self, task: usize, person: usize) -> RoleSet {
        assert!(person < self.people, "person index {person} out of range");
        self.roles[task * self.people + person]
    }

    /// Whether the task's row is a summary: shown greyed, not editable.
    pub fn is_summary(&self, task: usize) -> bool {
        self.summary[task]
    }
}

/// The people of one team, as one group of matrix columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamColumns {
    /// The team's name; empty for people without a team.
    pub team: String,
    /// Indices into `plan.people`, in list order.
    pub people: Vec<usize>,
}

/// The matrix's columns grouped by team: teams in the order their first member
/// appears in `plan.people`, people without a team last.
pub fn team_columns(plan: &Plan) -> Vec<TeamColumns> {
    let mut groups: Vec<TeamColumns> = Vec::new();
    let mut without_team = Vec::new();
    for (index, person) in plan.people.iter().enumerate() {
        let team = person.team.trim();
        if team.is_empty() {
            without_team.push(index);
        } else if let Some(group) = groups.iter_mut().find(|group| group.team == team) {
            group.people.push(index);
        } else {
            groups.push(TeamColumns { team: team.to_string(), people: vec![index] });
        }
    }
    if !without_team.is_empty() {
        groups.push(TeamColumns { team: String::new(), people: without_team });
    }
    groups
}

/// A person's column heading: "Name (role)", or the name alone without a role.
pub fn person_heading(person: &Person) -> String {
    let role = person.role.trim();
    if role.is_empty() {
        person.name.clone()
    } else {
        format!("{} ({role})", person.name)
    }
}

/// The one role a person holds when they are given a second one on the same task (a
/// hand-over onto someone who already has a role there): Accountable and Responsible
/// are kept together as A/R, either of them outranks Consulted, and Consulted outranks
/// Informed. Nothing the two roles carried is lost from the checks: whoever was
/// Accountable or Responsible still is.
pub fn merged_role(first: RaciRole, second: RaciRole) -> RaciRole {
    let accountable = first.is_accountable() || second.is_accountable();
    let responsible = first.is_responsible() || second.is_responsible();
    match (accountable, responsible) {
        (true, true) => RaciRole::AR,
        (true, false) => RaciRole::A,
        (false, true) => RaciRole::R,
        (false, false) if first == RaciRole::C || second == RaciRole::C => RaciRole::C,
        (false, false) => RaciRole::I,
    }
}

/// What a key pressed on the matrix's selected cells does to their role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKeyAction {
    /// Sets every selected cell to this role, or clears them (`None`).
    Set(Option<RaciRole>),
    /// Steps the focused cell to the next role (see [`next_role`]) and fills the
    /// selection with it.
    Step,
}

/// The choices of the matrix's role menu, in its order: the role (`None` clears the
/// cell), the key that sets it, and what it means.
pub const ROLE_CHOICES: [(Option<RaciRole>, &str, &str); 6] = [
    (Some(RaciRole::R), "R", "Responsible: does the work"),
    (Some(RaciRole::A), "A", "Accountable: signs it off"),
    (Some(RaciRole::AR), "B", "Accountable and Responsible"),
    (Some(RaciRole::C), "C", "Consulted: asked before"),
    (Some(RaciRole::I), "I", "Informed: told after"),
    (None, "Delete", "No role"),
];

/// The role keys of the matrix (as `KeyboardEvent.key` names them, either case): R, A,
/// C and I set that role, B sets A/R, Delete and Backspace clear, Space and Enter step
/// to the next role. Any other key is not a role key.
pub fn cell_key_action(key: &str) -> Option<CellKeyAction> {
    let role = match key.to_ascii_lowercase().as_str() {
        "r" => Some(RaciRole::R),
        "a" => Some(RaciRole::A),
        "b" => Some(RaciRole::AR),
        "c" => Some(RaciRole::C),
        "i" => Some(RaciRole::I),
        "delete" | "backspace" => None,
        " " | "enter" => return Some(CellKeyAction::Step),
        _ => return None,
    };
    Some(CellKeyAction::Set(role))
}

/// The role after `role` in the order Space steps through: empty, R, A, A/R, C, I, and
/// back to empty.
pub fn next_role(role: Option<RaciRole>) -> Option<RaciRole> {
    const ORDER: [Option<RaciRole>; 6] =
        [None, Some(RaciRole::R), Some(RaciRole::A), Some(RaciRole::AR), Some(RaciRole::C), Some(RaciRole::I)];
    let at = ORDER.iter().position(|candidate| *candidate == role).unwrap_or(0);
    ORDER[(at + 1) % ORDER.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_roles_keep_accountable_and_responsible_and_rank_consulted_over_informed() {
        use RaciRole::*;
        assert_eq!(merged_role(A, R), AR);
        assert_eq!(merged_role(R, A), AR);
        assert_eq!(merged_role(AR, I), AR);
        assert_eq!(merged_role(A, C), A);
        assert_eq!(merged_role(I, R), R);
        assert_eq!(merged_role(C, I), C);
        assert_eq!(merged_role(I, I), I);
        for role in RaciRole::ALL {
            assert_eq!(merged_role(role, role), role, "{role:?} with itself");
        }
    }

    #[test]
    fn role_keys_set_clear_or_step_and_other_keys_do_nothing() {
        assert_eq!(cell_key_action("r"), Some(CellKeyAction::Set(Some(RaciRole::R))));
        assert_eq!(cell_key_action("A"), Some(CellKeyAction::Set(Some(RaciRole::A))));
        assert_eq!(cell_key_action("b"), Some(CellKeyAction::Set(Some(RaciRole::AR))));
        assert_eq!(cell_key_action("Delete"), Some(CellKeyAction::Set(None)));
        assert_eq!(cell_key_action("Backspace"), Some(CellKeyAction::Set(None)));
        assert_eq!(cell_key_action(" "), Some(CellKeyAction::Step));
        assert_eq!(cell_key_action("Enter"), Some(CellKeyAction::Step));
        assert_eq!(cell_key_action("x"), None);
        assert_eq!(cell_key_action("ArrowDown"), None);
    }

    #[test]
    fn every_menu_choice_has_the_key_that_sets_the_same_role() {
        for (role, key, _) in ROLE_CHOICES {
            assert_eq!(cell_key_action(key), Some(CellKeyAction::Set(role)), "{key}");
        }
    }

    #[test]
    fn stepping_goes_through_every_role_and_back_to_empty() {
        let mut role = None;
        let mut seen = Vec::new();
        for _ in 0..6 {
            role = next_role(role);
            seen.push(role);
        }
        assert_eq!(
            seen,
            [Some(RaciRole::R), Some(RaciRole::A), Some(RaciRole::AR), Some(RaciRole::C), Some(RaciRole::I), None]
        );
    }
}
