//! Detecting that another plan's task moved or went, and explaining what it does to
//! this plan: one command for all of it, and a sentence per change.

use planwright::model::{apply, Command, DependencyKind, Plan, TaskId};
use planwright::portfolio::{refresh, ExternalChangeKind, OtherPlan, UncheckedReason};
use planwright::schedule::{compute, Schedule};

use super::{external, known, mobile, payments, platform, platform_slipped, PLATFORM};
use crate::common::date;

/// Refreshes `plan` from `others`, each scheduled.
fn refreshed(plan: &Plan, others: &[Plan]) -> planwright::portfolio::ExternalRefresh {
    let schedules: Vec<Schedule> = others.iter().map(|other| compute(other).unwrap()).collect();
    let others: Vec<OtherPlan> =
        others.iter().zip(&schedules).map(|(plan, schedule)| OtherPlan { plan, schedule }).collect();
    refresh(plan, &others).unwrap()
}

#[test]
fn nothing_changed_means_nothing_to_refresh() {
    let found = refreshed(&payments(), &[platform()]);
    assert!(found.is_empty());
    assert_eq!(found.command, None);
}

#[test]
fn a_slip_in_the_other_plan_is_told_in_the_issues_words() {
    let found = refreshed(&payments(), &[platform_slipped(5)]);
    assert_eq!(found.changes.len(), 1);
    let change = &found.changes[0];
    assert_eq!(
        change.sentence,
        "Platform GA moved 5 working days later; T12 and 4 tasks after it move; your launch moves 3 working days"
    );
    let moved: Vec<&str> = match &change.kind {
        ExternalChangeKind::Moved { working_days: 5, moved_tasks, launch: 3 } => {
            moved_tasks.iter().map(TaskId::as_str).collect()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(moved, ["T12", "T13", "T14", "T15", "T20"], "the moved tasks are named");
    assert_eq!((change.known.start, change.known.finish), (date(2027, 1, 22), date(2027, 1, 22)));
}

#[test]
fn the_refresh_is_one_command_that_moves_the_plan_and_one_undo_puts_it_back() {
    let mut plan = payments();
    let before = plan.clone();
    let found = refreshed(&plan, &[platform_slipped(5)]);
    let undo = apply(&mut plan, found.command.expect("a change")).unwrap();
    assert_eq!(plan.external_dependencies[0].known.finish, date(2027, 1, 22));
    let live = plan.task_index("T20").unwrap();
    assert_eq!(compute(&plan).unwrap().finish_date(live), date(2027, 2, 5));
    assert!(refreshed(&plan, &[platform_slipped(5)]).is_empty(), "refreshed, it is up to date");
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn a_move_the_float_absorbs_moves_nothing() {
    let found = refreshed(&payments(), &[platform_slipped(1)]);
    assert_eq!(
        found.changes[0].sentence,
        "Platform GA moved 1 working day later; T12 and 3 tasks after it move; your launch does not move"
    );
    let mut late = payments();
    late.external_dependencies[0].kind = DependencyKind::SS;
    late.external_dependencies[0].lag = -20;
    let found = refreshed(&late, &[platform_slipped(1)]);
    assert_eq!(found.changes[0].sentence, "Platform GA moved 1 working day later; nothing in this plan moves");
}

#[test]
fn an_earlier_date_is_told_as_earlier() {
    let mut plan = payments();
    plan.external_dependencies[0].known = known("Platform", "Platform GA", true, date(2027, 1, 22), date(2027, 1, 22));
    let found = refreshed(&plan, &[platform()]);
    assert_eq!(
        found.changes[0].sentence,
        "Platform GA moved 5 working days earlier; T12 and 4 tasks after it move; your launch moves 3 working days earlier"
    );
}

#[test]
fn a_task_gone_from_its_plan_is_marked_missing_never_dropped_and_keeps_its_dates() {
    let mut gone = platform();
    gone.tasks.remove(1);
    gone.dependencies.clear();
    let mut plan = payments();
    let found = refreshed(&plan, &[gone]);
    let change = &found.changes[0];
    assert_eq!(change.kind, ExternalChangeKind::Missing);
    assert_eq!(
        change.sentence,
        "Platform GA (T2 of Platform) is no longer in Platform: the link to T12 keeps its last known dates (2027-01-15) and is marked missing"
    );
    let scheduled = compute(&plan).unwrap();
    apply(&mut plan, found.command.unwrap()).unwrap();
    assert_eq!(plan.external_dependencies.len(), 1, "kept");
    assert!(plan.external_dependencies[0].known.missing);
    assert_eq!(plan.external_dependencies[0].known.finish, date(2027, 1, 15), "with its last known dates");
    assert_eq!(compute(&plan).unwrap(), scheduled, "and still holding its successor there");

    let back = refreshed(&plan, &[platform()]);
    assert_eq!(back.changes[0].kind, ExternalChangeKind::Found);
    assert_eq!(
        back.changes[0].sentence,
        "Platform GA is in Platform again: the link to T12 is no longer marked missing"
    );
}

#[test]
fn a_renamed_task_or_plan_is_refreshed_and_said() {
    let mut renamed = platform();
    renamed.name = "Core platform".into();
    renamed.tasks[1].name = "GA".into();
    let found = refreshed(&payments(), &[renamed]);
    assert_eq!(found.changes[0].kind, ExternalChangeKind::Renamed);
    assert_eq!(found.changes[0].sentence, "Platform GA is now called \"GA\"; Platform is now called \"Core platform\"");
}

#[test]
fn links_to_a_plan_not_here_or_here_twice_are_left_unchecked() {
    let plan = payments();
    let found = refreshed(&plan, &[mobile()]);
    assert_eq!(found.unchecked[0].reason, UncheckedReason::PlanNotHere);
    assert!(found.changes.is_empty());
    let found = refreshed(&plan, &[platform_slipped(5), platform()]);
    assert_eq!(found.unchecked[0].reason, UncheckedReason::SeveralPlans(2));
    assert_eq!(found.command, None, "which copy is meant cannot be told: nothing is refreshed");
}

#[test]
fn several_moves_are_told_one_by_one_and_together() {
    let mut plan = payments();
    let harden = known("Platform", "Harden the platform", false, date(2027, 1, 18), date(2027, 1, 29));
    plan.external_dependencies.push(external(PLATFORM, "T3", "T30", DependencyKind::FS, -23, harden));
    let found = refreshed(&plan, &[platform_slipped(5)]);
    let sentences: Vec<&str> = found.changes.iter().map(|change| change.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "Platform GA moved 5 working days later; T12 and 4 tasks after it move; your launch moves 3 working days",
            "Harden the platform moved 5 working days later; T30 and 1 task after it move; your launch moves 2 working days",
        ]
    );
    assert_eq!(found.together.as_deref(), Some("Together, your launch moves 3 working days"));
    match &found.command {
        Some(Command::Batch(commands)) => assert_eq!(commands.len(), 2, "one command for all"),
        other => panic!("{other:?}"),
    }
}
