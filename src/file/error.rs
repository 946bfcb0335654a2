use super::json::{Category, JsonError};

/// What kind of file problem this is, so the app can offer the right way out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileErrorKind {
    /// Larger than `MAX_FILE_BYTES`.
    TooLarge,
    /// Not JSON, or JSON cut short.
    Syntax,
    /// JSON, but not a Planwright plan file.
    NotPlanwright,
    /// Made by a newer version of Planwright.
    NewerVersion,
    /// A field is missing, unknown or of the wrong type.
    Structure,
    /// Well-formed, but breaks a rule of the plan (duplicate id, unknown reference, cycle...).
    Invalid,
}

/// One thing wrong with a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The JSON path, such as `plan.tasks[3].duration`.
    pub path: Option<String>,
    /// Line and column (from 1) where the reader stopped, for syntax and type errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FileProblem {
    pub fn message(message: impl Into<String>) -> Self {
        Self { path: None, line: None, column: None, message: message.into() }
    }

    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: Some(path.into()), ..Self::message(message) }
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut wrote_place = false;
        if let Some(path) = &self.path {
            write!(f, "{path}")?;
            wrote_place = true;
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            if wrote_place {
                write!(f, " (line {line}, column {column})")?;
            } else {
                write!(f, "line {line}, column {column}")?;
            }
            wrote_place = true;
        }
        if wrote_place {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// Why a file could not be read. Nothing was changed by the attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub kind: FileErrorKind,
    /// At least one problem; a rule check lists up to 50.
    pub problems: Vec<FileProblem>,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}

impl FileError {
    pub(crate) fn single(kind: FileErrorKind, problem: FileProblem) -> Self {
        Self { kind, problems: vec![problem] }
    }

    pub(crate) fn invalid(path: &str, message: impl Into<String>) -> Self {
        Self::single(FileErrorKind::Structure, FileProblem::at(path, message))
    }

    /// A syntax error of the file `text`.
    pub(crate) fn syntax(text: &str, error: &JsonError) -> Self {
        let message = match error.category {
            Category::Eof => "the file ends too early: it looks cut short (truncated)".to_string(),
            _ => format!("this is not valid JSON: {}", error.message),
        };
        let (line, column) = line_and_column(text, error.at.unwrap_or(text.len()));
        // A person counts columns from 1 (column 0 is right after a line break).
        Self::single(
            FileErrorKind::Syntax,
            FileProblem { path: None, line: Some(line), column: Some(column.max(1)), message },
        )
    }

    /// A type or field error inside the plan, whose text `plan_text` starts `offset`
    /// bytes into the file's `text`.
    pub(crate) fn structure(text: &str, offset: usize, plan_text: &str, error: &JsonError) -> Self {
        let at = error.at.unwrap_or(plan_text.len()).min(plan_text.len());
        let path = super::json_path::path_at(plan_text, at, "plan");
        let (line, column) = line_and_column(plan_text, at);
        let (line, column) = absolute_position(text, offset, line, column.max(1));
        let kind = if error.category == Category::Data { FileErrorKind::Structure } else { FileErrorKind::Syntax };
        Self::single(
            kind,
            FileProblem { path: Some(path), line: Some(line), column: Some(column), message: error.message.clone() },
        )
    }
}

/// The line (from 1) and column (bytes before `at` on its line) of byte `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |index| index + 1);
    (before[..line_start].iter().filter(|&&byte| byte == b'\n').count() + 1, before.len() - line_start)
}

/// Turns a line and column inside the plan's text into ones in the whole file.
fn absolute_position(text: &str, offset: usize, line: usize, column: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let lines_before = before.iter().filter(|&&byte| byte == b'\n').count();
    if line <= 1 {
        let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |index| index + 1);
        (lines_before + 1, offset - line_start + column)
    } else {
        (lines_before + line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::line_and_column;

    #[test]
    fn places_count_lines_from_1_and_the_bytes_before_on_the_line() {
        let text = "ab\ncd\n";
        assert_eq!(line_and_column(text, 0), (1, 0));
        assert_eq!(line_and_column(text, 2), (1, 2));
        assert_eq!(line_and_column(text, 3), (2, 0));
        assert_eq!(line_and_column(text, 5), (2, 2));
        assert_eq!(line_and_column(text, 6), (3, 0));
    }
}
