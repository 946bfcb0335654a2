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

#[cfg(test)]
mod tests {
    use super::*;

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
