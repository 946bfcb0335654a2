//! The side panel that edits one entry of the log: its head (id, flags, Close), its
//! kind's fields (`entry_fields`), and its actions (`actions`). Every edit is one
//! `Command::UpdateLogEntry`; a refused one keeps the typed text with the model's
//! reason beside the field.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::actions::{put_away, PanelActions};
use super::entry_fields::{AssumptionFields, DecisionFields, IssueFields};
use super::page::LogView;
use crate::model::log::{assumption_overdue, issue_overdue};
use crate::model::{Assumption, Command, Decision, Issue, LogEntry, LogEntryId, PersonId, Plan, TaskId};
use crate::ui::state::{Page, PlanContext};
use crate::ui::widgets::{format_optional_date, parse_optional_date, CommitInput, CommitTextArea};

/// What the panel asks before acting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelQuestion {
    None,
    Delete,
    ProvenWrong,
    Supersede,
}

/// An entry of one kind, as the panel edits it.
pub trait LogItem: Clone + PartialEq + Send + Sync + 'static {
    fn find(plan: &Plan, id: &LogEntryId) -> Option<Self>;
    fn into_entry(self) -> LogEntry;
}

impl LogItem for Assumption {
    fn find(plan: &Plan, id: &LogEntryId) -> Option<Self> {
        match plan.log_entry(id) {
            Some(LogEntry::Assumption(entry)) => Some(entry),
            _ => None,
        }
    }

    fn into_entry(self) -> LogEntry {
        LogEntry::Assumption(self)
    }
}

impl LogItem for Issue {
    fn find(plan: &Plan, id: &LogEntryId) -> Option<Self> {
        match plan.log_entry(id) {
            Some(LogEntry::Issue(entry)) => Some(entry),
            _ => None,
        }
    }

    fn into_entry(self) -> LogEntry {
        LogEntry::Issue(self)
    }
}

impl LogItem for Decision {
    fn find(plan: &Plan, id: &LogEntryId) -> Option<Self> {
        match plan.log_entry(id) {
            Some(LogEntry::Decision(entry)) => Some(entry),
            _ => None,
        }
    }

    fn into_entry(self) -> LogEntry {
        LogEntry::Decision(self)
    }
}

/// The entry a panel edits, of its kind: reads its fields, sends its edits.
pub struct Fields<T: LogItem> {
    pub context: PlanContext,
    pub id: StoredValue<LogEntryId>,
    pub stored: Memo<Option<T>>,
}

impl<T: LogItem> Clone for Fields<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: LogItem> Copy for Fields<T> {}

impl<T: LogItem> Fields<T> {
    pub fn new(context: PlanContext, id: LogEntryId) -> Self {
        let id = StoredValue::new(id);
        let stored = Memo::new(move |_| context.document.plan.with(|plan| T::find(plan, &id.get_value())));
        Fields { context, id, stored }
    }

    /// A field of the stored entry as text.
    pub fn read(self, field: impl Fn(&T) -> String + Send + Sync + 'static) -> Signal<String> {
        let stored = self.stored;
        Signal::derive(move || stored.with(|entry| entry.as_ref().map(&field).unwrap_or_default()))
    }

    /// Changes the stored entry: one `UpdateLogEntry`. Returns whether the plan took it.
    pub fn edit(self, change: impl FnOnce(&mut T)) -> bool {
        let id = self.id.get_value();
        let Some(mut entry) = self.context.document.plan.with_untracked(|plan| T::find(plan, &id)) else {
            self.context.refuse(format!("{id} no longer exists"));
            return false;
        };
        change(&mut entry);
        self.context.dispatch(Command::UpdateLogEntry(entry.into_entry())).is_ok()
    }

    /// "Statement of A3": a field's accessible name.
    pub fn name(self, label: &str) -> String {
        format!("{label} of {}", self.id.get_value().as_str())
    }
}

