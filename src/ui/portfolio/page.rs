//! The portfolio page: the plans to see together (chosen among those kept in this
//! browser, the choice kept there too), then a row per plan, every milestone on one
//! time axis, and the people Responsible for too much at once across the plans.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{use_portfolio, PortfolioView};
use crate::model::TaskId;
use crate::portfolio::{MemberId, OverviewRun, PlanRow, PlanSource, Portfolio, PortfolioOverview, TimelineMilestone};
use crate::ui::state::{use_plan, Page, PlanContext};

/// A computed overview with the storage id of each member (in member order).
#[derive(Clone)]
struct Computed {
    portfolio: Arc<Portfolio>,
    overview: Arc<PortfolioOverview>,
    stored_ids: Arc<Vec<String>>,
    /// Stored plans that could not be read, each with why.
    unreadable: Vec<String>,
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let context = use_plan();
    let view = use_portfolio();
    let chosen = RwSignal::new(context.with_store(|store| store.portfolio_plans()).unwrap_or_default());
    let computed = RwSignal::new(None::<Computed>);
    // Each choice computes anew; a computation overtaken by a newer one is dropped.
    let generation = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let ids = chosen.get();
        let _ = context.with_store(|store| store.set_portfolio_plans(&ids));
        generation.update_value(|count| *count += 1);
        compute(context, ids, generation, computed);
    });
    view! {
        <section class="portfolio" aria-labelledby="portfolio-title">
            <div class="portfolio__head">
                <h1 id="portfolio-title" class="portfolio__title">"Portfolio"</h1>
                <button type="button" class="button" data-testid="close-portfolio" on:click=move |_| view.set_open(false)>
                    "Back to the plans"
                </button>
            </div>
            <PlanChooser chosen=chosen/>
            {move || match computed.get() {
                None => view! { <p class="part-loading" role="status">"Computing the portfolio…"</p> }.into_any(),
                Some(computed) => view! { <Overview computed=computed/> }.into_any(),
            }}
        </section>
    }
}

/// Reads the chosen plans and computes the overview a plan at a time, between frames, so
/// no step keeps the page busy long; the result lands in `computed`.
fn compute(context: PlanContext, ids: Vec<String>, generation: StoredValue<u64>, computed: RwSignal<Option<Computed>>) {
    let mine = generation.get_value();
    let mut portfolio = Portfolio::new();
    let mut stored_ids = Vec::new();
    let mut unreadable = Vec::new();
    for id in &ids {
        match context.read_stored_plan(id) {
            Ok(plan) => {
                portfolio.add(plan, PlanSource::Stored);
                stored_ids.push(id.clone());
            }
            Err(problems) => unreadable.push(format!("{id}: {}", problems.join("; "))),
        }
    }
    let today = crate::storage::today();
    leptos::task::spawn_local(async move {
        let mut run = OverviewRun::new(&portfolio, today);
        while !run.step() {
            next_macrotask().await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
        }
        let overview = run.finish();
        let result = Computed {
            portfolio: Arc::new(portfolio),
            overview: Arc::new(overview),
            stored_ids: Arc::new(stored_ids),
            unreadable,
        };
        if generation.try_get_value() == Some(mine) {
            let _ = computed.try_set(Some(result));
        }
    });
}

