//! The chart's geometry as memos: the time axis, the rows each link joins, and what is
//! drawn for the current scroll position (`drawn.rs` works each out; `draw.rs` draws it).

use leptos::prelude::*;

use super::drawn::{link_rows, open_risks_by_task, row_view, visible_links, AxisTick, Drawn, LinkRows, RowSources};
use super::pointer::{preview, Preview};
use super::state::ChartState;
use super::{HEADER_HEIGHT, ROW_BUFFER, ROW_HEIGHT};
use crate::chart::{ticks, RowWindow, TimeScale, Zoom};
use crate::model::hashing::{IdMap, IdSet};
use crate::model::TaskId;
use crate::schedule::add_days;
use crate::storage;
use crate::ui::state::PlanContext;

/// The chart's memos: one `Copy` handle for its parts.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    /// The scale, and the axis's last day.
    pub axis: Memo<(TimeScale, chrono::NaiveDate)>,
    /// The open risks that threaten each task, said in words.
    pub risks_by_task: Memo<IdMap<TaskId, Vec<String>>>,
    /// Everything drawn for the current scroll position: rows, links, ticks, shading.
    pub drawn: Memo<Drawn>,
    /// The bar or link a drag would make, while it moves.
    pub drag_preview: Memo<Option<Preview>>,
    /// The bar a link being drawn would end on.
    pub link_target: Memo<Option<TaskId>>,
    outline_rows: Memo<Vec<crate::model::outline::OutlineRow>>,
}

impl Geometry {
    pub fn new(context: PlanContext, state: ChartState) -> Self {
        let axis = axis(context, state);
        let links = links(context);
        let risks_by_task = Memo::new(move |_| context.document.plan.with(open_risks_by_task));
        let drawn = Memo::new(move |_| drawn(context, state, axis, links, risks_by_task));
        let drag = state.drag;
        let drag_preview = Memo::new(move |_| {
            drag.with(|drag| {
                let drag = drag.as_ref()?;
                context.derived.schedule.with(|schedule| {
                    let calendar = &schedule.as_ref().ok()?.calendar;
                    axis.with(|(scale, _)| preview(drag, scale, calendar))
                })
            })
        });
        let link_target = Memo::new(move |_| drag.with(|drag| drag.as_ref().and_then(|drag| drag.target.clone())));
        Geometry { axis, risks_by_task, drawn, drag_preview, link_target, outline_rows: context.derived.outline }
    }

    /// The axis's width, in pixels.
    pub fn total_width(self) -> f64 {
        self.axis.with(|(scale, end)| scale.x(*end))
    }

    /// The rows' height, in pixels.
    pub fn total_height(self) -> f64 {
        self.outline_rows.with(Vec::len) as f64 * ROW_HEIGHT
    }

    /// Where today is on the axis.
    pub fn today_x(self) -> f64 {
        self.axis.with(|(scale, _)| scale.x(storage::today()))
    }
}

/// The axis runs from a week before the plan's start to a month after its finish.
fn axis(context: PlanContext, state: ChartState) -> Memo<(TimeScale, chrono::NaiveDate)> {
    Memo::new(move |_| {
        let start = context.document.plan.with(|plan| plan.start);
        let finish = context.derived.schedule.with(|schedule| match schedule {
            Ok(schedule) if !schedule.tasks.is_empty() => schedule.finish_date_of_plan(),
            _ => start,
        });
        let mut scale = TimeScale::new(add_days(start, -7), state.zoom.get());
        if let Some(pixels_per_day) = state.fitted_pixels_per_day.get() {
            scale.pixels_per_day = pixels_per_day;
        }
        let end = add_days(finish.max(start), 30);
        (scale, end)
    })
}

/// The rows each link joins.
fn links(context: PlanContext) -> Memo<Vec<LinkRows>> {
    // Which rows each link joins follows the outline and the links' ends only: an edit of
    // a duration, a lag or a link's kind keeps them, and they are not worked out again.
    let link_ends = Memo::new_owning(move |old: Option<Vec<(TaskId, TaskId)>>| {
        context.document.plan.with(|plan| match old {
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
    Memo::new(move |_| {
        context.derived.structure.with(|_| ());
        link_ends.with(|_| ());
        context.derived.outline.with(|outline| context.document.plan.with_untracked(|plan| link_rows(plan, outline)))
    })
}

/// Everything drawn for the current scroll position: rows, links, ticks, shading.
fn drawn(
    context: PlanContext,
    state: ChartState,
    axis: Memo<(TimeScale, chrono::NaiveDate)>,
    links: Memo<Vec<LinkRows>>,
    risks_by_task: Memo<IdMap<TaskId, Vec<String>>>,
) -> Drawn {
    let (left, top) = state.scroll.get();
    let (width, height) = state.viewport.get();
    let (scale, end) = axis.get();
    let mut drawn = Drawn::default();
    context.document.plan.with(|plan| {
        context.derived.schedule.with(|schedule| {
            let Ok(schedule) = schedule else { return };
            context.derived.outline.with(|outline| {
                let window = RowWindow::visible(outline.len(), ROW_HEIGHT, top, height - HEADER_HEIGHT, ROW_BUFFER);
                // The baseline dates of the rows drawn only, not a map of every task.
                let shown: IdSet<&str> =
                    outline[window.first..window.end].iter().map(|row| plan.tasks[row.index].id.as_str()).collect();
                let baseline: IdMap<&str, (chrono::NaiveDate, chrono::NaiveDate)> =
                    context.derived.baseline.with(|baseline| {
                        baseline
                            .iter()
                            .flat_map(|baseline| baseline.tasks.iter())
                            .filter_map(|entry| {
                                shown.get(entry.task.as_str()).map(|&task| (task, (entry.start, entry.finish)))
                            })
                            .collect()
                    });
                drawn.rows = context.derived.resource_load.with(|load| {
                    risks_by_task.with(|risks| {
                        let sources = RowSources { plan, schedule, scale: &scale, baseline: &baseline, load, risks };
                        (window.first..window.end).map(|row| row_view(&sources, row, &outline[row])).collect()
                    })
                });
                drawn.links = links.with(|links| visible_links(plan, schedule, &scale, outline, links, window));
            });
            let zoom = state.zoom.get();
            let from = scale.date_at(left).max(scale.origin);
            let to = scale.date_at(left + width).min(end);
            drawn.ticks = ticks(&scale, zoom, from, to).into_iter().map(AxisTick::new).collect();
            drawn.day_width = scale.pixels_per_day;
            // Non-working days, shaded where a day is wide enough to see.
            if matches!(zoom, Zoom::Day | Zoom::Week) {
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
}
