//! Opening an MS Project XML file: read with `file::mspdi::read`, then the loss report,
//! every sentence of what could not be carried with the tasks it concerns, before the
//! import is confirmed. A refused file (XML that is not MS Project's, a file cut short,
//! a link cycle, a file over the size cap) is reported with its problems; nothing changes.

use leptos::prelude::*;

use super::dialog::{self, ImportDialog};
use super::problems;
use crate::file::mspdi::{self, Imported, Loss};
use crate::ui::state::PlanContext;

/// Reads an MS Project file and shows its loss report (the part behind
/// `open_unless_plan`).
pub fn open_ms_project(context: PlanContext, file: web_sys::File) {
    let file_name = file.name();
    leptos::task::spawn_local(async move {
        // Refused by its size before it is read, as plan files are.
        if let Err(error) = crate::file::check_size(file.size() as usize) {
            return context.refuse_import(&file_name, problems(&error));
        }
        let text = match crate::ui::services::files::read_text(&file).await {
            Ok(text) => text,
            Err(error) => return context.refuse_import(&file_name, vec![error]),
        };
        match mspdi::read(&text) {
            Ok(imported) => {
                dialog::show(move || view! { <LossReport context=context file_name=file_name imported=imported/> })
            }
            Err(error) => context.refuse_import(&file_name, problems(&error)),
        }
    });
}

/// What the file holds, what it loses, and "Import" or "Cancel".
#[component]
fn LossReport(
    /// The app's plan context, which the import opens the plan in.
    context: PlanContext,
    /// The file's name, for the title and the import's record.
    file_name: String,
    /// The plan read from the file and what it could not carry.
    imported: Imported,
) -> impl IntoView {
    let Imported { plan, losses, .. } = imported;
    let title = format!("Open \u{201c}{}\u{201d} from {file_name}", plan.name);
    let contents = contents(&plan);
    let plan = StoredValue::new(plan);
    let on_confirm = Callback::new(move |()| context.import_plan(&file_name, plan.get_value()));
    view! {
        <ImportDialog title=title testid="loss-report" can_confirm=true on_confirm=on_confirm>
            <p class="import-dialog__summary" data-testid="loss-report-contents">{contents}</p>
            <LossList losses=losses/>
        </ImportDialog>
    }
}

/// "42 tasks, 40 links, 5 people and a baseline."
fn contents(plan: &crate::model::Plan) -> String {
    let count = |number: usize, one: &str, many: &str| match number {
        1 => format!("1 {one}"),
        number => format!("{number} {many}"),
    };
    let baseline = if plan.baselines.is_empty() { "no baseline" } else { "its first baseline" };
    format!(
        "The file holds {}, {} and {}, with {baseline}.",
        count(plan.tasks.len(), "task", "tasks"),
        count(plan.dependencies.len(), "link", "links"),
        count(plan.people.len(), "person", "people"),
    )
}

/// Each loss as its sentence, or that nothing was lost.
#[component]
fn LossList(
    /// The losses, one per kind, in the order `mspdi::read` gives them.
    losses: Vec<Loss>,
) -> impl IntoView {
    if losses.is_empty() {
        return view! { <p class="import-dialog__good" data-testid="no-losses">"Everything in the file is carried."</p> }
            .into_any();
    }
    view! {
        <p>"What Planwright cannot carry, and the tasks concerned:"</p>
        <ul class="import-dialog__losses" data-testid="losses">
            {losses.iter().map(|loss| view! { <li data-testid="loss">{loss.to_string()}</li> }).collect_view()}
        </ul>
        <p class="import-dialog__hint">"The file itself is not changed. Cancel leaves everything as it was."</p>
    }
    .into_any()
}
