//! The timeline view: the chart, the task grid with computed dates, the selected
//! task's details beside them, and the dependencies below.

use leptos::prelude::*;

use super::task_actions::{add_task, add_workstream, Placement, GRID_ROW_HEIGHT};
use super::task_grid::{self, task_rows, GridNodes};
use crate::chart::RowWindow;
use crate::model::dates::format_iso_date;
use crate::model::TaskKind;
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::counted;

/// The grid's scroll area is at most this tall (CSS `max-height`).
const GRID_VIEW_HEIGHT: f64 = 640.0;
/// Rows drawn above and below the visible ones: 240 px, about the chart's 256 px
/// (the Gantt chart's `ROW_BUFFER`). Each drawn row costs the open's frame about 1 ms of style,
/// layout and paint (docs/benchmarks.md).
const GRID_BUFFER: usize = 6;

/// The timeline view: its toolbar, the chart, the task grid, the selected task's details
/// and the dependencies card.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let context = use_plan();
    let task_count = move || context.derived.outline.with(Vec::len);
    let schedule_error =
        move || context.derived.schedule.with(|schedule| schedule.as_ref().err().map(ToString::to_string));
    view! {
        <div class="page timeline-page">
            <TasksToolbar/>
            {move || schedule_error().map(|error| view! { <p class="banner banner--error" role="alert">{error}</p> })}
            <super::cross_plan::OtherPlansMovedSlot/>
            <div class="timeline-page__work">
                <div class="timeline-page__main">
                    <super::gantt::GanttChart/>
                    <h2 class="section-title">"Tasks"</h2>
                    <TaskGrid/>
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

/// The task grid: the rows in view, drawn by one effect that keeps their elements
/// (task_grid.rs), in a scroll area of their own.
#[component]
fn TaskGrid() -> impl IntoView {
    let context = use_plan();
    let grid_scroll = RwSignal::new(0.0f64);
    let window = Memo::new(move |_| {
        let count = context.derived.outline.with(Vec::len);
        RowWindow::visible(count, GRID_ROW_HEIGHT, grid_scroll.get(), GRID_VIEW_HEIGHT, GRID_BUFFER)
    });
    let grid = NodeRef::<leptos::html::Div>::new();
    grid.on_load(|area| task_grid::set_grid_area(area.into()));
    let grid_nodes = StoredValue::new_local(GridNodes::new());
    let measure_actions_shift = keep_actions_in_view(grid, grid_nodes);
    let grid_body = NodeRef::<leptos::html::Tbody>::new();
    Effect::new(move |_| {
        let Some(body) = grid_body.get() else { return };
        let window = window.get();
        let rows = rows_in_view(context, window);
        let selected = context.view.selected_task.get();
        let count = context.derived.outline.with(Vec::len);
        grid_nodes.update_value(|nodes| nodes.draw(&body, &rows, window, count, selected.as_ref()));
        // Measured at the start of the next frame, when its layout is due anyway: never a
        // layout of its own in the middle of an edit or of the first drawing.
        request_animation_frame(measure_actions_shift);
    });
    view! {
        <div class="grid-scroll" node_ref=grid
            on:scroll=move |event| {
                let element: web_sys::Element = event_target(&event);
                let top = element.scroll_top() as f64;
                if grid_scroll.get_untracked() != top {
                    grid_scroll.set(top);
                }
                measure_actions_shift();
            }
            // Escape goes back to the chart, with the task still selected; the field it
            // left has its plan's value back (the grid's body saw the key first).
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    back_to_chart(grid, &event);
                }
            }
        >
            <table class="table task-grid" data-testid="task-grid">
                <thead inner_html=GRID_HEADER></thead>
                // Only rows in view are drawn, between spacers that keep the scroll height true.
                <tbody node_ref=grid_body
                    on:change=task_grid::on_commit_event(context)
                    on:focusout=task_grid::on_commit_event(context)
                    on:keydown=task_grid::on_key(context)
                    on:mousedown=task_grid::on_press(grid_nodes)
                    on:click=task_grid::on_click(context, grid_nodes)
                    on:focusin=task_grid::on_focus(context, grid_nodes)
                ></tbody>
            </table>
            <p class="task-grid__refusal" id=task_grid::REFUSAL_MESSAGE_ID role="alert" hidden></p>
        </div>
    }
}

