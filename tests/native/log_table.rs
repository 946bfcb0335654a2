//! What the Log view's table shows (`model::log_table`): which entries pass the filter,
//! in which order, and what the cells say.

use crate::common::{date, sample_plan};
use planwright::model::log::{new_assumption, new_decision, new_issue};
use planwright::model::log_table::{
    columns, kind_counts, log_rows, status_choices, CellKind, LogFilter, LogSort, Row, STANDING, SUPERSEDED,
};
use planwright::model::{AssumptionStatus, DecisionId, IssueStatus, LogKind, PersonId, Plan, Severity, TaskId};

fn today() -> chrono::NaiveDate {
    date(2027, 2, 1)
}

/// A1 open and past its day, A2 confirmed and past it, A3 open and due later; I1 high and
/// overdue, I2 low in progress, I3..I10 so ids sort by number; D1 by someone since gone,
/// D2 superseded by D3.
fn plan_with_a_log() -> Plan {
    let mut plan = sample_plan();
    for (statement, status, validate_by, owner) in [
        ("Vendor sandbox by January", AssumptionStatus::Open, date(2027, 1, 20), Some("P1")),
        ("PCI scope unchanged", AssumptionStatus::Confirmed, date(2027, 1, 10), Some("P2")),
        ("Design team stays", AssumptionStatus::Open, date(2027, 3, 1), None),
    ] {
        let mut entry = new_assumption(&plan, statement, date(2027, 1, 4));
        entry.status = status;
        entry.validate_by = Some(validate_by);
        entry.owner = owner.map(PersonId::new);
        plan.assumptions.push(entry);
    }
    let mut i1 = new_issue(&plan, "Staging is down", date(2027, 1, 20));
    i1.severity = Severity::High;
    i1.linked_tasks = vec![TaskId::new("T3")];
    plan.issues.push(i1);
    let mut i2 = new_issue(&plan, "Ledger access delayed", date(2027, 1, 30));
    i2.severity = Severity::Low;
    i2.status = IssueStatus::InProgress;
    i2.description = "The bank's change board meets monthly.".into();
    plan.issues.push(i2);
    for number in 3..=10 {
        let mut issue = new_issue(&plan, format!("Issue number {number}"), date(2027, 1, 30));
        issue.status = IssueStatus::Closed;
        issue.due = None;
        plan.issues.push(issue);
    }
    let mut d1 = new_decision(&plan, "Postgres for the ledger", Vec::new(), date(2027, 1, 5));
    d1.decided_by_name = "Ana Ruiz".into();
    plan.decisions.push(d1);
    let mut d2 = new_decision(&plan, "Event sourcing", Vec::new(), date(2027, 1, 12));
    d2.superseded_by = Some(DecisionId::new("D3"));
    plan.decisions.push(d2);
    let mut d3 = new_decision(&plan, "Event sourcing for payments only", Vec::new(), date(2027, 1, 19));
    d3.decided_by = Some(PersonId::new("P2"));
    plan.decisions.push(d3);
    plan
}

fn ids(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|row| row.id.as_str()).collect()
}

fn shown(plan: &Plan, kind: LogKind, filter: &LogFilter) -> Vec<String> {
    log_rows(plan, kind, filter, None, today()).iter().map(|row| row.id.as_str().to_string()).collect()
}

fn text_of(kind: LogKind, row: &Row, cell: CellKind) -> String {
    let index = columns(kind).iter().position(|column| column.kind == cell).unwrap();
    row.cells[index].text.clone()
}

