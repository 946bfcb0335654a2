//! Browser tests: the real app mounted in headless Chromium with real local
//! storage. Run by `cargo xtask test` (wasm-bindgen-test-runner + ChromeDriver).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use planwright::file;
use planwright::storage::usage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The app mounted on emptied storage; it unmounts when the returned handle drops.
async fn start_app() -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    (wrapper, Box::new(app))
}

/// The app's own stylesheets, so layout (scroll areas, row heights) is as in the app. The
/// parts' stylesheets are here from the start: unsplit, the parts are too.
const STYLES: [&str; 9] = [
    include_str!("../style/tokens.css"),
    include_str!("../style/app.css"),
    include_str!("../style/views.css"),
    include_str!("../style/timeline.css"),
    include_str!("../style/print.css"),
    include_str!("../style/part-raci.css"),
    include_str!("../style/part-risks.css"),
    include_str!("../style/part-report.css"),
    include_str!("../style/part-compare.css"),
];

/// A fresh element to mount into, with local storage emptied and the styles loaded.
fn fresh_wrapper() -> web_sys::HtmlElement {
    storage().clear().unwrap();
    let document = document();
    if document.get_element_by_id("planwright-test-styles").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("planwright-test-styles");
        style.set_text_content(Some(&STYLES.join("\n")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let wrapper = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&wrapper).unwrap();
    wrapper.unchecked_into()
}

async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `condition` holds, up to two seconds (the reactive system and the
/// save timer run asynchronously).
async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).unwrap().map(|element| element.unchecked_into())
}

fn find_all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|index| list.item(index).unwrap().unchecked_into()).collect()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    find(root, selector).unwrap_or_else(|| panic!("no element matches {selector}")).click();
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector).and_then(|element| element.text_content()).unwrap_or_default()
}

/// Sets an input's value and fires `change`, as a person typing then leaving the field does.
fn change_input(input: &web_sys::HtmlElement, value: &str) {
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    input.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
}

/// A date or number field of the task grid as a person reaches it: focused, by Tab or a
/// click, it becomes its input (it is drawn as a box showing its value until then).
fn grid_field(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let selector = format!("[data-testid=task-grid] [aria-label='{label}']");
    find(root, &selector).unwrap_or_else(|| panic!("no field {label}")).focus().unwrap();
    let field = find(root, &selector).unwrap();
    assert_eq!(field.tag_name(), "INPUT", "{label} is an input once focused");
    field
}

/// The example program shipped with the app.
const EXAMPLE_PLAN: &str = include_str!("../examples/program.plan.json");

/// Opens a file through the app's own file picker, as a person choosing it would.
fn choose_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    choose_this_file(root, &text_file(name, text));
}

fn text_file(name: &str, text: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).unwrap()
}

/// Opens `file` through the app's own file picker.
fn choose_this_file(root: &web_sys::HtmlElement, file: &web_sys::File) {
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(file).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "[data-testid=import-input]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// Opens the example program from the start screen's file picker.
async fn open_example(root: &web_sys::HtmlElement) {
    choose_file(root, "program.plan.json", EXAMPLE_PLAN);
    wait_for("the task grid", || find(root, "[data-testid=task-grid]").is_some()).await;
}

/// The number of tasks the timeline says the plan has ("40 tasks · finishes ...").
fn task_count(root: &web_sys::HtmlElement) -> usize {
    let summary = text(root, "[data-testid=plan-finish]");
    summary.split_whitespace().next().and_then(|count| count.parse().ok()).unwrap_or(0)
}

fn stored_plan_keys() -> Vec<String> {
    let storage = storage();
    (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .filter(|key| key.starts_with("planwright:plan:"))
        .collect()
}

#[wasm_bindgen_test]
fn a_stored_plan_text_reads_back_exactly_whatever_its_characters() {
    // Every character comes back as written, across the one-byte to four-byte UTF-8 lengths
    // (a guard for any faster way of copying a long stored text into wasm memory).
    let store = planwright::storage::LocalStore::open().expect("local storage");
    let text = "{\"name\": \"Planung für 2027 – 日本語 😀 \u{0} end\"}\n".repeat(2_000);
    store.save_plan("utf8-round-trip", "UTF-8", &text, 0).expect("saved");
    let read = store.load_plan_text("utf8-round-trip").expect("read");
    store.delete_plan("utf8-round-trip");
    assert_eq!(read.as_deref(), Some(text.as_str()));
    assert_eq!(store.load_plan_text("utf8-round-trip").expect("read"), None, "a missing plan reads as none");
}

#[wasm_bindgen_test]
async fn start_screen_offers_new_and_example_plans() {
    let (wrapper, _app) = start_app().await;
    assert!(find(&wrapper, "[data-testid=new-plan]").is_some());
    assert!(find(&wrapper, "[data-testid=open-example]").is_some());
    assert!(find(&wrapper, "[data-testid=task-grid]").is_none());
}

#[wasm_bindgen_test]
async fn a_chosen_plan_file_opens_as_a_new_plan_with_scheduled_tasks() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let example = file::parse(EXAMPLE_PLAN).unwrap();
    assert_eq!(task_count(&wrapper), example.tasks.len());
    let drawn = find_all(&wrapper, "[data-testid=task-row]").len();
    assert!((16..=example.tasks.len()).contains(&drawn), "{drawn} grid rows drawn");
    let bars = find_all(&wrapper, ".gantt__bar").len();
    assert!(bars >= 10 && bars == find_all(&wrapper, ".gantt__label").len(), "{bars} bars");
    // The first workstream's summary bracket starts where its first task does.
    let summary = find(&wrapper, ".gantt__bar[data-task-id=T1]").unwrap();
    let first = find(&wrapper, ".gantt__bar[data-task-id=T2]").unwrap();
    assert!(summary.class_list().contains("gantt__bar--summary"));
    assert_eq!(summary.offset_left(), first.offset_left());
    assert!(text(&wrapper, ".header__title").contains(&example.name));
    // Dates come from the scheduling engine, not from the file.
    let first = text(&wrapper, "[data-task-id=T2] .task-grid__date");
    assert_eq!(first, "2027-01-04");
}

#[wasm_bindgen_test]
async fn an_added_task_is_saved_and_comes_back_after_a_reload() {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    open_example(&wrapper).await;
    let before = task_count(&wrapper);
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == before + 1).await;
    wait_for("the save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;

    let keys = stored_plan_keys();
    assert_eq!(keys.len(), 1, "one plan is stored");
    let stored = file::parse(&storage().get_item(&keys[0]).unwrap().unwrap()).expect("the stored plan parses");
    assert_eq!(stored.tasks.len(), before + 1);
    assert_eq!(stored.tasks.last().unwrap().name, "New task");

    // "Reload": unmount, mount a fresh app on the same storage.
    drop(app);
    let _again = mount_to(wrapper.clone(), planwright::App);
    wait_for("the reopened grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    assert_eq!(task_count(&wrapper), before + 1);
}

#[wasm_bindgen_test]
async fn a_refused_edit_says_why_and_changes_nothing() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored_before = storage().get_item(&stored_plan_keys()[0]).unwrap();

    let progress = grid_field(&wrapper, "Progress of T3");
    change_input(&progress, "150");
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("progress")).await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("Not changed"));
    let field: web_sys::HtmlInputElement = progress.unchecked_into();
    assert_eq!(field.value(), "60", "the field shows the plan's value again");
    sleep(400).await;
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap(), stored_before);
}

#[wasm_bindgen_test]
async fn a_full_storage_shows_not_saved_and_keeps_the_plan_editable() {
    let wrapper = fresh_wrapper();
    // Fill local storage to the quota first.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while storage().set_item(&format!("filler:{filled}"), &chunk).is_ok() {
        filled += 1;
        assert!(filled < 200, "storage never filled");
    }
    let small = "y".repeat(1024);
    let mut extra = 0;
    while storage().set_item(&format!("filler-small:{extra}"), &small).is_ok() {
        extra += 1;
    }

    let _app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    choose_file(&wrapper, "program.plan.json", EXAMPLE_PLAN);
    wait_for("the save error", || find(&wrapper, "[data-testid=save-error]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=save-error]").contains("storage is full"));
    assert_eq!(text(&wrapper, "[data-testid=save-state]"), "Not saved");
    // The plan was never stored, yet the switcher names it as the open one.
    assert_eq!(text(&wrapper, "[data-testid=plan-switcher] option:checked"), "Payments platform migration (not saved)");

    // Still editable, and the message stays while saves keep failing.
    let before = task_count(&wrapper);
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == before + 1).await;
    sleep(500).await;
    assert!(find(&wrapper, "[data-testid=save-error]").is_some());

    // Make room: the next attempt saves and the message goes.
    for index in 0..filled {
        storage().remove_item(&format!("filler:{index}")).unwrap();
    }
    click(&wrapper, "[data-testid=save-error] button");
    wait_for("the message to go", || find(&wrapper, "[data-testid=save-error]").is_none()).await;
    assert_eq!(text(&wrapper, "[data-testid=save-state]"), "Saved");
    let stored = file::parse(&storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap()).unwrap();
    assert_eq!(stored.tasks.len(), before + 1);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn an_unreadable_stored_plan_is_kept_aside_not_replaced() {
    let unreadable = [
        ("truncated", "{\"format\": \"planwright\", \"version\": 1, \"plan\": {"),
        ("garbage", "\u{0}\u{1}PK\u{3}\u{4} not a plan at all \u{fffd}"),
        ("wrong-format", "{\"format\": \"spreadsheet\", \"version\": 1, \"plan\": {}}"),
        ("newer", "{\"format\": \"planwright\", \"version\": 99, \"plan\": {}}"),
    ];
    for (id, stored_text) in unreadable {
        let wrapper = fresh_wrapper();
        storage().set_item(&format!("planwright:plan:{id}"), stored_text).unwrap();
        storage().set_item("planwright:current", id).unwrap();
        let app = mount_to(wrapper.clone(), planwright::App);
        wait_for("the notice", || find(&wrapper, "[data-testid=notice]").is_some()).await;
        assert!(text(&wrapper, "[data-testid=notice]").contains("could not be read"), "{id}");
        assert!(find(&wrapper, "[data-testid=kept-aside]").is_some(), "{id}: offered for download");
        let storage = storage();
        let kept: Vec<String> = (0..storage.length().unwrap())
            .filter_map(|index| storage.key(index).unwrap())
            .filter(|key| key.starts_with(&format!("planwright:kept:{id}")))
            .collect();
        assert_eq!(kept.len(), 1, "{id}");
        assert_eq!(storage.get_item(&kept[0]).unwrap().unwrap(), stored_text, "{id}: kept byte for byte");
        // The start screen shows; nothing empty was written over the plan's key.
        assert!(find(&wrapper, "[data-testid=new-plan]").is_some(), "{id}");
        assert!(storage.get_item(&format!("planwright:plan:{id}")).unwrap().is_none(), "{id}");
        drop(app);
        wrapper.remove();
    }
}

