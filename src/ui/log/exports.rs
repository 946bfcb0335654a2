//! The Log's exports: the open tab's entries as CSV, and the whole log as Markdown to
//! copy into a mail or a wiki or to download (`file::log_csv`, `file::log_markdown`).

use leptos::prelude::*;

use super::page::LogView;
use crate::model::LogKind;
use crate::ui::services::clipboard::copy_text;
use crate::ui::services::files::offer_download;

/// "assumptions", "issues", "decisions": the CSV file's last name part.
fn plural(kind: LogKind) -> &'static str {
    match kind {
        LogKind::Assumption => "assumptions",
        LogKind::Issue => "issues",
        LogKind::Decision => "decisions",
    }
}

#[component]
pub fn LogExports(log: LogView) -> impl IntoView {
    let context = log.context;
    let stem = move || {
        context
            .document
            .plan
            .with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string())
    };
    let csv = move |_| {
        let kind = log.tab.get_untracked();
        let text = context.document.plan.with_untracked(|plan| crate::file::log_csv(plan, kind));
        offer_download(context, &format!("{}.{}.csv", stem(), plural(kind)), &text, "text/csv");
    };
    let markdown = move || context.document.plan.with_untracked(|plan| crate::file::log_markdown(plan, log.today));
    let copy = move |_| copy_text(context, markdown(), "The log is copied as Markdown.");
    let download = move |_| offer_download(context, &format!("{}.log.md", stem()), &markdown(), "text/markdown");
    view! {
        <span class="toolbar__spacer"></span>
        <button type="button" class="button" data-testid="log-csv" on:click=csv
            title=move || format!("The {} as a CSV file", plural(log.tab.get()))>"Download CSV"</button>
        <button type="button" class="button" data-testid="log-markdown-copy" on:click=copy>"Copy log as Markdown"</button>
        <button type="button" class="button" data-testid="log-markdown-download" on:click=download>"Download .md"</button>
    }
}
