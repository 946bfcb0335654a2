//! Earned value as of the status date: the figures of the plan and each workstream,
//! the sentence the status report leads with, and the chart of planned value, earned
//! value and actual cost.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::analysis::earned_value::{earned_value, EarnedValue, Figures, Ratio};
use crate::chart::earned_value::{earned_value_chart, EarnedValueChart, HEIGHT, WIDTH};
use crate::model::budget::{format_amount, format_money, format_short};
use crate::model::Money;
use crate::ui::state::{use_plan, PlanContext};

/// The plan's earned value on `status_date`, against the baseline in use; `None` when
/// the plan cannot be scheduled.
fn measured(context: PlanContext, status_date: NaiveDate) -> Option<(EarnedValue, Option<EarnedValueChart>)> {
    let baseline = context.derived.baseline.get();
    context.document.plan.with(|plan| {
        context.derived.schedule.with(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let value = earned_value(plan, schedule, baseline.as_ref(), status_date);
            let chart = baseline.as_ref().and_then(|baseline| {
                let finish = schedule.finish_date_of_plan();
                earned_value_chart(plan, &schedule.calendar, baseline, &value.plan, value.budget, status_date, finish)
            });
            Some((value, chart))
        })
    })
}

#[component]
pub fn EarnedValueCard(status_date: RwSignal<NaiveDate>) -> impl IntoView {
    let context = use_plan();
    let measured = Memo::new(move |_| measured(context, status_date.get()));
    let currency = Memo::new(move |_| context.document.plan.with(|plan| plan.budget.currency.clone()));
    let has_baseline = move || context.derived.baseline.with(Option::is_some);
    view! {
        <section class="card earned-value" aria-labelledby="earned-value-title" data-testid="earned-value">
            <div class="earned-value__head">
                <h2 id="earned-value-title" class="card__title">{move || format!("Earned value on {}", status_date.get())}</h2>
                <button type="button" class="button" data-testid="budget-csv" on:click=move |_| download_csv(context, status_date.get_untracked())>"Download CSV"</button>
            </div>
            {move || (!has_baseline()).then(|| view! {
                <p class="banner banner--info" data-testid="earned-value-no-baseline">
                    "No baseline yet: nothing is planned to measure against, so only actual costs count. Set a baseline on the timeline once the costs are entered."
                </p>
            })}
            {move || measured.get().map(|(value, chart)| {
                let currency = currency.get();
                view! {
                    <p class="earned-value__sentence" data-testid="budget-sentence">{sentence(&value, &currency)}</p>
                    <FiguresTable value=value.clone() currency=currency.clone()/>
                    {chart.map(|chart| view! { <EarnedValueChartView chart=chart value=value.plan currency=currency.clone()/> })}
                    {(!value.spent_without_progress.is_empty()).then(|| {
                        let ids: Vec<String> = value.spent_without_progress.iter().map(ToString::to_string).collect();
                        view! {
                            <p class="banner banner--warning" data-testid="spent-without-progress">
                                {format!("Money is spent on {} with no progress entered: its earned value stays 0 until progress is entered.", ids.join(", "))}
                            </p>
                        }
                    })}
                }
            })}
        </section>
    }
}

/// The budget and earned value of every task, workstream and the plan as CSV.
fn download_csv(context: PlanContext, status_date: NaiveDate) {
    let baseline = context.derived.baseline.get_untracked();
    let written = context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let table = crate::report::budget_table(plan, schedule, baseline.as_ref(), status_date);
            Some((
                crate::file::budget_csv(&table),
                crate::file::file_name(plan).trim_end_matches(".plan.json").to_string(),
            ))
        })
    });
    match written {
        Some((text, stem)) => {
            crate::ui::services::files::offer_download(context, &format!("{stem}.budget.csv"), &text, "text/csv")
        }
        None => context.refuse("the plan cannot be scheduled, so it has no earned value"),
    }
}

/// "EAC 8,400 EUR against a budget of 7,500 EUR; CPI 0.83, SPI 0.75."
fn sentence(value: &EarnedValue, currency: &str) -> String {
    crate::report::budget_sentence(&crate::report::BudgetSummary {
        currency: currency.to_string(),
        budget: value.budget,
        figures: value.plan,
        baseline: None,
        spent_without_progress: value.spent_without_progress.len(),
    })
}

