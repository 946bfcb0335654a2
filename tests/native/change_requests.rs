//! Change requests: the changes captured from a proposal copy, their consequence, approval
//! as one undo step that records the decision, refusal when the plan has moved on, and
//! rejection with a reason.

use planwright::diff::proposal::{approve, capture, conflicts, consequence, proposed_plan, reject};
use planwright::file::{parse, to_json};
use planwright::model::validate::validate_plan;
use planwright::model::{apply, ChangeRequest, ChangeStatus, Command, Money, Plan, TaskCost, TaskId};
use planwright::schedule::compute;

use crate::common::{date, finish_to_start, sample_plan, subtask};

/// The sample plan with a request raised on 2027-01-20 to make T3 (API build) three days
/// longer and add T8 "Security review" (2 days, under T1, after T3, fixed cost 4,000).
fn with_request() -> (Plan, Plan) {
    let plan = sample_plan();
    let mut proposal = plan.clone();
    let build = proposal.task_index("T3").unwrap();
    proposal.tasks[build].duration += 3;
    proposal.tasks.insert(build + 1, subtask("T8", "Security review", 2, "T1"));
    proposal.dependencies.push(finish_to_start("T3", "T8"));
    proposal.budget.tasks.push(TaskCost { fixed: Money(400_000), ..TaskCost::none(TaskId::new("T8")) });
    (plan, proposal)
}

fn raised(plan: &Plan, proposal: &Plan) -> ChangeRequest {
    let request = ChangeRequest::new(plan.next_change_request_id(), "Security review before launch", date(2027, 1, 20));
    capture(&ChangeRequest { reason: "Required by the audit".into(), ..request }, plan, proposal)
}

