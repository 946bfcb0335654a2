//! The RAID log beside the risk register: assumptions, issues and decisions, a tab
//! each (`page`). A part fetched when first opened.

mod change_requests;
mod page;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { log:
    /// The Log page.
    pub fn log_page() -> ViewMaker {
        || view! { <page::LogPage/> }.into_any()
    }
}
