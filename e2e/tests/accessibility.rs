//! Every view of the example plan checked by axe-core (WCAG 2.2 A and AA, and axe's best
//! practices) on the release build: the start screen, Plan, Timeline, RACI, Risks, Status,
//! Compare, the chart's keys panel and a risk's side panel. A violation fails the test with
//! the rule, the elements and why.

use e2e::axe::{violations, Violation};
use e2e::{Browser, Locator};

/// The views, as the header's navigation names them.
const VIEWS: [&str; 5] = ["Plan", "Timeline", "RACI", "Risks", "Status"];

async fn open_view(browser: &Browser, view: &str) {
    let buttons = browser.client.find_all(Locator::Css(".header__nav button")).await.unwrap();
    for button in buttons {
        if button.text().await.unwrap_or_default() == view {
            button.click().await.unwrap();
            // A view that is a part is fetched on first use.
            browser
                .wait_until(&format!("the {view} view"), || async {
                    browser.count("[data-testid=part-loading]").await == 0
                })
                .await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            return;
        }
    }
    panic!("no {view} button in the header");
}

/// The violations of the page as it is now, under `what`.
async fn check(browser: &Browser, what: &str, found: &mut Vec<(String, Violation)>) {
    for violation in violations(browser).await {
        found.push((what.to_string(), violation));
    }
}

#[tokio::test]
async fn every_view_of_the_example_plan_passes_axe_core() {
    let browser = Browser::start().await;
    let mut found = Vec::new();
    browser.open_app().await;
    browser.wait_for_css("[data-testid=open-example]").await;
    check(&browser, "the start screen", &mut found).await;

    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css(".gantt__bar[data-task-id=T3]").await;
    for view in VIEWS {
        open_view(&browser, view).await;
        check(&browser, view, &mut found).await;
    }

    open_view(&browser, "Timeline").await;
    browser.wait_for_css("[data-testid=chart-keys]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=chart-help] .gantt__help-table").await;
    check(&browser, "the chart's keys panel", &mut found).await;

    open_view(&browser, "Risks").await;
    browser.wait_for_css("[data-testid=risk-row]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=risk-panel]").await;
    check(&browser, "a risk's side panel", &mut found).await;

    browser.close().await;
    let report: String = found.iter().map(|(what, violation)| format!("{what}: {violation}")).collect();
    assert!(found.is_empty(), "{} accessibility violations:\n{report}", found.len());
}