#[wasm_bindgen_test]
async fn without_local_storage_the_app_runs_in_memory_and_says_so() {
    // As in some private modes and sandboxed frames: reaching local storage throws.
    let window = web_sys::window().unwrap();
    js_sys::eval(
        "window.planwrightStorageDescriptor = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { \
           throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    )
    .unwrap();
    assert!(window.local_storage().is_err(), "storage access throws now");
    let wrapper = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let wrapper: web_sys::HtmlElement = wrapper.unchecked_into();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    let warning = text(&wrapper, "[data-testid=storage-unavailable]");
    js_sys::eval("Object.defineProperty(window, 'localStorage', window.planwrightStorageDescriptor);").unwrap();
    assert!(window.local_storage().is_ok(), "storage is back for the other tests");
    assert!(warning.contains("cannot be kept in this browser"), "a clear warning: {warning}");
    assert!(warning.contains("export"), "it says how to keep the work: {warning}");
    // Planning still works, in memory.
    click(&wrapper, "[data-testid=new-plan]");
    wait_for("the plan", || find(&wrapper, ".header__nav").is_some()).await;
    let timeline = find_all(&wrapper, ".header__nav button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Timeline"))
        .unwrap();
    timeline.click();
    wait_for("the timeline", || find(&wrapper, "[data-testid=add-task]").is_some()).await;
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == 1).await;
    assert_eq!(text(&wrapper, "[data-testid=save-state]"), "Not saved: in this tab only");
    drop(app);
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn a_failed_save_leaves_the_last_good_save_intact() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let key = stored_plan_keys()[0].clone();
    let good = storage().get_item(&key).unwrap().unwrap();
    // Fill the rest of the quota, then edit.
    let chunk = "x".repeat(256 * 1024);
    let mut filled = 0;
    while storage().set_item(&format!("filler:{filled}"), &chunk).is_ok() {
        filled += 1;
        assert!(filled < 400, "storage never filled");
    }
    // Then in ever smaller pieces, so no room is left for the next save to fit in.
    for size in [4096, 256, 8] {
        let piece = "y".repeat(size);
        let mut extra = 0;
        while storage().set_item(&format!("filler-{size}:{extra}"), &piece).is_ok() {
            extra += 1;
        }
    }
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the save error", || find(&wrapper, "[data-testid=save-error]").is_some()).await;
    assert_eq!(storage().get_item(&key).unwrap().unwrap(), good, "the last good save is untouched");
    assert!(file::parse(&good).is_ok());
    // Leaving the plan would lose the edit: refused, and the plan stays.
    let switcher: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=plan-switcher]").unwrap().unchecked_into();
    switcher.set_value("planwright:new");
    switcher
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("not saved")).await;
    assert!(find(&wrapper, "[data-testid=task-grid]").is_some(), "the plan is still open");
    storage().clear().unwrap();
}

