//! Links to tasks of other plans kept in this browser: added from the task's details,
//! kept with the plan, and brought up to date when the other plan moves.

use planwright::file;
use planwright::model::Plan;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

fn stored_plan_named(name: &str) -> Plan {
    stored_plan_keys()
        .iter()
        .filter_map(|key| file::parse(&storage().get_item(key).unwrap().unwrap()).ok())
        .find(|plan| plan.name == name)
        .unwrap_or_else(|| panic!("no stored plan {name}"))
}

/// The value of the option of `select` whose text is `text`.
fn option_value(select: &web_sys::HtmlElement, text: &str) -> String {
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    (0..select.length())
        .filter_map(|index| select.item(index))
        .filter_map(|option| option.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .find(|option| option.text() == text)
        .map(|option| option.value())
        .unwrap_or_else(|| panic!("no option {text}"))
}

async fn switch_to(root: &web_sys::HtmlElement, name: &str) {
    let switcher = find(root, "[data-testid=plan-switcher]").unwrap();
    let value = option_value(&switcher, name);
    choose_option(&switcher, &value);
    wait_for("the plan", || text(root, ".header__title") == name).await;
}

/// Keeps the example as "Platform upgrade" (without a plan id), then opens the example
/// itself as a second plan; returns the platform.
async fn store_platform_then_open_program(root: &web_sys::HtmlElement) -> Plan {
    let mut platform = file::parse(EXAMPLE_PLAN).unwrap();
    platform.name = "Platform upgrade".into();
    platform.id = None;
    choose_file(root, "platform.plan.json", &file::to_json(&platform));
    wait_for("the platform plan", || text(root, ".header__title") == "Platform upgrade").await;
    choose_file(root, "program.plan.json", EXAMPLE_PLAN);
    wait_for("the second plan", || stored_plan_keys().len() == 2).await;
    wait_for("the program", || text(root, ".header__title") == "Payments platform migration").await;
    platform
}

#[wasm_bindgen_test]
async fn a_task_waits_on_another_plan_and_follows_it_when_it_moves() {
    let (root, _app) = start_app().await;
    let platform = store_platform_then_open_program(&root).await;

    // T4 waits on the platform's T2, finish to start.
    select_row(&root, "T4");
    wait_for("the details", || find(&root, "[data-testid=cross-plan-open]").is_some()).await;
    click(&root, "[data-testid=cross-plan-open]");
    wait_for("the other plans", || find_all(&root, "[data-testid=cross-plan-plan] option").len() == 2).await;
    let plan_select = find(&root, "[data-testid=cross-plan-plan]").unwrap();
    choose_option(&plan_select, &option_value(&plan_select, "Platform upgrade"));
    wait_for("its tasks", || find_all(&root, "[data-testid=cross-plan-task] option").len() > 1).await;
    let task_select = find(&root, "[data-testid=cross-plan-task]").unwrap();
    let t2 = platform.task("T2").unwrap().name.clone();
    choose_option(&task_select, &option_value(&task_select, &format!("T2 {t2}")));
    click(&root, "[data-testid=cross-plan-add]");
    wait_for("the link", || find_all(&root, "[data-testid=cross-plan-link]").len() == 1).await;
    assert!(text(&root, "[data-testid=cross-plan-link]").starts_with(&format!("Platform upgrade: T2 {t2} (FS)")));
    // On the chart, the other plan's task is a ghost bar in T4's row, named with its plan.
    wait_for("the ghost bar", || find(&root, "[data-ghost-of=T4]").is_some()).await;
    let ghost = find(&root, "[data-ghost-of=T4]").unwrap();
    assert_eq!(ghost.get_attribute("data-label").unwrap(), format!("Platform upgrade: {t2}"));
    assert!(ghost
        .get_attribute("title")
        .unwrap()
        .starts_with(&format!("Waits on Platform upgrade: T2 {t2} (FS), last known")));
    wait_for("the save", || text(&root, "[data-testid=save-state]") == "Saved").await;
    let program = stored_plan_named("Payments platform migration");
    assert_eq!(program.external_dependencies.len(), 1);
    let link = &program.external_dependencies[0];
    // The platform was given its id, saved with it, which the link names.
    assert_eq!(Some(&link.plan), stored_plan_named("Platform upgrade").id.as_ref());
    let known_finish = link.known.finish;

    // The platform's T2 grows by ten days.
    switch_to(&root, "Platform upgrade").await;
    wait_for("the grid", || find(&root, "[data-testid=task-grid]").is_some()).await;
    let duration = platform.task("T2").unwrap().duration + 10;
    change_input(&grid_field(&root, "Duration of T2"), &duration.to_string());
    wait_for("the save", || stored_plan_named("Platform upgrade").task("T2").unwrap().duration == duration).await;

    // Back in the program, what moved is said, and the dates come with one click.
    switch_to(&root, "Payments platform migration").await;
    wait_for("the notice", || find(&root, "[data-testid=other-plans-moved]").is_some()).await;
    let said = text(&root, "[data-testid=other-plans-moved]");
    assert!(said.contains("working days later"), "{said}");
    click(&root, "[data-testid=other-plans-update]");
    wait_for("the notice gone", || find(&root, "[data-testid=other-plans-moved]").is_none()).await;
    wait_for("the new dates saved", || {
        stored_plan_named("Payments platform migration").external_dependencies[0].known.finish > known_finish
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_link_that_would_close_a_loop_across_plans_is_refused() {
    let (root, _app) = start_app().await;
    let platform = store_platform_then_open_program(&root).await;
    // The program's T4 waits on the platform's T2 ...
    let add = |root: web_sys::HtmlElement, plan: &'static str, task: String| async move {
        click(&root, "[data-testid=cross-plan-open]");
        wait_for("the other plans", || find_all(&root, "[data-testid=cross-plan-plan] option").len() == 2).await;
        let plan_select = find(&root, "[data-testid=cross-plan-plan]").unwrap();
        choose_option(&plan_select, &option_value(&plan_select, plan));
        wait_for("its tasks", || find_all(&root, "[data-testid=cross-plan-task] option").len() > 1).await;
        let task_select = find(&root, "[data-testid=cross-plan-task]").unwrap();
        choose_option(&task_select, &option_value(&task_select, &task));
        click(&root, "[data-testid=cross-plan-add]");
    };
    let name_of = |id: &str| format!("{id} {}", platform.task(id).unwrap().name);
    select_row(&root, "T4");
    wait_for("the details", || find(&root, "[data-testid=cross-plan-open]").is_some()).await;
    add(root.clone(), "Platform upgrade", name_of("T2")).await;
    wait_for("the link", || find_all(&root, "[data-testid=cross-plan-link]").len() == 1).await;
    wait_for("the save", || text(&root, "[data-testid=save-state]") == "Saved").await;
    // ... so the platform's T2 cannot wait on the program's T4.
    switch_to(&root, "Platform upgrade").await;
    select_row(&root, "T2");
    wait_for("the details", || find(&root, "[data-testid=cross-plan-open]").is_some()).await;
    add(root.clone(), "Payments platform migration", name_of("T4")).await;
    wait_for("the refusal", || !text(&root, "[data-testid=cross-plan-refusal]").is_empty()).await;
    let said = text(&root, "[data-testid=cross-plan-refusal]");
    assert!(said.starts_with("Not added: it would close a loop across plans"), "{said}");
    assert!(find(&root, "[data-testid=cross-plan-link]").is_none());
    assert!(stored_plan_named("Platform upgrade").external_dependencies.is_empty());
}
