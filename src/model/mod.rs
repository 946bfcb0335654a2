//! The plan as plain Rust data, the commands that change it, and the rules it keeps.
//! Pure: no browser types here, so all of it is tested natively.

pub mod budget;
pub mod change_request;
mod command;
pub mod constraint_text;
pub mod dates;
mod error;
mod external;
pub mod generate;
pub mod graph;
pub mod hashing;
pub mod log;
mod log_rules;
pub mod log_table;
pub mod outline;
pub mod people;
pub mod predecessors;
pub mod raci;
pub mod risk;
mod serde_forms;
pub mod sorting;
pub mod text;
mod types;
pub mod validate;

pub use budget::{Budget, DayRate, Money, TaskCost};
pub use change_request::{ChangeRequest, ChangeStatus, CostChange, DependencyChange, TaskChange};
pub use command::{apply, install_commands, Command};
pub use error::{Circular, Item, ModelError};
pub use log::{Assumption, AssumptionStatus, Decision, Issue, IssueStatus, LogEntry, LogEntryId, LogKind, Severity};
pub use serde_forms::{list_of_objects, ObjectOnly};
pub use types::*;

use chrono::NaiveDate;

impl Plan {
    /// A plan with nothing in it yet.
    pub fn new(name: impl Into<String>, start: NaiveDate) -> Self {
        Self {
            id: None,
            name: name.into(),
            revision: 0,
            modified: None,
            saved_by: None,
            description: String::new(),
            start,
            calendar: Calendar::default(),
            settings: PlanSettings::default(),
            people: Vec::new(),
            tasks: Vec::new(),
            dependencies: Vec::new(),
            external_dependencies: Vec::new(),
            raci: Vec::new(),
            risk_categories: default_risk_categories(),
            risks: Vec::new(),
            baselines: Vec::new(),
            assumptions: Vec::new(),
            issues: Vec::new(),
            decisions: Vec::new(),
            change_requests: Vec::new(),
            budget: Budget::default(),
        }
    }

    /// An empty plan sharing this one's name, start and calendar.
    pub(crate) fn empty_like(plan: &Plan) -> Self {
        Self { calendar: plan.calendar.clone(), ..Self::new(plan.name.clone(), plan.start) }
    }

    /// Records a save of a changed plan: one more revision, modified `today` (the model
    /// has no clock: the caller passes the local date). The save and export paths call it
    /// when the plan changed since it was last saved, just before `file::to_json`. Not a
    /// command: it records when the plan was saved, it is not an edit, and an undo must
    /// not take it back (a revision only grows).
    ///
    /// A plan without an id (new, or read from a file written before plans had ids)
    /// gets one here, so it is kept from its first save on.
    pub fn stamp_revision(&mut self, today: NaiveDate) {
        self.revision = self.revision.saturating_add(1);
        self.modified = Some(today);
        self.ensure_id();
    }