#[test]
fn a_request_captures_every_task_link_and_cost_the_proposal_changes() {
    let (plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    let tasks: Vec<(Option<u32>, Option<u32>)> = request
        .tasks
        .iter()
        .map(|change| {
            (change.before.as_ref().map(|task| task.duration), change.after.as_ref().map(|task| task.duration))
        })
        .collect();
    let build = plan.task("T3").unwrap().duration;
    assert_eq!(tasks, [(Some(build), Some(build + 3)), (None, Some(2))]);
    assert_eq!(request.dependencies.len(), 1);
    assert_eq!(request.costs.len(), 1);
    assert_eq!(request.change_count(), 4);
    assert!(conflicts(&plan, &request).is_empty());
    let proposed = proposed_plan(&plan, &request).unwrap();
    assert_eq!(proposed.tasks, proposal.tasks, "the proposal is rebuilt in its order");
}

#[test]
fn its_consequence_names_the_milestones_that_move_and_the_cost_change() {
    let (plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    let consequence = consequence(&plan, &request).unwrap();
    let moves = consequence.schedule.clone().unwrap();
    assert!(!moves.milestones.is_empty(), "the launch milestone moves");
    assert!(moves.milestones.iter().all(|milestone| milestone.date.working_days > 0), "{moves:?}");
    assert_eq!(consequence.cost_change(), Money(400_000));
}

#[test]
fn approving_makes_the_changes_records_the_decision_and_is_one_undo_step() {
    let (mut plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    let before = plan.clone();
    let today = date(2027, 1, 22);
    let command = approve(&plan, &request.id, None, today).unwrap();
    let undo = apply(&mut plan, command).unwrap();
    assert!(validate_plan(&plan).is_empty(), "{:?}", validate_plan(&plan));
    assert_eq!(plan.tasks, proposal.tasks);
    assert_eq!(plan.budget.task(&TaskId::new("T8")).unwrap().fixed, Money(400_000));
    let decision = plan.decisions.last().unwrap();
    assert_eq!(decision.title, "Approved C1: Security review before launch");
    assert_eq!(decision.rationale, "Required by the audit");
    let approved = plan.change_request(&request.id).unwrap();
    assert_eq!(
        (approved.status, approved.decided, approved.decision.as_ref()),
        (ChangeStatus::Approved, Some(today), Some(&decision.id))
    );
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before, "one undo takes it all back");
}

#[test]
fn a_request_whose_tasks_changed_since_is_refused_saying_what_conflicts_and_nothing_changes() {
    let (mut plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    let mut build = plan.task("T3").unwrap().clone();
    build.duration += 1;
    apply(&mut plan, Command::UpdateTask(build)).unwrap();
    let mut added = subtask("T8", "Someone else's task", 1, "T4");
    added.notes = "added meanwhile".into();
    apply(&mut plan, Command::AddTask { task: added, index: None }).unwrap();
    let before = plan.clone();
    let refused = approve(&plan, &request.id, None, date(2027, 1, 22)).unwrap_err();
    assert_eq!(
        refused,
        ["task T3 was changed since the request was made", "task T8 was added to the plan since the request was made"]
    );
    assert_eq!(plan, before);
}

#[test]
fn a_rejection_keeps_the_request_with_why_and_needs_a_reason() {
    let (mut plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    assert_eq!(reject(&plan, &request.id, "  ", date(2027, 1, 22)).unwrap_err(), "say why it is rejected");
    let rejection = reject(&plan, &request.id, "Out of scope for this release", date(2027, 1, 22)).unwrap();
    apply(&mut plan, rejection).unwrap();
    let rejected = plan.change_request(&request.id).unwrap();
    assert_eq!(
        (rejected.status, rejected.rejection.as_str()),
        (ChangeStatus::Rejected, "Out of scope for this release")
    );
    assert_eq!(plan.tasks, sample_plan().tasks, "nothing of it was made");
    assert!(approve(&plan, &request.id, None, date(2027, 1, 23)).unwrap_err()[0].contains("already rejected"));
}

#[test]
fn a_request_travels_in_the_plan_file_and_reads_back_to_its_bytes() {
    let (mut plan, proposal) = with_request();
    let request = raised(&plan, &proposal);
    apply(&mut plan, Command::AddChangeRequest { request, index: None }).unwrap();
    let text = to_json(&plan);
    assert!(text.contains("\"change_requests\""));
    let read = parse(&text).unwrap();
    assert_eq!(read, plan);
    assert_eq!(to_json(&read), text);
    assert!(!to_json(&sample_plan()).contains("change_requests"), "left out while there are none");
}

#[test]
fn the_status_report_lists_the_changes_approved_since_the_baseline() {
    let (mut plan, proposal) = with_request();
    let schedule = compute(&plan).unwrap();
    plan.baselines.push(planwright::schedule::take_baseline(
        &plan,
        &schedule,
        plan.next_baseline_id(),
        "B".into(),
        date(2027, 1, 10),
    ));
    let request = raised(&plan, &proposal);
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    let approval = approve(&plan, &request.id, None, date(2027, 1, 22)).unwrap();
    apply(&mut plan, approval).unwrap();
    let schedule = compute(&plan).unwrap();
    let report = planwright::report::status_report(&plan, &schedule, date(2027, 1, 25));
    let markdown = planwright::report::status_markdown(&report);
    assert!(markdown.contains("## Changes approved since 2027-01-10"), "{markdown}");
    assert!(markdown.contains("| C1 | Security review before launch |  | 2027-01-22 | 4 changes |"), "{markdown}");
}

#[test]
fn an_edit_of_the_plan_after_the_copy_was_drafted_is_kept_not_undone_by_the_approval() {
    // Drafted from `base`; meanwhile the plan sets T5's progress. The request changes T3
    // only, so approving it keeps the plan's own edit of T5.
    let (base, proposal) = with_request();
    let mut plan = base.clone();
    let mut ui = plan.task("T5").unwrap().clone();
    ui.progress = 60;
    apply(&mut plan, Command::UpdateTask(ui)).unwrap();
    let request = raised(&base, &proposal);
    assert!(request.tasks.iter().all(|change| change.after.as_ref().is_none_or(|task| task.id.as_str() != "T5")));
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    let approval = approve(&plan, &request.id, None, date(2027, 1, 22)).unwrap();
    apply(&mut plan, approval).unwrap();
    assert_eq!(plan.task("T5").unwrap().progress, 60, "the plan's own edit stays");
    assert_eq!(plan.task("T8").unwrap().name, "Security review");
}

#[test]
fn a_request_that_removes_a_task_named_by_the_baseline_raci_and_risks_is_approved_cleanly() {
    let mut plan = sample_plan();
    let schedule = compute(&plan).unwrap();
    plan.baselines.push(planwright::schedule::take_baseline(
        &plan,
        &schedule,
        plan.next_baseline_id(),
        "B".into(),
        date(2027, 1, 4),
    ));
    let mut proposal = plan.clone();
    apply(&mut proposal, Command::RemoveTask(TaskId::new("T3"))).unwrap();
    let request = capture(
        &ChangeRequest::new(plan.next_change_request_id(), "Drop the API build", date(2027, 1, 20)),
        &plan,
        &proposal,
    );
    apply(&mut plan, Command::AddChangeRequest { request: request.clone(), index: None }).unwrap();
    let before = plan.clone();
    let approval =
        approve(&plan, &request.id, None, date(2027, 1, 22)).unwrap_or_else(|problems| panic!("{problems:?}"));
    let undo = apply(&mut plan, approval).unwrap();
    assert!(plan.task("T3").is_none());
    assert!(validate_plan(&plan).is_empty(), "{:?}", validate_plan(&plan));
    apply(&mut plan, undo).unwrap();
    assert_eq!(plan, before);
}
