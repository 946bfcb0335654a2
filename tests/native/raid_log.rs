//! The RAID log's model: entries added, edited and removed through `apply` with exact
//! undo, the one-step edits (a risk that occurred, an assumption proven wrong, a decision
//! superseded), references kept valid when tasks, people or risks go, and the readings
//! the Status report makes of it.

use planwright::model::log::{
    assumption_overdue, assumptions_due, decider_name, decisions_since, entries_of_task, issue_overdue, new_assumption,
    new_decision, new_issue, open_issues_by_severity, proposed_decider, prove_wrong, supersede, Raise,
};
use planwright::model::risk::mark_occurred;
use planwright::model::validate::validate_plan;
use planwright::model::{
    apply, AssumptionStatus, Command, IssueStatus, LogEntry, LogEntryId, PersonId, Plan, RaciRole, RiskId, RiskStatus,
    Severity, TaskId,
};

use crate::common::{date, raci, sample_plan};

fn add(plan: &mut Plan, entry: LogEntry) {
    apply(plan, Command::AddLogEntry { entry, index: None }).unwrap_or_else(|error| panic!("refused: {error}"));
}

/// Applies, checks the undo gives the plan back exactly and the plan stays valid.
fn applies_and_undoes(plan: &mut Plan, command: Command) -> Plan {
    let before = plan.clone();
    let undo = apply(plan, command.clone()).unwrap_or_else(|error| panic!("{command:?} was refused: {error}"));
    let after = plan.clone();
    assert!(validate_plan(&after).is_empty(), "{:?}", validate_plan(&after));
    apply(plan, undo).unwrap();
    assert_eq!(*plan, before, "the undo restores the plan exactly");
    after
}

#[test]
fn each_kind_is_added_edited_and_removed_with_an_exact_undo() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let assumption = new_assumption(&plan, "The vendor API is stable", today);
    assert_eq!((assumption.id.as_str(), assumption.validate_by), ("A1", Some(date(2027, 2, 3))));
    let after = applies_and_undoes(
        &mut plan,
        Command::AddLogEntry { entry: LogEntry::Assumption(assumption.clone()), index: None },
    );
    assert_eq!(after.assumptions, std::slice::from_ref(&assumption));

    add(&mut plan, LogEntry::Assumption(assumption.clone()));
    let edited = planwright::model::Assumption { status: AssumptionStatus::Confirmed, ..assumption.clone() };
    let after = applies_and_undoes(&mut plan, Command::UpdateLogEntry(LogEntry::Assumption(edited.clone())));
    assert_eq!(after.assumptions, [edited]);

    let issue = new_issue(&plan, "Staging is down", today);
    assert_eq!((issue.id.as_str(), issue.due, issue.status), ("I1", Some(date(2027, 1, 27)), IssueStatus::Open));
    add(&mut plan, LogEntry::Issue(issue.clone()));
    let after = applies_and_undoes(&mut plan, Command::RemoveLogEntry(LogEntryId::Issue(issue.id.clone())));
    assert!(after.issues.is_empty());
}

#[test]
fn an_entry_naming_what_is_not_in_the_plan_is_refused_and_nothing_changes() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let before = plan.clone();
    let mut issue = new_issue(&plan, "Broken build", today);
    issue.linked_tasks.push(TaskId::new("T99"));
    let error = apply(&mut plan, Command::AddLogEntry { entry: LogEntry::Issue(issue), index: None }).unwrap_err();
    assert_eq!(error.to_string(), "linked tasks[0] refers to task T99, which does not exist");
    let mut decision = new_decision(&plan, "Ship in March", Vec::new(), today);
    decision.decided_by = Some(PersonId::new("P42"));
    let error =
        apply(&mut plan, Command::AddLogEntry { entry: LogEntry::Decision(decision), index: None }).unwrap_err();
    assert!(error.to_string().starts_with("decided by refers to person P42, who is not in the plan"), "{error}");
    let mut late = new_issue(&plan, "Due before raised", today);
    late.due = Some(date(2027, 1, 1));
    let error = apply(&mut plan, Command::AddLogEntry { entry: LogEntry::Issue(late), index: None }).unwrap_err();
    assert_eq!(error.to_string(), "due 2027-01-01 is before the day the issue was raised, 2027-01-20");
    assert_eq!(plan, before);
}

#[test]
fn a_decision_is_proposed_to_the_accountable_person_of_its_first_task_that_has_one() {
    let mut plan = sample_plan();
    plan.raci.retain(|cell| !matches!(cell.role, RaciRole::A | RaciRole::AR));
    plan.raci.push(raci("T3", "P2", RaciRole::A));
    let tasks = [TaskId::new("T2"), TaskId::new("T3")];
    assert_eq!(proposed_decider(&plan, &tasks), Some(PersonId::new("P2")), "T2 has no Accountable, T3 has");
    let decision = new_decision(&plan, "Use REST", tasks.to_vec(), date(2027, 1, 20));
    assert_eq!(decision.decided_by, Some(PersonId::new("P2")));
    assert_eq!(decision.decided_by_name, plan.person("P2").unwrap().name);
}

