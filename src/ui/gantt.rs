//! The Gantt chart: task bars on a time axis, drawn only for the rows and dates in
//! view, so it stays the same size in the DOM at 40 tasks or 10,000.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::use_plan;
use crate::chart::{bar, link_path, link_points, ticks, Bar, BarKind, RowWindow, TickLevel, TimeScale, Zoom};
use crate::model::dates::format_iso_date;
use crate::model::outline::outline;
use crate::schedule::add_days;
use crate::storage;

/// Height of one task row, in pixels (CSS uses the same number).
pub const ROW_HEIGHT: f64 = 32.0;
/// Width of the task names column.
const LABEL_WIDTH: f64 = 300.0;
/// Height of the two-level date header.
const HEADER_HEIGHT: f64 = 48.0;
/// Rows drawn above and below the visible ones, for smooth scrolling.
const ROW_BUFFER: usize = 8;

fn px(value: f64) -> String {
    format!("{}px", value.round() as i64)
}

/// One drawn row: what it shows decides whether it is redrawn.
#[derive(Clone, Debug, PartialEq)]
struct RowView {
    bar: Bar,
    id: String,
    wbs: String,
    depth: usize,
    name: String,
    title: String,
}

#[component]
pub fn GanttChart() -> impl IntoView {
    let context = use_plan();
    let zoom = RwSignal::new(Zoom::Week);
    let highlight_critical = RwSignal::new(true);
    let scroll = RwSignal::new((0.0f64, 0.0f64));
    let viewport = RwSignal::new((1200.0f64, 560.0f64));
    let container = NodeRef::<leptos::html::Div>::new();

    let outline_rows = Memo::new(move |_| context.plan.with(outline));
    // The axis runs from a week before the plan's start to a month after its finish.
    let range = Memo::new(move |_| {
        let start = context.plan.with(|plan| plan.start);
        let finish = context.schedule.with(|schedule| match schedule {
            Ok(schedule) if !schedule.tasks.is_empty() => schedule.finish_date_of_plan(),
            _ => start,
        });
        (add_days(start, -7), add_days(finish.max(start), 30))
    });
    let scale = Memo::new(move |_| TimeScale::new(range.get().0, zoom.get()));
    let total_width = move || scale.with(|scale| scale.x(range.get().1));
    let window = Memo::new(move |_| {
        let (_, top) = scroll.get();
        let (_, height) = viewport.get();
        RowWindow::visible(outline_rows.with(Vec::len), ROW_HEIGHT, top, height - HEADER_HEIGHT, ROW_BUFFER)
    });
    let rows = Memo::new(move |_| {
        let window = window.get();
        let scale = scale.get();
        context.plan.with(|plan| {
            context.schedule.with(|schedule| {
                let Ok(schedule) = schedule else { return Vec::new() };
                outline_rows.with(|outline| {
                    (window.first..window.end)
                        .map(|row| {
                            let outline_row = &outline[row];
                            let task = &plan.tasks[outline_row.index];
                            let bar = bar(schedule, &scale, row, outline_row);
                            let start = format_iso_date(schedule.start_date(outline_row.index));
                            let finish = format_iso_date(schedule.finish_date(outline_row.index));
                            let title = if bar.kind == BarKind::Milestone {
                                format!("{} {}: {start}", task.id, task.name)
                            } else {
                                format!(
                                    "{} {}: {start} to {finish}, {}% done, float {} working days",
                                    task.id,
                                    task.name,
                                    bar.progress.round() as i64,
                                    schedule.tasks[outline_row.index].total_float
                                )
                            };
                            RowView {
                                bar,
                                id: task.id.to_string(),
                                wbs: outline_row.wbs.clone(),
                                depth: outline_row.depth,
                                name: task.name.clone(),
                                title,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    // Links with at least one end in view; the other end may be off screen.
    let links = Memo::new(move |_| {
        let window = window.get();
        let scale = scale.get();
        context.plan.with(|plan| {
            context.schedule.with(|schedule| {
                let Ok(schedule) = schedule else { return Vec::new() };
                outline_rows.with(|outline| {
                    let mut row_of = vec![0usize; plan.tasks.len()];
                    for (row, outline_row) in outline.iter().enumerate() {
                        row_of[outline_row.index] = row;
                    }
                    let index_of: std::collections::HashMap<&str, usize> =
                        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
                    plan.dependencies
                        .iter()
                        .filter_map(|dependency| {
                            let from = *index_of.get(dependency.predecessor.as_str())?;
                            let to = *index_of.get(dependency.successor.as_str())?;
                            let (from_row, to_row) = (row_of[from], row_of[to]);
                            if !window.contains(from_row) && !window.contains(to_row) {
                                return None;
                            }
                            let from_bar = bar(schedule, &scale, from_row, &outline[from_row]);
                            let to_bar = bar(schedule, &scale, to_row, &outline[to_row]);
                            let (start, end) = link_points(dependency.kind, &from_bar, &to_bar, ROW_HEIGHT);
                            let into_end = matches!(
                                dependency.kind,
                                crate::model::DependencyKind::FF | crate::model::DependencyKind::SF
                            );
                            let critical = from_bar.critical && to_bar.critical;
                            Some((
                                link_path(start, end, into_end),
                                critical,
                                format!("{} → {}", dependency.predecessor, dependency.successor),
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let visible_ticks = Memo::new(move |_| {
        let (left, _) = scroll.get();
        let (width, _) = viewport.get();
        scale.with(|scale| {
            let from = scale.date_at(left - LABEL_WIDTH);
            let to = scale.date_at(left + width);
            ticks(scale, zoom.get(), from.max(range.get().0), to.min(range.get().1))
        })
    });
    // Non-working days in view, shaded where a day is wide enough to see.
    let shaded_days = Memo::new(move |_| {
        if !matches!(zoom.get(), Zoom::Day | Zoom::Week) {
            return Vec::new();
        }
        let (left, _) = scroll.get();
        let (width, _) = viewport.get();
        let scale = scale.get();
        context.schedule.with(|schedule| {
            let Ok(schedule) = schedule else { return Vec::new() };
            let mut day = scale.date_at(left - LABEL_WIDTH).max(range.get().0);
            let last = scale.date_at(left + width).min(range.get().1);
            let mut days = Vec::new();
            while day <= last {
                if !schedule.calendar.is_working_day(day) {
                    days.push(scale.x(day));
                }
                day = add_days(day, 1);
            }
            days
        })
    });
    let today_x = move || scale.with(|scale| scale.x(storage::today()));

    let measure = move || {
        if let Some(element) = container.get_untracked() {
            let element: &web_sys::Element = element.unchecked_ref();
            viewport.set((element.client_width() as f64, element.client_height() as f64));
        }
    };
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let fit = move |_| {
        let (start, end) = range.get_untracked();
        let days = (end - start).num_days();
        let width = viewport.get_untracked().0 - LABEL_WIDTH - 16.0;
        zoom.set(Zoom::to_fit(days, width));
        if let Some(element) = container.get_untracked() {
            element.set_scroll_left(0);
        }
    };
    let scroll_to_today = move |_| {
        if let Some(element) = container.get_untracked() {
            let x = today_x() - viewport.get_untracked().0 / 3.0;
            element.set_scroll_left(x.max(0.0) as i32);
        }
    };

    view! {
        <div class="gantt" class:gantt--critical=move || highlight_critical.get()>
            <div class="toolbar gantt__toolbar" role="toolbar" aria-label="Chart">
                <span class="field__label">"Zoom"</span>
                <div class="segmented" role="group" aria-label="Zoom">
                    {Zoom::ALL.into_iter().map(|level| view! {
                        <button type="button" class="segmented__option" aria-pressed=move || (zoom.get() == level).to_string()
                            on:click=move |_| zoom.set(level)>{level.label()}</button>
                    }).collect_view()}
                </div>
                <button type="button" class="button" on:click=fit>"Fit plan"</button>
                <button type="button" class="button" on:click=scroll_to_today>"Today"</button>
                <label class="gantt__toggle">
                    <input type="checkbox" prop:checked=move || highlight_critical.get()
                        on:change=move |event| highlight_critical.set(event_target_checked(&event))/>
                    "Critical path"
                </label>
            </div>
            <div
                class="gantt__viewport"
                data-testid="gantt"
                node_ref=container
                tabindex="0"
                aria-label="Gantt chart"
                on:scroll=move |event| {
                    let element: web_sys::Element = event_target(&event);
                    scroll.set((element.scroll_left() as f64, element.scroll_top() as f64));
                }
            >
                <div class="gantt__canvas" style:width=move || px(LABEL_WIDTH + total_width()) style:height=move || px(HEADER_HEIGHT + outline_rows.with(Vec::len) as f64 * ROW_HEIGHT)>
                    <div class="gantt__header" style:width=move || px(LABEL_WIDTH + total_width())>
                        <div class="gantt__corner">"Task"</div>
                        <For each=move || visible_ticks.get() key=|tick| (tick.level == TickLevel::Major, tick.start, tick.x.round() as i64) let:tick>
                            <div
                                class="gantt__tick"
                                class:gantt__tick--major=tick.level == TickLevel::Major
                                style:left=px(LABEL_WIDTH + tick.x)
                                style:width=px(tick.width)
                            >{tick.label.clone()}</div>
                        </For>
                    </div>
                    <div class="gantt__body" style:left=px(LABEL_WIDTH) style:width=move || px(total_width()) style:height=move || px(outline_rows.with(Vec::len) as f64 * ROW_HEIGHT)>
                        <For each=move || shaded_days.get() key=|x| x.round() as i64 let:x>
                            <div class="gantt__shade" style:left=px(x) style:width=move || px(scale.with(|scale| scale.pixels_per_day))></div>
                        </For>
                        <div class="gantt__today" style:left=move || px(today_x()) title="Today"></div>
                        <svg class="gantt__links" style:width=move || px(total_width()) style:height=move || px(outline_rows.with(Vec::len) as f64 * ROW_HEIGHT) aria-hidden="true">
                            <defs>
                                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                    <path d="M0 0L6 3L0 6z"></path>
                                </marker>
                            </defs>
                            <For each=move || links.get() key=|link| link.clone() let:link>
                                <path class="gantt__link" class:gantt__link--critical=link.1 d=link.0.clone() marker-end="url(#gantt-arrow)"><title>{link.2.clone()}</title></path>
                            </For>
                        </svg>
                        <For each=move || rows.get() key=|row| (row.id.clone(), row.bar.row, row.bar.x.round() as i64, row.bar.width.round() as i64, row.bar.progress.round() as i64, row.bar.critical, row.name.clone()) let:row>
                            <GanttBar row=row/>
                        </For>
                    </div>
                    <div class="gantt__labels" style:height=move || px(outline_rows.with(Vec::len) as f64 * ROW_HEIGHT)>
                        <For each=move || rows.get() key=|row| (row.id.clone(), row.bar.row, row.name.clone(), row.wbs.clone(), row.bar.critical) let:row>
                            <div class="gantt__label" class:gantt__label--summary=row.bar.kind == BarKind::Summary
                                style:top=px(row.bar.row as f64 * ROW_HEIGHT) style:padding-left=format!("{}rem", row.depth + 1)>
                                <span class="gantt__wbs">{row.wbs.clone()}</span>
                                <span class="gantt__name" title=row.title.clone()>{row.name.clone()}</span>
                            </div>
                        </For>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[component]
fn GanttBar(
    /// The row to draw.
    row: RowView,
) -> impl IntoView {
    let bar = row.bar.clone();
    let top = bar.row as f64 * ROW_HEIGHT;
    let class = format!(
        "gantt__bar gantt__bar--{}{}{}",
        match bar.kind {
            BarKind::Task => "task",
            BarKind::Milestone => "milestone",
            BarKind::Summary => "summary",
        },
        if bar.critical { " gantt__bar--critical" } else { "" },
        if bar.deadline_missed { " gantt__bar--late" } else { "" }
    );
    let progress = format!("{}%", bar.progress.round().clamp(0.0, 100.0) as i64);
    view! {
        <div
            class=class
            data-task-id=row.id.clone()
            style:left=px(bar.x)
            style:top=px(top)
            style:width=px(bar.width)
            title=row.title.clone()
        >
            {(bar.kind == BarKind::Task).then(|| view! { <div class="gantt__progress" style:width=progress></div> })}
        </div>
    }
}
