//! The panel's foot: "Proven wrong…" and "Delete…" for an assumption, "Delete…" for an
//! issue, "Supersede…" for a decision (never deleted), or the question one of them
//! asks. Each answer is one undo step.

use leptos::prelude::*;

use super::page::LogView;
use super::panel::PanelQuestion;
use crate::model::log::{new_decision, prove_wrong, supersede, Raise};
use crate::model::{AssumptionStatus, Command, LogEntry, LogEntryId, LogKind};
use crate::ui::state::Notice;
use crate::ui::widgets::focus_when_drawn;

/// Puts the question away unanswered (Cancel, Escape): the focus goes back to the button
/// that asked it.
pub fn put_away(question: RwSignal<PanelQuestion>) {
    let button = match question.get_untracked() {
        PanelQuestion::None => return,
        PanelQuestion::Delete => "log-delete",
        PanelQuestion::ProvenWrong => "log-proven-wrong",
        PanelQuestion::Supersede => "log-supersede",
    };
    question.set(PanelQuestion::None);
    focus_when_drawn(format!("[data-testid=log-panel] [data-testid={button}]"), false);
}

/// The panel's foot: the kind's buttons, or the question one of them asked.
#[component]
pub fn PanelActions(id: LogEntryId, log: LogView) -> impl IntoView {
    let id = StoredValue::new(id);
    let question = log.question;
    // A question asked: its first answer takes the focus.
    Effect::new(move |_| {
        if question.get() != PanelQuestion::None {
            focus_when_drawn("[data-testid=log-panel] [data-answer=first]".into(), true);
        }
    });
    move || match question.get() {
        PanelQuestion::Delete => view! { <DeleteQuestion id=id.get_value() log=log/> }.into_any(),
        PanelQuestion::ProvenWrong => view! { <ProvenWrongQuestion id=id.get_value() log=log/> }.into_any(),
        PanelQuestion::Supersede => view! { <SupersedeQuestion id=id.get_value() log=log/> }.into_any(),
        PanelQuestion::None => view! { <ActionButtons id=id.get_value() log=log/> }.into_any(),
    }
}

/// The buttons of the entry's kind.
#[component]
fn ActionButtons(id: LogEntryId, log: LogView) -> impl IntoView {
    let (context, question) = (log.context, log.question);
    let kind = id.kind();
    let stored = StoredValue::new(id);
    let entry = Memo::new(move |_| context.document.plan.with(|plan| plan.log_entry(&stored.get_value())));
    let proven_wrong = move || matches!(entry.get(), Some(LogEntry::Assumption(assumption)) if assumption.status == AssumptionStatus::ProvenWrong);
    let superseded =
        move || matches!(entry.get(), Some(LogEntry::Decision(decision)) if decision.superseded_by.is_some());
    let ask = move |asked: PanelQuestion| move |_| question.set(asked);
    view! {
        <div class="risk-panel__actions">
            {(kind == LogKind::Assumption).then(|| view! {
                <button type="button" class="button" data-testid="log-proven-wrong" disabled=proven_wrong
                    title="Mark it proven wrong, and raise a risk or an issue for what follows"
                    on:click=ask(PanelQuestion::ProvenWrong)>"Proven wrong…"</button>
            })}
            {(kind == LogKind::Decision).then(|| view! {
                <button type="button" class="button" data-testid="log-supersede" disabled=superseded
                    title="Record the decision that replaces this one; this one stays in the log, marked"
                    on:click=ask(PanelQuestion::Supersede)>"Supersede…"</button>
                <span class="risk-panel__meaning">"Decisions are kept: a later one supersedes them."</span>
            })}
            <span class="toolbar__spacer"></span>
            {(kind != LogKind::Decision).then(|| view! {
                <button type="button" class="button button--danger" data-testid="log-delete"
                    on:click=ask(PanelQuestion::Delete)>"Delete…"</button>
            })}
        </div>
    }
}

/// "Delete A3?": an assumption or an issue, one undo step.
#[component]
fn DeleteQuestion(id: LogEntryId, log: LogView) -> impl IntoView {
    let (context, question) = (log.context, log.question);
    let shown = id.as_str().to_string();
    let stored = StoredValue::new(id);
    let delete = move |_| {
        let id = stored.get_value();
        question.set(PanelQuestion::None);
        if context.dispatch(Command::RemoveLogEntry(id.clone())).is_ok() {
            context.view.selected_log.set(None);
            let text = format!("Deleted {}. Undo (Ctrl+Z) brings it back.", id.as_str());
            context.session.notice.set(Some(Notice::info(text)));
            focus_when_drawn("[data-testid=log-add]".into(), false);
        }
    };
    view! {
        <div class="risk-panel__question" role="alertdialog" aria-label=format!("Delete {shown}") data-testid="log-delete-question">
            <p class="confirm">{format!("Delete {shown}?")}</p>
            <p class="risk-panel__meaning">"Undo (Ctrl+Z) brings it back."</p>
            <button type="button" class="button button--danger" data-answer="first" data-testid="log-delete-confirm" on:click=delete>"Delete"</button>
            <button type="button" class="button button--quiet" on:click=move |_| put_away(question)>"Cancel"</button>
        </div>
    }
}

