//! The side panel that edits one risk: every field, what each level means, the score
//! over time, the tasks it threatens (and which are critical), and duplicate, delete
//! and "occurred".

use chrono::NaiveDate;
use leptos::prelude::*;

use super::charts::ScoreHistory;
use crate::model::dates::format_iso_date;
use crate::model::risk::{self, RiskBand, IMPACT_LEVELS, PROBABILITY_LEVELS};
use crate::model::{Command, PersonId, Risk, RiskId, RiskResponse, RiskStatus, TaskId};
use crate::ui::state::{use_plan, Notice, Page, PlanContext};
use crate::ui::widgets::{format_optional_date, parse_optional_date, CommitInput, CommitTextArea};

/// Applies an edit to a risk as the user's change: `EditRisk`, which records the day's
/// probability, impact and status in its history. Returns whether it was accepted.
pub fn edit_risk(context: PlanContext, id: &RiskId, today: NaiveDate, change: impl FnOnce(&mut Risk)) -> bool {
    let Some(mut risk) = context.document.plan.with_untracked(|plan| plan.risk(id.as_str()).cloned()) else {
        context.refuse(format!("{id} no longer exists"));
        return false;
    };
    change(&mut risk);
    context.dispatch(Command::EditRisk { risk, today }).is_ok()
}

/// What the panel asks before acting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelQuestion {
    None,
    Delete,
    Occurred,
}

/// The panel's risk and what its parts share: the stored risk, today, and the question
/// it asks.
#[derive(Clone, Copy)]
struct Panel {
    context: PlanContext,
    id: StoredValue<RiskId>,
    stored: Memo<Option<Risk>>,
    today: NaiveDate,
    question: RwSignal<PanelQuestion>,
}

impl Panel {
    /// A field of the stored risk as text.
    fn read(self, field: fn(&Risk) -> String) -> Signal<String> {
        let stored = self.stored;
        Signal::derive(move || stored.with(|risk| risk.as_ref().map(field).unwrap_or_default()))
    }

    fn edit(self, change: Box<dyn FnOnce(&mut Risk)>) -> bool {
        edit_risk(self.context, &self.id.get_value(), self.today, change)
    }

    fn id(self) -> RiskId {
        self.id.get_value()
    }
}

