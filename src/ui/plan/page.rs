//! The plan's own settings: name, objectives, start, working calendar, and people.

use leptos::prelude::*;

use crate::model::dates::{format_iso_date, parse_iso_date};
use crate::model::people::{handed_role, removal_command, PersonRemoval};
use crate::model::{Command, Holiday, Person, PersonId, WEEKDAY_NAMES};
use crate::storage;
use crate::ui::state::use_plan;
use crate::ui::widgets::{focus_when_drawn, parse_optional_date, CommitInput, CommitTextArea};

#[component]
pub fn PlanPage() -> impl IntoView {
    let context = use_plan();
    let set_info = move |change: &dyn Fn(&mut (String, String, chrono::NaiveDate))| -> bool {
        let plan = context.document.plan.get_untracked();
        let mut info = (plan.name, plan.description, plan.start);
        change(&mut info);
        context.dispatch(Command::SetPlanInfo { name: info.0, description: info.1, start: info.2 }).is_ok()
    };
    view! {
        <div class="page plan-page">
            <section class="card" aria-labelledby="plan-details">
                <h2 id="plan-details" class="card__title">"Plan"</h2>
                <div class="form-grid">
                    <label class="field">
                        <span class="field__label">"Name"</span>
                        <CommitInput
                            label="Plan name"
                            value=Signal::derive(move || context.document.plan.with(|plan| plan.name.clone()))
                            on_commit=Callback::new(move |name: String| set_info(&|info| info.0 = name.clone()))
                        />
                    </label>
                    <label class="field">
                        <span class="field__label">"Start"</span>
                        <CommitInput
                            label="Plan start"
                            kind="date"
                            value=Signal::derive(move || context.document.plan.with(|plan| format_iso_date(plan.start)))
                            on_commit=Callback::new(move |text: String| match parse_iso_date(&text) {
                                Ok(date) => set_info(&|info| info.2 = date),
                                Err(message) => { context.refuse(message); false }
                            })
                        />
                    </label>
                    <label class="field field--wide">
                        <span class="field__label">"Objectives"</span>
                        <CommitTextArea
                            label="Objectives"
                            rows=5
                            value=Signal::derive(move || context.document.plan.with(|plan| plan.description.clone()))
                            on_commit=Callback::new(move |text: String| set_info(&|info| info.1 = text.clone()))
                        />
                    </label>
                </div>
            </section>
            <CalendarCard/>
            <PeopleCard/>
        </div>
    }
}

