//! The Gantt chart: task bars on a time axis, drawn only for the rows and dates in
//! view, so it stays the same size in the DOM at 40 tasks or 10,000.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::use_plan;
use crate::chart::{bar, link_path, link_points, ticks, Bar, BarKind, RowWindow, TickLevel, TimeScale, Zoom};
use crate::model::dates::format_iso_date;
use crate::model::DependencyKind;
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

/// The Performance API mark set when the chart first draws task bars.
pub const TIMELINE_DRAWN_MARK: &str = "planwright:timeline-drawn";

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
    /// The baseline's bar for this task: left edge and width.
    baseline: Option<(i64, i64)>,
}

/// Id, row, bar position and size, progress, criticality, name and baseline bar.
type RowKey = (String, usize, i64, i64, i64, bool, String, Option<(i64, i64)>);

impl RowView {
    /// What decides whether a drawn row is redrawn.
    fn key(&self) -> RowKey {
        let bar = &self.bar;
        (
            self.id.clone(),
            bar.row,
            bar.x.round() as i64,
            bar.width.round() as i64,
            bar.progress.round() as i64,
            bar.critical,
            self.name.clone(),
            self.baseline,
        )
    }
}

/// One drawn link arrow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct LinkView {
    path: String,
    critical: bool,
    label: String,
}

/// What the chart draws for one scroll position.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawn {
    rows: Vec<RowView>,
    links: Vec<LinkView>,
    ticks: Vec<crate::chart::Tick>,
    /// Left edges of the shaded non-working days.
    shaded: Vec<i64>,
}

fn row_view(
    plan: &crate::model::Plan,
    schedule: &crate::schedule::Schedule,
    scale: &TimeScale,
    row: usize,
    outline_row: &crate::model::outline::OutlineRow,
    baseline: &std::collections::HashMap<&str, (chrono::NaiveDate, chrono::NaiveDate)>,
) -> RowView {
    let task = &plan.tasks[outline_row.index];
    let baseline = baseline
        .get(task.id.as_str())
        .map(|&(start, finish)| (scale.x(start).round() as i64, scale.width(start, finish).round().max(2.0) as i64));
    let bar = bar(schedule, scale, row, outline_row);
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
        baseline,
        bar,
        id: task.id.to_string(),
        wbs: outline_row.wbs.clone(),
        depth: outline_row.depth,
        name: task.name.clone(),
        title,
    }
}

/// Links with at least one end in the row window; the other end may be off screen.
fn visible_links(
    plan: &crate::model::Plan,
    schedule: &crate::schedule::Schedule,
    scale: &TimeScale,
    outline: &[crate::model::outline::OutlineRow],
    link_rows: &[LinkRows],
    window: RowWindow,
) -> Vec<LinkView> {
    link_rows
        .iter()
        .filter(|link| window.contains(link.from_row) || window.contains(link.to_row))
        .map(|link| {
            let dependency = &plan.dependencies[link.dependency];
            let from_bar = bar(schedule, scale, link.from_row, &outline[link.from_row]);
            let to_bar = bar(schedule, scale, link.to_row, &outline[link.to_row]);
            let (start, end) = link_points(dependency.kind, &from_bar, &to_bar, ROW_HEIGHT);
            let into_end = matches!(dependency.kind, DependencyKind::FF | DependencyKind::SF);
            LinkView {
                path: link_path(start, end, into_end),
                critical: from_bar.critical && to_bar.critical,
                label: format!("{} → {}", dependency.predecessor, dependency.successor),
            }
        })
        .collect()
}

/// The outline rows a dependency joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LinkRows {
    dependency: usize,
    from_row: usize,
    to_row: usize,
}

/// Every dependency whose two tasks have rows (tasks inside a collapsed summary have
/// none, and their links are not drawn). Changes with the plan, not with scrolling.
fn link_rows(plan: &crate::model::Plan, outline: &[crate::model::outline::OutlineRow]) -> Vec<LinkRows> {
    let mut row_of = vec![None; plan.tasks.len()];
    for (row, outline_row) in outline.iter().enumerate() {
        row_of[outline_row.index] = Some(row);
    }
    let index_of: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    plan.dependencies
        .iter()
        .enumerate()
        .filter_map(|(dependency, link)| {
            let from = *index_of.get(link.predecessor.as_str())?;
            let to = *index_of.get(link.successor.as_str())?;
            Some(LinkRows { dependency, from_row: row_of[from]?, to_row: row_of[to]? })
        })
        .collect()
}