/// The panel for the open entry (`context.view.selected_log`).
#[component]
pub fn LogPanel(
    /// The entry it edits.
    id: LogEntryId,
    log: LogView,
) -> impl IntoView {
    let context = log.context;
    let question = log.question;
    let label = id.to_string();
    let shown_id = StoredValue::new(id.clone());
    let on_key = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            if question.get_untracked() != PanelQuestion::None {
                put_away(question);
            } else {
                context.view.selected_log.set(None);
                focus_row(&shown_id.get_value());
            }
        }
    };
    let fields = match id.clone() {
        LogEntryId::Assumption(_) => {
            view! { <AssumptionFields fields=Fields::new(context, id.clone()) question=question/> }.into_any()
        }
        LogEntryId::Issue(_) => view! { <IssueFields fields=Fields::new(context, id.clone())/> }.into_any(),
        LogEntryId::Decision(_) => view! { <DecisionFields fields=Fields::new(context, id.clone())/> }.into_any(),
    };
    view! {
        <aside class="risk-panel log-panel card" data-testid="log-panel" aria-label=capitalised(&label) on:keydown=on_key>
            <PanelHead id=id log=log/>
            <div class="risk-panel__fields">{fields}</div>
            <PanelActions id=shown_id.get_value() log=log/>
        </aside>
    }
}

/// "Assumption A3".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The head: the entry's id and kind, its flags (overdue, superseded), and Close.
#[component]
fn PanelHead(id: LogEntryId, log: LogView) -> impl IntoView {
    let context = log.context;
    let shown = id.as_str().to_string();
    let kind = id.kind().label();
    let stored = StoredValue::new(id);
    let flag = move || {
        context.document.plan.with(|plan| match plan.log_entry(&stored.get_value()) {
            Some(LogEntry::Assumption(entry)) if assumption_overdue(&entry, log.today) => {
                Some("validate-by day passed".to_string())
            }
            Some(LogEntry::Issue(entry)) if issue_overdue(&entry, log.today) => Some("overdue".to_string()),
            Some(LogEntry::Decision(Decision { superseded_by: Some(later), .. })) => {
                Some(format!("superseded by {later}"))
            }
            _ => None,
        })
    };
    let close = move |_| {
        context.view.selected_log.set(None);
        focus_row(&stored.get_value());
    };
    view! {
        <header class="risk-panel__head">
            <span class="table__id">{shown}</span>
            <span class="log-panel__kind">{kind}</span>
            {move || flag().map(|text| view! { <span class="flag flag--overdue" data-testid="log-panel-flag">{text}</span> })}
            <span class="toolbar__spacer"></span>
            <button type="button" class="icon-button" aria-label="Close the panel (Escape)" title="Close (Escape)" on:click=close>"✕"</button>
        </header>
    }
}

/// A one-line text field; `title` marks the entry's first field (focused when it is new).
pub fn text_field<T: LogItem>(
    fields: Fields<T>,
    label: &'static str,
    title: bool,
    read: fn(&T) -> String,
    write: fn(&mut T, String),
) -> impl IntoView {
    let class = if title { "input--strong log-panel__title" } else { "" };
    view! {
        <label class=if title { "field field--wide" } else { "field" }>
            <span class="field__label">{label}</span>
            <CommitInput label=fields.name(label) class=class value=fields.read(read)
                on_commit=Callback::new(move |text: String| fields.edit(|entry| write(entry, text)))/>
        </label>
    }
}

/// A text area.
pub fn area_field<T: LogItem>(
    fields: Fields<T>,
    label: &'static str,
    read: fn(&T) -> String,
    write: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <label class="field field--wide">
            <span class="field__label">{label}</span>
            <CommitTextArea label=fields.name(label) value=fields.read(read) rows=3
                on_commit=Callback::new(move |text: String| fields.edit(|entry| write(entry, text)))/>
        </label>
    }
}

/// A date that may be left empty.
pub fn date_field<T: LogItem>(
    fields: Fields<T>,
    label: &'static str,
    read: fn(&T) -> Option<NaiveDate>,
    write: fn(&mut T, Option<NaiveDate>),
) -> impl IntoView {
    let context = fields.context;
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <CommitInput label=fields.name(label) kind="date" value=fields.read(move |entry| format_optional_date(read(entry)))
                on_commit=Callback::new(move |text: String| match parse_optional_date(&text) {
                    Ok(date) => fields.edit(|entry| write(entry, date)),
                    Err(message) => { context.refuse(message); false }
                })/>
        </label>
    }
}

