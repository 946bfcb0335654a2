//! What a plan needs to be one of several: an id kept in its file, links to tasks of
//! other plans (in the file, through the commands, in the schedule, in compare), and
//! an optional e-mail address per person.

use planwright::diff::{diff, merge, Change, Selection};
use planwright::file::{parse, to_json, FileErrorKind};
use planwright::model::{apply, Command, ConstraintKind, DateConstraint, DependencyKind, ModelError, PlanId, TaskId};
use planwright::schedule::{compute, drivers, Driver};

use super::{external, fixture_text, known, payments, platform_ga, PAYMENTS, PLATFORM};
use crate::common::{date, empty_plan, finish_to_start, milestone, subtask, task};

// ---------------------------------------------------------------- the plan's id

#[test]
fn a_file_without_a_plan_id_reads_unchanged_and_is_written_back_byte_for_byte() {
    for name in ["minimal.plan.json", "full.plan.json", "constraints.plan.json"] {
        let text = fixture_text("accept", name);
        let plan = parse(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(plan.id, None, "{name}");
        assert!(plan.external_dependencies.is_empty(), "{name}");
        assert_eq!(to_json(&plan), text, "{name} is written back as it was");
    }
}

#[test]
fn a_plan_gets_an_id_at_its_first_save_and_keeps_it() {
    let mut plan = parse(&fixture_text("accept", "minimal.plan.json")).unwrap();
    plan.stamp_revision(date(2027, 1, 8));
    let id = plan.id.clone().expect("the save gave it an id");
    assert!(to_json(&plan).starts_with(&format!("{{\n  \"format\": \"planwright\",\n  \"version\": 1,\n  \"plan\": {{\n    \"id\": \"{id}\",\n    \"name\": \"Launch\",\n")));
    plan.stamp_revision(date(2027, 1, 9));
    assert_eq!(plan.id.as_ref(), Some(&id), "a later save keeps it");
    assert_eq!(parse(&to_json(&plan)).unwrap().id, Some(id), "the file keeps it");
}

#[test]
fn a_new_plan_id_is_pl_and_eight_hexadecimal_digits_and_differs_from_every_other() {
    let ids: std::collections::HashSet<PlanId> = (0..10_000).map(|_| PlanId::generate()).collect();
    assert_eq!(ids.len(), 10_000);
    for id in ids.iter().take(100) {
        let digits = id.as_str().strip_prefix("pl-").expect("starts with pl-");
        assert_eq!(digits.len(), 8, "{id}");
        assert!(digits.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{id}");
    }
}

#[test]
fn an_edit_never_changes_the_plan_id() {
    let mut plan = payments();
    let start = plan.start;
    apply(&mut plan, Command::SetPlanInfo { name: "Renamed".into(), description: String::new(), start }).unwrap();
    assert_eq!(plan.id, Some(PlanId::new(PAYMENTS)));
}

// ---------------------------------------------------------------- the file

#[test]
fn a_file_with_an_id_external_links_and_e_mail_reads_and_is_written_back_byte_for_byte() {
    let text = fixture_text("accept", "external_dependencies.plan.json");
    let plan = parse(&text).unwrap();
    assert_eq!(plan.id, Some(PlanId::new("pl-0b7e5d13")));
    assert_eq!(plan.people[0].email, "maya.okafor@example.com");
    assert_eq!(plan.people[1].email, "", "an address left out reads as none");
    let links = &plan.external_dependencies;
    assert_eq!(links.len(), 3);
    assert_eq!(links[0], external("pl-4f9c2a1b", "T2", "T12", DependencyKind::FS, 0, platform_ga()));
    assert_eq!((links[1].kind, links[1].lag, links[1].known.milestone), (DependencyKind::SS, 2, false));
    assert!(links[2].known.missing);
    assert_eq!(to_json(&plan), text);
}

#[test]
fn each_broken_external_link_id_or_address_is_refused_at_its_path() {
    let cases = [
        ("external_dependency_to_its_own_plan", "plan.external_dependencies[0].plan", "this plan's own id"),
        ("external_dependency_unknown_successor", "plan.external_dependencies[0].successor", "task T9"),
        ("external_dependency_twice", "plan.external_dependencies[1]", "listed twice"),
        ("external_dependency_date_not_real", "plan.external_dependencies[0].known.start", "not a real calendar date"),
        ("external_dependency_finish_before_start", "plan.external_dependencies[0].known.finish", "before the start"),
        (
            "external_dependency_milestone_on_two_days",
            "plan.external_dependencies[0].known.finish",
            "a milestone is on one day",
        ),
        ("external_dependency_unknown_field", "plan.external_dependencies[0].known.colour", "colour"),
        ("external_dependency_without_plan", "plan.external_dependencies[0]", "plan"),
        ("plan_id_not_an_id", "plan.id", "may use only letters"),
        ("person_email_not_an_address", "plan.people[0].email", "is not an e-mail address"),
    ];
    for (name, path, part) in cases {
        let error = parse(&fixture_text("reject", &format!("{name}.json"))).expect_err(name);
        let problem = error
            .problems
            .iter()
            .find(|problem| problem.path.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("{name}: no problem at {path}: {error:?}"));
        assert!(problem.message.contains(part), "{name}: {}", problem.message);
        assert!(matches!(error.kind, FileErrorKind::Invalid | FileErrorKind::Structure), "{name}: {error:?}");
    }
}

// ---------------------------------------------------------------- the commands

#[test]
fn commands_add_change_refresh_and_remove_an_external_link_each_undone() {
    let mut plan = payments();
    let original = plan.clone();
    let added = external(
        PLATFORM,
        "T3",
        "T13",
        DependencyKind::SS,
        1,
        known("Platform", "Harden", false, date(2027, 1, 18), date(2027, 1, 29)),
    );
    let undo_add = apply(&mut plan, Command::AddExternalDependency(added.clone())).unwrap();
    assert_eq!(plan.external_dependencies.last(), Some(&added));

    let changed = planwright::model::ExternalDependency { kind: DependencyKind::FS, lag: -2, ..added.clone() };
    let undo_change = apply(&mut plan, Command::UpdateExternalDependency(changed.clone())).unwrap();
    assert_eq!(plan.external_dependencies[1], changed);

    let fresh = known("Platform", "Harden the platform", false, date(2027, 1, 25), date(2027, 2, 5));
    let refresh = Command::RefreshExternalDependency {
        plan: PlanId::new(PLATFORM),
        predecessor: TaskId::new("T3"),
        successor: TaskId::new("T13"),
        known: fresh.clone(),
    };
    let undo_refresh = apply(&mut plan, refresh).unwrap();
    assert_eq!(plan.external_dependencies[1].known, fresh);
    assert_eq!(
        (plan.external_dependencies[1].kind, plan.external_dependencies[1].lag),
        (DependencyKind::FS, -2),
        "a refresh keeps the kind and lag"
    );

    let remove = Command::RemoveExternalDependency {
        plan: PlanId::new(PLATFORM),
        predecessor: TaskId::new("T2"),
        successor: TaskId::new("T12"),
    };
    let undo_remove = apply(&mut plan, remove).unwrap();
    assert_eq!(plan.external_dependencies.len(), 1);
    apply(&mut plan, undo_remove).unwrap();
    assert_eq!(plan.external_dependencies[0], original.external_dependencies[0], "back at its place");
    for undo in [undo_refresh, undo_change, undo_add] {
        apply(&mut plan, undo).unwrap();
    }
    assert_eq!(plan, original);
}

#[test]
fn an_external_link_to_its_own_plan_twice_to_an_unknown_task_or_with_bad_dates_is_refused() {
    let mut plan = payments();
    let before = plan.clone();
    let own = external(PAYMENTS, "T15", "T12", DependencyKind::FS, 0, platform_ga());
    let error = apply(&mut plan, Command::AddExternalDependency(own)).unwrap_err();
    assert!(matches!(&error, ModelError::Invalid { field, .. } if field == "plan"), "{error}");
    let twice = plan.external_dependencies[0].clone();
    assert!(matches!(apply(&mut plan, Command::AddExternalDependency(twice)), Err(ModelError::AlreadyExists(_))));
    let unknown = external(PLATFORM, "T2", "T99", DependencyKind::FS, 0, platform_ga());
    assert_eq!(
        apply(&mut plan, Command::AddExternalDependency(unknown)).unwrap_err().to_string(),
        "task T99 does not exist"
    );
    let backwards = external(
        PLATFORM,
        "T1",
        "T13",
        DependencyKind::FS,
        0,
        known("Platform", "Build", false, date(2027, 1, 15), date(2027, 1, 4)),
    );
    let error = apply(&mut plan, Command::AddExternalDependency(backwards)).unwrap_err();
    assert!(error.to_string().contains("known.finish 2027-01-04 is before the start"), "{error}");
    let gone = Command::RemoveExternalDependency {
        plan: PlanId::new(PLATFORM),
        predecessor: TaskId::new("T7"),
        successor: TaskId::new("T12"),
    };
    assert_eq!(apply(&mut plan, gone).unwrap_err().to_string(), "the link T7 of pl-4f9c2a1b → T12 does not exist");
    assert_eq!(plan, before, "a refused edit changes nothing");
}

#[test]
fn removing_a_successor_removes_its_external_links_and_undo_puts_them_back() {
    let mut plan = payments();
    let before = plan.clone();
    let undo = apply(&mut plan, Command::RemoveTask(TaskId::new("T12"))).unwrap();
    assert!(plan.external_dependencies.is_empty());
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
}

// ---------------------------------------------------------------- the schedule

/// A plan of one 2-day task T1 waiting on an external task known to run 2027-01-05 to
/// 2027-01-07 (Tuesday to Thursday), or a milestone on Thursday, by `kind` and `lag`.
fn waiting(kind: DependencyKind, lag: i32, milestone: bool) -> planwright::model::Plan {
    let mut plan = empty_plan();
    plan.tasks = vec![task("T1", "Waits", 2)];
    let start = if milestone { date(2027, 1, 7) } else { date(2027, 1, 5) };
    let other = known("Other", "Other task", milestone, start, date(2027, 1, 7));
    plan.external_dependencies = vec![external("pl-other", "T9", "T1", kind, lag, other)];
    plan
}

#[test]
fn an_external_predecessor_holds_its_successor_like_a_task_fixed_at_its_known_dates() {
    // (kind, lag, milestone) → T1's start and finish.
    let cases = [
        (DependencyKind::FS, 0, false, (date(2027, 1, 8), date(2027, 1, 11))),
        (DependencyKind::FS, 2, false, (date(2027, 1, 12), date(2027, 1, 13))),
        (DependencyKind::FS, -1, false, (date(2027, 1, 7), date(2027, 1, 8))),
        (DependencyKind::SS, 0, false, (date(2027, 1, 5), date(2027, 1, 6))),
        (DependencyKind::SS, 1, false, (date(2027, 1, 6), date(2027, 1, 7))),
        (DependencyKind::FF, 0, false, (date(2027, 1, 6), date(2027, 1, 7))),
        (DependencyKind::SF, 3, false, (date(2027, 1, 6), date(2027, 1, 7))),
        // A milestone stands at the end of its day, as after finish-to-start links.
        (DependencyKind::FS, 0, true, (date(2027, 1, 8), date(2027, 1, 11))),
        (DependencyKind::SS, 0, true, (date(2027, 1, 8), date(2027, 1, 11))),
    ];
    for (kind, lag, is_milestone, expected) in cases {
        let plan = waiting(kind, lag, is_milestone);
        let schedule = compute(&plan).unwrap();
        let dates = (schedule.start_date(0), schedule.finish_date(0));
        assert_eq!(dates, expected, "{kind:?} {lag:+} {}", if is_milestone { "after a milestone" } else { "" });
    }
}

#[test]
fn a_known_date_this_calendar_does_not_work_counts_as_its_next_working_day() {
    let mut plan = waiting(DependencyKind::SS, 0, false);
    plan.calendar.holidays = vec![planwright::model::Holiday { date: date(2027, 1, 5), name: "Closed".into() }];
    let schedule = compute(&plan).unwrap();
    assert_eq!(schedule.start_date(0), date(2027, 1, 6), "the other plan worked on a day this one does not");
}

#[test]
fn an_external_predecessor_is_not_part_of_the_plans_finish_or_float() {
    let mut plan = waiting(DependencyKind::SS, 0, false);
    plan.external_dependencies[0].known.finish = date(2027, 3, 31);
    let schedule = compute(&plan).unwrap();
    assert_eq!(schedule.finish_date_of_plan(), date(2027, 1, 6), "the plan ends with its own work");
    assert!(schedule.tasks[0].critical);
}

#[test]
fn a_missing_external_task_still_holds_its_successor_at_its_last_known_dates() {
    let mut plan = payments();
    let on_time = compute(&plan).unwrap();
    plan.external_dependencies[0].known.missing = true;
    assert_eq!(compute(&plan).unwrap(), on_time);
}

#[test]
fn a_constraint_an_external_link_makes_impossible_names_the_task_and_its_plan() {
    let mut plan = payments();
    let must_finish = DateConstraint { kind: ConstraintKind::MustFinishOn, date: date(2027, 1, 20) };
    plan.tasks[0].set_date_constraint(Some(must_finish));
    let schedule = compute(&plan).unwrap();
    assert_eq!(
        schedule.conflicts[0].to_string(),
        "T12 must finish on 2027-01-20 but its predecessor T2 of Platform (FS) finishes on 2027-01-15"
    );
}

#[test]
fn drivers_name_what_holds_each_task_a_link_an_external_link_a_summary_a_constraint_or_the_start() {
    let mut plan = payments();
    plan.tasks.insert(0, task("T1", "Documentation", 0));
    plan.tasks[5].set_date_constraint(Some(DateConstraint {
        kind: ConstraintKind::StartNoEarlierThan,
        date: date(2027, 1, 11),
    }));
    plan.tasks.push(subtask("T40", "Docs", 1, "T1"));
    plan.dependencies.push(finish_to_start("T30", "T1"));
    let schedule = compute(&plan).unwrap();
    let held = drivers(&plan, &schedule);
    let index = |id: &str| plan.task_index(id).unwrap();
    assert_eq!(held.of(index("T12")), Driver::External(0));
    assert_eq!(held.of(index("T13")), Driver::Link(0));
    assert_eq!(held.of(index("T30")), Driver::Constraint);
    assert_eq!(held.of(index("T40")), Driver::Summary { task: index("T1"), on_start: true });
    assert_eq!(held.on_side(index("T1"), true), Driver::Link(5), "the summary's own link holds its subtasks");
    assert_eq!(held.shown_by(index("T1"), false), index("T40"), "the subtask that finishes it last");
    let mut alone = empty_plan();
    alone.tasks = vec![task("T1", "First", 3), milestone("T2", "Done")];
    alone.dependencies = vec![finish_to_start("T1", "T2")];
    let held = drivers(&alone, &compute(&alone).unwrap());
    assert_eq!((held.of(0), held.of(1)), (Driver::PlanStart, Driver::Link(0)));
}

// ---------------------------------------------------------------- compare and merge

#[test]
fn compare_lists_external_links_and_e_mail_addresses_and_merging_takes_them() {
    let ours = payments();
    let mut theirs = payments();
    theirs.external_dependencies[0].lag = 2;
    theirs.external_dependencies[0].known.finish = date(2027, 1, 22);
    theirs.external_dependencies[0].known.start = date(2027, 1, 22);
    theirs.external_dependencies.push(external(
        PLATFORM,
        "T3",
        "T30",
        DependencyKind::SS,
        0,
        known("Platform", "Harden the platform", false, date(2027, 1, 18), date(2027, 1, 29)),
    ));
    theirs.people[1].email = "sam@example.com".into();
    let differences = diff(&ours, &theirs);
    let texts: Vec<String> = differences.entries.iter().map(|entry| entry.to_string()).collect();
    assert_eq!(
        texts,
        [
            "P2 e-mail \"\" → \"sam@example.com\"",
            "external link T2 of pl-4f9c2a1b → T12 lag 0 → 2 working days",
            "external link T2 of pl-4f9c2a1b → T12 known task \"Platform GA\" of \"Platform\", 2027-01-15 → \"Platform GA\" of \"Platform\", 2027-01-22",
            "external link T3 of \"Platform\" → T30 added (SS)",
        ]
    );
    let merged = merge(&ours, &differences, &Selection::all(&differences)).unwrap();
    assert_eq!(merged.plan, theirs);
    let mut applied = ours.clone();
    apply(&mut applied, merged.command).unwrap();
    assert_eq!(applied, theirs, "the merge's one command does the same");

    let back = diff(&theirs, &ours);
    assert!(back.entries.iter().any(
        |entry| matches!(&entry.change, Change::ExternalDependencyRemoved(link) if link.successor.as_str() == "T30")
    ));
    assert_eq!(merge(&theirs, &back, &Selection::all(&back)).unwrap().plan, ours);
}

#[test]
fn the_plan_id_is_not_a_difference() {
    let ours = payments();
    let theirs = planwright::model::Plan { id: None, ..payments() };
    assert!(diff(&ours, &theirs).is_empty());
}
