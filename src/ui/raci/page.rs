//! The RACI view: the plan's tasks by its people, one role per cell, checked live
//! against the plan and its schedule (`model::raci`). Rows are drawn only in view, so
//! 2,000 tasks by 100 people stays quick.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::raci::{check_with_elsewhere, check_with_load, RaciReport, ResponsibleElsewhere, Severity};
use crate::chart::RowWindow;
use crate::model::raci::{
    cell_key_action, next_role, person_heading, team_columns, CellKeyAction, RaciMatrix, ROLE_CHOICES,
};
use crate::model::{Command, PersonId, RaciRole, TaskId, TaskKind};
use crate::ui::state::{use_plan, Notice, PlanContext};
use crate::ui::widgets::{focus_when_drawn, parse_number, px, CommitInput};

/// Height of a matrix row in pixels (CSS sets the same).
const ROW_HEIGHT: f64 = 34.0;
/// The matrix's scroll area is at most this tall (CSS `max-height`).
const VIEW_HEIGHT: f64 = 600.0;
const ROW_BUFFER: usize = 10;

/// Which rows the matrix shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RowFilter {
    All,
    Milestones,
    /// Tasks with an error or a warning.
    Problems,
    /// One top-level workstream and everything under it.
    Workstream(TaskId),
}

impl RowFilter {
    fn value(&self) -> String {
        match self {
            RowFilter::All => "all".into(),
            RowFilter::Milestones => "milestones".into(),
            RowFilter::Problems => "problems".into(),
            RowFilter::Workstream(id) => format!("stream:{id}"),
        }
    }

    fn from_value(value: &str) -> Self {
        match value {
            "milestones" => RowFilter::Milestones,
            "problems" => RowFilter::Problems,
            _ => value.strip_prefix("stream:").map_or(RowFilter::All, |id| RowFilter::Workstream(TaskId(id.into()))),
        }
    }
}

/// Why a summary row's cells take no role.
const SUMMARY_REFUSAL: &str =
    "summary rows show their subtasks' roles and cannot be edited: set the roles on the subtasks";

/// Where the role menu is open: the cell it was opened on, its place in the scroll
/// area, and what it is for.
#[derive(Clone, Debug, PartialEq)]
struct MenuAt {
    cell: (usize, usize),
    /// The matrix's focused cell, which takes the keyboard focus back when it closes.
    focused: (usize, usize),
    top: f64,
    left: f64,
    /// The focused cell's role, marked in the menu.
    current: Option<RaciRole>,
    /// The menu's accessible name: which cell or how many cells it sets.
    label: String,
}

/// One drawn row of the matrix; rows are redrawn only when this changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct MatrixRow {
    /// Position among the rows shown (the filter's result).
    position: usize,
    id: TaskId,
    wbs: String,
    depth: usize,
    name: String,
    summary: bool,
    /// Whether its subtasks are hidden (shared with the timeline).
    collapsed: bool,
    milestone: bool,
    /// The row's worst problem, if any.
    severity: Option<Severity>,
    /// Its problems, one per line.
    problems: String,
    /// Per column: the letters shown and whether the cell is part of a problem.
    cells: Vec<(&'static str, bool)>,
}

/// Everything the view derives from the plan at once.
#[derive(Clone, Debug, PartialEq)]
struct Derived {
    report: RaciReport,
    matrix: RaciMatrix,
    /// People by column: indices into `plan.people`.
    columns: Vec<usize>,
    /// Team name and how many columns it spans.
    teams: Vec<(String, usize)>,
    /// The outline rows shown (the filter's result), in outline order.
    shown: Vec<crate::model::outline::OutlineRow>,
    /// Whether the schedule could be computed (the overload check needs it).
    scheduled: bool,
}

/// The matrix's state, shared by the parts of the page: what it shows, the focused cell
/// and the selected range, and the open role menu.
#[derive(Clone, Copy)]
struct Matrix {
    context: PlanContext,
    filter: RwSignal<RowFilter>,
    derived: Memo<Derived>,
    // The focused cell and the other corner of the selected range: (row position, column).
    focus: RwSignal<Option<(usize, usize)>>,
    anchor: RwSignal<Option<(usize, usize)>>,
    // Set when the focus entered the matrix on a cell (by Tab, or by the press of the
    // click that follows), so that click selects the cell rather than opening its menu.
    entered: RwSignal<bool>,
    menu: RwSignal<Option<MenuAt>>,
    // Whether the menu was open when the button went down: that press closes it (the
    // focus leaves it), and its click must not open it again.
    press_closes_menu: RwSignal<bool>,
}

impl Matrix {
    fn new(context: PlanContext) -> Self {
        let filter = RwSignal::new(RowFilter::All);
        let elsewhere = context.derived.elsewhere;
        let derived = Memo::new(move |_| derive(context, &filter.get(), elsewhere.get().as_deref()));
        Matrix {
            context,
            filter,
            derived,
            focus: RwSignal::new(None),
            anchor: RwSignal::new(None),
            entered: RwSignal::new(false),
            menu: RwSignal::new(None),
            press_closes_menu: RwSignal::new(false),
        }
    }

