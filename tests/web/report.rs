//! The status report, share links, printing.

use leptos::prelude::*;
use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

#[wasm_bindgen_test]
async fn the_status_report_shows_the_models_report_as_of_today() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "Status");
    wait_for("the report", || find(&wrapper, "[data-testid=status-report]").is_some()).await;
    // The same report the model writes for this plan today, drawn as text.
    let plan = file::parse(EXAMPLE_PLAN).unwrap();
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let expected = planwright::report::status_report(&plan, &schedule, planwright::storage::today());
    let report = find(&wrapper, "[data-testid=status-report]").unwrap();
    assert_eq!(report.get_attribute("data-status").as_deref(), Some(expected.status.label()));
    let shown = report.text_content().unwrap();
    assert!(shown.contains(&format!("Overall status: {}", expected.status.title())), "{shown}");
    assert!(shown.contains("no baseline"), "the example has no baseline, and the report says so: {shown}");
    let risk_rows: Vec<String> = find_all(&report, "table")
        .into_iter()
        .find(|table| table.text_content().unwrap_or_default().contains("Critical-path tasks it threatens"))
        .map(|table| {
            find_all(&table, "tbody tr td:first-child").into_iter().filter_map(|cell| cell.text_content()).collect()
        })
        .unwrap_or_default();
    let top: Vec<String> = expected.top_risks.iter().map(|risk| risk.risk.to_string()).collect();
    assert_eq!(risk_rows, top, "the top open risks, highest first");
    assert!(!shown.contains("**"), "Markdown marks are drawn, not shown");
}

/// The example plan with a task forecast a week past its deadline and a start
/// constraint its predecessor makes impossible.
fn example_with_a_late_deadline_and_an_impossible_constraint() -> planwright::model::Plan {
    use planwright::model::{ConstraintKind, DateConstraint};
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let link = plan.dependencies[0].clone();
    let successor = plan.task_index(link.successor.as_str()).unwrap();
    let early = schedule.start_date(successor) - chrono::Duration::days(7);
    plan.tasks[successor]
        .set_date_constraint(Some(DateConstraint { kind: ConstraintKind::StartNoLaterThan, date: early }));
    let late = (0..plan.tasks.len())
        .rev()
        .find(|&index| !plan.has_children(plan.tasks[index].id.as_str()) && index != successor)
        .unwrap();
    plan.tasks[late].deadline = Some(schedule.finish_date(late) - chrono::Duration::days(7));
    plan
}

#[wasm_bindgen_test]
async fn the_status_report_is_drawn_formatted_with_deadline_lateness_and_impossible_constraints() {
    let (wrapper, _app) = start_app().await;
    let plan = example_with_a_late_deadline_and_an_impossible_constraint();
    choose_file(&wrapper, "program.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Status");
    wait_for("the report", || find(&wrapper, "[data-testid=status-report]").is_some()).await;
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let expected = planwright::report::status_report(&plan, &schedule, planwright::storage::today());
    let report = find(&wrapper, "[data-testid=status-report]").unwrap();
    let shown = report.text_content().unwrap();

    // Issue 19's content: lateness against a deadline in working days, and each
    // constraint the links make impossible, with what makes it so.
    let lateness: Vec<&str> = expected
        .reasons
        .iter()
        .filter(|reason| matches!(reason.kind, planwright::report::StatusReasonKind::DeadlineMissed { .. }))
        .map(|reason| reason.message.as_str())
        .collect();
    assert!(
        !lateness.is_empty() && lateness.iter().all(|message| message.contains("working days late")),
        "{lateness:?}"
    );
    for message in lateness {
        assert!(shown.contains(message), "{message} in {shown}");
    }
    assert!(!expected.constraint_conflicts.is_empty());
    let section = find_all(&report, "h3")
        .into_iter()
        .find(|heading| heading.text_content().unwrap_or_default() == "Date constraints the schedule cannot meet")
        .expect("the constraints section");
    let list = section.next_element_sibling().expect("its list");
    assert_eq!(list.tag_name(), "UL");
    for conflict in &expected.constraint_conflicts {
        assert!(list.text_content().unwrap().contains(&conflict.to_string()), "{conflict}");
    }

    // Formatted, not Markdown: a title, section headings, lists, tables, a rule and
    // emphasis are elements; no Markdown marks show as text.
    assert_eq!(find_all(&report, "h2").len(), 1);
    assert!(find_all(&report, "h3").len() >= 6);
    assert!(find(&report, "table thead th").is_some() && find(&report, "ul li").is_some());
    assert!(find(&report, "hr").is_some());
    assert_eq!(text(&report, "em"), "Status rule.");
    let badge = find(&report, ".report__status").expect("the overall status as a badge");
    assert_eq!(badge.text_content().unwrap(), format!("Overall status: {}", expected.status.title()));
    for mark in ["**", "*Status rule.*", "---", "| ---", "## "] {
        assert!(!shown.contains(mark), "{mark:?} shows as text");
    }
}

