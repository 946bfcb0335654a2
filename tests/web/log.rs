//! The Log: assumptions, issues and decisions in tabs, the side panel that edits them,
//! "proven wrong", "supersede", and the entries a task's details list.

use chrono::NaiveDate;
use leptos::prelude::document;
use planwright::file;
use planwright::model::log::{new_assumption, new_decision, new_issue};
use planwright::model::{AssumptionStatus, IssueStatus, PersonId, Severity, TaskId};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

/// The example plan with a log: A1 open and past its validate-by day, A2 confirmed;
/// I1 high and past its due day, I2 low and in progress; D1 taken by someone since
/// removed from the plan, D2 by Daniel Reyes. A1, I1 and D1 are linked to T3.
fn example_with_a_log(today: NaiveDate) -> String {
    let days = |count: i64| today + chrono::Duration::days(count);
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let mut a1 = new_assumption(&plan, "Vendor sandbox is available in January", days(-20));
    a1.owner = Some(PersonId::new("P3"));
    a1.validate_by = Some(days(-3));
    a1.linked_tasks = vec![TaskId::new("T3")];
    plan.assumptions.push(a1);
    let mut a2 = new_assumption(&plan, "PCI scope stays as it is", days(-20));
    a2.owner = Some(PersonId::new("P7"));
    a2.validate_by = Some(days(-10));
    a2.status = AssumptionStatus::Confirmed;
    plan.assumptions.push(a2);
    let mut i1 = new_issue(&plan, "Staging cluster is down", days(-10));
    i1.severity = Severity::High;
    i1.owner = Some(PersonId::new("P4"));
    i1.due = Some(days(-2));
    i1.linked_tasks = vec![TaskId::new("T3")];
    plan.issues.push(i1);
    let mut i2 = new_issue(&plan, "Ledger access is delayed", days(-5));
    i2.severity = Severity::Low;
    i2.owner = Some(PersonId::new("P2"));
    i2.status = IssueStatus::InProgress;
    plan.issues.push(i2);
    let mut d1 = new_decision(&plan, "Use Postgres for the ledger", vec![TaskId::new("T3")], days(-20));
    d1.decided_by = None;
    d1.decided_by_name = "Ana Ruiz".into();
    plan.decisions.push(d1);
    let mut d2 = new_decision(&plan, "Adopt event sourcing", Vec::new(), days(-5));
    d2.decided_by = Some(PersonId::new("P2"));
    d2.decided_by_name = "Daniel Reyes".into();
    plan.decisions.push(d2);
    file::to_json(&plan)
}

