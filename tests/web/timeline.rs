//! The timeline: edits in the grid and on the chart, links, baselines, the drawn window at 10,000 tasks.

use leptos::prelude::*;
use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

#[wasm_bindgen_test]
async fn html_and_script_in_a_plan_show_as_text() {
    let (wrapper, _app) = start_app().await;
    let hostile = "<img src=x onerror=\"window.planwrightInjected=1\"><script>window.planwrightInjected=2</script>";
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    plan.name = format!("Plan {hostile}");
    plan.tasks[1].name = format!("Task {hostile}");
    plan.people[0].name = format!("Person {hostile}");
    plan.risks[0].title = format!("Risk {hostile}");
    choose_file(&wrapper, "hostile.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    for view in ["Timeline", "RACI", "Risks", "Plan"] {
        let button = find_all(&wrapper, ".header__nav button")
            .into_iter()
            .find(|button| button.text_content().as_deref() == Some(view))
            .unwrap();
        button.click();
        sleep(50).await;
        assert!(
            find(&wrapper, "main img, main script, header img, header script").is_none(),
            "{view}: no element made"
        );
    }
    let injected = js_sys::Reflect::get(&web_sys::window().unwrap(), &"planwrightInjected".into()).unwrap();
    assert!(injected.is_undefined(), "no script ran");
    // The text is there, as text.
    assert!(wrapper.text_content().unwrap_or_default().contains("Plan <img src=x"));
}

#[wasm_bindgen_test]
async fn undo_brings_back_a_deleted_task() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let before = task_count(&wrapper);
    click(&wrapper, "[aria-label='Delete T15']");
    wait_for("the workstream to go", || find(&wrapper, "[data-testid=task-row][data-task-id=T15]").is_none()).await;
    assert!(task_count(&wrapper) < before - 1, "its subtasks went with it");
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    // The chart follows: no bar or link of the deleted workstream is left, and the links
    // it drew keep their other ends' rows.
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T15]").is_none());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T16]").is_none(), "nor of its subtasks");
    assert!(find(&wrapper, "[data-link-to=T16]").is_none());
    assert_rows_beside_bars(&wrapper);
    undo.click();
    wait_for("the workstream to return", || task_count(&wrapper) == before).await;
    wait_for("its bars to return", || find(&wrapper, ".gantt__bar[data-task-id=T16]").is_some()).await;
    assert!(find(&wrapper, "[data-link-from=T4][data-link-to=T16]").is_some(), "and its links");
    assert_rows_beside_bars(&wrapper);
}

/// Every bar in the chart's view has its grid row beside it, at the same height (the bar
/// sits 7 px into its 32 px row).
fn assert_rows_beside_bars(wrapper: &web_sys::HtmlElement) {
    let chart = find(wrapper, "[data-testid=gantt]").unwrap().get_bounding_client_rect();
    let mut checked = 0;
    for bar in find_all(wrapper, ".gantt__bar") {
        let bar_top = bar.get_bounding_client_rect().top();
        if bar_top < chart.top() + 48.0 || bar_top > chart.bottom() - 40.0 {
            continue;
        }
        let id = bar.get_attribute("data-task-id").unwrap();
        let row = find(wrapper, &format!("[data-testid=task-row][data-task-id={id}]"))
            .unwrap_or_else(|| panic!("no grid row beside {id}'s bar"));
        let row_top = row.get_bounding_client_rect().top();
        let margin = if bar.class_name().contains("milestone") {
            9.0
        } else if bar.class_name().contains("summary") {
            10.0
        } else {
            7.0
        };
        assert!((bar_top - margin - row_top).abs() < 1.5, "{id}: bar at {bar_top}, row at {row_top}");
        checked += 1;
    }
    assert!(checked >= 8, "{checked} bars in view");
}

