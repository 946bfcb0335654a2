//! "Compare with a file" (`planwright::diff`): the differences between two plans matched
//! by id, their text, ids that collide, three-way classification against a common
//! ancestor, merging chosen changes (one undo step through `model::apply`, refusals
//! that name the change), the schedule consequence, and the plan file's revision and
//! modified date. Fixture pairs are under tests/fixtures/diff: `base.plan.json` is ours
//! unless a case has its own `*.ours.plan.json`; `*.theirs.plan.json` is the other copy.

use crate::common;

use crate::common::{date, finish_to_start, generated_plan, person, sample_plan, subtask, task, Random};
use chrono::{NaiveDate, Weekday};
use planwright::diff::{
    author_name, check_common_version, diff, diff3, free_task_id, merge, renumber_task, schedule_consequence, Change,
    ChangeId, ChangeKind, ChangesSinceBase, DependencyField, FieldChange, Item, Merge, NotCommon, Origin, PersonField,
    PlanDiff, PlanField, RiskField, Selection, Side, TaskField,
};
use planwright::file::{parse, to_json};
use planwright::model::validate::validate_plan;
use planwright::model::{
    apply, Baseline, BaselineId, BaselineTask, Command, ConstraintKind, DateConstraint, DependencyKind, Holiday,
    Person, PersonId, Plan, RaciRole, RiskAssessment, RiskId, RiskStatus, Task, TaskId, TaskKind,
};

// ---------------------------------------------------------------- helpers

fn read(folder: &str, name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn fixture(name: &str) -> Plan {
    parse(&read("diff", name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn base() -> Plan {
    fixture("base.plan.json")
}

/// A start-no-earlier-than constraint.
fn not_before(date: NaiveDate) -> DateConstraint {
    DateConstraint { kind: ConstraintKind::StartNoEarlierThan, date }
}

/// Our base plan and their copy of a case.
fn pair(case: &str) -> (Plan, Plan) {
    (base(), fixture(&format!("{case}.theirs.plan.json")))
}

fn texts(diff: &PlanDiff) -> Vec<String> {
    diff.entries.iter().map(ToString::to_string).collect()
}

/// The id of the one entry whose text is `text`.
fn id_of(diff: &PlanDiff, text: &str) -> ChangeId {
    let found: Vec<ChangeId> = diff.entries.iter().filter(|entry| entry.to_string() == text).map(|e| e.id).collect();
    assert_eq!(found.len(), 1, "{text:?} among:\n{}", diff.to_text());
    found[0]
}

fn only(diff: &PlanDiff, text: &str) -> Selection {
    Selection::of([id_of(diff, text)])
}

/// Merges, checks the merge is valid and that its command, sent through the one door,
/// gives the same plan as one step whose undo restores ours exactly.
fn merged(ours: &Plan, diff: &PlanDiff, selection: &Selection) -> Merge {
    let merge = merge(ours, diff, selection).unwrap_or_else(|error| panic!("{error}"));
    assert!(validate_plan(&merge.plan).is_empty(), "{:?}", validate_plan(&merge.plan));
    let mut plan = ours.clone();
    let undo = apply(&mut plan, merge.command.clone()).expect("the merge command applies");
    assert_eq!(plan, merge.plan, "the command makes the plan that was previewed");
    apply(&mut plan, undo).expect("the undo applies");
    assert_eq!(&plan, ours, "one undo step takes the whole merge back");
    merge
}

/// `theirs` as our plan looks once everything is taken: only the stamps stay ours.
fn with_our_stamps(theirs: &Plan, ours: &Plan) -> Plan {
    Plan { revision: ours.revision, modified: ours.modified, saved_by: ours.saved_by.clone(), ..theirs.clone() }
}

// ---------------------------------------------------------------- the file: revision and modified date

#[test]
fn a_plan_file_carries_its_revision_and_modified_date_after_its_name() {
    let text = read("accept", "revision_and_modified.plan.json");
    let plan = parse(&text).unwrap();
    assert_eq!((plan.revision, plan.modified), (12, Some(date(2027, 3, 1))));
    assert_eq!(to_json(&plan), text, "written back byte for byte, right after the name");
}

#[test]
fn a_file_without_them_reads_as_revision_0_never_dated_and_is_written_without_them() {
    let text = read("accept", "minimal.plan.json");
    let plan = parse(&text).unwrap();
    assert_eq!((plan.revision, plan.modified), (0, None));
    assert_eq!(to_json(&plan), text, "older files stay in canonical form");
    assert!(!to_json(&sample_plan()).contains("revision"));
}

#[test]
fn a_bad_revision_or_modified_date_is_refused_at_its_place() {
    for (name, path) in
        [("modified_not_a_real_date.json", "plan.modified"), ("revision_negative.json", "plan.revision")]
    {
        let error = parse(&read("reject", name)).expect_err(name);
        assert_eq!(error.problems[0].path.as_deref(), Some(path), "{name}: {error}");
    }
}

#[test]
fn a_save_stamps_the_next_revision_and_the_day_and_commands_never_change_them() {
    let mut plan = base();
    plan.stamp_revision(date(2027, 1, 8));
    assert_eq!((plan.revision, plan.modified), (5, Some(date(2027, 1, 8))));
    let before = plan.clone();
    let start = plan.start;
    let undo =
        apply(&mut plan, Command::SetPlanInfo { name: "Renamed".into(), description: String::new(), start }).unwrap();
    assert_eq!((plan.revision, plan.modified), (5, Some(date(2027, 1, 8))), "an edit is not a save");
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
    let text = to_json(&plan);
    assert!(text.contains("\"revision\": 5,\n    \"modified\": \"2027-01-08\",\n"), "{text}");
}

// ---------------------------------------------------------------- matching and text

#[test]
fn identical_plans_have_no_differences_whatever_their_stamps() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.stamp_revision(date(2027, 2, 1));
    let diff = diff(&ours, &theirs);
    assert!(diff.is_empty(), "{}", diff.to_text());
    assert_eq!(diff.ours.to_string(), "\"Checkout launch\", revision 4, modified 2027-01-04");
    assert_eq!(diff.theirs.to_string(), "\"Checkout launch\", revision 5, modified 2027-02-01");
}

#[test]
fn a_renamed_task_is_one_change_of_its_name() {
    let (ours, theirs) = pair("renamed");
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["T3 renamed \"API build\" → \"Payments API build\""]);
    let entry = &diff.entries[0];
    assert_eq!(entry.kind(), ChangeKind::Changed);
    assert_eq!(entry.item(), Item::Task(TaskId::new("T3")));
    assert_eq!(entry.origin, Origin::Differs);
    assert_eq!(
        entry.change,
        Change::TaskChanged {
            id: TaskId::new("T3"),
            field: TaskField::Name(FieldChange::new("API build".into(), "Payments API build".into())),
        }
    );
    assert!(diff.collisions.is_empty(), "a rename is not a collision");
    assert_eq!((diff.ours.revision, diff.theirs.revision), (4, 5));
}

#[test]
fn a_moved_task_is_a_change_of_parent_and_lands_where_theirs_has_it() {
    let (ours, theirs) = pair("moved");
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["T5 moved under T1 (was under T4)"]);
    assert!(diff.collisions.is_empty());
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(merge.plan, with_our_stamps(&theirs, &ours), "after T3, before the Frontend summary");
}

#[test]
fn a_change_of_order_among_siblings_names_the_fewest_tasks_that_moved() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.tasks.swap(4, 5); // T6 before T5 under Frontend
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["T5 now comes after T6"]);
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);

    let mut theirs = ours.clone();
    let frontend = theirs.tasks.drain(3..6).collect::<Vec<_>>();
    theirs.tasks.splice(0..0, frontend); // Frontend (with its subtasks) first
    let diff = planwright::diff::diff(&ours, &theirs);
    // Either T1 or T4 moved: the fewest moves that explain it are one, and its subtasks go with it.
    assert_eq!(texts(&diff), ["T1 now comes after T4"]);
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn a_duration_change_reads_in_working_days_and_moves_the_launch_three_working_days() {
    let (ours, theirs) = pair("duration");
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["T3 duration 5 → 8 working days"]);
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    let consequence = merge.schedule.expect("both plans schedule");
    assert_eq!(consequence.milestones.len(), 1);
    let launch = &consequence.milestones[0];
    assert_eq!((launch.id.as_str(), launch.date.working_days), ("T7", 3));
    // The holiday of 2027-01-18 lies before both dates, so three working days are three weekdays.
    assert_eq!(launch.to_string(), "T7 \"Launch\" moves 3 working days later (2027-01-22 → 2027-01-27)");
    assert_eq!(consequence.plan_finish.map(|finish| finish.working_days), Some(3));
    assert_eq!(schedule_consequence(&ours, &theirs).unwrap(), consequence);
}

