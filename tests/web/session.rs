//! The session: undo that never deletes work, a panic never silent, text in progress kept
//! and "Saved" only when true, views with addresses, messages that fade, and listeners
//! that go with the app.

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use planwright::file;
use planwright::model::Plan;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use super::support::*;

fn save_state(wrapper: &web_sys::HtmlElement) -> String {
    text(wrapper, "[data-testid=save-state]")
}

async fn saved(wrapper: &web_sys::HtmlElement) {
    wait_for("the save", || save_state(wrapper) == "Saved").await;
}

/// A plan as stored, without what each save stamps on it.
fn unstamped(mut plan: Plan) -> Plan {
    plan.revision = 0;
    plan.modified = None;
    plan
}

/// Fails with the first line where the two plans' files differ.
fn assert_same_plan(found: &Plan, expected: &Plan, what: &str) {
    let (found, expected) = (file::to_json(found), file::to_json(expected));
    if let Some((line, (found, expected))) =
        found.lines().zip(expected.lines()).enumerate().find(|(_, (found, expected))| found != expected)
    {
        panic!("{what}: line {line} is {found:?}, not {expected:?}");
    }
    assert_eq!(found.lines().count(), expected.lines().count(), "{what}");
}

fn link_fragment() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

/// Puts an address in the page's link before the app starts, as a bookmark does.
fn open_link_at(fragment: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{fragment}"))).unwrap();
}

/// Types `text` into the focused field as a person does (the browser counts it as the
/// user's edit, so leaving the field fires `change`).
fn type_text(text: &str) {
    let document = web_sys::window().unwrap().document().unwrap();
    let exec: js_sys::Function = js_sys::Reflect::get(&document, &"execCommand".into()).unwrap().unchecked_into();
    exec.call3(&document, &"insertText".into(), &JsValue::FALSE, &text.into()).unwrap();
}

/// Opens the example through the file picker (an import, which undo can take back) and
/// waits for its first save.
async fn import_example(wrapper: &web_sys::HtmlElement) {
    open_example(wrapper).await;
    saved(wrapper).await;
}

#[wasm_bindgen_test]
async fn renaming_the_plan_keeps_it_chosen_in_the_switcher_and_views_still_switch() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    show_view(&wrapper, "Plan");
    wait_for("the Plan page", || find(&wrapper, "[aria-label='Plan name']").is_some()).await;
    change_input(&find(&wrapper, "[aria-label='Plan name']").unwrap(), "Renamed program");
    saved(&wrapper).await;
    let switcher: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=plan-switcher]").unwrap().unchecked_into();
    let chosen = || switcher.selected_options().item(0).and_then(|option| option.text_content()).unwrap_or_default();
    wait_for("the new name in the switcher", || chosen() == "Renamed program").await;
    for view in ["Timeline", "RACI", "Risks", "Status", "Plan"] {
        show_view(&wrapper, view);
        tick().await;
    }
    wait_for("the Plan page again", || find(&wrapper, "[aria-label='Plan name']").is_some()).await;
    assert_eq!(chosen(), "Renamed program");
    assert_eq!(stored_plan().name, "Renamed program");
}

#[wasm_bindgen_test]
async fn undo_stops_at_an_imported_plan_and_asks_before_removing_it_and_redo_brings_it_back() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    change_input(&find(&wrapper, "[data-task-name=T2]").unwrap(), "Kick-off, renamed");
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || find(&wrapper, "[data-task-name=T41]").is_some()).await;
    saved(&wrapper).await;
    let edited = unstamped(stored_plan());

    for _ in 0..3 {
        click(&wrapper, "[data-testid=undo]");
        tick().await;
    }
    wait_for("the question", || find(&wrapper, "[data-testid=import-question]").is_some()).await;
    let question = text(&wrapper, "[data-testid=import-question]");
    assert!(question.contains("Undo the import of \u{201c}Payments platform migration\u{201d}?"), "{question}");
    assert!(question.contains("The plan and its 2 edits leave this browser."), "{question}");
    assert_eq!(stored_plan_keys().len(), 1, "asking removes nothing");
    assert!(find(&wrapper, "[data-task-name=T41]").is_none(), "both edits are undone");

    click(&wrapper, "[data-testid=remove-import]");
    wait_for("the start screen", || find(&wrapper, "[data-testid=new-plan]").is_some()).await;
    assert!(stored_plan_keys().is_empty(), "the plan left the browser, as agreed");
    assert!(text(&wrapper, "[data-testid=import-removed]").contains("was removed"));

    click(&wrapper, "[data-testid=bring-back-import]");
    wait_for("the plan back", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    click(&wrapper, "[data-testid=redo]");
    tick().await;
    click(&wrapper, "[data-testid=redo]");
    wait_for("the added task back", || stored_plan().task("T41").is_some()).await;
    saved(&wrapper).await;
    assert_same_plan(&unstamped(stored_plan()), &edited, "the plan and both edits are back");
}

