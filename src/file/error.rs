use serde_json::error::Category;

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

    pub(crate) fn syntax(error: &serde_json::Error) -> Self {
        let message = match error.classify() {
            Category::Eof => "the file ends too early: it looks cut short (truncated)".to_string(),
            _ => format!("this is not valid JSON: {}", strip_position(&error.to_string())),
        };
        // serde_json counts column 0 right after a line break (the end of a file that ends
        // with one); a person counts from 1.
        Self::single(
            FileErrorKind::Syntax,
            FileProblem { path: None, line: Some(error.line()), column: Some(error.column().max(1)), message },
        )
    }

    /// A type or field error inside the plan, whose text `plan_text` starts `offset`
    /// bytes into the file's `text`.
    pub(crate) fn structure(text: &str, offset: usize, plan_text: &str, error: &serde_json::Error) -> Self {
        let error_offset = super::json_path::offset_of(plan_text, error.line(), error.column());
        let path = super::json_path::path_at(plan_text, error_offset, "plan");
        let (line, column) = absolute_position(text, offset, error.line(), error.column().max(1));
        let message = strip_position(&error.to_string());
        let kind = if error.is_syntax() || error.is_eof() { FileErrorKind::Syntax } else { FileErrorKind::Structure };
        Self::single(kind, FileProblem { path: Some(path), line: Some(line), column: Some(column), message })
    }
}

/// serde_json appends " at line L column C" (the problem carries those separately) and
/// names Rust types; this says the same in the file's own terms.
fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    if message == "number out of range" {
        return "number out of range: it is too large to be read".to_string();
    }
    if message == "recursion limit exceeded" {
        return "the values are nested too deeply (more than 128 levels of lists and objects)".to_string();
    }
    let mut plain = message.to_string();
    for (rust, words) in [
        // The ranges are said in full: "a whole number, 0 or more" is wrong for 4294967296.
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number from 0 to 18446744073709551615"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected i32", "expected a whole number from -2147483648 to 2147483647"),
        ("expected a string", "expected text in quotes"),
        ("invalid type: sequence", "wrong kind of value: a list"),
        ("invalid type: map", "wrong kind of value: an object"),
        ("invalid type: string ", "wrong kind of value: the text "),
        ("expected ident", "expected a value (a name, number or text in quotes)"),
        ("expected value", "expected a value (a number, text in quotes, true, false, null, an object or a list)"),
        ("invalid type: ", "wrong kind of value: "),
        ("invalid value: ", "value out of range: "),
        ("integer `", "the number `"),
        ("floating point `", "the number `"),
    ] {
        plain = plain.replace(rust, words);
    }
    plain
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
    use super::strip_position;

    #[test]
    fn reader_messages_are_said_in_the_files_terms_without_the_position() {
        assert_eq!(
            strip_position("recursion limit exceeded at line 1 column 129"),
            "the values are nested too deeply (more than 128 levels of lists and objects)"
        );
        assert_eq!(
            strip_position("number out of range at line 3 column 20"),
            "number out of range: it is too large to be read"
        );
        assert_eq!(
            strip_position("invalid value: integer `4294967296`, expected u32 at line 2 column 9"),
            "value out of range: the number `4294967296`, expected a whole number from 0 to 4294967295"
        );
        assert_eq!(
            strip_position("invalid type: sequence, expected a string at line 1 column 1"),
            "wrong kind of value: a list, expected text in quotes"
        );
    }
}