#[test]
fn the_schedule_consequence_counts_working_days_across_holidays_and_earlier_moves() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.tasks[2].duration = 1; // T3: 5 → 1, the launch comes 4 working days earlier
    let consequence = schedule_consequence(&ours, &theirs).unwrap();
    let launch = &consequence.milestones[0];
    // The launch sits on its predecessors' last day: 2027-01-22 back 4 working days skips
    // the weekend and the holiday of 2027-01-18.
    assert_eq!(launch.to_string(), "T7 \"Launch\" moves 4 working days earlier (2027-01-22 → 2027-01-15)");
    assert!(schedule_consequence(&ours, &ours).unwrap().is_empty());
}

#[test]
fn an_added_task_comes_with_its_links_and_cells_grouped_as_added() {
    let (ours, theirs) = pair("added");
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "T8 added: \"Load test\", 2 working days, under T4",
            "link T6 → T8 added (FS)",
            "link T8 → T7 added (FS)",
            "P3's role on T8: none → R",
        ]
    );
    assert_eq!(diff.added().count(), 4);
    assert_eq!((diff.removed().count(), diff.changed().count()), (0, 0));
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(merge.plan, with_our_stamps(&theirs, &ours));
    let launch = &merge.schedule.unwrap().milestones[0];
    assert_eq!(launch.date.working_days, 2, "the load test's two days come before the launch");
}

#[test]
fn a_removed_task_is_listed_with_its_links_and_cells_and_taking_it_removes_them_too() {
    let (ours, theirs) = pair("removed");
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "T5 removed: \"UI mockups\"",
            "link T5 → T6 removed",
            "link T6 → T7 lag 0 → 2 working days",
            "P3's role on T5: R → none",
        ]
    );
    assert_eq!(diff.removed().count(), 3);
    assert_eq!(diff.changed().count(), 1);
    // As deleting it in the app does, the removal takes what refers to the task with it.
    let merge = merged(&ours, &diff, &only(&diff, "T5 removed: \"UI mockups\""));
    assert!(merge.plan.task("T5").is_none());
    assert!(merge.plan.dependencies.iter().all(|link| link.predecessor.as_str() != "T5"));
    assert!(merge.plan.raci.iter().all(|cell| cell.task.as_str() != "T5"));
    assert_eq!(merge.plan.dependencies[2].lag, 0, "the lag was not chosen");
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, with_our_stamps(&theirs, &ours));
}

#[test]
fn raci_cells_are_matched_by_task_and_person() {
    let (ours, theirs) = pair("raci");
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["P2's role on T2: R → none", "P1's role on T6: A → A/R", "P2's role on T7: none → I"]);
    let kinds: Vec<ChangeKind> = diff.entries.iter().map(|entry| entry.kind()).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Changed, ChangeKind::Added]);
    assert_eq!(diff.entries[1].item(), Item::Raci { task: TaskId::new("T6"), person: PersonId::new("P1") });
    let merge = merged(&ours, &diff, &only(&diff, "P1's role on T6: A → A/R"));
    let cell = merge.plan.raci.iter().find(|cell| cell.task.as_str() == "T6" && cell.person.as_str() == "P1");
    assert_eq!(cell.map(|cell| cell.role), Some(RaciRole::AR));
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, with_our_stamps(&theirs, &ours));
}

#[test]
fn a_risk_change_lists_each_field_including_its_history() {
    let (ours, theirs) = pair("risk");
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "R1 probability 2 → 4",
            "R1 updated 2026-12-01 → 2027-01-11",
            "R1 history: added 2027-01-11 (probability 4, impact 4, open)",
        ]
    );
    let merge = merged(&ours, &diff, &only(&diff, "R1 probability 2 → 4"));
    let risk = merge.plan.risk("R1").unwrap();
    assert_eq!((risk.probability, risk.history.len()), (4, 1), "only the chosen field");
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, with_our_stamps(&theirs, &ours));
}

#[test]
fn every_kind_of_change_reads_as_a_sentence() {
    let t = TaskId::new;
    let cases: Vec<(Change, &str)> = vec![
        (Change::Plan(PlanField::Name(FieldChange::new("A".into(), "B".into()))), "plan renamed \"A\" → \"B\""),
        (
            Change::Plan(PlanField::Start(FieldChange::new(date(2027, 1, 4), date(2027, 1, 11)))),
            "plan start 2027-01-04 → 2027-01-11",
        ),
        (
            Change::Plan(PlanField::WorkingWeekdays(FieldChange::new(
                vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
                vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu],
            ))),
            "working weekdays mon, tue, wed, thu, fri → mon, tue, wed, thu",
        ),
        (Change::Plan(PlanField::OverloadThreshold(FieldChange::new(3, 4))), "overload threshold 3 → 4"),
        (
            Change::Plan(PlanField::RiskCategories(FieldChange::new(
                vec!["technical".into(), "budget".into()],
                vec!["technical".into(), "legal".into()],
            ))),
            "risk categories: added legal; removed budget",
        ),
        (
            Change::HolidayAdded(Holiday { date: date(2027, 2, 15), name: "Presidents' Day".into() }),
            "holiday 2027-02-15 added: \"Presidents' Day\"",
        ),
        (
            Change::PersonAdded(Person { role: "QA".into(), team: "Backend".into(), ..person("P4", "Kim Lee") }),
            "P4 added: \"Kim Lee\" (QA, Backend)",
        ),
        (
            Change::PersonChanged {
                id: PersonId::new("P2"),
                field: PersonField::Team(FieldChange::new("Backend".into(), "Platform".into())),
            },
            "P2 team \"Backend\" → \"Platform\"",
        ),
        (
            Change::TaskChanged { id: t("T14"), field: TaskField::Duration(FieldChange::new(5, 8)) },
            "T14 duration 5 → 8 working days",
        ),
        (
            Change::TaskChanged { id: t("T3"), field: TaskField::Name(FieldChange::new("Old".into(), "New".into())) },
            "T3 renamed \"Old\" → \"New\"",
        ),
        (
            Change::TaskChanged { id: t("T7"), field: TaskField::Parent(FieldChange::new(None, Some(t("T2")))) },
            "T7 moved under T2 (was at the top level)",
        ),
        (
            Change::TaskChanged { id: t("T7"), field: TaskField::Parent(FieldChange::new(Some(t("T2")), None)) },
            "T7 moved to the top level (was under T2)",
        ),
        (
            Change::TaskChanged {
                id: t("T7"),
                field: TaskField::Kind(FieldChange::new(TaskKind::Task, TaskKind::Milestone)),
            },
            "T7 is now a milestone (was a task)",
        ),
        (
            Change::TaskChanged {
                id: t("T5"),
                field: TaskField::Constraint(FieldChange::new(None, Some(not_before(date(2027, 1, 6))))),
            },
            "T5 constraint none → start no earlier than 2027-01-06",
        ),
        (
            Change::TaskChanged {
                id: t("T5"),
                field: TaskField::Constraint(FieldChange::new(
                    Some(not_before(date(2027, 1, 6))),
                    Some(DateConstraint { kind: ConstraintKind::MustFinishOn, date: date(2027, 1, 15) }),
                )),
            },
            "T5 constraint start no earlier than 2027-01-06 → finish on 2027-01-15",
        ),
        (
            Change::TaskChanged {
                id: t("T3"),
                field: TaskField::Deadline(FieldChange::new(Some(date(2027, 1, 22)), None)),
            },
            "T3 deadline 2027-01-22 → none",
        ),
        (
            Change::TaskChanged { id: t("T3"), field: TaskField::Progress(FieldChange::new(40, 60)) },
            "T3 progress 40% → 60%",
        ),
        (
            Change::TaskChanged {
                id: t("T3"),
                field: TaskField::Notes(FieldChange::new(String::new(), "x".repeat(70))),
            },
            "T3 notes \"\" → \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\"",
        ),
        (
            Change::TaskAdded(Task { kind: TaskKind::Milestone, duration: 0, ..Task::new(t("T9"), "Go live") }),
            "T9 added: milestone \"Go live\", at the top level",
        ),
        (
            Change::DependencyChanged {
                predecessor: t("T2"),
                successor: t("T3"),
                field: DependencyField::Kind(FieldChange::new(DependencyKind::FS, DependencyKind::SS)),
            },
            "link T2 → T3 kind FS → SS",
        ),
        (
            Change::DependencyChanged {
                predecessor: t("T2"),
                successor: t("T3"),
                field: DependencyField::Lag(FieldChange::new(0, -1)),
            },
            "link T2 → T3 lag 0 → -1 working day",
        ),
        (
            Change::RiskChanged { id: RiskId::new("R3"), field: RiskField::Probability(FieldChange::new(2, 4)) },
            "R3 probability 2 → 4",
        ),
        (
            Change::RiskChanged {
                id: RiskId::new("R3"),
                field: RiskField::Owner(FieldChange::new(None, Some(PersonId::new("P2")))),
            },
            "R3 owner none → P2",
        ),
        (
            Change::RiskChanged {
                id: RiskId::new("R3"),
                field: RiskField::Status(FieldChange::new(RiskStatus::Open, RiskStatus::Closed)),
            },
            "R3 status open → closed",
        ),
        (
            Change::RiskChanged {
                id: RiskId::new("R3"),
                field: RiskField::LinkedTasks(FieldChange::new(vec![t("T3")], vec![t("T3"), t("T7")])),
            },
            "R3 linked tasks T3 → T3, T7",
        ),
        (
            Change::RiskChanged {
                id: RiskId::new("R3"),
                field: RiskField::History(FieldChange::new(
                    vec![RiskAssessment {
                        date: date(2027, 1, 4),
                        probability: 2,
                        impact: 3,
                        status: RiskStatus::Open,
                    }],
                    vec![],
                )),
            },
            "R3 history: removed 2027-01-04 (probability 2, impact 3, open)",
        ),
        (
            Change::BaselineAdded(Baseline {
                id: BaselineId::new("B2"),
                name: "Re-plan".into(),
                taken: date(2027, 2, 1),
                tasks: vec![BaselineTask {
                    task: t("T2"),
                    start: date(2027, 2, 1),
                    finish: date(2027, 2, 3),
                    cost: None,
                }],
            }),
            "baseline B2 added: \"Re-plan\" (taken 2027-02-01, 1 tasks)",
        ),
    ];
    for (change, text) in cases {
        assert_eq!(change.to_string(), text);
    }
    let link = Item::Dependency { predecessor: t("T2"), successor: t("T3") };
    let cell = Item::Raci { task: t("T2"), person: PersonId::new("P1") };
    assert_eq!(
        [link.to_string(), cell.to_string(), Item::Plan.to_string()],
        ["link T2 → T3", "P1's role on T2", "the plan"]
    );
}

