//! serde_json's refusals in words a person can act on. serde says what it expected in
//! Rust's terms (`invalid type: string "five", expected u32`); a planner reads "wrong kind
//! of value: the text "five", expected a whole number from 0 to 4294967295". Values from
//! the file are quoted cut short, so one huge value never makes a huge message.

use crate::model::text::quoted;

/// A syntax error (the text is not well-formed JSON, or a number cannot be read).
pub(crate) fn syntax(error: &serde_json::Error) -> String {
    if error.is_eof() {
        return "the file ends too early: it looks cut short (truncated)".to_string();
    }
    let message = without_position(error);
    let explained = match message.as_str() {
        "trailing comma" => "there is a comma after the last item of a list or object, where JSON allows none",
        "expected `:`" => "a `:` is missing between a field's name and its value",
        "expected `,` or `]`" => "a `,` is missing between two items of a list (or the `]` that ends it)",
        "expected `,` or `}`" => "a `,` is missing between two fields of an object (or the `}` that ends it)",
        "expected `\"`" => "a field's name must be text in quotes",
        "key must be a string" => "a field's name must be text in quotes",
        "expected value" => {
            "a value is missing or not JSON here (a number, text in quotes, true, false, null, an object or a list)"
        }
        "expected ident" => "a word JSON does not know: the only words in JSON are true, false and null",
        "invalid escape" => "a backslash in text starts an escape JSON does not know (write \\\\ for a backslash)",
        "invalid number" => "a number is not written as JSON writes numbers",
        "number out of range" => "number out of range: it is too large to be read",
        "trailing characters" => "there is more text after the end of the plan file",
        "recursion limit exceeded" => "the values are nested too deeply (more than 128 levels of lists and objects)",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "text in quotes holds a control character (such as a line break or tab): JSON writes them as \\n or \\t"
        }
        "invalid unicode code point" | "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "a \\u escape in text does not name a character"
        }
        other => return format!("this is not valid JSON: {other}"),
    };
    format!("this is not valid JSON: {explained}")
}

/// A value of the wrong kind, out of range, or a field missing, unknown or given twice.
pub(crate) fn data(error: &serde_json::Error) -> String {
    let message = without_position(error);
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return found_and_expected("wrong kind of value", rest);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return found_and_expected("value out of range", rest);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("the field {rest} is missing");
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("the field {rest} is given twice");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown_field(rest);
    }
    message
}

/// serde_json's message without the " at line L column C" it appends (the problem
/// carries the place apart).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&suffix) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

/// "`found`, expected `expected`" in words. The value found may hold ", expected " itself
/// (it comes from the file); what serde expected never does, so the last one splits them.
fn found_and_expected(what: &str, rest: &str) -> String {
    match rest.rsplit_once(", expected ") {
        Some((found, expected)) => {
            format!("{what}: {}, expected {}", found_in_words(found), expected_in_words(expected))
        }
        None => format!("{what}: {rest}"),
    }
}

fn found_in_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string \"").and_then(|rest| rest.strip_suffix('"')) {
        return format!("the text {}", quoted(text));
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(number) = found.strip_prefix(prefix) {
            return format!("the number {}", number.trim_matches('`'));
        }
    }
    match found {
        "boolean `true`" => "true".into(),
        "boolean `false`" => "false".into(),
        "unit value" => "null".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        other => other.into(),
    }
}

fn expected_in_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "a whole number from 0 to 255",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" => "a whole number from 0 to 18446744073709551615",
        "i32" => "a whole number from -2147483648 to 2147483647",
        "a string" => "text in quotes",
        "a sequence" => "a list",
        other if other.starts_with("struct ") => "an object",
        other => return other.to_string(),
    };
    words.to_string()
}

/// "`colour`, expected one of `id`, `name`, ..." with a long name cut short.
fn unknown_field(rest: &str) -> String {
    let (name, known) = match rest.split_once("`, ") {
        Some((name, known)) => (name.trim_start_matches('`'), Some(known)),
        None => (rest.trim_matches('`'), None),
    };
    let name = if name.chars().count() > 40 { quoted(name) } else { format!("`{name}`") };
    match known {
        Some(known) => format!("unknown field {name}, {known}"),
        None => format!("unknown field {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_message(json: &str) -> String {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Task {
            duration: u32,
            progress: u8,
        }
        data(&serde_json::from_str::<Task>(json).unwrap_err())
    }

    #[test]
    fn wrong_kinds_of_values_are_said_in_the_files_terms() {
        assert_eq!(
            data_message(r#"{"duration": "five"}"#),
            "wrong kind of value: the text \"five\", expected a whole number from 0 to 4294967295"
        );
        assert_eq!(
            data_message(r#"{"duration": 1, "progress": 50.5}"#),
            "wrong kind of value: the number 50.5, expected a whole number from 0 to 255"
        );
        assert_eq!(
            data_message(r#"{"duration": -1}"#),
            "value out of range: the number -1, expected a whole number from 0 to 4294967295"
        );
        assert_eq!(
            data_message(r#"{"duration": [1]}"#),
            "wrong kind of value: a list, expected a whole number from 0 to 4294967295"
        );
    }

    #[test]
    fn fields_missing_unknown_or_twice_are_named() {
        assert_eq!(data_message(r#"{"duration": 1}"#), "the field `progress` is missing");
        assert_eq!(data_message(r#"{"duration": 1, "duration": 2}"#), "the field `duration` is given twice");
        assert_eq!(data_message(r#"{"colour": 1}"#), "unknown field `colour`, expected `duration` or `progress`");
    }

    #[test]
    fn a_huge_value_gives_a_short_message() {
        let huge = format!(r#"{{"duration": "{}"}}"#, "x".repeat(1_000_000));
        let message = data_message(&huge);
        assert!(message.len() < 200, "{message}");
        let huge_key = format!(r#"{{"{}": 1}}"#, "k".repeat(1_000_000));
        assert!(data_message(&huge_key).len() < 400);
    }

    #[test]
    fn syntax_errors_are_explained() {
        let message = |json: &str| syntax(&serde_json::from_str::<serde_json::Value>(json).unwrap_err());
        assert!(message("[1, 2,]").contains("comma after the last item"));
        assert!(message(r#"{"a" 1}"#).contains("`:` is missing"));
        assert!(message("[1 2]").contains("`,` is missing"));
        assert!(message("[1, 2").contains("cut short"));
    }
}
