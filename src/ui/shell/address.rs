//! The page's link follows the view (`session::Address`, after the `#`): a reload comes
//! back to the same view and selection, Back and Forward move between views, a bookmark
//! opens its view. A share link's `#plan=…` is left alone (`share.rs` reads it).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::file::share::SHARE_FRAGMENT_PREFIX;
use crate::model::{RiskId, TaskId};
use crate::session::address::HistoryEntry;
use crate::session::{Address, Page};
use crate::ui::compare::CompareView;
use crate::ui::state::PlanContext;

/// How long a new selection waits before it replaces the address, so that walking
/// through tasks with the arrow keys writes the address once, not at every step (browsers
/// throttle a page that rewrites its address too often).
const SELECTION_DELAY_MS: u64 = 150;

/// Opens the view the page's link names, then keeps the link following the view.
pub fn follow_address(context: PlanContext, compare: CompareView) {
    go_to_link(context, compare);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let page = context.view.page.get();
        let address = if compare.is_open() {
            Address::Compare
        } else {
            context.view.selected_task.with(|task| {
                context.view.selected_risk.with(|risk| Address::of_view(page, task.as_ref(), risk.as_ref()))
            })
        };
        if context.document.plan_id.with(Option::is_some) {
            show_address(&address, pending);
        }
    });
    // Back and Forward (`popstate`), a link typed into the address bar or followed
    // (`hashchange`): the view follows. (One closure for both, as in the wasm once.)
    let follow = move |_| go_to_link(context, compare);
    let back = window_event_listener_untyped("popstate", follow);
    let typed = window_event_listener_untyped("hashchange", follow);
    on_cleanup(move || {
        back.remove();
        typed.remove();
        if let Some(timer) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    });
}

fn link_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Shows the view and selection the page's link names, if it names one.
fn go_to_link(context: PlanContext, compare: CompareView) {
    let Some(address) = Address::parse(&link_fragment()) else { return };
    match address {
        Address::Compare if context.document.plan_id.get_untracked().is_some() => {
            crate::ui::focus::leave_focused_field();
            compare.show(context);
        }
        Address::Compare => {}
        Address::View { page, selected } => {
            // A followed link takes the focus from the field being typed in (committing it),
            // as a person leaving it would: a row's field keeping the focus would select
            // its own task again over the one the link names.
            crate::ui::focus::leave_focused_field();
            // Set even when it is the view shown: that closes a comparison open over it.
            context.show_page(page);
            let exists = |kind: Page| {
                selected.clone().filter(|id| {
                    context.document.plan.with_untracked(|plan| match kind {
                        Page::Timeline => plan.task(id).is_some(),
                        _ => plan.risk(id).is_some(),
                    })
                })
            };
            match page {
                Page::Timeline => context.view.selected_task.set(exists(Page::Timeline).map(TaskId::new)),
                Page::Risks => context.view.selected_risk.set(exists(Page::Risks).map(RiskId::new)),
                _ => {}
            }
        }
    }
}

/// Puts `address` in the page's link: a new history entry for a new view, the same entry
/// (a moment later) for a new selection.
fn show_address(address: &Address, pending: StoredValue<Option<TimeoutHandle>, LocalStorage>) {
    let fragment = link_fragment();
    if fragment.starts_with(SHARE_FRAGMENT_PREFIX) {
        return;
    }
    if let Some(timer) = pending.try_update_value(Option::take).flatten() {
        timer.clear();
    }
    let shown = Address::parse(&fragment);
    let target = address.to_fragment();
    match address.history_entry(shown.as_ref()) {
        HistoryEntry::Unchanged => {}
        HistoryEntry::Push => write_link(&target, true),
        HistoryEntry::Replace if shown.is_none() => write_link(&target, false),
        HistoryEntry::Replace => {
            let timer = set_timeout_with_handle(
                move || write_link(&target, false),
                std::time::Duration::from_millis(SELECTION_DELAY_MS),
            );
            pending.set_value(timer.ok());
        }
    }
}

fn write_link(fragment: &str, new_entry: bool) {
    let Ok(history) = window().history() else { return };
    let _ = if new_entry {
        history.push_state_with_url(&JsValue::NULL, "", Some(fragment))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(fragment))
    };
}