// ---------------------------------------------------------------- ids that collide

#[test]
fn the_same_id_for_an_unrelated_task_elsewhere_at_another_time_is_a_collision_not_a_rename() {
    let ours = fixture("collision.ours.plan.json");
    let theirs = fixture("collision.theirs.plan.json");
    let diff = diff(&ours, &theirs);
    assert_eq!(diff.collisions.len(), 1, "{:?}", diff.collisions);
    let collision = diff.collision(&TaskId::new("T8")).unwrap();
    assert_eq!(
        collision.to_string(),
        "T8 looks like two different tasks: here \"Security audit\" under T1, 2027-01-14 to 2027-01-15; \
         in the other plan \"Launch party\" at the top level, 2027-03-01 to 2027-03-01"
    );
    // Its changes stay listed, for the UI to warn about before they are taken.
    assert_eq!(diff.entries_of(&Item::Task(TaskId::new("T8"))).count(), 4, "{}", diff.to_text());

    // Renumbering theirs makes it an added task; nothing collides any more.
    let free = free_task_id(&ours, &theirs);
    assert_eq!(free, TaskId::new("T9"));
    let renumbered = renumber_task(&theirs, &TaskId::new("T8"), free).unwrap();
    assert!(validate_plan(&renumbered).is_empty());
    let diff = planwright::diff::diff(&ours, &renumbered);
    assert!(diff.collisions.is_empty());
    let listed = texts(&diff);
    assert!(listed.contains(&"T9 added: \"Launch party\", 1 working day, at the top level".to_string()), "{listed:?}");
    assert!(listed.contains(&"link T7 → T9 added (FS)".to_string()), "{listed:?}");
}

#[test]
fn a_related_name_the_same_parent_or_overlapping_dates_make_it_an_edit() {
    let ours = fixture("collision.ours.plan.json");
    let theirs = fixture("collision.theirs.plan.json");
    type Edit = fn(&mut Task);
    let variants: [(&str, Edit); 3] = [
        ("a related name", |task| task.name = "Launch security audit".into()),
        ("the same parent", |task| task.parent = Some(TaskId::new("T1"))),
        ("overlapping dates", |task| task.start_no_earlier_than = Some(date(2027, 1, 15))),
    ];
    for (why, change) in variants {
        let mut theirs = theirs.clone();
        let index = theirs.task_index("T8").unwrap();
        change(&mut theirs.tasks[index]);
        if why == "the same parent" {
            let task = theirs.tasks.remove(index);
            theirs.tasks.insert(3, task);
        }
        if why == "overlapping dates" {
            // Not after the launch either: alongside the security audit.
            theirs.dependencies.retain(|link| link.successor.as_str() != "T8");
        }
        assert!(validate_plan(&theirs).is_empty(), "{why}: {:?}", validate_plan(&theirs));
        assert!(diff(&ours, &theirs).collisions.is_empty(), "{why}: {:?}", diff(&ours, &theirs).collisions);
    }
    assert!(diff(&base(), &pair("moved").1).collisions.is_empty());
}

#[test]
fn renumbering_refuses_an_id_in_use_and_a_task_that_is_not_there() {
    let plan = base();
    assert!(renumber_task(&plan, &TaskId::new("T3"), TaskId::new("T2")).is_err());
    assert!(renumber_task(&plan, &TaskId::new("T99"), TaskId::new("T100")).is_err());
    let renumbered = renumber_task(&plan, &TaskId::new("T1"), TaskId::new("T10")).unwrap();
    assert!(validate_plan(&renumbered).is_empty());
    assert_eq!(renumbered.task("T2").unwrap().parent, Some(TaskId::new("T10")));
}

// ---------------------------------------------------------------- three-way: whose change is whose

/// Who made an entry's change, as the compare view marks it.
fn whose(origin: &Origin) -> &'static str {
    match origin {
        Origin::Differs => "unknown",
        Origin::Ours => "yours",
        Origin::Theirs => "theirs",
        Origin::Conflict { .. } => "both",
    }
}

/// Every entry as its sentence and whose it is.
fn marked(diff: &PlanDiff) -> Vec<(String, &'static str)> {
    diff.entries.iter().map(|entry| (entry.to_string(), whose(&entry.origin))).collect()
}

/// Whose is the one entry whose sentence starts with `start`.
fn whose_is(diff: &PlanDiff, start: &str) -> &'static str {
    let found: Vec<&'static str> = diff
        .entries
        .iter()
        .filter(|entry| entry.to_string().starts_with(start))
        .map(|entry| whose(&entry.origin))
        .collect();
    assert_eq!(found.len(), 1, "one entry starts with {start:?} among:\n{}", diff.to_text());
    found[0]
}

/// The sample program with a second holiday and a second baseline, so each kind of item
/// has one for each side to change.
fn common_version() -> Plan {
    let mut plan = sample_plan();
    plan.calendar.holidays.push(Holiday { date: date(2027, 2, 15), name: "Presidents' Day".into() });
    let mut second = plan.baselines[0].clone();
    second.id = BaselineId::new("B2");
    second.name = "Re-plan".into();
    plan.baselines.push(second);
    plan.revision = 7;
    plan
}

fn cell_mut<'a>(plan: &'a mut Plan, task: &str, person: &str) -> &'a mut planwright::model::RaciCell {
    plan.raci.iter_mut().find(|cell| cell.task.as_str() == task && cell.person.as_str() == person).unwrap()
}

fn link_mut<'a>(plan: &'a mut Plan, predecessor: &str, successor: &str) -> &'a mut planwright::model::Dependency {
    let index = plan.dependency_index(&TaskId::new(predecessor), &TaskId::new(successor)).unwrap();
    &mut plan.dependencies[index]
}

/// One field of one item of every kind, as our side edits it.
fn our_field_edits(plan: &mut Plan) {
    plan.tasks[2].duration = 7; // T3
    link_mut(plan, "T2", "T3").lag = 1;
    cell_mut(plan, "T2", "P2").role = RaciRole::C;
    plan.people[0].role = "Program manager".into(); // P1
    plan.risks[0].probability = 3; // R1
    plan.calendar.holidays[0].name = "MLK Day".into(); // 2027-01-18
    plan.baselines[0].name = "Kick-off (signed)".into(); // B1
}

/// Another field or another item of every kind, as their side edits it.
fn their_field_edits(plan: &mut Plan) {
    plan.tasks[4].duration = 6; // T5
    link_mut(plan, "T3", "T6").lag = 3;
    cell_mut(plan, "T6", "P1").role = RaciRole::I;
    plan.people[1].team = "Platform".into(); // P2
    plan.risks[1].title = "Designer on parental leave".into(); // R2
    plan.calendar.holidays[1].name = "Washington's Birthday".into(); // 2027-02-15
    plan.baselines[0].taken = date(2027, 1, 5); // B1: another field than ours
}

