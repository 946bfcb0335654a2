//! The task grid's rows, drawn by code like the chart's bars (`dom.rs`): one effect keeps
//! the drawn rows' elements and writes only what changed, and one listener per kind of
//! event on the grid's body serves every row's fields and buttons. No view, memo or
//! closure per row or field: a plan opens and an edit redraws with less work, and the
//! first load carries less code.
//!
//! A field other than the name is drawn as a focusable box showing its value until it is
//! used (focused by Tab or clicked): then it becomes a text input, focused, its value
//! selected as the browser selects a plain field reached by Tab, so what is typed
//! replaces it. Inputs are the costliest elements of a row to style and lay out (their
//! parts live in a shadow tree): drawn for every row they were about half the grid's style
//! and layout in the frame that first draws an opened plan (docs/benchmarks.md).
//!
//! Every field commits on Enter, on leaving it, or on `change`; Escape puts the plan's
//! value back and commits nothing. A refused edit keeps the typed text in its field,
//! marked invalid and described by a message drawn under it (`show_refusal`).

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::gantt::ROW_HEIGHT;
use super::task_actions::{
    add_task, indent, move_among_siblings, outdent, remove_task, set_constraint_here, set_predecessors,
    update_task_here, Placement,
};
use crate::chart::RowWindow;
use crate::model::constraint_text::{constraint_text, parse_constraint};
use crate::model::dates::format_iso_date;
use crate::model::hashing::{IdMap, IdSet};
use crate::model::outline::OutlineRow;
use crate::model::validate::MAX_WORKING_DAYS;
use crate::model::{Plan, TaskId, TaskKind};
use crate::schedule::{finish_moved, Schedule};
use crate::ui::dom::{optional, place, set_fixed, Action, Kept, KeyedList, KeyedRow};
use crate::ui::state::PlanContext;
use crate::ui::widgets::{format_optional_date, parse_number, parse_optional_date, px, refused};

/// The id of the message that explains a refused edit, under its field.
pub const REFUSAL_MESSAGE_ID: &str = "task-grid-refusal";

thread_local! {
    /// The grid's scroll area on the page (there is one grid), for the edits that scroll
    /// a task's row into view.
    static GRID_AREA: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Notes the grid's scroll area once the grid is drawn.
pub fn set_grid_area(area: web_sys::Element) {
    GRID_AREA.with_borrow_mut(|grid| *grid = Some(area));
}

/// The grid's scroll area, while the timeline shows it.
pub fn grid_area() -> Option<web_sys::Element> {
    GRID_AREA.with_borrow(|grid| grid.clone().filter(|grid| grid.is_connected()))
}

/// What one grid row shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskRow {
    pub id: TaskId,
    /// Its place among the outline's rows shown (the first is 0).
    place: usize,
    wbs: String,
    depth: usize,
    name: String,
    summary: bool,
    milestone: bool,
    duration: u32,
    start: String,
    finish: String,
    /// The date constraint as its cell writes it: `SNET 2027-02-03`.
    constraint: String,
    /// Why the links make the constraint impossible, said in words.
    conflict: Option<String>,
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

fn row_lookups(plan: &Plan, baseline: Option<&crate::model::Baseline>, shown: &[OutlineRow]) -> RowLookups {
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
    schedule: Option<&Schedule>,
    outline_rows: &[OutlineRow],
    window: RowWindow,
    collapsed: &IdSet<TaskId>,
    baseline: Option<&crate::model::Baseline>,
) -> Vec<TaskRow> {
    let shown = &outline_rows[window.first.min(outline_rows.len())..window.end.min(outline_rows.len())];
    let lookups = row_lookups(plan, baseline, shown);
    let first = window.first.min(outline_rows.len());
    shown
        .iter()
        .enumerate()
        .map(|(offset, row)| task_row(plan, schedule, row, first + offset, &lookups, collapsed))
        .collect()
}

fn task_row(
    plan: &Plan,
    schedule: Option<&Schedule>,
    row: &OutlineRow,
    place: usize,
    lookups: &RowLookups,
    collapsed: &IdSet<TaskId>,
) -> TaskRow {
    let task = &plan.tasks[row.index];
    let times = schedule.map(|schedule| (schedule, schedule.tasks[row.index]));
    TaskRow {
        id: task.id.clone(),
        place,
        wbs: row.wbs.clone(),
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
        constraint: constraint_text(task.date_constraint()),
        conflict: schedule.and_then(|schedule| schedule.conflict(row.index)).map(ToString::to_string),
        deadline: format_optional_date(task.deadline),
        deadline_missed: times.is_some_and(|(_, times)| times.deadline_missed),
        progress: times.map(|(_, times)| times.progress.round() as u8).unwrap_or(task.progress),
        float: times.map(|(_, times)| times.total_float).unwrap_or(0),
        critical: times.is_some_and(|(_, times)| times.critical),
        predecessors: lookups.predecessors.get(&task.id).cloned().unwrap_or_default(),
        collapsed: collapsed.contains(&task.id),
        variance: schedule.and_then(|schedule| {
            let finish = schedule.finish_date(row.index);
            lookups.baseline_finish.get(&task.id).map(|&kept| finish_moved(&schedule.calendar, kept, finish))
        }),
    }
}

/// Float as the grid writes it: a minus sign for a task late against a deadline or a
/// no-later-than date.
fn signed_days(days: i64) -> String {
    if days < 0 {
        format!("−{}", -days)
    } else {
        days.to_string()
    }
}

/// A field of a row the grid edits, named by the input's `data-field`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Duration,
    Constraint,
    Deadline,
    Progress,
    Predecessors,
}

