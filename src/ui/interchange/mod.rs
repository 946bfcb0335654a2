//! MS Project XML and CSV files in, MS Project XML and Excel workbooks out: the browser's
//! side of `file::mspdi`, `file::csv_import` and `file::xlsx` (docs/interchange.md).
//!
//! A chosen or dropped file is told by its first bytes (`file::kind`): a plan file goes
//! on to the plan reader; an MS Project file opens the loss report (`loss_report`), a
//! CSV file the mapping step (`csv_mapping`), each a dialog in the `interchange` part,
//! fetched the first time such a file is opened. Nothing changes until the dialog's
//! "Import" is chosen; the import is then an import like a plan file's, which undo asks
//! before taking back.

mod csv_mapping;
mod dialog;
mod exports;
mod loss_report;

pub use exports::Export;

use crate::file::kind::{kind_of, FileKind, HEAD_BYTES};
use crate::ui::parts::{self, on_demand};
use crate::ui::state::PlanContext;

// The doors in: each a part fetched when first used.

on_demand! { exports:
    /// The exports of the "More" menu for other planners: MS Project XML, Excel.
    pub fn export_interchange(context: PlanContext, kind: Export) -> () {
        exports::export(context, kind)
    }
}

on_demand! { interchange:
    /// Reading an MS Project XML file, and its loss report before the import.
    fn open_ms_project(context: PlanContext, file: web_sys::File) -> () {
        loss_report::open_ms_project(context, file)
    }
}

on_demand! { interchange:
    /// Reading a CSV file, and its mapping step before the import.
    fn open_csv(context: PlanContext, file: web_sys::File) -> () {
        csv_mapping::open_csv(context, file)
    }
}

/// Sends an MS Project or CSV file to its reader (a part); gives a plan file back, for
/// the plan reader.
pub async fn open_unless_plan(context: PlanContext, file: web_sys::File) -> Option<web_sys::File> {
    match kind_of(&file.name(), &first_bytes(&file).await) {
        FileKind::Plan => Some(file),
        FileKind::MsProject => {
            let opening = parts::styled_action("interchange", Box::pin(open_ms_project(context, file)));
            parts::run(context, "the MS Project reader", opening);
            None
        }
        FileKind::Csv => {
            let opening = parts::styled_action("interchange", Box::pin(open_csv(context, file)));
            parts::run(context, "the CSV reader", opening);
            None
        }
    }
}

/// The file's first bytes, enough to tell its kind; none if the browser cannot read it
/// (the plan reader then says why).
async fn first_bytes(file: &web_sys::File) -> Vec<u8> {
    let Ok(head) = file.slice_with_i32_and_i32(0, HEAD_BYTES as i32) else { return Vec::new() };
    read_bytes(&head).await.unwrap_or_default()
}

/// A file's (or a slice's) bytes.
async fn read_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(|error| {
        format!("the browser could not read the file ({})", crate::storage::describe_js_error(&error))
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A refused file's problems, each as the notice lists it.
fn problems(error: &crate::file::FileError) -> Vec<String> {
    error.problems.iter().map(ToString::to_string).collect()
}
