//! `model::apply`, the one door for changes: every command changes the plan when it
//! is valid and returns a command that undoes it exactly; every refused command
//! leaves the plan exactly as it was.

use crate::common;

use crate::common::{
    date, dependency, finish_to_start, milestone, person, raci, risk, sample_plan, subtask, task, Random,
};
use chrono::Weekday;
use planwright::file::{parse, to_json};
use planwright::model::{
    apply, Baseline, BaselineId, BaselineTask, Calendar, Circular, Command, ConstraintKind, DateConstraint,
    DependencyKind, Holiday, Item, ModelError, Person, PersonId, Plan, RaciRole, Risk, RiskId, Task, TaskId, TaskKind,
};

/// Applies a command that must succeed and change the plan, checks that its undo
/// restores the plan exactly, and returns the plan as the command left it.
fn assert_applies_and_undoes(plan: &mut Plan, command: Command) -> Plan {
    let before = plan.clone();
    let undo = match apply(plan, command.clone()) {
        Ok(undo) => undo,
        Err(error) => panic!("{command:?} was refused: {error}"),
    };
    assert_ne!(*plan, before, "{command:?} changed nothing");
    let after = plan.clone();
    apply(plan, undo.clone()).unwrap_or_else(|error| panic!("the undo {undo:?} was refused: {error}"));
    assert_plans_equal(plan, &before, "after undo");
    *plan = after.clone();
    after
}

/// Applies a command that must be refused, checks the plan is exactly unchanged and
/// returns the error.
fn assert_refused(plan: &mut Plan, command: Command) -> ModelError {
    let before = plan.clone();
    let result = apply(plan, command.clone());
    assert_plans_equal(plan, &before, "after a refused command");
    match result {
        Ok(_) => panic!("{command:?} was accepted"),
        Err(error) => error,
    }
}

fn assert_plans_equal(actual: &Plan, expected: &Plan, when: &str) {
    if actual != expected {
        // The file text shows where the two differ far more readably than Debug.
        let actual_text = to_json(actual);
        let expected_text = to_json(expected);
        let first_difference = actual_text
            .lines()
            .zip(expected_text.lines())
            .enumerate()
            .find(|(_, (a, e))| a != e)
            .map(|(line, (a, e))| format!("line {}: {a:?} but expected {e:?}", line + 1));
        panic!("{when}: the plans differ; first difference at {first_difference:?}");
    }
}

/// The same plan with dependencies and RACI cells sorted: equal content, whatever
/// the order of those two lists.
fn sorted_references(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    plan.dependencies.sort_by(|a, b| (&a.predecessor, &a.successor).cmp(&(&b.predecessor, &b.successor)));
    plan.raci.sort_by(|a, b| (&a.task, &a.person).cmp(&(&b.task, &b.person)));
    plan
}

fn task_ids(plan: &Plan) -> Vec<&str> {
    plan.tasks.iter().map(|task| task.id.as_str()).collect()
}

fn updated_task(plan: &Plan, id: &str, change: impl FnOnce(&mut Task)) -> Command {
    let mut task = plan.task(id).unwrap().clone();
    change(&mut task);
    Command::UpdateTask(task)
}

fn updated_risk(plan: &Plan, id: &str, change: impl FnOnce(&mut Risk)) -> Command {
    let mut risk = plan.risk(id).unwrap().clone();
    change(&mut risk);
    Command::UpdateRisk(risk)
}

fn add_task(task: Task) -> Command {
    Command::AddTask { task, index: None }
}

fn add_dependency(predecessor: &str, successor: &str) -> Command {
    Command::AddDependency(finish_to_start(predecessor, successor))
}

fn assert_invalid_field(error: &ModelError, expected_field: &str) {
    match error {
        ModelError::Invalid { field, .. } => assert_eq!(field, expected_field, "{error}"),
        other => panic!("expected an invalid {expected_field}, got {other:?}"),
    }
}

// ---------------------------------------------------------------- plan info and calendar

#[test]
fn set_plan_info_changes_name_description_and_start_and_undoes() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(
        &mut plan,
        Command::SetPlanInfo { name: "Checkout v2".into(), description: "New goals".into(), start: date(2027, 2, 1) },
    );
    assert_eq!(after.name, "Checkout v2");
    assert_eq!(after.start, date(2027, 2, 1));
    assert_eq!(after.tasks, sample_plan().tasks, "nothing else changes");
}

#[test]
fn set_plan_info_with_an_empty_name_is_refused() {
    let mut plan = sample_plan();
    for name in ["", "   ", "\n\t"] {
        let start = plan.start;
        let error =
            assert_refused(&mut plan, Command::SetPlanInfo { name: name.into(), description: String::new(), start });
        assert_invalid_field(&error, "name");
    }
}

#[test]
fn set_calendar_changes_the_calendar_and_undoes() {
    let mut plan = sample_plan();
    let calendar = Calendar {
        working_weekdays: vec![Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu],
        holidays: vec![Holiday { date: date(2027, 4, 1), name: "Founders' day".into() }],
    };
    let after = assert_applies_and_undoes(&mut plan, Command::SetCalendar(calendar.clone()));
    assert_eq!(after.calendar, calendar);
}

#[test]
fn set_calendar_without_working_days_or_with_repeats_is_refused() {
    let mut plan = sample_plan();
    let no_days = Calendar { working_weekdays: vec![], holidays: vec![] };
    assert_invalid_field(&assert_refused(&mut plan, Command::SetCalendar(no_days)), "calendar.working weekdays");
    let repeated_day = Calendar { working_weekdays: vec![Weekday::Mon, Weekday::Mon], holidays: vec![] };
    assert_invalid_field(&assert_refused(&mut plan, Command::SetCalendar(repeated_day)), "calendar.working weekdays");
    let holiday = Holiday { date: date(2027, 4, 1), name: "Twice".into() };
    let repeated_holiday = Calendar { holidays: vec![holiday.clone(), holiday], ..Calendar::default() };
    assert_invalid_field(&assert_refused(&mut plan, Command::SetCalendar(repeated_holiday)), "calendar.holidays");
}

// ---------------------------------------------------------------- people

#[test]
fn add_person_at_the_end_at_a_position_and_past_the_end() {
    let mut plan = sample_plan();
    let after =
        assert_applies_and_undoes(&mut plan, Command::AddPerson { person: person("P4", "Katherine"), index: None });
    assert_eq!(after.people.last().unwrap().id.as_str(), "P4");

    let mut plan = sample_plan();
    let after =
        assert_applies_and_undoes(&mut plan, Command::AddPerson { person: person("P4", "Katherine"), index: Some(0) });
    assert_eq!(after.people[0].id.as_str(), "P4");

    let mut plan = sample_plan();
    let after =
        assert_applies_and_undoes(&mut plan, Command::AddPerson { person: person("P4", "Katherine"), index: Some(99) });
    assert_eq!(after.people.last().unwrap().id.as_str(), "P4");
}

#[test]
fn add_person_with_a_used_id_an_empty_name_or_a_bad_id_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::AddPerson { person: person("P2", "Someone"), index: None });
    assert_eq!(error, ModelError::AlreadyExists(Item::Person("P2".into())));
    let error = assert_refused(&mut plan, Command::AddPerson { person: person("P9", " "), index: None });
    assert_invalid_field(&error, "name");
    for id in ["", "P 9", "P/9", "P9😀", &"P".repeat(41)] {
        let error = assert_refused(&mut plan, Command::AddPerson { person: person(id, "Someone"), index: None });
        assert_invalid_field(&error, "id");
    }
}

