//! The task grid beside the chart: a pane left of the bars, row beside row (both
//! `ROW_HEIGHT` high under a 48 px header), with a splitter between them. The chart's
//! viewport holds the one vertical scroll: it scrolls this pane with it
//! (`gantt/viewport.rs`), a wheel over the pane scrolls the chart, and the pane, scrolled by
//! a focused field, scrolls the chart. The pane scrolls sideways on its own, the task's name
//! frozen at its left. Its columns and width are the plan's, kept in this browser
//! (`chart::grid_columns`, `storage`).

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use super::gantt::ROW_HEIGHT;
use super::task_grid::{self, task_rows, GridNodes};
use crate::chart::grid_columns::{Column, GridLayout, COLUMNS, PANE_WIDTHS};
use crate::chart::RowWindow;
use crate::storage::LocalStore;
use crate::ui::state::{use_plan, PlanContext};

/// Rows drawn above and below the visible ones, as the chart draws (its `ROW_BUFFER`).
const GRID_BUFFER: usize = 8;
/// The pane's height until it is measured.
const FIRST_HEIGHT: f64 = 640.0;
/// How far an arrow key moves the splitter (Shift: four times as far), in pixels.
const SPLITTER_STEP: i64 = 32;
/// The chart's least width beside the pane, in pixels: the pane's CSS `max-width` keeps
/// the same room (24rem), with the splitter's 6 px.
const CHART_MIN_WIDTH: i64 = 384 + 6;
/// The pane's attribute holding the `scrollTop` the chart last gave it: the scroll event
/// that echoes it is not sent back to the chart (which may have moved on since).
pub const SYNCED_TOP: &str = "data-synced-top";

/// The grid's layout for the open plan: read from this browser when a plan opens, kept
/// there at each change (a plan read from a file and not stored keeps it for this visit).
#[derive(Clone, Copy)]
pub struct GridLayoutState {
    layout: RwSignal<GridLayout>,
    context: PlanContext,
}

impl GridLayoutState {
    pub fn new(context: PlanContext) -> Self {
        let layout = RwSignal::new(GridLayout::default());
        Effect::new(move |_| {
            let stored = context.document.plan_id.get().and_then(|id| Some(LocalStore::open().ok()?.grid_layout(&id)));
            layout.set(stored.unwrap_or_default());
        });
        // A wider or narrower grid makes the chart narrower or wider: it measures itself
        // again, as the grid's frozen name and height do, as when the window is resized.
        Effect::new(move |_| {
            layout.track();
            request_animation_frame(|| {
                if let Ok(resized) = web_sys::Event::new("resize") {
                    let _ = window().dispatch_event(&resized);
                }
            });
        });
        GridLayoutState { layout, context }
    }

    pub fn with<T>(self, read: impl FnOnce(&GridLayout) -> T) -> T {
        self.layout.with(read)
    }

    /// Changes the layout and keeps it for the plan. A layout that cannot be kept (storage
    /// full or refused) still applies in this tab: it is a view's setting, never plan data.
    pub fn change(self, change: impl FnOnce(GridLayout) -> GridLayout) {
        self.preview(change);
        self.keep();
    }

    /// Changes the layout for now (a drag in progress), without keeping it.
    pub fn preview(self, change: impl FnOnce(GridLayout) -> GridLayout) {
        let changed = change(self.layout.get_untracked());
        if self.layout.with_untracked(|layout| *layout != changed) {
            self.layout.set(changed);
        }
    }

    /// Keeps the layout as it is for the plan.
    pub fn keep(self) {
        if let Some(id) = self.context.document.plan_id.get_untracked() {
            if let Ok(store) = LocalStore::open() {
                let _ = self.layout.with_untracked(|layout| store.set_grid_layout(&id, layout));
            }
        }
    }
}

