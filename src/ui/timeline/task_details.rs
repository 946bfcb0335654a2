//! The selected task's details, beside the chart and the grid: its name, dates and float,
//! a constraint the links make impossible, its date constraint and deadline, its notes
//! (with a counter against the limit), its links by name, the risks that threaten it and
//! the entries of the RAID log linked to it.
//! A part fetched when a task is first selected (`task_details` in `timeline/mod.rs`).

use leptos::prelude::*;

use super::links::{form_emptied, task_label, PickedTask, TaskPicker};
use super::task_actions::{dispatch_here, update_task};
use crate::model::constraint_text::kind_name;
use crate::model::dates::format_iso_date;
use crate::model::validate::MAX_TEXT_CHARS;
use crate::model::{Command, ConstraintKind, DateConstraint, Dependency, DependencyKind, Task, TaskId};
use crate::ui::state::{use_plan, Page, PlanContext};
use crate::ui::widgets::{
    counted, format_optional_date, parse_optional_date, unique_id, CommitInput, CommitTextArea, FieldRefusal,
};

/// The details of the task selected on the chart or in the grid.
#[component]
pub fn TaskDetails() -> impl IntoView {
    let context = use_plan();
    // Drawn again for each task: its fields start from that task's values.
    move || context.view.selected_task.get().map(|id| view! { <DetailsOf id=id/> })
}

/// The details of one task.
#[component]
fn DetailsOf(
    /// The task shown.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let task = Memo::new(move |_| context.document.plan.with(|plan| plan.task(id.get_value().as_str()).cloned()));
    let read = move |field: fn(&Task) -> String| {
        Signal::derive(move || task.with(|task| task.as_ref().map(field).unwrap_or_default()))
    };
    let edit = move |change: Box<dyn FnOnce(&mut Task)>| update_task(context, &id.get_value(), change);
    let title = move || task.with(|task| task.as_ref().map(|task| format!("{} {}", task.id, task.name)));
    view! {
        <Show when=move || task.with(Option::is_some) fallback=|| view! { <p class="task-details__hint">"This task no longer exists."</p> }>
            <h2 class="task-details__title" data-testid="task-details-title">{title}</h2>
            <ScheduleSummary id=id.get_value()/>
            <label class="field">
                <span class="field__label">"Name"</span>
                <CommitInput label="Task name" value=read(|task| task.name.clone())
                    on_commit=Callback::new(move |name: String| edit(Box::new(move |task| task.name = name)))/>
            </label>
            <ConstraintFields id=id.get_value()/>
            <label class="field">
                <span class="field__label">"Deadline"</span>
                <CommitInput label="Deadline" kind="date" value=read(|task| format_optional_date(task.deadline))
                    on_commit=Callback::new(move |text: String| match parse_optional_date(&text) {
                        Ok(date) => edit(Box::new(move |task| task.deadline = date)),
                        Err(message) => { context.refuse(message); false }
                    })/>
            </label>
            <label class="field">
                <span class="field__label">"Notes"</span>
                <CommitTextArea label="Notes" rows=6 limit=MAX_TEXT_CHARS value=read(|task| task.notes.clone())
                    on_commit=Callback::new(move |notes: String| edit(Box::new(move |task| task.notes = notes)))/>
            </label>
            <TaskLinks id=id.get_value()/>
            <super::cross_plan::CrossPlanLinks id=id.get_value()/>
            <TaskRisks id=id.get_value()/>
            <TaskLogEntries id=id.get_value()/>
        </Show>
    }
}

/// The task's dates, duration and float from the schedule; a constraint the links make
/// impossible, and lateness against a deadline, said in words.
#[component]
fn ScheduleSummary(
    /// The task.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let facts = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            context.derived.schedule.with(|schedule| {
                let schedule = schedule.as_ref().ok()?;
                let index = plan.task_index(id.as_str())?;
                let times = schedule.tasks[index];
                let dates = format!(
                    "{} → {} · {}",
                    format_iso_date(schedule.start_date(index)),
                    format_iso_date(schedule.finish_date(index)),
                    counted(plan.tasks[index].duration as usize, "working day", "working days")
                );
                let float = match times.total_float {
                    days if days < 0 => format!(
                        "Float −{}: {} late against a deadline or a no-later-than date (its own or a later task's).",
                        -days,
                        counted((-days) as usize, "working day", "working days")
                    ),
                    days if times.critical => format!("Float {days}: on the critical path."),
                    days => format!("Float {days} working days."),
                };
                let conflict = schedule.conflict(index).map(|conflict| format!("Cannot be met: {conflict}."));
                Some((dates, float, times.total_float < 0, conflict))
            })
        })
    });
    move || {
        facts.get().map(|(dates, float, late, conflict)| {
            view! {
                <p class="task-details__dates">{dates}</p>
                <p class="task-details__float" class:task-details__float--late=late data-testid="task-details-float">{float}</p>
                {conflict.map(|conflict| view! { <p class="task-details__conflict" data-testid="task-details-conflict">"⚠ "{conflict}</p> })}
            }
        })
    }
}