#[test]
fn update_person_replaces_them_and_undoes() {
    let mut plan = sample_plan();
    let changed = Person { role: "Director".into(), ..plan.people[1].clone() };
    let after = assert_applies_and_undoes(&mut plan, Command::UpdatePerson(changed.clone()));
    assert_eq!(after.people[1], changed);
}

#[test]
fn update_person_who_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::UpdatePerson(person("P9", "Nobody")));
    assert_eq!(error, ModelError::NotFound(Item::Person("P9".into())));
}

#[test]
fn remove_person_removes_their_raci_cells_and_risk_ownership() {
    let mut plan = sample_plan();
    apply(&mut plan, Command::RemovePerson(PersonId::new("P2"))).unwrap();
    assert!(plan.person("P2").is_none());
    assert!(plan.raci.iter().all(|cell| cell.person.as_str() != "P2"));
    assert_eq!(plan.raci.len(), sample_plan().raci.len() - 2);
    assert_eq!(plan.risk("R1").unwrap().owner, None);
    assert_eq!(plan.risk("R3").unwrap().owner, None);
    assert_eq!(plan.risk("R1").unwrap().linked_tasks, sample_plan().risk("R1").unwrap().linked_tasks);
    assert!(parse(&to_json(&plan)).is_ok());
}

#[test]
fn remove_person_undo_restores_the_person_cells_and_ownership() {
    let original = sample_plan();
    let mut plan = original.clone();
    let undo = apply(&mut plan, Command::RemovePerson(PersonId::new("P2"))).unwrap();
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan.people, original.people);
    assert_eq!(plan.risks, original.risks);
    assert_plans_equal(&sorted_references(&plan), &sorted_references(&original), "after undo, ignoring order");
}

#[test]
fn remove_person_undo_restores_the_plan_exactly() {
    let mut plan = sample_plan();
    assert_applies_and_undoes(&mut plan, Command::RemovePerson(PersonId::new("P2")));
}

#[test]
fn remove_person_whose_cells_are_last_undoes_exactly() {
    let mut plan = sample_plan();
    apply(&mut plan, Command::AddPerson { person: person("P4", "Katherine"), index: None }).unwrap();
    apply(&mut plan, Command::SetRaci { task: "T3".into(), person: "P4".into(), role: Some(RaciRole::C) }).unwrap();
    let command = updated_risk(&plan, "R2", |risk| risk.owner = Some("P4".into()));
    apply(&mut plan, command).unwrap();
    assert_applies_and_undoes(&mut plan, Command::RemovePerson(PersonId::new("P4")));
}

#[test]
fn remove_person_who_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    assert_eq!(
        assert_refused(&mut plan, Command::RemovePerson("P9".into())),
        ModelError::NotFound(Item::Person("P9".into()))
    );
}

// ---------------------------------------------------------------- tasks

#[test]
fn add_task_at_the_end_and_at_a_position_and_undo() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(&mut plan, add_task(task("T8", "Retrospective", 1)));
    assert_eq!(after.tasks.last().unwrap().id.as_str(), "T8");

    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(
        &mut plan,
        Command::AddTask { task: subtask("T8", "API docs", 2, "T1"), index: Some(3) },
    );
    assert_eq!(task_ids(&after), ["T1", "T2", "T3", "T8", "T4", "T5", "T6", "T7"]);
}

#[test]
fn add_task_with_an_empty_name_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(task("T8", "  ", 1)));
    assert_invalid_field(&error, "name");
}

#[test]
fn add_task_with_progress_over_100_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(Task { progress: 101, ..task("T8", "Polish", 1) }));
    assert_invalid_field(&error, "progress");
}

#[test]
fn add_task_with_a_used_id_is_refused() {
    let mut plan = sample_plan();
    assert_eq!(
        assert_refused(&mut plan, add_task(task("T3", "Again", 1))),
        ModelError::AlreadyExists(Item::Task("T3".into()))
    );
}

#[test]
fn add_task_under_a_missing_parent_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(subtask("T8", "Orphan", 1, "T99")));
    assert_eq!(error, ModelError::NotFound(Item::ParentTask("T99".into())));
    assert_eq!(error.to_string(), "parent task T99 does not exist");
}

#[test]
fn add_task_under_a_milestone_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(subtask("T8", "Inside launch", 1, "T7")));
    assert_invalid_field(&error, "parent");
    assert!(error.to_string().contains("milestone"), "{error}");
}

#[test]
fn add_milestone_with_a_duration_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(Task { duration: 3, ..milestone("T8", "Go/no-go") }));
    assert_invalid_field(&error, "duration");
}

#[test]
fn add_task_that_is_its_own_parent_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_task(subtask("T8", "Loop", 1, "T8")));
    assert!(error.to_string().contains("T8"), "{error}");
}

#[test]
fn add_task_longer_than_the_limit_is_refused() {
    let mut plan = sample_plan();
    let error =
        assert_refused(&mut plan, add_task(task("T8", "Forever", planwright::model::validate::MAX_WORKING_DAYS + 1)));
    assert_invalid_field(&error, "duration");
}

#[test]
fn update_task_renames_and_undoes() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T3", |task| task.name = "API build v2".into());
    let after = assert_applies_and_undoes(&mut plan, command);
    assert_eq!(after.task("T3").unwrap().name, "API build v2");
}

#[test]
fn update_task_moves_it_under_another_parent_and_undoes() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T6", |task| task.parent = Some("T1".into()));
    let after = assert_applies_and_undoes(&mut plan, command);
    assert_eq!(after.task("T6").unwrap().parent, Some(TaskId::new("T1")));
}

#[test]
fn update_task_with_invalid_fields_is_refused() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T2", |task| task.name = String::new());
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "name");
    let command = updated_task(&plan, "T2", |task| task.progress = 101);
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "progress");
    let command = updated_task(&plan, "T7", |task| task.duration = 1);
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "duration");
}

#[test]
fn update_task_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::UpdateTask(task("T99", "Ghost", 1)));
    assert_eq!(error, ModelError::NotFound(Item::Task("T99".into())));
}

#[test]
fn making_a_task_its_own_descendants_child_is_refused() {
    let mut plan = sample_plan();
    apply(&mut plan, Command::AddTask { task: subtask("T8", "API auth", 2, "T3"), index: Some(3) }).unwrap();
    // T1 > T3 > T8: T1 cannot go under T8, nor under T3, nor under itself.
    for new_parent in ["T8", "T3", "T1"] {
        let command = updated_task(&plan, "T1", |task| task.parent = Some(new_parent.into()));
        let error = assert_refused(&mut plan, command);
        assert!(matches!(error, ModelError::Cycle(_) | ModelError::Invalid { .. }), "{error:?}");
        assert!(error.to_string().contains("T1"), "{error}");
    }
}

#[test]
fn turning_a_task_with_subtasks_into_a_milestone_is_refused() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T1", |task| {
        task.kind = TaskKind::Milestone;
        task.duration = 0;
    });
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "kind");
    assert!(error.to_string().contains("subtasks"), "{error}");
}

#[test]
fn moving_a_task_under_a_milestone_is_refused() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T6", |task| task.parent = Some("T7".into()));
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "parent");
}

#[test]
fn moving_a_successor_under_its_predecessor_is_refused_as_a_cycle() {
    // T3 → T6 is a dependency. Under T3, T6 would be part of T3 and also wait for T3
    // to finish: a cycle.
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T6", |task| task.parent = Some("T3".into()));
    let error = assert_refused(&mut plan, command);
    assert!(matches!(error, ModelError::Cycle(_)), "{error:?}");
    assert!(error.to_string().contains("T3") && error.to_string().contains("T6"), "{error}");
}