/// What Planwright's plans (files and list entries) and kept-aside texts take of local
/// storage, counted as Chromium counts its quota: UTF-16 code units of keys and values.
fn planwright_usage() -> u64 {
    let storage = storage();
    (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .filter(|key| {
            ["planwright:plan:", "planwright:meta:", "planwright:kept:"].iter().any(|prefix| key.starts_with(prefix))
        })
        .map(|key| {
            (key.encode_utf16().count() + storage.get_item(&key).unwrap().unwrap().encode_utf16().count()) as u64
        })
        .sum()
}

/// The storage line of the plan list, as the app words it for `total`.
fn usage_line(total: u64) -> String {
    format!("Planwright uses {} of local storage in this browser.", usage::describe_usage(total))
}

#[wasm_bindgen_test]
async fn a_plan_is_stored_compact_and_reads_back_as_it_was() {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    open_example(&wrapper).await;
    wait_for("the save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let key = stored_plan_keys()[0].clone();
    let stored = storage().get_item(&key).unwrap().unwrap();
    let example = file::parse(EXAMPLE_PLAN).unwrap();
    assert_eq!(stored, file::to_json_compact(&example), "the compact form of the file");
    assert!(
        stored.len() * 10 < EXAMPLE_PLAN.len() * 7,
        "{} bytes stored, {} exported",
        stored.len(),
        EXAMPLE_PLAN.len()
    );
    assert_eq!(file::parse(&stored).unwrap(), example);
    let meta: planwright::storage::PlanMeta =
        serde_json::from_str(&storage().get_item(&key.replace(":plan:", ":meta:")).unwrap().unwrap()).unwrap();
    assert_eq!(meta.stored_size, Some((key.len() + stored.len()) as u64), "its size is recorded");

    drop(app);
    let _again = mount_to(wrapper.clone(), planwright::App);
    wait_for("the reopened grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    assert_eq!(task_count(&wrapper), example.tasks.len());
}

#[wasm_bindgen_test]
async fn a_plan_stored_pretty_by_an_older_version_opens_and_its_next_save_is_compact() {
    let wrapper = fresh_wrapper();
    // As earlier versions stored it: the exported form, and a list entry with no size.
    let old_key = "planwright:plan:older";
    storage().set_item(old_key, EXAMPLE_PLAN).unwrap();
    let old_entry =
        r#"{"id":"older","name":"Payments platform migration","saved":"2026-11-02T09:30:00.000Z","revision":3}"#;
    storage().set_item("planwright:meta:older", old_entry).unwrap();
    let _app = mount_to(wrapper.clone(), planwright::App);
    wait_for("the plan list", || find(&wrapper, "[data-testid=storage-usage]").is_some()).await;
    // Listed with its size measured from its text.
    let old_usage = planwright_usage();
    assert_eq!(text(&wrapper, "[data-testid=plan-row] .plan-list__size"), usage::describe_size(old_usage));
    assert_eq!(text(&wrapper, "[data-testid=storage-usage]"), usage_line(old_usage));

    click(&wrapper, "[data-testid=plan-row] .link-button");
    wait_for("the plan", || find(&wrapper, "[data-testid=plan-finish]").is_some()).await;
    let before = task_count(&wrapper);
    assert_eq!(before, file::parse(EXAMPLE_PLAN).unwrap().tasks.len());
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == before + 1).await;
    wait_for("the save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored = storage().get_item(old_key).unwrap().unwrap();
    let plan = file::parse(&stored).unwrap();
    assert_eq!(plan.tasks.len(), before + 1);
    assert_eq!(stored, file::to_json_compact(&plan), "saved compact");
    let meta: planwright::storage::PlanMeta =
        serde_json::from_str(&storage().get_item("planwright:meta:older").unwrap().unwrap()).unwrap();
    assert_eq!((meta.revision, meta.stored_size), (4, Some((old_key.len() + stored.len()) as u64)));

    click(&wrapper, ".header__brand");
    wait_for("the plan list", || find(&wrapper, "[data-testid=storage-usage]").is_some()).await;
    let new_usage = planwright_usage();
    assert!(new_usage * 10 < old_usage * 7, "{old_usage} before, {new_usage} after");
    assert_eq!(text(&wrapper, "[data-testid=storage-usage]"), usage_line(new_usage));
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_plan_list_shows_what_each_plan_and_all_of_them_take_of_local_storage() {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    open_example(&wrapper).await;
    wait_for("the save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    click(&wrapper, ".header__brand");
    wait_for("the plan list", || find(&wrapper, "[data-testid=storage-usage]").is_some()).await;
    let example_usage = planwright_usage();
    assert!((26_000..28_000).contains(&example_usage), "the compact example and its entry: {example_usage}");
    assert_eq!(text(&wrapper, "[data-testid=plan-row] .plan-list__size"), usage::describe_size(example_usage));
    let line = text(&wrapper, "[data-testid=storage-usage]");
    assert_eq!(line, usage_line(example_usage));
    assert!(line.starts_with("Planwright uses 26 KB of about 5 MB"), "{line}");
    let meter = find(&wrapper, "[data-testid=storage-usage] meter").unwrap();
    assert_eq!(meter.get_attribute("value"), Some(example_usage.to_string()));
    assert_eq!(meter.get_attribute("max"), Some("5242880".into()));
    drop(app);

    // A big text kept aside counts too; near the quota the list says how to make room.
    storage().set_item("planwright:kept:big-1", &"x".repeat(4_300_000)).unwrap();
    let _again = mount_to(wrapper.clone(), planwright::App);
    wait_for("the plan list", || find(&wrapper, "[data-testid=storage-usage]").is_some()).await;
    let line = text(&wrapper, "[data-testid=storage-usage]");
    assert!(line.starts_with(&usage_line(planwright_usage())), "{line}");
    assert!(line.contains("4.1 MB of about 5 MB"), "{line}");
    assert!(line.ends_with("Export and delete plans you no longer need to make room."), "{line}");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_20000_task_plan_too_big_to_store_pretty_is_stored_compact() {
    storage().clear().unwrap();
    let store = planwright::storage::LocalStore::open().expect("local storage");
    let plan = planwright::model::generate::program_plan(20_000);
    let pretty = store.save_plan("big", &plan.name, &file::to_json(&plan), 0);
    assert_eq!(pretty, Err(planwright::storage::StorageError::QuotaExceeded), "8.5 MB pretty: over the quota");
    let compact = store.save_plan("big", &plan.name, &file::to_json_compact(&plan), 0);
    storage().clear().unwrap();
    assert!(compact.is_ok(), "4.9 MB compact fits: {compact:?}");
}

/// Opens local storage with the page's storage changed by `script` (JavaScript) as a
/// browser that refuses it would have it, then puts storage back as it was.
fn open_store_where(script: &str) -> Result<planwright::storage::LocalStore, planwright::storage::StorageError> {
    js_sys::eval(
        "window.planwrightSaved = { descriptor: Object.getOwnPropertyDescriptor(window, 'localStorage'), \
           getItem: Storage.prototype.getItem, setItem: Storage.prototype.setItem };",
    )
    .unwrap();
    js_sys::eval(script).unwrap();
    let store = planwright::storage::LocalStore::open();
    restore_storage();
    store
}

fn restore_storage() {
    js_sys::eval(
        "Object.defineProperty(window, 'localStorage', planwrightSaved.descriptor); \
         Storage.prototype.getItem = planwrightSaved.getItem; Storage.prototype.setItem = planwrightSaved.setItem;",
    )
    .unwrap();
}

#[wasm_bindgen_test]
fn storage_that_is_missing_or_refuses_reads_or_writes_is_found_unusable_before_first_use() {
    use planwright::storage::StorageError::Unavailable;
    storage().clear().unwrap();
    let cases = [
        (
            "Object.defineProperty(window, 'localStorage', { configurable: true, get() { return null; } });",
            "the browser offers none",
        ),
        (
            "Storage.prototype.getItem = function () { throw new DOMException('Component returned failure code', 'NS_ERROR_FILE_CORRUPTED'); };",
            "NS_ERROR_FILE_CORRUPTED: Component returned failure code",
        ),
        (
            "Storage.prototype.setItem = function () { throw new DOMException('Access is denied for this document.', 'SecurityError'); };",
            "SecurityError: Access is denied for this document.",
        ),
        (
            "Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
            "it has no room at all, as in some private windows",
        ),
    ];
    for (script, why) in cases {
        assert_eq!(open_store_where(script).err(), Some(Unavailable(why.into())), "{script}");
    }
    assert!(storage().length().unwrap() == 0, "the probe left nothing behind");
    // Full, but usable: stored plans can still be read.
    storage().set_item("planwright:current", "a").unwrap();
    let full = "Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };";
    assert!(open_store_where(full).is_ok());
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn storage_that_refuses_writes_runs_the_app_in_memory_and_says_why() {
    let wrapper = fresh_wrapper();
    js_sys::eval(
        "window.planwrightSaved = { descriptor: Object.getOwnPropertyDescriptor(window, 'localStorage'), \
           getItem: Storage.prototype.getItem, setItem: Storage.prototype.setItem }; \
         Storage.prototype.setItem = function () { throw new DOMException('Access is denied for this document.', 'SecurityError'); };",
    )
    .unwrap();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    restore_storage();
    let warning = text(&wrapper, "[data-testid=storage-unavailable]");
    assert!(warning.contains("cannot be kept in this browser"), "{warning}");
    assert!(warning.contains("SecurityError: Access is denied for this document."), "{warning}");
    click(&wrapper, "[data-testid=new-plan]");
    wait_for("the plan", || find(&wrapper, ".header__nav").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=save-state]"), "Not saved: in this tab only");
    assert_eq!(storage().length().unwrap(), 0, "nothing was written");
    drop(app);
    wrapper.remove();
}

#[wasm_bindgen_test]
fn a_full_quota_is_recognised_in_each_browser_s_words_for_the_file_and_its_list_entry() {
    use planwright::storage::StorageError;
    storage().clear().unwrap();
    let store = planwright::storage::LocalStore::open().expect("local storage");
    // The plan's file is written through web-sys, its list entry through gloo-storage:
    // both read the exception the same way.
    for prefix in ["planwright:plan:", "planwright:meta:"] {
        for (name, expected) in [
            ("QuotaExceededError", StorageError::QuotaExceeded),
            ("NS_ERROR_DOM_QUOTA_REACHED", StorageError::QuotaExceeded),
            ("QUOTA_EXCEEDED_ERR", StorageError::QuotaExceeded),
            ("InvalidStateError", StorageError::Failed("InvalidStateError: refused".into())),
        ] {
            js_sys::eval(&format!(
                "window.planwrightSaved = {{ setItem: Storage.prototype.setItem }}; \
                 Storage.prototype.setItem = function (key, value) {{ \
                   if (key.startsWith('{prefix}')) throw new DOMException('refused', '{name}'); \
                   return planwrightSaved.setItem.call(this, key, value); }};"
            ))
            .unwrap();
            let result = store.save_plan("quota", "Quota", "{}", 0);
            js_sys::eval("Storage.prototype.setItem = planwrightSaved.setItem;").unwrap();
            assert_eq!(result, Err(expected), "{name} writing {prefix}");
        }
    }
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn undo_takes_back_an_import_and_reopens_the_plan_before() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let mut other =
        planwright::model::Plan::new("Vendor onboarding", chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    other.tasks.push(planwright::model::Task::new(planwright::model::TaskId("T1".into()), "Sign contract"));
    choose_file(&wrapper, "vendor.plan.json", &file::to_json(&other));
    wait_for("the imported plan", || task_count(&wrapper) == 1).await;
    wait_for("its save", || stored_plan_keys().len() == 2).await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("takes the import back"));

    click(&wrapper, "[data-testid=undo]");
    wait_for("the example to come back", || task_count(&wrapper) == 40).await;
    assert_eq!(stored_plan_keys().len(), 1, "the imported plan is gone from storage");
    assert!(text(&wrapper, "[data-testid=notice]").contains("Import undone"));
}

#[wasm_bindgen_test]
async fn html_and_script_in_a_plan_show_as_text() {
    let (wrapper, _app) = start_app().await;
    let hostile = "<img src=x onerror=\"window.planwrightInjected=1\"><script>window.planwrightInjected=2</script>";
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    plan.name = format!("Plan {hostile}");
    plan.tasks[1].name = format!("Task {hostile}");
    plan.people[0].name = format!("Person {hostile}");
    plan.risks[0].title = format!("Risk {hostile}");
    choose_file(&wrapper, "hostile.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    for view in ["Timeline", "RACI", "Risks", "Plan"] {
        let button = find_all(&wrapper, ".header__nav button")
            .into_iter()
            .find(|button| button.text_content().as_deref() == Some(view))
            .unwrap();
        button.click();
        sleep(50).await;
        assert!(
            find(&wrapper, "main img, main script, header img, header script").is_none(),
            "{view}: no element made"
        );
    }
    let injected = js_sys::Reflect::get(&web_sys::window().unwrap(), &"planwrightInjected".into()).unwrap();
    assert!(injected.is_undefined(), "no script ran");
    // The text is there, as text.
    assert!(wrapper.text_content().unwrap_or_default().contains("Plan <img src=x"));
}

#[wasm_bindgen_test]
async fn undo_brings_back_a_deleted_task() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let before = task_count(&wrapper);
    click(&wrapper, "[aria-label='Delete T15']");
    wait_for("the workstream to go", || find(&wrapper, "[data-testid=task-row][data-task-id=T15]").is_none()).await;
    assert!(task_count(&wrapper) < before - 1, "its subtasks went with it");
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    // The chart follows: no bar, label or link of the deleted workstream is left, and the
    // links it drew keep their other ends' rows.
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T15]").is_none());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T16]").is_none(), "nor of its subtasks");
    assert!(find(&wrapper, "[data-link-to=T16]").is_none());
    assert_eq!(find_all(&wrapper, ".gantt__label").len(), find_all(&wrapper, ".gantt__bar").len());
    undo.click();
    wait_for("the workstream to return", || task_count(&wrapper) == before).await;
    wait_for("its bars to return", || find(&wrapper, ".gantt__bar[data-task-id=T16]").is_some()).await;
    assert!(find(&wrapper, "[data-link-from=T4][data-link-to=T16]").is_some(), "and its links");
    assert_eq!(find_all(&wrapper, ".gantt__label").len(), find_all(&wrapper, ".gantt__bar").len());
}

#[wasm_bindgen_test]
async fn an_edit_moves_the_later_bars_and_links_in_place() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the chart", || find(&wrapper, ".gantt__bar[data-task-id=T3]").is_some()).await;
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    let label = find_all(&wrapper, ".gantt__label")
        .into_iter()
        .find(|label| label.text_content().unwrap_or_default().contains("Target architecture and API contracts"))
        .unwrap();
    let link = find(&wrapper, "[data-link-from=T2][data-link-to=T3] .gantt__link-hit").unwrap();
    let (style, path) = (bar.get_attribute("style").unwrap(), link.get_attribute("d").unwrap());

    // T3 follows T2 (finish to start): two more days of T2 move T3 and the link between them.
    change_input(&grid_field(&wrapper, "Duration of T2"), "10");
    wait_for("T3 to move", || bar.get_attribute("style").unwrap() != style).await;
    assert!(bar.is_connected(), "the bar is the same element, moved");
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap().is_same_node(Some(&bar)));
    assert!(label.is_connected(), "the labels stay");
    assert!(link.is_connected(), "the link is the same element");
    assert_ne!(link.get_attribute("d").unwrap(), path, "with its new path");
    assert_eq!(find_all(&wrapper, ".gantt__bar[data-task-id=T3]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_dependencies_card_comes_when_scrolled_near_and_edits_links() {
    let (wrapper, _app) = start_app().await;
    let window = web_sys::window().unwrap();
    window.scroll_to_with_x_and_y(0.0, 0.0);
    open_example(&wrapper).await;
    // Below the chart and the grid, out of view: not drawn (in the release build, its part
    // not even fetched) while the page stays scrolled to the top.
    let anchor = find(&wrapper, "[data-testid=links-anchor]").unwrap();
    let viewport = window.inner_height().unwrap().as_f64().unwrap();
    assert!(anchor.get_bounding_client_rect().top() > viewport + 320.0, "the card's place is out of view");
    sleep(300).await;
    assert!(find(&wrapper, "[data-testid=add-link]").is_none(), "no card while out of view");
    anchor.scroll_into_view();
    wait_for("the dependencies card", || find(&wrapper, "[data-testid=add-link]").is_some()).await;
    let link_rows = || find_all(&wrapper, ".links tbody tr:not(.table__new-row)").len();
    assert_eq!(link_rows(), 50, "the example's 50 links");

    // Typed as a person would (the fields read `input`); ids are matched without case.
    for (selector, value) in [("[data-testid=link-from]", "t3"), ("[data-testid=link-to]", "T4")] {
        let input = find(&wrapper, selector).unwrap();
        input.unchecked_ref::<web_sys::HtmlInputElement>().set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    }
    click(&wrapper, "[data-testid=add-link]");
    wait_for("the new link in the chart", || find(&wrapper, "[data-link-from=T3][data-link-to=T4]").is_some()).await;
    assert_eq!(link_rows(), 51);
    let predecessors = || text(&wrapper, "[data-testid=task-row][data-task-id=T4] .task-grid__predecessors");
    assert_eq!(predecessors(), "T2SS+3, T3");

    // The new link is the card's last row; its type changes there.
    let select: web_sys::HtmlSelectElement =
        find_all(&wrapper, ".links select[aria-label='Link type']").pop().unwrap().unchecked_into();
    select.set_value("SS");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    wait_for("the link's new type in the grid", || predecessors() == "T2SS+3, T3SS").await;
}

#[wasm_bindgen_test]
async fn the_grid_s_row_actions_stay_at_its_visible_right_edge() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let grid = find(&wrapper, ".grid-scroll").unwrap();
    // Narrow enough that the grid scrolls sideways.
    grid.style().set_property("width", "700px").unwrap();
    let actions = || find(&wrapper, "[data-testid=task-row][data-task-id=T3] td.table__actions").unwrap();
    let gap = || grid.get_bounding_client_rect().right() - actions().get_bounding_client_rect().right();
    let edge_kept = || {
        // The grid's right edge, less its vertical scroll bar: within a few pixels.
        let scrollbar = f64::from(grid.offset_width() - grid.client_width());
        (gap() - scrollbar).abs() < 4.0
    };
    assert!(grid.scroll_width() > grid.client_width() + 100, "the grid is wider than its box");
    // The grid measures the shift in the next animation frame; a resize asks again.
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("resize").unwrap()).unwrap();
    wait_for("the actions at the right edge", edge_kept).await;

    grid.set_scroll_left(120);
    grid.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("the actions still at the right edge after scrolling", edge_kept).await;
    assert!(actions().get_attribute("style").unwrap_or_default().contains("translateX"), "a shift of its own");
}

/// The `top` of an element's inline style, in pixels.
fn style_top(element: &web_sys::HtmlElement) -> i64 {
    let style = element.get_attribute("style").unwrap_or_default();
    let top = style.split(';').find_map(|part| part.strip_prefix("top:")).unwrap_or_default();
    top.trim_end_matches("px").parse().unwrap_or(-1)
}

#[wasm_bindgen_test]
async fn a_label_click_selects_its_task_and_scrolling_draws_the_rows_in_view() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "large.plan.json", &large_plan(400));
    wait_for("the plan", || task_count(&wrapper) == 400).await;
    wait_for("the chart", || find(&wrapper, ".gantt__bar[data-task-id=T3]").is_some()).await;

    // A click on a label selects its task: its bar and label are marked.
    click(&wrapper, ".gantt__label[data-label-of=T3] .gantt__name");
    wait_for("the selection", || find(&wrapper, ".gantt__bar--selected[data-task-id=T3]").is_some()).await;
    assert!(find(&wrapper, ".gantt__label--selected[data-label-of=T3]").is_some());
    assert!(text(&wrapper, "[data-testid=chart-status]").starts_with("T3 Task 3:"));
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();

    // Scrolled down 200 rows: the rows that left the view lose their bars and labels, those
    // that came in get them, one label for each bar, in the rows' order.
    let chart = find(&wrapper, "[data-testid=gantt]").unwrap();
    chart.set_scroll_top(200 * 32);
    chart.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("row 200's bar", || find(&wrapper, ".gantt__bar[data-task-id=T200]").is_some()).await;
    assert!(!bar.is_connected(), "T3's bar is removed");
    assert!(find(&wrapper, "[data-label-of=T3]").is_none(), "and its label");
    let tops = |selector: &str| find_all(&wrapper, selector).iter().map(style_top).collect::<Vec<_>>();
    let bar_tops = tops(".gantt__bar");
    assert_eq!(bar_tops, tops(".gantt__label"), "a label for every bar, at its height");
    assert!(bar_tops.windows(2).all(|pair| pair[0] < pair[1]), "in row order: {bar_tops:?}");
    assert!(bar_tops.contains(&(199 * 32)));

    // Back at the top, T3 has a bar again, still selected.
    chart.set_scroll_top(0);
    chart.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("T3's bar again", || find(&wrapper, ".gantt__bar--selected[data-task-id=T3]").is_some()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T200]").is_none());
    let bar_tops = tops(".gantt__bar");
    assert_eq!(bar_tops, tops(".gantt__label"));
    assert!(bar_tops.windows(2).all(|pair| pair[0] < pair[1]), "in row order: {bar_tops:?}");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_file_from_a_newer_version_is_refused_and_nothing_changes() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored_before = storage().get_item(&stored_plan_keys()[0]).unwrap();
    let rows_before = task_count(&wrapper);

    choose_file(&wrapper, "future.plan.json", r#"{"format": "planwright", "version": 99, "plan": {}}"#);
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("future.plan.json was not opened"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("newer version of Planwright"));
    assert_eq!(task_count(&wrapper), rows_before);
    assert_eq!(stored_plan_keys().len(), 1, "no plan was added");
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap(), stored_before);
}