#[component]
pub fn GanttChart() -> impl IntoView {
    let context = use_plan();
    let zoom = RwSignal::new(Zoom::Week);
    // "Fit plan" sets its own pixels per day (ticks as for the nearest zoom); a zoom
    // button clears it.
    let fitted_pixels_per_day = RwSignal::new(None::<f64>);
    let highlight_critical = RwSignal::new(true);
    let scroll = RwSignal::new((0.0f64, 0.0f64));
    let viewport = RwSignal::new((1200.0f64, 560.0f64));
    let container = NodeRef::<leptos::html::Div>::new();

    let outline_rows = context.outline;
    // The axis runs from a week before the plan's start to a month after its finish.
    let axis = Memo::new(move |_| {
        let start = context.plan.with(|plan| plan.start);
        let finish = context.schedule.with(|schedule| match schedule {
            Ok(schedule) if !schedule.tasks.is_empty() => schedule.finish_date_of_plan(),
            _ => start,
        });
        let mut scale = TimeScale::new(add_days(start, -7), zoom.get());
        if let Some(pixels_per_day) = fitted_pixels_per_day.get() {
            scale.pixels_per_day = pixels_per_day;
        }
        let end = add_days(finish.max(start), 30);
        (scale, end)
    });
    let links = Memo::new(move |_| context.plan.with(|plan| outline_rows.with(|outline| link_rows(plan, outline))));
    let total_width = move || axis.with(|(scale, end)| scale.x(*end));
    let total_height = move || outline_rows.with(Vec::len) as f64 * ROW_HEIGHT;
    // Everything drawn for the current scroll position: rows, links, ticks, shading.
    let drawn = Memo::new(move |_| {
        let (left, top) = scroll.get();
        let (width, height) = viewport.get();
        let (scale, end) = axis.get();
        let chosen_baseline = context.baseline.get();
        let mut drawn = Drawn::default();
        context.plan.with(|plan| {
            context.schedule.with(|schedule| {
                let Ok(schedule) = schedule else { return };
                outline_rows.with(|outline| {
                    let window = RowWindow::visible(outline.len(), ROW_HEIGHT, top, height - HEADER_HEIGHT, ROW_BUFFER);
                    let baseline: std::collections::HashMap<&str, (chrono::NaiveDate, chrono::NaiveDate)> =
                        chosen_baseline
                            .iter()
                            .flat_map(|baseline| baseline.tasks.iter())
                            .map(|entry| (entry.task.as_str(), (entry.start, entry.finish)))
                            .collect();
                    drawn.rows = (window.first..window.end)
                        .map(|row| row_view(plan, schedule, &scale, row, &outline[row], &baseline))
                        .collect();
                    drawn.links = links.with(|links| visible_links(plan, schedule, &scale, outline, links, window));
                });
                let from = scale.date_at(left - LABEL_WIDTH).max(scale.origin);
                let to = scale.date_at(left + width).min(end);
                drawn.ticks = ticks(&scale, zoom.get(), from, to);
                // Non-working days, shaded where a day is wide enough to see.
                if matches!(zoom.get(), Zoom::Day | Zoom::Week) {
                    let mut day = from;
                    while day <= to {
                        if !schedule.calendar.is_working_day(day) {
                            drawn.shaded.push(scale.x(day).round() as i64);
                        }
                        day = add_days(day, 1);
                    }
                }
            })
        });
        drawn
    });
    // Marks the first drawing of task bars for the browser benchmark (`cargo xtask bench`).
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let has_rows = drawn.with(|drawn| !drawn.rows.is_empty());
        if has_rows {
            if let Some(performance) = window().performance() {
                let _ = performance.mark(TIMELINE_DRAWN_MARK);
            }
        }
        has_rows
    });
    let today_x = move || axis.with(|(scale, _)| scale.x(storage::today()));
    let day_width = move || axis.with(|(scale, _)| px(scale.pixels_per_day));

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
        let (scale, end) = axis.get_untracked();
        let days = (end - scale.origin).num_days().max(1);
        let width = viewport.get_untracked().0 - LABEL_WIDTH - 16.0;
        let level = Zoom::to_fit(days, width);
        zoom.set(level);
        fitted_pixels_per_day.set(Some((width / days as f64).clamp(0.2, Zoom::Day.pixels_per_day())));
        if let Some(element) = container.get_untracked() {
            element.set_scroll_left(0);
        }
    };
    let scroll_to_today = move |_| {
        let today = storage::today();
        let (scale, end) = axis.get_untracked();
        if today < scale.origin || today > end {
            context.notice.set(Some(crate::ui::Notice::info(format!(
                "Today ({}) is outside the plan's dates ({} to {}).",
                format_iso_date(today),
                format_iso_date(add_days(scale.origin, 7)),
                format_iso_date(add_days(end, -30))
            ))));
            return;
        }
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
                        <button type="button" class="segmented__option" aria-pressed=move || (zoom.get() == level && fitted_pixels_per_day.get().is_none()).to_string()
                            on:click=move |_| {
                                fitted_pixels_per_day.set(None);
                                zoom.set(level);
                            }>{level.label()}</button>
                    }).collect_view()}
                </div>
                <button type="button" class="button" aria-pressed=move || fitted_pixels_per_day.get().is_some().to_string() on:click=fit>"Fit plan"</button>
                <button type="button" class="button" on:click=scroll_to_today>"Today"</button>
                <button type="button" class="button" data-testid="set-baseline" title="Keep today's dates to measure slippage against" on:click=move |_| set_baseline(context)>"Set baseline"</button>
                <label class="gantt__toggle">
                    <span class="visually-hidden">"Compare with baseline"</span>
                    <select class="input" aria-label="Compare with baseline" data-testid="baseline-choice" on:change=move |event| {
                        let value = event_target_value(&event);
                        context.baseline_choice.set((!value.is_empty()).then_some(crate::model::BaselineId(value)));
                    }>
                        <option value="" selected=move || context.baseline_choice.get().is_none()>"Latest baseline"</option>
                        {move || context.plan.with(|plan| plan.baselines.iter().rev().map(|baseline| {
                            let id = baseline.id.clone();
                            let selected = context.baseline_choice.get_untracked().as_ref() == Some(&id);
                            view! { <option value=id.to_string() selected=selected>{format!("{}: {}", baseline.id, baseline.name)}</option> }
                        }).collect_view())}
                        <option value=crate::ui::state::NO_BASELINE>"No baseline"</option>
                    </select>
                </label>
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
                <div class="gantt__canvas" style=move || format!("width:{};height:{}", px(LABEL_WIDTH + total_width()), px(HEADER_HEIGHT + total_height()))>
                    <div class="gantt__header" style=move || format!("width:{}", px(LABEL_WIDTH + total_width()))>
                        <div class="gantt__corner">"Task"</div>
                        <For each=move || drawn.with(|drawn| drawn.ticks.clone()) key=|tick| (tick.level == TickLevel::Major, tick.start, tick.x.round() as i64) let:tick>
                            <div
                                class=if tick.level == TickLevel::Major { "gantt__tick gantt__tick--major" } else { "gantt__tick" }
                                style=format!("left:{};width:{}", px(LABEL_WIDTH + tick.x), px(tick.width))
                            >{tick.label.clone()}</div>
                        </For>
                    </div>
                    <div class="gantt__body" style=move || format!("left:{};width:{};height:{}", px(LABEL_WIDTH), px(total_width()), px(total_height()))>
                        <For each=move || drawn.with(|drawn| drawn.shaded.clone()) key=|x| *x let:x>
                            <div class="gantt__shade" style=move || format!("left:{x}px;width:{}", day_width())></div>
                        </For>
                        <div class="gantt__today" style=move || format!("left:{}", px(today_x())) title="Today"></div>
                        <svg class="gantt__links" style=move || format!("width:{};height:{}", px(total_width()), px(total_height())) aria-hidden="true">
                            <defs>
                                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                    <path d="M0 0L6 3L0 6z"></path>
                                </marker>
                            </defs>
                            <For each=move || drawn.with(|drawn| drawn.links.clone()) key=|link| link.clone() let:link>
                                <path class=if link.critical { "gantt__link gantt__link--critical" } else { "gantt__link" } d=link.path.clone() marker-end="url(#gantt-arrow)"><title>{link.label.clone()}</title></path>
                            </For>
                        </svg>
                        <For each=move || drawn.with(|drawn| drawn.rows.clone()) key=|row| row.key() let:row>
                            <GanttBar row=row/>
                        </For>
                    </div>
                    <div class="gantt__labels" style=move || format!("height:{}", px(total_height()))>
                        <For each=move || drawn.with(|drawn| drawn.rows.clone()) key=|row| row.key() let:row>
                            <div class=if row.bar.kind == BarKind::Summary { "gantt__label gantt__label--summary" } else { "gantt__label" }
                                style=format!("top:{};padding-left:{}rem", px(row.bar.row as f64 * ROW_HEIGHT), row.depth + 1)>
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

