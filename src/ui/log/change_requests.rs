//! The Log's change requests: the list, and one request's panel: what it asks for (the
//! changes taken from a proposal copy, compared with the plan by Compare's own diff),
//! its consequence, and Approve (one undo step, recording the decision) or Reject.

use leptos::prelude::*;

use crate::diff::proposal::{approve, capture, consequence_of, proposed_plan, reject, Consequence};
use crate::model::budget::format_money;
use crate::model::{ChangeRequest, ChangeRequestId, ChangeStatus, Command, PersonId};
use crate::storage;
use crate::ui::state::{use_plan, Notice, PlanContext};
use crate::ui::widgets::{CommitInput, CommitTextArea};

/// The request with this id, as the plan holds it now.
fn stored(context: PlanContext, id: &ChangeRequestId) -> Option<ChangeRequest> {
    context.document.plan.with(|plan| plan.change_request(id).cloned())
}

#[component]
pub fn ChangeRequestsTab() -> impl IntoView {
    let context = use_plan();
    let selected = RwSignal::new(None::<ChangeRequestId>);
    let requests = Memo::new(move |_| context.document.plan.with(|plan| plan.change_requests.clone()));
    let add = move |_| {
        let request = context.document.plan.with_untracked(|plan| {
            ChangeRequest::new(plan.next_change_request_id(), "New change request", storage::today())
        });
        let id = request.id.clone();
        if context.dispatch(Command::AddChangeRequest { request, index: None }).is_ok() {
            selected.set(Some(id));
        }
    };
    view! {
        <div class="change-requests" data-testid="change-requests">
            <div class="toolbar" role="toolbar" aria-label="Change requests">
                <button type="button" class="button button--primary" data-testid="change-request-add" on:click=add>"New change request"</button>
                <span class="toolbar__summary">"A change against the baseline: drafted in a copy of the plan, approved or rejected here."</span>
            </div>
            <table class="table change-requests__table">
                <thead>
                    <tr>
                        <th scope="col">"ID"</th><th scope="col">"Change"</th><th scope="col">"Requested by"</th>
                        <th scope="col">"Raised"</th><th scope="col">"Status"</th><th scope="col">"Asks for"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || requests.get() key=|request| request.clone() let:request>
                        <RequestRow request=request selected=selected/>
                    </For>
                </tbody>
            </table>
            {move || requests.with(Vec::is_empty).then(|| view! { <p class="change-requests__empty">"No change requests yet."</p> })}
            {move || selected.get().filter(|id| stored(context, id).is_some()).map(|id| view! { <RequestPanel id=id selected=selected/> })}
        </div>
    }
}

#[component]
fn RequestRow(request: ChangeRequest, selected: RwSignal<Option<ChangeRequestId>>) -> impl IntoView {
    let context = use_plan();
    let id = request.id.clone();
    let requester = context.document.plan.with_untracked(|plan| {
        request.requester.as_ref().and_then(|person| plan.person(person.as_str())).map(|person| person.name.clone())
    });
    let is_selected = {
        let id = id.clone();
        move || selected.with(|chosen| chosen.as_ref() == Some(&id))
    };
    let open = move |_| selected.set(Some(id.clone()));
    view! {
        <tr class:change-requests__selected=is_selected.clone() aria-selected=move || is_selected().to_string()>
            <td>{request.id.to_string()}</td>
            <td><button type="button" class="link-button" data-testid=format!("change-request-{}", request.id) on:click=open>{request.title.clone()}</button></td>
            <td>{requester.unwrap_or_default()}</td>
            <td>{request.raised.to_string()}</td>
            <td class=format!("change-requests__status change-requests__status--{}", request.status.label())>{request.status.label()}</td>
            <td>{format!("{} changes", request.change_count())}</td>
        </tr>
    }
}