/// The plan's and each workstream's figures, a row each.
#[component]
fn FiguresTable(value: EarnedValue, currency: String) -> impl IntoView {
    let money = {
        let currency = currency.clone();
        move |amount: Money| format_amount(amount, &currency)
    };
    let ratio = |ratio: Option<Ratio>| ratio.map(|ratio| ratio.to_string()).unwrap_or_else(|| "–".into());
    let row = move |name: String, budget: Option<Money>, figures: Figures, class: &'static str| {
        let cpi = figures.cpi();
        let spi = figures.spi();
        view! {
            <tr class=class>
                <th scope="row">{name}</th>
                <td class="amount">{budget.map(money.clone()).unwrap_or_default()}</td>
                <td class="amount">{money(figures.bac)}</td>
                <td class="amount">{money(figures.pv)}</td>
                <td class="amount">{money(figures.ev)}</td>
                <td class="amount">{money(figures.ac)}</td>
                <td class="amount">{money(figures.cv())}</td>
                <td class="amount">{money(figures.sv())}</td>
                <td class=move || format!("amount{}", if cpi.is_some_and(Ratio::below_one) { " figure--poor" } else { "" })>{ratio(cpi)}</td>
                <td class=move || format!("amount{}", if spi.is_some_and(Ratio::below_one) { " figure--poor" } else { "" })>{ratio(spi)}</td>
                <td class="amount">{figures.eac().map(money.clone()).unwrap_or_else(|| "not yet".into())}</td>
            </tr>
        }
    };
    let workstreams = value
        .workstreams
        .iter()
        .map(|stream| {
            row(format!("{} {}", stream.task, stream.name), stream.budget, stream.figures, "earned-value__stream")
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table earned-value__table" data-testid="earned-value-table">
                <caption class="earned-value__caption">{format!("Amounts in {currency}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Plan or workstream"</th>
                        <th scope="col" class="amount">"Budget"</th>
                        <th scope="col" class="amount"><abbr title="Budget at completion: the baseline's cost">"BAC"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Planned value">"PV"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Earned value">"EV"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Actual cost">"AC"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Cost variance: EV − AC">"CV"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Schedule variance: EV − PV">"SV"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Cost performance index: EV ÷ AC">"CPI"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Schedule performance index: EV ÷ PV">"SPI"</abbr></th>
                        <th scope="col" class="amount"><abbr title="Estimate at completion">"EAC"</abbr></th>
                    </tr>
                </thead>
                <tbody>
                    {row("Whole plan".into(), Some(value.budget), value.plan, "earned-value__plan")}
                    {workstreams}
                </tbody>
            </table>
        </div>
    }
}

/// Planned value as a line, earned value and actual cost as points on the status
/// date, the forecast dashed to the estimate at completion, the budget as a level.
#[component]
fn EarnedValueChartView(chart: EarnedValueChart, value: Figures, currency: String) -> impl IntoView {
    let short = |amount: Money| format_short(amount, &currency);
    let label = format!(
        "Planned value from {} to {}; on the status date earned value {}, actual cost {}, planned {}",
        chart.first,
        chart.last,
        format_money(value.ev, &currency),
        format_money(value.ac, &currency),
        format_money(value.pv, &currency)
    );
    let forecast = chart.forecast.map(|((x1, y1), (x2, y2))| {
        view! { <line class="ev-chart__forecast" x1=x1 y1=y1 x2=x2 y2=y2></line> }
    });
    view! {
        <figure class="ev-chart">
            <svg class="ev-chart__svg" viewBox=format!("-48 -10 {} {}", WIDTH + 60.0, HEIGHT + 30.0) role="img" aria-label=label data-testid="earned-value-chart">
                <line class="ev-chart__axis" x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT></line>
                <line class="ev-chart__grid" x1="0" y1="0" x2=WIDTH y2="0"></line>
                <text class="ev-chart__tick" x="-6" y="4" text-anchor="end">{short(chart.top)}</text>
                <text class="ev-chart__tick" x="-6" y=HEIGHT + 4.0 text-anchor="end">"0"</text>
                <text class="ev-chart__tick" x="0" y=HEIGHT + 16.0>{chart.first.to_string()}</text>
                <text class="ev-chart__tick" x=WIDTH y=HEIGHT + 16.0 text-anchor="end">{chart.last.to_string()}</text>
                <line class="ev-chart__budget" x1="0" y1=chart.budget_y x2=WIDTH y2=chart.budget_y></line>
                <line class="ev-chart__status" x1=chart.status_x y1="0" x2=chart.status_x y2=HEIGHT></line>
                <path class="ev-chart__planned" d=chart.planned_path></path>
                {forecast}
                <circle class="ev-chart__actual" cx=chart.actual.0 cy=chart.actual.1 r="5"></circle>
                <rect class="ev-chart__earned" x=chart.earned.0 - 4.5 y=chart.earned.1 - 4.5 width="9" height="9"></rect>
            </svg>
            <figcaption class="ev-chart__legend">
                <span class="ev-chart__key ev-chart__key--planned">"Planned value"</span>
                <span class="ev-chart__key ev-chart__key--earned">{format!("Earned value {}", short(value.ev))}</span>
                <span class="ev-chart__key ev-chart__key--actual">{format!("Actual cost {}", short(value.ac))}</span>
                <span class="ev-chart__key ev-chart__key--forecast">"Forecast to the estimate at completion"</span>
                <span class="ev-chart__key ev-chart__key--budget">"Budget"</span>
            </figcaption>
        </figure>
    }
}
