//! The RACI view: tasks by people, one role per cell.

use leptos::prelude::*;

use super::state::use_plan;
use crate::model::outline::outline;
use crate::model::{Command, PersonId, RaciRole, TaskId};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct RaciRow {
    id: TaskId,
    wbs: String,
    depth: usize,
    name: String,
    /// One entry per person, in the people's order.
    roles: Vec<Option<RaciRole>>,
    /// What is missing: no Accountable, several, no Responsible.
    problem: Option<String>,
}

#[component]
pub fn RaciPage() -> impl IntoView {
    let context = use_plan();
    let people = Memo::new(move |_| context.plan.with(|plan| plan.people.clone()));
    let rows = Memo::new(move |_| {
        context.plan.with(|plan| {
            let cells = crate::model::validate::raci_index(&plan.raci);
            outline(plan)
                .into_iter()
                .map(|row| {
                    let task = &plan.tasks[row.index];
                    let roles: Vec<Option<RaciRole>> = plan
                        .people
                        .iter()
                        .map(|person| {
                            cells.get(&(task.id.as_str(), person.id.as_str())).map(|&cell| plan.raci[cell].role)
                        })
                        .collect();
                    let accountable = roles.iter().flatten().filter(|role| role.is_accountable()).count();
                    let responsible = roles.iter().flatten().any(|role| role.is_responsible());
                    let problem = match (accountable, responsible) {
                        _ if row.has_children => None,
                        (0, _) => Some("no one is Accountable".to_string()),
                        (2.., _) => Some(format!("{accountable} people are Accountable")),
                        (_, false) => Some("no one is Responsible".to_string()),
                        _ => None,
                    };
                    RaciRow {
                        id: task.id.clone(),
                        wbs: row.wbs,
                        depth: row.depth,
                        name: task.name.clone(),
                        roles,
                        problem,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="page raci-page">
            <p class="page__hint">"Each task needs exactly one Accountable (A) and at least one Responsible (R). A/R holds both. Rows with a gap are marked."</p>
            <div class="grid-scroll">
                <table class="table raci" data-testid="raci-matrix">
                    <thead>
                        <tr>
                            <th scope="col">"WBS"</th>
                            <th scope="col" class="raci__task">"Task"</th>
                            <th scope="col">"Check"</th>
                            <For each=move || people.get() key=|person| person.clone() let:person>
                                <th scope="col" class="raci__person">
                                    <span class="raci__person-name">{person.name.clone()}</span>
                                    <span class="raci__person-role">{person.role.clone()}</span>
                                </th>
                            </For>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| row.clone() let:row>
                            {
                                let task = row.id.clone();
                                let person_ids: Vec<(PersonId, String)> = people.with_untracked(|people| people.iter().map(|person| (person.id.clone(), person.name.clone())).collect());
                                let task_name = row.name.clone();
                                view! {
                                    <tr class:raci__row--problem=row.problem.is_some()>
                                        <td class="table__id">{row.wbs.clone()}</td>
                                        <th scope="row" class="raci__task" style=format!("padding-left: calc(0.5rem + {} * 1.25rem)", row.depth)>{row.name.clone()}</th>
                                        <td class="raci__problem">{row.problem.clone().unwrap_or_default()}</td>
                                        {row.roles.iter().zip(person_ids).map(|(role, (person, person_name))| {
                                            let task = task.clone();
                                            let current = role.map(RaciRole::label).unwrap_or("");
                                            let label = format!("{person_name} on {task} {task_name}");
                                            view! {
                                                <td class="raci__cell">
                                                    <select class="input raci__select" aria-label=label on:change=move |event| {
                                                        let role = RaciRole::from_label(&event_target_value(&event));
                                                        let _ = context.dispatch(Command::SetRaci { task: task.clone(), person: person.clone(), role });
                                                    }>
                                                        <option value="" selected=current.is_empty()>"–"</option>
                                                        {RaciRole::ALL.into_iter().map(|option| view! {
                                                            <option value=option.label() selected=option.label() == current>{option.label()}</option>
                                                        }).collect_view()}
                                                    </select>
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || people.with(Vec::is_empty)>
                <p class="empty">"Add people on the Plan page to assign roles."</p>
            </Show>
        </div>
    }
}
