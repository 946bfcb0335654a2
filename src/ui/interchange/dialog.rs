//! The dialog of an import (the loss report, the CSV mapping): the browser's modal
//! `<dialog>`, so the focus moves into it and stays there, and the page behind cannot be
//! used until it is answered. Escape cancels, Enter confirms (a focused button does what
//! it says). One at a time: it is mounted on its own, outside the views, by the part
//! that opens it, and unmounted when answered.

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The open dialog's mount, which unmounts it when dropped.
    static OPEN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// The selector of the dialog element every import dialog draws.
const DIALOG: &str = "dialog.import-dialog";

/// Shows a dialog (drawn by `view`, an [`ImportDialog`]) in place of any other.
pub fn show<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) {
    close();
    let document = document();
    let Some(parent) = document.query_selector(".app").ok().flatten().or_else(|| document.body().map(Into::into))
    else {
        return;
    };
    let mounted = leptos::mount::mount_to(parent.unchecked_into(), view);
    OPEN.with(|open| *open.borrow_mut() = Some(Box::new(mounted)));
    if let Some(dialog) = document.query_selector(DIALOG).ok().flatten() {
        show_modal(&dialog);
    }
}

/// Takes the dialog away. It is unmounted after the event that answered it has run.
pub fn close() {
    let Some(mounted) = OPEN.with(|open| open.borrow_mut().take()) else { return };
    leptos::task::spawn_local(async move { drop(mounted) });
}

/// `HTMLDialogElement.showModal()`, called by name: web-sys's binding of it is a cargo
/// feature the rest of the app does not need.
fn show_modal(dialog: &web_sys::Element) {
    let method = js_sys::Reflect::get(dialog, &"showModal".into()).ok();
    if let Some(method) = method.and_then(|method| method.dyn_into::<js_sys::Function>().ok()) {
        let _ = method.call0(dialog);
    }
}

/// A modal import dialog: a title, the content, and the answers "Import" and "Cancel"
/// (which changes nothing).
#[component]
pub fn ImportDialog(
    /// The dialog's title, which names it for assistive technology too.
    #[prop(into)]
    title: String,
    /// The dialog's `data-testid`.
    testid: &'static str,
    /// Whether "Import" can be chosen now (a CSV file with problems cannot be imported).
    #[prop(into)]
    can_confirm: Signal<bool>,
    /// Imports (the dialog is closed first). Cancel only closes it: nothing changes.
    on_confirm: Callback<()>,
    /// A line beside the buttons, always in view: what "Import" would do, or why it cannot.
    #[prop(optional, into)]
    status: Option<Signal<String>>,
    /// What the dialog shows between its title and its buttons.
    children: Children,
) -> impl IntoView {
    let confirm = move || {
        if can_confirm.get_untracked() {
            close();
            on_confirm.run(());
        }
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            close();
        }
        // A focused button answers Enter itself.
        "Enter" if !target_is_a_button(&event) => {
            event.prevent_default();
            confirm();
        }
        _ => {}
    };
    view! {
        <dialog class="import-dialog" aria-labelledby="import-dialog-title" data-testid=testid on:keydown=on_key>
            <h2 class="import-dialog__title" id="import-dialog-title">{title}</h2>
            <div class="import-dialog__body">{children()}</div>
            <div class="import-dialog__actions">
                {status.map(|status| view! { <p class="import-dialog__status" role="status" data-testid="import-status">{status}</p> })}
                <button type="button" class="button button--primary" data-testid="import-confirm" autofocus=true
                    disabled=move || !can_confirm.get() on:click=move |_| confirm()>"Import"</button>
                <button type="button" class="button" data-testid="import-cancel" on:click=move |_| close()>"Cancel"</button>
            </div>
        </dialog>
    }
}

fn target_is_a_button(event: &leptos::ev::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "BUTTON" | "A" | "TEXTAREA"))
}