impl Field {
    const ALL: [Field; 6] =
        [Field::Name, Field::Duration, Field::Constraint, Field::Deadline, Field::Progress, Field::Predecessors];

    fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Duration => "duration",
            Field::Constraint => "constraint",
            Field::Deadline => "deadline",
            Field::Progress => "progress",
            Field::Predecessors => "predecessors",
        }
    }

    /// The field an element edits, named by its attribute `attribute` (`data-field` for
    /// an input, `data-lazy-field` for a field not yet used).
    fn of(element: &web_sys::Element, attribute: &str) -> Option<Field> {
        let key = element.get_attribute(attribute)?;
        Field::ALL.into_iter().find(|field| field.key() == key)
    }

    /// How its box looks until it is used: "number", "date" or "text".
    fn look(self) -> &'static str {
        match self {
            Field::Duration | Field::Progress => "number",
            Field::Deadline => "date",
            Field::Name | Field::Constraint | Field::Predecessors => "text",
        }
    }

    /// What its input says it takes, for a person and a phone's keyboard: the input's
    /// `inputmode` and `placeholder`.
    fn hints(self) -> (&'static str, &'static str) {
        match self {
            Field::Duration | Field::Progress => ("numeric", ""),
            Field::Deadline => ("text", "YYYY-MM-DD"),
            Field::Constraint => ("text", "SNET 2027-01-04"),
            Field::Name | Field::Predecessors => ("text", ""),
        }
    }

    /// The field's value in the plan, as the input shows it.
    fn value(self, row: &TaskRow) -> String {
        match self {
            Field::Name => row.name.clone(),
            Field::Duration => row.duration.to_string(),
            Field::Constraint => row.constraint.clone(),
            Field::Deadline => row.deadline.clone(),
            Field::Progress => row.progress.to_string(),
            Field::Predecessors => row.predecessors.clone(),
        }
    }

    /// Applies typed text to the task, or says why not.
    fn commit(self, context: PlanContext, id: &TaskId, text: String) -> Result<(), String> {
        match self {
            Field::Name => update_task_here(context, id, |task| task.name = text),
            Field::Duration => {
                let days = parse_number::<u32>(&text, "duration", 0, MAX_WORKING_DAYS).map_err(refused)?;
                update_task_here(context, id, |task| task.duration = days)
            }
            Field::Progress => {
                let percent = parse_number::<u8>(&text, "progress", 0, 100).map_err(refused)?;
                update_task_here(context, id, |task| task.progress = percent)
            }
            Field::Deadline => {
                let date = parse_optional_date(&text).map_err(refused)?;
                update_task_here(context, id, |task| task.deadline = date)
            }
            Field::Constraint => set_constraint_here(context, id, parse_constraint(&text).map_err(refused)?),
            Field::Predecessors => set_predecessors(context, id, &text),
        }
    }
}

/// The drawn elements of one row, with what they last showed.
struct GridRowNodes {
    /// Whether the row was made for a summary, a milestone: their cells differ.
    kind: (bool, bool),
    /// What the row showed at its last drawing (none before the first).
    shown: Option<TaskRow>,
    row: Kept,
    wbs: Kept,
    /// The name's cell, kept at the pane's left edge (`GridNodes::shift_frozen`).
    name_td: Kept,
    name_cell: Kept,
    toggle: Option<Kept>,
    name: Kept,
    /// A field for a task, the computed value for a summary or milestone.
    duration: LazyField,
    start: Kept,
    finish: Kept,
    constraint_cell: Kept,
    /// The mark of a constraint the links make impossible, while there is one.
    conflict: Option<Kept>,
    constraint: LazyField,
    deadline_cell: Kept,
    deadline: LazyField,
    /// A field for a task or milestone, the computed value for a summary.
    progress: LazyField,
    float: Kept,
    variance: Kept,
    predecessors: LazyField,
}

