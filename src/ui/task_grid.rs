//! The task grid's rows, drawn by code like the chart's bars (`dom.rs`): one effect keeps
//! the drawn rows' elements and writes only what changed, and one listener per kind of
//! event on the grid's body serves every row's fields and buttons. No view, memo or
//! closure per row or field: a plan opens and an edit redraws with less work, and the
//! first load carries less code.
//!
//! A date or number field is drawn as a focusable box showing its value until it is used
//! (focused by Tab or clicked): then it becomes the browser's date or number input,
//! focused. Those inputs are the costliest elements of a row to style and lay out (their
//! parts live in a shadow tree): the four per drawn row were about half the grid's style
//! and layout in the frame that first draws an opened plan (docs/benchmarks.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::{place, Kept};
use super::state::PlanContext;
use super::task_actions::{add_task, indent, move_among_siblings, outdent, remove_task, update_task, Placement};
use super::widgets::{format_optional_date, parse_number, parse_optional_date, px};
use crate::chart::RowWindow;
use crate::model::dates::format_iso_date;
use crate::model::hashing::{IdMap, IdSet};
use crate::model::validate::MAX_WORKING_DAYS;
use crate::model::{Plan, TaskId, TaskKind};

/// What one grid row shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskRow {
    pub id: TaskId,
    wbs: String,
    depth: usize,
    name: String,
    summary: bool,
    milestone: bool,
    duration: u32,
    start: String,
    finish: String,
    start_no_earlier_than: String,
    deadline: String,
    deadline_missed: bool,
    progress: u8,
    float: i64,
    critical: bool,
    predecessors: String,
    collapsed: bool,
    /// Working days the finish moved since the baseline (positive is late).
    variance: Option<i64>,
}

/// What grid rows look up by task id, for the rows drawn only: one pass over the links
/// and the baseline, not a map of every task rebuilt after each edit.
#[derive(Clone, Debug, Default, PartialEq)]
struct RowLookups {
    /// "T3, T5SS+2": each task's predecessors as text.
    predecessors: IdMap<TaskId, String>,
    /// Each task's finish in the baseline in use.
    baseline_finish: IdMap<TaskId, chrono::NaiveDate>,
}

fn row_lookups(
    plan: &Plan,
    baseline: Option<&crate::model::Baseline>,
    shown: &[crate::model::outline::OutlineRow],
) -> RowLookups {
    let shown: IdSet<&str> = shown.iter().map(|row| plan.tasks[row.index].id.as_str()).collect();
    let mut predecessors: IdMap<TaskId, String> = IdMap::default();
    for dependency in plan.dependencies.iter().filter(|dependency| shown.contains(dependency.successor.as_str())) {
        let text = predecessors.entry(dependency.successor.clone()).or_default();
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&dependency.predecessor_label());
    }
    let baseline_finish = baseline
        .iter()
        .flat_map(|baseline| baseline.tasks.iter())
        .filter(|entry| shown.contains(entry.task.as_str()))
        .map(|entry| (entry.task.clone(), entry.finish))
        .collect();
    RowLookups { predecessors, baseline_finish }
}

/// Grid rows for the outline rows `window` (only those are drawn).
pub fn task_rows(
    plan: &Plan,
    schedule: Option<&crate::schedule::Schedule>,
    outline_rows: &[crate::model::outline::OutlineRow],
    window: RowWindow,
    collapsed: &IdSet<TaskId>,
    baseline: Option<&crate::model::Baseline>,
) -> Vec<TaskRow> {
    let shown = &outline_rows[window.first.min(outline_rows.len())..window.end.min(outline_rows.len())];
    let lookups = row_lookups(plan, baseline, shown);
    shown
        .iter()
        .cloned()
        .map(|row| {
            let task = &plan.tasks[row.index];
            let times = schedule.map(|schedule| (schedule, schedule.tasks[row.index]));
            TaskRow {
                id: task.id.clone(),
                wbs: row.wbs,
                depth: row.depth,
                name: task.name.clone(),
                summary: row.has_children,
                milestone: task.kind == TaskKind::Milestone,
                duration: match times {
                    Some((_, times)) if row.has_children => (times.early_finish - times.early_start).max(0) as u32,
                    _ => task.duration,
                },
                start: times.map(|(schedule, _)| format_iso_date(schedule.start_date(row.index))).unwrap_or_default(),
                finish: times.map(|(schedule, _)| format_iso_date(schedule.finish_date(row.index))).unwrap_or_default(),
                start_no_earlier_than: format_optional_date(task.start_no_earlier_than),
                deadline: format_optional_date(task.deadline),
                deadline_missed: times.is_some_and(|(_, times)| times.deadline_missed),
                progress: times.map(|(_, times)| times.progress.round() as u8).unwrap_or(task.progress),
                float: times.map(|(_, times)| times.total_float).unwrap_or(0),
                critical: times.is_some_and(|(_, times)| times.critical),
                predecessors: lookups.predecessors.get(&task.id).cloned().unwrap_or_default(),
                collapsed: collapsed.contains(&task.id),
                variance: schedule.and_then(|schedule| {
                    lookups
                        .baseline_finish
                        .get(&task.id)
                        .map(|&finish| schedule.calendar.working_days_between(finish, schedule.finish_date(row.index)))
                }),
            }
        })
        .collect()
}

