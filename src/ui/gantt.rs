//! The Gantt chart: task bars on a time axis, drawn only for the rows and dates in
//! view, so it stays the same size in the DOM at 40 tasks or 10,000.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::{new_element, place, Kept};
use super::state::{use_plan, PlanContext};
use super::task_actions::{
    add_task, apply_drag_edit, change_duration, change_progress, edit_in_grid, indent, link_tasks, move_among_siblings,
    outdent, remove_link, remove_task, shift_start, Placement,
};
use super::widgets::px;
use crate::chart::{
    bar, drag_edit, fit_plan, link_path, link_points, preview_geometry, ticks, Bar, BarKind, DragEdit, DragMode,
    RowWindow, TickLevel, TimeScale, Zoom,
};
use crate::model::dates::format_iso_date;
use crate::model::hashing::{IdMap, IdSet};
use crate::model::{DependencyKind, TaskId, TaskKind};
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
/// Room the chart's vertical scroll bar takes from its width.
const SCROLLBAR_WIDTH: f64 = 16.0;

/// The Performance API mark set when the chart first draws task bars.
pub const TIMELINE_DRAWN_MARK: &str = "planwright:timeline-drawn";

/// One drawn row: what its bar and label show (`RowNodes` writes only what changed).
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
    /// Who is Responsible for this task and for others at the same time, said in words.
    overloaded: Option<String>,
    /// The open risks that threaten this task, said in words.
    risks: Option<String>,
    /// Working days the task is late against a deadline or a no-later-than date (its
    /// negative float), when it is.
    behind: Option<i64>,
}

/// One drawn link arrow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct LinkView {
    path: String,
    critical: bool,
    label: String,
    predecessor: TaskId,
    successor: TaskId,
}

/// What the chart draws for one scroll position.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawn {
    rows: Vec<RowView>,
    links: Vec<LinkView>,
    ticks: Vec<crate::chart::Tick>,
    /// Left edges of the shaded non-working days.
    shaded: Vec<i64>,
    /// Width of one day, in pixels (of a shaded day).
    day_width: f64,
}

/// What every drawn row reads: the plan, its schedule and what is derived from them.
struct RowSources<'a> {
    plan: &'a crate::model::Plan,
    schedule: &'a crate::schedule::Schedule,
    scale: &'a TimeScale,
    /// Each task's dates in the baseline in use.
    baseline: &'a IdMap<&'a str, (chrono::NaiveDate, chrono::NaiveDate)>,
    load: &'a crate::schedule::ResourceLoad,
    /// The risks that threaten each task and are not closed: "R1 Vendor API late".
    risks: &'a IdMap<TaskId, Vec<String>>,
}

fn row_view(sources: &RowSources, row: usize, outline_row: &crate::model::outline::OutlineRow) -> RowView {
    let RowSources { plan, schedule, scale, baseline, load, risks } = *sources;
    let task = &plan.tasks[outline_row.index];
    let baseline = baseline
        .get(task.id.as_str())
        .map(|&(start, finish)| (scale.x(start).round() as i64, scale.width(start, finish).round().max(2.0) as i64));
    let bar = bar(schedule, scale, row, outline_row);
    let float = schedule.tasks[outline_row.index].total_float;
    let title = bar_title(schedule, &bar, task, outline_row.index);
    let overloaded = load.overlaps.get(outline_row.index).filter(|overlaps| !overlaps.is_empty()).map(|overlaps| {
        let people: Vec<String> = overlaps
            .iter()
            .map(|overlap| {
                let others: Vec<&str> = overlap.others.iter().map(|&other| plan.tasks[other].id.as_str()).collect();
                let more = overlap.other_count - overlap.others.len();
                format!(
                    "{} is also Responsible for {}{} at the same time",
                    plan.people[overlap.person].name,
                    others.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                )
            })
            .collect();
        format!("Overloaded: {}.", people.join("; "))
    });
    let title = match &overloaded {
        Some(text) => format!("{title}\n{text}"),
        None => title,
    };
    let risks = risks.get(&task.id).map(|risks| format!("Risks: {}", risks.join("; ")));
    let title = match &risks {
        Some(text) => format!("{title}\n{text}"),
        None => title,
    };
    RowView {
        behind: (float < 0).then_some(-float),
        risks,
        overloaded,
        baseline,
        bar,
        id: task.id.to_string(),
        wbs: outline_row.wbs.clone(),
        depth: outline_row.depth,
        name: task.name.clone(),
        title,
    }
}

/// A bar's tooltip: the task, its dates, progress and float, and a constraint the links
/// make impossible.
fn bar_title(schedule: &crate::schedule::Schedule, bar: &Bar, task: &crate::model::Task, index: usize) -> String {
    let start = format_iso_date(schedule.start_date(index));
    let finish = format_iso_date(schedule.finish_date(index));
    let float = schedule.tasks[index].total_float;
    let title = if bar.kind == BarKind::Milestone {
        format!("{} {}: {start}", task.id, task.name)
    } else {
        format!(
            "{} {}: {start} to {finish}, {}% done, float {} working days",
            task.id,
            task.name,
            bar.progress.round() as i64,
            if float < 0 { format!("−{}", -float) } else { float.to_string() }
        )
    };
    match schedule.conflict(index) {
        Some(conflict) => format!("{title}\nCannot be met: {conflict}."),
        None => title,
    }
}

/// The risks that are not closed, by the tasks they threaten.
fn open_risks_by_task(plan: &crate::model::Plan) -> IdMap<TaskId, Vec<String>> {
    let mut by_task: IdMap<TaskId, Vec<String>> = IdMap::default();
    for risk in plan.risks.iter().filter(|risk| risk.status != crate::model::RiskStatus::Closed) {
        for task in &risk.linked_tasks {
            by_task.entry(task.clone()).or_default().push(format!(
                "{} {} (score {})",
                risk.id,
                risk.title,
                risk.score()
            ));
        }
    }
    by_task
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
                label: format!(
                    "{} → {} ({}{}): click to select, Delete removes it",
                    dependency.predecessor,
                    dependency.successor,
                    dependency.kind.label(),
                    if dependency.lag == 0 { String::new() } else { format!("{:+}", dependency.lag) }
                ),
                predecessor: dependency.predecessor.clone(),
                successor: dependency.successor.clone(),
            }
        })
        .collect()
}

/// What a press on the chart is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gesture {
    /// Moving, resizing or setting progress.
    Edit(DragMode),
    /// Drawing a link from the bar to another one.
    Link,
}