#[wasm_bindgen_test]
async fn an_edit_moves_the_later_bars_and_links_in_place() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the chart", || find(&wrapper, ".gantt__bar[data-task-id=T3]").is_some()).await;
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    let row = find(&wrapper, "[data-testid=task-row][data-task-id=T3]").unwrap();
    let link = find(&wrapper, "[data-link-from=T2][data-link-to=T3] .gantt__link-hit").unwrap();
    let (style, path) = (bar.get_attribute("style").unwrap(), link.get_attribute("d").unwrap());

    // T3 follows T2 (finish to start): two more days of T2 move T3 and the link between them.
    change_input(&grid_field(&wrapper, "Duration of T2"), "10");
    wait_for("T3 to move", || bar.get_attribute("style").unwrap() != style).await;
    assert!(bar.is_connected(), "the bar is the same element, moved");
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap().is_same_node(Some(&bar)));
    assert!(row.is_connected(), "the grid's rows stay");
    assert!(link.is_connected(), "the link is the same element");
    assert_ne!(link.get_attribute("d").unwrap(), path, "with its new path");
    assert_eq!(find_all(&wrapper, ".gantt__bar[data-task-id=T3]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_dependencies_card_comes_when_scrolled_near_and_edits_links() {
    let (wrapper, _app) = start_app().await;
    let window = web_sys::window().unwrap();
    window.scroll_to_with_x_and_y(0.0, 0.0);
    open_example(&wrapper).await;
    // Below the chart and the grid, out of view: not drawn (in the release build, its part
    // not even fetched) while the page stays scrolled to the top.
    let anchor = find(&wrapper, "[data-testid=links-anchor]").unwrap();
    let viewport = window.inner_height().unwrap().as_f64().unwrap();
    assert!(anchor.get_bounding_client_rect().top() > viewport, "the card's place is out of view");
    sleep(300).await;
    assert!(find(&wrapper, "[data-testid=add-link]").is_none(), "no card while out of view");
    anchor.scroll_into_view();
    wait_for("the dependencies card", || find(&wrapper, "[data-testid=add-link]").is_some()).await;
    let link_rows = || find_all(&wrapper, ".links tbody tr:not(.table__new-row)").len();
    assert_eq!(link_rows(), 50, "the example's 50 links");

    // Ids typed whole (the fields read `input`) name their tasks, without regard to case.
    for (selector, value) in [("[data-testid=link-from]", "t3"), ("[data-testid=link-to]", "T4")] {
        let input = find(&wrapper, selector).unwrap();
        input.unchecked_ref::<web_sys::HtmlInputElement>().set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    }
    click(&wrapper, "[data-testid=add-link]");
    wait_for("the new link in the chart", || find(&wrapper, "[data-link-from=T3][data-link-to=T4]").is_some()).await;
    assert_eq!(link_rows(), 51);
    let predecessors = || text(&wrapper, "[data-testid=task-row][data-task-id=T4] .task-grid__predecessors");
    assert_eq!(predecessors(), "T2SS+3, T3");

    // The new link is the card's last row; its type changes there.
    let select: web_sys::HtmlSelectElement =
        find_all(&wrapper, ".links select[aria-label='Link type']").pop().unwrap().unchecked_into();
    select.set_value("SS");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    wait_for("the link's new type in the grid", || predecessors() == "T2SS+3, T3SS").await;
}

#[wasm_bindgen_test]
async fn the_task_name_stays_at_the_grid_s_left_edge_when_its_columns_scroll() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let grid = find(&wrapper, "[data-testid=grid-pane]").unwrap();
    let name = || find(&wrapper, "[data-testid=task-row][data-task-id=T3] td.task-grid__name").unwrap();
    let head = find(&wrapper, "[data-testid=task-grid] thead th.task-grid__name").unwrap();
    assert!(grid.scroll_width() > grid.client_width() + 100, "the grid is wider than its pane");
    let left_at_rest = name().get_bounding_client_rect().left();

    grid.set_scroll_left(300);
    grid.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    let at_edge = |cell: &web_sys::HtmlElement| {
        (cell.get_bounding_client_rect().left() - grid.get_bounding_client_rect().left()).abs() < 2.0
    };
    wait_for("the name at the grid's left edge", || at_edge(&name())).await;
    assert!(at_edge(&head), "its header too");
    assert!(name().get_attribute("style").unwrap_or_default().contains("translateX"), "a shift of its own");
    // The row's buttons are its last column, scrolled into view like any other, over nothing.
    let actions = find(&wrapper, "[data-testid=task-row][data-task-id=T3] td.table__actions").unwrap();
    assert!(!actions.get_attribute("style").unwrap_or_default().contains("translateX"));

    grid.set_scroll_left(0);
    grid.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("the name back in its place", || (name().get_bounding_client_rect().left() - left_at_rest).abs() < 1.0)
        .await;
}

/// The `top` of an element's inline style, in pixels.
fn style_top(element: &web_sys::HtmlElement) -> i64 {
    let style = element.get_attribute("style").unwrap_or_default();
    let top = style.split(';').find_map(|part| part.strip_prefix("top:")).unwrap_or_default();
    top.trim_end_matches("px").parse().unwrap_or(-1)
}