/// The grid's pane: its header and the rows in view, drawn by one effect that keeps their
/// elements (`task_grid.rs`).
#[component]
pub fn TaskGridPane(layout: GridLayoutState) -> impl IntoView {
    let context = use_plan();
    let grid_scroll = RwSignal::new(0.0f64);
    let pane_height = RwSignal::new(FIRST_HEIGHT);
    let window = Memo::new(move |_| {
        let count = context.derived.outline.with(Vec::len);
        RowWindow::visible(count, ROW_HEIGHT, grid_scroll.get(), pane_height.get(), GRID_BUFFER)
    });
    let grid = NodeRef::<leptos::html::Div>::new();
    grid.on_load(move |area| {
        let area: web_sys::Element = area.into();
        task_grid::set_grid_area(area.clone());
        forward_wheel_to_chart(&area);
    });
    measure_height(grid, pane_height);
    let grid_nodes = StoredValue::new_local(GridNodes::new());
    let shifts = RwSignal::new(FrozenShifts::default());
    let measure_frozen = keep_frozen_in_view(grid, grid_nodes, shifts);
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
        request_animation_frame(measure_frozen);
    });
    let table_class = move || {
        layout.with(|layout| {
            layout.hidden_keys().fold(String::from("table task-grid"), |class, key| class + " task-grid--hide-" + key)
        })
    };
    view! {
        <div class="grid-scroll timeline-grid" node_ref=grid data-testid="grid-pane"
            // A field reached by a key is scrolled clear of the header and the frozen name.
            style=move || layout.with(|layout| format!("width:{}px;scroll-padding-left:{}px", layout.pane_width(), layout.width(Column::Name)))
            on:scroll=move |event| {
                let element: web_sys::Element = event_target(&event);
                let top = element.scroll_top();
                if grid_scroll.get_untracked() != top as f64 {
                    grid_scroll.set(top as f64);
                }
                // Scrolled by a focused field, not by the chart: the chart follows.
                let echoed = element.get_attribute(SYNCED_TOP).and_then(|synced| synced.parse().ok()) == Some(top);
                if let Some(chart) = chart_viewport_beside(&element).filter(|_| !echoed) {
                    if chart.scroll_top() != top {
                        chart.set_scroll_top(top);
                    }
                }
                measure_frozen();
            }
            // Escape goes back to the chart, with the task still selected; the field it
            // left has its plan's value back (the grid's body saw the key first).
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    back_to_chart(grid, &event);
                }
            }
        >
            <table class=table_class data-testid="task-grid" role="treegrid" aria-label="Tasks"
                aria-rowcount=move || context.derived.outline.with(Vec::len) + 1
                style=move || format!("width:{}px", layout.with(GridLayout::table_width))
            >
                <thead><tr aria-rowindex="1">{COLUMNS.iter().map(|info| header_cell(layout, info.column, shifts)).collect_view()}</tr></thead>
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

/// A column's header cell, as wide as the layout says (the name's and the actions' kept in
/// view as their rows' cells are).
fn header_cell(layout: GridLayoutState, column: Column, shifts: RwSignal<FrozenShifts>) -> impl IntoView {
    let info = column.info();
    let class = match column {
        Column::Name => "task-grid__name",
        _ => "",
    };
    let text = match column {
        Column::Actions => view! { <span class="visually-hidden">{info.header}</span> }.into_any(),
        _ => info.header.into_any(),
    };
    view! {
        <th scope="col" class=class title=(!info.title.is_empty()).then_some(info.title)
            style=move || {
                let width = layout.with(|layout| layout.width(column));
                match column {
                    Column::Name => format!("width:{width}px;{}", shifts.with(|shifts| shift_style(shifts.name))),
                    _ => format!("width:{width}px"),
                }
            }
        >{text}</th>
    }
}

