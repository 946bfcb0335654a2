//! Big and hostile files read in the background.

use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

/// Waits until `condition` holds, up to `seconds` (a big file is read by a worker running
/// the test build's unoptimised wasm).
async fn wait_long(what: &str, seconds: u32, condition: impl Fn() -> bool) {
    for _ in 0..seconds * 10 {
        if condition() {
            return;
        }
        sleep(100).await;
    }
    panic!("timed out after {seconds} s waiting for {what}");
}

/// Watches the page's long tasks (the browser reports each task over 50 ms); the cell
/// holds the longest seen, in milliseconds, until the observer is dropped.
struct LongTasks {
    observer: web_sys::PerformanceObserver,
    longest: std::rc::Rc<std::cell::Cell<f64>>,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::PerformanceObserverEntryList)>,
}

impl LongTasks {
    /// Starts watching from the next task on: the task running now (this test's own, which
    /// may have built a big file) is reported when it ends, and not counted.
    async fn watch() -> Self {
        let longest = std::rc::Rc::new(std::cell::Cell::new(0.0_f64));
        let seen = longest.clone();
        let callback = wasm_bindgen::closure::Closure::new(move |list: web_sys::PerformanceObserverEntryList| {
            for entry in list.get_entries() {
                let duration = entry.unchecked_into::<web_sys::PerformanceEntry>().duration();
                seen.set(seen.get().max(duration));
            }
        });
        let observer = web_sys::PerformanceObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        observer.observe(&web_sys::PerformanceObserverInit::new(&js_sys::Array::of1(&"longtask".into())));
        sleep(300).await;
        longest.set(0.0);
        Self { observer, longest, _callback: callback }
    }

    /// The longest task so far, after the browser delivers what it has.
    async fn longest(&self) -> f64 {
        sleep(200).await;
        self.longest.get()
    }
}

impl Drop for LongTasks {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The example plan open and saved; returns the stored plans before anything else happens.
async fn example_open_and_saved(root: &web_sys::HtmlElement) -> Vec<(String, Option<String>)> {
    open_example(root).await;
    wait_for("the first save", || text(root, "[data-testid=save-state]") == "Saved").await;
    stored_plans()
}

fn stored_plans() -> Vec<(String, Option<String>)> {
    stored_plan_keys().into_iter().map(|key| (key.clone(), storage().get_item(&key).unwrap())).collect()
}

#[wasm_bindgen_test]
async fn a_100000_task_file_with_a_cycle_at_its_end_is_refused_by_name_while_the_page_keeps_running() {
    let (wrapper, _app) = start_app().await;
    let stored_before = example_open_and_saved(&wrapper).await;
    let mut plan = planwright::model::generate::program_plan(100_000);
    plan.dependencies.push(planwright::model::Dependency {
        predecessor: planwright::model::TaskId("T100000".into()),
        successor: planwright::model::TaskId("T99998".into()),
        kind: planwright::model::DependencyKind::FS,
        lag: 0,
    });
    let big = text_file("cycle.plan.json", &file::to_json(&plan));
    drop(plan);

    let long_tasks = LongTasks::watch().await;
    choose_this_file(&wrapper, &big);
    wait_for("the progress", || text(&wrapper, "[data-testid=notice]").contains("Reading cycle.plan.json (40.9 MB)…"))
        .await;
    wait_long("the refusal", 240, || text(&wrapper, "[data-testid=notice]").contains("cycle.plan.json was not opened"))
        .await;
    let longest = long_tasks.longest().await;

    let notice = text(&wrapper, "[data-testid=notice]");
    assert!(notice.contains("Nothing was changed."), "{notice}");
    assert!(notice.contains("plan.dependencies: the dependencies form a cycle"), "{notice}");
    for member in ["T99998", "T99999", "T100000"] {
        assert!(notice.contains(member), "{member} is named: {notice}");
    }
    assert!(!notice.contains("T99997"), "only the tasks of the cycle: {notice}");
    // Read on the page, this file holds it for a second or more (10 s and more in this
    // unoptimised build); read in the worker, the page only waits.
    assert!(longest < 500.0, "the longest task while the file was read took {longest} ms");
    assert_eq!(task_count(&wrapper), 40, "the open plan is still shown");
    sleep(400).await;
    assert_eq!(stored_plans(), stored_before, "storage is untouched");
}

#[wasm_bindgen_test]
async fn a_valid_20000_task_file_is_read_in_the_background_and_opens() {
    let (wrapper, _app) = start_app().await;
    let plan = planwright::model::generate::program_plan(20_000);
    choose_file(&wrapper, "big.plan.json", &file::to_json(&plan));
    wait_for("the progress", || text(&wrapper, "[data-testid=notice]").contains("Reading big.plan.json (")).await;
    wait_long("the plan", 240, || find(&wrapper, "[data-testid=plan-finish]").is_some()).await;
    assert_eq!(task_count(&wrapper), 20_000);
    assert!(text(&wrapper, ".header__title").contains("Benchmark"));
    assert!(text(&wrapper, "[data-testid=notice]").contains("Opened \"Benchmark\" from big.plan.json as a new plan."));
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_some(), "the chart draws the plan");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_big_garbage_file_and_a_file_over_the_cap_are_refused_with_their_errors_and_nothing_changes() {
    let (wrapper, _app) = start_app().await;
    let stored_before = example_open_and_saved(&wrapper).await;

    // Over 1 MB, so read in the worker: the same error, with its line and column.
    let garbage = format!("{{\"format\": \"planwright\", \"version\": 1,\n{}@", " ".repeat(1_500_000));
    let expected = file::parse(&garbage).unwrap_err().problems[0].to_string();
    assert!(expected.contains("line 2, column 1500001"), "{expected}");
    choose_file(&wrapper, "garbage.plan.json", &garbage);
    wait_long("the refusal", 60, || {
        text(&wrapper, "[data-testid=notice]").contains("garbage.plan.json was not opened")
    })
    .await;
    assert_eq!(
        text(&wrapper, "[data-testid=notice] .banner__details li"),
        expected,
        "{}",
        text(&wrapper, "[data-testid=notice]")
    );

    // Compare reads its file the same way.
    click(&wrapper, "[data-testid=compare]");
    wait_for("the compare view", || find(&wrapper, "[data-testid=compare-input]").is_some()).await;
    choose_compare_file(&wrapper, "garbage.plan.json", &garbage);
    wait_long("the refusal", 60, || {
        text(&wrapper, "[data-testid=notice]").contains("garbage.plan.json was not compared. Nothing was changed.")
    })
    .await;
    assert_eq!(text(&wrapper, "[data-testid=notice] .banner__details li"), expected);
    click(&wrapper, "[data-testid=compare-close]");
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;

    // Over the cap: refused by its size, unread.
    let megabyte = wasm_bindgen::JsValue::from_str(&" ".repeat(1_048_576));
    let parts: js_sys::Array = (0..65).map(|_| megabyte.clone()).collect();
    let huge = web_sys::File::new_with_str_sequence(&parts, "huge.plan.json").unwrap();
    choose_this_file(&wrapper, &huge);
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("huge.plan.json was not opened")).await;
    assert_eq!(
        text(&wrapper, "[data-testid=notice] .banner__details li"),
        "the file is 65.0 MB; Planwright reads plan files up to 64 MB"
    );
    assert_eq!(task_count(&wrapper), 40);
    sleep(400).await;
    assert_eq!(stored_plans(), stored_before, "storage is untouched");
}