#[wasm_bindgen_test]
async fn a_row_click_selects_its_task_and_the_grid_scrolls_with_the_chart() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "large.plan.json", &large_plan(400));
    wait_for("the plan", || task_count(&wrapper) == 400).await;
    wait_for("the chart", || find(&wrapper, ".gantt__bar[data-task-id=T3]").is_some()).await;
    assert_rows_beside_bars(&wrapper);

    // A click in a grid row selects its task: its bar and row are marked.
    select_row(&wrapper, "T3");
    wait_for("the selection", || find(&wrapper, ".gantt__bar--selected[data-task-id=T3]").is_some()).await;
    let row = find(&wrapper, "[data-testid=task-row][data-task-id=T3]").unwrap();
    assert_eq!(row.get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(text(&wrapper, "[data-testid=chart-status]").starts_with("T3 Task 3:"));
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();

    // Scrolled down 200 rows: the grid follows the chart, row for row; the rows that left
    // the view lose their bars and grid rows, those that came in get them, in order.
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    let grid = find(&wrapper, "[data-testid=grid-pane]").unwrap();
    chart.set_scroll_top(200 * 32);
    chart.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    assert_eq!(grid.scroll_top(), 200 * 32, "the grid scrolled with the chart");
    wait_for("row 200's bar", || find(&wrapper, ".gantt__bar[data-task-id=T200]").is_some()).await;
    wait_for("row 200 in the grid", || find(&wrapper, "[data-testid=task-row][data-task-id=T200]").is_some()).await;
    assert!(!bar.is_connected(), "T3's bar is removed");
    assert!(!row.is_connected(), "and its grid row");
    let bar_tops = find_all(&wrapper, ".gantt__bar").iter().map(style_top).collect::<Vec<_>>();
    assert!(bar_tops.windows(2).all(|pair| pair[0] < pair[1]), "in row order: {bar_tops:?}");
    assert!(bar_tops.contains(&(199 * 32)));
    sleep(50).await;
    assert_rows_beside_bars(&wrapper);
    for header in ["th.task-grid__name", "th:nth-child(2)"] {
        let cell = find(&wrapper, &format!("[data-testid=task-grid] thead {header}")).unwrap();
        let offset = cell.get_bounding_client_rect().top() - grid.get_bounding_client_rect().top();
        assert!(offset.abs() < 1.5, "the header {header} stays at the top: {offset}");
    }

    // A wheel over the grid scrolls the chart, which scrolls the grid.
    let wheel = web_sys::WheelEventInit::new();
    wheel.set_delta_y(320.0);
    wheel.set_bubbles(true);
    wheel.set_cancelable(true);
    let event = web_sys::WheelEvent::new_with_event_init_dict("wheel", &wheel).unwrap();
    find(&wrapper, "[data-testid=task-row][data-task-id=T200]").unwrap().dispatch_event(&event).unwrap();
    assert!(event.default_prevented(), "the page does not scroll too");
    assert_eq!(chart.scroll_top(), 210 * 32);
    wait_for("the grid to follow", || grid.scroll_top() == 210 * 32).await;

    // Back at the top, T3 has a bar again, still selected.
    chart.set_scroll_top(0);
    chart.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("T3's bar again", || find(&wrapper, ".gantt__bar--selected[data-task-id=T3]").is_some()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T200]").is_none());
    wait_for("T3's row again", || {
        find(&wrapper, "[data-testid=task-row][data-task-id=T3][aria-selected=true]").is_some()
    })
    .await;
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_file_from_a_newer_version_is_refused_and_nothing_changes() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored_before = storage().get_item(&stored_plan_keys()[0]).unwrap();
    let rows_before = task_count(&wrapper);

    choose_file(&wrapper, "future.plan.json", r#"{"format": "planwright", "version": 99, "plan": {}}"#);
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("future.plan.json was not opened"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("newer version of Planwright"));
    assert_eq!(task_count(&wrapper), rows_before);
    assert_eq!(stored_plan_keys().len(), 1, "no plan was added");
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap(), stored_before);
}

