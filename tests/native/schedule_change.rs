//! The sentence a screen reader hears after an edit (`analysis::change`).

use planwright::analysis::change::{describe, Snapshot};
use planwright::model::{apply, Command, Plan, TaskId};
use planwright::schedule;

use crate::common::{sample_plan, subtask};

/// Applies `edit` to the sample plan and describes the change, naming `edited`.
fn sentence_after(edit: impl FnOnce(&Plan) -> Command, edited: Option<&str>) -> (Plan, Option<String>) {
    let mut plan = sample_plan();
    let before = Snapshot::of(&schedule::compute(&plan).unwrap());
    let command = edit(&plan);
    apply(&mut plan, command).unwrap();
    let after = schedule::compute(&plan).unwrap();
    let edited = edited.map(TaskId::new);
    let sentence = describe(&plan, &before, &after, edited.as_ref());
    (plan, sentence)
}

fn longer(plan: &Plan, id: &str, days: u32) -> Command {
    let mut task = plan.task(id).unwrap().clone();
    task.duration += days;
    Command::UpdateTask(task)
}

#[test]
fn a_longer_task_names_its_new_finish_the_tasks_it_moves_and_the_plan_finish() {
    let (plan, sentence) = sentence_after(|plan| longer(plan, "T3", 2), Some("T3"));
    let after = schedule::compute(&plan).unwrap();
    let t3 = plan.task_index("T3").unwrap();
    let sentence = sentence.expect("the change is described");
    assert!(
        sentence.starts_with(&format!("T3 now finishes {}, 2 working days later; ", after.finish_date(t3))),
        "{sentence}"
    );
    assert!(sentence.contains(" other tasks moved; ") || sentence.contains(" other task moved; "), "{sentence}");
    assert!(sentence.ends_with(&format!("the plan finishes {}", after.finish_date_of_plan())), "{sentence}");
}

#[test]
fn a_shorter_task_is_earlier_and_one_day_is_said_in_the_singular() {
    let (_, sentence) = sentence_after(
        |plan| {
            let mut task = plan.task("T5").unwrap().clone();
            task.duration -= 1;
            Command::UpdateTask(task)
        },
        Some("T5"),
    );
    let sentence = sentence.unwrap();
    assert!(sentence.contains("1 working day earlier"), "{sentence}");
}

#[test]
fn an_edit_that_moves_nothing_says_nothing() {
    let (_, sentence) = sentence_after(
        |plan| {
            let mut task = plan.task("T2").unwrap().clone();
            task.name = "API design and review".into();
            Command::UpdateTask(task)
        },
        Some("T2"),
    );
    assert_eq!(sentence, None);
}

#[test]
fn an_added_task_says_only_the_plan_finish_when_it_moves() {
    let (plan, sentence) =
        sentence_after(|_| Command::AddTask { task: subtask("T8", "Load test", 30, "T4"), index: None }, None);
    let after = schedule::compute(&plan).unwrap();
    assert_eq!(sentence, Some(format!("the plan finishes {}", after.finish_date_of_plan())));
}
