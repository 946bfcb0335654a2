//! The stakeholder status report, the exports to other tools (timeline SVG, Mermaid,
//! iCalendar), and printing. The report on screen is drawn from the same blocks its
//! Markdown is written from (`report::status_document`), so what is shown is exactly
//! what is copied, formatted: headings, lists, tables, emphasis and status badges.

use leptos::prelude::*;

use crate::file::markdown::{markdown_blocks, MarkdownBlock, TextRun};
use crate::report::document::{to_markdown, Block, Inline, InlineStyle};
use crate::report::{status_document, status_report_against, RagStatus, STATUS_RULE};
use crate::storage;
use crate::ui::services::files::offer_download;
use crate::ui::state::{use_plan, PlanContext};

/// The report as of today against the baseline the timeline compares with, as
/// blocks, or why there is none.
fn report_blocks(context: PlanContext) -> Result<(RagStatus, Vec<Block>), String> {
    let baseline = context.baseline.get();
    context.plan.with(|plan| {
        context.schedule.with(|schedule| match schedule {
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
        context.plan.with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string())
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

/// A table of plain text cells with its header row, in a scrolling box of class `class`.
fn text_table(class: &'static str, header: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <div class=class>
            <table class="table">
                <thead><tr>{header.into_iter().map(|cell| view! { <th scope="col">{cell}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
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

/// Markdown the app wrote, drawn as text: headings, paragraphs, lists and tables.
#[component]
pub fn MarkdownView(text: String) -> impl IntoView {
    markdown_blocks(&text)
        .into_iter()
        .map(|block| match block {
            MarkdownBlock::Heading { level: 1, text } => {
                view! { <h2 class="markdown__h1">{runs(text)}</h2> }.into_any()
            }
            MarkdownBlock::Heading { text, .. } => view! { <h3 class="markdown__h2">{runs(text)}</h3> }.into_any(),
            MarkdownBlock::Paragraph(text) => view! { <p>{runs(text)}</p> }.into_any(),
            MarkdownBlock::List(items) => {
                view! { <ul>{items.into_iter().map(|item| view! { <li>{runs(item)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
            MarkdownBlock::Table { header, rows } => text_table("markdown__table", header, rows).into_any(),
        })
        .collect_view()
}

fn runs(runs: Vec<TextRun>) -> impl IntoView {
    runs.into_iter()
        .map(|run| if run.bold { view! { <strong>{run.text}</strong> }.into_any() } else { run.text.into_any() })
        .collect_view()
}

/// The exports to other tools, for the header's menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    TimelineSvg,
    Mermaid,
    MermaidCopy,
    Calendar,
}

/// Writes an export and offers it as a download (or copies it).
pub fn export(context: PlanContext, kind: Export) {
    let today = storage::today();
    let stem =
        context.plan.with_untracked(|plan| crate::file::file_name(plan).trim_end_matches(".plan.json").to_string());
    let written = context.plan.with_untracked(|plan| {
        context.schedule.with_untracked(|schedule| {
            let schedule = schedule.as_ref().map_err(|error| format!("the plan cannot be scheduled: {error}"))?;
            Ok::<String, String>(match kind {
                Export::TimelineSvg => crate::chart::timeline_svg(plan, schedule, today),
                Export::Mermaid | Export::MermaidCopy => crate::file::mermaid_gantt(plan, schedule),
                Export::Calendar => crate::file::calendar_ics(plan, schedule, utc_now()),
            })
        })
    });
    let text = match written {
        Ok(text) => text,
        Err(message) => return context.refuse(message),
    };
    match kind {
        Export::TimelineSvg => offer_download(context, &format!("{stem}.timeline.svg"), &text, "image/svg+xml"),
        Export::Mermaid => offer_download(context, &format!("{stem}.mmd"), &text, "text/plain"),
        Export::MermaidCopy => {
            copy_text(context, text, "The Mermaid gantt is copied: paste it into a ```mermaid block.")
        }
        Export::Calendar => offer_download(context, &format!("{stem}.ics"), &text, "text/calendar"),
    }
}

/// Copies text to the clipboard and says so; if the browser refuses, offers it as a
/// download instead.
pub fn copy_text(context: PlanContext, text: String, done: impl Into<String>) {
    let done = done.into();
    let Some(clipboard) = web_sys::window().map(|window| window.navigator().clipboard()) else {
        return offer_download(context, "copied.txt", &text, "text/plain");
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => context.notice.set(Some(crate::ui::state::Notice::info(done))),
            Err(_) => {
                context.notice.set(Some(crate::ui::state::Notice::info(
                    "The browser refused the clipboard; the text is downloaded instead.",
                )));
                offer_download(context, "copied.txt", &text, "text/plain");
            }
        }
    });
}

/// The browser's print dialog (the print stylesheet leaves the controls out).
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Now in UTC, for the calendar's DTSTAMP.
fn utc_now() -> chrono::NaiveDateTime {
    let milliseconds = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(milliseconds).map(|time| time.naive_utc()).unwrap_or_default()
}

/// What a view prints instead of its interactive self: the timeline as one SVG image
/// (every task, not only the rows in view), or a register or matrix as its Markdown
/// table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printout {
    Timeline,
    Raci,
    Risks,
}

/// A printout, drawn by the part that made it: `draw` shows `content`.
#[derive(Clone, Debug)]
pub struct Printed {
    draw: fn(String) -> AnyView,
    content: String,
}

/// Makes the printout of a view (the `print` part, fetched when Print is first used):
/// the timeline as an SVG image, or a register or matrix as its Markdown table.
pub fn printout(context: PlanContext, printout: Printout) -> Result<Printed, String> {
    let today = storage::today();
    let markdown = |content| Printed { draw: |text| view! { <MarkdownView text=text/> }.into_any(), content };
    context.plan.with_untracked(|plan| match printout {
        Printout::Raci => Ok(markdown(crate::file::raci_markdown(plan))),
        Printout::Risks => Ok(markdown(crate::file::risks_markdown(plan))),
        Printout::Timeline => context.schedule.with_untracked(|schedule| match schedule {
            Ok(schedule) => {
                let svg = crate::chart::timeline_svg(plan, schedule, today);
                let encoded = String::from(js_sys::encode_uri_component(&svg));
                Ok(Printed {
                    draw: |url| view! { <img class="print-only__image" src=url alt="The timeline"/> }.into_any(),
                    content: format!("data:image/svg+xml;charset=utf-8,{encoded}"),
                })
            }
            Err(error) => Err(format!("the plan cannot be scheduled: {error}")),
        }),
    })
}

/// A Print button: it draws the printout outside the app (the print stylesheet then
/// hides the app), opens the print dialog, and takes the printout away again.
#[component]
pub fn PrintButton(printout: Printout) -> impl IntoView {
    let context = use_plan();
    let content = RwSignal::new(None::<Printed>);
    let print = move |_| {
        let made = super::make_printout(context, printout);
        crate::ui::parts::run(
            context,
            "printing",
            Box::pin(async move {
                match made.await? {
                    Ok(printed) => content.set(Some(printed)),
                    Err(message) => {
                        context.refuse(message);
                        return Ok(());
                    }
                }
                // Let the printout draw (and an image decode) before the dialog opens.
                set_timeout(
                    move || {
                        print_page();
                        content.set(None);
                    },
                    std::time::Duration::from_millis(150),
                );
                Ok::<(), crate::ui::parts::PartNotLoaded>(())
            }),
        );
    };
    let title = move || context.plan.with_untracked(|plan| plan.name.clone());
    view! {
        <button type="button" class="button" data-testid="print" title="Print, or save as PDF from the print dialog" on:click=print>"Print"</button>
        {move || content.get().map(|printed| view! {
            <leptos::portal::Portal>
                <div class="print-only" data-testid="printout">
                    <h1 class="print-only__title">{title()}</h1>
                    {(printed.draw)(printed.content.clone())}
                </div>
            </leptos::portal::Portal>
        })}
    }
}
