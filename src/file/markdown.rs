//! Markdown tables to paste into a wiki. Every Markdown export writes its cells
//! through `markdown_cell`, so a name can never break the table.

/// One table cell: backslashes and pipes escaped (a pipe would end the cell), line
/// breaks as `<br>` (a table row is one line).
pub fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\\' => cell.push_str("\\\\"),
            '|' => cell.push_str("\\|"),
            '\r' => {
                characters.next_if_eq(&'\n');
                cell.push_str("<br>");
            }
            '\n' => cell.push_str("<br>"),
            other => cell.push(other),
        }
    }
    cell
}

/// One table row: `| a | b |` and a line feed, each cell through `markdown_cell`.
pub fn markdown_row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let mut row = String::from("|");
    for cell in cells {
        row.push(' ');
        row.push_str(&markdown_cell(cell.as_ref()));
        row.push_str(" |");
    }
    row.push('\n');
    row
}

/// A block of the Markdown the app writes (its reports and exports), read back so the
/// app can show the same text it copies: headings, paragraphs, bullet lists and tables.
/// Inline text is a list of runs, plain or bold (`**…**`). Everything is text: the
/// app draws it with text nodes, never as HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkdownBlock {
    /// `#` is level 1, `##` level 2, and so on.
    Heading {
        level: u8,
        text: Vec<TextRun>,
    },
    Paragraph(Vec<TextRun>),
    List(Vec<Vec<TextRun>>),
    /// The header cells and the rows; escaped pipes and backslashes read back, `<br>`
    /// as a line break.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// A run of inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRun {
    pub text: String,
    pub bold: bool,
}

/// Reads the subset of Markdown the app writes into blocks (see `MarkdownBlock`).
/// Anything else reads as paragraph text, so nothing is lost.
pub fn markdown_blocks(text: &str) -> Vec<MarkdownBlock> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let hashes = trimmed.chars().take_while(|character| *character == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            blocks.push(MarkdownBlock::Heading { level: hashes as u8, text: inline_runs(trimmed[hashes..].trim()) });
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            let mut items = vec![inline_runs(item)];
            while let Some(item) = lines.peek().and_then(|next| next.trim().strip_prefix("- ")) {
                items.push(inline_runs(item));
                lines.next();
            }
            blocks.push(MarkdownBlock::List(items));
        } else if trimmed.starts_with('|') {
            let mut rows = vec![table_cells(trimmed)];
            while let Some(next) = lines.peek().map(|next| next.trim()).filter(|next| next.starts_with('|')) {
                rows.push(table_cells(next));
                lines.next();
            }
            let is_rule = |row: &Vec<String>| {
                !row.is_empty()
                    && row.iter().all(|cell| !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':')))
            };
            let header = rows.remove(0);
            if rows.first().is_some_and(is_rule) {
                rows.remove(0);
            }
            blocks.push(MarkdownBlock::Table { header, rows });
        } else {
            let mut paragraph = trimmed.to_string();
            while let Some(next) = lines.peek().map(|next| next.trim()).filter(|next| continues_paragraph(next)) {
                paragraph.push(' ');
                paragraph.push_str(next);
                lines.next();
            }
            blocks.push(MarkdownBlock::Paragraph(inline_runs(&paragraph)));
        }
    }
    blocks
}

fn continues_paragraph(line: &str) -> bool {
    !line.is_empty() && !line.starts_with('#') && !line.starts_with("- ") && !line.starts_with('|')
}

/// Plain and bold runs of one line; `\*` and a `**` without its pair stay as text.
fn inline_runs(text: &str) -> Vec<TextRun> {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let Some(length) = rest[start + 2..].find("**") else { break };
        if start > 0 {
            runs.push(TextRun { text: rest[..start].to_string(), bold: false });
        }
        runs.push(TextRun { text: rest[start + 2..start + 2 + length].to_string(), bold: true });
        rest = &rest[start + 2 + length + 2..];
    }
    if !rest.is_empty() || runs.is_empty() {
        runs.push(TextRun { text: rest.to_string(), bold: false });
    }
    runs
}

/// The cells of a table row, undoing `markdown_cell`.
fn table_cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut characters = inner.chars();
    while let Some(character) = characters.next() {
        match character {
            '\\' => match characters.next() {
                Some(escaped @ ('|' | '\\')) => cell.push(escaped),
                Some(other) => {
                    cell.push('\\');
                    cell.push(other);
                }
                None => cell.push('\\'),
            },
            '|' => cells.push(std::mem::take(&mut cell).trim().replace("<br>", "\n")),
            other => cell.push(other),
        }
    }
    if !cell.trim().is_empty() {
        cells.push(cell.trim().replace("<br>", "\n"));
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<TextRun> {
        vec![TextRun { text: text.into(), bold: false }]
    }

    #[test]
    fn the_blocks_the_app_writes_read_back() {
        let text = "# Status report: A | B\n\n**Overall status: Amber** as of 2027-02-01.\n\n- **Amber**: late\n- two\n\n## Risks\n\n| ID | Risk |\n| --- | --- |\n| R1 | a \\| b<br>c \\\\ d |\n\n…and 3 more.\n";
        let blocks = markdown_blocks(text);
        assert_eq!(
            blocks,
            [
                MarkdownBlock::Heading { level: 1, text: plain("Status report: A | B") },
                MarkdownBlock::Paragraph(vec![
                    TextRun { text: "Overall status: Amber".into(), bold: true },
                    TextRun { text: " as of 2027-02-01.".into(), bold: false },
                ]),
                MarkdownBlock::List(vec![
                    vec![TextRun { text: "Amber".into(), bold: true }, TextRun { text: ": late".into(), bold: false }],
                    plain("two"),
                ]),
                MarkdownBlock::Heading { level: 2, text: plain("Risks") },
                MarkdownBlock::Table {
                    header: vec!["ID".into(), "Risk".into()],
                    rows: vec![vec!["R1".into(), "a | b\nc \\ d".into()]],
                },
                MarkdownBlock::Paragraph(plain("…and 3 more.")),
            ]
        );
    }

    #[test]
    fn a_cell_written_by_markdown_row_reads_back_unchanged() {
        for text in ["a | b", "C:\\path\\", "x\\|y", "one\ntwo", "", "**not bold in a cell**"] {
            let row = markdown_row(["first", text]);
            assert_eq!(table_cells(row.trim_end()), ["first", text], "{row}");
        }
    }

    #[test]
    fn an_unpaired_bold_marker_stays_text() {
        assert_eq!(inline_runs("a ** b"), plain("a ** b"));
        assert_eq!(inline_runs(""), plain(""));
    }

    #[test]
    fn pipes_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(markdown_cell("a | b"), "a \\| b");
        assert_eq!(markdown_cell("C:\\path"), "C:\\\\path");
        assert_eq!(markdown_cell("one\ntwo\r\nthree\rfour"), "one<br>two<br>three<br>four");
        assert_eq!(markdown_cell("plain"), "plain");
    }

    #[test]
    fn a_row_has_a_pipe_before_and_after_every_cell() {
        assert_eq!(markdown_row(["a", "", "b|c"]), "| a |  | b\\|c |\n");
    }
}
