//! The task grid and the selected task's details: typing that lands where it should,
//! refusals beside the field, predecessors and constraints typed in MS Project's form,
//! notes with a counter, building the outline, links picked by name, and no event
//! listener invoked after its closure is gone.

use leptos::prelude::*;
use planwright::model::{Plan, Task, TaskId};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use super::support::*;

/// Types text into the focused field as a keyboard does: it replaces the selection.
fn type_text(text: &str) {
    let exec = js_sys::Reflect::get(&document(), &"execCommand".into()).unwrap();
    let exec: &js_sys::Function = exec.unchecked_ref();
    exec.call3(&document(), &"insertText".into(), &JsValue::FALSE, &text.into()).unwrap();
}

fn active() -> Option<web_sys::Element> {
    document().active_element()
}

fn input(element: &web_sys::HtmlElement) -> &web_sys::HtmlInputElement {
    element.unchecked_ref()
}

/// Records every uncaught page error and console error from now on, in
/// `window.planwrightErrors`.
fn watch_errors() {
    let watch = js_sys::Function::new_no_args(
        "window.planwrightErrors = [];
         if (!window.planwrightWatching) {
           window.planwrightWatching = true;
           window.addEventListener('error', (event) => window.planwrightErrors.push(String(event.message)));
           const original = console.error;
           console.error = (...args) => { window.planwrightErrors.push(args.map(String).join(' ')); original.apply(console, args); };
         }",
    );
    watch.call0(&JsValue::NULL).unwrap();
}

fn errors_seen() -> Vec<String> {
    let errors = js_sys::Reflect::get(&web_sys::window().unwrap(), &"planwrightErrors".into()).unwrap();
    js_sys::Array::from(&errors).iter().filter_map(|error| error.as_string()).collect()
}

fn notice(root: &web_sys::HtmlElement) -> String {
    text(root, "[data-testid=notice]")
}

fn undo(root: &web_sys::HtmlElement) {
    find_all(root, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap()
        .click();
}

fn cell(root: &web_sys::HtmlElement, task: &str, class: &str) -> String {
    text(root, &format!("[data-testid=task-row][data-task-id={task}] .{class}"))
}

/// The text of the messages an element's `aria-describedby` names.
fn described_by(element: &web_sys::Element) -> String {
    let ids = element.get_attribute("aria-describedby").unwrap_or_default();
    ids.split_whitespace()
        .filter_map(|id| document().get_element_by_id(id))
        .filter_map(|message| message.text_content())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a grid field shows: its box's text, or its input's value once it was used.
fn shown(root: &web_sys::HtmlElement, label: &str) -> String {
    let field = find(root, &format!("[data-testid=task-grid] [data-label='{label}']")).unwrap();
    match field.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(field) => field.value(),
        None => field.text_content().unwrap_or_default(),
    }
}

#[wasm_bindgen_test]
async fn a_field_reached_by_tab_has_its_value_selected_so_typing_replaces_it() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let duration = grid_field(&wrapper, "Duration of T3");
    wait_for("the input to take the focus", || active().is_some_and(|active| active.is_same_node(Some(&duration))))
        .await;
    let field = input(&duration);
    assert_eq!((field.selection_start().unwrap(), field.selection_end().unwrap()), (Some(0), Some(2)), "all of \"10\"");
    type_text("5");
    assert_eq!(field.value(), "5", "typing 5 gives 5, not 510 or 105");
    press_key(&duration, "Enter", false);
    wait_for("the new duration", || stored_plan().task("T3").is_some_and(|task| task.duration == 5)).await;
}

#[wasm_bindgen_test]
async fn escape_in_a_grid_field_puts_the_plan_s_value_back_and_commits_nothing() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let duration = grid_field(&wrapper, "Duration of T3");
    wait_for("the focus", || active().is_some_and(|active| active.is_same_node(Some(&duration)))).await;
    type_text("75");
    press_key(&duration, "Escape", false);
    assert_eq!(input(&duration).value(), "10", "the plan's value is back");
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    assert!(active().is_some_and(|active| active.is_same_node(Some(&chart))), "the chart has the focus");
    sleep(400).await;
    assert_eq!(stored_plan().task("T3").unwrap().duration, 10, "nothing was committed");

    // The name too.
    let name = find(&wrapper, "[data-task-name=T3]").unwrap();
    name.focus().unwrap();
    input(&name).select();
    type_text("Typed by mistake");
    press_key(&name, "Escape", false);
    assert_eq!(input(&name).value(), "Target architecture and API contracts");
    sleep(400).await;
    assert_eq!(stored_plan().task("T3").unwrap().name, "Target architecture and API contracts");
}

