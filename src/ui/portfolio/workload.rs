//! The portfolio's workload, week by week: a row per person Responsible for work in any of
//! the plans, a column per week, the most tasks they have at once that week, over the
//! threshold marked; a cell's title names the tasks and their plans. Twelve weeks at a
//! time from this week, with "Earlier" and "Later".

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use super::page::Computed;
use crate::portfolio::{monday_of, PersonWorkload, WeekLoad};

/// People's rows drawn in one task.
const ROWS_AT_ONCE: usize = 16;

/// Weeks shown at once.
const WEEKS_SHOWN: u64 = 12;

#[component]
pub fn WeeklyWorkload(computed: Computed) -> impl IntoView {
    let workload = &computed.overview.workload;
    if workload.people.is_empty() {
        return ().into_any();
    }
    // From this week, or from the first week with work when the plans start later.
    let first_work = workload.people.iter().filter_map(|person| person.weeks.first().map(|week| week.monday)).min();
    let this_week = monday_of(computed.overview.today);
    let first_week = RwSignal::new(first_work.map_or(this_week, |first| first.max(this_week)));
    let threshold = workload.threshold;
    let people: Vec<PersonWorkload> = {
        let mut people = workload.people.clone();
        people.sort_by(|one, other| one.person.name.cmp(&other.person.name));
        people
    };
    let names: Vec<String> = people.iter().map(|person| person.person.name.clone()).collect();
    let computed = StoredValue::new(computed);
    // A few rows per task: a big portfolio's people at once held the page.
    let drawn = crate::ui::services::counted_up_in_turns(people.len(), ROWS_AT_ONCE);
    let people = StoredValue::new(people);
    let names = StoredValue::new(names);
    let weeks = move || -> Vec<NaiveDate> {
        let first = first_week.get();
        (0..WEEKS_SHOWN).map(|week| first + Days::new(7 * week)).collect()
    };
    let shift = move |weeks: i64| {
        first_week.update(|first| {
            *first =
                if weeks < 0 { *first - Days::new(7 * (-weeks) as u64) } else { *first + Days::new(7 * weeks as u64) }
        })
    };
    view! {
        <section class="card portfolio__workload" aria-labelledby="portfolio-workload-title">
            <h2 id="portfolio-workload-title">"Workload by week"</h2>
            <p class="portfolio__axis">
                {format!("The most tasks each person is Responsible for at once in each week, across the plans; over {threshold} is marked ! and tinted. A cell's tip names the tasks.")}
            </p>
            <div class="toolbar" role="toolbar" aria-label="Weeks shown">
                <button type="button" class="button" data-testid="workload-earlier" on:click=move |_| shift(-(WEEKS_SHOWN as i64))>"Earlier"</button>
                <button type="button" class="button" data-testid="workload-later" on:click=move |_| shift(WEEKS_SHOWN as i64)>"Later"</button>
            </div>
            <div class="portfolio__workload-scroll">
                <table class="table portfolio__workload-table" data-testid="portfolio-workload">
                    <thead>
                        <tr>
                            <th scope="col">"Person"</th>
                            {move || weeks().into_iter().map(|monday| view! { <th scope="col">{monday.format("%b %-d").to_string()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || { (0..drawn.get()).collect::<Vec<usize>>() } key=|index| *index let:index>
                        {
                            let person = people.with_value(|people| people[index].clone());
                            let by_week: HashMap<NaiveDate, WeekLoad> = person.weeks.iter().map(|week| (week.monday, week.clone())).collect();
                            let name = names.with_value(|names| person_label(&computed.get_value(), &person, names));
                            view! {
                                <tr data-testid="workload-row">
                                    <th scope="row">{name}</th>
                                    {move || weeks().into_iter().map(|monday| week_cell(&computed.get_value(), &person, by_week.get(&monday))).collect_view()}
                                </tr>
                            }
                        }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// One person's week: how many tasks at once, marked when over the threshold, with the
/// tasks named in its title.
fn week_cell(computed: &Computed, person: &PersonWorkload, week: Option<&WeekLoad>) -> impl IntoView {
    let Some(week) = week.filter(|week| week.peak > 0) else {
        return view! { <td class="portfolio__week"></td> }.into_any();
    };
    let tasks: Vec<String> = week
        .tasks
        .iter()
        .map(|&task| {
            let task = &person.tasks[task];
            format!("{} {} ({})", task.task, task.name, computed.portfolio.label(task.member))
        })
        .collect();
    let text = if week.overloaded { format!("{}!", week.peak) } else { week.peak.to_string() };
    let class = if week.overloaded { "portfolio__week portfolio__week--over" } else { "portfolio__week" };
    view! {
        <td class=class title=tasks.join("\n") data-overloaded=week.overloaded.then_some("true")>
            {text}
            {week.overloaded.then(|| view! { <span class="visually-hidden">" over the limit"</span> })}
        </td>
    }
    .into_any()
}

/// A person's name, with their plan when another person of the portfolio has the same
/// name and they are not joined ("Aiko Tanaka (\"Platform upgrade\")").
fn person_label(computed: &Computed, person: &PersonWorkload, names: &[String]) -> String {
    let name = &person.person.name;
    let namesakes = names.iter().filter(|other| *other == name).count();
    match person.person.members.as_slice() {
        [(member, _)] if namesakes > 1 => format!("{name} ({})", computed.portfolio.label(*member)),
        _ => name.clone(),
    }
}
