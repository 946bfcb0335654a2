//! The People table: adding a person, and removing one with what goes with them.

use leptos::prelude::*;
use planwright::file;
use planwright::model::{PersonId, Plan};
use wasm_bindgen::JsCast;

use super::support::*;
use wasm_bindgen_test::*;

/// The Plan view of the example plan, its People table drawn.
async fn people_of_the_example() -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let (wrapper, app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "Plan");
    wait_for("the people", || find(&wrapper, "[data-person-id=P8]").is_some()).await;
    (wrapper, app)
}

fn remove_button(root: &web_sys::HtmlElement, person: &str) -> web_sys::HtmlElement {
    find(root, &format!("[data-person-id={person}] .people__remove")).expect("the person's Remove button")
}

fn width(element: &web_sys::HtmlElement) -> f64 {
    element.get_bounding_client_rect().width()
}

fn owner(plan: &Plan, risk: &str) -> Option<String> {
    plan.risk(risk).unwrap().owner.as_ref().map(|owner| owner.to_string())
}

fn active_element() -> Option<web_sys::Element> {
    document().active_element()
}

#[wasm_bindgen_test]
async fn removing_a_person_lists_what_goes_and_hands_it_over_in_one_undo_step() {
    let (wrapper, _app) = people_of_the_example().await;
    let example = file::parse(EXAMPLE_PLAN).unwrap();
    let name_field = find(&wrapper, "[data-person-id=P4] .people__name").unwrap();
    let name_width = width(&name_field);

    remove_button(&wrapper, "P4").click();
    wait_for("the confirmation", || find(&wrapper, "[data-testid=person-removal]").is_some()).await;
    let confirmation = find(&wrapper, "[data-testid=person-removal]").unwrap();
    let shown = confirmation.text_content().unwrap();
    assert!(shown.contains("Remove Jonas Becker (P4)?"), "names the person: {shown}");
    assert!(shown.contains("13 RACI roles and 2 risks"), "{shown}");
    // Every role by task, and every risk with what becomes of it.
    let roles = find_all(&confirmation, "[data-testid=removal-roles] li");
    assert_eq!(roles.len(), 13);
    let example_tasks: Vec<String> =
        example.raci.iter().filter(|cell| cell.person.as_str() == "P4").map(|cell| cell.task.to_string()).collect();
    for role in &roles {
        let line = role.text_content().unwrap();
        assert!(example_tasks.iter().any(|task| line.starts_with(&format!("{task} "))), "{line}");
    }
    let risks = text(&confirmation, "[data-testid=removal-risks]");
    assert!(risks.contains("R1") && risks.contains("R6") && risks.contains("becomes unowned"), "{risks}");
    // The confirmation is a row of its own: the People table keeps its columns.
    let squashed_by = name_width - width(&name_field);
    assert!(squashed_by.abs() < 1.0, "the name column keeps its width (changed by {squashed_by} px)");
    let table = find(&wrapper, "[data-testid=people]").unwrap();
    assert!(width(&confirmation) > width(&table) * 0.8, "the confirmation spans the table");
    wait_for("the focus on the hand-over choice", || {
        active_element()
            .is_some_and(|element| element.get_attribute("data-testid").as_deref() == Some("removal-successor"))
    })
    .await;

    // Handing everything to Maya Okafor in the same step.
    change_input_value(&find(&confirmation, "[data-testid=removal-successor]").unwrap(), "P1");
    wait_for("the hand-over shown", || text(&wrapper, "[data-testid=removal-risks]").contains("owned by Maya Okafor"))
        .await;
    assert!(text(&wrapper, "[data-testid=removal-roles]").contains("Maya Okafor becomes"));
    click(&wrapper, "[data-testid=confirm-remove-person]");
    wait_for("the row gone", || find(&wrapper, "[data-person-id=P4]").is_none()).await;
    wait_for("the save", || stored_plan().person("P4").is_none()).await;
    let plan = stored_plan();
    assert_eq!(owner(&plan, "R1").as_deref(), Some("P1"));
    assert_eq!(owner(&plan, "R6").as_deref(), Some("P1"));
    let maya = PersonId("P1".into());
    for task in &example_tasks {
        assert!(
            plan.raci.iter().any(|cell| &cell.task.to_string() == task && cell.person == maya),
            "{task} handed over"
        );
    }
    assert!(text(&wrapper, "[data-testid=people-status]").contains("handed to Maya Okafor"));

    // One undo brings the person, their roles and their risks back.
    click(&wrapper, "[data-testid=undo]");
    wait_for("P4 back", || stored_plan().person("P4").is_some()).await;
    let plan = stored_plan();
    assert_eq!(plan.people, example.people);
    assert_eq!(plan.raci, example.raci);
    assert_eq!(plan.risks, example.risks);
}

#[wasm_bindgen_test]
async fn escape_cancels_a_removal_and_without_a_hand_over_the_risks_become_unowned() {
    let (wrapper, _app) = people_of_the_example().await;
    remove_button(&wrapper, "P8").click();
    wait_for("the confirmation", || find(&wrapper, "[data-testid=person-removal]").is_some()).await;
    assert_eq!(remove_button(&wrapper, "P8").get_attribute("aria-expanded").as_deref(), Some("true"));
    let successor = find(&wrapper, "[data-testid=removal-successor]").unwrap();
    press_key(&successor, "Escape", false);
    wait_for("the confirmation closed", || find(&wrapper, "[data-testid=person-removal]").is_none()).await;
    wait_for("the focus back on Remove", || {
        active_element().is_some_and(|element| element.class_name().contains("people__remove"))
    })
    .await;
    assert!(stored_plan().person("P8").is_some(), "nothing removed");

    remove_button(&wrapper, "P8").click();
    wait_for("the confirmation", || find(&wrapper, "[data-testid=confirm-remove-person]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=confirm-remove-person]"), "Remove Tom Whitfield");
    click(&wrapper, "[data-testid=confirm-remove-person]");
    wait_for("the save", || stored_plan().person("P8").is_none()).await;
    let plan = stored_plan();
    assert_eq!(owner(&plan, "R5"), None);
    assert_eq!(owner(&plan, "R9"), None);
    assert!(plan.raci.iter().all(|cell| cell.person.as_str() != "P8"));
    let status = text(&wrapper, "[data-testid=people-status]");
    assert!(status.contains("Removed Tom Whitfield with 11 RACI roles and 2 risks"), "{status}");
}

#[wasm_bindgen_test]
async fn add_person_puts_the_focus_in_the_new_rows_name_ready_to_type() {
    let (wrapper, _app) = people_of_the_example().await;
    click(&wrapper, "[data-testid=add-person]");
    wait_for("the focus in P9's name", || {
        active_element()
            .and_then(|element| element.closest("[data-person-id]").ok().flatten())
            .and_then(|row| row.get_attribute("data-person-id"))
            .as_deref()
            == Some("P9")
    })
    .await;
    let name: web_sys::HtmlInputElement = active_element().unwrap().unchecked_into();
    assert!(name.class_name().contains("people__name"), "the name field, not role or team");
    assert_eq!(name.value(), "New person");
    let selected = (name.selection_start().unwrap(), name.selection_end().unwrap());
    assert_eq!(selected, (Some(0), Some(10)), "the placeholder name is selected: typing replaces it");
}