async fn open_log(wrapper: &web_sys::HtmlElement, plan: &str) {
    choose_file(wrapper, "program.plan.json", plan);
    wait_for("the task grid", || find(wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(wrapper, "Log");
    wait_for("the log", || find(wrapper, "[data-testid=log-table]").is_some()).await;
}

/// The ids of the table's rows, top to bottom.
fn log_rows(root: &web_sys::HtmlElement) -> Vec<String> {
    find_all(root, "[data-testid=log-row]").iter().filter_map(|row| row.get_attribute("data-log-row")).collect()
}

/// A field of the open panel by its accessible name.
fn panel_field(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    find(root, &format!("[data-testid=log-panel] [aria-label='{label}']")).unwrap_or_else(|| panic!("no field {label}"))
}

fn press_ctrl(target: &web_sys::HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

fn focused_test_id() -> Option<String> {
    document().active_element().and_then(|element| element.get_attribute("data-testid"))
}

fn selected_tab(root: &web_sys::HtmlElement) -> String {
    find(root, "[role=tab][aria-selected=true]").and_then(|tab| tab.get_attribute("id")).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn each_kind_is_added_and_every_field_edited_in_the_panel() {
    let (wrapper, _app) = start_app().await;
    open_log(&wrapper, EXAMPLE_PLAN).await;
    assert_eq!(text(&wrapper, "[data-testid=log-count]"), "Showing 0 of 0 assumptions");

    // An assumption: added, opened, its statement focused.
    click(&wrapper, "[data-testid=log-add]");
    wait_for("the panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    wait_for("the statement focused", || {
        document().active_element().and_then(|element| element.get_attribute("aria-label")).as_deref()
            == Some("Statement of A1")
    })
    .await;
    change_input(&panel_field(&wrapper, "Statement of A1"), "The vendor sandbox is ready in January");
    choose_option(&panel_field(&wrapper, "Owner of A1"), "P3");
    change_input(&panel_field(&wrapper, "Validate by of A1"), "2027-01-15");
    change_input(&panel_field(&wrapper, "Notes of A1"), "Asked on the weekly call.");
    change_input(&panel_field(&wrapper, "Linked tasks of A1"), "T3, T4");
    choose_option(&panel_field(&wrapper, "Status of A1"), "confirmed");
    wait_for("the saved assumption", || {
        stored_plan().assumptions.first().is_some_and(|entry| entry.status == AssumptionStatus::Confirmed)
    })
    .await;
    let a1 = stored_plan().assumptions[0].clone();
    assert_eq!(a1.statement, "The vendor sandbox is ready in January");
    assert_eq!(a1.owner, Some(PersonId::new("P3")));
    assert_eq!(a1.validate_by, NaiveDate::from_ymd_opt(2027, 1, 15));
    assert_eq!(a1.notes, "Asked on the weekly call.");
    assert_eq!(a1.linked_tasks, [TaskId::new("T3"), TaskId::new("T4")]);
    assert!(text(&wrapper, "[data-log-row=A1]").contains("The vendor sandbox is ready in January"));

    // An issue, on its tab.
    click(&wrapper, "#log-tab-issue");
    wait_for("the issues tab", || selected_tab(&wrapper) == "log-tab-issue").await;
    assert!(find(&wrapper, "[data-testid=log-panel]").is_none(), "the assumption's panel closes with its tab");
    click(&wrapper, "[data-testid=log-add]");
    wait_for("the issue's panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    change_input(&panel_field(&wrapper, "Title of I1"), "Staging is down");
    change_input(&panel_field(&wrapper, "Description of I1"), "Since Monday.");
    choose_option(&panel_field(&wrapper, "Severity of I1"), "critical");
    choose_option(&panel_field(&wrapper, "Owner of I1"), "P4");
    change_input(&panel_field(&wrapper, "Due of I1"), "2027-01-08");
    change_input(&panel_field(&wrapper, "Raised of I1"), "2027-01-04");
    choose_option(&panel_field(&wrapper, "Status of I1"), "in progress");
    change_input(&panel_field(&wrapper, "Resolution of I1"), "Rebuild the cluster.");
    change_input(&panel_field(&wrapper, "Linked tasks of I1"), "T5");
    wait_for("the saved issue", || stored_plan().issues.first().is_some_and(|entry| entry.linked_tasks.len() == 1))
        .await;
    let i1 = stored_plan().issues[0].clone();
    assert_eq!((i1.title.as_str(), i1.description.as_str()), ("Staging is down", "Since Monday."));
    assert_eq!((i1.severity, i1.status), (Severity::Critical, IssueStatus::InProgress));
    assert_eq!(i1.owner, Some(PersonId::new("P4")));
    assert_eq!((i1.raised, i1.due), (NaiveDate::from_ymd_opt(2027, 1, 4), NaiveDate::from_ymd_opt(2027, 1, 8)));
    assert_eq!(i1.resolution, "Rebuild the cluster.");
    // A due day before the day it was raised: refused with the model's words beside the
    // field, which keeps what was typed; the plan keeps its value.
    let due = panel_field(&wrapper, "Due of I1");
    change_input(&due, "2027-01-01");
    let said = || {
        let id = due.get_attribute("aria-describedby").unwrap_or_default();
        document().get_element_by_id(&id).and_then(|message| message.text_content()).unwrap_or_default()
    };
    wait_for("the refusal", || said().contains("before the day the issue was raised")).await;
    assert_eq!(stored_plan().issues[0].due, NaiveDate::from_ymd_opt(2027, 1, 8));

    // A decision: linking T3 proposes its Accountable person (Daniel Reyes, A on T3).
    click(&wrapper, "#log-tab-decision");
    wait_for("the decisions tab", || selected_tab(&wrapper) == "log-tab-decision").await;
    click(&wrapper, "[data-testid=log-add]");
    wait_for("the decision's panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    change_input(&panel_field(&wrapper, "Title of D1"), "Keep the ledger on Postgres");
    change_input(&panel_field(&wrapper, "Linked tasks of D1"), "T3");
    wait_for("the proposed decider", || {
        stored_plan().decisions.first().is_some_and(|entry| entry.decided_by == Some(PersonId::new("P2")))
    })
    .await;
    assert_eq!(stored_plan().decisions[0].decided_by_name, "Daniel Reyes");
    change_input(&panel_field(&wrapper, "Date of D1"), "2027-01-05");
    change_input(&panel_field(&wrapper, "Options considered of D1"), "Postgres, DynamoDB");
    change_input(&panel_field(&wrapper, "Rationale of D1"), "The team knows it.");
    change_input(&panel_field(&wrapper, "Linked risks of D1"), "R1");
    choose_option(&panel_field(&wrapper, "Decided by of D1"), "P4");
    wait_for("the saved decision", || {
        stored_plan().decisions.first().is_some_and(|entry| entry.decided_by == Some(PersonId::new("P4")))
    })
    .await;
    let d1 = stored_plan().decisions[0].clone();
    assert_eq!(d1.title, "Keep the ledger on Postgres");
    assert_eq!(d1.decided_by_name, "Jonas Becker");
    assert_eq!(d1.date, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap());
    assert_eq!((d1.options.as_str(), d1.rationale.as_str()), ("Postgres, DynamoDB", "The team knows it."));
    assert_eq!(d1.linked_risks.iter().map(|risk| risk.as_str()).collect::<Vec<_>>(), ["R1"]);
    // Each tab counts its kind.
    assert!(text(&wrapper, "#log-tab-assumption").contains('1'));
    assert!(text(&wrapper, "#log-tab-decision").contains('1'));
}

#[wasm_bindgen_test]
async fn filters_search_and_sort_narrow_the_table_and_overdue_entries_say_so() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    open_log(&wrapper, &example_with_a_log(today)).await;
    assert_eq!(log_rows(&wrapper), ["A1", "A2"]);
    // Overdue in words as well as colour: A1 (open, past its day), not A2 (confirmed).
    assert!(text(&wrapper, "[data-log-row=A1]").contains("overdue"));
    assert!(!text(&wrapper, "[data-log-row=A2]").contains("overdue"));
    assert!(find(&wrapper, "[data-log-row=A1] [data-testid=log-overdue-flag]").is_some());
    assert_eq!(text(&wrapper, "[data-testid=log-count]"), "Showing 2 of 2 assumptions · 1 overdue");
    assert!(text(&wrapper, "#log-tab-assumption").contains("1 overdue"));

    choose_option(&find(&wrapper, "[data-testid=log-filter-status]").unwrap(), "confirmed");
    wait_for("only confirmed", || log_rows(&wrapper) == ["A2"]).await;
    click(&wrapper, "[data-testid=log-clear-filters]");
    wait_for("all again", || log_rows(&wrapper).len() == 2).await;
    choose_option(&find(&wrapper, "[data-testid=log-filter-owner]").unwrap(), "P3");
    wait_for("Priya's", || log_rows(&wrapper) == ["A1"]).await;
    choose_option(&find(&wrapper, "[data-testid=log-filter-owner]").unwrap(), "");
    let search = find(&wrapper, "[data-testid=log-search]").unwrap();
    let type_search = |words: &str| {
        let input: &web_sys::HtmlInputElement = search.unchecked_ref();
        input.set_value(words);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    };
    type_search("pci SCOPE");
    wait_for("the search", || log_rows(&wrapper) == ["A2"]).await;
    type_search("");

    // Issues: the severity filter, and I1 overdue.
    click(&wrapper, "#log-tab-issue");
    wait_for("the issues", || log_rows(&wrapper) == ["I1", "I2"]).await;
    assert!(text(&wrapper, "[data-log-row=I1]").contains("overdue"));
    assert!(!text(&wrapper, "[data-log-row=I2]").contains("overdue"));
    choose_option(&find(&wrapper, "[data-testid=log-filter-severity]").unwrap(), "low");
    wait_for("the low one", || log_rows(&wrapper) == ["I2"]).await;
    choose_option(&find(&wrapper, "[data-testid=log-filter-severity]").unwrap(), "");
    type_search("staging");
    wait_for("the search", || log_rows(&wrapper) == ["I1"]).await;
    type_search("");
    // Sorting by severity puts the highest first, with aria-sort saying so.
    click(&wrapper, "[data-sort=Severity]");
    wait_for("sorted", || log_rows(&wrapper) == ["I1", "I2"]).await;
    let heading = find(&wrapper, "[data-sort=Severity]").unwrap().parent_element().unwrap();
    assert_eq!(heading.get_attribute("aria-sort").as_deref(), Some("descending"));
    click(&wrapper, "[data-sort=Severity]");
    wait_for("lowest first", || log_rows(&wrapper) == ["I2", "I1"]).await;

    // Decisions: who decided, even when they left the plan; latest first by date.
    click(&wrapper, "#log-tab-decision");
    wait_for("the decisions", || log_rows(&wrapper) == ["D1", "D2"]).await;
    assert!(find(&wrapper, "[data-testid=log-filter-severity]").is_none(), "severity is the issues' filter");
    assert!(text(&wrapper, "[data-log-row=D1]").contains("Ana Ruiz (no longer in the plan)"));
    assert!(text(&wrapper, "[data-log-row=D2]").contains("Daniel Reyes"));
    click(&wrapper, "[data-sort=Date]");
    click(&wrapper, "[data-sort=Date]");
    wait_for("latest first", || log_rows(&wrapper) == ["D2", "D1"]).await;
    click(&wrapper, "[data-log-row=D1]");
    wait_for("the panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    let decider: web_sys::HtmlSelectElement = panel_field(&wrapper, "Decided by of D1").unchecked_into();
    let shown = decider.selected_options().item(0).and_then(|option| option.text_content()).unwrap_or_default();
    assert_eq!(shown, "Ana Ruiz (no longer in the plan)");
}

#[wasm_bindgen_test]
async fn proven_wrong_raises_a_risk_or_an_issue_in_one_undo_step() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    open_log(&wrapper, &example_with_a_log(today)).await;
    click(&wrapper, "[data-log-row=A1]");
    wait_for("the panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;

    // Choosing the status asks too; nothing changes before the answer.
    choose_option(&panel_field(&wrapper, "Status of A1"), "proven wrong");
    wait_for("the question", || find(&wrapper, "[data-testid=log-proven-wrong-question]").is_some()).await;
    assert_eq!(stored_plan().assumptions[0].status, AssumptionStatus::Open);
    wait_for("the first answer focused", || focused_test_id().as_deref() == Some("log-raise-risk")).await;
    click(&wrapper, "[data-testid=log-raise-risk]");
    wait_for("the risk", || stored_plan().risks.len() == 11).await;
    let plan = stored_plan();
    assert_eq!(plan.assumptions[0].status, AssumptionStatus::ProvenWrong);
    let risk = plan.risk("R11").unwrap();
    assert!(risk.title.starts_with("A1 proven wrong"), "{}", risk.title);
    assert_eq!(risk.linked_tasks, [TaskId::new("T3")]);
    assert!(text(&wrapper, "[data-log-row=A1]").contains("proven wrong"));
    wait_for("the focus on the status", || focused_test_id().as_deref() == Some("log-panel-status")).await;

    // Ctrl+Z takes back both, in one step.
    press_ctrl(&document().body().unwrap(), "z");
    wait_for("the undo", || stored_plan().risks.len() == 10).await;
    assert_eq!(stored_plan().assumptions[0].status, AssumptionStatus::Open, "one step took back both");

    // Now as an issue, from the button: it names the assumption it came from.
    click(&wrapper, "[data-testid=log-proven-wrong]");
    wait_for("the question", || find(&wrapper, "[data-testid=log-proven-wrong-question]").is_some()).await;
    click(&wrapper, "[data-testid=log-raise-issue]");
    wait_for("the issue", || stored_plan().issues.len() == 3).await;
    let plan = stored_plan();
    assert_eq!(plan.issues[2].from_assumption.as_ref().map(|id| id.as_str()), Some("A1"));
    assert_eq!(plan.assumptions[0].status, AssumptionStatus::ProvenWrong);
    assert!(find(&wrapper, "[data-testid=log-proven-wrong]").unwrap().has_attribute("disabled"));
    click(&wrapper, "#log-tab-issue");
    wait_for("the issues", || log_rows(&wrapper).len() == 3).await;
    click(&wrapper, "[data-log-row=I3]");
    wait_for("its origin", || text(&wrapper, "[data-testid=log-issue-origin]").contains("A1")).await;
    // The origin opens the assumption, on its tab.
    click(&wrapper, "[data-testid=log-issue-origin] button");
    wait_for("the assumption", || selected_tab(&wrapper) == "log-tab-assumption").await;
    wait_for("its panel", || {
        find(&wrapper, "[data-testid=log-panel]").and_then(|panel| panel.get_attribute("aria-label")).as_deref()
            == Some("Assumption A1")
    })
    .await;
    press_ctrl(&document().body().unwrap(), "z");
    wait_for("the undo", || stored_plan().issues.len() == 2).await;
    assert_eq!(stored_plan().assumptions[0].status, AssumptionStatus::Open);
}

#[wasm_bindgen_test]
async fn a_decision_is_superseded_never_deleted() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    open_log(&wrapper, &example_with_a_log(today)).await;
    click(&wrapper, "#log-tab-decision");
    wait_for("the decisions", || log_rows(&wrapper) == ["D1", "D2"]).await;
    click(&wrapper, "[data-log-row=D2]");
    wait_for("the panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    assert!(find(&wrapper, "[data-testid=log-delete]").is_none(), "no delete for a decision");
    // Nor from the keyboard.
    press_key(&find(&wrapper, "[data-log-row=D2]").unwrap(), "Delete", false);
    wait_for("the reason", || text(&wrapper, "[data-testid=notice]").contains("Decisions are kept")).await;
    assert!(find(&wrapper, "[data-testid=log-delete-question]").is_none());
    assert_eq!(stored_plan().decisions.len(), 2);

    click(&wrapper, "[data-testid=log-supersede]");
    wait_for("the question", || find(&wrapper, "[data-testid=log-supersede-question]").is_some()).await;
    let title = find(&wrapper, "[data-testid=log-supersede-title]").unwrap();
    title.unchecked_ref::<web_sys::HtmlInputElement>().set_value("Adopt event sourcing for payments only");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    title.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    click(&wrapper, "[data-testid=log-supersede-confirm]");
    wait_for("the new decision", || stored_plan().decisions.len() == 3).await;
    let plan = stored_plan();
    assert_eq!(plan.decisions[2].title, "Adopt event sourcing for payments only");
    assert_eq!(plan.decisions[1].superseded_by.as_ref().map(|id| id.as_str()), Some("D3"));
    // The old one stays in the table, marked; the new one is open.
    wait_for("three rows", || log_rows(&wrapper) == ["D1", "D2", "D3"]).await;
    assert!(text(&wrapper, "[data-log-row=D2]").contains("superseded by D3"));
    wait_for("the new one's panel", || {
        find(&wrapper, "[data-testid=log-panel]").and_then(|panel| panel.get_attribute("aria-label")).as_deref()
            == Some("Decision D3")
    })
    .await;
    assert!(text(&wrapper, "[data-testid=log-supersession]").contains("Supersedes D2"));
    choose_option(&find(&wrapper, "[data-testid=log-filter-status]").unwrap(), "standing");
    wait_for("standing ones", || log_rows(&wrapper) == ["D1", "D3"]).await;
    choose_option(&find(&wrapper, "[data-testid=log-filter-status]").unwrap(), "superseded");
    wait_for("the superseded one", || log_rows(&wrapper) == ["D2"]).await;
    // One undo takes back both halves.
    click(&wrapper, "[data-testid=undo]");
    wait_for("the undo", || stored_plan().decisions.len() == 2).await;
    assert_eq!(stored_plan().decisions[1].superseded_by, None);
}

#[wasm_bindgen_test]
async fn an_issue_is_deleted_after_a_question_and_undo_brings_it_back() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    open_log(&wrapper, &example_with_a_log(today)).await;
    click(&wrapper, "#log-tab-issue");
    wait_for("the issues", || log_rows(&wrapper) == ["I1", "I2"]).await;

    // Delete on a row asks in the panel; Escape puts the question away.
    press_key(&find(&wrapper, "[data-log-row=I2]").unwrap(), "Delete", false);
    wait_for("the question", || find(&wrapper, "[data-testid=log-delete-question]").is_some()).await;
    press_key(&find(&wrapper, "[data-testid=log-panel]").unwrap(), "Escape", false);
    wait_for("no question", || find(&wrapper, "[data-testid=log-delete-question]").is_none()).await;
    assert_eq!(stored_plan().issues.len(), 2);
    wait_for("the focus back on Delete…", || focused_test_id().as_deref() == Some("log-delete")).await;

    click(&wrapper, "[data-testid=log-delete]");
    wait_for("the question", || find(&wrapper, "[data-testid=log-delete-question]").is_some()).await;
    assert_eq!(stored_plan().issues.len(), 2, "nothing is deleted before the answer");
    click(&wrapper, "[data-testid=log-delete-confirm]");
    wait_for("the deletion", || stored_plan().issues.len() == 1).await;
    wait_for("the panel closes", || find(&wrapper, "[data-testid=log-panel]").is_none()).await;
    assert_eq!(log_rows(&wrapper), ["I1"]);
    wait_for("the focus on Add", || focused_test_id().as_deref() == Some("log-add")).await;
    click(&wrapper, "[data-testid=undo]");
    wait_for("I2 back", || stored_plan().issues.len() == 2).await;
    wait_for("its row back", || log_rows(&wrapper) == ["I1", "I2"]).await;
}

#[wasm_bindgen_test]
async fn the_tabs_are_a_tablist_the_arrow_keys_move_through() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    open_log(&wrapper, &example_with_a_log(today)).await;
    assert_eq!(find_all(&wrapper, "[role=tablist] [role=tab]").len(), 4, "three kinds and the change requests");
    let first = find(&wrapper, "#log-tab-assumption").unwrap();
    assert_eq!(first.get_attribute("aria-selected").as_deref(), Some("true"));
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(find(&wrapper, "#log-tab-issue").unwrap().get_attribute("tabindex").as_deref(), Some("-1"));
    let panel = find(&wrapper, "[role=tabpanel]").unwrap();
    assert_eq!(panel.get_attribute("aria-labelledby").as_deref(), Some("log-tab-assumption"));

    first.focus().unwrap();
    press_key(&first, "ArrowRight", false);
    wait_for("the issues", || log_rows(&wrapper) == ["I1", "I2"]).await;
    assert_eq!(focused_test_id().as_deref(), Some("log-tab-issue"), "the focus follows");
    assert_eq!(panel.get_attribute("aria-labelledby").as_deref(), Some("log-tab-issue"));
    let focused = || -> web_sys::HtmlElement { document().active_element().unwrap().unchecked_into() };
    press_key(&focused(), "ArrowRight", false);
    wait_for("the decisions", || log_rows(&wrapper) == ["D1", "D2"]).await;
    press_key(&focused(), "ArrowRight", false);
    wait_for("the change requests", || find(&wrapper, "[data-testid=change-requests]").is_some()).await;
    assert_eq!(selected_tab(&wrapper), "log-tab-change-requests");
    press_key(&focused(), "ArrowRight", false);
    wait_for("round to the assumptions", || selected_tab(&wrapper) == "log-tab-assumption").await;
    press_key(&focused(), "ArrowLeft", false);
    wait_for("back to the change requests", || selected_tab(&wrapper) == "log-tab-change-requests").await;
    press_key(&focused(), "ArrowLeft", false);
    wait_for("the decisions", || selected_tab(&wrapper) == "log-tab-decision").await;
    press_key(&focused(), "Home", false);
    wait_for("the first", || selected_tab(&wrapper) == "log-tab-assumption").await;
    press_key(&focused(), "End", false);
    wait_for("the last", || selected_tab(&wrapper) == "log-tab-change-requests").await;
    press_key(&focused(), "ArrowLeft", false);
    wait_for("the decisions again", || log_rows(&wrapper) == ["D1", "D2"]).await;
    assert_eq!(focused_test_id().as_deref(), Some("log-tab-decision"));

    // N adds an entry of the tab's kind; Escape closes its panel.
    press_key(&document().body().unwrap(), "n", false);
    wait_for("the new decision", || stored_plan().decisions.len() == 3).await;
    wait_for("its panel", || find(&wrapper, "[data-testid=log-panel]").is_some()).await;
    let statement = panel_field(&wrapper, "Title of D3");
    wait_for("its title focused", || document().active_element().as_ref() == Some(statement.as_ref())).await;
    statement.blur().unwrap();
    press_key(&document().body().unwrap(), "Escape", false);
    wait_for("the panel closes", || find(&wrapper, "[data-testid=log-panel]").is_none()).await;
    assert_eq!(focused_test_id().as_deref(), Some("log-row"), "the focus goes to the entry's row");
}

#[wasm_bindgen_test]
async fn a_task_s_details_list_its_log_entries_each_opening_the_log() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    choose_file(&wrapper, "program.plan.json", &example_with_a_log(today));
    wait_for("the task grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    select_row(&wrapper, "T3");
    wait_for("the entries", || find(&wrapper, "[data-testid=task-log-entries]").is_some()).await;
    let entries: Vec<String> = find_all(&wrapper, "[data-testid=task-log-entries] button")
        .iter()
        .map(|button| button.text_content().unwrap_or_default())
        .collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(entries[0].starts_with("A1 Vendor sandbox"), "{entries:?}");
    assert!(entries[0].ends_with("assumption, open, overdue"), "{entries:?}");
    assert!(entries[1].starts_with("I1 Staging cluster is down"), "{entries:?}");
    assert!(entries[2].starts_with("D1 Use Postgres"), "{entries:?}");
    assert!(entries[2].ends_with("decision, decided"), "{entries:?}");

    find_all(&wrapper, "[data-testid=task-log-entries] button")[1].click();
    wait_for("the log", || find(&wrapper, "[data-testid=log-table]").is_some()).await;
    wait_for("the issues tab", || selected_tab(&wrapper) == "log-tab-issue").await;
    wait_for("I1's panel", || {
        find(&wrapper, "[data-testid=log-panel]").and_then(|panel| panel.get_attribute("aria-label")).as_deref()
            == Some("Issue I1")
    })
    .await;
    wait_for("the focus in the panel", || {
        document().active_element().and_then(|element| element.get_attribute("aria-label")).as_deref()
            == Some("Title of I1")
    })
    .await;
    // A task link in the panel goes back to the timeline with the task selected.
    click(&wrapper, "[data-testid=log-panel] .risk-panel__task button");
    wait_for("the timeline", || text(&wrapper, "[data-testid=task-details-title]").starts_with("T3 ")).await;
}

#[wasm_bindgen_test]
async fn the_log_downloads_a_tabs_entries_as_csv_and_the_whole_log_as_markdown() {
    let (root, _app) = start_app().await;
    let mut plan = planwright::file::parse(EXAMPLE_PLAN).unwrap();
    let today = planwright::storage::today();
    let issue = planwright::model::log::new_issue(&plan, "Staging down, \"again\"", today);
    planwright::model::apply(
        &mut plan,
        planwright::model::Command::AddLogEntry { entry: planwright::model::LogEntry::Issue(issue), index: None },
    )
    .unwrap();
    choose_file(&root, "program.plan.json", &planwright::file::to_json(&plan));
    wait_for("the plan", || find(&root, "[data-testid=task-grid]").is_some()).await;
    show_view(&root, "Log");
    wait_for("the Log", || find(&root, "[data-testid=log-csv]").is_some()).await;
    let issues_tab = find_all(&root, "[role=tab]")
        .into_iter()
        .find(|tab| tab.text_content().unwrap_or_default().contains("Issues"))
        .unwrap();
    issues_tab.click();
    let downloads = Downloads::catch();
    click(&root, "[data-testid=log-csv]");
    click(&root, "[data-testid=log-markdown-download]");
    wait_for("both files", || downloads.caught.borrow().len() == 2).await;
    let stem = planwright::file::file_name(&plan).trim_end_matches(".plan.json").to_string();
    let csv = String::from_utf8(downloads.bytes(&format!("{stem}.issues.csv")).await).unwrap();
    assert_eq!(csv, planwright::file::log_csv(&plan, planwright::model::LogKind::Issue));
    assert!(csv.contains("\"Staging down, \"\"again\"\"\""), "{csv}");
    let markdown = String::from_utf8(downloads.bytes(&format!("{stem}.log.md")).await).unwrap();
    assert_eq!(markdown, planwright::file::log_markdown(&plan, today));
}
