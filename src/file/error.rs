use super::messages;

/// What kind of file problem this is, so the app can offer the right way out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileErrorKind {
    /// Larger than `MAX_FILE_BYTES`.
    TooLarge,
    /// Not JSON, or JSON cut short.
    Syntax,
    /// JSON, but not a Planwright plan file.
    NotPlanwright,
    /// Not a file of the format being imported: an XML file that is not MS Project's,
    /// a CSV file that is not text.
    WrongFormat,
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

    /// A syntax error of the whole file.
    pub(crate) fn syntax(error: &serde_json::Error) -> Self {
        Self::single(
            FileErrorKind::Syntax,
            FileProblem {
                path: None,
                line: Some(error.line()),
                // serde_json counts column 0 right after a line break (the end of a file
                // that ends with one); a person counts from 1.
                column: Some(error.column().max(1)),
                message: messages::syntax(error),
            },
        )
    }

    /// A refusal of the plan (its JSON starts `offset` bytes into the file's `text`), at
    /// `path` inside the plan when it is known.
    pub(crate) fn in_plan(
        text: &str,
        offset: usize,
        path: Option<&serde_path_to_error::Path>,
        error: &serde_json::Error,
    ) -> Self {
        let (line, column) = absolute_position(text, offset, error.line(), error.column().max(1));
        let (kind, message) = match error.classify() {
            serde_json::error::Category::Data => (FileErrorKind::Structure, messages::data(error)),
            _ => (FileErrorKind::Syntax, messages::syntax(error)),
        };
        let path = match path {
            Some(path) => plan_path(path),
            None => "plan".to_string(),
        };
        Self::single(kind, FileProblem { path: Some(path), line: Some(line), column: Some(column), message })
    }
}

/// `plan.tasks[3].duration` from serde's path inside the plan.
fn plan_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut text = String::from("plan");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } => text.push_str(&path_segment_of_key(key, false)),
            Segment::Enum { variant } => text.push_str(&path_segment_of_key(variant, false)),
            Segment::Unknown => text.push_str("[?]"),
        }
    }
    text
}

/// A key as a step of a JSON path: `.name` (or `name` first), or `["a key"]` when it is
/// not a plain name; a long key is cut short.
pub(crate) fn path_segment_of_key(key: &str, first: bool) -> String {
    let plain = !key.is_empty()
        && key.chars().count() <= 40
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    match (plain, first) {
        (true, true) => key.to_string(),
        (true, false) => format!(".{key}"),
        (false, _) => format!("[{}]", escaped_key(key)),
    }
}

/// A key as JSON writes it (so a line break shows as `\n`), cut short when long.
fn escaped_key(key: &str) -> String {
    let short: String = key.chars().take(40).collect();
    let escaped = serde_json::to_string(&short).unwrap_or_default();
    if short.len() == key.len() {
        escaped
    } else {
        format!("{}…\" ({} characters)", escaped.trim_end_matches('"'), key.chars().count())
    }
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
    use super::*;

    #[test]
    fn a_place_in_the_plan_is_counted_from_the_start_of_the_file() {
        let text = "{\n  \"plan\": {\"a\": 1}}";
        let offset = text.find("{\"a\"").unwrap();
        // Column 3 of the plan's first line is column 13 of the file's second line.
        assert_eq!(absolute_position(text, offset, 1, 3), (2, 13));
        assert_eq!(absolute_position(text, offset, 2, 5), (3, 5));
    }

    #[test]
    fn keys_that_are_not_plain_names_are_quoted_in_paths() {
        assert_eq!(path_segment_of_key("owner", false), ".owner");
        assert_eq!(path_segment_of_key("owner", true), "owner");
        assert_eq!(path_segment_of_key("a b", false), "[\"a b\"]");
        assert!(path_segment_of_key(&"k".repeat(1000), false).len() < 80);
    }
}
