//! MSPDI export: reading an exported file gives back the same tasks, hierarchy,
//! links, calendar, people, Responsible assignments and baseline; UIDs stay the same
//! from one export to the next; the same plan gives the same bytes.

use std::collections::BTreeSet;

use planwright::file::mspdi;
use planwright::model::generate::program_plan;
use planwright::model::{Plan, TaskId};
use planwright::schedule;

use super::example_plan;

/// The Responsible (R or A/R) pairs of a plan.
fn responsible(plan: &Plan) -> BTreeSet<(String, String)> {
    plan.raci
        .iter()
        .filter(|cell| cell.role.is_responsible())
        .map(|cell| (cell.task.to_string(), cell.person.to_string()))
        .collect()
}

/// What a round trip keeps, compared field by field so a failure says which.
fn assert_round_trip(plan: &Plan) {
    let text = mspdi::write(plan);
    let back = mspdi::read(&text).unwrap_or_else(|error| panic!("{error}")).plan;
    assert_eq!(back.name, plan.name);
    assert_eq!(back.start, plan.start);
    assert_eq!(back.calendar, plan.calendar, "calendar");
    let fields = |plan: &Plan| {
        plan.tasks
            .iter()
            .map(|task| {
                let duration = if plan.has_children(task.id.as_str()) { None } else { Some(task.duration) };
                (task.id.clone(), task.name.clone(), task.parent.clone(), task.kind, duration, task.progress)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(&back), fields(plan), "tasks and hierarchy");
    let dates = |plan: &Plan| {
        plan.tasks.iter().map(|task| (task.date_constraint(), task.deadline, task.notes.clone())).collect::<Vec<_>>()
    };
    assert_eq!(dates(&back), dates(plan), "constraints, deadlines and notes");
    assert_eq!(back.dependencies, plan.dependencies, "links");
    assert_eq!(back.people, plan.people, "people");
    assert_eq!(responsible(&back), responsible(plan), "Responsible assignments");
    let baseline_tasks = |plan: &Plan| plan.baselines.last().map(|baseline| baseline.tasks.clone());
    assert_eq!(baseline_tasks(&back), baseline_tasks(plan), "baseline");
    let ours = schedule::compute(plan).unwrap();
    let theirs = schedule::compute(&back).unwrap();
    for index in 0..plan.tasks.len() {
        assert_eq!(theirs.start_date(index), ours.start_date(index), "start of {}", plan.tasks[index].id);
        assert_eq!(theirs.finish_date(index), ours.finish_date(index), "finish of {}", plan.tasks[index].id);
    }
}

/// The example plan with a baseline taken of its schedule, as a planner would before
/// sending it out.
fn example_plan_with_baseline() -> Plan {
    let mut plan = example_plan();
    let schedule = schedule::compute(&plan).unwrap();
    let taken = plan.start;
    plan.baselines.push(schedule::take_baseline(&plan, &schedule, "B1".into(), "Kick-off".into(), taken));
    plan
}

#[test]
fn the_example_plan_comes_back_from_ms_project_xml_as_it_went() {
    let plan = example_plan_with_baseline();
    assert!(!plan.calendar.holidays.is_empty() && !plan.people.is_empty() && !plan.raci.is_empty());
    assert_round_trip(&plan);
}

#[test]
fn generated_plans_come_back_from_ms_project_xml_as_they_went() {
    for tasks in [1, 40, 500] {
        assert_round_trip(&program_plan(tasks));
    }
}

#[test]
fn the_same_plan_gives_the_same_file_and_uids_stay_when_tasks_are_added() {
    let plan = example_plan();
    assert_eq!(mspdi::write(&plan), mspdi::write(&plan));
    let mut grown = plan.clone();
    let mut extra = planwright::model::Task::new(TaskId::from("design-spike"), "Design spike");
    extra.duration = 2;
    grown.tasks.insert(0, extra);
    let before = mspdi::task_uids(&plan);
    let after = mspdi::task_uids(&grown);
    assert_eq!(&after[1..], &before[..], "every task keeps its UID");
    assert!(!before.contains(&after[0]));
}

#[test]
fn a_reimported_export_keeps_the_task_ids_so_it_updates_rather_than_duplicates() {
    let plan = program_plan(60);
    let back = mspdi::read(&mspdi::write(&plan)).unwrap().plan;
    let ids = |plan: &Plan| plan.tasks.iter().map(|task| task.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&back), ids(&plan));
}

#[test]
fn an_export_has_no_losses_when_read_back() {
    let imported = mspdi::read(&mspdi::write(&example_plan_with_baseline())).unwrap();
    assert_eq!(
        imported.losses,
        Vec::new(),
        "{:?}",
        imported.losses.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
}

#[test]
fn names_and_notes_with_markup_characters_come_back_unchanged() {
    let mut plan = example_plan();
    plan.name = "R&D <pilot> \"Øresund\" 'β' 😀".into();
    plan.tasks[1].name = "Design & review <v2>".into();
    plan.tasks[1].notes = "Line one\nLine two: a < b && c > d".into();
    plan.people[0].team = "Ops & SRE".into();
    let back = mspdi::read(&mspdi::write(&plan)).unwrap().plan;
    assert_eq!(back.name, plan.name);
    assert_eq!(back.tasks[1].name, plan.tasks[1].name);
    assert_eq!(back.tasks[1].notes, plan.tasks[1].notes);
    assert_eq!(back.people[0].team, "Ops & SRE");
}