/// A press on a bar, followed until the pointer is released.
#[derive(Clone, Debug, PartialEq)]
struct Drag {
    task: TaskId,
    gesture: Gesture,
    /// The bar as it was at the press.
    bar: Bar,
    start: chrono::NaiveDate,
    early_start: i64,
    /// Pointer at the press and now, in chart-body pixels.
    from: (f64, f64),
    to: (f64, f64),
    /// The bar under the pointer while drawing a link.
    target: Option<TaskId>,
}

impl Drag {
    /// A press that moves less than this is a click.
    const CLICK_SLOP: f64 = 4.0;

    fn moved(&self) -> bool {
        (self.to.0 - self.from.0).abs() + (self.to.1 - self.from.1).abs() > Self::CLICK_SLOP
    }

    fn dx(&self) -> f64 {
        self.to.0 - self.from.0
    }
}

/// What is drawn while dragging: the bar where it would land and what it would mean.
#[derive(Clone, Debug, PartialEq)]
enum Preview {
    Bar { x: f64, width: f64, top: f64, progress: Option<u8>, label: String },
    Link { from: (f64, f64), to: (f64, f64) },
}

fn preview(drag: &Drag, scale: &TimeScale, calendar: &crate::schedule::WorkingCalendar) -> Option<Preview> {
    if !drag.moved() {
        return None;
    }
    let top = drag.bar.row as f64 * ROW_HEIGHT;
    match drag.gesture {
        Gesture::Link => {
            Some(Preview::Link { from: (drag.bar.x + drag.bar.width, top + ROW_HEIGHT / 2.0), to: drag.to })
        }
        Gesture::Edit(mode) => {
            let edit = drag_edit(mode, &drag.bar, drag.early_start, drag.dx(), scale, calendar)?;
            let (x, width) = preview_geometry(edit, &drag.bar, drag.start, scale, calendar);
            let (progress, label) = match edit {
                DragEdit::StartNoEarlierThan(date) => (None, format!("Not before {}", format_iso_date(date))),
                DragEdit::Duration(days) => (None, format!("{days} working day{}", if days == 1 { "" } else { "s" })),
                DragEdit::Progress(percent) => (Some(percent), format!("{percent}% done")),
            };
            Some(Preview::Bar { x, width, top, progress, label })
        }
    }
}

/// The task id on the bar at a point of the page, if any.
fn task_at_point(client_x: f64, client_y: f64) -> Option<TaskId> {
    let element = document().element_from_point(client_x as f32, client_y as f32)?;
    let bar = element.closest(".gantt__bar[data-task-id]").ok().flatten()?;
    bar.get_attribute("data-task-id").map(TaskId)
}

/// The ids of the rows as shown, in order (for moving the selection by key).
fn visible_ids(context: PlanContext) -> Vec<TaskId> {
    context.plan.with_untracked(|plan| {
        context.outline.with_untracked(|rows| rows.iter().map(|row| plan.tasks[row.index].id.clone()).collect())
    })
}

/// Keys of the chart, shown in its help panel (and in the README).
const CHART_KEYS: &[(&str, &str)] = &[
    ("↑ ↓, Home, End", "select the task above, below, first, last"),
    ("← →", "move the task a working day earlier or later (sets its “not before” date)"),
    ("Shift + ← →", "shorten or lengthen the task by a working day"),
    ("[ ]", "progress 10% down or up"),
    ("Enter", "edit the task's name in the grid"),
    ("N, Shift + N, M", "new task after this one, new subtask, new milestone"),
    ("Alt + Shift + → ←", "indent, outdent"),
    ("Alt + Shift + ↑ ↓", "move up or down among its siblings"),
    ("Space", "show or hide a summary's subtasks"),
    ("L, then ↑ ↓ and Enter", "link this task to another one (finish to start)"),
    ("K", "select the next link of the task"),
    ("Delete", "remove the selected link, or else the selected task"),
    ("Escape", "cancel a drag or a link, then clear the selection"),
    ("?", "show or hide these keys"),
];

/// Mouse gestures of the chart, shown in its help panel.
const CHART_GESTURES: &[(&str, &str)] = &[
    ("Drag a bar", "move it (sets its “not before” date)"),
    ("Drag a bar's right end", "change its duration"),
    ("Drag the handle under the bar", "set its progress"),
    ("Drag the dot after a bar onto another bar", "link them: the other starts after this one finishes"),
    ("Click a link", "select it; Delete removes it"),
];

