//! The timeline view: the task grid and the chart side by side (`grid_pane.rs`), the
//! selected task's details beside them, and the dependencies below.

use leptos::prelude::*;

use super::grid_pane::{ColumnsMenu, GridLayoutState, Splitter, TaskGridPane};
use super::task_actions::{add_task, add_workstream, Placement};
use crate::model::dates::format_iso_date;
use crate::model::TaskKind;
use crate::ui::state::use_plan;
use crate::ui::widgets::counted;

/// The timeline view: its toolbar, the task grid left of the chart, the selected task's
/// details and the dependencies card.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let context = use_plan();
    let task_count = move || context.derived.outline.with(Vec::len);
    let schedule_error =
        move || context.derived.schedule.with(|schedule| schedule.as_ref().err().map(ToString::to_string));
    let layout = GridLayoutState::new(context);
    view! {
        <div class="page timeline-page">
            <TasksToolbar layout/>
            {move || schedule_error().map(|error| view! { <p class="banner banner--error" role="alert">{error}</p> })}
            <super::cross_plan::OtherPlansMovedSlot/>
            <div class="timeline-page__work">
                <div class="timeline-page__main">
                    <super::gantt::GanttChart>
                        <TaskGridPane layout/>
                        <Splitter layout/>
                    </super::gantt::GanttChart>
                    <Show when=move || task_count() == 0>
                        <p class="empty">"No tasks yet. Add the program's workstreams first (Add workstream), then their tasks and milestones."</p>
                    </Show>
                </div>
                <TaskDetailsAside/>
            </div>
            <LinksAnchor/>
        </div>
    }
}

/// The timeline's toolbar: add a task, a milestone or a workstream; how many tasks and
/// when the plan finishes.
#[component]
fn TasksToolbar(layout: GridLayoutState) -> impl IntoView {
    let context = use_plan();
    let plan_finish = move || {
        context.derived.schedule.with(|schedule| {
            schedule
                .as_ref()
                .ok()
                .filter(|schedule| !schedule.tasks.is_empty())
                .map(|schedule| format_iso_date(schedule.finish_date_of_plan()))
        })
    };
    let summary = move || {
        let tasks = counted(context.document.plan.with(|plan| plan.tasks.len()), "task", "tasks");
        plan_finish().map(|finish| format!("{tasks} · finishes {finish}"))
    };
    // "Add task" and "Add milestone" go after the selected task, at its level, as N and M do.
    let add = move |kind| add_task(context, kind, Placement::after_selection(context));
    view! {
        <div class="toolbar" role="toolbar" aria-label="Tasks">
            <button type="button" class="button button--primary" data-testid="add-task" title="After the selected task, at its level (N)" on:click=move |_| add(TaskKind::Task)>"Add task"</button>
            <button type="button" class="button" data-testid="add-milestone" title="After the selected task, at its level (M)" on:click=move |_| add(TaskKind::Milestone)>"Add milestone"</button>
            <button type="button" class="button" data-testid="add-workstream" title="A top-level summary with a first task in it" on:click=move |_| add_workstream(context)>"Add workstream"</button>
            <ColumnsMenu layout/>
            <span class="toolbar__summary" data-testid="plan-finish">{summary}</span>
        </div>
    }
}

/// The selected task's details beside the chart and the grid: a part fetched when a task
/// is first selected, drawn while one is (it follows the selection itself).
#[component]
fn TaskDetailsAside() -> impl IntoView {
    let context = use_plan();
    let has_selection = Memo::new(move |_| context.view.selected_task.with(Option::is_some));
    view! {
        <aside class="task-details" aria-label="Task details" data-testid="task-details">
            {move || match has_selection.get() {
                true => crate::ui::parts::show("the task's details", || Box::pin(super::task_details())).into_any(),
                false => view! { <p class="task-details__hint">"Select a task on the chart or in the grid to see its notes, constraint, deadline, links and risks here."</p> }.into_any(),
            }}
        </aside>
    }
}

/// The dependencies card's place below the chart and the grid, out of view when a plan
/// opens: its part is fetched, and the card drawn, when the page is scrolled near it
/// (`when_near_view`), so opening a plan neither downloads nor lays out its link rows.
#[component]
fn LinksAnchor() -> impl IntoView {
    let links_near = RwSignal::new(false);
    let links_anchor = NodeRef::<leptos::html::Div>::new();
    links_anchor.on_load(move |anchor| {
        when_near_view(&anchor, move || {
            links_near.try_set(true);
        })
    });
    view! {
        <div class="links-anchor" class:links-anchor--waiting=move || !links_near.get() node_ref=links_anchor data-testid="links-anchor">
            {move || links_near.get().then(|| crate::ui::parts::show("the dependencies", || Box::pin(super::dependencies_card())))}
        </div>
    }
}

/// How far below the viewport `when_near_view` looks: not at all. The grid and the chart fill
/// the window, so the card starts just below it, and a margin would fetch and draw it with
/// every opened plan.
const NEAR_VIEW_MARGIN: &str = "0px";

/// Calls `near` once, when `element` comes within [`NEAR_VIEW_MARGIN`] of the viewport
/// (at once if it already is, or if the browser cannot watch). Stops watching when the
/// page that called it goes.
fn when_near_view(element: &web_sys::Element, near: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let near = std::rc::Rc::new(std::cell::Cell::new(Some(near)));
    let call_near = move || {
        if let Some(near) = near.take() {
            near();
        }
    };
    let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new({
        let call_near = call_near.clone();
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let is_near = entries
                .iter()
                .any(|entry| entry.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
            if is_near {
                observer.disconnect();
                call_near();
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(NEAR_VIEW_MARGIN);
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    else {
        call_near();
        return;
    };
    observer.observe(element);
    // Kept by the page's owner, which drops the callback when the page goes.
    let watching = StoredValue::new_local((observer, callback));
    on_cleanup(move || {
        watching.try_with_value(|(observer, _)| observer.disconnect());
    });
}