/// The date the task's constraint gets when its kind is first chosen: the task's
/// scheduled start for a start constraint, its finish for a finish one (as MS Project
/// fills it in).
fn default_constraint_date(context: PlanContext, id: &TaskId, kind: ConstraintKind) -> Option<chrono::NaiveDate> {
    context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
            let (schedule, index) = (schedule.as_ref().ok()?, plan.task_index(id.as_str())?);
            Some(if kind.is_on_start() { schedule.start_date(index) } else { schedule.finish_date(index) })
        })
    })
}

/// The task's date constraint: its kind (or as soon as possible) and its date.
#[component]
fn ConstraintFields(
    /// The task.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let constraint = Memo::new(move |_| {
        context.document.plan.with(|plan| plan.task(id.get_value().as_str()).and_then(Task::date_constraint))
    });
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let set = move |constraint: Option<DateConstraint>| {
        refusal.set(dispatch_here(context, Command::SetTaskConstraint { task: id.get_value(), constraint }).err());
    };
    let choose_kind = move |label: String| {
        let Some(kind) = ConstraintKind::ALL.into_iter().find(|kind| kind.label() == label) else { return set(None) };
        let date = constraint.get_untracked().map(|constraint| constraint.date);
        if let Some(date) = date.or_else(|| default_constraint_date(context, &id.get_value(), kind)) {
            set(Some(DateConstraint { kind, date }));
        }
    };
    let date = Signal::derive(move || format_optional_date(constraint.get().map(|constraint| constraint.date)));
    let commit_date = move |text: String| match parse_optional_date(&text) {
        Ok(date) => {
            let kind =
                constraint.get_untracked().map_or(ConstraintKind::StartNoEarlierThan, |constraint| constraint.kind);
            let constraint = date.map(|date| DateConstraint { kind, date });
            context.dispatch(Command::SetTaskConstraint { task: id.get_value(), constraint }).is_ok()
        }
        Err(message) => {
            context.refuse(message);
            false
        }
    };
    view! {
        <fieldset class="task-details__constraint">
            <legend class="field__label">"Constraint"</legend>
            <select class="input" aria-label="Constraint type" data-testid="constraint-type"
                aria-describedby={
                    let message_id = message_id.clone();
                    move || refusal.with(Option::is_some).then(|| message_id.clone())
                }
                prop:value=move || constraint.get().map_or("", |constraint| constraint.kind.label())
                on:change=move |event| choose_kind(event_target_value(&event))>
                <option value="">"As soon as possible"</option>
                {ConstraintKind::ALL.into_iter().map(|kind| view! { <option value=kind.label()>{kind_name(kind)}</option> }).collect_view()}
            </select>
            <CommitInput label="Constraint date" kind="date" value=date on_commit=Callback::new(commit_date)/>
            <FieldRefusal id=message_id message=refusal/>
        </fieldset>
    }
}

/// "T2 API design (SS+1)": a link as the details list it, by its other task's name.
fn link_text(link: &Dependency, other: String) -> String {
    let kind = if link.kind == DependencyKind::FS && link.lag == 0 {
        String::new()
    } else if link.lag == 0 {
        format!(" ({})", link.kind.label())
    } else {
        format!(" ({}{:+})", link.kind.label(), link.lag)
    };
    format!("{other}{kind}")
}

