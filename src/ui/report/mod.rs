//! The Status report page: the stakeholder report as of today, to copy as Markdown,
//! download or print. A part fetched when first opened.

mod page;

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};

on_demand! { report:
    /// The status report.
    pub fn report_page() -> ViewMaker {
        || view! { <page::ReportPage/> }.into_any()
    }
}
