//! Links to tasks of other plans kept in this browser, in the timeline: the selected
//! task's links to other plans with a form to add one (`CrossPlanLinks`, in the task's
//! details), and the notice that another plan's dates moved, with what that moves here
//! and a button that brings the known dates up to date as one undo step
//! (`OtherPlansMoved`). The rules are `crate::portfolio` (refresh, cycles across plans);
//! a link keeps the other task's last known dates, so the plan schedules on its own.

use leptos::prelude::*;

use crate::model::{DependencyKind, ExternalDependency, Plan, TaskId};
use crate::portfolio::{refresh, ExternalRefresh, OtherPlan, PlanSource, Portfolio};
use crate::schedule::{compute, Schedule};
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::unique_id;

/// The tasks of `plan` a link can wait on (summaries roll up their children's dates):
/// (id, "T7 GA").
fn leaf_tasks(plan: &Plan) -> Vec<(String, String)> {
    let parents: std::collections::HashSet<&TaskId> =
        plan.tasks.iter().filter_map(|task| task.parent.as_ref()).collect();
    plan.tasks
        .iter()
        .filter(|task| !parents.contains(&task.id))
        .map(|task| (task.id.to_string(), format!("{} {}", task.id, task.name)))
        .collect()
}

/// "Platform upgrade: T7 GA (FS, lag 2) · 2027-03-04 → 2027-03-04".
fn link_text(link: &ExternalDependency) -> String {
    let lag = if link.lag == 0 { String::new() } else { format!(", lag {}", link.lag) };
    let missing = if link.known.missing { " · no longer in its plan" } else { "" };
    format!(
        "{}: {} {} ({}{lag}) · {} → {}{missing}",
        link.known.plan_name,
        link.predecessor,
        link.known.name,
        link.kind.label(),
        link.known.start,
        link.known.finish
    )
}

/// The task's links to tasks of other plans, each with "Remove", and a form to add one.
#[component]
pub fn CrossPlanLinks(
    /// The task that waits.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let links = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            let successor = id.get_value();
            plan.external_dependencies.iter().filter(|link| link.successor == successor).cloned().collect::<Vec<_>>()
        })
    });
    let remove = move |link: ExternalDependency| {
        let command = crate::model::Command::RemoveExternalDependency {
            plan: link.plan,
            predecessor: link.predecessor,
            successor: link.successor,
        };
        if let Err(error) = context.dispatch(command) {
            context.refuse(error.to_string());
        }
    };
    view! {
        <section class="task-details__section cross-plan" aria-labelledby=format!("cross-plan-{}", id.get_value())>
            <h3 id=format!("cross-plan-{}", id.get_value()) class="task-details__subtitle">"Waits on other plans"</h3>
            <ul class="cross-plan__list" data-testid="cross-plan-links">
                {move || links.get().into_iter().map(|link| {
                    let text = link_text(&link);
                    let label = format!("Remove the link to {} of {}", link.predecessor, link.known.plan_name);
                    let missing = link.known.missing;
                    view! {
                        <li data-testid="cross-plan-link" class:cross-plan__link--missing=missing>
                            <span>{text}</span>" "
                            <button type="button" class="button button--quiet" aria-label=label on:click=move |_| remove(link.clone())>
                                "Remove"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <AddCrossPlanLink/>
        </section>
    }
}

/// "Link to a task of another plan…", which opens the form (a part fetched then: the other
/// plans are read only then).
#[component]
fn AddCrossPlanLink() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="button button--quiet" data-testid="cross-plan-open" on:click=move |_| open.set(true)>
                "Link to a task of another plan…"
            </button>
        }>
            {crate::ui::parts::show("the form for links to other plans", || Box::pin(super::cross_plan_form()))}
        </Show>
    }
}

/// The notice that a plan this one waits on moved, for a plan with links to other plans
/// (its code is a part, fetched only then).
#[component]
pub fn OtherPlansMovedSlot() -> impl IntoView {
    let context = use_plan();
    let has_links = Memo::new(move |_| context.document.plan.with(|plan| !plan.external_dependencies.is_empty()));
    move || {
        has_links.get().then(|| {
            crate::ui::parts::show("the check of the plans this one waits on", || Box::pin(super::other_plans_moved()))
        })
    }
}