/// A field of a row the grid edits, named by the input's `data-field`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Duration,
    NotBefore,
    Deadline,
    Progress,
}

impl Field {
    const ALL: [Field; 5] = [Field::Name, Field::Duration, Field::NotBefore, Field::Deadline, Field::Progress];

    fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Duration => "duration",
            Field::NotBefore => "not-before",
            Field::Deadline => "deadline",
            Field::Progress => "progress",
        }
    }

    /// The field an element edits, named by its attribute `attribute` (`data-field` for
    /// an input, `data-lazy-field` for a field not yet used).
    fn of(element: &web_sys::Element, attribute: &str) -> Option<Field> {
        let key = element.get_attribute(attribute)?;
        Field::ALL.into_iter().find(|field| field.key() == key)
    }

    /// A date field fires `change` at every typed digit that makes some date, so it
    /// commits only when left or on Enter; the others commit on `change`.
    fn is_date(self) -> bool {
        matches!(self, Field::NotBefore | Field::Deadline)
    }

    /// The input's type; a number field's range is `max`'s.
    fn input_type(self) -> &'static str {
        match self {
            Field::Name => "text",
            Field::NotBefore | Field::Deadline => "date",
            Field::Duration | Field::Progress => "number",
        }
    }

    /// The highest value of a number field.
    fn max(self) -> String {
        if self == Field::Progress {
            "100".to_string()
        } else {
            MAX_WORKING_DAYS.to_string()
        }
    }

    /// The field's value in the plan, as the input shows it.
    fn value(self, row: &TaskRow) -> String {
        match self {
            Field::Name => row.name.clone(),
            Field::Duration => row.duration.to_string(),
            Field::NotBefore => row.start_no_earlier_than.clone(),
            Field::Deadline => row.deadline.clone(),
            Field::Progress => row.progress.to_string(),
        }
    }

    /// Applies typed text to the task; whether the plan took it.
    fn commit(self, context: PlanContext, id: &TaskId, text: String) -> bool {
        let parsed = match self {
            Field::Name => return update_task(context, id, |task| task.name = text),
            Field::Duration => parse_number::<u32>(&text, "duration", 0, MAX_WORKING_DAYS)
                .map(|days| update_task(context, id, |task| task.duration = days)),
            Field::Progress => parse_number::<u8>(&text, "progress", 0, 100)
                .map(|percent| update_task(context, id, |task| task.progress = percent)),
            Field::NotBefore => parse_optional_date(&text)
                .map(|date| update_task(context, id, |task| task.start_no_earlier_than = date)),
            Field::Deadline => {
                parse_optional_date(&text).map(|date| update_task(context, id, |task| task.deadline = date))
            }
        };
        parsed.unwrap_or_else(|message| {
            context.refuse(message);
            false
        })
    }
}

