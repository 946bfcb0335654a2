//! Undo and redo of the open plan. Every edit through `model::apply` leaves its inverse
//! here. Undo stops at the plan's first state: a plan opened from a file in this tab has
//! one step below it, taking the import back, which removes a whole plan from the browser,
//! so undo only asks (`Step::AskToRemoveImport`) and the user decides. Redo reverses every
//! undo, that one too: a removed import comes back (`Step::BringBackImport`).

use crate::model::{apply, Command, ModelError, Plan};

/// How many edits undo remembers.
pub const UNDO_LIMIT: usize = 500;

/// A plan opened from a file in this tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The storage id of the plan the file became.
    pub plan_id: String,
    /// The plan's name when it was imported, for the question and the messages.
    pub name: String,
    /// The file it was read from ("the shared link" for a share link).
    pub file_name: String,
    /// The plan open before it, which comes back if the import is taken back.
    pub previous: Option<String>,
}

/// An import taken back: what redo needs to bring it back as it was.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedImport {
    pub import: Import,
    /// The plan as it was when it was removed (its first state: undo had reached it).
    pub plan: Plan,
    /// The edits undone before it, which redo can then make again.
    pub redo: Vec<Command>,
}

/// What an undo or redo did, or what it needs from the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The plan changed.
    Applied,
    /// Nothing to undo or redo.
    Nothing,
    /// The remembered inverse no longer applies; the plan is unchanged.
    Refused(ModelError),
    /// Undo reached the state the plan was imported in: the next step would remove the
    /// plan (and the `edits` redo could make) from the browser, so the user is asked.
    AskToRemoveImport { edits: usize },
    /// Redo after an import was taken back: the plan comes back (`take_removed_import`).
    BringBackImport,
}

/// The undo and redo steps of the open plan.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    /// Edits older than `UNDO_LIMIT` were forgotten: undo can no longer reach the
    /// plan's first state.
    forgot_oldest: bool,
    /// The open plan was opened from a file in this tab.
    import: Option<Import>,
    /// An import taken back while this plan was open again: redo brings it back.
    removed_import: Option<Box<RemovedImport>>,
}

impl History {
    /// The history of a plan just opened from a file: nothing to undo but the import.
    pub fn imported(import: Import) -> Self {
        Self { import: Some(import), ..Self::default() }
    }

    /// The history of the plan shown after an import was taken back: redo brings it back.
    pub fn after_removing(removed: RemovedImport) -> Self {
        Self { removed_import: Some(Box::new(removed)), ..Self::default() }
    }