/// A plan of `count` tasks in workstreams of 20, each task after the one before.
fn large_plan(count: usize) -> String {
    let mut plan = planwright::model::Plan::new("Large program", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
    for index in 1..=count {
        let mut task =
            planwright::model::Task::new(planwright::model::TaskId(format!("T{index}")), format!("Task {index}"));
        if index % 20 != 1 {
            task.parent = Some(planwright::model::TaskId(format!("T{}", index - (index - 1) % 20)));
            if index % 20 != 2 {
                plan.dependencies.push(planwright::model::Dependency {
                    predecessor: planwright::model::TaskId(format!("T{}", index - 1)),
                    successor: task.id.clone(),
                    kind: planwright::model::DependencyKind::FS,
                    lag: 0,
                });
            }
        }
        task.duration = (index % 7) as u32 + 1;
        plan.tasks.push(task);
    }
    file::to_json(&plan)
}

/// DOM nodes of the timeline (chart and grid) and of the whole app.
fn node_counts(root: &web_sys::HtmlElement) -> (u32, u32) {
    let timeline = ["[data-testid=gantt]", "[data-testid=task-grid]"]
        .iter()
        .map(|selector| find(root, selector).unwrap().query_selector_all("*").unwrap().length())
        .sum();
    (timeline, root.query_selector_all("*").unwrap().length())
}

#[wasm_bindgen_test]
async fn the_timeline_holds_as_many_nodes_at_10000_tasks_as_at_100() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "small.plan.json", &large_plan(100));
    wait_for("the small plan", || task_count(&wrapper) == 100).await;
    let (small_timeline, small_page) = node_counts(&wrapper);
    let small_bars = find_all(&wrapper, ".gantt__bar").len();

    choose_file(&wrapper, "large.plan.json", &large_plan(10_000));
    wait_for("the large plan", || task_count(&wrapper) == 10_000).await;
    let (large_timeline, large_page) = node_counts(&wrapper);
    let large_bars = find_all(&wrapper, ".gantt__bar").len();
    let large_rows = find_all(&wrapper, "[data-testid=task-row]").len();

    assert_eq!(large_bars, small_bars, "bars drawn: {small_bars} at 100 tasks, {large_bars} at 10,000");
    assert!(large_rows < 60, "{large_rows} grid rows drawn at 10,000 tasks");
    assert!(
        (large_timeline as f64) <= small_timeline as f64 * 1.2,
        "timeline DOM nodes: {small_timeline} at 100 tasks, {large_timeline} at 10,000"
    );
    assert!(large_page < 5_000, "page DOM nodes: {small_page} at 100 tasks, {large_page} at 10,000");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_collapsed_workstream_hides_its_subtasks_in_grid_and_chart() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert!(find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_some());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_some());

    click(&wrapper, "[aria-label='Hide the subtasks of T1']");
    wait_for("the subtasks to hide", || find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_none()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_none());
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T1]").is_some(), "the summary stays");
    assert_eq!(task_count(&wrapper), 40, "hiding is a view, not an edit");

    click(&wrapper, "[aria-label='Show the subtasks of T1']");
    wait_for("the subtasks to return", || find(&wrapper, "[data-testid=task-row][data-task-id=T2]").is_some()).await;
    assert!(find(&wrapper, ".gantt__bar[data-task-id=T2]").is_some());
}