/// The drawn elements of one row, with what they last showed.
struct GridRowNodes {
    /// The drawing that last showed this row.
    drawing: u64,
    /// Whether the row was made for a summary, a milestone: their cells differ.
    kind: (bool, bool),
    /// What the row showed at its last drawing (none before the first).
    shown: Option<TaskRow>,
    row: Kept,
    wbs: Kept,
    name_cell: Kept,
    toggle: Option<Kept>,
    name: Kept,
    /// A field for a task, the computed value for a summary or milestone.
    duration: LazyField,
    start: Kept,
    finish: Kept,
    not_before: LazyField,
    deadline_cell: Kept,
    deadline: LazyField,
    /// A field for a task or milestone, the computed value for a summary.
    progress: LazyField,
    float: Kept,
    variance: Kept,
    predecessors: Kept,
    actions: Kept,
}

/// A date or number field of a row: a focusable box showing the value until it is first
/// used, then the browser's input; or, for a value the schedule computes, only its text.
struct LazyField {
    element: Kept,
    editing: bool,
    /// Whether the person edits it (not a computed value).
    editable: bool,
    label: String,
    field: Field,
}

impl LazyField {
    /// A field to edit.
    fn new(parent: &web_sys::Element, field: Field, label: String) -> Self {
        let element =
            child(parent, "span", &format!("input task-grid__field task-grid__field--{}", field.input_type()));
        let attributes =
            [("tabindex", "0"), ("role", "button"), ("aria-label", &label), ("data-lazy-field", field.key())];
        with_attributes(&element, &attributes);
        LazyField { element, editing: false, editable: true, label, field }
    }

    /// A value the schedule computes, shown as text.
    fn computed(parent: &web_sys::Element, field: Field) -> Self {
        let element = child(parent, "span", "task-grid__computed");
        LazyField { element, editing: false, editable: false, label: String::new(), field }
    }

    fn show(&mut self, value: &str) {
        self.element.set(if self.editing { "value" } else { "text" }, value);
    }

    /// Puts the input in the box's place, with the value; returns it, to be focused.
    fn edit(&mut self, value: &str) -> Option<web_sys::Element> {
        if !self.editable || self.editing {
            return None;
        }
        let kind = self.field.input_type();
        let number = kind == "number";
        let input = Kept::new("input", if number { "input input--number" } else { "input" }, false);
        with_attributes(&input, &[("type", kind), ("aria-label", &self.label), ("data-field", self.field.key())]);
        if number {
            with_attributes(&input, &[("min", "0"), ("max", &self.field.max())]);
        }
        let _ = self.element.replace_with_with_node_1(&input);
        self.element = input;
        self.editing = true;
        self.show(value);
        Some(self.element.element.clone())
    }
}

/// Appends a new child element to `parent`.
fn child(parent: &web_sys::Element, tag: &str, class: &str) -> Kept {
    let element = Kept::new(tag, class, false);
    let _ = parent.append_child(&element);
    element
}

/// Sets attributes that never change on a new element.
fn with_attributes(element: &web_sys::Element, attributes: &[(&str, &str)]) {
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
}