/// One request: its fields, what it asks for, and the decision.
#[component]
fn RequestPanel(id: ChangeRequestId, selected: RwSignal<Option<ChangeRequestId>>) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let request = Memo::new(move |_| stored(context, &id.get_value()));
    let edit = move |change: &dyn Fn(&mut ChangeRequest)| {
        let Some(mut edited) = request.get_untracked() else { return false };
        change(&mut edited);
        context.dispatch(Command::UpdateChangeRequest(edited)).is_ok()
    };
    let people = move || context.document.plan.with(|plan| plan.people.clone());
    let requester = move || request.with(|request| request.as_ref().and_then(|request| request.requester.clone()));
    let proposed = move || {
        request.with(|request| request.as_ref().is_some_and(|request| request.status == ChangeStatus::Proposed))
    };
    view! {
        <section class="card change-request" aria-labelledby="change-request-title" data-testid="change-request-panel">
            <div class="change-request__head">
                <h3 id="change-request-title" class="card__title">{move || format!("Change request {}", id.get_value())}</h3>
                <button type="button" class="button button--quiet" on:click=move |_| selected.set(None)>"Close"</button>
            </div>
            <div class="form-grid">
                <label class="field field--wide">
                    <span class="field__label">"Title"</span>
                    <CommitInput label="Change request title" value=Signal::derive(move || request.get().map(|request| request.title).unwrap_or_default())
                        on_commit=Callback::new(move |text: String| edit(&|request| request.title = text.clone()))/>
                </label>
                <label class="field field--wide">
                    <span class="field__label">"Reason"</span>
                    <CommitTextArea label="Reason for the change" rows=3 value=Signal::derive(move || request.get().map(|request| request.reason).unwrap_or_default())
                        on_commit=Callback::new(move |text: String| edit(&|request| request.reason = text.clone()))/>
                </label>
                <label class="field">
                    <span class="field__label">"Requested by"</span>
                    <select class="input" aria-label="Requested by" prop:value=move || requester().map(|person| person.to_string()).unwrap_or_default()
                        on:change=move |event| {
                            let chosen = Some(event_target_value(&event)).filter(|value| !value.is_empty()).map(PersonId::new);
                            edit(&|request| request.requester = chosen.clone());
                        }>
                        <option value="">"Nobody chosen"</option>
                        {move || people().into_iter().map(|person| view! { <option value=person.id.to_string()>{person.name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <ProposalSection id=id.get_value() editable=Signal::derive(proposed)/>
            <DecisionSection id=id.get_value()/>
        </section>
    }
}

/// Where the changes come from (a copy of the plan) and what they are.
#[component]
fn ProposalSection(id: ChangeRequestId, editable: Signal<bool>) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let source = RwSignal::new(String::new());
    let draft = move |_| {
        let Some(request) = stored(context, &id.get_value()) else { return };
        let mut copy = context.document.plan.get_untracked();
        copy.name = format!("{} (proposal {})", copy.name, request.id);
        let original = context.document.plan.with_untracked(|plan| plan.name.clone());
        let base = crate::file::to_json_compact(&copy);
        if context.open_new(copy) {
            // The copy's starting point, kept as its common version: what the request asks
            // for is what the copy changes since, whatever the plan changes meanwhile.
            context.remember_common_version(&base);
            context.session.notice.set(Some(Notice::info(format!(
                "Opened a copy for {}: make the changes it asks for here, then go back to \"{original}\" and take them in {} (Log, Change requests).",
                request.id, request.id
            ))));
        }
    };
    let take = move |_| {
        let chosen = source.get_untracked();
        let proposal = match context.read_stored_plan(&chosen) {
            Ok(plan) => plan,
            Err(problems) => return context.refuse(format!("the copy could not be read: {}", problems.join("; "))),
        };
        let Some(request) = stored(context, &id.get_value()) else { return };
        let base = context
            .with_store(|store| store.load_common_version(&chosen).ok().flatten())
            .flatten()
            .and_then(|text| crate::file::parse(&text).ok());
        let captured = match &base {
            Some(base) => capture(&request, base, &proposal),
            None => context.document.plan.with_untracked(|plan| capture(&request, plan, &proposal)),
        };
        let count = captured.change_count();
        if context.dispatch(Command::UpdateChangeRequest(captured)).is_ok() {
            let compared = match base {
                Some(_) => "what it changed since it was drafted",
                None => "how it differs from this plan now (where it started is not known: it was not drafted here)",
            };
            context.session.notice.set(Some(Notice::info(format!(
                "{} now asks for {count} changes, taken from \"{}\": {compared}.",
                request.id, proposal.name
            ))));
        }
    };
    let copies = move || {
        let open = context.document.plan_id.get();
        context.session.plans.get().into_iter().filter(|meta| Some(&meta.id) != open.as_ref()).collect::<Vec<_>>()
    };
    view! {
        <section class="change-request__proposal" aria-label="What it asks for">
            <h4>"What it asks for"</h4>
            <Show when=move || editable.get()>
                <div class="toolbar">
                    <button type="button" class="button" data-testid="change-request-draft" on:click=draft>"Draft the changes in a copy"</button>
                    <label class="change-request__source">
                        <span>"Take the changes from "</span>
                        <select class="input" aria-label="Take the changes from" data-testid="change-request-source" prop:value=move || source.get()
                            on:change=move |event| source.set(event_target_value(&event))>
                            <option value="">"Choose a plan kept in this browser"</option>
                            {move || copies().into_iter().map(|meta| view! { <option value=meta.id.clone()>{meta.name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="button" data-testid="change-request-take" disabled=move || source.with(String::is_empty) on:click=take>"Take the changes"</button>
                </div>
            </Show>
            <ChangesAndConsequence id=id.get_value()/>
        </section>
    }
}

/// The changes in Compare's words, and what they do; or why they no longer apply.
#[component]
fn ChangesAndConsequence(id: ChangeRequestId) -> impl IntoView {
    let context = use_plan();
    let reading = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            let request = plan.change_request(&id)?.clone();
            if request.change_count() == 0 {
                return Some(Err(vec![
                    "Nothing yet: draft the changes in a copy of the plan, then take them from it.".to_string(),
                ]));
            }
            if request.status != ChangeStatus::Proposed {
                return Some(Ok((changed_sentences(&request), None)));
            }
            Some(match proposed_plan(plan, &request) {
                Ok(proposed) => {
                    let lines = crate::diff::diff(plan, &proposed).to_text().lines().map(str::to_string).collect();
                    let consequence = consequence_of(plan, &proposed);
                    Ok((lines, Some(consequence_lines(&consequence, &plan.budget.currency))))
                }
                Err(problems) => {
                    Err(problems.into_iter().map(|problem| format!("It no longer applies: {problem}.")).collect())
                }
            })
        })
    });
    move || match reading.get() {
        None => ().into_any(),
        Some(Err(lines)) => view! {
            <ul class="banner banner--warning change-request__problems" data-testid="change-request-problems">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Some(Ok((changes, consequence))) => view! {
            <ul class="change-request__changes" data-testid="change-request-changes">
                {changes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
            {consequence.map(|lines| view! {
                <h4>"Consequence"</h4>
                <ul class="change-request__consequence" data-testid="change-request-consequence">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            })}
        }
        .into_any(),
    }
}

/// The changes of a decided request, from what it kept (the plan has moved on since).
fn changed_sentences(request: &ChangeRequest) -> Vec<String> {
    let tasks = request.tasks.iter().map(|change| match (&change.before, &change.after) {
        (Some(_), Some(after)) => format!("{} \"{}\" changed", after.id, after.name),
        (None, Some(after)) => format!("{} \"{}\" added", after.id, after.name),
        (Some(before), None) => format!("{} \"{}\" removed", before.id, before.name),
        (None, None) => String::new(),
    });
    let links = request
        .dependencies
        .iter()
        .filter_map(|change| change.after.as_ref().or(change.before.as_ref()))
        .map(|link| format!("link {} → {} changed", link.predecessor, link.successor));
    let costs = request
        .costs
        .iter()
        .filter_map(|change| change.after.as_ref().or(change.before.as_ref()))
        .map(|cost| format!("costs of {} changed", cost.task));
    tasks.chain(links).chain(costs).filter(|line| !line.is_empty()).collect()
}

fn consequence_lines(consequence: &Consequence, currency: &str) -> Vec<String> {
    let mut lines: Vec<String> = match &consequence.schedule {
        Ok(moves) if moves.is_empty() => vec!["No milestone moves; the plan's finish stays.".into()],
        Ok(moves) => moves
            .milestones
            .iter()
            .map(ToString::to_string)
            .chain(moves.plan_finish.map(|finish| format!("The plan finishes {finish}")))
            .collect(),
        Err(error) => vec![format!("The changed plan cannot be scheduled: {error}")],
    };
    let change = consequence.cost_change();
    lines.push(match change.0.signum() {
        0 => "The planned cost does not change.".into(),
        1 => format!(
            "The planned cost rises by {}, to {}.",
            format_money(change, currency),
            format_money(consequence.cost_after, currency)
        ),
        _ => format!(
            "The planned cost falls by {}, to {}.",
            format_money(crate::model::Money(-change.0), currency),
            format_money(consequence.cost_after, currency)
        ),
    });
    lines
}

/// Approve or reject a proposed request; what was decided for a decided one.
#[component]
fn DecisionSection(id: ChangeRequestId) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let asking_why = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let request = Memo::new(move |_| stored(context, &id.get_value()));
    let approve_now = move |_| {
        let command =
            context.document.plan.with_untracked(|plan| approve(plan, &id.get_value(), None, storage::today()));
        match command {
            Ok(command) => {
                if context.dispatch(command).is_ok() {
                    context.session.notice.set(Some(Notice::info(format!("{} approved: its changes are made and the decision is in the Log. Undo (Ctrl+Z) takes it all back.", id.get_value()))));
                }
            }
            Err(problems) => context.refuse(problems.join("; ")),
        }
    };
    let reject_now = move |_| {
        let command = context
            .document
            .plan
            .with_untracked(|plan| reject(plan, &id.get_value(), &why.get_untracked(), storage::today()));
        match command {
            Ok(command) => {
                if context.dispatch(command).is_ok() {
                    asking_why.set(false);
                }
            }
            Err(problem) => context.refuse(problem),
        }
    };
    move || {
        match request.get() {
        Some(request) if request.status == ChangeStatus::Proposed => view! {
            <div class="change-request__decide">
                <Show when=move || asking_why.get() fallback=move || view! {
                    <button type="button" class="button button--primary" data-testid="change-request-approve" on:click=approve_now
                        disabled=move || request_changes(context, &id.get_value()) == 0>"Approve"</button>
                    <button type="button" class="button" data-testid="change-request-reject" on:click=move |_| asking_why.set(true)>"Reject…"</button>
                }>
                    <label class="field field--wide">
                        <span class="field__label">"Why is it rejected?"</span>
                        <textarea class="input" rows="2" aria-label="Why it is rejected" data-testid="change-request-why"
                            prop:value=move || why.get() on:input=move |event| why.set(event_target_value(&event))></textarea>
                    </label>
                    <button type="button" class="button button--danger" data-testid="change-request-reject-confirm" on:click=reject_now>"Reject"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| asking_why.set(false)>"Cancel"</button>
                </Show>
            </div>
        }.into_any(),
        Some(request) => {
            let decided = request.decided.map(|day| day.to_string()).unwrap_or_default();
            let said = match request.status {
                ChangeStatus::Approved => format!("Approved on {decided}{}.", request.decision.map(|decision| format!(", recorded as decision {decision}")).unwrap_or_default()),
                _ => format!("Rejected on {decided}: {}", request.rejection),
            };
            view! { <p class="change-request__decided" data-testid="change-request-decided">{said}</p> }.into_any()
        }
        None => ().into_any(),
    }
    }
}

fn request_changes(context: PlanContext, id: &ChangeRequestId) -> usize {
    stored(context, id).map_or(0, |request| request.change_count())
}
