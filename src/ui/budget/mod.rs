//! The budget: the plan's currency and budget, people's day rates, each task's costs,
//! and earned value with its chart (`page`). A part fetched when first opened.

mod costs;
mod figures;
mod page;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { budget:
    /// The Budget page.
    pub fn budget_page() -> ViewMaker {
        || view! { <page::BudgetPage/> }.into_any()
    }
}
