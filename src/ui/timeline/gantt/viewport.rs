//! The chart's viewport: its size, measured once the page is built and at each resize;
//! its scrolling ("Fit plan", "Today", keeping the selected task in view).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::ChartState;
use super::{Chart, HEADER_HEIGHT, ROW_HEIGHT, SCROLLBAR_WIDTH};
use crate::chart::{bar, fit_plan};
use crate::model::dates::format_iso_date;
use crate::schedule::add_days;
use crate::storage;

impl Chart {
    /// Keeps `viewport` at the viewport's size.
    pub fn measure_viewport(self) {
        let ChartState { container, viewport, .. } = self.state;
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
    }

    /// Notes the viewport's scroll position, and scrolls the task grid beside it to the
    /// same rows (the chart holds the timeline's one vertical scroll).
    pub fn on_scroll(self, event: web_sys::Event) {
        let element: web_sys::Element = event_target(&event);
        let top = element.scroll_top();
        if let Some(grid) = element.previous_element_sibling().and_then(|splitter| splitter.previous_element_sibling())
        {
            if grid.scroll_top() != top {
                // Marked, so that the grid does not send this scroll back (`grid_pane.rs`).
                let _ = grid.set_attribute(super::super::grid_pane::SYNCED_TOP, &top.to_string());
                grid.set_scroll_top(top);
            }
        }
        self.state.scroll.set((element.scroll_left() as f64, top as f64));
    }

    /// The plan's dates (its start to its last day of work) fill the chart's width.
    pub fn fit(self) {
        let Chart { context, state, .. } = self;
        let start = context.document.plan.with_untracked(|plan| plan.start);
        let finish = context.derived.schedule.with_untracked(|schedule| match schedule {
            Ok(schedule) if !schedule.tasks.is_empty() => schedule.finish_date_of_plan(),
            _ => start,
        });
        let width = state.viewport.get_untracked().0 - SCROLLBAR_WIDTH;
        let (pixels_per_day, level) = fit_plan(start, finish.max(start), width);
        state.zoom.set(level);
        state.fitted_pixels_per_day.set(Some(pixels_per_day));
        if let Some(element) = state.container.get_untracked() {
            // The axis starts a week before the plan: scroll to a day before it.
            element.set_scroll_left((6.0 * pixels_per_day).round() as i32);
        }
    }

    /// Scrolls today into view, or says it is outside the plan's dates.
    pub fn scroll_to_today(self) {
        let Chart { context, state, geometry } = self;
        let today = storage::today();
        let (scale, end) = geometry.axis.get_untracked();
        if today < scale.origin || today > end {
            context.session.notice.set(Some(crate::ui::Notice::info(format!(
                "Today ({}) is outside the plan's dates ({} to {}).",
                format_iso_date(today),
                format_iso_date(add_days(scale.origin, 7)),
                format_iso_date(add_days(end, -30))
            ))));
            return;
        }
        if let Some(element) = state.container.get_untracked() {
            let x = geometry.today_x() - state.viewport.get_untracked().0 / 3.0;
            element.set_scroll_left(x.max(0.0) as i32);
        }
    }

    /// Keeps the selected task's row (and bar) in view after a key moved it.
    pub fn reveal_selected(self) {
        let Chart { context, state, geometry } = self;
        let Some(id) = context.view.selected_task.get_untracked() else { return };
        let Some(element) = state.container.get_untracked() else { return };
        let found = context.document.plan.with_untracked(|plan| {
            context.derived.schedule.with_untracked(|schedule| {
                let schedule = schedule.as_ref().ok()?;
                context.derived.outline.with_untracked(|rows| {
                    let row = rows.iter().position(|row| plan.tasks[row.index].id == id)?;
                    let drawn = geometry.axis.with_untracked(|(scale, _)| bar(schedule, scale, row, &rows[row]));
                    Some((row, drawn))
                })
            })
        });
        let Some((row, drawn)) = found else { return };
        let (width, height) = state.viewport.get_untracked();
        let top = row as f64 * ROW_HEIGHT;
        let (scroll_left, scroll_top) = (element.scroll_left() as f64, element.scroll_top() as f64);
        if top < scroll_top || top + ROW_HEIGHT > scroll_top + height - HEADER_HEIGHT {
            element.set_scroll_top((top - (height - HEADER_HEIGHT) / 2.0).max(0.0) as i32);
        }
        if drawn.x < scroll_left || drawn.x + drawn.width.min(width / 2.0) > scroll_left + width {
            element.set_scroll_left((drawn.x - width / 3.0).max(0.0) as i32);
        }
    }
}