    /// The plan's id, given one first if it has none. Not a command, as a save is not: the
    /// id names the plan, it is not an edit, and no undo may take it back. A plan that
    /// joins a portfolio needs one for links to it, so the portfolio calls this and the
    /// caller saves the plan.
    pub fn ensure_id(&mut self) -> &PlanId {
        self.id.get_or_insert_with(PlanId::generate)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.id.as_str() == id)
    }

    pub fn task_index(&self, id: &str) -> Option<usize> {
        self.tasks.iter().position(|task| task.id.as_str() == id)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|person| person.id.as_str() == id)
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|risk| risk.id.as_str() == id)
    }

    pub fn has_children(&self, id: &str) -> bool {
        self.tasks.iter().any(|task| task.parent.as_ref().is_some_and(|parent| parent.as_str() == id))
    }

    pub fn dependency_index(&self, predecessor: &TaskId, successor: &TaskId) -> Option<usize> {
        self.dependencies
            .iter()
            .position(|dependency| &dependency.predecessor == predecessor && &dependency.successor == successor)
    }

    /// How many tasks, starting at `index`, belong to that task's subtree (it and the
    /// descendants that follow it in the list).
    pub fn subtree_len(&self, index: usize) -> usize {
        let root = &self.tasks[index].id;
        let mut inside: hashing::IdSet<&str> = hashing::IdSet::default();
        inside.insert(root.as_str());
        let mut length = 1;
        for task in &self.tasks[index + 1..] {
            match &task.parent {
                Some(parent) if inside.contains(parent.as_str()) => {
                    inside.insert(task.id.as_str());
                    length += 1;
                }
                _ => break,
            }
        }
        length
    }

    /// The next free id of a kind: one more than the highest number in use.
    pub fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> String {
        let ids: hashing::IdSet<&str> = ids.collect();
        // Absurdly long numbers (hand-edited files) are skipped so the next one cannot overflow.
        let highest = ids
            .iter()
            .filter_map(|id| id.strip_prefix(prefix))
            .filter(|digits| digits.len() <= 12)
            .filter_map(|digits| digits.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut next = highest + 1;
        while ids.contains(format!("{prefix}{next}").as_str()) {
            next += 1;
        }
        format!("{prefix}{next}")
    }

    pub fn next_task_id(&self) -> TaskId {
        TaskId(Self::next_id(TaskId::PREFIX, self.tasks.iter().map(|task| task.id.as_str())))
    }

    pub fn next_person_id(&self) -> PersonId {
        PersonId(Self::next_id(PersonId::PREFIX, self.people.iter().map(|person| person.id.as_str())))
    }

    pub fn next_risk_id(&self) -> RiskId {
        RiskId(Self::next_id(RiskId::PREFIX, self.risks.iter().map(|risk| risk.id.as_str())))
    }

    pub fn next_baseline_id(&self) -> BaselineId {
        BaselineId(Self::next_id(BaselineId::PREFIX, self.baselines.iter().map(|baseline| baseline.id.as_str())))
    }
}

impl PlanId {
    /// A new id: `pl-` and eight hexadecimal digits, unlike any other this process made
    /// and unpredictable from one session to the next. The digits come from the model's
    /// keyed hash (`hashing`, whose keys are random per session) of a count of the ids
    /// made, so the model needs no clock or random source of its own. Two plans made
    /// anywhere share an id with a chance of one in four billion; a portfolio that meets
    /// two anyway tells them apart (`portfolio::Portfolio::problems`).
    pub fn generate() -> Self {
        use std::hash::BuildHasher;
        use std::sync::atomic::{AtomicU64, Ordering};
        static MADE: AtomicU64 = AtomicU64::new(0);
        let count = MADE.fetch_add(1, Ordering::Relaxed);
        let digits = hashing::IdBuildHasher::default().hash_one(count) as u32;
        Self(format!("{}{digits:08x}", Self::PREFIX))
    }
}

impl Task {
    /// A one-day task with nothing else set.
    pub fn new(id: TaskId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            parent: None,
            kind: TaskKind::Task,
            duration: 1,
            start_no_earlier_than: None,
            constraint: None,
            deadline: None,
            progress: 0,
            notes: String::new(),
        }
    }
}

impl Risk {
    /// An open risk of middling probability and impact, with no dates and no history
    /// (`risk::new_risk` makes one dated today, as the register adds it).
    pub fn new(id: RiskId, title: impl Into<String>) -> Self {
        Self {
            id,
            title: title.into(),
            description: String::new(),
            category: DEFAULT_RISK_CATEGORIES[0].to_string(),
            probability: 3,
            impact: 3,
            owner: None,
            response: RiskResponse::default(),
            mitigation: String::new(),
            contingency: String::new(),
            trigger: String::new(),
            status: RiskStatus::default(),
            review_date: None,
            linked_tasks: Vec::new(),
            created: None,
            updated: None,
            history: Vec::new(),
        }
    }
}
