//! The chart's body drawn by hand (`ui/dom.rs`): the bars with their marks,
//! the link arrows, the date header's ticks and the shaded non-working days, each a
//! `KeyedList` drawn from `Drawn` by one effect. No view, memo or closure per bar,
//! link or tick. The attributes the pointer handlers read back are named here.

use leptos::prelude::*;

use super::drawn::{AxisTick, Drawn, LinkView, RowView};
use super::{Chart, ROW_HEIGHT, TIMELINE_DRAWN_MARK};
use crate::chart::{BarKind, TickLevel};
use crate::model::TaskId;
use crate::ui::dom::{new_element, optional, place, Action, Kept, KeyedList, KeyedRow};
use crate::ui::widgets::px;

/// Pixels from which a ghost bar holds its label (narrower ones show it before them).
const GHOST_LABEL_INSIDE_FROM: i64 = 80;

/// A bar's task id.
const TASK_ID: &str = "data-task-id";
/// A link's predecessor and successor.
pub(super) const LINK_FROM: &str = "data-link-from";
pub(super) const LINK_TO: &str = "data-link-to";

/// The task of the bar at or above `element` (a grid row also has a task id: not a bar).
pub(super) fn bar_task(element: &web_sys::Element) -> Option<TaskId> {
    let bar = element.closest(".gantt__bar[data-task-id]").ok().flatten()?;
    bar.get_attribute(TASK_ID).map(TaskId)
}

/// A bar's handles: what a press on them drags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BarHandle {
    /// The bar's right end: its duration.
    Resize,
    /// Under the bar: its progress.
    Progress,
    /// The dot after the bar: a link to another bar.
    Link,
}

impl Action for BarHandle {
    const ATTRIBUTE: &'static str = "data-handle";
    const ALL: &'static [Self] = &[BarHandle::Resize, BarHandle::Progress, BarHandle::Link];

    fn as_str(self) -> &'static str {
        match self {
            BarHandle::Resize => "resize",
            BarHandle::Progress => "progress",
            BarHandle::Link => "link",
        }
    }
}

impl BarHandle {
    fn element(self, title: &str) -> Kept {
        let handle = Kept::new("div", &format!("gantt__handle gantt__handle--{}", self.as_str()), false);
        self.mark(&handle);
        let _ = handle.set_attribute("title", title);
        handle
    }
}

/// The elements the chart's body is drawn into, rendered empty by the chart's view.
#[derive(Clone, Copy)]
pub(super) struct LayerRefs {
    pub ticks: NodeRef<leptos::html::Div>,
    pub shades: NodeRef<leptos::html::Div>,
    pub links: NodeRef<leptos::svg::G>,
    pub bars: NodeRef<leptos::html::Div>,
}

impl LayerRefs {
    pub fn new() -> Self {
        LayerRefs { ticks: NodeRef::new(), shades: NodeRef::new(), links: NodeRef::new(), bars: NodeRef::new() }
    }

    fn get(self) -> Option<Layers> {
        Some(Layers {
            ticks: self.ticks.get()?.into(),
            shades: self.shades.get()?.into(),
            links: self.links.get()?.into(),
            bars: self.bars.get()?.into(),
        })
    }

