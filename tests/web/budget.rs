//! The Budget view: day rates and task costs typed in reach the plan exactly, bad
//! amounts are refused where they were typed, and earned value is the model's.

use planwright::file;
use planwright::model::{Money, PersonId, TaskId};
use wasm_bindgen_test::*;

use super::support::*;

fn field(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    find(root, &format!("[aria-label='{label}']")).unwrap_or_else(|| panic!("no field {label}"))
}

#[wasm_bindgen_test]
async fn day_rates_and_task_costs_typed_in_reach_the_plan_exactly_and_a_negative_one_is_refused() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "Budget");
    wait_for("the task costs", || find(&wrapper, "[data-testid=task-costs]").is_some()).await;
    let plan = file::parse(EXAMPLE_PLAN).unwrap();
    let person = plan.people[0].clone();
    let task = plan.tasks.iter().find(|task| !plan.has_children(task.id.as_str())).unwrap().clone();

    change_input(&field(&wrapper, &format!("Day rate of {}", person.name)), "1,250.50");
    change_input(&field(&wrapper, &format!("Fixed cost of {}", task.name)), "900");
    change_input(&field(&wrapper, &format!("Actual cost of {}", task.name)), "120.05");
    change_input(&field(&wrapper, "Currency"), "eur");
    wait_for("the plan to be saved", || stored_plan().budget.currency == "EUR").await;
    let stored = stored_plan();
    assert_eq!(stored.budget.day_rate(&PersonId::new(person.id.as_str())), Money(125_050));
    let cost = stored.budget.task(&TaskId::new(task.id.as_str())).unwrap();
    assert_eq!((cost.fixed, cost.actual), (Money(90_000), Money(12_005)));

    let fixed = field(&wrapper, &format!("Fixed cost of {}", task.name));
    change_input(&fixed, "-5");
    wait_for("the refusal", || fixed.get_attribute("aria-invalid").as_deref() == Some("true")).await;
    let said = text(&wrapper, ".field-refusal:not([hidden])");
    assert!(said.contains("a cost cannot be negative"), "{said}");
    sleep(400).await;
    assert_eq!(
        stored_plan().budget.task(&TaskId::new(task.id.as_str())).unwrap().fixed,
        Money(90_000),
        "nothing changed"
    );
    if task.progress == 0 {
        assert!(find(&wrapper, ".task-costs__warning").is_some(), "actual cost without progress is flagged");
    }
}

#[wasm_bindgen_test]
async fn earned_value_against_the_baseline_is_the_models_with_its_chart() {
    let (wrapper, _app) = start_app().await;
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let leaves: Vec<TaskId> =
        plan.tasks.iter().filter(|task| !plan.has_children(task.id.as_str())).map(|task| task.id.clone()).collect();
    for (number, id) in leaves.iter().enumerate() {
        let cost = planwright::model::TaskCost {
            fixed: Money(100_000 * (number as i64 + 1)),
            actual: Money(if number < 3 { 80_000 } else { 0 }),
            ..planwright::model::TaskCost::none(id.clone())
        };
        planwright::model::apply(&mut plan, planwright::model::Command::SetTaskCost(cost)).unwrap();
    }
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let baseline =
        planwright::schedule::take_baseline(&plan, &schedule, plan.next_baseline_id(), "Costed".into(), plan.start);
    plan.baselines.push(baseline);
    choose_file(&wrapper, "costed.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Budget");
    wait_for("earned value", || find(&wrapper, "[data-testid=earned-value-table]").is_some()).await;

    let expected = planwright::analysis::earned_value::earned_value(
        &plan,
        &schedule,
        plan.baselines.last(),
        planwright::storage::today(),
    );
    let row = text(&wrapper, "[data-testid=earned-value-table] tbody tr:first-child");
    for amount in [expected.plan.bac, expected.plan.ev, expected.plan.ac] {
        let shown = planwright::model::budget::format_amount(amount, "USD");
        assert!(row.contains(&shown), "{shown} in {row}");
    }
    let sentence = text(&wrapper, "[data-testid=budget-sentence]");
    assert!(sentence.starts_with("EAC") || sentence.contains("spent and nothing earned"), "{sentence}");
    assert!(find(&wrapper, "[data-testid=earned-value-chart] .ev-chart__planned").is_some(), "the chart is drawn");
    assert!(find(&wrapper, "[data-testid=earned-value-no-baseline]").is_none());
}

#[wasm_bindgen_test]
async fn the_budget_downloads_its_earned_value_as_csv() {
    let (wrapper, _app) = start_app().await;
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let first = plan.tasks.iter().find(|task| !plan.has_children(task.id.as_str())).unwrap().id.clone();
    let cost = planwright::model::TaskCost { fixed: Money(250_000), ..planwright::model::TaskCost::none(first) };
    planwright::model::apply(&mut plan, planwright::model::Command::SetTaskCost(cost)).unwrap();
    choose_file(&wrapper, "costed.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Budget");
    wait_for("the button", || find(&wrapper, "[data-testid=budget-csv]").is_some()).await;
    let downloads = Downloads::catch();
    click(&wrapper, "[data-testid=budget-csv]");
    wait_for("the file", || downloads.caught.borrow().len() == 1).await;
    let stem = file::file_name(&plan).trim_end_matches(".plan.json").to_string();
    let csv = String::from_utf8(downloads.bytes(&format!("{stem}.budget.csv")).await).unwrap();
    let schedule = planwright::schedule::compute(&plan).unwrap();
    let table = planwright::report::budget_table(&plan, &schedule, None, planwright::storage::today());
    assert_eq!(csv, file::budget_csv(&table));
    assert!(csv.contains("2,500.00"), "{csv}");
}
