//! The risk register: heat map, side panel.

use leptos::prelude::*;
use planwright::file;
use wasm_bindgen_test::*;

use super::support::*;

/// The example plan with R1 moved on the heat map 10 days ago (from probability 2 ×
/// impact 2 to 3 × 5, its place now) and no dates on the other risks, so only R1 moved
/// in the last 30 days whatever day the test runs.
fn example_with_one_recent_move(today: chrono::NaiveDate) -> String {
    use planwright::model::{RiskAssessment, RiskStatus};
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    plan.baselines.clear();
    for risk in &mut plan.risks {
        risk.history.clear();
        risk.created = None;
        risk.updated = None;
    }
    let r1 = &mut plan.risks[0];
    assert_eq!((r1.id.as_str(), r1.probability, r1.impact), ("R1", 3, 5));
    let entry = |days: i64, probability, impact| RiskAssessment {
        date: today - chrono::Duration::days(days),
        probability,
        impact,
        status: RiskStatus::Open,
    };
    r1.history = vec![entry(40, 2, 2), entry(10, 3, 5)];
    file::to_json(&plan)
}

#[wasm_bindgen_test]
async fn the_heat_map_filters_the_register_and_shows_where_a_risk_was() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    choose_file(&wrapper, "program.plan.json", &example_with_one_recent_move(today));
    wait_for("the task grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || risk_rows(&wrapper).len() == 9).await;
    assert!(!risk_rows(&wrapper).contains(&"R8".to_string()), "closed R8 is behind the toggle");
    assert_eq!(text(&wrapper, "[data-testid=risk-count]"), "Showing 9 of 10 risks · 1 closed hidden");

    // R5 and R10 are both probability 3 × impact 3: the cell says 2 and filters to them.
    let cell = find(&wrapper, "[data-heat-cell='3-3']").unwrap();
    assert_eq!(cell.text_content().unwrap(), "2");
    cell.click();
    wait_for("the cell's rows", || risk_rows(&wrapper) == ["R5", "R10"]).await;
    assert_eq!(cell.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(text(&wrapper, "[data-testid=risk-cell-filter]"), "P3 × I3 ✕");
    // Arrows move between cells; Enter (a button's click) on another cell filters to it.
    cell.focus().unwrap();
    press_key(&cell, "ArrowUp", false);
    let focused = document().active_element().and_then(|element| element.get_attribute("data-heat-cell"));
    assert_eq!(focused.as_deref(), Some("4-3"));
    find(&wrapper, "[data-heat-cell='4-4']").unwrap().click();
    wait_for("R4's cell", || risk_rows(&wrapper) == ["R4"]).await;
    // Escape clears the cell filter.
    press_key(&find(&wrapper, "[data-heat-cell='4-4']").unwrap(), "Escape", false);
    wait_for("all rows again", || risk_rows(&wrapper).len() == 9).await;
    assert!(find(&wrapper, "[data-testid=risk-cell-filter]").is_none());

    // R1 moved from 2 × 2 to 3 × 5 in the last 30 days: a ghost in 2 × 2 with an arrow.
    choose_option(&find(&wrapper, "[data-testid=heat-compare]").unwrap(), "days:30");
    wait_for("R1's ghost", || find(&wrapper, "[data-ghost-of=R1]").is_some()).await;
    assert_eq!(find_all(&wrapper, ".heat__ghost").len(), 1, "only R1 moved");
    let ghost = find(&wrapper, "[data-ghost-of=R1] circle").unwrap();
    let (x, y) = (ghost.get_attribute("cx").unwrap(), ghost.get_attribute("cy").unwrap());
    let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
    assert!((48.0..96.0).contains(&x) && (144.0..192.0).contains(&y), "the ghost sits in the 2 × 2 cell: ({x}, {y})");
    assert!(find(&wrapper, "[data-ghost-of=R1] line").is_some(), "an arrow to where it is now");
    // Ten days ago it was already where it is: no move in the last 7 days.
    choose_option(&find(&wrapper, "[data-testid=heat-compare]").unwrap(), "days:7");
    wait_for("no ghosts", || find_all(&wrapper, ".heat__ghost").is_empty()).await;

    // The toggle shows closed risks; the filters combine with it.
    click(&wrapper, "[data-testid=risk-show-closed]");
    wait_for("the closed risk", || risk_rows(&wrapper).len() == 10).await;
    choose_option(&find(&wrapper, "[data-testid=risk-filter-status]").unwrap(), "closed");
    wait_for("only closed", || risk_rows(&wrapper) == ["R8"]).await;
}

#[wasm_bindgen_test]
async fn a_risk_is_edited_in_the_side_panel_end_to_end() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    // Without dates on the risks, today's edit is today's history entry whatever the date.
    choose_file(&wrapper, "program.plan.json", &example_with_one_recent_move(today));
    wait_for("the task grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || !risk_rows(&wrapper).is_empty()).await;

    // Sorting by score puts the highest first; again, the lowest.
    click(&wrapper, "[data-sort=Score]");
    wait_for("sorted by score", || risk_rows(&wrapper).first().map(String::as_str) == Some("R4")).await;
    click(&wrapper, "[data-sort=Score]");
    wait_for("lowest first", || risk_rows(&wrapper).first().map(String::as_str) == Some("R6")).await;

    // Open R4 (4 × 4 = 16 high) and raise its probability to 5: critical, recorded today.
    click(&wrapper, "[data-risk-row=R4]");
    wait_for("the panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=risk-panel-score]"), "16 high");
    choose_option(&find(&wrapper, "[data-testid=risk-panel] select[aria-label='Probability of R4']").unwrap(), "5");
    wait_for("the new score", || text(&wrapper, "[data-testid=risk-panel-score]") == "20 critical").await;
    wait_for("the saved edit", || stored_plan().risk("R4").is_some_and(|risk| risk.probability == 5)).await;
    let saved = stored_plan().risk("R4").unwrap().clone();
    let last = saved.history.last().unwrap();
    assert_eq!((last.date, last.probability, last.impact), (today, 5, 4), "the change is in the history, dated today");
    assert_eq!(saved.updated, Some(today));
    assert!(text(&wrapper, "[data-testid=risk-score-history]").ends_with(&format!("{} 20", today.format("%Y-%m-%d"))));

    // A text field commits on change.
    let title = find(&wrapper, "[data-testid=risk-panel] input[aria-label='Title of R4']").unwrap();
    change_input(&title, "Ledger freeze slips");
    wait_for("the saved title", || stored_plan().risk("R4").is_some_and(|risk| risk.title == "Ledger freeze slips"))
        .await;
    assert!(text(&wrapper, "[data-risk-row=R4]").contains("Ledger freeze slips"));

    // "Occurred" asks, then adds a response task linked to the risk: one undo step.
    let tasks_before = stored_plan().tasks.len();
    choose_option(&find(&wrapper, "[data-testid=risk-status]").unwrap(), "occurred");
    wait_for("the question", || find(&wrapper, "[data-testid=risk-occurred-question]").is_some()).await;
    assert_eq!(stored_plan().risk("R4").unwrap().status.label(), "open", "nothing changes before the answer");
    click(&wrapper, "[data-testid=risk-occurred-add-task]");
    wait_for("the response task", || stored_plan().tasks.len() == tasks_before + 1).await;
    let plan = stored_plan();
    let response = plan.tasks.iter().find(|task| task.name.starts_with("Respond to R4")).expect("the response task");
    let r4 = plan.risk("R4").unwrap();
    assert_eq!(r4.status.label(), "occurred");
    assert!(r4.linked_tasks.contains(&response.id));
    click(&wrapper, "[data-testid=undo]");
    wait_for("the undo", || stored_plan().tasks.len() == tasks_before).await;
    assert_eq!(stored_plan().risk("R4").unwrap().status.label(), "open", "one undo step takes back both");

    // Duplicate, then delete the copy with confirmation; undo brings it back.
    click(&wrapper, "[data-testid=risk-duplicate]");
    wait_for("the copy", || stored_plan().risk("R11").is_some()).await;
    wait_for("the copy's panel", || text(&wrapper, "[data-testid=risk-panel] .table__id") == "R11").await;
    click(&wrapper, "[data-testid=risk-delete]");
    wait_for("the confirmation", || find(&wrapper, "[data-testid=risk-delete-question]").is_some()).await;
    assert!(stored_plan().risk("R11").is_some(), "nothing is deleted before the confirmation");
    click(&wrapper, "[data-testid=risk-delete-confirm]");
    wait_for("the deletion", || stored_plan().risk("R11").is_none()).await;
    wait_for("the panel closes", || find(&wrapper, "[data-testid=risk-panel]").is_none()).await;
    click(&wrapper, "[data-testid=undo]");
    wait_for("the copy back", || stored_plan().risk("R11").is_some()).await;

    // The keyboard: Delete on a row asks in the panel; Escape closes it.
    let row = find(&wrapper, "[data-risk-row=R2]").unwrap();
    press_key(&row, "Delete", false);
    wait_for("the question", || find(&wrapper, "[data-testid=risk-delete-question]").is_some()).await;
    let panel = find(&wrapper, "[data-testid=risk-panel]").unwrap();
    press_key(&panel, "Escape", false);
    wait_for("no question", || find(&wrapper, "[data-testid=risk-delete-question]").is_none()).await;
    press_key(&panel, "Escape", false);
    wait_for("the panel closes", || find(&wrapper, "[data-testid=risk-panel]").is_none()).await;
    assert!(stored_plan().risk("R2").is_some());

    // A link to a task that does not exist is refused, said, and changes nothing.
    click(&wrapper, "[data-risk-row=R2]");
    wait_for("the panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    let tasks = find(&wrapper, "[data-testid=risk-panel] input[aria-label='Tasks R2 threatens']").unwrap();
    change_input(&tasks, "T13, T999");
    // Said beside the field (its `aria-describedby`), which keeps what was typed.
    let said = || {
        let id = tasks.get_attribute("aria-describedby").unwrap_or_default();
        document().get_element_by_id(&id).and_then(|message| message.text_content()).unwrap_or_default()
    };
    wait_for("the refusal", || said().contains("T999")).await;
    assert_eq!(stored_plan().risk("R2").unwrap().linked_tasks.len(), 2, "the stored risk is untouched");
}

#[wasm_bindgen_test]
async fn n_and_slash_work_anywhere_on_the_risks_view_but_not_in_a_text_field() {
    use wasm_bindgen::JsCast;
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || !risk_rows(&wrapper).is_empty()).await;
    let risks_before = stored_plan().risks.len();
    // The focus nowhere in the register: on the page's body.
    if let Some(active) = document().active_element() {
        active.unchecked_into::<web_sys::HtmlElement>().blur().unwrap();
    }
    let body = document().body().unwrap();
    press_key(&body, "/", false);
    wait_for("the search field focused", || {
        document().active_element().and_then(|element| element.get_attribute("data-testid")).as_deref()
            == Some("risk-search")
    })
    .await;
    // In the search field N is a letter, not "add a risk".
    let search: web_sys::HtmlElement = document().active_element().unwrap().unchecked_into();
    press_key(&search, "n", false);
    search.blur().unwrap();
    press_key(&body, "n", false);
    wait_for("the new risk's panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    wait_for("the save", || stored_plan().risks.len() > risks_before).await;
    let plan = stored_plan();
    assert_eq!(plan.risks.len(), risks_before + 1, "one risk added: by the key on the page, not in the field");
    assert_eq!(
        find(&wrapper, "[data-testid=risk-panel]").unwrap().get_attribute("aria-label").as_deref(),
        Some("Risk R11"),
        "the first new risk is the one the page's N added"
    );
}

#[wasm_bindgen_test]
async fn add_risk_opens_its_panel_in_view_wherever_the_page_is_scrolled() {
    let (wrapper, _app) = start_app().await;
    // A register of 60 risks, longer than the window.
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    for number in 11..=60 {
        let mut risk = plan.risks[0].clone();
        risk.id = plan.next_risk_id();
        risk.title = format!("Risk number {number}");
        plan.risks.push(risk);
    }
    choose_file(&wrapper, "long.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || find(&wrapper, "[data-testid=risk-register]").is_some()).await;
    let window = web_sys::window().unwrap();
    // Scrolled down the page (to the end of the register), as before pressing N there.
    window.scroll_to_with_x_and_y(0.0, 1e6);
    sleep(50).await;
    assert!(window.scroll_y().unwrap() > 300.0, "the page scrolls");
    click(&wrapper, "[data-testid=add-risk]");
    wait_for("the panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    let height = window.inner_height().unwrap().as_f64().unwrap();
    let in_view = || {
        let panel = find(&wrapper, "[data-testid=risk-panel]").unwrap().get_bounding_client_rect();
        panel.top() >= -1.0 && panel.top() < height - 100.0
    };
    wait_for("the panel in view", in_view).await;
    storage().clear().unwrap();
}
