//! What works anywhere on the page: the keyboard shortcuts, saving before the page is
//! hidden or left, and following text in progress (`typing`).

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::typing::Typing;
use crate::ui::panic_report;
use crate::ui::state::{Page, PlanContext, SaveState};

/// Keyboard shortcuts, save-on-leave and text in progress, for the whole page. Each
/// listener is removed with the app, before its closure goes.
pub fn install_global_listeners(context: PlanContext) {
    let typing = Typing::follow(context);
    let keys = window_event_listener(ev::keydown, move |event: ev::KeyboardEvent| {
        if !panic_report::has_panicked() {
            on_key(context, &event);
        }
    });
    // Leaving the page (a reload, a closed tab) or hiding it: one handler for the three.
    let leaving = Rc::new(move |event: web_sys::Event| on_leaving(context, &typing, &event));
    let leave_listeners: Vec<_> = ["beforeunload", "pagehide", "visibilitychange"]
        .into_iter()
        .map(|name| {
            let leaving = leaving.clone();
            window_event_listener_untyped(name, move |event| leaving(event))
        })
        .collect();
    // Another tab of this browser wrote to local storage.
    let storage = window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
        if !panic_report::has_panicked() {
            context.on_storage_changed(event.key(), event.new_value().is_none());
        }
    });
    on_cleanup(move || {
        keys.remove();
        storage.remove();
        leave_listeners.into_iter().for_each(|listener| listener.remove());
    });
}

/// The page is left (`beforeunload`, then `pagehide`) or hidden (`visibilitychange`): text
/// in progress is committed through its field and everything is saved; before leaving,
/// the browser asks if something would still be lost.
fn on_leaving(context: PlanContext, typing: &Typing, event: &web_sys::Event) {
    let kind = event.type_();
    let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
    if kind == "visibilitychange" && !hidden {
        return;
    }
    // Only hidden, the page comes back: the field gets its focus back.
    let would_lose = keep_before_leaving(context, typing, kind == "visibilitychange");
    if kind == "beforeunload" && would_lose {
        event.prevent_default();
        if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
            event.set_return_value("");
        }
    }
}

/// Commits text in progress and saves (`refocus`: the page is only hidden, the field gets
/// its focus back). Returns whether something would still be lost: text a field holds
/// that was refused, or edits that could not be saved.
fn keep_before_leaving(context: PlanContext, typing: &Typing, refocus: bool) -> bool {
    if panic_report::has_panicked() || context.document.plan_id.get_untracked().is_none() {
        return false;
    }
    let text_kept_back = typing.commit(refocus);
    context.flush();
    text_kept_back
        || context.has_unsaved_changes()
        || matches!(context.session.save_state.get_untracked(), SaveState::InMemory(_))
}

fn on_key(context: PlanContext, event: &ev::KeyboardEvent) {
    let command_key = event.ctrl_key() || event.meta_key();
    let key = event.key().to_ascii_lowercase();
    let typing = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if command_key && key == "z" && !typing {
        event.prevent_default();
        if event.shift_key() {
            context.redo();
        } else {
            context.undo();
        }
    } else if command_key && key == "y" && !typing {
        event.prevent_default();
        context.redo();
    } else if command_key && key == "s" {
        event.prevent_default();
        context.save_now();
    } else if event.alt_key() && context.document.plan_id.get_untracked().is_some() {
        // Alt+1 … Alt+7: the views in the header's order.
        let page = event
            .code()
            .strip_prefix("Digit")
            .and_then(|digit| digit.parse::<usize>().ok())
            .and_then(|number| Page::ALL.get(number.checked_sub(1)?).copied());
        if let Some(page) = page {
            event.prevent_default();
            context.show_page(page);
        }
    } else if key == "escape" {
        context.session.notice.set(None);
    }
}