#[wasm_bindgen_test]
async fn keeping_an_import_when_asked_keeps_it_and_redo_makes_the_edits_again() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    change_input(&find(&wrapper, "[data-task-name=T2]").unwrap(), "Kick-off, renamed");
    wait_for("the rename saved", || stored_plan().task("T2").unwrap().name == "Kick-off, renamed").await;
    let edited = unstamped(stored_plan());
    click(&wrapper, "[data-testid=undo]");
    tick().await;
    click(&wrapper, "[data-testid=undo]");
    wait_for("the question", || find(&wrapper, "[data-testid=import-question]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=import-question]").contains("its 1 edit leave"));
    click(&wrapper, "[data-testid=keep-import]");
    wait_for("the question answered", || find(&wrapper, "[data-testid=import-question]").is_none()).await;
    assert_eq!(stored_plan_keys().len(), 1);
    click(&wrapper, "[data-testid=redo]");
    saved(&wrapper).await;
    assert_same_plan(&unstamped(stored_plan()), &edited, "the edit is made again");
    assert!(find(&wrapper, "[data-testid=redo]").unwrap().has_attribute("disabled"), "nothing more to redo");
}

#[wasm_bindgen_test]
async fn removing_an_import_when_asked_reopens_the_plan_before_it() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    let mut other = Plan::new("Vendor onboarding", chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    other.tasks.push(planwright::model::Task::new(planwright::model::TaskId("T1".into()), "Sign contract"));
    choose_file(&wrapper, "vendor.plan.json", &file::to_json(&other));
    wait_for("the imported plan", || task_count(&wrapper) == 1).await;
    wait_for("its save", || stored_plan_keys().len() == 2).await;

    click(&wrapper, "[data-testid=undo]");
    wait_for("the question", || {
        text(&wrapper, "[data-testid=import-question]").contains("The plan leaves this browser.")
    })
    .await;
    assert!(text(&wrapper, "[data-testid=import-question]").contains("vendor.plan.json"));
    click(&wrapper, "[data-testid=remove-import]");
    wait_for("the example to come back", || task_count(&wrapper) == 40).await;
    assert_eq!(stored_plan_keys().len(), 1, "the imported plan is gone from storage");
    assert!(text(&wrapper, "[data-testid=import-removed]").contains("\u{201c}Vendor onboarding\u{201d} was removed"));
}

/// Takes the panic banner away when the test ends, pass or fail: while it is there the
/// app saves nothing, which would spoil the tests after this one.
struct PanicBannerCleanup;

impl Drop for PanicBannerCleanup {
    fn drop(&mut self) {
        if let Some(banner) = document().get_element_by_id("planwright-panic") {
            banner.remove();
        }
    }
}

#[wasm_bindgen_test]
async fn a_panic_is_reported_with_a_banner_that_offers_the_saved_plan() {
    planwright::ui::install_panic_report();
    let _cleanup = PanicBannerCleanup;
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    let stored = storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap();

    // A bug on purpose: a listener that panics, as any of the app's could.
    let bug = Closure::<dyn Fn()>::new(|| panic!("a panic on purpose, for the test"));
    let trigger: web_sys::HtmlElement = document().create_element("button").unwrap().unchecked_into();
    trigger.add_event_listener_with_callback("click", bug.as_ref().unchecked_ref()).unwrap();
    trigger.click();

    let banner = document().query_selector("[data-testid=panic-banner]").unwrap().expect("the panic banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let said = banner.text_content().unwrap();
    assert!(said.contains("Something went wrong — your plan is saved; reload"), "{said}");
    let link = document().query_selector("[data-testid=panic-download]").unwrap().expect("the download");
    assert_eq!(link.get_attribute("download").as_deref(), Some("Payments platform migration.plan.json"));
    let href = link.get_attribute("href").unwrap();
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(web_sys::window().unwrap().fetch_with_str(&href))
            .await
            .unwrap()
            .unchecked_into();
    let offered = wasm_bindgen_futures::JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap();
    assert_eq!(file::parse(&offered).unwrap(), file::parse(&stored).unwrap(), "the plan as saved");

    // After a panic nothing more is saved: the plan in memory may be half-changed.
    click(&wrapper, "[data-testid=add-task]");
    sleep(400).await;
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap(), stored);
}