impl GridRowNodes {
    fn new(row: &TaskRow) -> Self {
        let id = row.id.as_str();
        let label = |what: &str| format!("{what} {id}");
        let tr = Kept::new("tr", "", false);
        with_attributes(&tr, &[("data-testid", "task-row"), ("data-task-id", id)]);
        let wbs = child(&tr, "td", "table__id");
        child(&tr, "td", "table__id").set_text_content(Some(id));
        let name_td = child(&tr, "td", "task-grid__name");
        let name_cell = child(&name_td, "div", "task-grid__name-cell");
        let toggle = row.summary.then(|| {
            let toggle = child(&name_cell, "button", "icon-button task-grid__toggle");
            with_attributes(&toggle, &[("type", "button"), ("data-action", "toggle")]);
            toggle
        });
        if row.milestone {
            let diamond = child(&name_cell, "span", "task-grid__diamond");
            with_attributes(&diamond, &[("aria-label", "Milestone"), ("title", "Milestone")]);
            diamond.set_text_content(Some("◆"));
        }
        let name_class = if row.summary { "input input--bare input--strong" } else { "input input--bare" };
        let name = child(&name_cell, "input", name_class);
        let name_label = label("Name of");
        let attributes =
            [("type", "text"), ("aria-label", &name_label), ("data-field", Field::Name.key()), ("data-task-name", id)];
        with_attributes(&name, &attributes);
        let number = |parent: &web_sys::Element, field: Field, what: &str, editable: bool| {
            if editable {
                LazyField::new(parent, field, label(what))
            } else {
                LazyField::computed(parent, field)
            }
        };
        let duration = number(&child(&tr, "td", ""), Field::Duration, "Duration of", !row.summary && !row.milestone);
        let start = child(&tr, "td", "task-grid__date");
        let finish = child(&tr, "td", "task-grid__date");
        let not_before = LazyField::new(&child(&tr, "td", ""), Field::NotBefore, label("Start no earlier than,"));
        let deadline_cell = child(&tr, "td", "");
        let deadline = LazyField::new(&deadline_cell, Field::Deadline, label("Deadline of"));
        let progress = number(&child(&tr, "td", ""), Field::Progress, "Progress of", !row.summary);
        let float = child(&tr, "td", "");
        let variance = child(&tr, "td", "");
        let predecessors = child(&tr, "td", "task-grid__predecessors");
        let actions = child(&tr, "td", "table__actions");
        if row.milestone {
            let placeholder = child(&actions, "span", "icon-button icon-button--placeholder");
            let _ = placeholder.set_attribute("aria-hidden", "true");
        }
        let buttons = [
            ("subtask", "+", "Add a subtask", label("Add a subtask to")),
            ("indent", "→", "Indent (make it a subtask of the task above)", label("Indent")),
            ("outdent", "←", "Outdent", label("Outdent")),
            ("up", "↑", "Move up", format!("Move {id} up")),
            ("down", "↓", "Move down", format!("Move {id} down")),
            ("delete", "✕", "Delete (Ctrl+Z brings it back)", label("Delete")),
        ];
        for (action, text, title, label) in buttons {
            if action == "subtask" && row.milestone {
                continue;
            }
            let class = if action == "delete" { "icon-button icon-button--danger" } else { "icon-button" };
            let button = child(&actions, "button", class);
            with_attributes(
                &button,
                &[("type", "button"), ("title", title), ("aria-label", &label), ("data-action", action)],
            );
            button.set_text_content(Some(text));
        }
        GridRowNodes {
            drawing: 0,
            kind: (row.summary, row.milestone),
            shown: None,
            row: tr,
            wbs,
            name_cell,
            toggle,
            name,
            duration,
            start,
            finish,
            not_before,
            deadline_cell,
            deadline,
            progress,
            float,
            variance,
            predecessors,
            actions,
        }
    }

    /// Brings the row's elements to `row`, writing only what changed.
    fn update(&mut self, row: &TaskRow, selected: bool, actions_shift: &str) {
        self.row.set(
            "class",
            &format!(
                "task-grid__row{}{}{}{}",
                if row.summary { " task-grid__row--summary" } else { "" },
                if selected { " task-grid__row--selected" } else { "" },
                if row.milestone { " task-grid__row--milestone" } else { "" },
                if row.critical { " task-grid__row--critical" } else { "" }
            ),
        );
        self.actions.set("style", actions_shift);
        if self.shown.as_ref() == Some(row) {
            return;
        }
        self.wbs.set("text", &row.wbs);
        self.name_cell.set("style", &format!("padding-left: calc({} * 1.25rem)", row.depth));
        if let Some(toggle) = &mut self.toggle {
            let label = format!("{} the subtasks of {}", if row.collapsed { "Show" } else { "Hide" }, row.id);
            toggle.set("aria-label", &label);
            toggle.set("title", &label);
            toggle.set("aria-expanded", if row.collapsed { "false" } else { "true" });
            toggle.set("text", if row.collapsed { "▸" } else { "▾" });
        }
        self.name.set("value", &row.name);
        self.duration.show(&row.duration.to_string());
        self.start.set("text", &row.start);
        self.finish.set("text", &row.finish);
        self.not_before.show(&row.start_no_earlier_than);
        self.deadline_cell.set("class", if row.deadline_missed { "task-grid__missed" } else { "" });
        self.deadline_cell
            .set("title", if row.deadline_missed { "The schedule finishes after this deadline" } else { "" });
        self.deadline.show(&row.deadline);
        self.progress.show(&row.progress.to_string());
        self.float.set(
            "class",
            if row.critical { "task-grid__float task-grid__float--critical" } else { "task-grid__float" },
        );
        self.float.set("text", &if row.critical { "critical".to_string() } else { row.float.to_string() });
        let late = row.variance.is_some_and(|days| days > 0);
        self.variance
            .set("class", if late { "task-grid__variance task-grid__variance--late" } else { "task-grid__variance" });
        let variance = match row.variance {
            None => String::new(),
            Some(days) if days > 0 => format!("+{days}"),
            Some(days) if days < 0 => format!("−{}", -days),
            Some(_) => "0".to_string(),
        };
        self.variance.set("text", &variance);
        self.predecessors.set("text", &row.predecessors);
        self.shown = Some(row.clone());
    }
}

