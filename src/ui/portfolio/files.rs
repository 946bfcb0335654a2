//! Plan files in a portfolio: a plan file the user opens joins the portfolio for this
//! visit without being stored (read with the same checks as an import, big files in the
//! worker). The portfolio file names it by id and file name, so opening the same file
//! again next time brings it back; "Keep in this browser" stores it like an import.

use leptos::prelude::*;

use crate::model::{Plan, PlanId};
use crate::portfolio::file::{PlanRef, PortfolioFile};
use crate::ui::services::plan_reader::{self, ReadFailure};
use crate::ui::state::{use_plan, PlanContext};

/// Plan files opened into the portfolio in this visit: (file name, plan). Never stored.
pub type OpenedFiles = RwSignal<Vec<(String, Plan)>>;

/// "Add a plan file…" and the files opened so far, each with "Keep in this browser" and
/// "Remove".
#[component]
pub fn PlanFiles(
    file: RwSignal<PortfolioFile>,
    opened: OpenedFiles,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let context = use_plan();
    let add = move |chosen: web_sys::File| {
        let name = chosen.name();
        leptos::task::spawn_local(async move {
            match plan_reader::read_plan_file(context, &chosen).await {
                Ok(plan) => {
                    notice.set(None);
                    add_file(file, opened, name, plan);
                }
                Err(failure) => notice.set(Some(refusal(&name, failure))),
            }
            // The reader's "Reading … (n MB)…" of a big file is done with.
            if context
                .session
                .notice
                .with_untracked(|shown| shown.as_ref().is_some_and(|shown| shown.text.starts_with("Reading ")))
            {
                context.session.notice.set(None);
            }
        });
    };
    view! {
        <div class="portfolio__files" data-testid="portfolio-files">
            <crate::ui::services::files::PlanFilePicker
                label="Add a plan file…"
                input_label="Plan file to add to the portfolio"
                input_testid="portfolio-add-file"
                on_file=add
            />
            <ul class="portfolio__file-list">
                {move || opened.get().into_iter().map(|(name, plan)| view! {
                    <OpenedFile name=name plan=plan file=file opened=opened notice=notice/>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn OpenedFile(
    name: String,
    plan: Plan,
    file: RwSignal<PortfolioFile>,
    opened: OpenedFiles,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let context = use_plan();
    let id = plan.id.clone().expect("an opened file's plan has an id (add_file gives one)");
    let text = format!("{} ({name}, opened from its file, not kept in this browser)", plan.name);
    let remove_name = name.clone();
    let remove_id = id.clone();
    let remove = move |_| {
        opened.update(|files| files.retain(|(opened, _)| *opened != remove_name));
        file.update(|file| file.plans.retain(|reference| reference.id != remove_id));
    };
    let keep = move |_| match keep_in_browser(context, &plan) {
        Ok(()) => {
            opened.update(|files| files.retain(|(opened, _)| *opened != name));
            file.update(|file| {
                for reference in file.plans.iter_mut().filter(|reference| reference.id == id) {
                    reference.file = None;
                }
            });
            notice.set(None);
        }
        Err(why) => notice.set(Some(format!("\"{}\" was not kept in this browser: {why}.", plan.name))),
    };
    view! {
        <li data-testid="portfolio-file">
            <span>{text}</span>" "
            <button type="button" class="button button--quiet" data-testid="portfolio-keep-file" on:click=keep>
                "Keep in this browser"
            </button>
            <button type="button" class="button button--quiet" data-testid="portfolio-remove-file" on:click=remove>
                "Remove"
            </button>
        </li>
    }
}

/// Adds an opened plan file to the portfolio: replaces a file of the same name opened
/// before, and lists it in the portfolio file by id and file name. A plan the portfolio
/// file already lists under this file name keeps that id; one without an id of its own
/// gets a new one (for this visit: the file on disk is not changed).
fn add_file(file: RwSignal<PortfolioFile>, opened: OpenedFiles, name: String, mut plan: Plan) {
    let listed = file.with_untracked(|file| listed_id(file, &name));
    let id: PlanId = match (plan.id.clone(), listed) {
        (Some(own), _) => own,
        (None, Some(listed)) => {
            plan.id = Some(listed.clone());
            listed
        }
        (None, None) => plan.ensure_id().clone(),
    };
    opened.update(|files| {
        files.retain(|(opened, _)| *opened != name);
        files.push((name.clone(), plan));
    });
    file.update(|file| {
        file.plans.retain(|reference| reference.id != id && reference.file.as_deref() != Some(name.as_str()));
        file.plans.push(PlanRef { id, file: Some(name) });
    });
}

/// The id the portfolio file gives the plan of file `name`, if it lists one.
fn listed_id(file: &PortfolioFile, name: &str) -> Option<PlanId> {
    file.plans.iter().find(|reference| reference.file.as_deref() == Some(name)).map(|reference| reference.id.clone())
}

/// Stores an opened plan as a new plan of this browser (as an import does, without
/// opening it), then lists it with the stored plans.
fn keep_in_browser(context: PlanContext, plan: &Plan) -> Result<(), String> {
    let storage_id = crate::storage::new_plan_id();
    let text = crate::file::to_json_compact(plan);
    match context.with_store(|store| store.save_plan(&storage_id, &plan.name, &text, 0)) {
        Some(Ok(_)) => {
            context.refresh_plan_list();
            Ok(())
        }
        Some(Err(error)) => Err(error.to_string()),
        None => Err("this browser's local storage cannot be used".into()),
    }
}

/// Why a chosen file did not join, with every problem and its place.
fn refusal(name: &str, failure: ReadFailure) -> String {
    match failure {
        ReadFailure::Unreadable(why) => format!("{name} was not added to the portfolio: {why}."),
        ReadFailure::Refused(problems) => {
            format!("{name} was not added to the portfolio, and nothing changed: {}.", problems.join("; "))
        }
    }
}