#[wasm_bindgen_test]
async fn text_in_progress_is_unsaved_typing_until_committed_and_kept_when_the_page_is_hidden() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || !risk_rows(&wrapper).is_empty()).await;
    click(&wrapper, "[data-testid=risk-row][data-risk-row=R1]");
    wait_for("R1's panel", || find(&wrapper, "[data-testid=risk-panel] .risk-panel__title").is_some()).await;
    let title: web_sys::HtmlInputElement =
        find(&wrapper, "[data-testid=risk-panel] .risk-panel__title").unwrap().unchecked_into();
    title.focus().unwrap();
    title.select();
    type_text("Card processor contract not renewed");
    wait_for("the typing shown", || save_state(&wrapper) == "Unsaved typing").await;
    assert_ne!(stored_plan().risks[0].title, "Card processor contract not renewed");

    // The page is left (a reload, a closed tab): the text goes in through its field.
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert_eq!(stored_plan().risks[0].title, "Card processor contract not renewed", "saved at once");
    wait_for("Saved again", || save_state(&wrapper) == "Saved").await;
}

/// Whether leaving the page now would be asked about (the `beforeunload` a reload or a
/// closed tab sends).
fn leaving_asks() -> bool {
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("beforeunload", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    event.default_prevented()
}

#[wasm_bindgen_test]
async fn leaving_asks_only_when_edits_would_be_lost() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    assert!(!leaving_asks(), "everything is saved: leaving asks nothing");

    // Storage refuses the next saves, as a full one does.
    js_sys::eval(
        "window.planwrightSetItem = Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    )
    .unwrap();
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the failed save", || save_state(&wrapper) == "Not saved").await;
    let asked = leaving_asks();
    js_sys::eval("Storage.prototype.setItem = window.planwrightSetItem;").unwrap();
    assert!(asked, "an edit that could not be saved is asked about");
}

#[wasm_bindgen_test]
async fn a_field_committed_with_enter_is_saved_and_the_header_says_so() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    show_view(&wrapper, "Plan");
    wait_for("the Plan page", || find(&wrapper, "[aria-label='Plan name']").is_some()).await;
    let name: web_sys::HtmlInputElement = find(&wrapper, "[aria-label='Plan name']").unwrap().unchecked_into();
    name.focus().unwrap();
    name.select();
    type_text("Payments, phase two");
    wait_for("the typing shown", || save_state(&wrapper) == "Unsaved typing").await;
    // Leaving the field commits it.
    name.blur().unwrap();
    saved(&wrapper).await;
    assert_eq!(stored_plan().name, "Payments, phase two");
}

/// Alt+digit, as the header's keyboard shortcut reads it.
fn press_alt_digit(target: &web_sys::HtmlElement, digit: u32) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(&digit.to_string());
    init.set_code(&format!("Digit{digit}"));
    init.set_alt_key(true);
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_date_being_typed_is_kept_when_the_keyboard_shows_another_view() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    show_view(&wrapper, "Plan");
    wait_for("the Plan page", || find(&wrapper, "[aria-label='Plan start']").is_some()).await;
    let start: web_sys::HtmlInputElement = find(&wrapper, "[aria-label='Plan start']").unwrap().unchecked_into();
    start.focus().unwrap();
    // A date field commits when it is left; the view goes while it has the focus.
    start.set_value("2027-01-11");
    press_alt_digit(&start, 2);
    wait_for("the timeline", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    wait_for("the new start saved", || stored_plan().start == chrono::NaiveDate::from_ymd_opt(2027, 1, 11).unwrap())
        .await;
}

