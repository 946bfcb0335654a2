//! The header (plan name, plan switcher, views, file actions), the banners, and the
//! keyboard shortcuts and file drops that work anywhere on the page.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::files;
use super::parts;
use super::plan_reader::{self, ReadFailure};
use super::state::{use_plan, Notice, Page, PlanContext, SaveState};
use super::update_banner::UpdateBanner;
use crate::file;
use crate::model::Plan;
use crate::storage;

const NEW_PLAN_CHOICE: &str = "planwright:new";
const ALL_PLANS_CHOICE: &str = "planwright:all";

/// Keyboard shortcuts and save-on-leave, for the whole page.
pub fn install_global_listeners(context: PlanContext) {
    let keys = window_event_listener(ev::keydown, move |event: ev::KeyboardEvent| on_key(context, &event));
    let hide = window_event_listener(ev::pagehide, move |_| context.flush());
    // Another tab of this browser wrote to local storage.
    let storage = window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
        context.on_storage_changed(event.key(), event.new_value().is_none());
    });
    let visibility = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            context.flush();
        }
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        storage.remove();
        visibility.remove();
    });
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
    } else if event.alt_key() && context.plan_id.get_untracked().is_some() {
        let page = match event.code().as_str() {
            "Digit1" => Some(Page::Plan),
            "Digit2" => Some(Page::Timeline),
            "Digit3" => Some(Page::Raci),
            "Digit4" => Some(Page::Risks),
            "Digit5" => Some(Page::Report),
            _ => None,
        };
        if let Some(page) = page {
            event.prevent_default();
            context.page.set(page);
        }
    } else if key == "escape" {
        context.notice.set(None);
    }
}

/// Opens a plan file dropped anywhere on the page.
pub fn on_drop(context: PlanContext, event: ev::DragEvent) {
    event.prevent_default();
    let Some(file) = event.data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0)) else {
        return;
    };
    import_file(context, file);
}

/// Opens a plan file the user chose or dropped. Reading files is a part, fetched the first
/// time a file is opened.
pub fn import_file(context: PlanContext, file: web_sys::File) {
    parts::run(context, "the plan file reader", Box::pin(parts::import_file(context, file)));
}

/// Reads, checks and opens a plan file (the part behind [`import_file`]).
pub fn read_and_import(context: PlanContext, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        match plan_reader::read_plan_file(context, &file).await {
            Ok(plan) => context.import_plan(&name, plan),
            Err(ReadFailure::Refused(problems)) => context.refuse_import(&name, problems),
            Err(ReadFailure::Unreadable(error)) => {
                context.notice.set(Some(Notice::error(format!("{name} was not opened: {error}."), Vec::new())))
            }
        }
    });
}

pub fn export_plan(context: PlanContext) {
    // A file that leaves the app records its edits, as a save does.
    context.stamp_if_edited();
    let (name, text) = context.plan.with_untracked(|plan| (file::file_name(plan), file::to_json(plan)));
    match files::download(&name, &text, "application/json") {
        // What was sent is what the colleague's copy starts from: Compare's common version.
        Ok(()) => context.remember_common_version(&context.plan.with_untracked(file::to_json_compact)),
        Err(error) => context
            .refuse(format!("the browser could not download the file ({})", crate::storage::describe_js_error(&error))),
    }
}

