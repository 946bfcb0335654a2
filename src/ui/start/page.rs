//! The start screen: new plan, the example program, import, and the stored plans.

use leptos::prelude::*;

use crate::file;
use crate::storage::{self, usage};
use crate::ui::shell::open::ImportButton;
use crate::ui::state::{use_plan, Notice, EXAMPLE_PLAN_URL};
use crate::ui::widgets::focus_when_drawn;

/// The Performance API mark set when the start screen is first drawn (the first view of a
/// first visit; the benchmark `e2e/src/bin/first_view_bench.rs` reads it).
pub const FIRST_VIEW_MARK: &str = "planwright:first-view";

/// Sets a Performance API mark in the frame after this one, once the view is in the page.
fn mark_when_drawn(name: &'static str) {
    request_animation_frame(move || {
        if let Some(performance) = window().performance() {
            let _ = performance.mark(name);
        }
    });
}

#[component]
pub fn StartScreen() -> impl IntoView {
    let context = use_plan();
    mark_when_drawn(FIRST_VIEW_MARK);
    let new_plan = move |_| {
        if context.open_new(crate::session::new_plan(storage::today())) {
            context.view.page.set(crate::ui::state::Page::Plan);
        }
    };
    let open_example = move |_| {
        leptos::task::spawn_local(async move {
            match crate::ui::services::files::fetch_text(EXAMPLE_PLAN_URL).await {
                Ok(text) => match file::parse(&text) {
                    Ok(plan) => {
                        context.open_new(plan);
                        context.view.page.set(crate::ui::state::Page::Timeline);
                    }
                    Err(error) => context.session.notice.set(Some(Notice::error(
                        "The example plan could not be read.",
                        error.problems.iter().map(ToString::to_string).collect(),
                    ))),
                },
                Err(error) => context
                    .session
                    .notice
                    .set(Some(Notice::error(format!("The example plan could not be loaded: {error}."), Vec::new()))),
            }
        });
    };
    view! {
        <section class="start" aria-labelledby="start-title">
            <h1 id="start-title" class="start__title">"Plan a program"</h1>
            <p class="start__lead">
                "A timeline on a real scheduling engine, who is responsible for what, and what could go wrong: one plan, kept in this browser, shared as a file."
            </p>
            <div class="start__actions">
                <button type="button" class="button button--primary" data-testid="new-plan" on:click=new_plan>"New plan"</button>
                <button type="button" class="button" data-testid="open-example" on:click=open_example>"Open example plan"</button>
                <ImportButton label="Open a plan file…"/>
            </div>
            <p class="start__hint">"Or drop a " <code>".plan.json"</code> ", MS Project " <code>".xml"</code> " or " <code>".csv"</code> " file anywhere on this page."</p>
            <PlanList/>
            // Plans kept here or plan files: a portfolio needs neither stored plans nor files first.
            <p class="start__portfolio"><crate::ui::portfolio::PortfolioButton/></p>
        </section>
    }
}

