//! The release build, served locally, driven in headless Chromium as a person would.

use e2e::{Browser, Locator};
use planwright::file;

async fn open_example(browser: &Browser) {
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
}

/// The task count the timeline shows ("40 tasks · finishes ...").
async fn task_count(browser: &Browser) -> usize {
    let summary = browser.text("[data-testid=plan-finish]").await;
    summary.split_whitespace().next().and_then(|count| count.parse().ok()).unwrap_or(0)
}

async fn stored_plan_text(browser: &Browser) -> String {
    let keys = browser.storage_keys("planwright:plan:").await;
    assert_eq!(keys.len(), 1, "one plan is stored: {keys:?}");
    browser.storage_item(&keys[0]).await.unwrap()
}

#[tokio::test]
async fn an_added_task_survives_a_reload() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    let before = task_count(&browser).await;
    browser.client.find(Locator::Css("[data-testid=add-task]")).await.unwrap().click().await.unwrap();
    // The new task's name field takes focus with its text selected: typing replaces it.
    let name = browser.wait_for_css("[data-task-name=T41]").await;
    browser
        .wait_until("the name to be focused", || async {
            let active = browser.client.active_element().await.unwrap();
            active.attr("data-task-name").await.unwrap().as_deref() == Some("T41")
        })
        .await;
    name.send_keys("Load test at peak volume\n").await.unwrap();
    browser.wait_until("the save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;

    browser.client.refresh().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
    assert_eq!(task_count(&browser).await, before + 1);
    let stored = file::parse(&stored_plan_text(&browser).await).unwrap();
    assert_eq!(stored.task("T41").map(|task| task.name.as_str()), Some("Load test at peak volume"));
    // The grid draws only the rows in view: scroll to the end to see the new task.
    browser
        .client
        .execute("document.querySelector('.timeline-page .grid-scroll').scrollTop = 1e6;", vec![])
        .await
        .unwrap();
    let value = browser.wait_for_css("[data-task-name=T41]").await.prop("value").await.unwrap();
    assert_eq!(value.as_deref(), Some("Load test at peak volume"));
    browser.close().await;
}

#[tokio::test]
async fn a_bad_file_is_refused_with_its_errors_and_changes_nothing() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    browser.wait_until("the first save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;
    let stored_before = stored_plan_text(&browser).await;
    let rows_before = task_count(&browser).await;

    let bad = browser.downloads.join("bad.plan.json");
    // Local storage keeps the plan compact (no space after a colon).
    let text = stored_before.replacen("\"progress\":100", "\"progress\":140", 1);
    assert_ne!(text, stored_before, "the example has a finished task to break");
    std::fs::write(&bad, &text).unwrap();
    let input = browser.client.find(Locator::Css("[data-testid=import-input]")).await.unwrap();
    input.send_keys(&bad.to_string_lossy()).await.unwrap();

    let notice = browser.wait_for_css("[data-testid=notice]").await.text().await.unwrap();
    assert!(notice.contains("bad.plan.json was not opened"), "{notice}");
    assert!(notice.contains("plan.tasks[1].progress"), "the path is named: {notice}");
    assert!(notice.contains("140"), "{notice}");
    assert_eq!(task_count(&browser).await, rows_before);
    assert_eq!(stored_plan_text(&browser).await, stored_before, "storage is untouched");
    browser.close().await;
}

#[tokio::test]
async fn an_exported_plan_imports_as_the_same_plan() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    browser.wait_until("the first save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;
    let stored = file::parse(&stored_plan_text(&browser).await).unwrap();

    browser.client.find(Locator::Css("[data-testid=export]")).await.unwrap().click().await.unwrap();
    let exported_path = browser.downloaded(&file::file_name(&stored)).await;
    let exported_text = std::fs::read_to_string(&exported_path).unwrap();
    assert_eq!(exported_text, file::to_json(&stored), "the export is the canonical file");

    let input = browser.client.find(Locator::Css("[data-testid=import-input]")).await.unwrap();
    input.send_keys(&exported_path.to_string_lossy()).await.unwrap();
    let notice = browser.wait_for_css("[data-testid=notice]").await.text().await.unwrap();
    assert!(notice.contains("as a new plan"), "{notice}");
    // Beside the original, the copy gets a numbered name so the two can be told apart.
    let copy_name = format!("{} (2)", stored.name);
    assert!(notice.contains(&copy_name), "{notice}");
    browser
        .wait_until("the second plan to be stored", || async {
            browser.storage_keys("planwright:plan:").await.len() == 2
        })
        .await;
    let mut names = Vec::new();
    for key in browser.storage_keys("planwright:plan:").await {
        let mut plan = file::parse(&browser.storage_item(&key).await.unwrap()).unwrap();
        names.push(plan.name.clone());
        plan.name = stored.name.clone();
        assert_eq!(plan, stored, "{key} holds the same plan");
    }
    names.sort();
    assert_eq!(names, [stored.name.clone(), copy_name]);
    browser.close().await;
}

#[tokio::test]
async fn the_release_build_runs_under_its_content_security_policy_without_console_errors() {
    let browser = Browser::start().await;
    browser.open_app().await;
    // The page carries the policy; scripts are limited to the app's own.
    let policy = browser
        .client
        .execute(
            "const meta = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return meta ? meta.content : '';",
            vec![],
        )
        .await
        .unwrap();
    let policy = policy.as_str().unwrap_or_default().to_string();
    let script_src = policy.split("script-src ").nth(1).and_then(|rest| rest.split(';').next()).unwrap_or_default();
    assert!(!script_src.is_empty(), "a script-src directive: {policy}");
    for source in script_src.split_whitespace() {
        assert!(
            matches!(source, "'self'" | "'wasm-unsafe-eval'") || source.starts_with("'sha256-"),
            "only the app's own scripts may run, not {source}"
        );
    }
    // Use every view and the chart, then look for any error or violation.
    open_example(&browser).await;
    for view in ["Plan", "RACI", "Risks", "Log", "Budget", "Timeline"] {
        browser
            .client
            .find(Locator::XPath(&format!("//nav//button[text()='{view}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    browser.wait_for_css(".gantt__bar[data-task-id=T3]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=chart-keys]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=chart-help]").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors or policy violations: {errors:#?}");
    browser.close().await;
}

/// The header is one line (about 53 px, not 103) on the common laptop widths, with the
/// example plan's name, and wraps rather than hides below them.
#[tokio::test]
async fn the_header_is_one_line_on_a_laptop() {
    let browser = Browser::start().await;
    open_example(&browser).await;
    for width in [1366, 1280] {
        browser.client.set_window_rect(0, 0, width, 800).await.unwrap();
        let (inner, height) = header_height(&browser).await;
        assert!(height < 70.0, "at {width} px (inner {inner}) the header is {height} px high: it wraps");
    }
    browser.client.set_window_rect(0, 0, 900, 800).await.unwrap();
    let (_, narrow) = header_height(&browser).await;
    assert!(narrow > 70.0, "at 900 px the header wraps to a second line, keeping every action");
    browser.close().await;
}

async fn header_height(browser: &Browser) -> (f64, f64) {
    let value = browser
        .client
        .execute("return [innerWidth, document.querySelector('.header').getBoundingClientRect().height];", vec![])
        .await
        .unwrap();
    let number = |index: usize| value[index].as_f64().unwrap_or_default();
    (number(0), number(1))
}