#[test]
fn remove_task_removes_its_subtree_and_everything_that_refers_to_it() {
    let mut plan = sample_plan();
    apply(&mut plan, Command::RemoveTask("T1".into())).unwrap();
    assert_eq!(task_ids(&plan), ["T4", "T5", "T6", "T7"]);
    let removed = ["T1", "T2", "T3"];
    assert!(plan
        .dependencies
        .iter()
        .all(|link| !removed.contains(&link.predecessor.as_str()) && !removed.contains(&link.successor.as_str())));
    assert_eq!(plan.dependencies, vec![finish_to_start("T6", "T7")]);
    assert!(plan.raci.iter().all(|cell| !removed.contains(&cell.task.as_str())));
    assert_eq!(plan.raci.len(), 4);
    assert_eq!(plan.risk("R1").unwrap().linked_tasks, vec![TaskId::new("T6")]);
    assert!(plan.baselines[0].tasks.iter().all(|entry| !removed.contains(&entry.task.as_str())));
    assert_eq!(plan.baselines[0].tasks.len(), 3);
    assert!(parse(&to_json(&plan)).is_ok());
}

#[test]
fn remove_task_undo_restores_the_same_content() {
    let original = sample_plan();
    let mut plan = original.clone();
    let undo = apply(&mut plan, Command::RemoveTask("T1".into())).unwrap();
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan.tasks, original.tasks);
    assert_eq!(plan.risks, original.risks);
    assert_eq!(plan.baselines, original.baselines);
    assert_plans_equal(&sorted_references(&plan), &sorted_references(&original), "after undo, ignoring order");
}

#[test]
fn remove_task_undo_keeps_only_the_removed_baseline_entries_and_redo_removes_them_again() {
    let mut plan = sample_plan();
    let mut second = plan.baselines[0].clone();
    second.id = planwright::model::BaselineId::new("B2");
    plan.baselines.push(second);
    let original = plan.clone();
    let undo = apply(&mut plan, Command::RemoveTask("T1".into())).unwrap();
    let after_removal = plan.clone();
    // The undo holds the two removed entries of each baseline, not the baselines.
    let Command::Batch(steps) = &undo else { panic!("a batch: {undo:?}") };
    let entries: Vec<(usize, usize, &str)> = steps
        .iter()
        .filter_map(|step| match step {
            Command::RestoreBaselineEntries(entries) => Some(entries),
            _ => None,
        })
        .flatten()
        .map(|(baseline, position, entry)| (*baseline, *position, entry.task.as_str()))
        .collect();
    assert_eq!(entries, [(0, 0, "T2"), (0, 1, "T3"), (1, 0, "T2"), (1, 1, "T3")]);
    assert!(!steps.iter().any(|step| matches!(step, Command::SetBaselines(_))));
    let redo = apply(&mut plan, undo).unwrap();
    assert_plans_equal(&plan, &original, "after undo");
    let undo_again = apply(&mut plan, redo).unwrap();
    assert_plans_equal(&plan, &after_removal, "after redo");
    apply(&mut plan, undo_again).unwrap();
    assert_plans_equal(&plan, &original, "after a second undo");
}

#[test]
fn remove_task_undo_restores_the_plan_exactly() {
    let mut plan = sample_plan();
    assert_applies_and_undoes(&mut plan, Command::RemoveTask("T1".into()));
}

#[test]
fn remove_task_whose_references_are_last_undoes_exactly() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(&mut plan, Command::RemoveTask("T7".into()));
    assert!(after.task("T7").is_none());
    assert_eq!(after.risk("R3").unwrap().linked_tasks, Vec::<TaskId>::new());
}

#[test]
fn remove_nested_subtree_undoes_exactly() {
    let mut plan = sample_plan();
    apply(&mut plan, Command::AddTask { task: subtask("T8", "Checkout UI", 0, "T4"), index: Some(6) }).unwrap();
    apply(&mut plan, Command::AddTask { task: subtask("T9", "Cart", 2, "T8"), index: Some(7) }).unwrap();
    apply(&mut plan, Command::AddTask { task: subtask("T10", "Payment", 2, "T8"), index: Some(8) }).unwrap();
    apply(&mut plan, add_dependency("T9", "T10")).unwrap();
    apply(&mut plan, Command::SetRaci { task: "T10".into(), person: "P3".into(), role: Some(RaciRole::A) }).unwrap();
    assert_eq!(task_ids(&plan), ["T1", "T2", "T3", "T4", "T5", "T6", "T8", "T9", "T10", "T7"]);
    let after = assert_applies_and_undoes(&mut plan, Command::RemoveTask("T8".into()));
    assert_eq!(task_ids(&after), ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]);
}

#[test]
fn remove_task_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    assert_eq!(
        assert_refused(&mut plan, Command::RemoveTask("T99".into())),
        ModelError::NotFound(Item::Task("T99".into()))
    );
}

#[test]
fn remove_task_undo_puts_back_a_summary_and_its_subtasks_in_outline_order() {
    let mut plan = common::empty_plan();
    apply(&mut plan, add_task(task("T1", "Phase 1", 0))).unwrap();
    apply(&mut plan, add_task(task("T2", "Design", 2))).unwrap();
    let command = updated_task(&plan, "T2", |task| task.parent = Some("T1".into()));
    apply(&mut plan, command).unwrap();
    let after = assert_applies_and_undoes(&mut plan, Command::RemoveTask("T1".into()));
    assert!(after.tasks.is_empty());
}

// ---------------------------------------------------------------- outline order

#[test]
fn a_task_cannot_go_under_a_task_listed_after_it() {
    let mut plan = common::empty_plan();
    apply(&mut plan, add_task(task("T1", "Design", 2))).unwrap();
    apply(&mut plan, add_task(task("T2", "Phase 1", 0))).unwrap();
    let command = updated_task(&plan, "T1", |task| task.parent = Some("T2".into()));
    let error = assert_refused(&mut plan, command);
    assert_eq!(
        error.to_string(),
        "the parent of T1 is T2, which comes later in the list: tasks are in outline order, a parent before its subtasks"
    );
}

#[test]
fn a_task_cannot_be_added_before_its_parent() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::AddTask { task: subtask("T8", "Early", 1, "T4"), index: Some(2) });
    assert_invalid_field(&error, "the parent of T8");
    let after =
        assert_applies_and_undoes(&mut plan, Command::AddTask { task: subtask("T8", "Late", 1, "T4"), index: Some(4) });
    assert_eq!(task_ids(&after), ["T1", "T2", "T3", "T4", "T8", "T5", "T6", "T7"]);
}

#[test]
fn indent_and_outdent_keep_the_outline_order() {
    // Indent: the task goes under the sibling above it; outdent: under its grandparent.
    let mut plan = sample_plan();
    let indent = updated_task(&plan, "T6", |task| task.parent = Some("T5".into()));
    let indented = assert_applies_and_undoes(&mut plan, indent);
    assert_eq!(indented.task("T6").unwrap().parent, Some("T5".into()));
    let outdent = updated_task(&plan, "T6", |task| task.parent = Some("T4".into()));
    let outdented = assert_applies_and_undoes(&mut plan, outdent);
    assert_eq!(outdented.task("T6").unwrap().parent, Some("T4".into()));
    let to_the_top = updated_task(&plan, "T6", |task| task.parent = None);
    let top = assert_applies_and_undoes(&mut plan, to_the_top);
    assert!(parse(&to_json(&top)).is_ok());
}

