//! Text drawn as HTML: Markdown the app wrote, and tables of plain text cells.

use leptos::prelude::*;

use crate::file::markdown::{markdown_blocks, MarkdownBlock, TextRun};

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

/// A table of plain text cells with its header row, in a scrolling box of class `class`.
pub fn text_table(class: &'static str, header: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
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