/// Resolves after the browser has had a turn (a `setTimeout` of 0).
async fn next_macrotask() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(resolve.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A checkbox per plan kept in this browser.
#[component]
fn PlanChooser(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let context = use_plan();
    let toggle = move |id: String, on: bool| {
        chosen.update(|ids| {
            ids.retain(|other| *other != id);
            if on {
                ids.push(id);
            }
        })
    };
    view! {
        <fieldset class="card portfolio__chooser">
            <legend>"Plans in this portfolio"</legend>
            {move || context.plans.get().into_iter().map(|meta| {
                let id = meta.id.clone();
                let checked = chosen.with(|ids| ids.contains(&meta.id));
                view! {
                    <label class="portfolio__choice">
                        <input
                            type="checkbox"
                            data-portfolio-plan=meta.id.clone()
                            prop:checked=checked
                            on:change=move |event| toggle(id.clone(), event_target_checked(&event))
                        />
                        {meta.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn Overview(computed: Computed) -> impl IntoView {
    if computed.portfolio.members.is_empty() && computed.unreadable.is_empty() {
        return view! { <p class="portfolio__empty">"Choose two or more plans to see them together."</p> }.into_any();
    }
    let problems: Vec<String> = computed
        .unreadable
        .iter()
        .map(|problem| format!("A plan could not be read: {problem}"))
        .chain(computed.overview.problems.iter().map(|problem| problem.message.clone()))
        .collect();
    view! {
        {(!problems.is_empty()).then(|| view! {
            <ul class="banner banner--warning portfolio__problems" data-testid="portfolio-problems">
                {problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
            </ul>
        })}
        <PlanTable computed=computed.clone()/>
        <Milestones computed=computed.clone()/>
        <Overloads computed=computed/>
    }
    .into_any()
}

/// Opens a member's plan, on the timeline, with `task` selected if given.
fn open_member(context: PlanContext, view: PortfolioView, computed: &Computed, member: MemberId, task: Option<TaskId>) {
    let Some(id) = computed.stored_ids.get(member.0) else { return };
    context.open_stored(id);
    if context.plan_id.get_untracked().as_deref() == Some(id.as_str()) {
        view.set_open(false);
        context.page.set(Page::Timeline);
        context.selected_task.set(task);
    }
}

#[component]
fn PlanTable(computed: Computed) -> impl IntoView {
    let (context, portfolio_view) = (use_plan(), use_portfolio());
    let rows = computed.overview.rows.clone();
    view! {
        <section class="card portfolio__plans" aria-labelledby="portfolio-plans-title">
            <h2 id="portfolio-plans-title">"Plans"</h2>
            <table class="table" data-testid="portfolio-table">
                <thead>
                    <tr>
                        <th scope="col">"Plan"</th>
                        <th scope="col">"Start"</th>
                        <th scope="col">"Forecast finish"</th>
                        <th scope="col">"Against the baseline"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Critical risks"</th>
                        <th scope="col">"RACI errors"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let computed = computed.clone();
                        let member = row.member;
                        let risk_titles: Vec<String> =
                            row.critical_risks.iter().map(|risk| format!("{} {} ({})", risk.id, risk.title, risk.score)).collect();
                        view! {
                            <tr data-testid="portfolio-row">
                                <th scope="row">
                                    <button type="button" class="link-button" on:click=move |_| open_member(context, portfolio_view, &computed, member, None)>
                                        {row.label.clone()}
                                    </button>
                                </th>
                                <td>{row.start.to_string()}</td>
                                <td>{row.finish.to_string()}</td>
                                <td>{variance_text(&row)}</td>
                                <td>
                                    <span class=format!("portfolio__status portfolio__status--{}", row.status.label())>{row.status.title()}</span>
                                </td>
                                <td title=risk_titles.join("\n")>
                                    {row.critical_risks.len()}
                                </td>
                                <td>{row.raci_errors}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// "3 working days late", "on time", "2 working days early", or "no baseline".
fn variance_text(row: &PlanRow) -> String {
    let days = |count: i64| if count == 1 { "1 working day".to_string() } else { format!("{count} working days") };
    match row.finish_variance {
        None => "no baseline".into(),
        Some(0) => "on time".into(),
        Some(late) if late > 0 => format!("{} late", days(late)),
        Some(early) => format!("{} early", days(-early)),
    }
}

/// Every milestone of every plan by date, each placed on one shared time axis with today.
#[component]
fn Milestones(computed: Computed) -> impl IntoView {
    let (context, portfolio_view) = (use_plan(), use_portfolio());
    let milestones = computed.overview.milestones.clone();
    let today = computed.overview.today;
    let Some((first, last)) = axis(&milestones, today) else {
        return view! { <p class="portfolio__empty">"No milestones in these plans."</p> }.into_any();
    };
    let place = move |date: NaiveDate| {
        let span = (last - first).num_days().max(1) as f64;
        format!("{:.2}%", (date - first).num_days() as f64 / span * 100.0)
    };
    view! {
        <section class="card portfolio__milestones" aria-labelledby="portfolio-milestones-title">
            <h2 id="portfolio-milestones-title">"Milestones"</h2>
            <p class="portfolio__axis">{format!("From {first} to {last}; the line is today, {today}.")}</p>
            <table class="table" data-testid="portfolio-milestones">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Plan"</th>
                        <th scope="col">"Milestone"</th>
                        <th scope="col">"State"</th>
                        <th scope="col"><span class="visually-hidden">"On the time axis"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {milestones.into_iter().map(|milestone| {
                        let computed = computed.clone();
                        let label = computed.portfolio.label(milestone.member);
                        let (member, task) = (milestone.member, milestone.task.clone());
                        view! {
                            <tr data-testid="portfolio-milestone">
                                <td>{milestone.date.to_string()}</td>
                                <td>{label}</td>
                                <td>
                                    <button type="button" class="link-button" on:click=move |_| open_member(context, portfolio_view, &computed, member, Some(task.clone()))>
                                        {milestone.name.clone()}
                                    </button>
                                </td>
                                <td>{milestone_state(&milestone)}</td>
                                <td class="portfolio__track" aria-hidden="true">
                                    <span class="portfolio__today" style:left=place(today)></span>
                                    <span class=if milestone.critical { "portfolio__dot portfolio__dot--critical" } else { "portfolio__dot" } style:left=place(milestone.date)></span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}

/// The first and last day the axis shows: every milestone and today.
fn axis(milestones: &[TimelineMilestone], today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let dates = milestones.iter().map(|milestone| milestone.date);
    let first = dates.clone().min()?.min(today);
    let last = dates.max()?.max(today);
    Some((first, last))
}

/// "done", "deadline missed", "critical", or nothing.
fn milestone_state(milestone: &TimelineMilestone) -> &'static str {
    if milestone.done {
        "done"
    } else if milestone.deadline_missed {
        "deadline missed"
    } else if milestone.critical {
        "critical"
    } else {
        ""
    }
}

/// People Responsible for more tasks at once than the threshold, across the plans.
#[component]
fn Overloads(computed: Computed) -> impl IntoView {
    let workload = &computed.overview.workload;
    let lines: Vec<String> = workload
        .people
        .iter()
        .flat_map(|person| {
            person.overloads.iter().map(|overload| {
                let plans: Vec<String> =
                    overload.members.iter().map(|member| computed.portfolio.label(*member)).collect();
                format!(
                    "{}: {} tasks at once from {} to {}, in {}",
                    person.person.name,
                    overload.concurrent,
                    overload.first_day,
                    overload.last_day,
                    plans.join(", ")
                )
            })
        })
        .collect();
    let threshold = workload.threshold;
    view! {
        <section class="card portfolio__people" aria-labelledby="portfolio-people-title">
            <h2 id="portfolio-people-title">"People across the plans"</h2>
            {if lines.is_empty() {
                view! { <p>{format!("Nobody is Responsible for more than {threshold} tasks at once.")}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="portfolio-overloads">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                }
                .into_any()
            }}
        </section>
    }
}