#[wasm_bindgen_test]
async fn escape_in_a_details_field_takes_back_what_was_typed() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    select_row(&wrapper, "T3");
    wait_for("the details", || find(&wrapper, "[data-testid=task-details] [aria-label='Task name']").is_some()).await;
    let name = find(&wrapper, "[data-testid=task-details] [aria-label='Task name']").unwrap();
    name.focus().unwrap();
    input(&name).select();
    type_text("Typed by mistake");
    press_key(&name, "Escape", false);
    assert_eq!(input(&name).value(), "Target architecture and API contracts", "the plan's value is back");
    // Leaving the field then commits nothing.
    name.blur().unwrap();
    sleep(400).await;
    assert_eq!(stored_plan().task("T3").unwrap().name, "Target architecture and API contracts");
}

#[wasm_bindgen_test]
async fn the_first_key_after_add_task_reaches_the_new_task_s_name() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    // The earliest a key can come after the click is the browser's next task.
    click(&wrapper, "[data-testid=add-task]");
    sleep(0).await;
    let name = find(&wrapper, "[data-task-name=T41]").expect("the new row is drawn at once");
    assert!(active().is_some_and(|active| active.is_same_node(Some(&name))), "its name has the focus");
    type_text("L");
    assert_eq!(input(&name).value(), "L", "the placeholder was selected and the key replaced it");
}

#[wasm_bindgen_test]
async fn add_task_and_add_milestone_go_after_the_selected_task_at_its_level() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    select_row(&wrapper, "T3");
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == 41).await;
    wait_for("its save", || stored_plan().tasks.len() == 41).await;
    let plan = stored_plan();
    let index = plan.task_index("T41").unwrap();
    assert_eq!(plan.tasks[index - 1].id.as_str(), "T3", "right after T3");
    assert_eq!(plan.tasks[index].parent.as_ref().map(TaskId::as_str), Some("T1"), "at T3's level");
    // The new task is selected: a milestone goes after it.
    click(&wrapper, "[data-testid=add-milestone]");
    wait_for("the milestone", || stored_plan().tasks.len() == 42).await;
    let plan = stored_plan();
    assert_eq!(plan.task_index("T42"), Some(index + 1));
    assert_eq!(plan.task("T42").unwrap().parent.as_ref().map(TaskId::as_str), Some("T1"));
}

#[wasm_bindgen_test]
async fn add_workstream_adds_a_top_level_summary_ready_for_subtasks() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "empty.plan.json", &planwright::file::to_json(&Plan::new("Empty", date(2027, 1, 4))));
    wait_for("the timeline", || find(&wrapper, "[data-testid=add-workstream]").is_some()).await;
    click(&wrapper, "[data-testid=add-workstream]");
    sleep(0).await;
    let name = find(&wrapper, "[data-task-name=T1]").expect("the workstream's row");
    assert!(active().is_some_and(|active| active.is_same_node(Some(&name))), "its name has the focus");
    assert!(find(&wrapper, "[data-testid=task-row][data-task-id=T1].task-grid__row--summary").is_some());
    wait_for("the save", || stored_plan().tasks.len() == 2).await;
    let plan = stored_plan();
    assert_eq!((plan.tasks[0].parent.as_ref(), plan.tasks[1].parent.as_ref()), (None, Some(&TaskId::new("T1"))));
    // One undo step takes both.
    undo(&wrapper);
    wait_for("the undo", || stored_plan().tasks.is_empty()).await;
}

