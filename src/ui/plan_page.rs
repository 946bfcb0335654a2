//! The plan's own settings: name, objectives, start, working calendar, and people.

use leptos::prelude::*;

use super::state::use_plan;
use super::widgets::{parse_optional_date, CommitInput, CommitTextArea};
use crate::model::dates::{format_iso_date, parse_iso_date};
use crate::model::{Command, Holiday, Person, PersonId, WEEKDAY_NAMES};

#[component]
pub fn PlanPage() -> impl IntoView {
    let context = use_plan();
    let set_info = move |change: &dyn Fn(&mut (String, String, chrono::NaiveDate))| -> bool {
        let plan = context.plan.get_untracked();
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
                            value=Signal::derive(move || context.plan.with(|plan| plan.name.clone()))
                            on_commit=Callback::new(move |name: String| set_info(&|info| info.0 = name.clone()))
                        />
                    </label>
                    <label class="field">
                        <span class="field__label">"Start"</span>
                        <CommitInput
                            label="Plan start"
                            kind="date"
                            value=Signal::derive(move || context.plan.with(|plan| format_iso_date(plan.start)))
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
                            value=Signal::derive(move || context.plan.with(|plan| plan.description.clone()))
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
        let mut calendar = context.plan.with_untracked(|plan| plan.calendar.clone());
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
                    let checked = move || context.plan.with(|plan| plan.calendar.working_weekdays.contains(&day));
                    view! {
                        <label class="weekdays__day">
                            <input type="checkbox" prop:checked=checked on:change=move |event| {
                                let on = event_target_checked(&event);
                                let mut calendar = context.plan.with_untracked(|plan| plan.calendar.clone());
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
                    <For each=move || context.plan.with(|plan| plan.calendar.holidays.clone()) key=|holiday| holiday.clone() let:holiday>
                        {
                            let date = holiday.date;
                            view! {
                                <tr>
                                    <td>{format_iso_date(holiday.date)}</td>
                                    <td>{holiday.name.clone()}</td>
                                    <td><button type="button" class="button button--quiet" aria-label=format!("Remove holiday {}", format_iso_date(date)) on:click=move |_| {
                                        let mut calendar = context.plan.with_untracked(|plan| plan.calendar.clone());
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

#[component]
pub fn PeopleCard() -> impl IntoView {
    let context = use_plan();
    let confirming = RwSignal::new(None::<PersonId>);
    let add_person = move |_| {
        let id = context.plan.with_untracked(|plan| plan.next_person_id());
        let person =
            Person { id, name: "New person".into(), role: String::new(), team: String::new(), email: String::new() };
        let _ = context.dispatch(Command::AddPerson { person, index: None });
    };
    let update = move |id: PersonId, change: &dyn Fn(&mut Person)| -> bool {
        let Some(mut person) = context.plan.with_untracked(|plan| plan.person(id.as_str()).cloned()) else {
            return false;
        };
        change(&mut person);
        context.dispatch(Command::UpdatePerson(person)).is_ok()
    };
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title" class="card__title">"People"</h2>
            <table class="table people">
                <thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Team"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || context.plan.with(|plan| plan.people.iter().map(|person| person.id.clone()).collect::<Vec<_>>()) key=|id| id.clone() let:id>
                        {
                            let id = StoredValue::new(id);
                            let field = move |read: fn(&Person) -> String| Signal::derive(move || context.plan.with(|plan| plan.person(id.get_value().as_str()).map(read).unwrap_or_default()));
                            let assignments = move || context.plan.with(|plan| {
                                let id = id.get_value();
                                plan.raci.iter().filter(|cell| cell.person == id).count() + plan.risks.iter().filter(|risk| risk.owner.as_ref() == Some(&id)).count()
                            });
                            view! {
                                <tr>
                                    <td class="table__id">{id.get_value().to_string()}</td>
                                    <td><CommitInput label="Name" value=field(|person| person.name.clone()) on_commit=Callback::new(move |text: String| update(id.get_value(), &|person| person.name = text.clone()))/></td>
                                    <td><CommitInput label="Role" value=field(|person| person.role.clone()) on_commit=Callback::new(move |text: String| update(id.get_value(), &|person| person.role = text.clone()))/></td>
                                    <td><CommitInput label="Team" value=field(|person| person.team.clone()) on_commit=Callback::new(move |text: String| update(id.get_value(), &|person| person.team = text.clone()))/></td>
                                    <td class="table__actions">
                                        <Show when=move || confirming.get().as_ref() == Some(&id.get_value()) fallback=move || view! {
                                            <button type="button" class="button button--quiet button--danger" on:click=move |_| confirming.set(Some(id.get_value()))>"Remove…"</button>
                                        }>
                                            <span class="confirm" role="alert">{move || format!("Remove, with {} assignment(s)? Undo brings all back.", assignments())}</span>
                                            <button type="button" class="button button--danger" on:click=move |_| {
                                                let _ = context.dispatch(Command::RemovePerson(id.get_value()));
                                                confirming.set(None);
                                            }>"Remove"</button>
                                            <button type="button" class="button" on:click=move |_| confirming.set(None)>"Cancel"</button>
                                        </Show>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <button type="button" class="button" on:click=add_person>"Add person"</button>
        </section>
    }
}
