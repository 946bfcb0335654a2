//! A panic is never silent. The hook, installed first in every build (`main.rs`), writes
//! the message to the console and puts a banner on the page, "Something went wrong — your
//! plan is saved; reload", with the plan to download. The banner is made with plain DOM
//! calls and its download link is a plain link: after a panic the reactive runtime may be
//! broken (the release build aborts right after the hook), so nothing here goes through
//! Leptos, and the link works without running any more of the app's code.
//!
//! The plan offered is the copy the last save wrote (kept by `keep_last_copy`), or the open
//! plan as stored, when there has been no save since it was opened.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

/// The banner's element id; while it is in the page, the app has panicked.
const BANNER_ID: &str = "planwright-panic";

/// The open plan as the last save wrote it out.
struct LastCopy {
    file_name: String,
    text: String,
    /// Whether that save reached local storage.
    saved: bool,
}

thread_local! {
    static LAST_COPY: RefCell<Option<LastCopy>> = const { RefCell::new(None) };
}

/// Reports every panic from now on, then hands it to the hook there was before (the
/// test runner's, in browser tests).
pub fn install_panic_report() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report_panic(&info.to_string());
        previous(info);
    }));
}

/// Writes the panic's message to the console and shows the banner (once).
fn report_panic(message: &str) {
    let stack = js_sys::Reflect::get(&js_sys::Error::new(""), &"stack".into())
        .ok()
        .and_then(|stack| stack.as_string())
        .unwrap_or_default();
    web_sys::console::error_1(&format!("Planwright stopped on a bug: {message}\n{stack}").into());
    let _ = show_banner();
}

/// Whether the app has panicked in this page: then it saves nothing more (the plan in
/// memory may be half-changed) and its keys do nothing.
pub fn has_panicked() -> bool {
    let document = web_sys::window().and_then(|window| window.document());
    document.is_some_and(|document| document.get_element_by_id(BANNER_ID).is_some())
}

/// Keeps the text a save just wrote out (or tried to), for the banner to offer.
pub fn keep_last_copy(file_name: String, text: String, saved: bool) {
    LAST_COPY.with(|copy| {
        if let Ok(mut copy) = copy.try_borrow_mut() {
            *copy = Some(LastCopy { file_name, text, saved });
        }
    });
}

/// Forgets the copy of the plan that was open: another plan is opened, or none.
pub fn forget_last_copy() {
    LAST_COPY.with(|copy| {
        if let Ok(mut copy) = copy.try_borrow_mut() {
            *copy = None;
        }
    });
}

/// The plan to offer: the last copy written out, else the open plan as stored.
fn plan_to_offer() -> Option<LastCopy> {
    let kept = LAST_COPY.try_with(|copy| {
        copy.try_borrow().ok().and_then(|copy| {
            copy.as_ref().map(|copy| LastCopy {
                file_name: copy.file_name.clone(),
                text: copy.text.clone(),
                saved: copy.saved,
            })
        })
    });
    kept.ok().flatten().or_else(|| {
        let text = crate::storage::stored_text_of_current_plan()?;
        Some(LastCopy { file_name: "plan.plan.json".into(), text, saved: true })
    })
}

fn show_banner() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(BANNER_ID).is_some() {
        return Some(());
    }
    let plan = plan_to_offer();
    let element = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let element = document.create_element(tag).ok()?;
        element.set_class_name(class);
        element.set_text_content(Some(text));
        Some(element)
    };
    let banner = element("div", "banner banner--error panic-banner", "")?;
    banner.set_id(BANNER_ID);
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "panic-banner").ok()?;
    let body = element("div", "banner__body", "")?;
    let (headline, detail) = match &plan {
        Some(plan) if plan.saved => (
            "Something went wrong — your plan is saved; reload the page to go on.",
            "Planwright hit a bug and stopped. Your edits up to the last save are in this browser; download the plan to keep a copy of your own.",
        ),
        Some(_) => (
            "Something went wrong — download your plan, then reload the page.",
            "Planwright hit a bug and stopped, and your latest edits could not be saved in this browser: the download has them.",
        ),
        None => ("Something went wrong — reload the page to go on.", "Planwright hit a bug and stopped."),
    };
    let (headline, detail) = (element("p", "banner__text", headline)?, element("p", "banner__hint", detail)?);
    body.append_child(&headline).ok()?;
    body.append_child(&detail).ok()?;
    banner.append_child(&body).ok()?;
    if let Some(plan) = plan {
        let link = download_link(&document, &plan)?;
        banner.append_child(&link).ok()?;
    }
    let reload = reload_button(&document)?;
    banner.append_child(&reload).ok()?;
    let page = document.body()?;
    page.insert_before(&banner, page.first_child().as_ref()).ok()?;
    Some(())
}

/// A plain link to the plan's text: the browser downloads it with no code of the app.
fn download_link(document: &web_sys::Document, plan: &LastCopy) -> Option<web_sys::Element> {
    let parts = js_sys::Array::of1(&plan.text.as_str().into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link = document.create_element("a").ok()?;
    link.set_class_name("button button--primary");
    link.set_text_content(Some("Download the plan"));
    link.set_attribute("href", &url).ok()?;
    link.set_attribute("download", &plan.file_name).ok()?;
    link.set_attribute("data-testid", "panic-download").ok()?;
    Some(link)
}

fn reload_button(document: &web_sys::Document) -> Option<web_sys::Element> {
    let button = document.create_element("button").ok()?;
    button.set_class_name("button");
    button.set_text_content(Some("Reload"));
    button.set_attribute("type", "button").ok()?;
    // The one call into the app after a panic: it only asks the browser to reload.
    let reload = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", reload.unchecked_ref()).ok()?;
    Some(button)
}
