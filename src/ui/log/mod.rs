//! The RAID log beside the risk register: assumptions, issues and decisions, a tab
//! each (`page`), the table of the tab's entries (`table`; which rows, in which order,
//! is `model::log_table`), and the side panel that edits one entry (`panel`: the kind's
//! fields in `entry_fields`, its actions and questions in `actions`); change requests
//! have the fourth tab (`change_requests`). A part fetched when first opened.

mod actions;
mod change_requests;
mod entry_fields;
mod exports;
mod page;
mod panel;
mod table;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { log:
    /// The Log page.
    pub fn log_page() -> ViewMaker {
        || view! { <page::LogPage/> }.into_any()
    }
}