#[wasm_bindgen_test]
async fn a_refused_edit_keeps_the_typed_text_and_says_why_under_the_field() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let window = web_sys::window().unwrap();
    let duration = grid_field(&wrapper, "Duration of T3");
    wait_for("the focus", || active().is_some_and(|active| active.is_same_node(Some(&duration)))).await;
    let scrolled = window.scroll_y().unwrap();
    type_text("99999");
    press_key(&duration, "Enter", false);
    let message = find(&wrapper, "#task-grid-refusal").unwrap();
    assert!(!message.hidden(), "the message shows");
    assert!(
        message.text_content().unwrap().contains("duration must be from 0 to 10000"),
        "{:?}",
        message.text_content()
    );
    assert_eq!(input(&duration).value(), "99999", "the typed text stays, to correct");
    assert_eq!(duration.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(duration.get_attribute("aria-describedby").as_deref(), Some("task-grid-refusal"));
    assert!(!notice(&wrapper).contains("Not changed"), "nothing at the top of the page: {}", notice(&wrapper));
    assert_eq!(window.scroll_y().unwrap(), scrolled, "the page did not move");
    let (field, note) = (duration.get_bounding_client_rect(), message.get_bounding_client_rect());
    // Right under the field, within the grid's pane (moved left when the field is near its
    // right edge).
    let pane = find(&wrapper, "[data-testid=grid-pane]").unwrap().get_bounding_client_rect();
    assert!((note.top() - field.bottom()).abs() < 8.0, "right under the field");
    assert!(note.left() <= field.left() + 2.0 && note.right() >= field.left(), "under the field's start");
    assert!(note.left() >= pane.left() - 1.0 && note.right() <= pane.right() + 1.0, "within the pane");

    // Corrected, it commits and the message goes.
    input(&duration).select();
    type_text("12");
    press_key(&duration, "Enter", false);
    assert!(message.hidden());
    assert_eq!(duration.get_attribute("aria-invalid"), None);
    wait_for("the commit", || stored_plan().task("T3").is_some_and(|task| task.duration == 12)).await;
}

#[wasm_bindgen_test]
async fn dates_in_the_grid_are_typed_and_shown_as_iso_dates() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_every_column(&wrapper).await;
    let deadline = grid_field(&wrapper, "Deadline of T3");
    assert_eq!(input(&deadline).type_(), "text", "not the browser's mm/dd/yyyy field");
    assert_eq!(deadline.get_attribute("placeholder").as_deref(), Some("YYYY-MM-DD"));
    change_input(&deadline, "01/15/2027");
    assert!(text(&wrapper, "#task-grid-refusal").contains("is not a date in the form YYYY-MM-DD"));
    assert_eq!(input(&deadline).value(), "01/15/2027");
    change_input(&deadline, "2027-01-15");
    wait_for("the missed deadline", || find(&wrapper, "[data-task-id=T3] td.task-grid__missed").is_some()).await;
    assert!(find(&wrapper, "#task-grid-refusal").unwrap().hidden());
}

#[wasm_bindgen_test]
async fn predecessors_typed_in_ms_project_s_form_become_links_in_one_undo_step() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert_eq!(shown(&wrapper, "Predecessors of T5"), "T3SS+5");
    let predecessors = grid_field(&wrapper, "Predecessors of T5");
    change_input(&predecessors, "3SS+5d; t2 fs -1, 4");
    assert_eq!(text(&wrapper, "#task-grid-refusal"), "", "taken");
    wait_for("the new links", || shown(&wrapper, "Predecessors of T5") == "T3SS+5, T2FS-1, T4").await;
    wait_for("the save", || stored_plan().dependencies.len() == 52).await;
    let links: Vec<(String, String)> = stored_plan()
        .dependencies
        .iter()
        .filter(|link| link.successor.as_str() == "T5")
        .map(|link| (link.predecessor.to_string(), link.predecessor_label()))
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    assert!(find(&wrapper, "[data-link-from=T4][data-link-to=T5]").is_some(), "the chart draws them");
    undo(&wrapper);
    wait_for("one undo takes the list back", || shown(&wrapper, "Predecessors of T5") == "T3SS+5").await;
}

