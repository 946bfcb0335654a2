//! Saving and reading plans: local storage (compact, pretty from older versions, usage, quota, unavailable), imports, the start screen, kept-aside text.

use leptos::prelude::*;
use leptos::task::tick;
use planwright::file;
use planwright::storage::usage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

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
    assert!(bars >= 10 && find_all(&wrapper, "[data-testid=task-row]").len() >= 10, "{bars} bars");
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
    // Said under the field, which keeps the typed text to correct (tests/web/grid.rs).
    let refusal = text(&wrapper, "#task-grid-refusal");
    assert!(refusal.contains("Not changed") && refusal.contains("progress"), "{refusal}");
    let field: web_sys::HtmlInputElement = progress.unchecked_into();
    assert_eq!(field.value(), "150", "the field keeps what was typed");
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