#[test]
fn a_field_changed_by_one_side_is_marked_yours_or_theirs_for_every_kind_of_item() {
    let base = common_version();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    our_field_edits(&mut ours);
    their_field_edits(&mut theirs);
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(
        marked(&diff),
        [
            ("holiday 2027-01-18 renamed \"MLK Day\" → \"Martin Luther King Jr. Day\"", "yours"),
            ("holiday 2027-02-15 renamed \"Presidents' Day\" → \"Washington's Birthday\"", "theirs"),
            ("P1 role \"Program manager\" → \"TPM\"", "yours"),
            ("P2 team \"Backend\" → \"Platform\"", "theirs"),
            ("T3 duration 7 → 5 working days", "yours"),
            ("T5 duration 4 → 6 working days", "theirs"),
            ("link T2 → T3 lag 1 → 0 working days", "yours"),
            ("link T3 → T6 lag 2 → 3 working days", "theirs"),
            ("P2's role on T2: C → R", "yours"),
            ("P1's role on T6: C → I", "theirs"),
            ("R1 probability 3 → 4", "yours"),
            ("R2 renamed \"Designer on leave\" → \"Designer on parental leave\"", "theirs"),
            ("baseline B1 renamed \"Kick-off (signed)\" → \"Kick-off\"", "yours"),
            ("baseline B1 taken 2027-01-04 → 2027-01-05", "theirs"),
        ]
        .map(|(text, whose)| (text.to_string(), whose))
    );
    assert_eq!(diff.conflicts().count(), 0, "another field of the same item is no conflict");
    assert_eq!(diff.since_base, Some(ChangesSinceBase { ours: 7, theirs: 7 }));

    // "Select all" takes theirs and keeps ours: the plan both sides' edits make.
    let merge = merged(&ours, &diff, &Selection::offered(&diff));
    let mut both = ours.clone();
    their_field_edits(&mut both);
    assert_eq!(merge.plan, both);
}

/// Adds and removes one item of every kind, on our side.
fn our_adds_and_removes(plan: &mut Plan) {
    plan.tasks.push(task("T8", "Load test", 2));
    plan.dependencies.retain(|link| !(link.predecessor.as_str() == "T6" && link.successor.as_str() == "T7"));
    plan.dependencies.push(finish_to_start("T5", "T6"));
    plan.raci.retain(|cell| !(cell.task.as_str() == "T2" && cell.person.as_str() == "P2"));
    plan.raci.push(common::raci("T3", "P1", RaciRole::C));
    plan.people.push(person("P4", "Dana Scully"));
    plan.risks.retain(|risk| risk.id.as_str() != "R2");
    plan.risks.push(common::risk("R4", "Load balancer end of life", None, &[]));
    plan.calendar.holidays.retain(|holiday| holiday.date != date(2027, 2, 15));
    plan.calendar.holidays.push(Holiday { date: date(2027, 5, 31), name: "Memorial Day".into() });
    plan.baselines.retain(|baseline| baseline.id.as_str() != "B2");
    plan.baselines.push(Baseline { id: BaselineId::new("B3"), name: "Ours".into(), ..plan.baselines[0].clone() });
}

/// Adds and removes other items of every kind, on their side.
fn their_adds_and_removes(plan: &mut Plan) {
    plan.tasks.push(task("T9", "Security review", 3));
    plan.dependencies.retain(|link| !(link.predecessor.as_str() == "T3" && link.successor.as_str() == "T7"));
    plan.dependencies.push(finish_to_start("T2", "T7"));
    plan.raci.retain(|cell| !(cell.task.as_str() == "T5" && cell.person.as_str() == "P3"));
    plan.raci.push(common::raci("T7", "P3", RaciRole::I));
    plan.people.push(person("P5", "Fox Mulder"));
    plan.risks.retain(|risk| risk.id.as_str() != "R3");
    plan.risks.push(common::risk("R5", "Auditor unavailable", None, &[]));
    plan.calendar.holidays.retain(|holiday| holiday.date != date(2027, 1, 18));
    plan.calendar.holidays.push(Holiday { date: date(2027, 7, 5), name: "Independence Day (observed)".into() });
    plan.baselines.retain(|baseline| baseline.id.as_str() != "B1");
    plan.baselines.push(Baseline { id: BaselineId::new("B4"), name: "Theirs".into(), ..plan.baselines[0].clone() });
}

#[test]
fn items_added_or_removed_by_one_side_are_marked_yours_or_theirs_for_every_kind_of_item() {
    let base = common_version();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    our_adds_and_removes(&mut ours);
    their_adds_and_removes(&mut theirs);
    let diff = diff3(Some(&base), &ours, &theirs);
    // What ours added shows as removed in theirs, what ours removed as added: both yours.
    for start in [
        "holiday 2027-02-15 added",
        "holiday 2027-05-31 removed",
        "P4 removed",
        "T8 removed",
        "link T6 → T7 added",
        "link T5 → T6 removed",
        "P2's role on T2: none → R",
        "P1's role on T3: C → none",
        "R2 added",
        "R4 removed",
        "baseline B2 added",
        "baseline B3 removed",
    ] {
        assert_eq!(whose_is(&diff, start), "yours", "{start}");
    }
    for start in [
        "holiday 2027-01-18 removed",
        "holiday 2027-07-05 added",
        "P5 added",
        "T9 added",
        "link T3 → T7 removed",
        "link T2 → T7 added",
        "P3's role on T5: R → none",
        "P3's role on T7: none → I",
        "R3 removed",
        "R5 added",
        "baseline B1 removed",
        "baseline B4 added",
    ] {
        assert_eq!(whose_is(&diff, start), "theirs", "{start}");
    }
    assert_eq!(diff.entries.len(), 24, "{}", diff.to_text());

    // "Select all" takes every add and remove of theirs and undoes none of ours.
    let merge = merged(&ours, &diff, &Selection::offered(&diff));
    let (still_ours, theirs_in) = (diff3(Some(&base), &merge.plan, &ours), diff3(Some(&base), &merge.plan, &theirs));
    assert!(still_ours.entries.iter().all(|entry| entry.origin == Origin::Ours), "{}", still_ours.to_text());
    assert!(theirs_in.entries.iter().all(|entry| entry.origin == Origin::Ours), "{}", theirs_in.to_text());
}

#[test]
fn the_same_change_on_both_sides_is_no_difference_and_no_conflict() {
    let base = common_version();
    let mut ours = base.clone();
    ours.tasks[2].duration = 8;
    link_mut(&mut ours, "T2", "T5").lag = 2;
    cell_mut(&mut ours, "T6", "P1").role = RaciRole::I;
    ours.people[2].team = "Design".into();
    ours.risks[0].impact = 3;
    ours.calendar.holidays[1].name = "Washington's Birthday".into();
    ours.baselines[1].name = "Re-plan (March)".into();
    ours.tasks.push(task("T8", "Load test", 2));
    ours.risks.retain(|risk| risk.id.as_str() != "R3");
    let theirs = ours.clone();
    let diff = diff3(Some(&base), &ours, &theirs);
    assert!(diff.is_empty(), "{}", diff.to_text());
    assert_eq!(diff.since_base, Some(ChangesSinceBase { ours: 9, theirs: 9 }));

    // Alongside changes of one side, the shared ones stay out of the lists.
    let mut theirs = theirs;
    theirs.tasks[4].duration = 9;
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(marked(&diff), [("T5 duration 4 → 9 working days".to_string(), "theirs")]);
}

