//! The Budget page.

use leptos::prelude::*;

#[component]
pub fn BudgetPage() -> impl IntoView {
    view! {
        <section class="budget-page" aria-labelledby="budget-title">
            <h2 id="budget-title">"Budget"</h2>
        </section>
    }
}