/// The task's predecessors and successors by name, each with Remove; a predecessor is
/// added by picking it by name.
#[component]
fn TaskLinks(
    /// The task.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let links = Memo::new(move |_| {
        let id = id.get_value();
        context.document.plan.with(|plan| {
            let listed = |predecessors: bool| -> Vec<(TaskId, TaskId, String)> {
                plan.dependencies
                    .iter()
                    .filter(|link| if predecessors { link.successor == id } else { link.predecessor == id })
                    .map(|link| {
                        let other = if predecessors { &link.predecessor } else { &link.successor };
                        (link.predecessor.clone(), link.successor.clone(), link_text(link, task_label(plan, other)))
                    })
                    .collect()
            };
            (listed(true), listed(false))
        })
    });
    let remove = move |(predecessor, successor): (TaskId, TaskId)| {
        let _ = context.dispatch(Command::RemoveDependency { predecessor, successor });
    };
    let list = move |predecessors: bool| {
        move || {
            let links = links.with(|(before, after)| if predecessors { before.clone() } else { after.clone() });
            let none = if predecessors { "No predecessors." } else { "No successors." };
            if links.is_empty() {
                return view! { <p class="task-details__none">{none}</p> }.into_any();
            }
            view! {
                <ul class="task-details__links">
                    {links.into_iter().map(|(predecessor, successor, text)| {
                        let label = format!("Remove the link {predecessor} → {successor}");
                        view! { <li><span>{text}</span><button type="button" class="button button--quiet" aria-label=label on:click=move |_| remove((predecessor.clone(), successor.clone()))>"Remove"</button></li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <section class="task-details__section" aria-label="Links">
            <h3 class="task-details__heading">"Predecessors"</h3>
            {list(true)}
            <AddPredecessor id=id.get_value()/>
            <h3 class="task-details__heading">"Successors"</h3>
            {list(false)}
        </section>
    }
}

/// A predecessor picked by name, linked finish to start.
#[component]
fn AddPredecessor(
    /// The task that gets the predecessor.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let picked = PickedTask::new();
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let described_by = {
        let message_id = message_id.clone();
        Signal::derive(move || refusal.with(Option::is_some).then(|| message_id.clone()))
    };
    let form = NodeRef::<leptos::html::Div>::new();
    let add = Callback::new(move |()| {
        let chosen = context.document.plan.with_untracked(|plan| picked.chosen(plan, "predecessor"));
        let added = chosen.map_err(crate::ui::widgets::refused).and_then(|predecessor| {
            let link = Dependency { predecessor, successor: id.get_value(), kind: DependencyKind::FS, lag: 0 };
            dispatch_here(context, Command::AddDependency(link))
        });
        refusal.set(added.err());
        if refusal.with_untracked(Option::is_none) {
            picked.clear();
            form_emptied(form.get_untracked());
        }
    });
    view! {
        <div class="task-details__add-link" node_ref=form>
            <TaskPicker picked=picked label="Add a predecessor" leave_out=Signal::derive(move || Some(id.get_value()))
                on_enter=add described_by=described_by test_id="details-add-predecessor" placeholder="Name or id"/>
            <button type="button" class="button" on:click=move |_| add.run(())>"Add"</button>
            <FieldRefusal id=message_id message=refusal/>
        </div>
    }
}

/// The risks that threaten the task; each opens in the risk register.
#[component]
fn TaskRisks(
    /// The task.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let risks = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            plan.risks
                .iter()
                .filter(|risk| risk.linked_tasks.contains(&id))
                .map(|risk| {
                    (
                        risk.id.clone(),
                        format!("{} {} · score {}, {}", risk.id, risk.title, risk.score(), risk.status.label()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let open = move |risk| {
        context.view.selected_risk.set(Some(risk));
        context.view.page.set(Page::Risks);
    };
    view! {
        <section class="task-details__section" aria-label="Risks">
            <h3 class="task-details__heading">"Risks that threaten it"</h3>
            {move || {
                let risks = risks.get();
                if risks.is_empty() {
                    return view! { <p class="task-details__none">"None."</p> }.into_any();
                }
                view! {
                    <ul class="task-details__risks">
                        {risks.into_iter().map(|(risk, text)| view! {
                            <li><button type="button" class="link-button" title="Open it in the risk register" on:click=move |_| open(risk.clone())>{text}</button></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// The assumptions, issues and decisions linked to the task; each opens in the Log.
#[component]
fn TaskLogEntries(
    /// The task.
    id: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let today = crate::storage::today();
    let entries = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            crate::model::log::entries_of_task(plan, &id)
                .into_iter()
                .map(|entry| {
                    let overdue = if is_overdue(entry, today) { ", overdue" } else { "" };
                    let (id, title, kind) = (entry.id(), entry.title(), entry.kind().label());
                    let text = format!("{id} {title} · {kind}, {}{overdue}", entry.status());
                    (entry.entry_id(), text)
                })
                .collect::<Vec<_>>()
        })
    });
    let open = move |entry| {
        context.view.selected_log.set(Some(entry));
        context.show_page(Page::Log);
    };
    view! {
        <section class="task-details__section" aria-label="Log entries">
            <h3 class="task-details__heading">"In the RAID log"</h3>
            {move || {
                let entries = entries.get();
                if entries.is_empty() {
                    return view! { <p class="task-details__none">"No assumptions, issues or decisions."</p> }.into_any();
                }
                view! {
                    <ul class="task-details__risks" data-testid="task-log-entries">
                        {entries.into_iter().map(|(entry, text)| view! {
                            <li><button type="button" class="link-button" title="Open it in the Log" on:click=move |_| open(entry.clone())>{text}</button></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// An open assumption past its validate-by day, an open issue past its due day.
fn is_overdue(entry: crate::model::log::LogEntryRef, today: chrono::NaiveDate) -> bool {
    use crate::model::log::{assumption_overdue, issue_overdue, LogEntryRef};
    match entry {
        LogEntryRef::Assumption(entry) => assumption_overdue(entry, today),
        LogEntryRef::Issue(entry) => issue_overdue(entry, today),
        LogEntryRef::Decision(_) => false,
    }
}