/// A field of a row: a focusable box showing the value until it is first used, then a
/// text input; or, for a value the schedule computes, only its text.
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
        let element = child(parent, "span", &format!("input task-grid__field task-grid__field--{}", field.look()));
        // `data-label` finds the field whether it is the box or its input; the box's own
        // name also says its value, so the name holds the text it shows (WCAG 2.5.3).
        let attributes = [
            ("tabindex", "0"),
            ("role", "button"),
            ("aria-label", &label),
            ("data-label", &label),
            ("data-lazy-field", field.key()),
        ];
        set_fixed(&element, &attributes);
        LazyField { element, editing: false, editable: true, label, field }
    }

    /// A value the schedule computes, shown as text.
    fn computed(parent: &web_sys::Element, field: Field) -> Self {
        let element = child(parent, "span", "task-grid__computed");
        LazyField { element, editing: false, editable: false, label: String::new(), field }
    }

    fn show(&mut self, value: &str) {
        if self.editing {
            self.element.set_value(value);
        } else {
            self.element.set_text(value);
        }
        if self.editable && !self.editing {
            let name = if value.is_empty() { self.label.clone() } else { format!("{}: {value}", self.label) };
            self.element.set_attr("aria-label", &name);
        }
    }

    /// Puts the input in the box's place, with the value; returns it, to be focused.
    fn edit(&mut self, value: &str) -> Option<web_sys::Element> {
        if !self.editable || self.editing {
            return None;
        }
        let look = self.field.look();
        let input = Kept::new("input", &format!("input task-grid__input task-grid__input--{look}"), false);
        let (input_mode, placeholder) = self.field.hints();
        set_fixed(
            &input,
            &[
                ("type", "text"),
                ("aria-label", &self.label),
                ("data-label", &self.label),
                ("data-field", self.field.key()),
                ("inputmode", input_mode),
                ("placeholder", placeholder),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
            ],
        );
        let _ = self.element.replace_with_with_node_1(&input);
        self.element = input;
        self.editing = true;
        self.show(value);
        Some(self.element.element.clone())
    }
}

/// Appends a new child element to `parent`.
fn child(parent: &web_sys::Element, tag: &str, class: &str) -> Kept {
    Kept::child(parent, tag, class)
}

/// What a row's button does, named by its `data-action` for the grid's click listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowAction {
    /// Show or hide a summary's subtasks.
    Toggle,
    Subtask,
    Indent,
    Outdent,
    Up,
    Down,
    Delete,
}

impl Action for RowAction {
    const ATTRIBUTE: &'static str = "data-action";
    const ALL: &'static [Self] = &[
        RowAction::Toggle,
        RowAction::Subtask,
        RowAction::Indent,
        RowAction::Outdent,
        RowAction::Up,
        RowAction::Down,
        RowAction::Delete,
    ];

    fn as_str(self) -> &'static str {
        match self {
            RowAction::Toggle => "toggle",
            RowAction::Subtask => "subtask",
            RowAction::Indent => "indent",
            RowAction::Outdent => "outdent",
            RowAction::Up => "up",
            RowAction::Down => "down",
            RowAction::Delete => "delete",
        }
    }
}

impl RowAction {
    /// Does it to the row's task.
    fn act(self, context: PlanContext, id: TaskId) {
        match self {
            RowAction::Toggle => context.toggle_collapsed(&id),
            RowAction::Subtask => add_task(context, TaskKind::Task, Placement::Under(id)),
            RowAction::Indent => indent(context, &id),
            RowAction::Outdent => outdent(context, &id),
            RowAction::Up => move_among_siblings(context, &id, true),
            RowAction::Down => move_among_siblings(context, &id, false),
            RowAction::Delete => remove_task(context, &id),
        }
    }
}

/// The buttons of a row's actions cell: action, text, tooltip, accessible name.
fn action_buttons(id: &str, milestone: bool) -> Vec<(RowAction, &'static str, &'static str, String)> {
    let label = |what: &str| format!("{what} {id}");
    let mut buttons = vec![
        (RowAction::Subtask, "+", "Add a subtask", label("Add a subtask to")),
        (RowAction::Indent, "→", "Indent (make it a subtask of the task above)", label("Indent")),
        (RowAction::Outdent, "←", "Outdent", label("Outdent")),
        (RowAction::Up, "↑", "Move up", format!("Move {id} up")),
        (RowAction::Down, "↓", "Move down", format!("Move {id} down")),
        (RowAction::Delete, "✕", "Delete (Ctrl+Z brings it back)", label("Delete")),
    ];
    if milestone {
        buttons.remove(0);
    }
    buttons
}

