//! The Gantt chart: task bars on a time axis, drawn only for the rows and dates in
//! view, so it stays the same size in the DOM at 40 tasks or 10,000.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{use_plan, PlanContext};
use super::task_actions::{
    add_task, apply_drag_edit, change_duration, change_progress, edit_in_grid, indent, link_tasks, move_among_siblings,
    outdent, remove_link, remove_task, shift_start, Placement,
};
use super::widgets::px;
use crate::chart::{
    bar, drag_edit, link_path, link_points, preview_geometry, ticks, Bar, BarKind, DragEdit, DragMode, RowWindow,
    TickLevel, TimeScale, Zoom,
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

/// The Performance API mark set when the chart first draws task bars.
pub const TIMELINE_DRAWN_MARK: &str = "planwright:timeline-drawn";

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
    /// Who is Responsible for this task and for others at the same time, said in words.
    overloaded: Option<String>,
    /// The open risks that threaten this task, said in words.
    risks: Option<String>,
}

impl RowView {
    /// What a drawn row keeps while it is shown: its task, and the bar's kind (which
    /// decides the bar's parts). Everything else (position, size, names, flags) is updated
    /// in place, so an edit that moves every later bar does not rebuild them.
    fn key(&self) -> (String, BarKind) {
        (self.id.clone(), self.bar.kind)
    }
}