    /// Records an edit just made (its inverse). A new edit ends what redo could do.
    pub fn record(&mut self, inverse: Command) {
        self.undo.push(inverse);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
            self.forgot_oldest = true;
        }
        self.redo.clear();
        self.removed_import = None;
    }

    /// Takes the latest edit back on `plan`.
    pub fn undo(&mut self, plan: &mut Plan) -> Step {
        let Some(command) = self.undo.pop() else { return self.below_first_state() };
        match apply(plan, command) {
            Ok(inverse) => {
                self.redo.push(inverse);
                Step::Applied
            }
            Err(error) => Step::Refused(error),
        }
    }

    /// Makes the latest undone edit again on `plan`.
    pub fn redo(&mut self, plan: &mut Plan) -> Step {
        let Some(command) = self.redo.pop() else {
            return if self.removed_import.is_some() { Step::BringBackImport } else { Step::Nothing };
        };
        match apply(plan, command) {
            Ok(inverse) => {
                self.undo.push(inverse);
                Step::Applied
            }
            Err(error) => Step::Refused(error),
        }
    }

    /// What undo does next without doing it: an edit to take back (`Applied`), the
    /// question before an import is taken back, or nothing.
    pub fn next_undo(&self) -> Step {
        if self.undo.is_empty() {
            self.below_first_state()
        } else {
            Step::Applied
        }
    }

    /// What redo does next without doing it.
    pub fn next_redo(&self) -> Step {
        match (self.redo.is_empty(), self.removed_import.is_some()) {
            (false, _) => Step::Applied,
            (true, true) => Step::BringBackImport,
            (true, false) => Step::Nothing,
        }
    }

    fn below_first_state(&self) -> Step {
        match &self.import {
            Some(_) if !self.forgot_oldest => Step::AskToRemoveImport { edits: self.redo.len() },
            _ => Step::Nothing,
        }
    }

    /// How many steps undo and redo can take, for the header's buttons. Taking an import
    /// back and bringing it back count as one step each.
    pub fn sizes(&self) -> (usize, usize) {
        let import = self.import.is_some() && !self.forgot_oldest;
        (self.undo.len() + usize::from(import), self.redo.len() + usize::from(self.removed_import.is_some()))
    }

    /// The file the open plan was imported from in this tab, if it was.
    pub fn import(&self) -> Option<&Import> {
        self.import.as_ref()
    }

    /// The user agreed to take the import back: what redo will need to bring it back,
    /// with `plan` as it is now. `None` when the open plan was not imported here.
    pub fn take_import_for_removal(&mut self, plan: Plan) -> Option<RemovedImport> {
        let import = self.import.take()?;
        Some(RemovedImport { import, plan, redo: std::mem::take(&mut self.redo) })
    }

    /// The import redo brings back.
    pub fn take_removed_import(&mut self) -> Option<RemovedImport> {
        self.removed_import.take().map(|removed| *removed)
    }

    /// The history of an import brought back by redo: as it was when it was taken back.
    pub fn brought_back(removed: RemovedImport, plan_id: String) -> Self {
        let import = Import { plan_id, ..removed.import };
        Self { redo: removed.redo, import: Some(import), ..Self::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Task, TaskId};

    fn plan_with_tasks(count: usize) -> Plan {
        let mut plan = Plan::new("Imported", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        for index in 1..=count {
            let task = Task { duration: 3, ..Task::new(TaskId::new(format!("T{index}")), format!("Task {index}")) };
            apply(&mut plan, Command::AddTask { task, index: None }).unwrap();
        }
        plan
    }

    fn rename(history: &mut History, plan: &mut Plan, id: &str, name: &str) {
        let mut task = plan.task(id).unwrap().clone();
        task.name = name.to_string();
        history.record(apply(plan, Command::UpdateTask(task)).unwrap());
    }

    fn import() -> Import {
        Import {
            plan_id: "p1".into(),
            name: "Imported".into(),
            file_name: "imported.plan.json".into(),
            previous: Some("p0".into()),
        }
    }

    #[test]
    fn undo_stops_at_an_imported_plan_s_first_state_and_asks_before_removing_it() {
        let mut plan = plan_with_tasks(2);
        let first = plan.clone();
        let mut history = History::imported(import());
        rename(&mut history, &mut plan, "T1", "One");
        rename(&mut history, &mut plan, "T2", "Two");
        assert_eq!(history.sizes(), (3, 0), "two edits and the import");
        assert_eq!(history.undo(&mut plan), Step::Applied);
        assert_eq!(history.undo(&mut plan), Step::Applied);
        assert_eq!(plan, first);
        assert_eq!(history.next_undo(), Step::AskToRemoveImport { edits: 2 });
        assert_eq!(history.undo(&mut plan), Step::AskToRemoveImport { edits: 2 });
        assert_eq!(plan, first, "asking changes nothing");
        assert_eq!(history.sizes(), (1, 2));
    }

    #[test]
    fn redo_reverses_every_undo() {
        let mut plan = plan_with_tasks(2);
        let mut history = History::imported(import());
        rename(&mut history, &mut plan, "T1", "One");
        rename(&mut history, &mut plan, "T2", "Two");
        let edited = plan.clone();
        history.undo(&mut plan);
        history.undo(&mut plan);
        history.undo(&mut plan);
        assert_eq!(history.redo(&mut plan), Step::Applied);
        assert_eq!(history.redo(&mut plan), Step::Applied);
        assert_eq!(plan, edited);
        assert_eq!(history.redo(&mut plan), Step::Nothing);
    }

    #[test]
    fn a_plan_not_imported_here_stops_at_its_first_state() {
        let mut plan = plan_with_tasks(1);
        let mut history = History::default();
        rename(&mut history, &mut plan, "T1", "One");
        assert_eq!(history.undo(&mut plan), Step::Applied);
        assert_eq!(history.undo(&mut plan), Step::Nothing);
        assert_eq!(history.sizes(), (0, 1));
    }

    #[test]
    fn an_import_taken_back_comes_back_by_redo_with_its_edits() {
        let mut plan = plan_with_tasks(1);
        let mut history = History::imported(import());
        rename(&mut history, &mut plan, "T1", "One");
        let edited = plan.clone();
        history.undo(&mut plan);
        let removed = history.take_import_for_removal(plan.clone()).expect("the import");
        assert_eq!(removed.redo.len(), 1);

        // The plan open before it is shown again; its history offers the import back.
        let mut previous = History::after_removing(removed);
        assert_eq!(previous.sizes(), (0, 1));
        assert_eq!(previous.next_redo(), Step::BringBackImport);
        let mut other_plan = plan_with_tasks(1);
        assert_eq!(previous.redo(&mut other_plan), Step::BringBackImport);
        let removed = previous.take_removed_import().expect("the removed import");

        let mut plan = removed.plan.clone();
        let mut back = History::brought_back(removed, "p9".into());
        assert_eq!(back.import().map(|import| import.plan_id.as_str()), Some("p9"));
        assert_eq!(back.redo(&mut plan), Step::Applied);
        assert_eq!(plan, edited, "the undone edit is made again");
    }

    #[test]
    fn a_new_edit_after_taking_an_import_back_ends_the_way_back_to_it() {
        let plan = plan_with_tasks(1);
        let mut history = History::imported(import());
        let removed = history.take_import_for_removal(plan).unwrap();
        let mut previous = History::after_removing(removed);
        let mut other_plan = plan_with_tasks(1);
        rename(&mut previous, &mut other_plan, "T1", "Edited");
        assert_eq!(previous.next_redo(), Step::Nothing);
    }

    #[test]
    fn when_the_oldest_edits_are_forgotten_undo_stops_without_asking() {
        let mut plan = plan_with_tasks(1);
        let mut history = History::imported(import());
        for index in 0..=UNDO_LIMIT {
            rename(&mut history, &mut plan, "T1", &format!("Name {index}"));
        }
        assert_eq!(history.sizes(), (UNDO_LIMIT, 0));
        for _ in 0..UNDO_LIMIT {
            assert_eq!(history.undo(&mut plan), Step::Applied);
        }
        assert_eq!(history.undo(&mut plan), Step::Nothing, "the plan is not at its first state");
        assert_eq!(plan.task("T1").unwrap().name, "Name 0");
    }
}