#[wasm_bindgen_test]
async fn an_edit_in_the_grid_keeps_the_field_in_place_and_focused() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let duration = grid_field(&wrapper, "Duration of T3");
    let finish = || text(&wrapper, "[data-testid=task-row][data-task-id=T3] td:nth-child(6)");
    assert_eq!(finish(), "2027-01-28");
    change_input(&duration, "12");
    // Two more working days: Friday 29 January, Monday 1 February.
    wait_for("the new finish", || finish() == "2027-02-01").await;
    let after = find(&wrapper, "[aria-label='Duration of T3']").unwrap();
    assert!(after.is_same_node(Some(&duration)), "the same input element is kept");
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&duration))));
}

#[wasm_bindgen_test]
async fn a_grid_date_field_becomes_a_date_input_when_used_and_commits_when_left() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert!(
        find(&wrapper, ".task-grid input[type=date], .task-grid input[type=number]").is_none(),
        "no date or number input is drawn before one is used"
    );
    assert_eq!(text(&wrapper, "[aria-label='Duration of T3']"), "10", "a number field shows its value");
    let button = find(&wrapper, "[aria-label='Deadline of T3']").unwrap();
    assert_eq!((button.tag_name().as_str(), button.tab_index()), ("SPAN", 0), "a box Tab reaches");
    assert_eq!(button.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(button.text_content().as_deref(), Some(""), "T3 has no deadline");
    let missed = || find(&wrapper, "[data-task-id=T3] td.task-grid__missed").is_some();
    assert!(!missed());

    // Focused (by Tab, or by a click), it becomes the date input, with the cursor in it.
    button.focus().unwrap();
    let input: web_sys::HtmlInputElement = find(&wrapper, "[aria-label='Deadline of T3']").unwrap().unchecked_into();
    assert_eq!(input.type_(), "date");
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&input))));
    assert!(button.parent_element().is_none(), "the button made way for it");

    // Leaving the field commits it: T3 finishes on 28 January, after this deadline.
    input.set_value("2027-01-15");
    input.blur().unwrap();
    wait_for("the missed deadline", missed).await;
    let cell = find(&wrapper, "[data-task-id=T3] td.task-grid__missed").unwrap();
    assert_eq!(cell.get_attribute("title").as_deref(), Some("The schedule finishes after this deadline"));
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    assert!(bar.class_list().contains("gantt__bar--late"), "the chart shows it too");

    // Undo takes the deadline back; the field stays a date input and shows the plan's value.
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    undo.click();
    wait_for("the deadline to go", || !missed()).await;
    assert_eq!(input.value(), "");
    // The other rows' fields are still boxes; a click makes one an input, too.
    assert_eq!(find(&wrapper, "[aria-label='Deadline of T4']").unwrap().tag_name(), "SPAN");
    click(&wrapper, "[aria-label='Progress of T4']");
    let progress = find(&wrapper, "[aria-label='Progress of T4']").unwrap();
    assert_eq!(progress.get_attribute("type").as_deref(), Some("number"));
    assert_eq!(
        (progress.get_attribute("min").as_deref(), progress.get_attribute("max").as_deref()),
        (Some("0"), Some("100"))
    );
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&progress))));
}

#[wasm_bindgen_test]
async fn a_row_moved_by_its_own_button_keeps_the_focus_on_it() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let position = |id: &str| {
        find_all(&wrapper, "[data-testid=task-row]")
            .iter()
            .position(|row| row.get_attribute("data-task-id").as_deref() == Some(id))
            .unwrap()
    };
    assert!(position("T3") < position("T4"));
    let up = find(&wrapper, "[aria-label='Move T4 up']").unwrap();
    up.focus().unwrap();
    up.click();
    wait_for("T4 above T3", || position("T4") < position("T3")).await;
    assert!(
        document().active_element().is_some_and(|active| active.is_same_node(Some(&up))),
        "the button keeps the focus"
    );
    // So a second press (Enter or Space on the focused button) moves it again.
    up.click();
    wait_for("T4 above T2", || position("T4") < position("T2")).await;
    assert!(document().active_element().is_some_and(|active| active.is_same_node(Some(&up))));
}

#[wasm_bindgen_test]
async fn a_baseline_shows_under_the_bars_and_slippage_in_the_grid() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    assert!(find(&wrapper, ".gantt__baseline").is_none(), "the example has no baseline");
    let variance = || text(&wrapper, "[data-testid=task-row][data-task-id=T3] .task-grid__variance");
    assert_eq!(variance(), "");

    click(&wrapper, "[data-testid=set-baseline]");
    wait_for("the baseline bars", || find(&wrapper, ".gantt__baseline[data-baseline-of=T3]").is_some()).await;
    assert_eq!(variance(), "0");

    change_input(&grid_field(&wrapper, "Duration of T3"), "12");
    wait_for("the variance", || variance() == "+2").await;
    let bar = find(&wrapper, ".gantt__bar[data-task-id=T3]").unwrap();
    let baseline = find(&wrapper, ".gantt__baseline[data-baseline-of=T3]").unwrap();
    assert!(bar.offset_width() > baseline.offset_width(), "the bar grew past its baseline");

    // Setting a baseline is an edit like any other: undo takes it away (after the duration).
    let undo = find_all(&wrapper, ".header__actions button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Undo"))
        .unwrap();
    undo.click();
    undo.click();
    wait_for("the baseline to go", || find(&wrapper, ".gantt__baseline").is_none()).await;
    assert_eq!(variance(), "");
}

/// Shows a view by its header button.
fn show_view(root: &web_sys::HtmlElement, view: &str) {
    find_all(root, ".header__nav button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some(view))
        .unwrap_or_else(|| panic!("no {view} button"))
        .click();
}

fn raci_cell(root: &web_sys::HtmlElement, row: usize, column: usize) -> web_sys::HtmlElement {
    find(root, &format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']"))
        .unwrap_or_else(|| panic!("no RACI cell {row},{column}"))
}

fn press_key(target: &web_sys::HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

/// The role stored for a task and a person, read from local storage.
fn stored_role(task: &str, person: &str) -> Option<String> {
    let plan = file::parse(&storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap()).unwrap();
    plan.raci
        .iter()
        .find(|cell| cell.task.as_str() == task && cell.person.as_str() == person)
        .map(|cell| cell.role.label().to_string())
}

#[wasm_bindgen_test]
async fn the_raci_matrix_cycles_on_click_takes_keys_fills_ranges_and_rechecks() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "RACI");
    wait_for("the matrix", || find(&wrapper, "[data-testid=raci-matrix] [data-r='1'][data-c='0']").is_some()).await;
    // Row 1 is T2; find the column of Maya Okafor (P1) by its heading.
    let headings: Vec<String> = find_all(&wrapper, ".raci__person .raci__person-name")
        .iter()
        .map(|heading| heading.text_content().unwrap_or_default())
        .collect();
    let maya = headings.iter().position(|name| name == "Maya Okafor").expect("P1's column");
    let errors_before = text(&wrapper, "[data-testid=raci-counts]");

    // A click steps through the roles: the cell of T2 and P1 holds I; next is empty.
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "I");
    raci_cell(&wrapper, 1, maya).click();
    wait_for("the cell to clear", || raci_cell(&wrapper, 1, maya).text_content().unwrap().is_empty()).await;
    raci_cell(&wrapper, 1, maya).click();
    wait_for("R", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "R").await;
    wait_for("the save", || stored_role("T2", "P1").as_deref() == Some("R")).await;

    // Keys set the focused cell: A makes it Accountable; Delete clears it.
    press_key(&raci_cell(&wrapper, 1, maya), "a", false);
    wait_for("A", || raci_cell(&wrapper, 1, maya).text_content().unwrap() == "A").await;
    // The row is drawn anew, and the keyboard focus stays on the cell for the next key.
    let focused = || {
        document()
            .active_element()
            .and_then(|element| element.get_attribute("data-r").zip(element.get_attribute("data-c")))
    };
    wait_for("the focus back on the cell", || focused() == Some(("1".to_string(), maya.to_string()))).await;
    let active: web_sys::HtmlElement = document().active_element().unwrap().unchecked_into();
    press_key(&active, "Delete", false);
    wait_for("cleared", || raci_cell(&wrapper, 1, maya).text_content().unwrap().is_empty()).await;

    // Shift+arrows select T2..T3 by three people (Maya, Jonas, then Daniel, who is
    // Accountable for both); one key fills all six, as one undo step.
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowDown", true);
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowRight", true);
    press_key(&raci_cell(&wrapper, 1, maya), "ArrowRight", true);
    wait_for("a range of six", || find_all(&wrapper, ".raci__cell--selected").len() == 6).await;
    assert_eq!(headings[maya + 2], "Daniel Reyes");
    press_key(&raci_cell(&wrapper, 2, maya + 2), "i", false);
    wait_for("the range filled", || {
        (1..=2)
            .all(|row| (maya..=maya + 2).all(|column| raci_cell(&wrapper, row, column).text_content().unwrap() == "I"))
    })
    .await;
    // The checks follow the cells: T2 has no A now, so the panel lists it.
    wait_for("the problem listed", || {
        text(&wrapper, "[data-testid=raci-problems]")
            .contains("T2 \"Inventory legacy payment flows\" has no Accountable")
    })
    .await;
    assert_ne!(text(&wrapper, "[data-testid=raci-counts]"), errors_before);
    click(&wrapper, "[data-testid=undo]");
    wait_for("the fill undone", || raci_cell(&wrapper, 2, maya + 2).text_content().unwrap() == "A").await;
    assert_eq!(raci_cell(&wrapper, 1, maya).text_content().unwrap(), "", "one undo takes back the whole fill");

    // Summary rows show their subtasks' roles, greyed, and refuse edits.
    let summary = raci_cell(&wrapper, 0, maya);
    assert!(summary.class_name().contains("raci__cell--summary"));
    let shown = summary.text_content().unwrap();
    summary.click();
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("summary rows")).await;
    assert_eq!(raci_cell(&wrapper, 0, maya).text_content().unwrap(), shown);
}

