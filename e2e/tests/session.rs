//! A long mixed session on the release build, as a person working a morning would: more
//! than 200 edits across every view (adding, renaming, linking, RACI, risks, baselines,
//! undo and redo, view switches, Back, reloads), failing on any uncaught page error,
//! console error or panic banner. The sequence is fixed by a seed, so a failure repeats.
//!
//! Selectors it relies on (few, and stable on purpose): the header's `view-*` tabs,
//! `undo`, `redo`, `save-state`, `import-input`, `import-question`, `keep-import`,
//! `add-task`, `add-milestone`, `[data-task-name=…]`, `gantt`, `set-baseline`,
//! `raci-matrix` with its cells' `data-r`/`data-c`, `add-risk`, `risk-panel` with its
//! `.risk-panel__title`, `status-report`, `panic-banner`; views are also reached through
//! their addresses (`#/timeline/T42`).

use std::time::Duration;

use e2e::{Browser, Locator};
use fantoccini::key::Key;
use planwright::file;
use planwright::model::Plan;

/// Rounds of edits; each makes at least 16.
const ROUNDS: usize = 13;

/// A small deterministic random sequence (a linear congruential generator), so the
/// session is the same at every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// What the session did, to check against what is stored.
#[derive(Default)]
struct Tally {
    edits: usize,
    tasks_added: usize,
    risks_added: usize,
    baselines_set: usize,
}

/// Fails with `what` on any console error or uncaught page error since the last check,
/// or a panic banner on the page.
async fn assert_healthy(browser: &Browser, what: &str) {
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors after {what}: {errors:#?}");
    assert_eq!(browser.count("[data-testid=panic-banner]").await, 0, "a panic after {what}");
}

/// Clicks an element once it is there, scrolled to the middle of the window first (at the
/// top edge the sticky header would take the click).
async fn click(browser: &Browser, selector: &str) {
    let element = browser.wait_for_css(selector).await;
    let reference = serde_json::to_value(&element).unwrap();
    browser.client.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![reference]).await.unwrap();
    element.click().await.unwrap_or_else(|error| panic!("click {selector}: {error}"));
}

/// Shows a view by its header tab and waits for it.
async fn show_view(browser: &Browser, view: &str) {
    click(browser, &format!("[data-testid=view-{view}]")).await;
    let landmark = match view {
        "plan" => "[aria-label='Plan name']",
        "timeline" => "[data-testid=task-grid]",
        "raci" => "[data-testid=raci-matrix]",
        "risks" => "[data-testid=risk-register]",
        _ => "[data-testid=status-report]",
    };
    browser.wait_for_css(landmark).await;
}

async fn saved(browser: &Browser) {
    browser.wait_until("the save", || async { browser.text("[data-testid=save-state]").await == "Saved" }).await;
}

async fn stored_plan(browser: &Browser) -> Plan {
    let keys = browser.storage_keys("planwright:plan:").await;
    assert_eq!(keys.len(), 1, "one plan is stored: {keys:?}");
    file::parse(&browser.storage_item(&keys[0]).await.unwrap()).expect("the stored plan reads back")
}

async fn link_fragment(browser: &Browser) -> String {
    let value = browser.client.execute("return location.hash;", vec![]).await.unwrap();
    value.as_str().unwrap_or_default().to_string()
}

async fn go_to_address(browser: &Browser, fragment: &str) {
    browser.client.execute("location.hash = arguments[0];", vec![serde_json::json!(fragment)]).await.unwrap();
}

/// The field with the focus once it has this attribute.
async fn focused_with(browser: &Browser, attribute: &str) -> e2e::Element {
    browser
        .wait_until("the new field's focus", || async {
            let active = browser.client.active_element().await.unwrap();
            active.attr(attribute).await.unwrap().is_some()
        })
        .await;
    browser.client.active_element().await.unwrap()
}