/// The splitter between the grid and the chart: drag it, or focus it and use the arrow
/// keys (Shift: further; Home and End: narrowest and widest); a double click gives the
/// grid its usual width. A `separator` with its value, for assistive technology.
#[component]
pub fn Splitter(layout: GridLayoutState) -> impl IntoView {
    let drag_from = StoredValue::new(None::<(i32, u16)>);
    let width = move || layout.with(GridLayout::pane_width);
    let set_width = move |pixels: i64| layout.change(|layout| layout.with_pane_width(pixels.min(widest_pane())));
    // A drag shows each move and keeps the width once, when it ends.
    let drag_end = move || {
        if drag_from.get_value().is_some() {
            drag_from.set_value(None);
            layout.keep();
        }
    };
    view! {
        <div class="timeline-splitter" role="separator" aria-orientation="vertical" tabindex="0"
            aria-label="Width of the task grid" aria-valuemin=PANE_WIDTHS.0 aria-valuemax=widest_pane
            aria-valuenow=width data-testid="grid-splitter"
            title="Drag, or focus and use the arrow keys, to widen or narrow the grid; double-click for its usual width"
            on:pointerdown=move |event: web_sys::PointerEvent| {
                if event.button() == 0 {
                    event.prevent_default();
                    let target: web_sys::Element = event_target(&event);
                    let _ = target.set_pointer_capture(event.pointer_id());
                    drag_from.set_value(Some((event.client_x(), width())));
                }
            }
            on:pointermove=move |event: web_sys::PointerEvent| {
                if let Some((x, from)) = drag_from.get_value() {
                    let wanted = i64::from(from) + i64::from(event.client_x() - x);
                    layout.preview(|layout| layout.with_pane_width(wanted.min(widest_pane())));
                }
            }
            on:pointerup=move |_| drag_end()
            on:pointercancel=move |_| drag_end()
            on:dblclick=move |_| set_width(i64::from(crate::chart::grid_columns::DEFAULT_PANE_WIDTH))
            on:keydown=move |event: web_sys::KeyboardEvent| {
                let step = if event.shift_key() { 4 * SPLITTER_STEP } else { SPLITTER_STEP };
                let now = i64::from(width());
                let wanted = match event.key().as_str() {
                    "ArrowLeft" => now - step,
                    "ArrowRight" => now + step,
                    "Home" => i64::from(PANE_WIDTHS.0),
                    "End" => i64::from(PANE_WIDTHS.1),
                    _ => return,
                };
                event.prevent_default();
                set_width(wanted);
            }
        ></div>
    }
}

/// The widest the grid's pane can be shown: the grid and the chart's frame less the
/// chart's [`CHART_MIN_WIDTH`] (the window's width less the page's margins before the
/// frame is there).
fn widest_pane() -> i64 {
    let frame = document().query_selector(".gantt__split").ok().flatten().map(|split| i64::from(split.client_width()));
    let room = frame.unwrap_or_else(|| {
        window().inner_width().ok().and_then(|width| width.as_f64()).map_or(1366, |width| width as i64 - 48)
    });
    (room - CHART_MIN_WIDTH).clamp(i64::from(PANE_WIDTHS.0), i64::from(PANE_WIDTHS.1))
}

/// The chart's viewport beside the grid's pane (after the splitter).
fn chart_viewport_beside(pane: &web_sys::Element) -> Option<web_sys::Element> {
    pane.next_element_sibling()?.next_element_sibling()
}

/// A wheel turned over the grid scrolls the chart, which scrolls the grid: the pane has
/// no vertical scroll of its own. Sideways turns scroll the pane's columns. The listener
/// is not passive, so the page does not scroll too; it is one function for every pane the
/// page ever shows (it finds its pane from the event), so no pane is kept alive by it.
fn forward_wheel_to_chart(pane: &web_sys::Element) {
    thread_local! {
        static ON_WHEEL: Closure<dyn Fn(web_sys::WheelEvent)> = Closure::new(scroll_chart_by_wheel);
    }
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    ON_WHEEL.with(|on_wheel| {
        let _ = pane.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            on_wheel.as_ref().unchecked_ref(),
            &options,
        );
    });
}

/// Scrolls the chart beside the pane a wheel event reached, by the wheel's vertical turn.
fn scroll_chart_by_wheel(event: web_sys::WheelEvent) {
    if event.delta_y().abs() <= event.delta_x().abs() {
        return;
    }
    let pane = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    let Some(chart) = pane.as_ref().and_then(chart_viewport_beside) else { return };
    let rows = match event.delta_mode() {
        web_sys::WheelEvent::DOM_DELTA_LINE => ROW_HEIGHT,
        web_sys::WheelEvent::DOM_DELTA_PAGE => f64::from(chart.client_height()),
        _ => 1.0,
    };
    event.prevent_default();
    chart.scroll_by_with_x_and_y(0.0, event.delta_y() * rows);
}