#[wasm_bindgen_test]
async fn the_raci_problems_link_to_their_cells_and_the_filter_shows_problem_rows() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    show_view(&wrapper, "RACI");
    wait_for("the problems", || find(&wrapper, "[data-testid=raci-problems] button").is_some()).await;
    // Priya Raman is Responsible for four tasks at once (threshold 3): her cells on them are marked.
    assert!(
        find(&wrapper, "[data-testid=raci-matrix] tr[data-task-id=T9] .raci__cell--flagged").is_some(),
        "the overloaded person's cell on T9 is marked"
    );
    // T19 has no Accountable person in the example: its entry focuses its row.
    let entry = find_all(&wrapper, "[data-testid=raci-problems] button")
        .into_iter()
        .find(|button| button.text_content().unwrap_or_default().starts_with("T19"))
        .expect("T19's problem");
    entry.click();
    wait_for("a focused cell in T19's row", || {
        document()
            .active_element()
            .and_then(|element| element.closest("tr").ok().flatten())
            .and_then(|row| row.get_attribute("data-task-id"))
            .as_deref()
            == Some("T19")
    })
    .await;
    // Only rows with problems.
    let filter: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=raci-filter]").unwrap().unchecked_into();
    filter.set_value("problems");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    filter.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    wait_for("fewer rows", || find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]").len() < 20).await;
    let rows: Vec<String> = find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]")
        .iter()
        .filter_map(|row| row.get_attribute("data-task-id"))
        .collect();
    assert!(rows.contains(&"T19".to_string()) && rows.contains(&"T36".to_string()), "{rows:?}");
    assert!(!rows.contains(&"T4".to_string()), "{rows:?}");
}

#[wasm_bindgen_test]
async fn the_raci_matrix_draws_only_the_rows_in_view_at_2000_tasks_by_100_people() {
    use planwright::model::{Person, PersonId, RaciCell, RaciRole};
    let (wrapper, _app) = start_app().await;
    let mut plan = planwright::model::generate::program_plan(2_000);
    plan.people = (1..=100)
        .map(|number| Person {
            id: PersonId(format!("P{number}")),
            name: format!("Person {number}"),
            role: "Engineer".into(),
            team: format!("Team {}", number % 10),
        })
        .collect();
    let leaves: Vec<_> = plan.tasks.iter().filter(|task| task.parent.is_some()).map(|task| task.id.clone()).collect();
    for (number, task) in leaves.iter().enumerate() {
        plan.raci.push(RaciCell {
            task: task.clone(),
            person: PersonId(format!("P{}", number % 100 + 1)),
            role: RaciRole::A,
        });
        plan.raci.push(RaciCell {
            task: task.clone(),
            person: PersonId(format!("P{}", (number + 7) % 100 + 1)),
            role: RaciRole::R,
        });
    }
    choose_file(&wrapper, "big.plan.json", &file::to_json(&plan));
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "RACI");
    wait_for("the matrix", || find(&wrapper, "[data-testid=raci-matrix] [data-r='0'][data-c='0']").is_some()).await;
    let rows = find_all(&wrapper, "[data-testid=raci-matrix] tbody tr[data-task-id]").len();
    assert!(rows > 10 && rows < 60, "{rows} rows drawn of 2,000");
    assert_eq!(find_all(&wrapper, "[data-testid=raci-matrix] tbody td[data-r]").len(), rows * 100);
    // Scrolled to the end, the last task's row is drawn and the first is not.
    let scroll = find(&wrapper, ".raci-scroll").unwrap();
    scroll.set_scroll_top(1_000_000);
    scroll.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    wait_for("the last row", || find(&wrapper, "tr[data-task-id=T2000]").is_some()).await;
    assert!(find(&wrapper, "[data-testid=raci-matrix] tr[data-task-id=T1]").is_none());
}

// ---------------------------------------------------------------- the risk register

/// The plan stored in local storage (the only one).
fn stored_plan() -> planwright::model::Plan {
    file::parse(&storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap()).unwrap()
}

/// The ids of the register's rows, top to bottom.
fn risk_rows(root: &web_sys::HtmlElement) -> Vec<String> {
    find_all(root, "[data-testid=risk-row]").iter().filter_map(|row| row.get_attribute("data-risk-row")).collect()
}

/// Chooses an option of a select and fires `change`, as a person picking it does.
fn choose_option(select: &web_sys::HtmlElement, value: &str) {
    change_input_value(select, value);
}