/// Adds a task or a milestone and names it, as typing into the focused name does.
async fn add_and_name(browser: &Browser, button: &str, name: &str, tally: &mut Tally) -> String {
    let before = browser.client.active_element().await.unwrap().attr("data-task-name").await.unwrap();
    click(browser, &format!("[data-testid={button}]")).await;
    browser
        .wait_until("the new task's name field", || async {
            let active = browser.client.active_element().await.unwrap();
            let now = active.attr("data-task-name").await.unwrap();
            now.is_some() && now != before
        })
        .await;
    let field = focused_with(browser, "data-task-name").await;
    let id = field.attr("data-task-name").await.unwrap().unwrap();
    field.send_keys(&format!("{name}\n")).await.unwrap();
    tally.edits += 2;
    tally.tasks_added += 1;
    id
}

/// Selects a task through its address, then moves, lengthens, advances and links it
/// with the chart's keys.
async fn chart_edits(browser: &Browser, id: &str, tally: &mut Tally) {
    // As a person would: the names typed are in before the link is followed.
    saved(browser).await;
    go_to_address(browser, &format!("#/timeline/{id}")).await;
    browser
        .wait_until("the task selected", || async {
            browser.text("[data-testid=chart-status]").await.starts_with(&format!("{id} "))
        })
        .await;
    let chart = browser.wait_for_css("[data-testid=gantt]").await;
    for keys in [Key::Right.to_string(), format!("{}{}", Key::Shift, Key::Right), "]".into()] {
        chart.send_keys(&keys).await.unwrap();
        tally.edits += 1;
    }
    saved(browser).await;
}

/// Links a task to the row below it (the milestone added after it), with the chart's
/// keys (L, ↓, Enter).
async fn link_down(browser: &Browser, from: &str, tally: &mut Tally) {
    saved(browser).await;
    go_to_address(browser, &format!("#/timeline/{from}")).await;
    browser
        .wait_until("the task selected", || async {
            browser.text("[data-testid=chart-status]").await.starts_with(&format!("{from} "))
        })
        .await;
    let chart = browser.wait_for_css("[data-testid=gantt]").await;
    chart.send_keys(&format!("l{}{}", Key::Down, Key::Enter)).await.unwrap();
    tally.edits += 1;
}

/// Two undos and two redos: the plan is as it was.
async fn undo_redo(browser: &Browser, tally: &mut Tally) {
    saved(browser).await;
    let before = stored_plan(browser).await;
    for button in ["undo", "undo", "redo", "redo"] {
        click(browser, &format!("[data-testid={button}]")).await;
        tally.edits += 1;
    }
    saved(browser).await;
    let mut after = stored_plan(browser).await;
    after.revision = before.revision;
    after.modified = before.modified;
    assert_eq!(after, before, "redo reverses every undo");
}

/// Gives two cells of tasks (not summaries, whose roles come from their subtasks) a role
/// with the matrix's keys.
async fn raci_edits(browser: &Browser, random: &mut Seeded, tally: &mut Tally) {
    let plan = stored_plan(browser).await;
    let task_rows: Vec<usize> = planwright::model::outline::outline(&plan)
        .iter()
        .take(15)
        .enumerate()
        .filter(|(_, row)| !row.has_children)
        .map(|(position, _)| position)
        .collect();
    show_view(browser, "raci").await;
    for role in ["r", "c"] {
        let (row, column) = (task_rows[random.below(task_rows.len())], random.below(plan.people.len().min(4)));
        let cell = format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']");
        click(browser, &cell).await;
        let active = focused_with(browser, "data-r").await;
        active.send_keys(role).await.unwrap();
        tally.edits += 1;
    }
}

