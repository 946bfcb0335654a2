//! The Status report page: the stakeholder report as of today, to copy as Markdown,
//! download or print. A part fetched when first opened.

mod page;

pub use page::{copy_text, export, Export, PrintButton, Printed, Printout};

use leptos::prelude::*;

use crate::ui::parts::{on_demand, ViewMaker};
use crate::ui::state::PlanContext;

on_demand! { report:
    /// The status report.
    pub fn report_page() -> ViewMaker {
        || view! { <page::ReportPage/> }.into_any()
    }
}

on_demand! { exports:
    /// The exports of the "More" menu: timeline SVG, Mermaid, calendar.
    pub fn export_file(context: PlanContext, kind: Export) -> () {
        export(context, kind)
    }
}

on_demand! { print:
    /// What a Print button prints (the timeline's SVG, a view's Markdown table).
    pub fn make_printout(context: PlanContext, printout: Printout) -> Result<Printed, String> {
        page::printout(context, printout)
    }
}