#[test]
fn move_task_before_its_parent_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::MoveTask { id: "T5".into(), index: 0 });
    assert_invalid_field(&error, "the parent of T5");
    // Right after its parent is fine.
    let after = assert_applies_and_undoes(&mut plan, Command::MoveTask { id: "T6".into(), index: 4 });
    assert_eq!(task_ids(&after), ["T1", "T2", "T3", "T4", "T6", "T5", "T7"]);
}

#[test]
fn move_task_takes_subtasks_that_are_not_next_to_it_and_undo_puts_them_back() {
    // T1's subtasks T2 and T5 have T3 (outdented, now top-level) between them.
    let mut plan = common::empty_plan();
    plan.tasks = vec![
        task("T1", "Phase", 0),
        subtask("T2", "First", 1, "T1"),
        task("T3", "Outdented", 1),
        subtask("T5", "Second", 1, "T1"),
        task("T6", "Last", 1),
    ];
    let after = assert_applies_and_undoes(&mut plan, Command::MoveTask { id: "T1".into(), index: 99 });
    assert_eq!(task_ids(&after), ["T3", "T6", "T1", "T2", "T5"]);
    assert!(parse(&to_json(&after)).is_ok(), "still in outline order");
}

#[test]
fn reorder_tasks_that_puts_a_subtask_before_its_summary_is_refused() {
    let mut plan = sample_plan();
    let order: Vec<TaskId> = ["T2", "T1", "T3", "T4", "T5", "T6", "T7"].into_iter().map(TaskId::new).collect();
    let error = assert_refused(&mut plan, Command::ReorderTasks(order));
    assert_invalid_field(&error, "the parent of T2");
}

// ---------------------------------------------------------------- date constraints

fn constraint(kind: ConstraintKind, date: chrono::NaiveDate) -> Option<DateConstraint> {
    Some(DateConstraint { kind, date })
}

#[test]
fn set_task_constraint_sets_replaces_and_clears_a_constraint_and_undoes() {
    let mut plan = sample_plan();
    // T5 starts no earlier than 2027-01-06: a must-finish-on takes its place.
    let must_finish = constraint(ConstraintKind::MustFinishOn, date(2027, 1, 15));
    let command = Command::SetTaskConstraint { task: "T5".into(), constraint: must_finish };
    let after = assert_applies_and_undoes(&mut plan, command);
    let t5 = after.task("T5").unwrap();
    assert_eq!((t5.start_no_earlier_than, t5.constraint, t5.date_constraint()), (None, must_finish, must_finish));
    // A start-no-earlier-than goes in its own field.
    let not_before = constraint(ConstraintKind::StartNoEarlierThan, date(2027, 1, 11));
    let after =
        assert_applies_and_undoes(&mut plan, Command::SetTaskConstraint { task: "T6".into(), constraint: not_before });
    let t6 = after.task("T6").unwrap();
    assert_eq!((t6.start_no_earlier_than, t6.constraint), (Some(date(2027, 1, 11)), None));
    // None clears it: as soon as possible.
    let after =
        assert_applies_and_undoes(&mut plan, Command::SetTaskConstraint { task: "T5".into(), constraint: None });
    assert_eq!(after.task("T5").unwrap().date_constraint(), None);
    assert!(parse(&to_json(&after)).is_ok());
}

#[test]
fn set_task_constraint_is_refused_for_a_missing_task_or_a_date_a_plan_cannot_hold() {
    let mut plan = sample_plan();
    let nowhere = Command::SetTaskConstraint {
        task: "T99".into(),
        constraint: constraint(ConstraintKind::StartNoLaterThan, date(2027, 1, 4)),
    };
    assert_eq!(assert_refused(&mut plan, nowhere), ModelError::NotFound(Item::Task("T99".into())));
    let far = Command::SetTaskConstraint {
        task: "T3".into(),
        constraint: constraint(ConstraintKind::FinishNoLaterThan, date(2201, 1, 1)),
    };
    let error = assert_refused(&mut plan, far);
    assert_eq!(error.to_string(), "constraint.date 2201-01-01 is outside the years 1970 to 2200");
}

#[test]
fn a_task_with_a_second_constraint_is_refused() {
    let mut plan = sample_plan();
    let command = updated_task(&plan, "T5", |task| {
        task.constraint = constraint(ConstraintKind::FinishNoLaterThan, date(2027, 1, 15));
    });
    let error = assert_refused(&mut plan, command);
    assert_eq!(
        error.to_string(),
        "constraint is a second date constraint: a task has one, and T5 already starts no earlier than 2027-01-06"
    );
    let command = updated_task(&plan, "T3", |task| {
        task.constraint = constraint(ConstraintKind::StartNoEarlierThan, date(2027, 1, 15));
    });
    assert_invalid_field(&assert_refused(&mut plan, command), "constraint.kind");
}

#[test]
fn move_task_moves_its_whole_subtree_and_undoes() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(&mut plan, Command::MoveTask { id: "T4".into(), index: 0 });
    assert_eq!(task_ids(&after), ["T4", "T5", "T6", "T1", "T2", "T3", "T7"]);

    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(&mut plan, Command::MoveTask { id: "T1".into(), index: 99 });
    assert_eq!(task_ids(&after), ["T4", "T5", "T6", "T7", "T1", "T2", "T3"]);

    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(&mut plan, Command::MoveTask { id: "T3".into(), index: 1 });
    assert_eq!(task_ids(&after), ["T1", "T3", "T2", "T4", "T5", "T6", "T7"]);
}

#[test]
fn move_task_to_where_it_is_changes_nothing_and_undo_too() {
    let mut plan = sample_plan();
    let undo = apply(&mut plan, Command::MoveTask { id: "T4".into(), index: 3 }).unwrap();
    assert_eq!(plan, sample_plan());
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, sample_plan());
}

#[test]
fn move_task_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::MoveTask { id: "T99".into(), index: 0 });
    assert_eq!(error, ModelError::NotFound(Item::Task("T99".into())));
}

#[test]
fn reorder_tasks_puts_every_task_in_the_given_order_and_undoes() {
    let mut plan = sample_plan();
    let order: Vec<TaskId> = ["T4", "T6", "T5", "T1", "T2", "T3", "T7"].into_iter().map(TaskId::new).collect();
    let after = assert_applies_and_undoes(&mut plan, Command::ReorderTasks(order));
    assert_eq!(task_ids(&after), ["T4", "T6", "T5", "T1", "T2", "T3", "T7"]);
    assert_eq!(after.task("T6"), sample_plan().task("T6"), "only the order changes");
}

#[test]
fn reorder_tasks_must_name_every_task_once() {
    let mut plan = sample_plan();
    let ids = |list: &[&str]| Command::ReorderTasks(list.iter().map(|id| TaskId::new(*id)).collect());
    assert_eq!(
        assert_refused(&mut plan, ids(&["T1", "T2"])).to_string(),
        "tasks a new order must list each of the 7 tasks once, not 2"
    );
    assert_eq!(
        assert_refused(&mut plan, ids(&["T1", "T2", "T3", "T4", "T5", "T6", "T6"])).to_string(),
        "tasks a new order must list each task once, not T6 twice"
    );
    assert_eq!(
        assert_refused(&mut plan, ids(&["T1", "T2", "T3", "T4", "T5", "T6", "T99"])),
        ModelError::NotFound(Item::Task("T99".into()))
    );
}

// ---------------------------------------------------------------- dependencies

#[test]
fn add_dependency_links_two_tasks_and_undoes() {
    let mut plan = sample_plan();
    let link = dependency("T5", "T6", DependencyKind::SS, 2);
    let after = assert_applies_and_undoes(&mut plan, Command::AddDependency(link.clone()));
    assert_eq!(after.dependencies.last(), Some(&link));
}

