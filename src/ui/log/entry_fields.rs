//! Each kind's fields in the panel: an assumption's, an issue's (with the risk or the
//! assumption it came from), a decision's (who decided, proposed from the RACI; the
//! risks it answers; what it superseded or was superseded by).

use leptos::prelude::*;

use super::panel::{
    area_field, choice_field, date_field, person_field, tasks_field, text_field, typed_ids, Fields, PanelQuestion,
};
use crate::model::log::{decider_name, proposed_decider};
use crate::model::{
    Assumption, AssumptionStatus, Decision, DecisionId, Issue, IssueStatus, LogEntryId, PersonId, Plan, RiskId,
    Severity, TaskId,
};
use crate::ui::state::{Notice, Page, PlanContext};
use crate::ui::widgets::{format_optional_date, parse_optional_date, CommitInput};

/// An assumption's fields. Choosing "proven wrong" asks first (`PanelQuestion::ProvenWrong`).
#[component]
pub fn AssumptionFields(fields: Fields<Assumption>, question: RwSignal<PanelQuestion>) -> impl IntoView {
    let stored = fields.stored;
    let choose_status = move |event: web_sys::Event, label: String| {
        let Some(status) = AssumptionStatus::ALL.into_iter().find(|status| status.label() == label) else { return };
        if status == AssumptionStatus::ProvenWrong {
            // Ask first what it raises; the select shows the stored status until then.
            let select: web_sys::HtmlSelectElement = event_target(&event);
            select.set_value(stored.with_untracked(|entry| entry.as_ref().map_or("", |entry| entry.status.label())));
            question.set(PanelQuestion::ProvenWrong);
        } else {
            fields.edit(|entry| entry.status = status);
        }
    };
    let statuses = AssumptionStatus::ALL.iter().map(|status| status.label()).collect();
    view! {
        {text_field(fields, "Statement", true, |entry| entry.statement.clone(), |entry, text| entry.statement = text)}
        {person_field(fields, "Owner", no_owner(), |entry| entry.owner.clone(), move |owner| fields.edit(|entry| entry.owner = owner))}
        {date_field(fields, "Validate by", |entry| entry.validate_by, |entry, date| entry.validate_by = date)}
        {choice_field(fields, "Status", statuses, |entry| entry.status.label(), choose_status)}
        {area_field(fields, "Notes", |entry| entry.notes.clone(), |entry, text| entry.notes = text)}
        {tasks_field(fields, |entry| entry.linked_tasks.clone(), move |tasks| fields.edit(|entry| entry.linked_tasks = tasks))}
        <p class="risk-panel__dates field--wide">{move || stored.with(|entry| entry.as_ref().and_then(|entry| entry.created).map(|day| format!("Entered {}", format_optional_date(Some(day)))))}</p>
    }
}

/// An issue's fields, and where it came from.
#[component]
pub fn IssueFields(fields: Fields<Issue>) -> impl IntoView {
    let severities = Severity::ALL.iter().map(|severity| severity.label()).collect();
    let choose_severity = move |_, label: String| {
        if let Some(severity) = Severity::ALL.into_iter().find(|severity| severity.label() == label) {
            fields.edit(|entry| entry.severity = severity);
        }
    };
    let statuses = IssueStatus::ALL.iter().map(|status| status.label()).collect();
    let choose_status = move |_, label: String| {
        if let Some(status) = IssueStatus::ALL.into_iter().find(|status| status.label() == label) {
            fields.edit(|entry| entry.status = status);
        }
    };
    view! {
        {text_field(fields, "Title", true, |entry| entry.title.clone(), |entry, text| entry.title = text)}
        <IssueOrigin fields=fields/>
        {area_field(fields, "Description", |entry| entry.description.clone(), |entry, text| entry.description = text)}
        {choice_field(fields, "Severity", severities, |entry| entry.severity.label(), choose_severity)}
        {person_field(fields, "Owner", no_owner(), |entry| entry.owner.clone(), move |owner| fields.edit(|entry| entry.owner = owner))}
        {date_field(fields, "Raised", |entry| entry.raised, |entry, date| entry.raised = date)}
        {date_field(fields, "Due", |entry| entry.due, |entry, date| entry.due = date)}
        {choice_field(fields, "Status", statuses, |entry| entry.status.label(), choose_status)}
        {area_field(fields, "Resolution", |entry| entry.resolution.clone(), |entry, text| entry.resolution = text)}
        {tasks_field(fields, |entry| entry.linked_tasks.clone(), move |tasks| fields.edit(|entry| entry.linked_tasks = tasks))}
    }
}