/// A row's name cell: the summary's toggle, the milestone's diamond and the name's input;
/// returns the cell, its box, the toggle and the input.
fn name_cell(tr: &web_sys::Element, row: &TaskRow) -> (Kept, Kept, Option<Kept>, Kept) {
    let id = row.id.as_str();
    let name_td = child(tr, "td", "task-grid__name");
    let name_cell = child(&name_td, "div", "task-grid__name-cell");
    let toggle = row.summary.then(|| {
        let toggle = child(&name_cell, "button", "icon-button task-grid__toggle");
        set_fixed(&toggle, &[("type", "button")]);
        RowAction::Toggle.mark(&toggle);
        toggle
    });
    if row.milestone {
        let diamond = child(&name_cell, "span", "task-grid__diamond");
        set_fixed(&diamond, &[("aria-label", "Milestone"), ("title", "Milestone")]);
        diamond.set_text_content(Some("◆"));
    }
    let name_class = if row.summary { "input input--bare input--strong" } else { "input input--bare" };
    let name = child(&name_cell, "input", name_class);
    let name_label = format!("Name of {id}");
    let attributes =
        [("type", "text"), ("aria-label", &name_label), ("data-field", Field::Name.key()), ("data-task-name", id)];
    set_fixed(&name, &attributes);
    (name_td, name_cell, toggle, name)
}

/// A row's actions cell with its buttons (a milestone has no "add a subtask").
fn actions_cell(tr: &web_sys::Element, row: &TaskRow) {
    let actions = child(tr, "td", "table__actions");
    if row.milestone {
        let placeholder = child(&actions, "span", "icon-button icon-button--placeholder");
        let _ = placeholder.set_attribute("aria-hidden", "true");
    }
    for (action, text, title, label) in action_buttons(row.id.as_str(), row.milestone) {
        let class = if action == RowAction::Delete { "icon-button icon-button--danger" } else { "icon-button" };
        let button = child(&actions, "button", class);
        set_fixed(&button, &[("type", "button"), ("title", title), ("aria-label", &label)]);
        action.mark(&button);
        button.set_text_content(Some(text));
    }
}

impl KeyedRow for GridRowNodes {
    type Item = TaskRow;
    type Key = TaskId;

    fn key(row: &TaskRow) -> &TaskId {
        &row.id
    }

    fn new(row: &TaskRow) -> Self {
        GridRowNodes::build(row)
    }

    /// A task that became a summary or a milestone gets the cells of its kind.
    fn fits(&self, row: &TaskRow) -> bool {
        self.kind == (row.summary, row.milestone)
    }

    fn remove(&self) {
        self.row.remove();
    }
}

impl GridRowNodes {
    fn build(row: &TaskRow) -> Self {
        let id = row.id.as_str();
        let label = |what: &str| format!("{what} {id}");
        let tr = Kept::new("tr", "", false);
        set_fixed(&tr, &[("data-testid", "task-row"), ("data-task-id", id)]);
        let wbs = child(&tr, "td", "table__id");
        child(&tr, "td", "table__id").set_text_content(Some(id));
        let (name_td, name_cell, toggle, name) = name_cell(&tr, row);
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
        // Float and variance next to the finish they are about, in view beside the chart.
        let float = child(&tr, "td", "");
        let variance = child(&tr, "td", "");
        let predecessors =
            LazyField::new(&child(&tr, "td", "task-grid__predecessors"), Field::Predecessors, label("Predecessors of"));
        let constraint_cell = child(&tr, "td", "task-grid__constraint");
        let constraint = LazyField::new(&constraint_cell, Field::Constraint, label("Constraint of"));
        let deadline_cell = child(&tr, "td", "");
        let deadline = LazyField::new(&deadline_cell, Field::Deadline, label("Deadline of"));
        let progress = number(&child(&tr, "td", ""), Field::Progress, "Progress of", !row.summary);
        actions_cell(&tr, row);
        GridRowNodes {
            kind: (row.summary, row.milestone),
            shown: None,
            row: tr,
            wbs,
            name_td,
            name_cell,
            toggle,
            name,
            duration,
            start,
            finish,
            constraint_cell,
            conflict: None,
            constraint,
            deadline_cell,
            deadline,
            progress,
            float,
            variance,
            predecessors,
        }
    }