/// A choice among labels (a status, a severity).
pub fn choice_field<T: LogItem>(
    fields: Fields<T>,
    label: &'static str,
    choices: Vec<&'static str>,
    read: fn(&T) -> &'static str,
    on_choose: impl Fn(web_sys::Event, String) + 'static,
) -> impl IntoView {
    let stored = fields.stored;
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <select class="input" aria-label=fields.name(label) data-testid=format!("log-panel-{}", label.to_lowercase())
                prop:value=move || stored.with(|entry| entry.as_ref().map_or("", read).to_string())
                on:change=move |event| {
                    let value = event_target_value(&event);
                    on_choose(event, value);
                }>
                {choices.into_iter().map(|choice| view! { <option value=choice>{choice}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// A person of the plan, or nobody (`nobody` says how that reads).
pub fn person_field<T: LogItem>(
    fields: Fields<T>,
    label: &'static str,
    nobody: Signal<String>,
    read: fn(&T) -> Option<PersonId>,
    on_choose: impl Fn(Option<PersonId>) -> bool + 'static,
) -> impl IntoView {
    let (context, stored) = (fields.context, fields.stored);
    let people = move || {
        context
            .document
            .plan
            .with(|plan| plan.people.iter().map(|person| (person.id.clone(), person.name.clone())).collect::<Vec<_>>())
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <select class="input" aria-label=fields.name(label)
                prop:value=move || stored.with(|entry| entry.as_ref().and_then(read).map(|person| person.to_string()).unwrap_or_default())
                on:change=move |event| {
                    let person = event_target_value(&event);
                    on_choose((!person.is_empty()).then(|| PersonId::new(person)));
                }>
                <option value="">{move || nobody.get()}</option>
                {move || people().into_iter().map(|(person, name)| view! { <option value=person.to_string()>{name}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// Ids typed as a list: "T4, T12" (commas, spaces or semicolons between them).
pub fn typed_ids<Id: for<'a> From<&'a str>>(text: &str) -> Vec<Id> {
    text.split([',', ' ', ';']).map(str::trim).filter(|id| !id.is_empty()).map(Id::from).collect()
}

/// The linked tasks: their ids to edit, then each as a link to the timeline.
pub fn tasks_field<T: LogItem>(
    fields: Fields<T>,
    read: fn(&T) -> Vec<TaskId>,
    on_commit: impl Fn(Vec<TaskId>) -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let (context, stored) = (fields.context, fields.stored);
    let links = move || {
        let tasks = stored.with(|entry| entry.as_ref().map(read).unwrap_or_default());
        context.document.plan.with(|plan| {
            tasks
                .into_iter()
                .map(|task| {
                    let name = plan.task(task.as_str()).map_or_else(|| "(no such task)".to_string(), |found| found.name.clone());
                    let text = format!("{task} {name}");
                    view! {
                        <li class="risk-panel__task">
                            <button type="button" class="link-button" title="Show it on the timeline" on:click=move |_| {
                                context.view.selected_task.set(Some(task.clone()));
                                context.show_page(Page::Timeline);
                            }>{text}</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <label class="field field--wide">
            <span class="field__label">"Linked tasks"</span>
            <CommitInput label=fields.name("Linked tasks")
                value=fields.read(move |entry| read(entry).iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
                on_commit=Callback::new(move |text: String| on_commit(typed_ids(&text)))/>
            <span class="risk-panel__meaning">"Task ids, separated by commas: T4, T12"</span>
        </label>
        <ul class="risk-panel__tasks" aria-label="Linked tasks">{links}</ul>
    }
}

/// Puts the keyboard focus on an entry's row in the table.
pub fn focus_row(id: &LogEntryId) {
    use wasm_bindgen::JsCast;
    let selector = format!("[data-log-row='{}']", id.as_str());
    if let Some(row) = document().query_selector(&selector).ok().flatten() {
        let _ = row.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