#[wasm_bindgen_test]
async fn a_share_link_offers_its_plan_and_imports_it_only_when_asked() {
    let window = web_sys::window().unwrap();
    let fragment = planwright::ui::link_fragment(EXAMPLE_PLAN).await.expect("the example fits in a link");
    assert!(fragment.len() <= planwright::file::share::MAX_SHARE_FRAGMENT_CHARS);
    let path = window.location().pathname().unwrap();
    let history = window.history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{fragment}"))).unwrap();
    let (wrapper, _app) = start_app().await;
    wait_for("the offer", || find(&wrapper, "[data-testid=shared-plan-offer]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=shared-plan-offer]").contains("Payments platform migration"));
    assert!(stored_plan_keys().is_empty(), "nothing is imported unasked");
    click(&wrapper, "[data-testid=shared-plan-import]");
    wait_for("the imported plan", || stored_plan_keys().len() == 1).await;
    assert_eq!(stored_plan(), file::parse(EXAMPLE_PLAN).unwrap(), "the plan arrives whole");
    assert!(!window.location().hash().unwrap().starts_with("#plan="), "the link is taken out of the address bar");
    drop(_app);

    // A damaged link says so and changes nothing.
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}#plan=AAAA%%"))).unwrap();
    let (wrapper, _app) = start_app().await;
    wait_for("the error", || text(&wrapper, ".banner--error").contains("shared link could not be opened")).await;
    assert!(stored_plan_keys().is_empty());
    assert!(find(&wrapper, "[data-testid=shared-plan-offer]").is_none());
}

#[wasm_bindgen_test]
async fn print_draws_the_whole_register_or_timeline_outside_the_app() {
    // The print dialog is replaced by a recorder of what would be printed.
    let window = web_sys::window().unwrap();
    let record = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        let printed = document().query_selector("[data-testid=printout]").unwrap().map(|element| element.inner_html());
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"planwrightPrinted".into(), &printed.unwrap_or_default().into()).unwrap();
    });
    js_sys::Reflect::set(&window, &"print".into(), record.as_ref()).unwrap();
    record.forget();
    let printed =
        || js_sys::Reflect::get(&web_sys::window().unwrap(), &"planwrightPrinted".into()).unwrap().as_string();

    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "RACI");
    wait_for("the matrix", || find(&wrapper, "[data-testid=raci-matrix]").is_some()).await;
    click(&wrapper, "[data-testid=print]");
    wait_for("the printout", || printed().is_some()).await;
    let html = printed().unwrap();
    assert!(
        html.contains("T38") && html.contains("Decommission legacy payment code"),
        "every task, not only those in view"
    );
    assert!(
        !wrapper.contains(
            document().query_selector("[data-testid=printout]").unwrap().as_ref().map(|node| node.unchecked_ref())
        ),
        "outside the app"
    );
    wait_for("the printout is taken away", || document().query_selector("[data-testid=printout]").unwrap().is_none())
        .await;

    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &"planwrightPrinted".into()).unwrap();
    show_view(&wrapper, "Timeline");
    wait_for("the chart", || find(&wrapper, "[data-testid=gantt]").is_some()).await;
    click(&wrapper, "[data-testid=print]");
    wait_for("the timeline printout", || printed().is_some()).await;
    assert!(printed().unwrap().contains("data:image/svg+xml"), "the whole timeline as one image");
    assert!(
        printed().unwrap().contains("Printed "),
        "under a title line: {}",
        printed().unwrap().chars().take(300).collect::<String>()
    );
    assert!(!printed().unwrap().contains("clipPath"), "the whole plan, not cut");

    // A period: both dates, checked; the image is cut at them.
    let type_into = |selector: &str, value: &str| {
        let field = find(&wrapper, selector).unwrap();
        field.unchecked_ref::<web_sys::HtmlInputElement>().set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        field.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    };
    wait_for("the printout is taken away", || document().query_selector("[data-testid=printout]").unwrap().is_none())
        .await;
    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &"planwrightPrinted".into()).unwrap();
    type_into("[data-testid=print-from]", "2027-02-01");
    type_into("[data-testid=print-to]", "2027-02-30");
    click(&wrapper, "[data-testid=print-period]");
    wait_for("the refusal", || !text(&wrapper, "[data-testid=print-problem]").is_empty()).await;
    assert!(
        text(&wrapper, "[data-testid=print-problem]").starts_with("The last date"),
        "{}",
        text(&wrapper, "[data-testid=print-problem]")
    );
    sleep(300).await;
    assert!(printed().is_none(), "nothing printed");
    type_into("[data-testid=print-to]", "2027-02-28");
    click(&wrapper, "[data-testid=print-period]");
    wait_for("the period's printout", || printed().is_some()).await;
    assert!(printed().unwrap().contains("clipPath"), "cut at the period's edges");
    assert!(printed().unwrap().contains("2027-02-01%20to%202027-02-28"), "and said in its subtitle");

    // A period when no task is at work prints nothing, and says why.
    wait_for("the printout is taken away", || document().query_selector("[data-testid=printout]").unwrap().is_none())
        .await;
    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &"planwrightPrinted".into()).unwrap();
    type_into("[data-testid=print-from]", "2031-01-01");
    type_into("[data-testid=print-to]", "2031-01-31");
    click(&wrapper, "[data-testid=print-period]");
    wait_for("the notice", || {
        text(&wrapper, "[data-testid=notice]").contains("no task is at work from 2031-01-01 to 2031-01-31")
    })
    .await;
    sleep(300).await;
    assert!(printed().is_none(), "nothing printed");
}
