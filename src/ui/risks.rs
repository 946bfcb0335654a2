//! The risk register: scored risks with owners, responses and linked tasks.

use leptos::prelude::*;

use super::state::{use_plan, Notice, PlanContext};
use super::widgets::{format_optional_date, parse_optional_date, CommitInput};
use crate::model::{Command, PersonId, Risk, RiskId, RiskResponse, RiskStatus, TaskId, DEFAULT_RISK_CATEGORIES};

fn update_risk(context: PlanContext, id: &RiskId, change: impl FnOnce(&mut Risk)) -> bool {
    let Some(mut risk) = context.plan.with_untracked(|plan| plan.risk(id.as_str()).cloned()) else { return false };
    change(&mut risk);
    context.dispatch(Command::UpdateRisk(risk)).is_ok()
}

fn band_label(score: u8) -> &'static str {
    crate::model::risk::RiskBand::of_score(score).label()
}

#[component]
pub fn RisksPage() -> impl IntoView {
    let context = use_plan();
    let add = move |_| {
        let id = context.plan.with_untracked(|plan| plan.next_risk_id());
        let _ = context.dispatch(Command::AddRisk { risk: Risk::new(id, "New risk"), index: None });
    };
    view! {
        <div class="page risks-page">
            <div class="toolbar" role="toolbar" aria-label="Risks">
                <button type="button" class="button button--primary" data-testid="add-risk" on:click=add>"Add risk"</button>
                <span class="toolbar__summary">"Score = probability × impact. Bands: low 1–4, medium 5–9, high 10–16, critical 20–25."</span>
            </div>
            <div class="grid-scroll">
                <table class="table risks" data-testid="risk-register">
                    <thead>
                        <tr>
                            <th scope="col">"Id"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Category"</th>
                            <th scope="col" title="1 rare … 5 almost certain">"P"</th>
                            <th scope="col" title="1 negligible … 5 program fails or slips more than a month">"I"</th>
                            <th scope="col">"Score"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Response"</th>
                            <th scope="col">"Mitigation"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Review"</th>
                            <th scope="col" title="Task ids, separated by commas">"Tasks"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || context.plan.with(|plan| plan.risks.clone()) key=|risk| risk.clone() let:risk>
                            <RiskRow risk=risk/>
                        </For>
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn RiskRow(
    /// The risk this row shows.
    risk: Risk,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(risk.id.clone());
    let score = risk.score();
    let people = context.plan.with_untracked(|plan| plan.people.clone());
    let linked = risk.linked_tasks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let number_select = move |label: String, value: u8, set: fn(&mut Risk, u8)| {
        view! {
            <select class="input" aria-label=label on:change=move |event| {
                if let Ok(number) = event_target_value(&event).parse::<u8>() {
                    update_risk(context, &id.get_value(), |risk| set(risk, number));
                }
            }>
                {(1..=5u8).map(|option| view! { <option value=option.to_string() selected=option == value>{option}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <tr data-testid="risk-row">
            <td class="table__id">{risk.id.to_string()}</td>
            <td><CommitInput label=format!("Title of {}", risk.id) value=Signal::stored(risk.title.clone())
                on_commit=Callback::new(move |text: String| update_risk(context, &id.get_value(), |risk| risk.title = text))/></td>
            <td>
                <select class="input" aria-label=format!("Category of {}", risk.id) on:change=move |event| {
                    let category = event_target_value(&event);
                    update_risk(context, &id.get_value(), |risk| risk.category = category);
                }>
                    {let current = risk.category.clone();
                    let mut categories: Vec<String> = DEFAULT_RISK_CATEGORIES.iter().map(|name| name.to_string()).collect();
                    if !categories.contains(&current) { categories.push(current.clone()); }
                    categories.into_iter().map(|name| view! { <option value=name.clone() selected=name == current>{name.clone()}</option> }).collect_view()}
                </select>
            </td>
            <td>{number_select(format!("Probability of {}", risk.id), risk.probability, |risk, value| risk.probability = value)}</td>
            <td>{number_select(format!("Impact of {}", risk.id), risk.impact, |risk, value| risk.impact = value)}</td>
            <td><span class=format!("score score--{}", band_label(score))>{score} " " {band_label(score)}</span></td>
            <td>
                <select class="input" aria-label=format!("Owner of {}", risk.id) on:change=move |event| {
                    let owner = event_target_value(&event);
                    update_risk(context, &id.get_value(), |risk| risk.owner = (!owner.is_empty()).then_some(PersonId(owner)));
                }>
                    <option value="" selected=risk.owner.is_none()>"–"</option>
                    {people.into_iter().map(|person| {
                        let selected = risk.owner.as_ref() == Some(&person.id);
                        view! { <option value=person.id.to_string() selected=selected>{person.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </td>
            <td>
                <select class="input" aria-label=format!("Response to {}", risk.id) on:change=move |event| {
                    let label = event_target_value(&event);
                    if let Some(response) = RiskResponse::ALL.into_iter().find(|response| response.label() == label) {
                        update_risk(context, &id.get_value(), |risk| risk.response = response);
                    }
                }>
                    {RiskResponse::ALL.into_iter().map(|option| view! { <option value=option.label() selected=option == risk.response>{option.label()}</option> }).collect_view()}
                </select>
            </td>
            <td><CommitInput label=format!("Mitigation of {}", risk.id) value=Signal::stored(risk.mitigation.clone())
                on_commit=Callback::new(move |text: String| update_risk(context, &id.get_value(), |risk| risk.mitigation = text))/></td>
            <td>
                <select class="input" aria-label=format!("Status of {}", risk.id) on:change=move |event| {
                    let label = event_target_value(&event);
                    if let Some(status) = RiskStatus::ALL.into_iter().find(|status| status.label() == label) {
                        update_risk(context, &id.get_value(), |risk| risk.status = status);
                    }
                }>
                    {RiskStatus::ALL.into_iter().map(|option| view! { <option value=option.label() selected=option == risk.status>{option.label()}</option> }).collect_view()}
                </select>
            </td>
            <td><CommitInput label=format!("Review date of {}", risk.id) kind="date" value=Signal::stored(format_optional_date(risk.review_date))
                on_commit=Callback::new(move |text: String| match parse_optional_date(&text) {
                    Ok(date) => update_risk(context, &id.get_value(), |risk| risk.review_date = date),
                    Err(message) => { context.refuse(message); false }
                })/></td>
            <td><CommitInput label=format!("Tasks {} threatens", risk.id) value=Signal::stored(linked)
                on_commit=Callback::new(move |text: String| {
                    let tasks: Vec<TaskId> = text.split([',', ' ']).map(str::trim).filter(|id| !id.is_empty()).map(TaskId::from).collect();
                    update_risk(context, &id.get_value(), |risk| risk.linked_tasks = tasks)
                })/></td>
            <td><button type="button" class="icon-button icon-button--danger" aria-label=format!("Delete {}", risk.id) title="Delete (Ctrl+Z brings it back)" on:click=move |_| {
                let id = id.get_value();
                if context.dispatch(Command::RemoveRisk(id.clone())).is_ok() {
                    context.notice.set(Some(Notice::info(format!("Deleted {id}. Undo (Ctrl+Z) brings it back."))));
                }
            }>"✕"</button></td>
        </tr>
    }
}
