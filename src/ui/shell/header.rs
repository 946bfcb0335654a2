//! The header (plan name, plan switcher, views, file actions), the banners, and the
//! keyboard shortcuts and file drops that work anywhere on the page.

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::typing::Typing;
use super::update_banner::UpdateBanner;
use crate::file;
use crate::session::save_label;
use crate::storage;
use crate::ui::panic_report;
use crate::ui::parts;
use crate::ui::services::files;
use crate::ui::services::plan_reader::{self, ReadFailure};
use crate::ui::state::{use_plan, ImportQuestion, Notice, Page, PlanContext, SaveState};

const NEW_PLAN_CHOICE: &str = "planwright:new";
const ALL_PLANS_CHOICE: &str = "planwright:all";

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
    if panic_report::has_panicked() || context.plan_id.get_untracked().is_none() {
        return false;
    }
    let text_kept_back = typing.commit(refocus);
    context.flush();
    text_kept_back
        || context.has_unsaved_changes()
        || matches!(context.save_state.get_untracked(), SaveState::InMemory(_))
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
            context.show_page(page);
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
    parts::run(context, "the plan file reader", Box::pin(super::import_file(context, file)));
}

/// Reads, checks and opens a plan file (the part behind [`import_file`]).
pub fn read_and_import(context: PlanContext, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        // MS Project and CSV files go to their own reader.
        let Some(file) = crate::ui::interchange::open_unless_plan(context, file).await else { return };
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
            input_label="Plan, MS Project or CSV file to open"
            input_testid="import-input"
            accept=".json,application/json,.xml,text/xml,application/xml,.csv,text/csv"
            on_file=move |file| import_file(context, file)
        />
    }
}

/// The open plan's name as a menu of the plans in this browser, with "New plan" and "All
/// plans…". The menu is drawn anew, choosing the open plan, whenever the list changes (a
/// save, a rename: a few options): a list that replaced the chosen option in place left
/// the browser choosing another one (the first it could, "＋ New plan") after a rename.
#[component]
fn PlanSwitcher() -> impl IntoView {
    let context = use_plan();
    move || {
        let open = context.plan_id.get().unwrap_or_default();
        let mut plans: Vec<(String, String)> =
            context.plans.with(|plans| plans.iter().map(|meta| (meta.id.clone(), meta.name.clone())).collect());
        // A plan never stored (storage full or unavailable) is still the one open: the
        // menu names it rather than showing an empty choice.
        if !plans.iter().any(|(id, _)| *id == open) {
            let name = context.plan.with(|plan| format!("{} (not saved)", plan.name));
            plans.insert(0, (open.clone(), name));
        }
        // Drawn anew, the menu keeps the keyboard's focus it had.
        let focused = document()
            .active_element()
            .is_some_and(|active| active.get_attribute("data-testid").as_deref() == Some("plan-switcher"));
        if focused {
            crate::ui::widgets::focus_when_drawn("[data-testid=plan-switcher]".to_string(), false);
        }
        let options = plans
            .into_iter()
            .map(|(id, name)| {
                let chosen = id == open;
                view! { <option value=id selected=chosen>{name}</option> }
            })
            .collect_view();
        view! {
            <label class="header__switcher">
                <span class="visually-hidden">"Open plan"</span>
                <select data-testid="plan-switcher" on:change=move |event| choose_plan(context, &event)>
                    {options}
                    <option disabled=true>"──────────"</option>
                    <option value=NEW_PLAN_CHOICE>"＋ New plan"</option>
                    <option value=ALL_PLANS_CHOICE>"All plans…"</option>
                </select>
            </label>
        }
    }
}

/// A choice in the plan menu: another plan, a new one, or the list of all.
fn choose_plan(context: PlanContext, event: &ev::Event) {
    match event_target_value(event).as_str() {
        "" => {}
        NEW_PLAN_CHOICE => {
            if context.open_new(crate::session::new_plan(storage::today())) {
                context.page.set(Page::Plan);
            }
        }
        ALL_PLANS_CHOICE => context.close(),
        id => context.open_stored(id),
    }
    // Show the open plan again after a menu choice (or a refusal to leave it).
    let select: web_sys::HtmlSelectElement = event_target(event);
    select.set_value(&context.plan_id.get_untracked().unwrap_or_default());
}

