//! The RACI matrix: a click selects, roles by menu and key, ranges, problems, rows drawn in view.

use leptos::prelude::*;
use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

fn raci_cell(root: &web_sys::HtmlElement, row: usize, column: usize) -> web_sys::HtmlElement {
    find(root, &format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']"))
        .unwrap_or_else(|| panic!("no RACI cell {row},{column}"))
}

/// The role stored for a task and a person, read from local storage.
fn stored_role(task: &str, person: &str) -> Option<String> {
    let plan = file::parse(&storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap()).unwrap();
    plan.raci
        .iter()
        .find(|cell| cell.task.as_str() == task && cell.person.as_str() == person)
        .map(|cell| cell.role.label().to_string())
}

/// The focused element's cell position in the matrix, if it is a cell.
fn focused_cell() -> Option<(String, String)> {
    document().active_element().and_then(|element| element.get_attribute("data-r").zip(element.get_attribute("data-c")))
}

fn role_menu(root: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    find(root, "[data-testid=raci-role-menu]")
}

/// The role menu's item for a role label ("R", "A/R", "—" for no role).
fn menu_item(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    find_all(root, "[data-testid=raci-role-menu] [role=menuitemradio]")
        .into_iter()
        .find(|item| text(item, ".raci__menu-role") == label)
        .unwrap_or_else(|| panic!("no menu item {label}"))
}

#[wasm_bindgen_test]
async fn the_raci_matrix_selects_on_click_sets_roles_by_menu_and_keys_fills_ranges_and_rechecks() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "RACI");
    wait_for("the matrix", || find(&wrapper, "[data-testid=raci-matrix] [data-r='1'][data-c='0']").is_some()).await;
    // Row 1 is T2; find the column of Maya Okafor (P1) by its heading.
    let headings: Vec<String> = find_all(&wrapper, ".raci__person .raci__person-name")
        .iter()
        .map(|heading| heading.text_content().unwrap_or_default())
        .collect();
    let maya = headings.iter().position(|name| name == "Maya Okafor").expect("P1's column");
    let errors_before = text(&wrapper, "[data-testid=raci-counts]");

    // A click selects the cell of T2 and P1 and leaves its role (I) as it is.
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "I");
    raci_cell(&wrapper, 1, maya).click();
    wait_for("the cell selected", || {
        raci_cell(&wrapper, 1, maya).get_attribute("aria-selected").as_deref() == Some("true")
    })
    .await;
    wait_for("the focus on it", || focused_cell() == Some(("1".to_string(), maya.to_string()))).await;
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "I", "a click to select changes no role");
    assert!(role_menu(&wrapper).is_none());
    assert_eq!(stored_role("T2", "P1").as_deref(), Some("I"));

    // A second click on the selected cell opens the role menu, with I checked; R sets R.
    raci_cell(&wrapper, 1, maya).click();
    wait_for("the role menu", || role_menu(&wrapper).is_some()).await;
    assert_eq!(role_menu(&wrapper).unwrap().get_attribute("aria-label").as_deref(), Some("Role of T2 for Maya Okafor"));
    assert_eq!(menu_item(&wrapper, "I").get_attribute("aria-checked").as_deref(), Some("true"));
    wait_for("the focus in the menu", || {
        document().active_element().and_then(|element| element.get_attribute("role")).as_deref()
            == Some("menuitemradio")
    })
    .await;
    menu_item(&wrapper, "R").click();
    wait_for("R", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "R").await;
    assert!(role_menu(&wrapper).is_none(), "choosing closes the menu");
    wait_for("the save", || stored_role("T2", "P1").as_deref() == Some("R")).await;
    wait_for("the focus back on the cell", || focused_cell() == Some(("1".to_string(), maya.to_string()))).await;

    // F2 opens it from the keyboard; Escape closes it and changes nothing; in the menu,
    // a role's key chooses it.
    press_key(&raci_cell(&wrapper, 1, maya), "F2", false);
    wait_for("the menu by F2", || role_menu(&wrapper).is_some()).await;
    press_key(&menu_item(&wrapper, "R"), "Escape", false);
    wait_for("the menu closed", || role_menu(&wrapper).is_none()).await;
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "R");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let right_click = web_sys::Event::new_with_event_init_dict("contextmenu", &init).unwrap();
    raci_cell(&wrapper, 1, maya).dispatch_event(&right_click).unwrap();
    wait_for("the menu by right-click", || role_menu(&wrapper).is_some()).await;
    assert!(right_click.default_prevented(), "the browser's own menu stays closed");
    press_key(&menu_item(&wrapper, "R"), "c", false);
    wait_for("C", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "C").await;
    press_key(&raci_cell(&wrapper, 1, maya), "r", false);
    wait_for("R by key", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "R").await;

    // Keys set the focused cell: A makes it Accountable; Delete clears it.
    press_key(&raci_cell(&wrapper, 1, maya), "a", false);
    wait_for("A", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "A").await;
    // The row is drawn anew, and the keyboard focus stays on the cell for the next key.
    wait_for("the focus back on the cell", || focused_cell() == Some(("1".to_string(), maya.to_string()))).await;
    let active: web_sys::HtmlElement = document().active_element().unwrap().unchecked_into();
    press_key(&active, "Delete", false);
    wait_for("cleared", || raci_cell(&wrapper, 1, maya).text_content().unwrap().is_empty()).await;

    // Shift+arrows select T2..T3 by three people (Maya, Jonas, then Daniel, who is
    // Accountable for both); one key fills all six, as one undo step.
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowDown", true);
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowRight", true);
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowRight", true);
    wait_for("a range of six", || find_all(&wrapper, ".raci__cell--selected").len() == 6).await;
    assert_eq!(headings[maya + 2], "Daniel Reyes");
    press_key(&raci_cell(&wrapper, 2, maya + 2), "i", false);
    wait_for("the range filled", || {
        (1..=2)
            .all(|row| (maya..=maya + 2).all(|column| raci_cell(&wrapper, row, column).text_content().unwrap() == "I"))
    })
    .await;
    // The checks follow the cells: T2 has no A now, so the panel lists it.
    wait_for("the problem listed", || {
        text(&wrapper, "[data-testid=raci-problems]")
            .contains("T2 \"Inventory legacy payment flows\" has no Accountable")
    })
    .await;
    assert_ne!(text(&wrapper, "[data-testid=raci-counts]"), errors_before);
    click(&wrapper, "[data-testid=undo]");
    wait_for("the fill undone", || raci_cell(&wrapper, 2, maya + 2).text_content().unwrap() == "A").await;
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "", "one undo takes back the whole fill");

    // Summary rows show their subtasks' roles, greyed, and refuse edits: a click
    // selects, a second click explains instead of opening the menu.
    let summary = raci_cell(&wrapper, 0, maya);
    assert!(summary.class_name().contains("raci__cell--summary"));
    let shown = summary.text_content().unwrap();
    summary.click();
    raci_cell(&wrapper, 0, maya).click();
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("summary rows")).await;
    assert!(role_menu(&wrapper).is_none());
    assert_eq!(raci_cell(&wrapper, 0, maya).text_content().unwrap(), shown);
}

