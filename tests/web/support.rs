//! What every browser test uses: the app mounted on emptied storage, waiting, finding,
//! clicking and typing.

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use planwright::file;
use wasm_bindgen::JsCast;

pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The app mounted on emptied storage; it unmounts when the returned handle drops.
pub async fn start_app() -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let wrapper = fresh_wrapper();
    let app = mount_to(wrapper.clone(), planwright::App);
    tick().await;
    (wrapper, Box::new(app))
}

/// The app's own stylesheets, so layout (scroll areas, row heights) is as in the app. The
/// parts' stylesheets are here from the start: unsplit, the parts are too.
pub const STYLES: [&str; 13] = [
    include_str!("../../style/tokens.css"),
    include_str!("../../style/app.css"),
    include_str!("../../style/views.css"),
    include_str!("../../style/timeline.css"),
    include_str!("../../style/modes.css"),
    include_str!("../../style/print.css"),
    include_str!("../../style/part-raci.css"),
    include_str!("../../style/part-risks.css"),
    include_str!("../../style/part-log.css"),
    include_str!("../../style/part-report.css"),
    include_str!("../../style/part-compare.css"),
    include_str!("../../style/part-interchange.css"),
    include_str!("../../style/part-portfolio.css"),
];

/// A fresh element to mount into, with local storage emptied and the styles loaded.
pub fn fresh_wrapper() -> web_sys::HtmlElement {
    storage().clear().unwrap();
    // A view's address left by the test before would open that view (a share link, set
    // on purpose before the app starts, stays).
    let window = web_sys::window().unwrap();
    if window.location().hash().unwrap().starts_with("#/") {
        let path = window.location().pathname().unwrap();
        window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    }
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

pub async fn sleep(milliseconds: i32) {
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
pub async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn find(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).unwrap().map(|element| element.unchecked_into())
}

pub fn find_all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|index| list.item(index).unwrap().unchecked_into()).collect()
}

pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    find(root, selector).unwrap_or_else(|| panic!("no element matches {selector}")).click();
}

/// Shows every column of the task grid (Constraint, Deadline and WBS are hidden until
/// shown), as ticking them in the Columns menu does.
pub async fn show_every_column(root: &web_sys::HtmlElement) {
    for checkbox in find_all(root, "[data-testid=columns-menu] input[type=checkbox][data-column]") {
        let checkbox: web_sys::HtmlInputElement = checkbox.unchecked_into();
        if !checkbox.checked() {
            checkbox.click();
        }
    }
    // The table's classes change in the effects that run next.
    sleep(0).await;
}

/// Selects a task as a click on its grid row's id does.
pub fn select_row(root: &web_sys::HtmlElement, id: &str) {
    click(root, &format!("[data-testid=task-row][data-task-id={id}] td.table__id"));
}

pub fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector).and_then(|element| element.text_content()).unwrap_or_default()
}

/// Sets an input's value and fires `change`, as a person typing then leaving the field does.
pub fn change_input(input: &web_sys::HtmlElement, value: &str) {
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
pub fn grid_field(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let selector =
        format!("[data-testid=task-grid] [aria-label='{label}'], [data-testid=task-grid] [data-label='{label}']");
    find(root, &selector).unwrap_or_else(|| panic!("no field {label}")).focus().unwrap();
    let field = find(root, &selector).unwrap();
    assert_eq!(field.tag_name(), "INPUT", "{label} is an input once focused");
    field
}

/// The example program shipped with the app.
pub const EXAMPLE_PLAN: &str = include_str!("../../examples/program.plan.json");

/// Opens a file through the app's own file picker, as a person choosing it would.
pub fn choose_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    choose_this_file(root, &text_file(name, text));
}

pub fn text_file(name: &str, text: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).unwrap()
}