/// Where an issue came from: a risk that occurred, or an assumption proven wrong; each
/// opens where it is kept.
#[component]
fn IssueOrigin(fields: Fields<Issue>) -> impl IntoView {
    let (context, stored) = (fields.context, fields.stored);
    move || {
        let (risk, assumption) = stored.with(|entry| {
            entry.as_ref().map(|entry| (entry.from_risk.clone(), entry.from_assumption.clone())).unwrap_or_default()
        });
        let risk = risk.map(|risk| {
            let title = context.document.plan.with(|plan| plan.risk(risk.as_str()).map(|found| found.title.clone()));
            view! {
                <p class="log-panel__origin field--wide" data-testid="log-issue-origin">
                    "Raised when a risk occurred: "
                    {risk_link(context, risk, title.unwrap_or_default())}
                </p>
            }
        });
        let assumption = assumption.map(|assumption| {
            let text = context.document.plan.with(|plan| {
                plan.assumptions
                    .iter()
                    .find(|entry| entry.id == assumption)
                    .map_or_else(|| assumption.to_string(), |entry| format!("{} {}", entry.id, entry.statement))
            });
            view! {
                <p class="log-panel__origin field--wide" data-testid="log-issue-origin">
                    "Raised when an assumption was proven wrong: "
                    <button type="button" class="link-button" title="Open the assumption"
                        on:click=move |_| context.view.selected_log.set(Some(LogEntryId::Assumption(assumption.clone())))>{text}</button>
                </p>
            }
        });
        view! { {risk}{assumption} }
    }
}

/// A risk as a link that opens it in the risk register.
fn risk_link(context: PlanContext, risk: RiskId, title: String) -> impl IntoView {
    let text = if title.is_empty() { risk.to_string() } else { format!("{risk} {title}") };
    view! {
        <button type="button" class="link-button" title="Open it in the risk register" on:click=move |_| {
            context.view.selected_risk.set(Some(risk.clone()));
            context.show_page(Page::Risks);
        }>{text}</button>
    }
}

/// A decision's fields: who decided (the kept name when they left the plan), when, the
/// options, why, its tasks and risks, and what it superseded or was superseded by.
#[component]
pub fn DecisionFields(fields: Fields<Decision>) -> impl IntoView {
    let context = fields.context;
    let choose_decider = move |person: Option<PersonId>| {
        let name = person.as_ref().and_then(|id| {
            context.document.plan.with_untracked(|plan| plan.person(id.as_str()).map(|found| found.name.clone()))
        });
        fields.edit(|entry| {
            entry.decided_by = person;
            entry.decided_by_name = name.unwrap_or_default();
        })
    };
    let commit_date = move |text: String| match parse_optional_date(&text) {
        Ok(Some(date)) => fields.edit(|entry| entry.date = date),
        Ok(None) => {
            context.refuse("a decision keeps the day it was taken");
            false
        }
        Err(message) => {
            context.refuse(message);
            false
        }
    };
    view! {
        {text_field(fields, "Title", true, |entry| entry.title.clone(), |entry, text| entry.title = text)}
        <Supersession fields=fields/>
        {person_field(fields, "Decided by", kept_decider(fields), |entry| entry.decided_by.clone(), choose_decider)}
        <label class="field">
            <span class="field__label">"Date"</span>
            <CommitInput label=fields.name("Date") kind="date" value=fields.read(|entry| format_optional_date(Some(entry.date)))
                on_commit=Callback::new(commit_date)/>
        </label>
        {area_field(fields, "Options considered", |entry| entry.options.clone(), |entry, text| entry.options = text)}
        {area_field(fields, "Rationale", |entry| entry.rationale.clone(), |entry, text| entry.rationale = text)}
        {tasks_field(fields, |entry| entry.linked_tasks.clone(), move |tasks| link_tasks(fields, tasks))}
        <LinkedRisks fields=fields/>
    }
}