    /// Brings the row's elements to `row`, writing only what changed.
    fn update(&mut self, row: &TaskRow, selected: bool, frozen: &FrozenStyles) {
        self.row.set_attr("aria-selected", if selected { "true" } else { "false" });
        self.row.set_class(&format!(
            "task-grid__row{}{}{}{}{}",
            if row.summary { " task-grid__row--summary" } else { "" },
            if selected { " task-grid__row--selected" } else { "" },
            if row.milestone { " task-grid__row--milestone" } else { "" },
            if row.critical { " task-grid__row--critical" } else { "" },
            if row.conflict.is_some() { " task-grid__row--conflict" } else { "" }
        ));
        self.name_td.set_style(&frozen.name);
        if self.shown.as_ref() == Some(row) {
            return;
        }
        // The row's place, level and state, for assistive technology (the header is row 1).
        self.row.set_attr("aria-rowindex", &(row.place + 2).to_string());
        self.row.set_attr("aria-level", &(row.depth + 1).to_string());
        if row.summary {
            self.row.set_attr("aria-expanded", if row.collapsed { "false" } else { "true" });
        }
        self.wbs.set_text(&row.wbs);
        self.name_cell.set_style(&format!("padding-left: calc({} * 1.25rem)", row.depth));
        if let Some(toggle) = &mut self.toggle {
            let label = format!("{} the subtasks of {}", if row.collapsed { "Show" } else { "Hide" }, row.id);
            toggle.set_attr("aria-label", &label);
            toggle.set_title(&label);
            toggle.set_attr("aria-expanded", if row.collapsed { "false" } else { "true" });
            toggle.set_text(if row.collapsed { "▸" } else { "▾" });
        }
        self.name.set_value(&row.name);
        self.duration.show(&row.duration.to_string());
        self.start.set_text(&row.start);
        self.finish.set_text(&row.finish);
        self.update_constraint(row);
        self.deadline_cell.set_class(if row.deadline_missed { "task-grid__missed" } else { "" });
        self.deadline_cell.set_title(if row.deadline_missed {
            "The schedule finishes after this deadline"
        } else {
            ""
        });
        self.deadline.show(&row.deadline);
        self.progress.show(&row.progress.to_string());
        self.update_float(row);
        self.predecessors.show(&row.predecessors);
        self.shown = Some(row.clone());
    }

    /// The constraint, with a mark naming what makes it impossible when the links do.
    fn update_constraint(&mut self, row: &TaskRow) {
        self.constraint.show(&row.constraint);
        let cell = &self.constraint_cell;
        if let Some(mark) = optional(&mut self.conflict, row.conflict.is_some(), || {
            let mark = Kept::new("span", "task-grid__conflict", false)
                .with(&[("role", "img"), ("data-conflict", row.id.as_str())]);
            mark.set_text_content(Some("⚠"));
            let _ = cell.prepend_with_node_1(&mark);
            mark
        }) {
            let said = format!("Cannot be met: {}", row.conflict.as_deref().unwrap_or_default());
            mark.set_attr("aria-label", &said);
            mark.set_title(&said);
        }
    }

    fn update_float(&mut self, row: &TaskRow) {
        let class = match (row.float < 0, row.critical) {
            (true, _) => "task-grid__float task-grid__float--negative",
            (false, true) => "task-grid__float task-grid__float--critical",
            _ => "task-grid__float",
        };
        self.float.set_class(class);
        let title = match row.float {
            days if days < 0 => format!(
                "{} working day{} late against a deadline or a no-later-than date: critical",
                -days,
                if days == -1 { "" } else { "s" }
            ),
            _ if row.critical => "On the critical path".to_string(),
            _ => String::new(),
        };
        self.float.set_title(&title);
        self.float.set_text(&signed_days(row.float));
        let late = row.variance.is_some_and(|days| days > 0);
        self.variance.set_class(if late {
            "task-grid__variance task-grid__variance--late"
        } else {
            "task-grid__variance"
        });
        let variance = match row.variance {
            None => String::new(),
            Some(days) if days > 0 => format!("+{days}"),
            Some(days) => signed_days(days),
        };
        self.variance.set_text(&variance);
    }

    /// The row's field of this kind, to edit.
    fn lazy_field(&mut self, field: Field) -> Option<&mut LazyField> {
        match field {
            Field::Duration => Some(&mut self.duration),
            Field::Constraint => Some(&mut self.constraint),
            Field::Deadline => Some(&mut self.deadline),
            Field::Progress => Some(&mut self.progress),
            Field::Predecessors => Some(&mut self.predecessors),
            Field::Name => None,
        }
    }
}

/// Where the caret goes in a field focused for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caret {
    /// The whole value selected: typing replaces it (a new task's placeholder name).
    SelectAll,
    /// After the value: typing adds to it (Enter on the chart, to edit a name).
    End,
}

/// A name field to focus once its row is drawn.
struct FocusRequest {
    task: TaskId,
    caret: Caret,
    /// Drawings left before the request lapses (the row may never be drawn: a task
    /// hidden in a collapsed summary).
    drawings_left: u8,
}

thread_local! {
    /// The name to focus at the grid's next drawings. The grid is one per page and its
    /// drawing runs in the same turn as the edit that asked (the reactive system's
    /// effects run before the browser's next event), so the keys typed right after "Add
    /// task" all reach the new name: none is lost to a wait for a frame.
    static FOCUS_REQUEST: RefCell<Option<FocusRequest>> = const { RefCell::new(None) };
}

/// Asks the grid to focus a task's name when it next draws the task's row.
pub fn focus_name_when_drawn(task: TaskId, caret: Caret) {
    FOCUS_REQUEST.with_borrow_mut(|request| *request = Some(FocusRequest { task, caret, drawings_left: 4 }));
}

