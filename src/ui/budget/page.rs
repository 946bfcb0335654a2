//! The Budget page: the plan's currency and budget, earned value as of a status date
//! with its chart (`figures`), people's day rates and each task's costs (`costs`).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::costs::{DayRatesCard, TaskCostsCard};
use super::figures::EarnedValueCard;
use crate::model::budget::{format_amount, parse_amount, COMMON_CURRENCIES};
use crate::model::dates::{format_iso_date, parse_iso_date};
use crate::model::Command;
use crate::storage;
use crate::ui::state::use_plan;
use crate::ui::widgets::CommitInput;

#[component]
pub fn BudgetPage() -> impl IntoView {
    let status_date = RwSignal::new(storage::today());
    view! {
        <div class="page budget-page">
            <BudgetTerms status_date=status_date/>
            <EarnedValueCard status_date=status_date/>
            <div class="budget-page__tables">
                <DayRatesCard/>
                <TaskCostsCard/>
            </div>
        </div>
    }
}

/// The currency, the plan's budget and the status date the figures are taken on.
#[component]
fn BudgetTerms(status_date: RwSignal<NaiveDate>) -> impl IntoView {
    let context = use_plan();
    let currency = Memo::new(move |_| context.document.plan.with(|plan| plan.budget.currency.clone()));
    let total = move || context.document.plan.with(|plan| plan.budget.total);
    let set_terms = move |currency: String, total: Option<crate::model::Money>| {
        context.dispatch(Command::SetBudgetTerms { currency, total }).is_ok()
    };
    let set_currency = move |text: String| set_terms(text.trim().to_uppercase(), total());
    let set_total = move |text: String| match text.trim() {
        "" => set_terms(currency.get_untracked(), None),
        text => match parse_amount(text, &currency.get_untracked()) {
            Ok(amount) => set_terms(currency.get_untracked(), Some(amount)),
            Err(message) => {
                context.refuse(message);
                false
            }
        },
    };
    let set_status_date = move |text: String| match parse_iso_date(&text) {
        Ok(date) => {
            status_date.set(date);
            true
        }
        Err(message) => {
            context.refuse(message);
            false
        }
    };
    view! {
        <section class="card" aria-labelledby="budget-terms-title">
            <h2 id="budget-terms-title" class="card__title">"Budget"</h2>
            <div class="form-grid budget-terms">
                <label class="field">
                    <span class="field__label">"Currency"</span>
                    <CommitInput label="Currency" class="budget-terms__currency" value=Signal::derive(move || currency.get())
                        on_commit=Callback::new(set_currency)/>
                    <span class="field__hint">{format!("A three-letter code: {}…", COMMON_CURRENCIES[..6].join(", "))}</span>
                </label>
                <label class="field">
                    <span class="field__label">{move || format!("Plan budget ({})", currency.get())}</span>
                    <CommitInput label="Plan budget" value=Signal::derive(move || {
                            total().map(|amount| format_amount(amount, &currency.get())).unwrap_or_default()
                        })
                        on_commit=Callback::new(set_total)/>
                </label>
                <label class="field">
                    <span class="field__label">"Status date"</span>
                    <CommitInput label="Status date" kind="date"
                        value=Signal::derive(move || format_iso_date(status_date.get()))
                        on_commit=Callback::new(set_status_date)/>
                </label>
            </div>
            <p class="budget-terms__hint">
                "Amounts are exact, in the currency's smallest unit. A task costs its fixed cost plus the day rates of its Responsible people (R or A/R) for each working day. "
                "Earned value is measured against the baseline chosen on the timeline: take a baseline after entering costs, so it keeps them."
            </p>
        </section>
    }
}
