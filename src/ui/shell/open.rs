//! Plan files in and out from anywhere: a file dropped on the page or chosen with
//! "Import…" (read by a part, `reader`), and "Export".

use leptos::ev;
use leptos::prelude::*;

use crate::file;
use crate::ui::parts;
use crate::ui::services::files;
use crate::ui::services::plan_reader::{self, ReadFailure};
use crate::ui::state::{use_plan, Notice, PlanContext};

/// Opens a plan file dropped anywhere on the page.
pub fn on_drop(context: PlanContext, event: ev::DragEvent) {
    event.prevent_default();
    let Some(file) = event.data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0)) else {
        return;
    };
    import_file(context, file);
}

/// Opens a plan file the user chose or dropped. Reading files is a part, fetched the first
/// time a file is opened.
pub fn import_file(context: PlanContext, file: web_sys::File) {
    parts::run(context, "the plan file reader", Box::pin(super::import_file(context, file)));
}

/// Reads, checks and opens a plan file (the part behind [`import_file`]).
pub fn read_and_import(context: PlanContext, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        // MS Project and CSV files go to their own reader.
        let Some(file) = crate::ui::interchange::open_unless_plan(context, file).await else { return };
        match plan_reader::read_plan_file(context, &file).await {
            Ok(plan) => context.import_plan(&name, plan),
            Err(ReadFailure::Refused(problems)) => context.refuse_import(&name, problems),
            Err(ReadFailure::Unreadable(error)) => {
                context.session.notice.set(Some(Notice::error(format!("{name} was not opened: {error}."), Vec::new())))
            }
        }
    });
}

pub fn export_plan(context: PlanContext) {
    // A file that leaves the app records its edits, as a save does.
    context.stamp_if_edited();
    let (name, text) = context.document.plan.with_untracked(|plan| (file::file_name(plan), file::to_json(plan)));
    match files::download(&name, &text, "application/json") {
        // What was sent is what the colleague's copy starts from: Compare's common version.
        Ok(()) => context.remember_common_version(&context.document.plan.with_untracked(file::to_json_compact)),
        Err(error) => context
            .refuse(format!("the browser could not download the file ({})", crate::storage::describe_js_error(&error))),
    }
}

/// The picker behind "Import…": a hidden file input.
#[component]
pub fn ImportButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// Extra CSS class for the button.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let context = use_plan();
    view! {
        <files::PlanFilePicker
            label=label
            class=class
            input_label="Plan, MS Project or CSV file to open"
            input_testid="import-input"
            accept=".json,application/json,.xml,text/xml,application/xml,.csv,text/csv"
            on_file=move |file| import_file(context, file)
        />
    }
}