#[test]
fn a_decision_keeps_the_name_of_who_decided_when_they_leave_the_plan() {
    let mut plan = sample_plan();
    let mut decision = new_decision(&plan, "Use REST", Vec::new(), date(2027, 1, 20));
    decision.decided_by = Some(PersonId::new("P2"));
    decision.decided_by_name = String::new();
    add(&mut plan, LogEntry::Decision(decision));
    let name = plan.person("P2").unwrap().name.clone();
    let after = applies_and_undoes(&mut plan, Command::RemovePerson(PersonId::new("P2")));
    let kept = &after.decisions[0];
    assert_eq!((kept.decided_by.as_ref(), kept.decided_by_name.as_str()), (None, name.as_str()));
    assert_eq!(decider_name(&after, kept), format!("{name} (no longer in the plan)"));
}

#[test]
fn decisions_are_superseded_in_one_step_and_stay_in_the_log() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let first = new_decision(&plan, "Launch in March", Vec::new(), today);
    add(&mut plan, LogEntry::Decision(first));
    let later = new_decision(&plan, "Launch in April", Vec::new(), date(2027, 2, 1));
    let command = supersede(&plan, &plan.decisions[0].id.clone(), later).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    assert_eq!(after.decisions.len(), 2);
    assert_eq!(after.decisions[0].superseded_by.as_ref().map(|id| id.as_str()), Some("D2"));
    assert_eq!(decisions_since(&after, date(2027, 1, 25)).len(), 1, "only the later one was taken since");
}

#[test]
fn an_assumption_proven_wrong_raises_a_risk_or_an_issue_in_the_same_step() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let mut assumption = new_assumption(&plan, "Legal signs off in a week", today);
    assumption.linked_tasks.push(TaskId::new("T3"));
    assumption.owner = Some(PersonId::new("P1"));
    add(&mut plan, LogEntry::Assumption(assumption));
    let id = plan.assumptions[0].id.clone();

    let command = prove_wrong(&plan, &id, Some(Raise::Issue), today).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    assert_eq!(after.assumptions[0].status, AssumptionStatus::ProvenWrong);
    let issue = after.issues.last().unwrap();
    assert_eq!((issue.from_assumption.as_ref(), issue.linked_tasks.as_slice()), (Some(&id), &[TaskId::new("T3")][..]));
    assert_eq!(issue.owner, Some(PersonId::new("P1")));

    let command = prove_wrong(&plan, &id, Some(Raise::Risk), today).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    let risk = after.risks.last().unwrap();
    assert!(risk.title.starts_with("A1 proven wrong: Legal signs off"), "{}", risk.title);
    assert_eq!(risk.linked_tasks, [TaskId::new("T3")]);

    let command = prove_wrong(&plan, &id, None, today).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    assert_eq!((after.issues.len(), after.risks.len()), (plan.issues.len(), plan.risks.len()), "only marked");
}

#[test]
fn a_risk_that_occurred_raises_its_issue_with_the_response_task_in_one_undo_step() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let command = mark_occurred(&plan, &RiskId::new("R1"), today, true, true).unwrap();
    let after = applies_and_undoes(&mut plan, command);
    let risk = after.risk("R1").unwrap();
    assert_eq!(risk.status, RiskStatus::Occurred);
    let issue = &after.issues[0];
    assert_eq!(issue.from_risk, Some(RiskId::new("R1")));
    assert_eq!(issue.linked_tasks, risk.linked_tasks, "the issue is linked to the response task too");
    assert_eq!(issue.severity, Severity::Critical, "R1's impact is 5");
}

#[test]
fn removing_a_task_a_risk_or_an_assumption_leaves_no_entry_naming_it() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let mut assumption = new_assumption(&plan, "Budget approved", today);
    assumption.linked_tasks = vec![TaskId::new("T3"), TaskId::new("T5")];
    add(&mut plan, LogEntry::Assumption(assumption));
    let mut issue = new_issue(&plan, "Vendor late", today);
    issue.from_risk = Some(RiskId::new("R1"));
    issue.from_assumption = Some(plan.assumptions[0].id.clone());
    add(&mut plan, LogEntry::Issue(issue));
    let mut decision = new_decision(&plan, "Second vendor", vec![TaskId::new("T3")], today);
    decision.linked_risks.push(RiskId::new("R1"));
    add(&mut plan, LogEntry::Decision(decision));

    let after = applies_and_undoes(&mut plan, Command::RemoveTask(TaskId::new("T3")));
    assert_eq!(after.assumptions[0].linked_tasks, [TaskId::new("T5")]);
    assert!(after.decisions[0].linked_tasks.is_empty());
    let after = applies_and_undoes(&mut plan, Command::RemoveRisk(RiskId::new("R1")));
    assert_eq!((after.issues[0].from_risk.as_ref(), after.decisions[0].linked_risks.len()), (None, 0));
    let assumption = LogEntryId::Assumption(plan.assumptions[0].id.clone());
    let after = applies_and_undoes(&mut plan, Command::RemoveLogEntry(assumption));
    assert_eq!(after.issues[0].from_assumption, None);
}

