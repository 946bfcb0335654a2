//! The portfolio's shared timeline: a lane per plan with its milestones on one time axis,
//! today's line, and the chains that drive a plan's finish from another plan drawn as
//! bars in the lanes they pass through. Each milestone is a button that opens its plan at
//! it (a plan kept in this browser); the table of milestones by date below says the same
//! in words.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::page::{is_stored, open_member, Computed};
use super::use_portfolio;
use crate::portfolio::{ChainStep, MemberId};
use crate::ui::state::use_plan;

/// The first and last day the axis shows: every milestone, every step of a chain across
/// plans, and today.
fn axis_of(computed: &Computed) -> Option<(NaiveDate, NaiveDate)> {
    let overview = &computed.overview;
    let milestones = overview.milestones.iter().map(|milestone| (milestone.date, milestone.date));
    let steps = cross_plan_steps(computed).map(|step| (step.start, step.finish));
    let (first, last) =
        milestones.chain(steps).fold(None, |span: Option<(NaiveDate, NaiveDate)>, (start, finish)| match span {
            None => Some((start, finish)),
            Some((first, last)) => Some((first.min(start), last.max(finish))),
        })?;
    Some((first.min(overview.today), last.max(overview.today)))
}

/// Every step of the chains that cross from one plan into another.
fn cross_plan_steps(computed: &Computed) -> impl Iterator<Item = &ChainStep> {
    computed
        .overview
        .chains
        .iter()
        .filter(|chain| chain.steps.iter().any(|step| step.after.as_ref().is_some_and(|link| link.across_plans)))
        .flat_map(|chain| chain.steps.iter())
}

/// Lanes drawn in one task.
const LANES_AT_ONCE: usize = 4;

/// Where `date` sits on the axis from `first` to `last`, in percent of the track.
fn place(first: NaiveDate, last: NaiveDate, date: NaiveDate) -> f64 {
    let span = (last - first).num_days().max(1) as f64;
    (date - first).num_days() as f64 / span * 100.0
}

#[component]
pub fn SharedTimeline(computed: Computed) -> impl IntoView {
    let Some((first, last)) = axis_of(&computed) else {
        return ().into_any();
    };
    let today = computed.overview.today;
    let members: Vec<MemberId> = computed.overview.rows.iter().map(|row| row.member).collect();
    // A few lanes per task: twenty plans' hundreds of milestones at once held the page.
    let drawn = crate::ui::services::counted_up_in_turns(members.len(), LANES_AT_ONCE);
    let members = StoredValue::new(members);
    view! {
        <section class="card portfolio-chart" aria-labelledby="portfolio-chart-title" data-testid="portfolio-chart">
            <h2 id="portfolio-chart-title">"Shared timeline"</h2>
            <p class="portfolio__axis">
                {format!("From {first} to {last}; the line is today, {today}. ")}
                "A diamond is a milestone (red: critical); a bar is a chain of tasks that drives another plan's finish."
            </p>
            <div class="portfolio-chart__lanes">
                <For each=move || members.with_value(|members| members[..drawn.get()].to_vec()) key=|member| member.0 let:member>
                    <Lane computed=computed.clone() member=member first=first last=last/>
                </For>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn Lane(computed: Computed, member: MemberId, first: NaiveDate, last: NaiveDate) -> impl IntoView {
    let label = computed.portfolio.label(member);
    let today = place(first, last, computed.overview.today);
    let bars: Vec<_> = cross_plan_steps(&computed)
        .filter(|step| step.member == member && !step.milestone)
        .map(|step| {
            let (left, right) = (place(first, last, step.start), place(first, last, step.finish));
            let title = format!(
                "{} {}: {} to {}, drives a plan's finish across plans",
                step.task, step.name, step.start, step.finish
            );
            view! {
                <span
                    class="portfolio-chart__chain"
                    style:left=format!("{left:.2}%")
                    style:width=format!("{:.2}%", (right - left).max(0.4))
                    title=title
                ></span>
            }
        })
        .collect();
    let milestones: Vec<_> = computed
        .overview
        .milestones
        .iter()
        .filter(|milestone| milestone.member == member)
        .map(|milestone| {
            view! {
                <MilestoneMark
                    computed=computed.clone()
                    member=member
                    task=milestone.task.clone()
                    name=format!("{} ({}), {}", milestone.name, milestone.task, milestone.date)
                    left=place(first, last, milestone.date)
                    critical=milestone.critical
                />
            }
        })
        .collect();
    view! {
        <div class="portfolio-chart__lane" data-testid="portfolio-lane">
            <span class="portfolio-chart__label">{label}</span>
            <div class="portfolio-chart__track">
                <span class="portfolio-chart__today" aria-hidden="true" style:left=format!("{today:.2}%")></span>
                {bars}
                {milestones}
            </div>
        </div>
    }
}

#[component]
fn MilestoneMark(
    computed: Computed,
    member: MemberId,
    task: crate::model::TaskId,
    name: String,
    left: f64,
    critical: bool,
) -> impl IntoView {
    let (context, portfolio_view) = (use_plan(), use_portfolio());
    let class = if critical {
        "portfolio-chart__milestone portfolio-chart__milestone--critical"
    } else {
        "portfolio-chart__milestone"
    };
    let stored = is_stored(&computed, member);
    let label = if stored { format!("Open {name}") } else { format!("{name} (opened from its file)") };
    view! {
        <button
            type="button"
            class=class
            style:left=format!("{left:.2}%")
            aria-label=label.clone()
            title=label
            aria-disabled=(!stored).then_some("true")
            data-testid="portfolio-chart-milestone"
            on:click=move |_| {
                if stored {
                    open_member(context, portfolio_view, &computed, member, Some(task.clone()));
                }
            }
        ></button>
    }
}
