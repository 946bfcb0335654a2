//! The chart's own state: what the person set (zoom, toggles), where the chart is
//! scrolled, the press being followed, the selected link and what the status line says.
//! The plan, its schedule and the selected task are the page's (`PlanContext`).

use leptos::prelude::*;

use super::pointer::Drag;
use crate::chart::Zoom;
use crate::model::TaskId;
use crate::ui::state::PlanContext;

/// The chart's signals and element references: one `Copy` handle for its parts.
#[derive(Clone, Copy)]
pub(super) struct ChartState {
    pub zoom: RwSignal<Zoom>,
    /// "Fit plan" sets its own pixels per day (ticks as for the nearest zoom); a zoom
    /// button clears it.
    pub fitted_pixels_per_day: RwSignal<Option<f64>>,
    pub highlight_critical: RwSignal<bool>,
    pub show_overlaps: RwSignal<bool>,
    /// The viewport's scroll position, left and top, in pixels.
    pub scroll: RwSignal<(f64, f64)>,
    /// The viewport's size, width and height, in pixels.
    pub viewport: RwSignal<(f64, f64)>,
    /// The scrolling viewport (focused for the keys).
    pub container: NodeRef<leptos::html::Div>,
    /// The chart's body, right of the labels: what pointer positions are measured from.
    pub body: NodeRef<leptos::html::Div>,
    pub drag: RwSignal<Option<Drag>>,
    /// The link selected by a click or K: its predecessor and successor.
    pub selected_link: RwSignal<Option<(TaskId, TaskId)>>,
    /// Keyboard linking: the task a link is being drawn from.
    pub link_from: RwSignal<Option<TaskId>>,
    pub help_open: RwSignal<bool>,
    /// Why the last key or drag was refused, said in the status line until the next one.
    pub refusal: RwSignal<Option<String>>,
}

impl ChartState {
    pub fn new() -> Self {
        ChartState {
            zoom: RwSignal::new(Zoom::Week),
            fitted_pixels_per_day: RwSignal::new(None),
            highlight_critical: RwSignal::new(true),
            show_overlaps: RwSignal::new(true),
            scroll: RwSignal::new((0.0, 0.0)),
            viewport: RwSignal::new((1200.0, 560.0)),
            container: NodeRef::new(),
            body: NodeRef::new(),
            drag: RwSignal::new(None),
            selected_link: RwSignal::new(None),
            link_from: RwSignal::new(None),
            help_open: RwSignal::new(false),
            refusal: RwSignal::new(None),
        }
    }

    /// Runs a key's or a drag's action; a refusal is said in the chart's status line,
    /// beside the chart the person works in, not in the page's notice at the top (which
    /// `dispatch` and `refuse` write): it stays until the next key or drag.
    pub fn explained_here(self, context: PlanContext, act: impl FnOnce()) {
        let shown = context.session.notice.get_untracked();
        act();
        let now = context.session.notice.get_untracked();
        let refused = now.filter(|notice| notice.is_error && Some(notice) != shown.as_ref()).map(|notice| notice.text);
        if refused.is_some() {
            context.session.notice.set(shown);
        }
        self.refusal.set(refused);
    }

    pub fn focus_chart(self) {
        if let Some(element) = self.container.get_untracked() {
            let _ = element.focus();
        }
    }

    /// Unselects the selected link once it no longer exists (undo, deletion).
    pub fn forget_removed_link(self, context: PlanContext) {
        let selected_link = self.selected_link;
        Effect::new(move |_| {
            let exists = context.document.plan.with(|plan| {
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
    }
}