#[test]
fn the_filters_narrow_each_kind_by_status_owner_severity_and_words() {
    let plan = plan_with_a_log();
    let all = LogFilter::default();
    assert_eq!(shown(&plan, LogKind::Assumption, &all), ["A1", "A2", "A3"]);
    let confirmed = LogFilter { status: "confirmed".into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Assumption, &confirmed), ["A2"]);
    let nobody = LogFilter { owner: Some(None), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Assumption, &nobody), ["A3"]);
    let ada = LogFilter { owner: Some(Some(PersonId::new("P1"))), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Assumption, &ada), ["A1"]);
    // Every word, in any case, in the title, the description or the owner's name.
    let words = LogFilter { text: "SCOPE pci".into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Assumption, &words), ["A2"]);
    let by_owner_name = LogFilter { text: "grace".into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Assumption, &by_owner_name), ["A2"]);
    let in_description = LogFilter { text: "change board".into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Issue, &in_description), ["I2"]);
    let low = LogFilter { severity: Some(Severity::Low), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Issue, &low), ["I2"]);
    // Decisions: standing or superseded.
    assert_eq!(status_choices(LogKind::Decision), [STANDING, SUPERSEDED]);
    let standing = LogFilter { status: STANDING.into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Decision, &standing), ["D1", "D3"]);
    let superseded = LogFilter { status: SUPERSEDED.into(), ..LogFilter::default() };
    assert_eq!(shown(&plan, LogKind::Decision, &superseded), ["D2"]);
    // Another tab keeps the words and the owner, not the status or severity.
    let narrowed =
        LogFilter { text: "x".into(), status: "open".into(), severity: Some(Severity::High), owner: Some(None) };
    assert!(narrowed.is_narrowed());
    let other = narrowed.for_other_kind();
    assert_eq!((other.text.as_str(), other.status.as_str(), other.severity, other.owner), ("x", "", None, Some(None)));
    assert!(!LogFilter::default().is_narrowed());
}

#[test]
fn overdue_entries_are_marked_and_counted() {
    let plan = plan_with_a_log();
    let rows = log_rows(&plan, LogKind::Assumption, &LogFilter::default(), None, today());
    let overdue: Vec<bool> = rows.iter().map(|row| row.overdue).collect();
    assert_eq!(overdue, [true, false, false], "open and past its day; confirmed is not overdue");
    assert_eq!(kind_counts(&plan, LogKind::Assumption, today()), (3, 1));
    // I1 was due a week after 2027-01-20: overdue on 2027-02-01; I2 is not due yet.
    let rows = log_rows(&plan, LogKind::Issue, &LogFilter::default(), None, today());
    assert_eq!((rows[0].overdue, rows[1].overdue), (true, false));
    assert_eq!(kind_counts(&plan, LogKind::Issue, today()), (10, 1));
    assert_eq!(kind_counts(&plan, LogKind::Decision, today()), (3, 0));
}

#[test]
fn the_cells_say_who_decided_and_what_superseded_a_decision() {
    let plan = plan_with_a_log();
    let rows = log_rows(&plan, LogKind::Decision, &LogFilter::default(), None, today());
    let decided_by: Vec<String> = rows.iter().map(|row| text_of(LogKind::Decision, row, CellKind::Plain)).collect();
    assert_eq!(decided_by, ["Ana Ruiz (no longer in the plan)", "not recorded", "Grace Hopper"]);
    let status: Vec<String> = rows.iter().map(|row| text_of(LogKind::Decision, row, CellKind::Status)).collect();
    assert_eq!(status, ["decided", "superseded by D3", "decided"]);
    assert!(rows[1].settled);
    let issue = &log_rows(&plan, LogKind::Issue, &LogFilter::default(), None, today())[0];
    assert_eq!(text_of(LogKind::Issue, issue, CellKind::Tasks), "T3");
    assert_eq!(text_of(LogKind::Issue, issue, CellKind::DueDate), "2027-01-27");
}

#[test]
fn a_sort_orders_ids_by_number_severity_by_rank_and_dates_with_the_empty_last() {
    let plan = plan_with_a_log();
    let sort = |column: &str, descending: bool| {
        let column = columns(LogKind::Issue).iter().position(|found| found.heading == column).unwrap();
        log_rows(&plan, LogKind::Issue, &LogFilter::default(), Some(LogSort { column, descending }), today())
    };
    assert_eq!(ids(&sort("Id", true))[..3], ["I10", "I9", "I8"]);
    assert_eq!(ids(&sort("Severity", true))[..2], ["I1", "I3"], "high, then the mediums in log order");
    assert_eq!(ids(&sort("Severity", false))[0], "I2");
    assert_eq!(ids(&sort("Due", false))[..2], ["I1", "I2"], "dated first, the undated after");
    // Without a sort: the log's own order.
    assert_eq!(ids(&log_rows(&plan, LogKind::Issue, &LogFilter::default(), None, today()))[..3], ["I1", "I2", "I3"]);
    assert!(columns(LogKind::Issue).iter().any(|column| column.kind == CellKind::Severity && column.first_descending));
}