#[test]
fn set_dependencies_replaces_every_link_in_one_step_and_undoes() {
    let mut plan = sample_plan();
    let mut links = plan.dependencies.clone();
    links.remove(0);
    links.push(dependency("T5", "T6", DependencyKind::SS, 2));
    let after = assert_applies_and_undoes(&mut plan, Command::SetDependencies(links.clone()));
    assert_eq!(after.dependencies, links);
}

#[test]
fn set_dependencies_checks_every_link_and_cycles_once() {
    let mut plan = sample_plan();
    let with = |link| {
        let mut links = sample_plan().dependencies;
        links.push(link);
        Command::SetDependencies(links)
    };
    assert_eq!(
        assert_refused(&mut plan, with(finish_to_start("T2", "T99"))),
        ModelError::NotFound(Item::Task("T99".into()))
    );
    assert!(matches!(assert_refused(&mut plan, with(finish_to_start("T2", "T3"))), ModelError::AlreadyExists(_)));
    assert!(matches!(assert_refused(&mut plan, with(finish_to_start("T3", "T3"))), ModelError::Invalid { .. }));
    assert!(matches!(assert_refused(&mut plan, with(finish_to_start("T7", "T2"))), ModelError::Cycle(_)));
}

#[test]
fn add_dependency_to_a_missing_task_is_refused() {
    let mut plan = sample_plan();
    assert_eq!(assert_refused(&mut plan, add_dependency("T2", "T99")), ModelError::NotFound(Item::Task("T99".into())));
    assert_eq!(assert_refused(&mut plan, add_dependency("T99", "T2")), ModelError::NotFound(Item::Task("T99".into())));
}

#[test]
fn add_dependency_that_closes_a_cycle_is_refused_and_names_the_tasks() {
    let mut plan = sample_plan();
    // T2 → T3 → T7 already; T7 → T2 closes the circle.
    let error = assert_refused(&mut plan, add_dependency("T7", "T2"));
    let ModelError::Cycle(Circular::Links(cycle)) = &error else { panic!("not a cycle of links: {error:?}") };
    for id in ["T2", "T3", "T7"] {
        assert!(cycle.0.iter().any(|task| task.as_str() == id), "{cycle:?}");
    }
    let message = error.to_string();
    for id in ["T2", "T3", "T7"] {
        assert!(message.contains(id), "{message}");
    }
    assert!(message.contains('→'), "{message}");
}

#[test]
fn add_dependency_of_two_tasks_on_each_other_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_dependency("T3", "T2"));
    assert!(matches!(error, ModelError::Cycle(_)), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("T2 → T3 → T2") || message.contains("T3 → T2 → T3"), "{message}");
}

#[test]
fn add_dependency_of_a_task_on_itself_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_dependency("T2", "T2"));
    assert_invalid_field(&error, "successor");
    assert!(error.to_string().contains("T2"), "{error}");
}

#[test]
fn add_dependency_between_a_summary_and_its_own_subtask_is_refused() {
    let mut plan = sample_plan();
    assert!(matches!(assert_refused(&mut plan, add_dependency("T1", "T2")), ModelError::Cycle(_)));
    assert!(matches!(assert_refused(&mut plan, add_dependency("T3", "T1")), ModelError::Cycle(_)));
}

#[test]
fn add_dependency_that_already_exists_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, add_dependency("T2", "T3"));
    assert!(matches!(error, ModelError::AlreadyExists(_)), "{error:?}");
}

#[test]
fn add_dependency_with_a_lag_beyond_the_limit_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::AddDependency(dependency("T5", "T6", DependencyKind::FS, -10_001)));
    assert_invalid_field(&error, "lag");
}

#[test]
fn update_dependency_changes_kind_and_lag_and_undoes() {
    let mut plan = sample_plan();
    let changed = dependency("T2", "T5", DependencyKind::FF, -2);
    let after = assert_applies_and_undoes(&mut plan, Command::UpdateDependency(changed.clone()));
    assert_eq!(after.dependencies[1], changed);
}

#[test]
fn update_dependency_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::UpdateDependency(finish_to_start("T5", "T6")));
    assert!(matches!(error, ModelError::NotFound(_)), "{error:?}");
}

#[test]
fn remove_last_dependency_undoes_exactly() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(
        &mut plan,
        Command::RemoveDependency { predecessor: "T3".into(), successor: "T7".into() },
    );
    assert_eq!(after.dependencies.len(), 4);
}

#[test]
fn remove_first_dependency_undoes_exactly() {
    let mut plan = sample_plan();
    assert_applies_and_undoes(
        &mut plan,
        Command::RemoveDependency { predecessor: "T2".into(), successor: "T3".into() },
    );
}

#[test]
fn remove_dependency_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    let error =
        assert_refused(&mut plan, Command::RemoveDependency { predecessor: "T3".into(), successor: "T2".into() });
    assert!(matches!(error, ModelError::NotFound(_)), "{error:?}");
}

// ---------------------------------------------------------------- RACI

#[test]
fn set_raci_adds_changes_and_clears_a_cell_and_each_undoes() {
    let mut plan = sample_plan();
    let after = assert_applies_and_undoes(
        &mut plan,
        Command::SetRaci { task: "T5".into(), person: "P1".into(), role: Some(RaciRole::A) },
    );
    assert_eq!(after.raci.last(), Some(&raci("T5", "P1", RaciRole::A)));

    let after = assert_applies_and_undoes(
        &mut plan,
        Command::SetRaci { task: "T5".into(), person: "P1".into(), role: Some(RaciRole::AR) },
    );
    assert_eq!(after.raci.last(), Some(&raci("T5", "P1", RaciRole::AR)));

    let after =
        assert_applies_and_undoes(&mut plan, Command::SetRaci { task: "T5".into(), person: "P1".into(), role: None });
    assert!(after.raci.iter().all(|cell| !(cell.task.as_str() == "T5" && cell.person.as_str() == "P1")));
}

#[test]
fn clearing_the_first_raci_cell_undoes_exactly() {
    let mut plan = sample_plan();
    assert_applies_and_undoes(&mut plan, Command::SetRaci { task: "T2".into(), person: "P1".into(), role: None });
}

#[test]
fn clearing_an_empty_raci_cell_changes_nothing() {
    let mut plan = sample_plan();
    let undo = apply(&mut plan, Command::SetRaci { task: "T5".into(), person: "P1".into(), role: None }).unwrap();
    assert_eq!(plan, sample_plan());
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, sample_plan());
}

#[test]
fn raci_cell_of_a_missing_task_or_person_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(
        &mut plan,
        Command::SetRaci { task: "T99".into(), person: "P1".into(), role: Some(RaciRole::R) },
    );
    assert_eq!(error, ModelError::NotFound(Item::Task("T99".into())));
    let error =
        assert_refused(&mut plan, Command::SetRaci { task: "T2".into(), person: "P9".into(), role: Some(RaciRole::R) });
    assert_eq!(error, ModelError::NotFound(Item::Person("P9".into())));
}

// ---------------------------------------------------------------- risks

#[test]
fn add_update_and_remove_risk_each_undo() {
    let mut plan = sample_plan();
    let new_risk = risk("R4", "Load test fails", Some("P1"), &["T3", "T6"]);
    let after = assert_applies_and_undoes(&mut plan, Command::AddRisk { risk: new_risk.clone(), index: Some(0) });
    assert_eq!(after.risks[0], new_risk);

    let command = updated_risk(&plan, "R2", |risk| risk.impact = 5);
    let after = assert_applies_and_undoes(&mut plan, command);
    assert_eq!(after.risk("R2").unwrap().impact, 5);

    let after = assert_applies_and_undoes(&mut plan, Command::RemoveRisk("R1".into()));
    assert!(after.risk("R1").is_none());
    assert_eq!(after.risks.len(), 3);
}