#[wasm_bindgen_test]
async fn the_raci_problems_link_to_their_cells_and_the_filter_shows_problem_rows() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "RACI");
    wait_for("the problems", || find(&wrapper, "[data-testid=raci-problems] button").is_some()).await;
    // Priya Raman is Responsible for four tasks at once (threshold 3): her cells on them are marked.
    assert!(
        find(&wrapper, "[data-testid=raci-matrix] tr[data-task-id=T9] .raci__cell--flagged").is_some(),
        "the overloaded person's cell on T9 is marked"
    );
    // T19 has no Accountable person in the example: its entry focuses its row.
    let entry = find_all(&wrapper, "[data-testid=raci-problems] button")
        .into_iter()
        .find(|button| button.text_content().unwrap_or_default().starts_with("T19"))
        .expect("T19's problem");
    entry.click();
    wait_for("a focused cell in T19's row", || {
        document()
            .active_element()
            .and_then(|element| element.closest("tr").ok().flatten())
            .and_then(|row| row.get_attribute("data-task-id"))
            .as_deref()
            == Some("T19")
    })
    .await;
    // Only rows with problems.
    let filter: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=raci-filter]").unwrap().unchecked_into();
    filter.set_value("problems");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    filter.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    wait_for("fewer rows", || find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]").len() < 20).await;
    let rows: Vec<String> = find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]")
        .iter()
        .filter_map(|row| row.get_attribute("data-task-id"))
        .collect();
    assert!(rows.contains(&"T19".to_string()) && rows.contains(&"T36".to_string()), "{rows:?}");
    assert!(!rows.contains(&"T4".to_string()), "{rows:?}");
}

#[wasm_bindgen_test]
async fn the_raci_matrix_draws_only_the_rows_in_view_at_2000_tasks_by_100_people() {
    use planwright::model::{Person, PersonId, RaciCell, RaciRole};
    let (wrapper, _app) = start_app().await;
    let mut plan = planwright::model::generate::program_plan(2_000);
    plan.people = (1..=100)
        .map(|number| Person {
            id: PersonId(format!("P{number}")),
            name: format!("Person {number}"),
            role: "Engineer".into(),
            team: format!("Team {}", number % 10),
        })
        .collect();
    let leaves: Vec<_> = plan.tasks.iter().filter(|task| task.parent.is_some()).map(|task| task.id.clone()).collect();
    for (number, task) in leaves.iter().enumerate() {
        plan.raci.push(RaciCell {
            task: task.clone(),
            person: PersonId(format!("P{}", number % 100 + 1)),
            role: RaciRole::A,
        });
        plan.raci.push(RaciCell {
            task: task.clone(),
            person: PersonId(format!("P{}", (number + 7) % 100 + 1)),
            role: RaciRole::R,
        });
    }
    choose_file(&wrapper, "big.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "RACI");
    wait_for("the matrix", || find(&wrapper, "[data-testid=raci-matrix] [data-r='0'][data-c='0']").is_some()).await;
    let rows = find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]").len();
    assert!(rows > 10 && rows < 60, "{rows} rows drawn of 2,000");
    assert_eq!(find_all(&wrapper, "[data-testid=raci-matrix] tbody td[data-r]").len(), rows * 100);
    // Scrolled to the end, the last task's row is drawn and the first is not.
    let scroll = find(&wrapper, ".raci-scroll").unwrap();
    scroll.set_scroll_top(1_000_000);
    scroll.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("the last row", || find(&wrapper, "tr[data-task-id=T2000]").is_some()).await;
    assert!(find(&wrapper, "[data-testid=raci-matrix] tr[data-task-id=T1]").is_none());
}