fn change_input_value(element: &web_sys::HtmlElement, value: &str) {
    let select: &web_sys::HtmlSelectElement = element.unchecked_ref();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// The example plan with R1 moved on the heat map 10 days ago (from probability 2 ×
/// impact 2 to 3 × 5, its place now) and no dates on the other risks, so only R1 moved
/// in the last 30 days whatever day the test runs.
fn example_with_one_recent_move(today: chrono::NaiveDate) -> String {
    use planwright::model::{RiskAssessment, RiskStatus};
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    plan.baselines.clear();
    for risk in &mut plan.risks {
        risk.history.clear();
        risk.created = None;
        risk.updated = None;
    }
    let r1 = &mut plan.risks[0];
    assert_eq!((r1.id.as_str(), r1.probability, r1.impact), ("R1", 3, 5));
    let entry = |days: i64, probability, impact| RiskAssessment {
        date: today - chrono::Duration::days(days),
        probability,
        impact,
        status: RiskStatus::Open,
    };
    r1.history = vec![entry(40, 2, 2), entry(10, 3, 5)];
    file::to_json(&plan)
}

#[wasm_bindgen_test]
async fn the_heat_map_filters_the_register_and_shows_where_a_risk_was() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    choose_file(&wrapper, "program.plan.json", &example_with_one_recent_move(today));
    wait_for("the task grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || risk_rows(&wrapper).len() == 9).await;
    assert!(!risk_rows(&wrapper).contains(&"R8".to_string()), "closed R8 is behind the toggle");
    assert_eq!(text(&wrapper, "[data-testid=risk-count]"), "Showing 9 of 10 risks · 1 closed hidden");

    // R5 and R10 are both probability 3 × impact 3: the cell says 2 and filters to them.
    let cell = find(&wrapper, "[data-heat-cell='3-3']").unwrap();
    assert_eq!(cell.text_content().unwrap(), "2");
    cell.click();
    wait_for("the cell's rows", || risk_rows(&wrapper) == ["R5", "R10"]).await;
    assert_eq!(cell.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(text(&wrapper, "[data-testid=risk-cell-filter]"), "P3 × I3 ✕");
    // Arrows move between cells; Enter (a button's click) on another cell filters to it.
    cell.focus().unwrap();
    press_key(&cell, "ArrowUp", false);
    let focused = document().active_element().and_then(|element| element.get_attribute("data-heat-cell"));
    assert_eq!(focused.as_deref(), Some("4-3"));
    find(&wrapper, "[data-heat-cell='4-4']").unwrap().click();
    wait_for("R4's cell", || risk_rows(&wrapper) == ["R4"]).await;
    // Escape clears the cell filter.
    press_key(&find(&wrapper, "[data-heat-cell='4-4']").unwrap(), "Escape", false);
    wait_for("all rows again", || risk_rows(&wrapper).len() == 9).await;
    assert!(find(&wrapper, "[data-testid=risk-cell-filter]").is_none());

    // R1 moved from 2 × 2 to 3 × 5 in the last 30 days: a ghost in 2 × 2 with an arrow.
    choose_option(&find(&wrapper, "[data-testid=heat-compare]").unwrap(), "days:30");
    wait_for("R1's ghost", || find(&wrapper, "[data-ghost-of=R1]").is_some()).await;
    assert_eq!(find_all(&wrapper, ".heat__ghost").len(), 1, "only R1 moved");
    let ghost = find(&wrapper, "[data-ghost-of=R1] circle").unwrap();
    let (x, y) = (ghost.get_attribute("cx").unwrap(), ghost.get_attribute("cy").unwrap());
    let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
    assert!((48.0..96.0).contains(&x) && (144.0..192.0).contains(&y), "the ghost sits in the 2 × 2 cell: ({x}, {y})");
    assert!(find(&wrapper, "[data-ghost-of=R1] line").is_some(), "an arrow to where it is now");
    // Ten days ago it was already where it is: no move in the last 7 days.
    choose_option(&find(&wrapper, "[data-testid=heat-compare]").unwrap(), "days:7");
    wait_for("no ghosts", || find_all(&wrapper, ".heat__ghost").is_empty()).await;

    // The toggle shows closed risks; the filters combine with it.
    click(&wrapper, "[data-testid=risk-show-closed]");
    wait_for("the closed risk", || risk_rows(&wrapper).len() == 10).await;
    choose_option(&find(&wrapper, "[data-testid=risk-filter-status]").unwrap(), "closed");
    wait_for("only closed", || risk_rows(&wrapper) == ["R8"]).await;
}

#[wasm_bindgen_test]
async fn a_risk_is_edited_in_the_side_panel_end_to_end() {
    let (wrapper, _app) = start_app().await;
    let today = planwright::storage::today();
    // Without dates on the risks, today's edit is today's history entry whatever the date.
    choose_file(&wrapper, "program.plan.json", &example_with_one_recent_move(today));
    wait_for("the task grid", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || !risk_rows(&wrapper).is_empty()).await;

    // Sorting by score puts the highest first; again, the lowest.
    click(&wrapper, "[data-sort=Score]");
    wait_for("sorted by score", || risk_rows(&wrapper).first().map(String::as_str) == Some("R4")).await;
    click(&wrapper, "[data-sort=Score]");
    wait_for("lowest first", || risk_rows(&wrapper).first().map(String::as_str) == Some("R6")).await;

    // Open R4 (4 × 4 = 16 high) and raise its probability to 5: critical, recorded today.
    click(&wrapper, "[data-risk-row=R4]");
    wait_for("the panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=risk-panel-score]"), "16 high");
    choose_option(&find(&wrapper, "[data-testid=risk-panel] select[aria-label='Probability of R4']").unwrap(), "5");
    wait_for("the new score", || text(&wrapper, "[data-testid=risk-panel-score]") == "20 critical").await;
    wait_for("the saved edit", || stored_plan().risk("R4").is_some_and(|risk| risk.probability == 5)).await;
    let saved = stored_plan().risk("R4").unwrap().clone();
    let last = saved.history.last().unwrap();
    assert_eq!((last.date, last.probability, last.impact), (today, 5, 4), "the change is in the history, dated today");
    assert_eq!(saved.updated, Some(today));
    assert!(text(&wrapper, "[data-testid=risk-score-history]").ends_with(&format!("{} 20", today.format("%Y-%m-%d"))));

    // A text field commits on change.
    let title = find(&wrapper, "[data-testid=risk-panel] input[aria-label='Title of R4']").unwrap();
    change_input(&title, "Ledger freeze slips");
    wait_for("the saved title", || stored_plan().risk("R4").is_some_and(|risk| risk.title == "Ledger freeze slips"))
        .await;
    assert!(text(&wrapper, "[data-risk-row=R4]").contains("Ledger freeze slips"));

    // "Occurred" asks, then adds a response task linked to the risk: one undo step.
    let tasks_before = stored_plan().tasks.len();
    choose_option(&find(&wrapper, "[data-testid=risk-status]").unwrap(), "occurred");
    wait_for("the question", || find(&wrapper, "[data-testid=risk-occurred-question]").is_some()).await;
    assert_eq!(stored_plan().risk("R4").unwrap().status.label(), "open", "nothing changes before the answer");
    click(&wrapper, "[data-testid=risk-occurred-add-task]");
    wait_for("the response task", || stored_plan().tasks.len() == tasks_before + 1).await;
    let plan = stored_plan();
    let response = plan.tasks.iter().find(|task| task.name.starts_with("Respond to R4")).expect("the response task");
    let r4 = plan.risk("R4").unwrap();
    assert_eq!(r4.status.label(), "occurred");
    assert!(r4.linked_tasks.contains(&response.id));
    click(&wrapper, "[data-testid=undo]");
    wait_for("the undo", || stored_plan().tasks.len() == tasks_before).await;
    assert_eq!(stored_plan().risk("R4").unwrap().status.label(), "open", "one undo step takes back both");

    // Duplicate, then delete the copy with confirmation; undo brings it back.
    click(&wrapper, "[data-testid=risk-duplicate]");
    wait_for("the copy", || stored_plan().risk("R11").is_some()).await;
    wait_for("the copy's panel", || text(&wrapper, "[data-testid=risk-panel] .table__id") == "R11").await;
    click(&wrapper, "[data-testid=risk-delete]");
    wait_for("the confirmation", || find(&wrapper, "[data-testid=risk-delete-question]").is_some()).await;
    assert!(stored_plan().risk("R11").is_some(), "nothing is deleted before the confirmation");
    click(&wrapper, "[data-testid=risk-delete-confirm]");
    wait_for("the deletion", || stored_plan().risk("R11").is_none()).await;
    wait_for("the panel closes", || find(&wrapper, "[data-testid=risk-panel]").is_none()).await;
    click(&wrapper, "[data-testid=undo]");
    wait_for("the copy back", || stored_plan().risk("R11").is_some()).await;

    // The keyboard: Delete on a row asks in the panel; Escape closes it.
    let row = find(&wrapper, "[data-risk-row=R2]").unwrap();
    press_key(&row, "Delete", false);
    wait_for("the question", || find(&wrapper, "[data-testid=risk-delete-question]").is_some()).await;
    let panel = find(&wrapper, "[data-testid=risk-panel]").unwrap();
    press_key(&panel, "Escape", false);
    wait_for("no question", || find(&wrapper, "[data-testid=risk-delete-question]").is_none()).await;
    press_key(&panel, "Escape", false);
    wait_for("the panel closes", || find(&wrapper, "[data-testid=risk-panel]").is_none()).await;
    assert!(stored_plan().risk("R2").is_some());

    // A link to a task that does not exist is refused, said, and changes nothing.
    click(&wrapper, "[data-risk-row=R2]");
    wait_for("the panel", || find(&wrapper, "[data-testid=risk-panel]").is_some()).await;
    let tasks = find(&wrapper, "[data-testid=risk-panel] input[aria-label='Tasks R2 threatens']").unwrap();
    change_input(&tasks, "T13, T999");
    wait_for("the refusal", || text(&wrapper, ".banner--error").contains("T999")).await;
    assert_eq!(stored_plan().risk("R2").unwrap().linked_tasks.len(), 2, "the stored risk is untouched");
}

// ---------------------------------------------------------------- report, share links, printing

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
    assert_eq!(window.location().hash().unwrap(), "", "the link is taken out of the address bar");
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
}

// ---------------------------------------------------------------- compare with a file