/// Plan, task, kind and lag of a new link to another plan for the selected task; "Add
/// link" checks that it closes no cycle across the plans of this browser before it is added.
#[component]
pub fn CrossPlanForm() -> impl IntoView {
    let context = use_plan();
    let Some(id) = context.view.selected_task.get_untracked() else {
        return ().into_any();
    };
    let others = RwSignal::new(Vec::<(String, Plan)>::new());
    let chosen_plan = RwSignal::new(String::new());
    let chosen_task = RwSignal::new(String::new());
    let kind = RwSignal::new(DependencyKind::FS);
    let lag = RwSignal::new(0_i32);
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("cross-plan-refusal");
    // Read when the form opens, and again when another plan kept here is saved.
    let other_revisions = other_revisions(context);
    Effect::new(move |_| {
        other_revisions.track();
        others.set(context.other_stored_plans());
    });
    let tasks = Memo::new(move |_| {
        let storage_id = chosen_plan.get();
        others.with(|others| {
            others
                .iter()
                .find(|(stored, _)| *stored == storage_id)
                .map(|(_, plan)| leaf_tasks(plan))
                .unwrap_or_default()
        })
    });
    let id = StoredValue::new(id);
    let add = move |_| {
        let result = add_link(
            context,
            &chosen_plan.get_untracked(),
            &chosen_task.get_untracked(),
            &id.get_value(),
            kind.get_untracked(),
            lag.get_untracked(),
        );
        match result {
            Ok(()) => {
                refusal.set(None);
                chosen_task.set(String::new());
            }
            Err(why) => refusal.set(Some(why)),
        }
    };
    let described = message_id.clone();
    view! {
        <div class="cross-plan__form" data-testid="cross-plan-form">
            <label class="field">
                <span class="field__label">"Plan"</span>
                <select data-testid="cross-plan-plan" on:change=move |event| { chosen_plan.set(event_target_value(&event)); chosen_task.set(String::new()); }>
                    <option value="" selected=move || chosen_plan.with(String::is_empty)>"Choose a plan kept in this browser"</option>
                    {move || others.get().into_iter().map(|(storage_id, plan)| view! {
                        <option value=storage_id.clone() selected=move || chosen_plan.get() == storage_id>{plan.name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">"Its task"</span>
                <select data-testid="cross-plan-task" on:change=move |event| chosen_task.set(event_target_value(&event))>
                    <option value="" selected=move || chosen_task.with(String::is_empty)>"Choose a task"</option>
                    {move || tasks.get().into_iter().map(|(task_id, label)| {
                        let value = task_id.clone();
                        view! { <option value=task_id selected=move || chosen_task.get() == value>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">"Link"</span>
                <select data-testid="cross-plan-kind" on:change=move |event| {
                    let value = event_target_value(&event);
                    if let Some(chosen) = DependencyKind::ALL.into_iter().find(|option| option.label() == value) { kind.set(chosen) }
                }>
                    {DependencyKind::ALL.into_iter().map(|option| view! {
                        <option value=option.label() selected=move || kind.get() == option>{option.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">"Lag (working days)"</span>
                <input type="number" data-testid="cross-plan-lag" prop:value=move || lag.get().to_string()
                    on:change=move |event| lag.set(event_target_value(&event).trim().parse().unwrap_or(0))/>
            </label>
            <button type="button" class="button" data-testid="cross-plan-add" aria-describedby=described on:click=add>"Add link"</button>
            <p id=message_id class="field__refusal" role="alert" data-testid="cross-plan-refusal">{move || refusal.get()}</p>
        </div>
    }
    .into_any()
}

/// The other plans kept in this browser, by storage id and revision: changes only when
/// one of them is saved, added or removed (not when the open plan is saved).
fn other_revisions(context: PlanContext) -> Memo<Vec<(String, u64)>> {
    Memo::new(move |_| {
        let open = context.document.plan_id.get();
        context.session.plans.with(|metas| {
            metas
                .iter()
                .filter(|meta| Some(&meta.id) != open.as_ref())
                .map(|meta| (meta.id.clone(), meta.revision))
                .collect()
        })
    })
}

/// Adds the link from task `task` of the stored plan `storage_id` to this plan's
/// `successor`, or says why not. The other plan is given its own id first if it has
/// none (saved with it), since the link names it by that id.
fn add_link(
    context: PlanContext,
    storage_id: &str,
    task: &str,
    successor: &TaskId,
    kind: DependencyKind,
    lag: i32,
) -> Result<(), String> {
    if storage_id.is_empty() || task.is_empty() {
        return Err("Choose a plan and one of its tasks first.".into());
    }
    let mut other = context
        .read_stored_plan(storage_id)
        .map_err(|problems| format!("That plan could not be read: {}.", problems.join("; ")))?;
    if other.id.is_none() {
        other.ensure_id();
        let text = crate::file::to_json_compact(&other);
        match context.with_store(|store| store.save_plan_again(storage_id, &other.name, &text)) {
            Some(Ok(_)) => context.refresh_plan_list(),
            _ => {
                return Err(format!("\"{}\" could not be given its id: this browser's storage refused it.", other.name))
            }
        }
    }
    let schedule = compute(&other).map_err(|error| format!("\"{}\" cannot be scheduled: {error}.", other.name))?;
    let index = other.task_index(task).ok_or_else(|| format!("{task} is no longer in \"{}\".", other.name))?;
    let link = ExternalDependency {
        plan: other.id.clone().expect("given above"),
        predecessor: other.tasks[index].id.clone(),
        successor: successor.clone(),
        kind,
        lag,
        known: crate::portfolio::known_task(&other, &schedule, index),
    };
    check_no_cycle(context, &link)?;
    context.dispatch(crate::model::Command::AddExternalDependency(link)).map_err(|error| format!("Not added: {error}."))
}

/// Refuses a link that would close a cycle through the plans kept in this browser.
fn check_no_cycle(context: PlanContext, link: &ExternalDependency) -> Result<(), String> {
    let mut portfolio = Portfolio::new();
    let this = portfolio.add(context.document.plan.get_untracked(), PlanSource::Stored);
    for (_, plan) in context.other_stored_plans().into_iter().filter(|(_, plan)| plan.id.is_some()) {
        portfolio.add(plan, PlanSource::Stored);
    }
    portfolio
        .check_new_link(this, link)
        .map_err(|cycle| format!("Not added: it would close a loop across plans ({cycle})."))
}

/// "Another plan moved": when a plan this one waits on is kept in this browser and its
/// dates differ from those this plan knows, says what moved and what that moves here,
/// with "Update the dates" (one undo step) and "Not now".
#[component]
pub fn OtherPlansMoved() -> impl IntoView {
    let context = use_plan();
    let found = RwSignal::new(None::<ExternalRefresh>);
    let dismissed = RwSignal::new(false);
    let other_revisions = other_revisions(context);
    Effect::new(move |_| {
        other_revisions.track();
        dismissed.set(false);
        found.set(check_other_plans(context));
    });
    // An edit here may make the known dates right (or an undo wrong again).
    Effect::new(move |previous: Option<usize>| {
        let links = context.document.plan.with(|plan| plan.external_dependencies.len());
        if previous.is_some_and(|previous| previous != links) {
            found.set(check_other_plans(context));
        }
        links
    });
    let update = move |_| {
        if let Some(command) = found.get_untracked().and_then(|refresh| refresh.command) {
            match context.dispatch(command) {
                Ok(()) => found.set(None),
                Err(error) => context.refuse(error.to_string()),
            }
        }
    };
    move || {
        let refresh = found.get().filter(|refresh| refresh.command.is_some() && !dismissed.get())?;
        Some(view! {
            <div class="banner banner--info cross-plan__moved" role="status" data-testid="other-plans-moved">
                <ul>
                    {refresh.changes.iter().map(|change| view! { <li>{change.sentence.clone()}</li> }).collect_view()}
                    {refresh.together.clone().map(|together| view! { <li>{together}</li> })}
                </ul>
                <button type="button" class="button" data-testid="other-plans-update" on:click=update>"Update the dates"</button>
                <button type="button" class="button button--quiet" on:click=move |_| dismissed.set(true)>"Not now"</button>
            </div>
        })
    }
}

/// Of several copies of one plan kept here (a plan imported again beside its older copy),
/// the one saved most often: the newest.
fn newest_copies(plans: Vec<Plan>) -> Vec<Plan> {
    let mut newest: Vec<Plan> = Vec::new();
    for plan in plans {
        match newest.iter_mut().find(|kept| kept.id == plan.id) {
            Some(kept) if kept.revision < plan.revision => *kept = plan,
            Some(_) => {}
            None => newest.push(plan),
        }
    }
    newest
}

/// The refresh of the open plan's links from the plans kept in this browser, if it has
/// any link and any of their plans is here.
fn check_other_plans(context: PlanContext) -> Option<ExternalRefresh> {
    let plan = context.document.plan.get_untracked();
    if plan.external_dependencies.is_empty() {
        return None;
    }
    let wanted = |other: &Plan| {
        other.id.as_ref().is_some_and(|id| plan.external_dependencies.iter().any(|link| &link.plan == id))
    };
    let others: Vec<(Plan, Schedule)> =
        newest_copies(context.other_stored_plans().into_iter().map(|(_, other)| other).filter(wanted).collect())
            .into_iter()
            .filter_map(|other| compute(&other).ok().map(|schedule| (other, schedule)))
            .collect();
    let others: Vec<OtherPlan> = others.iter().map(|(plan, schedule)| OtherPlan { plan, schedule }).collect();
    refresh(&plan, &others).ok()
}