/// "Proven wrong": raise a risk, an issue, or only mark it; one step either way.
#[component]
fn ProvenWrongQuestion(id: LogEntryId, log: LogView) -> impl IntoView {
    let (context, question, today) = (log.context, log.question, log.today);
    let LogEntryId::Assumption(assumption) = id else { return ().into_any() };
    let shown = assumption.to_string();
    let stored = StoredValue::new(assumption);
    let answer = move |raise: Option<Raise>| {
        question.set(PanelQuestion::None);
        let id = stored.get_value();
        let (command, risk, issue) = context
            .document
            .plan
            .with_untracked(|plan| (prove_wrong(plan, &id, raise, today), plan.next_risk_id(), plan.next_issue_id()));
        let command = match command {
            Ok(command) => command,
            Err(error) => return context.refuse(error.to_string()),
        };
        if context.dispatch(command).is_ok() {
            let raised = match raise {
                Some(Raise::Risk) => format!(" Raised {risk} in the risk register."),
                Some(Raise::Issue) => format!(" Raised {issue} among the issues."),
                None => String::new(),
            };
            let text = format!("{id} marked proven wrong.{raised} Undo (Ctrl+Z) takes it all back.");
            context.session.notice.set(Some(Notice::info(text)));
            focus_when_drawn("[data-testid=log-panel] [data-testid=log-panel-status]".into(), false);
        }
    };
    view! {
        <div class="risk-panel__question" role="alertdialog" aria-label=format!("{shown} proven wrong") data-testid="log-proven-wrong-question">
            <p class="risk-panel__ask">{format!("{shown} was proven wrong. Raise something for what follows?")}</p>
            <p class="risk-panel__meaning">"A risk or an issue named after it, with its owner and linked tasks."</p>
            <button type="button" class="button button--primary" data-answer="first" data-testid="log-raise-risk" on:click=move |_| answer(Some(Raise::Risk))>"Raise a risk"</button>
            <button type="button" class="button" data-testid="log-raise-issue" on:click=move |_| answer(Some(Raise::Issue))>"Raise an issue"</button>
            <button type="button" class="button" data-testid="log-mark-only" on:click=move |_| answer(None)>"Only mark it"</button>
            <button type="button" class="button button--quiet" on:click=move |_| put_away(question)>"Cancel"</button>
        </div>
    }
    .into_any()
}

/// "Supersede": the new decision's title, then one step that records it and marks this
/// one superseded. The new one opens, its title focused.
#[component]
fn SupersedeQuestion(id: LogEntryId, log: LogView) -> impl IntoView {
    let (context, question, today) = (log.context, log.question, log.today);
    let LogEntryId::Decision(old) = id else { return ().into_any() };
    let shown = old.to_string();
    let old_title = context
        .document
        .plan
        .with_untracked(|plan| plan.decisions.iter().find(|entry| entry.id == old).map(|entry| entry.title.clone()));
    let title = RwSignal::new(old_title.unwrap_or_default());
    let stored = StoredValue::new(old);
    let confirm = move || {
        let old = stored.get_value();
        let (replacement, command) = context.document.plan.with_untracked(|plan| {
            let earlier = plan.decisions.iter().find(|entry| entry.id == old).cloned();
            let tasks = earlier.as_ref().map(|entry| entry.linked_tasks.clone()).unwrap_or_default();
            let mut replacement = new_decision(plan, title.get_untracked().trim(), tasks, today);
            replacement.linked_risks = earlier.map(|entry| entry.linked_risks).unwrap_or_default();
            (replacement.id.clone(), supersede(plan, &old, replacement))
        });
        let command = match command {
            Ok(command) => command,
            Err(error) => return context.refuse(error.to_string()),
        };
        if context.dispatch(command).is_ok() {
            question.set(PanelQuestion::None);
            context.view.selected_log.set(Some(LogEntryId::Decision(replacement.clone())));
            let text = format!("{replacement} supersedes {old}, which stays in the log. Undo (Ctrl+Z) takes it back.");
            context.session.notice.set(Some(Notice::info(text)));
            focus_when_drawn("[data-testid=log-panel] .log-panel__title".into(), true);
        }
    };
    view! {
        <div class="risk-panel__question" role="alertdialog" aria-label=format!("Supersede {shown}") data-testid="log-supersede-question">
            <p class="risk-panel__ask">{format!("Record the decision that replaces {shown}?")}</p>
            <p class="risk-panel__meaning">{format!("{shown} stays in the log, marked superseded. The new one links the same tasks and risks.")}</p>
            <label class="field field--wide">
                <span class="field__label">"What was decided now"</span>
                <input type="text" class="input" data-answer="first" data-testid="log-supersede-title" aria-label="Title of the new decision"
                    prop:value=move || title.get()
                    on:input=move |event| title.set(event_target_value(&event))
                    on:keydown=move |event| if event.key() == "Enter" { event.prevent_default(); confirm(); }/>
            </label>
            <button type="button" class="button button--primary" data-testid="log-supersede-confirm" on:click=move |_| confirm()>"Supersede"</button>
            <button type="button" class="button button--quiet" on:click=move |_| put_away(question)>"Cancel"</button>
        </div>
    }
    .into_any()
}