/// A plan of `count` tasks in workstreams of 20, each task after the one before.
fn large_plan(count: usize) -> String {
    let mut plan = planwright::model::Plan::new("Large program", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for index in 1..=count {
        let mut task =
            planwright::model::Task::new(planwright::model::TaskId(format!("T{index}")), format!("Task {index}"));
        if index % 20 != 1 {
            task.parent = Some(planwright::model::TaskId(format!("T{}", index - (index - 1) % 20)));
            if index % 20 != 2 {
                plan.dependencies.push(planwright::model::Dependency {
                    predecessor: planwright::model::TaskId(format!("T{}", index - 1)),
                    successor: task.id.clone(),
                    kind: planwright::model::DependencyKind::FS,
                    lag: 0,
                });
            }
        }
        task.duration = (index % 7) as u32 + 1;
        plan.tasks.push(task);
    }
    file::to_json(&plan)
}

/// DOM nodes of the timeline (chart and grid) and of the whole app.
fn node_counts(root: &web_sys::HtmlElement) -> (u32, u32) {
    let timeline = ["[data-testid=gantt]", "[data-testid=task-grid]"]
        .iter()
        .map(|selector| find(root, selector).unwrap().query_selector_all("*").unwrap().length())
        .sum();
    (timeline, root.query_selector_all("*").unwrap().length())
}

#[wasm_bindgen_test]
async fn the_timeline_holds_as_many_nodes_at_10000_tasks_as_at_100() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "small.plan.json", &large_plan(100));
    wait_for("the small plan", || task_count(&wrapper) == 100).await;
    let (small_timeline, small_page) = node_counts(&wrapper);
    let small_bars = find_all(&wrapper, ".gantt__bar").len();

    choose_file(&wrapper, "large.plan.json", &large_plan(10_000));
    wait_for("the large plan", || task_count(&wrapper) == 10_000).await;
    let (large_timeline, large_page) = node_counts(&wrapper);
    let large_bars = find_all(&wrapper, ".gantt__bar").len();
    let large_rows = find_all(&wrapper, "[data-testid=task-row]").len();

    assert_eq!(large_bars, small_bars, "bars drawn: {small_bars} at 100 tasks, {large_bars} at 10,000");
    assert!(large_rows < 60, "{large_rows} grid rows drawn at 10,000 tasks");
    assert!(
        (large_timeline as f64) <= small_timeline as f64 * 1.2,
        "timeline DOM nodes: {small_timeline} at 100 tasks, {large_timeline} at 10,000"
    );
    assert!(large_page < 5_000, "page DOM nodes: {small_page} at 100 tasks, {large_page} at 10,000");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_collapsed_workstream_hides_its_subtasks_in_grid_and_chart() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert!(find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_some());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_some());

    click(&wrapper, "[aria-label='Hide the subtasks of T1']");
    wait_for("the subtasks to hide", || find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_none()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_none());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T1]").is_some(), "the summary stays");
    assert_eq!(task_count(&wrapper), 40, "hiding is a view, not an edit");

    click(&wrapper, "[aria-label='Show the subtasks of T1']");
    wait_for("the subtasks to return", || find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_some()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_some());
}

#[wasm_bindgen_test]
async fn an_edit_in_the_grid_keeps_the_field_in_place_and_focused() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let duration = grid_field(&wrapper, "Duration of T3");
    let finish = || text(&wrapper, "[data-testid=task-row][data-task-id=T3] td:nth-child(6)");
    assert_eq!(finish(), "2027-01-28");
    change_input(&duration, "12");
    // Two more working days: Friday 29 January, Monday 1 February.
    wait_for("the new finish", || finish() == "2027-02-01").await;
    let after = find(&wrapper, "[data-label='Duration of T3']").unwrap();
    assert!(after.is_same_node(Some(&duration)), "the same input element is kept");
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&duration))));
}