/// The grid body's drawn rows, kept between drawings, and the spacers that stand for the
/// rows not drawn above and below, so the scroll height stays true.
pub struct GridNodes {
    drawing: u64,
    rows: IdMap<TaskId, GridRowNodes>,
    spacers: [Kept; 2],
    /// The actions cells' style: moved left by the grid's measured shift.
    actions_style: String,
}

fn actions_style(actions_shift: f64) -> String {
    format!("transform: translateX({})", px(-actions_shift))
}

impl GridNodes {
    pub fn new() -> Self {
        let spacer = || {
            let spacer = Kept::new("tr", "task-grid__spacer", false);
            let _ = spacer.set_attribute("aria-hidden", "true");
            spacer
        };
        GridNodes {
            drawing: 0,
            rows: IdMap::default(),
            spacers: [spacer(), spacer()],
            actions_style: actions_style(0.0),
        }
    }

    /// Draws `rows` (the outline rows `window` of `count`) into the grid's body.
    pub fn draw(
        &mut self,
        body: &web_sys::Element,
        rows: &[TaskRow],
        window: RowWindow,
        count: usize,
        selected: Option<&TaskId>,
    ) {
        if self.drawing == 0 {
            // A grid made again in the same place (another plan opened) can get the body of
            // the one before, with the rows that one drew: they are not ours to update.
            body.set_text_content(None);
        }
        self.drawing += 1;
        let drawing = self.drawing;
        for row in rows {
            let kind = (row.summary, row.milestone);
            if self.rows.get(&row.id).is_some_and(|nodes| nodes.kind != kind) {
                // A task that became a summary or a milestone gets the cells of its kind.
                if let Some(old) = self.rows.remove(&row.id) {
                    old.row.remove();
                }
            }
            let nodes = self.rows.entry(row.id.clone()).or_insert_with(|| GridRowNodes::new(row));
            nodes.drawing = drawing;
            nodes.update(row, selected == Some(&row.id), &self.actions_style);
        }
        self.rows.retain(|_, nodes| {
            let kept = nodes.drawing == drawing;
            if !kept {
                nodes.row.remove();
            }
            kept
        });
        let [above, below] = &mut self.spacers;
        above.set("style", &format!("height: {}", px(window.first as f64 * super::task_actions::GRID_ROW_HEIGHT)));
        let rows_below = count - window.end.min(count);
        below.set("style", &format!("height: {}", px(rows_below as f64 * super::task_actions::GRID_ROW_HEIGHT)));
        // Moving a row takes the focus from the field or button in it (a row moved up or
        // down by its own button): it goes back there.
        let focused = document().active_element().filter(|active| body.contains(Some(active)));
        let drawn = rows.iter().filter_map(|row| self.rows.get(&row.id)).map(|nodes| &nodes.row.element);
        place(body, std::iter::once(&above.element).chain(drawn).chain(std::iter::once(&below.element)));
        if let Some(focused) = focused.filter(|focused| focused.is_connected()) {
            if document().active_element().as_ref() != Some(&focused) {
                let _ = focused.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
    }

    /// Turns a drawn row's field not yet used into its input; returns the input.
    fn edit_field(&mut self, id: &TaskId, field: Field) -> Option<web_sys::Element> {
        let nodes = self.rows.get_mut(id)?;
        let value = nodes.shown.as_ref().map(|row| field.value(row)).unwrap_or_default();
        match field {
            Field::Duration => nodes.duration.edit(&value),
            Field::NotBefore => nodes.not_before.edit(&value),
            Field::Deadline => nodes.deadline.edit(&value),
            Field::Progress => nodes.progress.edit(&value),
            Field::Name => None,
        }
    }

    /// Moves every drawn row's actions cell by the grid's measured shift.
    pub fn shift_actions(&mut self, actions_shift: f64) {
        self.actions_style = actions_style(actions_shift);
        for nodes in self.rows.values_mut() {
            nodes.actions.set("style", &self.actions_style);
        }
    }
}

/// The task of the row an event happened in.
fn task_of(target: &web_sys::Element) -> Option<TaskId> {
    let row = target.closest("tr[data-task-id]").ok().flatten()?;
    row.get_attribute("data-task-id").map(TaskId)
}

fn event_element(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.target()?.dyn_into::<web_sys::Element>().ok()
}

/// Commits what was typed into a field, or, when the plan refuses it, shows the plan's
/// value again. The plan's value is the input's default value (`Kept::set`): the field
/// needs nothing else, so it commits also while the grid redraws (a focused field whose
/// row leaves the drawn window commits as it goes).
fn commit(context: PlanContext, input: &web_sys::Element, on_leave: bool) {
    let (Some(field), Some(id)) = (Field::of(input, "data-field"), task_of(input)) else { return };
    if field.is_date() != on_leave {
        return;
    }
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    let planned = input.default_value();
    if field.is_date() && input.validity().bad_input() {
        input.set_value(&planned);
        return context.refuse("the date is incomplete: give day, month and year, or pick one");
    }
    let text = input.value();
    if text != planned && !field.commit(context, &id, text) {
        input.set_value(&planned);
    }
}

/// The grid body's events, for every drawn row: a field's edit, a button, the focus.
pub fn on_change(context: PlanContext) -> impl Fn(web_sys::Event) {
    move |event| {
        if let Some(input) = event_element(&event) {
            commit(context, &input, false);
        }
    }
}

/// Leaving a date field (`focusout`, which bubbles) commits it.
pub fn on_leave(context: PlanContext) -> impl Fn(web_sys::FocusEvent) {
    move |event| {
        if let Some(input) = event_element(&event) {
            commit(context, &input, true);
        }
    }
}

/// Enter in a date field commits it.
pub fn on_key(context: PlanContext) -> impl Fn(web_sys::KeyboardEvent) {
    move |event| {
        if event.key() == "Enter" {
            if let Some(input) = event_element(&event) {
                commit(context, &input, true);
            }
        }
    }
}

/// A field not yet used becomes its input when it is focused or clicked. The input is
/// focused once the grid's nodes are free again: focusing makes the field left before
/// commit, and its events may reach the grid.
fn edit_field(nodes: StoredValue<GridNodes, LocalStorage>, target: &web_sys::Element) {
    if let (Some(field), Some(id)) = (Field::of(target, "data-lazy-field"), task_of(target)) {
        if let Some(input) = nodes.try_update_value(|nodes| nodes.edit_field(&id, field)).flatten() {
            let _ = input.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    }
}

/// A row's buttons: show or hide subtasks, add a subtask, indent, outdent, move, delete;
/// and its fields not yet used.
pub fn on_click(context: PlanContext, nodes: StoredValue<GridNodes, LocalStorage>) -> impl Fn(web_sys::MouseEvent) {
    move |event| {
        let Some(target) = event_element(&event) else { return };
        edit_field(nodes, &target);
        let Some(button) = target.closest("[data-action]").ok().flatten() else { return };
        let Some(id) = task_of(&button) else { return };
        match button.get_attribute("data-action").as_deref() {
            Some("toggle") => context.toggle_collapsed(&id),
            Some("subtask") => add_task(context, TaskKind::Task, Placement::Under(id)),
            Some("indent") => indent(context, &id),
            Some("outdent") => outdent(context, &id),
            Some("up") => move_among_siblings(context, &id, true),
            Some("down") => move_among_siblings(context, &id, false),
            Some("delete") => remove_task(context, &id),
            _ => {}
        }
    }
}

/// A field or button of a row taking the focus selects its task; a field not yet used
/// becomes its input.
pub fn on_focus(context: PlanContext, nodes: StoredValue<GridNodes, LocalStorage>) -> impl Fn(web_sys::FocusEvent) {
    move |event| {
        let Some(target) = event_element(&event) else { return };
        let Some(id) = task_of(&target) else { return };
        if context.selected_task.get_untracked().as_ref() != Some(&id) {
            context.selected_task.set(Some(id));
        }
        edit_field(nodes, &target);
    }
}
