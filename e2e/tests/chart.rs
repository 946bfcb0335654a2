//! The Gantt chart driven by a real mouse and keyboard (WebDriver actions) on the
//! release build: drags, links, keys, and undo of each as one step.

use std::time::Duration;

use e2e::{Browser, Element, Locator};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use planwright::model::Plan;
use planwright::schedule::{add_days, compute};
use planwright::{chart::Zoom, file};

async fn open_example(browser: &Browser) {
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css(".gantt__bar[data-task-id=T3]").await;
}

/// The plan in local storage once it satisfies `condition` (saves are debounced).
async fn stored_plan_when(browser: &Browser, what: &str, condition: impl Fn(&Plan) -> bool) -> Plan {
    for _ in 0..200 {
        let keys = browser.storage_keys("planwright:plan:").await;
        if let Some(text) = browser.storage_item(&keys[0]).await {
            let plan = file::parse(&text).expect("the stored plan reads back");
            if condition(&plan) {
                return plan;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the stored plan never showed {what}");
}

async fn bar(browser: &Browser, id: &str) -> Element {
    browser.wait_for_css(&format!(".gantt__bar[data-task-id={id}]")).await
}

/// Presses the left button at `(x, y)` from the centre of `element`, moves by `dx`
/// in small steps as a hand would, and releases.
async fn drag_by(browser: &Browser, element: Element, x: f64, y: f64, dx: f64, dy: f64) {
    let steps = 6;
    let mut actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element, duration: None, x, y })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
    for _ in 0..steps {
        actions = actions.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(20)),
            x: dx / steps as f64,
            y: dy / steps as f64,
        });
    }
    actions = actions.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(actions).await.unwrap();
    browser.client.release_actions().await.unwrap();
}

async fn press(browser: &Browser, keys: &str) {
    let chart = browser.wait_for_css("[data-testid=gantt]").await;
    chart.send_keys(keys).await.unwrap();
}

async fn undo(browser: &Browser) {
    browser.client.find(Locator::Css("[data-testid=undo]")).await.unwrap().click().await.unwrap();
}

fn task<'a>(plan: &'a Plan, id: &str) -> &'a planwright::model::Task {
    plan.task(id).unwrap_or_else(|| panic!("{id} is in the plan"))
}

#[tokio::test]
async fn dragging_a_bar_sets_not_before_and_one_undo_puts_it_back() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    let before = stored_plan_when(&browser, "the example", |plan| plan.tasks.len() == 40).await;
    assert_eq!(task(&before, "T3").start_no_earlier_than, None);
    let schedule = compute(&before).unwrap();
    let start = schedule.start_date(before.task_index("T3").unwrap());

    // Week zoom (the default) is 12 px a day: drag the bar three days later.
    let element = bar(&browser, "T3").await;
    let width = element.rectangle().await.unwrap().2;
    let days = 3.0;
    drag_by(&browser, element, -width / 2.0 + 10.0, 0.0, days * Zoom::Week.pixels_per_day(), 0.0).await;

    // Three calendar days on, snapped forward to a working day.
    let calendar = &schedule.calendar;
    let expected = calendar.date_of(calendar.index_of(add_days(start, days as i64)));
    let moved = stored_plan_when(&browser, "T3 moved", |plan| task(plan, "T3").start_no_earlier_than.is_some()).await;
    assert_eq!(task(&moved, "T3").start_no_earlier_than, Some(expected));
    let moved_schedule = compute(&moved).unwrap();
    assert_eq!(moved_schedule.start_date(moved.task_index("T3").unwrap()), expected);
    // The status line names the selected task with its new dates.
    assert!(browser.text("[data-testid=chart-status]").await.starts_with("T3 "));

    undo(&browser).await;
    stored_plan_when(&browser, "the drag undone", |plan| task(plan, "T3").start_no_earlier_than.is_none()).await;
    browser.close().await;
}

