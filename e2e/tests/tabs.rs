//! One plan open in two tabs of one browser: an edit in one shows in the other, and
//! a tab never silently overwrites a newer save made by the other.

use e2e::Browser;
use fantoccini::wd::WindowHandle;
use planwright::file;
use planwright::model::Plan;

/// Opens the example in the first tab and the app in a second tab (which reopens the
/// plan last open); returns both tabs' handles.
async fn two_tabs(browser: &Browser) -> (WindowHandle, WindowHandle) {
    two_pages(browser, true).await
}

/// As `two_tabs`, with the second page in a tab of the same window (only one of the two
/// is visible at a time) or in a window of its own (both stay visible).
async fn two_pages(browser: &Browser, as_tab: bool) -> (WindowHandle, WindowHandle) {
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css("[data-task-name=T2]").await;
    saved(browser).await;
    let first = browser.client.window().await.unwrap();
    let second = browser.client.new_window(as_tab).await.unwrap().handle;
    browser.client.switch_to_window(second.clone()).await.unwrap();
    browser.open_app().await;
    browser.wait_for_css("[data-task-name=T2]").await;
    (first, second)
}

async fn saved(browser: &Browser) {
    browser.wait_until("the save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;
}

/// Sets a task's name in the grid as typing and leaving the field would.
async fn rename_task(browser: &Browser, id: &str, name: &str) {
    browser
        .client
        .execute(
            "const input = document.querySelector(`[data-task-name=${arguments[0]}]`);
             input.value = arguments[1];
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(id), serde_json::json!(name)],
        )
        .await
        .unwrap();
}

async fn task_name_shown(browser: &Browser, id: &str) -> String {
    let value = browser
        .client
        .execute(
            "const input = document.querySelector(`[data-task-name=${arguments[0]}]`); return input ? input.value : '';",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

async fn stored_plans(browser: &Browser) -> Vec<Plan> {
    let mut plans = Vec::new();
    for key in browser.storage_keys("planwright:plan:").await {
        let text = browser.storage_item(&key).await.unwrap();
        plans.push(file::parse(&text).expect("stored plans read back"));
    }
    plans
}

fn name_of(plan: &Plan, id: &str) -> String {
    plan.task(id).map(|task| task.name.clone()).unwrap_or_default()
}

#[tokio::test]
async fn an_edit_in_one_tab_shows_in_the_other() {
    let browser = Browser::start().await;
    let (first, second) = two_tabs(&browser).await;

    browser.client.switch_to_window(first.clone()).await.unwrap();
    rename_task(&browser, "T2", "Renamed in the first tab").await;
    saved(&browser).await;

    browser.client.switch_to_window(second.clone()).await.unwrap();
    browser
        .wait_until("the second tab to show the edit", || async {
            task_name_shown(&browser, "T2").await == "Renamed in the first tab"
        })
        .await;
    assert!(browser.text("[data-testid=notice]").await.contains("changed in another tab"));

    // The second tab now edits on top of the first tab's work, and the first sees it.
    rename_task(&browser, "T3", "Renamed in the second tab").await;
    saved(&browser).await;
    browser.client.switch_to_window(first).await.unwrap();
    browser
        .wait_until("the first tab to show the edit", || async {
            task_name_shown(&browser, "T3").await == "Renamed in the second tab"
        })
        .await;
    let plans = stored_plans(&browser).await;
    assert_eq!(plans.len(), 1);
    assert_eq!(name_of(&plans[0], "T2"), "Renamed in the first tab");
    assert_eq!(name_of(&plans[0], "T3"), "Renamed in the second tab");
    browser.close().await;
}

#[tokio::test]
async fn edits_in_both_tabs_at_once_keep_both_and_overwrite_neither() {
    let browser = Browser::start().await;
    // Two windows side by side: a tab that is hidden saves at once, so edits waiting in
    // two places at the same moment happen with both pages in view.
    let (first, second) = two_pages(&browser, false).await;

    // Both pages edit before either has saved. The second page's save waits (its timers
    // are held back here, as a browser does for a busy or throttled page), the first
    // saves at once (Ctrl+S). Without the wait, the outcome would hang on how fast the
    // two edits follow each other.
    browser.client.execute("window.setTimeout = function () { return 0; };", vec![]).await.unwrap();
    rename_task(&browser, "T2", "Edited in the second tab").await;
    assert_eq!(browser.text("[data-testid=save-state]").await, "Saving…", "the second tab's edit waits");
    browser.client.switch_to_window(first.clone()).await.unwrap();
    rename_task(&browser, "T3", "Edited in the first tab").await;
    browser
        .client
        .execute("window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }));", vec![])
        .await
        .unwrap();
    saved(&browser).await;

    // The first tab's save reaches the second, which has edits of its own: it shows the
    // conflict and saves nothing; the first tab shows none.
    browser.client.switch_to_window(second.clone()).await.unwrap();
    browser.wait_for_css("[data-testid=save-conflict]").await;
    assert_eq!(browser.text("[data-testid=save-state]").await, "Not saved: changed in another tab");
    let conflicted = second.clone();
    browser.client.switch_to_window(first.clone()).await.unwrap();
    assert_eq!(browser.count("[data-testid=save-conflict]").await, 0);
    let (kept_edit, held_edit) = (("T3", "Edited in the first tab"), ("T2", "Edited in the second tab"));
    // Give a wrong save time to happen, then check storage holds the saved tab's work only.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let plans = stored_plans(&browser).await;
    assert_eq!(plans.len(), 1);
    assert_eq!(name_of(&plans[0], kept_edit.0), kept_edit.1);
    assert_ne!(name_of(&plans[0], held_edit.0), held_edit.1, "the conflicted tab did not overwrite");

    // The conflicted tab keeps its version as a copy: both edits are kept.
    browser.client.switch_to_window(conflicted).await.unwrap();
    browser.wait_for_css("[data-testid=keep-as-copy]").await.click().await.unwrap();
    saved(&browser).await;
    let plans = stored_plans(&browser).await;
    assert_eq!(plans.len(), 2);
    assert!(plans.iter().any(|plan| name_of(plan, kept_edit.0) == kept_edit.1));
    let copy = plans.iter().find(|plan| plan.name.contains("copy from another tab")).expect("the copy");
    assert_eq!(name_of(copy, held_edit.0), held_edit.1);
    browser.close().await;
}

#[tokio::test]
async fn an_edit_followed_at_once_by_closing_the_tab_is_saved() {
    let browser = Browser::start().await;
    let (first, _second) = two_tabs(&browser).await;
    // The edit waits for its debounced save; the tab closes before the timer fires.
    rename_task(&browser, "T5", "Edited just before closing").await;
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(first).await.unwrap();
    browser
        .wait_until("the edit in storage", || async {
            stored_plans(&browser).await.first().is_some_and(|plan| name_of(plan, "T5") == "Edited just before closing")
        })
        .await;
    browser.close().await;
}