#[test]
fn overdue_entries_due_assumptions_and_open_issues_by_severity_are_read_as_of_a_day() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let mut soon = new_assumption(&plan, "Soon", date(2027, 1, 1));
    soon.validate_by = Some(date(2027, 1, 22));
    add(&mut plan, LogEntry::Assumption(soon));
    let mut late = new_assumption(&plan, "Late", date(2027, 1, 1));
    late.validate_by = Some(date(2027, 1, 10));
    add(&mut plan, LogEntry::Assumption(late));
    assert!(assumption_overdue(&plan.assumptions[1], today) && !assumption_overdue(&plan.assumptions[0], today));
    let due: Vec<&str> =
        assumptions_due(&plan, date(2027, 1, 27)).iter().map(|entry| entry.statement.as_str()).collect();
    assert_eq!(due, ["Late", "Soon"], "soonest first, the overdue one included");

    for (severity, status) in [
        (Severity::High, IssueStatus::Open),
        (Severity::High, IssueStatus::InProgress),
        (Severity::Low, IssueStatus::Resolved),
    ] {
        let issue = planwright::model::Issue { severity, status, ..new_issue(&plan, "x", date(2027, 1, 5)) };
        add(&mut plan, LogEntry::Issue(issue));
    }
    assert_eq!(open_issues_by_severity(&plan), [0, 0, 2, 0]);
    assert!(issue_overdue(&plan.issues[0], today), "due 01-12, still open");
    assert!(!issue_overdue(&plan.issues[2], today), "resolved is never overdue");
}

#[test]
fn a_tasks_log_entries_are_found_for_its_details() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let mut assumption = new_assumption(&plan, "Specs frozen", today);
    assumption.linked_tasks.push(TaskId::new("T2"));
    add(&mut plan, LogEntry::Assumption(assumption));
    let decision = new_decision(&plan, "Use gRPC", vec![TaskId::new("T2")], today);
    add(&mut plan, LogEntry::Decision(decision));
    let issue = new_issue(&plan, "Unrelated", today);
    add(&mut plan, LogEntry::Issue(issue));
    let task = TaskId::new("T2");
    let found: Vec<(String, String)> =
        entries_of_task(&plan, &task).iter().map(|entry| (entry.id().to_string(), entry.status())).collect();
    assert_eq!(found, [("A1".to_string(), "open".to_string()), ("D1".to_string(), "decided".to_string())]);
}

#[test]
fn the_status_report_lists_open_issues_by_severity_recent_decisions_and_assumptions_due() {
    let mut plan = sample_plan();
    let today = date(2027, 1, 20);
    let issue =
        planwright::model::Issue { severity: Severity::High, ..new_issue(&plan, "Staging down", date(2027, 1, 5)) };
    add(&mut plan, LogEntry::Issue(issue));
    let old = new_decision(&plan, "Old call", Vec::new(), date(2027, 1, 2));
    add(&mut plan, LogEntry::Decision(old));
    let recent = new_decision(&plan, "Use the second vendor", Vec::new(), date(2027, 1, 18));
    add(&mut plan, LogEntry::Decision(recent));
    let mut due = new_assumption(&plan, "Legal signs off", date(2027, 1, 1));
    due.validate_by = Some(date(2027, 1, 25));
    add(&mut plan, LogEntry::Assumption(due));
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let markdown = planwright::report::status_markdown(&planwright::report::status_report(&plan, &schedule, today));
    assert!(markdown.contains("## Open issues\n\nBy severity: 1 high."), "{markdown}");
    assert!(markdown.contains("| I1 | Staging down |  | 2027-01-12 | high, open, overdue |"), "{markdown}");
    assert!(markdown.contains("## Decisions taken since 2027-01-13"));
    assert!(markdown.contains("Use the second vendor") && !markdown.contains("Old call"));
    assert!(markdown.contains("## Assumptions to validate by 2027-02-03"));
    assert!(markdown.contains("| A1 | Legal signs off |"));

    let critical = planwright::model::Issue { severity: Severity::Critical, ..new_issue(&plan, "Vendor gone", today) };
    add(&mut plan, LogEntry::Issue(critical));
    let report = planwright::report::status_report(&plan, &schedule, today);
    let reason = report
        .reasons
        .iter()
        .find(|reason| matches!(reason.kind, planwright::report::StatusReasonKind::CriticalIssueOpen { .. }));
    let said = reason.map(|reason| (reason.status, reason.message.as_str()));
    assert_eq!(said, Some((planwright::report::RagStatus::Amber, "Critical issue I2 \"Vendor gone\" is open")));
}