/// The picker behind "Import…": a hidden file input.
#[component]
pub fn ImportButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// Extra CSS class for the button.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let context = use_plan();
    view! {
        <files::PlanFilePicker
            label=label
            class=class
            input_label="Plan file to open"
            input_testid="import-input"
            on_file=move |file| import_file(context, file)
        />
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let context = use_plan();
    let plan_name = move || context.plan.with(|plan| plan.name.clone());
    let has_plan = move || context.plan_id.get().is_some();
    // A plan that has never been stored (storage full or unavailable) is still the one
    // open: the switcher names it rather than showing an empty choice.
    let unlisted_plan = move || {
        let id = context.plan_id.get()?;
        let listed = context.plans.with(|plans| plans.iter().any(|meta| meta.id == id));
        (!listed).then(|| view! { <option value=id>{format!("{} (not saved)", plan_name())}</option> })
    };
    view! {
        <header class="header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <button type="button" class="header__brand" title="All plans" on:click=move |_| context.close()>
                <span class="header__logo" aria-hidden="true">"▰"</span>
                "Planwright"
            </button>
            <Show when=has_plan>
                <label class="header__switcher">
                    <span class="visually-hidden">"Open plan"</span>
                    <select
                        data-testid="plan-switcher"
                        on:change=move |event| {
                            let choice = event_target_value(&event);
                            match choice.as_str() {
                                "" => {}
                                NEW_PLAN_CHOICE => {
                                    if context.open_new(Plan::new("Untitled plan", storage::today())) {
                                        context.page.set(Page::Plan);
                                    }
                                }
                                ALL_PLANS_CHOICE => context.close(),
                                id => context.open_stored(id),
                            }
                            // Show the open plan again after a menu choice.
                            let select: web_sys::HtmlSelectElement = event_target(&event);
                            select.set_value(&context.plan_id.get_untracked().unwrap_or_default());
                        }
                        prop:value=move || context.plan_id.get().unwrap_or_default()
                    >
                        {unlisted_plan}
                        <For each=move || context.plans.get() key=|meta| (meta.id.clone(), meta.name.clone()) let:meta>
                            <option value=meta.id.clone()>{meta.name.clone()}</option>
                        </For>
                        <option disabled=true>"──────────"</option>
                        <option value=NEW_PLAN_CHOICE>"＋ New plan"</option>
                        <option value=ALL_PLANS_CHOICE>"All plans…"</option>
                    </select>
                </label>
                <h1 class="header__title visually-hidden" title=plan_name>{plan_name}</h1>
                <nav class="header__nav" aria-label="Views">
                    {Page::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(index, page)| {
                            view! {
                                <button
                                    type="button"
                                    class="header__tab"
                                    class:header__tab--active=move || context.page.get() == page
                                    aria-current=move || (context.page.get() == page).then_some("page")
                                    title=format!("{} (Alt+{})", page.label(), index + 1)
                                    on:click=move |_| context.page.set(page)
                                >
                                    {page.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <div class="header__actions">
                    <button
                        type="button"
                        class="button button--quiet"
                        title="Undo (Ctrl+Z)"
                        data-testid="undo"
                        disabled=move || context.history_sizes.get().0 == 0
                        on:click=move |_| context.undo()
                    >"Undo"</button>
                    <button
                        type="button"
                        class="button button--quiet"
                        title="Redo (Ctrl+Shift+Z)"
                        data-testid="redo"
                        disabled=move || context.history_sizes.get().1 == 0
                        on:click=move |_| context.redo()
                    >"Redo"</button>
                    <SaveIndicator/>
                    <ImportButton label="Import…"/>
                    <super::compare::CompareButton/>
                    <button type="button" class="button" data-testid="export" on:click=move |_| export_plan(context)>"Export"</button>
                    <ExportMenu/>
                </div>
            </Show>
        </header>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let context = use_plan();
    move || {
        let (text, modifier) = match context.save_state.get() {
            SaveState::Saved => ("Saved", "saved"),
            SaveState::Pending => ("Saving…", "pending"),
            SaveState::Failed(_) => ("Not saved", "failed"),
            SaveState::InMemory(_) => ("Not saved: in this tab only", "failed"),
            SaveState::Conflict { .. } => ("Not saved: changed in another tab", "failed"),
        };
        view! {
            <span class=format!("save-state save-state--{modifier}") role="status" data-testid="save-state">{text}</span>
        }
    }
}

/// Save failures, storage warnings, notices, kept-aside texts and a new release. The
/// rare ones (a save that failed, a conflict with another tab, storage that cannot be
/// used, plans kept aside) are a part, fetched the first time one is shown.
#[component]
pub fn Banners() -> impl IntoView {
    let context = use_plan();
    let save_problem = Memo::new(move |_| {
        context
            .save_state
            .with(|state| matches!(state, SaveState::Failed(_) | SaveState::Conflict { .. } | SaveState::InMemory(_)))
    });
    let any_kept = Memo::new(move |_| context.kept.with(|kept| !kept.is_empty()));
    view! {
        <div class="banners" aria-live="polite">
            <UpdateBanner/>
            {move || save_problem.get().then(|| parts::show("this warning", || Box::pin(parts::save_problem_banner())))}
            {move || context.notice.get().map(|notice| {
                let class = if notice.is_error { "banner banner--error" } else { "banner banner--info" };
                view! {
                    <div class=class role=if notice.is_error { "alert" } else { "status" } data-testid="notice">
                        <div class="banner__body">
                            <p class="banner__text">{notice.text.clone()}</p>
                            {(!notice.details.is_empty()).then(|| view! {
                                <ul class="banner__details">
                                    {notice.details.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </div>
                        <button type="button" class="button button--quiet" aria-label="Dismiss" on:click=move |_| context.notice.set(None)>"✕"</button>
                    </div>
                }
            })}
            {move || any_kept.get().then(|| parts::show("the kept-aside plans", || Box::pin(parts::kept_aside_banners())))}
        </div>
    }
}

/// The banner of a save that failed, a conflict with another tab, or storage that cannot
/// be used (a part: see [`Banners`]).
#[component]
pub fn SaveProblemBanner() -> impl IntoView {
    let context = use_plan();
    move || {
        match context.save_state.get() {
        SaveState::Failed(message) => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="save-error">
                <span>{message}</span>
                <button type="button" class="button" on:click=move |_| context.save_now()>"Try again"</button>
                <button type="button" class="button" on:click=move |_| export_plan(context)>"Export"</button>
                <button type="button" class="button button--quiet" on:click=move |_| context.close_without_saving()>"Close without saving"</button>
            </div>
        }.into_any()),
        SaveState::Conflict { deleted } => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="save-conflict">
                <span>{if deleted {
                    "This plan was deleted in another tab while this tab had changes. Nothing here is saved until you choose."
                } else {
                    "This plan was saved in another tab while this tab had changes of its own. Nothing here is saved until you choose: saving now would overwrite the other tab's work."
                }}</span>
                {(!deleted).then(|| view! {
                    <button type="button" class="button" data-testid="load-other-version" on:click=move |_| context.load_stored_version()>"Load the other tab's version"</button>
                })}
                <button type="button" class="button" data-testid="keep-as-copy" on:click=move |_| context.keep_as_copy()>"Keep this tab's version as a copy"</button>
                <button type="button" class="button" on:click=move |_| export_plan(context)>"Export"</button>
            </div>
        }.into_any()),
        SaveState::InMemory(why) => Some(view! {
            <div class="banner banner--warning" role="alert" data-testid="storage-unavailable">
                {format!("Plans cannot be kept in this browser: {why}. You can still plan here; export the plan before you close the tab.")}
            </div>
        }.into_any()),
        _ => None,
    }
    }
}

/// One banner per stored plan that could not be read and was kept aside (a part: see
/// [`Banners`]).
#[component]
pub fn KeptAsideBanners() -> impl IntoView {
    let context = use_plan();
    view! {
        <For each=move || context.kept.get() key=|(key, _)| key.clone() let:kept>
            {
                let (key, text) = kept;
                let download_key = key.clone();
                let discard_key = key.clone();
                view! {
                    <div class="banner banner--warning" data-testid="kept-aside">
                        <span>"A stored plan could not be read and was kept aside, unchanged."</span>
                        <button type="button" class="button" on:click=move |_| {
                            let name = format!("{}.unreadable.json", download_key.replace(':', "-"));
                            let _ = files::download(&name, &text, "application/json");
                        }>"Download it"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| context.discard_kept(&discard_key)>"Discard"</button>
                    </div>
                }
            }
        </For>
    }
}

/// "More exports": the timeline as SVG, Mermaid gantt text, the calendar of milestones
/// and risk reviews, and a share link.
#[component]
fn ExportMenu() -> impl IntoView {
    use super::report::Export;
    let context = use_plan();
    let menu = NodeRef::<leptos::html::Details>::new();
    let choose = move |kind: Export| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
        parts::run(context, "this export", Box::pin(parts::export(context, kind)));
    };
    view! {
        <details class="menu" node_ref=menu data-testid="export-menu">
            <summary class="button" title="Exports for other tools">"More ▾"</summary>
            <div class="menu__items" role="menu">
                <button type="button" role="menuitem" class="menu__item" data-testid="export-svg" on:click=move |_| choose(Export::TimelineSvg)>"Timeline as SVG"</button>
                <button type="button" role="menuitem" class="menu__item" data-testid="export-mermaid" on:click=move |_| choose(Export::Mermaid)>"Mermaid gantt (.mmd)"</button>
                <button type="button" role="menuitem" class="menu__item" data-testid="copy-mermaid" on:click=move |_| choose(Export::MermaidCopy)>"Copy Mermaid gantt"</button>
                <button type="button" role="menuitem" class="menu__item" data-testid="export-ics" on:click=move |_| choose(Export::Calendar)>"Calendar of milestones and reviews (.ics)"</button>
                <button type="button" role="menuitem" class="menu__item" data-testid="copy-share-link" on:click=move |_| {
                    if let Some(menu) = menu.get_untracked() {
                        menu.set_open(false);
                    }
                    parts::run(context, "the share link", Box::pin(parts::copy_share_link(context)));
                }>"Copy share link"</button>
            </div>
        </details>
    }
}