#[test]
fn risk_with_a_missing_owner_or_linked_task_is_refused() {
    let mut plan = sample_plan();
    let error = assert_refused(&mut plan, Command::AddRisk { risk: risk("R4", "X", Some("P9"), &[]), index: None });
    assert_eq!(error, ModelError::NotFound(Item::Person("P9".into())));
    let error =
        assert_refused(&mut plan, Command::AddRisk { risk: risk("R4", "X", None, &["T2", "T99"]), index: None });
    assert_eq!(error, ModelError::NotFound(Item::Task("T99".into())));
    let command = updated_risk(&plan, "R1", |risk| risk.owner = Some("P9".into()));
    let error = assert_refused(&mut plan, command);
    assert_eq!(error, ModelError::NotFound(Item::Person("P9".into())));
}

#[test]
fn risk_with_probability_or_impact_outside_one_to_five_is_refused() {
    let mut plan = sample_plan();
    for (probability, impact, field) in
        [(0, 3, "probability"), (6, 3, "probability"), (3, 0, "impact"), (3, 6, "impact")]
    {
        let command = updated_risk(&plan, "R1", |risk| {
            risk.probability = probability;
            risk.impact = impact;
        });
        let error = assert_refused(&mut plan, command);
        assert_invalid_field(&error, field);
    }
}

#[test]
fn risk_with_an_empty_title_a_repeated_link_or_a_used_id_is_refused() {
    let mut plan = sample_plan();
    let command = updated_risk(&plan, "R1", |risk| risk.title = " ".into());
    assert_invalid_field(&assert_refused(&mut plan, command), "title");
    let command = updated_risk(&plan, "R1", |risk| risk.linked_tasks.push("T3".into()));
    let error = assert_refused(&mut plan, command);
    assert_invalid_field(&error, "linked tasks");
    let error = assert_refused(&mut plan, Command::AddRisk { risk: risk("R2", "Again", None, &[]), index: None });
    assert_eq!(error, ModelError::AlreadyExists(Item::Risk("R2".into())));
}

#[test]
fn update_or_remove_a_risk_that_does_not_exist_is_refused() {
    let mut plan = sample_plan();
    assert_eq!(
        assert_refused(&mut plan, Command::UpdateRisk(risk("R9", "Ghost", None, &[]))),
        ModelError::NotFound(Item::Risk("R9".into()))
    );
    assert_eq!(
        assert_refused(&mut plan, Command::RemoveRisk("R9".into())),
        ModelError::NotFound(Item::Risk("R9".into()))
    );
}

// ---------------------------------------------------------------- baselines

fn baseline(id: &str, entries: &[(&str, chrono::NaiveDate, chrono::NaiveDate)]) -> Baseline {
    Baseline {
        id: BaselineId::new(id),
        name: format!("Baseline {id}"),
        taken: date(2027, 2, 1),
        tasks: entries
            .iter()
            .map(|(task, start, finish)| BaselineTask {
                task: TaskId::new(*task),
                start: *start,
                finish: *finish,
                cost: None,
            })
            .collect(),
    }
}

#[test]
fn set_baselines_replaces_them_and_undoes() {
    let mut plan = sample_plan();
    let mut baselines = plan.baselines.clone();
    baselines.push(baseline("B2", &[("T2", date(2027, 2, 1), date(2027, 2, 3))]));
    let after = assert_applies_and_undoes(&mut plan, Command::SetBaselines(baselines.clone()));
    assert_eq!(after.baselines, baselines);
    let after = assert_applies_and_undoes(&mut plan, Command::SetBaselines(vec![]));
    assert!(after.baselines.is_empty());
}

#[test]
fn set_baselines_with_a_repeated_id_a_bad_id_or_a_missing_task_is_refused() {
    let mut plan = sample_plan();
    let twice = vec![baseline("B1", &[]), baseline("B1", &[])];
    assert!(matches!(assert_refused(&mut plan, Command::SetBaselines(twice)), ModelError::AlreadyExists(_)));
    assert_invalid_field(&assert_refused(&mut plan, Command::SetBaselines(vec![baseline("B 1", &[])])), "id");
    let missing = vec![baseline("B2", &[("T99", date(2027, 2, 1), date(2027, 2, 3))])];
    assert_eq!(
        assert_refused(&mut plan, Command::SetBaselines(missing)),
        ModelError::NotFound(Item::Task("T99".into()))
    );
}

#[test]
fn set_baselines_with_a_finish_before_the_start_is_refused() {
    let mut plan = sample_plan();
    let backwards = vec![baseline("B2", &[("T2", date(2027, 2, 3), date(2027, 2, 1))])];
    assert_refused(&mut plan, Command::SetBaselines(backwards));
}

#[test]
fn set_baselines_listing_a_task_twice_is_refused() {
    let mut plan = sample_plan();
    let (start, finish) = (date(2027, 2, 1), date(2027, 2, 3));
    let twice = vec![baseline("B2", &[("T2", start, finish), ("T3", start, finish), ("T2", start, finish)])];
    let error = assert_refused(&mut plan, Command::SetBaselines(twice));
    assert_eq!(error, ModelError::Invalid { field: "tasks".into(), message: "lists task T2 twice".into() });
}

#[test]
fn restoring_a_baseline_entry_for_a_task_the_baseline_lists_is_refused() {
    let mut plan = sample_plan();
    let entry = plan.baselines[0].tasks[0].clone();
    let error = assert_refused(&mut plan, Command::RestoreBaselineEntries(vec![(0, 0, entry.clone())]));
    assert!(
        matches!(&error, ModelError::AlreadyExists(Item::BaselineEntry { task, .. }) if task.as_str() == "T2"),
        "{error:?}"
    );
    // Nor twice in one step, once the baseline no longer has it.
    apply(&mut plan, Command::RemoveBaselineEntries(vec![(0, 0)])).unwrap();
    let twice = Command::RestoreBaselineEntries(vec![(0, 0, entry.clone()), (0, 1, entry)]);
    let error = assert_refused(&mut plan, twice);
    assert!(
        matches!(&error, ModelError::AlreadyExists(Item::BaselineEntry { task, .. }) if task.as_str() == "T2"),
        "{error:?}"
    );
}

// ---------------------------------------------------------------- batches

#[test]
fn batch_applies_all_commands_as_one_step_and_undoes_them_all() {
    let mut plan = sample_plan();
    let batch = Command::Batch(vec![
        add_task(task("T8", "Retrospective", 1)),
        add_dependency("T7", "T8"),
        Command::SetRaci { task: "T8".into(), person: "P1".into(), role: Some(RaciRole::AR) },
        updated_task(&plan, "T2", |task| task.progress = 100),
        Command::Batch(vec![updated_risk(&plan, "R2", |risk| risk.linked_tasks = vec!["T8".into()])]),
    ]);
    let after = assert_applies_and_undoes(&mut plan, batch);
    assert!(after.task("T8").is_some());
    assert_eq!(after.risk("R2").unwrap().linked_tasks, vec![TaskId::new("T8")]);
}

#[test]
fn batch_that_fails_halfway_leaves_the_plan_unchanged() {
    let mut plan = sample_plan();
    let batch = Command::Batch(vec![
        updated_task(&plan, "T2", |task| task.name = "Renamed".into()),
        add_task(task("T8", "Retrospective", 1)),
        add_dependency("T7", "T8"),
        Command::AddPerson { person: person("P4", "Katherine"), index: Some(0) },
        Command::RemoveRisk("R3".into()),
        add_dependency("T8", "T99"),
        add_task(task("T9", "Never added", 1)),
    ]);
    assert_eq!(assert_refused(&mut plan, batch), ModelError::NotFound(Item::Task("T99".into())));
}

