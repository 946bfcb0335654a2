//! Change requests in the Log, the whole way: raised, drafted in a copy of the plan,
//! changes taken from the copy, consequence shown, approved as one undo step that
//! records the decision; and refused, saying what conflicts, when the plan moved on.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

/// The value of the option whose text is `text` (`exact`) or contains it.
fn option_value(select: &web_sys::HtmlElement, text: &str, exact: bool) -> String {
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    (0..select.length())
        .filter_map(|index| select.item(index))
        .filter_map(|option| option.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .find(|option| if exact { option.text() == text } else { option.text().contains(text) })
        .map(|option| option.value())
        .unwrap_or_else(|| panic!("no option {text}"))
}

async fn switch_to(root: &web_sys::HtmlElement, name: &str) {
    let switcher = find(root, "[data-testid=plan-switcher]").unwrap();
    choose_option(&switcher, &option_value(&switcher, name, true));
    wait_for("the plan", || text(root, ".header__title") == name).await;
}

async fn show_timeline(root: &web_sys::HtmlElement) {
    show_view(root, "Timeline");
    wait_for("the grid", || find(root, "[data-testid=task-grid] [data-task-id=T2], [data-testid=task-grid] [aria-label='Duration of T2'], [data-testid=task-grid] [data-label='Duration of T2']").is_some()).await;
}

/// The Log's change requests, whichever tab shows them.
async fn show_change_requests(root: &web_sys::HtmlElement) {
    show_view(root, "Log");
    wait_for("the Log", || find(root, ".log-page").is_some()).await;
    if let Some(tab) = find_all(root, "[role=tab]")
        .into_iter()
        .find(|tab| tab.text_content().unwrap_or_default().contains("Change requests"))
    {
        tab.click();
    }
    wait_for("the change requests", || find(root, "[data-testid=change-requests]").is_some()).await;
}

/// Raises C1 on the example, drafts it in a copy where T2 takes 9 days, and takes the
/// change back in the example.
async fn raise_and_draft(root: &web_sys::HtmlElement) {
    open_example(root).await;
    show_change_requests(root).await;
    click(root, "[data-testid=change-request-add]");
    wait_for("the panel", || find(root, "[data-testid=change-request-panel]").is_some()).await;
    change_input(&find(root, "[aria-label='Change request title']").unwrap(), "Longer discovery");
    click(root, "[data-testid=change-request-draft]");
    wait_for("the copy", || text(root, ".header__title").contains("(proposal C1)")).await;
    show_timeline(root).await;
    change_input(&grid_field(root, "Duration of T2"), "9");
    wait_for("the copy saved with the change", || {
        stored_plan_keys().len() == 2
            && stored_plan_named("Payments platform migration (proposal C1)")
                .task("T2")
                .is_some_and(|task| task.duration == 9)
    })
    .await;
    switch_to(root, "Payments platform migration").await;
    show_change_requests(root).await;
    click(root, "[data-testid=change-request-C1]");
    wait_for("the panel", || find(root, "[data-testid=change-request-source]").is_some()).await;
    let source = find(root, "[data-testid=change-request-source]").unwrap();
    choose_option(&source, &option_value(&source, "(proposal C1)", false));
    wait_for("the Take button", || {
        find(root, "[data-testid=change-request-take]").is_some_and(|button| !button.has_attribute("disabled"))
    })
    .await;
    click(root, "[data-testid=change-request-take]");
    wait_for("the changes", || find(root, "[data-testid=change-request-changes]").is_some()).await;
}

#[wasm_bindgen_test]
async fn a_change_drafted_in_a_copy_is_taken_shown_with_its_consequence_and_approved_in_one_undo_step() {
    let (root, _app) = start_app().await;
    raise_and_draft(&root).await;
    let changes = text(&root, "[data-testid=change-request-changes]");
    assert!(changes.contains("T2") && changes.contains("9"), "{changes}");
    let consequence = text(&root, "[data-testid=change-request-consequence]");
    assert!(
        consequence.contains("moves") && consequence.contains("The planned cost does not change."),
        "{consequence}"
    );

    click(&root, "[data-testid=change-request-approve]");
    wait_for("the decision", || find(&root, "[data-testid=change-request-decided]").is_some()).await;
    assert!(text(&root, "[data-testid=change-request-decided]").contains("recorded as decision D1"));
    wait_for("the plan saved", || {
        let plan = stored_plan_named("Payments platform migration");
        plan.task("T2").is_some_and(|task| task.duration == 9) && plan.decisions.len() == 1
    })
    .await;

    click(&root, "[data-testid=undo]");
    wait_for("the undo", || find(&root, "[data-testid=change-request-approve]").is_some()).await;
    wait_for("the plan saved", || {
        let plan = stored_plan_named("Payments platform migration");
        plan.task("T2").is_some_and(|task| task.duration != 9) && plan.decisions.is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_change_whose_task_was_edited_since_is_refused_saying_what_conflicts() {
    let (root, _app) = start_app().await;
    raise_and_draft(&root).await;
    show_timeline(&root).await;
    change_input(&grid_field(&root, "Duration of T2"), "4");
    sleep(300).await;
    show_change_requests(&root).await;
    click(&root, "[data-testid=change-request-C1]");
    wait_for("the problems", || find(&root, "[data-testid=change-request-problems]").is_some()).await;
    assert!(
        text(&root, "[data-testid=change-request-problems]").contains("task T2 was changed since the request was made")
    );
    click(&root, "[data-testid=change-request-approve]");
    sleep(300).await;
    assert!(find(&root, "[data-testid=change-request-decided]").is_none(), "nothing approved");
    assert!(text(&root, "[data-testid=notice]").contains("task T2 was changed since the request was made"));
}

/// The stored plan of this name.
fn stored_plan_named(name: &str) -> planwright::model::Plan {
    let storage = storage();
    stored_plan_keys()
        .into_iter()
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .filter_map(|text| planwright::file::parse(&text).ok())
        .find(|plan| plan.name == name)
        .unwrap_or_else(|| panic!("no stored plan {name}"))
}
