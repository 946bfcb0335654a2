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

/// Reports every panic from now on. In a debug build the hook there was before runs too
/// (the browser tests' runner records a test's panic through it); the release build's is
/// std's, which has nowhere to write in a browser.
pub fn install_panic_report() {
    #[cfg(debug_assertions)]
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report_panic(&info.to_string());
        #[cfg(debug_assertions)]
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

/// The banner, as one piece of markup (fewer calls into the browser, and less code, than
/// making each element): its texts are the app's own, nothing from the plan.
const BANNER: &str = r#"<div id="planwright-panic" class="banner banner--error panic-banner" role="alert" data-testid="panic-banner">
<div class="banner__body"><p class="banner__text"></p><p class="banner__hint"></p></div>
<a class="button button--primary" data-testid="panic-download" hidden>Download the plan</a>
<button type="button" class="button" data-testid="panic-reload">Reload</button></div>"#;

fn show_banner() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(BANNER_ID).is_some() {
        return Some(());
    }
    let plan = plan_to_offer();
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
    document.body()?.insert_adjacent_html("afterbegin", BANNER).ok()?;
    let banner = document.get_element_by_id(BANNER_ID)?;
    let part = |selector: &str| banner.query_selector(selector).ok().flatten();
    part(".banner__text")?.set_text_content(Some(headline));
    part(".banner__hint")?.set_text_content(Some(detail));
    if let Some(plan) = plan {
        offer_download(&part("[data-testid=panic-download]")?, &plan)?;
    }
    // The one call into the app after a panic: it only asks the browser to reload.
    let reload = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    part("[data-testid=panic-reload]")?.add_event_listener_with_callback("click", reload.unchecked_ref()).ok()?;
    Some(())
}

/// Makes the link download the plan's text: a plain link, which works with no code of
/// the app.
fn offer_download(link: &web_sys::Element, plan: &LastCopy) -> Option<()> {
    let parts = js_sys::Array::of1(&plan.text.as_str().into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    link.set_attribute("href", &url).ok()?;
    link.set_attribute("download", &plan.file_name).ok()?;
    link.remove_attribute("hidden").ok()?;
    Some(())
}