#[tokio::test]
async fn pulling_the_end_and_the_progress_handle_set_duration_and_progress() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    let before = stored_plan_when(&browser, "the example", |plan| plan.tasks.len() == 40).await;
    assert_eq!(task(&before, "T3").duration, 10);
    assert_eq!(task(&before, "T3").progress, 60);

    // Day zoom is 32 px a day; the chart (right of the grid) is scrolled to T3's bar.
    browser.client.find(Locator::XPath("//button[text()='Day']")).await.unwrap().click().await.unwrap();
    browser
        .client
        .execute(
            "const chart = document.querySelector('[data-testid=gantt]'); \
             const bar = document.querySelector('.gantt__bar[data-task-id=T3]'); \
             chart.scrollLeft = bar.offsetLeft - 100;",
            vec![],
        )
        .await
        .unwrap();
    let schedule = compute(&before).unwrap();
    let index = before.task_index("T3").unwrap();
    let finish = schedule.finish_date(index);
    let resize = browser.wait_for_css(".gantt__bar[data-task-id=T3] [data-handle=resize]").await;
    drag_by(&browser, resize, 0.0, 0.0, -3.0 * Zoom::Day.pixels_per_day(), 0.0).await;
    // Its last day three calendar days earlier: working days from the start through it.
    let calendar = &schedule.calendar;
    let new_finish = add_days(finish, -3);
    let expected = calendar.index_of(add_days(new_finish, 1)) - calendar.index_of(schedule.start_date(index));
    assert!(expected < 10);
    let resized = stored_plan_when(&browser, "T3 shorter", |plan| task(plan, "T3").duration != 10).await;
    assert_eq!(i64::from(task(&resized, "T3").duration), expected);

    // The progress handle dragged past the bar's end is 100%.
    let (bar_x, _, bar_width, _) = bar(&browser, "T3").await.rectangle().await.unwrap();
    let handle = browser.wait_for_css(".gantt__bar[data-task-id=T3] [data-handle=progress]").await;
    let handle_x = handle.rectangle().await.unwrap().0;
    drag_by(&browser, handle, 0.0, 0.0, bar_x + bar_width + 20.0 - handle_x, 0.0).await;
    let done = stored_plan_when(&browser, "T3 done", |plan| task(plan, "T3").progress == 100).await;
    assert_eq!(i64::from(task(&done, "T3").duration), expected, "progress changes nothing else");

    undo(&browser).await;
    stored_plan_when(&browser, "progress undone", |plan| task(plan, "T3").progress == 60).await;
    undo(&browser).await;
    stored_plan_when(&browser, "duration undone", |plan| task(plan, "T3").duration == 10).await;
    browser.close().await;
}

#[tokio::test]
async fn dragging_from_the_link_dot_links_two_bars_and_a_cycle_is_refused() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    let has_link = |plan: &Plan, from: &str, to: &str| {
        plan.dependencies.iter().any(|link| link.predecessor.as_str() == from && link.successor.as_str() == to)
    };
    let before = stored_plan_when(&browser, "the example", |plan| plan.tasks.len() == 40).await;
    assert!(!has_link(&before, "T4", "T5"));
    let links = before.dependencies.len();

    // From T4's link dot onto the middle of T5's bar, one row down.
    let dot = browser.wait_for_css(".gantt__bar[data-task-id=T4] [data-handle=link]").await;
    let (dot_x, dot_y, _, _) = dot.rectangle().await.unwrap();
    let (t5_x, t5_y, t5_width, t5_height) = bar(&browser, "T5").await.rectangle().await.unwrap();
    let target = (t5_x + t5_width / 2.0, t5_y + t5_height / 2.0);
    let dot = browser.wait_for_css(".gantt__bar[data-task-id=T4] [data-handle=link]").await;
    drag_by(&browser, dot, 0.0, 0.0, target.0 - (dot_x + 5.0), target.1 - (dot_y + 5.0)).await;
    let linked = stored_plan_when(&browser, "T4 → T5", |plan| has_link(plan, "T4", "T5")).await;
    assert_eq!(linked.dependencies.len(), links + 1);
    assert!(browser.text(".banner").await.contains("Linked T4 → T5"));

    // T3 → T5 exists, so T5 → T3 would close a loop: refused, and said why.
    let dot = browser.wait_for_css(".gantt__bar[data-task-id=T5] [data-handle=link]").await;
    let (dot_x, dot_y, _, _) = dot.rectangle().await.unwrap();
    let (t3_x, t3_y, t3_width, t3_height) = bar(&browser, "T3").await.rectangle().await.unwrap();
    let dot = browser.wait_for_css(".gantt__bar[data-task-id=T5] [data-handle=link]").await;
    drag_by(&browser, dot, 0.0, 0.0, t3_x + t3_width / 2.0 - (dot_x + 5.0), t3_y + t3_height / 2.0 - (dot_y + 5.0))
        .await;
    // Said beside the chart, in its status line, where the person is working.
    let status = "[data-testid=chart-status]";
    browser.wait_until("the refusal", || async { browser.text(status).await.contains("Not changed") }).await;
    assert!(browser.text(status).await.contains("T5"), "the refusal names the tasks");
    let after = stored_plan_when(&browser, "the same links", |plan| plan.dependencies.len() == links + 1).await;
    assert!(!has_link(&after, "T5", "T3"));
    browser.close().await;
}