    /// Draws the chart's body from `Drawn` and the highlights, by one effect that keeps the
    /// drawn elements (`ChartNodes`).
    pub fn draw(self, chart: Chart) {
        let Chart { context, state, geometry } = chart;
        Effect::new(move |nodes: Option<ChartNodes>| {
            let mut nodes = nodes.unwrap_or_default();
            let Some(layers) = self.get() else { return nodes };
            let (task, target, link) =
                (context.view.selected_task.get(), geometry.link_target.get(), state.selected_link.get());
            let highlights = Highlights { task: task.as_ref(), link_target: target.as_ref(), link: link.as_ref() };
            let has_rows = geometry.drawn.with(|drawn| {
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
    }
}

/// The elements the chart's body is drawn into; each holds the drawn nodes only.
struct Layers {
    ticks: web_sys::Element,
    shades: web_sys::Element,
    links: web_sys::Element,
    bars: web_sys::Element,
}

/// What the drawn nodes show besides the drawing itself: the selected task and link, and
/// the bar a link being drawn would end on.
struct Highlights<'a> {
    task: Option<&'a TaskId>,
    link_target: Option<&'a TaskId>,
    link: Option<&'a (TaskId, TaskId)>,
}

/// The chart body's drawn nodes, kept between drawings: each drawing adds the nodes of
/// what came into view, removes those of what left it, and writes to the others only the
/// values that changed, so an edit touches only the bars and links it moved.
#[derive(Default)]
struct ChartNodes {
    rows: KeyedList<RowNodes>,
    links: KeyedList<LinkNodes>,
    ticks: KeyedList<TickNode>,
    shades: KeyedList<ShadeNode>,
    /// Whether the first task bars have been drawn (and the benchmark's mark set).
    marked: bool,
}

impl ChartNodes {
    fn draw(&mut self, drawn: &Drawn, layers: &Layers, highlights: &Highlights) {
        self.rows.draw(&[&layers.bars], &drawn.rows, |nodes, row| nodes.update(row, highlights));
        place(&layers.bars, self.rows.in_order(&drawn.rows).flat_map(RowNodes::bar_nodes));

        self.links.draw(&[&layers.links], &drawn.links, |nodes, link| nodes.update(link, highlights));
        place(&layers.links, self.links.in_order(&drawn.links).map(|nodes| &nodes.group));

        self.ticks.draw(&[&layers.ticks], &drawn.ticks, TickNode::update);
        place(&layers.ticks, self.ticks.in_order(&drawn.ticks).map(|nodes| &nodes.0.element));

        let day_width = px(drawn.day_width);
        self.shades.draw(&[&layers.shades], &drawn.shaded, |nodes, &x| {
            nodes.0.set_style(&format!("left:{x}px;width:{day_width}"));
        });
        place(&layers.shades, self.shades.in_order(&drawn.shaded).map(|nodes| &nodes.0.element));
    }
}

/// The nodes of one drawn row: the bar with its marks (the task's name and fields are in
/// the grid beside the chart, at the same height).
struct RowNodes {
    kind: BarKind,
    bar: Kept,
    /// The done part of a task's bar and the handle that sets it.
    progress: Option<(Kept, Kept)>,
    baseline: Option<Kept>,
    overloaded: Option<Kept>,
    risks: Option<Kept>,
    /// "−3d" after the bar of a task late against a deadline or no-later-than date.
    behind: Option<Kept>,
    /// The task of another plan it waits on, at its known dates (`Ghost`).
    ghost: Option<Kept>,
}

impl KeyedRow for RowNodes {
    type Item = RowView;
    type Key = String;

    fn key(row: &RowView) -> &String {
        &row.id
    }

    fn new(row: &RowView) -> Self {
        let kind = row.bar.kind;
        let bar = Kept::new("div", "", false).with(&[(TASK_ID, &row.id)]);
        let progress = (kind == BarKind::Task).then(|| {
            let fill = new_element("div", "gantt__fill", false);
            let done = Kept::new("div", "gantt__progress", false);
            let _ = fill.append_child(&done);
            let handle = BarHandle::Progress.element("Drag to set the progress");
            let resize = BarHandle::Resize.element("Drag to change the duration");
            for child in [&fill, &handle.element, &resize.element] {
                let _ = bar.append_child(child);
            }
            (done, handle)
        });
        let _ = bar.append_child(&BarHandle::Link.element("Drag onto another bar to link them"));
        RowNodes { kind, bar, progress, baseline: None, overloaded: None, risks: None, behind: None, ghost: None }
    }

    /// A task that became a summary or a milestone gets the parts of its kind.
    fn fits(&self, row: &RowView) -> bool {
        self.kind == row.bar.kind
    }

    fn remove(&self) {
        self.bar_nodes().for_each(web_sys::Element::remove);
    }
}

impl RowNodes {
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
    }

    /// The bar's marks: its baseline, the overload flag and the risk marker, each while it
    /// applies, and its negative float.
    fn update_marks(&mut self, row: &RowView, top: f64) {
        let id = row.id.as_str();
        if let Some(baseline) = optional(&mut self.baseline, row.baseline.is_some(), || {
            Kept::new("div", "gantt__baseline", false).with(&[("data-baseline-of", id), ("title", "Baseline")])
        }) {
            let (x, width) = row.baseline.unwrap_or_default();
            baseline.set_style(&format!("left:{x}px;top:{}px;width:{width}px", top as i64));
        }
        if let Some(flag) = optional(&mut self.overloaded, row.overloaded.is_some(), || {
            let mark = Kept::new("div", "gantt__flag", false).with(&[("data-overloaded", id)]);
            mark.set_text_content(Some("!"));
            mark
        }) {
            flag.set_style(&format!("left:{};top:{}", px(row.bar.x), px(top)));
            flag.set_title(row.overloaded.as_deref().unwrap_or_default());
        }
        if let Some(marker) = optional(&mut self.risks, row.risks.is_some(), || {
            let mark = Kept::new("div", "gantt__risk", false).with(&[("data-risks-of", id)]);
            mark.set_text_content(Some("▲"));
            mark
        }) {
            marker.set_style(&format!("left:{};top:{}", px(row.bar.x + row.bar.width), px(top)));
            marker.set_title(row.risks.as_deref().unwrap_or_default());
        }
        self.update_behind(row, top);
        self.update_ghost(row, top);
    }

    /// The ghost bar of the task of another plan this one waits on, with its plan's name.
    fn update_ghost(&mut self, row: &RowView, top: f64) {
        let id = row.id.as_str();
        if let Some(ghost) = optional(&mut self.ghost, row.ghost.is_some(), || {
            Kept::new("div", "gantt__other-plan", false).with(&[("data-ghost-of", id)])
        }) {
            let Some(shown) = &row.ghost else { return };
            // Its plan's name inside a ghost wide enough for some of it, else before it.
            let inside = if shown.width >= GHOST_LABEL_INSIDE_FROM { " gantt__other-plan--inside" } else { "" };
            let missing = if shown.missing { " gantt__other-plan--missing" } else { "" };
            ghost.set_class(&format!("gantt__other-plan{inside}{missing}"));
            ghost.set_style(&format!("left:{}px;top:{};width:{}px", shown.x, px(top), shown.width));
            ghost.set_attr("data-label", &shown.label);
            ghost.set_title(&shown.title);
        }
    }

    /// The negative float after the bar, while the task is late against a deadline or a
    /// no-later-than date.
    fn update_behind(&mut self, row: &RowView, top: f64) {
        let id = row.id.as_str();
        if let Some(mark) = optional(&mut self.behind, row.behind.is_some(), || {
            Kept::new("div", "gantt__behind", false).with(&[("data-behind-of", id)])
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
        [&self.ghost, &self.baseline, &self.overloaded, &self.risks, &self.behind]
            .into_iter()
            .filter_map(|mark| mark.as_ref().map(|mark| &mark.element))
            .chain([&self.bar.element])
    }
}

/// The nodes of one drawn link arrow: a wide path to click (with the link's title) and the
/// arrow.
struct LinkNodes {
    group: web_sys::Element,
    hit: Kept,
    title: Kept,
    arrow: Kept,
}

impl KeyedRow for LinkNodes {
    type Item = LinkView;
    type Key = (TaskId, TaskId);

    fn key(link: &LinkView) -> &(TaskId, TaskId) {
        &link.ends
    }

    fn new(link: &LinkView) -> Self {
        let group = new_element("g", "", true);
        let (from, to) = &link.ends;
        let _ = group.set_attribute(LINK_FROM, from.as_str());
        let _ = group.set_attribute(LINK_TO, to.as_str());
        let (hit, title, arrow) =
            (Kept::new("path", "gantt__link-hit", true), Kept::new("title", "", true), Kept::new("path", "", true));
        let _ = hit.append_child(&title);
        let _ = arrow.set_attribute("marker-end", "url(#gantt-arrow)");
        let _ = group.append_child(&hit);
        let _ = group.append_child(&arrow);
        LinkNodes { group, hit, title, arrow }
    }

    fn remove(&self) {
        self.group.remove();
    }
}

impl LinkNodes {
    fn update(&mut self, link: &LinkView, highlights: &Highlights) {
        let selected = highlights.link == Some(&link.ends);
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

/// A drawn tick of the date header.
struct TickNode(Kept);

impl KeyedRow for TickNode {
    type Item = AxisTick;
    type Key = (bool, chrono::NaiveDate, i64);

    fn key(tick: &AxisTick) -> &Self::Key {
        &tick.key
    }

    fn new(tick: &AxisTick) -> Self {
        let major = tick.tick.level == TickLevel::Major;
        TickNode(Kept::new("div", if major { "gantt__tick gantt__tick--major" } else { "gantt__tick" }, false))
    }

    fn remove(&self) {
        self.0.remove();
    }
}

impl TickNode {
    fn update(&mut self, tick: &AxisTick) {
        let AxisTick { tick, .. } = tick;
        self.0.set_style(&format!("left:{};width:{}", px(tick.x), px(tick.width)));
        self.0.set_text(&tick.label);
    }
}

/// A shaded non-working day, by its left edge.
struct ShadeNode(Kept);

impl KeyedRow for ShadeNode {
    type Item = i64;
    type Key = i64;

    fn key(x: &i64) -> &i64 {
        x
    }

    fn new(_: &i64) -> Self {
        ShadeNode(Kept::new("div", "gantt__shade", false))
    }

    fn remove(&self) {
        self.0.remove();
    }
}