/// The panel for the selected risk (`context.view.selected_risk`).
#[component]
pub fn RiskPanel(
    /// The risk it edits.
    id: RiskId,
    /// Today, for the history and review dates.
    today: NaiveDate,
    /// A question to ask (the table's Delete key asks to delete).
    question: RwSignal<PanelQuestion>,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let stored = Memo::new(move |_| context.document.plan.with(|plan| plan.risk(id.get_value().as_str()).cloned()));
    let panel = Panel { context, id, stored, today, question };
    let critical_tasks = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            context.derived.schedule.with(|schedule| match (schedule, stored.get()) {
                (Ok(schedule), Some(risk)) => crate::analysis::risk::critical_linked_tasks(plan, schedule, &risk),
                _ => Vec::new(),
            })
        })
    });
    let history = Signal::derive(move || {
        stored.with(|risk| risk.as_ref().map(|risk| risk::score_history(risk, today)).unwrap_or_default())
    });
    let on_key = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            if question.get_untracked() != PanelQuestion::None {
                question.set(PanelQuestion::None);
            } else {
                context.view.selected_risk.set(None);
                focus_row(&id.get_value());
            }
        }
    };

    view! {
        <aside class="risk-panel card" data-testid="risk-panel" aria-label=move || format!("Risk {}", id.get_value()) on:keydown=on_key>
            {move || stored.get().map(|risk| view! { <PanelHead panel=panel risk=risk critical_tasks=critical_tasks/> })}
            <div class="risk-panel__fields">
                <label class="field field--wide">
                    <span class="field__label">"Title"</span>
                    <CommitInput label=format!("Title of {}", id.get_value()) class="input--strong risk-panel__title" value=panel.read(|risk| risk.title.clone())
                        on_commit=Callback::new(move |text: String| panel.edit(Box::new(move |risk| risk.title = text)))/>
                </label>
                {area_field(panel, "Description", |risk| risk.description.clone(), |risk, text| risk.description = text)}
                {level_field(panel, "Probability", &PROBABILITY_LEVELS, |risk| risk.probability, |risk, value| risk.probability = value)}
                {level_field(panel, "Impact", &IMPACT_LEVELS, |risk| risk.impact, |risk, value| risk.impact = value)}
                <ChoiceFields panel=panel/>
                <label class="field">
                    <span class="field__label">"Review on"</span>
                    <CommitInput label=format!("Review date of {}", id.get_value()) kind="date"
                        value=panel.read(|risk| format_optional_date(risk.review_date))
                        on_commit=Callback::new(move |text: String| match parse_optional_date(&text) {
                            Ok(date) => panel.edit(Box::new(move |risk| risk.review_date = date)),
                            Err(message) => { context.refuse(message); false }
                        })/>
                </label>
                {area_field(panel, "Mitigation", |risk| risk.mitigation.clone(), |risk, text| risk.mitigation = text)}
                {area_field(panel, "Contingency", |risk| risk.contingency.clone(), |risk, text| risk.contingency = text)}
                {text_field(panel, "Trigger", |risk| risk.trigger.clone(), |risk, text| risk.trigger = text)}
                <ThreatenedTasks panel=panel critical_tasks=critical_tasks/>
            </div>
            <h3 class="risk-panel__subtitle">"Score over time"</h3>
            <ScoreHistory history=history/>
            <p class="risk-panel__dates">{move || stored.with(|risk| risk.as_ref().map(|risk| format!(
                "Created {} · updated {}",
                risk.created.map_or("–".into(), format_iso_date),
                risk.updated.map_or("–".into(), format_iso_date)
            )))}</p>
            <PanelActions panel=panel/>
        </aside>
    }
}

/// The panel's head: the risk's id and score, its flags, and Close.
#[component]
fn PanelHead(panel: Panel, risk: Risk, critical_tasks: Memo<Vec<TaskId>>) -> impl IntoView {
    let band = RiskBand::of(&risk);
    let context = panel.context;
    view! {
        <header class="risk-panel__head">
            <span class="table__id">{risk.id.to_string()}</span>
            <span class=format!("score score--{}", band.label()) data-testid="risk-panel-score">{format!("{} {}", risk.score(), band.label())}</span>
            {(!critical_tasks.with(Vec::is_empty) && risk.status.is_open()).then(|| view! {
                <span class="flag flag--critical" title="It threatens tasks on the critical path">"⚑ critical path"</span>
            })}
            {risk::review_overdue(&risk, panel.today).then(|| view! {
                <span class="flag flag--overdue">"review overdue"</span>
            })}
            <span class="toolbar__spacer"></span>
            <button type="button" class="icon-button" aria-label="Close the panel (Escape)" title="Close (Escape)" on:click=move |_| context.view.selected_risk.set(None)>"✕"</button>
        </header>
    }
}

/// A one-line text field of the risk.
fn text_field(
    panel: Panel,
    label: &'static str,
    field: fn(&Risk) -> String,
    write: fn(&mut Risk, String),
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <CommitInput label=format!("{label} of {}", panel.id()) value=panel.read(field)
                on_commit=Callback::new(move |text: String| panel.edit(Box::new(move |risk| write(risk, text))))/>
        </label>
    }
}

/// A text area of the risk.
fn area_field(
    panel: Panel,
    label: &'static str,
    field: fn(&Risk) -> String,
    write: fn(&mut Risk, String),
) -> impl IntoView {
    view! {
        <label class="field field--wide">
            <span class="field__label">{label}</span>
            <CommitTextArea label=format!("{label} of {}", panel.id()) value=panel.read(field) rows=2
                on_commit=Callback::new(move |text: String| panel.edit(Box::new(move |risk| write(risk, text))))/>
        </label>
    }
}

