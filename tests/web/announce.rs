//! The live region that says what an edit did to the schedule.

use wasm_bindgen_test::*;

use super::support::*;

#[wasm_bindgen_test]
async fn a_longer_task_is_announced_with_its_new_finish_and_the_plan_finish() {
    let (root, _app) = start_app().await;
    open_example(&root).await;
    let region = find(&root, "[data-testid=schedule-news]").expect("the live region");
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(region.text_content().unwrap_or_default(), "", "opening a plan says nothing");
    change_input(&grid_field(&root, "Duration of T2"), "10");
    wait_for("the announcement", || region.text_content().unwrap_or_default().starts_with("T2 now finishes ")).await;
    let said = region.text_content().unwrap_or_default();
    assert!(said.contains("working days later"), "{said}");
    assert!(said.contains("tasks moved") && said.contains("the plan finishes "), "{said}");
}