    fn shown_count(self) -> usize {
        self.derived.with(|derived| derived.shown.len())
    }

    fn column_count(self) -> usize {
        self.derived.with(|derived| derived.columns.len())
    }

    /// The task and person under a cell position.
    fn cell_ids(self, (row, column): (usize, usize)) -> Option<(TaskId, PersonId, bool)> {
        self.context.document.plan.with_untracked(|plan| {
            self.derived.with_untracked(|derived| {
                let index = derived.shown.get(row)?.index;
                let person = *derived.columns.get(column)?;
                let summary = derived.matrix.is_summary(index);
                Some((plan.tasks[index].id.clone(), plan.people[person].id.clone(), summary))
            })
        })
    }

    fn selected_range(self) -> Option<((usize, usize), (usize, usize))> {
        let focus = self.focus.get()?;
        let anchor = self.anchor.get().unwrap_or(focus);
        Some(((focus.0.min(anchor.0), focus.1.min(anchor.1)), (focus.0.max(anchor.0), focus.1.max(anchor.1))))
    }

    fn move_focus(self, to: (usize, usize), extend: bool) {
        self.focus.set(Some(to));
        if !extend {
            self.anchor.set(Some(to));
        }
        reveal_row(to.0);
        focus_when_drawn(format!("[data-testid=raci-matrix] [data-r='{}'][data-c='{}']", to.0, to.1), false);
    }