/// The help panel's tables: the chart's keys and mouse gestures (a part fetched when
/// first shown, `parts::chart_help`).
pub fn chart_help() -> AnyView {
    view! {
        <div class="gantt__help-columns">
            <table class="table gantt__help-table">
                <caption>"With the chart focused (click it or Tab to it)"</caption>
                <tbody>
                    {CHART_KEYS.iter().map(|(keys, action)| view! { <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*action}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <table class="table gantt__help-table">
                <caption>"With the mouse"</caption>
                <tbody>
                    {CHART_GESTURES.iter().map(|(gesture, action)| view! { <tr><th scope="row">{*gesture}</th><td>{*action}</td></tr> }).collect_view()}
                    <tr><th scope="row">"Ctrl+Z, Ctrl+Shift+Z"</th><td>"undo, redo (a drag is one step)"</td></tr>
                </tbody>
            </table>
        </div>
        <p class="gantt__help-note">"Summary bars take their dates and progress from their subtasks, so they do not drag; link to or from them instead. A bar moved earlier than its predecessors allow stays where they put it, and the app says why."</p>
    }
    .into_any()
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
    let index_of: crate::model::hashing::IdMap<&str, usize> =
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

/// The Gantt chart: its toolbar, the bars and links drawn by hand (`dom.rs`), and its keys.
#[component]
pub fn GanttChart() -> impl IntoView {
    let context = use_plan();
    let zoom = RwSignal::new(Zoom::Week);
    // "Fit plan" sets its own pixels per day (ticks as for the nearest zoom); a zoom
    // button clears it.
    let fitted_pixels_per_day = RwSignal::new(None::<f64>);
    let highlight_critical = RwSignal::new(true);
    let show_overlaps = RwSignal::new(true);
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
    // Which rows each link joins follows the outline and the links' ends only: an edit of
    // a duration, a lag or a link's kind keeps them, and they are not worked out again.
    let link_ends = Memo::new_owning(move |old: Option<Vec<(TaskId, TaskId)>>| {
        context.plan.with(|plan| match old {
            Some(old)
                if old.len() == plan.dependencies.len()
                    && old.iter().zip(&plan.dependencies).all(|((predecessor, successor), link)| {
                        *predecessor == link.predecessor && *successor == link.successor
                    }) =>
            {
                (old, false)
            }
            _ => (
                plan.dependencies.iter().map(|link| (link.predecessor.clone(), link.successor.clone())).collect(),
                true,
            ),
        })
    });
    // One consistent reading: the tasks' structure, the outline and the link ends are each
    // brought up to date with the plan when read (a memo's `with` runs it first if its
    // sources changed), and the plan read here is that same plan.
    let links = Memo::new(move |_| {
        context.structure.with(|_| ());
        link_ends.with(|_| ());
        outline_rows.with(|outline| context.plan.with_untracked(|plan| link_rows(plan, outline)))
    });
    let risks_by_task = Memo::new(move |_| context.plan.with(open_risks_by_task));
    let total_width = move || axis.with(|(scale, end)| scale.x(*end));
    let total_height = move || outline_rows.with(Vec::len) as f64 * ROW_HEIGHT;
    // Everything drawn for the current scroll position: rows, links, ticks, shading.
    let drawn = Memo::new(move |_| {
        let (left, top) = scroll.get();
        let (width, height) = viewport.get();
        let (scale, end) = axis.get();
        let mut drawn = Drawn::default();
        context.plan.with(|plan| {
            context.schedule.with(|schedule| {
                let Ok(schedule) = schedule else { return };
                outline_rows.with(|outline| {
                    let window = RowWindow::visible(outline.len(), ROW_HEIGHT, top, height - HEADER_HEIGHT, ROW_BUFFER);
                    // The baseline dates of the rows drawn only, not a map of every task.
                    let shown: IdSet<&str> =
                        outline[window.first..window.end].iter().map(|row| plan.tasks[row.index].id.as_str()).collect();
                    let baseline: IdMap<&str, (chrono::NaiveDate, chrono::NaiveDate)> =
                        context.baseline.with(|baseline| {
                            baseline
                                .iter()
                                .flat_map(|baseline| baseline.tasks.iter())
                                .filter_map(|entry| {
                                    shown.get(entry.task.as_str()).map(|&task| (task, (entry.start, entry.finish)))
                                })
                                .collect()
                        });
                    drawn.rows = context.resource_load.with(|load| {
                        risks_by_task.with(|risks| {
                            let sources =
                                RowSources { plan, schedule, scale: &scale, baseline: &baseline, load, risks };
                            (window.first..window.end).map(|row| row_view(&sources, row, &outline[row])).collect()
                        })
                    });
                    drawn.links = links.with(|links| visible_links(plan, schedule, &scale, outline, links, window));
                });
                let from = scale.date_at(left - LABEL_WIDTH).max(scale.origin);
                let to = scale.date_at(left + width).min(end);
                drawn.ticks = ticks(&scale, zoom.get(), from, to);
                drawn.day_width = scale.pixels_per_day;
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
    let today_x = move || axis.with(|(scale, _)| scale.x(storage::today()));

    // Also called from an animation frame, which may come after the chart is gone.
    let measure = move || {
        if let Some(element) = container.try_get_untracked().flatten() {
            let element: &web_sys::Element = element.unchecked_ref();
            viewport.try_set((element.client_width() as f64, element.client_height() as f64));
        }
    };
    // Measured in the next animation frame, once the page is built: reading the size
    // while the views are still being built would make the browser lay out the whole
    // page then, and again when they are done. The frame is drawn after this reading.
    Effect::new(move |_| {
        if container.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // The plan's dates (its start to its last day of work) fill the chart's width.
    let fit = move |_| {
        let start = context.plan.with_untracked(|plan| plan.start);
        let finish = context.schedule.with_untracked(|schedule| match schedule {
            Ok(schedule) if !schedule.tasks.is_empty() => schedule.finish_date_of_plan(),
            _ => start,
        });
        let width = viewport.get_untracked().0 - LABEL_WIDTH - SCROLLBAR_WIDTH;
        let (pixels_per_day, level) = fit_plan(start, finish.max(start), width);
        zoom.set(level);
        fitted_pixels_per_day.set(Some(pixels_per_day));
        if let Some(element) = container.get_untracked() {
            // The axis starts a week before the plan: scroll to a day before it.
            element.set_scroll_left((6.0 * pixels_per_day).round() as i32);
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

    let body = NodeRef::<leptos::html::Div>::new();
    let drag = RwSignal::new(None::<Drag>);
    let selected_link = RwSignal::new(None::<(TaskId, TaskId)>);
    // Keyboard linking: the task a link is being drawn from.
    let link_from = RwSignal::new(None::<TaskId>);
    let help_open = RwSignal::new(false);
    let drag_preview = Memo::new(move |_| {
        drag.with(|drag| {
            let drag = drag.as_ref()?;
            context.schedule.with(|schedule| {
                let calendar = &schedule.as_ref().ok()?.calendar;
                axis.with(|(scale, _)| preview(drag, scale, calendar))
            })
        })
    });
    let link_target = Memo::new(move |_| drag.with(|drag| drag.as_ref().and_then(|drag| drag.target.clone())));

    // The chart's body, drawn from `drawn` by one effect that keeps its nodes (see
    // `ChartNodes`): no view, memo or closure per bar, label, link or tick.
    let ticks_layer = NodeRef::<leptos::html::Div>::new();
    let shades_layer = NodeRef::<leptos::html::Div>::new();
    let links_layer = NodeRef::<leptos::svg::G>::new();
    let bars_layer = NodeRef::<leptos::html::Div>::new();
    let labels_layer = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |nodes: Option<ChartNodes>| {
        let mut nodes = nodes.unwrap_or_default();
        let (Some(ticks), Some(shades), Some(links), Some(bars), Some(labels)) =
            (ticks_layer.get(), shades_layer.get(), links_layer.get(), bars_layer.get(), labels_layer.get())
        else {
            return nodes;
        };
        let layers = Layers {
            ticks: ticks.into(),
            shades: shades.into(),
            links: links.into(),
            bars: bars.into(),
            labels: labels.into(),
        };
        let (task, target, link) = (context.selected_task.get(), link_target.get(), selected_link.get());
        let highlights = Highlights { task: task.as_ref(), link_target: target.as_ref(), link: link.as_ref() };
        let has_rows = drawn.with(|drawn| {
            nodes.draw(drawn, &layers, &highlights);
            !drawn.rows.is_empty()
        });
        // Marks the first drawing of task bars for the browser benchmark (`cargo xtask bench`).
        if has_rows && !nodes.marked {
            nodes.marked = true;
            if let Some(performance) = window().performance() {
                let _ = performance.mark(TIMELINE_DRAWN_MARK);
            }
        }
        nodes
    });

    // Pointer position in chart-body pixels.
    let body_point = move |event: &web_sys::PointerEvent| {
        let rect = body.get_untracked().map(|body| body.get_bounding_client_rect());
        let (left, top) = rect.map(|rect| (rect.left(), rect.top())).unwrap_or_default();
        (event.client_x() as f64 - left, event.client_y() as f64 - top)
    };
    let focus_chart = move || {
        if let Some(element) = container.get_untracked() {
            let _ = element.focus();
        }
    };
    let on_label_click = move |event: web_sys::MouseEvent| {
        let Some(target) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else { return };
        let label = target.closest("[data-label-of]").ok().flatten();
        if let Some(id) = label.and_then(|label| label.get_attribute("data-label-of")) {
            selected_link.set(None);
            context.selected_task.set(Some(TaskId(id)));
            focus_chart();
        }
    };
    let on_pointer_down = move |event: web_sys::PointerEvent| {
        if event.button() != 0 {
            return;
        }
        let Some(target) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else { return };
        focus_chart();
        if let Some(link) = target.closest("[data-link-from]").ok().flatten() {
            let end = |name: &str| link.get_attribute(name).map(TaskId);
            if let (Some(from), Some(to)) = (end("data-link-from"), end("data-link-to")) {
                selected_link.set(Some((from, to)));
            }
            return;
        }
        let Some(id) = target
            .closest(".gantt__bar[data-task-id]")
            .ok()
            .flatten()
            .and_then(|bar| bar.get_attribute("data-task-id"))
            .map(TaskId)
        else {
            selected_link.set(None);
            return;
        };
        selected_link.set(None);
        context.selected_task.set(Some(id.clone()));
        let gesture = match target
            .closest("[data-handle]")
            .ok()
            .flatten()
            .and_then(|handle| handle.get_attribute("data-handle"))
            .as_deref()
        {
            Some("resize") => Gesture::Edit(DragMode::Resize),
            Some("progress") => Gesture::Edit(DragMode::Progress),
            Some("link") => Gesture::Link,
            _ => Gesture::Edit(DragMode::Move),
        };
        let Some((bar, start, early_start)) = drawn.with_untracked(|drawn| {
            let row = drawn.rows.iter().find(|row| row.id == id.as_str())?;
            context.schedule.with_untracked(|schedule| {
                let schedule = schedule.as_ref().ok()?;
                let index = row.bar.task;
                Some((row.bar.clone(), schedule.start_date(index), schedule.tasks[index].early_start))
            })
        }) else {
            return;
        };
        if let Gesture::Edit(mode) = gesture {
            if !mode.applies_to(bar.kind) {
                // A click selects; summaries do not drag.
                return;
            }
        }
        event.prevent_default();
        if let Some(body) = body.get_untracked() {
            let _ = body.set_pointer_capture(event.pointer_id());
        }
        let point = body_point(&event);
        drag.set(Some(Drag { task: id, gesture, bar, start, early_start, from: point, to: point, target: None }));
    };
    let on_pointer_move = move |event: web_sys::PointerEvent| {
        if drag.with_untracked(Option::is_none) {
            return;
        }
        let point = body_point(&event);
        let linking = drag.with_untracked(|drag| drag.as_ref().is_some_and(|drag| drag.gesture == Gesture::Link));
        let target = if linking { task_at_point(event.client_x() as f64, event.client_y() as f64) } else { None };
        drag.update(|drag| {
            if let Some(drag) = drag {
                drag.to = point;
                drag.target = target.filter(|target| *target != drag.task);
            }
        });
    };
    // A refusal of a key or a drag is said in the chart's status line, beside the chart
    // the person works in, not in the page's notice at the top (which `dispatch` and
    // `refuse` write): it stays until the next key or drag.
    let refusal = RwSignal::new(None::<String>);
    let explained_here = move |act: &dyn Fn()| {
        let shown = context.notice.get_untracked();
        act();
        let now = context.notice.get_untracked();
        let refused = now.filter(|notice| notice.is_error && Some(notice) != shown.as_ref()).map(|notice| notice.text);
        if refused.is_some() {
            context.notice.set(shown);
        }
        refusal.set(refused);
    };
    let finish_drag = move |event: web_sys::PointerEvent| {
        let Some(mut finished) = drag.get_untracked() else { return };
        drag.set(None);
        finished.to = body_point(&event);
        if !finished.moved() {
            return;
        }
        match finished.gesture {
            Gesture::Link => match task_at_point(event.client_x() as f64, event.client_y() as f64) {
                Some(successor) if successor != finished.task => {
                    link_tasks(context, &finished.task, &successor);
                }
                _ => {}
            },
            Gesture::Edit(mode) => {
                let edit = context.schedule.with_untracked(|schedule| {
                    let calendar = &schedule.as_ref().ok()?.calendar;
                    axis.with_untracked(|(scale, _)| {
                        drag_edit(mode, &finished.bar, finished.early_start, finished.dx(), scale, calendar)
                    })
                });
                if let Some(edit) = edit {
                    apply_drag_edit(context, &finished.task, edit);
                }
            }
        }
    };

    let on_pointer_up = move |event: web_sys::PointerEvent| explained_here(&|| finish_drag(event.clone()));

    // Keeps the selected task's row (and bar) in view after a key moved it.
    let reveal_selected = move || {
        let Some(id) = context.selected_task.get_untracked() else { return };
        let Some(element) = container.get_untracked() else { return };
        let found = context.plan.with_untracked(|plan| {
            context.schedule.with_untracked(|schedule| {
                let schedule = schedule.as_ref().ok()?;
                context.outline.with_untracked(|rows| {
                    let row = rows.iter().position(|row| plan.tasks[row.index].id == id)?;
                    let drawn = axis.with_untracked(|(scale, _)| bar(schedule, scale, row, &rows[row]));
                    Some((row, drawn))
                })
            })
        });
        let Some((row, drawn)) = found else { return };
        let (width, height) = viewport.get_untracked();
        let top = row as f64 * ROW_HEIGHT;
        let (scroll_left, scroll_top) = (element.scroll_left() as f64, element.scroll_top() as f64);
        if top < scroll_top || top + ROW_HEIGHT > scroll_top + height - HEADER_HEIGHT {
            element.set_scroll_top((top - (height - HEADER_HEIGHT) / 2.0).max(0.0) as i32);
        }
        let visible_width = width - LABEL_WIDTH;
        if drawn.x < scroll_left || drawn.x + drawn.width.min(visible_width / 2.0) > scroll_left + visible_width {
            element.set_scroll_left((drawn.x - visible_width / 3.0).max(0.0) as i32);
        }
    };
    let handle_key = move |event: web_sys::KeyboardEvent| {
        let key = event.key();
        let (shift, alt, command) = (event.shift_key(), event.alt_key(), event.ctrl_key() || event.meta_key());
        if command {
            return;
        }
        let selected = context.selected_task.get_untracked();
        let mut handled = true;
        match (key.as_str(), selected) {
            ("?", _) => help_open.update(|open| *open = !*open),
            ("Escape", _) => {
                if drag.get_untracked().is_some() {
                    drag.set(None);
                } else if link_from.get_untracked().is_some() {
                    link_from.set(None);
                } else if help_open.get_untracked() {
                    help_open.set(false);
                } else if selected_link.get_untracked().is_some() {
                    selected_link.set(None);
                } else {
                    context.selected_task.set(None);
                }
            }
            ("ArrowUp" | "ArrowDown", Some(id)) if alt && shift => move_among_siblings(context, &id, key == "ArrowUp"),
            ("ArrowRight", Some(id)) if alt && shift => indent(context, &id),
            ("ArrowLeft", Some(id)) if alt && shift => outdent(context, &id),
            ("ArrowUp" | "ArrowDown" | "Home" | "End", selected) if !alt => {
                let ids = visible_ids(context);
                if ids.is_empty() {
                    return;
                }
                let current = selected.and_then(|id| ids.iter().position(|candidate| *candidate == id));
                let next = match (key.as_str(), current) {
                    ("Home", _) => 0,
                    ("End", _) => ids.len() - 1,
                    ("ArrowUp", Some(row)) => row.saturating_sub(1),
                    ("ArrowDown", Some(row)) => (row + 1).min(ids.len() - 1),
                    // Nothing selected yet: start from the first row in view.
                    _ => drawn.with_untracked(|drawn| {
                        drawn
                            .rows
                            .iter()
                            .map(|row| row.bar.row)
                            .find(|&row| row as f64 * ROW_HEIGHT >= scroll.get_untracked().1)
                            .unwrap_or(0)
                    }),
                };
                selected_link.set(None);
                context.selected_task.set(Some(ids[next].clone()));
                reveal_selected();
            }
            ("ArrowLeft" | "ArrowRight", Some(id)) if !alt => {
                let step = if key == "ArrowRight" { 1 } else { -1 };
                if shift {
                    change_duration(context, &id, step);
                } else {
                    shift_start(context, &id, step);
                }
                reveal_selected();
            }
            ("[" | "]", Some(id)) => change_progress(context, &id, if key == "]" { 10 } else { -10 }),
            ("Enter", Some(id)) => match link_from.get_untracked() {
                Some(from) => {
                    link_from.set(None);
                    link_tasks(context, &from, &id);
                }
                None => edit_in_grid(context, &id),
            },
            ("n" | "N", selected) => {
                let placement = match selected {
                    Some(id) if shift => Placement::Under(id),
                    Some(id) => Placement::After(id),
                    None => Placement::End,
                };
                add_task(context, TaskKind::Task, placement);
            }
            ("m" | "M", selected) => {
                add_task(context, TaskKind::Milestone, selected.map(Placement::After).unwrap_or(Placement::End))
            }
            (" ", Some(id)) => {
                let is_summary =
                    context.plan.with_untracked(|plan| plan.tasks.iter().any(|task| task.parent.as_ref() == Some(&id)));
                if is_summary {
                    context.toggle_collapsed(&id);
                }
            }
            ("l" | "L", Some(id)) => {
                selected_link.set(None);
                link_from.set(Some(id));
            }
            ("k" | "K", Some(id)) => {
                let links: Vec<(TaskId, TaskId)> = context.plan.with_untracked(|plan| {
                    plan.dependencies
                        .iter()
                        .filter(|link| link.predecessor == id || link.successor == id)
                        .map(|link| (link.predecessor.clone(), link.successor.clone()))
                        .collect()
                });
                if links.is_empty() {
                    context.refuse(format!("{id} has no links"));
                } else {
                    let current = selected_link
                        .get_untracked()
                        .and_then(|link| links.iter().position(|candidate| *candidate == link));
                    selected_link.set(Some(links[current.map_or(0, |at| (at + 1) % links.len())].clone()));
                }
            }
            ("Delete" | "Backspace", selected) => match (selected_link.get_untracked(), selected) {
                (Some((from, to)), _) => {
                    selected_link.set(None);
                    remove_link(context, &from, &to);
                }
                (None, Some(id)) => remove_task(context, &id),
                (None, None) => handled = false,
            },
            _ => handled = false,
        }
        if handled {
            event.prevent_default();
        }
    };
    let on_key = move |event: web_sys::KeyboardEvent| explained_here(&|| handle_key(event.clone()));
    // A selected link that no longer exists (undo, deletion) is unselected.
    Effect::new(move |_| {
        let exists = context.plan.with(|plan| {
            selected_link.with_untracked(|link| {
                link.as_ref().is_none_or(|(from, to)| {
                    plan.dependencies.iter().any(|link| link.predecessor == *from && link.successor == *to)
                })
            })
        });
        if !exists {
            selected_link.set(None);
        }
    });
    let status = move || {
        if let Some(refused) = refusal.get() {
            return refused;
        }
        if let Some(from) = link_from.get() {
            return format!("Linking from {from}: choose the next task with ↑ ↓ and press Enter, or Escape.");
        }
        if let Some((from, to)) = selected_link.get() {
            return format!("Link {from} → {to} selected: Delete removes it.");
        }
        let Some(id) = context.selected_task.get() else {
            return "Click a bar or press ↓ to select a task; ? shows every key.".to_string();
        };
        context.plan.with(|plan| {
            context.schedule.with(|schedule| {
                let index = plan.task_index(id.as_str());
                let name = index.map(|index| plan.tasks[index].name.clone()).unwrap_or_default();
                let dates = match (index, schedule) {
                    (Some(index), Ok(schedule)) => format!(
                        ": {} to {}",
                        format_iso_date(schedule.start_date(index)),
                        format_iso_date(schedule.finish_date(index))
                    ),
                    _ => String::new(),
                };
                let risks =
                    risks_by_task.with(|risks| risks.get(&id).map(|risks| format!(" · Risks: {}", risks.join("; "))));
                format!("{id} {name}{dates}{} · ← → move, Shift+← → length, ? all keys", risks.unwrap_or_default())
            })
        })
    };

    view! {
        <div class="gantt" class:gantt--critical=move || highlight_critical.get() class:gantt--overlaps=move || show_overlaps.get() class:gantt--dragging=move || drag.with(Option::is_some)>
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
                <super::report::PrintButton printout=super::report::Printout::Timeline/>
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
                <label class="gantt__toggle" title="Flag tasks whose Responsible person is Responsible for another task at the same time">
                    <input type="checkbox" data-testid="show-overlaps" prop:checked=move || show_overlaps.get()
                        on:change=move |event| show_overlaps.set(event_target_checked(&event))/>
                    "Overlaps"
                </label>
                <button type="button" class="button" data-testid="chart-keys" aria-expanded=move || help_open.get().to_string()
                    title="Keys and mouse gestures of the chart (?)" on:click=move |_| help_open.update(|open| *open = !*open)>"Keys"</button>
            </div>
            <Show when=move || help_open.get()>
                <section class="gantt__help" data-testid="chart-help" aria-label="Chart keys">
                    {super::parts::show("the chart's keys", || Box::pin(super::parts::chart_help()))}
                    <button type="button" class="button" on:click=move |_| help_open.set(false)>"Close"</button>
                </section>
            </Show>
            <p class="gantt__status" class:gantt__status--refused=move || refusal.with(Option::is_some) data-testid="chart-status" aria-live="polite">{status}</p>
            <div
                class="gantt__viewport"
                data-testid="gantt"
                node_ref=container
                tabindex="0"
                aria-label="Gantt chart: arrow keys select and move tasks, ? lists the keys"
                aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Delete"
                on:keydown=on_key
                on:scroll=move |event| {
                    let element: web_sys::Element = event_target(&event);
                    scroll.set((element.scroll_left() as f64, element.scroll_top() as f64));
                }
            >
                <div class="gantt__canvas" style=move || format!("width:{};height:{}", px(LABEL_WIDTH + total_width()), px(HEADER_HEIGHT + total_height()))>
                    <div class="gantt__header" style=move || format!("width:{}", px(LABEL_WIDTH + total_width()))>
                        <div class="gantt__corner">"Task"</div>
                        <div class="gantt__ticks" node_ref=ticks_layer></div>
                    </div>
                    <div class="gantt__body" node_ref=body
                        style=move || format!("left:{};width:{};height:{}", px(LABEL_WIDTH), px(total_width()), px(total_height()))
                        on:pointerdown=on_pointer_down
                        on:pointermove=on_pointer_move
                        on:pointerup=on_pointer_up
                        on:pointercancel=move |_| drag.set(None)
                    >
                        <div class="gantt__shades" node_ref=shades_layer></div>
                        <div class="gantt__today" style=move || format!("left:{}", px(today_x())) title="Today"></div>
                        <svg class="gantt__links" style=move || format!("width:{};height:{}", px(total_width()), px(total_height()))>
                            <defs>
                                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                    <path d="M0 0L6 3L0 6z"></path>
                                </marker>
                            </defs>
                            <g node_ref=links_layer></g>
                            {move || match drag_preview.get() {
                                Some(Preview::Link { from, to }) => Some(view! {
                                    <line class="gantt__link-draft" x1=from.0.round() as i64 y1=from.1.round() as i64 x2=to.0.round() as i64 y2=to.1.round() as i64></line>
                                }),
                                _ => None,
                            }}
                        </svg>
                        <div class="gantt__bars" node_ref=bars_layer></div>
                        {move || match drag_preview.get() {
                            Some(Preview::Bar { x, width, top, progress, label }) => Some(view! {
                                <div class="gantt__ghost" data-testid="drag-preview" style=format!("left:{};top:{};width:{}", px(x), px(top), px(width.max(2.0)))>
                                    {progress.map(|percent| view! { <div class="gantt__ghost-progress" style=format!("width:{percent}%")></div> })}
                                </div>
                                <div class="gantt__drag-label" style=format!("left:{};top:{}", px(x + width + 8.0), px(top))>{label}</div>
                            }),
                            _ => None,
                        }}
                    </div>
                    <div class="gantt__labels" node_ref=labels_layer style=move || format!("height:{}", px(total_height())) on:click=on_label_click></div>
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

/// The elements the chart's body is drawn into; each holds the drawn nodes only.
struct Layers {
    ticks: web_sys::Element,
    shades: web_sys::Element,
    links: web_sys::Element,
    bars: web_sys::Element,
    labels: web_sys::Element,
}

/// What the drawn nodes show besides the drawing itself: the selected task and link, and
/// the bar a link being drawn would end on.
struct Highlights<'a> {
    task: Option<&'a TaskId>,
    link_target: Option<&'a TaskId>,
    link: Option<&'a (TaskId, TaskId)>,
}

/// Sets or clears an optional mark of a bar (its baseline, overload flag or risk marker),
/// made by `make` when it first appears.
fn set_mark(mark: &mut Option<Kept>, shown: bool, make: impl FnOnce() -> Kept) -> Option<&mut Kept> {
    match (shown, mark.is_some()) {
        (true, false) => *mark = Some(make()),
        (false, true) => {
            if let Some(gone) = mark.take() {
                gone.remove();
            }
        }
        _ => {}
    }
    mark.as_mut()
}

/// The nodes of one drawn row: the bar with its marks, and the label.
struct RowNodes {
    kind: BarKind,
    /// The drawing that last showed this row.
    drawing: u64,
    bar: Kept,
    /// The done part of a task's bar and the handle that sets it.
    progress: Option<(Kept, Kept)>,
    baseline: Option<Kept>,
    overloaded: Option<Kept>,
    risks: Option<Kept>,
    /// "−3d" after the bar of a task late against a deadline or no-later-than date.
    behind: Option<Kept>,
    label: Kept,
    wbs: Kept,
    name: Kept,
}

impl RowNodes {
    fn new(row: &RowView) -> Self {
        let kind = row.bar.kind;
        let bar = Kept::new("div", "", false);
        let _ = bar.set_attribute("data-task-id", &row.id);
        let progress = (kind == BarKind::Task).then(|| {
            let fill = new_element("div", "gantt__fill", false);
            let done = Kept::new("div", "gantt__progress", false);
            let _ = fill.append_child(&done);
            let handle = Kept::new("div", "gantt__handle gantt__handle--progress", false);
            let _ = handle.set_attribute("data-handle", "progress");
            let _ = handle.set_attribute("title", "Drag to set the progress");
            let resize = new_element("div", "gantt__handle gantt__handle--resize", false);
            let _ = resize.set_attribute("data-handle", "resize");
            let _ = resize.set_attribute("title", "Drag to change the duration");
            for child in [&fill, &handle.element, &resize] {
                let _ = bar.append_child(child);
            }
            (done, handle)
        });
        let link = new_element("div", "gantt__handle gantt__handle--link", false);
        let _ = link.set_attribute("data-handle", "link");
        let _ = link.set_attribute("title", "Drag onto another bar to link them");
        let _ = bar.append_child(&link);
        let label = Kept::new("div", "", false);
        let _ = label.set_attribute("data-label-of", &row.id);
        let (wbs, name) = (Kept::new("span", "gantt__wbs", false), Kept::new("span", "gantt__name", false));
        let _ = label.append_child(&wbs);
        let _ = label.append_child(&name);
        RowNodes {
            kind,
            drawing: 0,
            bar,
            progress,
            baseline: None,
            overloaded: None,
            risks: None,
            behind: None,
            label,
            wbs,
            name,
        }
    }

    /// Brings the nodes to what `row` shows, writing only what changed.
    fn update(&mut self, row: &RowView, highlights: &Highlights) {
        let is = |task: Option<&TaskId>| task.is_some_and(|task| task.as_str() == row.id);
        let kind = match self.kind {
            BarKind::Task => "task",
            BarKind::Milestone => "milestone",
            BarKind::Summary => "summary",
        };
        let class = format!(
            "gantt__bar gantt__bar--{kind}{}{}{}{}{}{}",
            if row.bar.critical { " gantt__bar--critical" } else { "" },
            if row.bar.deadline_missed { " gantt__bar--late" } else { "" },
            if row.behind.is_some() { " gantt__bar--behind" } else { "" },
            if row.overloaded.is_some() { " gantt__bar--overloaded" } else { "" },
            if is(highlights.task) { " gantt__bar--selected" } else { "" },
            if is(highlights.link_target) { " gantt__bar--link-target" } else { "" }
        );
        self.bar.set_class(&class);
        let top = row.bar.row as f64 * ROW_HEIGHT;
        self.bar.set_style(&format!("left:{};top:{};width:{}", px(row.bar.x), px(top), px(row.bar.width)));
        self.bar.set_title(&row.title);
        if let Some((done, handle)) = &mut self.progress {
            let percent = format!("{}%", row.bar.progress.round().clamp(0.0, 100.0) as i64);
            done.set_style(&format!("width:{percent}"));
            handle.set_style(&format!("left:{percent}"));
        }
        self.update_marks(row, top);
        self.label.set_class(&format!(
            "gantt__label{}{}",
            if self.kind == BarKind::Summary { " gantt__label--summary" } else { "" },
            if is(highlights.task) { " gantt__label--selected" } else { "" }
        ));
        self.label.set_style(&format!("top:{};padding-left:{}rem", px(top), row.depth + 1));
        self.wbs.set_text(&row.wbs);
        self.name.set_title(&row.title);
        self.name.set_text(&row.name);
    }

    /// The bar's marks: its baseline, the overload flag and the risk marker, each while it
    /// applies, and its negative float.
    fn update_marks(&mut self, row: &RowView, top: f64) {
        let id = &row.id;
        if let Some(baseline) = set_mark(&mut self.baseline, row.baseline.is_some(), || {
            let mark = Kept::new("div", "gantt__baseline", false);
            let _ = mark.set_attribute("data-baseline-of", id);
            let _ = mark.set_attribute("title", "Baseline");
            mark
        }) {
            let (x, width) = row.baseline.unwrap_or_default();
            baseline.set_style(&format!("left:{x}px;top:{}px;width:{width}px", top as i64));
        }
        if let Some(flag) = set_mark(&mut self.overloaded, row.overloaded.is_some(), || {
            let mark = Kept::new("div", "gantt__flag", false);
            let _ = mark.set_attribute("data-overloaded", id);
            mark.set_text_content(Some("!"));
            mark
        }) {
            flag.set_style(&format!("left:{};top:{}", px(row.bar.x), px(top)));
            flag.set_title(row.overloaded.as_deref().unwrap_or_default());
        }
        if let Some(marker) = set_mark(&mut self.risks, row.risks.is_some(), || {
            let mark = Kept::new("div", "gantt__risk", false);
            let _ = mark.set_attribute("data-risks-of", id);
            mark.set_text_content(Some("▲"));
            mark
        }) {
            marker.set_style(&format!("left:{};top:{}", px(row.bar.x + row.bar.width), px(top)));
            marker.set_title(row.risks.as_deref().unwrap_or_default());
        }
        self.update_behind(row, top);
    }

    /// The negative float after the bar, while the task is late against a deadline or a
    /// no-later-than date.
    fn update_behind(&mut self, row: &RowView, top: f64) {
        let id = &row.id;
        if let Some(mark) = set_mark(&mut self.behind, row.behind.is_some(), || {
            let mark = Kept::new("div", "gantt__behind", false);
            let _ = mark.set_attribute("data-behind-of", id);
            mark
        }) {
            let days = row.behind.unwrap_or_default();
            // After the risk marker's place, so the two never overlap.
            mark.set_style(&format!("left:{};top:{}", px(row.bar.x + row.bar.width + 36.0), px(top)));
            mark.set_text(&format!("−{days}d"));
            mark.set_title(&format!(
                "Float −{days}: {days} working day{} late against a deadline or a no-later-than date",
                if days == 1 { "" } else { "s" }
            ));
        }
    }

    /// The row's nodes in the bars' layer, in drawing order: its marks under the bar.
    fn bar_nodes(&self) -> impl Iterator<Item = &web_sys::Element> {
        [&self.baseline, &self.overloaded, &self.risks, &self.behind]
            .into_iter()
            .filter_map(|mark| mark.as_ref().map(|mark| &mark.element))
            .chain([&self.bar.element])
    }

    fn remove(&self) {
        self.bar_nodes().for_each(web_sys::Element::remove);
        self.label.remove();
    }
}

/// The nodes of one drawn link arrow: a wide path to click (with the link's title) and the
/// arrow.
struct LinkNodes {
    drawing: u64,
    group: web_sys::Element,
    hit: Kept,
    title: Kept,
    arrow: Kept,
}

impl LinkNodes {
    fn new(link: &LinkView) -> Self {
        let group = new_element("g", "", true);
        let _ = group.set_attribute("data-link-from", link.predecessor.as_str());
        let _ = group.set_attribute("data-link-to", link.successor.as_str());
        let (hit, title, arrow) =
            (Kept::new("path", "gantt__link-hit", true), Kept::new("title", "", true), Kept::new("path", "", true));
        let _ = hit.append_child(&title);
        let _ = arrow.set_attribute("marker-end", "url(#gantt-arrow)");
        let _ = group.append_child(&hit);
        let _ = group.append_child(&arrow);
        LinkNodes { drawing: 0, group, hit, title, arrow }
    }

    fn update(&mut self, link: &LinkView, highlights: &Highlights) {
        let selected = highlights.link.is_some_and(|(from, to)| *from == link.predecessor && *to == link.successor);
        self.hit.set_attr("d", &link.path);
        self.title.set_text(&link.label);
        self.arrow.set_class(&format!(
            "gantt__link{}{}",
            if link.critical { " gantt__link--critical" } else { "" },
            if selected { " gantt__link--selected" } else { "" }
        ));
        self.arrow.set_attr("d", &link.path);
    }
}

/// A drawn tick of the date header, or a shaded non-working day.
struct AxisNode {
    drawing: u64,
    node: Kept,
}

/// A tick is drawn again only when its level, date or place changes.
type TickKey = (bool, chrono::NaiveDate, i64);

fn tick_key(tick: &crate::chart::Tick) -> TickKey {
    (tick.level == TickLevel::Major, tick.start, tick.x.round() as i64)
}

/// The chart body's drawn nodes, kept between drawings: each drawing adds the nodes of
/// what came into view, removes those of what left it, and writes to the others only the
/// values that changed, so an edit touches only the bars, labels and links it moved.
#[derive(Default)]
struct ChartNodes {
    /// Counts the drawings; a node not stamped with the current one has left the view.
    drawing: u64,
    /// By task id.
    rows: IdMap<String, RowNodes>,
    /// By the link's two tasks.
    links: IdMap<(TaskId, TaskId), LinkNodes>,
    ticks: IdMap<TickKey, AxisNode>,
    /// By left edge.
    shades: IdMap<i64, AxisNode>,
    /// Whether the first task bars have been drawn (and the benchmark's mark set).
    marked: bool,
}

impl ChartNodes {
    fn draw(&mut self, drawn: &Drawn, layers: &Layers, highlights: &Highlights) {
        if self.drawing == 0 {
            // A chart made again in the same place (a new plan opened) can get the elements
            // of the one before, with the nodes that one drew: they are not ours to update.
            for layer in [&layers.ticks, &layers.shades, &layers.links, &layers.bars, &layers.labels] {
                layer.set_text_content(None);
            }
        }
        self.drawing += 1;
        let drawing = self.drawing;
        for row in &drawn.rows {
            if self.rows.get(&row.id).is_some_and(|nodes| nodes.kind != row.bar.kind) {
                // A task that became a summary or a milestone gets the parts of its kind.
                if let Some(old) = self.rows.remove(&row.id) {
                    old.remove();
                }
            }
            let nodes = self.rows.entry(row.id.clone()).or_insert_with(|| RowNodes::new(row));
            nodes.drawing = drawing;
            nodes.update(row, highlights);
        }
        self.rows.retain(|_, nodes| {
            let kept = nodes.drawing == drawing;
            if !kept {
                nodes.remove();
            }
            kept
        });
        place(&layers.bars, drawn.rows.iter().filter_map(|row| self.rows.get(&row.id)).flat_map(RowNodes::bar_nodes));
        place(
            &layers.labels,
            drawn.rows.iter().filter_map(|row| self.rows.get(&row.id)).map(|nodes| &nodes.label.element),
        );

        for link in &drawn.links {
            let nodes = self
                .links
                .entry((link.predecessor.clone(), link.successor.clone()))
                .or_insert_with(|| LinkNodes::new(link));
            nodes.drawing = drawing;
            nodes.update(link, highlights);
        }
        self.links.retain(|_, nodes| {
            let kept = nodes.drawing == drawing;
            if !kept {
                nodes.group.remove();
            }
            kept
        });
        place(
            &layers.links,
            drawn
                .links
                .iter()
                .filter_map(|link| self.links.get(&(link.predecessor.clone(), link.successor.clone())))
                .map(|nodes| &nodes.group),
        );

        for tick in &drawn.ticks {
            let nodes = self.ticks.entry(tick_key(tick)).or_insert_with(|| AxisNode {
                drawing,
                node: Kept::new(
                    "div",
                    if tick.level == TickLevel::Major { "gantt__tick gantt__tick--major" } else { "gantt__tick" },
                    false,
                ),
            });
            nodes.drawing = drawing;
            nodes.node.set_style(&format!("left:{};width:{}", px(LABEL_WIDTH + tick.x), px(tick.width)));
            nodes.node.set_text(&tick.label);
        }
        let day_width = px(drawn.day_width);
        for &x in &drawn.shaded {
            let nodes = self
                .shades
                .entry(x)
                .or_insert_with(|| AxisNode { drawing, node: Kept::new("div", "gantt__shade", false) });
            nodes.drawing = drawing;
            nodes.node.set_style(&format!("left:{x}px;width:{day_width}"));
        }
        remove_undrawn(&mut self.ticks, drawing);
        remove_undrawn(&mut self.shades, drawing);
        place(
            &layers.ticks,
            drawn.ticks.iter().filter_map(|tick| self.ticks.get(&tick_key(tick))).map(|nodes| &nodes.node.element),
        );
        place(&layers.shades, drawn.shaded.iter().filter_map(|x| self.shades.get(x)).map(|nodes| &nodes.node.element));
    }
}

/// Removes the ticks or shaded days that the drawing `drawing` did not show.
fn remove_undrawn<K>(nodes: &mut IdMap<K, AxisNode>, drawing: u64) {
    nodes.retain(|_, nodes| {
        let kept = nodes.drawing == drawing;
        if !kept {
            nodes.node.remove();
        }
        kept
    });
}
