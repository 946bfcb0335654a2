//! The stakeholder status report on screen. It is drawn from the same blocks its
//! Markdown is written from (`report::status_document`), so what is shown is exactly
//! what is copied, formatted: headings, lists, tables, emphasis and status badges.

use leptos::prelude::*;

use crate::report::document::{to_markdown, Block, Inline, InlineStyle};
use crate::report::{status_document, status_report_against, RagStatus, STATUS_RULE};
use crate::storage;
use crate::ui::services::clipboard::copy_text;
use crate::ui::services::files::offer_download;
use crate::ui::services::print::print_page;
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::text_table;

/// The report as of today against the baseline the timeline compares with, as
/// blocks, or why there is none.
fn report_blocks(context: PlanContext) -> Result<(RagStatus, Vec<Block>), String> {
    let baseline = context.derived.baseline.get();
    context.document.plan.with(|plan| {
        context.derived.schedule.with(|schedule| match schedule {
            Ok(schedule) => {
                let report = status_report_against(plan, schedule, baseline.as_ref(), storage::today());
                Ok((report.status, status_document(&report)))
            }
            Err(error) => Err(format!("The plan cannot be scheduled, so there is no report: {error}")),
        })
    })
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let context = use_plan();
    let report = Memo::new(move |_| report_blocks(context));
    let markdown = move || report.with_untracked(|report| report.as_ref().ok().map(|(_, blocks)| to_markdown(blocks)));
    let file_stem = move || {
        context
            .document
            .plan
            .with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string())
    };
    let copy = move |_| {
        if let Some(text) = markdown() {
            copy_text(context, text, "The status report is copied as Markdown.");
        }
    };
    let download = move |_| {
        if let Some(text) = markdown() {
            offer_download(context, &format!("{}.status.md", file_stem()), &text, "text/markdown");
        }
    };
    view! {
        <div class="page report-page">
            <div class="toolbar" role="toolbar" aria-label="Status report">
                <button type="button" class="button button--primary" data-testid="report-copy" on:click=copy>"Copy as Markdown"</button>
                <button type="button" class="button" data-testid="report-download" on:click=download>"Download .md"</button>
                <button type="button" class="button" data-testid="report-print" on:click=move |_| print_page()>"Print"</button>
                <span class="toolbar__summary">"As of today, against the baseline chosen on the timeline."</span>
            </div>
            {move || match report.get() {
                Ok((status, blocks)) => view! {
                    <article class=format!("card report report--{}", status.label()) data-testid="status-report" data-status=status.label()>
                        <ReportBlocks blocks=blocks/>
                    </article>
                }.into_any(),
                Err(message) => view! { <p class="banner banner--warning">{message}</p> }.into_any(),
            }}
            <details class="card report__rule">
                <summary>"How the overall status is decided"</summary>
                <p>{STATUS_RULE}</p>
            </details>
        </div>
    }
}

/// A report's blocks as HTML: the title and section headings, paragraphs, bullet
/// lists, tables (with a header row), a rule, and inline strong, emphasis and status
/// badges. Everything is text: names are never read as HTML.
#[component]
pub fn ReportBlocks(
    /// The blocks, in order.
    blocks: Vec<Block>,
) -> impl IntoView {
    blocks.into_iter().map(report_block).collect_view()
}

fn report_block(block: Block) -> AnyView {
    match block {
        Block::Heading { level: 1, text } => view! { <h2 class="report__title">{inline_runs(text)}</h2> }.into_any(),
        Block::Heading { text, .. } => view! { <h3 class="report__section">{inline_runs(text)}</h3> }.into_any(),
        Block::Paragraph(text) => view! { <p>{inline_runs(text)}</p> }.into_any(),
        Block::List(items) => view! {
            <ul class="report__list">{items.into_iter().map(|item| view! { <li>{inline_runs(item)}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Table { header, rows } => text_table("report__table", header, rows).into_any(),
        Block::Rule => view! { <hr class="report__rule-line"/> }.into_any(),
    }
}

fn inline_runs(text: Vec<Inline>) -> impl IntoView {
    text.into_iter()
        .map(|run| match run.style {
            InlineStyle::Plain => run.text.into_any(),
            InlineStyle::Strong => view! { <strong>{run.text}</strong> }.into_any(),
            InlineStyle::Emphasis => view! { <em>{run.text}</em> }.into_any(),
            InlineStyle::Status(status) => view! {
                <strong class=format!("report__status report__status--{}", status.label())>{run.text}</strong>
            }
            .into_any(),
        })
        .collect_view()
}
