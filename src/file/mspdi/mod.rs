//! MS Project XML (MSPDI, the Project XML Data Interchange format): read into a plan
//! with every loss named (`read`), and written from a plan so that MS Project,
//! GanttProject and ProjectLibre open it (`write`). Pure, like the rest of `file`; the
//! app runs it in a part fetched on demand. docs/interchange.md says what is carried
//! each way.
//!
//! ```text
//! <Project xmlns="http://schemas.microsoft.com/project">
//!   <Calendars>…</Calendars> <Tasks>…</Tasks> <Resources>…</Resources> <Assignments>…</Assignments>
//! </Project>
//! ```

mod calendar;
mod document;
mod links;
mod losses;
mod people;
mod read;
mod tasks;
mod uids;
mod units;
mod write;
mod xml_check;

pub use losses::{Loss, LossKind};
pub use read::IMPORTED_BASELINE_NAME;
pub use uids::{person_uids, task_uids};
pub use write::write;
pub use xml_check::MSPDI_NAMESPACE;

use chrono::NaiveDate;

use crate::file::FileError;
use crate::model::Plan;

/// What an MS Project file became: the plan, and what could not be carried.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// A valid plan, as `model::validate` checks any plan.
    pub plan: Plan,
    /// What the plan lacks of the file, one entry per kind, in a fixed order.
    pub losses: Vec<Loss>,
    /// The dates MS Project stored for each task, in the plan's task order, to compare
    /// with Planwright's schedule of the imported plan.
    pub ms_project_dates: Vec<MsProjectDates>,
}

/// One task's Start and Finish as the file has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MsProjectDates {
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Automatically scheduled, a whole number of working days, on the project
    /// calendar: Planwright's schedule should give the same dates.
    pub comparable: bool,
}

/// Reads an MS Project XML file, or says what is wrong with it (where it can, the line
/// and column or the task). Nothing is changed by a refused file.
pub fn read(text: &str) -> Result<Imported, FileError> {
    read::read(text)
}
