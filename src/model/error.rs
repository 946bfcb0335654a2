//! Why an edit was refused: what kind of problem, and which item, as data. The UI shows
//! the `Display` text; code that reacts to a refusal (the merge, tests) matches on the
//! kind and the ids instead of reading the sentence.

use std::fmt;

use super::graph::Cycle;
use super::text::shortened;
use super::{BaselineId, PersonId, PlanId, RiskId, TaskId};

/// Why an edit was refused. The plan is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A field breaks a rule: the field's name (spaces, not underscores) and the rule.
    Invalid { field: String, message: String },
    /// The edit names an item the plan does not have.
    NotFound(Item),
    /// The edit would add an item the plan already has.
    AlreadyExists(Item),
    /// The edit would make tasks wait on themselves.
    Cycle(Circular),
}

/// An item of a plan (or of a portfolio) that an edit names, by its kind and ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Task(TaskId),
    /// The task named as the new parent of another.
    ParentTask(TaskId),
    Person(PersonId),
    /// A person of another plan of a portfolio.
    PersonOfPlan {
        person: PersonId,
        plan: PlanId,
    },
    Risk(RiskId),
    RiskCategory(String),
    Baseline(BaselineId),
    /// A baseline by its place in the plan's list (0 is the first).
    BaselineAt(usize),
    /// A place in a baseline's list of tasks (the baseline by its place in the plan's list).
    BaselinePlace {
        baseline: usize,
        position: usize,
    },
    /// A task's entry in a baseline.
    BaselineEntry {
        baseline: BaselineId,
        task: TaskId,
    },
    Link {
        predecessor: TaskId,
        successor: TaskId,
    },
    /// A link from a task of another plan.
    ExternalLink {
        plan: PlanId,
        predecessor: TaskId,
        successor: TaskId,
    },
    /// An assumption, issue or decision of the RAID log.
    LogEntry(super::LogEntryId),
    ChangeRequest(super::ChangeRequestId),
    /// A person's role on a task in the RACI matrix.
    Role {
        task: TaskId,
        person: PersonId,
    },
}

/// How an edit would make tasks wait on themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Circular {
    /// Links (with the parents' roll-up) that close on themselves: the tasks in order.
    Links(Cycle),
    /// A task moved under one of its own subtasks (or itself).
    UnderItself { task: TaskId, parent: TaskId },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid { field, message } => write!(f, "{field} {message}"),
            Self::NotFound(item) => write!(f, "{item} does not exist"),
            Self::AlreadyExists(item) => write!(f, "{item} already exists"),
            Self::Cycle(Circular::Links(cycle)) => write!(f, "this would make a cycle: {cycle}"),
            Self::Cycle(Circular::UnderItself { task, parent }) => write!(
                f,
                "{} cannot move under {}, which is inside it",
                shortened(task.as_str()),
                shortened(parent.as_str())
            ),
        }
    }
}

impl std::error::Error for ModelError {}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Task(task) => write!(f, "task {}", shortened(task.as_str())),
            Self::ParentTask(task) => write!(f, "parent task {}", shortened(task.as_str())),
            Self::Person(person) => write!(f, "person {}", shortened(person.as_str())),
            Self::PersonOfPlan { person, plan } => {
                write!(f, "person {} of plan {}", shortened(person.as_str()), shortened(plan.as_str()))
            }
            Self::Risk(risk) => write!(f, "risk {}", shortened(risk.as_str())),
            Self::RiskCategory(name) => write!(f, "the risk category \"{}\"", shortened(name)),
            Self::Baseline(baseline) => write!(f, "baseline {}", shortened(baseline.as_str())),
            Self::BaselineAt(index) => write!(f, "baseline number {}", index + 1),
            Self::BaselinePlace { baseline, position } => {
                write!(f, "baseline entry {position} of baseline {}", baseline + 1)
            }
            Self::BaselineEntry { baseline, task } => {
                write!(f, "an entry for task {} in baseline {}", shortened(task.as_str()), shortened(baseline.as_str()))
            }
            Self::Link { predecessor, successor } => {
                write!(f, "the link {} → {}", shortened(predecessor.as_str()), shortened(successor.as_str()))
            }
            Self::ExternalLink { plan, predecessor, successor } => write!(
                f,
                "the link {} of {} → {}",
                shortened(predecessor.as_str()),
                shortened(plan.as_str()),
                shortened(successor.as_str())
            ),
            Self::ChangeRequest(id) => write!(f, "change request {}", shortened(id.as_str())),
            Self::LogEntry(id) => write!(f, "{} {}", id.kind().label(), shortened(id.as_str())),
            Self::Role { task, person } => {
                write!(f, "a role for {} on {}", shortened(person.as_str()), shortened(task.as_str()))
            }
        }
    }
}