/// The row of `initial`'s task as drawn now; while the task leaves the rows drawn, the
/// last one (its item is about to be removed).
fn current_row(drawn: Memo<Drawn>, initial: RowView) -> Memo<RowView> {
    Memo::new(move |previous: Option<&RowView>| {
        drawn
            .with(|drawn| {
                drawn.rows.iter().find(|row| row.id == initial.id && row.bar.kind == initial.bar.kind).cloned()
            })
            .or_else(|| previous.cloned())
            .unwrap_or_else(|| initial.clone())
    })
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

impl LinkView {
    /// A plan links two tasks at most once: the two ends name a drawn link while its
    /// path, kind and lag are updated in place.
    fn key(&self) -> (TaskId, TaskId) {
        (self.predecessor.clone(), self.successor.clone())
    }
}

/// The link of `initial`'s two tasks as drawn now (or the last one, as for rows).
fn current_link(drawn: Memo<Drawn>, initial: LinkView) -> Memo<LinkView> {
    Memo::new(move |previous: Option<&LinkView>| {
        drawn
            .with(|drawn| {
                drawn
                    .links
                    .iter()
                    .find(|link| link.predecessor == initial.predecessor && link.successor == initial.successor)
                    .cloned()
            })
            .or_else(|| previous.cloned())
            .unwrap_or_else(|| initial.clone())
    })
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
    let on_pointer_up = move |event: web_sys::PointerEvent| {
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
    let on_key = move |event: web_sys::KeyboardEvent| {
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
            <p class="gantt__status" data-testid="chart-status" aria-live="polite">{status}</p>
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
                        <For each=move || drawn.with(|drawn| drawn.ticks.clone()) key=|tick| (tick.level == TickLevel::Major, tick.start, tick.x.round() as i64) let:tick>
                            <div
                                class=if tick.level == TickLevel::Major { "gantt__tick gantt__tick--major" } else { "gantt__tick" }
                                style=format!("left:{};width:{}", px(LABEL_WIDTH + tick.x), px(tick.width))
                            >{tick.label.clone()}</div>
                        </For>
                    </div>
                    <div class="gantt__body" node_ref=body
                        style=move || format!("left:{};width:{};height:{}", px(LABEL_WIDTH), px(total_width()), px(total_height()))
                        on:pointerdown=on_pointer_down
                        on:pointermove=on_pointer_move
                        on:pointerup=on_pointer_up
                        on:pointercancel=move |_| drag.set(None)
                    >
                        <For each=move || drawn.with(|drawn| drawn.shaded.clone()) key=|x| *x let:x>
                            <div class="gantt__shade" style=move || format!("left:{x}px;width:{}", day_width())></div>
                        </For>
                        <div class="gantt__today" style=move || format!("left:{}", px(today_x())) title="Today"></div>
                        <svg class="gantt__links" style=move || format!("width:{};height:{}", px(total_width()), px(total_height()))>
                            <defs>
                                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                    <path d="M0 0L6 3L0 6z"></path>
                                </marker>
                            </defs>
                            <For each=move || drawn.with(|drawn| drawn.links.clone()) key=LinkView::key let:link>
                                {
                                    let ends = link.key();
                                    let (from, to) = (link.predecessor.to_string(), link.successor.to_string());
                                    let link = current_link(drawn, link);
                                    let class = move || {
                                        let selected = selected_link.with(|selected| selected.as_ref() == Some(&ends));
                                        let critical = link.with(|link| link.critical);
                                        format!("gantt__link{}{}", if critical { " gantt__link--critical" } else { "" }, if selected { " gantt__link--selected" } else { "" })
                                    };
                                    let path = move || link.with(|link| link.path.clone());
                                    view! {
                                        <g data-link-from=from data-link-to=to>
                                            <path class="gantt__link-hit" d=path><title>{move || link.with(|link| link.label.clone())}</title></path>
                                            <path class=class d=path marker-end="url(#gantt-arrow)"></path>
                                        </g>
                                    }
                                }
                            </For>
                            {move || match drag_preview.get() {
                                Some(Preview::Link { from, to }) => Some(view! {
                                    <line class="gantt__link-draft" x1=from.0.round() as i64 y1=from.1.round() as i64 x2=to.0.round() as i64 y2=to.1.round() as i64></line>
                                }),
                                _ => None,
                            }}
                        </svg>
                        <For each=move || drawn.with(|drawn| drawn.rows.clone()) key=RowView::key let:row>
                            <GanttBar row=current_row(drawn, row) link_target=link_target/>
                        </For>
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
                    <div class="gantt__labels" style=move || format!("height:{}", px(total_height()))>
                        <For each=move || drawn.with(|drawn| drawn.rows.clone()) key=RowView::key let:row>
                            {
                                let id = TaskId(row.id.clone());
                                let class = if row.bar.kind == BarKind::Summary { "gantt__label gantt__label--summary" } else { "gantt__label" };
                                let task = id.clone();
                                let row = current_row(drawn, row);
                                view! {
                                    <div class=move || format!("{class}{}", if context.selected_task.with(|selected| selected.as_ref() == Some(&id)) { " gantt__label--selected" } else { "" })
                                        style=move || row.with(|row| format!("top:{};padding-left:{}rem", px(row.bar.row as f64 * ROW_HEIGHT), row.depth + 1))
                                        on:click=move |_| {
                                            selected_link.set(None);
                                            context.selected_task.set(Some(task.clone()));
                                            focus_chart();
                                        }>
                                        <span class="gantt__wbs">{move || row.with(|row| row.wbs.clone())}</span>
                                        <span class="gantt__name" title=move || row.with(|row| row.title.clone())>{move || row.with(|row| row.name.clone())}</span>
                                    </div>
                                }
                            }
                        </For>
                    </div>
                </div>
            </div>
            <ul class="gantt__legend" aria-label="Legend">
                <li><span class="gantt__swatch gantt__swatch--task"></span>"Task (dark part: done)"</li>
                <li><span class="gantt__swatch gantt__swatch--critical"></span>"Critical path"</li>
                <li><span class="gantt__swatch gantt__swatch--milestone"></span>"Milestone"</li>
                <li><span class="gantt__swatch gantt__swatch--summary"></span>"Summary"</li>
                <li><span class="gantt__swatch gantt__swatch--baseline"></span>"Baseline"</li>
                <li><span class="gantt__swatch gantt__swatch--late"></span>"Misses its deadline"</li>
                <li><span class="gantt__flag gantt__flag--legend">"!"</span>"Its Responsible person has another task at the same time"</li>
                <li><span class="gantt__swatch gantt__swatch--risk">"▲"</span>"An open risk threatens it"</li>
                <li><span class="gantt__swatch gantt__swatch--today"></span>"Today"</li>
            </ul>
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
    /// The row to draw, as it is now: its task and bar kind stay, the rest is updated in
    /// place.
    row: Memo<RowView>,
    /// The bar a link being drawn would end on.
    link_target: Memo<Option<TaskId>>,
) -> impl IntoView {
    let context = use_plan();
    let (id_text, kind) = row.with_untracked(RowView::key);
    let kind_class = match kind {
        BarKind::Task => "task",
        BarKind::Milestone => "milestone",
        BarKind::Summary => "summary",
    };
    let id = TaskId(id_text.clone());
    let class = move || {
        let selected = context.selected_task.with(|selected| selected.as_ref() == Some(&id));
        let target = link_target.with(|target| target.as_ref() == Some(&id));
        row.with(|row| {
            format!(
                "gantt__bar gantt__bar--{kind_class}{}{}{}{}{}",
                if row.bar.critical { " gantt__bar--critical" } else { "" },
                if row.bar.deadline_missed { " gantt__bar--late" } else { "" },
                if row.overloaded.is_some() { " gantt__bar--overloaded" } else { "" },
                if selected { " gantt__bar--selected" } else { "" },
                if target { " gantt__bar--link-target" } else { "" }
            )
        })
    };
    let top = move || row.with(|row| row.bar.row as f64 * ROW_HEIGHT);
    let progress = move || row.with(|row| format!("{}%", row.bar.progress.round().clamp(0.0, 100.0) as i64));
    let baseline_of = id_text.clone();
    let baseline = move || {
        row.with(|row| row.baseline).map(|(x, width)| {
            view! {
                <div class="gantt__baseline" data-baseline-of=baseline_of.clone() style=format!("left:{x}px;top:{}px;width:{width}px", top() as i64) title="Baseline"></div>
            }
        })
    };
    let overloaded_of = id_text.clone();
    let overload_flag = move || {
        row.with(|row| row.overloaded.clone().map(|text| (text, row.bar.x))).map(|(text, x)| {
            view! {
                <div class="gantt__flag" data-overloaded=overloaded_of.clone() style=format!("left:{};top:{}", px(x), px(top())) title=text>"!"</div>
            }
        })
    };
    let risks_of = id_text.clone();
    let risk_marker = move || {
        row.with(|row| row.risks.clone().map(|text| (text, row.bar.x + row.bar.width))).map(|(text, x)| {
            view! {
                <div class="gantt__risk" data-risks-of=risks_of.clone() style=format!("left:{};top:{}", px(x), px(top())) title=text>"▲"</div>
            }
        })
    };
    view! {
        {baseline}
        {overload_flag}
        {risk_marker}
        <div
            class=class
            data-task-id=id_text
            style=move || row.with(|row| format!("left:{};top:{};width:{}", px(row.bar.x), px(top()), px(row.bar.width)))
            title=move || row.with(|row| row.title.clone())
        >
            {(kind == BarKind::Task).then(|| view! {
                <div class="gantt__fill"><div class="gantt__progress" style=move || format!("width:{}", progress())></div></div>
                <div class="gantt__handle gantt__handle--progress" data-handle="progress" style=move || format!("left:{}", progress()) title="Drag to set the progress"></div>
                <div class="gantt__handle gantt__handle--resize" data-handle="resize" title="Drag to change the duration"></div>
            })}
            <div class="gantt__handle gantt__handle--link" data-handle="link" title="Drag onto another bar to link them"></div>
        </div>
    }
}