/// Adds a risk and titles it in its side panel.
async fn add_risk(browser: &Browser, round: usize, tally: &mut Tally) {
    show_view(browser, "risks").await;
    click(browser, "[data-testid=add-risk]").await;
    browser.wait_for_css("[data-testid=risk-panel]").await;
    browser
        .wait_until("the title's focus", || async {
            let active = browser.client.active_element().await.unwrap();
            active.attr("class").await.unwrap().unwrap_or_default().contains("risk-panel__title")
        })
        .await;
    let title = browser.client.active_element().await.unwrap();
    let select_all = format!("{}a{}", Key::Control, Key::Null);
    title.send_keys(&format!("{select_all}Vendor slips round {round}\n")).await.unwrap();
    tally.edits += 2;
    tally.risks_added += 1;
}

/// Reloads and checks that the view, its selection and the plan come back.
async fn reload_and_compare(browser: &Browser) {
    saved(browser).await;
    let fragment = link_fragment(browser).await;
    let plan = stored_plan(browser).await;
    browser.client.refresh().await.unwrap();
    browser.wait_for_css("[data-testid=save-state]").await;
    browser.wait_until("the same address", || async { link_fragment(browser).await == fragment }).await;
    let tab = fragment.trim_start_matches("#/").split('/').next().unwrap_or_default().to_string();
    let current = browser.client.find(Locator::Css(&format!("[data-testid=view-{tab}]"))).await.unwrap();
    assert_eq!(current.attr("aria-current").await.unwrap().as_deref(), Some("page"), "{fragment} is shown");
    assert_eq!(stored_plan(browser).await, plan, "a reload changes nothing");
}

/// Imports the example, makes two edits, and undoes three times: the third asks before
/// the plan would leave; keeping it keeps everything, and redo brings both edits back.
async fn import_then_undo_past_it(browser: &Browser, tally: &mut Tally) {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/program.plan.json");
    let input = browser.client.find(Locator::Css("[data-testid=import-input]")).await.unwrap();
    input.send_keys(&example.canonicalize().unwrap().to_string_lossy()).await.unwrap();
    browser.wait_for_css("[data-task-name=T2]").await;
    let first = add_and_name(browser, "add-task", "Dry run", tally).await;
    saved(browser).await;
    let edited = stored_plan(browser).await;
    for _ in 0..3 {
        click(browser, "[data-testid=undo]").await;
    }
    browser.wait_for_css("[data-testid=import-question]").await;
    assert!(browser.text("[data-testid=import-question]").await.contains("its 2 edits"));
    assert_eq!(browser.storage_keys("planwright:plan:").await.len(), 1, "nothing removed by asking");
    click(browser, "[data-testid=keep-import]").await;
    click(browser, "[data-testid=redo]").await;
    click(browser, "[data-testid=redo]").await;
    browser.wait_for_css(&format!("[data-task-name={first}]")).await;
    saved(browser).await;
    let mut back = stored_plan(browser).await;
    (back.revision, back.modified) = (edited.revision, edited.modified);
    assert_eq!(back, edited, "both edits are back");
    tally.edits += 5;
}

/// Renames the plan from the keyboard, Tab to its start date, and Alt+2 to the timeline
/// while the date field has the focus: the view goes with the field focused (which once
/// trapped), and the switcher still names the open plan.
async fn rename_the_plan_from_the_keyboard(browser: &Browser, tally: &mut Tally) {
    show_view(browser, "plan").await;
    click(browser, "[aria-label='Plan name']").await;
    let name = browser.client.active_element().await.unwrap();
    let select_all = format!("{}a{}", Key::Control, Key::Null);
    name.send_keys(&format!("{select_all}Payments, phase two{}", Key::Tab)).await.unwrap();
    tally.edits += 1;
    // Dates are typed as YYYY-MM-DD in a text field, like every date the app shows.
    browser
        .wait_until("Tab to lead to the start date", || async {
            let active = browser.client.active_element().await.unwrap();
            active.attr("aria-label").await.unwrap().as_deref() == Some("Plan start")
        })
        .await;
    let date = browser.client.active_element().await.unwrap();
    assert_eq!(date.attr("placeholder").await.unwrap().as_deref(), Some("YYYY-MM-DD"));
    date.send_keys(&format!("{}2", Key::Alt)).await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
    saved(browser).await;
    let chosen = browser
        .client
        .execute("const menu = document.querySelector('[data-testid=plan-switcher]'); return menu.options[menu.selectedIndex].text;", vec![])
        .await
        .unwrap();
    assert_eq!(chosen.as_str(), Some("Payments, phase two"), "the switcher names the renamed plan");
}