#[test]
fn batch_whose_nested_batch_fails_leaves_the_plan_unchanged() {
    let mut plan = sample_plan();
    let batch = Command::Batch(vec![
        add_task(task("T8", "Retrospective", 1)),
        Command::Batch(vec![add_dependency("T7", "T8"), add_dependency("T8", "T2")]),
    ]);
    assert!(matches!(assert_refused(&mut plan, batch), ModelError::Cycle(_)));
}

#[test]
fn batch_that_removes_a_link_and_then_fails_leaves_the_plan_unchanged() {
    let mut plan = sample_plan();
    let batch = Command::Batch(vec![
        Command::RemoveDependency { predecessor: "T2".into(), successor: "T3".into() },
        add_dependency("T2", "T99"),
    ]);
    assert_refused(&mut plan, batch);
}

#[test]
fn batch_that_fails_after_removing_a_subtask_listed_before_its_parent_leaves_the_plan_unchanged() {
    let mut plan = common::empty_plan();
    apply(&mut plan, add_task(task("T1", "Design", 2))).unwrap();
    apply(&mut plan, add_task(task("T2", "Phase 1", 0))).unwrap();
    let batch = Command::Batch(vec![
        updated_task(&plan, "T1", |task| task.parent = Some("T2".into())),
        Command::RemoveTask("T2".into()),
        add_task(task("T3", "", 1)),
    ]);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_refused(&mut plan, batch)));
    assert!(outcome.is_ok(), "apply panicked instead of refusing the batch");
}

#[test]
fn empty_batch_changes_nothing() {
    let mut plan = sample_plan();
    let undo = apply(&mut plan, Command::Batch(vec![])).unwrap();
    assert_eq!(plan, sample_plan());
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, sample_plan());
}

// ---------------------------------------------------------------- edits and files agree

#[test]
fn apply_refuses_dates_that_a_plan_file_cannot_hold() {
    let plan = sample_plan();
    let far_holiday =
        Calendar { holidays: vec![Holiday { date: date(2300, 1, 1), name: "Far".into() }], ..Calendar::default() };
    let commands = [
        Command::SetPlanInfo {
            name: plan.name.clone(),
            description: plan.description.clone(),
            start: date(1969, 12, 31),
        },
        add_task(Task { deadline: Some(date(2201, 1, 1)), ..task("T8", "Far", 1) }),
        updated_risk(&plan, "R1", |risk| risk.review_date = Some(date(1900, 1, 1))),
        Command::SetCalendar(far_holiday),
    ];
    for command in commands {
        let mut edited = plan.clone();
        if apply(&mut edited, command.clone()).is_ok() {
            let error = parse(&to_json(&edited)).unwrap_err();
            panic!("{command:?} was accepted, but the saved plan is refused: {error}");
        }
        assert_eq!(edited, plan);
    }
}

/// Names that show nothing: zero-width characters, a word joiner and a byte order
/// mark among spaces, a soft hyphen, an ideographic space and a Mongolian separator.
const INVISIBLE_NAMES: [&str; 5] =
    ["\u{200B}", "\u{200C}\u{200D}", " \u{2060}\u{FEFF} ", "\u{00AD}", "\u{3000}\u{180E}"];

#[test]
fn a_name_made_only_of_invisible_characters_is_empty_to_an_edit_and_to_a_file() {
    type Rename = fn(&mut Plan, &str);
    type EditOf = fn(&Plan) -> Command;
    let names: [(&str, Rename, EditOf); 4] = [
        (
            "plan.name",
            |plan, name| plan.name = name.into(),
            |plan| Command::SetPlanInfo {
                name: plan.name.clone(),
                description: plan.description.clone(),
                start: plan.start,
            },
        ),
        (
            "plan.tasks[1].name",
            |plan, name| plan.tasks[1].name = name.into(),
            |plan| Command::UpdateTask(plan.tasks[1].clone()),
        ),
        (
            "plan.people[0].name",
            |plan, name| plan.people[0].name = name.into(),
            |plan| Command::UpdatePerson(plan.people[0].clone()),
        ),
        (
            "plan.risks[0].title",
            |plan, name| plan.risks[0].title = name.into(),
            |plan| Command::UpdateRisk(plan.risks[0].clone()),
        ),
    ];
    let plan = sample_plan();
    for name in INVISIBLE_NAMES {
        for (path, rename, edit_of) in names {
            let mut renamed = plan.clone();
            rename(&mut renamed, name);
            let error = assert_refused(&mut plan.clone(), edit_of(&renamed));
            assert!(
                matches!(&error, ModelError::Invalid { message, .. } if message == "must not be empty"),
                "{error:?}"
            );
            let error = parse(&to_json(&renamed)).expect_err(path);
            assert_eq!(error.problems.len(), 1, "{name:?}: {error:?}");
            assert_eq!(error.problems[0].path.as_deref(), Some(path), "{name:?}: {error:?}");
            assert_eq!(error.problems[0].message, "must not be empty", "{name:?}: {error:?}");
        }
    }
}

#[test]
fn an_edit_naming_an_empty_task_or_person_says_it_is_empty() {
    let plan = sample_plan();
    let (start, finish) = (date(2027, 2, 1), date(2027, 2, 3));
    let edits = [
        (updated_task(&plan, "T2", |task| task.parent = Some("".into())), "parent", "task"),
        (add_dependency("", "T3"), "predecessor", "task"),
        (add_dependency("T2", ""), "successor", "task"),
        (Command::SetRaci { task: "".into(), person: "P1".into(), role: Some(RaciRole::C) }, "task", "task"),
        (Command::SetRaci { task: "T2".into(), person: "".into(), role: Some(RaciRole::C) }, "person", "person"),
        (updated_risk(&plan, "R1", |risk| risk.owner = Some("".into())), "owner", "person"),
        (updated_risk(&plan, "R1", |risk| risk.linked_tasks.push("".into())), "linked tasks", "task"),
        (Command::SetBaselines(vec![baseline("B2", &[("", start, finish)])]), "tasks", "task"),
    ];
    for (command, field, kind) in edits {
        let error = assert_refused(&mut plan.clone(), command);
        let message = format!("is empty: it must name a {kind}");
        assert_eq!(error, ModelError::Invalid { field: field.into(), message }, "{field}");
    }
}