#[wasm_bindgen_test]
async fn each_view_has_an_address_that_a_reload_and_back_and_forward_follow() {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    import_example(&wrapper).await;
    wait_for("the timeline's address", || link_fragment() == "#/timeline").await;
    show_view(&wrapper, "RACI");
    wait_for("the RACI address", || link_fragment() == "#/raci").await;
    show_view(&wrapper, "Risks");
    wait_for("the register", || !risk_rows(&wrapper).is_empty()).await;
    click(&wrapper, "[data-testid=risk-row][data-risk-row=R3]");
    wait_for("the open risk's address", || link_fragment() == "#/risks/R3").await;

    // A reload comes back to the same view and the same open risk.
    drop(app);
    let app = mount_to(wrapper.clone(), planwright::App);
    wait_for("R3's panel again", || text(&wrapper, "[data-testid=risk-panel]").contains("R3")).await;
    assert_eq!(link_fragment(), "#/risks/R3");

    // Back returns to the view before, Forward comes back.
    web_sys::window().unwrap().history().unwrap().back().unwrap();
    wait_for("the RACI matrix", || find(&wrapper, "[data-testid=raci-matrix]").is_some()).await;
    web_sys::window().unwrap().history().unwrap().forward().unwrap();
    wait_for("the register", || find(&wrapper, "[data-testid=risk-register]").is_some()).await;
    drop(app);

    // A bookmark of a selected task opens the timeline with the task selected.
    open_link_at("#/timeline/T12");
    let _app = mount_to(wrapper.clone(), planwright::App);
    wait_for("T12 selected", || text(&wrapper, "[data-testid=chart-status]").starts_with("T12 ")).await;
    assert_eq!(link_fragment(), "#/timeline/T12");
}

#[wasm_bindgen_test]
async fn a_new_plan_starts_on_a_working_day() {
    let (wrapper, _app) = start_app().await;
    click(&wrapper, "[data-testid=new-plan]");
    wait_for("the Plan page", || find(&wrapper, "[aria-label='Plan start']").is_some()).await;
    let start: web_sys::HtmlInputElement = find(&wrapper, "[aria-label='Plan start']").unwrap().unchecked_into();
    let start = planwright::model::dates::parse_iso_date(&start.value()).unwrap();
    let today = planwright::storage::today();
    assert_eq!(start, planwright::session::new_plan(today).start);
    assert!(chrono::Datelike::weekday(&start).number_from_monday() <= 5, "{start} is a weekday");
}

#[wasm_bindgen_test]
async fn news_stays_on_its_view_and_fades_while_a_problem_follows_until_answered() {
    let (wrapper, _app) = start_app().await;
    import_example(&wrapper).await;
    click(&wrapper, "[data-testid=set-baseline]");
    wait_for("the news", || text(&wrapper, "[data-testid=notice]").contains("Baseline B")).await;
    show_view(&wrapper, "RACI");
    wait_for("the news gone", || find(&wrapper, "[data-testid=notice]").is_none()).await;

    show_view(&wrapper, "Plan");
    wait_for("the Plan page", || find(&wrapper, "[aria-label='New holiday name']").is_some()).await;
    // A refusal that has no field of its own to stand by (a holiday added without its
    // date) is a problem in the page's notice.
    let add_holiday = find_all(&wrapper, "button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some("Add holiday"))
        .unwrap();
    add_holiday.click();
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").starts_with("Not changed")).await;
    show_view(&wrapper, "Timeline");
    tick().await;
    sleep(100).await;
    assert!(text(&wrapper, "[data-testid=notice]").starts_with("Not changed"), "a problem follows to other views");

    click(&wrapper, "[data-testid=set-baseline]");
    wait_for("the news", || text(&wrapper, "[data-testid=notice]").contains("Baseline B")).await;
    // It fades on its own (after a few seconds; this waits up to ten).
    for _ in 0..100 {
        if find(&wrapper, "[data-testid=notice]").is_none() {
            return;
        }
        sleep(100).await;
    }
    panic!("the news never faded");
}

#[wasm_bindgen_test]
async fn no_listener_of_the_app_outlives_it() {
    // Any error thrown by a listener while the events below are dispatched.
    let thrown = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let record = {
        let thrown = thrown.clone();
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            thrown.borrow_mut().push(event.message())
        })
    };
    let window = web_sys::window().unwrap();
    window.add_event_listener_with_callback("error", record.as_ref().unchecked_ref()).unwrap();

    let (wrapper, app) = start_app().await;
    import_example(&wrapper).await;
    drop(app);
    tick().await;
    let key = web_sys::KeyboardEventInit::new();
    key.set_key("z");
    key.set_ctrl_key(true);
    window
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &key).unwrap())
        .unwrap();
    for kind in
        ["pagehide", "beforeunload", "visibilitychange", "popstate", "hashchange", "input", "change", "focusout"]
    {
        window.dispatch_event(&web_sys::Event::new(kind).unwrap()).unwrap();
    }
    window.dispatch_event(&web_sys::StorageEvent::new("storage").unwrap()).unwrap();
    window.remove_event_listener_with_callback("error", record.as_ref().unchecked_ref()).unwrap();
    assert!(thrown.borrow().is_empty(), "listeners left behind: {:?}", thrown.borrow());
}
