//! Every view of the example plan checked by axe-core (WCAG 2.2 A and AA, and axe's best
//! practices) on the release build, in the light theme and again in the dark one: the start
//! screen, Plan, Timeline, RACI, Risks, Log, Budget, Status, Compare, the chart's keys panel, the
//! header's "More" menu and a risk's side panel. A violation fails the test with the theme,
//! the view, the rule, the elements and why.

use e2e::axe::{violations, Violation};
use e2e::{Browser, Locator};

/// The views, as the header's navigation names them.
const VIEWS: [&str; 7] = ["Plan", "Timeline", "RACI", "Risks", "Log", "Budget", "Status"];

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

/// Every view of the example plan, from the start screen, under `theme`.
async fn check_every_view(browser: &Browser, theme: &str, found: &mut Vec<(String, Violation)>) {
    browser.wait_for_css("[data-testid=open-example]").await;
    check(browser, &format!("{theme}: the start screen"), found).await;

    browser.wait_for_css("[data-testid=open-example]").await.click().await.unwrap();
    browser.wait_for_css(".gantt__bar[data-task-id=T3]").await;
    for view in VIEWS {
        open_view(browser, view).await;
        check(browser, &format!("{theme}: {view}"), found).await;
    }

    open_view(browser, "Timeline").await;
    browser.wait_for_css("[data-testid=chart-keys]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=chart-help] .gantt__help-table").await;
    check(browser, &format!("{theme}: the chart's keys panel"), found).await;

    let more = browser.wait_for_css("[data-testid=export-menu] summary").await;
    more.click().await.unwrap();
    browser.wait_for_css("[data-testid=theme-system]").await;
    check(browser, &format!("{theme}: the More menu"), found).await;
    more.click().await.unwrap();

    // The timeline's own menus: the grid's columns, and printing a period.
    for (menu, inside, what) in [
        ("columns-menu", "[data-testid=grid-columns-reset]", "the Columns menu"),
        ("print-menu", "[data-testid=print-period]", "the Print menu"),
    ] {
        let summary = browser.wait_for_css(&format!("[data-testid={menu}] summary")).await;
        summary.click().await.unwrap();
        browser.wait_for_css(inside).await;
        check(browser, &format!("{theme}: {what}"), found).await;
        summary.click().await.unwrap();
    }

    open_view(browser, "Risks").await;
    browser.wait_for_css("[data-testid=risk-row]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=risk-panel]").await;
    check(browser, &format!("{theme}: a risk's side panel"), found).await;
}

/// The comparison with a stored plan and the portfolio of the stored plans (in the theme
/// the page has).
async fn check_compare_and_portfolio(browser: &Browser, found: &mut Vec<(String, Violation)>) {
    browser.wait_for_css("[data-testid=compare]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=compare-input]").await;
    check(browser, "the comparison", found).await;

    browser.wait_for_css(".header__brand").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=open-portfolio]").await.click().await.unwrap();
    browser.wait_for_css("[data-portfolio-plan]").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=portfolio-row]").await;
    check(browser, "the portfolio", found).await;
}

/// The theme on the page's root element (`data-theme`), if any.
async fn page_theme(browser: &Browser) -> Option<String> {
    let value = browser.client.execute("return document.documentElement.getAttribute('data-theme');", vec![]).await;
    value.unwrap().as_str().map(str::to_string)
}

/// Chooses the dark theme in the header's "More" menu and reloads: the page comes back dark,
/// on the start screen.
async fn switch_to_dark_and_reload(browser: &Browser) {
    browser.wait_for_css("[data-testid=export-menu] summary").await.click().await.unwrap();
    browser.wait_for_css("[data-testid=theme-dark]").await.click().await.unwrap();
    assert_eq!(page_theme(browser).await.as_deref(), Some("dark"), "the switch sets the theme");
    browser.client.refresh().await.unwrap();
    browser.wait_for_css(".header__brand").await;
    assert_eq!(page_theme(browser).await.as_deref(), Some("dark"), "the theme is kept across a reload");
    browser.wait_for_css(".header__brand").await.click().await.unwrap();
}

#[tokio::test]
async fn every_view_of_the_example_plan_passes_axe_core_in_light_and_dark() {
    let browser = Browser::start().await;
    let mut found = Vec::new();
    browser.open_app().await;
    check_every_view(&browser, "light", &mut found).await;
    switch_to_dark_and_reload(&browser).await;
    check_every_view(&browser, "dark", &mut found).await;
    check_compare_and_portfolio(&browser, &mut found).await;

    browser.close().await;
    let report: String = found.iter().map(|(what, violation)| format!("{what}: {violation}")).collect();
    assert!(found.is_empty(), "{} accessibility violations:\n{report}", found.len());
}
