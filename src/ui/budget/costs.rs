//! People's day rates and each task's costs, edited in place: each field commits on
//! Enter or on leaving it, through one command (`SetDayRate`, `SetTaskCost`).

use leptos::prelude::*;

use crate::model::budget::{daily_rates, format_amount, parse_amount, planned_cost, DayRate, Money, TaskCost};
use crate::model::{Command, PersonId, TaskId};
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::CommitInput;

/// Most task rows drawn at once; a search narrows a bigger plan.
const MAX_ROWS: usize = 200;

/// Reads an amount typed in the plan's currency, or says why not.
fn typed_amount(context: PlanContext, text: &str) -> Option<Money> {
    let currency = context.document.plan.with_untracked(|plan| plan.budget.currency.clone());
    match parse_amount(text, &currency) {
        Ok(amount) => Some(amount),
        Err(message) => {
            context.refuse(message);
            None
        }
    }
}

fn shown_amount(context: PlanContext, amount: Money) -> String {
    if amount.is_zero() {
        return String::new();
    }
    context.document.plan.with_untracked(|plan| format_amount(amount, &plan.budget.currency))
}

#[component]
pub fn DayRatesCard() -> impl IntoView {
    let context = use_plan();
    let people = Memo::new(move |_| {
        context.document.plan.with(|plan| {
            plan.people
                .iter()
                .map(|person| (person.id.clone(), person.name.clone(), person.role.clone()))
                .collect::<Vec<_>>()
        })
    });
    let rate_of = move |person: &PersonId| context.document.plan.with(|plan| plan.budget.day_rate(person));
    let set_rate = move |person: PersonId, text: String| match typed_amount(context, &text) {
        Some(rate) => context.dispatch(Command::SetDayRate(DayRate { person, rate })).is_ok(),
        None => false,
    };
    view! {
        <section class="card day-rates" aria-labelledby="day-rates-title">
            <h2 id="day-rates-title" class="card__title">"Day rates"</h2>
            {move || people.with(Vec::is_empty).then(|| view! { <p>"No people yet: add them on the Plan page."</p> })}
            <table class="table" data-testid="day-rates">
                <thead><tr><th scope="col">"Person"</th><th scope="col">"Role"</th><th scope="col" class="amount">"Day rate"</th></tr></thead>
                <tbody>
                    <For each=move || people.get() key=|(id, name, _)| (id.clone(), name.clone()) let:person>
                        {
                            let (id, name, role) = person;
                            let shown = {
                                let id = id.clone();
                                Signal::derive(move || shown_amount(context, rate_of(&id)))
                            };
                            view! {
                                <tr>
                                    <th scope="row">{name.clone()}</th>
                                    <td>{role}</td>
                                    <td class="amount">
                                        <CommitInput label=format!("Day rate of {name}") class="input--amount" value=shown
                                            on_commit=Callback::new(move |text: String| set_rate(id.clone(), text))/>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// One row of the costs table, read from the plan.
#[derive(Clone, PartialEq, Eq, Hash)]
struct CostRow {
    id: TaskId,
    name: String,
    wbs: String,
    depth: usize,
    summary: bool,
    progress: u8,
    planned: Money,
    cost: TaskCost,
    /// Amounts are written in its decimals: a change of currency draws the row again.
    currency: String,
}

fn cost_rows(context: PlanContext, search: &str) -> (Vec<CostRow>, usize) {
    let needle = search.trim().to_lowercase();
    context.derived.outline.with(|outline| {
        context.document.plan.with(|plan| {
            let rates = daily_rates(plan);
            let costs = plan.budget.by_task();
            let matching = outline.iter().filter(|row| {
                let task = &plan.tasks[row.index];
                needle.is_empty()
                    || task.name.to_lowercase().contains(&needle)
                    || task.id.as_str().to_lowercase() == needle
            });
            let total = matching.clone().count();
            let rows = matching
                .take(MAX_ROWS)
                .map(|row| {
                    let task = &plan.tasks[row.index];
                    let cost = costs
                        .get(task.id.as_str())
                        .map_or_else(|| TaskCost::none(task.id.clone()), |cost| (*cost).clone());
                    let rate = if row.has_children {
                        Money::ZERO
                    } else {
                        rates.get(task.id.as_str()).copied().unwrap_or_default()
                    };
                    CostRow {
                        id: task.id.clone(),
                        name: task.name.clone(),
                        wbs: row.wbs.clone(),
                        depth: row.depth,
                        summary: row.has_children,
                        progress: task.progress,
                        planned: planned_cost(cost.fixed, rate, if row.has_children { 0 } else { task.duration }),
                        cost,
                        currency: plan.budget.currency.clone(),
                    }
                })
                .collect();
            (rows, total)
        })
    })
}

#[component]
pub fn TaskCostsCard() -> impl IntoView {
    let context = use_plan();
    let search = RwSignal::new(String::new());
    let rows = Memo::new(move |_| cost_rows(context, &search.get()));
    view! {
        <section class="card task-costs" aria-labelledby="task-costs-title">
            <h2 id="task-costs-title" class="card__title">"Task costs"</h2>
            <div class="toolbar">
                <input type="search" class="input" aria-label="Find a task by name or id" placeholder="Find a task"
                    data-testid="task-costs-search" prop:value=move || search.get()
                    on:input=move |event| search.set(event_target_value(&event))/>
                <span class="toolbar__summary">{move || rows.with(|(shown, total)| {
                    if shown.len() < *total { format!("Showing {} of {total} tasks: find one to narrow the list.", shown.len()) } else { format!("{total} tasks") }
                })}</span>
            </div>
            <div class="table-scroll">
                <table class="table task-costs__table" data-testid="task-costs">
                    <thead>
                        <tr>
                            <th scope="col">"WBS"</th>
                            <th scope="col">"Task"</th>
                            <th scope="col" class="amount">"Planned cost"</th>
                            <th scope="col" class="amount">"Fixed cost"</th>
                            <th scope="col" class="amount">"Actual cost"</th>
                            <th scope="col" class="amount">"Workstream budget"</th>
                            <th scope="col" class="amount">"Done"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get().0 key=|row| row.clone() let:row>
                            <CostRowView row=row/>
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn CostRowView(row: CostRow) -> impl IntoView {
    let context = use_plan();
    let CostRow { id, name, wbs, depth, summary, progress, planned, cost, .. } = row;
    // The task's costs as the plan holds them when a field commits, not as this row was
    // drawn: two fields committed in a row must not undo each other.
    let set = {
        let id = id.clone();
        move |change: &dyn Fn(&mut TaskCost, Money), text: String| {
            let Some(amount) = typed_amount(context, &text) else { return false };
            let mut edited = context
                .document
                .plan
                .with_untracked(|plan| plan.budget.task(&id).cloned())
                .unwrap_or_else(|| TaskCost::none(id.clone()));
            change(&mut edited, amount);
            context.dispatch(Command::SetTaskCost(edited)).is_ok()
        }
    };
    let (set_fixed, set_actual, set_budget) = (set.clone(), set.clone(), set);
    let budget_text = cost.budget.map(|amount| shown_amount(context, amount)).unwrap_or_default();
    let spent_without_progress = progress == 0 && !cost.actual.is_zero();
    view! {
        <tr class:task-costs__summary=summary data-task=id.to_string()>
            <td>{wbs}</td>
            <th scope="row" style=format!("padding-left: {}rem", 0.5 + depth as f64 * 1.0)>{format!("{id} {name}")}</th>
            <td class="amount">{shown_amount(context, planned)}</td>
            <td class="amount">
                <CommitInput label=format!("Fixed cost of {name}") class="input--amount" value=shown_amount(context, cost.fixed)
                    on_commit=Callback::new(move |text: String| set_fixed(&|cost, amount| cost.fixed = amount, text))/>
            </td>
            <td class="amount">
                <CommitInput label=format!("Actual cost of {name}") class="input--amount" value=shown_amount(context, cost.actual)
                    on_commit=Callback::new(move |text: String| set_actual(&|cost, amount| cost.actual = amount, text))/>
                {spent_without_progress.then(|| view! {
                    <span class="task-costs__warning" title="Spent, but no progress entered: its earned value is 0">"⚠ no progress yet"</span>
                })}
            </td>
            <td class="amount">
                {summary.then(|| view! {
                    <CommitInput label=format!("Budget of {name}") class="input--amount" value=budget_text.clone()
                        on_commit=Callback::new(move |text: String| set_budget(&|cost, amount| cost.budget = (!amount.is_zero()).then_some(amount), text))/>
                })}
            </td>
            <td class="amount">{format!("{progress}%")}</td>
        </tr>
    }
}