/// Focuses the name asked for if its row is drawn, or counts the request down.
fn focus_requested_name(rows: &KeyedList<GridRowNodes>) {
    let asked = FOCUS_REQUEST.with_borrow_mut(|request| {
        let asked = request.as_mut()?;
        match rows.get(&asked.task) {
            Some(nodes) => {
                let caret = asked.caret;
                *request = None;
                Some((nodes.name.element.clone(), caret))
            }
            None => {
                asked.drawings_left = asked.drawings_left.saturating_sub(1);
                if asked.drawings_left == 0 {
                    *request = None;
                }
                None
            }
        }
    });
    if let Some((name, caret)) = asked {
        focus_input(&name, caret);
    }
}

/// Focuses an input and places the caret.
pub fn focus_input(input: &web_sys::Element, caret: Caret) {
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    let _ = input.focus();
    match caret {
        Caret::SelectAll => input.select(),
        Caret::End => {
            let end = input.value().encode_utf16().count() as u32;
            let _ = input.set_selection_range(end, end);
        }
    }
}

/// The grid body's drawn rows, kept between drawings, and the spacers that stand for the
/// rows not drawn above and below, so the scroll height stays true.
pub struct GridNodes {
    rows: KeyedList<GridRowNodes>,
    spacers: [Kept; 2],
    /// The frozen cells' styles: moved by the pane's measured shifts.
    frozen: FrozenStyles,
}

/// The style that keeps a row's name cell in view (`grid_pane.rs` measures).
#[derive(Default)]
struct FrozenStyles {
    name: String,
}