/// Opens `file` through the app's own file picker.
pub fn choose_this_file(root: &web_sys::HtmlElement, file: &web_sys::File) {
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(file).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "[data-testid=import-input]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// Opens the example program from the start screen's file picker.
pub async fn open_example(root: &web_sys::HtmlElement) {
    choose_file(root, "program.plan.json", EXAMPLE_PLAN);
    wait_for("the task grid", || find(root, "[data-testid=task-grid]").is_some()).await;
}

/// The number of tasks the timeline says the plan has ("40 tasks · finishes ...").
pub fn task_count(root: &web_sys::HtmlElement) -> usize {
    let summary = text(root, "[data-testid=plan-finish]");
    summary.split_whitespace().next().and_then(|count| count.parse().ok()).unwrap_or(0)
}

pub fn stored_plan_keys() -> Vec<String> {
    let storage = storage();
    (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .filter(|key| key.starts_with("planwright:plan:"))
        .collect()
}

/// The plan stored in local storage (the only one).
pub fn stored_plan() -> planwright::model::Plan {
    file::parse(&storage().get_item(&stored_plan_keys()[0]).unwrap().unwrap()).unwrap()
}

/// The ids of the register's rows, top to bottom.
pub fn risk_rows(root: &web_sys::HtmlElement) -> Vec<String> {
    find_all(root, "[data-testid=risk-row]").iter().filter_map(|row| row.get_attribute("data-risk-row")).collect()
}

/// Chooses an option of a select and fires `change`, as a person picking it does.
pub fn choose_option(select: &web_sys::HtmlElement, value: &str) {
    change_input_value(select, value);
}

/// Shows a view by its header button.
pub fn show_view(root: &web_sys::HtmlElement, view: &str) {
    find_all(root, ".header__nav button")
        .into_iter()
        .find(|button| button.text_content().as_deref() == Some(view))
        .unwrap_or_else(|| panic!("no {view} button"))
        .click();
}

pub fn press_key(target: &web_sys::HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

/// Chooses a file in the compare view's own file picker, as a person would.
pub fn choose_compare_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
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

pub fn change_input_value(element: &web_sys::HtmlElement, value: &str) {
    let select: &web_sys::HtmlSelectElement = element.unchecked_ref();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// The files the app offers for download while it lives: the page's download links are
/// caught before the browser follows them, and the blob URLs kept alive to be read.
pub struct Downloads {
    pub caught: std::rc::Rc<std::cell::RefCell<Vec<(String, String)>>>,
    listener: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
    revoke: wasm_bindgen::JsValue,
}

impl Downloads {
    pub fn catch() -> Self {
        let caught = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let list = caught.clone();
        let listener =
            wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(anchor) =
                    event.target().and_then(|target| target.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                else {
                    return;
                };
                if anchor.has_attribute("download") {
                    event.prevent_default();
                    list.borrow_mut().push((anchor.download(), anchor.href()));
                }
            });
        let document = web_sys::window().unwrap().document().unwrap();
        document.add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true).unwrap();
        let url = js_sys::Reflect::get(&web_sys::window().unwrap(), &"URL".into()).unwrap();
        let revoke = js_sys::Reflect::get(&url, &"revokeObjectURL".into()).unwrap();
        js_sys::Reflect::set(&url, &"revokeObjectURL".into(), &js_sys::Function::new_no_args("")).unwrap();
        Self { caught, listener, revoke }
    }

    /// The bytes of the file offered under `name`.
    pub async fn bytes(&self, name: &str) -> Vec<u8> {
        let href = self.caught.borrow().iter().find(|(file, _)| file == name).map(|(_, href)| href.clone());
        let href = href.unwrap_or_else(|| panic!("no download {name}: {:?}", self.caught.borrow()));
        let window = web_sys::window().unwrap();
        let response: web_sys::Response =
            wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&href)).await.unwrap().unchecked_into();
        let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().unwrap()).await.unwrap();
        js_sys::Uint8Array::new(&buffer).to_vec()
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        let document = web_sys::window().unwrap().document().unwrap();
        let _ = document.remove_event_listener_with_callback_and_bool(
            "click",
            self.listener.as_ref().unchecked_ref(),
            true,
        );
        let url = js_sys::Reflect::get(&web_sys::window().unwrap(), &"URL".into()).unwrap();
        let _ = js_sys::Reflect::set(&url, &"revokeObjectURL".into(), &self.revoke);
    }
}
