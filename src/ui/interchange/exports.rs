//! The exports for other planners in the header's "More" menu: the plan as MS Project
//! XML, and as an Excel workbook (timeline, RACI matrix, risk register, and the RAID log
//! and budget when the plan has them). In the `exports`
//! part, with the other exports.

use leptos::prelude::{GetUntracked, WithUntracked};

use crate::file::{mspdi, xlsx};
use crate::storage;
use crate::ui::services::files::{download_bytes, offer_download};
use crate::ui::state::PlanContext;

/// The media type of an .xlsx workbook.
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The exports of this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// `<plan>.xml`, which MS Project, GanttProject and ProjectLibre open.
    MsProject,
    /// `<plan>.xlsx`, with the schedule's dates.
    Excel,
}

/// Writes the export and offers it as a download, named after the plan.
pub fn export(context: PlanContext, kind: Export) {
    let stem = context
        .document
        .plan
        .with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string());
    match kind {
        Export::MsProject => {
            let text = context.document.plan.with_untracked(mspdi::write);
            offer_download(context, &format!("{stem}.xml"), &text, "application/xml");
        }
        Export::Excel => {
            let baseline = context.derived.baseline.get_untracked();
            let written = context.document.plan.with_untracked(|plan| {
                context.derived.schedule.with_untracked(|schedule| match schedule {
                    Ok(schedule) => {
                        let today = storage::today();
                        // A Budget sheet when the plan has money set, measured as the Budget view does.
                        let budget = (!plan.budget.is_unset())
                            .then(|| crate::report::budget_table(plan, schedule, baseline.as_ref(), today));
                        Ok(xlsx::workbook_with_budget(plan, schedule, today, budget.as_ref()))
                    }
                    Err(error) => Err(format!("the plan cannot be scheduled: {error}")),
                })
            });
            match written {
                Ok(bytes) => {
                    if download_bytes(&format!("{stem}.xlsx"), &bytes, XLSX_TYPE).is_err() {
                        context.refuse("the browser did not offer the download");
                    }
                }
                Err(message) => context.refuse(message),
            }
        }
    }
}