/// Chooses a file in the compare view's own file picker, as a person would.
fn choose_compare_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "[data-testid=compare-input]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// The example program as a colleague sent it back: T3 renamed, T9 five days longer
/// (on the critical path), a task T41 added with a link T41 → T28, R2 more likely;
/// saved twice, last on 2027-02-01.
fn example_copy_with_edits() -> planwright::model::Plan {
    use planwright::model::{Dependency, DependencyKind, Task, TaskId};
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let t3 = plan.task_index("T3").unwrap();
    plan.tasks[t3].name = "Target architecture, API contracts and SLAs".into();
    let t9 = plan.task_index("T9").unwrap();
    plan.tasks[t9].duration = 25;
    let mut added = Task::new(TaskId::new("T41"), "Vendor security questionnaire");
    added.parent = Some(TaskId::new("T27"));
    added.duration = 4;
    plan.tasks.push(added);
    plan.dependencies.push(Dependency {
        predecessor: TaskId::new("T41"),
        successor: TaskId::new("T28"),
        kind: DependencyKind::FS,
        lag: 0,
    });
    plan.risks.iter_mut().find(|risk| risk.id.as_str() == "R2").unwrap().probability = 4;
    plan.stamp_revision(chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap());
    plan.stamp_revision(chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
    plan
}

/// The example with only T9's new duration.
fn example_with_longer_t9() -> planwright::model::Plan {
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let t9 = plan.task_index("T9").unwrap();
    plan.tasks[t9].duration = 25;
    plan
}

/// The compare view's entry whose text contains `words`: its change number.
fn compare_entry(root: &web_sys::HtmlElement, words: &str) -> String {
    let entries = find_all(root, "[data-testid=compare-entry]");
    let found: Vec<String> = entries
        .iter()
        .filter(|entry| entry.text_content().unwrap_or_default().contains(words))
        .filter_map(|entry| entry.get_attribute("data-change"))
        .collect();
    assert_eq!(found.len(), 1, "one entry mentions {words:?}");
    found[0].clone()
}

/// Opens the compare view and compares the open plan with a file.
async fn compare_with(root: &web_sys::HtmlElement, name: &str, text: &str, entries: usize) {
    click(root, "[data-testid=compare]");
    wait_for("the compare view", || find(root, "[data-testid=compare-input]").is_some()).await;
    choose_compare_file(root, name, text);
    wait_for("the differences", || find_all(root, "[data-testid=compare-entry]").len() == entries).await;
}

/// Waits until the plan is saved and the stored plan (the only one) meets `condition`.
async fn wait_for_stored(
    root: &web_sys::HtmlElement,
    what: &str,
    condition: impl Fn(&planwright::model::Plan) -> bool,
) {
    wait_for(what, || {
        text(root, "[data-testid=save-state]") == "Saved"
            && storage()
                .get_item(&stored_plan_keys()[0])
                .ok()
                .flatten()
                .and_then(|text| file::parse(&text).ok())
                .is_some_and(|plan| condition(&plan))
    })
    .await;
}

#[wasm_bindgen_test]
async fn compare_with_a_file_lists_the_differences_and_takes_one_then_all_as_one_undo_step() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let theirs = example_copy_with_edits();
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&theirs), 5).await;

    // Which copy is which.
    assert_eq!(text(&wrapper, "[data-testid=stamp-ours-revision]"), "0");
    assert_eq!(text(&wrapper, "[data-testid=stamp-theirs-revision]"), "2");
    let their_stamp = text(&wrapper, "[data-testid=stamp-theirs]");
    assert!(their_stamp.contains("theirs.plan.json") && their_stamp.contains("2027-02-01"), "{their_stamp}");
    assert!(text(&wrapper, "[data-testid=stamp-ours]").contains("never saved with a date"));

    // Grouped: added, removed, changed, each by kind of item.
    let added = text(&wrapper, "[data-testid=compare-added]");
    assert!(added.contains("T41 added: \"Vendor security questionnaire\", 4 working days, under T27"), "{added}");
    assert!(added.contains("link T41 → T28 added (FS)"), "{added}");
    assert!(find(&wrapper, "[data-testid=compare-added] [data-section=Tasks]").is_some());
    assert!(find(&wrapper, "[data-testid=compare-added] [data-section=Links]").is_some());
    assert!(text(&wrapper, "[data-testid=compare-removed]").contains("Nothing removed."));
    assert!(find(&wrapper, "[data-testid=compare-changed] [data-section=Tasks]").is_some());
    assert!(find(&wrapper, "[data-testid=compare-changed] [data-section=Risks]").is_some());
    let duration = compare_entry(&wrapper, "T9 “Card authorisation API” duration");
    assert_eq!(text(&wrapper, &format!("[data-testid=keep-ours-{duration}]")), "20 working days");
    assert_eq!(text(&wrapper, &format!("[data-testid=take-theirs-{duration}]")), "25 working days");
    let probability = compare_entry(&wrapper, "probability");
    assert_eq!(text(&wrapper, &format!("[data-testid=take-theirs-{probability}]")), "4");
    compare_entry(&wrapper, "\"Target architecture, API contracts and SLAs\"");

    // One change: the preview shows what it does to the schedule.
    assert!(find(&wrapper, "[data-testid=compare-take]").unwrap().has_attribute("disabled"), "nothing chosen yet");
    click(&wrapper, &format!("[data-testid=take-theirs-{duration}]"));
    wait_for("the consequence", || find(&wrapper, "[data-testid=compare-consequence]").is_some()).await;
    let consequence = text(&wrapper, "[data-testid=compare-consequence]");
    assert!(consequence.contains("T14 \"Feature complete\" moves 5 working days later"), "{consequence}");
    assert!(consequence.contains("The plan finishes 1 working day later"), "{consequence}");
    assert_eq!(text(&wrapper, "[data-testid=compare-count]"), "1 of 5 changes chosen");
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 1 change");
    click(&wrapper, "[data-testid=compare-take]");
    wait_for("the notice", || text(&wrapper, "[data-testid=notice]").contains("Took 1 change from theirs.plan.json"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("Undo (Ctrl+Z) takes them back."));
    assert!(find(&wrapper, "[data-testid=compare-view]").is_none(), "back to the plan");
    let one = example_with_longer_t9();
    wait_for_stored(&wrapper, "exactly that change stored", |stored| planwright::diff::diff(stored, &one).is_empty())
        .await;

    // Then all the others at once.
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&theirs), 4).await;
    click(&wrapper, "[data-testid=compare-select-all]");
    wait_for("the preview", || find(&wrapper, "[data-testid=compare-summary]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 4 changes");
    click(&wrapper, "[data-testid=compare-take]");
    wait_for("the notice", || text(&wrapper, "[data-testid=notice]").contains("Took 4 changes")).await;
    wait_for_stored(&wrapper, "theirs stored", |stored| planwright::diff::diff(stored, &theirs).is_empty()).await;

    // One undo takes all four back.
    click(&wrapper, "[data-testid=undo]");
    wait_for_stored(&wrapper, "the one change left", |stored| planwright::diff::diff(stored, &one).is_empty()).await;
}

#[wasm_bindgen_test]
async fn compare_refuses_a_link_to_a_task_not_taken_and_adds_what_it_needs() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&example_copy_with_edits()), 5).await;
    let link = compare_entry(&wrapper, "link T41 → T28 added");
    click(&wrapper, &format!("[data-testid=take-{link}]"));
    wait_for("the refusal", || find(&wrapper, "[data-testid=compare-error]").is_some()).await;
    let error = text(&wrapper, "[data-testid=compare-error]");
    assert!(error.contains("link T41 → T28") && error.contains("T41 added"), "{error}");
    assert!(find(&wrapper, "[data-testid=compare-take]").unwrap().has_attribute("disabled"));
    click(&wrapper, "[data-testid=compare-add-needed]");
    wait_for("the preview", || find(&wrapper, "[data-testid=compare-summary]").is_some()).await;
    assert!(find(&wrapper, "[data-testid=compare-error]").is_none());
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 2 changes");
    click(&wrapper, "[data-testid=compare-select-none]");
    wait_for("nothing chosen", || text(&wrapper, "[data-testid=compare-count]") == "0 of 5 changes chosen").await;
}

#[wasm_bindgen_test]
async fn compare_with_a_bad_file_says_why_and_changes_nothing() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored_before = storage().get_item(&stored_plan_keys()[0]).unwrap();
    click(&wrapper, "[data-testid=compare]");
    wait_for("the compare view", || find(&wrapper, "[data-testid=compare-input]").is_some()).await;
    choose_compare_file(&wrapper, "broken.plan.json", "{\"format\": \"planwright\", \"version\": 1, \"plan\": ");
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("broken.plan.json was not compared"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("Nothing was changed."));
    assert!(find(&wrapper, "[data-testid=notice] .banner__details li").is_some(), "the problem is listed");
    assert!(find(&wrapper, "[data-testid=compare-entry]").is_none());
    click(&wrapper, "[data-testid=compare-close]");
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    assert_eq!(task_count(&wrapper), 40);
    sleep(400).await;
    assert_eq!(stored_plan_keys().len(), 1, "no plan was added");
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap(), stored_before);
}

#[wasm_bindgen_test]
async fn compare_with_a_stored_plan_and_renumber_a_task_id_that_collides() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    // The example adds a task of its own: T41 "New task", at the top level.
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == 41).await;
    // Their T41 is another task, under T27 and months later.
    let mut theirs = example_copy_with_edits();
    let t41 = theirs.task_index("T41").unwrap();
    theirs.tasks[t41].start_no_earlier_than = chrono::NaiveDate::from_ymd_opt(2028, 3, 1);
    theirs.name = "Payments platform migration (Ana's copy)".into();
    choose_file(&wrapper, "ana.plan.json", &file::to_json(&theirs));
    wait_for("the second plan", || stored_plan_keys().len() == 2).await;
    // Back to the example, and compare it with the stored copy.
    let switcher: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=plan-switcher]").unwrap().unchecked_into();
    let example_id = (0..switcher.length())
        .filter_map(|index| switcher.item(index))
        .filter_map(|option| option.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .find(|option| option.text() == "Payments platform migration")
        .map(|option| option.value())
        .unwrap();
    choose_option(switcher.unchecked_ref(), &example_id);
    wait_for("the example", || text(&wrapper, ".header__title") == "Payments platform migration").await;
    click(&wrapper, "[data-testid=compare]");
    wait_for("the stored plans", || find(&wrapper, "[data-testid=compare-stored]").is_some()).await;
    assert_eq!(find_all(&wrapper, "[data-testid=compare-stored]").len(), 1, "the open plan is not offered");
    assert!(text(&wrapper, "[data-testid=compare-stored]").contains("Ana's copy"));
    click(&wrapper, "[data-testid=compare-stored] button");
    wait_for("the differences", || find(&wrapper, "[data-testid=compare-entry]").is_some()).await;
    assert!(text(&wrapper, ".compare__title").contains("the stored plan \"Payments platform migration (Ana's copy)\""));
    compare_entry(&wrapper, "\"Payments platform migration (Ana's copy)\"");

    // T41 names two tasks: a warning, and renumbering theirs makes it an added task.
    wait_for("the warning", || find(&wrapper, "[data-testid=compare-collision]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=compare-collision]").contains("T41 looks like two different tasks"));
    click(&wrapper, "[data-testid=compare-renumber]");
    wait_for("the renumbered task", || text(&wrapper, "[data-testid=compare-added]").contains("T42 added")).await;
    assert!(find(&wrapper, "[data-testid=compare-collision]").is_none());
    assert!(text(&wrapper, "[data-testid=compare-added]").contains("link T42 → T28 added"));
    assert!(text(&wrapper, "[data-testid=compare-removed]").contains("T41 removed: \"New task\""));
}

#[wasm_bindgen_test]
async fn a_saved_edit_stamps_the_plan_revision_and_an_undo_is_another_one() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let imported = stored_plan();
    assert_eq!((imported.revision, imported.modified), (0, None), "an import is not an edit");
    click(&wrapper, "[data-testid=add-task]");
    let today = planwright::storage::today();
    wait_for_stored(&wrapper, "the stamped save", |stored| stored.revision == 1 && stored.modified == Some(today))
        .await;
    // A save with nothing new does not count.
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    sleep(100).await;
    assert_eq!(stored_plan().revision, 1);
    click(&wrapper, "[data-testid=undo]");
    wait_for_stored(&wrapper, "the undo's save", |stored| stored.revision == 2 && stored.tasks.len() == 40).await;
    click(&wrapper, "[data-testid=redo]");
    wait_for_stored(&wrapper, "the redo's save", |stored| stored.revision == 3 && stored.tasks.len() == 41).await;
}

// ---------------------------------------------------------------- big and hostile files

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