/// Keeps the current dates of every task as a new baseline (one undo step).
fn set_baseline(context: crate::ui::PlanContext) {
    let today = storage::today();
    let made = context.plan.with_untracked(|plan| {
        context.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let id = plan.next_baseline_id();
            let name = format!("Baseline of {}", format_iso_date(today));
            let mut baselines = plan.baselines.clone();
            baselines.push(crate::schedule::take_baseline(plan, schedule, id.clone(), name, today));
            Some((id, baselines))
        })
    });
    let Some((id, baselines)) = made else {
        return context.refuse("the plan cannot be scheduled, so there are no dates to keep");
    };
    if context.dispatch(crate::model::Command::SetBaselines(baselines)).is_ok() {
        context.baseline_choice.set(None);
        context.notice.set(Some(crate::ui::Notice::info(format!(
            "Baseline {id} set: the chart shows it under each bar and the grid shows the variance."
        ))));
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
    let baseline = row.baseline.map(|(x, width)| {
        view! {
            <div class="gantt__baseline" data-baseline-of=row.id.clone() style=format!("left:{x}px;top:{}px;width:{width}px", top as i64) title="Baseline"></div>
        }
    });
    view! {
        {baseline}
        <div
            class=class
            data-task-id=row.id.clone()
            style=format!("left:{};top:{};width:{}", px(bar.x), px(top), px(bar.width))
            title=row.title.clone()
        >
            {(bar.kind == BarKind::Task).then(|| view! { <div class="gantt__progress" style=format!("width:{progress}")></div> })}
        </div>
    }
}
