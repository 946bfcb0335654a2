//! The Gantt chart: task bars on a time axis, drawn only for the rows and dates in
//! view, so it stays the same size in the DOM at 40 tasks or 10,000.
//!
//! The parts: `state` (the chart's signals), `geometry` (its memos: the axis and what is
//! drawn, worked out in `drawn`), `draw` (the body drawn by hand over `ui/dom.rs`),
//! `viewport` (size and scrolling), `pointer` (drags and clicks), `keys` (the key
//! handler over the key table `chart::keys`, and the Keys panel), `toolbar` and `status`.
//! Each part is methods of `Chart`, one `Copy` handle on the plan, the state and the
//! geometry.

mod draw;
mod drawn;
mod geometry;
mod keys;
mod pointer;
mod state;
mod status;
mod toolbar;
mod viewport;

use leptos::prelude::*;

use self::draw::LayerRefs;
use self::geometry::Geometry;
use self::state::ChartState;
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::px;

pub use keys::chart_help;

/// Height of one task row, in pixels (CSS uses the same number).
pub const ROW_HEIGHT: f64 = 32.0;
/// Height of the two-level date header.
const HEADER_HEIGHT: f64 = 48.0;
/// Rows drawn above and below the visible ones, for smooth scrolling.
const ROW_BUFFER: usize = 8;
/// Room the chart's vertical scroll bar takes from its width.
const SCROLLBAR_WIDTH: f64 = 16.0;

/// The Performance API mark set when the chart first draws task bars.
pub const TIMELINE_DRAWN_MARK: &str = "planwright:timeline-drawn";

/// The chart's parts' handle: the page's plan, the chart's state and its geometry.
#[derive(Clone, Copy)]
struct Chart {
    context: PlanContext,
    state: ChartState,
    geometry: Geometry,
}

/// The Gantt chart: its toolbar, the bars and links drawn by hand (`draw.rs`), and its keys.
/// `children` (the task grid and its splitter) stand left of the bars, row beside row: the
/// chart's viewport holds the one vertical scroll and scrolls the grid with it
/// (`viewport.rs`), and the grid, scrolled by its own fields' focus, scrolls the chart.
#[component]
pub fn GanttChart(children: Children) -> impl IntoView {
    let context = use_plan();
    let state = ChartState::new();
    let chart = Chart { context, state, geometry: Geometry::new(context, state) };
    let geometry = chart.geometry;
    chart.measure_viewport();
    state.forget_removed_link(context);
    let layers = LayerRefs::new();
    layers.draw(chart);
    let width = move || px(geometry.total_width());
    let height = move || px(geometry.total_height());

    view! {
        <div class="gantt" class:gantt--critical=move || state.highlight_critical.get() class:gantt--overlaps=move || state.show_overlaps.get() class:gantt--dragging=move || state.drag.with(Option::is_some)>
            {chart.toolbar()}
            {chart.keys_panel()}
            {chart.status_line()}
            <div class="gantt__split">
            {children()}
            <div
                class="gantt__viewport"
                data-testid="gantt"
                node_ref=state.container
                tabindex="0"
                aria-label="Gantt chart: arrow keys select and move tasks, ? lists the keys"
                aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Delete"
                on:keydown=move |event| chart.on_key(event)
                on:scroll=move |event| chart.on_scroll(event)
            >
                <div class="gantt__canvas" style=move || format!("width:{};height:{}", width(), px(HEADER_HEIGHT + geometry.total_height()))>
                    <div class="gantt__header" style=move || format!("width:{}", width())>
                        <div class="gantt__ticks" node_ref=layers.ticks></div>
                    </div>
                    <div class="gantt__body" node_ref=state.body
                        style=move || format!("width:{};height:{}", width(), height())
                        on:pointerdown=move |event| chart.on_pointer_down(event)
                        on:pointermove=move |event| chart.on_pointer_move(event)
                        on:pointerup=move |event| chart.on_pointer_up(event)
                        on:pointercancel=move |_| state.drag.set(None)
                    >
                        <div class="gantt__shades" node_ref=layers.shades></div>
                        <div class="gantt__today" style=move || format!("left:{}", px(geometry.today_x())) title="Today"></div>
                        <svg class="gantt__links" style=move || format!("width:{};height:{}", width(), height())>
                            <defs>
                                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                    <path d="M0 0L6 3L0 6z"></path>
                                </marker>
                            </defs>
                            <g node_ref=layers.links></g>
                            {chart.link_draft()}
                        </svg>
                        <div class="gantt__bars" node_ref=layers.bars></div>
                        {chart.drag_ghost()}
                    </div>
                </div>
            </div>
            </div>
            <ul class="gantt__legend" aria-label="Legend" inner_html=LEGEND></ul>
        </div>
    }
}

/// The chart's legend: static HTML, no code to build it.
const LEGEND: &str = concat!(
    r#"<li><span class="gantt__swatch gantt__swatch--task"></span>Task (dark part: done)</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--critical"></span>Critical path</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--milestone"></span>Milestone</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--summary"></span>Summary</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--baseline"></span>Baseline</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--late"></span>Misses its deadline</li>"#,
    r#"<li><span class="gantt__flag gantt__flag--legend">!</span>Its Responsible person has another task at the same time</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--risk">▲</span>An open risk threatens it</li>"#,
    r#"<li><span class="gantt__swatch gantt__swatch--today"></span>Today</li>"#,
);