#[wasm_bindgen_test]
async fn a_predecessor_list_that_makes_a_cycle_is_refused_whole_naming_its_tasks() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let before = stored_plan().dependencies.len();
    // T4 goes before T6: T5 as a predecessor of T4 is fine, T6 closes a circle.
    let predecessors = grid_field(&wrapper, "Predecessors of T4");
    change_input(&predecessors, "T2SS+3, T5, T6");
    let message = text(&wrapper, "#task-grid-refusal");
    assert!(message.contains("cycle") && message.contains("T4") && message.contains("T6"), "{message}");
    assert_eq!(input(&predecessors).value(), "T2SS+3, T5, T6");
    sleep(400).await;
    assert_eq!(stored_plan().dependencies.len(), before, "no part of the list was applied");
    change_input(&predecessors, "T99");
    assert!(text(&wrapper, "#task-grid-refusal").contains("item 1, \"T99\": no task has the id T99"));
}

#[wasm_bindgen_test]
async fn a_constraint_typed_in_the_grid_and_its_conflict_show_on_the_row_and_in_the_details() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_every_column(&wrapper).await;
    // T3 follows T2 (to 13 January) and takes 10 working days: it cannot finish on the 20th.
    change_input(&grid_field(&wrapper, "Constraint of T3"), "mfo 2027-01-20");
    wait_for("the conflict mark", || find(&wrapper, "[data-conflict=T3]").is_some()).await;
    let mark = find(&wrapper, "[data-conflict=T3]").unwrap();
    let said = mark.get_attribute("aria-label").unwrap();
    assert!(said.starts_with("Cannot be met: T3 must finish on 2027-01-20 but its predecessor T2"), "{said}");
    wait_for("the constraint", || shown(&wrapper, "Constraint of T3") == "MFO 2027-01-20").await;
    let float = cell(&wrapper, "T3", "task-grid__float");
    assert!(float.starts_with('−'), "negative float shows as such: {float}");
    assert!(find(&wrapper, ".gantt__bar--behind[data-task-id=T3]").is_some(), "and on the bar");
    assert!(text(&wrapper, "[data-behind-of=T3]").starts_with('−'));

    // The details of the selected task (the edit selected it) say the same.
    wait_for("the details", || find(&wrapper, "[data-testid=task-details-conflict]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=task-details-conflict]").contains("its predecessor T2"));
    assert!(text(&wrapper, "[data-testid=task-details-float]").contains("late against a deadline"));

    // A move on the chart replaces the constraint with start-no-earlier-than: not refused.
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    chart.focus().unwrap();
    press_key(&chart, "ArrowRight", false);
    wait_for("the new constraint", || shown(&wrapper, "Constraint of T3") == "SNET 2027-01-15").await;
    assert!(!notice(&wrapper).contains("Not changed"), "{}", notice(&wrapper));
}

#[wasm_bindgen_test]
async fn the_details_set_a_constraint_by_kind_and_date() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    select_row(&wrapper, "T4");
    wait_for("the details", || find(&wrapper, "[data-testid=constraint-type]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=task-details-title]"), "T4 Data migration strategy");
    choose_option(&find(&wrapper, "[data-testid=constraint-type]").unwrap(), "finish_no_later_than");
    // The date starts as the task's scheduled finish.
    wait_for("the constraint", || shown(&wrapper, "Constraint of T4").starts_with("FNLT ")).await;
    let date = find(&wrapper, "[data-testid=task-details] [aria-label='Constraint date']").unwrap();
    assert_eq!(input(&date).type_(), "text");
    change_input(&date, "2027-02-01");
    wait_for("the new date", || shown(&wrapper, "Constraint of T4") == "FNLT 2027-02-01").await;
    choose_option(&find(&wrapper, "[data-testid=constraint-type]").unwrap(), "");
    wait_for("no constraint", || shown(&wrapper, "Constraint of T4").is_empty()).await;
    assert!(stored_plan().task("T4").unwrap().date_constraint().is_none());
}