impl GridNodes {
    /// A grid with nothing drawn yet.
    pub fn new() -> Self {
        let spacer = || {
            let spacer = Kept::new("tr", "task-grid__spacer", false);
            let _ = spacer.set_attribute("aria-hidden", "true");
            spacer
        };
        GridNodes { rows: KeyedList::default(), spacers: [spacer(), spacer()], frozen: FrozenStyles::default() }
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
        let frozen = &self.frozen;
        self.rows.draw(&[body], rows, |nodes, row| nodes.update(row, selected == Some(&row.id), frozen));

        let [above, below] = &mut self.spacers;
        above.set_style(&format!("height: {}", px(window.first as f64 * ROW_HEIGHT)));
        let rows_below = count - window.end.min(count);
        below.set_style(&format!("height: {}", px(rows_below as f64 * ROW_HEIGHT)));
        // Moving a row takes the focus from the field or button in it (a row moved up or
        // down by its own button): it goes back there.
        let focused = document().active_element().filter(|active| body.contains(Some(active)));
        let drawn = self.rows.in_order(rows).map(|nodes| &nodes.row.element);
        place(body, std::iter::once(&above.element).chain(drawn).chain(std::iter::once(&below.element)));
        if let Some(focused) = focused.filter(|focused| focused.is_connected()) {
            if document().active_element().as_ref() != Some(&focused) {
                let _ = focused.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
        focus_requested_name(&self.rows);
        hide_refusal_of_removed_field(body);
    }

    /// Turns a drawn row's field not yet used into its input; returns the input.
    fn edit_field(&mut self, id: &TaskId, field: Field) -> Option<web_sys::Element> {
        let nodes = self.rows.get_mut(id)?;
        let value = nodes.shown.as_ref().map(|row| field.value(row)).unwrap_or_default();
        nodes.lazy_field(field)?.edit(&value)
    }

    /// Moves every drawn row's name cell by the pane's measured shift.
    pub fn shift_frozen(&mut self, name_style: &str) {
        self.frozen = FrozenStyles { name: name_style.to_string() };
        for nodes in self.rows.rows_mut() {
            nodes.name_td.set_style(name_style);
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

/// The message under a refused field of the grid that holds `inside`.
fn refusal_message(inside: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    let area = inside.closest(".grid-scroll").ok().flatten()?;
    area.query_selector(".task-grid__refusal").ok().flatten().map(JsCast::unchecked_into)
}

/// Marks the grid's element whose edit was refused: a field, or a row's button.
const REFUSED: &str = "data-refused";

/// Shows why an edit was refused under the field or button it came from, in the grid's
/// scroll area, so nothing above it moves; a field keeps the typed text and is marked
/// invalid. An element refused before (the grid explains one at a time) is set back.
fn show_refusal(element: &web_sys::Element, message: &str) {
    let Some(note) = refusal_message(element) else { return };
    let Some(grid) = note.parent_element() else { return };
    if let Some(earlier) = grid.query_selector("[data-refused]").ok().flatten() {
        if !earlier.is_same_node(Some(element)) {
            set_back(&earlier);
        }
    }
    let _ = element.set_attribute(REFUSED, "");
    if element.has_attribute("data-field") {
        let _ = element.set_attribute("aria-invalid", "true");
    }
    let _ = element.set_attribute("aria-describedby", REFUSAL_MESSAGE_ID);
    note.set_text_content(Some(message));
    note.set_hidden(false);
    // Under the element, in the scroll area's coordinates (above it on the last visible
    // row), and within the area's width.
    let (area, field) = (grid.get_bounding_client_rect(), element.get_bounding_client_rect());
    let height = f64::from(note.offset_height());
    let below = field.bottom() + height + 4.0 <= area.bottom();
    let top = if below { field.bottom() - area.top() + 2.0 } else { field.top() - area.top() - height - 2.0 };
    let left = (field.left() - area.left()).min(area.width() - f64::from(note.offset_width()) - 4.0).max(0.0);
    let style =
        format!("top:{};left:{}", px(top + f64::from(grid.scroll_top())), px(left + f64::from(grid.scroll_left())));
    let _ = note.set_attribute("style", &style);
}

/// Puts the plan's value back in a refused field and forgets the refusal.
fn set_back(element: &web_sys::Element) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(&input.default_value());
    }
    forget_refusal(element);
}

/// The element's edit is no longer refused (committed, set back, or another action).
fn forget_refusal(element: &web_sys::Element) {
    if element.has_attribute(REFUSED) {
        for attribute in [REFUSED, "aria-invalid", "aria-describedby"] {
            let _ = element.remove_attribute(attribute);
        }
        if let Some(note) = refusal_message(element) {
            note.set_hidden(true);
        }
    }
}

/// Hides the message when the refused field's row left the drawn rows.
fn hide_refusal_of_removed_field(body: &web_sys::Element) {
    if let Some(note) = refusal_message(body).filter(|note| !note.hidden()) {
        if body.query_selector("[data-refused]").ok().flatten().is_none() {
            note.set_hidden(true);
        }
    }
}

/// Commits what was typed into a field: nothing when it holds the plan's value, which is
/// the input's default value (`Kept::set`), so a field commits once however many of
/// Enter, `change` and leaving it follow. A refused edit keeps the typed text.
fn commit(context: PlanContext, input: &web_sys::Element) {
    let (Some(field), Some(id)) = (Field::of(input, "data-field"), task_of(input)) else { return };
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    let text = input.value();
    if text == input.default_value() {
        forget_refusal(input);
        return;
    }
    match field.commit(context, &id, text.clone()) {
        Ok(()) => {
            // The plan has it now; the next drawing writes the value as the plan keeps it.
            input.set_default_value(&text);
            forget_refusal(input);
        }
        Err(message) => show_refusal(input, &message),
    }
}

/// Puts the plan's value back in a field, committing nothing.
fn cancel(input: &web_sys::Element) {
    if Field::of(input, "data-field").is_some() {
        let input: &web_sys::HtmlInputElement = input.unchecked_ref();
        input.set_value(&input.default_value());
        forget_refusal(input);
    }
}

/// A row's button action; a refusal ("T4 is already first among its siblings") is said
/// under the button, not in the page's notice at the top.
fn act_from_button(context: PlanContext, button: &web_sys::Element, act: impl FnOnce()) {
    let shown = context.session.notice.get_untracked();
    act();
    let now = context.session.notice.get_untracked().filter(|notice| notice.is_error && Some(notice) != shown.as_ref());
    if let Some(refusal) = now {
        context.session.notice.set(shown);
        if button.is_connected() {
            show_refusal(button, &refusal.text);
        }
    }
}

/// A field's `change` and leaving it (`focusout`, which bubbles) commit it.
pub fn on_commit_event<E: AsRef<web_sys::Event>>(context: PlanContext) -> impl Fn(E) {
    move |event| {
        if let Some(input) = event_element(event.as_ref()) {
            commit(context, &input);
        }
    }
}

/// Enter commits a field; Escape puts the plan's value back (the grid's scroll area then
/// takes the focus back to the chart). Enter keeps its default: the `change` the browser
/// then fires commits nothing more (the field holds the plan's value), and tells the
/// header's save state that the text is no longer in progress (`typing.rs`).
///
/// The arrow keys move between cells as in a spreadsheet: up and down to the same field of
/// the nearest row above or below that has it, left and right (from the text's first or last character) to the
/// row's field before or after. Leaving a field commits it, as Tab does.
pub fn on_key(context: PlanContext) -> impl Fn(web_sys::KeyboardEvent) {
    move |event| {
        let Some(input) = event_element(&event) else { return };
        match event.key().as_str() {
            "Enter" => commit(context, &input),
            "Escape" => cancel(&input),
            key @ ("ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight") => {
                let modified = event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key();
                if let Some(next) = (!modified).then(|| neighbour_field(&input, key)).flatten() {
                    event.prevent_default();
                    let _ = next.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }
            _ => {}
        }
    }
}

/// A row's fields: the name and each field, a box not yet used or its input.
const ROW_FIELDS: &str = "[data-field], [data-lazy-field]";

/// The field an arrow key moves to from `from`, if any.
fn neighbour_field(from: &web_sys::Element, key: &str) -> Option<web_sys::Element> {
    let row = from.closest("tr").ok()??;
    let field = from.get_attribute("data-field").or_else(|| from.get_attribute("data-lazy-field"))?;
    match key {
        "ArrowUp" | "ArrowDown" => {
            // The nearest row above or below that has the field (a summary has no duration
            // to type, for one).
            let next = |row: &web_sys::Element| {
                if key == "ArrowDown" {
                    row.next_element_sibling()
                } else {
                    row.previous_element_sibling()
                }
            };
            let selector = format!("[data-field={field}], [data-lazy-field={field}]");
            std::iter::successors(next(&row), next).find_map(|other| other.query_selector(&selector).ok().flatten())
        }
        _ => {
            let forward = key == "ArrowRight";
            if !caret_at_edge(from, forward) {
                return None;
            }
            let fields = row.query_selector_all(ROW_FIELDS).ok()?;
            // Those of hidden columns are left out.
            let fields: Vec<web_sys::HtmlElement> = (0..fields.length())
                .filter_map(|index| fields.item(index)?.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|field| field.offset_width() > 0)
                .collect();
            let at = fields.iter().position(|element| element.unchecked_ref::<web_sys::Element>() == from)?;
            let next = if forward { at.checked_add(1) } else { at.checked_sub(1) }?;
            fields.get(next).map(|field| field.clone().into())
        }
    }
}

/// Whether the caret of a text field is at its end (`forward`) or start, with nothing
/// selected; a box not yet used has no caret.
fn caret_at_edge(element: &web_sys::Element, forward: bool) -> bool {
    let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() else { return true };
    let (start, end) = (input.selection_start().ok().flatten(), input.selection_end().ok().flatten());
    let length = input.value().encode_utf16().count() as u32;
    // A field reached by Tab has its whole value selected: the first arrow puts the caret
    // at that edge, as it does in any text field, and the next one leaves.
    match (start, end) {
        (Some(start), Some(end)) if start == end => {
            if forward {
                end == length
            } else {
                start == 0
            }
        }
        _ => false,
    }
}

/// A field not yet used becomes its input, focused with its value selected, as a plain
/// field reached by Tab is. The focus moves after the event that asked for it: focusing
/// inside a `focusin` listener would start a second `focusin` while the first is still
/// being handled, which the listener's closure refuses ("closure invoked recursively").
fn edit_field(nodes: StoredValue<GridNodes, LocalStorage>, target: &web_sys::Element) {
    if let (Some(field), Some(id)) = (Field::of(target, "data-lazy-field"), task_of(target)) {
        if let Some(input) = nodes.try_update_value(|nodes| nodes.edit_field(&id, field)).flatten() {
            leptos::task::spawn_local(async move { focus_input(&input, Caret::SelectAll) });
        }
    }
}

/// A press on a field not yet used makes it its input at once, selected (as Tab does),
/// instead of focusing the box the input replaces.
pub fn on_press(nodes: StoredValue<GridNodes, LocalStorage>) -> impl Fn(web_sys::MouseEvent) {
    move |event| {
        let Some(target) = event_element(&event) else { return };
        if event.button() == 0 && target.has_attribute("data-lazy-field") {
            event.prevent_default();
            edit_field(nodes, &target);
        }
    }
}

/// A row's buttons: show or hide subtasks, add a subtask, indent, outdent, move, delete;
/// a click elsewhere in the row selects its task; and its fields not yet used (a click that no press came before, from assistive
/// technology).
pub fn on_click(context: PlanContext, nodes: StoredValue<GridNodes, LocalStorage>) -> impl Fn(web_sys::MouseEvent) {
    move |event| {
        let Some(target) = event_element(&event) else { return };
        edit_field(nodes, &target);
        // A button's refusal lasts until the next click.
        let refused_button = target
            .closest("tbody")
            .ok()
            .flatten()
            .and_then(|body| body.query_selector("button[data-refused]").ok().flatten());
        if let Some(refused) = refused_button {
            forget_refusal(&refused);
        }
        let Some((action, button)) = RowAction::closest(&target) else {
            // A click elsewhere in a row (its id, its dates) selects its task.
            if let Some(id) = task_of(&target) {
                if context.view.selected_task.get_untracked().as_ref() != Some(&id) {
                    context.view.selected_task.set(Some(id));
                }
            }
            return;
        };
        let Some(id) = task_of(&button) else { return };
        act_from_button(context, &button, || action.act(context, id));
    }
}

/// A field or button of a row taking the focus selects its task; a field not yet used
/// becomes its input.
pub fn on_focus(context: PlanContext, nodes: StoredValue<GridNodes, LocalStorage>) -> impl Fn(web_sys::FocusEvent) {
    move |event| {
        let Some(target) = event_element(&event) else { return };
        let Some(id) = task_of(&target) else { return };
        if context.view.selected_task.get_untracked().as_ref() != Some(&id) {
            context.view.selected_task.set(Some(id));
        }
        edit_field(nodes, &target);
    }
}