/// The tabs of the views (Alt+1 to Alt+5).
#[component]
fn ViewTabs() -> impl IntoView {
    let context = use_plan();
    view! {
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
                            data-testid=format!("view-{}", page.path())
                            on:click=move |_| context.show_page(page)
                        >
                            {page.label()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let context = use_plan();
    let plan_name = move || context.plan.with(|plan| plan.name.clone());
    let has_plan = move || context.plan_id.get().is_some();
    view! {
        <header class="header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <button type="button" class="header__brand" title="All plans" on:click=move |_| context.close()>
                <span class="header__logo" aria-hidden="true">"▰"</span>
                "Planwright"
            </button>
            <Show when=has_plan>
                <PlanSwitcher/>
                <h1 class="header__title visually-hidden" title=plan_name>{plan_name}</h1>
                <ViewTabs/>
            </Show>
            <div class="header__actions">
                <Show when=has_plan>
                    <PlanActions/>
                </Show>
                <MoreMenu/>
            </div>
        </header>
    }
}

/// Undo, redo, whether the plan is saved, import, compare and export: the header's
/// actions while a plan is open.
#[component]
fn PlanActions() -> impl IntoView {
    let context = use_plan();
    view! {
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
        <crate::ui::compare::CompareButton/>
        <button type="button" class="button" data-testid="export" on:click=move |_| export_plan(context)>"Export"</button>
    }
}

/// Whether the plan is saved; never "Saved" while a field holds text the plan does not
/// have yet.
#[component]
fn SaveIndicator() -> impl IntoView {
    let context = use_plan();
    move || {
        let label = context.save_state.with(|state| save_label(state, context.typing.get()));
        view! {
            <span class=format!("save-state save-state--{}", label.modifier) role="status" title=label.explanation data-testid="save-state">{label.text}</span>
        }
    }
}

/// Save failures, storage warnings, notices, the question before undo removes an
/// imported plan, kept-aside texts and a new release. The rare ones (a save that failed,
/// a conflict with another tab, storage that cannot be used, the import question, plans
/// kept aside) are a part, fetched the first time one is shown.
#[component]
pub fn Banners() -> impl IntoView {
    let context = use_plan();
    fade_news(context);
    let save_problem = Memo::new(move |_| {
        context
            .save_state
            .with(|state| matches!(state, SaveState::Failed(_) | SaveState::Conflict { .. } | SaveState::InMemory(_)))
    });
    let any_kept = Memo::new(move |_| context.kept.with(|kept| !kept.is_empty()));
    let import_question = Memo::new(move |_| context.import_question.with(Option::is_some));
    view! {
        <div class="banners" aria-live="polite">
            <UpdateBanner/>
            {move || save_problem.get().then(|| parts::show("this warning", || Box::pin(super::save_problem_banner())))}
            {move || import_question.get().then(|| parts::show("this question", || Box::pin(super::import_question_banner())))}
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
            {move || any_kept.get().then(|| parts::show("the kept-aside plans", || Box::pin(super::kept_aside_banners())))}
        </div>
    }
}

/// News ("Baseline B1 set") fades after a few seconds; a problem stays until it is
/// answered or dismissed (`Notice::fades_after_ms`). Moving to another view takes news
/// away too (`PlanContext::show_page`).
fn fade_news(context: PlanContext) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let notice = context.notice.get();
        if let Some(old) = timer.try_update_value(Option::take).flatten() {
            old.clear();
        }
        if let Some(notice) = notice {
            fade_when_read(context, timer, notice);
        }
    });
    on_cleanup(move || {
        if let Some(old) = timer.try_update_value(Option::take).flatten() {
            old.clear();
        }
    });
}

/// Takes `notice` away after its time, unless the pointer or the focus is on it (then it
/// waits another round), or another message took its place.
fn fade_when_read(context: PlanContext, timer: StoredValue<Option<TimeoutHandle>, LocalStorage>, notice: Notice) {
    let Some(delay) = notice.fades_after_ms() else { return };
    let handle = set_timeout_with_handle(
        move || {
            let being_read = document()
                .query_selector("[data-testid=notice]:hover, [data-testid=notice]:focus-within")
                .ok()
                .flatten()
                .is_some();
            if being_read {
                fade_when_read(context, timer, notice);
            } else if context.notice.try_get_untracked().flatten().as_ref() == Some(&notice) {
                context.notice.set(None);
            }
        },
        std::time::Duration::from_millis(u64::from(delay)),
    );
    timer.try_set_value(handle.ok());
}

