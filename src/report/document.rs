//! A report as a short list of typed blocks (headings, paragraphs, lists, tables, a
//! rule), so one text can be both copied as Markdown ([`to_markdown`]) and drawn as
//! HTML by the app, and what is shown is exactly what is copied.

use crate::file::markdown::{markdown_cell, markdown_row};

use super::status::RagStatus;

/// How a run of text is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineStyle {
    Plain,
    /// Bold: `**…**`.
    Strong,
    /// Italic: `*…*`.
    Emphasis,
    /// Text that states a red, amber or green status ("Red", "Overall status: Red"):
    /// bold in Markdown; the app draws it as a badge in the status's colour.
    Status(RagStatus),
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub style: InlineStyle,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), style: InlineStyle::Plain }
    }

    pub fn strong(text: impl Into<String>) -> Self {
        Self { text: text.into(), style: InlineStyle::Strong }
    }

    pub fn emphasis(text: impl Into<String>) -> Self {
        Self { text: text.into(), style: InlineStyle::Emphasis }
    }

    /// Text that states `status`.
    pub fn status(status: RagStatus, text: impl Into<String>) -> Self {
        Self { text: text.into(), style: InlineStyle::Status(status) }
    }
}

/// Inline text: runs one after the other.
pub type Text = Vec<Inline>;

/// One block of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the report's title, level 2 a section.
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph(Text),
    /// A bullet list, one text per item.
    List(Vec<Text>),
    /// Header cells, then rows of plain cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A horizontal rule: what follows is apart from the report (its status rule).
    Rule,
}

impl Block {
    /// A paragraph of one plain run.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self::Paragraph(vec![Inline::plain(text)])
    }

    /// A level-2 heading of one plain run.
    pub fn section(title: impl Into<String>) -> Self {
        Self::Heading { level: 2, text: vec![Inline::plain(title)] }
    }
}

/// The blocks as GitHub-flavoured Markdown, one blank line between blocks. Every
/// run and cell goes through `markdown_cell`, so no name can break the layout.
pub fn to_markdown(blocks: &[Block]) -> String {
    blocks.iter().map(block_markdown).collect::<Vec<_>>().join("\n")
}

fn block_markdown(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => format!("{} {}\n", "#".repeat(usize::from(*level)), text_markdown(text)),
        Block::Paragraph(text) => format!("{}\n", text_markdown(text)),
        Block::List(items) => items.iter().map(|item| format!("- {}\n", text_markdown(item))).collect(),
        Block::Table { header, rows } => {
            let mut table = markdown_row(header);
            table.push('|');
            for _ in header {
                table.push_str(" --- |");
            }
            table.push('\n');
            for row in rows {
                table.push_str(&markdown_row(row));
            }
            table
        }
        Block::Rule => "---\n".to_string(),
    }
}

fn text_markdown(text: &[Inline]) -> String {
    text.iter()
        .map(|run| {
            let cell = markdown_cell(&run.text);
            match run.style {
                InlineStyle::Plain => cell,
                InlineStyle::Strong | InlineStyle::Status(_) => format!("**{cell}**"),
                InlineStyle::Emphasis => format!("*{cell}*"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_write_as_markdown_with_a_blank_line_between_them() {
        let blocks = [
            Block::Heading { level: 1, text: vec![Inline::plain("Status report: A|B")] },
            Block::Paragraph(vec![Inline::strong("Overall"), Inline::plain(" as of today")]),
            Block::List(vec![
                vec![Inline::status(RagStatus::Red, "Red"), Inline::plain(": late.")],
                vec![Inline::plain("b")],
            ]),
            Block::Table { header: vec!["ID".into(), "Name".into()], rows: vec![vec!["T1".into(), "x|y".into()]] },
            Block::Rule,
            Block::Paragraph(vec![Inline::emphasis("Rule."), Inline::plain(" Red when…")]),
        ];
        assert_eq!(
            to_markdown(&blocks),
            "# Status report: A\\|B\n\n**Overall** as of today\n\n- **Red**: late.\n- b\n\n| ID | Name |\n| --- | --- |\n| T1 | x\\|y |\n\n---\n\n*Rule.* Red when…\n"
        );
    }

    #[test]
    fn a_line_break_in_a_name_cannot_end_its_block() {
        let blocks = [Block::List(vec![vec![Inline::plain("two\nlines")]])];
        assert_eq!(to_markdown(&blocks), "- two<br>lines\n");
    }
}
