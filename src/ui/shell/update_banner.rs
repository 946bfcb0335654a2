//! The offline worker and the "new version" banner. The release build carries a service
//! worker (`sw.js`, written by `cargo xtask post-build` from `pwa/sw.js`) that keeps the
//! app's files, so the app starts with the network gone. A new release installs beside
//! the running one and waits; the banner offers to reload into it.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ServiceWorkerRegistration;

use crate::ui::state::{use_plan, Notice, SaveState};

/// Relative to the page, so the worker's scope is the folder the app is served from.
const WORKER_URL: &str = "./sw.js";
/// The message that lets a waiting worker take over (pwa/sw.js).
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    /// A new release is installed and waits for a reload.
    static UPDATE_READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
    /// The person chose "Reload": reload once the new worker has taken over.
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
    /// The worker's registration and the one listener of all its events.
    static WORKER: RefCell<Option<(ServiceWorkerRegistration, js_sys::Function)>> = const { RefCell::new(None) };
}

/// Registers the offline worker; called once by the page that serves the app (main.rs),
/// not by tests that mount the app elsewhere. Without service workers (an insecure
/// origin, an old browser) the app simply stays online-only.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    if container.is_undefined() {
        return;
    }
    let had_controller = container.controller().is_some();
    // One listener for every event (one closure keeps the wasm small).
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if event.type_() != "controllerchange" {
            follow_new_worker();
        } else if RELOAD_ASKED.get() {
            // The new worker took over after "Reload" here: load its release.
            reload();
        } else if had_controller {
            // "Reload" in another tab: this one still runs the old release.
            UPDATE_READY.with(|ready| ready.set(true));
        }
    })
    .into_js_value()
    .unchecked_into::<js_sys::Function>();
    container.set_oncontrollerchange(Some(&listener));
    let registering = container.register(WORKER_URL);
    // Not leptos::task::spawn_local: this runs before the app is mounted, when Leptos has no executor yet.
    wasm_bindgen_futures::spawn_local(async move {
        // A failed registration (offline at first visit, no sw.js) only means no offline use.
        if let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registering).await {
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            registration.set_onupdatefound(Some(&listener));
            WORKER.with(|worker| *worker.borrow_mut() = Some((registration, listener)));
            follow_new_worker();
        }
    });
}

/// Follows a worker still installing, and shows the banner once a newer worker has
/// installed beside the one that controls this page: now, or when the browser finds a
/// new release later.
fn follow_new_worker() {
    WORKER.with(|worker| {
        let Some((registration, listener)) = &*worker.borrow() else { return };
        if let Some(installing) = registration.installing() {
            installing.set_onstatechange(Some(listener));
        }
        let controlled =
            web_sys::window().is_some_and(|window| window.navigator().service_worker().controller().is_some());
        if controlled && registration.waiting().is_some() {
            UPDATE_READY.with(|ready| ready.set(true));
        }
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// "New version available — Reload", while a new release waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let context = use_plan();
    let ready = UPDATE_READY.with(Clone::clone);
    let apply = move |_| {
        // The reload must not lose edits: the same rule as leaving a plan.
        if !context.flush_before_leaving() {
            return;
        }
        if matches!(context.session.save_state.get_untracked(), SaveState::InMemory(_)) {
            let text = "Plans are not kept in this browser: export the plan before you reload.";
            context.session.notice.set(Some(Notice::error(text.to_string(), Vec::new())));
            return;
        }
        RELOAD_ASKED.set(true);
        let waiting =
            WORKER.with(|worker| worker.borrow().as_ref().and_then(|(registration, _)| registration.waiting()));
        match waiting {
            // The page reloads when the new worker has taken over (controllerchange).
            Some(worker) if worker.post_message(&JsValue::from_str(SKIP_WAITING)).is_ok() => {}
            _ => reload(),
        }
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="banner banner--info" role="status" data-testid="update-banner">
                    <p class="banner__text banner__body">"A new version of Planwright is available."</p>
                    <button type="button" class="button" data-testid="update-reload" on:click=apply>"Reload"</button>
                </div>
            }
        })
    }
}