/// The question undo asks before it removes a plan imported in this tab, then the way
/// back once it has (a part: see [`Banners`]).
#[component]
pub fn ImportQuestionBanner() -> impl IntoView {
    let context = use_plan();
    let keep = move || context.import_question.set(None);
    move || {
        match context.import_question.get()? {
        ImportQuestion::Remove { name, file_name, edits } => {
            crate::ui::widgets::focus_when_drawn("[data-testid=keep-import]".to_string(), false);
            let what_leaves = match edits {
                0 => "The plan leaves this browser.".to_string(),
                1 => "The plan and its 1 edit leave this browser.".to_string(),
                edits => format!("The plan and its {edits} edits leave this browser."),
            };
            Some(view! {
                <div class="banner banner--warning banner--floating" role="alertdialog" aria-labelledby="import-question" data-testid="import-question"
                    on:keydown=move |event| if event.key() == "Escape" { keep() }>
                    <div class="banner__body">
                        <p class="banner__text" id="import-question">{format!("Undo the import of \u{201c}{name}\u{201d}? {what_leaves}")}</p>
                        <p class="banner__hint">{format!("It was opened from {file_name}. Export it first to keep a copy; Redo brings it back.")}</p>
                    </div>
                    <button type="button" class="button" data-testid="export-before-removing" on:click=move |_| export_plan(context)>"Export first"</button>
                    <button type="button" class="button button--danger" data-testid="remove-import" on:click=move |_| context.remove_import()>"Remove the plan"</button>
                    <button type="button" class="button" data-testid="keep-import" on:click=move |_| keep()>"Keep it"</button>
                </div>
            }.into_any())
        }
        ImportQuestion::Removed { name } => Some(view! {
            <div class="banner banner--info banner--floating" role="status" data-testid="import-removed">
                <p class="banner__text banner__body">{format!("\u{201c}{name}\u{201d} was removed from this browser.")}</p>
                <button type="button" class="button" data-testid="bring-back-import" on:click=move |_| context.redo()>"Bring it back (Redo)"</button>
                <button type="button" class="button button--quiet" aria-label="Dismiss" on:click=move |_| keep()>"✕"</button>
            </div>
        }.into_any()),
    }
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

/// "More": with a plan open, the exports for other tools (the timeline as SVG, Mermaid
/// gantt text, the calendar of milestones and risk reviews, MS Project XML, an Excel
/// workbook) and a share link; always, the
/// colour theme.
#[component]
fn MoreMenu() -> impl IntoView {
    use crate::ui::interchange::Export as Interchange;
    use crate::ui::report::Export;
    let context = use_plan();
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let choose = move |kind: Export| {
        close();
        parts::run(context, "this export", Box::pin(crate::ui::report::export_file(context, kind)));
    };
    let choose_interchange = move |kind: Interchange| {
        close();
        parts::run(context, "this export", Box::pin(crate::ui::interchange::export_interchange(context, kind)));
    };
    view! {
        <details class="menu" node_ref=menu data-testid="export-menu">
            <summary class="button" title="Exports for other tools, share link, theme">"More ▾"</summary>
            <div class="menu__items" role="menu">
                <Show when=move || context.plan_id.get().is_some()>
                    <button type="button" role="menuitem" class="menu__item" data-testid="export-svg" on:click=move |_| choose(Export::TimelineSvg)>"Timeline as SVG"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="export-mermaid" on:click=move |_| choose(Export::Mermaid)>"Mermaid gantt (.mmd)"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="copy-mermaid" on:click=move |_| choose(Export::MermaidCopy)>"Copy Mermaid gantt"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="export-ics" on:click=move |_| choose(Export::Calendar)>"Calendar of milestones and reviews (.ics)"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="export-ms-project" on:click=move |_| choose_interchange(Interchange::MsProject)>"MS Project XML (.xml)"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="export-xlsx" on:click=move |_| choose_interchange(Interchange::Excel)>"Excel workbook (.xlsx)"</button>
                    <button type="button" role="menuitem" class="menu__item" data-testid="copy-share-link" on:click=move |_| {
                        close();
                        parts::run(context, "the share link", Box::pin(crate::ui::services::share::copy_share_link(context)));
                    }>"Copy share link"</button>
                </Show>
                <super::theme::ThemeChoices on_chosen=move |()| close()/>
            </div>
        </details>
    }
}