/// A level (probability or impact) of the risk, with what the chosen level means.
fn level_field(
    panel: Panel,
    label: &'static str,
    levels: &'static [risk::Level; 5],
    field: fn(&Risk) -> u8,
    write: fn(&mut Risk, u8),
) -> impl IntoView {
    let stored = panel.stored;
    let value = move || stored.with(|risk| risk.as_ref().map_or(0, field));
    let meaning = move || levels.iter().find(|level| level.value == value()).map_or("", |level| level.meaning);
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <select class="input" aria-label=format!("{label} of {}", panel.id()) prop:value=move || value().to_string()
                on:change=move |event| {
                    if let Ok(number) = event_target_value(&event).parse::<u8>() {
                        panel.edit(Box::new(move |risk| write(risk, number)));
                    }
                }>
                {levels.iter().map(|level| view! { <option value=level.value.to_string()>{format!("{} {}", level.value, level.name)}</option> }).collect_view()}
            </select>
            <span class="risk-panel__meaning">{meaning}</span>
        </label>
    }
}

/// The risk's category, owner, response and status, each chosen from a list. Choosing
/// "Occurred" asks first.
#[component]
fn ChoiceFields(panel: Panel) -> impl IntoView {
    let Panel { context, stored, question, .. } = panel;
    let id = panel.id();
    let people = move || {
        context
            .document
            .plan
            .with(|plan| plan.people.iter().map(|person| (person.id.clone(), person.name.clone())).collect::<Vec<_>>())
    };
    let categories = move || {
        context.document.plan.with(|plan| {
            let mut names = plan.risk_categories.clone();
            if let Some(current) = stored.with(|risk| risk.as_ref().map(|risk| risk.category.clone())) {
                if !names.contains(&current) {
                    names.push(current);
                }
            }
            names
        })
    };
    view! {
        <label class="field">
            <span class="field__label">"Category"</span>
            <select class="input" aria-label=format!("Category of {id}")
                prop:value=move || stored.with(|risk| risk.as_ref().map(|risk| risk.category.clone()).unwrap_or_default())
                on:change=move |event| {
                    let category = event_target_value(&event);
                    panel.edit(Box::new(move |risk| risk.category = category));
                }>
                {move || categories().into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field__label">"Owner"</span>
            <select class="input" aria-label=format!("Owner of {id}")
                prop:value=move || stored.with(|risk| risk.as_ref().and_then(|risk| risk.owner.as_ref()).map(ToString::to_string).unwrap_or_default())
                on:change=move |event| {
                    let owner = event_target_value(&event);
                    panel.edit(Box::new(move |risk| risk.owner = (!owner.is_empty()).then_some(PersonId(owner))));
                }>
                <option value="">"– no owner –"</option>
                {move || people().into_iter().map(|(person, name)| view! { <option value=person.to_string()>{name}</option> }).collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field__label">"Response"</span>
            <select class="input" aria-label=format!("Response to {id}")
                prop:value=move || stored.with(|risk| risk.as_ref().map_or("", |risk| risk.response.label()).to_string())
                on:change=move |event| {
                    let label = event_target_value(&event);
                    if let Some(response) = RiskResponse::ALL.into_iter().find(|response| response.label() == label) {
                        panel.edit(Box::new(move |risk| risk.response = response));
                    }
                }>
                {RiskResponse::ALL.into_iter().map(|option| view! { <option value=option.label()>{option.label()}</option> }).collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field__label">"Status"</span>
            <select class="input" aria-label=format!("Status of {id}") data-testid="risk-status"
                prop:value=move || stored.with(|risk| risk.as_ref().map_or("", |risk| risk.status.label()).to_string())
                on:change=move |event| {
                    let label = event_target_value(&event);
                    let Some(status) = RiskStatus::ALL.into_iter().find(|status| status.label() == label) else { return };
                    if status == RiskStatus::Occurred {
                        // Ask first; the select shows the stored status until then.
                        let select: web_sys::HtmlSelectElement = event_target(&event);
                        select.set_value(stored.with_untracked(|risk| risk.as_ref().map_or("", |risk| risk.status.label())));
                        question.set(PanelQuestion::Occurred);
                    } else {
                        panel.edit(Box::new(move |risk| risk.status = status));
                    }
                }>
                {RiskStatus::ALL.into_iter().map(|option| view! { <option value=option.label()>{option.label()}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The tasks the risk threatens: their ids to edit, then each as a link to the timeline,
/// marked when on the critical path.
#[component]
fn ThreatenedTasks(panel: Panel, critical_tasks: Memo<Vec<TaskId>>) -> impl IntoView {
    let Panel { context, stored, .. } = panel;
    let linked_rows = move || {
        let critical = critical_tasks.get();
        context.document.plan.with(|plan| {
            stored.with(|risk| {
                risk.iter()
                    .flat_map(|risk| risk.linked_tasks.iter())
                    .map(|task_id| {
                        let name = plan.task(task_id.as_str()).map_or_else(|| "(no such task)".to_string(), |task| task.name.clone());
                        let is_critical = critical.contains(task_id);
                        let task_id = task_id.clone();
                        let shown = task_id.clone();
                        view! {
                            <li class="risk-panel__task">
                                <button type="button" class="link-button" title="Show it on the timeline" on:click=move |_| {
                                    context.view.selected_task.set(Some(task_id.clone()));
                                    context.view.page.set(Page::Timeline);
                                }>{format!("{shown} {name}")}</button>
                                {is_critical.then(|| view! { <span class="flag flag--critical" title="On the critical path: a slip moves the plan's finish">"critical path"</span> })}
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <label class="field">
            <span class="field__label">"Threatens tasks"</span>
            <CommitInput label=format!("Tasks {} threatens", panel.id())
                value=panel.read(|risk| risk.linked_tasks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
                on_commit=Callback::new(move |text: String| {
                    let tasks: Vec<TaskId> = text.split([',', ' ', ';']).map(str::trim).filter(|id| !id.is_empty()).map(TaskId::from).collect();
                    panel.edit(Box::new(move |risk| risk.linked_tasks = tasks))
                })/>
            <span class="risk-panel__meaning">"Task ids, separated by commas: T4, T12"</span>
        </label>
        <ul class="risk-panel__tasks" aria-label="Threatened tasks">{linked_rows}</ul>
    }
}

/// The panel's foot: Duplicate, "Occurred…" and "Delete…", or the question one of them
/// asks.
#[component]
fn PanelActions(panel: Panel) -> impl IntoView {
    let Panel { context, id, stored, today, question } = panel;
    let duplicate = move |_| {
        let command = context.document.plan.with_untracked(|plan| risk::duplicate_risk(plan, &id.get_value(), today));
        if let Some(command) = command {
            let copy = context.document.plan.with_untracked(|plan| plan.next_risk_id());
            if context.dispatch(command).is_ok() {
                context.view.selected_risk.set(Some(copy.clone()));
                context.session.notice.set(Some(Notice::info(format!("Duplicated {} as {copy}.", id.get_value()))));
            }
        }
    };
    let delete = move |_| {
        let id = id.get_value();
        question.set(PanelQuestion::None);
        if context.dispatch(Command::RemoveRisk(id.clone())).is_ok() {
            context.view.selected_risk.set(None);
            context
                .session
                .notice
                .set(Some(Notice::info(format!("Deleted {id} and its history. Undo (Ctrl+Z) brings it back."))));
        }
    };
    let raise_issue = RwSignal::new(true);
    let occurred = move |add_task: bool| {
        question.set(PanelQuestion::None);
        let raise = raise_issue.get_untracked();
        let command = context
            .document
            .plan
            .with_untracked(|plan| risk::mark_occurred(plan, &id.get_value(), today, add_task, raise));
        match command {
            Ok(command) => {
                let (task, issue) =
                    context.document.plan.with_untracked(|plan| (plan.next_task_id(), plan.next_issue_id()));
                if context.dispatch(command).is_ok() {
                    let added = match (add_task, raise) {
                        (true, true) => {
                            format!(" Added {task} for the response and raised {issue} in the Log, both linked to it.")
                        }
                        (true, false) => {
                            format!(" Added {task} for the response, linked to it; it is on the timeline.")
                        }
                        (false, true) => format!(" Raised {issue} in the Log."),
                        (false, false) => String::new(),
                    };
                    context.session.notice.set(Some(Notice::info(format!("{} occurred.{added}", id.get_value()))));
                }
            }
            Err(error) => context.refuse(error.to_string()),
        }
    };
    move || {
        match question.get() {
        PanelQuestion::Delete => view! {
            <div class="risk-panel__question" role="alertdialog" aria-label="Delete the risk" data-testid="risk-delete-question">
                <p class="confirm">{format!("Delete {} and its history?", id.get_value())}</p>
                <p class="risk-panel__meaning">"Undo (Ctrl+Z) brings it back."</p>
                <button type="button" class="button button--danger" data-testid="risk-delete-confirm" on:click=delete>"Delete"</button>
                <button type="button" class="button button--quiet" on:click=move |_| question.set(PanelQuestion::None)>"Cancel"</button>
            </div>
        }.into_any(),
        PanelQuestion::Occurred => view! {
            <div class="risk-panel__question" role="alertdialog" aria-label="The risk occurred" data-testid="risk-occurred-question">
                <p class="risk-panel__ask">{format!("{} occurred. Add a task for the response, linked to the risk?", id.get_value())}</p>
                <p class="risk-panel__meaning">"The task is “Respond to …”, one working day from today, with the contingency as its notes, placed after the first task the risk threatens."</p>
                <label class="risk-panel__raise">
                    <input type="checkbox" data-testid="risk-occurred-raise-issue" prop:checked=move || raise_issue.get()
                        on:change=move |event| raise_issue.set(event_target_checked(&event))/>
                    " Raise an issue in the Log for it"
                </label>
                <button type="button" class="button button--primary" data-testid="risk-occurred-add-task" on:click=move |_| occurred(true)>"Add response task"</button>
                <button type="button" class="button" data-testid="risk-occurred-only" on:click=move |_| occurred(false)>"Only mark occurred"</button>
                <button type="button" class="button button--quiet" on:click=move |_| question.set(PanelQuestion::None)>"Cancel"</button>
            </div>
        }.into_any(),
        PanelQuestion::None => view! {
            <div class="risk-panel__actions">
                <button type="button" class="button" data-testid="risk-duplicate" on:click=duplicate>"Duplicate"</button>
                <button type="button" class="button" data-testid="risk-occurred" disabled=move || stored.with(|risk| risk.as_ref().is_none_or(|risk| risk.status == RiskStatus::Occurred))
                    on:click=move |_| question.set(PanelQuestion::Occurred)>"Occurred…"</button>
                <span class="toolbar__spacer"></span>
                <button type="button" class="button button--danger" data-testid="risk-delete" on:click=move |_| question.set(PanelQuestion::Delete)>"Delete…"</button>
            </div>
        }.into_any(),
    }
    }
}

/// Puts the keyboard focus on a risk's row in the table.
pub fn focus_row(id: &RiskId) {
    use wasm_bindgen::JsCast;
    let selector = format!("[data-risk-row='{id}']");
    if let Some(row) = document().query_selector(&selector).ok().flatten() {
        let _ = row.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