/// A command that may or may not be valid for the plan, drawn at random.
fn random_command(plan: &Plan, random: &mut Random) -> Command {
    let task_id = |random: &mut Random| TaskId::new(format!("T{}", 1 + random.below(12)));
    let person_id = |random: &mut Random| PersonId::new(format!("P{}", 1 + random.below(5)));
    match random.below(15) {
        0 => add_task(Task {
            parent: (random.below(2) == 0).then(|| task_id(random)),
            ..task(plan.next_task_id().as_str(), "New", random.below(5) as u32)
        }),
        1 => Command::AddTask {
            task: milestone(plan.next_task_id().as_str(), "Gate"),
            index: Some(random.below(10) as usize),
        },
        2 => Command::RemoveTask(task_id(random)),
        3 => Command::MoveTask { id: task_id(random), index: random.below(10) as usize },
        4 | 5 => Command::AddDependency(dependency(
            task_id(random).as_str(),
            task_id(random).as_str(),
            DependencyKind::ALL[random.below(4) as usize],
            random.below(5) as i32 - 2,
        )),
        6 => Command::RemoveDependency { predecessor: task_id(random), successor: task_id(random) },
        7 => Command::SetRaci {
            task: task_id(random),
            person: person_id(random),
            role: (random.below(3) > 0).then(|| RaciRole::ALL[random.below(5) as usize]),
        },
        8 => Command::AddPerson { person: person(plan.next_person_id().as_str(), "Someone"), index: None },
        9 => Command::RemovePerson(person_id(random)),
        10 => Command::AddRisk {
            risk: risk(
                plan.next_risk_id().as_str(),
                "Risk",
                Some(person_id(random).as_str()),
                &[task_id(random).as_str()],
            ),
            index: None,
        },
        11 => match plan.tasks.first() {
            Some(first) => {
                let mut changed = first.clone();
                changed.parent = (random.below(2) == 0).then(|| task_id(random));
                changed.progress = random.below(110) as u8;
                Command::UpdateTask(changed)
            }
            None => Command::RemoveTask(task_id(random)),
        },
        13 => Command::SetTaskConstraint {
            task: task_id(random),
            constraint: (random.below(4) > 0).then(|| DateConstraint {
                kind: ConstraintKind::ALL[random.below(6) as usize],
                date: date(2027, 1, 1 + random.below(28) as u32),
            }),
        },
        12 => Command::SetBaselines(vec![baseline(
            "B1",
            &[(task_id(random).as_str(), date(2027, 1, 4), date(2027, 1, 8))],
        )]),
        _ => Command::Batch(vec![random_command(plan, random), random_command(plan, random)]),
    }
}

#[test]
fn random_edits_keep_the_plan_valid_refusals_change_nothing_and_undo_walks_back() {
    let mut applied = 0;
    for seed in 0..40 {
        let mut random = Random::new(seed);
        let mut plan = common::empty_plan();
        let mut history: Vec<(Plan, Command)> = Vec::new();
        for _ in 0..80 {
            let command = random_command(&plan, &mut random);
            let before = plan.clone();
            match apply(&mut plan, command.clone()) {
                Ok(undo) => {
                    if let Err(error) = parse(&to_json(&plan)) {
                        panic!("seed {seed}: after {command:?} the plan no longer reads back: {error}");
                    }
                    history.push((before, undo));
                    applied += 1;
                }
                Err(_) => assert_plans_equal(&plan, &before, &format!("seed {seed}: refused {command:?}")),
            }
        }
        while let Some((before, undo)) = history.pop() {
            apply(&mut plan, undo.clone()).unwrap_or_else(|error| panic!("seed {seed}: undo {undo:?} failed: {error}"));
            assert_plans_equal(
                &sorted_references(&plan),
                &sorted_references(&before),
                &format!("seed {seed}: after undo {undo:?}"),
            );
            // Keep walking back from the exact earlier plan, so one reordering does not hide the next.
            plan = before;
        }
    }
    // About a third of the random commands are valid; make sure the test exercises them.
    assert!(applied > 800, "only {applied} commands applied");
}

// ---------------------------------------------------------------- lookups and ids

#[test]
fn next_ids_are_one_more_than_the_highest_number_in_use() {
    let plan = common::empty_plan();
    assert_eq!(plan.next_task_id(), TaskId::new("T1"));
    assert_eq!(plan.next_person_id(), PersonId::new("P1"));
    assert_eq!(plan.next_risk_id(), RiskId::new("R1"));
    assert_eq!(plan.next_baseline_id(), BaselineId::new("B1"));

    let plan = sample_plan();
    assert_eq!(plan.next_task_id(), TaskId::new("T8"));
    assert_eq!(plan.next_person_id(), PersonId::new("P4"));
    assert_eq!(plan.next_risk_id(), RiskId::new("R4"));
    assert_eq!(plan.next_baseline_id(), BaselineId::new("B2"));

    let mut plan = common::empty_plan();
    plan.tasks = vec![
        task("T2", "a", 1),
        task("T10", "b", 1),
        task("design", "c", 1),
        task("T11x", "d", 1),
        task("T009", "e", 1),
    ];
    assert_eq!(plan.next_task_id(), TaskId::new("T11"));
}

#[test]
fn next_id_is_never_one_in_use() {
    let mut plan = common::empty_plan();
    plan.tasks = vec![task("T1", "a", 1), task("T3", "b", 1), task("T4", "c", 1)];
    let next = plan.next_task_id();
    assert!(plan.task(next.as_str()).is_none());
}

#[test]
fn next_id_after_the_largest_number_does_not_panic_and_is_unused() {
    let mut plan = common::empty_plan();
    plan.tasks = vec![task("T18446744073709551615", "Huge", 1)];
    assert!(parse(&to_json(&plan)).is_ok(), "the file format accepts this id");
    let next = plan.next_task_id();
    assert!(plan.task(next.as_str()).is_none());
}

#[test]
fn lookups_find_items_by_id() {
    let plan = sample_plan();
    assert_eq!(plan.task("T3").unwrap().name, "API build");
    assert_eq!(plan.task_index("T5"), Some(4));
    assert_eq!(plan.task_index("T99"), None);
    assert_eq!(plan.person("P2").unwrap().name, "Grace Hopper");
    assert_eq!(plan.risk("R2").unwrap().title, "Designer on leave");
    assert!(plan.has_children("T1") && plan.has_children("T4"));
    assert!(!plan.has_children("T2") && !plan.has_children("T7"));
    assert_eq!(plan.dependency_index(&"T3".into(), &"T6".into()), Some(2));
    assert_eq!(plan.dependency_index(&"T6".into(), &"T3".into()), None);
    assert_eq!(plan.subtree_len(0), 3);
    assert_eq!(plan.subtree_len(1), 1);
    assert_eq!(plan.subtree_len(3), 3);
    assert_eq!(plan.subtree_len(6), 1);
}

#[test]
fn new_items_have_documented_defaults() {
    let new_task = Task::new("T1".into(), "Design");
    assert_eq!((new_task.duration, new_task.progress, new_task.kind), (1, 0, TaskKind::Task));
    let new_risk = Risk::new("R1".into(), "Late");
    assert_eq!((new_risk.probability, new_risk.impact, new_risk.score()), (3, 3, 9));
    assert_eq!(new_risk.owner, None);
    let new_plan = Plan::new("P", date(2027, 1, 4));
    assert_eq!(new_plan.calendar, Calendar::default());
    assert_eq!(new_plan.calendar.working_weekdays.len(), 5);
}

#[test]
fn model_errors_read_as_sentences() {
    assert_eq!(ModelError::NotFound(Item::Task("T9".into())).to_string(), "task T9 does not exist");
    assert_eq!(ModelError::AlreadyExists(Item::Person("P1".into())).to_string(), "person P1 already exists");
    let invalid = ModelError::Invalid { field: "progress".into(), message: "101 is more than 100 percent".into() };
    assert_eq!(invalid.to_string(), "progress 101 is more than 100 percent");
}

#[test]
fn moving_a_task_under_its_own_subtask_names_both_as_data_and_in_words() {
    let mut plan = sample_plan();
    let parent = plan.tasks.iter().find(|task| task.parent.is_some()).and_then(|task| task.parent.clone()).unwrap();
    let child = plan.tasks.iter().find(|task| task.parent.as_ref() == Some(&parent)).unwrap().id.clone();
    let command = updated_task(&plan, parent.as_str(), |task| task.parent = Some(child.clone()));
    let error = assert_refused(&mut plan, command);
    assert_eq!(error, ModelError::Cycle(Circular::UnderItself { task: parent.clone(), parent: child.clone() }));
    assert_eq!(error.to_string(), format!("{parent} cannot move under {child}, which is inside it"));
}