/// Links a decision to tasks; nobody chosen yet as its decider, the Accountable person
/// of those tasks in the RACI is proposed (and said so).
fn link_tasks(fields: Fields<Decision>, tasks: Vec<TaskId>) -> bool {
    let context = fields.context;
    let undecided = fields.stored.with_untracked(|entry| {
        entry.as_ref().is_some_and(|entry| entry.decided_by.is_none() && entry.decided_by_name.trim().is_empty())
    });
    let proposal = context.document.plan.with_untracked(|plan| proposal(plan, &tasks)).filter(|_| undecided);
    let accepted = fields.edit(|entry| {
        entry.linked_tasks = tasks;
        if let Some((person, name)) = proposal.clone() {
            entry.decided_by = Some(person);
            entry.decided_by_name = name;
        }
    });
    if let (true, Some((_, name))) = (accepted, proposal) {
        let text = format!("{name} proposed as who decides: Accountable for a linked task in the RACI.");
        context.session.notice.set(Some(Notice::info(text)));
    }
    accepted
}

/// The person `proposed_decider` names for these tasks, with their name.
fn proposal(plan: &Plan, tasks: &[TaskId]) -> Option<(PersonId, String)> {
    let person = proposed_decider(plan, tasks)?;
    let name = plan.person(person.as_str())?.name.clone();
    Some((person, name))
}

/// What the decider's list shows for nobody in the plan: the name kept with the
/// decision when its person left the plan ("Ana Ruiz (no longer in the plan)").
fn kept_decider(fields: Fields<Decision>) -> Signal<String> {
    let (context, stored) = (fields.context, fields.stored);
    Signal::derive(move || {
        let kept = stored.with(|decision| {
            decision
                .as_ref()
                .filter(|decision| decision.decided_by.is_none() && !decision.decided_by_name.trim().is_empty())
                .cloned()
        });
        match kept {
            Some(decision) => context.document.plan.with(|plan| decider_name(plan, &decision)),
            None => "– not recorded –".to_string(),
        }
    })
}

fn no_owner() -> Signal<String> {
    Signal::stored("– no owner –".to_string())
}

/// The decision that replaced this one, and those this one replaced; each opens.
#[component]
fn Supersession(fields: Fields<Decision>) -> impl IntoView {
    let (context, stored) = (fields.context, fields.stored);
    let open = move |id: DecisionId| {
        view! {
            <button type="button" class="link-button" title="Open that decision"
                on:click={
                    let id = id.clone();
                    move |_| context.view.selected_log.set(Some(LogEntryId::Decision(id.clone())))
                }>{id.to_string()}</button>
        }
    };
    move || {
        let decision = stored.get()?;
        let earlier: Vec<DecisionId> = context.document.plan.with(|plan| {
            plan.decisions
                .iter()
                .filter(|entry| entry.superseded_by.as_ref() == Some(&decision.id))
                .map(|entry| entry.id.clone())
                .collect()
        });
        let later = decision.superseded_by.clone().map(|later| view! { "Superseded by " {open(later)} ". " });
        let replaces =
            (!earlier.is_empty()).then(|| view! { "Supersedes " {earlier.into_iter().map(open).collect_view()} "." });
        (later.is_some() || replaces.is_some()).then(|| {
            view! {
                <p class="log-panel__origin field--wide" data-testid="log-supersession">{later}{replaces}</p>
            }
        })
    }
}

/// The risks the decision answers: their ids to edit, each a link to the register.
#[component]
fn LinkedRisks(fields: Fields<Decision>) -> impl IntoView {
    let (context, stored) = (fields.context, fields.stored);
    let links = move || {
        let risks = stored.with(|entry| entry.as_ref().map(|entry| entry.linked_risks.clone()).unwrap_or_default());
        risks
            .into_iter()
            .map(|risk| {
                let title = context.document.plan.with(|plan| plan.risk(risk.as_str()).map(|found| found.title.clone()));
                view! { <li class="risk-panel__task">{risk_link(context, risk, title.unwrap_or_else(|| "(no such risk)".into()))}</li> }
            })
            .collect_view()
    };
    view! {
        <label class="field field--wide">
            <span class="field__label">"Linked risks"</span>
            <CommitInput label=fields.name("Linked risks")
                value=fields.read(|entry| entry.linked_risks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
                on_commit=Callback::new(move |text: String| {
                    let risks: Vec<RiskId> = typed_ids(&text);
                    fields.edit(|entry| entry.linked_risks = risks)
                })/>
            <span class="risk-panel__meaning">"Risk ids, separated by commas: R2, R7"</span>
        </label>
        <ul class="risk-panel__tasks" aria-label="Linked risks">{links}</ul>
    }
}
