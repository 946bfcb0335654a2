//! The focused field of the view, below the state: showing another view first commits
//! its text (`PlanContext::show_page`, the address and the keys).

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Takes the focus from the focused field of the view, so it commits its text through its
/// own path (as a person leaving it does) while its view is still there: before the
/// keyboard or the address shows another view, which removes the field.
pub fn leave_focused_field() {
    let Some(active) = document().active_element() else { return };
    let in_view = active.closest(".app__main").ok().flatten().is_some();
    let is_field = matches!(active.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT");
    if in_view && is_field {
        if let Some(field) = active.dyn_ref::<web_sys::HtmlElement>() {
            let _ = field.blur();
        }
    }
}