#[component]
fn CalendarCard() -> impl IntoView {
    let context = use_plan();
    let new_holiday_date = RwSignal::new(String::new());
    let new_holiday_name = RwSignal::new(String::new());
    let add_holiday = move || {
        let date = match parse_optional_date(&new_holiday_date.get_untracked()) {
            Ok(Some(date)) => date,
            Ok(None) => return context.refuse("pick the holiday's date"),
            Err(message) => return context.refuse(message),
        };
        let mut calendar = context.document.plan.with_untracked(|plan| plan.calendar.clone());
        calendar.holidays.push(Holiday { date, name: new_holiday_name.get_untracked() });
        crate::model::sorting::sort_by_key(&mut calendar.holidays, |holiday| holiday.date);
        if context.dispatch(Command::SetCalendar(calendar)).is_ok() {
            new_holiday_date.set(String::new());
            new_holiday_name.set(String::new());
        }
    };
    view! {
        <section class="card" aria-labelledby="calendar-title">
            <h2 id="calendar-title" class="card__title">"Working calendar"</h2>
            <fieldset class="weekdays">
                <legend class="field__label">"Working days"</legend>
                {WEEKDAY_NAMES.iter().map(|(short, day)| {
                    let day = *day;
                    let checked = move || context.document.plan.with(|plan| plan.calendar.working_weekdays.contains(&day));
                    view! {
                        <label class="weekdays__day">
                            <input type="checkbox" prop:checked=checked on:change=move |event| {
                                let on = event_target_checked(&event);
                                let mut calendar = context.document.plan.with_untracked(|plan| plan.calendar.clone());
                                calendar.working_weekdays.retain(|existing| *existing != day);
                                if on {
                                    calendar.working_weekdays.push(day);
                                    crate::model::sorting::sort_by_key(&mut calendar.working_weekdays, |day| day.num_days_from_monday());
                                }
                                if context.dispatch(Command::SetCalendar(calendar)).is_err() {
                                    let input: web_sys::HtmlInputElement = event_target(&event);
                                    input.set_checked(!on);
                                }
                            }/>
                            {short.to_string()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <table class="table">
                <caption class="field__label">"Holidays"</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Name"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || context.document.plan.with(|plan| plan.calendar.holidays.clone()) key=|holiday| holiday.clone() let:holiday>
                        {
                            let date = holiday.date;
                            view! {
                                <tr>
                                    <td>{format_iso_date(holiday.date)}</td>
                                    <td>{holiday.name.clone()}</td>
                                    <td><button type="button" class="button button--quiet" aria-label=format!("Remove holiday {}", format_iso_date(date)) on:click=move |_| {
                                        let mut calendar = context.document.plan.with_untracked(|plan| plan.calendar.clone());
                                        calendar.holidays.retain(|holiday| holiday.date != date);
                                        let _ = context.dispatch(Command::SetCalendar(calendar));
                                    }>"Remove"</button></td>
                                </tr>
                            }
                        }
                    </For>
                    <tr class="table__new-row">
                        <td><input type="date" class="input" aria-label="New holiday date" prop:value=move || new_holiday_date.get() on:change=move |event| new_holiday_date.set(event_target_value(&event))/></td>
                        <td><input class="input" aria-label="New holiday name" placeholder="Name" prop:value=move || new_holiday_name.get()
                            on:input=move |event| new_holiday_name.set(event_target_value(&event))
                            on:keydown=move |event| if event.key() == "Enter" { add_holiday() }/></td>
                        <td><button type="button" class="button" on:click=move |_| add_holiday()>"Add holiday"</button></td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

/// The plan's people: add (the focus goes to the new name), rename, change role and
/// team, and remove, after a confirmation that lists what goes with the person.
#[component]
pub fn PeopleCard() -> impl IntoView {
    let context = use_plan();
    let confirming = RwSignal::new(None::<PersonId>);
    // What the last removal did, kept in view below the table until the next one.
    let removed = RwSignal::new(None::<String>);
    let add_person = move |_| {
        let id = context.document.plan.with_untracked(|plan| plan.next_person_id());
        let person = Person {
            id: id.clone(),
            name: "New person".into(),
            role: String::new(),
            team: String::new(),
            email: String::new(),
        };
        if context.dispatch(Command::AddPerson { person, index: None }).is_ok() {
            removed.set(None);
            // Selected, so the first key typed replaces the placeholder name.
            focus_when_drawn(format!("[data-person-id='{id}'] .people__name"), true);
        }
    };
    let close = move |id: PersonId, outcome: Option<String>| {
        confirming.set(None);
        match outcome {
            Some(message) => {
                removed.set(Some(message));
                focus_when_drawn("[data-testid=add-person]".to_string(), false);
            }
            None => focus_when_drawn(format!("[data-person-id='{id}'] .people__remove"), false),
        }
    };
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title" class="card__title">"People"</h2>
            <table class="table people" data-testid="people">
                <thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Team"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || context.document.plan.with(|plan| plan.people.iter().map(|person| person.id.clone()).collect::<Vec<_>>()) key=|id| id.clone() let:id>
                        <PersonRow id=id confirming=confirming on_close=Callback::new(move |(id, outcome)| close(id, outcome))/>
                    </For>
                </tbody>
            </table>
            <p class="people__status" role="status" data-testid="people-status">{move || removed.get()}</p>
            <button type="button" class="button" data-testid="add-person" on:click=add_person>"Add person"</button>
        </section>
    }
}

/// One person's row, and below it, while asked, the confirmation of their removal.
#[component]
fn PersonRow(
    /// The person.
    id: PersonId,
    /// The person whose removal is being confirmed, if any (one at a time).
    confirming: RwSignal<Option<PersonId>>,
    /// Closes the confirmation: the person, and what was removed (`None`: cancelled).
    on_close: Callback<(PersonId, Option<String>)>,
) -> impl IntoView {
    let context = use_plan();
    let id = StoredValue::new(id);
    let field = move |read: fn(&Person) -> String| {
        Signal::derive(move || {
            context.document.plan.with(|plan| plan.person(id.get_value().as_str()).map(read).unwrap_or_default())
        })
    };
    let update = move |change: &dyn Fn(&mut Person)| -> bool {
        let Some(mut person) =
            context.document.plan.with_untracked(|plan| plan.person(id.get_value().as_str()).cloned())
        else {
            return false;
        };
        change(&mut person);
        context.dispatch(Command::UpdatePerson(person)).is_ok()
    };
    let open = move || confirming.with(|confirming| confirming.as_ref() == Some(&id.get_value()));
    let name = field(|person| person.name.clone());
    view! {
        <tr data-person-id=id.get_value().to_string()>
            <td class="table__id">{id.get_value().to_string()}</td>
            <td><CommitInput label="Name" class="people__name" value=name on_commit=Callback::new(move |text: String| update(&|person| person.name = text.clone()))/></td>
            <td><CommitInput label="Role" value=field(|person| person.role.clone()) on_commit=Callback::new(move |text: String| update(&|person| person.role = text.clone()))/></td>
            <td><CommitInput label="Team" value=field(|person| person.team.clone()) on_commit=Callback::new(move |text: String| update(&|person| person.team = text.clone()))/></td>
            <td class="table__actions">
                <button type="button" class="button button--quiet button--danger people__remove"
                    aria-label=move || format!("Remove {}", name.get()) aria-expanded=move || open().to_string()
                    on:click=move |_| if open() { on_close.run((id.get_value(), None)) } else { confirming.set(Some(id.get_value())) }>
                    "Remove…"
                </button>
            </td>
        </tr>
        <Show when=open>
            <tr class="people__removal-row">
                <td colspan="5">
                    <RemovalConfirmation person=id.get_value() on_close=Callback::new(move |outcome| on_close.run((id.get_value(), outcome)))/>
                </td>
            </tr>
        </Show>
    }
}

/// Asks before a person is removed: names them, lists every RACI role and risk that
/// goes with them, and offers to hand all of it to another person in the same step
/// (one undo step either way). Escape or Cancel closes it and changes nothing.
#[component]
fn RemovalConfirmation(
    /// The person to remove.
    person: PersonId,
    /// Called when it closes: a sentence saying what was removed, or `None` if cancelled.
    on_close: Callback<Option<String>>,
) -> impl IntoView {
    let context = use_plan();
    let person = StoredValue::new(person);
    let successor = RwSignal::new(None::<PersonId>);
    let removal = Memo::new(move |_| context.document.plan.with(|plan| PersonRemoval::of(plan, &person.get_value())));
    let successor_name = move || {
        let id = successor.get()?;
        context.document.plan.with(|plan| plan.person(id.as_str()).map(|person| person.name.clone()))
    };
    let remove = move || {
        let Some(removal) = removal.get_untracked() else { return };
        let chosen = successor.get_untracked();
        let command = context
            .document
            .plan
            .with_untracked(|plan| removal_command(plan, &removal.person, chosen.as_ref(), storage::today()));
        let command = match command {
            Ok(command) => command,
            Err(error) => return context.refuse(error.to_string()),
        };
        let handed_to = successor_name();
        if context.dispatch(command).is_ok() {
            on_close.run(Some(removed_message(&removal, handed_to.as_deref())));
        }
    };
    let title_id = format!("removal-title-{}", person.get_value());
    let labelled_by = title_id.clone();
    // The hand-over choice when there is something to hand over, else Cancel: never
    // the destructive button, so a stray Enter removes nothing.
    let first_control =
        format!("#removal-{} select, #removal-{} .removal__cancel", person.get_value(), person.get_value());
    focus_when_drawn(first_control, false);
    view! {
        <div class="removal" id=format!("removal-{}", person.get_value()) role="group" aria-labelledby=labelled_by
            data-testid="person-removal"
            on:keydown=move |event| if event.key() == "Escape" { event.prevent_default(); on_close.run(None) }>
            {move || removal.get().map(|removal| view! {
                <p class="removal__title" id=title_id.clone()>{format!("Remove {} ({})?", removal.name, removal.person)}</p>
                <p class="removal__summary">{removal_summary(&removal)}</p>
                <RemovalLists removal=removal.clone() successor=successor/>
                <SuccessorChoice removal=removal.clone() successor=successor/>
                <div class="removal__actions">
                    <button type="button" class="button button--danger" data-testid="confirm-remove-person" on:click=move |_| remove()>
                        {move || match successor_name() {
                            Some(successor) => format!("Hand over to {successor} and remove {}", removal.name),
                            None => format!("Remove {}", removal.name),
                        }}
                    </button>
                    <button type="button" class="button removal__cancel" on:click=move |_| on_close.run(None)>"Cancel"</button>
                </div>
            })}
        </div>
    }
}

/// The roles and risks that go with the person, each with what becomes of it.
#[component]
fn RemovalLists(
    /// What refers to the person.
    removal: PersonRemoval,
    /// Who takes their roles and risks, if anyone.
    successor: RwSignal<Option<PersonId>>,
) -> impl IntoView {
    let context = use_plan();
    let successor_name = move || {
        let id = successor.get()?;
        context.document.plan.with(|plan| plan.person(id.as_str()).map(|person| (id.clone(), person.name.clone())))
    };
    let roles = removal.roles.clone();
    let risks = removal.risks.clone();
    view! {
        {(!roles.is_empty()).then(|| view! {
            <h3 class="removal__heading">"Their RACI roles"</h3>
            <ul class="removal__list" data-testid="removal-roles">
                {roles.into_iter().map(|held| {
                    let (task, role) = (held.task.clone(), held.role);
                    let fate = move || match successor_name() {
                        Some((id, name)) => {
                            let role = context.document.plan.with(|plan| handed_role(plan, &task, &id, role));
                            format!(": {name} becomes {}", role.label())
                        }
                        None => ": removed".to_string(),
                    };
                    view! { <li><span class="removal__id">{held.task.to_string()}</span>{format!(" {} — {}", held.task_name, held.role.label())}{fate}</li> }
                }).collect_view()}
            </ul>
        })}
        {(!risks.is_empty()).then(|| view! {
            <h3 class="removal__heading">"Risks they own"</h3>
            <ul class="removal__list" data-testid="removal-risks">
                {risks.into_iter().map(|owned| {
                    let state = if owned.open { "" } else { " (closed)" };
                    let fate = move || match successor_name() {
                        Some((_, name)) => view! { <span>{format!(": owned by {name}")}</span> }.into_any(),
                        None => view! { <span class="removal__unowned">": becomes unowned"</span> }.into_any(),
                    };
                    view! { <li><span class="removal__id">{owned.risk.to_string()}</span>{format!(" {}{state}", owned.title)}{fate}</li> }
                }).collect_view()}
            </ul>
        })}
    }
}

/// "Hand their roles and risks to": the other people, or nobody. Shown only when the
/// person has something to hand over and there is someone to take it.
#[component]
fn SuccessorChoice(
    /// What refers to the person.
    removal: PersonRemoval,
    /// The chosen successor.
    successor: RwSignal<Option<PersonId>>,
) -> impl IntoView {
    let context = use_plan();
    let others: Vec<(PersonId, String)> = context.document.plan.with_untracked(|plan| {
        plan.people
            .iter()
            .filter(|other| other.id != removal.person)
            .map(|other| (other.id.clone(), format!("{} ({})", other.name, other.id)))
            .collect()
    });
    (!removal.is_empty() && !others.is_empty()).then(|| view! {
        <label class="field removal__successor">
            <span class="field__label">"Hand their roles and risks to"</span>
            <select class="input" data-testid="removal-successor"
                on:change=move |event| {
                    let value = event_target_value(&event);
                    successor.set((!value.is_empty()).then_some(PersonId(value)));
                }>
                <option value="" selected=true>"Nobody: remove the roles, leave the risks unowned"</option>
                {others.into_iter().map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
            </select>
        </label>
    })
}

/// "They have 2 RACI roles and 1 risk. Undo brings everything back."
fn removal_summary(removal: &PersonRemoval) -> String {
    if removal.is_empty() {
        "Nothing in the plan refers to them.".to_string()
    } else {
        format!("They have {}. One undo brings everything back.", removal.summary())
    }
}

/// What the status line says after a removal.
fn removed_message(removal: &PersonRemoval, handed_to: Option<&str>) -> String {
    match handed_to {
        Some(successor) if !removal.is_empty() => {
            format!("Removed {}: {} handed to {successor}. Undo brings them back.", removal.name, removal.summary())
        }
        _ if removal.is_empty() => format!("Removed {}. Undo brings them back.", removal.name),
        _ => format!("Removed {} with {}. Undo brings them back.", removal.name, removal.summary()),
    }
}
