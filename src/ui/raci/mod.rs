//! The RACI matrix: the plan's tasks by its people, one role per cell, checked live
//! against the plan and its schedule. A part fetched when first opened.

mod page;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { raci:
    /// The RACI page.
    pub fn raci_page() -> ViewMaker {
        || view! { <page::RaciPage/> }.into_any()
    }
}