#[wasm_bindgen_test]
async fn notes_are_edited_in_the_details_and_a_paste_over_the_limit_is_kept_until_it_fits() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    select_row(&wrapper, "T3");
    wait_for("the details", || find(&wrapper, "[data-testid=task-details] textarea").is_some()).await;
    let notes: web_sys::HtmlTextAreaElement =
        find(&wrapper, "[data-testid=task-details] textarea").unwrap().unchecked_into();
    let counter = || text(&wrapper, "[data-testid=task-details] .field-counter");
    assert!(counter().ends_with("of 20,000 characters"), "{}", counter());

    let notes_before = stored_plan().task("T3").unwrap().notes.clone();
    assert!(!notes_before.is_empty(), "the example's T3 has notes");
    assert_eq!(notes.value(), notes_before, "they are shown");
    let pasted = "x".repeat(20_003);
    notes.set_value(&pasted);
    for kind in ["input", "change"] {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        notes.dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
    }
    wait_for("the counter", || counter() == "3 characters over the limit of 20,000").await;
    assert_eq!(notes.value().len(), 20_003, "the paste is kept");
    assert_eq!(notes.get_attribute("aria-invalid").as_deref(), Some("true"));
    wait_for("the refusal", || described_by(&notes).contains("Not saved yet: 3 characters over")).await;
    sleep(400).await;
    assert_eq!(stored_plan().task("T3").unwrap().notes, notes_before, "nothing committed while it does not fit");

    click(&wrapper, ".field-counter__cut");
    wait_for("the cut notes", || stored_plan().task("T3").unwrap().notes.len() == 20_000).await;
    wait_for("the counter", || counter() == "20,000 of 20,000 characters").await;
}

#[wasm_bindgen_test]
async fn the_links_form_picks_tasks_by_name_and_enter_in_lag_adds_the_link() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let anchor = find(&wrapper, "[data-testid=links-anchor]").unwrap();
    anchor.scroll_into_view();
    wait_for("the dependencies card", || find(&wrapper, "[data-testid=add-link]").is_some()).await;
    let from = find(&wrapper, "[data-testid=link-from]").unwrap();
    assert_eq!(from.get_attribute("role").as_deref(), Some("combobox"));
    from.focus().unwrap();
    type_text("threat");
    wait_for("the suggestions", || from.get_attribute("aria-expanded").as_deref() == Some("true")).await;
    let listbox = document().get_element_by_id(&from.get_attribute("aria-controls").unwrap()).unwrap();
    assert_eq!(listbox.get_attribute("role").as_deref(), Some("listbox"));
    assert!(listbox.text_content().unwrap().contains("T5 Threat model and PCI scope review"));
    press_key(&from, "ArrowDown", false);
    press_key(&from, "ArrowUp", false);
    let active_option = from.get_attribute("aria-activedescendant").unwrap();
    assert_eq!(
        document().get_element_by_id(&active_option).unwrap().get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    press_key(&from, "Enter", false);
    wait_for("the pick", || input(&from).value() == "T5 Threat model and PCI scope review").await;
    assert_eq!(from.get_attribute("aria-expanded").as_deref(), Some("false"));

    let to = find(&wrapper, "[data-testid=link-to]").unwrap();
    to.focus().unwrap();
    type_text("t8");
    press_key(&to, "Escape", false);
    let lag = find(&wrapper, "[data-testid=link-lag]").unwrap();
    lag.focus().unwrap();
    input(&lag).select();
    type_text("2");
    wait_for("Unsaved typing", || text(&wrapper, "[data-testid=save-state]") == "Unsaved typing").await;
    press_key(&lag, "Enter", false);
    wait_for("the new link", || find(&wrapper, "[data-link-from=T5][data-link-to=T8]").is_some()).await;
    wait_for("the form to empty", || input(&from).value().is_empty()).await;
    assert_eq!(input(&to).value(), "");
    // The emptied lag holds no text in progress: the header says so.
    wait_for("Saved", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let rows = find_all(&wrapper, ".links tbody tr:not(.table__new-row)");
    let last = rows.last().unwrap().text_content().unwrap();
    assert!(last.contains("T5 Threat model and PCI scope review") && last.contains("T8 Service skeleton"), "{last}");

    // A refusal stays beside the form, and what was typed stays.
    from.focus().unwrap();
    type_text("T8");
    to.focus().unwrap();
    type_text("T5");
    // The first Enter picks the suggestion, the second adds the link.
    press_key(&to, "Enter", false);
    press_key(&to, "Enter", false);
    wait_for("the refusal", || described_by(&to).contains("cycle")).await;
    assert_eq!(input(&to).value(), "T5 Threat model and PCI scope review", "what was picked stays");
    assert!(!notice(&wrapper).contains("Not changed"));
}

#[wasm_bindgen_test]
async fn enter_on_the_chart_opens_the_name_with_the_caret_at_its_end() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    select_row(&wrapper, "T3");
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    press_key(&chart, "Enter", false);
    sleep(0).await;
    let name = find(&wrapper, "[data-task-name=T3]").unwrap();
    assert!(active().is_some_and(|active| active.is_same_node(Some(&name))));
    let end = input(&name).value().len() as u32;
    assert_eq!(
        (input(&name).selection_start().unwrap(), input(&name).selection_end().unwrap()),
        (Some(end), Some(end))
    );
}

