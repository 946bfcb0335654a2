//! The Plan page: the plan's name, objectives, start, working calendar and people.

mod page;

pub use page::PeopleCard;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { plan:
    /// The Plan page (name, calendar, people).
    pub fn plan_page() -> ViewMaker {
        || view! { <page::PlanPage/> }.into_any()
    }
}
