//! The chart's toolbar (zoom, fit, today, baseline, toggles, Keys) and its Keys panel.

use leptos::prelude::*;

use super::Chart;
use crate::chart::Zoom;
use crate::model::dates::format_iso_date;
use crate::storage;
use crate::ui::state::PlanContext;

impl Chart {
    pub fn toolbar(self) -> impl IntoView {
        let Chart { context, state, .. } = self;
        let (zoom, fitted) = (state.zoom, state.fitted_pixels_per_day);
        let (highlight_critical, show_overlaps, help_open) =
            (state.highlight_critical, state.show_overlaps, state.help_open);
        view! {
            <div class="toolbar gantt__toolbar" role="toolbar" aria-label="Chart">
                <span class="field__label">"Zoom"</span>
                <div class="segmented" role="group" aria-label="Zoom">
                    {Zoom::ALL.into_iter().map(|level| view! {
                        <button type="button" class="segmented__option" aria-pressed=move || (zoom.get() == level && fitted.get().is_none()).to_string()
                            on:click=move |_| {
                                fitted.set(None);
                                zoom.set(level);
                            }>{level.label()}</button>
                    }).collect_view()}
                </div>
                <button type="button" class="button" aria-pressed=move || fitted.get().is_some().to_string() on:click=move |_| self.fit()>"Fit plan"</button>
                <button type="button" class="button" on:click=move |_| self.scroll_to_today()>"Today"</button>
                <button type="button" class="button" data-testid="set-baseline" title="Keep today's dates to measure slippage against" on:click=move |_| set_baseline(context)>"Set baseline"</button>
                <crate::ui::services::print::TimelinePrintMenu/>
                {baseline_choice(context)}
                <label class="gantt__toggle">
                    <input type="checkbox" prop:checked=move || highlight_critical.get()
                        on:change=move |event| highlight_critical.set(event_target_checked(&event))/>
                    "Critical path"
                </label>
                <label class="gantt__toggle" title="Flag tasks whose Responsible person is Responsible for another task at the same time">
                    <input type="checkbox" data-testid="show-overlaps" prop:checked=move || show_overlaps.get()
                        on:change=move |event| show_overlaps.set(event_target_checked(&event))/>
                    "Overlaps"
                </label>
                <crate::ui::widgets::CountWorkElsewhere label="In other plans too" class="gantt__toggle"/>
                <button type="button" class="button" data-testid="chart-keys" aria-expanded=move || help_open.get().to_string()
                    title="Keys and mouse gestures of the chart (?)" on:click=move |_| help_open.update(|open| *open = !*open)>"Keys"</button>
            </div>
        }
    }

    /// The Keys panel, while open (its tables are a part fetched when first shown).
    pub fn keys_panel(self) -> impl IntoView {
        let help_open = self.state.help_open;
        view! {
            <Show when=move || help_open.get()>
                <section class="gantt__help" data-testid="chart-help" aria-label="Chart keys">
                    {crate::ui::parts::show("the chart's keys", || Box::pin(super::super::chart_help()))}
                    <button type="button" class="button" on:click=move |_| help_open.set(false)>"Close"</button>
                </section>
            </Show>
        }
    }
}

/// The baseline the chart and the grid compare with.
fn baseline_choice(context: PlanContext) -> impl IntoView {
    view! {
        <label class="gantt__toggle">
            <span class="visually-hidden">"Compare with baseline"</span>
            <select class="input" aria-label="Compare with baseline" data-testid="baseline-choice" on:change=move |event| {
                let value = event_target_value(&event);
                context.view.baseline_choice.set((!value.is_empty()).then_some(crate::model::BaselineId(value)));
            }>
                <option value="" selected=move || context.view.baseline_choice.get().is_none()>"Latest baseline"</option>
                {move || context.document.plan.with(|plan| plan.baselines.iter().rev().map(|baseline| {
                    let id = baseline.id.clone();
                    let selected = context.view.baseline_choice.get_untracked().as_ref() == Some(&id);
                    view! { <option value=id.to_string() selected=selected>{format!("{}: {}", baseline.id, baseline.name)}</option> }
                }).collect_view())}
                <option value=crate::ui::state::NO_BASELINE>"No baseline"</option>
            </select>
        </label>
    }
}

/// Keeps the current dates of every task as a new baseline (one undo step).
fn set_baseline(context: PlanContext) {
    let today = storage::today();
    let made = context.document.plan.with_untracked(|plan| {
        context.derived.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().ok()?;
            let id = plan.next_baseline_id();
            let name = format!("Baseline of {}", format_iso_date(today));
            let mut baselines = plan.baselines.clone();
            baselines.push(crate::schedule::take_baseline(plan, schedule, id.clone(), name, today));
            Some((id, baselines))
        })
    });
    let Some((id, baselines)) = made else {
        return context.refuse("the plan cannot be scheduled, so there are no dates to keep");
    };
    if context.dispatch(crate::model::Command::SetBaselines(baselines)).is_ok() {
        context.view.baseline_choice.set(None);
        context.session.notice.set(Some(crate::ui::Notice::info(format!(
            "Baseline {id} set: the chart shows it under each bar and the grid shows the variance."
        ))));
    }
}