#[wasm_bindgen_test]
async fn a_grid_field_becomes_an_input_when_used_and_commits_when_left() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_every_column(&wrapper).await;
    assert!(
        find(&wrapper, ".task-grid td input:not([data-task-name])").is_none(),
        "no input but the names is drawn before one is used"
    );
    assert_eq!(text(&wrapper, "[data-label='Duration of T3']"), "10", "a number field shows its value");
    let button = find(&wrapper, "[data-label='Deadline of T3']").unwrap();
    assert_eq!((button.tag_name().as_str(), button.tab_index()), ("SPAN", 0), "a box Tab reaches");
    assert_eq!(button.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(button.text_content().as_deref(), Some(""), "T3 has no deadline");
    let missed = || find(&wrapper, "[data-task-id=T3] td.task-grid__missed").is_some();
    assert!(!missed());

    // Focused (by Tab, or by a click), it becomes a text input taking an ISO date, with
    // the cursor in it.
    button.focus().unwrap();
    let input: web_sys::HtmlInputElement = find(&wrapper, "[data-label='Deadline of T3']").unwrap().unchecked_into();
    assert_eq!(input.type_(), "text");
    assert!(button.parent_element().is_none(), "the button made way for it");
    wait_for("the focus", || document().active_element().is_some_and(|active| active.is_same_node(Some(&input)))).await;

    // Leaving the field commits it: T3 finishes on 28 January, after this deadline.
    input.set_value("2027-01-15");
    input.blur().unwrap();
    wait_for("the missed deadline", missed).await;
    let cell = find(&wrapper, "[data-task-id=T3] td.task-grid__missed").unwrap();
    assert_eq!(cell.get_attribute("title").as_deref(), Some("The schedule finishes after this deadline"));
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    assert!(bar.class_list().contains("gantt__bar--late"), "the chart shows it too");

    // Undo takes the deadline back; the field stays an input and shows the plan's value.
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    undo.click();
    wait_for("the deadline to go", || !missed()).await;
    assert_eq!(input.value(), "");
    // The other rows' fields are still boxes; a click makes one an input, too.
    assert_eq!(find(&wrapper, "[data-label='Deadline of T4']").unwrap().tag_name(), "SPAN");
    click(&wrapper, "[data-label='Progress of T4']");
    let progress = find(&wrapper, "[data-label='Progress of T4']").unwrap();
    assert_eq!(progress.get_attribute("inputmode").as_deref(), Some("numeric"));
    wait_for("the focus", || document().active_element().is_some_and(|active| active.is_same_node(Some(&progress))))
        .await;
}

#[wasm_bindgen_test]
async fn a_row_moved_by_its_own_button_keeps_the_focus_on_it() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let position = |id: &str| {
        find_all(&wrapper, "[data-testid=task-row]")
            .iter()
            .position(|row| row.get_attribute("data-task-id").as_deref() == Some(id))
            .unwrap()
    };
    assert!(position("T3") < position("T4"));
    let up = find(&wrapper, "[aria-label='Move T4 up']").unwrap();
    up.focus().unwrap();
    up.click();
    wait_for("T4 above T3", || position("T4") < position("T3")).await;
    assert!(
        document().active_element().is_some_and(|active| active.is_same_node(Some(&up))),
        "the button keeps the focus"
    );
    // So a second press (Enter or Space on the focused button) moves it again.
    up.click();
    wait_for("T4 above T2", || position("T4") < position("T2")).await;
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&up))));
}

#[wasm_bindgen_test]
async fn a_baseline_shows_under_the_bars_and_slippage_in_the_grid() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert!(find(&wrapper, ".gantt__baseline").is_none(), "the example has no baseline");
    let variance = || text(&wrapper, "[data-testid=task-row][data-task-id=T3] .task-grid__variance");
    assert_eq!(variance(), "");

    click(&wrapper, "[data-testid=set-baseline]");
    wait_for("the baseline bars", || find(&wrapper, ".gantt__baseline[data-baseline-of=T3]").is_some()).await;
    assert_eq!(variance(), "0");

    change_input(&grid_field(&wrapper, "Duration of T3"), "12");
    wait_for("the variance", || variance() == "+2").await;
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    let baseline = find(&wrapper, ".gantt__baseline[data-baseline-of=T3]").unwrap();
    assert!(bar.offset_width() > baseline.offset_width(), "the bar grew past its baseline");

    // Setting a baseline is an edit like any other: undo takes it away (after the duration).
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    undo.click();
    undo.click();
    wait_for("the baseline to go", || find(&wrapper, ".gantt__baseline").is_none()).await;
    assert_eq!(variance(), "");
}

#[wasm_bindgen_test]
async fn every_drag_handle_is_a_target_of_at_least_24_pixels() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the chart", || find(&wrapper, ".gantt__bar[data-task-id=T3]").is_some()).await;
    select_row(&wrapper, "T3");
    wait_for("the selection", || find(&wrapper, ".gantt__bar--selected[data-task-id=T3]").is_some()).await;
    let window = web_sys::window().unwrap();
    let handles = find_all(&wrapper, ".gantt__bar[data-task-id=T3] [data-handle]");
    assert_eq!(handles.len(), 3, "resize, progress and link");
    for handle in handles {
        let target = window.get_computed_style_with_pseudo_elt(&handle, "::before").unwrap().unwrap();
        let size = |property: &str| {
            target.get_property_value(property).unwrap().trim_end_matches("px").parse::<f64>().unwrap()
        };
        let kind = handle.get_attribute("data-handle").unwrap();
        assert!(size("width") >= 24.0 && size("height") >= 24.0, "{kind}: {} x {}", size("width"), size("height"));
    }
}