#[wasm_bindgen_test]
async fn fit_plan_fills_the_chart_s_width_with_the_plan() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let fit = find_all(&wrapper, ".gantt__toolbar button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Fit plan"))
        .unwrap();
    fit.click();
    sleep(100).await;
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    let view = chart.get_bounding_client_rect();
    // Only the rows in view have bars: the plan ends with its last rows (the launch).
    chart.set_scroll_top(1_000_000);
    chart.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    sleep(100).await;
    let right_of_plan = find_all(&wrapper, ".gantt__bar")
        .iter()
        .map(|bar| bar.get_bounding_client_rect().right())
        .fold(f64::MIN, f64::max);
    let empty = view.right() - right_of_plan;
    assert!(empty >= 0.0 && empty < 0.05 * view.width(), "{empty} px of {} left empty", view.width());
}

#[wasm_bindgen_test]
async fn counts_on_the_timeline_agree_with_their_number() {
    let (wrapper, _app) = start_app().await;
    let mut plan = Plan::new("Two", date(2027, 1, 4));
    plan.tasks.push(Task::new(TaskId::new("T1"), "Only"));
    choose_file(&wrapper, "one.plan.json", &planwright::file::to_json(&plan));
    wait_for("the plan", || text(&wrapper, "[data-testid=plan-finish]").starts_with("1 task ·")).await;
    click(&wrapper, "[data-testid=add-task]");
    wait_for("two", || text(&wrapper, "[data-testid=plan-finish]").starts_with("2 tasks ·")).await;
    let predecessors = grid_field(&wrapper, "Predecessors of T2");
    change_input(&predecessors, "T1");
    // Once the link is drawn (the grid's redraw keeps the field's focus, which scrolls it
    // into view), the card below the chart is scrolled to.
    wait_for("the link in the chart", || find(&wrapper, "[data-link-from=T1][data-link-to=T2]").is_some()).await;
    sleep(50).await;
    find(&wrapper, "[data-testid=links-anchor]").unwrap().scroll_into_view();
    wait_for("1 link", || text(&wrapper, "[data-testid=links-summary]") == "1 link").await;
}

#[wasm_bindgen_test]
async fn dropping_a_working_weekday_shows_in_the_variance() {
    let (wrapper, _app) = start_app().await;
    // A five-day task from Monday 4 January finished on Friday 8 in the baseline; the plan
    // now works Monday to Thursday, so it finishes on Monday 11: a working day late.
    let mut plan = Plan::new("Four-day weeks", date(2027, 1, 4));
    plan.tasks.push(Task { duration: 5, ..Task::new(TaskId::new("T1"), "Build") });
    plan.baselines.push(planwright::model::Baseline {
        id: planwright::model::BaselineId::new("B1"),
        name: "Before".into(),
        taken: date(2027, 1, 4),
        tasks: vec![planwright::model::BaselineTask {
            task: TaskId::new("T1"),
            start: date(2027, 1, 4),
            finish: date(2027, 1, 8),
            cost: None,
        }],
    });
    plan.calendar.working_weekdays.retain(|day| *day != chrono::Weekday::Fri);
    choose_file(&wrapper, "four.plan.json", &planwright::file::to_json(&plan));
    wait_for("the grid", || find(&wrapper, "[data-testid=task-row][data-task-id=T1]").is_some()).await;
    assert_eq!(cell(&wrapper, "T1", "task-grid__variance"), "+1");
}