/// Keeps the grid's actions column in view at its right edge, as `position: sticky` would,
/// but by a shift the page measures, set as each drawn actions cell's transform: a sticky
/// cell per row made a composited layer per row, and laying out those layers was the
/// largest part of the frame drawn after an edit. (One CSS variable on the table cost
/// more: changing it restyled the whole table, about 24 ms at each change, in the frame
/// that first draws an opened plan and at every horizontal scroll; the drawn cells' own
/// transforms take about 1 ms.) Returns what measures the shift, after a scroll or a drawing.
fn keep_actions_in_view(
    grid: NodeRef<leptos::html::Div>,
    grid_nodes: StoredValue<GridNodes, LocalStorage>,
) -> impl Fn() + Copy + 'static {
    let actions_shift = RwSignal::new(0.0f64);
    // It also runs from an animation frame, which may come after the page is gone (another
    // view opened in between): hence the `try_` reads, which find nothing then.
    let measure = move || {
        let Some(grid) = grid.try_get_untracked().flatten() else { return };
        let hidden_right = (grid.scroll_width() - grid.scroll_left() - grid.client_width()).max(0) as f64;
        if actions_shift.try_get_untracked().is_some_and(|shift| shift != hidden_right) {
            actions_shift.try_set(hidden_right);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A horizontal scroll moves the drawn actions cells, and only those.
    Effect::new(move |_| {
        let shift = actions_shift.get();
        grid_nodes.update_value(|nodes| nodes.shift_actions(shift));
    });
    measure
}

/// The grid's rows in `window`, from the plan, its schedule and the baseline in use.
fn rows_in_view(context: PlanContext, window: RowWindow) -> Vec<task_grid::TaskRow> {
    context.document.plan.with(|plan| {
        context.derived.schedule.with(|schedule| {
            context.view.collapsed.with(|collapsed| {
                context.derived.baseline.with(|baseline| {
                    context.derived.outline.with(|outline_rows| {
                        task_rows(plan, schedule.as_ref().ok(), outline_rows, window, collapsed, baseline.as_ref())
                    })
                })
            })
        })
    })
}

/// Focuses the chart of the page the grid is on.
fn back_to_chart(grid: NodeRef<leptos::html::Div>, event: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let page = grid.get_untracked().and_then(|grid| grid.closest(".timeline-page").ok().flatten());
    if let Some(chart) = page.and_then(|page| page.query_selector("[data-testid=gantt]").ok().flatten()) {
        event.prevent_default();
        let _ = chart.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The timeline's toolbar: add a task, a milestone or a workstream; how many tasks and
/// when the plan finishes.
#[component]
fn TasksToolbar() -> impl IntoView {
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

/// The grid's column headers: static HTML, no code to build them. Predecessors come after
/// the dates, as in MS Project's Gantt table, so they are in view on a laptop's screen.
const GRID_HEADER: &str = concat!(
    r#"<tr><th scope="col">WBS</th><th scope="col">Id</th><th scope="col" class="task-grid__name">Name</th>"#,
    r#"<th scope="col" title="Working days">Duration</th><th scope="col">Start</th><th scope="col">Finish</th>"#,
    r#"<th scope="col" title="Ids with type and lag, such as 3FS+2d, T7SS">Predecessors</th>"#,
    r#"<th scope="col" title="Date constraint: SNET, SNLT, FNET, FNLT, MSO or MFO and a date (empty: as soon as possible)">Constraint</th><th scope="col" title="The day it should be finished by">Deadline</th>"#,
    r#"<th scope="col">Progress %</th><th scope="col" title="Total float in working days">Float</th>"#,
    r#"<th scope="col" title="Working days the finish moved since the baseline: + late, − early">Variance</th>"#,
    r#"<th scope="col"><span class="visually-hidden">Actions</span></th></tr>"#,
);

/// How far below the viewport `when_near_view` looks: about a third of a laptop's screen,
/// so the card is there by the time the page is scrolled to it.
const NEAR_VIEW_MARGIN: &str = "0px 0px 320px 0px";

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
