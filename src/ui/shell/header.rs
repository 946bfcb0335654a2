//! The header: the plan's name as a menu of the plans in this browser, the view tabs,
//! the file actions, the save indicator and the "More" menu.

use leptos::ev;
use leptos::prelude::*;

use super::open::{export_plan, ImportButton};
use crate::session::save_label;
use crate::storage;
use crate::ui::parts;
use crate::ui::state::{use_plan, Page, PlanContext};

const NEW_PLAN_CHOICE: &str = "planwright:new";
const ALL_PLANS_CHOICE: &str = "planwright:all";

/// The open plan's name as a menu of the plans in this browser, with "New plan" and "All
/// plans…". The menu is drawn anew, choosing the open plan, whenever the list changes (a
/// save, a rename: a few options): a list that replaced the chosen option in place left
/// the browser choosing another one (the first it could, "＋ New plan") after a rename.
#[component]
fn PlanSwitcher() -> impl IntoView {
    let context = use_plan();
    move || {
        let open = context.document.plan_id.get().unwrap_or_default();
        let mut plans: Vec<(String, String)> =
            context.session.plans.with(|plans| plans.iter().map(|meta| (meta.id.clone(), meta.name.clone())).collect());
        // A plan never stored (storage full or unavailable) is still the one open: the
        // menu names it rather than showing an empty choice.
        if !plans.iter().any(|(id, _)| *id == open) {
            let name = context.document.plan.with(|plan| format!("{} (not saved)", plan.name));
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
                context.view.page.set(Page::Plan);
            }
        }
        ALL_PLANS_CHOICE => context.close(),
        id => context.open_stored(id),
    }
    // Show the open plan again after a menu choice (or a refusal to leave it).
    let select: web_sys::HtmlSelectElement = event_target(event);
    select.set_value(&context.document.plan_id.get_untracked().unwrap_or_default());
}

/// The tabs of the views (Alt+1 to Alt+7).
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
                            class:header__tab--active=move || context.view.page.get() == page
                            aria-current=move || (context.view.page.get() == page).then_some("page")
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
    let plan_name = move || context.document.plan.with(|plan| plan.name.clone());
    let has_plan = move || context.document.plan_id.get().is_some();
    view! {
        <header class="header" class:header--with-plan=has_plan>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <button type="button" class="header__brand" title="All plans" on:click=move |_| context.close()>
                <span class="header__logo" aria-hidden="true">"▰"</span>
                <span class="header__brand-name">"Planwright"</span>
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
            disabled=move || context.document.history_sizes.get().0 == 0
            on:click=move |_| context.undo()
        >"Undo"</button>
        <button
            type="button"
            class="button button--quiet"
            title="Redo (Ctrl+Shift+Z)"
            data-testid="redo"
            disabled=move || context.document.history_sizes.get().1 == 0
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
        let label = context.session.save_state.with(|state| save_label(state, context.view.typing.get()));
        view! {
            <span class=format!("save-state save-state--{}", label.modifier) role="status" title=label.explanation data-testid="save-state">{label.text}</span>
        }
    }
}

/// "More": with a plan open, the exports for other tools (the timeline as SVG, Mermaid
/// gantt text, the calendar of milestones and risk reviews, MS Project XML, an Excel
/// workbook) and a share link; always, the
/// colour theme.
#[component]
fn MoreMenu() -> impl IntoView {
    use crate::ui::interchange::Export as Interchange;
    use crate::ui::services::export::Export;
    let context = use_plan();
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let choose = move |kind: Export| {
        close();
        parts::run(context, "this export", Box::pin(crate::ui::services::export::export(context, kind)));
    };
    let choose_interchange = move |kind: Interchange| {
        close();
        parts::run(context, "this export", Box::pin(crate::ui::interchange::export_interchange(context, kind)));
    };
    view! {
        <details class="menu" node_ref=menu data-testid="export-menu">
            <summary class="button" title="Exports for other tools, share link, theme">"More ▾"</summary>
            <div class="menu__items" role="menu">
                <Show when=move || context.document.plan_id.get().is_some()>
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