#[tokio::test]
async fn keys_select_move_lengthen_link_and_delete() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    let before = stored_plan_when(&browser, "the example", |plan| plan.tasks.len() == 40).await;
    let schedule = compute(&before).unwrap();
    let start = schedule.start_date(before.task_index("T4").unwrap());

    // Home selects the first row (T1); three rows down is T4.
    press(&browser, &format!("{}{}{}{}", Key::Home, Key::Down, Key::Down, Key::Down)).await;
    browser
        .wait_until("T4 selected", || async { browser.text("[data-testid=chart-status]").await.starts_with("T4 ") })
        .await;
    assert_eq!(browser.count(".gantt__bar--selected[data-task-id=T4]").await, 1);

    // → moves it a working day later; Shift+→ makes it a day longer; ] adds 10%.
    press(&browser, &Key::Right.to_string()).await;
    let moved = stored_plan_when(&browser, "T4 moved", |plan| task(plan, "T4").start_no_earlier_than.is_some()).await;
    assert_eq!(task(&moved, "T4").start_no_earlier_than, Some(schedule.calendar.add_working_days(start, 1)));
    press(&browser, &format!("{}{}", Key::Shift, Key::Right)).await;
    stored_plan_when(&browser, "T4 longer", |plan| task(plan, "T4").duration == 7).await;
    press(&browser, "]").await;
    stored_plan_when(&browser, "T4 at 50%", |plan| task(plan, "T4").progress == 50).await;

    // L, ↓, Enter links T4 to the task below it (T5).
    press(&browser, &format!("l{}{}", Key::Down, Key::Enter)).await;
    let has_link = |plan: &Plan| {
        plan.dependencies.iter().any(|link| link.predecessor.as_str() == "T4" && link.successor.as_str() == "T5")
    };
    stored_plan_when(&browser, "T4 → T5", has_link).await;

    // T5 is selected now; K picks its links in order until T4 → T5, Delete removes it.
    for _ in 0..4 {
        if browser.text("[data-testid=chart-status]").await.starts_with("Link T4 → T5") {
            break;
        }
        press(&browser, "k").await;
    }
    assert!(browser.text("[data-testid=chart-status]").await.starts_with("Link T4 → T5"));
    press(&browser, &Key::Delete.to_string()).await;
    stored_plan_when(&browser, "the link removed", |plan| !has_link(plan)).await;

    // N adds a task after the selected one, at its level, with its name ready to type.
    press(&browser, &format!("{}n", Key::Up)).await;
    let added = stored_plan_when(&browser, "a new task", |plan| plan.tasks.len() == 41).await;
    let new_task = added.tasks.iter().find(|task| task.name == "New task").expect("the new task");
    assert_eq!(new_task.parent.as_ref().map(|parent| parent.as_str()), Some("T1"));
    let index = added.task_index(new_task.id.as_str()).unwrap();
    assert_eq!(added.tasks[index - 1].id.as_str(), "T4", "it comes right after T4");
    // Its name is ready to type; Escape goes back to the chart with the new task selected.
    let active = browser.client.active_element().await.unwrap();
    assert_eq!(active.attr("data-task-name").await.unwrap().as_deref(), Some(new_task.id.as_str()));
    active.send_keys(&Key::Escape.to_string()).await.unwrap();
    let active = browser.client.active_element().await.unwrap();
    assert_eq!(active.attr("data-testid").await.unwrap().as_deref(), Some("gantt"));
    assert!(browser.text("[data-testid=chart-status]").await.starts_with(new_task.id.as_str()));

    // ? opens the keys panel; Escape closes it.
    press(&browser, "?").await;
    browser.wait_for_css("[data-testid=chart-help]").await;
    assert!(browser.text("[data-testid=chart-help]").await.contains("link this task to another one"));
    browser.close().await;
}