#[wasm_bindgen_test]
async fn a_burst_of_grid_edits_invokes_no_closure_after_it_is_gone() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_every_column(&wrapper).await;
    watch_errors();
    for round in 0..6 {
        for (label, value) in [("Duration of T3", "11"), ("Progress of T4", "50"), ("Deadline of T5", "2027-03-01")] {
            let field = grid_field(&wrapper, label);
            sleep(0).await;
            type_text(value);
            press_key(&field, "Enter", false);
            // Another field by click, then back by focus, as Tab and the mouse do.
            click(&wrapper, "[data-label='Progress of T2']");
            field.focus().unwrap();
        }
        let constraint = grid_field(&wrapper, "Constraint of T8");
        change_input(&constraint, if round % 2 == 0 { "SNET 2027-02-01" } else { "" });
        press_key(&constraint, "Escape", false);
        click(&wrapper, "[data-testid=add-task]");
        sleep(0).await;
        type_text("Burst task");
        press_key(&active().unwrap().unchecked_into(), "Enter", false);
        click(&wrapper, "[aria-label='Move T4 up']");
        undo(&wrapper);
        sleep(20).await;
    }
    // A field still focused when the view changes.
    grid_field(&wrapper, "Duration of T9").focus().unwrap();
    sleep(0).await;
    type_text("21");
    show_view(&wrapper, "RACI");
    wait_for("the RACI view", || find(&wrapper, "[data-testid=task-grid]").is_none()).await;
    show_view(&wrapper, "Timeline");
    wait_for("the timeline again", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    sleep(100).await;
    assert_eq!(errors_seen(), Vec::<String>::new(), "no page or console error");
}

fn date(year: i32, month: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

#[wasm_bindgen_test]
async fn a_row_button_s_refusal_is_said_under_the_button() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    click(&wrapper, "[aria-label='Move T2 up']");
    let button = find(&wrapper, "[aria-label='Move T2 up']").unwrap();
    assert_eq!(described_by(&button), "Not changed: T2 is already first among its siblings.");
    assert!(!notice(&wrapper).contains("Not changed"), "not at the top of the page");
    // The next click takes it away.
    click(&wrapper, "[aria-label='Hide the subtasks of T1']");
    assert!(find(&wrapper, "#task-grid-refusal").unwrap().hidden());
    assert_eq!(button.get_attribute("aria-describedby"), None);
}