/// The plans kept in this browser, with their size, open, rename, duplicate and delete.
#[component]
fn PlanList() -> impl IntoView {
    let context = use_plan();
    let confirming = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    view! {
        <Show when=move || !context.session.plans.with(Vec::is_empty)>
            <h2 class="start__subtitle">"Plans in this browser"</h2>
            <StorageUsage/>
            <table class="table plan-list">
                <thead>
                    <tr>
                        <th scope="col">"Plan"</th>
                        <th scope="col">"Last saved"</th>
                        <th scope="col" class="plan-list__size">"Size"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || context.session.plans.get() key=|meta| (meta.id.clone(), meta.name.clone(), meta.saved.clone()) let:meta>
                        {
                            let id = StoredValue::new(meta.id.clone());
                            let name = meta.name.clone();
                            let saved = meta.saved.chars().take(16).collect::<String>().replace('T', " ");
                            let size = usage::describe_size(usage::plan_size(&meta));
                            let is_confirming = move || confirming.get().as_deref() == Some(id.get_value().as_str());
                            let is_renaming = move || renaming.get().as_deref() == Some(id.get_value().as_str());
                            let rename_value = name.clone();
                            let delete_name = name.clone();
                            let delete_name_done = StoredValue::new(name.clone());
                            view! {
                                <tr data-testid="plan-row">
                                    <td>
                                        <Show when=is_renaming fallback={
                                            let name = name.clone();
                                            move || view! {
                                                <button type="button" class="link-button" on:click=move |_| context.open_stored(&id.get_value())>{name.clone()}</button>
                                            }
                                        }>
                                            <input
                                                class="input"
                                                aria-label="New name"
                                                data-rename=id.get_value()
                                                prop:value=rename_value.clone()
                                                on:keydown=move |event| match event.key().as_str() {
                                                    // Enter renames; Escape leaves the name as it was.
                                                    "Enter" => {
                                                        context.rename_stored(&id.get_value(), &event_target_value(&event));
                                                        renaming.set(None);
                                                    }
                                                    "Escape" => renaming.set(None),
                                                    _ => {}
                                                }
                                                on:blur=move |event| {
                                                    if renaming.get_untracked().is_some() {
                                                        context.rename_stored(&id.get_value(), &event_target_value(&event));
                                                        renaming.set(None);
                                                    }
                                                }
                                            />
                                        </Show>
                                    </td>
                                    <td class="plan-list__saved">{saved}</td>
                                    <td class="plan-list__size">{size}</td>
                                    <td class="plan-list__actions">
                                        <Show when=is_confirming fallback=move || view! {
                                            <button type="button" class="button button--quiet" on:click=move |_| context.open_stored(&id.get_value())>"Open"</button>
                                            <button type="button" class="button button--quiet" on:click=move |_| {
                                                renaming.set(Some(id.get_value()));
                                                focus_when_drawn(format!("[data-rename='{}']", id.get_value()), false);
                                            }>"Rename"</button>
                                            <button type="button" class="button button--quiet" on:click=move |_| context.duplicate_stored(&id.get_value())>"Duplicate"</button>
                                            <button type="button" class="button button--quiet button--danger" on:click=move |_| {
                                                confirming.set(Some(id.get_value()));
                                                focus_when_drawn("[data-testid=confirm-delete]".to_string(), false);
                                            }>"Delete…"</button>
                                        }>
                                            <span class="confirm" role="alert">{format!("Delete \"{delete_name}\" from this browser? Export it first to keep a copy.")}</span>
                                            <button type="button" class="button button--danger" data-testid="confirm-delete"
                                                on:keydown=move |event| if event.key() == "Escape" { confirming.set(None) }
                                                on:click=move |_| {
                                                    context.delete_stored(&id.get_value());
                                                    confirming.set(None);
                                                    context.session.notice.set(Some(Notice::info(format!("Deleted \"{}\" from this browser.", delete_name_done.get_value()))));
                                                }>"Delete"</button>
                                            <button type="button" class="button" on:keydown=move |event| if event.key() == "Escape" { confirming.set(None) }
                                                on:click=move |_| confirming.set(None)>"Cancel"</button>
                                        </Show>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Show>
    }
}

/// How much of this browser's local storage the plans take, against the quota.
#[component]
fn StorageUsage() -> impl IntoView {
    let context = use_plan();
    let total = Memo::new(move |_| {
        context.session.plans.with(|plans| context.session.kept.with(|kept| usage::total_size(plans, kept)))
    });
    let nearly_full = move || usage::is_nearly_full(total.get());
    view! {
        <p class="storage-usage" class:storage-usage--nearly-full=nearly_full data-testid="storage-usage">
            <meter
                class="storage-usage__meter"
                aria-label="Local storage used"
                min="0"
                max=usage::QUOTA.to_string()
                high=usage::NEARLY_FULL.to_string()
                optimum="0"
                value=move || total.get().to_string()
            ></meter>
            <span>{move || format!("Planwright uses {} of local storage in this browser.", usage::describe_usage(total.get()))}</span>
            {move || nearly_full().then(|| view! { <span>"Export and delete plans you no longer need to make room."</span> })}
        </p>
    }
}
