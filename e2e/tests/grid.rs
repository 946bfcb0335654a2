//! The task grid with real keys in the release build: keys a browser test can only
//! imitate (a synthetic key has no default action: no Tab to the next field, no `change`
//! after Enter).

use e2e::{Browser, Locator};
use planwright::file;

async fn stored_plan(browser: &Browser) -> planwright::model::Plan {
    let keys = browser.storage_keys("planwright:plan:").await;
    assert_eq!(keys.len(), 1, "one plan is stored: {keys:?}");
    file::parse(&browser.storage_item(&keys[0]).await.unwrap()).unwrap()
}

async fn active_label(browser: &Browser) -> Option<String> {
    browser.client.active_element().await.unwrap().attr("aria-label").await.unwrap()
}

async fn saved(browser: &Browser) -> bool {
    browser.text("[data-testid=save-state]").await == "Saved"
}

#[tokio::test]
async fn a_new_task_named_and_given_a_duration_by_keyboard_takes_what_was_typed() {
    let browser = Browser::start().await;
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
    browser.client.find(Locator::Css("[data-testid=add-task]")).await.unwrap().click().await.unwrap();
    // At once, with no wait for the new row: the first key is not lost.
    let keyboard = browser.client.active_element().await.unwrap();
    keyboard.send_keys("Load test\t5\n").await.unwrap();
    browser.wait_until("the save", || saved(&browser)).await;
    let plan = stored_plan(&browser).await;
    let task = plan.task("T41").expect("the new task");
    assert_eq!((task.name.as_str(), task.duration), ("Load test", 5), "5, not 51");
    assert_eq!(active_label(&browser).await.as_deref(), Some("Duration of T41"));

    // Escape takes back what was typed; nothing is committed, and nothing is left unsaved.
    let duration = browser.client.active_element().await.unwrap();
    duration.send_keys("75\u{e00c}").await.unwrap();
    browser.wait_until("the save state", || saved(&browser)).await;
    let shown = browser.client.find(Locator::Css("[aria-label='Duration of T41']")).await.unwrap();
    assert_eq!(shown.prop("value").await.unwrap().as_deref(), Some("5"));
    assert_eq!(stored_plan(&browser).await.task("T41").unwrap().duration, 5);
    assert!(browser.console_errors().await.is_empty(), "no console error");
    browser.close().await;
}