/// The plan's grid layout as kept in this browser, if any.
fn kept_grid_layout() -> Option<String> {
    let storage = storage();
    let key = (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .find(|key| key.starts_with("planwright:grid:"))?;
    storage.get_item(&key).unwrap()
}

#[wasm_bindgen_test]
async fn columns_are_hidden_shown_and_sized_and_kept_with_the_plan() {
    let (wrapper, app) = start_app().await;
    open_example(&wrapper).await;
    let header = |name: &str| {
        find_all(&wrapper, "[data-testid=task-grid] thead th")
            .into_iter()
            .find(|th| th.text_content().unwrap_or_default() == name)
            .unwrap()
    };
    let table = find(&wrapper, "[data-testid=task-grid]").unwrap();
    assert_eq!(table.get_attribute("role").as_deref(), Some("treegrid"));
    assert!(header("Float").offset_width() > 0, "Float is shown by default");
    assert_eq!(header("Deadline").offset_width(), 0, "Deadline is not");
    let width_before = table.offset_width();

    // Hide Float, show Deadline at 100 px: from the Columns menu.
    let float: web_sys::HtmlInputElement = find(&wrapper, "[data-column=float]").unwrap().unchecked_into();
    float.click();
    let deadline: web_sys::HtmlInputElement = find(&wrapper, "[data-column=deadline]").unwrap().unchecked_into();
    deadline.click();
    change_input(&find(&wrapper, "[data-column-width=deadline]").unwrap(), "100");
    wait_for("Float hidden", || header("Float").offset_width() == 0).await;
    assert!((header("Deadline").offset_width() - 100).abs() <= 1, "Deadline at 100 px");
    let float_cell = find(&wrapper, "[data-testid=task-row][data-task-id=T3] td:nth-child(7)").unwrap();
    assert_eq!(float_cell.offset_width(), 0, "the rows' Float cells are hidden too");
    assert_eq!(table.offset_width(), width_before - 64 + 100, "the table is as wide as its columns");
    let kept = kept_grid_layout().expect("the layout is kept");
    assert!(kept.contains("\"float\"") && kept.contains("[\"deadline\",100]"), "{kept}");

    // The name cannot be hidden.
    let name: web_sys::HtmlInputElement = find(&wrapper, "[data-column=name]").unwrap().unchecked_into();
    assert!(name.disabled());

    // Opened again, the plan has its columns.
    drop(app);
    wrapper.remove();
    let wrapper: web_sys::HtmlElement = document().create_element("section").unwrap().unchecked_into();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let _app = leptos::mount::mount_to(wrapper.clone(), planwright::App);
    wait_for("the plan again", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    let header = |name: &str| {
        find_all(&wrapper, "[data-testid=task-grid] thead th")
            .into_iter()
            .find(|th| th.text_content().unwrap_or_default() == name)
            .unwrap()
    };
    wait_for("Float still hidden", || header("Float").offset_width() == 0).await;
    assert!((header("Deadline").offset_width() - 100).abs() <= 1);

    // "As usual" brings the defaults back.
    click(&wrapper, "[data-testid=grid-columns-reset]");
    wait_for("Float back", || header("Float").offset_width() > 0).await;
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_splitter_widens_and_narrows_the_grid_by_keys_and_buttons() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let pane = find(&wrapper, "[data-testid=grid-pane]").unwrap();
    let splitter = find(&wrapper, "[data-testid=grid-splitter]").unwrap();
    assert_eq!(splitter.get_attribute("role").as_deref(), Some("separator"));
    let width = || pane.offset_width();
    let before = width();
    press_key(&splitter, "ArrowLeft", false);
    wait_for("a narrower grid", || width() == before - 32).await;
    assert_eq!(splitter.get_attribute("aria-valuenow"), Some((before - 32).to_string()));
    press_key(&splitter, "ArrowRight", true);
    wait_for("a wider grid", || width() == before - 32 + 128).await;
    // Without dragging: the Columns menu's buttons.
    click(&wrapper, "[data-testid=grid-narrower]");
    wait_for("narrower again", || width() == before - 32 + 128 - 64).await;
    let kept = kept_grid_layout().expect("the width is kept");
    assert!(kept.contains(&format!("\"pane_width\":{}", before + 32)), "{kept}");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_the_grid_s_cells() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let duration = grid_field(&wrapper, "Duration of T2");
    duration.focus().unwrap();
    sleep(0).await;
    let focused = || {
        active().and_then(|active| active.get_attribute("aria-label").or_else(|| active.get_attribute("data-label")))
    };
    assert_eq!(focused().as_deref(), Some("Duration of T2"));
    let here: web_sys::HtmlElement = active().unwrap().unchecked_into();
    press_key(&here, "ArrowDown", false);
    sleep(0).await;
    assert_eq!(focused().as_deref(), Some("Duration of T3"), "down: the same field of the next row");
    // The whole value is selected when reached: the first arrow right puts the caret at its
    // end, the next one moves to the next field.
    let here: web_sys::HtmlElement = active().unwrap().unchecked_into();
    let value = input(&here).value();
    input(&here).set_selection_range(value.len() as u32, value.len() as u32).unwrap();
    press_key(&here, "ArrowRight", false);
    sleep(0).await;
    assert_eq!(focused().as_deref(), Some("Predecessors of T3"), "right: the next field of the row");
    let here: web_sys::HtmlElement = active().unwrap().unchecked_into();
    input(&here).set_selection_range(0, 0).unwrap();
    press_key(&here, "ArrowLeft", false);
    sleep(0).await;
    assert_eq!(focused().as_deref(), Some("Duration of T3"), "left: back");
    let here: web_sys::HtmlElement = active().unwrap().unchecked_into();
    press_key(&here, "ArrowUp", false);
    sleep(0).await;
    assert_eq!(focused().as_deref(), Some("Duration of T2"));
    // Up from T8 passes the rows without a duration to type (T7 a workstream, T6 a
    // milestone) to T5's.
    grid_field(&wrapper, "Duration of T8");
    sleep(0).await;
    let here: web_sys::HtmlElement = active().unwrap().unchecked_into();
    press_key(&here, "ArrowUp", false);
    sleep(0).await;
    assert_eq!(focused().as_deref(), Some("Duration of T5"));
    storage().clear().unwrap();
}
