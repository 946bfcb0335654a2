//! The chart's pointer: a press on a bar moves it, resizes it, sets its progress or draws
//! a link from it (by the handle pressed, `BarHandle`); a click on a link or a label
//! selects it. One listener per kind of event on the chart's body, reading what was hit
//! back from the drawn elements' attributes (`draw.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::draw::{bar_task, BarHandle, LINK_FROM, LINK_TO};
use super::{Chart, ROW_HEIGHT};
use crate::chart::{drag_edit, preview_geometry, Bar, DragEdit, DragMode, TimeScale};
use crate::model::dates::format_iso_date;
use crate::model::TaskId;
use crate::ui::dom::Action;
use crate::ui::timeline::task_actions::{apply_drag_edit, link_tasks};
use crate::ui::widgets::px;

/// What a press on the chart is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gesture {
    /// Moving, resizing or setting progress.
    Edit(DragMode),
    /// Drawing a link from the bar to another one.
    Link,
}

/// A press on a bar, followed until the pointer is released.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Drag {
    pub task: TaskId,
    pub gesture: Gesture,
    /// The bar as it was at the press.
    pub bar: Bar,
    pub start: chrono::NaiveDate,
    pub early_start: i64,
    /// Pointer at the press and now, in chart-body pixels.
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// The bar under the pointer while drawing a link.
    pub target: Option<TaskId>,
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
pub(super) enum Preview {
    Bar { x: f64, width: f64, top: f64, progress: Option<u8>, label: String },
    Link { from: (f64, f64), to: (f64, f64) },
}

pub(super) fn preview(drag: &Drag, scale: &TimeScale, calendar: &crate::schedule::WorkingCalendar) -> Option<Preview> {
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
pub(super) fn task_at_point(client_x: f64, client_y: f64) -> Option<TaskId> {
    let element = document().element_from_point(client_x as f32, client_y as f32)?;
    bar_task(&element)
}

/// The element an event happened on.
fn target_element(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
}

/// The nearest element at or above `target` with `attribute`, and its value.
fn closest_value(target: &web_sys::Element, attribute: &str) -> Option<(web_sys::Element, String)> {
    let element = target.closest(&format!("[{attribute}]")).ok().flatten()?;
    let value = element.get_attribute(attribute)?;
    Some((element, value))
}

impl Chart {
    /// A pointer's position in chart-body pixels.
    fn body_point(self, event: &web_sys::PointerEvent) -> (f64, f64) {
        let rect = self.state.body.get_untracked().map(|body| body.get_bounding_client_rect());
        let (left, top) = rect.map(|rect| (rect.left(), rect.top())).unwrap_or_default();
        (event.client_x() as f64 - left, event.client_y() as f64 - top)
    }

    /// A press selects the link or the bar under it, and starts a drag of the bar.
    pub fn on_pointer_down(self, event: web_sys::PointerEvent) {
        let Chart { context, state, geometry } = self;
        if event.button() != 0 {
            return;
        }
        let Some(target) = target_element(&event) else { return };
        state.focus_chart();
        if let Some((link, from)) = closest_value(&target, LINK_FROM) {
            if let Some(to) = link.get_attribute(LINK_TO) {
                state.selected_link.set(Some((TaskId(from), TaskId(to))));
            }
            return;
        }
        state.selected_link.set(None);
        let Some(id) = bar_task(&target) else { return };
        context.view.selected_task.set(Some(id.clone()));
        let gesture = match BarHandle::closest(&target).map(|(handle, _)| handle) {
            Some(BarHandle::Resize) => Gesture::Edit(DragMode::Resize),
            Some(BarHandle::Progress) => Gesture::Edit(DragMode::Progress),
            Some(BarHandle::Link) => Gesture::Link,
            None => Gesture::Edit(DragMode::Move),
        };
        let Some((bar, start, early_start)) = geometry.drawn.with_untracked(|drawn| {
            let row = drawn.rows.iter().find(|row| row.id == id.as_str())?;
            context.derived.schedule.with_untracked(|schedule| {
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
        if let Some(body) = state.body.get_untracked() {
            let _ = body.set_pointer_capture(event.pointer_id());
        }
        let point = self.body_point(&event);
        state.drag.set(Some(Drag { task: id, gesture, bar, start, early_start, from: point, to: point, target: None }));
    }

    pub fn on_pointer_move(self, event: web_sys::PointerEvent) {
        let drag = self.state.drag;
        if drag.with_untracked(Option::is_none) {
            return;
        }
        let point = self.body_point(&event);
        let linking = drag.with_untracked(|drag| drag.as_ref().is_some_and(|drag| drag.gesture == Gesture::Link));
        let target = if linking { task_at_point(event.client_x() as f64, event.client_y() as f64) } else { None };
        drag.update(|drag| {
            if let Some(drag) = drag {
                drag.to = point;
                drag.target = target.filter(|target| *target != drag.task);
            }
        });
    }

    /// The release ends a drag: the edit or the link it made, refused in the status line.
    pub fn on_pointer_up(self, event: web_sys::PointerEvent) {
        self.state.explained_here(self.context, || self.finish_drag(&event));
    }

    fn finish_drag(self, event: &web_sys::PointerEvent) {
        let Chart { context, state, geometry } = self;
        let Some(mut finished) = state.drag.get_untracked() else { return };
        state.drag.set(None);
        finished.to = self.body_point(event);
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
                let edit = context.derived.schedule.with_untracked(|schedule| {
                    let calendar = &schedule.as_ref().ok()?.calendar;
                    geometry.axis.with_untracked(|(scale, _)| {
                        drag_edit(mode, &finished.bar, finished.early_start, finished.dx(), scale, calendar)
                    })
                });
                if let Some(edit) = edit {
                    apply_drag_edit(context, &finished.task, edit);
                }
            }
        }
    }

    /// The line of a link being drawn, in the links' SVG.
    pub fn link_draft(self) -> impl IntoView {
        let drag_preview = self.geometry.drag_preview;
        move || match drag_preview.get() {
            Some(Preview::Link { from, to }) => Some(view! {
                <line class="gantt__link-draft" x1=from.0.round() as i64 y1=from.1.round() as i64 x2=to.0.round() as i64 y2=to.1.round() as i64></line>
            }),
            _ => None,
        }
    }

    /// The bar where a drag would land, and what it would mean.
    pub fn drag_ghost(self) -> impl IntoView {
        let drag_preview = self.geometry.drag_preview;
        move || match drag_preview.get() {
            Some(Preview::Bar { x, width, top, progress, label }) => Some(view! {
                <div class="gantt__ghost" data-testid="drag-preview" style=format!("left:{};top:{};width:{}", px(x), px(top), px(width.max(2.0)))>
                    {progress.map(|percent| view! { <div class="gantt__ghost-progress" style=format!("width:{percent}%")></div> })}
                </div>
                <div class="gantt__drag-label" style=format!("left:{};top:{}", px(x + width + 8.0), px(top))>{label}</div>
            }),
            _ => None,
        }
    }
}