/// A new task's name typed and not yet committed is "Unsaved typing", and a reload keeps it.
async fn typing_survives_a_reload(browser: &Browser, tally: &mut Tally) {
    show_view(browser, "timeline").await;
    click(browser, "[data-testid=add-task]").await;
    let field = focused_with(browser, "data-task-name").await;
    let id = field.attr("data-task-name").await.unwrap().unwrap();
    field.send_keys("Half-typed name").await.unwrap();
    browser
        .wait_until("Unsaved typing", || async { browser.text("[data-testid=save-state]").await == "Unsaved typing" })
        .await;
    browser.client.refresh().await.unwrap();
    browser.wait_for_css("[data-testid=task-grid]").await;
    let kept = stored_plan(browser).await.task(&id).map(|task| task.name.clone());
    assert_eq!(kept.as_deref(), Some("Half-typed name"), "the text in progress was kept");
    tally.edits += 2;
    tally.tasks_added += 1;
}

#[tokio::test]
async fn a_long_mixed_session_edits_every_view_without_an_error() {
    let browser = Browser::start().await;
    browser.open_app().await;
    browser.wait_for_css("[data-testid=import-input]").await;
    let mut tally = Tally::default();
    let mut random = Seeded(25);
    import_then_undo_past_it(&browser, &mut tally).await;
    assert_healthy(&browser, "the import and its undo").await;
    rename_the_plan_from_the_keyboard(&browser, &mut tally).await;
    assert_healthy(&browser, "the rename and Alt+2 from the date field").await;
    typing_survives_a_reload(&browser, &mut tally).await;
    assert_healthy(&browser, "the reload with text in progress").await;
    let start = stored_plan(&browser).await;

    for round in 0..ROUNDS {
        show_view(&browser, "timeline").await;
        let task = add_and_name(&browser, "add-task", &format!("Pilot wave {round}"), &mut tally).await;
        add_and_name(&browser, "add-milestone", &format!("Wave {round} live"), &mut tally).await;
        chart_edits(&browser, &task, &mut tally).await;
        link_down(&browser, &task, &mut tally).await;
        if round % 5 == 0 {
            click(&browser, "[data-testid=set-baseline]").await;
            tally.edits += 1;
            tally.baselines_set += 1;
        }
        undo_redo(&browser, &mut tally).await;
        raci_edits(&browser, &mut random, &mut tally).await;
        add_risk(&browser, round, &mut tally).await;
        show_view(&browser, "report").await;
        show_view(&browser, "plan").await;
        // Back returns to the view before (the status report), Forward comes back here.
        browser.client.back().await.unwrap();
        browser.wait_for_css("[data-testid=status-report]").await;
        browser.client.forward().await.unwrap();
        browser.wait_for_css("[aria-label='Plan name']").await;
        if round % 4 == 3 {
            show_view(&browser, ["timeline", "raci", "risks", "report"][random.below(4)]).await;
            reload_and_compare(&browser).await;
        }
        assert_healthy(&browser, &format!("round {round}")).await;
    }

    saved(&browser).await;
    let end = stored_plan(&browser).await;
    assert_eq!(end.tasks.len(), start.tasks.len() + 2 * ROUNDS, "every task added is there");
    assert_eq!(end.risks.len(), start.risks.len() + tally.risks_added);
    assert_eq!(end.baselines.len(), start.baselines.len() + tally.baselines_set);
    assert!(end.dependencies.len() >= start.dependencies.len() + ROUNDS, "every link made is there");
    assert!(tally.edits >= 200, "{} edits", tally.edits);
    assert_healthy(&browser, "the session").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    browser.close().await;
}