    /// Sets every editable cell of the selected range to `role`, as one undo step.
    fn fill(self, role: Option<RaciRole>) {
        let Some(((top, left), (bottom, right))) = self.selected_range() else { return };
        let mut commands = Vec::new();
        let mut summaries = 0;
        for row in top..=bottom {
            for column in left..=right {
                match self.cell_ids((row, column)) {
                    Some((_, _, true)) => summaries += 1,
                    Some((task, person, false)) => commands.push(Command::SetRaci { task, person, role }),
                    None => {}
                }
            }
        }
        if commands.is_empty() {
            if summaries > 0 {
                self.context.refuse(SUMMARY_REFUSAL);
            }
            return;
        }
        let command = if commands.len() == 1 { commands.pop().expect("one command") } else { Command::Batch(commands) };
        let _ = self.context.dispatch(command);
        // The edited row is drawn anew: put the keyboard focus back on its cell.
        if let Some((row, column)) = self.focus.get_untracked() {
            focus_when_drawn(format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']"), false);
        }
    }

    fn current_role(self, (row, column): (usize, usize)) -> Option<RaciRole> {
        let (task, person, _) = self.cell_ids((row, column))?;
        self.context.document.plan.with_untracked(|plan| {
            plan.raci.iter().find(|cell| cell.task == task && cell.person == person).map(|cell| cell.role)
        })
    }

    /// Opens the role menu on a cell (it sets the whole selected range); summaries refuse.
    fn open_menu(self, cell: (usize, usize)) {
        match self.cell_ids(cell) {
            Some((_, _, true)) => self.context.refuse(SUMMARY_REFUSAL),
            Some((task, person, false)) => {
                let Some((top, left)) = menu_position(cell) else { return };
                let cells = self
                    .selected_range()
                    .map_or(1, |((top, left), (bottom, right))| (bottom - top + 1) * (right - left + 1));
                let label = if cells > 1 {
                    format!("Role of the {cells} selected cells")
                } else {
                    let name = self
                        .context
                        .document
                        .plan
                        .with_untracked(|plan| plan.person(person.as_str()).map(|person| person.name.clone()));
                    format!("Role of {task} for {}", name.unwrap_or_default())
                };
                let focused = self.focus.get_untracked().unwrap_or(cell);
                self.menu.set(Some(MenuAt { cell, focused, top, left, current: self.current_role(focused), label }));
            }
            None => {}
        }
    }

    fn on_key(self, event: web_sys::KeyboardEvent) {
        self.entered.set(false);
        let Some((row, column)) = self.focus.get_untracked() else { return };
        let (rows, columns) = (self.shown_count(), self.column_count());
        if rows == 0 || columns == 0 {
            return;
        }
        let extend = event.shift_key();
        let move_focus = |to| self.move_focus(to, extend);
        match event.key().to_ascii_lowercase().as_str() {
            "arrowup" => return keyed(&event, || move_focus((row.saturating_sub(1), column))),
            "arrowdown" => return keyed(&event, || move_focus(((row + 1).min(rows - 1), column))),
            "arrowleft" => return keyed(&event, || move_focus((row, column.saturating_sub(1)))),
            "arrowright" => return keyed(&event, || move_focus((row, (column + 1).min(columns - 1)))),
            "home" => return keyed(&event, || move_focus((row, 0))),
            "end" => return keyed(&event, || move_focus((row, columns - 1))),
            "f2" => return keyed(&event, || self.open_menu((row, column))),
            "f10" if extend => return keyed(&event, || self.open_menu((row, column))),
            _ => {}
        }
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        match cell_key_action(&event.key()) {
            Some(CellKeyAction::Set(role)) => keyed(&event, || self.fill(role)),
            Some(CellKeyAction::Step) => keyed(&event, || self.fill(next_role(self.current_role((row, column))))),
            None => {}
        }
    }

    fn on_cell_press(self) {
        self.press_closes_menu.set(self.menu.get_untracked().is_some());
    }

    /// A click selects a cell and never changes its role; a click on the selected cell
    /// opens the role menu; Shift+click selects a range.
    fn on_cell_click(self, event: web_sys::MouseEvent) {
        let Some(cell) = cell_at(&event) else { return };
        let just_entered = self.entered.get_untracked();
        let closing = self.press_closes_menu.get_untracked();
        self.entered.set(false);
        self.press_closes_menu.set(false);
        let selected_alone =
            self.focus.get_untracked() == Some(cell) && self.anchor.get_untracked().is_none_or(|corner| corner == cell);
        if event.shift_key() {
            self.move_focus(cell, true);
        } else if selected_alone && !just_entered && !closing {
            self.open_menu(cell);
        } else {
            self.move_focus(cell, false);
        }
    }

    /// Right-click (or the menu key) opens the menu on the cell, keeping a range it is in.
    fn on_cell_menu(self, event: web_sys::MouseEvent) {
        let Some(cell) = cell_at(&event) else { return };
        event.prevent_default();
        let in_range = self.selected_range().is_some_and(|((top, left), (bottom, right))| {
            (top..=bottom).contains(&cell.0) && (left..=right).contains(&cell.1)
        });
        if !in_range {
            self.move_focus(cell, false);
        }
        self.open_menu(cell);
    }

    /// Entering the matrix by Tab; keys and clicks set the focus themselves.
    fn on_focus_in(self, event: web_sys::FocusEvent) {
        let cell = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let read = |name: &str| {
            cell.as_ref().and_then(|cell| cell.get_attribute(name)).and_then(|value| value.parse::<usize>().ok())
        };
        if let (Some(row), Some(column), None) = (read("data-r"), read("data-c"), self.focus.get_untracked()) {
            self.focus.set(Some((row, column)));
            self.anchor.set(Some((row, column)));
            self.entered.set(true);
        }
    }

    fn choose_role(self, role: Option<RaciRole>) {
        self.menu.set(None);
        self.fill(role);
        back_to_focused_cell(self.focus);
    }

    /// Shows the cell of a problem: its task's row (shown by the filter and its summaries
    /// opened, if need be) and its person's column.
    fn go_to(self, task: Option<TaskId>, person: Option<PersonId>) {
        let Matrix { context, derived, focus, filter, .. } = self;
        let wanted = task.clone();
        let find = move || {
            context.document.plan.with_untracked(|plan| {
                derived.with_untracked(|derived| {
                    let row = match &wanted {
                        Some(id) => derived.shown.iter().position(|row| plan.tasks[row.index].id == *id)?,
                        None => focus.get_untracked().map_or(0, |(row, _)| row),
                    };
                    let column = person
                        .as_ref()
                        .and_then(|id| derived.columns.iter().position(|&index| plan.people[index].id == *id))
                        .unwrap_or(0);
                    Some((row, column))
                })
            })
        };
        if find().is_none() && filter.get_untracked() != RowFilter::All {
            filter.set(RowFilter::All);
        }
        if let (None, Some(id)) = (find(), &task) {
            // Inside a collapsed summary: open its summaries.
            let ancestors = context.document.plan.with_untracked(|plan| {
                let mut ancestors = Vec::new();
                let mut current = plan.task(id.as_str()).and_then(|task| task.parent.clone());
                while let Some(parent) = current {
                    current = plan.task(parent.as_str()).and_then(|task| task.parent.clone());
                    ancestors.push(parent);
                }
                ancestors
            });
            context.view.collapsed.update(|collapsed| {
                for ancestor in &ancestors {
                    collapsed.remove(ancestor);
                }
            });
        }
        match find() {
            Some(cell) => self.move_focus(cell, false),
            None => context.session.notice.set(Some(Notice::info(
                "That task is inside a collapsed summary: expand it on the timeline to see its row.",
            ))),
        }
    }
}

/// What the matrix shows for a filter: the checks' report, the roles, the columns by
/// team, and the rows the filter keeps.
fn derive(context: PlanContext, filter: &RowFilter, elsewhere: Option<&Vec<ResponsibleElsewhere>>) -> Derived {
    context.document.plan.with(|plan| {
        context.derived.schedule.with(|schedule| {
            let (report, scheduled) = match (schedule, elsewhere) {
                (Ok(schedule), Some(elsewhere)) => (check_with_elsewhere(plan, schedule, elsewhere), true),
                (Ok(schedule), None) => {
                    (context.derived.resource_load.with(|load| check_with_load(plan, schedule, load)), true)
                }
                (Err(_), _) => (RaciReport::default(), false),
            };
            let groups = team_columns(plan);
            let columns: Vec<usize> = groups.iter().flat_map(|group| group.people.iter().copied()).collect();
            let teams = groups.iter().map(|group| (group.team.clone(), group.people.len())).collect();
            let with_problems: std::collections::HashSet<&TaskId> =
                report.problems.iter().flat_map(problem_tasks).collect();
            let stream_of = top_level_ancestors(plan);
            let shown = context.derived.outline.with(|rows| {
                rows.iter()
                    .filter(|row| {
                        let index = row.index;
                        let task = &plan.tasks[index];
                        match filter {
                            RowFilter::All => true,
                            RowFilter::Milestones => task.kind == TaskKind::Milestone,
                            RowFilter::Problems => with_problems.contains(&task.id),
                            RowFilter::Workstream(id) => plan.tasks[stream_of[index]].id == *id,
                        }
                    })
                    .cloned()
                    .collect()
            });
            Derived { matrix: RaciMatrix::build(plan), report, columns, teams, shown, scheduled }
        })
    })
}

/// The rows of the window to draw, with their problems and cells.
fn matrix_rows(context: PlanContext, derived: &Derived, window: RowWindow) -> Vec<MatrixRow> {
    context.document.plan.with(|plan| {
        let matrix = &derived.matrix;
        (window.first..window.end.min(derived.shown.len()))
            .map(|position| {
                let shown = &derived.shown[position];
                let index = shown.index;
                let task = &plan.tasks[index];
                let problems: Vec<&crate::analysis::raci::RaciProblem> = derived.report.for_task(&task.id).collect();
                let mut flagged_people: Vec<&PersonId> = problems
                    .iter()
                    .flat_map(|problem| match &problem.kind {
                        crate::analysis::raci::RaciProblemKind::SeveralAccountable { people } => {
                            people.iter().collect()
                        }
                        _ => problem.person.iter().collect::<Vec<_>>(),
                    })
                    .collect();
                // A person overloaded on this task's days: their cell here is in question.
                flagged_people.extend(derived.report.problems.iter().filter_map(|problem| match &problem.kind {
                    crate::analysis::raci::RaciProblemKind::Overloaded { tasks, .. } if tasks.contains(&task.id) => {
                        problem.person.as_ref()
                    }
                    _ => None,
                }));
                MatrixRow {
                    position,
                    id: task.id.clone(),
                    wbs: shown.wbs.clone(),
                    depth: shown.depth,
                    name: task.name.clone(),
                    summary: matrix.is_summary(index),
                    collapsed: context.view.collapsed.with(|collapsed| collapsed.contains(&task.id)),
                    milestone: task.kind == TaskKind::Milestone,
                    severity: problems.iter().map(|problem| problem.severity).min(),
                    problems: problems.iter().map(|problem| problem.message.as_str()).collect::<Vec<_>>().join("\n"),
                    cells: derived
                        .columns
                        .iter()
                        .map(|&person| {
                            let flagged = flagged_people.contains(&&plan.people[person].id);
                            (matrix.roles(index, person).label(), flagged)
                        })
                        .collect(),
                }
            })
            .collect::<Vec<_>>()
    })
}

#[component]
pub fn RaciPage() -> impl IntoView {
    let context = use_plan();
    let matrix = Matrix::new(context);
    let show_problems = RwSignal::new(true);
    let filter = matrix.filter;
    view! {
        <div class="page raci-page">
            <RaciToolbar matrix=matrix show_problems=show_problems/>
            <Show when=move || !matrix.derived.with(|derived| derived.scheduled)>
                <p class="banner banner--warning">"The plan cannot be scheduled, so overlapping work is not checked until that is fixed on the timeline."</p>
            </Show>
            <RaciProblems matrix=matrix show_problems=show_problems/>
            <p class="page__hint" data-testid="raci-hint">"A click selects a cell; a second click (or right-click, or F2) opens its menu of roles. With a cell selected: R, A, C, I set it, B sets A/R, Delete clears it, Space steps through the roles, arrows move, Shift+arrows or Shift+click select a range that one key or the menu fills. Summary rows show their subtasks' roles, greyed: set roles on the subtasks."</p>
            <MatrixTable matrix=matrix/>
            <Show when=move || matrix.shown_count() == 0>
                <p class="empty">{move || if filter.get() == RowFilter::All { "No tasks yet: add them on the timeline." } else { "No task matches this filter." }}</p>
            </Show>
            <details class="raci__people">
                <summary>"People: add, rename, change team, remove"</summary>
                <crate::ui::plan::PeopleCard/>
            </details>
        </div>
    }
}

/// The matrix's toolbar: the row filter, the problem counts (which show or hide the
/// list), the checks' two limits, the exports and Print.
#[component]
fn RaciToolbar(matrix: Matrix, show_problems: RwSignal<bool>) -> impl IntoView {
    let Matrix { context, filter, derived, .. } = matrix;
    let workstreams = move || {
        context.document.plan.with(|plan| {
            plan.tasks
                .iter()
                .filter(|task| {
                    task.parent.is_none() && plan.tasks.iter().any(|other| other.parent.as_ref() == Some(&task.id))
                })
                .map(|task| (task.id.clone(), task.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let settings_field = move |read: fn(&crate::model::PlanSettings) -> u32| {
        Signal::derive(move || context.document.plan.with(|plan| read(&plan.settings).to_string()))
    };
    let set_setting = move |text: String, name: &str, write: fn(&mut crate::model::PlanSettings, u32)| -> bool {
        let range = crate::model::PlanSettings::RANGE;
        match parse_number::<u32>(&text, name, *range.start(), *range.end()) {
            Ok(value) => {
                let mut settings = context.document.plan.with_untracked(|plan| plan.settings);
                write(&mut settings, value);
                context.dispatch(Command::SetSettings(settings)).is_ok()
            }
            Err(message) => {
                context.refuse(message);
                false
            }
        }
    };
    view! {
        <div class="toolbar raci__toolbar" role="toolbar" aria-label="RACI matrix">
            <label class="field field--inline">
                <span class="field__label">"Show"</span>
                <select class="input" data-testid="raci-filter" prop:value=move || filter.get().value()
                    on:change=move |event| {
                        filter.set(RowFilter::from_value(&event_target_value(&event)));
                        matrix.menu.set(None);
                        matrix.focus.set(None);
                        matrix.anchor.set(None);
                    }>
                    <option value="all">"All tasks"</option>
                    <option value="milestones">"Milestones"</option>
                    <option value="problems">"Tasks with problems"</option>
                    <optgroup label="Workstream">
                        {move || workstreams().into_iter().map(|(id, name)| view! {
                            <option value=format!("stream:{id}")>{format!("{id} {name}")}</option>
                        }).collect_view()}
                    </optgroup>
                </select>
            </label>
            <button type="button" class="button raci__counts" data-testid="raci-counts" aria-expanded=move || show_problems.get().to_string()
                on:click=move |_| show_problems.update(|open| *open = !*open)>
                <span class="raci__count raci__count--error">{move || plural(derived.with(|derived| derived.report.errors), "error")}</span>
                " · "
                <span class="raci__count raci__count--warning">{move || plural(derived.with(|derived| derived.report.warnings), "warning")}</span>
            </button>
            <label class="field field--inline" title="A person Responsible for more tasks than this on one day is flagged">
                <span class="field__label">"Overload above"</span>
                <CommitInput label="Overload threshold" kind="number" class="input--number" min="1" max="100"
                    value=settings_field(|settings| settings.overload_threshold)
                    on_commit=Callback::new(move |text: String| set_setting(text, "overload threshold", |settings, value| settings.overload_threshold = value))/>
            </label>
            <label class="field field--inline" title="A task with more Consulted people than this is flagged: slow decisions">
                <span class="field__label">"Consulted above"</span>
                <CommitInput label="Consulted limit" kind="number" class="input--number" min="1" max="100"
                    value=settings_field(|settings| settings.consulted_limit)
                    on_commit=Callback::new(move |text: String| set_setting(text, "consulted limit", |settings, value| settings.consulted_limit = value))/>
            </label>
            <crate::ui::widgets::CountWorkElsewhere label="Count their work in other plans" class="field field--inline"/>
            <span class="toolbar__spacer"></span>
            <button type="button" class="button" data-testid="raci-export-csv" on:click=move |_| export_matrix(context, false)>"Export CSV"</button>
            <button type="button" class="button" data-testid="raci-export-markdown" on:click=move |_| export_matrix(context, true)>"Export Markdown"</button>
            <crate::ui::services::print::PrintButton printout=crate::ui::services::print::Printout::Raci/>
        </div>
    }
}

/// Offers the matrix as a CSV or Markdown file.
fn export_matrix(context: PlanContext, markdown: bool) {
    let (text, name) = context.document.plan.with_untracked(|plan| {
        let stem = crate::file::file_name(plan).trim_end_matches(".plan.json").to_string();
        if markdown {
            (crate::file::raci_markdown(plan), format!("{stem}.raci.md"))
        } else {
            (crate::file::raci_csv(plan), format!("{stem}.raci.csv"))
        }
    });
    let mime = if markdown { "text/markdown" } else { "text/csv" };
    crate::ui::services::files::offer_download(context, &name, &text, mime);
}

/// The list of the checks' problems, each a link to its cell (hidden by the counts'
/// button).
#[component]
fn RaciProblems(matrix: Matrix, show_problems: RwSignal<bool>) -> impl IntoView {
    let derived = matrix.derived;
    view! {
        <Show when=move || show_problems.get() && derived.with(|derived| !derived.report.problems.is_empty())>
            <section class="raci__problems" data-testid="raci-problems" aria-label="RACI problems">
                <ul class="raci__problem-list">
                    {move || derived.with(|derived| derived.report.problems.iter().map(|problem| {
                        let (task, person) = (problem_tasks(problem).next().cloned(), problem.person.clone());
                        let class = if problem.severity == Severity::Error { "raci__problem-item raci__problem-item--error" } else { "raci__problem-item raci__problem-item--warning" };
                        view! {
                            <li class=class>
                                <button type="button" class="link-button" title="Show this cell" on:click=move |_| matrix.go_to(task.clone(), person.clone())>
                                    {problem.message.clone()}
                                </button>
                            </li>
                        }
                    }).collect_view())}
                </ul>
            </section>
        </Show>
    }
}

/// The matrix itself in its scroll area: the team and person headings, the rows in view
/// (with spacers for the others), the per-person counts, and the open role menu.
#[component]
fn MatrixTable(matrix: Matrix) -> impl IntoView {
    let Matrix { context, derived, focus, anchor, menu, .. } = matrix;
    let scroll_top = RwSignal::new(0.0f64);
    let window = Memo::new(move |_| {
        RowWindow::visible(
            derived.with(|derived| derived.shown.len()),
            ROW_HEIGHT,
            scroll_top.get(),
            VIEW_HEIGHT,
            ROW_BUFFER,
        )
    });
    let rows = Memo::new(move |_| {
        let window = window.get();
        derived.with(|derived| matrix_rows(context, derived, window))
    });
    let column_names = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            derived.with(|derived| {
                derived.columns.iter().map(|&person| plan.people[person].name.clone()).collect::<Vec<_>>()
            })
        })
    });
    let shown_count = move || matrix.shown_count();
    view! {
        <div class="raci-scroll" on:scroll=move |event| {
            let element: web_sys::Element = event_target(&event);
            scroll_top.set(element.scroll_top() as f64);
        }>
            <table class="table raci" data-testid="raci-matrix" role="grid" aria-rowcount=move || shown_count().to_string()
                on:keydown=move |event| matrix.on_key(event) on:mousedown=move |_| matrix.on_cell_press()
                on:click=move |event| matrix.on_cell_click(event) on:contextmenu=move |event| matrix.on_cell_menu(event)
                on:focusin=move |event| matrix.on_focus_in(event)>
                <MatrixHead matrix=matrix/>
                <tbody>
                    <tr class="raci__spacer" aria-hidden="true" style:height=move || px(window.get().first as f64 * ROW_HEIGHT)></tr>
                    <For each=move || rows.get() key=|row| row.clone() let:row>
                        <MatrixRowView row=row focus=focus anchor=anchor people=column_names/>
                    </For>
                    <tr class="raci__spacer" aria-hidden="true" style:height=move || px((shown_count() - window.get().end.min(shown_count())) as f64 * ROW_HEIGHT)></tr>
                </tbody>
                <MatrixFoot matrix=matrix/>
            </table>
            {move || menu.get().map(|at| view! {
                <RoleMenu at=at open=menu on_choose=Callback::new(move |role| matrix.choose_role(role))/>
            })}
        </div>
    }
}

/// The matrix's two heading rows: the teams, then their people.
#[component]
fn MatrixHead(matrix: Matrix) -> impl IntoView {
    let Matrix { context, derived, .. } = matrix;
    view! {
        <thead>
            <tr class="raci__teams">
                <th scope="col" class="raci__sticky raci__wbs" rowspan="2">"WBS"</th>
                <th scope="col" class="raci__sticky raci__task" rowspan="2">"Task"</th>
                {move || derived.with(|derived| derived.teams.iter().map(|(team, span)| view! {
                    <th scope="colgroup" class="raci__team" colspan=span.to_string()>{if team.is_empty() { "No team".to_string() } else { team.clone() }}</th>
                }).collect_view())}
            </tr>
            <tr>
                {move || context.document.plan.with(|plan| derived.with(|derived| derived.columns.iter().map(|&person| {
                    let person = &plan.people[person];
                    view! {
                        <th scope="col" class="raci__person" title=person_heading(person)>
                            <span class="raci__person-name">{person.name.clone()}</span>
                            <span class="raci__person-role">{person.role.clone()}</span>
                        </th>
                    }
                }).collect_view()))}
            </tr>
        </thead>
    }
}

/// The matrix's last row: each person's counts of roles and their peak of Responsible
/// tasks on one day.
#[component]
fn MatrixFoot(matrix: Matrix) -> impl IntoView {
    let Matrix { context, derived, .. } = matrix;
    view! {
        <tfoot>
            <tr>
                <td class="raci__sticky raci__wbs"></td>
                <th scope="row" class="raci__sticky raci__task" title="Counts of each role, and the most tasks Responsible for on one day">"Per person"</th>
                {move || context.document.plan.with(|plan| derived.with(|derived| derived.columns.iter().map(|&person| {
                    let id = &plan.people[person].id;
                    let summary = derived.report.people.iter().find(|summary| summary.person == *id).cloned();
                    view! {
                        <td class="raci__person-summary" data-person-summary=id.to_string()>
                            {summary.map(|summary| format!("R {} · A {} · C {} · I {}\npeak {}", summary.responsible, summary.accountable, summary.consulted, summary.informed, summary.peak_responsible))}
                        </td>
                    }
                }).collect_view()))}
            </tr>
        </tfoot>
    }
}

/// The tasks a problem is about: its task, or the tasks of an overload period.
fn problem_tasks(problem: &crate::analysis::raci::RaciProblem) -> impl Iterator<Item = &TaskId> {
    let overloaded = match &problem.kind {
        crate::analysis::raci::RaciProblemKind::Overloaded { tasks, .. } => tasks.as_slice(),
        _ => &[],
    };
    problem.task.iter().chain(overloaded)
}

/// The matrix cell (row position, column) a mouse event happened on.
fn cell_at(event: &web_sys::MouseEvent) -> Option<(usize, usize)> {
    let cell = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("[data-r]").ok().flatten())?;
    let read = |name: &str| cell.get_attribute(name).and_then(|value| value.parse::<usize>().ok());
    Some((read("data-r")?, read("data-c")?))
}

/// Where the role menu goes for a cell: just below it, in the scroll area's content
/// (so it scrolls with the cell).
fn menu_position((row, column): (usize, usize)) -> Option<(f64, f64)> {
    let document = document();
    let scroll = document.query_selector(".raci-scroll").ok().flatten()?;
    let cell = document
        .query_selector(&format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']"))
        .ok()
        .flatten()?;
    let (area, cell_box) = (scroll.get_bounding_client_rect(), cell.get_bounding_client_rect());
    let top = cell_box.bottom() - area.top() + f64::from(scroll.scroll_top());
    let left = cell_box.left() - area.left() + f64::from(scroll.scroll_left());
    Some((top, left))
}

/// Gives the keyboard focus back to the matrix's focused cell (after the menu).
fn back_to_focused_cell(focus: RwSignal<Option<(usize, usize)>>) {
    if let Some(cell) = focus.get_untracked() {
        focus_cell(cell);
    }
}

fn focus_cell((row, column): (usize, usize)) {
    focus_when_drawn(format!("[data-testid=raci-matrix] [data-r='{row}'][data-c='{column}']"), false);
}

/// The role menu of the selected cells: the five roles and "No role", each with its
/// key. Arrows move, Enter or a click chooses, a role's key chooses it at once,
/// Escape or Tab closes it without a change.
#[component]
fn RoleMenu(
    /// Where it is open and what for.
    at: MenuAt,
    /// The open menu: set to `None` to close it without a change. (A signal of the
    /// matrix, not a callback: closing can come from focus leaving the menu while it is
    /// being taken away.)
    open: RwSignal<Option<MenuAt>>,
    /// Sets the selected cells to a role (`None` clears them).
    on_choose: Callback<Option<RaciRole>>,
) -> impl IntoView {
    let return_to = at.focused;
    let close = move || {
        if open.try_get_untracked().flatten().is_some() {
            open.set(None);
            focus_cell(return_to);
        }
    };
    let checked_index = ROLE_CHOICES.iter().position(|(role, ..)| *role == at.current).unwrap_or(0);
    focus_when_drawn(format!("[data-testid=raci-role-menu] [data-choice='{checked_index}']"), false);
    let move_to =
        |index: usize| focus_when_drawn(format!("[data-testid=raci-role-menu] [data-choice='{index}']"), false);
    let on_key = move |event: web_sys::KeyboardEvent| {
        let at_index = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.get_attribute("data-choice"))
            .and_then(|value| value.parse::<usize>().ok())
            .unwrap_or(0);
        let last = ROLE_CHOICES.len() - 1;
        match event.key().as_str() {
            "ArrowDown" => keyed(&event, || move_to(if at_index == last { 0 } else { at_index + 1 })),
            "ArrowUp" => keyed(&event, || move_to(if at_index == 0 { last } else { at_index - 1 })),
            "Home" => keyed(&event, || move_to(0)),
            "End" => keyed(&event, || move_to(last)),
            "Escape" | "Tab" => keyed(&event, close),
            key => match cell_key_action(key) {
                Some(CellKeyAction::Set(role)) if !matches!(key, "Backspace") => keyed(&event, || on_choose.run(role)),
                // Enter and Space choose the focused item, as a button does.
                _ => {}
            },
        }
    };
    let menu = NodeRef::<leptos::html::Div>::new();
    // Focus leaving the menu (a click elsewhere) closes it.
    let on_focus_out = move |event: web_sys::FocusEvent| {
        let to: Option<web_sys::Node> = event.related_target().and_then(|target| target.dyn_into().ok());
        let inside = menu.try_get_untracked().flatten().is_some_and(|menu| menu.contains(to.as_ref()));
        if !inside {
            close();
        }
    };
    view! {
        <div class="raci__menu" node_ref=menu role="menu" aria-label=at.label.clone() data-testid="raci-role-menu"
            style:top=px(at.top) style:left=px(at.left) on:keydown=on_key on:focusout=on_focus_out>
            {ROLE_CHOICES.iter().enumerate().map(|(index, &(role, key, meaning))| {
                let label = role.map_or("—", |role| role.label());
                view! {
                    <button type="button" class="raci__menu-item" role="menuitemradio" tabindex="-1"
                        data-choice=index.to_string() aria-checked=(role == at.current).to_string()
                        on:click=move |_| on_choose.run(role)>
                        <span class="raci__menu-role">{label}</span>
                        <span class="raci__menu-meaning">{meaning}</span>
                        <kbd class="raci__menu-key">{key}</kbd>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// Runs a key's action and keeps the browser from also scrolling or typing.
fn keyed(event: &web_sys::KeyboardEvent, action: impl FnOnce()) {
    event.prevent_default();
    action();
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// For each task, the top-level task it belongs to (itself at the top).
fn top_level_ancestors(plan: &crate::model::Plan) -> Vec<usize> {
    let index_of: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut top = (0..plan.tasks.len()).collect::<Vec<usize>>();
    // Parents come before their children in the list, so one pass settles every task.
    for (index, task) in plan.tasks.iter().enumerate() {
        if let Some(parent) = task.parent.as_ref().and_then(|parent| index_of.get(parent.as_str())) {
            top[index] = top[*parent];
        }
    }
    top
}

/// Scrolls the matrix so a row position is in view.
fn reveal_row(position: usize) {
    let Some(scroll) = document().query_selector(".raci-scroll").ok().flatten() else { return };
    let top = position as f64 * ROW_HEIGHT;
    // Two header rows sit above the first task row.
    let header = 2.0 * ROW_HEIGHT;
    let (current, height) = (scroll.scroll_top() as f64, scroll.client_height() as f64);
    if top < current || top + ROW_HEIGHT + header > current + height {
        scroll.set_scroll_top((top - height / 2.0).max(0.0) as i32);
    }
}

#[component]
fn MatrixRowView(
    /// The row to draw.
    row: MatrixRow,
    /// The focused cell.
    focus: RwSignal<Option<(usize, usize)>>,
    /// The other corner of the selected range.
    anchor: RwSignal<Option<(usize, usize)>>,
    /// The people's names by column, for the cells' accessible names.
    people: Memo<Vec<String>>,
) -> impl IntoView {
    let position = row.position;
    let class = format!(
        "raci__row{}{}{}",
        if row.summary { " raci__row--summary" } else { "" },
        if row.milestone { " raci__row--milestone" } else { "" },
        match row.severity {
            Some(Severity::Error) => " raci__row--error",
            Some(Severity::Warning) => " raci__row--warning",
            None => "",
        }
    );
    let task_label = format!("{} {}", row.id, row.name);
    view! {
        <tr class=class data-task-id=row.id.to_string() title=row.problems.clone()>
            <td class="raci__sticky raci__wbs table__id">{row.wbs.clone()}</td>
            <th scope="row" class="raci__sticky raci__task" style=format!("padding-left: calc(0.5rem + {} * 1.1rem)", row.depth)>
                {row.summary.then(|| {
                    let context = use_plan();
                    let id = row.id.clone();
                    let label = format!("{} the subtasks of {}", if row.collapsed { "Show" } else { "Hide" }, row.id);
                    view! {
                        <button type="button" class="icon-button raci__toggle" aria-label=label.clone() title=label aria-expanded=(!row.collapsed).to_string()
                            on:click=move |event| {
                                event.stop_propagation();
                                context.toggle_collapsed(&id);
                            }>{if row.collapsed { "▸" } else { "▾" }}</button>
                    }
                })}
                {row.milestone.then(|| view! { <span class="raci__diamond" aria-label="Milestone">"◆ "</span> })}
                <span class="raci__task-id">{row.id.to_string()}</span>" "{row.name.clone()}
            </th>
            {row.cells.iter().enumerate().map(|(column, &(letters, flagged))| {
                let in_range = move || {
                    let Some(focus) = focus.get() else { return false };
                    let anchor = anchor.get().unwrap_or(focus);
                    (focus.0.min(anchor.0)..=focus.0.max(anchor.0)).contains(&position)
                        && (focus.1.min(anchor.1)..=focus.1.max(anchor.1)).contains(&column)
                };
                // The focused cell takes Tab; before any focus, the first cell does.
                let focused = move || match focus.get() {
                    Some(cell) => cell == (position, column),
                    None => position == 0 && column == 0,
                };
                let class = move || format!(
                    "raci__cell{}{}{}{}",
                    if row.summary { " raci__cell--summary" } else { "" },
                    if flagged { " raci__cell--flagged" } else { "" },
                    if in_range() { " raci__cell--selected" } else { "" },
                    if letters.is_empty() { "" } else { " raci__cell--set" },
                );
                let person = people.with_untracked(|people| people.get(column).cloned().unwrap_or_default());
                let label = format!("{task_label}, {person}: {}", if letters.is_empty() { "no role" } else { letters });
                view! {
                    <td class=class role="gridcell" data-r=position.to_string() data-c=column.to_string()
                        tabindex=move || if focused() { "0" } else { "-1" } aria-label=label
                        aria-haspopup=(!row.summary).then_some("menu")
                        aria-readonly=row.summary.to_string() aria-selected=move || in_range().to_string()>{letters}</td>
                }
            }).collect_view()}
        </tr>
    }
}