#[test]
fn the_same_field_changed_differently_on_both_sides_is_a_conflict_for_every_kind_of_item() {
    let base = common_version();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    our_field_edits(&mut ours);
    // Theirs changes the very fields ours changed, to other values.
    theirs.tasks[2].duration = 9;
    link_mut(&mut theirs, "T2", "T3").lag = 2;
    cell_mut(&mut theirs, "T2", "P2").role = RaciRole::I;
    theirs.people[0].role = "Engineering manager".into();
    theirs.risks[0].probability = 5;
    theirs.calendar.holidays[0].name = "Civil Rights Day".into();
    theirs.baselines[0].name = "Kick-off (draft)".into();
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(diff.entries.len(), 7, "{}", diff.to_text());
    assert!(diff.entries.iter().all(|entry| entry.is_conflict()), "{}", diff.to_text());
    // Each conflict carries our own change since the common version, for the user to weigh.
    let ours_since: Vec<String> = diff
        .entries
        .iter()
        .map(|entry| match &entry.origin {
            Origin::Conflict { ours: Some(change) } => change.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(ours_since.contains(&"T3 duration 5 → 7 working days".to_string()), "{ours_since:?}");
    assert!(ours_since.contains(&"P2's role on T2: R → C".to_string()), "{ours_since:?}");

    // "Select all" leaves every conflict to decide; nothing of ours changes until then.
    let offered = Selection::offered(&diff);
    assert!(offered.is_empty());
    assert_eq!(offered.undecided_conflicts(&diff).count(), 7);
    assert_eq!(merged(&ours, &diff, &offered).plan, ours);
}

#[test]
fn a_conflict_is_decided_by_keeping_yours_or_taking_theirs_and_select_all_keeps_the_choice() {
    let base = base();
    let ours = fixture("three_way.ours.plan.json");
    let theirs = fixture("three_way.theirs.plan.json");
    let diff = diff3(Some(&base), &ours, &theirs);
    let conflict = id_of(&diff, "T3 duration 6 → 8 working days");
    let mut selection = Selection::none();
    assert_eq!(selection.undecided_conflicts(&diff).collect::<Vec<_>>(), [conflict]);
    selection.leave(conflict);
    assert!(selection.is_decided(conflict) && selection.keeps(conflict) && !selection.contains(conflict));
    assert_eq!(selection.undecided_conflicts(&diff).count(), 0);
    selection.take_offered(&diff);
    assert!(selection.keeps(conflict), "Select all keeps the choice made");
    assert_eq!(merged(&ours, &diff, &selection).plan.task("T3").unwrap().duration, 6);
    selection.take(conflict);
    assert!(selection.is_decided(conflict) && !selection.keeps(conflict));
    assert_eq!(merged(&ours, &diff, &selection).plan.task("T3").unwrap().duration, 8);
}

#[test]
fn with_a_common_ancestor_only_the_same_field_changed_differently_is_a_conflict() {
    let base = base();
    let ours = fixture("three_way.ours.plan.json");
    let theirs = fixture("three_way.theirs.plan.json");
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(
        marked(&diff),
        [
            ("holiday 2027-02-15 added: \"Presidents' Day\"", "theirs"),
            ("T2 renamed \"API design review\" → \"API design\"", "yours"),
            ("T3 duration 6 → 8 working days", "both"),
            ("R1 probability 2 → 4", "theirs"),
        ]
        .map(|(text, whose)| (text.to_string(), whose))
    );
    assert_eq!(diff.base.as_ref().map(|stamp| stamp.revision), Some(4));
    let Origin::Conflict { ours: Some(our_change) } = &diff.entries[2].origin else {
        panic!("{:?}", diff.entries[2].origin)
    };
    assert_eq!(our_change.to_string(), "T3 duration 5 → 6 working days", "base 5, ours 6, theirs 8");
    assert_eq!(diff.conflicts().count(), 1);

    // Everything theirs did alone, the conflict left for the user: ours keeps its 6 days
    // and its rename.
    let merge = merged(&ours, &diff, &Selection::offered(&diff));
    assert_eq!(merge.plan.task("T3").unwrap().duration, 6);
    assert_eq!(merge.plan.task("T2").unwrap().name, "API design review");
    assert_eq!(merge.plan.risk("R1").unwrap().probability, 4);
    assert_eq!(merge.plan.calendar.holidays.len(), 2);
    // Taking everything, our own change too, makes ours like theirs.
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(merge.plan.task("T3").unwrap().duration, 8);
    assert_eq!(merge.plan.task("T2").unwrap().name, "API design");
}

#[test]
fn a_date_constraint_is_one_field_whichever_kind_so_changes_of_it_on_both_sides_conflict() {
    let mut base = base();
    base.tasks[4].start_no_earlier_than = Some(date(2027, 1, 6));
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Ours moves the start-no-earlier-than date; theirs makes it a must-finish-on.
    ours.tasks[4].start_no_earlier_than = Some(date(2027, 1, 7));
    let must_finish = DateConstraint { kind: ConstraintKind::MustFinishOn, date: date(2027, 1, 15) };
    theirs.tasks[4].set_date_constraint(Some(must_finish));
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(texts(&diff), ["T5 constraint start no earlier than 2027-01-07 → finish on 2027-01-15"]);
    assert!(matches!(&diff.entries[0].origin, Origin::Conflict { ours: Some(change) }
        if change.to_string() == "T5 constraint start no earlier than 2027-01-06 → start no earlier than 2027-01-07"));
    // Taking it replaces ours' constraint: the task keeps one.
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    let t5 = merge.plan.task("T5").unwrap();
    assert_eq!((t5.start_no_earlier_than, t5.constraint), (None, Some(must_finish)));
}

#[test]
fn without_a_common_ancestor_every_difference_is_for_the_user_to_pick() {
    let ours = fixture("three_way.ours.plan.json");
    let theirs = fixture("three_way.theirs.plan.json");
    let diff = diff(&ours, &theirs);
    assert!(diff.entries.iter().all(|entry| entry.origin == Origin::Differs));
    assert!(diff.since_base.is_none() && diff.base.is_none());
    assert_eq!(diff.entries.len(), 4, "{}", diff.to_text());
    assert!(texts(&diff).contains(&"T2 renamed \"API design review\" → \"API design\"".to_string()));
    // "Select all" then takes every difference: the user was told whose is unknown.
    assert_eq!(Selection::offered(&diff), Selection::all(&diff));
    assert_eq!(Selection::none().undecided_conflicts(&diff).count(), 0);
}

#[test]
fn removed_on_one_side_and_edited_on_the_other_is_a_conflict_and_removed_alone_is_not() {
    let base = sample_plan();
    let mut ours = base.clone();
    ours.risks[1].title = "Designer on parental leave".into();
    ours.people.retain(|person| person.id.as_str() != "P3");
    ours.raci.retain(|cell| cell.person.as_str() != "P3");
    let mut theirs = base.clone();
    theirs.risks.remove(1);

    let diff = diff3(Some(&base), &ours, &theirs);
    assert!(matches!(&diff.entries[diff.entries.len() - 1].origin, Origin::Conflict { ours: Some(change) }
        if change.to_string() == "R2 renamed \"Designer on leave\" → \"Designer on parental leave\""));
    assert_eq!(whose_is(&diff, "R2 removed"), "both");
    // Ours removed P3 and their cells, theirs left them alone: yours, not offered back.
    assert_eq!(whose_is(&diff, "P3 added"), "yours");
    assert_eq!(whose_is(&diff, "P3's role on T5"), "yours");
    assert!(Selection::offered(&diff).is_empty());

    // Theirs removed what ours removed and edited: a conflict the other way round.
    let diff = diff3(Some(&base), &theirs, &ours);
    assert_eq!(whose_is(&diff, "R2 added"), "both");
    assert_eq!(whose_is(&diff, "P3 removed"), "theirs");

    // Both added an R4, differently: a conflict with no ancestor value.
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.risks.push(common::risk("R4", "Budget cut", None, &[]));
    theirs.risks.push(common::risk("R4", "Budget freeze", None, &[]));
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(texts(&diff), ["R4 renamed \"Budget cut\" → \"Budget freeze\""]);
    assert_eq!(diff.entries[0].origin, Origin::Conflict { ours: None });
}

#[test]
fn a_copy_saved_more_times_than_either_side_cannot_be_their_common_version() {
    let mut base = sample_plan();
    base.revision = 8;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    assert_eq!(check_common_version(&base, &ours, &theirs), Ok(()), "unchanged copies");
    ours.revision = 9;
    theirs.revision = 10;
    assert_eq!(check_common_version(&base, &ours, &theirs), Ok(()));
    theirs.revision = 6;
    let refusal = check_common_version(&base, &ours, &theirs).unwrap_err();
    assert_eq!(refusal, NotCommon::NewerRevision { side: Side::Theirs, side_revision: 6, revision: 8 });
    assert_eq!(
        refusal.to_string(),
        "it is revision 8 and theirs is revision 6: a copy made from it would be revision 8 or later"
    );
    theirs.revision = 8;
    ours.revision = 7;
    let refusal = check_common_version(&base, &ours, &theirs).unwrap_err();
    assert!(refusal.to_string().contains("this plan is revision 7"), "{refusal}");
}

// ---------------------------------------------------------------- telling two copies apart

#[test]
fn a_copy_records_who_saved_it_after_its_date_and_a_file_without_it_writes_back_byte_for_byte() {
    let mut plan = base();
    plan.stamp_revision(date(2027, 2, 1));
    plan.saved_by = Some("Ana Souza".into());
    let text = to_json(&plan);
    assert!(
        text.contains("\"modified\": \"2027-02-01\",\n    \"saved_by\": \"Ana Souza\",\n    \"description\""),
        "{text}"
    );
    assert_eq!(parse(&text).unwrap(), plan);
    assert_eq!(to_json(&parse(&text).unwrap()), text);
    let older = read("diff", "base.plan.json");
    assert!(!older.contains("saved_by"));
    assert_eq!(to_json(&parse(&older).unwrap()), older, "no name, nothing written");

    // A name that shows nothing is refused at its place.
    let blank = text.replace("\"Ana Souza\"", "\"  \"");
    let error = parse(&blank).unwrap_err();
    assert_eq!(error.problems[0].path.as_deref(), Some("plan.saved_by"), "{error}");
}

#[test]
fn who_saved_each_copy_is_in_its_stamp_and_is_never_a_change() {
    let ours = Plan { saved_by: Some("Ana".into()), ..base() };
    let theirs = Plan { saved_by: Some("Ben".into()), revision: 6, ..base() };
    let diff = diff(&ours, &theirs);
    assert!(diff.is_empty());
    assert_eq!(diff.ours.saved_by.as_deref(), Some("Ana"));
    assert_eq!(diff.theirs.to_string(), format!("\"{}\", revision 6, modified 2027-01-04, saved by Ben", theirs.name));
}

#[test]
fn the_name_on_saved_copies_is_trimmed_and_refused_when_a_file_could_not_hold_it() {
    assert_eq!(author_name("  Ana Souza "), Ok(Some("Ana Souza".into())));
    assert_eq!(author_name("   "), Ok(None), "nothing typed forgets the name");
    assert_eq!(author_name(""), Ok(None));
    let long = "a".repeat(501);
    assert_eq!(author_name(&long), Err("a name can have at most 500 characters".into()));
    assert_eq!(author_name("Ana\nSouza"), Err("a name is one line of text".into()));
}

// ---------------------------------------------------------------- merging

#[test]
fn taking_everything_makes_ours_like_theirs_in_one_undo_step() {
    let (ours, theirs) = pair("many");
    let diff = diff(&ours, &theirs);
    assert!(diff.entries.len() >= 15, "{}", diff.to_text());
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(merge.plan, with_our_stamps(&theirs, &ours));
    assert!(matches!(merge.command, Command::Batch(_)));
}

#[test]
fn taking_one_change_takes_that_one_only() {
    let (ours, theirs) = pair("many");
    let diff = diff(&ours, &theirs);
    for entry in &diff.entries {
        let selection = Selection::of([entry.id]);
        let Ok(merge) = merge(&ours, &diff, &selection) else { continue };
        let left = planwright::diff::diff(&ours, &merge.plan);
        if let Change::TaskAdded(_) | Change::RiskAdded(_) | Change::PersonAdded(_) = entry.change {
            assert_eq!(left.entries.len(), 1, "{entry}: {}", left.to_text());
        }
        assert!(left.entries.iter().any(|taken| taken.change == entry.change), "{entry}: {}", left.to_text());
    }
    let merge = merged(&ours, &diff, &only(&diff, "T3 duration 5 → 8 working days"));
    assert_eq!(texts(&planwright::diff::diff(&ours, &merge.plan)), ["T3 duration 5 → 8 working days"]);
}

#[test]
fn nothing_chosen_changes_nothing() {
    let (ours, theirs) = pair("many");
    let diff = diff(&ours, &theirs);
    let merge = merged(&ours, &diff, &Selection::none());
    assert_eq!(merge.plan, ours);
    assert_eq!(merge.command, Command::Batch(Vec::new()));
}

#[test]
fn a_link_to_a_task_not_taken_is_refused_naming_the_change_and_what_it_needs() {
    let (ours, theirs) = pair("added");
    let before = ours.clone();
    let diff = diff(&ours, &theirs);
    let error = merge(&ours, &diff, &only(&diff, "link T6 → T8 added (FS)")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot take \"link T6 → T8 added (FS)\": task T8 does not exist. \
         Take \"T8 added: \"Load test\", 2 working days, under T4\" too."
    );
    assert_eq!(error.changes, [id_of(&diff, "link T6 → T8 added (FS)")]);
    assert_eq!(error.also_needed, [id_of(&diff, "T8 added: \"Load test\", 2 working days, under T4")]);
    assert_eq!(ours, before, "ours is untouched");
    let mut selection = Selection::of(error.changes.iter().copied());
    error.also_needed.iter().for_each(|&id| selection.take(id));
    merged(&ours, &diff, &selection);
}

#[test]
fn a_link_that_would_close_a_cycle_is_refused_and_the_removal_that_avoids_it_is_named() {
    let (ours, theirs) = pair("reversed_link");
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["link T2 → T3 removed", "link T3 → T2 added (FS)"]);
    let error = merge(&ours, &diff, &only(&diff, "link T3 → T2 added (FS)")).unwrap_err();
    assert!(error.message.starts_with("Cannot take \"link T3 → T2 added (FS)\": this would make a cycle"), "{error}");
    assert!(error.message.ends_with("Take \"link T2 → T3 removed\" too."), "{error}");
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    // The new link is added at the end: the order of links carries no meaning.
    assert!(planwright::diff::diff(&merge.plan, &theirs).is_empty());
}

#[test]
fn a_risk_in_a_category_not_taken_is_refused_and_the_list_of_categories_is_named() {
    let (ours, theirs) = pair("many");
    let diff = diff(&ours, &theirs);
    let risk = "R3 added: \"Load test finds a bottleneck\" (probability 3, impact 3)";
    let error = merge(&ours, &diff, &only(&diff, risk)).unwrap_err();
    assert!(error.message.contains("\"performance\" is not one of the plan's risk categories"), "{error}");
    assert_eq!(error.also_needed, [id_of(&diff, "risk categories: added performance")]);
    // With the categories, its owner and its task, it can be taken.
    let selection = Selection::of([
        id_of(&diff, risk),
        id_of(&diff, "risk categories: added performance"),
        id_of(&diff, "P4 added: \"Kim Lee\" (QA, Backend)"),
        id_of(&diff, "T8 added: \"Load test\", 2 working days, under T4"),
    ]);
    assert_eq!(merged(&ours, &diff, &selection).plan.risk("R3").unwrap().category, "performance");
}

#[test]
fn becoming_a_milestone_needs_its_duration_to_go_to_zero_too() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.tasks[5].kind = TaskKind::Milestone;
    theirs.tasks[5].duration = 0;
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["T6 is now a milestone (was a task)", "T6 duration 6 → 0 working days"]);
    let error = merge(&ours, &diff, &only(&diff, "T6 is now a milestone (was a task)")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot take \"T6 is now a milestone (was a task)\": duration a milestone has no duration, but this one has 6."
    );
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn a_subtask_under_a_milestone_theirs_made_a_task_names_that_change() {
    let ours = base();
    let mut theirs = ours.clone();
    theirs.tasks[6].kind = TaskKind::Task; // T7 Launch becomes a summary of a new task
    theirs.tasks.push(subtask("T9", "Go/no-go meeting", 1, "T7"));
    let diff = diff(&ours, &theirs);
    let error =
        merge(&ours, &diff, &only(&diff, "T9 added: \"Go/no-go meeting\", 1 working day, under T7")).unwrap_err();
    assert!(error.message.contains("T7 is a milestone and cannot have subtasks"), "{error}");
    assert_eq!(error.also_needed, [id_of(&diff, "T7 is now a task (was a milestone)")]);
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn removing_a_summary_is_refused_while_a_subtask_theirs_keeps_is_inside_it() {
    let ours = base();
    let mut theirs = ours.clone();
    // Theirs moved T6 out of Frontend, then removed Frontend and T5.
    theirs.tasks[5].parent = None;
    theirs.tasks.retain(|task| !matches!(task.id.as_str(), "T4" | "T5"));
    theirs.dependencies.retain(|link| link.predecessor.as_str() != "T5");
    theirs.raci.retain(|cell| cell.task.as_str() != "T5");
    assert!(validate_plan(&theirs).is_empty(), "{:?}", validate_plan(&theirs));
    let diff = diff(&ours, &theirs);
    let error = merge(&ours, &diff, &only(&diff, "T4 removed: \"Frontend\"")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot take \"T4 removed: \"Frontend\"\": T6 is inside T4 here and the other plan keeps it, \
         so removing T4 would lose it. Take \"T6 moved to the top level (was under T4)\" too."
    );
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn plan_fields_calendar_settings_people_and_baselines_merge_too() {
    let ours = sample_plan();
    let mut theirs = ours.clone();
    theirs.name = "Launch v2".into();
    theirs.calendar.working_weekdays.pop();
    theirs.calendar.holidays[0].name = "MLK Day".into();
    theirs.settings.overload_threshold = 5;
    theirs.people[1].name = "Grace B. Hopper".into();
    theirs.people.remove(2);
    theirs.raci.retain(|cell| cell.person.as_str() != "P3");
    theirs.baselines[0].name = "Kick-off (agreed)".into();
    theirs.baselines.push(Baseline { id: BaselineId::new("B2"), tasks: Vec::new(), ..theirs.baselines[0].clone() });
    assert!(validate_plan(&theirs).is_empty(), "{:?}", validate_plan(&theirs));
    let diff = diff(&ours, &theirs);
    for text in [
        "plan renamed \"Launch\" → \"Launch v2\"",
        "working weekdays mon, tue, wed, thu, fri → mon, tue, wed, thu",
        "holiday 2027-01-18 renamed \"Martin Luther King Jr. Day\" → \"MLK Day\"",
        "overload threshold 3 → 5",
        "P2 renamed \"Grace Hopper\" → \"Grace B. Hopper\"",
        "P3 removed: \"Linus Åkesson\"",
        "baseline B1 renamed \"Kick-off\" → \"Kick-off (agreed)\"",
        "baseline B2 added: \"Kick-off (agreed)\" (taken 2027-01-04, 0 tasks)",
    ] {
        id_of(&diff, text);
    }
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn a_comparison_or_a_merge_made_for_one_plan_is_not_used_on_an_edited_one() {
    let (ours, theirs) = pair("added");
    let diff = diff(&ours, &theirs);
    let merge = merge(&ours, &diff, &Selection::all(&diff)).unwrap();
    assert!(diff.is_for(&ours) && merge.is_for(&ours));
    // The user removed T6 meanwhile.
    let mut edited = ours.clone();
    apply(&mut edited, Command::RemoveTask(TaskId::new("T6"))).unwrap();
    assert!(!diff.is_for(&edited) && !merge.is_for(&edited));
    let error = planwright::diff::merge(&edited, &diff, &Selection::all(&diff)).unwrap_err();
    assert_eq!(error.to_string(), "The plan changed since it was compared: compare again.");
    // Even sent anyway, the batch is checked again by the one door: refused as a whole.
    let before = edited.clone();
    assert!(apply(&mut edited, merge.command).is_err());
    assert_eq!(edited, before);
}

#[test]
fn taking_everything_both_ways_between_a_plan_and_an_edited_copy_leaves_no_difference() {
    let seeds: u64 = std::env::var("DIFF_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(6);
    for seed in 1..=seeds {
        let ours = generated_plan(150, seed);
        let mut theirs = ours.clone();
        let mut random = Random::new(seed * 7919);
        for _ in 0..80 {
            let command = random_edit(&theirs, &mut random);
            let _ = apply(&mut theirs, command);
        }
        assert!(validate_plan(&theirs).is_empty());
        for (from, to) in [(&ours, &theirs), (&theirs, &ours)] {
            let diff = diff(from, to);
            let merge = merged(from, &diff, &Selection::all(&diff));
            let left = planwright::diff::diff(&merge.plan, to);
            assert!(left.is_empty(), "seed {seed}: left over:\n{}", left.to_text());
        }
    }
}

#[test]
fn any_choice_of_changes_gives_a_valid_plan_or_a_refusal_that_names_a_chosen_change() {
    let seeds: u64 = std::env::var("DIFF_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(6);
    let (mut taken, mut refused) = (0, 0);
    for seed in 1..=seeds {
        let ours = generated_plan(100, seed);
        let mut theirs = ours.clone();
        let mut random = Random::new(seed * 104_729);
        for _ in 0..60 {
            let command = random_edit(&theirs, &mut random);
            let _ = apply(&mut theirs, command);
        }
        let diff = diff(&ours, &theirs);
        for _ in 0..8 {
            let chance = 1 + random.below(4);
            let selection = Selection::of(diff.entries.iter().filter(|_| random.below(5) < chance).map(|e| e.id));
            match merge(&ours, &diff, &selection) {
                Ok(_) => {
                    merged(&ours, &diff, &selection);
                    taken += 1;
                }
                Err(error) => {
                    refused += 1;
                    assert!(!error.changes.is_empty(), "seed {seed}: {error}");
                    assert!(error.changes.iter().all(|&id| selection.contains(id)), "seed {seed}: {error}");
                    assert!(error.also_needed.iter().all(|&id| !selection.contains(id)), "seed {seed}: {error}");
                }
            }
        }
    }
    eprintln!("{taken} choices taken, {refused} refused");
    assert!(taken > 0 && refused > 0, "{taken} choices taken, {refused} refused");
}

/// An edit of any kind, often refused (which leaves the plan as it was).
fn random_edit(plan: &Plan, random: &mut Random) -> Command {
    let pick = |random: &mut Random| plan.tasks[random.below(plan.tasks.len() as u64) as usize].clone();
    match random.below(9) {
        0 => {
            let mut task = pick(random);
            task.name = format!("{} (edited)", task.name);
            Command::UpdateTask(task)
        }
        1 => {
            let mut task = pick(random);
            if task.kind == TaskKind::Task {
                task.duration = random.below(20) as u32;
            }
            Command::UpdateTask(task)
        }
        2 => {
            let mut task = pick(random);
            task.parent = Some(pick(random).id);
            Command::UpdateTask(task)
        }
        3 => Command::MoveTask { id: pick(random).id, index: random.below(plan.tasks.len() as u64) as usize },
        4 => Command::RemoveTask(pick(random).id),
        5 => {
            let id = plan.next_task_id();
            let parent = pick(random);
            let task = subtask(id.as_str(), "New work", 3, parent.id.as_str());
            Command::AddTask { task, index: Some(plan.task_index(parent.id.as_str()).unwrap() + 1) }
        }
        6 => Command::AddDependency(common::finish_to_start(pick(random).id.as_str(), pick(random).id.as_str())),
        7 => {
            let person = &plan.people[random.below(plan.people.len() as u64) as usize];
            let role = [None, Some(RaciRole::R), Some(RaciRole::C)][random.below(3) as usize];
            Command::SetRaci { task: pick(random).id, person: person.id.clone(), role }
        }
        _ => match plan.risks.first() {
            Some(risk) => {
                let mut risk = risk.clone();
                risk.probability = 1 + random.below(5) as u8;
                Command::UpdateRisk(risk)
            }
            None => Command::Batch(Vec::new()),
        },
    }
}

// ---------------------------------------------------------------- the compare view's texts

/// The example program with the edits the browser test of the compare view makes: a
/// renamed task, a longer task on the critical path, an added task with a link, and a
/// risk's probability.
fn example_copy_with_edits() -> (Plan, Plan) {
    let ours = parse(include_str!("../../examples/program.plan.json")).unwrap();
    let mut theirs = ours.clone();
    let t3 = theirs.task_index("T3").unwrap();
    theirs.tasks[t3].name = "Target architecture, API contracts and SLAs".into();
    let t9 = theirs.task_index("T9").unwrap();
    theirs.tasks[t9].duration = 25;
    theirs.tasks.push(subtask("T41", "Vendor security questionnaire", 4, "T27"));
    theirs.dependencies.push(common::finish_to_start("T41", "T28"));
    theirs.risks.iter_mut().find(|risk| risk.id.as_str() == "R2").unwrap().probability = 4;
    (ours, theirs)
}

#[test]
fn a_changed_field_shows_ours_and_theirs_side_by_side_in_the_sentences_words() {
    let (ours, theirs) = example_copy_with_edits();
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "T3 renamed \"Target architecture and API contracts\" → \"Target architecture, API contracts and SLAs\"",
            "T9 duration 20 → 25 working days",
            "T41 added: \"Vendor security questionnaire\", 4 working days, under T27",
            "link T41 → T28 added (FS)",
            "R2 probability 3 → 4",
        ]
    );
    let sides: Vec<_> = diff.entries.iter().map(|entry| (entry.change.field_label(), entry.change.sides())).collect();
    let pair =
        |label: &str, ours: &str, theirs: &str| (Some(label.to_string()), Some((ours.to_string(), theirs.to_string())));
    assert_eq!(
        sides[0],
        pair("name", "\"Target architecture and API contracts\"", "\"Target architecture, API contracts and SLAs\"")
    );
    assert_eq!(sides[1], pair("duration", "20 working days", "25 working days"));
    assert_eq!(sides[2], (None, None), "an added item has no sides");
    assert_eq!(sides[4], pair("probability", "3", "4"));
    let start = Change::TaskChanged {
        id: TaskId::new("T5"),
        field: TaskField::Constraint(FieldChange::new(None, Some(not_before(date(2027, 3, 1))))),
    };
    assert_eq!(start.field_label().as_deref(), Some("constraint"));
    assert_eq!(start.sides(), Some(("none".into(), "start no earlier than 2027-03-01".into())));

    let chosen = only(&diff, "T9 duration 20 → 25 working days");
    let consequence = merged(&ours, &diff, &chosen).schedule.unwrap();
    let feature_complete = consequence.milestones.iter().find(|moved| moved.id.as_str() == "T14").unwrap();
    assert!(feature_complete.to_string().starts_with("T14 \"Feature complete\" moves 5 working days later"));
}

// ---------------------------------------------------------------- the RAID log and the budget

/// The sample program without its RAID log and budget: ours, when theirs has them.
fn without_log_and_budget(plan: &Plan) -> Plan {
    Plan {
        assumptions: Vec::new(),
        issues: Vec::new(),
        decisions: Vec::new(),
        budget: planwright::model::Budget::default(),
        ..plan.clone()
    }
}

#[test]
fn log_entries_and_the_budget_added_read_as_sentences_and_merge_into_theirs() {
    let theirs = common::raid_plan();
    let ours = without_log_and_budget(&theirs);
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "A1 added: \"Vendor keeps the 2026 price\" (open)",
            "A2 added: \"=SUM(A1) stays text\" (confirmed)",
            "I1 added: \"Payment sandbox down\" (high, in progress)",
            "I2 added: \"Mockups late\" (low, resolved)",
            "D1 added: \"Use vendor A\" (decided 2027-01-05)",
            "D2 added: \"Use vendor B\" (decided 2027-01-25)",
            "budget currency USD → EUR",
            "budget total none → 50,000.00 EUR",
            "P2's day rate none → 800.00 EUR",
            "P3's day rate none → 650.50 EUR",
            "T1 budget none → 10,000.00 EUR",
            "T3 fixed cost none → 1,200.00 EUR",
            "T3 actual cost none → 2,500.00 EUR",
            "T6 actual cost none → 100.00 EUR",
        ]
    );
    let items: Vec<Item> = diff.entries.iter().map(|entry| entry.item()).collect();
    assert!(items.contains(&Item::Assumption(planwright::model::AssumptionId::new("A1"))));
    assert!(items.contains(&Item::Budget) && items.contains(&Item::TaskCost(TaskId::new("T3"))));
    // D1 is superseded by D2, listed after it: taking both works in either order.
    let taken = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(taken.plan, theirs);
    // And taking everything back from the other side removes them all.
    let back = planwright::diff::diff(&theirs, &ours);
    assert!(back.entries.iter().all(|entry| entry.kind() != ChangeKind::Added), "{}", back.to_text());
    // One undo of it puts every removed rate and cost back at its place.
    let removed = merged(&theirs, &back, &Selection::all(&back));
    assert_eq!(removed.plan, ours);
}

#[test]
fn each_field_of_a_log_entry_and_of_the_budget_is_a_change_of_its_own() {
    let ours = common::raid_plan();
    let mut theirs = ours.clone();
    let (assumption, issue, decision) = (&mut theirs.assumptions[0], &mut theirs.issues[0], &mut theirs.decisions[1]);
    assumption.status = planwright::model::AssumptionStatus::Confirmed;
    assumption.validate_by = None;
    assumption.linked_tasks.pop();
    issue.title = "Payment sandbox flaky".into();
    issue.severity = planwright::model::Severity::Critical;
    issue.from_risk = None;
    decision.decided_by = Some(PersonId::new("P1"));
    decision.linked_risks = vec![RiskId::new("R2")];
    theirs.budget.total = None;
    theirs.budget.day_rates[0].rate = planwright::model::Money(90_000);
    theirs.budget.tasks[1].actual = planwright::model::Money(300_000);
    let diff = diff(&ours, &theirs);
    assert_eq!(
        texts(&diff),
        [
            "A1 validate by 2027-01-20 → none",
            "A1 status open → confirmed",
            "A1 linked tasks T3, T6 → T3",
            "I1 renamed \"Payment sandbox down\" → \"Payment sandbox flaky\"",
            "I1 severity high → critical",
            "I1 from risk R1 → none",
            "D2 decided by none → P1",
            "D2 linked risks none → R2",
            "budget total 50,000.00 EUR → none",
            "P2's day rate 800.00 EUR → 900.00 EUR",
            "T3 actual cost 2,500.00 EUR → 3,000.00 EUR",
        ]
    );
    let status = id_of(&diff, "A1 status open → confirmed");
    assert_eq!(diff.entry(status).unwrap().change.field_label().as_deref(), Some("status"));
    assert_eq!(diff.entry(status).unwrap().change.sides(), Some(("open".into(), "confirmed".into())));
    // Chosen fields of one entry are one update; the others stay ours.
    let selection = Selection::of([status, id_of(&diff, "A1 linked tasks T3, T6 → T3")]);
    let merge = merged(&ours, &diff, &selection);
    let merged_entry = &merge.plan.assumptions[0];
    assert_eq!(merged_entry.status, planwright::model::AssumptionStatus::Confirmed);
    assert_eq!(merged_entry.validate_by, ours.assumptions[0].validate_by, "not chosen");
    assert_eq!(merged_entry.linked_tasks, [TaskId::new("T3")]);
    assert_eq!(merged(&ours, &diff, &Selection::all(&diff)).plan, theirs);
}

#[test]
fn removed_log_entries_are_taken_by_id_and_what_named_them_forgets_them() {
    let ours = common::raid_plan();
    let mut theirs = ours.clone();
    theirs.assumptions.remove(0);
    theirs.issues[1].from_assumption = None;
    let diff = diff(&ours, &theirs);
    assert_eq!(texts(&diff), ["A1 removed: \"Vendor keeps the 2026 price\"", "I2 from assumption A1 → none"]);
    assert_eq!(merged(&ours, &diff, &only(&diff, "A1 removed: \"Vendor keeps the 2026 price\"")).plan, theirs);
}

#[test]
fn an_added_issue_from_a_risk_not_taken_is_refused_and_names_the_risk_to_take() {
    let ours = common::sample_plan();
    let mut theirs = ours.clone();
    theirs.risks.push(common::risk("R4", "Sandbox outage", None, &[]));
    let mut issue = planwright::model::log::new_issue(&theirs, "Sandbox down", date(2027, 1, 11));
    issue.from_risk = Some(RiskId::new("R4"));
    theirs.issues.push(issue);
    let diff = diff(&ours, &theirs);
    let refused = merge(&ours, &diff, &only(&diff, "I1 added: \"Sandbox down\" (medium, open)")).unwrap_err();
    assert_eq!(refused.also_needed, [id_of(&diff, "R4 added: \"Sandbox outage\" (probability 3, impact 3)")]);
    assert!(refused.message.contains("R4"), "{refused}");
}

#[test]
fn the_same_log_entry_or_amount_changed_on_both_sides_is_a_conflict_and_other_fields_are_not() {
    let base = common::raid_plan();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.issues[0].status = planwright::model::IssueStatus::Resolved;
    theirs.issues[0].status = planwright::model::IssueStatus::Closed;
    ours.decisions[0].rationale = "Ours".into();
    theirs.decisions[0].options = "Theirs".into();
    ours.budget.tasks[1].fixed = planwright::model::Money(130_000);
    theirs.budget.tasks[1].fixed = planwright::model::Money(140_000);
    ours.budget.day_rates[1].rate = planwright::model::Money(70_000);
    // Both add the next assumption, differently.
    let added = |plan: &mut Plan, statement: &str| {
        let entry = planwright::model::log::new_assumption(plan, statement, date(2027, 1, 12));
        plan.assumptions.push(entry);
    };
    added(&mut ours, "Staging is ready by March");
    added(&mut theirs, "Legal signs off in a week");
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(whose_is(&diff, "I1 status resolved → closed"), "both");
    assert_eq!(whose_is(&diff, "T3 fixed cost 1,300.00 EUR → 1,400.00 EUR"), "both");
    assert_eq!(whose_is(&diff, "A3 statement"), "both");
    assert_eq!(whose_is(&diff, "D1 rationale"), "yours");
    assert_eq!(whose_is(&diff, "D1 options"), "theirs");
    assert_eq!(whose_is(&diff, "P3's day rate"), "yours");
    let offered = Selection::offered(&diff);
    assert_eq!(offered.undecided_conflicts(&diff).count(), 3);
    let merge = merged(&ours, &diff, &offered);
    assert_eq!(merge.plan.decisions[0].options, "Theirs");
    assert_eq!(merge.plan.decisions[0].rationale, "Ours");
}

#[test]
fn costs_and_rates_of_tasks_and_people_taken_or_removed_go_with_them() {
    let ours = common::raid_plan();
    let mut theirs = ours.clone();
    apply(&mut theirs, Command::RemoveTask(TaskId::new("T6"))).unwrap();
    apply(&mut theirs, Command::AddTask { task: task("T8", "Load test", 2), index: None }).unwrap();
    let cost = planwright::model::TaskCost {
        fixed: planwright::model::Money(50_000),
        ..planwright::model::TaskCost::none(TaskId::new("T8"))
    };
    apply(&mut theirs, Command::SetTaskCost(cost)).unwrap();
    let diff = diff(&ours, &theirs);
    let listed = texts(&diff);
    assert!(!listed.iter().any(|text| text.starts_with("T6 actual cost")), "{listed:?}");
    assert!(listed.contains(&"T8 fixed cost none → 500.00 EUR".to_string()), "{listed:?}");
    let merge = merged(&ours, &diff, &Selection::all(&diff));
    assert_eq!(merge.plan.budget, theirs.budget);
}

#[test]
fn renumbering_a_task_renames_it_in_the_log_and_the_budget() {
    let plan = common::raid_plan();
    let renumbered = renumber_task(&plan, &TaskId::new("T3"), TaskId::new("T30")).unwrap();
    assert!(validate_plan(&renumbered).is_empty(), "{:?}", validate_plan(&renumbered));
    assert_eq!(renumbered.issues[0].linked_tasks, [TaskId::new("T30")]);
    assert!(renumbered.budget.task(&TaskId::new("T30")).is_some());
}

#[test]
fn a_task_or_person_removed_on_one_side_whose_costs_or_rate_the_other_changed_is_a_conflict() {
    let base = common::raid_plan();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.budget.tasks[2].actual = planwright::model::Money(20_000); // T6
    apply(&mut theirs, Command::RemoveTask(TaskId::new("T6"))).unwrap();
    theirs.budget.day_rates[1].rate = planwright::model::Money(70_000); // P3
    apply(&mut ours, Command::RemovePerson(PersonId::new("P3"))).unwrap();
    let diff = diff3(Some(&base), &ours, &theirs);
    assert_eq!(whose_is(&diff, "T6 removed"), "both", "{}", diff.to_text());
    assert_eq!(whose_is(&diff, "P3 added"), "both", "{}", diff.to_text());
}
