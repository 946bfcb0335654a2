//! The portfolio view: plans of this browser chosen, seen together, one opened at a
//! milestone; the choice kept in local storage.

use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

/// Stores a plan as a person would: opened from a file, saved, then back to the start.
async fn store_plan_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    choose_file(root, name, text);
    wait_for("the task grid", || find(root, "[data-testid=task-grid]").is_some()).await;
    wait_for("the save", || text_of(root, "[data-testid=save-state]") == "Saved").await;
    click(root, ".header__brand");
    wait_for("the start screen", || find(root, "[data-testid=open-portfolio]").is_some()).await;
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector).map(|element| element.text_content().unwrap_or_default()).unwrap_or_default()
}

fn check(input: &web_sys::HtmlElement) {
    let input: web_sys::HtmlInputElement = input.clone().unchecked_into();
    input.set_checked(true);
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn chosen_plans_are_shown_together_and_one_opens_at_its_milestone() {
    let (root, _app) = start_app().await;
    let mut platform = file::parse(EXAMPLE_PLAN).unwrap();
    platform.name = "Platform upgrade".into();
    let t9 = platform.task_index("T9").unwrap();
    platform.tasks[t9].duration += 10;
    store_plan_file(&root, "program.plan.json", EXAMPLE_PLAN).await;
    store_plan_file(&root, "platform.plan.json", &file::to_json(&platform)).await;

    click(&root, "[data-testid=open-portfolio]");
    wait_for("the plan choices", || find_all(&root, "[data-portfolio-plan]").len() == 2).await;
    for choice in find_all(&root, "[data-portfolio-plan]") {
        check(&choice);
    }
    wait_for("a row per plan", || find_all(&root, "[data-testid=portfolio-row]").len() == 2).await;
    let rows: Vec<String> = find_all(&root, "[data-testid=portfolio-row]")
        .iter()
        .map(|row| row.text_content().unwrap_or_default())
        .collect();
    assert!(rows.iter().any(|row| row.contains("Payments platform migration")), "{rows:?}");
    assert!(rows.iter().any(|row| row.contains("Platform upgrade")), "{rows:?}");
    assert!(rows.iter().all(|row| row.contains("no baseline")), "{rows:?}");
    // Kept in this browser as a portfolio file naming each plan by the id it was given
    // when it joined, and that id saved with the plan.
    let kept = storage().get_item("planwright:portfolio").unwrap().unwrap_or_default();
    let kept = planwright::portfolio::file::parse(&kept).unwrap();
    assert_eq!(kept.plans.len(), 2);
    for key in stored_plan_keys() {
        let plan = file::parse(&storage().get_item(&key).unwrap().unwrap()).unwrap();
        let id = plan.id.expect("a plan that joined a portfolio has an id");
        assert!(kept.plans.iter().any(|reference| reference.id == id), "{id} is in the kept portfolio");
    }

    // The example's people are in both plans: each is proposed as one person, and the
    // confirmation is kept with the portfolio. (The overview's later sections are drawn a
    // task after another; the proposals come last.)
    wait_for("the proposals", || !find_all(&root, "[data-testid=portfolio-person-proposal]").is_empty()).await;
    let proposals = find_all(&root, "[data-testid=portfolio-person-proposal]");
    assert_eq!(proposals.len(), platform.people.len(), "one proposal per person of the example");
    proposals[0].query_selector("button").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_for("the person joined", || {
        let kept = storage().get_item("planwright:portfolio").unwrap().unwrap_or_default();
        planwright::portfolio::file::parse(&kept).is_ok_and(|file| file.people.len() == 1)
    })
    .await;
    wait_for("one proposal fewer", || {
        find_all(&root, "[data-testid=portfolio-person-proposal]").len() == platform.people.len() - 1
    })
    .await;

    // The workload by week: a row per person Responsible for work; the weeks with work
    // name their tasks and plans.
    wait_for("the workload", || find(&root, "[data-testid=portfolio-workload]").is_some()).await;
    assert!(!find_all(&root, "[data-testid=workload-row]").is_empty());
    let busy_cell = |root: &web_sys::HtmlElement| {
        find_all(root, "[data-testid=portfolio-workload] td[title]")
            .into_iter()
            .find(|cell| !cell.get_attribute("title").unwrap_or_default().is_empty())
    };
    for _ in 0..20 {
        if busy_cell(&root).is_some() {
            break;
        }
        click(&root, "[data-testid=workload-later]");
        sleep(20).await;
    }
    let cell = busy_cell(&root).expect("a week with work");
    assert!(
        cell.get_attribute("title").unwrap().contains("Platform upgrade")
            || cell.get_attribute("title").unwrap().contains("Payments platform migration")
    );

    // Both plans' milestones on one axis, by date; the later plan's launch opens it.
    let milestones = find_all(&root, "[data-testid=portfolio-milestone]");
    let plan_milestones =
        platform.tasks.iter().filter(|task| task.kind == planwright::model::TaskKind::Milestone).count();
    assert_eq!(milestones.len(), 2 * plan_milestones);
    // The shared timeline draws them too: a lane per plan, a diamond per milestone.
    let lanes = find_all(&root, "[data-testid=portfolio-lane]");
    assert_eq!(lanes.len(), 2);
    for lane in &lanes {
        assert_eq!(
            lane.query_selector_all("[data-testid=portfolio-chart-milestone]").unwrap().length() as usize,
            plan_milestones
        );
    }
    let upgrade = milestones
        .iter()
        .rev()
        .find(|row| row.text_content().unwrap_or_default().contains("Platform upgrade"))
        .expect("a milestone of the second plan");
    let name = upgrade.query_selector("button").unwrap().unwrap().text_content().unwrap();
    upgrade.query_selector("button").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_for("the plan's timeline", || find(&root, "[data-testid=task-grid]").is_some()).await;
    let open: web_sys::HtmlSelectElement = find(&root, "[data-testid=plan-switcher]").unwrap().unchecked_into();
    let chosen = open.selected_options().item(0).unwrap().text_content().unwrap();
    assert_eq!(chosen, "Platform upgrade");
    let milestone = platform.tasks.iter().find(|task| task.name == name).unwrap();
    wait_for("the milestone selected in the address", || {
        web_sys::window().unwrap().location().hash().unwrap() == format!("#/timeline/{}", milestone.id)
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_portfolio_file_that_is_not_one_is_refused_and_changes_nothing() {
    let (root, _app) = start_app().await;
    store_plan_file(&root, "program.plan.json", EXAMPLE_PLAN).await;
    click(&root, "[data-testid=open-portfolio]");
    wait_for("the plan choices", || find_all(&root, "[data-portfolio-plan]").len() == 1).await;
    check(&find(&root, "[data-portfolio-plan]").unwrap());
    wait_for("the row", || find_all(&root, "[data-testid=portfolio-row]").len() == 1).await;
    let kept = storage().get_item("planwright:portfolio").unwrap();

    // A plan file chosen by mistake as a portfolio file.
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&text_file("program.plan.json", EXAMPLE_PLAN)).unwrap();
    let input: web_sys::HtmlInputElement = find(&root, "[data-testid=import-portfolio]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    wait_for("the refusal", || find(&root, "[data-testid=portfolio-notice]").is_some()).await;
    let said = text_of(&root, "[data-testid=portfolio-notice]");
    assert!(said.starts_with("program.plan.json was not opened, and the portfolio is unchanged: "), "{said}");
    assert_eq!(storage().get_item("planwright:portfolio").unwrap(), kept, "the kept portfolio is unchanged");
    assert_eq!(find_all(&root, "[data-testid=portfolio-row]").len(), 1);
}

/// Chooses `file` in the portfolio's "Add a plan file…" input.
fn add_plan_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&text_file(name, text)).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "[data-testid=portfolio-add-file]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_plan_file_joins_the_portfolio_without_being_stored_until_kept() {
    let (root, _app) = start_app().await;
    store_plan_file(&root, "program.plan.json", EXAMPLE_PLAN).await;
    let mut platform = file::parse(EXAMPLE_PLAN).unwrap();
    platform.name = "Platform upgrade".into();
    platform.id = None;
    click(&root, "[data-testid=open-portfolio]");
    wait_for("the plan choices", || find_all(&root, "[data-portfolio-plan]").len() == 1).await;
    check(&find(&root, "[data-portfolio-plan]").unwrap());
    wait_for("the row", || find_all(&root, "[data-testid=portfolio-row]").len() == 1).await;
    let stored_before = stored_plan_keys();

    add_plan_file(&root, "platform.plan.json", &file::to_json(&platform));
    wait_for("a row for the file", || find_all(&root, "[data-testid=portfolio-row]").len() == 2).await;
    assert_eq!(stored_plan_keys(), stored_before, "an opened file is not stored");
    let listed = text_of(&root, "[data-testid=portfolio-file]");
    assert!(listed.contains("Platform upgrade (platform.plan.json, opened from its file"), "{listed}");
    // The portfolio file names it by the id it was given and its file name.
    let kept = storage().get_item("planwright:portfolio").unwrap().unwrap_or_default();
    let kept = planwright::portfolio::file::parse(&kept).unwrap();
    assert_eq!(kept.plans.len(), 2);
    assert!(kept.plans.iter().any(|reference| reference.file.as_deref() == Some("platform.plan.json")), "{kept:?}");
    // Its row is not a way to open it (it is not in this browser yet).
    let file_row = find_all(&root, "[data-testid=portfolio-row]")
        .into_iter()
        .find(|row| row.text_content().unwrap_or_default().contains("Platform upgrade"))
        .unwrap();
    assert!(file_row.query_selector("button").unwrap().is_none());
    wait_for("the lanes", || find_all(&root, "[data-testid=portfolio-lane]").len() == 2).await;
    let file_lane = find_all(&root, "[data-testid=portfolio-lane]")
        .into_iter()
        .find(|lane| lane.text_content().unwrap_or_default().contains("Platform upgrade"))
        .unwrap();
    let diamond = file_lane.query_selector("[data-testid=portfolio-chart-milestone]").unwrap().unwrap();
    assert_eq!(diamond.get_attribute("aria-disabled").as_deref(), Some("true"));

    // "Keep in this browser" stores it; it stays in the portfolio, now as a stored plan.
    click(&root, "[data-testid=portfolio-keep-file]");
    wait_for("the plan stored", || stored_plan_keys().len() == stored_before.len() + 1).await;
    wait_for("no file left", || find(&root, "[data-testid=portfolio-file]").is_none()).await;
    wait_for("two stored choices", || find_all(&root, "[data-portfolio-plan]").len() == 2).await;
    wait_for("both rows", || find_all(&root, "[data-testid=portfolio-row]").len() == 2).await;
    let kept = storage().get_item("planwright:portfolio").unwrap().unwrap_or_default();
    let kept = planwright::portfolio::file::parse(&kept).unwrap();
    assert_eq!(kept.plans.len(), 2);
    assert!(kept.plans.iter().all(|reference| reference.file.is_none()), "{kept:?}");
}

#[wasm_bindgen_test]
async fn a_plan_file_that_is_refused_joins_nothing_and_says_where() {
    let (root, _app) = start_app().await;
    store_plan_file(&root, "program.plan.json", EXAMPLE_PLAN).await;
    click(&root, "[data-testid=open-portfolio]");
    wait_for("the plan choices", || find_all(&root, "[data-portfolio-plan]").len() == 1).await;
    check(&find(&root, "[data-portfolio-plan]").unwrap());
    wait_for("the row", || find_all(&root, "[data-testid=portfolio-row]").len() == 1).await;
    let kept = storage().get_item("planwright:portfolio").unwrap();

    let broken = EXAMPLE_PLAN.replacen("\"duration\": 5", "\"duration\": \"five\"", 1);
    assert_ne!(broken, EXAMPLE_PLAN);
    add_plan_file(&root, "broken.plan.json", &broken);
    wait_for("the refusal", || find(&root, "[data-testid=portfolio-notice]").is_some()).await;
    let said = text_of(&root, "[data-testid=portfolio-notice]");
    assert!(said.starts_with("broken.plan.json was not added to the portfolio, and nothing changed: "), "{said}");
    assert!(said.contains("duration"), "the place is named: {said}");
    assert_eq!(storage().get_item("planwright:portfolio").unwrap(), kept, "the kept portfolio is unchanged");
    assert_eq!(find_all(&root, "[data-testid=portfolio-row]").len(), 1);
    assert!(find(&root, "[data-testid=portfolio-file]").is_none());
}

#[wasm_bindgen_test]
async fn the_raci_check_counts_the_other_plans_of_the_portfolio_when_asked() {
    let (root, _app) = start_app().await;
    let mut platform = file::parse(EXAMPLE_PLAN).unwrap();
    platform.name = "Platform upgrade".into();
    platform.id = Some(planwright::model::PlanId::generate());
    let mut program = file::parse(EXAMPLE_PLAN).unwrap();
    program.id = Some(planwright::model::PlanId::generate());
    program.settings.overload_threshold = 1;
    choose_file(&root, "platform.plan.json", &file::to_json(&platform));
    wait_for("the platform plan", || text_of(&root, ".header__title") == "Platform upgrade").await;
    // Both plans in the kept portfolio, one person (with tasks in the first rows of the
    // chart) linked as one.
    let linked = platform.people.iter().position(|person| person.name == "Priya Raman").unwrap();
    let person = platform.people[linked].id.clone();
    let mut portfolio = planwright::portfolio::file::PortfolioFile::default();
    for plan in [&platform, &program] {
        portfolio.plans.push(planwright::portfolio::file::PlanRef { id: plan.id.clone().unwrap(), file: None });
    }
    portfolio.people.push(planwright::portfolio::file::PersonLink {
        name: platform.people[linked].name.clone(),
        plans: [&platform, &program]
            .iter()
            .map(|plan| planwright::portfolio::file::PersonRef {
                plan: plan.id.clone().unwrap(),
                person: person.clone(),
            })
            .collect(),
    });
    storage().set_item("planwright:portfolio", &planwright::portfolio::file::to_json(&portfolio)).unwrap();
    choose_file(&root, "program.plan.json", &file::to_json(&program));
    wait_for("the program", || text_of(&root, ".header__title") == "Payments platform migration").await;

    show_view(&root, "RACI");
    wait_for("the toggle", || find(&root, "[data-testid=count-work-elsewhere]").is_some()).await;
    let overloads = |root: &web_sys::HtmlElement| {
        find_all(root, "[data-testid=raci-problems] li")
            .iter()
            .map(|item| item.text_content().unwrap_or_default())
            .filter(|line| line.contains("and in Platform upgrade:"))
            .count()
    };
    assert_eq!(overloads(&root), 0, "alone, the other plan is not counted");
    check(&find(&root, "[data-testid=count-work-elsewhere]").unwrap());
    wait_for("the overloads across plans", || overloads(&root) > 0).await;
    let said: Vec<String> = find_all(&root, "[data-testid=raci-problems] li")
        .iter()
        .map(|item| item.text_content().unwrap_or_default())
        .collect();
    let name = &platform.people[linked].name;
    assert!(
        said.iter().any(|line| line.starts_with(name.as_str()) && line.contains("and in Platform upgrade:")),
        "{said:?}"
    );

    // The timeline's overlap flags count them too, by the same choice.
    show_view(&root, "Timeline");
    wait_for("the chart", || find(&root, "[data-testid=count-work-elsewhere]").is_some()).await;
    let toggle: web_sys::HtmlInputElement = find(&root, "[data-testid=count-work-elsewhere]").unwrap().unchecked_into();
    assert!(toggle.checked(), "the choice holds on the timeline");
    let flagged_elsewhere = |root: &web_sys::HtmlElement| {
        find_all(root, "[data-overloaded]")
            .iter()
            .filter(|flag| {
                flag.get_attribute("title")
                    .is_some_and(|title| title.contains("Also Responsible in other plans at the same time:"))
            })
            .count()
    };
    wait_for("a flag naming the other plan", || flagged_elsewhere(&root) > 0).await;
    let flag = find_all(&root, "[data-overloaded]")
        .into_iter()
        .find(|flag| flag.get_attribute("title").is_some_and(|title| title.contains("in Platform upgrade")))
        .expect("a flag names a task of the other plan");
    assert!(flag.get_attribute("title").unwrap().contains("Also Responsible in other plans"));
    // (Found again: the toolbar may have been drawn anew since.)
    let toggle: web_sys::HtmlInputElement = find(&root, "[data-testid=count-work-elsewhere]").unwrap().unchecked_into();
    toggle.set_checked(false);
    toggle.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    wait_for("no flag naming the other plan", || flagged_elsewhere(&root) == 0).await;
}