/// Keeps `height` at the pane's height: measured in the first frame and at each resize.
fn measure_height(grid: NodeRef<leptos::html::Div>, height: RwSignal<f64>) {
    let measure = move || {
        if let Some(grid) = grid.try_get_untracked().flatten() {
            let measured = f64::from(grid.client_height());
            if measured > 0.0 && height.try_get_untracked() != Some(measured) {
                height.try_set(measured);
            }
        }
    };
    Effect::new(move |_| {
        if grid.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
}

/// Keeps the task's name at the pane's left edge while the columns scroll sideways, as
/// `position: sticky` would, by a shift the page measures and sets as each drawn name
/// cell's transform: a sticky cell per row made a composited layer per row, and laying
/// those out was the largest part of the frame drawn after an edit. Returns what measures
/// the shift, after a scroll or a drawing.
fn keep_frozen_in_view(
    grid: NodeRef<leptos::html::Div>,
    grid_nodes: StoredValue<GridNodes, LocalStorage>,
    shifts: RwSignal<FrozenShifts>,
) -> impl Fn() + Copy + 'static {
    // It also runs from an animation frame, which may come after the page is gone (another
    // view opened in between): hence the `try_` reads, which find nothing then.
    let measure = move || {
        let Some(grid) = grid.try_get_untracked().flatten() else { return };
        let scrolled = f64::from(grid.scroll_left());
        let name_left = grid
            .query_selector("thead .task-grid__name")
            .ok()
            .flatten()
            .map(|head| f64::from(head.unchecked_ref::<web_sys::HtmlElement>().offset_left()))
            .unwrap_or_default();
        let measured = FrozenShifts { name: (scrolled - name_left).max(0.0) };
        if shifts.try_get_untracked().is_some_and(|now| now != measured) {
            shifts.try_set(measured);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A sideways scroll moves the drawn name cells, and only those.
    Effect::new(move |_| {
        let FrozenShifts { name } = shifts.get();
        grid_nodes.update_value(|nodes| nodes.shift_frozen(&shift_style(name)));
    });
    measure
}

/// How far the frozen cells are moved: the name right by what scrolled past its left edge.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct FrozenShifts {
    name: f64,
}

fn shift_style(shift: f64) -> String {
    format!("transform:translateX({shift}px)")
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
    let page = grid.get_untracked().and_then(|grid| grid.closest(".timeline-page").ok().flatten());
    if let Some(chart) = page.and_then(|page| page.query_selector("[data-testid=gantt]").ok().flatten()) {
        event.prevent_default();
        let _ = chart.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The toolbar's "Columns" menu: show or hide each column, set its width, and the grid's
/// width, by clicks or keys (the splitter's drag has this for an alternative).
#[component]
pub fn ColumnsMenu(layout: GridLayoutState) -> impl IntoView {
    let choices = COLUMNS
        .iter()
        .filter(|info| info.column.can_hide() || info.column == Column::Name)
        .map(|info| {
            let column = info.column;
            let label = if column == Column::Actions { "Row buttons" } else { info.header };
            let shown = move || layout.with(|layout| layout.is_shown(column));
            let width = move || layout.with(|layout| layout.width(column)).to_string();
            view! {
                <div class="columns-menu__row">
                    <label class="columns-menu__shown">
                        <input type="checkbox" prop:checked=shown disabled=!column.can_hide()
                            data-column=info.key
                            on:change=move |event| {
                                let checked = event_target_checked(&event);
                                layout.change(|layout| layout.with_shown(column, checked));
                            }
                        />
                        {label}
                    </label>
                    <input type="number" class="input columns-menu__width" min="40" max="600" step="8"
                        aria-label=format!("Width of {label}, in pixels") prop:value=width
                        data-column-width=info.key
                        on:change=move |event| {
                            if let Ok(pixels) = event_target_value(&event).trim().parse::<i64>() {
                                layout.change(|layout| layout.with_width(column, pixels));
                            }
                        }
                    />
                </div>
            }
        })
        .collect_view();
    let pane = move |change: i64| {
        layout.change(|layout| {
            let now = i64::from(layout.pane_width());
            layout.with_pane_width((now + change).min(widest_pane()))
        })
    };
    view! {
        <details class="menu columns-menu" data-testid="columns-menu">
            <summary class="button" title="Show, hide and size the grid's columns">"Columns ▾"</summary>
            <div class="menu__items columns-menu__items">
                <p class="columns-menu__head">"Shown, and width in pixels"</p>
                {choices}
                <div class="columns-menu__pane">
                    <span>"Grid"</span>
                    <button type="button" class="button" data-testid="grid-narrower" on:click=move |_| pane(-SPLITTER_STEP * 2)>"Narrower"</button>
                    <button type="button" class="button" data-testid="grid-wider" on:click=move |_| pane(SPLITTER_STEP * 2)>"Wider"</button>
                    <button type="button" class="button" data-testid="grid-columns-reset" on:click=move |_| layout.change(|_| GridLayout::default())>"As usual"</button>
                </div>
            </div>
        </details>
    }
}
